//! Credit and restriction trailers at the end of a returned caption.
//!
//! A photo's credit (`(Yonhap)`) and usage restrictions (`(No Archiving)`)
//! are fixed fields: the renderer adds them verbatim after the caption. A
//! translator who copies them into the caption would have them printed
//! twice, so the photo's own trailers are removed from the end of the
//! translation. Any other trailer that reads like a credit or a restriction
//! and is not in the source would publish a credit or a usage restriction
//! the agency did not set: the import refuses it.

use crate::model::{Photo, Run, Text};

/// What was done to a caption's translation.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Trailers {
    /// The photo's own trailers removed, as written (`(Yonhap)`).
    pub(crate) removed: Vec<String>,
    /// A trailer that is not the photo's and not in the source, as written.
    pub(crate) foreign: Option<String>,
}

/// Removes the photo's own trailers from the end of `target` and finds a
/// foreign one.
pub(crate) fn strip(target: &mut Text, source: &Text, photo: &Photo) -> Trailers {
    let mut out = Trailers::default();
    let mut runs = target.runs().to_vec();
    let src = crate::model::fold(&source.to_plain_string());
    let own: Vec<String> = std::iter::once(photo.credit.as_str())
        .chain(photo.restrictions.iter().map(|r| r.as_str()))
        .map(crate::model::fold)
        .collect();
    while let Some(Run::Text(t)) = runs.last() {
        let trimmed = t.trim_end();
        let Some(open) = trimmed
            .strip_suffix(')')
            .and_then(|_| crate::wire::matching_open_paren(trimmed))
        else {
            break;
        };
        let trailer = &trimmed[open..];
        let inner = crate::model::fold(&trailer[1..trailer.len() - 1]);
        if own.iter().any(|o| o.eq_ignore_ascii_case(&inner)) {
            out.removed.push(trailer.to_string());
            let kept = trimmed[..open].trim_end().to_string();
            if kept.is_empty() {
                runs.pop();
            } else if let Some(Run::Text(t)) = runs.last_mut() {
                *t = kept;
            }
            continue;
        }
        if !src.contains(&crate::model::fold(trailer))
            && (looks_like_restriction(&inner) || looks_like_credit(&inner))
        {
            out.foreign = Some(trailer.to_string());
        }
        break;
    }
    if !out.removed.is_empty()
        && let Ok(t) = Text::from_runs(runs)
    {
        *target = t;
    }
    out
}

/// Words of usage restrictions as agencies write them.
fn looks_like_restriction(s: &str) -> bool {
    let lower = s.to_lowercase();
    [
        "use only",
        "only in",
        "redistribution",
        "archiv",
        "no sales",
        "no resale",
        "editorial use",
        "not for",
        "mandatory",
        "embargo",
        "restricted",
        "no use",
        "no third",
    ]
    .iter()
    .any(|k| lower.contains(k))
}

/// A credit as agencies write one: up to four Latin words or acronyms,
/// each capitalised, joined by spaces or slashes (`AP`, `Yonhap/Reuters`,
/// `Getty Images`). A translation's own parenthesis (`(왼쪽)`, `(file
/// photo)`) is not one.
fn looks_like_credit(s: &str) -> bool {
    let words: Vec<&str> = s.split([' ', '/']).filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.len() <= 4
        && s.chars().count() <= 40
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '&'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Credit, UsageRestriction};

    fn photo() -> Photo {
        let mut p = Photo::new(Text::plain("A tugboat."), Credit("Yonhap".into()));
        p.restrictions.push(UsageRestriction(
            "For Use Only in the Republic of Korea".into(),
        ));
        p
    }

    #[test]
    fn own_trailers_go_foreign_ones_are_found() {
        let source = Text::plain("A tugboat guides a ship (IPA).");
        let mut t = Text::plain("예인선. (For Use Only in the Republic of Korea) (Yonhap)");
        let r = strip(&mut t, &source, &photo());
        assert_eq!(
            r.removed,
            ["(Yonhap)", "(For Use Only in the Republic of Korea)"]
        );
        assert_eq!(r.foreign, None);
        assert_eq!(t.to_plain_string(), "예인선.");

        for (foreign, want) in [
            ("예인선. (AP)", Some("(AP)")),
            ("예인선. (No Archiving)", Some("(No Archiving)")),
            ("예인선 (IPA)", None),
            ("예인선 (왼쪽)", None),
            ("예인선 (file photo)", None),
        ] {
            let mut t = Text::plain(foreign);
            let r = strip(&mut t, &source, &photo());
            assert_eq!(r.foreign.as_deref(), want, "{foreign}");
            assert_eq!(t.to_plain_string(), foreign);
        }
    }
}
