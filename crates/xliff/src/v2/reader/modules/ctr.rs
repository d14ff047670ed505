//! The Change Tracking module (`ctr:changeTrack`): its element rules and
//! the references of its revisions, resolved in their scope.

use super::super::*;

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    /// Checks the attributes of one Change Tracking element and records
    /// what the checks at its end and at the unit's end need.
    pub(in crate::v2::reader) fn ctr_elem(
        &mut self,
        t: &Tag<'a>,
        attrs: &[A<'a>],
        st: &mut ModuleCheck,
    ) {
        let own: &[&str] = match t.local {
            "changeTrack" => &[],
            "revisions" => &["appliesTo", "ref", "currentVersion"],
            "revision" => &["author", "datetime", "version"],
            "item" => &["property"],
            _ => {
                self.problem(
                    t.start,
                    ProblemKind::Module(Module::ChangeTracking),
                    format!(
                        "<{}> is not an element of the Change Tracking module",
                        t.qname
                    ),
                );
                return;
            }
        };
        let get = |name: &str| {
            attrs
                .iter()
                .find(|a| a.ns == Ns::None && a.local == name)
                .map(|a| a.value.to_string())
        };
        let mut problems = Vec::new();
        for a in attrs {
            if is_ns_decl(a.qname) {
                continue;
            }
            let known = a.ns == Ns::None && own.contains(&a.local);
            // changeTrack takes no attribute at all; the others also take
            // attributes of other namespaces.
            let foreign = t.local != "changeTrack" && !matches!(a.ns, Ns::None | Ns::Core);
            if !known && !foreign {
                problems.push(format!(
                    "attribute {} not allowed on <{}>",
                    a.qname, t.qname
                ));
            }
            if known
                && matches!(a.local, "appliesTo" | "ref" | "currentVersion" | "version")
                && !is_nmtoken(&a.value)
            {
                problems.push(format!(
                    "{}=\"{}\" is not a valid NMTOKEN",
                    a.qname, a.value
                ));
            }
        }
        match t.local {
            "revisions" => {
                let applies_to = get("appliesTo");
                if applies_to.is_none() {
                    problems.push(format!("<{}> without appliesTo", t.qname));
                }
                st.versions.clear();
                st.revisions = Some(CtrRevisions {
                    at: t.start,
                    applies_to: applies_to.unwrap_or_default(),
                    reference: get("ref"),
                    current_version: get("currentVersion"),
                    properties: Vec::new(),
                });
            }
            "revision" => {
                st.versions.extend(get("version"));
                st.properties.clear();
            }
            "item" => match get("property") {
                None => problems.push(format!("<{}> without property", t.qname)),
                Some(p) => {
                    if st.properties.contains(&p) {
                        // A revision is the element at one version: one
                        // content and one value per attribute.
                        problems.push(format!("property \"{p}\" given twice in one ctr:revision"));
                    } else {
                        if p != "content"
                            && let Some(r) = st.revisions.as_mut()
                        {
                            r.properties.push((p.clone(), t.start));
                        }
                        st.properties.push(p);
                    }
                }
            },
            _ => {}
        }
        for p in problems {
            self.problem(t.start, ProblemKind::Module(Module::ChangeTracking), p);
        }
    }

    /// Checks at the end of a Change Tracking element (with `elements`
    /// children): each container holds at least one child, and a
    /// `ctr:revisions`'s `currentVersion` names one of its revisions. A
    /// `ctr:revisions` is kept to be resolved when its unit, group or file
    /// ends ([`check_change_tracks`](Self::check_change_tracks),
    /// [`ctr_leave`](Self::ctr_leave)).
    pub(in crate::v2::reader) fn ctr_end(
        &mut self,
        t: &Tag<'a>,
        elements: u32,
        st: &mut ModuleCheck,
    ) {
        let child = match t.local {
            "changeTrack" => "ctr:revisions",
            "revisions" => "ctr:revision",
            "revision" => "ctr:item",
            _ => return,
        };
        if elements == 0 {
            self.problem(
                t.start,
                ProblemKind::Module(Module::ChangeTracking),
                format!("<{}> needs at least one {child}", t.qname),
            );
        }
        if t.local != "revisions" {
            return;
        }
        let Some(rev) = st.revisions.take() else {
            return;
        };
        if let Some(v) = &rev.current_version
            && !st.versions.contains(v)
        {
            self.problem(
                t.start,
                ProblemKind::Module(Module::ChangeTracking),
                format!(
                    "currentVersion=\"{v}\" is the version of none of its ctr:revision elements"
                ),
            );
        }
        if rev.applies_to.is_empty() {
            return;
        }
        if self.r.unit.is_some() {
            self.ctr_pending.push(rev);
        } else {
            // revisions > changeTrack > file or group.
            self.ctr_outer.pending.push(OuterCtr {
                depth: t.depth.saturating_sub(2),
                from: self.ctr_outer.facts.len(),
                rev,
            });
        }
    }

    /// Resolves the `ctr:revisions` of unit `u` against the elements they
    /// apply to (see [`resolve_revisions`]): `appliesTo` must name an
    /// element that can stand beside the change track, or in one.
    pub(in crate::v2::reader) fn check_change_tracks(&mut self, u: &Unit) {
        let mut problems = Vec::new();
        for rev in std::mem::take(&mut self.ctr_pending) {
            let kind = rev.applies_to.as_str();
            if !kind.contains(':') && !CTR_UNIT_TARGETS.contains(&kind) {
                problems.push((
                    rev.at,
                    format!(
                        "ctr:revisions appliesTo=\"{kind}\" names no element that can stand beside a change track in a <unit>"
                    ),
                ));
                continue;
            }
            // The instances of the element, by id, with the attributes
            // each has.
            let instances: Vec<(Option<&str>, Vec<&str>)> = match kind {
                "note" => u
                    .notes
                    .iter()
                    .map(|n| (n.id.as_deref(), note_attrs(n)))
                    .collect(),
                "data" => u
                    .original_data
                    .iter()
                    .map(|d| {
                        let mut names: Vec<&str> = d.attrs.iter().map(|a| &*a.name).collect();
                        names.push("id");
                        (Some(&*d.id), names)
                    })
                    .collect(),
                "segment" | "ignorable" => u
                    .parts
                    .iter()
                    .filter_map(|p| match p {
                        Part::Segment(s) if kind == "segment" => Some(s.id.as_deref()),
                        Part::Ignorable(i) if kind == "ignorable" => Some(i.id.as_deref()),
                        _ => None,
                    })
                    .map(|id| (id, Vec::new()))
                    .collect(),
                _ => continue,
            };
            // A unit may hold no originalData (and a change track may
            // record one removed); the other elements are there to apply to.
            if instances.is_empty() && kind == "data" {
                continue;
            }
            // The attributes of segments and ignorables are not kept
            // apart in the model: their items' properties are not checked.
            let attrs_known = matches!(kind, "note" | "data");
            resolve_revisions(&rev, "unit", &instances, attrs_known, &mut problems);
        }
        for (at, m) in problems {
            self.problem(at, ProblemKind::Module(Module::ChangeTracking), m);
        }
    }

    /// Call when a unit or group (`kind`) with `id` opens at `depth`:
    /// forgets the `slr:data` of elements closed before it, resolves the
    /// change tracks of files and groups that closed before it, and notes
    /// it for those still open.
    #[inline]
    pub(in crate::v2::reader) fn enter_item(
        &mut self,
        depth: usize,
        kind: &'static str,
        id: Option<&Str>,
    ) {
        if !self.fc.slr_data.is_empty() {
            self.fc.slr_data.retain(|(d, _)| *d < depth);
        }
        if !self.ctr_outer.pending.is_empty() {
            self.ctr_item(depth, kind, id);
        }
    }

    /// The change-track part of [`enter_item`](Self::enter_item).
    #[inline(never)]
    pub(in crate::v2::reader) fn ctr_item(
        &mut self,
        depth: usize,
        kind: &'static str,
        id: Option<&Str>,
    ) {
        self.ctr_leave(depth);
        if !self.ctr_outer.pending.is_empty() {
            self.ctr_outer.facts.push(CtrFact {
                depth,
                kind,
                id: id.cloned(),
                attrs: Vec::new(),
            });
        }
    }

    /// Call with the notes of the file or group at `depth`.
    #[inline]
    pub(in crate::v2::reader) fn ctr_notes(&mut self, depth: usize, notes: &[Note]) {
        if self.ctr_outer.pending.is_empty() {
            return;
        }
        for n in notes {
            self.ctr_outer.facts.push(CtrFact {
                depth,
                kind: "note",
                id: n.id.clone(),
                attrs: note_attrs(n).into_iter().map(Str::from).collect(),
            });
        }
    }

    /// Resolves the change tracks of the files and groups at `depth` or
    /// deeper, which have closed (see [`resolve_revisions`]): `note` is
    /// looked for among their notes, `unit` and `group` among their
    /// children and their child groups' children. Other elements are not
    /// resolved at this level.
    #[inline(never)]
    pub(in crate::v2::reader) fn ctr_leave(&mut self, depth: usize) {
        let (done, keep): (Vec<OuterCtr>, Vec<OuterCtr>) =
            std::mem::take(&mut self.ctr_outer.pending)
                .into_iter()
                .partition(|o| o.depth >= depth);
        self.ctr_outer.pending = keep;
        let mut problems = Vec::new();
        for o in &done {
            let kind = o.rev.applies_to.as_str();
            if !matches!(kind, "note" | "unit" | "group") {
                continue;
            }
            let instances: Vec<(Option<&str>, Vec<&str>)> = self
                .ctr_outer
                .facts
                .get(o.from..)
                .unwrap_or_default()
                .iter()
                .filter(|f| {
                    f.kind == kind
                        && if kind == "note" {
                            f.depth == o.depth
                        } else {
                            f.depth == o.depth + 1 || f.depth == o.depth + 2
                        }
                })
                .map(|f| (f.id.as_deref(), f.attrs.iter().map(|a| &**a).collect()))
                .collect();
            let scope = if o.depth <= 2 { "file" } else { "group" };
            resolve_revisions(&o.rev, scope, &instances, kind == "note", &mut problems);
        }
        if self.ctr_outer.pending.is_empty() {
            self.ctr_outer.facts.clear();
        }
        // Reported where the change track is, not in the unit being read.
        let unit = self.r.unit.take();
        for (at, m) in problems {
            self.problem(at, ProblemKind::Module(Module::ChangeTracking), m);
        }
        self.r.unit = unit;
    }
}

/// Resolves a `ctr:revisions` against the `instances` (id, attribute
/// names) of the element its `appliesTo` names in the enclosing `scope`
/// (siblings of the change track and their children), adding a
/// (offset, message) to `out` for each violation: the element must be
/// there; where it is one of several that carry ids, `ref` must say which;
/// `ref` must be the id of one of them; and, when `attrs_known`, an item's
/// `property` is `content` or an attribute of the element applied to.
pub(in crate::v2::reader) fn resolve_revisions(
    rev: &CtrRevisions,
    scope: &str,
    instances: &[(Option<&str>, Vec<&str>)],
    attrs_known: bool,
    out: &mut Vec<(usize, String)>,
) {
    let kind = rev.applies_to.as_str();
    if instances.is_empty() {
        out.push((
            rev.at,
            format!("ctr:revisions appliesTo=\"{kind}\" but the {scope} has no <{kind}>"),
        ));
        return;
    }
    let chosen = match &rev.reference {
        Some(r) => {
            let found = instances.iter().find(|(id, _)| *id == Some(r.as_str()));
            if found.is_none() {
                out.push((
                    rev.at,
                    format!("ctr:revisions ref=\"{r}\" is the id of no <{kind}> of the {scope}"),
                ));
            }
            found
        }
        None if instances.len() > 1 && instances.iter().any(|(id, _)| id.is_some()) => {
            out.push((
                rev.at,
                format!(
                    "ctr:revisions appliesTo=\"{kind}\" without ref, but the {scope} has {} <{kind}> elements with ids: ref must say which",
                    instances.len()
                ),
            ));
            None
        }
        None if instances.len() == 1 => instances.first(),
        None => None,
    };
    let Some((id, names)) = chosen.filter(|_| attrs_known) else {
        return;
    };
    for (p, at) in &rev.properties {
        if !names.contains(&p.as_str()) {
            let which = id.map(|i| format!(" id=\"{i}\"")).unwrap_or_default();
            out.push((
                *at,
                format!(
                    "ctr:item property=\"{p}\" is neither content nor an attribute of the <{kind}{which}> it applies to"
                ),
            ));
        }
    }
}
