//! The fixed parts of an article in a locale's style, shared by the
//! localized renderers (wire copy, HTML, ninjs).

use crate::error::Result;
use crate::l10n::Localizer;
use crate::model::{Article, CodeKind, Run, Text, UpdateTag};

/// A text on one line: plain runs and protected spans, codes dropped, line
/// breaks (codes and characters) written as a space where there is none.
pub(crate) fn line(text: &Text) -> String {
    let mut s = String::new();
    for run in text.runs() {
        match run {
            Run::Text(t) | Run::Protected(t) => s.push_str(t),
            Run::Code {
                kind: CodeKind::LineBreak,
                ..
            } if !s.is_empty() && !s.ends_with(char::is_whitespace) => s.push(' '),
            _ => {}
        }
    }
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

/// The fixed parts of one article, formatted once for a localizer.
#[derive(Debug, Default)]
pub(crate) struct Fixed {
    /// The update tag, localized when the article is rendered in another
    /// language than the one the tag was written in.
    pub tag: Option<String>,
    /// The byline on its own line (`By A and B`), when the locale puts it
    /// there.
    pub byline_line: Option<String>,
    /// The byline wherever it goes (for ninjs `by`).
    pub byline: Option<String>,
    /// The opening of the first paragraph up to its text (dateline, byline
    /// where the locale puts it there, separating space); `None` when there
    /// is neither dateline nor such a byline.
    pub lead: Option<String>,
    /// The end mark, when the article has one.
    pub end_mark: Option<String>,
    /// Whether the update tag follows the headline text (Korean Yonhap
    /// style) rather than opening it.
    pub tag_at_end: bool,
    /// The editor's note for the header line: the note as written, or none
    /// in a translation into a locale that leaves it out.
    pub editor_note: Option<String>,
}

/// The language a story was first written in: its source's for a
/// translation.
fn written_in(article: &Article) -> &unic_langid::LanguageIdentifier {
    article
        .translation_of
        .as_ref()
        .map_or(&article.language, |t| &t.language)
}

/// Dashes a dateline may end with, longest first.
const DASHES: [&str; 4] = ["--", "—", "–", "-"];

impl Fixed {
    pub(crate) fn new(article: &Article, l: &Localizer) -> Result<Fixed> {
        let raw_tag = article.headline.as_ref().and_then(|h| h.tag.as_ref());
        let tag = match raw_tag {
            Some(tag) => Some(update_tag(article, tag, l)?),
            None => None,
        };
        let tag_at_end = raw_tag.is_some_and(|t| l.tag_at_end(t));
        let own_language = written_in(article).language == l.lang().language;
        // the byline's role as the story wrote it, in its own language
        let role = article.byline_role.as_deref().filter(|_| own_language);
        let byline = l.byline_with_role(&article.byline, role)?;
        let byline = (!byline.is_empty()).then_some(byline);
        let dateline = match &article.dateline {
            Some(d) => {
                let place = d.place.as_ref().map(line);
                let agency = d.agency.as_ref().map(|a| a.as_str());
                let mut s = l.dateline_with_year(place.as_deref(), d.date, d.year, agency)?;
                // the dash as the story wrote it, in its own language
                if own_language && let Some(dash) = d.dash.as_deref() {
                    let trimmed = s.trim_end();
                    if let Some(ours) = DASHES.iter().find(|x| trimmed.ends_with(**x)) {
                        let cut = trimmed.len() - ours.len();
                        let before = &trimmed[..cut];
                        // a colon (`SINGAPORE:`) follows the place closely
                        let before = if dash == ":" {
                            before.trim_end()
                        } else {
                            before
                        };
                        s = format!("{before}{dash}");
                    }
                }
                (!s.is_empty()).then_some(s)
            }
            None => None,
        };
        // the byline goes in the opening only after a dateline: alone there
        // (`김민지 특파원 = …`) it reads as a headline, so without one it
        // stands on its own line, as the locale's byline line reads it
        let in_lead = l.byline_in_lead() && dateline.is_some();
        let lead_byline = if in_lead { byline.as_deref() } else { None };
        let lead = match (&dateline, lead_byline) {
            (None, None) => None,
            (d, b) => {
                let s = l.lead(d.as_deref().unwrap_or_default(), b)?;
                let s = s.trim_start().to_string();
                (!s.trim().is_empty()).then_some(s)
            }
        };
        let byline_line = if in_lead { None } else { byline.clone() };
        let end_mark = if article.end_mark {
            Some(l.end_mark()?)
        } else {
            None
        };
        let editor_note = article
            .editor_note
            .as_ref()
            .filter(|_| own_language || l.keeps_editor_note())
            .map(|n| n.text().to_string());
        Ok(Fixed {
            tag,
            byline_line,
            byline,
            lead,
            end_mark,
            tag_at_end,
            editor_note,
        })
    }
}

/// An update tag in the localizer's language. Tags are kept in their
/// English wire form (the wire reader gives `(2nd LD)` for `(종합2보)`).
/// Rendered in English, and in the language the story was written in when
/// the tag is of a kind the locales do not know, they are kept as written
/// (`(3rd LD, with more details)`); otherwise they are written from their
/// kind in the locale's style (`(종합3보)`, `[속보]`).
fn update_tag(article: &Article, tag: &UpdateTag, l: &Localizer) -> Result<String> {
    let english = l.lang().language.as_str() == "en";
    if english && written_in(article).language == l.lang().language {
        return Ok(tag.as_str().to_string());
    }
    l.update_tag(tag)
}

/// Every credit, restriction and copyright notice of the article, in order.
pub(crate) fn rights(article: &Article) -> Vec<&str> {
    article.legal_texts()
}

/// Whether a space goes between `a` and `b`: none after a full-width
/// bracket or before one (Japanese and Chinese write none).
pub(crate) fn spaced(a: &str, b: &str) -> bool {
    let full_width = |c: char| matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF60}');
    !a.ends_with(full_width) && !b.starts_with(full_width)
}
