//! quick-xml's raw tokenising of a file through a buffered reader, no
//! more: the yardstick `benches/lxml_compare.sh` times `newsloc xliff
//! check` and `stats` against, as whole processes.
//!
//! Run: `cargo run --release --example tokenize -- FILE.xlf`

use std::io::BufReader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os().nth(1).ok_or("usage: tokenize FILE")?;
    let file = std::fs::File::open(path)?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::with_capacity(64 * 1024, file));
    let mut buf = Vec::new();
    let mut events = 0usize;
    loop {
        match reader.read_event_into(&mut buf)? {
            quick_xml::events::Event::Eof => break,
            _ => events += 1,
        }
        buf.clear();
    }
    println!("{events} events");
    Ok(())
}
