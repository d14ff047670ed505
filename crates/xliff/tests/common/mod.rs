//! Helpers shared by the XLIFF crate's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared corpus of other tools' files, read in place.
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

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

/// The reading and writing of one XLIFF version through the public API, as
/// the tests name them.
pub mod v2 {
    use newsloc_xliff::{Document, Error, Version, Visitor};

    /// The strict read of text that must be XLIFF 2.
    pub fn read(text: &str) -> Result<Document, Error> {
        let doc: Document = text.parse()?;
        assert!(doc.version.is_v2(), "not read as XLIFF 2: {text}");
        Ok(doc)
    }

    /// `doc` written as `version`, appended to `out`.
    pub fn write(doc: &Document, version: Version, out: &mut String) -> Result<(), Error> {
        assert!(version.is_v2());
        super::write_as(doc, version, out)
    }

    /// The strict streaming read.
    pub fn visit<V: Visitor>(text: &str, visitor: &mut V) -> Result<(), Error> {
        super::visit_strict(text, visitor)
    }
}

/// As [`v2`], for XLIFF 1.2.
pub mod v12 {
    use newsloc_xliff::{Document, Error, Version, Visitor};

    /// The strict read of text that must be XLIFF 1.x.
    pub fn read(text: &str) -> Result<Document, Error> {
        let doc: Document = text.parse()?;
        assert_eq!(doc.version, Version::V1_2, "not read as XLIFF 1.2");
        Ok(doc)
    }

    /// `doc` written as 1.2, appended to `out`.
    pub fn write(doc: &Document, out: &mut String) -> Result<(), Error> {
        super::write_as(doc, Version::V1_2, out)
    }

    /// The strict streaming read.
    pub fn visit<V: Visitor>(text: &str, visitor: &mut V) -> Result<(), Error> {
        super::visit_strict(text, visitor)
    }
}

/// `doc` converted to `version` and written, appended to `out` (which is
/// left as it was on error).
pub fn write_as(
    doc: &newsloc_xliff::Document,
    version: newsloc_xliff::Version,
    out: &mut String,
) -> Result<(), newsloc_xliff::Error> {
    let mut doc = doc.clone();
    doc.convert(version);
    out.push_str(&doc.to_xml()?);
    Ok(())
}

/// The streaming read, refused when a problem is an error.
pub fn visit_strict<V: newsloc_xliff::Visitor>(
    text: &str,
    visitor: &mut V,
) -> Result<(), newsloc_xliff::Error> {
    let problems = newsloc_xliff::visit_slice(text.as_bytes(), visitor)?;
    if problems.iter().any(|p| p.is_error()) {
        return Err(newsloc_xliff::Error::Invalid { problems });
    }
    Ok(())
}

/// `doc` converted to `version` and written.
pub fn xml_as(
    doc: &newsloc_xliff::Document,
    version: newsloc_xliff::Version,
) -> Result<String, newsloc_xliff::Error> {
    let mut out = String::new();
    write_as(doc, version, &mut out)?;
    Ok(out)
}
