//! The text checks (`newsloc::qa`): the command line (`qa`, `import`,
//! `review`), the gold set of `tests/fixtures/qa/`, and the review page in
//! headless Chromium.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsloc::qa::{Check, Checker, Story};
use newsloc::xliff::{Content, Document, Part, State, Version};
use newsloc::{Article, Exporter, WireReader};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn newsloc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .args(args)
        .output()
        .expect("run newsloc")
}

fn s(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsloc-qa-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn port_story() -> Article {
    let text = std::fs::read_to_string(root().join("examples/stories/port-reopens.txt")).unwrap();
    WireReader::new()
        .id("port-reopens")
        .read_str(&text)
        .unwrap()
}

/// Fills an export's targets from a map of translations (unit → one string
/// per segment).
fn filled(article: &Article, lang: &str, json: &str) -> Document {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).unwrap();
    let mut doc = Exporter::new()
        .export(article, &lang.parse().unwrap())
        .unwrap();
    for unit in doc.units_mut() {
        let sentences: Vec<String> = match &map[&*unit.id] {
            serde_json::Value::String(s) => vec![s.clone()],
            serde_json::Value::Array(v) => {
                v.iter().map(|s| s.as_str().unwrap().to_string()).collect()
            }
            other => panic!("{other:?}"),
        };
        let mut it = sentences.into_iter();
        for part in &mut unit.parts {
            if let Part::Segment(seg) = part {
                seg.target = Some(Content::text(&it.next().unwrap()));
                seg.state = Some(State::Translated);
            }
        }
    }
    doc
}

fn bundled(lang: &str) -> String {
    std::fs::read_to_string(root().join(format!("examples/translations/port-reopens.{lang}.json")))
        .unwrap()
}

#[test]
fn bundled_translations_of_the_readme_example_pass_clean() {
    let article = port_story();
    for lang in ["ko", "ja"] {
        let json = bundled(lang);
        let story = Story::from_unit_map(&article, lang, &json).unwrap();
        let found = Checker::new().check(&story);
        assert!(found.is_empty(), "{lang}: {found:#?}");
        // and as a returned XLIFF file, segment by segment
        let doc = filled(&article, lang, &json);
        let stories = Story::from_document(&doc);
        assert_eq!(stories.len(), 1);
        let found = Checker::new().check(&stories[0]);
        assert!(found.is_empty(), "{lang}: {found:#?}");
    }
}

#[test]
fn qa_command_prints_findings_and_refuses_a_changed_figure() {
    let dir = temp("cli");
    let article = port_story();
    // a changed figure in p3 (14 berths → 15) and a doubled space in p4
    let json = bundled("ko")
        .replace("14개 선석", "15개 선석")
        .replace("선박 약 40척이", "선박  약 40척이");
    let mut doc = filled(&article, "ko", &json);
    doc.convert(Version::V1_2);
    let xlf = dir.join("ko.xlf");
    std::fs::write(&xlf, doc.to_xml().unwrap()).unwrap();
    let out = newsloc(&["qa", xlf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", s(&out.stderr));
    let text = s(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0]
            .ends_with("[number-changed] p3/s1: “14” in the source is “15” in the target (error)"),
        "{text}"
    );
    assert!(
        lines[1].contains("[double-space] p4/s1: doubled space (info)"),
        "{text}"
    );
    assert!(s(&out.stderr).contains("1 finding(s) refuse the translation"));

    // JSON, with positions
    let out = newsloc(&["qa", "--json", xlf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v[0]["finding"];
    assert_eq!(f["check"], "number-changed");
    assert_eq!(f["severity"], "error");
    assert_eq!(v[0]["refuses"], true);
    assert_eq!(f["unit"], "p3");
    assert_eq!(f["source"]["text"], "14");
    let src = article
        .units()
        .into_iter()
        .find(|u| u.id == "p3")
        .unwrap()
        .text
        .to_plain_string();
    let at = src.find("14 berths").unwrap();
    assert_eq!(f["source"]["start"], at);
    assert_eq!(f["target"]["text"], "15");

    // lowered to a warning, nothing refuses: exit 0
    let out = newsloc(&[
        "qa",
        "--check",
        "number-changed=warning",
        xlf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    // strict: the warning refuses
    let out = newsloc(&[
        "qa",
        "--qa",
        "strict",
        "--check",
        "number-changed=warning",
        xlf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    // off: nothing at all
    let out = newsloc(&["qa", "--qa", "off", xlf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    // a bad override is a clear error
    let out = newsloc(&["qa", "--check", "numbers=off", xlf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        s(&out.stderr).contains("unknown check \"numbers\""),
        "{}",
        s(&out.stderr)
    );
}

#[test]
fn import_refuses_a_changed_figure_and_reports_the_rest_by_check() {
    let dir = temp("import");
    let article = port_story();
    let src = dir.join("port.json");
    std::fs::write(&src, article.to_json()).unwrap();
    let json = bundled("ko").replace("2026년 9월 12일", "2026년 9월 13일");
    let xlf = dir.join("ko.xlf");
    std::fs::write(&xlf, filled(&article, "ko", &json).to_xml().unwrap()).unwrap();
    let out_json = dir.join("ko.json");
    let out = newsloc(&[
        "import",
        src.to_str().unwrap(),
        xlf.to_str().unwrap(),
        "-o",
        out_json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = s(&out.stderr);
    assert!(
        err.contains("(unit photo1-caption): [number-changed] photo1-caption/s1: “12” in the source is “13” in the target (error)"),
        "{err}"
    );
    assert!(
        !out_json.exists(),
        "nothing is written when the import is refused"
    );

    // a finding that does not refuse goes in the report, by check id
    let json = bundled("ko").replace("항구 밖에서", "항구  밖에서");
    std::fs::write(&xlf, filled(&article, "ko", &json).to_xml().unwrap()).unwrap();
    let out = newsloc(&[
        "import",
        src.to_str().unwrap(),
        xlf.to_str().unwrap(),
        "-o",
        out_json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let err = s(&out.stderr);
    assert!(
        err.contains("10 of 10 units translated, 1 finding(s):"),
        "{err}"
    );
    assert!(
        err.contains("\n  double-space (info, 1):\n    p4/s1: doubled space"),
        "{err}"
    );
    assert!(out_json.exists());

    // the library: the same through ImportOptions
    let doc = Document::from_path(&xlf).unwrap();
    let imported = newsloc::import(&doc, &article, &newsloc::ImportOptions::new()).unwrap();
    assert_eq!(imported.report.qa.len(), 1);
    assert_eq!(imported.report.qa[0].check, Check::DoubleSpace);
    let mut strict = Checker::new();
    strict
        .mode(newsloc::qa::Mode::Strict)
        .set(Check::DoubleSpace, Some(newsloc::qa::Severity::Warning));
    let mut options = newsloc::ImportOptions::new();
    options.qa(strict);
    assert!(newsloc::import(&doc, &article, &options).is_err());
}

// ---------------------------------------------------------------------
// The gold set: correct translations of two stories in five languages,
// and the same with one planted error each (tests/fixtures/qa/).

const GOLD_LANGS: [&str; 5] = ["ko", "ja", "zh-Hans", "de", "ar"];
const GOLD_STORIES: [&str; 2] = ["flood", "budget"];

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/qa").join(name)
}

fn gold_article(story: &str) -> Article {
    newsloc::read_article(fixture(&format!("{story}.txt"))).unwrap()
}

fn gold_translation(story: &str, lang: &str) -> String {
    std::fs::read_to_string(fixture(&format!("{story}.{lang}.json"))).unwrap()
}

struct Planted {
    story: String,
    lang: String,
    unit: String,
    find: String,
    replace: String,
    expect: Vec<String>,
    what: String,
}

fn planted() -> Vec<Planted> {
    std::fs::read_to_string(fixture("planted.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 7, "{l}");
            Planted {
                story: c[0].into(),
                lang: c[1].into(),
                unit: c[2].into(),
                find: c[3].into(),
                replace: c[4].into(),
                expect: c[5].split('|').map(str::to_string).collect(),
                what: c[6].into(),
            }
        })
        .collect()
}

/// The translation with one planted error: `find` replaced in `unit`.
fn with_error(json: &str, p: &Planted) -> String {
    let mut map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).unwrap();
    let value = map
        .get_mut(&p.unit)
        .unwrap_or_else(|| panic!("{}: no unit {}", p.story, p.unit));
    let text = value.as_str().unwrap().to_string();
    assert!(
        text.contains(&p.find),
        "{} {} {}: {:?} not in {text:?}",
        p.story,
        p.lang,
        p.unit,
        p.find
    );
    *value = serde_json::Value::String(text.replacen(&p.find, &p.replace, 1));
    serde_json::to_string(&map).unwrap()
}

#[test]
fn gold_correct_translations_have_no_finding() {
    for story in GOLD_STORIES {
        let article = gold_article(story);
        for lang in GOLD_LANGS {
            let s = Story::from_unit_map(&article, lang, &gold_translation(story, lang)).unwrap();
            assert_eq!(s.units.len(), article.units().len());
            let found = Checker::new().check(&s);
            assert!(found.is_empty(), "{story}.{lang}: {found:#?}");
        }
    }
}

#[test]
fn gold_planted_errors_precision_and_recall_per_check() {
    use std::collections::BTreeMap;
    // check id → (true positives, false negatives, false positives)
    let mut table: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    let checker = Checker::new();
    for p in planted() {
        let article = gold_article(&p.story);
        let json = with_error(&gold_translation(&p.story, &p.lang), &p);
        let story = Story::from_unit_map(&article, &p.lang, &json).unwrap();
        let found = checker.check(&story);
        let hit = found.iter().any(|f| {
            p.expect.iter().any(|e| e == f.check.id())
                && (f.unit == p.unit || f.check == Check::NameInconsistent)
        });
        let key = p.expect[0].clone();
        let row = table.entry(key).or_default();
        if hit {
            row.0 += 1;
        } else {
            row.1 += 1;
            missed.push(format!(
                "{} {} {} ({}): {found:?}",
                p.story, p.lang, p.unit, p.what
            ));
        }
        for f in &found {
            let expected = p.expect.iter().any(|e| e == f.check.id())
                && (f.unit == p.unit || f.check == Check::NameInconsistent);
            if !expected {
                table.entry(f.check.id().to_string()).or_default().2 += 1;
                missed.push(format!(
                    "false alarm, {} {} {} ({}): {f}",
                    p.story, p.lang, p.unit, p.what
                ));
            }
        }
    }
    println!(
        "{:<20} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "check", "tp", "fn", "fp", "precision", "recall"
    );
    for (check, (tp, fneg, fp)) in &table {
        let precision = if tp + fp == 0 {
            1.0
        } else {
            *tp as f64 / (tp + fp) as f64
        };
        let recall = if tp + fneg == 0 {
            1.0
        } else {
            *tp as f64 / (tp + fneg) as f64
        };
        println!("{check:<20} {tp:>4} {fneg:>4} {fp:>4} {precision:>9.2} {recall:>7.2}");
    }
    for m in &missed {
        println!("  {m}");
    }
    let recall = |ids: &[&str]| {
        let (tp, fneg) = ids
            .iter()
            .filter_map(|i| table.get(*i))
            .fold((0, 0), |a, r| (a.0 + r.0, a.1 + r.1));
        tp as f64 / (tp + fneg).max(1) as f64
    };
    let numbers = recall(&["number-changed", "number-missing", "number-extra"]);
    let names = recall(&["name-inconsistent"]);
    assert!(
        numbers >= 0.95,
        "recall on planted number errors {numbers:.2}"
    );
    assert!(names >= 0.95, "recall on planted name errors {names:.2}");
    for other in ["quote-unbalanced", "untranslated", "url"] {
        assert!(
            recall(&[other]) >= 0.9,
            "recall of {other}: {:.2}",
            recall(&[other])
        );
    }
    let fp: usize = table.values().map(|r| r.2).sum();
    assert!(fp <= 2, "{fp} false alarms on the planted set");
}

// ---------------------------------------------------------------------
// The review page in a real browser: headless Chromium renders it, the
// tests read the DOM after the page's script ran, and keep screenshots
// under target/qa-screens/. Under CI a missing Chromium fails the test.

fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    if std::env::var_os("CI").is_some() {
        panic!("Chromium is needed for the review page tests (apt-get install chromium)");
    }
    eprintln!("skipped: no Chromium on PATH (the test fails under CI)");
    None
}

fn browser(chromium: &Path, args: &[&str], page: &Path) -> Output {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUN.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let profile = temp(&format!("chromium-profile-{n}"));
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(out.status.success(), "chromium failed: {}", s(&out.stderr));
    out
}

/// A review page for a gold translation with planted errors, by the CLI.
fn review_page(story: &str, lang: &str, errors: &[&str]) -> PathBuf {
    let dir = temp(&format!("review-{story}-{lang}"));
    let mut json = gold_translation(story, lang);
    for p in planted() {
        if p.story == story && p.lang == lang && errors.contains(&p.what.as_str()) {
            json = with_error(&json, &p);
        }
    }
    let translation = dir.join(format!("{story}.{lang}.json"));
    std::fs::write(&translation, json).unwrap();
    let page = dir.join("review.html");
    let src = fixture(&format!("{story}.txt"));
    let out = newsloc(&[
        "review",
        src.to_str().unwrap(),
        translation.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    page
}

fn screenshot(chromium: &Path, page: &Path, name: &str, size: &str) -> PathBuf {
    let dir = root().join("target/qa-screens");
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join(name);
    let _ = std::fs::remove_file(&png);
    browser(
        chromium,
        &[
            &format!("--screenshot={}", png.display()),
            &format!("--window-size={size}"),
        ],
        page,
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{name} is not a PNG"
    );
    assert!(
        bytes.len() > 20_000,
        "{name} looks empty ({} bytes)",
        bytes.len()
    );
    png
}

#[test]
fn review_page_in_chromium_korean() {
    let Some(chromium) = chromium() else { return };
    let page = review_page(
        "flood",
        "ko",
        &["changed figure", "swapped name", "unclosed quote"],
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="));
    let dom = s(&browser(&chromium, &["--dump-dom"], &page).stdout);
    // the script ran: it counts the findings it can step through
    assert!(dom.contains("data-ready=\"4\""), "{dom}");
    let article = gold_article("flood");
    for unit in article.units() {
        assert!(
            dom.contains(&format!("data-unit=\"{}\"", unit.id)),
            "unit {} missing",
            unit.id
        );
    }
    assert_eq!(
        dom.matches("<article class=\"unit\"").count(),
        article.units().len()
    );
    // findings in place: the changed figure marked in the headline on both
    // sides, the swapped name in p5, the unclosed quote in p3
    assert!(dom.contains(">3,200</mark>"), "{dom}");
    assert!(dom.contains(">3천300</mark>"), "{dom}");
    assert!(dom.contains(">김진대</mark>"), "{dom}");
    assert!(dom.contains("data-check=\"number-changed\""));
    assert!(dom.contains("data-check=\"name-inconsistent\""));
    assert!(dom.contains("data-check=\"quote-unbalanced\""));
    assert!(dom.contains("<div class=\"trg\" lang=\"ko\" dir=\"ltr\""));
    assert!(dom.contains("refuse this translation"));
    // fixed parts shown as fixed
    assert!(dom.contains("Fixed parts") && dom.contains("Choi Yu-na"));
    screenshot(&chromium, &page, "ko.png", "1200,1500");
    screenshot(&chromium, &page, "ko-phone.png", "390,1600");
}

#[test]
fn review_page_in_chromium_arabic() {
    let Some(chromium) = chromium() else { return };
    let page = review_page("budget", "ar", &["changed vote count", "changed URL"]);
    let dom = s(&browser(&chromium, &["--dump-dom"], &page).stdout);
    assert!(dom.contains("data-ready=\"2\""), "{dom}");
    let article = gold_article("budget");
    for unit in article.units() {
        assert!(
            dom.contains(&format!("data-unit=\"{}\"", unit.id)),
            "unit {} missing",
            unit.id
        );
    }
    // every target block right to left, in Arabic; sources left to right
    let rtl = dom
        .matches("<div class=\"trg\" lang=\"ar\" dir=\"rtl\"")
        .count();
    assert_eq!(rtl, article.units().len());
    assert_eq!(
        dom.matches("<div class=\"src\" lang=\"en\" dir=\"ltr\"")
            .count(),
        article.units().len()
    );
    assert!(dom.contains(">187</mark>"), "{dom}");
    assert!(dom.contains(">www.mofe.go.kr</mark>"), "{dom}");
    screenshot(&chromium, &page, "ar.png", "1200,1100");
}

#[test]
fn review_reads_a_returned_xliff_file_and_an_article_json_and_a_glossary() {
    let dir = temp("review-forms");
    let article = port_story();
    let src = dir.join("port.json");
    std::fs::write(&src, article.to_json()).unwrap();
    let json = bundled("ja").replace("約40隻", "約45隻");
    let xlf = dir.join("returned.xlf");
    let mut doc = filled(&article, "ja", &json);
    doc.convert(Version::V1_2);
    std::fs::write(&xlf, doc.to_xml().unwrap()).unwrap();
    let page = dir.join("review.html");
    let out = newsloc(&[
        "review",
        src.to_str().unwrap(),
        xlf.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("<div class=\"trg\" lang=\"ja\" dir=\"ltr\""),
        "{html}"
    );
    assert!(
        html.contains(">40</mark>") && html.contains(">45</mark>"),
        "{html}"
    );
    assert_eq!(
        html.matches("<article class=\"unit\"").count(),
        article.units().len()
    );
    // the photo's restriction is shown as fixed, under its caption
    assert!(html.contains("For Use Only in the Republic of Korea"));

    // the JSON form of the translated article, as import writes it
    let fixed = filled(&article, "ja", &bundled("ja"));
    let imported = newsloc::import(&fixed, &article, &newsloc::ImportOptions::new()).unwrap();
    let translated = dir.join("port.ja.json");
    std::fs::write(&translated, imported.article.to_json()).unwrap();
    let out = newsloc(&[
        "review",
        src.to_str().unwrap(),
        translated.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", s(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("data-findings=\"0\"") && html.contains("nothing refuses"),
        "{html}"
    );

    // a glossary: the right term passes, a wrong one is a warning
    let good = dir.join("good.csv");
    std::fs::write(&good, "en,ja\nIncheon Port Authority,仁川港湾公社\n").unwrap();
    let out = newsloc(&[
        "review",
        src.to_str().unwrap(),
        translated.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
        "--glossary",
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("data-findings=\"0\"")
    );
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "en,ja\nIncheon Port Authority,仁川港務局\n").unwrap();
    let out = newsloc(&[
        "review",
        src.to_str().unwrap(),
        translated.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
        "--glossary",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("data-check=\"glossary\""), "{html}");
    assert!(html.contains(">Incheon Port Authority</mark>"), "{html}");
    // a malformed glossary names the file and line
    std::fs::write(&bad, "en,ja\na,b\nc,d,e\n").unwrap();
    let out = newsloc(&[
        "review",
        src.to_str().unwrap(),
        translated.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
        "--glossary",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = s(&out.stderr);
    assert!(
        err.contains("bad.csv:3:1") && err.contains("3 cells, the header has 2"),
        "{err}"
    );

    // re-use provenance given by the caller
    let story = Story::from_articles(&article, &imported.article).unwrap();
    let mut review = newsloc::qa::Review::new(&article, story, &Checker::new());
    review.provenance("p4", "port-reopens v1");
    let html = review.to_html();
    assert!(html.contains("re-used from port-reopens v1"));
}
