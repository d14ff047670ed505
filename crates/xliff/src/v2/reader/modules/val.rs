//! The Validation module: `val:validation` and its `val:rule`s.

use super::super::*;
use super::attr;

/// Checks one element of the Validation module, adding a message to
/// `problems` for each broken rule.
pub(super) fn check_elem(t: &Tag<'_>, attrs: &[A<'_>], problems: &mut Vec<String>) {
    let get = |name: &str| attr(attrs, name);
    match t.local {
        "rule" => {
            let kinds = ["isPresent", "isNotPresent", "startsWith", "endsWith"];
            let n = attrs
                .iter()
                .filter(|a| {
                    (a.ns == Ns::None && kinds.contains(&a.local))
                        || (a.ns == Ns::Other && !is_ns_decl(a.qname))
                })
                .count();
            if n != 1 {
                problems.push("val:rule needs exactly one of isPresent, isNotPresent, startsWith, endsWith or a custom rule".to_owned());
            }
            if get("existsInSource") == Some("yes")
                && get("isPresent")
                    .or(get("startsWith"))
                    .or(get("endsWith"))
                    .is_none()
            {
                problems.push(
                    "existsInSource=\"yes\" needs isPresent, startsWith or endsWith".to_owned(),
                );
            }
            if let Some(v) = get("caseSensitive").filter(|v| !matches!(*v, "yes" | "no")) {
                problems.push(format!("caseSensitive=\"{v}\" must be yes or no"));
            }
            if let Some(v) = get("existsInSource").filter(|v| !matches!(*v, "yes" | "no")) {
                problems.push(format!("existsInSource=\"{v}\" must be yes or no"));
            }
            if let Some(v) = get("normalization").filter(|v| !matches!(*v, "none" | "nfc" | "nfd"))
            {
                problems.push(format!("normalization=\"{v}\" must be none, nfc or nfd"));
            }
            if let Some(v) = get("occurs")
                && !v.parse::<u32>().is_ok_and(|n| n >= 1)
            {
                problems.push(format!("occurs=\"{v}\" must be a positive integer"));
            }
        }
        "validation" => {}
        _ => problems.push(format!(
            "<{}> is not an element of the Validation module",
            t.qname
        )),
    }
}
