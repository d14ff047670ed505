//! The newsloc command-line tool.
fn main() {}
