//! The command-line tool, run as a subprocess: stdout, stderr, exit codes.

use crate::common::{newsloc, s};
use std::path::{Path, PathBuf};

fn stories() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/stories")
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsloc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn wire_writes_json_to_stdout() {
    let story = stories().join("port-reopens.txt");
    let out = newsloc(&["wire", story.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "port-reopens");
    assert_eq!(v["version"], 2);
    assert!(out.stderr.is_empty());
}

#[test]
fn wire_to_file_then_render_json_and_wire() {
    let story = stories().join("typhoon-urgent.txt");
    let json = tmp("typhoon.json");
    let out = newsloc(&[
        "wire",
        story.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
        "--id",
        "ty1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    assert!(out.stdout.is_empty());
    // render accepts the JSON form ...
    let out = newsloc(&["render", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let wire = s(&out.stdout);
    assert!(
        wire.starts_with("(URGENT) Typhoon warning issued for southern coast\n"),
        "{wire}"
    );
    assert!(wire.ends_with("(END)\n"));
    // ... and wire copy
    let out = newsloc(&["render", story.to_str().unwrap(), "--as", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["headline"]["tag"], "(URGENT)");
}

#[test]
fn rejected_input_exits_1_with_file_and_line() {
    let bad = tmp("bad.txt");
    std::fs::write(&bad, "date 2026-03-04 (ATTN: ADDS\n\nHead\n\nBody.\n").unwrap();
    let out = newsloc(&["wire", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = s(&out.stderr);
    assert!(err.contains(&format!("{}:1:17:", bad.display())), "{err}");
    assert!(out.stdout.is_empty());

    let empty = tmp("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = newsloc(&["render", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(s(&out.stderr).contains("the story is empty"));

    let json = tmp("bad.json");
    std::fs::write(&json, "{\"format\": \"newsloc/article@1\",\n  \"id\": 5}").unwrap();
    let out = newsloc(&["render", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        s(&out.stderr).contains(&format!("{}:2:", json.display())),
        "{}",
        s(&out.stderr)
    );

    let out = newsloc(&["render", "/nonexistent/story.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(s(&out.stderr).contains("/nonexistent/story.txt"));
}

#[test]
fn a_file_error_says_its_cause_once() {
    // A directory given as the story: the message names it and says why,
    // once (the I/O error is both the message's text and its source).
    let dir = stories();
    let out = newsloc(&["wire", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = s(&out.stderr);
    assert!(
        err.starts_with(&format!("newsloc: error: {}: ", dir.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn binary_input_is_rejected_without_panic() {
    let bin = tmp("garbage.bin");
    std::fs::write(&bin, [0x89u8, b'P', b'N', b'G', 0, 0, 0xff, 0xfe, 0x10]).unwrap();
    let out = newsloc(&["wire", bin.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = s(&out.stderr);
    assert!(err.contains("not a text story"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(newsloc(&[]).status.code(), Some(2));
    assert_eq!(newsloc(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        newsloc(&["render", "x", "--as", "pdf"]).status.code(),
        Some(2)
    );
    let out = newsloc(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(s(&out.stdout).contains("wire"));
}

#[test]
fn export_then_import_with_a_translated_file() {
    let dir = tmp("export");
    let story = stories().join("port-reopens.txt");
    let out = newsloc(&[
        "export",
        story.to_str().unwrap(),
        "--to",
        "ko,ja",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let printed: Vec<String> = s(&out.stdout).lines().map(str::to_string).collect();
    let ko = dir.join("port-reopens.v2.ko.xlf");
    let ja = dir.join("port-reopens.v2.ja.xlf");
    assert_eq!(
        printed,
        [ko.display().to_string(), ja.display().to_string()]
    );
    let xml = std::fs::read_to_string(&ko).unwrap();
    assert!(xml.contains("urn:oasis:names:tc:xliff:document:2.0"));

    // untranslated: rejected, every unit listed, exit 1
    let out = newsloc(&["import", story.to_str().unwrap(), ko.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = s(&out.stderr);
    assert!(err.contains("rejected: 10 problems"), "{err}");
    assert!(err.contains("(unit headline): untranslated"), "{err}");
    assert!(out.stdout.is_empty());

    // fill every target by hand (a translator's tool would) and import
    let filled = xml.replace(
        "</source></segment>",
        "</source><target>번역</target></segment>",
    );
    std::fs::write(&ko, filled).unwrap();
    let json = dir.join("ko.json");
    // a one-word stand-in translation has none of the story's figures: the
    // text checks would refuse it, so they are off here
    let out = newsloc(&[
        "import",
        story.to_str().unwrap(),
        ko.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
        "--qa",
        "off",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    assert!(
        s(&out.stderr).contains("10 of 10 units translated"),
        "{}",
        s(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["language"], "ko");
    assert_eq!(v["byline"][0], "Seo Min-ji");
    assert_eq!(v["translation_of"]["version"], 2);

    // the wrong story
    let other = stories().join("rates-2nd-ld.txt");
    let out = newsloc(&["import", other.to_str().unwrap(), ko.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        s(&out.stderr).contains("wrong file: it is for article port-reopens, not rates-2nd-ld")
    );
}

#[test]
fn export_as_xliff_1_2_with_sentence_units() {
    let dir = tmp("export12");
    let story = stories().join("rates-2nd-ld.txt");
    let out = newsloc(&[
        "export",
        story.to_str().unwrap(),
        "--to",
        "fr",
        "--xliff",
        "1.2",
        "--unit-per-sentence",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let xml = std::fs::read_to_string(dir.join("rates-2nd-ld.v3.fr.xlf")).unwrap();
    assert!(xml.contains("version=\"1.2\""));
    assert!(xml.contains("<trans-unit id=\"p3.s2\""), "{xml}");
}

#[test]
fn import_of_malformed_xliff_names_file_and_position() {
    let bad = tmp("bad.xlf");
    std::fs::write(&bad, "<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"en\">\n<file id=\"f\">\n<unit id=\"u\"><segment><source>x</target>").unwrap();
    let story = stories().join("rates-2nd-ld.txt");
    let out = newsloc(&["import", story.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = s(&out.stderr);
    assert!(err.contains(&format!("{}:3:", bad.display())), "{err}");
    assert!(!err.contains("panicked"));
    let empty = tmp("empty.xlf");
    std::fs::write(&empty, "").unwrap();
    let out = newsloc(&["import", story.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(s(&out.stderr).contains(&empty.display().to_string()));
}

#[test]
fn xliff_check_lists_every_problem_and_stats_counts() {
    let bad = tmp("two-problems.xlf");
    std::fs::write(
        &bad,
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\">\n<file id=\"f\">\n<unit id=\"u\"><segment state=\"bogus\"><source>a</source></segment></unit>\n<unit id=\"u\"><segment><source>b</source></segment></unit>\n</file></xliff>\n",
    )
    .unwrap();
    let out = newsloc(&["xliff", "check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = s(&out.stderr);
    assert!(
        err.contains(&format!("{}: invalid, 2 error(s)", bad.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {}:3:14 (unit u): state=\"bogus\"",
            bad.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {}:4:1 (unit u): unit id \"u\" is not unique",
            bad.display()
        )),
        "{err}"
    );
    // The lenient read: the document could be read, so exit 0, with the
    // same problems printed as warnings.
    let out = newsloc(&["xliff", "check", "--lenient", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    assert!(
        s(&out.stdout).contains(&format!(
            "{}: read, not valid XLIFF (2 error(s))",
            bad.display()
        )),
        "{}",
        s(&out.stdout)
    );
    let warn = s(&out.stderr);
    assert!(
        warn.contains(&format!("warning: {}:3:14", bad.display())),
        "{warn}"
    );
    assert!(
        warn.contains(&format!("warning: {}:4:1", bad.display())),
        "{warn}"
    );
    // What cannot be read at all still fails under --lenient.
    let broken = tmp("broken.xlf");
    std::fs::write(&broken, "<xliff version=\"2.0\"><file>").unwrap();
    let out = newsloc(&["xliff", "check", "--lenient", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        s(&out.stderr).contains(&format!("{}:1:", broken.display())),
        "{}",
        s(&out.stderr)
    );

    let dir = tmp("stats");
    let story = stories().join("port-reopens.txt");
    let out = newsloc(&[
        "export",
        story.to_str().unwrap(),
        "--to",
        "ko",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let xlf = dir.join("port-reopens.v2.ko.xlf");
    let out = newsloc(&["xliff", "check", xlf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    assert!(
        s(&out.stdout).contains("1 file(s), 10 unit(s), 11 segment(s)"),
        "{}",
        s(&out.stdout)
    );
    let out = newsloc(&["xliff", "stats", xlf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stats = s(&out.stdout);
    assert!(stats.contains("segments  11 (0 with a target)"), "{stats}");
    // pseudo-translate, then every word is translated
    let pseudo = dir.join("pseudo.xlf");
    let out = newsloc(&[
        "pseudo",
        xlf.to_str().unwrap(),
        "-o",
        pseudo.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let out = newsloc(&["xliff", "stats", pseudo.to_str().unwrap()]);
    let stats = s(&out.stdout);
    assert!(stats.contains("segments  11 (11 with a target)"), "{stats}");
    assert!(stats.contains("initial    0"), "{stats}");
    // the pseudo-translation garbles the month name of a date (`Sept.`):
    // the figure check refuses it unless that check is lowered
    let out = newsloc(&["import", story.to_str().unwrap(), pseudo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", s(&out.stderr));
    assert!(s(&out.stderr).contains("[number-missing] photo1-caption/s1: “Sept.”"));
    let out = newsloc(&[
        "import",
        story.to_str().unwrap(),
        pseudo.to_str().unwrap(),
        "--check",
        "number-missing=warning",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
}
