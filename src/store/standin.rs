//! Stand-ins for the re-use layer's types (`Memory`, `MemoryQuery`,
//! `MemoryMatch`, `SegmentPair`), written to its published contract so that
//! the store compiles before that layer lands; removed when it does.
#![allow(missing_docs)]

use unic_langid::LanguageIdentifier;

use crate::error::Result;
use crate::model::{Text, UnitKind};

pub trait Memory {
    fn candidates(&self, query: &MemoryQuery<'_>) -> Result<Vec<MemoryMatch>>;
}

pub struct MemoryQuery<'a> {
    pub source_lang: &'a LanguageIdentifier,
    pub target_lang: &'a LanguageIdentifier,
    pub canonical: &'a str,
    pub hash: &'a str,
    pub plain: &'a str,
    pub previous_hash: Option<&'a str>,
    pub next_hash: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemoryMatch {
    pub source: Text,
    pub target: Text,
    pub origin: String,
    pub previous_hash: Option<String>,
    pub next_hash: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SegmentPair {
    pub unit: String,
    pub kind: UnitKind,
    pub source: Text,
    pub target: Text,
    pub hash: String,
    pub previous_hash: Option<String>,
    pub next_hash: Option<String>,
    pub state: Option<crate::xliff::State>,
    pub reused_from: Option<String>,
}

/// Unit-level pairs of a source article and its translation, standing in
/// for `Imported::segments` until the re-use layer provides segment pairs.
pub fn unit_pairs(source: &crate::Article, translation: &crate::Article) -> Vec<SegmentPair> {
    use crate::exchange::inline::source_hash as source_hash_of;
    let src = source.units();
    let tgt = translation.units();
    let hashes: Vec<String> = src.iter().map(|u| source_hash_of(u.text)).collect();
    let mut out = Vec::new();
    for (i, u) in src.iter().enumerate() {
        let Some(t) = tgt.iter().find(|t| t.id == u.id) else {
            continue;
        };
        out.push(SegmentPair {
            unit: u.id.clone(),
            kind: u.kind,
            source: u.text.clone(),
            target: t.text.clone(),
            hash: hashes[i].clone(),
            previous_hash: i.checked_sub(1).map(|j| hashes[j].clone()),
            next_hash: hashes.get(i + 1).cloned(),
            state: None,
            reused_from: None,
        });
    }
    out
}
