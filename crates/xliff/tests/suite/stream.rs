//! Reading through a buffered reader ([`visit_reader`]) gives what the
//! whole-slice read ([`visit_slice`]) gives: the same pieces to the
//! visitor, the same problems (kinds, severities, messages, positions) or
//! the same error, the same [`Stats`], whatever the reader's buffer size
//! (so that windows end anywhere, inside characters too), for every file of
//! the corpus and in UTF-16 and a legacy encoding.

use std::io::BufReader;

use newsloc_xliff::{
    Document, File, Group, List, Raw, Stats, Unit, Visitor, visit_path, visit_reader, visit_slice,
};

use crate::common;

/// Everything a visitor is handed, in order, as text.
#[derive(Default)]
struct Record {
    calls: Vec<String>,
    stats: Stats,
}

impl Visitor for Record {
    fn start(&mut self, root: Document) {
        self.calls.push(format!("start {root:?}"));
    }
    fn file(&mut self, file: File) {
        self.calls.push(format!("file {file:?}"));
        self.stats.file(file);
    }
    fn file_end(&mut self) {
        self.calls.push("file_end".into());
    }
    fn group(&mut self, group: Group) {
        self.calls.push(format!("group {group:?}"));
    }
    fn group_end(&mut self) {
        self.calls.push("group_end".into());
    }
    fn unit(&mut self, unit: Unit) {
        self.calls.push(format!("unit {unit:?}"));
        self.stats.unit(unit);
    }
    fn raw(&mut self, raw: Raw) {
        self.calls.push(format!("raw {raw:?}"));
    }
    fn end(&mut self, epilog: List<Raw>) {
        self.calls.push(format!("end {epilog:?}"));
    }
}

/// What a read gave: the visitor's record and the problems, or the error.
fn outcome(r: Result<Vec<newsloc_xliff::Problem>, newsloc_xliff::Error>, rec: Record) -> String {
    match r {
        // (Before an error the pieces handed over differ: the whole read
        // decodes everything first.)
        Err(e) => format!("error {e:?}"),
        Ok(problems) => format!("{:#?}\n{:?}\n{}", problems, rec.stats, rec.calls.join("\n")),
    }
}

fn whole(bytes: &[u8]) -> String {
    let mut rec = Record::default();
    let r = visit_slice(bytes, &mut rec);
    outcome(r, rec)
}

fn streamed(bytes: &[u8], capacity: usize) -> String {
    let mut rec = Record::default();
    let r = visit_reader(BufReader::with_capacity(capacity, bytes), &mut rec);
    outcome(r, rec)
}

/// Compares the reads of `bytes` (named `name`) at each buffer size.
fn same(name: &str, bytes: &[u8], capacities: &[usize]) -> Result<(), String> {
    let want = whole(bytes);
    for &c in capacities {
        let got = streamed(bytes, c);
        if got != want {
            let line = want
                .lines()
                .zip(got.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            return Err(format!(
                "{name} read with a {c}-byte buffer differs at line {line}:\n  whole: {}\n  streamed: {}",
                want.lines().nth(line).unwrap_or("(end)"),
                got.lines().nth(line).unwrap_or("(end)"),
            ));
        }
    }
    Ok(())
}

fn corpus_reads_the_same(sub: &str) {
    let Some(dir) = common::corpus(sub) else {
        return;
    };
    let mut failures = Vec::new();
    let mut n = 0;
    for path in common::files(&dir) {
        let bytes = std::fs::read(&path).expect("readable corpus file");
        // Byte by byte on the smaller files (every boundary), in small and
        // usual chunks on all.
        let capacities: &[usize] = if bytes.len() <= 64 * 1024 {
            &[1, 7, 64, 4096]
        } else {
            &[7, 64, 4096]
        };
        if let Err(e) = same(&common::rel(&path), &bytes, capacities) {
            failures.push(e);
        }
        n += 1;
    }
    assert!(n > 0, "no files in {sub}");
    assert!(
        failures.is_empty(),
        "{} of {n} files read differently:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn xliff2_corpus_reads_the_same_streamed() {
    corpus_reads_the_same("xliff2");
}

#[test]
fn xliff12_corpus_reads_the_same_streamed() {
    corpus_reads_the_same("xliff12");
}

/// A 2.0 document with groups, problems on several lines and a non-ASCII
/// text, for the encodings below.
const DOC: &str = "<?xml version=\"1.0\" encoding=\"ENC\"?>\n\
<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"fr\">\n\
 <file id=\"f\">\n  <group id=\"g\">\n   <unit id=\"u1\"><segment><source>Café crème à\n l'été</source></segment></unit>\n\
   <unit id=\"u1\"><segment><source>Déjà vu</source><target>x</target></segment></unit>\n  </group>\n\
  <unit id=\"u3\"><segment state=\"bogus\"><source>Où ça ?</source></segment></unit>\n </file>\n</xliff>\n";

#[test]
fn utf16_and_latin1_read_the_same_streamed() {
    let caps = [1, 3, 7, 64, 4096];
    // UTF-16, both byte orders, with a BOM.
    for be in [false, true] {
        let text = DOC.replace("ENC", "UTF-16");
        let mut bytes = Vec::new();
        for u in std::iter::once(0xFEFF).chain(text.encode_utf16()) {
            bytes.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        same("UTF-16", &bytes, &caps).unwrap();
        assert!(whole(&bytes).contains("DuplicateId"));
    }
    // ISO-8859-1, and UTF-8 with a BOM.
    let text = DOC.replace("ENC", "ISO-8859-1");
    let latin1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    same("ISO-8859-1", &latin1, &caps).unwrap();
    let bom = [
        b"\xEF\xBB\xBF".as_slice(),
        DOC.replace("ENC", "UTF-8").as_bytes(),
    ]
    .concat();
    same("UTF-8 with BOM", &bom, &caps).unwrap();
}

#[test]
fn errors_are_the_same_streamed() {
    let good = DOC.replace("ENC", "UTF-8");
    let cases = [
        // Malformed XML in the second unit, then mismatched and unclosed tags.
        good.replace("<target>x</target>", "<target>x</targt>"),
        good.replace("</group>", "</grop>"),
        good.replace(" </file>\n</xliff>\n", " </file>\n"),
        // A control character and bytes that are not UTF-8 late in the file,
        // after a well-formedness error (decoding errors come first).
        good.replace("Où", "O\u{1}ù"),
        good.replace("<target>x</target>", "<target>x</targt>") + "\u{1}",
    ];
    for (i, c) in cases.iter().enumerate() {
        let r = whole(c.as_bytes());
        assert!(r.starts_with("error") || r.contains("Error"), "{i}: {r}");
        same(&format!("case {i}"), c.as_bytes(), &[1, 7, 64]).unwrap();
    }
    let mut bad = good
        .replace("<target>x</target>", "<target>x</targt>")
        .into_bytes();
    bad.extend_from_slice(b"<!-- \xE9 -->");
    assert!(whole(&bad).contains("not valid UTF-8"), "{}", whole(&bad));
    same("invalid UTF-8", &bad, &[1, 7, 64]).unwrap();
}

#[test]
fn visit_path_streams_a_file_and_names_it() {
    let dir = std::env::temp_dir().join(format!("newsloc-xliff-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.xlf");
    std::fs::write(&path, DOC.replace("ENC", "UTF-8")).unwrap();
    let mut stats = Stats::default();
    let problems = visit_path(&path, &mut stats).unwrap();
    assert_eq!((stats.files, stats.units, stats.segments), (1, 3, 3));
    assert!(
        problems
            .iter()
            .all(|p| p.location.file.as_deref() == Some(path.as_path()))
    );
    assert_eq!(
        problems
            .iter()
            .map(|p| p.location.position.map(|p| p.line))
            .collect::<Vec<_>>(),
        [Some(7), Some(7), Some(9)]
    );
    let missing = visit_path(dir.join("none.xlf"), &mut stats).unwrap_err();
    assert!(missing.to_string().contains("none.xlf"), "{missing}");
    std::fs::remove_dir_all(&dir).unwrap();
}
