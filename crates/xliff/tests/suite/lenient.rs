//! The lenient read on every real tool file in the corpus: each one that
//! its suite calls valid is read into a document (its rule violations come
//! back as problems, each positioned); the strict read of the same files
//! is what `xliff_v2.rs` and `xliff_v12.rs` check.

use std::path::Path;

use crate::common::{corpus, files, rel};
use newsloc_xliff::{Document, ErrorKind, ProblemKind, Severity};

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

// ----- prefixes whose declaration a tool dropped ------------------------

/// A 2.0 document around one unit with `unit_attrs` and `body`.
fn v2_doc(root_decls: &str, unit_attrs: &str, body: &str) -> String {
    format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"{root_decls}>\n\
         <file id=\"f\">\n<unit id=\"u\"{unit_attrs}>{body}<segment><source>Hi</source></segment></unit>\n</file></xliff>"
    )
}

/// A 1.2 document around one trans-unit with `unit_attrs`.
fn v12_doc(root_decls: &str, unit_attrs: &str) -> String {
    format!(
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"{root_decls}>\n\
         <file original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body>\n\
         <trans-unit id=\"1\"{unit_attrs}><source>Hi</source></trans-unit>\n</body></file></xliff>"
    )
}

fn declaration<'d>(doc: &'d Document, prefix: &str) -> Option<&'d str> {
    newsloc_xliff::attr_value(&doc.attrs, &format!("xmlns:{prefix}"))
}

#[test]
fn an_undeclared_newsloc_prefix_is_bound_to_its_namespace_with_a_warning() {
    for text in [
        v2_doc("", " nl:source-hash=\"abc\"", ""),
        v12_doc("", " nl:source-hash=\"abc\""),
    ] {
        let (doc, problems) = Document::try_from_slice(text.as_bytes()).expect("readable");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!(p.severity, Severity::Warning, "{p}");
        assert_eq!(p.kind, ProblemKind::UndeclaredPrefix, "{p}");
        // The message names the attribute and the namespace it was read in.
        assert!(p.message.contains("nl:source-hash"), "{p}");
        assert!(p.message.contains("urn:newsloc:xliff:1"), "{p}");
        // The unit's start tag: line 3, column 1.
        let at = p.location.position.expect("positioned");
        assert_eq!((at.line, at.column), (3, 1), "{p}");
        let unit = doc.units().next().expect("one unit");
        assert_eq!(
            newsloc_xliff::attr_value(&unit.attrs, "nl:source-hash"),
            Some("abc")
        );
        // The document now declares what it uses: written again, it reads
        // strictly, with the value and no problem.
        assert_eq!(declaration(&doc, "nl"), Some("urn:newsloc:xliff:1"));
        let again = Document::from_slice(doc.to_xml().expect("writes").as_bytes())
            .expect("the written document reads strictly");
        let unit = again.units().next().expect("one unit");
        assert_eq!(
            newsloc_xliff::attr_value(&unit.attrs, "nl:source-hash"),
            Some("abc")
        );
        // The strict read accepts a warning.
        assert!(Document::from_slice(text.as_bytes()).is_ok());
    }
}

#[test]
fn an_undeclared_prefix_takes_the_namespace_the_document_declares_for_it_elsewhere() {
    // `nl` is declared on the first file only (with the producer's own
    // namespace, not newsloc's); the second file uses it out of scope.
    let text = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\">\n\
        <file id=\"f1\" xmlns:nl=\"urn:producer\"><unit id=\"a\" nl:k=\"1\"><segment><source>A</source></segment></unit></file>\n\
        <file id=\"f2\"><unit id=\"b\" nl:k=\"2\"><segment><source>B</source></segment></unit></file>\n\
        <file id=\"f3\"><unit id=\"c\" nl:k=\"3\"><segment><source>C</source></segment></unit></file></xliff>";
    let (doc, problems) = Document::try_from_slice(text.as_bytes()).expect("readable");
    // Reported once, where first met.
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].severity, Severity::Warning);
    assert_eq!(problems[0].kind, ProblemKind::UndeclaredPrefix);
    assert!(
        problems[0].message.contains("urn:producer"),
        "{}",
        problems[0]
    );
    assert_eq!(problems[0].location.position.map(|p| p.line), Some(3));
    assert_eq!(declaration(&doc, "nl"), Some("urn:producer"));
    let written = doc.to_xml().expect("writes");
    assert!(
        Document::from_slice(written.as_bytes()).is_ok(),
        "{written}"
    );
}

#[test]
fn an_undeclared_prefix_with_no_known_namespace_is_an_error_but_the_document_is_read() {
    let ambiguous = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\">\n\
        <file id=\"f1\" xmlns:q=\"urn:one\"><unit id=\"a\"><segment><source>A</source></segment></unit></file>\n\
        <file id=\"f2\" xmlns:q=\"urn:two\"><unit id=\"b\"><segment><source>B</source></segment></unit></file>\n\
        <file id=\"f3\"><unit id=\"c\" q:k=\"3\"><segment><source>C</source></segment></unit></file></xliff>";
    let unknown_v2 = v2_doc("", " zz:k=\"v\"", "");
    let unknown_v12 = v12_doc("", " zz:k=\"v\"");
    for (text, what) in [
        (ambiguous, "2 different namespaces"),
        (unknown_v2.as_str(), "is not declared"),
        (unknown_v12.as_str(), "is not declared"),
    ] {
        let (doc, problems) = Document::try_from_slice(text.as_bytes()).expect("readable");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].severity, Severity::Error);
        assert_eq!(problems[0].kind, ProblemKind::UndeclaredPrefix);
        assert!(problems[0].message.contains(what), "{}", problems[0]);
        assert!(problems[0].location.position.is_some());
        assert!(doc.units().count() >= 1);
        assert!(Document::from_slice(text.as_bytes()).is_err());
    }
}

#[test]
fn an_undeclared_module_prefix_is_read_as_that_module_and_is_an_error() {
    // `mtc` undeclared: the matches are read as Translation Candidates,
    // not kept as an unknown extension; but module elements in no
    // namespace break the module (the suites count such files invalid), so
    // this is an error, not a warning.
    let body = "<mtc:matches><mtc:match ref=\"#s1\"><source>Hi</source><target>Salut</target></mtc:match></mtc:matches>";
    let text = v2_doc(" trgLang=\"fr\"", "", body).replace("<segment>", "<segment id=\"s1\">");
    let (doc, problems) = Document::try_from_slice(text.as_bytes()).expect("readable");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].severity, Severity::Error);
    assert_eq!(problems[0].kind, ProblemKind::UndeclaredPrefix);
    assert!(
        problems[0]
            .message
            .contains("urn:oasis:names:tc:xliff:matches:2.0")
    );
    let unit = doc.units().next().expect("unit");
    assert_eq!(unit.candidates.len(), 1);
    assert_eq!(
        declaration(&doc, "mtc"),
        Some("urn:oasis:names:tc:xliff:matches:2.0")
    );
    assert!(Document::from_slice(text.as_bytes()).is_err());
}

#[test]
fn namespaced_attributes_are_found_by_namespace_not_by_prefix() {
    // A tool renamed the newsloc prefix: the attribute is the same one.
    let text = v2_doc(
        " xmlns:ns1=\"urn:newsloc:xliff:1\"",
        " ns1:source-hash=\"abc\"",
        "",
    );
    let (doc, problems) = Document::try_from_slice(text.as_bytes()).expect("readable");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(declaration(&doc, "ns1"), Some("urn:newsloc:xliff:1"));
    // A module under another prefix is still the module.
    let body = "<x:matches><x:match ref=\"#s1\"><source>Hi</source><target>Salut</target></x:match></x:matches>";
    let text = v2_doc(
        " trgLang=\"fr\" xmlns:x=\"urn:oasis:names:tc:xliff:matches:2.0\"",
        "",
        body,
    )
    .replace("<segment>", "<segment id=\"s1\">");
    let doc = Document::from_slice(text.as_bytes()).expect("strictly readable");
    assert_eq!(doc.units().next().map(|u| u.candidates.len()), Some(1));
}

// ----- 1.2 rule violations that reading goes on after --------------------

#[test]
fn text_where_1_2_allows_none_is_a_problem_and_reading_goes_on() {
    let text = "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">stray\n\
        <file original=\"a\" source-language=\"en\" datatype=\"plaintext\">text<header>more</header><body>words\n\
        <trans-unit id=\"1\"><source>Hi</source></trans-unit>\n</body></file></xliff>";
    let (doc, problems) = Document::try_from_slice(text.as_bytes()).expect("readable");
    let kinds: Vec<_> = problems.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [ProblemKind::UnexpectedText; 4], "{problems:?}");
    // In <xliff>, <file>, <header> and <body>.
    for (p, parent) in problems
        .iter()
        .zip(["<xliff>", "<file>", "<header>", "<body>"])
    {
        assert!(p.message.ends_with(parent), "{p}");
    }
    assert!(problems.iter().all(|p| p.severity == Severity::Error));
    let lines: Vec<_> = problems
        .iter()
        .map(|p| p.location.position.map(|p| p.line))
        .collect();
    assert_eq!(lines, [Some(1), Some(2), Some(2), Some(2)]);
    assert_eq!(doc.units().count(), 1);
}

#[test]
fn a_second_source_is_a_problem_and_the_first_is_kept() {
    let text = "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n\
        <file original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body>\n\
        <trans-unit id=\"1\"><source>First</source>\n<source>Second</source></trans-unit>\n\
        <trans-unit id=\"2\"><source>Next</source></trans-unit></body></file></xliff>";
    let (doc, problems) = Document::try_from_slice(text.as_bytes()).expect("readable");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::UnexpectedElement);
    assert_eq!(problems[0].location.position.map(|p| p.line), Some(4));
    assert_eq!(problems[0].location.unit.as_deref(), Some("1"));
    let texts: Vec<_> = doc.units().map(|u| u.source_text()).collect();
    assert_eq!(texts, ["First", "Next"]);
}

#[test]
fn carried_1_2_values_are_found_by_namespace_when_a_tool_renames_their_prefix() {
    // A 1.2 unit whose id is no NMTOKEN: written as 2.x, the id is
    // replaced and the original recorded in the newsloc namespace.
    // newsloc's own metadata shares the records' namespace.
    let v12 = v12_doc(" xmlns:nl=\"urn:newsloc:xliff:1\"", " nl:article=\"a1\"")
        .replace("trans-unit id=\"1\"", "trans-unit id=\"Promo Text\"");
    let mut doc = Document::from_slice(v12.as_bytes()).expect("reads");
    doc.convert(newsloc_xliff::Version::V2_0);
    let v2 = doc.to_xml().expect("writes 2.0");
    assert!(v2.contains("xmlns:nlx=\"urn:newsloc:xliff:1\""), "{v2}");
    // A tool renames the prefix (the namespace stays).
    let renamed = v2
        .replace("xmlns:nlx=", "xmlns:ns1=")
        .replace("nlx:", "ns1:");
    assert!(!renamed.contains("nlx"));
    let mut doc = Document::from_slice(renamed.as_bytes()).expect("the renamed file reads");
    // Written as 2.x again, what it uses stays declared.
    let again = doc.to_xml().expect("writes 2.0");
    Document::from_slice(again.as_bytes()).expect("reads strictly");
    // Written as 1.2, the record under the tool's prefix gives the id back.
    doc.convert(newsloc_xliff::Version::V1_2);
    let (back, problems) =
        Document::try_from_slice(doc.to_xml().expect("writes 1.2").as_bytes()).expect("reads");
    let ids: Vec<_> = back.units().map(|u| u.id.to_string()).collect();
    assert_eq!(ids, ["Promo Text"]);
    // newsloc's attribute is kept, and its prefix declared.
    assert!(problems.is_empty(), "{problems:?}");
    let unit = back.units().next().expect("unit");
    assert_eq!(
        newsloc_xliff::attr_value(&unit.attrs, "nl:article"),
        Some("a1")
    );
}

#[test]
fn memoq_status_is_found_by_namespace() {
    // memoQ's namespace under a prefix of the tool's choosing.
    let text = v12_doc(" xmlns:m=\"MQXliff\"", " m:status=\"ManuallyConfirmed\"").replace(
        "<source>Hi</source>",
        "<source>Hi</source><target>Salut</target>",
    );
    let doc = Document::from_slice(text.as_bytes()).expect("reads");
    let seg = doc
        .units()
        .next()
        .and_then(|u| u.segments().next())
        .expect("segment");
    assert_eq!(seg.state, Some(newsloc_xliff::State::Translated), "{seg:?}");
    // Another namespace's `status` is not memoQ's.
    let text = v12_doc(
        " xmlns:mq=\"urn:other\"",
        " mq:status=\"ManuallyConfirmed\"",
    )
    .replace(
        "<source>Hi</source>",
        "<source>Hi</source><target>Salut</target>",
    );
    let doc = Document::from_slice(text.as_bytes()).expect("reads");
    let seg = doc
        .units()
        .next()
        .and_then(|u| u.segments().next())
        .expect("segment");
    assert_eq!(seg.state, None);
}
