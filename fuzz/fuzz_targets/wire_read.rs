//! Any bytes as wire copy, read in English and in Korean: reading never
//! panics; a story that reads renders back as wire copy in its own
//! language, that copy reads again, and it keeps every photo with its
//! credit, restrictions and copyright (legal text is never lost).
//!
//! Run: `cargo +nightly fuzz run wire_read -- -jobs=1`. Crashes become
//! regression tests in tests/suite/wire.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsloc::{WireReader, render};

fuzz_target!(|data: &[u8]| {
    let lang = if data.first().is_some_and(|b| b & 1 == 1) {
        "ko"
    } else {
        "en"
    };
    let mut reader = WireReader::new();
    reader.id("fuzz").language(lang.parse().unwrap());
    let Ok(article) = reader.read_bytes(data) else {
        return;
    };
    let out = render::to_wire(&article).expect("a story read renders");
    let again = reader
        .read_str(&out)
        .unwrap_or_else(|e| panic!("our own wire copy does not read: {e}\n{out}"));
    assert_eq!(
        again.legal_texts(),
        article.legal_texts(),
        "legal text changed on the way round\n{out}"
    );
});
