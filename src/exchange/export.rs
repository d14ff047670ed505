//! Article → XLIFF document.

use unic_langid::LanguageIdentifier;

use std::collections::HashSet;

use super::analysis::Analysis;
use super::inline::{canonical, export_text, source_hash};
use super::leverage::{Leverage, PrevIndex};
use super::{
    META_ARTICLE, META_CATEGORY, META_HASH, META_SOURCE_LANG, META_TARGET_LANG, META_UNIT,
    META_UNIT_KIND, META_VERSION, NL_NS, NL_PREFIX, SLR_NS, SLR_PREFIX,
};
use crate::error::{Error, Result};
use crate::model::{Article, Block, Unit as ArticleUnit, UnitKind};
use crate::segment::Segmenter;
use crate::xliff::{
    Attr, Document, File, Group, Item, List, MetaGroup, Metadata, Note, Part, Segment, Space, Unit,
    Version,
};

/// Builds XLIFF documents from articles: one `<file>` per article and target
/// language, one unit per translatable field (`headline`, `dateline-place`,
/// `p1`, ..., `photo1-caption`), each split into sentence segments.
///
/// Only translatable text goes out. The file carries the article id and
/// version, each unit a hash of its source, so that a returned file is
/// matched to the right story and version and a changed source is detected
/// (XLIFF 2: the Metadata module; XLIFF 1.2: attributes in the
/// `urn:newsloc:xliff:1` namespace, which CAT tools keep).
///
/// # Examples
///
/// ```
/// use newsloc::{Exporter, WireReader};
///
/// let story = "Ferries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed. Crews cheered.\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// let doc = Exporter::new().export(&article, &"ko".parse().unwrap())?;
/// let p1 = doc.unit("p1").unwrap();
/// assert_eq!(p1.segments().count(), 2);
/// let xml = doc.to_xml()?; // XLIFF 2.0, the exporter's default version
/// assert!(xml.contains("trgLang=\"ko\""));
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Exporter {
    version: Version,
    segment: bool,
    segmenter: Option<Segmenter>,
    unit_per_sentence: bool,
    notes: bool,
    headline_limit: Option<usize>,
    caption_limit: Option<usize>,
    only_changed: bool,
    prefill: bool,
}

impl Default for Exporter {
    fn default() -> Self {
        Exporter::new()
    }
}

impl Exporter {
    /// XLIFF 2.0, sentences segmented with the source language's built-in
    /// rules, notes for translators on, no length limits.
    pub fn new() -> Exporter {
        Exporter {
            version: Version::V2_0,
            segment: true,
            segmenter: None,
            unit_per_sentence: false,
            notes: true,
            headline_limit: None,
            caption_limit: None,
            only_changed: false,
            prefill: false,
        }
    }

    /// The XLIFF version the document is meant for (it decides how the
    /// article's identity travels; the document can still be written as any
    /// version).
    pub fn version(&mut self, version: Version) -> &mut Exporter {
        self.version = version;
        self
    }

    /// Whether units are split into sentences (`false`: one segment per unit).
    pub fn segmentation(&mut self, on: bool) -> &mut Exporter {
        self.segment = on;
        self
    }

    /// Segments with these rules (an SRX file, say) instead of the built-in
    /// ones for the article's language.
    pub fn segmenter(&mut self, segmenter: Segmenter) -> &mut Exporter {
        self.segmenter = Some(segmenter);
        self
    }

    /// One unit per sentence (grouped by article unit) instead of one unit
    /// with several segments, for tools that cannot handle XLIFF 1.2
    /// `<seg-source>`.
    pub fn unit_per_sentence(&mut self, on: bool) -> &mut Exporter {
        self.unit_per_sentence = on;
        self
    }

    /// Whether notes for translators are written (what each unit is, the
    /// editor's note).
    pub fn notes(&mut self, on: bool) -> &mut Exporter {
        self.notes = on;
        self
    }

    /// A length limit, in characters, for the headline.
    pub fn headline_limit(&mut self, chars: usize) -> &mut Exporter {
        self.headline_limit = Some(chars);
        self
    }

    /// A length limit, in characters, for photo captions.
    pub fn caption_limit(&mut self, chars: usize) -> &mut Exporter {
        self.caption_limit = Some(chars);
        self
    }

    /// With [`Exporter::export_with`]: write only the units that need a
    /// translator (a fuzzy or new segment, or named by the editor's note);
    /// the import completes the others from the same returned files
    /// ([`import_with`](crate::import_with)).
    pub fn only_changed(&mut self, on: bool) -> &mut Exporter {
        self.only_changed = on;
        self
    }

    /// Write each segment that has no target with a copy of its source as
    /// target, in state `initial` (1.2 `needs-translation`), for tools
    /// (OmegaT) that only offer segments which already have a target. The
    /// import treats a target still equal to its source as untranslated.
    pub fn prefill_source(&mut self, on: bool) -> &mut Exporter {
        self.prefill = on;
        self
    }

    fn limit(&self, kind: UnitKind) -> Option<usize> {
        match kind {
            UnitKind::Headline => self.headline_limit,
            UnitKind::Caption(_) => self.caption_limit,
            _ => None,
        }
    }

    /// Exports an article for translation into `target`, re-using nothing
    /// (the same as [`Exporter::export_with`] with an empty [`Leverage`],
    /// without the analysis and the notes on repetitions).
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when the target is the article's own language, the
    /// article has nothing to translate, or its id holds a character XML
    /// cannot hold (a control character).
    pub fn export(&self, article: &Article, target: &LanguageIdentifier) -> Result<Document> {
        let segmenter = self.segmenter_for(article);
        let mut doc = self.build(article, target, segmenter.as_ref(), &HashSet::new())?;
        self.finish(&mut doc);
        Ok(doc)
    }

    /// What every export gets last: the prefilled targets, and notes where
    /// converters keep them (a 1.2 file's notes `from="developer"`, which
    /// PO converters keep as extracted comments).
    fn finish(&self, doc: &mut Document) {
        if self.prefill {
            for unit in doc.units_mut() {
                for seg in unit.segments_mut() {
                    if seg.target.is_none() {
                        seg.target = Some(seg.source.clone());
                        seg.state = Some(crate::xliff::State::Initial);
                    }
                }
            }
        }
        if self.version == Version::V1_2 {
            let developer = |notes: &mut [Note]| {
                for n in notes {
                    n.category = Some(DEVELOPER.into());
                }
            };
            for f in &mut doc.files {
                developer(&mut f.notes);
                developer_items(&mut f.items, &developer);
            }
        }
    }

    /// Exports an article for translation into `target`, filling in and
    /// offering what `leverage` holds, and says what the file costs.
    ///
    /// Each segment is, in this order: in context (the same source as a
    /// translated segment of a returned file, with the same previous and
    /// next sources, and its unit not named by the editor's note: filled
    /// in, state `final`); exact (the same source otherwise: filled in,
    /// state `translated`, a note quoting the verb when the note names the
    /// unit); a repetition of an earlier segment of this file; fuzzy (the
    /// best earlier segment scoring 75 or more is offered as a candidate);
    /// or new. The translation memory, when there is one, is asked for
    /// every segment without an in-context match from the returned files.
    /// The markings CAT tools read are described in `docs/reuse.md`.
    ///
    /// With [`Exporter::only_changed`], units that need no translator are
    /// left out of the document (the analysis still lists them); when no
    /// unit needs one, the document has no unit left, and is not for
    /// writing (XLIFF 2 requires a unit per file): check
    /// `document.units().next()`.
    ///
    /// # Errors
    ///
    /// As [`Exporter::export`]; [`Error::Model`] when a returned file is
    /// not a newsloc export of this article; whatever the memory reports.
    pub fn export_with(
        &self,
        article: &Article,
        target: &LanguageIdentifier,
        leverage: &Leverage<'_>,
    ) -> Result<Export> {
        let segmenter = self.segmenter_for(article);
        let mut document = self.build(article, target, segmenter.as_ref(), &HashSet::new())?;
        // the new article's sentences, by unit text: a returned unit with the
        // same text needs no segmenting again
        let ours = super::leverage::sentences_by_unit(&document, article);
        let index = PrevIndex::build(
            leverage.previous_files(),
            article,
            segmenter.as_ref(),
            target,
            &ours,
        )?;
        let whole = if self.unit_per_sentence || segmenter.is_none() {
            HashSet::new()
        } else {
            whole_units(article, &index, &ours)
        };
        if !whole.is_empty() {
            document = self.build(article, target, segmenter.as_ref(), &whole)?;
        }
        let analysis = super::leverage::apply(
            &mut document,
            article,
            target,
            &index,
            leverage,
            &whole,
            self.version == Version::V1_2,
            self.notes,
        )?;
        if self.only_changed {
            super::leverage::keep_changed(&mut document, &analysis);
        }
        self.finish(&mut document);
        Ok(Export { document, analysis })
    }

    fn segmenter_for(&self, article: &Article) -> Option<Segmenter> {
        if self.segment {
            Some(
                self.segmenter
                    .clone()
                    .unwrap_or_else(|| Segmenter::new(&article.language)),
            )
        } else {
            None
        }
    }

    fn build(
        &self,
        article: &Article,
        target: &LanguageIdentifier,
        segmenter: Option<&Segmenter>,
        whole: &HashSet<String>,
    ) -> Result<Document> {
        if *target == article.language {
            return Err(Error::Model {
                unit: None,
                message: format!("the target language {target} is the article's own language"),
            });
        }
        // the id is written in attributes, where XML has no escape for a
        // control character
        if let Some(c) = article.id.chars().find(|&c| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}')
        }) {
            return Err(Error::Model {
                unit: None,
                message: format!(
                    "the article id {:?} holds U+{:04X}, a character XML cannot hold",
                    article.id, c as u32
                ),
            });
        }
        let units = article.units();
        if units.is_empty() {
            return Err(Error::Model {
                unit: None,
                message: format!("article {} has no translatable text", article.id),
            });
        }
        let src = article.language.to_string();
        let trg = target.to_string();
        let mut doc = Document::new(self.version, &src, Some(&trg));
        let v12 = self.version == Version::V1_2;
        if v12 {
            doc.attrs
                .push(Attr::new(format!("xmlns:{NL_PREFIX}"), NL_NS));
        }
        let limited = self.headline_limit.is_some() || self.caption_limit.is_some();
        if limited && !v12 {
            doc.attrs
                .push(Attr::new(format!("xmlns:{SLR_PREFIX}"), SLR_NS));
        }

        let mut file = File::new(&nmtoken(&format!("{}.v{}", article.id, article.version)));
        // the same for every version of the story (the version is in our
        // metadata), so tools that pre-translate by `original` and unit id
        // find the earlier translations
        file.original = Some(format!("{}.{}.json", article.id, src).into());
        file.datatype = Some("plaintext".into());
        file.src_lang = Some(src.as_str().into());
        file.trg_lang = Some(trg.as_str().into());
        if v12 {
            file.attrs.push(Attr::new(
                format!("{NL_PREFIX}:{META_ARTICLE}"),
                article.id.as_str(),
            ));
            file.attrs.push(Attr::new(
                format!("{NL_PREFIX}:{META_VERSION}"),
                article.version.to_string(),
            ));
            // the language exported for, which a tool may rewrite in
            // `target-language`: import checks one against the other
            file.attrs.push(Attr::new(
                format!("{NL_PREFIX}:{META_TARGET_LANG}"),
                trg.as_str(),
            ));
        } else {
            let mut g = MetaGroup::new(Some(META_CATEGORY));
            g.push_meta(META_ARTICLE, &article.id);
            g.push_meta(META_VERSION, &article.version.to_string());
            g.push_meta(META_SOURCE_LANG, &src);
            g.push_meta(META_TARGET_LANG, &trg);
            file.metadata = Some(Metadata {
                groups: List::from([g]),
                ..Metadata::default()
            });
        }
        if limited && !v12 {
            // sizes in Unicode code points after NFC (the module's standard
            // profile), as import counts them
            file.extensions.push(crate::xliff::Raw::new(format!(
                "<{SLR_PREFIX}:profiles generalProfile=\"xliff:codepoints\">\
                 <{SLR_PREFIX}:normalization general=\"nfc\"/></{SLR_PREFIX}:profiles>"
            )));
        }
        if self.notes {
            file.notes.push(category_note(
                "newsloc",
                &format!(
                    "Story {} version {}. Only the story text is for translation: bylines, \
                     credits, usage restrictions and tags are added back unchanged.",
                    article.id, article.version
                ),
            ));
            if let Some(note) = &article.editor_note {
                file.notes.push(category_note("editor", note.text()));
            }
        }

        for unit in &units {
            let segmenter = segmenter.filter(|_| !whole.contains(&unit.id));
            file.items
                .push(self.unit_item(article, unit, segmenter, v12));
        }
        doc.files.push(file);
        Ok(doc)
    }

    fn unit_item(
        &self,
        article: &Article,
        unit: &ArticleUnit<'_>,
        segmenter: Option<&Segmenter>,
        v12: bool,
    ) -> Item {
        let exported = export_text(unit.text, segmenter);
        let hash = source_hash(unit.text);
        let mut notes = Vec::new();
        if self.notes {
            notes.push(category_note("newsloc", &self.describe(article, unit)));
        }
        let limit = self.limit(unit.kind);

        let mut out = Unit::new(&unit.id);
        out.name = Some(unit.id.as_str().into());
        out.space = Some(Space::Preserve);
        out.notes = notes.into();
        out.original_data = exported.data;
        if v12 {
            out.kind = Some(restype(unit.kind).into());
            out.attrs
                .push(Attr::new(format!("{NL_PREFIX}:{META_HASH}"), hash.as_str()));
            if let Some(n) = limit {
                out.attrs.push(Attr::new("maxwidth", n.to_string()));
                out.attrs.push(Attr::new("size-unit", "char"));
            }
        } else {
            let mut g = MetaGroup::new(Some(META_CATEGORY));
            g.push_meta(META_UNIT_KIND, unit.kind.describe());
            g.push_meta(META_HASH, &hash);
            out.metadata = Some(Metadata {
                groups: List::from([g]),
                ..Metadata::default()
            });
            if let Some(n) = limit {
                out.attrs.push(Attr::new(
                    format!("{SLR_PREFIX}:sizeRestriction"),
                    n.to_string(),
                ));
            }
        }
        let mut n = 0;
        for part in exported.parts {
            if part.segment {
                n += 1;
                out.push_segment(Segment::new(Some(&format!("s{n}")), part.content));
            } else {
                out.push_ignorable(part.content);
            }
        }
        if !(self.unit_per_sentence && n > 1) {
            return Item::Unit(out.into());
        }
        // one trans-unit per sentence, grouped by article unit; the
        // whitespace between sentences is not sent (it is restored on import)
        let mut group = Group::new(&unit.id);
        group.name = Some(unit.id.as_str().into());
        group.notes = std::mem::take(&mut out.notes);
        group.metadata = out.metadata.take();
        group.attrs = std::mem::take(&mut out.attrs);
        group.kind = out.kind.take();
        let mut n = 0;
        for part in std::mem::take(&mut out.parts) {
            if let Part::Segment(seg) = part {
                n += 1;
                let mut u = Unit::new(&format!("{}.s{n}", unit.id));
                u.space = Some(Space::Preserve);
                u.original_data = out.original_data.clone();
                if v12 {
                    u.attrs.push(Attr::new(
                        format!("{NL_PREFIX}:{META_UNIT}"),
                        unit.id.as_str(),
                    ));
                } else {
                    let mut g = MetaGroup::new(Some(META_CATEGORY));
                    g.push_meta(META_UNIT, &unit.id);
                    u.metadata = Some(Metadata {
                        groups: List::from([g]),
                        ..Metadata::default()
                    });
                }
                u.push_segment(seg);
                prune_data(&mut u);
                group.items.push(Item::Unit(u.into()));
            }
        }
        Item::Group(group.into())
    }

    fn describe(&self, article: &Article, unit: &ArticleUnit<'_>) -> String {
        let mut s = match unit.kind {
            UnitKind::Headline => "Headline.".to_string(),
            UnitKind::DatelinePlace => {
                "Place name in the dateline: write it as news copy in your language writes this \
                 place."
                    .to_string()
            }
            UnitKind::Paragraph(n) => format!("Body paragraph {n}."),
            UnitKind::Caption(n) => {
                let photo = article
                    .body
                    .iter()
                    .filter_map(|b| match b {
                        Block::Photo(p) => Some(p),
                        _ => None,
                    })
                    .nth(n - 1);
                match photo {
                    Some(p) => format!(
                        "Caption of photo {n}. The credit ({}) and any usage restrictions are \
                         added back unchanged: do not translate them.",
                        p.credit
                    ),
                    None => format!("Caption of photo {n}."),
                }
            }
        };
        if let Some(n) = self.limit(unit.kind) {
            s.push_str(&format!(" At most {n} characters."));
        }
        s
    }
}

/// An export: the document and what it costs.
#[derive(Debug, Clone)]
pub struct Export {
    /// The document, ready to write.
    pub document: Document,
    /// Words per re-use category and each segment's category.
    pub analysis: Analysis,
}

/// The units to send as one segment: those whose sentences a CAT tool
/// segmented so differently in a returned file that no sentence pairs could
/// be rebuilt, while the unit as a whole is unchanged.
fn whole_units(
    article: &Article,
    index: &PrevIndex,
    ours: &std::collections::HashMap<String, Vec<String>>,
) -> HashSet<String> {
    let mut out = HashSet::new();
    if index.is_empty() {
        return out;
    }
    for unit in article.units() {
        let text = canonical(unit.text);
        if index.unit(&text).is_none() {
            continue;
        }
        let all_found = ours
            .get(&text)
            .into_iter()
            .flatten()
            .all(|s| index.exact(s).next().is_some());
        if !all_found {
            out.insert(unit.id.clone());
        }
    }
    out
}

/// Drops original data that no code of the unit refers to.
fn prune_data(unit: &mut Unit) {
    let mut used = std::collections::HashSet::new();
    for part in &unit.parts {
        for code in part.source().codes() {
            for r in [&code.data_ref, &code.data_ref_end].into_iter().flatten() {
                used.insert(r.clone());
            }
        }
    }
    unit.original_data.retain(|d| used.contains(&d.id));
}

/// The `from` of every note of a 1.2 export.
const DEVELOPER: &str = "developer";

fn developer_items(items: &mut [Item], developer: &impl Fn(&mut [Note])) {
    for item in items {
        match item {
            Item::Unit(u) => developer(&mut u.notes),
            Item::Group(g) => {
                developer(&mut g.notes);
                developer_items(&mut g.items, developer);
            }
            _ => {}
        }
    }
}

fn category_note(category: &str, text: &str) -> Note {
    let mut n = Note::new(text);
    n.category = Some(category.into());
    n
}

fn restype(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Headline => "x-headline",
        UnitKind::DatelinePlace => "x-dateline-place",
        UnitKind::Paragraph(_) => "x-paragraph",
        UnitKind::Caption(_) => "x-caption",
    }
}

/// An XML NMTOKEN made from any string (file ids must be one in XLIFF 2).
fn nmtoken(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if t.is_empty() { "_".into() } else { t }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nmtokens() {
        assert_eq!(nmtoken("port reopens/2"), "port_reopens_2");
        assert_eq!(nmtoken(""), "_");
    }
}
