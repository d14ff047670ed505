//! The XLIFF 1.2 reader (also reads 1.0 and 1.1): events → typed model,
//! with the rules a schema cannot check. Well-formedness failures stop
//! reading ([`Error::Xml`]); rule violations are collected as [`Problem`]s
//! and reading goes on.
//!
//! Where a rule lives:
//! - `cursor.rs`: opening tags (namespace prefixes, the attributes read
//!   and checked), elements kept verbatim or skipped, stray text;
//! - `structure.rs`: the prolog, `<xliff>`, `<file>` and its `<header>`,
//!   groups and notes;
//! - `unit.rs`: one `<trans-unit>` and its `<alt-trans>` candidates;
//! - `inline.rs`: text, codes and `mrk` inside source and target;
//! - `segments.rs`: `<seg-source>` segments matched to the target's, and
//!   the unit's parts built from them;
//! - `states.rs`: 1.2, SDL and memoQ states mapped to 2.x states.
//!
//! The types shared by these files (the parser's state, attributes as
//! read, the windowed reading's carry-over) are defined here.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::list::{Boxed, List};
use memchr::memmem;

/// Unit ids seen in a file: foldhash is fast on short keys and seeded per
/// process, so crafted ids cannot make the table quadratic.
type Ids = foldhash::HashSet<Str>;

use quick_xml::events::{BytesStart, Event};

use crate::document::{
    AppliesTo, Attr, Candidate, Code, CodeKind, CodeTag, Content, Document, File, Group, Ignorable,
    Inline, Marker, Note, Part, Raw, Segment, State, Unit, Version,
};
use crate::encoding::SourceMap;
use crate::error::{Error, Problem, ProblemKind};
use crate::ns::Dropped;
use crate::str::Str;
use crate::str::{NO_SHARING, Shared};
use crate::stream::{Builder, Visitor};
use crate::value::{space_12 as parse_space, yes_no_12 as parse_yes_no};
use crate::xml::{
    Ctx, Named, Namespaces, Resolved, TextRun, XmlReader, attr_value, push_ref, resolve_ref,
    split_name,
};

use crate::window::{Paused, Read};
use crate::xml::MAX_INLINE_DEPTH;

mod cursor;
mod inline;
mod segments;
mod states;
mod structure;
mod unit;

use segments::{SplitLists, build_parts, seg_source_follows, segment_shape};
use states::{
    UnitStates, sdl_confs, state_from_12, state_from_memoq, state_from_sdl, sub_state_12,
};
use structure::Frame;

/// Namespaces of XLIFF 1.0 (none), 1.1 and 1.2.
const XLIFF_NAMESPACES: [&str; 3] = crate::ns::XLIFF_1X;

/// Reads an XLIFF 1.x document from decoded text that is `shared`'s own
/// text (or, when `shared` has none, any text), with every problem found.
pub(crate) fn read_shared(
    text: &str,
    map: &SourceMap,
    shared: &Shared,
) -> Result<(Document, Vec<Problem>), Error> {
    let mut builder = Builder::default();
    let (problems, dropped) = parse(text, map, shared, &mut builder)?;
    let mut doc = builder.finish();
    super::metadata::lift(&mut doc);
    dropped.declare_on(&mut doc);
    doc.src_lang = doc.files.first().and_then(|f| f.src_lang.clone());
    doc.trg_lang = doc.files.first().and_then(|f| f.trg_lang.clone());
    if doc.trg_lang.is_none() {
        // No target-language (Symfony, Trados): the first target's xml:lang
        // says it. Only 2.x writers use this; 1.2 writes each file's own
        // attributes.
        let lang = doc
            .units()
            .flat_map(|u| u.segments())
            .find_map(|s| s.target_lang().map(Str::from));
        doc.trg_lang = lang;
    }
    Ok((doc, problems))
}

/// Reads an XLIFF 1.x document from decoded text, handing it piece by piece
/// to `visitor`. The text must have been checked for characters XML does
/// not allow ([`decode`](crate::encoding::decode) or
/// [`check_chars`](crate::encoding::check_chars)).
pub(crate) fn visit(
    text: &str,
    map: &SourceMap,
    visitor: &mut dyn Visitor,
) -> Result<Vec<Problem>, Error> {
    // Nothing shared: a visitor sees one unit at a time, and must not keep
    // the whole input alive.
    parse(text, map, &NO_SHARING, visitor).map(|(problems, _)| problems)
}

/// Reads the document into `visitor` and returns every problem found (rule
/// violations and warnings, in document order); `Err` only for what makes
/// the document unreadable.
fn parse(
    text: &str,
    map: &SourceMap,
    shared: &Shared,
    visitor: &mut dyn Visitor,
) -> Result<(Vec<Problem>, Dropped), Error> {
    let mut p = Parser::new(Ctx::whole(text, map, shared), visitor);
    p.document()?;
    Ok((p.r.with_warnings(p.problems), p.dropped))
}

/// Reads the window of a document in `ctx` into `visitor`, from its
/// start (`paused` `None`) or from where the read of the previous window
/// stopped (`open`: the elements open there), as far as the pieces in it
/// are whole (`eof`: the window holds the end of the input).
pub(crate) fn parse_window(
    ctx: Ctx<'_>,
    open: &[(Str, usize)],
    paused: Option<Box<Carry>>,
    eof: bool,
    visitor: &mut dyn Visitor,
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
    if !p.paused() {
        return Ok(Read::Done(p.r.with_warnings(p.problems)));
    }
    let stop = crate::window::stop_of(&p.r);
    // (The files' and groups' starts are those of open elements.)
    Ok(Read::Paused(Paused::new(p.into_carry(), stop, [])))
}

/// What a read through a window keeps from one window to the next.
type Stream = crate::window::Stream<Resume>;

/// Where the structural elements were when reading stopped (their tags
/// are rebuilt from the open elements).
#[derive(Default)]
pub(crate) struct Resume {
    /// Among the children of `<xliff>`.
    root: bool,
    /// In a `<file>`.
    file: Option<FileFrame>,
    /// Among the items of the file's `<body>`, in these groups.
    body: Option<Vec<Frame>>,
    /// The root has been read: comments and PIs after it so far.
    epilog: Option<Vec<Raw>>,
}

/// A `<file>` being read.
struct FileFrame {
    /// Its start.
    at: usize,
    /// Its header, until `<body>` hands it over.
    header: Option<File>,
    /// The unit ids seen in it.
    ids: Ids,
}

/// The parser's fields that do not borrow the text.
pub(crate) struct Carry {
    ns: Ns,
    legacy: bool,
    files: usize,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    dropped: Dropped,
    parts_pool: List<Part>,
    split_lists: SplitLists,
    inline_pool: Vec<List<Inline>>,
    stream: Box<Stream>,
}

/// The namespace scope, with XLIFF 1.x namespaces tagged [`XLIFF_TAG`]
/// when declared, so that a lookup compares a byte.
#[derive(Default)]
struct Ns(Namespaces);

/// The tag of the XLIFF 1.x namespaces in [`Ns`].
const XLIFF_TAG: u8 = 1;

impl Ns {
    fn declare(&mut self, depth: usize, prefix: &str, uri: &str) {
        let tag = if XLIFF_NAMESPACES.contains(&uri) {
            XLIFF_TAG
        } else {
            0
        };
        self.0.declare_tagged(depth, prefix, uri, tag);
    }

    fn close(&mut self, depth: usize) {
        self.0.close(depth);
    }

    /// The namespace `prefix` is bound to, when it is declared.
    fn uri(&self, prefix: &str) -> Option<&str> {
        self.0.resolve(prefix)
    }

    /// `Some(is_xliff)` when `prefix` is bound; `xml` is always bound.
    fn resolve(&self, prefix: &str) -> Option<bool> {
        if prefix == "xml" {
            return Some(false);
        }
        self.0.bound_tag(prefix).map(|t| t == XLIFF_TAG)
    }
}

struct Parser<'a, 'v> {
    v: &'v mut dyn Visitor,
    /// Files seen so far.
    files: usize,
    /// Inline elements (`g`, `mrk`) open around the content being read.
    inline_depth: usize,
    /// Content is being checked only, not kept: a `<source>` whose
    /// `<seg-source>` follows (see [`Parser::unit`]).
    discard: bool,
    /// Text of the content being read not yet added to it.
    run: TextRun<'a>,
    /// Emptied attribute lists, reused by [`Parser::open`] so that inline
    /// elements do not each allocate one.
    attr_pool: Vec<Vec<A<'a>>>,
    /// Emptied part list, reused to build each unit's parts.
    parts_pool: List<Part>,
    /// Attribute names of the tag being read, once it has many of them.
    /// Segment-matching lists, reused by [`build_parts`].
    split_lists: SplitLists,
    /// Emptied inline lists, reused while content is read; each
    /// [`Content`] is then allocated once, at its final size.
    inline_pool: Vec<List<Inline>>,
    /// Reused buffer for resolved references.
    scratch: String,
    /// Rule violations found so far; reading goes on after them and they
    /// are all reported at the end (malformed XML stops at once).
    problems: Vec<Problem>,
    r: XmlReader<'a>,
    ns: Ns,
    /// An XLIFF 1.0/1.1 document: missing and duplicate unit ids are
    /// tolerated (OmegaT and Okapi wrote such files).
    legacy: bool,
    /// Prefixes used where no declaration of them is in scope, as bound
    /// when first met (see [`crate::ns::rebind`]).
    dropped: Dropped,
    /// Reading through a window: where to stop, and where to go on.
    stream: Option<Box<Stream>>,
}

impl<'a, 'v> Parser<'a, 'v> {
    fn new(ctx: Ctx<'a>, visitor: &'v mut dyn Visitor) -> Parser<'a, 'v> {
        Parser {
            r: XmlReader::new(ctx),
            ns: Ns::default(),
            legacy: false,
            v: visitor,
            files: 0,
            inline_depth: 0,
            scratch: String::new(),
            run: TextRun::default(),
            discard: false,
            attr_pool: Vec::new(),
            parts_pool: List::new(),
            split_lists: SplitLists::default(),
            inline_pool: Vec::new(),
            problems: Vec::new(),
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
        visitor: &'v mut dyn Visitor,
    ) -> Parser<'a, 'v> {
        let mut stream = c.stream;
        stream.go_on(ctx, open.len(), eof);
        Parser {
            r: XmlReader::resume(ctx, open, c.warnings),
            ns: c.ns,
            legacy: c.legacy,
            v: visitor,
            files: c.files,
            inline_depth: 0,
            scratch: String::new(),
            run: TextRun::default(),
            discard: false,
            attr_pool: Vec::new(),
            parts_pool: c.parts_pool,
            split_lists: c.split_lists,
            inline_pool: c.inline_pool,
            problems: c.problems,
            dropped: c.dropped,
            stream: Some(stream),
        }
    }

    fn into_carry(mut self) -> Carry {
        let warnings = std::mem::take(&mut self.r.warnings);
        Carry {
            ns: self.ns,
            legacy: self.legacy,
            files: self.files,
            problems: self.problems,
            warnings,
            dropped: self.dropped,
            parts_pool: self.parts_pool,
            split_lists: self.split_lists,
            inline_pool: self.inline_pool,
            stream: self
                .stream
                .unwrap_or_else(|| Stream::new(self.r.ctx, false)),
        }
    }

    /// Where the structural elements were when the last window ended
    /// (`None` unless reading through windows).
    fn resume(&mut self) -> Option<&mut Resume> {
        self.stream.as_deref_mut().map(|s| &mut s.resume)
    }

    /// True once reading has stopped at the end of the window.
    fn paused(&self) -> bool {
        self.stream.as_ref().is_some_and(|s| s.paused)
    }

    /// Reading through a window, before the next child of `<xliff>`,
    /// `<file>`, `<body>` or `<group>` (or what follows the root): true,
    /// and reading stops, when that child is not whole in the window (for
    /// an XLIFF element named `container`, its start tag: its children are
    /// read one by one).
    #[inline]
    fn pause_here(&mut self, container: Option<&str>) -> bool {
        let Some(mut s) = self.stream.take() else {
            return false;
        };
        let (ctx, at, depth) = (self.r.ctx, self.r.last_end(), self.r.depth());
        let paused = s.pause_before(ctx, at, depth, |tag| {
            container.is_some_and(|c| self.is_container(tag, c))
        });
        self.stream = Some(s);
        paused
    }

    /// True when the start tag whose text after `<` starts `tag` (whole in
    /// the window) opens an XLIFF element named `name`.
    fn is_container(&self, tag: &str, name: &str) -> bool {
        let Some((qname, own)) = crate::window::tag_name_and_binding(tag) else {
            return false;
        };
        let (prefix, local) = split_name(qname);
        if local != name {
            return false;
        }
        // Its own declaration of its prefix, else the one in scope (an
        // undeclared prefix: in doubt, the whole element is asked for).
        match own {
            Some(uri) => XLIFF_NAMESPACES.contains(&uri),
            None => match self.ns.resolve(prefix) {
                Some(xliff) => xliff,
                None => prefix.is_empty(),
            },
        }
    }
}

/// An attribute as read: the name borrowed from the input, the value
/// borrowed unless references had to be resolved. Values become [`Str`]s
/// only when they are kept (see [`A::str`]): attributes that are only
/// looked at cost nothing more, and a streaming read (which copies every
/// kept string) copies only those.
struct A<'a> {
    name: &'a str,
    /// The prefix of the name ("" when it has none).
    prefix: &'a str,
    value: Cow<'a, str>,
}

impl<'a> Named<'a> for A<'a> {
    fn name(&self) -> &'a str {
        self.name
    }
}

impl A<'_> {
    /// The value as a model string (a view into the shared input when it
    /// needed no unescaping).
    fn str(&self, sh: &Shared) -> Str {
        sh.str(&self.value)
    }

    /// The attribute as kept in the model.
    fn attr(&self, sh: &Shared) -> Attr {
        Attr {
            name: sh.str(self.name),
            value: sh.str(&self.value),
        }
    }
}

fn find<'v>(attrs: &'v [A<'_>], name: &str) -> Option<&'v str> {
    attrs.iter().find(|a| a.name == name).map(|a| &*a.value)
}

/// True when `s` is only white space (a byte loop for the XML white space
/// that indentation is made of, `trim` for anything else).
fn is_blank(s: &str) -> bool {
    s.bytes().all(is_space) || s.trim().is_empty()
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// What an element is, once its namespace is known.
enum Kind<'n> {
    /// An XLIFF element with this local name.
    Xliff(&'n str),
    /// Any other element.
    Foreign,
}

/// Pushes `x`, allocating room for one item only when the list is empty:
/// most of a unit's lists hold one item, and a list grown the usual way
/// (room for four) would be shrunk again at the end of the unit.
fn push_tight<T>(v: &mut List<T>, x: T) {
    if v.capacity() == 0 {
        v.reserve_exact(1);
    }
    v.push(x);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<Document, Error> {
        text.parse()
    }

    fn wrap(body: &str) -> String {
        format!(
            r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns:mq="MQXliff"><file original="a" source-language="en" target-language="fr" datatype="plaintext"><body>{body}</body></file></xliff>"#
        )
    }

    fn pos(e: &Error) -> (u64, u64) {
        let p = match e {
            Error::Invalid { problems } => problems.first().and_then(|p| p.location.position),
            other => other.location().and_then(|l| l.position),
        };
        let p = p.unwrap_or_default();
        (p.line, p.column)
    }

    /// The attributes of `tag` (the text between `<` and `>`, name first)
    /// as quick-xml's attribute iterator reads them: raw values, or the
    /// message of the first error.
    fn iterated(tag: &str, name_len: usize) -> Vec<Result<(String, String), String>> {
        let mut out = Vec::new();
        for a in quick_xml::events::attributes::Attributes::new(tag, name_len) {
            match a {
                Ok(a) => out.push(Ok((a.key.as_ref().to_string(), a.value.to_string()))),
                Err(x) => {
                    out.push(Err(format!("malformed attribute: {x}")));
                    break;
                }
            }
        }
        out
    }

    #[test]
    fn attribute_errors_read_as_quick_xml_reports_them() {
        // Many attributes (the hashed duplicate check), then a duplicate.
        let mut tag = String::from("trans-unit id=\"1\"");
        for i in 0..40 {
            tag.push_str(&format!(" a{i}=\"{i}\""));
        }
        tag.push_str(" a7=\"again\"");
        let expected = match iterated(&tag, 10).pop() {
            Some(Err(m)) => m,
            other => panic!("quick-xml read {other:?}"),
        };
        assert!(expected.contains("duplicated"), "{expected}");
        let e = read_str(&wrap(&format!("<{tag}><source>a</source></trans-unit>"))).unwrap_err();
        assert!(e.to_string().contains(&expected), "{e} / {expected}");
        for bad in ["x=\"1\" x=\"2\"", "x", "x=1", "x=\"&nope;\""] {
            let tag = format!("trans-unit id=\"1\" {bad}");
            let e =
                read_str(&wrap(&format!("<{tag}><source>a</source></trans-unit>"))).unwrap_err();
            let expected = match iterated(&tag, 10).pop() {
                Some(Err(m)) => m,
                // Well formed for the iterator: the value is refused.
                _ => "unrecognized entity `nope`".to_string(),
            };
            assert!(e.to_string().contains(&expected), "{e} / {expected}");
        }
    }

    #[test]
    fn rule_violations_are_all_reported() {
        let e = read_str(&wrap(
            r#"<trans-unit id="1"><source>a</source></trans-unit>
<trans-unit><source>b</source></trans-unit>
<trans-unit id="1"><source>c</source></trans-unit>
<trans-unit id="4"></trans-unit>"#,
        ))
        .unwrap_err();
        let Error::Invalid { problems } = e else {
            panic!("expected every problem, got {e}")
        };
        let found: Vec<(u64, Option<&str>, ProblemKind)> = problems
            .iter()
            .map(|p| {
                (
                    p.location.position.map_or(0, |p| p.line),
                    p.location.unit.as_deref(),
                    p.kind,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                // no id
                (2, None, ProblemKind::MissingAttribute),
                // id "1" twice
                (3, Some("1"), ProblemKind::DuplicateId),
                // no <source>
                (4, Some("4"), ProblemKind::MissingElement),
            ]
        );
    }

    #[test]
    fn states_map_to_2x() {
        assert_eq!(state_from_12("new"), Some(State::Initial));
        assert_eq!(state_from_12("needs-translation"), Some(State::Initial));
        assert_eq!(state_from_12("needs-review-l10n"), Some(State::Translated));
        assert_eq!(state_from_12("signed-off"), Some(State::Reviewed));
        assert_eq!(state_from_12("final"), Some(State::Final));
        assert_eq!(state_from_12("x-custom"), None);
    }

    #[test]
    fn approved_without_state_is_final() {
        let doc = read_str(&wrap(
            r#"<trans-unit id="1" approved="yes"><source>a</source><target>b</target></trans-unit>"#,
        ))
        .unwrap();
        let s = doc.units().next().unwrap().segments().next().unwrap();
        assert_eq!(s.state, Some(State::Final));
        assert_eq!(s.sub_state, None);
        assert_eq!(crate::attr_value(s.attrs(), "approved"), Some("yes"));
    }

    #[test]
    fn sdl_and_memoq_states() {
        let doc = read_str(&wrap(
            r#"<trans-unit id="1"><source>A. B.</source><seg-source><mrk mtype="seg" mid="1">A.</mrk> <mrk mtype="seg" mid="2">B.</mrk></seg-source><target><mrk mtype="seg" mid="1">a.</mrk> <mrk mtype="seg" mid="2">b.</mrk></target><sdl:seg-defs><sdl:seg id="1" conf="ApprovedSignOff"/><sdl:seg id="2" conf="Draft"/></sdl:seg-defs></trans-unit>
<trans-unit id="2" mq:status="ManuallyConfirmed"><source>c</source><target>C</target></trans-unit>"#,
        ))
        .unwrap();
        let units: Vec<_> = doc.units().collect();
        let segs: Vec<_> = units[0].segments().collect();
        assert_eq!(segs[0].state, Some(State::Final));
        assert_eq!(segs[0].sub_state.as_deref(), Some("sdl:ApprovedSignOff"));
        assert_eq!(segs[1].state, Some(State::Initial));
        let s = units[1].segments().next().unwrap();
        assert_eq!(s.state, Some(State::Translated));
        assert_eq!(s.sub_state.as_deref(), Some("mq:ManuallyConfirmed"));
    }

    #[test]
    fn g_around_segments_becomes_start_and_end_codes() {
        let doc = read_str(&wrap(
            r#"<trans-unit id="1"><source><g id="7">A. B.</g></source><seg-source><g id="7"><mrk mtype="seg" mid="1">A.</mrk> <mrk mtype="seg" mid="2">B.</mrk></g></seg-source></trans-unit>"#,
        ))
        .unwrap();
        let u = doc.units().next().unwrap();
        // ignorable [g start], segment, ignorable [" "], segment, ignorable [g end]
        assert_eq!(u.parts.len(), 5);
        let Part::Ignorable(first) = &u.parts[0] else {
            panic!("expected an ignorable")
        };
        let Some(Inline::Code(c)) = first.source.0.first() else {
            panic!("expected a code")
        };
        assert_eq!(
            (c.kind, c.tag, c.id.as_deref()),
            (CodeKind::Start, CodeTag::G, Some("7"))
        );
        let Part::Ignorable(last) = &u.parts[4] else {
            panic!("expected an ignorable")
        };
        let Some(Inline::Code(c)) = last.source.0.first() else {
            panic!("expected a code")
        };
        assert_eq!((c.kind, c.start_ref.as_deref()), (CodeKind::End, Some("7")));
    }

    #[test]
    fn unmatched_target_segments_keep_seg_source_verbatim() {
        let doc = read_str(&wrap(
            r#"<trans-unit id="1"><source>A. B.</source><seg-source><mrk mtype="seg" mid="1">A.</mrk> <mrk mtype="seg" mid="2">B.</mrk></seg-source><target>whole</target></trans-unit>"#,
        ))
        .unwrap();
        let u = doc.units().next().unwrap();
        assert_eq!(u.segments().count(), 1);
        assert_eq!(u.extensions[0].element_name(), Some("seg-source"));
    }

    #[test]
    fn source_before_seg_source_reads_as_when_read_whole() {
        // seg-source right after source: the source is first only checked,
        // then read again because the target does not match its segments.
        let source = r#"<source xmlns:v="urn:v">A &amp; <g id="1" v:k="x">B</g><!--c--> <ph id="2">&lt;br&gt;</ph>C.</source>"#;
        let seg = r#"<seg-source><mrk mtype="seg" mid="1">A &amp; B C.</mrk></seg-source>"#;
        let target = "<target>whole</target>";
        let next = wrap(&format!(
            r#"<trans-unit id="1">{source} {seg}{target}</trans-unit>"#
        ));
        let apart = wrap(&format!(
            r#"<trans-unit id="1">{source}{target}{seg}</trans-unit>"#
        ));
        let a = read_str(&next).unwrap();
        let b = read_str(&apart).unwrap();
        let s = a.units().next().unwrap().segments().next().unwrap();
        assert_eq!(s.source.plain_text(), "A & B C.");
        assert_eq!(s.source.codes().count(), 2);
        assert_eq!(
            crate::attr_value(s.source.codes().next().unwrap().attrs(), "v:k"),
            Some("x")
        );
        assert_eq!(a.units().next(), b.units().next());
    }

    #[test]
    fn source_before_seg_source_is_still_checked() {
        let unit = |source: &str| {
            wrap(&format!(
                r#"<trans-unit id="1"><source>{source}</source><seg-source><mrk mtype="seg" mid="1">a</mrk></seg-source><target><mrk mtype="seg" mid="1">b</mrk></target></trans-unit>"#
            ))
        };
        let e = read_str(&unit("a &nope; b")).unwrap_err();
        assert!(e.to_string().contains("&nope;"), "{e}");
        let e = read_str(&unit("<q:b/>")).unwrap_err();
        assert!(e.to_string().contains("prefix q of <q:b>"), "{e}");
        let deep = format!(
            "{}a{}",
            r#"<g id="1">"#.repeat(MAX_INLINE_DEPTH + 1),
            "</g>".repeat(MAX_INLINE_DEPTH + 1)
        );
        let e = read_str(&unit(&deep)).unwrap_err();
        assert!(e.to_string().contains("nested deeper"), "{e}");
        // Segmented: the segments come from seg-source and target.
        let doc = read_str(&unit("a")).unwrap();
        let s = doc.units().next().unwrap().segments().next().unwrap();
        assert_eq!(
            (
                s.source.plain_text(),
                s.target.as_ref().map(Content::plain_text)
            ),
            ("a".to_string(), Some("b".to_string()))
        );
    }

    #[test]
    fn attribute_references_are_checked() {
        let e = read_str(&wrap(
            r#"<trans-unit id="1" resname="a&#1;"><source>a</source></trans-unit>"#,
        ))
        .unwrap_err();
        assert!(e.to_string().contains("does not allow"), "{e}");
        let doc = read_str(&wrap(
            r#"<trans-unit id="1" resname="&#233;&amp;
x"><source>a</source></trans-unit>"#,
        ))
        .unwrap();
        assert_eq!(doc.units().next().unwrap().name.as_deref(), Some("é& x"));
    }

    #[test]
    fn seg_source_guess() {
        let t = "<source>a</source>\n <seg-source>";
        assert!(seg_source_follows(t, 8, "source"));
        assert!(!seg_source_follows(t, 8, "x:source"));
        let t = "<x:source>a source</x:source><x:seg-source/>";
        assert!(seg_source_follows(t, 10, "x:source"));
        assert!(!seg_source_follows(
            "<source>a</source><target>",
            8,
            "source"
        ));
        assert!(!seg_source_follows("<source>a", 8, "source"));
        assert!(!seg_source_follows(
            "<source>a</source><seg-sourcex>",
            8,
            "source"
        ));
        assert!(!seg_source_follows("é", 1, "source"));
    }

    #[test]
    fn cdata_entities_and_char_refs_become_text() {
        let doc = read_str(&wrap(
            r#"<trans-unit id="1"><source><![CDATA[a <b> &]]> &amp; &#x1F600; &#233;</source></trans-unit>"#,
        ))
        .unwrap();
        let s = doc.units().next().unwrap().segments().next().unwrap();
        assert_eq!(s.source.plain_text(), "a <b> & & 😀 é");
    }

    #[test]
    fn refusals_are_positioned() {
        let e = read_str(&wrap(r#"<trans-unit><source>a</source></trans-unit>"#)).unwrap_err();
        assert!(e.to_string().contains("has no id"), "{e}");
        assert_eq!(pos(&e).0, 1);
        let e = read_str("<xliff version=\"1.2\">\n <file original=\"a\" source-language=\"en\" datatype=\"x\"><body>\n  <x:unit/></body></file></xliff>").unwrap_err();
        assert_eq!(pos(&e), (3, 3), "{e}");
        assert!(e.to_string().contains("prefix x of <x:unit>"), "{e}");
        let e = read_str(&wrap(
            r#"<trans-unit id="1"><source>a</source></trans-unit><trans-unit id="1"><source>b</source></trans-unit>"#,
        ))
        .unwrap_err();
        assert!(e.to_string().contains("duplicate"), "{e}");
        let e = read_str("<xliff version=\"1.2\"><file original=\"a\" source-language=\"en\" datatype=\"x\"></file></xliff>").unwrap_err();
        assert!(e.to_string().contains("no <body>"), "{e}");
        let e = read_str("<xliff version=\"1.2\">\u{1}</xliff>").unwrap_err();
        assert_eq!(pos(&e), (1, 22));
        let e = read_str("<root/>").unwrap_err();
        assert!(e.to_string().contains("not an XLIFF"), "{e}");
    }

    #[test]
    fn legacy_units_without_id_get_one() {
        let doc = read_str(
            r#"<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1"><file original="a" source-language="en" datatype="x"><body><trans-unit id="2"><source>a</source></trans-unit><trans-unit><source>b</source></trans-unit></body></file></xliff>"#,
        )
        .unwrap();
        let ids: Vec<_> = doc.units().map(|u| &*u.id).collect();
        assert_eq!(ids, ["2", "3"]);
    }

    #[test]
    fn note_with_markup_is_kept_verbatim() {
        let doc = read_str(&wrap(
            r#"<trans-unit id="1"><source>a</source><note from="x">see <b>this</b></note><note priority="2" annotates="target">plain</note></trans-unit>"#,
        ))
        .unwrap();
        let u = doc.units().next().unwrap();
        assert_eq!(u.notes.len(), 1);
        assert_eq!(u.notes[0].priority, Some(2));
        assert_eq!(
            u.extensions[0].as_str(),
            r#"<note from="x">see <b>this</b></note>"#
        );
    }

    #[test]
    fn native_code_data_is_kept_verbatim() {
        let doc = read_str(&wrap(
            r#"<trans-unit id="1"><source><ph id="1">&lt;img src="<sub>alt</sub>"&gt;</ph><it id="2" pos="close">&lt;/b&gt;</it></source></trans-unit>"#,
        ))
        .unwrap();
        let s = doc.units().next().unwrap().segments().next().unwrap();
        let codes: Vec<_> = s.source.codes().collect();
        assert_eq!(
            codes[0].native.as_deref(),
            Some(r#"&lt;img src="<sub>alt</sub>"&gt;"#)
        );
        assert_eq!((codes[1].kind, codes[1].isolated), (CodeKind::End, true));
    }

    #[test]
    fn the_xml_declaration_must_open_the_input() {
        let body = wrap(r#"<trans-unit id="1"><source>Hi</source></trans-unit>"#);
        let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
        for ok in [
            format!("{decl}\n{body}"),
            format!("\u{feff}{decl}{body}"),
            body.clone(),
        ] {
            assert!(ok.parse::<Document>().is_ok(), "{ok}");
        }
        // UTF-16 with a BOM: the declaration still opens the document.
        let mut utf16 = vec![0xFF, 0xFE];
        for u in format!("{decl}{body}").encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert!(Document::from_slice(&utf16).is_ok());
        let e = read_str(&format!("<!-- new -->\n{decl}\n{body}")).unwrap_err();
        assert!(
            e.to_string().contains("XML declaration not at the start"),
            "{e}"
        );
        assert_eq!(pos(&e), (2, 1));
        let e = read_str(&format!(" {decl}{body}")).unwrap_err();
        assert_eq!(pos(&e), (1, 2));
    }
}

#[cfg(test)]
mod depth_tests {
    use super::*;

    #[test]
    fn deep_nesting_is_an_error_or_read_never_a_crash() {
        for depth in [200usize, 255, 300] {
            let groups = format!(
                r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="x"><body>{}<trans-unit id="1"><source>x</source></trans-unit>{}</body></file></xliff>"#,
                "<group>".repeat(depth),
                "</group>".repeat(depth)
            );
            let r = groups.parse::<Document>();
            assert_eq!(r.is_ok(), depth + 5 <= 256, "groups {depth}");
            let inline = format!(
                r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="x"><body><trans-unit id="1"><source>{}x{}</source></trans-unit></body></file></xliff>"#,
                "<g id=\"1\">".repeat(depth),
                "</g>".repeat(depth)
            );
            let r = inline.parse::<Document>();
            assert!(r.is_err(), "g {depth}");
        }
        let ok = format!(
            r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="x"><body><trans-unit id="1"><source>{}x{}</source></trans-unit></body></file></xliff>"#,
            "<g id=\"1\">".repeat(MAX_INLINE_DEPTH),
            "</g>".repeat(MAX_INLINE_DEPTH)
        );
        assert!(ok.parse::<Document>().is_ok());
        let deeper = ok
            .replacen("<g id=\"1\">", "<g id=\"1\"><g id=\"2\">", 1)
            .replacen("</g>", "</g></g>", 1);
        let e = deeper.parse::<Document>().unwrap_err();
        assert!(e.to_string().contains("nested deeper than 64"), "{e}");
    }
}
