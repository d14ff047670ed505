//! quick-xml reading a file as any namespace-aware consumer of XML must:
//! through a buffered reader, each element's and attribute's namespace
//! resolved, each attribute value normalised and each text unescaped, and
//! nothing kept. `benches/lxml_compare.sh` prints `newsloc xliff check`
//! and `stats` against it beside the raw tokenising of
//! `examples/tokenize.rs`: a yardstick that does the XML work `check`
//! must do, without the XLIFF model and rules.
//!
//! Run: `cargo run --release --example resolve -- FILE.xlf`

use std::io::BufReader;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os().nth(1).ok_or("usage: resolve FILE")?;
    let file = std::fs::File::open(path)?;
    let mut reader = quick_xml::NsReader::from_reader(BufReader::with_capacity(64 * 1024, file));
    let mut buf = Vec::new();
    // Bytes of values and texts, and names bound to a namespace: printed,
    // so that none of the work can be left out.
    let (mut bytes, mut bound) = (0usize, 0usize);
    loop {
        let (ns, event) = reader.read_resolved_event_into(&mut buf)?;
        bound += usize::from(matches!(ns, ResolveResult::Bound(_)));
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a?;
                    bytes += a.normalized_value(XmlVersion::Implicit1_0)?.len();
                    let (ns, _) = reader.resolver().resolve_attribute(a.key);
                    bound += usize::from(matches!(ns, ResolveResult::Bound(_)));
                }
            }
            Event::Text(t) => bytes += t.xml_content(XmlVersion::Implicit1_0).len(),
            Event::GeneralRef(r) => {
                bytes += match r.resolve_char_ref()? {
                    Some(c) => c.len_utf8(),
                    None => {
                        quick_xml::escape::resolve_predefined_entity(&r).map_or(r.len(), str::len)
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    println!("{bytes} bytes of values and text, {bound} names bound");
    Ok(())
}
