//! The XLIFF document model shared by XLIFF 1.2 and 2.x, with a reader and
//! writer for each version.

mod document;
mod encoding;
mod xml;
pub mod v12;
pub mod v2;

pub use document::{
    AppliesTo, Attr, CanReorder, Candidate, Code, CodeKind, CodeTag, Content, Data, Document, File,
    Group, Ignorable, Inline, Item, Marker, MetaGroup, MetaItem, Metadata, Note, Part, Raw,
    Segment, Space, State, Unit, Version, attr_value,
};
