//! Compaction of a read Document's strings: each unit (and each header)
//! gets its own small buffer holding only the text its strings show, so
//! that the whole file's text, markup included, is not kept alive.
//!
//! The reader makes every string a view into one shared copy of the file
//! (no allocation per string while parsing). As each piece reaches the
//! [`Builder`](crate::stream::Builder), [`compact`] copies the text of its
//! views, still in cache, into one buffer for the piece and points the
//! views there; once every piece is done the file's copy is freed. A
//! Document then holds its text once and no markup.

use crate::list::List;

use crate::document::{
    Attr, Candidate, Code, Content, Data, Document, File, Group, Ignorable, Inline, Marker,
    MetaGroup, MetaItem, Metadata, Note, Part, Raw, Segment, SegmentExtra, Unit,
};
use crate::str::{Compactor, Str};

/// Points every view of `piece` into one new buffer of its own.
pub(crate) fn compact<T: Strs>(piece: &mut T, c: &mut Compactor) {
    piece.strs(&mut |s| c.gather(s));
    if c.seal() {
        piece.strs(&mut |s| c.place(s));
    }
}

/// Something holding [`Str`]s: hands each to `f`, always in the same order.
/// Every field is named (no `..`), so that a new field cannot be missed.
pub(crate) trait Strs {
    /// Calls `f` on every string, in a fixed order.
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F);
}

impl Strs for Str {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        f(self)
    }
}

impl<T: Strs> Strs for Option<T> {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        if let Some(x) = self {
            x.strs(f);
        }
    }
}

impl<T: Strs> Strs for Box<T> {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        (**self).strs(f)
    }
}

impl<T: Strs> Strs for List<T> {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        for x in self.iter_mut() {
            x.strs(f);
        }
    }
}

impl Strs for Raw {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        f(&mut self.0)
    }
}

impl Strs for Attr {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Attr { name, value } = self;
        f(name);
        f(value);
    }
}

impl Strs for Note {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Note {
            id,
            category,
            priority: _,
            applies_to: _,
            text,
            attrs,
        } = self;
        id.strs(f);
        category.strs(f);
        f(text);
        attrs.strs(f);
    }
}

impl Strs for Metadata {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Metadata { id, groups } = self;
        id.strs(f);
        groups.strs(f);
    }
}

impl Strs for MetaGroup {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let MetaGroup {
            id,
            category,
            applies_to: _,
            items,
        } = self;
        id.strs(f);
        category.strs(f);
        items.strs(f);
    }
}

impl Strs for MetaItem {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        match self {
            MetaItem::Meta { kind, value } => {
                f(kind);
                f(value);
            }
            MetaItem::Group(g) => g.strs(f),
        }
    }
}

impl Strs for Data {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Data { id, text, attrs } = self;
        f(id);
        f(text);
        attrs.strs(f);
    }
}

impl Strs for Content {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        self.0.strs(f)
    }
}

impl Strs for Inline {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        match self {
            Inline::Text(s) | Inline::MarkerEnd(s) => f(s),
            Inline::Code(c) => c.strs(f),
            Inline::Paired(c, inner) => {
                c.strs(f);
                inner.strs(f);
            }
            Inline::Marker(m, inner) => {
                m.strs(f);
                inner.strs(f);
            }
            Inline::MarkerStart(m) => m.strs(f),
            Inline::Raw(r) => r.strs(f),
        }
    }
}

impl Strs for Code {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Code {
            kind: _,
            tag: _,
            id,
            start_ref,
            isolated: _,
            data_ref,
            data_ref_end,
            native,
            can_copy: _,
            can_delete: _,
            can_reorder: _,
            can_overlap: _,
            kind_name,
            equiv,
            extra,
        } = self;
        for s in [
            id,
            start_ref,
            data_ref,
            data_ref_end,
            native,
            kind_name,
            equiv,
        ] {
            s.strs(f);
        }
        if let Some(e) = extra {
            let crate::document::CodeExtra {
                sub_type,
                disp,
                disp_end,
                equiv_end,
                attrs,
            } = &mut **e;
            for s in [sub_type, disp, disp_end, equiv_end] {
                s.strs(f);
            }
            attrs.strs(f);
        }
    }
}

impl Strs for Marker {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Marker {
            id,
            translate: _,
            kind,
            value,
            reference,
            attrs,
        } = self;
        for s in [id, kind, value, reference] {
            s.strs(f);
        }
        attrs.strs(f);
    }
}

impl Strs for Segment {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Segment {
            id,
            state: _,
            sub_state,
            source,
            target,
            extra,
        } = self;
        id.strs(f);
        sub_state.strs(f);
        source.strs(f);
        target.strs(f);
        extra.strs(f);
    }
}

impl Strs for SegmentExtra {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let SegmentExtra {
            can_resegment: _,
            source_lang,
            source_space: _,
            target_lang,
            target_space: _,
            attrs,
            source_attrs,
            target_attrs,
        } = self;
        source_lang.strs(f);
        target_lang.strs(f);
        attrs.strs(f);
        source_attrs.strs(f);
        target_attrs.strs(f);
    }
}

impl Strs for Ignorable {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Ignorable { id, source, target } = self;
        id.strs(f);
        source.strs(f);
        target.strs(f);
    }
}

impl Strs for Part {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        match self {
            Part::Segment(s) => s.strs(f),
            Part::Ignorable(i) => i.strs(f),
        }
    }
}

impl Strs for Candidate {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Candidate {
            id,
            reference,
            origin,
            similarity: _,
            match_quality: _,
            source,
            target,
            attrs,
            raw,
        } = self;
        id.strs(f);
        reference.strs(f);
        origin.strs(f);
        source.strs(f);
        target.strs(f);
        attrs.strs(f);
        raw.strs(f);
    }
}

impl Strs for Unit {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Unit {
            id,
            name,
            kind,
            translate: _,
            space: _,
            notes,
            metadata,
            candidates,
            original_data,
            extensions,
            parts,
            attrs,
        } = self;
        f(id);
        name.strs(f);
        kind.strs(f);
        notes.strs(f);
        metadata.strs(f);
        candidates.strs(f);
        original_data.strs(f);
        extensions.strs(f);
        parts.strs(f);
        attrs.strs(f);
    }
}

/// A group's header (its items are compacted one by one as they come).
impl Strs for Group {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Group {
            id,
            name,
            kind,
            translate: _,
            space: _,
            notes,
            metadata,
            extensions,
            items: _,
            attrs,
        } = self;
        for s in [id, name, kind] {
            s.strs(f);
        }
        notes.strs(f);
        metadata.strs(f);
        extensions.strs(f);
        attrs.strs(f);
    }
}

/// A file's header (its items are compacted one by one as they come).
impl Strs for File {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let File {
            id,
            original,
            datatype,
            src_lang,
            trg_lang,
            translate: _,
            header,
            skeleton,
            notes,
            metadata,
            extensions,
            items: _,
            attrs,
        } = self;
        for s in [id, original, datatype, src_lang, trg_lang] {
            s.strs(f);
        }
        header.strs(f);
        skeleton.strs(f);
        notes.strs(f);
        metadata.strs(f);
        extensions.strs(f);
        attrs.strs(f);
    }
}

/// The root (its files are compacted one by one as they come).
impl Strs for Document {
    fn strs<F: FnMut(&mut Str)>(&mut self, f: &mut F) {
        let Document {
            version: _,
            src_lang,
            trg_lang,
            attrs,
            prolog,
            epilog,
            extensions,
            notes,
            files: _,
            origin: _,
        } = self;
        src_lang.strs(f);
        trg_lang.strs(f);
        attrs.strs(f);
        prolog.strs(f);
        epilog.strs(f);
        extensions.strs(f);
        notes.strs(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Item;

    /// Every string of `items`, groups' headers and items included.
    fn item_strs(items: &mut List<Item>, f: &mut impl FnMut(&mut Str)) {
        for i in items.iter_mut() {
            match i {
                Item::Unit(u) => u.strs(f),
                Item::Group(g) => {
                    g.strs(f);
                    item_strs(&mut g.items, f);
                }
                Item::Raw(r) => r.strs(f),
            }
        }
    }

    /// No string of a Document read from a file is a view into the copy
    /// of the whole file, and each unit's strings share one buffer that
    /// holds their text and nothing else.
    #[test]
    fn a_read_document_keeps_no_view_into_the_file() {
        let xml = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
 <file id="f1" original="story.html">
  <notes><note category="desk">Check names</note></notes>
  <group id="g1" name="body">
   <unit id="u1" name="lead"><segment id="s1"><source>Hello <pc id="1">big</pc> world</source><target>Bonjour</target></segment></unit>
  </group>
  <unit id="u2"><notes><note>Tail</note></notes><segment><source>Two &amp; three</source></segment></unit>
 </file>
</xliff>"#;
        for doc in [
            Document::from_slice(xml.as_bytes()).unwrap(),
            xml.parse::<Document>().unwrap(),
        ] {
            let mut doc = doc;
            let mut all = Vec::new();
            let mut note = |s: &mut Str| all.push((s.to_string(), s.shared_buffer()));
            doc.strs(&mut note);
            for f in doc.files.iter_mut() {
                f.strs(&mut note);
                item_strs(&mut f.items, &mut note);
            }
            assert!(all.iter().any(|(s, _)| s == "lead"));
            for (s, buf) in &all {
                assert!(
                    buf.is_none_or(|(_, len)| len < 40),
                    "{s:?} is a view into a buffer of {buf:?}"
                );
            }
            // Unit u1's strings, in walk order, share one buffer of
            // exactly their text: "u1" "lead" "s1" "Hello " "1" "big"
            // " world" "Bonjour".
            let u1 = doc.units().next().unwrap();
            let (_, buf) = all.iter().find(|(s, _)| s == "lead").unwrap();
            assert_eq!(
                buf.map(|b| b.1),
                Some("u1leads1Hello 1big worldBonjour".len())
            );
            assert_eq!(&*u1.id, "u1");
        }
    }
}
