//! Translatable text: a sequence of runs (plain text, inline codes,
//! protected spans).

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The deepest nesting of paired inline codes a [`Text`] may have: 60.
/// The XLIFF readers accept inline elements nested 64 deep, counting the
/// elements that hold the codes (`<source>` in XLIFF 2, the segment and
/// protected-span `<mrk>` in 1.2); 60 leaves room for those, so that every
/// text the library accepts exports to a file its own readers accept. A
/// text nested deeper is refused when it is built ([`Text::from_runs`]) or
/// read (JSON form, ninjs), and no writer recurses deeper than this.
pub const MAX_CODE_DEPTH: usize = 60;

/// The largest single [`Text`] the readers accept, in bytes of UTF-8 (text,
/// protected spans and code markup together): 4 MiB. A news paragraph is a
/// few hundred bytes; anything near this limit is not a story.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// What an inline code stands for. The original markup is kept beside it, so
/// the kind is a hint for translators and renderers, not the whole story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CodeKind {
    /// Emphasis (`<em>`, `<i>`).
    Emphasis,
    /// Strong emphasis (`<strong>`, `<b>`).
    Strong,
    /// A hyperlink (`<a href>`).
    Link,
    /// A line break (`<br>`).
    LineBreak,
    /// Superscript or subscript.
    Script,
    /// Anything else.
    Other,
}

impl CodeKind {
    /// The kind's name as used in the JSON form (`"emphasis"`, `"line-break"`).
    pub fn as_str(self) -> &'static str {
        match self {
            CodeKind::Emphasis => "emphasis",
            CodeKind::Strong => "strong",
            CodeKind::Link => "link",
            CodeKind::LineBreak => "line-break",
            CodeKind::Script => "script",
            CodeKind::Other => "other",
        }
    }
}

/// One run of a [`Text`].
///
/// Paired inline codes are a [`Run::Start`] and a [`Run::End`] with the same
/// id; a standalone code (a line break, an image) is a [`Run::Code`]. Each code
/// keeps its original markup verbatim, so renderers can write it back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Run {
    /// Plain translatable text.
    Text(String),
    /// The opening half of a paired inline code (`<em>`).
    Start {
        /// Id shared with the matching [`Run::End`]; unique within the text.
        id: String,
        /// What the code stands for.
        kind: CodeKind,
        /// The original opening markup, verbatim (may be empty).
        markup: String,
    },
    /// The closing half of a paired inline code (`</em>`).
    End {
        /// Id of the matching [`Run::Start`].
        id: String,
        /// The original closing markup, verbatim (may be empty).
        markup: String,
    },
    /// A standalone inline code (`<br/>`).
    Code {
        /// Id, unique within the text.
        id: String,
        /// What the code stands for.
        kind: CodeKind,
        /// The original markup, verbatim (may be empty).
        markup: String,
    },
    /// Text that must not be translated (a name, a product, a quoted code),
    /// carried through translation unchanged.
    Protected(String),
}

/// Translatable text: plain text with inline codes and protected spans.
///
/// A `Text` is always well formed: every [`Run::Start`] has a matching
/// [`Run::End`] after it, code ids are unique, no two text runs are
/// adjacent (they are merged), and no text run or protected span is empty.
///
/// # Examples
///
/// ```
/// use newsloc::{CodeKind, Run, Text};
///
/// let plain = Text::plain("Ferry service resumes");
/// assert_eq!(plain.to_plain_string(), "Ferry service resumes");
///
/// let rich = Text::from_runs(vec![
///     Run::Text("Talks in ".into()),
///     Run::Start { id: "1".into(), kind: CodeKind::Emphasis, markup: "<em>".into() },
///     Run::Text("Seoul".into()),
///     Run::End { id: "1".into(), markup: "</em>".into() },
/// ])?;
/// assert_eq!(rich.to_plain_string(), "Talks in Seoul");
/// assert!(rich.has_markup());
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Text {
    runs: Vec<Run>,
}

impl Text {
    /// Text made of one plain run (no run at all when `s` is empty).
    pub fn plain(s: impl Into<String>) -> Text {
        let s = s.into();
        if s.is_empty() {
            Text::default()
        } else {
            Text {
                runs: vec![Run::Text(s)],
            }
        }
    }

    /// Builds a text from runs, checking that it is well formed; adjacent
    /// text runs are merged, and empty text runs and protected spans dropped.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when a code id is used twice, an end has no open
    /// start, a start is never closed, codes are nested deeper than
    /// [`MAX_CODE_DEPTH`], or the text is larger than [`MAX_TEXT_BYTES`].
    pub fn from_runs(runs: impl IntoIterator<Item = Run>) -> Result<Text> {
        let mut out: Vec<Run> = Vec::new();
        let mut ids = HashSet::new();
        let mut open: Vec<String> = Vec::new();
        let mut bytes = 0usize;
        for (index, run) in runs.into_iter().enumerate() {
            bytes = bytes.saturating_add(run_len(&run));
            if bytes > MAX_TEXT_BYTES {
                return Err(model_error(format!(
                    "the text is larger than {MAX_TEXT_BYTES} bytes (run {})",
                    index + 1
                )));
            }
            match &run {
                Run::Text(s) => {
                    if s.is_empty() {
                        continue;
                    }
                    if let Some(Run::Text(prev)) = out.last_mut() {
                        prev.push_str(s);
                        continue;
                    }
                }
                Run::Start { id, .. } | Run::Code { id, .. } => {
                    if !ids.insert(id.clone()) {
                        return Err(model_error(format!("inline code id {id:?} is used twice")));
                    }
                    if matches!(run, Run::Start { .. }) {
                        if open.len() >= MAX_CODE_DEPTH {
                            return Err(model_error(format!(
                                "inline codes nested deeper than {MAX_CODE_DEPTH} (start {id:?}, run {})",
                                index + 1
                            )));
                        }
                        open.push(id.clone());
                    }
                }
                Run::End { id, .. } => match open.iter().position(|o| o == id) {
                    Some(i) => {
                        open.remove(i);
                    }
                    None => {
                        return Err(model_error(format!(
                            "inline code end {id:?} has no open start before it"
                        )));
                    }
                },
                Run::Protected(s) => {
                    if s.is_empty() {
                        continue;
                    }
                }
            }
            out.push(run);
        }
        if let Some(id) = open.first() {
            return Err(model_error(format!(
                "inline code start {id:?} is never closed"
            )));
        }
        Ok(Text { runs: out })
    }

    /// Plain text like [`Text::plain`], refused when larger than
    /// [`MAX_TEXT_BYTES`].
    ///
    /// # Errors
    ///
    /// [`Error::Model`] for a text over the limit.
    pub fn try_plain(s: impl Into<String>) -> Result<Text> {
        let s = s.into();
        check_len(s.len())?;
        Ok(Text::plain(s))
    }

    /// The runs, in order.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// Consumes the text, giving its runs.
    pub fn into_runs(self) -> Vec<Run> {
        self.runs
    }

    /// True when there is no run at all.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// True when the text has inline codes or protected spans.
    pub fn has_markup(&self) -> bool {
        self.runs.iter().any(|r| !matches!(r, Run::Text(_)))
    }

    /// The readable text: plain runs and protected spans, codes left out.
    pub fn to_plain_string(&self) -> String {
        let mut s = String::new();
        for run in &self.runs {
            match run {
                Run::Text(t) | Run::Protected(t) => s.push_str(t),
                _ => {}
            }
        }
        s
    }

    /// The text with each code's original markup written back in place
    /// (plain and protected text as they are, not escaped).
    pub fn to_markup_string(&self) -> String {
        let mut s = String::new();
        for run in &self.runs {
            match run {
                Run::Text(t) | Run::Protected(t) => s.push_str(t),
                Run::Start { markup, .. } | Run::End { markup, .. } | Run::Code { markup, .. } => {
                    s.push_str(markup)
                }
            }
        }
        s
    }

    /// The protected spans, in order.
    pub fn protected_spans(&self) -> impl Iterator<Item = &str> {
        self.runs.iter().filter_map(|r| match r {
            Run::Protected(t) => Some(t.as_str()),
            _ => None,
        })
    }
}

impl fmt::Display for Text {
    /// Writes the readable text (see [`Text::to_plain_string`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for run in &self.runs {
            if let Run::Text(t) | Run::Protected(t) = run {
                f.write_str(t)?;
            }
        }
        Ok(())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::plain(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::plain(s)
    }
}

fn run_len(run: &Run) -> usize {
    match run {
        Run::Text(t) | Run::Protected(t) => t.len(),
        Run::Start { id, markup, .. } | Run::Code { id, markup, .. } => id.len() + markup.len(),
        Run::End { id, markup } => id.len() + markup.len(),
    }
}

/// Refuses a text larger than [`MAX_TEXT_BYTES`].
pub(crate) fn check_text_len(text: &Text) -> Result<()> {
    check_len(text.runs.iter().map(run_len).sum())
}

/// Refuses a text of `len` bytes over [`MAX_TEXT_BYTES`].
pub(crate) fn check_len(len: usize) -> Result<()> {
    if len > MAX_TEXT_BYTES {
        return Err(model_error(format!(
            "a text of {len} bytes is larger than the limit of {MAX_TEXT_BYTES} bytes"
        )));
    }
    Ok(())
}

fn model_error(message: String) -> Error {
    Error::Model {
        unit: None,
        message,
    }
}

// --- JSON form: a string when plain, else an array of runs -----------------

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum RunRepr {
    Text(String),
    Start(StartRepr),
    End(EndRepr),
    Code(CodeRepr),
    Protected(ProtectedRepr),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StartRepr {
    start: String,
    kind: CodeKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    markup: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EndRepr {
    end: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    markup: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeRepr {
    code: String,
    kind: CodeKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    markup: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProtectedRepr {
    protected: String,
}

impl From<&Run> for RunRepr {
    fn from(run: &Run) -> RunRepr {
        match run.clone() {
            Run::Text(t) => RunRepr::Text(t),
            Run::Start { id, kind, markup } => RunRepr::Start(StartRepr {
                start: id,
                kind,
                markup,
            }),
            Run::End { id, markup } => RunRepr::End(EndRepr { end: id, markup }),
            Run::Code { id, kind, markup } => RunRepr::Code(CodeRepr {
                code: id,
                kind,
                markup,
            }),
            Run::Protected(t) => RunRepr::Protected(ProtectedRepr { protected: t }),
        }
    }
}

impl From<RunRepr> for Run {
    fn from(r: RunRepr) -> Run {
        match r {
            RunRepr::Text(t) => Run::Text(t),
            RunRepr::Start(s) => Run::Start {
                id: s.start,
                kind: s.kind,
                markup: s.markup,
            },
            RunRepr::End(e) => Run::End {
                id: e.end,
                markup: e.markup,
            },
            RunRepr::Code(c) => Run::Code {
                id: c.code,
                kind: c.kind,
                markup: c.markup,
            },
            RunRepr::Protected(p) => Run::Protected(p.protected),
        }
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self.runs.as_slice() {
            [] => serializer.serialize_str(""),
            [Run::Text(t)] => serializer.serialize_str(t),
            runs => serializer.collect_seq(runs.iter().map(RunRepr::from)),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Text, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "a string or an array of runs")]
        enum TextRepr {
            Plain(String),
            Runs(Vec<RunRepr>),
        }
        match TextRepr::deserialize(deserializer)? {
            TextRepr::Plain(s) => Text::try_plain(s).map_err(de::Error::custom),
            TextRepr::Runs(runs) => {
                Text::from_runs(runs.into_iter().map(Run::from)).map_err(de::Error::custom)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(id: &str) -> Run {
        Run::Start {
            id: id.into(),
            kind: CodeKind::Strong,
            markup: "<b>".into(),
        }
    }
    fn end(id: &str) -> Run {
        Run::End {
            id: id.into(),
            markup: "</b>".into(),
        }
    }

    #[test]
    fn merges_adjacent_text_and_drops_empty() {
        let t = Text::from_runs(vec![
            Run::Text("a".into()),
            Run::Text(String::new()),
            Run::Text("b".into()),
        ])
        .unwrap();
        assert_eq!(t.runs(), &[Run::Text("ab".into())]);
    }

    #[test]
    fn rejects_bad_pairing() {
        let e = Text::from_runs(vec![end("1")]).unwrap_err();
        assert!(e.to_string().contains("no open start"), "{e}");
        let e = Text::from_runs(vec![start("1"), Run::Text("x".into())]).unwrap_err();
        assert!(e.to_string().contains("never closed"), "{e}");
        let e = Text::from_runs(vec![start("1"), end("1"), start("1"), end("1")]).unwrap_err();
        assert!(e.to_string().contains("used twice"), "{e}");
    }

    #[test]
    fn overlapping_pairs_are_allowed() {
        // <b>a<i>b</b>c</i>: legal in a flat run list
        let t = Text::from_runs(vec![start("1"), start("2"), end("1"), end("2")]);
        assert!(t.is_ok());
    }

    #[test]
    fn json_plain_is_a_string() {
        let t = Text::plain("Hello");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"Hello\"");
        let back: Text = serde_json::from_str("\"Hello\"").unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn json_rich_is_an_array() {
        let t = Text::from_runs(vec![
            Run::Text("Talks ".into()),
            start("b1"),
            Run::Protected("KCNA".into()),
            end("b1"),
            Run::Code {
                id: "br".into(),
                kind: CodeKind::LineBreak,
                markup: "<br/>".into(),
            },
        ])
        .unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"["Talks ",{"start":"b1","kind":"strong","markup":"<b>"},{"protected":"KCNA"},{"end":"b1","markup":"</b>"},{"code":"br","kind":"line-break","markup":"<br/>"}]"#
        );
        let back: Text = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn nesting_and_size_limits() {
        let nested = |n: usize| {
            let mut runs: Vec<Run> = (0..n).map(|i| start(&format!("s{i}"))).collect();
            runs.push(Run::Text("x".into()));
            runs.extend((0..n).rev().map(|i| end(&format!("s{i}"))));
            runs
        };
        assert!(Text::from_runs(nested(MAX_CODE_DEPTH)).is_ok());
        let e = Text::from_runs(nested(MAX_CODE_DEPTH + 1)).unwrap_err();
        assert!(
            e.to_string()
                .contains("nested deeper than 60 (start \"s60\", run 61)"),
            "{e}"
        );
        let big = "a".repeat(MAX_TEXT_BYTES + 1);
        assert!(Text::try_plain(big.clone()).is_err());
        assert!(Text::from_runs(vec![Run::Text(big)]).is_err());
        assert!(Text::try_plain("a".repeat(MAX_TEXT_BYTES)).is_ok());
    }

    #[test]
    fn json_rejects_unknown_run_and_bad_pairing() {
        assert!(serde_json::from_str::<Text>(r#"[{"bogus":1}]"#).is_err());
        let e = serde_json::from_str::<Text>(r#"[{"end":"x"}]"#).unwrap_err();
        assert!(e.to_string().contains("no open start"), "{e}");
    }
}
