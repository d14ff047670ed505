//! How far a returned target is from final, as the tool marked it.
//!
//! 2.x has one scale (`initial`, `translated`, `reviewed`, `final`). 1.2
//! tools say more: `state="needs-review-translation"`, a
//! `state-qualifier="fuzzy-match"` or `"mt-suggestion"` on a target they
//! filled in themselves, `approved="no"`. Each such target is reported per
//! unit, and counts at a state below what it claims for
//! [`ImportOptions::require_state`](super::ImportOptions::require_state):
//! a fuzzy match or a machine suggestion is not yet a translation, a target
//! not approved is not final.

use super::import::FindingKind;
use crate::xliff::{Segment, State, attr_value};

/// A target's state for the import: the state it counts at, and why it is
/// reported.
pub(crate) struct Standing {
    /// The state the target counts at (`None`: the tool wrote none).
    pub(crate) state: Option<State>,
    /// The finding to report, when the target is not final.
    pub(crate) note: Option<(FindingKind, String)>,
}

/// The standing of a segment's target.
pub(crate) fn standing(seg: &Segment) -> Standing {
    let v12 = seg
        .sub_state
        .as_deref()
        .and_then(|s| s.strip_prefix("xlf12:"));
    let qualifier = attr_value(seg.attrs(), "state-qualifier");
    let approved_no = attr_value(seg.attrs(), "approved").is_some_and(|v| v.trim() == "no");
    let mut state = seg.state;
    let note = if seg.state == Some(State::Initial) {
        let named = v12.unwrap_or("initial");
        Some((
            FindingKind::InitialState,
            format!("the target is still in state {named}"),
        ))
    } else if let Some(q @ ("fuzzy-match" | "mt-suggestion")) = qualifier {
        state = Some(State::Initial);
        Some((
            FindingKind::NotFinal,
            format!("the tool marked the target {q}: not yet reviewed as a translation"),
        ))
    } else if let Some(s) = v12.filter(|s| s.starts_with("needs-review")) {
        Some((FindingKind::NotFinal, format!("the target is in state {s}")))
    } else if approved_no {
        state = state.map(|s| s.min(State::Translated));
        Some((
            FindingKind::NotFinal,
            "the tool marked the target approved=\"no\"".to_string(),
        ))
    } else {
        None
    };
    Standing { state, note }
}

/// The problem of a target below the required state, if it is.
pub(crate) fn below(state: Option<State>, required: State) -> Option<String> {
    match state {
        Some(s) if s >= required => None,
        Some(s) => Some(format!(
            "the target is in state {s}, below the required {required}"
        )),
        None => Some(format!(
            "the target has no state, and {required} is required"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xliff::{Attr, Content};

    fn seg(state: Option<State>, sub: Option<&str>, attrs: &[(&str, &str)]) -> Segment {
        let mut s = Segment::new(Some("s1"), Content::text("a"));
        s.state = state;
        s.sub_state = sub.map(Into::into);
        for (k, v) in attrs {
            s.attrs_mut().push(Attr::new(*k, *v));
        }
        s
    }

    #[test]
    fn what_tools_mark_counts_below_what_it_claims() {
        let s = standing(&seg(
            Some(State::Initial),
            Some("xlf12:needs-translation"),
            &[],
        ));
        assert_eq!(s.state, Some(State::Initial));
        assert_eq!(
            s.note,
            Some((
                FindingKind::InitialState,
                "the target is still in state needs-translation".into()
            ))
        );
        let fuzzy = [("state-qualifier", "fuzzy-match")];
        let s = standing(&seg(
            Some(State::Translated),
            Some("xlf12:translated"),
            &fuzzy,
        ));
        assert_eq!(
            (s.state, s.note.map(|n| n.0)),
            (Some(State::Initial), Some(FindingKind::NotFinal))
        );
        let review = Some("xlf12:needs-review-translation");
        let s = standing(&seg(Some(State::Translated), review, &[]));
        assert_eq!(
            (s.state, s.note.map(|n| n.0)),
            (Some(State::Translated), Some(FindingKind::NotFinal))
        );
        let s = standing(&seg(Some(State::Final), None, &[("approved", "no")]));
        assert_eq!(s.state, Some(State::Translated));
        let s = standing(&seg(Some(State::Reviewed), None, &[]));
        assert_eq!((s.state, s.note), (Some(State::Reviewed), None));
        assert_eq!(below(Some(State::Reviewed), State::Translated), None);
        assert_eq!(
            below(None, State::Final).as_deref(),
            Some("the target has no state, and final is required")
        );
    }
}
