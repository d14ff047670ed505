//! What an export costs: the words of each re-use category, per file, as
//! translation vendors invoice them.

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

/// How a segment of an export is covered by earlier translations, in the
/// order the exporter tries them (see `docs/reuse.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub enum Category {
    /// In context (101%): the same source with the same neighbours, not
    /// named by the editor's note; filled in, state `final`.
    #[serde(rename = "context")]
    Context,
    /// Exact (100%): the same source with other neighbours, or named by the
    /// note; filled in, state `translated`.
    #[serde(rename = "exact")]
    Exact,
    /// The same source as an earlier segment of this export: translated once.
    #[serde(rename = "repetition")]
    Repetition,
    /// A fuzzy match scoring 95–99: offered as a candidate.
    #[serde(rename = "fuzzy-95")]
    Fuzzy95,
    /// A fuzzy match scoring 85–94: offered as a candidate.
    #[serde(rename = "fuzzy-85")]
    Fuzzy85,
    /// A fuzzy match scoring 75–84: offered as a candidate.
    #[serde(rename = "fuzzy-75")]
    Fuzzy75,
    /// A best match scoring 50–74: counted, no candidate offered.
    #[serde(rename = "fuzzy-50")]
    Fuzzy50,
    /// Nothing to re-use.
    #[serde(rename = "new")]
    New,
}

impl Category {
    /// Every category, in invoice order.
    pub const ALL: [Category; 8] = [
        Category::Context,
        Category::Exact,
        Category::Repetition,
        Category::Fuzzy95,
        Category::Fuzzy85,
        Category::Fuzzy75,
        Category::Fuzzy50,
        Category::New,
    ];

    /// The category's name in the analysis JSON (`context`, `fuzzy-85`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Context => "context",
            Category::Exact => "exact",
            Category::Repetition => "repetition",
            Category::Fuzzy95 => "fuzzy-95",
            Category::Fuzzy85 => "fuzzy-85",
            Category::Fuzzy75 => "fuzzy-75",
            Category::Fuzzy50 => "fuzzy-50",
            Category::New => "new",
        }
    }

    /// The fuzzy band of a best score below 100 (`None` for an exact match).
    pub fn of_score(score: u8) -> Option<Category> {
        Some(match score {
            100.. => return None,
            95..=99 => Category::Fuzzy95,
            85..=94 => Category::Fuzzy85,
            75..=84 => Category::Fuzzy75,
            50..=74 => Category::Fuzzy50,
            _ => Category::New,
        })
    }

    /// Whether a translator has work to do on a segment of this category
    /// (everything but in-context and exact matches and repetitions).
    pub fn needs_translator(self) -> bool {
        !matches!(
            self,
            Category::Context | Category::Exact | Category::Repetition
        )
    }

    fn label(self) -> &'static str {
        match self {
            Category::Context => "in context (101%)",
            Category::Exact => "exact (100%)",
            Category::Repetition => "repetitions",
            Category::Fuzzy95 => "fuzzy 95-99%",
            Category::Fuzzy85 => "fuzzy 85-94%",
            Category::Fuzzy75 => "fuzzy 75-84%",
            Category::Fuzzy50 => "fuzzy 50-74%",
            Category::New => "new",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Source words per category; the categories add up to `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Words {
    /// In context (101%).
    pub context: usize,
    /// Exact (100%).
    pub exact: usize,
    /// Repetitions within the file.
    pub repetition: usize,
    /// Fuzzy 95–99%.
    #[serde(rename = "fuzzy-95")]
    pub fuzzy_95: usize,
    /// Fuzzy 85–94%.
    #[serde(rename = "fuzzy-85")]
    pub fuzzy_85: usize,
    /// Fuzzy 75–84%.
    #[serde(rename = "fuzzy-75")]
    pub fuzzy_75: usize,
    /// Best match 50–74%.
    #[serde(rename = "fuzzy-50")]
    pub fuzzy_50: usize,
    /// New.
    pub new: usize,
    /// All source words of the file.
    pub total: usize,
}

impl Words {
    /// The words of one category.
    pub fn get(&self, category: Category) -> usize {
        match category {
            Category::Context => self.context,
            Category::Exact => self.exact,
            Category::Repetition => self.repetition,
            Category::Fuzzy95 => self.fuzzy_95,
            Category::Fuzzy85 => self.fuzzy_85,
            Category::Fuzzy75 => self.fuzzy_75,
            Category::Fuzzy50 => self.fuzzy_50,
            Category::New => self.new,
        }
    }

    /// Adds `n` words to a category and to the total.
    pub fn add(&mut self, category: Category, n: usize) {
        let slot = match category {
            Category::Context => &mut self.context,
            Category::Exact => &mut self.exact,
            Category::Repetition => &mut self.repetition,
            Category::Fuzzy95 => &mut self.fuzzy_95,
            Category::Fuzzy85 => &mut self.fuzzy_85,
            Category::Fuzzy75 => &mut self.fuzzy_75,
            Category::Fuzzy50 => &mut self.fuzzy_50,
            Category::New => &mut self.new,
        };
        *slot += n;
        self.total += n;
    }
}

/// The category of one segment of an export.
///
/// In the analysis JSON each segment is one entry of `units`, written as
/// `{"id": "p2/s1", "category": "fuzzy-85"}` (the unit id and the segment
/// id, as import reports name segments); the other fields are for callers
/// of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentCategory {
    /// The article unit (`headline`, `p2`, `photo1-caption`).
    pub unit: String,
    /// The segment id within the unit as exported (`s1`, `s2`, ...).
    pub segment: String,
    /// The category.
    pub category: Category,
    /// Source words, as `xliff stats` counts them.
    pub words: usize,
    /// The best score found (100 for in-context and exact matches), when a
    /// match scored 50 or more.
    pub score: Option<u8>,
    /// Where the match came from (`missile v1`, `tm: drill v1`), for
    /// matches of 75 or more; for a repetition, the segment it repeats.
    pub origin: Option<String>,
    /// The best match's figures differ from the new source's.
    pub figures_differ: bool,
    /// The verbs of the editor's note that name the unit, as clauses
    /// (`CORRECTS distance in para 2`).
    pub claims: Vec<String>,
}

impl SegmentCategory {
    /// `unit/segment`, as in import reports and the analysis JSON.
    pub fn label(&self) -> String {
        format!("{}/{}", self.unit, self.segment)
    }
}

impl Serialize for SegmentCategory {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("SegmentCategory", 2)?;
        st.serialize_field("id", &self.label())?;
        st.serialize_field("category", &self.category)?;
        st.end()
    }
}

/// The analysis of one exported file: words per category and each
/// segment's category. Serialises to one object of the `--analysis` JSON
/// array: `{"file", "language", "words": {...}, "units": [{"id",
/// "category"}]}`.
///
/// # Examples
///
/// ```
/// use newsloc::{Category, Exporter, Leverage, WireReader};
///
/// let story = "Ferries run again\n\nBUSAN, March 4 (Yonhap) -- Service resumed. Crews cheered.\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// let export = Exporter::new().export_with(&article, &"ko".parse().unwrap(), &Leverage::new())?;
/// let a = &export.analysis;
/// assert_eq!(a.words.new, 3 + 1 + 2 + 2); // "Ferries run again", "BUSAN", two sentences
/// assert_eq!(a.words.total, a.words.new);
/// assert!(a.segments.iter().all(|s| s.category == Category::New));
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// The file the export is written to (`<id>.v<version>.<lang>.xlf`
    /// unless the caller sets another name).
    pub file: String,
    /// The target language.
    pub language: String,
    /// Words per category.
    pub words: Words,
    /// Every segment's category, in story order.
    #[serde(rename = "units")]
    pub segments: Vec<SegmentCategory>,
}

impl Analysis {
    /// The segments of one article unit.
    pub fn unit<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a SegmentCategory> + use<'a> {
        let id = id.to_string();
        self.segments.iter().filter(move |s| s.unit == id)
    }

    /// Writes analyses as the `--analysis` JSON array.
    pub fn to_json(analyses: &[Analysis]) -> String {
        serde_json::to_string_pretty(analyses).unwrap_or_else(|_| "[]".into())
    }
}

impl fmt::Display for Analysis {
    /// A table of words per category, for people.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({})", self.file, self.language)?;
        for c in Category::ALL {
            writeln!(f, "  {:<18} {:>6}", c.label(), self.words.get(c))?;
        }
        write!(f, "  {:<18} {:>6}", "total", self.words.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands() {
        assert_eq!(Category::of_score(100), None);
        assert_eq!(Category::of_score(99), Some(Category::Fuzzy95));
        assert_eq!(Category::of_score(95), Some(Category::Fuzzy95));
        assert_eq!(Category::of_score(94), Some(Category::Fuzzy85));
        assert_eq!(Category::of_score(85), Some(Category::Fuzzy85));
        assert_eq!(Category::of_score(84), Some(Category::Fuzzy75));
        assert_eq!(Category::of_score(75), Some(Category::Fuzzy75));
        assert_eq!(Category::of_score(74), Some(Category::Fuzzy50));
        assert_eq!(Category::of_score(50), Some(Category::Fuzzy50));
        assert_eq!(Category::of_score(49), Some(Category::New));
    }

    #[test]
    fn json_shape() {
        let mut words = Words::default();
        words.add(Category::Context, 4);
        words.add(Category::Fuzzy85, 3);
        let a = Analysis {
            file: "x.v2.ko.xlf".into(),
            language: "ko".into(),
            words,
            segments: vec![SegmentCategory {
                unit: "p1".into(),
                segment: "s1".into(),
                category: Category::Fuzzy85,
                words: 3,
                score: Some(88),
                origin: Some("x v1".into()),
                figures_differ: false,
                claims: vec![],
            }],
        };
        let v: serde_json::Value = serde_json::from_str(&Analysis::to_json(&[a])).unwrap();
        assert_eq!(
            v,
            serde_json::json!([{
                "file": "x.v2.ko.xlf", "language": "ko",
                "words": {"context": 4, "exact": 0, "repetition": 0, "fuzzy-95": 0,
                          "fuzzy-85": 3, "fuzzy-75": 0, "fuzzy-50": 0, "new": 0, "total": 7},
                "units": [{"id": "p1/s1", "category": "fuzzy-85"}]
            }])
        );
    }
}
