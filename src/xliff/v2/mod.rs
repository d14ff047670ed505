//! XLIFF 2.x reader and writer (2.0, 2.1 and 2.2).
//!
//! # Examples
//!
//! ```
//! use newsloc::xliff::{v2, Version};
//! let xml = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
//!  <file id="f1"><unit id="u1"><segment state="translated"><source>Hello <ph id="1"/>world</source>
//!  <target>Bonjour <ph id="1"/>monde</target></segment></unit></file></xliff>"#;
//! let doc = v2::read(xml)?;
//! let mut out = String::new();
//! v2::write(&doc, Version::V2_0, &mut out)?;
//! assert_eq!(v2::read(&out)?, doc);
//! # Ok::<(), newsloc::Error>(())
//! ```

mod reader;
mod writer;

use super::document::{Document, Version};
use super::encoding::SourceMap;
use super::str::{NO_SHARING, Shared};
use super::stream::{Builder, Visitor};
use super::xml::Ctx;
use crate::error::Result;

/// Reads an XLIFF 2.0, 2.1 or 2.2 document from UTF-8 text (a leading byte
/// order mark is allowed and counted in positions).
///
/// # Errors
///
/// [`Error::Xml`](crate::Error::Xml) with line:column and unit id for
/// malformed XML, characters XML 1.0 does not allow, DTDs, too deep
/// nesting, unknown entities, unclosed elements and a root that is not
/// XLIFF 2; [`Error::Rejected`](crate::Error::Rejected)
/// listing every violation of the XLIFF 2 core rules (duplicate ids,
/// `sc`/`ec` pairing, `dataRef` without `originalData`, targets without
/// `trgLang`, ...).
pub fn read(text: &str) -> Result<Document> {
    let (text, bom) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (rest, 3),
        None => (text, 0),
    };
    let map = SourceMap::utf8(bom);
    super::encoding::check_chars(text, &map)?;
    read_decoded(text, &map)
}

/// Reads decoded text (no BOM) whose positions map through `map`.
pub(crate) fn read_decoded(text: &str, map: &SourceMap) -> Result<Document> {
    // One copy of the text, shared by every string of the Document.
    let shared = Shared::new(text);
    read_shared(shared.text().unwrap_or(text), map, &shared)
}

/// Reads decoded text that is `shared`'s own text (or, when `shared` has
/// none, any text).
pub(crate) fn read_shared(text: &str, map: &SourceMap, shared: &Shared) -> Result<Document> {
    let mut builder = Builder::default();
    reader::parse(Ctx { text, map, shared }, &mut builder)?;
    Ok(builder.finish())
}

/// Reads an XLIFF 2 document from UTF-8 text and hands it piece by piece to
/// `visitor`, keeping no more than one unit in memory.
///
/// # Errors
///
/// As [`read`]; the visitor may have seen part of the document when an
/// error is returned.
pub fn visit<V: Visitor>(text: &str, visitor: &mut V) -> Result<()> {
    let (text, bom) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (rest, 3),
        None => (text, 0),
    };
    let map = SourceMap::utf8(bom);
    super::encoding::check_chars(text, &map)?;
    visit_decoded(text, &map, visitor)
}

/// As [`visit`], for decoded text with its source map.
pub(crate) fn visit_decoded<V: Visitor>(
    text: &str,
    map: &SourceMap,
    visitor: &mut V,
) -> Result<()> {
    // Nothing shared: a visitor sees one unit at a time, and must not keep
    // the whole input alive.
    reader::parse(
        Ctx {
            text,
            map,
            shared: &NO_SHARING,
        },
        visitor,
    )
}

/// Writes `doc` as XLIFF `version` (2.0, 2.1 or 2.2), appending to `out`.
///
/// Content is never indented (white space inside `<source>`, `<target>` and
/// notes is written as it is); structure is indented by one space per level.
///
/// # Errors
///
/// [`Error::Model`](crate::Error::Model) when `version` is not 2.x, or
/// when an attribute value holds a character XML cannot hold (`out` is
/// then left as it was).
pub fn write(doc: &Document, version: Version, out: &mut String) -> Result<()> {
    super::xml::refusing_unwritable(out, |out| writer::write(doc, version, out))
}
