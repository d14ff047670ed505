//! The Resource Data module: `res:resourceData` and its items.

use super::super::*;

/// Checks one element of the Resource Data module (`src_lang`: the
/// document's source language), adding a message to `problems` for each
/// broken rule.
pub(super) fn check_elem(
    t: &Tag<'_>,
    attrs: &[A<'_>],
    src_lang: Option<&str>,
    st: &mut ModuleCheck,
    problems: &mut Vec<String>,
) {
    match t.local {
        "resourceData" => st.ids.clear(),
        "source" => {
            if let (Some(l), Some(w)) = (
                attrs.iter().find(|a| a.ns == Ns::Xml && a.local == "lang"),
                src_lang,
            ) && !lang_eq(&l.value, w)
            {
                problems.push(format!(
                    "res:{} xml:lang=\"{}\" differs from the document's",
                    t.local, l.value
                ));
            }
        }
        "resourceItem" | "resourceItemRef" | "target" | "reference" => {}
        _ => problems.push(format!(
            "<{}> is not an element of the Resource Data module",
            t.qname
        )),
    }
}
