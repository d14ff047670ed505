//! XLIFF 1.2 reading and writing speed on a large generated file, against
//! quick-xml's raw tokenising of the same bytes.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsloc::xliff::{Document, v12};

/// A 1.2 file of `n` segmented units with codes, notes, states and a vendor
/// attribute: what a translated news desk export looks like.
fn large_file(n: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:nl=\"urn:example:newsloc\">\n<file original=\"wire\" source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\">\n<header><note>Desk note.</note></header>\n<body>\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "<trans-unit id=\"p{i}\" resname=\"p{i}\" xml:space=\"preserve\" nl:hash=\"h{i}\"><source>Officials in <g id=\"1\" ctype=\"bold\">Seoul</g> said on Tuesday that talks &amp; visits would resume. Flights <x id=\"2\"/> were cancelled.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">Officials in <g id=\"1\" ctype=\"bold\">Seoul</g> said on Tuesday that talks &amp; visits would resume.</mrk> <mrk mtype=\"seg\" mid=\"2\">Flights <x id=\"2\"/> were cancelled.</mrk></seg-source><target state=\"translated\"><mrk mtype=\"seg\" mid=\"1\">Des responsables à <g id=\"1\" ctype=\"bold\">Séoul</g> ont déclaré mardi que les pourparlers reprendraient.</mrk> <mrk mtype=\"seg\" mid=\"2\">Des vols <x id=\"2\"/> ont été annulés.</mrk></target><note from=\"editor\">Paragraph {i}.</note></trans-unit>\n"
        ));
    }
    s.push_str("</body>\n</file>\n</xliff>\n");
    s
}

fn bench(c: &mut Criterion) {
    let text = large_file(20_000);
    let mut g = c.benchmark_group("xliff12");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("quick-xml tokenise", |b| {
        b.iter(|| {
            let mut r = quick_xml::Reader::from_str(&text);
            let mut n = 0usize;
            loop {
                match r.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => n += 1,
                    Err(e) => panic!("{e}"),
                }
            }
            n
        })
    });
    g.bench_function("read", |b| {
        b.iter_with_large_drop(|| Document::from_str(&text).expect("read"))
    });
    let doc = Document::from_str(&text).expect("read");
    g.bench_function("write", |b| {
        b.iter(|| {
            let mut out = String::with_capacity(text.len());
            v12::write(&doc, &mut out).expect("write");
            out
        })
    });
    g.finish();
    eprintln!(
        "file {} bytes, document heap {} bytes ({:.2}x)",
        text.len(),
        doc.heap_size(),
        doc.heap_size() as f64 / text.len() as f64
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
