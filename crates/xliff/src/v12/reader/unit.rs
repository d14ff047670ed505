//! One `<trans-unit>`: its attributes, source, `<seg-source>`, target,
//! notes, `<alt-trans>` candidates and extensions, read and handed on
//! as a [`Unit`].

use super::*;

impl<'a> Parser<'a, '_> {
    pub(super) fn unit(
        &mut self,
        attrs: Vec<A<'a>>,
        at: usize,
        empty: bool,
        ids: &mut Ids,
    ) -> Result<Unit, Error> {
        let mut unit = Unit::default();
        let mut id: Option<Str> = None;
        let mut states = UnitStates::default();
        let sh = self.r.ctx.shared;
        for a in &attrs {
            match a.name {
                "id" => id = Some(a.str(sh)),
                "resname" => unit.name = Some(a.str(sh)),
                "restype" => unit.kind = Some(a.str(sh)),
                "translate" if parse_yes_no(&a.value).is_some() => {
                    unit.translate = parse_yes_no(&a.value)
                }
                "xml:space" if parse_space(&a.value).is_some() => {
                    unit.space = parse_space(&a.value)
                }
                "approved" => states.approved = Some(a.attr(sh)),
                n if n.ends_with(":status") && self.is_memoq(a.prefix) => {
                    states.memoq = Some(a.value.to_string());
                    push_tight(&mut unit.attrs, a.attr(sh));
                }
                _ => push_tight(&mut unit.attrs, a.attr(sh)),
            }
        }
        self.recycle(attrs);
        let id = match id {
            Some(id) => id,
            None => {
                if !self.legacy {
                    let p = self.r.problem_at(
                        at,
                        ProblemKind::MissingAttribute,
                        "<trans-unit> has no id",
                    );
                    self.problems.push(p);
                }
                // Made up from the unit's place in the file, unique there.
                let mut n = ids.len() + 1;
                while ids.contains(n.to_string().as_str()) {
                    n += 1;
                }
                n.to_string().into()
            }
        };
        self.r.unit = Some(id.clone());
        if !ids.insert(id.clone()) && !self.legacy {
            let p = self.r.problem_at(
                at,
                ProblemKind::DuplicateId,
                format!("duplicate trans-unit id \"{id}\" in this <file>"),
            );
            self.problems.push(p);
        }
        unit.id = id;
        if empty {
            let p = self.r.problem_at(
                at,
                ProblemKind::MissingElement,
                "<trans-unit> has no <source>",
            );
            self.problems.push(p);
            self.r.unit = None;
            unit.push_segment(Segment::default());
            return Ok(unit);
        }
        let mut source: Option<(Content, Vec<A<'a>>)> = None;
        let mut seg_source: Option<Content> = None;
        let mut seg_source_raw: Option<&str> = None;
        let mut target: Option<(Content, Vec<A<'a>>)> = None;
        let mut target_at = at;
        // The reader as it was at the start of a <source> left unbuilt.
        let mut source_later: Option<XmlReader<'a>> = None;
        loop {
            let s = self.r.last_end();
            let (e, is_empty) = match self.r.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    self.close();
                    break;
                }
                Event::Comment(_) | Event::PI(_) => {
                    unit.extensions
                        .push(Raw(self.r.ctx.str(self.r.last_text())));
                    continue;
                }
                // Stray text inside a trans-unit (MateCat writes some): kept
                // verbatim rather than refused.
                Event::Text(t) => {
                    let significant = !is_blank(&t);
                    push_stray_text(&mut unit.extensions, self.r.last_text(), significant);
                    continue;
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    push_stray_text(&mut unit.extensions, self.r.last_text(), true);
                    continue;
                }
                _ => continue,
            };
            let (attrs, xliff) = self.open(&e, s, is_empty)?;
            match Self::kind(e.name().as_ref(), xliff) {
                Kind::Xliff("source") => {
                    if source.is_some() {
                        // The first one is the unit's source; a second
                        // is reported and skipped.
                        let p = self.r.problem_at(
                            s,
                            ProblemKind::UnexpectedElement,
                            "<trans-unit> has more than one <source>",
                        );
                        self.problems.push(p);
                        self.skip(s, is_empty)?;
                        continue;
                    }
                    let c = if is_empty {
                        Content::new()
                    } else if seg_source_follows(
                        self.r.ctx.rest(self.r.last_end()),
                        0,
                        e.name().as_ref(),
                    ) {
                        // A segmented unit's parts come from <seg-source>:
                        // the source is checked as usual but not built,
                        // and read again only if it turns out to be needed.
                        let saved = self.r.clone();
                        self.discard = true;
                        let checked = self.content();
                        self.discard = false;
                        checked?;
                        source_later = Some(saved);
                        Content::new()
                    } else {
                        self.content()?
                    };
                    source = Some((c, attrs));
                }
                Kind::Xliff("seg-source") => {
                    let c = if is_empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    let end = self.r.last_end();
                    seg_source_raw = Some(self.r.ctx.slice(s, end));
                    seg_source = Some(c);
                }
                Kind::Xliff("target") => {
                    let c = if is_empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    target = Some((c, attrs));
                    target_at = s;
                }
                Kind::Xliff("note") => {
                    let note = if is_empty {
                        Ok(self.note_from_attrs(attrs, Str::new()))
                    } else {
                        self.note(attrs, s)?
                    };
                    match note {
                        Ok(n) => push_tight(&mut unit.notes, n),
                        Err(raw) => push_tight(&mut unit.extensions, raw),
                    }
                }
                Kind::Xliff("alt-trans") => {
                    let c = self.alt_trans(attrs, s, is_empty)?;
                    push_tight(&mut unit.candidates, c);
                }
                _ => {
                    let raw = self.raw(s, is_empty)?;
                    push_tight(&mut unit.extensions, raw);
                }
            }
        }
        let (source, source_attrs) = match source {
            Some(s) => s,
            None => {
                let p = self.r.problem_at(
                    at,
                    ProblemKind::MissingElement,
                    "<trans-unit> has no <source>",
                );
                self.problems.push(p);
                (Content::new(), Vec::new())
            }
        };
        let _ = target_at;
        let shape = segment_shape(seg_source.as_ref(), target.as_ref().map(|t| &t.0));
        let source = match source_later {
            Some(saved) if shape.is_none() => self.reread_source(saved, &source_attrs)?,
            _ => source,
        };
        let mut parts = std::mem::take(&mut self.parts_pool);
        build_parts(
            sh,
            &mut unit,
            &mut parts,
            &mut self.split_lists,
            source,
            source_attrs,
            seg_source,
            seg_source_raw,
            target,
            states,
            shape,
        );
        // One allocation of the exact size; the pooled list keeps its
        // capacity.
        unit.parts = parts.split_off(0);
        self.parts_pool = parts;
        self.r.unit = None;
        // A candidate's `mid` names a segment of the unit; one that names
        // none (an unsegmented unit) stays in its attributes only.
        let parts = &unit.parts;
        for c in &mut unit.candidates {
            let named = parts.iter().any(|p| match p {
                Part::Segment(s) => s.id.is_some() && s.id == c.reference,
                _ => false,
            });
            if !named {
                c.reference = None;
            }
        }
        unit.parts.shrink_to_fit();
        unit.attrs.shrink_to_fit();
        unit.extensions.shrink_to_fit();
        unit.notes.shrink_to_fit();
        unit.candidates.shrink_to_fit();
        for s in unit.segments_mut() {
            s.tidy_extra();
        }
        Ok(unit)
    }

    /// Reads a `<source>` left unbuilt again from the reader saved at its
    /// start (its namespaces declared anew), then goes back to where
    /// reading was. It was checked the first time, so it reads the same.
    fn reread_source(&mut self, saved: XmlReader<'a>, attrs: &[A<'a>]) -> Result<Content, Error> {
        let resume = std::mem::replace(&mut self.r, saved);
        let depth = self.r.depth();
        for a in attrs {
            if a.name == "xmlns" {
                self.ns.declare(depth, "", &a.value);
            } else if let Some(p) = a.name.strip_prefix("xmlns:") {
                self.ns.declare(depth, p, &a.value);
            }
        }
        let c = self.content();
        self.r = resume;
        c
    }

    fn alt_trans(&mut self, attrs: Vec<A<'a>>, at: usize, empty: bool) -> Result<Candidate, Error> {
        let mut c = Candidate::default();
        let sh = self.r.ctx.shared;
        for a in &attrs {
            match a.name {
                "mid" => c.reference = Some(a.str(sh)),
                "origin" => c.origin = Some(a.str(sh)),
                "match-quality" => {
                    c.similarity = a
                        .value
                        .trim()
                        .trim_end_matches('%')
                        .trim()
                        .parse::<f64>()
                        .ok()
                        // 101 (context match) and the like stay in attrs only.
                        .filter(|q| (0.0..=100.0).contains(q));
                }
                _ => {}
            }
            c.attrs.push(a.attr(sh));
        }
        self.recycle(attrs);
        if !empty {
            loop {
                let s = self.r.last_end();
                let (e, is_empty) = match self.r.next()? {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    Event::End(_) => {
                        self.close();
                        break;
                    }
                    _ => continue,
                };
                let (a, xliff) = self.open(&e, s, is_empty)?;
                self.recycle(a);
                match Self::kind(e.name().as_ref(), xliff) {
                    Kind::Xliff("source") if !is_empty => c.source = self.content()?,
                    Kind::Xliff("target") if !is_empty => c.target = self.content()?,
                    Kind::Xliff("source" | "target") => {}
                    _ => {
                        self.skip(s, is_empty)?;
                    }
                }
            }
        }
        let end = self.r.last_end();
        c.raw = Some(Raw(self.r.ctx.str(self.r.ctx.slice(at, end))));
        Ok(c)
    }
}

/// Keeps stray text met in a trans-unit verbatim: runs of text (with the
/// white space and references between them) become one raw item, so that
/// writing them back side by side reads back the same.
fn push_stray_text(extensions: &mut List<Raw>, text: &str, significant: bool) {
    match extensions.last_mut() {
        Some(last) if !last.as_str().starts_with('<') => {
            let mut joined = String::from(last.as_str());
            joined.push_str(text);
            *last = Raw::new(joined);
        }
        _ if significant => extensions.push(Raw::new(text)),
        _ => {}
    }
}
