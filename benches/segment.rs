//! Sentence segmentation throughput (MB/s) on long English and Korean
//! news text, per paragraph (as export calls it, one unit at a time) and as
//! one long text; the SRX engine on the example rules; and, for scale, the
//! cost of writing the same text as XLIFF 2 segments with quick-xml.
//!
//! Run: `cargo bench --bench segment -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsloc::Segmenter;
use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use unicode_segmentation::UnicodeSegmentation;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/segment");

/// The gold set's paragraphs, joined as running text, repeated until the
/// total reaches about `bytes`.
fn paragraphs(lang: &str, bytes: usize) -> Vec<String> {
    let src = std::fs::read_to_string(format!("{FIXTURES}/{lang}.txt")).expect("gold set");
    let mut base = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in src.lines().filter(|l| !l.starts_with('#')) {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                base.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        base.push(cur.join(" "));
    }
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        for p in &base {
            total += p.len();
            out.push(p.clone());
        }
    }
    out
}

/// Writes each paragraph as an XLIFF 2 unit with one segment per sentence,
/// the core of what export does with the segmenter's output.
fn write_units(paras: &[String], split: &[Vec<std::ops::Range<usize>>]) -> usize {
    let mut w = Writer::new(Vec::with_capacity(1 << 20));
    for (i, (p, ranges)) in paras.iter().zip(split).enumerate() {
        let id = format!("p{i}");
        w.write_event(Event::Start(
            BytesStart::new("unit").with_attributes([("id", id.as_str())]),
        ))
        .unwrap();
        for r in ranges {
            w.write_event(Event::Start(BytesStart::new("segment")))
                .unwrap();
            w.write_event(Event::Start(BytesStart::new("source")))
                .unwrap();
            w.write_event(Event::Text(BytesText::new(&p[r.clone()])))
                .unwrap();
            w.write_event(Event::End(BytesEnd::new("source"))).unwrap();
            w.write_event(Event::End(BytesEnd::new("segment"))).unwrap();
        }
        w.write_event(Event::End(BytesEnd::new("unit"))).unwrap();
    }
    w.into_inner().len()
}

fn bench(c: &mut Criterion) {
    for lang in ["en", "ko"] {
        let seg = Segmenter::new(&lang.parse().unwrap());
        let paras = paragraphs(lang, 256 * 1024);
        let bytes: usize = paras.iter().map(String::len).sum();
        let long = paras.join(" ");
        let split: Vec<_> = paras.iter().map(|p| seg.split(p, &[])).collect();

        let mut g = c.benchmark_group(format!("segment/{lang}"));
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function("per paragraph", |b| {
            b.iter(|| {
                paras
                    .iter()
                    .map(|p| seg.split(black_box(p), &[]).len())
                    .sum::<usize>()
            })
        });
        g.bench_function("one long text", |b| {
            b.iter(|| seg.split(black_box(&long), &[]).len())
        });
        g.bench_function("UAX #29 alone (for scale)", |b| {
            b.iter(|| {
                paras
                    .iter()
                    .map(|p| black_box(p).split_sentence_bound_indices().count())
                    .sum::<usize>()
            })
        });
        g.bench_function("write XLIFF 2 segments (for scale)", |b| {
            b.iter(|| write_units(black_box(&paras), &split))
        });
        g.finish();
    }

    let srx = std::fs::read_to_string(format!("{FIXTURES}/example.srx")).unwrap();
    let seg = Segmenter::from_srx(&srx, &"en".parse().unwrap()).unwrap();
    let paras = paragraphs("en", 32 * 1024);
    let bytes: usize = paras.iter().map(String::len).sum();
    let mut g = c.benchmark_group("segment/srx-en");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("per paragraph", |b| {
        b.iter(|| {
            paras
                .iter()
                .map(|p| seg.split(black_box(p), &[]).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
