//! Any bytes: reading (both versions, any encoding) never panics; a
//! document that reads as XLIFF 2 writes and reads back equal.
//!
//! Run: `cargo +stable fuzz run xliff_read -s none` (or with nightly and
//! the default sanitizer). Crashes become regression tests in
//! tests/xliff_v2.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsloc::xliff::{Document, check, v2};

fuzz_target!(|data: &[u8]| {
    let _ = check(data);
    if let Ok(doc) = Document::from_slice(data) {
        if doc.version.is_v2() {
            let mut out = String::new();
            if v2::write(&doc, doc.version, &mut out).is_ok() {
                let again = v2::read(&out).expect("the writer's output reads back");
                assert_eq!(again, doc, "round trip changed the document");
            }
        }
    }
});
