//! The XLIFF document model shared by XLIFF 1.2 and 2.x, with a reader and
//! writer for each version.

mod document;
pub(crate) mod encoding;
mod pseudo;
mod str;
mod stream;
pub mod v12;
pub mod v2;
pub(crate) mod xml;

pub use document::{
    AppliesTo, Attr, CanReorder, Candidate, Code, CodeExtra, CodeKind, CodeTag, Content, Data,
    Document, File, Group, Ignorable, Inline, Item, Marker, MetaGroup, MetaItem, Metadata, Note,
    Part, Raw, Segment, SegmentExtra, Space, State, Str, ThinVec, Unit, Version, attr_value,
    thin_vec,
};
pub use pseudo::{has_translations, pseudo_translate};
pub(crate) use stream::count_words;
pub use stream::{Stats, Visitor, check, visit_path, visit_slice};

use self::str::Shared;

impl Document {
    /// Reads an XLIFF document (1.0, 1.1, 1.2, 2.0, 2.1 or 2.2) from UTF-8
    /// text; the version is taken from the root element, not guessed.
    ///
    /// # Errors
    ///
    /// [`Error::Xml`](crate::Error::Xml) with the position for anything
    /// malformed or not XLIFF; [`Error::Rejected`](crate::Error::Rejected)
    /// listing every rule violation (duplicate ids, missing required
    /// parts, ...), each with its position.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::xliff::{Document, Version};
    /// let doc = Document::from_str(r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
    ///   <file original="a" source-language="en" datatype="plaintext"><body>
    ///   <trans-unit id="1"><source>Hi</source></trans-unit></body></file></xliff>"#)?;
    /// assert_eq!(doc.version, Version::V1_2);
    /// assert_eq!(doc.units().count(), 1);
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str) -> crate::Result<Document> {
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, 3),
            None => (text, 0),
        };
        let map = encoding::SourceMap::utf8(bom);
        // `from_slice` checks this while decoding; text handed over as a
        // `&str` has not been checked yet.
        encoding::check_chars(text, &map)?;
        read_decoded(text, &map)
    }

    /// Reads an XLIFF document from bytes in any encoding XML allows
    /// (UTF-8 with or without BOM, UTF-16 LE/BE, or an encoding named in
    /// the XML declaration such as ISO-8859-1 or windows-1252), then
    /// dispatches on the version of the root element. Error positions refer
    /// to the bytes given (BOM counted).
    ///
    /// # Errors
    ///
    /// [`Error::Xml`](crate::Error::Xml) for undecodable bytes, malformed
    /// XML or a document that is not XLIFF, with the position;
    /// [`Error::Rejected`](crate::Error::Rejected) listing every rule
    /// violation, each with its position.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::xliff::Document;
    /// let text = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="plaintext"><body><trans-unit id="1"><source>Hi</source></trans-unit></body></file></xliff>"#;
    /// let mut utf16 = vec![0xFF, 0xFE];
    /// for u in text.encode_utf16() {
    ///     utf16.extend_from_slice(&u.to_le_bytes());
    /// }
    /// let doc = Document::from_slice(&utf16)?;
    /// assert_eq!(doc.units().next().map(|u| u.source_text()), Some("Hi".to_string()));
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    pub fn from_slice(bytes: &[u8]) -> crate::Result<Document> {
        let decoded = encoding::decode(bytes)?;
        read_decoded(&decoded.text, &decoded.map)
    }

    /// Reads an XLIFF document from a file, as [`Document::from_slice`];
    /// errors name the file.
    ///
    /// # Errors
    ///
    /// [`Error::Io`](crate::Error::Io) when the file cannot be read, else as
    /// [`Document::from_slice`], with the file attached to the location.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> crate::Result<Document> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| crate::Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let encoding::Decoded { text, map } =
            encoding::decode(&bytes).map_err(|e| e.with_file(path))?;
        // The Document's shared copy of the text is made first and the
        // file's bytes (and any decoded copy) dropped before parsing, so
        // that reading holds the file once, not twice, beside the model.
        let shared = Shared::new(&text);
        if shared.text().is_none() {
            return read_decoded(&text, &map).map_err(|e| e.with_file(path));
        }
        drop(text);
        drop(bytes);
        read_shared(shared.text().unwrap_or_default(), &map, &shared).map_err(|e| e.with_file(path))
    }
}

/// Sniffs the version from the root element and reads with the matching
/// reader.
fn read_decoded(text: &str, map: &encoding::SourceMap) -> crate::Result<Document> {
    // One copy of the text, shared by every string of the Document.
    let shared = Shared::new(text);
    read_shared(shared.text().unwrap_or(text), map, &shared)
}

/// As [`read_decoded`], for text that is `shared`'s own text (or, when
/// `shared` has none, any text).
fn read_shared(text: &str, map: &encoding::SourceMap, shared: &Shared) -> crate::Result<Document> {
    match sniff_version(text) {
        Some(v) if v.is_v2() => v2::read_shared(text, map, shared),
        _ => v12::read_shared(text, map, shared),
    }
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
