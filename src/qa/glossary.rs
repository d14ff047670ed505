//! A glossary per language pair: a source term present means its target
//! term must be present.

use std::path::Path;

use quick_xml::events::Event;

use super::script::{Script, script};
use super::story::primary;
use super::{Check, Emit, StoryUnit};
use crate::error::{Error, Location, Position, Problem, Result};

/// Terms by language, one entry per concept.
///
/// # Examples
///
/// ```
/// use newsloc::qa::{Check, Checker, Glossary, Story};
///
/// let g = Glossary::from_csv_str("en,ko,ja\nIncheon Port Authority,인천항만공사,仁川港湾公社\n")?;
/// let mut story = Story::new("en", "ko");
/// story.push_pair("p1", "The Incheon Port Authority said so.", "인천항만청은 그렇게 밝혔다.");
/// let mut checker = Checker::new();
/// checker.glossary(g);
/// assert_eq!(checker.check(&story)[0].check, Check::Glossary);
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Entry {
    /// (language tag, or `source` / `target` for a two-column list; terms)
    terms: Vec<(String, Vec<String>)>,
}

fn bad(line: u64, message: String) -> Error {
    Error::Rejected {
        problems: vec![Problem {
            location: Location {
                position: Some(Position {
                    byte: 0,
                    line,
                    column: 1,
                }),
                ..Location::default()
            },
            message,
        }],
    }
}

impl Glossary {
    /// An empty glossary.
    pub fn new() -> Glossary {
        Glossary::default()
    }

    /// Adds one concept: its terms as (language tag, term) pairs; a
    /// language may have several terms (any of them satisfies the check).
    pub fn push<'a>(
        &mut self,
        terms: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> &mut Glossary {
        let mut entry = Entry::default();
        for (lang, term) in terms {
            let term = term.trim();
            if term.is_empty() {
                continue;
            }
            match entry
                .terms
                .iter_mut()
                .find(|(l, _)| l.eq_ignore_ascii_case(lang))
            {
                Some((_, v)) => v.push(term.to_string()),
                None => entry.terms.push((lang.to_string(), vec![term.to_string()])),
            }
        }
        if !entry.terms.is_empty() {
            self.entries.push(entry);
        }
        self
    }

    /// The number of concepts.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no concept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads a CSV glossary: a header row of language tags (`en,ko,ja`),
    /// or `source,target` for one language pair, then one concept per row;
    /// several terms in a cell are separated by `|`. Columns whose header
    /// is `note`, `comment` or `definition` are ignored.
    ///
    /// # Errors
    ///
    /// [`Error::Rejected`] with the line of a malformed row or header.
    pub fn from_csv_str(text: &str) -> Result<Glossary> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| bad(1, format!("cannot read the header row: {e}")))?
            .clone();
        let mut columns: Vec<Option<String>> = Vec::new();
        for h in headers.iter() {
            let h = h.trim_start_matches('\u{feff}');
            match h.to_ascii_lowercase().as_str() {
                "note" | "notes" | "comment" | "definition" | "" => columns.push(None),
                "source" | "target" => columns.push(Some(h.to_ascii_lowercase())),
                _ if (2..=3).contains(&primary(h).len())
                    && h.parse::<unic_langid::LanguageIdentifier>().is_ok() =>
                {
                    columns.push(Some(h.to_string()))
                }
                _ => {
                    return Err(bad(
                        1,
                        format!("header {h:?} is not a language tag (nor source, target, note)"),
                    ));
                }
            }
        }
        if columns.iter().flatten().count() < 2 {
            return Err(bad(1, "the header names fewer than two languages".into()));
        }
        let mut g = Glossary::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                bad(line, format!("malformed row: {e}"))
            })?;
            let line = record.position().map_or(0, |p| p.line());
            if record.len() > columns.len() {
                return Err(bad(
                    line,
                    format!("{} cells, the header has {}", record.len(), columns.len()),
                ));
            }
            let mut terms: Vec<(&str, &str)> = Vec::new();
            for (cell, col) in record.iter().zip(&columns) {
                if let Some(lang) = col {
                    for t in cell.split('|') {
                        terms.push((lang.as_str(), t));
                    }
                }
            }
            g.push(terms);
        }
        Ok(g)
    }

    /// Reads a TBX file (TBX 2 `termEntry`/`langSet`/`tig`, TBX 3
    /// `conceptEntry`/`langSec`/`termSec`): every `term` with the
    /// language of its language section.
    ///
    /// # Errors
    ///
    /// [`Error::Xml`] with the position when the XML is malformed.
    pub fn from_tbx_str(text: &str) -> Result<Glossary> {
        let mut reader = quick_xml::Reader::from_str(text);
        let mut g = Glossary::new();
        let mut entry: Option<Vec<(String, String)>> = None;
        let mut lang: Option<String> = None;
        let mut in_term = false;
        let mut term = String::new();
        let xml_error = |reader: &quick_xml::Reader<&[u8]>, e: String| Error::Xml {
            location: Location {
                position: Some(Position::from_offset(
                    text,
                    reader.error_position() as usize,
                )),
                ..Location::default()
            },
            message: e,
        };
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| xml_error(&reader, format!("not well-formed TBX: {e}")))?;
            match ev {
                Event::Start(e) => match e.local_name().as_ref() {
                    "termEntry" | "conceptEntry" => entry = Some(Vec::new()),
                    "langSet" | "langSec" => {
                        lang = e.attributes().flatten().find_map(|a| {
                            (a.key.as_ref() == "xml:lang" || a.key.local_name().as_ref() == "lang")
                                .then(|| a.value.to_string())
                        })
                    }
                    "term" => {
                        in_term = true;
                        term.clear();
                    }
                    _ => {}
                },
                Event::Text(t) if in_term => {
                    term.push_str(&t.xml10_content());
                }
                Event::GeneralRef(r) if in_term => match r.resolve_char_ref() {
                    Ok(Some(c)) => term.push(c),
                    _ => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => term.push_str(s),
                        None => {
                            return Err(xml_error(
                                &reader,
                                format!("unknown entity `&{};` in a term", &*r),
                            ));
                        }
                    },
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "term" => {
                        in_term = false;
                        if let (Some(en), Some(l)) = (entry.as_mut(), lang.as_ref()) {
                            en.push((l.clone(), term.trim().to_string()));
                        }
                    }
                    "langSet" | "langSec" => lang = None,
                    "termEntry" | "conceptEntry" => {
                        if let Some(en) = entry.take() {
                            g.push(en.iter().map(|(l, t)| (l.as_str(), t.as_str())));
                        }
                    }
                    _ => {}
                },
                Event::DocType(_) => {
                    return Err(xml_error(
                        &reader,
                        "DTDs are not accepted in TBX files".into(),
                    ));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(g)
    }

    /// Reads a glossary file: TBX when it ends in `.tbx` or starts with
    /// `<`, CSV otherwise.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when it cannot be read; the errors of
    /// [`Glossary::from_csv_str`] and [`Glossary::from_tbx_str`] with the
    /// file name.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Glossary> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let tbx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tbx"))
            || text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('<');
        let g = if tbx {
            Glossary::from_tbx_str(&text)
        } else {
            Glossary::from_csv_str(&text)
        };
        g.map_err(|e| e.with_file(path))
    }

    /// The (source terms, target terms) of every concept that has both.
    fn pairs<'a>(&'a self, src: &str, trg: &str) -> Vec<(&'a [String], &'a [String])> {
        let find = |e: &'a Entry, tag: &str, role: &str| -> Option<&'a [String]> {
            e.terms
                .iter()
                .find(|(l, _)| l.eq_ignore_ascii_case(tag))
                .or_else(|| {
                    e.terms.iter().find(|(l, _)| {
                        l.eq_ignore_ascii_case(primary(tag))
                            || primary(l).eq_ignore_ascii_case(primary(tag))
                                && !l.eq_ignore_ascii_case(role)
                    })
                })
                .or_else(|| e.terms.iter().find(|(l, _)| l == role))
                .map(|(_, v)| v.as_slice())
        };
        self.entries
            .iter()
            .filter_map(|e| Some((find(e, src, "source")?, find(e, trg, "target")?)))
            .collect()
    }

    pub(crate) fn check_unit(&self, src: &str, trg: &str, unit: &StoryUnit, emit: &mut Emit<'_>) {
        if !emit.on(Check::Glossary) {
            return;
        }
        let target: String = unit
            .segments
            .iter()
            .filter_map(|s| s.target.as_deref())
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if target.trim().is_empty() {
            return;
        }
        for (sources, targets) in self.pairs(src, trg) {
            for (n, seg) in unit.segments.iter().enumerate() {
                let Some((s, e, term)) = sources
                    .iter()
                    .find_map(|t| find_term(&seg.source, t).map(|(s, e)| (s, e, t)))
                else {
                    continue;
                };
                if targets.iter().any(|t| target.contains(&t.to_lowercase())) {
                    break;
                }
                let want = targets.join(" or ");
                emit.pair(Check::Glossary, n, Some((s, e)), None, |_, _| {
                    format!("the glossary translates “{term}” as “{want}”, which the target lacks")
                });
                break;
            }
        }
    }
}

/// Where `term` occurs in `text`, case folded, at word boundaries when it
/// is in a spaced script.
fn find_term(text: &str, term: &str) -> Option<(usize, usize)> {
    if term.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    let t = term.to_lowercase();
    if lower.len() != text.len() {
        // case folding changed lengths: match exactly instead
        return text.find(term).map(|i| (i, i + term.len()));
    }
    let spaced = term
        .chars()
        .all(|c| script(c).is_none_or(|s| s == Script::Latin || s == Script::Other));
    let mut from = 0;
    while let Some(i) = lower[from..].find(&t).map(|i| i + from) {
        let e = i + t.len();
        let before_ok = lower[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = lower[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if !spaced || (before_ok && after_ok) {
            return Some((i, e));
        }
        from = i + lower[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_languages_and_errors() {
        let g = Glossary::from_csv_str(
            "en,ko,note\nKCNA,조선중앙통신|KCNA,state agency\n\"Yellow Sea\",서해,\n",
        )
        .unwrap();
        assert_eq!(g.len(), 2);
        let p = g.pairs("en", "ko");
        assert_eq!(p[0].1, ["조선중앙통신", "KCNA"]);
        assert!(g.pairs("en", "ja").is_empty());
        let e = Glossary::from_csv_str("en,Korean\nx,y\n").unwrap_err();
        assert!(e.to_string().contains("1:1"), "{e}");
        let e = Glossary::from_csv_str("en,ko\na,b\nc,d,e\n").unwrap_err();
        assert!(e.to_string().contains("3:1"), "{e}");
    }

    #[test]
    fn tbx_two_and_three() {
        let tbx2 = r#"<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>
            <termEntry id="c1"><langSet xml:lang="en"><tig><term>coast guard</term></tig></langSet>
            <langSet xml:lang="ko"><tig><term>해양경찰</term></tig><tig><term>해경</term></tig></langSet></termEntry>
            </body></text></martif>"#;
        let g = Glossary::from_tbx_str(tbx2).unwrap();
        assert_eq!(g.pairs("en", "ko")[0].1, ["해양경찰", "해경"]);
        let tbx3 = r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
            <conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>R&amp;D</term></termSec></langSec>
            <langSec xml:lang="de"><termSec><term>F&amp;E</term></termSec></langSec></conceptEntry></body></text></tbx>"#;
        let g = Glossary::from_tbx_str(tbx3).unwrap();
        assert_eq!(
            g.pairs("en", "de"),
            [(&["R&D".to_string()][..], &["F&E".to_string()][..])]
        );
        let e = Glossary::from_tbx_str("<tbx>\n<a></b></tbx>").unwrap_err();
        assert!(e.to_string().contains("2:"), "{e}");
    }

    #[test]
    fn terms_at_word_boundaries() {
        assert_eq!(find_term("the IPA said", "ipa"), Some((4, 7)));
        assert_eq!(find_term("tipas", "ipa"), None);
    }
}
