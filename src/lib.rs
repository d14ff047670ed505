//! newsloc makes news stories translation-ready: it reads a story into an
//! [`Article`] whose translatable text ([`Text`]) is kept apart from fixed
//! metadata by type, exchanges the text with translators as XLIFF, and
//! renders the translation in the target language's house style.
//!
//! Core concepts:
//! - [`Article`]: the story; [`Article::units`] lists what translators get,
//!   [`Article::translate`] builds a translation and copies every fixed field.
//! - [`Text`]: translatable text as [`Run`]s (plain text, inline codes with
//!   their original markup, protected spans).
//! - [`WireReader`]: plain-text wire copy in; [`render::to_wire`] out.
//! - The JSON form ([`Article::to_json`], [`Article::from_json`]),
//!   documented in `docs/json-format.md`.
//! - [`Exporter`] turns an article into an [`xliff::Document`] for one target
//!   language (sentences from [`Segmenter`]); [`import`] checks a returned
//!   document against the article and builds the translation, all or nothing
//!   (`docs/exchange.md`).
//! - [`xliff`]: one document model for XLIFF 1.2 and 2.0/2.1/2.2, readers
//!   that refuse what is malformed with positions, writers whose output
//!   validates: the `newsloc-xliff` crate, re-exported
//!   (`crates/xliff/docs/xliff-support.md`).
//! - [`render`] with a [`Localizer`] from [`Locales`]: wire copy, HTML and
//!   IPTC ninjs in the target language's house style, credits and
//!   restrictions checked verbatim (`docs/locales.md`); [`ninjs`] reads
//!   ninjs text items.
//! - [`versions`]: two versions of a story aligned unit by unit and sentence
//!   by sentence ([`versions::Diff`]), the editor's note read as claims about
//!   the change, and the fuzzy scorer (`docs/versions.md`).
//!
//! # Example
//!
//! Read wire copy, list the translatable units, and check that the JSON form
//! and the wire copy both round-trip:
//!
//! ```
//! use newsloc::{render, Article, WireReader};
//!
//! let story = "date 2026-03-04\n\n(LEAD) Ferries run again\n\nBy Park Ha-eun\n\n\
//!              BUSAN, March 4 (Yonhap) -- Service resumed on Wednesday.\n\n(END)\n";
//! let article = WireReader::new().id("ferry").read_str(story)?;
//! let ids: Vec<String> = article.units().into_iter().map(|u| u.id).collect();
//! assert_eq!(ids, ["headline", "dateline-place", "p1"]);
//! assert_eq!(article.byline, ["Park Ha-eun"]); // fixed: never translated
//!
//! assert_eq!(Article::from_json(&article.to_json())?, article);
//! assert_eq!(WireReader::new().id("ferry").read_str(&render::to_wire(&article)?)?, article);
//! # Ok::<(), newsloc::Error>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod error;
mod exchange;
mod html;
mod l10n;
mod model;
pub mod ninjs;
pub mod qa;
pub mod render;
mod segment;
#[cfg(feature = "store")]
pub mod store;
pub mod tmx;
pub mod versions;
mod wire;
pub use newsloc_xliff as xliff;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use error::{Error, Location, Position, Problem, Result};
pub use exchange::{
    Analysis, Category, Export, Exporter, FileIdentity, Finding, FindingKind, ImportOptions,
    Imported, Leverage, Memory, MemoryMatch, MemoryQuery, Provenance, Report, SegmentCategory,
    SegmentPair, Words, identify, import, import_with, locate_units, read_returned,
};
pub use l10n::{Locales, Localizer};
pub use model::{
    Article, Block, Change, CodeKind, Copyright, Credit, Date, Dateline, EditorNote, Headline,
    JSON_FORMAT, MAX_CODE_DEPTH, MAX_TEXT_BYTES, MonthDay, Photo, Run, TagKind, Text,
    TranslationOf, Unit, UnitKind, Untranslated, UpdateTag, UpdateVerb, UsageRestriction,
};
pub use segment::Segmenter;
#[cfg(feature = "store")]
pub use store::Store;
pub use wire::WireReader;

/// Reads an article from a file in either of the forms the library reads:
/// the JSON form (when the file starts with `{`) or wire copy (anything
/// else). A wire-copy story gets the file name without its extension as id,
/// and its language from its script (Hangul: Korean; kana: Japanese; Han:
/// Chinese, Simplified or Traditional by its characters; Arabic; Cyrillic:
/// Russian), else English.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read; [`Error::Json`] or
/// [`Error::Wire`] naming the file and position when it cannot be parsed.
pub fn read_article(path: impl AsRef<std::path::Path>) -> Result<Article> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        let text = std::str::from_utf8(body).map_err(|e| Error::Json {
            location: Location {
                file: Some(path.to_path_buf()),
                position: None,
                unit: None,
            },
            message: format!("not UTF-8 (byte {})", e.valid_up_to()),
        })?;
        Article::from_json(text).map_err(|e| e.with_file(path))
    } else {
        let mut reader = WireReader::new();
        if let Some(lang) = wire::guess_language(&String::from_utf8_lossy(body)) {
            reader.language(lang);
        }
        reader.read_path(path)
    }
}
