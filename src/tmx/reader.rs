//! The tolerant TMX reader: TMX 1.1 to 1.4b, any encoding XML allows,
//! positioned errors, and warnings for what it reads despite the DTD.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::model::{
    Code, DateForm, Element, HI_PROTECTED, Header, Map, Meta, Note, Piece, Pos, Prop, SegType, Tmx,
    TranslationUnit, Ude, Variant, Version, date_form, same_language,
};
use crate::error::{Error, Location, Position, Result};
use crate::model::{CodeKind, Run, Text};
use crate::xliff::encoding::{self, SourceMap};
use crate::xliff::xml::{MAX_DEPTH, attr_value, push_ref};

/// What kind of tolerated problem a [`Warning`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WarningKind {
    /// `<tmx>` has no `version`, in a file from a producer known to leave
    /// it out (Heartsome TM Server); the file is read as TMX 1.4. From any
    /// other producer a missing version is refused.
    MissingVersion,
    /// A header attribute TMX requires is missing (`o-tmf`).
    MissingHeaderAttribute,
    /// A date is ISO 8601 but not in TMX's `YYYYMMDDThhmmssZ`, in a file
    /// from a producer known to write that form (Pontoon). From any other
    /// producer such a date is refused.
    DateFormat,
    /// An attribute on an element the model keeps no attributes for
    /// (`<tmx>`, `<body>`, `<seg>`, `<ept>`, `<ude>`, `<map>`), not kept.
    IgnoredAttribute,
    /// An element TMX does not define where structure is expected, skipped.
    UnknownElement,
    /// A `<tuv>` without `<seg>`: read as an empty text.
    MissingSegment,
    /// A `<tu>` without `<tuv>`: kept with no variant.
    NoVariant,
}

/// A problem the reader tolerated: where, what kind, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What kind of problem.
    pub kind: WarningKind,
    /// Where (position and unit; the file once [`Reader::read_path`] knows it).
    pub location: Location,
    /// What was tolerated.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let loc = self.location.to_string();
        if loc.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{loc}: {}", self.message)
        }
    }
}

/// A memory as read: the document, the version the file declared, and the
/// problems the reader tolerated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The document.
    pub tmx: Tmx,
    /// The version the file declared (1.4 when it declared none).
    pub version: Version,
    /// What the reader tolerated, in document order.
    pub warnings: Vec<Warning>,
}

/// What [`Reader::visit_slice`] and [`Reader::visit_path`] give once every
/// unit has been handed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visited {
    /// The header (and no units: they went to the visitor).
    pub tmx: Tmx,
    /// How many units were handed over.
    pub units: usize,
    /// The version the file declared (1.4 when it declared none).
    pub version: Version,
    /// What the reader tolerated, in document order.
    pub warnings: Vec<Warning>,
}

/// Reads TMX 1.1, 1.2, 1.3 and 1.4 (1.4a, 1.4b) tolerantly: what real tools
/// write is read even where it breaks the DTD, and what is tolerated is
/// reported as a [`Warning`]; what cannot be read faithfully is an error
/// with its position.
///
/// # Examples
///
/// ```
/// use newsloc::tmx::{Reader, WarningKind};
/// let file = br#"<tmx version="1.4"><header creationtool="t" creationtoolversion="1"
///   segtype="sentence" adminlang="en" srclang="en" datatype="plaintext"/>
///   <body><tu><tuv xml:lang="en"><seg>Hi</seg></tuv></tu></body></tmx>"#;
/// let read = Reader::new().read_slice(file)?;
/// assert_eq!(read.tmx.units.len(), 1);
/// assert_eq!(read.warnings[0].kind, WarningKind::MissingHeaderAttribute); // no o-tmf
///
/// let strict = Reader::new().strict(true).read_slice(file);
/// assert!(strict.unwrap_err().to_string().contains("o-tmf"));
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Reader {
    strict: bool,
}

impl Reader {
    /// A tolerant reader.
    pub fn new() -> Reader {
        Reader::default()
    }

    /// When true, the first warning is an error instead (default false).
    pub fn strict(&mut self, yes: bool) -> &mut Self {
        self.strict = yes;
        self
    }

    /// Reads a memory from bytes: UTF-8 or UTF-16 with or without BOM, or an
    /// encoding the XML declaration names.
    ///
    /// # Errors
    ///
    /// [`Error::Xml`] for input that is not well-formed XML (bad bytes,
    /// unknown entities, a DTD with an internal subset); [`Error::Tmx`] for
    /// XML that is not a TMX memory newsloc can read. Both carry the line and
    /// column.
    pub fn read_slice(&self, bytes: &[u8]) -> Result<Parsed> {
        let decoded = encoding::decode(bytes)?;
        self.read_decoded(&decoded.text, &decoded.map)
    }

    /// Reads a memory from text.
    ///
    /// # Errors
    ///
    /// As [`read_slice`](Self::read_slice).
    pub fn read_str(&self, text: &str) -> Result<Parsed> {
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, 3),
            None => (text, 0),
        };
        let map = SourceMap::utf8(bom);
        encoding::check_chars(text, &map)?;
        self.read_decoded(text, &map)
    }

    /// Reads a memory from a file; errors and warnings name the file.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read, else as
    /// [`read_slice`](Self::read_slice).
    pub fn read_path(&self, path: impl AsRef<Path>) -> Result<Parsed> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut read = self.read_slice(&bytes).map_err(|e| e.with_file(path))?;
        for w in &mut read.warnings {
            w.location.file.get_or_insert_with(|| path.to_path_buf());
        }
        Ok(read)
    }

    /// Reads a memory from any reader (read to its end first).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] (with an empty path) when reading fails, else as
    /// [`read_slice`](Self::read_slice).
    pub fn read_from(&self, mut reader: impl std::io::Read) -> Result<Parsed> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(|source| Error::Io {
            path: Default::default(),
            source,
        })?;
        self.read_slice(&bytes)
    }

    fn read_decoded(&self, text: &str, map: &SourceMap) -> Result<Parsed> {
        let mut p = Parser::new(text, map, self.strict, None);
        let tmx = p.document()?;
        p.refuse_if_strict()?;
        Ok(Parsed {
            tmx,
            version: p.version,
            warnings: p.warnings,
        })
    }

    /// Reads a memory from bytes unit by unit: each unit is handed to `f`
    /// as soon as it is read and not kept, so a large memory is never
    /// whole in memory as a model (the decoded text is). Gives the header,
    /// the version, the number of units and the warnings; the returned
    /// [`Tmx`] has no units.
    ///
    /// An error (in the file, or returned by `f`) can come after units were
    /// handed over: a caller that must apply all or nothing collects them
    /// or works in a transaction it rolls back.
    ///
    /// # Errors
    ///
    /// As [`read_slice`](Self::read_slice), and whatever `f` returns.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::tmx::Reader;
    /// let file = br#"<tmx version="1.4"><header creationtool="t" creationtoolversion="1"
    ///   segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
    ///   <body><tu><tuv xml:lang="en"><seg>a</seg></tuv></tu>
    ///   <tu><tuv xml:lang="en"><seg>b</seg></tuv></tu></body></tmx>"#;
    /// let mut seen = Vec::new();
    /// let parsed = Reader::new().visit_slice(file, |_header, tu| {
    ///     seen.push(tu.variants[0].text.to_plain_string());
    ///     Ok(())
    /// })?;
    /// assert_eq!(seen, ["a", "b"]);
    /// assert_eq!(parsed.units, 2);
    /// assert!(parsed.tmx.units.is_empty());
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    pub fn visit_slice(
        &self,
        bytes: &[u8],
        mut f: impl FnMut(&Header, TranslationUnit) -> Result<()>,
    ) -> Result<Visited> {
        let decoded = encoding::decode(bytes)?;
        let mut p = Parser::new(&decoded.text, &decoded.map, self.strict, Some(&mut f));
        let tmx = p.document()?;
        p.refuse_if_strict()?;
        Ok(Visited {
            tmx,
            units: p.count,
            version: p.version,
            warnings: p.warnings,
        })
    }

    /// [`visit_slice`](Self::visit_slice) over a file; errors and warnings
    /// name the file.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read, else as
    /// [`visit_slice`](Self::visit_slice).
    pub fn visit_path(
        &self,
        path: impl AsRef<Path>,
        f: impl FnMut(&Header, TranslationUnit) -> Result<()>,
    ) -> Result<Visited> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut visited = self.visit_slice(&bytes, f).map_err(|e| e.with_file(path))?;
        for w in &mut visited.warnings {
            w.location.file.get_or_insert_with(|| path.to_path_buf());
        }
        Ok(visited)
    }
}

impl Tmx {
    /// Reads a memory from bytes with a tolerant [`Reader`], dropping its
    /// warnings.
    ///
    /// # Errors
    ///
    /// As [`Reader::read_slice`].
    pub fn from_slice(bytes: &[u8]) -> Result<Tmx> {
        Reader::new().read_slice(bytes).map(|r| r.tmx)
    }

    /// Reads a memory from text with a tolerant [`Reader`], dropping its
    /// warnings.
    ///
    /// # Errors
    ///
    /// As [`Reader::read_slice`].
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str) -> Result<Tmx> {
        Reader::new().read_str(text).map(|r| r.tmx)
    }

    /// Reads a memory from a file with a tolerant [`Reader`], dropping its
    /// warnings.
    ///
    /// # Errors
    ///
    /// As [`Reader::read_path`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Tmx> {
        Reader::new().read_path(path).map(|r| r.tmx)
    }

    /// Reads a memory from any reader with a tolerant [`Reader`], dropping
    /// its warnings.
    ///
    /// # Errors
    ///
    /// As [`Reader::read_from`].
    pub fn from_reader(reader: impl std::io::Read) -> Result<Tmx> {
        Reader::new().read_from(reader).map(|r| r.tmx)
    }
}

/// The seven header attributes TMX requires.
const REQUIRED: [&str; 7] = [
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
];

/// Elements allowed inside `<sub>` (besides text).
const IN_SUB: [&str; 7] = ["bpt", "ept", "it", "ph", "hi", "ut", "sub"];

/// An element's attributes, unescaped, in order.
type Attrs = Vec<(String, String)>;

/// A seg item before ids are given out.
enum Item {
    Text(String),
    Code {
        element: Element,
        i: Option<String>,
        x: Option<String>,
        kind: Option<String>,
        assoc: Option<String>,
        markup: String,
        pieces: Vec<Piece>,
        attributes: Attrs,
        at: usize,
    },
    Ept {
        i: String,
        markup: String,
        pieces: Vec<Piece>,
        at: usize,
    },
    HiEnd,
}

/// Where a unit goes once read: kept, or handed to a visitor.
type Sink<'s> = &'s mut dyn FnMut(&Header, TranslationUnit) -> Result<()>;

struct Parser<'a, 's> {
    text: &'a str,
    map: &'a SourceMap,
    reader: quick_xml::Reader<&'a [u8]>,
    last_start: usize,
    depth: usize,
    /// Open elements' start offsets, for "not closed" errors.
    open: Vec<usize>,
    version: Version,
    warnings: Vec<Warning>,
    /// The unit being read, for locations: tuid or `#n`.
    unit: Option<String>,
    /// How the first variant named its language (`lang` or `xml:lang`) in
    /// a TMX 1.1/1.2 file, and where.
    lang_style: Option<(bool, usize)>,
    /// The visitor units are handed to instead of being kept.
    sink: Option<Sink<'s>>,
    /// Units read (kept or handed over).
    count: usize,
    /// Refuse at the first warning.
    strict: bool,
    /// The header's `creationtool` is one known to write its dates in
    /// ISO 8601's extended form ([`EXTENDED_DATES`]).
    extended_dates: bool,
}

/// Producers (the header's `creationtool`, compared ignoring case) known
/// to write dates as ISO 8601 extended date-times (`2010-01-01T00:00:00`)
/// instead of TMX's `YYYYMMDDThhmmssZ`: their files are read with a
/// [`WarningKind::DateFormat`] warning, everyone else's are refused.
const EXTENDED_DATES: &[&str] = &["pontoon"];

/// Producers known to write `<tmx>` without its required `version`: their
/// files are read as TMX 1.4 with a [`WarningKind::MissingVersion`]
/// warning, everyone else's are refused.
const WITHOUT_VERSION: &[&str] = &["Heartsome TM Server"];

fn known_producer(list: &[&str], tool: &str) -> bool {
    list.iter().any(|t| t.eq_ignore_ascii_case(tool.trim()))
}

impl<'a, 's> Parser<'a, 's> {
    fn new(
        text: &'a str,
        map: &'a SourceMap,
        strict: bool,
        sink: Option<Sink<'s>>,
    ) -> Parser<'a, 's> {
        let mut reader = quick_xml::Reader::from_str(text);
        let config = reader.config_mut();
        config.expand_empty_elements = false;
        config.check_end_names = true;
        config.trim_text(false);
        Parser {
            text,
            map,
            reader,
            last_start: 0,
            depth: 0,
            open: Vec::new(),
            version: Version::V1_4,
            warnings: Vec::new(),
            unit: None,
            lang_style: None,
            sink,
            count: 0,
            strict,
            extended_dates: false,
        }
    }

    fn position(&self, at: usize) -> Position {
        self.map.position(self.text, at)
    }

    fn location(&self, at: usize) -> Location {
        Location {
            file: None,
            position: Some(self.position(at)),
            unit: self.unit.clone(),
        }
    }

    fn err(&self, at: usize, message: impl Into<String>) -> Error {
        Error::Tmx {
            location: self.location(at),
            message: message.into(),
        }
    }

    fn xml_err(&self, at: usize, message: impl Into<String>) -> Error {
        Error::Xml {
            location: self.location(at),
            message: message.into(),
        }
    }

    fn warn(&mut self, at: usize, kind: WarningKind, message: impl Into<String>) {
        let location = self.location(at);
        self.warnings.push(Warning {
            kind,
            location,
            message: message.into(),
        });
    }

    /// In strict mode, the first warning as an error.
    fn refuse_if_strict(&self) -> Result<()> {
        match self.warnings.first() {
            Some(w) if self.strict => Err(Error::Tmx {
                location: w.location.clone(),
                message: format!("{} (refused in strict mode)", w.message),
            }),
            _ => Ok(()),
        }
    }

    fn offset(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// The next event, with depth tracking, the DOCTYPE check and
    /// positioned errors.
    fn next(&mut self) -> Result<Event<'a>> {
        self.last_start = self.offset();
        let event = match self.reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = usize::try_from(self.reader.error_position()).unwrap_or(self.last_start);
                return Err(self.xml_err(at, format!("malformed XML: {e}")));
            }
        };
        match &event {
            Event::Start(_) => {
                if self.depth >= MAX_DEPTH {
                    return Err(self.xml_err(
                        self.last_start,
                        format!("elements nested deeper than {MAX_DEPTH}"),
                    ));
                }
                self.depth += 1;
                self.open.push(self.last_start);
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                self.open.pop();
            }
            Event::DocType(d) if d.contains('[') => {
                return Err(self.xml_err(
                    self.last_start,
                    "a DTD with an internal subset ([...]) is refused: entity declarations are never read",
                ));
            }
            Event::Eof => {
                if let Some(&at) = self.open.last() {
                    return Err(self.xml_err(at, "element is not closed at end of input"));
                }
            }
            _ => {}
        }
        Ok(event)
    }

    fn name<'e>(e: &'e BytesStart<'_>) -> &'e str {
        e.name().into_inner()
    }

    fn attrs(&self, e: &BytesStart<'_>, at: usize) -> Result<Attrs> {
        let mut out = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| self.xml_err(at, format!("malformed attribute: {err}")))?;
            let value = attr_value(&a).map_err(|m| self.xml_err(at, m))?;
            let key = a.key.as_ref().to_owned();
            out.push((key, value.into_owned()));
        }
        Ok(out)
    }

    /// Skips the rest of an element whose start was just read.
    fn skip(&mut self, empty: bool) -> Result<()> {
        if empty {
            return Ok(());
        }
        let depth = self.depth;
        while self.depth >= depth {
            if let Event::GeneralRef(r) = self.next()? {
                let mut s = String::new();
                push_ref(&mut s, &r).map_err(|m| self.xml_err(self.last_start, m))?;
            }
        }
        Ok(())
    }

    fn blank(&self, t: &str, at: usize, parent: &str) -> Result<()> {
        if t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
            Ok(())
        } else {
            Err(self.err(at, format!("text is not allowed in <{parent}>")))
        }
    }

    /// `<tmx>` (at `root_at`) had no version: refused, unless the header
    /// names a producer known to leave it out; the warning goes where the
    /// root's would have been (`index`), keeping document order.
    fn missing_version(&mut self, root_at: usize, index: usize, h: &Header) -> Result<()> {
        if !known_producer(WITHOUT_VERSION, &h.creation_tool) {
            return Err(self.err(
                root_at,
                "<tmx> has no version attribute, which TMX requires (version=\"1.4\")",
            ));
        }
        self.warn(
            root_at,
            WarningKind::MissingVersion,
            format!(
                "<tmx> has no version attribute (read as TMX 1.4: {} is known to leave it out)",
                h.creation_tool.trim()
            ),
        );
        let w = self.warnings.pop().expect("just pushed");
        self.warnings.insert(index.min(self.warnings.len()), w);
        Ok(())
    }

    fn check_date(&mut self, name: &str, value: &str, at: usize) -> Result<()> {
        match date_form(value) {
            Some(DateForm::Recommended) => Ok(()),
            Some(DateForm::OtherIso) if self.extended_dates => {
                self.warn(
                    at,
                    WarningKind::DateFormat,
                    format!(
                        "{name}=\"{value}\" is not in TMX's YYYYMMDDThhmmssZ form (read: this \
                         producer is known to write ISO 8601 extended dates)"
                    ),
                );
                Ok(())
            }
            Some(DateForm::OtherIso) => Err(self.err(
                at,
                format!(
                    "{name}=\"{value}\" is not a TMX date: TMX dates are written \
                     YYYYMMDDThhmmssZ (UTC), e.g. 20100223T044327Z"
                ),
            )),
            None => Err(self.err(
                at,
                format!("{name}=\"{value}\" is not an ISO 8601 date (TMX writes YYYYMMDDThhmmssZ)"),
            )),
        }
    }

    /// Reads an administrative attribute into `meta`; false when `key` is
    /// not one.
    fn meta_attr(&mut self, meta: &mut Meta, key: &str, value: String, at: usize) -> Result<bool> {
        match key {
            "creationdate" | "changedate" | "lastusagedate" => {
                self.check_date(key, &value, at)?;
                match key {
                    "creationdate" => meta.creation_date = Some(value),
                    "changedate" => meta.change_date = Some(value),
                    _ => meta.last_usage_date = Some(value),
                }
            }
            "creationid" => meta.creation_id = Some(value),
            "changeid" => meta.change_id = Some(value),
            "creationtool" => meta.creation_tool = Some(value),
            "creationtoolversion" => meta.creation_tool_version = Some(value),
            "usagecount" => match value.trim().parse() {
                Ok(n) => meta.usage_count = Some(n),
                Err(_) => {
                    return Err(self.err(at, format!("usagecount=\"{value}\" is not a number")));
                }
            },
            "datatype" => meta.data_type = Some(value),
            "o-tmf" => meta.o_tmf = Some(value),
            "o-encoding" => meta.o_encoding = Some(value),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn seg_type(&self, value: &str, at: usize) -> Result<SegType> {
        SegType::parse(value).ok_or_else(|| {
            self.err(
                at,
                format!("segtype=\"{value}\" is not block, paragraph, sentence or phrase"),
            )
        })
    }

    // --- structure --------------------------------------------------------

    fn document(&mut self) -> Result<Tmx> {
        // Prolog.
        let (root, empty) = loop {
            let at = self.offset();
            match self.next()? {
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
                Event::Text(t) => self.blank(&t, at, "the prolog")?,
                Event::Start(e) => break (e, false),
                Event::Empty(e) => break (e, true),
                Event::Eof => return Err(self.err(at, "no root element: the input is empty")),
                _ => return Err(self.err(at, "content before the root element")),
            }
        };
        let root_at = self.last_start;
        let name = Self::name(&root);
        if name != "tmx" {
            return Err(self.err(root_at, format!("the root element is <{name}>, not <tmx>")));
        }
        let mut version = None;
        for (k, v) in self.attrs(&root, root_at)? {
            if k == "version" {
                version = Some(v);
            } else if k != "xmlns" && !k.starts_with("xmlns:") {
                self.warn(
                    root_at,
                    WarningKind::IgnoredAttribute,
                    format!("attribute {k}=\"{v}\" on <tmx> is not TMX and is not kept"),
                );
            }
        }
        // a missing version is judged once the header names its producer
        let missing_version = version.is_none().then_some(self.warnings.len());
        match version {
            None => {}
            Some(v) => {
                self.version = Version::parse(&v).ok_or_else(|| {
                    self.err(
                        root_at,
                        format!("TMX version \"{v}\" is not one of 1.1, 1.2, 1.3, 1.4"),
                    )
                })?;
            }
        }
        if empty {
            return Err(self.err(root_at, "<tmx> has no <header> and no <body>"));
        }
        let mut header: Option<Header> = None;
        let mut units: Option<Vec<TranslationUnit>> = None;
        loop {
            let at = self.offset();
            match self.next()? {
                ev @ (Event::Start(_) | Event::Empty(_)) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let (Event::Start(e) | Event::Empty(e)) = ev else {
                        continue;
                    };
                    match Self::name(&e) {
                        "header" => {
                            if header.is_some() {
                                return Err(self.err(at, "a second <header>"));
                            }
                            if units.is_some() {
                                return Err(self.err(at, "<header> after <body>"));
                            }
                            let h = self.header(&e, at, empty)?;
                            if let Some(index) = missing_version {
                                self.missing_version(root_at, index, &h)?;
                            }
                            header = Some(h);
                        }
                        "body" => {
                            if units.is_some() {
                                return Err(self.err(at, "a second <body>: TMX has one"));
                            }
                            let Some(h) = header.as_ref() else {
                                return Err(self.err(at, "<body> before <header>"));
                            };
                            let h = h.clone();
                            units = Some(self.body(&e, at, empty, &h)?);
                        }
                        other => {
                            let other = other.to_owned();
                            self.warn(
                                at,
                                WarningKind::UnknownElement,
                                format!("<{other}> in <tmx> is not TMX and is skipped"),
                            );
                            self.skip(empty)?;
                        }
                    }
                }
                Event::End(_) => break,
                Event::Text(t) => self.blank(&t, at, "tmx")?,
                Event::Comment(_) | Event::PI(_) => {}
                _ => return Err(self.err(at, "text is not allowed in <tmx>")),
            }
        }
        // Epilog.
        loop {
            let at = self.offset();
            match self.next()? {
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) => self.blank(&t, at, "the epilog")?,
                Event::Eof => break,
                _ => return Err(self.err(at, "content after the root element")),
            }
        }
        let header = header.ok_or_else(|| self.err(root_at, "<tmx> has no <header>"))?;
        let units = units.ok_or_else(|| self.err(root_at, "<tmx> has no <body>"))?;
        Ok(Tmx { header, units })
    }

    fn header(&mut self, e: &BytesStart<'_>, at: usize, empty: bool) -> Result<Header> {
        let mut h = Header::default();
        let mut seen: HashSet<&'static str> = HashSet::new();
        let attrs = self.attrs(e, at)?;
        self.extended_dates = attrs
            .iter()
            .any(|(k, v)| k == "creationtool" && known_producer(EXTENDED_DATES, v));
        for (k, v) in attrs {
            if let Some(req) = REQUIRED.iter().find(|r| **r == k) {
                seen.insert(req);
            }
            match k.as_str() {
                "creationtool" => h.creation_tool = v,
                "creationtoolversion" => h.creation_tool_version = v,
                "segtype" => h.seg_type = self.seg_type(&v, at)?,
                "o-tmf" => h.o_tmf = v,
                "adminlang" => h.admin_lang = v,
                "srclang" => h.src_lang = v,
                "datatype" => h.data_type = v,
                "o-encoding" => h.o_encoding = Some(v),
                "creationdate" => {
                    self.check_date(&k, &v, at)?;
                    h.creation_date = Some(v);
                }
                "changedate" => {
                    self.check_date(&k, &v, at)?;
                    h.change_date = Some(v);
                }
                "creationid" => h.creation_id = Some(v),
                "changeid" => h.change_id = Some(v),
                _ => h.attributes.push((k, v)),
            }
        }
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|r| !seen.contains(r))
            .collect();
        if missing.iter().any(|m| *m != "o-tmf") {
            return Err(self.err(
                at,
                format!(
                    "<header> lacks required attribute{} {}",
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(", ")
                ),
            ));
        }
        if !missing.is_empty() {
            self.warn(
                at,
                WarningKind::MissingHeaderAttribute,
                "<header> has no o-tmf (required by TMX); read as empty",
            );
        }
        if empty {
            return Ok(h);
        }
        loop {
            let at = self.offset();
            match self.next()? {
                ev @ (Event::Start(_) | Event::Empty(_)) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let (Event::Start(e) | Event::Empty(e)) = ev else {
                        continue;
                    };
                    match Self::name(&e) {
                        "prop" => h.props.push(self.prop(&e, at, empty)?),
                        "note" => h.notes.push(self.note(&e, at, empty)?),
                        "ude" => h.udes.push(self.ude(&e, at, empty)?),
                        other => {
                            let other = other.to_owned();
                            self.warn(
                                at,
                                WarningKind::UnknownElement,
                                format!("<{other}> in <header> is not TMX and is skipped"),
                            );
                            self.skip(empty)?;
                        }
                    }
                }
                Event::End(_) => break,
                Event::Text(t) => self.blank(&t, at, "header")?,
                Event::Comment(_) | Event::PI(_) => {}
                _ => return Err(self.err(at, "text is not allowed in <header>")),
            }
        }
        Ok(h)
    }

    /// The text content of `<prop>`/`<note>` (no child elements).
    fn pcdata(&mut self, empty: bool, parent: &str) -> Result<String> {
        let mut s = String::new();
        if empty {
            return Ok(s);
        }
        loop {
            let at = self.offset();
            match self.next()? {
                Event::Text(t) => s.push_str(&t.xml_content(XmlVersion::Implicit1_0)),
                Event::CData(c) => s.push_str(&c.xml_content(XmlVersion::Implicit1_0)),
                Event::GeneralRef(r) => push_ref(&mut s, &r).map_err(|m| self.xml_err(at, m))?,
                Event::End(_) => break,
                Event::Comment(_) | Event::PI(_) => {}
                Event::Start(e) | Event::Empty(e) => {
                    return Err(self.err(
                        at,
                        format!("<{}> is not allowed in <{parent}>", Self::name(&e)),
                    ));
                }
                _ => return Err(self.err(at, format!("unexpected content in <{parent}>"))),
            }
        }
        Ok(s)
    }

    fn prop(&mut self, e: &BytesStart<'_>, at: usize, empty: bool) -> Result<Prop> {
        let mut p = Prop::default();
        let mut kind = None;
        for (k, v) in self.attrs(e, at)? {
            match k.as_str() {
                "type" => kind = Some(v),
                "xml:lang" | "lang" => p.lang = Some(v),
                "o-encoding" => p.o_encoding = Some(v),
                _ => p.attributes.push((k, v)),
            }
        }
        // A Trados export misspells `type` as `type2`: the value is kept as
        // an attribute and the property has an empty type.
        p.kind = kind.unwrap_or_default();
        p.value = self.pcdata(empty, "prop")?;
        Ok(p)
    }

    fn note(&mut self, e: &BytesStart<'_>, at: usize, empty: bool) -> Result<Note> {
        let mut n = Note::default();
        for (k, v) in self.attrs(e, at)? {
            match k.as_str() {
                "xml:lang" | "lang" => n.lang = Some(v),
                "o-encoding" => n.o_encoding = Some(v),
                _ => n.attributes.push((k, v)),
            }
        }
        n.text = self.pcdata(empty, "note")?;
        Ok(n)
    }

    fn ude(&mut self, e: &BytesStart<'_>, at: usize, empty: bool) -> Result<Ude> {
        let mut u = Ude::default();
        let mut name = None;
        for (k, v) in self.attrs(e, at)? {
            match k.as_str() {
                "name" => name = Some(v),
                "base" => u.base = Some(v),
                _ => self.warn(
                    at,
                    WarningKind::IgnoredAttribute,
                    format!("attribute {k} on <ude> is not kept"),
                ),
            }
        }
        u.name = name.ok_or_else(|| self.err(at, "<ude> has no name"))?;
        if empty {
            return Ok(u);
        }
        loop {
            let at = self.offset();
            match self.next()? {
                ev @ (Event::Start(_) | Event::Empty(_)) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let (Event::Start(e) | Event::Empty(e)) = ev else {
                        continue;
                    };
                    if Self::name(&e) != "map" {
                        return Err(self.err(at, "<ude> holds only <map> elements"));
                    }
                    let mut m = Map::default();
                    let mut unicode = None;
                    for (k, v) in self.attrs(&e, at)? {
                        match k.as_str() {
                            "unicode" => unicode = Some(v),
                            "code" => m.code = Some(v),
                            "ent" => m.ent = Some(v),
                            "subst" => m.subst = Some(v),
                            _ => self.warn(
                                at,
                                WarningKind::IgnoredAttribute,
                                format!("attribute {k} on <map> is not kept"),
                            ),
                        }
                    }
                    m.unicode = unicode.ok_or_else(|| self.err(at, "<map> has no unicode"))?;
                    u.maps.push(m);
                    self.skip(empty)?;
                }
                Event::End(_) => break,
                Event::Text(t) => self.blank(&t, at, "ude")?,
                Event::Comment(_) | Event::PI(_) => {}
                _ => return Err(self.err(at, "text is not allowed in <ude>")),
            }
        }
        Ok(u)
    }

    fn body(
        &mut self,
        e: &BytesStart<'_>,
        at: usize,
        empty: bool,
        header: &Header,
    ) -> Result<Vec<TranslationUnit>> {
        for (k, v) in self.attrs(e, at)? {
            self.warn(
                at,
                WarningKind::IgnoredAttribute,
                format!("attribute {k}=\"{v}\" on <body> is not kept"),
            );
        }
        let mut units = Vec::new();
        if empty {
            return Ok(units);
        }
        loop {
            let at = self.offset();
            match self.next()? {
                ev @ (Event::Start(_) | Event::Empty(_)) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let (Event::Start(e) | Event::Empty(e)) = ev else {
                        continue;
                    };
                    if Self::name(&e) == "tu" {
                        self.count += 1;
                        let tu = self.tu(&e, at, empty, header, self.count)?;
                        self.refuse_if_strict()?;
                        match self.sink.as_mut() {
                            Some(f) => f(header, tu)?,
                            None => units.push(tu),
                        }
                        self.unit = None;
                    } else {
                        let name = Self::name(&e);
                        self.warn(
                            at,
                            WarningKind::UnknownElement,
                            format!("<{name}> in <body> is not TMX and is skipped"),
                        );
                        self.skip(empty)?;
                    }
                }
                Event::End(_) => break,
                Event::Text(t) => self.blank(&t, at, "body")?,
                Event::Comment(_) | Event::PI(_) => {}
                _ => return Err(self.err(at, "text is not allowed in <body>")),
            }
        }
        Ok(units)
    }

    fn tu(
        &mut self,
        e: &BytesStart<'_>,
        at: usize,
        empty: bool,
        header: &Header,
        ordinal: usize,
    ) -> Result<TranslationUnit> {
        let attrs = self.attrs(e, at)?;
        let mut tu = TranslationUnit::default();
        self.unit = Some(
            attrs
                .iter()
                .find(|(k, _)| k == "tuid")
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| format!("#{ordinal}")),
        );
        for (k, v) in attrs {
            match k.as_str() {
                "tuid" => tu.id = Some(v),
                "srclang" => tu.src_lang = Some(v),
                "segtype" => tu.seg_type = Some(self.seg_type(&v, at)?),
                _ => {
                    if !self.meta_attr(&mut tu.meta, &k, v.clone(), at)? {
                        tu.attributes.push((k, v));
                    }
                }
            }
        }
        if !empty {
            loop {
                let at = self.offset();
                match self.next()? {
                    ev @ (Event::Start(_) | Event::Empty(_)) => {
                        let empty = matches!(ev, Event::Empty(_));
                        let (Event::Start(e) | Event::Empty(e)) = ev else {
                            continue;
                        };
                        match Self::name(&e) {
                            "prop" => tu.props.push(self.prop(&e, at, empty)?),
                            "note" => tu.notes.push(self.note(&e, at, empty)?),
                            "tuv" => tu.variants.push(self.tuv(&e, at, empty)?),
                            other => {
                                let other = other.to_owned();
                                self.warn(
                                    at,
                                    WarningKind::UnknownElement,
                                    format!("<{other}> in <tu> is not TMX and is skipped"),
                                );
                                self.skip(empty)?;
                            }
                        }
                    }
                    Event::End(_) => break,
                    Event::Text(t) => self.blank(&t, at, "tu")?,
                    Event::Comment(_) | Event::PI(_) => {}
                    _ => return Err(self.err(at, "text is not allowed in <tu>")),
                }
            }
        }
        if tu.variants.is_empty() {
            self.warn(at, WarningKind::NoVariant, "<tu> has no <tuv>");
            return Ok(tu);
        }
        let src = tu.src_lang.as_deref().unwrap_or(&header.src_lang);
        if src != "*all*"
            && !tu
                .variants
                .iter()
                .any(|v| v.lang.eq_ignore_ascii_case(src) || same_language(&v.lang, src))
        {
            let langs: Vec<&str> = tu.variants.iter().map(|v| v.lang.as_str()).collect();
            return Err(self.err(
                at,
                format!(
                    "<tu> has no variant in its source language {src} (it has {})",
                    langs.join(", ")
                ),
            ));
        }
        Ok(tu)
    }

    fn tuv(&mut self, e: &BytesStart<'_>, at: usize, empty: bool) -> Result<Variant> {
        let mut v = Variant::default();
        let mut xml_lang = None;
        let mut lang = None;
        for (k, val) in self.attrs(e, at)? {
            match k.as_str() {
                "xml:lang" => xml_lang = Some(val),
                "lang" => lang = Some(val),
                _ => {
                    if !self.meta_attr(&mut v.meta, &k, val.clone(), at)? {
                        v.attributes.push((k, val));
                    }
                }
            }
        }
        v.lang = self.variant_lang(xml_lang, lang, at)?;
        let mut seg = None;
        if !empty {
            loop {
                let at = self.offset();
                match self.next()? {
                    ev @ (Event::Start(_) | Event::Empty(_)) => {
                        let empty = matches!(ev, Event::Empty(_));
                        let (Event::Start(e) | Event::Empty(e)) = ev else {
                            continue;
                        };
                        match Self::name(&e) {
                            "prop" => v.props.push(self.prop(&e, at, empty)?),
                            "note" => v.notes.push(self.note(&e, at, empty)?),
                            "seg" => {
                                if seg.is_some() {
                                    return Err(self.err(at, "a second <seg> in <tuv>"));
                                }
                                for (k, _) in self.attrs(&e, at)? {
                                    self.warn(
                                        at,
                                        WarningKind::IgnoredAttribute,
                                        format!("attribute {k} on <seg> is not kept"),
                                    );
                                }
                                seg = Some(self.seg(at, empty)?);
                            }
                            other => {
                                let other = other.to_owned();
                                self.warn(
                                    at,
                                    WarningKind::UnknownElement,
                                    format!("<{other}> in <tuv> is not TMX and is skipped"),
                                );
                                self.skip(empty)?;
                            }
                        }
                    }
                    Event::End(_) => break,
                    Event::Text(t) => self.blank(&t, at, "tuv")?,
                    Event::Comment(_) | Event::PI(_) => {}
                    _ => return Err(self.err(at, "text is not allowed in <tuv>")),
                }
            }
        }
        match seg {
            Some((text, codes)) => {
                v.text = text;
                v.codes = codes;
            }
            None => self.warn(
                at,
                WarningKind::MissingSegment,
                format!("<tuv xml:lang=\"{}\"> has no <seg>; read as empty", v.lang),
            ),
        }
        Ok(v)
    }

    /// The variant's language under the version's rules: `xml:lang` from
    /// TMX 1.3 on; `lang` in 1.1 and 1.2, or `xml:lang` when the file uses
    /// it for every variant.
    fn variant_lang(
        &mut self,
        xml: Option<String>,
        lang: Option<String>,
        at: usize,
    ) -> Result<String> {
        if self.version >= Version::V1_3 {
            return match (xml, lang) {
                (Some(x), _) => Ok(x),
                (None, Some(l)) => Err(self.err(
                    at,
                    format!(
                        "<tuv lang=\"{l}\"> has no xml:lang: TMX {} names a variant's language with xml:lang (lang is TMX 1.1)",
                        self.version.as_str()
                    ),
                )),
                (None, None) => Err(self.err(at, "<tuv> has no xml:lang")),
            };
        }
        let (uses_xml, value) = match (xml, lang) {
            (Some(x), Some(l)) if !x.eq_ignore_ascii_case(&l) => {
                return Err(self.err(at, format!("<tuv> has lang=\"{l}\" and xml:lang=\"{x}\"")));
            }
            (_, Some(l)) => (false, l),
            (Some(x), None) => (true, x),
            (None, None) => return Err(self.err(at, "<tuv> has no lang")),
        };
        match self.lang_style {
            None => self.lang_style = Some((uses_xml, at)),
            Some((first, first_at)) if first != uses_xml => {
                let p = self.position(first_at);
                let (this, that) = if uses_xml {
                    ("xml:lang", "lang")
                } else {
                    ("lang", "xml:lang")
                };
                return Err(self.err(
                    at,
                    format!(
                        "this <tuv> uses {this} but the one at {}:{} uses {that}: a TMX {} file names languages one way",
                        p.line,
                        p.column,
                        self.version.as_str()
                    ),
                ));
            }
            Some(_) => {}
        }
        Ok(value)
    }

    // --- segment content ---------------------------------------------------

    fn seg(&mut self, seg_at: usize, empty: bool) -> Result<(Text, Vec<Code>)> {
        let mut items: Vec<Item> = Vec::new();
        let mut text = String::new();
        let mut hi_depth = 0usize;
        if !empty {
            loop {
                let at = self.offset();
                match self.next()? {
                    Event::Text(t) => text.push_str(&t.xml_content(XmlVersion::Implicit1_0)),
                    Event::CData(c) => text.push_str(&c.xml_content(XmlVersion::Implicit1_0)),
                    Event::GeneralRef(r) => {
                        push_ref(&mut text, &r).map_err(|m| self.xml_err(at, m))?
                    }
                    Event::Comment(_) | Event::PI(_) => {}
                    Event::End(_) => {
                        if !text.is_empty() {
                            items.push(Item::Text(std::mem::take(&mut text)));
                        }
                        if hi_depth == 0 {
                            break;
                        }
                        hi_depth -= 1;
                        items.push(Item::HiEnd);
                    }
                    ev @ (Event::Start(_) | Event::Empty(_)) => {
                        let empty = matches!(ev, Event::Empty(_));
                        let (Event::Start(e) | Event::Empty(e)) = ev else {
                            continue;
                        };
                        if !text.is_empty() {
                            items.push(Item::Text(std::mem::take(&mut text)));
                        }
                        let item = self.inline(&e, at, empty)?;
                        if let Item::Code {
                            element: Element::Highlight,
                            ..
                        } = item
                        {
                            items.push(item);
                            if empty {
                                items.push(Item::HiEnd);
                            } else {
                                hi_depth += 1;
                            }
                        } else {
                            items.push(item);
                        }
                    }
                    _ => return Err(self.err(at, "unexpected content in <seg>")),
                }
            }
        }
        self.build(items, seg_at)
    }

    /// Reads one inline element of a `<seg>` or `<hi>` (for `<hi>`, only its
    /// start).
    fn inline(&mut self, e: &BytesStart<'_>, at: usize, empty: bool) -> Result<Item> {
        let name = Self::name(e).to_owned();
        let attrs = self.attrs(e, at)?;
        let mut i = None;
        let mut x = None;
        let mut kind = None;
        let mut assoc = None;
        let mut pos = None;
        let mut other = Vec::new();
        for (k, v) in attrs {
            match k.as_str() {
                "i" => i = Some(v),
                "x" => x = Some(v),
                "type" => kind = Some(v),
                "assoc" => assoc = Some(v),
                "pos" => pos = Some(v),
                _ => other.push((k, v)),
            }
        }
        let element = match name.as_str() {
            "bpt" => Element::Paired,
            "ph" => Element::Placeholder,
            "ut" => Element::Unknown,
            "hi" => Element::Highlight,
            "it" => match pos.as_deref().map(str::trim) {
                Some("begin") => Element::Isolated(Pos::Begin),
                Some("end") => Element::Isolated(Pos::End),
                Some(p) => {
                    return Err(self.err(at, format!("<it pos=\"{p}\">: pos is begin or end")));
                }
                None => return Err(self.err(at, "<it> has no pos (begin or end)")),
            },
            "ept" => {
                let Some(i) = i else {
                    return Err(self.err(at, "<ept> has no i"));
                };
                let mut ignored: Vec<&str> = other.iter().map(|(k, _)| k.as_str()).collect();
                for (name, v) in [("x", &x), ("type", &kind), ("assoc", &assoc), ("pos", &pos)] {
                    if v.is_some() {
                        ignored.push(name);
                    }
                }
                for k in ignored {
                    self.warn(
                        at,
                        WarningKind::IgnoredAttribute,
                        format!("attribute {k} on <ept> is not kept"),
                    );
                }
                let (markup, pieces) = self.code_content(empty, "ept")?;
                return Ok(Item::Ept {
                    i,
                    markup,
                    pieces,
                    at,
                });
            }
            "sub" => return Err(self.err(at, "<sub> is allowed only inside an inline code")),
            _ => {
                return Err(self.err(at, format!("<{name}> is not a TMX inline element")));
            }
        };
        if element == Element::Paired && i.is_none() {
            return Err(self.err(at, "<bpt> has no i"));
        }
        let (markup, pieces) = if element == Element::Highlight {
            (String::new(), Vec::new())
        } else {
            self.code_content(empty, &name)?
        };
        Ok(Item::Code {
            element,
            i,
            x,
            kind,
            assoc,
            markup,
            pieces,
            attributes: other,
            at,
        })
    }

    /// The content of `<bpt>`, `<ept>`, `<ph>`, `<it>` or `<ut>`: native code
    /// and `<sub>` elements. Gives the markup and, when there is a `<sub>`,
    /// the pieces.
    fn code_content(&mut self, empty: bool, parent: &str) -> Result<(String, Vec<Piece>)> {
        let mut markup = String::new();
        let mut native = String::new();
        let mut pieces = Vec::new();
        if empty {
            return Ok((markup, pieces));
        }
        loop {
            let at = self.offset();
            match self.next()? {
                Event::Text(t) => native.push_str(&t.xml_content(XmlVersion::Implicit1_0)),
                Event::CData(c) => native.push_str(&c.xml_content(XmlVersion::Implicit1_0)),
                Event::GeneralRef(r) => {
                    push_ref(&mut native, &r).map_err(|m| self.xml_err(at, m))?
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::End(_) => break,
                ev @ (Event::Start(_) | Event::Empty(_)) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let (Event::Start(e) | Event::Empty(e)) = ev else {
                        continue;
                    };
                    let name = Self::name(&e);
                    if name != "sub" {
                        return Err(self.err(at, format!("<{name}> is not allowed in <{parent}>")));
                    }
                    let raw = self.capture_sub(at, empty)?;
                    if !native.is_empty() {
                        markup.push_str(&native);
                        pieces.push(Piece::Native(std::mem::take(&mut native)));
                    }
                    markup.push_str(raw);
                    pieces.push(Piece::Sub(raw.to_owned()));
                }
                _ => return Err(self.err(at, format!("unexpected content in <{parent}>"))),
            }
        }
        if !native.is_empty() {
            markup.push_str(&native);
            if !pieces.is_empty() {
                pieces.push(Piece::Native(native));
            }
        }
        Ok((markup, pieces))
    }

    /// Checks a `<sub>` whose start was just read and gives its XML.
    fn capture_sub(&mut self, start: usize, empty: bool) -> Result<&'a str> {
        if !empty {
            let depth = self.depth;
            while self.depth >= depth {
                let at = self.offset();
                match self.next()? {
                    Event::Start(e) | Event::Empty(e) => {
                        let name = Self::name(&e);
                        if !IN_SUB.contains(&name) {
                            return Err(self.err(at, format!("<{name}> is not allowed in <sub>")));
                        }
                        self.attrs(&e, at)?;
                    }
                    Event::GeneralRef(r) => {
                        let mut s = String::new();
                        push_ref(&mut s, &r).map_err(|m| self.xml_err(at, m))?;
                    }
                    _ => {}
                }
            }
        }
        let end = self.offset();
        Ok(self.text.get(start..end).unwrap_or(""))
    }

    /// Pairs `<bpt>` with `<ept>`, gives every code its run id and builds
    /// the text.
    fn build(&self, items: Vec<Item>, seg_at: usize) -> Result<(Text, Vec<Code>)> {
        // Pairing by i: each <ept> closes the open <bpt> with its i.
        let mut open: HashMap<&str, usize> = HashMap::new();
        let mut seen_i: HashSet<&str> = HashSet::new();
        let mut closer: HashMap<usize, usize> = HashMap::new();
        for (n, item) in items.iter().enumerate() {
            match item {
                Item::Code {
                    element: Element::Paired,
                    i: Some(i),
                    at,
                    ..
                } => {
                    if !seen_i.insert(i.as_str()) {
                        return Err(self.err(
                            *at,
                            format!(
                                "a second <bpt i=\"{i}\"> in one segment: i is unique per segment"
                            ),
                        ));
                    }
                    open.insert(i.as_str(), n);
                }
                Item::Ept { i, at, .. } => {
                    match open.remove(i.as_str()) {
                        Some(b) => {
                            closer.insert(b, n);
                        }
                        None => {
                            return Err(self.err(
                            *at,
                            format!("<ept i=\"{i}\"> has no <bpt i=\"{i}\"> before it in the segment"),
                        ));
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some((i, &n)) = open.iter().min_by_key(|(_, n)| **n)
            && let Some(Item::Code { at, .. }) = items.get(n)
        {
            return Err(self.err(
                *at,
                format!("<bpt i=\"{i}\"> has no <ept i=\"{i}\"> after it in the segment (use <it> for a code whose end is elsewhere)"),
            ));
        }
        // Ids: x, else i for pairs, when unused; then generated ones.
        let mut ids: Vec<Option<String>> = vec![None; items.len()];
        let mut used: HashSet<String> = HashSet::new();
        for (n, item) in items.iter().enumerate() {
            if let Item::Code { element, i, x, .. } = item {
                let candidate = x.clone().or_else(|| {
                    if *element == Element::Paired {
                        i.clone()
                    } else {
                        None
                    }
                });
                if let Some(c) = candidate.filter(|c| !used.contains(c)) {
                    used.insert(c.clone());
                    ids[n] = Some(c);
                }
            }
        }
        let mut counter = 0usize;
        for (n, item) in items.iter().enumerate() {
            if let Item::Code { element, .. } = item
                && ids[n].is_none()
            {
                let prefix = match element {
                    Element::Paired => "bpt",
                    Element::Highlight => "hi",
                    Element::Isolated(_) => "it",
                    // <ut> is written as <ph>: the same id comes back.
                    _ => "ph",
                };
                let id = loop {
                    counter += 1;
                    let id = format!("{prefix}{counter}");
                    if !used.contains(&id) {
                        break id;
                    }
                };
                used.insert(id.clone());
                ids[n] = Some(id);
            }
        }
        // Where each <ept> gets its id; which items make a protected span
        // (<hi type="x-newsloc-protected">, text, </hi>).
        let mut end_id: Vec<Option<String>> = vec![None; items.len()];
        for (&b, &e) in &closer {
            if let (Some(Some(id)), Some(slot)) = (ids.get(b), end_id.get_mut(e)) {
                *slot = Some(id.clone());
            }
        }
        let mut protected = vec![false; items.len()];
        for n in 0..items.len() {
            if let Some(Item::Code {
                element: Element::Highlight,
                kind: Some(k),
                ..
            }) = items.get(n)
                && k == HI_PROTECTED
                && matches!(items.get(n + 1), Some(Item::Text(_)))
                && matches!(items.get(n + 2), Some(Item::HiEnd))
            {
                for p in protected.iter_mut().skip(n).take(3) {
                    *p = true;
                }
            }
        }
        // Runs, taking the items.
        let mut runs = Vec::with_capacity(items.len());
        let mut codes: Vec<Code> = Vec::new();
        let mut hi_stack: Vec<String> = Vec::new();
        for (n, item) in items.into_iter().enumerate() {
            if protected[n] {
                if let Item::Text(t) = item {
                    runs.push(Run::Protected(t));
                }
                continue;
            }
            match item {
                Item::Text(t) => runs.push(Run::Text(t)),
                Item::HiEnd => {
                    if let Some(id) = hi_stack.pop() {
                        runs.push(Run::End {
                            id,
                            markup: String::new(),
                        });
                    }
                }
                Item::Ept { markup, pieces, .. } => {
                    let id = end_id[n].take().unwrap_or_default();
                    if !pieces.is_empty()
                        && let Some(c) = codes.iter_mut().rev().find(|c| c.id == id)
                    {
                        c.end_content = pieces;
                    }
                    runs.push(Run::End { id, markup });
                }
                Item::Code {
                    element,
                    i,
                    x,
                    kind,
                    assoc,
                    markup,
                    pieces,
                    attributes,
                    ..
                } => {
                    let id = ids[n].take().unwrap_or_default();
                    let code_kind = code_kind(kind.as_deref());
                    match element {
                        Element::Paired | Element::Highlight => {
                            if element == Element::Highlight {
                                hi_stack.push(id.clone());
                            }
                            runs.push(Run::Start {
                                id: id.clone(),
                                kind: code_kind,
                                markup,
                            });
                        }
                        _ => runs.push(Run::Code {
                            id: id.clone(),
                            kind: code_kind,
                            markup,
                        }),
                    }
                    codes.push(Code {
                        id,
                        element: Some(element),
                        i,
                        x,
                        kind,
                        assoc,
                        content: pieces,
                        end_content: Vec::new(),
                        attributes,
                    });
                }
            }
        }
        let text = Text::from_runs(runs).map_err(|e| {
            let message = match e {
                Error::Model { message, .. } => message,
                other => other.to_string(),
            };
            self.err(seg_at, format!("<seg>: {message}"))
        })?;
        Ok((text, codes))
    }
}

/// The code kind a TMX `type` stands for.
fn code_kind(kind: Option<&str>) -> CodeKind {
    match kind.map(str::to_ascii_lowercase).as_deref() {
        Some("bold") => CodeKind::Strong,
        Some("italic") => CodeKind::Emphasis,
        Some("link") => CodeKind::Link,
        Some("lb") => CodeKind::LineBreak,
        Some("x-script" | "superscript" | "subscript") => CodeKind::Script,
        _ => CodeKind::Other,
    }
}
