//! Sentence segmentation: gold sets per language (precision and recall),
//! SRX rule files, and properties that must hold on any text.

// `&[a..b]` is a list of one no-break range and `[a..b]` a list of one
// sentence here, not a mistaken range-to-array conversion.
#![allow(clippy::single_range_in_vec_init)]

use std::ops::Range;
use std::path::Path;

use newsloc::{Error, Segmenter};
use proptest::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/segment");

fn segmenter(lang: &str) -> Segmenter {
    Segmenter::new(&lang.parse().expect("test language tags are valid"))
}

/// One paragraph of a gold file: its sentences and how they are joined.
struct Paragraph {
    line: usize,
    sentences: Vec<String>,
}

/// Reads a gold file: one sentence per line, blank lines between
/// paragraphs, `#` comments; `# join: none` makes sentences join without a
/// space (Chinese and Japanese).
fn read_gold(lang: &str) -> (Vec<Paragraph>, &'static str) {
    let path = format!("{FIXTURES}/{lang}.txt");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut joiner = " ";
    let mut paragraphs = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (n, line) in src.lines().enumerate() {
        if let Some(comment) = line.strip_prefix('#') {
            if comment.trim() == "join: none" {
                joiner = "";
            }
            continue;
        }
        if line.trim().is_empty() {
            paragraphs.extend(current.take());
            continue;
        }
        assert_eq!(line, line.trim(), "{path}:{}: stray whitespace", n + 1);
        current
            .get_or_insert_with(|| Paragraph {
                line: n + 1,
                sentences: Vec::new(),
            })
            .sentences
            .push(line.to_owned());
    }
    paragraphs.extend(current);
    (paragraphs, joiner)
}

struct Score {
    sentences: usize,
    expected: usize,
    found: usize,
    correct: usize,
    report: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.correct as f64 / self.found as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.correct as f64 / self.expected as f64
        }
    }
}

/// Segments every paragraph of a gold file and counts sentence boundaries
/// (the start of every sentence but the first of its paragraph).
fn score(lang: &str) -> Score {
    let (paragraphs, joiner) = read_gold(lang);
    let seg = segmenter(lang.split('-').next().unwrap_or(lang));
    let mut s = Score {
        sentences: 0,
        expected: 0,
        found: 0,
        correct: 0,
        report: Vec::new(),
    };
    for p in &paragraphs {
        let text = p.sentences.join(joiner);
        let mut expected = Vec::new();
        let mut at = 0;
        for (i, sentence) in p.sentences.iter().enumerate() {
            if i > 0 {
                at += joiner.len();
                expected.push(at);
            }
            at += sentence.len();
        }
        let got: Vec<Range<usize>> = seg.split(&text, &[]);
        let found: Vec<usize> = got.iter().skip(1).map(|r| r.start).collect();
        s.sentences += p.sentences.len();
        s.expected += expected.len();
        s.found += found.len();
        s.correct += found.iter().filter(|b| expected.contains(b)).count();
        if found != expected {
            let shown: Vec<&str> = got.iter().map(|r| &text[r.clone()]).collect();
            s.report.push(format!(
                "{lang}.txt:{}: expected {} sentences, got:\n    {}",
                p.line,
                p.sentences.len(),
                shown.join("\n    ")
            ));
        }
    }
    s
}

#[test]
fn gold_sets_precision_and_recall() {
    // (language, minimum sentences in the gold set, minimum precision and recall)
    let langs = [
        ("en", 200, 0.99),
        ("en-heldout", 40, 0.95),
        ("ko", 30, 0.95),
        ("ja", 30, 0.95),
        ("zh", 30, 0.95),
        ("ru", 30, 0.95),
        ("fr", 30, 0.95),
        ("es", 30, 0.95),
        ("de", 30, 0.95),
        ("ar", 30, 0.95),
    ];
    let mut failures = Vec::new();
    println!("lang sentences boundaries precision recall");
    for (lang, min_sentences, floor) in langs {
        let s = score(lang);
        println!(
            "{lang:4} {:9} {:10} {:9.4} {:6.4}",
            s.sentences,
            s.expected,
            s.precision(),
            s.recall()
        );
        for r in &s.report {
            println!("  {r}");
        }
        if s.sentences < min_sentences {
            failures.push(format!("{lang}: only {} sentences", s.sentences));
        }
        if s.precision() < floor || s.recall() < floor {
            failures.push(format!(
                "{lang}: precision {:.4}, recall {:.4}, below {floor}",
                s.precision(),
                s.recall()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn srx_example_file_keeps_titles_with_capture_groups() {
    let seg = Segmenter::from_srx_file(
        Path::new(&format!("{FIXTURES}/example.srx")),
        &"en-US".parse().unwrap(),
    )
    .unwrap();
    let text = "Gen. Kim met him. Then left.";
    assert_eq!(seg.split(text, &[]), [0..17, 18..28]);
    let text = "Rep. Lee arrived at 3 p.m. on Monday. He left at 5 p.m. Nobody knew why.";
    let got: Vec<&str> = seg.split(text, &[]).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        got,
        [
            "Rep. Lee arrived at 3 p.m. on Monday.",
            "He left at 5 p.m.",
            "Nobody knew why."
        ]
    );
}

#[test]
fn srx_example_file_korean_rules() {
    let seg = Segmenter::from_srx_file(
        Path::new(&format!("{FIXTURES}/example.srx")),
        &"ko-KR".parse().unwrap(),
    )
    .unwrap();
    let text = "북한이 미사일을 쐈다.군은 경계를 강화했다. 정부는 \"왜?\"라고 물었다.";
    let got: Vec<&str> = seg.split(text, &[]).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        got,
        [
            "북한이 미사일을 쐈다.",
            "군은 경계를 강화했다.",
            "정부는 \"왜?\"라고 물었다."
        ]
    );
}

#[test]
fn srx_file_errors_name_the_file() {
    let path = Path::new(FIXTURES).join("bad-regex.srx");
    let err = Segmenter::from_srx_file(&path, &"en".parse().unwrap()).unwrap_err();
    assert!(matches!(err, Error::Xml { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!(
            "{}:8:49: <afterbreak>: invalid regular expression `(?=[A-Z])`",
            path.display()
        )),
        "{msg}"
    );
}

#[test]
fn inline_code_placeholders_and_protected_spans() {
    let seg = segmenter("en");
    // "Seoul.<ph/> Then" — the code closes the first sentence.
    let text = "It rained in Seoul.\u{FFFC} Then it stopped.";
    assert_eq!(seg.split(text, &[19..22]), [0..22, 23..39]);
    // A protected span "Yahoo! Inc." must not be split.
    let text = "He joined Yahoo! Inc. in 2010. He left.";
    assert_eq!(seg.split(text, &[]).len(), 3);
    assert_eq!(seg.split(text, &[10..21]), [0..30, 31..39]);
    // Unsorted, overlapping and touching ranges.
    assert_eq!(seg.split(text, &[15..17, 10..16, 16..18]), [0..30, 31..39]);
}

// ---------------------------------------------------------------------------
// Properties on arbitrary text.

/// Awkward text: news words, terminals of many scripts, quotes, brackets,
/// bidi marks, astral characters, CRLF, U+FFFC and lone punctuation.
fn awkward_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("Gen."),
        Just("U.S."),
        Just("p.m."),
        Just("Sept."),
        Just("J."),
        Just("No."),
        Just("4.1%"),
        Just("..."),
        Just("…"),
        Just("."),
        Just("?"),
        Just("!"),
        Just("。"),
        Just("？"),
        Just("؟"),
        Just("「"),
        Just("」"),
        Just("“"),
        Just("”"),
        Just("\""),
        Just("'"),
        Just("«"),
        Just("»"),
        Just("("),
        Just(")"),
        Just(" "),
        Just("  "),
        Just("\r\n"),
        Just("\n"),
        Just("\t"),
        Just("\u{a0}"),
        Just("\u{202f}"),
        Just("\u{200f}"),
        Just("\u{200e}"),
        Just("\u{202b}"),
        Just("\u{fffc}"),
        Just("\u{feff}"),
        Just("𝔘𝔖"),
        Just("😀"),
        Just("The"),
        Just("the"),
        Just("서울"),
        Just("라고"),
        Just("と"),
        Just("中国"),
        Just("Путин"),
        Just("г."),
        Just("12."),
        Just("قال"),
        Just("د."),
        Just("—"),
        Just("¿"),
        Just("a"),
        Just("Z"),
    ];
    prop_oneof![
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

/// Arbitrary `no_break` ranges, some outside the text, some reversed.
fn ranges() -> impl Strategy<Value = Vec<Range<usize>>> {
    prop::collection::vec((0usize..200, 0usize..30), 0..5)
        .prop_map(|v| v.into_iter().map(|(s, l)| s..s + l).collect())
}

fn check(lang: &str, text: &str, no_break: &[Range<usize>]) -> Result<(), TestCaseError> {
    let got = segmenter(lang).split(text, no_break);
    let mut rebuilt = String::new();
    let mut end = 0;
    for r in &got {
        prop_assert!(r.start < r.end, "empty range {r:?}");
        prop_assert!(r.start >= end, "unsorted or overlapping {got:?}");
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let gap = &text[end..r.start];
        prop_assert!(
            gap.chars().all(char::is_whitespace),
            "non-space gap {gap:?}"
        );
        let body = &text[r.clone()];
        prop_assert_eq!(body.trim(), body, "untrimmed");
        rebuilt.push_str(gap);
        rebuilt.push_str(body);
        end = r.end;
    }
    prop_assert!(text[end..].chars().all(char::is_whitespace));
    rebuilt.push_str(&text[end..]);
    prop_assert_eq!(&rebuilt, text);
    if text.trim().is_empty() {
        prop_assert!(got.is_empty());
    }
    for pair in got.windows(2) {
        let (q, p) = (pair[0].end, pair[1].start);
        for r in no_break {
            for x in q..=p {
                prop_assert!(
                    !(r.start < x && x < r.end),
                    "boundary {q}..{p} inside no_break {r:?}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn join_split_is_identity(text in awkward_text(), no_break in ranges(),
                              lang in prop::sample::select(vec!["en", "ko", "ja", "zh", "ru", "fr", "es", "de", "ar", "sw"])) {
        check(lang, &text, &no_break)?;
    }

    #[test]
    fn srx_segmenter_keeps_the_same_invariants(text in awkward_text(), no_break in ranges()) {
        let srx = std::fs::read_to_string(format!("{FIXTURES}/example.srx")).unwrap();
        let seg = Segmenter::from_srx(&srx, &"en".parse().unwrap()).unwrap();
        let got = seg.split(&text, &no_break);
        let mut rebuilt = String::new();
        let mut end = 0;
        for r in &got {
            prop_assert!(r.start >= end && r.start < r.end);
            let gap = &text[end..r.start];
            prop_assert!(gap.chars().all(char::is_whitespace));
            prop_assert_eq!(text[r.clone()].trim(), &text[r.clone()]);
            rebuilt.push_str(gap);
            rebuilt.push_str(&text[r.clone()]);
            end = r.end;
        }
        rebuilt.push_str(&text[end..]);
        prop_assert_eq!(rebuilt, text);
    }
}
