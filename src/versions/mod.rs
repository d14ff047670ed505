//! Versions of a story: two versions aligned unit by unit and sentence by
//! sentence ([`Diff`], [`align`]), the editor's note read as claims about
//! the change ([`claims`]) and checked against it ([`Disagreement`]), and
//! the fuzzy scorer shared with the translation memory ([`similarity`]).
//!
//! The rules, the note grammar and the scorer's formula are in
//! `docs/versions.md`.

mod align;
mod check;
mod note;
mod score;

pub use align::{
    Diff, MIN_MOVED_SIMILARITY, MIN_SIMILARITY, Match, SentenceDiff, Status, UnitDiff, align,
};
pub use check::Disagreement;
pub use note::{Claim, Place, claims};
pub use score::{Similarity, similarity};
pub(crate) use score::{Token, similarity_of_tokens, tokens};
