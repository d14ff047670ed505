//! Any bytes as a ninjs item: reading never panics nor overflows the
//! stack; an item that reads gives an article whose JSON form reads back
//! equal, and which renders as ninjs that reads again.
//!
//! Run: see fuzz/README.md. Crashes become regression tests in
//! tests/suite/ninjs.rs or tests/suite/wire.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsloc::{Article, Locales, ninjs, render};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(article) = ninjs::from_str(json) else {
        return;
    };
    let again = Article::from_json(&article.to_json()).expect("our JSON reads back");
    assert_eq!(again, article, "JSON round trip changed the article");
    let l = Locales::embedded().localizer(&article.language);
    if let Ok(item) = render::to_ninjs(&article, &l) {
        ninjs::from_str(&item).expect("our own ninjs reads back");
    }
});
