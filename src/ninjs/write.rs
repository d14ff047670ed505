//! IPTC ninjs 3.1 out.

use serde::Serialize;

use super::{AUTHOR_REL, CREDITS_ROLE, FINGERPRINT_ROLE, TAG_ROLE, TRANSLATED_FROM, URI_PREFIX};
use crate::error::Result;
use crate::html::write::{body_html, escape};
use crate::l10n::Localizer;
use crate::l10n::fixed::{Fixed, line};
use crate::model::{Article, Block};

/// Percent-encodes what is not allowed in a URN's specific part.
fn urn_part(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.is_empty() {
        out.push('-');
    }
    out
}

/// The URI of an article: `urn:newsloc:ID` for an original,
/// `urn:newsloc:ID:LANG` for a translation.
pub(crate) fn article_uri(id: &str, translation_lang: Option<&str>) -> String {
    match translation_lang {
        Some(lang) => format!("{URI_PREFIX}{}:{}", urn_part(id), urn_part(lang)),
        None => format!("{URI_PREFIX}{}", urn_part(id)),
    }
}

/// One headline or description.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_type: Option<&'a str>,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    role: &'static str,
    content_type: &'static str,
    char_count: usize,
    value: String,
}

#[derive(Serialize)]
struct Person<'a> {
    name: &'a str,
    rel: &'static str,
}

#[derive(Serialize)]
struct Standard {
    name: &'static str,
    version: &'static str,
    schema: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Association<'a> {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rel: Option<&'static str>,
    uri: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    language: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    descriptions: Vec<Entry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyright_notice: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    usage_terms: Option<String>,
}

/// A ninjs item, in the order its properties are written.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    uri: String,
    standard: Standard,
    #[serde(rename = "type")]
    kind: &'static str,
    representation_type: &'static str,
    version: String,
    language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    ed_note: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    headlines: Vec<Entry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    people: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    located: Option<String>,
    bodies: Vec<Body>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    descriptions: Vec<Entry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyright_notice: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    usage_terms: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    associations: Vec<Association<'a>>,
}

fn item<'a>(article: &'a Article, l: &Localizer) -> Result<Item<'a>> {
    let fixed = Fixed::new(article, l)?;
    let lang = article.language.to_string();
    let translation_lang = article.translation_of.as_ref().map(|_| lang.as_str());
    let uri = article_uri(&article.id, translation_lang);
    let mut headlines = Vec::new();
    if let Some(h) = &article.headline {
        headlines.push(Entry {
            role: Some("main"),
            content_type: Some("text/plain"),
            value: line(&h.text),
        });
        if let Some(tag) = &fixed.tag {
            headlines.push(Entry {
                role: Some(TAG_ROLE),
                content_type: None,
                value: tag.clone(),
            });
        }
    }
    let mut html = body_html(article, l, &fixed, true)?;
    if let Some(end) = &fixed.end_mark {
        html.push_str(&format!("<p class=\"end-mark\">{}</p>\n", escape(end)));
    }
    let mut associations = Vec::new();
    let mut n = 0;
    for block in &article.body {
        let Block::Photo(p) = block else { continue };
        n += 1;
        let name = format!("photo{n}");
        let terms: Vec<&str> = p.restrictions.iter().map(|r| r.as_str()).collect();
        associations.push(Association {
            uri: format!("{uri}:{name}"),
            name,
            rel: None,
            kind: Some("picture"),
            version: None,
            language: lang.clone(),
            descriptions: vec![
                Entry {
                    role: Some("caption"),
                    content_type: Some("text/plain"),
                    value: line(&p.caption),
                },
                Entry {
                    role: Some("creditline"),
                    content_type: None,
                    value: p.credit.as_str().to_string(),
                },
            ],
            copyright_notice: p.copyright.as_ref().map(|c| c.as_str()),
            usage_terms: (!terms.is_empty()).then(|| terms.join("\n")),
        });
    }
    if let Some(src) = &article.translation_of {
        associations.push(Association {
            name: "source".into(),
            rel: Some(TRANSLATED_FROM),
            uri: article_uri(&src.id, None),
            kind: Some("text"),
            version: Some(src.version.to_string()),
            language: src.language.to_string(),
            descriptions: if src.fixed.is_empty() {
                Vec::new()
            } else {
                vec![Entry {
                    role: Some(FINGERPRINT_ROLE),
                    content_type: Some("text/plain"),
                    value: src
                        .fixed
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(";"),
                }]
            },
            copyright_notice: None,
            usage_terms: None,
        });
    }
    Ok(Item {
        standard: Standard {
            name: "ninjs",
            version: "3.1",
            schema: "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
        },
        kind: "text",
        representation_type: "full",
        version: article.version.to_string(),
        ed_note: article.editor_note.as_ref().map(|n| n.text()),
        headlines,
        by: fixed.byline.clone(),
        people: article
            .byline
            .iter()
            .map(|name| Person {
                name,
                rel: AUTHOR_REL,
            })
            .collect(),
        located: article
            .dateline
            .as_ref()
            .and_then(|d| d.place.as_ref())
            .map(line),
        bodies: vec![Body {
            role: "main",
            content_type: "text/html",
            char_count: html_char_count(article),
            value: html,
        }],
        descriptions: if article.credits.is_empty() {
            Vec::new()
        } else {
            vec![Entry {
                role: Some(CREDITS_ROLE),
                content_type: Some("text/plain"),
                value: article
                    .credits
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            }]
        },
        copyright_notice: article.copyright.as_ref().map(|c| c.as_str()),
        usage_terms: article.usage_terms.as_ref().map(|u| u.as_str()),
        associations,
        uri,
        language: lang,
    })
}

/// Characters of body text (paragraphs only, as ninjs counts them:
/// captions excluded).
fn html_char_count(article: &Article) -> usize {
    article
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph(t) => t.to_plain_string().chars().count(),
            _ => 0,
        })
        .sum()
}

/// Writes an article as an IPTC ninjs 3.1 text item (pretty JSON).
///
/// - `uri` `urn:newsloc:ID` (`urn:newsloc:ID:LANG` for a translation),
///   `version`, `language`, `edNote`;
/// - `headlines`: the main headline, and the update tag in the locale's
///   style as a second headline with role `update-tag`;
/// - `by` (the byline in the locale's style), `people` (each name of the
///   byline with `rel` `author`), `located` (the dateline's place);
/// - `bodies`: the body as HTML (role `main`; the dateline opens the first
///   paragraph; each photo is a `<figure data-assoc-ref="photoN">` with its
///   caption; the end mark closes it as `<p class="end-mark">`);
/// - `associations`: each photo as a `picture` with `caption` and
///   `creditline` descriptions and `usageTerms` (the restrictions, one per
///   line, verbatim) and the photo's `copyrightNotice`; the story's
///   `copyrightNotice` and `usageTerms`, and its makers' credits as a
///   description with role `credits`; for a translation, the source item with
///   `rel` `translatedFrom`, its version and language.
///
/// The output validates against the ninjs 3.1 JSON schema (checked in the
/// tests).
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
/// let mut article = Article::new("ferry", "en".parse().unwrap());
/// article.body.push(Block::Paragraph(Text::plain("Ferries run again.")));
/// let en = Locales::embedded().localizer(&"en".parse().unwrap());
/// let json: serde_json::Value = serde_json::from_str(&render::to_ninjs(&article, &en)?).unwrap();
/// assert_eq!(json["uri"], "urn:newsloc:ferry");
/// assert_eq!(
///     json["bodies"][0]["value"],
///     "<p>Ferries run again.</p>\n<p class=\"end-mark\">(END)</p>\n"
/// );
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn to_ninjs(article: &Article, l: &Localizer) -> Result<String> {
    let item = item(article, l)?;
    let mut s = serde_json::to_string_pretty(&item).unwrap_or_default();
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(article_uri("ferry-2026", None), "urn:newsloc:ferry-2026");
        assert_eq!(
            article_uri("a b/ç", Some("ko")),
            "urn:newsloc:a%20b%2F%C3%A7:ko"
        );
        assert_eq!(article_uri("", None), "urn:newsloc:-");
    }
}
