//! Property tests: arbitrary text survives export → identity translation →
//! XLIFF file → import unchanged, in every XLIFF version.

mod common;

use newsloc::xliff::{Document, Version};
use newsloc::{Article, Block, CodeKind, Exporter, ImportOptions, Run, Text, import};
use proptest::prelude::*;
use std::str::FromStr;

/// Awkward pieces of text: markup characters, the CDATA end, bidi
/// controls, astral characters, line ends, spaces, sentence ends.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<".to_string()),
        Just("&".to_string()),
        Just("&amp;".to_string()),
        Just("]]>".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{202E}x\u{202C}".to_string()),
        Just("😀".to_string()),
        Just("𝔘".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        Just(". ".to_string()),
        Just("。".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        "[a-zA-Z]{1,8}",
        "[가-힣]{1,4}",
    ]
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Code,
    Pair(Vec<String>),
    Protected(String),
}

fn pieces() -> impl Strategy<Value = Vec<Piece>> {
    let text = || prop::collection::vec(piece(), 0..6).prop_map(|v| v.concat());
    prop::collection::vec(
        prop_oneof![
            4 => text().prop_map(Piece::Text),
            1 => Just(Piece::Code),
            1 => prop::collection::vec(text(), 1..3).prop_map(Piece::Pair),
            1 => text().prop_map(Piece::Protected),
        ],
        0..8,
    )
}

fn build(pieces: &[Piece]) -> Text {
    let mut runs = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Text(t) => runs.push(Run::Text(t.clone())),
            Piece::Code => runs.push(Run::Code {
                id: format!("x{i}"),
                kind: CodeKind::LineBreak,
                markup: "<br/>".into(),
            }),
            Piece::Pair(inner) => {
                runs.push(Run::Start {
                    id: format!("p{i}"),
                    kind: CodeKind::Emphasis,
                    markup: "<em class=\"a&b\">".into(),
                });
                runs.push(Run::Text(inner.concat()));
                runs.push(Run::End {
                    id: format!("p{i}"),
                    markup: "</em>".into(),
                });
            }
            Piece::Protected(t) => runs.push(Run::Protected(t.clone())),
        }
    }
    Text::from_runs(runs).expect("well formed by construction")
}

fn article(headline: Text, body: Vec<Text>) -> Article {
    let mut a = Article::new("prop", "en".parse().unwrap());
    a.headline = Some(newsloc::Headline {
        tag: None,
        text: headline,
    });
    a.body = body.into_iter().map(Block::Paragraph).collect();
    a
}

fn check(article: &Article, version: Version) -> Result<(), TestCaseError> {
    let mut exporter = Exporter::new();
    exporter.version(version);
    let mut doc = exporter.export(article, &"ko".parse().unwrap()).unwrap();
    common::fill_targets(&mut doc, |c| c.clone());
    let xml = common::xml(&doc, version);
    let back = Document::from_str(&xml).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
    // identity targets are copies of their sources: the policy that uses
    // the source gives the same text back
    let mut options = ImportOptions::new();
    options.untranslated(newsloc::Untranslated::Source);
    let imported =
        import(&back, article, &options).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
    let got: Vec<Text> = imported
        .article
        .units()
        .iter()
        .map(|u| u.text.clone())
        .collect();
    let want: Vec<Text> = article.units().iter().map(|u| u.text.clone()).collect();
    prop_assert_eq!(got, want, "{}", xml);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_text_survives_xliff_2(h in pieces(), b in prop::collection::vec(pieces(), 1..3)) {
        let a = article(build(&h), b.iter().map(|p| build(p)).collect());
        check(&a, Version::V2_0)?;
        check(&a, Version::V2_2)?;
    }

    #[test]
    fn any_text_survives_xliff_1_2(h in pieces(), b in prop::collection::vec(pieces(), 1..3)) {
        let a = article(build(&h), b.iter().map(|p| build(p)).collect());
        check(&a, Version::V1_2)?;
    }
}

#[test]
fn empty_and_blank_units_survive() {
    let a = article(
        Text::default(),
        vec![Text::plain("  "), Text::plain("\r\n")],
    );
    for v in [Version::V1_2, Version::V2_0] {
        check(&a, v).unwrap();
    }
}
