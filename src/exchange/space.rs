//! White space a tool changed in a returned unit.
//!
//! A pretty-printer (`xmllint --format`, an IDE's "format document") indents
//! every element whose children are all elements: a 1.2 `<seg-source>` or
//! `<target>` holding one `<mrk>`, a 2.x `<source>` holding one `<pc>`. The
//! indentation lands in the unit's text as a newline and spaces at its
//! edges, or between two codes. The import takes the translation as the
//! source was written: white space the source does not have at an edge is
//! trimmed, indentation (a run of white space with a newline) is removed
//! where the source has no newline at all, and under `xml:space="default"`
//! every run of newline plus indentation is folded to one space.

use crate::model::{Run, Text};

/// Tidies the runs of a unit's translation (or of its returned source,
/// before it is compared with the article's); returns whether anything
/// changed.
pub(crate) fn tidy_target(runs: &mut Vec<Run>, source: &Text, preserve: bool) -> bool {
    let before = runs.clone();
    let src = source.to_plain_string();
    let source_has_newline = src.contains('\n');
    for run in runs.iter_mut() {
        if let Run::Text(t) = run {
            if !source_has_newline {
                *t = without_indentation(t);
            } else if !preserve {
                *t = fold_newlines(t);
            }
        }
    }
    runs.retain(|r| !matches!(r, Run::Text(t) if t.is_empty()));
    // the source's own white space at an edge is text at that edge, not
    // inside a code: `<g>A\n</g>` ends with a code
    let ws_edge = |r: Option<&Run>, start: bool| match r {
        Some(Run::Text(t)) if start => t.starts_with(char::is_whitespace),
        Some(Run::Text(t)) => t.ends_with(char::is_whitespace),
        _ => false,
    };
    if !ws_edge(source.runs().first(), true) {
        trim_edge(runs, true);
    }
    if !ws_edge(source.runs().last(), false) {
        trim_edge(runs, false);
    }
    *runs != before
}

/// Indentation removed from a text run: a run that is only white space
/// with a newline goes; a newline run inside text becomes one space.
fn without_indentation(t: &str) -> String {
    if !t.contains('\n') {
        return t.to_string();
    }
    if t.trim().is_empty() {
        return String::new();
    }
    fold_newlines(t)
}

/// Every run of white space that holds a newline, folded to one space.
fn fold_newlines(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut ws = String::new();
    let flush = |ws: &mut String, out: &mut String| {
        if ws.contains('\n') {
            out.push(' ');
        } else {
            out.push_str(ws);
        }
        ws.clear();
    };
    for c in t.chars() {
        if c.is_whitespace() {
            ws.push(c);
        } else {
            flush(&mut ws, &mut out);
            out.push(c);
        }
    }
    flush(&mut ws, &mut out);
    out
}

/// White space trimmed from the first (or last) text of the runs, up to
/// the first code or protected span.
fn trim_edge(runs: &mut Vec<Run>, start: bool) {
    loop {
        let at = if start { 0 } else { runs.len().wrapping_sub(1) };
        let Some(Run::Text(t)) = runs.get_mut(at) else {
            return;
        };
        *t = if start {
            t.trim_start().to_string()
        } else {
            t.trim_end().to_string()
        };
        if !t.is_empty() {
            return;
        }
        runs.remove(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(runs: &[Run]) -> String {
        runs.iter()
            .map(|r| match r {
                Run::Text(t) => t.as_str(),
                _ => "|",
            })
            .collect()
    }

    #[test]
    fn indentation_at_the_edges_and_between_codes_goes() {
        let source = Text::plain("One. Two.");
        let mut runs = vec![
            Run::Text("\n          ".into()),
            Run::Text("하나.".into()),
            Run::Text(" ".into()),
            Run::Text("둘.\n        ".into()),
        ];
        assert!(tidy_target(&mut runs, &source, true));
        assert_eq!(text(&runs), "하나. 둘.");
    }

    #[test]
    fn a_newline_inside_text_is_folded() {
        let source = Text::plain("One two.");
        let mut runs = vec![Run::Text("하나\n    둘.".into())];
        assert!(tidy_target(&mut runs, &source, true));
        assert_eq!(text(&runs), "하나 둘.");
    }

    #[test]
    fn the_source_s_own_white_space_is_kept() {
        let source = Text::plain("line one\nline two ");
        let mut runs = vec![Run::Text("하나\n둘 ".into())];
        assert!(!tidy_target(&mut runs, &source, true));
        let mut runs = vec![Run::Text("하나\n   둘 ".into())];
        assert!(tidy_target(&mut runs, &source, false));
        assert_eq!(text(&runs), "하나 둘 ");
    }
}
