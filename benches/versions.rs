//! Aligning and scoring two versions of a 40-unit story (`Diff::between`:
//! units, sentences of changed units, the note's claims and their check),
//! the generic alignment on canonical strings alone, and for scale a
//! yardstick: hashing every unit of both versions (what any comparison of
//! two versions must at least do). Before criterion runs, the ratio of each
//! to the yardstick is printed.
//!
//! Run: `cargo bench --bench versions -- --warm-up-time 1 --measurement-time 3`

use std::hash::{DefaultHasher, Hash, Hasher};
use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use newsloc::versions::{Diff, align};
use newsloc::{Article, Block, Credit, EditorNote, Headline, Photo, Text, UpdateTag};

const PLACES: [&str; 6] = [
    "Gangneung",
    "Samcheok",
    "Donghae",
    "Sokcho",
    "Yangyang",
    "Uljin",
];

/// Paragraph `k` of the story: one or two sentences, each paragraph its
/// own, in the register of a wildfire report.
fn paragraph(k: usize) -> String {
    let place = PLACES[k % PLACES.len()];
    let first = match k % 6 {
        0 => format!(
            "Firefighters in {place} contained {} percent of the blaze by noon, the forest service said.",
            40 + k
        ),
        1 => format!(
            "About {} residents of {place} spent the night in school gyms and community halls.",
            120 + 7 * k
        ),
        2 => format!(
            "Strong winds of up to {} meters per second hampered the work of {} helicopters.",
            10 + k % 9,
            k + 3
        ),
        3 => format!(
            "The interior ministry declared {place} a special disaster zone on day {k} of the fire."
        ),
        4 => format!(
            "Police said they were looking into whether a discarded cigarette started fire number {k}."
        ),
        _ => format!(
            "Rail services between {place} and Seoul were suspended for {} hours.",
            k % 5 + 2
        ),
    };
    if k.is_multiple_of(3) {
        format!("{first} Officials expect rain late on Sunday to help in sector {k}.")
    } else {
        first
    }
}

fn photo(caption: &str) -> Block {
    Block::Photo(Photo::new(Text::plain(caption), Credit("Yonhap".into())))
}

/// Version 1: headline, dateline place, 36 paragraphs, 2 photos (40 units).
fn version1() -> Article {
    let mut a = Article::new("wildfire", "en".parse().unwrap());
    a.headline = Some(Headline {
        tag: None,
        text: Text::plain("Wildfire spreads along east coast, thousands evacuated"),
    });
    a.dateline = Some(newsloc::Dateline::new(
        Some(Text::plain("GANGNEUNG")),
        None,
        Some(Credit("Yonhap".into())),
    ));
    for k in 1..=36 {
        a.body.push(Block::Paragraph(Text::plain(paragraph(k))));
        if k == 12 || k == 30 {
            a.body.push(photo(&format!(
                "Smoke rises over the hills of {} on the {k}th hour of the fire. (Yonhap)",
                PLACES[k % 6]
            )));
        }
    }
    a
}

/// Version 2: recast headline, figures corrected in two paragraphs, a
/// sentence added to one, two paragraphs inserted, one removed, one moved,
/// a photo added.
fn version2(v1: &Article) -> Article {
    let mut a = v1.clone();
    a.version = 2;
    a.editor_note = Some(EditorNote::new(
        "ATTN: RECASTS headline; CORRECTS figures in paras 3, 10; ADDS details in paras 6-7, \
         photo; UPDATES para 17",
    ));
    a.headline = Some(Headline {
        tag: Some(UpdateTag::new("(LEAD)")),
        text: Text::plain("Wildfire spreads along east coast, 4,000 evacuated"),
    });
    let para = |t: String| Block::Paragraph(Text::plain(t));
    // body indices: paragraphs 1-12 are 0-11, photo 12, paragraphs 13-30
    // are 13-30, photo 31, paragraphs 31-36 are 32-37
    a.body[2] = para(paragraph(3).replace("day 3", "day 4"));
    a.body[9] = para(paragraph(10).replace("number 10", "number 11"));
    a.body[15] = para(format!(
        "{} A second evacuation order followed in the evening.",
        paragraph(15)
    ));
    a.body.remove(21); // paragraph 21
    let moved = a.body.remove(29); // paragraph 30
    a.body.insert(7, moved);
    a.body.insert(
        5,
        para("Seven people were treated for smoke inhalation, the fire agency said.".into()),
    );
    a.body.insert(
        6,
        para("A cultural heritage site in the hills was covered with fire-retardant foam.".into()),
    );
    a.body.push(photo(
        "Residents leave their homes in Donghae on the second day of the fire. (Yonhap)",
    ));
    a
}

/// The yardstick: a plain hash of every unit of both articles.
fn hash_units(old: &Article, new: &Article) -> u64 {
    let mut h = DefaultHasher::new();
    for a in [old, new] {
        for u in a.units() {
            u.id.hash(&mut h);
            u.text.to_plain_string().hash(&mut h);
        }
    }
    h.finish()
}

/// Median time of `f` over `n` runs, in microseconds.
fn median_us(n: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[n / 2]
}

fn bench(c: &mut Criterion) {
    let v1 = version1();
    let v2 = version2(&v1);
    assert_eq!(v1.units().len(), 40);
    let texts = |a: &Article| -> Vec<String> {
        a.units().iter().map(|u| u.text.to_plain_string()).collect()
    };
    let (old, new) = (texts(&v1), texts(&v2));

    let diff = Diff::between(&v1, &v2);
    let count = |s: &str| {
        diff.units()
            .iter()
            .filter(|u| u.status.as_str() == s)
            .count()
    };
    println!(
        "versions: 40 → {} units: {} unchanged, {} moved, {} changed, {} added, {} removed; {} disagreement(s)",
        v2.units().len(),
        count("unchanged"),
        count("moved"),
        count("changed"),
        count("added"),
        count("removed"),
        diff.disagreements().len()
    );
    let yard = median_us(2001, || {
        black_box(hash_units(black_box(&v1), black_box(&v2)));
    });
    let full = median_us(2001, || {
        black_box(Diff::between(black_box(&v1), black_box(&v2)));
    });
    let bare = median_us(2001, || {
        black_box(align(black_box(&old), black_box(&new)));
    });
    println!(
        "versions: Diff::between {full:.1} µs ({:.1}× the yardstick), align on strings {bare:.1} µs ({:.1}×), yardstick (hash both versions' units) {yard:.1} µs",
        full / yard,
        bare / yard
    );

    let mut g = c.benchmark_group("versions/40 units");
    g.bench_function("Diff::between", |b| {
        b.iter(|| Diff::between(black_box(&v1), black_box(&v2)))
    });
    g.bench_function("align on canonical strings", |b| {
        b.iter(|| align(black_box(&old), black_box(&new)))
    });
    g.bench_function("yardstick: hash both versions' units", |b| {
        b.iter(|| hash_units(black_box(&v1), black_box(&v2)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
