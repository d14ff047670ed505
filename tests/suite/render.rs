//! Rendering: localized wire copy, HTML, ninjs (validated against the IPTC
//! schema) and the rights invariant.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use newsloc::render::{self, Format};
use newsloc::{
    Article, Block, Credit, Error, Locales, Localizer, Text, UsageRestriction, WireReader,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/render")
        .join(name)
}

fn source() -> Article {
    WireReader::new()
        .id("lantern")
        .read_path(fixture("lantern.txt"))
        .unwrap()
}

/// The sample story translated with the bundled unit translations.
fn translation(lang: &str) -> Article {
    let json = fs::read_to_string(fixture(&format!("lantern.{lang}.json"))).unwrap();
    let units: BTreeMap<String, String> = serde_json::from_str(&json).unwrap();
    source()
        .translate(
            lang.parse().unwrap(),
            units.into_iter().map(|(k, v)| (k, Text::plain(v))),
        )
        .unwrap()
}

fn loc(lang: &str) -> Localizer {
    Locales::embedded().localizer(&lang.parse().unwrap())
}

// --- wire copy --------------------------------------------------------------

/// One change to an article.
type Change = dyn Fn(&mut Article);

#[test]
fn english_localized_wire_is_the_source_renderer() {
    let en = loc("en");
    let mut article = source();
    assert_eq!(
        render::to_wire_localized(&article, &en).unwrap(),
        render::to_wire(&article).unwrap()
    );
    // and the fixture itself comes back unchanged
    assert_eq!(
        render::to_wire(&article).unwrap(),
        fs::read_to_string(fixture("lantern.txt")).unwrap()
    );
    // variants, one at a time: no byline, a dateline without date, without
    // agency, without place, no dateline, no headline, no end mark, no
    // note, an unknown tag; all with a single name
    article.byline = vec!["Han Seo-yeon".into()];
    let cases: Vec<Box<Change>> = vec![
        Box::new(|a| a.byline.clear()),
        Box::new(|a| a.dateline.as_mut().unwrap().date = None),
        Box::new(|a| a.dateline.as_mut().unwrap().agency = None),
        Box::new(|a| a.dateline.as_mut().unwrap().place = None),
        Box::new(|a| a.dateline = None),
        Box::new(|a| a.headline = None),
        Box::new(|a| a.end_mark = false),
        Box::new(|a| a.editor_note = None),
        Box::new(|a| {
            a.headline.as_mut().unwrap().tag =
                Some(newsloc::UpdateTag::new("(3rd LD, more details)"))
        }),
    ];
    for (i, change) in cases.iter().enumerate() {
        let mut article = article.clone();
        change(&mut article);
        assert_eq!(
            render::to_wire_localized(&article, &en).unwrap(),
            render::to_wire(&article).unwrap(),
            "case {i}"
        );
    }
}

#[test]
fn korean_wire_copy() {
    let ko = translation("ko");
    let out = render::to_wire_localized(&ko, &loc("ko")).unwrap();
    assert_eq!(out, fs::read_to_string(fixture("lantern.ko.txt")).unwrap());
}

#[test]
fn japanese_wire_copy() {
    let ja = translation("ja");
    let out = render::to_wire_localized(&ja, &loc("ja-JP")).unwrap();
    assert_eq!(out, fs::read_to_string(fixture("lantern.ja.txt")).unwrap());
}

#[test]
fn tags_are_kept_as_written_in_their_own_language() {
    // an English original rendered in English keeps its tag verbatim,
    // a translation gets the tag in its own style, a tag of unknown kind
    // is kept everywhere
    let mut ko = translation("ko");
    ko.headline.as_mut().unwrap().tag = Some(newsloc::UpdateTag::new("(URGENT)"));
    let out = render::to_wire_localized(&ko, &loc("ko")).unwrap();
    assert!(out.contains("\n[속보] 진주"), "{out}");
    ko.headline.as_mut().unwrap().tag = Some(newsloc::UpdateTag::new("(News Focus)"));
    let out = render::to_wire_localized(&ko, &loc("ko")).unwrap();
    assert!(out.contains("\n(News Focus) 진주"), "{out}");
}

// --- HTML -------------------------------------------------------------------

#[test]
fn korean_html() {
    let html = render::to_html(&translation("ko"), &loc("ko")).unwrap();
    for expected in [
        "<!DOCTYPE html>\n<html lang=\"ko\" dir=\"ltr\">\n",
        "<title>진주 남강유등축제 개막…강변에 역대 최다 인파</title>",
        "<h1>진주 남강유등축제 개막…강변에 역대 최다 인파<span class=\"update-tag\">(종합2보)</span></h1>",
        "<p><span class=\"dateline\">(진주=연합뉴스) Han Seo-yeon, Marcus Lee 기자 = </span>12일 진주",
        "<p>축제 사무국 대변인은 &quot;올해 띄운 유등은",
        "<figure id=\"photo1\" class=\"photo\">\n<figcaption>2026년 9월 12일 경남 진주 남강에 전통 배 모양의 유등이 떠 있다.</figcaption>\n<dl class=\"rights\">\n<dt>사용 제한</dt>\n<dd class=\"restriction\" lang=\"en\" dir=\"ltr\">For Use Only in the Republic of Korea. No Redistribution</dd>\n<dt>출처</dt>\n<dd class=\"credit\" lang=\"en\" dir=\"ltr\">Yonhap</dd>\n</dl>\n</figure>",
        "<figure id=\"photo2\" class=\"photo\">\n<figcaption>2026년 9월 12일 관람객들이 유등으로 밝힌 부교를 건너고 있다.</figcaption>\n<dl class=\"rights\">\n<dt>출처</dt>\n<dd class=\"credit\" lang=\"en\" dir=\"ltr\">Yonhap</dd>\n</dl>\n</figure>",
        "<p class=\"end-mark\">(끝)</p>\n</article>\n</body>\n</html>\n",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in\n{html}");
    }
    // the byline is in the dateline, not on a line of its own; the
    // editor's note is not published
    assert!(!html.contains("class=\"byline\""), "{html}");
    assert!(!html.contains("ATTN"), "{html}");
}

#[test]
fn english_html_has_byline_line() {
    let html = render::to_html(&source(), &loc("en")).unwrap();
    assert!(html.contains("<header>\n<h1><span class=\"update-tag\">(2nd LD)</span> Lantern festival draws record crowd to Jinju riverside</h1>\n<p class=\"byline\">By Han Seo-yeon and Marcus Lee</p>\n</header>\n"), "{html}");
    assert!(
        html.contains("<p><span class=\"dateline\">JINJU, Sept. 12 (Yonhap) -- </span>More than"),
        "{html}"
    );
}

#[test]
fn arabic_html_is_right_to_left() {
    let ar = translation("ar");
    let html = render::to_html(&ar, &loc("ar")).unwrap();
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(
        html.contains("<dt>المصدر</dt>\n<dd class=\"credit\" lang=\"en\" dir=\"ltr\">Yonhap</dd>"),
        "{html}"
    );
    assert!(html.contains("<p class=\"end-mark\">(انتهى)</p>"), "{html}");
    // names inside Arabic text are isolated
    let byline = html
        .split("<p class=\"byline\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .unwrap();
    // the joined names are one isolated value holding two isolated names
    assert_eq!(
        byline,
        "بقلم \u{2068}\u{2068}Han Seo-yeon\u{2069} و\u{2068}Marcus Lee\u{2069}\u{2069}"
    );
}

#[test]
fn html_escapes_every_text() {
    let mut a = Article::new("x", "en".parse().unwrap());
    a.headline = Some(newsloc::Headline {
        tag: None,
        text: Text::plain("<script>alert('h')</script>"),
    });
    a.byline = vec!["A & B <i>".into()];
    a.dateline = Some(newsloc::Dateline::new(
        Some(Text::plain("\"QUOTED\" <CITY>")),
        None,
        Some(Credit("R&D <Wire>".into())),
    ));
    a.body
        .push(Block::Paragraph(Text::plain("1 < 2 && 3 > 2 ]]>")));
    a.body.push(Block::Photo(newsloc::Photo {
        caption: Text::plain("<img src=x onerror=alert(1)>"),
        restrictions: vec![UsageRestriction("No <b>use</b> & \"resale\"".into())],
        copyright: None,
        credit: Credit("A&P <Photo>".into()),
    }));
    let html = render::to_html(&a, &loc("en")).unwrap();
    for raw in [
        "<script", "<i>", "<CITY>", "<Wire>", "<img", "<b>", "<Photo>", "R&D", "A&P", " && ",
    ] {
        assert!(!html.contains(raw), "unescaped {raw:?} in\n{html}");
    }
    for escaped in [
        "&lt;script&gt;alert(&#39;h&#39;)&lt;/script&gt;",
        "By A &amp; B &lt;i&gt;",
        "&quot;QUOTED&quot; &lt;CITY&gt; (R&amp;D &lt;Wire&gt;) -- ",
        "1 &lt; 2 &amp;&amp; 3 &gt; 2 ]]&gt;",
        "<dd class=\"restriction\">No &lt;b&gt;use&lt;/b&gt; &amp; &quot;resale&quot;</dd>",
        "<dd class=\"credit\">A&amp;P &lt;Photo&gt;</dd>",
    ] {
        assert!(html.contains(escaped), "missing {escaped:?} in\n{html}");
    }
}

// --- ninjs ------------------------------------------------------------------

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    if dir.is_dir() {
        return Some(dir.to_path_buf());
    }
    if std::env::var_os("CI").is_some() {
        panic!("the shared corpus is missing at {}", dir.display());
    }
    eprintln!("note: {} not found; schema checks skipped", dir.display());
    None
}

/// The ninjs schema refers to the GeoJSON schema by URL for `geoJSON`
/// place properties; nothing newsloc writes uses them, and tests do not go
/// on the network, so that one reference resolves to an empty schema.
/// Any other external reference is an error.
struct OfflineGeoJson;

impl jsonschema::Retrieve for OfflineGeoJson {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str() == "https://geojson.org/schema/GeoJSON.json" {
            Ok(serde_json::json!({}))
        } else {
            Err(format!("unexpected external schema {}", uri.as_str()).into())
        }
    }
}

fn ninjs_validator() -> Option<jsonschema::Validator> {
    let schema_path = corpus()?.join("ninjs/schema/ninjs-schema_3.1.json");
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(schema_path).unwrap()).unwrap();
    Some(
        jsonschema::options()
            .should_validate_formats(true)
            .with_retriever(OfflineGeoJson)
            .build(&schema)
            .unwrap(),
    )
}

fn assert_valid(validator: &jsonschema::Validator, doc: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{doc:#}");
}

#[test]
fn ninjs_validates_against_the_iptc_schema() {
    let Some(validator) = ninjs_validator() else {
        return;
    };
    let mut bare = Article::new("bare id/with space", "en".parse().unwrap());
    bare.body.push(Block::Paragraph(Text::plain("Only text.")));
    bare.end_mark = false;
    let cases = [
        ("en", source()),
        ("ko", translation("ko")),
        ("ja", translation("ja")),
        ("ar", translation("ar")),
        ("en", bare),
    ];
    for (lang, article) in cases {
        let json = render::to_ninjs(&article, &loc(lang)).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_valid(&validator, &doc, &format!("{} in {lang}", article.id));
    }
    // the validator does reject what is wrong
    let mut doc: serde_json::Value =
        serde_json::from_str(&render::to_ninjs(&source(), &loc("en")).unwrap()).unwrap();
    doc["associations"][0]
        .as_object_mut()
        .unwrap()
        .remove("uri");
    assert!(!validator.is_valid(&doc));
    doc = serde_json::json!({"uri": "urn:x", "headline": "not in 3.x"});
    assert!(!validator.is_valid(&doc));
}

#[test]
fn ninjs_of_a_translation() {
    let json = render::to_ninjs(&translation("ko"), &loc("ko")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["uri"], "urn:newsloc:lantern:ko");
    assert_eq!(doc["type"], "text");
    assert_eq!(doc["version"], "3");
    assert_eq!(doc["language"], "ko");
    assert_eq!(
        doc["edNote"],
        "ATTN: ADDS comments from the festival office; RECASTS headline"
    );
    assert_eq!(doc["headlines"][0]["role"], "main");
    assert_eq!(
        doc["headlines"][0]["value"],
        "진주 남강유등축제 개막…강변에 역대 최다 인파"
    );
    assert_eq!(doc["headlines"][1]["value"], "(종합2보)");
    assert_eq!(doc["by"], "Han Seo-yeon, Marcus Lee 기자");
    assert_eq!(
        doc["people"],
        serde_json::json!([
            {"name": "Han Seo-yeon", "rel": "author"},
            {"name": "Marcus Lee", "rel": "author"}
        ])
    );
    assert_eq!(doc["located"], "진주");
    let body = doc["bodies"][0]["value"].as_str().unwrap();
    assert!(
        body.starts_with(
            "<p><span class=\"dateline\">(진주=연합뉴스) Han Seo-yeon, Marcus Lee 기자 = </span>12일"
        ),
        "{body}"
    );
    assert!(
        body.contains("<figure data-assoc-ref=\"photo1\"><figcaption>2026년 9월 12일 경남"),
        "{body}"
    );
    assert!(body.ends_with("<p class=\"end-mark\">(끝)</p>\n"), "{body}");
    let assoc = doc["associations"].as_array().unwrap();
    assert_eq!(assoc.len(), 3);
    assert_eq!(assoc[0]["name"], "photo1");
    assert_eq!(assoc[0]["type"], "picture");
    assert_eq!(assoc[0]["descriptions"][0]["role"], "caption");
    assert_eq!(
        assoc[0]["descriptions"][0]["value"],
        "2026년 9월 12일 경남 진주 남강에 전통 배 모양의 유등이 떠 있다."
    );
    assert_eq!(assoc[0]["descriptions"][1]["role"], "creditline");
    assert_eq!(assoc[0]["descriptions"][1]["value"], "Yonhap");
    assert_eq!(
        assoc[0]["usageTerms"],
        "For Use Only in the Republic of Korea. No Redistribution"
    );
    assert!(assoc[1].get("usageTerms").is_none());
    assert_eq!(assoc[2]["rel"], "translatedFrom");
    assert_eq!(assoc[2]["uri"], "urn:newsloc:lantern");
    assert_eq!(assoc[2]["version"], "3");
    assert_eq!(assoc[2]["language"], "en");
}

#[test]
fn ninjs_round_trips_through_the_reader() {
    let mut article = source();
    let json = render::to_ninjs(&article, &loc("en")).unwrap();
    let back = newsloc::ninjs::from_str(&json).unwrap();
    // the story date has no place in a ninjs item without a time
    article.date = None;
    assert_eq!(back, article);

    let ko = translation("ko");
    let back = newsloc::ninjs::from_str(&render::to_ninjs(&ko, &loc("ko")).unwrap()).unwrap();
    assert_eq!(back.translation_of, ko.translation_of);
    assert_eq!(back.byline, ko.byline);
    assert_eq!(back.body, ko.body);
    assert_eq!(back.headline.unwrap().text, ko.headline.unwrap().text);
    assert_eq!(back.language, ko.language);
    assert_eq!(back.version, ko.version);
}

// --- rights -----------------------------------------------------------------

#[test]
fn render_checks_rights_against_the_source() {
    let src = source();
    let ko = translation("ko");
    let l = loc("ko");
    for format in [Format::Wire, Format::Html, Format::Ninjs, Format::Json] {
        let out = render::render(&ko, Some(&src), format, &l).unwrap();
        assert!(out.contains("Yonhap"), "{format}");
    }

    // an altered credit
    let mut bad = ko.clone();
    if let Block::Photo(p) = &mut bad.body[2] {
        p.credit = Credit("연합뉴스".into());
    }
    let err = render::render(&bad, Some(&src), Format::Html, &l).unwrap_err();
    let Error::Rejected { problems } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems.len(), 1, "{err}");
    assert_eq!(problems[0].location.unit.as_deref(), Some("photo1-caption"));
    assert!(problems[0].message.contains("photo credit"), "{err}");

    // a dropped restriction and a missing photo
    let mut bad = ko.clone();
    if let Block::Photo(p) = &mut bad.body[2] {
        p.restrictions.clear();
    }
    bad.body.remove(4);
    let err = render::render(&bad, Some(&src), Format::Wire, &l).unwrap_err();
    let Error::Rejected { problems } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems.len(), 2, "{err}");
    assert!(err.to_string().contains("usage restrictions"), "{err}");
    assert!(err.to_string().contains("photo 2"), "{err}");

    // a restriction with different wording is not the same legal text
    let mut bad = ko.clone();
    if let Block::Photo(p) = &mut bad.body[2] {
        p.restrictions[0] = UsageRestriction("For use only in Korea".into());
    }
    assert!(render::check_rights(&bad, &src).is_err());

    // the wrong source, or no translation at all
    let mut other = src.clone();
    other.version = 2;
    let err = render::check_rights(&ko, &other).unwrap_err();
    assert!(
        err.to_string()
            .contains("version 3, not from lantern version 2"),
        "{err}"
    );
    let err = render::check_rights(&src, &src).unwrap_err();
    assert!(
        err.to_string().contains("not marked as a translation"),
        "{err}"
    );
}

#[test]
fn formats_parse() {
    assert_eq!("wire".parse::<Format>().unwrap(), Format::Wire);
    assert_eq!("HTML".parse::<Format>().unwrap(), Format::Html);
    assert_eq!("ninjs".parse::<Format>().unwrap(), Format::Ninjs);
    assert_eq!("json".parse::<Format>().unwrap(), Format::Json);
    let err = "xml".parse::<Format>().unwrap_err();
    assert!(
        err.to_string().contains("wire, html, ninjs or json"),
        "{err}"
    );
}

// --- command line -----------------------------------------------------------

fn newsloc(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .args(args)
        .output()
        .unwrap()
}

/// A scratch directory under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("newsloc-render-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn cli_renders_a_translation_checked_against_its_source() {
    let dir = Scratch::new("cli");
    let ko_json = dir.0.join("lantern.ko.json");
    fs::write(&ko_json, translation("ko").to_json()).unwrap();
    let src = fixture("lantern.txt");

    let out = newsloc(&[
        "render".as_ref(),
        ko_json.as_os_str(),
        "--source".as_ref(),
        src.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        fs::read_to_string(fixture("lantern.ko.txt")).unwrap()
    );

    let html = dir.0.join("out.html");
    let out = newsloc(&[
        "render".as_ref(),
        ko_json.as_os_str(),
        "--as".as_ref(),
        "html".as_ref(),
        "-o".as_ref(),
        html.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::read_to_string(&html)
            .unwrap()
            .contains("<html lang=\"ko\" dir=\"ltr\">")
    );

    // fixed parts in another locale than the article's
    let out = newsloc(&[
        "render".as_ref(),
        src.as_os_str(),
        "--as".as_ref(),
        "ninjs".as_ref(),
        "--locale".as_ref(),
        "ja-JP".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["headlines"][1]["value"], "（第2報）");

    // a translation whose credit was altered is not rendered
    let mut bad = translation("ko");
    if let Block::Photo(p) = &mut bad.body[2] {
        p.credit = Credit("연합뉴스".into());
    }
    let bad_json = dir.0.join("bad.ko.json");
    fs::write(&bad_json, bad.to_json()).unwrap();
    let out = newsloc(&[
        "render".as_ref(),
        bad_json.as_os_str(),
        "--source".as_ref(),
        src.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.ko.json") && err.contains("photo credit"),
        "{err}"
    );
}

#[test]
fn cli_locales_directory_overrides_and_reports_errors() {
    let dir = Scratch::new("locales");
    fs::create_dir_all(dir.0.join("en")).unwrap();
    fs::write(dir.0.join("en/newsloc.ftl"), "end-mark = -30-\n").unwrap();
    let src = fixture("lantern.txt");
    let out = newsloc(&[
        "render".as_ref(),
        src.as_os_str(),
        "--locales".as_ref(),
        dir.0.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.ends_with("\n\n\n\n-30-\n"), "{text}");
    // the rest of English comes from the embedded file
    assert!(
        text.contains("\nBy Han Seo-yeon and Marcus Lee\n"),
        "{text}"
    );

    fs::write(
        dir.0.join("en/newsloc.ftl"),
        "end-mark = ok\nbyline = { $names\n",
    )
    .unwrap();
    let out = newsloc(&[
        "render".as_ref(),
        src.as_os_str(),
        "--locales".as_ref(),
        dir.0.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("en/newsloc.ftl:3:1: Fluent syntax error"),
        "{err}"
    );
}

/// xmllint's verdict on a document, or `None` when xmllint is not
/// installed (an error under CI).
fn xmllint(doc: &str) -> Option<(bool, String)> {
    use std::io::Write as _;
    let child = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            if std::env::var_os("CI").is_some() {
                panic!("xmllint is needed: {e}");
            }
            eprintln!("note: xmllint not found ({e}); well-formedness not checked");
            return None;
        }
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(doc.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[test]
fn html_is_well_formed() {
    let mut awkward = Article::new("x", "en".parse().unwrap());
    awkward.body.push(Block::Paragraph(
        Text::from_runs(vec![
            newsloc::Run::Text("a <b> & ]]> ".into()),
            newsloc::Run::Start {
                id: "1".into(),
                kind: newsloc::CodeKind::Strong,
                markup: "<b>".into(),
            },
            newsloc::Run::Text("x".into()),
            newsloc::Run::Start {
                id: "2".into(),
                kind: newsloc::CodeKind::Link,
                markup: "<a href=\"https://e.com/?a=1&amp;b=2\">".into(),
            },
            newsloc::Run::Text("y".into()),
            newsloc::Run::End {
                id: "1".into(),
                markup: "</b>".into(),
            },
            newsloc::Run::Code {
                id: "3".into(),
                kind: newsloc::CodeKind::LineBreak,
                markup: "<br>".into(),
            },
            newsloc::Run::End {
                id: "2".into(),
                markup: "</a>".into(),
            },
        ])
        .unwrap(),
    ));
    let cases = [
        (source(), "en"),
        (translation("ko"), "ko"),
        (translation("ar"), "ar"),
        (awkward, "en"),
    ];
    for (article, lang) in cases {
        let html = render::to_html(&article, &loc(lang)).unwrap();
        let Some((ok, errors)) = xmllint(&html) else {
            return;
        };
        assert!(ok, "{lang}: {errors}\n{html}");
    }
}

#[test]
fn articles_read_from_other_providers_render_valid_ninjs_and_html() {
    let Some(validator) = ninjs_validator() else {
        return;
    };
    let Some(corpus) = corpus() else { return };
    let dir = corpus.join("ninjs/examples");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut rendered = 0;
    for path in names {
        let Ok(article) = newsloc::ninjs::from_str(&fs::read_to_string(&path).unwrap()) else {
            continue; // not a text story (tests/suite/ninjs.rs checks which)
        };
        for lang in ["en", "ko", "ar"] {
            let l = loc(lang);
            let json = render::to_ninjs(&article, &l).unwrap();
            let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_valid(&validator, &doc, &format!("{} in {lang}", path.display()));
            let html = render::to_html(&article, &l).unwrap();
            if let Some((ok, errors)) = xmllint(&html) {
                assert!(ok, "{}: {errors}\n{html}", path.display());
            }
        }
        rendered += 1;
    }
    assert_eq!(rendered, 13);
}

// --- legal text on every path -------------------------------------------------

#[test]
fn a_translation_is_checked_against_its_fingerprint_without_the_source() {
    let dir = Scratch::new("fingerprint");
    let mut ko = translation("ko");
    assert!(ko.check_fingerprint().is_ok());
    if let Block::Photo(p) = &mut ko.body[2] {
        p.credit = Credit("Yonhap/AFP".into());
    }
    let file = dir.0.join("edited.json");
    fs::write(&file, ko.to_json()).unwrap();
    let out = newsloc(&["render".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("photos: credits, usage restrictions or copyright"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // an untouched translation renders
    let file = dir.0.join("ok.json");
    fs::write(&file, translation("ko").to_json()).unwrap();
    assert!(
        newsloc(&["render".as_ref(), file.as_os_str()])
            .status
            .success()
    );
    // --source compares the end mark too
    let mut ko = translation("ko");
    ko.end_mark = false;
    let err = render::render(&ko, Some(&source()), Format::Wire, &loc("ko")).unwrap_err();
    assert!(err.to_string().contains("end mark differs"), "{err}");
}

#[test]
fn omitted_captions_keep_their_photos_and_the_pipeline_agrees_with_itself() {
    let dir = Scratch::new("omit");
    let src = fixture("lantern.txt");
    let out = newsloc(&[
        "export".as_ref(),
        src.as_os_str(),
        "--to".as_ref(),
        "ko".as_ref(),
        "-o".as_ref(),
        dir.0.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xlf = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let imported = dir.0.join("ko.json");
    let out = newsloc(&[
        "import".as_ref(),
        src.as_os_str(),
        xlf.as_ref(),
        "--untranslated".as_ref(),
        "omit".as_ref(),
        "-o".as_ref(),
        imported.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let article = Article::from_json(&fs::read_to_string(&imported).unwrap()).unwrap();
    assert_eq!(article.photos().count(), 2);
    assert!(article.photos().all(|p| p.caption.is_empty()));
    let out = newsloc(&[
        "render".as_ref(),
        imported.as_os_str(),
        "--source".as_ref(),
        src.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let wire = String::from_utf8(out.stdout).unwrap();
    assert!(
        wire.contains("\n(For Use Only in the Republic of Korea. No Redistribution) (Yonhap)\n"),
        "{wire}"
    );
}

#[test]
fn line_break_codes_are_spaces_in_wire_copy() {
    let mut a = Article::new("br", "en".parse().unwrap());
    let text = Text::from_runs(vec![
        newsloc::Run::Text("at 10 a.m.".into()),
        newsloc::Run::Code {
            id: "1".into(),
            kind: newsloc::CodeKind::LineBreak,
            markup: "<br/>".into(),
        },
        newsloc::Run::Text("They cited".into()),
    ])
    .unwrap();
    a.body.push(Block::Paragraph(text));
    let out = render::to_wire(&a).unwrap();
    assert!(out.contains("at 10 a.m. They cited"), "{out}");
}

#[test]
fn copyright_and_usage_terms_are_kept_and_rendered_everywhere() {
    let item = serde_json::json!({
        "uri": "urn:example:rights", "type": "text", "language": "en",
        "copyrightNotice": "© 2026 Example Wire. All rights reserved.",
        "usageTerms": "No use in advertising.",
        "headlines": [{"role": "main", "value": "Ferries run again"}],
        "bodies": [{"contentType": "text/html", "value": "<p>Service resumed.</p><figure data-assoc-ref=\"p1\"><figcaption>A ferry.</figcaption></figure>"}],
        "associations": [{"name": "p1", "type": "picture", "uri": "urn:example:p1",
            "copyrightNotice": "© 2026 Lee Grant",
            "descriptions": [{"role": "creditline", "value": "Example Wire/Lee Grant"}]}]
    });
    let a = newsloc::ninjs::from_str(&item.to_string()).unwrap();
    assert_eq!(
        a.copyright.as_ref().unwrap().as_str(),
        "© 2026 Example Wire. All rights reserved."
    );
    assert_eq!(
        a.usage_terms.as_ref().unwrap().as_str(),
        "No use in advertising."
    );
    let photo = a.photos().next().unwrap();
    assert_eq!(
        photo.copyright.as_ref().unwrap().as_str(),
        "© 2026 Lee Grant"
    );
    let ar = a
        .translate(
            "ar".parse().unwrap(),
            [
                ("headline", Text::plain("عودة العبارات")),
                ("p1", Text::plain("استؤنفت الخدمة.")),
                ("photo1-caption", Text::plain("عبارة.")),
            ],
        )
        .unwrap();
    assert_eq!(ar.copyright, a.copyright);
    for format in [Format::Wire, Format::Html, Format::Ninjs, Format::Json] {
        let out = render::render(&ar, Some(&a), format, &loc("ar")).unwrap();
        assert!(
            out.contains("2026 Example Wire. All rights reserved."),
            "{format}: {out}"
        );
        assert!(out.contains("No use in advertising."), "{format}");
        assert!(out.contains("2026 Lee Grant"), "{format}");
    }
    // an English credit on an Arabic page carries its own language and direction
    let html = render::to_html(&ar, &loc("ar")).unwrap();
    assert!(
        html.contains("<dd class=\"credit\" lang=\"en\" dir=\"ltr\">Example Wire/Lee Grant</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<span lang=\"en\" dir=\"ltr\">No use in advertising.</span>"),
        "{html}"
    );
    // the wire copy reads back with its legal text
    let wire = render::to_wire_localized(&ar, &loc("ar")).unwrap();
    let back = WireReader::new()
        .language("ar".parse().unwrap())
        .read_str(&wire)
        .unwrap();
    assert_eq!(back.copyright, a.copyright);
    assert_eq!(back.usage_terms, a.usage_terms);
    assert_eq!(back.photos().next().unwrap().copyright, photo.copyright);
    // a photo with no credit is refused, in ninjs and in JSON
    let mut bad = item.clone();
    bad["associations"][0]["descriptions"] = serde_json::json!([]);
    let e = newsloc::ninjs::from_str(&bad.to_string()).unwrap_err();
    assert!(
        e.to_string()
            .contains("photo 1 (\"A ferry.\") has no credit"),
        "{e}"
    );
    let json = a.to_json().replace(
        "\"credit\": \"Example Wire/Lee Grant\"",
        "\"credit\": \" \"",
    );
    let e = Article::from_json(&json).unwrap_err();
    assert!(e.to_string().contains("credit must not be empty"), "{e}");
    assert!(e.location().unwrap().position.is_some());
}
