//! Fixed parts of a story in each language's house style, from Fluent files.
//!
//! [`Locales`] holds the Fluent resources: the ones under `locales/` in the
//! source tree, embedded at compile time, optionally overridden or extended
//! from a directory at run time. [`Locales::localizer`] negotiates a
//! requested language against the available ones (`ko-KR` → `ko`, `zh-TW`
//! → `zh-Hant`, anything unknown → `en`) and returns a [`Localizer`] that
//! formats bylines, datelines, update tags and end marks, falling back to
//! English message by message.

pub(crate) mod fixed;
mod locales;
mod localizer;

pub use locales::Locales;
pub use localizer::Localizer;
