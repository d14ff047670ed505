//! XML helpers shared by the XLIFF 1.2 and 2.x readers and writers.
//!
//! - `XmlReader` (crate-internal): a pull reader over UTF-8 text on top of quick-xml that
//!   refuses DTDs, caps nesting depth and name/attribute sizes, reports
//!   unclosed elements at end of input, validates entity references, and
//!   turns every failure into an [`Error::Xml`] with the position in the
//!   original file (through the [`SourceMap`]) and the current unit id.
//! - `Namespaces` (crate-internal): a light prefix → namespace scope.
//! - [`push_ref`], [`attr_value`]: resolved text and attribute values.
//! - [`escape_text`], `escape_attr`: escaping for writers.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::attributes::{Attribute, Attributes};
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::encoding::SourceMap;
use super::str::{Shared, Str};
use crate::error::{Error, Location, Position, Problem, ProblemKind};

/// Deepest element nesting accepted.
pub const MAX_DEPTH: usize = 256;
/// Longest element or attribute name accepted, in bytes.
pub(crate) const MAX_NAME: usize = 1024;
/// Deepest nesting of inline elements (`pc`, `mrk`; 1.2 `g`, `mrk`)
/// accepted: content is read recursively, and this keeps the stack it
/// needs small on any thread.
pub(crate) const MAX_INLINE_DEPTH: usize = 64;
/// Longest attribute value accepted, in bytes.
pub(crate) const MAX_ATTR_VALUE: usize = 1 << 20;

/// The namespace of `xml:` attributes.
pub(crate) const XML_NS: &str = crate::ns::XML;

/// Text being parsed and how to report positions in it.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    /// The decoded text (no BOM): the whole document, or the window of it
    /// being read.
    pub(crate) text: &'a str,
    /// The offset in the document of `text`'s first byte (0 unless reading
    /// through a window): the readers' offsets count from the start of
    /// the document.
    pub(crate) base: usize,
    /// Maps offsets in `text` back to the original bytes.
    pub(crate) map: &'a SourceMap,
    /// Makes model strings: views when `text` is its shared buffer.
    pub(crate) shared: &'a Shared,
}

impl<'a> Ctx<'a> {
    /// The context of a whole document.
    pub(crate) fn whole(text: &'a str, map: &'a SourceMap, shared: &'a Shared) -> Ctx<'a> {
        Ctx {
            text,
            base: 0,
            map,
            shared,
        }
    }

    /// The text between document offsets `from` and `to` (empty where that
    /// is not in the text held).
    #[inline]
    pub(crate) fn slice(&self, from: usize, to: usize) -> &'a str {
        match (from.checked_sub(self.base), to.checked_sub(self.base)) {
            (Some(a), Some(b)) => self.text.get(a..b).unwrap_or(""),
            _ => "",
        }
    }

    /// The text from document offset `from` on.
    #[inline]
    pub(crate) fn rest(&self, from: usize) -> &'a str {
        from.checked_sub(self.base)
            .and_then(|a| self.text.get(a..))
            .unwrap_or("")
    }

    /// A model string for `s` (a view into the shared text when `s` is a
    /// slice of it).
    #[inline]
    pub(crate) fn str(&self, s: &str) -> Str {
        self.shared.str(s)
    }

    /// The position in the original input of byte `offset` of the text.
    pub(crate) fn position(&self, offset: usize) -> Position {
        self.map.position(self.text, offset)
    }

    /// A positioned [`Problem`] (an error) of `kind`.
    pub(crate) fn problem(
        &self,
        offset: usize,
        unit: Option<&str>,
        kind: ProblemKind,
        message: impl Into<String>,
    ) -> Problem {
        Problem::error(
            kind,
            Location {
                file: None,
                position: Some(self.position(offset)),
                unit: unit.map(str::to_owned),
            },
            message,
        )
    }

    /// A positioned [`Error::Xml`].
    pub(crate) fn error(
        &self,
        offset: usize,
        unit: Option<&str>,
        message: impl Into<String>,
    ) -> Error {
        self.error_of(crate::ErrorKind::Malformed, offset, unit, message)
    }

    /// A positioned [`Error::Xml`] of `kind`.
    pub(crate) fn error_of(
        &self,
        kind: crate::ErrorKind,
        offset: usize,
        unit: Option<&str>,
        message: impl Into<String>,
    ) -> Error {
        let p = self.problem(offset, unit, ProblemKind::Unreadable, message);
        Error::Xml {
            kind,
            location: p.location,
            message: p.message,
        }
    }
}

/// A text run being gathered from pieces (text events, references, CDATA,
/// `<cp>`): while it is one slice of the input it stays that slice, so that
/// it becomes a view into the shared text ([`Ctx::str`]) without copying;
/// a second piece moves it into a buffer, which is reused from run to run.
#[derive(Default)]
pub(crate) struct TextRun<'a> {
    /// The run while it is a single borrowed slice.
    one: Option<&'a str>,
    /// The run once it has more than one piece (or an owned one).
    buf: String,
}

impl<'a> TextRun<'a> {
    /// True when nothing has been gathered.
    pub(crate) fn is_empty(&self) -> bool {
        self.one.is_none() && self.buf.is_empty()
    }

    /// Adds a piece: a borrowed first piece is kept as a slice.
    #[inline(always)]
    pub(crate) fn push(&mut self, piece: Cow<'a, str>) {
        match piece {
            Cow::Borrowed(s) if self.is_empty() => {
                if !s.is_empty() {
                    self.one = Some(s);
                }
            }
            _ => self.push_str(&piece),
        }
    }

    /// Drops what has been gathered (keeping the buffer's memory).
    pub(crate) fn clear(&mut self) {
        self.one = None;
        self.buf.clear();
    }

    /// Adds text that is not a slice of the input.
    pub(crate) fn push_str(&mut self, s: &str) {
        if let Some(one) = self.one.take() {
            self.buf.push_str(one);
        }
        self.buf.push_str(s);
    }

    /// Adds a character.
    pub(crate) fn push_char(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    /// Ends the run: its text (`None` when empty), a view when it was one
    /// slice of the input, else a copy of the buffer (which is kept).
    #[inline]
    pub(crate) fn take(&mut self, ctx: &Ctx<'_>) -> Option<Str> {
        if let Some(one) = self.one.take() {
            return Some(ctx.str(one));
        }
        if self.buf.is_empty() {
            return None;
        }
        let s = Str::from(self.buf.as_str());
        self.buf.clear();
        Some(s)
    }
}

/// A pull reader with the safety checks every XLIFF reader needs.
///
/// Cloning it is cheap (the open-element stack is copied, the text is
/// borrowed): a reader can look ahead on a clone and drop it.
#[derive(Clone)]
pub(crate) struct XmlReader<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
    /// Where positions come from.
    pub(crate) ctx: Ctx<'a>,
    /// The id of the unit being read, for error locations.
    pub(crate) unit: Option<Str>,
    /// Open elements: (qualified name, start offset).
    open: Vec<(&'a str, usize)>,
    /// Start offset of the last event returned.
    last_start: usize,
    /// The qualified name of the last `Start` or `Empty` event returned.
    last_name: &'a str,
    /// Warnings about the XML itself (a DOCTYPE that names a DTD), for the
    /// parser to add to its problems.
    pub(crate) warnings: Vec<Problem>,
    /// Reading a window that starts inside elements: end tags are matched
    /// with their start tags here (quick-xml has not seen the starts).
    resumed: bool,
    /// The attribute names of a tag with many, for the duplicate check of
    /// [`scan_attributes_into`](Self::scan_attributes_into); left empty
    /// (so that a clone copies none).
    many_names: foldhash::HashSet<&'a str>,
}

impl<'a> XmlReader<'a> {
    /// A reader over `ctx.text`.
    pub(crate) fn new(ctx: Ctx<'a>) -> XmlReader<'a> {
        let mut reader = quick_xml::Reader::from_str(ctx.text);
        let config = reader.config_mut();
        config.expand_empty_elements = false;
        config.check_end_names = true;
        config.trim_text(false);
        XmlReader {
            reader,
            ctx,
            unit: None,
            open: Vec::new(),
            last_start: ctx.base,
            last_name: "",
            warnings: Vec::new(),
            resumed: false,
            many_names: foldhash::HashSet::default(),
        }
    }

    /// A reader over a window of a document (`ctx.text`, from offset
    /// `ctx.base`) that starts inside the elements `open` (name and start
    /// offset, outermost first), with the warnings met so far.
    pub(crate) fn resume(
        ctx: Ctx<'a>,
        open: &'a [(Str, usize)],
        warnings: Vec<Problem>,
    ) -> XmlReader<'a> {
        let mut r = XmlReader::new(ctx);
        let config = r.reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        r.open = open.iter().map(|(n, at)| (n.as_str(), *at)).collect();
        r.warnings = warnings;
        r.resumed = true;
        r
    }

    /// The open elements (name and start offset, outermost first).
    pub(crate) fn open_elements(&self) -> &[(&'a str, usize)] {
        &self.open
    }

    /// The current nesting depth (open elements).
    pub(crate) fn depth(&self) -> usize {
        self.open.len()
    }

    /// The qualified name of the last `Start` or `Empty` event returned (a
    /// slice of the input).
    pub(crate) fn last_name(&self) -> &'a str {
        self.last_name
    }

    /// Start offset of the last event returned.
    pub(crate) fn last_start(&self) -> usize {
        self.last_start
    }

    /// End offset of the last event returned.
    pub(crate) fn last_end(&self) -> usize {
        usize::try_from(self.reader.buffer_position())
            .unwrap_or(usize::MAX)
            .saturating_add(self.ctx.base)
    }

    /// A positioned error at `offset` naming the current unit.
    pub(crate) fn error_at(&self, offset: usize, message: impl Into<String>) -> Error {
        self.ctx.error(offset, self.unit.as_deref(), message)
    }

    /// A positioned error of `kind` at `offset` naming the current unit.
    pub(crate) fn error_of(
        &self,
        kind: crate::ErrorKind,
        offset: usize,
        message: impl Into<String>,
    ) -> Error {
        self.ctx
            .error_of(kind, offset, self.unit.as_deref(), message)
    }

    /// `problems` with the reader's own warnings among them, in document
    /// order.
    pub(crate) fn with_warnings(&mut self, mut problems: Vec<Problem>) -> Vec<Problem> {
        if self.warnings.is_empty() {
            return problems;
        }
        problems.append(&mut self.warnings);
        // Stable: problems found at one place keep their order.
        problems.sort_by_key(|p| p.location.position.map(|p| p.byte));
        problems
    }

    /// A positioned problem at `offset` naming the current unit.
    pub(crate) fn problem_at(
        &self,
        offset: usize,
        kind: ProblemKind,
        message: impl Into<String>,
    ) -> Problem {
        self.ctx
            .problem(offset, self.unit.as_deref(), kind, message)
    }

    /// The next event. `Start`/`Empty`/`End` are checked for depth and name
    /// size; `DocType` is refused; `Eof` with open elements is an error;
    /// `GeneralRef` is returned as is (use [`push_ref`]).
    ///
    /// # Errors
    ///
    /// Malformed XML, DTDs, nesting deeper than [`MAX_DEPTH`], names longer
    /// than [`MAX_NAME`], unclosed elements at end of input.
    #[inline(always)]
    pub(crate) fn next(&mut self) -> Result<Event<'a>, Error> {
        let start = self.last_end();
        self.last_start = start;
        // The checks inline; their errors are made out of line.
        let event = match self.reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(self.malformed(&e, start)),
        };
        match &event {
            Event::Start(e) => {
                let name = self.tag_name(e, start)?;
                self.last_name = name;
                self.open.push((name, start));
            }
            Event::Empty(e) => {
                self.last_name = self.tag_name(e, start)?;
            }
            Event::End(e) => {
                if self.resumed {
                    self.match_end(e.name().as_ref(), start)?;
                }
                self.open.pop();
            }
            Event::DocType(d) => {
                // Declarations (an internal subset) could define entities:
                // refused. A bare DOCTYPE, or one that only names an
                // external DTD (never fetched), declares nothing.
                if d.as_ref().contains('[') {
                    return Err(self.error_of(
                        crate::ErrorKind::Dtd,
                        start,
                        "a DTD with declarations (<!DOCTYPE ... [ ... ]>) is not accepted",
                    ));
                }
                let w = self.problem_at(
                    start,
                    ProblemKind::Doctype,
                    "a <!DOCTYPE> (XLIFF has no DTD; it is ignored and never fetched)",
                );
                self.warnings.push(Problem {
                    severity: crate::Severity::Warning,
                    ..w
                });
                return self.next();
            }
            Event::Eof => {
                if let Some(&(name, at)) = self.open.last() {
                    return Err(self.error_at(
                        at,
                        format!("element <{name}> is not closed at end of input"),
                    ));
                }
            }
            _ => {}
        }
        Ok(event)
    }

    /// Checks that the end tag named `name` at `start` closes the innermost
    /// open element, with the error quick-xml gives when it checks.
    #[inline]
    fn match_end(&self, name: &str, start: usize) -> Result<(), Error> {
        use quick_xml::errors::IllFormedError;
        let e = match self.open.last() {
            Some(&(open, _)) if open == name => return Ok(()),
            Some(&(open, _)) => IllFormedError::MismatchedEndTag {
                expected: open.to_owned(),
                found: name.to_owned(),
            },
            None => IllFormedError::UnmatchedEndTag(name.to_owned()),
        };
        let e = quick_xml::Error::IllFormed(e);
        Err(self.error_at(start, format!("malformed XML: {e}")))
    }

    /// The error for a quick-xml error met reading from `start`.
    #[cold]
    #[inline(never)]
    fn malformed(&self, e: &quick_xml::Error, start: usize) -> Error {
        let at = usize::try_from(self.reader.error_position())
            .map_or(start, |p| p.saturating_add(self.ctx.base));
        self.error_at(at, format!("malformed XML: {e}"))
    }

    /// The name of a `Start`/`Empty` tag at `start` as a slice of the input,
    /// after the checks of its size and of the nesting depth.
    #[inline(always)]
    fn tag_name(&self, e: &BytesStart<'_>, start: usize) -> Result<&'a str, Error> {
        let len = e.name().as_ref().len();
        if len > MAX_NAME || self.open.len() >= MAX_DEPTH {
            return Err(self.tag_error(len));
        }
        // A `<` inside a tag (in an attribute value, which must write it
        // `&lt;`) is not well-formed; quick-xml does not look. Only a tag
        // longer than `<name/>` has room for one.
        let tag = self.last_text().as_bytes();
        if tag.len() > len + 3
            && let Some(t) = tag.get(1 + len..)
            && has_lt(t)
        {
            return Err(self.lt_in_tag(start + 1 + len, t));
        }
        // The name as a slice of the input text (after '<').
        Ok(self.ctx.slice(start + 1, start + 1 + len))
    }

    /// The error for the first `<` in `t`, the part of a tag from `from`.
    #[cold]
    #[inline(never)]
    fn lt_in_tag(&self, from: usize, t: &[u8]) -> Error {
        let at = from + t.iter().position(|&b| b == b'<').unwrap_or(0);
        self.error_at(
            at,
            "malformed XML: '<' inside a tag (an attribute value must write it as &lt;)",
        )
    }

    /// The error [`tag_name`](Self::tag_name) refuses a tag with.
    #[cold]
    #[inline(never)]
    fn tag_error(&self, len: usize) -> Error {
        let start = self.last_start;
        if len > MAX_NAME {
            self.error_of(
                crate::ErrorKind::Limit,
                start,
                format!("element name longer than {MAX_NAME} bytes"),
            )
        } else {
            self.error_of(
                crate::ErrorKind::Limit,
                start,
                format!("elements nested deeper than {MAX_DEPTH}"),
            )
        }
    }

    /// Skips the rest of the element whose `Start` event was just returned
    /// (starting at `start`), checking it as [`next`](Self::next) does and
    /// refusing unknown entity references, and returns its full text
    /// `start..end`, start and end tags included.
    ///
    /// # Errors
    ///
    /// As [`next`](Self::next), and unknown entity references.
    pub(crate) fn capture(&mut self, start: usize) -> Result<&'a str, Error> {
        let depth = self.open.len();
        while self.open.len() >= depth {
            match self.next()? {
                Event::GeneralRef(r) => {
                    let at = self.last_start;
                    resolve_ref(&r).map_err(|m| self.error_at(at, m))?;
                }
                Event::Eof => {
                    return Err(self.error_at(start, "element is not closed at end of input"));
                }
                _ => {}
            }
        }
        let end = self.last_end();
        Ok(self.ctx.slice(start, end))
    }

    /// The attributes of the last event, which must be a `Start` or `Empty`
    /// tag whose qualified name is `name_len` bytes long; they borrow from
    /// the input text, not from the event.
    pub(crate) fn attributes(&self, name_len: usize, empty: bool) -> Attributes<'a> {
        let tag = self.last_text();
        let end = tag.len().saturating_sub(if empty { 2 } else { 1 });
        let inner = tag.get(1..end).unwrap_or("");
        Attributes::new(inner, name_len.min(inner.len()))
    }

    /// The attributes of the last event as [`attributes`](Self::attributes)
    /// gives them, read by [`AttrScan`] (no allocation, no unescaping of
    /// values that need none). On [`Malformed`] read them again with
    /// [`attributes`](Self::attributes) for the error.
    #[inline]
    fn scan_attributes(&self, name_len: usize, empty: bool) -> AttrScan<'a> {
        let close = if empty { 2 } else { 1 };
        // A tag that is only `<`, its name and `>` or `/>` has nothing to
        // scan.
        if self.last_end().saturating_sub(self.last_start) == 1 + name_len + close {
            return AttrScan { s: "", pos: 0 };
        }
        let tag = self.last_text();
        let end = tag.len().saturating_sub(close);
        let inner = tag.get(1..end).unwrap_or("");
        AttrScan {
            s: inner,
            pos: name_len.min(inner.len()),
        }
    }

    /// Reads the last tag's attributes with [`AttrScan`] into `out`, which
    /// must be empty: `make` makes each from its qualified name, that name
    /// split into (prefix, local name), and its value as [`attr_value`]
    /// gives it. `out` takes a list from `pool` at the first attribute
    /// (most content tags have none). Returns false when the scan does not
    /// read the tag (malformed, a name given twice, or a value
    /// `attr_value` refuses), perhaps with some attributes in `out`: read
    /// it again with [`attributes`](Self::attributes), whose errors are
    /// quick-xml's.
    ///
    /// Duplicate names are found by a scan of the names so far while there
    /// are few, with a hash set from [`MANY_ATTRS`] on (foldhash, seeded
    /// per process): a crafted tag with thousands of attributes costs no
    /// more than its length.
    #[inline]
    pub(crate) fn scan_attributes_into<T: Named<'a>>(
        &mut self,
        name_len: usize,
        empty: bool,
        out: &mut Vec<T>,
        pool: &mut Vec<Vec<T>>,
        mut make: impl FnMut(&'a str, (&'a str, &'a str), Cow<'a, str>) -> T,
    ) -> bool {
        debug_assert!(out.is_empty());
        let mut read = true;
        for a in self.scan_attributes(name_len, empty) {
            let Ok(a) = a else {
                read = false;
                break;
            };
            let seen = if out.len() < MANY_ATTRS {
                out.iter().any(|x| x.name() == a.key)
            } else {
                if self.many_names.is_empty() {
                    self.many_names.extend(out.iter().map(T::name));
                }
                !self.many_names.insert(a.key)
            };
            if seen {
                read = false;
                break;
            }
            let Some(value) = a.value() else {
                read = false;
                break;
            };
            if out.capacity() == 0 {
                *out = pool.pop().unwrap_or_default();
            }
            out.push(make(a.key, a.split_name(), value));
        }
        if !self.many_names.is_empty() {
            self.many_names.clear();
        }
        read
    }

    /// The text of the last event (`last_start..last_end`).
    pub(crate) fn last_text(&self) -> &'a str {
        self.ctx.slice(self.last_start, self.last_end())
    }
}

/// True when `t` holds a `<`: eight bytes at a time, inline (a tag's few
/// bytes are searched quicker so than by a call to memchr).
#[inline(always)]
fn has_lt(t: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut words = t.chunks_exact(8);
    for w in &mut words {
        let Ok(w) = <[u8; 8]>::try_from(w) else {
            break;
        };
        // A byte of `x` is zero where `w` has `<` (exact: a zero byte is
        // there when, and only when, the expression is not zero).
        let x = u64::from_le_bytes(w) ^ (ONES * u64::from(b'<'));
        if x.wrapping_sub(ONES) & !x & (ONES << 7) != 0 {
            return true;
        }
    }
    // The last few bytes one by one (`contains` would call memchr).
    let mut found = false;
    for &b in words.remainder() {
        found |= b == b'<';
    }
    found
}

/// Appends the character an entity or character reference stands for.
///
/// # Errors
///
/// A message for a reference to an entity other than the five predefined
/// ones, or a character reference to a character XML does not allow.
pub fn push_ref(out: &mut String, r: &BytesRef<'_>) -> Result<(), String> {
    match resolve_ref(r)? {
        Resolved::Entity(s) => out.push_str(s),
        Resolved::Char(c) => out.push(c),
    }
    Ok(())
}

/// What a reference stands for.
pub enum Resolved {
    /// One of the five predefined entities.
    Entity(&'static str),
    /// A character reference.
    Char(char),
}

/// Resolves a reference without allocating.
///
/// # Errors
///
/// As [`push_ref`].
#[inline]
pub fn resolve_ref(r: &BytesRef<'_>) -> Result<Resolved, String> {
    if r.is_char_ref() {
        match r.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Ok(Resolved::Char(c)),
            Ok(_) | Err(_) => Err(format!("invalid character reference &{};", &**r)),
        }
    } else {
        match quick_xml::escape::resolve_predefined_entity(r) {
            Some(s) => Ok(Resolved::Entity(s)),
            None => Err(format!(
                "unknown entity &{};: only the five predefined entities and character references are accepted",
                &**r
            )),
        }
    }
}

/// True for a character XML 1.0 allows in a document.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The value of an attribute, references resolved and white space
/// normalised as XML requires.
///
/// # Errors
///
/// A message for unknown entities and values longer than
/// `MAX_ATTR_VALUE` (1 MiB).
pub fn attr_value<'a>(a: &Attribute<'a>) -> Result<Cow<'a, str>, String> {
    if a.value.len() > MAX_ATTR_VALUE {
        return Err(format!(
            "attribute value longer than {MAX_ATTR_VALUE} bytes"
        ));
    }
    if a.key.as_ref().len() > MAX_NAME {
        return Err(format!("attribute name longer than {MAX_NAME} bytes"));
    }
    let value = a
        .normalized_value(XmlVersion::Implicit1_0)
        .map_err(|e| format!("attribute {}: {e}", a.key.as_ref()))?;
    // A borrowed value is a slice of the input, whose characters were
    // checked; a character reference can bring in one XML does not allow
    // (`&#x1A;`), which quick-xml resolves without complaint.
    if matches!(value, Cow::Owned(_)) && value.contains(|c: char| !is_xml_char(c)) {
        return Err(format!(
            "attribute {}: a character reference to a character XML does not allow",
            a.key.as_ref()
        ));
    }
    Ok(value)
}

/// From this many attributes on, a tag's names are looked up in a hash set
/// rather than by a scan (quick-xml switches at the same count).
const MANY_ATTRS: usize = 32;

/// An attribute as a reader keeps it, named for the duplicate check of
/// [`XmlReader::scan_attributes_into`].
pub(crate) trait Named<'a> {
    /// The qualified name, as written.
    fn name(&self) -> &'a str;
}

/// A tag [`AttrScan`] does not read: [`XmlReader::attributes`] has the
/// error (or, in doubt, reads it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed;

/// One attribute found by [`AttrScan`]: its name and its raw value (the
/// text between the quotes), both slices of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawAttr<'a> {
    /// The qualified name.
    pub(crate) key: &'a str,
    /// The value as written.
    pub(crate) raw: &'a str,
    /// False when the raw value holds a reference, tab or line end (which
    /// [`attr_value`] resolves or normalises).
    plain: bool,
    /// Where the first `:` of the name is, if it has one.
    colon: Option<usize>,
}

impl<'a> RawAttr<'a> {
    /// The name split as [`split_name`] splits it: (prefix, local name).
    #[inline]
    pub(crate) fn split_name(&self) -> (&'a str, &'a str) {
        match self.colon {
            Some(i) => (
                self.key.get(..i).unwrap_or(""),
                self.key.get(i + 1..).unwrap_or(""),
            ),
            None => ("", self.key),
        }
    }

    /// The value as [`attr_value`] gives it; `None` where that is an error.
    pub(crate) fn value(&self) -> Option<Cow<'a, str>> {
        if self.plain && self.raw.len() <= MAX_ATTR_VALUE && self.key.len() <= MAX_NAME {
            // What normalising a value without `&`, tab or line end gives.
            return Some(Cow::Borrowed(self.raw));
        }
        let a = Attribute {
            key: quick_xml::name::QName(self.key),
            value: Cow::Borrowed(self.raw),
        };
        attr_value(&a).ok()
    }
}

fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The attributes of a start tag, read over the input text the way
/// quick-xml's attribute iterator reads them in XML mode: after white
/// space, a name runs from its first byte to `=` or white space; `=` comes
/// next (white space aside), then a single- or double-quoted value. Where
/// quick-xml would report an error this yields [`Malformed`] and stops.
/// Duplicate names are left to the caller.
pub(crate) struct AttrScan<'a> {
    /// The tag without `<` and the closing `>` or `/>`.
    s: &'a str,
    /// Where the next attribute is looked for.
    pos: usize,
}

impl<'a> AttrScan<'a> {
    /// The attributes of a start tag's text `tag` (without `<` and the
    /// closing `>`), after its name (`name_len` bytes).
    pub(crate) fn over(tag: &'a str, name_len: usize) -> AttrScan<'a> {
        let tag = tag.strip_suffix('/').unwrap_or(tag);
        AttrScan {
            s: tag,
            pos: name_len.min(tag.len()),
        }
    }
}

impl<'a> Iterator for AttrScan<'a> {
    type Item = Result<RawAttr<'a>, Malformed>;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let b = self.s.as_bytes();
        let mut i = self.pos;
        while b.get(i).copied().is_some_and(is_xml_space) {
            i += 1;
        }
        if i >= b.len() {
            self.pos = i;
            return None;
        }
        // From here on any failure ends the scan.
        self.pos = b.len();
        let key_start = i;
        let mut colon = None;
        // Name bytes are above `=` (`:` and white space are below it) but
        // for a few: one comparison for most of them.
        while let Some(&c) = b.get(i) {
            if c <= b'=' {
                if c == b':' {
                    colon = colon.or(Some(i - key_start));
                } else if i > key_start && (c == b'=' || is_xml_space(c)) {
                    break;
                }
            }
            i += 1;
        }
        let key_end = i;
        while b.get(i).copied().is_some_and(is_xml_space) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            return Some(Err(Malformed));
        }
        i += 1;
        while b.get(i).copied().is_some_and(is_xml_space) {
            i += 1;
        }
        let quote = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Some(Err(Malformed)),
        };
        let value_start = i + 1;
        let mut plain = true;
        let mut j = value_start;
        // The quotes, `&`, tab and line ends are all below `(`: one
        // comparison for most bytes.
        loop {
            match b.get(j) {
                None => return Some(Err(Malformed)),
                Some(&c) if c < b'(' => {
                    if c == quote {
                        break;
                    }
                    plain &= !matches!(c, b'&' | b'\t' | b'\n' | b'\r');
                }
                Some(_) => {}
            }
            j += 1;
        }
        // Every boundary is next to an ASCII byte (or an end).
        let (Some(key), Some(raw)) = (
            slice_between(self.s, key_start, key_end),
            slice_between(self.s, value_start, j),
        ) else {
            return Some(Err(Malformed));
        };
        self.pos = j + 1;
        Some(Ok(RawAttr {
            key,
            raw,
            plain,
            colon,
        }))
    }
}

/// `s.get(from..to)`, by splits (which inline where `get` with a range
/// does not).
#[inline(always)]
fn slice_between(s: &str, from: usize, to: usize) -> Option<&str> {
    let (head, _) = s.split_at_checked(to)?;
    Some(head.split_at_checked(from)?.1)
}

/// A prefix → namespace scope. Declarations are pushed with the depth of
/// the element carrying them and popped when it closes.
#[derive(Default)]
pub(crate) struct Namespaces {
    /// (depth, prefix ("" for the default namespace), namespace, tag).
    bindings: Vec<(usize, Str, Str, u8)>,
}

impl Namespaces {
    /// Declares `prefix` (empty for the default namespace) at `depth`, with
    /// a caller-chosen tag for its namespace, so that
    /// lookups can compare a byte instead of the namespace string.
    pub(crate) fn declare_tagged(&mut self, depth: usize, prefix: &str, ns: &str, tag: u8) {
        self.bindings.push((depth, prefix.into(), ns.into(), tag));
    }

    /// The tag of the namespace bound to `prefix` (`None` when unbound or
    /// bound to the empty name).
    pub(crate) fn resolve_tag(&self, prefix: &str) -> Option<u8> {
        // Lengths first: most lookups are for the default namespace, and
        // comparing empty strings still costs a call otherwise.
        self.bindings
            .iter()
            .rev()
            .find(|b| b.1.len() == prefix.len() && (prefix.is_empty() || &*b.1 == prefix))
            .filter(|b| !b.2.is_empty())
            .map(|b| b.3)
    }

    /// The tag of the namespace bound to `prefix`, also when that is the
    /// empty name (`xmlns=""` undeclares the default namespace: the name
    /// is then in no namespace, which a reader may need to tell from an
    /// unbound prefix).
    pub(crate) fn bound_tag(&self, prefix: &str) -> Option<u8> {
        self.bindings
            .iter()
            .rev()
            .find(|b| b.1.len() == prefix.len() && (prefix.is_empty() || &*b.1 == prefix))
            .map(|b| b.3)
    }

    /// Drops the declarations made at `depth` or deeper.
    #[inline]
    pub(crate) fn close(&mut self, depth: usize) {
        while self.bindings.last().is_some_and(|b| b.0 >= depth) {
            self.bindings.pop();
        }
    }

    /// The bindings in scope that were declared by elements deeper than
    /// `above` and shallower than `below`, innermost declaration of each
    /// prefix only: (prefix, namespace).
    pub(crate) fn declared_between(&self, above: usize, below: usize) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for b in self.bindings.iter().rev() {
            if b.0 > above && b.0 < below && !out.iter().any(|o| o.0 == &*b.1) {
                out.push((&b.1, &b.2));
            }
        }
        out
    }

    /// The namespace `prefix` was bound to by the element at `depth`.
    pub(crate) fn binding_at(&self, depth: usize, prefix: &str) -> Option<&str> {
        self.bindings
            .iter()
            .rev()
            .find(|b| b.0 == depth && &*b.1 == prefix)
            .map(|b| &*b.2)
    }

    /// The namespace bound to `prefix` ("" for the default namespace).
    /// `xml` is always bound.
    pub(crate) fn resolve(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        self.bindings
            .iter()
            .rev()
            .find(|b| &*b.1 == prefix)
            .map(|b| &*b.2)
            .filter(|ns| !ns.is_empty())
    }
}

/// Splits a qualified name into (prefix, local name); the prefix is empty
/// when there is none.
pub(crate) fn split_name(name: &str) -> (&str, &str) {
    // A byte search: names are short, and `split_once(char)` costs a
    // searcher set-up per call.
    match name.bytes().position(|b| b == b':') {
        Some(i) => (name.get(..i).unwrap_or(""), name.get(i + 1..).unwrap_or("")),
        None => ("", name),
    }
}

/// Appends `s` escaped for element content: `&`, `<`, `>` and carriage
/// returns (kept as `&#xD;` so they survive line-end normalisation).
/// Characters XML cannot hold are passed to `invalid`, which writes a
/// replacement (2.x writes `<cp hex="..."/>`).
pub fn escape_text(out: &mut String, s: &str, invalid: &mut dyn FnMut(&mut String, char)) {
    let b = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time past those that need nothing (most text).
        while let Some(chunk) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if may_need_escaping(x) {
                break;
            }
            i += 8;
        }
        let end = (i + 8).min(b.len());
        while i < end {
            let Some(&c) = b.get(i) else { break };
            let rep = match c {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'\r' => "&#xD;",
                0..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0xEF => "",
                _ => {
                    i += 1;
                    continue;
                }
            };
            if c == 0xEF {
                // U+FFFE and U+FFFF are EF BF BE / EF BF BF.
                let ch = s.get(i..).and_then(|t| t.chars().next());
                if !matches!(ch, Some('\u{FFFE}' | '\u{FFFF}')) {
                    i += 1;
                    continue;
                }
            }
            out.push_str(s.get(last..i).unwrap_or(""));
            if rep.is_empty() {
                let ch = s
                    .get(i..)
                    .and_then(|t| t.chars().next())
                    .unwrap_or('\u{FFFD}');
                invalid(out, ch);
                i += ch.len_utf8();
            } else {
                out.push_str(rep);
                i += 1;
            }
            last = i;
        }
    }
    out.push_str(s.get(last..).unwrap_or(""));
}

/// Whether any of the eight bytes of `x` is one [`escape_text`] may have to
/// replace: below a space (control characters, carriage return; also tab
/// and line feed, which it then keeps), `&`, `<`, `>`, or 0xEF (which
/// opens U+FFFE and U+FFFF). Each test sets a byte's top bit where that
/// byte matches (the usual "has a zero byte" and "has a byte below n"
/// word tricks); a false "yes" only sends the bytes the slow way.
#[inline(always)]
fn may_need_escaping(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & TOPS;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & TOPS;
    (below_space
        | zero(x ^ (ONES * u64::from(b'&')))
        | zero(x ^ (ONES * u64::from(b'<')))
        | zero(x ^ (ONES * u64::from(b'>')))
        | zero(x ^ (ONES * 0xEF)))
        != 0
}

/// Appends `s` escaped for a double-quoted attribute value: `&`, `<`, `"`
/// and tab, newline, carriage return as character references (so they
/// survive attribute-value normalisation). Characters XML cannot hold are
/// dropped.
pub(crate) fn escape_attr(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'"' => "&quot;",
            b'\t' => "&#x9;",
            b'\n' => "&#xA;",
            b'\r' => "&#xD;",
            0..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F => {
                unwritable(char::from(b));
                ""
            }
            0xEF => {
                let c = s.get(i..).and_then(|t| t.chars().next());
                let Some(c @ ('\u{FFFE}' | '\u{FFFF}')) = c else {
                    continue;
                };
                unwritable(c);
                out.push_str(s.get(last..i).unwrap_or(""));
                last = i + 3;
                continue;
            }
            _ => continue,
        };
        out.push_str(s.get(last..i).unwrap_or(""));
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(s.get(last..).unwrap_or(""));
}

thread_local! {
    /// The first character an attribute value held that XML cannot hold,
    /// since the writer being run started ([`refusing_unwritable`]).
    static UNWRITABLE: std::cell::Cell<Option<char>> = const { std::cell::Cell::new(None) };
}

fn unwritable(c: char) {
    UNWRITABLE.with(|u| {
        if u.get().is_none() {
            u.set(Some(c));
        }
    });
}

/// Runs a writer over `out` and turns a character that an attribute value
/// held but XML cannot hold (a control character, U+FFFE, U+FFFF; text
/// has `<cp>` or its own error, attributes have neither) into an
/// [`Error::Unwritable`] instead of a silently changed value; `out` is then left
/// as it was.
pub fn refusing_unwritable<E: From<Error>>(
    out: &mut String,
    write: impl FnOnce(&mut String) -> Result<(), E>,
) -> Result<(), E> {
    let len = out.len();
    UNWRITABLE.with(|u| u.set(None));
    let r = write(out);
    let bad = UNWRITABLE.with(std::cell::Cell::take);
    if r.is_err() || bad.is_some() {
        out.truncate(len);
    }
    r?;
    match bad {
        Some(c) => Err(Error::Unwritable {
            unit: None,
            message: format!(
                "an attribute value holds U+{:04X}, a character XML cannot hold",
                u32::from(c)
            ),
        }
        .into()),
        None => Ok(()),
    }
}

/// How much XML a writer gathers before handing it to [`spill`]'s target.
pub(crate) const SPILL_AT: usize = 1 << 20;

/// Hands the XML written so far in `out` to `to` (and empties `out`) once
/// there is [`SPILL_AT`] of it. The writers call this between units, so
/// that a large document written to a file holds a little of its XML at a
/// time, not all of it; with no `to`, everything stays in `out`.
///
/// True when it did.
///
/// # Errors
///
/// [`Error::Io`] when writing to `to` fails.
#[inline]
pub(crate) fn spill(out: &mut String, to: Option<&mut std::fs::File>) -> Result<bool, Error> {
    use std::io::Write;
    match to {
        Some(w) if out.len() >= SPILL_AT => {
            w.write_all(out.as_bytes())
                .map_err(|source| Error::Io { path: None, source })?;
            out.clear();
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Appends ` name="value"` with the value escaped.
pub fn write_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_attr(out, value);
    out.push('"');
}

/// The values of the `id` attributes in verbatim XML (the element's and
/// its descendants'): what the 2.x reader checks for uniqueness and the
/// 2.x writer keeps unique.
pub(crate) fn verbatim_ids(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("id=") {
        let head = rest.get(..i).unwrap_or("");
        let head = head.strip_suffix("xml:").unwrap_or(head);
        let before = head.chars().last();
        let after = rest.get(i + 3..).unwrap_or("");
        rest = after;
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let Some(end) = after.get(1..).and_then(|v| v.find(q)) else {
            continue;
        };
        out.push(after.get(1..1 + end).unwrap_or(""));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attributes of `e<rest>` as [`AttrScan`] (with the caller's
    /// duplicate check) and as quick-xml read them: `None` where refused.
    #[allow(clippy::type_complexity)]
    fn both(rest: &str) -> (Option<Vec<(String, String)>>, Option<Vec<(String, String)>>) {
        let tag = format!("e{rest}");
        let mut scanned: Option<Vec<(String, String)>> = Some(Vec::new());
        for a in (AttrScan { s: &tag, pos: 1 }) {
            if let Ok(a) = &a {
                // The name split while scanning is split_name's.
                assert_eq!(a.split_name(), split_name(a.key), "{rest}");
            }
            match (a, scanned.as_mut()) {
                (Ok(a), Some(list)) if list.iter().all(|(k, _)| k != a.key) => match a.value() {
                    Some(v) => list.push((a.key.to_owned(), v.into_owned())),
                    None => scanned = None,
                },
                _ => scanned = None,
            }
        }
        let quick = Attributes::new(&tag, 1)
            .map(|a| {
                let a = a.map_err(|_| ())?;
                let v = attr_value(&a).map_err(|_| ())?;
                Ok((a.key.0.to_owned(), v.into_owned()))
            })
            .collect::<Result<Vec<_>, ()>>()
            .ok();
        (scanned, quick)
    }

    #[test]
    fn attribute_scan_reads_tricky_tags_as_quick_xml_does() {
        // White space of every kind around `=`, quotes inside the other
        // quote, `<` and `/` in values, prefixes and stray colons, missing
        // parts at every step, and names and values beyond ASCII.
        let cases = [
            "\tx = \"1\"\n y\r\n=\t'2'",
            " x='1' y=\"2\" ",
            " x=\"it's\" y='say \"hi\"'",
            " x=\"a&amp;b\" y=\"l1\nl2\" z=\"t\tu\" w=\"c\rd\"",
            " x=\"<b>\" y=\"/\"",
            " p:x=\"1\" xmlns:p=\"urn:p\" :y=\"2\" q:r:s=\"3\"",
            " ==\"1\"",
            " x\"=\"1\"",
            " x ",
            " x= ",
            " x='1\"",
            " x=\"1\" y=\"2\" x",
            " x=\"1\" x=",
            " x=\"1\" x=oops",
            " 名前='値'",
            " x=\"\"",
            " x=''y=''",
        ];
        for c in cases {
            let (scanned, quick) = both(c);
            assert_eq!(scanned, quick, "{c:?}");
        }
        // The comparison has teeth: these are read, and as written.
        assert_eq!(
            both(" x=\"it's\" y='say \"hi\"'").0,
            Some(vec![
                ("x".to_owned(), "it's".to_owned()),
                ("y".to_owned(), "say \"hi\"".to_owned())
            ])
        );
        assert_eq!(
            both(" x=\"l1\nl2\"").0,
            Some(vec![("x".to_owned(), "l1 l2".to_owned())])
        );
        assert_eq!(both(" x=\"1\" x=oops").0, None);
    }

    #[test]
    fn attribute_scan_reads_what_quick_xml_reads() {
        let cases = [
            "",
            " ",
            r#" a="1""#,
            r#" a = '1' b="x&amp;y""#,
            r#" a="1"b="2""#,
            "\ta\n=\r\"v\tw\"",
            r#" a="1" a="2""#,
            r#" a="1" a='2'"#,
            r#" xmlns:m="urn:x" m:a="&lt;""#,
            r#" a"#,
            r#" a="#,
            r#" a=1"#,
            r#" a="1"#,
            r#" a b="1""#,
            r#" ="1""#,
            r#" a="&bogus;""#,
            r#" a="&#0;""#,
            r#" a="<>""#,
            r#" é='ü' "#,
        ];
        for c in cases {
            let (scanned, quick) = both(c);
            assert_eq!(scanned, quick, "{c:?}");
        }
        // Spot checks that the comparison itself has teeth.
        assert_eq!(
            both(r#" a="1"b='x&amp;y'"#).0,
            Some(vec![
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), "x&y".to_owned())
            ])
        );
        assert_eq!(both(r#" a="1" a="2""#).0, None);
        assert_eq!(both(r#" a=1"#).0, None);
    }

    /// Attribute-like text: mostly well-formed attributes, some not.
    fn attr_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::Strategy as _;
        use proptest::sample::select;
        (
            select(vec![" ", "\t", "\n", "", "  "]),
            select(vec!["a", "b", "m:a", "é", ":", "=", "a<"]),
            select(vec!["=", " = ", "", " ", "=\n"]),
            select(vec!["\"", "'", ""]),
            proptest::collection::vec(
                select(vec![
                    "1", "x", "&amp;", "&#x9;", "&bogus;", "&#0;", "\t", "\r\n", "<", "'", "\"",
                ]),
                0..3,
            ),
            select(vec!["\"", "'", ""]),
        )
            .prop_map(|(w, n, e, q, v, c)| format!("{w}{n}{e}{q}{}{c}", v.concat()))
    }

    proptest::proptest! {
        #[test]
        fn attribute_scan_agrees_with_quick_xml(
            rest in proptest::collection::vec(attr_like(), 0..4)
        ) {
            let rest: String = rest.concat();
            let (scanned, quick) = both(&rest);
            proptest::prop_assert_eq!(scanned, quick, "{:?}", rest);
        }
    }

    fn esc_text(s: &str) -> String {
        let mut out = String::new();
        escape_text(&mut out, s, &mut |o, c| {
            o.push_str(&format!("[{:X}]", c as u32))
        });
        out
    }

    /// [`escape_text`] as its doc states it, one character at a time.
    fn esc_text_by_chars(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\r' => out.push_str("&#xD;"),
                '\t' | '\n' => out.push(c),
                '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {
                    out.push_str(&format!("[{:X}]", c as u32))
                }
                _ => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn text_escaping_agrees_with_a_char_by_char_reading(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "news ", "&", "<", ">", "\r", "\n", "\t", "\u{1}", "\u{1F}", " ",
                "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{FEFF}", "\u{F000}", "é", "서울",
                "0123456789abcdef",
            ]), 0..40)
        ) {
            let s: String = parts.concat();
            proptest::prop_assert_eq!(esc_text(&s), esc_text_by_chars(&s), "{:?}", s);
        }
    }

    #[test]
    fn finds_a_less_than_sign_wherever_it_is() {
        for len in 0..40 {
            // Bytes next to `<` (0x3C) in value, and high ones.
            let base: Vec<u8> = (0..len).map(|i| [b';', b'=', 0xBC, b'a'][i % 4]).collect();
            assert!(!has_lt(&base), "{len}");
            for at in 0..len {
                let mut t = base.clone();
                t[at] = b'<';
                assert!(has_lt(&t), "{len} {at}");
            }
        }
    }

    #[test]
    fn escapes_text() {
        assert_eq!(esc_text("a<b>&c]]>"), "a&lt;b&gt;&amp;c]]&gt;");
        assert_eq!(esc_text("x\r\ny"), "x&#xD;\ny");
        assert_eq!(
            esc_text("a\u{1}b\u{FFFF}c\u{FFFD}é"),
            "a[1]b[FFFF]c\u{FFFD}é"
        );
        assert_eq!(esc_text("서울"), "서울");
    }

    #[test]
    fn escapes_attributes() {
        let mut out = String::new();
        escape_attr(&mut out, "a\"b<&\t\n\u{2}\u{FFFE}z");
        assert_eq!(out, "a&quot;b&lt;&amp;&#x9;&#xA;z");
    }

    #[test]
    fn namespaces_scope() {
        let mut ns = Namespaces::default();
        ns.declare_tagged(1, "", "urn:a", 0);
        ns.declare_tagged(2, "m", "urn:m", 0);
        ns.declare_tagged(3, "", "", 0);
        assert_eq!(ns.resolve(""), None);
        ns.close(3);
        assert_eq!(ns.resolve(""), Some("urn:a"));
        assert_eq!(ns.resolve("m"), Some("urn:m"));
        assert_eq!(ns.resolve("xml"), Some(XML_NS));
        ns.close(2);
        assert_eq!(ns.resolve("m"), None);
    }

    fn read_all(text: &str) -> Result<usize, Error> {
        let map = SourceMap::utf8(0);
        let mut r = XmlReader::new(Ctx {
            text,
            base: 0,
            map: &map,
            shared: &crate::str::NO_SHARING,
        });
        let mut n = 0;
        loop {
            match r.next()? {
                Event::Eof => return Ok(n),
                Event::GeneralRef(g) => {
                    let at = r.last_start();
                    push_ref(&mut String::new(), &g).map_err(|m| r.error_at(at, m))?;
                }
                _ => n += 1,
            }
        }
    }

    fn err_pos(e: Error) -> (u64, u64, String) {
        match e {
            Error::Xml {
                location, message, ..
            } => {
                let p = location.position.unwrap_or_default();
                (p.line, p.column, message)
            }
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn refuses_doctype_and_unclosed_and_deep() {
        let e = read_all("<?xml version='1.0'?>\n<!DOCTYPE x [<!ENTITY a 'b'>]>\n<x>&a;</x>")
            .unwrap_err();
        assert_eq!(e.kind(), Some(crate::ErrorKind::Dtd));
        let (l, c, m) = err_pos(e);
        assert_eq!((l, c), (2, 1), "{m}");
        // A bare DOCTYPE, or one naming an external DTD, declares nothing:
        // read past (the parsers report it as a warning).
        assert_eq!(read_all("<!DOCTYPE x>\n<x/>").unwrap(), 2); // text, <x/>
        assert_eq!(read_all("<!DOCTYPE x SYSTEM \"x.dtd\"><x/>").unwrap(), 1);
        let (l, c, m) = err_pos(read_all("<a>\n  <b>").unwrap_err());
        assert_eq!((l, c), (2, 3));
        assert!(m.contains("<b>"), "{m}");
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let (l, c, _) = err_pos(read_all(&deep).unwrap_err());
        assert_eq!((l, c), (1, 3 * MAX_DEPTH as u64 + 1));
        let (l, c, m) = err_pos(read_all("<a>x &foo; y</a>").unwrap_err());
        assert_eq!((l, c), (1, 6));
        assert!(m.contains("&foo;"), "{m}");
        assert!(read_all("<a>&amp;&#233;&#x10000;</a>").is_ok());
        assert!(read_all("<a>&#1;</a>").is_err());
    }

    #[test]
    fn capture_returns_element_text() {
        let text = "<r><x:a k='1'><b>t</b>&lt;</x:a><c/></r>";
        let map = SourceMap::utf8(0);
        let mut r = XmlReader::new(Ctx {
            text,
            base: 0,
            map: &map,
            shared: &crate::str::NO_SHARING,
        });
        assert!(matches!(r.next(), Ok(Event::Start(_))));
        assert!(matches!(r.next(), Ok(Event::Start(_))));
        let start = r.last_start();
        assert_eq!(r.capture(start).ok(), Some("<x:a k='1'><b>t</b>&lt;</x:a>"));
        assert!(matches!(r.next(), Ok(Event::Empty(_))));
        assert_eq!(r.last_text(), "<c/>");
    }
}
