//! XLIFF 2 reading and writing speed, beside quick-xml's raw tokenising of
//! the same bytes and roxmltree's parse of them into its tree, and the
//! memory a read Document holds.
//!
//! Run: `cargo bench --bench xliff -- --warm-up-time 1 --measurement-time 3`
//! The input is generated (about 64 MB by default; `NEWSLOC_BENCH_MB`
//! changes it). Memory is measured with a counting global allocator: the
//! bytes live after reading minus before, beside `Document::heap_size()`
//! (behind the crate's `heap-size` feature, which only its benches and
//! tests enable).
//! `NEWSLOC_BENCH_SAVE=path` saves the generated file there and what the
//! writer made of it beside it (`path.written.xlf`) and stops. The ratios
//! to the yardsticks and their goals are printed before criterion's
//! timings.

use criterion::{Criterion, criterion_group, criterion_main};
use newsloc_xliff::{Document, Stats, visit_slice};

#[path = "common/support.rs"]
mod support;

/// A news-like XLIFF 2.0 document of about `mb` megabytes: files of 200
/// units, each unit two or three segments with an ignorable between them,
/// inline codes, a protected span, a note and metadata per file.
fn generate(mb: usize) -> String {
    let target = mb * 1024 * 1024;
    let mut s = String::with_capacity(target + 4096);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"ko\">\n");
    let mut file = 0;
    while s.len() < target {
        file += 1;
        s.push_str(&format!(
            " <file id=\"story-{file}\">\n  <mda:metadata xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\"><mda:metaGroup category=\"article\"><mda:meta type=\"version\">2</mda:meta><mda:meta type=\"id\">AEN2026091200{file}</mda:meta></mda:metaGroup></mda:metadata>\n  <notes><note category=\"editor\">ADDS details; RECASTS headline.</note></notes>\n"
        ));
        for u in 0..200 {
            s.push_str(&format!(
                "  <unit id=\"p{u}\">\n   <notes><note>Paragraph {u}, max 400 characters</note></notes>\n   <originalData><data id=\"d1\">&lt;b&gt;</data><data id=\"d2\">&lt;/b&gt;</data></originalData>\n   <segment id=\"s1\" state=\"translated\"><source>SEOUL, Sept. 12 (Yonhap) -- North Korean leader <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">Kim Jong-un</pc> and Russian President Vladimir Putin were set to hold a summit in Russia &amp; talk.</source><target>서울, 9월 12일 (연합뉴스) -- <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">김정은</pc> 북한 국무위원장과 블라디미르 푸틴 러시아 대통령이 러시아에서 정상회담을 열 예정이었다.</target></segment>\n   <ignorable><source> </source></ignorable>\n   <segment id=\"s2\"><source>The U.S. called on Pyongyang not to provide any weapons to <mrk id=\"m1\" translate=\"no\">Russia</mrk>, officials said.<ph id=\"2\"/></source></segment>\n  </unit>\n"
            ));
        }
        s.push_str(" </file>\n");
    }
    s.push_str("</xliff>\n");
    s
}

fn bench(c: &mut Criterion) {
    let mb = std::env::var("NEWSLOC_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let text = generate(mb);

    let (doc, held) = support::read_and_report(&text, |t| {
        t.parse::<Document>().expect("generated document reads")
    });
    let mut stats = Stats::default();
    support::stream_and_report("stats", || {
        visit_slice(text.as_bytes(), &mut stats).expect("stats");
    });
    eprintln!("stats over {} units", stats.units);

    if support::save(&text, &doc.to_xml().expect("write")) {
        return;
    }
    let io = support::Io {
        read: |t: &str| t.parse::<Document>(),
        visit: |t: &str, s: &mut Stats| visit_slice(t.as_bytes(), s).map(drop),
        write: |d: &Document, o: &mut String| {
            *o = d.to_xml()?;
            Ok(())
        },
    };
    support::ratios("xliff2", &text, &doc, held, &io);
    support::bench_group(c, "xliff2", &text, &doc, &io);
}

criterion_group!(benches, bench);
criterion_main!(benches);
