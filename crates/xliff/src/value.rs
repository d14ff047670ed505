//! The value syntaxes of XLIFF attributes, read and written the same way
//! by both readers and both writers: yes/no, `xml:space`, NMTOKEN ids and
//! language tags.

use crate::document::Space;

/// `yes` or `no`, as XLIFF 2 spells them (nothing else is allowed).
pub(crate) fn yes_no(v: &str) -> Option<bool> {
    match v {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// `yes` or `no` as 1.2 files have them: also `true` and `false`, and with
/// white space around (tools wrote both, and the 1.2 schema's type is
/// loose about it).
pub(crate) fn yes_no_12(v: &str) -> Option<bool> {
    match v.trim() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

/// The attribute value for `b`.
pub(crate) fn yes_no_str(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// `xml:space`: `default` or `preserve`.
pub(crate) fn space(v: &str) -> Option<Space> {
    match v {
        "preserve" => Some(Space::Preserve),
        "default" => Some(Space::Default),
        _ => None,
    }
}

/// `xml:space` as 1.2 files have it (white space around allowed).
pub(crate) fn space_12(v: &str) -> Option<Space> {
    space(v.trim())
}

/// True for an XML NMTOKEN (letters, digits, `.`, `-`, `_`, `:` and
/// combining characters; not empty).
#[inline]
pub(crate) fn is_nmtoken(s: &str) -> bool {
    // Most ids are ASCII letters, digits and punctuation: a byte test, and
    // the full test by characters for the rest.
    let ascii = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':');
    (!s.is_empty() && s.as_bytes().iter().all(ascii)) || is_nmtoken_by_char(s)
}

/// [`is_nmtoken`] character by character.
#[inline(never)]
fn is_nmtoken_by_char(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '.' | '-' | '_' | ':' | '\u{B7}')
                || ('\u{300}'..='\u{36F}').contains(&c)
                || ('\u{203F}'..='\u{2040}').contains(&c)
        })
}

/// A loose BCP 47 check: subtags of 1–8 letters or digits separated by `-`,
/// the first made of letters. The empty string is allowed (no language).
pub(crate) fn is_lang(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    let singleton = matches!(first, "i" | "I" | "x" | "X") && s.len() > 2;
    let first_ok = (singleton || (2..=8).contains(&first.len()))
        && first.chars().all(|c| c.is_ascii_alphabetic());
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Language tags compare without regard to case (BCP 47).
pub(crate) fn lang_eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_no_is_strict_in_2x_and_loose_in_1_2() {
        assert_eq!(yes_no("yes"), Some(true));
        assert_eq!(yes_no("no"), Some(false));
        assert_eq!(yes_no(" yes"), None);
        assert_eq!(yes_no("true"), None);
        assert_eq!(yes_no_12(" true "), Some(true));
        assert_eq!(yes_no_12("false"), Some(false));
        assert_eq!(yes_no_12("maybe"), None);
    }

    #[test]
    fn language_tags() {
        for ok in [
            "",
            "en",
            "en-US",
            "zh-Hans-CN",
            "x-klingon",
            "i-navajo",
            "de-CH-1996",
        ] {
            assert!(is_lang(ok), "{ok}");
        }
        for bad in ["e", "en_US", "123", "en--US", "toolongtag-x", "x"] {
            assert!(!is_lang(bad), "{bad}");
        }
        assert!(lang_eq("en-us", "EN-US"));
    }

    #[test]
    fn spaces() {
        assert_eq!(space("preserve"), Some(Space::Preserve));
        assert_eq!(space(" preserve"), None);
        assert_eq!(space_12(" preserve"), Some(Space::Preserve));
    }
}
