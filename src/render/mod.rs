//! Renderers: wire copy, HTML and ninjs. They never change the article.

mod wire;

pub use wire::to_wire;
