//! The XLIFF 2.x reader: events → typed model, with the core rules a schema
//! cannot check. Well-formedness failures stop reading ([`Error::Xml`]);
//! rule violations are collected as [`Problem`]s and reading goes on.
//!
//! Where a rule lives:
//! - `cursor.rs`: opening tags (namespaces, attribute names and values),
//!   the child-event loop, and the checks of one attribute's value;
//! - `structure.rs`: `<xliff>`, `<file>`, `<group>`, notes, `<unit>` and
//!   its segments, ignorables and original data;
//! - `inline.rs`: text, codes and annotations inside source and target;
//! - `unit_checks.rs`: the rules across a unit, checked when it ends;
//! - `modules/`: one file per optional module (`ctr`, `fs`, `gls`, `mda`,
//!   `mtc`, `res`, `slr`, `val`), and `modules/mod.rs` for the walk that
//!   keeps module and extension elements verbatim;
//! - `fragment.rs`: the fragment identifier syntax; `ids.rs`: the id
//!   tables of the unit checks.
//!
//! The types shared by these files (the parser's state, open tags,
//! attributes, the per-unit tables) are defined here.

use std::borrow::Cow;
// foldhash: fast on the short ids these tables hold, and seeded per process,
// so crafted ids cannot make them quadratic.
use crate::list::{Boxed, List};
use foldhash::{HashMap, HashSet};

use quick_xml::events::Event;

use crate::document::{
    AppliesTo, Attr, CanReorder, Candidate, Code, CodeKind, CodeTag, Content, Data, Document, File,
    Group, Ignorable, Inline, Marker, MetaGroup, MetaItem, Metadata, Note, Part, Raw, Segment,
    Space, State, Unit, Version,
};
use crate::error::{Error, Module, Problem, ProblemKind};
use crate::ns::{self, Dropped};
use crate::str::Str;
use crate::stream::Visitor;
use crate::value::{is_lang, is_nmtoken, lang_eq, yes_no as parse_bool};
use crate::window::{Paused, Read};
use crate::xml::{
    Ctx, Named, Namespaces, Resolved, TextRun, XmlReader, attr_value, is_xml_char, resolve_ref,
    split_name,
};

mod cursor;
mod fragment;
mod ids;
mod inline;
mod modules;
mod structure;
mod unit_checks;

use fragment::check_fragment;
#[cfg(test)]
use ids::FEW_IDS;
use ids::{IdMap, IdSet};

pub(crate) const NS_20: &str = ns::XLIFF_20;
pub(crate) const NS_22: &str = ns::XLIFF_22;
pub(crate) const NS_MDA: &str = ns::MDA;
pub(crate) const NS_MTC: &str = ns::MTC;
/// The Change Tracking module (a module in 2.0, an extension with the same
/// namespace and rules since 2.1). Its elements classify as [`Ns::Other`]
/// and are recognised by namespace only in the module checks, so reading
/// other elements pays nothing for it.
const NS_CTR: &str = ns::CTR;
const NS_XML: &str = ns::XML;

use crate::xml::MAX_INLINE_DEPTH;

/// How deep elements inside a checked module element (Change Tracking,
/// Validation, Glossary, Resource Data) and nested `mda:metaGroup`s are
/// read; the modules define at most four levels. Deeper ones are reported
/// and skipped without recursion, so no input can exhaust the stack.
const MAX_MODULE_DEPTH: usize = 32;

const TAG_20: u8 = 1;
const TAG_22: u8 = 2;
const TAG_MDA: u8 = 3;
const TAG_MTC: u8 = 4;
const TAG_XML: u8 = 5;
const TAG_FS: u8 = 6;
const TAG_SLR: u8 = 7;
const TAG_VAL: u8 = 8;
const TAG_GLS: u8 = 9;
const TAG_RES: u8 = 10;

/// The tag a namespace is declared with (compared instead of the string).
fn ns_tag(uri: &str) -> u8 {
    match uri {
        NS_20 => TAG_20,
        NS_22 => TAG_22,
        NS_MDA => TAG_MDA,
        NS_MTC => TAG_MTC,
        NS_XML => TAG_XML,
        ns::FS => TAG_FS,
        ns::SLR => TAG_SLR,
        ns::VAL => TAG_VAL,
        ns::GLS => TAG_GLS,
        ns::RES => TAG_RES,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// The document's XLIFF core namespace.
    Core,
    Mda,
    Mtc,
    Xml,
    /// Modules checked by the reader and kept verbatim.
    Fs,
    Slr,
    Val,
    Gls,
    Res,
    /// No namespace (unprefixed attributes, unbound default).
    None,
    /// Any other namespace (or an unbound prefix).
    Other,
}

/// An open tag.
#[derive(Clone, Copy)]
struct Tag<'a> {
    qname: &'a str,
    local: &'a str,
    ns: Ns,
    start: usize,
    empty: bool,
    /// Depth of the element (1 for the root).
    depth: usize,
}

/// One attribute of a tag.
struct A<'a> {
    qname: &'a str,
    local: &'a str,
    ns: Ns,
    value: Cow<'a, str>,
}

impl<'a> Named<'a> for A<'a> {
    fn name(&self) -> &'a str {
        self.qname
    }
}

/// Which side of a segment content belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Source,
    Target,
    /// Content of a match candidate or other place without unit checks.
    Loose,
}

/// An id kept for the checks: borrowed from the input (owned only when
/// the attribute value had references resolved), so recording an id in
/// the tables below costs no allocation.
type Key<'a> = Cow<'a, str>;

/// Per-unit bookkeeping for the checks across segments.
#[derive(Default)]
struct UnitCheck<'a> {
    /// Segment, ignorable and source inline ids.
    ids: IdSet<'a>,
    /// Target inline ids.
    target_ids: IdSet<'a>,
    /// Original data ids.
    data: IdSet<'a>,
    has_original_data: bool,
    /// Open `sc` in the source, by id, with their can* flags.
    open_sc: IdMap<'a, CodeFlags>,
    /// XLIFF 2.0 only: `type`, `subType`, `copyOf`, `dir` of open source
    /// `sc` that have any, which a non-isolated `ec` must not contradict.
    sc_attrs: HashMap<Key<'a>, [Option<Key<'a>>; 4]>,
    /// The same for `sc` in targets.
    trg_sc_attrs: HashMap<Key<'a>, [Option<Key<'a>>; 4]>,
    /// `sc`/`ec` seen in the target: (id or startRef, is start, isolated, offset).
    target_pairs: Vec<(Key<'a>, bool, usize, CodeFlags)>,
    /// Open `sm` ids in the source and the target.
    open_sm: IdSet<'a>,
    open_sm_target: IdSet<'a>,
    /// Source codes that may not be deleted.
    no_delete: Vec<(Key<'a>, usize)>,
    /// Every code id seen in the target.
    target_code_ids: IdSet<'a>,
    any_target: bool,
    /// `order` values seen on targets.
    orders: Vec<(u32, usize)>,
    /// Codes with `copyOf` (value, offset) and the ids of every code with
    /// its `canCopy`.
    copy_of: Vec<(Key<'a>, usize)>,
    code_ids: IdMap<'a, Option<bool>>,
    /// Ids of the unit's notes.
    note_ids: Vec<Str>,
    /// Number of segments and ignorables so far.
    parts: u32,
    /// Codes in document order with their `canReorder` and enclosing `pc`
    /// (id, canReorder, parent, offset), source and target.
    src_codes: Vec<CodeEntry<'a>>,
    trg_codes: Vec<CodeEntry<'a>>,
    /// Ids of the `pc` elements being read.
    parents: Vec<Key<'a>>,
    /// Inline elements with an id: (id, element, translate, offset), source
    /// and target, to check that counterparts are alike.
    src_sigs: Vec<(Key<'a>, &'static str, Option<bool>, usize)>,
    trg_sigs: Vec<(Key<'a>, &'static str, Option<bool>, usize)>,
}

type CodeEntry<'a> = (Key<'a>, Option<CanReorder>, Option<Key<'a>>, usize);

impl UnitCheck<'_> {
    /// Empties every table, keeping their memory for the next unit.
    fn clear(&mut self) {
        self.ids.clear();
        self.target_ids.clear();
        self.data.clear();
        self.has_original_data = false;
        self.open_sc.clear();
        self.sc_attrs.clear();
        self.trg_sc_attrs.clear();
        self.target_pairs.clear();
        self.open_sm.clear();
        self.open_sm_target.clear();
        self.no_delete.clear();
        self.target_code_ids.clear();
        self.any_target = false;
        self.orders.clear();
        self.copy_of.clear();
        self.code_ids.clear();
        self.note_ids.clear();
        self.parts = 0;
        self.src_codes.clear();
        self.trg_codes.clear();
        self.parents.clear();
        self.src_sigs.clear();
        self.trg_sigs.clear();
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct CodeFlags {
    can_copy: Option<bool>,
    can_delete: Option<bool>,
    can_overlap: Option<bool>,
    can_reorder: Option<CanReorder>,
}

/// A group being read: its tag, its header until the first child item is
/// handed on, where it is in the order of children, and the inherited
/// values to restore when it closes.
struct OpenGroup<'a> {
    tag: Tag<'a>,
    /// `id`s of the extension elements in the group.
    ext_ids: Vec<Str>,
    header: Option<Group>,
    phase: u8,
    space: Option<Space>,
    lang: Option<Str>,
}

/// State of the checks while walking a module element.
#[derive(Default)]
struct ModuleCheck {
    /// Ids seen in the current glossary or resource data.
    ids: HashSet<Str>,
    /// Whether the current glossary entry has a translation or definition.
    entry_has_meaning: bool,
    /// The `ctr:revisions` being walked.
    revisions: Option<CtrRevisions>,
    /// `version` values of its `ctr:revision` children.
    versions: Vec<String>,
    /// `property` values of the items of the `ctr:revision` being walked.
    properties: Vec<String>,
}

/// A `ctr:revisions` element: what its `appliesTo`, `ref` and item
/// `property` values must match in the enclosing unit, checked when the
/// unit ends (the elements it points at come after it).
struct CtrRevisions {
    at: usize,
    applies_to: String,
    reference: Option<String>,
    current_version: Option<String>,
    /// Item properties other than `content`, with the item's offset.
    properties: Vec<(String, usize)>,
}

/// Change tracks of files and groups, resolved when those end.
#[derive(Default)]
struct CtrOuter {
    /// The `ctr:revisions` of open files and groups.
    pending: Vec<OuterCtr>,
    /// What they may apply to, in document order.
    facts: Vec<CtrFact>,
}

/// A `ctr:revisions` of the file or group at `depth`; `from` is the
/// length of [`CtrOuter::facts`] when it was read.
struct OuterCtr {
    depth: usize,
    from: usize,
    rev: CtrRevisions,
}

/// A note, unit or group read while file or group change tracks are
/// pending: its depth (for a note, that of the file or group holding
/// it), id and, for a note, attribute names.
struct CtrFact {
    depth: usize,
    kind: &'static str,
    id: Option<Str>,
    attrs: Vec<Str>,
}

/// Core elements a `ctr:revisions` in a unit may apply to (siblings of the
/// change track, or their children), and the names of module elements
/// that may stand there, written without their prefix.
const CTR_UNIT_TARGETS: &[&str] = &[
    "notes",
    "note",
    "originalData",
    "data",
    "segment",
    "ignorable",
    "source",
    "target",
    "matches",
    "match",
    "glossary",
    "glossEntry",
    "metadata",
    "metaGroup",
    "resourceData",
    "resourceItem",
    "resourceItemRef",
    "validation",
    "rule",
    "profiles",
];

/// What [`Parser::module_walk`] found in an element.
#[derive(Default, Clone, Copy)]
struct Walked {
    /// Text or elements.
    content: bool,
    /// Number of child elements.
    elements: u32,
}

/// The values the Format Style module allows for `fs:fs` (HTML elements).
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "command",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "link",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Per-file bookkeeping.
#[derive(Default)]
struct FileCheck {
    /// Group ids.
    ids: HashSet<Str>,
    /// Unit ids.
    unit_ids: HashSet<Str>,
    /// `subFlows` references to check when the file ends.
    sub_flows: Vec<(Str, usize, Option<Str>)>,
    /// The ids inside each `slr:data` of the open file, group and unit
    /// elements, with the depth of the element holding the `slr:data`:
    /// what `slr:sizeInfoRef` may point at.
    slr_data: Vec<(usize, Vec<Str>)>,
}

pub(crate) struct Parser<'a, 'v, V: Visitor> {
    r: XmlReader<'a>,
    ns: Namespaces,
    problems: Vec<Problem>,
    visitor: &'v mut V,
    version: Version,
    core_ns: &'static str,
    /// The namespace tag of `core_ns`.
    core_tag: u8,
    src_lang: Option<Str>,
    trg_lang: Option<Str>,
    file_ids: HashSet<Str>,
    fc: FileCheck,
    /// Unit check tables kept between units.
    /// The tables of the previous unit, emptied and reused (`None` while a
    /// unit is being read).
    /// (Boxed: the tables are large, and moving them in and out of here
    /// per unit would copy them.)
    uc_spare: Option<Box<UnitCheck<'a>>>,
    /// False when the input holds no carriage return: text then needs no
    /// line-end normalisation.
    has_cr: bool,
    /// `xml:space` inherited from the enclosing file and groups.
    space: Option<Space>,
    /// `xml:lang` inherited from the enclosing elements.
    lang: Option<Str>,
    /// The id of the file being read.
    file_id: Option<Str>,
    /// `mtc:match` references to segments of the current unit (id,
    /// offset), checked when the unit ends.
    match_refs: Vec<(Str, usize)>,
    /// The file declares the `xliff:codepoints` size profile, whose values
    /// are numbers (other profiles define their own syntax).
    slr_codepoints: bool,
    /// Nesting of content elements (`pc`, `mrk`) being read.
    inline_depth: usize,
    /// Attribute lists to reuse (their memory), filled by `recycle`.
    attr_pool: Vec<Vec<A<'a>>>,
    /// Inline pieces of the contents being read (nested contents stack
    /// theirs above their parent's).
    inl_stack: List<Inline>,
    /// Text of the innermost content not yet ended by another piece.
    text_run: TextRun<'a>,
    /// Text of the simple element being read (`text_content`).
    plain_run: TextRun<'a>,
    /// Parts of the unit being read (units do not nest).
    parts_buf: List<Part>,
    /// The notes of a `<notes>` being read.
    notes_buf: List<Note>,
    /// `<data>` elements of the `<originalData>` being read.
    data_buf: List<Data>,
    /// `ctr:revisions` of the unit being read, checked when it ends.
    ctr_pending: Vec<CtrRevisions>,
    /// `ctr:revisions` of files and groups.
    ctr_outer: CtrOuter,
    /// Prefixes used where no declaration of them is in scope, as bound
    /// when first met (see [`crate::ns::rebind`]).
    dropped: Dropped,
    /// Reading through a window: where to stop, and where to go on.
    stream: Option<Box<Stream>>,
}

/// What a read through a window keeps from one window to the next.
type Stream = crate::window::Stream<Resume>;

/// Where the structural elements were when reading stopped: each level
/// keeps what its loop over children had (their tags are rebuilt from the
/// open elements).
#[derive(Default)]
struct Resume {
    root: Option<RootFrame>,
    file: Option<FileFrame>,
    groups: Vec<GroupFrame>,
    /// The root has been read: comments and PIs after it so far.
    epilog: Option<Vec<Raw>>,
}

struct RootFrame {
    root: Option<Document>,
    files: usize,
}

struct FileFrame {
    outer_lang: Option<Str>,
    phase: u8,
    ext_ids: Vec<Str>,
    header: Option<File>,
    items: usize,
}

struct GroupFrame {
    ext_ids: Vec<Str>,
    header: Option<Group>,
    phase: u8,
    space: Option<Space>,
    lang: Option<Str>,
}

/// The parser's fields that do not borrow the text.
pub(crate) struct Carry {
    ns: Namespaces,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    version: Version,
    core_ns: &'static str,
    core_tag: u8,
    src_lang: Option<Str>,
    trg_lang: Option<Str>,
    file_ids: HashSet<Str>,
    fc: FileCheck,
    space: Option<Space>,
    lang: Option<Str>,
    file_id: Option<Str>,
    match_refs: Vec<(Str, usize)>,
    slr_codepoints: bool,
    inl_stack: List<Inline>,
    parts_buf: List<Part>,
    notes_buf: List<Note>,
    data_buf: List<Data>,
    ctr_pending: Vec<CtrRevisions>,
    ctr_outer: CtrOuter,
    dropped: Dropped,
    stream: Box<Stream>,
}

/// Reads the window of a document in `ctx` from its start (`paused`
/// `None`) or from where the read of the previous window stopped, as far as
/// the pieces in it are whole (`eof`: the window holds the end of the
/// input).
pub(crate) fn parse_window<'a, V: Visitor>(
    ctx: Ctx<'a>,
    open: &'a [(Str, usize)],
    paused: Option<Box<Carry>>,
    eof: bool,
    visitor: &mut V,
) -> Result<Read<Carry>, Error> {
    let mut p = match paused {
        None => {
            let mut p = Parser::new(ctx, visitor);
            p.stream = Some(Stream::new(ctx, eof));
            p
        }
        Some(carry) => Parser::go_on(ctx, open, *carry, eof, visitor),
    };
    p.document()?;
    let paused = p.stream.as_ref().is_some_and(|s| s.paused);
    if !paused {
        return Ok(Read::Done(p.r.with_warnings(p.problems)));
    }
    let mut live: Vec<usize> = p.fc.sub_flows.iter().map(|(_, at, _)| *at).collect();
    for o in &p.ctr_outer.pending {
        live.push(o.rev.at);
        live.extend(o.rev.properties.iter().map(|(_, at)| *at));
    }
    let stop = crate::window::stop_of(&p.r);
    Ok(Read::Paused(Paused::new(p.into_carry(), stop, live)))
}

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    fn new(ctx: Ctx<'a>, visitor: &'v mut V) -> Parser<'a, 'v, V> {
        Parser {
            r: XmlReader::new(ctx),
            ns: Namespaces::default(),
            problems: Vec::new(),
            visitor,
            version: Version::V2_0,
            core_ns: NS_20,
            core_tag: TAG_20,
            src_lang: None,
            trg_lang: None,
            file_ids: HashSet::default(),
            fc: FileCheck::default(),
            uc_spare: None,
            has_cr: memchr::memchr(b'\r', ctx.text.as_bytes()).is_some(),
            space: None,
            lang: None,
            file_id: None,
            match_refs: Vec::new(),
            slr_codepoints: false,
            inline_depth: 0,
            attr_pool: Vec::new(),
            inl_stack: List::new(),
            text_run: TextRun::default(),
            plain_run: TextRun::default(),
            parts_buf: List::new(),
            notes_buf: List::new(),
            data_buf: List::new(),
            ctr_pending: Vec::new(),
            ctr_outer: CtrOuter::default(),
            dropped: Dropped::default(),
            stream: None,
        }
    }

    /// A parser for the next window, going on from `c`.
    fn go_on(
        ctx: Ctx<'a>,
        open: &'a [(Str, usize)],
        c: Carry,
        eof: bool,
        visitor: &'v mut V,
    ) -> Parser<'a, 'v, V> {
        let mut stream = c.stream;
        stream.go_on(ctx, open.len(), eof);
        Parser {
            r: XmlReader::resume(ctx, open, c.warnings),
            ns: c.ns,
            problems: c.problems,
            visitor,
            version: c.version,
            core_ns: c.core_ns,
            core_tag: c.core_tag,
            src_lang: c.src_lang,
            trg_lang: c.trg_lang,
            file_ids: c.file_ids,
            fc: c.fc,
            uc_spare: None,
            has_cr: memchr::memchr(b'\r', ctx.text.as_bytes()).is_some(),
            space: c.space,
            lang: c.lang,
            file_id: c.file_id,
            match_refs: c.match_refs,
            slr_codepoints: c.slr_codepoints,
            inline_depth: 0,
            attr_pool: Vec::new(),
            inl_stack: c.inl_stack,
            text_run: TextRun::default(),
            plain_run: TextRun::default(),
            parts_buf: c.parts_buf,
            notes_buf: c.notes_buf,
            data_buf: c.data_buf,
            ctr_pending: c.ctr_pending,
            ctr_outer: c.ctr_outer,
            dropped: c.dropped,
            stream: Some(stream),
        }
    }

    fn into_carry(mut self) -> Carry {
        let warnings = std::mem::take(&mut self.r.warnings);
        Carry {
            ns: self.ns,
            problems: self.problems,
            warnings,
            version: self.version,
            core_ns: self.core_ns,
            core_tag: self.core_tag,
            src_lang: self.src_lang,
            trg_lang: self.trg_lang,
            file_ids: self.file_ids,
            fc: self.fc,
            space: self.space,
            lang: self.lang,
            file_id: self.file_id,
            match_refs: self.match_refs,
            slr_codepoints: self.slr_codepoints,
            inl_stack: self.inl_stack,
            parts_buf: self.parts_buf,
            notes_buf: self.notes_buf,
            data_buf: self.data_buf,
            ctr_pending: self.ctr_pending,
            ctr_outer: self.ctr_outer,
            dropped: self.dropped,
            stream: self
                .stream
                .unwrap_or_else(|| Stream::new(self.r.ctx, false)),
        }
    }
}

/// Reads the document in `ctx`, hands it to `visitor` and returns every
/// problem found (rule violations and warnings); `Err` only for what makes
/// the document unreadable.
pub(crate) fn parse<V: Visitor>(
    ctx: Ctx<'_>,
    visitor: &mut V,
) -> Result<(Vec<Problem>, Dropped), Error> {
    let mut p = Parser::new(ctx, visitor);
    p.document()?;
    Ok((p.r.with_warnings(p.problems), p.dropped))
}

/// True for a namespace declaration (`xmlns` or `xmlns:prefix`).
fn is_ns_decl(qname: &str) -> bool {
    qname == "xmlns" || qname.starts_with("xmlns:")
}

/// The value of the unprefixed attribute `local`, for the unit checks.
/// Attributes an XLIFF 2.0 `ec` must not give other values than its `sc`.
const SC_EC_SAME: [&str; 4] = ["type", "subType", "copyOf", "dir"];

/// The names of the attributes note `n` has.
fn note_attrs(n: &Note) -> Vec<&str> {
    let mut names: Vec<&str> = n.attrs.iter().map(|a| &*a.name).collect();
    names.extend(n.id.as_ref().map(|_| "id"));
    names.extend(n.category.as_ref().map(|_| "category"));
    names.extend(n.priority.map(|_| "priority"));
    names.extend(n.applies_to.map(|_| "appliesTo"));
    names
}

fn key_of<'a>(attrs: &[A<'a>], local: &str) -> Option<Key<'a>> {
    attrs
        .iter()
        .find(|a| a.ns == Ns::None && a.local == local)
        .map(|a| dup(&a.value))
}

/// `k.clone()`, with the borrowed case (nearly every id) inline.
#[inline(always)]
fn dup<'a>(k: &Key<'a>) -> Key<'a> {
    match k {
        Cow::Borrowed(s) => Cow::Borrowed(s),
        Cow::Owned(s) => Cow::Owned(s.clone()),
    }
}

/// A child of an element.
enum Child<'a> {
    Elem(Tag<'a>, Vec<A<'a>>),
    Text(Cow<'a, str>, usize),
    Misc(&'a str),
}

#[cfg(test)]
mod tests {
    use crate::v2;
    use crate::{Module, ProblemKind};

    fn doc(source: &str) -> String {
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\">\
             <file id=\"f\"><unit id=\"u\"><segment><source>{source}</source></segment>\
             </unit></file></xliff>"
        )
    }

    #[test]
    fn line_ends_in_text_are_normalised_only_where_there_are_carriage_returns() {
        // Carriage returns anywhere in the input: CRLF and CR become LF.
        let d = v2::read(&doc("a\r\nb\rc\nd")).unwrap();
        assert_eq!(d.units().next().unwrap().source_text(), "a\nb\nc\nd");
        // A carriage return outside the text still leaves the text as is.
        let d = v2::read(&doc("a\nb\tc").replace("<file", "\r\n<file")).unwrap();
        assert_eq!(d.units().next().unwrap().source_text(), "a\nb\tc");
        // None at all: the text is kept as written.
        let d = v2::read(&doc("a\nb\tc")).unwrap();
        assert_eq!(d.units().next().unwrap().source_text(), "a\nb\tc");
    }

    #[test]
    fn attributes_read_by_the_scanner_match_the_checked_reading() {
        // Values with references and line ends are normalised; single and
        // double quotes, white space around `=`.
        let text = doc("x").replace(
            "<unit id=\"u\">",
            "<unit id = 'u' name=\"a&amp;b\r\nc\tz\" type\n=\"x:y\">",
        );
        let d = v2::read(&text).unwrap();
        let u = d.units().next().unwrap();
        assert_eq!(&*u.id, "u");
        // (CRLF is one line end, so one space.)
        assert_eq!(u.name.as_deref(), Some("a&b c z"));
        // A duplicate attribute is an error, with quick-xml's message.
        let dup = doc("x").replace("<unit id=\"u\">", "<unit id=\"u\" id=\"v\">");
        let e = v2::read(&dup).unwrap_err().to_string();
        assert!(e.contains("malformed attribute"), "{e}");
        assert!(e.contains("duplicated"), "{e}");
    }

    /// A document with trgLang whose unit holds `segments` as written.
    fn unit_doc(segments: &str) -> String {
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" \
             srcLang=\"en\" trgLang=\"fr\"><file id=\"f\"><unit id=\"u\">{segments}\
             </unit></file></xliff>"
        )
    }

    #[test]
    fn repeated_orders_are_found_in_small_and_large_units() {
        let seg =
            |order: &str| format!("<segment><source>a</source><target{order}>b</target></segment>");
        // Three parts (compared with each other) and twenty (a table).
        for n in [3, 20] {
            let mut body: String = (0..n - 1).map(|_| seg("")).collect();
            body.push_str(&seg(" order=\"2\""));
            assert_eq!(kinds(&unit_doc(&body)), [ProblemKind::DuplicateId], "{n}");
            // Orders that permute the parts are fine.
            let mut body: String = (0..n - 2).map(|_| seg("")).collect();
            body.push_str(&seg(&format!(" order=\"{n}\"")));
            body.push_str(&seg(&format!(" order=\"{}\"", n - 1)));
            assert!(v2::read(&unit_doc(&body)).is_ok(), "{n}");
        }
    }

    #[test]
    fn target_end_codes_are_matched_with_starts_in_small_and_large_units() {
        // `pairs` sc/ec pairs in source and target, the last target ec
        // pointing at `last`.
        let body = |pairs: usize, last: &str| {
            let mut src = String::new();
            let mut trg = String::new();
            for i in 0..pairs {
                src.push_str(&format!("<sc id=\"c{i}\"/>x<ec startRef=\"c{i}\"/>"));
                let r = if i + 1 == pairs {
                    last.to_owned()
                } else {
                    format!("c{i}")
                };
                trg.push_str(&format!("<sc id=\"c{i}\"/>y<ec startRef=\"{r}\"/>"));
            }
            format!("<segment><source>{src}</source><target>{trg}</target></segment>")
        };
        for pairs in [2, 12] {
            assert!(v2::read(&unit_doc(&body(pairs, &format!("c{}", pairs - 1)))).is_ok());
            assert_eq!(
                kinds(&unit_doc(&body(pairs, "zz"))),
                [ProblemKind::UnmatchedCode],
                "{pairs}"
            );
        }
    }

    /// The kinds of the problems the lenient read of `text` finds.
    fn kinds(text: &str) -> Vec<ProblemKind> {
        let (_, problems) = crate::Document::try_from_slice(text.as_bytes()).expect("readable");
        problems.iter().map(|p| p.kind).collect()
    }

    /// The problems reported for `text`, one per line, or "ok".
    fn problems(text: &str) -> String {
        match v2::read(text) {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_xml_declaration_must_open_the_input() {
        let body = doc("x");
        for ok in [
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{body}"),
            format!("\u{feff}<?xml version=\"1.0\"?>{body}"),
            body.clone(),
        ] {
            assert_eq!(problems(&ok), "ok");
        }
        let e = problems(&format!("<!-- new -->\n<?xml version=\"1.0\"?>\n{body}"));
        assert!(
            e.contains("2:1") && e.contains("XML declaration not at the start of the input"),
            "{e}"
        );
        let e = problems(&format!(" <?xml version=\"1.0\"?>{body}"));
        assert!(e.contains("1:2"), "{e}");
    }

    /// A document whose unit holds `modules` (Change Tracking, Glossary,
    /// Metadata) then two notes, the first with a category, and a segment.
    fn ctr_doc(modules: &str) -> String {
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" \
             srcLang=\"en\" xmlns:ctr=\"urn:oasis:names:tc:xliff:changetracking:2.0\" \
             xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\" \
             xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\" xmlns:my=\"urn:example:my\">\
             <file id=\"f\"><unit id=\"u\">{modules}<notes><note id=\"n1\" category=\"style\">\
             Formal</note><note id=\"n2\">Check</note></notes><segment id=\"s1\"><source>Hi\
             </source></segment></unit></file></xliff>"
        )
    }

    const CTR: ProblemKind = ProblemKind::Module(Module::ChangeTracking);

    /// A change track whose one `ctr:revisions` has `attrs` and holds
    /// revisions made of `items`.
    fn track(attrs: &str, revisions: &[&str]) -> String {
        let revs: String = revisions
            .iter()
            .map(|items| format!("<ctr:revision version=\"v\">{items}</ctr:revision>"))
            .collect();
        format!("<ctr:changeTrack><ctr:revisions {attrs}>{revs}</ctr:revisions></ctr:changeTrack>")
    }

    #[test]
    fn change_tracking_refs_resolve_to_elements_of_the_unit() {
        let content = "<ctr:item property=\"content\">Informal</ctr:item>";
        let category = "<ctr:item property=\"category\">tone</ctr:item>";
        for ok in [
            track("appliesTo=\"note\" ref=\"n1\"", &[content]),
            track(
                "appliesTo=\"note\" ref=\"n1\" currentVersion=\"v\"",
                &[category],
            ),
            track("appliesTo=\"segment\" ref=\"s1\"", &[content]),
            // One segment: no ref needed; source has no id to refer to.
            track("appliesTo=\"segment\"", &[content]),
            track("appliesTo=\"source\"", &[content]),
            track("appliesTo=\"mda:metadata\"", &[content]),
        ] {
            assert_eq!(problems(&ctr_doc(&ok)), "ok", "{ok}");
        }
        for (bad, want) in [
            (
                track("appliesTo=\"note\" ref=\"n9\"", &[content]),
                "ctr:revisions ref=\"n9\" is the id of no <note> of the unit",
            ),
            (
                track("appliesTo=\"note\"", &[content]),
                "appliesTo=\"note\" without ref, but the unit has 2 <note> elements with ids",
            ),
            (
                track("appliesTo=\"note\" ref=\"n2\"", &[category]),
                "property=\"category\" is neither content nor an attribute of the <note id=\"n2\">",
            ),
            (
                track("appliesTo=\"ignorable\"", &[content]),
                "appliesTo=\"ignorable\" but the unit has no <ignorable>",
            ),
            (
                track("appliesTo=\"file\"", &[content]),
                "appliesTo=\"file\" names no element that can stand beside a change track",
            ),
        ] {
            let e = problems(&ctr_doc(&bad));
            assert!(e.contains(want), "{bad}: {e}");
            assert_eq!(kinds(&ctr_doc(&bad)), [CTR], "{bad}");
            // At the revisions element, with the unit.
            let at = ctr_doc(&bad).find("<ctr:revisions").unwrap_or(0) + 1;
            assert!(
                e.contains(&format!("1:{at} (unit u)")) || want.contains("property"),
                "{e}"
            );
        }
    }

    /// A file whose change track (`file_track`) stands before its notes
    /// (n1, n2) and a group g1 with its own change track (`group_track`),
    /// its note n3 and units u1, u2; then unit u3 outside the group.
    fn outer_doc(file_track: &str, group_track: &str) -> String {
        let unit =
            |id: &str| format!("<unit id=\"{id}\"><segment><source>a</source></segment></unit>");
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" \
             srcLang=\"en\" xmlns:ctr=\"urn:oasis:names:tc:xliff:changetracking:2.0\">\
             <file id=\"f\">{file_track}<notes><note id=\"n1\" priority=\"2\">a</note>\
             <note id=\"n2\">b</note></notes><group id=\"g1\">{group_track}<notes>\
             <note id=\"n3\">c</note></notes>{}{}</group>{}</file></xliff>",
            unit("u1"),
            unit("u2"),
            unit("u3")
        )
    }

    #[test]
    fn file_and_group_change_tracks_resolve_in_their_scope() {
        let content = "<ctr:item property=\"content\">x</ctr:item>";
        let priority = "<ctr:item property=\"priority\">1</ctr:item>";
        for (file, group) in [
            (
                track("appliesTo=\"note\" ref=\"n1\"", &[priority]),
                String::new(),
            ),
            // u1 is a child of a sibling of the file's change track.
            (
                track("appliesTo=\"unit\" ref=\"u1\"", &[content]),
                String::new(),
            ),
            (track("appliesTo=\"group\"", &[content]), String::new()),
            (String::new(), track("appliesTo=\"note\"", &[content])),
            (
                String::new(),
                track("appliesTo=\"unit\" ref=\"u2\"", &[content]),
            ),
            // Elements without an id are not resolved here.
            (
                String::new(),
                track("appliesTo=\"source\" ref=\"x\"", &[content]),
            ),
        ] {
            assert_eq!(problems(&outer_doc(&file, &group)), "ok", "{file}{group}");
        }
        for (file, group, want) in [
            (
                track("appliesTo=\"note\" ref=\"n3\"", &[content]),
                String::new(),
                "ctr:revisions ref=\"n3\" is the id of no <note> of the file",
            ),
            (
                track("appliesTo=\"note\"", &[content]),
                String::new(),
                "appliesTo=\"note\" without ref, but the file has 2 <note> elements",
            ),
            (
                track("appliesTo=\"note\" ref=\"n2\"", &[priority]),
                String::new(),
                "property=\"priority\" is neither content nor an attribute of the <note id=\"n2\">",
            ),
            (
                String::new(),
                track("appliesTo=\"unit\" ref=\"u3\"", &[content]),
                "ctr:revisions ref=\"u3\" is the id of no <unit> of the group",
            ),
            (
                String::new(),
                track("appliesTo=\"unit\"", &[content]),
                "appliesTo=\"unit\" without ref, but the group has 2 <unit> elements",
            ),
            (
                String::new(),
                track("appliesTo=\"group\"", &[content]),
                "appliesTo=\"group\" but the group has no <group>",
            ),
        ] {
            let text = outer_doc(&file, &group);
            let e = problems(&text);
            assert!(e.contains(want), "{file}{group}: {e}");
            assert_eq!(kinds(&text), [CTR], "{file}{group}");
            // At the revisions element, in no unit.
            let at = text.find("<ctr:revisions").unwrap_or(0) + 1;
            assert!(
                want.contains("property") || e.contains(&format!("1:{at}: ")),
                "{e}"
            );
        }
    }

    #[test]
    fn change_tracking_elements_follow_the_module_rules() {
        let content = "<ctr:item property=\"content\">a</ctr:item>";
        let ok = track(
            "appliesTo=\"note\" ref=\"n1\" my:x=\"1\"",
            &[content, content],
        );
        assert_eq!(problems(&ctr_doc(&ok)), "ok");
        for (bad, want) in [
            (
                track(
                    "appliesTo=\"note\" ref=\"n1\"",
                    &[&format!("{content}{content}")],
                ),
                "property \"content\" given twice in one ctr:revision",
            ),
            (
                track("ref=\"n1\"", &[content]),
                "<ctr:revisions> without appliesTo",
            ),
            (
                track(
                    "appliesTo=\"note\" ref=\"n1\" currentVersion=\"w\"",
                    &[content],
                ),
                "currentVersion=\"w\" is the version of none of its ctr:revision elements",
            ),
            (
                track("appliesTo=\"note\" ref=\"n1\" author=\"a\"", &[content]),
                "attribute author not allowed on <ctr:revisions>",
            ),
            (
                track("appliesTo=\"note\" ref=\"n1\"", &[""]),
                "<ctr:revision> needs at least one ctr:item",
            ),
            (
                track("appliesTo=\"note\" ref=\"n1\"", &["<ctr:item>a</ctr:item>"]),
                "<ctr:item> without property",
            ),
            (
                track(
                    "appliesTo=\"note\" ref=\"n1\"",
                    &["<ctr:item property=\"content\"><b/></ctr:item>"],
                ),
                "<b> not allowed in <ctr:item>",
            ),
            (
                "<ctr:changeTrack>x</ctr:changeTrack>".to_owned(),
                "text not allowed in <ctr:changeTrack>",
            ),
            (
                "<ctr:revisions appliesTo=\"note\" ref=\"n1\"><ctr:revision>".to_owned()
                    + content
                    + "</ctr:revision></ctr:revisions>",
                "<ctr:revisions> must be inside a ctr:changeTrack",
            ),
            (
                "<ctr:changes/>".to_owned(),
                "<ctr:changes> is not an element of the Change Tracking module",
            ),
        ] {
            let e = problems(&ctr_doc(&bad));
            assert!(e.contains(want), "{bad}: {e}");
            // The module's own rules, or its content model (an element
            // or text where the module allows none).
            let k = kinds(&ctr_doc(&bad));
            assert!(
                k.iter().all(|k| matches!(
                    k,
                    &CTR | ProblemKind::UnexpectedElement | ProblemKind::UnexpectedText
                )),
                "{bad}: {k:?}"
            );
        }
    }

    #[test]
    fn glossary_entries_take_extensions_but_no_module_elements_or_text() {
        let entry = |inner: &str| {
            format!(
                "<gls:glossary><gls:glossEntry><gls:term>a</gls:term>\
                 <gls:translation>b</gls:translation>{inner}</gls:glossEntry></gls:glossary>"
            )
        };
        assert_eq!(problems(&ctr_doc(&entry("<my:concept id=\"c1\"/>"))), "ok");
        let meta = "<mda:metadata><mda:metaGroup><mda:meta type=\"k\">v</mda:meta>\
                    </mda:metaGroup></mda:metadata>";
        let e = problems(&ctr_doc(&entry(meta)));
        assert!(
            e.contains("<mda:metadata> not allowed in <gls:glossEntry>: only extensions"),
            "{e}"
        );
        let e = problems(&ctr_doc(&entry("stray")));
        assert!(e.contains("text not allowed in <gls:glossEntry>"), "{e}");
    }

    /// A file with an `slr:data` holding `<my:size id="z1">`, then
    /// `body` (groups and units).
    fn slr_doc(body: &str) -> String {
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" \
             srcLang=\"en\" xmlns:slr=\"urn:oasis:names:tc:xliff:sizerestriction:2.0\" \
             xmlns:my=\"urn:example:my\"><file id=\"f\"><slr:data profile=\"p\" id=\"d0\">\
             <my:size id=\"z1\">4</my:size></slr:data>{body}</file></xliff>"
        )
    }

    #[test]
    fn size_info_refs_point_into_data_beside_the_element_or_an_ancestor() {
        let unit = |id: &str, attrs: &str, inner: &str| {
            format!(
                "<unit id=\"{id}\"{attrs}>{inner}<segment><source><ph id=\"p\" \
                 slr:sizeInfoRef=\"z1\"/></source></segment></unit>"
            )
        };
        // Data beside the unit, and beside an ancestor of the code.
        assert_eq!(
            problems(&slr_doc(&unit("u", " slr:sizeInfoRef=\"z1\"", ""))),
            "ok"
        );
        let group = format!(
            "<group id=\"g\"><slr:data profile=\"p\"><my:size id=\"z2\"/></slr:data>{}</group>",
            unit("u", " slr:sizeInfoRef=\"z2\"", "")
        );
        assert_eq!(problems(&slr_doc(&group)), "ok");
        // The data element's own id is not a target; nor is an unknown id.
        for r in ["d0", "z9"] {
            let e = problems(&slr_doc(&unit(
                "u",
                &format!(" slr:sizeInfoRef=\"{r}\""),
                "",
            )));
            assert!(
                e.contains(&format!(
                    "slr:sizeInfoRef=\"{r}\" points at no element in an <slr:data>"
                )),
                "{e}"
            );
        }
        // Data inside the element itself, or in a group closed before it,
        // is not beside it.
        let own = unit(
            "u",
            " slr:sizeInfoRef=\"z3\"",
            "<slr:data profile=\"p\"><my:size id=\"z3\"/></slr:data>",
        );
        assert!(problems(&slr_doc(&own)).contains("sizeInfoRef=\"z3\""));
        let closed = format!(
            "<group id=\"g\"><slr:data profile=\"p\"><my:size id=\"z2\"/></slr:data>{}</group>{}",
            unit("u1", "", ""),
            unit("u2", " slr:sizeInfoRef=\"z2\"", "")
        );
        let e = problems(&slr_doc(&closed));
        assert!(
            e.contains("sizeInfoRef=\"z2\"") && !e.contains("unit u1"),
            "{e}"
        );
    }

    #[test]
    fn id_tables_agree_with_a_hash_map_below_and_above_the_list_size() {
        use std::borrow::Cow;
        use std::collections::HashMap;
        // Inserts (with repeats), removals and lookups, run on both past
        // the point where the table moves its ids to a hash table and
        // back down to empty.
        let mut t = super::IdMap::default();
        let mut m = HashMap::new();
        let n = super::FEW_IDS * 2 + 3;
        let key = |i: usize| format!("k{}", i % n);
        let mut went_to_table = false;
        for step in 0..n * 4 {
            let k = key(step * 3);
            let (a, b) = match step % 5 {
                0..=2 => (
                    t.insert(Cow::Owned(k.clone()), step),
                    m.insert(k.clone(), step),
                ),
                3 => (t.remove(&k), m.remove(&k)),
                _ => (t.get(&k).copied(), m.get(&k).copied()),
            };
            assert_eq!(a, b, "step {step}");
            for i in 0..n {
                assert_eq!(t.get(&key(i)), m.get(&key(i)), "step {step}, {}", key(i));
            }
            let mut keys: Vec<&str> = t.iter().map(|e| &**e.0).collect();
            keys.sort_unstable();
            let mut want: Vec<&str> = m.keys().map(String::as_str).collect();
            want.sort_unstable();
            assert_eq!(keys, want, "step {step}");
            went_to_table |= t.is_table();
        }
        assert!(went_to_table);
        while let Some(k) = m.keys().next().cloned() {
            assert_eq!(t.remove(&k), m.remove(&k));
        }
        assert!(t.iter().next().is_none());
        assert_eq!(t.insert(Cow::Borrowed("y"), 2), None);
        t.clear();
        assert!(t.iter().next().is_none());
        assert_eq!(t.insert(Cow::Borrowed("x"), 1), None);
        assert_eq!(t.get("x"), Some(&1));
    }

    #[test]
    fn repeated_ids_are_found_in_small_and_large_units() {
        // Segment ids checked by list (3) and by table (40), the repeat
        // last.
        for n in [3, 40] {
            let mut body: String = (0..n)
                .map(|i| format!("<segment id=\"s{i}\"><source>a</source></segment>"))
                .collect();
            assert!(v2::read(&unit_doc(&body)).is_ok(), "{n}");
            body.push_str("<segment id=\"s1\"><source>a</source></segment>");
            assert_eq!(kinds(&unit_doc(&body)), [ProblemKind::DuplicateId], "{n}");
        }
    }

    #[test]
    fn nmtokens_are_checked_by_character() {
        for ok in [
            "a",
            "s1",
            "x.y-z_w:v",
            "caf\u{e9}",
            "a\u{b7}b",
            "\u{300}x",
            "\u{203f}",
        ] {
            assert!(super::is_nmtoken(ok), "{ok}");
        }
        for bad in ["", "a b", "a/b", "#1", "a\u{2041}", "\u{2014}"] {
            assert!(!super::is_nmtoken(bad), "{bad}");
        }
    }
}
