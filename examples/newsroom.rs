//! The whole cycle on a built-in sample story: wire copy → XLIFF for Korean
//! and Japanese translators → their returned files (bundled translations
//! written for this story) → checked import → Korean and Japanese wire copy
//! and HTML, credits and restrictions carried over verbatim.
//!
//! Run with `cargo run --release --example newsroom`; the files it writes
//! are listed at the end (under `target/newsroom/`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use newsloc::render::{self, Format};
use newsloc::xliff::{Content, Document, Part, State, Version};
use newsloc::{Article, Block, Exporter, ImportOptions, Locales, WireReader, import};
use unic_langid::LanguageIdentifier;

const STORY: &str = include_str!("stories/port-reopens.txt");

/// What the translators send back, one entry per unit: a string for a
/// one-sentence unit, a list with one string per sentence otherwise.
const TRANSLATIONS: [(&str, &str); 2] = [
    ("ko", include_str!("translations/port-reopens.ko.json")),
    ("ja", include_str!("translations/port-reopens.ja.json")),
];

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/newsroom");
    std::fs::create_dir_all(&out_dir)?;

    // 1. The story as it comes off the wire.
    let article: Article = WireReader::new().id("port-reopens").read_str(STORY)?;
    show_source(&article);

    let locales = Locales::embedded();
    let mut written: Vec<PathBuf> = Vec::new();
    for (lang, translations) in TRANSLATIONS {
        let target: LanguageIdentifier = lang.parse()?;
        println!("\n=== {lang} ===");

        // 2. Export: one XLIFF file per target language.
        let doc = Exporter::new().export(&article, &target)?;
        let xlf = out_dir.join(format!("{}.v{}.{lang}.xlf", article.id, article.version));
        std::fs::write(&xlf, doc.to_string(Version::V2_0)?)?;
        println!(
            "exported {} units, {} segments -> {}",
            doc.units().count(),
            doc.units().map(|u| u.segments().count()).sum::<usize>(),
            xlf.display()
        );

        // 3. The translator's tool fills the targets and sends the file back.
        let mut returned = Document::from_path(&xlf)?;
        translate(&mut returned, translations)?;
        std::fs::write(&xlf, returned.to_string(Version::V2_0)?)?;
        written.push(xlf.clone());

        // 4. Import: the file is checked against the story before anything
        //    is used.
        let imported = import(&Document::from_path(&xlf)?, &article, &ImportOptions::new())?;
        println!("imported: {}", imported.report);

        // 5. Render in the target language's house style; the rights check
        //    makes sure every credit and restriction is there verbatim.
        let l = locales.localizer(&target);
        let wire = render::render(&imported.article, Some(&article), Format::Wire, &l)?;
        let html = render::render(&imported.article, Some(&article), Format::Html, &l)?;
        for (ext, text) in [("txt", &wire), ("html", &html)] {
            let path = out_dir.join(format!("{}.{lang}.{ext}", article.id));
            std::fs::write(&path, text)?;
            written.push(path);
        }
        println!("\n{wire}");
    }

    println!("Files written:");
    for path in written {
        println!("  {}", path.display());
    }
    Ok(())
}

fn show_source(article: &Article) {
    println!(
        "Story {} version {} ({}): {} translatable units",
        article.id,
        article.version,
        article.language,
        article.units().len()
    );
    for unit in article.units() {
        let text = unit.text.to_plain_string();
        let short: String = text.chars().take(70).collect();
        let more = if short.len() < text.len() { "..." } else { "" };
        println!("  {:<15} {short}{more}", unit.id);
    }
    println!("Fixed, never sent to translators:");
    println!("  byline   {}", article.byline.join("; "));
    if let Some(tag) = article.headline.as_ref().and_then(|h| h.tag.as_ref()) {
        println!("  tag      {tag}");
    }
    for block in &article.body {
        if let Block::Photo(p) = block {
            let restrictions: Vec<&str> = p.restrictions.iter().map(|r| r.as_str()).collect();
            println!("  photo    credit {} {restrictions:?}", p.credit);
        }
    }
}

/// Fills each segment's target from the bundled translations, as a CAT
/// tool would, and marks it translated.
fn translate(doc: &mut Document, json: &str) -> Result<(), Error> {
    let map: HashMap<String, serde_json::Value> = serde_json::from_str(json)?;
    for unit in doc.units_mut() {
        let sentences: Vec<String> = match map.get(&*unit.id) {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(v)) => v
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
            _ => return Err(format!("no translation for unit {}", unit.id).into()),
        };
        let segments = unit.segments().count();
        if sentences.len() != segments {
            return Err(format!(
                "unit {}: {} sentences translated, {segments} segments",
                unit.id,
                sentences.len()
            )
            .into());
        }
        let mut sentences = sentences.into_iter();
        for part in &mut unit.parts {
            if let Part::Segment(seg) = part {
                let text = sentences.next().unwrap_or_default();
                seg.target = Some(Content::text(&text));
                seg.state = Some(State::Translated);
            }
        }
    }
    Ok(())
}
