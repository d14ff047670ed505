//! The wire-copy reader on the sample stories (every variation of
//! shared/spec/wire-copy.md) and on broken input.

use std::path::PathBuf;
use std::str::FromStr;

use newsloc::{Article, Block, Error, MonthDay, UpdateVerb, WireReader, render};

fn story(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/stories")
        .join(name)
}

fn read(name: &str) -> Article {
    WireReader::new()
        .read_path(story(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn paragraphs(a: &Article) -> Vec<String> {
    a.body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) => Some(t.to_plain_string()),
            _ => None,
        })
        .collect()
}

fn err(text: &str) -> (String, u64, u64) {
    let e = WireReader::new().id("t").read_str(text).unwrap_err();
    let pos = e.location().and_then(|l| l.position).expect("a position");
    (e.to_string(), pos.line, pos.column)
}

#[test]
fn full_story_header_tag_two_bylines_photos() {
    let a = read("port-reopens.txt");
    assert_eq!(a.id, "port-reopens");
    assert_eq!(a.version, 2, "(LEAD) is the second version");
    assert_eq!(a.date.unwrap().to_string(), "2026-09-12");
    let note = a.editor_note.as_ref().unwrap();
    assert_eq!(note.changes()[0].verb, UpdateVerb::Adds);
    assert_eq!(note.changes()[1].verb, UpdateVerb::Recasts);
    let h = a.headline.as_ref().unwrap();
    assert_eq!(h.tag.as_ref().unwrap().as_str(), "(LEAD)");
    assert_eq!(
        h.text.to_plain_string(),
        "Incheon port reopens as typhoon weakens over Yellow Sea"
    );
    assert_eq!(a.byline, ["Seo Min-ji", "Thomas Barrow"]);
    let d = a.dateline.as_ref().unwrap();
    assert_eq!(d.place.as_ref().unwrap().to_plain_string(), "INCHEON");
    assert_eq!(d.date, Some(MonthDay::new(9, 12).unwrap()));
    assert_eq!(d.agency.as_ref().unwrap().as_str(), "Yonhap");
    let p = paragraphs(&a);
    assert_eq!(p.len(), 6);
    assert!(
        p[0].starts_with("Cargo and passenger"),
        "dateline removed: {}",
        p[0]
    );
    // a parenthesis mid-paragraph is text, not a credit
    assert!(p[1].contains("(KCNA) reported"));
    let photos: Vec<_> = a.photos().collect();
    assert_eq!(photos.len(), 2);
    assert_eq!(
        photos[0].restrictions[0].as_str(),
        "For Use Only in the Republic of Korea. No Redistribution"
    );
    assert_eq!(photos[0].credit.as_str(), "Yonhap");
    assert!(photos[1].restrictions.is_empty());
    assert_eq!(
        photos[1].caption.to_plain_string(),
        "Dockworkers clear debris from a pier at Incheon port."
    );
    assert!(a.end_mark);
    // photo blocks sit between paragraphs, in order
    assert!(matches!(a.body[4], Block::Photo(_)));
    assert!(matches!(a.body[7], Block::Photo(_)));
}

#[test]
fn bom_crlf_no_headline_three_bylines_no_date_em_dash_no_end_mark() {
    let a = read("chip-talks-crlf.txt");
    assert!(a.headline.is_none());
    assert!(a.date.is_none() && a.editor_note.is_none());
    assert_eq!(a.byline, ["Maria Ortega", "Kevin Walsh", "Han Seo-yeon"]);
    let d = a.dateline.as_ref().unwrap();
    assert_eq!(d.place.as_ref().unwrap().to_plain_string(), "WASHINGTON");
    assert_eq!(d.date, None);
    assert_eq!(d.agency.as_ref().unwrap().as_str(), "AP");
    let p = paragraphs(&a);
    assert_eq!(p.len(), 4, "{p:?}");
    // no CR, no tab, no trailing space survives; curly and nested quotes kept
    assert!(p.iter().all(|s| !s.contains(['\r', '\t']) && s == s.trim()));
    assert!(p[0].ends_with("“within weeks.”"));
    assert!(p[1].starts_with("“When the minister told us, ‘We are close,’"));
    // ends in a parenthesis but is not a photo block
    assert!(p[2].ends_with("(including two in Ohio)."));
    // after a run of three blank lines: still a paragraph, not dropped
    assert_eq!(
        p[3],
        "A second round is set for October in Seoul, the aide said."
    );
    assert!(!a.end_mark);
    assert_eq!(a.version, 1);
}

#[test]
fn urgent_no_city_single_dash_several_restrictions() {
    let a = read("typhoon-urgent.txt");
    assert_eq!(
        a.headline.as_ref().unwrap().tag.as_ref().unwrap().as_str(),
        "(URGENT)"
    );
    assert_eq!(a.version, 1);
    assert!(a.byline.is_empty());
    let d = a.dateline.as_ref().unwrap();
    assert!(d.place.is_none());
    assert_eq!(d.date, Some(MonthDay::new(9, 3).unwrap()));
    let photo = a.photos().next().unwrap();
    let r: Vec<&str> = photo.restrictions.iter().map(|r| r.as_str()).collect();
    assert_eq!(r, ["Editorial Use Only", "No Archiving"]);
    assert_eq!(paragraphs(&a).len(), 3);
    assert!(a.end_mark, "end mark after several blank lines");
}

#[test]
fn second_lead_en_dash_wrapped_paragraph() {
    let a = read("rates-2nd-ld.txt");
    assert_eq!(a.version, 3);
    assert_eq!(
        a.dateline
            .as_ref()
            .unwrap()
            .place
            .as_ref()
            .unwrap()
            .to_plain_string(),
        "SEOUL"
    );
    let p = paragraphs(&a);
    assert!(p[0].starts_with("The Bank of Korea (BOK) kept"));
    // two lines without a blank between them are one paragraph
    assert!(p[2].ends_with(
        "said at a news conference. He added that a cut in January \"remains possible.\""
    ));
}

#[test]
fn id_and_version_options_win() {
    let a = WireReader::new()
        .id("custom")
        .version(7)
        .read_path(story("rates-2nd-ld.txt"))
        .unwrap();
    assert_eq!((a.id.as_str(), a.version), ("custom", 7));
}

#[test]
fn rendering_reads_back_equal() {
    for name in [
        "port-reopens.txt",
        "chip-talks-crlf.txt",
        "typhoon-urgent.txt",
        "rates-2nd-ld.txt",
    ] {
        let a = read(name);
        let out = render::to_wire(&a).unwrap();
        let back = WireReader::new()
            .id(a.id.clone())
            .read_str(&out)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{out}"));
        assert_eq!(back, a, "{name}\n{out}");
    }
}

#[test]
fn rendering_follows_the_spec_layout() {
    let out = render::to_wire(&read("port-reopens.txt")).unwrap();
    assert!(out.starts_with("date 2026-09-12 (ATTN: ADDS comments"));
    assert!(out.contains("\n\n(LEAD) Incheon port reopens"));
    assert!(out.contains("\n\nBy Seo Min-ji and Thomas Barrow\n\n"));
    assert!(out.contains("\n\nINCHEON, Sept. 12 (Yonhap) -- Cargo and passenger"));
    assert!(out.contains(
        "\n\n\n\nA tugboat guides a container ship into Incheon port on Sept. 12, 2026. (For Use Only in the Republic of Korea. No Redistribution) (Yonhap)\n\n"
    ));
    assert!(out.ends_with("\n\n\n\n(END)\n"));
}

#[test]
fn the_specs_own_example_reads() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/wire-copy.md");
    let Ok(spec) = std::fs::read_to_string(&path) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing",
            path.display()
        );
        eprintln!("skipped: {} is missing", path.display());
        return;
    };
    let start = spec.find("```text\n").expect("example block") + 8;
    let end = start + spec[start..].find("```").expect("end of example");
    let a = WireReader::new()
        .id("ferry")
        .read_str(&spec[start..end])
        .unwrap();
    assert_eq!(a.version, 2);
    assert_eq!(a.byline, ["Park Ha-eun", "Daniel Cho"]);
    assert_eq!(a.body.len(), 7);
    assert_eq!(a.photos().count(), 2);
    assert!(a.end_mark);
}

#[test]
fn error_empty_story() {
    let (msg, line, col) = err("");
    assert!(msg.contains("the story is empty"), "{msg}");
    assert_eq!((line, col), (1, 1));
    let (msg, line, _) = err("\u{feff}\r\n  \n\t\n");
    assert!(msg.contains("empty"), "{msg}");
    assert_eq!(line, 4);
}

#[test]
fn error_binary_garbage() {
    let e = WireReader::new()
        .id("t")
        .read_bytes(b"SEOUL (Yonhap) -- ok\n\x89PNG\r\n\x1a\n\x00\x00")
        .unwrap_err();
    let pos = e.location().unwrap().position.unwrap();
    assert!(e.to_string().contains("not valid UTF-8"), "{e}");
    assert_eq!((pos.line, pos.column), (2, 1));
    let (msg, line, col) = err("Head\n\nSEOUL (Yonhap) -- a\u{0}b\n");
    assert!(msg.contains("control character U+0000"), "{msg}");
    assert_eq!((line, col), (3, 20));
    let e = WireReader::new().read_bytes(b"\xFF\xFEd\x00").unwrap_err();
    assert!(e.to_string().contains("UTF-16"), "{e}");
}

#[test]
fn error_header_with_unclosed_parenthesis() {
    let (msg, line, col) =
        err("date 2026-03-04 (ATTN: ADDS details\n\nHead\n\nSEOUL (Yonhap) -- Text.\n");
    assert!(msg.contains("never closed"), "{msg}");
    assert_eq!((line, col), (1, 17));
    assert!(msg.starts_with("1:17: header:"), "{msg}");
}

#[test]
fn error_photo_block_without_credit() {
    let text = "Head\n\nSEOUL (Yonhap) -- Text.\n\n\n\nA ship in port. (For Use Only in the Republic of Korea. No Redistribution)\n\n(END)\n";
    let (msg, line, col) = err(text);
    assert!(msg.contains("photo block has no credit"), "{msg}");
    assert_eq!((line, col), (7, 1));
}

#[test]
fn error_story_that_is_only_a_byline() {
    let (msg, line, _) = err("By Kim Ji-won\n");
    assert!(msg.contains("no body: nothing after the byline"), "{msg}");
    assert_eq!(line, 2);
    let (msg, ..) = err("date 2026-01-01\n\nBy Kim Ji-won\n\n(END)\n");
    assert!(msg.contains("nothing after the byline"), "{msg}");
}

#[test]
fn error_text_after_end_mark_is_not_dropped() {
    let (msg, line, _) = err("Head\n\nSEOUL (Yonhap) -- Text.\n\n(END)\n\nLate paragraph.\n");
    assert!(msg.contains("text after the end mark"), "{msg}");
    assert_eq!(line, 7);
}

#[test]
fn errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("newsloc-wire-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.txt");
    std::fs::write(&path, "date 2026-02-30\n\nBody.\n").unwrap();
    let e = WireReader::new().read_path(&path).unwrap_err();
    assert!(matches!(e, Error::Wire { .. }));
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!("{}:1:6:", path.display())),
        "{msg}"
    );
    let e = WireReader::new()
        .read_path(dir.join("missing.txt"))
        .unwrap_err();
    assert!(matches!(e, Error::Io { .. }), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn error_truncated_story() {
    let (msg, line, _) =
        err("Head\n\nSEOUL (Yonhap) -- Ferries ran.\n\nOfficials said the port wou");
    assert!(msg.contains("seems truncated"), "{msg}");
    assert_eq!(line, 5);
    // a complete last sentence without an end mark is fine (the spec allows it)
    assert!(
        WireReader::new()
            .read_str("Head\n\nSEOUL (Yonhap) -- Ferries ran.\n")
            .is_ok()
    );
    // cut off right after the dateline: the last paragraph ends with `)`,
    // which alone would pass for a complete sentence
    for story in [
        "Head\n\nBy Park Ha-eun\n\nBUSAN, March 4 (Yonhap)",
        "Head\n\nPARIS (AFP)\n",
        "Head\n\nTOKYO, Jan. 5 Kyodo\n",
    ] {
        let (msg, line, _) = err(story);
        assert!(msg.contains("seems truncated"), "{story:?}: {msg}");
        assert_eq!(line as usize, story.trim_end().lines().count(), "{story:?}");
    }
    for (lang, story) in [
        ("ko", "제목\n\n(부산=연합뉴스)\n"),
        ("ja", "見出し\n\n【ソウル聯合ニュース】\n"),
        ("fr", "Titre\n\nPARIS (AFP)\n"),
    ] {
        let e = WireReader::new()
            .language(lang.parse().unwrap())
            .read_str(story)
            .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("seems truncated") || msg.contains("followed by no text"),
            "{lang}: {msg}"
        );
    }
    // a dateline-like paragraph that is a sentence is still text
    assert!(
        WireReader::new()
            .read_str("Head\n\nThe talks ended (Yonhap).\n")
            .is_ok()
    );
}

#[test]
fn error_wrong_kind_of_file() {
    let (msg, line, col) = err("\n  <?xml version=\"1.0\"?>\n<xliff version=\"2.0\">\n");
    assert!(
        msg.contains("looks like XML or HTML, not a wire-copy story"),
        "{msg}"
    );
    assert_eq!((line, col), (2, 3));
    let (msg, ..) = err("{\"format\": \"newsloc/article@1\"}");
    assert!(msg.contains("looks like JSON"), "{msg}");
}

proptest::proptest! {
    /// Any article the wire format can express reads back equal after
    /// rendering.
    #[test]
    fn rendered_wire_copy_reads_back_equal(
        tag in proptest::option::of(proptest::sample::select(vec![
            "(LEAD)", "(2nd LD)", "(URGENT)", "(3rd LD, with more)",
        ])),
        headline in "[A-Z][a-z]{1,8}( [a-z&<>]{1,8}){0,6}",
        byline in proptest::collection::vec("[A-Z][a-z]{1,6} [A-Z][a-z]{1,6}", 0..4),
        place in proptest::option::of("[A-Z]{2,8}( [A-Z]{2,6})?"),
        date in proptest::option::of((1u8..=12, 1u8..=28)),
        agency in proptest::sample::select(vec!["Yonhap", "AP", "Yonhap/Reuters"]),
        body in proptest::collection::vec(
            ("[A-Z][a-z]{1,8}( [a-z,\"<>&()]{1,8}){0,8}[.?!]", proptest::option::of((
                "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,5}\\.",
                proptest::collection::vec(proptest::sample::select(vec!["Editorial Use Only", "No Archiving", "For Use Only in Korea. No Redistribution"]), 0..3),
                proptest::sample::select(vec!["Yonhap", "AP", "Yonhap/EPA"]),
            ))),
            1..5,
        ),
        end_mark in proptest::bool::ANY,
        date_header in proptest::option::of((2000i32..2030, 1u8..=12, 1u8..=28)),
    ) {
        // a headline "By" would be an empty byline, which is an error
        proptest::prop_assume!(headline != "By");
        let mut a = Article::new("p", "en".parse().unwrap());
        a.date = date_header.map(|(y, m, d)| newsloc::Date::new(y, m, d).unwrap());
        a.headline = Some(newsloc::Headline {
            tag: tag.map(newsloc::UpdateTag::new),
            text: newsloc::Text::plain(headline),
        });
        a.byline = byline;
        a.dateline = Some(newsloc::Dateline::new(
            place.map(newsloc::Text::plain),
            date.map(|(m, d)| MonthDay::new(m, d).unwrap()),
            Some(newsloc::Credit(agency.into())),
        ));
        for (text, photo) in body {
            a.body.push(Block::Paragraph(newsloc::Text::plain(text)));
            if let Some((caption, restrictions, credit)) = photo {
                a.body.push(Block::Photo(newsloc::Photo {
                    caption: newsloc::Text::plain(caption),
                    restrictions: restrictions.into_iter().map(|r| newsloc::UsageRestriction(r.into())).collect(),
                    copyright: None,
                    credit: newsloc::Credit(credit.into()),
                }));
            }
        }
        a.end_mark = end_mark;
        a.version = a.headline.as_ref().and_then(|h| h.tag.as_ref()).and_then(|t| t.story_version()).unwrap_or(1);
        let out = render::to_wire(&a).unwrap();
        let back = WireReader::new().id("p").read_str(&out);
        proptest::prop_assert!(back.is_ok(), "{:?}\n{}", back, out);
        proptest::prop_assert_eq!(back.unwrap(), a, "{}", out);
    }
}

// --- every locale we write, we read -----------------------------------------

/// Words a story in `lang` is made of: (places, names, headlines,
/// sentences, captions).
#[allow(clippy::type_complexity)]
fn pools(
    lang: &str,
) -> (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
) {
    match lang {
        "ko" => (
            &["서울", "부산", "워싱턴"],
            &["이민지", "김철수", "Kim Min-ji", "박하은"],
            &["여객선 운항 재개", "정상회담 전망", "북한 미사일 발사"],
            &[
                "여객선 운항이 재개됐다.",
                "관계자는 \"모든 노선이 정상\"이라고 말했다.",
                "항만청은 경보를 해제했다.",
            ],
            &[
                "부산항에서 승객들이 여객선에 오르고 있다.",
                "화물선이 대기하고 있다.",
            ],
        ),
        "ja" => (
            &["ソウル", "東京"],
            &["佐藤花子", "鈴木一郎", "Kim Min-ji"],
            &["フェリー運航再開", "首脳会談へ"],
            &[
                "フェリーの運航が再開された。",
                "当局者は「全便が通常通り」と述べた。",
            ],
            &[
                "釜山港でフェリーに乗り込む乗客。",
                "港の外で待機する貨物船。",
            ],
        ),
        "zh-Hans" | "zh-Hant" => (
            &["首尔", "北京"],
            &["张伟", "李娜", "Kim Min-ji"],
            &["渡轮恢复运营", "峰会前景"],
            &["渡轮服务已经恢复。", "官员表示所有航线正常运行。"],
            &["乘客在釜山港登上渡轮。", "一艘货船在港外等候。"],
        ),
        "ar" => (
            &["سيول", "بوسان"],
            &["أحمد حسن", "ليلى منصور", "Kim Min-ji"],
            &["استئناف خدمة العبارات", "توقعات القمة"],
            &[
                "استؤنفت خدمة العبارات صباح الأربعاء.",
                "قال مسؤول إن جميع الخطوط تعمل.",
            ],
            &[
                "ركاب يصعدون إلى عبارة في ميناء بوسان.",
                "سفينة شحن تنتظر خارج الميناء.",
            ],
        ),
        "ru" => (
            &["СЕУЛ", "МОСКВА"],
            &["Иван Петров", "Анна Смирнова", "Kim Min-ji"],
            &["Паромы снова ходят", "Прогноз саммита"],
            &[
                "Паромное сообщение возобновлено.",
                "Чиновник сказал, что все линии работают.",
            ],
            &[
                "Пассажиры садятся на паром в порту Пусан.",
                "Грузовое судно ждет у порта.",
            ],
        ),
        _ => (
            &["SEOUL", "BUSAN", "NEW YORK"],
            &["Kim Min-ji", "Anne Roux", "Daniel Cho"],
            &["Ferries run again", "Summit in sight"],
            &[
                "Ferry service resumed on Wednesday.",
                "An official said all routes were running.",
                "The warning was lifted at 5 a.m.",
            ],
            &[
                "Passengers board a ferry in Busan.",
                "A cargo ship waits outside the port.",
            ],
        ),
    }
}

/// What a locale's wire copy carries of a dateline's date: Korean and
/// Japanese datelines write none, German ones none when they name a place
/// (see locales/*/newsloc.ftl); the reader then takes the header's date
/// when the dateline has a place. The others write it.
fn date_read_back(
    lang: &str,
    place: bool,
    date: Option<MonthDay>,
    header: Option<newsloc::Date>,
) -> Option<MonthDay> {
    let drops = match lang {
        "ko" | "ja" => true,
        "de" => place,
        _ => false,
    };
    if !drops {
        return date;
    }
    if place {
        header.map(|h| MonthDay::new(h.month(), h.day()).unwrap())
    } else {
        None
    }
}

const LANGS: [&str; 10] = [
    "en", "ko", "ja", "zh-Hans", "zh-Hant", "ar", "es", "fr", "de", "ru",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// For every locale, an article written in its language, rendered as
    /// the locale's wire copy, reads back into the same article (what the
    /// locale does not write, a Korean dateline's date, is worked out by
    /// `date_read_back`).
    #[test]
    fn every_locale_reads_back_what_it_writes(
        lang in proptest::sample::select(LANGS.to_vec()),
        pick in proptest::collection::vec(0usize..1000, 24),
        tag in proptest::option::of(proptest::sample::select(vec!["(LEAD)", "(2nd LD)", "(URGENT)"])),
        has_headline in proptest::bool::ANY,
        names in 0usize..4,
        place in proptest::bool::ANY,
        date in proptest::option::of((1u8..=12, 1u8..=28)),
        agency in proptest::sample::select(vec!["Yonhap", "AP", "AFP", "Reuters", "Xinhua"]),
        paragraphs in 1usize..4,
        photos in proptest::collection::vec((0usize..3, proptest::bool::ANY, proptest::sample::select(vec!["Yonhap", "AP", "Yonhap/EPA"])), 0..3),
        credits in proptest::bool::ANY,
        copyright in proptest::bool::ANY,
        terms in proptest::bool::ANY,
        end_mark in proptest::bool::ANY,
        header in proptest::option::of((2020i32..2030, 1u8..=12, 1u8..=28)),
        note in proptest::bool::ANY,
        role in proptest::option::of(proptest::sample::select(vec!["특파원", "통신원"])),
    ) {
        let (places, people, heads, sentences, captions) = pools(lang);
        let mut k = pick.into_iter().cycle();
        let mut any = |list: &[&'static str]| list[k.next().unwrap() % list.len()];
        let mut a = Article::new("p", lang.parse().unwrap());
        a.date = header.map(|(y, m, d)| newsloc::Date::new(y, m, d).unwrap());
        if note {
            a.editor_note = Some(newsloc::EditorNote::new("ATTN: ADDS details; RECASTS headline"));
        }
        if has_headline {
            a.headline = Some(newsloc::Headline {
                tag: tag.map(newsloc::UpdateTag::new),
                text: newsloc::Text::plain(any(heads)),
            });
        }
        let mut byline: Vec<String> = Vec::new();
        for _ in 0..names {
            let n = any(people).to_string();
            if !byline.contains(&n) {
                byline.push(n);
            }
        }
        // a role other than the usual one, in a locale that writes roles
        if lang == "ko" && !byline.is_empty() {
            a.byline_role = role.map(String::from);
        }
        a.byline = byline;
        let md = date.map(|(m, d)| MonthDay::new(m, d).unwrap());
        let place_text = place.then(|| newsloc::Text::plain(any(places)));
        a.dateline = Some(newsloc::Dateline::new(place_text, md, Some(newsloc::Credit(agency.into()))));
        for i in 0..paragraphs {
            a.body.push(Block::Paragraph(newsloc::Text::plain(any(sentences))));
            for (after, copy, credit) in &photos {
                if *after == i {
                    let mut p = newsloc::Photo::new(newsloc::Text::plain(any(captions)), newsloc::Credit(credit.to_string()));
                    if *copy {
                        p.copyright = Some(newsloc::Copyright("© 2026 Yonhap News Agency".into()));
                        p.restrictions.push(newsloc::UsageRestriction("Editorial Use Only".into()));
                    }
                    a.body.push(Block::Photo(p));
                }
            }
        }
        if credits {
            a.credits = vec![newsloc::Credit("Reporting by Kim Min-ji".into()), newsloc::Credit("Editing by Ed Lee".into())];
        }
        if copyright {
            a.copyright = Some(newsloc::Copyright("(c) 2026 Yonhap News Agency. All rights reserved.".into()));
        }
        if terms {
            a.usage_terms = Some(newsloc::UsageRestriction("For editorial use only; no archiving.".into()));
        }
        a.end_mark = end_mark;
        a.version = a.headline.as_ref().and_then(|h| h.tag.as_ref()).and_then(|t| t.story_version()).unwrap_or(1);

        let l = newsloc::Locales::embedded().localizer(&a.language);
        let out = render::to_wire_localized(&a, &l).unwrap();
        let mut reader = WireReader::new();
        reader.id("p").language(lang.parse().unwrap());
        let back = reader.read_str(&out);
        proptest::prop_assert!(back.is_ok(), "{lang}: {:?}\n{}", back, out);
        let mut expected = a.clone();
        if let Some(d) = expected.dateline.as_mut() {
            d.date = date_read_back(lang, d.place.is_some(), d.date, a.date);
        }
        proptest::prop_assert_eq!(back.unwrap(), expected, "{}\n{}", lang, out);
    }
}

// --- agency layouts (tests/fixtures/wire) ------------------------------------

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wire")
        .join(name)
}

fn read_in(name: &str, lang: &str) -> (Article, Vec<newsloc::Problem>) {
    let mut r = WireReader::new();
    r.language(lang.parse().unwrap());
    r.read_path_with_warnings(fixture(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A dateline's (place, (month, day), agency, year, dash).
type DatelineParts = (
    Option<String>,
    Option<(u8, u8)>,
    Option<String>,
    Option<i32>,
    Option<String>,
);

fn dateline_of(a: &Article) -> DatelineParts {
    let d = a.dateline.as_ref().expect("a dateline");
    (
        d.place.as_ref().map(|p| p.to_plain_string()),
        d.date.map(|m| (m.month(), m.day())),
        d.agency.as_ref().map(|c| c.as_str().to_string()),
        d.year,
        d.dash.clone(),
    )
}

#[test]
fn afp_dateline_with_year_and_single_dash() {
    let (a, warnings) = read_in("afp.txt", "en");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        dateline_of(&a),
        (
            Some("Paris".into()),
            Some((11, 20)),
            Some("AFP".into()),
            Some(2024),
            Some("-".into())
        )
    );
    assert!(paragraphs(&a)[0].starts_with("The Seine peaked"));
    assert!(!a.end_mark);
    // rendered again in English: year and dash as written
    let out = render::to_wire(&a).unwrap();
    assert!(
        out.contains("\nParis, Nov. 20, 2024 (AFP) - The Seine"),
        "{out}"
    );
    let mut r = WireReader::new();
    r.id("afp");
    assert_eq!(
        r.read_str(&out).unwrap(),
        WireReader::new()
            .id("afp")
            .read_path(fixture("afp.txt"))
            .unwrap()
    );
}

#[test]
fn ap_dateline_keeps_its_em_dash_and_capital_byline() {
    let (a, _) = read_in("ap.txt", "en");
    assert_eq!(a.byline, ["ANNA PRICE", "TOM OKAFOR"]);
    assert_eq!(
        dateline_of(&a),
        (
            Some("WASHINGTON".into()),
            None,
            Some("AP".into()),
            None,
            Some("—".into())
        )
    );
    let photo = a.photos().next().expect("a photo");
    assert_eq!(photo.credit.as_str(), "AP Photo/Lee Grant");
    let out = render::to_wire(&a).unwrap();
    assert!(
        out.contains("\nWASHINGTON (AP) — The Senate passed"),
        "{out}"
    );
    assert!(out.contains("\nBy ANNA PRICE and TOM OKAFOR\n"), "{out}");
    // a translation is written in its own locale's style
    let ko = a
        .translate_with(
            "ko".parse().unwrap(),
            Vec::<(String, newsloc::Text)>::new(),
            newsloc::Untranslated::Source,
        )
        .unwrap();
    let l = newsloc::Locales::embedded().localizer(&ko.language);
    assert!(!render::to_wire_localized(&ko, &l).unwrap().contains('—'));
}

#[test]
fn kyodo_agency_without_parentheses_and_its_end_mark() {
    let (a, _) = read_in("kyodo.txt", "en");
    assert_eq!(
        dateline_of(&a),
        (
            Some("TOKYO".into()),
            Some((1, 5)),
            Some("Kyodo".into()),
            None,
            Some("-".into())
        )
    );
    assert!(paragraphs(&a)[0].starts_with("Japan and South Korea agreed"));
    assert!(a.end_mark, "==Kyodo is Kyodo's end mark");
    assert_eq!(paragraphs(&a).len(), 2);
}

#[test]
fn reuters_no_break_space_byline_and_credits_trailer() {
    let (a, _) = read_in("reuters.txt", "en");
    assert_eq!(a.byline, ["Hana Seo"]);
    assert_eq!(
        dateline_of(&a),
        (
            Some("SEOUL".into()),
            Some((9, 12)),
            Some("Reuters".into()),
            None,
            Some("-".into())
        )
    );
    let credits: Vec<&str> = a.credits.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        credits,
        [
            "Reporting by Hana Seo",
            "Additional reporting by Ken Mori in Tokyo",
            "Editing by Ed Lane"
        ]
    );
    // the trailer is not text to translate
    assert!(
        a.units()
            .iter()
            .all(|u| !u.text.to_plain_string().contains("Reporting"))
    );
    assert_eq!(a.units().len(), 4); // headline, place, two paragraphs
    let out = render::to_wire(&a).unwrap();
    assert!(out.contains("\n(Reporting by Hana Seo; Additional reporting by Ken Mori in Tokyo; Editing by Ed Lane)\n"), "{out}");
}

#[test]
fn xinhua_enditem() {
    let (a, _) = read_in("xinhua.txt", "en");
    assert!(a.end_mark);
    assert_eq!(paragraphs(&a).len(), 2);
    assert_eq!(dateline_of(&a).2.as_deref(), Some("Xinhua"));
}

#[test]
fn yonhap_korean_copy_with_photo() {
    let (a, warnings) = read_in("yonhap-ko.txt", "ko");
    assert!(warnings.is_empty(), "{warnings:?}");
    let h = a.headline.as_ref().unwrap();
    assert_eq!(h.tag.as_ref().unwrap().as_str(), "(2nd LD)");
    assert_eq!(a.version, 3);
    assert_eq!(
        h.text.to_plain_string(),
        "북한, 동해상으로 탄도미사일 발사…합참 \"추가 발사 대비\""
    );
    assert_eq!(a.byline, ["이민지", "김철수"]);
    // the Korean dateline has no date: the header's is taken
    assert_eq!(
        dateline_of(&a),
        (
            Some("서울".into()),
            Some((9, 12)),
            Some("Yonhap".into()),
            None,
            None
        )
    );
    assert!(paragraphs(&a)[0].starts_with("북한이 12일 오전"));
    let photo = a.photos().next().unwrap();
    assert_eq!(photo.credit.as_str(), "Yonhap");
    assert_eq!(
        photo.restrictions[0].as_str(),
        "For Use Only in the Republic of Korea. No Redistribution"
    );
    assert!(photo.caption.to_plain_string().ends_with("보고 있다."));
    assert!(a.end_mark);
    assert_eq!(
        a.copyright.as_ref().unwrap().as_str(),
        "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>"
    );
    // and the CLI reads it
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .args(["wire", "--lang", "ko"])
        .arg(fixture("yonhap-ko.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        Article::from_json(&String::from_utf8(out.stdout).unwrap())
            .unwrap()
            .id,
        "yonhap-ko"
    );
    // commands that take an ARTICLE tell Korean copy by its script
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .args(["render", "--as", "json"])
        .arg(fixture("yonhap-ko.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = Article::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(read.language.to_string(), "ko");
    assert_eq!(read.byline, ["이민지", "김철수"]);
}

#[test]
fn kyodo_japanese_and_xinhua_chinese_copy() {
    let (a, _) = read_in("kyodo-ja.txt", "ja");
    assert_eq!(
        a.headline.as_ref().unwrap().tag.as_ref().unwrap().as_str(),
        "(2nd LD)"
    );
    assert_eq!(
        a.headline.as_ref().unwrap().text.to_plain_string(),
        "北朝鮮が弾道ミサイル発射"
    );
    assert_eq!(
        dateline_of(&a),
        (
            Some("ソウル".into()),
            None,
            Some("Kyodo".into()),
            None,
            None
        )
    );
    assert!(paragraphs(&a)[0].starts_with("韓国軍合同参謀本部"));
    assert_eq!(a.photos().count(), 1);
    assert!(a.end_mark);
    let (z, _) = read_in("xinhua-zh.txt", "zh-Hans");
    assert_eq!(
        z.headline.as_ref().unwrap().tag.as_ref().unwrap().as_str(),
        "(LEAD)"
    );
    assert_eq!(z.byline, ["张伟"]);
    assert_eq!(
        dateline_of(&z),
        (
            Some("北京".into()),
            Some((9, 12)),
            Some("Xinhua".into()),
            None,
            None
        )
    );
    assert!(paragraphs(&z)[0].starts_with("国家铁路集团12日表示"));
    assert!(z.end_mark);
}

#[test]
fn invisible_characters_do_not_change_the_reading() {
    let (a, _) = read_in("invisible.txt", "en");
    assert_eq!(
        a.headline.as_ref().unwrap().text.to_plain_string(),
        "Ferries run again"
    );
    assert_eq!(dateline_of(&a).0.as_deref(), Some("BUSAN"));
    assert_eq!(
        paragraphs(&a),
        [
            "Ferry service resumed on Wednesday.",
            "By the afternoon, all routes were running."
        ]
    );
    assert!(a.end_mark);
}

#[test]
fn impossible_date_and_empty_byline_are_errors_naming_the_line() {
    let e = WireReader::new()
        .read_path(fixture("bad-date.txt"))
        .unwrap_err();
    let p = e.location().unwrap().position.unwrap();
    assert_eq!(p.line, 3);
    assert!(e.to_string().contains("bad-date.txt:3:1"), "{e}");
    assert!(e.to_string().contains("\"Sept. 31\" does not exist"), "{e}");
    let e = WireReader::new()
        .read_path(fixture("empty-byline.txt"))
        .unwrap_err();
    assert_eq!(e.location().unwrap().position.unwrap().line, 3);
    assert!(e.to_string().contains("names no one"), "{e}");
}

#[test]
fn lookalike_paragraphs_are_warned_about_with_their_lines() {
    let (a, warnings) = read_in("lookalikes.txt", "en");
    assert_eq!(a.photos().count(), 0);
    assert_eq!(paragraphs(&a).len(), 4);
    let lines: Vec<u64> = warnings
        .iter()
        .map(|w| w.location.position.unwrap().line)
        .collect();
    assert_eq!(lines, [5, 7, 9]);
    assert!(warnings[0].message.contains("dateline"));
    assert!(warnings[1].message.contains("byline"));
    assert!(warnings[2].message.contains("photo block"));
    // the CLI prints them on stderr and succeeds
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .arg("wire")
        .arg(fixture("lookalikes.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches("warning:").count(), 3, "{stderr}");
    assert!(
        stderr.contains("lookalikes.txt:9:1: this paragraph ends with a credit"),
        "{stderr}"
    );
}

// --- limits --------------------------------------------------------------------

fn nested_json(depth: usize) -> String {
    let mut runs = Vec::new();
    for i in 0..depth {
        runs.push(format!("{{\"start\":\"c{i}\",\"kind\":\"emphasis\"}}"));
    }
    runs.push("\"x\"".into());
    for i in (0..depth).rev() {
        runs.push(format!("{{\"end\":\"c{i}\"}}"));
    }
    format!(
        "{{\"format\":\"newsloc/article@1\",\"id\":\"deep\",\"version\":1,\"language\":\"en\",\n\"body\":[{{\"paragraph\":[{}]}}]}}",
        runs.join(",")
    )
}

#[test]
fn deeply_nested_codes_are_refused_with_a_position() {
    assert_eq!(newsloc::MAX_CODE_DEPTH, 60);
    for depth in [61, 100, 20_000] {
        let e = Article::from_json(&nested_json(depth)).unwrap_err();
        assert!(e.to_string().contains("nested deeper than 60"), "{e}");
        assert_eq!(e.location().unwrap().position.unwrap().line, 2, "{e}");
    }
    let ok = Article::from_json(&nested_json(60)).unwrap();
    // what we accept exports to XLIFF our own readers read, in both versions
    for version in [newsloc::xliff::Version::V2_0, newsloc::xliff::Version::V1_2] {
        let doc = newsloc::Exporter::new()
            .version(version)
            .export(&ok, &"ko".parse().unwrap())
            .unwrap();
        let xml = doc.to_xml().unwrap();
        let back = newsloc::xliff::Document::from_str(&xml);
        assert!(back.is_ok(), "{version:?}: {back:?}");
    }
    // the CLI: exit 1, no crash
    let dir = std::env::temp_dir().join(format!("newsloc-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("deep.json");
    std::fs::write(&file, nested_json(20_000)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .args(["export", "--to", "ko", "-o"])
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("nested deeper than 60"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn deeply_nested_ninjs_html_is_refused() {
    let html = format!("<p>{}x</p>", "<b>".repeat(20_000));
    let item =
        serde_json::json!({"uri": "u", "bodies": [{"contentType": "text/html", "value": html}]});
    let e = newsloc::ninjs::from_str(&item.to_string()).unwrap_err();
    assert!(e.to_string().contains("nested deeper than 60"), "{e}");
    // JSON nesting itself is bounded by serde_json's recursion limit
    let deep = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
    assert!(newsloc::ninjs::from_str(&deep).is_err());
    assert!(Article::from_json(&deep).is_err());
}

#[test]
fn oversized_texts_are_refused() {
    let big = "word ".repeat(newsloc::MAX_TEXT_BYTES / 5 + 1);
    let story = format!("Head\n\nSEOUL (Yonhap) -- {big}.\n");
    let e = WireReader::new().read_str(&story).unwrap_err();
    assert!(e.to_string().contains("larger than the limit"), "{e}");
    assert_eq!(e.location().unwrap().position.unwrap().line, 3);
    let json = format!(
        "{{\"format\":\"newsloc/article@1\",\"id\":\"big\",\"version\":1,\"language\":\"en\",\"body\":[{{\"paragraph\":\"{big}\"}}]}}"
    );
    assert!(
        Article::from_json(&json)
            .unwrap_err()
            .to_string()
            .contains("larger than the limit")
    );
}

#[test]
fn ap_affiliation_line_and_afp_signoff() {
    let story = "Talks resume\n\nBy JOSH KIM and ANA ROSS\nAssociated Press\n\n\
                 GENEVA (AP) — Talks resumed on Monday.\n\nNo deal is expected.\n\njk/ar\n";
    let a = WireReader::new().read_str(story).unwrap();
    assert_eq!(a.byline, ["JOSH KIM", "ANA ROSS"]);
    assert_eq!(a.credits, [newsloc::Credit("Associated Press".into())]);
    assert!(a.end_mark, "AFP-style initials close the story");
    assert_eq!(
        paragraphs(&a),
        ["Talks resumed on Monday.", "No deal is expected."]
    );
    let out = render::to_wire(&a).unwrap();
    assert!(out.contains("\nBy JOSH KIM and ANA ROSS\n\n"), "{out}");
    assert!(out.contains("\n(Associated Press)\n"), "{out}");
    assert_eq!(WireReader::new().read_str(&out).unwrap(), a);
}

/// Inputs a quick mutation run of the wire reader found (render, read again:
/// our own copy must read, with the same legal text); each is fixed.
#[test]
fn regressions_from_fuzzing_the_wire_reader() {
    let read = |s: &str| WireReader::new().id("f").read_str(s);
    // "By" alone is an empty byline wherever it stands
    let e = read("Ferri\nes run again\n\nBy \n\nSEOUL (Yonhap) -- One.\n").unwrap_err();
    assert_eq!(e.location().unwrap().position.unwrap().line, 4, "{e}");
    // an impossible date is an error in any paragraph that opens like a dateline
    let e = read("Two\nlines\n\nSEOUL, Sept. 31 (Yonhap) -- One.\n\n(END)\n").unwrap_err();
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert_eq!(e.location().unwrap().position.unwrap().line, 4);
    // a place with a semicolon or digits is not a dateline's place
    let a = read("Head\n\nFerries run again SEOUL,; May 3 (Yonhap) -- One.\n").unwrap();
    assert!(a.dateline.is_none());
    // an agency is not a parenthesis inside a parenthesis
    let e = read("Head\n\nSEOUL(, Sept. 31 (Yonhap)x) -- One.\n").unwrap_err();
    assert!(e.to_string().contains("does not exist"), "{e}");
    // "date" alone opens a header
    let a = read("date\n026-12-01 (ATTN:\n").unwrap();
    assert!(a.date.is_none() && a.editor_note.is_none());
    assert_eq!(paragraphs(&a), ["026-12-01 (ATTN:"]);
    // a headline alone is a story
    let a = read("d-ate 20 6-12-\n").unwrap();
    assert!(a.body.is_empty());
    assert_eq!(render::to_wire(&a).unwrap(), "d-ate 20 6-12-\n\n");
    // credits keep their order on the way round, affiliation first
    let story = "Head\n\nBy Hana Seo\nThe Associated Press\n\nSEOUL (AP) — One.\n\n\
                 (Reporting by Hana Seo; Editing by Ed Lane)\n";
    let a = read(story).unwrap();
    let credits: Vec<&str> = a.credits.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        credits,
        [
            "The Associated Press",
            "Reporting by Hana Seo",
            "Editing by Ed Lane"
        ]
    );
    let again = read(&render::to_wire(&a).unwrap()).unwrap();
    assert_eq!(again, a);
    // wire_read fuzz finding: "Sept.0" is no date (not an impossible one),
    // and the story reads
    assert!(read("Head\n\nHe said, Sept.0 (Yonhap) -- Nd.\n").is_ok());
    // single letters at the end are not credits
    let a = read("Head\n\nSEOUL (Yonhap) -- One.\n\n(E; ND)\n").unwrap();
    assert!(a.credits.is_empty());
    // wire_read (10-million-run campaign, German reader): a closing
    // credits trailer after three blank lines was text, and credits once
    // rendered after one; the blank lines no longer decide it (only a
    // photo block stands after two)
    for lang in ["en", "de"] {
        let mut r = WireReader::new();
        r.id("f").language(lang.parse().unwrap());
        let story = "Head\n\nSEOUL (Yonhap) -- One.\n\n\n\n\
                     (FINEby Ken Mori in Tokyo; Editing by Ed\n Lane)\n";
        let a = r.read_str(story).unwrap();
        let credits: Vec<&str> = a.credits.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            credits,
            ["FINEby Ken Mori in Tokyo", "Editing by Ed Lane"],
            "{lang}"
        );
        assert_eq!(paragraphs(&a), ["One."], "{lang}");
        let l = newsloc::Locales::embedded().localizer(&a.language);
        let again = r
            .read_str(&render::to_wire_localized(&a, &l).unwrap())
            .unwrap();
        assert_eq!(again.legal_texts(), a.legal_texts(), "{lang}");
        // wire_read (third run, German reader): `By` and a no-break space
        // before a name, an agency and a dash was a byline naming
        // "Hana (Reuters) --", which the locale's byline line then could
        // not read back; a name has letters in every word and no brackets
        let odd = "North Korea fires missile\n\nBy\u{a0}Hana   (Reuters) -- \n\n(Repl rep e)\n";
        if let Ok(a) = r.read_str(odd) {
            assert!(
                a.byline.iter().all(|n| !n.contains('(')),
                "{lang}: {:?}",
                a.byline
            );
            let l = newsloc::Locales::embedded().localizer(&a.language);
            let out = render::to_wire_localized(&a, &l).unwrap();
            let again = r
                .read_str(&out)
                .unwrap_or_else(|e| panic!("{lang}: {e}\n{out}"));
            assert_eq!(again.legal_texts(), a.legal_texts(), "{lang}");
        }
        // wire_read (fourth run, German reader): a paragraph of four lines
        // and a credits trailer; rendered, the paragraph is one line that
        // reads as a headline, and the trailer came first in the body,
        // where it was text. Legal lines after nothing but a headline are
        // legal lines.
        let story = "Nortana S1o fi\nJBy Hana S\no1\nSEOUL,  (Reuters) -- \n\n(Repl rep e)\n";
        let a = r.read_str(story).unwrap();
        assert_eq!(a.legal_texts(), ["Repl rep e"], "{lang}");
        let l = newsloc::Locales::embedded().localizer(&a.language);
        let again = r
            .read_str(&render::to_wire_localized(&a, &l).unwrap())
            .unwrap();
        assert_eq!(again.legal_texts(), a.legal_texts(), "{lang}");
        let a = r
            .read_str(
                "Head\n\n(Reporting by Hana Seo; Editing by Ed Lane)\n\nCopyright: 2026 Yonhap\n",
            )
            .unwrap();
        assert_eq!(a.legal_texts().len(), 3, "{lang}: {:?}", a.legal_texts());
        assert!(a.body.is_empty(), "{lang}");
        // ... but an opening sentence about copyright stays text
        let a = r
            .read_str("Head\n\nCopyright law changed on Monday, the ministry said.\n")
            .unwrap();
        assert!(a.copyright.is_none(), "{lang}");
        // wire_read (fifth run, Japanese reader): `(` and many spaces
        // before `END)` after three blank lines was a photo credited
        // "END" (too long for an end mark), which rendered as `(END)`, an
        // end mark; end marks are measured without their spaces
        let a = r
            .read_str(&format!(
                "Head\n\nSEOUL (Yonhap) -- One.\n\n\n\n({}END)\n",
                " ".repeat(49)
            ))
            .unwrap();
        assert!(a.end_mark, "{lang}");
        assert_eq!(a.photos().count(), 0, "{lang}");
        // wire_read (sixth run, Japanese reader): a story of a labelled
        // copyright line alone (over two lines) rendered on one line,
        // which read as a headline; a legal line with only legal lines
        // after it is not a headline
        let a = r.read_str("著作権:n\n\u{2028} th").unwrap();
        let l = newsloc::Locales::embedded().localizer(&a.language);
        let again = r
            .read_str(&render::to_wire_localized(&a, &l).unwrap())
            .unwrap();
        assert_eq!(again.legal_texts(), a.legal_texts(), "{lang}");
        let a = r.read_str("Copyright: 2026 Yonhap\n").unwrap();
        assert!(a.headline.is_none(), "{lang}");
        assert_eq!(a.legal_texts(), ["2026 Yonhap"], "{lang}");
        // wire_read (seventh run, Korean reader): a byline alone, no
        // dateline (`美 특파원`), was written in the opening of the first
        // paragraph (`美 특파원 = #`), which read as a headline; without a
        // dateline the byline stands on its own line
        if lang == "en" {
            let mut ko = WireReader::new();
            ko.id("f").language("ko".parse().unwrap());
            let a = ko.read_str("美 특파원\n\n#\n\n(FI&版權)\n").unwrap();
            assert_eq!(a.byline, ["美"]);
            let l = newsloc::Locales::embedded().localizer(&a.language);
            let out = render::to_wire_localized(&a, &l).unwrap();
            assert!(out.starts_with("美 특파원\n\n#\n"), "{out}");
            assert_eq!(ko.read_str(&out).unwrap(), a, "{out}");
        }
        // a credit alone after two blank lines is still a photo block
        let a = r
            .read_str("Head\n\nSEOUL (Yonhap) -- One.\n\n\n\n(Yonhap)\n")
            .unwrap();
        assert!(a.credits.is_empty(), "{lang}");
        assert_eq!(a.photos().count(), 1, "{lang}");
    }
}

// --- Korean correspondents, CNA datelines ----------------------------------------

#[test]
fn korean_correspondent_byline_keeps_its_role() {
    let (a, warnings) = read_in("yonhap-ko-correspondent.txt", "ko");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(a.byline, ["김민지"]);
    assert_eq!(a.byline_role.as_deref(), Some("특파원"));
    assert_eq!(
        dateline_of(&a),
        (
            Some("워싱턴".into()),
            Some((9, 12)),
            Some("Yonhap".into()),
            None,
            None
        )
    );
    assert!(paragraphs(&a)[0].starts_with("미국 상원이 11일(현지시간)"));
    assert_eq!(a.photos().next().unwrap().credit.as_str(), "AP=연합뉴스");
    // written again in Korean with the role, and read back equal
    let l = newsloc::Locales::embedded().localizer(&"ko".parse().unwrap());
    let out = render::to_wire_localized(&a, &l).unwrap();
    assert!(
        out.contains("\n(워싱턴=연합뉴스) 김민지 특파원 = 미국 상원이"),
        "{out}"
    );
    let mut r = WireReader::new();
    r.id("yonhap-ko-correspondent")
        .language("ko".parse().unwrap());
    assert_eq!(r.read_str(&out).unwrap(), a);
    // ninjs keeps it too (`by` written with it, read back)
    let item = render::to_ninjs(&a, &l).unwrap();
    assert!(item.contains("\"by\": \"김민지 특파원\""), "{item}");
    let back = newsloc::ninjs::from_str(&item).unwrap();
    assert_eq!(back.byline_role.as_deref(), Some("특파원"));
    // English copy names the reporter without the Korean role word
    let en = newsloc::Locales::embedded().localizer(&"en".parse().unwrap());
    let out = render::to_wire_localized(&a, &en).unwrap();
    assert!(out.contains("\nBy 김민지\n"), "{out}");
    assert!(!out.contains("특파원"), "{out}");
    // two correspondents, and the usual 기자 (no role kept)
    let (b, _) = r
        .read_str_with_warnings(
            "日 정부\n\n(도쿄=연합뉴스) 박상현 김호준 특파원 = 일본 정부는 12일 밝혔다.\n\n(끝)\n",
        )
        .unwrap();
    assert_eq!(b.byline, ["박상현", "김호준"]);
    assert_eq!(b.byline_role.as_deref(), Some("특파원"));
    let c = r
        .read_str("北 발사\n\n(서울=연합뉴스) 이민지 기자 = 북한이 12일 발사했다.\n\n(끝)\n")
        .unwrap();
    assert_eq!(
        (c.byline.as_slice(), c.byline_role.as_deref()),
        (&["이민지".to_string()][..], None)
    );
    // the role is fixed metadata: in the JSON form and the fingerprint
    assert_eq!(Article::from_json(&a.to_json()).unwrap(), a);
    assert_ne!(
        a.fixed_fingerprint()["byline"],
        Article {
            byline_role: None,
            ..a.clone()
        }
        .fixed_fingerprint()["byline"]
    );
    // the CLI tells Korean copy by its script, without --lang
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsloc"))
        .arg("wire")
        .arg(fixture("yonhap-ko-correspondent.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli = Article::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(cli.language.to_string(), "ko");
    assert_eq!(cli.byline_role.as_deref(), Some("특파원"));
}

#[test]
fn korean_openings_not_read_are_warned_about_with_their_lines() {
    let (a, warnings) = read_in("ko-lookalikes.txt", "ko");
    // an unknown role stays text, with the dateline read before it
    assert!(a.byline.is_empty());
    assert_eq!(dateline_of(&a).0.as_deref(), Some("워싱턴"));
    assert!(paragraphs(&a)[0].starts_with("김민지 수습 = "));
    let lines: Vec<u64> = warnings
        .iter()
        .map(|w| w.location.position.unwrap().line)
        .collect();
    assert_eq!(lines, [3, 5, 7], "{warnings:?}");
    assert!(
        warnings[0].message.contains("byline"),
        "{}",
        warnings[0].message
    );
    assert!(warnings[1].message.contains("dateline"));
    assert!(warnings[2].message.contains("byline"));
    // an English update tag opening a Korean headline is a tag, not an
    // agency-only dateline
    let mut r = WireReader::new();
    r.language("ko".parse().unwrap());
    for tag in ["(URGENT)", "(LEAD)", "(2nd LD)"] {
        let a = r
            .read_str(&format!(
                "{tag} 북한 미사일 발사\n\n(서울=연합뉴스) 이민지 기자 = 북한이 발사했다.\n\n(끝)\n"
            ))
            .unwrap();
        let h = a.headline.as_ref().expect("a headline");
        assert_eq!(h.tag.as_ref().unwrap().as_str(), tag);
        assert_eq!(h.text.to_plain_string(), "북한 미사일 발사");
        assert_eq!(dateline_of(&a).0.as_deref(), Some("서울"));
    }
    // read as English, a Korean or Japanese opening is not taken for text
    // without a word
    for opening in [
        "(워싱턴=연합뉴스) 김민지 특파원 = 미국 상원이 처리했다.",
        "【ワシントン共同】米上院は可決した。",
    ] {
        let (a, warnings) = WireReader::new()
            .read_str_with_warnings(&format!("Head\n\n{opening}\n\n(END)\n"))
            .unwrap();
        assert!(a.dateline.is_none());
        assert_eq!(warnings.len(), 1, "{opening}: {warnings:?}");
        assert_eq!(warnings[0].location.position.unwrap().line, 3);
        assert!(warnings[0].message.contains("dateline"));
    }
}

#[test]
fn cna_colon_dateline_and_source_line() {
    let (a, warnings) = read_in("cna.txt", "en");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        dateline_of(&a),
        (Some("SINGAPORE".into()), None, None, None, Some(":".into()))
    );
    assert!(paragraphs(&a)[0].starts_with("Lower-income households"));
    assert_eq!(paragraphs(&a).len(), 3);
    // CNA's closing source line is the makers' credit, not text
    let credits: Vec<&str> = a.credits.iter().map(|c| c.as_str()).collect();
    assert_eq!(credits, ["Source: CNA/ml"]);
    assert!(!a.end_mark);
    let out = render::to_wire(&a).unwrap();
    assert!(
        out.contains("\nSINGAPORE: Lower-income households"),
        "{out}"
    );
    let mut r = WireReader::new();
    r.id("cna");
    assert_eq!(r.read_str(&out).unwrap(), a);
    // other places in capitals; labels and ordinary text are not datelines
    let first = |p: &str| {
        WireReader::new()
            .read_str(&format!("Head\n\n{p}\n\n(END)\n"))
            .unwrap()
            .dateline
            .map(|d| d.place.unwrap().to_plain_string())
    };
    assert_eq!(
        first("KUALA LUMPUR: Malaysia will cut fuel subsidies.").as_deref(),
        Some("KUALA LUMPUR")
    );
    for p in [
        "BREAKING: The minister resigned.",
        "UPDATE: Officials revised the figure.",
        "Singapore: a city of 6 million people.",
        "SINGAPORE:no space after the colon.",
        "The ministry said: more help will come.",
        "US: growth slowed.",
    ] {
        assert_eq!(first(p), None, "{p}");
    }
}

#[test]
fn datelines_with_the_dash_closed_up() {
    let read = |p: &str| {
        WireReader::new()
            .read_str_with_warnings(&format!("Head\n\n{p}\n\n(END)\n"))
            .unwrap()
    };
    let (a, warnings) = read("WASHINGTON (AP)—The Senate passed the bill.");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        dateline_of(&a),
        (
            Some("WASHINGTON".into()),
            None,
            Some("AP".into()),
            None,
            Some("—".into())
        )
    );
    assert_eq!(paragraphs(&a), ["The Senate passed the bill."]);
    // written again with the spaces, and read back the same
    let out = render::to_wire(&a).unwrap();
    assert!(out.contains("\nWASHINGTON (AP) — The Senate"), "{out}");
    assert_eq!(WireReader::new().read_str(&out).unwrap(), a);
    let (a, _) = read("SEOUL, Sept. 12 (Yonhap)--\"We are ready,\" he said.");
    assert_eq!(dateline_of(&a).1, Some((9, 12)));
    assert_eq!(paragraphs(&a), ["\"We are ready,\" he said."]);
    // a hyphen closed up to a parenthesis joins words: text, no warning
    let (a, warnings) = read("SEOUL (Yonhap)-based firms rose.");
    assert!(a.dateline.is_none() && warnings.is_empty(), "{warnings:?}");
}

#[test]
fn bylines_with_the_affiliation_on_their_line() {
    let read = |byline: &str| {
        WireReader::new()
            .read_str_with_warnings(&format!(
                "Head\n\n{byline}\n\nSEOUL (Yonhap) -- Ferries ran.\n\n(END)\n"
            ))
            .unwrap()
    };
    for (line, names, credit) in [
        (
            "By Kim Min-ji, Yonhap correspondent",
            &["Kim Min-ji"][..],
            "Yonhap correspondent",
        ),
        (
            "BY JOSH BOAK, AP Economics Writer",
            &["JOSH BOAK"],
            "AP Economics Writer",
        ),
        (
            "By JOSH BOAK and ZEKE MILLER Associated Press",
            &["JOSH BOAK", "ZEKE MILLER"],
            "Associated Press",
        ),
        (
            "By JOSH BOAK\nAP Economics Writer",
            &["JOSH BOAK"],
            "AP Economics Writer",
        ),
    ] {
        let (a, warnings) = read(line);
        assert!(warnings.is_empty(), "{line}: {warnings:?}");
        assert_eq!(a.byline, names, "{line}");
        let credits: Vec<&str> = a.credits.iter().map(|c| c.as_str()).collect();
        assert_eq!(credits, [credit], "{line}");
        assert_eq!(dateline_of(&a).0.as_deref(), Some("SEOUL"), "{line}");
        // the affiliation is written again as a credit, and reads back
        let out = render::to_wire(&a).unwrap();
        assert!(out.contains(&format!("({credit})")), "{out}");
        assert_eq!(WireReader::new().read_str(&out).unwrap(), a, "{out}");
    }
    // a byline-like paragraph whose names cannot be read is text, with a
    // warning naming its line
    let (a, warnings) = read("By staff writers at the bureau");
    assert!(a.byline.is_empty());
    assert_eq!(paragraphs(&a)[0], "By staff writers at the bureau");
    assert_eq!(warnings[0].location.position.unwrap().line, 3);
    assert!(warnings[0].message.contains("byline"), "{warnings:?}");
    // a sentence opening with "By" is not warned about
    let (_, warnings) = WireReader::new()
        .read_str_with_warnings(
            "Head\n\nSEOUL (Yonhap) -- Ferries ran.\n\nBy the afternoon, all routes were open.\n\n(END)\n",
        )
        .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
}

/// The `wire_read` fuzz target's check, on every input kept in
/// `fuzz/regressions/wire_read/`: the first byte picks the reader's
/// language; a story that reads renders back as wire copy in its own
/// language, which reads again with the same legal text.
#[test]
fn fuzz_regressions_of_the_wire_reader_round_trip() {
    const LANGS: [&str; 10] = [
        "en", "ko", "ja", "zh-Hans", "zh-Hant", "ar", "es", "fr", "de", "ru",
    ];
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/wire_read");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "{paths:?}");
    let mut failures = Vec::new();
    for path in &paths {
        let data = std::fs::read(path).unwrap();
        let lang = LANGS[usize::from(data.first().copied().unwrap_or(0)) % LANGS.len()];
        let mut reader = WireReader::new();
        reader.id("fuzz").language(lang.parse().unwrap());
        let Ok(article) = reader.read_bytes(&data) else {
            continue;
        };
        let out = render::to_wire(&article).unwrap();
        match reader.read_str(&out) {
            Err(e) => failures.push(format!("{}: {e}\n{out}", path.display())),
            Ok(again) if again.legal_texts() != article.legal_texts() => failures.push(format!(
                "{}: legal text {:?} became {:?}\n{out}",
                path.display(),
                article.legal_texts(),
                again.legal_texts()
            )),
            Ok(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Reads `story` in `lang`, renders it in its own language and reads that
/// again: the article and its legal text must come back.
fn round_trip(lang: &str, story: &str) -> Article {
    let mut r = WireReader::new();
    r.id("t").language(lang.parse().unwrap());
    let a = r
        .read_str(story)
        .unwrap_or_else(|e| panic!("{lang}: {e}\n{story}"));
    let out = render::to_wire(&a).unwrap();
    let again = r
        .read_str(&out)
        .unwrap_or_else(|e| panic!("{lang}: our own copy does not read: {e}\n{out}"));
    assert_eq!(again.legal_texts(), a.legal_texts(), "{lang}\n{out}");
    assert_eq!(again.body, a.body, "{lang}\n{out}");
    a
}

#[test]
fn wire_read_findings_of_the_third_campaign() {
    // an English dateline another locale's reader takes is one that locale
    // writes back in a form it reads: with no place, Arabic writes
    // `3 سبتمبر (يونهاب) --`, a layout it does not read, so the paragraph
    // is text (with a warning), not a dateline lost on the way round
    let story = "Head\n\nSept. 3 (Yonhap) - The talks ended.\n";
    let a = round_trip("ar", story);
    assert!(a.dateline.is_none(), "{:?}", a.dateline);
    assert_eq!(a.body.len(), 1);
    let a = round_trip("en", story);
    assert_eq!(a.dateline.unwrap().agency.unwrap().as_str(), "Yonhap");
    // ... while those it writes back are still read, in every locale
    for lang in ["ko", "ja", "zh-Hans", "zh-Hant", "es", "fr", "de", "ru"] {
        let a = round_trip(lang, "Head\n\nWASHINGTON (AP) — The talks ended.\n");
        let d = a.dateline.unwrap_or_else(|| panic!("{lang}: no dateline"));
        assert_eq!(d.place.unwrap().to_plain_string(), "WASHINGTON", "{lang}");
        assert_eq!(d.agency.unwrap().as_str(), "AP", "{lang}");
    }
    // `(C) (AP)` after two blank lines is a photo whose caption was left
    // out, with a restriction and its credit, as the renderer writes a
    // photo block; `(c) Yonhap` is still a copyright notice
    let a = round_trip(
        "en",
        "Head\n\nSEOUL (Yonhap) -- One.\n\n\n\n(C) (AP)\n\nTwo.\n",
    );
    let photo = a
        .body
        .iter()
        .find_map(|b| match b {
            Block::Photo(p) => Some(p),
            _ => None,
        })
        .expect("a photo");
    assert_eq!(photo.credit.as_str(), "AP");
    assert!(a.copyright.is_none(), "{:?}", a.copyright);
    let a = round_trip("en", "Head\n\nSEOUL (Yonhap) -- One.\n\n(c) Yonhap\n");
    assert_eq!(a.copyright.unwrap().as_str(), "(c) Yonhap");
    // a byline name opens with a letter: `By {tollistic` names no one (in
    // Japanese, the byline would open the story and read as JSON)
    let a = round_trip("ja", "By {tollistic +issile\n\nThe port reopened.\n");
    assert!(a.byline.is_empty(), "{:?}", a.byline);
    // any white space ends a line as invisible marks do, in any order: a
    // tag, an Arabic letter mark and a form feed is the tag alone (a
    // credit as the last paragraph), as it reads once rendered
    let a = round_trip("en", "(종합)\u{61c} \u{c}");
    assert!(a.headline.is_none(), "{:?}", a.headline);
    assert_eq!(a.credits.len(), 1);
}

#[test]
fn wire_read_findings_of_the_second_campaign() {
    // an update tag is no agency: `SEOUL (URGENT) --` is no dateline
    let a = WireReader::new()
        .read_str("Head\n\nSEOUL (URGENT) -- Fire broke out.\n")
        .unwrap();
    assert!(a.dateline.is_none(), "{:?}", a.dateline);
    // ... in the locale's forms too: `(عاجل) --` opens an Arabic headline
    let a = round_trip(
        "ar",
        "(عاجل) -- حريق في الميناء\n\nSEOUL (Yonhap) -- One.\n",
    );
    assert_eq!(a.headline.unwrap().tag.unwrap().as_str(), "(URGENT)");
    assert_eq!(a.dateline.unwrap().agency.unwrap().as_str(), "Yonhap");
    // one header line: a second, under an empty first, is an error on
    // its line (once the empty one is not written it would be the header)
    let (message, line, _) = err("date\ndate 2026-06-12\nHead\n\nSEOUL (Yonhap) -- One.\n");
    assert!(message.contains("second header line"), "{message}");
    assert_eq!(line, 2);
    // `Date` opening a headline is no header
    let a = round_trip("en", "Date set for summit\n\nSEOUL (Yonhap) -- One.\n");
    assert_eq!(
        a.headline.unwrap().text.to_plain_string(),
        "Date set for summit"
    );
    assert!(a.date.is_none());
    // a header with a bad date is still an error
    let (message, line, _) = err("date 2026-13-45\nHead\n\nSEOUL (Yonhap) -- One.\n");
    assert!(message.contains("not a date"), "{message}");
    assert_eq!(line, 1);
    // a one-word affiliation after the byline is a credit, and comes back
    // as one from the closing trailer the renderer writes it in
    for lang in ["en", "ru", "ko", "ar"] {
        let a = round_trip(
            lang,
            "Head\n\nBy Kim Min-ji, Correspondent\n\nSEOUL (Yonhap) -- One.\n",
        );
        assert_eq!(a.legal_texts(), ["Correspondent"], "{lang}");
    }
    // a line under the byline that reads as a usage restriction is not
    // taken as the writers' affiliation (the closing trailer would not
    // read it back as a credit)
    for lang in ["en", "ru"] {
        let a = round_trip(
            lang,
            "Head\n\nBy Seo Min\nNot For Sale\n\nSEOUL (Yonhap) -- One.\n",
        );
        assert!(
            a.credits.iter().all(|c| !c.as_str().contains("Sale")),
            "{:?}",
            a.credits
        );
    }
    // an Arabic story with a colon dateline (`SINGAPORE:`): the renderer
    // isolates its place, and the reader reads past the isolates
    let a = round_trip("ar", "Head\n\nSINGAPORE: Fire broke out at the port.\n");
    assert_eq!(
        a.dateline.unwrap().place.unwrap().to_plain_string(),
        "SINGAPORE"
    );
    // a copyright notice needs a year, a sign or the reservation after its
    // opener: a paragraph about copyright is text, wherever it stands
    let a = round_trip(
        "en",
        "Head\n\nSEOUL (Yonhap) -- One.\n\nCopyright reform passed on Monday.\n\n\
         Copyright 2026 Yonhap. All rights reserved.\n",
    );
    assert_eq!(
        paragraphs(&a),
        ["One.", "Copyright reform passed on Monday."]
    );
    assert_eq!(
        a.legal_texts(),
        ["Copyright 2026 Yonhap. All rights reserved."]
    );
    for notice in ["Copyright(c) Yonhap", "(c)2026 Yonhap", "© Yonhap"] {
        let a = round_trip(
            "en",
            &format!("Head\n\nSEOUL (Yonhap) -- One.\n\n{notice}\n"),
        );
        assert_eq!(a.legal_texts(), [notice]);
    }
    // a headline wrapped over two lines is a headline (rendered, it is one
    // line, and the reading must not depend on the lines)
    let a = round_trip(
        "en",
        "North Korea fires missile\ninto East Sea\n\nSeoul said on Monday it was watching.\n",
    );
    assert_eq!(
        a.headline.unwrap().text.to_plain_string(),
        "North Korea fires missile into East Sea"
    );
    // ... but a long first paragraph without closing punctuation is text
    let long = format!("{} and more", "word ".repeat(45));
    let a = round_trip("en", &format!("{long}\n\nSecond paragraph.\n"));
    assert!(a.headline.is_none());
    // a dateline with nothing after it does not make the paragraph before
    // it a headline
    let a = WireReader::new()
        .read_str("Fire at the port kills two\nwokers\n\nSEOUL (Yonhap) --\n")
        .unwrap_err();
    assert!(a.to_string().contains("followed by no text"), "{a}");
    // `date` and a form feed is a header line (any white space counts)
    let a = round_trip("en", "date\u{c}\n\nSEOUL (Yonhap) -- One.\n");
    assert!(a.date.is_none() && a.headline.is_none() && a.dateline.is_some());
    let a = WireReader::new()
        .read_str("date\u{c}2026-06-12\nHead\n\nSEOUL (Yonhap) -- One.\n")
        .unwrap();
    assert_eq!(a.date.unwrap().to_string(), "2026-06-12");
    // white space before a BOM or a bidi mark opening a line is skipped
    // with it: the line reads as a byline, as it does once rendered
    let a = round_trip(
        "ja",
        "Head\n\n\u{c}\u{feff}By Mari Kean\n\nSEOUL (Yonhap) -- One.\n",
    );
    assert_eq!(a.byline, ["Mari Kean"]);
    // another locale's reader takes an English dateline only when its own
    // layout can write it back (the renderer writes it so)
    let a = round_trip("ko", "Head\n\nSEOUL (AFP) -- One.\n");
    assert_eq!(a.dateline.unwrap().agency.unwrap().as_str(), "AFP");
    let a = round_trip("ko", "Head\n\nSEOUL (N\"T) -- One.\n");
    assert!(a.dateline.is_none());
    // ... and a place alone (`SINGAPORE:`) only where the locale's
    // datelines end with a dash that the colon can stand for
    let a = round_trip("ja", "Head\n\nSINGAPORE: Fire broke out at the port.\n");
    assert!(a.dateline.is_none());
    // a tab inside a line under the byline is a space in the credit, as
    // in every paragraph (the trailer it is written in reads so)
    for lang in ["en", "ru"] {
        let a = round_trip(
            lang,
            "Head\n\nBy Mari Kean\nThe Associated\tPress\n\nSEOUL (AP) -- One.\n",
        );
        assert_eq!(a.legal_texts(), ["The Associated Press"], "{lang}");
    }
    // under an empty header, the first line is checked for XML and JSON
    // as the story's first line is (rendered, it is the first line)
    let (message, line, _) = err("date\n\n[\n\nSEOUL (Yonhap) -- One.\n");
    assert!(message.contains("looks like JSON"), "{message}");
    assert_eq!(line, 3);
    // a `Source:` line longer than a credit reads back from the trailer
    let source = format!("Source: CNA/{}", "F".repeat(50));
    let a = round_trip(
        "en",
        &format!("Head\n\nSEOUL (Yonhap) -- One.\n\n{source}\n"),
    );
    assert_eq!(a.legal_texts(), [source.as_str()]);
    // ... and a photo captioned `Copyright` stays a photo on the way round
    let a = round_trip(
        "en",
        "Head\n\nSEOUL (Yonhap) -- One.\n\n\nCopyright(Kim Min-ji)\n\nTwo.\n",
    );
    assert_eq!(a.photos().count(), 1);
}
