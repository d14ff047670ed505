//! The wire-copy reader on the sample stories (every variation of
//! shared/spec/wire-copy.md) and on broken input.

use std::path::PathBuf;

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
