//! Wire copy in the article's own language.

use crate::error::Result;
use crate::l10n::Locales;
use crate::model::Article;

/// Writes an article as wire copy in its own language's house style (the
/// layout of `shared/spec/wire-copy.md` for English): header line, headline
/// with its update tag, byline, dateline, paragraphs, photo blocks after
/// three blank lines with restrictions and credit as trailers, end mark.
/// The same as [`to_wire_localized`](super::to_wire_localized) with the
/// built-in locale for the article's language.
///
/// Reading English output with [`crate::WireReader`] gives back an equal
/// article (for plain text: wire copy has no inline markup, so codes are
/// dropped).
///
/// # Errors
///
/// [`Error::Locale`](crate::Error::Locale) when a locale message fails to
/// format.
///
/// # Examples
///
/// ```
/// use newsloc::{render, WireReader};
/// let story = "date 2026-03-04\n\nFerries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed.\n\n(END)\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// let out = render::to_wire(&article)?;
/// assert_eq!(WireReader::new().id("ferry").read_str(&out)?, article);
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn to_wire(article: &Article) -> Result<String> {
    let l = Locales::embedded().localizer(&article.language);
    super::to_wire_localized(article, &l)
}
