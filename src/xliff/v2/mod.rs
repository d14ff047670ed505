//! XLIFF 2.x reader and writer.
