//! Figures: every quantity of the source in the target, in whatever form the
//! target's grammar writes it.

use super::grammar::Grammar;
use super::script::{is_cjk, is_letter};
use super::{Check, Emit};

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Atom {
    /// Byte range in the segment's text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The value, and an alternative (the 24-hour form of `6 p.m.`).
    pub(crate) value: f64,
    pub(crate) alt: Option<f64>,
    /// Written with digits or a month name (must be matched); number words
    /// are optional.
    pub(crate) required: bool,
    /// Next to a word that makes it approximate (`about`, `약`, `余り`).
    pub(crate) approx: bool,
    /// Read through a phrasing rule (`4년 반`).
    pub(crate) phrased: bool,
}

impl Atom {
    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        std::iter::once(self.value).chain(self.alt)
    }

    fn matches(&self, other: &Atom) -> bool {
        self.values().any(|v| other.values().any(|w| close(v, w)))
    }

    fn distance(&self, other: &Atom) -> f64 {
        let (a, b) = (self.value.abs().max(1e-9), other.value.abs().max(1e-9));
        (a / b).ln().abs()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The value of a decimal digit in any of the scripts news copy uses.
pub(crate) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{FF10}'..='\u{FF19}' => Some(c as u32 - 0xFF10),
        _ => None,
    }
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// Whether `word` starts at byte `i` of `text` (ASCII case folded), ending
/// at a word boundary when it ends in a letter of a spaced script. Returns
/// the end.
fn word_at(text: &str, i: usize, word: &str) -> Option<usize> {
    let rest = text.get(i..)?;
    let n = word.len();
    let head = rest.get(..n)?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let last = word.chars().next_back()?;
    if is_letter(last)
        && !is_cjk(last)
        && let Some(next) = rest[n..].chars().next()
        && is_letter(next)
    {
        return None;
    }
    Some(i + n)
}

fn skip_space(text: &str, i: usize) -> usize {
    match char_at(text, i) {
        Some(c) if c == ' ' || c == '\u{A0}' || c == '\u{202F}' => i + c.len_utf8(),
        _ => i,
    }
}

/// Reads `digits` at `i`; returns the digits' value as a string of ASCII
/// digits and the end.
fn digits(text: &str, i: usize) -> (String, usize) {
    let mut s = String::new();
    let mut end = i;
    for (k, c) in text[i..].char_indices() {
        match digit(c) {
            Some(d) => {
                s.push(char::from_digit(d, 10).unwrap_or('0'));
                end = i + k + c.len_utf8();
            }
            None => break,
        }
    }
    (s, end)
}

/// Reads a plain number (groups and a decimal part) at `i`.
fn plain_number(text: &str, i: usize, g: &Grammar) -> (f64, usize, bool) {
    let (mut int, mut end) = digits(text, i);
    let mut grouped = false;
    if int.len() <= 3 {
        'groups: loop {
            for &sep in &g.group {
                if char_at(text, end) == Some(sep) {
                    let after = end + sep.len_utf8();
                    let (d, e) = digits(text, after);
                    if d.len() == 3 {
                        int.push_str(&d);
                        end = e;
                        grouped = true;
                        continue 'groups;
                    }
                }
            }
            break;
        }
    }
    let mut number = int;
    for &sep in &g.decimal {
        if char_at(text, end) == Some(sep) {
            let after = end + sep.len_utf8();
            let (d, e) = digits(text, after);
            if !d.is_empty() {
                number.push('.');
                number.push_str(&d);
                end = e;
                break;
            }
        }
    }
    (number.parse().unwrap_or(0.0), end, grouped)
}

fn ends_with_any(text: &str, i: usize, words: &[String]) -> bool {
    let before = skip_space_back(text, i);
    words.iter().any(|w| {
        before >= w.len()
            && text
                .get(before - w.len()..before)
                .is_some_and(|s| s.eq_ignore_ascii_case(w))
            && {
                // a word boundary before a spaced-script marker
                let first = w.chars().next().unwrap_or(' ');
                !is_letter(first)
                    || is_cjk(first)
                    || char_before(text, before - w.len()).is_none_or(|c| !is_letter(c))
            }
    })
}

fn skip_space_back(text: &str, i: usize) -> usize {
    match char_before(text, i) {
        Some(c) if c == ' ' || c == '\u{A0}' || c == '\u{202F}' => i - c.len_utf8(),
        _ => i,
    }
}

fn starts_with_any(text: &str, i: usize, words: &[String]) -> Option<usize> {
    words.iter().find_map(|w| word_at(text, i, w))
}

/// Every figure in `text` (already masked: protected spans, URLs and the
/// like are spaces).
pub(crate) fn extract(text: &str, g: &Grammar) -> Vec<Atom> {
    let mut atoms: Vec<Atom> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = char_at(text, i) else { break };
        if digit(c).is_none() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let (mut value, mut end, grouped) = plain_number(text, i, g);
        // a time: H:MM (H.MM where `.` is no decimal separator, 18h30)
        let mut minute: Option<Atom> = None;
        let int_only = !grouped && !text[start..end].contains(|c: char| g.decimal.contains(&c));
        if int_only && value <= 24.0 {
            for sep in [':', '.', 'h'] {
                if char_at(text, end) == Some(sep) && (sep != '.' || !g.decimal.contains(&'.')) {
                    let (d, e) = digits(text, end + 1);
                    if d.len() == 2 && d.parse::<u32>().is_ok_and(|m| m < 60) {
                        minute = Some(Atom {
                            start: end + 1,
                            end: e,
                            value: d.parse().unwrap_or(0.0),
                            alt: None,
                            required: true,
                            approx: false,
                            phrased: false,
                        });
                        break;
                    }
                }
            }
        }
        let mut phrased = false;
        if minute.is_none() {
            // fractions: 4 1/2, 4½
            match char_at(text, end) {
                Some('½') => {
                    value += 0.5;
                    end += '½'.len_utf8();
                }
                Some('¼') => {
                    value += 0.25;
                    end += '¼'.len_utf8();
                }
                Some('¾') => {
                    value += 0.75;
                    end += '¾'.len_utf8();
                }
                Some(' ') => {
                    let (n, e1) = digits(text, end + 1);
                    if !n.is_empty() && char_at(text, e1) == Some('/') {
                        let (d, e2) = digits(text, e1 + 1);
                        if let (Ok(n), Ok(d)) = (n.parse::<f64>(), d.parse::<f64>())
                            && d > n
                            && d > 0.0
                        {
                            value += n / d;
                            end = e2;
                        }
                    }
                }
                _ => {}
            }
            // multipliers: 3.2 billion, 32억, 1만1천, 3천200
            let (v, e) = multiply(text, value, end, g);
            value = v;
            end = e;
            // half: 4년 반, 4年半
            if !g.half.is_empty() {
                let mut k = end;
                for _ in 0..3 {
                    match char_at(text, k) {
                        Some(ch) if is_letter(ch) => k += ch.len_utf8(),
                        _ => break,
                    }
                    let k2 = skip_space(text, k);
                    if let Some(h) = starts_with_any(text, k2, &g.half) {
                        let next_is_word = char_at(text, h).is_some_and(is_letter)
                            && char_at(text, h + char_at(text, h).map_or(0, char::len_utf8))
                                .is_some_and(is_letter);
                        if !next_is_word {
                            value += 0.5;
                            phrased = true;
                        }
                        break;
                    }
                }
            }
        }
        let after = minute.as_ref().map_or(end, |m| m.end);
        let pm = value <= 12.0
            && value.fract() == 0.0
            && (starts_with_any(text, skip_space(text, after), &g.pm_after).is_some()
                || ends_with_any(text, start, &g.pm_before));
        let alt = (pm && value < 12.0).then_some(value + 12.0);
        let approx = ends_with_any(text, start, &g.approx_before) || approx_after(text, after, g);
        atoms.push(Atom {
            start,
            end,
            value,
            alt,
            required: true,
            approx,
            phrased,
        });
        if let Some(m) = minute {
            i = m.end;
            atoms.push(m);
        } else {
            i = end.max(start + 1);
        }
        // step over what was read
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    words_and_months(text, g, &mut atoms, false);
    atoms.sort_by_key(|a| a.start);
    atoms
}

/// [`extract`] for a target, where month names of the source language next
/// to a number count too (`SEPT. 12` left in a Korean target still says
/// September).
pub(crate) fn extract_target(text: &str, g: &Grammar, source: &Grammar) -> Vec<Atom> {
    let mut atoms = extract(text, g);
    if !std::ptr::eq(g, source) && !source.months.is_empty() {
        words_and_months(text, source, &mut atoms, true);
        atoms.sort_by_key(|a| a.start);
    }
    atoms
}

fn approx_after(text: &str, end: usize, g: &Grammar) -> bool {
    if g.approx_after.is_empty() {
        return false;
    }
    let mut k = end;
    for _ in 0..4 {
        if g.approx_after
            .iter()
            .any(|w| text[k..].starts_with(w.as_str()))
        {
            return true;
        }
        match char_at(text, k) {
            Some(ch) if is_letter(ch) => k += ch.len_utf8(),
            _ => return false,
        }
    }
    false
}

/// Applies the multipliers after a number; returns the value and the end.
fn multiply(text: &str, value: f64, end: usize, g: &Grammar) -> (f64, usize) {
    if g.multipliers.is_empty() {
        return (value, end);
    }
    let mut total = 0.0;
    let mut section = 0.0;
    let mut cur = Some(value);
    let mut pos = end;
    let mut last: Option<(f64, bool)> = None; // value, written in CJK
    let mut best_end = end;
    loop {
        let found = [pos, skip_space(text, pos)].into_iter().find_map(|p| {
            g.multipliers
                .iter()
                .find_map(|m| word_at(text, p, &m.word).map(|e| (m, e)))
        });
        if let Some((m, e)) = found {
            if m.large && cur.is_none() && section == 0.0 && last.is_some_and(|l| l.0 < m.value) {
                // 万亿: a large unit right after a smaller one multiplies it
                total *= m.value;
            } else if m.large {
                let base = section + cur.unwrap_or(if section == 0.0 { 1.0 } else { 0.0 });
                total += base * m.value;
                section = 0.0;
            } else {
                section += cur.unwrap_or(1.0) * m.value;
            }
            cur = None;
            let cjk = m.word.chars().next().is_some_and(is_cjk);
            last = Some((m.value, cjk));
            pos = e;
            best_end = e;
            continue;
        }
        // 1만1천, 3천200: a smaller number after a CJK unit continues it
        if let Some((lv, true)) = last
            && cur.is_none()
        {
            let p = skip_space(text, pos);
            if char_at(text, p).and_then(digit).is_some() {
                let (n, e, _) = plain_number(text, p, g);
                if n < lv {
                    cur = Some(n);
                    pos = e;
                    best_end = e;
                    continue;
                }
            }
        }
        break;
    }
    if last.is_none() {
        return (value, end);
    }
    (total + section + cur.unwrap_or(0.0), best_end)
}

/// Month names next to a number, and number words.
fn words_and_months(text: &str, g: &Grammar, atoms: &mut Vec<Atom>, months_only: bool) {
    if g.months.is_empty() && (months_only || g.words.is_empty()) {
        return;
    }
    let taken = |atoms: &[Atom], s: usize, e: usize| atoms.iter().any(|a| a.start < e && s < a.end);
    let mut prev: Option<char> = None;
    let mut found: Vec<Atom> = Vec::new();
    for (i, c) in text.char_indices() {
        let boundary = is_letter(c) && prev.is_none_or(|p| !is_letter(p) && digit(p).is_none());
        prev = Some(c);
        if !boundary {
            continue;
        }
        let Some(candidates) = c.to_lowercase().next().and_then(|k| g.by_first.get(&k)) else {
            continue;
        };
        for (w, v, month) in candidates {
            let Some(e) = word_at(text, i, w) else {
                continue;
            };
            if *month {
                let after = skip_space(text, e);
                let next_digit = char_at(text, after).and_then(digit).is_some();
                let mut b = skip_space_back(text, i);
                if char_before(text, b) == Some('.') {
                    b -= 1;
                }
                let prev_digit = char_before(text, b).and_then(digit).is_some();
                if (next_digit || prev_digit) && !taken(atoms, i, e) {
                    found.push(Atom {
                        start: i,
                        end: e,
                        value: *v,
                        alt: None,
                        required: true,
                        approx: false,
                        phrased: false,
                    });
                }
                break;
            }
            if months_only || char_at(text, e).is_some_and(is_letter) || taken(atoms, i, e) {
                continue;
            }
            let (value, end) = multiply(text, *v, e, g);
            found.push(Atom {
                start: i,
                end,
                value,
                alt: None,
                required: false,
                approx: false,
                phrased: false,
            });
            break;
        }
    }
    atoms.extend(found);
}

/// The figures of one segment pair.
pub(crate) struct SegmentFigures {
    pub(crate) source: Vec<Atom>,
    pub(crate) target: Vec<Atom>,
}

/// Matches atoms; `None` in the result means unmatched.
fn pair_up(
    src: &[&Atom],
    trg: &[&Atom],
    used_s: &mut [bool],
    used_t: &mut [bool],
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    // required sources against required targets (single values first),
    // then against target words, then source words against target figures
    let order: Vec<usize> = {
        let mut o: Vec<usize> = (0..src.len()).collect();
        o.sort_by_key(|&k| (!src[k].required, src[k].alt.is_some()));
        o
    };
    for pass in 0..3 {
        for &k in &order {
            if used_s[k] {
                continue;
            }
            let s = src[k];
            let want_required_s = pass < 2;
            if s.required != want_required_s {
                continue;
            }
            let want_required_t = pass != 1;
            if let Some(j) = (0..trg.len())
                .find(|&j| !used_t[j] && trg[j].required == want_required_t && s.matches(trg[j]))
            {
                used_s[k] = true;
                used_t[j] = true;
                pairs.push((k, j));
            }
        }
    }
    pairs
}

/// Checks the figures of one unit: `segs` holds each segment's figures and
/// the segment's index.
pub(crate) fn check_unit(segs: &[SegmentFigures], emit: &mut Emit<'_>) {
    let mut used_s: Vec<Vec<bool>> = segs.iter().map(|s| vec![false; s.source.len()]).collect();
    let mut used_t: Vec<Vec<bool>> = segs.iter().map(|s| vec![false; s.target.len()]).collect();
    let mut matched: Vec<(usize, usize, usize, usize)> = Vec::new(); // seg s, k, seg t, j
    for (n, seg) in segs.iter().enumerate() {
        let src: Vec<&Atom> = seg.source.iter().collect();
        let trg: Vec<&Atom> = seg.target.iter().collect();
        for (k, j) in pair_up(&src, &trg, &mut used_s[n], &mut used_t[n]) {
            matched.push((n, k, n, j));
        }
    }
    // across the unit: a figure may move to the next sentence
    if segs.len() > 1 {
        let mut src_ix = Vec::new();
        let mut trg_ix = Vec::new();
        for (n, seg) in segs.iter().enumerate() {
            src_ix.extend(
                (0..seg.source.len())
                    .filter(|&k| !used_s[n][k])
                    .map(|k| (n, k)),
            );
            trg_ix.extend(
                (0..seg.target.len())
                    .filter(|&j| !used_t[n][j])
                    .map(|j| (n, j)),
            );
        }
        let src: Vec<&Atom> = src_ix.iter().map(|&(n, k)| &segs[n].source[k]).collect();
        let trg: Vec<&Atom> = trg_ix.iter().map(|&(n, j)| &segs[n].target[j]).collect();
        let mut us = vec![false; src.len()];
        let mut ut = vec![false; trg.len()];
        for (a, b) in pair_up(&src, &trg, &mut us, &mut ut) {
            let (sn, k) = src_ix[a];
            let (tn, j) = trg_ix[b];
            used_s[sn][k] = true;
            used_t[tn][j] = true;
            matched.push((sn, k, tn, j));
        }
    }
    matched.sort();
    for &(sn, k, tn, j) in &matched {
        let (s, t) = (&segs[sn].source[k], &segs[tn].target[j]);
        if s.phrased || t.phrased {
            emit.pair(
                Check::NumberApproximate,
                sn,
                Some((s.start, s.end)),
                Some((tn, t.start, t.end)),
                |src, trg| {
                    format!("{src} is written {trg}, a phrasing that is read as the same figure; check it")
                },
            );
        } else if s.required && s.approx != t.approx && t.required {
            emit.pair(
                Check::NumberApproximate,
                sn,
                Some((s.start, s.end)),
                Some((tn, t.start, t.end)),
                move |src, trg| {
                    if s.approx {
                        format!("the source gives {src} as approximate, the target {trg} as exact")
                    } else {
                        format!("the source gives {src} as exact, the target {trg} as approximate")
                    }
                },
            );
        }
    }
    // what is left: changed (a source figure with a target figure left
    // over), missing, extra
    let mut left_t: Vec<(usize, usize)> = Vec::new();
    for (n, seg) in segs.iter().enumerate() {
        left_t.extend(
            (0..seg.target.len())
                .filter(|&j| !used_t[n][j] && seg.target[j].required)
                .map(|j| (n, j)),
        );
    }
    for (n, seg) in segs.iter().enumerate() {
        for (k, s) in seg.source.iter().enumerate() {
            if used_s[n][k] || !s.required {
                continue;
            }
            let pick = |same: bool| {
                left_t
                    .iter()
                    .enumerate()
                    .filter(|(_, (tn, _))| !same || *tn == n)
                    .min_by(|a, b| {
                        let da = s.distance(&segs[a.1.0].target[a.1.1]);
                        let db = s.distance(&segs[b.1.0].target[b.1.1]);
                        da.total_cmp(&db)
                    })
                    .map(|(i, _)| i)
            };
            match pick(true).or_else(|| pick(false)) {
                Some(i) => {
                    let (tn, j) = left_t.remove(i);
                    let t = &segs[tn].target[j];
                    let near = s.distance(t) <= 0.2_f64.ln_1p();
                    if t.approx && !s.approx && near {
                        emit.pair(
                            Check::NumberApproximate,
                            n,
                            Some((s.start, s.end)),
                            Some((tn, t.start, t.end)),
                            |src, trg| format!("{src} in the source is approximated as {trg}"),
                        );
                    } else {
                        emit.pair(
                            Check::NumberChanged,
                            n,
                            Some((s.start, s.end)),
                            Some((tn, t.start, t.end)),
                            |src, trg| format!("{src} in the source is {trg} in the target"),
                        );
                    }
                }
                None => emit.pair(
                    Check::NumberMissing,
                    n,
                    Some((s.start, s.end)),
                    None,
                    |src, _| format!("{src} is in the source but not in the target"),
                ),
            }
        }
    }
    for (tn, j) in left_t {
        let t = &segs[tn].target[j];
        emit.pair(
            Check::NumberExtra,
            tn,
            None,
            Some((tn, t.start, t.end)),
            |_, trg| format!("{trg} is in the target but not in the source"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::grammar::builtin;
    use super::*;

    fn values(text: &str, lang: &str) -> Vec<f64> {
        extract(text, builtin(lang))
            .into_iter()
            .filter(|a| a.required)
            .map(|a| a.value)
            .collect()
    }

    #[test]
    fn thousands_in_each_locale() {
        assert_eq!(values("3,200 people", "en"), [3200.0]);
        assert_eq!(values("3.200 Menschen", "de"), [3200.0]);
        assert_eq!(values("3 200 Menschen", "de"), [3200.0]);
        assert_eq!(values("3200명", "ko"), [3200.0]);
        assert_eq!(values("3천200명", "ko"), [3200.0]);
        assert_eq!(values("3,200명", "ko"), [3200.0]);
        assert_eq!(values("1만1천 명", "ko"), [11000.0]);
        assert_eq!(values("1万1000人", "ja"), [11000.0]);
        assert_eq!(values("3천만 원", "ko"), [30_000_000.0]);
        assert_eq!(values("2억3천만", "ko"), [230_000_000.0]);
        assert_eq!(values("728万亿韩元", "zh"), [728e12]);
        assert_eq!(values("728조 원", "ko"), [728e12]);
        assert_eq!(values("a 728 trillion-won budget", "en"), [728e12]);
        assert_eq!(values("٣٬٢٠٠ شخص", "ar"), [3200.0]);
    }

    #[test]
    fn decimals_money_and_multipliers() {
        assert_eq!(values("$3.2 billion", "en"), [3.2e9]);
        assert_eq!(values("32억 달러", "ko"), [3.2e9]);
        assert_eq!(values("32亿美元", "zh"), [3.2e9]);
        assert_eq!(values("3,2 Milliarden Dollar", "de"), [3.2e9]);
        assert_eq!(values("150만 달러", "ko"), [1.5e6]);
        assert_eq!(values("3,5 Prozent", "de"), [3.5]);
        assert_eq!(values("3.5 percent", "en"), [3.5]);
        assert_eq!(values("٣٫٥٪", "ar"), [3.5]);
    }

    #[test]
    fn times_dates_and_fractions() {
        let six = extract("by 6 p.m. today", builtin("en"));
        assert_eq!((six[0].value, six[0].alt), (6.0, Some(18.0)));
        let ko = extract("오후 6시까지", builtin("ko"));
        assert_eq!((ko[0].value, ko[0].alt), (6.0, Some(18.0)));
        assert_eq!(values("6:30 p.m.", "en"), [6.0, 30.0]);
        assert_eq!(values("um 18.30 Uhr", "de"), [18.0, 30.0]);
        assert_eq!(values("Sept. 11, 2023", "en"), [9.0, 11.0, 2023.0]);
        assert_eq!(values("11 septembre 2023", "fr"), [11.0, 9.0, 2023.0]);
        assert_eq!(values("am 11. September 2023", "de"), [11.0, 9.0, 2023.0]);
        assert_eq!(values("in September", "en"), Vec::<f64>::new());
        assert_eq!(values("they may go", "en"), Vec::<f64>::new());
        assert_eq!(values("4 1/2 years", "en"), [4.5]);
        let half = extract("4년 반 동안", builtin("ko"));
        assert_eq!(half[0].value, 4.5);
        assert!(half[0].phrased);
        assert_eq!(values("4年半", "ja"), [4.5]);
    }

    #[test]
    fn words_are_optional_and_approximations_marked() {
        let a = extract("two people and about 40 vessels", builtin("en"));
        assert_eq!(a.len(), 2);
        assert!(!a[0].required && a[0].value == 2.0);
        assert!(a[1].required && a[1].approx);
        assert!(extract("40여 척", builtin("ko"))[0].approx);
        assert!(extract("約40隻", builtin("ja"))[0].approx);
        assert!(!extract("40척", builtin("ko"))[0].approx);
        assert_eq!(
            extract("두 명", builtin("ko"))
                .first()
                .map(|a| (a.value, a.required)),
            Some((2.0, false))
        );
    }

    #[test]
    fn positions_are_byte_ranges() {
        let text = "인천 3,200명";
        let a = &extract(text, builtin("ko"))[0];
        assert_eq!(&text[a.start..a.end], "3,200");
    }
}
