//! The Glossary module: `gls:glossary` and its entries.

use super::super::*;

/// Checks one element of the Glossary module (the entry being read is in
/// `st`), adding a message to `problems` for each broken rule.
pub(super) fn check_elem(t: &Tag<'_>, st: &mut ModuleCheck, problems: &mut Vec<String>) {
    match t.local {
        "glossary" => st.ids.clear(),
        "translation" | "definition" => st.entry_has_meaning = true,
        "glossEntry" | "term" => {}
        _ => problems.push(format!(
            "<{}> is not an element of the Glossary module",
            t.qname
        )),
    }
}
