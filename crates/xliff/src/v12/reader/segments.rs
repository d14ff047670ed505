//! Segments: a `<seg-source>`'s `mrk mtype="seg"` markers matched to the
//! target's, the flow split at them (through `g`), and the unit's parts
//! built with their states.

use super::*;

fn is_seg(m: &Marker) -> bool {
    m.kind.as_deref() == Some("seg")
}

fn has_seg(c: &Content) -> bool {
    c.0.iter().any(|i| match i {
        Inline::Marker(m, _) if is_seg(m) => true,
        Inline::Paired(_, inner) => has_seg(inner),
        _ => false,
    })
}

/// The ids of the segments of a flow, in order.
fn seg_ids<'c>(c: &'c Content, out: &mut Vec<Option<&'c str>>) {
    for i in &c.0 {
        match i {
            Inline::Marker(m, _) if is_seg(m) => out.push(m.id.as_deref()),
            Inline::Paired(_, inner) => seg_ids(inner, out),
            _ => {}
        }
    }
}

/// A split flow: its gaps and its segments, alternating, a gap first and
/// last (`gaps.len() == segs.len() + 1`).
type Split = (Vec<Content>, Vec<(Boxed<Marker>, Content)>);

/// Splits a flow at its `mrk mtype="seg"` markers. Paired codes (`g`) that
/// contain segments are split into start and end codes in the gaps.
fn split(content: Content, out: &mut Split) {
    let mut gap = Content::new();
    split_into(content, &mut gap, out);
    out.0.push(gap);
}

/// The lists [`build_parts`] matches segments in, kept (empty) from unit
/// to unit so that each segmented unit does not allocate six of them.
#[derive(Default)]
pub(super) struct SplitLists {
    /// The split `<seg-source>`.
    source: Split,
    /// The split `<target>`.
    target: Split,
    /// Target segments by source segment index.
    tseg_at: Vec<Option<(Boxed<Marker>, Content)>>,
    /// Target gaps by source gap index.
    tgap_at: Vec<Option<Content>>,
}

fn split_into(content: Content, gap: &mut Content, out: &mut Split) {
    for inline in content.0 {
        match inline {
            Inline::Marker(m, inner) if is_seg(&m) => {
                out.0.push(std::mem::take(gap));
                out.1.push((m, inner));
            }
            Inline::Paired(code, inner) if has_seg(&inner) => {
                let mut start = (*code).clone();
                start.kind = CodeKind::Start;
                let end = Code {
                    kind: CodeKind::End,
                    tag: CodeTag::G,
                    start_ref: code.id.clone(),
                    ..Code::default()
                };
                push_tight(&mut gap.0, Inline::Code(Boxed::new(start)));
                split_into(inner, gap, out);
                gap.0.push(Inline::Code(Boxed::new(end)));
            }
            other => push_tight(&mut gap.0, other),
        }
    }
}

/// Whether a trans-unit is read as segmented, decided on the segment ids
/// of its `<seg-source>` and `<target>`: `Some(true)` when target segments
/// match source segments by id, `Some(false)` when every segment has no
/// target or an empty one, `None` when the unit is one segment (its
/// `<source>` and `<target>` as a whole).
pub(super) fn segment_shape(
    seg_source: Option<&Content>,
    target: Option<&Content>,
) -> Option<bool> {
    let ss = seg_source.filter(|ss| has_seg(ss))?;
    let mut src_ids = Vec::new();
    seg_ids(ss, &mut src_ids);
    let Some(t) = target else {
        return Some(false);
    };
    let mut t_ids = Vec::new();
    seg_ids(t, &mut t_ids);
    if t_ids == src_ids || is_subsequence(&t_ids, &src_ids) {
        // Targets matched by id; segments missing from the target have
        // none.
        Some(true)
    } else if t_ids.is_empty() && t.codes().next().is_none() && t.plain_text().trim().is_empty() {
        // A blank target: every segment gets an empty one.
        Some(false)
    } else {
        None
    }
}

/// Whether the `<source>` element named `qname` whose start tag ends at
/// `after` is followed (white space aside) by a `<seg-source>` with the
/// same prefix. A guess on the text alone: a wrong one costs time, never
/// correctness (see [`Parser::unit`]).
pub(super) fn seg_source_follows(text: &str, after: usize, qname: &str) -> bool {
    let Some(rest) = text.get(after..) else {
        return false;
    };
    let Some(prefix) = qname.strip_suffix("source") else {
        return false;
    };
    // memchr's vectorised search; like `match_indices`, it yields the
    // leftmost non-overlapping matches. The searcher for the usual,
    // unprefixed name is built once.
    static SOURCE: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    let prefixed;
    let finder = if qname == "source" {
        SOURCE.get_or_init(|| memmem::Finder::new("source"))
    } else {
        prefixed = memmem::Finder::new(qname);
        &prefixed
    };
    for i in finder.find_iter(rest.as_bytes()) {
        if !rest.get(..i).is_some_and(|b| b.ends_with("</")) {
            continue;
        }
        let tail = rest.get(i + qname.len()..).unwrap_or("").trim_start();
        return tail
            .strip_prefix('>')
            .map(str::trim_start)
            .and_then(|t| t.strip_prefix('<'))
            .and_then(|t| t.strip_prefix(prefix))
            .and_then(|t| t.strip_prefix("seg-source"))
            .is_some_and(|t| t.starts_with(['>', '/', ' ', '\t', '\n', '\r']));
    }
    false
}

/// Builds the unit's parts from what its trans-unit held; `shape` is
/// [`segment_shape`] of its `<seg-source>` and `<target>`.
#[allow(clippy::too_many_arguments)]
pub(super) fn build_parts<'a>(
    sh: &Shared,
    unit: &mut Unit,
    parts: &mut List<Part>,
    lists: &mut SplitLists,
    source: Content,
    source_attrs: Vec<A<'a>>,
    seg_source: Option<Content>,
    seg_source_raw: Option<&str>,
    target: Option<(Content, Vec<A<'a>>)>,
    states: UnitStates,
    shape: Option<bool>,
) {
    let UnitStates { approved, memoq } = states;
    let mut seg_source_kept = false;
    let (mut target, target_attrs) = match target {
        Some((c, a)) => (Some(c), a),
        None => (None, Vec::new()),
    };
    // Shared segment attributes from <source> and <target>.
    let mut proto = Segment::default();
    let mut first_attrs = List::new();
    // Other attributes of <source> and <target>; they go to the first
    // segment (1.2 has one <source> and one <target> per trans-unit).
    let mut source_extra = List::new();
    let mut target_extra = List::new();
    for a in &source_attrs {
        match a.name {
            "xml:lang" => proto.extra_mut().source_lang = Some(a.str(sh)),
            "xml:space" if parse_space(&a.value).is_some() => {
                proto.extra_mut().source_space = parse_space(&a.value)
            }
            _ => source_extra.push(a.attr(sh)),
        }
    }
    let mut state12: Option<Str> = None;
    for a in &target_attrs {
        match a.name {
            "xml:lang" => proto.extra_mut().target_lang = Some(a.str(sh)),
            "xml:space" if parse_space(&a.value).is_some() => {
                proto.extra_mut().target_space = parse_space(&a.value)
            }
            "state" => state12 = Some(a.str(sh)),
            "state-qualifier" => first_attrs.push(a.attr(sh)),
            _ => target_extra.push(a.attr(sh)),
        }
    }
    let is_approved = approved
        .as_ref()
        .is_some_and(|a| parse_yes_no(&a.value) == Some(true));
    if let Some(a) = approved {
        first_attrs.push(a);
    }
    let unit_state = match &state12 {
        Some(s) => {
            proto.sub_state = Some(sub_state_12(s));
            proto.state = state_from_12(s);
            if is_approved {
                proto.state = Some(State::Final);
            }
            true
        }
        None if is_approved => {
            proto.state = Some(State::Final);
            true
        }
        None => false,
    };
    let memoq = memoq.filter(|_| !unit_state);

    let segmented = match (shape, seg_source) {
        (Some(zip), Some(ss)) => {
            // Every use below drains the lists; emptied here all the same.
            for l in [&mut lists.source, &mut lists.target] {
                l.0.clear();
                l.1.clear();
            }
            split(ss, &mut lists.source);
            match (zip, target.take()) {
                (true, Some(t)) => {
                    split(t, &mut lists.target);
                    Some(true)
                }
                // A target without segments: no target pieces.
                (false, Some(_)) => Some(true),
                (_, None) => Some(false),
            }
        }
        (_, ss) => {
            seg_source_kept = ss.is_some();
            None
        }
    };
    let Some(has_target) = segmented else {
        // One segment: the whole source and target. A seg-source that could
        // not be matched is kept verbatim.
        if let Some(raw) = seg_source_raw.filter(|_| seg_source_kept) {
            unit.extensions.insert(0, Raw::new(raw));
        }
        let mut seg = proto;
        seg.source = source;
        seg.target = target;
        if !first_attrs.is_empty() {
            seg.extra_mut().attrs = first_attrs;
        }
        seg.extra_mut().source_attrs = source_extra;
        seg.extra_mut().target_attrs = target_extra;
        let memoq_state = memoq.as_deref().and_then(state_from_memoq);
        if let Some(st) = memoq_state.filter(|_| !unit_state) {
            seg.state = Some(st);
            seg.sub_state = memoq.map(|m| format!("mq:{m}").into());
        }
        parts.push(Part::Segment(seg));
        return;
    };
    let SplitLists {
        source: (gaps, segs),
        target: (tgaps, tsegs),
        tseg_at,
        tgap_at,
    } = lists;
    let blank_target = has_target && tsegs.is_empty();
    let confs = if unit_state {
        Vec::new()
    } else {
        sdl_confs(unit)
    };
    // Target segments and the gaps before them, by source segment index.
    let n = segs.len();
    tseg_at.clear();
    tseg_at.resize_with(n, || None);
    tgap_at.clear();
    tgap_at.resize_with(n + 1, || None);
    let mut tgaps = tgaps.drain(..);
    let mut j = 0;
    for (tm, tc) in tsegs.drain(..) {
        let gap = tgaps.next();
        while j < n && segs.get(j).is_some_and(|(m, _)| m.id != tm.id) {
            j += 1;
        }
        if let (Some(slot), Some(gslot)) = (tseg_at.get_mut(j), tgap_at.get_mut(j)) {
            *slot = Some((tm, tc));
            *gslot = gap;
            j += 1;
        }
    }
    if let Some(last) = tgap_at.get_mut(n) {
        *last = tgaps.next();
    }
    let mut first = true;
    drop(tgaps);
    let mut gaps = gaps.drain(..);
    let mut tseg_at = tseg_at.drain(..);
    let mut tgap_at = tgap_at.drain(..);
    // The last segment takes the prototype itself, the others a copy.
    let last = segs.len().saturating_sub(1);
    for (i, (m, content)) in segs.drain(..).enumerate() {
        push_gap(
            parts,
            gaps.next().unwrap_or_default(),
            tgap_at.next().flatten(),
            has_target,
        );
        let m = m.into_inner();
        let mut seg = if i == last {
            std::mem::take(&mut proto)
        } else {
            proto.clone()
        };
        seg.id = m.id;
        seg.source = content;
        for a in m.attrs {
            seg.extra_mut()
                .attrs
                .push(Attr::new(format!("mrk:{}", a.name), a.value));
        }
        if let Some(v) = m.value {
            seg.extra_mut().attrs.push(Attr::new("mrk:comment", v));
        }
        if first {
            seg.extra_mut().attrs.append(&mut first_attrs);
            seg.extra_mut().source_attrs.append(&mut source_extra);
            seg.extra_mut().target_attrs.append(&mut target_extra);
            first = false;
        }
        let tseg = tseg_at.next().flatten();
        if has_target {
            if blank_target {
                seg.target = Some(Content::new());
            } else if let Some((tm, tc)) = tseg {
                for a in &tm.attrs {
                    seg.extra_mut()
                        .attrs
                        .push(Attr::new(format!("target-mrk:{}", a.name), a.value.clone()));
                }
                seg.target = Some(tc);
            }
        }
        if !unit_state {
            let conf = seg
                .id
                .as_deref()
                .and_then(|id| confs.iter().find(|(i, _)| i == id))
                .map(|(_, c)| c.clone());
            if let Some(c) = conf {
                seg.state = state_from_sdl(&c);
                seg.sub_state = Some(format!("sdl:{c}").into());
            } else if let Some(st) = memoq.as_deref().and_then(state_from_memoq) {
                seg.state = Some(st);
                seg.sub_state = memoq.as_ref().map(|m| format!("mq:{m}").into());
            }
        }
        parts.push(Part::Segment(seg));
    }
    push_gap(
        parts,
        gaps.next().unwrap_or_default(),
        tgap_at.next().flatten(),
        has_target,
    );
}

/// Whether `sub` is `all` with some items left out, in order, and without
/// repeats.
fn is_subsequence(sub: &[Option<&str>], all: &[Option<&str>]) -> bool {
    if sub.is_empty() {
        return false;
    }
    let mut rest = all.iter();
    sub.iter().all(|id| id.is_some() && rest.any(|a| a == id))
}

fn push_gap(parts: &mut List<Part>, source: Content, target: Option<Content>, has_target: bool) {
    let target = if has_target {
        Some(target.unwrap_or_default())
    } else {
        None
    };
    let target_blank = target.as_ref().is_none_or(Content::is_empty);
    if source.is_empty() && target_blank {
        return;
    }
    parts.push(Part::Ignorable(Ignorable {
        id: None,
        source,
        target,
    }));
}
