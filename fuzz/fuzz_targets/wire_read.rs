//! Any bytes as wire copy, read in one of the ten locales' languages (the
//! first byte picks it): reading never panics; a story that reads renders
//! back as wire copy in its own language, that copy reads again, and it
//! keeps every photo with its credit, restrictions and copyright (legal
//! text is never lost). The round trip runs only for input that reads, so
//! most inputs cost one read.
//!
//! Run: see fuzz/README.md. Crashes become regression tests in
//! tests/suite/wire.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsloc::{WireReader, render};

const LANGS: [&str; 10] = [
    "en", "ko", "ja", "zh-Hans", "zh-Hant", "ar", "es", "fr", "de", "ru",
];

fuzz_target!(|data: &[u8]| {
    let lang = LANGS[usize::from(data.first().copied().unwrap_or(0)) % LANGS.len()];
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
