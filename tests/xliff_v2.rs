//! XLIFF 2.x reader and writer: corpus round trips, invalid suites, schema
//! validation of the writer's output, positioned errors.

use std::path::{Path, PathBuf};
use std::process::Command;

use newsloc::Error;
use newsloc::xliff::{
    AppliesTo, CanReorder, Code, CodeKind, Content, Data, Document, File, Group, Inline, Item,
    Marker, MetaGroup, Metadata, Note, Part, Segment, State, Unit, Version, v2,
};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// The corpus directory, or `None` (with a note) when it is missing and CI
/// is not set. Fails when CI is set and it is missing.
fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(CORPUS);
    if p.is_dir() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "corpus missing at {CORPUS} (CI is set)"
    );
    eprintln!("note: corpus missing at {CORPUS}; skipping");
    None
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("xlf" | "xliff" | "xml")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn read_file(p: &Path) -> Result<Document, Error> {
    let bytes = std::fs::read(p).map_err(|source| Error::Io {
        path: p.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Xml {
        location: Default::default(),
        message: format!("not UTF-8: {e}"),
    })?;
    v2::read(&text)
}

/// Valid-corpus files that are known not to be valid XLIFF 2, with the
/// reason. Each is checked to be rejected, so the list cannot go stale.
const VALID_EXCEPTIONS: &[(&str, &str)] = &[
    (
        "oasis-2.2-test-suite/modules/Good-pgs_plural.xlf",
        "not well-formed in the official suite: an unclosed <target> (SOURCES.md)",
    ),
    (
        "oasis-2.2-test-suite/modules/Good-itsm_text-analytics.xlf",
        "version=\"2.1\" on a 2.2-namespace root (SOURCES.md)",
    ),
    (
        "oasis-2.2-test-suite/modules/Good-mda_top-level.xlf",
        "<meta> in the XLIFF namespace instead of mda: (SOURCES.md)",
    ),
    ("ilib-loctool/en-US.xliff", "<file> without the required id"),
    (
        "ilib-loctool/merge-en-US.xliff",
        "<file> without the required id",
    ),
    (
        "locize/example.xliff",
        "unit id with spaces, quotes and '<' is not an NMTOKEN",
    ),
    (
        "locize/example_compact.xliff",
        "unit id with spaces, quotes and '<' is not an NMTOKEN",
    ),
    (
        "locize/example_output_note.xliff",
        "unit id with spaces, quotes and '<' is not an NMTOKEN",
    ),
    (
        "locize/example_additional_attributes.xliff",
        "XLIFF 1.2 attribute approved on a 2.x <unit>",
    ),
    (
        "locize/example_comments.xliff",
        "file id with '/' is not an NMTOKEN; <target> before <source>",
    ),
    (
        "locize/inline-elements/example_angular.xliff",
        "XLIFF 1.2 attributes (datatype, equiv-text) on 2.x elements",
    ),
    (
        "locize/inline-elements/example_generic-span-start-end.xliff",
        "XLIFF 1.2 attribute rid on <sc>/<ec>; <ec> with both id and startRef",
    ),
    (
        "locize/inline-elements/example_generic-span.xliff",
        "XLIFF 1.2 attribute ctype on <pc>",
    ),
    (
        "locize/inline-elements/example_native-span-start-end.xliff",
        "XLIFF 1.2 attribute rid and native code text inside <sc>/<ec>",
    ),
    (
        "locize/inline-elements/example_native-span.xliff",
        "XLIFF 1.2 attribute ctype on <pc>",
    ),
    (
        "locize/inline-elements/example_standalone.xliff",
        "XLIFF 1.2 attribute ctype on <ph>",
    ),
    (
        "locize/inline-elements/example_standalone_only.xliff",
        "XLIFF 1.2 attributes (datatype, equiv-text) on 2.x elements",
    ),
    (
        "matecat/test-empty-unit-2.0.xliff",
        "source/target xml:lang differ from srcLang/trgLang",
    ),
    (
        "matecat/uber-v2.xliff",
        "module elements after <notes> in a <unit> (schema order; MANIFEST: schema-invalid)",
    ),
    (
        "microsoft-xliff2-om/MarkedSpanStartWithCustomType.xlf",
        "<sm> without <em> (the OASIS suite's bad_InvalidLoneSm)",
    ),
    (
        "microsoft-xliff2-om/MarkedSpanStartWithMissingTranslate.xlf",
        "<sm> without <em> (the OASIS suite's bad_InvalidLoneSm)",
    ),
    (
        "microsoft-xliff2-om/MarkedSpanStartWithTerm.xlf",
        "<sm> without <em> (the OASIS suite's bad_InvalidLoneSm)",
    ),
    (
        "microsoft-xliff2-om/MarkedSpanStartWithValidValues.xlf",
        "<sm> without <em> (the OASIS suite's bad_InvalidLoneSm)",
    ),
    (
        "okapi-filter-xliff2/roundtrips/comprehensive_data_output.xlf",
        "<skeleton> after module elements (schema order; MANIFEST: schema-invalid)",
    ),
    (
        "omegat/ex.9.5.xlf",
        "<target> in a document without trgLang",
    ),
    (
        "symfony/resources-2.0-name.xlf",
        "<target> in a document without trgLang",
    ),
];

#[test]
fn corpus_valid_round_trips() {
    let Some(root) = corpus() else { return };
    let dir = root.join("xliff2/valid");
    let files = files_under(&dir);
    assert!(files.len() > 300, "only {} files", files.len());
    let mut failures = Vec::new();
    let mut ok = 0;
    for p in &files {
        let rel = p
            .strip_prefix(&dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/");
        let exception = VALID_EXCEPTIONS.iter().find(|(n, _)| *n == rel);
        let doc = match read_file(p) {
            Ok(d) => d,
            Err(e) => {
                if exception.is_none() {
                    failures.push(format!("{rel}: read: {e}"));
                }
                continue;
            }
        };
        if exception.is_some() {
            failures.push(format!("{rel}: listed as an exception but reads fine"));
            continue;
        }
        for version in [doc.version] {
            let mut out = String::new();
            if let Err(e) = v2::write(&doc, version, &mut out) {
                failures.push(format!("{rel}: write: {e}"));
                continue;
            }
            match v2::read(&out) {
                Ok(again) if again == doc => ok += 1,
                Ok(again) => failures.push(format!(
                    "{rel}: document differs after write and read: {}",
                    first_difference(&doc, &again)
                )),
                Err(e) => failures.push(format!("{rel}: re-read: {e}\n{out}")),
            }
        }
    }
    eprintln!("valid corpus: {ok} of {} files round-trip", files.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The first line where the debug forms of two documents differ.
fn first_difference(a: &Document, b: &Document) -> String {
    let a = format!("{a:#?}");
    let b = format!("{b:#?}");
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {i}: {} vs {}", x.trim(), y.trim());
        }
    }
    "lengths differ".to_owned()
}
