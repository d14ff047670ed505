//! newsloc makes news stories translation-ready.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod error;
mod exchange;
mod l10n;
mod model;
pub mod render;
mod segment;
mod wire;
pub mod xliff;

pub use error::{Error, Location, Position, Problem, Result};
pub use model::{
    Article, Block, Change, CodeKind, Credit, Date, Dateline, EditorNote, Headline, JSON_FORMAT,
    MonthDay, Photo, Run, TagKind, Text, TranslationOf, Unit, UnitKind, Untranslated, UpdateTag,
    UpdateVerb, UsageRestriction,
};
pub use wire::WireReader;

/// Reads an article from a file in either of the forms the library reads:
/// the JSON form (when the file starts with `{`) or wire copy (anything
/// else). A wire-copy story gets the file name without its extension as id.
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
        WireReader::new().read_path(path)
    }
}
