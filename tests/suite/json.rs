//! The article's JSON form: round trips, the documented keys, and errors.

use newsloc::{Article, Block, CodeKind, Error, Photo, Run, Text, WireReader};

fn rich() -> Text {
    Text::from_runs(vec![
        Run::Text("Talks with ".into()),
        Run::Start {
            id: "1".into(),
            kind: CodeKind::Emphasis,
            markup: "<em>".into(),
        },
        Run::Protected("KCNA".into()),
        Run::End {
            id: "1".into(),
            markup: "</em>".into(),
        },
        Run::Text(" & \"others\" <b>".into()),
        Run::Code {
            id: "2".into(),
            kind: CodeKind::LineBreak,
            markup: "<br/>".into(),
        },
        Run::Text("🚢\u{200f}".into()),
    ])
    .unwrap()
}

#[test]
fn every_sample_story_round_trips() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/stories");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let a = WireReader::new().read_path(&path).unwrap();
            assert_eq!(
                Article::from_json(&a.to_json()).unwrap(),
                a,
                "{}",
                path.display()
            );
            n += 1;
        }
    }
    assert!(n >= 4);
}

#[test]
fn rich_text_round_trips() {
    let mut a = Article::new("rich", "ko-KR".parse().unwrap());
    a.body.push(Block::Paragraph(rich()));
    a.body.push(Block::Photo(Photo {
        caption: rich(),
        restrictions: vec![],
        copyright: None,
        credit: newsloc::Credit("Yonhap".into()),
    }));
    let json = a.to_json();
    let back = Article::from_json(&json).unwrap();
    assert_eq!(back, a);
    // the documented shape: runs array, language tag string
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["language"], "ko-KR");
    assert_eq!(v["body"][0]["paragraph"][1]["start"], "1");
    assert_eq!(v["body"][0]["paragraph"][2]["protected"], "KCNA");
    assert_eq!(v["body"][1]["photo"]["credit"], "Yonhap");
}

#[test]
fn documented_keys_are_written() {
    let a = WireReader::new()
        .read_path(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/stories/port-reopens.txt"
        ))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
    for key in [
        "format",
        "id",
        "version",
        "language",
        "date",
        "editor_note",
        "headline",
        "byline",
        "dateline",
        "body",
        "end_mark",
        "translation_of",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(v["format"], "newsloc/article@1");
    assert_eq!(v["date"], "2026-09-12");
    assert_eq!(v["headline"]["tag"], "(LEAD)");
    assert_eq!(v["dateline"]["place"], "INCHEON");
    assert_eq!(v["translation_of"], serde_json::Value::Null);
    assert_eq!(v["editor_note_changes"][1]["verb"], "RECASTS");
}

#[test]
fn minimal_json_reads_with_defaults() {
    let a = Article::from_json(
        r#"{"format":"newsloc/article@1","id":"x","version":1,"language":"en","body":[{"paragraph":"Hi."}]}"#,
    )
    .unwrap();
    assert!(a.headline.is_none() && a.byline.is_empty() && !a.end_mark);
}

#[test]
fn errors_are_clear() {
    let cases = [
        (r#"{"id":"x"}"#, "no \"format\" key"),
        (
            r#"{"format":"ninjs","id":"x"}"#,
            "unsupported format \"ninjs\"",
        ),
        (
            r#"{"format":"newsloc/article@1","id":"x","version":1,"language":"en","body":[],"colour":1}"#,
            "unknown field `colour`",
        ),
        (
            r#"{"format":"newsloc/article@1","id":"x","version":1,"language":"en","date":"2026-02-30","body":[]}"#,
            "does not exist",
        ),
        (
            r#"{"format":"newsloc/article@1","id":"x","version":1,"language":"not a tag!","body":[]}"#,
            "",
        ),
        (
            r#"{"format":"newsloc/article@1","id":"x","version":0,"language":"en","body":[]}"#,
            "version must be 1 or more",
        ),
        (
            r#"{"format":"newsloc/article@1","id":"x","version":1,"language":"en","body":[{"table":1}]}"#,
            "unknown variant `table`",
        ),
        ("{\"format\":\"newsloc/article@1\",\n\"id\":", "EOF"),
    ];
    for (json, want) in cases {
        let e = Article::from_json(json).unwrap_err();
        assert!(matches!(e, Error::Json { .. }), "{json}: {e:?}");
        assert!(e.to_string().contains(want), "{json}: {e}");
    }
}

/// json_read (10-million-run campaign): an article whose id held a control
/// character (U+0008, from a JSON `\b`) exported to a document that could
/// not be written (the id goes into attributes, where XML has no escape).
/// The export now refuses it, naming the character; the library and the
/// CLI stop with an error, never a panic or a half-written file.
#[test]
fn regression_control_character_in_the_id_is_refused_at_export() {
    let json = r#"{"format":"newsloc/article@1","id":"ferry\bstory","version":1,"language":"en",
        "body":[{"paragraph":"Ferries run again."}]}"#;
    let a = Article::from_json(json).unwrap();
    assert_eq!(a.id, "ferry\u{8}story");
    let e = newsloc::Exporter::new()
        .export(&a, &"ko".parse().unwrap())
        .unwrap_err();
    assert!(matches!(e, Error::Model { .. }), "{e:?}");
    assert!(e.to_string().contains("U+0008"), "{e}");
    assert!(e.to_string().contains("XML cannot hold"), "{e}");
    // the JSON round trip and rendering still hold for such an article
    assert_eq!(Article::from_json(&a.to_json()).unwrap(), a);
    let dir = std::env::temp_dir().join(format!("newsloc-ctl-id-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.json");
    std::fs::write(&file, json).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .args(["export", "--to", "ko", "-o"])
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("U+0008"));
    let written: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "xlf")
        })
        .collect();
    assert!(written.is_empty(), "{written:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
