//! The editor's note read as claims about the change: each update verb, the
//! places it names (`headline`, `paras 2-3`, `last 4 paras`, `photo`), and
//! the units of the new version those places are.
//!
//! The grammar is in `docs/versions.md`; in short, the object of each verb
//! (`EditorNote::changes`) is scanned for place words, in any case and with
//! the spellings Yonhap, AP and Reuters desks use:
//!
//! - `headline`, `hed`, `hl`, `title` → [`Place::Headline`];
//! - `lead`, `lede`, `top`, `intro`, `lead para` → [`Place::Lead`];
//! - `byline` → [`Place::Byline`]; `dateline` → [`Place::Dateline`];
//! - `photo`, `picture`, `pic`, `image`, `caption`, `cutline` (with an
//!   optional number after it or an ordinal before it: `photo 2`,
//!   `2nd photo`) → [`Place::Photo`]; the plural → [`Place::Photos`];
//! - a paragraph word (`para`, `paragraph`, `graf`, `par`, `pgh`, `¶`, and
//!   their plurals) followed by numbers, lists and ranges (`paras 2, 5, 10`,
//!   `paras 13-16`, `paras 2 and 5`, `paras 3 to 5`), or preceded by
//!   ordinals (`3rd para`, `second and third grafs`) →
//!   [`Place::Paragraphs`]; `top 3 paras`, `first two paras` → paragraphs 1
//!   to 3 (or 2); `last para`, `last 4 paras`, `final graf` →
//!   [`Place::LastParagraphs`];
//! - `N paras after para M` / `after 5th graf` → paragraphs `M+1` to `M+N`,
//!   `before para M` → `M` to `M+N-1` (numbered in the new version);
//! - `throughout`, `passim` → [`Place::Throughout`];
//! - no place at all (`ADDS details`, `UPDATES with toll`) →
//!   [`Place::Details`].

use serde::Serialize;

use crate::model::{Article, EditorNote, Unit, UnitKind, UpdateVerb};

/// The most paragraphs one range in a note may name (`paras 3-9999` is
/// read as paragraphs 3 to 502).
const MAX_RANGE: u32 = 500;

/// One change the editor's note announces, resolved against the new
/// version of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// The verb.
    pub verb: UpdateVerb,
    /// The verb and its object as written, white space folded
    /// (`CORRECTS distance in para 2`).
    pub clause: String,
    /// The places the clause names, in the order written; `[Details]` when
    /// it names none.
    pub places: Vec<Place>,
    /// The unit ids of the article the places resolve to, in document order
    /// (a paragraph the article lacks resolves to nothing).
    pub units: Vec<String>,
}

/// A place in a story that an editor's note names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Place {
    /// The headline (unit `headline`).
    Headline,
    /// The lead paragraph (unit `p1`).
    Lead,
    /// The byline: fixed metadata, no unit.
    Byline,
    /// The dateline (unit `dateline-place`).
    Dateline,
    /// A photo's caption: the n-th photo (from 1), or, without a number,
    /// the story's only photo; with several photos, the last one for `ADDS`
    /// and `INSERTS` (a new photo is the newest) and every photo for other
    /// verbs.
    Photo(Option<usize>),
    /// Every photo's caption (`photos`, `captions`).
    Photos,
    /// Paragraphs by number, from 1, in the new version.
    Paragraphs(Vec<usize>),
    /// The last n paragraphs.
    LastParagraphs(usize),
    /// Every unit (`throughout`).
    Throughout,
    /// No place named (`ADDS details`).
    Details,
}

/// Reads the editor's note as claims about the change, one per update verb,
/// each resolved against `article` (the new version).
///
/// Paragraph `N` is unit `pN`; the lead is `p1`; a photo is its caption
/// (`photoN-caption`); `throughout` is every unit; the byline and
/// [`Place::Details`] are no unit.
///
/// # Examples
///
/// ```
/// use newsloc::{EditorNote, UpdateVerb, WireReader};
/// use newsloc::versions::{claims, Place};
///
/// let story = "date 2026-03-04\n\n(LEAD) Ferries run again\n\n\
///              BUSAN, March 4 (Yonhap) -- Service resumed.\n\nIt had stopped.\n\n\
///              Boats left at noon.\n\n(END)\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// let note = EditorNote::new("ATTN: CORRECTS time in last para; RECASTS headline, lead");
/// let c = claims(&note, &article);
/// assert_eq!(c[0].verb, UpdateVerb::Corrects);
/// assert_eq!(c[0].clause, "CORRECTS time in last para");
/// assert_eq!(c[0].places, [Place::LastParagraphs(1)]);
/// assert_eq!(c[0].units, ["p3"]);
/// assert_eq!(c[1].places, [Place::Headline, Place::Lead]);
/// assert_eq!(c[1].units, ["headline", "p1"]);
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn claims(note: &EditorNote, article: &Article) -> Vec<Claim> {
    let clauses = clauses_as_written(note);
    let units = article.units();
    note.changes()
        .iter()
        .zip(clauses)
        .map(|(change, clause)| {
            let places = places(&change.object);
            let units = resolve(&places, &change.verb, &units);
            Claim {
                verb: change.verb.clone(),
                clause,
                places,
                units,
            }
        })
        .collect()
}

/// The usual spelling of a verb, for a clause that cannot be found in the
/// note's text.
fn verb_word(verb: &UpdateVerb) -> &'static str {
    match verb {
        UpdateVerb::Adds => "ADDS",
        UpdateVerb::Recasts => "RECASTS",
        UpdateVerb::Updates => "UPDATES",
        UpdateVerb::Corrects => "CORRECTS",
        UpdateVerb::Changes => "CHANGES",
        UpdateVerb::Rewrites => "REWRITES",
        UpdateVerb::Replaces => "REPLACES",
        UpdateVerb::Deletes => "DELETES",
        UpdateVerb::Inserts => "INSERTS",
        UpdateVerb::Fixes => "FIXES",
        UpdateVerb::Trims => "TRIMS",
        UpdateVerb::Refiles => "REFILES",
    }
}

/// Each change's verb and object as written in the note: the verb word
/// (whatever its spelling, `REMOVES` for [`UpdateVerb::Deletes`]) found in
/// the text in order, followed by the object.
fn clauses_as_written(note: &EditorNote) -> Vec<String> {
    let text = note.text();
    let mut cursor = 0;
    let mut out = Vec::new();
    for change in note.changes() {
        let fallback = || {
            let v = verb_word(&change.verb);
            if change.object.is_empty() {
                v.to_string()
            } else {
                format!("{v} {}", change.object)
            }
        };
        let found = find_clause(&text[cursor..], &change.object);
        match found {
            Some((start, end)) => {
                out.push(fold(&text[cursor + start..cursor + end]));
                cursor += end;
            }
            None => out.push(fallback()),
        }
    }
    out
}

/// Finds `VERB object` in `text`: an upper-case word followed by white
/// space and the object (or by the end of a clause when the object is
/// empty). Returns the byte range.
fn find_clause(text: &str, object: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while from < text.len() {
        let rest = &text[from..];
        let word_start = rest.find(|c: char| c.is_ascii_uppercase())? + from;
        let word_len = text[word_start..]
            .find(|c: char| !c.is_ascii_uppercase())
            .unwrap_or(text.len() - word_start);
        let word_end = word_start + word_len;
        let after = &text[word_end..];
        let body = after.trim_start();
        let gap = after.len() - body.len();
        if UpdateVerb::parse(&text[word_start..word_end]).is_some() {
            if object.is_empty() {
                return Some((word_start, word_end));
            }
            if gap > 0 && starts_with_folded(body, object) {
                let n = folded_prefix_len(body, object);
                return Some((word_start, word_end + gap + n));
            }
        }
        from = word_end.max(word_start + 1);
    }
    None
}

/// Whether `text` starts with `prefix` when runs of white space are taken
/// as one space.
fn starts_with_folded(text: &str, prefix: &str) -> bool {
    folded_prefix_len_opt(text, prefix).is_some()
}

fn folded_prefix_len(text: &str, prefix: &str) -> usize {
    folded_prefix_len_opt(text, prefix).unwrap_or(0)
}

/// The byte length of the part of `text` that equals `prefix` with white
/// space folded.
fn folded_prefix_len_opt(text: &str, prefix: &str) -> Option<usize> {
    let mut t = text.char_indices().peekable();
    let mut p = prefix.chars().peekable();
    while let Some(pc) = p.next() {
        let (_, tc) = t.next()?;
        if pc.is_whitespace() {
            if !tc.is_whitespace() {
                return None;
            }
            while p.peek().is_some_and(|c| c.is_whitespace()) {
                p.next();
            }
            while t.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                t.next();
            }
        } else if pc != tc {
            return None;
        }
    }
    Some(t.peek().map_or(text.len(), |(i, _)| *i))
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A token of a note's object.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// A word, lower-cased.
    Word(String),
    /// A cardinal number, in digits or words (`4`, `four`).
    Num(u32),
    /// An ordinal (`3rd`, `third`).
    Ord(u32),
    /// `-`, `–`, `—`, `to`, `through`, `thru`.
    Dash,
    /// `,`, `&`, `and`, `/`.
    Comma,
    /// Any other punctuation.
    Other,
}

const CARDINALS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

const ORDINALS: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

fn word_token(w: &str) -> Tok {
    let lower = w.to_lowercase();
    if let Ok(n) = lower.parse::<u32>() {
        return Tok::Num(n);
    }
    if let Some(i) = CARDINALS.iter().position(|c| *c == lower) {
        return Tok::Num(i as u32 + 1);
    }
    if let Some(i) = ORDINALS.iter().position(|c| *c == lower) {
        return Tok::Ord(i as u32 + 1);
    }
    // 1st, 2nd, 3rd, 4th, 21st
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && matches!(&lower[digits..], "st" | "nd" | "rd" | "th")
        && let Ok(n) = lower[..digits].parse::<u32>()
    {
        return Tok::Ord(n);
    }
    match lower.as_str() {
        "and" => Tok::Comma,
        "to" | "through" | "thru" => Tok::Dash,
        _ => Tok::Word(lower),
    }
}

fn tokenize(object: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Tok>| {
        if !word.is_empty() {
            out.push(word_token(word));
            word.clear();
        }
    };
    for c in object.chars() {
        if c.is_alphanumeric() || (c == '\'' && !word.is_empty()) {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut out);
        match c {
            '-' | '–' | '—' => out.push(Tok::Dash),
            ',' | '&' | '/' => out.push(Tok::Comma),
            '¶' => out.push(Tok::Word("para".into())),
            c if c.is_whitespace() || c == '.' => {}
            _ => out.push(Tok::Other),
        }
    }
    flush(&mut word, &mut out);
    out
}

fn is_para_word(t: Option<&Tok>) -> bool {
    matches!(t, Some(Tok::Word(w)) if matches!(w.as_str(),
        "para" | "paras" | "paragraph" | "paragraphs" | "graf" | "grafs" | "graph" | "graphs"
        | "par" | "pars" | "pgh" | "pghs" | "pp"))
}

fn photo_word(t: Option<&Tok>) -> Option<bool> {
    let Some(Tok::Word(w)) = t else { return None };
    match w.as_str() {
        "photo" | "picture" | "pic" | "image" | "caption" | "cutline" => Some(false),
        "photos" | "pictures" | "pics" | "pix" | "images" | "captions" | "cutlines" => Some(true),
        _ => None,
    }
}

fn word_is(t: Option<&Tok>, words: &[&str]) -> bool {
    matches!(t, Some(Tok::Word(w)) if words.contains(&w.as_str()))
}

/// A list of numbers joined by commas and ranges, starting at `i`:
/// `2, 5, 10`, `13-16`, `3 and 7 to 10`. Returns the numbers and the index
/// after the list.
fn number_list(toks: &[Tok], mut i: usize, ordinal: bool) -> (Vec<usize>, usize) {
    let num = |t: Option<&Tok>| match t {
        Some(Tok::Num(n)) if !ordinal => Some(*n),
        Some(Tok::Ord(n)) if ordinal => Some(*n),
        _ => None,
    };
    let mut out: Vec<usize> = Vec::new();
    let Some(first) = num(toks.get(i)) else {
        return (out, i);
    };
    out.push(first as usize);
    let mut last = first;
    i += 1;
    loop {
        match (toks.get(i), num(toks.get(i + 1))) {
            (Some(Tok::Comma), Some(n)) => {
                out.push(n as usize);
                last = n;
                i += 2;
            }
            (Some(Tok::Dash), Some(n)) => {
                let (lo, hi) = (last.min(n), last.max(n));
                let hi = hi.min(lo.saturating_add(MAX_RANGE));
                out.extend((lo..=hi).map(|k| k as usize));
                last = n;
                i += 2;
            }
            _ => break,
        }
    }
    out.retain(|&n| n > 0);
    out.sort_unstable();
    out.dedup();
    (out, i)
}

/// The places an object names, in order, duplicates removed;
/// `[Details]` when none.
fn places(object: &str) -> Vec<Place> {
    let toks = tokenize(object);
    let mut out: Vec<Place> = Vec::new();
    // the count of paragraphs a positional phrase adds (`2 grafs after ...`)
    let mut pending: Option<usize> = None;
    let mut i = 0;
    // a place word such as `lead` or `top` counts when what follows it is
    // not another noun (`top officials`, `lead negotiator` are no places)
    let free = |t: Option<&Tok>| match t {
        None | Some(Tok::Comma | Tok::Other | Tok::Dash) => true,
        Some(Tok::Word(w)) => {
            matches!(w.as_str(), "with" | "of" | "or" | "for" | "in" | "on")
                || is_para_word(t)
                || photo_word(t).is_some()
        }
        _ => false,
    };
    while i < toks.len() {
        let t = &toks[i];
        let next = toks.get(i + 1);
        match t {
            Tok::Word(w)
                if matches!(
                    w.as_str(),
                    "headline" | "headlines" | "hed" | "hl" | "title"
                ) =>
            {
                out.push(Place::Headline);
                i += 1;
            }
            Tok::Word(w) if w == "byline" || w == "bylines" => {
                out.push(Place::Byline);
                i += 1;
            }
            Tok::Word(w) if w == "dateline" => {
                out.push(Place::Dateline);
                i += 1;
            }
            Tok::Word(w) if w == "throughout" || w == "passim" => {
                out.push(Place::Throughout);
                i += 1;
            }
            Tok::Word(w) if matches!(w.as_str(), "last" | "final" | "bottom") => {
                match (next, is_para_word(toks.get(i + 2))) {
                    (Some(Tok::Num(k)), true) => {
                        out.push(Place::LastParagraphs(*k as usize));
                        i += 3;
                    }
                    _ if is_para_word(next) => {
                        out.push(Place::LastParagraphs(1));
                        i += 2;
                    }
                    _ => i += 1,
                }
            }
            Tok::Word(w) if matches!(w.as_str(), "top" | "lead" | "lede" | "intro" | "opening") => {
                if let (Some(Tok::Num(k)), true) = (next, is_para_word(toks.get(i + 2))) {
                    // top 3 paras
                    out.push(Place::Paragraphs((1..=*k as usize).collect()));
                    i += 3;
                } else if (free(next) && w != "opening") || is_para_word(next) {
                    out.push(Place::Lead);
                    i += if is_para_word(next) { 2 } else { 1 };
                } else {
                    i += 1;
                }
            }
            Tok::Ord(1) if matches!(next, Some(Tok::Num(_))) && is_para_word(toks.get(i + 2)) => {
                // first 2 paras
                let Some(Tok::Num(k)) = next else {
                    unreachable!()
                };
                out.push(Place::Paragraphs((1..=*k as usize).collect()));
                i += 3;
            }
            Tok::Ord(n) => {
                let (list, j) = number_list(&toks, i, true);
                if is_para_word(toks.get(j)) {
                    out.push(Place::Paragraphs(list));
                    i = j + 1;
                } else if photo_word(toks.get(j)) == Some(false) && list.len() == 1 {
                    out.push(Place::Photo(Some(*n as usize)));
                    i = j + 1;
                } else {
                    i = j.max(i + 1);
                }
            }
            Tok::Num(k) if is_para_word(next) => {
                // a count: `2 grafs after para 5`, `2 paras at bottom`
                pending = Some(*k as usize);
                i += 2;
                if word_is(toks.get(i), &["at"]) && word_is(toks.get(i + 1), &["end", "bottom"]) {
                    out.push(Place::LastParagraphs(*k as usize));
                    pending = None;
                    i += 2;
                }
            }
            Tok::Word(w) if w == "after" || w == "before" => {
                let count = pending.take().unwrap_or(1);
                let after = w == "after";
                // the reference paragraph: `para 5`, `5th graf`, `lead`
                let reference = match (toks.get(i + 1), toks.get(i + 2)) {
                    (Some(Tok::Ord(m)), p) if is_para_word(p) => Some((*m as usize, i + 3)),
                    (p, Some(Tok::Num(m))) if is_para_word(p) => Some((*m as usize, i + 3)),
                    (p, _) if word_is(p, &["lead", "lede", "top", "intro"]) => Some((1, i + 2)),
                    _ => None,
                };
                match reference {
                    Some((m, j)) if m > 0 => {
                        let first = if after { m + 1 } else { m };
                        let count = count.min(MAX_RANGE as usize);
                        out.push(Place::Paragraphs((first..first + count).collect()));
                        i = j;
                    }
                    _ => i += 1,
                }
            }
            _ if is_para_word(Some(t)) => {
                let (list, j) = number_list(&toks, i + 1, false);
                if list.is_empty() {
                    if word_is(toks.get(j), &["after", "before"]) {
                        pending = Some(1);
                    }
                } else {
                    out.push(Place::Paragraphs(list));
                }
                i = j.max(i + 1);
            }
            _ => match photo_word(Some(t)) {
                Some(true) => {
                    out.push(Place::Photos);
                    i += 1;
                }
                Some(false) => {
                    if let Some(Tok::Num(n)) = next {
                        out.push(Place::Photo(Some(*n as usize)));
                        i += 2;
                    } else {
                        out.push(Place::Photo(None));
                        i += 1;
                    }
                    // `photo caption`: one place
                    if photo_word(toks.get(i)) == Some(false) {
                        i += 1;
                    }
                }
                None => i += 1,
            },
        }
    }
    let mut unique: Vec<Place> = Vec::with_capacity(out.len());
    for p in out {
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    if unique.is_empty() {
        unique.push(Place::Details);
    }
    unique
}

/// The units of `article` the places name, in document order.
pub(super) fn resolve(places: &[Place], verb: &UpdateVerb, units: &[Unit<'_>]) -> Vec<String> {
    let paragraphs = units
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::Paragraph(_)))
        .count();
    let photos = units
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::Caption(_)))
        .count();
    let mut named = vec![false; units.len()];
    for place in places {
        for (k, unit) in units.iter().enumerate() {
            let hit = match (place, unit.kind) {
                (Place::Headline, UnitKind::Headline) => true,
                (Place::Dateline, UnitKind::DatelinePlace) => true,
                (Place::Lead, UnitKind::Paragraph(n)) => n == 1,
                (Place::Paragraphs(ns), UnitKind::Paragraph(n)) => ns.contains(&n),
                (Place::LastParagraphs(k), UnitKind::Paragraph(n)) => n + k > paragraphs,
                (Place::Photo(Some(m)), UnitKind::Caption(n)) => n == *m,
                (Place::Photo(None), UnitKind::Caption(n)) => {
                    photos == 1
                        || !matches!(verb, UpdateVerb::Adds | UpdateVerb::Inserts)
                        || n == photos
                }
                (Place::Photos, UnitKind::Caption(_)) => true,
                (Place::Throughout, _) => true,
                _ => false,
            };
            named[k] |= hit;
        }
    }
    units
        .iter()
        .zip(named)
        .filter(|(_, n)| *n)
        .map(|(u, _)| u.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Headline, Photo, Text};

    fn p(ns: &[usize]) -> Place {
        Place::Paragraphs(ns.to_vec())
    }

    #[test]
    fn issue_forms() {
        assert_eq!(places("headline"), [Place::Headline]);
        assert_eq!(places("lead"), [Place::Lead]);
        assert_eq!(places("photo"), [Place::Photo(None)]);
        assert_eq!(places("byline"), [Place::Byline]);
        assert_eq!(places("distance in para 3"), [p(&[3])]);
        assert_eq!(places("details in paras 2, 5, 10"), [p(&[2, 5, 10])]);
        assert_eq!(places("paras 13-16"), [p(&[13, 14, 15, 16])]);
        assert_eq!(places("quotes in last 4 paras"), [Place::LastParagraphs(4)]);
        assert_eq!(places("style throughout"), [Place::Throughout]);
        assert_eq!(places("details"), [Place::Details]);
        assert_eq!(places(""), [Place::Details]);
    }

    #[test]
    fn paragraph_spellings() {
        assert_eq!(places("paragraph 3"), [p(&[3])]);
        assert_eq!(places("Paragraphs 3 and 4"), [p(&[3, 4])]);
        assert_eq!(places("graf 3"), [p(&[3])]);
        assert_eq!(places("grafs 4-5"), [p(&[4, 5])]);
        assert_eq!(places("pars 2, 3"), [p(&[2, 3])]);
        assert_eq!(places("pgh 7"), [p(&[7])]);
        assert_eq!(places("¶ 2"), [p(&[2])]);
        assert_eq!(places("PARAS 2 to 4"), [p(&[2, 3, 4])]);
        assert_eq!(places("paras 2–4"), [p(&[2, 3, 4])]); // en dash
        assert_eq!(places("paras 3, 7-10"), [p(&[3, 7, 8, 9, 10])]);
        assert_eq!(places("paras 5-3"), [p(&[3, 4, 5])]);
        assert_eq!(places("para. 6"), [p(&[6])]);
    }

    #[test]
    fn ordinals_and_words() {
        assert_eq!(places("date in 3rd para"), [p(&[3])]);
        assert_eq!(places("second para"), [p(&[2])]);
        assert_eq!(places("2nd and 3rd paras"), [p(&[2, 3])]);
        assert_eq!(places("21st graf"), [p(&[21])]);
        assert_eq!(places("last para"), [Place::LastParagraphs(1)]);
        assert_eq!(places("final graf"), [Place::LastParagraphs(1)]);
        assert_eq!(places("last four paras"), [Place::LastParagraphs(4)]);
        assert_eq!(places("top 3 paras"), [p(&[1, 2, 3])]);
        assert_eq!(places("first two paras"), [p(&[1, 2])]);
        assert_eq!(places("paragraph three"), [p(&[3])]);
    }

    #[test]
    fn lead_and_top() {
        assert_eq!(places("top"), [Place::Lead]);
        assert_eq!(places("top with new toll"), [Place::Lead]);
        assert_eq!(places("lead para"), [Place::Lead]);
        assert_eq!(places("lede"), [Place::Lead]);
        assert_eq!(places("headline, lead"), [Place::Headline, Place::Lead]);
        // nouns, not places
        assert_eq!(places("comments from top officials"), [Place::Details]);
        assert_eq!(places("name of lead negotiator"), [Place::Details]);
    }

    #[test]
    fn photos_and_captions() {
        assert_eq!(places("photo 2"), [Place::Photo(Some(2))]);
        assert_eq!(places("2nd photo"), [Place::Photo(Some(2))]);
        assert_eq!(places("caption"), [Place::Photo(None)]);
        assert_eq!(places("photo caption"), [Place::Photo(None)]);
        assert_eq!(places("photos"), [Place::Photos]);
        assert_eq!(places("pix"), [Place::Photos]);
        assert_eq!(
            places("Japan's reaction in para 5, photo"),
            [p(&[5]), Place::Photo(None)]
        );
    }

    #[test]
    fn positions_relative_to_a_paragraph() {
        assert_eq!(places("3 grafs after 5th graf"), [p(&[6, 7, 8])]);
        assert_eq!(places("para after para 4"), [p(&[5])]);
        assert_eq!(places("quote after para 4"), [p(&[5])]);
        assert_eq!(places("two paras before para 3"), [p(&[3, 4])]);
        assert_eq!(places("2 paras at bottom"), [Place::LastParagraphs(2)]);
        assert_eq!(places("para after lead"), [p(&[2])]);
    }

    #[test]
    fn huge_ranges_are_capped_and_zero_is_no_paragraph() {
        let Place::Paragraphs(ns) = &places("paras 1-4000000000")[0] else {
            panic!()
        };
        assert_eq!(ns.len(), MAX_RANGE as usize + 1);
        assert_eq!(places("para 0"), [Place::Details]);
        assert_eq!(places("dateline"), [Place::Dateline]);
    }

    fn story(paragraphs: usize, photos: usize) -> Article {
        let mut a = Article::new("s", "en".parse().unwrap());
        a.headline = Some(Headline {
            tag: None,
            text: Text::plain("Head"),
        });
        for k in 1..=paragraphs {
            a.body
                .push(Block::Paragraph(Text::plain(format!("Paragraph {k}."))));
        }
        for k in 1..=photos {
            a.body.push(Block::Photo(Photo::new(
                Text::plain(format!("Caption {k}.")),
                crate::model::Credit("Yonhap".into()),
            )));
        }
        a
    }

    #[test]
    fn claims_resolve_against_the_new_version() {
        let a = story(6, 2);
        let note = EditorNote::new(
            "ATTN: CORRECTS distance in para 2; ADDS Japan's reaction in para 5, photo; \
             RECASTS headline; UPDATES with toll in last 2 paras and REMOVES para 9",
        );
        let c = claims(&note, &a);
        assert_eq!(c.len(), 5);
        assert_eq!(c[0].clause, "CORRECTS distance in para 2");
        assert_eq!(c[0].units, ["p2"]);
        assert_eq!(c[1].clause, "ADDS Japan's reaction in para 5, photo");
        assert_eq!(c[1].units, ["p5", "photo2-caption"]);
        assert_eq!(c[2].units, ["headline"]);
        assert_eq!(c[3].clause, "UPDATES with toll in last 2 paras");
        assert_eq!(c[3].units, ["p5", "p6"]);
        // spelled as written; para 9 does not exist in the new version
        assert_eq!(c[4].clause, "REMOVES para 9");
        assert_eq!(c[4].verb, UpdateVerb::Deletes);
        assert_eq!(c[4].places, [p(&[9])]);
        assert!(c[4].units.is_empty());
    }

    #[test]
    fn photo_without_number() {
        let two = story(1, 2);
        let one = story(1, 1);
        let adds = EditorNote::new("ADDS photo");
        let fixes = EditorNote::new("CORRECTS caption");
        assert_eq!(claims(&adds, &two)[0].units, ["photo2-caption"]);
        assert_eq!(
            claims(&fixes, &two)[0].units,
            ["photo1-caption", "photo2-caption"]
        );
        assert_eq!(claims(&fixes, &one)[0].units, ["photo1-caption"]);
    }

    #[test]
    fn throughout_details_and_byline() {
        let a = story(2, 1);
        let note = EditorNote::new("EDS: FIXES typos throughout; ADDS details; ADDS byline");
        let c = claims(&note, &a);
        assert_eq!(c[0].units, ["headline", "p1", "p2", "photo1-caption"]);
        assert_eq!(c[1].places, [Place::Details]);
        assert!(c[1].units.is_empty());
        assert_eq!(c[2].places, [Place::Byline]);
        assert!(c[2].units.is_empty());
        // a verb without object
        let c = claims(&EditorNote::new("REFILES"), &a);
        assert_eq!(c[0].clause, "REFILES");
        assert_eq!(c[0].places, [Place::Details]);
    }

    #[test]
    fn clause_keeps_the_writing_but_folds_white_space() {
        let a = story(3, 0);
        let note = EditorNote::new("ATTN:  RECASTS   headline;\n CORRECTS  spelling in  para 3.");
        let c = claims(&note, &a);
        assert_eq!(c[0].clause, "RECASTS headline");
        assert_eq!(c[1].clause, "CORRECTS spelling in para 3");
        assert_eq!(c[1].units, ["p3"]);
    }
}
