//! XLIFF document + source article → translated article and report.
//!
//! One pass per responsibility: [`identity`](super::identity) finds the
//! article's file (by namespace, or by its `original` name when a tool
//! dropped the metadata), [`language`](super::language) checks the target
//! language, then each unit is checked here (source against the article,
//! targets, untranslated policy), with the white space a tool changed
//! ([`space`](super::space)), code forms and protected spans
//! ([`codes`](super::codes)), target states ([`states`](super::states)) and
//! caption trailers ([`trailer`](super::trailer)) in their own modules.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use unicode_segmentation::UnicodeSegmentation;

use super::analysis::Category;
use super::codes::{check_codes, restore_protected};
use super::export::{Export, Exporter};
use super::identity::{Found, NotFound, find_file, meta_value};
pub(crate) use super::identity::{NlPrefixes, file_meta};
use super::inline::{SourceCodes, canonical, content_to_runs, hash_canonical};
use super::language::Languages;
use super::leverage::{Leverage, SegmentPair, content_canonical, remap_codes};
use super::{META_HASH, META_TARGET_LANG, META_UNIT};
use crate::error::{Error, Location, Problem, Result};
use crate::model::{Article, Block, Run, Text, Unit as ArticleUnit, UnitKind, Untranslated};
use crate::xliff::{Content, Document, Item, Part, Space, State, Unit};

/// Options for [`import`].
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    untranslated: Untranslated,
    qa: crate::qa::Checker,
    require_state: Option<State>,
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

    /// Refuses the file when a translated segment's target is below this
    /// state (`Translated`, `Reviewed` or `Final`): a target without a
    /// state, a fuzzy match or machine suggestion the tool filled in (1.2
    /// `state-qualifier`), a target not approved (`approved="no"`, counts
    /// at most as translated) and a target pre-translated from an earlier
    /// source (counts as initial) are below it. `None` (the default):
    /// every state is accepted, and the ones not final are reported.
    pub fn require_state(&mut self, state: Option<State>) -> &mut ImportOptions {
        self.require_state = state;
        self
    }
}

/// A finding that does not stop an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The unit (and segment) concerned, as `p2` or `p2/s1`; empty for a
    /// finding about the whole file.
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
    /// The tool dropped newsloc's metadata (the article id and version, or
    /// units' source hashes): the file was matched by its `original` name
    /// and each unit by its source text.
    MetadataStripped,
    /// The file's header names an earlier version of the article, but every
    /// unit matches the article's sources (a merge tool kept the old
    /// header): imported as a translation of the article given.
    LaterVersion,
    /// The document holds another `<file>` (a converter appended one); the
    /// import ignored it. The finding names it.
    ExtraFile,
    /// The returned source differs from the article's only in white space
    /// (the tool re-indented it).
    SourceReindented,
    /// White space a tool added to the translation (indentation, a newline
    /// at an edge) was removed.
    WhitespaceTrimmed,
    /// A protected span came back without its marker, its text verbatim:
    /// it is protected again.
    ProtectedUnmarked,
    /// A target the tool marked as not final: a 1.2 `needs-review-*` state,
    /// a `fuzzy-match` or `mt-suggestion` qualifier, `approved="no"`.
    NotFinal,
    /// A target pre-translated from an earlier version whose source has
    /// changed since; the message quotes the old and the new source.
    StalePretranslation,
    /// A caption's translation ended with the photo's own credit or usage
    /// restriction, which was removed (the renderer adds it verbatim).
    TrailerRemoved,
    /// The XLIFF reader worked around what the tool wrote (a dropped
    /// namespace declaration, a `<!DOCTYPE>`, codes in an equivalent form);
    /// the message gives the line and column ([`read_returned`](crate::read_returned)).
    ToolMarkup,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.unit.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.unit, self.message)
        }
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

/// Imports a translated XLIFF document against the article it was exported
/// from.
///
/// Checks that the file belongs to this article and version, that its
/// target language is the one it was exported for (in language and
/// script), that every unit and segment is there and no source changed (by
/// hash and by comparing the returned source with the article, whitespace
/// folded), that each target's inline codes match the source's (ids, kinds,
/// pairing, whatever element a tool wrote them as; order may change), that
/// protected spans are unchanged, that no target is still a copy of its
/// source and no caption carries a credit or restriction the photo does not
/// have. Any error rejects the whole import, listing every problem; nothing
/// is partly applied.
///
/// What translators' tools do to a file (renamed prefixes, dropped
/// metadata, re-indentation, a region in the language tag, an old header,
/// an appended file, ...) is accepted where it keeps the meaning, with a
/// [`Finding`] saying so; `docs/exchange.md` lists each behaviour.
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
    let found = find_file(doc, &source.id).map_err(|e| {
        let message = match e {
            NotFound::NotOurs => "not a newsloc export: no file carries an article id (was it \
                                  exported by newsloc, and did the tool keep the file's metadata \
                                  or its original name?)"
                .to_string(),
            NotFound::Other(ids) => format!(
                "wrong file: it is for article {}, not {}",
                ids.join(", "),
                source.id
            ),
            NotFound::Several(n) => {
                format!("{n} files are for article {}; expected one", source.id)
            }
        };
        rejected(None, message)
    })?;
    let mut session = Session::new(doc, &found, source, options, leverage);
    let article_units = source.units();
    session.check_unit_ids(&article_units);
    let completion = session.completion(&article_units);
    let (completed, completed_from) = completed_units(&completion, &session.by_unit);
    for unit in &article_units {
        let id = unit.id.as_str();
        let from_file = session.by_unit.get(id).cloned();
        let Some(parts) = from_file
            .as_deref()
            .or_else(|| completed.get(id).map(Vec::as_slice))
        else {
            session.problem(Some(id), "missing from the file".into());
            continue;
        };
        let origin = from_file
            .is_none()
            .then(|| completed_from.get(id).cloned())
            .flatten();
        session.unit(unit, parts, origin);
    }
    session.check_version(&found);
    session.file_findings(&found);
    session.text_checks(&article_units);
    session.finish()
}

fn rejected(unit: Option<&str>, message: String) -> Error {
    Error::Rejected {
        problems: vec![problem_at(unit, message)],
    }
}

fn problem_at(unit: Option<&str>, message: String) -> Problem {
    Problem {
        location: Location {
            unit: unit.map(str::to_string),
            ..Location::default()
        },
        message,
    }
}

/// The units a file leaves out, completed from the full export with re-use:
/// those whose every segment is an in-context or exact match.
fn completed_units<'e>(
    completion: &'e Option<Export>,
    in_file: &BTreeMap<String, Vec<&Unit>>,
) -> (BTreeMap<String, Vec<&'e Unit>>, BTreeMap<String, String>) {
    let mut completed = BTreeMap::new();
    let mut completed_from = BTreeMap::new();
    let Some(full) = completion else {
        return (completed, completed_from);
    };
    let mut units = BTreeMap::new();
    let mut order = Vec::new();
    let fnl = NlPrefixes::of(&full.document);
    for f in &full.document.files {
        collect(&f.items, None, &fnl, &mut units, &mut order);
    }
    for (id, parts) in units {
        if in_file.contains_key(&id) {
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
    (completed, completed_from)
}

/// One import in progress: the file found, what was learnt about it, and
/// what has been built and found so far.
struct Session<'a> {
    doc: &'a Document,
    file: &'a crate::xliff::File,
    source: &'a Article,
    options: &'a ImportOptions,
    nl: NlPrefixes,
    stripped: bool,
    languages: Languages,
    /// File units by article unit id, in document order.
    by_unit: BTreeMap<String, Vec<&'a Unit>>,
    order: Vec<String>,
    /// A segment left empty takes the translation of a segment with the
    /// same source: canonical source → (label, target).
    repeated: BTreeMap<String, (String, &'a Content)>,
    /// Earlier translations of each unit, from the re-used files: (unit id,
    /// canonical target) → the source it translated.
    earlier: HashMap<(String, String), String>,
    leverage: &'a Leverage<'a>,
    problems: Vec<Problem>,
    report: Report,
    translations: Vec<(String, Text)>,
    pairs: Vec<SegmentPair>,
    all_hashes: Vec<String>,
    pair_at: Vec<usize>,
    /// Units whose source hash the tool dropped (compared by text).
    without_hash: usize,
    /// Whether every unit of the file matches the article's sources.
    all_sources_match: bool,
}

impl<'a> Session<'a> {
    fn new(
        doc: &'a Document,
        found: &Found<'a>,
        source: &'a Article,
        options: &'a ImportOptions,
        leverage: &'a Leverage<'a>,
    ) -> Session<'a> {
        let file = found.file;
        let nl = NlPrefixes::of(doc);
        let mut problems = Vec::new();
        let mut language_problems = Vec::new();
        let languages = super::language::check(
            file.trg_lang.as_deref().or(doc.trg_lang.as_deref()),
            file.src_lang.as_deref().or(doc.src_lang.as_deref()),
            file_meta(doc, file, META_TARGET_LANG),
            &source.language,
            &mut language_problems,
        );
        problems.extend(language_problems.into_iter().map(|m| problem_at(None, m)));
        let mut by_unit = BTreeMap::new();
        let mut order = Vec::new();
        collect(&file.items, None, &nl, &mut by_unit, &mut order);
        let mut repeated = BTreeMap::new();
        for id in &order {
            for u in by_unit.get(id).into_iter().flatten() {
                for seg in u.segments() {
                    if let Some(t) = seg
                        .target
                        .as_ref()
                        .filter(|t| !is_blank(t) && !is_copy(t, &seg.source))
                    {
                        let label = format!("{id}/{}", seg.id.as_deref().unwrap_or("1"));
                        repeated
                            .entry(content_canonical(&seg.source))
                            .or_insert((label, t));
                    }
                }
            }
        }
        let mut earlier = HashMap::new();
        for prev in leverage.previous_files() {
            let pnl = NlPrefixes::of(prev);
            let mut units = BTreeMap::new();
            let mut porder = Vec::new();
            for f in &prev.files {
                collect(&f.items, None, &pnl, &mut units, &mut porder);
            }
            for (id, parts) in units {
                for seg in parts.iter().flat_map(|u| u.segments()) {
                    if let Some(t) = seg.target.as_ref().filter(|t| !is_blank(t)) {
                        earlier
                            .entry((id.clone(), content_canonical(t)))
                            .or_insert_with(|| seg.source.plain_text());
                    }
                }
            }
        }
        let report = Report {
            units: source.units().len(),
            ..Report::default()
        };
        Session {
            doc,
            file,
            source,
            options,
            nl,
            stripped: found.stripped,
            languages,
            by_unit,
            order,
            repeated,
            earlier,
            leverage,
            problems,
            report,
            translations: Vec::new(),
            pairs: Vec::new(),
            all_hashes: Vec::new(),
            pair_at: Vec::new(),
            without_hash: 0,
            all_sources_match: true,
        }
    }

    fn problem(&mut self, unit: Option<&str>, message: String) {
        self.problems.push(problem_at(unit, message));
    }

    fn finding(&mut self, unit: &str, kind: FindingKind, message: String) {
        self.report.findings.push(Finding {
            unit: unit.to_string(),
            kind,
            message,
        });
    }

    /// Every unit of the file is one of the article's.
    fn check_unit_ids(&mut self, article_units: &[ArticleUnit<'_>]) {
        let known: HashSet<&str> = article_units.iter().map(|u| u.id.as_str()).collect();
        for id in self.order.clone() {
            if !known.contains(id.as_str()) {
                let m = format!("the article {} has no such unit", self.source.id);
                self.problem(Some(&id), m);
                self.all_sources_match = false;
            }
        }
    }

    /// The full export with re-use, when the file leaves units out and
    /// earlier files were given.
    fn completion(&mut self, article_units: &[ArticleUnit<'_>]) -> Option<Export> {
        let left_out = article_units
            .iter()
            .any(|u| !self.by_unit.contains_key(u.id.as_str()));
        let t = self.languages.target.as_ref()?;
        if !left_out || self.leverage.previous_files().is_empty() {
            return None;
        }
        match Exporter::new().export_with(self.source, t, self.leverage) {
            Ok(e) => Some(e),
            Err(e) => {
                self.problem(None, e.to_string());
                None
            }
        }
    }

    /// The version in the header against the article's: an older header
    /// over units that all match the article is a merge tool's (accepted,
    /// said); otherwise the file is stale.
    fn check_version(&mut self, found: &Found<'_>) {
        let v = self.source.version;
        match found.version {
            Some(n) if n == v => {}
            Some(n) if n < v && self.all_sources_match => {
                self.finding(
                    "",
                    FindingKind::LaterVersion,
                    format!(
                        "the file's header says version {n}, but every unit matches version {v} \
                         of {}: imported as a translation of version {v}",
                        self.source.id
                    ),
                );
            }
            Some(n) => {
                let m = format!(
                    "stale file: it was exported from version {n} of {}, the article is at version {v}",
                    self.source.id
                );
                self.problems.insert(0, problem_at(None, m));
            }
            // an original name without a version: the units' sources said
            None if found.stripped => {}
            None => self.problems.insert(
                0,
                problem_at(
                    None,
                    "the file does not say which article version it is for".into(),
                ),
            ),
        }
    }

    /// What the import says about the file as a whole.
    fn file_findings(&mut self, found: &Found<'_>) {
        if self.stripped {
            self.finding(
                "",
                FindingKind::MetadataStripped,
                "the tool dropped newsloc's metadata: the file was matched by its original name, \
                 each unit by its source text"
                    .into(),
            );
        } else if self.without_hash > 0 {
            let n = self.without_hash;
            self.finding(
                "",
                FindingKind::MetadataStripped,
                format!(
                    "the tool dropped the source hash of {n} unit(s): their sources were \
                     compared with the article's text"
                ),
            );
        }
        for name in &found.others {
            self.report.findings.push(Finding {
                unit: String::new(),
                kind: FindingKind::ExtraFile,
                message: format!(
                    "the document also holds file {name}, which is not part of this export: \
                     it was ignored"
                ),
            });
        }
    }

    /// Checks one article unit against its units in the file and, when all
    /// is well, adds its translation.
    fn unit(&mut self, unit: &ArticleUnit<'_>, parts: &[&'a Unit], origin: Option<String>) {
        let id = unit.id.as_str();
        self.check_source(unit, parts);
        let codes = SourceCodes::of(unit.text);
        let no_space = self.languages.no_space;
        let mut runs: Vec<Run> = Vec::new();
        let mut missing: Vec<Missing> = Vec::new();
        let mut unit_problems: Vec<String> = Vec::new();
        let mut seg_origins: Vec<Option<String>> = Vec::new();
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
                        self.segment(
                            unit,
                            u,
                            seg,
                            &label,
                            &codes,
                            origin.as_ref(),
                            SegmentOut {
                                runs: &mut runs,
                                missing: &mut missing,
                                problems: &mut unit_problems,
                                origins: &mut seg_origins,
                            },
                        );
                    }
                    Part::Ignorable(ign) => {
                        let content = ign.target.as_ref().unwrap_or(&ign.source);
                        if ign.target.is_none()
                            && no_space
                            && content.plain_text().trim().is_empty()
                        {
                            // no space between sentences in this script
                            let codes_only: Content = content
                                .iter()
                                .filter(|i| !matches!(i, crate::xliff::Inline::Text(_)))
                                .cloned()
                                .collect();
                            content_to_runs(&codes_only, &codes, &mut runs, &mut unit_problems);
                        } else {
                            content_to_runs(content, &codes, &mut runs, &mut unit_problems);
                        }
                    }
                }
            }
        }
        if seg_count == 0 {
            self.problem(Some(id), "the unit has no segment".into());
            return;
        }
        let had_problems = !unit_problems.is_empty();
        for m in unit_problems {
            self.problem(Some(id), m);
        }
        let all_missing = missing.len() == seg_count;
        if !missing.is_empty() && !self.untranslated(id, &missing, all_missing) {
            return;
        }
        if had_problems {
            return;
        }
        self.translation(unit, parts, runs, all_missing, &seg_origins);
    }

    /// The returned source of a unit against the article's: by the hash
    /// recorded at export, and by text (white space folded).
    fn check_source(&mut self, unit: &ArticleUnit<'_>, parts: &[&'a Unit]) {
        let id = unit.id.as_str();
        let source_canonical = canonical(unit.text);
        let expected = hash_canonical(&source_canonical);
        let recorded = parts
            .iter()
            .find_map(|u| unit_hash(u, &self.nl))
            .or_else(|| group_hash(&self.file.items, id, &self.nl));
        match recorded {
            Some(h) if h == expected => {}
            Some(_) => {
                self.all_sources_match = false;
                self.problem(
                    Some(id),
                    "stale: the article's text of this unit changed since the file was exported"
                        .into(),
                );
            }
            // compared by text below
            None => self.without_hash += usize::from(!self.stripped),
        }
        let codes = SourceCodes::of(unit.text);
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
        // a tool that drops protected markers drops them in the source too;
        // a pretty-printer indents it as it indents the target
        restore_protected(unit.text, &mut src_runs);
        let preserve = parts.iter().all(|u| u.space == Some(Space::Preserve));
        let indented = super::space::tidy_target(&mut src_runs, unit.text, preserve);
        let returned = Text::from_runs(src_runs);
        match returned {
            Ok(t) if src_problems.is_empty() && canonical(&t) == source_canonical => {
                if parts.len() == 1
                    && (indented || t.to_plain_string() != unit.text.to_plain_string())
                {
                    self.finding(
                        id,
                        FindingKind::SourceReindented,
                        "the tool re-indented the source (it differs only in white space)".into(),
                    );
                }
            }
            _ => {
                self.all_sources_match = false;
                self.problem(
                    Some(id),
                    "the returned source differs from the article's text (was the source edited?)"
                        .into(),
                );
            }
        }
    }

    /// One segment: its target (or a repetition, or the source for the
    /// policy), its state, and the pair for the translation memory.
    #[allow(clippy::too_many_arguments)]
    fn segment(
        &mut self,
        unit: &ArticleUnit<'_>,
        u: &'a Unit,
        seg: &'a crate::xliff::Segment,
        label: &str,
        codes: &SourceCodes<'_>,
        unit_origin: Option<&String>,
        out: SegmentOut<'_>,
    ) {
        let mut target = seg.target.as_ref().filter(|t| !is_blank(t));
        let copy = target.is_some_and(|t| is_copy(t, &seg.source));
        if copy {
            // still the source, whatever state the tool wrote
            target = None;
        } else if target.is_some_and(|t| fold_eq(t, &seg.source)) && has_letters(&seg.source) {
            self.finding(
                label,
                FindingKind::SameAsSource,
                "the target is identical to the source (a short unit: accepted)".into(),
            );
        }
        let seg_canonical = content_canonical(&seg.source);
        self.all_hashes.push(hash_canonical(&seg_canonical));
        let repetition = match target {
            None if !is_blank(&seg.source) => self
                .repeated
                .get(&seg_canonical)
                .and_then(|(of, t)| Some((of.clone(), remap_codes(t, &seg.source)?))),
            _ => None,
        };
        if let Some((of, _)) = &repetition {
            self.finding(
                label,
                FindingKind::Repetition,
                format!("left empty: the translation of {of} (the same source) is used"),
            );
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
            let reused = unit_origin.cloned().or_else(|| reused_in_file(u, seg, t));
            out.origins.push(reused.clone());
            self.pair(unit, seg, t, codes, &seg_canonical, reused);
        }
        match target {
            None => {
                out.missing.push(Missing {
                    label: label.to_string(),
                    copy,
                });
                content_to_runs(&seg.source, codes, out.runs, &mut Vec::new());
            }
            Some(t) => {
                if !is_blank(&seg.source) && repetition.is_none() {
                    self.state_of(u, seg, t, label, unit.id.as_str(), out.problems);
                }
                let mut seg_problems = Vec::new();
                content_to_runs(t, codes, out.runs, &mut seg_problems);
                out.problems
                    .extend(seg_problems.into_iter().map(|m| format!("{label}: {m}")));
            }
        }
    }

    /// The pair of a translated segment, for the translation memory.
    fn pair(
        &mut self,
        unit: &ArticleUnit<'_>,
        seg: &crate::xliff::Segment,
        t: &Content,
        codes: &SourceCodes<'_>,
        seg_canonical: &str,
        reused: Option<String>,
    ) {
        let text = |c: &Content| {
            let mut runs = Vec::new();
            let mut p = Vec::new();
            content_to_runs(c, codes, &mut runs, &mut p);
            if p.is_empty() {
                Text::from_runs(runs).ok()
            } else {
                None
            }
        };
        if let (Some(source), Some(target)) = (text(&seg.source), text(t)) {
            self.pair_at.push(self.all_hashes.len() - 1);
            self.pairs.push(SegmentPair {
                unit: unit.id.to_string(),
                kind: unit.kind,
                source,
                target,
                hash: hash_canonical(seg_canonical),
                previous_hash: None,
                next_hash: None,
                state: seg.state,
                reused_from: reused,
            });
        }
    }

    /// The state of a translated segment: reported when not final, refused
    /// below the required state; a target pre-translated from an earlier
    /// source is flagged with both sources.
    fn state_of(
        &mut self,
        u: &Unit,
        seg: &crate::xliff::Segment,
        target: &Content,
        label: &str,
        unit: &str,
        problems: &mut Vec<String>,
    ) {
        let standing = super::states::standing(seg);
        let mut state = standing.state;
        if let Some((kind, message)) = standing.note {
            self.finding(label, kind, message);
        }
        if let Some(old) = self.stale_pretranslation(u, unit, seg, target) {
            state = Some(State::Initial);
            let new = seg.source.plain_text();
            self.finding(
                label,
                FindingKind::StalePretranslation,
                format!(
                    "pre-translated from an earlier source that has changed since:\n      old: \
                     {old}\n      new: {new}"
                ),
            );
        }
        if let Some(required) = self.options.require_state
            && let Some(m) = super::states::below(state, required)
        {
            problems.push(format!("{label}: {m}"));
        }
    }

    /// The earlier source a target translates, when the target is a
    /// candidate's (1.2 `alt-trans`, 2.x `mtc:match`) or an earlier returned
    /// file's translation of this unit, and that source is not this one.
    fn stale_pretranslation(
        &self,
        u: &Unit,
        unit: &str,
        seg: &crate::xliff::Segment,
        target: &Content,
    ) -> Option<String> {
        let t = content_canonical(target);
        let now = content_canonical(&seg.source);
        let from_candidate = u.candidates.iter().find(|c| {
            let r = c.reference.as_deref().map(|r| r.trim_start_matches('#'));
            (r.is_none() || r == seg.id.as_deref())
                && !c.source.is_empty()
                && content_canonical(&c.target) == t
                && content_canonical(&c.source) != now
        });
        if let Some(c) = from_candidate {
            return Some(c.source.plain_text());
        }
        self.earlier
            .get(&(unit.to_string(), t))
            .filter(|old| crate::model::fold(old) != crate::model::fold(&seg.source.plain_text()))
            .cloned()
    }

    /// Applies the untranslated policy to a unit with missing segments;
    /// returns whether the unit goes on.
    fn untranslated(&mut self, id: &str, missing: &[Missing], all_missing: bool) -> bool {
        let listed = || {
            missing
                .iter()
                .map(|m| {
                    if m.copy {
                        format!("{} (a copy of the source)", m.label)
                    } else {
                        m.label.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        // "untranslated" alone only when nothing more is to be said
        let whole = all_missing && !missing.iter().any(|m| m.copy);
        match self.options.untranslated {
            Untranslated::Error => {
                let which = if whole {
                    "untranslated".to_string()
                } else {
                    format!("untranslated segment(s): {}", listed())
                };
                self.problem(Some(id), which);
                false
            }
            Untranslated::Source => {
                let what = if whole {
                    "the unit".to_string()
                } else {
                    listed()
                };
                self.finding(
                    id,
                    FindingKind::SourceUsed,
                    format!("no translation for {what}: the source text is used"),
                );
                true
            }
            Untranslated::Omit => {
                self.finding(
                    id,
                    FindingKind::Omitted,
                    "no translation: the unit is left out".into(),
                );
                // partial translations are not published half in the
                // source language: the unit goes as a whole
                false
            }
        }
    }

    /// The unit's translation from its runs: white space a tool added
    /// removed, protected spans a tool unmarked marked again, codes
    /// checked, a caption's trailers handled, the length limit checked.
    fn translation(
        &mut self,
        unit: &ArticleUnit<'_>,
        parts: &[&Unit],
        mut runs: Vec<Run>,
        all_missing: bool,
        seg_origins: &[Option<String>],
    ) {
        let id = unit.id.as_str();
        // Before the text is built: a 50 MB caption is refused as what it
        // is, not as a text over the size any text may have.
        let (len, src_len) = (
            super::limits::runs_length(&runs),
            super::limits::length(&unit.text.to_plain_string()),
        );
        if len > super::limits::bound(src_len) {
            self.problem(
                Some(id),
                format!(
                    "the target is {len} characters, far longer than any translation of its \
                     {src_len}-character source (at most {})",
                    super::limits::bound(src_len)
                ),
            );
            return;
        }
        let preserve = parts.iter().all(|u| u.space == Some(Space::Preserve));
        if super::space::tidy_target(&mut runs, unit.text, preserve) && !all_missing {
            self.finding(
                id,
                FindingKind::WhitespaceTrimmed,
                "white space the tool added to the translation (indentation) was removed".into(),
            );
        }
        for span in restore_protected(unit.text, &mut runs) {
            self.finding(
                id,
                FindingKind::ProtectedUnmarked,
                format!(
                    "the protected text {span:?} came back without its marker, unchanged: it is \
                     protected again"
                ),
            );
        }
        let mut text = match Text::from_runs(runs) {
            Ok(t) => t,
            Err(e) => {
                self.problem(Some(id), format!("inline codes: {e}"));
                return;
            }
        };
        if !check_codes(unit.text, &text, id, &mut self.problems) {
            return;
        }
        if let UnitKind::Caption(n) = unit.kind
            && let Some(photo) = self.photo(n)
        {
            let trailers = super::trailer::strip(&mut text, unit.text, photo);
            for t in trailers.removed {
                self.finding(
                    id,
                    FindingKind::TrailerRemoved,
                    format!(
                        "the translation ended with the photo's own {t}, which was removed: the \
                         credit and restrictions are added back verbatim"
                    ),
                );
            }
            if let Some(t) = trailers.foreign {
                self.problem(
                    Some(id),
                    format!(
                        "the translation ends with {t}, a credit or usage restriction that is not \
                         in the source: it would publish what the agency did not set"
                    ),
                );
                return;
            }
        }
        if !all_missing {
            self.report.translated += 1;
            let reused = if !seg_origins.is_empty() && seg_origins.iter().all(Option::is_some) {
                seg_origins[0].clone()
            } else {
                None
            };
            self.report.provenance.push(Provenance {
                unit: id.to_string(),
                reused_from: reused,
            });
        }
        if let Some(limit) = super::limits::limit(self.doc, self.file, parts, id) {
            let len = super::limits::length(&text.to_plain_string());
            if len > limit {
                self.finding(
                    id,
                    FindingKind::TooLong,
                    format!("{len} characters, the limit is {limit}"),
                );
            }
        }
        self.translations.push((id.to_string(), text));
    }

    /// Photo `n` (from 1) of the article.
    fn photo(&self, n: usize) -> Option<&'a crate::model::Photo> {
        self.source
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Photo(p) => Some(p),
                _ => None,
            })
            .nth(n.checked_sub(1)?)
    }

    /// The text checks: figures, names, quotes, ... (crate::qa)
    fn text_checks(&mut self, article_units: &[ArticleUnit<'_>]) {
        let Some(t) = self.languages.target.clone() else {
            return;
        };
        let file_units = article_units.iter().filter_map(|u| {
            self.by_unit
                .get(&u.id)
                .map(|p| (u.id.as_str(), p.as_slice()))
        });
        let story = crate::qa::Story::from_xliff_units(
            &self.source.language.to_string(),
            &t.to_string(),
            file_units,
            false,
        );
        // length, empty and same-as-source targets are import's own findings
        for f in self.options.qa.check(&story).into_iter().filter(|f| {
            !matches!(
                f.check,
                crate::qa::Check::Length | crate::qa::Check::Empty | crate::qa::Check::SameAsSource
            )
        }) {
            if self.options.qa.refuses(&f) {
                self.problems.push(problem_at(Some(&f.unit), f.to_string()));
            } else {
                self.report.qa.push(f);
            }
        }
    }

    fn finish(mut self) -> Result<Imported> {
        if !self.problems.is_empty() {
            return Err(Error::Rejected {
                problems: self.problems,
            });
        }
        let language = self
            .languages
            .target
            .take()
            .ok_or_else(|| rejected(None, "the file has no target language".into()))?;
        let article =
            self.source
                .translate_with(language, self.translations, Untranslated::Omit)?;
        // neighbours in story order, over every segment of the file
        for (pair, &at) in self.pairs.iter_mut().zip(&self.pair_at) {
            pair.previous_hash = at.checked_sub(1).map(|j| self.all_hashes[j].clone());
            pair.next_hash = self.all_hashes.get(at + 1).cloned();
        }
        Ok(Imported {
            article,
            report: self.report,
            segments: self.pairs,
        })
    }
}

/// A segment without a translation.
struct Missing {
    /// `p3/s1`.
    label: String,
    /// Its target is a copy of its source.
    copy: bool,
}

/// Where a segment's outcome goes in its unit.
struct SegmentOut<'o> {
    runs: &'o mut Vec<Run>,
    missing: &'o mut Vec<Missing>,
    problems: &'o mut Vec<String>,
    origins: &'o mut Vec<Option<String>>,
}

/// Whether every unit of `file` matches `article`'s sources (by the hash
/// recorded at export, or by text where a tool dropped it): the version of
/// the article a merge tool's file really translates.
#[cfg(feature = "store")]
pub(crate) fn sources_match(doc: &Document, article: &Article) -> bool {
    let Ok(found) = find_file(doc, &article.id) else {
        return false;
    };
    let nl = NlPrefixes::of(doc);
    let mut by_unit = BTreeMap::new();
    let mut order = Vec::new();
    collect(&found.file.items, None, &nl, &mut by_unit, &mut order);
    let units = article.units();
    !order.is_empty()
        && order.iter().all(|id| {
            let Some(unit) = units.iter().find(|u| &u.id == id) else {
                return false;
            };
            let parts = &by_unit[id];
            let expected = hash_canonical(&canonical(unit.text));
            match parts
                .iter()
                .find_map(|u| unit_hash(u, &nl))
                .or_else(|| group_hash(&found.file.items, id, &nl))
            {
                Some(h) => h == expected,
                None => {
                    let joined: Vec<String> = parts.iter().map(|u| u.source_text()).collect();
                    crate::model::fold(&joined.join(" "))
                        == crate::model::fold(&unit.text.to_plain_string())
                }
            }
        })
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
    c.is_empty() || (c.plain_text().trim().is_empty() && c.codes().next().is_none())
}

/// The words of a text that have letters (figures are not words here;
/// each CJK character counts as one, as Unicode word boundaries have it).
/// White space with a line break is left out first: it is what a tool
/// re-indenting the file put between inline elements (three protected
/// spans side by side are one word, however the tool laid them out).
fn words(c: &Content) -> usize {
    let plain = c.plain_text();
    let mut joined = String::with_capacity(plain.len());
    for (i, piece) in plain.split('\n').enumerate() {
        if i == 0 {
            joined.push_str(piece.trim_end());
        } else {
            joined.push_str(piece.trim());
        }
    }
    joined
        .unicode_words()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// Whether a short source copied unchanged is worth a finding: it has
/// letters (a figure or a score stays as it is).
fn has_letters(c: &Content) -> bool {
    words(c) > 0
}

/// A target that is still its source (white space folded), in a sentence
/// of more than two words: untranslated, whatever state the tool wrote.
/// Shorter ones (a place name, an acronym) may well stay as they are.
fn is_copy(target: &Content, source: &Content) -> bool {
    words(source) > 2 && fold_eq(target, source)
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
