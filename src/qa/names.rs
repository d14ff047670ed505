//! Names: one source name written two ways in the translation of a story.
//!
//! Source names are runs of capitalised words (Latin-script sources). For a
//! name that occurs in two segments or more, the target terms of those
//! segments (words with their particles taken off in Korean, script runs in
//! Japanese, character n-grams in Chinese) that occur nowhere else in the
//! story are compared: two such terms that differ by one letter, in
//! different segments, are the name written two ways.

use foldhash::{HashMap, HashSet};

use super::checks::Prepared;
use super::script::{Script, is_cjk, is_letter, script};
use super::{Check, Checker, Finding, Span, Story};

/// Words that are capitalised only because they begin a sentence.
const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "there",
    "after",
    "before",
    "when",
    "while",
    "as",
    "if",
    "his",
    "her",
    "their",
    "our",
    "its",
    "by",
    "from",
    "to",
    "with",
    "of",
    "officials",
    "police",
    "some",
    "many",
    "most",
    "no",
    "one",
    "two",
    "three",
    "about",
    "more",
    "earlier",
    "later",
];

const NOT_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
];

/// Korean particles and endings glued to a word (longest first).
const KO_PARTICLES: &[&str] = &[
    "에게서",
    "으로서",
    "에서는",
    "에서",
    "에게",
    "으로",
    "께서",
    "까지",
    "부터",
    "처럼",
    "보다",
    "과는",
    "와는",
    "이라고",
    "라고",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
    "도",
    "로",
    "만",
    "씨",
];

/// Common Chinese surnames (simplified and traditional): a Chinese rendering
/// of a name starts with one.
const SURNAMES: &str = "金李朴崔郑鄭姜赵趙尹张張林韩韓吴吳申权權黄黃安宋柳刘劉洪全高文梁孙孫裴白许許南沈卢盧河郭成车車具禹朱任罗羅辛闵閔王陈陳杨楊周徐胡马馬何谢謝唐冯馮于董萧蕭程曹袁邓鄧傅曾彭吕呂苏蘇蒋蔣蔡贾賈丁魏薛叶葉阎閻余潘杜戴夏钟鍾汪田范方石姚谭譚廖邹鄒熊陆陸郝孔康毛邱秦江史顾顧侯邵孟龙龍段雷钱錢汤湯黎易常武乔喬贺賀赖賴龚龔严嚴";

/// Arabic prefixes glued to a word.
const AR_PREFIXES: &[&str] = &["وال", "بال", "لل", "ال", "و", "ب", "ل", "ف"];

struct Name<'a> {
    text: &'a str,
    /// (segment index in the story, start, end) of each occurrence.
    at: Vec<(usize, usize, usize)>,
}

/// One target term: its text, and its byte range in the segment.
type Term<'a> = (&'a str, usize, usize, &'a str);

fn source_names<'a>(texts: &[&'a str]) -> Vec<Name<'a>> {
    let mut names: Vec<Name<'a>> = Vec::new();
    for (n, text) in texts.iter().enumerate() {
        let words = words(text);
        let mut k = 0;
        while k < words.len() {
            let (s, e) = words[k];
            if !capitalised(&text[s..e]) {
                k += 1;
                continue;
            }
            let mut j = k + 1;
            while j < words.len()
                && text[words[j - 1].1..words[j].0] == *" "
                && capitalised(&text[words[j].0..words[j].1])
            {
                j += 1;
            }
            let mut first = k;
            let sentence_start = text[..s]
                .trim_end()
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '“' | '(' | ':' | '—'));
            if sentence_start && STARTERS.contains(&text[s..e].to_lowercase().as_str()) {
                first += 1;
            }
            let single_at_start = sentence_start && j - first == 1 && first == k;
            // drop month and weekday names at either end
            let mut last = j;
            while first < last
                && NOT_NAMES.contains(
                    &text[words[first].0..words[first].1]
                        .trim_end_matches('.')
                        .to_lowercase()
                        .as_str(),
                )
            {
                first += 1;
            }
            while last > first
                && NOT_NAMES.contains(
                    &text[words[last - 1].0..words[last - 1].1]
                        .trim_end_matches('.')
                        .to_lowercase()
                        .as_str(),
                )
            {
                last -= 1;
            }
            if first < last && !single_at_start {
                let (ns, mut ne) = (words[first].0, words[last - 1].1);
                for poss in ["'s", "’s"] {
                    if text[ns..ne].ends_with(poss) {
                        ne -= poss.len();
                    }
                }
                let name = &text[ns..ne];
                let acronym = name.chars().all(|c| !c.is_lowercase());
                if !acronym && name.chars().count() > 2 {
                    match names.iter_mut().find(|x| x.text == name) {
                        Some(x) => x.at.push((n, ns, ne)),
                        None => names.push(Name {
                            text: name,
                            at: vec![(n, ns, ne)],
                        }),
                    }
                }
            }
            k = j;
        }
    }
    names
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Runs of letters (and inner `-`, `'`, `’`), as byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, n)| is_letter(n));
        if is_letter(c) || inner || (start.is_some() && c.is_ascii_digit()) {
            if start.is_none() {
                start = Some(i);
            }
            end = i + c.len_utf8();
        } else if let Some(s) = start.take() {
            out.push((s, end));
        }
    }
    if let Some(s) = start {
        out.push((s, end));
    }
    out
}

/// The terms of a target segment, by the target language.
fn terms<'a>(text: &'a str, lang: &str) -> Vec<Term<'a>> {
    let mut out: Vec<Term<'a>> = Vec::new();
    match lang {
        "zh" | "ja" => {
            // runs of one script; Chinese Han runs as n-grams of 3 to 4
            let mut runs: Vec<(usize, usize, Script)> = Vec::new();
            for (i, c) in text.char_indices() {
                let s = match script(c) {
                    Some(s) => s,
                    None if c == '・' || c == 'ー' => Script::Kana,
                    None => {
                        continue;
                    }
                };
                match runs.last_mut() {
                    Some((_, e, rs)) if *rs == s && *e == i => *e = i + c.len_utf8(),
                    _ => runs.push((i, i + c.len_utf8(), s)),
                }
            }
            for (s, e, sc) in runs {
                let run = &text[s..e];
                let kata = sc == Script::Kana
                    && run.chars().any(|c| ('\u{30A0}'..='\u{30FF}').contains(&c));
                if lang == "ja" && sc == Script::Kana && !kata {
                    continue; // hiragana: particles and endings
                }
                if lang == "zh" && sc == Script::Han {
                    // names as three characters from a surname on
                    let idx: Vec<(usize, char)> =
                        run.char_indices().map(|(i, c)| (s + i, c)).collect();
                    for (k, &(i, c)) in idx.iter().enumerate() {
                        if !SURNAMES.contains(c) || k + 3 > idx.len() {
                            continue;
                        }
                        let end = idx.get(k + 3).map_or(e, |x| x.0);
                        out.push((&text[i..end], i, end, &text[i..end]));
                    }
                } else {
                    out.push((run, s, e, run));
                }
            }
        }
        _ => {
            let ws = words(text);
            if lang != "ko" {
                for w in ws.windows(2) {
                    if text[w[0].1..w[1].0] == *" " {
                        let t = &text[w[0].0..w[1].1];
                        out.push((t, w[0].0, w[1].1, t));
                    }
                }
            }
            for (s, e) in ws {
                let w = &text[s..e];
                let at = out.len();
                out.push((w, s, e, w));
                match lang {
                    "ko" => {
                        for p in KO_PARTICLES {
                            if let Some(stem) = w.strip_suffix(p)
                                && stem.chars().count() >= 2
                            {
                                out.push((stem, s, s + stem.len(), stem));
                                out[at].3 = stem;
                                break;
                            }
                        }
                    }
                    "ar" => {
                        for p in AR_PREFIXES {
                            if let Some(stem) = w.strip_prefix(p)
                                && stem.chars().count() >= 3
                            {
                                out.push((stem, s + p.len(), e, stem));
                                out[at].3 = stem;
                                break;
                            }
                        }
                    }
                    _ => {
                        for p in ["'s", "’s", "s"] {
                            if let Some(stem) = w.strip_suffix(p)
                                && stem.chars().count() >= 4
                                && capitalised(stem)
                            {
                                out.push((stem, s, s + stem.len(), stem));
                                out[at].3 = stem;
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Whether two terms are one name written two ways: same length, one
/// letter different (CJK, three letters or more), or one edit apart
/// (other scripts, four letters or more).
fn near(a: &str, b: &str) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let cjk = ca.first().is_some_and(|&c| is_cjk(c));
    if cjk != cb.first().is_some_and(|&c| is_cjk(c)) {
        return false;
    }
    if cjk {
        return ca.len() == cb.len()
            && ca.len() >= 3
            && ca.iter().zip(&cb).filter(|(x, y)| x != y).count() == 1;
    }
    let cased = |c: &[char]| {
        c.first()
            .is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
    };
    if ca.len().min(cb.len()) < 4 || !cased(&ca) || !cased(&cb) {
        return false;
    }
    strsim::levenshtein(a, b) == 1
}

pub(crate) fn check(
    checker: &Checker,
    story: &Story,
    prepared: &[Vec<Prepared>],
    src_lang: &str,
    trg_lang: &str,
    out: &mut Vec<Finding>,
) {
    let Some(severity) = checker.severity(Check::NameInconsistent) else {
        return;
    };
    // every segment of the story, flat
    let mut flat: Vec<(usize, usize)> = Vec::new(); // unit, segment
    let mut sources: Vec<&str> = Vec::new();
    let mut targets: Vec<&str> = Vec::new();
    for (u, (unit, prep)) in story.units.iter().zip(prepared).enumerate() {
        for (s, p) in prep.iter().enumerate() {
            if unit.segments.get(s).is_none() {
                continue;
            }
            flat.push((u, s));
            sources.push(&p.source);
            targets.push(p.target.as_deref().unwrap_or(""));
        }
    }
    let latin = |t: &str| {
        let (mut l, mut all) = (0, 0);
        for c in t.chars().filter(|c| is_letter(*c)) {
            all += 1;
            if script(c) == Some(Script::Latin) {
                l += 1;
            }
        }
        l * 2 > all
    };
    if src_lang.is_empty() || !sources.iter().any(|s| latin(s)) {
        return;
    }
    let mut names: Vec<Name<'_>> = source_names(&sources);
    // a name counts wherever it occurs, inside a longer name too
    // (`Yoon Seo-jin` in `Finance Minister Yoon Seo-jin`)
    for name in &mut names {
        name.at = sources
            .iter()
            .enumerate()
            .flat_map(|(n, src)| {
                src.match_indices(name.text)
                    .filter(|(i, m)| {
                        src[..*i]
                            .chars()
                            .next_back()
                            .is_none_or(|c| !c.is_alphanumeric())
                            && src[i + m.len()..]
                                .chars()
                                .next()
                                .is_none_or(|c| !c.is_alphanumeric())
                    })
                    .map(move |(i, m)| (n, i, i + m.len()))
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    let names: Vec<Name<'_>> = names
        .into_iter()
        .filter(|n| {
            let segs: HashSet<usize> = n.at.iter().map(|a| a.0).collect();
            segs.len() >= 2
        })
        .collect();
    if names.is_empty() {
        return;
    }
    let seg_terms: Vec<Vec<Term<'_>>> = targets
        .iter()
        .map(|t| {
            let mut v = terms(t, trg_lang);
            // near() compares three letters or more; figures are no names
            v.retain(|x| {
                x.0.chars().nth(2).is_some()
                    && !x.0.chars().any(|c| super::numbers::digit(c).is_some())
            });
            v
        })
        .collect();
    let sets: Vec<HashSet<&str>> = seg_terms
        .iter()
        .map(|t| t.iter().map(|x| x.0).collect())
        .collect();
    // in how many segments each term occurs
    let mut df: HashMap<&str, usize> = HashMap::default();
    for set in &sets {
        for t in set {
            *df.entry(t).or_default() += 1;
        }
    }
    let mut reported: HashSet<(usize, usize, usize)> = HashSet::default(); // segment, target span
    let mut found: Vec<Finding> = Vec::new();
    for name in &names {
        let segs: Vec<usize> = {
            let mut v: Vec<usize> = name.at.iter().map(|a| a.0).collect();
            v.dedup();
            v
        };
        // in how many of the name's segments each term occurs
        let mut count: HashMap<&str, usize> = HashMap::default();
        for &sg in &segs {
            for t in &sets[sg] {
                *count.entry(t).or_default() += 1;
            }
        }
        let cnt = |t: &str| count.get(t).copied().unwrap_or(0);
        // terms that occur only in segments with the name
        let exclusive: Vec<Vec<&Term<'_>>> = segs
            .iter()
            .map(|&sg| {
                seg_terms[sg]
                    .iter()
                    .filter(|t| df.get(t.0).copied().unwrap_or(0) == cnt(t.0))
                    .collect()
            })
            .collect();
        // the usual form must be the name's usual rendering: in half the
        // segments with the name, two at least (any form of two segments)
        let threshold = if segs.len() > 2 {
            2.max(segs.len().div_ceil(2))
        } else {
            1
        };
        let mut usual: Vec<(&Term<'_>, usize)> = Vec::new();
        for (b, ex) in exclusive.iter().enumerate() {
            for t in ex {
                if cnt(t.3).max(cnt(t.0)) >= threshold && !usual.iter().any(|(u, _)| u.0 == t.0) {
                    usual.push((t, b));
                }
            }
        }
        for (a, ex) in exclusive.iter().enumerate() {
            for ta in ex {
                let ca = cnt(ta.3).max(cnt(ta.0));
                for &(tb, b) in &usual {
                    if b == a
                        || ta.3 == tb.3
                        || sets[segs[a]].contains(tb.0)
                        || sets[segs[b]].contains(ta.0)
                        || !near(ta.0, tb.0)
                    {
                        continue;
                    }
                    // in a Latin-script target the name keeps its source
                    // spelling: one of the two must be it
                    if ta
                        .0
                        .chars()
                        .next()
                        .is_some_and(|c| script(c) == Some(Script::Latin))
                        && !name.text.contains(ta.0)
                        && !name.text.contains(tb.0)
                    {
                        continue;
                    }
                    // the odd one out is the rarer; on a tie, the later
                    let cb = cnt(tb.3).max(cnt(tb.0));
                    if !(ca < cb || (ca == cb && a > b)) {
                        continue;
                    }
                    {
                        let (odd_seg, odd, usual_seg, usual) = (segs[a], *ta, segs[b], *tb);
                        if !reported.insert((odd_seg, odd.1, odd.2)) {
                            continue;
                        }
                        let (u, s) = flat[odd_seg];
                        let (uu, _) = flat[usual_seg];
                        let unit = &story.units[u];
                        let seg = &unit.segments[s];
                        let src_at = name.at.iter().find(|x| x.0 == odd_seg).copied();
                        found.push(Finding {
                            check: Check::NameInconsistent,
                            severity,
                            unit: unit.id.clone(),
                            segment: Some(seg.id.clone()),
                            source: src_at.and_then(|(_, st, en)| {
                                Some(Span {
                                    segment: seg.id.clone(),
                                    start: st,
                                    end: en,
                                    text: seg.source.get(st..en)?.to_string(),
                                })
                            }),
                            target: seg.target.as_deref().and_then(|t| {
                                Some(Span {
                                    segment: seg.id.clone(),
                                    start: odd.1,
                                    end: odd.2,
                                    text: t.get(odd.1..odd.2)?.to_string(),
                                })
                            }),
                            message: format!(
                                "{} is written “{}” here and “{}” in {}",
                                name.text, odd.0, usual.0, story.units[uu].id
                            ),
                        });
                    }
                }
            }
        }
    }
    // overlapping reports of one error (Chinese n-grams): keep the first
    found.sort_by_key(|f| (f.unit.clone(), f.target.as_ref().map(|t| (t.start, t.end))));
    let mut kept: Vec<Finding> = Vec::new();
    for f in found {
        let overlaps = kept.iter().any(|k| {
            k.unit == f.unit
                && k.segment == f.segment
                && match (&k.target, &f.target) {
                    (Some(a), Some(b)) => a.start < b.end && b.start < a.end,
                    _ => false,
                }
        });
        if !overlaps {
            kept.push(f);
        }
    }
    out.extend(kept);
}

#[cfg(test)]
mod tests {
    use super::super::{Check, Checker, Story};

    fn story(lang: &str, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut s = Story::new("en", lang);
        for (i, (a, b)) in pairs.iter().enumerate() {
            s.push_pair(&format!("p{}", i + 1), a, b);
        }
        Checker::new()
            .check(&s)
            .into_iter()
            .filter(|f| f.check == Check::NameInconsistent)
            .map(|f| (f.unit, f.target.map(|t| t.text).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn korean_name_written_two_ways() {
        let pairs = [
            (
                "Kim Jong-un inspected the site.",
                "김정은 위원장이 현장을 시찰했다.",
            ),
            ("Kim Jong-un then left.", "김정운은 이후 떠났다."),
            ("Kim Jong-un waved.", "김정은은 손을 흔들었다."),
        ];
        assert_eq!(
            story("ko", &pairs),
            [("p2".to_string(), "김정운".to_string())]
        );
        let fine = [
            (
                "Kim Jong-un inspected the site.",
                "김정은 위원장이 현장을 시찰했다.",
            ),
            ("Kim Jong-un then left.", "김정은은 이후 떠났다."),
            ("Kim Jong-un waved.", "김정은이 손을 흔들었다."),
        ];
        assert!(story("ko", &fine).is_empty());
    }

    #[test]
    fn chinese_and_german() {
        let zh = [
            ("Park Sung-ho spoke.", "朴成浩发表讲话。"),
            ("Park Sung-ho left.", "朴成湖随后离开。"),
        ];
        assert_eq!(story("zh-Hans", &zh).len(), 1);
        let de = [
            ("Lee Jae-sung spoke.", "Lee Jae-sung sprach."),
            ("Lee Jae-sung left.", "Lee Jae-sun ging."),
        ];
        assert_eq!(story("de", &de).len(), 1);
    }
}
