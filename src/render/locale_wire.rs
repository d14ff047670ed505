//! Wire copy in the target locale's house style.

use crate::error::Result;
use crate::l10n::Localizer;
use crate::l10n::fixed::{Fixed, line, spaced};
use crate::model::{Article, Block};

/// Writes an article as wire copy with its fixed parts in the localizer's
/// house style: the update tag, the byline (on its own line, or in the
/// opening of the first paragraph where the locale wants it: Korean
/// `(서울=연합뉴스) 김은정 기자 = ...`), the dateline (`【ソウル聯合ニュース】`)
/// and the end mark (`(끝)`). The update tag opens the headline, or closes
/// it where the locale says so (Korean `… 전망(종합2보)`); no half-width
/// space is written next to a full-width bracket. Photo credits,
/// restrictions and copyright are written verbatim as trailers (`(©
/// …)`-style copyright as written, else `(Copyright: …)` with the
/// locale's label); the makers' credits (`(Reporting by …)`), the story's
/// copyright notice and usage terms (`Copyright: …`, `Usage terms: …`, the
/// locale's labels) close the story before the end mark. The editor's note
/// stays in the header line, except in a translation into a locale that
/// leaves it out (see `docs/wire-copy.md`). A line-break code is written
/// as a space.
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
///     "Ferries run again(종합)\n\n(BUSAN=연합뉴스) Kim Eun-jung 기자 = Service resumed.\n\n\n\n(끝)\n"
/// );
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn to_wire_localized(article: &Article, l: &Localizer) -> Result<String> {
    let fixed = Fixed::new(article, l)?;
    let copyright_label = l.message("label-copyright", &[])?;
    let mut out = String::new();
    if article.date.is_some() || fixed.editor_note.is_some() {
        out.push_str("date");
        if let Some(d) = article.date {
            out.push_str(&format!(" {d}"));
        }
        if let Some(n) = &fixed.editor_note {
            out.push_str(&format!(" ({n})"));
        }
        out.push_str("\n\n");
    }
    if let Some(h) = &article.headline {
        let text = line(&h.text);
        match &fixed.tag {
            Some(tag) if fixed.tag_at_end => {
                out.push_str(&text);
                out.push_str(tag);
            }
            Some(tag) => {
                out.push_str(tag);
                if spaced(tag, &text) {
                    out.push(' ');
                }
                out.push_str(&text);
            }
            None => out.push_str(&text),
        }
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
                let mut block = line(&photo.caption);
                let mut trailers: Vec<String> = photo
                    .restrictions
                    .iter()
                    .map(|r| format!("({r})"))
                    .collect();
                if let Some(c) = &photo.copyright {
                    trailers.push(format!(
                        "({})",
                        copyright_text(c.as_str(), &copyright_label)
                    ));
                }
                trailers.push(format!("({})", photo.credit));
                for t in trailers {
                    if !block.is_empty() {
                        block.push(' ');
                    }
                    block.push_str(&t);
                }
                out.push_str(&block);
                out.push_str("\n\n");
            }
        }
    }
    let trailer: Vec<&str> = article.credits.iter().map(|c| c.as_str()).collect();
    if !trailer.is_empty() {
        out.push_str(&format!("({})\n\n", trailer.join("; ")));
    }
    if let Some(c) = &article.copyright {
        out.push_str(&format!("{copyright_label}: {c}\n\n"));
    }
    if let Some(u) = &article.usage_terms {
        out.push_str(&format!(
            "{}: {u}\n\n",
            l.message("label-usage-terms", &[])?
        ));
    }
    if let Some(end) = &fixed.end_mark {
        out.push_str("\n\n");
        out.push_str(end);
        out.push('\n');
    }
    Ok(out)
}

/// A photo's copyright as a trailer: as written when it reads as a
/// copyright notice (`© 2026 Yonhap`), else after the locale's label.
fn copyright_text(c: &str, label: &str) -> String {
    let lower = c.to_lowercase();
    if c.starts_with(['©', 'ⓒ']) || lower.starts_with("(c) ") || lower.starts_with("copyright ")
    {
        c.to_string()
    } else {
        format!("{label}: {c}")
    }
}
