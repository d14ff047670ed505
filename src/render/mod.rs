//! Renderers: wire copy, HTML and ninjs. They never change the article.
//!
//! Fixed parts (byline, dateline, update tag, end mark, labels) come from a
//! [`Localizer`], so each renders in the target
//! language's house style; credits and usage restrictions are written
//! verbatim, and [`render`] with a source article checks that they are
//! (see [`check_rights`]).

mod locale_wire;
mod rights;
mod wire;

use std::fmt;
use std::str::FromStr;

pub use crate::html::write::to_html;
pub use crate::ninjs::write::to_ninjs;
pub use locale_wire::to_wire_localized;
pub use rights::check_rights;
pub use wire::to_wire;

use crate::error::{Error, Result};
use crate::l10n::Localizer;
use crate::model::Article;

/// An output format of [`render`].
///
/// # Examples
///
/// ```
/// use newsloc::render::Format;
/// assert_eq!("html".parse::<Format>()?, Format::Html);
/// assert_eq!(Format::Ninjs.to_string(), "ninjs");
/// assert!("pdf".parse::<Format>().is_err());
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Format {
    /// Wire copy (see [`to_wire_localized`]).
    #[default]
    Wire,
    /// An HTML document (see [`to_html`]).
    Html,
    /// An IPTC ninjs 3.1 item (see [`to_ninjs`]).
    Ninjs,
    /// The article's own JSON form ([`Article::to_json`]).
    Json,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Wire => "wire",
            Format::Html => "html",
            Format::Ninjs => "ninjs",
            Format::Json => "json",
        })
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        match s.to_ascii_lowercase().as_str() {
            "wire" => Ok(Format::Wire),
            "html" => Ok(Format::Html),
            "ninjs" => Ok(Format::Ninjs),
            "json" => Ok(Format::Json),
            _ => Err(Error::Model {
                unit: None,
                message: format!("unknown output format {s:?}: use wire, html, ninjs or json"),
            }),
        }
    }
}

/// Renders an article in `format` with the localizer's fixed parts.
///
/// A translation that carries its source's fingerprint
/// ([`Article::check_fingerprint`]) must match it, source or not. When
/// `source` is given, `article` is a translation of it: it must pass
/// [`check_rights`] (credits, restrictions, copyright, byline, tags, dates,
/// end mark), and the output must show every credit, restriction and
/// copyright notice of the source verbatim; without a source, the output
/// must show the article's own. Otherwise nothing is rendered.
///
/// # Errors
///
/// [`Error::Rejected`] when the fingerprint or rights check fails (every
/// problem listed);
/// [`Error::Locale`] when a locale message is missing or fails to format.
///
/// # Examples
///
/// ```
/// use newsloc::{render, render::Format, Article, Block, Credit, Locales, Photo, Text};
///
/// let mut source = Article::new("ferry", "en".parse().unwrap());
/// source.body.push(Block::Photo(Photo::new(Text::plain("A ferry."), Credit("Yonhap".into()))));
/// let ko = source.translate("ko".parse().unwrap(), [("photo1-caption", Text::plain("여객선."))])?;
/// let l = Locales::embedded().localizer(&ko.language);
/// let wire = render::render(&ko, Some(&source), Format::Wire, &l)?;
/// assert!(wire.contains("여객선. (Yonhap)"));
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn render(
    article: &Article,
    source: Option<&Article>,
    format: Format,
    l: &Localizer,
) -> Result<String> {
    match source {
        Some(source) => check_rights(article, source)?,
        None => article.check_fingerprint()?,
    }
    let out = match format {
        Format::Wire => to_wire_localized(article, l)?,
        Format::Html => to_html(article, l)?,
        Format::Ninjs => to_ninjs(article, l)?,
        Format::Json => article.to_json(),
    };
    rights::check_output(&out, source.unwrap_or(article), format)?;
    Ok(out)
}
