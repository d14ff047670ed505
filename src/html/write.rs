//! HTML out: one article as a small, semantic, fully escaped document.

use std::fmt::Write as _;

use unic_langid::{CharacterDirection, LanguageIdentifier};

use super::read::attribute;
use crate::error::Result;
use crate::l10n::Localizer;
use crate::l10n::fixed::Fixed;
use crate::model::{Article, Block, CodeKind, Photo, Run, Text};

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `ltr` or `rtl` for a language.
pub(crate) fn dir(lang: &LanguageIdentifier) -> &'static str {
    if lang.character_direction() == CharacterDirection::RTL {
        "rtl"
    } else {
        "ltr"
    }
}

/// A link target safe to write: http, https, mailto, or relative.
fn safe_href(href: &str) -> Option<&str> {
    let h = href.trim();
    let lower = h.to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let first_special = lower.find(['/', '?', '#']);
    let has_scheme = match (scheme_end, first_special) {
        (Some(c), Some(s)) => c < s,
        (Some(_), None) => true,
        _ => false,
    };
    if !has_scheme
        || lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("mailto:")
    {
        Some(h)
    } else {
        None
    }
}

/// The HTML element written for a paired code: (open tag, close tag).
fn element(kind: CodeKind, markup: &str) -> (String, &'static str) {
    match kind {
        CodeKind::Emphasis => ("<em>".into(), "</em>"),
        CodeKind::Strong => ("<strong>".into(), "</strong>"),
        CodeKind::Link => match attribute(markup, "href").as_deref().and_then(safe_href) {
            Some(href) => (format!("<a href=\"{}\">", escape(href)), "</a>"),
            None => ("<span class=\"link\">".into(), "</span>"),
        },
        CodeKind::Script if markup.trim_start().to_ascii_lowercase().starts_with("<sub") => {
            ("<sub>".into(), "</sub>")
        }
        CodeKind::Script => ("<sup>".into(), "</sup>"),
        _ => ("<span>".into(), "</span>"),
    }
}

/// A text as HTML: every character escaped, inline codes rewritten as our
/// own elements (never the original markup, which may come from anywhere),
/// protected spans marked `translate="no"`. Overlapping pairs are closed and
/// reopened so the result is well nested.
pub(crate) fn text_html(text: &Text) -> String {
    let mut out = String::new();
    // open elements: (code id, open tag, close tag)
    let mut open: Vec<(String, String, &'static str)> = Vec::new();
    for run in text.runs() {
        match run {
            Run::Text(t) => out.push_str(&escape(t)),
            Run::Protected(t) => {
                let _ = write!(out, "<span translate=\"no\">{}</span>", escape(t));
            }
            Run::Start { id, kind, markup } => {
                let (open_tag, close_tag) = element(*kind, markup);
                out.push_str(&open_tag);
                open.push((id.clone(), open_tag, close_tag));
            }
            Run::End { id, .. } => {
                let Some(at) = open.iter().rposition(|(o, _, _)| o == id) else {
                    continue;
                };
                let reopen: Vec<_> = open.drain(at..).collect();
                for (_, _, close) in reopen.iter().rev() {
                    out.push_str(close);
                }
                for item in reopen.into_iter().skip(1) {
                    out.push_str(&item.1);
                    open.push(item);
                }
            }
            Run::Code { kind, .. } => {
                if *kind == CodeKind::LineBreak {
                    out.push_str("<br/>");
                }
            }
        }
    }
    for (_, _, close) in open.iter().rev() {
        out.push_str(close);
    }
    out
}

/// `lang` attribute for a fixed part when the locale differs from the
/// article's language.
fn lang_attr(article: &Article, l: &Localizer) -> String {
    if l.lang().language == article.language.language {
        String::new()
    } else {
        format!(
            " lang=\"{}\" dir=\"{}\"",
            escape(&l.lang().to_string()),
            dir(l.lang())
        )
    }
}

/// The body blocks: paragraphs (the first opening with the dateline) and
/// photos. `assoc` names each photo `photo1`, `photo2`... and, for ninjs,
/// refers to its association instead of writing the rights in place.
/// Whether `text` is written in a script other than the page's: Latin
/// letters on a page in a non-Latin script, or the reverse.
fn script_of(c: char) -> Option<&'static str> {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{24F}' => Some("Latn"),
        '\u{400}'..='\u{4FF}' => Some("Cyrl"),
        '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}' => Some("Arab"),
        '\u{590}'..='\u{5FF}' => Some("Hebr"),
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' => Some("Hang"),
        '\u{3040}'..='\u{30FF}' => Some("Jpan"),
        '\u{4E00}'..='\u{9FFF}' => Some("Hani"),
        _ => None,
    }
}

/// The script a language is written in, as far as fixed parts go.
fn page_script(lang: &LanguageIdentifier) -> &'static str {
    match lang.language.as_str() {
        "ar" | "fa" | "ur" => "Arab",
        "he" => "Hebr",
        "ru" | "uk" | "bg" | "sr" => "Cyrl",
        "ko" => "Hang",
        "ja" => "Jpan",
        "zh" => "Hani",
        _ => "Latn",
    }
}

/// ` lang=".." dir=".."` for a fixed part written in another script than
/// the page (an English credit on an Arabic page): the language of the
/// story it was written in (the source's for a translation, `und` when that
/// is the page's own), and its direction. Empty when the part is in the
/// page's script.
pub(crate) fn foreign_attr(text: &str, article: &Article, page: &LanguageIdentifier) -> String {
    let ours = page_script(page);
    let Some(theirs) = text.chars().find_map(script_of) else {
        return String::new();
    };
    let same = theirs == ours
        || (ours == "Jpan" && theirs == "Hani")
        || (ours == "Hang" && theirs == "Hani");
    if same {
        return String::new();
    }
    let source = article
        .translation_of
        .as_ref()
        .map_or(&article.language, |t| &t.language);
    let lang = if page_script(source) == theirs {
        source.to_string()
    } else if theirs == "Latn" {
        "en".to_string()
    } else {
        "und".to_string()
    };
    let dir = if matches!(theirs, "Arab" | "Hebr") {
        "rtl"
    } else {
        "ltr"
    };
    format!(" lang=\"{}\" dir=\"{dir}\"", escape(&lang))
}

pub(crate) fn body_html(
    article: &Article,
    l: &Localizer,
    fixed: &Fixed,
    for_ninjs: bool,
) -> Result<String> {
    let fixed_lang = lang_attr(article, l);
    let mut out = String::new();
    let mut lead = fixed.lead.as_deref();
    let mut photo = 0;
    for block in &article.body {
        match block {
            Block::Paragraph(text) => {
                out.push_str("<p>");
                if let Some(lead) = lead.take() {
                    let _ = write!(
                        out,
                        "<span class=\"dateline\"{fixed_lang}>{}</span>",
                        escape(lead)
                    );
                }
                out.push_str(&text_html(text));
                out.push_str("</p>\n");
            }
            Block::Photo(p) => {
                photo += 1;
                photo_html(&mut out, article, p, photo, l, &fixed_lang, for_ninjs)?;
            }
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn photo_html(
    out: &mut String,
    article: &Article,
    p: &Photo,
    n: usize,
    l: &Localizer,
    fixed_lang: &str,
    for_ninjs: bool,
) -> Result<()> {
    if for_ninjs {
        let _ = writeln!(
            out,
            "<figure data-assoc-ref=\"photo{n}\"><figcaption>{}</figcaption></figure>",
            text_html(&p.caption)
        );
        return Ok(());
    }
    let _ = writeln!(out, "<figure id=\"photo{n}\" class=\"photo\">");
    let _ = writeln!(out, "<figcaption>{}</figcaption>", text_html(&p.caption));
    let _ = writeln!(out, "<dl class=\"rights\">");
    if !p.restrictions.is_empty() {
        let label = l.message("label-restrictions", &[])?;
        let _ = writeln!(out, "<dt{fixed_lang}>{}</dt>", escape(&label));
        for r in &p.restrictions {
            let _ = writeln!(
                out,
                "<dd class=\"restriction\"{}>{}</dd>",
                foreign_attr(r.as_str(), article, l.lang()),
                escape(r.as_str())
            );
        }
    }
    if let Some(c) = &p.copyright {
        let label = l.message("label-copyright", &[])?;
        let _ = writeln!(out, "<dt{fixed_lang}>{}</dt>", escape(&label));
        let _ = writeln!(
            out,
            "<dd class=\"copyright\"{}>{}</dd>",
            foreign_attr(c.as_str(), article, l.lang()),
            escape(c.as_str())
        );
    }
    let label = l.message("label-credit", &[])?;
    let _ = writeln!(out, "<dt{fixed_lang}>{}</dt>", escape(&label));
    let _ = writeln!(
        out,
        "<dd class=\"credit\"{}>{}</dd>",
        foreign_attr(p.credit.as_str(), article, l.lang()),
        escape(p.credit.as_str())
    );
    let _ = writeln!(out, "</dl>\n</figure>");
    Ok(())
}

/// Writes an article as an HTML document: `lang` and `dir` from the
/// article's language (`rtl` for Arabic), the headline as `<h1>` with its
/// update tag, the byline, paragraphs with the dateline opening the first,
/// photos as `<figure>` with caption and a visible list of restrictions and
/// credit (verbatim), and the end mark. The document is also well-formed
/// XML (void elements self-closed). Fixed parts come from the localizer;
/// every text is escaped, and inline codes become `<em>`, `<strong>`,
/// `<a href>` (http, https, mailto or relative links only), `<sup>`/`<sub>`
/// and `<br/>`, never the original markup. The editor's note is not
/// published.
///
/// # Errors
///
/// [`Error::Locale`](crate::Error::Locale) when a locale message is missing
/// or fails to format (only possible with overridden locale files).
///
/// # Examples
///
/// ```
/// use newsloc::{render, Article, Block, Locales, Text};
///
/// let mut article = Article::new("t", "ar".parse().unwrap());
/// article.body.push(Block::Paragraph(Text::plain("<b> & \"x\"")));
/// let ar = Locales::embedded().localizer(&"ar".parse().unwrap());
/// let html = render::to_html(&article, &ar)?;
/// assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
/// assert!(html.contains("<p>&lt;b&gt; &amp; &quot;x&quot;</p>"));
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn to_html(article: &Article, l: &Localizer) -> Result<String> {
    let fixed = Fixed::new(article, l)?;
    let fixed_lang = lang_attr(article, l);
    let lang = article.language.to_string();
    let mut out = String::new();
    let _ = writeln!(out, "<!DOCTYPE html>");
    let _ = writeln!(
        out,
        "<html lang=\"{}\" dir=\"{}\">",
        escape(&lang),
        dir(&article.language)
    );
    let _ = writeln!(out, "<head>\n<meta charset=\"utf-8\"/>");
    let title = article
        .headline
        .as_ref()
        .map(|h| crate::l10n::fixed::line(&h.text))
        .unwrap_or_default();
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(out, "</head>\n<body>\n<article>");
    if article.headline.is_some() || fixed.byline_line.is_some() {
        let _ = writeln!(out, "<header>");
        if let Some(h) = &article.headline {
            out.push_str("<h1>");
            let tag_html = fixed.tag.as_ref().map(|tag| {
                format!(
                    "<span class=\"update-tag\"{fixed_lang}>{}</span>",
                    escape(tag)
                )
            });
            let text = crate::l10n::fixed::line(&h.text);
            match (&tag_html, &fixed.tag) {
                (Some(t), Some(_)) if fixed.tag_at_end => {
                    out.push_str(&text_html(&h.text));
                    out.push_str(t);
                }
                (Some(t), Some(tag)) => {
                    out.push_str(t);
                    if crate::l10n::fixed::spaced(tag, &text) {
                        out.push(' ');
                    }
                    out.push_str(&text_html(&h.text));
                }
                _ => out.push_str(&text_html(&h.text)),
            }
            out.push_str("</h1>\n");
        }
        if let Some(b) = &fixed.byline_line {
            let _ = writeln!(out, "<p class=\"byline\"{fixed_lang}>{}</p>", escape(b));
        }
        let _ = writeln!(out, "</header>");
    }
    out.push_str(&body_html(article, l, &fixed, false)?);
    if !article.credits.is_empty() || article.copyright.is_some() || article.usage_terms.is_some() {
        let _ = writeln!(out, "<footer class=\"rights\">");
        if !article.credits.is_empty() {
            let credits: Vec<&str> = article.credits.iter().map(|c| c.as_str()).collect();
            let credits = credits.join("; ");
            let _ = writeln!(
                out,
                "<p class=\"credits\"{}>({})</p>",
                foreign_attr(&credits, article, l.lang()),
                escape(&credits)
            );
        }
        for (class, label, text) in [
            (
                "copyright",
                "label-copyright",
                article.copyright.as_ref().map(|c| c.as_str()),
            ),
            (
                "usage-terms",
                "label-usage-terms",
                article.usage_terms.as_ref().map(|u| u.as_str()),
            ),
        ] {
            let Some(text) = text else { continue };
            let label = l.message(label, &[])?;
            let _ = writeln!(
                out,
                "<p class=\"{class}\"><span{fixed_lang}>{}</span>: <span{}>{}</span></p>",
                escape(&label),
                foreign_attr(text, article, l.lang()),
                escape(text)
            );
        }
        let _ = writeln!(out, "</footer>");
    }
    if let Some(end) = &fixed.end_mark {
        let _ = writeln!(out, "<p class=\"end-mark\"{fixed_lang}>{}</p>", escape(end));
    }
    let _ = writeln!(out, "</article>\n</body>\n</html>");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(id: &str, kind: CodeKind, markup: &str) -> Run {
        Run::Start {
            id: id.into(),
            kind,
            markup: markup.into(),
        }
    }
    fn end(id: &str) -> Run {
        Run::End {
            id: id.into(),
            markup: String::new(),
        }
    }

    #[test]
    fn unsafe_links_are_not_written() {
        assert_eq!(
            safe_href("https://example.com/a?b"),
            Some("https://example.com/a?b")
        );
        assert_eq!(safe_href("/path:with-colon"), Some("/path:with-colon"));
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href(" JavaScript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,x"), None);
    }

    #[test]
    fn inline_codes_become_our_own_elements() {
        let t = Text::from_runs(vec![
            Run::Text("a ".into()),
            start(
                "1",
                CodeKind::Link,
                r#"<a href="https://e.com/?q=1&amp;r=2" onclick="x">"#,
            ),
            Run::Text("link".into()),
            end("1"),
            Run::Code {
                id: "2".into(),
                kind: CodeKind::LineBreak,
                markup: "<br/>".into(),
            },
            start("3", CodeKind::Other, "<script>"),
            Run::Text("x<y".into()),
            end("3"),
            Run::Protected("KCNA".into()),
        ])
        .unwrap();
        assert_eq!(
            text_html(&t),
            "a <a href=\"https://e.com/?q=1&amp;r=2\">link</a><br/><span>x&lt;y</span><span translate=\"no\">KCNA</span>"
        );
    }

    #[test]
    fn overlapping_pairs_are_nested_properly() {
        // <b>a<i>b</b>c</i>
        let t = Text::from_runs(vec![
            start("b", CodeKind::Strong, "<b>"),
            Run::Text("a".into()),
            start("i", CodeKind::Emphasis, "<i>"),
            Run::Text("b".into()),
            end("b"),
            Run::Text("c".into()),
            end("i"),
        ])
        .unwrap();
        assert_eq!(text_html(&t), "<strong>a<em>b</em></strong><em>c</em>");
    }
}
