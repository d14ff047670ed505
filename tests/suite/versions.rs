//! Story versions: alignment, the editor's note as claims, their
//! disagreements, and `newsloc diff` run as a subprocess, on the three
//! versions of `tests/fixtures/versions/missile-v*.txt`. Every expected
//! status and score below is worked out by hand from the fixtures (see the
//! comments) and the scorer's formula in `docs/versions.md`.

use std::path::Path;

use newsloc::versions::{Diff, Disagreement, Place, Status, align, claims};
use newsloc::{Article, Block, EditorNote, Headline, Text};
use proptest::prelude::*;

fn path(name: &str) -> String {
    fixture(name).to_str().unwrap().to_string()
}

type Row<'a> = (Status, Option<&'a str>, Option<&'a str>, Option<u8>);

fn rows(diff: &Diff) -> Vec<Row<'_>> {
    diff.units()
        .iter()
        .map(|u| {
            (
                u.status,
                u.old.as_deref(),
                u.new.as_deref(),
                u.similarity.map(|s| s.score),
            )
        })
        .collect()
}

use crate::common::{missile, newsloc, s, versions_fixture as fixture};
use Status::{Added, Changed, Moved, Removed, Unchanged};

#[test]
fn v1_to_v2_by_hand() {
    let (v1, v2) = (missile(1), missile(2));
    assert_eq!((v1.version, v2.version), (1, 2));
    let diff = Diff::between(&v1, &v2);
    assert_eq!(
        rows(&diff),
        [
            // 9 tokens (N . Korea fires ballistic missile into East Sea)
            // against 14 (+ , flies about 550 km): 100 × 9/14 = 64
            (Changed, Some("headline"), Some("headline"), Some(64)),
            (
                Unchanged,
                Some("dateline-place"),
                Some("dateline-place"),
                Some(100)
            ),
            // "short-range" is 3 tokens added to 18: 100 × 18/21 = 85
            (Changed, Some("p1"), Some("p1"), Some(85)),
            (Added, None, Some("p2"), None),
            (Added, None, Some("p3"), None),
            (Unchanged, Some("p2"), Some("p4"), Some(100)),
            (Unchanged, Some("p3"), Some("p5"), Some(100)),
            (Unchanged, Some("p4"), Some("p6"), Some(100)),
            (
                Unchanged,
                Some("photo1-caption"),
                Some("photo1-caption"),
                Some(100)
            ),
        ]
    );
    // the headline gained a figure
    assert!(diff.units()[0].similarity.unwrap().figures_differ);
    assert!(!diff.units()[2].similarity.unwrap().figures_differ);
    // the note: ADDS details in paras 2-3; RECASTS headline
    let c = diff.claims();
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].clause, "ADDS details in paras 2-3");
    assert_eq!(c[0].places, [Place::Paragraphs(vec![2, 3])]);
    assert_eq!(c[0].units, ["p2", "p3"]);
    assert_eq!(c[1].units, ["headline"]);
    // the lead was edited and the note does not say so
    assert_eq!(
        diff.disagreements(),
        [Disagreement::Unannounced {
            unit: "p1".into(),
            status: Changed
        }]
    );
}

#[test]
fn v2_to_v3_by_hand() {
    let diff = Diff::between(&missile(2), &missile(3));
    assert_eq!(
        rows(&diff),
        [
            // 14 tokens against 12: flies→Japan, about→protests, 550 and km
            // deleted: 100 × 10/14 = 71
            (Changed, Some("headline"), Some("headline"), Some(71)),
            (
                Unchanged,
                Some("dateline-place"),
                Some("dateline-place"),
                Some(100)
            ),
            (Unchanged, Some("p1"), Some("p1"), Some(100)),
            // 550 → 570, one token of 21: 100 × 20/21 = 95
            (Changed, Some("p2"), Some("p2"), Some(95)),
            // the longest run in order is JCS, "Our military", DPRK; the
            // "third launch" paragraph is out of that order: moved
            (Unchanged, Some("p4"), Some("p3"), Some(100)),
            (Unchanged, Some("p5"), Some("p4"), Some(100)),
            (Added, None, Some("p5"), None),
            (Moved, Some("p3"), Some("p6"), Some(100)),
            (Unchanged, Some("p6"), Some("p7"), Some(100)),
            (
                Unchanged,
                Some("photo1-caption"),
                Some("photo1-caption"),
                Some(100)
            ),
            (Added, None, Some("photo2-caption"), None),
        ]
    );
    assert!(diff.unit("p2").unwrap().similarity.unwrap().figures_differ);
    let c = diff.claims();
    assert_eq!(
        c.iter().map(|c| c.clause.as_str()).collect::<Vec<_>>(),
        [
            "CORRECTS distance in para 2",
            "ADDS Japan's reaction in para 5, photo",
            "RECASTS headline"
        ]
    );
    assert_eq!(c[0].units, ["p2"]);
    // the photo without number of an ADDS is the newest one
    assert_eq!(c[1].units, ["p5", "photo2-caption"]);
    assert_eq!(c[2].units, ["headline"]);
    assert!(
        diff.disagreements().is_empty(),
        "{:?}",
        diff.disagreements()
    );
}

#[test]
fn an_added_sentence_leaves_the_rest_of_its_paragraph_unchanged() {
    let mut old = Article::new("s", "en".parse().unwrap());
    old.body.push(Block::Paragraph(Text::plain(
        "Rescuers found 12 more bodies.",
    )));
    let mut new = old.clone();
    // a long sentence added: on its tokens the paragraph scores 21 (6
    // tokens of 28 kept), but it shares a sentence with its old self
    new.body[0] = Block::Paragraph(Text::plain(
        "Rescuers found 12 more bodies. Officials said the search in the flooded \
         valleys north of the city would go on through the night and into Friday.",
    ));
    let diff = Diff::between(&old, &new);
    let u = &diff.units()[0];
    assert_eq!((u.status, u.similarity.unwrap().score), (Changed, 21));
    let s: Vec<_> = u
        .sentences
        .iter()
        .map(|s| (s.status, s.old, s.new))
        .collect();
    assert_eq!(s, [(Unchanged, Some(1), Some(1)), (Added, None, Some(2))]);
    assert!(u.sentences[1].text.starts_with("Officials said"));
}

#[test]
fn kinds_pair_only_with_their_kind() {
    let mut old = Article::new("s", "en".parse().unwrap());
    old.body.push(Block::Paragraph(Text::plain(
        "Crowds gathered at the station.",
    )));
    let mut new = Article::new("s", "en".parse().unwrap());
    new.headline = Some(Headline {
        tag: None,
        text: Text::plain("Crowds gathered at the station."),
    });
    let diff = Diff::between(&old, &new);
    assert_eq!(
        rows(&diff),
        [
            (Added, None, Some("headline"), None),
            (Removed, Some("p1"), None, None)
        ]
    );
}

fn story(paragraphs: &[&str], note: Option<&str>) -> Article {
    let mut a = Article::new("s", "en".parse().unwrap());
    a.headline = Some(Headline {
        tag: None,
        text: Text::plain("Port reopens after storm"),
    });
    for p in paragraphs {
        a.body.push(Block::Paragraph(Text::plain(*p)));
    }
    a.editor_note = note.map(EditorNote::new);
    a
}

const PARAS: [&str; 4] = [
    "The port of Busan reopened on Thursday after the storm.",
    "Ships waited outside the harbour for two days.",
    "Dock workers cleared debris from the piers overnight.",
    "The weather agency lifted its warning at dawn.",
];

#[test]
fn disagreements_between_note_and_text() {
    let old = story(&PARAS, None);
    let mut paras = PARAS.to_vec();
    paras[1] = "Ships waited outside the harbour for three days.";
    paras.push("Ferry services will resume on Friday.");
    let new = story(
        &paras,
        Some(
            "ATTN: CORRECTS name in para 4; ADDS quote in para 2; RECASTS headline; \
             UPDATES toll in para 12; DELETES para 6",
        ),
    );
    let diff = Diff::between(&old, &new);
    let d: Vec<String> = diff.disagreements().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        d,
        [
            "the note says \"CORRECTS name in para 4\", but p4 is unchanged",
            "the note says \"ADDS quote in para 2\", but p2 is changed and nothing was added to it",
            "the note says \"RECASTS headline\", but headline is unchanged",
            "the note says \"UPDATES toll in para 12\", but the new version has no para 12",
            "the note says \"DELETES para 6\", but no unit was removed",
            "p5 is added, but no verb of the note names it",
        ]
    );
}

#[test]
fn claims_for_the_issue_forms() {
    let a = story(&PARAS, None);
    let note = EditorNote::new(
        "EDS: CORRECTS para 3; ADDS paras 1, 3; UPDATES last 2 paras; FIXES typo throughout; \
         ADDS details",
    );
    let c = claims(&note, &a);
    assert_eq!(c[0].units, ["p3"]);
    assert_eq!(c[1].units, ["p1", "p3"]);
    assert_eq!(c[2].units, ["p3", "p4"]);
    assert_eq!(c[3].units, ["headline", "p1", "p2", "p3", "p4"]);
    assert_eq!(c[4].places, [Place::Details]);
}

#[test]
fn diff_table_on_the_terminal() {
    let out = newsloc(&[
        "diff",
        "--id",
        "missile",
        &path("missile-v1.txt"),
        &path("missile-v2.txt"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let text = s(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "missile v1 → missile v2");
    // one row per unit: status, similarity (! figures differ), old → new
    let row = |k: usize| lines[k].split_whitespace().take(5).collect::<Vec<_>>();
    assert_eq!(row(2), ["changed", "64!", "headline", "→", "headline"]);
    assert_eq!(row(4), ["changed", "85", "p1", "→", "p1"]);
    assert_eq!(row(5), ["added", "-", "-", "→", "p2"]);
    assert_eq!(row(7), ["unchanged", "100", "p2", "→", "p4"]);
    assert!(lines[5].ends_with("The missile flew about 550 kilometers before…"));
    assert!(text.contains("\n  ADDS details in paras 2-3 → p2, p3\n"));
    assert!(text.contains("\n  RECASTS headline → headline\n"));
    assert!(text.contains("\n  p1 is changed, but no verb of the note names it\n"));
    assert!(out.stderr.is_empty());
}

#[test]
fn diff_json_for_machines() {
    let out = newsloc(&[
        "diff",
        "--json",
        "--id",
        "missile",
        &path("missile-v2.txt"),
        &path("missile-v3.txt"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["old"], serde_json::json!({"id": "missile", "version": 2}));
    assert_eq!(v["new"]["version"], 3);
    let units = v["units"].as_array().unwrap();
    let got: Vec<(String, String, String)> = units
        .iter()
        .map(|u| {
            (
                u["status"].as_str().unwrap().to_string(),
                u["old"].as_str().unwrap_or("-").to_string(),
                u["new"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let want = [
        ("changed", "headline", "headline"),
        ("unchanged", "dateline-place", "dateline-place"),
        ("unchanged", "p1", "p1"),
        ("changed", "p2", "p2"),
        ("unchanged", "p4", "p3"),
        ("unchanged", "p5", "p4"),
        ("added", "-", "p5"),
        ("moved", "p3", "p6"),
        ("unchanged", "p6", "p7"),
        ("unchanged", "photo1-caption", "photo1-caption"),
        ("added", "-", "photo2-caption"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        units[3]["similarity"],
        serde_json::json!({"score": 95, "figures_differ": true})
    );
    assert!(units[6]["similarity"].is_null());
    // the corrected sentence, the one sentence of para 2
    assert_eq!(units[3]["sentences"][0]["status"], "changed");
    assert_eq!(units[3]["sentences"][0]["old"], 1);
    assert_eq!(v["claims"][0]["verb"], "CORRECTS");
    assert_eq!(
        v["claims"][0]["places"],
        serde_json::json!([{"paragraphs": [2]}])
    );
    assert_eq!(
        v["claims"][1]["places"],
        serde_json::json!([{"paragraphs": [5]}, {"photo": null}])
    );
    assert_eq!(
        v["claims"][1]["units"],
        serde_json::json!(["p5", "photo2-caption"])
    );
    assert_eq!(v["disagreements"], serde_json::json!([]));
}

#[test]
fn diff_json_lists_disagreements_with_their_kind() {
    let out = newsloc(&[
        "diff",
        "--json",
        "--id",
        "missile",
        &path("missile-v1.txt"),
        &path("missile-v2.txt"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["disagreements"],
        serde_json::json!([{"kind": "unannounced", "unit": "p1", "status": "changed"}])
    );
}

#[test]
fn diff_reads_the_json_form_too() {
    let json = Path::new(env!("CARGO_TARGET_TMPDIR")).join("versions-missile-v1.json");
    let out = newsloc(&[
        "wire",
        "--id",
        "missile",
        &path("missile-v1.txt"),
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    // JSON keeps its own id (missile); the wire copy gets --id
    let out = newsloc(&[
        "diff",
        "--id",
        "missile",
        json.to_str().unwrap(),
        &path("missile-v1.txt"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let text = s(&out.stdout);
    assert_eq!(text.lines().next(), Some("missile v1 → missile v1"));
    assert!(text.contains("note and text agree"));
    assert!(
        !text
            .lines()
            .skip(2)
            .take(7)
            .any(|l| !l.starts_with("unchanged"))
    );
}

#[test]
fn diff_refuses_two_stories() {
    // without --id each wire file is its own story (missile-v1, missile-v2)
    let out = newsloc(&["diff", &path("missile-v1.txt"), &path("missile-v2.txt")]);
    assert_eq!(out.status.code(), Some(1));
    let err = s(&out.stderr);
    assert!(err.contains("is story \"missile-v1\" but"), "{err}");
    assert!(err.contains("is story \"missile-v2\""), "{err}");
    assert!(err.contains("--id"), "{err}");
    assert!(out.stdout.is_empty());
    // a JSON form keeps its id whatever --id says
    let json = Path::new(env!("CARGO_TARGET_TMPDIR")).join("versions-drill.json");
    let out = newsloc(&["wire", &path("drill-v1.txt"), "-o", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let out = newsloc(&[
        "diff",
        "--id",
        "missile",
        &path("missile-v1.txt"),
        json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(s(&out.stderr).contains("is story \"drill-v1\""));
}

#[test]
fn diff_errors_and_usage() {
    let out = newsloc(&["diff", &path("missile-v1.txt")]);
    assert_eq!(out.status.code(), Some(2));
    let out = newsloc(&["diff", &path("missile-v1.txt"), &path("no-such-file.txt")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(s(&out.stderr).contains("no-such-file.txt"));
}

// Properties: an edit script applied to a story.

const POOL: [&str; 8] = [
    "The ministry said talks would resume next week.",
    "Police closed the road for six hours.",
    "At least 14 people were injured, officials said.",
    "The governor visited the site on Friday.",
    "Shares fell 3.2 percent in early trading.",
    "Residents were told to stay indoors. Schools closed early.",
    "\"We are doing everything we can,\" the mayor said.",
    "The company did not comment.",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Insert(usize, usize),
    Swap(usize, usize),
    Touch(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..12usize).prop_map(Edit::Delete),
        (0..12usize, 0..POOL.len()).prop_map(|(a, b)| Edit::Insert(a, b)),
        (0..12usize, 0..12usize).prop_map(|(a, b)| Edit::Swap(a, b)),
        (0..12usize).prop_map(Edit::Touch),
    ]
}

fn article(paras: &[String]) -> Article {
    let mut a = Article::new("p", "en".parse().unwrap());
    a.headline = Some(Headline {
        tag: None,
        text: Text::plain("Storm hits the coast"),
    });
    for p in paras {
        a.body.push(Block::Paragraph(Text::plain(p.clone())));
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_version_aligned_with_itself_is_unchanged(
        picks in proptest::collection::vec(0..POOL.len(), 0..12)
    ) {
        let paras: Vec<String> = picks.iter().map(|&k| POOL[k].to_string()).collect();
        let a = article(&paras);
        let diff = Diff::between(&a, &a);
        prop_assert_eq!(diff.units().len(), paras.len() + 1);
        for u in diff.units() {
            prop_assert_eq!(u.status, Unchanged);
            prop_assert_eq!(&u.old, &u.new);
        }
        let m = align(&paras, &paras);
        prop_assert!(m.iter().all(|m| m.status == Unchanged && m.old == m.new));
    }

    #[test]
    fn every_unit_is_accounted_for_once(
        picks in proptest::collection::vec(0..POOL.len(), 0..10),
        edits in proptest::collection::vec(edit(), 0..8),
    ) {
        let old: Vec<String> = picks.iter().map(|&k| POOL[k].to_string()).collect();
        let mut new = old.clone();
        for e in edits {
            let n = new.len();
            match e {
                Edit::Delete(i) if n > 0 => { new.remove(i % n); }
                Edit::Insert(i, k) => new.insert(i % (n + 1), POOL[k].to_string()),
                Edit::Swap(i, j) if n > 0 => new.swap(i % n, j % n),
                Edit::Touch(i) if n > 0 => new[i % n].push_str(" Hours later, 3 more."),
                _ => {}
            }
        }
        let (a, b) = (article(&old), article(&new));
        let diff = Diff::between(&a, &b);
        let ids = |art: &Article| art.units().into_iter().map(|u| u.id).collect::<Vec<_>>();
        let mut olds: Vec<String> = diff.units().iter().filter_map(|u| u.old.clone()).collect();
        let mut news: Vec<String> = diff.units().iter().filter_map(|u| u.new.clone()).collect();
        // the new side in order, the old side each once
        prop_assert_eq!(&news, &ids(&b));
        olds.sort();
        news.sort();
        let mut want = ids(&a);
        want.sort();
        prop_assert_eq!(olds, want);
        for u in diff.units() {
            match u.status {
                Unchanged | Moved => prop_assert_eq!(u.similarity.map(|s| s.score), Some(100)),
                Changed => prop_assert!(u.similarity.is_some_and(|s| s.score < 100)),
                Added => prop_assert!(u.old.is_none() && u.similarity.is_none()),
                Removed => prop_assert!(u.new.is_none() && u.similarity.is_none()),
                _ => {}
            }
        }
        // the same holds for the generic alignment
        let m = align(&old, &new);
        let mut o: Vec<usize> = m.iter().filter_map(|m| m.old).collect();
        let n: Vec<usize> = m.iter().filter_map(|m| m.new).collect();
        o.sort_unstable();
        prop_assert_eq!(o, (0..old.len()).collect::<Vec<_>>());
        prop_assert_eq!(n, (0..new.len()).collect::<Vec<_>>());
    }
}

// Properties on awkward text: braces that look like codes, CJK, astral
// characters, bidi marks, markup characters.

fn awkward() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("Seoul".to_string()),
            Just("{c:1}".to_string()),
            Just("{/c:1}".to_string()),
            Just("{p:U.S. Army}".to_string()),
            Just("{oops".to_string()),
            Just("3,200".to_string()),
            Just("北朝鮮".to_string()),
            Just("テレビ".to_string()),
            Just("서울".to_string()),
            Just("\u{200F}".to_string()),
            Just("𝒳".to_string()),
            Just("<&]]>".to_string()),
            Just(".".to_string()),
            Just("said. Then".to_string()),
        ],
        0..10,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_scorer_is_symmetric_and_100_only_for_equal(a in awkward(), b in awkward()) {
        let ab = newsloc::versions::similarity(&a, &b);
        let ba = newsloc::versions::similarity(&b, &a);
        prop_assert_eq!(ab, ba);
        prop_assert!(ab.score <= 100);
        prop_assert_eq!(ab.score == 100, a == b);
    }

    #[test]
    fn awkward_paragraphs_align_without_loss(
        old in proptest::collection::vec(awkward(), 0..6),
        new in proptest::collection::vec(awkward(), 0..6),
    ) {
        let (a, b) = (article(&old), article(&new));
        let diff = Diff::between(&a, &b);
        let olds = diff.units().iter().filter(|u| u.old.is_some()).count();
        let news = diff.units().iter().filter(|u| u.new.is_some()).count();
        prop_assert_eq!(olds, a.units().len());
        prop_assert_eq!(news, b.units().len());
        // sentences of a changed unit are accounted for too
        for u in diff.units() {
            let n = u.sentences.iter().filter(|s| s.new.is_some()).count();
            if u.status == Changed {
                prop_assert!(n >= 1 || u.text.is_empty());
            }
        }
    }
}

#[test]
fn an_unnumbered_photo_is_the_caption_that_changed() {
    let photo = |c: &str| {
        Block::Photo(newsloc::Photo::new(
            Text::plain(c),
            newsloc::Credit("Yonhap".into()),
        ))
    };
    let mut old = story(&PARAS[..1], None);
    old.body
        .push(photo("Ships wait outside the harbour of Busan on Tuesday."));
    old.body.push(photo(
        "Workers clear debris from a pier in Busan on Wednesday.",
    ));
    let mut new = old.clone();
    // a new photo inserted first; the note says only "photo"
    new.body
        .insert(1, photo("The harbour master speaks to reporters in Busan."));
    new.editor_note = Some(EditorNote::new("ADDS photo"));
    // alone, the note's photo is the last one ...
    let c = claims(new.editor_note.as_ref().unwrap(), &new);
    assert_eq!(c[0].units, ["photo3-caption"]);
    // ... with the alignment, the added one
    let diff = Diff::between(&old, &new);
    assert_eq!(diff.unit("photo1-caption").unwrap().status, Added);
    assert_eq!(diff.claims()[0].units, ["photo1-caption"]);
    assert!(
        diff.disagreements().is_empty(),
        "{:?}",
        diff.disagreements()
    );
}
