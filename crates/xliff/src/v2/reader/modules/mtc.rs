//! The Translation Candidates module (`mtc:matches`), read into the model.

use super::super::*;

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    #[inline(never)]
    pub(in crate::v2::reader) fn matches(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        out: &mut List<Candidate>,
    ) -> Result<(), Error> {
        for a in &attrs {
            if !is_ns_decl(a.qname) {
                let mut sink = List::new();
                self.extra(&tag, a, &mut sink);
            }
        }
        let mut ids = HashSet::default();
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Mtc && t.local == "match" {
                        let m = self.one_match(t, a, &mut ids)?;
                        out.push(m);
                    } else {
                        self.refuse(&t, "<mtc:matches>")?;
                    }
                }
            }
        }
        self.close(&tag);
        Ok(())
    }

    pub(in crate::v2::reader) fn one_match(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        ids: &mut HashSet<Str>,
    ) -> Result<Candidate, Error> {
        let mut m = Candidate::default();
        let mut has_type = false;
        let mut has_sub_type = false;
        let percent = |v: &str| v.parse::<f64>().ok().filter(|x| (0.0..=100.0).contains(x));
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => {
                    let id = self.id_attr(&tag, a);
                    if !ids.insert(id.clone()) {
                        self.problem(
                            tag.start,
                            ProblemKind::Module(Module::Matches),
                            format!("match id \"{id}\" is not unique"),
                        );
                    }
                    m.id = Some(id);
                }
                (Ns::None, "ref") => {
                    if let Some(id) = a
                        .value
                        .strip_prefix('#')
                        .filter(|r| is_nmtoken(r) && !r.contains('='))
                    {
                        self.match_refs.push((id.into(), tag.start));
                    }
                    if !a.value.starts_with('#') || a.value.len() < 2 {
                        self.problem(
                            tag.start,
                            ProblemKind::Module(Module::Matches),
                            format!("ref=\"{}\" must be a fragment (#id)", a.value),
                        );
                    }
                    m.reference = Some(self.r.ctx.str(&a.value));
                }
                (Ns::None, "origin") => m.origin = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "similarity") => match percent(&a.value) {
                    Some(x) => m.similarity = Some(x),
                    None => self.problem(
                        tag.start,
                        ProblemKind::Module(Module::Matches),
                        format!("similarity=\"{}\" must be 0 to 100", a.value),
                    ),
                },
                (Ns::None, "matchQuality") => match percent(&a.value) {
                    Some(x) => m.match_quality = Some(x),
                    None => self.problem(
                        tag.start,
                        ProblemKind::Module(Module::Matches),
                        format!("matchQuality=\"{}\" must be 0 to 100", a.value),
                    ),
                },
                (Ns::None, "matchSuitability") => {
                    if percent(&a.value).is_none() {
                        self.problem(
                            tag.start,
                            ProblemKind::Module(Module::Matches),
                            format!("matchSuitability=\"{}\" must be 0 to 100", a.value),
                        );
                    }
                    m.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "type") => {
                    has_type = true;
                    if !matches!(
                        &*a.value,
                        "am" | "mt" | "icm" | "idm" | "tb" | "tm" | "other"
                    ) {
                        self.problem(
                            tag.start,
                            ProblemKind::Module(Module::Matches),
                            format!("match type=\"{}\" is not a defined value", a.value),
                        );
                    }
                    m.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "subType") => {
                    has_sub_type = true;
                    m.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "reference") => {
                    self.bool_attr(&tag, a);
                    m.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::Xml, "lang") => self.problem(
                    tag.start,
                    ProblemKind::Module(Module::Matches),
                    "xml:lang not allowed on <mtc:match>",
                ),
                _ if is_ns_decl(a.qname) => {}
                _ => self.extra(&tag, a, &mut m.attrs),
            }
        }
        if has_sub_type && !has_type {
            self.problem(
                tag.start,
                ProblemKind::Module(Module::Matches),
                "subType without type on <mtc:match>",
            );
        }
        if m.reference.is_none() {
            self.problem(
                tag.start,
                ProblemKind::Module(Module::Matches),
                "<mtc:match> without ref",
            );
        }
        let mut uc = UnitCheck::default();
        let mut seen_source = false;
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("source") {
                        seen_source = true;
                        m.source = self.content(&t, Side::Loose, &mut uc)?;
                    } else if is("target") {
                        m.target = self.content(&t, Side::Loose, &mut uc)?;
                    } else if is("originalData") {
                        self.original_data(t, a, &mut uc)?;
                    } else {
                        self.skip(&t)?;
                    }
                }
            }
        }
        if !seen_source {
            self.problem(
                tag.start,
                ProblemKind::Module(Module::Matches),
                "<mtc:match> without <source>",
            );
        }
        let end = self.r.last_end();
        let text = self.r.ctx.slice(tag.start, end);
        m.raw = Some(self.standalone(text, &tag));
        self.close(&tag);
        Ok(m)
    }
}
