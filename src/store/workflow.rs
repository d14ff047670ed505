//! What a desk does with a store: export an article version with re-use,
//! import a returned file. The CLI calls these and prints.

use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use super::{ExportRecord, Recorded, Store, Translation};
use crate::error::{Error, Location, Problem, Result};
use crate::xliff::Document;
use crate::{Analysis, Exporter, ImportOptions, Leverage, Report, identify};

/// A file name for an article version in a language,
/// `<stem>.v<version>.<language>.xlf`, the stem made from the id by one
/// sanitising function, so that no id (`../x`, `/etc/x`, `http://…`, an
/// empty one) names a path outside the output folder or a hidden file.
///
/// The stem keeps ASCII letters, digits, `-`, `_` and `.` (but not a
/// leading or trailing `.`); every other byte of the id's UTF-8 becomes `%`
/// and two upper-case hex digits (`/` is `%2F`, `%` itself `%25`), so the
/// id can be read back from the name. A stem that Windows reserves for a
/// device (`CON`, `NUL`, `COM1`, ... in any case) has its first letter
/// escaped (`%43ON`). The empty id is the stem `%` (never the
/// encoding of another id). A stem longer than 200 bytes keeps its first
/// 180 bytes (whole escapes) and ends in `~` and 16 hex digits of a hash of
/// the whole id (`~` is never kept as itself), so a long URI still names one
/// file. On a file system that ignores case, ids differing only in case
/// share a file.
///
/// # Examples
///
/// ```
/// use newsloc::store::output_name;
/// let ko = "ko".parse().unwrap();
/// assert_eq!(output_name("port-reopens", 2, &ko), "port-reopens.v2.ko.xlf");
/// assert_eq!(output_name("../etc/passwd", 2, &ko), "%2E.%2Fetc%2Fpasswd.v2.ko.xlf");
/// assert_eq!(output_name("http://x.org/a?b=1", 1, &ko), "http%3A%2F%2Fx.org%2Fa%3Fb%3D1.v1.ko.xlf");
/// assert_eq!(output_name("", 1, &ko), "%.v1.ko.xlf");
/// assert_eq!(output_name("con", 1, &ko), "%63on.v1.ko.xlf");
/// ```
pub fn output_name(id: &str, version: u32, language: &LanguageIdentifier) -> String {
    format!("{}.v{version}.{language}.xlf", file_stem(id))
}

/// The stem [`output_name`] makes from an id.
fn file_stem(id: &str) -> String {
    use std::fmt::Write;
    if id.is_empty() {
        return "%".into();
    }
    let mut out = String::with_capacity(id.len());
    // the length at each character boundary of the id, for cutting
    let mut cuts = Vec::new();
    let reserved = is_device_name(id);
    let last = id.len() - 1;
    for (i, b) in id.bytes().enumerate() {
        let keep = (b.is_ascii_alphanumeric() && !(reserved && i == 0))
            || b == b'-'
            || b == b'_'
            || (b == b'.' && i > 0 && i < last);
        if keep {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
        cuts.push(out.len());
    }
    const MAX: usize = 200;
    const KEEP: usize = 180;
    if out.len() <= MAX {
        return out;
    }
    let cut = cuts
        .iter()
        .copied()
        .take_while(|&c| c <= KEEP)
        .last()
        .unwrap_or(0);
    out.truncate(cut);
    let hash = crate::model::hash_canonical(id);
    out.push('~');
    out.push_str(&hash[..16.min(hash.len())]);
    out
}

/// `CON`, `PRN`, `AUX`, `NUL`, `COM1`-`COM9`, `LPT1`-`LPT9`, any case:
/// names Windows gives to devices, whatever the extension.
fn is_device_name(id: &str) -> bool {
    let up = id.to_ascii_uppercase();
    matches!(up.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((up.starts_with("COM") || up.starts_with("LPT"))
            && up.len() == 4
            && up.as_bytes()[3].is_ascii_digit()
            && up.as_bytes()[3] != b'0')
}

/// Refuses to replace `path` when it holds translations that `new` would
/// lose: a segment whose target is not empty and not its source (white
/// space folded), where `new` has no such target for the same unit and
/// segment (a returned file left in the export folder). A file that is not
/// XLIFF is refused too; a missing file is fine.
///
/// # Errors
///
/// [`Error::Conflict`] naming the file and how many translated segments
/// it holds.
pub fn check_overwrite(path: &Path, new: &Document) -> Result<()> {
    let Ok(bytes) = std::fs::read(path) else {
        return Ok(());
    };
    let old = Document::from_slice(&bytes).map_err(|e| Error::Conflict {
        message: format!(
            "{} exists and is not an XLIFF file this export may replace ({e}); nothing written",
            path.display()
        ),
    })?;
    let fold = |c: &crate::xliff::Content| {
        c.plain_text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut kept = std::collections::HashMap::new();
    for u in new.units() {
        for (i, s) in u.segments().enumerate() {
            if let Some(t) = &s.target {
                let sid =
                    s.id.as_deref()
                        .map_or_else(|| i.to_string(), str::to_string);
                kept.insert((u.id.to_string(), sid), fold(t));
            }
        }
    }
    let mut lost = 0;
    for u in old.units() {
        for (i, s) in u.segments().enumerate() {
            let Some(t) = s.target.as_ref().map(fold) else {
                continue;
            };
            if t.is_empty() || t == fold(&s.source) {
                continue;
            }
            let sid =
                s.id.as_deref()
                    .map_or_else(|| i.to_string(), str::to_string);
            if kept.get(&(u.id.to_string(), sid)) != Some(&t) {
                lost += 1;
            }
        }
    }
    if lost > 0 {
        return Err(Error::Conflict {
            message: format!(
                "{} holds {lost} translated segment(s) this export would replace (a returned \
                 file?); nothing written (--force overwrites it)",
                path.display()
            ),
        });
    }
    Ok(())
}

/// What [`export_to_dir`] wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The file written; `None` when nothing needs a translator (an
    /// `only_changed` export of a version whose every unit is re-used), and
    /// then no export is recorded.
    pub path: Option<PathBuf>,
    /// Words per re-use category, with the file's name.
    pub analysis: Analysis,
    /// The article version exported.
    pub version: u32,
    /// The target language.
    pub language: LanguageIdentifier,
    /// Earlier returned files offered for re-use (newest first, versions).
    pub reused_versions: Vec<u32>,
}

/// Exports the newest version of a stored article for one language into
/// `dir`, in the XLIFF version the exporter writes, re-using the language's accepted translations of earlier versions
/// and the store's translation memory, and records the export (after the
/// file is written, so a failed write records nothing). The file is named
/// by [`output_name`]; unless `force`, a file there that holds translations
/// the export would lose is left alone ([`check_overwrite`]).
///
/// # Errors
///
/// [`Error::Store`] when the article is not in the store; [`Error::Io`]
/// when the file cannot be written; [`Error::Conflict`] when it would
/// replace translations.
pub fn export_to_dir(
    store: &dyn Store,
    exporter: &Exporter,
    id: &str,
    language: &LanguageIdentifier,
    dir: &Path,
    force: bool,
) -> Result<Exported> {
    let article = store.article(id, None)?;
    let previous = store.returned_files(id, language, article.version)?;
    let mut docs = Vec::with_capacity(previous.len());
    for p in &previous {
        docs.push(Document::from_slice(&p.bytes)?);
    }
    let mut leverage = Leverage::new();
    for d in &docs {
        leverage.previous(d);
    }
    leverage.memory(store.memory());
    let export = exporter.export_with(&article, language, &leverage)?;
    let path = dir.join(output_name(&article.id, article.version, language));
    let mut analysis = export.analysis;
    analysis.file = path.display().to_string();
    let reused_versions = previous.iter().map(|p| p.version).collect();
    if export.document.units().next().is_none() {
        return Ok(Exported {
            path: None,
            analysis,
            version: article.version,
            language: language.clone(),
            reused_versions,
        });
    }
    if !force {
        check_overwrite(&path, &export.document)?;
    }
    let xml = export.document.to_xml()?;
    std::fs::write(&path, xml.as_bytes()).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    store.record_export(&ExportRecord {
        article: &article.id,
        version: article.version,
        language,
        file: xml.as_bytes(),
    })?;
    Ok(Exported {
        path: Some(path),
        analysis,
        version: article.version,
        language: language.clone(),
        reused_versions,
    })
}

/// What [`import_file`] did.
#[derive(Debug, Clone)]
pub struct ImportResult {
    /// The article id, from the file.
    pub article: String,
    /// The source version, from the file.
    pub version: u32,
    /// The language.
    pub language: LanguageIdentifier,
    /// The exchange layer's report.
    pub report: Report,
    /// What the store did.
    pub recorded: Recorded,
}

fn rejected(message: String) -> Error {
    Error::Rejected {
        problems: vec![Problem {
            location: Location::default(),
            message,
        }],
    }
}

/// The article id, version and language a returned file is for.
fn identity(doc: &Document) -> Result<(String, Option<u32>)> {
    let ids = identify(doc);
    let file = match ids.as_slice() {
        [one] => one,
        [] => {
            return Err(rejected(
                "not a newsloc export: no file carries an article id (did the tool keep the \
                 file's metadata?)"
                    .into(),
            ));
        }
        _ => {
            return Err(rejected(format!(
                "{} files carry article ids; import one article per file",
                ids.len()
            )));
        }
    };
    Ok((file.article.clone(), file.version))
}

/// The stored version of article `id` a returned file translates: the one
/// its header names, unless the units do not match that version's sources
/// but all of a later version's (a merge tool that kept an old header):
/// then the first such later version. A file that names no version (a tool
/// dropped the metadata, and the `original` name has none) translates the
/// newest version whose sources all its units match, else the newest.
fn matching_version(
    store: &dyn Store,
    doc: &Document,
    id: &str,
    version: Option<u32>,
) -> Result<crate::Article> {
    let latest = store.article(id, None)?;
    let Some(named) = version else {
        if crate::exchange::sources_match(doc, &latest) {
            return Ok(latest);
        }
        for v in (1..latest.version).rev() {
            if let Ok(earlier) = store.article(id, Some(v))
                && crate::exchange::sources_match(doc, &earlier)
            {
                return Ok(earlier);
            }
        }
        return Ok(latest);
    };
    let article = store.article(id, Some(named))?;
    if crate::exchange::sources_match(doc, &article) {
        return Ok(article);
    }
    for v in named + 1..=latest.version {
        if let Ok(later) = store.article(id, Some(v))
            && crate::exchange::sources_match(doc, &later)
        {
            return Ok(later);
        }
    }
    Ok(article)
}

/// Imports a returned XLIFF file into the store: the story and version come
/// from the file, the import is checked against that stored version, and
/// the translation, its translation-memory entries and the new status are
/// written in one transaction. A translation of an older version is kept
/// (its status is stale). A rejected file writes nothing.
///
/// # Errors
///
/// [`Error::Xml`] when the file is not XLIFF, [`Error::Rejected`] when the
/// import refuses it, [`Error::Store`] when its version is not in the
/// store; each names the file.
pub fn import_file(
    store: &dyn Store,
    path: &Path,
    options: &ImportOptions,
) -> Result<ImportResult> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    import_bytes(store, &bytes, options).map_err(|e| e.with_file(path))
}

/// [`import_file`] on bytes already read.
///
/// # Errors
///
/// As [`import_file`].
pub fn import_bytes(
    store: &dyn Store,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportResult> {
    let doc = Document::from_slice(bytes)?;
    import_document(store, &doc, bytes, options).map_err(|e| crate::locate_units(e, bytes))
}

fn import_document(
    store: &dyn Store,
    doc: &Document,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportResult> {
    let (id, version) = identity(doc)?;
    let source = matching_version(store, doc, &id, version)?;
    let version = source.version;
    // a file that leaves units out (an only-changed export) is completed
    // from the language's accepted files of earlier versions
    let language = identify(doc)
        .first()
        .and_then(|f| f.target.as_deref())
        .and_then(|t| t.parse::<LanguageIdentifier>().ok());
    let previous = match &language {
        Some(l) => store.returned_files(&id, l, version)?,
        None => Vec::new(),
    };
    let docs = previous
        .iter()
        .map(|p| Document::from_slice(&p.bytes).map_err(Error::from))
        .collect::<Result<Vec<_>>>()?;
    let mut leverage = Leverage::new();
    for d in &docs {
        leverage.previous(d);
    }
    let imported = crate::import_with(doc, &source, options, &leverage)?;
    let language = imported.article.language.clone();
    let segments = imported.segments;
    let recorded = store.record_translation(
        &Translation {
            article: &id,
            version,
            language: &language,
            translated: &imported.article,
            file: bytes,
        },
        &segments,
    )?;
    Ok(ImportResult {
        article: id,
        version,
        language,
        report: imported.report,
        recorded,
    })
}
