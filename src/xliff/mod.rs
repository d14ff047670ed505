//! The XLIFF document model shared by XLIFF 1.2 and 2.x, with a reader and
//! writer for each version.

pub mod v12;
pub mod v2;
