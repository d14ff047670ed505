//! The XLIFF crate's integration tests: both readers and writers on the corpus, and the lenient read.
//!
//! One test binary (one link) for every integration test; each file is a
//! module named for what it tests, `common` holds what they share.

mod common;

mod lenient;
mod stream;
mod write;
mod xliff_cross;
mod xliff_v12;
mod xliff_v2;
