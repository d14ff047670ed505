//! IPTC ninjs: text items read into an [`Article`](crate::Article)
//! ([`from_str`], [`from_value`]) and articles written as ninjs 3.1
//! ([`render::to_ninjs`](crate::render::to_ninjs)), the reader and the
//! writer side by side with the vocabulary they share.

mod read;
pub(crate) mod write;

pub use read::{from_str, from_value};

/// The prefix of the URIs newsloc gives its items: `urn:newsloc:` then the
/// article id, then `:` and the language for a translation.
pub(crate) const URI_PREFIX: &str = "urn:newsloc:";

/// The association relation naming a translation's source item.
pub(crate) const TRANSLATED_FROM: &str = "translatedFrom";

/// The `rel` of a person who wrote the story.
pub(crate) const AUTHOR_REL: &str = "author";

/// The `role` of the headline entry that carries the update tag.
pub(crate) const TAG_ROLE: &str = "update-tag";

/// The role of the source association's description that carries the
/// fingerprint of the source's fixed fields.
pub(crate) const FINGERPRINT_ROLE: &str = "fixed-fingerprint";

/// The role of the item description that carries the makers' credits.
pub(crate) const CREDITS_ROLE: &str = "credits";
