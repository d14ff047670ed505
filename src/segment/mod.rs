//! Sentence segmentation for news copy.
//!
//! [`Segmenter`] splits the text of a translation unit into sentences, the
//! units translators and translation memories work with. Built-in rules are
//! UAX #29 sentence boundaries refined by per-language data files
//! (`src/segment/rules/<lang>.txt`, format in `docs/segmentation.md`);
//! user rules can be loaded from an SRX 2.0 file instead.

mod rules;
mod srx;

use std::fmt;
use std::ops::Range;
use std::path::Path;

use unic_langid::LanguageIdentifier;

use crate::error::{Error, Result};

/// True for a language whose script writes sentences one after another
/// without a space between them (Japanese, Chinese, Thai, Lao, Khmer,
/// Burmese): what joins the sentences of one unit back into a paragraph.
pub(crate) fn joins_without_space(language: &LanguageIdentifier) -> bool {
    matches!(
        language.language.as_str(),
        "ja" | "zh" | "th" | "lo" | "km" | "my"
    )
}

/// Splits text into sentences for one language.
///
/// A segmenter is cheap to clone and can be shared between threads. The
/// sentences it finds are byte ranges into the text, so that joining them
/// with the whitespace between them gives back the text exactly.
///
/// # Examples
///
/// ```
/// use newsloc::Segmenter;
///
/// let seg = Segmenter::new(&"en".parse().unwrap());
/// let text = "SEOUL, Sept. 12 (Yonhap) -- Gen. Kim met U.S. officials. They left.";
/// let sentences: Vec<&str> = seg.split(text, &[]).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(
///     sentences,
///     ["SEOUL, Sept. 12 (Yonhap) -- Gen. Kim met U.S. officials.", "They left."]
/// );
/// ```
#[derive(Clone)]
pub struct Segmenter {
    engine: Engine,
}

#[derive(Clone)]
enum Engine {
    Builtin(&'static rules::Rules),
    Srx(std::sync::Arc<srx::SrxRules>),
}

impl fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.engine {
            Engine::Builtin(r) if r.lang.is_empty() => f.write_str("Segmenter(built-in generic)"),
            Engine::Builtin(r) => write!(f, "Segmenter(built-in {})", r.lang),
            Engine::Srx(r) => write!(f, "Segmenter(SRX {})", r.names.join(", ")),
        }
    }
}

impl Segmenter {
    /// The built-in rules for a language.
    ///
    /// Only the language subtag counts: `en-GB` gets the English rules and
    /// `zh-Hant` the Chinese ones. Built-in rules exist for ar, de, en, es,
    /// fr, ja, ko, ru and zh; any other language gets UAX #29 with the
    /// language-independent refinements (initials, quotes, brackets,
    /// ellipses).
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::Segmenter;
    ///
    /// let seg = Segmenter::new(&"ja-JP".parse().unwrap());
    /// let text = "政府は説明を求めた。「注視している」と述べた。";
    /// let ranges = seg.split(text, &[]);
    /// assert_eq!(&text[ranges[1].clone()], "「注視している」と述べた。");
    /// ```
    pub fn new(lang: &LanguageIdentifier) -> Segmenter {
        Segmenter {
            engine: Engine::Builtin(rules::builtin(lang.language.as_str())),
        }
    }

    /// Rules from an SRX 2.0 document, selected for `lang` through its
    /// `<maprules>` (each `languagepattern` is matched, case-insensitively,
    /// against the whole tag, such as `en-GB`).
    ///
    /// Expressions use the syntax of the `regex` crate, which lacks
    /// look-around and back-references; an expression that does not compile
    /// is an error.
    ///
    /// # Errors
    ///
    /// [`Error::Xml`] with the line and column when the document is not
    /// well-formed, is not SRX, contains a bad regular expression or
    /// language pattern, maps to an undefined rule set, or has no map for
    /// `lang`.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::Segmenter;
    ///
    /// let srx = r#"<srx xmlns="http://www.lisa.org/srx20" version="2.0">
    ///   <header cascade="no"/>
    ///   <body>
    ///     <languagerules>
    ///       <languagerule languagerulename="news">
    ///         <rule break="no"><beforebreak>\bGen\.</beforebreak><afterbreak>\s</afterbreak></rule>
    ///         <rule><beforebreak>[.?!]</beforebreak><afterbreak>\s</afterbreak></rule>
    ///       </languagerule>
    ///     </languagerules>
    ///     <maprules><languagemap languagepattern="en.*" languagerulename="news"/></maprules>
    ///   </body>
    /// </srx>"#;
    /// let seg = Segmenter::from_srx(srx, &"en-US".parse().unwrap())?;
    /// let text = "Gen. Kim arrived. He spoke.";
    /// assert_eq!(seg.split(text, &[]), [0..17, 18..27]);
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    pub fn from_srx(xml: &str, lang: &LanguageIdentifier) -> Result<Segmenter> {
        let rules = srx::load(xml, &lang.to_string())?;
        Ok(Segmenter {
            engine: Engine::Srx(std::sync::Arc::new(rules)),
        })
    }

    /// Rules from an SRX 2.0 file; see [`Segmenter::from_srx`].
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read (or is not UTF-8), and the
    /// errors of [`Segmenter::from_srx`] with the file name attached.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::{Error, Segmenter};
    ///
    /// let err = Segmenter::from_srx_file("no/such.srx".as_ref(), &"en".parse().unwrap())
    ///     .unwrap_err();
    /// assert!(matches!(err, Error::Io { .. }));
    /// ```
    pub fn from_srx_file(path: &Path, lang: &LanguageIdentifier) -> Result<Segmenter> {
        let xml = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Segmenter::from_srx(&xml, lang).map_err(|e| e.with_file(path))
    }

    /// Sentence ranges (byte ranges into `text`) in order.
    ///
    /// Each range starts and ends at a non-whitespace character; what no
    /// range covers (whitespace before, between and after sentences) is
    /// inter-sentence whitespace. No sentence boundary falls strictly inside
    /// a `no_break` range (inline codes, protected spans), that is, no
    /// range contains both the end of one sentence and the start of the
    /// next or any whitespace between them. `no_break` ranges may be in any
    /// order, overlap or touch; ranges outside the text are harmless.
    /// Empty or whitespace-only text gives no sentences.
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::Segmenter;
    ///
    /// let seg = Segmenter::new(&"en".parse().unwrap());
    /// let text = " Rain fell. See \u{FFFC}Part 2. Now.\u{FFFC} Then. ";
    /// assert_eq!(seg.split(text, &[]), [1..11, 12..26, 27..34, 35..40]);
    /// // a placeholder glued to a full stop stays with its sentence
    /// assert_eq!(&text[27..34], "Now.\u{FFFC}");
    /// // a protected span across "Now. Then" keeps them together
    /// assert_eq!(seg.split(text, &[28..37]), [1..11, 12..26, 27..40]);
    /// assert!(seg.split(" \n ", &[]).is_empty());
    /// ```
    pub fn split(&self, text: &str, no_break: &[Range<usize>]) -> Vec<Range<usize>> {
        let mut breaks = match &self.engine {
            Engine::Builtin(r) => r.breaks(text),
            Engine::Srx(r) => r.breaks(text),
        };
        // Breaks inside whitespace move to the end of it.
        for p in &mut breaks {
            *p = skip_ws(text, *p);
        }
        breaks.sort_unstable();
        breaks.dedup();

        let mut out = Vec::with_capacity(breaks.len() + 1);
        let mut start = 0;
        for p in breaks {
            if p <= start || p >= text.len() || !text.is_char_boundary(p) {
                continue;
            }
            let q = rules::trim_back(text, p);
            // A range contains a point of [q, p] strictly inside it.
            if no_break
                .iter()
                .any(|r| r.start < p && r.end > q && r.end.saturating_sub(r.start) >= 2)
            {
                continue;
            }
            push_trimmed(text, start, p, &mut out);
            start = p;
        }
        push_trimmed(text, start, text.len(), &mut out);
        out
    }
}

/// The byte offset after the whitespace that starts at `p`.
fn skip_ws(text: &str, p: usize) -> usize {
    let rest = text.get(p..).unwrap_or("");
    p + (rest.len() - rest.trim_start().len())
}

/// Pushes `start..end` without its leading and trailing whitespace, unless
/// nothing is left.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let Some(piece) = text.get(start..end) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    if !body.is_empty() {
        out.push(start + lead..start + lead + body.len());
    }
}

#[cfg(test)]
// `&[a..b]` is one no-break range and `[a..b]` one sentence here.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    #[test]
    fn scripts_without_spaces_between_sentences() {
        for lang in ["ja", "zh-Hant", "th", "my"] {
            assert!(joins_without_space(&lang.parse().unwrap()), "{lang}");
        }
        for lang in ["ko", "en", "ar", "ru"] {
            assert!(!joins_without_space(&lang.parse().unwrap()), "{lang}");
        }
    }

    use super::*;

    fn seg(lang: &str) -> Segmenter {
        Segmenter::new(&lang.parse().unwrap())
    }

    #[test]
    fn language_negotiation() {
        assert_eq!(format!("{:?}", seg("en-GB")), "Segmenter(built-in en)");
        assert_eq!(format!("{:?}", seg("zh-Hant")), "Segmenter(built-in zh)");
        assert_eq!(format!("{:?}", seg("sw")), "Segmenter(built-in generic)");
    }

    #[test]
    fn ranges_are_trimmed_and_exact() {
        let text = "  Rain fell.\r\n\r\nWind rose.  ";
        assert_eq!(seg("en").split(text, &[]), [2..12, 16..26]);
    }

    #[test]
    fn no_break_range_touching_a_boundary_is_allowed() {
        let text = "Rain.\u{FFFC} Wind.";
        let placeholder = 5..8;
        assert_eq!(seg("en").split(text, &[placeholder]), [0..8, 9..14]);
        // the same code spanning the space glues the sentences
        assert_eq!(seg("en").split(text, &[5..10]), [0..14]);
        // reversed and out-of-range ranges are harmless
        #[allow(clippy::reversed_empty_ranges)]
        let odd = [9..2, 100..200];
        assert_eq!(seg("en").split(text, &odd), [0..8, 9..14]);
    }

    #[test]
    fn srx_segmenter_trims_like_the_builtin_one() {
        let srx = r#"<srx version="2.0"><header cascade="no"/><body><languagerules>
<languagerule languagerulename="r"><rule><beforebreak>\.</beforebreak></rule></languagerule>
</languagerules><maprules><languagemap languagepattern=".*" languagerulename="r"/></maprules></body></srx>"#;
        let s = Segmenter::from_srx(srx, &"en".parse().unwrap()).unwrap();
        assert_eq!(format!("{s:?}"), "Segmenter(SRX r)");
        assert_eq!(s.split("A. B.  C.", &[]), [0..2, 3..5, 7..9]);
    }

    #[test]
    fn segmenter_is_send_sync() {
        fn check<T: Send + Sync + Clone + fmt::Debug>() {}
        check::<Segmenter>();
    }
}
