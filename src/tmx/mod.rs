//! TMX 1.4b (Translation Memory eXchange): the format translators and
//! vendors bring and take translation memories in.
//!
//! - [`Tmx`]: a [`Header`] and [`TranslationUnit`]s, each with a
//!   [`Variant`] per language whose segment is a newsloc [`Text`](crate::Text),
//!   so a memory holds exactly what XLIFF export and import use.
//! - [`Reader`]: reads TMX 1.1 to 1.4b tolerantly (UTF-8 and UTF-16, files
//!   that are not DTD-valid) and reports what it tolerated as [`Warning`]s;
//!   what it cannot read faithfully is an [`Error`](crate::Error) with file,
//!   line and column.
//! - [`Tmx::to_string`], [`Tmx::to_writer`], [`Tmx::to_path`]: write TMX
//!   1.4b that validates against the TMX 1.4 DTD.
//!
//! How inline elements map to runs, and what is not preserved, is in
//! `docs/tmx.md`.
//!
//! # Example
//!
//! ```
//! use newsloc::tmx::{Header, Tmx, TranslationUnit, Variant};
//! use newsloc::Text;
//!
//! let mut tu = TranslationUnit::new();
//! tu.set_story("missile", 2);
//! tu.variants.push(Variant::new("en", Text::plain("Seoul & Tokyo <agree>")));
//! tu.variants.push(Variant::new("ko", Text::plain("서울과 도쿄 합의")));
//! let mut tmx = Tmx::new(Header::new("newsloc", "0.1", "en"));
//! tmx.units.push(tu);
//!
//! let back = Tmx::from_str(&tmx.to_string()?)?;
//! assert_eq!(back, tmx);
//! let (en, ko, unit) = back.pairs("en", "ko").next().unwrap();
//! assert_eq!(en.text.to_plain_string(), "Seoul & Tokyo <agree>");
//! assert_eq!(ko.text.to_plain_string(), "서울과 도쿄 합의");
//! assert_eq!((unit.story(), unit.story_version()), (Some("missile"), Some(2)));
//! # Ok::<(), newsloc::Error>(())
//! ```

mod model;
mod reader;
mod writer;

pub use model::{
    Attribute, Code, Element, HI_PROTECTED, Header, Map, Meta, Note, PROP_STORY, PROP_VERSION,
    Piece, Pos, Prop, SegType, Tmx, TranslationUnit, Ude, Variant, Version, timestamp,
};
pub use reader::{Parsed, Reader, Visited, Warning, WarningKind};
