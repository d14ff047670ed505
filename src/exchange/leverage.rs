//! Re-use ("leverage"): earlier translations found for the segments of a new
//! export, from returned files of earlier versions and from a translation
//! memory, matched as CAT tools match them.
//!
//! The categories, their order and the markings written are described in
//! `docs/reuse.md`.

use std::collections::HashMap;

use unic_langid::LanguageIdentifier;

use super::analysis::{Analysis, Category, SegmentCategory, Words};
use super::import::{NlPrefixes, collect, file_meta};
use super::inline::{canonical, export_text, hash_canonical};
use super::{META_ARTICLE, META_VERSION};
use crate::error::{Error, Result};
use crate::model::{Article, Run, Text, UnitKind};
use crate::segment::Segmenter;
use crate::versions::{Similarity, Token, similarity, similarity_of_tokens, tokens};
use crate::xliff::{Code, CodeKind as XCodeKind, Content, Document, Inline, Marker, Part, State};

/// What an export re-uses: returned files of earlier versions of the story
/// (newest first) and a translation memory.
///
/// # Examples
///
/// ```
/// use newsloc::{Category, Exporter, ImportOptions, Leverage, WireReader, import};
/// use newsloc::xliff::Content;
///
/// let v1 = WireReader::new().id("ferry").read_str(
///     "Ferries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed. Crews cheered.\n")?;
/// let ko = "ko".parse().unwrap();
/// let mut returned = Exporter::new().export(&v1, &ko)?;
/// for unit in returned.units_mut() {
///     for seg in unit.segments_mut() {
///         let t = format!("[{}]", seg.source.plain_text());
///         seg.target = Some(Content::text(&t));
///     }
/// }
/// import(&returned, &v1, &ImportOptions::new())?; // the file the import accepted
///
/// let v2 = WireReader::new().id("ferry").read_str(
///     "Ferries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed. Crews cheered loudly.\n")?;
/// let mut leverage = Leverage::new();
/// leverage.previous(&returned);
/// let export = Exporter::new().export_with(&v2, &ko, &leverage)?;
/// let cats: Vec<Category> = export.analysis.segments.iter().map(|s| s.category).collect();
/// // "Service resumed." has a new neighbour: exact, not in context
/// assert_eq!(cats, [Category::Context, Category::Context, Category::Exact, Category::Fuzzy75]);
/// let p1 = export.document.unit("p1").unwrap();
/// let first = p1.segments().next().unwrap();
/// assert_eq!(first.target.as_ref().unwrap().plain_text(), "[Service resumed.]");
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Default, Clone)]
pub struct Leverage<'a> {
    previous: Vec<&'a Document>,
    memory: Option<&'a dyn Memory>,
}

impl std::fmt::Debug for Leverage<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Leverage")
            .field("previous", &self.previous.len())
            .field("memory", &self.memory.is_some())
            .finish()
    }
}

impl<'a> Leverage<'a> {
    /// Nothing to re-use: every segment is new or a repetition.
    pub fn new() -> Self {
        Leverage::default()
    }

    /// A returned file of an earlier version of the story: the file the
    /// import accepted, every target in it counted as a translation whatever
    /// state the tool wrote. Call newest first; a match in an earlier call
    /// wins over an equal one in a later call.
    pub fn previous(&mut self, returned: &'a Document) -> &mut Self {
        self.previous.push(returned);
        self
    }

    /// A translation memory asked for every segment that the returned files
    /// do not match in context.
    pub fn memory(&mut self, memory: &'a dyn Memory) -> &mut Self {
        self.memory = Some(memory);
        self
    }

    /// The returned files, newest first.
    pub fn previous_files(&self) -> &[&'a Document] {
        &self.previous
    }

    /// Whether there is nothing to re-use.
    pub fn is_empty(&self) -> bool {
        self.previous.is_empty() && self.memory.is_none()
    }

    pub(crate) fn memory_ref(&self) -> Option<&'a dyn Memory> {
        self.memory
    }
}

/// A translation memory the export asks per segment.
pub trait Memory {
    /// Candidates for one source segment: pairs with this source hash
    /// (exact), and fuzzy candidates for its text; the exporter scores them
    /// with the one scorer ([`crate::versions::similarity`]), so a memory
    /// may return more than it would keep.
    ///
    /// # Errors
    ///
    /// Whatever the memory's storage reports; the export fails with it.
    fn candidates(&self, query: &MemoryQuery<'_>) -> Result<Vec<MemoryMatch>>;
}

/// One segment the exporter asks a [`Memory`] about.
#[derive(Debug, Clone, Copy)]
pub struct MemoryQuery<'a> {
    /// The article's language.
    pub source_lang: &'a LanguageIdentifier,
    /// The export's target language.
    pub target_lang: &'a LanguageIdentifier,
    /// The segment's canonical source (white space folded, codes as
    /// `{c:1}` `{/c:1}` `{x:2}`, protected spans as `{p:..}`).
    pub canonical: &'a str,
    /// The hash of `canonical` (16 hex digits of SHA-256), as in
    /// [`SegmentPair::hash`].
    pub hash: &'a str,
    /// The segment's plain text (for a full-text index).
    pub plain: &'a str,
    /// The hash of the previous segment's canonical source in story order;
    /// `None` at the start of the story.
    pub previous_hash: Option<&'a str>,
    /// The hash of the next segment's canonical source; `None` at the end.
    pub next_hash: Option<&'a str>,
}

/// A pair a [`Memory`] offers for a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryMatch {
    /// The stored source segment.
    pub source: Text,
    /// Its translation.
    pub target: Text,
    /// Where it comes from, shown to translators (`tm: drill v1`).
    pub origin: String,
    /// The hash of the stored segment's previous segment (in-context
    /// matches compare it with the query's).
    pub previous_hash: Option<String>,
    /// The hash of the stored segment's next segment.
    pub next_hash: Option<String>,
}

/// One segment of an accepted import, for a translation memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentPair {
    /// The article unit (`headline`, `p2`).
    pub unit: String,
    /// What the unit is.
    pub kind: UnitKind,
    /// The source sentence.
    pub source: Text,
    /// Its translation.
    pub target: Text,
    /// The hash of the source's canonical form (see [`MemoryQuery::hash`]).
    pub hash: String,
    /// The previous segment's hash in story order (`None` at the start).
    pub previous_hash: Option<String>,
    /// The next segment's hash (`None` at the end).
    pub next_hash: Option<String>,
    /// The state the returned file gave the segment.
    pub state: Option<State>,
    /// Where the translation was re-used from (`missile v1`), when it was
    /// not translated in the imported file.
    pub reused_from: Option<String>,
}

// ---------------------------------------------------------------------------
// canonical forms of XLIFF content

/// The canonical form of XLIFF content, the same as
/// [`canonical`](super::inline::canonical) of the text it was exported from:
/// codes as `{c:ID}` `{/c:ID}` `{x:ID}` with the article's code id (the
/// exporter's `c` prefix removed), protected spans as `{p:..}`, other
/// annotations unwrapped, white space folded.
pub(crate) fn content_canonical(c: &Content) -> String {
    let mut s = String::new();
    push_canonical(c, &mut s);
    super::inline::fold(&s)
}

fn article_id(xid: &str) -> &str {
    xid.strip_prefix('c')
        .filter(|rest| !rest.is_empty())
        .unwrap_or(xid)
}

fn push_canonical(c: &Content, s: &mut String) {
    for i in c.iter() {
        match i {
            Inline::Text(t) => s.push_str(t),
            Inline::Code(code) => {
                let id = code_key(code);
                match code.kind {
                    XCodeKind::Start => s.push_str(&format!("{{c:{id}}}")),
                    XCodeKind::End => s.push_str(&format!("{{/c:{id}}}")),
                    _ => s.push_str(&format!("{{x:{id}}}")),
                }
            }
            Inline::Paired(code, inner) => {
                let id = code_key(code);
                s.push_str(&format!("{{c:{id}}}"));
                push_canonical(inner, s);
                s.push_str(&format!("{{/c:{id}}}"));
            }
            Inline::Marker(m, inner) if is_protected(m) => {
                s.push_str("{p:");
                s.push_str(&inner.plain_text());
                s.push('}');
            }
            Inline::Marker(_, inner) => push_canonical(inner, s),
            Inline::MarkerStart(_) | Inline::MarkerEnd(_) | Inline::Raw(_) => {}
        }
    }
}

/// The article id of a code (an end code by the start it closes).
fn code_key(code: &Code) -> &str {
    let id = match code.kind {
        XCodeKind::End => code.start_ref.as_deref().or(code.id.as_deref()),
        _ => code.id.as_deref(),
    };
    article_id(id.unwrap_or(""))
}

fn is_protected(m: &Marker) -> bool {
    m.translate == Some(false) || m.kind.as_deref() == Some("protected")
}

/// Content as a model text (codes by article id, no markup), for
/// re-segmenting and for memory pairs; `None` when its codes do not nest.
pub(crate) fn content_to_text(c: &Content) -> Option<Text> {
    let mut runs = Vec::new();
    push_runs(c, &mut runs);
    Text::from_runs(runs).ok()
}

fn push_runs(c: &Content, out: &mut Vec<Run>) {
    for i in c.iter() {
        match i {
            Inline::Text(t) => out.push(Run::Text(t.to_string())),
            Inline::Code(code) => {
                let id = code_key(code).to_string();
                out.push(match code.kind {
                    XCodeKind::Start => Run::Start {
                        id,
                        kind: crate::model::CodeKind::Other,
                        markup: String::new(),
                    },
                    XCodeKind::End => Run::End {
                        id,
                        markup: String::new(),
                    },
                    _ => Run::Code {
                        id,
                        kind: crate::model::CodeKind::Other,
                        markup: String::new(),
                    },
                });
            }
            Inline::Paired(code, inner) => {
                let id = code_key(code).to_string();
                out.push(Run::Start {
                    id: id.clone(),
                    kind: crate::model::CodeKind::Other,
                    markup: String::new(),
                });
                push_runs(inner, out);
                out.push(Run::End {
                    id,
                    markup: String::new(),
                });
            }
            Inline::Marker(m, inner) if is_protected(m) => {
                out.push(Run::Protected(inner.plain_text()));
            }
            Inline::Marker(_, inner) => push_runs(inner, out),
            Inline::MarkerStart(_) | Inline::MarkerEnd(_) | Inline::Raw(_) => {}
        }
    }
}

/// A model text as one piece of XLIFF content (codes with the exporter's
/// ids, no original data).
pub(crate) fn text_to_content(t: &Text) -> Content {
    let mut parts = export_text(t, None).parts;
    let mut c = Content::new();
    for p in parts.drain(..) {
        c.extend(p.content);
    }
    strip_data_refs(&mut c);
    c
}

/// Removes original-data references (a candidate's content has no original
/// data of its own).
pub(crate) fn strip_data_refs(c: &mut Content) {
    for i in c.iter_mut() {
        match i {
            Inline::Code(code) => {
                code.data_ref = None;
                code.data_ref_end = None;
            }
            Inline::Paired(code, inner) => {
                code.data_ref = None;
                code.data_ref_end = None;
                strip_data_refs(inner);
            }
            Inline::Marker(_, inner) => strip_data_refs(inner),
            _ => {}
        }
    }
}

/// An earlier translation carried onto a new segment: each code of the old
/// target becomes the new source's code with the same article id (and its
/// original data), each protected span the new source's span with the same
/// text, other annotations are unwrapped. `None` when the old target has a
/// code or protected span the new source lacks, or of another shape.
pub(crate) fn remap_codes(target: &Content, source: &Content) -> Option<Content> {
    let mut codes: HashMap<(u8, String), Inline> = HashMap::new();
    let mut protected: Vec<(String, Inline)> = Vec::new();
    index_codes(source, &mut codes, &mut protected);
    let out = remap_inner(target, &codes, &protected)?;
    // every code of the source once in the target
    let (mut a, mut b) = (Vec::new(), Vec::new());
    code_list(source, &mut a);
    code_list(&out, &mut b);
    a.sort();
    b.sort();
    (a == b).then_some(out)
}

fn shape(i: &Inline) -> u8 {
    match i {
        Inline::Code(c) => match c.kind {
            XCodeKind::Start => 1,
            XCodeKind::End => 2,
            _ => 0,
        },
        Inline::Paired(..) => 3,
        _ => 4,
    }
}

fn index_codes(
    c: &Content,
    codes: &mut HashMap<(u8, String), Inline>,
    protected: &mut Vec<(String, Inline)>,
) {
    for i in c.iter() {
        match i {
            Inline::Code(code) => {
                codes.insert((shape(i), code_key(code).to_string()), i.clone());
            }
            Inline::Paired(code, inner) => {
                let head = Inline::Paired(code.clone(), Content::new());
                codes.insert((3, code_key(code).to_string()), head);
                index_codes(inner, codes, protected);
            }
            Inline::Marker(m, inner) if is_protected(m) => {
                protected.push((inner.plain_text(), i.clone()));
            }
            Inline::Marker(_, inner) => index_codes(inner, codes, protected),
            _ => {}
        }
    }
}

fn remap_inner(
    target: &Content,
    codes: &HashMap<(u8, String), Inline>,
    protected: &[(String, Inline)],
) -> Option<Content> {
    let mut out = Content::new();
    for i in target.iter() {
        match i {
            Inline::Text(t) => out.push_text(t),
            Inline::Code(code) => {
                out.push(codes.get(&(shape(i), code_key(code).to_string()))?.clone());
            }
            Inline::Paired(code, inner) => {
                let Some(Inline::Paired(head, _)) = codes.get(&(3, code_key(code).to_string()))
                else {
                    return None;
                };
                let inner = remap_inner(inner, codes, protected)?;
                out.push(Inline::Paired(head.clone(), inner));
            }
            Inline::Marker(m, inner) if is_protected(m) => {
                let text = inner.plain_text();
                let (_, span) = protected.iter().find(|(t, _)| *t == text)?;
                out.push(span.clone());
            }
            Inline::Marker(_, inner) => {
                let inner = remap_inner(inner, codes, protected)?;
                out.extend(inner);
            }
            Inline::MarkerStart(_) | Inline::MarkerEnd(_) => {}
            Inline::Raw(_) => return None,
        }
    }
    Some(out)
}

fn code_list(c: &Content, out: &mut Vec<(u8, String)>) {
    for i in c.iter() {
        match i {
            Inline::Code(code) => out.push((shape(i), code_key(code).to_string())),
            Inline::Paired(code, inner) => {
                out.push((3, code_key(code).to_string()));
                code_list(inner, out);
            }
            Inline::Marker(m, inner) if is_protected(m) => {
                out.push((5, inner.plain_text()));
            }
            Inline::Marker(_, inner) => code_list(inner, out),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// the segments of returned files

/// One segment of a returned file, in the exporter's segmentation.
#[derive(Debug, Clone)]
pub(crate) struct PrevSegment {
    pub(crate) source: Content,
    /// `None`: not translated in that file (it still counts as a neighbour).
    pub(crate) target: Option<Content>,
    pub(crate) canonical: String,
    pub(crate) previous_hash: Option<String>,
    pub(crate) next_hash: Option<String>,
    /// `missile v1`.
    pub(crate) origin: String,
}

/// A whole unit of a returned file, for units the tool segmented so
/// differently that no sentence pairs could be rebuilt.
#[derive(Debug, Clone)]
pub(crate) struct PrevUnit {
    pub(crate) source: Content,
    pub(crate) target: Content,
    pub(crate) origin: String,
}

/// Every segment of the returned files, looked up by canonical source.
#[derive(Debug, Default)]
pub(crate) struct PrevIndex {
    pub(crate) segments: Vec<PrevSegment>,
    by_canonical: HashMap<String, Vec<usize>>,
    units: HashMap<String, PrevUnit>,
}

impl PrevIndex {
    /// Reads the returned files for `article`: the file of each document
    /// that carries the article's id (a document with none is refused).
    ///
    /// Segments are rebuilt in the exporter's segmentation: when a CAT tool
    /// merged or split sentences, the unit's source is split again with
    /// `segmenter` and its target with the target language's rules; when
    /// the counts agree the sentences are paired in order, otherwise the
    /// tool's segments are kept and the unit as a whole is indexed too.
    pub(crate) fn build(
        docs: &[&Document],
        article: &Article,
        segmenter: Option<&Segmenter>,
        target: &LanguageIdentifier,
        ours: &HashMap<String, Vec<String>>,
    ) -> Result<PrevIndex> {
        let mut index = PrevIndex::default();
        let target_seg = std::cell::OnceCell::new();
        for doc in docs {
            let file = doc
                .files
                .iter()
                .find(|f| file_meta(doc, f, META_ARTICLE) == Some(article.id.as_str()));
            let Some(file) = file else {
                let found: Vec<&str> = doc
                    .files
                    .iter()
                    .filter_map(|f| file_meta(doc, f, META_ARTICLE))
                    .collect();
                return Err(Error::Model {
                    unit: None,
                    message: if found.is_empty() {
                        "a file given for re-use is not a newsloc export (no file carries an \
                         article id)"
                            .to_string()
                    } else {
                        format!(
                            "a file given for re-use is for article {}, not {}",
                            found.join(", "),
                            article.id
                        )
                    },
                });
            };
            let lang = file.trg_lang.as_deref().or(doc.trg_lang.as_deref());
            if lang
                .and_then(|l| l.parse::<LanguageIdentifier>().ok())
                .as_ref()
                != Some(target)
            {
                return Err(Error::Model {
                    unit: None,
                    message: format!(
                        "a file given for re-use is a translation into {}, not {target}",
                        lang.unwrap_or("no language")
                    ),
                });
            }
            let version = file_meta(doc, file, META_VERSION).unwrap_or("?");
            let origin = format!("{} v{version}", article.id);
            let mut by_unit = std::collections::BTreeMap::new();
            let mut order = Vec::new();
            collect(
                &file.items,
                None,
                &NlPrefixes::of(doc),
                &mut by_unit,
                &mut order,
            );
            let start = index.segments.len();
            for id in &order {
                let parts = &by_unit[id];
                index.add_unit(parts, &origin, segmenter, &target_seg, target, ours);
            }
            // neighbours in story order within this file
            let hashes: Vec<String> = index.segments[start..]
                .iter()
                .map(|s| hash_canonical(&s.canonical))
                .collect();
            for (k, seg) in index.segments[start..].iter_mut().enumerate() {
                seg.previous_hash = k.checked_sub(1).map(|j| hashes[j].clone());
                seg.next_hash = hashes.get(k + 1).cloned();
            }
        }
        for (i, s) in index.segments.iter().enumerate() {
            if s.target.is_some() {
                index
                    .by_canonical
                    .entry(s.canonical.clone())
                    .or_default()
                    .push(i);
            }
        }
        Ok(index)
    }

    fn add_unit(
        &mut self,
        parts: &[&crate::xliff::Unit],
        origin: &str,
        segmenter: Option<&Segmenter>,
        target_seg: &std::cell::OnceCell<Segmenter>,
        target_lang: &LanguageIdentifier,
        ours_by_text: &HashMap<String, Vec<String>>,
    ) {
        // the tool's segments, and the unit joined
        let mut segs: Vec<(Content, Option<Content>)> = Vec::new();
        let mut source = Content::new();
        let mut target = Content::new();
        let mut complete = true;
        for (i, u) in parts.iter().enumerate() {
            if i > 0 {
                source.push_text(" ");
                target.push_text(" ");
            }
            for p in &u.parts {
                match p {
                    Part::Segment(s) => {
                        let t = s.target.clone().filter(|t| !blank(t));
                        let t = if blank(&s.source) {
                            Some(s.target.clone().unwrap_or_else(|| s.source.clone()))
                        } else {
                            t
                        };
                        source.extend(s.source.iter().cloned());
                        match &t {
                            Some(t) => target.extend(t.iter().cloned()),
                            None => complete = false,
                        }
                        segs.push((s.source.clone(), t));
                    }
                    Part::Ignorable(ig) => {
                        source.extend(ig.source.iter().cloned());
                        let t = ig.target.as_ref().unwrap_or(&ig.source);
                        target.extend(t.iter().cloned());
                    }
                }
            }
        }
        let tool: Vec<String> = segs.iter().map(|(s, _)| content_canonical(s)).collect();
        // our segmentation of the unit's source: known when the new article
        // has a unit with this text, else segmented again
        let joined = content_canonical(&source);
        let same = ours_by_text.get(&joined).is_some_and(|o| *o == tool);
        let ours: Option<Vec<Content>> = segmenter
            .filter(|_| !same)
            .and_then(|seg| content_to_text(&source).map(|t| sentences(&t, seg)));
        let push = |this: &mut PrevIndex, source: Content, target: Option<Content>| {
            let canonical = content_canonical(&source);
            this.segments.push(PrevSegment {
                source,
                target,
                canonical,
                previous_hash: None,
                next_hash: None,
                origin: origin.to_string(),
            });
        };
        match ours {
            Some(ours)
                if ours.iter().map(content_canonical).collect::<Vec<_>>() != tool
                    && !ours.is_empty() =>
            {
                // re-segmented by the tool: split the target again
                let theirs = complete
                    .then(|| content_to_text(&target))
                    .flatten()
                    .map(|t| sentences(&t, target_seg.get_or_init(|| Segmenter::new(target_lang))));
                match theirs {
                    Some(theirs) if theirs.len() == ours.len() => {
                        for (s, t) in ours.into_iter().zip(theirs) {
                            push(self, s, Some(t));
                        }
                    }
                    _ => {
                        for (s, t) in segs {
                            push(self, s, t);
                        }
                    }
                }
            }
            _ => {
                for (s, t) in segs {
                    push(self, s, t);
                }
            }
        }
        if complete {
            self.units.entry(joined).or_insert(PrevUnit {
                source,
                target,
                origin: origin.to_string(),
            });
        }
    }

    /// Translated segments with this canonical source, newest file first.
    pub(crate) fn exact(&self, canonical: &str) -> impl Iterator<Item = &PrevSegment> {
        self.by_canonical
            .get(canonical)
            .into_iter()
            .flatten()
            .map(|&i| &self.segments[i])
    }

    /// A whole translated unit with this canonical source.
    pub(crate) fn unit(&self, canonical: &str) -> Option<&PrevUnit> {
        self.units.get(canonical)
    }

    /// Whether there is nothing in the index.
    pub(crate) fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

/// The canonical sentences of each unit of a document just exported,
/// keyed by the canonical text of the unit.
pub(crate) fn sentences_by_unit(doc: &Document, article: &Article) -> HashMap<String, Vec<String>> {
    let texts: HashMap<String, String> = article
        .units()
        .iter()
        .map(|u| (u.id.clone(), canonical(u.text)))
        .collect();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for u in doc.units() {
        if let Some(text) = texts.get(article_unit(u)) {
            let list = out.entry(text.clone()).or_default();
            list.extend(u.segments().map(|s| content_canonical(&s.source)));
        }
    }
    out
}

/// The sentences of a text, by `segmenter`, as content (white space between
/// sentences dropped).
fn sentences(t: &Text, segmenter: &Segmenter) -> Vec<Content> {
    export_text(t, Some(segmenter))
        .parts
        .into_iter()
        .filter(|p| p.segment)
        .map(|p| {
            let mut c = p.content;
            strip_data_refs(&mut c);
            c
        })
        .collect()
}

fn blank(c: &Content) -> bool {
    c.is_empty() || (c.plain_text().trim().is_empty() && c.codes().next().is_none())
}

// ---------------------------------------------------------------------------
// matching an export's segments

/// A segment of the new export.
struct NewSeg {
    /// Index of its XLIFF unit in document order.
    item: usize,
    /// Index of the segment among the unit's parts.
    part: usize,
    unit: String,
    segment: String,
    source: Content,
    canonical: String,
    plain: String,
    words: usize,
}

/// What was found for one segment.
struct Decision {
    category: Category,
    score: Option<u8>,
    origin: Option<String>,
    figures_differ: bool,
    /// The translation filled in (in context and exact).
    fill: Option<Content>,
    /// The match offered: source, target, origin, similarity, type.
    candidate: Option<(Content, Content, String, u8, &'static str)>,
    /// The segment this one repeats.
    repeats: Option<String>,
}

impl Decision {
    fn plain(category: Category) -> Decision {
        Decision {
            category,
            score: None,
            origin: None,
            figures_differ: false,
            fill: None,
            candidate: None,
            repeats: None,
        }
    }
}

/// The article unit a unit of our own export belongs to.
fn article_unit(u: &crate::xliff::Unit) -> &str {
    let meta = u
        .metadata
        .as_ref()
        .and_then(|m| {
            m.groups
                .iter()
                .filter(|g| g.category.as_deref() == Some(super::META_CATEGORY))
                .find_map(|g| g.get(super::META_UNIT))
        })
        .or_else(|| {
            crate::xliff::attr_value(
                &u.attrs,
                &format!("{}:{}", super::NL_PREFIX, super::META_UNIT),
            )
        });
    meta.unwrap_or(&u.id)
}

/// A translation carried onto a new segment, and the match it came from.
struct Found {
    origin: String,
    source: Content,
    target: Content,
}

/// Finds a match for every segment of `doc` (just built by the exporter),
/// fills in and marks what was found, and returns the analysis.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply(
    doc: &mut Document,
    article: &Article,
    target: &LanguageIdentifier,
    index: &PrevIndex,
    leverage: &Leverage<'_>,
    whole: &std::collections::HashSet<String>,
    v12: bool,
    notes: bool,
) -> Result<Analysis> {
    let mut segs: Vec<NewSeg> = Vec::new();
    for (item, u) in doc.units().enumerate() {
        let unit = article_unit(u).to_string();
        for (part, p) in u.parts.iter().enumerate() {
            if let Part::Segment(s) = p {
                let plain = s.source.plain_text();
                segs.push(NewSeg {
                    item,
                    part,
                    unit: unit.clone(),
                    segment: s.id.as_deref().unwrap_or("s1").to_string(),
                    canonical: content_canonical(&s.source),
                    words: crate::xliff::count_words(&plain),
                    plain,
                    source: s.source.clone(),
                });
            }
        }
    }
    let hashes: Vec<String> = segs.iter().map(|s| hash_canonical(&s.canonical)).collect();
    let claims = article
        .editor_note
        .as_ref()
        .map(|n| crate::versions::claims(n, article))
        .unwrap_or_default();
    let mut seen: HashMap<&str, String> = HashMap::new();
    let prev_tokens = std::cell::OnceCell::new();
    let mut decisions: Vec<Decision> = Vec::with_capacity(segs.len());
    for (k, s) in segs.iter().enumerate() {
        let prev_h = k.checked_sub(1).map(|j| hashes[j].as_str());
        let next_h = hashes.get(k + 1).map(String::as_str);
        let named = claims.iter().any(|c| c.units.contains(&s.unit));
        let d = decide(
            s,
            &hashes[k],
            prev_h,
            next_h,
            named,
            whole.contains(&s.unit),
            index,
            &prev_tokens,
            leverage,
            article,
            target,
            &seen,
        )?;
        seen.entry(s.canonical.as_str())
            .or_insert_with(|| format!("{}/{}", s.unit, s.segment));
        decisions.push(d);
    }

    // write what was found into the document
    let mut analysis = Analysis {
        file: format!("{}.v{}.{target}.xlf", article.id, article.version),
        language: target.to_string(),
        words: Words::default(),
        segments: Vec::with_capacity(segs.len()),
    };
    let mut k = 0;
    for (item, u) in doc.units_mut().enumerate() {
        let first = k;
        let mut unit_notes: Vec<String> = Vec::new();
        while k < segs.len() && segs[k].item == item {
            let (s, d) = (&segs[k], &decisions[k]);
            let clauses: Vec<String> = claims
                .iter()
                .filter(|c| c.units.contains(&s.unit))
                .map(|c| c.clause.clone())
                .collect();
            if let Some(Part::Segment(seg)) = u.parts.get_mut(s.part)
                && let Some(fill) = &d.fill
            {
                seg.target = Some(fill.clone());
                let context = d.category == Category::Context;
                seg.state = Some(if context {
                    State::Final
                } else {
                    State::Translated
                });
                if !v12 {
                    seg.sub_state = Some(
                        if context {
                            "newsloc:in-context"
                        } else {
                            "newsloc:exact"
                        }
                        .into(),
                    );
                }
            }
            if let Some((source, target, origin, score, kind)) = &d.candidate {
                let mut c = crate::xliff::Candidate {
                    reference: Some(s.segment.as_str().into()),
                    origin: Some(origin.as_str().into()),
                    similarity: Some(f64::from(*score)),
                    source: source.clone(),
                    target: target.clone(),
                    ..Default::default()
                };
                strip_data_refs(&mut c.source);
                strip_data_refs(&mut c.target);
                c.attrs.push(crate::xliff::Attr::new("type", *kind));
                u.candidates.push(c);
            }
            if notes {
                let label = &s.segment;
                for clause in &clauses {
                    unit_notes.push(match d.category {
                        Category::Exact | Category::Context => format!(
                            "{label}: \"{clause}\" (editor's note): the sentence is unchanged \
                             since {} and its translation is filled in; check it against the \
                             change.",
                            d.origin.as_deref().unwrap_or("the earlier version")
                        ),
                        _ => format!("{label}: \"{clause}\" (editor's note)."),
                    });
                }
                if let Some(of) = &d.repeats {
                    unit_notes.push(format!(
                        "{label} repeats {of}: translate it there; left empty here, it takes \
                         that translation on import."
                    ));
                }
                if d.figures_differ && d.candidate.is_some() {
                    unit_notes.push(format!(
                        "{label}: the figures differ from the {}% match offered from {}; \
                         check every number.",
                        d.score.unwrap_or(0),
                        d.origin.as_deref().unwrap_or("an earlier version")
                    ));
                }
            }
            analysis.words.add(d.category, s.words);
            analysis.segments.push(SegmentCategory {
                unit: s.unit.clone(),
                segment: s.segment.clone(),
                category: d.category,
                words: s.words,
                score: d.score,
                origin: d.origin.clone(),
                figures_differ: d.figures_differ,
                claims: clauses,
            });
            k += 1;
        }
        for n in unit_notes {
            let mut note = crate::xliff::Note::new(&n);
            note.category = Some("reuse".into());
            u.notes.push(note);
        }
        if v12 {
            mark_v12(u, &decisions[first..k]);
        }
    }
    Ok(analysis)
}

/// XLIFF 1.2 has one state per `<trans-unit>`: `final` (approved,
/// `leveraged-inherited`) when every segment is an in-context match,
/// otherwise `translated` with `exact-match` for whatever was filled in.
fn mark_v12(u: &mut crate::xliff::Unit, decisions: &[Decision]) {
    let filled = decisions.iter().filter(|d| d.fill.is_some()).count();
    if filled == 0 {
        return;
    }
    let all_context =
        filled == decisions.len() && decisions.iter().all(|d| d.category == Category::Context);
    let qualifier = if all_context {
        "leveraged-inherited"
    } else {
        "exact-match"
    };
    let mut first = true;
    for seg in u.segments_mut() {
        if first {
            seg.attrs_mut()
                .push(crate::xliff::Attr::new("state-qualifier", qualifier));
            first = false;
        }
        if seg.target.is_some() && !all_context {
            seg.state = Some(State::Translated);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn decide<'t>(
    s: &NewSeg,
    hash: &str,
    prev_h: Option<&str>,
    next_h: Option<&str>,
    named: bool,
    whole: bool,
    index: &'t PrevIndex,
    prev_tokens: &std::cell::OnceCell<Vec<Tokens<'t>>>,
    leverage: &Leverage<'_>,
    article: &Article,
    target: &LanguageIdentifier,
    seen: &HashMap<&str, String>,
) -> Result<Decision> {
    let found = |category: Category, f: Found| Decision {
        category,
        score: Some(100),
        origin: Some(f.origin.clone()),
        figures_differ: false,
        candidate: Some((
            f.source,
            f.target.clone(),
            f.origin,
            100,
            if category == Category::Context {
                "icm"
            } else {
                "tm"
            },
        )),
        fill: Some(f.target),
        repeats: None,
    };
    if whole
        && let Some(pu) = index.unit(&s.canonical)
        && let Some(t) = remap_codes(&pu.target, &s.source)
    {
        return Ok(found(
            Category::Exact,
            Found {
                origin: pu.origin.clone(),
                source: pu.source.clone(),
                target: t,
            },
        ));
    }
    // returned files
    let mut context: Option<Found> = None;
    let mut exact: Option<Found> = None;
    for p in index.exact(&s.canonical) {
        let Some(t) = p.target.as_ref().and_then(|t| remap_codes(t, &s.source)) else {
            continue;
        };
        let f = || Found {
            origin: p.origin.clone(),
            source: p.source.clone(),
            target: t.clone(),
        };
        if context.is_none()
            && p.previous_hash.as_deref() == prev_h
            && p.next_hash.as_deref() == next_h
        {
            context = Some(f());
        }
        if exact.is_none() {
            exact = Some(f());
        }
        if context.is_some() {
            break;
        }
    }
    // the memory
    let mut fuzzy: Vec<(Similarity, String, Content, Content)> = Vec::new();
    if context.is_none()
        && let Some(memory) = leverage.memory_ref()
    {
        let query = MemoryQuery {
            source_lang: &article.language,
            target_lang: target,
            canonical: &s.canonical,
            hash,
            plain: &s.plain,
            previous_hash: prev_h,
            next_hash: next_h,
        };
        for m in memory.candidates(&query)? {
            let src = canonical(&m.source);
            if src == s.canonical {
                let Some(t) = remap_codes(&text_to_content(&m.target), &s.source) else {
                    continue;
                };
                let f = Found {
                    origin: m.origin.clone(),
                    source: text_to_content(&m.source),
                    target: t,
                };
                if m.previous_hash.as_deref() == prev_h && m.next_hash.as_deref() == next_h {
                    if context.is_none() {
                        context = Some(f);
                    }
                } else if exact.is_none() {
                    exact = Some(f);
                }
            } else {
                fuzzy.push((
                    similarity(&src, &s.canonical),
                    m.origin,
                    text_to_content(&m.source),
                    text_to_content(&m.target),
                ));
            }
        }
    }
    match (context, exact) {
        (Some(c), _) if !named => return Ok(found(Category::Context, c)),
        (_, Some(e)) => return Ok(found(Category::Exact, e)),
        (Some(c), None) => return Ok(found(Category::Exact, c)),
        (None, None) => {}
    }
    if let Some(of) = seen.get(s.canonical.as_str()) {
        let mut d = Decision::plain(Category::Repetition);
        d.origin = Some(of.clone());
        d.repeats = Some(of.clone());
        return Ok(d);
    }
    // fuzzy: the best earlier segment
    let mut best: Option<(Similarity, String, Content, Content)> = None;
    let better = |best: &Option<(Similarity, String, Content, Content)>, score: u8| {
        best.as_ref().is_none_or(|b| score > b.0.score)
    };
    let prev: &Vec<Tokens<'t>> = prev_tokens.get_or_init(|| {
        index
            .segments
            .iter()
            .map(|p| Tokens::of(if p.target.is_some() { &p.canonical } else { "" }))
            .collect()
    });
    let new = Tokens::of(&s.canonical);
    // candidates by the bound on their score, best first; scoring stops at
    // the first whose bound cannot beat the best score found
    let mut order: Vec<(u8, usize)> = index
        .segments
        .iter()
        .zip(prev)
        .enumerate()
        .filter(|(_, (p, _))| p.target.is_some())
        .map(|(i, (_, pt))| (new.bound(pt), i))
        .filter(|(b, _)| *b >= 50)
        .collect();
    order.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut best_at = usize::MAX;
    for (bound, i) in order {
        if bound < best.as_ref().map_or(50, |b| b.0.score) {
            break;
        }
        let (p, pt) = (&index.segments[i], &prev[i]);
        let Some(t) = &p.target else { continue };
        let sim = similarity_of_tokens(&p.canonical, &s.canonical, &pt.tokens, &new.tokens);
        // on a tie the segment met first in the files wins (newest file first)
        let wins = best
            .as_ref()
            .is_none_or(|b| sim.score > b.0.score || (sim.score == b.0.score && i < best_at));
        if sim.score < 100 && wins {
            best = Some((sim, p.origin.clone(), p.source.clone(), t.clone()));
            best_at = i;
        }
    }
    for f in fuzzy {
        if better(&best, f.0.score) {
            best = Some(f);
        }
    }
    let Some((sim, origin, source, target)) = best else {
        return Ok(Decision::plain(Category::New));
    };
    let category = Category::of_score(sim.score).unwrap_or(Category::New);
    let mut d = Decision::plain(category);
    if sim.score >= 50 {
        d.score = Some(sim.score);
    }
    if sim.score >= 75 {
        d.origin = Some(origin.clone());
        d.figures_differ = sim.figures_differ;
        d.candidate = Some((source, target, origin, sim.score, "tm"));
    }
    Ok(d)
}

/// A segment's tokens as the scorer splits them, with what the bound on
/// its score needs.
pub(crate) struct Tokens<'a> {
    tokens: Vec<Token<'a>>,
    /// The tokens' text as hashes, sorted (for the tokens in common).
    sorted: Vec<u64>,
    /// A hash of the tokens other than punctuation as the scorer's rule 2
    /// compares them (lower-cased, numbers by their digits), sorted.
    loose: u64,
}

impl<'a> Tokens<'a> {
    fn of(canonical: &'a str) -> Tokens<'a> {
        use std::hash::BuildHasher;
        let hasher = foldhash::fast::FixedState::with_seed(7);
        let tokens = tokens(canonical);
        let text = |t: &Token<'a>| match *t {
            Token::Word(w) | Token::Number(w) | Token::Code(w) | Token::Punct(w) => w,
        };
        let mut sorted: Vec<u64> = tokens.iter().map(|t| hasher.hash_one(text(t))).collect();
        sorted.sort_unstable();
        let mut loose: Vec<String> = tokens
            .iter()
            .filter_map(|t| match *t {
                Token::Punct(_) => None,
                Token::Word(w) => Some(w.to_lowercase()),
                Token::Number(n) => Some(n.chars().filter(|c| c.is_numeric()).collect()),
                Token::Code(c) => Some(c.to_string()),
            })
            .collect();
        loose.sort_unstable();
        Tokens {
            tokens,
            sorted,
            loose: hasher.hash_one(&loose),
        }
    }

    /// The most the scorer can give the pair: 100 for short segments (scored
    /// on characters) and for pairs whose words may differ only in case or
    /// punctuation (which may score 99); otherwise `100 × common / longer`,
    /// rounded down, since the edit distance is at least the longer length
    /// less the tokens in common. (Equal hashes are taken as equal tokens: a
    /// collision can only raise the bound.)
    fn bound(&self, other: &Tokens<'_>) -> u8 {
        let longer = self.tokens.len().max(other.tokens.len());
        if longer < 4 || self.loose == other.loose {
            return 100;
        }
        let (mut i, mut j, mut common) = (0, 0, 0);
        while i < self.sorted.len() && j < other.sorted.len() {
            match self.sorted[i].cmp(&other.sorted[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        u8::try_from(100 * common / longer).unwrap_or(100)
    }
}

/// Removes the units that need no translator (every segment in context,
/// exact or a repetition, and no verb of the editor's note naming the unit).
pub(crate) fn keep_changed(doc: &mut Document, analysis: &Analysis) {
    let keep: std::collections::HashSet<&str> = analysis
        .segments
        .iter()
        .filter(|s| s.category.needs_translator() || !s.claims.is_empty())
        .map(|s| s.unit.as_str())
        .collect();
    for file in doc.files.iter_mut() {
        file.items.retain(|item| match item {
            crate::xliff::Item::Unit(u) => keep.contains(article_unit(u)),
            crate::xliff::Item::Group(g) => g.id.as_deref().is_some_and(|id| keep.contains(id)),
            crate::xliff::Item::Raw(_) => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CodeKind;

    fn rich() -> Text {
        Text::from_runs(vec![
            Run::Text("He said ".into()),
            Run::Start {
                id: "1".into(),
                kind: CodeKind::Emphasis,
                markup: "<em>".into(),
            },
            Run::Text("no.".into()),
            Run::End {
                id: "1".into(),
                markup: "</em>".into(),
            },
            Run::Text(" Then ".into()),
            Run::Protected("KCNA".into()),
            Run::Code {
                id: "2".into(),
                kind: CodeKind::LineBreak,
                markup: "<br/>".into(),
            },
        ])
        .unwrap()
    }

    proptest::proptest! {
        #[test]
        fn the_bound_is_never_below_the_score(
            a in proptest::collection::vec("(said|Seoul|12|550|the|,|\\.|Talks|talks)", 0..9),
            b in proptest::collection::vec("(said|Seoul|12|550|the|,|\\.|Talks|talks)", 0..9),
        ) {
            let (a, b) = (a.join(" "), b.join(" "));
            let (ta, tb) = (Tokens::of(&a), Tokens::of(&b));
            let score = similarity(&a, &b).score;
            if score < 100 {
                proptest::prop_assert!(score <= tb.bound(&ta), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn content_canonical_is_the_texts() {
        let t = rich();
        let out = export_text(&t, None);
        assert_eq!(content_canonical(&out.parts[0].content), canonical(&t));
        assert_eq!(canonical(&t), "He said {c:1}no.{/c:1} Then {p:KCNA}{x:2}");
        let back = content_to_text(&out.parts[0].content).unwrap();
        assert_eq!(canonical(&back), canonical(&t));
    }

    #[test]
    fn remapped_codes_take_the_new_sources_data() {
        let t = rich();
        let src = export_text(&t, None).parts.remove(0).content;
        // an old target with the codes reordered and no data references
        let old = Text::from_runs(vec![
            Run::Protected("KCNA".into()),
            Run::Text(" 다음 ".into()),
            Run::Start {
                id: "1".into(),
                kind: CodeKind::Other,
                markup: String::new(),
            },
            Run::Text("아니".into()),
            Run::End {
                id: "1".into(),
                markup: String::new(),
            },
            Run::Code {
                id: "2".into(),
                kind: CodeKind::Other,
                markup: String::new(),
            },
        ])
        .unwrap();
        let old = text_to_content(&old);
        let mapped = remap_codes(&old, &src).unwrap();
        let Inline::Paired(head, _) = &mapped[2] else {
            panic!("{mapped:?}")
        };
        assert_eq!(head.data_ref.as_deref(), Some("d1"));
        assert_eq!(head.data_ref_end.as_deref(), Some("d2"));
        // a code the new source lacks: nothing to carry over
        let lacking = export_text(&Text::plain("He said no."), None)
            .parts
            .remove(0)
            .content;
        assert!(remap_codes(&old, &lacking).is_none());
    }
}
