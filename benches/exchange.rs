//! Export and import speed, and the share of export time spent segmenting.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsloc::xliff::{Document, Part, Version};
use newsloc::{Article, Block, Exporter, ImportOptions, WireReader, import};

/// A long article: the sample story's paragraphs repeated 40 times.
fn long_article() -> Article {
    let story = include_str!("../examples/stories/port-reopens.txt");
    let mut a = WireReader::new()
        .id("bench")
        .read_str(story)
        .expect("sample story");
    let body = a.body.clone();
    for _ in 0..39 {
        a.body.extend(body.iter().cloned());
    }
    a
}

fn text_bytes(a: &Article) -> u64 {
    a.units()
        .iter()
        .map(|u| u.text.to_plain_string().len() as u64)
        .sum()
}

fn bench(c: &mut Criterion) {
    let article = long_article();
    let ko = "ko".parse().expect("tag");
    let mut group = c.benchmark_group("export");
    group.throughput(Throughput::Bytes(text_bytes(&article)));
    group.bench_function("segmented", |b| {
        b.iter(|| Exporter::new().export(&article, &ko).expect("export"))
    });
    group.bench_function("unsegmented", |b| {
        b.iter(|| {
            Exporter::new()
                .segmentation(false)
                .export(&article, &ko)
                .expect("export")
        })
    });
    let doc = Exporter::new().export(&article, &ko).expect("export");
    group.bench_function("segmented+write-2.0", |b| {
        b.iter(|| {
            let doc = Exporter::new().export(&article, &ko).expect("export");
            let mut s = String::new();
            newsloc::xliff::v2::write(&doc, Version::V2_0, &mut s).expect("write");
            s
        })
    });
    group.finish();

    let mut translated: Document = doc.clone();
    for unit in translated.units_mut() {
        for part in &mut unit.parts {
            if let Part::Segment(s) = part {
                s.target = Some(s.source.clone());
            }
        }
    }
    c.bench_function("import", |b| {
        b.iter(|| import(&translated, &article, &ImportOptions::new()).expect("import"))
    });
    let _ = Block::Paragraph;
}

criterion_group!(benches, bench);
criterion_main!(benches);
