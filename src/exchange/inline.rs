//! Article `Text` ↔ XLIFF `Content`: inline codes, protected spans,
//! segmentation into sentences, and the canonical form that source hashes
//! are computed from.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{CodeKind, Run, Text};
use crate::segment::Segmenter;
use crate::xliff::{Code, CodeKind as XCodeKind, Content, Data, Inline, List, Marker, Str};

/// The placeholder an inline code stands as while a text is segmented.
const CODE_CHAR: char = '\u{FFFC}';

/// The XLIFF id of an article code id (codes, markers and segments share one
/// id space in an XLIFF 2 unit, so each kind gets its own prefix).
pub(crate) fn code_xid(id: &str) -> String {
    format!("c{id}")
}

/// The canonical form of a text (see `model::canonical`).
pub(crate) fn canonical(text: &Text) -> String {
    crate::model::canonical(text)
}

/// Whitespace folded (see `model::fold`).
pub(crate) fn fold(s: &str) -> String {
    crate::model::fold(s)
}

/// The hash of a unit's source (see `model::source_hash`).
pub(crate) fn source_hash(text: &Text) -> String {
    crate::model::source_hash(text)
}

/// The hash of a canonical form (see `model::hash_canonical`).
pub(crate) fn hash_canonical(canonical: &str) -> String {
    crate::model::hash_canonical(canonical)
}

/// One run of a text placed in the flat string used for segmentation.
struct Piece<'a> {
    run: &'a Run,
    range: Range<usize>,
}

/// A text laid out flat for the segmenter: text as it is, each code as one
/// placeholder character, protected spans as their text (no break inside).
struct Flat<'a> {
    text: String,
    pieces: Vec<Piece<'a>>,
    no_break: Vec<Range<usize>>,
}

fn flatten(text: &Text) -> Flat<'_> {
    let mut flat = Flat {
        text: String::new(),
        pieces: Vec::new(),
        no_break: Vec::new(),
    };
    for run in text.runs() {
        let start = flat.text.len();
        match run {
            Run::Text(t) => flat.text.push_str(t),
            Run::Protected(t) => {
                flat.text.push_str(t);
                flat.no_break.push(start..flat.text.len());
            }
            _ => flat.text.push(CODE_CHAR),
        }
        flat.pieces.push(Piece {
            run,
            range: start..flat.text.len(),
        });
    }
    flat
}

/// One part of a unit as exported: a sentence (segment) or the whitespace
/// between sentences (ignorable).
pub(crate) struct PartOut {
    pub(crate) segment: bool,
    pub(crate) content: Content,
}

/// What becomes of a text when it goes out: its parts and the original data
/// its codes refer to.
pub(crate) struct Exported {
    pub(crate) parts: Vec<PartOut>,
    pub(crate) data: List<Data>,
}

/// Splits a text into sentence segments and the whitespace between them,
/// and converts each to XLIFF content. With no segmenter the whole text is
/// one segment.
pub(crate) fn export_text(text: &Text, segmenter: Option<&Segmenter>) -> Exported {
    let flat = flatten(text);
    let mut ranges = match segmenter {
        Some(seg) => seg.split(&flat.text, &flat.no_break),
        None => {
            let trimmed = flat.text.trim();
            if trimmed.is_empty() {
                Vec::new()
            } else {
                let start = flat.text.len() - flat.text.trim_start().len();
                std::iter::once(start..start + trimmed.len()).collect()
            }
        }
    };
    // A protected span is never cut, not even by the trimming of white
    // space at a sentence's edge: widen such a sentence to the whole span.
    for r in &mut ranges {
        for nb in &flat.no_break {
            if nb.start < r.start && r.start < nb.end {
                r.start = nb.start;
            }
            if nb.start < r.end && r.end < nb.end {
                r.end = nb.end;
            }
        }
    }
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut ranges = merged;
    // Closing codes right after a sentence end belong to that sentence.
    for r in &mut ranges {
        for p in &flat.pieces {
            if p.range.start == r.end && matches!(p.run, Run::End { .. }) {
                r.end = p.range.end;
            }
        }
    }
    // Any code left between sentences stays in the whitespace part; a text
    // with no sentence at all (only whitespace, or empty) is one segment so
    // that every unit has one.
    if ranges.is_empty() {
        ranges.push(0..flat.text.len());
    }
    let mut cuts: Vec<(Range<usize>, bool)> = Vec::new();
    let mut at = 0;
    for r in &ranges {
        if r.start > at {
            cuts.push((at..r.start, false));
        }
        cuts.push((r.clone(), true));
        at = r.end;
    }
    if at < flat.text.len() {
        cuts.push((at..flat.text.len(), false));
    }
    let mut data = List::new();
    let mut marker = 0usize;
    let parts = cuts
        .into_iter()
        .map(|(range, segment)| PartOut {
            segment,
            content: build_content(&flat, range, &mut data, &mut marker),
        })
        .collect();
    Exported { parts, data }
}

/// The runs (sliced) that fall in `range` of the flat text.
fn slice<'a>(flat: &'a Flat<'a>, range: &Range<usize>) -> Vec<(&'a Run, Range<usize>)> {
    let mut out = Vec::new();
    for p in &flat.pieces {
        let lo = p.range.start.max(range.start);
        let hi = p.range.end.min(range.end);
        if lo < hi {
            out.push((p.run, lo - p.range.start..hi - p.range.start));
        }
    }
    out
}

fn code_type(kind: CodeKind) -> (Option<&'static str>, Option<&'static str>) {
    match kind {
        CodeKind::Emphasis => (Some("fmt"), Some("xlf:i")),
        CodeKind::Strong => (Some("fmt"), Some("xlf:b")),
        CodeKind::LineBreak => (Some("fmt"), Some("xlf:lb")),
        CodeKind::Link => (Some("link"), None),
        CodeKind::Script => (Some("fmt"), None),
        _ => (None, None),
    }
}

fn add_data(data: &mut List<Data>, markup: &str) -> Option<Str> {
    if markup.is_empty() {
        return None;
    }
    let id = format!("d{}", data.len() + 1);
    data.push(Data {
        id: id.as_str().into(),
        text: markup.into(),
        attrs: List::new(),
    });
    Some(id.into())
}

fn typed(mut code: Code, kind: CodeKind) -> Code {
    let (t, sub) = code_type(kind);
    code.kind_name = t.map(Into::into);
    if let Some(sub) = sub {
        code.set_sub_type(Some(sub.into()));
    }
    code
}

/// Builds XLIFF content for one part: a start and its end in the same part,
/// properly nested, become a paired code (`pc`/`g`); otherwise `sc`/`ec`.
fn build_content(
    flat: &Flat<'_>,
    range: Range<usize>,
    data: &mut List<Data>,
    marker: &mut usize,
) -> Content {
    let runs = slice(flat, &range);
    // which starts can be paired within this part
    let mut end_of: HashMap<&str, usize> = HashMap::new();
    for (i, (run, _)) in runs.iter().enumerate() {
        if let Run::End { id, .. } = run {
            end_of.insert(id.as_str(), i);
        }
    }
    let mut pairable: HashMap<&str, bool> = HashMap::new();
    for (i, (run, _)) in runs.iter().enumerate() {
        if let Run::Start { id, .. } = run
            && let Some(&j) = end_of.get(id.as_str())
            && j > i
        {
            // balanced in between?
            let mut stack: Vec<&str> = Vec::new();
            let mut ok = true;
            for (r, _) in &runs[i + 1..j] {
                match r {
                    Run::Start { id, .. } => stack.push(id),
                    Run::End { id, .. } if stack.pop() != Some(id.as_str()) => {
                        ok = false;
                        break;
                    }
                    _ => {}
                }
            }
            pairable.insert(id.as_str(), ok && stack.is_empty());
        }
    }
    let mut root: List<Inline> = List::new();
    let mut frames: Vec<(Code, List<Inline>)> = Vec::new();
    for (run, sub) in runs {
        match run {
            Run::Text(t) => push_text(top(&mut root, &mut frames), &t[sub]),
            Run::Protected(t) => {
                *marker += 1;
                let m = Marker::protected(&format!("m{marker}"));
                top(&mut root, &mut frames).push(Inline::Marker(m.into(), Content::text(&t[sub])));
            }
            Run::Code { id, kind, markup } => {
                let mut c = typed(Code::standalone(&code_xid(id)), *kind);
                c.data_ref = add_data(data, markup);
                top(&mut root, &mut frames).push(Inline::Code(c.into()));
            }
            Run::Start { id, kind, markup } => {
                if pairable.get(id.as_str()).copied().unwrap_or(false) {
                    let mut c = typed(Code::paired(&code_xid(id)), *kind);
                    c.data_ref = add_data(data, markup);
                    frames.push((c, List::new()));
                } else {
                    let mut c = typed(Code::start(&code_xid(id)), *kind);
                    c.data_ref = add_data(data, markup);
                    top(&mut root, &mut frames).push(Inline::Code(c.into()));
                }
            }
            Run::End { id, markup } => {
                let xid = code_xid(id);
                let closes_frame =
                    matches!(frames.last(), Some((c, _)) if c.id.as_deref() == Some(xid.as_str()));
                match frames.pop() {
                    Some((mut code, content)) if closes_frame => {
                        code.data_ref_end = add_data(data, markup);
                        top(&mut root, &mut frames)
                            .push(Inline::Paired(code.into(), Content::from(content)));
                    }
                    popped => {
                        if let Some(frame) = popped {
                            frames.push(frame);
                        }
                        let mut c = Code::end(&xid);
                        c.data_ref = add_data(data, markup);
                        top(&mut root, &mut frames).push(Inline::Code(c.into()));
                    }
                }
            }
        }
    }
    // frames are balanced by construction (pairable), but never lose content
    while let Some((mut code, content)) = frames.pop() {
        code.kind = XCodeKind::Start;
        let parent = top(&mut root, &mut frames);
        parent.push(Inline::Code(code.into()));
        parent.extend(content);
    }
    Content::from(root)
}

fn top<'a>(
    root: &'a mut List<Inline>,
    frames: &'a mut [(Code, List<Inline>)],
) -> &'a mut List<Inline> {
    match frames.last_mut() {
        Some((_, content)) => content,
        None => root,
    }
}

fn push_text(out: &mut List<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text(prev)) = out.last_mut() {
        *prev = format!("{prev}{s}").into();
    } else {
        out.push(Inline::Text(s.into()));
    }
}

/// What a unit's source text offers the import: its codes by XLIFF id and
/// its protected spans by marker order.
pub(crate) struct SourceCodes<'a> {
    /// XLIFF code id → the article run.
    pub(crate) codes: HashMap<String, &'a Run>,
    /// The protected spans, in order.
    pub(crate) protected: Vec<&'a str>,
}

impl<'a> SourceCodes<'a> {
    pub(crate) fn of(text: &'a Text) -> SourceCodes<'a> {
        let mut codes = HashMap::new();
        let mut protected = Vec::new();
        for run in text.runs() {
            match run {
                Run::Start { id, .. } | Run::Code { id, .. } => {
                    codes.insert(code_xid(id), run);
                }
                Run::End { id, .. } => {
                    codes.insert(format!("/{}", code_xid(id)), run);
                }
                Run::Protected(t) => protected.push(t.as_str()),
                _ => {}
            }
        }
        SourceCodes { codes, protected }
    }
}

/// Converts returned XLIFF content back to article runs. Codes are mapped
/// back to the source's runs by id (their markup comes from the source, not
/// from the file); protected spans must be unchanged; annotations a CAT tool
/// added (terms, comments) are unwrapped. Problems are pushed to `problems`.
pub(crate) fn content_to_runs(
    content: &Content,
    src: &SourceCodes<'_>,
    out: &mut Vec<Run>,
    problems: &mut Vec<String>,
) {
    for inline in content.iter() {
        match inline {
            Inline::Text(t) => out.push(Run::Text(t.to_string())),
            Inline::Code(code) => {
                let key = match code.kind {
                    XCodeKind::End => code
                        .start_ref
                        .as_deref()
                        .or(code.id.as_deref())
                        .map(|id| format!("/{id}")),
                    _ => code.id.as_deref().map(str::to_string),
                };
                match key.as_ref().and_then(|k| src.codes.get(k)) {
                    Some(run) => {
                        let fits = matches!(
                            (code.kind, run),
                            (XCodeKind::Standalone, Run::Code { .. })
                                | (XCodeKind::Start, Run::Start { .. })
                                | (XCodeKind::End, Run::End { .. })
                        );
                        if fits {
                            out.push((*run).clone());
                        } else {
                            problems.push(format!(
                                "inline code {} is a {:?} code in the target but not in the source",
                                key.unwrap_or_default().trim_start_matches('/'),
                                code.kind
                            ));
                        }
                    }
                    None => problems.push(format!(
                        "inline code {} is not in the source",
                        key.as_deref()
                            .unwrap_or("(without id)")
                            .trim_start_matches('/')
                    )),
                }
            }
            Inline::Paired(code, inner) => {
                let id = code.id.as_deref().unwrap_or("");
                match (src.codes.get(id), src.codes.get(&format!("/{id}"))) {
                    (Some(start @ Run::Start { .. }), Some(end)) => {
                        out.push((*start).clone());
                        content_to_runs(inner, src, out, problems);
                        out.push((*end).clone());
                    }
                    _ => {
                        problems.push(format!(
                            "inline code {id} is not a paired code of the source"
                        ));
                        content_to_runs(inner, src, out, problems);
                    }
                }
            }
            Inline::Marker(m, inner) => {
                let protected =
                    m.translate == Some(false) || m.kind.as_deref() == Some("protected");
                if protected {
                    let text = inner.plain_text();
                    if src.protected.contains(&text.as_str()) {
                        out.push(Run::Protected(text));
                    } else {
                        problems.push(format!(
                            "protected text {text:?} does not match any protected span of the source"
                        ));
                    }
                } else {
                    content_to_runs(inner, src, out, problems);
                }
            }
            Inline::MarkerStart(_) | Inline::MarkerEnd(_) => {}
            Inline::Raw(raw) => problems.push(format!(
                "unknown inline markup {:?} in the target",
                raw.as_str().chars().take(40).collect::<String>()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rich() -> Text {
        Text::from_runs(vec![
            Run::Text("He said ".into()),
            Run::Start {
                id: "1".into(),
                kind: CodeKind::Emphasis,
                markup: "<em>".into(),
            },
            Run::Text("no.".into()),
            Run::End {
                id: "1".into(),
                markup: "</em>".into(),
            },
            Run::Text(" Then ".into()),
            Run::Protected("KCNA".into()),
            Run::Text(" left.".into()),
        ])
        .unwrap()
    }

    #[test]
    fn canonical_folds_whitespace_and_marks_codes() {
        assert_eq!(
            canonical(&rich()),
            "He said {c:1}no.{/c:1} Then {p:KCNA} left."
        );
        assert_eq!(canonical(&Text::plain("  a \n b ")), "a b");
        assert_eq!(
            source_hash(&Text::plain("a  b")),
            source_hash(&Text::plain("a b"))
        );
        assert_ne!(
            source_hash(&Text::plain("a b")),
            source_hash(&Text::plain("a c"))
        );
        assert_eq!(source_hash(&Text::plain("x")).len(), 16);
    }

    #[test]
    fn closing_code_stays_with_its_sentence() {
        let seg = Segmenter::new(&"en".parse().unwrap());
        let out = export_text(&rich(), Some(&seg));
        let kinds: Vec<bool> = out.parts.iter().map(|p| p.segment).collect();
        assert_eq!(kinds, [true, false, true], "segment, space, segment");
        // the <em>…</em> pair is whole in the first sentence
        assert!(matches!(out.parts[0].content[1], Inline::Paired(..)));
        assert_eq!(out.parts[1].content.plain_text(), " ");
        assert_eq!(out.data.len(), 2);
    }

    #[test]
    fn round_trip_through_content() {
        let text = rich();
        let out = export_text(&text, Some(&Segmenter::new(&"en".parse().unwrap())));
        let src = SourceCodes::of(&text);
        let mut runs = Vec::new();
        let mut problems = Vec::new();
        for p in &out.parts {
            content_to_runs(&p.content, &src, &mut runs, &mut problems);
        }
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(Text::from_runs(runs).unwrap(), text);
    }
}
