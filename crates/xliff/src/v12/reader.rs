//! The XLIFF 1.2 reader (also reads 1.0 and 1.1).

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::list::{Boxed, List};
use memchr::memmem;

/// Unit ids seen in a file: foldhash is fast on short keys and seeded per
/// process, so crafted ids cannot make the table quadratic.
type Ids = foldhash::HashSet<Str>;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;

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
    Ctx, Namespaces, Resolved, TextRun, XmlReader, attr_value, push_ref, resolve_ref, split_name,
};

use crate::window::{Paused, Read};
use crate::xml::MAX_INLINE_DEPTH;

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
    many_keys: foldhash::HashSet<&'a str>,
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
            many_keys: foldhash::HashSet::default(),
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
        let open: Vec<_> = open.iter().map(|(n, at)| (n.as_str(), *at)).collect();
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
            many_keys: foldhash::HashSet::default(),
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

/// From this many attributes on, duplicate names are looked up in a hash
/// set rather than by a scan (quick-xml switches at the same count).
const MANY_ATTRS: usize = 32;

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

impl<'a> Parser<'a, '_> {
    fn err(&self, at: usize, msg: impl Into<String>) -> Error {
        self.r.error_at(at, msg)
    }

    /// Opens an element: declares its namespaces, checks that every prefix
    /// it uses is declared, and returns its attributes (namespace
    /// declarations included) and what it is.
    fn open(
        &mut self,
        e: &BytesStart<'_>,
        at: usize,
        empty: bool,
    ) -> Result<(Vec<A<'a>>, bool), Error> {
        let depth = self.r.depth() + usize::from(empty);
        // A list from the pool is taken at the first attribute: most
        // content tags have none.
        let mut attrs = Vec::new();
        let name = e.name();
        let name = name.as_ref();
        let decls = match self.scan_attrs(&mut attrs, name.len(), empty, at)? {
            Some(decls) => decls,
            None => {
                attrs.clear();
                self.checked_attrs(&mut attrs, name.len(), empty, at)?;
                true
            }
        };
        if decls {
            for a in &attrs {
                if a.prefix == "xmlns" {
                    let p = a.name.get(a.prefix.len() + 1..).unwrap_or("");
                    self.ns.declare(depth, p, &a.value);
                } else if a.prefix.is_empty() && a.name == "xmlns" {
                    self.ns.declare(depth, "", &a.value);
                }
            }
        }
        let (prefix, _) = split_name(name);
        let xliff = match self.ns.resolve(prefix) {
            Some(x) => x,
            None if prefix.is_empty() => true,
            None => self.undeclared(prefix, at, &format!("<{name}>")),
        };
        for a in &attrs {
            let p = a.prefix;
            if !p.is_empty() && p != "xmlns" && self.ns.resolve(p).is_none() {
                self.undeclared(p, at, &format!("attribute {}", a.name));
            }
        }
        if empty {
            self.ns.close(depth);
        }
        Ok((attrs, xliff))
    }

    /// Whether `prefix` stands for memoQ's namespace where it is used.
    fn is_memoq(&self, prefix: &str) -> bool {
        let uri = self.ns.uri(prefix).or_else(|| self.dropped.uri(prefix));
        uri == Some(crate::ns::MEMOQ)
    }

    /// Binds `prefix` of `what`, used at `at` where no declaration of it is
    /// in scope, and reports it (once per prefix): a warning when the
    /// document's own use says what it stands for, an error otherwise.
    /// Returns whether the prefix is read as bound to an XLIFF namespace.
    #[cold]
    #[inline(never)]
    fn undeclared(&mut self, prefix: &str, at: usize, what: &str) -> bool {
        if let Some((warning, message)) = self.dropped.bind(self.r.ctx.text, prefix, what) {
            let mut p = self
                .r
                .problem_at(at, ProblemKind::UndeclaredPrefix, message);
            if warning {
                p.severity = crate::error::Severity::Warning;
            }
            self.problems.push(p);
        }
        self.dropped
            .uri(prefix)
            .is_some_and(|u| XLIFF_NAMESPACES.contains(&u))
    }

    /// Gathers the attributes of the last tag (whose name is `name_len`
    /// bytes long) into `attrs` with [`XmlReader::scan_attributes`], over
    /// the input text and without allocating. Returns whether any is a
    /// namespace declaration, or `None` for a tag the scanner does not
    /// read (malformed, or a name given twice):
    /// [`checked_attrs`](Self::checked_attrs) reads those, so that their
    /// errors are exactly quick-xml's.
    ///
    /// # Errors
    ///
    /// A value with an unknown reference, a character XML does not allow,
    /// or too long (the first such attribute, as quick-xml would meet it).
    fn scan_attrs(
        &mut self,
        attrs: &mut Vec<A<'a>>,
        name_len: usize,
        empty: bool,
        at: usize,
    ) -> Result<Option<bool>, Error> {
        if !self.many_keys.is_empty() {
            self.many_keys.clear();
        }
        let mut decls = false;
        for a in self.r.scan_attributes(name_len, empty) {
            let Ok(a) = a else {
                return Ok(None);
            };
            let key = a.key;
            // Duplicate names: a scan of the names so far, with a hash set
            // in front once there are many (so that crafted tags with
            // thousands of attributes stay linear; quick-xml switches at
            // the same count).
            let seen = if attrs.len() < MANY_ATTRS {
                attrs.iter().any(|a| a.name == key)
            } else {
                if self.many_keys.is_empty() {
                    self.many_keys.extend(attrs.iter().map(|a| a.name));
                }
                !self.many_keys.insert(key)
            };
            if seen {
                return Ok(None);
            }
            let value = match a.value() {
                // `attr_value` (behind `value()`) refuses a reference to a
                // character XML does not allow.
                Some(v) => v,
                None => {
                    let x = Attribute {
                        key: QName(key),
                        value: Cow::Borrowed(a.raw),
                    };
                    let m = attr_value(&x).err().unwrap_or_default();
                    return Err(self.err(at, m));
                }
            };
            let (prefix, _) = split_name(key);
            decls |= prefix == "xmlns" || key == "xmlns";
            if attrs.capacity() == 0 {
                *attrs = self.attr_pool.pop().unwrap_or_default();
            }
            attrs.push(A {
                name: key,
                prefix,
                value,
            });
        }
        Ok(Some(decls))
    }

    /// [`scan_attrs`](Self::scan_attrs) for a tag the scanner does not
    /// read: quick-xml's attribute iterator reads it and reports the first
    /// error met.
    #[cold]
    #[inline(never)]
    fn checked_attrs(
        &mut self,
        attrs: &mut Vec<A<'a>>,
        name_len: usize,
        empty: bool,
        at: usize,
    ) -> Result<(), Error> {
        for a in self.r.attributes(name_len, empty) {
            let a = a.map_err(|x| self.err(at, format!("malformed attribute: {x}")))?;
            let key: &'a str = a.key.0;
            let value = attr_value(&a).map_err(|m| self.err(at, m))?;
            attrs.push(A {
                name: key,
                prefix: split_name(key).0,
                value,
            });
        }
        Ok(())
    }

    fn close(&mut self) {
        // Called after the End event: depth already decreased.
        self.ns.close(self.r.depth() + 1);
    }

    fn kind<'n>(name: &'n str, xliff: bool) -> Kind<'n> {
        if xliff {
            Kind::Xliff(split_name(name).1)
        } else {
            Kind::Foreign
        }
    }

    /// Captures the rest of the element opened at `at` verbatim, checking
    /// namespaces inside it.
    fn raw(&mut self, at: usize, empty: bool) -> Result<Raw, Error> {
        self.skip(at, empty)?;
        let end = self.r.last_end();
        Ok(Raw(self.r.ctx.str(self.r.ctx.slice(at, end))))
    }

    /// Reads to the end of the element opened at `at`, checking namespaces
    /// and references inside it, keeping nothing.
    fn skip(&mut self, at: usize, empty: bool) -> Result<(), Error> {
        if !empty {
            let depth = self.r.depth();
            while self.r.depth() >= depth {
                match self.r.next()? {
                    Event::Start(e) => {
                        let s = self.r.last_start();
                        let (attrs, _) = self.open(&e, s, false)?;
                        self.recycle(attrs);
                    }
                    Event::Empty(e) => {
                        let s = self.r.last_start();
                        let (attrs, _) = self.open(&e, s, true)?;
                        self.recycle(attrs);
                    }
                    Event::End(_) => self.close(),
                    Event::GeneralRef(g) => {
                        let s = self.r.last_start();
                        self.scratch.clear();
                        if let Err(m) = push_ref(&mut self.scratch, &g) {
                            return Err(self.err(s, m));
                        }
                    }
                    Event::Eof => return Err(self.err(at, "element is not closed at end of input")),
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Skips text before or after the root; non-space text there is not
    /// well-formed XML.
    fn check_space(&self, t: &str, at: usize) -> Result<(), Error> {
        if is_blank(t) {
            Ok(())
        } else {
            Err(self.err(at, "text is not allowed here"))
        }
    }

    /// Skips text between structural elements of `<parent>`; non-space
    /// text (or any reference or CDATA section) there breaks a rule and is
    /// dropped.
    fn stray_text(&mut self, t: &str, at: usize, parent: &str) {
        if !is_blank(t) {
            self.stray_text_problem(at, parent);
        }
    }

    #[cold]
    fn stray_text_problem(&mut self, at: usize, parent: &str) {
        let p = self.r.problem_at(
            at,
            ProblemKind::UnexpectedText,
            format!("text is not allowed in <{parent}>"),
        );
        self.problems.push(p);
    }

    /// Reads the whole document into the visitor (through a window: as
    /// far as the window holds whole pieces, going on where the last one
    /// stopped); the rule violations found are left in `problems`.
    fn document(&mut self) -> Result<(), Error> {
        // Going on in a new window: where the last one stopped.
        if let Some(epilog) = self.resume().and_then(|r| r.epilog.take()) {
            return self.epilog(epilog);
        }
        if let Some(r) = self.resume().filter(|r| r.root) {
            r.root = false;
            let at = self.r.open_elements().first().map_or(0, |&(_, at)| at);
            self.root_items()?;
            return self.after_root(at);
        }
        let mut doc = Document {
            version: Version::V1_2,
            ..Document::default()
        };
        // Prolog.
        let at = loop {
            let at = self.r.last_end();
            match self.r.next()? {
                // Only at the very start (the decoded text has no BOM);
                // later, `<?xml` is a processing instruction with a
                // reserved name.
                Event::Decl(_) if at == 0 => {}
                Event::Decl(_) => {
                    return Err(self.err(at, "XML declaration not at the start of the input"));
                }
                Event::Comment(_) | Event::PI(_) => {
                    doc.prolog.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => self.check_space(&t, at)?,
                Event::Start(e) => {
                    self.root(doc, &e, at, false)?;
                    break at;
                }
                Event::Empty(e) => {
                    self.root(doc, &e, at, true)?;
                    break at;
                }
                Event::Eof => return Err(self.err(at, "no root element: the input is empty")),
                _ => return Err(self.err(at, "content before the root element")),
            }
        };
        self.after_root(at)
    }

    /// Once the children of the root (at `at`) are read (unless reading
    /// stopped among them): the check that it has a file, then the epilog.
    fn after_root(&mut self, at: usize) -> Result<(), Error> {
        if self.paused() {
            return Ok(());
        }
        if self.files == 0 {
            let p = self
                .r
                .problem_at(at, ProblemKind::MissingElement, "<xliff> has no <file>");
            self.problems.push(p);
        }
        self.epilog(Vec::new())
    }

    /// What follows the root: comments and PIs (gathered in `epilog`).
    fn epilog(&mut self, mut epilog: Vec<Raw>) -> Result<(), Error> {
        loop {
            if self.pause_here(None) {
                if let Some(r) = self.resume() {
                    r.epilog = Some(epilog);
                }
                return Ok(());
            }
            let at = self.r.last_end();
            match self.r.next()? {
                Event::Comment(_) | Event::PI(_) => {
                    epilog.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => self.check_space(&t, at)?,
                Event::Eof => break,
                _ => return Err(self.err(at, "content after the root element")),
            }
        }
        self.v.end(epilog.into());
        Ok(())
    }

    fn root(
        &mut self,
        mut doc: Document,
        e: &BytesStart<'_>,
        at: usize,
        empty: bool,
    ) -> Result<(), Error> {
        let (attrs, xliff) = self.open(e, at, empty)?;
        let name = e.name();
        if !matches!(Self::kind(name.as_ref(), xliff), Kind::Xliff("xliff")) {
            return Err(self.r.error_of(
                crate::ErrorKind::NotXliff,
                at,
                format!(
                    "the root element is <{}>, not an XLIFF 1.x <xliff>",
                    name.as_ref()
                ),
            ));
        }
        let version = find(&attrs, "version").unwrap_or("");
        let root_ns = match split_name(name.as_ref()).0 {
            "" => find(&attrs, "xmlns"),
            p => find(&attrs, &format!("xmlns:{p}")),
        };
        let ns = root_ns.unwrap_or("");
        self.legacy =
            ns.ends_with(":1.0") || ns.ends_with(":1.1") || (ns.is_empty() && version != "1.2");
        let sh = self.r.ctx.shared;
        for a in &attrs {
            match a.name {
                "version" => {}
                "xmlns" if XLIFF_NAMESPACES.contains(&&*a.value) => {}
                _ => doc.attrs.push(a.attr(sh)),
            }
        }
        self.recycle(attrs);
        self.v.start(doc);
        if empty {
            return Ok(());
        }
        self.root_items()
    }

    /// The children of `<xliff>` up to its end tag.
    fn root_items(&mut self) -> Result<(), Error> {
        if let Some(f) = self.resume().and_then(|r| r.file.take()) {
            self.file_items(f)?;
        }
        loop {
            if self.paused() || self.pause_here(Some("file")) {
                if let Some(r) = self.resume() {
                    r.root = true;
                }
                return Ok(());
            }
            let s = self.r.last_end();
            match self.r.next()? {
                Event::Start(c) => self.root_child(&c, s, false)?,
                Event::Empty(c) => self.root_child(&c, s, true)?,
                Event::End(_) => {
                    self.close();
                    break;
                }
                Event::Comment(_) | Event::PI(_) => {
                    self.v.raw(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => self.stray_text(&t, s, "xliff"),
                Event::CData(_) | Event::GeneralRef(_) => self.stray_text_problem(s, "xliff"),
                _ => {}
            }
        }
        Ok(())
    }

    fn root_child(&mut self, e: &BytesStart<'_>, at: usize, empty: bool) -> Result<(), Error> {
        let (attrs, xliff) = self.open(e, at, empty)?;
        let name = e.name();
        if let Kind::Xliff("file") = Self::kind(name.as_ref(), xliff) {
            self.files += 1;
            self.file(attrs, at, empty)?;
        } else {
            let raw = self.raw(at, empty)?;
            self.v.raw(raw);
        }
        Ok(())
    }

    /// Reads a `<file>`: its header is handed over when `<body>` starts,
    /// then its items one by one.
    fn file(&mut self, attrs: Vec<A<'a>>, at: usize, empty: bool) -> Result<(), Error> {
        let mut file = File::default();
        let sh = self.r.ctx.shared;
        for a in &attrs {
            match a.name {
                "original" => file.original = Some(a.str(sh)),
                "source-language" => file.src_lang = Some(a.str(sh)),
                "target-language" => file.trg_lang = Some(a.str(sh)),
                "datatype" => file.datatype = Some(a.str(sh)),
                _ => file.attrs.push(a.attr(sh)),
            }
        }
        self.recycle(attrs);
        if empty {
            let p = self
                .r
                .problem_at(at, ProblemKind::MissingElement, "<file> has no <body>");
            self.problems.push(p);
            return Ok(());
        }
        self.file_items(FileFrame {
            at,
            header: Some(file),
            ids: Ids::default(),
        })
    }

    /// The children of the `<file>` of `f` up to its end tag (the items of
    /// its `<body>` first when reading stopped among them).
    fn file_items(&mut self, mut f: FileFrame) -> Result<(), Error> {
        if let Some(groups) = self.resume().and_then(|r| r.body.take()) {
            self.items(&mut f.ids, groups)?;
        }
        loop {
            let container = f.header.is_some().then_some("body");
            if self.paused() || self.pause_here(container) {
                if let Some(r) = self.resume() {
                    r.file = Some(f);
                }
                return Ok(());
            }
            let s = self.r.last_end();
            let (e, is_empty) = match self.r.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    self.close();
                    break;
                }
                Event::Comment(_) | Event::PI(_) => {
                    let raw = Raw(self.r.ctx.str(self.r.last_text()));
                    match f.header.as_mut() {
                        Some(f) => f.extensions.push(raw),
                        None => self.v.raw(raw),
                    }
                    continue;
                }
                Event::Text(t) => {
                    self.stray_text(&t, s, "file");
                    continue;
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    self.stray_text_problem(s, "file");
                    continue;
                }
                _ => continue,
            };
            let (attrs, xliff) = self.open(&e, s, is_empty)?;
            self.recycle(attrs);
            match (Self::kind(e.name().as_ref(), xliff), f.header.as_mut()) {
                (Kind::Xliff("header"), Some(h)) if !is_empty => self.header(h)?,
                (Kind::Xliff("header"), Some(_)) => {}
                (Kind::Xliff("body"), Some(_)) => {
                    if let Some(h) = f.header.take() {
                        self.v.file(h);
                    }
                    if !is_empty {
                        self.items(&mut f.ids, Vec::new())?;
                    }
                }
                (_, Some(h)) => {
                    let raw = self.raw(s, is_empty)?;
                    h.extensions.push(raw);
                }
                (_, None) => {
                    let raw = self.raw(s, is_empty)?;
                    self.v.raw(raw);
                }
            }
        }
        if let Some(h) = f.header {
            let p = self
                .r
                .problem_at(f.at, ProblemKind::MissingElement, "<file> has no <body>");
            self.problems.push(p);
            // Still handed over, so that what it holds is seen.
            self.v.file(h);
        }
        self.v.file_end();
        Ok(())
    }

    fn header(&mut self, file: &mut File) -> Result<(), Error> {
        loop {
            let s = self.r.last_end();
            match self.r.next()? {
                Event::Start(e) => {
                    let (attrs, xliff) = self.open(&e, s, false)?;
                    if let Kind::Xliff("note") = Self::kind(e.name().as_ref(), xliff) {
                        match self.note(attrs, s)? {
                            Ok(n) => file.notes.push(n),
                            Err(raw) => file.header.push(raw),
                        }
                    } else {
                        let raw = self.raw(s, false)?;
                        file.header.push(raw);
                    }
                }
                Event::Empty(e) => {
                    let (attrs, xliff) = self.open(&e, s, true)?;
                    if let Kind::Xliff("note") = Self::kind(e.name().as_ref(), xliff) {
                        let n = self.note_from_attrs(attrs, Str::new());
                        file.notes.push(n);
                    } else {
                        file.header.push(Raw(self.r.ctx.str(self.r.last_text())));
                    }
                }
                Event::End(_) => {
                    self.close();
                    return Ok(());
                }
                Event::Comment(_) | Event::PI(_) => {
                    file.header.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => self.stray_text(&t, s, "header"),
                Event::CData(_) | Event::GeneralRef(_) => self.stray_text_problem(s, "header"),
                _ => {}
            }
        }
    }

    /// Reads the children of `<body>` (already opened) up to its end tag,
    /// handing units, groups and verbatim items over. Groups are followed
    /// with an explicit stack, not recursion, so deep nesting cannot
    /// exhaust the call stack. A group's header is held until its first
    /// item: notes and extensions before it go into the header, later ones
    /// are handed over verbatim.
    fn items(&mut self, ids: &mut Ids, mut open: Vec<Frame>) -> Result<(), Error> {
        loop {
            if self.pause_here(Some("group")) {
                if let Some(r) = self.resume() {
                    r.body = Some(open);
                }
                return Ok(());
            }
            let s = self.r.last_end();
            let parent = if open.is_empty() { "body" } else { "group" };
            let (e, empty) = match self.r.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    self.close();
                    match open.pop() {
                        Some(mut f) => {
                            self.flush(&mut f);
                            self.v.group_end();
                            continue;
                        }
                        None => return Ok(()),
                    }
                }
                Event::Comment(_) | Event::PI(_) => {
                    // Items of the group, but they must not hand the header
                    // over before the notes that may follow them.
                    let raw = Raw(self.r.ctx.str(self.r.last_text()));
                    match open.last_mut() {
                        Some(f) if f.pending.is_some() => f.held.push(raw),
                        _ => self.v.raw(raw),
                    }
                    continue;
                }
                Event::Text(t) => {
                    self.stray_text(&t, s, parent);
                    continue;
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    self.stray_text_problem(s, parent);
                    continue;
                }
                _ => continue,
            };
            let (attrs, xliff) = self.open(&e, s, empty)?;
            match Self::kind(e.name().as_ref(), xliff) {
                Kind::Xliff("trans-unit") => {
                    self.flush_top(&mut open);
                    let unit = self.unit(attrs, s, empty, ids)?;
                    self.v.unit(unit);
                }
                Kind::Xliff("group") => {
                    self.flush_top(&mut open);
                    let g = group_from_attrs(&attrs, self.r.ctx.shared);
                    self.recycle(attrs);
                    if empty {
                        self.v.group(g);
                        self.v.group_end();
                    } else {
                        open.push(Frame {
                            pending: Some(g),
                            held: List::new(),
                        });
                    }
                }
                Kind::Xliff("bin-unit") => {
                    self.flush_top(&mut open);
                    let raw = self.raw(s, empty)?;
                    self.v.raw(raw);
                }
                Kind::Xliff("note") if !open.is_empty() => {
                    let note = if empty {
                        Ok(self.note_from_attrs(attrs, Str::new()))
                    } else {
                        self.note(attrs, s)?
                    };
                    match (note, open.last_mut().and_then(|f| f.pending.as_mut())) {
                        (Ok(n), Some(g)) => g.notes.push(n),
                        (Err(raw), Some(g)) => g.extensions.push(raw),
                        (_, None) => {
                            let end = self.r.last_end();
                            let text = self.r.ctx.slice(s, end);
                            self.v.raw(Raw(self.r.ctx.str(text)));
                        }
                    }
                }
                _ => {
                    let raw = self.raw(s, empty)?;
                    match open.last_mut().and_then(|f| f.pending.as_mut()) {
                        Some(g) => g.extensions.push(raw),
                        None => self.v.raw(raw),
                    }
                }
            }
        }
    }

    /// Hands the innermost open group's header over if it has not been yet.
    fn flush_top(&mut self, open: &mut [Frame]) {
        if let Some(f) = open.last_mut() {
            self.flush(f);
        }
    }

    fn flush(&mut self, frame: &mut Frame) {
        if let Some(g) = frame.pending.take() {
            self.v.group(g);
        }
        for raw in frame.held.drain(..) {
            self.v.raw(raw);
        }
    }

    /// Reads a note's content. A note holding elements is returned as raw.
    fn note(&mut self, attrs: Vec<A<'a>>, at: usize) -> Result<Result<Note, Raw>, Error> {
        // The parser's run, whose buffer is reused (a note is never read
        // inside content, the run's other user); left empty when handed
        // back.
        let mut text = std::mem::take(&mut self.run);
        text.clear();
        let mut elements = false;
        let depth = self.r.depth();
        loop {
            let s = self.r.last_end();
            match self.r.next()? {
                Event::Text(t) => text.push(t.xml10_content()),
                Event::CData(c) => text.push(c.xml10_content()),
                Event::GeneralRef(g) => match resolve_ref(&g).map_err(|m| self.err(s, m))? {
                    Resolved::Entity(e) => text.push_str(e),
                    Resolved::Char(c) => text.push_char(c),
                },
                Event::Start(e) => {
                    elements = true;
                    let (a, _) = self.open(&e, s, false)?;
                    self.recycle(a);
                }
                Event::Empty(e) => {
                    elements = true;
                    let (a, _) = self.open(&e, s, true)?;
                    self.recycle(a);
                }
                Event::End(_) => {
                    self.close();
                    if self.r.depth() < depth {
                        break;
                    }
                }
                Event::Comment(_) | Event::PI(_) => elements = true,
                _ => {}
            }
        }
        if elements {
            text.clear();
            self.run = text;
            let end = self.r.last_end();
            return Ok(Err(Raw(self.r.ctx.str(self.r.ctx.slice(at, end)))));
        }
        let note = text.take(&self.r.ctx).unwrap_or_default();
        self.run = text;
        Ok(Ok(self.note_from_attrs(attrs, note)))
    }

    fn unit(
        &mut self,
        attrs: Vec<A<'a>>,
        at: usize,
        empty: bool,
        ids: &mut Ids,
    ) -> Result<Unit, Error> {
        let mut unit = Unit::default();
        let mut id: Option<Str> = None;
        let mut states = UnitStates::default();
        let sh = self.r.ctx.shared;
        for a in &attrs {
            match a.name {
                "id" => id = Some(a.str(sh)),
                "resname" => unit.name = Some(a.str(sh)),
                "restype" => unit.kind = Some(a.str(sh)),
                "translate" if parse_yes_no(&a.value).is_some() => {
                    unit.translate = parse_yes_no(&a.value)
                }
                "xml:space" if parse_space(&a.value).is_some() => {
                    unit.space = parse_space(&a.value)
                }
                "approved" => states.approved = Some(a.attr(sh)),
                n if n.ends_with(":status") && self.is_memoq(a.prefix) => {
                    states.memoq = Some(a.value.to_string());
                    push_tight(&mut unit.attrs, a.attr(sh));
                }
                _ => push_tight(&mut unit.attrs, a.attr(sh)),
            }
        }
        self.recycle(attrs);
        let id = match id {
            Some(id) => id,
            None => {
                if !self.legacy {
                    let p = self.r.problem_at(
                        at,
                        ProblemKind::MissingAttribute,
                        "<trans-unit> has no id",
                    );
                    self.problems.push(p);
                }
                // Made up from the unit's place in the file, unique there.
                let mut n = ids.len() + 1;
                while ids.contains(n.to_string().as_str()) {
                    n += 1;
                }
                n.to_string().into()
            }
        };
        self.r.unit = Some(id.clone());
        if !ids.insert(id.clone()) && !self.legacy {
            let p = self.r.problem_at(
                at,
                ProblemKind::DuplicateId,
                format!("duplicate trans-unit id \"{id}\" in this <file>"),
            );
            self.problems.push(p);
        }
        unit.id = id;
        if empty {
            let p = self.r.problem_at(
                at,
                ProblemKind::MissingElement,
                "<trans-unit> has no <source>",
            );
            self.problems.push(p);
            self.r.unit = None;
            unit.push_segment(Segment::default());
            return Ok(unit);
        }
        let mut source: Option<(Content, Vec<A<'a>>)> = None;
        let mut seg_source: Option<Content> = None;
        let mut seg_source_raw: Option<&str> = None;
        let mut target: Option<(Content, Vec<A<'a>>)> = None;
        let mut target_at = at;
        // The reader as it was at the start of a <source> left unbuilt.
        let mut source_later: Option<XmlReader<'a>> = None;
        loop {
            let s = self.r.last_end();
            let (e, is_empty) = match self.r.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    self.close();
                    break;
                }
                Event::Comment(_) | Event::PI(_) => {
                    unit.extensions
                        .push(Raw(self.r.ctx.str(self.r.last_text())));
                    continue;
                }
                // Stray text inside a trans-unit (MateCat writes some): kept
                // verbatim rather than refused.
                Event::Text(t) => {
                    let significant = !is_blank(&t);
                    push_stray_text(&mut unit.extensions, self.r.last_text(), significant);
                    continue;
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    push_stray_text(&mut unit.extensions, self.r.last_text(), true);
                    continue;
                }
                _ => continue,
            };
            let (attrs, xliff) = self.open(&e, s, is_empty)?;
            match Self::kind(e.name().as_ref(), xliff) {
                Kind::Xliff("source") => {
                    if source.is_some() {
                        // The first one is the unit's source; a second
                        // is reported and skipped.
                        let p = self.r.problem_at(
                            s,
                            ProblemKind::UnexpectedElement,
                            "<trans-unit> has more than one <source>",
                        );
                        self.problems.push(p);
                        self.skip(s, is_empty)?;
                        continue;
                    }
                    let c = if is_empty {
                        Content::new()
                    } else if seg_source_follows(
                        self.r.ctx.rest(self.r.last_end()),
                        0,
                        e.name().as_ref(),
                    ) {
                        // A segmented unit's parts come from <seg-source>:
                        // the source is checked as usual but not built,
                        // and read again only if it turns out to be needed.
                        let saved = self.r.clone();
                        self.discard = true;
                        let checked = self.content();
                        self.discard = false;
                        checked?;
                        source_later = Some(saved);
                        Content::new()
                    } else {
                        self.content()?
                    };
                    source = Some((c, attrs));
                }
                Kind::Xliff("seg-source") => {
                    let c = if is_empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    let end = self.r.last_end();
                    seg_source_raw = Some(self.r.ctx.slice(s, end));
                    seg_source = Some(c);
                }
                Kind::Xliff("target") => {
                    let c = if is_empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    target = Some((c, attrs));
                    target_at = s;
                }
                Kind::Xliff("note") => {
                    let note = if is_empty {
                        Ok(self.note_from_attrs(attrs, Str::new()))
                    } else {
                        self.note(attrs, s)?
                    };
                    match note {
                        Ok(n) => push_tight(&mut unit.notes, n),
                        Err(raw) => push_tight(&mut unit.extensions, raw),
                    }
                }
                Kind::Xliff("alt-trans") => {
                    let c = self.alt_trans(attrs, s, is_empty)?;
                    push_tight(&mut unit.candidates, c);
                }
                _ => {
                    let raw = self.raw(s, is_empty)?;
                    push_tight(&mut unit.extensions, raw);
                }
            }
        }
        let (source, source_attrs) = match source {
            Some(s) => s,
            None => {
                let p = self.r.problem_at(
                    at,
                    ProblemKind::MissingElement,
                    "<trans-unit> has no <source>",
                );
                self.problems.push(p);
                (Content::new(), Vec::new())
            }
        };
        let _ = target_at;
        let shape = segment_shape(seg_source.as_ref(), target.as_ref().map(|t| &t.0));
        let source = match source_later {
            Some(saved) if shape.is_none() => self.reread_source(saved, &source_attrs)?,
            _ => source,
        };
        let mut parts = std::mem::take(&mut self.parts_pool);
        build_parts(
            sh,
            &mut unit,
            &mut parts,
            &mut self.split_lists,
            source,
            source_attrs,
            seg_source,
            seg_source_raw,
            target,
            states,
            shape,
        );
        // One allocation of the exact size; the pooled list keeps its
        // capacity.
        unit.parts = parts.split_off(0);
        self.parts_pool = parts;
        self.r.unit = None;
        // A candidate's `mid` names a segment of the unit; one that names
        // none (an unsegmented unit) stays in its attributes only.
        let parts = &unit.parts;
        for c in &mut unit.candidates {
            let named = parts.iter().any(|p| match p {
                Part::Segment(s) => s.id.is_some() && s.id == c.reference,
                _ => false,
            });
            if !named {
                c.reference = None;
            }
        }
        unit.parts.shrink_to_fit();
        unit.attrs.shrink_to_fit();
        unit.extensions.shrink_to_fit();
        unit.notes.shrink_to_fit();
        unit.candidates.shrink_to_fit();
        for s in unit.segments_mut() {
            s.tidy_extra();
        }
        Ok(unit)
    }

    /// Reads a `<source>` left unbuilt again from the reader saved at its
    /// start (its namespaces declared anew), then goes back to where
    /// reading was. It was checked the first time, so it reads the same.
    fn reread_source(&mut self, saved: XmlReader<'a>, attrs: &[A<'a>]) -> Result<Content, Error> {
        let resume = std::mem::replace(&mut self.r, saved);
        let depth = self.r.depth();
        for a in attrs {
            if a.name == "xmlns" {
                self.ns.declare(depth, "", &a.value);
            } else if let Some(p) = a.name.strip_prefix("xmlns:") {
                self.ns.declare(depth, p, &a.value);
            }
        }
        let c = self.content();
        self.r = resume;
        c
    }

    fn alt_trans(&mut self, attrs: Vec<A<'a>>, at: usize, empty: bool) -> Result<Candidate, Error> {
        let mut c = Candidate::default();
        let sh = self.r.ctx.shared;
        for a in &attrs {
            match a.name {
                "mid" => c.reference = Some(a.str(sh)),
                "origin" => c.origin = Some(a.str(sh)),
                "match-quality" => {
                    c.similarity = a
                        .value
                        .trim()
                        .trim_end_matches('%')
                        .trim()
                        .parse::<f64>()
                        .ok()
                        // 101 (context match) and the like stay in attrs only.
                        .filter(|q| (0.0..=100.0).contains(q));
                }
                _ => {}
            }
            c.attrs.push(a.attr(sh));
        }
        self.recycle(attrs);
        if !empty {
            loop {
                let s = self.r.last_end();
                let (e, is_empty) = match self.r.next()? {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    Event::End(_) => {
                        self.close();
                        break;
                    }
                    _ => continue,
                };
                let (a, xliff) = self.open(&e, s, is_empty)?;
                self.recycle(a);
                match Self::kind(e.name().as_ref(), xliff) {
                    Kind::Xliff("source") if !is_empty => c.source = self.content()?,
                    Kind::Xliff("target") if !is_empty => c.target = self.content()?,
                    Kind::Xliff("source" | "target") => {}
                    _ => {
                        self.skip(s, is_empty)?;
                    }
                }
            }
        }
        let end = self.r.last_end();
        c.raw = Some(Raw(self.r.ctx.str(self.r.ctx.slice(at, end))));
        Ok(c)
    }

    /// Reads inline content up to the end tag of the element just opened.
    fn content(&mut self) -> Result<Content, Error> {
        self.inline_depth += 1;
        let c = self.content_inner();
        self.inline_depth -= 1;
        c
    }

    /// Hands an attribute list back for reuse.
    fn recycle(&mut self, mut attrs: Vec<A<'a>>) {
        if attrs.capacity() > 0 {
            attrs.clear();
            self.attr_pool.push(attrs);
        }
    }

    /// A note from its attributes and text (the list is recycled).
    fn note_from_attrs(&mut self, attrs: Vec<A<'a>>, text: Str) -> Note {
        let n = note_from_attrs(&attrs, self.r.ctx.shared, text);
        self.recycle(attrs);
        n
    }

    /// Moves the text gathered in `self.run` into `c`.
    fn flush_run(&mut self, c: &mut Content) {
        if let Some(t) = self.run.take(&self.r.ctx) {
            if let Some(Inline::Text(_)) = c.0.last() {
                c.push_text(&t);
            } else {
                c.0.push(Inline::Text(t));
            }
        }
    }

    fn content_inner(&mut self) -> Result<Content, Error> {
        let mut c = Content(self.inline_pool.pop().unwrap_or_default());
        // Text, CDATA and references next to each other are gathered in
        // `self.run` and become one string, allocated once. The run is
        // flushed before any element, so nested content starts empty.
        self.run.clear();
        loop {
            let s = self.r.last_end();
            let (e, empty) = match self.r.next()? {
                Event::Text(t) => {
                    if !self.discard {
                        self.run.push(t.xml10_content());
                    }
                    continue;
                }
                Event::CData(d) => {
                    if !self.discard {
                        self.run.push(d.xml10_content());
                    }
                    continue;
                }
                Event::GeneralRef(g) => {
                    match resolve_ref(&g) {
                        Err(m) => return Err(self.err(s, m)),
                        Ok(_) if self.discard => {}
                        Ok(Resolved::Entity(e)) => self.run.push_str(e),
                        Ok(Resolved::Char(c)) => self.run.push_char(c),
                    }
                    continue;
                }
                Event::Comment(_) | Event::PI(_) => {
                    if !self.discard {
                        self.flush_run(&mut c);
                        c.0.push(Inline::Raw(Raw(self.r.ctx.str(self.r.last_text()))));
                    }
                    continue;
                }
                Event::End(_) => {
                    self.flush_run(&mut c);
                    self.close();
                    let mut items = c.0;
                    // One allocation of the exact size; the pooled list
                    // keeps its capacity.
                    let exact = items.split_off(0);
                    self.inline_pool.push(items);
                    return Ok(Content(exact));
                }
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::Eof => return Err(self.err(s, "unexpected end of input")),
                _ => continue,
            };
            self.flush_run(&mut c);
            if self.inline_depth > MAX_INLINE_DEPTH {
                return Err(self.err(
                    s,
                    format!("inline elements nested deeper than {MAX_INLINE_DEPTH}"),
                ));
            }
            let (attrs, xliff) = self.open(&e, s, empty)?;
            let name = e.name();
            let local = match Self::kind(name.as_ref(), xliff) {
                Kind::Xliff(l) => l,
                Kind::Foreign => "",
            };
            if self.discard {
                // The same reading and checks as below, nothing kept.
                self.recycle(attrs);
                match local {
                    "g" | "mrk" if !empty => {
                        self.content()?;
                    }
                    "g" | "mrk" | "x" | "bx" | "ex" | "ph" | "bpt" | "ept" | "it" if empty => {}
                    _ => self.skip(s, empty)?,
                }
                continue;
            }
            let inline = match local {
                "g" => {
                    let code =
                        code_from_attrs(&attrs, self.r.ctx.shared, CodeKind::Paired, CodeTag::G);
                    self.recycle(attrs);
                    let inner = if empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    Inline::Paired(code, inner)
                }
                "x" | "bx" | "ex" => {
                    let (kind, tag) = match local {
                        "x" => (CodeKind::Standalone, CodeTag::X),
                        "bx" => (CodeKind::Start, CodeTag::Bx),
                        _ => (CodeKind::End, CodeTag::Ex),
                    };
                    if empty {
                        let code = code_from_attrs(&attrs, self.r.ctx.shared, kind, tag);
                        self.recycle(attrs);
                        Inline::Code(code)
                    } else {
                        // Content is not allowed here: keep the element
                        // verbatim rather than drop what it holds.
                        Inline::Raw(self.raw(s, false)?)
                    }
                }
                "ph" | "bpt" | "ept" | "it" => {
                    let (kind, tag) = match local {
                        "ph" => (CodeKind::Standalone, CodeTag::Ph12),
                        "bpt" => (CodeKind::Start, CodeTag::Bpt),
                        "ept" => (CodeKind::End, CodeTag::Ept),
                        _ => (CodeKind::Standalone, CodeTag::It),
                    };
                    let mut code = code_from_attrs(&attrs, self.r.ctx.shared, kind, tag);
                    self.recycle(attrs);
                    if tag == CodeTag::It {
                        code.isolated = true;
                        let pos = take_attr(&mut code.extra_mut().attrs, "pos");
                        code.kind = match pos.as_deref() {
                            Some("close") => CodeKind::End,
                            _ => CodeKind::Start,
                        };
                        if let Some(pos) = pos.filter(|p| !matches!(&**p, "open" | "close")) {
                            code.extra_mut().attrs.push(Attr::new("pos", pos));
                        }
                        code.tidy_extra();
                    }
                    if !empty {
                        let inner_start = self.r.last_end();
                        self.skip(s, false)?;
                        // The last event read is the end tag.
                        let inner_end = self.r.last_start();
                        code.native = Some(self.r.ctx.slice(inner_start, inner_end).into());
                    }
                    Inline::Code(code)
                }
                "mrk" => {
                    let m = marker_from_attrs(&attrs, self.r.ctx.shared);
                    self.recycle(attrs);
                    let inner = if empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    Inline::Marker(m, inner)
                }
                _ => Inline::Raw(self.raw(s, empty)?),
            };
            c.0.push(inline);
        }
    }
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

/// Keeps stray text met in a trans-unit verbatim: runs of text (with the
/// white space and references between them) become one raw item, so that
/// writing them back side by side reads back the same.
fn push_stray_text(extensions: &mut List<Raw>, text: &str, significant: bool) {
    match extensions.last_mut() {
        Some(last) if !last.as_str().starts_with('<') => {
            let mut joined = String::from(last.as_str());
            joined.push_str(text);
            *last = Raw::new(joined);
        }
        _ if significant => extensions.push(Raw::new(text)),
        _ => {}
    }
}

/// A group being read: its header until handed over, and comments met
/// before that.
struct Frame {
    pending: Option<Group>,
    held: List<Raw>,
}

fn group_from_attrs(attrs: &[A<'_>], sh: &Shared) -> Group {
    let mut g = Group::default();
    for a in attrs {
        match a.name {
            "id" => g.id = Some(a.str(sh)),
            "resname" => g.name = Some(a.str(sh)),
            "restype" => g.kind = Some(a.str(sh)),
            "translate" if parse_yes_no(&a.value).is_some() => g.translate = parse_yes_no(&a.value),
            "xml:space" if parse_space(&a.value).is_some() => g.space = parse_space(&a.value),
            _ => g.attrs.push(a.attr(sh)),
        }
    }
    g
}

fn take_attr(attrs: &mut List<Attr>, name: &str) -> Option<Str> {
    let i = attrs.iter().position(|a| &*a.name == name)?;
    Some(attrs.remove(i).value)
}

/// The `subState` that keeps a 1.2 `state`: the ten standard values are
/// constants (no allocation for each segment), others are made.
fn sub_state_12(state: &str) -> Str {
    macro_rules! lit {
        ($s:literal) => {
            Str::from_substr(arcstr::literal_substr!($s))
        };
    }
    match state {
        "final" => lit!("xlf12:final"),
        "needs-adaptation" => lit!("xlf12:needs-adaptation"),
        "needs-l10n" => lit!("xlf12:needs-l10n"),
        "needs-review-adaptation" => lit!("xlf12:needs-review-adaptation"),
        "needs-review-l10n" => lit!("xlf12:needs-review-l10n"),
        "needs-review-translation" => lit!("xlf12:needs-review-translation"),
        "needs-translation" => lit!("xlf12:needs-translation"),
        "new" => lit!("xlf12:new"),
        "signed-off" => lit!("xlf12:signed-off"),
        "translated" => lit!("xlf12:translated"),
        other => format!("xlf12:{other}").into(),
    }
}

fn note_from_attrs(attrs: &[A<'_>], sh: &Shared, text: Str) -> Note {
    let mut n = Note {
        text,
        ..Note::default()
    };
    for a in attrs {
        match a.name {
            "from" => n.category = Some(a.str(sh)),
            "priority" if a.value.trim().parse::<u8>().is_ok() => {
                n.priority = a.value.trim().parse().ok()
            }
            "annotates" if AppliesTo::parse(&a.value).is_some() => {
                n.applies_to = AppliesTo::parse(&a.value)
            }
            _ => n.attrs.push(a.attr(sh)),
        }
    }
    n
}

fn code_from_attrs(attrs: &[A<'_>], sh: &Shared, kind: CodeKind, tag: CodeTag) -> Boxed<Code> {
    let mut c = Code {
        kind,
        tag,
        ..Code::default()
    };
    for a in attrs {
        match a.name {
            "id" => c.id = Some(a.str(sh)),
            "rid" => c.start_ref = Some(a.str(sh)),
            "ctype" => c.kind_name = Some(a.str(sh)),
            "equiv-text" => c.equiv = Some(a.str(sh)),
            _ => c.extra_mut().attrs.push(a.attr(sh)),
        }
    }
    Boxed::new(c)
}

fn marker_from_attrs(attrs: &[A<'_>], sh: &Shared) -> Boxed<Marker> {
    let mut m = Marker::default();
    for a in attrs {
        match a.name {
            "mid" => m.id = Some(a.str(sh)),
            "mtype" => m.kind = Some(a.str(sh)),
            "comment" => m.value = Some(a.str(sh)),
            _ => m.attrs.push(a.attr(sh)),
        }
    }
    if m.kind.as_deref() == Some("protected") {
        m.translate = Some(false);
    }
    Boxed::new(m)
}

fn is_seg(m: &Marker) -> bool {
    m.kind.as_deref() == Some("seg")
}

fn has_seg(c: &Content) -> bool {
    c.0.iter().any(|i| match i {
        Inline::Marker(m, _) if is_seg(m) => true,
        Inline::Paired(_, inner) => has_seg(inner),
        _ => false,
    })
}

/// The ids of the segments of a flow, in order.
fn seg_ids<'c>(c: &'c Content, out: &mut Vec<Option<&'c str>>) {
    for i in &c.0 {
        match i {
            Inline::Marker(m, _) if is_seg(m) => out.push(m.id.as_deref()),
            Inline::Paired(_, inner) => seg_ids(inner, out),
            _ => {}
        }
    }
}

/// A split flow: its gaps and its segments, alternating, a gap first and
/// last (`gaps.len() == segs.len() + 1`).
type Split = (Vec<Content>, Vec<(Boxed<Marker>, Content)>);

/// Splits a flow at its `mrk mtype="seg"` markers. Paired codes (`g`) that
/// contain segments are split into start and end codes in the gaps.
fn split(content: Content, out: &mut Split) {
    let mut gap = Content::new();
    split_into(content, &mut gap, out);
    out.0.push(gap);
}

/// The lists [`build_parts`] matches segments in, kept (empty) from unit
/// to unit so that each segmented unit does not allocate six of them.
#[derive(Default)]
struct SplitLists {
    /// The split `<seg-source>`.
    source: Split,
    /// The split `<target>`.
    target: Split,
    /// Target segments by source segment index.
    tseg_at: Vec<Option<(Boxed<Marker>, Content)>>,
    /// Target gaps by source gap index.
    tgap_at: Vec<Option<Content>>,
}

fn split_into(content: Content, gap: &mut Content, out: &mut Split) {
    for inline in content.0 {
        match inline {
            Inline::Marker(m, inner) if is_seg(&m) => {
                out.0.push(std::mem::take(gap));
                out.1.push((m, inner));
            }
            Inline::Paired(code, inner) if has_seg(&inner) => {
                let mut start = (*code).clone();
                start.kind = CodeKind::Start;
                let end = Code {
                    kind: CodeKind::End,
                    tag: CodeTag::G,
                    start_ref: code.id.clone(),
                    ..Code::default()
                };
                push_tight(&mut gap.0, Inline::Code(Boxed::new(start)));
                split_into(inner, gap, out);
                gap.0.push(Inline::Code(Boxed::new(end)));
            }
            other => push_tight(&mut gap.0, other),
        }
    }
}

/// The 2.x state of a 1.2 `state` value.
pub(crate) fn state_from_12(s: &str) -> Option<State> {
    Some(match s {
        "new" | "needs-translation" | "needs-adaptation" | "needs-l10n" => State::Initial,
        "translated"
        | "needs-review-translation"
        | "needs-review-adaptation"
        | "needs-review-l10n" => State::Translated,
        "signed-off" => State::Reviewed,
        "final" => State::Final,
        _ => return None,
    })
}

fn state_from_sdl(conf: &str) -> Option<State> {
    Some(match conf {
        "Draft" | "Unspecified" => State::Initial,
        "Translated" | "RejectedTranslation" => State::Translated,
        "ApprovedTranslation" | "RejectedSignOff" => State::Reviewed,
        "ApprovedSignOff" => State::Final,
        _ => return None,
    })
}

fn state_from_memoq(status: &str) -> Option<State> {
    Some(match status {
        "NotStarted"
        | "PartiallyEdited"
        | "Pretranslated"
        | "MachineTranslated"
        | "Edited"
        | "Rejected"
        | "AssembledFromFragments" => State::Initial,
        "ManuallyConfirmed" | "Confirmed" => State::Translated,
        "Reviewer1Confirmed" | "Proofread" => State::Reviewed,
        "Reviewer2Confirmed" => State::Final,
        _ => return None,
    })
}

/// The `conf` of each `sdl:seg` in a trans-unit's `sdl:seg-defs`, by id.
fn sdl_confs(unit: &Unit) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for raw in &unit.extensions {
        if raw
            .element_name()
            .is_none_or(|n| split_name(n).1 != "seg-defs")
        {
            continue;
        }
        let mut r = quick_xml::Reader::from_str(raw.as_str());
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) if split_name(e.name().as_ref()).1 == "seg" => {
                    let mut id = None;
                    let mut conf = None;
                    for a in e.attributes().flatten() {
                        let v = attr_value(&a).map(|v| v.into_owned()).ok();
                        match a.key.as_ref() {
                            "id" => id = v,
                            "conf" => conf = v,
                            _ => {}
                        }
                    }
                    if let (Some(i), Some(c)) = (id, conf) {
                        out.push((i, c));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    out
}

/// What a trans-unit's attributes say of its segments' state.
#[derive(Default)]
struct UnitStates {
    /// `approved`, kept on the first segment.
    approved: Option<Attr>,
    /// memoQ's `status` (in its namespace, whatever the prefix).
    memoq: Option<String>,
}

/// Whether a trans-unit is read as segmented, decided on the segment ids
/// of its `<seg-source>` and `<target>`: `Some(true)` when target segments
/// match source segments by id, `Some(false)` when every segment has no
/// target or an empty one, `None` when the unit is one segment (its
/// `<source>` and `<target>` as a whole).
fn segment_shape(seg_source: Option<&Content>, target: Option<&Content>) -> Option<bool> {
    let ss = seg_source.filter(|ss| has_seg(ss))?;
    let mut src_ids = Vec::new();
    seg_ids(ss, &mut src_ids);
    let Some(t) = target else {
        return Some(false);
    };
    let mut t_ids = Vec::new();
    seg_ids(t, &mut t_ids);
    if t_ids == src_ids || is_subsequence(&t_ids, &src_ids) {
        // Targets matched by id; segments missing from the target have
        // none.
        Some(true)
    } else if t_ids.is_empty() && t.codes().next().is_none() && t.plain_text().trim().is_empty() {
        // A blank target: every segment gets an empty one.
        Some(false)
    } else {
        None
    }
}

/// Whether the `<source>` element named `qname` whose start tag ends at
/// `after` is followed (white space aside) by a `<seg-source>` with the
/// same prefix. A guess on the text alone: a wrong one costs time, never
/// correctness (see [`Parser::unit`]).
fn seg_source_follows(text: &str, after: usize, qname: &str) -> bool {
    let Some(rest) = text.get(after..) else {
        return false;
    };
    let Some(prefix) = qname.strip_suffix("source") else {
        return false;
    };
    // memchr's vectorised search; like `match_indices`, it yields the
    // leftmost non-overlapping matches. The searcher for the usual,
    // unprefixed name is built once.
    static SOURCE: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    let prefixed;
    let finder = if qname == "source" {
        SOURCE.get_or_init(|| memmem::Finder::new("source"))
    } else {
        prefixed = memmem::Finder::new(qname);
        &prefixed
    };
    for i in finder.find_iter(rest.as_bytes()) {
        if !rest.get(..i).is_some_and(|b| b.ends_with("</")) {
            continue;
        }
        let tail = rest.get(i + qname.len()..).unwrap_or("").trim_start();
        return tail
            .strip_prefix('>')
            .map(str::trim_start)
            .and_then(|t| t.strip_prefix('<'))
            .and_then(|t| t.strip_prefix(prefix))
            .and_then(|t| t.strip_prefix("seg-source"))
            .is_some_and(|t| t.starts_with(['>', '/', ' ', '\t', '\n', '\r']));
    }
    false
}

/// Builds the unit's parts from what its trans-unit held; `shape` is
/// [`segment_shape`] of its `<seg-source>` and `<target>`.
#[allow(clippy::too_many_arguments)]
fn build_parts<'a>(
    sh: &Shared,
    unit: &mut Unit,
    parts: &mut List<Part>,
    lists: &mut SplitLists,
    source: Content,
    source_attrs: Vec<A<'a>>,
    seg_source: Option<Content>,
    seg_source_raw: Option<&str>,
    target: Option<(Content, Vec<A<'a>>)>,
    states: UnitStates,
    shape: Option<bool>,
) {
    let UnitStates { approved, memoq } = states;
    let mut seg_source_kept = false;
    let (mut target, target_attrs) = match target {
        Some((c, a)) => (Some(c), a),
        None => (None, Vec::new()),
    };
    // Shared segment attributes from <source> and <target>.
    let mut proto = Segment::default();
    let mut first_attrs = List::new();
    // Other attributes of <source> and <target>; they go to the first
    // segment (1.2 has one <source> and one <target> per trans-unit).
    let mut source_extra = List::new();
    let mut target_extra = List::new();
    for a in &source_attrs {
        match a.name {
            "xml:lang" => proto.extra_mut().source_lang = Some(a.str(sh)),
            "xml:space" if parse_space(&a.value).is_some() => {
                proto.extra_mut().source_space = parse_space(&a.value)
            }
            _ => source_extra.push(a.attr(sh)),
        }
    }
    let mut state12: Option<Str> = None;
    for a in &target_attrs {
        match a.name {
            "xml:lang" => proto.extra_mut().target_lang = Some(a.str(sh)),
            "xml:space" if parse_space(&a.value).is_some() => {
                proto.extra_mut().target_space = parse_space(&a.value)
            }
            "state" => state12 = Some(a.str(sh)),
            "state-qualifier" => first_attrs.push(a.attr(sh)),
            _ => target_extra.push(a.attr(sh)),
        }
    }
    let is_approved = approved
        .as_ref()
        .is_some_and(|a| parse_yes_no(&a.value) == Some(true));
    if let Some(a) = approved {
        first_attrs.push(a);
    }
    let unit_state = match &state12 {
        Some(s) => {
            proto.sub_state = Some(sub_state_12(s));
            proto.state = state_from_12(s);
            if is_approved {
                proto.state = Some(State::Final);
            }
            true
        }
        None if is_approved => {
            proto.state = Some(State::Final);
            true
        }
        None => false,
    };
    let memoq = memoq.filter(|_| !unit_state);

    let segmented = match (shape, seg_source) {
        (Some(zip), Some(ss)) => {
            // Every use below drains the lists; emptied here all the same.
            for l in [&mut lists.source, &mut lists.target] {
                l.0.clear();
                l.1.clear();
            }
            split(ss, &mut lists.source);
            match (zip, target.take()) {
                (true, Some(t)) => {
                    split(t, &mut lists.target);
                    Some(true)
                }
                // A target without segments: no target pieces.
                (false, Some(_)) => Some(true),
                (_, None) => Some(false),
            }
        }
        (_, ss) => {
            seg_source_kept = ss.is_some();
            None
        }
    };
    let Some(has_target) = segmented else {
        // One segment: the whole source and target. A seg-source that could
        // not be matched is kept verbatim.
        if let Some(raw) = seg_source_raw.filter(|_| seg_source_kept) {
            unit.extensions.insert(0, Raw::new(raw));
        }
        let mut seg = proto;
        seg.source = source;
        seg.target = target;
        if !first_attrs.is_empty() {
            seg.extra_mut().attrs = first_attrs;
        }
        seg.extra_mut().source_attrs = source_extra;
        seg.extra_mut().target_attrs = target_extra;
        let memoq_state = memoq.as_deref().and_then(state_from_memoq);
        if let Some(st) = memoq_state.filter(|_| !unit_state) {
            seg.state = Some(st);
            seg.sub_state = memoq.map(|m| format!("mq:{m}").into());
        }
        parts.push(Part::Segment(seg));
        return;
    };
    let SplitLists {
        source: (gaps, segs),
        target: (tgaps, tsegs),
        tseg_at,
        tgap_at,
    } = lists;
    let blank_target = has_target && tsegs.is_empty();
    let confs = if unit_state {
        Vec::new()
    } else {
        sdl_confs(unit)
    };
    // Target segments and the gaps before them, by source segment index.
    let n = segs.len();
    tseg_at.clear();
    tseg_at.resize_with(n, || None);
    tgap_at.clear();
    tgap_at.resize_with(n + 1, || None);
    let mut tgaps = tgaps.drain(..);
    let mut j = 0;
    for (tm, tc) in tsegs.drain(..) {
        let gap = tgaps.next();
        while j < n && segs.get(j).is_some_and(|(m, _)| m.id != tm.id) {
            j += 1;
        }
        if let (Some(slot), Some(gslot)) = (tseg_at.get_mut(j), tgap_at.get_mut(j)) {
            *slot = Some((tm, tc));
            *gslot = gap;
            j += 1;
        }
    }
    if let Some(last) = tgap_at.get_mut(n) {
        *last = tgaps.next();
    }
    let mut first = true;
    drop(tgaps);
    let mut gaps = gaps.drain(..);
    let mut tseg_at = tseg_at.drain(..);
    let mut tgap_at = tgap_at.drain(..);
    // The last segment takes the prototype itself, the others a copy.
    let last = segs.len().saturating_sub(1);
    for (i, (m, content)) in segs.drain(..).enumerate() {
        push_gap(
            parts,
            gaps.next().unwrap_or_default(),
            tgap_at.next().flatten(),
            has_target,
        );
        let m = m.into_inner();
        let mut seg = if i == last {
            std::mem::take(&mut proto)
        } else {
            proto.clone()
        };
        seg.id = m.id;
        seg.source = content;
        for a in m.attrs {
            seg.extra_mut()
                .attrs
                .push(Attr::new(format!("mrk:{}", a.name), a.value));
        }
        if let Some(v) = m.value {
            seg.extra_mut().attrs.push(Attr::new("mrk:comment", v));
        }
        if first {
            seg.extra_mut().attrs.append(&mut first_attrs);
            seg.extra_mut().source_attrs.append(&mut source_extra);
            seg.extra_mut().target_attrs.append(&mut target_extra);
            first = false;
        }
        let tseg = tseg_at.next().flatten();
        if has_target {
            if blank_target {
                seg.target = Some(Content::new());
            } else if let Some((tm, tc)) = tseg {
                for a in &tm.attrs {
                    seg.extra_mut()
                        .attrs
                        .push(Attr::new(format!("target-mrk:{}", a.name), a.value.clone()));
                }
                seg.target = Some(tc);
            }
        }
        if !unit_state {
            let conf = seg
                .id
                .as_deref()
                .and_then(|id| confs.iter().find(|(i, _)| i == id))
                .map(|(_, c)| c.clone());
            if let Some(c) = conf {
                seg.state = state_from_sdl(&c);
                seg.sub_state = Some(format!("sdl:{c}").into());
            } else if let Some(st) = memoq.as_deref().and_then(state_from_memoq) {
                seg.state = Some(st);
                seg.sub_state = memoq.as_ref().map(|m| format!("mq:{m}").into());
            }
        }
        parts.push(Part::Segment(seg));
    }
    push_gap(
        parts,
        gaps.next().unwrap_or_default(),
        tgap_at.next().flatten(),
        has_target,
    );
}

/// Whether `sub` is `all` with some items left out, in order, and without
/// repeats.
fn is_subsequence(sub: &[Option<&str>], all: &[Option<&str>]) -> bool {
    if sub.is_empty() {
        return false;
    }
    let mut rest = all.iter();
    sub.iter().all(|id| id.is_some() && rest.any(|a| a == id))
}

fn push_gap(parts: &mut List<Part>, source: Content, target: Option<Content>, has_target: bool) {
    let target = if has_target {
        Some(target.unwrap_or_default())
    } else {
        None
    };
    let target_blank = target.as_ref().is_none_or(Content::is_empty);
    if source.is_empty() && target_blank {
        return;
    }
    parts.push(Part::Ignorable(Ignorable {
        id: None,
        source,
        target,
    }));
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
