//! Any bytes: the lenient and the strict read (both versions, any
//! encoding) never panic, the strict read is the lenient one without
//! errors, and a valid document of either version writes and reads back
//! equal.
//!
//! Run: see fuzz/README.md. Crashes become regression tests in
//! crates/xliff/tests.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsloc_xliff::{Document, check};

fuzz_target!(|data: &[u8]| {
    let _ = check(data);
    let lenient = Document::try_from_slice(data);
    let strict = Document::from_slice(data);
    match (&lenient, &strict) {
        (Ok((doc, problems)), Ok(valid)) => {
            assert!(!problems.iter().any(|p| p.is_error()));
            assert_eq!(doc, valid, "the strict read is the lenient one");
        }
        (Ok((_, problems)), Err(_)) => {
            assert!(
                problems.iter().any(|p| p.is_error()),
                "refused without an error"
            );
        }
        (Err(_), Ok(_)) => panic!("the strict read accepted what the lenient one could not read"),
        (Err(_), Err(_)) => {}
    }
    if let Ok(doc) = strict {
        if let Ok(out) = doc.to_xml() {
            let again: Document = out.parse().expect("the writer's output reads back");
            assert_eq!(again, doc, "round trip changed the document");
        }
    }
});
