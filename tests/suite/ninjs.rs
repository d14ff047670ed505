//! ninjs in: every example item of the IPTC corpus, text stories read into
//! articles, every other kind refused with a clear error.

use std::fs;
use std::path::{Path, PathBuf};

use newsloc::{Block, CodeKind, Error, Run};

fn examples() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/ninjs/examples"
    ));
    if dir.is_dir() {
        return Some(dir.to_path_buf());
    }
    if std::env::var_os("CI").is_some() {
        panic!("the shared corpus is missing at {}", dir.display());
    }
    eprintln!(
        "note: {} not found; ninjs corpus tests skipped",
        dir.display()
    );
    None
}

enum Expect {
    /// A text story: paragraphs, photos, headline start, byline.
    Story {
        paragraphs: usize,
        photos: usize,
        headline: &'static str,
        byline: &'static [&'static str],
    },
    /// Not a text story: the error names the item's type.
    Refused(&'static str),
}
use Expect::{Refused, Story};

/// Every file of the corpus, with what reading it must give. Counts were
/// taken from the files themselves (paragraph elements, lines of plain
/// bodies, picture associations).
const CORPUS: &[(&str, Expect)] = &[
    ("3.0-20231004-UEFA-ChampionLeague.json", Refused("event")),
    ("3.0-20231005-65-addb-event.json", Refused("event")),
    (
        "3.0-20231008-anti-doping-measures-at-the-tour-down-under-will-be-the-toughest-ever-addb-ninjs-nitf.json",
        Story {
            paragraphs: 17,
            photos: 0,
            headline: "Anti-doping measures at the 'Tour Down Under'",
            byline: &["Trond Husø", "The Anti-Doping Database"],
        },
    ),
    (
        "3.0-20231016-addb-example-press-conference.json",
        Refused("event"),
    ),
    ("3.0-SIPA_image_3.json", Refused("picture")),
    ("3.0-ap_audio.json", Refused("audio")),
    ("3.0-ap_image.json", Refused("picture")),
    ("3.0-ap_video.json", Refused("video")),
    (
        "3.0-businesswire-newsml-20130605006126.json",
        Story {
            paragraphs: 1,
            photos: 0,
            headline: "Cambrios被Gartner評選為「最酷供應商」",
            byline: &[],
        },
    ),
    (
        "3.0-businesswire-newsml-20130731006140.json",
        Story {
            paragraphs: 1,
            photos: 0,
            headline: "Lunch Taking a Toll?",
            byline: &[],
        },
    ),
    (
        "3.0-dpa_text.json",
        Story {
            paragraphs: 9,
            photos: 0,
            headline: "Faktencheck Derby-Elfmeter",
            byline: &["Christian Hollmann", "dpa"],
        },
    ),
    ("3.0-imageEncodedRights.json", Refused("picture")),
    ("3.0-imageLinkedRights.json", Refused("picture")),
    (
        "3.0-ninjsExSimpleText_3.json",
        Story {
            paragraphs: 4,
            photos: 0,
            headline: "Captain of wrecked cruise ship",
            byline: &["Paulo Santalucia", "Frances d'Emilio"],
        },
    ),
    (
        "3.0-ntb_text.json",
        Story {
            paragraphs: 1,
            photos: 0,
            headline: "Google har kjøpt giganttomt i Skien",
            byline: &["NTB"],
        },
    ),
    ("3.0-simpleEvent.json", Refused("event")),
    ("3.0-tt_event_pressconference_3.0.json", Refused("event")),
    (
        "3.0-tt_text_image_3.json",
        Story {
            // the "dat" line (vignette and source), then four paragraphs;
            // the <h1> repeating the headline is left out
            paragraphs: 5,
            photos: 1,
            headline: "Militärövning i jätteformat hålls 2023",
            byline: &[],
        },
    ),
    (
        "3.1-001_simple_example.json",
        Story {
            paragraphs: 1,
            photos: 0,
            headline: "Captain of wrecked cruise ship",
            byline: &["Paulo Santalucia", "Frances d'Emilio"],
        },
    ),
    (
        "3.1-002_renditions_example.json",
        Story {
            paragraphs: 1,
            photos: 0,
            headline: "",
            byline: &[],
        },
    ),
    (
        "3.1-003_associations_example.json",
        Story {
            paragraphs: 1,
            photos: 0,
            headline: "Dell Redefines Workstation",
            byline: &[],
        },
    ),
    (
        "3.1-004_simple_text_article.json",
        Story {
            paragraphs: 4,
            photos: 0,
            headline: "Captain of wrecked cruise ship",
            byline: &["Paulo Santalucia", "Frances d'Emilio"],
        },
    ),
    (
        "3.1-005_complex_text_article.json",
        Story {
            paragraphs: 4,
            photos: 0,
            headline: "Captain of wrecked cruise ship",
            byline: &["Paulo Santalucia", "Frances d'Emilio"],
        },
    ),
    ("3.1-006_photo_only.json", Refused("picture")),
    (
        "3.1-007_multimedia.json",
        Story {
            paragraphs: 4,
            photos: 2,
            headline: "Captain of wrecked cruise ship",
            byline: &["Paulo Santalucia", "Frances d'Emilio"],
        },
    ),
    ("3.1-008_event.json", Refused("event")),
];

fn read(dir: &Path, name: &str) -> newsloc::Result<newsloc::Article> {
    let json = fs::read_to_string(dir.join(name)).unwrap();
    newsloc::ninjs::from_str(&json)
}

#[test]
fn every_corpus_item() {
    let Some(dir) = examples() else { return };
    // the table covers the whole folder
    let mut on_disk: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let listed: Vec<String> = CORPUS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(listed, on_disk);

    for (name, expect) in CORPUS {
        let result = read(&dir, name);
        match expect {
            Story {
                paragraphs,
                photos,
                headline,
                byline,
            } => {
                let a = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                let p = a
                    .body
                    .iter()
                    .filter(|b| matches!(b, Block::Paragraph(_)))
                    .count();
                assert_eq!(p, *paragraphs, "{name}: paragraphs");
                assert_eq!(a.photos().count(), *photos, "{name}: photos");
                let h = a
                    .headline
                    .as_ref()
                    .map(|h| h.text.to_plain_string())
                    .unwrap_or_default();
                assert!(h.starts_with(headline), "{name}: headline {h:?}");
                assert_eq!(a.byline, *byline, "{name}: byline");
                for block in &a.body {
                    if let Block::Paragraph(t) = block {
                        let s = t.to_plain_string();
                        assert!(!s.trim().is_empty(), "{name}: empty paragraph");
                        assert_eq!(s.trim(), s, "{name}: untrimmed paragraph");
                    }
                }
            }
            Refused(kind) => {
                let err = result.expect_err(name);
                let msg = err.to_string();
                assert!(matches!(err, Error::Json { .. }), "{name}: {err:?}");
                assert!(
                    msg.contains(&format!("type \"{kind}\"")) && msg.contains("not a text story"),
                    "{name}: {msg}"
                );
            }
        }
    }
}

#[test]
fn dpa_html_body_with_metadata() {
    let Some(dir) = examples() else { return };
    let a = read(&dir, "3.0-dpa_text.json").unwrap();
    assert_eq!(a.id, "urn:newsml:dpa.com:20090101:190510-99-167362");
    assert_eq!(a.version, 2);
    assert_eq!(a.language.to_string(), "de");
    let Some(Block::Paragraph(first)) = a.body.first() else {
        panic!()
    };
    assert!(
        first
            .to_plain_string()
            .starts_with("Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren»."),
        "{first}"
    );
}

#[test]
fn tt_figure_becomes_a_photo_with_its_credit_and_links_become_codes() {
    let Some(dir) = examples() else { return };
    let a = read(&dir, "3.0-tt_text_image_3.json").unwrap();
    let photo = a.photos().next().unwrap();
    assert_eq!(photo.credit.as_str(), "Karl Melander/TT");
    assert_eq!(
        photo.caption.to_plain_string(),
        "En stor internationell försvarsövning planeras 2023 med fokus på södra Sverige och Gotland. Arkivbild från militärövningen Aurora 17."
    );
    // the paragraph linking to Sydöstran keeps the link as a paired code
    // holding the original markup
    let linked = a
        .body
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(t) if t.to_plain_string().contains("rapporterar Sydöstran") => {
                Some(t)
            }
            _ => None,
        })
        .unwrap();
    let start = linked
        .runs()
        .iter()
        .find_map(|r| match r {
            Run::Start { kind, markup, .. } => Some((*kind, markup.clone())),
            _ => None,
        })
        .unwrap();
    assert_eq!(start.0, CodeKind::Link);
    assert!(
        start
            .1
            .starts_with("<a href=\"https://www.sydostran.se/nyheter/"),
        "{}",
        start.1
    );
    assert!(linked.to_markup_string().ends_with("rapporterar <a href=\"https://www.sydostran.se/nyheter/beskedet-da-genomfors-forsvarsmaktens-jatteovning-13d95038/\">Sydöstran</a>."));
}

#[test]
fn ap_dateline_is_read_from_the_first_paragraph() {
    let Some(dir) = examples() else { return };
    let a = read(&dir, "3.1-005_complex_text_article.json").unwrap();
    let d = a.dateline.unwrap();
    assert_eq!(d.place.unwrap().to_plain_string(), "GROSSETO, Italy");
    assert_eq!(d.agency.unwrap().as_str(), "AP");
    let Some(Block::Paragraph(first)) = a.body.first() else {
        panic!()
    };
    assert!(
        first
            .to_plain_string()
            .starts_with("The trial of the captain")
    );
}

#[test]
fn multimedia_associations_become_photos() {
    let Some(dir) = examples() else { return };
    let a = read(&dir, "3.1-007_multimedia.json").unwrap();
    let photos: Vec<_> = a.photos().collect();
    assert_eq!(photos.len(), 2);
    assert!(
        photos[0]
            .caption
            .to_plain_string()
            .starts_with("The Costa Concordia cruise ship lies on its side")
    );
    assert_eq!(photos[0].credit.as_str(), "Paulo Santalucia");
}

#[test]
fn ntb_partial_item_uses_its_text_description_and_note() {
    let Some(dir) = examples() else { return };
    let a = read(&dir, "3.0-ntb_text.json").unwrap();
    assert_eq!(a.editor_note.unwrap().text(), "Noe utvidet.");
    assert_eq!(a.version, 6);
    assert_eq!(a.language.to_string(), "nb-NO");
}

#[test]
fn usage_terms_become_restrictions_verbatim() {
    let item = r#"{
        "uri": "urn:x:1", "type": "text", "language": "en",
        "bodies": [{"contentType": "text/html",
                    "value": "<p>Text.</p><figure data-assoc-ref=\"pic\"><figcaption>Cap &amp; more.</figcaption></figure><p>After.</p>"}],
        "associations": [{
            "name": "pic", "uri": "urn:x:pic", "type": "picture",
            "descriptions": [{"role": "caption", "value": "ignored: the body's caption wins"},
                             {"role": "creditline", "value": "Yonhap/Reuters"}],
            "usageTerms": "For Use Only in the Republic of Korea. No Redistribution\nEditorial Use Only"
        }]
    }"#;
    let a = newsloc::ninjs::from_str(item).unwrap();
    assert_eq!(a.body.len(), 3);
    let Block::Photo(p) = &a.body[1] else {
        panic!("{:?}", a.body)
    };
    assert_eq!(p.caption.to_plain_string(), "Cap & more.");
    assert_eq!(p.credit.as_str(), "Yonhap/Reuters");
    let r: Vec<&str> = p.restrictions.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        r,
        [
            "For Use Only in the Republic of Korea. No Redistribution",
            "Editorial Use Only"
        ]
    );
}

#[test]
fn malformed_input_is_an_error_not_a_panic() {
    for bad in [
        "",
        "null",
        "\"text\"",
        "{\"uri\": 1, \"bodies\": 5}",
        "{\"uri\": \"u\", \"type\": \"text\", \"language\": \"not a tag!\", \"bodies\": [{\"value\": \"x\"}]}",
        "{\"uri\": \"u\", \"version\": \"99999999999\", \"bodies\": [{\"value\": \"x\"}]}",
    ] {
        assert!(newsloc::ninjs::from_str(bad).is_err(), "{bad:?}");
    }
    // odd but readable shapes
    for odd in [
        "{\"uri\": \"u\", \"bodies\": [{\"value\": \"<p>unclosed <b>bold\"}, 3]}",
        "{\"uri\": \"u\", \"bodies\": [{\"contentType\": \"text/html\", \"value\": \"<figure><img data-assoc-ref=\\\"nope\\\">\"}]}",
        "{\"uri\": \"u\", \"headlines\": [{\"value\": 3}], \"bodies\": [{\"value\": \"x\"}], \"associations\": [1, {\"rel\": \"translatedFrom\"}]}",
    ] {
        let r = newsloc::ninjs::from_str(odd);
        assert!(r.is_ok(), "{odd}: {r:?}");
    }
}

#[test]
fn cli_reads_text_items_and_refuses_others() {
    let Some(dir) = examples() else { return };
    let run = |file: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_newsloc"))
            .arg("ninjs")
            .arg(dir.join(file))
            .output()
            .unwrap()
    };
    let out = run("3.0-dpa_text.json");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let article = newsloc::Article::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(article.language.to_string(), "de");

    let out = run("3.0-ap_video.json");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("3.0-ap_video.json: the ninjs item is of type \"video\", not a text story"),
        "{err}"
    );
}

/// HTML whitespace folded to single spaces, trimmed: what survives an HTML
/// body.
fn folded(s: &str) -> String {
    s.split([' ', '\t', '\n', '\r', '\u{c}'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

proptest::proptest! {
    /// Any text written to ninjs comes back the same (with HTML whitespace
    /// folded): markup characters, entities, CDATA ends, bidi marks, astral
    /// characters, line breaks.
    #[test]
    fn ninjs_round_trip_keeps_awkward_text(
        paragraphs in proptest::collection::vec(
            "([a-zA-Z0-9 .,]|<|>|&|&amp;|&#65;|\\]\\]>|\"|'|\u{202E}|\u{2068}|\u{1F600}|\u{20000}|\r\n|\t|서울|عاجل){1,30}",
            1..4,
        ),
        caption in "([a-z ]|<b>|&|\u{1F600}){1,20}",
        credit in "[A-Za-z&<\"]([A-Za-z/ ]|&|<|\"){0,10}[A-Za-z)]",
    ) {
        let paragraphs: Vec<String> =
            paragraphs.into_iter().filter(|p| !folded(p).is_empty()).collect();
        proptest::prop_assume!(!paragraphs.is_empty() && !folded(&caption).is_empty());
        let mut a = newsloc::Article::new("prop", "en".parse().unwrap());
        for p in &paragraphs {
            a.body.push(Block::Paragraph(newsloc::Text::plain(p.clone())));
        }
        a.body.push(Block::Photo(newsloc::Photo {
            caption: newsloc::Text::plain(caption.clone()),
            restrictions: vec![newsloc::UsageRestriction(credit.clone())],
            copyright: None,
            credit: newsloc::Credit(credit.clone()),
        }));
        let l = newsloc::Locales::embedded().localizer(&"en".parse().unwrap());
        let json = newsloc::render::to_ninjs(&a, &l).unwrap();
        let back = newsloc::ninjs::from_str(&json).unwrap();
        let texts: Vec<String> = back
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(t) => Some(t.to_plain_string()),
                _ => None,
            })
            .collect();
        let expected: Vec<String> = paragraphs.iter().map(|p| folded(p)).collect();
        proptest::prop_assert_eq!(texts, expected);
        let photo = back.photos().next().unwrap();
        proptest::prop_assert_eq!(photo.caption.to_plain_string(), folded(&caption));
        // credits and restrictions are legal text: exactly as written
        proptest::prop_assert_eq!(photo.credit.as_str(), credit.as_str());
        let r: Vec<&str> = photo.restrictions.iter().map(|r| r.as_str()).collect();
        proptest::prop_assert_eq!(r, [credit.as_str()]);
    }
}
