//! The article model: translatable [`Text`] kept apart from fixed metadata by
//! type. Knows nothing of XML, files or locales.

mod article;
mod canonical;
mod meta;
mod text;

pub(crate) use article::well_formed_tag;
pub use article::{
    Article, Block, Dateline, Headline, JSON_FORMAT, Photo, TranslationOf, Unit, UnitKind,
    Untranslated,
};
pub(crate) use canonical::{canonical, fold, hash_canonical, source_hash};
pub use meta::{
    Change, Copyright, Credit, Date, EditorNote, MonthDay, TagKind, UpdateTag, UpdateVerb,
    UsageRestriction,
};
pub(crate) use text::check_text_len;
pub use text::{CodeKind, MAX_CODE_DEPTH, MAX_TEXT_BYTES, Run, Text};
