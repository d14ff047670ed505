//! Reads an XLIFF file (the lenient read) and writes it back in its own
//! version: the whole-process read-and-write that
//! `benches/lxml_compare.sh` times against lxml.
//!
//! Run: `cargo run --release --example convert -- IN.xlf OUT.xlf`

use newsloc_xliff::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: convert IN.xlf OUT.xlf".into());
    };
    let (doc, problems) = Document::try_from_path(&input)?;
    for p in &problems {
        eprintln!("{p}");
    }
    doc.to_path(&output)?;
    // As `newsloc xliff convert` does: the process ends here, and freeing
    // a large document's many small allocations one by one would only
    // delay it.
    std::mem::forget(doc);
    Ok(())
}
