//! Built-in segmentation: UAX #29 sentence boundaries refined by
//! per-language data files (`src/segment/rules/<lang>.txt`).
//!
//! The format of the data files is documented in `docs/segmentation.md`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

/// What an abbreviation (a word ending in a full stop) does to a sentence
/// boundary after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A sentence never ends after it (`Gen.`, `Dr.`).
    NeverBreak,
    /// No sentence end when the next word starts with a digit (`Sept. 12`,
    /// `No. 2`); otherwise an ordinary full stop.
    BeforeNumber,
    /// A sentence ends after it only when the next word usually begins a
    /// sentence (`U.S. The ...` breaks, `U.S. President ...` does not).
    Ambiguous,
}

/// The rules of one language, parsed from its data file.
#[derive(Debug, Default)]
pub(crate) struct Rules {
    /// Language code of the data file (`en`), empty for the generic rules.
    pub(crate) lang: &'static str,
    /// Abbreviations as written, with their final full stop.
    abbrev: HashMap<String, Class>,
    /// The same, lower-cased, for words written in capitals (`SEPT. 12`).
    abbrev_lower: HashMap<String, Class>,
    /// First words of two-word abbreviations (`z.` of `z. B.`).
    first_words: HashSet<String>,
    /// Words that usually begin a sentence.
    starters: HashSet<String>,
    /// Text that continues a sentence right after a closing quote or bracket.
    continuations: Vec<String>,
    /// Verbs of saying: `"Why?" Kim asked` is one sentence.
    speech_verbs: HashSet<String>,
    /// `12.` followed by a word that is not a starter is an ordinal number.
    ordinal_numbers: bool,
}

/// The data files, by language code.
const DATA: &[(&str, &str)] = &[
    ("ar", include_str!("rules/ar.txt")),
    ("de", include_str!("rules/de.txt")),
    ("en", include_str!("rules/en.txt")),
    ("es", include_str!("rules/es.txt")),
    ("fr", include_str!("rules/fr.txt")),
    ("ja", include_str!("rules/ja.txt")),
    ("ko", include_str!("rules/ko.txt")),
    ("ru", include_str!("rules/ru.txt")),
    ("zh", include_str!("rules/zh.txt")),
];

/// The built-in rules for a primary language subtag, or the generic rules
/// (UAX #29 and the language-independent refinements) for any other.
pub(crate) fn builtin(lang: &str) -> &'static Rules {
    static PARSED: OnceLock<Vec<Rules>> = OnceLock::new();
    static GENERIC: OnceLock<Rules> = OnceLock::new();
    PARSED
        .get_or_init(|| DATA.iter().map(|(lang, src)| parse(lang, src).0).collect())
        .iter()
        .find(|r| r.lang.eq_ignore_ascii_case(lang))
        .unwrap_or_else(|| GENERIC.get_or_init(Rules::default))
}

/// Parses a data file. Lines that cannot be understood are skipped and
/// described in the second value (the unit tests require it to be empty for
/// every shipped file).
fn parse(lang: &'static str, src: &str) -> (Rules, Vec<String>) {
    #[derive(Clone, Copy)]
    enum Section {
        None,
        Abbrev(Class),
        Starters,
        Continuations,
        SpeechVerbs,
        Options,
    }
    let mut rules = Rules {
        lang,
        ..Rules::default()
    };
    let mut problems = Vec::new();
    let mut section = Section::None;
    for (n, raw) in src.lines().enumerate() {
        let line = match raw.find(" #") {
            Some(i) => raw.get(..i).unwrap_or(raw),
            None => raw,
        }
        .trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = match name {
                "never-break" => Section::Abbrev(Class::NeverBreak),
                "before-number" => Section::Abbrev(Class::BeforeNumber),
                "ambiguous" => Section::Abbrev(Class::Ambiguous),
                "starters" => Section::Starters,
                "continuations" => Section::Continuations,
                "speech-verbs" => Section::SpeechVerbs,
                "options" => Section::Options,
                _ => {
                    problems.push(format!("{lang}.txt:{}: unknown section [{name}]", n + 1));
                    Section::None
                }
            };
            continue;
        }
        match section {
            Section::None => {
                problems.push(format!("{lang}.txt:{}: entry outside a section", n + 1));
            }
            Section::Abbrev(class) => {
                let words = line.split(' ').count();
                if !line.ends_with('.')
                    || words > 2
                    || line.chars().any(|c| c.is_whitespace() && c != ' ')
                    || line.contains("  ")
                {
                    problems.push(format!(
                        "{lang}.txt:{}: abbreviation `{line}` must be one or two words ending in `.`",
                        n + 1
                    ));
                    continue;
                }
                if let Some((first, _)) = line.split_once(' ') {
                    rules.first_words.insert(first.to_owned());
                }
                if rules.abbrev.insert(line.to_owned(), class).is_some() {
                    problems.push(format!("{lang}.txt:{}: `{line}` listed twice", n + 1));
                }
                rules
                    .abbrev_lower
                    .entry(line.to_lowercase())
                    .or_insert(class);
            }
            Section::Starters => {
                if !line.chars().all(char::is_alphabetic) {
                    problems.push(format!(
                        "{lang}.txt:{}: starter `{line}` must be letters only",
                        n + 1
                    ));
                    continue;
                }
                rules.starters.insert(line.to_owned());
            }
            Section::Continuations => rules.continuations.push(line.to_owned()),
            Section::SpeechVerbs => {
                rules.speech_verbs.insert(line.to_owned());
            }
            Section::Options => match line {
                "ordinal-numbers" => rules.ordinal_numbers = true,
                _ => problems.push(format!("{lang}.txt:{}: unknown option `{line}`", n + 1)),
            },
        }
    }
    (rules, problems)
}

/// The placeholder the caller may put in the text for an inline code.
const OBJECT: char = '\u{FFFC}';

/// Characters that end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '?'
            | '!'
            | '…'
            | '。'
            | '．'
            | '｡'
            | '！'
            | '？'
            | '؟'
            | '۔'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '।'
            | '॥'
    )
}

/// Quotes and brackets that may close a sentence after its terminal.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '”'
            | '’'
            | '“' // closing quote in German
            | '‘'
            | '»'
            | '«'
            | '›'
            | '‹'
            | '」'
            | '』'
            | '）'
            | '］'
            | '｝'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '｣'
            | '〗'
            | '〙'
    )
}

/// Quotes and brackets that may open a sentence.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '「'
            | '『'
            | '（'
            | '［'
            | '｛'
            | '【'
            | '《'
            | '〈'
            | '〔'
            | '｢'
            | '〖'
            | '〘'
            | '¿'
            | '¡'
    )
}

/// The byte offset after the whitespace that starts at `p`.
fn skip_ws(text: &str, p: usize) -> usize {
    let rest = text.get(p..).unwrap_or("");
    p + (rest.len() - rest.trim_start().len())
}

/// The byte offset before the whitespace that ends at `p`.
pub(crate) fn trim_back(text: &str, p: usize) -> usize {
    text.get(..p).map_or(p, |s| s.trim_end().len())
}

/// Whether `c` may be a UAX #29 sentence terminal (STerm, ATerm) or
/// paragraph separator. Letters, digits and spaces never are; the only
/// ASCII ones are `. ? ! CR LF`.
fn may_end_sentence(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '.' | '?' | '!' | '\r' | '\n')
    } else {
        matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
            || !(c.is_alphanumeric() || c.is_whitespace())
    }
}

/// Letters that are certainly UAX #29 Upper, Lower or OLetter, never
/// Extend or Format: ASCII, Latin, Greek, Cyrillic and Arabic letters,
/// kana, CJK ideographs and Hangul syllables. Other scripts are handled
/// correctly too, only with larger windows.
fn is_base_letter(c: char) -> bool {
    matches!(c,
        'a'..='z' | 'A'..='Z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}'
        | '\u{391}'..='\u{3A1}' | '\u{3A3}'..='\u{3C9}'
        | '\u{410}'..='\u{44F}'
        | '\u{621}'..='\u{63A}' | '\u{641}'..='\u{64A}'
        | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}')
}

/// The UAX #29 sentence boundaries of `text` (byte offsets, without 0),
/// exactly as `split_sentence_bound_indices` gives them, but computed only
/// in small windows around possible terminals.
///
/// Every UAX #29 sentence boundary follows a terminal or separator (rules
/// SB4 and SB11) and is decided by the character before the terminal (SB7)
/// and the text up to the first letter after it (SB8), skipping Extend and
/// Format characters (SB5). A window from the last base letter or space
/// before a possible terminal to the first base letter after it therefore
/// decides every boundary inside it as the whole text would. Letters and
/// spaces, most of any text, are skipped with a cheap test instead of a
/// table lookup. Property tests check the equivalence.
pub(crate) fn uax_boundaries(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // The base letter that ended the previous window.
    let mut floor = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if b < 0x80 {
            if !matches!(b, b'.' | b'?' | b'!' | b'\r' | b'\n') {
                i += 1;
                continue;
            }
            char::from(b)
        } else {
            // Continuation bytes are not char boundaries: `get` fails.
            let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
                i += 1;
                continue;
            };
            if is_base_letter(c) || !may_end_sentence(c) {
                i += c.len_utf8();
                continue;
            }
            c
        };
        // The window starts at the last base letter or space before `i`
        // (the previous window ended with a base letter at `floor`).
        let anchor = text
            .get(floor..i)
            .and_then(|s| {
                s.char_indices()
                    .rev()
                    .find(|&(_, d)| is_base_letter(d) || d.is_whitespace())
            })
            .map_or(floor, |(j, _)| floor + j);
        let from = i + c.len_utf8();
        let tail = text.get(from..).unwrap_or("");
        let (end, last_letter) = tail
            .char_indices()
            .find(|&(_, d)| is_base_letter(d))
            .map_or((text.len(), None), |(j, d)| {
                (from + j + d.len_utf8(), Some(from + j))
            });
        if let Some(window) = text.get(anchor..end) {
            out.extend(
                window
                    .split_sentence_bound_indices()
                    .map(|(j, _)| anchor + j)
                    .filter(|&p| p > i),
            );
        }
        floor = last_letter.unwrap_or(end);
        i = end;
    }
    out
}

impl Rules {
    /// Sentence boundaries in `text`: byte offsets where a sentence starts
    /// (after the inter-sentence whitespace), sorted, without duplicates and
    /// never 0 or `text.len()`.
    pub(crate) fn breaks(&self, text: &str) -> Vec<usize> {
        let mut candidates = uax_boundaries(text);
        // UAX #29 does not treat U+2026 as a terminal; a horizontal
        // ellipsis followed by space and a capital (or an opening quote)
        // ends a sentence as `...` does.
        for (i, _) in text.match_indices('…') {
            let after = i + '…'.len_utf8();
            let p = skip_ws(text, after);
            if p > after
                && text
                    .get(p..)
                    .and_then(|s| s.chars().next())
                    .is_some_and(|c| c.is_uppercase() || is_opener(c))
            {
                candidates.push(p);
            }
        }
        let mut out = Vec::with_capacity(candidates.len());
        for p in candidates {
            if let Some(p) = self.decide(text, p) {
                out.push(p);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Adjusts a UAX #29 boundary candidate and decides whether it stays.
    fn decide(&self, text: &str, p: usize) -> Option<usize> {
        let mut p = skip_ws(text, p);
        if p >= text.len() {
            return None;
        }
        // Closing quotes, brackets or inline-code placeholders (U+FFFC)
        // standing between the boundary and the next space belong to the
        // previous sentence (French `continuerons. » Il`, `Now.<code/> Then`).
        // `«` followed by a space opens a French quotation, so it stays.
        let rest = text.get(p..).unwrap_or("");
        let closers: usize = rest
            .chars()
            .take_while(|&c| (is_closer(c) && !matches!(c, '«' | '‹')) || c == OBJECT)
            .map(char::len_utf8)
            .sum();
        let after = rest.get(closers..).unwrap_or("");
        if closers > 0 && after.chars().next().is_none_or(char::is_whitespace) {
            p = skip_ws(text, p + closers);
            if p >= text.len() {
                return None;
            }
        }
        // Opening quotes or brackets glued to the end of the previous
        // sentence belong to the next one (Japanese `。「`, Chinese `。“`).
        if trim_back(text, p) == p {
            let before = text.get(..p).unwrap_or("");
            let openers: usize = before
                .chars()
                .rev()
                .take_while(|&c| is_opener(c) && !is_closer_only_here(c))
                .map(char::len_utf8)
                .sum();
            if openers > 0 && openers < before.len() {
                p -= openers;
            }
        }
        let q = trim_back(text, p);
        if q == 0 {
            return None;
        }
        let prev = text.get(..q).unwrap_or("");
        let next = text.get(p..).unwrap_or("");

        // The end of the previous sentence: terminal, then closers.
        let prev = prev.trim_end_matches(OBJECT);
        let core = prev.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
        let closed = core.len() < prev.len();
        let Some(terminal) = core.chars().next_back() else {
            return Some(p);
        };
        // A sentence does not start with a lower-case letter: `"Why?" he
        // asked`, `¿Qué? —preguntó`.
        let first = next.trim_start_matches(['—', '–', '-']).chars().next();
        let lower = first.is_some_and(char::is_lowercase);
        if !is_terminal(terminal) {
            // A line break (UAX #29 breaks after every one). A single line
            // break before lower case wraps a sentence; a blank line or a
            // paragraph separator always ends one.
            let gap = text.get(q..p).unwrap_or("");
            let breaks = line_breaks(gap);
            let paragraph = breaks >= 2 || gap.contains('\u{2029}');
            return (paragraph || !lower).then_some(p);
        }
        if lower {
            return None;
        }
        // Text glued to a closing quote that continues the sentence
        // (Japanese `。」と述べた`, Korean `?"라고`).
        if closed
            && q == p
            && self
                .continuations
                .iter()
                .any(|c| next.starts_with(c.as_str()))
        {
            return None;
        }
        // A quoted question or exclamation followed by its speaker:
        // `"Is this fair?" Morrison asked.`
        if closed && matches!(terminal, '?' | '!') && self.names_speaker(next) {
            return None;
        }
        let abbreviation = if terminal == '.' && !closed && q < p && !core.ends_with("..") {
            self.classify(core, next)
        } else {
            None
        };
        let keep = match abbreviation {
            None => true,
            Some(Class::NeverBreak) => false,
            Some(Class::BeforeNumber) => !next
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '('),
            Some(Class::Ambiguous) => self.starts_sentence(next),
        };
        keep.then_some(p)
    }

    /// The class of the word that ends `core` (which ends in a full stop),
    /// from the data file or from its shape (initials, dotted acronyms,
    /// ordinal numbers).
    fn classify(&self, core: &str, next: &str) -> Option<Class> {
        let start = core
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = core
            .get(start..)
            .unwrap_or("")
            .trim_start_matches(is_opener);
        if word.len() <= 1 {
            return None;
        }
        // Two-word abbreviations written with a space (`u. a.`, `т. е.`):
        // the full stop is the first one, or the second.
        let next_word = next.split(char::is_whitespace).next().unwrap_or("");
        if self.first_words.contains(word)
            && self.abbrev.contains_key(&format!("{word} {next_word}"))
        {
            return Some(Class::NeverBreak);
        }
        let before = core.get(..start).unwrap_or("").trim_end();
        let prev_word = before
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .trim_start_matches(is_opener);
        if self.first_words.contains(prev_word)
            && let Some(&class) = self.abbrev.get(&format!("{prev_word} {word}"))
        {
            return Some(class);
        }
        if let Some(&class) = self.abbrev.get(word) {
            return Some(class);
        }
        if !word.chars().any(char::is_lowercase)
            && let Some(&class) = self.abbrev_lower.get(&word.to_lowercase())
        {
            return Some(class);
        }
        let stem = word.strip_suffix('.').unwrap_or(word);
        // An initial follows a name or a word, not a number (`37.2 C.`).
        let after_number = core
            .get(..start)
            .unwrap_or("")
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
        if is_initials(stem) && !after_number {
            return Some(Class::Ambiguous);
        }
        if self.ordinal_numbers && !stem.is_empty() && stem.chars().all(|c| c.is_ascii_digit()) {
            return Some(Class::Ambiguous);
        }
        None
    }

    /// Whether `next` starts with a name (one to three capitalised words,
    /// the first not a sentence starter such as `She`) followed by a verb
    /// of saying.
    fn names_speaker(&self, next: &str) -> bool {
        for (i, word) in next.split_whitespace().take(4).enumerate() {
            let bare = word.trim_end_matches([',', '.', ';', ':']);
            if i == 0 && self.starters.contains(bare) {
                return false;
            }
            if i > 0 && self.speech_verbs.contains(bare) {
                return true;
            }
            if !bare.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
        }
        false
    }

    /// Whether `next` begins like a sentence after an ambiguous full stop:
    /// with a word from the starter list, or with an opening quote.
    fn starts_sentence(&self, next: &str) -> bool {
        let Some(first) = next.chars().next() else {
            return true;
        };
        if is_opener(first) && first != '(' && first != '[' {
            return true;
        }
        let end = next
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(next.len(), |(i, _)| i);
        let word = next.get(..end).unwrap_or("");
        // Another initial follows (`В. В. Путин`): a name goes on.
        let initial =
            word.chars().count() == 1 && next.get(end..).is_some_and(|r| r.starts_with('.'));
        !initial && self.starters.contains(word)
    }
}

/// The number of line breaks in `gap` (CR LF counts once).
fn line_breaks(gap: &str) -> usize {
    let mut chars = gap.chars().peekable();
    let mut n = 0;
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                n += 1;
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => n += 1,
            _ => {}
        }
    }
    n
}

/// `'` and `"` are both openers and closers; at the end of a sentence glued
/// to the next they are taken as closers (`He said "no."Then`), so only
/// unambiguous openers move.
fn is_closer_only_here(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | '«' | '‹')
}

/// `J`, `U.S`, `a.m`, `J.R.R`: one cased letter, or single letters joined
/// by full stops (the final full stop already removed). A lone lower-case
/// letter (`item a.`) does not count.
fn is_initials(stem: &str) -> bool {
    let mut parts = stem.split('.');
    let mut count = 0;
    for part in parts.by_ref() {
        let mut chars = part.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_uppercase() || c.is_lowercase() => count += 1,
            _ => return false,
        }
    }
    count > 1 || stem.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences<'a>(lang: &str, text: &'a str) -> Vec<&'a str> {
        let rules = builtin(lang);
        let mut out = Vec::new();
        let mut start = 0;
        for p in rules.breaks(text).into_iter().chain([text.len()]) {
            out.push(text[start..p].trim());
            start = p;
        }
        out
    }

    #[test]
    fn every_data_file_parses_cleanly() {
        for (lang, src) in DATA {
            let (rules, problems) = parse(lang, src);
            assert!(problems.is_empty(), "{problems:#?}");
            assert!(
                !rules.abbrev.is_empty() || !rules.continuations.is_empty(),
                "{lang}"
            );
        }
    }

    #[test]
    fn parser_reports_bad_lines() {
        let (_, problems) = parse(
            "xx",
            "Gen.\n[titles]\n[never-break]\nGen\n[options]\nfast\n",
        );
        assert_eq!(
            problems,
            [
                "xx.txt:1: entry outside a section",
                "xx.txt:2: unknown section [titles]",
                "xx.txt:4: abbreviation `Gen` must be one or two words ending in `.`",
                "xx.txt:6: unknown option `fast`",
            ]
        );
    }

    #[test]
    fn dateline_month_and_titles() {
        let t = "SEOUL, Sept. 12 (Yonhap) -- Gen. Kim met Adm. John Aquilino. The U.S. called on Pyongyang.";
        assert_eq!(
            sentences("en", t),
            [
                "SEOUL, Sept. 12 (Yonhap) -- Gen. Kim met Adm. John Aquilino.",
                "The U.S. called on Pyongyang."
            ]
        );
    }

    #[test]
    fn ambiguous_abbreviation_breaks_before_starter_only() {
        let t = "He met U.S. President Joe Biden at 3 p.m. Tuesday in the U.S. The talks ended.";
        assert_eq!(
            sentences("en", t),
            [
                "He met U.S. President Joe Biden at 3 p.m. Tuesday in the U.S.",
                "The talks ended."
            ]
        );
    }

    #[test]
    fn initials_and_all_caps_months() {
        assert_eq!(
            sentences(
                "en",
                "Photo by J. Scott Applewhite. SEOUL, SEPT. 3 -- Rain."
            ),
            ["Photo by J. Scott Applewhite.", "SEOUL, SEPT. 3 -- Rain."]
        );
    }

    #[test]
    fn question_in_quotes_followed_by_lowercase() {
        assert_eq!(
            sentences("en", "\"Why now?\" he asked. \"Because.\" Kim left."),
            ["\"Why now?\" he asked.", "\"Because.\"", "Kim left."]
        );
    }

    #[test]
    fn quoted_question_then_speaker() {
        assert_eq!(
            sentences(
                "en",
                "\"Is it fair?\" Morrison asked. \"No!\" Sen. Ann Lee said, smiling. \"Why?\" Kim left. \"Now?\" She said no."
            ),
            [
                "\"Is it fair?\" Morrison asked.",
                "\"No!\" Sen. Ann Lee said, smiling.",
                "\"Why?\"",
                "Kim left.",
                "\"Now?\"",
                "She said no."
            ]
        );
    }

    #[test]
    fn single_letter_after_number_is_a_unit_not_an_initial() {
        assert_eq!(
            sentences("en", "It was 37.2 C. Authorities warned J. Doe."),
            ["It was 37.2 C.", "Authorities warned J. Doe."]
        );
    }

    #[test]
    fn unicode_ellipsis_before_capital() {
        assert_eq!(
            sentences("en", "He waited… and waited… Then he left."),
            ["He waited… and waited…", "Then he left."]
        );
    }

    #[test]
    fn japanese_opening_bracket_moves_to_next_sentence() {
        assert_eq!(
            sentences("ja", "政府は説明を求めた。「注視している」と述べた。"),
            ["政府は説明を求めた。", "「注視している」と述べた。"]
        );
        assert_eq!(
            sentences("ja", "「準備はできている。」と語った。次に進む。"),
            ["「準備はできている。」と語った。", "次に進む。"]
        );
    }

    #[test]
    fn french_closing_guillemet_after_space() {
        assert_eq!(
            sentences("fr", "« Nous continuerons. » Il a quitté la salle."),
            ["« Nous continuerons. »", "Il a quitté la salle."]
        );
    }

    #[test]
    fn german_ordinals() {
        assert_eq!(
            sentences(
                "de",
                "Am 3. Oktober wird gefeiert. Das war im Jahr 2023. Die Lage ist ruhig, z. B. hier."
            ),
            [
                "Am 3. Oktober wird gefeiert.",
                "Das war im Jahr 2023.",
                "Die Lage ist ruhig, z. B. hier."
            ]
        );
    }

    #[test]
    fn korean_quotative_particle() {
        assert_eq!(
            sentences("ko", "\"왜 그랬나?\"라고 물었다. 그는 답하지 않았다."),
            ["\"왜 그랬나?\"라고 물었다.", "그는 답하지 않았다."]
        );
    }

    #[test]
    fn unknown_language_uses_generic_rules() {
        assert_eq!(builtin("xx").lang, "");
        assert_eq!(
            sentences("xx", "Er kam. Sie ging."),
            ["Er kam.", "Sie ging."]
        );
    }

    #[test]
    fn windowed_uax_matches_the_whole_text() {
        for text in [
            "",
            ".",
            "A. b. C! d?\r\n\r\nE",
            "U.S. troops. (The end.) “Yes.” 3.5. 。「x」。",
            "....... ..",
            "\u{2029}a\u{85}b. \u{201d} c",
            "?\u{b56}A",
            "U\u{b56}.S",
            "?\u{200e}\u{b56} a",
        ] {
            let whole: Vec<usize> = text
                .split_sentence_bound_indices()
                .map(|(i, _)| i)
                .filter(|&i| i > 0)
                .collect();
            assert_eq!(uax_boundaries(text), whole, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn windowed_uax_matches_on_arbitrary_text(
            text in proptest::prop_oneof![
                proptest::prelude::any::<String>(),
                "[a-zA-Z0-9 \\u{301}\\u{200e}\\u{200d}\\u{b56}\\u{e01}\\u{e31}\\u{feff}.?!\"'()\\[\\]\r\n\u{2029}\u{85}\u{a0}。「」“”«»…,;:-]{0,60}",
            ]
        ) {
            let whole: Vec<usize> = text
                .split_sentence_bound_indices()
                .map(|(i, _)| i)
                .filter(|&i| i > 0)
                .collect();
            proptest::prop_assert_eq!(uax_boundaries(&text), whole);
        }
    }

    #[test]
    fn line_breaks_wrap_or_end_sentences() {
        assert_eq!(
            sentences(
                "en",
                "Rates held\nsteady on Monday.\nOfficials said\r\n\r\nnothing."
            ),
            [
                "Rates held\nsteady on Monday.",
                "Officials said",
                "nothing."
            ]
        );
        assert_eq!(sentences("en", "Headline\nBody."), ["Headline", "Body."]);
        assert_eq!(line_breaks("\r\n \r\u{2028}\n"), 4);
        assert_eq!(line_breaks(" \r\n "), 1);
    }

    #[test]
    fn initials_shape() {
        assert!(is_initials("J"));
        assert!(is_initials("U.S"));
        assert!(is_initials("a.m"));
        assert!(!is_initials("a"));
        assert!(!is_initials("Gen"));
        assert!(!is_initials("서울"));
        assert!(!is_initials(""));
    }
}
