//! Aligning two versions of a story: units, and sentences inside changed
//! units.
//!
//! The rules (also in `docs/versions.md`):
//!
//! 1. Items with equal canonical forms (and, for units, compatible kinds)
//!    are matched in order by a longest common subsequence: these are
//!    *unchanged* (their order relative to each other is kept).
//! 2. Among the rest, an item of the new version whose text equals that of
//!    an unmatched item of the old version is *moved*.
//! 3. In each gap between two unchanged items, the remaining items are
//!    paired, in order, so that the sum of their similarity scores is
//!    greatest; a pair needs a score of at least [`MIN_SIMILARITY`] (units
//!    also pair when they share a sentence, and a headline or dateline
//!    always pairs with the other version's). A paired item is *changed*.
//! 4. Among what is left, across gaps (an item edited and moved), pairs
//!    with a score of at least [`MIN_MOVED_SIMILARITY`] are *changed*,
//!    best first.
//! 5. What is left of the new version is *added*, of the old *removed*.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

use super::score::{Similarity, Token, code_end, similarity_of_tokens, tokens};
use crate::model::{Article, Unit, UnitKind, canonical};
use crate::segment::Segmenter;

/// The lowest similarity score at which two items that are not equal count
/// as one item *changed* rather than one *removed* and one *added*: the
/// lower end of the lowest fuzzy band CAT tools report.
pub const MIN_SIMILARITY: u8 = 50;

/// The lowest similarity score at which an item edited *and* moved out of
/// its gap (see the module rules) is paired with its old self as
/// *changed*: the lowest fuzzy band for which a translation is offered.
pub const MIN_MOVED_SIMILARITY: u8 = 75;

/// What became of an item (a unit or a sentence) between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Status {
    /// Same text, same place relative to the other unchanged items.
    Unchanged,
    /// Same text, another place.
    Moved,
    /// Edited: paired with the old item it replaces.
    Changed,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
}

impl Status {
    /// The status as a lower-case word (`unchanged`, `moved`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Moved => "moved",
            Status::Changed => "changed",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of an alignment of two sequences ([`align`]): indices from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Match {
    /// What became of the item.
    pub status: Status,
    /// Its index in the old sequence (none when added).
    pub old: Option<usize>,
    /// Its index in the new sequence (none when removed).
    pub new: Option<usize>,
    /// How alike old and new are (score 100 for unchanged and moved items;
    /// none when added or removed).
    pub similarity: Option<Similarity>,
}

/// Aligns two sequences of canonical forms (units' or sentences' source
/// text in the form source hashes are of) by the rules of the module: every
/// index of `old` and of `new` appears in exactly one entry. Entries follow
/// the new sequence; a removed item comes after the unchanged or changed
/// item that preceded it in the old sequence.
///
/// # Examples
///
/// ```
/// use newsloc::versions::{align, Status};
///
/// let old = ["Rain fell across the country.", "Roads were closed in the north.", "Schools shut."];
/// let new = [
///     "Rain fell across the country.",
///     "Schools shut.",
///     "Roads were closed in the north on Monday.",
///     "Ferries stopped.",
/// ];
/// let m = align(&old, &new);
/// let s: Vec<_> = m.iter().map(|m| (m.status, m.old, m.new)).collect();
/// assert_eq!(s, [
///     (Status::Unchanged, Some(0), Some(0)),
///     (Status::Unchanged, Some(2), Some(1)),
///     (Status::Changed, Some(1), Some(2)),
///     (Status::Added, None, Some(3)),
/// ]);
/// assert_eq!(m[2].similarity.unwrap().score, 77); // 2 tokens added to 7
/// ```
pub fn align<A: AsRef<str>, B: AsRef<str>>(old: &[A], new: &[B]) -> Vec<Match> {
    let old: Vec<&str> = old.iter().map(AsRef::as_ref).collect();
    let new: Vec<&str> = new.iter().map(AsRef::as_ref).collect();
    align_with(&old, &new, &|_, _| true, &mut |_, _, s| {
        s.score >= MIN_SIMILARITY
    })
}

/// The alignment of [`align`] with a kind test (only compatible items are
/// matched, equal or not) and a pairing test for unequal items in a gap.
fn align_with(
    old: &[&str],
    new: &[&str],
    compatible: &dyn Fn(usize, usize) -> bool,
    pairs: &mut dyn FnMut(usize, usize, Similarity) -> bool,
) -> Vec<Match> {
    let equal = |i: usize, j: usize| old[i] == new[j] && compatible(i, j);
    let (n, m) = (old.len(), new.len());
    // 1. common prefix and suffix, then a longest common subsequence
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut pre = 0;
    while pre < n && pre < m && equal(pre, pre) {
        anchors.push((pre, pre));
        pre += 1;
    }
    let mut suf = 0;
    while suf < n - pre && suf < m - pre && equal(n - 1 - suf, m - 1 - suf) {
        suf += 1;
    }
    anchors.extend(lcs(pre..n - suf, pre..m - suf, &equal));
    anchors.extend((0..suf).rev().map(|k| (n - 1 - k, m - 1 - k)));

    let mut old_of: Vec<Option<Match>> = vec![None; m];
    let mut old_taken = vec![false; n];
    let same = Similarity {
        score: 100,
        figures_differ: false,
    };
    for &(i, j) in &anchors {
        old_taken[i] = true;
        old_of[j] = Some(Match {
            status: Status::Unchanged,
            old: Some(i),
            new: Some(j),
            similarity: Some(same),
        });
    }
    // 2. moved: equal text elsewhere
    let mut free_old: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in (0..n).rev().filter(|&i| !old_taken[i]) {
        free_old.entry(old[i]).or_default().push(i);
    }
    for j in 0..m {
        if old_of[j].is_some() {
            continue;
        }
        if let Some(list) = free_old.get_mut(new[j])
            && let Some(pos) = list.iter().rposition(|&i| compatible(i, j))
        {
            let i = list.remove(pos);
            old_taken[i] = true;
            old_of[j] = Some(Match {
                status: Status::Moved,
                old: Some(i),
                new: Some(j),
                similarity: Some(same),
            });
        }
    }
    // 3. changed: best pairing inside each gap between anchors
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(anchors.len() + 2);
    bounds.push((0, 0));
    bounds.extend(anchors.iter().map(|&(i, j)| (i + 1, j + 1)));
    let mut ends: Vec<(usize, usize)> = anchors.clone();
    ends.push((n, m));
    let mut old_tokens: Vec<Option<Vec<Token<'_>>>> = vec![None; n];
    let mut new_tokens: Vec<Option<Vec<Token<'_>>>> = vec![None; m];
    for (&(i0, j0), &(i1, j1)) in bounds.iter().zip(&ends) {
        let xs: Vec<usize> = (i0..i1).filter(|&i| !old_taken[i]).collect();
        let ys: Vec<usize> = (j0..j1).filter(|&j| old_of[j].is_none()).collect();
        if xs.is_empty() || ys.is_empty() {
            continue;
        }
        let mut score = vec![None; xs.len() * ys.len()];
        for (a, &i) in xs.iter().enumerate() {
            for (b, &j) in ys.iter().enumerate() {
                if !compatible(i, j) {
                    continue;
                }
                let ta = old_tokens[i].get_or_insert_with(|| tokens(old[i]));
                let tb = new_tokens[j].get_or_insert_with(|| tokens(new[j]));
                let s = similarity_of_tokens(old[i], new[j], ta, tb);
                if pairs(i, j, s) {
                    score[a * ys.len() + b] = Some(s);
                }
            }
        }
        for (a, b) in best_pairing(xs.len(), ys.len(), &score) {
            let (i, j) = (xs[a], ys[b]);
            old_taken[i] = true;
            old_of[j] = Some(Match {
                status: Status::Changed,
                old: Some(i),
                new: Some(j),
                similarity: score[a * ys.len() + b],
            });
        }
    }
    // 3b. changed and moved: the best pairs left, across gaps, at a
    // stricter score
    let xs: Vec<usize> = (0..n).filter(|&i| !old_taken[i]).collect();
    let ys: Vec<usize> = (0..m).filter(|&j| old_of[j].is_none()).collect();
    let mut far: Vec<(Similarity, usize, usize)> = Vec::new();
    if !xs.is_empty() && !ys.is_empty() {
        for &i in &xs {
            for &j in &ys {
                if !compatible(i, j) {
                    continue;
                }
                let ta = old_tokens[i].get_or_insert_with(|| tokens(old[i]));
                let tb = new_tokens[j].get_or_insert_with(|| tokens(new[j]));
                let s = similarity_of_tokens(old[i], new[j], ta, tb);
                if s.score >= MIN_MOVED_SIMILARITY && pairs(i, j, s) {
                    far.push((s, i, j));
                }
            }
        }
    }
    far.sort_by(|a, b| b.0.score.cmp(&a.0.score).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut in_place = vec![true; m];
    for (s, i, j) in far {
        if old_taken[i] || old_of[j].is_some() {
            continue;
        }
        old_taken[i] = true;
        in_place[j] = false;
        old_of[j] = Some(Match {
            status: Status::Changed,
            old: Some(i),
            new: Some(j),
            similarity: Some(s),
        });
    }
    // 4. in new order, with removed items after their old predecessor
    let mut out = Vec::with_capacity(n.max(m));
    let mut next_old = 0;
    let flush = |upto: usize, next_old: &mut usize, out: &mut Vec<Match>| {
        while *next_old < upto {
            if !old_taken[*next_old] {
                out.push(Match {
                    status: Status::Removed,
                    old: Some(*next_old),
                    new: None,
                    similarity: None,
                });
            }
            *next_old += 1;
        }
    };
    for (j, found) in old_of.into_iter().enumerate() {
        match found {
            Some(mt) => {
                if mt.status != Status::Moved
                    && in_place[j]
                    && let Some(i) = mt.old
                {
                    flush(i, &mut next_old, &mut out);
                }
                out.push(mt);
            }
            None => out.push(Match {
                status: Status::Added,
                old: None,
                new: Some(j),
                similarity: None,
            }),
        }
    }
    flush(n, &mut next_old, &mut out);
    out
}

/// A longest common subsequence of `xs` and `ys` under `equal`, as index
/// pairs in order (dynamic programming, `O(|xs| · |ys|)`).
fn lcs(
    xs: Range<usize>,
    ys: Range<usize>,
    equal: &dyn Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let (n, m) = (xs.len(), ys.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let w = m + 1;
    let mut t = vec![0u32; (n + 1) * w];
    for a in (0..n).rev() {
        for b in (0..m).rev() {
            t[a * w + b] = if equal(xs.start + a, ys.start + b) {
                t[(a + 1) * w + b + 1] + 1
            } else {
                t[(a + 1) * w + b].max(t[a * w + b + 1])
            };
        }
    }
    let mut out = Vec::with_capacity(t[0] as usize);
    let (mut a, mut b) = (0, 0);
    while a < n && b < m {
        if equal(xs.start + a, ys.start + b) {
            out.push((xs.start + a, ys.start + b));
            a += 1;
            b += 1;
        } else if t[(a + 1) * w + b] >= t[a * w + b + 1] {
            a += 1;
        } else {
            b += 1;
        }
    }
    out
}

/// The order-keeping pairing of `n` old and `m` new items with the greatest
/// sum of scores (`score[a * m + b]`, none where they may not pair).
fn best_pairing(n: usize, m: usize, score: &[Option<Similarity>]) -> Vec<(usize, usize)> {
    let w = m + 1;
    let weight = |a: usize, b: usize| score[a * m + b].map(|s| u32::from(s.score) + 1);
    let mut t = vec![0u32; (n + 1) * w];
    for a in (0..n).rev() {
        for b in (0..m).rev() {
            let skip = t[(a + 1) * w + b].max(t[a * w + b + 1]);
            t[a * w + b] = match weight(a, b) {
                Some(x) => skip.max(t[(a + 1) * w + b + 1] + x),
                None => skip,
            };
        }
    }
    let mut out = Vec::new();
    let (mut a, mut b) = (0, 0);
    while a < n && b < m {
        let here = t[a * w + b];
        if let Some(x) = weight(a, b)
            && here == t[(a + 1) * w + b + 1] + x
        {
            out.push((a, b));
            a += 1;
            b += 1;
        } else if here == t[(a + 1) * w + b] {
            a += 1;
        } else {
            b += 1;
        }
    }
    out
}

/// What became of one sentence of a changed unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SentenceDiff {
    /// What became of the sentence.
    pub status: Status,
    /// Its number in the old unit, from 1 (none when added).
    pub old: Option<usize>,
    /// Its number in the new unit, from 1 (none when removed).
    pub new: Option<usize>,
    /// How alike old and new are (none when added or removed).
    pub similarity: Option<Similarity>,
    /// The sentence in canonical form: the new one, or the old one when
    /// removed.
    pub text: String,
}

/// What became of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UnitDiff {
    /// What became of the unit.
    pub status: Status,
    /// Its id in the old version (none when added).
    pub old: Option<String>,
    /// Its id in the new version (none when removed).
    pub new: Option<String>,
    /// How alike old and new are (none when added or removed).
    pub similarity: Option<Similarity>,
    /// The unit's text in canonical form: the new one, or the old one when
    /// removed.
    pub text: String,
    /// For a changed unit, every sentence of both versions aligned (same
    /// rules as units); empty otherwise.
    pub sentences: Vec<SentenceDiff>,
}

/// One side of a [`Diff`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Side {
    pub(crate) id: String,
    pub(crate) version: u32,
}

/// The difference between two versions of a story: every unit of both
/// aligned, the new version's editor's note read as claims, and where the
/// note and the text disagree.
///
/// Serialises (serde) as the JSON that `newsloc diff --json` prints
/// (`docs/versions.md`).
///
/// # Examples
///
/// ```
/// use newsloc::WireReader;
/// use newsloc::versions::{Diff, Status};
///
/// let v1 = "date 2026-03-04\n\nFerries run again\n\n\
///           BUSAN, March 4 (Yonhap) -- Service resumed on Wednesday.\n\n(END)\n";
/// let v2 = "date 2026-03-04 (ATTN: ADDS para 2)\n\n(LEAD) Ferries run again\n\n\
///           BUSAN, March 4 (Yonhap) -- Service resumed on Wednesday.\n\n\
///           Fares were unchanged.\n\n(END)\n";
/// let old = WireReader::new().id("ferry").read_str(v1)?;
/// let new = WireReader::new().id("ferry").read_str(v2)?;
/// let diff = Diff::between(&old, &new);
/// let s: Vec<_> = diff.units().iter().map(|u| (u.status, u.new.as_deref())).collect();
/// assert_eq!(s, [
///     (Status::Unchanged, Some("headline")),
///     (Status::Unchanged, Some("dateline-place")),
///     (Status::Unchanged, Some("p1")),
///     (Status::Added, Some("p2")),
/// ]);
/// assert_eq!(diff.claims()[0].units, ["p2"]);
/// assert!(diff.disagreements().is_empty());
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub(crate) old: Side,
    pub(crate) new: Side,
    pub(crate) units: Vec<UnitDiff>,
    pub(crate) claims: Vec<super::Claim>,
    pub(crate) disagreements: Vec<super::Disagreement>,
}

/// Which unit kinds may be matched with each other.
fn kind_class(kind: UnitKind) -> u8 {
    match kind {
        UnitKind::Headline => 0,
        UnitKind::DatelinePlace => 1,
        UnitKind::Paragraph(_) => 2,
        UnitKind::Caption(_) => 3,
    }
}

/// The sentences of a canonical form, by the segmenter: each inline code
/// stands as one placeholder character while the text is split (so a
/// closing code after a full stop stays with its sentence) and no sentence
/// breaks inside a protected span.
pub(crate) fn sentences<'a>(seg: &Segmenter, canonical: &'a str) -> Vec<&'a str> {
    let mut flat = String::with_capacity(canonical.len());
    // flat offset -> canonical offset, at every char boundary of `flat`
    let mut map: Vec<(usize, usize)> = Vec::new();
    let mut no_break = Vec::new();
    let mut i = 0;
    while i < canonical.len() {
        let rest = &canonical[i..];
        if let Some(n) = code_end(rest) {
            map.push((flat.len(), i));
            if rest.starts_with("{p:") {
                no_break.push(flat.len()..flat.len() + n);
                flat.push_str(&rest[..n]);
            } else {
                flat.push('\u{FFFC}');
            }
            i += n;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            map.push((flat.len(), i));
            flat.push(c);
            i += c.len_utf8();
        }
    }
    map.push((flat.len(), canonical.len()));
    let to_canon = |off: usize| match map.binary_search_by_key(&off, |p| p.0) {
        Ok(k) => map[k].1,
        Err(k) => map[k.min(map.len() - 1)].1,
    };
    let out: Vec<&str> = seg
        .split(&flat, &no_break)
        .into_iter()
        .map(|r| canonical[to_canon(r.start)..to_canon(r.end)].trim())
        .filter(|s| !s.is_empty())
        .collect();
    if out.is_empty() && !canonical.is_empty() {
        return vec![canonical];
    }
    out
}

/// A photo named without a number in a story of several photos is
/// ambiguous; with the alignment known, it is the captions that changed or
/// were added, when there are any.
fn refine_photos(claims: &mut [super::Claim], units: &[UnitDiff], new_units: &[Unit<'_>]) {
    let captions = new_units
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::Caption(_)))
        .count();
    if captions < 2 {
        return;
    }
    let touched = |id: &str| {
        units.iter().any(|u| {
            u.new.as_deref() == Some(id) && matches!(u.status, Status::Changed | Status::Added)
        })
    };
    for claim in claims {
        if !claim.places.contains(&super::Place::Photo(None)) {
            continue;
        }
        let others: Vec<super::Place> = claim
            .places
            .iter()
            .filter(|p| **p != super::Place::Photo(None))
            .cloned()
            .collect();
        let named = super::note::resolve(&others, &claim.verb, new_units);
        let hit: Vec<&Unit<'_>> = new_units
            .iter()
            .filter(|u| matches!(u.kind, UnitKind::Caption(_)) && touched(&u.id))
            .collect();
        if hit.is_empty() {
            continue;
        }
        claim.units = new_units
            .iter()
            .filter(|u| named.contains(&u.id) || hit.iter().any(|h| h.id == u.id))
            .map(|u| u.id.clone())
            .collect();
    }
}

impl Diff {
    /// Aligns the units of `new` to those of `old` (see the module rules),
    /// with sentences aligned inside changed units (split by the built-in
    /// [`Segmenter`] for the new version's language), and checks the new
    /// version's editor's note against the result.
    ///
    /// Only units of the same kind are matched: a headline with the
    /// headline, a paragraph with a paragraph, a caption with a caption.
    /// The two articles are not required to have the same id.
    pub fn between(old: &Article, new: &Article) -> Diff {
        let seg = Segmenter::new(&new.language);
        let old_units = old.units();
        let new_units = new.units();
        let old_text: Vec<String> = old_units.iter().map(|u| canonical(u.text)).collect();
        let new_text: Vec<String> = new_units.iter().map(|u| canonical(u.text)).collect();
        let old_refs: Vec<&str> = old_text.iter().map(String::as_str).collect();
        let new_refs: Vec<&str> = new_text.iter().map(String::as_str).collect();
        let compatible =
            |i: usize, j: usize| kind_class(old_units[i].kind) == kind_class(new_units[j].kind);
        let mut old_sentences: Vec<Option<Vec<&str>>> = vec![None; old_refs.len()];
        let mut new_sentences: Vec<Option<Vec<&str>>> = vec![None; new_refs.len()];
        let mut pairs = |i: usize, j: usize, s: Similarity| {
            if s.score >= MIN_SIMILARITY
                || matches!(
                    new_units[j].kind,
                    UnitKind::Headline | UnitKind::DatelinePlace
                )
            {
                return true;
            }
            // a long added sentence must not part a paragraph from its
            // earlier self
            let a = old_sentences[i].get_or_insert_with(|| sentences(&seg, old_refs[i]));
            let b = new_sentences[j].get_or_insert_with(|| sentences(&seg, new_refs[j]));
            a.iter().any(|s| b.contains(s))
        };
        let matches = align_with(&old_refs, &new_refs, &compatible, &mut pairs);
        let units = matches
            .into_iter()
            .map(|m| {
                let sentences = match (m.status, m.old, m.new) {
                    (Status::Changed, Some(i), Some(j)) => {
                        let a = sentences(&seg, old_refs[i]);
                        let b = sentences(&seg, new_refs[j]);
                        align(&a, &b)
                            .into_iter()
                            .map(|s| SentenceDiff {
                                status: s.status,
                                old: s.old.map(|k| k + 1),
                                new: s.new.map(|k| k + 1),
                                similarity: s.similarity,
                                text: match s.new {
                                    Some(k) => b[k].to_string(),
                                    None => s.old.map(|k| a[k].to_string()).unwrap_or_default(),
                                },
                            })
                            .collect()
                    }
                    _ => Vec::new(),
                };
                UnitDiff {
                    status: m.status,
                    old: m.old.map(|i| old_units[i].id.clone()),
                    new: m.new.map(|j| new_units[j].id.clone()),
                    similarity: m.similarity,
                    text: match m.new {
                        Some(j) => new_text[j].clone(),
                        None => m.old.map(|i| old_text[i].clone()).unwrap_or_default(),
                    },
                    sentences,
                }
            })
            .collect::<Vec<_>>();
        let mut claims = match &new.editor_note {
            Some(note) => super::claims(note, new),
            None => Vec::new(),
        };
        refine_photos(&mut claims, &units, &new_units);
        let disagreements = super::check::disagreements(&units, &claims, new);
        Diff {
            old: Side {
                id: old.id.clone(),
                version: old.version,
            },
            new: Side {
                id: new.id.clone(),
                version: new.version,
            },
            units,
            claims,
            disagreements,
        }
    }

    /// Every unit of both versions, in the new version's order; a removed
    /// unit comes after the unit that preceded it in the old version.
    pub fn units(&self) -> &[UnitDiff] {
        &self.units
    }

    /// The entry for a unit of the new version, by id.
    pub fn unit(&self, new_id: &str) -> Option<&UnitDiff> {
        self.units.iter().find(|u| u.new.as_deref() == Some(new_id))
    }

    /// The new version's editor's note read as claims, resolved against the
    /// new version (empty without a note). As [`claims`](super::claims)
    /// gives them, except that a photo named without a number in a story of
    /// several photos is resolved to the captions that changed or were
    /// added, when any did.
    pub fn claims(&self) -> &[super::Claim] {
        &self.claims
    }

    /// Where the note and the text disagree.
    pub fn disagreements(&self) -> &[super::Disagreement] {
        &self.disagreements
    }
}

/// The first words of a text, at most `max` characters, with `…` when cut.
fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for w in text.split(' ') {
        if out.chars().count() + w.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out = text.chars().take(max).collect();
    }
    out.push('…');
    out
}

fn score_cell(s: Option<Similarity>) -> String {
    match s {
        Some(s) if s.figures_differ => format!("{}!", s.score),
        Some(s) => s.score.to_string(),
        None => "-".into(),
    }
}

/// The diff as a table for a terminal: one row per unit (status, similarity
/// with `!` when the figures differ, old → new id, first words), the changed
/// sentences of a changed unit under it, then the note's claims and the
/// disagreements.
impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} v{} → {} v{}",
            self.old.id, self.old.version, self.new.id, self.new.version
        )?;
        let ids: Vec<String> = self
            .units
            .iter()
            .map(|u| {
                format!(
                    "{} → {}",
                    u.old.as_deref().unwrap_or("-"),
                    u.new.as_deref().unwrap_or("-")
                )
            })
            .collect();
        let width = ids.iter().map(|s| s.chars().count()).max().unwrap_or(0);
        writeln!(
            f,
            "{:<9} {:>4}  {:<width$}  text",
            "status", "sim", "old → new"
        )?;
        for (u, id) in self.units.iter().zip(&ids) {
            writeln!(
                f,
                "{:<9} {:>4}  {:<width$}  {}",
                u.status.as_str(),
                score_cell(u.similarity),
                id,
                excerpt(&u.text, 48)
            )?;
            if u.sentences.len() > 1 {
                for s in u.sentences.iter().filter(|s| s.status != Status::Unchanged) {
                    let at = match (s.old, s.new) {
                        (Some(a), Some(b)) => format!("s{a} → s{b}"),
                        (None, Some(b)) => format!("- → s{b}"),
                        (Some(a), None) => format!("s{a} → -"),
                        (None, None) => String::new(),
                    };
                    writeln!(
                        f,
                        "  {:<9} {:>4}  {:<w$}  {}",
                        s.status.as_str(),
                        score_cell(s.similarity),
                        at,
                        excerpt(&s.text, 44),
                        w = width.saturating_sub(2)
                    )?;
                }
            }
        }
        if self.units.iter().any(|u| {
            u.similarity.is_some_and(|s| s.figures_differ)
                || u.sentences
                    .iter()
                    .any(|s| s.similarity.is_some_and(|s| s.figures_differ))
        }) {
            writeln!(f, "(! the figures differ)")?;
        }
        writeln!(f)?;
        if self.claims.is_empty() {
            writeln!(f, "note: no update verbs")?;
        } else {
            writeln!(f, "note:")?;
            for c in &self.claims {
                let units = if c.units.is_empty() {
                    "(no unit)".to_string()
                } else {
                    c.units.join(", ")
                };
                writeln!(f, "  {} → {units}", c.clause)?;
            }
        }
        if self.disagreements.is_empty() {
            writeln!(f, "note and text agree")?;
        } else {
            writeln!(f, "note and text disagree:")?;
            for d in &self.disagreements {
                writeln!(f, "  {d}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(m: &[Match]) -> Vec<(Status, Option<usize>, Option<usize>)> {
        m.iter().map(|m| (m.status, m.old, m.new)).collect()
    }

    #[test]
    fn identical_and_empty() {
        let a = ["x y z w", "a b c d"];
        assert_eq!(
            statuses(&align(&a, &a)),
            [
                (Status::Unchanged, Some(0), Some(0)),
                (Status::Unchanged, Some(1), Some(1))
            ]
        );
        let none: [&str; 0] = [];
        assert!(align(&none, &none).is_empty());
        assert_eq!(
            statuses(&align(&a, &none)),
            [
                (Status::Removed, Some(0), None),
                (Status::Removed, Some(1), None)
            ]
        );
    }

    #[test]
    fn moved_and_removed_in_place() {
        let old = [
            "A one two three",
            "B one two three",
            "C one two three",
            "gone for good now",
        ];
        let new = ["B one two three", "C one two three", "A one two three"];
        // LCS keeps B C; A moves; the fourth is removed after C
        assert_eq!(
            statuses(&align(&old, &new)),
            [
                (Status::Unchanged, Some(1), Some(0)),
                (Status::Unchanged, Some(2), Some(1)),
                (Status::Moved, Some(0), Some(2)),
                (Status::Removed, Some(3), None),
            ]
        );
    }

    #[test]
    fn edited_in_its_gap() {
        // 8 tokens each, one replaced: 87, in the gap between A and C
        let old = [
            "A one two three",
            "the talks will resume on Monday in Geneva",
            "C one two three",
        ];
        let new = [
            "A one two three",
            "the talks will resume on Friday in Geneva",
            "C one two three",
        ];
        let m = align(&old, &new);
        assert_eq!(
            statuses(&m),
            [
                (Status::Unchanged, Some(0), Some(0)),
                (Status::Changed, Some(1), Some(1)),
                (Status::Unchanged, Some(2), Some(2)),
            ]
        );
        assert_eq!(m[1].similarity.unwrap().score, 87);
    }

    #[test]
    fn below_the_minimum_is_removed_and_added() {
        let old = ["The talks will resume on Monday in Geneva"];
        let new = ["Ferries stopped running because of the storm"];
        assert_eq!(
            statuses(&align(&old, &new)),
            [
                (Status::Added, None, Some(0)),
                (Status::Removed, Some(0), None)
            ]
        );
    }

    #[test]
    fn duplicates_pair_in_order() {
        let old = ["same text here ok", "same text here ok"];
        let new = [
            "same text here ok",
            "new one entirely x",
            "same text here ok",
        ];
        assert_eq!(
            statuses(&align(&old, &new)),
            [
                (Status::Unchanged, Some(0), Some(0)),
                (Status::Added, None, Some(1)),
                (Status::Unchanged, Some(1), Some(2)),
            ]
        );
    }

    #[test]
    fn gap_pairing_maximises_total_score() {
        // old 0 is closer to new 1 than to new 0
        let old = ["alpha beta gamma delta epsilon zeta"];
        let new = [
            "alpha beta gamma one two three",
            "alpha beta gamma delta epsilon eta",
        ];
        assert_eq!(
            statuses(&align(&old, &new)),
            [
                (Status::Added, None, Some(0)),
                (Status::Changed, Some(0), Some(1)),
            ]
        );
    }

    #[test]
    fn sentences_keep_codes_and_protected_spans() {
        let seg = Segmenter::new(&"en".parse().unwrap());
        assert_eq!(
            sentences(
                &seg,
                "He said {c:1}no.{/c:1} Then {p:U.S. Army} left. Done."
            ),
            [
                "He said {c:1}no.{/c:1}",
                "Then {p:U.S. Army} left.",
                "Done."
            ]
        );
        assert!(sentences(&seg, "").is_empty());
    }
}
