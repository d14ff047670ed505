//! The store, through the CLI and the library, with one suite run against
//! every backend: SQLite always, PostgreSQL when `NEWSLOC_TEST_POSTGRES`
//! names a database (under `CI` it must: the tests fail, not skip).
//!
//! Each test gets a store of its own (a fresh SQLite file, a fresh
//! PostgreSQL schema), so the tests run in parallel.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use newsloc::store::{self, StatusKind, Store};
use newsloc::xliff::{Content, Document};

// ------------------------------------------------------------------ setup

struct Backend {
    name: &'static str,
    location: String,
    dir: PathBuf,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versions")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).to_str().unwrap().to_string()
}

fn scratch(test: &str, backend: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "newsloc-store-{}-{test}-{backend}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh PostgreSQL schema for one test, and the URL that selects it.
fn postgres_schema(base: &str, schema: &str) -> String {
    let mut client = postgres::Client::connect(base, postgres::NoTls)
        .unwrap_or_else(|e| panic!("NEWSLOC_TEST_POSTGRES={base}: cannot connect: {e}"));
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}options=-csearch_path%3D{schema}%2Cpublic")
}

/// Every backend to run a test on, each with an empty store.
fn backends(test: &str) -> Vec<Backend> {
    let dir = scratch(test, "sqlite");
    let mut out = vec![Backend {
        name: "sqlite",
        location: dir.join("newsloc.db").to_str().unwrap().to_string(),
        dir,
    }];
    match std::env::var("NEWSLOC_TEST_POSTGRES") {
        Ok(base) if !base.is_empty() => {
            let schema = format!("t_{}_{}", test, std::process::id());
            out.push(Backend {
                name: "postgres",
                location: postgres_schema(&base, &schema),
                dir: scratch(test, "postgres"),
            });
        }
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but NEWSLOC_TEST_POSTGRES is not: the PostgreSQL store tests cannot run"
            );
            eprintln!("note: NEWSLOC_TEST_POSTGRES not set; PostgreSQL store tests skipped");
        }
    }
    out
}

impl Backend {
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_newsloc"));
        c.args(args)
            .current_dir(&self.dir)
            .env("NEWSLOC_STORE", &self.location)
            .env_remove("NEWSLOC_TEST_PAUSE_IN_TRANSACTION");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run newsloc")
    }

    /// Runs and asserts exit 0; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "[{}] newsloc {args:?}\nstdout: {}\nstderr: {}",
            self.name,
            s(&out.stdout),
            s(&out.stderr)
        );
        s(&out.stdout)
    }

    fn open(&self) -> Box<dyn Store> {
        store::open(&self.location).unwrap()
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_str().unwrap().to_string()
    }

    /// `status ID --to ko` as (kind, changed units).
    fn status(&self, id: &str) -> (String, Vec<String>) {
        let out = self.ok(&["status", id, "--to", "ko", "--json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let st = &v[0];
        let changed = st["changed_units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap().to_string())
            .collect();
        (st["kind"].as_str().unwrap().to_string(), changed)
    }
}

fn s(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A translator's work: every empty target gets `KO: source`, with the
/// month written as Korean does (`Dec.` → `12월`, so the figures check
/// finds the date); targets already filled (re-used) are kept.
fn fill(exported: &str, returned: &str) {
    let mut doc = Document::from_path(exported).unwrap();
    for unit in doc.units_mut() {
        for seg in unit.segments_mut() {
            let filled = seg
                .target
                .as_ref()
                .is_some_and(|t| !t.plain_text().is_empty());
            if !filled {
                let t = format!("KO: {}", seg.source.plain_text().replace("Dec.", "12월"));
                seg.target = Some(Content::text(&t));
            }
        }
    }
    std::fs::write(returned, doc.to_xml().unwrap()).unwrap();
}

/// The targets of a unit in an exported file, sentences joined by a space
/// (`None` when no segment has a target).
fn target_of(xlf: &str, unit: &str) -> Option<String> {
    let doc = Document::from_path(xlf).unwrap();
    let u = doc
        .unit(unit)
        .unwrap_or_else(|| panic!("{xlf}: no unit {unit}"));
    let parts: Vec<String> = u
        .segments()
        .filter_map(|s| s.target.as_ref().map(|t| t.plain_text()))
        .filter(|t| !t.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

// ------------------------------------------------------------------ tests

/// The story in three versions through add → export → fill → import, with
/// the status checked at every step.
#[test]
fn three_versions_through_the_store() {
    for b in backends("cycle") {
        assert_eq!(
            b.ok(&["add", "--id", "missile", &fixture("missile-v1.txt")]),
            "missile v1: new article\n"
        );
        assert_eq!(b.status("missile"), ("missing".into(), vec![]));

        let out = b.ok(&["export", "missile", "--to", "ko", "-o", &b.path("out")]);
        let x1 = b.path("out/missile.v1.ko.xlf");
        assert_eq!(out.trim(), x1);
        assert_eq!(b.status("missile").0, "out");
        // the table says how long ago
        let table = b.ok(&["status"]);
        assert!(table.starts_with("missile\tko\tout\t"), "{table}");
        assert!(table.contains("v1 exported "), "{table}");

        let r1 = b.path("r1.xlf");
        fill(&x1, &r1);
        let out = b.ok(&["import", &r1]);
        assert!(
            out.contains("missile v1 ko: imported, 7 of 7 units translated"),
            "{out}"
        );
        assert!(out.contains("7 new pair(s)"), "{out}");
        assert_eq!(b.status("missile"), ("current".into(), vec![]));
        // the same file again changes nothing
        let out = b.ok(&["import", &r1]);
        assert!(out.contains("already imported, nothing changed"), "{out}");

        // v2: recast headline, edited lead, two new paragraphs
        let out = b.ok(&["add", "--id", "missile", &fixture("missile-v2.txt")]);
        assert_eq!(out, "missile v2: new version (newest was v1)\n");
        assert_eq!(
            b.status("missile"),
            (
                "stale".into(),
                vec!["headline".into(), "p1".into(), "p2".into(), "p3".into()]
            )
        );
        let analysis = b.path("a2.json");
        b.ok(&[
            "export",
            "missile",
            "--to",
            "ko",
            "-o",
            &b.path("out"),
            "--analysis",
            &analysis,
        ]);
        let x2 = b.path("out/missile.v2.ko.xlf");
        assert_eq!(b.status("missile").0, "out");
        // re-use from the store: v1's paragraphs 2-4 are v2's 4-6, filled
        // with the v1 translation; the new paragraphs 2-3 are empty
        let jcs = "The Joint Chiefs of Staff (JCS) said the missile was launched from the \
                   Pyongyang area at around 7:10 a.m.";
        assert_eq!(target_of(&x2, "p4"), Some(format!("KO: {jcs}")));
        let boiler = "DPRK stands for the Democratic People's Republic of Korea, North Korea's \
                      official name.";
        assert_eq!(target_of(&x2, "p6"), Some(format!("KO: {boiler}")));
        assert_eq!(target_of(&x2, "p2"), None);
        assert_eq!(target_of(&x2, "p3"), None);
        let a: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&analysis).unwrap()).unwrap();
        assert_eq!(a[0]["language"], "ko");
        let words = &a[0]["words"];
        let sum: u64 = [
            "context",
            "exact",
            "repetition",
            "fuzzy-95",
            "fuzzy-85",
            "fuzzy-75",
            "fuzzy-50",
            "new",
        ]
        .iter()
        .map(|k| words[k].as_u64().unwrap())
        .sum();
        assert_eq!(sum, words["total"].as_u64().unwrap());
        assert!(words["context"].as_u64().unwrap() > 0, "{a}");
        let r2 = b.path("r2.xlf");
        fill(&x2, &r2);
        let out = b.ok(&["import", &r2]);
        assert!(
            out.contains("missile v2 ko: imported, 9 of 9 units translated"),
            "{out}"
        );
        assert_eq!(b.status("missile"), ("current".into(), vec![]));

        // v3: against the v2 translation
        b.ok(&["add", "--id", "missile", &fixture("missile-v3.txt")]);
        assert_eq!(
            b.status("missile"),
            (
                "stale".into(),
                vec![
                    "headline".into(),
                    "p2".into(),
                    "p5".into(),
                    "photo2-caption".into()
                ]
            )
        );
        b.ok(&["export", "missile", "--to", "ko", "-o", &b.path("out")]);
        let x3 = b.path("out/missile.v3.ko.xlf");
        let r3 = b.path("r3.xlf");
        fill(&x3, &r3);
        b.ok(&["import", &r3]);
        assert_eq!(b.status("missile"), ("current".into(), vec![]));

        // the translation of v3 as wire copy, and the v1 translation kept
        let wire = b.ok(&["show", "missile", "--lang", "ko"]);
        assert!(
            wire.contains("KO: Japan lodged a protest through diplomatic channels"),
            "{wire}"
        );
        let v1 = b.ok(&[
            "show",
            "missile",
            "--lang",
            "ko",
            "--version",
            "1",
            "--as",
            "json",
        ]);
        let v1 = newsloc::Article::from_json(&v1).unwrap();
        assert_eq!(v1.translation_of.unwrap().version, 1);

        let history = b.ok(&["history", "missile"]);
        assert_eq!(history.matches("\n  v").count(), 3, "{history}");
        assert_eq!(history.matches("exported v").count(), 3, "{history}");
        assert_eq!(history.matches("imported ko of v").count(), 3, "{history}");
        assert!(b.ok(&["store", "check"]).ends_with(": ok\n"));
    }
}

/// A translation of an older version is kept and reported stale.
#[test]
fn late_translation_of_an_older_version_is_kept_as_stale() {
    for b in backends("late") {
        b.ok(&["add", "--id", "missile", &fixture("missile-v1.txt")]);
        b.ok(&["export", "missile", "--to", "ko", "-o", &b.path(".")]);
        b.ok(&["add", "--id", "missile", &fixture("missile-v2.txt")]);
        let r1 = b.path("r1.xlf");
        fill(&b.path("missile.v1.ko.xlf"), &r1);
        let out = b.ok(&["import", &r1]);
        assert!(
            out.contains("stale: the newest version is v2 (the translation is kept)"),
            "{out}"
        );
        assert_eq!(
            b.status("missile"),
            (
                "stale".into(),
                vec!["headline".into(), "p1".into(), "p2".into(), "p3".into()]
            )
        );
        let st = b
            .open()
            .translation("missile", &"ko".parse().unwrap(), None)
            .unwrap();
        assert_eq!(st.unwrap().version, 1);
    }
}

/// The boilerplate sentence translated in one story is in the TM for the
/// next.
#[test]
fn boilerplate_comes_from_the_translation_memory() {
    for b in backends("boiler") {
        b.ok(&["add", "--id", "missile", &fixture("missile-v1.txt")]);
        b.ok(&["export", "missile", "--to", "ko", "-o", &b.path(".")]);
        let r1 = b.path("r1.xlf");
        fill(&b.path("missile.v1.ko.xlf"), &r1);
        b.ok(&["import", &r1]);
        b.ok(&["add", "--id", "drill", &fixture("drill-v1.txt")]);

        let boiler = "DPRK stands for the Democratic People's Republic of Korea, North Korea's official name.";
        let out = b.ok(&["tm", "lookup", boiler, "--from", "en", "--to", "ko"]);
        let first = out.lines().next().unwrap();
        assert_eq!(
            first,
            format!("100%\t{boiler}\tKO: {boiler}\t(translation memory: missile v1)")
        );
        // a fuzzy query: "official" dropped, one edit in 15 tokens → 93
        let fuzzy =
            "DPRK stands for the Democratic People's Republic of Korea, North Korea's name.";
        let out = b.ok(&["tm", "lookup", fuzzy, "--from", "en", "--to", "ko"]);
        assert!(out.starts_with(" 93%\t"), "{out}");
        // a brand-new story gets the sentence filled in at export
        let out = b.ok(&[
            "export",
            "drill",
            "--to",
            "ko",
            "-o",
            &b.path("."),
            "--analysis",
            &b.path("a.json"),
        ]);
        assert_eq!(out.trim(), b.path("./drill.v1.ko.xlf"));
        let x = b.path("drill.v1.ko.xlf");
        assert_eq!(target_of(&x, "p3"), Some(format!("KO: {boiler}")));
        assert_eq!(target_of(&x, "p1"), None);
        let a: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(b.path("a.json")).unwrap()).unwrap();
        let p3 = a[0]["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == "p3/s1")
            .unwrap();
        assert_eq!(p3["category"], "exact");
        // nothing for another language pair
        let out = b.ok(&["tm", "lookup", boiler, "--from", "en", "--to", "ja"]);
        assert_eq!(out, "no candidates\n");
    }
}

/// The same version with other content is refused, naming the difference;
/// nothing is written.
#[test]
fn same_version_other_content_is_refused() {
    for b in backends("conflict") {
        b.ok(&["add", "--id", "missile", &fixture("missile-v1.txt")]);
        let text = std::fs::read_to_string(fixture("missile-v1.txt")).unwrap();
        let edited = b.path("edited.txt");
        std::fs::write(&edited, text.replace("7:10 a.m.", "7:20 a.m.")).unwrap();
        let out = b.run(&["add", "--id", "missile", &edited]);
        assert_eq!(out.status.code(), Some(1));
        let err = s(&out.stderr);
        assert!(
            err.contains(
                "missile version 1 is already in the store with other content: unit p2 differs"
            ),
            "{err}"
        );
        assert!(err.contains("7:20 a.m."), "{err}");
        // same content again: unchanged, exit 0
        let out = b.ok(&["add", "--id", "missile", &fixture("missile-v1.txt")]);
        assert_eq!(out, "missile v1: already in the store, unchanged\n");
        let a = b.open().article("missile", None).unwrap();
        assert!(a.units()[3].text.to_plain_string().contains("7:10 a.m."));
    }
}

/// A malformed story in a batch adds nothing, not even the good ones.
#[test]
fn malformed_story_adds_nothing() {
    for b in backends("malformed") {
        let bad = b.path("bad.txt");
        std::fs::write(&bad, "date 2026-03-04 (ATTN: ADDS\n\nHead\n\nBody.\n").unwrap();
        let out = b.run(&["add", &fixture("drill-v1.txt"), &bad]);
        assert_eq!(out.status.code(), Some(1));
        let err = s(&out.stderr);
        assert!(err.contains(&format!("{bad}:1:17:")), "{err}");
        assert!(err.contains("nothing added"), "{err}");
        assert!(b.open().ids().unwrap().is_empty());
    }
}

/// A rejected import writes nothing: no translation, no TM entry, the
/// status unchanged.
#[test]
fn rejected_import_writes_nothing() {
    for b in backends("rejected") {
        b.ok(&["add", "--id", "missile", &fixture("missile-v1.txt")]);
        b.ok(&["export", "missile", "--to", "ko", "-o", &b.path(".")]);
        let x1 = b.path("missile.v1.ko.xlf");
        // a tool changed a source sentence
        let text = std::fs::read_to_string(&x1).unwrap();
        let tampered = b.path("tampered.xlf");
        std::fs::write(&tampered, text.replace("7:10 a.m.", "7:20 a.m.")).unwrap();
        let r = b.path("r.xlf");
        fill(&tampered, &r);
        let out = b.run(&["import", &r]);
        assert_eq!(out.status.code(), Some(1), "{}", s(&out.stdout));
        let err = s(&out.stderr);
        assert!(err.contains(&r), "{err}");
        assert!(err.contains("p2"), "{err}");
        assert_eq!(b.status("missile").0, "out");
        let store = b.open();
        assert!(store.history("missile").unwrap().translations.is_empty());
        let en = "en".parse().unwrap();
        assert!(
            store
                .tm_entries(&en, &"ko".parse().unwrap())
                .unwrap()
                .is_empty()
        );
        // not XLIFF at all
        let out = b.run(&[
            "import",
            &fixture("missile-v1.txt"),
            &fixture("drill-v1.txt"),
            &r,
        ]);
        assert_eq!(out.status.code(), Some(1));
    }
}

/// A store whose schema is newer than this build is refused, clearly.
#[test]
fn newer_schema_is_refused() {
    for b in backends("schema") {
        drop(b.open());
        match b.name {
            "sqlite" => {
                let c = rusqlite::Connection::open(&b.location).unwrap();
                c.execute("UPDATE newsloc_schema SET version = 99", [])
                    .unwrap();
            }
            _ => {
                let mut c = postgres::Client::connect(&b.location, postgres::NoTls).unwrap();
                c.execute("UPDATE newsloc_schema SET version = 99", &[])
                    .unwrap();
            }
        }
        let out = b.run(&["status"]);
        assert_eq!(out.status.code(), Some(1));
        let err = s(&out.stderr);
        assert!(
            err.contains("the store has schema version 99, newer than this newsloc knows (3); use a newer newsloc"),
            "{err}"
        );
    }
}

/// A stored id that is not there, and an unknown file, say so.
#[test]
fn unknown_id_is_named() {
    for b in backends("unknown") {
        let out = b.run(&["export", "nosuch", "--to", "ko"]);
        assert_eq!(out.status.code(), Some(1));
        let err = s(&out.stderr);
        assert!(
            err.contains("nosuch: no such file, and article nosuch is not in the store"),
            "{err}"
        );
        let out = b.run(&["history", "nosuch"]);
        assert_eq!(out.status.code(), Some(1));
    }
}

/// Plain-file export and import keep working with no store at all.
#[test]
fn plain_files_need_no_store() {
    let dir = scratch("plain", "none");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_newsloc"))
            .args(args)
            .current_dir(&dir)
            .env_remove("NEWSLOC_STORE")
            .output()
            .unwrap()
    };
    let story = fixture("drill-v1.txt");
    let out = run(&["export", &story, "--to", "ko", "-o", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let x = dir.join("drill-v1.v1.ko.xlf");
    let r = dir.join("r.xlf");
    fill(x.to_str().unwrap(), r.to_str().unwrap());
    let out = run(&["import", &story, r.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    assert!(!dir.join("newsloc.db").exists());
}

/// Backups are consistent copies; the SQLite one is a store itself.
#[test]
fn backup_copies_the_store() {
    for b in backends("backup") {
        b.ok(&["add", "--id", "missile", &fixture("missile-v1.txt")]);
        let copy = b.path("copy.bak");
        b.ok(&["store", "backup", &copy]);
        // never over an existing file
        let out = b.run(&["store", "backup", &copy]);
        assert_eq!(out.status.code(), Some(1));
        if b.name == "sqlite" {
            let restored = store::open(&copy).unwrap();
            assert_eq!(restored.ids().unwrap(), ["missile"]);
            assert!(restored.check().unwrap().is_empty());
        } else {
            let sql = std::fs::read_to_string(&copy).unwrap();
            assert!(
                sql.contains("COPY versions FROM stdin;\nmissile\t1\t"),
                "{sql}"
            );
        }
    }
}

/// Several processes adding and importing at once: every write lands, no
/// "database is locked" reaches anyone, nothing is lost or duplicated.
#[test]
fn concurrent_writers_lose_nothing() {
    for b in backends("concurrent") {
        // returned files for three stories, made up front
        let stories = b.dir.join("stories");
        std::fs::create_dir_all(&stories).unwrap();
        let base = std::fs::read_to_string(fixture("drill-v1.txt")).unwrap();
        let mut returned = Vec::new();
        for i in 0..3 {
            let p = stories.join(format!("ret{i}.txt"));
            std::fs::write(
                &p,
                base.replace("110 aircraft", &format!("{} aircraft", 200 + i)),
            )
            .unwrap();
            b.ok(&["add", p.to_str().unwrap()]);
            b.ok(&[
                "export",
                &format!("ret{i}"),
                "--to",
                "ko",
                "-o",
                &b.path("."),
            ]);
            let r = b.path(&format!("r{i}.xlf"));
            fill(&b.path(&format!("ret{i}.v1.ko.xlf")), &r);
            returned.push(r);
        }
        // four adders with 6 stories each, one shared by all of them
        let mut children = Vec::new();
        for w in 0..4 {
            let dir = b.dir.join(format!("w{w}"));
            std::fs::create_dir_all(&dir).unwrap();
            for k in 0..6 {
                let text = base.replace("110 aircraft", &format!("{} aircraft", 1000 + w * 10 + k));
                std::fs::write(dir.join(format!("s{w}-{k}.txt")), text).unwrap();
            }
            std::fs::write(dir.join("shared.txt"), &base).unwrap();
            for k in 0..6 {
                let one = dir.join(format!("s{w}-{k}.txt"));
                children.push(
                    b.cmd(&["add", one.to_str().unwrap()])
                        .stdout(Stdio::null())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap(),
                );
            }
            children.push(
                b.cmd(&["add", dir.join("shared.txt").to_str().unwrap()])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap(),
            );
        }
        for r in &returned {
            children.push(
                b.cmd(&["import", r])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap(),
            );
        }
        for child in children {
            let out = child.wait_with_output().unwrap();
            let err = s(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "[{}] {err}", b.name);
            assert!(!err.contains("locked"), "{err}");
        }
        let store = b.open();
        let ids = store.ids().unwrap();
        assert_eq!(ids.len(), 3 + 4 * 6 + 1, "{ids:?}");
        assert!(ids.contains(&"shared".to_string()));
        assert_eq!(store.history("shared").unwrap().versions.len(), 1);
        let st = store.status(&[], &["ko".parse().unwrap()]).unwrap();
        let current = st.iter().filter(|s| s.kind == StatusKind::Current).count();
        assert_eq!(current, 3);
        // the boilerplate pair is stored once, used by the three stories;
        // each story's three paragraph pairs plus headline and dateline
        let tm = store
            .tm_entries(&"en".parse().unwrap(), &"ko".parse().unwrap())
            .unwrap();
        let boiler: Vec<_> = tm
            .iter()
            .filter(|e| e.source.to_plain_string().starts_with("DPRK stands"))
            .collect();
        assert_eq!(boiler.len(), 1);
        assert_eq!(boiler[0].uses, 3);
        assert!(store.check().unwrap().is_empty());
    }
}

/// Waits for the test hook's line on the child's stderr, then kills it.
fn kill_in_transaction(mut cmd: Command) {
    let mut child = cmd
        .env("NEWSLOC_TEST_PAUSE_IN_TRANSACTION", "20000")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    loop {
        let line = lines.next().expect("the hook line").unwrap();
        if line.contains("test hook: pausing in transaction") {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
}

/// A writer killed with SIGKILL inside its transaction leaves the last
/// committed state; the same command then succeeds.
#[test]
fn killed_writer_leaves_the_last_commit() {
    for b in backends("kill") {
        b.ok(&["add", "--id", "missile", &fixture("missile-v1.txt")]);
        b.ok(&["export", "missile", "--to", "ko", "-o", &b.path(".")]);
        let r1 = b.path("r1.xlf");
        fill(&b.path("missile.v1.ko.xlf"), &r1);

        kill_in_transaction(b.cmd(&["import", &r1]));
        assert_eq!(b.status("missile").0, "out");
        assert!(b.open().check().unwrap().is_empty());
        b.ok(&["import", &r1]);
        assert_eq!(b.status("missile").0, "current");

        kill_in_transaction(b.cmd(&["add", "--id", "missile", &fixture("missile-v2.txt")]));
        assert_eq!(b.open().history("missile").unwrap().versions.len(), 1);
        assert_eq!(b.status("missile").0, "current");
        let out = b.ok(&["add", "--id", "missile", &fixture("missile-v2.txt")]);
        assert_eq!(out, "missile v2: new version (newest was v1)\n");
        assert_eq!(b.status("missile").0, "stale");
    }
}

fn tmx_corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/tmx");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but {} is missing",
        dir.display()
    );
    eprintln!("note: {} missing; TMX corpus tests skipped", dir.display());
    None
}

fn tmx_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e.eq_ignore_ascii_case("tmx")))
        .flat_map(|p| if p.is_dir() { tmx_files(&p) } else { vec![p] })
        .collect();
    out.sort();
    out
}

/// Every corpus TMX file outside `invalid/` imports into the store; every
/// file in `invalid/` is refused with its file, line and column (the file
/// is read whole before anything is written).
#[test]
fn tmx_corpus_imports_into_the_store() {
    let Some(corpus) = tmx_corpus() else { return };
    for b in backends("tmxcorpus") {
        let store = b.open();
        let mut files = 0;
        let mut refused = 0;
        let mut pairs = 0;
        for path in tmx_files(&corpus) {
            let invalid = path.components().any(|c| c.as_os_str() == "invalid");
            let r = store::import_tmx(&*store, &path);
            if invalid {
                let e = match r {
                    Err(e) => e,
                    Ok(_) => panic!(
                        "[{}] {}: imported, should be refused",
                        b.name,
                        path.display()
                    ),
                };
                let msg = e.to_string();
                // FILE:LINE:COLUMN: ...
                let rest = msg
                    .strip_prefix(&format!("{}:", path.display()))
                    .unwrap_or_else(|| panic!("no file in {msg}"));
                let mut parts = rest.splitn(3, ':');
                let line: u64 = parts.next().unwrap().parse().unwrap_or(0);
                let column: u64 = parts
                    .next()
                    .unwrap_or("")
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .unwrap_or("")
                    .parse()
                    .unwrap_or(0);
                assert!(line >= 1 && column >= 1, "no line:column in {msg}");
                refused += 1;
                continue;
            }
            let r = r.unwrap_or_else(|e| panic!("[{}] {e}", b.name));
            files += 1;
            pairs += r.added.uses;
        }
        assert!(files >= 65, "{files}");
        assert_eq!(refused, 11);
        assert!(pairs > 100, "{pairs}");
        assert!(store.check().unwrap().is_empty());
        // importing the same file twice adds no pair and no use
        let again = store::import_tmx(&*store, &corpus.join("hypomnema/standard.tmx")).unwrap();
        assert_eq!((again.added.new, again.added.uses), (0, 0));
    }
}

/// A memory written as TMX validates against the DTD and, read back into
/// another store, gives the same pairs, inline codes included.
#[test]
fn tmx_round_trip_through_the_store() {
    let Some(corpus) = tmx_corpus() else { return };
    for b in backends("tmxtrip") {
        let store = b.open();
        // codes (bpt/ept) from a real file, and a story's pairs
        store::import_tmx(&*store, &corpus.join("hypomnema/standard.tmx")).unwrap();
        let (en, fr) = ("en".parse().unwrap(), "fr".parse().unwrap());
        let before = store.tm_entries(&en, &fr).unwrap();
        assert!(before.iter().any(|e| e.source.has_markup()), "{before:?}");

        let out = b.path("fr.tmx");
        let printed = b.ok(&["tm", "export", "--from", "en", "--to", "fr", "-o", &out]);
        assert_eq!(
            printed,
            format!("{out}: {} unit(s) en → fr\n", before.len())
        );
        let dtd =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/schemas/tmx/tmx14.dtd");
        match Command::new("xmllint")
            .args(["--noout", "--dtdvalid", dtd.to_str().unwrap(), &out])
            .output()
        {
            Ok(v) => assert!(v.status.success(), "{}", s(&v.stderr)),
            Err(_) => assert!(std::env::var_os("CI").is_none(), "xmllint is missing"),
        }

        let other = Backend {
            name: b.name,
            location: if b.name == "sqlite" {
                b.path("other.db")
            } else {
                postgres_schema(
                    &std::env::var("NEWSLOC_TEST_POSTGRES").unwrap(),
                    &format!("t_tmxtrip2_{}", std::process::id()),
                )
            },
            dir: b.dir.clone(),
        };
        let printed = other.ok(&["tm", "import", &out]);
        assert!(
            printed.contains(&format!("{} pair(s) new", before.len())),
            "{printed}"
        );
        let after = other.open().tm_entries(&en, &fr).unwrap();
        let pairs = |v: &[store::TmEntry]| {
            let mut p: Vec<(String, String)> = v
                .iter()
                .map(|e| (e.source.to_markup_string(), e.target.to_markup_string()))
                .collect();
            p.sort();
            p
        };
        assert_eq!(pairs(&after), pairs(&before));
        let texts = |v: &[store::TmEntry]| {
            let mut p: Vec<_> = v
                .iter()
                .map(|e| (e.source.clone(), e.target.clone()))
                .collect();
            p.sort_by_key(|(s, t)| (s.to_markup_string(), t.to_markup_string()));
            p
        };
        assert_eq!(texts(&after), texts(&before));
    }
}

/// `tm_add` stores an identical pair once and each distinct use once, also
/// when a pair comes back in a later batch of the same call (PostgreSQL
/// writes 2,000 entries per batch) or twice within one batch.
#[test]
fn tm_add_stores_each_pair_and_each_use_once_across_batches() {
    use newsloc::Text;
    use newsloc::store::TmEntry;
    let (en, ko): (
        unic_langid::LanguageIdentifier,
        unic_langid::LanguageIdentifier,
    ) = ("en".parse().unwrap(), "ko".parse().unwrap());
    let entry = |n: usize, target: &str, story: &str| TmEntry {
        source_lang: en.clone(),
        target_lang: ko.clone(),
        source: Text::plain(format!("Sentence number {n} of the generated memory.")),
        target: Text::plain(target.to_string()),
        previous_hash: None,
        next_hash: None,
        story: Some(story.to_string()),
        version: Some(1),
        unit: Some("p1".into()),
        kind: None,
        state: None,
        origin: "test".into(),
        uses: 1,
        when: None,
    };
    let mut entries: Vec<TmEntry> = (0..2_500)
        .map(|n| entry(n, &format!("번역 {n}"), "a"))
        .collect();
    entries.push(entry(0, "번역 0", "b")); // same pair, another use: in the 2nd batch
    entries.push(entry(1, "번역 1", "a")); // same pair, same use
    entries.push(entry(2, "다른 번역 2", "a")); // same source, another target: a new pair
    entries.push(entry(3, "번역 3", "c")); // within the first batch below
    entries.insert(10, entry(3, "번역 3", "c"));
    entries.push(entry(7, "", "a")); // no target: skipped
    for b in backends("tmadd") {
        let store = b.open();
        let added = store.tm_add(&entries).unwrap();
        // pairs: 2,500 + 1 (another target); uses: 2,500 + 1 (story b) + 1
        // (the new pair) + 1 (story c of pair 3, given twice)
        assert_eq!(
            (added.new, added.uses, added.skipped),
            (2_501, 2_503, 1),
            "[{}]",
            b.name
        );
        let stored = store.tm_entries(&en, &ko).unwrap();
        assert_eq!(stored.len(), 2_501, "[{}]", b.name);
        let uses = |n: usize, target: &str| {
            stored
                .iter()
                .find(|e| {
                    e.source.to_plain_string()
                        == format!("Sentence number {n} of the generated memory.")
                        && e.target.to_plain_string() == target
                })
                .map(|e| e.uses)
        };
        assert_eq!(uses(0, "번역 0"), Some(2), "[{}]", b.name);
        assert_eq!(uses(1, "번역 1"), Some(1), "[{}]", b.name);
        assert_eq!(uses(2, "다른 번역 2"), Some(1), "[{}]", b.name);
        assert_eq!(uses(3, "번역 3"), Some(2), "[{}]", b.name);
        // the same entries again: nothing new
        let again = store.tm_add(&entries).unwrap();
        assert_eq!((again.new, again.uses), (0, 0), "[{}]", b.name);
        // both targets of pair 2 are exact candidates
        let hits = store
            .tm_lookup(
                &Text::plain("Sentence number 2 of the generated memory."),
                &en,
                &ko,
            )
            .unwrap();
        let exact: Vec<String> = hits
            .iter()
            .filter(|h| h.score == 100)
            .map(|h| h.target.to_plain_string())
            .collect();
        assert_eq!(exact.len(), 2, "[{}] {exact:?}", b.name);
        assert!(store.check().unwrap().is_empty(), "[{}]", b.name);
    }
}

/// A small deterministic generator (xorshift64*) for generated memories.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// In a generated memory of 5,000 pairs (sentences of 10–28 words from a
/// 3,000-word vocabulary with a Zipf distribution, so that some of a
/// query's words are in thousands of pairs), a query made from a stored
/// sentence with one word replaced and one dropped finds that sentence
/// first, on both backends: the candidate query keeps the true match
/// while it bounds what it reads.
#[test]
fn fuzzy_lookup_ranks_the_true_match_first() {
    use newsloc::Text;
    use newsloc::store::TmEntry;
    const WORDS: usize = 3_000;
    let mut rng = Rng(0x5eed_1234);
    let syllables = [
        "ka", "ri", "mo", "tan", "sel", "vu", "pe", "dor", "li", "chu", "na", "gi", "ro", "bae",
        "min", "su", "hyo", "jun", "tae", "won", "ex", "or", "al", "un", "is", "ter", "pol", "ent",
        "ric", "mar", "ston", "vel",
    ];
    let mut vocab: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while vocab.len() < WORDS {
        let w: String = (0..1 + rng.below(4))
            .map(|_| syllables[rng.below(syllables.len())])
            .collect();
        if seen.insert(w.clone()) {
            vocab.push(w);
        }
    }
    let mut total = 0.0;
    let cumulative: Vec<f64> = (1..=WORDS)
        .map(|r| {
            total += 1.0 / r as f64;
            total
        })
        .collect();
    let pick = |rng: &mut Rng| {
        let x = (rng.next() as f64 / u64::MAX as f64) * total;
        vocab[cumulative.partition_point(|c| *c < x).min(WORDS - 1)].clone()
    };
    let sentences: Vec<Vec<String>> = (0..5_000)
        .map(|_| (0..10 + rng.below(19)).map(|_| pick(&mut rng)).collect())
        .collect();
    let text = |w: &[String]| format!("{}.", w.join(" "));
    let (en, ko): (
        unic_langid::LanguageIdentifier,
        unic_langid::LanguageIdentifier,
    ) = ("en".parse().unwrap(), "ko".parse().unwrap());
    let entries: Vec<TmEntry> = sentences
        .iter()
        .enumerate()
        .map(|(n, w)| TmEntry {
            source_lang: en.clone(),
            target_lang: ko.clone(),
            source: Text::plain(text(w)),
            target: Text::plain(format!("번역 {n}")),
            previous_hash: None,
            next_hash: None,
            story: None,
            version: None,
            unit: None,
            kind: None,
            state: None,
            origin: "generated".into(),
            uses: 1,
            when: None,
        })
        .collect();
    let queries: Vec<(usize, String)> = (0..60)
        .map(|_| {
            let i = rng.below(sentences.len());
            let mut q = sentences[i].clone();
            let at = rng.below(q.len());
            q[at] = pick(&mut rng);
            q.remove(rng.below(q.len()));
            (i, text(&q))
        })
        .collect();
    // per backend, every query's hits as (target, score)
    type Hits = Vec<(String, u8)>;
    let mut found: Vec<(&str, Vec<Hits>)> = Vec::new();
    for b in backends("truematch") {
        let store = b.open();
        store.tm_add(&entries).unwrap();
        let mut missed = Vec::new();
        let mut all = Vec::new();
        for (i, q) in &queries {
            let hits = store.tm_lookup(&Text::plain(q.clone()), &en, &ko).unwrap();
            all.push(
                hits.iter()
                    .map(|h| (h.target.to_plain_string(), h.score))
                    .collect::<Vec<_>>(),
            );
            let first = hits.first().map(|h| h.target.to_plain_string());
            if first.as_deref() != Some(format!("번역 {i}").as_str()) {
                missed.push((
                    q.clone(),
                    text(&sentences[*i]),
                    hits.first().map(|h| h.score),
                ));
            }
        }
        assert!(
            missed.is_empty(),
            "[{}] {} of {}: {missed:#?}",
            b.name,
            missed.len(),
            queries.len()
        );
        found.push((b.name, all));
    }
    // the same candidate strategy on both: the same hits, in the same order
    for (name, all) in &found[1..] {
        for (n, (q, _)) in queries.iter().enumerate() {
            assert_eq!(
                all[n], found[0].1[n],
                "[{name}] against sqlite, query {q:?}"
            );
        }
    }
}

/// A PostgreSQL store of schema version 2 (no word index) migrates forward
/// on open: the words of the pairs already stored are indexed, and a fuzzy
/// lookup finds them through the word index.
#[test]
fn postgres_store_migrates_its_word_index_forward() {
    use newsloc::Text;
    use newsloc::store::TmEntry;
    let (en, ko): (
        unic_langid::LanguageIdentifier,
        unic_langid::LanguageIdentifier,
    ) = ("en".parse().unwrap(), "ko".parse().unwrap());
    let pair = |src: &str, tgt: &str| TmEntry {
        source_lang: en.clone(),
        target_lang: ko.clone(),
        source: Text::plain(src),
        target: Text::plain(tgt),
        previous_hash: None,
        next_hash: None,
        story: None,
        version: None,
        unit: None,
        kind: None,
        state: None,
        origin: "test".into(),
        uses: 1,
        when: None,
    };
    for b in backends("wordmigrate") {
        if b.name != "postgres" {
            continue;
        }
        let store = b.open();
        store
            .tm_add(&[
                pair(
                    "The ministry confirmed the launch on Tuesday.",
                    "국방부는 화요일 발사를 확인했다.",
                ),
                pair(
                    "Markets closed higher in Seoul.",
                    "서울 증시는 상승 마감했다.",
                ),
            ])
            .unwrap();
        drop(store);
        // back to version 2: what a store written by the previous release holds
        let mut c = postgres::Client::connect(&b.location, postgres::NoTls).unwrap();
        c.batch_execute(
            "DROP INDEX tm_words; ALTER TABLE tm DROP COLUMN source_words;
             UPDATE newsloc_schema SET version = 2",
        )
        .unwrap();
        let store = b.open();
        let version: i64 = c
            .query_one("SELECT version FROM newsloc_schema", &[])
            .unwrap()
            .get(0);
        assert_eq!(version, 3);
        let words: Vec<String> = c
            .query_one(
                "SELECT source_words FROM tm WHERE source_plain LIKE 'Markets%'",
                &[],
            )
            .unwrap()
            .get(0);
        let mut words = words;
        words.sort();
        assert_eq!(words, ["closed", "higher", "in", "markets", "seoul"]);
        let hits = store
            .tm_lookup(&Text::plain("Markets closed lower in Seoul."), &en, &ko)
            .unwrap();
        assert_eq!(
            hits.first().map(|h| h.target.to_plain_string()).as_deref(),
            Some("서울 증시는 상승 마감했다.")
        );
        assert!(store.check().unwrap().is_empty());
    }
}

/// Text without spaces (Japanese) takes the trigram path on both backends:
/// a sentence with one word changed finds the stored one first, with the
/// same hits on SQLite and PostgreSQL, among pairs that share most of its
/// characters.
#[test]
fn unspaced_fuzzy_lookup_finds_the_near_sentence() {
    use newsloc::Text;
    use newsloc::store::TmEntry;
    let (ja, en): (
        unic_langid::LanguageIdentifier,
        unic_langid::LanguageIdentifier,
    ) = ("ja".parse().unwrap(), "en".parse().unwrap());
    let sources = [
        "政府は火曜日にミサイル発射を確認した。",
        "政府は水曜日に新しい予算案を発表した。",
        "東京の株式市場は小幅に上昇して取引を終えた。",
        "大阪の株式市場は大幅に下落して取引を終えた。",
        "首相は記者会見で経済対策について説明した。",
    ];
    let entries: Vec<TmEntry> = sources
        .iter()
        .enumerate()
        .map(|(n, src)| TmEntry {
            source_lang: ja.clone(),
            target_lang: en.clone(),
            source: Text::plain(*src),
            target: Text::plain(format!("translation {n}")),
            previous_hash: None,
            next_hash: None,
            story: None,
            version: None,
            unit: None,
            kind: None,
            state: None,
            origin: "test".into(),
            uses: 1,
            when: None,
        })
        .collect();
    // sources[2] with 小幅 (slightly) changed to 大幅 (sharply)
    let query = Text::plain("東京の株式市場は大幅に上昇して取引を終えた。");
    let mut found: Vec<Vec<(String, u8)>> = Vec::new();
    for b in backends("unspaced") {
        let store = b.open();
        store.tm_add(&entries).unwrap();
        let hits: Vec<(String, u8)> = store
            .tm_lookup(&query, &ja, &en)
            .unwrap()
            .iter()
            .map(|h| (h.target.to_plain_string(), h.score))
            .collect();
        assert_eq!(
            hits.first().map(|h| h.0.as_str()),
            Some("translation 2"),
            "[{}] {hits:?}",
            b.name
        );
        found.push(hits);
    }
    for hits in &found[1..] {
        assert_eq!(hits, &found[0]);
    }
}
