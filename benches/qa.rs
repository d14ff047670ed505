//! The text checks (`newsloc::qa`) on a 40-unit story, per target language,
//! beside a yardstick: segmenting the same source text into sentences (what
//! export does to every unit). The goal is well under 1 ms per story and
//! language.
//!
//! Run: `cargo bench --bench qa -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use newsloc::Segmenter;
use newsloc::qa::{Check, Checker, Story};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/qa");
const LANGS: [&str; 5] = ["ko", "ja", "zh-Hans", "de", "ar"];

/// The gold set's two stories in `lang`, their units repeated to 40.
fn story(lang: &str) -> Story {
    let mut units = Vec::new();
    for name in ["flood", "budget"] {
        let article = newsloc::read_article(format!("{FIXTURES}/{name}.txt")).expect("story");
        let json =
            std::fs::read_to_string(format!("{FIXTURES}/{name}.{lang}.json")).expect("translation");
        units.extend(
            Story::from_unit_map(&article, lang, &json)
                .expect("map")
                .units,
        );
    }
    let mut s = Story::new("en", lang);
    for i in 0..40 {
        let mut u = units[i % units.len()].clone();
        u.id = format!("u{i}");
        s.units.push(u);
    }
    s
}

/// Median time of `f` over 301 runs (steadier than a mean on a shared,
/// loaded machine).
fn mean(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..301)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    times[times.len() / 2]
}

fn bench(c: &mut Criterion) {
    let checker = Checker::new();
    let segmenter = Segmenter::new(&"en".parse().expect("en"));
    let mut group = c.benchmark_group("qa");
    for lang in LANGS {
        let s = story(lang);
        assert_eq!(s.units.len(), 40);
        assert!(
            checker.check(&s).is_empty(),
            "the gold translations are clean"
        );
        group.bench_function(format!("check-40-units-{lang}"), |b| {
            b.iter(|| black_box(checker.check(black_box(&s))))
        });
        let qa = mean(|| {
            black_box(checker.check(&s));
        });
        let seg = mean(|| {
            for u in &s.units {
                for seg in &u.segments {
                    black_box(segmenter.split(&seg.source, &[]));
                }
            }
        });
        println!(
            "qa {lang}: median {:.0} µs per 40-unit story; {:.1}× segmenting its source",
            qa.as_secs_f64() * 1e6,
            qa.as_secs_f64() / seg.as_secs_f64()
        );
        // what each family of checks costs: the time saved with it off
        let families: [(&str, &[Check]); 5] = [
            (
                "figures",
                &[
                    Check::NumberMissing,
                    Check::NumberChanged,
                    Check::NumberExtra,
                    Check::NumberApproximate,
                ],
            ),
            ("names", &[Check::NameInconsistent]),
            (
                "quotes",
                &[
                    Check::QuoteUnbalanced,
                    Check::BracketUnbalanced,
                    Check::QuoteMissing,
                ],
            ),
            (
                "untranslated+script",
                &[Check::Untranslated, Check::WrongScript, Check::SameAsSource],
            ),
            (
                "hygiene+spacing",
                &[
                    Check::Url,
                    Check::Email,
                    Check::Hashtag,
                    Check::Handle,
                    Check::DoubleSpace,
                    Check::Whitespace,
                    Check::FinalPunctuation,
                ],
            ),
        ];
        let mut parts = Vec::new();
        for (name, checks) in families {
            let mut without = Checker::new();
            for c in checks {
                without.set(*c, None);
            }
            let t = mean(|| {
                black_box(without.check(&s));
            });
            parts.push(format!(
                "{name} {:.0} µs",
                (qa.as_secs_f64() - t.as_secs_f64()).max(0.0) * 1e6
            ));
        }
        println!("  of which: {}", parts.join(", "));
    }
    let s = story("ko");
    group.bench_function("segment-40-units-source", |b| {
        b.iter(|| {
            for u in &s.units {
                for seg in &u.segments {
                    black_box(segmenter.split(&seg.source, &[]));
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
