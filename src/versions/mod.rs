//! Versions of a story: the editor's note read as claims about the change,
//! and the fuzzy scorer shared with the translation memory.

mod note;
mod score;

pub use note::{Claim, Place, claims};
pub use score::{Similarity, similarity};
