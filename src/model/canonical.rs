//! The canonical form of a [`Text`]: what source hashes are taken of and
//! what version alignment and the fuzzy scorer compare.

use sha2::{Digest, Sha256};

use super::text::{Run, Text};

/// The canonical form of a text: plain and protected text with each code as
/// a token (`{c:1}`, `{/c:1}`, `{x:2}`, protected spans as `{p:text}`),
/// whitespace folded. Source hashes are of this form, so a CAT tool that
/// normalises whitespace does not make a source look changed.
pub(crate) fn canonical(text: &Text) -> String {
    let mut s = String::new();
    for run in text.runs() {
        match run {
            Run::Text(t) => s.push_str(t),
            Run::Protected(t) => {
                s.push_str("{p:");
                s.push_str(t);
                s.push('}');
            }
            Run::Start { id, .. } => s.push_str(&format!("{{c:{id}}}")),
            Run::End { id, .. } => s.push_str(&format!("{{/c:{id}}}")),
            Run::Code { id, .. } => s.push_str(&format!("{{x:{id}}}")),
        }
    }
    fold(&s)
}

/// Whitespace folded: runs of white space become one space, ends trimmed.
pub(crate) fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The hash written into exported files for a unit's source: the first 16
/// hex digits of SHA-256 over [`canonical`].
pub(crate) fn source_hash(text: &Text) -> String {
    hash_canonical(&canonical(text))
}

/// The hash of a text already in [`canonical`] form.
pub(crate) fn hash_canonical(canonical: &str) -> String {
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
