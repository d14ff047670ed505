//! The Format Style module: `fs:fs` and `fs:subFs` on core elements.

use super::super::*;

/// Checks the Format Style attributes among `attrs` of the element
/// `qname` (`paired_ec`: an `<ec>` that ends a `<sc>`, where they are not
/// allowed), adding a message to `problems` for each broken rule.
pub(super) fn check_attrs(
    qname: &str,
    paired_ec: bool,
    attrs: &[A<'_>],
    problems: &mut Vec<String>,
) {
    let mut has_fs = false;
    let mut has_sub_fs = false;
    for a in attrs.iter().filter(|a| a.ns == Ns::Fs) {
        match a.local {
            "fs" => {
                has_fs = true;
                if !HTML_ELEMENTS.contains(&&*a.value) {
                    problems.push(format!("fs:fs=\"{}\" is not an HTML element name", a.value));
                }
            }
            "subFs" => has_sub_fs = true,
            other => problems.push(format!("fs:{other} is not a Format Style attribute")),
        }
    }
    if (has_fs || has_sub_fs) && paired_ec {
        problems.push(format!(
            "Format Style attributes not allowed on a non-isolated <{qname}>"
        ));
    }
    if has_sub_fs && !has_fs {
        problems.push("fs:subFs without fs:fs".to_owned());
    }
}
