//! The main job on a built-in sample story: read wire copy, show what goes
//! to translators (the translatable units) and what stays fixed.
//!
//! Run with `cargo run --release --example newsroom`.

use newsloc::{Article, Block, WireReader};

const STORY: &str = include_str!("stories/port-reopens.txt");

fn main() -> Result<(), newsloc::Error> {
    let article: Article = WireReader::new().id("port-reopens").read_str(STORY)?;
    println!(
        "Story {} version {} ({}), {} blocks",
        article.id,
        article.version,
        article.language,
        article.body.len()
    );

    println!("\nTranslatable units:");
    for unit in article.units() {
        println!(
            "  {:<16} {:<20} {}",
            unit.id,
            unit.kind.describe(),
            unit.text.to_plain_string()
        );
    }

    println!("\nFixed metadata (never sent to translators):");
    if let Some(date) = article.date {
        println!("  date            {date}");
    }
    if let Some(note) = &article.editor_note {
        println!("  editor's note   {}", note.text());
        for change in note.changes() {
            println!("    {:?}: {}", change.verb, change.object);
        }
    }
    if let Some(tag) = article.headline.as_ref().and_then(|h| h.tag.as_ref()) {
        println!("  update tag      {tag}");
    }
    println!("  byline          {}", article.byline.join("; "));
    if let Some(agency) = article.dateline.as_ref().and_then(|d| d.agency.as_ref()) {
        println!("  agency          {agency}");
    }
    for (i, block) in article.body.iter().enumerate() {
        if let Block::Photo(photo) = block {
            println!("  photo (block {}) credit {}", i + 1, photo.credit);
            for r in &photo.restrictions {
                println!("    restriction   {r}");
            }
        }
    }
    println!("  end mark        {}", article.end_mark);
    Ok(())
}
