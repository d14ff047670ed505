//! The XLIFF document model shared by XLIFF 1.2 and 2.x.
//!
//! Everything both versions mean is a typed value here; what the model does
//! not understand (other modules, vendor namespaces, comments, processing
//! instructions, 1.2 header content) is kept as [`Raw`] XML text in place and
//! written back unchanged.
//!
//! Strings are [`Str`]: in a document read from a file, views into one
//! buffer per unit that holds the text of the unit's strings, so a document
//! keeps its text once and none of the file's markup. Rarely used values
//! live in [`Attr`] lists, so a document costs little more memory than
//! twice the file it came from.

use std::fmt;

pub use super::str::Str;
use crate::list::{Boxed, List};

/// An XLIFF version.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::Version;
/// assert_eq!(Version::V2_1.as_str(), "2.1");
/// assert_eq!(Version::default(), Version::V2_0);
/// assert!(Version::V2_2.is_v2());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Version {
    /// XLIFF 1.2 (1.0 and 1.1 documents are read as 1.2).
    V1_2,
    /// XLIFF 2.0.
    #[default]
    V2_0,
    /// XLIFF 2.1 (same namespace as 2.0).
    V2_1,
    /// XLIFF 2.2 (namespace `urn:oasis:names:tc:xliff:document:2.2`).
    V2_2,
}

impl Version {
    /// The value of the root `version` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1_2 => "1.2",
            Version::V2_0 => "2.0",
            Version::V2_1 => "2.1",
            Version::V2_2 => "2.2",
        }
    }

    /// True for 2.0, 2.1 and 2.2.
    pub fn is_v2(self) -> bool {
        !matches!(self, Version::V1_2)
    }

    /// The namespace of the core elements of this version.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::Version;
    /// assert_eq!(Version::V2_1.namespace(), "urn:oasis:names:tc:xliff:document:2.0");
    /// ```
    pub fn namespace(self) -> &'static str {
        match self {
            Version::V1_2 => crate::ns::XLIFF_12,
            Version::V2_0 | Version::V2_1 => crate::ns::XLIFF_20,
            Version::V2_2 => crate::ns::XLIFF_22,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `"1.2"`, `"2.0"`, `"2.1"` or `"2.2"` (and `"2"` for 2.0).
///
/// # Examples
///
/// ```
/// use newsloc_xliff::Version;
/// assert_eq!("2.1".parse::<Version>()?, Version::V2_1);
/// assert!("3.0".parse::<Version>().is_err());
/// # Ok::<(), newsloc_xliff::ParseValueError>(())
/// ```
impl std::str::FromStr for Version {
    type Err = ParseValueError;
    fn from_str(s: &str) -> Result<Version, ParseValueError> {
        Ok(match s {
            "1.2" => Version::V1_2,
            "2" | "2.0" => Version::V2_0,
            "2.1" => Version::V2_1,
            "2.2" => Version::V2_2,
            _ => {
                return Err(ParseValueError::new(
                    "an XLIFF version (1.2, 2.0, 2.1, 2.2)",
                    s,
                ));
            }
        })
    }
}

/// A value that is not one of those an XLIFF attribute allows (from the
/// `FromStr` of [`Version`], [`State`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{value}\" is not {expected}")]
pub struct ParseValueError {
    expected: &'static str,
    value: String,
}

impl ParseValueError {
    fn new(expected: &'static str, value: &str) -> ParseValueError {
        ParseValueError {
            expected,
            value: value.to_owned(),
        }
    }
}

/// The translation state of a segment (the XLIFF 2 values; XLIFF 1.2 states
/// map onto these, the exact 1.2 value is kept in [`Segment::sub_state`]).
///
/// # Examples
///
/// ```
/// use newsloc_xliff::State;
/// assert_eq!("reviewed".parse::<State>(), Ok(State::Reviewed));
/// assert_eq!(State::Final.as_str(), "final");
/// assert!("done".parse::<State>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[non_exhaustive]
pub enum State {
    /// Not translated yet (the XLIFF 2 default).
    #[default]
    Initial,
    /// Translated, not reviewed.
    Translated,
    /// Reviewed.
    Reviewed,
    /// Final: no more changes expected.
    Final,
}

impl State {
    /// The XLIFF 2 attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Initial => "initial",
            State::Translated => "translated",
            State::Reviewed => "reviewed",
            State::Final => "final",
        }
    }
}

impl std::str::FromStr for State {
    type Err = ParseValueError;
    fn from_str(s: &str) -> Result<State, ParseValueError> {
        Ok(match s {
            "initial" => State::Initial,
            "translated" => State::Translated,
            "reviewed" => State::Reviewed,
            "final" => State::Final,
            _ => {
                return Err(ParseValueError::new(
                    "a state (initial, translated, reviewed, final)",
                    s,
                ));
            }
        })
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value of `xml:space`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Space {
    /// `default`: the application may normalise white space.
    #[default]
    Default,
    /// `preserve`: white space is significant.
    Preserve,
}

impl Space {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Space::Default => "default",
            Space::Preserve => "preserve",
        }
    }
}

/// What a note or a metadata group applies to (2.x `appliesTo`, 1.2
/// `annotates`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AppliesTo {
    /// The source.
    Source,
    /// The target.
    Target,
    /// An ignorable (2.x metadata only).
    Ignorable,
    /// The whole unit (1.2 `annotates="general"`).
    General,
}

impl AppliesTo {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            AppliesTo::Source => "source",
            AppliesTo::Target => "target",
            AppliesTo::Ignorable => "ignorable",
            AppliesTo::General => "general",
        }
    }

    /// Parses an attribute value; `None` for an unknown one.
    pub fn parse(s: &str) -> Option<AppliesTo> {
        Some(match s {
            "source" => AppliesTo::Source,
            "target" => AppliesTo::Target,
            "ignorable" => AppliesTo::Ignorable,
            "general" => AppliesTo::General,
            _ => return None,
        })
    }
}

/// An attribute kept as is: its qualified name as written (`sdl:conf`,
/// `xmlns:mq`, `xml:lang`) and its value with references resolved (writers
/// escape it again).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attr {
    /// The qualified name, e.g. `xmlns:sdl` or `fs:fs`.
    pub name: Str,
    /// The value, unescaped.
    pub value: Str,
}

impl Attr {
    /// Makes an attribute.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::Attr;
    /// let a = Attr::new("xmlns:sdl", "http://sdl.com/FileTypes/SdlXliff/1.0");
    /// assert_eq!(&*a.name, "xmlns:sdl");
    /// ```
    pub fn new(name: impl Into<Str>, value: impl Into<Str>) -> Attr {
        Attr {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// Looks up an attribute by qualified name in a list.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{attr_value, Attr};
/// let attrs = vec![Attr::new("mq:status", "Confirmed")];
/// assert_eq!(attr_value(&attrs, "mq:status"), Some("Confirmed"));
/// assert_eq!(attr_value(&attrs, "status"), None);
/// ```
pub fn attr_value<'a>(attrs: &'a [Attr], name: &str) -> Option<&'a str> {
    attrs.iter().find(|a| &*a.name == name).map(|a| &*a.value)
}

/// XML kept verbatim: the exact text of an element (start tag to end tag), a
/// comment or a processing instruction, as it appeared in the input. Writers
/// put it back unchanged.
///
/// Namespace prefixes used inside it must be declared where it is written;
/// readers keep the declarations (on the root or on the element carrying it)
/// as [`Attr`]s, and readers add the declarations of prefixes bound on
/// intermediate ancestors to the raw element's own start tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Raw(pub Str);

impl Raw {
    /// Wraps XML text.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::Raw;
    /// let r = Raw::new("<sdl:ref-files/>");
    /// assert_eq!(r.element_name(), Some("sdl:ref-files"));
    /// assert_eq!(Raw::new("<!-- hi -->").element_name(), None);
    /// ```
    pub fn new(xml: impl Into<Str>) -> Raw {
        Raw(xml.into())
    }

    /// The XML text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The qualified name of the element, or `None` for a comment, PI or text.
    pub fn element_name(&self) -> Option<&str> {
        let rest = self.0.strip_prefix('<')?;
        if rest.starts_with(['!', '?', '/']) {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        rest.get(..end).filter(|n| !n.is_empty())
    }
}

/// A whole XLIFF document.
///
/// # Examples
///
/// Build one by hand:
///
/// ```
/// use newsloc_xliff::{Document, File, Item, Segment, Content, Unit, Version};
/// let mut doc = Document::new(Version::V2_0, "en", Some("fr"));
/// let mut file = File::new("f1");
/// let mut unit = Unit::new("u1");
/// unit.push_segment(Segment::new(Some("s1"), Content::text("Hello")));
/// file.items.push(Item::from(unit));
/// doc.files.push(file);
/// assert_eq!(doc.units().count(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The version the document is written as: the one it was read as,
    /// until [`Document::convert`] changes it.
    pub version: Version,
    /// Source language (2.x `srcLang` on the root; for 1.2 the first file's
    /// `source-language`, each [`File`] keeps its own).
    pub src_lang: Option<Str>,
    /// Target language (2.x `trgLang`; 1.2 as for `src_lang`).
    pub trg_lang: Option<Str>,
    /// Other attributes of the root element, namespace declarations
    /// (`xmlns:sdl`) included, in order. The default namespace, `version`,
    /// `srcLang` and `trgLang` are not in this list.
    pub attrs: List<Attr>,
    /// Comments and processing instructions before the root element (the
    /// XML declaration is not kept: writers always write one).
    pub prolog: List<Raw>,
    /// Comments and processing instructions after the root element.
    pub epilog: List<Raw>,
    /// Vendor elements, comments and PIs directly inside the root, beside
    /// the files (`sdl:doc-info`), verbatim in order; writers put them
    /// before the first file.
    pub extensions: List<Raw>,
    /// Notes on the whole document (XLIFF 2.2 `<notes>` in the root).
    pub notes: List<Note>,
    /// The files, in order.
    pub files: List<File>,
    /// The version the document was read as, when a reader made it: the
    /// writers then map that version's own forms (1.2 states and
    /// attributes) into the other version's. Not part of equality.
    pub(crate) origin: Option<Version>,
}

/// Equal when every part is; the version a document was read as does not
/// count (a document converted and read back equals the original).
impl PartialEq for Document {
    fn eq(&self, other: &Document) -> bool {
        let Document {
            version,
            src_lang,
            trg_lang,
            attrs,
            prolog,
            epilog,
            extensions,
            notes,
            files,
            origin: _,
        } = self;
        *version == other.version
            && *src_lang == other.src_lang
            && *trg_lang == other.trg_lang
            && *attrs == other.attrs
            && *prolog == other.prolog
            && *epilog == other.epilog
            && *extensions == other.extensions
            && *notes == other.notes
            && *files == other.files
    }
}

impl Document {
    /// The version the document was read as (its [`version`](Document::version)
    /// for a document made in code, until converted).
    pub fn read_as(&self) -> Version {
        self.origin.unwrap_or(self.version)
    }

    /// Records that a reader made the document from `version`.
    pub(crate) fn set_origin(&mut self) {
        self.origin = Some(self.version);
    }

    /// An empty document.
    pub fn new(version: Version, src_lang: &str, trg_lang: Option<&str>) -> Document {
        Document {
            version,
            src_lang: Some(src_lang.into()),
            trg_lang: trg_lang.map(Into::into),
            ..Document::default()
        }
    }

    /// Every unit in document order, through groups.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.files.iter().flat_map(|f| Units::new(&f.items))
    }

    /// Every unit in document order, through groups, mutably.
    pub fn units_mut(&mut self) -> impl Iterator<Item = &mut Unit> {
        let mut out = Vec::new();
        for f in &mut self.files {
            collect_units_mut(&mut f.items, &mut out);
        }
        out.into_iter()
    }

    /// Writes the document as XLIFF in its own [`version`](Document::version)
    /// (UTF-8); see [`Document::convert`] to write another.
    ///
    /// Content is never indented (white space inside `<source>`,
    /// `<target>` and notes is written as it is); structure is indented.
    /// What is written validates against the OASIS schemas of the version.
    ///
    /// # Errors
    ///
    /// [`Error::Unwritable`](crate::Error::Unwritable) when the document
    /// cannot be written in its version: an attribute value or text holding
    /// a character XML cannot hold, a 1.2 file without a source language.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::{Content, Document, File, Segment, Unit, Version};
    /// let mut doc = Document::new(Version::V2_0, "en", Some("fr"));
    /// let mut unit = Unit::new("headline");
    /// unit.push_segment(Segment::new(Some("1"), Content::text("Kim & Putin meet")));
    /// let mut file = File::new("story-1");
    /// file.items.push(unit.into());
    /// doc.files.push(file);
    /// let xml = doc.to_xml()?;
    /// assert!(xml.contains("<source>Kim &amp; Putin meet</source>"));
    /// assert_eq!(xml.parse::<Document>()?, doc);
    /// # Ok::<(), newsloc_xliff::Error>(())
    /// ```
    pub fn to_xml(&self) -> crate::Result<String> {
        let mut out = String::new();
        self.write_xml(&mut out, None)?;
        Ok(out)
    }

    /// Writes the document into `out`, handing the XML to `spill` as it
    /// goes when there is one (see [`spill`](crate::xml::spill)).
    fn write_xml(&self, out: &mut String, spill: Option<&mut std::fs::File>) -> crate::Result<()> {
        if self.version.is_v2() {
            super::v2::write(self, self.version, out, spill)
        } else {
            super::v12::write(self, out, spill)
        }
    }

    /// Writes the document as [`Document::to_xml`] does, to `w`.
    ///
    /// # Errors
    ///
    /// As [`Document::to_xml`] (nothing is written then), and
    /// [`Error::Io`](crate::Error::Io) when writing fails.
    pub fn to_writer(&self, mut w: impl std::io::Write) -> crate::Result<()> {
        let s = self.to_xml()?;
        w.write_all(s.as_bytes())
            .map_err(|source| crate::Error::Io { path: None, source })
    }

    /// Writes the document as [`Document::to_xml`] does, to the file at
    /// `path` (created or replaced).
    ///
    /// The XML goes to a temporary file beside it as it is written (a large
    /// document's XML is not held whole), which then replaces the file in
    /// one step: the file is whole or untouched, even when the process is
    /// killed while writing. A file replaced keeps its permissions; through
    /// a symbolic link, the file it points to is replaced.
    ///
    /// # Errors
    ///
    /// As [`Document::to_xml`] (the file is then not touched), and
    /// [`Error::Io`](crate::Error::Io) naming the file when writing fails.
    pub fn to_path(&self, path: impl AsRef<std::path::Path>) -> crate::Result<()> {
        use std::io::Write;
        let path = path.as_ref();
        let io = |source| crate::Error::Io {
            path: Some(path.to_path_buf()),
            source,
        };
        // The file a link points to; a new file's own path.
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".newsloc-").suffix(".tmp");
        // A new file gets the permissions `std::fs::write` would give it
        // (the umask applies); a file replaced keeps its own.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder.tempfile_in(dir).map_err(|e| {
            // (tempfile's message ends naming the temporary file: the
            // folder is what the reader can act on.)
            let text = e.to_string();
            let reason = text
                .rsplit_once(" at path ")
                .map_or(text.as_str(), |(r, _)| r);
            io(std::io::Error::new(
                e.kind(),
                format!("cannot create a file in {}: {reason}", dir.display()),
            ))
        })?;
        let mut out = String::with_capacity(crate::xml::SPILL_AT + crate::xml::SPILL_AT / 4);
        self.write_xml(&mut out, Some(tmp.as_file_mut()))
            .map_err(|e| match e {
                crate::Error::Io { path: None, source } => io(source),
                e => e,
            })?;
        let file = tmp.as_file_mut();
        file.write_all(out.as_bytes())
            .and_then(|()| file.flush())
            .map_err(io)?;
        if let Ok(meta) = std::fs::metadata(&target) {
            file.set_permissions(meta.permissions()).map_err(io)?;
        }
        tmp.persist(&target).map_err(|e| io(e.error))?;
        Ok(())
    }

    /// Converts the document to XLIFF `to`: it is then written as `to`.
    ///
    /// The model is one for every version, so nothing else changes here:
    /// the writer of `to` expresses each part in that version's form
    /// (`pc` as `g`, 2.x metadata as 1.2 attributes, and back) and keeps
    /// what the version has no form for in a record it reads back.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::{Content, Document, File, Segment, Unit, Version};
    /// let mut doc = Document::new(Version::V2_0, "en", Some("fr"));
    /// let mut unit = Unit::new("u1");
    /// unit.push_segment(Segment::new(Some("1"), Content::text("Rain")));
    /// let mut file = File::new("story-1");
    /// file.items.push(unit.into());
    /// doc.files.push(file);
    /// doc.convert(Version::V1_2);
    /// let xml = doc.to_xml()?;
    /// assert!(xml.contains(r#"<xliff version="1.2""#));
    /// # Ok::<(), newsloc_xliff::Error>(())
    /// ```
    pub fn convert(&mut self, to: Version) {
        self.origin.get_or_insert(self.version);
        self.version = to;
    }

    /// Finds a unit by id (in any file; the first match).
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units().find(|u| &*u.id == id)
    }
}

struct Units<'a> {
    stack: Vec<std::slice::Iter<'a, Item>>,
}

impl<'a> Units<'a> {
    fn new(items: &'a [Item]) -> Units<'a> {
        Units {
            stack: vec![items.iter()],
        }
    }
}

impl<'a> Iterator for Units<'a> {
    type Item = &'a Unit;
    fn next(&mut self) -> Option<&'a Unit> {
        loop {
            let top = self.stack.last_mut()?;
            match top.next() {
                None => {
                    self.stack.pop();
                }
                Some(Item::Unit(u)) => return Some(u),
                Some(Item::Group(g)) => self.stack.push(g.items.iter()),
                Some(Item::Raw(_)) => {}
            }
        }
    }
}

fn collect_units_mut<'a>(items: &'a mut [Item], out: &mut Vec<&'a mut Unit>) {
    for item in items {
        match item {
            Item::Unit(u) => out.push(u),
            Item::Group(g) => collect_units_mut(&mut g.items, out),
            Item::Raw(_) => {}
        }
    }
}

/// A `<file>`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    /// 2.x `id` (required there; writers of 2.x make one up when missing).
    pub id: Option<Str>,
    /// `original` (required in 1.2, optional in 2.x).
    pub original: Option<Str>,
    /// 1.2 `datatype`.
    pub datatype: Option<Str>,
    /// 1.2 `source-language` of this file.
    pub src_lang: Option<Str>,
    /// 1.2 `target-language` of this file.
    pub trg_lang: Option<Str>,
    /// 2.x `translate` on the file.
    pub translate: Option<bool>,
    /// 1.2 `<header>` children other than notes (`skl`, `phase-group`,
    /// `tool`, `count-group`, `prop-group`, `reference`, vendor elements),
    /// verbatim in order.
    pub header: List<Raw>,
    /// 2.x `<skeleton>`, verbatim.
    pub skeleton: Option<Raw>,
    /// Notes on the file.
    pub notes: List<Note>,
    /// The Metadata module (`mda:metadata`).
    pub metadata: Option<Metadata>,
    /// Other module and vendor elements at file level, verbatim in order
    /// (2.x writes them before the notes).
    pub extensions: List<Raw>,
    /// Units, groups and verbatim elements (1.2 `bin-unit`), in order.
    pub items: List<Item>,
    /// Other attributes, verbatim in order.
    pub attrs: List<Attr>,
}

impl File {
    /// A file with a 2.x id.
    pub fn new(id: &str) -> File {
        File {
            id: Some(id.into()),
            ..File::default()
        }
    }
}

/// A child of a file or group.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A `<unit>` / `<trans-unit>`.
    Unit(Boxed<Unit>),
    /// A `<group>`.
    Group(Boxed<Group>),
    /// Anything else, verbatim (1.2 `bin-unit`, vendor elements, comments).
    Raw(Raw),
}

impl From<Unit> for Item {
    fn from(u: Unit) -> Item {
        Item::Unit(Boxed::new(u))
    }
}

impl From<Group> for Item {
    fn from(g: Group) -> Item {
        Item::Group(Boxed::new(g))
    }
}

/// A `<group>`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    /// `id` (required in 2.x, optional in 1.2).
    pub id: Option<Str>,
    /// 2.x `name` / 1.2 `resname`.
    pub name: Option<Str>,
    /// 2.x `type` / 1.2 `restype`.
    pub kind: Option<Str>,
    /// `translate`.
    pub translate: Option<bool>,
    /// `xml:space`.
    pub space: Option<Space>,
    /// Notes.
    pub notes: List<Note>,
    /// The Metadata module.
    pub metadata: Option<Metadata>,
    /// Other module and vendor elements, verbatim in order.
    pub extensions: List<Raw>,
    /// Units, groups and verbatim elements, in order.
    pub items: List<Item>,
    /// Other attributes, verbatim in order.
    pub attrs: List<Attr>,
}

impl Group {
    /// A group with an id.
    pub fn new(id: &str) -> Group {
        Group {
            id: Some(id.into()),
            ..Group::default()
        }
    }
}

/// A `<unit>` (2.x) or `<trans-unit>` (1.2).
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{Content, Segment, Unit};
/// let mut u = Unit::new("p1");
/// u.push_segment(Segment::new(Some("1"), Content::text("One.")));
/// u.push_ignorable(Content::text(" "));
/// u.push_segment(Segment::new(Some("2"), Content::text("Two.")));
/// assert_eq!(u.segments().count(), 2);
/// assert_eq!(u.source_text(), "One. Two.");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unit {
    /// `id`.
    pub id: Str,
    /// 2.x `name` / 1.2 `resname`.
    pub name: Option<Str>,
    /// 2.x `type` / 1.2 `restype`.
    pub kind: Option<Str>,
    /// `translate`.
    pub translate: Option<bool>,
    /// `xml:space`.
    pub space: Option<Space>,
    /// Notes.
    pub notes: List<Note>,
    /// The Metadata module.
    pub metadata: Option<Metadata>,
    /// Translation candidates (2.x `mtc:match`, 1.2 `alt-trans`).
    pub candidates: List<Candidate>,
    /// Original data of the inline codes (2.x `originalData`), id → data.
    pub original_data: List<Data>,
    /// Other module and vendor elements, verbatim in order (1.2:
    /// `context-group`, `count-group`, `prop-group`, vendor elements;
    /// 2.x: modules other than metadata and matches).
    pub extensions: List<Raw>,
    /// Segments and ignorables, in order.
    pub parts: List<Part>,
    /// Other attributes (1.2 `maxwidth`, `size-unit`, 2.x `slr:*`,
    /// `canResegment`, `srcDir`, vendor attributes), verbatim in order.
    pub attrs: List<Attr>,
}

impl Unit {
    /// A unit with an id and nothing else.
    pub fn new(id: &str) -> Unit {
        Unit {
            id: id.into(),
            ..Unit::default()
        }
    }

    /// Appends a segment.
    pub fn push_segment(&mut self, segment: Segment) {
        self.parts.push(Part::Segment(segment));
    }

    /// Appends an ignorable with this source and no target.
    pub fn push_ignorable(&mut self, source: Content) {
        self.parts.push(Part::Ignorable(Ignorable {
            source,
            ..Ignorable::default()
        }));
    }

    /// The segments, in order.
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.parts.iter().filter_map(|p| match p {
            Part::Segment(s) => Some(s),
            Part::Ignorable(_) => None,
        })
    }

    /// The segments, in order, mutably.
    pub fn segments_mut(&mut self) -> impl Iterator<Item = &mut Segment> {
        self.parts.iter_mut().filter_map(|p| match p {
            Part::Segment(s) => Some(s),
            Part::Ignorable(_) => None,
        })
    }

    /// The plain text of the whole source (segments and ignorables), codes
    /// left out.
    pub fn source_text(&self) -> String {
        let mut s = String::new();
        for p in &self.parts {
            p.source().push_plain_text(&mut s);
        }
        s
    }

    /// The original data with this id.
    pub fn data(&self, id: &str) -> Option<&Data> {
        self.original_data.iter().find(|d| &*d.id == id)
    }
}

/// A part of a unit's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A `<segment>` (1.2: the trans-unit's source/target, or one
    /// `<mrk mtype="seg">` of a `<seg-source>`).
    Segment(Segment),
    /// An `<ignorable>` (1.2: text between `mrk mtype="seg"` markers).
    Ignorable(Ignorable),
}

impl Part {
    /// The source content.
    pub fn source(&self) -> &Content {
        match self {
            Part::Segment(s) => &s.source,
            Part::Ignorable(i) => &i.source,
        }
    }

    /// The target content, if any.
    pub fn target(&self) -> Option<&Content> {
        match self {
            Part::Segment(s) => s.target.as_ref(),
            Part::Ignorable(i) => i.target.as_ref(),
        }
    }
}

/// A segment: source, optional target and state.
///
/// The rarer attributes (`canResegment`, `xml:lang` and `xml:space` on the
/// source and target, vendor attributes) are read and set through methods;
/// a segment without any of them takes no memory for them.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{Attr, Content, Segment, Space};
/// let mut s = Segment::new(Some("1"), Content::text("Hi"));
/// assert_eq!(s.target_lang(), None);
/// s.set_target_lang(Some("fr".into()));
/// s.set_target_space(Some(Space::Preserve));
/// s.attrs_mut().push(Attr::new("mq:status", "Confirmed"));
/// assert_eq!(s.target_lang(), Some("fr"));
/// assert_eq!(s.target_space(), Some(Space::Preserve));
/// assert_eq!(s.attrs().len(), 1);
/// s.set_target_lang(None);
/// assert_eq!(s.target_lang(), None);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// `id` (2.x segment id; 1.2 `mid` of a `mrk mtype="seg"`).
    pub id: Option<Str>,
    /// `state`; `None` when not written (2.x default `initial`).
    pub state: Option<State>,
    /// 2.x `subState`; carries 1.2 and vendor states that have no 2.x value,
    /// prefixed (e.g. `xlf12:needs-review-translation`).
    pub sub_state: Option<Str>,
    /// The source content.
    pub source: Content,
    /// The target: `None` when absent, `Some(empty)` for `<target/>`.
    pub target: Option<Content>,
    /// The rarer attributes, out of line; `None` when the segment has none.
    pub(crate) extra: Option<Box<SegmentExtra>>,
}

/// The rarer attributes of a [`Segment`].
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SegmentExtra {
    /// `canResegment`.
    pub(crate) can_resegment: Option<bool>,
    /// `xml:lang` on the source (1.2 writes it often; 2.x takes it from the
    /// root).
    pub(crate) source_lang: Option<Str>,
    /// `xml:space` on the source.
    pub(crate) source_space: Option<Space>,
    /// `xml:lang` on the target.
    pub(crate) target_lang: Option<Str>,
    /// `xml:space` on the target.
    pub(crate) target_space: Option<Space>,
    /// Other attributes of the segment, verbatim.
    pub(crate) attrs: List<Attr>,
    /// Other attributes of the `<source>`, verbatim.
    pub(crate) source_attrs: List<Attr>,
    /// Other attributes of the `<target>` (2.x `order`, 1.2 `state` is
    /// typed, vendor attributes), verbatim.
    pub(crate) target_attrs: List<Attr>,
}

/// What a segment without [`SegmentExtra`] has.
static NO_EXTRA: SegmentExtra = SegmentExtra {
    can_resegment: None,
    source_lang: None,
    source_space: None,
    target_lang: None,
    target_space: None,
    attrs: List::new(),
    source_attrs: List::new(),
    target_attrs: List::new(),
};

/// Segments compare by value: no rare attributes equal empty ones.
impl PartialEq for Segment {
    fn eq(&self, other: &Segment) -> bool {
        // Destructured, so that a new field cannot be left out here.
        let Segment {
            id,
            state,
            sub_state,
            source,
            target,
            extra: _,
        } = self;
        *id == other.id
            && *state == other.state
            && *sub_state == other.sub_state
            && *source == other.source
            && *target == other.target
            && self.ext() == other.ext()
    }
}

impl Segment {
    /// A segment with an optional id and a source.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::{Content, Segment};
    /// let s = Segment::new(Some("1"), Content::text("Hi"));
    /// assert!(s.target.is_none());
    /// ```
    pub fn new(id: Option<&str>, source: Content) -> Segment {
        Segment {
            id: id.map(Into::into),
            source,
            ..Segment::default()
        }
    }

    fn ext(&self) -> &SegmentExtra {
        self.extra.as_deref().unwrap_or(&NO_EXTRA)
    }

    /// The rarer attributes, created (empty) when the segment has none yet.
    pub(crate) fn extra_mut(&mut self) -> &mut SegmentExtra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// Sets one of the rarer values: `None` on a segment without any
    /// allocates nothing, and an `extra` left empty is dropped.
    fn set_rare<V>(&mut self, field: fn(&mut SegmentExtra) -> &mut Option<V>, value: Option<V>) {
        if value.is_none() && self.extra.is_none() {
            return;
        }
        *field(self.extra_mut()) = value;
        self.tidy_extra();
    }

    /// Drops an `extra` that holds nothing, and the spare capacity of its
    /// lists.
    pub(crate) fn tidy_extra(&mut self) {
        if let Some(e) = &mut self.extra {
            if **e == NO_EXTRA {
                self.extra = None;
            } else {
                e.attrs.shrink_to_fit();
                e.source_attrs.shrink_to_fit();
                e.target_attrs.shrink_to_fit();
            }
        }
    }

    /// `canResegment`.
    pub fn can_resegment(&self) -> Option<bool> {
        self.ext().can_resegment
    }

    /// Sets (or, with `None`, removes) `canResegment`.
    pub fn set_can_resegment(&mut self, value: Option<bool>) {
        self.set_rare(|e| &mut e.can_resegment, value);
    }

    /// `xml:lang` on the source.
    pub fn source_lang(&self) -> Option<&str> {
        self.ext().source_lang.as_deref()
    }

    /// Sets (or removes) `xml:lang` on the source.
    pub fn set_source_lang(&mut self, lang: Option<Str>) {
        self.set_rare(|e| &mut e.source_lang, lang);
    }

    /// `xml:space` on the source.
    pub fn source_space(&self) -> Option<Space> {
        self.ext().source_space
    }

    /// Sets (or removes) `xml:space` on the source.
    pub fn set_source_space(&mut self, space: Option<Space>) {
        self.set_rare(|e| &mut e.source_space, space);
    }

    /// `xml:lang` on the target.
    pub fn target_lang(&self) -> Option<&str> {
        self.ext().target_lang.as_deref()
    }

    /// Sets (or removes) `xml:lang` on the target.
    pub fn set_target_lang(&mut self, lang: Option<Str>) {
        self.set_rare(|e| &mut e.target_lang, lang);
    }

    /// `xml:space` on the target.
    pub fn target_space(&self) -> Option<Space> {
        self.ext().target_space
    }

    /// Sets (or removes) `xml:space` on the target.
    pub fn set_target_space(&mut self, space: Option<Space>) {
        self.set_rare(|e| &mut e.target_space, space);
    }

    /// Other attributes of the segment, verbatim.
    pub fn attrs(&self) -> &[Attr] {
        &self.ext().attrs
    }

    /// Other attributes of the segment, to change.
    pub fn attrs_mut(&mut self) -> &mut List<Attr> {
        &mut self.extra_mut().attrs
    }

    /// Other attributes of the `<source>`, verbatim.
    pub fn source_attrs(&self) -> &[Attr] {
        &self.ext().source_attrs
    }

    /// Other attributes of the `<source>`, to change.
    pub fn source_attrs_mut(&mut self) -> &mut List<Attr> {
        &mut self.extra_mut().source_attrs
    }

    /// Other attributes of the `<target>` (2.x `order`, vendor
    /// attributes), verbatim.
    pub fn target_attrs(&self) -> &[Attr] {
        &self.ext().target_attrs
    }

    /// Other attributes of the `<target>`, to change.
    pub fn target_attrs_mut(&mut self) -> &mut List<Attr> {
        &mut self.extra_mut().target_attrs
    }
}

/// An `<ignorable>`: content between segments (usually white space).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ignorable {
    /// `id`.
    pub id: Option<Str>,
    /// The source content.
    pub source: Content,
    /// The target content, if any.
    pub target: Option<Content>,
}

/// Inline content: text, codes and annotations, in order.
///
/// Content is a [`List`] of [`Inline`]s (it dereferences to one, so
/// `push`, `insert`, `retain`, `iter()` and indexing work) with helpers
/// that know about text.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{Code, Content, Inline};
/// let mut c = Content::text("Press ");
/// c.push(Inline::Code(Code::standalone("1").into()));
/// c.push_text(" now");
/// assert_eq!(c.len(), 3);
/// assert_eq!(c.plain_text(), "Press  now");
/// assert_eq!(c.codes().count(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Content(pub(crate) List<Inline>);

impl std::ops::Deref for Content {
    type Target = List<Inline>;
    fn deref(&self) -> &List<Inline> {
        &self.0
    }
}

impl std::ops::DerefMut for Content {
    fn deref_mut(&mut self) -> &mut List<Inline> {
        &mut self.0
    }
}

impl From<List<Inline>> for Content {
    fn from(inlines: List<Inline>) -> Content {
        Content(inlines)
    }
}

impl From<Content> for List<Inline> {
    fn from(c: Content) -> List<Inline> {
        c.0
    }
}

impl FromIterator<Inline> for Content {
    fn from_iter<I: IntoIterator<Item = Inline>>(inlines: I) -> Content {
        Content(inlines.into_iter().collect())
    }
}

impl Extend<Inline> for Content {
    fn extend<I: IntoIterator<Item = Inline>>(&mut self, inlines: I) {
        self.0.extend(inlines);
    }
}

impl IntoIterator for Content {
    type Item = Inline;
    type IntoIter = crate::list::IntoIter<Inline>;
    fn into_iter(self) -> crate::list::IntoIter<Inline> {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Content {
    type Item = &'a Inline;
    type IntoIter = std::slice::Iter<'a, Inline>;
    fn into_iter(self) -> std::slice::Iter<'a, Inline> {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut Content {
    type Item = &'a mut Inline;
    type IntoIter = std::slice::IterMut<'a, Inline>;
    fn into_iter(self) -> std::slice::IterMut<'a, Inline> {
        self.0.iter_mut()
    }
}

impl Content {
    /// Empty content.
    pub fn new() -> Content {
        Content(List::new())
    }

    /// Content of one text run (none if `s` is empty).
    pub fn text(s: &str) -> Content {
        let mut c = Content::new();
        c.push_text(s);
        c
    }

    /// Appends text, merging it with a text run at the end.
    pub fn push_text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Inline::Text(t)) = self.0.last_mut() {
            let mut joined = String::with_capacity(t.len() + s.len());
            joined.push_str(t);
            joined.push_str(s);
            *t = joined.into();
        } else {
            self.0.push(Inline::Text(s.into()));
        }
    }

    /// True when there is nothing at all (no text, no codes).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text, codes left out, text inside paired codes and annotations
    /// included.
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        self.push_plain_text(&mut s);
        s
    }

    fn push_plain_text(&self, s: &mut String) {
        self.for_each_plain_text(&mut |t| s.push_str(t));
    }

    /// Hands each run of the [`plain_text`](Self::plain_text) to `f`, in
    /// order.
    pub(crate) fn for_each_plain_text(&self, f: &mut impl FnMut(&str)) {
        for i in &self.0 {
            match i {
                Inline::Text(t) => f(t),
                Inline::Paired(_, c) | Inline::Marker(_, c) => c.for_each_plain_text(f),
                _ => {}
            }
        }
    }

    /// Every code (standalone, start, end and paired), depth first, in order.
    pub fn codes(&self) -> impl Iterator<Item = &Code> {
        let mut out = Vec::new();
        self.collect_codes(&mut out);
        out.into_iter()
    }

    fn collect_codes<'a>(&'a self, out: &mut Vec<&'a Code>) {
        for i in &self.0 {
            match i {
                Inline::Code(c) => out.push(c),
                Inline::Paired(c, inner) => {
                    out.push(c);
                    inner.collect_codes(out);
                }
                Inline::Marker(_, inner) => inner.collect_codes(out),
                _ => {}
            }
        }
    }
}

impl From<&str> for Content {
    fn from(s: &str) -> Content {
        Content::text(s)
    }
}

/// One piece of inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text with every reference resolved (entities, character references,
    /// CDATA and 2.x `<cp>` become characters; writers escape, and write
    /// `<cp>` for characters XML cannot hold).
    Text(Str),
    /// A code without content: standalone (2.x `ph`, 1.2 `x`/`ph`), start
    /// (2.x `sc`, 1.2 `bx`/`bpt`, `it pos="open"`) or end (2.x `ec`, 1.2
    /// `ex`/`ept`, `it pos="close"`); see [`Code::kind`].
    Code(Boxed<Code>),
    /// A paired code around content (2.x `pc`, 1.2 `g`).
    Paired(Boxed<Code>, Content),
    /// An annotation around content (`mrk`; 1.2 `mrk` other than
    /// `mtype="seg"`).
    Marker(Boxed<Marker>, Content),
    /// The start of an annotation that may overlap codes (2.x `sm`).
    MarkerStart(Boxed<Marker>),
    /// The end of an annotation (2.x `em`), with the id of its start.
    MarkerEnd(Str),
    /// An inline element the model does not know, verbatim.
    Raw(Raw),
}

/// What a code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CodeKind {
    /// A standalone code (`ph`, `x`).
    #[default]
    Standalone,
    /// The start of a spanning code (`sc`, `bx`, `bpt`, `it pos="open"`).
    Start,
    /// The end of a spanning code (`ec`, `ex`, `ept`, `it pos="close"`).
    End,
    /// A paired code with content (`pc`, `g`); only in [`Inline::Paired`].
    Paired,
}

/// The element a code was read from, so that a writer of the same version
/// writes it back as it was. Writers of the other version map by
/// [`CodeKind`]: standalone ↔ `ph`/`x` (1.2 `ph` when there is native
/// data), paired ↔ `pc`/`g`, start/end ↔ `sc`/`ec` and `bx`/`ex` (1.2
/// `bpt`/`ept` when there is native data), isolated ↔ `it`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CodeTag {
    /// Not read from a file (built in code): the writer chooses.
    #[default]
    Any,
    /// 2.x `ph`.
    Ph,
    /// 2.x `pc`.
    Pc,
    /// 2.x `sc`.
    Sc,
    /// 2.x `ec`.
    Ec,
    /// 1.2 `x`.
    X,
    /// 1.2 `g`.
    G,
    /// 1.2 `bx`.
    Bx,
    /// 1.2 `ex`.
    Ex,
    /// 1.2 `bpt`.
    Bpt,
    /// 1.2 `ept`.
    Ept,
    /// 1.2 `it`.
    It,
    /// 1.2 `ph`.
    Ph12,
}

impl CodeTag {
    /// Read from an XLIFF 1.2 element (`g` among them).
    pub(crate) fn is_v12(self) -> bool {
        self.is_v12_empty() || self == CodeTag::G
    }

    /// Read from one of XLIFF 1.2's empty or native-code elements (`x`,
    /// `bx`, `ex`, `bpt`, `ept`, `it`, `ph`): every 1.2 element but `g`.
    pub(crate) fn is_v12_empty(self) -> bool {
        matches!(
            self,
            CodeTag::X
                | CodeTag::Bx
                | CodeTag::Ex
                | CodeTag::Bpt
                | CodeTag::Ept
                | CodeTag::It
                | CodeTag::Ph12
        )
    }
}

/// 2.x `canReorder`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CanReorder {
    /// `yes`.
    Yes,
    /// `no`.
    No,
    /// `firstNo`.
    FirstNo,
}

impl CanReorder {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            CanReorder::Yes => "yes",
            CanReorder::No => "no",
            CanReorder::FirstNo => "firstNo",
        }
    }
}

/// An inline code (placeholder or formatting) of either version.
///
/// For a paired code (`pc`) the `*_end` fields hold `dataRefEnd`,
/// `dispEnd`, `equivEnd`, and `data_ref`, `disp`, `equiv` hold the
/// `…Start` values.
///
/// The rarer values (2.x `subType`, `disp`, `dispEnd`, `equivEnd`, other
/// attributes) are read and set through methods; a code without any of
/// them takes no memory for them.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{Attr, Code};
/// let mut c = Code::paired("1");
/// c.kind_name = Some("fmt".into());
/// c.set_sub_type(Some("xlf:b".into()));
/// c.set_disp(Some("[b]".into()));
/// c.attrs_mut().push(Attr::new("dir", "rtl"));
/// assert_eq!(c.sub_type(), Some("xlf:b"));
/// assert_eq!(c.disp(), Some("[b]"));
/// assert_eq!(c.attrs().len(), 1);
/// assert_ne!(c, Code::paired("1"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Code {
    /// Standalone, start, end or paired.
    pub kind: CodeKind,
    /// The element it was read from.
    pub tag: CodeTag,
    /// `id` (for 2.x `ec` with `startRef`, none).
    pub id: Option<Str>,
    /// 2.x `startRef` of an `ec`; 1.2 `rid` of `ex`/`ept`/`bx`/`bpt`.
    pub start_ref: Option<Str>,
    /// 2.x `isolated="yes"`; 1.2 `it`.
    pub isolated: bool,
    /// 2.x `dataRef` (or `dataRefStart`): an id in the unit's original data.
    pub data_ref: Option<Str>,
    /// 2.x `dataRefEnd`.
    pub data_ref_end: Option<Str>,
    /// 1.2 native code text inside `ph`/`bpt`/`ept`/`it`, verbatim XML
    /// (escaped text, possibly with `<sub>` elements).
    pub native: Option<Str>,
    /// `canCopy`.
    pub can_copy: Option<bool>,
    /// `canDelete`.
    pub can_delete: Option<bool>,
    /// `canReorder`.
    pub can_reorder: Option<CanReorder>,
    /// `canOverlap`.
    pub can_overlap: Option<bool>,
    /// 2.x `type` (`fmt`, `ui`, `quote`, `link`, `image`, `other`) or 1.2
    /// `ctype`.
    pub kind_name: Option<Str>,
    /// 2.x `equiv` / `equivStart`; 1.2 `equiv-text`.
    pub equiv: Option<Str>,
    /// The rarer parts: 2.x `subType`, `disp`/`dispStart`, `dispEnd` and
    /// `equivEnd`, and other attributes, kept out of line so that a code
    /// without them stays small; `None` when the code has none of them.
    pub(crate) extra: Option<Box<CodeExtra>>,
}

/// The rarer attributes of a [`Code`], kept out of line.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct CodeExtra {
    /// 2.x `subType` (`xlf:b`, ...).
    pub(crate) sub_type: Option<Str>,
    /// 2.x `disp` / `dispStart`.
    pub(crate) disp: Option<Str>,
    /// 2.x `dispEnd`.
    pub(crate) disp_end: Option<Str>,
    /// 2.x `equivEnd`.
    pub(crate) equiv_end: Option<Str>,
    /// Other attributes (`dir`, `subFlows`, `copyOf`, `fs:*`, `sdl:*`, ...),
    /// verbatim.
    pub(crate) attrs: List<Attr>,
}

/// What a code without [`CodeExtra`] has.
static NO_CODE_EXTRA: CodeExtra = CodeExtra {
    sub_type: None,
    disp: None,
    disp_end: None,
    equiv_end: None,
    attrs: List::new(),
};

/// Codes compare by value: no `extra` equals an empty one.
impl PartialEq for Code {
    fn eq(&self, o: &Code) -> bool {
        // Destructured, so that a new field cannot be left out here.
        let Code {
            kind,
            tag,
            id,
            start_ref,
            isolated,
            data_ref,
            data_ref_end,
            native,
            can_copy,
            can_delete,
            can_reorder,
            can_overlap,
            kind_name,
            equiv,
            extra,
        } = self;
        *kind == o.kind
            && *tag == o.tag
            && *id == o.id
            && *start_ref == o.start_ref
            && *isolated == o.isolated
            && *data_ref == o.data_ref
            && *data_ref_end == o.data_ref_end
            && *native == o.native
            && *can_copy == o.can_copy
            && *can_delete == o.can_delete
            && *can_reorder == o.can_reorder
            && *can_overlap == o.can_overlap
            && *kind_name == o.kind_name
            && *equiv == o.equiv
            && extra.as_deref().unwrap_or(&NO_CODE_EXTRA)
                == o.extra.as_deref().unwrap_or(&NO_CODE_EXTRA)
    }
}

impl Code {
    /// 2.x `subType` (`xlf:b`, ...).
    pub fn sub_type(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.sub_type.as_deref())
    }

    /// Sets (or, with `None`, removes) 2.x `subType`.
    pub fn set_sub_type(&mut self, sub_type: Option<Str>) {
        self.set_rare(|e| &mut e.sub_type, sub_type);
    }

    /// 2.x `disp` / `dispStart`.
    pub fn disp(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.disp.as_deref())
    }

    /// Sets (or removes) 2.x `disp` / `dispStart`.
    pub fn set_disp(&mut self, disp: Option<Str>) {
        self.set_rare(|e| &mut e.disp, disp);
    }

    /// 2.x `dispEnd`.
    pub fn disp_end(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.disp_end.as_deref())
    }

    /// Sets (or removes) 2.x `dispEnd`.
    pub fn set_disp_end(&mut self, disp: Option<Str>) {
        self.set_rare(|e| &mut e.disp_end, disp);
    }

    /// 2.x `equivEnd`.
    pub fn equiv_end(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.equiv_end.as_deref())
    }

    /// Sets (or removes) 2.x `equivEnd`.
    pub fn set_equiv_end(&mut self, equiv: Option<Str>) {
        self.set_rare(|e| &mut e.equiv_end, equiv);
    }

    /// Other attributes (`dir`, `subFlows`, `copyOf`, `fs:*`, vendor
    /// attributes), verbatim.
    pub fn attrs(&self) -> &[Attr] {
        self.extra.as_ref().map_or(&[], |e| &e.attrs)
    }

    /// Other attributes, to change.
    pub fn attrs_mut(&mut self) -> &mut List<Attr> {
        &mut self.extra_mut().attrs
    }

    /// Sets one of the rarer values: `None` on a code without any
    /// allocates nothing, and an `extra` left empty is dropped.
    fn set_rare<V>(&mut self, field: fn(&mut CodeExtra) -> &mut Option<V>, value: Option<V>) {
        if value.is_none() && self.extra.is_none() {
            return;
        }
        *field(self.extra_mut()) = value;
        self.tidy_extra();
    }

    /// Drops an `extra` that holds nothing.
    pub(crate) fn tidy_extra(&mut self) {
        if self.extra.as_deref().is_some_and(|e| *e == NO_CODE_EXTRA) {
            self.extra = None;
        }
    }

    /// The rarer attributes, created (empty) when the code has none yet.
    pub(crate) fn extra_mut(&mut self) -> &mut CodeExtra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// A standalone code with an id.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::{Code, CodeKind};
    /// let c = Code::standalone("1");
    /// assert_eq!(c.kind, CodeKind::Standalone);
    /// ```
    pub fn standalone(id: &str) -> Code {
        Code {
            id: Some(id.into()),
            ..Code::default()
        }
    }

    /// A paired code with an id (for [`Inline::Paired`]).
    pub fn paired(id: &str) -> Code {
        Code {
            kind: CodeKind::Paired,
            id: Some(id.into()),
            ..Code::default()
        }
    }

    /// The start of a spanning code.
    pub fn start(id: &str) -> Code {
        Code {
            kind: CodeKind::Start,
            id: Some(id.into()),
            ..Code::default()
        }
    }

    /// The end of a spanning code whose start has id `start_ref`.
    pub fn end(start_ref: &str) -> Code {
        Code {
            kind: CodeKind::End,
            start_ref: Some(start_ref.into()),
            ..Code::default()
        }
    }
}

/// An annotation (`mrk`, `sm`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Marker {
    /// `id` (1.2 `mid`).
    pub id: Option<Str>,
    /// `translate`.
    pub translate: Option<bool>,
    /// 2.x `type` (`generic`, `comment`, `term`, `its:...`, or a custom
    /// `prefix:value`) / 1.2 `mtype` (`protected`, `term`, ...).
    pub kind: Option<Str>,
    /// 2.x `value` / 1.2 `comment`.
    pub value: Option<Str>,
    /// 2.x `ref`.
    pub reference: Option<Str>,
    /// Other attributes (`its:*`, vendor), verbatim.
    pub attrs: List<Attr>,
}

impl Marker {
    /// An annotation marking its content as not to be translated.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::Marker;
    /// assert_eq!(Marker::protected("m1").translate, Some(false));
    /// ```
    pub fn protected(id: &str) -> Marker {
        Marker {
            id: Some(id.into()),
            translate: Some(false),
            ..Marker::default()
        }
    }
}

/// A `<note>`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Note {
    /// 2.x `id`.
    pub id: Option<Str>,
    /// 2.x `category` / 1.2 `from`.
    pub category: Option<Str>,
    /// `priority` (1 highest to 10).
    pub priority: Option<u8>,
    /// 2.x `appliesTo` / 1.2 `annotates`.
    pub applies_to: Option<AppliesTo>,
    /// The text.
    pub text: Str,
    /// Other attributes (`xml:lang`, vendor), verbatim.
    pub attrs: List<Attr>,
}

impl Note {
    /// A note with text only.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::Note;
    /// assert_eq!(Note::new("Headline, 60 characters").text, "Headline, 60 characters");
    /// ```
    pub fn new(text: &str) -> Note {
        Note {
            text: text.into(),
            ..Note::default()
        }
    }
}

/// The Metadata module (`mda:metadata`).
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{List, MetaGroup, Metadata};
/// let mut g = MetaGroup::new(Some("article"));
/// g.push_meta("version", "3");
/// let md = Metadata { groups: List::from([g]), ..Metadata::default() };
/// assert_eq!(md.get("version"), Some("3"));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// `id`.
    pub id: Option<Str>,
    /// The groups, in order.
    pub groups: List<MetaGroup>,
}

impl Metadata {
    /// The value of the first `meta` of this type, searching groups depth
    /// first.
    pub fn get(&self, kind: &str) -> Option<&str> {
        self.groups.iter().find_map(|g| g.get(kind))
    }
}

/// An `mda:metaGroup`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetaGroup {
    /// `id`.
    pub id: Option<Str>,
    /// `category`.
    pub category: Option<Str>,
    /// `appliesTo`.
    pub applies_to: Option<AppliesTo>,
    /// Metas and nested groups, in order.
    pub items: List<MetaItem>,
}

impl MetaGroup {
    /// A group with an optional category.
    pub fn new(category: Option<&str>) -> MetaGroup {
        MetaGroup {
            category: category.map(Into::into),
            ..MetaGroup::default()
        }
    }

    /// Appends a `meta`.
    pub fn push_meta(&mut self, kind: &str, value: &str) {
        self.items.push(MetaItem::Meta {
            kind: kind.into(),
            value: value.into(),
        });
    }

    /// The value of the first `meta` of this type, depth first.
    pub fn get(&self, kind: &str) -> Option<&str> {
        self.items.iter().find_map(|i| match i {
            MetaItem::Meta { kind: k, value } if &**k == kind => Some(&**value),
            MetaItem::Group(g) => g.get(kind),
            MetaItem::Meta { .. } => None,
        })
    }
}

/// A child of a metadata group.
#[derive(Debug, Clone, PartialEq)]
pub enum MetaItem {
    /// `mda:meta`: a type and a value.
    Meta {
        /// `type`.
        kind: Str,
        /// The text.
        value: Str,
    },
    /// A nested `mda:metaGroup`.
    Group(MetaGroup),
}

/// One entry of 2.x `originalData`: the native code a code stands for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Data {
    /// `id`.
    pub id: Str,
    /// The native data (`<cp>` resolved to characters).
    pub text: Str,
    /// Other attributes (`dir`, `xml:space`), verbatim.
    pub attrs: List<Attr>,
}

impl Data {
    /// An entry.
    pub fn new(id: &str, text: &str) -> Data {
        Data {
            id: id.into(),
            text: text.into(),
            attrs: List::new(),
        }
    }
}

/// A translation candidate (2.x `mtc:match`, 1.2 `alt-trans`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidate {
    /// `id`.
    pub id: Option<Str>,
    /// 2.x `ref` (a fragment pointing at the segment or span matched); 1.2
    /// `mid`.
    pub reference: Option<Str>,
    /// `origin` (tool or memory).
    pub origin: Option<Str>,
    /// 2.x `similarity` / 1.2 `match-quality` when numeric (0–100).
    pub similarity: Option<f64>,
    /// 2.x `matchQuality`.
    pub match_quality: Option<f64>,
    /// The candidate's source.
    pub source: Content,
    /// The candidate's target.
    pub target: Content,
    /// Other attributes, verbatim.
    pub attrs: List<Attr>,
    /// The element as read (`<mtc:match ...>` or `<alt-trans ...>`); a writer
    /// of the same version writes it instead of the typed fields when present.
    pub raw: Option<Raw>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        let mut doc = Document::new(Version::V2_0, "en", Some("de"));
        let mut f = File::new("f1");
        let mut g = Group::new("g1");
        g.items.push(Unit::new("u2").into());
        let mut inner = Group::new("g2");
        inner.items.push(Unit::new("u3").into());
        g.items.push(inner.into());
        f.items.push(Unit::new("u1").into());
        f.items.push(Item::Raw(Raw::new("<!-- c -->")));
        f.items.push(g.into());
        f.items.push(Unit::new("u4").into());
        doc.files.push(f);
        let mut f2 = File::new("f2");
        f2.items.push(Unit::new("u5").into());
        doc.files.push(f2);
        doc
    }

    #[test]
    fn units_in_document_order_through_groups() {
        let doc = sample();
        let ids: Vec<&str> = doc.units().map(|u| &*u.id).collect();
        assert_eq!(ids, ["u1", "u2", "u3", "u4", "u5"]);
        assert_eq!(doc.unit("u3").map(|u| &*u.id), Some("u3"));
        assert!(doc.unit("nope").is_none());
    }

    #[test]
    fn units_mut_reaches_every_unit() {
        let mut doc = sample();
        for u in doc.units_mut() {
            u.translate = Some(false);
        }
        assert!(doc.units().all(|u| u.translate == Some(false)));
        assert_eq!(doc.units().count(), 5);
    }

    #[test]
    fn content_merges_text_and_collects_codes() {
        let mut c = Content::text("a");
        c.push_text("b");
        assert_eq!(c.0.len(), 1);
        let mut inner = Content::text("bold");
        inner.push(Inline::Code(Code::standalone("2").into()));
        c.push(Inline::Paired(Code::paired("1").into(), inner));
        c.push(Inline::Marker(
            Marker::protected("m").into(),
            Content::text("X"),
        ));
        assert_eq!(c.plain_text(), "abboldX");
        let ids: Vec<_> = c.codes().map(|c| c.id.as_deref()).collect();
        assert_eq!(ids, [Some("1"), Some("2")]);
        assert!(Content::text("").is_empty());
    }

    #[test]
    fn raw_element_name() {
        assert_eq!(Raw::new("<a:b x='1'>t</a:b>").element_name(), Some("a:b"));
        assert_eq!(Raw::new("<br/>").element_name(), Some("br"));
        assert_eq!(Raw::new("<?pi x?>").element_name(), None);
        assert_eq!(Raw::new("<").element_name(), None);
        assert_eq!(Raw::new("").element_name(), None);
    }

    #[test]
    fn read_strings_share_their_units_text_unless_unescaped() {
        let xml = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f"><unit id="u1"><segment><source>Kim &amp; Putin <ph id="1"/>meet</source></segment></unit></file></xliff>"#;
        let doc: Document = xml.parse().expect("reads");
        let u = doc.units().next().expect("a unit");
        let buffer = u.id.shared_buffer().expect("the id is a view");
        // The unit's buffer holds the text of its views: "u1", "1", "meet".
        assert_eq!(buffer.1, "u11meet".len());
        let Some(Part::Segment(s)) = u.parts.first() else {
            panic!("a segment");
        };
        let texts: Vec<&Str> = s
            .source
            .0
            .iter()
            .filter_map(|i| match i {
                Inline::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        // Resolved "&amp;": a copy; plain "meet": a view of the same buffer.
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[0], "Kim & Putin ");
        assert!(texts[0].shared_buffer().is_none());
        assert_eq!(texts[1].shared_buffer(), Some(buffer));
        // A clone shares it too: no new buffer.
        assert_eq!(
            doc.clone().units().next().map(|u| u.id.shared_buffer()),
            Some(Some(buffer))
        );
    }

    #[test]
    fn empty_extras_compare_equal_to_none() {
        let mut a = Segment::new(Some("1"), Content::text("x"));
        let b = a.clone();
        a.extra_mut();
        assert_eq!(a, b);
        a.extra_mut().target_lang = Some("fr".into());
        assert_ne!(a, b);
        a.tidy_extra();
        assert!(a.extra.is_some());
        a.extra_mut().target_lang = None;
        a.tidy_extra();
        assert!(a.extra.is_none());

        let mut c = Code::paired("1");
        let d = c.clone();
        c.extra_mut();
        assert_eq!(c, d);
        c.extra_mut().disp = Some("[b]".into());
        assert_ne!(c, d);
    }

    #[test]
    fn setters_keep_rare_values_out_of_line_only_while_there_are_some() {
        let mut s = Segment::new(Some("1"), Content::text("x"));
        s.set_target_lang(None);
        s.set_can_resegment(None);
        assert!(s.extra.is_none());
        s.set_target_lang(Some("fr".into()));
        s.set_source_space(Some(Space::Preserve));
        assert_eq!(s.target_lang(), Some("fr"));
        assert_eq!(s.source_space(), Some(Space::Preserve));
        s.set_target_lang(None);
        assert!(s.extra.is_some());
        s.set_source_space(None);
        assert!(s.extra.is_none());
        s.target_attrs_mut().push(Attr::new("order", "2"));
        assert_eq!(s.target_attrs(), [Attr::new("order", "2")]);
        assert!(s.attrs().is_empty() && s.source_attrs().is_empty());

        let mut c = Code::start("1");
        c.set_equiv_end(None);
        assert!(c.extra.is_none());
        c.set_disp_end(Some("[/b]".into()));
        assert_eq!(c.disp_end(), Some("[/b]"));
        c.set_disp_end(None);
        assert!(c.extra.is_none());
    }
}
