//! The TMX document model: header, translation units, variants, and the
//! TMX details of each inline code.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::Text;

/// The `type` of the `<prop>` that names the story a unit comes from.
pub const PROP_STORY: &str = "x-newsloc-story";
/// The `type` of the `<prop>` that gives the story's version.
pub const PROP_VERSION: &str = "x-newsloc-version";
/// The `<hi type>` that carries a [`Run::Protected`](crate::Run::Protected)
/// span through TMX.
pub const HI_PROTECTED: &str = "x-newsloc-protected";

/// A translation memory exchange document: a header and translation units.
///
/// # Examples
///
/// A memory written and read back gives the same units:
///
/// ```
/// use newsloc::tmx::{Header, Tmx, TranslationUnit, Variant};
/// use newsloc::Text;
///
/// let mut tmx = Tmx::new(Header::new("newsloc", "0.1", "en"));
/// let mut tu = TranslationUnit::new();
/// tu.variants.push(Variant::new("en", Text::plain("Markets rallied.")));
/// tu.variants.push(Variant::new("ko", Text::plain("시장이 반등했다.")));
/// tmx.units.push(tu);
///
/// let xml = tmx.to_string()?;
/// assert!(xml.contains(r#"<tuv xml:lang="ko">"#));
/// assert_eq!(Tmx::from_str(&xml)?, tmx);
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tmx {
    /// The header.
    pub header: Header,
    /// The translation units of the body, in document order.
    pub units: Vec<TranslationUnit>,
}

impl Tmx {
    /// A memory with this header and no unit.
    pub fn new(header: Header) -> Tmx {
        Tmx {
            header,
            units: Vec::new(),
        }
    }

    /// The (source, target) variant pairs of every unit that has a variant in
    /// both languages, in document order. The source language is `from`
    /// (matched as [`TranslationUnit::variant`] matches), the target `to`.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::tmx::Tmx;
    /// let tmx = Tmx::from_str(r#"<tmx version="1.4"><header creationtool="t"
    ///   creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en"
    ///   srclang="en-US" datatype="plaintext"/><body>
    ///   <tu><tuv xml:lang="en-US"><seg>Hi</seg></tuv><tuv xml:lang="ko-KR"><seg>안녕</seg></tuv></tu>
    ///   </body></tmx>"#)?;
    /// let pairs: Vec<_> = tmx.pairs("en", "ko").collect();
    /// assert_eq!(pairs.len(), 1);
    /// assert_eq!(pairs[0].1.text.to_plain_string(), "안녕");
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    pub fn pairs<'a>(
        &'a self,
        from: &'a str,
        to: &'a str,
    ) -> impl Iterator<Item = (&'a Variant, &'a Variant, &'a TranslationUnit)> + 'a {
        self.units
            .iter()
            .filter_map(move |tu| Some((tu.variant(from)?, tu.variant(to)?, tu)))
    }
}

/// The kind of segmentation a memory or unit uses (`segtype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SegType {
    /// `block`: no segmentation (a whole text block per unit).
    Block,
    /// `paragraph`.
    Paragraph,
    /// `sentence` (what newsloc writes).
    #[default]
    Sentence,
    /// `phrase`: below the sentence.
    Phrase,
}

impl SegType {
    /// The attribute value (`"sentence"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SegType::Block => "block",
            SegType::Paragraph => "paragraph",
            SegType::Sentence => "sentence",
            SegType::Phrase => "phrase",
        }
    }

    /// The segmentation named by an attribute value (case-insensitive).
    pub fn parse(s: &str) -> Option<SegType> {
        [
            SegType::Block,
            SegType::Paragraph,
            SegType::Sentence,
            SegType::Phrase,
        ]
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// The TMX version a file declares (`<tmx version>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Version {
    /// TMX 1.1 (variants name their language with `lang`).
    V1_1,
    /// TMX 1.2 (adds `<hi>`; still `lang`).
    V1_2,
    /// TMX 1.3 (`xml:lang` replaces `lang`).
    V1_3,
    /// TMX 1.4, 1.4a and 1.4b (what newsloc writes).
    V1_4,
}

impl Version {
    /// The version as written in files (`"1.4"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1_1 => "1.1",
            Version::V1_2 => "1.2",
            Version::V1_3 => "1.3",
            Version::V1_4 => "1.4",
        }
    }

    /// The version named by a `version` attribute (`1.4b` is 1.4).
    pub fn parse(s: &str) -> Option<Version> {
        match s.trim().to_ascii_lowercase().as_str() {
            "1.1" => Some(Version::V1_1),
            "1.2" => Some(Version::V1_2),
            "1.3" => Some(Version::V1_3),
            "1.4" | "1.4a" | "1.4b" => Some(Version::V1_4),
            _ => None,
        }
    }
}

/// Administrative attributes shared by `<tu>` and `<tuv>`: who made the
/// entry, when, how often it was used. Dates are kept as written (ISO 8601;
/// see [`timestamp`] for the recommended form).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// `creationdate`.
    pub creation_date: Option<String>,
    /// `creationid`: who created it.
    pub creation_id: Option<String>,
    /// `changedate`.
    pub change_date: Option<String>,
    /// `changeid`: who changed it last.
    pub change_id: Option<String>,
    /// `creationtool`.
    pub creation_tool: Option<String>,
    /// `creationtoolversion`.
    pub creation_tool_version: Option<String>,
    /// `usagecount`.
    pub usage_count: Option<u64>,
    /// `lastusagedate`.
    pub last_usage_date: Option<String>,
    /// `datatype` (`plaintext`, `html`, `rtf`, ...).
    pub data_type: Option<String>,
    /// `o-tmf`: the format the entry came from.
    pub o_tmf: Option<String>,
    /// `o-encoding`: the original encoding.
    pub o_encoding: Option<String>,
}

/// An attribute the TMX model has no field for, kept as written: its
/// qualified name (`ex:status`) and its value.
pub type Attribute = (String, String);

/// The `<header>`: the seven attributes TMX requires, the optional ones,
/// and the header's notes, properties and user-defined encodings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// `creationtool`: the tool that wrote the file.
    pub creation_tool: String,
    /// `creationtoolversion`.
    pub creation_tool_version: String,
    /// `segtype`.
    pub seg_type: SegType,
    /// `o-tmf`: the tool's own memory format (empty when a file left it out).
    pub o_tmf: String,
    /// `adminlang`: the language of notes and properties.
    pub admin_lang: String,
    /// `srclang`: the source language of every unit, or `*all*` when any
    /// variant may be the source.
    pub src_lang: String,
    /// `datatype`: the kind of text (`plaintext`, `html`, `rtf`, ...).
    pub data_type: String,
    /// `o-encoding`.
    pub o_encoding: Option<String>,
    /// `creationdate`.
    pub creation_date: Option<String>,
    /// `creationid`.
    pub creation_id: Option<String>,
    /// `changedate`.
    pub change_date: Option<String>,
    /// `changeid`.
    pub change_id: Option<String>,
    /// The header's `<prop>` elements, in order.
    pub props: Vec<Prop>,
    /// The header's `<note>` elements, in order.
    pub notes: Vec<Note>,
    /// The header's `<ude>` (user-defined encoding) elements.
    pub udes: Vec<Ude>,
    /// Attributes TMX does not define, as written.
    pub attributes: Vec<Attribute>,
}

impl Header {
    /// A header naming the tool and the source language, with segmentation
    /// `sentence`, `o-tmf` the tool's name, `adminlang` `en` and `datatype`
    /// `plaintext`.
    pub fn new(
        creation_tool: impl Into<String>,
        creation_tool_version: impl Into<String>,
        src_lang: impl Into<String>,
    ) -> Header {
        let creation_tool = creation_tool.into();
        Header {
            o_tmf: creation_tool.clone(),
            creation_tool,
            creation_tool_version: creation_tool_version.into(),
            seg_type: SegType::Sentence,
            admin_lang: "en".into(),
            src_lang: src_lang.into(),
            data_type: "plaintext".into(),
            ..Header::default()
        }
    }

    /// The value of the first property of this `type`.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        find_prop(&self.props, kind)
    }
}

/// A `<prop type="...">value</prop>`: a tool-defined property.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prop {
    /// `type`: what the property is (`x-newsloc-story`, `x-project`, ...).
    pub kind: String,
    /// The text content, as written.
    pub value: String,
    /// `xml:lang` (or `lang` in TMX 1.1).
    pub lang: Option<String>,
    /// `o-encoding`.
    pub o_encoding: Option<String>,
    /// Attributes TMX does not define, as written.
    pub attributes: Vec<Attribute>,
}

impl Prop {
    /// A property of this type with this value.
    pub fn new(kind: impl Into<String>, value: impl Into<String>) -> Prop {
        Prop {
            kind: kind.into(),
            value: value.into(),
            ..Prop::default()
        }
    }
}

/// A `<note>`: a comment for people.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Note {
    /// The text content, as written.
    pub text: String,
    /// `xml:lang` (or `lang` in TMX 1.1).
    pub lang: Option<String>,
    /// `o-encoding`.
    pub o_encoding: Option<String>,
    /// Attributes TMX does not define, as written.
    pub attributes: Vec<Attribute>,
}

impl Note {
    /// A note with this text.
    pub fn new(text: impl Into<String>) -> Note {
        Note {
            text: text.into(),
            ..Note::default()
        }
    }
}

/// A `<ude>`: a user-defined encoding and its character mappings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ude {
    /// `name`.
    pub name: String,
    /// `base`: the encoding the mappings are based on.
    pub base: Option<String>,
    /// The `<map>` elements.
    pub maps: Vec<Map>,
}

/// A `<map>` of a [`Ude`]: one user-defined character.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Map {
    /// `unicode`: the Unicode code point (`#xF8FF`).
    pub unicode: String,
    /// `code`: the code point in the [`Ude::base`] encoding.
    pub code: Option<String>,
    /// `ent`: an entity name for it.
    pub ent: Option<String>,
    /// `subst`: a substitute text.
    pub subst: Option<String>,
}

/// A `<tu>`: one entry of the memory, with a variant per language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TranslationUnit {
    /// `tuid`.
    pub id: Option<String>,
    /// `srclang`, when the unit overrides the header's.
    pub src_lang: Option<String>,
    /// `segtype`, when the unit overrides the header's.
    pub seg_type: Option<SegType>,
    /// Dates, ids, tool and usage.
    pub meta: Meta,
    /// The unit's `<prop>` elements, in order.
    pub props: Vec<Prop>,
    /// The unit's `<note>` elements, in order.
    pub notes: Vec<Note>,
    /// The `<tuv>` elements, in document order.
    pub variants: Vec<Variant>,
    /// Attributes TMX does not define, as written.
    pub attributes: Vec<Attribute>,
}

impl TranslationUnit {
    /// An empty unit.
    pub fn new() -> TranslationUnit {
        TranslationUnit::default()
    }

    /// The variant in language `lang`: one whose language is `lang` (ASCII
    /// case ignored), else the first whose language has the same primary
    /// subtag (`ko` finds `ko-KR`, `en-US` finds `en-GB` when there is no
    /// `en-US`).
    pub fn variant(&self, lang: &str) -> Option<&Variant> {
        self.variants
            .iter()
            .find(|v| v.lang.eq_ignore_ascii_case(lang))
            .or_else(|| self.variants.iter().find(|v| same_language(&v.lang, lang)))
    }

    /// The source variant: the variant in the unit's `srclang`, else in the
    /// header's; `None` when the source language is `*all*` or absent.
    pub fn source<'a>(&'a self, header: &Header) -> Option<&'a Variant> {
        let lang = self.src_lang.as_deref().unwrap_or(&header.src_lang);
        if lang == "*all*" {
            return None;
        }
        self.variant(lang)
    }

    /// The value of the first property of this `type`.
    pub fn prop(&self, kind: &str) -> Option<&str> {
        find_prop(&self.props, kind)
    }

    /// Sets the property of this `type` (replacing the first one there is,
    /// else adding one).
    pub fn set_prop(&mut self, kind: &str, value: impl Into<String>) -> &mut Self {
        let value = value.into();
        match self.props.iter_mut().find(|p| p.kind == kind) {
            Some(p) => p.value = value,
            None => self.props.push(Prop::new(kind, value)),
        }
        self
    }

    /// The story the unit comes from ([`PROP_STORY`]).
    pub fn story(&self) -> Option<&str> {
        self.prop(PROP_STORY)
    }

    /// The story version the unit comes from ([`PROP_VERSION`]), when it is a
    /// number.
    pub fn story_version(&self) -> Option<u32> {
        self.prop(PROP_VERSION)?.trim().parse().ok()
    }

    /// Records the story and its version as [`PROP_STORY`] and
    /// [`PROP_VERSION`] properties.
    pub fn set_story(&mut self, id: impl Into<String>, version: u32) -> &mut Self {
        self.set_prop(PROP_STORY, id);
        self.set_prop(PROP_VERSION, version.to_string())
    }
}

/// True when two language tags have the same primary subtag (ASCII case
/// ignored).
pub(crate) fn same_language(a: &str, b: &str) -> bool {
    let primary = |s: &str| {
        s.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let (pa, pb) = (primary(a), primary(b));
    !pa.is_empty() && pa == pb
}

fn find_prop<'a>(props: &'a [Prop], kind: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|p| p.kind == kind)
        .map(|p| p.value.as_str())
}

/// A `<tuv>`: the unit's text in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Variant {
    /// `xml:lang` (`lang` in TMX 1.1 files).
    pub lang: String,
    /// The `<seg>` content as newsloc [`Text`]: `<bpt>`/`<ept>` and `<hi>`
    /// are paired codes, `<ph>`, `<it>` and `<ut>` standalone codes, and
    /// `<hi type="x-newsloc-protected">` a protected span.
    pub text: Text,
    /// The TMX details of the text's inline codes (element, `i`, `x`,
    /// `type`, `<sub>` flows), one per code in text order (the start of a
    /// pair stands for both halves). Optional when writing: a code without
    /// one is written from its run alone.
    pub codes: Vec<Code>,
    /// Dates, ids, tool and usage.
    pub meta: Meta,
    /// The variant's `<prop>` elements, in order.
    pub props: Vec<Prop>,
    /// The variant's `<note>` elements, in order.
    pub notes: Vec<Note>,
    /// Attributes TMX does not define, as written (`xml:space` included).
    pub attributes: Vec<Attribute>,
}

impl Variant {
    /// A variant in language `lang` with this text.
    pub fn new(lang: impl Into<String>, text: Text) -> Variant {
        Variant {
            lang: lang.into(),
            text,
            ..Variant::default()
        }
    }

    /// The TMX details of the code whose run id is `id`.
    pub fn code(&self, id: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == id)
    }
}

/// Which TMX element an inline code was read from or is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Element {
    /// `<bpt>`…`<ept>`: a paired native code
    /// ([`Run::Start`](crate::Run::Start) / [`Run::End`](crate::Run::End)).
    Paired,
    /// `<hi>`: highlighted text (a pair with empty markup).
    Highlight,
    /// `<ph>`: a standalone native code ([`Run::Code`](crate::Run::Code)).
    Placeholder,
    /// `<it pos="begin|end">`: one half of a pair whose other half is in
    /// another segment (a [`Run::Code`](crate::Run::Code)).
    Isolated(Pos),
    /// `<ut>`: an unknown code (TMX 1.1–1.3; deprecated in 1.4 and written
    /// as `<ph>`).
    Unknown,
}

/// Which half of a pair an isolated code (`<it>`) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Pos {
    /// `pos="begin"`: an opening code whose end is elsewhere.
    Begin,
    /// `pos="end"`: a closing code whose start is elsewhere.
    End,
}

impl Pos {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Pos::Begin => "begin",
            Pos::End => "end",
        }
    }
}

/// One piece of an inline code's content: native code, or a `<sub>`
/// (translatable text inside the code, a tooltip or alt text) kept as its
/// XML.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Piece {
    /// Native code text, unescaped.
    Native(String),
    /// A `<sub>` element, verbatim as XML (start tag to end tag).
    Sub(String),
}

/// The TMX details of one inline code of a [`Variant`]'s text. The code's
/// markup (the native code) lives in the run itself; this keeps what TMX
/// says about it so that it is written back the same way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Code {
    /// The run id in [`Variant::text`] (for a pair, the shared id).
    pub id: String,
    /// The element it came from.
    pub element: Option<Element>,
    /// `i` (pairs: matches `<bpt>` with its `<ept>` within the segment).
    pub i: Option<String>,
    /// `x` (relates a code to the code of another variant).
    pub x: Option<String>,
    /// `type` (`bold`, `link`, `image`, ...), as written.
    pub kind: Option<String>,
    /// `assoc` of a `<ph>` (`p`, `f` or `b`: the text it belongs with).
    pub assoc: Option<String>,
    /// The content of `<bpt>`, `<ph>`, `<it>` or `<ut>` when it holds a
    /// `<sub>` (empty otherwise: the run's markup is the whole content).
    pub content: Vec<Piece>,
    /// The content of the `<ept>` when it holds a `<sub>`.
    pub end_content: Vec<Piece>,
    /// Attributes TMX does not define, as written.
    pub attributes: Vec<Attribute>,
}

impl Code {
    /// The markup a list of pieces stands for: native text as it is, each
    /// `<sub>` as its XML.
    pub fn markup_of(pieces: &[Piece]) -> String {
        let mut s = String::new();
        for p in pieces {
            match p {
                Piece::Native(t) | Piece::Sub(t) => s.push_str(t),
            }
        }
        s
    }
}

/// `t` in the form TMX recommends for dates: `YYYYMMDDThhmmssZ` (UTC).
///
/// # Examples
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let t = UNIX_EPOCH + Duration::from_secs(1_772_582_400 + 3_661);
/// assert_eq!(newsloc::tmx::timestamp(t), "20260304T010101Z");
/// ```
pub fn timestamp(t: SystemTime) -> String {
    let secs = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Year, month, day of a day count from 1970-01-01 (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// How a date attribute is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateForm {
    /// `YYYYMMDDThhmmssZ`, the form TMX dates are written in.
    Recommended,
    /// Another ISO 8601 date-time (`2010-01-01T00:00:00`, with or without
    /// a zone).
    OtherIso,
}

/// Checks a date attribute: the TMX form or another ISO 8601 date-time.
pub(crate) fn date_form(s: &str) -> Option<DateForm> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .and_then(|d| std::str::from_utf8(d).ok()?.parse::<u32>().ok())
    };
    let valid = |mo: u32, d: u32, h: u32, mi: u32, se: u32| {
        (1..=12).contains(&mo) && (1..=31).contains(&d) && h <= 24 && mi <= 59 && se <= 60
    };
    // YYYYMMDDThhmmssZ
    if b.len() == 16 && b.get(8) == Some(&b'T') && b.get(15) == Some(&b'Z') {
        let f = (
            digits(0..4),
            digits(4..6),
            digits(6..8),
            digits(9..11),
            digits(11..13),
            digits(13..15),
        );
        if let (Some(_), Some(mo), Some(d), Some(h), Some(mi), Some(se)) = f {
            return valid(mo, d, h, mi, se).then_some(DateForm::Recommended);
        }
        return None;
    }
    // YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]
    if b.len() >= 19
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':')
    {
        let f = (
            digits(0..4),
            digits(5..7),
            digits(8..10),
            digits(11..13),
            digits(14..16),
            digits(17..19),
        );
        let (Some(_), Some(mo), Some(d), Some(h), Some(mi), Some(se)) = f else {
            return None;
        };
        let mut rest = s.get(19..)?;
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return None;
            }
            rest = frac.get(n..)?;
        }
        let zone_ok = match rest.as_bytes() {
            [] | [b'Z' | b'z'] => true,
            [b'+' | b'-', h1, h2, b':', m1, m2] | [b'+' | b'-', h1, h2, m1, m2] => {
                [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
            }
            _ => false,
        };
        return (zone_ok && valid(mo, d, h, mi, se)).then_some(DateForm::OtherIso);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_in_both_iso_forms() {
        assert_eq!(date_form("20100223T044327Z"), Some(DateForm::Recommended));
        assert_eq!(date_form("2010-02-23T04:43:27"), Some(DateForm::OtherIso));
        assert_eq!(date_form("2010-02-23T04:43:27Z"), Some(DateForm::OtherIso));
        assert_eq!(
            date_form("2010-02-23T04:43:27.125+09:00"),
            Some(DateForm::OtherIso)
        );
        for bad in [
            "",
            "yesterday",
            "20101323T044327Z",
            "20100223T044327",
            "2010-02-23",
            "2010-02-23T04:43:27+9",
            "2010-02-23T04:43:27.Z",
        ] {
            assert_eq!(date_form(bad), None, "{bad}");
        }
    }

    #[test]
    fn timestamps_are_utc_in_the_recommended_form() {
        assert_eq!(timestamp(UNIX_EPOCH), "19700101T000000Z");
        // 2000-02-29 23:59:59 UTC = 951868799
        let t = UNIX_EPOCH + Duration::from_secs(951_868_799);
        assert_eq!(timestamp(t), "20000229T235959Z");
        let before = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(timestamp(before), "19691231T235959Z");
    }

    #[test]
    fn variant_lookup_by_tag_then_primary_subtag() {
        let mut tu = TranslationUnit::new();
        tu.variants
            .push(Variant::new("en-GB", Text::plain("colour")));
        tu.variants
            .push(Variant::new("EN-US", Text::plain("color")));
        tu.variants.push(Variant::new("ko-KR", Text::plain("색")));
        assert_eq!(tu.variant("en-us").unwrap().lang, "EN-US");
        assert_eq!(tu.variant("en").unwrap().lang, "en-GB");
        assert_eq!(tu.variant("ko").unwrap().lang, "ko-KR");
        assert!(tu.variant("ja").is_none());
        let header = Header::new("t", "1", "*all*");
        assert!(tu.source(&header).is_none());
    }

    #[test]
    fn story_props() {
        let mut tu = TranslationUnit::new();
        tu.set_story("missile", 2);
        tu.set_story("missile", 3);
        assert_eq!(tu.props.len(), 2);
        assert_eq!(tu.story(), Some("missile"));
        assert_eq!(tu.story_version(), Some(3));
    }
}
