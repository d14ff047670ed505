//! Rendering and locale costs: building a localizer, rendering the sample
//! story as wire copy, HTML and ninjs in Korean, reading ninjs back.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use newsloc::{Locales, Text, WireReader, render};

const STORY: &str = include_str!("../tests/fixtures/render/lantern.txt");
const KO_UNITS: &str = include_str!("../tests/fixtures/render/lantern.ko.json");

fn benches(c: &mut Criterion) {
    let source = WireReader::new().id("lantern").read_str(STORY).unwrap();
    let units: BTreeMap<String, String> = serde_json::from_str(KO_UNITS).unwrap();
    let ko = source
        .translate(
            "ko".parse().unwrap(),
            units.into_iter().map(|(k, v)| (k, Text::plain(v))),
        )
        .unwrap();
    let locales = Locales::embedded();
    let lang = "ko-KR".parse().unwrap();
    let l = locales.localizer(&lang);

    c.bench_function("locales_embedded", |b| b.iter(Locales::embedded));
    c.bench_function("localizer_ko", |b| {
        b.iter(|| locales.localizer(black_box(&lang)))
    });
    c.bench_function("wire_ko", |b| {
        b.iter(|| render::to_wire_localized(black_box(&ko), &l).unwrap())
    });
    c.bench_function("html_ko", |b| {
        b.iter(|| render::to_html(black_box(&ko), &l).unwrap())
    });
    c.bench_function("ninjs_ko", |b| {
        b.iter(|| render::to_ninjs(black_box(&ko), &l).unwrap())
    });
    c.bench_function("render_ko_checked", |b| {
        b.iter(|| render::render(black_box(&ko), Some(&source), render::Format::Html, &l).unwrap())
    });
    let item = render::to_ninjs(&ko, &l).unwrap();
    c.bench_function("ninjs_read", |b| {
        b.iter(|| newsloc::ninjs::from_str(black_box(&item)).unwrap())
    });
}

criterion_group!(render_benches, benches);
criterion_main!(render_benches);
