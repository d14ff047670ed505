//! The fuzzy scorer shared by version alignment and the translation memory.
//!
//! Two segments are compared in their canonical form (the form source hashes
//! are taken of: text with white space folded, each inline code as a token
//! `{c:1}`, `{/c:1}`, `{x:2}`, each protected span as `{p:text}`).
//!
//! The score, from 0 to 100, is computed as CAT tools do:
//!
//! 1. Identical canonical forms score 100, and only they do.
//! 2. Forms that differ only in white space (`Seoul ,` / `Seoul,`), or only
//!    in letter case or punctuation, score 99.
//! 3. Otherwise both are split into tokens: words and numbers by Unicode
//!    word boundaries (UAX #29: `3,200`, `4.5` and `don't` are one token),
//!    except that each Han character, hiragana and katakana is a token of
//!    its own (Chinese and Japanese have no spaces between words); each
//!    other non-space character (punctuation) is a token, and each inline
//!    code or protected span is one token.
//!    With `n` tokens in the longer segment and `d` the Levenshtein distance
//!    between the two token sequences (insert, delete, substitute a token,
//!    each costing 1), the score is `100 × (1 − d / n)`, rounded down. When
//!    the longer segment has fewer than four tokens, the segments are
//!    compared character by character instead (`n` and `d` counted in
//!    characters, each inline code still one), since one word of three is
//!    too coarse a step.
//! 4. A score below 100 is capped at 99.
//!
//! The numbers of the two segments are compared as well: when the sequence
//! of number tokens differs, [`Similarity::figures_differ`] is set, since a
//! changed figure is usually the point of a news update and a translator
//! must not take the old one over. Rule 2 does not apply then, except to a
//! difference in white space alone.

use unicode_segmentation::UnicodeSegmentation;

/// How alike two segments are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Similarity {
    /// 0 to 100; 100 only for identical canonical forms.
    pub score: u8,
    /// The numbers in the two segments differ (in value or in order).
    pub figures_differ: bool,
}

/// One token of a canonical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// A word: letters and marks.
    Word(&'a str),
    /// A number, with its inner separators.
    Number(&'a str),
    /// An inline code or protected span, braces included.
    Code(&'a str),
    /// One character of punctuation or a symbol.
    Punct(&'a str),
}

/// Splits a canonical form into tokens: codes first, then the text between
/// them by Unicode word boundaries (UAX #29, which keeps `3,200` and `U.S`
/// together and makes each Han character and hiragana a word of its own).
pub(crate) fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let code = rest
            .match_indices('{')
            .find_map(|(i, _)| code_end(&rest[i..]).map(|n| (i, n)));
        let Some((i, n)) = code else {
            words(rest, &mut out);
            return out;
        };
        words(&rest[..i], &mut out);
        out.push(Token::Code(&rest[i..i + n]));
        rest = &rest[i + n..];
    }
}

/// The tokens of plain text.
fn words<'a>(text: &'a str, out: &mut Vec<Token<'a>>) {
    for w in text.split_word_bounds() {
        let Some(first) = w.chars().next() else {
            continue;
        };
        if first.is_whitespace() {
            continue;
        }
        if first.is_numeric() {
            out.push(Token::Number(w));
        } else if w.chars().any(is_cjk) {
            // one token per character (a katakana word is one UAX #29 word)
            for (i, c) in w.char_indices() {
                out.push(Token::Word(&w[i..i + c.len_utf8()]));
            }
        } else if w.chars().any(char::is_alphanumeric) {
            out.push(Token::Word(w));
        } else {
            // a run of punctuation: one token per character
            for (i, c) in w.char_indices() {
                out.push(Token::Punct(&w[i..i + c.len_utf8()]));
            }
        }
    }
}

/// A Han character (with the ideographic iteration and closing marks), a
/// hiragana or a katakana (full or half width).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A symbol of the character comparison of rule 3: one character, or one
/// inline code or protected span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Symbol<'a> {
    Char(char),
    Code(&'a str),
}

fn symbols(s: &str) -> Vec<Symbol<'_>> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if let Some(n) = code_end(rest) {
            out.push(Symbol::Code(&rest[..n]));
            i += n;
        } else if let Some(c) = rest.chars().next() {
            out.push(Symbol::Char(c));
            i += c.len_utf8();
        } else {
            break;
        }
    }
    out
}

/// The length in bytes of an inline-code token at the start of `s`
/// (`{c:1}`, `{/c:1}`, `{x:2}`, `{p:text}`), if it is one.
pub(crate) fn code_end(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('{')?;
    let protected = rest.starts_with("p:");
    if !(protected || rest.starts_with("c:") || rest.starts_with("/c:") || rest.starts_with("x:")) {
        return None;
    }
    rest.find('}').map(|j| j + 2)
}

/// Whether two token sequences are equal in the form rule 2 compares:
/// punctuation left out, words lower-cased, numbers as their digits, codes
/// as they are.
fn loose_eq(a: &[Token<'_>], b: &[Token<'_>]) -> bool {
    let kept = |t: &&Token<'_>| !matches!(t, Token::Punct(_));
    let mut x = a.iter().filter(kept);
    let mut y = b.iter().filter(kept);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) => {
                let same = match (p, q) {
                    (Token::Word(p), Token::Word(q)) => p
                        .chars()
                        .flat_map(char::to_lowercase)
                        .eq(q.chars().flat_map(char::to_lowercase)),
                    (Token::Number(p), Token::Number(q)) => p
                        .chars()
                        .filter(|c| c.is_numeric())
                        .eq(q.chars().filter(|c| c.is_numeric())),
                    (Token::Code(p), Token::Code(q)) => p == q,
                    _ => false,
                };
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The Levenshtein distance between two sequences (insert, delete,
/// substitute, each 1; strsim's), with the common beginning and end taken
/// off first, which makes the usual news edit (a figure, a word) nearly
/// linear.
fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    // strsim takes sized collections: views of the (usually short) middles
    let (a, b): (Vec<&T>, Vec<&T>) = (a.iter().collect(), b.iter().collect());
    strsim::generic_levenshtein(&a, &b)
}

/// Scores how alike two segments are, from their canonical forms; see the
/// module docs for the formula.
///
/// # Examples
///
/// ```
/// use newsloc::versions::similarity;
///
/// let old = "Rescuers found 12 more bodies on Tuesday.";
/// assert_eq!(similarity(old, old).score, 100);
/// assert_eq!(similarity(old, "rescuers found 12 more bodies on Tuesday").score, 99);
/// let changed = similarity(old, "Rescuers found 14 more bodies on Tuesday.");
/// assert!(changed.figures_differ);
/// assert_eq!(changed.score, 87); // one token of eight replaced, rounded down
/// ```
pub fn similarity(old: &str, new: &str) -> Similarity {
    if old == new {
        return Similarity {
            score: 100,
            figures_differ: false,
        };
    }
    let a = tokens(old);
    let b = tokens(new);
    similarity_of_tokens(old, new, &a, &b)
}

/// [`similarity`] on forms already split into tokens.
pub(crate) fn similarity_of_tokens(
    old: &str,
    new: &str,
    a: &[Token<'_>],
    b: &[Token<'_>],
) -> Similarity {
    if old == new {
        return Similarity {
            score: 100,
            figures_differ: false,
        };
    }
    fn no_space(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|c| !c.is_whitespace())
    }
    fn numbers<'t, 's>(t: &'t [Token<'s>]) -> impl Iterator<Item = &'s str> + 't {
        t.iter().filter_map(|t| match t {
            Token::Number(n) => Some(*n),
            _ => None,
        })
    }
    if no_space(old).eq(no_space(new)) {
        return Similarity {
            score: 99,
            figures_differ: false,
        };
    }
    let figures_differ = !numbers(a).eq(numbers(b));
    let score = if !figures_differ && loose_eq(a, b) {
        99
    } else if a.len().max(b.len()) < 4 {
        let (x, y) = (symbols(old), symbols(new));
        ratio(levenshtein(&x, &y), x.len().max(y.len()))
    } else {
        ratio(levenshtein(a, b), a.len().max(b.len()))
    };
    Similarity {
        score: score.min(99),
        figures_differ,
    }
}

/// `100 × (1 − d / n)`, rounded down; 0 when `n` is 0.
fn ratio(d: usize, n: usize) -> u8 {
    if n == 0 {
        return 0;
    }
    let d = d.min(n);
    ((100 * (n - d)) / n) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_codes_numbers_words_and_punctuation() {
        let t = tokens("He said {c:1}no.{/c:1} 3,200 {p:KCNA} U.S.");
        assert_eq!(
            t,
            [
                Token::Word("He"),
                Token::Word("said"),
                Token::Code("{c:1}"),
                Token::Word("no"),
                Token::Punct("."),
                Token::Code("{/c:1}"),
                Token::Number("3,200"),
                Token::Code("{p:KCNA}"),
                Token::Word("U.S"),
                Token::Punct("."),
            ]
        );
        // a comma after a number that no digit follows is punctuation
        assert_eq!(tokens("3, 4")[1], Token::Punct(","));
        // each ideograph and kana is a token; Hangul words are words
        assert_eq!(tokens("東京で").len(), 3);
        assert_eq!(tokens("서울 시내").len(), 2);
        // a brace that opens no code is punctuation
        assert_eq!(tokens("{oops")[0], Token::Punct("{"));
    }

    #[test]
    fn identical_scores_100_and_nothing_else_does() {
        assert_eq!(similarity("a b c d", "a b c d").score, 100);
        assert_eq!(similarity("a b c d", "a b c d.").score, 99);
        assert_eq!(similarity("", "").score, 100);
        assert_eq!(similarity("", "x").score, 0);
    }

    #[test]
    fn case_punctuation_and_whitespace_alone_score_99() {
        let s = similarity("Seoul, the capital, said so.", "seoul the capital said so");
        assert_eq!(s.score, 99);
        assert!(!s.figures_differ);
    }

    #[test]
    fn token_distance_over_the_longer_segment() {
        // 10 tokens, one substituted: 90
        let s = similarity(
            "The ministry said on Monday that talks would resume .",
            "The ministry said on Friday that talks would resume .",
        );
        assert_eq!(s.score, 90);
        // one token added to 9: distance 1 over 10
        let s = similarity(
            "The ministry said that talks would resume soon .",
            "The ministry said that the talks would resume soon .",
        );
        assert_eq!(s.score, 90);
    }

    #[test]
    fn short_segments_by_characters() {
        // "Seoul" vs "Seol": 3 tokens at most, so characters: 1 of 5
        assert_eq!(similarity("Seoul", "Seol").score, 80);
    }

    #[test]
    fn a_changed_figure_is_flagged_and_never_99_by_punctuation() {
        let s = similarity("3,200 people died.", "3.200 people died.");
        assert!(s.figures_differ);
        assert!(s.score < 99);
        let s = similarity(
            "At least 12 people were killed in the fire on Monday.",
            "At least 14 people were killed in the fire on Monday.",
        );
        assert!(s.figures_differ);
        assert_eq!(s.score, 91); // 1 of 12 tokens
    }

    #[test]
    fn white_space_alone_scores_99_even_inside_a_figure() {
        let s = similarity("Seoul , the capital", "Seoul, the capital");
        assert_eq!((s.score, s.figures_differ), (99, false));
        let s = similarity("3 200 people", "3200 people");
        assert_eq!((s.score, s.figures_differ), (99, false));
    }

    #[test]
    fn every_han_character_and_kana_is_a_token() {
        // テレビ is one UAX #29 word, three tokens here
        assert_eq!(tokens("テレビで見た").len(), 6);
        assert_eq!(tokens("北朝鮮が発射").len(), 6);
        // 12 tokens: 北 朝 鮮 が ミ サ イ ル を 発 射 。, one replaced
        let s = similarity("北朝鮮がミサイルを発射。", "北朝鮮がミサイルを発表。");
        assert_eq!(s.score, 91);
        // Hangul words stay words: 3 tokens, so characters, spaces
        // included: 1 of 9
        let s = similarity("미사일 발사 보도", "미사일 발사 보고");
        assert_eq!(s.score, 88);
    }

    #[test]
    fn a_code_is_one_character_in_short_segments() {
        // 2 tokens: by characters, {c:1} and {/c:1} one each: 2 of 7
        assert_eq!(similarity("{c:1}Seoul{/c:1}", "Seoul").score, 71);
    }

    #[test]
    fn codes_count_as_tokens() {
        let s = similarity("{c:1}Kim{/c:1} met Moon in Seoul", "Kim met Moon in Seoul");
        assert_eq!(s.score, 71); // 2 of 7 tokens removed
    }
}
