//! Inline content: text, codes (`ph`, `pc`, `sc`, `ec`), annotations
//! (`mrk`, `sm`, `em`) and `cp`, with the rules each code and marker
//! carries on its own (values, data references, pairing within a flow).

use super::*;

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    // ----- inline content ---------------------------------------------

    pub(super) fn content(
        &mut self,
        tag: &Tag<'a>,
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Result<Content, Error> {
        if self.inline_depth >= MAX_INLINE_DEPTH {
            return Err(self.r.error_of(
                crate::ErrorKind::Limit,
                tag.start,
                format!("inline elements nested deeper than {MAX_INLINE_DEPTH}"),
            ));
        }
        self.inline_depth += 1;
        let r = self.content_inner(tag, side, uc);
        self.inline_depth -= 1;
        r
    }

    pub(super) fn content_inner(
        &mut self,
        tag: &Tag<'a>,
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Result<Content, Error> {
        // Pieces go to the shared stack and text to the shared buffer, and
        // the content takes them with one allocation of the exact size each
        // (no growth, no shrinking afterwards).
        let base = self.inl_stack.len();
        while let Some(ch) = self.child(tag)? {
            match ch {
                Child::Text(t, _) => self.text_run.push(t),
                Child::Misc(m) => self.push_inline(Inline::Raw(Raw(self.r.ctx.str(m)))),
                Child::Elem(t, a) => {
                    let r = self.inline(t, &a, side, uc);
                    self.recycle(a);
                    r?;
                }
            }
        }
        self.close(tag);
        self.flush_text();
        // (A bulk copy into a list of the exact size.)
        let items = self.inl_stack.split_off(base.min(self.inl_stack.len()));
        Ok(Content(items))
    }

    /// Ends the pending text run (if any) as one exactly sized text piece.
    #[inline]
    pub(super) fn flush_text(&mut self) {
        if let Some(t) = self.text_run.take(&self.r.ctx) {
            self.inl_stack.push(Inline::Text(t));
        }
    }

    /// Adds a piece other than text to the content being read.
    #[inline]
    pub(super) fn push_inline(&mut self, i: Inline) {
        self.flush_text();
        self.inl_stack.push(i);
    }

    pub(super) fn inline(
        &mut self,
        t: Tag<'a>,
        attrs: &[A<'a>],
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Result<(), Error> {
        if t.ns != Ns::Core {
            self.refuse(&t, "content")?;
            return Ok(());
        }
        match t.local {
            "cp" => {
                if let Some(ch) = self.cp(&t, attrs) {
                    self.text_run.push_char(ch);
                }
                self.skip(&t)?;
            }
            "ph" | "pc" | "sc" | "ec" => {
                // Text before the code ends here (and must not run into a
                // paired code's content).
                self.flush_text();
                let (tagk, kind) = match t.local {
                    "ph" => (CodeTag::Ph, CodeKind::Standalone),
                    "pc" => (CodeTag::Pc, CodeKind::Paired),
                    "sc" => (CodeTag::Sc, CodeKind::Start),
                    _ => (CodeTag::Ec, CodeKind::End),
                };
                let code = self.code(&t, attrs, tagk, kind, side, uc);
                // The code's id as a key for the unit checks (code.id holds
                // the same text).
                let key = key_of(attrs, "id");
                if let Some(id) = key.as_ref().map(dup) {
                    let name = match tagk {
                        CodeTag::Ph => "ph",
                        CodeTag::Pc => "pc",
                        CodeTag::Sc => "sc",
                        _ => "ec",
                    };
                    match side {
                        Side::Source => uc.src_sigs.push((id, name, None, t.start)),
                        Side::Target => uc.trg_sigs.push((id, name, None, t.start)),
                        Side::Loose => {}
                    }
                }
                if side != Side::Loose
                    && (kind != CodeKind::End || code.isolated)
                    && let Some(id) = &key
                {
                    let entry = (
                        dup(id),
                        code.can_reorder,
                        uc.parents.last().map(dup),
                        t.start,
                    );
                    match side {
                        Side::Source => uc.src_codes.push(entry),
                        _ => uc.trg_codes.push(entry),
                    }
                }
                if kind == CodeKind::Paired {
                    uc.parents.push(key.unwrap_or_default());
                    let inner = self.content(&t, side, uc);
                    uc.parents.pop();
                    let inner = inner?;
                    self.push_inline(Inline::Paired(Boxed::new(code), inner));
                } else {
                    self.expect_empty(&t)?;
                    self.push_inline(Inline::Code(Boxed::new(code)));
                }
            }
            "mrk" | "sm" => {
                self.flush_text();
                let m = self.marker(&t, attrs, side, uc);
                let key = key_of(attrs, "id");
                if let Some(id) = key.as_ref().map(dup) {
                    let name = if t.local == "mrk" { "mrk" } else { "sm" };
                    match side {
                        Side::Source => uc.src_sigs.push((id, name, m.translate, t.start)),
                        Side::Target => uc.trg_sigs.push((id, name, m.translate, t.start)),
                        Side::Loose => {}
                    }
                }
                if t.local == "mrk" {
                    let inner = self.content(&t, side, uc)?;
                    self.push_inline(Inline::Marker(Boxed::new(m), inner));
                } else {
                    if let Some(id) = &key {
                        match side {
                            Side::Source => {
                                uc.open_sm.insert(id.clone());
                            }
                            Side::Target => {
                                uc.open_sm_target.insert(id.clone());
                            }
                            Side::Loose => {}
                        }
                    }
                    self.expect_empty(&t)?;
                    self.push_inline(Inline::MarkerStart(Boxed::new(m)));
                }
            }
            "em" => {
                let mut start_ref = None;
                for a in attrs {
                    if a.ns == Ns::None && a.local == "startRef" {
                        start_ref = Some(self.r.ctx.str(&a.value));
                    } else {
                        self.unknown_attr(&t, a);
                    }
                }
                match &start_ref {
                    None => {
                        self.problem(t.start, ProblemKind::UnmatchedCode, "<em> without startRef")
                    }
                    Some(r) => {
                        let open = match side {
                            Side::Source => uc.open_sm.remove(r),
                            Side::Target => uc.open_sm_target.remove(r),
                            Side::Loose => true,
                        };
                        if !open {
                            self.problem(
                                t.start,
                                ProblemKind::UnmatchedCode,
                                format!("<em startRef=\"{r}\"> has no <sm> before it"),
                            );
                        }
                    }
                }
                self.expect_empty(&t)?;
                self.push_inline(Inline::MarkerEnd(start_ref.unwrap_or_default()));
            }
            _ => {
                self.refuse(&t, "content")?;
            }
        }
        Ok(())
    }

    pub(super) fn expect_empty(&mut self, t: &Tag<'a>) -> Result<(), Error> {
        while let Some(c) = self.child(t)? {
            match c {
                Child::Text(s, at) => {
                    if !s.is_empty() {
                        self.problem(
                            at,
                            ProblemKind::UnexpectedElement,
                            format!("<{}> must be empty", t.qname),
                        );
                    }
                }
                Child::Misc(_) => {}
                Child::Elem(x, _) => {
                    self.problem(
                        x.start,
                        ProblemKind::UnexpectedElement,
                        format!("<{}> must be empty", t.qname),
                    );
                    self.skip(&x)?;
                }
            }
        }
        self.close(t);
        Ok(())
    }

    /// Reports each of [`SC_EC_SAME`] that an `sc` and its `ec` both give
    /// with different values.
    pub(super) fn sc_ec_differ(
        &mut self,
        at: usize,
        id: &str,
        sc: &[Option<Key<'a>>; 4],
        ec: &[Option<Key<'a>>; 4],
    ) {
        for (name, (a, b)) in SC_EC_SAME.iter().zip(sc.iter().zip(ec)) {
            if let (Some(a), Some(b)) = (a, b)
                && a != b
            {
                self.problem(
                    at, ProblemKind::UnmatchedCode,
                    format!(
                        "<sc>/<ec> \"{id}\" differ in {name} (\"{a}\" and \"{b}\"); XLIFF 2.0 wants them equal"
                    ),
                );
            }
        }
    }

    #[inline]
    pub(super) fn register_id(
        &mut self,
        t: &Tag<'a>,
        id: Key<'a>,
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) {
        let set = match side {
            Side::Source => &mut uc.ids,
            Side::Target => &mut uc.target_ids,
            Side::Loose => return,
        };
        if !set.insert(dup(&id)) {
            self.problem(
                t.start,
                ProblemKind::DuplicateId,
                format!("id \"{id}\" is not unique in the unit"),
            );
        }
    }

    #[inline(never)]
    pub(super) fn code(
        &mut self,
        t: &Tag<'a>,
        attrs: &[A<'a>],
        tagk: CodeTag,
        kind: CodeKind,
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Code {
        let mut c = Code {
            kind,
            tag: tagk,
            ..Code::default()
        };
        let paired = kind == CodeKind::Paired;
        // c.id and c.start_ref as keys for the unit checks.
        let id_key = key_of(attrs, "id");
        let ref_key = if kind == CodeKind::End {
            key_of(attrs, "startRef")
        } else {
            None
        };
        let mut isolated_attr = None;
        let mut has_type = false;
        let mut copy_of = None;
        for a in attrs {
            let v = &*a.value;
            match (a.ns, a.local) {
                (Ns::None, "id") => c.id = Some(self.id_attr(t, a)),
                (Ns::None, "startRef") if kind == CodeKind::End => {
                    c.start_ref = Some(self.r.ctx.str(v))
                }
                (Ns::None, "isolated") if matches!(kind, CodeKind::Start | CodeKind::End) => {
                    isolated_attr = self.bool_attr(t, a);
                    c.isolated = isolated_attr == Some(true);
                }
                (Ns::None, "dataRef") if !paired => c.data_ref = Some(self.r.ctx.str(v)),
                (Ns::None, "dataRefStart") if paired => c.data_ref = Some(self.r.ctx.str(v)),
                (Ns::None, "dataRefEnd") if paired => c.data_ref_end = Some(self.r.ctx.str(v)),
                (Ns::None, "canCopy") => c.can_copy = self.bool_attr(t, a),
                (Ns::None, "canDelete") => c.can_delete = self.bool_attr(t, a),
                (Ns::None, "canOverlap") if kind != CodeKind::Standalone => {
                    c.can_overlap = self.bool_attr(t, a)
                }
                (Ns::None, "canReorder") => {
                    c.can_reorder = match v {
                        "yes" => Some(CanReorder::Yes),
                        "no" => Some(CanReorder::No),
                        "firstNo" => Some(CanReorder::FirstNo),
                        _ => {
                            self.problem(
                                t.start,
                                ProblemKind::InvalidValue,
                                format!("canReorder=\"{v}\" must be yes, no or firstNo"),
                            );
                            None
                        }
                    }
                }
                (Ns::None, "type") => {
                    has_type = true;
                    if !matches!(v, "fmt" | "ui" | "quote" | "link" | "image" | "other") {
                        self.problem(
                            t.start,
                            ProblemKind::InvalidValue,
                            format!("type=\"{v}\" is not fmt, ui, quote, link, image or other"),
                        );
                    }
                    c.kind_name = Some(self.r.ctx.str(v));
                }
                (Ns::None, "subType") => c.extra_mut().sub_type = Some(self.r.ctx.str(v)),
                (Ns::None, "disp") if !paired => c.extra_mut().disp = Some(self.r.ctx.str(v)),
                (Ns::None, "equiv") if !paired => c.equiv = Some(self.r.ctx.str(v)),
                (Ns::None, "dispStart") if paired => c.extra_mut().disp = Some(self.r.ctx.str(v)),
                (Ns::None, "equivStart") if paired => c.equiv = Some(self.r.ctx.str(v)),
                (Ns::None, "dispEnd") if paired => c.extra_mut().disp_end = Some(self.r.ctx.str(v)),
                (Ns::None, "equivEnd") if paired => {
                    c.extra_mut().equiv_end = Some(self.r.ctx.str(v))
                }
                (Ns::None, "dir") if kind != CodeKind::Standalone => {
                    self.dir_attr(t, a, &mut c.extra_mut().attrs)
                }
                (Ns::None, "copyOf") => {
                    copy_of = Some(a.value.clone());
                    c.extra_mut().attrs.push(Attr::new(a.qname, v));
                }
                (Ns::None, "subFlows") if !paired => {
                    self.sub_flows(t, v);
                    c.extra_mut().attrs.push(Attr::new(a.qname, v));
                }
                (Ns::None, "subFlowsStart" | "subFlowsEnd") if paired => {
                    self.sub_flows(t, v);
                    c.extra_mut().attrs.push(Attr::new(a.qname, v));
                }
                _ => self.extra(t, a, &mut c.extra_mut().attrs),
            }
        }
        c.tidy_extra();
        // type / subType
        if let Some(st) = c.sub_type() {
            if !has_type {
                self.problem(
                    t.start,
                    ProblemKind::MissingAttribute,
                    "subType without type",
                );
            }
            let st = st.to_string();
            match st.split_once(':') {
                Some(("xlf", v)) => {
                    let want = match v {
                        "lb" | "pb" | "b" | "i" | "u" => Some("fmt"),
                        "var" => Some("ui"),
                        _ => None,
                    };
                    match want {
                        None => self.problem(
                            t.start,
                            ProblemKind::InvalidValue,
                            format!("subType=\"{st}\" is not a defined xlf: value"),
                        ),
                        Some(w) if c.kind_name.as_deref() != Some(w) => {
                            self.problem(
                                t.start,
                                ProblemKind::InvalidValue,
                                format!("subType=\"{st}\" requires type=\"{w}\""),
                            );
                        }
                        _ => {}
                    }
                }
                Some((p, v)) if !p.is_empty() && !v.is_empty() => {}
                _ => self.problem(
                    t.start,
                    ProblemKind::InvalidValue,
                    format!("subType=\"{st}\" must be prefix:value"),
                ),
            }
        }
        // data references
        for r in [&c.data_ref, &c.data_ref_end].into_iter().flatten() {
            if !uc.has_original_data {
                self.problem(
                    t.start,
                    ProblemKind::BrokenReference,
                    format!("data reference \"{r}\" but the unit has no <originalData>"),
                );
            } else if !uc.data.contains(r) {
                self.problem(
                    t.start,
                    ProblemKind::BrokenReference,
                    format!("data reference \"{r}\" points at no <data> in <originalData>"),
                );
            }
        }
        if let Some(target) = copy_of {
            if c.data_ref.is_some() || c.data_ref_end.is_some() {
                self.problem(
                    t.start,
                    ProblemKind::InvalidValue,
                    "copyOf together with a data reference",
                );
            }
            uc.copy_of.push((target, t.start));
        }
        if matches!(c.can_reorder, Some(CanReorder::No | CanReorder::FirstNo))
            && (c.can_delete != Some(false) || c.can_copy != Some(false))
        {
            self.problem(
                t.start,
                ProblemKind::InvalidValue,
                "canReorder=\"no\" or \"firstNo\" needs canDelete=\"no\" and canCopy=\"no\"",
            );
        }
        let flags = CodeFlags {
            can_copy: c.can_copy,
            can_delete: c.can_delete,
            can_overlap: c.can_overlap,
            can_reorder: c.can_reorder,
        };
        // XLIFF 2.0: an ec repeats its sc's type, subType, copyOf and dir, if
        // it gives them (later versions dropped the rule)
        let sc_ec_attrs = (self.version == Version::V2_0
            && matches!(kind, CodeKind::Start | CodeKind::End)
            && !c.isolated
            && side != Side::Loose)
            .then(|| SC_EC_SAME.map(|name| key_of(attrs, name)))
            .filter(|a| a.iter().any(Option::is_some));
        // ids and pairing
        match kind {
            CodeKind::End => {
                if c.isolated {
                    if c.id.is_none() {
                        self.problem(
                            t.start,
                            ProblemKind::UnmatchedCode,
                            "isolated <ec> must have an id",
                        );
                    }
                    if c.start_ref.is_some() {
                        self.problem(
                            t.start,
                            ProblemKind::UnmatchedCode,
                            "isolated <ec> must not have startRef",
                        );
                    }
                } else {
                    if c.id.is_some() {
                        self.problem(
                            t.start,
                            ProblemKind::UnmatchedCode,
                            "<ec> with startRef must not have an id (only isolated <ec> has one)",
                        );
                    }
                    match &ref_key {
                        None => self.problem(t.start, ProblemKind::UnmatchedCode, "<ec> without startRef must be isolated=\"yes\" with an id"),
                        Some(r) => match side {
                            Side::Source => match uc.open_sc.remove(r) {
                                None => self.problem(t.start, ProblemKind::UnmatchedCode, format!("<ec startRef=\"{r}\"> has no <sc> before it")),
                                Some(f) if f == flags && let Some(ec_attrs) = &sc_ec_attrs
                                    && let Some(sc_attrs) = uc.sc_attrs.remove(&**r) => {
                                    self.sc_ec_differ(t.start, r, &sc_attrs, ec_attrs);
                                }
                                Some(f) if f != flags => self.problem(
                                    t.start, ProblemKind::UnmatchedCode,
                                    format!("<sc>/<ec> \"{r}\" differ in canCopy/canDelete/canReorder/canOverlap"),
                                ),
                                Some(_) => {}
                            },
                            Side::Target => {
                                if let Some(ec_attrs) = &sc_ec_attrs
                                    && let Some(sc_attrs) = uc.trg_sc_attrs.remove(&**r)
                                {
                                    self.sc_ec_differ(t.start, r, &sc_attrs, ec_attrs);
                                }
                                uc.target_pairs.push((r.clone(), false, 0, flags))
                            }
                            Side::Loose => {}
                        },
                    }
                }
                if let Some(id) = id_key.as_ref().map(dup) {
                    self.register_id(t, id, side, uc);
                }
            }
            _ => match id_key.as_ref().map(dup) {
                None => self.problem(
                    t.start,
                    ProblemKind::MissingAttribute,
                    format!("<{}> without id", t.qname),
                ),
                Some(id) => {
                    self.register_id(t, dup(&id), side, uc);
                    if kind == CodeKind::Start && !c.isolated {
                        match side {
                            Side::Source => {
                                uc.open_sc.insert(dup(&id), flags);
                                if let Some(a) = sc_ec_attrs {
                                    uc.sc_attrs.insert(id.clone(), a);
                                }
                            }
                            Side::Target => {
                                if let Some(a) = sc_ec_attrs {
                                    uc.trg_sc_attrs.insert(id.clone(), a);
                                }
                                uc.target_pairs.push((id.clone(), true, 0, flags))
                            }
                            Side::Loose => {}
                        }
                    }
                }
            },
        }
        if let Some(id) = id_key.or(ref_key) {
            match side {
                Side::Source => {
                    if c.can_delete == Some(false) && kind != CodeKind::End {
                        uc.no_delete.push((dup(&id), t.start));
                    }
                    uc.code_ids.insert(id, c.can_copy);
                }
                Side::Target => {
                    uc.target_code_ids.insert(dup(&id));
                    uc.code_ids.insert(id, c.can_copy);
                }
                Side::Loose => {}
            }
        }
        if kind == CodeKind::Start && isolated_attr != Some(true) && side == Side::Source {
            // pairing checked at end of unit (open_sc)
        }
        c
    }

    pub(super) fn sub_flows(&mut self, t: &Tag<'a>, v: &str) {
        let mut any = false;
        for id in v.split_ascii_whitespace() {
            any = true;
            if !is_nmtoken(id) {
                self.problem(
                    t.start,
                    ProblemKind::InvalidValue,
                    format!("subFlows value \"{id}\" is not a valid id"),
                );
            }
            self.fc
                .sub_flows
                .push((id.into(), t.start, self.r.unit.clone()));
        }
        if !any {
            self.problem(t.start, ProblemKind::InvalidValue, "empty subFlows");
        }
    }

    #[inline(never)]
    pub(super) fn marker(
        &mut self,
        t: &Tag<'a>,
        attrs: &[A<'a>],
        side: Side,
        uc: &mut UnitCheck<'a>,
    ) -> Marker {
        let mut m = Marker::default();
        for a in attrs {
            let v = &*a.value;
            match (a.ns, a.local) {
                (Ns::None, "id") => m.id = Some(self.id_attr(t, a)),
                (Ns::None, "translate") => m.translate = self.bool_attr(t, a),
                (Ns::None, "type") => m.kind = Some(self.r.ctx.str(v)),
                (Ns::None, "value") => m.value = Some(self.r.ctx.str(v)),
                (Ns::None, "ref") => {
                    if let Some(frag) = v.split_once('#').map(|(_, f)| f)
                        && let Err(why) = check_fragment(frag)
                    {
                        self.problem(
                            t.start,
                            ProblemKind::InvalidValue,
                            format!("ref=\"{v}\" is not a valid fragment identifier: {why}"),
                        );
                    }
                    m.reference = Some(self.r.ctx.str(v));
                }
                _ => self.extra(t, a, &mut m.attrs),
            }
        }
        match key_of(attrs, "id") {
            None => self.problem(
                t.start,
                ProblemKind::MissingAttribute,
                format!("<{}> without id", t.qname),
            ),
            Some(id) => self.register_id(t, id, side, uc),
        }
        match m.kind.as_deref() {
            None | Some("generic" | "term") => {}
            Some("comment") => {
                if m.value.is_some() == m.reference.is_some() {
                    self.problem(
                        t.start,
                        ProblemKind::MissingAttribute,
                        "comment annotation needs exactly one of value and ref",
                    );
                } else if let Some(r) = m.reference.as_deref()
                    && side != Side::Loose
                    && !self.note_ref_ok(r, uc)
                {
                    let r = r.to_owned();
                    self.problem(
                        t.start,
                        ProblemKind::BrokenReference,
                        format!("comment ref=\"{r}\" does not point at a note of this unit"),
                    );
                }
            }
            Some(k) => {
                let k = k.to_owned();
                if !k
                    .split_once(':')
                    .is_some_and(|(p, v)| !p.is_empty() && !v.is_empty() && p != "xlf")
                {
                    self.problem(
                        t.start,
                        ProblemKind::InvalidValue,
                        format!(
                            "annotation type=\"{k}\" is not generic, comment, term or prefix:value"
                        ),
                    );
                }
            }
        }
        m
    }
}
