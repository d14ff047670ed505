//! XLIFF 1.2 reader and writer.
