//! Length limits of returned targets: the limit written at export (XLIFF
//! 1.2 `maxwidth` with `size-unit="char"`; XLIFF 2 `slr:sizeRestriction`
//! under the Size and Length Restriction module's `xliff:codepoints`
//! profile), and the bound on any translation of a source.

use unicode_normalization::UnicodeNormalization;

use super::{NL_NS, SLR_NS};
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
    let mut slr = prefixes(doc, file, SLR_NS, "slr");
    // a 1.2 export written as 2.x: its `maxwidth` recorded by the 2.x
    // writer in `nlx:attrs`, marked here with a leading `!`
    slr.extend(
        prefixes(doc, file, NL_NS, "nlx")
            .into_iter()
            .map(|p| format!("!{p}")),
    );
    parts
        .iter()
        .find_map(|u| of(&u.attrs, &slr))
        .or_else(|| group_limit(&file.items, id, &slr))
}

/// Every prefix bound to namespace `ns` on the root or the file, and
/// `usual` itself (a tool may drop the declaration).
fn prefixes(doc: &Document, file: &File, ns: &str, usual: &str) -> Vec<String> {
    let mut v = vec![usual.to_string()];
    for a in doc.attrs.iter().chain(file.attrs.iter()) {
        if let Some(p) = a.name.strip_prefix("xmlns:")
            && &*a.value == ns
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
    let restriction = slr
        .iter()
        .filter(|p| !p.starts_with('!'))
        .find_map(|p| attr_value(attrs, &format!("{p}:sizeRestriction")))
        .and_then(|v| v.rsplit(',').next()?.trim().parse().ok());
    restriction.or_else(|| {
        let recorded = slr
            .iter()
            .filter_map(|p| p.strip_prefix('!'))
            .find_map(|p| attr_value(attrs, &format!("{p}:attrs")))?;
        let decoded = recorded_attrs(recorded);
        of(&decoded, &[])
    })
}

/// The attributes the 2.x writer recorded in one value: `name=value`
/// pairs separated by spaces, `%25`, `%20`, `%09`, `%0D`, `%0A` in values.
fn recorded_attrs(value: &str) -> Vec<Attr> {
    value
        .split(' ')
        .filter_map(|pair| {
            let (name, v) = pair.split_once('=')?;
            let v = v
                .replace("%20", " ")
                .replace("%09", "\t")
                .replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%25", "%");
            Some(Attr::new(name, v))
        })
        .collect()
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
        let nlx = vec!["!nlx".to_string()];
        let recorded = a("nlx:attrs", "maxwidth=40 size-unit=char nl:x=a%20b");
        assert_eq!(of(&[recorded], &nlx), Some(40));
    }
}
