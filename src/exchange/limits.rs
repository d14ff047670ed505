//! Length limits of returned targets: the limit written at export (XLIFF
//! 1.2 `maxwidth` with `size-unit="char"`; XLIFF 2 `slr:sizeRestriction`
//! under the Size and Length Restriction module's `xliff:codepoints`
//! profile), and the bound on any translation of a source.

use unicode_normalization::UnicodeNormalization;

use super::SLR_NS;
use crate::model::Run;
use crate::xliff::{Attr, Document, File, Item, Unit, attr_value};

/// A target longer than `RATIO` times its source plus `FLOOR` characters
/// is refused: no language needs that much room to translate a news text
/// (the common expansion tables top out at about three times for strings
/// under ten characters, less for longer ones), so such a target is a tool
/// or paste accident (a 50 MB caption), not a translation.
pub(crate) const RATIO: usize = 5;
/// See [`RATIO`].
pub(crate) const FLOOR: usize = 100;

/// The length of a text as the limits count it: Unicode code points after
/// NFC normalisation (the `xliff:codepoints` profile).
pub(crate) fn length(text: &str) -> usize {
    text.nfc().count()
}

/// [`length`] of the text of `runs` (plain and protected text).
pub(crate) fn runs_length(runs: &[Run]) -> usize {
    runs.iter()
        .map(|r| match r {
            Run::Text(t) | Run::Protected(t) => length(t),
            _ => 0,
        })
        .sum()
}

/// The most characters any translation of a `source`-character text may
/// have.
pub(crate) fn bound(source: usize) -> usize {
    source.saturating_mul(RATIO).saturating_add(FLOOR)
}

/// The length limit of article unit `id`: on one of its file units, else
/// on the group its sentence units share.
pub(crate) fn limit(doc: &Document, file: &File, parts: &[&Unit], id: &str) -> Option<usize> {
    let slr = slr_prefixes(doc, file);
    parts
        .iter()
        .find_map(|u| of(&u.attrs, &slr))
        .or_else(|| group_limit(&file.items, id, &slr))
}

/// Every prefix bound to the module's namespace on the root or the file,
/// and `slr` itself (a tool may drop the declaration).
fn slr_prefixes(doc: &Document, file: &File) -> Vec<String> {
    let mut v = vec!["slr".to_string()];
    for a in doc.attrs.iter().chain(file.attrs.iter()) {
        if let Some(p) = a.name.strip_prefix("xmlns:")
            && &*a.value == SLR_NS
            && !v.iter().any(|x| x == p)
        {
            v.push(p.to_string());
        }
    }
    v
}

/// The limit among an element's attributes: 1.2 `maxwidth` counted in
/// characters (`size-unit` `char`, or none given, as newsloc writes it), or
/// 2.x `sizeRestriction` (a maximum, or `minimum,maximum`).
fn of(attrs: &[Attr], slr: &[String]) -> Option<usize> {
    let unit = attr_value(attrs, "size-unit");
    if matches!(unit, None | Some("char"))
        && let Some(n) = attr_value(attrs, "maxwidth").and_then(|v| v.trim().parse().ok())
    {
        return Some(n);
    }
    slr.iter()
        .find_map(|p| attr_value(attrs, &format!("{p}:sizeRestriction")))
        .and_then(|v| v.rsplit(',').next()?.trim().parse().ok())
}

fn group_limit(items: &[Item], id: &str, slr: &[String]) -> Option<usize> {
    for item in items {
        if let Item::Group(g) = item {
            if (g.id.as_deref() == Some(id) || g.name.as_deref() == Some(id))
                && let Some(n) = of(&g.attrs, slr)
            {
                return Some(n);
            }
            if let Some(n) = group_limit(&g.items, id, slr) {
                return Some(n);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_code_points_after_nfc() {
        // e + combining acute is one code point in NFC
        assert_eq!(length("Cafe\u{301}"), 4);
        assert_eq!(length("서울"), 2);
        assert_eq!(bound(0), 100);
        assert_eq!(bound(60), 400);
    }

    #[test]
    fn limits_from_either_version() {
        let slr = vec!["slr".to_string(), "s".to_string()];
        let a = |n: &str, v: &str| Attr::new(n, v);
        assert_eq!(
            of(&[a("maxwidth", "80"), a("size-unit", "char")], &slr),
            Some(80)
        );
        assert_eq!(
            of(&[a("maxwidth", "80"), a("size-unit", "pixel")], &slr),
            None
        );
        assert_eq!(of(&[a("s:sizeRestriction", "70")], &slr), Some(70));
        assert_eq!(of(&[a("slr:sizeRestriction", "10,70")], &slr), Some(70));
        assert_eq!(of(&[a("x:sizeRestriction", "70")], &slr), None);
    }
}
