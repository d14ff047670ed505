//! Inline codes and protected spans of a returned unit against its source.
//!
//! Codes are compared as the model reads them, whatever element a tool
//! wrote: a 2.x `<pc>` returned as an `<sc>`/`<ec>` pair with the same ids,
//! or a 1.2 `<g>` returned as `<bx>`/`<ex>` or `<bpt>`/`<ept>`, is the same
//! start and end; `<x/>` and `<ph>` are the same standalone code. A
//! protected span whose `<mrk>` a tool dropped while keeping its text
//! verbatim is marked again (and the import says so).

use crate::error::{Location, Problem};
use crate::model::{Run, Text};

/// Every code of the source exactly once in the target, and the same
/// protected spans; pushes a problem and returns `false` otherwise.
pub(crate) fn check_codes(
    source: &Text,
    target: &Text,
    unit: &str,
    problems: &mut Vec<Problem>,
) -> bool {
    let ids = |t: &Text| -> Vec<String> {
        let mut v: Vec<String> = t
            .runs()
            .iter()
            .filter_map(|r| match r {
                Run::Start { id, .. } => Some(format!("start {id}")),
                Run::End { id, .. } => Some(format!("end {id}")),
                Run::Code { id, .. } => Some(format!("code {id}")),
                _ => None,
            })
            .collect();
        v.sort();
        v
    };
    let problem = |message: String| Problem {
        location: Location {
            unit: Some(unit.into()),
            ..Location::default()
        },
        message,
    };
    let (s, t) = (ids(source), ids(target));
    if s == t {
        let (mut sp, mut tp): (Vec<&str>, Vec<&str>) = (
            source.protected_spans().collect(),
            target.protected_spans().collect(),
        );
        sp.sort_unstable();
        tp.sort_unstable();
        if sp == tp {
            return true;
        }
        problems.push(problem(format!(
            "protected spans differ: source {sp:?}, target {tp:?}"
        )));
        return false;
    }
    let missing: Vec<&String> = s.iter().filter(|x| !t.contains(x)).collect();
    let extra: Vec<&String> = t.iter().filter(|x| !s.contains(x)).collect();
    let mut msg = String::from("inline codes differ from the source:");
    if !missing.is_empty() {
        msg.push_str(&format!(" missing {missing:?}"));
    }
    if !extra.is_empty() {
        msg.push_str(&format!(" extra or repeated {extra:?}"));
    }
    if missing.is_empty() && extra.is_empty() {
        msg.push_str(" a code is repeated");
    }
    problems.push(problem(msg));
    false
}

/// Marks again the protected spans of `source` that `runs` hold as plain
/// text (a tool dropped the `<mrk>` and kept the text verbatim); returns
/// the spans restored.
pub(crate) fn restore_protected(source: &Text, runs: &mut Vec<Run>) -> Vec<String> {
    let mut wanted: Vec<&str> = source.protected_spans().collect();
    for r in runs.iter() {
        if let Run::Protected(p) = r
            && let Some(i) = wanted.iter().position(|w| w == p)
        {
            wanted.remove(i);
        }
    }
    let mut restored = Vec::new();
    for span in wanted {
        if span.is_empty() {
            continue;
        }
        let found = runs.iter().enumerate().find_map(|(i, r)| match r {
            Run::Text(t) => t.find(span).map(|at| (i, at)),
            _ => None,
        });
        let Some((i, at)) = found else { continue };
        let Run::Text(t) = runs.remove(i) else {
            continue;
        };
        let (before, rest) = t.split_at(at);
        let after = &rest[span.len()..];
        let mut pieces = Vec::with_capacity(3);
        if !before.is_empty() {
            pieces.push(Run::Text(before.to_string()));
        }
        pieces.push(Run::Protected(span.to_string()));
        if !after.is_empty() {
            pieces.push(Run::Text(after.to_string()));
        }
        runs.splice(i..i, pieces);
        restored.push(span.to_string());
    }
    restored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_marker_is_restored_when_the_text_is_verbatim() {
        let source = Text::from_runs(vec![
            Run::Text("Media (".into()),
            Run::Protected("KCNA".into()),
            Run::Text(") said.".into()),
        ])
        .unwrap();
        let mut runs = vec![Run::Text("매체(KCNA)는 말했다.".into())];
        assert_eq!(restore_protected(&source, &mut runs), ["KCNA"]);
        assert_eq!(
            runs,
            [
                Run::Text("매체(".into()),
                Run::Protected("KCNA".into()),
                Run::Text(")는 말했다.".into())
            ]
        );
        let mut changed = vec![Run::Text("매체(조선중앙통신)는 말했다.".into())];
        assert!(restore_protected(&source, &mut changed).is_empty());
    }
}
