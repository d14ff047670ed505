//! The checks of one story: each unit's segments, then the story's names.

use foldhash::HashSet;
use std::sync::OnceLock;

use regex::Regex;

use super::grammar::{self, Grammar};
use super::numbers::{self, SegmentFigures};
use super::script::{Script, chinese_forms, is_letter, script, scripts_of};
use super::story::primary;
use super::{Check, Checker, Emit, Finding, Story, StoryUnit, names};

/// What URLs, e-mail addresses, hashtags and handles look like.
struct Patterns {
    url: Regex,
    email: Regex,
    hashtag: Regex,
    handle: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        url: Regex::new(r#"(?i)\b(?:https?://|www\.)[\x21-\x7E&&[^<>"'()\[\]{}]]+"#)
            .expect("url pattern"),
        email: Regex::new(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b").expect("email pattern"),
        hashtag: Regex::new(r"(?:^|[^\w&#/])(#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)")
            .expect("hashtag pattern"),
        handle: Regex::new(r"(?:^|[^\w@./])(@[A-Za-z0-9_]{2,30})\b").expect("handle pattern"),
    })
}

/// A hygiene item: which check, byte range.
type Item = (Check, usize, usize);

fn hygiene_items(text: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let lower_has = |needle: &str| {
        text.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    let (url, at, hash) = (
        lower_has("www.") || lower_has("http"),
        text.contains('@'),
        text.contains('#'),
    );
    if !url && !at && !hash {
        return items;
    }
    let p = patterns();
    for m in p.url.find_iter(text).filter(|_| url) {
        let s = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '」', '。', '、']);
        items.push((Check::Url, m.start(), m.start() + s.len()));
    }
    let free = |items: &[Item], s: usize, e: usize| !items.iter().any(|&(_, a, b)| a < e && s < b);
    for m in p.email.find_iter(text).filter(|_| at) {
        if free(&items, m.start(), m.end()) {
            items.push((Check::Email, m.start(), m.end()));
        }
    }
    for (re, check, on) in [
        (&p.hashtag, Check::Hashtag, hash),
        (&p.handle, Check::Handle, at),
    ] {
        if !on {
            continue;
        }
        for c in re.captures_iter(text) {
            if let Some(m) = c.get(1)
                && free(&items, m.start(), m.end())
            {
                items.push((check, m.start(), m.end()));
            }
        }
    }
    items.sort_by_key(|i| i.1);
    items
}

/// `text` with the given byte ranges blanked (same length, still UTF-8).
fn mask(text: &str, ranges: impl Iterator<Item = (usize, usize)>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (s, e) in ranges {
        if s <= e && e <= bytes.len() && text.is_char_boundary(s) && text.is_char_boundary(e) {
            bytes[s..e].fill(b' ');
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// The segment texts the checks read: masked, and what was masked.
pub(crate) struct Prepared {
    pub(crate) source: String,
    pub(crate) target: Option<String>,
    pub(crate) source_items: Vec<Item>,
    pub(crate) target_items: Vec<Item>,
}

fn prepare(unit: &StoryUnit) -> Vec<Prepared> {
    unit.segments
        .iter()
        .map(|seg| {
            let source_items = hygiene_items(&seg.source);
            let source = mask(
                &seg.source,
                seg.source_protected
                    .iter()
                    .map(|r| (r.start, r.end))
                    .chain(source_items.iter().map(|i| (i.1, i.2))),
            );
            let (target, target_items) = match &seg.target {
                Some(t) => {
                    let items = hygiene_items(t);
                    let m = mask(
                        t,
                        seg.target_protected
                            .iter()
                            .map(|r| (r.start, r.end))
                            .chain(items.iter().map(|i| (i.1, i.2))),
                    );
                    (Some(m), items)
                }
                None => (None, Vec::new()),
            };
            Prepared {
                source,
                target,
                source_items,
                target_items,
            }
        })
        .collect()
}

/// Runs every check of `checker` on `story`.
pub(crate) fn run(checker: &Checker, story: &Story, out: &mut Vec<Finding>) {
    let src_lang = primary(&story.source_lang).to_ascii_lowercase();
    let trg_lang = primary(&story.target_lang).to_ascii_lowercase();
    let sg = grammar::builtin(&src_lang);
    let tg = grammar::builtin(&trg_lang);
    let ctx = Context {
        src_lang: &src_lang,
        trg_lang: &trg_lang,
        trg_tag: &story.target_lang,
        sg,
        tg,
    };
    let mut prepared: Vec<Vec<Prepared>> = Vec::with_capacity(story.units.len());
    for unit in &story.units {
        let prep = prepare(unit);
        let mut emit = Emit::new(checker, unit, out);
        check_unit(&ctx, unit, &prep, &mut emit);
        if let Some(g) = &checker.glossary {
            g.check_unit(&story.source_lang, &story.target_lang, unit, &mut emit);
        }
        prepared.push(prep);
    }
    if checker.severity(Check::NameInconsistent).is_some() {
        names::check(checker, story, &prepared, &src_lang, &trg_lang, out);
    }
}

struct Context<'a> {
    src_lang: &'a str,
    trg_lang: &'a str,
    trg_tag: &'a str,
    sg: &'static Grammar,
    tg: &'static Grammar,
}

fn check_unit(ctx: &Context<'_>, unit: &StoryUnit, prep: &[Prepared], emit: &mut Emit<'_>) {
    let mut figures: Vec<SegmentFigures> = Vec::with_capacity(prep.len());
    for (n, (seg, p)) in unit.segments.iter().zip(prep).enumerate() {
        let blank_source = seg.source.trim().is_empty();
        let target = match (&seg.target, &p.target) {
            (Some(t), Some(m)) if !t.trim().is_empty() => Some((t.as_str(), m.as_str())),
            _ => None,
        };
        let Some((target, masked)) = target else {
            if !blank_source {
                emit.pair(
                    Check::Empty,
                    n,
                    Some((0, seg.source.len())),
                    None,
                    |_, _| "the segment has no translation".into(),
                );
            }
            figures.push(SegmentFigures {
                source: Vec::new(),
                target: Vec::new(),
            });
            continue;
        };
        if emit.on(Check::NumberMissing)
            || emit.on(Check::NumberChanged)
            || emit.on(Check::NumberExtra)
            || emit.on(Check::NumberApproximate)
        {
            figures.push(SegmentFigures {
                source: numbers::extract(&p.source, ctx.sg),
                target: numbers::extract_target(masked, ctx.tg, ctx.sg),
            });
        }
        let same = fold(&seg.source) == fold(target)
            && seg
                .source
                .split_whitespace()
                .filter(|w| w.chars().any(is_letter))
                .count()
                > 1;
        if same {
            emit.pair(
                Check::SameAsSource,
                n,
                Some((0, seg.source.len())),
                Some((n, 0, target.len())),
                |_, _| "the target is identical to the source".into(),
            );
        } else {
            untranslated(ctx, n, &p.source, masked, emit);
        }
        wrong_script(ctx, n, masked, emit);
        if let (Some(s), Some(t)) = (&seg.source_codes, &seg.target_codes)
            && s != t
        {
            let missing: Vec<&String> = s.iter().filter(|c| !t.contains(c)).collect();
            let extra: Vec<&String> = t.iter().filter(|c| !s.contains(c)).collect();
            emit.pair(Check::Codes, n, None, None, |_, _| {
                format!("inline codes differ: missing {missing:?}, extra or repeated {extra:?}")
            });
        }
        hygiene(n, unit, prep, p, emit);
        spacing(n, &seg.source, target, emit);
    }
    if !figures.is_empty() && figures.len() == unit.segments.len() {
        numbers::check_unit(&figures, emit);
    }
    if emit.on(Check::QuoteUnbalanced)
        || emit.on(Check::BracketUnbalanced)
        || emit.on(Check::QuoteMissing)
    {
        quotes(ctx, unit, prep, emit);
    }
    if let Some(limit) = unit.limit {
        let len: usize = unit
            .segments
            .iter()
            .filter_map(|s| s.target.as_deref())
            .map(|t| t.chars().count())
            .sum();
        if len > limit {
            emit.pair(Check::Length, 0, None, None, |_, _| {
                format!("{len} characters, the limit is {limit}")
            });
        }
    }
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words of a text: byte ranges of runs of letters (with inner `'`, `’`, `-`).
fn latin_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let latin = script(c) == Some(Script::Latin);
        let joiner = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && chars
                .get(k + 1)
                .is_some_and(|&(_, n)| script(n) == Some(Script::Latin));
        if latin || joiner {
            if start.is_none() {
                start = Some(i);
            }
            last_end = i + c.len_utf8();
        } else if let Some(s) = start.take() {
            out.push((s, last_end));
        }
    }
    if let Some(s) = start {
        out.push((s, last_end));
    }
    out
}

fn lowercase_initial(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

fn untranslated(ctx: &Context<'_>, n: usize, source: &str, target: &str, emit: &mut Emit<'_>) {
    if !emit.on(Check::Untranslated) || ctx.src_lang == ctx.trg_lang {
        return;
    }
    let latin_source = source
        .chars()
        .filter_map(script)
        .filter(|s| *s == Script::Latin)
        .count()
        * 2
        > source.chars().filter(|c| is_letter(*c)).count();
    if !latin_source {
        return;
    }
    let words = latin_words(target);
    let latin_target = scripts_of(ctx.trg_lang).first() == Some(&Script::Latin);
    if latin_target {
        // a run of four or more words shared verbatim with the source
        let (src_l, trg_l) = (source.to_lowercase(), target.to_lowercase());
        if src_l.len() != source.len() || trg_l.len() != target.len() {
            return; // case folding moved byte offsets: too rare to matter
        }
        let sw: Vec<&str> = latin_words(&src_l)
            .into_iter()
            .map(|(s, e)| &src_l[s..e])
            .collect();
        let grams: HashSet<&[&str]> = sw.windows(4).collect();
        let tw: Vec<&str> = words.iter().map(|&(s, e)| &trg_l[s..e]).collect();
        let lower = |k: usize| lowercase_initial(&target[words[k].0..words[k].1]);
        let mut i = 0;
        while i + 4 <= tw.len() {
            if grams.contains(&tw[i..i + 4]) && (i..i + 4).filter(|&k| lower(k)).count() >= 2 {
                let mut j = i + 4;
                while j < tw.len() && grams.contains(&tw[j - 3..=j]) {
                    j += 1;
                }
                let (s, e) = (words[i].0, words[j - 1].1);
                emit.pair(Check::Untranslated, n, None, Some((n, s, e)), |_, t| {
                    format!("{t} is left in the source language")
                });
                i = j;
            } else {
                i += 1;
            }
        }
        return;
    }
    // a run of three or more Latin words, two of them lower case
    let mut run: Vec<(usize, usize)> = Vec::new();
    let flush = |run: &mut Vec<(usize, usize)>, emit: &mut Emit<'_>| {
        let lower = run
            .iter()
            .filter(|&&(s, e)| lowercase_initial(&target[s..e]))
            .count();
        if run.len() >= 3 && lower >= 2 {
            let (s, e) = (run[0].0, run[run.len() - 1].1);
            emit.pair(Check::Untranslated, n, None, Some((n, s, e)), |_, t| {
                format!("{t} is left in the source language")
            });
        }
        run.clear();
    };
    for &(s, e) in &words {
        if let Some(&(_, pe)) = run.last() {
            let gap = &target[pe..s];
            if !gap.chars().all(|c| matches!(c, ' ' | ',' | '\u{A0}')) {
                flush(&mut run, emit);
            }
        }
        run.push((s, e));
    }
    flush(&mut run, emit);
}

fn wrong_script(ctx: &Context<'_>, n: usize, target: &str, emit: &mut Emit<'_>) {
    if !emit.on(Check::WrongScript) {
        return;
    }
    let expected = scripts_of(ctx.trg_lang);
    let (mut exp, mut other, mut kana, mut han, mut hangul) = (0usize, 0usize, 0, 0, 0);
    for c in target.chars() {
        let Some(s) = script(c) else { continue };
        match s {
            Script::Kana => kana += 1,
            Script::Han => han += 1,
            Script::Hangul => hangul += 1,
            _ => {}
        }
        if expected.contains(&s) {
            exp += 1;
        } else if s != Script::Latin && s != Script::Other {
            other += 1;
        }
    }
    let mut problem: Option<String> = None;
    if other >= 4 && other > exp {
        problem = Some(format!(
            "most letters are not in the script of {} ({} of {})",
            ctx.trg_tag,
            other,
            other + exp
        ));
    } else if ctx.trg_lang == "ja" && han >= 8 && kana == 0 {
        problem = Some("Japanese text with no kana at all: is it Chinese?".into());
    } else if ctx.trg_lang == "ko" && han >= 4 && hangul == 0 {
        problem = Some("Korean text with no Hangul at all".into());
    } else if ctx.trg_lang == "zh" {
        let tag = ctx.trg_tag.to_ascii_lowercase();
        let traditional = tag.contains("hant")
            || tag.ends_with("-tw")
            || tag.ends_with("-hk")
            || tag.ends_with("-mo");
        let (t, s) = chinese_forms(target);
        if traditional && s >= 2 && s > t {
            problem = Some(format!(
                "{} expects Traditional characters; {s} Simplified ones found",
                ctx.trg_tag
            ));
        } else if !traditional && t >= 2 && t > s {
            problem = Some(format!(
                "{} expects Simplified characters; {t} Traditional ones found",
                ctx.trg_tag
            ));
        }
    }
    if let Some(p) = problem {
        emit.pair(
            Check::WrongScript,
            n,
            None,
            Some((n, 0, target.len())),
            |_, _| p,
        );
    }
}

fn hygiene(n: usize, unit: &StoryUnit, prep: &[Prepared], p: &Prepared, emit: &mut Emit<'_>) {
    let seg = &unit.segments[n];
    for &(check, s, e) in &p.source_items {
        if !emit.on(check) {
            continue;
        }
        let item = &seg.source[s..e];
        let found = prep.iter().zip(&unit.segments).any(|(q, sg)| {
            q.target_items.iter().any(|&(c, a, b)| {
                c == check && sg.target.as_deref().and_then(|t| t.get(a..b)) == Some(item)
            }) || sg.target.as_deref().is_some_and(|t| t.contains(item))
        });
        if found {
            continue;
        }
        let near = p
            .target_items
            .iter()
            .find(|i| i.0 == check)
            .map(|&(_, a, b)| (n, a, b));
        let what = match check {
            Check::Url => "the URL",
            Check::Email => "the e-mail address",
            Check::Hashtag => "the hashtag",
            _ => "the handle",
        };
        emit.pair(check, n, Some((s, e)), near, |src, trg| {
            if trg.is_empty() {
                format!("{what} {src} is not in the target")
            } else {
                format!("{what} {src} is {trg} in the target; it must be unchanged")
            }
        });
    }
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '．' | '｡'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '«' | '“' | '」' | '』' | ')' | '）' | ']' | '】' | '›'
    )
}

fn spacing(n: usize, source: &str, target: &str, emit: &mut Emit<'_>) {
    if let Some(i) = target.find("  ")
        && !source.contains("  ")
    {
        let e = i + target[i..].len() - target[i..].trim_start_matches(' ').len();
        emit.pair(Check::DoubleSpace, n, None, Some((n, i, e)), |_, _| {
            "doubled space".into()
        });
    }
    let lead = |s: &str| s.len() - s.trim_start().len();
    let trail = |s: &str| s.len() - s.trim_end().len();
    if (lead(source) > 0) != (lead(target) > 0) {
        emit.pair(
            Check::Whitespace,
            n,
            None,
            Some((n, 0, lead(target))),
            |_, _| {
                if lead(target) > 0 {
                    "the target starts with white space, the source does not".into()
                } else {
                    "the source starts with white space, the target does not".into()
                }
            },
        );
    }
    if (trail(source) > 0) != (trail(target) > 0) {
        let t = trail(target);
        emit.pair(
            Check::Whitespace,
            n,
            None,
            Some((n, target.len() - t, target.len())),
            |_, _| {
                if t > 0 {
                    "the target ends with white space, the source does not".into()
                } else {
                    "the source ends with white space, the target does not".into()
                }
            },
        );
    }
    let last = |s: &str| {
        s.trim_end()
            .trim_end_matches(is_closer)
            .trim_end()
            .chars()
            .next_back()
    };
    if last(source).is_some_and(is_terminal) && !last(target).is_some_and(is_terminal) {
        let t = target.trim_end();
        let s = t.char_indices().next_back().map_or(0, |(i, _)| i);
        emit.pair(
            Check::FinalPunctuation,
            n,
            None,
            Some((n, s, t.len())),
            |_, _| "the source ends its sentence with punctuation, the target does not".into(),
        );
    }
}

/// Opening and closing quotation marks of a language; the first list is
/// double quotation marks (what a quotation is), the second single ones.
type Pairs = &'static [(char, char)];

fn quote_pairs(lang: &str) -> (Pairs, Pairs) {
    match lang {
        "ja" => (
            &[('「', '」'), ('『', '』'), ('“', '”'), ('"', '"')],
            &[('‘', '’')],
        ),
        "zh" => (
            &[('“', '”'), ('「', '」'), ('『', '』'), ('"', '"')],
            &[('‘', '’'), ('《', '》')],
        ),
        "ko" => (
            &[('“', '”'), ('"', '"'), ('「', '」'), ('『', '』')],
            &[('‘', '’'), ('\'', '\'')],
        ),
        "de" => (
            &[('„', '“'), ('»', '«'), ('«', '»'), ('"', '"')],
            &[('‚', '‘'), ('›', '‹')],
        ),
        "fr" | "ar" | "ru" | "es" | "it" => (
            &[('«', '»'), ('“', '”'), ('„', '“'), ('"', '"')],
            &[('‘', '’'), ('‹', '›')],
        ),
        _ => (
            &[('“', '”'), ('"', '"'), ('«', '»')],
            &[('‘', '’'), ('\'', '\'')],
        ),
    }
}

const BRACKETS: &[(char, char)] = &[
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('（', '）'),
    ('【', '】'),
    ('〔', '〕'),
    ('［', '］'),
    ('〈', '〉'),
];

/// The quotation marks and brackets of a unit's text, paired up.
#[derive(Default)]
struct Pairing {
    /// Closed double quotations: (segment, open byte, close byte end).
    quotations: Vec<(usize, usize, usize)>,
    /// Quotes or brackets left open at the end: (segment, byte, char, is quote).
    open: Vec<(usize, usize, char, bool)>,
    /// Closers with no opener: (segment, byte, char, is quote).
    stray: Vec<(usize, usize, char, bool)>,
}

fn pair_marks(texts: &[&str], lang: &str) -> Pairing {
    let (doubles, singles) = quote_pairs(lang);
    let mut p = Pairing::default();
    // stack entries: (segment, byte, opener, closer, double, is quote)
    let mut stack: Vec<(usize, usize, char, char, bool, bool)> = Vec::new();
    for (n, text) in texts.iter().enumerate() {
        let mut prev: Option<char> = None;
        for (i, c) in text.char_indices() {
            let latin_prev =
                prev.is_some_and(|p| script(p) == Some(Script::Latin) || p.is_ascii_digit());
            prev = Some(c);
            if let Some(&(_, _, _, close, double, q)) = stack.last()
                && close == c
            {
                let (sn, si, ..) = stack.pop().unwrap_or_default();
                if q && double {
                    p.quotations.push((sn, si, i + c.len_utf8()));
                }
                continue;
            }
            // apostrophes: ’ and ' after a Latin letter or digit
            if matches!(c, '\'' | '’') && latin_prev {
                continue;
            }
            let quote = doubles
                .iter()
                .map(|&(o, cl)| (o, cl, true))
                .chain(singles.iter().map(|&(o, cl)| (o, cl, false)))
                .find(|&(o, _, _)| o == c);
            if let Some((o, cl, double)) = quote {
                stack.push((n, i, o, cl, double, true));
                continue;
            }
            if let Some(&(o, cl)) = BRACKETS.iter().find(|&&(o, _)| o == c) {
                stack.push((n, i, o, cl, false, false));
                continue;
            }
            let closes_quote = doubles.iter().chain(singles).any(|&(_, cl)| cl == c);
            let closes_bracket = BRACKETS.iter().any(|&(_, cl)| cl == c);
            if closes_bracket || (closes_quote && c != '’' && c != '‘') {
                // maybe it closes something deeper in the stack
                if let Some(k) = stack.iter().rposition(|e| e.3 == c) {
                    for e in stack.drain(k + 1..) {
                        p.open.push((e.0, e.1, e.2, e.5));
                    }
                    stack.pop();
                } else {
                    p.stray.push((n, i, c, closes_quote && !closes_bracket));
                }
            }
        }
    }
    for e in stack {
        p.open.push((e.0, e.1, e.2, e.5));
    }
    p
}

fn quotes(ctx: &Context<'_>, unit: &StoryUnit, prep: &[Prepared], emit: &mut Emit<'_>) {
    let sources: Vec<&str> = prep.iter().map(|p| p.source.as_str()).collect();
    let targets: Vec<&str> = prep
        .iter()
        .map(|p| p.target.as_deref().unwrap_or(""))
        .collect();
    if targets.iter().all(|t| t.trim().is_empty()) {
        return;
    }
    let _ = unit;
    let sp = pair_marks(&sources, ctx.src_lang);
    let tp = pair_marks(&targets, ctx.trg_lang);
    for is_quote in [true, false] {
        let check = if is_quote {
            Check::QuoteUnbalanced
        } else {
            Check::BracketUnbalanced
        };
        let s_open = sp.open.iter().filter(|e| e.3 == is_quote).count();
        let s_stray = sp.stray.iter().filter(|e| e.3 == is_quote).count();
        let t_open: Vec<_> = tp.open.iter().filter(|e| e.3 == is_quote).collect();
        let t_stray: Vec<_> = tp.stray.iter().filter(|e| e.3 == is_quote).collect();
        let what = if is_quote {
            "quotation mark"
        } else {
            "bracket"
        };
        if t_open.len() > s_open {
            for &&(sn, i, c, _) in t_open.iter().skip(s_open) {
                emit.pair(check, sn, None, Some((sn, i, i + c.len_utf8())), |_, _| {
                    format!("the {what} {c} (U+{:04X}) is never closed", c as u32)
                });
            }
        }
        if t_stray.len() > s_stray {
            for &&(sn, i, c, _) in t_stray.iter().skip(s_stray) {
                emit.pair(check, sn, None, Some((sn, i, i + c.len_utf8())), |_, _| {
                    format!(
                        "the closing {what} {c} (U+{:04X}) has no opening one",
                        c as u32
                    )
                });
            }
        }
    }
    let t_quotes = tp.quotations.len() + tp.open.iter().filter(|e| e.3).count();
    if t_quotes < sp.quotations.len() {
        for &(sn, s, e) in sp.quotations.iter().skip(t_quotes) {
            emit.pair(Check::QuoteMissing, sn, Some((s, e)), None, |_, _| {
                format!(
                    "the source quotes {} time(s) here, the target {}: a quotation became indirect speech or lost its marks",
                    sp.quotations.len(),
                    tp.quotations.len()
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Check, Checker, Story};

    fn ids(src: &str, trg_lang: &str, trg: &str) -> Vec<&'static str> {
        let mut story = Story::new("en", trg_lang);
        story.push_pair("p1", src, trg);
        Checker::new()
            .check(&story)
            .iter()
            .map(|f| f.check.id())
            .collect()
    }

    #[test]
    fn quotes_in_each_convention() {
        let src = "\"We will rebuild,\" she said.";
        assert!(ids(src, "de", "„Wir bauen wieder auf“, sagte sie.").is_empty());
        assert!(ids(src, "ja", "「再建する」と述べた。").is_empty());
        assert!(ids(src, "fr", "« Nous reconstruirons », a-t-elle dit.").is_empty());
        assert!(ids(src, "ko", "\"재건하겠다\"고 말했다.").is_empty());
        assert_eq!(ids(src, "ja", "「再建すると述べた。"), ["quote-unbalanced"]);
        assert_eq!(ids(src, "ko", "재건하겠다고 말했다."), ["quote-missing"]);
        assert_eq!(
            ids("He left (quietly).", "de", "Er ging (leise."),
            ["bracket-unbalanced"]
        );
    }

    #[test]
    fn untranslated_and_script() {
        assert_eq!(
            ids(
                "Ships will be brought in first.",
                "ko",
                "Ships will be brought in first."
            ),
            ["same-as-source"]
        );
        assert_eq!(
            ids(
                "Ships will come in first, he said.",
                "ko",
                "그는 ships will come in first라고 말했다."
            ),
            ["untranslated"]
        );
        assert!(ids("The IPA said so.", "ko", "IPA는 그렇게 밝혔다.").is_empty());
        assert_eq!(
            ids(
                "Ships that waited at anchor come first.",
                "de",
                "Die Schiffe that waited at anchor kommen zuerst."
            ),
            ["untranslated"]
        );
        assert_eq!(
            ids("They said so.", "zh-Hans", "他們說這個。"),
            ["wrong-script"]
        );
        assert!(ids("They said so.", "zh-Hant", "他們說這個。").is_empty());
        assert_eq!(
            ids("They said so.", "ja", "他们说这个问题已经解决了。"),
            ["wrong-script"]
        );
    }

    #[test]
    fn hygiene() {
        let src = "See https://example.org/a?b=1 or write to desk@example.org #Busan @newsdesk.";
        assert!(
            ids(
                src,
                "ko",
                "https://example.org/a?b=1 참조, desk@example.org #Busan @newsdesk."
            )
            .is_empty()
        );
        let found = ids(
            src,
            "ko",
            "https://example.org/a 참조, desk@example.com #부산 @newsdesk.",
        );
        assert_eq!(found, ["url", "email", "hashtag"]);
        assert_eq!(ids("One.", "de", "Eins  zwei."), ["double-space"]);
        assert_eq!(ids("One two.", "de", " Eins zwei."), ["whitespace"]);
        assert_eq!(ids("One two.", "de", "Eins zwei"), ["final-punctuation"]);
        assert!(ids("\"One two.\"", "ja", "「一二。」").is_empty());
    }

    #[test]
    fn codes_and_empty() {
        let mut story = Story::new("en", "de");
        story.push_pair("p1", "One two.", "");
        let f = Checker::new().check(&story);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].check, Check::Empty);
    }
}
