//! The XLIFF 2 fragment identifier syntax (`#f=f1/u=u1/t=m1`).

use super::*;

/// Checks the XLIFF 2 fragment identifier syntax (after `#`): an optional
/// leading `/`, then `f=`, `g=`, `u=` selectors in that order, then at most
/// one of `n=`, `d=`, `t=` or a module selector (`mtc=`, `gls=`, ...), or a
/// single bare id at the end.
pub(super) fn check_fragment(frag: &str) -> Result<(), String> {
    const MODULES: &[&str] = &[
        "mtc", "gls", "res", "ctr", "mda", "slr", "val", "fs", "its", "itsm", "tbx", "pgs",
    ];
    let path = frag.strip_prefix('/').unwrap_or(frag);
    if path.is_empty() {
        return Err("empty".to_owned());
    }
    let parts: Vec<&str> = path.split('/').collect();
    let mut rank = 0u8;
    let mut seen: Vec<&str> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let Some((prefix, id)) = part.split_once('=') else {
            if !last {
                return Err(format!("\"{part}\" without a prefix must be the last part"));
            }
            if rank >= 4 || !is_nmtoken(part) {
                return Err(format!("\"{part}\" cannot end this path"));
            }
            return Ok(());
        };
        if !is_nmtoken(prefix) || prefix.contains(':') {
            return Err(format!("prefix \"{prefix}\" is not an NMTOKEN"));
        }
        if id.is_empty() || !is_nmtoken(id) {
            return Err(format!("id \"{id}\" is not an NMTOKEN"));
        }
        if seen.contains(&prefix) {
            return Err(format!("prefix \"{prefix}\" used twice"));
        }
        seen.push(prefix);
        let r = match prefix {
            "f" => 1,
            "g" => 2,
            "u" => 3,
            "n" | "d" | "t" => 4,
            p if p.len() == 1 => return Err(format!("unknown prefix \"{p}\"")),
            p if MODULES.contains(&p) => 4,
            p => return Err(format!("prefix \"{p}\" is not registered")),
        };
        if r <= rank || rank >= 4 {
            return Err(format!("\"{part}\" is out of order"));
        }
        rank = r;
    }
    Ok(())
}
