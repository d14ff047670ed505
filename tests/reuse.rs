//! Re-use of earlier translations: the three-version cycle from the CLI,
//! returned files as CAT tools reshape them, schema validity of what is
//! written, and properties of the categories.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsloc::xliff::{Content, Document, Inline, Part, Segment, Version};
use newsloc::{
    Article, Block, Category, Exporter, ImportOptions, Leverage, Run, Text, WireReader, import,
    import_with,
};
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/versions")
        .join(name)
}

fn missile(v: u32) -> Article {
    WireReader::new()
        .id("missile")
        .read_path(fixture(&format!("missile-v{v}.txt")))
        .unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsloc-reuse-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn newsloc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .args(args)
        .output()
        .expect("run newsloc")
}

fn s(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// What the test's "translator" writes for a sentence in round `tag`.
fn translation(tag: &str, source: &Content) -> Content {
    let mut c = Content::text(&format!("[{tag}] "));
    c.0.extend(source.0.iter().cloned());
    c
}

/// Fills every empty target, as a translator in a CAT tool would; filled
/// targets stay as they are.
fn fill(doc: &mut Document, tag: &str) {
    for unit in doc.units_mut() {
        for part in &mut unit.parts {
            if let Part::Segment(seg) = part
                && seg.target.is_none()
            {
                seg.target = Some(translation(tag, &seg.source));
            }
        }
    }
}

fn fill_file(path: &Path, tag: &str, edit: impl Fn(&mut Document)) {
    let mut doc = Document::from_path(path).unwrap();
    fill(&mut doc, tag);
    edit(&mut doc);
    let version = doc.version;
    std::fs::write(path, doc.to_string(version).unwrap()).unwrap();
}

/// (unit/segment, category) of an analysis JSON file's one object.
fn categories(json: &Path) -> (serde_json::Value, Vec<(String, String)>) {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    let obj = v.as_array().unwrap()[0].clone();
    let cats = obj["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["id"].as_str().unwrap().to_string(),
                u["category"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (obj["words"].clone(), cats)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

// Word counts, worked out by hand (words as `xliff stats` counts them:
// runs of letters and digits, joined by inner ' - .; "7:10" is two words):
//   headline v1 "N. Korea fires ballistic missile into East Sea"        8
//   headline v2 ... + "flies about 550 km"                             12
//   headline v3 ... + "Japan protests"                                 10
//   dateline SEOUL                                                      1
//   "North Korea fired a ballistic missile ..."                        16
//   the same with "short-range"                                        17
//   "The missile flew about 550 kilometers ..."                        19
//   "It was the North's third ballistic missile launch this year."     10
//   "The Joint Chiefs of Staff (JCS) said ... 7:10 a.m."                20
//   "\"Our military is closely monitoring ...\" ... to reporters."     23
//   "DPRK stands for ... North Korea's official name."                 13
//   caption "A TV screen at Seoul Station ... on Dec. 1, 2026."        17
//   "Japan lodged a protest ... spokesman said."                       12
//   "He called the launch a threat to the region."                      9
//   caption "Commuters watch a news report ... on Dec. 1, 2026."       17
#[test]
fn three_versions_from_the_cli() {
    let dir = tmp("cycle");
    let d = dir.to_str().unwrap();
    let story = |v: u32| fixture(&format!("missile-v{v}.txt"));
    let st = |v: u32| story(v).to_str().unwrap().to_string();

    // version 1: everything new
    let a1 = dir.join("a1.json");
    let out = newsloc(&[
        "export",
        &st(1),
        "--id",
        "missile",
        "--to",
        "ko",
        "-o",
        d,
        "--analysis",
        a1.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let x1 = dir.join("missile.v1.ko.xlf");
    assert_eq!(s(&out.stdout).trim(), x1.display().to_string());
    let (words, _) = categories(&a1);
    assert_eq!(words["new"], 98);
    assert_eq!(words["total"], 98);
    assert!(
        s(&out.stderr).contains("new                    98"),
        "{}",
        s(&out.stderr)
    );
    fill_file(&x1, "ko1", |_| {});
    let k1 = dir.join("ko1.json");
    let out = newsloc(&[
        "import",
        &st(1),
        x1.to_str().unwrap(),
        "--id",
        "missile",
        "-o",
        k1.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));

    // version 2, re-using the v1 return
    let a2 = dir.join("a2.json");
    let out = newsloc(&[
        "export",
        &st(2),
        "--id",
        "missile",
        "--to",
        "ko",
        "-o",
        d,
        "--reuse",
        x1.to_str().unwrap(),
        "--analysis",
        a2.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let (words, cats) = categories(&a2);
    assert_eq!(
        cats,
        pairs(&[
            ("headline/s1", "fuzzy-50"),    // 9 of 14 tokens kept: 64
            ("dateline-place/s1", "exact"), // its neighbour, the headline, changed
            ("p1/s1", "fuzzy-85"),          // "short-range" added: 3 tokens of 21, 85
            ("p2/s1", "new"),
            ("p3/s1", "new"),
            ("p4/s1", "exact"), // moved down: new previous neighbour
            ("p5/s1", "context"),
            ("p6/s1", "context"),
            ("photo1-caption/s1", "context"),
        ])
    );
    let want = serde_json::json!({"context": 53, "exact": 21, "repetition": 0, "fuzzy-95": 0,
        "fuzzy-85": 17, "fuzzy-75": 0, "fuzzy-50": 12, "new": 29, "total": 132});
    assert_eq!(words, want);
    let x2 = dir.join("missile.v2.ko.xlf");
    let edited = "[ko2] 우리 군은 미국과 긴밀히 공조하며 상황을 주시하고 있다.";
    fill_file(&x2, "ko2", |doc| {
        // the translator edits a target that came filled in
        let p5 = doc.units_mut().find(|u| &*u.id == "p5").unwrap();
        p5.segments_mut().next().unwrap().target = Some(Content::text(edited));
    });
    let k2 = dir.join("ko2.json");
    let out = newsloc(&[
        "import",
        &st(2),
        x2.to_str().unwrap(),
        "--id",
        "missile",
        "-o",
        k2.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let err = s(&out.stderr);
    assert!(err.contains("9 of 9 units translated"), "{err}");
    assert!(err.contains("p6: re-used from missile v1"), "{err}");
    assert!(err.contains("p4: re-used from missile v1"), "{err}");
    assert!(err.contains("p5: translated in this file"), "{err}"); // edited
    assert!(err.contains("p1: translated in this file"), "{err}");

    // version 3, only what changed, re-using the v2 return
    let a3 = dir.join("a3.json");
    let out = newsloc(&[
        "export",
        &st(3),
        "--id",
        "missile",
        "--to",
        "ko",
        "-o",
        d,
        "--reuse",
        x2.to_str().unwrap(),
        "--analysis",
        a3.to_str().unwrap(),
        "--only-changed",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let (words, cats) = categories(&a3);
    assert_eq!(
        cats,
        pairs(&[
            ("headline/s1", "fuzzy-50"), // 10 of 14 tokens: 71
            ("dateline-place/s1", "exact"),
            ("p1/s1", "exact"),    // its next neighbour changed
            ("p2/s1", "fuzzy-95"), // 550 -> 570: 20 of 21 tokens, 95
            ("p3/s1", "exact"),
            ("p4/s1", "exact"),
            ("p5/s1", "new"),
            ("p5/s2", "new"),
            ("p6/s1", "exact"), // moved
            ("p7/s1", "exact"),
            ("photo1-caption/s1", "exact"), // a new photo follows it
            ("photo2-caption/s1", "new"),
        ])
    );
    let want = serde_json::json!({"context": 0, "exact": 101, "repetition": 0, "fuzzy-95": 19,
        "fuzzy-85": 0, "fuzzy-75": 0, "fuzzy-50": 10, "new": 38, "total": 168});
    assert_eq!(words, want);
    let x3 = dir.join("missile.v3.ko.xlf");
    let delta = Document::from_path(&x3).unwrap();
    let sent: Vec<&str> = delta.units().map(|u| &*u.id).collect();
    assert_eq!(sent, ["headline", "p2", "p5", "photo2-caption"]);
    // the corrected figure: the old translation offered, the figures flagged
    let p2 = delta.unit("p2").unwrap();
    assert_eq!(p2.candidates.len(), 1);
    assert_eq!(p2.candidates[0].similarity, Some(95.0));
    assert_eq!(p2.candidates[0].origin.as_deref(), Some("missile v2"));
    assert!(
        p2.notes
            .iter()
            .any(|n| n.text.contains("the figures differ"))
    );
    assert!(
        p2.notes
            .iter()
            .any(|n| n.text.contains("CORRECTS distance in para 2"))
    );
    fill_file(&x3, "ko3", |_| {});

    // without the earlier file the delta is incomplete
    let out = newsloc(&["import", &st(3), x3.to_str().unwrap(), "--id", "missile"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        s(&out.stderr).contains("(unit p1): missing from the file"),
        "{}",
        s(&out.stderr)
    );

    let k3 = dir.join("ko3.json");
    let out = newsloc(&[
        "import",
        &st(3),
        x3.to_str().unwrap(),
        "--id",
        "missile",
        "--reuse",
        x2.to_str().unwrap(),
        "-o",
        k3.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let err = s(&out.stderr);
    assert!(err.contains("11 of 11 units translated"), "{err}");
    for unit in [
        "dateline-place",
        "p1",
        "p3",
        "p4",
        "p6",
        "p7",
        "photo1-caption",
    ] {
        assert!(
            err.contains(&format!("{unit}: re-used from missile v2")),
            "{unit}: {err}"
        );
    }
    for unit in ["headline", "p2", "p5", "photo2-caption"] {
        assert!(
            err.contains(&format!("{unit}: translated in this file")),
            "{unit}: {err}"
        );
    }

    // the final translation: re-used text verbatim, new text where it belongs
    let ko = Article::from_json(&std::fs::read_to_string(&k3).unwrap()).unwrap();
    let v3 = missile(3);
    let src = |id: &str| common::unit_text(&v3, id);
    let got = |id: &str| common::unit_text(&ko, id);
    assert_eq!(got("headline"), format!("[ko3] {}", src("headline")));
    assert_eq!(got("dateline-place"), "[ko1] SEOUL");
    assert_eq!(got("p1"), format!("[ko2] {}", src("p1"))); // translated in v2
    assert_eq!(got("p2"), format!("[ko3] {}", src("p2")));
    assert!(got("p2").contains("570"));
    assert_eq!(got("p3"), format!("[ko1] {}", src("p3"))); // since v1, moved twice
    assert_eq!(got("p4"), edited); // the translator's edit in v2, carried on
    assert_eq!(
        got("p5"),
        "[ko3] Japan lodged a protest through diplomatic channels, Tokyo's top government \
         spokesman said. [ko3] He called the launch a threat to the region."
    );
    assert_eq!(got("p6"), format!("[ko2] {}", src("p6")));
    assert_eq!(got("p7"), format!("[ko1] {}", src("p7")));
    assert_eq!(
        got("photo1-caption"),
        format!("[ko1] {}", src("photo1-caption"))
    );
    assert_eq!(
        got("photo2-caption"),
        format!("[ko3] {}", src("photo2-caption"))
    );
    // fixed fields are the source's
    assert_eq!(
        ko.photos().nth(1).unwrap().restrictions,
        v3.photos().nth(1).unwrap().restrictions
    );
}
