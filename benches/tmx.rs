//! TMX reading and writing throughput (MB/s) on the largest corpus file
//! (TICO-19 en→ur, 1.8 MB, 3,071 units) and on a generated memory of
//! 50,000 units with inline codes, beside quick-xml tokenising the same
//! text (the yardstick: events only, no model). Before timing, the ratio to
//! the yardstick is printed from a few plain runs.
//!
//! Run: `cargo bench --bench tmx -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsloc::tmx::{Header, Reader, Tmx, TranslationUnit, Variant};
use newsloc::{CodeKind, Run, Text};

const CORPUS_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/tmx/unknown-okapi-style/all.en-ur.tmx"
);

/// quick-xml's events over the text, text unescaped: the least a reader does.
fn tokenise(text: &str) -> usize {
    let mut r = quick_xml::Reader::from_str(text);
    let mut n = 0;
    loop {
        match r.read_event().expect("well-formed") {
            quick_xml::events::Event::Eof => return n,
            quick_xml::events::Event::Text(t) => {
                n += t.xml_content(quick_xml::XmlVersion::Implicit1_0).len()
            }
            _ => n += 1,
        }
    }
}

/// A memory of `units` en→ko units, each with a bold pair and a line break.
fn generated(units: usize) -> Tmx {
    let mut tmx = Tmx::new(Header::new("newsloc", "0.1", "en"));
    for i in 0..units {
        let en = Text::from_runs(vec![
            Run::Text(format!("Unit {i}: North Korea fired ")),
            Run::Start {
                id: "1".into(),
                kind: CodeKind::Strong,
                markup: "<b>".into(),
            },
            Run::Text("two short-range ballistic missiles".into()),
            Run::End {
                id: "1".into(),
                markup: "</b>".into(),
            },
            Run::Code {
                id: "2".into(),
                kind: CodeKind::LineBreak,
                markup: "<br/>".into(),
            },
            Run::Text(" into the East Sea on Tuesday & Wednesday.".into()),
        ])
        .expect("valid text");
        let ko = Text::from_runs(vec![
            Run::Text(format!("{i}번: 북한이 화요일과 수요일 동해상으로 ")),
            Run::Start {
                id: "1".into(),
                kind: CodeKind::Strong,
                markup: "<b>".into(),
            },
            Run::Text("단거리 탄도미사일 2발".into()),
            Run::End {
                id: "1".into(),
                markup: "</b>".into(),
            },
            Run::Code {
                id: "2".into(),
                kind: CodeKind::LineBreak,
                markup: "<br/>".into(),
            },
            Run::Text("을 발사했다.".into()),
        ])
        .expect("valid text");
        let mut tu = TranslationUnit::new();
        tu.id = Some(format!("u{i}"));
        tu.set_story("missile", 2);
        tu.variants.push(Variant::new("en", en));
        tu.variants.push(Variant::new("ko", ko));
        tmx.units.push(tu);
    }
    tmx
}

/// The median of five runs of `f`, in seconds.
fn median(mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..5)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[2]
}

fn report(name: &str, bytes: usize, read: f64, tokenise: f64, write: f64) {
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "{name}: {mb:.1} MB; read {:.0} MB/s ({:.2}x quick-xml tokenising at {:.0} MB/s); write {:.0} MB/s",
        mb / read,
        read / tokenise,
        mb / tokenise,
        mb / write
    );
}

fn bench(c: &mut Criterion) {
    let corpus = std::fs::read(CORPUS_FILE).expect("the shared TMX corpus (../shared/corpus/tmx)");
    let corpus_text = String::from_utf8(corpus.clone()).expect("UTF-8");
    let read = Reader::new().read_slice(&corpus).expect("reads");
    assert_eq!(read.tmx.units.len(), 3071);
    let gen_text = generated(50_000).to_string().expect("writes");
    let generated_tmx = Tmx::from_str(&gen_text).expect("reads back");
    assert_eq!(generated_tmx.units.len(), 50_000);

    for (name, bytes, text, tmx) in [
        ("corpus en-ur", &corpus, &corpus_text, &read.tmx),
        (
            "generated 50k",
            &gen_text.clone().into_bytes(),
            &gen_text,
            &generated_tmx,
        ),
    ] {
        let r = median(|| {
            black_box(Reader::new().read_slice(bytes).expect("reads"));
        });
        let t = median(|| {
            black_box(tokenise(text));
        });
        let w = median(|| {
            black_box(tmx.to_string().expect("writes"));
        });
        report(name, bytes.len(), r, t, w);
    }

    let mut g = c.benchmark_group("tmx");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(corpus.len() as u64));
    g.bench_function("read corpus en-ur", |b| {
        b.iter(|| Reader::new().read_slice(black_box(&corpus)).expect("reads"))
    });
    g.bench_function("tokenise corpus en-ur (yardstick)", |b| {
        b.iter(|| tokenise(black_box(&corpus_text)))
    });
    g.bench_function("write corpus en-ur", |b| {
        b.iter(|| read.tmx.to_string().expect("writes"))
    });
    g.throughput(Throughput::Bytes(gen_text.len() as u64));
    g.bench_function("read generated 50k", |b| {
        b.iter(|| {
            Reader::new()
                .read_slice(black_box(gen_text.as_bytes()))
                .expect("reads")
        })
    });
    g.bench_function("write generated 50k", |b| {
        b.iter(|| generated_tmx.to_string().expect("writes"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
