//! The wire-copy reader (`shared/spec/wire-copy.md`): plain-text stories in,
//! [`Article`]s out, with errors that name the line.

use std::path::Path;

use unic_langid::LanguageIdentifier;

use crate::error::{Error, Location, Position, Result};
use crate::model::{
    Article, Block, Credit, Date, Dateline, EditorNote, Headline, MonthDay, Photo, Text, UpdateTag,
    UsageRestriction,
};

/// Reads wire copy into articles.
///
/// Wire copy carries no story id: the id comes from [`WireReader::id`], or
/// from the file name without its extension ([`WireReader::read_path`]); the
/// version from [`WireReader::version`], else from the headline's update tag
/// (`(LEAD)` is version 2, `(2nd LD)` version 3), else 1. The language is
/// English unless set.
///
/// # Examples
///
/// ```
/// use newsloc::WireReader;
///
/// let story = "date 2026-03-04 (ATTN: ADDS quotes)\n\n(LEAD) Ferries run again\n\nBy Park Ha-eun\n\n\
///              BUSAN, March 4 (Yonhap) -- Ferry service resumed.\n\n(END)\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// assert_eq!(article.version, 2);
/// assert_eq!(article.byline, ["Park Ha-eun"]);
/// let dateline = article.dateline.as_ref().unwrap();
/// assert_eq!(dateline.place.as_ref().unwrap().to_plain_string(), "BUSAN");
/// assert_eq!(article.units()[2].text.to_plain_string(), "Ferry service resumed.");
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct WireReader {
    id: Option<String>,
    version: Option<u32>,
    language: LanguageIdentifier,
}

impl Default for WireReader {
    fn default() -> Self {
        WireReader::new()
    }
}

impl WireReader {
    /// A reader with no id or version set, reading English copy.
    pub fn new() -> WireReader {
        WireReader {
            id: None,
            version: None,
            language: "en".parse().unwrap_or_default(),
        }
    }

    /// Sets the story id.
    pub fn id(&mut self, id: impl Into<String>) -> &mut WireReader {
        self.id = Some(id.into());
        self
    }

    /// Sets the story version (otherwise derived from the update tag).
    pub fn version(&mut self, version: u32) -> &mut WireReader {
        self.version = Some(version);
        self
    }

    /// Sets the language the copy is written in.
    pub fn language(&mut self, language: LanguageIdentifier) -> &mut WireReader {
        self.language = language;
        self
    }

    /// Reads a story from a file. Without an id set, the id is the file name
    /// without its extension.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read, [`Error::Wire`] naming the
    /// file and line when the story cannot be read.
    pub fn read_path(&self, path: impl AsRef<Path>) -> Result<Article> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut reader = self.clone();
        if reader.id.is_none() {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            reader.id = Some(stem);
        }
        reader.read_bytes(&bytes).map_err(|e| e.with_file(path))
    }

    /// Reads a story from bytes, which must be UTF-8 (a byte order mark is
    /// allowed).
    ///
    /// # Errors
    ///
    /// [`Error::Wire`] with the line and column of the first problem.
    pub fn read_bytes(&self, bytes: &[u8]) -> Result<Article> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(wire_err(
                Position {
                    byte: 0,
                    line: 1,
                    column: 1,
                },
                "the story is UTF-16 encoded; wire copy must be UTF-8".into(),
            ));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => self.read_str(text),
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                // the prefix is valid UTF-8 by construction
                let prefix = std::str::from_utf8(good).unwrap_or_default();
                Err(wire_err(
                    Position::from_offset(prefix, prefix.len()),
                    "not a text story: the bytes here are not valid UTF-8".into(),
                ))
            }
        }
    }

    /// Reads a story from a string.
    ///
    /// # Errors
    ///
    /// [`Error::Wire`] with the line and column of the first problem: an
    /// empty story, binary data, XML or JSON instead of wire copy, a
    /// malformed header, a photo block with no credit, a story with no body,
    /// text after the end mark, a story cut off mid-sentence without its end
    /// mark.
    pub fn read_str(&self, text: &str) -> Result<Article> {
        Parser::new(text).parse(self)
    }
}

fn wire_err(position: Position, message: String) -> Error {
    Error::Wire {
        location: Location {
            file: None,
            position: Some(position),
            unit: None,
        },
        message,
    }
}

/// One line of the story, trimmed at the end, with where it starts.
struct Line<'a> {
    text: &'a str,
    /// Byte offset of `text` in the input.
    start: usize,
    /// 1-based line number.
    number: u64,
}

/// A run of non-blank lines.
struct Chunk<'a> {
    lines: Vec<Line<'a>>,
    blank_before: usize,
}

impl Chunk<'_> {
    fn text(&self) -> String {
        let mut s = String::new();
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&l.text.trim().replace('\t', " "));
        }
        s
    }
}

struct Parser<'a> {
    input: &'a str,
    lines: Vec<Line<'a>>,
}

impl<'a> Parser<'a> {
    fn new(input: &'a str) -> Parser<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, raw) in input.split('\n').enumerate() {
            let mut body_start = start;
            let mut t = raw;
            if i == 0
                && let Some(rest) = t.strip_prefix('\u{feff}')
            {
                t = rest;
                body_start += '\u{feff}'.len_utf8();
            }
            let t = t.trim_end_matches(['\r', ' ', '\t', '\u{a0}', '\u{3000}']);
            lines.push(Line {
                text: t,
                start: body_start,
                number: i as u64 + 1,
            });
            start += raw.len() + 1;
        }
        Parser { input, lines }
    }

    /// Position of byte `offset` (absolute) on `line`.
    fn pos(&self, line: &Line<'_>, offset: usize) -> Position {
        let within = offset.saturating_sub(line.start).min(line.text.len());
        let mut within = within;
        while !line.text.is_char_boundary(within) {
            within -= 1;
        }
        Position {
            byte: (line.start + within) as u64,
            line: line.number,
            column: line.text[..within].chars().count() as u64 + 1,
        }
    }

    fn line_pos(&self, line: &Line<'_>) -> Position {
        let indent = line.text.len() - line.text.trim_start().len();
        self.pos(line, line.start + indent)
    }

    fn check_binary(&self) -> Result<()> {
        for line in &self.lines {
            if let Some((i, c)) = line
                .text
                .char_indices()
                .find(|&(_, c)| c.is_control() && c != '\t' && c != '\u{c}')
            {
                return Err(wire_err(
                    self.pos(line, line.start + i),
                    format!("not a text story: control character U+{:04X}", c as u32),
                ));
            }
        }
        Ok(())
    }

    fn chunks(&self) -> Vec<Chunk<'a>> {
        let mut chunks = Vec::new();
        let mut current: Vec<Line<'a>> = Vec::new();
        let mut blanks = 0;
        let mut blank_before = 0;
        for line in &self.lines {
            if line.text.trim().is_empty() {
                if !current.is_empty() {
                    chunks.push(Chunk {
                        lines: std::mem::take(&mut current),
                        blank_before,
                    });
                    blanks = 0;
                }
                blanks += 1;
            } else {
                if current.is_empty() {
                    blank_before = blanks;
                }
                current.push(Line {
                    text: line.text,
                    start: line.start,
                    number: line.number,
                });
            }
        }
        if !current.is_empty() {
            chunks.push(Chunk {
                lines: current,
                blank_before,
            });
        }
        chunks
    }

    fn parse(&self, opts: &WireReader) -> Result<Article> {
        self.check_binary()?;
        let mut chunks = self.chunks();
        if chunks.is_empty() {
            let last = self.lines.last().map_or(1, |l| l.number);
            return Err(wire_err(
                Position {
                    byte: self.input.len() as u64,
                    line: last,
                    column: 1,
                },
                "the story is empty".into(),
            ));
        }
        // the wrong kind of file: XML (XLIFF, HTML) or JSON
        let first_line = &chunks[0].lines[0];
        let first = first_line.text.trim_start();
        if first.starts_with('<') || first.starts_with('{') || first.starts_with('[') {
            let kind = if first.starts_with('<') {
                "XML or HTML"
            } else {
                "JSON"
            };
            return Err(wire_err(
                self.line_pos(first_line),
                format!("this looks like {kind}, not a wire-copy story"),
            ));
        }
        let mut article = Article::new(
            opts.id.clone().unwrap_or_else(|| "story".into()),
            opts.language.clone(),
        );
        article.end_mark = false;
        let mut idx = 0;

        // 1. header line
        let first = &chunks[0].lines[0];
        if is_header(first.text) {
            let (date, note) = self.parse_header(first)?;
            article.date = date;
            article.editor_note = note;
            let rest: Vec<Line<'a>> = chunks[0].lines.drain(1..).collect();
            if rest.is_empty() {
                idx = 1;
            } else {
                chunks[0] = Chunk {
                    lines: rest,
                    blank_before: 0,
                };
            }
        }

        let last_line = self.lines.last().map_or(1, |l| l.number);
        let no_body = |after: &str| {
            wire_err(
                Position {
                    byte: self.input.len() as u64,
                    line: last_line,
                    column: 1,
                },
                format!("the story has no body: nothing after the {after}"),
            )
        };

        // 2. headline and byline
        if idx < chunks.len() && !is_end_mark(&chunks[idx].text()) {
            let text = chunks[idx].text();
            if let Some(names) = parse_byline(&text) {
                article.byline = names;
                idx += 1;
            } else if parse_dateline(&text).is_none() {
                let next = chunks.get(idx + 1).map(|c| c.text());
                let next_is_byline = next.as_deref().and_then(parse_byline).is_some();
                let next_has_dateline = next.as_deref().and_then(parse_dateline).is_some();
                let tagged = split_tag(&text).0.is_some();
                let looks_like_headline = chunks[idx].lines.len() == 1
                    && !text.ends_with(['.', '"', '”', '’', '\'', ':', ')', '…']);
                if tagged || next_is_byline || next_has_dateline || looks_like_headline {
                    let (tag, rest) = split_tag(&text);
                    article.headline = Some(Headline {
                        tag: tag.map(UpdateTag::new),
                        text: Text::plain(rest),
                    });
                    idx += 1;
                    if let Some(names) = chunks.get(idx).and_then(|c| parse_byline(&c.text())) {
                        article.byline = names;
                        idx += 1;
                    }
                }
            }
        }
        if idx >= chunks.len() || is_end_mark(&chunks[idx].text()) {
            let after = if !article.byline.is_empty() {
                "byline"
            } else if article.headline.is_some() {
                "headline"
            } else {
                "header"
            };
            return Err(no_body(after));
        }

        // 3. body
        let mut first_paragraph = true;
        while idx < chunks.len() {
            let chunk = &chunks[idx];
            let text = chunk.text();
            let line = &chunk.lines[0];
            if is_end_mark(&text) {
                article.end_mark = true;
                if let Some(extra) = chunks.get(idx + 1) {
                    return Err(wire_err(
                        self.line_pos(&extra.lines[0]),
                        "text after the end mark (END): every paragraph must come before it".into(),
                    ));
                }
                break;
            }
            if chunk.blank_before >= 2
                && let Some(photo) = self.parse_photo(&text, line)?
            {
                article.body.push(Block::Photo(photo));
                idx += 1;
                continue;
            }
            let mut body_text = text.as_str();
            if first_paragraph && let Some((dateline, rest)) = parse_dateline(&text) {
                article.dateline = Some(dateline);
                body_text = rest;
                if body_text.is_empty() {
                    return Err(wire_err(
                        self.line_pos(line),
                        "the dateline is followed by no text".into(),
                    ));
                }
            }
            first_paragraph = false;
            article.body.push(Block::Paragraph(Text::plain(body_text)));
            idx += 1;
        }

        // A story without its end mark that stops mid-sentence was cut off.
        if !article.end_mark
            && let (Some(Block::Paragraph(last)), Some(chunk)) =
                (article.body.last(), chunks.last())
        {
            let text = last.to_plain_string();
            let complete = text.trim_end().ends_with([
                '.', '!', '?', '"', '\'', '”', '’', ')', '」', '』', '。', '！', '？', '…', ':',
                ';', '）', '»', '*', '-', '—', '–',
            ]);
            if !complete {
                let line = &chunk.lines[chunk.lines.len() - 1];
                return Err(wire_err(
                    self.pos(line, line.start + line.text.len()),
                    "the story seems truncated: its last paragraph stops mid-sentence and there \
                     is no end mark (END)"
                        .into(),
                ));
            }
        }
        article.version = match opts.version {
            Some(v) => v,
            None => article
                .headline
                .as_ref()
                .and_then(|h| h.tag.as_ref())
                .and_then(UpdateTag::story_version)
                .unwrap_or(1),
        };
        Ok(article)
    }

    fn parse_header(&self, line: &Line<'_>) -> Result<(Option<Date>, Option<EditorNote>)> {
        let text = line.text;
        let indent = text.len() - text.trim_start().len();
        let after_kw = indent + 4; // "date"
        let rest = &text[after_kw..];
        let rest_trim = rest.trim_start();
        let mut at = after_kw + (rest.len() - rest_trim.len());
        let mut date = None;
        if !rest_trim.starts_with('(') {
            let word_end = rest_trim.find([' ', '\t', '(']).unwrap_or(rest_trim.len());
            let word = &rest_trim[..word_end];
            date = Some(word.parse::<Date>().map_err(|_| {
                wire_err(
                    self.pos(line, line.start + at),
                    format!("header: {word:?} is not a date of the form YYYY-MM-DD"),
                )
            })?);
            at += word_end;
        }
        let tail = &text[at..];
        let tail_trim = tail.trim_start();
        at += tail.len() - tail_trim.len();
        if tail_trim.is_empty() {
            return Ok((date, None));
        }
        if !tail_trim.starts_with('(') {
            return Err(wire_err(
                self.pos(line, line.start + at),
                "header: after the date only an editor's note in parentheses may follow".into(),
            ));
        }
        match matching_paren(tail_trim) {
            Some(close) => {
                let after = tail_trim[close + 1..].trim();
                if !after.is_empty() {
                    return Err(wire_err(
                        self.pos(line, line.start + at + close + 1),
                        format!("header: unexpected text {after:?} after the editor's note"),
                    ));
                }
                let note = tail_trim[1..close].trim();
                Ok((date, (!note.is_empty()).then(|| EditorNote::new(note))))
            }
            None => Err(wire_err(
                self.pos(line, line.start + at),
                "header: the editor's note opens a parenthesis that is never closed".into(),
            )),
        }
    }

    /// A photo block, if `text` ends in trailers; an error when its last
    /// trailer is a usage restriction rather than a credit.
    fn parse_photo(&self, text: &str, line: &Line<'_>) -> Result<Option<Photo>> {
        let mut trailers: Vec<&str> = Vec::new();
        let mut caption = text.trim_end();
        while caption.ends_with(')') {
            let Some(open) = matching_open_paren(caption) else {
                break;
            };
            let before = caption[..open].trim_end();
            // a trailer before the credit counts only after a complete sentence
            let complete =
                before.is_empty() || before.ends_with(['.', '!', '?', '"', '”', '’', ')']);
            if !trailers.is_empty() && !complete {
                break;
            }
            trailers.push(&caption[open + 1..caption.len() - 1]);
            caption = before;
        }
        let Some(last) = trailers.first().map(|s| s.trim()) else {
            return Ok(None);
        };
        if looks_like_restriction(last) {
            return Err(wire_err(
                self.line_pos(line),
                format!(
                    "photo block has no credit: it ends with the usage restriction ({last}); \
                     the last parenthesised trailer must be the credit, such as (Yonhap)"
                ),
            ));
        }
        if !looks_like_credit(last) {
            return Ok(None);
        }
        if caption.is_empty() {
            return Err(wire_err(
                self.line_pos(line),
                "photo block has a credit but no caption".into(),
            ));
        }
        let restrictions = trailers[1..]
            .iter()
            .rev()
            .map(|r| UsageRestriction(r.trim().to_string()))
            .collect();
        Ok(Some(Photo {
            caption: Text::plain(caption),
            restrictions,
            credit: Credit(last.to_string()),
        }))
    }
}

fn is_header(line: &str) -> bool {
    let t = line.trim_start();
    t.len() >= 4
        && t.is_char_boundary(4)
        && t[..4].eq_ignore_ascii_case("date")
        && t[4..].starts_with([' ', '\t', '('])
}

fn is_end_mark(text: &str) -> bool {
    text.trim() == "(END)"
}

/// Index of the `)` closing the `(` at the start of `s`.
fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Index of the `(` opening the `)` at the end of `s`.
fn matching_open_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn looks_like_restriction(s: &str) -> bool {
    let lower = s.to_lowercase();
    [
        "use only",
        "only in",
        "no redistribution",
        "no archiv",
        "no sales",
        "editorial use",
        "not for",
        "mandatory",
        "embargo",
        "must ",
        "no resale",
        "out ",
    ]
    .iter()
    .any(|k| lower.contains(k))
}

fn looks_like_credit(s: &str) -> bool {
    let words: Vec<&str> = s.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.len() <= 6
        && s.chars().count() <= 60
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| {
                !c.is_lowercase() || w.chars().all(|c| !c.is_uppercase()) && w.len() <= 3
            })
        })
        && s.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// `(LEAD) Ferry ...` → (Some("(LEAD)"), "Ferry ...").
fn split_tag(text: &str) -> (Option<&str>, &str) {
    if text.starts_with('(')
        && let Some(close) = matching_paren(text)
    {
        let inner = &text[1..close];
        let head = inner.split(',').next().unwrap_or("");
        let is_tag = UpdateTag::new(&text[..=close]).kind() != crate::model::TagKind::Other
            || (!head.trim().is_empty()
                && head
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == ' ' || c == '-'));
        if is_tag {
            return (Some(&text[..=close]), text[close + 1..].trim_start());
        }
    }
    (None, text)
}

/// `By A, B and C` → names.
fn parse_byline(text: &str) -> Option<Vec<String>> {
    let rest = text.strip_prefix("By ")?;
    if rest.ends_with(['.', ':', ';']) {
        return None;
    }
    let mut names = Vec::new();
    for part in rest.split(", ") {
        for name in part.split(" and ") {
            let name = name.trim();
            let words: Vec<&str> = name.split_whitespace().collect();
            let ok = !words.is_empty()
                && words.len() <= 5
                && !name.chars().any(|c| c.is_ascii_digit())
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(|c| !c.is_lowercase())
                        || matches!(
                            *w,
                            "de" | "van"
                                | "von"
                                | "der"
                                | "da"
                                | "del"
                                | "la"
                                | "le"
                                | "bin"
                                | "al"
                        )
                });
            if !ok {
                return None;
            }
            names.push(name.to_string());
        }
    }
    Some(names)
}

const MONTHS: [(&str, u8); 24] = [
    ("Jan.", 1),
    ("January", 1),
    ("Feb.", 2),
    ("February", 2),
    ("March", 3),
    ("Mar.", 3),
    ("April", 4),
    ("Apr.", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("Aug.", 8),
    ("August", 8),
    ("Sept.", 9),
    ("Sep.", 9),
    ("September", 9),
    ("Oct.", 10),
    ("October", 10),
    ("Nov.", 11),
    ("November", 11),
    ("Dec.", 12),
    ("December", 12),
    ("Jun.", 6),
    ("Jul.", 7),
];

/// `Sept. 12` → 9/12.
fn parse_month_day(s: &str) -> Option<MonthDay> {
    let mut words = s.split_whitespace();
    let month_word = words.next()?;
    let day_word = words.next()?.trim_end_matches(['.', ',']);
    if words.next().is_some() {
        return None;
    }
    let month = MONTHS
        .iter()
        .find(|(name, _)| {
            name.eq_ignore_ascii_case(month_word)
                || name.trim_end_matches('.').eq_ignore_ascii_case(month_word)
        })?
        .1;
    if day_word.is_empty() || day_word.len() > 2 || !day_word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    MonthDay::new(month, day_word.parse().ok()?).ok()
}

/// A dateline at the start of a paragraph: `CITY, Mon. D (Agency) --`, with
/// the city, the date or the agency possibly missing (but not both date and
/// agency). Gives the dateline and the rest of the paragraph.
pub(crate) fn parse_dateline(text: &str) -> Option<(Dateline, &str)> {
    const DASHES: [&str; 4] = ["--", "—", "–", "-"];
    let strip_dash = |s: &'_ str| -> Option<usize> {
        let t = s.trim_start();
        let skipped = s.len() - t.len();
        for d in DASHES {
            if let Some(after) = t.strip_prefix(d)
                && (after.is_empty() || after.starts_with([' ', '\t']))
            {
                return Some(skipped + d.len());
            }
        }
        None
    };
    // Find where the dateline's prefix (city, date) ends: at the agency's
    // "(" or at the dash.
    let window_end = text.char_indices().nth(120).map_or(text.len(), |(i, _)| i);
    let window = &text[..window_end];
    let (prefix, agency, after) = if let Some(open) = window.find('(') {
        let close = open + matching_paren(&text[open..])?;
        let agency = text[open + 1..close].trim();
        let dash = strip_dash(&text[close + 1..])?;
        if agency.is_empty() || !looks_like_credit(agency) {
            return None;
        }
        (text[..open].trim(), Some(agency), close + 1 + dash)
    } else {
        let mut found = None;
        for d in [" -- ", " — ", " – ", " - "] {
            if let Some(i) = window.find(d) {
                found = Some((i, i + d.len() - 1));
                break;
            }
        }
        let (i, end) = found?;
        (text[..i].trim(), None, end)
    };
    let (place, date) = if prefix.is_empty() {
        (None, None)
    } else if let Some(md) = parse_month_day(prefix) {
        (None, Some(md))
    } else if let Some((city, d)) = prefix.rsplit_once(',')
        && let Some(md) = parse_month_day(d)
    {
        (Some(city.trim()), Some(md))
    } else {
        (Some(prefix), None)
    };
    if agency.is_none() && date.is_none() {
        return None;
    }
    if let Some(city) = place {
        // the city opens in capitals: SEOUL, NEW YORK, ST. LOUIS
        let first = city.split_whitespace().next().unwrap_or("");
        if first.is_empty()
            || first.chars().any(|c| c.is_lowercase())
            || !first.chars().any(|c| c.is_alphabetic())
        {
            return None;
        }
    }
    let rest = text[after..].trim_start();
    Some((
        Dateline {
            place: place.map(Text::plain),
            date,
            agency: agency.map(|a| Credit(a.to_string())),
        },
        rest,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Article> {
        WireReader::new().id("t").read_str(s)
    }

    #[test]
    fn datelines() {
        let (d, rest) = parse_dateline("SEOUL, Sept. 12 (Yonhap) -- North Korea said.").unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "SEOUL");
        assert_eq!(d.date, Some(MonthDay::new(9, 12).unwrap()));
        assert_eq!(d.agency.unwrap().0, "Yonhap");
        assert_eq!(rest, "North Korea said.");
        let (d, rest) = parse_dateline("WASHINGTON (AP) — The Senate voted.").unwrap();
        assert!(d.date.is_none());
        assert_eq!(rest, "The Senate voted.");
        let (d, _) = parse_dateline("(Yonhap) – Text.").unwrap();
        assert!(d.place.is_none() && d.date.is_none());
        let (d, _) = parse_dateline("March 4 (Yonhap) - Text.").unwrap();
        assert!(d.place.is_none() && d.date.is_some());
        let (d, _) = parse_dateline("SEOUL, South Korea (AP) -- Text.").unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "SEOUL, South Korea");
        assert!(
            parse_dateline("The Korea Meteorological Administration (KMA) lifted it.").is_none()
        );
        assert!(parse_dateline("Officials (including two) -- said.").is_none());
        assert!(parse_dateline("NATO - the alliance said.").is_none());
    }

    #[test]
    fn bylines() {
        assert_eq!(parse_byline("By Kim Ji-won").unwrap(), ["Kim Ji-won"]);
        assert_eq!(
            parse_byline("By A Lee, B Park and C Cho").unwrap(),
            ["A Lee", "B Park", "C Cho"]
        );
        assert!(parse_byline("By midday, officials had left.").is_none());
        assert!(parse_byline("By 9 a.m. the port was open").is_none());
    }

    #[test]
    fn header_errors_are_positioned() {
        let e = read("date 2026-03-04 (ATTN: ADDS details\n\nHead\n\nBody.\n").unwrap_err();
        assert_eq!(e.location().unwrap().position.unwrap().line, 1);
        assert_eq!(e.location().unwrap().position.unwrap().column, 17);
        assert!(e.to_string().contains("never closed"), "{e}");
        let e = read("date 2026-13-04\n\nBody.\n").unwrap_err();
        assert!(e.to_string().contains("1:6"), "{e}");
    }

    #[test]
    fn photo_trailers() {
        let a = read("Head\n\nSEOUL (Yonhap) -- One.\n\n\nYoon (C) speaks. (No Archiving) (Yonhap/Reuters)\n").unwrap();
        match &a.body[1] {
            Block::Photo(p) => {
                assert_eq!(p.caption.to_plain_string(), "Yoon (C) speaks.");
                assert_eq!(p.restrictions, [UsageRestriction("No Archiving".into())]);
                assert_eq!(p.credit.0, "Yonhap/Reuters");
            }
            b => panic!("not a photo: {b:?}"),
        }
    }
}
