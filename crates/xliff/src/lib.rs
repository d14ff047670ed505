//! XLIFF 1.2 and 2.0/2.1/2.2: one document model for both, readers that
//! keep every part a tool wrote (and say where a document breaks a rule),
//! and writers whose output validates against the OASIS schemas.
//!
//! ```
//! use newsloc_xliff::{Document, Version};
//!
//! let doc: Document = r#"<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"
//!     srcLang="en" trgLang="ko"><file id="f1"><unit id="u1"><segment>
//!     <source>Seoul stocks rose.</source><target>서울 증시가 올랐다.</target>
//!     </segment></unit></file></xliff>"#.parse()?;
//! assert_eq!(doc.version, Version::V2_0);
//! let unit = doc.units().next().unwrap();
//! assert_eq!(unit.source_text(), "Seoul stocks rose.");
//! # Ok::<(), newsloc_xliff::Error>(())
//! ```
//!
//! The model: a [`Document`] holds [`File`]s, whose [`Item`]s are
//! [`Unit`]s, [`Group`]s and verbatim [`Raw`] XML; a unit's [`Part`]s are
//! [`Segment`]s and [`Ignorable`]s, each with a source and a target of
//! inline [`Content`]. Strings are [`Str`]s, lists are [`List`]s (a slice
//! with `Vec`'s methods for changing it), and the codes, markers, units
//! and groups inside the enums are [`Boxed`] (made with `.into()`).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod compact;
mod document;
#[doc(hidden)]
pub mod encoding;
mod error;
#[cfg(any(test, feature = "heap-size"))]
mod heap;
pub mod list;
mod ns;
mod pseudo;
mod str;
mod stream;
mod v12;
mod v2;
mod value;
mod window;
#[doc(hidden)]
pub mod xml;

pub use error::{
    Error, ErrorKind, Location, Module, Position, Problem, ProblemKind, Result, Severity,
};

pub use document::{
    AppliesTo, Attr, CanReorder, Candidate, Code, CodeKind, CodeTag, Content, Data, Document, File,
    Group, Ignorable, Inline, Item, Marker, MetaGroup, MetaItem, Metadata, Note, ParseValueError,
    Part, Raw, Segment, Space, State, Str, Unit, Version, attr_value,
};
pub use list::{Boxed, List};
pub use pseudo::{has_translations, pseudo_translate};
pub use stream::{Stats, Visitor, check, count_words, visit_path, visit_reader, visit_slice};

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use self::str::Shared;

/// A document with the problems the lenient read found in it (errors and
/// warnings, in document order).
pub type Lenient = (Document, Vec<Problem>);

/// Reading. The `try_` functions are the **lenient** read: they return the
/// document together with every problem found, and fail only when there is
/// no document to return (bytes that cannot be decoded, XML that is not
/// well-formed, a DTD with declarations, a limit exceeded, not XLIFF). The
/// others are the **strict** read: the lenient read, refused with
/// [`Error::Invalid`] when any problem is an error (warnings are dropped).
///
/// Use the strict read for files whose conformance matters (what a tool
/// must accept, what `xliff check` reports) and the lenient read to open
/// what real tools wrote, then decide on the problems yourself.
impl Document {
    /// The lenient read of bytes in any encoding XML allows (UTF-8 with or
    /// without BOM, UTF-16 LE/BE, or an encoding named in the XML
    /// declaration such as ISO-8859-1 or windows-1252), XLIFF 1.0–1.2 or
    /// 2.0–2.2 by the root element. Positions refer to the bytes given.
    ///
    /// # Errors
    ///
    /// [`Error::Xml`] (see [`ErrorKind`]) when there is no document.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::{Document, Severity};
    /// // A target without trgLang breaks a rule of XLIFF 2; the document
    /// // is read all the same, and the problem says where.
    /// let bytes = br#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
    ///   <file id="f"><unit id="u"><segment><source>Hi</source><target>Salut</target></segment></unit></file></xliff>"#;
    /// let (doc, problems) = Document::try_from_slice(bytes)?;
    /// assert_eq!(doc.units().count(), 1);
    /// assert_eq!(problems.len(), 1);
    /// assert_eq!(problems[0].severity, Severity::Error);
    /// assert_eq!(problems[0].location.position.map(|p| p.line), Some(2));
    /// assert!(Document::from_slice(bytes).is_err()); // the strict read refuses it
    /// # Ok::<(), newsloc_xliff::Error>(())
    /// ```
    pub fn try_from_slice(bytes: &[u8]) -> Result<Lenient> {
        let decoded = encoding::decode(bytes)?;
        read_decoded(&decoded.text, &decoded.map)
    }

    /// The lenient read of a file, as [`Document::try_from_slice`]; errors
    /// and problems name the file.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read, else as
    /// [`Document::try_from_slice`].
    pub fn try_from_path(path: impl AsRef<Path>) -> Result<Lenient> {
        let path = path.as_ref();
        let content = str::read_file(path).map_err(|source| Error::Io {
            path: Some(path.to_path_buf()),
            source,
        })?;
        let read = match content {
            // A UTF-8 file is read straight into the buffer the Document's
            // strings share: the file is held once, and not copied.
            str::FileContent::Utf8(shared) => {
                let text = shared.text().unwrap_or_default();
                let encoding::Decoded { text, map } =
                    encoding::decode_str(text).map_err(|e| e.with_file(path))?;
                match text {
                    Cow::Borrowed(text) => read_shared(text, &map, &shared),
                    // (Declared in another encoding that reads the same
                    // bytes differently.)
                    Cow::Owned(text) => {
                        drop(shared);
                        read_decoded(&text, &map)
                    }
                }
            }
            str::FileContent::Bytes(bytes) => {
                let encoding::Decoded { text, map } =
                    encoding::decode(&bytes).map_err(|e| e.with_file(path))?;
                // The Document's shared copy of the text is made first and
                // the file's bytes (and any decoded copy) dropped before
                // parsing, so that reading holds the file once, not twice,
                // beside the model.
                let shared = Shared::new(&text);
                if shared.text().is_none() {
                    read_decoded(&text, &map)
                } else {
                    drop(text);
                    drop(bytes);
                    read_shared(shared.text().unwrap_or_default(), &map, &shared)
                }
            }
        };
        let (doc, mut problems) = read.map_err(|e| e.with_file(path))?;
        for p in &mut problems {
            p.location.file.get_or_insert_with(|| path.to_path_buf());
        }
        Ok((doc, problems))
    }

    /// The lenient read of everything `reader` yields, as
    /// [`Document::try_from_slice`].
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when reading fails, else as
    /// [`Document::try_from_slice`].
    pub fn try_from_reader(mut reader: impl Read) -> Result<Lenient> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io { path: None, source })?;
        Document::try_from_slice(&bytes)
    }

    /// The strict read of bytes in any encoding; see
    /// [`Document::try_from_slice`].
    ///
    /// # Errors
    ///
    /// [`Error::Xml`] when there is no document, [`Error::Invalid`] listing
    /// every problem when one of them is an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc_xliff::Document;
    /// let text = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="plaintext"><body><trans-unit id="1"><source>Hi</source></trans-unit></body></file></xliff>"#;
    /// let mut utf16 = vec![0xFF, 0xFE];
    /// for u in text.encode_utf16() {
    ///     utf16.extend_from_slice(&u.to_le_bytes());
    /// }
    /// let doc = Document::from_slice(&utf16)?;
    /// assert_eq!(doc.units().next().map(|u| u.source_text()), Some("Hi".to_string()));
    /// # Ok::<(), newsloc_xliff::Error>(())
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Document> {
        strict(Document::try_from_slice(bytes))
    }

    /// The strict read of a file; see [`Document::try_from_path`].
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read, else as
    /// [`Document::from_slice`], with the file in every location.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Document> {
        strict(Document::try_from_path(path))
    }

    /// The strict read of everything `reader` yields; see
    /// [`Document::from_slice`].
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when reading fails, else as [`Document::from_slice`].
    pub fn from_reader(reader: impl Read) -> Result<Document> {
        strict(Document::try_from_reader(reader))
    }
}

/// The strict read of UTF-8 text (a leading byte order mark is allowed and
/// counted in positions): `text.parse::<Document>()`. See
/// [`Document::from_slice`] for bytes in other encodings.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{Document, Version};
/// let doc: Document = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
///   <file original="a" source-language="en" datatype="plaintext"><body>
///   <trans-unit id="1"><source>Hi</source></trans-unit></body></file></xliff>"#.parse()?;
/// assert_eq!(doc.version, Version::V1_2);
/// assert_eq!(doc.units().count(), 1);
/// # Ok::<(), newsloc_xliff::Error>(())
/// ```
impl std::str::FromStr for Document {
    type Err = Error;

    fn from_str(text: &str) -> Result<Document> {
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, 3),
            None => (text, 0),
        };
        let map = encoding::SourceMap::utf8(bom);
        // `from_slice` checks this while decoding; text handed over as a
        // `&str` has not been checked yet.
        encoding::check_chars(text, &map)?;
        strict(read_decoded(text, &map))
    }
}

/// The strict read from the lenient one.
fn strict(read: Result<Lenient>) -> Result<Document> {
    let (doc, problems) = read?;
    if problems.iter().any(Problem::is_error) {
        return Err(Error::Invalid { problems });
    }
    Ok(doc)
}

/// Sniffs the version from the root element and reads with the matching
/// reader.
fn read_decoded(text: &str, map: &encoding::SourceMap) -> Result<Lenient> {
    // One copy of the text, shared by every string of the Document.
    let shared = Shared::new(text);
    read_shared(shared.text().unwrap_or(text), map, &shared)
}

/// As [`read_decoded`], for text that is `shared`'s own text (or, when
/// `shared` has none, any text).
fn read_shared(text: &str, map: &encoding::SourceMap, shared: &Shared) -> Result<Lenient> {
    let (mut doc, problems) = match sniff_version(text) {
        Some(v) if v.is_v2() => v2::read_shared(text, map, shared)?,
        _ => v12::read_shared(text, map, shared)?,
    };
    doc.set_origin();
    Ok((doc, problems))
}

/// The version a document declares on its root element: by the namespace
/// of the root element itself (the default namespace, or the one its prefix
/// is bound to; other prefixes may be bound to any XLIFF namespace), then by
/// `version`. `None` when the root cannot be found (the 1.2 reader then
/// reports the problem with its position).
pub(crate) fn sniff_version(text: &str) -> Option<Version> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                let name = e.name();
                let (prefix, _) = xml::split_name(name.as_ref());
                let mut ns = None;
                let mut version = None;
                for a in e.attributes().flatten() {
                    let key = a.key.as_ref();
                    let declared = if key == "xmlns" {
                        Some("")
                    } else {
                        key.strip_prefix("xmlns:")
                    };
                    if let Some(p) = declared {
                        if p == prefix && a.value.starts_with("urn:oasis:names:tc:xliff:document:")
                        {
                            ns = Some(a.value.to_string());
                        }
                    } else if key == "version" {
                        version = Some(a.value.to_string());
                    }
                }
                return Some(match (ns.as_deref(), version.as_deref()) {
                    (Some("urn:oasis:names:tc:xliff:document:2.2"), _) => Version::V2_2,
                    (Some("urn:oasis:names:tc:xliff:document:2.0"), Some("2.1")) => Version::V2_1,
                    (Some("urn:oasis:names:tc:xliff:document:2.0"), _) => Version::V2_0,
                    (Some(_), _) => Version::V1_2,
                    (None, Some(v)) if v.starts_with('2') => Version::V2_0,
                    (None, _) => Version::V1_2,
                });
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}
