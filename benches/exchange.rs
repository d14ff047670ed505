//! Export and import speed, and the share of export time spent segmenting.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsloc::versions::Diff;
use newsloc::xliff::{Document, Part};
use newsloc::{Article, Block, Exporter, ImportOptions, Leverage, WireReader, import};

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
            doc.to_xml().expect("write")
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
        // the targets are copies of their sources, untranslated to the
        // import: the policy that uses the source accepts them
        let mut options = ImportOptions::new();
        options.untranslated(newsloc::Untranslated::Source);
        b.iter(|| import(&translated, &article, &options).expect("import"))
    });
    let _ = Block::Paragraph;
}

/// A 40-unit story (headline, dateline, 38 paragraphs) and a second
/// version of it: the headline recast, two figures corrected, three
/// paragraphs added at the top, one moved, one dropped.
fn versions() -> (Article, Article) {
    let mut story =
        String::from("date 2026-12-01\n\nFloods close roads across the south\n\nBy Kim Na-ri\n\n");
    let para = |i: usize| {
        format!(
            "Officials in district {i} said {} homes were flooded and {} residents had been moved \
             to shelters by Tuesday evening.",
            i * 7 + 3,
            i * 40 + 12
        )
    };
    story.push_str(&format!("GWANGJU, Dec. 1 (Yonhap) -- {}\n\n", para(0)));
    for i in 1..38 {
        story.push_str(&para(i));
        story.push_str("\n\n");
    }
    story.push_str("(END)\n");
    let v1 = WireReader::new().id("floods").read_str(&story).expect("v1");
    let mut v2 = v1.clone();
    v2.version = 2;
    if let Some(h) = &mut v2.headline {
        h.text = newsloc::Text::plain("Floods close roads across the south, thousands in shelters");
    }
    let p = |s: &str| Block::Paragraph(newsloc::Text::plain(s));
    v2.body[10] = p(&para(10).replace("73", "75"));
    v2.body[20] = p(&para(20).replace("812", "830"));
    let moved = v2.body.remove(30);
    v2.body.insert(5, moved);
    v2.body.remove(33);
    for (k, s) in [
        "Rescue teams reached the last cut-off village on Wednesday morning.",
        "The weather agency lifted its heavy rain warning for the region.",
        "Schools in three districts will stay closed until Friday.",
    ]
    .iter()
    .enumerate()
    {
        v2.body.insert(1 + k, p(s));
    }
    (v1, v2)
}

/// Aligning two versions and exporting the second with the first's
/// returned file re-used, beside a plain export of the same article.
fn bench_reuse(c: &mut Criterion) {
    let (v1, v2) = versions();
    let ko: unic_langid::LanguageIdentifier = "ko".parse().expect("tag");
    let mut returned = Exporter::new().export(&v1, &ko).expect("export");
    for unit in returned.units_mut() {
        for s in unit.segments_mut() {
            s.target = Some(s.source.clone());
        }
    }
    let mut leverage = Leverage::new();
    leverage.previous(&returned);
    let exporter = Exporter::new();
    let mut group = c.benchmark_group("reuse");
    group.bench_function("align", |b| b.iter(|| Diff::between(&v1, &v2)));
    group.bench_function("export", |b| {
        b.iter(|| exporter.export(&v2, &ko).expect("export"))
    });
    group.bench_function("export-with-reuse", |b| {
        b.iter(|| exporter.export_with(&v2, &ko, &leverage).expect("export"))
    });
    group.bench_function("align+export-with-reuse", |b| {
        b.iter(|| {
            let diff = Diff::between(&v1, &v2);
            (
                diff,
                exporter.export_with(&v2, &ko, &leverage).expect("export"),
            )
        })
    });
    group.finish();
    // the ratio to the yardstick, a plain export of the same article
    let time = |f: &dyn Fn()| {
        let n = 200;
        let t = std::time::Instant::now();
        for _ in 0..n {
            f();
        }
        t.elapsed().as_secs_f64() / f64::from(n)
    };
    let plain = time(&|| {
        exporter.export(&v2, &ko).expect("export");
    });
    let reuse = time(&|| {
        let _ = Diff::between(&v1, &v2);
        exporter.export_with(&v2, &ko, &leverage).expect("export");
    });
    let units = v2.units().len();
    eprintln!(
        "reuse: {units} units, align + export with re-use {:.0} µs, plain export {:.0} µs, ratio {:.2}x",
        reuse * 1e6,
        plain * 1e6,
        reuse / plain
    );
}

criterion_group!(benches, bench, bench_reuse);
criterion_main!(benches);
