//! Any bytes as an article's JSON form: reading never panics nor overflows
//! the stack; an article that reads writes back to equal JSON, renders as
//! wire copy, HTML and ninjs, and exports to XLIFF 2 that our own reader
//! accepts.
//!
//! Run: see fuzz/README.md. Crashes become regression tests in
//! tests/suite/wire.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsloc::{Article, Exporter, Locales, render};
use std::str::FromStr;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(article) = Article::from_json(json) else {
        return;
    };
    let again = Article::from_json(&article.to_json()).expect("our JSON reads back");
    assert_eq!(again, article, "JSON round trip changed the article");
    let l = Locales::embedded().localizer(&"ko".parse().unwrap());
    let _ = render::to_wire_localized(&article, &l);
    let _ = render::to_html(&article, &l);
    let _ = render::to_ninjs(&article, &l);
    if let Ok(doc) = Exporter::new().export(&article, &"ko".parse().unwrap()) {
        let xml = doc.to_xml().expect("an exported document writes");
        newsloc::xliff::Document::from_str(&xml).expect("our own export reads back");
    }
});
