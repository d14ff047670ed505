//! Reading through a buffered reader ([`visit_reader`]) gives what the
//! whole-slice read ([`visit_slice`]) gives: the same pieces to the
//! visitor, the same problems (kinds, severities, messages, positions) or
//! the same error, the same [`Stats`], whatever the reader's buffer size
//! (so that windows end anywhere, inside characters too), for every file of
//! the corpus and in UTF-16 and a legacy encoding, in both versions; and
//! the input is read only as far as the unit being handed over.

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
const DOC_2: &str = "<?xml version=\"1.0\" encoding=\"ENC\"?>\n\
<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"fr\">\n\
 <file id=\"f\">\n  <group id=\"g\">\n   <unit id=\"u1\"><segment><source>Café crème à\n l'été</source></segment></unit>\n\
   <unit id=\"u1\"><segment><source>Déjà vu</source><target>x</target></segment></unit>\n  </group>\n\
  <unit id=\"u3\"><segment state=\"bogus\"><source>Où ça ?</source></segment></unit>\n </file>\n</xliff>\n";

/// The same for XLIFF 1.2: a header, a group with a note, a repeated unit
/// id (line 10), stray text in the body (from the end of line 11) and a
/// unit without a source (line 13).
const DOC_12: &str = "<?xml version=\"1.0\" encoding=\"ENC\"?>\n\
<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n\
 <file original=\"a.txt\" source-language=\"fr\" target-language=\"en\" datatype=\"plaintext\">\n\
  <header><note>Carnet d'été</note></header>\n  <body>\n   <group id=\"g\">\n    <note>Groupe</note>\n\
    <trans-unit id=\"u1\"><source>Café crème à\n l'été</source></trans-unit>\n\
    <trans-unit id=\"u1\"><source>Déjà vu</source><target>x</target></trans-unit>\n   </group>\n\
   égaré\n   <trans-unit id=\"u3\"><target>Où ça ?</target></trans-unit>\n  </body>\n </file>\n</xliff>\n";

/// The documents of both versions.
const DOCS: [&str; 2] = [DOC_2, DOC_12];

#[test]
fn utf16_and_latin1_read_the_same_streamed() {
    let caps = [1, 3, 7, 64, 4096];
    for doc in DOCS {
        // UTF-16, both byte orders, with a BOM.
        for be in [false, true] {
            let text = doc.replace("ENC", "UTF-16");
            let mut bytes = Vec::new();
            for u in std::iter::once(0xFEFF).chain(text.encode_utf16()) {
                bytes.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            same("UTF-16", &bytes, &caps).unwrap();
            assert!(whole(&bytes).contains("DuplicateId"));
        }
        // ISO-8859-1, and UTF-8 with a BOM.
        let text = doc.replace("ENC", "ISO-8859-1");
        let latin1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
        same("ISO-8859-1", &latin1, &caps).unwrap();
        assert!(whole(&latin1).contains("Café crème"));
        let bom = [
            b"\xEF\xBB\xBF".as_slice(),
            doc.replace("ENC", "UTF-8").as_bytes(),
        ]
        .concat();
        same("UTF-8 with BOM", &bom, &caps).unwrap();
    }
}

#[test]
fn errors_are_the_same_streamed() {
    for (doc, target, group_end, file_end) in [
        (
            DOC_2,
            "<target>x</target>",
            "</group>",
            " </file>\n</xliff>\n",
        ),
        (
            DOC_12,
            "<target>x</target>",
            "</group>",
            " </file>\n</xliff>\n",
        ),
    ] {
        let good = doc.replace("ENC", "UTF-8");
        let cases = [
            // Malformed XML in the second unit, then mismatched and unclosed tags.
            good.replace(target, "<target>x</targt>"),
            good.replace(group_end, "</grop>"),
            good.replace(file_end, " </file>\n"),
            // A control character and bytes that are not UTF-8 late in the file,
            // after a well-formedness error (decoding errors come first).
            good.replace("Où", "O\u{1}ù"),
            good.replace(target, "<target>x</targt>") + "\u{1}",
            // Content after the root.
            good.clone() + "<x/>",
        ];
        for (i, c) in cases.iter().enumerate() {
            let r = whole(c.as_bytes());
            assert!(r.starts_with("error") || r.contains("Error"), "{i}: {r}");
            same(&format!("case {i}"), c.as_bytes(), &[1, 7, 64]).unwrap();
        }
        let mut bad = good.replace(target, "<target>x</targt>").into_bytes();
        bad.extend_from_slice(b"<!-- \xE9 -->");
        assert!(whole(&bad).contains("not valid UTF-8"), "{}", whole(&bad));
        same("invalid UTF-8", &bad, &[1, 7, 64]).unwrap();
    }
}

/// Units holding what looks like their end tag (in a comment, a CDATA
/// section, a processing instruction), an end tag with a space, a longer
/// name and a nested unit read the same at every window boundary: the
/// search for a unit's end tag does not take those for it.
#[test]
fn units_that_hide_their_end_tag_read_the_same_streamed() {
    for (doc, unit, after, pad) in [
        (
            DOC_2,
            "unit",
            "<group id=\"g\">\n",
            "<unit id=\"pN\"><segment><source>Padding N</source></segment></unit>\n",
        ),
        (
            DOC_12,
            "trans-unit",
            "<note>Groupe</note>\n",
            "<trans-unit id=\"pN\"><source>Padding N</source></trans-unit>\n",
        ),
    ] {
        // Units enough before them that they come after the first window
        // (the first kilobyte, read whole to find the encoding).
        let padding: String = (0..30).map(|n| pad.replace('N', &n.to_string())).collect();
        let good = doc
            .replace("ENC", "UTF-8")
            .replacen(after, &format!("{after}{padding}"), 1);
        assert!(good.find("<source>Café").unwrap() > 1024);
        let source = "<source>Café";
        let end = format!("</{unit}>");
        let cases = [
            good.replacen(source, &format!("<!-- {end} -->{source}"), 1),
            good.replacen(source, &format!("<source><![CDATA[{end}]]>Café"), 1),
            good.replacen(source, &format!("<?pi {end}?>{source}"), 1),
            good.replacen(&end, &format!("</{unit} >"), 1),
            good.replacen(
                source,
                &format!("<{unit}x xmlns=\"urn:x\"></{unit}x>{source}"),
                1,
            ),
            good.replacen(source, &format!("<{unit} id=\"n\"></{unit}>{source}"), 1),
        ];
        for (i, c) in cases.iter().enumerate() {
            assert_ne!(c, &good, "{unit} {i}");
            same(
                &format!("{unit} case {i}"),
                c.as_bytes(),
                &[1, 3, 7, 16, 64],
            )
            .unwrap();
        }
    }
}

/// A reader of `bytes` that counts, in `read`, the bytes it has handed
/// over, `capacity` at most at a time.
struct Counting<'a> {
    bytes: &'a [u8],
    capacity: usize,
    read: std::rc::Rc<std::cell::Cell<usize>>,
}

impl std::io::Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.capacity);
        let n = std::io::Read::read(&mut self.bytes, &mut buf[..n])?;
        self.read.set(self.read.get() + n);
        Ok(n)
    }
}

/// Records how far the input had been read when each unit was handed
/// over.
struct UnitsAt {
    read: std::rc::Rc<std::cell::Cell<usize>>,
    at: Vec<usize>,
}

impl Visitor for UnitsAt {
    fn unit(&mut self, _unit: Unit) {
        self.at.push(self.read.get());
    }
}

#[test]
fn both_versions_are_read_as_far_as_the_unit_being_handed_over() {
    let units = |version: &str| -> String {
        (0..3000)
            .map(|i| match version {
                "2.0" => format!(
                    "<unit id=\"u{i}\"><segment><source>Unit {i} text</source></segment></unit>\n"
                ),
                _ => {
                    format!("<trans-unit id=\"u{i}\"><source>Unit {i} text</source></trans-unit>\n")
                }
            })
            .collect()
    };
    let docs = [
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\">\
             <file id=\"f\"><group id=\"g\">{}</group></file></xliff>",
            units("2.0")
        ),
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\
             <file original=\"a\" source-language=\"en\" datatype=\"plaintext\"><body>\
             <group id=\"g\">{}</group></body></file></xliff>",
            units("1.2")
        ),
    ];
    for doc in &docs {
        assert!(doc.len() > 100_000);
        let read = std::rc::Rc::new(std::cell::Cell::new(0));
        let reader = Counting {
            bytes: doc.as_bytes(),
            capacity: 4096,
            read: read.clone(),
        };
        let mut v = UnitsAt {
            read: read.clone(),
            at: Vec::new(),
        };
        let problems = visit_reader(BufReader::with_capacity(4096, reader), &mut v).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(v.at.len(), 3000);
        // The first unit is handed over after the first chunks, not after
        // the whole input; each one within a few chunks of its place.
        assert!(v.at[0] <= 3 * 4096, "{}", v.at[0]);
        let per_unit = doc.len() / 3000;
        for (i, &at) in v.at.iter().enumerate() {
            assert!(at <= (i + 1) * per_unit + 3 * 4096, "unit {i} at {at}");
        }
    }
}

#[test]
fn visit_path_streams_a_file_and_names_it() {
    let dir = std::env::temp_dir().join(format!("newsloc-xliff-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.xlf");
    std::fs::write(&path, DOC_2.replace("ENC", "UTF-8")).unwrap();
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

#[test]
fn visit_path_streams_a_1_2_file_with_positions() {
    let dir = std::env::temp_dir().join(format!("newsloc-xliff-stream12-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.xlf");
    std::fs::write(&path, DOC_12.replace("ENC", "UTF-8")).unwrap();
    let mut stats = Stats::default();
    let problems = visit_path(&path, &mut stats).unwrap();
    assert_eq!((stats.files, stats.units, stats.segments), (1, 3, 3));
    assert!(
        problems
            .iter()
            .all(|p| p.location.file.as_deref() == Some(path.as_path()))
    );
    let lines: Vec<_> = problems
        .iter()
        .map(|p| {
            let at = p.location.position.unwrap_or_default();
            (p.message.as_str(), at.line, at.column)
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("duplicate trans-unit id \"u1\" in this <file>", 10, 1),
            ("text is not allowed in <body>", 11, 12),
            ("<trans-unit> has no <source>", 13, 4),
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
