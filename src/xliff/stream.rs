//! Streaming: readers hand a document to a [`Visitor`] piece by piece
//! (root, file headers, groups, units), so tools that only count or check
//! keep memory flat however large the file. [`Document`] reading is one
//! visitor that collects everything; [`Stats`] is another.

use super::document::{Document, File, Group, Item, Part, Raw, State, Unit};

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
/// use newsloc::xliff::{v2, Unit, Visitor};
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
/// v2::visit(xml, &mut count)?;
/// assert_eq!(count.0, 2);
/// # Ok::<(), newsloc::Error>(())
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
    fn end(&mut self, _epilog: Vec<Raw>) {}
}

/// Collects visited pieces into a [`Document`].
#[derive(Default)]
pub(crate) struct Builder {
    doc: Document,
    groups: Vec<Group>,
    in_file: bool,
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
    fn start(&mut self, root: Document) {
        self.doc = root;
    }
    fn file(&mut self, file: File) {
        self.doc.files.push(file);
        self.in_file = true;
    }
    fn file_end(&mut self) {
        self.in_file = false;
    }
    fn group(&mut self, group: Group) {
        self.groups.push(group);
    }
    fn group_end(&mut self) {
        if let Some(g) = self.groups.pop() {
            self.push(Item::Group(Box::new(g)));
        }
    }
    fn unit(&mut self, unit: Unit) {
        self.push(Item::Unit(Box::new(unit)));
    }
    fn raw(&mut self, raw: Raw) {
        if self.in_file {
            self.push(Item::Raw(raw));
        } else {
            self.doc.extensions.push(raw);
        }
    }
    fn end(&mut self, epilog: Vec<Raw>) {
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
/// use newsloc::xliff::{v2, State, Stats};
/// let xml = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
///   <file id="f"><unit id="a"><segment state="translated"><source>Two words.</source><target>Deux mots.</target></segment>
///   <segment><source>And three more</source></segment></unit></file></xliff>"#;
/// let mut stats = Stats::default();
/// v2::visit(xml, &mut stats)?;
/// assert_eq!((stats.files, stats.units, stats.segments, stats.source_words), (1, 1, 2, 5));
/// assert_eq!(stats.words_in(State::Translated), 2);
/// assert_eq!(stats.words_in(State::Initial), 3);
/// # Ok::<(), newsloc::Error>(())
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
    /// Source words by segment state (initial, translated, reviewed,
    /// final); a segment without a state counts as initial.
    pub words_by_state: [usize; 4],
}

impl Stats {
    /// Source words of segments in this state.
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
/// apostrophes, hyphens and periods joining them, as in `don't`, `U.S.`).
pub(crate) fn count_words(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    let mut joiner = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
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
                let words = count_words(&s.source.plain_text());
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
    fn words() {
        assert_eq!(count_words("The U.S. didn't call."), 4);
        assert_eq!(count_words("  "), 0);
        assert_eq!(count_words("well-known 3.5 km"), 3);
        assert_eq!(count_words("서울 — 북한"), 2);
    }
}
