//! Re-use of earlier translations: the three-version cycle from the CLI,
//! returned files as CAT tools reshape them, schema validity of what is
//! written, and properties of the categories.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use crate::common::{missile, newsloc, s, versions_fixture as fixture};
use newsloc::xliff::{Content, Document, Inline, Part, Segment, Version};
use newsloc::{
    Article, Block, Category, Exporter, ImportOptions, Leverage, Run, Text, WireReader, import,
};
use proptest::prelude::*;

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsloc-reuse-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What the test's "translator" writes for a sentence: `tag` and the
/// source, with the date written the Korean way (the import's checks want
/// the date in the target).
fn translation(tag: &str, source: &Content) -> Content {
    let mut c = Content::text(&format!("{tag} "));
    c.extend(source.iter().map(|i| match i {
        Inline::Text(t) => Inline::Text(korean_date(t).into()),
        other => other.clone(),
    }));
    c
}

fn korean_date(s: &str) -> String {
    s.replace("Dec. 1, 2026", "2026년 12월 1일")
}

/// The translation `tag` gives a plain source text.
fn translated(tag: &str, source: &str) -> String {
    format!("{tag} {}", korean_date(source))
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
    std::fs::write(path, doc.to_xml().unwrap()).unwrap();
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
    fill_file(&x1, "[ko1]", |_| {});
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
    fill_file(&x2, "[ko2]", |doc| {
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
    fill_file(&x3, "[ko3]", |_| {});

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
    let src = |id: &str| crate::common::unit_text(&v3, id);
    let got = |id: &str| crate::common::unit_text(&ko, id);
    assert_eq!(got("headline"), translated("[ko3]", &src("headline")));
    assert_eq!(got("dateline-place"), "[ko1] SEOUL");
    assert_eq!(got("p1"), translated("[ko2]", &src("p1"))); // translated in v2
    assert_eq!(got("p2"), translated("[ko3]", &src("p2")));
    assert!(got("p2").contains("570"));
    assert_eq!(got("p3"), translated("[ko1]", &src("p3"))); // since v1, moved twice
    assert_eq!(got("p4"), edited); // the translator's edit in v2, carried on
    assert_eq!(
        got("p5"),
        "[ko3] Japan lodged a protest through diplomatic channels, Tokyo's top government \
         spokesman said. [ko3] He called the launch a threat to the region."
    );
    assert_eq!(got("p6"), translated("[ko2]", &src("p6")));
    assert_eq!(got("p7"), translated("[ko1]", &src("p7")));
    assert_eq!(
        got("photo1-caption"),
        translated("[ko1]", &src("photo1-caption"))
    );
    assert_eq!(
        got("photo2-caption"),
        translated("[ko3]", &src("photo2-caption"))
    );
    // fixed fields are the source's
    assert_eq!(
        ko.photos().nth(1).unwrap().restrictions,
        v3.photos().nth(1).unwrap().restrictions
    );
}

/// A returned file for `article`: exported as `version`, filled with
/// `[tag]` translations, written and read back.
fn returned(article: &Article, version: Version, tag: &str) -> String {
    let mut e = Exporter::new();
    e.version(version);
    let mut doc = e.export(article, &"ko".parse().unwrap()).unwrap();
    fill(&mut doc, tag);
    let xml = doc.to_xml().unwrap();
    import(
        &Document::from_str(&xml).unwrap(),
        article,
        &ImportOptions::new(),
    )
    .unwrap();
    xml
}

fn cats_with(article: &Article, previous: &Document, version: Version) -> Vec<(String, Category)> {
    let mut e = Exporter::new();
    e.version(version);
    let mut lev = Leverage::new();
    lev.previous(previous);
    let export = e
        .export_with(article, &"ko".parse().unwrap(), &lev)
        .unwrap();
    export
        .analysis
        .segments
        .iter()
        .map(|s| (s.label(), s.category))
        .collect()
}

fn v2_categories() -> Vec<(String, Category)> {
    use Category::*;
    [
        ("headline/s1", Fuzzy50),
        ("dateline-place/s1", Exact),
        ("p1/s1", Fuzzy85),
        ("p2/s1", New),
        ("p3/s1", New),
        ("p4/s1", Exact),
        ("p5/s1", Context),
        ("p6/s1", Context),
        ("photo1-caption/s1", Context),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b))
    .collect()
}

/// `xmllint --format` of a file, as a tool re-indenting it would write it.
fn reindent(xml: &str) -> Option<String> {
    let dir = tmp("reindent");
    let path = dir.join("in.xlf");
    std::fs::write(&path, xml).unwrap();
    match Command::new("xmllint").arg("--format").arg(&path).output() {
        Ok(o) if o.status.success() => Some(s(&o.stdout)),
        Ok(o) => panic!("xmllint --format failed: {}", s(&o.stderr)),
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "xmllint cannot run: {e}");
            eprintln!("skipped: xmllint cannot run: {e}");
            None
        }
    }
}

#[test]
fn reindented_and_renamed_returns_still_match() {
    let (v1, v2) = (missile(1), missile(2));
    for version in [Version::V2_0, Version::V1_2] {
        let xml = returned(&v1, version, "[ko1]");
        let plain = Document::from_str(&xml).unwrap();
        assert_eq!(
            cats_with(&v2, &plain, version),
            v2_categories(),
            "{version}"
        );
        if let Some(formatted) = reindent(&xml) {
            assert_ne!(formatted, xml);
            let doc = Document::from_str(&formatted).unwrap();
            assert_eq!(
                cats_with(&v2, &doc, version),
                v2_categories(),
                "{version} indented"
            );
        }
        // our prefixes renamed, as tools that rebind namespaces write them
        let renamed = if version == Version::V1_2 {
            xml.replace("xmlns:nl=", "xmlns:ns1=")
                .replace(" nl:", " ns1:")
        } else {
            xml.replace("xmlns:mda=", "xmlns:m0=")
                .replace("<mda:", "<m0:")
                .replace("</mda:", "</m0:")
        };
        assert_ne!(renamed, xml);
        let doc = Document::from_str(&renamed).unwrap();
        assert_eq!(
            cats_with(&v2, &doc, version),
            v2_categories(),
            "{version} renamed"
        );
    }
}

/// The segments of unit `id`, merged into one (source and target), as a
/// tool that joins sentences writes them.
fn merge_segments(doc: &mut Document, id: &str, target_joiner: &str) {
    let unit = doc.units_mut().find(|u| &*u.id == id).unwrap();
    let mut source = Content::new();
    let mut target = Content::new();
    let mut first = true;
    for part in &unit.parts {
        match part {
            Part::Segment(seg) => {
                if !first {
                    target.push_text(target_joiner);
                }
                first = false;
                source.extend(seg.source.iter().cloned());
                target.extend(seg.target.clone().unwrap());
            }
            Part::Ignorable(ig) => source.extend(ig.source.iter().cloned()),
        }
    }
    let mut seg = Segment::new(Some("m1"), source);
    seg.target = Some(target);
    unit.parts.clear();
    unit.parts.push(Part::Segment(seg));
}

/// Splits the one segment of unit `id` after `at` in source and target, as
/// a tool that segments at commas writes it.
fn split_segment(doc: &mut Document, id: &str, at: &str) {
    let unit = doc.units_mut().find(|u| &*u.id == id).unwrap();
    let Part::Segment(seg) = &unit.parts[0] else {
        panic!()
    };
    let cut = |c: &Content| {
        let t = c.plain_text();
        let i = t.find(at).unwrap() + at.len();
        (Content::text(&t[..i]), Content::text(t[i..].trim_start()))
    };
    let (s1, s2) = cut(&seg.source);
    let (t1, t2) = cut(seg.target.as_ref().unwrap());
    let mut a = Segment::new(Some("a"), s1);
    a.target = Some(t1);
    let mut b = Segment::new(Some("b"), s2);
    b.target = Some(t2);
    unit.parts.clear();
    unit.parts.push(Part::Segment(a));
    unit.push_ignorable(Content::text(" "));
    unit.parts.push(Part::Segment(b));
}

#[test]
fn resegmented_returns_still_match() {
    let v3 = missile(3);
    // translations that start like Korean sentences, so that the Korean
    // rules find their sentence breaks
    let xml = returned(&v3, Version::V2_0, "번역");
    let all_matched = |doc: &Document| {
        let cats = cats_with(&v3, doc, Version::V2_0);
        assert_eq!(cats.len(), 12, "{cats:?}");
        for (label, c) in &cats {
            // the units the editor's note names are exact, not in context
            let named = ["headline/", "p2/", "p5/", "photo2-caption/"]
                .iter()
                .any(|n| label.starts_with(n));
            let want = if named {
                Category::Exact
            } else {
                Category::Context
            };
            assert_eq!(*c, want, "{label}");
        }
    };
    // p5's two sentences merged into one segment by the tool
    let mut merged = Document::from_str(&xml).unwrap();
    merge_segments(&mut merged, "p5", " ");
    let merged = Document::from_str(&merged.to_xml().unwrap()).unwrap();
    all_matched(&merged);
    // p2 split at its comma by the tool
    let mut split = Document::from_str(&xml).unwrap();
    split_segment(&mut split, "p2", "zone,");
    let split = Document::from_str(&split.to_xml().unwrap()).unwrap();
    all_matched(&split);

    // merged so that the translation cannot be split again: the unit goes
    // out whole, filled in as an exact match
    let mut fused = Document::from_str(&xml).unwrap();
    merge_segments(&mut fused, "p5", " 그리고 ");
    let unit = fused.units_mut().find(|u| &*u.id == "p5").unwrap();
    let seg = unit.segments_mut().next().unwrap();
    let t = seg
        .target
        .as_ref()
        .unwrap()
        .plain_text()
        .replace("said. 그리고", "said, 그리고");
    seg.target = Some(Content::text(&t));
    let mut lev = Leverage::new();
    lev.previous(&fused);
    let export = Exporter::new()
        .export_with(&v3, &"ko".parse().unwrap(), &lev)
        .unwrap();
    let p5: Vec<_> = export.analysis.unit("p5").collect();
    assert_eq!(p5.len(), 1);
    assert_eq!(p5[0].category, Category::Exact);
    let unit = export.document.unit("p5").unwrap();
    assert_eq!(
        unit.segments()
            .next()
            .unwrap()
            .target
            .as_ref()
            .unwrap()
            .plain_text(),
        t
    );
    // and it imports as it is
    let imported = import(&export.document, &v3, &ImportOptions::new()).unwrap();
    assert_eq!(crate::common::unit_text(&imported.article, "p5"), t);
}

#[test]
fn what_we_write_with_reuse_validates() {
    let (v1, v2, v3) = (missile(1), missile(2), missile(3));
    for version in [Version::V2_0, Version::V2_1, Version::V2_2, Version::V1_2] {
        let mut e = Exporter::new();
        e.version(version);
        let r1 = Document::from_str(&returned(&v1, version, "[ko1]")).unwrap();
        let mut lev = Leverage::new();
        lev.previous(&r1);
        let mut x2 = e
            .export_with(&v2, &"ko".parse().unwrap(), &lev)
            .unwrap()
            .document;
        let xml = x2.to_xml().unwrap();
        assert!(xml.contains(if version == Version::V1_2 {
            "<alt-trans"
        } else {
            "<mtc:match"
        }));
        if version == Version::V1_2 {
            assert!(
                xml.contains(r#"state-qualifier="leveraged-inherited""#),
                "{xml}"
            );
            assert!(xml.contains(r#"state-qualifier="exact-match""#), "{xml}");
            assert!(xml.contains(r#"approved="yes""#), "{xml}");
        } else {
            assert!(
                xml.contains(r#"type="icm""#) && xml.contains(r#"type="tm""#),
                "{xml}"
            );
            assert!(xml.contains(r#"subState="newsloc:in-context""#), "{xml}");
        }
        assert!(!xml.contains("101"), "never 101 in a match quality: {xml}");
        if let Some(r) = crate::common::xmllint(&xml, version, &format!("reuse-v2-{version}")) {
            r.unwrap_or_else(|e| panic!("{version}: {e}\n{xml}"));
        }
        // v3 with only what changed, and one unit per sentence
        fill(&mut x2, "[ko2]");
        let r2 = Document::from_str(&x2.to_xml().unwrap()).unwrap();
        let mut lev = Leverage::new();
        lev.previous(&r2);
        for per_sentence in [false, true] {
            let mut e = Exporter::new();
            e.version(version)
                .only_changed(true)
                .unit_per_sentence(per_sentence);
            let x3 = e
                .export_with(&v3, &"ko".parse().unwrap(), &lev)
                .unwrap()
                .document;
            let xml = x3.to_xml().unwrap();
            let name = format!("reuse-v3-{version}-{per_sentence}");
            if let Some(r) = crate::common::xmllint(&xml, version, &name) {
                r.unwrap_or_else(|e| panic!("{version}: {e}\n{xml}"));
            }
        }
    }
}

#[test]
fn inline_codes_of_a_reused_translation_are_the_new_segments() {
    let em = |id: &str, text: &str| {
        vec![
            Run::Start {
                id: id.into(),
                kind: newsloc::CodeKind::Emphasis,
                markup: "<em>".into(),
            },
            Run::Text(text.into()),
            Run::End {
                id: id.into(),
                markup: "</em>".into(),
            },
        ]
    };
    let mut runs = vec![Run::Text("Talks in ".into())];
    runs.extend(em("1", "Seoul"));
    runs.push(Run::Text(" ended.".into()));
    let para = Text::from_runs(runs).unwrap();
    let mut v1 = Article::new("talks", "en".parse().unwrap());
    v1.body = vec![
        Block::Paragraph(Text::plain("Delegates met.")),
        Block::Paragraph(para.clone()),
    ];
    let xml = returned(&v1, Version::V2_0, "[ko1]");
    let prev = Document::from_str(&xml).unwrap();
    // version 2: a paragraph with a link before it; the same sentence
    let mut v2 = v1.clone();
    v2.version = 2;
    v2.body
        .insert(1, Block::Paragraph(Text::plain("Aides waited outside.")));
    let mut lev = Leverage::new();
    lev.previous(&prev);
    let export = Exporter::new()
        .export_with(&v2, &"ko".parse().unwrap(), &lev)
        .unwrap();
    let p3 = export.document.unit("p3").unwrap();
    let seg = p3.segments().next().unwrap();
    let target = seg.target.as_ref().unwrap();
    // the paired code of the new source, with its original data
    let Some(Inline::Paired(code, inner)) = target.iter().find(|i| matches!(i, Inline::Paired(..)))
    else {
        panic!("{target:?}")
    };
    assert_eq!(inner.plain_text(), "Seoul");
    assert!(code.data_ref.is_some() && p3.data(code.data_ref.as_deref().unwrap()).is_some());
    let mut doc = export.document.clone();
    fill(&mut doc, "[ko2]");
    let imported = import(&doc, &v2, &ImportOptions::new()).unwrap();
    let p3 = imported.article.units()[2].text.clone();
    assert_eq!(
        p3.to_markup_string(),
        "[ko1] Talks in <em>Seoul</em> ended."
    );
}

// ---------------------------------------------------------------------------
// properties

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("troops"),
            Just("Seoul"),
            Just("said"),
            Just("on"),
            Just("Monday"),
            Just("the"),
            Just("ministry"),
            Just("12"),
            Just("550"),
            Just("talks"),
            Just("北韩"),
            Just("발사"),
        ],
        2..9,
    )
    .prop_map(|w| {
        let mut s = w.join(" ");
        s.push('.');
        s
    })
}

fn paragraph() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(sentence(), 1..3)
}

fn story(headline: &str, paras: &[Vec<String>], version: u32) -> Article {
    let mut a = Article::new("prop", "en".parse().unwrap());
    a.version = version;
    a.headline = Some(newsloc::Headline {
        tag: None,
        text: Text::plain(headline),
    });
    a.body = paras
        .iter()
        .map(|p| Block::Paragraph(Text::plain(p.join(" "))))
        .collect();
    a
}

#[derive(Debug, Clone)]
enum Edit {
    Drop(usize),
    Insert(usize, Vec<String>),
    Replace(usize, Vec<String>),
    Move(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..8usize).prop_map(Edit::Drop),
        (0..8usize, paragraph()).prop_map(|(i, p)| Edit::Insert(i, p)),
        (0..8usize, paragraph()).prop_map(|(i, p)| Edit::Replace(i, p)),
        (0..8usize, 0..8usize).prop_map(|(a, b)| Edit::Move(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_same_version_is_all_in_context_and_imports_as_before(
        headline in sentence(),
        paras in prop::collection::vec(paragraph(), 1..6),
    ) {
        let a = story(&headline, &paras, 1);
        let xml = returned(&a, Version::V2_0, "[ko]");
        let prev = Document::from_str(&xml).unwrap();
        let before = import(&prev, &a, &ImportOptions::new()).unwrap();
        let mut lev = Leverage::new();
        lev.previous(&prev);
        let export = Exporter::new().export_with(&a, &"ko".parse().unwrap(), &lev).unwrap();
        for s in &export.analysis.segments {
            prop_assert_eq!(s.category, Category::Context, "{}", s.label());
        }
        prop_assert_eq!(export.analysis.words.context, export.analysis.words.total);
        // no translator work: the file as exported imports as the earlier translation
        let written = export.document.to_xml().unwrap();
        let again = import(&Document::from_str(&written).unwrap(), &a, &ImportOptions::new()).unwrap();
        prop_assert_eq!(&again.article, &before.article);
        prop_assert!(again.report.provenance.iter().all(|p| p.reused_from.as_deref() == Some("prop v1")));
        // nothing to send, and the import completes everything from the earlier file
        let mut e = Exporter::new();
        e.only_changed(true);
        let delta = e.export_with(&a, &"ko".parse().unwrap(), &lev).unwrap();
        prop_assert!(delta.document.units().next().is_none());
        prop_assert_eq!(again.segments.len(), export.analysis.segments.len());
    }

    #[test]
    fn categories_add_up_to_the_total(
        headline in sentence(),
        paras in prop::collection::vec(paragraph(), 1..6),
        edits in prop::collection::vec(edit(), 0..5),
    ) {
        let a = story(&headline, &paras, 1);
        let prev = Document::from_str(&returned(&a, Version::V2_0, "[ko]")).unwrap();
        let mut new = paras.clone();
        for e in edits {
            let n = new.len();
            match e {
                Edit::Drop(i) if n > 1 => { new.remove(i % n); }
                Edit::Insert(i, p) => new.insert(i % (n + 1), p),
                Edit::Replace(i, p) => new[i % n] = p,
                Edit::Move(x, y) => { let p = new.remove(x % n); new.insert(y % n, p); }
                _ => {}
            }
        }
        let b = story(&headline, &new, 2);
        let mut lev = Leverage::new();
        lev.previous(&prev);
        let export = Exporter::new().export_with(&b, &"ko".parse().unwrap(), &lev).unwrap();
        let w = export.analysis.words;
        let sum: usize = Category::ALL.iter().map(|c| w.get(*c)).sum();
        prop_assert_eq!(sum, w.total);
        let segs: usize = export.analysis.segments.iter().map(|s| s.words).sum();
        prop_assert_eq!(segs, w.total);
        // total as xliff stats counts the file
        let xml = export.document.to_xml().unwrap();
        let stats = newsloc::xliff::check(xml.as_bytes()).unwrap();
        prop_assert_eq!(stats.source_words, w.total);
        // every filled-in target imports
        let mut doc = export.document.clone();
        fill(&mut doc, "[ko2]");
        prop_assert!(import(&doc, &b, &ImportOptions::new()).is_ok());
    }
}

/// A translation memory holding the pairs of one accepted import.
struct Tm(Vec<newsloc::SegmentPair>);

impl newsloc::Memory for Tm {
    fn candidates(
        &self,
        q: &newsloc::MemoryQuery<'_>,
    ) -> newsloc::Result<Vec<newsloc::MemoryMatch>> {
        Ok(self
            .0
            .iter()
            .map(|p| newsloc::MemoryMatch {
                source: p.source.clone(),
                target: p.target.clone(),
                origin: "tm: missile v1".into(),
                previous_hash: p.previous_hash.clone(),
                next_hash: p.next_hash.clone(),
            })
            .filter(|m| !q.plain.is_empty() && !m.source.is_empty())
            .collect())
    }
}

#[test]
fn a_memory_fills_boilerplate_in_another_story_and_notes_quote_the_verb() {
    let v1 = missile(1);
    let xml = returned(&v1, Version::V2_0, "[ko1]");
    let imported = import(
        &Document::from_str(&xml).unwrap(),
        &v1,
        &ImportOptions::new(),
    )
    .unwrap();
    assert_eq!(imported.segments.len(), 7);
    let dprk = &imported.segments[5];
    assert_eq!(dprk.unit, "p4");
    assert!(
        dprk.target
            .to_plain_string()
            .starts_with("[ko1] DPRK stands")
    );
    assert_eq!(dprk.next_hash, Some(imported.segments[6].hash.clone()));
    assert_eq!(imported.segments[0].previous_hash, None);

    let drill = WireReader::new()
        .id("drill")
        .read_path(fixture("drill-v1.txt"))
        .unwrap();
    let tm = Tm(imported.segments);
    let mut lev = Leverage::new();
    lev.memory(&tm);
    let export = Exporter::new()
        .export_with(&drill, &"ko".parse().unwrap(), &lev)
        .unwrap();
    let p3: Vec<_> = export.analysis.unit("p3").collect();
    // the boilerplate sentence, with other neighbours than in the memory
    assert_eq!(p3[0].category, Category::Exact);
    assert_eq!(p3[0].origin.as_deref(), Some("tm: missile v1"));
    let unit = export.document.unit("p3").unwrap();
    let target = unit
        .segments()
        .next()
        .unwrap()
        .target
        .as_ref()
        .unwrap()
        .plain_text();
    assert!(target.starts_with("[ko1] DPRK stands"), "{target}");
    assert_eq!(unit.candidates[0].origin.as_deref(), Some("tm: missile v1"));

    // a unit the note names keeps its translation but gets the clause
    let v3 = missile(3);
    let same = Document::from_str(&returned(&v3, Version::V2_0, "[ko3]")).unwrap();
    let mut lev = Leverage::new();
    lev.previous(&same);
    let export = Exporter::new()
        .export_with(&v3, &"ko".parse().unwrap(), &lev)
        .unwrap();
    let headline = export.document.unit("headline").unwrap();
    let seg = headline.segments().next().unwrap();
    assert_eq!(seg.state, Some(newsloc::xliff::State::Translated));
    assert!(
        headline
            .notes
            .iter()
            .any(|n| n.text.contains("\"RECASTS headline\" (editor's note)")),
        "{:?}",
        headline.notes
    );
}
