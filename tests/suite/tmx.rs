//! TMX: the corpus of other tools' files read (and the known-bad ones
//! refused), hand-checked content, what the writer makes validated against
//! the TMX 1.4 DTD, and round trips.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use newsloc::tmx::{
    Code, Element, Header, Parsed, Piece, Pos, Reader, SegType, Tmx, TranslationUnit, Variant,
    Version, WarningKind,
};
use newsloc::{CodeKind, Error, Run, Text};

use crate::common::{corpus, files};

fn tmx_files(dir: &Path) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("tmx")))
        .collect()
}

fn is_invalid(p: &Path, root: &Path) -> bool {
    p.strip_prefix(root).is_ok_and(|r| r.starts_with("invalid"))
}

fn key(p: &Path, root: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

/// `tu` counts from the corpus MANIFEST.tsv (computed with Python's
/// ElementTree when the corpus was assembled, not by this code).
fn manifest_counts(root: &Path) -> HashMap<String, usize> {
    let text = std::fs::read_to_string(root.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let path = head.iter().position(|h| *h == "path").unwrap();
    let tu = head.iter().position(|h| *h == "tu").unwrap();
    lines
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((f.get(path)?.to_string(), f.get(tu)?.parse().ok()?))
        })
        .collect()
}

fn read(root: &Path, name: &str) -> Parsed {
    Reader::new()
        .read_path(root.join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn t(s: &str) -> Run {
    Run::Text(s.into())
}
fn start(id: &str, kind: CodeKind, markup: &str) -> Run {
    Run::Start {
        id: id.into(),
        kind,
        markup: markup.into(),
    }
}
fn end(id: &str, markup: &str) -> Run {
    Run::End {
        id: id.into(),
        markup: markup.into(),
    }
}
fn code(id: &str, kind: CodeKind, markup: &str) -> Run {
    Run::Code {
        id: id.into(),
        kind,
        markup: markup.into(),
    }
}

// --- the corpus ------------------------------------------------------------

#[test]
fn every_tool_file_is_read_with_the_manifest_unit_count() {
    let Some(root) = corpus("tmx") else { return };
    let counts = manifest_counts(&root);
    let mut read_files = 0;
    let mut units = 0;
    for path in tmx_files(&root) {
        if is_invalid(&path, &root) {
            continue;
        }
        let name = key(&path, &root);
        let r = Reader::new()
            .read_path(&path)
            .unwrap_or_else(|e| panic!("{name} is not read: {e}"));
        let expected = counts
            .get(&name)
            .unwrap_or_else(|| panic!("{name} is not in MANIFEST.tsv"));
        assert_eq!(r.tmx.units.len(), *expected, "{name}: units");
        for tu in &r.tmx.units {
            for v in &tu.variants {
                assert!(!v.lang.is_empty(), "{name}: a variant without language");
            }
        }
        read_files += 1;
        units += r.tmx.units.len();
    }
    assert!(read_files >= 65, "only {read_files} files outside invalid/");
    eprintln!("read {read_files} files, {units} units");
}

#[test]
fn every_invalid_file_is_refused_with_a_position() {
    let Some(root) = corpus("tmx") else { return };
    let mut refused = 0;
    for path in tmx_files(&root) {
        if !is_invalid(&path, &root) {
            continue;
        }
        let name = key(&path, &root);
        let e = match Reader::new().read_path(&path) {
            Ok(_) => panic!("{name} is read but should be refused"),
            Err(e) => e,
        };
        let loc = e
            .location()
            .unwrap_or_else(|| panic!("{name}: no location in {e}"));
        assert_eq!(loc.file.as_deref(), Some(path.as_path()), "{name}");
        let p = loc
            .position
            .unwrap_or_else(|| panic!("{name}: no position in {e}"));
        assert!(p.line >= 1 && p.column >= 1, "{name}: {e}");
        refused += 1;
    }
    assert!(refused >= 11, "only {refused} refused");
}

/// Each known-bad file refused for its own reason, at the place worked out
/// by reading the file.
#[test]
fn invalid_files_are_refused_for_the_right_reason_at_the_right_place() {
    let Some(root) = corpus("tmx") else { return };
    let cases: [(&str, (u64, u64), &str); 11] = [
        ("invalid/heartsome/ImportTMXTest0.tmx", (1, 1), "empty"),
        // line 12: five tabs, then <ept i="1"> before any <bpt>
        (
            "invalid/omegat/invalid.tmx",
            (12, 6),
            "<ept i=\"1\"> has no <bpt",
        ),
        // the second <tu> (line 23, four spaces) has only a "be" variant
        (
            "invalid/omegat/test-missingSource.tmx",
            (23, 5),
            "no variant in its source language en",
        ),
        // line 26: <tuv xml:lang="en-US"> in a file whose first tuv (15:7) uses lang
        (
            "invalid/omegat/test-omegat-invalid.tmx",
            (26, 7),
            "uses xml:lang but the one at 15:7 uses lang",
        ),
        // line 18: "    <seg>Simple " is 16 characters before <it>
        // <header (line 4) with creationdate="2010-02-23T04:43:27" from
        // TRADOS Workbench, which writes TMX dates
        (
            "invalid/otter/error_date_format.tmx",
            (4, 1),
            "creationdate=\"2010-02-23T04:43:27\" is not a TMX date",
        ),
        // line 3: <tmx> without version, from TRADOS Workbench
        (
            "invalid/otter/error_missing_tmx_version.tmx",
            (3, 1),
            "<tmx> has no version attribute",
        ),
        (
            "invalid/otter/error_it_tag_missing_pos.tmx",
            (18, 17),
            "<it> has no pos",
        ),
        (
            "invalid/otter/error_missing_bpt_i.tmx",
            (18, 17),
            "<bpt> has no i",
        ),
        (
            "invalid/otter/error_multiple_body.tmx",
            (18, 1),
            "a second <body>",
        ),
        (
            "invalid/supertmxmerge/diffToGold.tmx",
            (3, 5),
            "lacks required attributes creationtool, creationtoolversion, segtype, adminlang, datatype",
        ),
        (
            "invalid/weblate/memory.tmx",
            (3, 1),
            "lacks required attributes creationtool, creationtoolversion, segtype, o-tmf, datatype",
        ),
    ];
    for (name, (line, column), message) in cases {
        let e = Reader::new().read_path(root.join(name)).unwrap_err();
        let p = e.location().and_then(|l| l.position).unwrap();
        assert_eq!((p.line, p.column), (line, column), "{name}: {e}");
        assert!(e.to_string().contains(message), "{name}: {e}");
        assert!(matches!(e, Error::Tmx { .. }), "{name}: {e:?}");
    }
}

/// A one-unit memory with the given `<tmx>` attributes, header creationtool
/// and header creationdate.
fn small_tmx(tmx_attrs: &str, tool: &str, date: &str) -> String {
    format!(
        "<tmx{tmx_attrs}>\n<header creationtool=\"{tool}\" creationtoolversion=\"1\" \
         segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" \
         datatype=\"plaintext\" creationdate=\"{date}\"/>\n<body><tu><tuv xml:lang=\"en\">\
         <seg>Hi</seg></tuv><tuv xml:lang=\"fr\"><seg>Salut</seg></tuv></tu></body></tmx>"
    )
}

/// TMX dates are `YYYYMMDDThhmmssZ`; another ISO 8601 form is refused,
/// except from Pontoon, whose export writes its header date that way (read
/// with a warning): the one rule that separates `pontoon/valid_entries.tmx`
/// from `invalid/otter/error_date_format.tmx`.
#[test]
fn dates_other_than_tmx_form_are_refused_except_from_pontoon() {
    let ok = Reader::new()
        .read_str(&small_tmx(" version=\"1.4\"", "Any", "20100223T044327Z"))
        .unwrap();
    assert!(ok.warnings.is_empty(), "{:?}", ok.warnings);
    for date in [
        "2010-02-23T04:43:27",
        "2010-02-23T04:43:27Z",
        "2010-02-23T04:43:27+09:00",
    ] {
        let e = Reader::new()
            .read_str(&small_tmx(" version=\"1.4\"", "Any", date))
            .unwrap_err();
        assert!(matches!(e, Error::Tmx { .. }), "{e:?}");
        let p = e.location().and_then(|l| l.position).unwrap();
        assert_eq!((p.line, p.column), (2, 1), "{e}"); // the <header>
        assert!(e.to_string().contains("is not a TMX date"), "{e}");
        // Pontoon, in any case: read, with a warning at the header
        for tool in ["pontoon", "Pontoon"] {
            let r = Reader::new()
                .read_str(&small_tmx(" version=\"1.4\"", tool, date))
                .unwrap();
            assert_eq!(r.warnings.len(), 1);
            assert_eq!(r.warnings[0].kind, WarningKind::DateFormat);
            let p = r.warnings[0].location.position.unwrap();
            assert_eq!((p.line, p.column), (2, 1));
            assert!(
                Reader::new()
                    .strict(true)
                    .read_str(&small_tmx(" version=\"1.4\"", tool, date))
                    .is_err()
            );
        }
    }
    // what is not ISO 8601 at all is refused from Pontoon too
    let e = Reader::new()
        .read_str(&small_tmx(" version=\"1.4\"", "pontoon", "23/02/2010"))
        .unwrap_err();
    assert!(e.to_string().contains("not an ISO 8601 date"), "{e}");
    // a unit's date follows the same rule
    let unit_date = |tool: &str| {
        small_tmx(" version=\"1.4\"", tool, "20100223T044327Z")
            .replace("<tu>", "<tu changedate=\"2010-02-23T04:43:27\">")
    };
    let e = Reader::new().read_str(&unit_date("Any")).unwrap_err();
    let p = e.location().and_then(|l| l.position).unwrap();
    assert_eq!((p.line, p.column), (3, 7), "{e}"); // <tu after "<body>"
    assert_eq!(e.location().unwrap().unit.as_deref(), Some("#1"), "{e}");
    let r = Reader::new().read_str(&unit_date("pontoon")).unwrap();
    assert_eq!(r.warnings[0].kind, WarningKind::DateFormat);

    // the corpus file Pontoon wrote is read with that one warning
    let Some(root) = corpus("tmx") else { return };
    let r = read(&root, "pontoon/valid_entries.tmx");
    assert_eq!(r.tmx.header.creation_tool, "pontoon");
    let kinds: Vec<WarningKind> = r.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, [WarningKind::DateFormat]);
    let p = r.warnings[0].location.position.unwrap();
    assert_eq!((p.line, p.column), (3, 2)); // a tab, then <header
}

/// `<tmx>` without `version` is refused, except from Heartsome TM Server,
/// which writes such files (`heartsome/UTF-16LE.TMX`): read as 1.4 with a
/// warning at the `<tmx>` element.
#[test]
fn a_missing_version_is_refused_except_from_heartsome() {
    let e = Reader::new()
        .read_str(&small_tmx("", "Any", "20100223T044327Z"))
        .unwrap_err();
    assert!(matches!(e, Error::Tmx { .. }), "{e:?}");
    let p = e.location().and_then(|l| l.position).unwrap();
    assert_eq!((p.line, p.column), (1, 1), "{e}");
    assert!(
        e.to_string().contains("<tmx> has no version attribute"),
        "{e}"
    );
    let r = Reader::new()
        .read_str(&small_tmx("", "Heartsome TM Server", "20100223T044327Z"))
        .unwrap();
    assert_eq!(r.version, Version::V1_4);
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].kind, WarningKind::MissingVersion);
    let p = r.warnings[0].location.position.unwrap();
    assert_eq!((p.line, p.column), (1, 1));
    // the version is checked before the units: a visitor sees none
    let mut seen = 0;
    let e = Reader::new()
        .visit_slice(
            small_tmx("", "Any", "20100223T044327Z").as_bytes(),
            |_, _| {
                seen += 1;
                Ok(())
            },
        )
        .unwrap_err();
    assert_eq!(seen, 0, "{e}");
}

// --- content checked by hand -------------------------------------------------

#[test]
fn lisa_import_test_2a_utf16_codes_and_highlight() {
    let Some(root) = corpus("tmx") else { return };
    let r = read(&root, "lisa-tmx-compliance-kit/ImportTest2A.tmx");
    assert_eq!(r.version, Version::V1_4);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let units = &r.tmx.units;
    assert_eq!(units.len(), 7);
    // tu 1: The big <b>black</b> <u>cat</u> sleeps.
    let en = units[0].variant("en-us").unwrap();
    assert_eq!(
        en.text.runs(),
        &[
            t("The big "),
            start("1", CodeKind::Strong, "<b>"),
            t("black"),
            end("1", "</b>"),
            t(" "),
            start("2", CodeKind::Other, "<u>"),
            t("cat"),
            end("2", "</u>"),
            t(" sleeps."),
        ]
    );
    assert_eq!(en.code("2").unwrap().kind.as_deref(), Some("ulined"));
    // The French variant has the pairs the other way round; x keeps them.
    let fr = units[0].variant("fr-ca").unwrap();
    assert_eq!(fr.text.to_plain_string(), "Le gros chat noir dors.");
    assert!(matches!(&fr.text.runs()[1], Run::Start { id, .. } if id == "2"));
    // tu 2: escaped < and & between codes are text.
    let en2 = units[1].variant("en-us").unwrap();
    assert_eq!(
        en2.text.to_plain_string(),
        "Test for special characters = <=lt, >=gt, &=amp, \"=quot."
    );
    // tu 4: <it pos="begin" x="1" type="bold">&lt;b></it>
    let it = units[3].variant("en-us").unwrap();
    assert_eq!(
        it.text.runs(),
        &[
            t("First "),
            code("1", CodeKind::Strong, "<b>"),
            t("sentence.")
        ]
    );
    assert_eq!(
        it.code("1").unwrap().element,
        Some(Element::Isolated(Pos::Begin))
    );
    // tu 6: <ph x='1' type='image' assoc="p">
    let ph = units[5].variant("En-uS").unwrap();
    assert_eq!(ph.lang, "En-uS");
    let c = ph.code("1").unwrap();
    assert_eq!(
        (c.element, c.assoc.as_deref(), c.kind.as_deref()),
        (Some(Element::Placeholder), Some("p"), Some("image"))
    );
    // tu 7: the French variant comes first; <hi> is a pair without markup.
    let hi = &units[6];
    assert_eq!(hi.variants[0].lang, "FR-CA");
    assert_eq!(
        hi.variants[1].text.runs(),
        &[
            t("Some text with "),
            start("1", CodeKind::Other, ""),
            t("a part highlighted"),
            end("1", ""),
            t("."),
        ]
    );
    assert_eq!(hi.variants[1].codes[0].element, Some(Element::Highlight));
}

#[test]
fn subflows_stay_in_the_code_markup() {
    let Some(root) = corpus("tmx") else { return };
    let r = read(&root, "otter/subflow.tmx");
    let v = &r.tmx.units[0].variants[0];
    assert_eq!(
        v.text.runs(),
        &[
            t("Tag containing "),
            start(
                "1",
                CodeKind::Other,
                "<a href=\"#\" title=\"<sub>Subflow text</sub>\">"
            ),
            t("a subflow"),
            end("1", "</a>"),
            t("."),
        ]
    );
    assert_eq!(
        v.code("1").unwrap().content,
        [
            Piece::Native("<a href=\"#\" title=\"".into()),
            Piece::Sub("<sub>Subflow text</sub>".into()),
            Piece::Native("\">".into()),
        ]
    );
    // The second unit has its <sub> in the <ept>.
    let v = &r.tmx.units[1].variants[0];
    assert_eq!(
        v.code("1").unwrap().end_content,
        [
            Piece::Native("</a ".into()),
            Piece::Sub("<sub>Subflow text</sub>".into()),
            Piece::Native(">".into()),
        ]
    );
}

#[test]
fn heartsome_utf16_without_version_keeps_unknown_attributes_and_double_escapes() {
    let Some(root) = corpus("tmx") else { return };
    for name in ["heartsome/UTF-16LE.TMX", "heartsome/utf-16be.tmx"] {
        let r = read(&root, name);
        assert_eq!(r.warnings.len(), 1, "{name}");
        assert_eq!(r.warnings[0].kind, WarningKind::MissingVersion);
        assert_eq!(r.tmx.header.src_lang, "*all*");
        let tu = &r.tmx.units[0];
        assert_eq!(tu.id.as_deref(), Some("138492985175774072"));
        let en = &tu.variants[0];
        // <ph id='1'>&amp;lt;toggledisplay</ph> status="show" ...&amp;gt;
        assert_eq!(
            en.text.runs(),
            &[
                code("ph1", CodeKind::Other, "&lt;toggledisplay"),
                t(" status=\"show\" showtext=\"[Show Source]\" hidetext=\"[Hide Source]\"&gt;"),
            ]
        );
        assert_eq!(
            en.codes[0].attributes,
            [("id".to_string(), "1".to_string())]
        );
        assert_eq!(tu.variants[1].lang, "zh");
    }
}

#[test]
fn tmx_1_1_lang_and_astral_characters() {
    let Some(root) = corpus("tmx") else { return };
    let r = read(&root, "omegat/test-SMP.tmx");
    assert_eq!(r.version, Version::V1_1);
    let tu = &r.tmx.units[0];
    assert_eq!(tu.variant("en").unwrap().text, Text::plain("𝐀𝐁𝐂"));
    assert_eq!(tu.variant("be").unwrap().text, Text::plain("𝐃𝐄𝐅"));
    assert_eq!(tu.source(&r.tmx.header).unwrap().lang, "en");
}

#[test]
fn spec_example_header_unit_and_variant_details() {
    let Some(root) = corpus("tmx") else { return };
    let r = read(&root, "tmx-spec-example/tmx_sample_document.tmx");
    let h = &r.tmx.header;
    assert_eq!(
        (
            h.creation_tool.as_str(),
            h.creation_tool_version.as_str(),
            h.seg_type,
            h.o_tmf.as_str(),
            h.admin_lang.as_str(),
            h.src_lang.as_str(),
            h.data_type.as_str(),
        ),
        (
            "XYZTool",
            "1.01-023",
            SegType::Sentence,
            "ABCTransMem",
            "en-us",
            "EN",
            "PlainText"
        )
    );
    assert_eq!(h.o_encoding.as_deref(), Some("iso-8859-1"));
    assert_eq!(h.change_id.as_deref(), Some("Amity"));
    assert_eq!(h.notes[0].text, "This is a note at document level.");
    assert_eq!(
        h.prop("RTFPreamble"),
        Some("{\\rtf1\\ansi\\tag etc...{\\fonttbl}")
    );
    let ude = &h.udes[0];
    assert_eq!(
        (ude.name.as_str(), ude.base.as_deref()),
        ("MacRoman", Some("Macintosh"))
    );
    assert_eq!(ude.maps[0].subst.as_deref(), Some("[Apple]"));
    let tu = &r.tmx.units[0];
    assert_eq!(tu.id.as_deref(), Some("0001"));
    assert_eq!(tu.meta.usage_count, Some(2));
    assert_eq!(tu.meta.last_usage_date.as_deref(), Some("19970314T023401Z"));
    assert_eq!(tu.prop("x-Project"), Some("Pægasus"));
    let fr = tu.variant("FR-CA").unwrap();
    assert_eq!(
        fr.text.to_plain_string(),
        "données (avec un caractère non standard: \u{F8FF})."
    );
    assert_eq!(fr.meta.change_id.as_deref(), Some("ManonD"));
    assert_eq!(fr.props[0].value, "MT");
    assert_eq!(r.tmx.units[1].src_lang.as_deref(), Some("*all*"));
    assert_eq!(r.tmx.units[1].variants.len(), 3);
}

// --- reader rules on small inputs -----------------------------------------------

const HEAD: &str = r#"<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>"#;

fn one_seg(seg: &str) -> String {
    format!("{HEAD}<tu><tuv xml:lang=\"en\"><seg>{seg}</seg></tuv></tu></body></tmx>")
}

#[test]
fn internal_dtd_subsets_and_entities_are_refused_external_dtds_are_not() {
    let evil = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY x \"boom\">]>\n{}",
        one_seg("&x;")
    );
    let e = Tmx::from_str(&evil).unwrap_err();
    assert!(matches!(e, Error::Xml { .. }), "{e:?}");
    let p = e.location().unwrap().position.unwrap();
    assert_eq!((p.line, p.column), (2, 1), "{e}");
    let undeclared = one_seg("a &x; b");
    let e = Tmx::from_str(&undeclared).unwrap_err();
    assert!(e.to_string().contains("unknown entity"), "{e}");
    let external = format!(
        "<!DOCTYPE tmx SYSTEM \"http://example.invalid/tmx14.dtd\">{}",
        one_seg("ok")
    );
    assert_eq!(
        Tmx::from_str(&external).unwrap().units[0].variants[0].text,
        Text::plain("ok")
    );
}

#[test]
fn codes_must_pair_within_a_segment() {
    let e = Tmx::from_str(&one_seg("a<bpt i=\"1\">&lt;b></bpt>b")).unwrap_err();
    assert!(
        e.to_string().contains("has no <ept i=\"1\"> after it"),
        "{e}"
    );
    let e = Tmx::from_str(&one_seg(
        "<bpt i=\"1\"/><ept i=\"1\"/><bpt i=\"1\"/><ept i=\"1\"/>",
    ))
    .unwrap_err();
    assert!(e.to_string().contains("a second <bpt i=\"1\">"), "{e}");
    let e = Tmx::from_str(&one_seg("<sub>x</sub>")).unwrap_err();
    assert!(e.to_string().contains("only inside an inline code"), "{e}");
    let e = Tmx::from_str(&one_seg("<g id=\"1\">x</g>")).unwrap_err();
    assert!(
        e.to_string().contains("<g> is not a TMX inline element"),
        "{e}"
    );
}

#[test]
fn ids_come_from_x_then_i_and_stay_unique() {
    // bpt i=1 x=1, a ph with x=1 too (another numbering), a ph without x.
    let tmx = Tmx::from_str(&one_seg(
        "<bpt i=\"1\" x=\"1\">&lt;b></bpt>a<ept i=\"1\">&lt;/b></ept><ph x=\"1\">&lt;br/></ph><ph>{0}</ph><bpt i=\"7\"/>b<ept i=\"7\"/>",
    ))
    .unwrap();
    let v = &tmx.units[0].variants[0];
    let ids: Vec<&str> = v
        .text
        .runs()
        .iter()
        .filter_map(|r| match r {
            Run::Start { id, .. } | Run::Code { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["1", "ph1", "ph2", "7"]);
    assert_eq!(v.code("ph1").unwrap().x.as_deref(), Some("1"));
}

#[test]
fn protected_highlight_becomes_a_protected_span() {
    let tmx = Tmx::from_str(&one_seg(
        "KCNA said <hi type=\"x-newsloc-protected\">Hwasong-19</hi>.",
    ))
    .unwrap();
    assert_eq!(
        tmx.units[0].variants[0].text.runs(),
        &[t("KCNA said "), Run::Protected("Hwasong-19".into()), t(".")]
    );
}

#[test]
fn line_ends_and_character_references_in_segments() {
    // A literal CRLF is a line feed (XML end-of-line handling); &#xD; is a
    // carriage return.
    let tmx = Tmx::from_str(&one_seg("a\r\nb&#xD;c\t<![CDATA[<d>]]>")).unwrap();
    assert_eq!(tmx.units[0].variants[0].text, Text::plain("a\nb\rc\t<d>"));
}

#[test]
fn bad_dates_and_counts_are_refused() {
    let xml = format!(
        "{HEAD}<tu creationdate=\"yesterday\"><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu></body></tmx>"
    );
    let e = Tmx::from_str(&xml).unwrap_err();
    assert!(e.to_string().contains("not an ISO 8601 date"), "{e}");
    assert_eq!(e.location().unwrap().unit.as_deref(), Some("#1"));
    let xml = format!(
        "{HEAD}<tu tuid=\"a7\" usagecount=\"many\"><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu></body></tmx>"
    );
    let e = Tmx::from_str(&xml).unwrap_err();
    assert!(e.to_string().contains("(unit a7): usagecount"), "{e}");
}

#[test]
fn reads_from_any_reader_and_tolerates_missing_segments() {
    let xml = format!(
        "{HEAD}<tu><tuv xml:lang=\"en\"/><tuv xml:lang=\"ko\"><seg>예</seg></tuv></tu></body></tmx>"
    );
    let r = Reader::new().read_from(xml.as_bytes()).unwrap();
    assert_eq!(r.warnings[0].kind, WarningKind::MissingSegment);
    assert!(r.tmx.units[0].variants[0].text.is_empty());
    assert_eq!(Tmx::from_reader(xml.as_bytes()).unwrap(), r.tmx);
}

// --- the writer ----------------------------------------------------------------

const DTD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/schemas/tmx/tmx14.dtd"
);

/// Validates every file against the TMX 1.4 DTD with xmllint in one run.
/// `None` when xmllint or the DTD is missing outside CI (under CI that
/// fails the test).
fn dtd_check(files: &[PathBuf]) -> Option<Result<(), String>> {
    let ci = std::env::var_os("CI").is_some();
    if !Path::new(DTD).exists() {
        assert!(!ci, "{DTD} is missing");
        eprintln!("skipped: {DTD} is missing");
        return None;
    }
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--dtdvalid", DTD])
        .args(files)
        .output();
    match out {
        Err(e) => {
            assert!(!ci, "xmllint cannot run: {e}");
            eprintln!("skipped: xmllint cannot run: {e}");
            None
        }
        Ok(o) if o.status.success() && o.stderr.is_empty() => Some(Ok(())),
        Ok(o) => Some(Err(String::from_utf8_lossy(&o.stderr).into_owned())),
    }
}

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A memory with every kind of run and awkward text.
fn awkward() -> Tmx {
    let mut header = Header::new("newsloc", "0.1", "en-US");
    header.creation_date = Some("20260304T010203Z".into());
    let en = Text::from_runs(vec![
        t("Prices < 5 & \"rising\" ]]> now\r\n\ttab; "),
        start("1", CodeKind::Strong, "<b class=\"x\">"),
        t("bold \u{200F}\u{202E}bidi\u{202C} 😀 𝄞"),
        end("1", "</b>"),
        code("2", CodeKind::LineBreak, "<br/>"),
        Run::Protected("Hwasong-19 & <KCNA>".into()),
        start("b7", CodeKind::Link, "<a href=\"?a=1&b=2\">"),
        t("link"),
        end("b7", "</a>"),
        start("9", CodeKind::Other, ""),
        end("9", ""),
    ])
    .unwrap();
    let ko = Text::from_runs(vec![
        start("b7", CodeKind::Link, "<a href=\"?a=1&b=2\">"),
        t("링크"),
        end("b7", "</a>"),
        t(" 가격 "),
        start("1", CodeKind::Strong, "<b class=\"x\">"),
        t("상승"),
        end("1", "</b>"),
        code("2", CodeKind::LineBreak, "<br/>"),
    ])
    .unwrap();
    let mut tu = TranslationUnit::new();
    tu.id = Some("missile-v2-p1-s1".into());
    tu.set_story("missile", 2);
    tu.meta.creation_date = Some("20260304T010203Z".into());
    tu.meta.usage_count = Some(3);
    tu.variants.push(Variant::new("en-US", en));
    tu.variants.push(Variant::new("ko-KR", ko));
    let mut tmx = Tmx::new(header);
    tmx.units.push(tu);
    tmx
}

#[test]
fn written_tmx_validates_and_carries_the_required_parts() {
    let tmx = awkward();
    let xml = tmx.to_string().unwrap();
    for attr in [
        "creationtool=\"newsloc\"",
        "creationtoolversion=\"0.1\"",
        "segtype=\"sentence\"",
        "o-tmf=\"newsloc\"",
        "adminlang=\"en\"",
        "srclang=\"en-US\"",
        "datatype=\"plaintext\"",
    ] {
        assert!(xml.contains(attr), "{attr} missing in\n{xml}");
    }
    assert!(
        xml.contains("<prop type=\"x-newsloc-story\">missile</prop>"),
        "{xml}"
    );
    assert!(
        xml.contains("<prop type=\"x-newsloc-version\">2</prop>"),
        "{xml}"
    );
    assert!(xml.contains("<tuv xml:lang=\"en-US\">"), "{xml}");
    assert!(xml.contains("<tuv xml:lang=\"ko-KR\">"), "{xml}");
    // Escaping: < & ]]> and the carriage return.
    assert!(
        xml.contains("Prices &lt; 5 &amp; \"rising\" ]]&gt; now&#xD;\n\ttab; "),
        "{xml}"
    );
    // Codes: a numeric id is i and x; "b7" gets x 3 (the first number not
    // used by an id of the unit) and the first free i of each variant.
    assert!(
        xml.contains("<bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b class=\"x\"&gt;</bpt>"),
        "{xml}"
    );
    assert!(
        xml.contains("<ph x=\"2\" type=\"lb\">&lt;br/&gt;</ph>"),
        "{xml}"
    );
    assert!(
        xml.contains("<bpt i=\"2\" x=\"3\" type=\"link\">&lt;a href=\"?a=1&amp;b=2\"&gt;</bpt>link<ept i=\"2\">"),
        "{xml}"
    );
    assert!(
        xml.contains("<hi type=\"x-newsloc-protected\">Hwasong-19 &amp; &lt;KCNA&gt;</hi>"),
        "{xml}"
    );
    let dir = out_dir("tmx-writer");
    let file = dir.join("awkward.tmx");
    tmx.to_path(&file).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), xml);
    if let Some(r) = dtd_check(&[file]) {
        r.unwrap();
    }
    // Read back: the same texts (the b7 pair comes back as 3).
    let back = Tmx::from_str(&xml).unwrap();
    let v = &back.units[0].variants[0];
    let runs = v.text.runs();
    assert_eq!(runs[0], tmx.units[0].variants[0].text.runs()[0]);
    assert!(matches!(&runs[6], Run::Start { id, .. } if id == "3"));
    assert_eq!(back.units[0].story(), Some("missile"));
    assert_eq!(back.units[0].story_version(), Some(2));
}

#[test]
fn unwritable_characters_are_refused_naming_the_unit() {
    let mut tmx = Tmx::new(Header::new("newsloc", "0.1", "en"));
    let mut tu = TranslationUnit::new();
    tu.id = Some("u1".into());
    tu.variants
        .push(Variant::new("en", Text::plain("bell \u{7}")));
    tmx.units.push(tu);
    let e = tmx.to_string().unwrap_err();
    assert!(e.to_string().contains("unit u1: "), "{e}");
    assert!(e.to_string().contains("U+0007"), "{e}");
    tmx.units[0].variants[0].text = Text::plain("ok");
    tmx.units[0].set_prop("x-bad", "\u{1}");
    let e = tmx.to_string().unwrap_err();
    assert!(
        e.to_string()
            .contains("unit u1: the property \"x-bad\" holds U+0001"),
        "{e}"
    );
    tmx.units[0].props.clear();
    tmx.units[0].meta.creation_id = Some("\u{1b}".into());
    let e = tmx.to_string().unwrap_err();
    assert!(
        e.to_string()
            .contains("unit u1: an attribute value holds U+001B"),
        "{e}"
    );
    tmx.units[0].meta.creation_id = None;
    tmx.units[0].props.clear();
    tmx.units[0].variants[0].lang.clear();
    let e = tmx.to_string().unwrap_err();
    assert!(e.to_string().contains("no language"), "{e}");
    let mut w = Vec::new();
    assert!(tmx.to_writer(&mut w).is_err());
    assert!(w.is_empty(), "nothing is written on error");
}

/// The model with what the writer does not write taken out: attributes TMX
/// does not define (the DTD declares none) and `<ut>`, written as `<ph>`.
fn writable(mut tmx: Tmx) -> Tmx {
    fn codes(codes: &mut [Code]) {
        for c in codes {
            c.attributes.clear();
            if c.element == Some(Element::Unknown) {
                c.element = Some(Element::Placeholder);
            }
        }
    }
    tmx.header.attributes.clear();
    for p in &mut tmx.header.props {
        p.attributes.clear();
    }
    for n in &mut tmx.header.notes {
        n.attributes.clear();
    }
    for tu in &mut tmx.units {
        tu.attributes.clear();
        tu.props.iter_mut().for_each(|p| p.attributes.clear());
        tu.notes.iter_mut().for_each(|n| n.attributes.clear());
        for v in &mut tu.variants {
            v.attributes.clear();
            v.props.iter_mut().for_each(|p| p.attributes.clear());
            v.notes.iter_mut().for_each(|n| n.attributes.clear());
            codes(&mut v.codes);
        }
    }
    tmx
}

#[test]
fn every_corpus_file_round_trips_through_a_dtd_valid_file() {
    let Some(root) = corpus("tmx") else { return };
    let dir = out_dir("tmx-roundtrip");
    let mut written = Vec::new();
    for path in tmx_files(&root) {
        if is_invalid(&path, &root) {
            continue;
        }
        let name = key(&path, &root);
        let read_first = Reader::new().read_path(&path).unwrap();
        let first = read_first.tmx;
        let xml = first
            .to_string()
            .unwrap_or_else(|e| panic!("{name} cannot be written: {e}"));
        let back = Reader::new()
            .read_str(&xml)
            .unwrap_or_else(|e| panic!("{name} written cannot be read: {e}\n{xml}"));
        // Dates are written as they were read: an ISO 8601 date in another
        // form than TMX recommends is warned about again; nothing else is.
        let dates = |ws: &[newsloc::tmx::Warning]| {
            ws.iter()
                .filter(|w| w.kind == WarningKind::DateFormat)
                .count()
        };
        assert_eq!(
            dates(&back.warnings),
            back.warnings.len(),
            "{name}: {:?}",
            back.warnings
        );
        assert_eq!(dates(&back.warnings), dates(&read_first.warnings), "{name}");
        let expected = writable(first);
        assert_eq!(back.tmx.header, expected.header, "{name}");
        assert_eq!(back.tmx.units.len(), expected.units.len(), "{name}");
        for (n, (a, b)) in back.tmx.units.iter().zip(&expected.units).enumerate() {
            assert_eq!(a, b, "{name}: unit {}", n + 1);
        }
        let out = dir.join(name.replace('/', "__"));
        std::fs::write(&out, &xml).unwrap();
        written.push(out);
    }
    assert!(written.len() >= 65);
    if let Some(r) = dtd_check(&written) {
        r.unwrap_or_else(|e| panic!("{}", e.lines().take(20).collect::<Vec<_>>().join("\n")));
    }
    eprintln!(
        "{} corpus files written, validated and read back",
        written.len()
    );
}

// --- property: written and read back, the same pairs ----------------------------

mod prop {
    use super::*;
    use proptest::prelude::*;

    fn awkward_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Seoul", " ", "  ", "\t", "\n", "\r\n", "\r", "<", ">", "&", "&amp;", "]]>",
                "\"", "'", "\u{200F}", "\u{202E}", "\u{2066}", "😀", "𝄞", "서울", "\u{FEFF}",
                "\u{F8FF}", "{0}", "%s",
            ]),
            1..6,
        )
        .prop_map(|v| v.concat())
    }

    fn kind() -> impl Strategy<Value = CodeKind> {
        proptest::sample::select(vec![
            CodeKind::Emphasis,
            CodeKind::Strong,
            CodeKind::Link,
            CodeKind::LineBreak,
            CodeKind::Script,
            CodeKind::Other,
        ])
    }

    #[derive(Debug, Clone)]
    enum Part {
        Text(String),
        Protected(String),
        Code(CodeKind, String),
        Pair(CodeKind, String, String, String),
    }

    fn part() -> impl Strategy<Value = Part> {
        prop_oneof![
            awkward_text().prop_map(Part::Text),
            awkward_text().prop_map(Part::Protected),
            (kind(), awkward_text()).prop_map(|(k, m)| Part::Code(k, m)),
            (kind(), awkward_text(), awkward_text(), awkward_text())
                .prop_map(|(k, a, b, c)| Part::Pair(k, a, b, c)),
        ]
    }

    fn text(parts: Vec<Part>) -> Text {
        let mut runs = Vec::new();
        for (n, p) in parts.into_iter().enumerate() {
            let id = (n + 1).to_string();
            match p {
                Part::Text(s) => runs.push(Run::Text(s)),
                Part::Protected(s) => runs.push(Run::Protected(s)),
                Part::Code(kind, markup) => runs.push(Run::Code { id, kind, markup }),
                Part::Pair(kind, open, inner, close) => {
                    runs.push(Run::Start {
                        id: id.clone(),
                        kind,
                        markup: open,
                    });
                    runs.push(Run::Text(inner));
                    runs.push(Run::End { id, markup: close });
                }
            }
        }
        Text::from_runs(runs).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn written_and_read_back_gives_the_same_pairs(
            units in proptest::collection::vec(
                (
                    proptest::collection::vec(part(), 0..6),
                    proptest::collection::vec(part(), 0..6),
                    awkward_text(),
                ),
                1..4,
            )
        ) {
            let mut tmx = Tmx::new(Header::new("newsloc", "0.1", "en"));
            let mut expected = Vec::new();
            for (n, (src, tgt, story)) in units.into_iter().enumerate() {
                let (src, tgt) = (text(src), text(tgt));
                let mut tu = TranslationUnit::new();
                tu.set_story(story.clone(), n as u32);
                tu.variants.push(Variant::new("en", src.clone()));
                tu.variants.push(Variant::new("ko", tgt.clone()));
                tmx.units.push(tu);
                expected.push((src, tgt, story));
            }
            let xml = tmx.to_string().unwrap();
            let back = Tmx::from_str(&xml).unwrap();
            let got: Vec<(Text, Text, String)> = back
                .pairs("en", "ko")
                .map(|(s, t, tu)| (s.text.clone(), t.text.clone(), tu.story().unwrap_or("").to_owned()))
                .collect();
            prop_assert_eq!(got, expected);
        }
    }
}

/// The DTD check can fail: a corpus file without `o-tmf` is refused by it.
#[test]
fn the_dtd_check_refuses_what_the_dtd_refuses() {
    let Some(root) = corpus("tmx") else { return };
    let file = root.join("ilib-loctool/testvariants2.tmx");
    if let Some(r) = dtd_check(&[file]) {
        let e = r.unwrap_err();
        assert!(e.contains("o-tmf"), "{e}");
    }
}

/// Every prefix of a real file is either read or refused with a position:
/// never a panic.
#[test]
fn truncated_files_never_panic() {
    let Some(root) = corpus("tmx") else { return };
    for name in [
        "lisa-tmx-compliance-kit/ImportTest2C.tmx",
        "otter/subflow.tmx",
        "lisa-tmx-compliance-kit/ImportTest2A.tmx",
    ] {
        let bytes = std::fs::read(root.join(name)).unwrap();
        let mut refused = 0;
        for cut in (0..bytes.len()).step_by(13) {
            if let Err(e) = Tmx::from_slice(&bytes[..cut]) {
                assert!(
                    e.location().and_then(|l| l.position).is_some(),
                    "{name} cut at {cut}: {e}"
                );
                refused += 1;
            }
        }
        assert!(refused >= bytes.len() / 13, "{name}: {refused}");
    }
}

/// UTF-16 without a byte order mark is recognised from `<?`, and an error
/// in it is placed in the file's own lines, columns and bytes.
#[test]
fn utf16_without_bom_is_read_and_errors_are_placed_in_its_bytes() {
    let line1 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>";
    let good = format!("{line1}\n{}", one_seg("서울 𝄞"));
    for big_endian in [false, true] {
        let encode = |s: &str| -> Vec<u8> {
            s.encode_utf16()
                .flat_map(|u| {
                    if big_endian {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect()
        };
        let tmx = Tmx::from_slice(&encode(&good)).unwrap();
        assert_eq!(tmx.units[0].variants[0].text, Text::plain("서울 𝄞"));
        let bad = format!("{line1}\n{}", one_seg("a<bpt>x</bpt>"));
        let e = Tmx::from_slice(&encode(&bad)).unwrap_err();
        let p = e.location().unwrap().position.unwrap();
        let line2 = bad.lines().nth(1).unwrap();
        let column = line2.find("<bpt>").unwrap() as u64 + 1;
        assert_eq!((p.line, p.column), (2, column), "{e}");
        // ASCII before it: two bytes per character, the newline included.
        assert_eq!(p.byte, 2 * (line1.len() as u64 + 1 + column - 1), "{e}");
    }
}

/// Visiting hands over the same units as reading, in order, keeps none,
/// and stops at the visitor's error.
#[test]
fn visiting_gives_the_units_reading_gives() {
    let Some(root) = corpus("tmx") else { return };
    let path = root.join("omegat/base.tmx");
    let read = Reader::new().read_path(&path).unwrap();
    let mut seen = Vec::new();
    let visited = Reader::new()
        .visit_path(&path, |header, tu| {
            assert_eq!(header, &read.tmx.header);
            seen.push(tu);
            Ok(())
        })
        .unwrap();
    assert_eq!(visited.units, 31);
    assert_eq!(seen, read.tmx.units);
    assert!(visited.tmx.units.is_empty());
    assert_eq!(visited.tmx.header, read.tmx.header);
    assert_eq!(
        (visited.version, visited.warnings),
        (read.version, read.warnings)
    );
    let mut n = 0;
    let e = Reader::new()
        .visit_path(&path, |_, _| {
            n += 1;
            if n == 3 {
                Err(Error::Model {
                    unit: None,
                    message: "stop here".into(),
                })
            } else {
                Ok(())
            }
        })
        .unwrap_err();
    assert_eq!((n, e.to_string()), (3, "stop here".to_string()));
}
