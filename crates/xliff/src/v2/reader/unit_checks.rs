//! The rules across a unit, checked when it ends: change tracks,
//! target codes against source codes, reordering, match and note
//! references, `copyOf`, segment order.

use super::*;

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    pub(super) fn finish_unit(&mut self, tag: &Tag<'a>, u: &Unit, uc: &UnitCheck<'a>) {
        if !self.ctr_pending.is_empty() {
            self.check_change_tracks(u);
        }
        for (id, name, translate, at) in &uc.trg_sigs {
            if let Some(src) = uc.src_sigs.iter().find(|s| s.0 == *id) {
                if src.1 != *name {
                    self.problem(*at, ProblemKind::TargetCodes, format!("<{name} id=\"{id}\"> in the target corresponds to a <{}> in the source", src.1));
                } else if src.2.unwrap_or(true) != translate.unwrap_or(true) {
                    self.problem(*at, ProblemKind::TargetCodes, format!("<{name} id=\"{id}\"> has a different translate value than in the source"));
                }
            }
        }
        self.check_reordering(uc);
        for (id, at) in std::mem::take(&mut self.match_refs) {
            if !uc.ids.contains(&id) {
                self.problem(
                    at,
                    ProblemKind::BrokenReference,
                    format!(
                        "mtc:match ref=\"#{id}\" points at no segment or annotation of the unit"
                    ),
                );
            }
        }
        // (Most units leave nothing open: no list to gather then.)
        let open_sc = if uc.open_sc.is_empty() {
            Vec::new()
        } else {
            uc.open_sc.iter().map(|(k, v)| (k.clone(), *v)).collect()
        };
        for (id, _) in open_sc {
            self.problem(
                tag.start,
                ProblemKind::UnmatchedCode,
                format!(
                    "<sc id=\"{id}\"> has no matching <ec> in the source; mark it isolated=\"yes\""
                ),
            );
        }
        let open_sm: Vec<Key<'a>> = if uc.open_sm.is_empty() && uc.open_sm_target.is_empty() {
            Vec::new()
        } else {
            uc.open_sm
                .iter()
                .chain(uc.open_sm_target.iter())
                .cloned()
                .collect()
        };
        for id in open_sm {
            self.problem(
                tag.start,
                ProblemKind::UnmatchedCode,
                format!("<sm id=\"{id}\"> has no matching <em>"),
            );
        }
        // Target pairing (order-free: targets may be reordered).
        // A few pairs are searched (the last start of an id counts, as in
        // the table); only a unit with many gets a table, and only if it
        // has an end to look up.
        let pairs = &uc.target_pairs;
        let few = pairs.len() <= 16;
        let starts: Option<HashMap<&str, (bool, CodeFlags)>> = (!few && !pairs.iter().all(|p| p.1))
            .then(|| {
                pairs
                    .iter()
                    .filter(|p| p.1)
                    .map(|p| (&*p.0, (p.2 != 0, p.3)))
                    .collect()
            });
        let mut problems = Vec::new();
        for (id, is_start, _, flags) in pairs {
            if !is_start {
                let start = if few {
                    pairs
                        .iter()
                        .rev()
                        .find(|p| p.1 && p.0 == *id)
                        .map(|p| (p.2 != 0, p.3))
                } else {
                    starts.as_ref().and_then(|s| s.get(&**id)).copied()
                };
                match start {
                    None => problems.push(format!(
                        "<ec startRef=\"{id}\"> in the target has no matching <sc>"
                    )),
                    Some((_, f)) if f != *flags => problems.push(format!(
                        "<sc>/<ec> \"{id}\" differ in canCopy/canDelete/canReorder/canOverlap"
                    )),
                    _ => {}
                }
            }
        }
        for p in problems {
            self.problem(tag.start, ProblemKind::UnmatchedCode, p);
        }
        if uc.any_target {
            for (id, at) in &uc.no_delete {
                if !uc.target_code_ids.contains(id) {
                    let m = format!(
                        "code \"{id}\" has canDelete=\"no\" but is missing from the target"
                    );
                    self.problem(*at, ProblemKind::TargetCodes, m);
                }
            }
        }
        let n_parts = u.parts.len();
        // Every part has an order: a few are compared with the earlier
        // ones (an equal earlier one was in range too), more go through a
        // table.
        let few = uc.orders.len() <= 16;
        // (The table only for many.)
        let mut seen: Option<HashSet<u32>> = None;
        for (i, (o, at)) in uc.orders.iter().enumerate() {
            if *o == 0 || *o as usize > n_parts {
                self.problem(
                    *at,
                    ProblemKind::InvalidValue,
                    format!("order=\"{o}\" is outside 1..={n_parts}"),
                );
            } else if (few
                && uc
                    .orders
                    .get(..i)
                    .is_some_and(|e| e.iter().any(|p| p.0 == *o)))
                || (!few && !seen.get_or_insert_with(HashSet::default).insert(*o))
            {
                self.problem(
                    *at,
                    ProblemKind::DuplicateId,
                    format!("order=\"{o}\" is not unique in the unit"),
                );
            }
        }
        for (target, at) in &uc.copy_of {
            if uc.code_ids.get(target) == Some(&Some(false)) {
                self.problem(
                    *at,
                    ProblemKind::TargetCodes,
                    format!("copyOf=\"{target}\" refers to a code with canCopy=\"no\""),
                );
            }
            if !uc.code_ids.contains_key(target) {
                self.problem(
                    *at,
                    ProblemKind::TargetCodes,
                    format!("copyOf=\"{target}\" refers to no code in the unit"),
                );
            }
        }
    }

    /// Checks the `canReorder` rules: a `no` code follows a `firstNo` one in
    /// the source; each such sequence appears in the target in the same
    /// order, unbroken, inside the same paired code.
    pub(super) fn check_reordering(&mut self, uc: &UnitCheck<'a>) {
        let mut sequences: Vec<Vec<&CodeEntry<'a>>> = Vec::new();
        let mut open = false;
        for e in &uc.src_codes {
            match e.1 {
                Some(CanReorder::FirstNo) => {
                    sequences.push(vec![e]);
                    open = true;
                }
                Some(CanReorder::No) => match sequences.last_mut().filter(|_| open) {
                    Some(seq) => seq.push(e),
                    None => self.problem(e.3, ProblemKind::TargetCodes, format!("code \"{}\" has canReorder=\"no\" without a preceding canReorder=\"firstNo\"", e.0)),
                },
                _ => open = false,
            }
        }
        if !uc.any_target {
            return;
        }
        for seq in sequences {
            let Some(first) = seq.first() else { continue };
            let Some(pos) = uc.trg_codes.iter().position(|t| t.0 == first.0) else {
                continue;
            };
            let same = seq.iter().enumerate().all(|(i, s)| {
                uc.trg_codes
                    .get(pos + i)
                    .is_some_and(|t| t.0 == s.0 && t.2 == s.2)
            });
            if !same {
                self.problem(first.3, ProblemKind::TargetCodes, format!("the non-reorderable codes starting at \"{}\" are split, reordered or moved in the target", first.0));
            }
        }
    }

    /// True when `r` is a fragment identifier of a note of the current unit
    /// (`#n=id`, or with the file and unit: `#f=file/u=unit/n=id`).
    pub(super) fn note_ref_ok(&self, r: &str, uc: &UnitCheck<'a>) -> bool {
        let Some(path) = r.strip_prefix('#') else {
            return false;
        };
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let Some((last, before)) = parts.split_last() else {
            return false;
        };
        let Some(note) = last.strip_prefix("n=") else {
            return false;
        };
        if !uc.note_ids.iter().any(|n| &**n == note) {
            return false;
        }
        let mut has_f = false;
        let mut has_u = false;
        for p in before {
            if let Some(f) = p.strip_prefix("f=") {
                has_f = true;
                if self.file_id.as_deref() != Some(f) {
                    return false;
                }
            } else if let Some(u) = p.strip_prefix("u=") {
                has_u = true;
                if self.r.unit.as_deref() != Some(u) {
                    return false;
                }
            } else {
                return false;
            }
        }
        !has_f || has_u
    }
}
