//! States: the 1.2 `state` values, SDL's `conf` and memoQ's `status`
//! mapped to 2.x states, keeping the original values.

use super::*;

/// The `subState` that keeps a 1.2 `state`: the ten standard values are
/// constants (no allocation for each segment), others are made.
pub(super) fn sub_state_12(state: &str) -> Str {
    macro_rules! lit {
        ($s:literal) => {
            Str::from_substr(arcstr::literal_substr!($s))
        };
    }
    match state {
        "final" => lit!("xlf12:final"),
        "needs-adaptation" => lit!("xlf12:needs-adaptation"),
        "needs-l10n" => lit!("xlf12:needs-l10n"),
        "needs-review-adaptation" => lit!("xlf12:needs-review-adaptation"),
        "needs-review-l10n" => lit!("xlf12:needs-review-l10n"),
        "needs-review-translation" => lit!("xlf12:needs-review-translation"),
        "needs-translation" => lit!("xlf12:needs-translation"),
        "new" => lit!("xlf12:new"),
        "signed-off" => lit!("xlf12:signed-off"),
        "translated" => lit!("xlf12:translated"),
        other => format!("xlf12:{other}").into(),
    }
}

/// The 2.x state of a 1.2 `state` value.
pub(super) fn state_from_12(s: &str) -> Option<State> {
    Some(match s {
        "new" | "needs-translation" | "needs-adaptation" | "needs-l10n" => State::Initial,
        "translated"
        | "needs-review-translation"
        | "needs-review-adaptation"
        | "needs-review-l10n" => State::Translated,
        "signed-off" => State::Reviewed,
        "final" => State::Final,
        _ => return None,
    })
}

pub(super) fn state_from_sdl(conf: &str) -> Option<State> {
    Some(match conf {
        "Draft" | "Unspecified" => State::Initial,
        "Translated" | "RejectedTranslation" => State::Translated,
        "ApprovedTranslation" | "RejectedSignOff" => State::Reviewed,
        "ApprovedSignOff" => State::Final,
        _ => return None,
    })
}

pub(super) fn state_from_memoq(status: &str) -> Option<State> {
    Some(match status {
        "NotStarted"
        | "PartiallyEdited"
        | "Pretranslated"
        | "MachineTranslated"
        | "Edited"
        | "Rejected"
        | "AssembledFromFragments" => State::Initial,
        "ManuallyConfirmed" | "Confirmed" => State::Translated,
        "Reviewer1Confirmed" | "Proofread" => State::Reviewed,
        "Reviewer2Confirmed" => State::Final,
        _ => return None,
    })
}

/// The `conf` of each `sdl:seg` in a trans-unit's `sdl:seg-defs`, by id.
pub(super) fn sdl_confs(unit: &Unit) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for raw in &unit.extensions {
        if raw
            .element_name()
            .is_none_or(|n| split_name(n).1 != "seg-defs")
        {
            continue;
        }
        let mut r = quick_xml::Reader::from_str(raw.as_str());
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) if split_name(e.name().as_ref()).1 == "seg" => {
                    let mut id = None;
                    let mut conf = None;
                    for a in e.attributes().flatten() {
                        let v = attr_value(&a).map(|v| v.into_owned()).ok();
                        match a.key.as_ref() {
                            "id" => id = v,
                            "conf" => conf = v,
                            _ => {}
                        }
                    }
                    if let (Some(i), Some(c)) = (id, conf) {
                        out.push((i, c));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    out
}

/// What a trans-unit's attributes say of its segments' state.
#[derive(Default)]
pub(super) struct UnitStates {
    /// `approved`, kept on the first segment.
    pub(super) approved: Option<Attr>,
    /// memoQ's `status` (in its namespace, whatever the prefix).
    pub(super) memoq: Option<String>,
}
