//! What a desk does with a store: export an article version with re-use,
//! import a returned file. The CLI calls these and prints.

use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use super::{ExportRecord, Recorded, Store, Translation};
use crate::error::{Error, Location, Problem, Result};
use crate::xliff::Document;
use crate::{Analysis, Exporter, ImportOptions, Leverage, Report, identify};

/// A file name for an article version in a language, from one sanitising
/// function: characters other than ASCII letters, digits, `-` and `_`
/// become `_`, so an id can never name a path outside the output folder.
///
/// # Examples
///
/// ```
/// use newsloc::store::output_name;
/// assert_eq!(output_name("../etc/passwd", 2, &"ko".parse().unwrap()), "___etc_passwd.v2.ko.xlf");
/// ```
pub fn output_name(id: &str, version: u32, language: &LanguageIdentifier) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.v{version}.{language}.xlf")
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
/// file is written, so a failed write records nothing).
///
/// # Errors
///
/// [`Error::Store`] when the article is not in the store; [`Error::Io`]
/// when the file cannot be written.
pub fn export_to_dir(
    store: &dyn Store,
    exporter: &Exporter,
    id: &str,
    language: &LanguageIdentifier,
    dir: &Path,
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
    let (id, version) = identity(&doc)?;
    let source = matching_version(store, &doc, &id, version)?;
    let version = source.version;
    // a file that leaves units out (an only-changed export) is completed
    // from the language's accepted files of earlier versions
    let language = identify(&doc)
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
    let imported = crate::import_with(&doc, &source, options, &leverage)?;
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
