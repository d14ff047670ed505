//! The article model: translatable [`Text`] kept apart from fixed metadata by
//! type. Knows nothing of XML, files or locales.

mod article;
mod canonical;
mod meta;
mod text;

pub use article::{
    Article, Block, Dateline, Headline, JSON_FORMAT, Photo, TranslationOf, Unit, UnitKind,
    Untranslated,
};
pub(crate) use canonical::{canonical, fold, hash_canonical, source_hash};
pub use meta::{
    Change, Credit, Date, EditorNote, MonthDay, TagKind, UpdateTag, UpdateVerb, UsageRestriction,
};
pub use text::{CodeKind, Run, Text};
