//! Errors, problems and the positions they carry.
//!
//! Reading distinguishes two things. An [`Error`] means there is no
//! document: the bytes cannot be decoded, the XML is not well-formed, the
//! input is unsafe to read (a DTD with declarations, limits exceeded) or it
//! is not XLIFF. A [`Problem`] is a rule of the specification that a
//! readable document breaks (an error) or a use it allows but that is
//! suspicious (a warning); the lenient read returns the document with its
//! problems, the strict read refuses a document with any error among them
//! ([`Error::Invalid`]).

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
    /// use newsloc_xliff::Position;
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

/// Why a document could not be read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not text in the encoding they declare (or any XML
    /// allows), or hold characters XML forbids.
    Encoding,
    /// The XML is not well-formed (an unclosed element, a bad attribute,
    /// an unknown entity, text outside the root, ...).
    Malformed,
    /// A document type declaration with an internal subset or entity
    /// declarations: refused, never expanded.
    Dtd,
    /// A limit that keeps reading safe was exceeded (nesting depth, name
    /// length, sizes).
    Limit,
    /// Well-formed XML whose root is not an XLIFF `<xliff>` element, or an
    /// XLIFF version this crate does not read.
    NotXliff,
}

/// How serious a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Allowed by the specification but suspicious, or a tool's habit the
    /// reader worked around (a bare `<!DOCTYPE>`, a prefix whose
    /// declaration a tool dropped).
    Warning,
    /// Breaks a rule of the specification.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in a readable document: what, how serious, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where it was found.
    pub location: Location,
    /// What is wrong, in words.
    pub message: String,
}

impl Problem {
    /// An error (a broken rule) at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            location,
            message: message.into(),
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            location,
            message: message.into(),
        }
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
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

/// Everything that can go wrong reading or writing XLIFF.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing failed; `path` is the file when there is one.
    #[error("{}{source}", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Io {
        /// The file, when the input or output is one.
        path: Option<PathBuf>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not a document that can be read; see [`ErrorKind`].
    #[error("{}{message}", located(location))]
    Xml {
        /// Why.
        kind: ErrorKind,
        /// Where (file, position, unit).
        location: Location,
        /// What is wrong, in words.
        message: String,
    },
    /// The strict read found rule violations; every problem is listed (the
    /// lenient read returns the document with them instead).
    #[error("{}", list_problems(problems))]
    Invalid {
        /// Every problem found, each with its location (warnings too).
        problems: Vec<Problem>,
    },
    /// The document cannot be written in its version: a character XML
    /// cannot carry, a part the version has no form for.
    #[error("{}{message}", unit.as_ref().map(|u| format!("unit {u}: ")).unwrap_or_default())]
    Unwritable {
        /// The unit concerned, when there is one.
        unit: Option<String>,
        /// What cannot be written.
        message: String,
    },
}

/// `location: ` or nothing when the location is empty.
fn located(location: &Location) -> String {
    let s = location.to_string();
    if s.is_empty() { s } else { format!("{s}: ") }
}

fn list_problems(problems: &[Problem]) -> String {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let mut s = format!(
        "not valid XLIFF: {errors} problem{}",
        if errors == 1 { "" } else { "s" }
    );
    for p in problems {
        s.push_str("\n  ");
        if !p.is_error() {
            s.push_str("warning: ");
        }
        s.push_str(&p.to_string());
    }
    s
}

impl Error {
    /// Attaches a file name to an error that came from a document and has
    /// none yet; other errors are returned unchanged.
    pub fn with_file(mut self, path: impl Into<PathBuf>) -> Error {
        let path = path.into();
        match &mut self {
            Error::Xml { location, .. } => {
                location.file.get_or_insert(path);
            }
            Error::Invalid { problems } => {
                for p in problems {
                    p.location.file.get_or_insert_with(|| path.clone());
                }
            }
            Error::Io { path: p, .. } => {
                p.get_or_insert(path);
            }
            Error::Unwritable { .. } => {}
        }
        self
    }

    /// The location of an error that came from a document (the first
    /// problem's for [`Error::Invalid`]).
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Xml { location, .. } => Some(location),
            Error::Invalid { problems } => problems.first().map(|p| &p.location),
            _ => None,
        }
    }

    /// The kind of an [`Error::Xml`].
    pub fn kind(&self) -> Option<ErrorKind> {
        match self {
            Error::Xml { kind, .. } => Some(*kind),
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

    #[test]
    fn invalid_lists_errors_and_counts_only_them() {
        let at = |line| Location {
            position: Some(Position {
                byte: 0,
                line,
                column: 1,
            }),
            ..Location::default()
        };
        let e = Error::Invalid {
            problems: vec![
                Problem::error(at(2), "duplicate unit id \"u1\""),
                Problem::warning(at(1), "a DOCTYPE naming an external DTD"),
            ],
        }
        .with_file("a.xlf");
        assert_eq!(
            e.to_string(),
            "not valid XLIFF: 1 problem\n  a.xlf:2:1: duplicate unit id \"u1\"\n  warning: a.xlf:1:1: a DOCTYPE naming an external DTD"
        );
    }
}
