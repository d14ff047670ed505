//! The number grammar of a language, parsed from its data file
//! (`src/qa/grammar/<lang>.txt`, format in `docs/qa.md`).

use std::sync::OnceLock;

/// A unit word or character that multiplies the number before it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Multiplier {
    pub(crate) word: String,
    pub(crate) value: f64,
    /// A large unit (만, 万, 億) closes a section: `3천만` is 3000 × 10000.
    pub(crate) large: bool,
}

/// How one language writes numbers.
#[derive(Debug, Default)]
pub(crate) struct Grammar {
    /// Language code of the data file (`ko`), empty for the generic grammar.
    pub(crate) lang: &'static str,
    pub(crate) decimal: Vec<char>,
    pub(crate) group: Vec<char>,
    /// Longest first.
    pub(crate) multipliers: Vec<Multiplier>,
    /// Month names (counted only next to a number), longest first.
    pub(crate) months: Vec<(String, f64)>,
    /// Number words (optional figures), longest first.
    pub(crate) words: Vec<(String, f64)>,
    pub(crate) pm_before: Vec<String>,
    pub(crate) pm_after: Vec<String>,
    pub(crate) approx_before: Vec<String>,
    pub(crate) approx_after: Vec<String>,
    pub(crate) half: Vec<String>,
    /// Months (flag true) and number words by their first letter, lower
    /// case, longest first, months before words.
    pub(crate) by_first: foldhash::HashMap<char, Vec<(String, f64, bool)>>,
}

const DATA: &[(&str, &str)] = &[
    ("ar", include_str!("grammar/ar.txt")),
    ("de", include_str!("grammar/de.txt")),
    ("en", include_str!("grammar/en.txt")),
    ("fr", include_str!("grammar/fr.txt")),
    ("ja", include_str!("grammar/ja.txt")),
    ("ko", include_str!("grammar/ko.txt")),
    ("zh", include_str!("grammar/zh.txt")),
];

/// The built-in grammar for a primary language subtag; any other language
/// gets the generic one (decimal `.`, group `,`, no words).
pub(crate) fn builtin(lang: &str) -> &'static Grammar {
    static PARSED: OnceLock<Vec<Grammar>> = OnceLock::new();
    static GENERIC: OnceLock<Grammar> = OnceLock::new();
    PARSED
        .get_or_init(|| DATA.iter().map(|(l, src)| parse(l, src).0).collect())
        .iter()
        .find(|g| g.lang.eq_ignore_ascii_case(lang))
        .unwrap_or_else(|| {
            GENERIC.get_or_init(|| Grammar {
                decimal: vec!['.'],
                group: vec![','],
                ..Grammar::default()
            })
        })
}

fn separator(entry: &str) -> Option<char> {
    match entry {
        "space" => Some(' '),
        _ => {
            if let Some(hex) = entry.strip_prefix("U+") {
                return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
            }
            let mut chars = entry.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        }
    }
}

/// Splits `word(s) value` into the words and the value.
fn word_value(line: &str) -> Option<(String, f64)> {
    let (word, value) = line.rsplit_once(char::is_whitespace)?;
    let value: f64 = value.parse().ok()?;
    let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
    (!word.is_empty() && value.is_finite()).then_some((word, value))
}

/// Parses a data file; lines that cannot be understood are skipped and
/// described in the second value (a unit test requires it empty for every
/// shipped file).
pub(crate) fn parse(lang: &'static str, src: &str) -> (Grammar, Vec<String>) {
    let mut g = Grammar {
        lang,
        ..Grammar::default()
    };
    let mut problems = Vec::new();
    let mut section = "";
    for (n, raw) in src.lines().enumerate() {
        let line = match raw.find(" #") {
            Some(i) => raw.get(..i).unwrap_or(raw),
            None => raw,
        }
        .trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |msg: String| format!("{lang}.txt:{}: {msg}", n + 1);
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = match name {
                "decimal" | "group" | "multipliers" | "months" | "words" | "pm-before"
                | "pm-after" | "approximate-before" | "approximate-after" | "half" => name,
                _ => {
                    problems.push(at(format!("unknown section [{name}]")));
                    ""
                }
            };
            continue;
        }
        match section {
            "decimal" | "group" => match separator(line) {
                Some(c) if section == "decimal" => g.decimal.push(c),
                Some(c) => g.group.push(c),
                None => problems.push(at(format!(
                    "separator `{line}` must be one character, `space` or U+XXXX"
                ))),
            },
            "multipliers" => {
                let (body, large) = match line.rsplit_once(char::is_whitespace) {
                    Some((b, "large")) => (b, true),
                    Some((b, "small")) => (b, false),
                    _ => (line, false),
                };
                match word_value(body) {
                    Some((word, value)) => g.multipliers.push(Multiplier { word, value, large }),
                    None => problems.push(at(format!(
                        "multiplier `{line}` must be `word value [small|large]`"
                    ))),
                }
            }
            "months" | "words" => match word_value(line) {
                Some(wv) if section == "months" => g.months.push(wv),
                Some(wv) => g.words.push(wv),
                None => problems.push(at(format!("entry `{line}` must be `word value`"))),
            },
            "pm-before" => g.pm_before.push(line.to_string()),
            "pm-after" => g.pm_after.push(line.to_string()),
            "approximate-before" => g.approx_before.push(line.to_string()),
            "approximate-after" => g.approx_after.push(line.to_string()),
            "half" => g.half.push(line.to_string()),
            _ => problems.push(at("entry outside a section".into())),
        }
    }
    let by_len = |a: &str, b: &str| b.chars().count().cmp(&a.chars().count());
    g.multipliers.sort_by(|a, b| by_len(&a.word, &b.word));
    g.months.sort_by(|a, b| by_len(&a.0, &b.0));
    g.words.sort_by(|a, b| by_len(&a.0, &b.0));
    for list in [
        &mut g.pm_before,
        &mut g.pm_after,
        &mut g.approx_before,
        &mut g.approx_after,
        &mut g.half,
    ] {
        list.sort_by(|a, b| by_len(a, b));
    }
    if g.decimal.is_empty() {
        g.decimal.push('.');
    }
    let entries = g
        .months
        .iter()
        .map(|(w, v)| (w, v, true))
        .chain(g.words.iter().map(|(w, v)| (w, v, false)));
    for (w, v, month) in entries {
        if let Some(c) = w.chars().next() {
            for key in c.to_lowercase() {
                g.by_first
                    .entry(key)
                    .or_default()
                    .push((w.clone(), *v, month));
            }
        }
    }
    (g, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_file_parses_cleanly() {
        for (lang, src) in DATA {
            let (g, problems) = parse(lang, src);
            assert!(problems.is_empty(), "{problems:?}");
            assert!(!g.group.is_empty(), "{lang}");
        }
    }

    #[test]
    fn entries_and_problems() {
        let (g, p) = parse(
            "xx",
            "[decimal]\n,\n[group]\nspace\nU+202F\n[multipliers]\n만 10000 large\n\
             thousand 1000\nbad\n[months]\nkanun al-thani 1\n[nope]\n",
        );
        assert_eq!(g.decimal, [',']);
        assert_eq!(g.group, [' ', '\u{202F}']);
        assert_eq!(g.multipliers.len(), 2);
        assert!(g.multipliers.iter().any(|m| m.word == "만" && m.large));
        assert!(
            g.multipliers
                .iter()
                .any(|m| m.word == "thousand" && !m.large)
        );
        assert_eq!(g.months, [("kanun al-thani".to_string(), 1.0)]);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("xx.txt:9:"), "{p:?}");
        assert!(p[1].contains("unknown section [nope]"));
    }
}
