//! The whole cycle on a built-in sample story, in two versions, through the
//! embedded SQLite store: wire copy → store → XLIFF for Korean and Japanese
//! translators → their returned files (bundled translations written for
//! this story) → checked import into the store → a new version of the story
//! → export again, re-using the translations of what did not change → only
//! the changed sentences translated → import → Korean and Japanese wire copy
//! and HTML, credits and restrictions carried over verbatim.
//!
//! Run with `cargo run --release --example newsroom`; the store and the
//! files it writes are listed at the end (under `target/newsroom/`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use newsloc::render::{self, Format};
use newsloc::store::{self, SqliteStore, Store};
use newsloc::xliff::{Content, Document, Part, State};
use newsloc::{Article, Block, Exporter, ImportOptions, Locales, WireReader};
use unic_langid::LanguageIdentifier;

/// Version 2 of the story, `(LEAD)`.
const STORY: &str = include_str!("stories/port-reopens.txt");
/// Version 3, `(2nd LD)`: a corrected figure and an added paragraph.
const UPDATE: &str = include_str!("stories/port-reopens-2nd-ld.txt");

/// What the translators send back, one entry per unit: a string for a
/// one-sentence unit, a list with one string per sentence otherwise. For
/// the update, only the units the export leaves for a translator.
const TRANSLATIONS: [(&str, &str, &str); 2] = [
    (
        "ko",
        include_str!("translations/port-reopens.ko.json"),
        include_str!("translations/port-reopens-2nd-ld.ko.json"),
    ),
    (
        "ja",
        include_str!("translations/port-reopens.ja.json"),
        include_str!("translations/port-reopens-2nd-ld.ja.json"),
    ),
];

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/newsroom");
    std::fs::create_dir_all(&out_dir)?;
    let db = out_dir.join("newsloc.db");
    for stale in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{stale}", db.display()));
    }
    let store = SqliteStore::open(&db)?;
    let exporter = Exporter::new();
    let mut written: Vec<PathBuf> = Vec::new();

    // 1. The story as it comes off the wire, kept in the store.
    let article: Article = WireReader::new().id("port-reopens").read_str(STORY)?;
    show_source(&article);
    store.add(std::slice::from_ref(&article))?;

    // 2. Export, translate, import: every unit goes to the translators.
    for (lang, first, _) in TRANSLATIONS {
        let target: LanguageIdentifier = lang.parse()?;
        println!("\n=== {lang}: version {} ===", article.version);
        written.push(round_trip(
            &store, &exporter, &article, &target, first, &out_dir,
        )?);
    }
    print_status(&store)?;

    // 3. The story moves again. The store knows both translations are now
    //    stale, and which units changed.
    let update: Article = WireReader::new().id("port-reopens").read_str(UPDATE)?;
    println!(
        "\n=== version {} arrives: {} ===",
        update.version,
        update.editor_note.as_ref().map_or("", |n| n.text())
    );
    store.add(std::slice::from_ref(&update))?;
    print_status(&store)?;

    // 4. Export again: unchanged sentences come filled in from the earlier
    //    translation; the translators get the corrected and the new ones.
    let locales = Locales::embedded();
    for (lang, _, update_translations) in TRANSLATIONS {
        let target: LanguageIdentifier = lang.parse()?;
        println!("\n=== {lang}: version {} ===", update.version);
        written.push(round_trip(
            &store,
            &exporter,
            &update,
            &target,
            update_translations,
            &out_dir,
        )?);

        // 5. Render the stored translation in the target language's house
        //    style; the rights check makes sure every credit and
        //    restriction is there verbatim.
        let translation = store
            .translation(&update.id, &target, Some(update.version))?
            .ok_or("the translation was not stored")?;
        let l = locales.localizer(&target);
        let wire = render::render(&translation.article, Some(&update), Format::Wire, &l)?;
        let html = render::render(&translation.article, Some(&update), Format::Html, &l)?;
        for (ext, text) in [("txt", &wire), ("html", &html)] {
            let path = out_dir.join(format!("{}.{lang}.{ext}", update.id));
            std::fs::write(&path, text)?;
            written.push(path);
        }
        println!("\n{wire}");
    }
    print_status(&store)?;

    println!("\nStore: {}", db.display());
    println!("Files written:");
    for path in written {
        println!("  {}", path.display());
    }
    Ok(())
}

/// Exports `article` from the store (re-using what the store has), fills
/// the segments the export left empty as a CAT tool would, and imports the
/// returned file into the store. Returns the returned file's path.
fn round_trip(
    store: &dyn Store,
    exporter: &Exporter,
    article: &Article,
    target: &LanguageIdentifier,
    translations: &str,
    out_dir: &Path,
) -> Result<PathBuf, Error> {
    let exported = store::export_to_dir(store, exporter, &article.id, target, out_dir, true)?;
    let path = exported.path.ok_or("nothing left to translate")?;
    println!("exported {}", path.display());
    println!("{}", exported.analysis);

    // The translator's tool fills the targets and sends the file back.
    let mut returned = Document::from_path(&path)?;
    translate(&mut returned, translations)?;
    let back = path.with_extension("done.xlf");
    std::fs::write(&back, returned.to_xml()?)?;

    // Import: the file is checked against the stored version before
    // anything is used; the translation and its memory entries are stored
    // in one transaction.
    let imported = store::import_file(store, &back, &ImportOptions::new())?;
    println!("imported: {}", imported.report);
    Ok(back)
}

fn print_status(store: &dyn Store) -> Result<(), Error> {
    println!("\nstatus:");
    for s in store.status(&[], &[])? {
        let changed = if s.changed_units.is_empty() {
            String::new()
        } else {
            format!(" (changed: {})", s.changed_units.join(", "))
        };
        println!(
            "  {} {} v{}: {}{changed}",
            s.article,
            s.language,
            s.latest_version,
            s.kind.as_str()
        );
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

/// Fills segments from the bundled translations, as a CAT tool would, and
/// marks them translated. A unit in the translations gets all its segments
/// (the translator re-reads the whole unit); a unit that is not keeps the
/// targets the export filled in, and a segment left empty is an error, so
/// no English reaches the translation.
fn translate(doc: &mut Document, json: &str) -> Result<(), Error> {
    let map: HashMap<String, serde_json::Value> = serde_json::from_str(json)?;
    for unit in doc.units_mut() {
        let sentences: Vec<String> = match map.get(&*unit.id) {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(v)) => v
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
            _ => {
                if unit
                    .segments()
                    .any(|s| s.target.as_ref().is_none_or(Content::is_empty))
                {
                    return Err(format!("no translation for unit {}", unit.id).into());
                }
                continue;
            }
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
