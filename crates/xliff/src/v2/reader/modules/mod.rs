//! The optional modules kept verbatim (Format Style, Size and Length
//! Restriction, Validation, Glossary, Resource Data, Change Tracking): the
//! walk that keeps them and the element and attribute rules of each.

use super::*;

mod ctr;
mod fs;
mod gls;
mod mda;
mod mtc;
mod res;
mod slr;
mod val;

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    /// Records the `id` attributes in an extension element kept verbatim
    /// (its own and its descendants'); they must be unique among the
    /// extension elements of the enclosing file, group or unit.
    pub(in crate::v2::reader) fn ext_ids(&mut self, t: &Tag<'a>, raw: &Raw, seen: &mut Vec<Str>) {
        if t.ns != Ns::Other {
            return;
        }
        for id in crate::xml::verbatim_ids(raw.as_str()) {
            if seen.iter().any(|s| &**s == id) {
                self.problem(
                    t.start,
                    ProblemKind::DuplicateId,
                    format!("extension element id \"{id}\" is not unique here"),
                );
            } else {
                seen.push(id.into());
            }
        }
    }

    /// Checks the Format Style and Size Restriction attributes of a core
    /// element (`local`, at `at` and `depth`).
    #[inline(never)]
    pub(in crate::v2::reader) fn module_attrs(
        &mut self,
        qname: &str,
        local: &str,
        at: usize,
        depth: usize,
        attrs: &[A<'a>],
    ) {
        let isolated = attrs
            .iter()
            .any(|a| a.ns == Ns::None && a.local == "isolated" && a.value == "yes");
        // Neither module's attributes go on an `<ec>` that ends a `<sc>`.
        let paired_ec = local == "ec" && !isolated;
        let mut fs = Vec::new();
        fs::check_attrs(qname, paired_ec, attrs, &mut fs);
        let mut slr = Vec::new();
        self.slr_attrs(depth, paired_ec, attrs, &mut slr);
        for p in fs {
            self.problem(at, ProblemKind::Module(Module::FormatStyle), p);
        }
        for p in slr {
            self.problem(at, ProblemKind::Module(Module::SizeRestriction), p);
        }
    }

    /// Keeps a module or extension element verbatim; elements of the
    /// Validation, Glossary, Resource Data and Change Tracking modules are
    /// checked on the way, and the ids in an `slr:data` are noted for
    /// `slr:sizeInfoRef`.
    #[inline(never)]
    pub(in crate::v2::reader) fn capture_module(
        &mut self,
        tag: &Tag<'a>,
        attrs: &[A<'a>],
    ) -> Result<Raw, Error> {
        if tag.ns == Ns::Slr && tag.local == "profiles" {
            self.slr_codepoints = attrs.iter().any(|a| {
                a.ns == Ns::None && a.local == "generalProfile" && a.value == "xliff:codepoints"
            });
        }
        if tag.ns == Ns::Slr && tag.local == "data" {
            let raw = self.capture(tag)?;
            // The ids of the elements in it (not its own).
            let inner = raw.as_str().split_once('>').map_or("", |(_, rest)| rest);
            let ids = crate::xml::verbatim_ids(inner)
                .into_iter()
                .map(Str::from)
                .collect();
            self.fc.slr_data.push((tag.depth.saturating_sub(1), ids));
            return Ok(raw);
        }
        let ctr = self.is_ctr(tag);
        if !ctr && !matches!(tag.ns, Ns::Val | Ns::Gls | Ns::Res) {
            return self.capture(tag);
        }
        let mut st = ModuleCheck::default();
        if ctr {
            if tag.local != "changeTrack" {
                self.problem(
                    tag.start,
                    ProblemKind::Module(Module::ChangeTracking),
                    format!("<{}> must be inside a ctr:changeTrack", tag.qname),
                );
            }
            self.ctr_elem(tag, attrs, &mut st);
        } else {
            self.module_elem(tag, attrs, &mut st);
        }
        let walked = self.module_walk(tag, &mut st, 1)?;
        if ctr {
            self.ctr_end(tag, walked.elements, &mut st);
        }
        let end = if tag.empty {
            tag.start + self.r.last_text().len()
        } else {
            self.r.last_end()
        };
        let text = self.r.ctx.slice(tag.start, end);
        let raw = self.standalone(text, tag);
        self.close(tag);
        Ok(raw)
    }

    /// Walks the children of a module element: whether it has content
    /// (text or elements) and how many child elements.
    pub(in crate::v2::reader) fn module_walk(
        &mut self,
        tag: &Tag<'a>,
        st: &mut ModuleCheck,
        level: usize,
    ) -> Result<Walked, Error> {
        let mut walked = Walked::default();
        let element_only = self.element_only(tag);
        let parent_ctr = self.is_ctr(tag);
        while let Some(c) = self.child(tag)? {
            match c {
                Child::Text(t, at) => {
                    let text = !t.trim().is_empty();
                    walked.content |= text;
                    if text && element_only {
                        self.problem(
                            at,
                            ProblemKind::UnexpectedText,
                            format!("text not allowed in <{}>", tag.qname),
                        );
                    }
                }
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    walked.content = true;
                    walked.elements += 1;
                    if level >= MAX_MODULE_DEPTH {
                        self.problem(
                            t.start,
                            ProblemKind::UnexpectedElement,
                            format!("module elements nested deeper than {MAX_MODULE_DEPTH}"),
                        );
                        self.skip(&t)?;
                        continue;
                    }
                    self.module_child(tag, parent_ctr, &t);
                    if t.ns == Ns::Gls && t.local == "glossEntry" {
                        st.entry_has_meaning = false;
                    }
                    let ctr = self.is_ctr(&t);
                    if ctr {
                        self.ctr_elem(&t, &a, st);
                    } else {
                        self.module_elem(&t, &a, st);
                    }
                    let inner = self.module_walk(&t, st, level + 1)?;
                    if ctr {
                        self.ctr_end(&t, inner.elements, st);
                    }
                    if t.ns == Ns::Gls && t.local == "glossEntry" && !st.entry_has_meaning {
                        self.problem(
                            t.start,
                            ProblemKind::Module(Module::Glossary),
                            "gls:glossEntry needs a translation or a definition",
                        );
                    }
                    if t.ns == Ns::Res && matches!(t.local, "source" | "target" | "reference") {
                        let href = a.iter().any(|x| x.ns == Ns::None && x.local == "href");
                        if href == inner.content {
                            self.problem(
                                t.start,
                                ProblemKind::Module(Module::ResourceData),
                                format!("<{}> needs exactly one of href and content", t.qname),
                            );
                        }
                    }
                    self.close(&t);
                }
            }
        }
        Ok(walked)
    }

    /// Checks one element of the Validation, Glossary or Resource Data
    /// module.
    pub(in crate::v2::reader) fn module_elem(
        &mut self,
        t: &Tag<'a>,
        attrs: &[A<'a>],
        st: &mut ModuleCheck,
    ) {
        let mut problems = Vec::new();
        match t.ns {
            Ns::Val => val::check_elem(t, attrs, &mut problems),
            Ns::Gls => gls::check_elem(t, st, &mut problems),
            Ns::Res => res::check_elem(t, attrs, self.src_lang.as_deref(), st, &mut problems),
            _ => {}
        }
        if matches!(t.ns, Ns::Gls | Ns::Res)
            && let Some(id) = attr(attrs, "id")
            && !st.ids.insert(id.into())
        {
            problems.push(format!("id \"{id}\" is not unique in the module"));
        }
        let kind = ProblemKind::Module(match t.ns {
            Ns::Val => Module::Validation,
            Ns::Gls => Module::Glossary,
            _ => Module::ResourceData,
        });
        for p in problems {
            self.problem(t.start, kind, p);
        }
    }

    /// True for an element of the Change Tracking module (recognised by
    /// its namespace: it has no [`Ns`] of its own).
    pub(in crate::v2::reader) fn is_ctr(&self, t: &Tag<'a>) -> bool {
        t.ns == Ns::Other && self.resolve(split_name(t.qname).0) == Some(NS_CTR)
    }

    /// True for an element of XLIFF core or of an XLIFF module (any
    /// namespace the XLIFF TC defines), as opposed to an extension.
    pub(in crate::v2::reader) fn xliff_defined(&self, t: &Tag<'a>) -> bool {
        match t.ns {
            Ns::Core | Ns::Mda | Ns::Mtc | Ns::Fs | Ns::Slr | Ns::Val | Ns::Gls | Ns::Res => true,
            Ns::Other => self
                .ns
                .resolve(split_name(t.qname).0)
                .is_some_and(|uri| uri.starts_with("urn:oasis:names:tc:xliff:")),
            Ns::Xml | Ns::None => false,
        }
    }

    /// True for a module element whose content model holds elements only
    /// (no text).
    pub(in crate::v2::reader) fn element_only(&self, t: &Tag<'a>) -> bool {
        match t.ns {
            Ns::Gls => matches!(t.local, "glossary" | "glossEntry"),
            Ns::Val => matches!(t.local, "validation" | "rule"),
            Ns::Res => matches!(t.local, "resourceData" | "resourceItem" | "resourceItemRef"),
            Ns::Other => {
                matches!(t.local, "changeTrack" | "revisions" | "revision") && self.is_ctr(t)
            }
            _ => false,
        }
    }

    /// Checks that `child` may stand in the module element `parent`:
    /// Change Tracking elements nest in their fixed order, and where a
    /// module leaves room for extensions (`gls:glossEntry`), elements of
    /// XLIFF core and modules are not extensions: a module's elements go
    /// only where that module places them. (`res:source` and `res:target`
    /// hold the resource itself, any XML, XLIFF included: not an extension
    /// point.)
    pub(in crate::v2::reader) fn module_child(
        &mut self,
        parent: &Tag<'a>,
        parent_ctr: bool,
        child: &Tag<'a>,
    ) {
        let ok = if parent_ctr {
            let want = match parent.local {
                "changeTrack" => Some("revisions"),
                "revisions" => Some("revision"),
                "revision" => Some("item"),
                _ => None,
            };
            want.is_some_and(|w| child.local == w) && self.is_ctr(child)
        } else if parent.ns == Ns::Gls && parent.local == "glossEntry" {
            child.ns == Ns::Gls || !self.xliff_defined(child)
        } else {
            true
        };
        if !ok {
            let why = if parent_ctr {
                ""
            } else {
                ": only extensions (elements of other namespaces) go there"
            };
            self.problem(
                child.start,
                ProblemKind::UnexpectedElement,
                format!("<{}> not allowed in <{}>{why}", child.qname, parent.qname),
            );
        }
    }
}

/// The value of the unprefixed attribute `name`.
fn attr<'v>(attrs: &'v [A<'_>], name: &str) -> Option<&'v str> {
    attrs
        .iter()
        .find(|a| a.ns == Ns::None && a.local == name)
        .map(|a| &*a.value)
}
