//! Import refuses what does not belong, lists every problem, and applies
//! nothing partly; findings that do not stop it go in the report.

use crate::common::{fill_targets, shout, story};
use newsloc::xliff::{Code, Content, Document, Inline, State};
use newsloc::{Error, Exporter, FindingKind, ImportOptions, Untranslated, import};

fn export() -> (newsloc::Article, Document) {
    let article = story("port-reopens.txt");
    let doc = Exporter::new()
        .export(&article, &"ko".parse().unwrap())
        .unwrap();
    (article, doc)
}

fn translated() -> (newsloc::Article, Document) {
    let (a, mut d) = export();
    fill_targets(&mut d, shout);
    (a, d)
}

/// The problems of a rejected import, as strings.
fn rejected(doc: &Document, article: &newsloc::Article, options: &ImportOptions) -> Vec<String> {
    match import(doc, article, options) {
        Err(Error::Rejected { problems }) => problems.iter().map(|p| p.to_string()).collect(),
        Err(e) => panic!("not a rejection: {e}"),
        Ok(_) => panic!("accepted"),
    }
}

fn segment_mut<'a>(doc: &'a mut Document, unit: &str, n: usize) -> &'a mut newsloc::xliff::Segment {
    doc.units_mut()
        .find(|u| &*u.id == unit)
        .unwrap()
        .segments_mut()
        .nth(n)
        .unwrap()
}

#[test]
fn wrong_article() {
    let (mut other, doc) = translated();
    other.id = "other-story".into();
    let p = rejected(&doc, &other, &ImportOptions::new());
    assert_eq!(
        p,
        ["wrong file: it is for article port-reopens, not other-story"]
    );
}

#[test]
fn not_a_newsloc_file() {
    let (article, mut doc) = translated();
    // neither the metadata nor the original name it could be found by
    doc.files[0].metadata = None;
    doc.files[0].original = None;
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert!(p[0].starts_with("not a newsloc export"), "{p:?}");
}

#[test]
fn stale_version_and_changed_source() {
    let (mut article, doc) = translated();
    article.version = 3;
    if let newsloc::Block::Paragraph(t) = &mut article.body[1] {
        *t = newsloc::Text::plain("A rewritten second paragraph.");
    }
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert!(
        p.iter()
            .any(|m| m.contains("stale file: it was exported from version 2")),
        "{p:?}"
    );
    assert!(p.iter().any(|m| m.starts_with("(unit p2): stale")), "{p:?}");
    assert!(
        p.iter()
            .any(|m| m.starts_with("(unit p2): the returned source differs")),
        "{p:?}"
    );
}

#[test]
fn whitespace_normalised_source_is_accepted_but_an_edited_one_is_not() {
    let (article, mut doc) = translated();
    let seg = segment_mut(&mut doc, "p1", 0);
    seg.source = Content::text(&seg.source.plain_text().replace(' ', "  "));
    assert!(import(&doc, &article, &ImportOptions::new()).is_ok());
    let seg = segment_mut(&mut doc, "p1", 0);
    seg.source = Content::text("Something else entirely.");
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert_eq!(
        p,
        ["(unit p1): the returned source differs from the article's text (was the source edited?)"]
    );
}

#[test]
fn missing_and_unknown_units() {
    let (article, mut doc) = translated();
    doc.files[0]
        .items
        .retain(|i| !matches!(i, newsloc::xliff::Item::Unit(u) if &*u.id == "p4"));
    let mut extra = newsloc::xliff::Unit::new("p99");
    extra.push_segment(newsloc::xliff::Segment::new(Some("s1"), Content::text("x")));
    doc.files[0]
        .items
        .push(newsloc::xliff::Item::Unit(extra.into()));
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert!(
        p.contains(&"(unit p99): the article port-reopens has no such unit".to_string()),
        "{p:?}"
    );
    assert!(
        p.contains(&"(unit p4): missing from the file".to_string()),
        "{p:?}"
    );
}

#[test]
fn untranslated_policies() {
    let (article, mut doc) = translated();
    segment_mut(&mut doc, "p2", 0).target = None;
    segment_mut(&mut doc, "p3", 1).target = Some(Content::new()); // empty is untranslated too
    segment_mut(&mut doc, "p5", 0).target = None;
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert_eq!(
        p,
        [
            "(unit p2): untranslated",
            "(unit p3): untranslated segment(s): p3/s2",
            "(unit p5): untranslated"
        ]
    );
    let mut opts = ImportOptions::new();
    opts.untranslated(Untranslated::Source);
    let imp = import(&doc, &article, &opts).unwrap();
    let p2 = crate::common::unit_text(&imp.article, "p2");
    assert!(
        p2.starts_with("North Korea's state media"),
        "source used: {p2}"
    );
    let p3 = crate::common::unit_text(&imp.article, "p3");
    assert!(
        p3.starts_with("\"WE EXPECT")
            && p3.ends_with("\"Ships that waited at anchor will be brought in first.\""),
        "{p3}"
    );
    assert_eq!(
        imp.report
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::SourceUsed)
            .count(),
        3
    );
    assert_eq!(imp.report.translated, article.units().len() - 2);

    opts.untranslated(Untranslated::Omit);
    let imp = import(&doc, &article, &opts).unwrap();
    assert_eq!(imp.article.units().len(), article.units().len() - 3);
    assert_eq!(
        imp.report
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Omitted)
            .count(),
        3
    );
    // fixed fields stay even when units are left out
    assert_eq!(imp.article.byline, article.byline);
}

#[test]
fn inline_code_parity() {
    let mut article = story("rates-2nd-ld.txt");
    article.body[0] = newsloc::Block::Paragraph(
        serde_json::from_str(
            r#"["Rates ", {"start":"1","kind":"strong","markup":"<b>"}, "held", {"end":"1","markup":"</b>"}, " today", {"code":"2","kind":"line-break","markup":"<br/>"}, "."]"#,
        )
        .unwrap(),
    );
    let mut doc = Exporter::new()
        .export(&article, &"ko".parse().unwrap())
        .unwrap();
    fill_targets(&mut doc, shout);
    assert!(import(&doc, &article, &ImportOptions::new()).is_ok());

    // drop the line break, duplicate the paired code's content, add a code
    let seg = segment_mut(&mut doc, "p1", 0);
    let target = seg.target.as_mut().unwrap();
    target.retain(|i| !matches!(i, Inline::Code(_)));
    target.push(Inline::Code(Code::standalone("c9").into()));
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert!(
        p.iter()
            .any(|m| m.contains("inline code c9 is not in the source")),
        "{p:?}"
    );

    let seg = segment_mut(&mut doc, "p1", 0);
    seg.target.as_mut().unwrap().pop();
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert!(
        p.iter().any(|m| m.contains("missing [\"code 2\"]")),
        "{p:?}"
    );
}

#[test]
fn protected_spans_must_not_change() {
    let mut article = story("rates-2nd-ld.txt");
    article.body[0] = newsloc::Block::Paragraph(
        serde_json::from_str(r#"["The ", {"protected":"BOK"}, " held rates."]"#).unwrap(),
    );
    let mut doc = Exporter::new()
        .export(&article, &"ko".parse().unwrap())
        .unwrap();
    fill_targets(&mut doc, shout);
    assert!(import(&doc, &article, &ImportOptions::new()).is_ok());
    let seg = segment_mut(&mut doc, "p1", 0);
    for i in seg.target.as_mut().unwrap().iter_mut() {
        if let Inline::Marker(_, inner) = i {
            *inner = Content::text("Bank of Korea");
        }
    }
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert!(
        p.iter()
            .any(|m| m.contains("protected text \"Bank of Korea\"")),
        "{p:?}"
    );
}

#[test]
fn every_problem_is_listed_and_nothing_applied() {
    let (article, mut doc) = translated();
    segment_mut(&mut doc, "p1", 0).target = None;
    segment_mut(&mut doc, "p6", 0)
        .target
        .as_mut()
        .unwrap()
        .push(Inline::Code(Code::standalone("c1").into()));
    doc.files[0].trg_lang = None;
    doc.trg_lang = None;
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert!(p.len() >= 3, "{p:?}");
    assert!(
        p.contains(&"the file has no target language".to_string()),
        "{p:?}"
    );
}

#[test]
fn findings_do_not_stop_the_import() {
    let (article, mut doc) = translated();
    segment_mut(&mut doc, "p1", 0).state = Some(State::Initial);
    // the dateline's place name, upper case already, is its own "shout":
    // a short unit identical to its source is reported, not refused
    let imp = import(&doc, &article, &ImportOptions::new()).unwrap();
    let kinds: Vec<(String, FindingKind)> = imp
        .report
        .findings
        .iter()
        .map(|f| (f.unit.clone(), f.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("dateline-place/s1".into(), FindingKind::SameAsSource),
            ("p1/s1".into(), FindingKind::InitialState),
        ]
    );
    assert!(imp.report.to_string().contains("finding(s)"));
}

#[test]
fn target_language_mismatch() {
    let (article, mut doc) = translated();
    doc.files[0].trg_lang = Some("ja".into());
    doc.trg_lang = Some("ja".into());
    let p = rejected(&doc, &article, &ImportOptions::new());
    assert_eq!(
        p,
        ["the file was exported for ko but its target language is now ja"]
    );
}
