//! What the checks read: source and target text per unit and segment.

use std::collections::HashMap;
use std::ops::Range;

use crate::error::{Error, Result};
use crate::model::{Article, Run, Text};
use crate::segment::Segmenter;
use crate::xliff::{Content, Document, Inline, Item, Part, Unit};

/// A story to check: its languages and its units in story order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Story {
    /// The source language tag (`en`).
    pub source_lang: String,
    /// The target language tag (`ko`, `zh-Hans`).
    pub target_lang: String,
    /// The units, in story order.
    pub units: Vec<StoryUnit>,
}

/// One translatable unit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoryUnit {
    /// The unit id (`headline`, `p3`).
    pub id: String,
    /// Its length limit in characters, when it has one.
    pub limit: Option<usize>,
    /// Where a re-used translation came from, when the data says so.
    pub reused_from: Option<String>,
    /// Its segments, in order.
    pub segments: Vec<StorySegment>,
}

/// One segment: plain source and target text (inline codes left out),
/// with the byte ranges of protected spans and the codes' ids.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StorySegment {
    /// The segment id (`1`, `s2`).
    pub id: String,
    /// The source text.
    pub source: String,
    /// The target text; `None` when there is no translation.
    pub target: Option<String>,
    /// Protected spans of the source (byte ranges).
    pub source_protected: Vec<Range<usize>>,
    /// Protected spans of the target (byte ranges).
    pub target_protected: Vec<Range<usize>>,
    /// The source's inline codes (`start 1`, `end 1`, `code 2`), when known.
    pub source_codes: Option<Vec<String>>,
    /// The target's inline codes, when known.
    pub target_codes: Option<Vec<String>>,
}

impl Story {
    /// An empty story.
    pub fn new(source_lang: &str, target_lang: &str) -> Story {
        Story {
            source_lang: source_lang.to_string(),
            target_lang: target_lang.to_string(),
            units: Vec::new(),
        }
    }

    /// Appends a unit of one segment (id `1`) of plain text.
    pub fn push_pair(&mut self, unit: &str, source: &str, target: &str) -> &mut Story {
        self.units.push(StoryUnit {
            id: unit.to_string(),
            segments: vec![StorySegment {
                id: "1".into(),
                source: source.to_string(),
                target: Some(target.to_string()),
                ..StorySegment::default()
            }],
            ..StoryUnit::default()
        });
        self
    }

    /// One story per `<file>` of a translated XLIFF document (ours or
    /// another tool's): every unit, every segment.
    pub fn from_document(doc: &Document) -> Vec<Story> {
        doc.files
            .iter()
            .map(|file| {
                let src = file.src_lang.as_deref().or(doc.src_lang.as_deref());
                let trg = file.trg_lang.as_deref().or(doc.trg_lang.as_deref());
                let mut units = Vec::new();
                collect_units(&file.items, &mut units);
                Story::from_xliff_units(
                    src.unwrap_or("und"),
                    trg.unwrap_or("und"),
                    units.iter().map(|u| (&*u.id, std::slice::from_ref(u))),
                    true,
                )
            })
            .collect()
    }

    /// A story from XLIFF units grouped by article unit (several file units
    /// when the export wrote one unit per sentence). `codes`: whether to
    /// record inline codes for the `codes` check.
    pub(crate) fn from_xliff_units<'a, I, U>(src: &str, trg: &str, units: I, codes: bool) -> Story
    where
        I: IntoIterator<Item = (&'a str, U)>,
        U: AsRef<[&'a Unit]> + 'a,
    {
        let mut story = Story::new(src, trg);
        for (id, parts) in units {
            let parts = parts.as_ref();
            story.units.push(unit_from_xliff(id, parts, codes));
        }
        story
    }

    /// A story from a source article and its translation (the JSON form of
    /// a translated article): one segment per unit.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when the translation is not of this article (its
    /// `translation_of` names another story).
    pub fn from_articles(source: &Article, translation: &Article) -> Result<Story> {
        if let Some(of) = &translation.translation_of
            && of.id != source.id
        {
            return Err(Error::Model {
                unit: None,
                message: format!("the translation is of article {}, not {}", of.id, source.id),
            });
        }
        let targets: HashMap<String, &Text> = translation
            .units()
            .into_iter()
            .map(|u| (u.id, u.text))
            .collect();
        let mut story = Story::new(
            &source.language.to_string(),
            &translation.language.to_string(),
        );
        for unit in source.units() {
            let (src, src_p) = flatten_text(unit.text);
            let (target, target_protected) = match targets.get(&unit.id) {
                Some(t) => {
                    let (t, p) = flatten_text(t);
                    (Some(t), p)
                }
                None => (None, Vec::new()),
            };
            story.units.push(StoryUnit {
                id: unit.id.clone(),
                segments: vec![StorySegment {
                    id: "1".into(),
                    source: src,
                    target,
                    source_protected: src_p,
                    target_protected,
                    ..StorySegment::default()
                }],
                ..StoryUnit::default()
            });
        }
        Ok(story)
    }

    /// A story from a source article and a map of translations in JSON:
    /// unit id → a string, or a list of strings (one per sentence), as in
    /// `examples/translations/*.json`. A list whose length is the number of
    /// the source unit's sentences is checked sentence by sentence.
    ///
    /// # Errors
    ///
    /// [`Error::Json`] when the JSON is not such a map; [`Error::Model`]
    /// naming a unit the article does not have.
    pub fn from_unit_map(source: &Article, target_lang: &str, json: &str) -> Result<Story> {
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).map_err(|e| Error::Json {
                location: crate::error::Location {
                    position: Some(crate::error::Position {
                        byte: 0,
                        line: e.line() as u64,
                        column: e.column() as u64,
                    }),
                    ..Default::default()
                },
                message: format!("not a map of translations: {e}"),
            })?;
        let units = source.units();
        for key in map.keys() {
            if !units.iter().any(|u| &u.id == key) {
                return Err(Error::Model {
                    unit: Some(key.clone()),
                    message: format!("the article {} has no such unit", source.id),
                });
            }
        }
        let segmenter = Segmenter::new(&source.language);
        let mut story = Story::new(&source.language.to_string(), target_lang);
        for unit in units {
            let (src, src_p) = flatten_text(unit.text);
            let sentences: Option<Vec<String>> = match map.get(&unit.id) {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(s)) => Some(vec![s.clone()]),
                Some(serde_json::Value::Array(v)) => Some(
                    v.iter()
                        .map(|s| {
                            s.as_str().map(str::to_string).ok_or_else(|| Error::Model {
                                unit: Some(unit.id.clone()),
                                message: "a translation must be a string or a list of strings"
                                    .into(),
                            })
                        })
                        .collect::<Result<_>>()?,
                ),
                Some(_) => {
                    return Err(Error::Model {
                        unit: Some(unit.id.clone()),
                        message: "a translation must be a string or a list of strings".into(),
                    });
                }
            };
            let ranges = segmenter.split(&src, &src_p);
            let mut segments = Vec::new();
            match sentences {
                Some(t) if t.len() == ranges.len() && t.len() > 1 => {
                    for (n, (r, t)) in ranges.iter().zip(t).enumerate() {
                        let protected = src_p
                            .iter()
                            .filter(|p| p.start >= r.start && p.end <= r.end)
                            .map(|p| p.start - r.start..p.end - r.start)
                            .collect();
                        segments.push(StorySegment {
                            id: (n + 1).to_string(),
                            source: src[r.clone()].to_string(),
                            target: Some(t),
                            source_protected: protected,
                            ..StorySegment::default()
                        });
                    }
                }
                t => {
                    let sep = if matches!(primary(target_lang), "ja" | "zh" | "th") {
                        ""
                    } else {
                        " "
                    };
                    segments.push(StorySegment {
                        id: "1".into(),
                        source: src,
                        target: t.map(|t| t.join(sep)),
                        source_protected: src_p,
                        ..StorySegment::default()
                    });
                }
            }
            story.units.push(StoryUnit {
                id: unit.id.clone(),
                segments,
                ..StoryUnit::default()
            });
        }
        Ok(story)
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&StoryUnit> {
        self.units.iter().find(|u| u.id == id)
    }
}

/// The primary language subtag of a tag (`zh` of `zh-Hans`), lower-cased.
pub(crate) fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

fn collect_units<'a>(items: &'a [Item], out: &mut Vec<&'a Unit>) {
    for item in items {
        match item {
            Item::Unit(u) => out.push(u),
            Item::Group(g) => collect_units(&g.items, out),
            _ => {}
        }
    }
}

fn unit_from_xliff(id: &str, parts: &[&Unit], codes: bool) -> StoryUnit {
    let mut segments = Vec::new();
    let mut limit = None;
    let mut reused_from = None;
    for u in parts {
        if limit.is_none() {
            limit = crate::xliff::attr_value(&u.attrs, "maxwidth").and_then(|v| v.parse().ok());
        }
        if reused_from.is_none() {
            reused_from = reuse_note(u);
        }
        for part in &u.parts {
            if let Part::Segment(seg) = part {
                let n = segments.len() + 1;
                let (source, source_protected, sc) = flatten_content(&seg.source);
                let (target, target_protected, tc) = match &seg.target {
                    Some(t) => {
                        let (t, p, c) = flatten_content(t);
                        (Some(t), p, Some(c))
                    }
                    None => (None, Vec::new(), None),
                };
                segments.push(StorySegment {
                    id: seg
                        .id
                        .as_deref()
                        .map_or_else(|| n.to_string(), str::to_string),
                    source,
                    target,
                    source_protected,
                    target_protected,
                    source_codes: codes.then_some(sc),
                    target_codes: if codes { tc } else { None },
                });
            }
        }
    }
    StoryUnit {
        id: id.to_string(),
        limit,
        reused_from,
        segments,
    }
}

/// Where a re-used translation came from, as the file records it: a
/// `reused-from` item in the unit's newsloc metadata (XLIFF 2) or an
/// `nl:reused-from` attribute (1.2). This is the seam for re-use
/// provenance; nothing else is guessed.
fn reuse_note(u: &Unit) -> Option<String> {
    if let Some(md) = &u.metadata {
        for g in &md.groups {
            if g.category.as_deref() == Some("newsloc")
                && let Some(v) = g.get("reused-from")
            {
                return Some(v.to_string());
            }
        }
    }
    crate::xliff::attr_value(&u.attrs, "nl:reused-from").map(str::to_string)
}

/// Plain text, protected ranges and code ids of XLIFF content.
fn flatten_content(c: &Content) -> (String, Vec<Range<usize>>, Vec<String>) {
    fn walk(c: &Content, s: &mut String, p: &mut Vec<Range<usize>>, codes: &mut Vec<String>) {
        for i in c.iter() {
            match i {
                Inline::Text(t) => s.push_str(t),
                Inline::Code(code) => {
                    let id = code
                        .id
                        .as_deref()
                        .or(code.start_ref.as_deref())
                        .unwrap_or("?");
                    codes.push(format!("{:?} {id}", code.kind).to_lowercase());
                }
                Inline::Paired(code, inner) => {
                    codes.push(format!("paired {}", code.id.as_deref().unwrap_or("?")));
                    walk(inner, s, p, codes);
                }
                Inline::Marker(m, inner) => {
                    let start = s.len();
                    walk(inner, s, p, codes);
                    if m.translate == Some(false) || m.kind.as_deref() == Some("protected") {
                        p.push(start..s.len());
                    }
                }
                _ => {}
            }
        }
    }
    let (mut s, mut p, mut codes) = (String::new(), Vec::new(), Vec::new());
    walk(c, &mut s, &mut p, &mut codes);
    codes.sort();
    (s, p, codes)
}

/// Plain text and protected ranges of a [`Text`].
fn flatten_text(t: &Text) -> (String, Vec<Range<usize>>) {
    let mut s = String::new();
    let mut p = Vec::new();
    for run in t.runs() {
        match run {
            Run::Text(x) => s.push_str(x),
            Run::Protected(x) => {
                let start = s.len();
                s.push_str(x);
                p.push(start..s.len());
            }
            _ => {}
        }
    }
    (s, p)
}
