//! Streaming: readers hand a document to a [`Visitor`] piece by piece
//! (root, file headers, groups, units), so tools that only count or check
//! keep memory flat however large the file ([`visit_reader`] and
//! [`visit_path`] also hold only a window of the file's text, in either
//! version). [`Document`] reading is one
//! visitor that collects everything; [`Stats`] is another.

use std::io::BufRead;
use std::path::Path;

use crate::list::List;

use super::document::{Document, File, Group, Item, Part, Raw, State, Unit};
use crate::compact::compact;
use crate::error::{Error, Location, Problem, ProblemKind, Result};
use crate::str::Compactor;
use crate::window::Window;

/// The size of the buffer [`visit_path`] reads a file through: the window
/// grows by this much at a time.
const READ_BUFFER: usize = 64 * 1024;

/// Receives a document piece by piece, in document order.
///
/// Every method has an empty default, so a visitor implements only what it
/// needs. Values are handed over owned: a visitor that keeps them pays no
/// copy, one that drops them frees them at once.
///
/// # Examples
///
/// Count units without building a [`Document`]:
///
/// ```
/// use newsloc_xliff::{Unit, Visitor, visit_slice};
/// struct Count(usize);
/// impl Visitor for Count {
///     fn unit(&mut self, _unit: Unit) {
///         self.0 += 1;
///     }
/// }
/// let xml = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
///   <file id="f"><unit id="a"><segment><source>Hi</source></segment></unit>
///   <group id="g"><unit id="b"><segment><source>Yo</source></segment></unit></group></file></xliff>"#;
/// let mut count = Count(0);
/// let problems = visit_slice(xml.as_bytes(), &mut count)?;
/// assert!(problems.is_empty());
/// assert_eq!(count.0, 2);
/// # Ok::<(), newsloc_xliff::Error>(())
/// ```
pub trait Visitor {
    /// The root: version, languages, root attributes and prolog (no files).
    fn start(&mut self, _root: Document) {}
    /// A file's header: attributes, notes, metadata, skeleton (no items).
    fn file(&mut self, _file: File) {}
    /// The end of the current file.
    fn file_end(&mut self) {}
    /// A group's header: attributes, notes, metadata (no items).
    fn group(&mut self, _group: Group) {}
    /// The end of the current group.
    fn group_end(&mut self) {}
    /// A complete unit.
    fn unit(&mut self, _unit: Unit) {}
    /// A verbatim item in the current file or group, or directly in the
    /// root when no file is open.
    fn raw(&mut self, _raw: Raw) {}
    /// Comments and PIs after the root element.
    fn end(&mut self, _epilog: List<Raw>) {}
}

/// Reads XLIFF bytes of any version and encoding (UTF-8 with or without
/// BOM, UTF-16, declared legacy encodings) and hands the document piece by
/// piece to `visitor`, one unit in memory at a time (both versions are
/// streamed). This is the lenient read ([`Document::try_from_slice`]):
/// the visitor sees the whole document and the problems found are
/// returned; [`check`] is the strict one.
///
/// # Errors
///
/// As [`Document::try_from_slice`]: [`Error::Xml`] with the position when
/// there is no document to read.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{visit_slice, Stats};
/// let xml = br#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
///   <file id="f"><unit id="a"><segment><source>One two</source></segment></unit></file></xliff>"#;
/// let mut stats = Stats::default();
/// let problems = visit_slice(xml, &mut stats)?;
/// assert!(problems.is_empty());
/// assert_eq!(stats.source_words, 2);
/// # Ok::<(), newsloc_xliff::Error>(())
/// ```
pub fn visit_slice<V: Visitor>(bytes: &[u8], visitor: &mut V) -> Result<Vec<Problem>> {
    let decoded = super::encoding::decode(bytes)?;
    match super::sniff_version(&decoded.text) {
        Some(v) if v.is_v2() => super::v2::visit_decoded(&decoded.text, &decoded.map, visitor),
        _ => super::v12::visit_decoded(&decoded.text, &decoded.map, visitor as &mut dyn Visitor),
    }
}

/// As [`visit_slice`], reading through `reader` and keeping only a window
/// of the text in memory: the open headers (root, file, groups) and the
/// piece being read, however large the input. Problems, positions and
/// what the visitor sees are those of [`visit_slice`] on the same bytes,
/// but that a prefix used undeclared is looked for declared elsewhere in
/// the window only (not in the whole file).
///
/// The text is decoded as it is read, and documents of both versions are
/// read window by window: the reader stops before a unit (or header
/// element, or other item) not wholly in the window and goes on with it in
/// the next, so the window holds at least the largest such piece. The
/// unit ids of the file being read are kept (for the duplicate check).
///
/// # Errors
///
/// As [`visit_slice`], and [`Error::Io`] when reading fails. The visitor
/// may have been handed the pieces before the error.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{visit_reader, Stats};
/// let xml = br#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
///   <file id="f"><unit id="a"><segment><source>One two</source></segment></unit></file></xliff>"#;
/// let mut stats = Stats::default();
/// // A reader that hands over 7 bytes at a time.
/// let reader = std::io::BufReader::with_capacity(7, &xml[..]);
/// let problems = visit_reader(reader, &mut stats)?;
/// assert!(problems.is_empty());
/// assert_eq!((stats.units, stats.source_words), (1, 2));
/// # Ok::<(), newsloc_xliff::Error>(())
/// ```
pub fn visit_reader<R: BufRead, V: Visitor>(reader: R, visitor: &mut V) -> Result<Vec<Problem>> {
    let mut w = open_window(reader)?;
    let read = match super::sniff_version(&w.text) {
        Some(v) if v.is_v2() => super::v2::visit_window(&mut w, visitor),
        _ => super::v12::visit_window(&mut w, visitor as &mut dyn Visitor),
    };
    w.finish(read)
}

/// The first window of the input read by `reader`: as far as the root's
/// start tag, which says the version.
fn open_window<R: BufRead>(reader: R) -> Result<Window<R>> {
    let mut w = Window::open(reader)?;
    let mut scan = crate::window::Scanner::new(0, 0);
    while !scan.root_ready(&w.text, w.base) && w.more()? {}
    Ok(w)
}

/// As [`visit_reader`], reading the file at `path` through a 64 KiB
/// buffered reader; errors name the file.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, else as [`visit_slice`]
/// with the file in the location (and in every problem's).
pub fn visit_path<V: Visitor>(path: impl AsRef<Path>, visitor: &mut V) -> Result<Vec<Problem>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: Some(path.to_path_buf()),
        source,
    })?;
    let reader = std::io::BufReader::with_capacity(READ_BUFFER, file);
    let read = visit_reader(reader, visitor);
    let mut problems = read.map_err(|e| e.with_file(path))?;
    for p in &mut problems {
        p.location.file.get_or_insert_with(|| path.to_path_buf());
    }
    Ok(problems)
}

/// The strict check of XLIFF bytes of any version: their [`Stats`], or
/// every problem found (each with its position and unit) when one is an
/// error. Reading stops at the first well-formedness error; rule
/// violations are all collected.
///
/// # Errors
///
/// The problems (warnings among them), never empty.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::check;
/// let bad = br#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
///   <file id="f"><unit id="a"><segment><source>x</source></segment></unit>
///   <unit id="a"><segment><source>y</source><target>z</target></segment></unit></file></xliff>"#;
/// let problems = check(bad).unwrap_err();
/// assert_eq!(problems.len(), 2); // duplicate unit id, target without trgLang
/// assert_eq!(problems[0].location.position.map(|p| p.line), Some(3));
/// ```
pub fn check(bytes: &[u8]) -> std::result::Result<Stats, Vec<Problem>> {
    let mut stats = Stats::default();
    match visit_slice(bytes, &mut stats) {
        Ok(problems) if problems.iter().any(Problem::is_error) => Err(problems),
        Ok(_) => Ok(stats),
        Err(e) => Err(vec![match e.location() {
            Some(location) => Problem::error(
                ProblemKind::Unreadable,
                location.clone(),
                match &e {
                    Error::Xml { message, .. } => message.clone(),
                    other => other.to_string(),
                },
            ),
            None => Problem::error(ProblemKind::Unreadable, Location::default(), e.to_string()),
        }]),
    }
}

/// Feeds a whole document to a visitor, in document order.
#[cfg(test)]
pub(crate) fn replay<V: Visitor>(mut doc: Document, visitor: &mut V) {
    let files = std::mem::take(&mut doc.files);
    let epilog = std::mem::take(&mut doc.epilog);
    visitor.start(doc);
    for mut f in files {
        let items = std::mem::take(&mut f.items);
        visitor.file(f);
        replay_items(items, visitor);
        visitor.file_end();
    }
    visitor.end(epilog);
}

#[cfg(test)]
fn replay_items<V: Visitor>(items: List<Item>, visitor: &mut V) {
    for item in items {
        match item {
            Item::Unit(u) => visitor.unit(u.into_inner()),
            Item::Group(mut g) => {
                let inner = std::mem::take(&mut g.items);
                visitor.group(g.into_inner());
                replay_items(inner, visitor);
                visitor.group_end();
            }
            Item::Raw(r) => visitor.raw(r),
        }
    }
}

/// Collects visited pieces into a [`Document`].
#[derive(Default)]
pub(crate) struct Builder {
    doc: Document,
    groups: Vec<Group>,
    in_file: bool,
    /// Gives each piece its own buffer (see [`crate::compact`]).
    compactor: Compactor,
}

impl Builder {
    /// The document built.
    pub(crate) fn finish(mut self) -> Document {
        while !self.groups.is_empty() {
            self.group_end();
        }
        self.doc
    }

    fn push(&mut self, item: Item) {
        if let Some(g) = self.groups.last_mut() {
            g.items.push(item);
        } else if let Some(f) = self.doc.files.last_mut() {
            f.items.push(item);
        }
    }
}

impl Visitor for Builder {
    fn start(&mut self, mut root: Document) {
        compact(&mut root, &mut self.compactor);
        self.doc = root;
    }
    fn file(&mut self, mut file: File) {
        compact(&mut file, &mut self.compactor);
        self.doc.files.push(file);
        self.in_file = true;
    }
    fn file_end(&mut self) {
        self.in_file = false;
        if let Some(f) = self.doc.files.last_mut() {
            f.items.shrink_to_fit();
        }
    }
    fn group(&mut self, mut group: Group) {
        compact(&mut group, &mut self.compactor);
        self.groups.push(group);
    }
    fn group_end(&mut self) {
        if let Some(mut g) = self.groups.pop() {
            g.items.shrink_to_fit();
            self.push(g.into());
        }
    }
    fn unit(&mut self, mut unit: Unit) {
        compact(&mut unit, &mut self.compactor);
        self.push(unit.into());
    }
    fn raw(&mut self, mut raw: Raw) {
        compact(&mut raw, &mut self.compactor);
        if self.in_file {
            self.push(Item::Raw(raw));
        } else {
            self.doc.extensions.push(raw);
        }
    }
    fn end(&mut self, mut epilog: List<Raw>) {
        compact(&mut epilog, &mut self.compactor);
        self.doc.epilog = epilog;
    }
}

/// Counts of a document: files, units, segments, source words and words by
/// state, computed while streaming.
///
/// Words are counted as runs of alphanumeric characters in the plain source
/// text (codes left out); a CJK text counts each run of ideographs without
/// spaces as one word, so compare counts of the same language only.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{State, Stats, visit_slice};
/// let xml = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
///   <file id="f"><unit id="a"><segment state="translated"><source>Two words.</source><target>Deux mots.</target></segment>
///   <segment><source>And three more</source></segment></unit></file></xliff>"#;
/// let mut stats = Stats::default();
/// visit_slice(xml.as_bytes(), &mut stats)?;
/// assert_eq!((stats.files, stats.units, stats.segments, stats.source_words), (1, 1, 2, 5));
/// assert_eq!(stats.words_in(State::Translated), 2);
/// assert_eq!(stats.words_in(State::Initial), 3);
/// # Ok::<(), newsloc_xliff::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Number of files.
    pub files: usize,
    /// Number of units.
    pub units: usize,
    /// Number of segments.
    pub segments: usize,
    /// Segments with a target (even empty).
    pub segments_with_target: usize,
    /// Words in the sources of all segments.
    pub source_words: usize,
    /// Source words by segment state, indexed by `state_index`; read
    /// through [`Stats::words_in`].
    words_by_state: [usize; 4],
}

impl Stats {
    /// Source words of segments in this state; a segment without a state
    /// counts as initial.
    pub fn words_in(&self, state: State) -> usize {
        self.words_by_state
            .get(state_index(state))
            .copied()
            .unwrap_or(0)
    }
}

fn state_index(state: State) -> usize {
    match state {
        State::Initial => 0,
        State::Translated => 1,
        State::Reviewed => 2,
        State::Final => 3,
    }
}

/// Counts words: maximal runs of alphanumeric characters (with inner
/// apostrophes, hyphens and periods joining them, as in `don't`, `U.S.`),
/// except that each Han character, hiragana and katakana counts as one word
/// by itself, as CAT tools count Chinese and Japanese (which have no spaces
/// between words). Hangul is written with spaces and counted by runs.
pub fn count_words(s: &str) -> usize {
    let mut w = Words::default();
    w.feed(s);
    w.n
}

/// A word count fed text piece by piece: the pieces count as the text they
/// make together (a word split by a code between two pieces is one word).
#[derive(Default)]
struct Words {
    n: usize,
    in_word: bool,
    /// The last character was a joiner after a word (`'`, `’`, `-`, `.`).
    joiner: bool,
}

/// How [`Words`] reads each ASCII byte.
#[derive(Clone, Copy, PartialEq)]
enum Ascii {
    AlphaNumeric,
    Joiner,
    Other,
}

/// [`Ascii`] for every byte below 0x80.
static ASCII: [Ascii; 128] = {
    let mut t = [Ascii::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = Ascii::AlphaNumeric;
        } else if matches!(c, b'\'' | b'-' | b'.') {
            t[b] = Ascii::Joiner;
        }
        b += 1;
    }
    t
};

impl Words {
    /// Counts the words of `s`, after the text fed so far.
    fn feed(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // ASCII (most of the text in most languages' markup and
            // numbers, all of it in English) by table, the rest by char.
            let class = if let Some(&class) = ASCII.get(usize::from(b)) {
                i += 1;
                class
            } else {
                let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                if is_cjk_char(c) {
                    self.n += 1;
                    self.in_word = false;
                    self.joiner = false;
                    continue;
                } else if c.is_alphanumeric() {
                    Ascii::AlphaNumeric
                } else if c == '’' {
                    Ascii::Joiner
                } else {
                    Ascii::Other
                }
            };
            match class {
                Ascii::AlphaNumeric => {
                    if !self.in_word {
                        self.n += 1;
                    }
                    self.in_word = true;
                    self.joiner = false;
                }
                Ascii::Joiner if self.in_word && !self.joiner => self.joiner = true,
                _ => {
                    self.in_word = false;
                    self.joiner = false;
                }
            }
        }
    }
}

/// A Han character (CJK Unified Ideographs and their extensions,
/// compatibility ideographs), hiragana or katakana (the prolonged sound mark
/// included).
fn is_cjk_char(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}' // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}' // half-width katakana
        | '\u{20000}'..='\u{3134F}' // extensions B to G
    ) && c != '\u{30FB}' // katakana middle dot: punctuation
}

impl Visitor for Stats {
    fn file(&mut self, _file: File) {
        self.files += 1;
    }
    fn unit(&mut self, unit: Unit) {
        self.units += 1;
        for p in &unit.parts {
            if let Part::Segment(s) = p {
                self.segments += 1;
                if s.target.is_some() {
                    self.segments_with_target += 1;
                }
                let mut w = Words::default();
                s.source.for_each_plain_text(&mut |t| w.feed(t));
                let words = w.n;
                self.source_words += words;
                let i = state_index(s.state.unwrap_or_default());
                if let Some(slot) = self.words_by_state.get_mut(i) {
                    *slot += words;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_rebuilds_the_same_document() {
        let xml = br#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en" datatype="plaintext"><body><group id="g"><trans-unit id="1"><source>Hi there</source></trans-unit></group><trans-unit id="2"><source>Bye</source></trans-unit></body></file></xliff>"#;
        let doc = Document::from_slice(xml).unwrap();
        let mut b = Builder::default();
        replay(doc.clone(), &mut b);
        assert_eq!(b.finish(), doc);
        let stats = check(xml).unwrap();
        assert_eq!((stats.files, stats.units, stats.source_words), (1, 2, 3));
    }

    /// The counting rule, a character at a time.
    fn count_words_by_chars(s: &str) -> usize {
        let mut n = 0;
        let mut in_word = false;
        let mut joiner = false;
        for c in s.chars() {
            if is_cjk_char(c) {
                n += 1;
                in_word = false;
                joiner = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    n += 1;
                }
                in_word = true;
                joiner = false;
            } else if in_word && !joiner && matches!(c, '\'' | '’' | '-' | '.') {
                joiner = true;
            } else {
                in_word = false;
                joiner = false;
            }
        }
        n
    }

    proptest::proptest! {
        #[test]
        fn word_counts_agree_with_a_char_by_char_count(
            pieces in proptest::collection::vec(
                "([aZ7 .'’‘-]|[éß\\u{300}]|[\\u{0}-\\u{7f}]|\\PC|[北がサ・]|[서]){0,12}",
                0..5,
            )
        ) {
            let whole: String = pieces.concat();
            proptest::prop_assert_eq!(count_words(&whole), count_words_by_chars(&whole));
            let mut w = Words::default();
            for p in &pieces {
                w.feed(p);
            }
            proptest::prop_assert_eq!(w.n, count_words_by_chars(&whole));
        }
    }

    #[test]
    fn words() {
        assert_eq!(count_words("The U.S. didn't call."), 4);
        assert_eq!(count_words("  "), 0);
        assert_eq!(count_words("don’t stop-"), 2);
        assert_eq!(count_words("well-known 3.5 km"), 3);
        assert_eq!(count_words("서울 — 북한"), 2);
        // Chinese and Japanese: one word per Han character and kana
        assert_eq!(count_words("北韩发射导弹。"), 6);
        assert_eq!(count_words("北朝鮮がミサイルを発射"), 11);
        assert_eq!(count_words("東京・大阪"), 4);
        assert_eq!(count_words("G7サミット 2026年"), 7); // G7, サ ミ ッ ト, 2026, 年
    }
}
