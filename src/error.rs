//! The crate's one error type and the position it carries.

use std::fmt;
use std::path::PathBuf;

pub use newsloc_xliff::{Location, Position};

/// Everything that can go wrong in this crate.
///
/// Errors that come from a document carry a [`Location`]; use
/// [`Error::with_file`] to attach the file name once it is known.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A wire-copy story could not be read.
    #[error("{}{message}", located(location))]
    Wire {
        /// Where (file and line).
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// An article's JSON form could not be read.
    #[error("{}{message}", located(location))]
    Json {
        /// Where (file, line and column).
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// An XLIFF document could not be read, is not valid (strict read), or
    /// cannot be written in its version.
    #[error(transparent)]
    Xliff(#[from] newsloc_xliff::Error),
    /// An XML document other than XLIFF (SRX, TBX) is malformed or not
    /// what was expected.
    #[error("{}{message}", located(location))]
    Xml {
        /// Where (file, position, unit).
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// A well-formed XML document is not a TMX memory that can be read (a
    /// missing header attribute, a `<bpt>` without its `<ept>`, a unit
    /// without its source language, ...).
    #[error("{}{message}", located(location))]
    Tmx {
        /// Where (file, position, unit).
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// A model operation was given inconsistent input (an unknown unit id,
    /// a missing translation, ...).
    #[error("{}{message}", unit_prefix(unit))]
    Model {
        /// The unit concerned, when there is one.
        unit: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A returned translation was rejected, or a translation's rights do
    /// not match its source; every problem is in `problems` (the message
    /// lists the first 50 and counts the rest).
    #[error("{}", list_problems(problems))]
    Rejected {
        /// Every problem found, each with its location.
        problems: Vec<Problem>,
    },
    /// The store (database) failed or refused: it cannot be opened, its
    /// schema is newer than this build knows, a statement failed, or what
    /// was asked for is not in it.
    #[error("store: {message}")]
    Store {
        /// What is wrong.
        message: String,
    },
    /// What was given contradicts what the store holds (the same article
    /// version with different content); nothing was written.
    #[error("conflict: {message}")]
    Conflict {
        /// What differs.
        message: String,
    },
    /// A locale resource could not be loaded or a message is missing.
    #[error("{}{message}", located(location))]
    Locale {
        /// Where (file, line).
        location: Location,
        /// What is wrong.
        message: String,
    },
}

/// One problem found while checking input: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it was found.
    pub location: Location,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = self.location.to_string();
        if loc.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{loc}: {}", self.message)
        }
    }
}

/// `location: ` or nothing when the location is empty.
fn located(location: &Location) -> String {
    let s = location.to_string();
    if s.is_empty() { s } else { format!("{s}: ") }
}

fn unit_prefix(unit: &Option<String>) -> String {
    unit.as_ref()
        .map(|u| format!("unit {u}: "))
        .unwrap_or_default()
}

fn list_problems(problems: &[Problem]) -> String {
    let mut s = format!(
        "rejected: {} problem{}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems.iter().take(MAX_LISTED) {
        s.push_str("\n  ");
        s.push_str(&p.to_string());
    }
    if problems.len() > MAX_LISTED {
        s.push_str(&format!(
            "\n  ... and {} more problem(s)",
            problems.len() - MAX_LISTED
        ));
    }
    s
}

/// How many problems the message of [`Error::Rejected`] lists; the rest
/// are counted (every one is in `problems`).
pub(crate) const MAX_LISTED: usize = 50;

impl Error {
    /// Attaches a file name to an error that came from a document and has
    /// none yet; other errors are returned unchanged.
    pub fn with_file(mut self, path: impl Into<PathBuf>) -> Error {
        let path = path.into();
        if let Error::Xliff(e) = self {
            return Error::Xliff(e.with_file(path));
        }
        match &mut self {
            Error::Wire { location, .. }
            | Error::Json { location, .. }
            | Error::Xml { location, .. }
            | Error::Tmx { location, .. }
            | Error::Locale { location, .. } => {
                location.file.get_or_insert(path);
            }
            Error::Rejected { problems } => {
                for p in problems {
                    p.location.file.get_or_insert_with(|| path.clone());
                }
            }
            _ => {}
        }
        self
    }

    /// The location of an error that came from a document.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Wire { location, .. }
            | Error::Json { location, .. }
            | Error::Xml { location, .. }
            | Error::Tmx { location, .. }
            | Error::Locale { location, .. } => Some(location),
            Error::Xliff(e) => e.location(),
            _ => None,
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_without_location_has_no_separator() {
        let e = Error::Json {
            location: Location::default(),
            message: "bad".into(),
        };
        assert_eq!(e.to_string(), "bad");
        let e = e.with_file("a.json");
        assert_eq!(e.to_string(), "a.json: bad");
    }
}
