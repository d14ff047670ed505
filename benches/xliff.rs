//! XLIFF 2 reading and writing speed, beside quick-xml's raw tokenising of
//! the same bytes, and the memory a read Document holds.
//!
//! Run: `cargo bench --bench xliff -- --warm-up-time 1 --measurement-time 3`
//! The input is generated (about 64 MB by default; `NEWSLOC_BENCH_MB`
//! changes it). Memory is measured with a counting global allocator: the
//! bytes live after reading minus before, beside `Document::heap_size()`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsloc::xliff::{Stats, Version, v2};

#[path = "common/counting.rs"]
mod counting;

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

fn tokenize(text: &str) -> usize {
    let mut r = quick_xml::Reader::from_str(text);
    let mut n = 0usize;
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Eof) => return n,
            Ok(_) => n += 1,
            Err(e) => panic!("{e}"),
        }
    }
}

fn bench(c: &mut Criterion) {
    let mb = std::env::var("NEWSLOC_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let text = generate(mb);
    let len = text.len();

    // One read on a fresh heap, as a command-line run does it: it pays for
    // the first touch of every page the Document takes from the system,
    // which the repeated criterion reads below (reusing the memory the
    // previous Document freed) do not.
    let t0 = std::time::Instant::now();
    let first = v2::read(&text).expect("generated document reads");
    let secs = t0.elapsed().as_secs_f64();
    drop(first);
    eprintln!(
        "first read on a fresh heap: {:.0} ms ({:.0} MiB/s)",
        secs * 1e3,
        len as f64 / secs / (1024.0 * 1024.0)
    );

    // Memory: live bytes held by the Document, measured once.
    let (doc, held, peak) =
        counting::measure(|| v2::read(&text).expect("generated document reads"));
    let estimate = doc.heap_size();
    eprintln!(
        "input {:.1} MB; Document holds {:.1} MB ({:.2}x the file; heap_size() estimate {:.2}x); peak while reading {:.2}x",
        len as f64 / 1e6,
        held as f64 / 1e6,
        held as f64 / len as f64,
        estimate as f64 / len as f64,
        peak as f64 / len as f64,
    );
    // Streaming stats: peak memory stays small.
    let mut stats = Stats::default();
    let ((), _, stats_peak) = counting::measure(|| v2::visit(&text, &mut stats).expect("stats"));
    eprintln!(
        "stats over {} units: peak extra memory {:.1} KB",
        stats.units,
        stats_peak as f64 / 1e3
    );

    let mut out = String::with_capacity(len + len / 4);
    v2::write(&doc, Version::V2_0, &mut out).expect("write");
    let out_len = out.len();

    let mut g = c.benchmark_group("xliff2");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(len as u64));
    g.bench_function("quick_xml_tokenize", |b| {
        b.iter(|| tokenize(black_box(&text)))
    });
    // Dropping the Document is left out of the reading time.
    g.bench_function("read_document", |b| {
        b.iter_with_large_drop(|| v2::read(black_box(&text)))
    });
    g.bench_function("stats_stream", |b| {
        b.iter(|| {
            let mut s = Stats::default();
            v2::visit(black_box(&text), &mut s).map(|_| s.units)
        })
    });
    g.throughput(Throughput::Bytes(out_len as u64));
    g.bench_function("write_document", |b| {
        b.iter(|| {
            out.clear();
            v2::write(black_box(&doc), Version::V2_0, &mut out).map(|_| out.len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
