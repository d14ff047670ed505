//! Wire copy out: the article in the layout of `shared/spec/wire-copy.md`.

use crate::model::{Article, Block, Dateline, Text};

const AP_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// One line of wire copy from a text: plain runs and protected spans, codes
/// dropped, line breaks folded into spaces (wire copy has no inline markup).
fn line(text: &Text) -> String {
    let s = text.to_plain_string();
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

fn dateline_en(d: &Dateline) -> String {
    let mut s = String::new();
    if let Some(place) = &d.place {
        s.push_str(&line(place));
    }
    if let Some(date) = d.date {
        if !s.is_empty() {
            s.push_str(", ");
        }
        let month = AP_MONTHS[usize::from(date.month().clamp(1, 12)) - 1];
        s.push_str(&format!("{month} {}", date.day()));
    }
    if let Some(agency) = &d.agency {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&format!("({agency})"));
    }
    s.push_str(" --");
    s
}

/// Writes an article as English wire copy: header line, headline with its
/// update tag, byline, dateline, paragraphs, photo blocks (after three blank
/// lines, with restrictions and credit as trailers) and the end mark.
///
/// Reading the result with [`crate::WireReader`] gives back an equal article
/// (for plain text; inline codes have no wire form and are dropped).
///
/// # Examples
///
/// ```
/// use newsloc::{render, WireReader};
/// let story = "date 2026-03-04\n\nFerries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed.\n\n(END)\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// let out = render::to_wire(&article);
/// assert_eq!(WireReader::new().id("ferry").read_str(&out)?, article);
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn to_wire(article: &Article) -> String {
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
        if let Some(tag) = &h.tag {
            out.push_str(tag.as_str());
            out.push(' ');
        }
        out.push_str(&line(&h.text));
        out.push_str("\n\n");
    }
    if !article.byline.is_empty() {
        out.push_str("By ");
        let names = &article.byline;
        match names.len() {
            1 => out.push_str(&names[0]),
            n => {
                out.push_str(&names[..n - 1].join(", "));
                out.push_str(" and ");
                out.push_str(&names[n - 1]);
            }
        }
        out.push_str("\n\n");
    }
    let mut dateline = article
        .dateline
        .as_ref()
        .filter(|d| d.place.is_some() || d.date.is_some() || d.agency.is_some())
        .map(dateline_en);
    for block in &article.body {
        match block {
            Block::Paragraph(text) => {
                if let Some(d) = dateline.take() {
                    out.push_str(&d);
                    out.push(' ');
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
    if article.end_mark {
        out.push_str("\n\n(END)\n");
    }
    out
}
