//! Which `<file>` of a returned document is the export of an article, and
//! which story, version and language it says it is for.
//!
//! newsloc's data is found by namespace URI, never by prefix: a tool may
//! rename `nl:` (lxml writes `ns0:`, others `ns1:`) or declare the prefix on
//! the element that uses it. When a tool dropped the metadata altogether
//! but kept the file's `original`, the story and version are read from that
//! name (`ID.vN.LANG.json`, as export writes it).

use super::{META_ARTICLE, META_CATEGORY, META_TARGET_LANG, META_VERSION, NL_NS, NL_PREFIX};
use crate::xliff::{Attr, Document, File, Item, Metadata, attr_value};

/// The prefixes newsloc's 1.2 attributes go by in a document: every prefix
/// bound to [`NL_NS`] anywhere in it (root, files, groups, units: a tool may
/// rename ours or declare it where it is used), and `nl` itself unless the
/// document binds `nl` to another namespace (a tool may drop the
/// declaration and keep the attributes).
pub(crate) struct NlPrefixes(Vec<String>);

impl NlPrefixes {
    pub(crate) fn of(doc: &Document) -> NlPrefixes {
        let mut ours: Vec<String> = Vec::new();
        let mut other_nl = false;
        let mut visit = |attrs: &[Attr]| {
            for a in attrs {
                if let Some(p) = a.name.strip_prefix("xmlns:") {
                    if &*a.value == NL_NS {
                        if !ours.iter().any(|x| x == p) {
                            ours.push(p.to_string());
                        }
                    } else if p == NL_PREFIX {
                        other_nl = true;
                    }
                }
            }
        };
        visit(&doc.attrs);
        for f in &doc.files {
            visit(&f.attrs);
            walk_items(&f.items, &mut visit);
        }
        if !other_nl && !ours.iter().any(|p| p == NL_PREFIX) {
            ours.push(NL_PREFIX.to_string());
        }
        NlPrefixes(ours)
    }

    /// The value of newsloc attribute `key` among `attrs`.
    pub(crate) fn attr<'a>(&self, attrs: &'a [Attr], key: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find_map(|p| attr_value(attrs, &format!("{p}:{key}")))
    }
}

fn walk_items(items: &[Item], visit: &mut impl FnMut(&[Attr])) {
    for item in items {
        match item {
            Item::Unit(u) => visit(&u.attrs),
            Item::Group(g) => {
                visit(&g.attrs);
                walk_items(&g.items, visit);
            }
            _ => {}
        }
    }
}

/// Which story, version and language a `<file>` of a newsloc export is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIdentity {
    /// The article id.
    pub article: String,
    /// The article version the file was exported from.
    pub version: Option<u32>,
    /// The file's target language: the one it was exported for, when the
    /// file records it and the tool wrote the same language (`ko` for a
    /// file a tool marked `ko-KR`), else as written.
    pub target: Option<String>,
}

/// The story, version and target language of every newsloc `<file>` of a
/// document (files without an article id are left out), so that a caller
/// can tell which export a returned file belongs to. A document none of
/// whose files carries newsloc's metadata (a tool dropped it) is identified
/// by the files' `original` names, as export writes them.
///
/// # Examples
///
/// ```
/// use newsloc::{Exporter, WireReader, identify};
///
/// let story = "Ferries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed.\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// let doc = Exporter::new().export(&article, &"ko".parse().unwrap())?;
/// let ids = identify(&doc);
/// assert_eq!((ids[0].article.as_str(), ids[0].version, ids[0].target.as_deref()), ("ferry", Some(1), Some("ko")));
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn identify(doc: &Document) -> Vec<FileIdentity> {
    let target = |f: &File| {
        let written = f.trg_lang.as_deref().or(doc.trg_lang.as_deref())?;
        let exported =
            file_meta(doc, f, META_TARGET_LANG).filter(|e| match (e.parse(), written.parse()) {
                (Ok(e), Ok(w)) => super::language::same_language(&e, &w),
                _ => false,
            });
        Some(exported.unwrap_or(written).to_string())
    };
    let with_metadata: Vec<FileIdentity> = doc
        .files
        .iter()
        .filter_map(|f| {
            Some(FileIdentity {
                article: file_meta(doc, f, META_ARTICLE)?.to_string(),
                version: file_meta(doc, f, META_VERSION).and_then(|v| v.parse().ok()),
                target: target(f),
            })
        })
        .collect();
    if !with_metadata.is_empty() {
        return with_metadata;
    }
    doc.files
        .iter()
        .filter_map(|f| {
            let (article, version) = from_original(f.original.as_deref()?)?;
            Some(FileIdentity {
                article,
                version,
                target: target(f),
            })
        })
        .collect()
}

/// The newsloc data a file carries: from the Metadata module (2.x) or the
/// `nl:` attributes (1.2).
pub(crate) fn file_meta<'a>(doc: &Document, file: &'a File, key: &str) -> Option<&'a str> {
    meta_value(file.metadata.as_ref(), key).or_else(|| NlPrefixes::of(doc).attr(&file.attrs, key))
}

pub(crate) fn meta_value<'a>(md: Option<&'a Metadata>, key: &str) -> Option<&'a str> {
    let md = md?;
    md.groups
        .iter()
        .filter(|g| g.category.as_deref() == Some(META_CATEGORY))
        .find_map(|g| g.get(key))
}

/// The article id and version of an `original` name as export writes it:
/// `ID.vN.LANG.json`, or `ID.LANG.json` (no version).
pub(crate) fn from_original(original: &str) -> Option<(String, Option<u32>)> {
    let stem = original.strip_suffix(".json")?;
    let (rest, lang) = stem.rsplit_once('.')?;
    lang.parse::<unic_langid::LanguageIdentifier>().ok()?;
    if let Some((id, v)) = rest.rsplit_once(".v")
        && let Ok(n) = v.parse::<u32>()
        && !id.is_empty()
    {
        return Some((id.to_string(), Some(n)));
    }
    (!rest.is_empty()).then(|| (rest.to_string(), None))
}

/// How the file for an article was found.
pub(crate) struct Found<'a> {
    /// The file.
    pub(crate) file: &'a File,
    /// The version the file says it is for.
    pub(crate) version: Option<u32>,
    /// `true` when the file carries none of newsloc's metadata and was
    /// found by its `original` name.
    pub(crate) stripped: bool,
    /// The other files of the document, by name, which the import ignores.
    pub(crate) others: Vec<String>,
}

/// Why no single file of a document is the article's.
pub(crate) enum NotFound {
    /// No file carries an article id.
    NotOurs,
    /// The files are for these other articles.
    Other(Vec<String>),
    /// Several files are for this article.
    Several(usize),
}

/// A file's name for messages: its `original`, else its id, else its place.
pub(crate) fn file_name(f: &File, at: usize) -> String {
    f.original
        .as_deref()
        .or(f.id.as_deref())
        .map_or_else(|| format!("number {}", at + 1), str::to_string)
}

/// The file of `doc` that is the export of article `id`.
pub(crate) fn find_file<'a>(doc: &'a Document, id: &str) -> Result<Found<'a>, NotFound> {
    let nl = NlPrefixes::of(doc);
    let meta = |f: &'a File, key: &str| {
        meta_value(f.metadata.as_ref(), key).or_else(|| nl.attr(&f.attrs, key))
    };
    let mut ours: Vec<usize> = Vec::new();
    let mut found_ids: Vec<String> = Vec::new();
    for (i, f) in doc.files.iter().enumerate() {
        match meta(f, META_ARTICLE) {
            Some(a) if a == id => ours.push(i),
            Some(a) => found_ids.push(a.to_string()),
            None => {}
        }
    }
    let mut stripped = false;
    if ours.is_empty() && found_ids.is_empty() {
        // a tool dropped the metadata: the export's `original` name says
        ours = doc
            .files
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.original
                    .as_deref()
                    .and_then(from_original)
                    .is_some_and(|(a, _)| a == id)
            })
            .map(|(i, _)| i)
            .collect();
        stripped = true;
    }
    let at = match ours.as_slice() {
        [one] => *one,
        [] if found_ids.is_empty() => return Err(NotFound::NotOurs),
        [] => return Err(NotFound::Other(found_ids)),
        many => return Err(NotFound::Several(many.len())),
    };
    let file = &doc.files[at];
    let version = if stripped {
        file.original
            .as_deref()
            .and_then(from_original)
            .and_then(|(_, v)| v)
    } else {
        meta(file, META_VERSION).and_then(|v| v.parse().ok())
    };
    let others = doc
        .files
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(i, f)| file_name(f, i))
        .collect();
    Ok(Found {
        file,
        version,
        stripped,
        others,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn original_names() {
        assert_eq!(
            from_original("port-reopens.v2.en.json"),
            Some(("port-reopens".into(), Some(2)))
        );
        assert_eq!(
            from_original("a.b.v10.en-GB.json"),
            Some(("a.b".into(), Some(10)))
        );
        assert_eq!(
            from_original("port-reopens.en.json"),
            Some(("port-reopens".into(), None))
        );
        assert_eq!(from_original("messages.xlf"), None);
        assert_eq!(from_original(".en.json"), None);
    }
}
