//! The HTML that stories come in (ninjs bodies) and go out as (pages and
//! ninjs bodies): the reader and the writer side by side.

pub(crate) mod read;
pub(crate) mod write;
