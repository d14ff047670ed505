//! newsloc makes news stories translation-ready.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod error;
mod exchange;
mod l10n;
mod model;
mod render;
mod segment;
mod wire;
pub mod xliff;

pub use error::{Error, Location, Position, Problem, Result};
pub use l10n::{Locales, Localizer};
