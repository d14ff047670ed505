//! Where the editor's note and the text disagree.

use std::fmt;

use serde::Serialize;

use super::align::{Status, UnitDiff};
use super::note::{Claim, Place};
use crate::model::{Article, Unit, UnitKind, UpdateVerb};

/// A place where the editor's note and the change it describes disagree.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Disagreement {
    /// A verb names a unit that is unchanged or only moved ("CORRECTS para
    /// 10" but para 10 is unchanged; "RECASTS headline" but the headline is
    /// the same).
    Unchanged {
        /// The verb and its object as written.
        clause: String,
        /// The unit of the new version.
        unit: String,
        /// [`Status::Unchanged`] or [`Status::Moved`].
        status: Status,
    },
    /// `ADDS` or `INSERTS` names a unit that is neither added nor given a
    /// new sentence.
    NotAdded {
        /// The verb and its object as written.
        clause: String,
        /// The unit of the new version.
        unit: String,
        /// What became of the unit.
        status: Status,
    },
    /// A unit was changed or added, and no verb names it.
    Unannounced {
        /// The unit of the new version.
        unit: String,
        /// [`Status::Changed`] or [`Status::Added`].
        status: Status,
    },
    /// A verb names a place the new version does not have (`para 12` of a
    /// story of ten paragraphs, `photo` of a story without photos).
    NoSuchPlace {
        /// The verb and its object as written.
        clause: String,
        /// The place, as `para 12`, `photo 2`, `headline`, ...
        place: String,
    },
    /// `DELETES` or `TRIMS`, and no unit was removed (nor, for `TRIMS`, a
    /// named unit changed).
    NothingRemoved {
        /// The verb and its object as written.
        clause: String,
    },
    /// A verb that names no particular unit (`ADDS details`, `FIXES typos
    /// throughout`), and nothing changed at all.
    NothingChanged {
        /// The verb and its object as written.
        clause: String,
    },
}

impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Disagreement::Unchanged {
                clause,
                unit,
                status,
            } => write!(f, "the note says \"{clause}\", but {unit} is {status}"),
            Disagreement::NotAdded {
                clause,
                unit,
                status,
            } => write!(
                f,
                "the note says \"{clause}\", but {unit} is {status} and nothing was added to it"
            ),
            Disagreement::Unannounced { unit, status } => {
                write!(f, "{unit} is {status}, but no verb of the note names it")
            }
            Disagreement::NoSuchPlace { clause, place } => write!(
                f,
                "the note says \"{clause}\", but the new version has no {place}"
            ),
            Disagreement::NothingRemoved { clause } => {
                write!(f, "the note says \"{clause}\", but no unit was removed")
            }
            Disagreement::NothingChanged { clause } => {
                write!(f, "the note says \"{clause}\", but nothing changed")
            }
        }
    }
}

/// The places of a claim the article lacks, described.
fn missing_places(claim: &Claim, units: &[Unit<'_>]) -> Vec<String> {
    let paragraphs = units
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::Paragraph(_)))
        .count();
    let photos = units
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::Caption(_)))
        .count();
    let has = |k: UnitKind| units.iter().any(|u| u.kind == k);
    let mut out = Vec::new();
    for place in &claim.places {
        match place {
            Place::Headline if !has(UnitKind::Headline) => out.push("headline".to_string()),
            Place::Dateline if !has(UnitKind::DatelinePlace) => out.push("dateline".to_string()),
            Place::Lead if paragraphs == 0 => out.push("lead".to_string()),
            Place::Paragraphs(ns) => out.extend(
                ns.iter()
                    .filter(|&&n| n > paragraphs)
                    .map(|n| format!("para {n}")),
            ),
            Place::LastParagraphs(k) if *k > paragraphs => {
                out.push(format!("last {k} paras (it has {paragraphs})"))
            }
            Place::Photo(Some(n)) if *n > photos => out.push(format!("photo {n}")),
            Place::Photo(None) | Place::Photos if photos == 0 => out.push("photo".to_string()),
            _ => {}
        }
    }
    out
}

/// Checks the claims of the new version's note against the alignment.
pub(crate) fn disagreements(
    units: &[UnitDiff],
    claims: &[Claim],
    new: &Article,
) -> Vec<Disagreement> {
    let status_of = |id: &str| {
        units
            .iter()
            .find(|u| u.new.as_deref() == Some(id))
            .map(|u| (u.status, u))
    };
    let any_removed = units.iter().any(|u| u.status == Status::Removed);
    let any_change = units.iter().any(|u| u.status != Status::Unchanged);
    let new_units = new.units();
    let mut out = Vec::new();
    for claim in claims {
        let clause = || claim.clause.clone();
        match claim.verb {
            UpdateVerb::Refiles => continue,
            UpdateVerb::Deletes | UpdateVerb::Trims => {
                let shortened = claim.verb == UpdateVerb::Trims
                    && claim
                        .units
                        .iter()
                        .any(|id| matches!(status_of(id), Some((Status::Changed, _))));
                if !any_removed && !shortened {
                    out.push(Disagreement::NothingRemoved { clause: clause() });
                }
                continue;
            }
            _ => {}
        }
        // (what DELETES names is gone from the new version by design)
        for place in missing_places(claim, &new_units) {
            out.push(Disagreement::NoSuchPlace {
                clause: clause(),
                place,
            });
        }
        let general = claim
            .places
            .iter()
            .all(|p| matches!(p, Place::Details | Place::Throughout | Place::Byline));
        if general {
            if !any_change && claim.places.iter().any(|p| *p != Place::Byline) {
                out.push(Disagreement::NothingChanged { clause: clause() });
            }
            continue;
        }
        let adds = matches!(claim.verb, UpdateVerb::Adds | UpdateVerb::Inserts);
        for id in &claim.units {
            let Some((status, unit)) = status_of(id) else {
                continue;
            };
            match status {
                Status::Unchanged | Status::Moved => out.push(Disagreement::Unchanged {
                    clause: clause(),
                    unit: id.clone(),
                    status,
                }),
                Status::Changed
                    if adds && !unit.sentences.iter().any(|s| s.status == Status::Added) =>
                {
                    out.push(Disagreement::NotAdded {
                        clause: clause(),
                        unit: id.clone(),
                        status,
                    })
                }
                _ => {}
            }
        }
    }
    for u in units {
        let (Some(id), Status::Changed | Status::Added) = (&u.new, u.status) else {
            continue;
        };
        if !claims.iter().any(|c| c.units.contains(id)) {
            out.push(Disagreement::Unannounced {
                unit: id.clone(),
                status: u.status,
            });
        }
    }
    out
}
