//! The article: translatable text and fixed metadata, kept apart by type.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

use super::meta::{Copyright, Credit, Date, EditorNote, MonthDay, UpdateTag, UsageRestriction};
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
    /// The year, when the dateline gives one (`Paris, Nov. 20, 2024 (AFP) -`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The dash that ends the dateline as written (`--`, `—`, `–`, `-`, or
    /// CNA's colon `:` right after the place), kept when the story is
    /// rendered again in its own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dash: Option<String>,
}

impl Dateline {
    /// A dateline from its place, date and agency, with no year or dash
    /// style.
    pub fn new(place: Option<Text>, date: Option<MonthDay>, agency: Option<Credit>) -> Dateline {
        Dateline {
            place,
            date,
            agency,
            year: None,
            dash: None,
        }
    }
}

/// A photo block: a translatable caption with fixed restrictions,
/// copyright and credit.
///
/// The credit is required and never empty: the JSON form and the ninjs
/// reader refuse a photo without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "PhotoRepr")]
pub struct Photo {
    /// The caption (empty when a translation left it out).
    pub caption: Text,
    /// Usage restrictions, in order.
    #[serde(default)]
    pub restrictions: Vec<UsageRestriction>,
    /// The copyright notice, when the photo has its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<Copyright>,
    /// The credit.
    pub credit: Credit,
}

impl Photo {
    /// A photo with a caption and a credit, no restrictions or copyright.
    pub fn new(caption: Text, credit: Credit) -> Photo {
        Photo {
            caption,
            restrictions: Vec::new(),
            copyright: None,
            credit,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhotoRepr {
    caption: Text,
    #[serde(default)]
    restrictions: Vec<UsageRestriction>,
    #[serde(default)]
    copyright: Option<Copyright>,
    credit: Credit,
}

impl TryFrom<PhotoRepr> for Photo {
    type Error = String;
    fn try_from(r: PhotoRepr) -> std::result::Result<Photo, String> {
        if r.credit.as_str().trim().is_empty() {
            return Err("a photo's credit must not be empty (legal text)".into());
        }
        if r.restrictions.iter().any(|x| x.as_str().trim().is_empty()) {
            return Err("a photo's usage restriction must not be empty".into());
        }
        Ok(Photo {
            caption: r.caption,
            restrictions: r.restrictions,
            copyright: r.copyright,
            credit: r.credit,
        })
    }
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
    /// The fingerprint of the source's fixed fields
    /// ([`Article::fixed_fingerprint`]), so that a translation's legal text
    /// can be checked without the source ([`Article::check_fingerprint`]).
    /// Empty in translations made before fingerprints existed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fixed: BTreeMap<String, String>,
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
    /// The reporters' role as the byline wrote it, when it is not the
    /// usual one of the story's locale (Yonhap's `특파원`, correspondent,
    /// where Korean bylines usually write `기자`); fixed, written again only
    /// in the story's own language.
    pub byline_role: Option<String>,
    /// The dateline.
    pub dateline: Option<Dateline>,
    /// The body, in order.
    pub body: Vec<Block>,
    /// Whether the story closes with an end mark (`(END)`).
    pub end_mark: bool,
    /// Credits of the story's makers from a trailer such as `(Reporting by
    /// Kim Min-ji; Editing by Ed Lee)`, one entry per clause, verbatim.
    pub credits: Vec<Credit>,
    /// The story's copyright notice (ninjs `copyrightNotice`).
    pub copyright: Option<Copyright>,
    /// The story's usage terms (ninjs `usageTerms`), verbatim.
    pub usage_terms: Option<UsageRestriction>,
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
    /// Leave the unit out: a paragraph is dropped, a headline, dateline
    /// place or photo caption is left empty. A photo is never dropped: its
    /// credit, restrictions and copyright stay (legal text).
    Omit,
}

/// `error`, `source` or `omit` (any case).
///
/// # Examples
///
/// ```
/// use newsloc::Untranslated;
/// assert_eq!("omit".parse::<Untranslated>().unwrap(), Untranslated::Omit);
/// assert!("drop".parse::<Untranslated>().is_err());
/// ```
impl std::str::FromStr for Untranslated {
    type Err = Error;
    fn from_str(s: &str) -> Result<Untranslated> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Ok(Untranslated::Error),
            "source" => Ok(Untranslated::Source),
            "omit" => Ok(Untranslated::Omit),
            _ => Err(Error::Model {
                unit: None,
                message: format!("unknown policy {s:?}: use error, source or omit"),
            }),
        }
    }
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
            byline_role: None,
            dateline: None,
            body: Vec::new(),
            end_mark: true,
            credits: Vec::new(),
            copyright: None,
            usage_terms: None,
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
            ..d.clone()
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
                    // the photo stays whatever happens to its caption
                    let caption =
                        take(&format!("photo{ph}-caption"), &photo.caption).unwrap_or_default();
                    body.push(Block::Photo(Photo {
                        caption,
                        ..photo.clone()
                    }));
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
            byline_role: self.byline_role.clone(),
            dateline,
            body,
            end_mark: self.end_mark,
            credits: self.credits.clone(),
            copyright: self.copyright.clone(),
            usage_terms: self.usage_terms.clone(),
            translation_of: Some(TranslationOf {
                id: self.id.clone(),
                version: self.version,
                language: self.language.clone(),
                fixed: self.fixed_fingerprint(),
            }),
        })
    }

    /// A fingerprint of the article's fixed fields, by group: `byline`
    /// (names, and the role when there is one),
    /// `tag`, `dates` (story date, dateline date and year), `agency`,
    /// `photos` (each photo's restrictions, copyright and credit, in
    /// order), `credits`, `copyright` (notice and usage terms) and
    /// `end_mark`. Each value is 16 hex digits of SHA-256 over the group's
    /// JSON form. [`Article::translate`] stores the source's fingerprint in
    /// the translation.
    ///
    /// It detects accidental or careless edits of legal text; it is not a
    /// signature (whoever can edit the credit can edit the fingerprint).
    pub fn fixed_fingerprint(&self) -> BTreeMap<String, String> {
        use serde_json::json;
        let photos: Vec<_> = self
            .photos()
            .map(|p| json!([p.restrictions, p.copyright, p.credit]))
            .collect();
        let dateline = self.dateline.as_ref();
        let groups = [
            (
                "byline",
                match &self.byline_role {
                    None => json!(self.byline),
                    Some(role) => json!([self.byline, role]),
                },
            ),
            (
                "tag",
                json!(self.headline.as_ref().and_then(|h| h.tag.as_ref())),
            ),
            (
                "dates",
                json!([
                    self.date,
                    dateline.and_then(|d| d.date),
                    dateline.and_then(|d| d.year)
                ]),
            ),
            ("agency", json!(dateline.and_then(|d| d.agency.as_ref()))),
            ("photos", json!(photos)),
            ("credits", json!(self.credits)),
            ("copyright", json!([self.copyright, self.usage_terms])),
            ("end_mark", json!(self.end_mark)),
        ];
        groups
            .into_iter()
            .map(|(k, v)| (k.to_string(), fingerprint_hash(&v.to_string())))
            .collect()
    }

    /// Checks a translation's fixed fields against the fingerprint of its
    /// source that it carries (see [`Article::fixed_fingerprint`]), without
    /// the source at hand. An article that is not a translation, or carries
    /// no fingerprint, passes.
    ///
    /// # Errors
    ///
    /// [`Error::Rejected`] naming every group that differs from the
    /// source's.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::{Article, Block, Credit, Photo, Text};
    /// let mut source = Article::new("ferry", "en".parse().unwrap());
    /// source.body.push(Block::Photo(Photo::new(Text::plain("A ferry."), Credit("Yonhap".into()))));
    /// let mut ko = source.translate("ko".parse().unwrap(), [("photo1-caption", Text::plain("여객선."))])?;
    /// assert!(ko.check_fingerprint().is_ok());
    /// if let Block::Photo(p) = &mut ko.body[0] {
    ///     p.credit = Credit("연합뉴스".into());
    /// }
    /// assert!(ko.check_fingerprint().unwrap_err().to_string().contains("photos"));
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    pub fn check_fingerprint(&self) -> Result<()> {
        let Some(of) = &self.translation_of else {
            return Ok(());
        };
        if of.fixed.is_empty() {
            return Ok(());
        }
        let ours = self.fixed_fingerprint();
        let mut problems = Vec::new();
        for (group, theirs) in &of.fixed {
            match ours.get(group) {
                Some(mine) if mine == theirs => {}
                Some(_) => problems.push(Problem {
                    location: Location::default(),
                    message: format!(
                        "fixed fields ({}) differ from those of the source {} version {}: the translation's fingerprint does not match",
                        describe_group(group),
                        of.id,
                        of.version
                    ),
                }),
                None => problems.push(Problem {
                    location: Location::default(),
                    message: format!(
                        "the translation's fingerprint names an unknown group {group:?}"
                    ),
                }),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Rejected { problems })
        }
    }

    /// Every credit and usage restriction in the article, verbatim, in
    /// order: each photo's restrictions, copyright and credit, then the
    /// story's credits, copyright notice and usage terms.
    pub fn legal_texts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for p in self.photos() {
            out.extend(p.restrictions.iter().map(|r| r.as_str()));
            out.extend(p.copyright.as_ref().map(|c| c.as_str()));
            out.push(p.credit.as_str());
        }
        out.extend(self.credits.iter().map(|c| c.as_str()));
        out.extend(self.copyright.as_ref().map(|c| c.as_str()));
        out.extend(self.usage_terms.as_ref().map(|u| u.as_str()));
        out
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
            a: String,
            b: String,
        ) {
            problems.push(Problem {
                location: Location {
                    unit,
                    ..Location::default()
                },
                message: format!(
                    "{what} differs from the source: the translation has {a}, the source {b}"
                ),
            });
        }
        if self.byline != source.byline {
            differ(
                &mut problems,
                "byline",
                None,
                words::list(&self.byline),
                words::list(&source.byline),
            );
        }
        if self.byline_role != source.byline_role {
            differ(
                &mut problems,
                "byline role",
                None,
                words::opt(&self.byline_role),
                words::opt(&source.byline_role),
            );
        }
        let tag = |a: &Article| a.headline.as_ref().and_then(|h| h.tag.clone());
        if tag(self) != tag(source) {
            differ(
                &mut problems,
                "update tag",
                None,
                words::opt(&tag(self)),
                words::opt(&tag(source)),
            );
        }
        if self.date != source.date {
            differ(
                &mut problems,
                "date",
                None,
                words::opt(&self.date),
                words::opt(&source.date),
            );
        }
        let dl_date = |a: &Article| a.dateline.as_ref().map(|d| (d.date, d.year));
        if dl_date(self) != dl_date(source) {
            differ(
                &mut problems,
                "dateline date",
                None,
                words::day(dl_date(self)),
                words::day(dl_date(source)),
            );
        }
        if self.end_mark != source.end_mark {
            differ(
                &mut problems,
                "end mark",
                None,
                words::end_mark(self.end_mark),
                words::end_mark(source.end_mark),
            );
        }
        if self.credits != source.credits {
            differ(
                &mut problems,
                "credits",
                None,
                words::list(&self.credits),
                words::list(&source.credits),
            );
        }
        if self.copyright != source.copyright {
            differ(
                &mut problems,
                "copyright notice",
                None,
                words::opt(&self.copyright),
                words::opt(&source.copyright),
            );
        }
        if self.usage_terms != source.usage_terms {
            differ(
                &mut problems,
                "usage terms",
                None,
                words::opt(&self.usage_terms),
                words::opt(&source.usage_terms),
            );
        }
        let agency = |a: &Article| a.dateline.as_ref().and_then(|d| d.agency.clone());
        if agency(self) != agency(source) {
            differ(
                &mut problems,
                "dateline agency",
                None,
                words::opt(&agency(self)),
                words::opt(&agency(source)),
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
                        "photo {} with credit \"{}\" is missing from the translation",
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
                            words::quoted(&ours.credit),
                            words::quoted(&src.credit),
                        );
                    }
                    if ours.restrictions != src.restrictions {
                        differ(
                            &mut problems,
                            "usage restrictions",
                            unit.clone(),
                            words::list(&ours.restrictions),
                            words::list(&src.restrictions),
                        );
                    }
                    if ours.copyright != src.copyright {
                        differ(
                            &mut problems,
                            "photo copyright",
                            unit,
                            words::opt(&ours.copyright),
                            words::opt(&src.copyright),
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

/// A language tag made of letters and digits only, as BCP 47 and XLIFF
/// want (`unic-langid` lets a few other characters through).
pub(crate) fn well_formed_tag(tag: &LanguageIdentifier) -> bool {
    let s = tag.to_string();
    !s.is_empty()
        && s.split('-')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn fingerprint_hash(s: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(s.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn describe_group(group: &str) -> &str {
    match group {
        "byline" => "byline",
        "tag" => "update tag",
        "dates" => "dates",
        "agency" => "dateline agency",
        "photos" => "photos: credits, usage restrictions or copyright",
        "credits" => "credits",
        "copyright" => "copyright notice or usage terms",
        "end_mark" => "end mark",
        other => other,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    byline_role: Option<String>,
    #[serde(default)]
    dateline: Option<Dateline>,
    body: Vec<Block>,
    #[serde(default)]
    end_mark: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    credits: Vec<Credit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    copyright: Option<Copyright>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    usage_terms: Option<UsageRestriction>,
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
            byline_role: self.byline_role.clone(),
            dateline: self.dateline.clone(),
            body: self.body.clone(),
            end_mark: self.end_mark,
            credits: self.credits.clone(),
            copyright: self.copyright.clone(),
            usage_terms: self.usage_terms.clone(),
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
        let tags = std::iter::once(&repr.language)
            .chain(repr.translation_of.as_ref().map(|t| &t.language));
        for tag in tags {
            if !well_formed_tag(tag) {
                return Err(Error::Json {
                    location: Location::default(),
                    message: format!(
                        "language {:?} is not a well-formed language tag",
                        tag.to_string()
                    ),
                });
            }
        }
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
            byline_role: repr.byline_role,
            dateline: repr.dateline,
            body: repr.body,
            end_mark: repr.end_mark,
            credits: repr.credits,
            copyright: repr.copyright,
            usage_terms: repr.usage_terms,
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

/// Fixed fields in words for the messages of
/// [`Article::check_fixed_fields`]: values quoted, absence as "none".
mod words {
    use std::fmt::Display;

    use crate::model::MonthDay;

    pub(super) fn quoted(v: &dyn Display) -> String {
        format!("\"{v}\"")
    }

    pub(super) fn opt<T: Display>(v: &Option<T>) -> String {
        v.as_ref().map_or_else(|| "none".into(), |v| quoted(v))
    }

    pub(super) fn list<T: Display>(v: &[T]) -> String {
        if v.is_empty() {
            return "none".into();
        }
        v.iter().map(|x| quoted(x)).collect::<Vec<_>>().join(", ")
    }

    pub(super) fn day(d: Option<(Option<MonthDay>, Option<i32>)>) -> String {
        match d {
            None | Some((None, None)) => "none".into(),
            Some((Some(d), None)) => quoted(&d),
            Some((None, Some(y))) => quoted(&y),
            Some((Some(d), Some(y))) => format!("\"{d}, {y}\""),
        }
    }

    pub(super) fn end_mark(on: bool) -> String {
        if on { "an end mark" } else { "no end mark" }.into()
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
        a.dateline = Some(Dateline::new(
            Some(Text::plain("SEOUL")),
            Some(MonthDay::new(9, 12).unwrap()),
            Some(Credit("Yonhap".into())),
        ));
        a.body = vec![
            Block::Paragraph(Text::plain("One.")),
            Block::Photo(Photo {
                caption: Text::plain("A ship."),
                restrictions: vec![UsageRestriction("No Archiving".into())],
                copyright: None,
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
        // the untranslated paragraph goes; the photo stays, caption empty
        assert_eq!(t.body.len(), 2);
        match &t.body[1] {
            Block::Photo(p) => {
                assert!(p.caption.is_empty());
                assert_eq!(p.credit.as_str(), "Yonhap");
                assert_eq!(p.restrictions, [UsageRestriction("No Archiving".into())]);
            }
            b => panic!("{b:?}"),
        }
        assert!(t.check_fixed_fields(&a).is_ok());
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
    fn language_tags_must_be_well_formed() {
        // found by fuzzing json_read: "zh-@ans" was accepted and exported
        // as an XLIFF srcLang our own reader refuses
        let json = sample()
            .to_json()
            .replace("\"language\": \"en\"", "\"language\": \"zh-@ans\"");
        match "zh-@ans".parse::<LanguageIdentifier>() {
            Ok(_) => {
                let e = Article::from_json(&json).unwrap_err();
                assert!(
                    e.to_string().contains("not a well-formed language tag"),
                    "{e}"
                );
            }
            Err(_) => assert!(Article::from_json(&json).is_err()),
        }
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
