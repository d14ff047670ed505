//! The wire-copy reader (`shared/spec/wire-copy.md`, extended in
//! `docs/wire-copy.md`): plain-text stories in, [`Article`]s out, with
//! errors and warnings that name the line.

mod layout;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use unic_langid::LanguageIdentifier;

use crate::error::{Error, Location, Position, Problem, Result};
use crate::l10n::Locales;
use crate::model::{
    Article, Block, Copyright, Credit, Date, Dateline, EditorNote, Headline, MAX_TEXT_BYTES,
    MonthDay, Photo, Text, UpdateTag, UsageRestriction,
};
use layout::Conventions;

/// Reads wire copy into articles.
///
/// Wire copy carries no story id: the id comes from [`WireReader::id`], or
/// from the file name without its extension ([`WireReader::read_path`]); the
/// version from [`WireReader::version`], else from the headline's update tag
/// (`(LEAD)` is version 2, `(2nd LD)` version 3), else 1. The language is
/// English unless set; in any language the reader reads the layouts that
/// language's locale writes (`(서울=연합뉴스) 이민지 기자 = …`, `(끝)`,
/// `【ソウル聯合ニュース】`, `（終）`, ...) besides the English agency
/// layouts (AP, Reuters, AFP, Kyodo, Xinhua, Yonhap).
///
/// Update tags are kept in their English wire form (`(2nd LD)`), whatever
/// language they were written in (`(종합2보)`, `（第2報）`), so that every
/// renderer writes them in its own.
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

    /// The language of wire copy as its script tells it: Hangul is Korean,
    /// kana Japanese, Han Chinese (Traditional when traditional forms
    /// outnumber simplified ones), Arabic Arabic, Cyrillic Russian; `None`
    /// for Latin script (English, or a European language the script cannot
    /// tell). What `newsloc wire` reads a story as when `--lang` is not
    /// given.
    ///
    /// ```
    /// use newsloc::WireReader;
    /// let lang = WireReader::language_of("(서울=연합뉴스) 이민지 기자 = 북한이 밝혔다.");
    /// assert_eq!(lang.unwrap().to_string(), "ko");
    /// assert!(WireReader::language_of("SEOUL (Yonhap) -- North Korea said.").is_none());
    /// ```
    pub fn language_of(text: &str) -> Option<LanguageIdentifier> {
        guess_language(text)
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
        self.read_path_with_warnings(path).map(|(a, _)| a)
    }

    /// Like [`WireReader::read_path`], with the warnings: paragraphs that
    /// look like a dateline, a byline or a photo block but were not read as
    /// one, each with its file and line.
    ///
    /// # Errors
    ///
    /// As [`WireReader::read_path`].
    pub fn read_path_with_warnings(
        &self,
        path: impl AsRef<Path>,
    ) -> Result<(Article, Vec<Problem>)> {
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
        let (article, mut warnings) = reader
            .read_bytes_with_warnings(&bytes)
            .map_err(|e| e.with_file(path))?;
        for w in &mut warnings {
            w.location.file = Some(path.to_path_buf());
        }
        Ok((article, warnings))
    }

    /// Reads a story from bytes, which must be UTF-8 (a byte order mark is
    /// allowed).
    ///
    /// # Errors
    ///
    /// [`Error::Wire`] with the line and column of the first problem.
    pub fn read_bytes(&self, bytes: &[u8]) -> Result<Article> {
        self.read_bytes_with_warnings(bytes).map(|(a, _)| a)
    }

    /// Like [`WireReader::read_bytes`], with the warnings (see
    /// [`WireReader::read_str_with_warnings`]).
    ///
    /// # Errors
    ///
    /// As [`WireReader::read_bytes`].
    pub fn read_bytes_with_warnings(&self, bytes: &[u8]) -> Result<(Article, Vec<Problem>)> {
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
            Ok(text) => self.read_str_with_warnings(text),
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
    /// mark, a date that does not exist (`Sept. 31`), an empty byline, a
    /// text larger than [`MAX_TEXT_BYTES`].
    pub fn read_str(&self, text: &str) -> Result<Article> {
        self.read_str_with_warnings(text).map(|(a, _)| a)
    }

    /// Like [`WireReader::read_str`], with the warnings: each paragraph
    /// that looks like a dateline, a byline or a photo block but was not
    /// read as one (a second dateline, a byline inside the body, a credit
    /// trailer after a single blank line), with its line.
    ///
    /// # Errors
    ///
    /// As [`WireReader::read_str`].
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::WireReader;
    /// let story = "Ferries run again\n\nBUSAN (Yonhap) -- Service resumed.\n\n\
    ///              A ferry leaves port. (Yonhap)\n\n(END)\n";
    /// let (article, warnings) = WireReader::new().read_str_with_warnings(story)?;
    /// assert_eq!(article.body.len(), 2); // two paragraphs, no photo
    /// assert_eq!(warnings[0].location.position.unwrap().line, 5);
    /// assert!(warnings[0].message.contains("photo block"));
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    pub fn read_str_with_warnings(&self, text: &str) -> Result<(Article, Vec<Problem>)> {
        let conventions = if self.language.language.as_str() == "en" {
            None
        } else {
            Some(Conventions::embedded(&self.language))
        };
        let mut parser = Parser::new(text);
        parser.conventions = conventions;
        let article = parser.parse(self)?;
        Ok((article, parser.warnings))
    }
}

/// The language of wire copy, from its script: Hangul is Korean, kana
/// Japanese, Han Chinese (Traditional when traditional forms outnumber
/// simplified ones), Arabic, Cyrillic Russian; `None` (English, or a
/// European language the script cannot tell) otherwise.
pub(crate) fn guess_language(text: &str) -> Option<LanguageIdentifier> {
    let (mut hangul, mut kana, mut han, mut arabic, mut cyrillic, mut latin) = (0, 0, 0, 0, 0, 0);
    let (mut simplified, mut traditional) = (0, 0);
    for c in text.chars().take(20_000) {
        match c {
            '\u{AC00}'..='\u{D7AF}' => hangul += 1,
            '\u{3040}'..='\u{30FF}' => kana += 1,
            '\u{4E00}'..='\u{9FFF}' => {
                han += 1;
                if "电记们这说国时经发对会为华联报讯".contains(c) {
                    simplified += 1;
                } else if "電記們這說國時經發對會為華聯報訊".contains(c) {
                    traditional += 1;
                }
            }
            '\u{600}'..='\u{6FF}' => arabic += 1,
            '\u{400}'..='\u{4FF}' => cyrillic += 1,
            'A'..='Z' | 'a'..='z' => latin += 1,
            _ => {}
        }
    }
    let tag = if hangul > latin / 2 && hangul >= kana && hangul > 0 {
        "ko"
    } else if kana > 0 && kana + han > latin / 2 {
        "ja"
    } else if han > latin / 2 && han > 0 {
        if traditional > simplified {
            "zh-Hant"
        } else {
            "zh-Hans"
        }
    } else if arabic > latin / 2 && arabic > 0 {
        "ar"
    } else if cyrillic > latin / 2 && cyrillic > 0 {
        "ru"
    } else {
        return None;
    };
    tag.parse().ok()
}

/// The longest first paragraph, without closing punctuation, read as a
/// headline.
const MAX_HEADLINE_CHARS: usize = 200;

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

/// Invisible format characters that may open a line without changing how
/// it reads: byte order mark, zero-width space and (non-)joiners, word
/// joiner, bidi marks, embeddings and isolates.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// One line of the story, trimmed at the end (and of invisible format
/// characters at the start), with where it starts.
struct Line<'a> {
    text: &'a str,
    /// Byte offset of `text` in the input.
    start: usize,
    /// 1-based line number.
    number: u64,
    /// Columns taken by invisible characters skipped at the line's start.
    skipped: u64,
}

impl Line<'_> {
    fn copy(&self) -> Self {
        Line {
            text: self.text,
            start: self.start,
            number: self.number,
            skipped: self.skipped,
        }
    }
}

/// A run of non-blank lines.
struct Chunk<'a> {
    lines: Vec<Line<'a>>,
    blank_before: usize,
}

impl Line<'_> {
    /// The line's text as a paragraph holds it: trimmed, tabs as spaces.
    fn plain(&self) -> String {
        self.text.trim().replace('\t', " ")
    }
}

impl Chunk<'_> {
    fn text(&self) -> String {
        let mut s = String::new();
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&l.plain());
        }
        s
    }
}

/// End marks: every locale's, and the agencies' (`Enditem`, Xinhua),
/// folded ([`fold_mark`]) and sorted.
fn end_marks() -> &'static [String] {
    static MARKS: OnceLock<Vec<String>> = OnceLock::new();
    MARKS.get_or_init(|| {
        let mut marks: Vec<String> = [
            "(END)",
            "(ENDS)",
            "ENDITEM",
            "(ENDITEM)",
            "END ITEM",
            "==KYODO",
        ]
        .iter()
        .map(|s| fold_mark(s))
        .collect();
        let locales = Locales::embedded();
        for lang in locales.available() {
            if let Ok(m) = locales.localizer(&lang).end_mark() {
                marks.push(fold_mark(&m));
            }
        }
        marks.sort();
        marks.dedup();
        marks
    })
}

/// An end mark compared without case, spaces or full-width parentheses.
fn fold_mark(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !layout::ignorable(*c))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .flat_map(char::to_uppercase)
        .collect()
}

/// AFP's sign-off: the desk's initials, `jmb/sst`, `burs-pdh/gle`.
fn is_signoff(t: &str) -> bool {
    t.len() <= 40
        && t.contains('/')
        && !t.starts_with(['/', '-'])
        && !t.ends_with(['/', '-'])
        && t.split('/').all(|part| {
            !part.is_empty()
                && part
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        })
}

fn is_end_mark(text: &str) -> bool {
    let t = text.trim();
    if is_signoff(t) {
        return true;
    }
    // compared folded: spaces inside (`(   END)`) do not count
    t.len() <= 256 && {
        let f = fold_mark(t);
        f.chars().count() <= 16 && end_marks().binary_search(&f).is_ok()
    }
}

/// Labels of the copyright and usage-terms lines, in every locale.
fn legal_labels() -> &'static (Vec<String>, Vec<String>) {
    static LABELS: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    LABELS.get_or_init(|| {
        let locales = Locales::embedded();
        let (mut c, mut u) = (Vec::new(), Vec::new());
        for lang in locales.available() {
            let l = locales.localizer(&lang);
            if let Ok(s) = l.message("label-copyright", &[]) {
                c.push(s);
            }
            if let Ok(s) = l.message("label-usage-terms", &[]) {
                u.push(s);
            }
        }
        (c, u)
    })
}

/// `label: text` for one of `labels`, giving the text.
fn labelled<'t>(text: &'t str, labels: &[String]) -> Option<&'t str> {
    labels.iter().find_map(|l| {
        let rest = text.strip_prefix(l.as_str())?;
        let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
        let rest = rest.trim();
        (!rest.is_empty()).then_some(rest)
    })
}

/// A copyright notice as written: `© 2026 …`, `(c) 2026 …`, `Copyright
/// 2026 …`, Yonhap's `<저작권자(c) 연합뉴스 …>`, or a labelled line.
fn copyright_line(text: &str) -> Option<String> {
    if let Some(rest) = labelled(text, &legal_labels().0) {
        return Some(rest.to_string());
    }
    let lower = text.to_lowercase();
    // what follows `(c)` or `Copyright`: a year, a copyright sign, or the
    // reservation (not `Copyright law changed`, nor a photo captioned
    // `Copyright`)
    let dated = |rest: &str| {
        rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '©' | 'ⓒ'))
            || rest.starts_with("(c)")
            || rest.contains("all rights reserved")
    };
    let opens = text.starts_with(['©', 'ⓒ'])
        || lower
            .strip_prefix("(c)")
            // `(c) Yonhap`; but `(C) (AP)` is a photo's trailers (a
            // restriction `C` and the credit), as a photo block writes them
            .is_some_and(|rest| {
                rest.starts_with(' ') && !rest.trim_start().starts_with('(') || dated(rest)
            })
        || lower
            .strip_prefix("copyright")
            .is_some_and(|rest| dated(rest.trim_start()))
        || lower.starts_with("<저작권자");
    (opens && text.chars().count() <= 300).then(|| text.to_string())
}

/// `(Reporting by …; Editing by …)`: the makers' credits, one per clause.
/// At the very end of the story (`last`), clauses that are only a credit
/// (`(Associated Press)`) count too.
fn credits_trailer(text: &str, last: bool) -> Option<Vec<Credit>> {
    let inner = text.strip_prefix('(')?.strip_suffix(')')?;
    if matching_paren(text) != Some(text.len() - 1) {
        return None;
    }
    const ROLES: [&str; 12] = [
        "reporting by",
        "additional reporting by",
        "writing by",
        "editing by",
        "compiled by",
        "compiling by",
        "research by",
        "graphics by",
        "translated by",
        "translation by",
        "production by",
        "reported by",
    ];
    let clauses: Vec<&str> = inner.split(';').map(str::trim).collect();
    let ok = clauses.iter().all(|c| {
        let lower = c.to_lowercase();
        !c.is_empty()
            && (ROLES.iter().any(|r| lower.starts_with(r))
                && c.len() > c.find(" by ").map_or(0, |i| i + 4)
                || last && (closing_credit(c) || source_line(c)))
    });
    ok.then(|| clauses.iter().map(|c| Credit(c.to_string())).collect())
}

/// A credit a closing trailer holds without a role (`The Associated
/// Press`, `Yonhap/Reuters`): the renderer writes there the credits the
/// reader took from anywhere else (an affiliation under the byline), so the
/// two places accept the same.
fn closing_credit(c: &str) -> bool {
    let one_word = !c.contains([' ', '/']);
    let credit = if one_word {
        // `(Correspondent)`, `(AP)`, `(Reuters)`; not single letters
        affiliation(c)
            || looks_like_credit(c)
                && c.chars().count() >= 2
                && c.chars().all(|ch| ch.is_alphabetic() || ch == '-')
    } else {
        looks_like_credit(c) || affiliation(c)
    };
    credit && !looks_like_restriction(c)
}

/// Channel NewsAsia's closing line naming the sources and the desk's
/// initials, `Source: CNA/ml`, `Source: Reuters/AFP/gr`, `Source: Agencies/ec`:
/// a credit of the story's makers (read only as the story's last paragraph).
fn source_line(text: &str) -> bool {
    text.strip_prefix("Source:")
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|rest| {
            let rest = rest.trim();
            !rest.is_empty()
                && rest.split('/').count() <= 6
                && looks_like_credit(rest)
                && !looks_like_restriction(rest)
        })
}

struct Parser<'a> {
    input: &'a str,
    lines: Vec<Line<'a>>,
    conventions: Option<Arc<Conventions>>,
    warnings: Vec<Problem>,
}

impl<'a> Parser<'a> {
    fn new(input: &'a str) -> Parser<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, raw) in input.split('\n').enumerate() {
            let mut body_start = start;
            let mut t = raw;
            let mut skipped = 0;
            // a BOM (anywhere), zero-width and bidi characters opening a
            // line do not change how it reads, nor does white space before
            // them
            let mut skip_to = 0;
            for (at, c) in t.char_indices() {
                if invisible(c) {
                    skip_to = at + c.len_utf8();
                } else if !c.is_whitespace() {
                    break;
                }
            }
            skipped += t[..skip_to].chars().count() as u64;
            body_start += skip_to;
            t = &t[skip_to..];
            // any white space (a form feed too) and invisible characters
            // end a line alike, in any order: `(LEAD)` + ALM + form feed
            // is `(LEAD)`, as it is once rendered
            let t = t.trim_end_matches(|c: char| c.is_whitespace() || invisible(c));
            lines.push(Line {
                text: t,
                start: body_start,
                number: i as u64 + 1,
                skipped,
            });
            start += raw.len() + 1;
        }
        Parser {
            input,
            lines,
            conventions: None,
            warnings: Vec::new(),
        }
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
            column: line.skipped + line.text[..within].chars().count() as u64 + 1,
        }
    }

    fn line_pos(&self, line: &Line<'_>) -> Position {
        let indent = line.text.len() - line.text.trim_start().len();
        self.pos(line, line.start + indent)
    }

    fn warn(&mut self, line: &Line<'_>, message: String) {
        let position = self.line_pos(line);
        self.warnings.push(Problem {
            location: Location {
                file: None,
                position: Some(position),
                unit: None,
            },
            message,
        });
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
                current.push(line.copy());
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

    /// A byline chunk: English `By …` (any case, a no-break space after
    /// `By` allowed), or the locale's own byline line. An empty `By` is an
    /// error.
    fn byline(&self, text: &str, line: &Line<'_>) -> Result<Option<layout::Byline>> {
        let t = text.trim();
        if t.len() <= 3 && t.eq_ignore_ascii_case("by") {
            return Err(wire_err(
                self.line_pos(line),
                "the byline names no one: `By` with no name after it".into(),
            ));
        }
        if let Some(names) = parse_byline(t) {
            return Ok(Some((names, None)));
        }
        if let Some(c) = &self.conventions
            && let Some(byline) = c.byline_line(t)
        {
            return Ok(Some(byline));
        }
        Ok(None)
    }

    /// A byline chunk; AP writes the writers' affiliation on the lines
    /// after the names (`By JOSH BOAK` / `Associated Press`): those lines
    /// are credits.
    fn byline_chunk(&self, chunk: &Chunk<'_>) -> Result<Option<(layout::Byline, Vec<Credit>)>> {
        let line0 = chunk.lines[0].copy();
        // the affiliation on the byline's own line
        let text = chunk.text();
        if let Some((names, aff)) = split_affiliation(&text)
            && let Some(byline) = parse_byline(names.trim())
        {
            return Ok(Some(((byline, None), vec![Credit(aff.to_string())])));
        }
        if chunk.lines.len() > 1
            && !line0.text.trim_end().ends_with([',', '&'])
            && !line0.text.trim_end().to_lowercase().ends_with(" and")
            && chunk.lines[1..].iter().all(|l| {
                let t = l.plain();
                closing_credit(&t) && t.chars().next().is_some_and(char::is_uppercase)
            })
            && let Some(names) = self.byline(&line0.plain(), &line0)?
        {
            let more = chunk.lines[1..].iter().map(|l| Credit(l.plain())).collect();
            return Ok(Some((names, more)));
        }
        Ok(self
            .byline(&chunk.text(), &line0)?
            .map(|names| (names, Vec::new())))
    }

    /// The dateline opening the first paragraph, in the locale's layout or
    /// an English agency layout: the dateline, the byline the opening
    /// carries (Korean, Chinese), and the rest of the paragraph.
    /// Whether `text` is a whole dateline that lost what follows it: with
    /// the locale's dash and a word after it, it reads as a dateline
    /// followed by just that word.
    fn dateline_cut_off(&self, text: &str, line: &Line<'_>) -> bool {
        let dash = match &self.conventions {
            Some(c) => c.default_dash.as_deref(),
            None => Some("--"),
        };
        let probes = [
            dash.map(|d| format!("{} {d} Text", text.trim_end())),
            Some(format!("{} Text", text.trim_end())),
        ];
        probes
            .into_iter()
            .flatten()
            .any(|probe| matches!(self.dateline(&probe, line), Ok(Some((_, _, "Text")))))
    }

    fn dateline<'t>(
        &self,
        text: &'t str,
        line: &Line<'_>,
    ) -> Result<Option<(Dateline, layout::Byline, &'t str)>> {
        if let Some(c) = &self.conventions {
            match c.lead(text) {
                Ok(Some((d, names, at))) => return Ok(Some((d, names, text[at..].trim_start()))),
                Ok(None) => {}
                Err(message) => return Err(wire_err(self.line_pos(line), message)),
            }
        }
        // an English layout, read past the bidi isolates and marks a
        // right-to-left locale writes around a dateline's parts
        let visible: std::borrow::Cow<'_, str> = if text.contains(layout::ignorable) {
            text.chars().filter(|c| !layout::ignorable(*c)).collect()
        } else {
            text.into()
        };
        match parse_dateline(&visible) {
            Ok(Some((d, _))) if self.agency_is_tag(&d) || self.foreign_layout_fails(&d) => Ok(None),
            Ok(Some((d, rest))) => {
                let rest = suffix_of_visible(text, rest.chars().count());
                let rest = rest.trim_start_matches(layout::ignorable).trim_start();
                Ok(Some((d, (Vec::new(), None), rest)))
            }
            Ok(None) => Ok(None),
            Err(message) => Err(wire_err(self.line_pos(line), message)),
        }
    }

    /// Whether a dateline's agency is the locale's update tag (`(عاجل) --`
    /// opens an Arabic headline, not a dateline).
    fn agency_is_tag(&self, d: &Dateline) -> bool {
        match (&self.conventions, &d.agency) {
            (Some(c), Some(a)) => c.is_tag(&format!("({})", a.as_str())),
            _ => false,
        }
    }

    /// Whether a dateline read in an English layout by another locale's
    /// reader has parts that locale's layout can write and read back (no
    /// quotes, brackets or `=` in the place, an agency as the layouts
    /// read one): rendered, it is written in that layout.
    fn foreign_layout_fails(&self, d: &Dateline) -> bool {
        let Some(c) = &self.conventions else {
            return false;
        };
        // a place alone (`SINGAPORE:`) is written back with its colon
        // only where the locale's datelines end with a dash; elsewhere
        // (`【…】`) it is a layout the locale does not read
        if d.agency.is_none() && d.date.is_none() && c.default_dash.is_none() {
            return true;
        }
        let place_bad = d.place.as_ref().is_some_and(|p| {
            p.to_plain_string()
                .contains(['"', '“', '”', '(', ')', '（', '）', '【', '】', '=', '\n'])
        });
        let agency_bad = d
            .agency
            .as_ref()
            .is_some_and(|a| !layout::plausible_agency(a.as_str()));
        place_bad || agency_bad || !self.writes_back(c, d)
    }

    /// Whether the locale writes dateline `d` (the first paragraph's
    /// opening, as the renderer makes it) in a form its reader takes back
    /// for the same place, date, year and agency: `Sept. 3 (Yonhap) -`
    /// with no place is written in Arabic as a layout the Arabic reader
    /// does not read.
    fn writes_back(&self, c: &Conventions, d: &Dateline) -> bool {
        let mut article = Article::new("probe", c.lang().clone());
        article.dateline = Some(d.clone());
        let Ok(fixed) = crate::l10n::fixed::Fixed::new(&article, c.localizer()) else {
            return false;
        };
        let Some(lead) = fixed.lead else {
            return false;
        };
        let probe = format!("{lead}Text");
        // the place and the agency; the date and year are the locale's
        // house style (Korean and Japanese datelines carry none)
        let same = |e: &Dateline| {
            e.place.as_ref().map(Text::to_plain_string)
                == d.place.as_ref().map(Text::to_plain_string)
                && e.agency == d.agency
        };
        if let Ok(Some((e, _, at))) = c.lead(&probe) {
            return same(&e) && probe[at..].trim_start() == "Text";
        }
        // the English layouts, read past bidi isolates and marks
        let visible: String = probe.chars().filter(|ch| !layout::ignorable(*ch)).collect();
        matches!(parse_dateline(&visible), Ok(Some((e, rest))) if same(&e) && rest.trim_start() == "Text")
    }

    /// A headline's update tag: the locale's forms (at the start, or at
    /// the end where the locale puts it), else an English tag at the start.
    fn split_tag<'t>(&self, text: &'t str) -> (Option<UpdateTag>, &'t str) {
        if let Some(c) = &self.conventions
            && let Some((tag, rest)) = c.split_tag(text)
        {
            return (Some(tag), rest);
        }
        let (tag, rest) = split_tag(text);
        (tag.map(UpdateTag::new), rest)
    }

    /// Refuses a story whose first line opens like XML (XLIFF, HTML) or
    /// JSON.
    fn check_kind(&self, line: &Line<'_>) -> Result<()> {
        let first = line.text.trim_start();
        // `[속보] …` opens a Korean headline; a JSON array opens with `[`
        // and a value
        let json_array = first.strip_prefix('[').is_some_and(|rest| {
            rest.trim_start().is_empty()
                || rest
                    .trim_start()
                    .starts_with(|c: char| matches!(c, '{' | '[' | '"' | ']') || c.is_ascii_digit())
        });
        if first.starts_with('<') || first.starts_with('{') || json_array {
            let kind = if first.starts_with('<') {
                "XML or HTML"
            } else {
                "JSON"
            };
            return Err(wire_err(
                self.line_pos(line),
                format!("this looks like {kind}, not a wire-copy story"),
            ));
        }
        Ok(())
    }

    fn check_size(&self, text: &str, line: &Line<'_>) -> Result<()> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(wire_err(
                self.line_pos(line),
                format!(
                    "a paragraph of {} bytes is larger than the limit of {MAX_TEXT_BYTES} bytes",
                    text.len()
                ),
            ));
        }
        Ok(())
    }

    fn parse(&mut self, opts: &WireReader) -> Result<Article> {
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
        self.check_kind(&chunks[0].lines[0])?;
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
            // the first line once an empty header is not written: checked
            // as a story's first line is, and no second header line
            if let Some(line) = chunks.get(idx).map(|c| &c.lines[0]) {
                self.check_kind(line)?;
                if is_header(line.text) {
                    return Err(wire_err(
                        self.line_pos(line),
                        "a second header line: the header is one line, `date YYYY-MM-DD (note)`"
                            .into(),
                    ));
                }
            }
        }

        let last_line = self.lines.last().map_or(1, |l| l.number);
        let input_len = self.input.len() as u64;
        let no_body = |after: &str| {
            wire_err(
                Position {
                    byte: input_len,
                    line: last_line,
                    column: 1,
                },
                format!("the story has no body: nothing after the {after}"),
            )
        };

        // whether every chunk from `i` on is an end mark or a legal line
        // (so that the one before it is the story's last paragraph)
        let mut legal_tail = vec![true; chunks.len() + 1];
        for i in (0..chunks.len()).rev() {
            legal_tail[i] = legal_tail[i + 1] && {
                let t = chunks[i].text();
                is_end_mark(&t)
                    || copyright_line(&t).is_some()
                    || labelled(&t, &legal_labels().1).is_some()
            };
        }
        // a legal line as the renderer writes it, with only legal lines
        // after it, is not a headline (a story of legal lines alone)
        let written_legal = |t: &str| {
            credits_trailer(t, true).is_some()
                || source_line(t)
                || labelled(t, &legal_labels().0).is_some()
                || labelled(t, &legal_labels().1).is_some()
        };
        // 2. headline and byline
        if idx < chunks.len()
            && !is_end_mark(&chunks[idx].text())
            && !(legal_tail[idx + 1] && written_legal(&chunks[idx].text()))
        {
            let text = chunks[idx].text();
            let line0 = chunks[idx].lines[0].copy();
            if let Some(((names, role), more)) = self.byline_chunk(&chunks[idx])? {
                article.byline = names;
                article.byline_role = role;
                article.credits.extend(more);
                idx += 1;
            } else if self.dateline(&text, &line0)?.is_none() {
                let next = chunks.get(idx + 1).map(|c| (c.text(), c.lines[0].copy()));
                let next_is_byline = match &next {
                    Some((t, l)) => self.byline(t, l).ok().flatten().is_some(),
                    None => false,
                };
                // a dateline followed by text (one with none is an error)
                let next_has_dateline = match &next {
                    Some((t, l)) => self
                        .dateline(t, l)
                        .ok()
                        .flatten()
                        .is_some_and(|(_, _, rest)| !rest.is_empty()),
                    None => false,
                };
                let (tag, rest) = self.split_tag(&text);
                // judged on the text alone, not on its lines: rendered, a
                // paragraph is one line (a headline wrapped over lines is
                // still a headline)
                let looks_like_headline = text.chars().count() <= MAX_HEADLINE_CHARS
                    && !text.ends_with(['.', '"', '”', '’', '\'', ':', ')', '…', '。']);
                if tag.is_some() || next_is_byline || next_has_dateline || looks_like_headline {
                    self.check_size(rest, &line0)?;
                    article.headline = Some(Headline {
                        tag,
                        text: Text::plain(rest),
                    });
                    idx += 1;
                    if let Some(c) = chunks.get(idx)
                        && let Some(((names, role), more)) = self.byline_chunk(c)?
                    {
                        article.byline = names;
                        article.byline_role = role;
                        article.credits.extend(more);
                        idx += 1;
                    }
                }
            }
        }
        // a headline alone is a story (a flash); a byline or a header alone
        // is not
        let headline_only = article.headline.is_some() && article.byline.is_empty();
        if !headline_only && (idx >= chunks.len() || is_end_mark(&chunks[idx].text())) {
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
        // legal lines after the end mark (Yonhap's `<저작권자(c) …>`)
        let mut after_end = false;
        while idx < chunks.len() {
            let chunk = &chunks[idx];
            let text = chunk.text();
            let line = chunk.lines[0].copy();
            let blank_before = chunk.blank_before;
            idx += 1;
            if after_end {
                match copyright_line(&text) {
                    Some(c) if article.copyright.is_none() => {
                        article.copyright = Some(Copyright(c));
                        continue;
                    }
                    _ => {
                        return Err(wire_err(
                            self.line_pos(&line),
                            "text after the end mark: every paragraph must come before it".into(),
                        ));
                    }
                }
            }
            if is_end_mark(&text) {
                article.end_mark = true;
                after_end = true;
                continue;
            }
            self.check_size(&text, &line)?;
            // `By` alone is an empty byline wherever it stands
            let read_as_byline = self.byline(&text, &line)?.is_some();
            if !read_as_byline && looks_like_byline(&text) {
                self.warn(
                    &line,
                    "this paragraph opens like a byline, but its names could not be read: \
                     read as text"
                        .into(),
                );
            }
            // legal lines close the story; the first paragraph is one only
            // when nothing but legal lines follows it, in the forms the
            // renderer writes (a story whose only paragraph reads as a
            // headline once rendered on one line keeps its credits)
            if !first_paragraph || legal_tail[idx] {
                let last = legal_tail[idx];
                // at the end, credit-like clauses are credits, unless the
                // paragraph stands where a photo block does and reads as
                // one (the renderer writes credits after one blank line,
                // so the number of blank lines must not decide it)
                let last = last
                    && !(blank_before >= 2
                        && self.parse_photo(&text, &line).ok().flatten().is_some());
                if let Some(credits) = credits_trailer(&text, last) {
                    article.credits.extend(credits);
                    continue;
                }
                if last && source_line(&text) {
                    article.credits.push(Credit(text.clone()));
                    continue;
                }
                if let Some(terms) = labelled(&text, &legal_labels().1) {
                    article.usage_terms = Some(UsageRestriction(terms.to_string()));
                    continue;
                }
                let copyright = if first_paragraph {
                    labelled(&text, &legal_labels().0).map(str::to_string)
                } else {
                    copyright_line(&text)
                };
                if let Some(c) = copyright {
                    article.copyright = Some(Copyright(c));
                    continue;
                }
            }
            if blank_before >= 2
                && let Some(photo) = self.parse_photo(&text, &line)?
            {
                article.body.push(Block::Photo(photo));
                continue;
            }
            if blank_before < 2
                && !first_paragraph
                && self.parse_photo(&text, &line).ok().flatten().is_some()
            {
                self.warn(
                    &line,
                    "this paragraph ends with a credit like a photo block, but a photo block \
                     needs two blank lines before it: read as a paragraph"
                        .into(),
                );
            }
            let mut body_text = text.as_str();
            if first_paragraph {
                match self.dateline(&text, &line)? {
                    Some((mut dateline, (names, role), rest)) => {
                        // the locale's own dash is not a style to keep
                        let default_dash = match &self.conventions {
                            Some(c) => c.default_dash.as_deref(),
                            None => Some("--"),
                        };
                        if dateline.dash.as_deref() == default_dash {
                            dateline.dash = None;
                        }
                        article.dateline = Some(dateline);
                        if names.is_empty()
                            && let Some(c) = &self.conventions
                            && let Some(opening) = c.byline_residue(rest)
                        {
                            self.warn(
                                &line,
                                format!(
                                    "the text after the dateline opens like a byline \
                                     ({opening:?}), but its names or role could not be read: \
                                     read as text"
                                ),
                            );
                        }
                        if !names.is_empty() && article.byline.is_empty() {
                            article.byline = names;
                            article.byline_role = role;
                        }
                        body_text = rest;
                        if body_text.is_empty() {
                            return Err(wire_err(
                                self.line_pos(&line),
                                "the dateline is followed by no text".into(),
                            ));
                        }
                    }
                    None => {
                        // `BUSAN, March 4 (Yonhap)` and nothing more: a
                        // dateline whose dash and text were cut off (the
                        // paragraph ends with `)`, which the truncation
                        // check below takes for a complete sentence)
                        if self.dateline_cut_off(&text, &line) {
                            return Err(wire_err(
                                self.line_pos(&line),
                                "the story seems truncated: its first paragraph is a dateline \
                                 with no dash and no text after it"
                                    .into(),
                            ));
                        }
                        if looks_like_dateline(&text) {
                            self.warn(
                                &line,
                                "this paragraph opens like a dateline, but its agency or date \
                                 could not be read: read as text"
                                    .into(),
                            );
                        }
                    }
                }
            } else if self.dateline(&text, &line)?.is_some() {
                self.warn(
                    &line,
                    "this paragraph opens like a dateline, but only the first paragraph has \
                     one: read as text"
                        .into(),
                );
            } else if matches!(self.byline(&text, &line), Ok(Some(_))) {
                self.warn(
                    &line,
                    "this paragraph looks like a byline, but the byline comes before the \
                     story: read as text"
                        .into(),
                );
            }
            first_paragraph = false;
            article.body.push(Block::Paragraph(Text::plain(body_text)));
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
        // a locale whose dateline carries no date (Korean, German): the
        // story's date is the dateline's
        if let (Some(c), Some(d), Some(date)) =
            (&self.conventions, article.dateline.as_mut(), article.date)
            && c.drops_date
            && d.date.is_none()
            && (d.place.is_some() && d.agency.is_some())
        {
            d.date = MonthDay::new(date.month(), date.day()).ok();
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
        if rest_trim.is_empty() {
            return Ok((None, None));
        }
        if !rest_trim.starts_with('(') {
            let word_end = rest_trim
                .find(|c: char| c.is_whitespace() || c == '(')
                .unwrap_or(rest_trim.len());
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

    /// A photo block, if `text` ends in trailers: the last is the credit,
    /// one written `(© …)` or `(Copyright: …)` before it the photo's
    /// copyright, the others usage restrictions. An error when the last
    /// trailer is a usage restriction rather than a credit. A block that is
    /// only a credit is a photo whose caption was left out.
    fn parse_photo(&self, text: &str, line: &Line<'_>) -> Result<Option<Photo>> {
        let mut trailers: Vec<&str> = Vec::new();
        let mut caption = text.trim_end();
        while caption.ends_with(')') && trailers.len() < 32 {
            let Some(open) = matching_open_paren(caption) else {
                break;
            };
            let before = caption[..open].trim_end();
            // a trailer before the credit counts only after a complete sentence
            let complete = before.is_empty()
                || before.ends_with(['.', '!', '?', '"', '”', '’', ')', '。', '」', '）']);
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
        if caption.is_empty() && trailers.len() == 1 && is_end_mark(text) {
            return Ok(None);
        }
        let mut copyright = None;
        let mut restrictions = Vec::new();
        for (i, r) in trailers[1..].iter().enumerate() {
            let r = r.trim();
            if i == 0
                && let Some(c) = copyright_line(r)
            {
                copyright = Some(Copyright(c));
                continue;
            }
            restrictions.push(UsageRestriction(r.to_string()));
        }
        restrictions.reverse();
        Ok(Some(Photo {
            caption: Text::plain(caption),
            restrictions,
            copyright,
            credit: Credit(last.to_string()),
        }))
    }
}

/// A first paragraph that opens like a dateline: a short prefix in
/// capitals followed by a dash.
fn looks_like_dateline(text: &str) -> bool {
    let window: String = text.chars().take(80).collect();
    // the Korean agency opening `(워싱턴=연합뉴스)`, the Japanese
    // `【ワシントン共同】`, the Chinese `（中央社記者王小明台北12日電）`
    let bracketed = |open: char, close: char, inside: &dyn Fn(&str) -> bool| {
        window.strip_prefix(open).is_some_and(|rest| {
            rest.find(close).is_some_and(|end| {
                end > 0 && rest[..end].chars().count() <= 40 && inside(&rest[..end])
            })
        })
    };
    if bracketed('(', ')', &|s| s.contains('=') && !s.starts_with('='))
        || bracketed('【', '】', &|_| true)
        || bracketed('（', '）', &|s| s.ends_with(['电', '電']))
    {
        return true;
    }
    for d in [" -- ", " — ", " – ", " - ", ")--", ")—", ")–"] {
        if let Some(i) = window.find(d) {
            let prefix = &window[..i];
            let first = prefix.split_whitespace().next().unwrap_or("");
            return first.chars().count() >= 2
                && first.chars().all(|c| !c.is_lowercase())
                && first.chars().any(char::is_uppercase);
        }
    }
    false
}

fn is_header(line: &str) -> bool {
    let t = line.trim();
    if t.len() < 4 || !t.is_char_boundary(4) || !t[..4].eq_ignore_ascii_case("date") {
        return false;
    }
    // `date`, then nothing, a date or a note: a headline such as `Date set
    // for summit` is no header
    let rest = &t[4..];
    let after = rest.trim_start();
    rest.is_empty()
        || rest.starts_with('(')
        || after.len() < rest.len() && after.starts_with(|c: char| c == '(' || c.is_ascii_digit())
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
pub(crate) fn matching_open_paren(s: &str) -> Option<usize> {
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
    if !s.chars().next().is_some_and(char::is_alphanumeric) || s.contains(['(', ')', ';']) {
        return false;
    }
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

/// Words naming a reporter's job in an affiliation (`Yonhap correspondent`,
/// `AP Economics Writer`).
const JOBS: &[&str] = &[
    "correspondent",
    "correspondents",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "editor",
    "columnist",
    "contributor",
    "photographer",
    "staff",
    "bureau",
    "analyst",
    "producer",
];

/// An affiliation after the names in a byline or on the line under it:
/// a few capitalised words with a job (`Yonhap correspondent`, `AP
/// Economics Writer`, `Associated Press Writer`).
fn affiliation(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        && s.chars().next().is_some_and(char::is_uppercase)
        && !s.contains(['.', ';', ':', '(', ')', '"', '“', '”'])
        && !s.chars().any(|c| c.is_ascii_digit())
        && words
            .iter()
            .any(|w| JOBS.iter().any(|j| w.eq_ignore_ascii_case(j)))
}

/// Agencies named after the names on the byline's own line (`By JOSH BOAK
/// Associated Press`), longest first.
const BYLINE_AGENCIES: &[&str] = &[
    "The Associated Press",
    "Yonhap News Agency",
    "Agence France-Presse",
    "Associated Press",
    "Kyodo News",
    "Bloomberg",
    "Reuters",
    "Xinhua",
    "Yonhap",
];

/// A byline line that carries the writers' affiliation after the names:
/// `By Kim Min-ji, Yonhap correspondent`, `BY JOSH BOAK, AP Economics
/// Writer`, `By JOSH BOAK and ZEKE MILLER Associated Press`. Gives the line
/// without it, and the affiliation (a credit).
fn split_affiliation(text: &str) -> Option<(&str, &str)> {
    if let Some((names, aff)) = text.rsplit_once(", ")
        && affiliation(aff.trim())
    {
        return Some((names, aff.trim()));
    }
    BYLINE_AGENCIES.iter().find_map(|agency| {
        let names = text.strip_suffix(agency)?.strip_suffix(' ')?;
        (names.split_whitespace().count() >= 3 && !names.ends_with(',')).then_some((names, *agency))
    })
}

/// A paragraph that opens like an English byline (`By …`, `BY …`): a few
/// words, not a sentence (`By the afternoon, all routes ran.` is one).
fn looks_like_byline(text: &str) -> bool {
    (text.starts_with("By ") || text.starts_with("BY ") || text.starts_with("By\u{a0}"))
        && text.split_whitespace().count() <= 12
        && !text.ends_with(['.', '!', '?', '"', '”', ':', '。'])
}

/// `By A, B and C` (`BY`, `by`, a no-break space after it) → names.
fn parse_byline(text: &str) -> Option<Vec<String>> {
    let kw = text.get(..2)?;
    if !kw.eq_ignore_ascii_case("by") {
        return None;
    }
    let rest = &text[2..];
    let after = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}', '\t']);
    if after.len() == rest.len() || after.is_empty() {
        return None;
    }
    let normalized = after.replace(['\u{a0}', '\u{202f}'], " ");
    let rest = normalized.as_str();
    if rest.ends_with(['.', ':', ';']) {
        return None;
    }
    let and = if rest.contains(" AND ") && !rest.contains(" and ") {
        " AND "
    } else {
        " and "
    };
    let mut names = Vec::new();
    for part in rest.split(", ") {
        for name in part.split(and) {
            let name = name.trim();
            let words: Vec<&str> = name.split_whitespace().collect();
            // every word has a letter; no brackets, quotes or dashes
            // standing for words (`By Hana (Reuters) --` names no one)
            // and a name opens with a letter: `{…`, `<…` or `+…` is none
            // (rendered first, in Japanese, `{…` would read as JSON)
            let ok = !words.is_empty()
                && name.starts_with(char::is_alphabetic)
                && words.len() <= 5
                && words.iter().all(|w| w.chars().any(char::is_alphabetic))
                && !name.contains(['(', ')', '[', ']', '"', '“', '”', ';', ':', '='])
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

/// A date as a dateline writes it, and what follows it.
struct DatePart<'a> {
    date: MonthDay,
    year: Option<i32>,
    /// Words after the date: an agency written without parentheses
    /// (`TOKYO, Jan. 5 Kyodo -`).
    rest: &'a str,
}

/// `Sept. 12`, `Sept.12`, `Nov. 20, 2024`, `Jan. 5 Kyodo`: `None` when `s`
/// does not open with a month and a day, an error when it does but the day
/// does not exist (`Sept. 31`, `Feb. 29, 2025`).
fn parse_date_part(s: &str) -> std::result::Result<Option<DatePart<'_>>, String> {
    let s = s.trim_start();
    let month_end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let mut month_word = &s[..month_end];
    let mut at = month_end;
    if s[at..].starts_with('.') {
        at += 1;
        month_word = &s[..at];
    }
    let Some(&(_, month)) = MONTHS.iter().find(|(name, _)| {
        name.eq_ignore_ascii_case(month_word)
            || name.trim_end_matches('.').eq_ignore_ascii_case(month_word)
    }) else {
        return Ok(None);
    };
    let after_month = &s[at..];
    let day_str = after_month.trim_start();
    // "Sept.12" needs the dot; "March12" is not a date
    if day_str.len() == after_month.len() && !month_word.ends_with('.') {
        return Ok(None);
    }
    let digits = day_str.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return Ok(None);
    }
    let next = day_str[digits..].chars().next();
    if next.is_some_and(|c| c.is_alphanumeric()) {
        return Ok(None);
    }
    let day: u8 = day_str[..digits].parse().map_err(|_| String::new())?;
    // a day 0 is no date at all; 31 in a 30-day month is an impossible one
    if day == 0 || day > 31 {
        return Ok(None);
    }
    let mut rest = &day_str[digits..];
    let mut year = None;
    // ", 2024" or " 2024"
    let t = rest.trim_start_matches(',').trim_start();
    let ydigits = t.bytes().take_while(u8::is_ascii_digit).count();
    if ydigits == 4 && !t[4..].chars().next().is_some_and(|c| c.is_alphanumeric()) {
        year = t[..4].parse::<i32>().ok();
        rest = &t[4..];
    }
    let written = s[..s.len() - rest.len()].trim();
    let date = MonthDay::new(month, day)
        .map_err(|_| format!("the dateline's date {written:?} does not exist"))?;
    if let Some(y) = year {
        Date::new(y, month, day)
            .map_err(|_| format!("the dateline's date {written:?} does not exist"))?;
    }
    Ok(Some(DatePart {
        date,
        year,
        rest: rest.trim_start_matches(',').trim(),
    }))
}

/// Words in capitals before a colon that open a paragraph as a label, not
/// as a place (`BREAKING: …`, `UPDATE: …`).
const KICKERS: &[&str] = &[
    "ALERT",
    "ANALYSIS",
    "ATTENTION",
    "ATTN",
    "BREAKING",
    "BREAKING NEWS",
    "CLARIFICATION",
    "COMMENTARY",
    "CORRECTION",
    "CORRECTED",
    "EDITORIAL",
    "EDITORS",
    "EDITOR'S NOTE",
    "EXCLUSIVE",
    "EXPLAINER",
    "FACTBOX",
    "FACT CHECK",
    "FEATURE",
    "FLASH",
    "INTERVIEW",
    "LIVE",
    "NOTE",
    "OPINION",
    "PHOTOS",
    "POLL",
    "Q&A",
    "QUOTE",
    "REVIEW",
    "SPOILER",
    "UPDATE",
    "UPDATED",
    "URGENT",
    "VIDEO",
    "WARNING",
    "WATCH",
];

/// The suffix of `text` that holds its last `count` characters other than
/// ignorable marks (with the marks among them).
fn suffix_of_visible(text: &str, count: usize) -> &str {
    if count == 0 {
        return "";
    }
    let mut seen = 0;
    for (i, c) in text.char_indices().rev() {
        if !layout::ignorable(c) {
            seen += 1;
            if seen == count {
                return &text[i..];
            }
        }
    }
    text
}

/// Channel NewsAsia's dateline: a place in capitals and a colon, no agency
/// and no date (`SINGAPORE: …`, `KUALA LUMPUR: …`). The place is one to
/// four words of capital letters (hyphens, dots and apostrophes allowed),
/// and not a label such as `BREAKING:`; the colon is kept as the dateline's
/// dash.
fn colon_dateline(text: &str) -> Option<(Dateline, &str)> {
    let (place, rest) = text.split_once(':')?;
    let rest = rest.strip_prefix([' ', '\u{a0}'])?.trim_start();
    let words: Vec<&str> = place.split_whitespace().collect();
    let ok = !words.is_empty()
        && words.len() <= 4
        && place.len() == place.trim().len()
        && place.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_uppercase() || matches!(c, '-' | '.' | '\'' | '’'))
        })
        && !KICKERS.contains(&place)
        && rest.chars().next().is_some_and(|c| !c.is_lowercase());
    if !ok {
        return None;
    }
    let mut dateline = Dateline::new(Some(Text::plain(place)), None, None);
    dateline.dash = Some(":".into());
    Some((dateline, rest))
}

/// A dateline at the start of a paragraph in an English agency layout:
/// `CITY, Mon. D (Agency) --`, with the city, the date or the agency
/// possibly missing (but not both date and agency), a year after the date
/// (`Paris, Nov. 20, 2024 (AFP) -`), an agency without parentheses
/// (`TOKYO, Jan. 5 Kyodo -`), any dash (`--`, `-`, `—`, `–`). Gives the
/// dateline (with its dash) and the rest of the paragraph; an error for a
/// date that does not exist.
pub(crate) fn parse_dateline(text: &str) -> std::result::Result<Option<(Dateline, &str)>, String> {
    if let Some(found) = colon_dateline(text) {
        return Ok(Some(found));
    }
    const DASHES: [&str; 4] = ["--", "—", "–", "-"];
    let strip_dash = |s: &'_ str| -> Option<(usize, &'static str)> {
        let t = s.trim_start();
        let skipped = s.len() - t.len();
        for d in DASHES {
            // a dash right after the agency, as feeds that drop the spaces
            // write it (`(AP)—The`, `(Yonhap)--North`); not a hyphen, which
            // joins words
            let closed_up = |after: &str| {
                d != "-"
                    && skipped == 0
                    && after.starts_with(|c: char| {
                        c.is_alphanumeric() || matches!(c, '"' | '“' | '\'' | '‘')
                    })
            };
            if let Some(after) = t.strip_prefix(d)
                && (after.is_empty()
                    || after.starts_with([' ', '\t', '\u{a0}'])
                    || closed_up(after))
            {
                return Some((skipped + d.len(), d));
            }
        }
        None
    };
    // Find where the dateline's prefix (city, date) ends: at the agency's
    // "(" or at the dash.
    let window_end = text.char_indices().nth(120).map_or(text.len(), |(i, _)| i);
    let window = &text[..window_end];
    let paren = window.find('(').and_then(|open| {
        let close = open + matching_paren(&text[open..])?;
        let agency = text[open + 1..close].trim();
        let (dash, style) = strip_dash(&text[close + 1..])?;
        // an update tag (`(URGENT)`, `(2nd LD)`) is no agency: no locale
        // writes it in a dateline's place
        let tag = UpdateTag::new(&text[open..=close]).kind() != crate::model::TagKind::Other;
        (!agency.is_empty() && looks_like_credit(agency) && !tag)
            .then(|| (text[..open].trim(), Some(agency), close + 1 + dash, style))
    });
    let (prefix, mut agency, after, dash) = match paren {
        Some(p) => p,
        None => {
            let mut found = None;
            for d in [" -- ", " — ", " – ", " - ", " --", " —"] {
                if let Some(i) = window.find(d)
                    && found.is_none_or(|(j, _, _)| i < j)
                {
                    found = Some((i, i + d.len(), d.trim()));
                }
            }
            let Some((i, end, d)) = found else {
                return Ok(None);
            };
            let style = DASHES.iter().find(|x| **x == d).copied().unwrap_or("--");
            (text[..i].trim(), None, end, style)
        }
    };
    if prefix.chars().count() > 80 {
        return Ok(None);
    }
    let (place, date) = if prefix.is_empty() {
        (None, None)
    } else if let Some(dp) = parse_date_part(prefix)? {
        (None, Some(dp))
    } else {
        // the date follows the first comma that opens one: "SEOUL, Sept. 12",
        // "SEOUL, South Korea, Sept. 12"
        let mut found = None;
        for (i, _) in prefix.match_indices(',') {
            if let Some(dp) = parse_date_part(&prefix[i + 1..])? {
                found = Some((prefix[..i].trim(), dp));
                break;
            }
        }
        match found {
            Some((city, dp)) => (Some(city), Some(dp)),
            None => (Some(prefix), None),
        }
    };
    let mut year = None;
    let mut month_day = None;
    if let Some(dp) = date {
        if !dp.rest.is_empty() {
            // an agency without parentheses after the date
            if agency.is_some() || !looks_like_credit(dp.rest) {
                return Ok(None);
            }
            agency = Some(dp.rest);
        }
        month_day = Some(dp.date);
        year = dp.year;
    }
    if agency.is_none() && month_day.is_none() {
        return Ok(None);
    }
    if let Some(city) = place {
        // the city opens with a capital: SEOUL, NEW YORK, ST. LOUIS, Paris;
        // or with a letter of a script without case (서울, 北京, ソウル: a
        // story in another language rendered in English)
        let first = city.split_whitespace().next().unwrap_or("");
        if first.is_empty()
            || !first
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase())
            || !first.chars().any(|c| c.is_alphabetic())
            || city.split_whitespace().count() > 6
            || city.ends_with(',')
            || city.contains([';', ':', '"', '“', '”', '=', '(', ')', '[', ']'])
            || city.chars().any(|c| c.is_ascii_digit())
        {
            return Ok(None);
        }
    }
    let rest = text[after..].trim_start();
    let mut dateline = Dateline::new(
        place.map(Text::plain),
        month_day,
        agency.map(|a| Credit(a.to_string())),
    );
    dateline.year = year;
    // "--" is the English layout's own dash: no style to keep
    dateline.dash = (dash != "--").then(|| dash.to_string());
    Ok(Some((dateline, rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Article> {
        WireReader::new().id("t").read_str(s)
    }

    fn dl(s: &str) -> Option<(Dateline, &str)> {
        parse_dateline(s).unwrap()
    }

    #[test]
    fn datelines() {
        let (d, rest) = dl("SEOUL, Sept. 12 (Yonhap) -- North Korea said.").unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "SEOUL");
        assert_eq!(d.date, Some(MonthDay::new(9, 12).unwrap()));
        assert_eq!(d.agency.unwrap().0, "Yonhap");
        assert_eq!(d.dash, None);
        assert_eq!(rest, "North Korea said.");
        let (d, rest) = dl("WASHINGTON (AP) — The Senate voted.").unwrap();
        assert!(d.date.is_none());
        assert_eq!(d.dash.as_deref(), Some("—"));
        assert_eq!(rest, "The Senate voted.");
        let (d, _) = dl("(Yonhap) – Text.").unwrap();
        assert!(d.place.is_none() && d.date.is_none());
        let (d, _) = dl("March 4 (Yonhap) - Text.").unwrap();
        assert!(d.place.is_none() && d.date.is_some());
        let (d, _) = dl("SEOUL, South Korea (AP) -- Text.").unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "SEOUL, South Korea");
        assert!(dl("The Korea Meteorological Administration (KMA) lifted it.").is_none());
        assert!(dl("Officials (including two) -- said.").is_none());
        assert!(dl("NATO - the alliance said.").is_none());
    }

    #[test]
    fn agency_layouts() {
        let (d, rest) = dl("Paris (AFP) - Le gouvernement a dit.").unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "Paris");
        assert_eq!(d.agency.unwrap().as_str(), "AFP");
        assert_eq!(d.dash.as_deref(), Some("-"));
        assert_eq!(rest, "Le gouvernement a dit.");
        let (d, _) = dl("Paris, Nov. 20, 2024 (AFP) - Text.").unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "Paris");
        assert_eq!(d.date, Some(MonthDay::new(11, 20).unwrap()));
        assert_eq!(d.year, Some(2024));
        let (d, rest) = dl("TOKYO, Jan. 5 Kyodo - Japan said.").unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "TOKYO");
        assert_eq!(d.date, Some(MonthDay::new(1, 5).unwrap()));
        assert_eq!(d.agency.unwrap().as_str(), "Kyodo");
        assert_eq!(rest, "Japan said.");
        let (d, _) = dl("SEOUL, Sept.12 (Yonhap) -- Text.").unwrap();
        assert_eq!(d.date, Some(MonthDay::new(9, 12).unwrap()));
        let e = parse_dateline("SEOUL, Sept. 31 (Yonhap) -- Text.").unwrap_err();
        assert!(e.contains("\"Sept. 31\" does not exist"), "{e}");
        assert!(parse_dateline("Paris, Feb. 29, 2025 (AFP) - T.").is_err());
        assert!(dl("Paris, Feb. 29, 2024 (AFP) - T.").is_some());
    }

    #[test]
    fn languages_from_scripts() {
        let g = |s: &str| guess_language(s).map(|l| l.to_string());
        assert_eq!(
            g("(서울=연합뉴스) 이민지 기자 = 북한이 (Yonhap)").as_deref(),
            Some("ko")
        );
        assert_eq!(g("【ソウル共同】北朝鮮は12日").as_deref(), Some("ja"));
        assert_eq!(
            g("新华社北京9月12日电（记者张伟）").as_deref(),
            Some("zh-Hans")
        );
        assert_eq!(g("（中央社台北12日電）記者").as_deref(), Some("zh-Hant"));
        assert_eq!(g("سيول، 12 سبتمبر (يونهاب) --").as_deref(), Some("ar"));
        assert_eq!(g("СЕУЛ, 12 сентября. /Ёнхап/.").as_deref(), Some("ru"));
        assert_eq!(g("SEOUL, Sept. 12 (Yonhap) -- North Korea said."), None);
    }

    #[test]
    fn impossible_date_names_the_line() {
        let e = read("Head\n\nSEOUL, Sept. 31 (Yonhap) -- One.\n\n(END)\n").unwrap_err();
        let p = e.location().unwrap().position.unwrap();
        assert_eq!((p.line, p.column), (3, 1));
        assert!(e.to_string().contains("does not exist"), "{e}");
    }

    #[test]
    fn invisible_characters_at_line_starts() {
        let a = read("\u{200F}Head\n\n\u{FEFF}\u{200B}SEOUL (Yonhap) -- One.\n\n\u{200C}(END)\n")
            .unwrap();
        assert_eq!(a.dateline.unwrap().agency.unwrap().as_str(), "Yonhap");
        assert!(a.end_mark);
        assert_eq!(a.headline.unwrap().text.to_plain_string(), "Head");
        // positions still count the skipped characters
        let e = read("Head\n\n\u{200B}SEOUL, Sept. 31 (Yonhap) -- One.\n").unwrap_err();
        assert_eq!(e.location().unwrap().position.unwrap().column, 2);
    }

    #[test]
    fn bylines() {
        assert_eq!(parse_byline("By Kim Ji-won").unwrap(), ["Kim Ji-won"]);
        assert_eq!(
            parse_byline("By A Lee, B Park and C Cho").unwrap(),
            ["A Lee", "B Park", "C Cho"]
        );
        assert!(parse_byline("By midday, officials had left.").is_none());
        assert_eq!(parse_byline("BY KIM MIN-JI").unwrap(), ["KIM MIN-JI"]);
        assert_eq!(
            parse_byline("BY JOSH BOAK AND ZEKE MILLER").unwrap(),
            ["JOSH BOAK", "ZEKE MILLER"]
        );
        assert_eq!(
            parse_byline("By\u{a0}Kim\u{a0}Min-ji").unwrap(),
            ["Kim Min-ji"]
        );
        assert!(parse_byline("Byline").is_none());
        let e = read("Head\n\nBy \n\nSEOUL (Yonhap) -- One.\n").unwrap_err();
        assert_eq!(e.location().unwrap().position.unwrap().line, 3);
        assert!(e.to_string().contains("names no one"), "{e}");
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
