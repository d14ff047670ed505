//! Heap accounting: how many bytes a [`Document`] holds, counted from its
//! parts. An instrument for this crate's benches (which print it beside
//! the count of a global allocator) and tests, compiled only with the
//! `heap-size` feature, which only they enable: it is not part of the API.

use crate::document::{Attr, CodeExtra, SegmentExtra};
use crate::document::{
    Code, Content, Document, File, Group, Inline, Item, Marker, MetaGroup, MetaItem, Metadata,
    Note, Part, Raw, Unit,
};
use crate::list::List;
use crate::str::Str;

impl Document {
    /// An estimate of the heap memory the document holds, in bytes: the
    /// sizes of every allocation it owns (capacities, not lengths), without
    /// allocator overhead. Each shared text buffer (see [`Str`]) is counted
    /// once.
    pub fn heap_size(&self) -> usize {
        self.heap(&mut Heap::default())
    }

    fn heap(&self, h: &mut Heap) -> usize {
        let mut n = h.opt(&self.src_lang) + h.opt(&self.trg_lang);
        n += attrs_size(&self.attrs, h) + raws_size(&self.prolog, h) + raws_size(&self.epilog, h);
        n += raws_size(&self.extensions, h) + notes_size(&self.notes, h);
        n += vec_size(&self.files);
        for f in &self.files {
            n += f.heap(h);
        }
        n
    }
}

impl File {
    fn heap(&self, h: &mut Heap) -> usize {
        let mut n = h.opt(&self.id)
            + h.opt(&self.original)
            + h.opt(&self.datatype)
            + h.opt(&self.src_lang)
            + h.opt(&self.trg_lang);
        n += raws_size(&self.header, h) + self.skeleton.as_ref().map_or(0, |r| h.str(&r.0));
        n += notes_size(&self.notes, h) + self.metadata.as_ref().map_or(0, |x| x.heap(h));
        n += raws_size(&self.extensions, h) + attrs_size(&self.attrs, h);
        n + items_size(&self.items, h)
    }
}

impl Group {
    fn heap(&self, h: &mut Heap) -> usize {
        let mut n = h.opt(&self.id) + h.opt(&self.name) + h.opt(&self.kind);
        n += notes_size(&self.notes, h) + self.metadata.as_ref().map_or(0, |x| x.heap(h));
        n += raws_size(&self.extensions, h) + attrs_size(&self.attrs, h);
        n + items_size(&self.items, h)
    }
}

impl Unit {
    fn heap(&self, h: &mut Heap) -> usize {
        let mut n = h.str(&self.id) + h.opt(&self.name) + h.opt(&self.kind);
        n += notes_size(&self.notes, h) + self.metadata.as_ref().map_or(0, |x| x.heap(h));
        n += vec_size(&self.candidates);
        for c in &self.candidates {
            n += h.opt(&c.id) + h.opt(&c.reference) + h.opt(&c.origin);
            n += c.source.heap(h) + c.target.heap(h) + attrs_size(&c.attrs, h);
            n += c.raw.as_ref().map_or(0, |r| h.str(&r.0));
        }
        n += vec_size(&self.original_data);
        for d in &self.original_data {
            n += h.str(&d.id) + h.str(&d.text) + attrs_size(&d.attrs, h);
        }
        n += raws_size(&self.extensions, h) + attrs_size(&self.attrs, h) + vec_size(&self.parts);
        for p in &self.parts {
            n += match p {
                Part::Segment(s) => {
                    h.opt(&s.id)
                        + h.opt(&s.sub_state)
                        + s.source.heap(h)
                        + s.target.as_ref().map_or(0, |x| x.heap(h))
                        + s.extra.as_ref().map_or(0, |e| {
                            std::mem::size_of::<SegmentExtra>()
                                + h.opt(&e.target_lang)
                                + h.opt(&e.source_lang)
                                + attrs_size(&e.attrs, h)
                                + attrs_size(&e.source_attrs, h)
                                + attrs_size(&e.target_attrs, h)
                        })
                }
                Part::Ignorable(i) => {
                    h.opt(&i.id) + i.source.heap(h) + i.target.as_ref().map_or(0, |x| x.heap(h))
                }
            };
        }
        n
    }
}

impl Content {
    fn heap(&self, h: &mut Heap) -> usize {
        let mut n = vec_size(&self.0);
        for i in &self.0 {
            n += match i {
                Inline::Text(t) => h.str(t),
                Inline::Code(c) => std::mem::size_of::<Code>() + c.heap(h),
                Inline::Paired(c, inner) => std::mem::size_of::<Code>() + c.heap(h) + inner.heap(h),
                Inline::Marker(m, inner) => {
                    std::mem::size_of::<Marker>() + m.heap(h) + inner.heap(h)
                }
                Inline::MarkerStart(m) => std::mem::size_of::<Marker>() + m.heap(h),
                Inline::MarkerEnd(r) => h.str(r),
                Inline::Raw(r) => h.str(&r.0),
            };
        }
        n
    }
}

impl Code {
    fn heap(&self, h: &mut Heap) -> usize {
        h.opt(&self.id)
            + h.opt(&self.start_ref)
            + h.opt(&self.data_ref)
            + h.opt(&self.data_ref_end)
            + h.opt(&self.native)
            + h.opt(&self.kind_name)
            + h.opt(&self.equiv)
            + self.extra.as_ref().map_or(0, |e| {
                std::mem::size_of::<CodeExtra>()
                    + h.opt(&e.sub_type)
                    + h.opt(&e.disp)
                    + h.opt(&e.disp_end)
                    + h.opt(&e.equiv_end)
                    + attrs_size(&e.attrs, h)
            })
    }
}

impl Marker {
    fn heap(&self, h: &mut Heap) -> usize {
        h.opt(&self.id)
            + h.opt(&self.kind)
            + h.opt(&self.value)
            + h.opt(&self.reference)
            + attrs_size(&self.attrs, h)
    }
}

impl Metadata {
    fn heap(&self, h: &mut Heap) -> usize {
        h.opt(&self.id)
            + vec_size(&self.groups)
            + self.groups.iter().map(|x| x.heap(h)).sum::<usize>()
    }
}

impl MetaGroup {
    fn heap(&self, h: &mut Heap) -> usize {
        let mut n = h.opt(&self.id) + h.opt(&self.category) + vec_size(&self.items);
        for i in &self.items {
            n += match i {
                MetaItem::Meta { kind, value } => h.str(kind) + h.str(value),
                MetaItem::Group(g) => g.heap(h),
            };
        }
        n
    }
}

/// Counts heap memory: owned strings in full, each shared buffer once.
#[derive(Default)]
struct Heap {
    /// Shared buffers already counted (start address, length).
    buffers: foldhash::HashSet<(*const u8, usize)>,
}

impl Heap {
    /// Bytes of a string: its allocation (text and the reference-count
    /// header) when it owns its text; a shared buffer the first time it is
    /// met, then nothing.
    fn str(&mut self, s: &Str) -> usize {
        const HEADER: usize = 2 * std::mem::size_of::<usize>();
        if s.is_static() {
            return 0;
        }
        match s.shared_buffer() {
            Some(buf) => {
                if self.buffers.insert(buf) {
                    buf.1 + HEADER
                } else {
                    0
                }
            }
            None if s.is_empty() => 0,
            None => s.len() + HEADER,
        }
    }

    fn opt(&mut self, s: &Option<Str>) -> usize {
        s.as_ref().map_or(0, |s| self.str(s))
    }
}

/// A list's allocation: its items and, when it has any, the length and
/// capacity header of a [`List`].
fn vec_size<T>(v: &List<T>) -> usize {
    if v.capacity() == 0 {
        0
    } else {
        2 * std::mem::size_of::<usize>() + v.capacity() * std::mem::size_of::<T>()
    }
}

fn attrs_size(a: &List<Attr>, h: &mut Heap) -> usize {
    vec_size(a)
        + a.iter()
            .map(|a| h.str(&a.name) + h.str(&a.value))
            .sum::<usize>()
}

fn raws_size(r: &List<Raw>, h: &mut Heap) -> usize {
    vec_size(r) + r.iter().map(|r| h.str(&r.0)).sum::<usize>()
}

fn notes_size(n: &List<Note>, h: &mut Heap) -> usize {
    vec_size(n)
        + n.iter()
            .map(|n| h.opt(&n.id) + h.opt(&n.category) + h.str(&n.text) + attrs_size(&n.attrs, h))
            .sum::<usize>()
}

fn items_size(items: &List<Item>, h: &mut Heap) -> usize {
    let mut n = vec_size(items);
    for i in items {
        n += match i {
            Item::Unit(u) => std::mem::size_of::<Unit>() + u.heap(h),
            Item::Group(g) => std::mem::size_of::<Group>() + g.heap(h),
            Item::Raw(r) => h.str(&r.0),
        };
    }
    n
}

#[cfg(test)]
mod tests {
    use crate::document::{Content, Document, File, Group, Item, Raw, Segment, Unit, Version};

    fn sample() -> Document {
        let mut doc = Document::new(Version::V2_0, "en", Some("de"));
        let mut f = File::new("f1");
        let mut g = Group::new("g1");
        g.items.push(Unit::new("u2").into());
        f.items.push(Unit::new("u1").into());
        f.items.push(Item::Raw(Raw::new("<!-- c -->")));
        f.items.push(g.into());
        doc.files.push(f);
        doc
    }

    #[test]
    fn an_empty_document_holds_nothing() {
        assert_eq!(Document::default().heap_size(), 0);
    }

    #[test]
    fn heap_size_grows_with_content() {
        let doc = sample();
        let small = doc.heap_size();
        let mut big = doc.clone();
        for u in big.units_mut() {
            u.push_segment(Segment::new(None, Content::text(&"x".repeat(100))));
        }
        // Two units, each with 100 bytes of text and its string header.
        let text = 2 * (100 + 2 * std::mem::size_of::<usize>());
        assert!(
            big.heap_size() >= small + text,
            "{} vs {}",
            big.heap_size(),
            small
        );
    }
}
