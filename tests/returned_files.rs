//! Files as CAT tools send them back: re-segmented, whitespace normalised,
//! segments re-nested inside codes, 1.2 without seg-source. What keeps the
//! meaning is accepted; the rest is refused per unit.

mod common;

use common::story;
use newsloc::xliff::{Document, Version};
use newsloc::{Error, Exporter, ImportOptions, Text, import};
use std::str::FromStr;

/// The p3 trans-unit of the 1.2 export, replaced by `unit`.
fn with_p3(xml: &str, unit: &str) -> String {
    let start = xml.find("<trans-unit id=\"p3\"").expect("p3");
    let end = start + xml[start..].find("</trans-unit>").expect("end") + "</trans-unit>".len();
    format!("{}{}{}", &xml[..start], unit, &xml[end..])
}

/// The export of a story as XLIFF 1.2 with every other unit translated (by
/// copying its source), so that only p3 is up to the test.
fn exported(article: &newsloc::Article) -> String {
    let mut exporter = Exporter::new();
    exporter.version(Version::V1_2);
    let mut doc = exporter.export(article, &"ko".parse().unwrap()).unwrap();
    common::fill_targets(&mut doc, common::shout);
    common::xml(&doc, Version::V1_2)
}

/// Import options with the text checks off: these tests check structure,
/// with stand-in translations that keep none of the story's figures.
fn structural() -> ImportOptions {
    let mut checker = newsloc::qa::Checker::new();
    checker.mode(newsloc::qa::Mode::Off);
    let mut options = ImportOptions::new();
    options.qa(checker);
    options
}

fn hash_of(xml: &str) -> String {
    let start = xml.find("<trans-unit id=\"p3\"").unwrap();
    let h = xml[start..].find("nl:source-hash=\"").unwrap() + start + 16;
    xml[h..h + 16].to_string()
}

fn p3(doc_xml: &str, article: &newsloc::Article) -> Result<String, Error> {
    let doc = Document::from_str(doc_xml)?;
    let imported = import(&doc, article, &structural())?;
    let unit = imported
        .article
        .units()
        .into_iter()
        .find(|u| u.id == "p3")
        .unwrap();
    Ok(unit.text.to_plain_string())
}

#[test]
fn resegmented_and_whitespace_normalised() {
    let article = story("port-reopens.txt");
    let xml = exported(&article);
    let hash = hash_of(&xml);
    // the tool joined the two sentences into one segment and folded spaces
    let unit = format!(
        r#"<trans-unit id="p3" resname="p3" nl:source-hash="{hash}"><source>"We expect all 14 berths to be working normally by 6 p.m.," said Lee Jae-sung,   a spokesman for the Incheon Port Authority (IPA).
"Ships that waited at anchor will be brought in first."</source><seg-source><mrk mtype="seg" mid="1">"We expect all 14 berths to be working normally by 6 p.m.," said Lee Jae-sung, a spokesman for the Incheon Port Authority (IPA). "Ships that waited at anchor will be brought in first."</mrk></seg-source><target><mrk mtype="seg" mid="1">이 대변인은 "오후 6시까지 정상 운영될 것"이라며 "대기 선박부터 입항시킬 것"이라고 말했다.</mrk></target></trans-unit>"#
    );
    let got = p3(&with_p3(&xml, &unit), &article).unwrap();
    assert_eq!(
        got,
        "이 대변인은 \"오후 6시까지 정상 운영될 것\"이라며 \"대기 선박부터 입항시킬 것\"이라고 말했다."
    );
}

#[test]
fn segments_split_further_and_nested_in_a_code() {
    let mut article = story("port-reopens.txt");
    // p3 with a paired code around both sentences
    article.body[2] = newsloc::Block::Paragraph(
        serde_json::from_str::<Text>(
            r#"[{"start":"1","kind":"emphasis","markup":"<i>"}, "First sentence here. Second one there.", {"end":"1","markup":"</i>"}]"#,
        )
        .unwrap(),
    );
    let xml = exported(&article);
    let hash = hash_of(&xml);
    // Trados/Okapi style: the segments sit inside the <g>, split into three
    let unit = format!(
        r#"<trans-unit id="p3" nl:source-hash="{hash}"><source><g id="c1">First sentence here. Second one there.</g></source><seg-source><g id="c1"><mrk mtype="seg" mid="1">First sentence here.</mrk> <mrk mtype="seg" mid="2">Second one</mrk> <mrk mtype="seg" mid="3">there.</mrk></g></seg-source><target><g id="c1"><mrk mtype="seg" mid="1">첫 문장.</mrk> <mrk mtype="seg" mid="2">둘째</mrk> <mrk mtype="seg" mid="3">문장.</mrk></g></target></trans-unit>"#
    );
    let got = p3(&with_p3(&xml, &unit), &article).unwrap();
    assert_eq!(got, "첫 문장. 둘째 문장.");
}

#[test]
fn plain_1_2_without_seg_source() {
    let article = story("port-reopens.txt");
    let xml = exported(&article);
    let hash = hash_of(&xml);
    // a tool that ignores seg-source: one source, one target
    let unit = format!(
        r#"<trans-unit id="p3" nl:source-hash="{hash}"><source>"We expect all 14 berths to be working normally by 6 p.m.," said Lee Jae-sung, a spokesman for the Incheon Port Authority (IPA). "Ships that waited at anchor will be brought in first."</source><target state="translated">번역된 문단.</target></trans-unit>"#
    );
    assert_eq!(p3(&with_p3(&xml, &unit), &article).unwrap(), "번역된 문단.");
}

#[test]
fn a_changed_source_or_a_lost_code_is_refused_per_unit() {
    let article = story("port-reopens.txt");
    let xml = exported(&article);
    let hash = hash_of(&xml);
    let unit = format!(
        r#"<trans-unit id="p3" nl:source-hash="{hash}"><source>Ships wait.</source><target>배들이 기다린다.</target></trans-unit>"#
    );
    let e = p3(&with_p3(&xml, &unit), &article).unwrap_err().to_string();
    assert!(e.contains("(unit p3): the returned source differs"), "{e}");
    assert!(e.starts_with("rejected: 1 problem"), "{e}");
}
