//! Versions of a story: the fuzzy scorer shared with the translation memory.

mod score;

pub use score::{Similarity, similarity};
