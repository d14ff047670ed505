//! The fixed parts of an article in a locale's style, shared by the
//! localized renderers (wire copy, HTML, ninjs).

use crate::error::Result;
use crate::l10n::Localizer;
use crate::model::{Article, Block, Text, UpdateTag};

/// A text on one line: plain runs and protected spans, codes dropped, line
/// breaks folded into spaces.
pub(crate) fn line(text: &Text) -> String {
    let s = text.to_plain_string();
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
}

impl Fixed {
    pub(crate) fn new(article: &Article, l: &Localizer) -> Result<Fixed> {
        let tag = match article.headline.as_ref().and_then(|h| h.tag.as_ref()) {
            Some(tag) => Some(update_tag(article, tag, l)?),
            None => None,
        };
        let byline = l.byline(&article.byline)?;
        let byline = (!byline.is_empty()).then_some(byline);
        let dateline = match &article.dateline {
            Some(d) => {
                let place = d.place.as_ref().map(line);
                let agency = d.agency.as_ref().map(|a| a.as_str());
                let s = l.dateline(place.as_deref(), d.date, agency)?;
                (!s.is_empty()).then_some(s)
            }
            None => None,
        };
        let in_lead = l.byline_in_lead();
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
        Ok(Fixed {
            tag,
            byline_line,
            byline,
            lead,
            end_mark,
        })
    }
}

/// An update tag in the localizer's language. Tags are written in the
/// language of the original story; rendered in that language they are kept
/// as written (`(3rd LD, with more details)`), in any other language they
/// are rewritten from their kind (`(종합3보)`), and a tag of a kind the
/// locales do not know is kept as written.
fn update_tag(article: &Article, tag: &UpdateTag, l: &Localizer) -> Result<String> {
    let written_in = article
        .translation_of
        .as_ref()
        .map_or(&article.language, |t| &t.language);
    if written_in.language == l.lang().language {
        return Ok(tag.as_str().to_string());
    }
    l.update_tag(tag)
}

/// Every credit and restriction of the article's photos, in order.
pub(crate) fn rights(article: &Article) -> Vec<&str> {
    let mut out = Vec::new();
    for block in &article.body {
        if let Block::Photo(p) = block {
            out.extend(p.restrictions.iter().map(|r| r.as_str()));
            out.push(p.credit.as_str());
        }
    }
    out
}
