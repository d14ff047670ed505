//! The export and CLI edges of files that come back from translators'
//! tools (issue #14 items 6 and 10-13, issue #13 item 5): exports tools
//! can re-use, length limits in both versions, safe file names, pseudo,
//! messages, and an export written in the other XLIFF version.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::str::FromStr;

use newsloc::xliff::{Document, State, Version};
use newsloc::{Error, Exporter, FindingKind, ImportOptions, import};

fn newsloc(args: &[&str]) -> Output {
    newsloc_in(args, None)
}

/// Runs the CLI with `stdin` on its standard input.
fn newsloc_in(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .args(args)
        .env_remove("NEWSLOC_STORE")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    if let Some(bytes) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(bytes)
            .expect("stdin written");
    }
    child.wait_with_output().expect("the CLI finishes")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsloc-edges-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn story(name: &str) -> String {
    common::story_path(name).display().to_string()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Validates with xmllint against the schema of `version`; under CI a
/// missing xmllint fails.
fn valid(xml: &str, version: Version, name: &str) {
    if let Some(Err(e)) = common::xmllint(xml, version, name) {
        panic!("{name} does not validate as XLIFF {version}:\n{e}");
    }
}

/// Exports `story` with the CLI into a fresh folder; the file's path.
fn export_cli(story_file: &str, dir: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["export", story_file, "--to", "ko", "-o", p(dir)];
    args.extend_from_slice(extra);
    let out = newsloc(&args);
    assert!(out.status.success(), "export: {}", text(&out.stderr));
    let path = text(&out.stdout)
        .lines()
        .next()
        .expect("a path")
        .to_string();
    PathBuf::from(path)
}

/// Fills every target of the file with the upper-cased source, writing it
/// back in the version it is in.
fn translate_file(path: &Path) {
    let mut doc = Document::from_path(path).unwrap();
    common::fill_targets(&mut doc, common::shout);
    std::fs::write(path, doc.to_xml().unwrap()).unwrap();
}

// ------------------------------------------------ #13 item 5: cross-version

/// A 1.2 export written as 2.0, 2.1 and 2.2 by `xliff convert`, and a 2.0
/// export written as 1.2, each translated and imported through the CLI.
#[test]
fn an_export_converted_to_the_other_version_imports() {
    let dir = scratch("convert");
    let source = story("port-reopens.txt");
    let cases = [
        ("1.2", "2.0", Version::V2_0),
        ("1.2", "2.1", Version::V2_1),
        ("1.2", "2.2", Version::V2_2),
        ("2.0", "1.2", Version::V1_2),
        ("2.2", "1.2", Version::V1_2),
    ];
    for (from, to, version) in cases {
        let sub = dir.join(format!("{from}-{to}"));
        let exported = export_cli(&source, &sub, &["--xliff", from, "--headline-limit", "40"]);
        let converted = sub.join("converted.xlf");
        let out = newsloc(&[
            "xliff",
            "convert",
            p(&exported),
            "--to",
            to,
            "-o",
            p(&converted),
        ]);
        assert!(out.status.success(), "convert: {}", text(&out.stderr));
        let xml = std::fs::read_to_string(&converted).unwrap();
        valid(&xml, version, &format!("converted-{from}-{to}"));
        let doc = Document::from_str(&xml).unwrap();
        assert_eq!(doc.version, version);
        if from == "1.2" {
            // the 1.2 export's attributes keep their declared prefix
            assert!(
                xml.contains(r#"xmlns:nl="urn:newsloc:xliff:1""#),
                "{from}->{to}"
            );
            assert!(xml.contains(r#"nl:article="port-reopens""#), "{from}->{to}");
        }
        let ids = newsloc::identify(&doc);
        assert_eq!(ids.len(), 1, "{from}->{to}");
        assert_eq!(ids[0].article, "port-reopens");
        assert_eq!(ids[0].target.as_deref(), Some("ko"));
        translate_file(&converted);
        let json = sub.join("ko.json");
        let out = newsloc(&[
            "import",
            &source,
            p(&converted),
            "-o",
            p(&json),
            "--qa",
            "off",
        ]);
        assert!(
            out.status.success(),
            "{from}->{to} import: {}",
            text(&out.stderr)
        );
        // the limit travelled: "Incheon port reopens as typhoon weakens
        // over Yellow Sea" is 55 characters
        assert!(
            text(&out.stderr).contains("  headline: 55 characters, the limit is 40"),
            "{from}->{to}: {}",
            text(&out.stderr)
        );
        let ko = newsloc::read_article(&json).unwrap();
        assert_eq!(
            common::unit_text(&ko, "headline"),
            "INCHEON PORT REOPENS AS TYPHOON WEAKENS OVER YELLOW SEA",
            "{from}->{to}"
        );
        assert_eq!(ko.language.to_string(), "ko");
    }
}

#[test]
fn convert_reads_standard_input_and_keeps_a_round_trip() {
    let dir = scratch("convert-stdin");
    let exported = export_cli(&story("typhoon-urgent.txt"), &dir, &["--xliff", "1.2"]);
    let bytes = std::fs::read(&exported).unwrap();
    let out = newsloc_in(&["xliff", "convert", "-", "--to", "2.0"], Some(&bytes));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let back = newsloc_in(&["xliff", "convert", "-", "--to", "1.2"], Some(&out.stdout));
    assert!(back.status.success(), "{}", text(&back.stderr));
    assert_eq!(
        Document::from_slice(&back.stdout).unwrap(),
        Document::from_slice(&bytes).unwrap()
    );
}

// --------------------------------------------- #14 item 6: re-usable exports

/// `original` names the story and its language, not the version; the
/// version is in the metadata, where import finds it.
#[test]
fn original_is_the_same_for_every_version_of_a_story() {
    let dir = scratch("original");
    for version in ["1.2", "2.0"] {
        let mut originals = Vec::new();
        let mut versions = Vec::new();
        for (name, file) in [
            ("v1", "port-reopens.txt"),
            ("v2", "port-reopens-2nd-ld.txt"),
        ] {
            let path = export_cli(
                &story(file),
                &dir.join(format!("{version}-{name}")),
                &["--xliff", version, "--id", "port-reopens"],
            );
            let doc = Document::from_path(&path).unwrap();
            originals.push(doc.files[0].original.as_deref().unwrap().to_string());
            versions.push(newsloc::identify(&doc)[0].version);
        }
        assert_eq!(originals, ["port-reopens.en.json", "port-reopens.en.json"]);
        assert_ne!(versions[0], versions[1], "{version}: {versions:?}");
        assert!(versions.iter().all(Option::is_some));
    }
}

/// Every note of a 1.2 export is `from="developer"`, the notes a PO
/// converter keeps as extracted comments.
#[test]
fn notes_of_a_1_2_export_are_from_the_developer() {
    let dir = scratch("notes");
    let path = export_cli(&story("port-reopens-2nd-ld.txt"), &dir, &["--xliff", "1.2"]);
    let xml = std::fs::read_to_string(&path).unwrap();
    let notes = xml.matches("<note ").count();
    assert!(notes > 10, "{notes} notes");
    assert_eq!(xml.matches(r#"<note from="developer">"#).count(), notes);
    valid(&xml, Version::V1_2, "notes");
}

#[test]
fn prefill_source_copies_each_source_in_the_initial_state() {
    let dir = scratch("prefill");
    for (version, state, v) in [
        ("1.2", r#"state="needs-translation""#, Version::V1_2),
        ("2.0", r#"state="initial""#, Version::V2_0),
    ] {
        let path = export_cli(
            &story("port-reopens.txt"),
            &dir.join(version),
            &["--xliff", version, "--prefill", "source"],
        );
        let xml = std::fs::read_to_string(&path).unwrap();
        valid(&xml, v, &format!("prefill-{version}"));
        let doc = Document::from_str(&xml).unwrap();
        let segments: Vec<_> = doc.units().flat_map(|u| u.segments()).collect();
        assert_eq!(segments.len(), 11);
        for s in &segments {
            assert_eq!(s.target.as_ref(), Some(&s.source));
            assert_eq!(s.state, Some(State::Initial));
        }
        // 1.2 states a whole trans-unit's target (10 units), 2.x each segment
        let states = if version == "1.2" { 10 } else { 11 };
        assert_eq!(xml.matches(state).count(), states, "{version}");
    }
}

// ---------------------------------------------------------- #14 item 10

/// The headline and caption limits travel in 2.x with the Size and Length
/// Restriction module and validate in every 2.x version.
#[test]
fn limits_are_written_with_the_size_restriction_module() {
    let dir = scratch("limits");
    for (version, v) in [
        ("2.0", Version::V2_0),
        ("2.1", Version::V2_1),
        ("2.2", Version::V2_2),
    ] {
        let path = export_cli(
            &story("port-reopens.txt"),
            &dir.join(version),
            &[
                "--xliff",
                version,
                "--headline-limit",
                "40",
                "--caption-limit",
                "60",
            ],
        );
        let xml = std::fs::read_to_string(&path).unwrap();
        valid(&xml, v, &format!("limits-{version}"));
        assert!(xml.contains(r#"xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0""#));
        assert!(xml.contains(r#"<slr:profiles generalProfile="xliff:codepoints">"#));
        assert_eq!(xml.matches(r#"slr:sizeRestriction="40""#).count(), 1);
        // two photos
        assert_eq!(xml.matches(r#"slr:sizeRestriction="60""#).count(), 2);
    }
}

/// A headline over its limit is a finding at import, in both versions.
#[test]
fn limits_are_checked_at_import_in_both_versions() {
    let article = common::story("port-reopens.txt");
    for version in [Version::V1_2, Version::V2_0] {
        let mut exporter = Exporter::new();
        exporter.version(version).headline_limit(40);
        let doc = exporter.export(&article, &"ko".parse().unwrap()).unwrap();
        let mut doc = Document::from_str(&common::xml(&doc, version)).unwrap();
        common::fill_targets(&mut doc, common::shout);
        let mut options = ImportOptions::new();
        let mut qa = newsloc::qa::Checker::new();
        qa.mode(newsloc::qa::Mode::Off);
        options.qa(qa);
        let imported = import(&doc, &article, &options).unwrap();
        let long: Vec<_> = imported
            .report
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::TooLong)
            .collect();
        // "Incheon port reopens as typhoon weakens over Yellow Sea": 55
        assert_eq!(long.len(), 1, "{version}: {:?}", imported.report.findings);
        assert_eq!(long[0].unit, "headline");
        assert_eq!(long[0].message, "55 characters, the limit is 40");
    }
}

/// A caption target hundreds of times longer than its source is refused,
/// with the unit's line and column, from the CLI.
#[test]
fn a_target_far_longer_than_its_source_is_refused() {
    let dir = scratch("far-longer");
    let source = story("port-reopens.txt");
    for version in ["1.2", "2.0"] {
        let path = export_cli(&source, &dir.join(version), &["--xliff", version]);
        let mut doc = Document::from_path(&path).unwrap();
        // photo1-caption: "A tugboat guides a container ship into Incheon
        // port on Sept. 12, 2026." is 70 characters: at most 450
        common::fill_targets(&mut doc, |c| {
            if c.plain_text().starts_with("A tugboat") {
                newsloc::xliff::Content::text(&"배".repeat(451))
            } else {
                common::shout(c)
            }
        });
        let xml = doc.to_xml().unwrap();
        std::fs::write(&path, &xml).unwrap();
        let line = xml
            .lines()
            .position(|l| l.contains(r#"id="photo1-caption""#))
            .unwrap()
            + 1;
        let out = newsloc(&["import", &source, p(&path), "--qa", "off"]);
        assert_eq!(out.status.code(), Some(1), "{version}");
        let err = text(&out.stderr);
        assert!(
            err.contains(&format!(":{line}:"))
                && err.contains(
                    "(unit photo1-caption): the target is 451 characters, far longer than any \
                 translation of its 70-character source (at most 450)"
                ),
            "{version}: {err}"
        );
    }
}

/// A caption beyond the size any text may have (4 MiB) is refused for its
/// length too, not as a broken code.
#[test]
fn a_caption_of_megabytes_is_refused_as_far_longer() {
    let article = common::story("port-reopens.txt");
    let mut doc = Exporter::new()
        .export(&article, &"ko".parse().unwrap())
        .unwrap();
    let huge = "x".repeat(5 * 1024 * 1024);
    common::fill_targets(&mut doc, |c| {
        if c.plain_text().starts_with("A tugboat") {
            newsloc::xliff::Content::text(&huge)
        } else {
            common::shout(c)
        }
    });
    let mut options = ImportOptions::new();
    let mut qa = newsloc::qa::Checker::new();
    qa.mode(newsloc::qa::Mode::Off);
    options.qa(qa);
    let Err(Error::Rejected { problems }) = import(&doc, &article, &options) else {
        panic!("accepted");
    };
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [format!(
            "(unit photo1-caption): the target is {} characters, far longer than any \
             translation of its 70-character source (at most 450)",
            5 * 1024 * 1024
        )]
    );
}

// ---------------------------------------------------------- #14 item 11

/// Ids that are paths, URIs or nothing name files inside `-o` only,
/// by the documented mapping; nothing is written beside the folder.
#[test]
fn ids_become_safe_file_names() {
    let root = scratch("names");
    let out_dir = root.join("out");
    let cases = [
        ("../escape", "%2E.%2Fescape.v1.ko.xlf"),
        ("/tmp/abs", "%2Ftmp%2Fabs.v1.ko.xlf"),
        (
            "http://example.com/news/2026/a?b=1",
            "http%3A%2F%2Fexample.com%2Fnews%2F2026%2Fa%3Fb%3D1.v1.ko.xlf",
        ),
        (".hidden", "%2Ehidden.v1.ko.xlf"),
        ("", "%.v1.ko.xlf"),
        ("서울", "%EC%84%9C%EC%9A%B8.v1.ko.xlf"),
        ("Nul", "%4Eul.v1.ko.xlf"),
        ("end.", "end%2E.v1.ko.xlf"),
    ];
    for (id, _) in cases {
        export_cli(&story("typhoon-urgent.txt"), &out_dir, &["--id", id]);
    }
    let mut expected: Vec<String> = cases.iter().map(|(_, n)| n.to_string()).collect();
    expected.sort();
    assert_eq!(names(&out_dir), expected);
    assert_eq!(names(&root), ["out"]);
    // a long URI: 180 bytes of its escaped form, `~` and a hash
    let long = format!("http://example.com/{}", "a".repeat(300));
    let name = newsloc::store::output_name(&long, 1, &"ko".parse().unwrap());
    assert!(
        name.starts_with("http%3A%2F%2Fexample.com%2Faaaa"),
        "{name}"
    );
    assert_eq!(name.find('~'), Some(180));
    assert_eq!(name.len(), 180 + 1 + 16 + ".v1.ko.xlf".len());
}

/// The store's export names files the same way.
#[test]
fn the_store_export_names_files_the_same_way() {
    let root = scratch("store-names");
    let db = root.join("newsloc.db");
    let out_dir = root.join("out");
    let id = "http://example.com/a/../b";
    let add = newsloc(&[
        "--store",
        p(&db),
        "add",
        &story("typhoon-urgent.txt"),
        "--id",
        id,
    ]);
    assert!(add.status.success(), "{}", text(&add.stderr));
    let out = newsloc(&[
        "--store",
        p(&db),
        "export",
        id,
        "--to",
        "ko",
        "-o",
        p(&out_dir),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        names(&out_dir),
        ["http%3A%2F%2Fexample.com%2Fa%2F..%2Fb.v1.ko.xlf"]
    );
    // a returned file left there is not replaced
    translate_file(&out_dir.join(&names(&out_dir)[0]));
    let again = newsloc(&[
        "--store",
        p(&db),
        "export",
        id,
        "--to",
        "ko",
        "-o",
        p(&out_dir),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        // five segments, all upper-cased
        text(&again.stderr).contains("holds 5 translated segment(s) this export would replace"),
        "{}",
        text(&again.stderr)
    );
}

/// A returned file in the export folder is kept unless `--force`; an
/// untranslated earlier export is replaced.
#[test]
fn export_refuses_to_replace_translations_without_force() {
    let dir = scratch("overwrite");
    let source = story("port-reopens.txt");
    let path = export_cli(&source, &dir, &[]);
    // the same export again: nothing is lost
    export_cli(&source, &dir, &[]);
    translate_file(&path);
    let returned = std::fs::read(&path).unwrap();
    let out = newsloc(&["export", &source, "--to", "ko", "-o", p(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    // 11 segments; "INCHEON" upper-cased is its source again, no translation
    assert!(
        err.contains(&format!(
            "{} holds 10 translated segment(s) this export would replace (a returned file?); \
             nothing written (--force overwrites it)",
            path.display()
        )),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), returned);
    let forced = newsloc(&["export", &source, "--to", "ko", "-o", p(&dir), "--force"]);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert_ne!(std::fs::read(&path).unwrap(), returned);
}

// ---------------------------------------------------------- #14 item 12

/// The corpus files whose pseudo-translation broke the rule that a target
/// has its source's `xml:space`.
const SPACE_FILES: &[&str] = &[
    "xliff2/valid/matecat/1111_prova.md.xlf",
    "xliff2/valid/matecat/blank-dataRef.xliff",
    "xliff2/valid/matecat/prova.md.xlf",
    "xliff2/valid/matecat/xliff_20_with_g_tags_in_dataref.xlf",
    "xliff2/valid/maxprograms/terminology.docx.parsed.xlf",
    "xliff2/valid/maxprograms/terminology.docx.xlf",
    "xliff2/valid/okapi-filter-xliff2/roundtrips/update_target_input.xlf",
    "xliff2/valid/okapi-integration/deepenSegmentation/2020-10-12.xlf",
    "xliff2/valid/okapi-integration/deepenSegmentation/issue989.xlf",
    "xliff2/valid/okapi-integration/duplicate_inline_tags/duplicate_tag_ids.xlf",
    "xliff2/valid/okapi-integration/test_seg.xlf",
    "xliff2/valid/okapi-integration/test_unit_37.xlf2",
    "xliff2/valid/okapi-integration/white_space.xlf",
];

/// Pseudo-translating every valid corpus file the strict reader opens
/// gives a file it opens again; where the original validates against its
/// schema, so does the output.
#[test]
fn pseudo_output_of_every_corpus_file_is_valid() {
    let (Some(v2), Some(v12)) = (
        common::corpus("xliff2/valid"),
        common::corpus("xliff12/valid"),
    ) else {
        return;
    };
    let out_dir = scratch("pseudo-corpus");
    let mut by_schema: Vec<(Version, Vec<(PathBuf, PathBuf)>)> = Vec::new();
    let mut read = 0;
    for (i, file) in common::files(&v2)
        .into_iter()
        .chain(common::files(&v12))
        .enumerate()
    {
        let Ok(mut doc) = Document::from_path(&file) else {
            assert!(
                !SPACE_FILES.contains(&common::rel(&file).as_str()),
                "{} no longer reads",
                common::rel(&file)
            );
            continue;
        };
        read += 1;
        newsloc::xliff::pseudo_translate(&mut doc);
        let version = doc.version;
        let xml = doc.to_xml().unwrap();
        if let Err(e) = Document::from_str(&xml) {
            panic!(
                "{}: the pseudo-translation is refused: {e}",
                common::rel(&file)
            );
        }
        let out = out_dir.join(format!("{i}.xlf"));
        std::fs::write(&out, &xml).unwrap();
        match by_schema.iter_mut().find(|(v, _)| *v == version) {
            Some((_, list)) => list.push((file, out)),
            None => by_schema.push((version, vec![(file, out)])),
        }
    }
    assert!(read > 400, "{read} files read");
    let mut checked = 0;
    for (version, pairs) in &by_schema {
        let originals: Vec<&Path> = pairs.iter().map(|(f, _)| f.as_path()).collect();
        let Some(ok) = lint_many(&originals, *version) else {
            return;
        };
        let outputs: Vec<&Path> = pairs
            .iter()
            .zip(&ok)
            .filter(|(_, ok)| **ok)
            .map(|((_, o), _)| o.as_path())
            .collect();
        checked += outputs.len();
        let out_ok = lint_many(&outputs, *version).unwrap();
        let bad: Vec<String> = pairs
            .iter()
            .zip(&ok)
            .filter(|(_, ok)| **ok)
            .zip(out_ok)
            .filter(|(_, ok)| !ok)
            .map(|(((f, _), _), _)| common::rel(f))
            .collect();
        assert!(
            bad.is_empty(),
            "XLIFF {version}: invalid after pseudo: {bad:?}"
        );
    }
    eprintln!("{checked} pseudo-translations validated");
    assert!(checked > 300, "{checked} pseudo-translations validated");
}

/// Which of `files` validate against the schema of `version`, by one
/// xmllint run; `None` outside CI when xmllint is missing.
fn lint_many(files: &[&Path], version: Version) -> Option<Vec<bool>> {
    let schemas = Path::new(common::CORPUS).join("schemas");
    let schema = match version {
        Version::V1_2 => schemas.join("xliff12/xliff-core-1.2-transitional.xsd"),
        Version::V2_0 => schemas.join("xliff2/2.0/validate-with-modules.xsd"),
        Version::V2_1 => schemas.join("xliff2/2.1/validate-with-modules.xsd"),
        _ => schemas.join("xliff2/2.2/validate-with-modules.xsd"),
    };
    if files.is_empty() {
        return Some(Vec::new());
    }
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .args(files)
        .env("XML_CATALOG_FILES", schemas.join("catalog.xml"))
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "xmllint cannot run: {e}");
            eprintln!("skipped: xmllint cannot run: {e}");
            return None;
        }
    };
    let err = text(&out.stderr);
    Some(
        files
            .iter()
            .map(|f| err.contains(&format!("{} validates", f.display())))
            .collect(),
    )
}

#[test]
fn pseudo_refuses_to_replace_translations_without_force() {
    let dir = scratch("pseudo");
    let path = export_cli(&story("port-reopens.txt"), &dir, &[]);
    // an export has no translation: pseudo fills it, from standard input
    let bytes = std::fs::read(&path).unwrap();
    let out = newsloc_in(&["pseudo", "-"], Some(&bytes));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let filled = Document::from_slice(&out.stdout).unwrap();
    assert!(newsloc::xliff::has_translations(&filled));
    translate_file(&path);
    let returned = Document::from_path(&path).unwrap();
    let out = newsloc(&["pseudo", p(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "newsloc: error: {}: holds translations, which pseudo would replace; nothing \
             written (--force replaces them)\n",
            path.display()
        )
    );
    assert!(out.stdout.is_empty());
    let out = newsloc(&["pseudo", p(&path), "--force"]);
    assert!(out.status.success());
    assert_ne!(Document::from_slice(&out.stdout).unwrap(), returned);
}

// ---------------------------------------------------------- #14 item 13

#[test]
fn xliff_check_says_what_is_wrong_with_a_file() {
    let dir = scratch("check");
    let json = dir.join("story.json");
    std::fs::write(&json, "{\"format\": \"newsloc/article@1\"}\n").unwrap();
    let missing = dir.join("missing.xlf");
    let out = newsloc(&["xliff", "check", p(&missing), p(&json)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{}: cannot read: ", missing.display())),
        "{err}"
    );
    assert_eq!(
        lines[1],
        format!(
            "{}: not XML: it is JSON (an article's JSON form?), not an XLIFF file",
            json.display()
        )
    );
    assert_eq!(lines[2], "newsloc: error: 2 of 2 file(s) invalid");
}

/// A directory is every file in it in name order (hidden ones left out),
/// and `-` is standard input.
#[test]
fn directories_and_standard_input_where_files_are_expected() {
    let dir = scratch("dir");
    let a = export_cli(&story("typhoon-urgent.txt"), &dir, &["--id", "b-story"]);
    let b = export_cli(&story("typhoon-urgent.txt"), &dir, &["--id", "a-story"]);
    std::fs::write(dir.join(".hidden.xlf"), "not XML").unwrap();
    let out = newsloc(&["xliff", "check", p(&dir)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with(&format!("{}: valid XLIFF", b.display())));
    assert!(lines[1].starts_with(&format!("{}: valid XLIFF", a.display())));
    let out = newsloc_in(&["xliff", "stats", "-"], Some(&std::fs::read(&a).unwrap()));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("-\n  files     1\n"));
    // a story on standard input, to wire and to export
    let story_bytes = std::fs::read(story("typhoon-urgent.txt")).unwrap();
    let out = newsloc_in(&["wire", "-", "--id", "typhoon"], Some(&story_bytes));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let article = newsloc::Article::from_json(&text(&out.stdout)).unwrap();
    assert_eq!(article.id, "typhoon");
    let sub = dir.join("from-stdin");
    let out = newsloc_in(
        &[
            "export",
            "-",
            "--id",
            "typhoon",
            "--to",
            "ko",
            "-o",
            p(&sub),
        ],
        Some(&story_bytes),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(names(&sub), ["typhoon.v1.ko.xlf"]);
}

/// At most 50 problems are printed, then a count.
#[test]
fn at_most_fifty_problems_are_printed() {
    let dir = scratch("fifty");
    let units: String = (0..61)
        .map(|_| "<unit id=\"u\"><segment><source>a</source></segment></unit>")
        .collect();
    let file = dir.join("dup.xlf");
    std::fs::write(
        &file,
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" \
             srcLang=\"en\"><file id=\"f\">{units}</file></xliff>"
        ),
    )
    .unwrap();
    let out = newsloc(&["xliff", "check", p(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{}: invalid, 60 error(s), 1 file(s), 61 unit(s), 61 segment(s):",
            file.display()
        )
    );
    assert_eq!(lines.len(), 1 + 50 + 2, "{err}");
    assert!(
        lines[1..51]
            .iter()
            .all(|l| l.contains("(unit u): unit id \"u\" is not unique"))
    );
    assert_eq!(lines[51], "  ... and 10 more problem(s)");
    // the same for an import's problems
    let problems = (0..60)
        .map(|i| newsloc::Problem {
            location: newsloc::Location {
                unit: Some(format!("p{i}")),
                ..Default::default()
            },
            message: "untranslated".into(),
        })
        .collect();
    let message = Error::Rejected { problems }.to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 1 + 50 + 1);
    assert_eq!(lines[0], "rejected: 60 problems");
    assert_eq!(lines[50], "  (unit p49): untranslated");
    assert_eq!(lines[51], "  ... and 10 more problem(s)");
}

/// Unit-level import problems carry the unit's line and column.
#[test]
fn import_problems_carry_line_and_column() {
    let dir = scratch("located");
    let source = story("port-reopens.txt");
    let path = export_cli(&source, &dir, &["--xliff", "1.2"]);
    // p3 left untranslated, everything else translated
    let mut doc = Document::from_path(&path).unwrap();
    common::fill_targets(&mut doc, common::shout);
    for u in doc.units_mut() {
        if &*u.id == "p3" {
            for s in u.segments_mut() {
                s.target = None;
            }
        }
    }
    doc.convert(Version::V1_2);
    let xml = doc.to_xml().unwrap();
    std::fs::write(&path, &xml).unwrap();
    let line = xml
        .lines()
        .position(|l| l.starts_with(r#"<trans-unit id="p3""#))
        .unwrap()
        + 1;
    let out = newsloc(&["import", &source, p(&path), "--qa", "off"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}:{line}:1 (unit p3): untranslated",
            path.display()
        )),
        "{err}"
    );
}

/// The rights check speaks words: the values quoted, absence as "none".
#[test]
fn rights_messages_are_words() {
    let source = common::story("typhoon-urgent.txt");
    let mut doc = Exporter::new()
        .export(&source, &"ko".parse().unwrap())
        .unwrap();
    common::fill_targets(&mut doc, common::shout);
    let mut options = ImportOptions::new();
    let mut qa = newsloc::qa::Checker::new();
    qa.mode(newsloc::qa::Mode::Off);
    options.qa(qa);
    let mut ko = import(&doc, &source, &options).unwrap().article;
    if let Some(h) = ko.headline.as_mut() {
        h.tag = None;
    }
    let restrictions = source.photos().next().unwrap().restrictions.clone();
    for b in &mut ko.body {
        if let newsloc::Block::Photo(photo) = b {
            photo.restrictions = vec![newsloc::UsageRestriction("(No Archiving)".into())];
        }
    }
    let err = newsloc::render::check_rights(&ko, &source).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains(
            "update tag differs from the source: the translation has none, the source \"(URGENT)\""
        ),
        "{message}"
    );
    let theirs = if restrictions.is_empty() {
        "none".to_string()
    } else {
        restrictions
            .iter()
            .map(|r| format!("\"{}\"", r.0))
            .collect::<Vec<_>>()
            .join(", ")
    };
    assert!(
        message.contains(&format!(
            "(unit photo1-caption): usage restrictions differs from the source: the translation \
             has \"(No Archiving)\", the source {theirs}"
        )),
        "{message}"
    );
    assert!(!message.contains("Some("), "{message}");
    assert!(!message.contains("UsageRestriction("), "{message}");
}
