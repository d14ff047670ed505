//! The article: translatable text and fixed metadata, kept apart by type.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

use super::meta::{Credit, Date, EditorNote, MonthDay, UpdateTag, UsageRestriction};
use super::text::Text;
use crate::error::{Error, Location, Position, Problem, Result};

/// A headline: an optional update tag (fixed) and the headline text
/// (translatable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    /// The update tag, such as `(LEAD)`.
    #[serde(default)]
    pub tag: Option<UpdateTag>,
    /// The headline text.
    pub text: Text,
}

/// A dateline: where (translatable), when and which agency (fixed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dateline {
    /// The place (`SEOUL`), written in the article's language.
    #[serde(default)]
    pub place: Option<Text>,
    /// The month and day, rendered in each locale's style.
    #[serde(default)]
    pub date: Option<MonthDay>,
    /// The agency credit (`Yonhap`, `AP`).
    #[serde(default)]
    pub agency: Option<Credit>,
}

/// A photo block: a translatable caption with fixed restrictions and credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// The caption.
    pub caption: Text,
    /// Usage restrictions, in order.
    #[serde(default)]
    pub restrictions: Vec<UsageRestriction>,
    /// The credit.
    pub credit: Credit,
}

/// One block of an article's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
#[non_exhaustive]
pub enum Block {
    /// A paragraph of text.
    Paragraph(Text),
    /// A photo with its caption.
    Photo(Photo),
}

/// Which article a translation was made from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationOf {
    /// The source article's id.
    pub id: String,
    /// The source article's version.
    pub version: u32,
    /// The source article's language.
    pub language: LanguageIdentifier,
}

/// A news article.
///
/// Translatable text has the type [`Text`]; everything else (tags, names,
/// credits, restrictions, the editor's note, dates) has its own type and is
/// copied unchanged into a translation by [`Article::translate`].
///
/// # Examples
///
/// ```
/// use newsloc::{Article, Block, Text};
///
/// let mut article = Article::new("ferry", "en".parse().unwrap());
/// article.body.push(Block::Paragraph(Text::plain("Ferries run again.")));
/// let units = article.units();
/// assert_eq!(units[0].id, "p1");
///
/// let ko = article.translate("ko".parse().unwrap(), [("p1", Text::plain("여객선 운항 재개."))])?;
/// assert_eq!(ko.translation_of.as_ref().unwrap().language.to_string(), "en");
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The story's id, stable across versions.
    pub id: String,
    /// The story's version, from 1.
    pub version: u32,
    /// The language the article is written in.
    pub language: LanguageIdentifier,
    /// The story's date.
    pub date: Option<Date>,
    /// The editor's note.
    pub editor_note: Option<EditorNote>,
    /// The headline.
    pub headline: Option<Headline>,
    /// The byline: names, never translated.
    pub byline: Vec<String>,
    /// The dateline.
    pub dateline: Option<Dateline>,
    /// The body, in order.
    pub body: Vec<Block>,
    /// Whether the story closes with an end mark (`(END)`).
    pub end_mark: bool,
    /// For a translation, the article it was translated from.
    pub translation_of: Option<TranslationOf>,
}

/// What a translatable unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnitKind {
    /// The headline text.
    Headline,
    /// The dateline's place.
    DatelinePlace,
    /// The n-th paragraph (from 1).
    Paragraph(usize),
    /// The caption of the n-th photo (from 1).
    Caption(usize),
}

impl UnitKind {
    /// A short English description for translators ("headline", "photo caption").
    pub fn describe(self) -> &'static str {
        match self {
            UnitKind::Headline => "headline",
            UnitKind::DatelinePlace => "dateline place name",
            UnitKind::Paragraph(_) => "body paragraph",
            UnitKind::Caption(_) => "photo caption",
        }
    }
}

/// A translatable unit of an article: a stable id, what it is, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit<'a> {
    /// Stable id: `headline`, `dateline-place`, `p1`, `p2`, ..., `photo1-caption`, ...
    pub id: String,
    /// What the unit is.
    pub kind: UnitKind,
    /// The text to translate.
    pub text: &'a Text,
}

/// What to do when [`Article::translate_with`] has no translation for a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Untranslated {
    /// Refuse: a missing unit is an error (the default).
    #[default]
    Error,
    /// Keep the source text.
    Source,
    /// Leave the unit out: a paragraph or photo is dropped, a headline or
    /// dateline place is left empty.
    Omit,
}

impl Article {
    /// An empty article: version 1, no headline, no body.
    pub fn new(id: impl Into<String>, language: LanguageIdentifier) -> Article {
        Article {
            id: id.into(),
            version: 1,
            language,
            date: None,
            editor_note: None,
            headline: None,
            byline: Vec::new(),
            dateline: None,
            body: Vec::new(),
            end_mark: true,
            translation_of: None,
        }
    }

    /// The translatable units in document order, with stable ids.
    pub fn units(&self) -> Vec<Unit<'_>> {
        let mut units = Vec::new();
        if let Some(h) = &self.headline {
            units.push(Unit {
                id: "headline".into(),
                kind: UnitKind::Headline,
                text: &h.text,
            });
        }
        if let Some(Dateline {
            place: Some(place), ..
        }) = &self.dateline
        {
            units.push(Unit {
                id: "dateline-place".into(),
                kind: UnitKind::DatelinePlace,
                text: place,
            });
        }
        let (mut p, mut ph) = (0, 0);
        for block in &self.body {
            match block {
                Block::Paragraph(text) => {
                    p += 1;
                    units.push(Unit {
                        id: format!("p{p}"),
                        kind: UnitKind::Paragraph(p),
                        text,
                    });
                }
                Block::Photo(photo) => {
                    ph += 1;
                    units.push(Unit {
                        id: format!("photo{ph}-caption"),
                        kind: UnitKind::Caption(ph),
                        text: &photo.caption,
                    });
                }
            }
        }
        units
    }

    /// Builds the translation of this article into `language` from unit
    /// translations keyed by unit id, copying every fixed field unchanged.
    /// Every unit must be translated.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] naming the unit when a unit has no translation or a
    /// translation names a unit the article does not have.
    pub fn translate<K, I>(&self, language: LanguageIdentifier, translations: I) -> Result<Article>
    where
        K: Into<String>,
        I: IntoIterator<Item = (K, Text)>,
    {
        self.translate_with(language, translations, Untranslated::Error)
    }

    /// Like [`Article::translate`], with a policy for units that have no
    /// translation.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] for a translation of an unknown unit, a unit given
    /// twice, or (with [`Untranslated::Error`]) a missing unit.
    pub fn translate_with<K, I>(
        &self,
        language: LanguageIdentifier,
        translations: I,
        missing: Untranslated,
    ) -> Result<Article>
    where
        K: Into<String>,
        I: IntoIterator<Item = (K, Text)>,
    {
        let mut map: HashMap<String, Text> = HashMap::new();
        for (k, v) in translations {
            let k = k.into();
            if map.contains_key(&k) {
                return Err(Error::Model {
                    message: "translated twice".into(),
                    unit: Some(k),
                });
            }
            map.insert(k, v);
        }
        let ids: Vec<String> = self.units().into_iter().map(|u| u.id).collect();
        let known: BTreeSet<&String> = ids.iter().collect();
        if let Some(unknown) = map.keys().filter(|k| !known.contains(k)).min() {
            return Err(Error::Model {
                message: format!("the article {} has no such unit", self.id),
                unit: Some(unknown.clone()),
            });
        }
        if missing == Untranslated::Error {
            // report the first missing unit in document order
            if let Some(id) = ids.into_iter().find(|id| !map.contains_key(id)) {
                return Err(Error::Model {
                    message: "no translation given".into(),
                    unit: Some(id),
                });
            }
        }
        // take(id, source) gives the translation, the source, or None (omit)
        let mut take = |id: &str, source: &Text| -> Option<Text> {
            match map.remove(id) {
                Some(t) => Some(t),
                None if missing == Untranslated::Source => Some(source.clone()),
                None => None,
            }
        };
        let headline = self.headline.as_ref().map(|h| Headline {
            tag: h.tag.clone(),
            text: take("headline", &h.text).unwrap_or_default(),
        });
        let dateline = self.dateline.as_ref().map(|d| Dateline {
            place: d.place.as_ref().and_then(|p| take("dateline-place", p)),
            date: d.date,
            agency: d.agency.clone(),
        });
        let (mut p, mut ph) = (0, 0);
        let mut body = Vec::with_capacity(self.body.len());
        for block in &self.body {
            match block {
                Block::Paragraph(text) => {
                    p += 1;
                    if let Some(t) = take(&format!("p{p}"), text) {
                        body.push(Block::Paragraph(t));
                    }
                }
                Block::Photo(photo) => {
                    ph += 1;
                    if let Some(caption) = take(&format!("photo{ph}-caption"), &photo.caption) {
                        body.push(Block::Photo(Photo {
                            caption,
                            restrictions: photo.restrictions.clone(),
                            credit: photo.credit.clone(),
                        }));
                    }
                }
            }
        }
        Ok(Article {
            id: self.id.clone(),
            version: self.version,
            language,
            date: self.date,
            editor_note: self.editor_note.clone(),
            headline,
            byline: self.byline.clone(),
            dateline,
            body,
            end_mark: self.end_mark,
            translation_of: Some(TranslationOf {
                id: self.id.clone(),
                version: self.version,
                language: self.language.clone(),
            }),
        })
    }

    /// The photos of the body, in order.
    pub fn photos(&self) -> impl Iterator<Item = &Photo> {
        self.body.iter().filter_map(|b| match b {
            Block::Photo(p) => Some(p),
            _ => None,
        })
    }

    /// Checks that `self`, a translation, carries every fixed field of
    /// `source` unchanged: byline, tags, date, agency, and each photo's credit
    /// and restrictions verbatim (legal text).
    ///
    /// # Errors
    ///
    /// [`Error::Rejected`] listing every difference.
    pub fn check_fixed_fields(&self, source: &Article) -> Result<()> {
        let mut problems = Vec::new();
        fn differ(
            problems: &mut Vec<Problem>,
            what: &str,
            unit: Option<String>,
            a: &dyn fmt::Debug,
            b: &dyn fmt::Debug,
        ) {
            problems.push(Problem {
                location: Location {
                    unit,
                    ..Location::default()
                },
                message: format!("{what} differs from the source: {a:?} instead of {b:?}"),
            });
        }
        if self.byline != source.byline {
            differ(&mut problems, "byline", None, &self.byline, &source.byline);
        }
        let tag = |a: &Article| a.headline.as_ref().and_then(|h| h.tag.clone());
        if tag(self) != tag(source) {
            differ(&mut problems, "update tag", None, &tag(self), &tag(source));
        }
        if self.date != source.date {
            differ(&mut problems, "date", None, &self.date, &source.date);
        }
        let agency = |a: &Article| a.dateline.as_ref().and_then(|d| d.agency.clone());
        if agency(self) != agency(source) {
            differ(
                &mut problems,
                "dateline agency",
                None,
                &agency(self),
                &agency(source),
            );
        }
        let ours: Vec<&Photo> = self.photos().collect();
        let theirs: Vec<&Photo> = source.photos().collect();
        for (i, src) in theirs.iter().enumerate() {
            let unit = Some(format!("photo{}-caption", i + 1));
            match ours.get(i) {
                None => problems.push(Problem {
                    location: Location {
                        unit,
                        ..Location::default()
                    },
                    message: format!(
                        "photo {} with credit {:?} is missing from the translation",
                        i + 1,
                        src.credit.as_str()
                    ),
                }),
                Some(ours) => {
                    if ours.credit != src.credit {
                        differ(
                            &mut problems,
                            "photo credit",
                            unit.clone(),
                            &ours.credit.0,
                            &src.credit.0,
                        );
                    }
                    if ours.restrictions != src.restrictions {
                        differ(
                            &mut problems,
                            "usage restrictions",
                            unit,
                            &ours.restrictions,
                            &src.restrictions,
                        );
                    }
                }
            }
        }
        if ours.len() > theirs.len() {
            problems.push(Problem {
                location: Location::default(),
                message: format!(
                    "the translation has {} photos, the source {}",
                    ours.len(),
                    theirs.len()
                ),
            });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Rejected { problems })
        }
    }
}

// --- JSON form ------------------------------------------------------------

/// The format tag of the JSON form this version of the crate writes.
pub const JSON_FORMAT: &str = "newsloc/article@1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleJson {
    format: String,
    id: String,
    version: u32,
    language: LanguageIdentifier,
    #[serde(default)]
    date: Option<Date>,
    #[serde(default)]
    editor_note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    editor_note_changes: Vec<super::meta::Change>,
    #[serde(default)]
    headline: Option<Headline>,
    #[serde(default)]
    byline: Vec<String>,
    #[serde(default)]
    dateline: Option<Dateline>,
    body: Vec<Block>,
    #[serde(default)]
    end_mark: bool,
    #[serde(default)]
    translation_of: Option<TranslationOf>,
}

#[derive(Deserialize)]
struct FormatProbe {
    format: Option<serde_json::Value>,
}

impl Article {
    /// The article's JSON form (see `docs/json-format.md`), pretty-printed.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::Article;
    /// let a = Article::new("ferry", "en".parse().unwrap());
    /// let json = a.to_json();
    /// assert!(json.contains(r#""format": "newsloc/article@1""#));
    /// assert_eq!(Article::from_json(&json)?, a);
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        let repr = ArticleJson {
            format: JSON_FORMAT.into(),
            id: self.id.clone(),
            version: self.version,
            language: self.language.clone(),
            date: self.date,
            editor_note: self.editor_note.as_ref().map(|n| n.text().to_string()),
            editor_note_changes: self
                .editor_note
                .as_ref()
                .map(|n| n.changes().to_vec())
                .unwrap_or_default(),
            headline: self.headline.clone(),
            byline: self.byline.clone(),
            dateline: self.dateline.clone(),
            body: self.body.clone(),
            end_mark: self.end_mark,
            translation_of: self.translation_of.clone(),
        };
        let mut s = serde_json::to_string_pretty(&repr).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads an article from its JSON form.
    ///
    /// The `format` key must be `newsloc/article@1`; unknown keys are
    /// refused. `editor_note_changes`, when present, is ignored in favour of
    /// the verbs parsed from `editor_note` (it is derived data).
    ///
    /// # Errors
    ///
    /// [`Error::Json`] with line and column for malformed JSON, a missing or
    /// wrong format tag, an unknown key or a bad value.
    pub fn from_json(json: &str) -> Result<Article> {
        let json_err = |e: serde_json::Error| {
            let line = e.line() as u64;
            let column = (e.column() as u64).max(1);
            Error::Json {
                location: Location {
                    position: (line > 0).then_some(Position {
                        byte: 0,
                        line,
                        column,
                    }),
                    ..Location::default()
                },
                message: strip_serde_position(&e.to_string()),
            }
        };
        let probe: FormatProbe = serde_json::from_str(json).map_err(json_err)?;
        match probe.format {
            Some(serde_json::Value::String(f)) if f == JSON_FORMAT => {}
            Some(other) => {
                return Err(Error::Json {
                    location: Location::default(),
                    message: format!(
                        "unsupported format {other}: this version reads \"{JSON_FORMAT}\""
                    ),
                });
            }
            None => {
                return Err(Error::Json {
                    location: Location::default(),
                    message: format!(
                        "no \"format\" key: not a newsloc article (expected \"format\": \"{JSON_FORMAT}\")"
                    ),
                });
            }
        }
        let repr: ArticleJson = serde_json::from_str(json).map_err(json_err)?;
        if repr.version == 0 {
            return Err(Error::Json {
                location: Location::default(),
                message: "version must be 1 or more".into(),
            });
        }
        Ok(Article {
            id: repr.id,
            version: repr.version,
            language: repr.language,
            date: repr.date,
            editor_note: repr.editor_note.map(EditorNote::new),
            headline: repr.headline,
            byline: repr.byline,
            dateline: repr.dateline,
            body: repr.body,
            end_mark: repr.end_mark,
            translation_of: repr.translation_of,
        })
    }
}

/// serde_json appends " at line L column C"; the position is in the
/// location already.
fn strip_serde_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::{CodeKind, Run};

    fn sample() -> Article {
        let mut a = Article::new("s1", "en".parse().unwrap());
        a.headline = Some(Headline {
            tag: Some(UpdateTag::new("(LEAD)")),
            text: Text::plain("Head"),
        });
        a.byline = vec!["Kim Ji-won".into()];
        a.dateline = Some(Dateline {
            place: Some(Text::plain("SEOUL")),
            date: Some(MonthDay::new(9, 12).unwrap()),
            agency: Some(Credit("Yonhap".into())),
        });
        a.body = vec![
            Block::Paragraph(Text::plain("One.")),
            Block::Photo(Photo {
                caption: Text::plain("A ship."),
                restrictions: vec![UsageRestriction("No Archiving".into())],
                credit: Credit("Yonhap".into()),
            }),
            Block::Paragraph(
                Text::from_runs(vec![
                    Run::Text("Two ".into()),
                    Run::Code {
                        id: "1".into(),
                        kind: CodeKind::LineBreak,
                        markup: "<br/>".into(),
                    },
                ])
                .unwrap(),
            ),
        ];
        a
    }

    #[test]
    fn unit_ids_in_order() {
        let ids: Vec<String> = sample().units().into_iter().map(|u| u.id).collect();
        assert_eq!(
            ids,
            ["headline", "dateline-place", "p1", "photo1-caption", "p2"]
        );
    }

    #[test]
    fn translate_copies_fixed_fields() {
        let a = sample();
        let t = a
            .translate(
                "ko".parse().unwrap(),
                [
                    ("headline", Text::plain("제목")),
                    ("dateline-place", Text::plain("서울")),
                    ("p1", Text::plain("하나.")),
                    ("photo1-caption", Text::plain("배.")),
                    ("p2", Text::plain("둘")),
                ],
            )
            .unwrap();
        assert_eq!(t.byline, a.byline);
        assert_eq!(
            t.headline.as_ref().unwrap().tag,
            a.headline.as_ref().unwrap().tag
        );
        assert_eq!(
            t.photos().next().unwrap().restrictions,
            a.photos().next().unwrap().restrictions
        );
        assert_eq!(t.language.to_string(), "ko");
        assert_eq!(t.translation_of.as_ref().unwrap().version, 1);
        assert!(t.check_fixed_fields(&a).is_ok());
    }

    #[test]
    fn translate_names_missing_and_unknown_units() {
        let a = sample();
        let e = a
            .translate("ko".parse().unwrap(), [("headline", Text::plain("x"))])
            .unwrap_err();
        assert_eq!(e.to_string(), "unit dateline-place: no translation given");
        let e = a
            .translate("ko".parse().unwrap(), [("p9", Text::plain("x"))])
            .unwrap_err();
        assert_eq!(e.to_string(), "unit p9: the article s1 has no such unit");
    }

    #[test]
    fn translate_policies() {
        let a = sample();
        let t = a
            .translate_with(
                "ko".parse().unwrap(),
                [("p1", Text::plain("하나."))],
                Untranslated::Omit,
            )
            .unwrap();
        assert_eq!(t.body.len(), 1);
        assert!(t.headline.as_ref().unwrap().text.is_empty());
        let t = a
            .translate_with(
                "ko".parse().unwrap(),
                [("p1", Text::plain("하나."))],
                Untranslated::Source,
            )
            .unwrap();
        assert_eq!(t.body.len(), 3);
        assert_eq!(t.units()[0].text.to_plain_string(), "Head");
    }

    #[test]
    fn tampered_credit_is_caught() {
        let a = sample();
        let mut t = a.clone();
        if let Block::Photo(p) = &mut t.body[1] {
            p.credit = Credit("Yonhap/AFP".into());
        }
        let e = t.check_fixed_fields(&a).unwrap_err().to_string();
        assert!(e.contains("photo credit differs"), "{e}");
        assert!(e.contains("photo1-caption"), "{e}");
    }

    #[test]
    fn json_round_trip_and_errors() {
        let a = sample();
        let json = a.to_json();
        assert_eq!(Article::from_json(&json).unwrap(), a);
        let e = Article::from_json(&json.replace("newsloc/article@1", "newsloc/article@9"))
            .unwrap_err();
        assert!(e.to_string().contains("unsupported format"), "{e}");
        let e = Article::from_json(&json.replace("\"byline\"", "\"bylines\"")).unwrap_err();
        assert!(e.to_string().contains("unknown field `bylines`"), "{e}");
        let e = Article::from_json("{\"format\": \"newsloc/article@1\",\n \"id\": 3}").unwrap_err();
        assert_eq!(e.location().unwrap().position.unwrap().line, 2, "{e}");
        let e = Article::from_json("[1,2]").unwrap_err();
        assert!(matches!(e, Error::Json { .. }));
    }
}
