//! XLIFF document + source article → translated article and report.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use unic_langid::LanguageIdentifier;

use super::analysis::Category;
use super::export::Exporter;
use super::inline::{SourceCodes, canonical, content_to_runs, hash_canonical};
use super::leverage::{Leverage, SegmentPair, content_canonical, remap_codes};
use super::{
    META_ARTICLE, META_CATEGORY, META_HASH, META_TARGET_LANG, META_UNIT, META_VERSION, NL_NS,
    NL_PREFIX,
};
use crate::error::{Error, Location, Problem, Result};
use crate::model::{Article, Run, Text, Untranslated};
use crate::xliff::{Attr, Content, Document, File, Item, Metadata, Part, State, Unit, attr_value};

/// Options for [`import`].
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    untranslated: Untranslated,
    qa: crate::qa::Checker,
}

impl ImportOptions {
    /// Defaults: an untranslated unit is an error; the text checks run with
    /// their default policy (a figure missing or changed refuses).
    pub fn new() -> ImportOptions {
        ImportOptions::default()
    }

    /// What to do with units that have no translation (a segment with no
    /// target, or an empty one).
    pub fn untranslated(&mut self, policy: Untranslated) -> &mut ImportOptions {
        self.untranslated = policy;
        self
    }

    /// The text checks and their policy ([`crate::qa`]): findings that
    /// refuse reject the import, the others go in [`Report::qa`].
    pub fn qa(&mut self, checker: crate::qa::Checker) -> &mut ImportOptions {
        self.qa = checker;
        self
    }
}

/// A finding that does not stop an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The unit (and segment) concerned, as `p2` or `p2/s1`.
    pub unit: String,
    /// What was found.
    pub kind: FindingKind,
    /// A sentence for people.
    pub message: String,
}

/// What kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingKind {
    /// A unit had no translation; the policy filled it with the source text.
    SourceUsed,
    /// A unit had no translation; the policy left it out.
    Omitted,
    /// A target is still in state `initial` (or 1.2 `new`/`needs-translation`).
    InitialState,
    /// A target is identical to its source.
    SameAsSource,
    /// A target is longer than the unit's length limit.
    TooLong,
    /// A segment left empty took the translation of a segment with the same
    /// source (a repetition).
    Repetition,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.unit, self.message)
    }
}

/// What an import found besides the translation itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Units translated.
    pub translated: usize,
    /// Units in the article.
    pub units: usize,
    /// Findings, in document order.
    pub findings: Vec<Finding>,
    /// Per translated unit, in story order: re-used (and from which
    /// version) or translated in this file.
    pub provenance: Vec<Provenance>,
    /// Findings of the text checks that did not refuse the import, in story
    /// order.
    pub qa: Vec<crate::qa::Finding>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} units translated", self.translated, self.units)?;
        if self.findings.is_empty() && self.qa.is_empty() {
            write!(f, ", no findings")?;
        } else {
            write!(f, ", {} finding(s):", self.findings.len() + self.qa.len())?;
            for finding in &self.findings {
                write!(f, "\n  {finding}")?;
            }
        }
        if self.provenance.iter().any(|p| p.reused_from.is_some()) {
            for p in &self.provenance {
                match &p.reused_from {
                    Some(v) => write!(f, "\n  {}: re-used from {v}", p.unit)?,
                    None => write!(f, "\n  {}: translated in this file", p.unit)?,
                }
            }
        }
        crate::qa::write_by_check(f, &self.qa)
    }
}

/// The result of a successful import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The translated article: every fixed field copied from the source.
    pub article: Article,
    /// What the import found that did not stop it.
    pub report: Report,
    /// Every translated segment with its source, in story order, for a
    /// translation memory.
    pub segments: Vec<SegmentPair>,
}

/// Where a unit's translation came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The article unit.
    pub unit: String,
    /// `Some("missile v1")`: re-used from that version (filled in at export
    /// and left as it was, or completed from a re-used file); `None`:
    /// translated in this file (an edited filled-in target included).
    pub reused_from: Option<String>,
}

/// The prefixes newsloc's 1.2 attributes go by in a document: every prefix
/// bound to [`NL_NS`] on the root or a file (a CAT tool may rename ours),
/// and `nl` itself (a tool may drop the declaration and keep the
/// attributes).
pub(crate) struct NlPrefixes(Vec<String>);

impl NlPrefixes {
    pub(crate) fn of(doc: &Document) -> NlPrefixes {
        let mut v = vec![NL_PREFIX.to_string()];
        let decls = doc
            .attrs
            .iter()
            .chain(doc.files.iter().flat_map(|f| f.attrs.iter()));
        for a in decls {
            if let Some(p) = a.name.strip_prefix("xmlns:")
                && &*a.value == NL_NS
                && !v.iter().any(|x| x == p)
            {
                v.push(p.to_string());
            }
        }
        NlPrefixes(v)
    }

    /// The value of newsloc attribute `key` among `attrs`.
    pub(crate) fn attr<'a>(&self, attrs: &'a [Attr], key: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find_map(|p| attr_value(attrs, &format!("{p}:{key}")))
    }
}

/// Which story, version and language a `<file>` of a newsloc export is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIdentity {
    /// The article id.
    pub article: String,
    /// The article version the file was exported from.
    pub version: Option<u32>,
    /// The file's target language, as written.
    pub target: Option<String>,
}

/// The story, version and target language of every newsloc `<file>` of a
/// document (files without an article id are left out), so that a caller
/// can tell which export a returned file belongs to.
///
/// # Examples
///
/// ```
/// use newsloc::{Exporter, WireReader, identify};
///
/// let story = "Ferries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed.\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// let doc = Exporter::new().export(&article, &"ko".parse().unwrap())?;
/// let ids = identify(&doc);
/// assert_eq!((ids[0].article.as_str(), ids[0].version, ids[0].target.as_deref()), ("ferry", Some(1), Some("ko")));
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn identify(doc: &Document) -> Vec<FileIdentity> {
    doc.files
        .iter()
        .filter_map(|f| {
            Some(FileIdentity {
                article: file_meta(doc, f, META_ARTICLE)?.to_string(),
                version: file_meta(doc, f, META_VERSION).and_then(|v| v.parse().ok()),
                target: f
                    .trg_lang
                    .as_deref()
                    .or(doc.trg_lang.as_deref())
                    .map(str::to_string),
            })
        })
        .collect()
}

/// The newsloc data a file carries: from the Metadata module (2.x) or the
/// `nl:` attributes (1.2).
pub(crate) fn file_meta<'a>(doc: &Document, file: &'a File, key: &str) -> Option<&'a str> {
    meta_value(file.metadata.as_ref(), key).or_else(|| NlPrefixes::of(doc).attr(&file.attrs, key))
}

fn meta_value<'a>(md: Option<&'a Metadata>, key: &str) -> Option<&'a str> {
    let md = md?;
    md.groups
        .iter()
        .filter(|g| g.category.as_deref() == Some(META_CATEGORY))
        .find_map(|g| g.get(key))
}

/// Imports a translated XLIFF document against the article it was exported
/// from.
///
/// Checks that the file belongs to this article and version, that it has a
/// target language, that every unit and segment is there and no source
/// changed (by hash and by comparing the returned source with the article,
/// whitespace folded), that each target's inline codes match the source's
/// (ids, kinds, pairing; order may change) and that protected spans are
/// unchanged. Any error rejects the whole import, listing every problem;
/// nothing is partly applied.
///
/// # Errors
///
/// [`Error::Rejected`] listing every problem with its unit.
///
/// # Examples
///
/// ```
/// use newsloc::{import, Exporter, ImportOptions, WireReader};
/// use newsloc::xliff::{Content, Document};
///
/// let story = "Ferries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed.\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// let mut doc = Exporter::new().export(&article, &"ko".parse().unwrap())?;
/// for unit in doc.units_mut() {
///     for seg in unit.segments_mut() {
///         let t = format!("[{}]", seg.source.plain_text());
///         seg.target = Some(Content::text(&t));
///     }
/// }
/// let imported = import(&doc, &article, &ImportOptions::new())?;
/// assert_eq!(imported.article.units()[0].text.to_plain_string(), "[Ferries run again]");
/// assert_eq!(imported.article.language.to_string(), "ko");
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn import(doc: &Document, source: &Article, options: &ImportOptions) -> Result<Imported> {
    import_with(doc, source, options, &Leverage::new())
}

/// Imports a translated XLIFF document as [`import`] does, completing it
/// from the returned files of earlier versions in `leverage`.
///
/// A unit the file leaves out (an export with
/// [`Exporter::only_changed`](crate::Exporter::only_changed)) is taken from
/// the earlier files when every one of its segments is an in-context or
/// exact match there, by the rules of
/// [`Exporter::export_with`](crate::Exporter::export_with); otherwise it is
/// missing, as without re-use. The report says per unit whether it was
/// re-used (and from which version) or translated in this file; a target
/// filled in at export and edited by the translator counts as translated.
///
/// # Errors
///
/// As [`import`]; a re-used file that is not a newsloc export of this
/// article is a problem of the import.
pub fn import_with(
    doc: &Document,
    source: &Article,
    options: &ImportOptions,
    leverage: &Leverage<'_>,
) -> Result<Imported> {
    let mut problems: Vec<Problem> = Vec::new();
    let problem = |unit: Option<&str>, message: String| Problem {
        location: Location {
            unit: unit.map(str::to_string),
            ..Location::default()
        },
        message,
    };

    // 1. the file for this article
    let ours: Vec<&File> = doc
        .files
        .iter()
        .filter(|f| file_meta(doc, f, META_ARTICLE) == Some(source.id.as_str()))
        .collect();
    let file = match ours.as_slice() {
        [one] => *one,
        [] => {
            let found: Vec<&str> = doc
                .files
                .iter()
                .filter_map(|f| file_meta(doc, f, META_ARTICLE))
                .collect();
            let message = if found.is_empty() {
                "not a newsloc export: no file carries an article id (was it exported by newsloc, \
                 and did the tool keep the file's metadata?)"
                    .to_string()
            } else {
                format!(
                    "wrong file: it is for article {}, not {}",
                    found.join(", "),
                    source.id
                )
            };
            return Err(Error::Rejected {
                problems: vec![problem(None, message)],
            });
        }
        _ => {
            return Err(Error::Rejected {
                problems: vec![problem(
                    None,
                    format!(
                        "{} files are for article {}; expected one",
                        ours.len(),
                        source.id
                    ),
                )],
            });
        }
    };
    match file_meta(doc, file, META_VERSION).map(str::parse::<u32>) {
        Some(Ok(v)) if v == source.version => {}
        Some(Ok(v)) => problems.push(problem(
            None,
            format!(
                "stale file: it was exported from version {v} of {}, the article is at version {}",
                source.id, source.version
            ),
        )),
        _ => problems.push(problem(
            None,
            "the file does not say which article version it is for".into(),
        )),
    }

    // 2. languages
    let trg = file.trg_lang.as_deref().or(doc.trg_lang.as_deref());
    let target: Option<LanguageIdentifier> = match trg {
        None => {
            problems.push(problem(None, "the file has no target language".into()));
            None
        }
        Some(t) => match t.parse::<LanguageIdentifier>() {
            Ok(l) => Some(l),
            Err(_) => {
                problems.push(problem(
                    None,
                    format!("target language {t:?} is not a language tag"),
                ));
                None
            }
        },
    };
    if let (Some(t), Some(expected)) = (&target, file_meta(doc, file, META_TARGET_LANG))
        && expected.parse::<LanguageIdentifier>().ok().as_ref() != Some(t)
    {
        problems.push(problem(
            None,
            format!("the file was exported for {expected} but its target language is now {t}"),
        ));
    }
    let src_lang = file.src_lang.as_deref().or(doc.src_lang.as_deref());
    if let Some(s) = src_lang
        && s.parse::<LanguageIdentifier>().ok().as_ref() != Some(&source.language)
    {
        problems.push(problem(
            None,
            format!(
                "the file's source language is {s}, the article's {}",
                source.language
            ),
        ));
    }
    if let Some(t) = &target
        && *t == source.language
    {
        problems.push(problem(
            None,
            format!("the target language {t} is the source language"),
        ));
    }
    let no_space = target
        .as_ref()
        .is_some_and(crate::segment::joins_without_space);

    // 3. units: file units by article unit id, in order
    let mut by_unit: BTreeMap<String, Vec<&Unit>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let nl = NlPrefixes::of(doc);
    collect(&file.items, None, &nl, &mut by_unit, &mut order);
    let article_units = source.units();
    let known: HashSet<&str> = article_units.iter().map(|u| u.id.as_str()).collect();
    for id in &order {
        if !known.contains(id.as_str()) {
            problems.push(problem(
                Some(id),
                format!("the article {} has no such unit", source.id),
            ));
        }
    }

    // units the file leaves out, completed from the earlier files
    let left_out = article_units
        .iter()
        .any(|u| !by_unit.contains_key(u.id.as_str()));
    let completion = match &target {
        Some(t) if left_out && !leverage.previous_files().is_empty() => {
            match Exporter::new().export_with(source, t, leverage) {
                Ok(e) => Some(e),
                Err(e) => {
                    problems.push(problem(None, e.to_string()));
                    None
                }
            }
        }
        _ => None,
    };
    let mut completed: BTreeMap<String, Vec<&Unit>> = BTreeMap::new();
    let mut completed_from: BTreeMap<String, String> = BTreeMap::new();
    if let Some(full) = &completion {
        let mut units = BTreeMap::new();
        let mut order = Vec::new();
        let fnl = NlPrefixes::of(&full.document);
        for f in &full.document.files {
            collect(&f.items, None, &fnl, &mut units, &mut order);
        }
        for (id, parts) in units {
            if by_unit.contains_key(&id) {
                continue;
            }
            let mut segs = full.analysis.unit(&id).peekable();
            let origin = segs.peek().and_then(|s| s.origin.clone());
            let reusable = segs.all(|s| matches!(s.category, Category::Context | Category::Exact));
            if let (true, Some(origin)) = (reusable, origin) {
                completed_from.insert(id.clone(), origin);
                completed.insert(id, parts);
            }
        }
    }
    // repetitions: a segment left empty takes the translation of a segment
    // with the same source
    let mut repeated: BTreeMap<String, (String, &Content)> = BTreeMap::new();
    for id in &order {
        for u in by_unit.get(id).into_iter().flatten() {
            for seg in u.segments() {
                if let Some(t) = seg.target.as_ref().filter(|t| !is_blank(t)) {
                    let label = format!("{id}/{}", seg.id.as_deref().unwrap_or("1"));
                    repeated
                        .entry(content_canonical(&seg.source))
                        .or_insert((label, t));
                }
            }
        }
    }

    let mut report = Report {
        units: article_units.len(),
        ..Report::default()
    };
    let mut translations: Vec<(String, Text)> = Vec::new();
    let mut pairs: Vec<SegmentPair> = Vec::new();
    let mut all_hashes: Vec<String> = Vec::new();
    let mut pair_at: Vec<usize> = Vec::new();
    for unit in &article_units {
        let id = unit.id.as_str();
        let from_file = by_unit.get(id);
        let Some(parts) = from_file.or_else(|| completed.get(id)) else {
            problems.push(problem(Some(id), "missing from the file".into()));
            continue;
        };
        let unit_origin = if from_file.is_none() {
            completed_from.get(id).cloned()
        } else {
            None
        };
        let mut seg_origins: Vec<Option<String>> = Vec::new();
        // hash recorded at export time against the article's text now
        let source_canonical = canonical(unit.text);
        let expected = hash_canonical(&source_canonical);
        let recorded = parts
            .iter()
            .find_map(|u| unit_hash(u, &nl))
            .or_else(|| group_hash(&file.items, id, &nl));
        match recorded {
            Some(h) if h == expected => {}
            Some(_) => problems.push(problem(
                Some(id),
                "stale: the article's text of this unit changed since the file was exported".into(),
            )),
            None => problems.push(problem(Some(id), "the unit carries no source hash".into())),
        }
        let codes = SourceCodes::of(unit.text);
        // the returned source, whitespace folded, must still be the article's
        let mut src_runs = Vec::new();
        let mut src_problems = Vec::new();
        for (i, u) in parts.iter().enumerate() {
            if i > 0 {
                src_runs.push(Run::Text(" ".into()));
            }
            for p in &u.parts {
                content_to_runs(p.source(), &codes, &mut src_runs, &mut src_problems);
            }
        }
        let returned = Text::from_runs(src_runs).map(|t| canonical(&t));
        if !src_problems.is_empty() || returned.as_deref().ok() != Some(&source_canonical) {
            problems.push(problem(
                Some(id),
                "the returned source differs from the article's text (was the source edited?)"
                    .into(),
            ));
        }

        // targets
        let mut runs: Vec<Run> = Vec::new();
        let mut missing: Vec<String> = Vec::new();
        let mut unit_problems: Vec<String> = Vec::new();
        let mut seg_count = 0;
        for (i, u) in parts.iter().enumerate() {
            if i > 0 && !no_space {
                runs.push(Run::Text(" ".into()));
            }
            for part in &u.parts {
                match part {
                    Part::Segment(seg) => {
                        seg_count += 1;
                        let label = format!(
                            "{id}/{}",
                            seg.id
                                .as_deref()
                                .map_or_else(|| seg_count.to_string(), str::to_string)
                        );
                        let target = seg.target.as_ref().filter(|t| !is_blank(t));
                        let seg_canonical = content_canonical(&seg.source);
                        all_hashes.push(hash_canonical(&seg_canonical));
                        let repetition = match target {
                            None if !is_blank(&seg.source) => repeated
                                .get(&seg_canonical)
                                .and_then(|(of, t)| Some((of, remap_codes(t, &seg.source)?))),
                            _ => None,
                        };
                        if let Some((of, _)) = &repetition {
                            report.findings.push(Finding {
                                unit: label.clone(),
                                kind: FindingKind::Repetition,
                                message: format!(
                                    "left empty: the translation of {of} (the same source) is used"
                                ),
                            });
                        }
                        let target = target.or(repetition.as_ref().map(|(_, t)| t));
                        // a blank source (only white space) needs no translator
                        let target = if is_blank(&seg.source) {
                            Some(seg.target.as_ref().unwrap_or(&seg.source))
                        } else {
                            target
                        };
                        if let Some(t) = target
                            && !is_blank(&seg.source)
                        {
                            let reused = unit_origin.clone().or_else(|| reused_in_file(u, seg, t));
                            seg_origins.push(reused.clone());
                            let text = |c: &Content| {
                                let mut runs = Vec::new();
                                let mut p = Vec::new();
                                content_to_runs(c, &codes, &mut runs, &mut p);
                                if p.is_empty() {
                                    Text::from_runs(runs).ok()
                                } else {
                                    None
                                }
                            };
                            if let (Some(source), Some(target)) = (text(&seg.source), text(t)) {
                                pair_at.push(all_hashes.len() - 1);
                                pairs.push(SegmentPair {
                                    unit: id.to_string(),
                                    kind: unit.kind,
                                    source,
                                    target,
                                    hash: hash_canonical(&seg_canonical),
                                    previous_hash: None,
                                    next_hash: None,
                                    state: seg.state,
                                    reused_from: reused,
                                });
                            }
                        }
                        match target {
                            None => {
                                missing.push(label);
                                content_to_runs(&seg.source, &codes, &mut runs, &mut Vec::new());
                            }
                            Some(t) => {
                                if seg.state == Some(State::Initial) {
                                    report.findings.push(Finding {
                                        unit: label.clone(),
                                        kind: FindingKind::InitialState,
                                        message: "the target is still in state initial".into(),
                                    });
                                }
                                if fold_eq(t, &seg.source) && has_letters(&seg.source) {
                                    report.findings.push(Finding {
                                        unit: label.clone(),
                                        kind: FindingKind::SameAsSource,
                                        message: "the target is identical to the source".into(),
                                    });
                                }
                                let mut seg_problems = Vec::new();
                                content_to_runs(t, &codes, &mut runs, &mut seg_problems);
                                unit_problems.extend(
                                    seg_problems.into_iter().map(|m| format!("{label}: {m}")),
                                );
                            }
                        }
                    }
                    Part::Ignorable(ign) => {
                        let content = ign.target.as_ref().unwrap_or(&ign.source);
                        if ign.target.is_none()
                            && no_space
                            && content.plain_text().trim().is_empty()
                        {
                            // no space between sentences in this script
                            let codes_only: Content = Content(
                                content
                                    .0
                                    .iter()
                                    .filter(|i| !matches!(i, crate::xliff::Inline::Text(_)))
                                    .cloned()
                                    .collect(),
                            );
                            content_to_runs(&codes_only, &codes, &mut runs, &mut unit_problems);
                        } else {
                            content_to_runs(content, &codes, &mut runs, &mut unit_problems);
                        }
                    }
                }
            }
        }
        if seg_count == 0 {
            problems.push(problem(Some(id), "the unit has no segment".into()));
            continue;
        }
        let had_problems = !unit_problems.is_empty();
        for m in unit_problems {
            problems.push(problem(Some(id), m));
        }
        let all_missing = missing.len() == seg_count;
        if !missing.is_empty() {
            match options.untranslated {
                Untranslated::Error => {
                    let which = if all_missing {
                        "untranslated".to_string()
                    } else {
                        format!("untranslated segment(s): {}", missing.join(", "))
                    };
                    problems.push(problem(Some(id), which));
                    continue;
                }
                Untranslated::Source => report.findings.push(Finding {
                    unit: id.into(),
                    kind: FindingKind::SourceUsed,
                    message: format!(
                        "no translation for {}: the source text is used",
                        if all_missing {
                            "the unit".to_string()
                        } else {
                            missing.join(", ")
                        }
                    ),
                }),
                Untranslated::Omit => {
                    report.findings.push(Finding {
                        unit: id.into(),
                        kind: FindingKind::Omitted,
                        message: "no translation: the unit is left out".into(),
                    });
                    // partial translations are not published half in the
                    // source language: the unit goes as a whole
                    continue;
                }
            }
        }
        if had_problems {
            continue;
        }
        let (len, src_len) = (
            super::limits::runs_length(&runs),
            super::limits::length(&unit.text.to_plain_string()),
        );
        if len > super::limits::bound(src_len) {
            problems.push(problem(
                Some(id),
                format!(
                    "the target is {len} characters, far longer than any translation of its \
                     {src_len}-character source (at most {})",
                    super::limits::bound(src_len)
                ),
            ));
            continue;
        }
        match Text::from_runs(runs) {
            Ok(text) => {
                let codes_ok = check_codes(unit.text, &text, id, &mut problems);
                if codes_ok {
                    if !all_missing {
                        report.translated += 1;
                        let reused =
                            if !seg_origins.is_empty() && seg_origins.iter().all(Option::is_some) {
                                seg_origins[0].clone()
                            } else {
                                None
                            };
                        report.provenance.push(Provenance {
                            unit: id.to_string(),
                            reused_from: reused,
                        });
                    }
                    if let Some(limit) = super::limits::limit(doc, file, parts, id)
                        && len > limit
                    {
                        report.findings.push(Finding {
                            unit: id.into(),
                            kind: FindingKind::TooLong,
                            message: format!("{len} characters, the limit is {limit}"),
                        });
                    }
                    translations.push((id.to_string(), text));
                }
            }
            Err(e) => problems.push(problem(Some(id), format!("inline codes: {e}"))),
        }
    }

    // 4. the text checks: figures, names, quotes, ... (crate::qa)
    if let Some(t) = &target {
        let file_units = article_units
            .iter()
            .filter_map(|u| by_unit.get(&u.id).map(|p| (u.id.as_str(), p.as_slice())));
        let story = crate::qa::Story::from_xliff_units(
            &source.language.to_string(),
            &t.to_string(),
            file_units,
            false,
        );
        // length, empty and same-as-source targets are import's own findings
        for f in options.qa.check(&story).into_iter().filter(|f| {
            !matches!(
                f.check,
                crate::qa::Check::Length | crate::qa::Check::Empty | crate::qa::Check::SameAsSource
            )
        }) {
            if options.qa.refuses(&f) {
                problems.push(problem(Some(&f.unit), f.to_string()));
            } else {
                report.qa.push(f);
            }
        }
    }

    if !problems.is_empty() {
        return Err(Error::Rejected { problems });
    }
    let language = target.ok_or_else(|| Error::Rejected {
        problems: vec![problem(None, "the file has no target language".into())],
    })?;
    let article = source.translate_with(language, translations, Untranslated::Omit)?;
    // neighbours in story order, over every segment of the file
    for (pair, &at) in pairs.iter_mut().zip(&pair_at) {
        pair.previous_hash = at.checked_sub(1).map(|j| all_hashes[j].clone());
        pair.next_hash = all_hashes.get(at + 1).cloned();
    }
    Ok(Imported {
        article,
        report,
        segments: pairs,
    })
}

/// Every code of the source exactly once in the target, and every start
/// before its end.
fn check_codes(source: &Text, target: &Text, unit: &str, problems: &mut Vec<Problem>) -> bool {
    let ids = |t: &Text| -> Vec<String> {
        let mut v: Vec<String> = t
            .runs()
            .iter()
            .filter_map(|r| match r {
                Run::Start { id, .. } => Some(format!("start {id}")),
                Run::End { id, .. } => Some(format!("end {id}")),
                Run::Code { id, .. } => Some(format!("code {id}")),
                _ => None,
            })
            .collect();
        v.sort();
        v
    };
    let (s, t) = (ids(source), ids(target));
    if s == t {
        let (mut sp, mut tp): (Vec<&str>, Vec<&str>) = (
            source.protected_spans().collect(),
            target.protected_spans().collect(),
        );
        sp.sort_unstable();
        tp.sort_unstable();
        if sp == tp {
            return true;
        }
        problems.push(Problem {
            location: Location {
                unit: Some(unit.into()),
                ..Location::default()
            },
            message: format!("protected spans differ: source {sp:?}, target {tp:?}"),
        });
        return false;
    }
    let missing: Vec<&String> = s.iter().filter(|x| !t.contains(x)).collect();
    let extra: Vec<&String> = t.iter().filter(|x| !s.contains(x)).collect();
    let mut msg = String::from("inline codes differ from the source:");
    if !missing.is_empty() {
        msg.push_str(&format!(" missing {missing:?}"));
    }
    if !extra.is_empty() {
        msg.push_str(&format!(" extra or repeated {extra:?}"));
    }
    if missing.is_empty() && extra.is_empty() {
        msg.push_str(" a code is repeated");
    }
    problems.push(Problem {
        location: Location {
            unit: Some(unit.into()),
            ..Location::default()
        },
        message: msg,
    });
    false
}

/// The origin of a target filled in at export and left as it was: the
/// segment's in-context or exact match (similarity 100) has the same
/// translation.
fn reused_in_file(u: &Unit, seg: &crate::xliff::Segment, target: &Content) -> Option<String> {
    let id = seg.id.as_deref();
    u.candidates
        .iter()
        .filter(|c| {
            let r = c.reference.as_deref().map(|r| r.trim_start_matches('#'));
            r.is_none() || r == id
        })
        .filter(|c| c.similarity == Some(100.0) || c.match_quality == Some(100.0))
        .find(|c| content_canonical(&c.target) == content_canonical(target))
        .and_then(|c| c.origin.as_deref().map(str::to_string))
}

fn is_blank(c: &Content) -> bool {
    c.0.is_empty() || (c.plain_text().trim().is_empty() && c.codes().next().is_none())
}

/// Whether a source is prose worth flagging when copied unchanged: two
/// words or more with letters (single names and acronyms often stay as
/// they are).
fn has_letters(c: &Content) -> bool {
    c.plain_text()
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        > 1
}

fn fold_eq(a: &Content, b: &Content) -> bool {
    super::inline::fold(&a.plain_text()) == super::inline::fold(&b.plain_text())
}

fn unit_hash<'a>(u: &'a Unit, nl: &NlPrefixes) -> Option<&'a str> {
    meta_value(u.metadata.as_ref(), META_HASH).or_else(|| nl.attr(&u.attrs, META_HASH))
}

/// The hash of an article unit split into a group of sentence units.
fn group_hash<'a>(items: &'a [Item], id: &str, nl: &NlPrefixes) -> Option<&'a str> {
    for item in items {
        if let Item::Group(g) = item {
            if (g.id.as_deref() == Some(id) || g.name.as_deref() == Some(id))
                && let Some(h) = meta_value(g.metadata.as_ref(), META_HASH)
                    .or_else(|| nl.attr(&g.attrs, META_HASH))
            {
                return Some(h);
            }
            if let Some(h) = group_hash(&g.items, id, nl) {
                return Some(h);
            }
        }
    }
    None
}

/// The article unit a file unit belongs to: its recorded unit id (sentence
/// units), else the enclosing group's (sentence units from another tool),
/// else its own id.
pub(crate) fn collect<'a>(
    items: &'a [Item],
    group: Option<&'a str>,
    nl: &NlPrefixes,
    by_unit: &mut BTreeMap<String, Vec<&'a Unit>>,
    order: &mut Vec<String>,
) {
    for item in items {
        match item {
            Item::Unit(u) => {
                let recorded = meta_value(u.metadata.as_ref(), META_UNIT)
                    .or_else(|| nl.attr(&u.attrs, META_UNIT));
                let id = recorded
                    .or(group.filter(|g| u.id.starts_with(&format!("{g}."))))
                    .unwrap_or(&u.id);
                if !by_unit.contains_key(id) {
                    order.push(id.to_string());
                }
                by_unit.entry(id.to_string()).or_default().push(u);
            }
            Item::Group(g) => {
                let gid = g.id.as_deref().or(g.name.as_deref()).or(group);
                collect(&g.items, gid, nl, by_unit, order);
            }
            _ => {}
        }
    }
}
