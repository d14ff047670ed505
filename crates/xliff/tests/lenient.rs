//! The lenient read on every real tool file in the corpus: each one that
//! its suite calls valid is read into a document (its rule violations come
//! back as problems, each positioned); the strict read of the same files
//! is what `xliff_v2.rs` and `xliff_v12.rs` check.

mod common;

use std::path::Path;

use common::{corpus, files, rel};
use newsloc_xliff::{Document, ErrorKind, Severity};

/// Files of the valid suites that are not well-formed XML, so that there is
/// no document to read: (file, why).
const NOT_XML: &[(&str, &str)] = &[(
    "xliff2/valid/oasis-2.2-test-suite/modules/Good-pgs_plural.xlf",
    "a <target> start tag where the end tag belongs (line 7), and the pgs prefix is never declared",
)];

/// Reads every file under `sub` leniently; returns (files, files with
/// errors, problems).
fn read_all_leniently(sub: &str) -> Option<(usize, usize, usize)> {
    let dir = corpus(sub)?;
    let mut unreadable = Vec::new();
    let (mut total, mut with_errors, mut problems) = (0, 0, 0);
    for f in files(&dir) {
        if !is_xliff_name(&f) {
            continue;
        }
        total += 1;
        match Document::try_from_path(&f) {
            Ok((doc, found)) => {
                for p in &found {
                    assert!(
                        p.location.position.is_some(),
                        "{}: a problem without a position: {p}",
                        rel(&f)
                    );
                    assert_eq!(p.location.file.as_deref(), Some(f.as_path()));
                }
                if found.iter().any(|p| p.severity == Severity::Error) {
                    with_errors += 1;
                    // The strict read refuses exactly these.
                    assert!(Document::from_path(&f).is_err(), "{}", rel(&f));
                } else {
                    assert_eq!(Document::from_path(&f).ok().as_ref(), Some(&doc));
                }
                problems += found.len();
            }
            Err(e) if NOT_XML.iter().any(|(x, _)| rel(&f) == *x) => {
                assert_eq!(e.kind(), Some(ErrorKind::Malformed), "{e}");
            }
            Err(e) => unreadable.push(e.to_string()),
        }
    }
    assert!(
        unreadable.is_empty(),
        "{sub}: {} of {total} valid files cannot be read leniently:\n{}",
        unreadable.len(),
        unreadable.join("\n")
    );
    println!("{sub}: {total} read, {with_errors} with rule violations, {problems} problems");
    Some((total, with_errors, problems))
}

fn is_xliff_name(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("xlf" | "xlf2" | "xliff" | "xml" | "sdlxliff" | "mqxliff")
    )
}

#[test]
fn every_valid_xliff2_file_reads_leniently() {
    if let Some((total, _, _)) = read_all_leniently("xliff2/valid") {
        assert!(total > 300, "{total}");
    }
}

#[test]
fn every_valid_xliff12_file_reads_leniently() {
    if let Some((total, _, _)) = read_all_leniently("xliff12/valid") {
        assert!(total > 100, "{total}");
    }
}
