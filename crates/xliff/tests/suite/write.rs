//! `Document::to_path`: the XML it streams to the file is what `to_xml`
//! writes, and the file is whole or untouched.

use std::path::{Path, PathBuf};

use newsloc_xliff::{Content, Document, Error, File, Segment, Unit, Version};

/// A fresh folder of its own for one test.
fn folder(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsloc-xliff-write-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp folder");
    d
}

/// The names of the files in `dir`.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .expect("folder reads")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

/// A document of `units` units of about 200 bytes of XML each; the unit
/// at `odd` (if any) gets the id `id` instead of its own.
fn document(version: Version, units: usize, odd: Option<(usize, &str)>) -> Document {
    let mut doc = Document::new(version, "en", Some("fr"));
    let mut file = File::new("story-1");
    for i in 0..units {
        let id = match odd {
            Some((at, id)) if at == i => id.to_owned(),
            _ => format!("p{i}"),
        };
        let mut unit = Unit::new(&id);
        unit.push_segment(Segment::new(
            Some("1"),
            Content::text(&format!(
                "Paragraph {i}: the ministry said on Tuesday that talks would resume & go on."
            )),
        ));
        file.items.push(unit.into());
    }
    doc.files.push(file);
    doc
}

/// Writes `doc` with `to_path` and checks the file against `to_xml`, and
/// that nothing but the file is left in the folder.
fn written_as_to_xml(dir: &Path, doc: &Document) -> String {
    let path = dir.join("out.xlf");
    doc.to_path(&path).expect("writes");
    let xml = doc.to_xml().expect("writes");
    let file = std::fs::read_to_string(&path).expect("file reads");
    assert!(file == xml, "to_path and to_xml differ");
    assert_eq!(names(dir), ["out.xlf"]);
    file
}

/// Documents of several MiB (streamed in many pieces), of each version,
/// give the file the bytes `to_xml` gives, and read back as written.
#[test]
fn to_path_writes_what_to_xml_writes() {
    let dir = folder("same");
    for version in [Version::V1_2, Version::V2_0, Version::V2_2] {
        let doc = document(version, 30_000, None);
        let xml = written_as_to_xml(&dir, &doc);
        assert!(xml.len() > 4 << 20, "{} bytes", xml.len());
        let back: Document = xml.parse().expect("reads back");
        assert_eq!(back.units().count(), 30_000);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A 2.x file declares the `nlx` namespace on its root only when a record
/// needs it. A record met before anything went to the file, or after the
/// root's start tag went out without the declaration (the writer then
/// writes again), gives the bytes of `to_xml` all the same.
#[test]
fn to_path_declares_a_namespace_found_needed_late() {
    let dir = folder("late");
    // An id 2.x refuses ("p 1" is not an NMTOKEN) is recorded as
    // `nlx:id`: in the first unit, then well after the first MiB.
    for at in [0, 100, 25_000] {
        let doc = document(Version::V2_0, 30_000, Some((at, "p 1")));
        let xml = written_as_to_xml(&dir, &doc);
        let (root, rest) = xml.split_once("<file").expect("a file");
        assert!(root.contains("xmlns:nlx="), "{at}: {root}");
        assert_eq!(rest.matches("xmlns:nlx=").count(), 0);
        assert!(xml.contains(r#"nlx:id="p 1""#));
        // (The reader keeps the record: the 1.2 writer restores the id.)
        let mut back: Document = xml.parse().expect("reads back");
        assert_eq!(back.units().count(), 30_000);
        back.convert(Version::V1_2);
        assert!(back.to_xml().expect("1.2").contains(r#"id="p 1""#), "{at}");
    }
    // No record: no declaration.
    let xml = written_as_to_xml(&dir, &document(Version::V2_0, 30_000, None));
    assert!(!xml.contains("nlx"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A document that cannot be written (here a character XML 1.0 cannot
/// hold, which XLIFF 1.2 has no `<cp>` for, in its last unit, after many
/// MiB went to the temporary file) leaves the file as it was, and no
/// temporary file behind.
#[test]
fn to_path_leaves_the_file_untouched_on_error() {
    let dir = folder("error");
    let path = dir.join("out.xlf");
    std::fs::write(&path, "before").expect("writes");
    let mut doc = document(Version::V1_2, 30_000, None);
    let mut unit = Unit::new("last");
    unit.push_segment(Segment::new(None, Content::text("bell \u{7} rings")));
    doc.files[0].items.push(unit.into());
    match doc.to_path(&path) {
        Err(Error::Unwritable { .. }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).expect("reads"), "before");
    assert_eq!(names(&dir), ["out.xlf"]);
    // A folder that does not exist: an error naming the file.
    let missing = dir.join("no-such-folder").join("out.xlf");
    match document(Version::V2_0, 1, None).to_path(&missing) {
        Err(Error::Io {
            path: Some(path),
            source,
        }) => {
            assert_eq!(path, missing);
            // The folder is named, not the temporary file.
            let message = source.to_string();
            assert!(message.contains("cannot create a file in"), "{message}");
            assert!(!message.contains(".tmp"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file replaced keeps its permissions; a new one gets those
/// `std::fs::write` gives; through a symbolic link, the file it points to
/// is replaced and the link stays.
#[cfg(unix)]
#[test]
fn to_path_keeps_permissions_and_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder("perm");
    let doc = document(Version::V2_0, 10, None);
    let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;

    let new = dir.join("new.xlf");
    doc.to_path(&new).expect("writes");
    let plain = dir.join("plain");
    std::fs::write(&plain, "x").expect("writes");
    assert_eq!(mode(&new), mode(&plain));

    let kept = dir.join("kept.xlf");
    std::fs::write(&kept, "before").expect("writes");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    doc.to_path(&kept).expect("writes");
    assert_eq!(mode(&kept), 0o640);
    assert_eq!(
        std::fs::read_to_string(&kept).expect("reads"),
        doc.to_xml().expect("xml")
    );

    let link = dir.join("link.xlf");
    std::os::unix::fs::symlink(&kept, &link).expect("link");
    let other = document(Version::V1_2, 3, None);
    other.to_path(&link).expect("writes");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&kept).expect("reads"),
        other.to_xml().expect("xml")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
