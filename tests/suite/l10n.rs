//! Locales: every file parses, every message exists everywhere, and each
//! locale writes bylines, datelines, tags and end marks in its house style.

use std::fs;
use std::path::{Path, PathBuf};

use newsloc::{Error, Locales, Localizer, MonthDay};

const LOCALES: [&str; 10] = [
    "en", "ko", "ja", "zh-Hans", "zh-Hant", "ar", "es", "fr", "de", "ru",
];

fn md(month: u8, day: u8) -> Option<MonthDay> {
    Some(MonthDay::new(month, day).unwrap())
}

fn loc(tag: &str) -> Localizer {
    Locales::embedded().localizer(&tag.parse().unwrap())
}

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// Message ids defined in a Fluent file (lines `id = ...` at column 1).
fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            let ok = id.chars().next()?.is_ascii_alphabetic()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| id.to_string())
        })
        .collect()
}

#[test]
fn every_file_parses_without_error() {
    for tag in LOCALES {
        let path = locales_dir().join(tag).join("newsloc.ftl");
        let source = fs::read_to_string(&path).unwrap();
        if let Err((_, errors)) = fluent::FluentResource::try_new(source) {
            panic!("{}: {errors:?}", path.display());
        }
    }
}

#[test]
fn every_english_message_exists_in_every_locale() {
    let en = fs::read_to_string(locales_dir().join("en/newsloc.ftl")).unwrap();
    let ids = message_ids(&en);
    // the messages the library formats itself
    for id in [
        "dateline",
        "names-separator",
        "names-pair",
        "byline",
        "byline-placement",
        "lead",
        "update-tag",
        "end-mark",
        "label-photo",
        "label-credit",
        "label-restrictions",
    ] {
        assert!(ids.iter().any(|i| i == id), "en lacks {id}");
    }
    for tag in LOCALES {
        let source = fs::read_to_string(locales_dir().join(tag).join("newsloc.ftl")).unwrap();
        let here = message_ids(&source);
        let missing: Vec<&String> = ids.iter().filter(|id| !here.contains(id)).collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
    }
}

#[test]
fn every_message_formats_in_every_locale_without_errors() {
    // exercises every variant of every selector through the public API
    for tag in LOCALES {
        let l = loc(tag);
        assert_eq!(l.lang().to_string(), tag);
        for names in [&["A"][..], &["A", "B"], &["A", "B", "C"]] {
            l.byline(names).unwrap();
        }
        for place in [None, Some("P")] {
            for date in [None, md(1, 1), md(12, 31)] {
                for agency in [None, Some("Yonhap"), Some("Acme")] {
                    l.dateline(place, date, agency).unwrap();
                }
            }
        }
        for n in 1..=12 {
            let d = l.dateline(None, md(n, 5), None).unwrap();
            assert!(!d.contains(&format!("{n}{n}")), "{tag}: {d}");
        }
        l.lead("D", Some("B")).unwrap();
        l.lead("D", None).unwrap();
        for n in 1..=5 {
            l.lead_tag(n).unwrap();
        }
        l.urgent_tag().unwrap();
        l.end_mark().unwrap();
        for label in ["label-photo", "label-credit", "label-restrictions"] {
            assert!(!l.message(label, &[]).unwrap().is_empty());
        }
    }
}

#[test]
fn english() {
    let l = loc("en");
    assert_eq!(l.byline(&["Kim Eun-jung"]).unwrap(), "By Kim Eun-jung");
    assert_eq!(
        l.byline(&["Park Ha-eun", "Daniel Cho"]).unwrap(),
        "By Park Ha-eun and Daniel Cho"
    );
    assert_eq!(
        l.byline(&["Kim Eun-jung", "Park Ha-eun", "Daniel Cho"])
            .unwrap(),
        "By Kim Eun-jung, Park Ha-eun and Daniel Cho"
    );
    assert_eq!(l.byline::<&str>(&[]).unwrap(), "");
    let sept = md(9, 12);
    assert_eq!(
        l.dateline(Some("SEOUL"), sept, Some("Yonhap")).unwrap(),
        "SEOUL, Sept. 12 (Yonhap) --"
    );
    assert_eq!(
        l.dateline(Some("WASHINGTON"), None, Some("AP")).unwrap(),
        "WASHINGTON (AP) --"
    );
    assert_eq!(
        l.dateline(None, sept, Some("Yonhap")).unwrap(),
        "Sept. 12 (Yonhap) --"
    );
    assert_eq!(l.dateline(None, None, None).unwrap(), "");
    // AP: March through July spelled out, the others abbreviated
    let months: Vec<String> = (1..=12)
        .map(|m| l.dateline(Some("BUSAN"), md(m, 4), Some("Yonhap")).unwrap())
        .collect();
    assert_eq!(months[2], "BUSAN, March 4 (Yonhap) --");
    assert_eq!(months[6], "BUSAN, July 4 (Yonhap) --");
    assert_eq!(months[7], "BUSAN, Aug. 4 (Yonhap) --");
    assert_eq!(months[11], "BUSAN, Dec. 4 (Yonhap) --");
    assert_eq!(l.lead_tag(1).unwrap(), "(LEAD)");
    assert_eq!(l.lead_tag(2).unwrap(), "(2nd LD)");
    assert_eq!(l.lead_tag(3).unwrap(), "(3rd LD)");
    assert_eq!(l.urgent_tag().unwrap(), "(URGENT)");
    assert_eq!(l.end_mark().unwrap(), "(END)");
    assert!(!l.byline_in_lead());
    assert_eq!(
        l.lead("SEOUL, Sept. 12 (Yonhap) --", Some("By X")).unwrap(),
        "SEOUL, Sept. 12 (Yonhap) -- "
    );
}

#[test]
fn korean() {
    let l = loc("ko");
    assert_eq!(l.byline(&["김은정"]).unwrap(), "김은정 기자");
    assert_eq!(
        l.byline(&["김은정", "박하은"]).unwrap(),
        "김은정 박하은 기자"
    );
    assert_eq!(
        l.byline(&["김은정", "박하은", "조대니"]).unwrap(),
        "김은정 박하은 조대니 기자"
    );
    // names in Latin letters are kept apart by commas
    assert_eq!(
        l.byline(&["Kim Eun-jung", "Daniel Cho", "Park Ha-eun"])
            .unwrap(),
        "Kim Eun-jung, Daniel Cho, Park Ha-eun 기자"
    );
    let sept = md(9, 12);
    assert_eq!(
        l.dateline(Some("서울"), sept, Some("Yonhap")).unwrap(),
        "(서울=연합뉴스)"
    );
    assert_eq!(
        l.dateline(Some("워싱턴"), None, Some("AP")).unwrap(),
        "(워싱턴=AP)"
    );
    assert_eq!(
        l.dateline(None, sept, Some("Yonhap")).unwrap(),
        "(연합뉴스)"
    );
    assert!(l.byline_in_lead());
    assert_eq!(
        l.lead("(서울=연합뉴스)", Some("김은정 기자")).unwrap(),
        "(서울=연합뉴스) 김은정 기자 = "
    );
    assert_eq!(l.lead("(서울=연합뉴스)", None).unwrap(), "(서울=연합뉴스) ");
    assert_eq!(l.lead_tag(1).unwrap(), "(종합)");
    assert_eq!(l.lead_tag(2).unwrap(), "(종합2보)");
    assert_eq!(l.lead_tag(3).unwrap(), "(종합3보)");
    assert_eq!(l.urgent_tag().unwrap(), "[속보]");
    assert_eq!(l.end_mark().unwrap(), "(끝)");
}

#[test]
fn japanese() {
    let l = loc("ja");
    assert_eq!(l.byline(&["金恩貞"]).unwrap(), "金恩貞記者");
    assert_eq!(
        l.byline(&["金恩貞", "朴夏恩"]).unwrap(),
        "金恩貞、朴夏恩記者"
    );
    assert_eq!(
        l.byline(&["金恩貞", "朴夏恩", "趙ダニエル"]).unwrap(),
        "金恩貞、朴夏恩、趙ダニエル記者"
    );
    assert_eq!(
        l.dateline(Some("ソウル"), md(9, 12), Some("Yonhap"))
            .unwrap(),
        "【ソウル聯合ニュース】"
    );
    assert_eq!(
        l.dateline(Some("ソウル"), None, Some("Kyodo")).unwrap(),
        "【ソウル共同】"
    );
    assert_eq!(l.dateline(None, md(9, 12), None).unwrap(), "【9月12日】");
    assert_eq!(l.lead_tag(1).unwrap(), "（続報）");
    assert_eq!(l.lead_tag(2).unwrap(), "（第2報）");
    assert_eq!(l.urgent_tag().unwrap(), "（速報）");
    assert_eq!(l.end_mark().unwrap(), "（終）");
}

#[test]
fn simplified_chinese() {
    let l = loc("zh-Hans");
    assert_eq!(
        l.dateline(Some("首尔"), md(9, 12), Some("Yonhap")).unwrap(),
        "韩联社首尔9月12日电"
    );
    assert_eq!(
        l.dateline(Some("北京"), None, Some("Xinhua")).unwrap(),
        "新华社北京电"
    );
    assert_eq!(
        l.byline(&["金恩贞", "朴夏恩", "赵大尼"]).unwrap(),
        "记者 金恩贞、朴夏恩、赵大尼"
    );
    assert!(l.byline_in_lead());
    assert_eq!(
        l.lead("韩联社首尔9月12日电", Some("记者 金恩贞")).unwrap(),
        "韩联社首尔9月12日电（记者 金恩贞）"
    );
    assert_eq!(l.lead_tag(1).unwrap(), "（详讯）");
    assert_eq!(l.lead_tag(2).unwrap(), "（第2次详讯）");
    assert_eq!(l.urgent_tag().unwrap(), "（快讯）");
    assert_eq!(l.end_mark().unwrap(), "（完）");
}

#[test]
fn traditional_chinese() {
    let l = loc("zh-Hant");
    assert_eq!(
        l.dateline(Some("首爾"), md(9, 12), Some("Yonhap")).unwrap(),
        "（韓聯社首爾9月12日電）"
    );
    assert_eq!(
        l.dateline(Some("台北"), None, Some("CNA")).unwrap(),
        "（中央社台北電）"
    );
    assert_eq!(
        l.byline(&["金恩貞", "朴夏恩"]).unwrap(),
        "記者金恩貞、朴夏恩"
    );
    assert_eq!(l.lead_tag(1).unwrap(), "（詳訊）");
    assert_eq!(l.urgent_tag().unwrap(), "（快訊）");
    assert_eq!(l.end_mark().unwrap(), "（完）");
}

#[test]
fn arabic_is_right_to_left_with_isolated_values() {
    let l = loc("ar");
    assert!(l.is_rtl());
    // inserted variables (the place, the day number, names) are wrapped in
    // FSI (U+2068) ... PDI (U+2069); the Arabic month and agency names
    // come from the locale file and need no isolation
    assert_eq!(
        l.dateline(Some("سيول"), md(9, 12), Some("Yonhap")).unwrap(),
        "\u{2068}سيول\u{2069}، \u{2068}12\u{2069} سبتمبر (يونهاب) --"
    );
    assert_eq!(
        l.byline(&["Kim Eun-jung"]).unwrap(),
        "بقلم \u{2068}Kim Eun-jung\u{2069}"
    );
    assert_eq!(l.lead_tag(1).unwrap(), "(محدث)");
    assert_eq!(l.urgent_tag().unwrap(), "(عاجل)");
    assert_eq!(l.end_mark().unwrap(), "(انتهى)");
}

#[test]
fn left_to_right_output_has_no_isolation_marks() {
    for tag in LOCALES.iter().filter(|t| **t != "ar") {
        let l = loc(tag);
        assert!(!l.is_rtl(), "{tag}");
        let text = [
            l.dateline(Some("P"), md(9, 12), Some("Yonhap")).unwrap(),
            l.byline(&["A", "B", "C"]).unwrap(),
            l.lead_tag(2).unwrap(),
        ]
        .concat();
        assert!(!text.contains(['\u{2068}', '\u{2069}']), "{tag}: {text:?}");
    }
}

#[test]
fn spanish_french_german_russian() {
    let sept = md(9, 12);
    let es = loc("es");
    assert_eq!(
        es.dateline(Some("SEÚL"), sept, Some("Yonhap")).unwrap(),
        "SEÚL, 12 sep. (Yonhap) --"
    );
    assert_eq!(es.byline(&["A", "B", "C"]).unwrap(), "Por A, B y C");
    assert_eq!(es.lead_tag(2).unwrap(), "(2.ª AMPLIACIÓN)");
    assert_eq!(es.end_mark().unwrap(), "(FIN)");

    let fr = loc("fr");
    assert_eq!(
        fr.dateline(Some("SÉOUL"), sept, Some("Yonhap")).unwrap(),
        "SÉOUL, 12 sept. (Yonhap) -"
    );
    assert_eq!(
        fr.dateline(Some("PARIS"), md(5, 1), Some("AFP")).unwrap(),
        "PARIS, 1er mai (AFP) -"
    );
    assert_eq!(fr.byline(&["A", "B"]).unwrap(), "Par A et B");
    assert_eq!(fr.end_mark().unwrap(), "(FIN)");

    let de = loc("de");
    assert_eq!(
        de.dateline(Some("Seoul"), sept, Some("dpa")).unwrap(),
        "Seoul (dpa) -"
    );
    assert_eq!(
        de.dateline(None, sept, Some("dpa")).unwrap(),
        "12. September (dpa) -"
    );
    assert_eq!(de.byline(&["A", "B", "C"]).unwrap(), "Von A, B und C");
    assert_eq!(de.lead_tag(2).unwrap(), "(2. Zusammenfassung)");
    assert_eq!(de.urgent_tag().unwrap(), "(EIL)");
    assert_eq!(de.end_mark().unwrap(), "(Ende)");

    let ru = loc("ru");
    assert_eq!(
        ru.dateline(Some("СЕУЛ"), sept, Some("Yonhap")).unwrap(),
        "СЕУЛ, 12 сентября. /Ёнхап/."
    );
    assert_eq!(ru.byline(&["А"]).unwrap(), "Автор: А");
    assert_eq!(ru.byline(&["А", "Б"]).unwrap(), "Авторы: А и Б");
    assert_eq!(ru.lead_tag(2).unwrap(), "(ДОПОЛНЕНО-2)");
    assert_eq!(ru.urgent_tag().unwrap(), "(СРОЧНО)");
}

#[test]
fn negotiation_with_fallback() {
    let locales = Locales::embedded();
    let pick = |tag: &str| locales.localizer(&tag.parse().unwrap()).lang().to_string();
    assert_eq!(pick("ko-KR"), "ko");
    assert_eq!(pick("ja-JP"), "ja");
    assert_eq!(pick("zh-TW"), "zh-Hant");
    assert_eq!(pick("zh-Hant-TW"), "zh-Hant");
    assert_eq!(pick("zh-CN"), "zh-Hans");
    assert_eq!(pick("es-MX"), "es");
    assert_eq!(pick("it"), "en");
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("newsloc-l10n-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn write(&self, rel: &str, text: &str) {
        let path = self.0.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn directory_overrides_and_extends_embedded_locales() {
    let dir = TempDir::new("override");
    // a Korean file with the embedded file's name: its message replaces the
    // built-in one, every other Korean message stays
    dir.write("ko/newsloc.ftl", "end-mark = (끝) ■\n");
    // extends German with a second file overriding one message
    dir.write("de/zz-house.ftl", "end-mark = (dpa-Ende)\n");
    // adds a language: what it does not define comes from English
    dir.write("pt/newsloc.ftl", "end-mark = (FIM)\nlabel-photo = Foto\n");
    dir.write("README.txt", "not a locale");
    dir.write("pt/notes.txt", "not Fluent");
    let locales = Locales::from_dir(&dir.0).unwrap();

    let ko = locales.localizer(&"ko-KR".parse().unwrap());
    assert_eq!(ko.end_mark().unwrap(), "(끝) ■");
    assert_eq!(ko.byline(&["A"]).unwrap(), "A 기자");

    let de = locales.localizer(&"de".parse().unwrap());
    assert_eq!(de.end_mark().unwrap(), "(dpa-Ende)");
    assert_eq!(de.byline(&["A"]).unwrap(), "Von A");

    let pt = locales.localizer(&"pt-BR".parse().unwrap());
    assert_eq!(pt.lang().to_string(), "pt");
    assert_eq!(pt.end_mark().unwrap(), "(FIM)");
    assert_eq!(
        pt.dateline(Some("SEUL"), md(9, 12), Some("Yonhap"))
            .unwrap(),
        "SEUL, Sept. 12 (Yonhap) --"
    );
    assert_eq!(locales.available().len(), 11);
}

#[test]
fn syntax_error_in_override_names_file_line_and_column() {
    let dir = TempDir::new("syntax");
    dir.write(
        "ja/newsloc.ftl",
        "end-mark = （終）\n\nbyline { $names }\nlabel-photo = 写真\n",
    );
    let err = Locales::from_dir(&dir.0).unwrap_err();
    let Error::Locale { location, message } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(
        location.file.as_deref(),
        Some(dir.0.join("ja/newsloc.ftl").as_path())
    );
    let p = location.position.unwrap();
    assert_eq!((p.line, p.column), (3, 8));
    assert!(message.contains("Fluent syntax error"), "{message}");
    let shown = err.to_string();
    assert!(shown.contains("ja/newsloc.ftl:3:8"), "{shown}");
}

#[test]
fn bad_folder_name_and_missing_dir_are_errors() {
    let dir = TempDir::new("badname");
    dir.write("not_a_lang!/newsloc.ftl", "end-mark = x\n");
    let err = Locales::from_dir(&dir.0).unwrap_err();
    assert!(matches!(err, Error::Locale { .. }), "{err:?}");
    assert!(err.to_string().contains("not_a_lang!"), "{err}");

    let missing = dir.0.join("nope");
    let err = Locales::from_dir(&missing).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
}
