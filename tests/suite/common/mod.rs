//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsloc::xliff::{Content, Document, Inline, Part};
use newsloc::{Article, WireReader};

/// The path of a sample story.
pub fn story_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/stories")
        .join(name)
}

/// A sample story, read.
pub fn story(name: &str) -> Article {
    WireReader::new()
        .read_path(story_path(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every sample story.
pub fn stories() -> Vec<Article> {
    [
        "port-reopens.txt",
        "chip-talks-crlf.txt",
        "typhoon-urgent.txt",
        "rates-2nd-ld.txt",
    ]
    .into_iter()
    .map(story)
    .collect()
}

/// Fills every segment's target with `f(source)`.
pub fn fill_targets(doc: &mut Document, f: impl Fn(&Content) -> Content) {
    for unit in doc.units_mut() {
        for part in &mut unit.parts {
            if let Part::Segment(seg) = part {
                seg.target = Some(f(&seg.source));
            }
        }
    }
}

/// A translation that keeps codes and protected spans and upper-cases text.
pub fn shout(c: &Content) -> Content {
    c.iter().map(shout_inline).collect()
}

fn shout_inline(i: &Inline) -> Inline {
    match i {
        Inline::Text(t) => Inline::Text(t.to_uppercase().into()),
        Inline::Paired(code, inner) => Inline::Paired(code.clone(), shout(inner)),
        other => other.clone(),
    }
}

/// The document written as XLIFF `version`.
pub fn xml(doc: &Document, version: newsloc::xliff::Version) -> String {
    let mut doc = doc.clone();
    doc.convert(version);
    doc.to_xml().unwrap()
}

/// Validates `xml` with xmllint against the OASIS schema for `version`.
/// Returns `None` (after printing why) when xmllint or the schemas are
/// missing outside CI; under CI that is a failure.
pub fn xmllint(
    xml: &str,
    version: newsloc::xliff::Version,
    name: &str,
) -> Option<Result<(), String>> {
    use newsloc::xliff::Version;
    let schemas = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/schemas");
    let schema = match version {
        Version::V1_2 => schemas.join("xliff12/xliff-core-1.2-transitional.xsd"),
        Version::V2_0 => schemas.join("xliff2/2.0/validate-with-modules.xsd"),
        Version::V2_1 => schemas.join("xliff2/2.1/validate-with-modules.xsd"),
        _ => schemas.join("xliff2/2.2/validate-with-modules.xsd"),
    };
    let ci = std::env::var_os("CI").is_some();
    if !schema.exists() {
        assert!(!ci, "{} is missing", schema.display());
        eprintln!("skipped: {} is missing", schema.display());
        return None;
    }
    let dir = std::env::temp_dir().join(format!("newsloc-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.xlf"));
    std::fs::write(&file, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .arg(&file)
        .env("XML_CATALOG_FILES", schemas.join("catalog.xml"))
        .output();
    match out {
        Err(e) => {
            assert!(!ci, "xmllint cannot run: {e}");
            eprintln!("skipped: xmllint cannot run: {e}");
            None
        }
        Ok(o) if o.status.success() => Some(Ok(())),
        Ok(o) => Some(Err(String::from_utf8_lossy(&o.stderr).into_owned())),
    }
}

/// The plain text of unit `id` of an article.
pub fn unit_text(article: &Article, id: &str) -> String {
    article
        .units()
        .iter()
        .find(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
        .text
        .to_plain_string()
}

/// The shared corpus of other tools' files, read in place.
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// A corpus folder, or `None` (with a note) when it is missing outside CI;
/// under CI a missing corpus fails the test.
pub fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = std::path::Path::new(CORPUS).join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "corpus folder {} is missing",
        dir.display()
    );
    eprintln!("note: {} is missing; test skipped", dir.display());
    None
}

/// Every file under `dir`, recursively, sorted.
pub fn files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable corpus folder") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A corpus path relative to the corpus folder, for messages.
pub fn rel(p: &std::path::Path) -> String {
    p.strip_prefix(CORPUS).unwrap_or(p).display().to_string()
}

/// Runs the newsloc binary with `args`.
pub fn newsloc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .args(args)
        .output()
        .expect("run newsloc")
}

/// Bytes a command printed, as text.
pub fn s(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A file of the story-versions fixtures (`tests/fixtures/versions`).
pub fn versions_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/versions")
        .join(name)
}

/// Version `v` of the three-version `missile` story.
pub fn missile(v: u32) -> Article {
    WireReader::new()
        .id("missile")
        .read_path(versions_fixture(&format!("missile-v{v}.txt")))
        .unwrap()
}
