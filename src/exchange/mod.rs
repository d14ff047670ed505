//! Articles to XLIFF documents and back: export (segmented, with notes and
//! identity metadata, re-using earlier translations) and import (validated,
//! all or nothing).

mod analysis;
mod codes;
mod export;
mod identity;
mod import;
pub(crate) mod inline;
mod language;
mod leverage;
mod limits;
mod locate;
mod returned;
mod space;
mod states;
mod trailer;

pub use analysis::{Analysis, Category, SegmentCategory, Words};
pub use export::{Export, Exporter};
pub use identity::{FileIdentity, identify};
#[cfg(feature = "store")]
pub(crate) use import::sources_match;
pub use import::{
    Finding, FindingKind, ImportOptions, Imported, Provenance, Report, import, import_with,
};
pub use leverage::{Leverage, Memory, MemoryMatch, MemoryQuery, SegmentPair};
pub use locate::locate_units;
pub use returned::read_returned;

/// The namespace of newsloc's XLIFF 1.2 attributes.
pub(crate) const NL_NS: &str = "urn:newsloc:xliff:1";
/// The prefix declared for [`NL_NS`].
pub(crate) const NL_PREFIX: &str = "nl";
/// The namespace of the XLIFF 2 Size and Length Restriction module.
pub(crate) const SLR_NS: &str = "urn:oasis:names:tc:xliff:sizerestriction:2.0";
/// The prefix declared for [`SLR_NS`].
pub(crate) const SLR_PREFIX: &str = "slr";
/// The category of newsloc's metadata groups (XLIFF 2 `mda:metaGroup`).
pub(crate) const META_CATEGORY: &str = "newsloc";
pub(crate) const META_ARTICLE: &str = "article";
pub(crate) const META_VERSION: &str = "version";
pub(crate) const META_SOURCE_LANG: &str = "source-language";
pub(crate) const META_TARGET_LANG: &str = "target-language";
pub(crate) const META_UNIT_KIND: &str = "unit-kind";
pub(crate) const META_UNIT: &str = "unit";
pub(crate) const META_HASH: &str = "source-hash";
