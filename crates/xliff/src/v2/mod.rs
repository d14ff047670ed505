//! XLIFF 2.x reader and writer (2.0, 2.1 and 2.2), behind the version
//! dispatch of [`Document`](crate::Document)'s readers and writers.

mod reader;
mod writer;

use super::document::{Document, Version};
use super::encoding::SourceMap;
use super::error::Problem;
use super::str::{NO_SHARING, Shared};
use super::stream::{Builder, Visitor};
use super::window::Window;
use super::xml::Ctx;
use crate::error::Result;

/// Reads decoded text that is `shared`'s own text (or, when `shared` has
/// none, any text), with every problem found.
pub(crate) fn read_shared(
    text: &str,
    map: &SourceMap,
    shared: &Shared,
) -> Result<(Document, Vec<Problem>)> {
    let mut builder = Builder::default();
    let (problems, dropped) = reader::parse(Ctx::whole(text, map, shared), &mut builder)?;
    let mut doc = builder.finish();
    dropped.declare_on(&mut doc);
    Ok((doc, problems))
}

/// Reads decoded text into `visitor`, with every problem found.
pub(crate) fn visit_decoded<V: Visitor>(
    text: &str,
    map: &SourceMap,
    visitor: &mut V,
) -> Result<Vec<Problem>> {
    // Nothing shared: a visitor sees one unit at a time, and must not keep
    // the whole input alive.
    reader::parse(Ctx::whole(text, map, &NO_SHARING), visitor).map(|(problems, _)| problems)
}

/// Reads the document in the window `w` into `visitor`, window after
/// window (the window holds the root's start tag), with every problem
/// found.
pub(crate) fn visit_window<R: std::io::BufRead, V: Visitor>(
    w: &mut Window<R>,
    visitor: &mut V,
) -> Result<Vec<Problem>> {
    crate::window::read_windows(w, |ctx, open, carry, eof| {
        reader::parse_window(ctx, open, carry, eof, visitor)
    })
}

/// Writes `doc` as XLIFF `version` (2.0, 2.1 or 2.2), appending to `out`.
///
/// Content is never indented (white space inside `<source>`, `<target>` and
/// notes is written as it is); structure is indented by one space per level.
///
/// # Errors
///
/// [`Error::Unwritable`](crate::Error::Unwritable) when `version` is not
/// 2.x, or when an attribute value holds a character XML cannot hold (`out`
/// is then left as it was). With `spill`, XML is handed to it as it is
/// written ([`spill`](crate::xml::spill)): on an error, what it was given
/// is to be thrown away.
pub(crate) fn write(
    doc: &Document,
    version: Version,
    out: &mut String,
    spill: Option<&mut std::fs::File>,
) -> Result<()> {
    super::xml::refusing_unwritable(out, |out| writer::write(doc, version, out, spill))
}

/// The strict read of UTF-8 text as XLIFF 2, for the unit tests.
#[cfg(test)]
pub(crate) fn read(text: &str) -> Result<Document> {
    let doc: Document = text.parse()?;
    if !doc.version.is_v2() {
        return Err(crate::Error::Xml {
            kind: crate::ErrorKind::NotXliff,
            location: crate::Location::default(),
            message: "not XLIFF 2".into(),
        });
    }
    Ok(doc)
}
