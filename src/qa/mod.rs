//! Checks on a translation that a desk editor can trust before it goes out,
//! and a bilingual review page.
//!
//! A [`Story`] holds source and target text per unit and segment (from a
//! returned XLIFF file, a translated article, or a map of translations);
//! a [`Checker`] runs every [`Check`] on it and returns [`Finding`]s with
//! their position: the unit, the segment, and the offending [`Span`] in the
//! source and in the target. Each check has a default [`Severity`]; a
//! [`Mode`] and per-check overrides decide which findings refuse an import
//! ([`Checker::refuses`]). [`Review`] writes the page an editor reads.
//!
//! The check ids, their severities and the number grammar are described in
//! `docs/qa.md`.
//!
//! # Examples
//!
//! ```
//! use newsloc::qa::{Check, Checker, Story};
//!
//! let mut story = Story::new("en", "ko");
//! story.push_pair("p1", "About 3,200 people fled by 6 p.m. Sunday.", "일요일 오후 6시까지 약 4천200명이 대피했다.");
//! let findings = Checker::new().check(&story);
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].check, Check::NumberChanged);
//! assert_eq!(findings[0].source.as_ref().unwrap().text, "3,200");
//! assert_eq!(findings[0].target.as_ref().unwrap().text, "4천200");
//! assert!(Checker::new().refuses(&findings[0]));
//! ```

mod checks;
mod glossary;
mod grammar;
mod names;
mod numbers;
mod review;
mod script;
mod story;

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::Serialize;

pub use glossary::Glossary;
pub use review::Review;
pub use story::{Story, StorySegment, StoryUnit};

/// A check, with a stable id (`number-missing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Check {
    /// A figure of the source is not in the target.
    NumberMissing,
    /// A figure of the source is different in the target.
    NumberChanged,
    /// A figure of the target is not in the source.
    NumberExtra,
    /// A figure matched only through an approximate phrasing (`4년 반`,
    /// `about 40` against `40`).
    NumberApproximate,
    /// One source name is written two ways in the story.
    NameInconsistent,
    /// A glossary term of the source without its target term.
    Glossary,
    /// Quotation marks that do not pair up in the target's conventions.
    QuoteUnbalanced,
    /// Brackets that do not pair up.
    BracketUnbalanced,
    /// A quotation of the source that is no quotation in the target.
    QuoteMissing,
    /// Source-language words left in the target.
    Untranslated,
    /// A target written in another script than its language's.
    WrongScript,
    /// A URL of the source missing or changed.
    Url,
    /// An e-mail address of the source missing or changed.
    Email,
    /// A hashtag of the source missing or changed.
    Hashtag,
    /// A social-media handle of the source missing or changed.
    Handle,
    /// Doubled spaces the source does not have.
    DoubleSpace,
    /// Leading or trailing white space different from the source's.
    Whitespace,
    /// The source ends a sentence and the target does not.
    FinalPunctuation,
    /// The target is longer than the unit's length limit.
    Length,
    /// A segment with source text and no translation.
    Empty,
    /// A target identical to its source.
    SameAsSource,
    /// Inline codes of the source missing, extra or repeated in the target.
    Codes,
}

impl Check {
    /// Every check, in the order of `docs/qa.md`.
    pub const ALL: [Check; 22] = [
        Check::NumberMissing,
        Check::NumberChanged,
        Check::NumberExtra,
        Check::NumberApproximate,
        Check::NameInconsistent,
        Check::Glossary,
        Check::QuoteUnbalanced,
        Check::BracketUnbalanced,
        Check::QuoteMissing,
        Check::Untranslated,
        Check::WrongScript,
        Check::Url,
        Check::Email,
        Check::Hashtag,
        Check::Handle,
        Check::DoubleSpace,
        Check::Whitespace,
        Check::FinalPunctuation,
        Check::Length,
        Check::Empty,
        Check::SameAsSource,
        Check::Codes,
    ];

    /// The stable id (`number-missing`).
    pub fn id(self) -> &'static str {
        match self {
            Check::NumberMissing => "number-missing",
            Check::NumberChanged => "number-changed",
            Check::NumberExtra => "number-extra",
            Check::NumberApproximate => "number-approximate",
            Check::NameInconsistent => "name-inconsistent",
            Check::Glossary => "glossary",
            Check::QuoteUnbalanced => "quote-unbalanced",
            Check::BracketUnbalanced => "bracket-unbalanced",
            Check::QuoteMissing => "quote-missing",
            Check::Untranslated => "untranslated",
            Check::WrongScript => "wrong-script",
            Check::Url => "url",
            Check::Email => "email",
            Check::Hashtag => "hashtag",
            Check::Handle => "handle",
            Check::DoubleSpace => "double-space",
            Check::Whitespace => "whitespace",
            Check::FinalPunctuation => "final-punctuation",
            Check::Length => "length",
            Check::Empty => "empty",
            Check::SameAsSource => "same-as-source",
            Check::Codes => "codes",
        }
    }

    /// The severity of the check unless overridden: figures that are
    /// missing or different, and broken inline codes, are errors.
    pub fn default_severity(self) -> Severity {
        match self {
            Check::NumberMissing | Check::NumberChanged | Check::Codes => Severity::Error,
            Check::DoubleSpace | Check::Whitespace | Check::FinalPunctuation => Severity::Info,
            _ => Severity::Warning,
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Check {
    type Err = crate::Error;

    /// Parses a check id.
    ///
    /// # Errors
    ///
    /// [`Error::Model`](crate::Error::Model) naming the known ids.
    fn from_str(s: &str) -> crate::Result<Check> {
        Check::ALL
            .into_iter()
            .find(|c| c.id() == s)
            .ok_or_else(|| crate::Error::Model {
                unit: None,
                message: format!(
                    "unknown check {s:?}; the checks are {}",
                    Check::ALL.map(Check::id).join(", ")
                ),
            })
    }
}

impl Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// Worth a look.
    Info,
    /// Reported; refuses an import only in [`Mode::Strict`].
    Warning,
    /// Refuses an import (unless [`Mode::Off`]).
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = crate::Error;

    /// Parses `info`, `warning` or `error`.
    ///
    /// # Errors
    ///
    /// [`Error::Model`](crate::Error::Model) for anything else.
    fn from_str(s: &str) -> crate::Result<Severity> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(crate::Error::Model {
                unit: None,
                message: format!("unknown severity {s:?} (info, warning, error)"),
            }),
        }
    }
}

/// Which findings refuse an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Mode {
    /// Errors and warnings refuse.
    Strict,
    /// Errors refuse; warnings and infos are reported.
    #[default]
    Default,
    /// No check runs.
    Off,
}

impl FromStr for Mode {
    type Err = crate::Error;

    /// Parses `strict`, `default` or `off`.
    ///
    /// # Errors
    ///
    /// [`Error::Model`](crate::Error::Model) for anything else.
    fn from_str(s: &str) -> crate::Result<Mode> {
        match s {
            "strict" => Ok(Mode::Strict),
            "default" => Ok(Mode::Default),
            "off" => Ok(Mode::Off),
            _ => Err(crate::Error::Model {
                unit: None,
                message: format!("unknown qa mode {s:?} (strict, default, off)"),
            }),
        }
    }
}

/// A place in one segment's text: byte offsets into the segment's plain
/// source or target text, and that text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The segment id.
    pub segment: String,
    /// Byte offset where the span starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// The text of the span.
    pub text: String,
}

/// What a check found, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which check.
    pub check: Check,
    /// Its severity (after overrides).
    pub severity: Severity,
    /// The unit id.
    pub unit: String,
    /// The segment id, when the finding is about one segment.
    pub segment: Option<String>,
    /// The offending span of the source.
    pub source: Option<Span>,
    /// The offending span of the target.
    pub target: Option<Span>,
    /// A sentence for people.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.check, self.unit)?;
        if let Some(s) = &self.segment {
            write!(f, "/{s}")?;
        }
        write!(f, ": {} ({})", self.message, self.severity)
    }
}

/// Runs the checks, with a policy: a [`Mode`], per-check severities, and
/// an optional [`Glossary`].
///
/// # Examples
///
/// ```
/// use newsloc::qa::{Check, Checker, Mode, Severity, Story};
///
/// let mut story = Story::new("en", "de");
/// story.push_pair("p1", "Two ships left.", "Zwei Schiffe fuhren ab, 3 davon leer.");
/// let mut checker = Checker::new();
/// let found = checker.check(&story);
/// assert_eq!(found[0].check, Check::NumberExtra);
/// assert!(!checker.refuses(&found[0]));
/// checker.mode(Mode::Strict);
/// assert!(checker.refuses(&found[0]));
/// checker.set(Check::NumberExtra, None);
/// assert!(checker.check(&story).is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Checker {
    mode: Mode,
    /// Per check (by its index in [`Check::ALL`]): `Some(level)` when set.
    overrides: [Option<Option<Severity>>; Check::ALL.len()],
    glossary: Option<Arc<Glossary>>,
}

impl Checker {
    /// Every check at its default severity, [`Mode::Default`], no glossary.
    pub fn new() -> Checker {
        Checker::default()
    }

    /// Sets the mode.
    pub fn mode(&mut self, mode: Mode) -> &mut Checker {
        self.mode = mode;
        self
    }

    /// Sets a check's severity; `None` turns the check off.
    pub fn set(&mut self, check: Check, severity: Option<Severity>) -> &mut Checker {
        self.overrides[check as usize] = Some(severity);
        self
    }

    /// Applies an override written `ID=LEVEL` (`number-extra=error`,
    /// `double-space=off`), as the command line takes it.
    ///
    /// # Errors
    ///
    /// [`Error::Model`](crate::Error::Model) for an unknown check or level.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::qa::{Check, Checker, Severity};
    /// let mut c = Checker::new();
    /// c.set_str("number-extra=error")?.set_str("double-space=off")?;
    /// assert_eq!(c.severity(Check::NumberExtra), Some(Severity::Error));
    /// assert_eq!(c.severity(Check::DoubleSpace), None);
    /// assert!(c.set_str("numbers=error").is_err());
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    pub fn set_str(&mut self, spec: &str) -> crate::Result<&mut Checker> {
        let (id, level) = spec.split_once('=').ok_or_else(|| crate::Error::Model {
            unit: None,
            message: format!(
                "{spec:?}: an override is ID=LEVEL (LEVEL: error, warning, info, off)"
            ),
        })?;
        let check: Check = id.trim().parse()?;
        let level = level.trim();
        let severity = if level == "off" {
            None
        } else {
            Some(level.parse::<Severity>()?)
        };
        Ok(self.set(check, severity))
    }

    /// Enforces a glossary: a source term present means its target term
    /// must be present.
    pub fn glossary(&mut self, glossary: Glossary) -> &mut Checker {
        self.glossary = Some(Arc::new(glossary));
        self
    }

    /// The mode.
    pub fn current_mode(&self) -> Mode {
        self.mode
    }

    /// A check's severity under this policy, `None` when it does not run.
    pub fn severity(&self, check: Check) -> Option<Severity> {
        if self.mode == Mode::Off {
            return None;
        }
        match self.overrides[check as usize] {
            Some(s) => s,
            None => Some(check.default_severity()),
        }
    }

    /// Whether a finding refuses an import: an error always (unless the
    /// mode is off), a warning in strict mode.
    pub fn refuses(&self, finding: &Finding) -> bool {
        match self.mode {
            Mode::Off => false,
            Mode::Default => finding.severity == Severity::Error,
            Mode::Strict => finding.severity >= Severity::Warning,
        }
    }

    /// Runs every check that is on; findings in story order (unit, then
    /// segment, then position).
    pub fn check(&self, story: &Story) -> Vec<Finding> {
        if self.mode == Mode::Off {
            return Vec::new();
        }
        let mut out = Vec::new();
        checks::run(self, story, &mut out);
        let unit_order: HashMap<&str, usize> = story
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i))
            .collect();
        let seg_order = |f: &Finding| -> usize {
            story
                .units
                .iter()
                .find(|u| u.id == f.unit)
                .and_then(|u| {
                    u.segments
                        .iter()
                        .position(|s| Some(&s.id) == f.segment.as_ref())
                })
                .unwrap_or(0)
        };
        out.sort_by_cached_key(|f| {
            (
                unit_order
                    .get(f.unit.as_str())
                    .copied()
                    .unwrap_or(usize::MAX),
                seg_order(f),
                f.source
                    .as_ref()
                    .or(f.target.as_ref())
                    .map_or(0, |s| s.start),
                f.check,
            )
        });
        out
    }
}

/// Collects the findings of one unit, looking up spans' texts.
pub(crate) struct Emit<'a> {
    checker: &'a Checker,
    unit: &'a StoryUnit,
    out: &'a mut Vec<Finding>,
}

impl<'a> Emit<'a> {
    pub(crate) fn new(
        checker: &'a Checker,
        unit: &'a StoryUnit,
        out: &'a mut Vec<Finding>,
    ) -> Self {
        Emit { checker, unit, out }
    }

    pub(crate) fn on(&self, check: Check) -> bool {
        self.checker.severity(check).is_some()
    }

    /// A finding in segment `seg` of the unit, with an optional source span
    /// (in that segment) and target span (segment, start, end). `message`
    /// gets the two spans' texts, quoted.
    pub(crate) fn pair(
        &mut self,
        check: Check,
        seg: usize,
        source: Option<(usize, usize)>,
        target: Option<(usize, usize, usize)>,
        message: impl FnOnce(&str, &str) -> String,
    ) {
        let Some(severity) = self.checker.severity(check) else {
            return;
        };
        let segs = &self.unit.segments;
        let source = source.and_then(|(s, e)| {
            let sg = segs.get(seg)?;
            Some(Span {
                segment: sg.id.clone(),
                start: s,
                end: e,
                text: sg.source.get(s..e)?.to_string(),
            })
        });
        let target = target.and_then(|(n, s, e)| {
            let sg = segs.get(n)?;
            Some(Span {
                segment: sg.id.clone(),
                start: s,
                end: e,
                text: sg.target.as_deref()?.get(s..e)?.to_string(),
            })
        });
        let q = |s: &Option<Span>| {
            s.as_ref()
                .map(|s| format!("“{}”", s.text))
                .unwrap_or_default()
        };
        let message = message(&q(&source), &q(&target));
        let segment = segs.get(seg).map(|s| s.id.clone());
        self.out.push(Finding {
            check,
            severity,
            unit: self.unit.id.clone(),
            segment,
            source,
            target,
            message,
        });
    }
}

/// Writes findings grouped by check id, for reports.
pub(crate) fn write_by_check(f: &mut fmt::Formatter<'_>, findings: &[Finding]) -> fmt::Result {
    let mut checks: Vec<Check> = findings.iter().map(|x| x.check).collect();
    checks.sort();
    checks.dedup();
    for check in checks {
        let of: Vec<&Finding> = findings.iter().filter(|x| x.check == check).collect();
        write!(f, "\n  {check} ({}, {}):", of[0].severity, of.len())?;
        for x in of {
            write!(f, "\n    {}", x.unit)?;
            if let Some(s) = &x.segment {
                write!(f, "/{s}")?;
            }
            write!(f, ": {}", x.message)?;
        }
    }
    Ok(())
}
