//! Fixed metadata: dates, update tags, editor's notes, credits, restrictions.
//! None of these types is ever translated.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

fn model_error(message: String) -> Error {
    Error::Model {
        unit: None,
        message,
    }
}

fn days_in_month(year: Option<i32>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            Some(_) => 28,
            None => 29,
        },
        _ => 0,
    }
}

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`.
///
/// # Examples
///
/// ```
/// use newsloc::Date;
/// let d: Date = "2026-03-04".parse()?;
/// assert_eq!((d.year(), d.month(), d.day()), (2026, 3, 4));
/// assert_eq!(d.to_string(), "2026-03-04");
/// assert!("2026-02-30".parse::<Date>().is_err());
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date from its parts.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when the month or day does not exist or the year is
    /// outside 1..=9999.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date> {
        if !(1..=9999).contains(&year) {
            return Err(model_error(format!("year {year} is out of range")));
        }
        if !(1..=12).contains(&month) {
            return Err(model_error(format!("month {month} does not exist")));
        }
        if day == 0 || day > days_in_month(Some(year), month) {
            return Err(model_error(format!(
                "day {day} does not exist in {year}-{month:02}"
            )));
        }
        Ok(Date { year, month, day })
    }
    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Date> {
        let bad = || model_error(format!("{s:?} is not a date of the form YYYY-MM-DD"));
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32> {
            let part = s.get(r).ok_or_else(bad)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A day of a month without a year, as a dateline gives it (`Sept. 12`);
/// written `--MM-DD` (the XML Schema `gMonthDay` form).
///
/// # Examples
///
/// ```
/// use newsloc::MonthDay;
/// let md = MonthDay::new(9, 12)?;
/// assert_eq!(md.to_string(), "--09-12");
/// assert_eq!("--09-12".parse::<MonthDay>()?, md);
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    month: u8,
    day: u8,
}

impl MonthDay {
    /// A month and day (February 29 is allowed).
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when the month or day does not exist.
    pub fn new(month: u8, day: u8) -> Result<MonthDay> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(None, month) {
            return Err(model_error(format!(
                "--{month:02}-{day:02} is not a day of the year"
            )));
        }
        Ok(MonthDay { month, day })
    }
    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl FromStr for MonthDay {
    type Err = Error;
    fn from_str(s: &str) -> Result<MonthDay> {
        let bad = || model_error(format!("{s:?} is not a month and day of the form --MM-DD"));
        let rest = s.strip_prefix("--").ok_or_else(bad)?;
        let (m, d) = rest.split_once('-').ok_or_else(bad)?;
        if m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        MonthDay::new(m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?)
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--{:02}-{:02}", self.month, self.day)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<MonthDay, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What an update tag says about the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TagKind {
    /// A new lead: `(LEAD)` is the 1st, `(2nd LD)` the 2nd, and so on.
    Lead(u32),
    /// `(URGENT)`.
    Urgent,
    /// `(FLASH)`.
    Flash,
    /// `(CORRECTED)` or `(CORRECTION)`.
    Correction,
    /// `(UPDATE)`.
    Update,
    /// `(ADVANCE)`.
    Advance,
    /// A tag not recognised; its text is still kept.
    Other,
}

/// An update tag at the start of a headline, such as `(LEAD)`, `(2nd LD)`,
/// `(URGENT)` or `(3rd LD, with more details)`. Fixed metadata: each locale
/// renders it in its own style, from [`UpdateTag::kind`].
///
/// # Examples
///
/// ```
/// use newsloc::{TagKind, UpdateTag};
/// let t = UpdateTag::new("(2nd LD)");
/// assert_eq!(t.kind(), TagKind::Lead(2));
/// assert_eq!(t.story_version(), Some(3));
/// assert_eq!(UpdateTag::new("(LEAD)").kind(), TagKind::Lead(1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UpdateTag(String);

impl UpdateTag {
    /// A tag from its written form, parentheses included.
    pub fn new(raw: impl Into<String>) -> UpdateTag {
        UpdateTag(raw.into())
    }

    /// The tag as written, parentheses included.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the tag says. Only its first comma-separated part counts:
    /// `(3rd LD, with more details)` is the third lead.
    pub fn kind(&self) -> TagKind {
        let inner = self.0.trim().trim_start_matches('(').trim_end_matches(')');
        let head = inner
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_uppercase();
        match head.as_str() {
            "LEAD" | "LD" => return TagKind::Lead(1),
            "URGENT" => return TagKind::Urgent,
            "FLASH" => return TagKind::Flash,
            "CORRECTED" | "CORRECTION" => return TagKind::Correction,
            "UPDATE" | "UPDATED" => return TagKind::Update,
            "ADVANCE" => return TagKind::Advance,
            _ => {}
        }
        // "2nd LD", "3rd LEAD", "21st LD"
        if let Some((ord, rest)) = head.split_once(' ')
            && matches!(rest.trim(), "LD" | "LEAD")
        {
            let digits: String = ord.chars().take_while(|c| c.is_ascii_digit()).collect();
            let suffix = &ord[digits.len()..];
            if let Ok(n) = digits.parse::<u32>()
                && n > 0
                && matches!(suffix, "ST" | "ND" | "RD" | "TH")
            {
                return TagKind::Lead(n);
            }
        }
        TagKind::Other
    }

    /// The story version a lead tag implies: `(LEAD)` is version 2,
    /// `(2nd LD)` version 3; `None` for other tags.
    pub fn story_version(&self) -> Option<u32> {
        match self.kind() {
            TagKind::Lead(n) => n.checked_add(1),
            _ => None,
        }
    }
}

impl fmt::Display for UpdateTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An update verb of an editor's note (`ADDS`, `RECASTS`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum UpdateVerb {
    /// `ADDS`: new material.
    Adds,
    /// `RECASTS`: rewritten.
    Recasts,
    /// `UPDATES`: new facts replace old ones.
    Updates,
    /// `CORRECTS`: an error fixed.
    Corrects,
    /// `CHANGES`: something altered.
    Changes,
    /// `REWRITES`.
    Rewrites,
    /// `REPLACES`.
    Replaces,
    /// `DELETES` / `REMOVES`.
    Deletes,
    /// `INSERTS`.
    Inserts,
    /// `FIXES`.
    Fixes,
    /// `TRIMS`.
    Trims,
    /// `REFILES` / `RETRANSMITS`.
    Refiles,
}

impl UpdateVerb {
    /// The verb an upper-case word of a note spells, if any.
    pub(crate) fn parse(word: &str) -> Option<UpdateVerb> {
        Some(match word {
            "ADDS" => UpdateVerb::Adds,
            "RECASTS" => UpdateVerb::Recasts,
            "UPDATES" => UpdateVerb::Updates,
            "CORRECTS" => UpdateVerb::Corrects,
            "CHANGES" => UpdateVerb::Changes,
            "REWRITES" => UpdateVerb::Rewrites,
            "REPLACES" => UpdateVerb::Replaces,
            "DELETES" | "REMOVES" => UpdateVerb::Deletes,
            "INSERTS" => UpdateVerb::Inserts,
            "FIXES" => UpdateVerb::Fixes,
            "TRIMS" => UpdateVerb::Trims,
            "REFILES" | "RETRANSMITS" => UpdateVerb::Refiles,
            _ => return None,
        })
    }
}

/// One change an editor's note announces: a verb and what it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The verb.
    pub verb: UpdateVerb,
    /// What it applies to (`details from the ministry`, `headline`); may be empty.
    pub object: String,
}

/// The editor's note of a story: for editors and translators, never
/// published, never translated as story text.
///
/// # Examples
///
/// ```
/// use newsloc::{EditorNote, UpdateVerb};
/// let note = EditorNote::new("ATTN: ADDS details from the ministry; RECASTS headline");
/// let verbs: Vec<_> = note.changes().iter().map(|c| (c.verb.clone(), c.object.as_str())).collect();
/// assert_eq!(verbs, [(UpdateVerb::Adds, "details from the ministry"), (UpdateVerb::Recasts, "headline")]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EditorNote {
    text: String,
    changes: Vec<Change>,
}

impl EditorNote {
    /// A note from its text; the update verbs are parsed from it.
    ///
    /// The note is split into clauses at `;` and at `, ` followed by a verb;
    /// a clause counts when its first upper-case word (after an optional
    /// `ATTN:` or `EDS:`) is a known verb.
    pub fn new(text: impl Into<String>) -> EditorNote {
        let text = text.into();
        let changes = parse_changes(&text);
        EditorNote { text, changes }
    }

    /// The note as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The changes the note announces, in order.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }
}

fn parse_changes(text: &str) -> Vec<Change> {
    let mut out = Vec::new();
    for clause in text.split(';') {
        // further split at ", VERB" and " and VERB"
        let mut pieces: Vec<&str> = Vec::new();
        let mut start = 0;
        let words: Vec<(usize, &str)> = clause
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - clause.as_ptr() as usize, w))
            .collect();
        for (i, (off, w)) in words.iter().enumerate() {
            if i > 0 && UpdateVerb::parse(w.trim_end_matches([',', '.'])).is_some() {
                let prev = words[i - 1].1;
                if prev.ends_with(',') || prev == "and" || prev == "AND" {
                    let cut = if prev == "and" || prev == "AND" {
                        words[i - 1].0
                    } else {
                        *off
                    };
                    pieces.push(&clause[start..cut]);
                    start = *off;
                }
            }
        }
        pieces.push(&clause[start..]);
        for piece in pieces {
            let mut p = piece.trim().trim_end_matches(',').trim();
            for prefix in ["ATTN:", "ATTN", "EDS:", "EDITORS:", "NOTE:"] {
                if let Some(rest) = p.strip_prefix(prefix) {
                    p = rest.trim_start();
                }
            }
            let (first, rest) = p.split_once(char::is_whitespace).unwrap_or((p, ""));
            if let Some(verb) = UpdateVerb::parse(first.trim_end_matches([',', '.', ':'])) {
                out.push(Change {
                    verb,
                    object: rest.trim().trim_end_matches(['.', ',']).trim().to_string(),
                });
            }
        }
    }
    out
}

/// A photo credit or a dateline's agency (`Yonhap`, `AP`, `Yonhap/Reuters`):
/// legal text, carried into every translation unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Credit(pub String);

impl Credit {
    /// The credit's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Credit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A copyright notice (`© 2026 Yonhap News Agency`, ninjs
/// `copyrightNotice`): legal text, carried into every translation
/// unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Copyright(pub String);

impl Copyright {
    /// The notice's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Copyright {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A usage restriction on a photo (`For Use Only in the Republic of Korea.
/// No Redistribution`, `Editorial Use Only`): legal text, carried into every
/// translation unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UsageRestriction(pub String);

impl UsageRestriction {
    /// The restriction's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UsageRestriction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_validate() {
        assert!(Date::new(2024, 2, 29).is_ok());
        assert!(Date::new(2026, 2, 29).is_err());
        assert!(Date::new(2026, 13, 1).is_err());
        assert!("2026-3-04".parse::<Date>().is_err());
        assert!("2026-03-04x".parse::<Date>().is_err());
        assert!("+026-03-04".parse::<Date>().is_err());
        assert!("--02-29".parse::<MonthDay>().is_ok());
        assert!("--04-31".parse::<MonthDay>().is_err());
    }

    #[test]
    fn tags() {
        assert_eq!(
            UpdateTag::new("(3rd LD, with more details)").kind(),
            TagKind::Lead(3)
        );
        assert_eq!(UpdateTag::new("(21st LD)").story_version(), Some(22));
        assert_eq!(UpdateTag::new("(URGENT)").kind(), TagKind::Urgent);
        assert_eq!(UpdateTag::new("(URGENT)").story_version(), None);
        assert_eq!(UpdateTag::new("(0th LD)").kind(), TagKind::Other);
        assert_eq!(UpdateTag::new("(2xx LD)").kind(), TagKind::Other);
        assert_eq!(UpdateTag::new("(Weekly)").kind(), TagKind::Other);
    }

    #[test]
    fn note_verbs() {
        let n = EditorNote::new("ADDS quotes, RECASTS headline and UPDATES casualties");
        let v: Vec<_> = n
            .changes()
            .iter()
            .map(|c| (&c.verb, c.object.as_str()))
            .collect();
        assert_eq!(
            v,
            [
                (&UpdateVerb::Adds, "quotes"),
                (&UpdateVerb::Recasts, "headline"),
                (&UpdateVerb::Updates, "casualties")
            ]
        );
        assert!(
            EditorNote::new("Embargoed until 6 a.m.")
                .changes()
                .is_empty()
        );
        let n = EditorNote::new("EDS: CORRECTS spelling of name in para 3");
        assert_eq!(n.changes()[0].verb, UpdateVerb::Corrects);
        assert_eq!(n.changes()[0].object, "spelling of name in para 3");
    }
}
