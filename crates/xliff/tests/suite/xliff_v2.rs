//! XLIFF 2.x reader and writer: corpus round trips, invalid suites, schema
//! validation of the writer's output, positioned errors.

use std::path::{Path, PathBuf};
use std::process::Command;

use newsloc_xliff::Error;
use newsloc_xliff::{
    AppliesTo, CanReorder, Code, Content, Data, Document, File, Group, Inline, Item, Marker,
    MetaGroup, Metadata, Note, Part, ProblemKind, Segment, State, Unit, Version,
};

use crate::common::v2;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

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
        path: Some(p.to_path_buf()),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Xml {
        kind: newsloc_xliff::ErrorKind::Encoding,
        location: Default::default(),
        message: format!("not UTF-8: {e}"),
    })?;
    v2::read(&text)
}

/// Valid-corpus files that are known not to be valid XLIFF 2, with the
/// reason. Each is checked to be rejected, so the list cannot go stale.
const VALID_EXCEPTIONS: &[(&str, &str)] = &[
    (
        "matecat/uber/test_Localization_Manual_Template_for_Global_-_Wrong_courier_process-en_us-mr_in-H_STRIPPED.xlf",
        "slr:sizeRestriction=\"Character Limits\" under the xliff:codepoints profile",
    ),
    (
        "okapi-filter-xliff2/gold/test01.xliff2.xlf",
        "fs:subFs without fs:fs on <file> (Format Style module constraint)",
    ),
    (
        "okapi-filter-xliff2/roundtrips/test02_input.xlf",
        "fs:subFs without fs:fs on <file> (Format Style module constraint)",
    ),
    (
        "okapi-filter-xliff2/test01.xlf",
        "fs:subFs without fs:fs on <file> (Format Style module constraint)",
    ),
    (
        "okapi-filter-xliff2/test02.xlf",
        "fs:subFs without fs:fs on <file> (Format Style module constraint)",
    ),
    (
        "okapi-lib-xliff2/withSLR.xlf",
        "slr:sizeInfo together with slr:sizeInfoRef (the file's own comment says this is not allowed)",
    ),
    (
        "matecat/size-restriction.xliff",
        "empty slr:sizeRestriction values under the xliff:codepoints profile",
    ),
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
    (
        "microsoft-xliff2-om/DocumentWithEverything.xlf",
        "slr:sizeInfoRef=\"sizeref\" throughout, but no <slr:data> holds an element with that id \
         (Size Restriction module: the reference must point into a <data> beside the element or an ancestor)",
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
        "okapi-filter-xliff2/roundtrips/test02_output.xlf",
        "target order=\"1\" collides with the first target's implicit order 1",
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

/// Rejection floors per invalid suite (percent), as reached; files of each
/// suite that are accepted are listed with the reason in
/// `INVALID_ACCEPTED`.
const INVALID_FLOORS: &[(&str, f64)] = &[
    // Each official suite still accepts Bad-slr_sizeInfo-not-integer.xlf:
    // the integer syntax of slr:sizeInfo belongs to the xliff:codepoints
    // profile, which that file does not declare (and the same suites' valid
    // core/withModulesAttributesInEc.xlf has sizeInfo="some info" with no
    // profile either). The 2.0 snapshot also accepts
    // core/bad_InvalidExtensionAttributeOnPc.xlf: inline codes take no
    // extension attributes, but the 2.x writer puts those of XLIFF 1.2
    // inline elements there (cross-version round trip), so the reader
    // cannot refuse them yet.
    ("oasis-2.0-test-suite-2015-snapshot", 98.7),
    ("oasis-2.1-test-suite", 99.3),
    ("oasis-2.2-test-suite", 99.3),
    ("microsoft-xliff2-om", 100.0),
    ("matecat", 100.0),
    ("ilib-loctool", 100.0),
    ("okapi-lib-xliff2", 100.0),
];

#[test]
fn corpus_invalid_suites_are_rejected() {
    let Some(root) = corpus() else { return };
    let dir = root.join("xliff2/invalid");
    let mut report = Vec::new();
    let mut below = Vec::new();
    for (suite, floor) in INVALID_FLOORS {
        let files = files_under(&dir.join(suite));
        assert!(!files.is_empty(), "suite {suite} is empty");
        let mut accepted = Vec::new();
        for p in &files {
            if read_file(p).is_ok() {
                accepted.push(p.strip_prefix(&dir).unwrap_or(p).display().to_string());
            }
        }
        let rate = 100.0 * (files.len() - accepted.len()) as f64 / files.len() as f64;
        report.push(format!(
            "{suite}: {:.1}% rejected ({} of {})",
            rate,
            files.len() - accepted.len(),
            files.len()
        ));
        for a in &accepted {
            report.push(format!("  accepted: {a}"));
        }
        if rate < *floor {
            below.push(format!("{suite}: {rate:.1}% < {floor}%"));
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(below.is_empty(), "below floor: {below:?}");
}

/// A document using every part of the model the 2.x writer knows.
fn everything() -> Document {
    let mut doc = Document::new(Version::V2_0, "en-US", Some("fr-FR"));
    let mut file = File::new("f1");
    file.original = Some("story-42.json".into());
    let mut note = Note::new("Editor's note: ADDS details & <quotes>");
    note.id = Some("n1".into());
    note.category = Some("editor".into());
    note.priority = Some(2);
    file.notes.push(note);
    let mut mg = MetaGroup::new(Some("article"));
    mg.push_meta("version", "3");
    let mut inner = MetaGroup::new(Some("hashes"));
    inner.push_meta("p1", "abc123");
    mg.items.push(newsloc_xliff::MetaItem::Group(inner));
    file.metadata = Some(Metadata {
        id: Some("md1".into()),
        groups: newsloc_xliff::List::from([mg]),
    });

    let mut unit = Unit::new("p1");
    unit.name = Some("paragraph 1".into());
    unit.space = Some(newsloc_xliff::Space::Preserve);
    let mut unote = Note::new("Paragraph, no limit");
    unote.applies_to = Some(AppliesTo::Source);
    unit.notes.push(unote);
    unit.original_data.push(Data::new("d1", "<b>"));
    unit.original_data.push(Data::new("d2", "</b>"));
    unit.original_data.push(Data::new("d3", "<br/>\u{1}"));
    // Segment 1: pc, ph, mrk translate=no, cp-worthy char, awkward text.
    let mut src = Content::text("SEOUL, Sept. 12 (Yonhap) -- ");
    let mut bold = Code::paired("1");
    bold.data_ref = Some("d1".into());
    bold.data_ref_end = Some("d2".into());
    bold.kind_name = Some("fmt".into());
    bold.set_sub_type(Some("xlf:b".into()));
    bold.can_reorder = Some(CanReorder::FirstNo);
    bold.can_delete = Some(false);
    bold.can_copy = Some(false);
    src.push(Inline::Paired(
        bold.clone().into(),
        Content::text("Kim & Putin"),
    ));
    src.push_text(" met <here> ]]> \u{7} ");
    let mut br = Code::standalone("2");
    br.data_ref = Some("d3".into());
    br.equiv = Some("\n".into());
    br.set_disp(Some("[br]".into()));
    src.push(Inline::Code(br.clone().into()));
    src.push(Inline::Marker(
        Marker::protected("m1").into(),
        Content::text("Yonhap"),
    ));
    let mut tgt = Content::text("SÉOUL, 12 sept. (Yonhap) -- ");
    tgt.push(Inline::Paired(bold.into(), Content::text("Kim et Poutine")));
    tgt.push_text(" se sont vus \u{7} ");
    tgt.push(Inline::Code(br.into()));
    tgt.push(Inline::Marker(
        Marker::protected("m1").into(),
        Content::text("Yonhap"),
    ));
    let mut s1 = Segment::new(Some("s1"), src);
    s1.target = Some(tgt);
    s1.state = Some(State::Translated);
    s1.sub_state = Some("newsloc:pseudo".into());
    unit.push_segment(s1);
    unit.push_ignorable(Content::text(" "));
    // Segment 2: sc/ec spanning, isolated sc, sm/em, comment annotation.
    let mut src = Content::new();
    src.push(Inline::Code(Code::start("3").into()));
    src.push_text("Link");
    src.push(Inline::Code(Code::end("3").into()));
    let mut iso = Code::start("4");
    iso.isolated = true;
    src.push(Inline::Code(iso.into()));
    let sm = Marker {
        id: Some("m2".into()),
        kind: Some("term".into()),
        ..Marker::default()
    };
    src.push(Inline::MarkerStart(sm.into()));
    src.push_text(" term ");
    src.push(Inline::MarkerEnd("m2".into()));
    let comment = Marker {
        id: Some("m3".into()),
        kind: Some("comment".into()),
        value: Some("check the name".into()),
        ..Marker::default()
    };
    src.push(Inline::Marker(comment.into(), Content::text("Kim")));
    let mut s2 = Segment::new(Some("s2"), src);
    s2.state = Some(State::Initial);
    s2.target = Some(Content::new());
    unit.push_segment(s2);
    let mut s3 = Segment::new(Some("s3"), Content::text("Final."));
    s3.target = Some(Content::text("Fin."));
    s3.state = Some(State::Final);
    unit.push_segment(s3);
    let mut s4 = Segment::new(Some("s4"), Content::text("Reviewed."));
    s4.target = Some(Content::text("Revu."));
    s4.state = Some(State::Reviewed);
    unit.push_segment(s4);

    let mut group = Group::new("photos");
    group.name = Some("captions".into());
    let mut cap = Unit::new("photo1-caption");
    cap.push_segment(Segment::new(None, Content::text("A caption.")));
    group.items.push(Item::from(cap));
    file.items.push(Item::from(unit));
    file.items.push(Item::from(group));
    doc.files.push(file);
    doc
}

#[test]
fn everything_round_trips_in_each_version() {
    let doc = everything();
    for version in [Version::V2_0, Version::V2_1, Version::V2_2] {
        let mut out = String::new();
        v2::write(&doc, version, &mut out).unwrap();
        assert!(out.contains(&format!("version=\"{}\"", version.as_str())));
        // No indentation inside content; the control character as <cp>.
        assert!(
            out.contains("<source>SEOUL, Sept. 12 (Yonhap) -- <pc id=\"1\""),
            "{out}"
        );
        assert!(
            out.contains("met &lt;here&gt; ]]&gt; <cp hex=\"0007\"/> <ph"),
            "{out}"
        );
        let mut again = v2::read(&out).unwrap();
        assert_eq!(again.version, version);
        again.version = doc.version;
        forget_code_tags(&mut again);
        assert!(again == doc, "{}\n{out}", first_difference(&doc, &again));
    }
}

fn xmllint() -> bool {
    match Command::new("xmllint").arg("--version").output() {
        Ok(_) => true,
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "xmllint missing (CI is set)"
            );
            eprintln!("note: xmllint missing; schema validation skipped");
            false
        }
    }
}

/// Validates files against the XLIFF 2 schema of `version` (with modules)
/// and returns xmllint's complaints, if any.
fn schema_errors(version: Version, files: &[PathBuf]) -> Option<String> {
    let root = PathBuf::from(CORPUS).join("schemas");
    let xsd = root.join(format!(
        "xliff2/{}/validate-with-modules.xsd",
        version.as_str()
    ));
    let out = Command::new("xmllint")
        .env("XML_CATALOG_FILES", root.join("catalog.xml"))
        .args(["--noout", "--nonet", "--schema"])
        .arg(&xsd)
        .args(files)
        .output()
        .expect("run xmllint");
    if out.status.success() {
        None
    } else {
        Some(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsloc-xliff2-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn writer_output_validates_against_the_schemas() {
    if corpus().is_none() || !xmllint() {
        return;
    }
    let dir = temp_dir("schema");
    let doc = everything();
    let mut pseudo = everything();
    newsloc_xliff::pseudo_translate(&mut pseudo);
    for (name, doc, version) in [
        ("everything", &doc, Version::V2_0),
        ("everything", &doc, Version::V2_1),
        ("everything", &doc, Version::V2_2),
        ("pseudo", &pseudo, Version::V2_0),
    ] {
        let mut out = String::new();
        v2::write(doc, version, &mut out).unwrap();
        let path = dir.join(format!("{name}-{}.xlf", version.as_str()));
        std::fs::write(&path, &out).unwrap();
        if let Some(e) = schema_errors(version, &[path]) {
            panic!("XLIFF {version} output is not schema-valid:\n{e}\n{out}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rewritten_schema_valid_corpus_files_stay_schema_valid() {
    let Some(root) = corpus() else { return };
    if !xmllint() {
        return;
    }
    // Files the corpus manifest records as valid against the 2.x schemas.
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).unwrap();
    let dir = temp_dir("corpus");
    let mut by_version: Vec<(Version, Vec<PathBuf>)> = Vec::new();
    for line in manifest.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(path), Some(schema)) = (cols.first(), cols.get(8)) else {
            continue;
        };
        if !path.starts_with("xliff2/valid/") || !schema.contains("=valid") {
            continue;
        }
        let Ok(doc) = read_file(&root.join(path)) else {
            continue;
        };
        let mut out = String::new();
        v2::write(&doc, doc.version, &mut out).unwrap();
        let name = path.replace('/', "_");
        let p = dir.join(name);
        std::fs::write(&p, out).unwrap();
        match by_version.iter_mut().find(|(v, _)| *v == doc.version) {
            Some((_, list)) => list.push(p),
            None => by_version.push((doc.version, vec![p])),
        }
    }
    let total: usize = by_version.iter().map(|(_, l)| l.len()).sum();
    assert!(total > 150, "only {total} files");
    for (version, files) in &by_version {
        if let Some(e) = schema_errors(*version, files) {
            let bad: Vec<&str> = e
                .lines()
                .filter(|l| !l.ends_with(" validates"))
                .take(40)
                .collect();
            panic!(
                "rewritten XLIFF {version} files fail the schema:\n{}",
                bad.join("\n")
            );
        }
    }
    eprintln!("{total} rewritten corpus files validate");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sets every code's `tag` to `Any` (hand-built codes have no tag; read
/// ones record their element).
fn forget_code_tags(doc: &mut Document) {
    fn content(c: &mut Content) {
        for i in c.iter_mut() {
            match i {
                Inline::Code(code) => code.tag = newsloc_xliff::CodeTag::Any,
                Inline::Paired(code, inner) => {
                    code.tag = newsloc_xliff::CodeTag::Any;
                    content(inner);
                }
                Inline::Marker(_, inner) => content(inner),
                _ => {}
            }
        }
    }
    for u in doc.units_mut() {
        for p in &mut u.parts {
            match p {
                Part::Segment(s) => {
                    content(&mut s.source);
                    if let Some(t) = &mut s.target {
                        content(t);
                    }
                }
                Part::Ignorable(i) => content(&mut i.source),
            }
        }
    }
}

/// (line, column, unit, message) of an `Error::Xml`.
fn xml_error(text: &str) -> (u64, u64, Option<String>, String) {
    match v2::read(text) {
        Err(Error::Xml {
            location, message, ..
        }) => {
            let p = location.position.expect("a position");
            (p.line, p.column, location.unit, message)
        }
        other => panic!("expected Error::Xml, got {other:?}"),
    }
}

const HEAD: &str = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">"#;

#[test]
fn malformed_xml_is_positioned_with_the_unit() {
    let text = format!(
        "{HEAD}\n<file id=\"f\">\n <unit id=\"u7\">\n  <segment><source>a</target></segment>\n </unit>\n</file></xliff>"
    );
    let (line, col, unit, msg) = xml_error(&text);
    assert_eq!((line, col), (4, 21), "{msg}");
    assert_eq!(unit.as_deref(), Some("u7"));
}

#[test]
fn dtd_is_refused() {
    let text =
        format!("<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"b\">]>\n{HEAD}</xliff>");
    let (line, col, _, msg) = xml_error(&text);
    assert_eq!((line, col), (2, 1));
    assert!(msg.contains("DTD"), "{msg}");
}

#[test]
fn depth_bomb_is_refused() {
    let mut text = format!("{HEAD}<file id=\"f\"><unit id=\"u\"><segment><source>");
    for _ in 0..300 {
        text.push_str("<pc id=\"x\">");
    }
    let (line, _, unit, msg) = xml_error(&text);
    assert_eq!(line, 1);
    assert_eq!(unit.as_deref(), Some("u"));
    assert!(msg.contains("nested deeper"), "{msg}");
}

#[test]
fn unknown_entity_is_refused_with_its_position() {
    let text = format!(
        "{HEAD}\n<file id=\"f\"><unit id=\"u1\"><segment><source>AT&amp;T &lol;</source></segment></unit></file></xliff>"
    );
    let (line, col, unit, msg) = xml_error(&text);
    assert_eq!((line, col), (2, 54), "{msg}");
    assert_eq!(unit.as_deref(), Some("u1"));
    assert!(msg.contains("&lol;"), "{msg}");
}

#[test]
fn unclosed_element_at_end_of_input_is_an_error() {
    let text = format!("{HEAD}\n<file id=\"f\">\n  <unit id=\"u\">");
    let (line, col, _, msg) = xml_error(&text);
    assert_eq!((line, col), (3, 3), "{msg}");
    assert!(msg.contains("<unit>"), "{msg}");
}

#[test]
fn bom_counts_in_positions() {
    let text = format!(
        "\u{FEFF}{HEAD}\n<file id=\"f\"><unit id=\"u\"><segment><source>&bad;</source></segment></unit></file></xliff>"
    );
    match v2::read(&text) {
        Err(Error::Xml { location, .. }) => {
            let p = location.position.unwrap();
            // line 2, column 44; the byte offset counts the 3-byte BOM
            assert_eq!((p.line, p.column), (2, 44));
            let expected = text.find("&bad;").unwrap() as u64;
            assert_eq!(p.byte, expected);
        }
        other => panic!("{other:?}"),
    }
    // And a BOM alone does not stop a good document from reading.
    let good = format!(
        "\u{FEFF}{HEAD}<file id=\"f\"><unit id=\"u\"><segment><source>x</source></segment></unit></file></xliff>"
    );
    assert_eq!(v2::read(&good).unwrap().units().count(), 1);
}

#[test]
fn rule_violations_are_all_reported_with_positions() {
    let text = format!(
        "{HEAD}\n<file id=\"f\">\n<unit id=\"u1\">\n<segment id=\"s\" state=\"done\"><source><ph id=\"1\" dataRef=\"d9\"/><ec startRef=\"7\"/></source></segment>\n<segment id=\"s\"><source/></segment>\n</unit>\n<unit id=\"u1\"><segment><source>x</source></segment></unit>\n</file></xliff>"
    );
    let problems = match v2::read(&text) {
        Err(Error::Invalid { problems }) => problems,
        other => panic!("{other:?}"),
    };
    let got: Vec<(u64, u64, Option<&str>, ProblemKind)> = problems
        .iter()
        .map(|p| {
            let pos = p.location.position.unwrap_or_default();
            (pos.line, pos.column, p.location.unit.as_deref(), p.kind)
        })
        .collect();
    use ProblemKind::*;
    assert_eq!(
        got,
        [
            // state="done"
            (4, 1, Some("u1"), InvalidValue),
            // dataRef="d9" without <originalData>
            (4, 38, Some("u1"), BrokenReference),
            // <ec startRef="7"> without its <sc>
            (4, 63, Some("u1"), UnmatchedCode),
            // segment id "s" twice
            (5, 1, Some("u1"), DuplicateId),
            // unit id "u1" twice
            (7, 1, Some("u1"), DuplicateId),
        ]
    );
}

#[test]
fn targets_need_trg_lang() {
    let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f"><unit id="u"><segment><source>a</source><target>b</target></segment></unit></file></xliff>"#;
    match v2::read(text) {
        Err(Error::Invalid { problems }) => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].kind, ProblemKind::Language);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn empty_and_absent_targets_differ() {
    let text = format!(
        "{HEAD}<file id=\"f\"><unit id=\"u\"><segment><source>a</source><target/></segment><segment><source>b</source></segment></unit></file></xliff>"
    );
    let doc = v2::read(&text).unwrap();
    let segs: Vec<&Segment> = doc.units().flat_map(|u| u.segments()).collect();
    assert_eq!(segs[0].target, Some(Content::new()));
    assert_eq!(segs[1].target, None);
    let mut out = String::new();
    v2::write(&doc, Version::V2_0, &mut out).unwrap();
    assert!(out.contains("<source>a</source><target/>"), "{out}");
    assert!(out.contains("<source>b</source></segment>"), "{out}");
}

#[test]
fn cdata_and_references_become_text() {
    let text = format!(
        "{HEAD}<file id=\"f\"><unit id=\"u\"><segment><source><![CDATA[a<b>]]> &#xE9;&amp;&#233;</source></segment></unit></file></xliff>"
    );
    let doc = v2::read(&text).unwrap();
    let u = doc.units().next().unwrap();
    assert_eq!(u.source_text(), "a<b> é&é");
}

#[test]
fn vendor_extensions_survive_a_round_trip() {
    let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" xmlns:acme="urn:acme" acme:job="7">
<!-- generated -->
<file id="f" acme:x="1"><acme:settings mode="fast"><acme:item/></acme:settings>
<unit id="u" acme:flag="y"><acme:ctx>headline</acme:ctx><segment><source>a</source></segment></unit>
<?acme keep?></file></xliff>"#;
    let doc = v2::read(text).unwrap();
    let mut out = String::new();
    v2::write(&doc, Version::V2_0, &mut out).unwrap();
    for needle in [
        "acme:job=\"7\"",
        "<acme:settings mode=\"fast\"><acme:item/></acme:settings>",
        "acme:flag=\"y\"",
        "<acme:ctx>headline</acme:ctx>",
        "<?acme keep?>",
        "acme:x=\"1\"",
    ] {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }
    assert_eq!(v2::read(&out).unwrap(), doc);
}

#[test]
fn pseudo_translation_reads_back_with_codes_in_place() {
    let mut doc = everything();
    newsloc_xliff::pseudo_translate(&mut doc);
    let mut out = String::new();
    v2::write(&doc, Version::V2_0, &mut out).unwrap();
    let again = v2::read(&out).unwrap();
    for u in again.units() {
        for s in u.segments() {
            let t = s.target.as_ref().expect("every segment has a target");
            let src_ids: Vec<_> = s
                .source
                .codes()
                .map(|c| (c.kind, c.id.clone(), c.start_ref.clone()))
                .collect();
            let trg_ids: Vec<_> = t
                .codes()
                .map(|c| (c.kind, c.id.clone(), c.start_ref.clone()))
                .collect();
            assert_eq!(src_ids, trg_ids);
            let text = t.plain_text();
            assert!(text.starts_with('⟦') && text.ends_with('⟧'), "{text}");
            assert!(
                text.chars().count() as f64 >= 1.3 * s.source.plain_text().chars().count() as f64,
                "{text}"
            );
        }
    }
}

#[test]
fn deeply_nested_groups_read_or_fail_cleanly() {
    // Many groups: within the depth limit, read on a 2 MB test thread.
    let n: usize = std::env::var("NL_DEPTH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(250);
    let mut text = format!("{HEAD}<file id=\"f\">");
    for i in 0..n {
        text.push_str(&format!("<group id=\"g{i}\">"));
    }
    text.push_str("<unit id=\"u\"><segment><source>x</source></segment></unit>");
    for _ in 0..n {
        text.push_str("</group>");
    }
    text.push_str("</file></xliff>");
    let doc = v2::read(&text).unwrap();
    assert_eq!(doc.units().count(), 1);
    // 300: refused with a position, no stack overflow.
    let mut text = format!("{HEAD}<file id=\"f\">");
    for i in 0..300 {
        text.push_str(&format!("<group id=\"g{i}\">"));
    }
    let (line, _, _, msg) = xml_error(&text);
    assert_eq!(line, 1);
    assert!(msg.contains("nested deeper than 256"), "{msg}");
}

#[test]
fn deeply_nested_inline_codes_are_refused() {
    let mut text = format!("{HEAD}<file id=\"f\"><unit id=\"u\"><segment><source>");
    for i in 0..70 {
        text.push_str(&format!("<pc id=\"p{i}\">"));
    }
    text.push('x');
    for _ in 0..70 {
        text.push_str("</pc>");
    }
    text.push_str("</source></segment></unit></file></xliff>");
    let (_, _, unit, msg) = xml_error(&text);
    assert_eq!(unit.as_deref(), Some("u"));
    assert!(msg.contains("nested deeper than 64"), "{msg}");
}

#[test]
fn deeply_nested_module_elements_do_not_exhaust_the_stack() {
    for (open, close) in [
        ("<mda:metaGroup>", "</mda:metaGroup>"),
        ("<val:x>", "</val:x>"),
        ("<my:x>", "</my:x>"),
    ] {
        let mut text = format!(
            "{HEAD}<file id=\"f\"><unit id=\"u\"><mda:metadata xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\" xmlns:val=\"urn:oasis:names:tc:xliff:validation:2.0\" xmlns:my=\"urn:my\">"
        );
        for _ in 0..250 {
            text.push_str(open);
        }
        text.push_str("<mda:meta type=\"t\">v</mda:meta>");
        for _ in 0..250 {
            text.push_str(close);
        }
        text.push_str("</mda:metadata><segment><source>x</source></segment></unit></file></xliff>");
        // Either outcome is fine; what matters is returning at all.
        let _ = v2::read(&text);
    }
    let mut text = format!(
        "{HEAD}<file id=\"f\"><unit id=\"u\"><val:validation xmlns:val=\"urn:oasis:names:tc:xliff:validation:2.0\">"
    );
    for _ in 0..250 {
        text.push_str("<val:x>");
    }
    for _ in 0..250 {
        text.push_str("</val:x>");
    }
    text.push_str("</val:validation><segment><source>x</source></segment></unit></file></xliff>");
    let e = v2::read(&text).unwrap_err().to_string();
    assert!(e.contains("module elements nested deeper than 32"), "{e}");

    // Nested metadata groups: 32 levels read, the 33rd is refused.
    let nested = |levels: usize| {
        format!(
            "{HEAD}<file id=\"f\"><unit id=\"u\"><mda:metadata xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\">{}<mda:meta type=\"t\">v</mda:meta>{}</mda:metadata><segment><source>x</source></segment></unit></file></xliff>",
            "<mda:metaGroup>".repeat(levels),
            "</mda:metaGroup>".repeat(levels)
        )
    };
    let doc = v2::read(&nested(32)).expect("32 levels read");
    assert_eq!(doc.units().count(), 1);
    let e = v2::read(&nested(33)).unwrap_err().to_string();
    assert!(e.contains("<mda:metaGroup> nested deeper than 32"), "{e}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Awkward text: markup characters, `]]>`, CR/LF, tabs, bidi marks,
    /// astral characters, control characters XML cannot hold, U+FFFE.
    fn awkward() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("<".to_owned()),
                Just("&".to_owned()),
                Just(">".to_owned()),
                Just("]]>".to_owned()),
                Just("\r\n".to_owned()),
                Just("\r".to_owned()),
                Just("\t".to_owned()),
                Just("  ".to_owned()),
                Just("\u{200F}\u{202E}".to_owned()),
                Just("😀𝄞".to_owned()),
                Just("\u{1}\u{1F}".to_owned()),
                Just("\u{FFFE}".to_owned()),
                Just("\"'".to_owned()),
                "[a-zA-Z0-9 .,]{0,8}",
                "\\PC{0,4}",
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn text_and_codes_survive_write_and_read(a in awkward(), b in awkward(), note in awkward(), version in 0..3u8) {
            let version = [Version::V2_0, Version::V2_1, Version::V2_2][usize::from(version)];
            let mut doc = Document::new(version, "en", Some("fr"));
            let mut unit = Unit::new("u1");
            unit.space = Some(newsloc_xliff::Space::Preserve);
            let mut n = Note::new(&note);
            n.category = Some("c".into());
            unit.notes.push(n);
            let mut src = Content::text(&a);
            src.push(Inline::Paired(Code::paired("1").into(), Content::text(&b)));
            src.push_text(&b);
            let mut seg = Segment::new(Some("s1"), src.clone());
            seg.target = Some(src);
            seg.state = Some(State::Translated);
            unit.push_segment(seg);
            let mut file = File::new("f1");
            file.items.push(Item::from(unit));
            doc.files.push(file);

            let mut out = String::new();
            v2::write(&doc, version, &mut out).unwrap();
            let mut again = v2::read(&out).map_err(|e| TestCaseError::fail(format!("{e}\n{out}")))?;
            forget_code_tags(&mut again);
            // Notes are plain text: characters XML cannot hold are dropped.
            let expected_note: String = note.chars().filter(|c| !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')).collect();
            if let Some(Item::Unit(u)) = doc.files[0].items.first_mut() {
                u.notes[0].text = expected_note.into();
            }
            prop_assert_eq!(again, doc);
        }
    }
}

/// Mutated inputs (bytes flipped, cut, markup inserted) never panic the
/// readers; every error carries a position inside the input. A small,
/// deterministic stand-in for the fuzz target in fuzz/.
#[test]
fn mutated_documents_never_panic() {
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    let mut out = String::new();
    v2::write(&everything(), Version::V2_2, &mut out).unwrap();
    seeds.push(out.into_bytes());
    if let Some(root) = corpus() {
        for name in [
            "xliff2/valid/oasis-2.1-test-suite/core/everything-core.xlf",
            "xliff2/valid/oasis-2.1-test-suite/core/withMatches.xlf",
            "xliff2/valid/oasis-2.1-test-suite/modules/Good-val_existsInSourcePatternOnRule.xlf",
        ] {
            if let Ok(b) = std::fs::read(root.join(name)) {
                seeds.push(b);
            }
        }
    }
    let inserts: [&[u8]; 10] = [
        b"<",
        b"&",
        b"&#0;",
        b"]]>",
        b"<![CDATA[",
        b"</source>",
        b"<pc id=\"9\">",
        b"\xEF\xBB\xBF",
        b"\xFF",
        b"<!DOCTYPE x>",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n.max(1)
    };
    for seed in &seeds {
        for _ in 0..500 {
            let mut b = seed.clone();
            for _ in 0..1 + next(4) {
                let at = next(b.len() + 1);
                match next(4) {
                    0 => b.truncate(at),
                    1 => {
                        if let Some(x) = b.get_mut(at) {
                            *x ^= 1 << next(8);
                        }
                    }
                    2 => {
                        let ins = inserts[next(inserts.len())];
                        let at = at.min(b.len());
                        b.splice(at..at, ins.iter().copied());
                    }
                    _ => {
                        let end = (at + next(40)).min(b.len());
                        let at = at.min(end);
                        b.drain(at..end);
                    }
                }
            }
            let check = |e: &Error| {
                if let Some(p) = e.location().and_then(|l| l.position) {
                    assert!(p.byte as usize <= b.len(), "position past the end: {e}");
                }
            };
            if let Err(e) = Document::from_slice(&b) {
                check(&e);
            }
            if let Ok(text) = std::str::from_utf8(&b) {
                match v2::read(text) {
                    Err(e) => check(&e),
                    Ok(doc) => {
                        // Whatever reads must write and read back equal.
                        let mut out = String::new();
                        v2::write(&doc, doc.version, &mut out).unwrap();
                        let again = v2::read(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
                        assert!(again == doc, "{}", first_difference(&doc, &again));
                    }
                }
            }
            let _ = newsloc_xliff::check(&b);
        }
    }
}

/// Fuzz regression: a root declaring a prefix bound to another XLIFF
/// namespace, used by an extension element, must keep the declaration.
#[test]
fn prefix_bound_to_an_xliff_namespace_is_kept() {
    let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"
  xmlns:x22="urn:oasis:names:tc:xliff:document:2.2">
 <file id="f"><unit id="u"><x22:thing a="1"/><segment><source>x</source></segment></unit></file></xliff>"#;
    let doc = v2::read(text).unwrap();
    let mut out = String::new();
    v2::write(&doc, Version::V2_0, &mut out).unwrap();
    assert!(
        out.contains("xmlns:x22=\"urn:oasis:names:tc:xliff:document:2.2\""),
        "{out}"
    );
    assert_eq!(v2::read(&out).unwrap(), doc);
}

/// Fuzz regression (found in session 2, present since session 1): a
/// prefix bound to the XLIFF 1.2 namespace in a 2.x document, used by a
/// verbatim element, keeps its declaration; the root's own namespace, not
/// the last XLIFF namespace declared on it, says the version.
#[test]
fn prefix_bound_to_the_1_2_namespace_in_a_2_x_document_is_kept() {
    let text = r#"<xliff srcLang="en" version="2.1" xmlns:mda="urn:oasis:names:tc:xliff:document:1.2" xmlns="urn:oasis:names:tc:xliff:document:2.0">
 <file id="f"><mda:metadata><mda:meta type="x">y</mda:meta></mda:metadata><unit id="u"><segment><source>x</source></segment></unit></file></xliff>"#;
    let doc = text.parse::<Document>().unwrap();
    assert_eq!(doc.version, Version::V2_1);
    let mut out = String::new();
    v2::write(&doc, Version::V2_1, &mut out).unwrap();
    assert!(
        out.contains("xmlns:mda=\"urn:oasis:names:tc:xliff:document:1.2\""),
        "{out}"
    );
    let again = out.parse::<Document>().unwrap();
    assert_eq!(again.version, Version::V2_1);
    assert_eq!(again, doc);
}

/// Fuzz regression (session 2, present since session 1): a character
/// reference in an attribute value to a character XML does not allow
/// (`&#x1A;`) is an error with its position and unit, as in text, not a
/// value the writer could not write back.
#[test]
fn forbidden_character_reference_in_an_attribute_is_an_error() {
    for (value, bad) in [
        ("x:a&#x1a;b", true),
        ("x:a&#1;b", true),
        ("x:a&#x9;b&#xA;", false),
    ] {
        let text = format!(
            r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f"><unit id="u"><segment><source><mrk id="m" type="{value}">t</mrk></source></segment></unit></file></xliff>"#
        );
        match (v2::read(&text), bad) {
            (
                Err(Error::Xml {
                    location, message, ..
                }),
                true,
            ) => {
                assert!(
                    message.contains("character XML does not allow"),
                    "{message}"
                );
                assert_eq!(location.unit.as_deref(), Some("u"));
                assert!(location.position.is_some());
            }
            (Ok(doc), false) => {
                let mut out = String::new();
                v2::write(&doc, Version::V2_0, &mut out).unwrap();
                assert_eq!(v2::read(&out).unwrap(), doc);
            }
            (other, _) => panic!("{value}: {other:?}"),
        }
    }
}

/// An attribute value holding a character XML cannot hold is an error for
/// both writers (text has `<cp>`; attributes have no escape), not a value
/// silently written without it; the output is left as it was.
#[test]
fn attribute_xml_cannot_hold_is_a_write_error() {
    let mut doc = newsloc_xliff::Document::new(Version::V2_0, "en", Some("fr"));
    let mut unit = newsloc_xliff::Unit::new("u");
    unit.push_segment(newsloc_xliff::Segment::new(
        Some("s"),
        newsloc_xliff::Content::text("x"),
    ));
    unit.name = Some("a\u{1}b".into());
    let mut file = newsloc_xliff::File::new("f");
    file.items.push(unit.into());
    doc.files.push(file);
    let mut out = String::from("kept");
    match v2::write(&doc, Version::V2_0, &mut out) {
        Err(Error::Unwritable { message, .. }) => assert!(message.contains("U+0001"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(out, "kept");
    doc.version = Version::V1_2;
    assert!(crate::common::v12::write(&doc, &mut out).is_err());
    assert_eq!(out, "kept");
    // Without it, both write.
    if let Some(u) = doc.units_mut().next() {
        u.name = Some("ab".into());
    }
    assert!(crate::common::v12::write(&doc, &mut out).is_ok());
    assert!(v2::write(&doc, Version::V2_0, &mut String::new()).is_ok());
}

/// Fuzz regression: an attribute merely starting with "xmlns" is not a
/// namespace declaration; a default namespace redeclared on a segment is
/// accepted and not kept.
#[test]
fn xmlns_lookalike_attributes() {
    let bad = format!(
        "{HEAD}<file id=\"f\"><unit id=\"u\"><segment xmlnsid=\"1\"><source>x</source></segment></unit></file></xliff>"
    );
    match v2::read(&bad) {
        Err(Error::Invalid { problems }) => {
            assert!(
                problems
                    .iter()
                    .any(|p| p.kind == ProblemKind::UnexpectedAttribute
                        && p.message.contains("xmlnsid")),
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    let ok = format!(
        "{HEAD}<file id=\"f\"><unit id=\"u\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"><segment xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"><source>x</source></segment></unit></file></xliff>"
    );
    let doc = v2::read(&ok).unwrap();
    let mut out = String::new();
    v2::write(&doc, Version::V2_0, &mut out).unwrap();
    assert_eq!(v2::read(&out).unwrap(), doc);
}

#[test]
fn xliff_2_0_ec_must_repeat_its_sc_attributes_but_2_1_need_not() {
    let doc = |version: &str, ns: &str| {
        format!(
            r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:{ns}" version="{version}" srcLang="en">
<file id="f"><unit id="u"><segment><source><sc id="1" type="fmt" subType="xlf:b"/>a<ec startRef="1" type="fmt" subType="xlf:i"/></source></segment></unit></file></xliff>"#
        )
    };
    let e = doc("2.0", "2.0")
        .parse::<Document>()
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("2:84 (unit u): <sc>/<ec> \"1\" differ in subType (\"xlf:b\" and \"xlf:i\")"),
        "{e}"
    );
    assert!(doc("2.1", "2.0").parse::<Document>().is_ok());
    // the same values, or an ec that gives none, are fine in 2.0
    let same = doc("2.0", "2.0").replace("xlf:i", "xlf:b");
    assert!(same.parse::<Document>().is_ok());
}

/// `Document::from_path` (which drops the file's bytes before parsing)
/// reads every corpus file, valid or not, 2.x and 1.2, exactly as
/// `Document::from_slice` reads the same bytes, with the file named in
/// its errors; a UTF-16 copy of a file reads as the original.
#[test]
fn from_path_reads_as_from_slice() {
    let Some(root) = corpus() else { return };
    let mut files = files_under(&root.join("xliff2"));
    files.extend(files_under(&root.join("xliff12")));
    assert!(files.len() > 500, "{} files", files.len());
    let (mut ok, mut err) = (0, 0);
    for f in &files {
        let bytes = std::fs::read(f).expect("corpus file reads");
        match (Document::from_path(f), Document::from_slice(&bytes)) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b, "{}", f.display());
                ok += 1;
            }
            (Err(a), Err(b)) => {
                let a = a.to_string();
                assert!(a.contains(&f.display().to_string()), "{a}");
                assert_eq!(a, b.with_file(f).to_string());
                err += 1;
            }
            (a, b) => panic!("{}: from_path {a:?}, from_slice {b:?}", f.display()),
        }
    }
    assert!(ok > 400 && err > 100, "{ok} read, {err} refused");

    let source = std::fs::read_to_string(root.join("xliff12/valid/omegat/numeric-sort-demo.xliff"))
        .expect("UTF-8 corpus file")
        .replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    let mut utf16 = vec![0xFE, 0xFF];
    for u in source.encode_utf16() {
        utf16.extend_from_slice(&u.to_be_bytes());
    }
    let tmp = std::env::temp_dir().join(format!("newsloc-utf16-{}.xlf", std::process::id()));
    std::fs::write(&tmp, &utf16).expect("temp file");
    let read = Document::from_path(&tmp);
    let _ = std::fs::remove_file(&tmp);
    assert_eq!(
        read.expect("UTF-16 copy reads"),
        source.parse::<Document>().expect("original reads")
    );
}
