//! The Metadata module (`mda:metadata`), read into the model.

use super::super::*;

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    // ----- metadata and matches -----------------------------------------

    #[inline(never)]
    pub(in crate::v2::reader) fn metadata(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
    ) -> Result<Option<Metadata>, Error> {
        if tag.local != "metadata" {
            self.problem(
                tag.start,
                ProblemKind::Module(Module::Metadata),
                format!("<{}> not allowed here", tag.qname),
            );
            self.skip(&tag)?;
            return Ok(None);
        }
        let mut md = Metadata::default();
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => md.id = Some(self.id_attr(&tag, a)),
                _ => {
                    let mut sink = List::new();
                    self.extra(&tag, a, &mut sink);
                }
            }
        }
        let mut ids = HashSet::default();
        if let Some(id) = &md.id {
            ids.insert(id.clone());
        }
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Mda && t.local == "metaGroup" {
                        let g = self.meta_group(t, a, &mut ids, 1)?;
                        md.groups.push(g);
                    } else {
                        self.refuse(&t, "<mda:metadata>")?;
                    }
                }
            }
        }
        self.close(&tag);
        if md.groups.is_empty() {
            self.problem(
                tag.start,
                ProblemKind::Module(Module::Metadata),
                "<mda:metadata> without <mda:metaGroup>",
            );
        }
        Ok(Some(md))
    }

    pub(in crate::v2::reader) fn meta_group(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        ids: &mut HashSet<Str>,
        level: usize,
    ) -> Result<MetaGroup, Error> {
        let mut g = MetaGroup::default();
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => {
                    let id = self.id_attr(&tag, a);
                    if !ids.insert(id.clone()) {
                        self.problem(
                            tag.start,
                            ProblemKind::Module(Module::Metadata),
                            format!("metadata id \"{id}\" is not unique"),
                        );
                    }
                    g.id = Some(id);
                }
                (Ns::None, "category") => g.category = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "appliesTo") => match AppliesTo::parse(&a.value) {
                    Some(x @ (AppliesTo::Source | AppliesTo::Target | AppliesTo::Ignorable)) => {
                        g.applies_to = Some(x)
                    }
                    _ => self.problem(
                        tag.start,
                        ProblemKind::Module(Module::Metadata),
                        format!(
                            "appliesTo=\"{}\" must be source, target or ignorable",
                            a.value
                        ),
                    ),
                },
                _ => {
                    let mut sink = List::new();
                    self.extra(&tag, a, &mut sink);
                }
            }
        }
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Mda && t.local == "metaGroup" && level >= MAX_MODULE_DEPTH {
                        self.problem(
                            t.start,
                            ProblemKind::Module(Module::Metadata),
                            format!("<mda:metaGroup> nested deeper than {MAX_MODULE_DEPTH}"),
                        );
                        self.skip(&t)?;
                    } else if t.ns == Ns::Mda && t.local == "metaGroup" {
                        let inner = self.meta_group(t, a, ids, level + 1)?;
                        g.items.push(MetaItem::Group(inner));
                    } else if t.ns == Ns::Mda && t.local == "meta" {
                        let mut kind = None;
                        for x in &a {
                            if x.ns == Ns::None && x.local == "type" {
                                kind = Some(self.r.ctx.str(&x.value));
                            } else {
                                let mut sink = List::new();
                                self.extra(&t, x, &mut sink);
                            }
                        }
                        if kind.is_none() {
                            self.problem(
                                t.start,
                                ProblemKind::Module(Module::Metadata),
                                "<mda:meta> without type",
                            );
                        }
                        let value = self.text_content(&t, false)?;
                        g.items.push(MetaItem::Meta {
                            kind: kind.unwrap_or_default(),
                            value,
                        });
                    } else {
                        self.refuse(&t, "<mda:metaGroup>")?;
                    }
                }
            }
        }
        self.close(&tag);
        if g.items.is_empty() {
            self.problem(
                tag.start,
                ProblemKind::Module(Module::Metadata),
                "<mda:metaGroup> is empty",
            );
        }
        Ok(g)
    }
}
