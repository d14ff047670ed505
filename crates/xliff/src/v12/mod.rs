//! XLIFF 1.2 reader and writer (1.0 and 1.1 documents are read as 1.2).
//!
//! Reading is tolerant of what real tools write (Trados SDLXLIFF, memoQ,
//! Okapi, OmegaT, Xcode, ...): vendor namespaces are kept verbatim, states
//! written by SDL (`sdl:seg conf`) and memoQ (`mq:status`) are mapped to
//! [`State`](super::State) values without losing the original attributes,
//! and segmented units (`<seg-source>` with `<mrk mtype="seg">`, also when
//! the segments sit inside `<g>`) become [`Segment`](super::Segment)s.
//! Writing is strict: the output validates against the XLIFF 1.2
//! transitional schema.

mod metadata;
mod reader;
mod writer;

use super::Document;
use super::encoding::SourceMap;
use super::error::Problem;
use crate::error::Error;

pub(crate) use reader::read_shared;

/// Reads decoded text into `visitor` (root, file headers, groups, units),
/// keeping no more than one unit in memory, with every problem found.
pub(crate) fn visit_decoded(
    text: &str,
    map: &SourceMap,
    visitor: &mut dyn super::Visitor,
) -> Result<Vec<Problem>, Error> {
    reader::visit(text, map, visitor)
}

/// Reads the document in the window `w` into `visitor`, window after
/// window (the window holds the root's start tag), with every problem
/// found.
pub(crate) fn visit_window<R: std::io::BufRead>(
    w: &mut super::window::Window<R>,
    visitor: &mut dyn super::Visitor,
) -> Result<Vec<Problem>, Error> {
    super::window::read_windows(w, |ctx, open, carry, eof| {
        reader::parse_window(ctx, open, carry, eof, visitor)
    })
}

/// Writes `doc` as XLIFF 1.2 to `out` (UTF-8, with an XML declaration).
///
/// A document read from 1.2 is written back with every attribute and
/// vendor element it had; a document from XLIFF 2 keeps its segments, codes
/// (`pc` → `g`, `ph` → `x`/`ph`, `sc`/`ec` → `bx`/`ex` or `bpt`/`ept`),
/// annotations (`mrk`), notes and states, and namespaced attributes.
///
/// # Errors
///
/// [`Error::Unwritable`] when a file has no source language, or text or an
/// attribute value holds a character XML 1.0 cannot represent (`out` is
/// then left as it was). With `spill`, XML is handed to it as it is
/// written ([`spill`](crate::xml::spill)): on an error, what it was given
/// is to be thrown away.
pub(crate) fn write(
    doc: &Document,
    out: &mut String,
    spill: Option<&mut std::fs::File>,
) -> Result<(), Error> {
    super::xml::refusing_unwritable(out, |out| writer::write(doc, out, spill))
}
