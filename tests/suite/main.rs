//! newsloc's integration tests.
//!
//! One test binary (one link) for every integration test; each file is a
//! module named for what it tests, `common` holds what they share.

mod common;

mod cli;
mod export_edges;
mod import_errors;
mod json;
mod l10n;
mod ninjs;
mod properties;
mod qa;
mod render;
mod returned_files;
mod returned_tools;
mod reuse;
mod roundtrip;
mod segment;
mod store;
mod tmx;
mod versions;
mod wire;
