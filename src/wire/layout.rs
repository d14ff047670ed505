//! What a locale writes, learnt from its own Fluent messages, so that the
//! reader reads every layout the renderers write: the dateline and the
//! opening of the first paragraph (`(서울=연합뉴스) 이민지 기자 = `,
//! `【ソウル聯合ニュース】`, `韩联社首尔9月12日电（记者 金敏智）`), the byline
//! line (`Par A et B`, `Автор: A`), the update tags (`(종합2보)`,
//! `（続報）`) and the end marks.
//!
//! Each message is formatted once with placeholder characters in place of
//! the story's values; the text around them is the layout. A candidate
//! reading is accepted only when formatting it again gives back what was
//! read (white space and bidi isolation marks aside), so the reader never
//! accepts a layout the locale does not write.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use fluent::FluentArgs;
use unic_langid::LanguageIdentifier;

use crate::l10n::{Locales, Localizer};
use crate::model::{Credit, Dateline, MonthDay, TagKind, Text, UpdateTag};

const PLACE: char = '\u{E000}';
const AGENCY: char = '\u{E001}';
const DAY: char = '\u{E002}';
const DATELINE: char = '\u{E003}';
const BYLINE: char = '\u{E004}';
const NAMES: char = '\u{E005}';
const FIRST: char = '\u{E006}';
const SECOND: char = '\u{E007}';

/// Agencies whose names the locales may translate; a dateline's agency is
/// read back to these keys.
const AGENCIES: &[&str] = &[
    "Yonhap", "AP", "AFP", "Reuters", "Kyodo", "Xinhua", "KCNA", "Jiji", "CNA", "TASS", "dpa",
    "EFE", "ANSA", "UPI",
];

/// Characters a reader skips when matching a layout: bidi isolates and
/// marks (Fluent isolates placeables in right-to-left locales).
pub(crate) fn ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}'
    )
}

/// Text compared for verification: no white space, no ignorable marks.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !ignorable(*c))
        .collect()
}

fn strip_ignorable(s: &str) -> String {
    s.chars().filter(|c| !ignorable(*c)).collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Lit(String),
    Place,
    Agency,
    Day,
}

fn segments(s: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut lit = String::new();
    for c in s.chars() {
        let seg = match c {
            PLACE => Some(Seg::Place),
            AGENCY => Some(Seg::Agency),
            DAY => Some(Seg::Day),
            c if ignorable(c) => continue,
            c => {
                lit.push(c);
                None
            }
        };
        if let Some(seg) = seg {
            if !lit.is_empty() {
                out.push(Seg::Lit(std::mem::take(&mut lit)));
            }
            out.push(seg);
        }
    }
    if !lit.is_empty() {
        out.push(Seg::Lit(lit));
    }
    out
}

/// One dateline layout: its segments and the month it was made for.
#[derive(Debug)]
struct Template {
    segs: Vec<Seg>,
    month: Option<u8>,
    /// Its literal parts without white space or ignorable marks: a text
    /// the layout matches contains each of them ([`norm`] of the text), so
    /// a layout whose month name or agency mark is missing is not tried.
    needles: Vec<String>,
}

/// A byline as read: the names, and the role when it is not the locale's
/// usual one.
pub(crate) type Byline = (Vec<String>, Option<String>);

/// What was captured while matching.
#[derive(Debug, Clone, Default)]
struct Caps {
    place: Option<String>,
    agency: Option<String>,
    /// Characters of a known agency's name matched (0 for an unknown one).
    known: usize,
    day: Option<u32>,
}

/// A locale's layouts.
pub(crate) struct Conventions {
    l: Localizer,
    datelines: Vec<Template>,
    /// Whether the full dateline carries no date (Korean, German): the
    /// reader then takes the dateline's date from the header.
    pub(crate) drops_date: bool,
    /// The dash the locale's datelines end with, if any.
    pub(crate) default_dash: Option<String>,
    /// (between dateline and byline, after the byline) when the byline
    /// goes in the opening of the first paragraph.
    lead_byline: Option<(String, String)>,
    /// after the dateline when there is no byline in the lead.
    lead_plain: String,
    /// (before the names, after them, the role written) for each byline
    /// layout: the usual one (role `None`) and one per `byline-roles`.
    bylines: Vec<(String, String, Option<String>)>,
    /// (written form, canonical English tag), longest first.
    tags: Vec<(String, UpdateTag)>,
    /// (written form, key), longest first.
    agencies: Vec<(String, String)>,
    name_splits: Vec<(String, String)>,
}

impl std::fmt::Debug for Conventions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conventions")
            .field("lang", &self.l.lang().to_string())
            .finish()
    }
}

fn args(pairs: &[(&str, &str)]) -> FluentArgs<'static> {
    let mut a = FluentArgs::new();
    for (k, v) in pairs {
        a.set(k.to_string(), v.to_string());
    }
    a
}

impl Conventions {
    /// The conventions of the embedded locale for `lang`, made once per
    /// process and language.
    pub(crate) fn embedded(lang: &LanguageIdentifier) -> Arc<Conventions> {
        static CACHE: OnceLock<Mutex<HashMap<String, Arc<Conventions>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let key = lang.to_string();
        if let Ok(map) = cache.lock()
            && let Some(c) = map.get(&key)
        {
            return c.clone();
        }
        let made = Arc::new(Conventions::new(
            Locales::embedded().localizer(lang),
            &Locales::embedded().localizer(&"en".parse().unwrap_or_default()),
        ));
        if let Ok(mut map) = cache.lock() {
            map.insert(key, made.clone());
        }
        made
    }

    /// The layouts of `l`; `en` gives the canonical tags.
    pub(crate) fn new(l: Localizer, en: &Localizer) -> Conventions {
        let place = PLACE.to_string();
        let agency = AGENCY.to_string();
        let day = DAY.to_string();
        let mut datelines = Vec::new();
        let mut drops_date = false;
        for shape in ["full", "no-place", "no-agency", "date", "no-date", "agency"] {
            let dated = matches!(shape, "full" | "no-place" | "no-agency" | "date");
            let months: Vec<Option<u8>> = if dated {
                (1..=12).map(Some).collect()
            } else {
                vec![None]
            };
            for month in months {
                let mut a = args(&[
                    ("shape", shape),
                    ("place", &place),
                    ("agency", &agency),
                    ("day", &day),
                    ("year", "none"),
                ]);
                a.set("month", month.unwrap_or(0));
                let Ok(s) = l.format_args("dateline", &a) else {
                    continue;
                };
                let segs = segments(&s);
                let has_day = segs.contains(&Seg::Day);
                if shape == "full" && !has_day {
                    drops_date = true;
                }
                let has_agency = segs.contains(&Seg::Agency);
                // a layout with neither agency nor date is not read: any
                // sentence could match it
                if !has_agency && !has_day {
                    continue;
                }
                let month = if has_day { month } else { None };
                if !datelines
                    .iter()
                    .any(|t: &Template| t.segs == segs && t.month == month)
                {
                    let needles = segs
                        .iter()
                        .filter_map(|s| match s {
                            Seg::Lit(l) => Some(norm(l)),
                            _ => None,
                        })
                        .filter(|n| !n.is_empty())
                        .collect();
                    datelines.push(Template {
                        segs,
                        month,
                        needles,
                    });
                }
            }
        }
        let dl = DATELINE.to_string();
        let by = BYLINE.to_string();
        let lead_of = |has: &str| {
            l.format_args(
                "lead",
                &args(&[("dateline", &dl), ("byline", &by), ("has-byline", has)]),
            )
            .ok()
            .map(|s| strip_ignorable(&s))
        };
        let lead_plain = lead_of("no")
            .and_then(|s| s.split_once(DATELINE).map(|(_, after)| after.to_string()))
            .unwrap_or_else(|| " ".into());
        let lead_byline = if l.byline_in_lead() {
            lead_of("yes").and_then(|s| {
                let (_, after) = s.split_once(DATELINE)?;
                let (mid, end) = after.split_once(BYLINE)?;
                Some((mid.to_string(), end.to_string()))
            })
        } else {
            None
        };
        let names = NAMES.to_string();
        let mut bylines = Vec::new();
        let roles = l.byline_roles();
        for role in std::iter::once(None).chain(roles.iter().map(Some)) {
            for count in [1, 2, 3] {
                let mut a = args(&[
                    ("names", &names),
                    ("role", role.map_or("none", String::as_str)),
                ]);
                a.set("count", count);
                if let Ok(s) = l.format_args("byline", &a)
                    && let Some((pre, post)) = strip_ignorable(&s).split_once(NAMES)
                {
                    let layout = (pre.to_string(), post.to_string(), role.cloned());
                    if !bylines.contains(&layout) {
                        bylines.push(layout);
                    }
                }
            }
        }
        let (first, second) = (FIRST.to_string(), SECOND.to_string());
        let mut name_splits = Vec::new();
        for script in ["latin", "other"] {
            let sep = l
                .format_args("names-separator", &args(&[("script", script)]))
                .map(|s| strip_ignorable(&s))
                .unwrap_or_else(|_| ", ".into());
            let pair = l
                .format_args(
                    "names-pair",
                    &args(&[("script", script), ("first", &first), ("second", &second)]),
                )
                .map(|s| strip_ignorable(&s))
                .unwrap_or_default();
            let mid = pair
                .split_once(FIRST)
                .and_then(|(_, rest)| rest.split_once(SECOND))
                .map(|(mid, _)| mid.to_string())
                .unwrap_or_default();
            if !mid.is_empty() && !name_splits.contains(&(sep.clone(), mid.clone())) {
                name_splits.push((sep, mid));
            }
        }
        let mut tags = Vec::new();
        for n in 1..=40u32 {
            if let (Ok(ours), Ok(canonical)) = (l.lead_tag(n), en.lead_tag(n)) {
                tags.push((strip_ignorable(&ours), UpdateTag::new(canonical)));
            }
        }
        if let (Ok(ours), Ok(canonical)) = (l.urgent_tag(), en.urgent_tag()) {
            tags.push((strip_ignorable(&ours), UpdateTag::new(canonical)));
        }
        tags.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
        let mut agencies = Vec::new();
        for key in AGENCIES {
            if let Ok(s) = l.message("agency-name", &[("agency", key)]) {
                let s = strip_ignorable(&s);
                if !s.trim().is_empty() {
                    agencies.push((s.trim().to_string(), key.to_string()));
                }
            }
        }
        agencies.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
        let default_dash = l.dateline(Some("X"), None, Some("Y")).ok().and_then(|s| {
            ["--", "—", "–", "-"]
                .iter()
                .find(|d| s.trim_end().ends_with(**d))
                .map(|d| d.to_string())
        });
        Conventions {
            l,
            default_dash,
            datelines,
            drops_date,
            lead_byline,
            lead_plain,
            bylines,
            tags,
            agencies,
            name_splits,
        }
    }

    /// The locale these layouts are of.
    pub(crate) fn lang(&self) -> &LanguageIdentifier {
        self.l.lang()
    }

    /// The locale's messages, as the renderer writes with them.
    pub(crate) fn localizer(&self) -> &Localizer {
        &self.l
    }

    /// Whether `s` (with its brackets) is an update tag, in this locale's
    /// forms (`(عاجل)`, `[속보]`) or the English ones (`(URGENT)`).
    pub(crate) fn is_tag(&self, s: &str) -> bool {
        UpdateTag::new(strip_ignorable(s)).kind() != TagKind::Other || {
            let s = norm(s);
            self.tags.iter().any(|(written, _)| norm(written) == s)
        }
    }

    /// A headline's update tag in this locale's forms: at its start
    /// (followed by optional space) or at its end. Gives the canonical tag and the headline text.
    pub(crate) fn split_tag<'a>(&self, text: &'a str) -> Option<(UpdateTag, &'a str)> {
        for (written, canonical) in &self.tags {
            if let Some(rest) = text.strip_prefix(written.as_str()) {
                let rest = rest.trim_start();
                if !rest.is_empty() {
                    return Some((canonical.clone(), rest));
                }
            }
            // at the end where the locale writes it there, and in any
            // locale where desks write it there (Japanese `…発射（第2報）`)
            if let Some(rest) = text.strip_suffix(written.as_str()) {
                let rest = rest.trim_end();
                if !rest.is_empty() {
                    return Some((canonical.clone(), rest));
                }
            }
        }
        None
    }

    /// Names from the joined form, checked by joining them again.
    fn split_names(&self, joined: &str) -> Option<Vec<String>> {
        let joined = strip_ignorable(joined).trim().to_string();
        if joined.is_empty() {
            return None;
        }
        let mut candidates: Vec<Vec<String>> = Vec::new();
        for (sep, mid) in &self.name_splits {
            if let Some(i) = joined.rfind(mid.as_str()) {
                let last = joined[i + mid.len()..].trim();
                let mut names: Vec<String> = if sep.trim().is_empty() && !sep.is_empty() {
                    joined[..i].split_whitespace().map(str::to_string).collect()
                } else {
                    joined[..i]
                        .split(sep.as_str())
                        .map(|n| n.trim().to_string())
                        .collect()
                };
                names.push(last.to_string());
                if names.iter().all(|n| !n.is_empty()) {
                    candidates.push(names);
                }
            }
        }
        candidates.sort_by_key(|c| std::cmp::Reverse(c.len()));
        candidates.push(vec![joined.clone()]);
        candidates.retain(|c| c.iter().all(|n| plausible_name(n)));
        let want = norm(&joined);
        candidates
            .into_iter()
            .find(|c| self.l.names(c).is_ok_and(|j| norm(&j) == want))
    }

    /// A byline line in this locale's layout (`Par A et B`, `Автор: A`,
    /// `記者A`, `김민지 특파원`): the names and the role when it is not the
    /// locale's usual one, checked by formatting them again.
    pub(crate) fn byline_line(&self, text: &str) -> Option<(Vec<String>, Option<String>)> {
        let text = strip_ignorable(text);
        let text = text.trim();
        for (pre, post, role) in &self.bylines {
            if pre.trim().is_empty() && post.trim().is_empty() {
                continue;
            }
            let Some(at) = lit_match(text, 0, pre.trim_start()) else {
                continue;
            };
            let Some(joined) = text[at..].trim_end().strip_suffix(post.trim()) else {
                continue;
            };
            if let Some(names) = self.split_names(joined)
                && self
                    .l
                    .byline_with_role(&names, role.as_deref())
                    .is_ok_and(|b| norm(&b) == norm(text))
            {
                return Some((names, role.clone()));
            }
        }
        None
    }

    /// The opening of a first paragraph in this locale's layout: the
    /// dateline, the byline where the locale puts it there (names and
    /// role), and the byte offset where the text begins. `Err` for a date
    /// that does not exist.
    #[allow(clippy::type_complexity)]
    pub(crate) fn lead(
        &self,
        text: &str,
    ) -> std::result::Result<Option<(Dateline, Byline, usize)>, String> {
        let window = text.char_indices().nth(200).map_or(text.len(), |(i, _)| i);
        let input = &text[..window];
        // every reading the locale could have written; the most specific
        // wins: a byline read, a known agency (the longest name), a date,
        // a place
        let mut best: Option<((bool, bool, usize, bool, bool), (Dateline, Byline, usize))> = None;
        let mut consider = |score: (bool, bool, usize, bool, bool), found| {
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, found));
            }
        };
        let normalized = norm(input);
        for t in &self.datelines {
            if !t.needles.iter().all(|n| normalized.contains(n.as_str())) {
                continue;
            }
            let mut found = Vec::new();
            match_segs(self, &t.segs, input, 0, Caps::default(), &mut found);
            for (end, caps) in found {
                // a dash that goes on (`(Yonhap) --` read by a layout that
                // ends in `-`) is another layout's
                if input[end..].starts_with(['-', '—', '–']) {
                    continue;
                }
                let date = match (t.month, caps.day) {
                    (Some(m), Some(d)) => match u8::try_from(d).ok().map(|d| MonthDay::new(m, d)) {
                        Some(Ok(md)) => Some(md),
                        _ => {
                            return Err(format!(
                                "the dateline's date {} does not exist (month {m}, day {d})",
                                input[..end].trim()
                            ));
                        }
                    },
                    _ => None,
                };
                let again = self
                    .l
                    .dateline(caps.place.as_deref(), date, caps.agency.as_deref());
                if !again.is_ok_and(|a| norm(&a) == norm(&input[..end])) {
                    continue;
                }
                let score = |byline: bool| {
                    (
                        byline,
                        caps.known > 0,
                        caps.known,
                        date.is_some(),
                        caps.place.is_some(),
                    )
                };
                let dateline = Dateline::new(
                    caps.place.clone().map(Text::plain),
                    date,
                    caps.agency.clone().map(Credit),
                );
                // the byline inside the opening
                if let Some((mid, post)) = &self.lead_byline
                    && let Some(after_mid) = lit_match(input, end, mid)
                {
                    for close in find_lit(input, after_mid, post) {
                        let byline = &input[after_mid..close.0];
                        if let Some(names) = self.byline_in(byline) {
                            consider(score(true), (dateline.clone(), names, close.1));
                            break;
                        }
                    }
                }
                if let Some(rest) = lit_match(text, end, &self.lead_plain) {
                    consider(score(false), (dateline, (Vec::new(), None), rest));
                }
            }
        }
        Ok(best.map(|(_, found)| found))
    }

    /// Whether the text after a dateline opens like the byline this
    /// locale writes there (`김민지 인턴 =`, `(记者 …)`), though it was not
    /// read as one: the part the locale writes before the names, then
    /// within a few words the part it writes after them. Gives that
    /// opening.
    pub(crate) fn byline_residue<'t>(&self, rest: &'t str) -> Option<&'t str> {
        let (mid, post) = self.lead_byline.as_ref()?;
        let (mid, post) = (mid.trim(), post.trim());
        if post.is_empty() {
            return None;
        }
        let rest = rest.trim_start();
        let after_mid = rest.strip_prefix(mid)?;
        let window = after_mid
            .char_indices()
            .nth(40)
            .map_or(after_mid.len(), |(i, _)| i);
        let at = after_mid[..window].find(post)?;
        let names = &after_mid[..at];
        (names.split_whitespace().count() <= 6 && !names.contains(['.', '。']))
            .then(|| &rest[..mid.len() + at + post.len()])
    }

    fn byline_in(&self, byline: &str) -> Option<Byline> {
        if byline.trim().is_empty() || byline.contains('\n') {
            return None;
        }
        self.byline_line(byline)
    }

    /// The known agency written at the start of `s`: (its length, its key).
    fn agency_at(&self, s: &str) -> Vec<(usize, &str)> {
        self.agencies
            .iter()
            .filter(|(w, _)| s.starts_with(w.as_str()))
            .map(|(w, k)| (w.len(), k.as_str()))
            .collect()
    }
}

/// Matches `lit` in `input` at `pos`: white space in `lit` matches any run
/// of white space (or none), ignorable marks in `input` are skipped. Gives
/// the end.
fn lit_match(input: &str, pos: usize, lit: &str) -> Option<usize> {
    let mut at = pos;
    let bytes_at = |at: usize| input.get(at..).unwrap_or("");
    let mut lit_chars = lit.chars().peekable();
    while let Some(c) = lit_chars.next() {
        // skip ignorable marks
        while let Some(n) = bytes_at(at).chars().next() {
            if ignorable(n) {
                at += n.len_utf8();
            } else {
                break;
            }
        }
        if c.is_whitespace() {
            while lit_chars.peek().is_some_and(|c| c.is_whitespace()) {
                lit_chars.next();
            }
            while let Some(n) = bytes_at(at).chars().next() {
                if n.is_whitespace() || ignorable(n) {
                    at += n.len_utf8();
                } else {
                    break;
                }
            }
            continue;
        }
        let n = bytes_at(at).chars().next()?;
        if n != c {
            return None;
        }
        at += n.len_utf8();
    }
    Some(at)
}

/// Every place after `from` where `lit` matches: (start, end).
fn find_lit(input: &str, from: usize, lit: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if lit.trim().is_empty() {
        return out;
    }
    let first = lit.trim_start();
    let lead = lit.len() - first.len();
    for (i, _) in input.get(from..).unwrap_or("").char_indices() {
        let at = from + i;
        if let Some(end) = lit_match(input, at, first) {
            // the literal's leading white space belongs before it
            let start = if lead > 0 {
                input[..at].trim_end().len().max(from)
            } else {
                at
            };
            out.push((start, end));
            if out.len() >= 8 {
                break;
            }
        }
    }
    out
}

/// A person's name as bylines write it: a few words, no digits, no
/// sentence punctuation, not opening in lower case.
pub(crate) fn plausible_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && name.chars().count() <= 60
        && !name.chars().any(|c| c.is_numeric())
        && !name.ends_with('.')
        && !name.contains([';', ':', '!', '?', '"', '(', ')', '。', '，', '“', '”'])
        && !name.chars().next().is_some_and(char::is_lowercase)
}

fn plausible_place(s: &str) -> bool {
    let n = s.chars().count();
    n > 0
        && n <= 60
        && !s.chars().any(char::is_numeric)
        && !s.contains([
            '\n', '.', '。', '!', '?', '"', '“', '”', '(', ')', '（', '）', '【', '】', '=',
        ])
}

pub(crate) fn plausible_agency(s: &str) -> bool {
    let n = s.chars().count();
    n > 0
        && n <= 40
        && !s.contains([
            '\n', '.', '。', '!', '?', '"', '(', ')', '（', '）', '=', ',',
        ])
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        _ => None,
    }
}

/// Backtracking over a template's few segments; collects up to 16 complete
/// matches. The recursion is bounded by the number of segments (at most a
/// dozen).
fn match_segs(
    c: &Conventions,
    segs: &[Seg],
    input: &str,
    pos: usize,
    caps: Caps,
    out: &mut Vec<(usize, Caps)>,
) {
    if out.len() >= 16 {
        return;
    }
    let Some((seg, rest)) = segs.split_first() else {
        out.push((pos, caps));
        return;
    };
    match seg {
        Seg::Lit(l) => {
            if let Some(end) = lit_match(input, pos, l) {
                match_segs(c, rest, input, end, caps, out);
            }
        }
        Seg::Day => {
            let s = input.get(pos..).unwrap_or("");
            let skipped = s.len() - s.trim_start().len();
            let s = &s[skipped..];
            let mut value = 0u32;
            let mut len = 0;
            let mut count = 0;
            for ch in s.chars() {
                match digit(ch) {
                    Some(d) if count < 2 => {
                        value = value * 10 + d;
                        len += ch.len_utf8();
                        count += 1;
                    }
                    _ => break,
                }
            }
            if count == 0 {
                return;
            }
            let at = pos + skipped + len;
            let mut with = caps.clone();
            with.day = Some(value);
            match_segs(c, rest, input, at, with.clone(), out);
            // an ordinal suffix such as French "1er"
            let tail = &input[at..];
            let letters: usize = tail
                .chars()
                .take_while(|ch| ch.is_alphabetic())
                .take(2)
                .map(char::len_utf8)
                .sum();
            if letters > 0 {
                match_segs(c, rest, input, at + letters, with, out);
            }
        }
        Seg::Agency => {
            let s = input.get(pos..).unwrap_or("");
            for (len, key) in c.agency_at(s) {
                let mut with = caps.clone();
                with.agency = Some(key.to_string());
                with.known = s[..len].chars().count();
                match_segs(c, rest, input, pos + len, with, out);
            }
            if let Some(Seg::Lit(l)) = rest.first()
                && let Some(&(start, _)) = find_lit(input, pos, l).first()
            {
                let cand = strip_ignorable(&input[pos..start]);
                let cand = cand.trim();
                // an English update tag (`(URGENT)`, `(2nd LD)`) opening a
                // headline is not an agency
                let tag = c.is_tag(&format!("({cand})"));
                if plausible_agency(cand) && c.agency_at(cand).is_empty() && !tag {
                    let mut with = caps;
                    with.agency = Some(cand.to_string());
                    match_segs(c, rest, input, start, with, out);
                }
            }
        }
        Seg::Place => match rest.first() {
            Some(Seg::Lit(l)) => {
                for (start, _) in find_lit(input, pos, l) {
                    let cand = strip_ignorable(&input[pos..start]);
                    let cand = cand.trim();
                    if plausible_place(cand) {
                        let mut with = caps.clone();
                        with.place = Some(cand.to_string());
                        match_segs(c, rest, input, start, with, out);
                    }
                }
            }
            Some(Seg::Agency) => {
                let s = input.get(pos..).unwrap_or("");
                for (i, _) in s.char_indices().skip(1).take(60) {
                    if c.agency_at(&s[i..]).is_empty() {
                        continue;
                    }
                    let cand = strip_ignorable(&s[..i]);
                    let cand = cand.trim();
                    if plausible_place(cand) {
                        let mut with = caps.clone();
                        with.place = Some(cand.to_string());
                        match_segs(c, rest, input, pos + i, with, out);
                    }
                }
            }
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(tag: &str) -> Arc<Conventions> {
        Conventions::embedded(&tag.parse().unwrap())
    }

    #[test]
    fn korean_lead_with_byline() {
        let c = conv("ko");
        let text = "(서울=연합뉴스) 이민지 김철수 기자 = 북한이 12일 밝혔다.";
        let (d, (names, role), at) = c.lead(text).unwrap().unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "서울");
        assert_eq!(d.agency.unwrap().as_str(), "Yonhap");
        assert_eq!(names, ["이민지", "김철수"]);
        assert_eq!(role, None);
        assert_eq!(&text[at..], "북한이 12일 밝혔다.");
        assert!(c.drops_date);
    }

    #[test]
    fn japanese_and_chinese_datelines() {
        let (d, _, at) = conv("ja")
            .lead("【ソウル聯合ニュース】北朝鮮は")
            .unwrap()
            .unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "ソウル");
        assert_eq!(d.agency.unwrap().as_str(), "Yonhap");
        assert_eq!(at, "【ソウル聯合ニュース】".len());
        let text = "新华社北京9月12日电（记者张三）正文。";
        let (d, (names, _), at) = conv("zh-Hans").lead(text).unwrap().unwrap();
        assert_eq!(d.place.unwrap().to_plain_string(), "北京");
        assert_eq!(d.date, Some(MonthDay::new(9, 12).unwrap()));
        assert_eq!(d.agency.unwrap().as_str(), "Xinhua");
        assert_eq!(names, ["张三"]);
        assert_eq!(&text[at..], "正文。");
        let e = conv("zh-Hans")
            .lead("新华社北京9月31日电 正文。")
            .unwrap_err();
        assert!(e.contains("does not exist"), "{e}");
    }

    #[test]
    fn the_other_locales_datelines() {
        type Case = (
            &'static str,
            &'static str,
            Option<&'static str>,
            Option<(u8, u8)>,
            &'static str,
        );
        let cases: [Case; 6] = [
            (
                "zh-Hant",
                "（中央社台北9月12日電）文字。",
                Some("台北"),
                Some((9, 12)),
                "CNA",
            ),
            (
                "ar",
                "سيول، 12 سبتمبر (يونهاب) -- نص.",
                Some("سيول"),
                Some((9, 12)),
                "Yonhap",
            ),
            ("de", "BERLIN (dpa) - Text.", Some("BERLIN"), None, "dpa"),
            (
                "es",
                "PARÍS, 12 sep. (EFE) -- Texto.",
                Some("PARÍS"),
                Some((9, 12)),
                "EFE",
            ),
            (
                "fr",
                "SÉOUL, 1er sept. (AFP) - Texte.",
                Some("SÉOUL"),
                Some((9, 1)),
                "AFP",
            ),
            (
                "ru",
                "СЕУЛ, 12 сентября. /Ёнхап/. Текст.",
                Some("СЕУЛ"),
                Some((9, 12)),
                "Yonhap",
            ),
        ];
        for (lang, text, place, date, agency) in cases {
            let (d, _, at) = conv(lang)
                .lead(text)
                .unwrap()
                .unwrap_or_else(|| panic!("{lang}"));
            assert_eq!(
                d.place.map(|p| p.to_plain_string()).as_deref(),
                place,
                "{lang}"
            );
            assert_eq!(d.date.map(|m| (m.month(), m.day())), date, "{lang}");
            assert_eq!(d.agency.unwrap().as_str(), agency, "{lang}");
            assert!(!text[at..].starts_with(' '), "{lang}");
        }
    }

    #[test]
    fn tags_and_bylines() {
        let ko = conv("ko");
        let (tag, rest) = ko.split_tag("정상회담 전망(종합2보)").unwrap();
        assert_eq!((tag.as_str(), rest), ("(2nd LD)", "정상회담 전망"));
        let (tag, rest) = ko.split_tag("[속보] 북한 미사일 발사").unwrap();
        assert_eq!((tag.as_str(), rest), ("(URGENT)", "북한 미사일 발사"));
        assert_eq!(
            conv("fr")
                .byline_line("Par Anne Roux, Luc Petit et Marc Blanc")
                .unwrap()
                .0,
            ["Anne Roux", "Luc Petit", "Marc Blanc"]
        );
        assert_eq!(
            conv("ru").byline_line("Автор: Иван Петров").unwrap().0,
            ["Иван Петров"]
        );
        assert!(
            conv("fr")
                .byline_line("Par la suite, il est parti.")
                .is_none()
        );
    }
}
