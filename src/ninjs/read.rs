//! ninjs in: an IPTC ninjs (2.x/3.x) text item read into an [`Article`].

use serde_json::Value;
use unic_langid::LanguageIdentifier;

use super::{AUTHOR_REL, CREDITS_ROLE, FINGERPRINT_ROLE, TAG_ROLE, TRANSLATED_FROM, URI_PREFIX};
use crate::error::{Error, Location, Position, Result};
use crate::html::read::{self as html, HtmlBlock};
use crate::model::{
    Article, Block, Copyright, Credit, Dateline, EditorNote, Headline, Photo, Text, TranslationOf,
    UpdateTag, UsageRestriction,
};

fn json_error(message: impl Into<String>) -> Error {
    Error::Json {
        location: Location::default(),
        message: message.into(),
    }
}

fn str_field<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key).and_then(Value::as_str)
}

/// The objects of an array field (a ninjs 1.x/2.x single object counts as
/// an array of one).
fn objects<'a>(item: &'a Value, key: &str) -> Vec<&'a Value> {
    match item.get(key) {
        Some(Value::Array(a)) => a.iter().filter(|v| v.is_object()).collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => Vec::new(),
    }
}

/// The value of an object with `role`, or of the first one.
fn by_role<'a>(list: &[&'a Value], roles: &[&str]) -> Option<&'a Value> {
    roles
        .iter()
        .find_map(|r| list.iter().find(|v| str_field(v, "role") == Some(*r)))
        .or_else(|| list.first())
        .copied()
}

/// Reads a ninjs text item (JSON) into an article.
///
/// - `uri` gives the article id (`urn:newsloc:ID` as newsloc writes it
///   gives back `ID`; any other URI is the id as it is), `version` the
///   version (1 when absent), `language` the language (`und` when absent);
/// - the main headline (role `main`, else the first) is the headline; a
///   headline with role `update-tag` is its update tag;
/// - the byline is the `people` with `rel` `author` (as newsloc writes
///   them), else `by` with a leading `By` dropped and the names split at `,`
///   and ` and `;
/// - a `<span class="dateline">` opening the body (as newsloc writes it),
///   or a wire-style dateline opening a plain first paragraph (`GROSSETO,
///   Italy (AP) -- ...`), is read as an English dateline; `located` gives
///   the place when the body does not;
/// - the body is the first HTML body (`text/html`, `application/xhtml+xml`),
///   else a `text/plain` one (one paragraph per line), else (a partial
///   item) the description with role `text`: paragraphs, headings, list
///   items and quotations
///   become paragraphs, inline markup becomes inline codes that keep the
///   original tags, `<figure>`s become photos;
/// - picture associations become photos (their caption, their credit from a
///   `creditline` description, `by` or `copyrightHolder`, their
///   `copyrightNotice` as the photo's copyright, and their `usageTerms` as
///   restrictions, one per line), in the place where the body refers to
///   them (`data-assoc-ref`), else after the body; associations with
///   neither caption nor credit (logos) are left out;
/// - the item's `copyrightNotice` and `usageTerms` are the article's
///   copyright notice and usage terms, verbatim;
/// - `edNote` is the editor's note; an association with `rel`
///   `translatedFrom` makes the article a translation of that item.
///
/// # Errors
///
/// [`Error::Json`] with line and column when the input is not JSON, and
/// with a clear message when it is not an object, when the item is not a
/// text story (`type` picture, video, audio, graphic, event, planning,
/// component, or no type but `eventDetails`) or has no text at all, when `version` is not a positive
/// number, when a photo has no credit (legal text: never published without
/// one), when inline elements nest deeper than [`crate::MAX_CODE_DEPTH`] or a
/// text is larger than [`crate::MAX_TEXT_BYTES`].
///
/// # Examples
///
/// ```
/// let item = r#"{
///   "uri": "urn:example:1", "type": "text", "language": "en", "version": "2",
///   "headlines": [{"role": "main", "value": "Ferries run again"}],
///   "by": "By Kim Eun-jung and Daniel Cho",
///   "bodies": [{"contentType": "text/html",
///               "value": "<p>Service <em>resumed</em>.</p><p>More.</p>"}]
/// }"#;
/// let article = newsloc::ninjs::from_str(item)?;
/// assert_eq!(article.version, 2);
/// assert_eq!(article.byline, ["Kim Eun-jung", "Daniel Cho"]);
/// assert_eq!(article.body.len(), 2);
///
/// let photo = r#"{"uri": "urn:example:2", "type": "picture"}"#;
/// let err = newsloc::ninjs::from_str(photo).unwrap_err();
/// assert!(err.to_string().contains("picture"));
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn from_str(json: &str) -> Result<Article> {
    let item: Value = serde_json::from_str(json).map_err(|e| Error::Json {
        location: Location {
            position: (e.line() > 0).then(|| Position {
                byte: 0,
                line: e.line() as u64,
                column: (e.column() as u64).max(1),
            }),
            ..Location::default()
        },
        message: format!("not JSON: {}", strip_position(&e.to_string())),
    })?;
    from_value(&item)
}

fn strip_position(msg: &str) -> &str {
    msg.rfind(" at line ").map_or(msg, |i| &msg[..i])
}

/// Reads a ninjs text item, already parsed as JSON, into an article.
///
/// # Errors
///
/// As [`from_str`].
///
/// # Examples
///
/// ```
/// let item = serde_json::json!({
///     "uri": "urn:example:3",
///     "bodies": [{"contentType": "text/plain", "value": "One.\nTwo."}]
/// });
/// let article = newsloc::ninjs::from_value(&item)?;
/// assert_eq!(article.body.len(), 2);
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn from_value(item: &Value) -> Result<Article> {
    if !item.is_object() {
        return Err(json_error("a ninjs item is a JSON object"));
    }
    let kind = str_field(item, "type").or_else(|| {
        // an item without a type that describes an event is an event
        item.get("eventDetails").map(|_| "event")
    });
    match kind {
        None | Some("text") | Some("composite") => {}
        Some(other) => {
            return Err(json_error(format!(
                "the ninjs item is of type \"{other}\", not a text story; only items of type \"text\" (or \"composite\" with a text body) can be read"
            )));
        }
    }
    let uri = str_field(item, "uri").unwrap_or_default();
    let id = uri
        .strip_prefix(URI_PREFIX)
        .map(|rest| rest.split(':').next().unwrap_or(rest))
        .map(percent_decode)
        .unwrap_or_else(|| uri.to_string());
    let language = match str_field(item, "language") {
        Some(tag) => tag
            .parse::<LanguageIdentifier>()
            .ok()
            .filter(crate::model::well_formed_tag)
            .ok_or_else(|| json_error(format!("\"language\": {tag:?} is not a language tag")))?,
        None => LanguageIdentifier::default(),
    };
    let mut article = Article::new(id, language);
    article.end_mark = false;
    article.version = match item.get("version") {
        None | Some(Value::Null) => 1,
        Some(Value::String(s)) => {
            s.trim()
                .parse::<u32>()
                .ok()
                .filter(|v| *v > 0)
                .ok_or_else(|| {
                    json_error(format!("\"version\": {s:?} is not a positive whole number"))
                })?
        }
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .filter(|v| *v > 0)
            .ok_or_else(|| {
                json_error(format!("\"version\": {n} is not a positive whole number"))
            })?,
        Some(other) => {
            return Err(json_error(format!("\"version\": {other} is not a version")));
        }
    };

    let headlines = objects(item, "headlines");
    let main: Vec<&Value> = headlines
        .iter()
        .copied()
        .filter(|h| str_field(h, "role") != Some(TAG_ROLE))
        .collect();
    let tag = headlines
        .iter()
        .find(|h| str_field(h, "role") == Some(TAG_ROLE))
        .and_then(|h| str_field(h, "value"))
        .map(UpdateTag::new);
    let headline_text = by_role(&main, &["main"])
        .map(|h| {
            let value = str_field(h, "value").unwrap_or_default();
            if str_field(h, "contentType").is_some_and(|c| c.contains("html")) {
                html_inline(value)
            } else {
                Ok(Text::plain(value.trim()))
            }
        })
        .transpose()?
        .or_else(|| str_field(item, "headline").map(|h| Text::plain(h.trim())));
    if let Some(text) = headline_text {
        article.headline = Some(Headline { tag, text });
    }
    let authors: Vec<String> = objects(item, "people")
        .into_iter()
        .filter(|p| str_field(p, "rel") == Some(AUTHOR_REL))
        .filter_map(|p| str_field(p, "name"))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if !authors.is_empty() {
        // a role the language's bylines write (`김민지 특파원`), as newsloc
        // writes it in `by`
        if let Some(by) = str_field(item, "by") {
            let l = crate::l10n::Locales::embedded().localizer(&article.language);
            article.byline_role = l.byline_roles().into_iter().find(|role| {
                l.byline_with_role(&authors, Some(role))
                    .is_ok_and(|b| b.trim() == by.trim())
            });
        }
        article.byline = authors;
    } else if let Some(by) = str_field(item, "by") {
        article.byline = split_byline(by);
    }
    if let Some(note) = str_field(item, "edNote").filter(|n| !n.trim().is_empty()) {
        article.editor_note = Some(EditorNote::new(note));
    }

    let bodies = objects(item, "bodies");
    let html_body = bodies
        .iter()
        .find(|b| str_field(b, "contentType").is_some_and(|c| c.contains("html")));
    let plain_body = bodies
        .iter()
        .find(|b| str_field(b, "contentType").is_none_or(|c| c.starts_with("text/plain")));
    let html_blocks =
        |h: &str, key: &str| html::blocks(h).map_err(|e| json_error(format!("{key}: {e}")));
    let blocks = match (html_body, plain_body) {
        (Some(b), _) => html_blocks(
            str_field(b, "value").unwrap_or_default(),
            "bodies (text/html)",
        )?,
        (None, Some(b)) => plain_blocks(str_field(b, "value").unwrap_or_default()),
        (None, None) => {
            // ninjs 1.x bodies, else the text description of a partial item
            let description = objects(item, "descriptions")
                .into_iter()
                .find(|d| str_field(d, "role") == Some("text"))
                .and_then(|d| str_field(d, "value"));
            match (str_field(item, "body_html"), str_field(item, "body_text")) {
                (Some(h), _) => html_blocks(h, "body_html")?,
                (None, Some(t)) => plain_blocks(t),
                (None, None) => match description {
                    Some(t) => plain_blocks(t),
                    None => {
                        return Err(json_error(
                            "the ninjs item has no text body (no \"bodies\" entry of type text/html or text/plain)",
                        ));
                    }
                },
            }
        }
    };

    let associations = objects(item, "associations");
    let mut used = vec![false; associations.len()];
    let mut dateline: Option<Dateline> = None;
    let mut first_paragraph = true;
    for (i, block) in blocks.into_iter().enumerate() {
        match block {
            HtmlBlock::Paragraph { element, text } => {
                let same_as_headline = i == 0
                    && element == "h1"
                    && article
                        .headline
                        .as_ref()
                        .is_some_and(|h| h.text.to_plain_string() == text.to_plain_string());
                if same_as_headline {
                    continue;
                }
                first_paragraph = false;
                article.body.push(Block::Paragraph(text));
            }
            HtmlBlock::Dateline(d) if first_paragraph && dateline.is_none() => {
                dateline = Some(parse_dateline(&d));
            }
            HtmlBlock::Dateline(d) => {
                // a second dateline span is text, not a fixed part
                article.body.push(Block::Paragraph(Text::plain(d)));
            }
            HtmlBlock::Figure {
                caption,
                credit,
                assoc_ref,
                uri,
            } => {
                let found = associations.iter().position(|a| {
                    (assoc_ref.is_some() && str_field(a, "name") == assoc_ref.as_deref())
                        || (uri.is_some() && str_field(a, "uri") == uri.as_deref())
                });
                let mut photo = match found {
                    Some(k) => {
                        if let Some(u) = used.get_mut(k) {
                            *u = true;
                        }
                        associations.get(k).map(|a| association_photo(a))
                    }
                    None => None,
                }
                .unwrap_or_else(|| Photo::new(Text::default(), Credit(String::new())));
                if !caption.is_empty() {
                    photo.caption = caption;
                }
                if photo.credit.as_str().is_empty()
                    && let Some(c) = credit
                {
                    photo.credit = Credit(c);
                }
                // a figure with neither caption nor credit has nothing to
                // publish (a logo, a broken reference)
                if photo.caption.is_empty() && photo.credit.as_str().trim().is_empty() {
                    continue;
                }
                article.body.push(Block::Photo(photo));
            }
            HtmlBlock::EndMark => article.end_mark = true,
        }
    }
    for (k, assoc) in associations.iter().enumerate() {
        if used.get(k).copied().unwrap_or(true) {
            continue;
        }
        if str_field(assoc, "rel") == Some(TRANSLATED_FROM) {
            article.translation_of = translation_of(assoc);
            continue;
        }
        if matches!(str_field(assoc, "type"), Some("picture") | Some("graphic")) {
            let photo = association_photo(assoc);
            // a logo or an undescribed picture has nothing to publish
            if !photo.caption.is_empty() || !photo.credit.as_str().is_empty() {
                article.body.push(Block::Photo(photo));
            }
        }
    }
    // newsloc marks its datelines; only other providers' items may carry
    // one as plain text
    if dateline.is_none() && !uri.starts_with(URI_PREFIX) {
        dateline = leading_dateline(&mut article.body);
    }
    let place = str_field(item, "located")
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(place) = place {
        let d = dateline.get_or_insert(Dateline::new(None, None, None));
        // the place printed in the story wins over the metadata
        if d.place.is_none() {
            d.place = Some(Text::plain(place));
        }
    }
    article.dateline = dateline;
    article.copyright = str_field(item, "copyrightNotice")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| Copyright(c.to_string()));
    article.usage_terms = str_field(item, "usageTerms")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| UsageRestriction(c.to_string()));
    if let Some(credits) = objects(item, "descriptions")
        .into_iter()
        .find(|d| str_field(d, "role") == Some(CREDITS_ROLE))
        .and_then(|d| str_field(d, "value"))
    {
        article.credits = credits
            .split(';')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| Credit(c.to_string()))
            .collect();
    }
    // legal text: a photo is never published without its credit
    for (n, photo) in article.photos().enumerate() {
        if photo.credit.as_str().trim().is_empty() {
            let caption = photo.caption.to_plain_string();
            let what = if caption.is_empty() {
                String::new()
            } else {
                let short: String = caption.chars().take(40).collect();
                format!(" ({short:?})")
            };
            return Err(json_error(format!(
                "photo {}{what} has no credit: a picture needs a creditline description, \"by\" or \"copyrightHolder\"",
                n + 1
            )));
        }
    }
    for unit in article.units() {
        crate::model::check_text_len(unit.text).map_err(|e| {
            json_error(format!(
                "{}: {}",
                unit.id,
                e.to_string().trim_start_matches("model: ")
            ))
        })?;
    }
    Ok(article)
}

/// `By A, B and C` (or `Von A, dpa`) → names.
fn split_byline(by: &str) -> Vec<String> {
    let by = by.trim();
    let lower = by.to_lowercase();
    let mut rest = by;
    for prefix in ["by ", "von ", "par ", "por ", "av "] {
        if lower.starts_with(prefix) {
            rest = by.get(prefix.len()..).unwrap_or(by);
            break;
        }
    }
    rest.split(',')
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// A wire-style dateline opening the first paragraph (`GROSSETO, Italy (AP)
/// -- The trial...`), read with the wire-copy reader: when there is one, it
/// is taken out of the paragraph.
fn leading_dateline(body: &mut [Block]) -> Option<Dateline> {
    let Some(Block::Paragraph(first)) = body.first_mut() else {
        return None;
    };
    if first.has_markup() {
        return None;
    }
    let text = first.to_plain_string();
    let (dateline, rest) = crate::wire::parse_dateline(&text).ok().flatten()?;
    if rest.is_empty() {
        return None;
    }
    let rest = Text::plain(rest);
    *first = rest;
    Some(dateline)
}

/// The dateline newsloc writes at the start of the body, read back with the
/// wire-copy reader; text it does not recognise is dropped (it is a fixed
/// part, made again from the item's other fields when rendering).
fn parse_dateline(text: &str) -> Dateline {
    crate::wire::parse_dateline(&format!("{text} x"))
        .ok()
        .flatten()
        .map(|(d, _)| d)
        .unwrap_or(Dateline::new(None, None, None))
}

/// A photo from a picture association.
fn association_photo(assoc: &Value) -> Photo {
    let descriptions = objects(assoc, "descriptions");
    let caption = descriptions
        .iter()
        .find(|d| matches!(str_field(d, "role"), Some("caption") | None))
        .or_else(|| {
            descriptions
                .iter()
                .find(|d| str_field(d, "role") != Some("creditline"))
        })
        .and_then(|d| str_field(d, "value"))
        .or_else(|| {
            objects(assoc, "headlines")
                .first()
                .and_then(|h| str_field(h, "value"))
        })
        .map(|c| Text::plain(c.trim()))
        .unwrap_or_default();
    let credit = descriptions
        .iter()
        .find(|d| str_field(d, "role") == Some("creditline"))
        .and_then(|d| str_field(d, "value"))
        .or_else(|| str_field(assoc, "by"))
        .or_else(|| str_field(assoc, "copyrightHolder"))
        .map(str::trim)
        .unwrap_or_default();
    let copyright = str_field(assoc, "copyrightNotice")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| Copyright(c.to_string()));
    let restrictions = str_field(assoc, "usageTerms")
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| UsageRestriction(l.to_string()))
                .collect()
        })
        .unwrap_or_default();
    Photo {
        caption,
        restrictions,
        copyright,
        credit: Credit(credit.to_string()),
    }
}

fn translation_of(assoc: &Value) -> Option<TranslationOf> {
    let uri = str_field(assoc, "uri")?;
    let id = uri
        .strip_prefix(URI_PREFIX)
        .map(percent_decode)
        .unwrap_or_else(|| uri.to_string());
    let fixed = objects(assoc, "descriptions")
        .into_iter()
        .find(|d| str_field(d, "role") == Some(FINGERPRINT_ROLE))
        .and_then(|d| str_field(d, "value"))
        .map(|v| {
            v.split(';')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect()
        })
        .unwrap_or_default();
    Some(TranslationOf {
        fixed,
        id,
        version: str_field(assoc, "version")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1),
        language: str_field(assoc, "language")
            .and_then(|l| l.parse().ok())
            .unwrap_or_default(),
    })
}

/// A headline or other short HTML value as one text.
fn html_inline(value: &str) -> Result<Text> {
    Ok(html::blocks(value)
        .map_err(|e| json_error(format!("headlines: {e}")))?
        .into_iter()
        .find_map(|b| match b {
            HtmlBlock::Paragraph { text, .. } => Some(text),
            _ => None,
        })
        .unwrap_or_default())
}

/// A plain-text body: one paragraph per non-empty line.
fn plain_blocks(text: &str) -> Vec<HtmlBlock> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| HtmlBlock::Paragraph {
            element: "p".into(),
            text: Text::plain(l),
        })
        .collect()
}

/// Undoes the percent-encoding of an id in a newsloc URI.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(split_byline("By A, B and C"), ["A", "B", "C"]);
        assert_eq!(
            split_byline("Von Christian Hollmann, dpa"),
            ["Christian Hollmann", "dpa"]
        );
        assert_eq!(split_byline("  "), Vec::<String>::new());
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%2F%C3%A7"), "a b/ç");
        assert_eq!(percent_decode("bad%2"), "bad%2");
        assert_eq!(percent_decode("%FF"), "%FF");
    }

    #[test]
    fn non_text_items_are_refused() {
        for kind in ["picture", "video", "audio", "graphic", "event", "planning"] {
            let err = from_str(&format!(r#"{{"uri":"u","type":"{kind}"}}"#)).unwrap_err();
            let msg = err.to_string();
            assert!(
                msg.contains(kind) && msg.contains("not a text story"),
                "{msg}"
            );
        }
        let err = from_str(r#"{"uri":"u","type":"text"}"#).unwrap_err();
        assert!(err.to_string().contains("no text body"), "{err}");
        let err = from_str("[1]").unwrap_err();
        assert!(err.to_string().contains("object"), "{err}");
        let err = from_str("{\n  \"uri\": }").unwrap_err();
        let loc = err.location().and_then(|l| l.position).unwrap();
        assert_eq!(loc.line, 2);
    }

    #[test]
    fn bad_versions_are_errors() {
        for v in [r#""0""#, r#""two""#, "-1", "1.5", "true"] {
            let json = format!(r#"{{"uri":"u","version":{v},"bodies":[{{"value":"x"}}]}}"#);
            assert!(from_str(&json).is_err(), "{v}");
        }
    }
}
