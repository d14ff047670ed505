//! XLIFF 1.2 reader and writer (1.0 and 1.1 documents are read as 1.2).
//!
//! Reading is tolerant of what real tools write (Trados SDLXLIFF, memoQ,
//! Okapi, OmegaT, Xcode, ...): vendor namespaces are kept verbatim, states
//! written by SDL (`sdl:seg conf`) and memoQ (`mq:status`) are mapped to
//! [`State`](super::State) values without losing the original attributes,
//! and segmented units (`<seg-source>` with `<mrk mtype="seg">`, also when
//! the segments sit inside `<g>`) become [`Segment`](super::Segment)s.
//! Writing is strict: the output validates against the XLIFF 1.2
//! transitional schema.
//!
//! # Examples
//!
//! ```
//! use newsloc::xliff::{v12, State};
//! let text = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
//!  <file original="story" source-language="en" target-language="fr" datatype="plaintext">
//!   <body>
//!    <trans-unit id="p1"><source>Hello <g id="1">world</g></source>
//!     <target state="translated">Bonjour <g id="1">le monde</g></target></trans-unit>
//!   </body>
//!  </file>
//! </xliff>"#;
//! let doc = v12::read(text)?;
//! let unit = doc.units().next().unwrap();
//! let seg = unit.segments().next().unwrap();
//! assert_eq!(seg.state, Some(State::Translated));
//! assert_eq!(seg.sub_state.as_deref(), Some("xlf12:translated"));
//!
//! let mut out = String::new();
//! v12::write(&doc, &mut out)?;
//! assert_eq!(v12::read(&out)?, doc);
//! # Ok::<(), newsloc::Error>(())
//! ```

mod metadata;
mod reader;
mod writer;

use super::Document;
use super::encoding::{SourceMap, check_chars};
use crate::error::Error;

pub(crate) use reader::read as read_decoded;
pub(crate) use reader::read_shared;
pub(crate) use reader::visit as visit_decoded;

/// Reads an XLIFF 1.2 (or 1.1, 1.0) document from UTF-8 text.
///
/// A leading byte order mark is skipped. To read bytes in any encoding and
/// either XLIFF version, use [`Document::from_slice`].
///
/// # Errors
///
/// [`Error::Xml`] with the position (and unit id when inside one) for
/// malformed XML, DTDs, undeclared namespace prefixes, unknown entities and
/// a root that is not `<xliff>` (reading stops there); [`Error::Rejected`]
/// listing every rule violation otherwise found, each with its position: a
/// `<file>` without `<body>`, an `<xliff>` without `<file>`, a
/// `<trans-unit>` without `id` or `<source>`, duplicate unit ids in a file.
pub fn read(text: &str) -> Result<Document, Error> {
    let (text, map) = strip_bom(text);
    check_chars(text, &map)?;
    read_decoded(text, &map)
}

fn strip_bom(text: &str) -> (&str, SourceMap) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, SourceMap::utf8(3)),
        None => (text, SourceMap::utf8(0)),
    }
}

/// Reads an XLIFF 1.2 (or 1.1, 1.0) document from UTF-8 text and hands it
/// piece by piece to `visitor` (root, file headers, groups, units), keeping
/// no more than one unit in memory: what `check` and `stats` need on large
/// files.
///
/// # Errors
///
/// As [`read`]; the visitor may have seen part of the document when an
/// error is returned.
///
/// # Examples
///
/// ```
/// use newsloc::xliff::{v12, Stats};
/// let text = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
///  <file original="a" source-language="en" datatype="plaintext"><body>
///   <group id="g"><trans-unit id="1"><source>Three short words</source></trans-unit></group>
///  </body></file></xliff>"#;
/// let mut stats = Stats::default();
/// v12::visit(text, &mut stats)?;
/// assert_eq!((stats.units, stats.source_words), (1, 3));
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn visit(text: &str, visitor: &mut dyn super::Visitor) -> Result<(), Error> {
    let (text, map) = strip_bom(text);
    check_chars(text, &map)?;
    visit_decoded(text, &map, visitor)
}

/// Writes `doc` as XLIFF 1.2 to `out` (UTF-8, with an XML declaration).
///
/// A document read from 1.2 is written back with every attribute and
/// vendor element it had; a document from XLIFF 2 keeps its segments, codes
/// (`pc` → `g`, `ph` → `x`/`ph`, `sc`/`ec` → `bx`/`ex` or `bpt`/`ept`),
/// annotations (`mrk`), notes and states, and namespaced attributes.
///
/// # Errors
///
/// [`Error::Model`] when a file has no source language, or text or an
/// attribute value holds a character XML 1.0 cannot represent (`out` is
/// then left as it was).
///
/// # Examples
///
/// ```
/// use newsloc::xliff::{v12, Content, Document, File, Item, Segment, Unit, Version};
/// let mut doc = Document::new(Version::V1_2, "en", Some("de"));
/// let mut file = File::default();
/// file.original = Some("story-1".into());
/// let mut unit = Unit::new("headline");
/// unit.push_segment(Segment::new(Some("1"), Content::text("Rain & wind")));
/// file.items.push(Item::from(unit));
/// doc.files.push(file);
/// let mut out = String::new();
/// v12::write(&doc, &mut out)?;
/// assert!(out.contains(r#"<mrk mtype="seg" mid="1">Rain &amp; wind</mrk>"#));
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn write(doc: &Document, out: &mut String) -> Result<(), Error> {
    super::xml::refusing_unwritable(out, |out| writer::write(doc, out))
}
