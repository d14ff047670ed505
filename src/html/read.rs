//! A small, tolerant HTML reader for ninjs bodies: block structure and
//! inline codes, never a panic, never a dropped piece of text.

use crate::model::{CodeKind, MAX_CODE_DEPTH, Run, Text};

/// Decodes character references (`&amp;`, `&#233;`, `&#xE9;` and the named
/// ones news bodies use); unknown or malformed references are kept as
/// written.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let name = &after[..end];
            decode_one(name).map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push_str(&c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        let c = char::from_u32(code).filter(|c| *c != '\0')?;
        return Some(c.to_string());
    }
    let c = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "thinsp" => "\u{2009}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "shy" => "\u{ad}",
        "zwj" => "\u{200d}",
        "zwnj" => "\u{200c}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "auml" => "ä",
        "ouml" => "ö",
        "uuml" => "ü",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "szlig" => "ß",
        "aring" => "å",
        "Aring" => "Å",
        "aelig" => "æ",
        "AElig" => "Æ",
        "oslash" => "ø",
        "Oslash" => "Ø",
        "eacute" => "é",
        "Eacute" => "É",
        "egrave" => "è",
        "Egrave" => "È",
        "ecirc" => "ê",
        "euml" => "ë",
        "aacute" => "á",
        "agrave" => "à",
        "acirc" => "â",
        "atilde" => "ã",
        "iacute" => "í",
        "igrave" => "ì",
        "icirc" => "î",
        "iuml" => "ï",
        "oacute" => "ó",
        "ograve" => "ò",
        "ocirc" => "ô",
        "otilde" => "õ",
        "uacute" => "ú",
        "ugrave" => "ù",
        "ucirc" => "û",
        "ccedil" => "ç",
        "Ccedil" => "Ç",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "iexcl" => "¡",
        "iquest" => "¿",
        _ => return None,
    };
    Some(c.to_string())
}

/// One piece of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token<'a> {
    /// A start tag: lower-cased name, the whole tag as written.
    Start {
        name: String,
        raw: &'a str,
        self_closing: bool,
    },
    /// An end tag.
    End { name: String, raw: &'a str },
    /// Character data, entities decoded.
    Text(String),
}

/// Elements whose content is not text for readers.
const SKIPPED: &[&str] = &["head", "title", "script", "style", "template", "noscript"];

/// Elements that never have content.
const VOID: &[&str] = &[
    "br", "img", "hr", "wbr", "meta", "link", "input", "source", "track", "area", "base", "col",
    "embed", "param",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "html",
    "body",
    "article",
    "section",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "div",
    "p",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "hr",
    "address",
];

/// Splits HTML into tokens. Never fails: a `<` that does not open a tag is
/// text, an unterminated tag or comment ends the input.
fn tokenize(html: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = html;
    let mut text = String::new();
    let flush = |text: &mut String, tokens: &mut Vec<Token<'_>>| {
        if !text.is_empty() {
            tokens.push(Token::Text(decode_entities(text)));
            text.clear();
        }
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text.push_str(rest);
            break;
        };
        text.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        if let Some(comment) = tag.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        if tag.starts_with("<!") || tag.starts_with("<?") {
            rest = tag.find('>').map_or("", |e| &tag[e + 1..]);
            continue;
        }
        let (is_end, name_from) = match tag.strip_prefix("</") {
            Some(r) => (true, r),
            None => (false, &tag[1..]),
        };
        if !name_from.starts_with(|c: char| c.is_ascii_alphabetic()) {
            text.push('<');
            rest = &tag[1..];
            continue;
        }
        let Some(close) = tag_end(tag) else {
            // unterminated tag: the rest is not text anyone wrote
            rest = "";
            continue;
        };
        let raw = &tag[..=close];
        let name: String = name_from
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &tag[close + 1..];
        flush(&mut text, &mut tokens);
        if is_end {
            tokens.push(Token::End { name, raw });
            continue;
        }
        let self_closing = raw.ends_with("/>");
        if matches!(name.as_str(), "script" | "style") && !self_closing {
            // raw text: skip to the matching end tag
            let lower = rest.to_ascii_lowercase();
            let end_tag = format!("</{name}");
            rest = match lower.find(&end_tag) {
                Some(i) => {
                    let after = &rest[i..];
                    after.find('>').map_or("", |e| &after[e + 1..])
                }
                None => "",
            };
            continue;
        }
        tokens.push(Token::Start {
            name,
            raw,
            self_closing,
        });
    }
    flush(&mut text, &mut tokens);
    tokens
}

/// The index of the `>` closing the tag that starts `tag`, skipping quoted
/// attribute values.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a start tag, entities decoded.
pub(crate) fn attribute(raw: &str, name: &str) -> Option<String> {
    // walk the attributes properly so that `data-href` never matches `href`
    let inner = raw.strip_prefix('<')?;
    let inner = inner.strip_suffix('>').unwrap_or(inner);
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let mut rest = inner.trim_start_matches(|c: char| !c.is_whitespace());
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let key_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let key = &rest[..key_end];
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                rest = body.get(end + 1..).unwrap_or("");
                &body[..end]
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                rest = &after[end..];
                &after[..end]
            }
        } else {
            ""
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(decode_entities(value));
        }
        if key.is_empty() {
            // a stray `=`: skip one character to make progress
            let mut chars = rest.chars();
            chars.next();
            rest = chars.as_str();
        }
    }
}

fn has_class(raw: &str, class: &str) -> bool {
    attribute(raw, "class").is_some_and(|c| c.split_whitespace().any(|w| w == class))
}

/// A block read from an HTML body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HtmlBlock {
    /// A paragraph (or heading, list item, quotation...): its element name
    /// and text.
    Paragraph { element: String, text: Text },
    /// The text of a `<span class="dateline">` opening a paragraph (the
    /// next block).
    Dateline(String),
    /// A `<figure>`: caption, the credit line written in it (a
    /// `class="byline"` or `class="credit"` element), and the association
    /// it refers to (`data-assoc-ref`) or its image's URI.
    Figure {
        caption: Text,
        credit: Option<String>,
        assoc_ref: Option<String>,
        uri: Option<String>,
    },
    /// A `<p class="end-mark">`.
    EndMark,
}

fn code_kind(name: &str) -> CodeKind {
    match name {
        "em" | "i" => CodeKind::Emphasis,
        "strong" | "b" => CodeKind::Strong,
        "a" => CodeKind::Link,
        "sup" | "sub" => CodeKind::Script,
        "br" => CodeKind::LineBreak,
        _ => CodeKind::Other,
    }
}

/// Where the text being collected goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sink {
    Paragraph,
    Caption,
    Credit,
    Dateline,
}

/// Collects the runs of one block.
#[derive(Debug, Default)]
struct Collector {
    runs: Vec<Run>,
    /// Open inline codes: (id, element name).
    open: Vec<(String, String)>,
    next_id: u32,
}

impl Collector {
    fn id(&mut self) -> String {
        self.next_id += 1;
        self.next_id.to_string()
    }

    fn text(&mut self, s: &str) {
        // HTML whitespace collapses to one space
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                space = true;
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
        if space {
            out.push(' ');
        }
        if let Some(Run::Text(prev)) = self.runs.last_mut() {
            if prev.ends_with(' ') && out.starts_with(' ') {
                out.remove(0);
            }
            prev.push_str(&out);
        } else if !out.is_empty() {
            self.runs.push(Run::Text(out));
        }
    }

    fn start(&mut self, name: &str, raw: &str) {
        let id = self.id();
        self.runs.push(Run::Start {
            id: id.clone(),
            kind: code_kind(name),
            markup: raw.to_string(),
        });
        self.open.push((id, name.to_string()));
    }

    fn end(&mut self, name: &str, raw: &str) {
        if let Some(at) = self.open.iter().rposition(|(_, n)| n == name) {
            let (id, _) = self.open.remove(at);
            self.runs.push(Run::End {
                id,
                markup: raw.to_string(),
            });
        }
    }

    fn standalone(&mut self, name: &str, raw: &str) {
        let id = self.id();
        self.runs.push(Run::Code {
            id,
            kind: code_kind(name),
            markup: raw.to_string(),
        });
    }

    fn has_text(&self) -> bool {
        self.runs
            .iter()
            .any(|r| matches!(r, Run::Text(t) if !t.trim().is_empty()))
    }

    /// The collected text, trimmed, with codes still open closed; empty
    /// when there is no text at all.
    fn take(&mut self) -> Option<Text> {
        let mut runs = std::mem::take(&mut self.runs);
        for (id, name) in std::mem::take(&mut self.open).into_iter().rev() {
            runs.push(Run::End {
                id,
                markup: format!("</{name}>"),
            });
        }
        self.next_id = 0;
        let has_text = runs
            .iter()
            .any(|r| matches!(r, Run::Text(t) if !t.trim().is_empty()));
        if !has_text {
            return None;
        }
        if let Some(Run::Text(t)) = runs.first_mut() {
            *t = t.trim_start().to_string();
        }
        if let Some(Run::Text(t)) = runs.last_mut() {
            *t = t.trim_end().to_string();
        }
        // the runs are well formed by construction; should that ever fail,
        // keep the words rather than lose the paragraph
        let plain: String = runs
            .iter()
            .filter_map(|r| match r {
                Run::Text(t) | Run::Protected(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        Some(Text::from_runs(runs).unwrap_or_else(|_| Text::plain(plain)))
    }
}

/// Reads the blocks of an HTML body; an error (with the byte offset in
/// `html`) when inline elements nest deeper than [`MAX_CODE_DEPTH`].
pub(crate) fn blocks(html: &str) -> Result<Vec<HtmlBlock>, String> {
    let mut out = Vec::new();
    let mut para = Collector::default();
    let mut para_element = String::from("p");
    let mut caption = Collector::default();
    let mut credit = String::new();
    let mut dateline = String::new();
    // (element name, sink it switched to) for elements that change the sink
    let mut sinks: Vec<(String, Sink)> = Vec::new();
    let mut skip_depth: Vec<String> = Vec::new();
    let mut figure: Option<(Option<String>, Option<String>)> = None;

    let sink = |sinks: &Vec<(String, Sink)>| sinks.last().map_or(Sink::Paragraph, |s| s.1);

    for token in tokenize(html) {
        if let Some(skipped) = skip_depth.last() {
            match &token {
                Token::End { name, .. } if name == skipped => {
                    skip_depth.pop();
                }
                Token::Start {
                    name, self_closing, ..
                } if name == skipped && !self_closing => skip_depth.push(name.clone()),
                _ => {}
            }
            continue;
        }
        match token {
            Token::Text(t) => match sink(&sinks) {
                Sink::Paragraph => para.text(&t),
                Sink::Caption => caption.text(&t),
                Sink::Credit => credit.push_str(&t),
                Sink::Dateline => dateline.push_str(&t),
            },
            Token::Start {
                name,
                raw,
                self_closing,
            } => {
                if SKIPPED.contains(&name.as_str()) {
                    if !self_closing {
                        skip_depth.push(name);
                    }
                    continue;
                }
                let current = sink(&sinks);
                if name == "figure" {
                    flush(&mut para, &para_element, &mut out);
                    figure = Some((attribute(raw, "data-assoc-ref"), attribute(raw, "data-uri")));
                    continue;
                }
                if name == "img" && figure.is_some() {
                    if let Some((assoc, uri)) = figure.as_mut() {
                        if assoc.is_none() {
                            *assoc = attribute(raw, "data-assoc-ref");
                        }
                        if uri.is_none() {
                            *uri = attribute(raw, "data-uri").or_else(|| attribute(raw, "src"));
                        }
                    }
                    continue;
                }
                if name == "figcaption" {
                    sinks.push((name, Sink::Caption));
                    continue;
                }
                if figure.is_some()
                    && current != Sink::Caption
                    && (has_class(raw, "byline") || has_class(raw, "credit"))
                    && !self_closing
                {
                    sinks.push((name, Sink::Credit));
                    continue;
                }
                if name == "span"
                    && has_class(raw, "dateline")
                    && current == Sink::Paragraph
                    && !para.has_text()
                    && !self_closing
                {
                    sinks.push((name, Sink::Dateline));
                    continue;
                }
                if name == "p" && has_class(raw, "end-mark") {
                    flush(&mut para, &para_element, &mut out);
                    out.push(HtmlBlock::EndMark);
                    skip_depth.push(name);
                    continue;
                }
                if BLOCKS.contains(&name.as_str()) {
                    if current == Sink::Paragraph {
                        flush(&mut para, &para_element, &mut out);
                        para_element = name;
                    }
                    continue;
                }
                let target = match current {
                    Sink::Caption => &mut caption,
                    Sink::Paragraph => &mut para,
                    // markup inside a credit or a dateline is not kept
                    Sink::Credit | Sink::Dateline => continue,
                };
                if VOID.contains(&name.as_str()) || self_closing {
                    target.standalone(&name, raw);
                } else {
                    if target.open.len() >= MAX_CODE_DEPTH {
                        let offset = (raw.as_ptr() as usize).saturating_sub(html.as_ptr() as usize);
                        return Err(format!(
                            "inline elements nested deeper than {MAX_CODE_DEPTH} (<{name}> at byte {offset} of the HTML)"
                        ));
                    }
                    target.start(&name, raw);
                }
            }
            Token::End { name, raw } => {
                if sinks.last().is_some_and(|(n, _)| *n == name) {
                    if let Some((_, finished)) = sinks.pop()
                        && finished == Sink::Dateline
                    {
                        let d = std::mem::take(&mut dateline);
                        out.push(HtmlBlock::Dateline(d.trim().to_string()));
                    }
                    continue;
                }
                if name == "figure" {
                    if let Some((assoc_ref, uri)) = figure.take() {
                        // text directly in the figure, outside the caption
                        let stray = para.take();
                        let caption = caption.take().unwrap_or_default();
                        let credit = std::mem::take(&mut credit);
                        let credit = credit.split_whitespace().collect::<Vec<_>>().join(" ");
                        out.push(HtmlBlock::Figure {
                            caption,
                            credit: (!credit.is_empty()).then_some(credit),
                            assoc_ref,
                            uri,
                        });
                        if let Some(text) = stray {
                            out.push(HtmlBlock::Paragraph {
                                element: "figure".into(),
                                text,
                            });
                        }
                    }
                    sinks.clear();
                    continue;
                }
                if BLOCKS.contains(&name.as_str()) {
                    if sink(&sinks) == Sink::Paragraph {
                        flush(&mut para, &para_element, &mut out);
                    }
                    continue;
                }
                match sink(&sinks) {
                    Sink::Caption => caption.end(&name, &raw_or(raw, &name)),
                    Sink::Paragraph => para.end(&name, &raw_or(raw, &name)),
                    _ => {}
                }
            }
        }
    }
    flush(&mut para, &para_element, &mut out);
    if figure.is_some() {
        let caption = caption.take().unwrap_or_default();
        out.push(HtmlBlock::Figure {
            caption,
            credit: None,
            assoc_ref: None,
            uri: None,
        });
    }
    Ok(out)
}

fn raw_or(raw: &str, name: &str) -> String {
    if raw.is_empty() {
        format!("</{name}>")
    } else {
        raw.to_string()
    }
}

fn flush(para: &mut Collector, element: &str, out: &mut Vec<HtmlBlock>) {
    if let Some(text) = para.take() {
        out.push(HtmlBlock::Paragraph {
            element: element.to_string(),
            text,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<HtmlBlock> {
        super::blocks(html).unwrap()
    }

    #[test]
    fn nesting_is_capped() {
        let ok = format!("<p>{}x</p>", "<b>".repeat(MAX_CODE_DEPTH));
        assert!(super::blocks(&ok).is_ok());
        let deep = format!("<p>{}x</p>", "<b>".repeat(MAX_CODE_DEPTH + 1));
        let e = super::blocks(&deep).unwrap_err();
        assert_eq!(
            e,
            format!(
                "inline elements nested deeper than 60 (<b> at byte {} of the HTML)",
                3 + 60 * 3
            )
        );
    }

    fn para(b: &HtmlBlock) -> String {
        match b {
            HtmlBlock::Paragraph { text, .. } => text.to_markup_string(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("a &amp; b &lt;c&gt;"), "a & b <c>");
        assert_eq!(decode_entities("&#233;&#xE9;&eacute;"), "ééé");
        assert_eq!(
            decode_entities("AT&T &unknown; &#xZZ; &"),
            "AT&T &unknown; &#xZZ; &"
        );
        assert_eq!(decode_entities("&#0;&#x110000;"), "&#0;&#x110000;");
        assert_eq!(decode_entities("&amp"), "&amp");
    }

    #[test]
    fn paragraphs_and_inline_codes() {
        let b = blocks(
            "<section><p>One <em>two</em>\n  three<br/>four</p>loose <b>text</b><p>Last &amp; <a href=\"x\">link</a></p></section>",
        );
        assert_eq!(b.len(), 3);
        assert_eq!(para(&b[0]), "One <em>two</em> three<br/>four");
        assert_eq!(para(&b[1]), "loose <b>text</b>");
        assert_eq!(para(&b[2]), "Last & <a href=\"x\">link</a>");
        let HtmlBlock::Paragraph { text, .. } = &b[0] else {
            unreachable!()
        };
        assert!(matches!(
            text.runs()[1],
            Run::Start {
                kind: CodeKind::Emphasis,
                ..
            }
        ));
    }

    #[test]
    fn head_script_and_comments_are_skipped() {
        let b = blocks(
            "<html><head><title>T</title><style>p{}</style></head><body><!-- c --><script>if (a<b) {}</script><p>Body</p></body></html>",
        );
        assert_eq!(b.len(), 1);
        assert_eq!(para(&b[0]), "Body");
    }

    #[test]
    fn figures_keep_caption_credit_and_reference() {
        let b = blocks(
            "<p>Before</p><figure><img src=\"s.jpg\" data-assoc-ref=\"a001\"/><div class=\"byline\">Karl  Melander/TT</div><figcaption>A <i>ship</i>.</figcaption></figure><p>After</p>",
        );
        assert_eq!(b.len(), 3);
        let HtmlBlock::Figure {
            caption,
            credit,
            assoc_ref,
            uri,
        } = &b[1]
        else {
            panic!("{:?}", b[1]);
        };
        assert_eq!(caption.to_markup_string(), "A <i>ship</i>.");
        assert_eq!(credit.as_deref(), Some("Karl Melander/TT"));
        assert_eq!(assoc_ref.as_deref(), Some("a001"));
        assert_eq!(uri.as_deref(), Some("s.jpg"));
    }

    #[test]
    fn dateline_span_and_end_mark() {
        let b = blocks(
            "<p><span class=\"dateline\">SEOUL, Sept. 12 (Yonhap) -- </span>Text.</p>\n<p class=\"end-mark\">(END)</p>",
        );
        assert_eq!(
            b,
            [
                HtmlBlock::Dateline("SEOUL, Sept. 12 (Yonhap) --".into()),
                HtmlBlock::Paragraph {
                    element: "p".into(),
                    text: Text::plain("Text.")
                },
                HtmlBlock::EndMark
            ]
        );
    }

    #[test]
    fn broken_html_never_panics_and_keeps_text() {
        for html in [
            "<p>unclosed <b>bold",
            "<p>a < b and c > d</p>",
            "</b></i>stray ends",
            "<p attr=\"never closed>text",
            "<!-- unterminated comment",
            "<figure><figcaption>cap",
            "<",
            "<p>\u{1F600}&#x1F600;</p>",
            "<script>never ends",
        ] {
            let _ = blocks(html);
        }
        assert_eq!(
            para(&blocks("<p>unclosed <b>bold")[0]),
            "unclosed <b>bold</b>"
        );
        assert_eq!(
            para(&blocks("<p>a < b and c > d</p>")[0]),
            "a < b and c > d"
        );
        assert_eq!(para(&blocks("</b></i>stray ends")[0]), "stray ends");
    }

    proptest::proptest! {
        #[test]
        fn any_input_reads_without_panic(s in "\\PC*") {
            let _ = blocks(&s);
            let _ = decode_entities(&s);
            let _ = attribute(&s, "href");
        }

        #[test]
        fn html_like_input_reads_without_panic(
            s in "([<>/=\"' &#;a-z0-9xp]|<p>|</p>|<b>|</b>|<figure>|</figure>|<figcaption>|<!--|-->|<span class=\"dateline\">|&amp;|\u{1F600}){0,40}"
        ) {
            let _ = blocks(&s);
        }
    }

    #[test]
    fn attributes() {
        let raw = r#"<img data-src="no" src='s.jpg' alt="a &amp; b" hidden data-x=1>"#;
        assert_eq!(attribute(raw, "src").as_deref(), Some("s.jpg"));
        assert_eq!(attribute(raw, "alt").as_deref(), Some("a & b"));
        assert_eq!(attribute(raw, "data-x").as_deref(), Some("1"));
        assert_eq!(attribute(raw, "hidden").as_deref(), Some(""));
        assert_eq!(attribute(raw, "title"), None);
    }
}
