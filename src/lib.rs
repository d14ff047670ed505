//! newsloc makes news stories translation-ready.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod error;
mod exchange;
mod l10n;
mod model;
pub mod ninjs;
pub mod render;
mod segment;
mod wire;
pub mod xliff;

pub use error::{Error, Location, Position, Problem, Result};
pub use l10n::{Locales, Localizer};
pub use model::{
    Article, Block, Change, CodeKind, Credit, Date, Dateline, EditorNote, Headline, JSON_FORMAT,
    MonthDay, Photo, Run, TagKind, Text, TranslationOf, Unit, UnitKind, Untranslated, UpdateTag,
    UpdateVerb, UsageRestriction,
};
pub use wire::WireReader;
