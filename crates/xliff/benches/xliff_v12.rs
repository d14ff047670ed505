//! XLIFF 1.2 reading and writing speed on a large generated file, beside
//! quick-xml's raw tokenising of the same bytes and roxmltree's parse of
//! them into its tree, and the memory a read Document holds.
//!
//! Run: `cargo bench --bench xliff_v12 -- --warm-up-time 1 --measurement-time 3`
//! The input is generated (about 64 MB by default; `NEWSLOC_BENCH_MB`
//! changes it). Memory is measured with a counting global allocator: the
//! bytes live after reading minus before, beside `Document::heap_size()`
//! (behind the crate's `heap-size` feature, which only its benches and
//! tests enable).
//! `NEWSLOC_BENCH_SAVE=path` saves the generated file there and what the
//! writer made of it beside it (`path.written.xlf`) and stops, e.g. to
//! validate them with xmllint or to time the command line on them
//! (`lxml_compare.sh`). The ratios to the yardsticks and their goals are
//! printed before criterion's timings.

use std::fmt::Write as _;

use criterion::{Criterion, criterion_group, criterion_main};
use newsloc_xliff::{Document, Stats, visit_slice};

#[path = "common/support.rs"]
mod support;

/// Units per `<file>`: a headline outside the group, the rest paragraphs
/// inside it.
const UNITS_PER_FILE: usize = 200;

const CITIES: [(&str, &str); 6] = [
    ("Seoul", "Séoul"),
    ("Tokyo", "Tokyo"),
    ("Beijing", "Pékin"),
    ("Moscow", "Moscou"),
    ("Washington", "Washington"),
    ("Geneva", "Genève"),
];

const DAYS: [(&str, &str); 5] = [
    ("Monday", "lundi"),
    ("Tuesday", "mardi"),
    ("Wednesday", "mercredi"),
    ("Thursday", "jeudi"),
    ("Friday", "vendredi"),
];

/// Target states cycled over translated units, with `approved` for the
/// signed-off ones.
const STATES: [&str; 4] = [
    "translated",
    "needs-review-translation",
    "signed-off",
    "final",
];

/// Writes one paragraph unit (file `f`, unit `u`, running number `n`).
/// Every unit is segmented (`<seg-source>` with two `<mrk mtype="seg">`);
/// two thirds carry a segmented target, one in seven an `<alt-trans>`
/// from the desk's memory. Numbers, cities, days and the inline codes
/// used vary per unit.
/// Returns whether the unit has a target.
fn unit(s: &mut String, f: usize, u: usize, n: usize) -> bool {
    let (city, city_fr) = CITIES[n % CITIES.len()];
    let (day, day_fr) = DAYS[n % DAYS.len()];
    let count = 3 + (n * 7919) % 997;
    let space = if n.is_multiple_of(5) {
        "preserve"
    } else {
        "default"
    };
    let hash = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    // The first segment's source (with a <g> pair or a bpt/ept pair), the
    // second's (with an <x/> or a <ph>), and their French.
    let (src1, trg1) = match n % 3 {
        0 => (
            format!(
                "Officials in <g id=\"1\" ctype=\"bold\">{city}</g> said on {day} that {count} people had been evacuated &amp; {n} homes damaged."
            ),
            format!(
                "Les autorités de <g id=\"1\" ctype=\"bold\">{city_fr}</g> ont indiqué {day_fr} que {count} personnes avaient été évacuées et {n} maisons endommagées."
            ),
        ),
        1 => (
            format!(
                "The <bpt id=\"1\" ctype=\"italic\">&lt;i&gt;</bpt>Yonhap<ept id=\"1\">&lt;/i&gt;</ept> report from {city}, filed on {day}, put the toll at {count}."
            ),
            format!(
                "Le rapport de <bpt id=\"1\" ctype=\"italic\">&lt;i&gt;</bpt>Yonhap<ept id=\"1\">&lt;/i&gt;</ept> depuis {city_fr}, publié {day_fr}, fait état de {count} victimes."
            ),
        ),
        _ => (
            format!(
                "Talks in {city} resumed on {day} after a pause of {count} days, a spokesman for the R&amp;D ministry said."
            ),
            format!(
                "Les pourparlers ont repris {day_fr} à {city_fr} après une pause de {count} jours, selon un porte-parole du ministère de la R&amp;D."
            ),
        ),
    };
    let (src2, trg2) = if n.is_multiple_of(2) {
        (
            format!(
                "Flights <x id=\"2\" ctype=\"lb\"/> to {city} were cancelled until {}.",
                10 + n % 18
            ),
            format!(
                "Les vols <x id=\"2\" ctype=\"lb\"/> vers {city_fr} sont annulés jusqu'au {}.",
                10 + n % 18
            ),
        )
    } else {
        (
            format!(
                "Markets fell {}.{} percent <ph id=\"2\">&lt;br/&gt;</ph>by midday.",
                n % 9,
                n % 10
            ),
            format!(
                "Les marchés ont reculé de {},{} % <ph id=\"2\">&lt;br/&gt;</ph>à la mi-journée.",
                n % 9,
                n % 10
            ),
        )
    };
    let _ = write!(
        s,
        "    <trans-unit id=\"f{f}-p{u}\" resname=\"story{f}.para{u}\" xml:space=\"{space}\" nl:hash=\"{hash:016x}\">\n     <source>{src1} {src2}</source>\n     <seg-source><mrk mtype=\"seg\" mid=\"1\">{src1}</mrk> <mrk mtype=\"seg\" mid=\"2\">{src2}</mrk></seg-source>\n"
    );
    let translated = n % 3 != 2;
    if translated {
        let state = STATES[n % STATES.len()];
        let _ = writeln!(
            s,
            "     <target xml:lang=\"fr\" state=\"{state}\"><mrk mtype=\"seg\" mid=\"1\">{trg1}</mrk> <mrk mtype=\"seg\" mid=\"2\">{trg2}</mrk></target>"
        );
    }
    if n.is_multiple_of(7) {
        let _ = writeln!(
            s,
            "     <alt-trans match-quality=\"{}%\" origin=\"desk-tm\"><source>{src1}</source><target xml:lang=\"fr\">{trg1}</target></alt-trans>",
            70 + n % 30
        );
    }
    let _ = write!(
        s,
        "     <note from=\"editor\" priority=\"{}\">Paragraph {u} of story {f}; keep under 400 characters &amp; check figures.</note>\n    </trans-unit>\n",
        1 + n % 10
    );
    translated
}

/// What a generated file holds, to check the readers against.
#[derive(Debug, Default, PartialEq)]
struct Expected {
    units: usize,
    segments: usize,
    segments_with_target: usize,
}

/// A news-desk XLIFF 1.2 export of about `mb` megabytes, and what it holds: files of [`UNITS_PER_FILE`] units, each file with a header
/// (tool, notes), a headline unit and a group of segmented paragraphs.
fn generate(mb: usize) -> (String, Expected) {
    let target = mb * 1024 * 1024;
    let mut s = String::with_capacity(target + 8192);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:nl=\"urn:example:newsloc\">\n");
    let mut e = Expected::default();
    let mut f = 0usize;
    while s.len() < target {
        f += 1;
        let _ = write!(
            s,
            " <file original=\"story-{f}.txt\" source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" date=\"2026-09-12T{:02}:{:02}:00Z\">\n  <header>\n   <tool tool-id=\"newsloc\" tool-name=\"newsloc\"/>\n   <note from=\"desk\">Story AEN20260912{f:06}: ADDS casualty figures; RECASTS headline.</note>\n   <note from=\"desk\" annotates=\"general\">Use the agency style guide for place names.</note>\n  </header>\n  <body>\n",
            f % 24,
            f % 60
        );
        let done = f.is_multiple_of(4);
        let _ = write!(
            s,
            "   <trans-unit id=\"f{f}-headline\" resname=\"story{f}.headline\" nl:hash=\"{f:08x}\"><source>Storm hits coast, {} evacuated</source>",
            100 + f % 900
        );
        if done {
            let _ = write!(
                s,
                "<target state=\"final\">Une tempête frappe la côte, {} évacués</target>",
                100 + f % 900
            );
        }
        s.push_str("<note>Headline, max 70 characters.</note></trans-unit>\n   <group id=\"body\" resname=\"body\">\n");
        e.units += 1;
        e.segments += 1;
        e.segments_with_target += usize::from(done);
        for u in 1..UNITS_PER_FILE {
            let translated = unit(&mut s, f, u, e.units);
            e.units += 1;
            e.segments += 2;
            e.segments_with_target += 2 * usize::from(translated);
        }
        s.push_str("   </group>\n  </body>\n </file>\n");
    }
    s.push_str("</xliff>\n");
    (s, e)
}

fn bench(c: &mut Criterion) {
    let mb = std::env::var("NEWSLOC_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let (text, expected) = generate(mb);
    let units = expected.units;
    let len = text.len();

    let (doc, held) = support::read_and_report(&text, |t| {
        t.parse::<Document>().expect("generated document reads")
    });
    assert_eq!(doc.units().count(), units, "units read");
    assert_eq!(
        doc.units().map(|u| u.segments().count()).sum::<usize>(),
        expected.segments,
        "segments read"
    );
    let mut stats = Stats::default();
    support::stream_and_report("stats", || {
        visit_slice(text.as_bytes(), &mut stats).expect("stats");
    });
    eprintln!(
        "stats over {} units, {} segments",
        stats.units, stats.segments
    );
    assert_eq!(
        Expected {
            units: stats.units,
            segments: stats.segments,
            segments_with_target: stats.segments_with_target,
        },
        expected,
        "streamed counts"
    );

    let out = doc.to_xml().expect("write");
    let out_len = out.len();
    // What is written reads back as the same Document.
    assert!(
        out.parse::<Document>().expect("written document reads") == doc,
        "written document reads back unchanged"
    );
    eprintln!(
        "written: {:.1} MB ({:.3}x the input)",
        out_len as f64 / 1e6,
        out_len as f64 / len as f64
    );

    if support::save(&text, &out) {
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
    support::ratios("xliff12", &text, &doc, held, &io);
    support::bench_group(c, "xliff12", &text, &doc, &io);
}

criterion_group!(benches, bench);
criterion_main!(benches);
