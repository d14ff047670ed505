//! The Size and Length Restriction module: its attributes on core
//! elements, and what `slr:sizeInfoRef` may point at.

use super::super::*;

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    /// Checks the Size and Length Restriction attributes among `attrs` of
    /// a core element at `depth` (`paired_ec`: an `<ec>` that ends a
    /// `<sc>`), adding a message to `problems` for each broken rule.
    pub(super) fn slr_attrs(
        &self,
        depth: usize,
        paired_ec: bool,
        attrs: &[A<'a>],
        problems: &mut Vec<String>,
    ) {
        let mut size_info = false;
        let mut size_info_ref = false;
        for a in attrs.iter().filter(|a| a.ns == Ns::Slr) {
            match a.local {
                "storageRestriction" | "sizeRestriction" if self.slr_codepoints => {
                    let v = &*a.value;
                    let ok = v == "*"
                        || v.split(',').count() <= 2
                            && v.split(',').all(|p| {
                                p == "*" || !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())
                            });
                    if !ok {
                        problems.push(format!(
                            "slr:{}=\"{v}\" is not a size (number, or min,max)",
                            a.local
                        ));
                    }
                }
                "equivStorage" | "sizeInfo" => {
                    if a.local == "sizeInfo" {
                        size_info = true;
                    }
                    if self.slr_codepoints
                        && (a.value.is_empty() || !a.value.bytes().all(|b| b.is_ascii_digit()))
                    {
                        problems.push(format!(
                            "slr:{}=\"{}\" must be a non-negative integer",
                            a.local, a.value
                        ));
                    }
                    if paired_ec {
                        problems.push(format!(
                            "slr:{} not allowed on a non-isolated <ec>",
                            a.local
                        ));
                    }
                }
                "sizeInfoRef" => {
                    size_info_ref = true;
                    if !self.size_info_ref_resolves(&a.value, depth) {
                        problems.push(format!(
                            "slr:sizeInfoRef=\"{}\" points at no element in an <slr:data> \
                             beside this element or one of its ancestors",
                            a.value
                        ));
                    }
                    if paired_ec {
                        problems
                            .push("slr:sizeInfoRef not allowed on a non-isolated <ec>".to_owned());
                    }
                }
                _ => {}
            }
        }
        if size_info && size_info_ref {
            problems.push("slr:sizeInfo and slr:sizeInfoRef together".to_owned());
        }
    }

    /// True when an `slr:data` beside the element at `depth` or beside one
    /// of its ancestors holds an element with id `id`.
    pub(in crate::v2::reader) fn size_info_ref_resolves(&self, id: &str, depth: usize) -> bool {
        self.fc
            .slr_data
            .iter()
            .any(|(d, ids)| *d < depth && ids.iter().any(|i| &**i == id))
    }
}
