//! The XLIFF 2.x reader: events → typed model, with the core rules a schema
//! cannot check. Well-formedness failures stop reading ([`Error::Xml`]);
//! rule violations are collected and reported together
//! ([`Error::Invalid`]).

use std::borrow::Cow;
// foldhash: fast on the short ids these tables hold, and seeded per process,
// so crafted ids cannot make them quadratic.
use foldhash::{HashMap, HashSet};
use thin_vec::ThinVec;

use quick_xml::events::Event;

use crate::document::{
    AppliesTo, Attr, CanReorder, Candidate, Code, CodeKind, CodeTag, Content, Data, Document, File,
    Group, Ignorable, Inline, Marker, MetaGroup, MetaItem, Metadata, Note, Part, Raw, Segment,
    Space, State, Unit, Version,
};
use crate::error::{Error, Problem};
use crate::str::Str;
use crate::stream::Visitor;
use crate::xml::{
    Ctx, Namespaces, Resolved, TextRun, XmlReader, attr_value, is_xml_char, resolve_ref, split_name,
};

pub(crate) const NS_20: &str = "urn:oasis:names:tc:xliff:document:2.0";
pub(crate) const NS_22: &str = "urn:oasis:names:tc:xliff:document:2.2";
pub(crate) const NS_MDA: &str = "urn:oasis:names:tc:xliff:metadata:2.0";
pub(crate) const NS_MTC: &str = "urn:oasis:names:tc:xliff:matches:2.0";
/// The Change Tracking module (a module in 2.0, an extension with the same
/// namespace and rules since 2.1). Its elements classify as [`Ns::Other`]
/// and are recognised by namespace only in the module checks, so reading
/// other elements pays nothing for it.
const NS_CTR: &str = "urn:oasis:names:tc:xliff:changetracking:2.0";
const NS_XML: &str = crate::xml::XML_NS;

/// Deepest nesting of `pc` and `mrk` accepted: the content readers recurse,
/// and this keeps their stack use small on any thread.
const MAX_INLINE_DEPTH: usize = 64;

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
        "urn:oasis:names:tc:xliff:fs:2.0" => TAG_FS,
        "urn:oasis:names:tc:xliff:sizerestriction:2.0" => TAG_SLR,
        "urn:oasis:names:tc:xliff:validation:2.0" => TAG_VAL,
        "urn:oasis:names:tc:xliff:glossary:2.0" => TAG_GLS,
        "urn:oasis:names:tc:xliff:resourcedata:2.0" => TAG_RES,
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

/// Ids a per-unit table holds in a list before it moves them to a hash
/// table: most units have a handful, which a few comparisons of short
/// strings check faster than hashing.
const FEW_IDS: usize = 16;

/// A per-unit id table: a list searched in order while it holds at most
/// [`FEW_IDS`] ids, a hash table once it holds more.
struct IdMap<'a, V> {
    few: Vec<(Key<'a>, V)>,
    /// Every entry once there are more than [`FEW_IDS`] (`few` is then
    /// empty); empty otherwise.
    many: HashMap<Key<'a>, V>,
}

impl<V> Default for IdMap<'_, V> {
    fn default() -> Self {
        IdMap {
            few: Vec::new(),
            many: HashMap::default(),
        }
    }
}

impl<'a, V> IdMap<'a, V> {
    /// Empties the table, keeping its memory.
    #[inline]
    fn clear(&mut self) {
        self.few.clear();
        if !self.many.is_empty() {
            self.many.clear();
        }
    }

    #[inline(always)]
    fn get(&self, k: &str) -> Option<&V> {
        if self.many.is_empty() {
            self.few.iter().find(|e| same(&e.0, k)).map(|e| &e.1)
        } else {
            self.many.get(k)
        }
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.few.is_empty() && self.many.is_empty()
    }

    #[inline]
    fn contains_key(&self, k: &str) -> bool {
        self.get(k).is_some()
    }

    /// As `HashMap::insert`: the value replaces an earlier one for the
    /// same id (which is returned); the earlier key stays.
    #[inline]
    fn insert(&mut self, k: Key<'a>, v: V) -> Option<V> {
        if self.many.is_empty() {
            if let Some(e) = self.few.iter_mut().find(|e| same(&e.0, &k)) {
                return Some(std::mem::replace(&mut e.1, v));
            }
            if self.few.len() < FEW_IDS {
                self.few.push((k, v));
                return None;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(k, v)
    }

    #[inline]
    fn remove(&mut self, k: &str) -> Option<V> {
        if self.many.is_empty() {
            let i = self.few.iter().position(|e| same(&e.0, k))?;
            Some(self.few.remove(i).1)
        } else {
            self.many.remove(k)
        }
    }

    /// The entries (in the order they came while there are few).
    #[inline]
    fn iter(&self) -> impl Iterator<Item = (&Key<'a>, &V)> {
        self.few
            .iter()
            .map(|e| (&e.0, &e.1))
            .chain(self.many.iter())
    }
}

/// `a == b` for ids, which are short: compared byte by byte inline rather
/// than by a library call.
#[inline(always)]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// A set of per-unit ids ([`IdMap`] without values).
#[derive(Default)]
struct IdSet<'a>(IdMap<'a, ()>);

impl<'a> IdSet<'a> {
    #[inline]
    fn clear(&mut self) {
        self.0.clear();
    }

    /// As `HashSet::insert`: false when `k` was there already.
    #[inline]
    fn insert(&mut self, k: Key<'a>) -> bool {
        self.0.insert(k, ()).is_none()
    }

    #[inline]
    fn contains(&self, k: &str) -> bool {
        self.0.contains_key(k)
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    #[inline]
    fn remove(&mut self, k: &str) -> bool {
        self.0.remove(k).is_some()
    }

    #[inline]
    fn iter(&self) -> impl Iterator<Item = &Key<'a>> {
        self.0.iter().map(|e| e.0)
    }
}

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
    inl_stack: ThinVec<Inline>,
    /// Text of the innermost content not yet ended by another piece.
    text_run: TextRun<'a>,
    /// Text of the simple element being read (`text_content`).
    plain_run: TextRun<'a>,
    /// Parts of the unit being read (units do not nest).
    parts_buf: ThinVec<Part>,
    /// The notes of a `<notes>` being read.
    notes_buf: ThinVec<Note>,
    /// `<data>` elements of the `<originalData>` being read.
    data_buf: ThinVec<Data>,
    /// `ctr:revisions` of the unit being read, checked when it ends.
    ctr_pending: Vec<CtrRevisions>,
    /// `ctr:revisions` of files and groups.
    ctr_outer: CtrOuter,
}

/// Reads the document in `ctx`, hands it to `visitor` and returns every
/// problem found (rule violations and warnings); `Err` only for what makes
/// the document unreadable.
pub(crate) fn parse<V: Visitor>(ctx: Ctx<'_>, visitor: &mut V) -> Result<Vec<Problem>, Error> {
    let mut p = Parser {
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
        inl_stack: ThinVec::new(),
        text_run: TextRun::default(),
        plain_run: TextRun::default(),
        parts_buf: ThinVec::new(),
        notes_buf: ThinVec::new(),
        data_buf: ThinVec::new(),
        ctr_pending: Vec::new(),
        ctr_outer: CtrOuter::default(),
    };
    p.document()?;
    Ok(p.r.with_warnings(p.problems))
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// True for an XML NMTOKEN (letters, digits, `.`, `-`, `_`, `:` and
/// combining characters; not empty).
#[inline]
pub(crate) fn is_nmtoken(s: &str) -> bool {
    // Most ids are ASCII letters, digits and punctuation: a byte test, and
    // the full test by characters for the rest.
    let ascii = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':');
    (!s.is_empty() && s.as_bytes().iter().all(ascii)) || is_nmtoken_by_char(s)
}

/// [`is_nmtoken`] character by character.
#[inline(never)]
fn is_nmtoken_by_char(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '.' | '-' | '_' | ':' | '\u{B7}')
                || ('\u{300}'..='\u{36F}').contains(&c)
                || ('\u{203F}'..='\u{2040}').contains(&c)
        })
}

/// A loose BCP 47 check: subtags of 1–8 letters or digits separated by `-`,
/// the first made of letters. The empty string is allowed (no language).
pub(crate) fn is_lang(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    let singleton = matches!(first, "i" | "I" | "x" | "X") && s.len() > 2;
    let first_ok = (singleton || (2..=8).contains(&first.len()))
        && first.chars().all(|c| c.is_ascii_alphabetic());
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// True for a namespace declaration (`xmlns` or `xmlns:prefix`).
fn is_ns_decl(qname: &str) -> bool {
    qname == "xmlns" || qname.starts_with("xmlns:")
}

fn lang_eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    // ----- plumbing -----------------------------------------------------

    fn problem(&mut self, offset: usize, message: impl Into<String>) {
        let p = self.r.problem_at(offset, message);
        self.problems.push(p);
    }

    fn classify(&self, prefix: &str, is_attr: bool) -> Ns {
        if prefix.is_empty() && is_attr {
            return Ns::None;
        }
        if prefix == "xml" {
            return Ns::Xml;
        }
        match self.ns.resolve_tag(prefix) {
            None => {
                if prefix.is_empty() {
                    if self.core_ns.is_empty() {
                        Ns::Core
                    } else {
                        Ns::None
                    }
                } else {
                    Ns::Other
                }
            }
            Some(t) if t == self.core_tag && t != 0 => Ns::Core,
            Some(TAG_MDA) => Ns::Mda,
            Some(TAG_MTC) => Ns::Mtc,
            Some(TAG_XML) => Ns::Xml,
            Some(TAG_FS) => Ns::Fs,
            Some(TAG_SLR) => Ns::Slr,
            Some(TAG_VAL) => Ns::Val,
            Some(TAG_GLS) => Ns::Gls,
            Some(TAG_RES) => Ns::Res,
            Some(_) => Ns::Other,
        }
    }

    /// Processes a Start/Empty event just read: namespace declarations,
    /// element name resolution.
    ///
    /// One pass over the attributes gathers them; the namespace
    /// declarations among them are then applied before any name is
    /// resolved. A malformed attribute sends the tag through
    /// [`open_checked`](Self::open_checked), which reports it.
    fn open(&mut self, qname: &'a str, empty: bool) -> Result<(Tag<'a>, Vec<A<'a>>), Error> {
        let start = self.r.last_start();
        let depth = if empty {
            self.r.depth() + 1
        } else {
            self.r.depth()
        };
        let scan = self.r.scan_attributes(qname.len(), empty);
        // A list from the pool only for a tag that has attributes.
        let mut attrs = if scan.is_blank() {
            Vec::new()
        } else {
            self.attr_pool.pop().unwrap_or_default()
        };
        let mut decls = false;
        // Whether any attribute other than a declaration has a prefix.
        let mut prefixed = false;
        for a in scan {
            // A malformed attribute (or a duplicate name, which quick-xml
            // refuses) goes the checked way, which reports it.
            let Some((key, (p, l), value)) = a
                .ok()
                .filter(|a| attrs.iter().all(|x| x.qname != a.key))
                .and_then(|a| Some((a.key, a.split_name(), a.value()?)))
            else {
                self.recycle(attrs);
                return self.open_checked(qname, empty);
            };
            // Declarations are marked `Other` (what they classify as), the
            // rest `None` until resolved below.
            let is_decl = if p.is_empty() {
                key == "xmlns"
            } else {
                p == "xmlns"
            };
            decls |= is_decl;
            prefixed |= !is_decl && l.len() != key.len();
            attrs.push(A {
                qname: key,
                local: l,
                ns: if is_decl { Ns::Other } else { Ns::None },
                value,
            });
        }
        if decls {
            for a in &attrs {
                if a.ns != Ns::Other {
                    continue;
                }
                let p = if a.qname == "xmlns" { "" } else { a.local };
                if a.value.is_empty() && !p.is_empty() {
                    let p = self.r.problem_at(
                        start,
                        format!("namespace prefix {p} bound to an empty name"),
                    );
                    self.problems.push(p);
                }
                self.ns.declare_tagged(depth, p, &a.value, ns_tag(&a.value));
            }
        }
        let tag = self.name_tag(qname, start, empty, depth);
        let mut module = false;
        // (Skipped when no attribute is prefixed.)
        if prefixed {
            for a in &mut attrs {
                if a.ns == Ns::Other || a.qname.len() == a.local.len() {
                    // A declaration, or unprefixed (no namespace).
                    continue;
                }
                let p = a
                    .qname
                    .get(..a.qname.len() - a.local.len() - 1)
                    .unwrap_or("");
                let n = self.classify(p, true);
                if n == Ns::Other && self.ns.resolve_tag(p).is_none() {
                    let m = self.r.problem_at(
                        start,
                        format!(
                            "namespace prefix {p} of attribute {} is not declared",
                            a.qname
                        ),
                    );
                    self.problems.push(m);
                }
                module |= matches!(n, Ns::Fs | Ns::Slr);
                a.ns = n;
            }
        }
        if module {
            self.module_attrs(qname, tag.local, start, tag.depth, &attrs);
        }
        Ok((tag, attrs))
    }

    /// [`open`](Self::open) for a tag with a malformed attribute: reads the
    /// attributes in two passes (declarations first) and returns the error
    /// of the first bad one met that way.
    #[cold]
    #[inline(never)]
    fn open_checked(
        &mut self,
        qname: &'a str,
        empty: bool,
    ) -> Result<(Tag<'a>, Vec<A<'a>>), Error> {
        let start = self.r.last_start();
        let depth = if empty {
            self.r.depth() + 1
        } else {
            self.r.depth()
        };
        if self.r.last_text().contains("xmlns") {
            for a in self.r.attributes(qname.len(), empty) {
                let a =
                    a.map_err(|e| self.r.error_at(start, format!("malformed attribute: {e}")))?;
                let key: &'a str = a.key.0;
                if key == "xmlns" || key.starts_with("xmlns:") {
                    let value = attr_value(&a).map_err(|m| self.r.error_at(start, m))?;
                    let p = key.strip_prefix("xmlns:").unwrap_or("");
                    if value.is_empty() && !p.is_empty() {
                        self.problem(
                            start,
                            format!("namespace prefix {p} bound to an empty name"),
                        );
                    }
                    self.ns.declare_tagged(depth, p, &value, ns_tag(&value));
                }
            }
        }
        let tag = self.name_tag(qname, start, empty, depth);
        let mut attrs = self.attr_pool.pop().unwrap_or_default();
        for a in self.r.attributes(qname.len(), empty) {
            let a = a.map_err(|e| self.r.error_at(start, format!("malformed attribute: {e}")))?;
            let key: &'a str = a.key.0;
            let value = attr_value(&a).map_err(|m| self.r.error_at(start, m))?;
            let (p, l) = split_name(key);
            let ans = if key == "xmlns" || p == "xmlns" {
                Ns::Other
            } else {
                let n = self.classify(p, true);
                if n == Ns::Other && self.ns.resolve_tag(p).is_none() {
                    self.problem(
                        start,
                        format!("namespace prefix {p} of attribute {key} is not declared"),
                    );
                }
                n
            };
            attrs.push(A {
                qname: key,
                local: l,
                ns: ans,
                value,
            });
        }
        if attrs.iter().any(|a| matches!(a.ns, Ns::Fs | Ns::Slr)) {
            self.module_attrs(qname, tag.local, start, tag.depth, &attrs);
        }
        Ok((tag, attrs))
    }

    /// The [`Tag`] of an element named `qname`, its prefix resolved with
    /// the declarations in scope (an undeclared one is reported).
    #[inline(always)]
    fn name_tag(&mut self, qname: &'a str, start: usize, empty: bool, depth: usize) -> Tag<'a> {
        let (prefix, local) = split_name(qname);
        let ns = self.classify(prefix, false);
        if ns == Ns::Other && self.ns.resolve_tag(prefix).is_none() {
            self.problem(
                start,
                format!("namespace prefix {prefix} of <{qname}> is not declared"),
            );
        }
        Tag {
            qname,
            local,
            ns,
            start,
            empty,
            depth,
        }
    }

    /// Keeps an attribute list's memory for the next element.
    #[inline(always)]
    fn recycle(&mut self, mut attrs: Vec<A<'a>>) {
        if self.attr_pool.len() < 16 && attrs.capacity() > 0 {
            attrs.clear();
            self.attr_pool.push(attrs);
        }
    }

    /// Call when the element `tag` is fully read.
    #[inline(always)]
    fn close(&mut self, tag: &Tag<'a>) {
        self.ns.close(tag.depth);
    }

    /// Reads the next event; Start/Empty are opened. Returns `None` at the
    /// end tag of the element at `depth`.
    #[inline(always)]
    fn child(&mut self, parent: &Tag<'a>) -> Result<Option<Child<'a>>, Error> {
        if parent.empty {
            return Ok(None);
        }
        loop {
            let ev = self.r.next()?;
            let at = self.r.last_start();
            return Ok(Some(match ev {
                Event::Start(_) | Event::Empty(_) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let qname = self.r.last_name();
                    let (tag, attrs) = self.open(qname, empty)?;
                    Child::Elem(tag, attrs)
                }
                Event::End(_) => {
                    if self.r.depth() < parent.depth {
                        return Ok(None);
                    }
                    continue;
                }
                Event::Text(t) => {
                    // Line ends are normalised only where there is a
                    // carriage return to normalise.
                    let text = if self.has_cr {
                        t.xml10_content()
                    } else {
                        t.into_inner()
                    };
                    Child::Text(text, at)
                }
                Event::CData(c) => {
                    let text = c.xml10_content();
                    Child::Text(text, at)
                }
                Event::GeneralRef(g) => {
                    // Predefined entities borrow their static text; only a
                    // character reference needs a (small) string.
                    let text = match resolve_ref(&g).map_err(|m| self.r.error_at(at, m))? {
                        Resolved::Entity(s) => Cow::Borrowed(s),
                        Resolved::Char(c) => Cow::Owned(String::from(c)),
                    };
                    Child::Text(text, at)
                }
                Event::Comment(_) | Event::PI(_) => Child::Misc(self.r.last_text()),
                Event::Decl(_) => {
                    return Err(self
                        .r
                        .error_at(at, "XML declaration not at the start of the input"));
                }
                Event::DocType(_) | Event::Eof => {
                    return Err(self.r.error_at(at, "unexpected end of input"));
                }
            }));
        }
    }

    /// Keeps an element verbatim; adds the declaration of its prefix when
    /// that is bound on an ancestor below the root, so the text stands alone.
    #[inline(never)]
    fn capture(&mut self, tag: &Tag<'a>) -> Result<Raw, Error> {
        let text = if tag.empty {
            self.r.last_text()
        } else {
            self.r.capture(tag.start)?
        };
        let raw = self.standalone(text, tag);
        self.close(tag);
        Ok(raw)
    }

    /// `text` (an element starting with `tag`) with the namespace
    /// declarations it inherits from ancestors below the root added to its
    /// start tag, so that it can be written anywhere under the root.
    fn standalone(&self, text: &str, tag: &Tag<'a>) -> Raw {
        let decls = self.ns.declared_between(1, tag.depth);
        if decls.is_empty() {
            return Raw(self.r.ctx.str(text));
        }
        let head = text.split('>').next().unwrap_or("");
        let mut ins = String::new();
        for (prefix, uri) in decls {
            let name = if prefix.is_empty() {
                "xmlns".to_owned()
            } else {
                format!("xmlns:{prefix}")
            };
            let written_by_writer = matches!((prefix, uri), ("mtc", NS_MTC) | ("mda", NS_MDA));
            let same_as_root = self.ns.binding_at(1, prefix) == Some(uri);
            if !written_by_writer && !same_as_root && !head.contains(&format!("{name}=")) {
                crate::xml::write_attr(&mut ins, &name, uri);
            }
        }
        let at = 1 + tag.qname.len();
        let mut out = text.to_owned();
        if out.is_char_boundary(at) && at <= out.len() {
            out.insert_str(at, &ins);
        }
        Raw(self.r.ctx.str(&out))
    }

    /// Reports `t` as not allowed in `parent` (`<file>`, `content`, ...)
    /// and skips (and checks) it.
    fn refuse(&mut self, t: &Tag<'a>, parent: &str) -> Result<(), Error> {
        self.problem(t.start, format!("<{}> not allowed in {parent}", t.qname));
        self.skip(t)
    }

    /// Skips (and checks) the rest of an element.
    #[inline(never)]
    fn skip(&mut self, tag: &Tag<'a>) -> Result<(), Error> {
        if !tag.empty {
            self.r.capture(tag.start)?;
        }
        self.close(tag);
        Ok(())
    }

    /// Reads the text content of a simple element (text, references, CDATA,
    /// `cp` when `cp` is allowed).
    fn text_content(&mut self, tag: &Tag<'a>, allow_cp: bool) -> Result<Str, Error> {
        // One slice of the input stays a view into it; anything else is
        // gathered in a reused buffer, then copied once at its exact size.
        let mut s = std::mem::take(&mut self.plain_run);
        let r = self.text_content_into(tag, allow_cp, &mut s);
        let out = s.take(&self.r.ctx).unwrap_or_default();
        self.plain_run = s;
        r.map(|()| out)
    }

    fn text_content_into(
        &mut self,
        tag: &Tag<'a>,
        allow_cp: bool,
        s: &mut TextRun<'a>,
    ) -> Result<(), Error> {
        while let Some(c) = self.child(tag)? {
            match c {
                Child::Text(t, _) => s.push(t),
                Child::Misc(_) => {}
                Child::Elem(t, attrs) => {
                    if allow_cp && t.ns == Ns::Core && t.local == "cp" {
                        if let Some(ch) = self.cp(&t, &attrs) {
                            s.push_char(ch);
                        }
                        self.skip(&t)?;
                    } else {
                        self.refuse(&t, &format!("<{}>", tag.qname))?;
                    }
                }
            }
        }
        self.close(tag);
        Ok(())
    }

    fn cp(&mut self, t: &Tag<'a>, attrs: &[A<'a>]) -> Option<char> {
        let hex = attrs.iter().find(|a| a.ns == Ns::None && a.local == "hex");
        let Some(hex) = hex else {
            self.problem(t.start, "<cp> without hex");
            return None;
        };
        let valid_hex = !hex.value.is_empty()
            && hex.value.len() <= 6
            && hex.value.chars().all(|c| c.is_ascii_hexdigit());
        match u32::from_str_radix(&hex.value, 16)
            .ok()
            .filter(|_| valid_hex)
            .and_then(char::from_u32)
        {
            Some(c) if !is_xml_char(c) => Some(c),
            Some(c) => {
                self.problem(
                    t.start,
                    format!(
                        "<cp hex=\"{}\"> codes U+{:04X}, which XML allows as a character: write it directly",
                        hex.value, c as u32
                    ),
                );
                Some(c)
            }
            None => {
                let v = hex.value.to_string();
                self.problem(
                    t.start,
                    format!("<cp hex=\"{v}\"> is not a valid code point"),
                );
                None
            }
        }
    }

    fn unknown_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) {
        self.problem(
            tag.start,
            format!("attribute {} not allowed on <{}>", a.qname, tag.qname),
        );
    }

    /// Keeps an attribute that is not core: namespaced ones verbatim;
    /// unprefixed or core-namespace ones are problems.
    fn extra(&mut self, tag: &Tag<'a>, a: &A<'a>, out: &mut ThinVec<Attr>) {
        if a.qname == "xmlns" {
            // The default namespace is the writer's business.
            return;
        }
        match a.ns {
            Ns::None | Ns::Core => self.unknown_attr(tag, a),
            _ => out.push(Attr::new(a.qname, &*a.value)),
        }
    }

    fn bool_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) -> Option<bool> {
        let v = parse_bool(&a.value);
        if v.is_none() {
            self.problem(
                tag.start,
                format!("{}=\"{}\" must be yes or no", a.qname, a.value),
            );
        }
        v
    }

    #[inline(always)]
    fn id_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) -> Str {
        if !is_nmtoken(&a.value) {
            self.bad_id(tag, a);
        }
        self.r.ctx.str(&a.value)
    }

    #[cold]
    #[inline(never)]
    fn bad_id(&mut self, tag: &Tag<'a>, a: &A<'a>) {
        self.problem(
            tag.start,
            format!("{}=\"{}\" is not a valid NMTOKEN id", a.qname, a.value),
        );
    }

    fn space_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) -> Option<Space> {
        match &*a.value {
            "preserve" => Some(Space::Preserve),
            "default" => Some(Space::Default),
            v => {
                let v = v.to_owned();
                self.problem(
                    tag.start,
                    format!("xml:space=\"{v}\" must be default or preserve"),
                );
                None
            }
        }
    }

    fn lang_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) -> Str {
        if !is_lang(&a.value) {
            self.problem(
                tag.start,
                format!(
                    "{}=\"{}\" is not a well-formed language tag",
                    a.qname, a.value
                ),
            );
        }
        self.r.ctx.str(&a.value)
    }

    fn dir_attr(&mut self, tag: &Tag<'a>, a: &A<'a>, out: &mut ThinVec<Attr>) {
        if !matches!(&*a.value, "ltr" | "rtl" | "auto") {
            self.problem(
                tag.start,
                format!("{}=\"{}\" must be ltr, rtl or auto", a.qname, a.value),
            );
        }
        out.push(Attr::new(a.qname, &*a.value));
    }

    /// Text between structural elements must be white space.
    #[inline(always)]
    fn stray_text(&mut self, text: &str, at: usize, parent: &Tag<'a>) {
        if !text
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.stray_text_problem(at, parent);
        }
    }

    #[cold]
    #[inline(never)]
    fn stray_text_problem(&mut self, at: usize, parent: &Tag<'a>) {
        self.problem(at, format!("text not allowed in <{}>", parent.qname));
    }

    // ----- document, file, group ---------------------------------------

    fn document(&mut self) -> Result<(), Error> {
        let mut prolog = Vec::new();
        let root = loop {
            let ev = self.r.next()?;
            let at = self.r.last_start();
            match ev {
                // The declaration must open the input (XML 1.0 §2.8; the
                // text here starts after any BOM): later, `<?xml` is a
                // processing instruction with a reserved name.
                Event::Decl(_) if at == 0 => {}
                Event::Decl(_) => {
                    return Err(self
                        .r
                        .error_at(at, "XML declaration not at the start of the input"));
                }
                Event::Comment(_) | Event::PI(_) => {
                    prolog.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => {
                    if !t.trim_ascii().is_empty() {
                        return Err(self.r.error_at(at, "text before the root element"));
                    }
                }
                Event::Start(e) | Event::Empty(e) => {
                    let empty = self.r.last_text().ends_with("/>");
                    let len = e.name().as_ref().len();
                    let qname = self.r.ctx.text.get(at + 1..at + 1 + len).unwrap_or("");
                    break self.open(qname, empty)?;
                }
                Event::Eof => return Err(self.r.error_at(at, "no root element")),
                _ => {
                    return Err(self
                        .r
                        .error_at(at, "unexpected content before the root element"));
                }
            }
        };
        let (tag, attrs) = root;
        let (prefix, _) = split_name(tag.qname);
        let ns = self.ns.resolve(prefix).unwrap_or("");
        self.core_tag = ns_tag(ns).min(TAG_22);
        let no_ns_v2 = ns.is_empty()
            && attrs
                .iter()
                .any(|a| a.qname == "version" && a.value.starts_with("2."));
        self.core_ns = match ns {
            NS_20 => NS_20,
            NS_22 => NS_22,
            // Some tools write XLIFF 2 without its namespace: read it as 2.x.
            "" if no_ns_v2 => "",
            other => {
                return Err(self.r.error_of(
                    crate::ErrorKind::NotXliff,
                    tag.start,
                    format!(
                        "root <{}> is not in an XLIFF 2 namespace (found \"{other}\")",
                        tag.qname
                    ),
                ));
            }
        };
        if tag.local != "xliff" {
            return Err(self.r.error_of(
                crate::ErrorKind::NotXliff,
                tag.start,
                format!("root element is <{}>, not <xliff>", tag.qname),
            ));
        }
        let mut doc = Document {
            prolog: prolog.into(),
            ..Document::default()
        };
        let mut version = None;
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "version") => version = Some(a.value.to_string()),
                (Ns::None, "srcLang") => doc.src_lang = Some(self.lang_attr(&tag, a)),
                (Ns::None, "trgLang") => doc.trg_lang = Some(self.lang_attr(&tag, a)),
                (Ns::Xml, "lang") => {
                    let l = self.lang_attr(&tag, a);
                    self.lang = Some(l.clone());
                    doc.attrs.push(Attr::new(a.qname, &*l));
                }
                _ if a.qname == "xmlns"
                    || a.qname == format!("xmlns:{prefix}") && !prefix.is_empty() => {}
                _ => self.extra(&tag, a, &mut doc.attrs),
            }
        }
        self.version = match (version.as_deref(), self.core_ns) {
            (Some("2.0"), NS_20 | "") => Version::V2_0,
            (Some("2.1"), NS_20 | "") => Version::V2_1,
            (Some("2.2"), "") => Version::V2_2,
            (Some("2.2"), NS_22) => Version::V2_2,
            (Some(v), _) => {
                // The namespace says what the elements mean: read by it.
                self.problem(
                    tag.start,
                    format!(
                        "version=\"{v}\" does not match the namespace {} (read as {})",
                        self.core_ns,
                        if self.core_ns == NS_22 { "2.2" } else { "2.0" }
                    ),
                );
                if self.core_ns == NS_22 {
                    Version::V2_2
                } else {
                    Version::V2_0
                }
            }
            (None, _) => {
                self.problem(tag.start, "<xliff> without version");
                if self.core_ns == NS_22 {
                    Version::V2_2
                } else {
                    Version::V2_0
                }
            }
        };
        doc.version = self.version;
        if doc.src_lang.is_none() {
            self.problem(tag.start, "<xliff> without srcLang");
        }
        self.src_lang = doc.src_lang.clone();
        self.trg_lang = doc.trg_lang.clone();
        let mut root = Some(doc);
        let mut files = 0;
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(m) => match root.as_mut() {
                    Some(d) => d.extensions.push(Raw(self.r.ctx.str(m))),
                    None => self.visitor.raw(Raw(self.r.ctx.str(m))),
                },
                Child::Elem(t, a) => {
                    if t.ns == Ns::Core
                        && t.local == "notes"
                        && self.version == Version::V2_2
                        && files == 0
                    {
                        let notes = self.notes(t, a)?;
                        if let Some(d) = root.as_mut() {
                            d.notes = notes;
                        }
                    } else if t.ns == Ns::Core && t.local == "file" {
                        files += 1;
                        if let Some(d) = root.take() {
                            self.visitor.start(d);
                        }
                        self.file(t, a)?;
                    } else if t.ns == Ns::Mda && self.version == Version::V2_2 && files == 0 {
                        // 2.2 allows document-level metadata before the files.
                        let start = t.start;
                        let md = self.metadata(t, a)?;
                        let end = self.r.last_end();
                        let _ = md;
                        let text = self.r.ctx.text.get(start..end).unwrap_or("");
                        match root.as_mut() {
                            Some(d) => d.extensions.push(Raw(self.r.ctx.str(text))),
                            None => self.visitor.raw(Raw(self.r.ctx.str(text))),
                        }
                    } else {
                        self.problem(t.start, format!("<{}> not allowed in <xliff>", t.qname));
                        let raw = self.capture(&t)?;
                        self.visitor.raw(raw);
                    }
                }
            }
        }
        self.close(&tag);
        if let Some(d) = root.take() {
            self.visitor.start(d);
        }
        if files == 0 {
            self.problem(tag.start, "<xliff> without <file>");
        }
        let mut epilog = Vec::new();
        loop {
            let ev = self.r.next()?;
            let at = self.r.last_start();
            match ev {
                Event::Eof => break,
                Event::Comment(_) | Event::PI(_) => {
                    epilog.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) if t.trim_ascii().is_empty() => {}
                _ => return Err(self.r.error_at(at, "content after the root element")),
            }
        }
        self.visitor.end(epilog.into());
        Ok(())
    }

    fn file(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<(), Error> {
        let outer_lang = self.lang.clone();
        let r = self.file_inner(tag, attrs);
        self.lang = outer_lang;
        r
    }

    #[inline(never)]
    fn file_inner(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<(), Error> {
        self.fc = FileCheck::default();
        self.slr_codepoints = false;
        self.space = None;
        let mut file = File::default();
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => file.id = Some(self.id_attr(&tag, a)),
                (Ns::None, "original") => file.original = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "translate") => file.translate = self.bool_attr(&tag, a),
                (Ns::None, "canResegment") => {
                    self.bool_attr(&tag, a);
                    file.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "srcDir" | "trgDir") => self.dir_attr(&tag, a, &mut file.attrs),
                (Ns::Xml, "space") => {
                    self.space = self.space_attr(&tag, a);
                    file.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::Xml, "lang") => {
                    let l = self.lang_attr(&tag, a);
                    file.attrs.push(Attr::new(a.qname, &*l));
                    self.lang = Some(l);
                }
                _ => self.extra(&tag, a, &mut file.attrs),
            }
        }
        self.file_id = file.id.clone();
        match &file.id {
            None => self.problem(tag.start, "<file> without id"),
            Some(id) => {
                if !self.file_ids.insert(id.clone()) {
                    self.problem(tag.start, format!("file id \"{id}\" is not unique"));
                }
            }
        }
        // 0: skeleton allowed, 1: modules, 2: after notes, 3: items
        let mut phase = 0;
        let mut file_ext_ids = Vec::new();
        let mut header = Some(file);
        let mut items = 0;
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(m) => match header.as_mut() {
                    Some(f) => f.extensions.push(Raw(self.r.ctx.str(m))),
                    None => self.visitor.raw(Raw(self.r.ctx.str(m))),
                },
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("skeleton") {
                        if phase > 0 {
                            self.problem(t.start, "<skeleton> must come first in <file>");
                        }
                        phase = 1;
                        let has_href = a.iter().any(|x| x.ns == Ns::None && x.local == "href");
                        for x in &a {
                            if !(x.ns == Ns::None && x.local == "href") {
                                let mut sink = ThinVec::new();
                                self.extra(&t, x, &mut sink);
                            }
                        }
                        let raw = self.capture(&t)?;
                        let empty = raw
                            .as_str()
                            .find('>')
                            .and_then(|i| raw.as_str().get(i + 1..))
                            .is_none_or(|rest| {
                                rest.trim().is_empty() || rest.trim().starts_with("</")
                            });
                        let empty = t.empty || empty;
                        if has_href && !empty {
                            self.problem(t.start, "<skeleton> has both href and content");
                        } else if !has_href && empty {
                            self.problem(t.start, "<skeleton> has neither href nor content");
                        }
                        if let Some(f) = header.as_mut() {
                            f.skeleton = Some(raw);
                        }
                    } else if is("notes") {
                        if phase >= 2 {
                            self.problem(t.start, "<notes> out of place in <file>");
                        }
                        phase = 2;
                        let notes = self.notes(t, a)?;
                        self.ctr_notes(tag.depth, &notes);
                        if let Some(f) = header.as_mut() {
                            f.notes = notes;
                        }
                    } else if is("unit") || is("group") {
                        phase = 3;
                        items += 1;
                        if let Some(f) = header.take() {
                            self.visitor.file(f);
                        }
                        if is("unit") {
                            let u = self.unit(t, a)?;
                            self.visitor.unit(u);
                        } else {
                            self.group(t, a)?;
                        }
                    } else if t.ns == Ns::Core || t.ns == Ns::None {
                        self.refuse(&t, "<file>")?;
                    } else {
                        if phase >= 2 {
                            self.problem(
                                t.start,
                                format!("<{}> must come before notes and units", t.qname),
                            );
                        }
                        phase = phase.max(1);
                        if t.ns == Ns::Mda {
                            let md = self.metadata(t, a)?;
                            if let Some(f) = header.as_mut() {
                                f.metadata = md;
                            }
                        } else {
                            let raw = self.capture_module(&t, &a)?;
                            self.ext_ids(&t, &raw, &mut file_ext_ids);
                            if let Some(f) = header.as_mut() {
                                f.extensions.push(raw);
                            }
                        }
                    }
                }
            }
        }
        self.close(&tag);
        if let Some(f) = header.take() {
            self.visitor.file(f);
        }
        if items == 0 {
            self.problem(tag.start, "<file> without <unit> or <group>");
        }
        if !self.ctr_outer.pending.is_empty() {
            self.ctr_leave(tag.depth);
        }
        let fc = std::mem::take(&mut self.fc);
        for (id, at, unit) in fc.sub_flows {
            if !fc.unit_ids.contains(&id) {
                self.problems.push(self.r.ctx.problem(
                    at,
                    unit.as_deref(),
                    format!("subFlows refers to unknown unit \"{id}\""),
                ));
            }
        }
        self.visitor.file_end();
        Ok(())
    }

    /// Reads a group and everything nested in it. Nested groups are kept on
    /// an explicit stack, not by recursion, so deep nesting costs no stack.
    fn group(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<(), Error> {
        let mut stack = vec![self.group_open(tag, &attrs)];
        while let Some(top) = stack.last_mut() {
            let tag = top.tag;
            let Some(c) = self.child(&tag)? else {
                if let Some(done) = stack.pop() {
                    self.close(&done.tag);
                    if let Some(g) = done.header {
                        self.visitor.group(g);
                    }
                    self.visitor.group_end();
                    self.space = done.space;
                    self.lang = done.lang;
                }
                continue;
            };
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(m) => match top.header.as_mut() {
                    Some(g) => g.extensions.push(Raw(self.r.ctx.str(m))),
                    None => self.visitor.raw(Raw(self.r.ctx.str(m))),
                },
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("notes") {
                        if top.phase >= 2 {
                            self.problem(t.start, "<notes> out of place in <group>");
                        }
                        top.phase = 2;
                        let notes = self.notes(t, a)?;
                        self.ctr_notes(tag.depth, &notes);
                        if let Some(g) = top.header.as_mut() {
                            g.notes = notes;
                        }
                    } else if is("unit") || is("group") {
                        top.phase = 3;
                        if let Some(g) = top.header.take() {
                            self.visitor.group(g);
                        }
                        if is("unit") {
                            let u = self.unit(t, a)?;
                            self.visitor.unit(u);
                        } else {
                            let open = self.group_open(t, &a);
                            stack.push(open);
                        }
                    } else if t.ns == Ns::Core || t.ns == Ns::None {
                        self.refuse(&t, "<group>")?;
                    } else {
                        if top.phase >= 2 {
                            self.problem(
                                t.start,
                                format!("<{}> must come before notes and units", t.qname),
                            );
                        }
                        if t.ns == Ns::Mda {
                            let md = self.metadata(t, a)?;
                            if let Some(g) = top.header.as_mut() {
                                g.metadata = md;
                            }
                        } else {
                            let raw = self.capture_module(&t, &a)?;
                            self.ext_ids(&t, &raw, &mut top.ext_ids);
                            if let Some(g) = top.header.as_mut() {
                                g.extensions.push(raw);
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Reads a group's attributes; sets the inherited `xml:space` and
    /// `xml:lang`, keeping the outer values to restore when it closes.
    fn group_open(&mut self, tag: Tag<'a>, attrs: &[A<'a>]) -> OpenGroup<'a> {
        let outer_space = self.space;
        let outer_lang = self.lang.clone();
        let mut g = Group::default();
        for a in attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => g.id = Some(self.id_attr(&tag, a)),
                (Ns::None, "name") => g.name = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "type") => {
                    self.check_prefixed_type(&tag, a);
                    g.kind = Some(self.r.ctx.str(&a.value));
                }
                (Ns::None, "translate") => g.translate = self.bool_attr(&tag, a),
                (Ns::None, "canResegment") => {
                    self.bool_attr(&tag, a);
                    g.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "srcDir" | "trgDir") => self.dir_attr(&tag, a, &mut g.attrs),
                (Ns::Xml, "space") => {
                    g.space = self.space_attr(&tag, a);
                    self.space = g.space.or(self.space);
                }
                (Ns::Xml, "lang") => {
                    let l = self.lang_attr(&tag, a);
                    g.attrs.push(Attr::new(a.qname, &*l));
                    self.lang = Some(l);
                }
                _ => self.extra(&tag, a, &mut g.attrs),
            }
        }
        match &g.id {
            None => self.problem(tag.start, "<group> without id"),
            Some(id) => {
                if !self.fc.ids.insert(id.clone()) {
                    self.problem(
                        tag.start,
                        format!("group id \"{id}\" is not unique in the file"),
                    );
                }
            }
        }
        self.enter_item(tag.depth, "group", g.id.as_ref());
        OpenGroup {
            tag,
            ext_ids: Vec::new(),
            header: Some(g),
            phase: 1,
            space: outer_space,
            lang: outer_lang,
        }
    }

    fn check_prefixed_type(&mut self, tag: &Tag<'a>, a: &A<'a>) {
        let ok = a
            .value
            .split_once(':')
            .is_some_and(|(p, v)| !p.is_empty() && !v.is_empty() && p != "xlf");
        if !ok {
            self.problem(
                tag.start,
                format!("type=\"{}\" must be prefix:value (not xlf:)", a.value),
            );
        }
    }

    #[inline(never)]
    fn notes(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<ThinVec<Note>, Error> {
        for a in &attrs {
            let mut sink = ThinVec::new();
            self.extra(&tag, a, &mut sink);
        }
        // Gathered in a reused list, taken at the exact count.
        let mut notes = std::mem::take(&mut self.notes_buf);
        notes.clear();
        // (Made at the first note id: most notes have none.)
        let mut ids: Option<HashSet<Str>> = None;
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Core && t.local == "note" {
                        let n = self.note(t, a)?;
                        if let Some(id) = &n.id
                            && !ids.get_or_insert_with(HashSet::default).insert(id.clone())
                        {
                            self.problem(t.start, format!("note id \"{id}\" is not unique"));
                        }
                        notes.push(n);
                    } else if t.ns == Ns::Core || t.ns == Ns::None {
                        self.refuse(&t, "<notes>")?;
                    } else {
                        self.skip(&t)?;
                    }
                }
            }
        }
        self.close(&tag);
        if notes.is_empty() {
            self.problem(tag.start, "<notes> without <note>");
        }
        let out = notes.split_off(0);
        self.notes_buf = notes;
        Ok(out)
    }

    fn note(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<Note, Error> {
        let mut n = Note::default();
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => n.id = Some(self.id_attr(&tag, a)),
                (Ns::None, "category") => n.category = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "ref") if self.version == Version::V2_2 => {
                    n.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "priority") => match a.value.parse::<u8>() {
                    Ok(p @ 1..=10) => n.priority = Some(p),
                    _ => self.problem(
                        tag.start,
                        format!("priority=\"{}\" must be 1 to 10", a.value),
                    ),
                },
                (Ns::None, "appliesTo") => match AppliesTo::parse(&a.value) {
                    Some(x @ (AppliesTo::Source | AppliesTo::Target)) => n.applies_to = Some(x),
                    _ => self.problem(
                        tag.start,
                        format!("appliesTo=\"{}\" must be source or target", a.value),
                    ),
                },
                _ => self.extra(&tag, a, &mut n.attrs),
            }
        }
        n.text = self.text_content(&tag, false)?;
        Ok(n)
    }

    // ----- metadata and matches -----------------------------------------

    #[inline(never)]
    fn metadata(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<Option<Metadata>, Error> {
        if tag.local != "metadata" {
            self.problem(tag.start, format!("<{}> not allowed here", tag.qname));
            self.skip(&tag)?;
            return Ok(None);
        }
        let mut md = Metadata::default();
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => md.id = Some(self.id_attr(&tag, a)),
                _ => {
                    let mut sink = ThinVec::new();
                    self.extra(&tag, a, &mut sink);
                }
            }
        }
        let mut ids = HashSet::default();
        if let Some(id) = &md.id {
            ids.insert(id.clone());
        }
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Mda && t.local == "metaGroup" {
                        let g = self.meta_group(t, a, &mut ids, 1)?;
                        md.groups.push(g);
                    } else {
                        self.refuse(&t, "<mda:metadata>")?;
                    }
                }
            }
        }
        self.close(&tag);
        if md.groups.is_empty() {
            self.problem(tag.start, "<mda:metadata> without <mda:metaGroup>");
        }
        Ok(Some(md))
    }

    fn meta_group(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        ids: &mut HashSet<Str>,
        level: usize,
    ) -> Result<MetaGroup, Error> {
        let mut g = MetaGroup::default();
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => {
                    let id = self.id_attr(&tag, a);
                    if !ids.insert(id.clone()) {
                        self.problem(tag.start, format!("metadata id \"{id}\" is not unique"));
                    }
                    g.id = Some(id);
                }
                (Ns::None, "category") => g.category = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "appliesTo") => match AppliesTo::parse(&a.value) {
                    Some(x @ (AppliesTo::Source | AppliesTo::Target | AppliesTo::Ignorable)) => {
                        g.applies_to = Some(x)
                    }
                    _ => self.problem(
                        tag.start,
                        format!(
                            "appliesTo=\"{}\" must be source, target or ignorable",
                            a.value
                        ),
                    ),
                },
                _ => {
                    let mut sink = ThinVec::new();
                    self.extra(&tag, a, &mut sink);
                }
            }
        }
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Mda && t.local == "metaGroup" && level >= MAX_MODULE_DEPTH {
                        self.problem(
                            t.start,
                            format!("<mda:metaGroup> nested deeper than {MAX_MODULE_DEPTH}"),
                        );
                        self.skip(&t)?;
                    } else if t.ns == Ns::Mda && t.local == "metaGroup" {
                        let inner = self.meta_group(t, a, ids, level + 1)?;
                        g.items.push(MetaItem::Group(inner));
                    } else if t.ns == Ns::Mda && t.local == "meta" {
                        let mut kind = None;
                        for x in &a {
                            if x.ns == Ns::None && x.local == "type" {
                                kind = Some(self.r.ctx.str(&x.value));
                            } else {
                                let mut sink = ThinVec::new();
                                self.extra(&t, x, &mut sink);
                            }
                        }
                        if kind.is_none() {
                            self.problem(t.start, "<mda:meta> without type");
                        }
                        let value = self.text_content(&t, false)?;
                        g.items.push(MetaItem::Meta {
                            kind: kind.unwrap_or_default(),
                            value,
                        });
                    } else {
                        self.refuse(&t, "<mda:metaGroup>")?;
                    }
                }
            }
        }
        self.close(&tag);
        if g.items.is_empty() {
            self.problem(tag.start, "<mda:metaGroup> is empty");
        }
        Ok(g)
    }

    #[inline(never)]
    fn matches(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        out: &mut ThinVec<Candidate>,
    ) -> Result<(), Error> {
        for a in &attrs {
            if !is_ns_decl(a.qname) {
                let mut sink = ThinVec::new();
                self.extra(&tag, a, &mut sink);
            }
        }
        let mut ids = HashSet::default();
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Mtc && t.local == "match" {
                        let m = self.one_match(t, a, &mut ids)?;
                        out.push(m);
                    } else {
                        self.refuse(&t, "<mtc:matches>")?;
                    }
                }
            }
        }
        self.close(&tag);
        Ok(())
    }

    fn one_match(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        ids: &mut HashSet<Str>,
    ) -> Result<Candidate, Error> {
        let mut m = Candidate::default();
        let mut has_type = false;
        let mut has_sub_type = false;
        let percent = |v: &str| v.parse::<f64>().ok().filter(|x| (0.0..=100.0).contains(x));
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => {
                    let id = self.id_attr(&tag, a);
                    if !ids.insert(id.clone()) {
                        self.problem(tag.start, format!("match id \"{id}\" is not unique"));
                    }
                    m.id = Some(id);
                }
                (Ns::None, "ref") => {
                    if let Some(id) = a
                        .value
                        .strip_prefix('#')
                        .filter(|r| is_nmtoken(r) && !r.contains('='))
                    {
                        self.match_refs.push((id.into(), tag.start));
                    }
                    if !a.value.starts_with('#') || a.value.len() < 2 {
                        self.problem(
                            tag.start,
                            format!("ref=\"{}\" must be a fragment (#id)", a.value),
                        );
                    }
                    m.reference = Some(self.r.ctx.str(&a.value));
                }
                (Ns::None, "origin") => m.origin = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "similarity") => match percent(&a.value) {
                    Some(x) => m.similarity = Some(x),
                    None => self.problem(
                        tag.start,
                        format!("similarity=\"{}\" must be 0 to 100", a.value),
                    ),
                },
                (Ns::None, "matchQuality") => match percent(&a.value) {
                    Some(x) => m.match_quality = Some(x),
                    None => self.problem(
                        tag.start,
                        format!("matchQuality=\"{}\" must be 0 to 100", a.value),
                    ),
                },
                (Ns::None, "matchSuitability") => {
                    if percent(&a.value).is_none() {
                        self.problem(
                            tag.start,
                            format!("matchSuitability=\"{}\" must be 0 to 100", a.value),
                        );
                    }
                    m.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "type") => {
                    has_type = true;
                    if !matches!(
                        &*a.value,
                        "am" | "mt" | "icm" | "idm" | "tb" | "tm" | "other"
                    ) {
                        self.problem(
                            tag.start,
                            format!("match type=\"{}\" is not a defined value", a.value),
                        );
                    }
                    m.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "subType") => {
                    has_sub_type = true;
                    m.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "reference") => {
                    self.bool_attr(&tag, a);
                    m.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::Xml, "lang") => self.problem(tag.start, "xml:lang not allowed on <mtc:match>"),
                _ if is_ns_decl(a.qname) => {}
                _ => self.extra(&tag, a, &mut m.attrs),
            }
        }
        if has_sub_type && !has_type {
            self.problem(tag.start, "subType without type on <mtc:match>");
        }
        if m.reference.is_none() {
            self.problem(tag.start, "<mtc:match> without ref");
        }
        let mut uc = UnitCheck::default();
        let mut seen_source = false;
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("source") {
                        seen_source = true;
                        m.source = self.content(&t, Side::Loose, &mut uc)?;
                    } else if is("target") {
                        m.target = self.content(&t, Side::Loose, &mut uc)?;
                    } else if is("originalData") {
                        self.original_data(t, a, &mut uc)?;
                    } else {
                        self.skip(&t)?;
                    }
                }
            }
        }
        if !seen_source {
            self.problem(tag.start, "<mtc:match> without <source>");
        }
        let end = self.r.last_end();
        let text = self.r.ctx.text.get(tag.start..end).unwrap_or("");
        m.raw = Some(self.standalone(text, &tag));
        self.close(&tag);
        Ok(m)
    }

    // ----- unit ---------------------------------------------------------

    #[inline(never)]
    fn unit(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<Unit, Error> {
        let outer_lang = self.lang.clone();
        let r = self.unit_inner(tag, attrs);
        self.lang = outer_lang;
        r
    }

    #[inline(never)]
    fn unit_inner(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<Unit, Error> {
        let mut u = Unit::default();
        let mut has_id = false;
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => {
                    has_id = true;
                    u.id = self.id_attr(&tag, a);
                }
                (Ns::None, "name") => u.name = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "type") => {
                    self.check_prefixed_type(&tag, a);
                    u.kind = Some(self.r.ctx.str(&a.value));
                }
                (Ns::None, "translate") => u.translate = self.bool_attr(&tag, a),
                (Ns::None, "canResegment") => {
                    self.bool_attr(&tag, a);
                    u.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "srcDir" | "trgDir") => self.dir_attr(&tag, a, &mut u.attrs),
                (Ns::Xml, "space") => u.space = self.space_attr(&tag, a),
                (Ns::Xml, "lang") => {
                    let l = self.lang_attr(&tag, a);
                    u.attrs.push(Attr::new(a.qname, &*l));
                    self.lang = Some(l);
                }
                _ => self.extra(&tag, a, &mut u.attrs),
            }
        }
        self.r.unit = Some(u.id.clone());
        if !has_id {
            self.problem(tag.start, "<unit> without id");
        } else {
            if !self.fc.unit_ids.insert(u.id.clone()) {
                self.problem(
                    tag.start,
                    format!("unit id \"{}\" is not unique in the file", u.id),
                );
            }
        }
        self.enter_item(tag.depth, "unit", has_id.then_some(&u.id));
        let mut uc = self.uc_spare.take().unwrap_or_default();
        uc.clear();
        // 1: modules, 2: notes, 3: originalData, 4: parts
        let mut phase = 1;
        let mut unit_ext_ids = Vec::new();
        // Parts gather in a reused list and the unit takes them at their
        // exact count (no growth, no shrinking).
        self.parts_buf.clear();
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(m) => u.extensions.push(Raw(self.r.ctx.str(m))),
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("segment") || is("ignorable") {
                        phase = 4;
                        let part = self.part(t, a, &mut uc, u.space.or(self.space))?;
                        self.parts_buf.push(part);
                    } else if is("notes") {
                        if phase >= 2 {
                            self.problem(t.start, "<notes> out of place in <unit>");
                        }
                        phase = 2;
                        u.notes = self.notes(t, a)?;
                        uc.note_ids.clear();
                        uc.note_ids
                            .extend(u.notes.iter().filter_map(|n| n.id.clone()));
                    } else if is("originalData") {
                        if phase >= 3 {
                            self.problem(t.start, "<originalData> out of place in <unit>");
                        }
                        phase = 3;
                        u.original_data = self.original_data(t, a, &mut uc)?;
                    } else if t.ns == Ns::Core || t.ns == Ns::None {
                        self.refuse(&t, "<unit>")?;
                    } else {
                        if phase >= 2 {
                            self.problem(
                                t.start,
                                format!("<{}> must come before notes and segments", t.qname),
                            );
                        }
                        if t.ns == Ns::Mda {
                            u.metadata = self.metadata(t, a)?;
                        } else if t.ns == Ns::Mtc && t.local == "matches" {
                            self.matches(t, a, &mut u.candidates)?;
                        } else {
                            let raw = self.capture_module(&t, &a)?;
                            self.ext_ids(&t, &raw, &mut unit_ext_ids);
                            u.extensions.push(raw);
                        }
                    }
                }
            }
        }
        self.close(&tag);
        self.recycle(attrs);
        u.parts = self.parts_buf.split_off(0);
        if !u.parts.iter().any(|p| matches!(p, Part::Segment(_))) {
            self.problem(tag.start, "<unit> without <segment>");
        }
        self.finish_unit(&tag, &u, &uc);
        self.uc_spare = Some(uc);
        shrink_unit(&mut u);
        self.r.unit = None;
        Ok(u)
    }

    fn finish_unit(&mut self, tag: &Tag<'a>, u: &Unit, uc: &UnitCheck<'a>) {
        if !self.ctr_pending.is_empty() {
            self.check_change_tracks(u);
        }
        for (id, name, translate, at) in &uc.trg_sigs {
            if let Some(src) = uc.src_sigs.iter().find(|s| s.0 == *id) {
                if src.1 != *name {
                    self.problem(*at, format!("<{name} id=\"{id}\"> in the target corresponds to a <{}> in the source", src.1));
                } else if src.2.unwrap_or(true) != translate.unwrap_or(true) {
                    self.problem(*at, format!("<{name} id=\"{id}\"> has a different translate value than in the source"));
                }
            }
        }
        self.check_reordering(uc);
        for (id, at) in std::mem::take(&mut self.match_refs) {
            if !uc.ids.contains(&id) {
                self.problem(
                    at,
                    format!(
                        "mtc:match ref=\"#{id}\" points at no segment or annotation of the unit"
                    ),
                );
            }
        }
        // (Most units leave nothing open: no list to gather then.)
        let open_sc = if uc.open_sc.is_empty() {
            Vec::new()
        } else {
            uc.open_sc.iter().map(|(k, v)| (k.clone(), *v)).collect()
        };
        for (id, _) in open_sc {
            self.problem(
                tag.start,
                format!(
                    "<sc id=\"{id}\"> has no matching <ec> in the source; mark it isolated=\"yes\""
                ),
            );
        }
        let open_sm: Vec<Key<'a>> = if uc.open_sm.is_empty() && uc.open_sm_target.is_empty() {
            Vec::new()
        } else {
            uc.open_sm
                .iter()
                .chain(uc.open_sm_target.iter())
                .cloned()
                .collect()
        };
        for id in open_sm {
            self.problem(tag.start, format!("<sm id=\"{id}\"> has no matching <em>"));
        }
        // Target pairing (order-free: targets may be reordered).
        // A few pairs are searched (the last start of an id counts, as in
        // the table); only a unit with many gets a table, and only if it
        // has an end to look up.
        let pairs = &uc.target_pairs;
        let few = pairs.len() <= 16;
        let starts: Option<HashMap<&str, (bool, CodeFlags)>> = (!few && !pairs.iter().all(|p| p.1))
            .then(|| {
                pairs
                    .iter()
                    .filter(|p| p.1)
                    .map(|p| (&*p.0, (p.2 != 0, p.3)))
                    .collect()
            });
        let mut problems = Vec::new();
        for (id, is_start, _, flags) in pairs {
            if !is_start {
                let start = if few {
                    pairs
                        .iter()
                        .rev()
                        .find(|p| p.1 && p.0 == *id)
                        .map(|p| (p.2 != 0, p.3))
                } else {
                    starts.as_ref().and_then(|s| s.get(&**id)).copied()
                };
                match start {
                    None => problems.push(format!(
                        "<ec startRef=\"{id}\"> in the target has no matching <sc>"
                    )),
                    Some((_, f)) if f != *flags => problems.push(format!(
                        "<sc>/<ec> \"{id}\" differ in canCopy/canDelete/canReorder/canOverlap"
                    )),
                    _ => {}
                }
            }
        }
        for p in problems {
            self.problem(tag.start, p);
        }
        if uc.any_target {
            for (id, at) in &uc.no_delete {
                if !uc.target_code_ids.contains(id) {
                    let m = format!(
                        "code \"{id}\" has canDelete=\"no\" but is missing from the target"
                    );
                    self.problem(*at, m);
                }
            }
        }
        let n_parts = u.parts.len();
        // Every part has an order: a few are compared with the earlier
        // ones (an equal earlier one was in range too), more go through a
        // table.
        let few = uc.orders.len() <= 16;
        // (The table only for many.)
        let mut seen: Option<HashSet<u32>> = None;
        for (i, (o, at)) in uc.orders.iter().enumerate() {
            if *o == 0 || *o as usize > n_parts {
                self.problem(*at, format!("order=\"{o}\" is outside 1..={n_parts}"));
            } else if (few
                && uc
                    .orders
                    .get(..i)
                    .is_some_and(|e| e.iter().any(|p| p.0 == *o)))
                || (!few && !seen.get_or_insert_with(HashSet::default).insert(*o))
            {
                self.problem(*at, format!("order=\"{o}\" is not unique in the unit"));
            }
        }
        for (target, at) in &uc.copy_of {
            if uc.code_ids.get(target) == Some(&Some(false)) {
                self.problem(
                    *at,
                    format!("copyOf=\"{target}\" refers to a code with canCopy=\"no\""),
                );
            }
            if !uc.code_ids.contains_key(target) {
                self.problem(
                    *at,
                    format!("copyOf=\"{target}\" refers to no code in the unit"),
                );
            }
        }
    }

    fn original_data(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        uc: &mut UnitCheck<'a>,
    ) -> Result<ThinVec<Data>, Error> {
        for a in &attrs {
            let mut sink = ThinVec::new();
            self.extra(&tag, a, &mut sink);
        }
        uc.has_original_data = true;
        // Gathered in a reused list, taken at the exact count.
        let mut out = std::mem::take(&mut self.data_buf);
        out.clear();
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Core && t.local == "data" {
                        let mut d = Data::default();
                        let mut id_key = None;
                        for x in &a {
                            match (x.ns, x.local) {
                                (Ns::None, "id") => {
                                    id_key = Some(dup(&x.value));
                                    d.id = self.id_attr(&t, x);
                                }
                                (Ns::None, "dir") => self.dir_attr(&t, x, &mut d.attrs),
                                (Ns::Xml, "space") => {
                                    self.space_attr(&t, x);
                                    d.attrs.push(Attr::new(x.qname, &*x.value));
                                }
                                _ => self.unknown_attr(&t, x),
                            }
                        }
                        if let Some(k) = id_key {
                            if !uc.data.insert(k) {
                                self.problem(
                                    t.start,
                                    format!("data id \"{}\" is not unique", d.id),
                                );
                            }
                        } else {
                            self.problem(t.start, "<data> without id");
                        }
                        d.text = self.text_content(&t, true)?;
                        out.push(d);
                    } else {
                        self.refuse(&t, "<originalData>")?;
                    }
                    self.recycle(a);
                }
            }
        }
        self.close(&tag);
        if out.is_empty() {
            self.problem(tag.start, "<originalData> without <data>");
        }
        let data = out.split_off(0);
        self.data_buf = out;
        Ok(data)
    }

    fn part(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        uc: &mut UnitCheck<'a>,
        unit_space: Option<Space>,
    ) -> Result<Part, Error> {
        let segment = tag.local == "segment";
        uc.parts += 1;
        let mut s = Segment::default();
        let mut explicit_order = false;
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => {
                    let id = self.id_attr(&tag, a);
                    if !uc.ids.insert(dup(&a.value)) {
                        self.problem(tag.start, format!("id \"{id}\" is not unique in the unit"));
                    }
                    s.id = Some(id);
                }
                (Ns::None, "state") if segment => match a.value.parse::<State>() {
                    Ok(st) => s.state = Some(st),
                    Err(_) => self.problem(
                        tag.start,
                        format!(
                            "state=\"{}\" is not initial, translated, reviewed or final",
                            a.value
                        ),
                    ),
                },
                (Ns::None, "subState") if segment => {
                    if !a
                        .value
                        .split_once(':')
                        .is_some_and(|(p, v)| !p.is_empty() && !v.is_empty())
                    {
                        self.problem(
                            tag.start,
                            format!("subState=\"{}\" must be prefix:value", a.value),
                        );
                    }
                    s.sub_state = Some(self.r.ctx.str(&a.value));
                }
                (Ns::None, "canResegment") if segment => {
                    s.extra_mut().can_resegment = self.bool_attr(&tag, a)
                }
                _ if a.qname == "xmlns" => {}
                _ if segment && a.qname.starts_with("xmlns:") => {
                    s.extra_mut().attrs.push(Attr::new(a.qname, &*a.value))
                }
                _ if segment => self.unknown_attr(&tag, a),
                _ => self.unknown_attr(&tag, a),
            }
        }
        if s.sub_state.is_some() && s.state.is_none() {
            self.problem(tag.start, "subState without state");
        }
        let mut source = None;
        let mut source_attrs = (None, None, 0usize);
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("source") {
                        if source.is_some() || s.target.is_some() {
                            self.problem(t.start, "second <source>, or <source> after <target>");
                        }
                        for x in &a {
                            match (x.ns, x.local) {
                                (Ns::Xml, "lang") => {
                                    s.extra_mut().source_lang = Some(self.lang_attr(&t, x));
                                }
                                (Ns::Xml, "space") => {
                                    s.extra_mut().source_space = self.space_attr(&t, x)
                                }
                                _ if x.qname == "xmlns" => {}
                                _ if x.qname.starts_with("xmlns:") => s
                                    .extra_mut()
                                    .source_attrs
                                    .push(Attr::new(x.qname, &*x.value)),
                                _ => self.unknown_attr(&t, x),
                            }
                        }
                        let eff = s.source_lang().map(Str::from).or_else(|| self.lang.clone());
                        if let (Some(l), Some(src)) = (&eff, &self.src_lang)
                            && !lang_eq(l, src)
                        {
                            let m = format!(
                                "source language \"{l}\" (xml:lang, perhaps inherited) differs from srcLang \"{src}\""
                            );
                            self.problem(t.start, m);
                        }
                        source_attrs = (s.source_lang().map(Str::from), s.source_space(), t.start);
                        source = Some(self.content(&t, Side::Source, uc)?);
                    } else if is("target") {
                        if s.target.is_some() {
                            self.problem(t.start, "second <target>");
                        }
                        if source.is_none() {
                            self.problem(t.start, "<target> before <source>");
                        }
                        uc.any_target = true;
                        if self.trg_lang.is_none() {
                            self.problem(t.start, "<target> in a document without trgLang");
                        }
                        for x in &a {
                            match (x.ns, x.local) {
                                (Ns::Xml, "lang") => {
                                    s.extra_mut().target_lang = Some(self.lang_attr(&t, x));
                                }
                                (Ns::Xml, "space") => {
                                    s.extra_mut().target_space = self.space_attr(&t, x)
                                }
                                (Ns::None, "order") => match x.value.parse::<u32>() {
                                    Ok(o) => {
                                        explicit_order = true;
                                        uc.orders.push((o, t.start));
                                        s.extra_mut()
                                            .target_attrs
                                            .push(Attr::new(x.qname, &*x.value));
                                    }
                                    Err(_) => self.problem(
                                        t.start,
                                        format!("order=\"{}\" must be a positive integer", x.value),
                                    ),
                                },
                                _ if x.qname == "xmlns" => {}
                                _ if x.qname.starts_with("xmlns:") => s
                                    .extra_mut()
                                    .target_attrs
                                    .push(Attr::new(x.qname, &*x.value)),
                                _ => self.unknown_attr(&t, x),
                            }
                        }
                        if !explicit_order {
                            uc.orders.push((uc.parts, t.start));
                        }
                        let eff = s.target_lang().map(Str::from).or_else(|| self.lang.clone());
                        if let (Some(l), Some(trg)) = (&eff, &self.trg_lang)
                            && !lang_eq(l, trg)
                        {
                            let m = format!(
                                "target language \"{l}\" (xml:lang, perhaps inherited) differs from trgLang \"{trg}\""
                            );
                            self.problem(t.start, m);
                        }
                        let eff = |x: Option<Space>| x.or(unit_space).unwrap_or_default();
                        if eff(s.target_space()) != eff(source_attrs.1) {
                            self.problem(t.start, "target xml:space differs from the source's");
                        }
                        s.target = Some(self.content(&t, Side::Target, uc)?);
                    } else {
                        self.refuse(&t, &format!("<{}>", tag.qname))?;
                    }
                }
            }
        }
        self.close(&tag);
        self.recycle(attrs);
        let Some(source) = source else {
            self.problem(tag.start, format!("<{}> without <source>", tag.qname));
            return Ok(if segment {
                Part::Segment(s)
            } else {
                Part::Ignorable(Ignorable::default())
            });
        };
        s.source = source;
        let _ = source_attrs.0;
        if segment {
            Ok(Part::Segment(s))
        } else {
            Ok(Part::Ignorable(Ignorable {
                id: s.id,
                source: s.source,
                target: s.target,
            }))
        }
    }

    // ----- inline content ---------------------------------------------

    fn content(
        &mut self,
        tag: &Tag<'a>,
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Result<Content, Error> {
        if self.inline_depth >= MAX_INLINE_DEPTH {
            return Err(self.r.error_of(
                crate::ErrorKind::Limit,
                tag.start,
                format!("inline elements nested deeper than {MAX_INLINE_DEPTH}"),
            ));
        }
        self.inline_depth += 1;
        let r = self.content_inner(tag, side, uc);
        self.inline_depth -= 1;
        r
    }

    fn content_inner(
        &mut self,
        tag: &Tag<'a>,
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Result<Content, Error> {
        // Pieces go to the shared stack and text to the shared buffer, and
        // the content takes them with one allocation of the exact size each
        // (no growth, no shrinking afterwards).
        let base = self.inl_stack.len();
        while let Some(ch) = self.child(tag)? {
            match ch {
                Child::Text(t, _) => self.text_run.push(t),
                Child::Misc(m) => self.push_inline(Inline::Raw(Raw(self.r.ctx.str(m)))),
                Child::Elem(t, a) => {
                    let r = self.inline(t, &a, side, uc);
                    self.recycle(a);
                    r?;
                }
            }
        }
        self.close(tag);
        self.flush_text();
        // (A bulk copy into a list of the exact size.)
        let items = self.inl_stack.split_off(base.min(self.inl_stack.len()));
        Ok(Content(items))
    }

    /// Ends the pending text run (if any) as one exactly sized text piece.
    #[inline]
    fn flush_text(&mut self) {
        if let Some(t) = self.text_run.take(&self.r.ctx) {
            self.inl_stack.push(Inline::Text(t));
        }
    }

    /// Adds a piece other than text to the content being read.
    #[inline]
    fn push_inline(&mut self, i: Inline) {
        self.flush_text();
        self.inl_stack.push(i);
    }

    fn inline(
        &mut self,
        t: Tag<'a>,
        attrs: &[A<'a>],
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Result<(), Error> {
        if t.ns != Ns::Core {
            self.refuse(&t, "content")?;
            return Ok(());
        }
        match t.local {
            "cp" => {
                if let Some(ch) = self.cp(&t, attrs) {
                    self.text_run.push_char(ch);
                }
                self.skip(&t)?;
            }
            "ph" | "pc" | "sc" | "ec" => {
                // Text before the code ends here (and must not run into a
                // paired code's content).
                self.flush_text();
                let (tagk, kind) = match t.local {
                    "ph" => (CodeTag::Ph, CodeKind::Standalone),
                    "pc" => (CodeTag::Pc, CodeKind::Paired),
                    "sc" => (CodeTag::Sc, CodeKind::Start),
                    _ => (CodeTag::Ec, CodeKind::End),
                };
                let code = self.code(&t, attrs, tagk, kind, side, uc);
                // The code's id as a key for the unit checks (code.id holds
                // the same text).
                let key = key_of(attrs, "id");
                if let Some(id) = key.as_ref().map(dup) {
                    let name = match tagk {
                        CodeTag::Ph => "ph",
                        CodeTag::Pc => "pc",
                        CodeTag::Sc => "sc",
                        _ => "ec",
                    };
                    match side {
                        Side::Source => uc.src_sigs.push((id, name, None, t.start)),
                        Side::Target => uc.trg_sigs.push((id, name, None, t.start)),
                        Side::Loose => {}
                    }
                }
                if side != Side::Loose
                    && (kind != CodeKind::End || code.isolated)
                    && let Some(id) = &key
                {
                    let entry = (
                        dup(id),
                        code.can_reorder,
                        uc.parents.last().map(dup),
                        t.start,
                    );
                    match side {
                        Side::Source => uc.src_codes.push(entry),
                        _ => uc.trg_codes.push(entry),
                    }
                }
                if kind == CodeKind::Paired {
                    uc.parents.push(key.unwrap_or_default());
                    let inner = self.content(&t, side, uc);
                    uc.parents.pop();
                    let inner = inner?;
                    self.push_inline(Inline::Paired(Box::new(code), inner));
                } else {
                    self.expect_empty(&t)?;
                    self.push_inline(Inline::Code(Box::new(code)));
                }
            }
            "mrk" | "sm" => {
                self.flush_text();
                let m = self.marker(&t, attrs, side, uc);
                let key = key_of(attrs, "id");
                if let Some(id) = key.as_ref().map(dup) {
                    let name = if t.local == "mrk" { "mrk" } else { "sm" };
                    match side {
                        Side::Source => uc.src_sigs.push((id, name, m.translate, t.start)),
                        Side::Target => uc.trg_sigs.push((id, name, m.translate, t.start)),
                        Side::Loose => {}
                    }
                }
                if t.local == "mrk" {
                    let inner = self.content(&t, side, uc)?;
                    self.push_inline(Inline::Marker(Box::new(m), inner));
                } else {
                    if let Some(id) = &key {
                        match side {
                            Side::Source => {
                                uc.open_sm.insert(id.clone());
                            }
                            Side::Target => {
                                uc.open_sm_target.insert(id.clone());
                            }
                            Side::Loose => {}
                        }
                    }
                    self.expect_empty(&t)?;
                    self.push_inline(Inline::MarkerStart(Box::new(m)));
                }
            }
            "em" => {
                let mut start_ref = None;
                for a in attrs {
                    if a.ns == Ns::None && a.local == "startRef" {
                        start_ref = Some(self.r.ctx.str(&a.value));
                    } else {
                        self.unknown_attr(&t, a);
                    }
                }
                match &start_ref {
                    None => self.problem(t.start, "<em> without startRef"),
                    Some(r) => {
                        let open = match side {
                            Side::Source => uc.open_sm.remove(r),
                            Side::Target => uc.open_sm_target.remove(r),
                            Side::Loose => true,
                        };
                        if !open {
                            self.problem(
                                t.start,
                                format!("<em startRef=\"{r}\"> has no <sm> before it"),
                            );
                        }
                    }
                }
                self.expect_empty(&t)?;
                self.push_inline(Inline::MarkerEnd(start_ref.unwrap_or_default()));
            }
            _ => {
                self.refuse(&t, "content")?;
            }
        }
        Ok(())
    }

    fn expect_empty(&mut self, t: &Tag<'a>) -> Result<(), Error> {
        while let Some(c) = self.child(t)? {
            match c {
                Child::Text(s, at) => {
                    if !s.is_empty() {
                        self.problem(at, format!("<{}> must be empty", t.qname));
                    }
                }
                Child::Misc(_) => {}
                Child::Elem(x, _) => {
                    self.problem(x.start, format!("<{}> must be empty", t.qname));
                    self.skip(&x)?;
                }
            }
        }
        self.close(t);
        Ok(())
    }

    /// Reports each of [`SC_EC_SAME`] that an `sc` and its `ec` both give
    /// with different values.
    fn sc_ec_differ(
        &mut self,
        at: usize,
        id: &str,
        sc: &[Option<Key<'a>>; 4],
        ec: &[Option<Key<'a>>; 4],
    ) {
        for (name, (a, b)) in SC_EC_SAME.iter().zip(sc.iter().zip(ec)) {
            if let (Some(a), Some(b)) = (a, b)
                && a != b
            {
                self.problem(
                    at,
                    format!(
                        "<sc>/<ec> \"{id}\" differ in {name} (\"{a}\" and \"{b}\"); XLIFF 2.0 wants them equal"
                    ),
                );
            }
        }
    }

    #[inline]
    fn register_id(&mut self, t: &Tag<'a>, id: Key<'a>, side: Side, uc: &mut UnitCheck<'a>) {
        let set = match side {
            Side::Source => &mut uc.ids,
            Side::Target => &mut uc.target_ids,
            Side::Loose => return,
        };
        if !set.insert(dup(&id)) {
            self.problem(t.start, format!("id \"{id}\" is not unique in the unit"));
        }
    }

    #[inline(never)]
    fn code(
        &mut self,
        t: &Tag<'a>,
        attrs: &[A<'a>],
        tagk: CodeTag,
        kind: CodeKind,
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Code {
        let mut c = Code {
            kind,
            tag: tagk,
            ..Code::default()
        };
        let paired = kind == CodeKind::Paired;
        // c.id and c.start_ref as keys for the unit checks.
        let id_key = key_of(attrs, "id");
        let ref_key = if kind == CodeKind::End {
            key_of(attrs, "startRef")
        } else {
            None
        };
        let mut isolated_attr = None;
        let mut has_type = false;
        let mut copy_of = None;
        for a in attrs {
            let v = &*a.value;
            match (a.ns, a.local) {
                (Ns::None, "id") => c.id = Some(self.id_attr(t, a)),
                (Ns::None, "startRef") if kind == CodeKind::End => {
                    c.start_ref = Some(self.r.ctx.str(v))
                }
                (Ns::None, "isolated") if matches!(kind, CodeKind::Start | CodeKind::End) => {
                    isolated_attr = self.bool_attr(t, a);
                    c.isolated = isolated_attr == Some(true);
                }
                (Ns::None, "dataRef") if !paired => c.data_ref = Some(self.r.ctx.str(v)),
                (Ns::None, "dataRefStart") if paired => c.data_ref = Some(self.r.ctx.str(v)),
                (Ns::None, "dataRefEnd") if paired => c.data_ref_end = Some(self.r.ctx.str(v)),
                (Ns::None, "canCopy") => c.can_copy = self.bool_attr(t, a),
                (Ns::None, "canDelete") => c.can_delete = self.bool_attr(t, a),
                (Ns::None, "canOverlap") if kind != CodeKind::Standalone => {
                    c.can_overlap = self.bool_attr(t, a)
                }
                (Ns::None, "canReorder") => {
                    c.can_reorder = match v {
                        "yes" => Some(CanReorder::Yes),
                        "no" => Some(CanReorder::No),
                        "firstNo" => Some(CanReorder::FirstNo),
                        _ => {
                            self.problem(
                                t.start,
                                format!("canReorder=\"{v}\" must be yes, no or firstNo"),
                            );
                            None
                        }
                    }
                }
                (Ns::None, "type") => {
                    has_type = true;
                    if !matches!(v, "fmt" | "ui" | "quote" | "link" | "image" | "other") {
                        self.problem(
                            t.start,
                            format!("type=\"{v}\" is not fmt, ui, quote, link, image or other"),
                        );
                    }
                    c.kind_name = Some(self.r.ctx.str(v));
                }
                (Ns::None, "subType") => c.extra_mut().sub_type = Some(self.r.ctx.str(v)),
                (Ns::None, "disp") if !paired => c.extra_mut().disp = Some(self.r.ctx.str(v)),
                (Ns::None, "equiv") if !paired => c.equiv = Some(self.r.ctx.str(v)),
                (Ns::None, "dispStart") if paired => c.extra_mut().disp = Some(self.r.ctx.str(v)),
                (Ns::None, "equivStart") if paired => c.equiv = Some(self.r.ctx.str(v)),
                (Ns::None, "dispEnd") if paired => c.extra_mut().disp_end = Some(self.r.ctx.str(v)),
                (Ns::None, "equivEnd") if paired => {
                    c.extra_mut().equiv_end = Some(self.r.ctx.str(v))
                }
                (Ns::None, "dir") if kind != CodeKind::Standalone => {
                    self.dir_attr(t, a, &mut c.extra_mut().attrs)
                }
                (Ns::None, "copyOf") => {
                    copy_of = Some(a.value.clone());
                    c.extra_mut().attrs.push(Attr::new(a.qname, v));
                }
                (Ns::None, "subFlows") if !paired => {
                    self.sub_flows(t, v);
                    c.extra_mut().attrs.push(Attr::new(a.qname, v));
                }
                (Ns::None, "subFlowsStart" | "subFlowsEnd") if paired => {
                    self.sub_flows(t, v);
                    c.extra_mut().attrs.push(Attr::new(a.qname, v));
                }
                _ => self.extra(t, a, &mut c.extra_mut().attrs),
            }
        }
        c.tidy_extra();
        // type / subType
        if let Some(st) = c.sub_type() {
            if !has_type {
                self.problem(t.start, "subType without type");
            }
            let st = st.to_string();
            match st.split_once(':') {
                Some(("xlf", v)) => {
                    let want = match v {
                        "lb" | "pb" | "b" | "i" | "u" => Some("fmt"),
                        "var" => Some("ui"),
                        _ => None,
                    };
                    match want {
                        None => self.problem(
                            t.start,
                            format!("subType=\"{st}\" is not a defined xlf: value"),
                        ),
                        Some(w) if c.kind_name.as_deref() != Some(w) => {
                            self.problem(
                                t.start,
                                format!("subType=\"{st}\" requires type=\"{w}\""),
                            );
                        }
                        _ => {}
                    }
                }
                Some((p, v)) if !p.is_empty() && !v.is_empty() => {}
                _ => self.problem(t.start, format!("subType=\"{st}\" must be prefix:value")),
            }
        }
        // data references
        for r in [&c.data_ref, &c.data_ref_end].into_iter().flatten() {
            if !uc.has_original_data {
                self.problem(
                    t.start,
                    format!("data reference \"{r}\" but the unit has no <originalData>"),
                );
            } else if !uc.data.contains(r) {
                self.problem(
                    t.start,
                    format!("data reference \"{r}\" points at no <data> in <originalData>"),
                );
            }
        }
        if let Some(target) = copy_of {
            if c.data_ref.is_some() || c.data_ref_end.is_some() {
                self.problem(t.start, "copyOf together with a data reference");
            }
            uc.copy_of.push((target, t.start));
        }
        if matches!(c.can_reorder, Some(CanReorder::No | CanReorder::FirstNo))
            && (c.can_delete != Some(false) || c.can_copy != Some(false))
        {
            self.problem(
                t.start,
                "canReorder=\"no\" or \"firstNo\" needs canDelete=\"no\" and canCopy=\"no\"",
            );
        }
        let flags = CodeFlags {
            can_copy: c.can_copy,
            can_delete: c.can_delete,
            can_overlap: c.can_overlap,
            can_reorder: c.can_reorder,
        };
        // XLIFF 2.0: an ec repeats its sc's type, subType, copyOf and dir, if
        // it gives them (later versions dropped the rule)
        let sc_ec_attrs = (self.version == Version::V2_0
            && matches!(kind, CodeKind::Start | CodeKind::End)
            && !c.isolated
            && side != Side::Loose)
            .then(|| SC_EC_SAME.map(|name| key_of(attrs, name)))
            .filter(|a| a.iter().any(Option::is_some));
        // ids and pairing
        match kind {
            CodeKind::End => {
                if c.isolated {
                    if c.id.is_none() {
                        self.problem(t.start, "isolated <ec> must have an id");
                    }
                    if c.start_ref.is_some() {
                        self.problem(t.start, "isolated <ec> must not have startRef");
                    }
                } else {
                    if c.id.is_some() {
                        self.problem(
                            t.start,
                            "<ec> with startRef must not have an id (only isolated <ec> has one)",
                        );
                    }
                    match &ref_key {
                        None => self.problem(t.start, "<ec> without startRef must be isolated=\"yes\" with an id"),
                        Some(r) => match side {
                            Side::Source => match uc.open_sc.remove(r) {
                                None => self.problem(t.start, format!("<ec startRef=\"{r}\"> has no <sc> before it")),
                                Some(f) if f == flags && let Some(ec_attrs) = &sc_ec_attrs
                                    && let Some(sc_attrs) = uc.sc_attrs.remove(&**r) => {
                                    self.sc_ec_differ(t.start, r, &sc_attrs, ec_attrs);
                                }
                                Some(f) if f != flags => self.problem(
                                    t.start,
                                    format!("<sc>/<ec> \"{r}\" differ in canCopy/canDelete/canReorder/canOverlap"),
                                ),
                                Some(_) => {}
                            },
                            Side::Target => {
                                if let Some(ec_attrs) = &sc_ec_attrs
                                    && let Some(sc_attrs) = uc.trg_sc_attrs.remove(&**r)
                                {
                                    self.sc_ec_differ(t.start, r, &sc_attrs, ec_attrs);
                                }
                                uc.target_pairs.push((r.clone(), false, 0, flags))
                            }
                            Side::Loose => {}
                        },
                    }
                }
                if let Some(id) = id_key.as_ref().map(dup) {
                    self.register_id(t, id, side, uc);
                }
            }
            _ => match id_key.as_ref().map(dup) {
                None => self.problem(t.start, format!("<{}> without id", t.qname)),
                Some(id) => {
                    self.register_id(t, dup(&id), side, uc);
                    if kind == CodeKind::Start && !c.isolated {
                        match side {
                            Side::Source => {
                                uc.open_sc.insert(dup(&id), flags);
                                if let Some(a) = sc_ec_attrs {
                                    uc.sc_attrs.insert(id.clone(), a);
                                }
                            }
                            Side::Target => {
                                if let Some(a) = sc_ec_attrs {
                                    uc.trg_sc_attrs.insert(id.clone(), a);
                                }
                                uc.target_pairs.push((id.clone(), true, 0, flags))
                            }
                            Side::Loose => {}
                        }
                    }
                }
            },
        }
        if let Some(id) = id_key.or(ref_key) {
            match side {
                Side::Source => {
                    if c.can_delete == Some(false) && kind != CodeKind::End {
                        uc.no_delete.push((dup(&id), t.start));
                    }
                    uc.code_ids.insert(id, c.can_copy);
                }
                Side::Target => {
                    uc.target_code_ids.insert(dup(&id));
                    uc.code_ids.insert(id, c.can_copy);
                }
                Side::Loose => {}
            }
        }
        if kind == CodeKind::Start && isolated_attr != Some(true) && side == Side::Source {
            // pairing checked at end of unit (open_sc)
        }
        c
    }

    /// Checks the `canReorder` rules: a `no` code follows a `firstNo` one in
    /// the source; each such sequence appears in the target in the same
    /// order, unbroken, inside the same paired code.
    fn check_reordering(&mut self, uc: &UnitCheck<'a>) {
        let mut sequences: Vec<Vec<&CodeEntry<'a>>> = Vec::new();
        let mut open = false;
        for e in &uc.src_codes {
            match e.1 {
                Some(CanReorder::FirstNo) => {
                    sequences.push(vec![e]);
                    open = true;
                }
                Some(CanReorder::No) => match sequences.last_mut().filter(|_| open) {
                    Some(seq) => seq.push(e),
                    None => self.problem(e.3, format!("code \"{}\" has canReorder=\"no\" without a preceding canReorder=\"firstNo\"", e.0)),
                },
                _ => open = false,
            }
        }
        if !uc.any_target {
            return;
        }
        for seq in sequences {
            let Some(first) = seq.first() else { continue };
            let Some(pos) = uc.trg_codes.iter().position(|t| t.0 == first.0) else {
                continue;
            };
            let same = seq.iter().enumerate().all(|(i, s)| {
                uc.trg_codes
                    .get(pos + i)
                    .is_some_and(|t| t.0 == s.0 && t.2 == s.2)
            });
            if !same {
                self.problem(first.3, format!("the non-reorderable codes starting at \"{}\" are split, reordered or moved in the target", first.0));
            }
        }
    }

    /// Records the `id` attributes in an extension element kept verbatim
    /// (its own and its descendants'); they must be unique among the
    /// extension elements of the enclosing file, group or unit.
    fn ext_ids(&mut self, t: &Tag<'a>, raw: &Raw, seen: &mut Vec<Str>) {
        if t.ns != Ns::Other {
            return;
        }
        for id in crate::xml::verbatim_ids(raw.as_str()) {
            if seen.iter().any(|s| &**s == id) {
                self.problem(
                    t.start,
                    format!("extension element id \"{id}\" is not unique here"),
                );
            } else {
                seen.push(id.into());
            }
        }
    }

    /// Checks the Format Style and Size Restriction attributes of a core
    /// element (`local`, at `at` and `depth`).
    #[inline(never)]
    fn module_attrs(&mut self, qname: &str, local: &str, at: usize, depth: usize, attrs: &[A<'a>]) {
        let mut has_fs = false;
        let mut has_sub_fs = false;
        let mut size_info = false;
        let mut size_info_ref = false;
        let isolated = attrs
            .iter()
            .any(|a| a.ns == Ns::None && a.local == "isolated" && a.value == "yes");
        let mut problems = Vec::new();
        for a in attrs {
            match (a.ns, a.local) {
                (Ns::Fs, "fs") => {
                    has_fs = true;
                    if !HTML_ELEMENTS.contains(&&*a.value) {
                        problems.push(format!("fs:fs=\"{}\" is not an HTML element name", a.value));
                    }
                }
                (Ns::Fs, "subFs") => has_sub_fs = true,
                (Ns::Fs, other) => {
                    problems.push(format!("fs:{other} is not a Format Style attribute"))
                }
                (Ns::Slr, "storageRestriction" | "sizeRestriction") if self.slr_codepoints => {
                    let v = &*a.value;
                    let ok = v == "*"
                        || v.split(',').count() <= 2
                            && v.split(',').all(|p| {
                                p == "*" || !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())
                            });
                    if !ok {
                        problems.push(format!(
                            "slr:{}=\"{v}\" is not a size (number, or min,max)",
                            a.local
                        ));
                    }
                }
                (Ns::Slr, "equivStorage" | "sizeInfo") => {
                    if a.local == "sizeInfo" {
                        size_info = true;
                    }
                    if self.slr_codepoints
                        && (a.value.is_empty() || !a.value.bytes().all(|b| b.is_ascii_digit()))
                    {
                        problems.push(format!(
                            "slr:{}=\"{}\" must be a non-negative integer",
                            a.local, a.value
                        ));
                    }
                    if local == "ec" && !isolated {
                        problems.push(format!(
                            "slr:{} not allowed on a non-isolated <ec>",
                            a.local
                        ));
                    }
                }
                (Ns::Slr, "sizeInfoRef") => {
                    size_info_ref = true;
                    if !self.size_info_ref_resolves(&a.value, depth) {
                        problems.push(format!(
                            "slr:sizeInfoRef=\"{}\" points at no element in an <slr:data> \
                             beside this element or one of its ancestors",
                            a.value
                        ));
                    }
                    if local == "ec" && !isolated {
                        problems
                            .push("slr:sizeInfoRef not allowed on a non-isolated <ec>".to_owned());
                    }
                }
                _ => {}
            }
        }
        if (has_fs || has_sub_fs) && local == "ec" && !isolated {
            problems.push(format!(
                "Format Style attributes not allowed on a non-isolated <{qname}>"
            ));
        }
        if has_sub_fs && !has_fs {
            problems.push("fs:subFs without fs:fs".to_owned());
        }
        if size_info && size_info_ref {
            problems.push("slr:sizeInfo and slr:sizeInfoRef together".to_owned());
        }
        for p in problems {
            self.problem(at, p);
        }
    }

    /// Keeps a module or extension element verbatim; elements of the
    /// Validation, Glossary, Resource Data and Change Tracking modules are
    /// checked on the way, and the ids in an `slr:data` are noted for
    /// `slr:sizeInfoRef`.
    #[inline(never)]
    fn capture_module(&mut self, tag: &Tag<'a>, attrs: &[A<'a>]) -> Result<Raw, Error> {
        if tag.ns == Ns::Slr && tag.local == "profiles" {
            self.slr_codepoints = attrs.iter().any(|a| {
                a.ns == Ns::None && a.local == "generalProfile" && a.value == "xliff:codepoints"
            });
        }
        if tag.ns == Ns::Slr && tag.local == "data" {
            let raw = self.capture(tag)?;
            // The ids of the elements in it (not its own).
            let inner = raw.as_str().split_once('>').map_or("", |(_, rest)| rest);
            let ids = crate::xml::verbatim_ids(inner)
                .into_iter()
                .map(Str::from)
                .collect();
            self.fc.slr_data.push((tag.depth.saturating_sub(1), ids));
            return Ok(raw);
        }
        let ctr = self.is_ctr(tag);
        if !ctr && !matches!(tag.ns, Ns::Val | Ns::Gls | Ns::Res) {
            return self.capture(tag);
        }
        let mut st = ModuleCheck::default();
        if ctr {
            if tag.local != "changeTrack" {
                self.problem(
                    tag.start,
                    format!("<{}> must be inside a ctr:changeTrack", tag.qname),
                );
            }
            self.ctr_elem(tag, attrs, &mut st);
        } else {
            self.module_elem(tag, attrs, &mut st);
        }
        let walked = self.module_walk(tag, &mut st, 1)?;
        if ctr {
            self.ctr_end(tag, walked.elements, &mut st);
        }
        let end = if tag.empty {
            tag.start + self.r.last_text().len()
        } else {
            self.r.last_end()
        };
        let text = self.r.ctx.text.get(tag.start..end).unwrap_or("");
        let raw = self.standalone(text, tag);
        self.close(tag);
        Ok(raw)
    }

    /// Walks the children of a module element: whether it has content
    /// (text or elements) and how many child elements.
    fn module_walk(
        &mut self,
        tag: &Tag<'a>,
        st: &mut ModuleCheck,
        level: usize,
    ) -> Result<Walked, Error> {
        let mut walked = Walked::default();
        let element_only = self.element_only(tag);
        let parent_ctr = self.is_ctr(tag);
        while let Some(c) = self.child(tag)? {
            match c {
                Child::Text(t, at) => {
                    let text = !t.trim().is_empty();
                    walked.content |= text;
                    if text && element_only {
                        self.problem(at, format!("text not allowed in <{}>", tag.qname));
                    }
                }
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    walked.content = true;
                    walked.elements += 1;
                    if level >= MAX_MODULE_DEPTH {
                        self.problem(
                            t.start,
                            format!("module elements nested deeper than {MAX_MODULE_DEPTH}"),
                        );
                        self.skip(&t)?;
                        continue;
                    }
                    self.module_child(tag, parent_ctr, &t);
                    if t.ns == Ns::Gls && t.local == "glossEntry" {
                        st.entry_has_meaning = false;
                    }
                    let ctr = self.is_ctr(&t);
                    if ctr {
                        self.ctr_elem(&t, &a, st);
                    } else {
                        self.module_elem(&t, &a, st);
                    }
                    let inner = self.module_walk(&t, st, level + 1)?;
                    if ctr {
                        self.ctr_end(&t, inner.elements, st);
                    }
                    if t.ns == Ns::Gls && t.local == "glossEntry" && !st.entry_has_meaning {
                        self.problem(
                            t.start,
                            "gls:glossEntry needs a translation or a definition",
                        );
                    }
                    if t.ns == Ns::Res && matches!(t.local, "source" | "target" | "reference") {
                        let href = a.iter().any(|x| x.ns == Ns::None && x.local == "href");
                        if href == inner.content {
                            self.problem(
                                t.start,
                                format!("<{}> needs exactly one of href and content", t.qname),
                            );
                        }
                    }
                    self.close(&t);
                }
            }
        }
        Ok(walked)
    }

    /// Checks one element of the Validation, Glossary or Resource Data
    /// module.
    fn module_elem(&mut self, t: &Tag<'a>, attrs: &[A<'a>], st: &mut ModuleCheck) {
        let get = |name: &str| {
            attrs
                .iter()
                .find(|a| a.ns == Ns::None && a.local == name)
                .map(|a| &*a.value)
        };
        let mut problems = Vec::new();
        match (t.ns, t.local) {
            (Ns::Val, "rule") => {
                let kinds = ["isPresent", "isNotPresent", "startsWith", "endsWith"];
                let n = attrs
                    .iter()
                    .filter(|a| {
                        (a.ns == Ns::None && kinds.contains(&a.local))
                            || (a.ns == Ns::Other && !is_ns_decl(a.qname))
                    })
                    .count();
                if n != 1 {
                    problems.push("val:rule needs exactly one of isPresent, isNotPresent, startsWith, endsWith or a custom rule".to_owned());
                }
                if get("existsInSource") == Some("yes")
                    && get("isPresent")
                        .or(get("startsWith"))
                        .or(get("endsWith"))
                        .is_none()
                {
                    problems.push(
                        "existsInSource=\"yes\" needs isPresent, startsWith or endsWith".to_owned(),
                    );
                }
                if let Some(v) = get("caseSensitive").filter(|v| !matches!(*v, "yes" | "no")) {
                    problems.push(format!("caseSensitive=\"{v}\" must be yes or no"));
                }
                if let Some(v) = get("existsInSource").filter(|v| !matches!(*v, "yes" | "no")) {
                    problems.push(format!("existsInSource=\"{v}\" must be yes or no"));
                }
                if let Some(v) =
                    get("normalization").filter(|v| !matches!(*v, "none" | "nfc" | "nfd"))
                {
                    problems.push(format!("normalization=\"{v}\" must be none, nfc or nfd"));
                }
                if let Some(v) = get("occurs")
                    && !v.parse::<u32>().is_ok_and(|n| n >= 1)
                {
                    problems.push(format!("occurs=\"{v}\" must be a positive integer"));
                }
            }
            (Ns::Val, other) if other != "validation" => {
                problems.push(format!(
                    "<{}> is not an element of the Validation module",
                    t.qname
                ));
            }
            (Ns::Gls, other)
                if !matches!(
                    other,
                    "glossary" | "glossEntry" | "term" | "translation" | "definition"
                ) =>
            {
                problems.push(format!(
                    "<{}> is not an element of the Glossary module",
                    t.qname
                ));
            }
            (Ns::Res, other)
                if !matches!(
                    other,
                    "resourceData"
                        | "resourceItem"
                        | "resourceItemRef"
                        | "source"
                        | "target"
                        | "reference"
                ) =>
            {
                problems.push(format!(
                    "<{}> is not an element of the Resource Data module",
                    t.qname
                ));
            }
            (Ns::Gls, "glossary") => st.ids.clear(),
            (Ns::Gls, "translation" | "definition") => st.entry_has_meaning = true,
            (Ns::Res, "resourceData") => st.ids.clear(),
            (Ns::Res, "source") => {
                let want = &self.src_lang;
                if let (Some(l), Some(w)) = (
                    attrs.iter().find(|a| a.ns == Ns::Xml && a.local == "lang"),
                    want,
                ) && !lang_eq(&l.value, w)
                {
                    problems.push(format!(
                        "res:{} xml:lang=\"{}\" differs from the document's",
                        t.local, l.value
                    ));
                }
            }
            _ => {}
        }
        if matches!(t.ns, Ns::Gls | Ns::Res)
            && let Some(id) = get("id")
            && !st.ids.insert(id.into())
        {
            problems.push(format!("id \"{id}\" is not unique in the module"));
        }
        for p in problems {
            self.problem(t.start, p);
        }
    }

    /// True for an element of the Change Tracking module (recognised by
    /// its namespace: it has no [`Ns`] of its own).
    fn is_ctr(&self, t: &Tag<'a>) -> bool {
        t.ns == Ns::Other && self.ns.resolve(split_name(t.qname).0) == Some(NS_CTR)
    }

    /// True for an element of XLIFF core or of an XLIFF module (any
    /// namespace the XLIFF TC defines), as opposed to an extension.
    fn xliff_defined(&self, t: &Tag<'a>) -> bool {
        match t.ns {
            Ns::Core | Ns::Mda | Ns::Mtc | Ns::Fs | Ns::Slr | Ns::Val | Ns::Gls | Ns::Res => true,
            Ns::Other => self
                .ns
                .resolve(split_name(t.qname).0)
                .is_some_and(|uri| uri.starts_with("urn:oasis:names:tc:xliff:")),
            Ns::Xml | Ns::None => false,
        }
    }

    /// True for a module element whose content model holds elements only
    /// (no text).
    fn element_only(&self, t: &Tag<'a>) -> bool {
        match t.ns {
            Ns::Gls => matches!(t.local, "glossary" | "glossEntry"),
            Ns::Val => matches!(t.local, "validation" | "rule"),
            Ns::Res => matches!(t.local, "resourceData" | "resourceItem" | "resourceItemRef"),
            Ns::Other => {
                matches!(t.local, "changeTrack" | "revisions" | "revision") && self.is_ctr(t)
            }
            _ => false,
        }
    }

    /// Checks that `child` may stand in the module element `parent`:
    /// Change Tracking elements nest in their fixed order, and where a
    /// module leaves room for extensions (`gls:glossEntry`), elements of
    /// XLIFF core and modules are not extensions: a module's elements go
    /// only where that module places them. (`res:source` and `res:target`
    /// hold the resource itself, any XML, XLIFF included: not an extension
    /// point.)
    fn module_child(&mut self, parent: &Tag<'a>, parent_ctr: bool, child: &Tag<'a>) {
        let ok = if parent_ctr {
            let want = match parent.local {
                "changeTrack" => Some("revisions"),
                "revisions" => Some("revision"),
                "revision" => Some("item"),
                _ => None,
            };
            want.is_some_and(|w| child.local == w) && self.is_ctr(child)
        } else if parent.ns == Ns::Gls && parent.local == "glossEntry" {
            child.ns == Ns::Gls || !self.xliff_defined(child)
        } else {
            true
        };
        if !ok {
            let why = if parent_ctr {
                ""
            } else {
                ": only extensions (elements of other namespaces) go there"
            };
            self.problem(
                child.start,
                format!("<{}> not allowed in <{}>{why}", child.qname, parent.qname),
            );
        }
    }

    /// Checks the attributes of one Change Tracking element and records
    /// what the checks at its end and at the unit's end need.
    fn ctr_elem(&mut self, t: &Tag<'a>, attrs: &[A<'a>], st: &mut ModuleCheck) {
        let own: &[&str] = match t.local {
            "changeTrack" => &[],
            "revisions" => &["appliesTo", "ref", "currentVersion"],
            "revision" => &["author", "datetime", "version"],
            "item" => &["property"],
            _ => {
                self.problem(
                    t.start,
                    format!(
                        "<{}> is not an element of the Change Tracking module",
                        t.qname
                    ),
                );
                return;
            }
        };
        let get = |name: &str| {
            attrs
                .iter()
                .find(|a| a.ns == Ns::None && a.local == name)
                .map(|a| a.value.to_string())
        };
        let mut problems = Vec::new();
        for a in attrs {
            if is_ns_decl(a.qname) {
                continue;
            }
            let known = a.ns == Ns::None && own.contains(&a.local);
            // changeTrack takes no attribute at all; the others also take
            // attributes of other namespaces.
            let foreign = t.local != "changeTrack" && !matches!(a.ns, Ns::None | Ns::Core);
            if !known && !foreign {
                problems.push(format!(
                    "attribute {} not allowed on <{}>",
                    a.qname, t.qname
                ));
            }
            if known
                && matches!(a.local, "appliesTo" | "ref" | "currentVersion" | "version")
                && !is_nmtoken(&a.value)
            {
                problems.push(format!(
                    "{}=\"{}\" is not a valid NMTOKEN",
                    a.qname, a.value
                ));
            }
        }
        match t.local {
            "revisions" => {
                let applies_to = get("appliesTo");
                if applies_to.is_none() {
                    problems.push(format!("<{}> without appliesTo", t.qname));
                }
                st.versions.clear();
                st.revisions = Some(CtrRevisions {
                    at: t.start,
                    applies_to: applies_to.unwrap_or_default(),
                    reference: get("ref"),
                    current_version: get("currentVersion"),
                    properties: Vec::new(),
                });
            }
            "revision" => {
                st.versions.extend(get("version"));
                st.properties.clear();
            }
            "item" => match get("property") {
                None => problems.push(format!("<{}> without property", t.qname)),
                Some(p) => {
                    if st.properties.contains(&p) {
                        // A revision is the element at one version: one
                        // content and one value per attribute.
                        problems.push(format!("property \"{p}\" given twice in one ctr:revision"));
                    } else {
                        if p != "content"
                            && let Some(r) = st.revisions.as_mut()
                        {
                            r.properties.push((p.clone(), t.start));
                        }
                        st.properties.push(p);
                    }
                }
            },
            _ => {}
        }
        for p in problems {
            self.problem(t.start, p);
        }
    }

    /// Checks at the end of a Change Tracking element (with `elements`
    /// children): each container holds at least one child, and a
    /// `ctr:revisions`'s `currentVersion` names one of its revisions. A
    /// `ctr:revisions` is kept to be resolved when its unit, group or file
    /// ends ([`check_change_tracks`](Self::check_change_tracks),
    /// [`ctr_leave`](Self::ctr_leave)).
    fn ctr_end(&mut self, t: &Tag<'a>, elements: u32, st: &mut ModuleCheck) {
        let child = match t.local {
            "changeTrack" => "ctr:revisions",
            "revisions" => "ctr:revision",
            "revision" => "ctr:item",
            _ => return,
        };
        if elements == 0 {
            self.problem(t.start, format!("<{}> needs at least one {child}", t.qname));
        }
        if t.local != "revisions" {
            return;
        }
        let Some(rev) = st.revisions.take() else {
            return;
        };
        if let Some(v) = &rev.current_version
            && !st.versions.contains(v)
        {
            self.problem(
                t.start,
                format!(
                    "currentVersion=\"{v}\" is the version of none of its ctr:revision elements"
                ),
            );
        }
        if rev.applies_to.is_empty() {
            return;
        }
        if self.r.unit.is_some() {
            self.ctr_pending.push(rev);
        } else {
            // revisions > changeTrack > file or group.
            self.ctr_outer.pending.push(OuterCtr {
                depth: t.depth.saturating_sub(2),
                from: self.ctr_outer.facts.len(),
                rev,
            });
        }
    }

    /// Resolves the `ctr:revisions` of unit `u` against the elements they
    /// apply to (see [`resolve_revisions`]): `appliesTo` must name an
    /// element that can stand beside the change track, or in one.
    fn check_change_tracks(&mut self, u: &Unit) {
        let mut problems = Vec::new();
        for rev in std::mem::take(&mut self.ctr_pending) {
            let kind = rev.applies_to.as_str();
            if !kind.contains(':') && !CTR_UNIT_TARGETS.contains(&kind) {
                problems.push((
                    rev.at,
                    format!(
                        "ctr:revisions appliesTo=\"{kind}\" names no element that can stand beside a change track in a <unit>"
                    ),
                ));
                continue;
            }
            // The instances of the element, by id, with the attributes
            // each has.
            let instances: Vec<(Option<&str>, Vec<&str>)> = match kind {
                "note" => u
                    .notes
                    .iter()
                    .map(|n| (n.id.as_deref(), note_attrs(n)))
                    .collect(),
                "data" => u
                    .original_data
                    .iter()
                    .map(|d| {
                        let mut names: Vec<&str> = d.attrs.iter().map(|a| &*a.name).collect();
                        names.push("id");
                        (Some(&*d.id), names)
                    })
                    .collect(),
                "segment" | "ignorable" => u
                    .parts
                    .iter()
                    .filter_map(|p| match p {
                        Part::Segment(s) if kind == "segment" => Some(s.id.as_deref()),
                        Part::Ignorable(i) if kind == "ignorable" => Some(i.id.as_deref()),
                        _ => None,
                    })
                    .map(|id| (id, Vec::new()))
                    .collect(),
                _ => continue,
            };
            // A unit may hold no originalData (and a change track may
            // record one removed); the other elements are there to apply to.
            if instances.is_empty() && kind == "data" {
                continue;
            }
            // The attributes of segments and ignorables are not kept
            // apart in the model: their items' properties are not checked.
            let attrs_known = matches!(kind, "note" | "data");
            resolve_revisions(&rev, "unit", &instances, attrs_known, &mut problems);
        }
        for (at, m) in problems {
            self.problem(at, m);
        }
    }

    /// Call when a unit or group (`kind`) with `id` opens at `depth`:
    /// forgets the `slr:data` of elements closed before it, resolves the
    /// change tracks of files and groups that closed before it, and notes
    /// it for those still open.
    #[inline]
    fn enter_item(&mut self, depth: usize, kind: &'static str, id: Option<&Str>) {
        if !self.fc.slr_data.is_empty() {
            self.fc.slr_data.retain(|(d, _)| *d < depth);
        }
        if !self.ctr_outer.pending.is_empty() {
            self.ctr_item(depth, kind, id);
        }
    }

    /// The change-track part of [`enter_item`](Self::enter_item).
    #[inline(never)]
    fn ctr_item(&mut self, depth: usize, kind: &'static str, id: Option<&Str>) {
        self.ctr_leave(depth);
        if !self.ctr_outer.pending.is_empty() {
            self.ctr_outer.facts.push(CtrFact {
                depth,
                kind,
                id: id.cloned(),
                attrs: Vec::new(),
            });
        }
    }

    /// Call with the notes of the file or group at `depth`.
    #[inline]
    fn ctr_notes(&mut self, depth: usize, notes: &[Note]) {
        if self.ctr_outer.pending.is_empty() {
            return;
        }
        for n in notes {
            self.ctr_outer.facts.push(CtrFact {
                depth,
                kind: "note",
                id: n.id.clone(),
                attrs: note_attrs(n).into_iter().map(Str::from).collect(),
            });
        }
    }

    /// Resolves the change tracks of the files and groups at `depth` or
    /// deeper, which have closed (see [`resolve_revisions`]): `note` is
    /// looked for among their notes, `unit` and `group` among their
    /// children and their child groups' children. Other elements are not
    /// resolved at this level.
    #[inline(never)]
    fn ctr_leave(&mut self, depth: usize) {
        let (done, keep): (Vec<OuterCtr>, Vec<OuterCtr>) =
            std::mem::take(&mut self.ctr_outer.pending)
                .into_iter()
                .partition(|o| o.depth >= depth);
        self.ctr_outer.pending = keep;
        let mut problems = Vec::new();
        for o in &done {
            let kind = o.rev.applies_to.as_str();
            if !matches!(kind, "note" | "unit" | "group") {
                continue;
            }
            let instances: Vec<(Option<&str>, Vec<&str>)> = self
                .ctr_outer
                .facts
                .get(o.from..)
                .unwrap_or_default()
                .iter()
                .filter(|f| {
                    f.kind == kind
                        && if kind == "note" {
                            f.depth == o.depth
                        } else {
                            f.depth == o.depth + 1 || f.depth == o.depth + 2
                        }
                })
                .map(|f| (f.id.as_deref(), f.attrs.iter().map(|a| &**a).collect()))
                .collect();
            let scope = if o.depth <= 2 { "file" } else { "group" };
            resolve_revisions(&o.rev, scope, &instances, kind == "note", &mut problems);
        }
        if self.ctr_outer.pending.is_empty() {
            self.ctr_outer.facts.clear();
        }
        // Reported where the change track is, not in the unit being read.
        let unit = self.r.unit.take();
        for (at, m) in problems {
            self.problem(at, m);
        }
        self.r.unit = unit;
    }

    /// True when an `slr:data` beside the element at `depth` or beside one
    /// of its ancestors holds an element with id `id`.
    fn size_info_ref_resolves(&self, id: &str, depth: usize) -> bool {
        self.fc
            .slr_data
            .iter()
            .any(|(d, ids)| *d < depth && ids.iter().any(|i| &**i == id))
    }

    /// True when `r` is a fragment identifier of a note of the current unit
    /// (`#n=id`, or with the file and unit: `#f=file/u=unit/n=id`).
    fn note_ref_ok(&self, r: &str, uc: &UnitCheck<'a>) -> bool {
        let Some(path) = r.strip_prefix('#') else {
            return false;
        };
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let Some((last, before)) = parts.split_last() else {
            return false;
        };
        let Some(note) = last.strip_prefix("n=") else {
            return false;
        };
        if !uc.note_ids.iter().any(|n| &**n == note) {
            return false;
        }
        let mut has_f = false;
        let mut has_u = false;
        for p in before {
            if let Some(f) = p.strip_prefix("f=") {
                has_f = true;
                if self.file_id.as_deref() != Some(f) {
                    return false;
                }
            } else if let Some(u) = p.strip_prefix("u=") {
                has_u = true;
                if self.r.unit.as_deref() != Some(u) {
                    return false;
                }
            } else {
                return false;
            }
        }
        !has_f || has_u
    }

    fn sub_flows(&mut self, t: &Tag<'a>, v: &str) {
        let mut any = false;
        for id in v.split_ascii_whitespace() {
            any = true;
            if !is_nmtoken(id) {
                self.problem(
                    t.start,
                    format!("subFlows value \"{id}\" is not a valid id"),
                );
            }
            self.fc
                .sub_flows
                .push((id.into(), t.start, self.r.unit.clone()));
        }
        if !any {
            self.problem(t.start, "empty subFlows");
        }
    }

    #[inline(never)]
    fn marker(
        &mut self,
        t: &Tag<'a>,
        attrs: &[A<'a>],
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Marker {
        let mut m = Marker::default();
        for a in attrs {
            let v = &*a.value;
            match (a.ns, a.local) {
                (Ns::None, "id") => m.id = Some(self.id_attr(t, a)),
                (Ns::None, "translate") => m.translate = self.bool_attr(t, a),
                (Ns::None, "type") => m.kind = Some(self.r.ctx.str(v)),
                (Ns::None, "value") => m.value = Some(self.r.ctx.str(v)),
                (Ns::None, "ref") => {
                    if let Some(frag) = v.split_once('#').map(|(_, f)| f)
                        && let Err(why) = check_fragment(frag)
                    {
                        self.problem(
                            t.start,
                            format!("ref=\"{v}\" is not a valid fragment identifier: {why}"),
                        );
                    }
                    m.reference = Some(self.r.ctx.str(v));
                }
                _ => self.extra(t, a, &mut m.attrs),
            }
        }
        match key_of(attrs, "id") {
            None => self.problem(t.start, format!("<{}> without id", t.qname)),
            Some(id) => self.register_id(t, id, side, uc),
        }
        match m.kind.as_deref() {
            None | Some("generic" | "term") => {}
            Some("comment") => {
                if m.value.is_some() == m.reference.is_some() {
                    self.problem(
                        t.start,
                        "comment annotation needs exactly one of value and ref",
                    );
                } else if let Some(r) = m.reference.as_deref()
                    && side != Side::Loose
                    && !self.note_ref_ok(r, uc)
                {
                    let r = r.to_owned();
                    self.problem(
                        t.start,
                        format!("comment ref=\"{r}\" does not point at a note of this unit"),
                    );
                }
            }
            Some(k) => {
                let k = k.to_owned();
                if !k
                    .split_once(':')
                    .is_some_and(|(p, v)| !p.is_empty() && !v.is_empty() && p != "xlf")
                {
                    self.problem(
                        t.start,
                        format!(
                            "annotation type=\"{k}\" is not generic, comment, term or prefix:value"
                        ),
                    );
                }
            }
        }
        m
    }
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

/// Resolves a `ctr:revisions` against the `instances` (id, attribute
/// names) of the element its `appliesTo` names in the enclosing `scope`
/// (siblings of the change track and their children), adding a
/// (offset, message) to `out` for each violation: the element must be
/// there; where it is one of several that carry ids, `ref` must say which;
/// `ref` must be the id of one of them; and, when `attrs_known`, an item's
/// `property` is `content` or an attribute of the element applied to.
fn resolve_revisions(
    rev: &CtrRevisions,
    scope: &str,
    instances: &[(Option<&str>, Vec<&str>)],
    attrs_known: bool,
    out: &mut Vec<(usize, String)>,
) {
    let kind = rev.applies_to.as_str();
    if instances.is_empty() {
        out.push((
            rev.at,
            format!("ctr:revisions appliesTo=\"{kind}\" but the {scope} has no <{kind}>"),
        ));
        return;
    }
    let chosen = match &rev.reference {
        Some(r) => {
            let found = instances.iter().find(|(id, _)| *id == Some(r.as_str()));
            if found.is_none() {
                out.push((
                    rev.at,
                    format!("ctr:revisions ref=\"{r}\" is the id of no <{kind}> of the {scope}"),
                ));
            }
            found
        }
        None if instances.len() > 1 && instances.iter().any(|(id, _)| id.is_some()) => {
            out.push((
                rev.at,
                format!(
                    "ctr:revisions appliesTo=\"{kind}\" without ref, but the {scope} has {} <{kind}> elements with ids: ref must say which",
                    instances.len()
                ),
            ));
            None
        }
        None if instances.len() == 1 => instances.first(),
        None => None,
    };
    let Some((id, names)) = chosen.filter(|_| attrs_known) else {
        return;
    };
    for (p, at) in &rev.properties {
        if !names.contains(&p.as_str()) {
            let which = id.map(|i| format!(" id=\"{i}\"")).unwrap_or_default();
            out.push((
                *at,
                format!(
                    "ctr:item property=\"{p}\" is neither content nor an attribute of the <{kind}{which}> it applies to"
                ),
            ));
        }
    }
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

/// Gives back the spare capacity of a unit's lists (they grew while
/// reading), so a read document holds little more than its content.
fn shrink_unit(u: &mut Unit) {
    u.parts.shrink_to_fit();
    u.notes.shrink_to_fit();
    u.original_data.shrink_to_fit();
    u.attrs.shrink_to_fit();
    u.extensions.shrink_to_fit();
    u.candidates.shrink_to_fit();
    for p in &mut u.parts {
        if let Part::Segment(s) = p {
            s.tidy_extra();
        }
    }
}

/// Checks the XLIFF 2 fragment identifier syntax (after `#`): an optional
/// leading `/`, then `f=`, `g=`, `u=` selectors in that order, then at most
/// one of `n=`, `d=`, `t=` or a module selector (`mtc=`, `gls=`, ...), or a
/// single bare id at the end.
fn check_fragment(frag: &str) -> Result<(), String> {
    const MODULES: &[&str] = &[
        "mtc", "gls", "res", "ctr", "mda", "slr", "val", "fs", "its", "itsm", "tbx", "pgs",
    ];
    let path = frag.strip_prefix('/').unwrap_or(frag);
    if path.is_empty() {
        return Err("empty".to_owned());
    }
    let parts: Vec<&str> = path.split('/').collect();
    let mut rank = 0u8;
    let mut seen: Vec<&str> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let Some((prefix, id)) = part.split_once('=') else {
            if !last {
                return Err(format!("\"{part}\" without a prefix must be the last part"));
            }
            if rank >= 4 || !is_nmtoken(part) {
                return Err(format!("\"{part}\" cannot end this path"));
            }
            return Ok(());
        };
        if !is_nmtoken(prefix) || prefix.contains(':') {
            return Err(format!("prefix \"{prefix}\" is not an NMTOKEN"));
        }
        if id.is_empty() || !is_nmtoken(id) {
            return Err(format!("id \"{id}\" is not an NMTOKEN"));
        }
        if seen.contains(&prefix) {
            return Err(format!("prefix \"{prefix}\" used twice"));
        }
        seen.push(prefix);
        let r = match prefix {
            "f" => 1,
            "g" => 2,
            "u" => 3,
            "n" | "d" | "t" => 4,
            p if p.len() == 1 => return Err(format!("unknown prefix \"{p}\"")),
            p if MODULES.contains(&p) => 4,
            p => return Err(format!("prefix \"{p}\" is not registered")),
        };
        if r <= rank || rank >= 4 {
            return Err(format!("\"{part}\" is out of order"));
        }
        rank = r;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::v2;

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
            let e = v2::read(&unit_doc(&body)).unwrap_err().to_string();
            assert!(
                e.contains("order=\"2\" is not unique in the unit"),
                "{n}: {e}"
            );
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
            let e = v2::read(&unit_doc(&body(pairs, "zz")))
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("<ec startRef=\"zz\"> in the target has no matching <sc>"),
                "{pairs}: {e}"
            );
        }
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
            went_to_table |= !t.many.is_empty();
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
            let e = v2::read(&unit_doc(&body)).unwrap_err().to_string();
            assert!(
                e.contains("id \"s1\" is not unique in the unit"),
                "{n}: {e}"
            );
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
