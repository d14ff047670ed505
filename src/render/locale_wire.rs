//! Wire copy in the target locale's house style.

use super::fixed::{Fixed, line};
use crate::error::Result;
use crate::l10n::Localizer;
use crate::model::{Article, Block};

/// Writes an article as wire copy with its fixed parts in the localizer's
/// house style: the update tag, the byline (on its own line, or in the
/// opening of the first paragraph where the locale wants it: Korean
/// `(서울=연합뉴스) 김은정 기자 = ...`), the dateline (`【ソウル聯合ニュース】`)
/// and the end mark (`(끝)`). Photo credits and restrictions are written
/// verbatim; the editor's note stays in the header line.
///
/// With the English localizer this gives exactly what
/// [`to_wire`](super::to_wire) gives.
///
/// # Errors
///
/// [`Error::Locale`](crate::Error::Locale) when a locale message is missing
/// or fails to format (only possible with overridden locale files).
///
/// # Examples
///
/// ```
/// use newsloc::{render, Locales, WireReader};
///
/// let story = "(LEAD) Ferries run again\n\nBy Kim Eun-jung\n\n\
///              BUSAN, March 4 (Yonhap) -- Service resumed.\n\n(END)\n";
/// let mut article = WireReader::new().id("ferry").read_str(story)?;
/// let ko = Locales::embedded().localizer(&"ko".parse().unwrap());
/// let out = render::to_wire_localized(&article, &ko)?;
/// assert_eq!(
///     out,
///     "(종합) Ferries run again\n\n(BUSAN=연합뉴스) Kim Eun-jung 기자 = Service resumed.\n\n\n\n(끝)\n"
/// );
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn to_wire_localized(article: &Article, l: &Localizer) -> Result<String> {
    let fixed = Fixed::new(article, l)?;
    let mut out = String::new();
    if article.date.is_some() || article.editor_note.is_some() {
        out.push_str("date");
        if let Some(d) = article.date {
            out.push_str(&format!(" {d}"));
        }
        if let Some(n) = &article.editor_note {
            out.push_str(&format!(" ({})", n.text()));
        }
        out.push_str("\n\n");
    }
    if let Some(h) = &article.headline {
        if let Some(tag) = &fixed.tag {
            out.push_str(tag);
            out.push(' ');
        }
        out.push_str(&line(&h.text));
        out.push_str("\n\n");
    }
    if let Some(byline) = &fixed.byline_line {
        out.push_str(byline);
        out.push_str("\n\n");
    }
    let mut lead = fixed.lead;
    for block in &article.body {
        match block {
            Block::Paragraph(text) => {
                if let Some(lead) = lead.take() {
                    out.push_str(&lead);
                }
                out.push_str(&line(text));
                out.push_str("\n\n");
            }
            Block::Photo(photo) => {
                out.push_str("\n\n");
                out.push_str(&line(&photo.caption));
                for r in &photo.restrictions {
                    out.push_str(&format!(" ({r})"));
                }
                out.push_str(&format!(" ({})\n\n", photo.credit));
            }
        }
    }
    if let Some(end) = &fixed.end_mark {
        out.push_str("\n\n");
        out.push_str(end);
        out.push('\n');
    }
    Ok(out)
}
