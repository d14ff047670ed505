//! The crate's one error type and the position it carries.

use std::fmt;
use std::path::PathBuf;

/// A place in a document: byte offset from the start of the file (0-based),
/// line and column (both 1-based, columns counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Position {
    /// Byte offset from the start of the input, 0-based.
    pub byte: u64,
    /// Line number, 1-based.
    pub line: u64,
    /// Column number in characters, 1-based.
    pub column: u64,
}

impl Position {
    /// Computes the position of byte offset `byte` in `text`.
    ///
    /// An offset past the end is clamped to the end, and an offset inside a
    /// multi-byte character is moved back to the character's start, so this
    /// never panics.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::Position;
    /// let p = Position::from_offset("ab\ncd", 4);
    /// assert_eq!((p.line, p.column), (2, 2));
    /// ```
    pub fn from_offset(text: &str, byte: usize) -> Position {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let before = &text[..byte];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            byte: byte as u64,
            line: before.matches('\n').count() as u64 + 1,
            column: before[line_start..].chars().count() as u64 + 1,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Where a problem was found: an optional file, an optional position in it
/// and an optional unit id. Displays as `file:line:column (unit ID)`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file, when the input came from one.
    pub file: Option<PathBuf>,
    /// The position in the input, when known.
    pub position: Option<Position>,
    /// The translation unit, when known.
    pub unit: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            sep = ":";
        }
        if let Some(p) = &self.position {
            write!(f, "{sep}{p}")?;
            sep = " ";
        }
        if let Some(u) = &self.unit {
            if sep == ":" {
                sep = " ";
            }
            write!(f, "{sep}(unit {u})")?;
        }
        Ok(())
    }
}

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
    /// An XML document is malformed or is not valid XLIFF.
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
    /// A returned translation was rejected; every problem is in `problems`
    /// (the message lists the first 50 and counts the rest).
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
    fn position_counts_lines_and_chars() {
        let text = "a\nb서울c\n";
        let p = Position::from_offset(text, text.find('c').unwrap());
        assert_eq!((p.byte, p.line, p.column), (9, 2, 4));
        // inside a multi-byte char: moved back to its start
        let p = Position::from_offset(text, 4);
        assert_eq!((p.byte, p.line, p.column), (3, 2, 2));
        // past the end: clamped
        assert_eq!(Position::from_offset(text, 99).line, 3);
    }

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

    #[test]
    fn location_display() {
        let loc = Location {
            file: Some("a.xlf".into()),
            position: Some(Position {
                byte: 0,
                line: 3,
                column: 7,
            }),
            unit: Some("p2".into()),
        };
        assert_eq!(loc.to_string(), "a.xlf:3:7 (unit p2)");
        let loc = Location {
            unit: Some("p2".into()),
            ..Default::default()
        };
        assert_eq!(loc.to_string(), "(unit p2)");
    }
}
