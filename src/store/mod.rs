//! The store: every version of every article, every translation and export,
//! and a translation memory, on a real database.
//!
//! [`Store`] is the interface; [`SqliteStore`] (one file, the embedded
//! default) and `PostgresStore` (cargo feature `postgres`, for a newsroom
//! that shares one store between machines) implement it on the same tables
//! with the same behaviour. [`open`] picks the backend from a path or a
//! `postgres://` URL.
//!
//! What a desk does with it ([`import_file`], [`export_to_dir`],
//! [`Store::status`]) is in this module too, so the CLI only parses
//! arguments and prints. `docs/store.md` describes the schema, the status
//! rules and the guarantees (concurrent writers, crashes, bad input).
//!
//! # Example
//!
//! ```
//! use newsloc::store::{self, Added, StatusKind, Store};
//! use newsloc::WireReader;
//!
//! let dir = std::env::temp_dir().join(format!("newsloc-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("doc.db");
//! # let _ = std::fs::remove_file(&path);
//! let store = store::open(path.to_str().unwrap())?;
//! let story = "Ferries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed.\n";
//! let v1 = WireReader::new().id("ferry").read_str(story)?;
//! assert_eq!(store.add(&[v1.clone()])?, [Added::New]);
//! assert_eq!(store.add(&[v1])?, [Added::Unchanged]);
//! let status = store.status(&[], &["ko".parse().unwrap()])?;
//! assert_eq!(status[0].kind, StatusKind::Missing);
//! # drop(store); let _ = std::fs::remove_dir_all(&dir);
//! # Ok::<(), newsloc::Error>(())
//! ```

mod core;
mod db;
#[cfg(feature = "postgres")]
mod postgres;
mod schema;
mod sqlite;
mod tmx;
mod workflow;

use std::path::Path;

use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::error::Result;
use crate::exchange::{Memory, MemoryMatch, MemoryQuery, SegmentPair};
use crate::model::{Article, Text};
pub use tmx::{TmxImported, export_tmx, export_tmx_file, import_tmx};
pub use workflow::{
    Exported, ImportResult, check_overwrite, export_to_dir, import_bytes, import_file, output_name,
};

/// What [`Store::add`] did with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Added {
    /// A new article (its first stored version).
    New,
    /// A new version of a stored article.
    Version {
        /// The newest version stored before.
        previous: u32,
    },
    /// This version was stored already, with the same content.
    Unchanged,
}

/// An export to record: which article version went out in which language,
/// and the file's bytes (the store keeps their SHA-256).
#[derive(Debug, Clone, Copy)]
pub struct ExportRecord<'a> {
    /// The article id.
    pub article: &'a str,
    /// The version exported.
    pub version: u32,
    /// The target language.
    pub language: &'a LanguageIdentifier,
    /// The file as written.
    pub file: &'a [u8],
}

/// An accepted translation to record.
#[derive(Debug, Clone, Copy)]
pub struct Translation<'a> {
    /// The source article id.
    pub article: &'a str,
    /// The source version it was made from.
    pub version: u32,
    /// Its language.
    pub language: &'a LanguageIdentifier,
    /// The translated article.
    pub translated: &'a Article,
    /// The returned XLIFF file the import accepted, as it came.
    pub file: &'a [u8],
}

/// What [`Store::record_translation`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Recorded {
    /// The same file had been imported before; nothing changed.
    pub already: bool,
    /// The article's newest version (above the translation's version, the
    /// translation is stale from the start).
    pub latest_version: u32,
    /// Segment pairs new to the translation memory.
    pub tm_new: usize,
    /// Uses recorded (new pairs and pairs seen before in another place).
    pub tm_uses: usize,
}

/// A returned file kept with a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedFile {
    /// The source version it translates.
    pub version: u32,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// A stored translation.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTranslation {
    /// The source version it translates.
    pub version: u32,
    /// The translated article.
    pub article: Article,
    /// When it was imported (seconds since the Unix epoch).
    pub imported: i64,
}

/// One stored version, for [`History`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryVersion {
    /// The version number.
    pub version: u32,
    /// When it was added (seconds since the Unix epoch).
    pub added: i64,
    /// SHA-256 of its JSON form.
    pub content_hash: String,
    /// Its update tag (`(LEAD)`), if any.
    pub update_tag: Option<String>,
    /// Its editor's note, if any.
    pub note: Option<String>,
    /// How many translatable units it has.
    pub units: usize,
}

/// One export, for [`History`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryExport {
    /// The target language.
    pub language: LanguageIdentifier,
    /// The version exported.
    pub version: u32,
    /// When (seconds since the Unix epoch).
    pub exported: i64,
    /// SHA-256 of the file.
    pub file_hash: String,
}

/// One imported translation, for [`History`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryTranslation {
    /// The language.
    pub language: LanguageIdentifier,
    /// The source version it translates.
    pub version: u32,
    /// When it was imported (seconds since the Unix epoch).
    pub imported: i64,
    /// SHA-256 of the returned file.
    pub file_hash: String,
}

/// Everything the store knows about one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct History {
    /// The article id.
    pub article: String,
    /// Its versions, oldest first.
    pub versions: Vec<HistoryVersion>,
    /// Its exports, oldest first.
    pub exports: Vec<HistoryExport>,
    /// Its translations, oldest first.
    pub translations: Vec<HistoryTranslation>,
}

/// Where a language's translation of an article stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum StatusKind {
    /// A translation of the newest version exists.
    Current,
    /// The newest translation is of an older version.
    Stale,
    /// No translation and nothing out for translation.
    Missing,
    /// A version newer than the newest translation was exported and has not
    /// come back.
    Out,
}

impl StatusKind {
    /// `current`, `stale`, `missing`, `out`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusKind::Current => "current",
            StatusKind::Stale => "stale",
            StatusKind::Missing => "missing",
            StatusKind::Out => "out",
        }
    }
}

/// The status of one article in one language, computed from versions and
/// source hashes (never from clocks: the time of an export is shown, not
/// used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The article id.
    pub article: String,
    /// The language.
    pub language: LanguageIdentifier,
    /// The article's newest version.
    pub latest_version: u32,
    /// Where the translation stands.
    pub kind: StatusKind,
    /// The version the newest translation is of.
    pub translated_version: Option<u32>,
    /// For an older translation: the units of the newest version whose
    /// source is not in the translated version (changed or added).
    pub changed_units: Vec<String>,
    /// For [`StatusKind::Out`]: the version that is out.
    pub exported_version: Option<u32>,
    /// For [`StatusKind::Out`]: when it went out (seconds since the epoch).
    pub exported_at: Option<i64>,
}

/// A segment pair of the translation memory, with the provenance of one
/// use.
#[derive(Debug, Clone, PartialEq)]
pub struct TmEntry {
    /// Source language.
    pub source_lang: LanguageIdentifier,
    /// Target language.
    pub target_lang: LanguageIdentifier,
    /// Source segment, inline codes included.
    pub source: Text,
    /// Target segment.
    pub target: Text,
    /// Source hash of the segment before it (in context matches).
    pub previous_hash: Option<String>,
    /// Source hash of the segment after it.
    pub next_hash: Option<String>,
    /// The story it came from.
    pub story: Option<String>,
    /// The story version.
    pub version: Option<u32>,
    /// The unit id.
    pub unit: Option<String>,
    /// What the unit is (`headline`, `paragraph 3`).
    pub kind: Option<String>,
    /// The state the translator's tool gave it.
    pub state: Option<String>,
    /// Where the pair came from (`missile v1`, `tmx: FILE`).
    pub origin: String,
    /// How many distinct uses the store counted (on reading).
    pub uses: u64,
    /// When it was (last) used, seconds since the epoch; `None` on writing
    /// means now.
    pub when: Option<i64>,
}

/// What [`Store::tm_add`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TmAdded {
    /// Pairs new to the memory.
    pub new: usize,
    /// Uses recorded.
    pub uses: usize,
    /// Entries skipped (empty source or target).
    pub skipped: usize,
}

/// A scored translation-memory candidate for [`Store::tm_lookup`].
#[derive(Debug, Clone, PartialEq)]
pub struct TmHit {
    /// 0–100, by [`crate::versions::similarity`].
    pub score: u8,
    /// The numbers differ between the query and the candidate.
    pub figures_differ: bool,
    /// The stored source.
    pub source: Text,
    /// The stored target.
    pub target: Text,
    /// Where it came from.
    pub origin: String,
}

/// A store of articles, translations and a translation memory.
///
/// Every method is one transaction: it happens entirely or not at all, and
/// concurrent writers (threads or processes) are serialised by the database
/// and retried, never lost.
pub trait Store: Send + Sync {
    /// Where the store is: a file path or a URL without its password.
    fn location(&self) -> String;

    /// Adds articles (new ones or new versions) in one transaction: all are
    /// added, or, when one conflicts, none.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Conflict`] when a version is stored with other
    /// content (naming the first difference) or in another language, or an
    /// article is a translation; [`crate::Error::Store`] when the database
    /// fails.
    fn add(&self, articles: &[Article]) -> Result<Vec<Added>>;

    /// An article: the given version, or the newest.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when it is not in the store.
    fn article(&self, id: &str, version: Option<u32>) -> Result<Article>;

    /// Every article id, sorted.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the database fails.
    fn ids(&self) -> Result<Vec<String>>;

    /// An article's versions, exports and translations.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when it is not in the store.
    fn history(&self, id: &str) -> Result<History>;

    /// The newest translation into `language` (of `version`, when given).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the database fails.
    fn translation(
        &self,
        id: &str,
        language: &LanguageIdentifier,
        version: Option<u32>,
    ) -> Result<Option<StoredTranslation>>;

    /// The accepted returned files of versions before `before`, newest
    /// first: what re-use at export starts from.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the database fails.
    fn returned_files(
        &self,
        id: &str,
        language: &LanguageIdentifier,
        before: u32,
    ) -> Result<Vec<ReturnedFile>>;

    /// Records an export (the same file twice is recorded once).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the version is not in the store.
    fn record_export(&self, export: &ExportRecord<'_>) -> Result<()>;

    /// Records an accepted translation and feeds its segment pairs to the
    /// translation memory, in one transaction.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the source version is not in the store.
    fn record_translation(
        &self,
        translation: &Translation<'_>,
        segments: &[SegmentPair],
    ) -> Result<Recorded>;

    /// Status per article (`ids`, or all) and language (`languages`, or
    /// every language the store has exported to or imported from).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when an id is not in the store.
    fn status(&self, ids: &[String], languages: &[LanguageIdentifier]) -> Result<Vec<Status>>;

    /// Adds entries to the translation memory (a TMX import), in one
    /// transaction.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the database fails.
    fn tm_add(&self, entries: &[TmEntry]) -> Result<TmAdded>;

    /// Every pair of a language pair, with its newest use.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the database fails.
    fn tm_entries(
        &self,
        source_lang: &LanguageIdentifier,
        target_lang: &LanguageIdentifier,
    ) -> Result<Vec<TmEntry>>;

    /// The store as the translation memory an export re-uses from.
    fn memory(&self) -> &dyn Memory;

    /// Candidates for a text, scored by [`crate::versions::similarity`],
    /// best first (exact matches score 100).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the database fails.
    fn tm_lookup(
        &self,
        text: &Text,
        source_lang: &LanguageIdentifier,
        target_lang: &LanguageIdentifier,
    ) -> Result<Vec<TmHit>> {
        let (canon, hash) = core::hash_of(text);
        let plain = text.to_plain_string();
        let query = MemoryQuery {
            source_lang,
            target_lang,
            canonical: &canon,
            hash: &hash,
            plain: &plain,
            previous_hash: None,
            next_hash: None,
        };
        let mut hits: Vec<TmHit> = self
            .memory()
            .candidates(&query)?
            .into_iter()
            .map(|m| {
                let s = crate::versions::similarity(
                    &crate::exchange::inline::canonical(&m.source),
                    &canon,
                );
                TmHit {
                    score: s.score,
                    figures_differ: s.figures_differ,
                    source: m.source,
                    target: m.target,
                    origin: m.origin,
                }
            })
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        Ok(hits)
    }

    /// Checks the store: the database's own integrity check, foreign keys,
    /// the text index, and that every translation's source version exists.
    /// Returns the problems found (none: healthy).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the checks cannot run.
    fn check(&self) -> Result<Vec<String>>;

    /// Writes a consistent copy of the store while others may be writing
    /// (SQLite: a new database file; PostgreSQL: a file of SQL `COPY`
    /// data, see `docs/store.md`).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the target exists or cannot be written.
    fn backup(&self, to: &Path) -> Result<()>;
}

/// Checks every backend shares: each translation's source version exists.
fn orphans(db: &impl db::Db) -> Result<Vec<String>> {
    db.read(&mut |c| {
        c.query(
            "SELECT t.article, t.version, t.language FROM translations t
             WHERE NOT EXISTS (SELECT 1 FROM versions v
                               WHERE v.article = t.article AND v.version = t.version)",
            &[],
        )?
        .iter()
        .map(|r| {
            Ok(format!(
                "translation {} of {} version {}: the source version is missing",
                r.text(2)?,
                r.text(0)?,
                r.int(1)?
            ))
        })
        .collect()
    })
}

/// Implements [`Store`] and [`Memory`] for a backend type with a `db`
/// field, a `location()`, `integrity()` and `backup_to()`.
macro_rules! store_impl {
    ($t:ty) => {
        impl Store for $t {
            fn location(&self) -> String {
                self.where_()
            }
            fn add(&self, articles: &[Article]) -> Result<Vec<Added>> {
                core::add(&self.db, articles)
            }
            fn article(&self, id: &str, version: Option<u32>) -> Result<Article> {
                core::article(&self.db, id, version)
            }
            fn ids(&self) -> Result<Vec<String>> {
                core::ids(&self.db)
            }
            fn history(&self, id: &str) -> Result<History> {
                core::history(&self.db, id)
            }
            fn translation(
                &self,
                id: &str,
                language: &LanguageIdentifier,
                version: Option<u32>,
            ) -> Result<Option<StoredTranslation>> {
                core::translation(&self.db, id, language, version)
            }
            fn returned_files(
                &self,
                id: &str,
                language: &LanguageIdentifier,
                before: u32,
            ) -> Result<Vec<ReturnedFile>> {
                core::returned_files(&self.db, id, language, before)
            }
            fn record_export(&self, export: &ExportRecord<'_>) -> Result<()> {
                core::record_export(&self.db, export)
            }
            fn record_translation(
                &self,
                translation: &Translation<'_>,
                segments: &[SegmentPair],
            ) -> Result<Recorded> {
                core::record_translation(&self.db, translation, segments)
            }
            fn status(
                &self,
                ids: &[String],
                languages: &[LanguageIdentifier],
            ) -> Result<Vec<Status>> {
                core::status(&self.db, ids, languages)
            }
            fn tm_add(&self, entries: &[TmEntry]) -> Result<TmAdded> {
                core::tm_add(&self.db, entries)
            }
            fn tm_entries(
                &self,
                source_lang: &LanguageIdentifier,
                target_lang: &LanguageIdentifier,
            ) -> Result<Vec<TmEntry>> {
                core::tm_entries(&self.db, source_lang, target_lang)
            }
            fn memory(&self) -> &dyn Memory {
                self
            }
            fn check(&self) -> Result<Vec<String>> {
                let mut problems = self.integrity()?;
                problems.extend(orphans(&self.db)?);
                Ok(problems)
            }
            fn backup(&self, to: &Path) -> Result<()> {
                self.backup_to(to)
            }
        }

        impl Memory for $t {
            fn candidates(&self, query: &MemoryQuery<'_>) -> Result<Vec<MemoryMatch>> {
                core::candidates(&self.db, query)
            }
        }
    };
}

/// The SQLite store: one file (WAL beside it), SQLite compiled in.
pub struct SqliteStore {
    db: sqlite::SqliteDb,
}

impl SqliteStore {
    /// Opens the store in `path`, creating it when it does not exist, and
    /// migrates its schema forward.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Store`] when the file cannot be opened, is not a
    /// store, or has a schema newer than this build knows.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        Ok(SqliteStore {
            db: sqlite::SqliteDb::open(path.as_ref())?,
        })
    }

    fn where_(&self) -> String {
        self.db.path().display().to_string()
    }

    fn integrity(&self) -> Result<Vec<String>> {
        self.db.integrity()
    }

    fn backup_to(&self, to: &Path) -> Result<()> {
        self.db.backup(to)
    }
}

store_impl!(SqliteStore);

#[cfg(feature = "postgres")]
pub use self::postgres::PostgresStore;
#[cfg(feature = "postgres")]
store_impl!(PostgresStore);

/// Opens a store: a `postgres://` or `postgresql://` URL selects
/// PostgreSQL (cargo feature `postgres`), anything else is the path of a
/// SQLite file.
///
/// # Errors
///
/// [`crate::Error::Store`] when the store cannot be opened or migrated, or
/// a PostgreSQL URL is given to a build without the `postgres` feature.
pub fn open(location: &str) -> Result<Box<dyn Store>> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        #[cfg(feature = "postgres")]
        {
            return Ok(Box::new(PostgresStore::open(location)?));
        }
        #[cfg(not(feature = "postgres"))]
        {
            return Err(crate::Error::Store {
                message: "this newsloc was built without PostgreSQL support (cargo feature \
                          `postgres`)"
                    .into(),
            });
        }
    }
    Ok(Box::new(SqliteStore::open(location)?))
}
