//! Formatting the fixed parts of a story in one language.

use std::fmt;
use std::sync::Arc;

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};
use unic_langid::{CharacterDirection, LanguageIdentifier};

use crate::error::{Error, Location, Result};
use crate::model::{MonthDay, TagKind, UpdateTag};

type Bundle = FluentBundle<Arc<FluentResource>>;

/// Formats the fixed parts of a story (byline, dateline, update tag, end
/// mark, labels) in one language's house style.
///
/// Made by [`Locales::localizer`](crate::Locales::localizer). Each message
/// is looked up in the negotiated language first, then in English. Output
/// for left-to-right languages has no bidi isolation marks; output for
/// right-to-left languages (Arabic) wraps every inserted value in FSI/PDI
/// (U+2068 ... U+2069) so that Latin names and numbers keep their order.
///
/// A `Localizer` is `Send` and `Sync`.
///
/// # Examples
///
/// ```
/// use newsloc::MonthDay;
///
/// let locales = newsloc::Locales::embedded();
/// let en = locales.localizer(&"en".parse().unwrap());
/// assert_eq!(
///     en.dateline(Some("SEOUL"), MonthDay::new(9, 12).ok(), Some("Yonhap")).unwrap(),
///     "SEOUL, Sept. 12 (Yonhap) --"
/// );
/// assert_eq!(en.byline(&["Kim Eun-jung", "Park Ha-eun"]).unwrap(), "By Kim Eun-jung and Park Ha-eun");
///
/// let ko = locales.localizer(&"ko".parse().unwrap());
/// assert_eq!(ko.dateline(Some("서울"), MonthDay::new(9, 12).ok(), Some("Yonhap")).unwrap(), "(서울=연합뉴스)");
/// ```
pub struct Localizer {
    /// The negotiated language, then its fallbacks (English last).
    bundles: Vec<Bundle>,
    lang: LanguageIdentifier,
    rtl: bool,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chain: Vec<String> = self
            .bundles
            .iter()
            .filter_map(|b| b.locales.first().map(|l| l.to_string()))
            .collect();
        f.debug_struct("Localizer")
            .field("lang", &self.lang.to_string())
            .field("chain", &chain)
            .field("rtl", &self.rtl)
            .finish()
    }
}

/// Whether a language is written right to left (Arabic, Hebrew, Persian,
/// Urdu, ... or any tag with a right-to-left script).
pub(super) fn is_rtl(id: &LanguageIdentifier) -> bool {
    id.character_direction() == CharacterDirection::RTL
}

impl Localizer {
    /// Builds the bundles of a fallback chain: (language, its resources in
    /// loading order, later ones overriding), best first. `rtl` turns bidi
    /// isolation on.
    pub(super) fn new(
        languages: Vec<(LanguageIdentifier, Vec<Arc<FluentResource>>)>,
        rtl: bool,
    ) -> Localizer {
        let lang = languages
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default();
        let bundles = languages
            .into_iter()
            .map(|(id, resources)| {
                let mut bundle = Bundle::new_concurrent(vec![id]);
                bundle.set_use_isolating(rtl);
                // NUMBER() is only ever registered here, once.
                let _ = bundle.add_builtins();
                for resource in resources {
                    bundle.add_resource_overriding(resource);
                }
                bundle
            })
            .collect();
        Localizer { bundles, lang, rtl }
    }

    /// The negotiated language (`ko` for a request of `ko-KR`, `en` when
    /// nothing matched).
    ///
    /// # Examples
    ///
    /// ```
    /// let l = newsloc::Locales::embedded().localizer(&"fr-CA".parse().unwrap());
    /// assert_eq!(l.lang().to_string(), "fr");
    /// ```
    pub fn lang(&self) -> &LanguageIdentifier {
        &self.lang
    }

    /// Whether the language is written right to left (for HTML `dir`).
    ///
    /// # Examples
    ///
    /// ```
    /// let locales = newsloc::Locales::embedded();
    /// assert!(locales.localizer(&"ar".parse().unwrap()).is_rtl());
    /// assert!(!locales.localizer(&"ko".parse().unwrap()).is_rtl());
    /// ```
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// Formats message `id` (see `docs/locales.md` for the list), with
    /// string arguments, from the first language of the chain that has it:
    /// for labels and for messages added in override files.
    ///
    /// # Errors
    ///
    /// [`Error::Locale`] when no language has the message, or formatting it
    /// failed (a missing variable, a reference to an unknown message); the
    /// error names the message and the language.
    ///
    /// # Examples
    ///
    /// ```
    /// let locales = newsloc::Locales::embedded();
    /// let ja = locales.localizer(&"ja".parse().unwrap());
    /// assert_eq!(ja.message("label-photo", &[]).unwrap(), "写真");
    /// assert!(ja.message("no-such-message", &[]).is_err());
    /// let en = locales.localizer(&"en".parse().unwrap());
    /// assert_eq!(en.message("byline", &[("names", "Kim"), ("count", "1")]).unwrap(), "By Kim");
    /// ```
    pub fn message(&self, id: &str, args: &[(&str, &str)]) -> Result<String> {
        if args.is_empty() {
            return self.format(id, None);
        }
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        self.format(id, Some(&fluent_args))
    }

    /// Formats message `id` with `args`, from the first language of the
    /// chain that has it.
    fn format(&self, id: &str, args: Option<&FluentArgs>) -> Result<String> {
        for bundle in &self.bundles {
            let Some(msg) = bundle.get_message(id) else {
                continue;
            };
            let lang = bundle
                .locales
                .first()
                .map(|l| l.to_string())
                .unwrap_or_default();
            let Some(pattern) = msg.value() else {
                return Err(locale_error(format!(
                    "message `{id}` in `{lang}` has no value"
                )));
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if let Some(first) = errors.first() {
                return Err(locale_error(format!("message `{id}` in `{lang}`: {first}")));
            }
            return Ok(text.into_owned());
        }
        Err(locale_error(format!(
            "message `{id}` is missing in `{}` and in its fallbacks",
            self.lang
        )))
    }

    /// The byline for a list of reporters: English `By A, B and C`, Korean
    /// `A B 기자`. An empty list gives an empty string.
    ///
    /// Where the byline goes depends on the language: see
    /// [`Localizer::byline_in_lead`].
    ///
    /// # Errors
    ///
    /// [`Error::Locale`] when a message is missing or fails to format
    /// (only possible with overridden locale files).
    ///
    /// # Examples
    ///
    /// ```
    /// let locales = newsloc::Locales::embedded();
    /// let en = locales.localizer(&"en".parse().unwrap());
    /// assert_eq!(en.byline(&["A", "B", "C"]).unwrap(), "By A, B and C");
    /// let ko = locales.localizer(&"ko".parse().unwrap());
    /// assert_eq!(ko.byline(&["김은정"]).unwrap(), "김은정 기자");
    /// ```
    pub fn byline<S: AsRef<str>>(&self, names: &[S]) -> Result<String> {
        self.byline_with_role(names, None)
    }

    /// The byline with the reporters' role as the story wrote it, when it
    /// is not the locale's usual one (Korean `김민지 특파원`, correspondent,
    /// where the usual word is `기자`). The message `byline` gets it as
    /// `$role` (`none` when there is none); a locale whose byline names no
    /// role ignores it. The roles a locale writes are listed in its message
    /// `byline-roles`.
    ///
    /// # Errors
    ///
    /// As [`Localizer::byline`].
    ///
    /// # Examples
    ///
    /// ```
    /// let locales = newsloc::Locales::embedded();
    /// let ko = locales.localizer(&"ko".parse().unwrap());
    /// assert_eq!(ko.byline_with_role(&["김민지"], Some("특파원")).unwrap(), "김민지 특파원");
    /// assert_eq!(ko.byline_with_role(&["김민지"], None).unwrap(), "김민지 기자");
    /// ```
    pub fn byline_with_role<S: AsRef<str>>(
        &self,
        names: &[S],
        role: Option<&str>,
    ) -> Result<String> {
        if names.is_empty() {
            return Ok(String::new());
        }
        let joined = self.join_names(names)?;
        let mut args = FluentArgs::new();
        args.set("names", joined);
        args.set("count", names.len());
        args.set("role", role.unwrap_or("none").to_string());
        self.format("byline", Some(&args))
    }

    /// The byline roles this locale's wire copy writes besides its usual
    /// one (message `byline-roles`, words separated by spaces; none when
    /// the locale has no such message).
    pub(crate) fn byline_roles(&self) -> Vec<String> {
        self.format("byline-roles", None)
            .map(|s| s.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// Joins names: `A`, `A and B`, `A, B and C` in English.
    fn join_names<S: AsRef<str>>(&self, names: &[S]) -> Result<String> {
        let Some((last, head)) = names.split_last() else {
            return Ok(String::new());
        };
        if head.is_empty() {
            return Ok(last.as_ref().to_string());
        }
        let latin = names
            .iter()
            .any(|n| n.as_ref().chars().any(|c| c.is_ascii_alphabetic()));
        let mut args = FluentArgs::new();
        args.set("script", if latin { "latin" } else { "other" });
        let separator = self.format("names-separator", Some(&args))?;
        let first = head
            .iter()
            .map(|n| n.as_ref())
            .collect::<Vec<_>>()
            .join(&separator);
        args.set("first", first);
        args.set("second", last.as_ref());
        self.format("names-pair", Some(&args))
    }

    /// Whether this language puts the byline in the opening of the first
    /// paragraph (Korean `(서울=연합뉴스) 김은정 기자 =`) rather than on its
    /// own line above the story (English `By Kim Eun-jung`).
    ///
    /// # Examples
    ///
    /// ```
    /// let locales = newsloc::Locales::embedded();
    /// assert!(locales.localizer(&"ko".parse().unwrap()).byline_in_lead());
    /// assert!(!locales.localizer(&"en".parse().unwrap()).byline_in_lead());
    /// ```
    pub fn byline_in_lead(&self) -> bool {
        self.format("byline-placement", None)
            .is_ok_and(|p| p.trim() == "lead")
    }

    /// The dateline: English `SEOUL, Sept. 12 (Yonhap) --`, Korean
    /// `(서울=연합뉴스)`, Japanese `【ソウル聯合ニュース】`. `place` is
    /// written as given (it is translated text); a known
    /// agency gets this language's name for it. All three absent give an
    /// empty string.
    ///
    /// # Errors
    ///
    /// [`Error::Locale`] when a message is missing or fails to format
    /// (only possible with overridden locale files).
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::MonthDay;
    ///
    /// let locales = newsloc::Locales::embedded();
    /// let en = locales.localizer(&"en".parse().unwrap());
    /// assert_eq!(en.dateline(Some("WASHINGTON"), None, Some("AP")).unwrap(), "WASHINGTON (AP) --");
    /// let ja = locales.localizer(&"ja".parse().unwrap());
    /// assert_eq!(ja.dateline(Some("ソウル"), MonthDay::new(9, 12).ok(), Some("Yonhap")).unwrap(), "【ソウル聯合ニュース】");
    /// ```
    pub fn dateline(
        &self,
        place: Option<&str>,
        date: Option<MonthDay>,
        agency: Option<&str>,
    ) -> Result<String> {
        let place = place.map(str::trim).filter(|p| !p.is_empty());
        let agency = agency.map(str::trim).filter(|a| !a.is_empty());
        let shape = match (place.is_some(), date.is_some(), agency.is_some()) {
            (true, true, true) => "full",
            (true, false, true) => "no-date",
            (false, true, true) => "no-place",
            (true, true, false) => "no-agency",
            (true, false, false) => "place",
            (false, true, false) => "date",
            (false, false, true) => "agency",
            (false, false, false) => return Ok(String::new()),
        };
        let (month, day) = date.map_or((0, 0), |d| (d.month(), d.day()));
        let mut args = FluentArgs::new();
        args.set("shape", shape);
        args.set("place", place.unwrap_or_default());
        args.set("month", month);
        args.set("day", day);
        args.set("year", "none");
        args.set("agency", agency.unwrap_or_default());
        self.format("dateline", Some(&args))
    }

    /// Like [`Localizer::dateline`], with the year a dateline may carry
    /// (`Nov. 20, 2024` in English; locales that write no year ignore it).
    pub(crate) fn dateline_with_year(
        &self,
        place: Option<&str>,
        date: Option<MonthDay>,
        year: Option<i32>,
        agency: Option<&str>,
    ) -> Result<String> {
        let Some(year) = year.filter(|_| date.is_some()) else {
            return self.dateline(place, date, agency);
        };
        let place = place.map(str::trim).filter(|p| !p.is_empty());
        let agency = agency.map(str::trim).filter(|a| !a.is_empty());
        let shape = match (place.is_some(), agency.is_some()) {
            (true, true) => "full",
            (false, true) => "no-place",
            (true, false) => "no-agency",
            (false, false) => "date",
        };
        let (month, day) = date.map_or((0, 0), |d| (d.month(), d.day()));
        let mut args = FluentArgs::new();
        args.set("shape", shape);
        args.set("place", place.unwrap_or_default());
        args.set("month", month);
        args.set("day", day);
        args.set("year", year.to_string());
        args.set("agency", agency.unwrap_or_default());
        self.format("dateline", Some(&args))
    }

    /// Formats a message with arguments already built (numbers stay
    /// numbers, for selectors): what the wire reader uses to learn a
    /// locale's layouts.
    pub(crate) fn format_args(&self, id: &str, args: &FluentArgs) -> Result<String> {
        self.format(id, Some(args))
    }

    /// Joins names as the byline does, without the byline's words.
    pub(crate) fn names(&self, names: &[String]) -> Result<String> {
        self.join_names(names)
    }

    /// Where the update tag of `kind` goes: true for after the headline.
    pub(crate) fn tag_at_end(&self, tag: &UpdateTag) -> bool {
        let kind = match tag.kind() {
            TagKind::Urgent => "urgent",
            TagKind::Lead(_) => "lead",
            _ => return false,
        };
        let mut args = FluentArgs::new();
        args.set("kind", kind);
        self.format("update-tag-placement", Some(&args))
            .is_ok_and(|p| p.trim() == "end")
    }

    /// Whether a translation into this language shows the source's
    /// editor's note.
    pub(crate) fn keeps_editor_note(&self) -> bool {
        self.format("editor-note-in-translation", None)
            .is_ok_and(|p| p.trim() == "keep")
    }

    /// The opening of the first paragraph, up to its text: the dateline,
    /// the byline too where the language puts it there (see
    /// [`Localizer::byline_in_lead`]; `byline` is ignored otherwise), and
    /// the space that separates it from the text (none in Chinese and
    /// Japanese).
    ///
    /// # Errors
    ///
    /// [`Error::Locale`] when a message is missing or fails to format
    /// (only possible with overridden locale files).
    ///
    /// # Examples
    ///
    /// ```
    /// let locales = newsloc::Locales::embedded();
    /// let ko = locales.localizer(&"ko".parse().unwrap());
    /// assert_eq!(ko.lead("(서울=연합뉴스)", Some("김은정 기자")).unwrap(), "(서울=연합뉴스) 김은정 기자 = ");
    /// assert_eq!(ko.lead("(서울=연합뉴스)", None).unwrap(), "(서울=연합뉴스) ");
    /// let ja = locales.localizer(&"ja".parse().unwrap());
    /// assert_eq!(ja.lead("【ソウル聯合ニュース】", None).unwrap(), "【ソウル聯合ニュース】");
    /// ```
    pub fn lead(&self, dateline: &str, byline: Option<&str>) -> Result<String> {
        let byline = byline
            .map(str::trim)
            .filter(|b| !b.is_empty() && self.byline_in_lead());
        let mut args = FluentArgs::new();
        args.set("dateline", dateline);
        args.set("byline", byline.unwrap_or_default());
        args.set("has-byline", if byline.is_some() { "yes" } else { "no" });
        self.format("lead", Some(&args))
    }

    /// The update tag of a rewritten story: `ordinal` 1 is the first
    /// rewrite (English `(LEAD)`, Korean `(종합)`), 2 the second
    /// (`(2nd LD)`, `(종합2보)`), and so on.
    ///
    /// # Errors
    ///
    /// [`Error::Locale`] when a message is missing or fails to format
    /// (only possible with overridden locale files).
    ///
    /// # Examples
    ///
    /// ```
    /// let locales = newsloc::Locales::embedded();
    /// let en = locales.localizer(&"en".parse().unwrap());
    /// assert_eq!(en.lead_tag(3).unwrap(), "(3rd LD)");
    /// let ko = locales.localizer(&"ko".parse().unwrap());
    /// assert_eq!(ko.lead_tag(2).unwrap(), "(종합2보)");
    /// ```
    pub fn lead_tag(&self, ordinal: u32) -> Result<String> {
        let mut args = FluentArgs::new();
        args.set("kind", "lead");
        args.set("ordinal", ordinal.max(1));
        self.format("update-tag", Some(&args))
    }

    /// The tag of an urgent story: English `(URGENT)`, Korean `(긴급)`.
    ///
    /// # Errors
    ///
    /// [`Error::Locale`] when a message is missing or fails to format
    /// (only possible with overridden locale files).
    ///
    /// # Examples
    ///
    /// ```
    /// let ko = newsloc::Locales::embedded().localizer(&"ko".parse().unwrap());
    /// assert_eq!(ko.urgent_tag().unwrap(), "[속보]");
    /// ```
    pub fn urgent_tag(&self) -> Result<String> {
        let mut args = FluentArgs::new();
        args.set("kind", "urgent");
        args.set("ordinal", 1);
        self.format("update-tag", Some(&args))
    }

    /// An update tag in this language's style, from what the tag says:
    /// a lead of any rank (see [`Localizer::lead_tag`]) or urgent (see
    /// [`Localizer::urgent_tag`]); a tag of any other kind is kept as
    /// written.
    ///
    /// # Errors
    ///
    /// [`Error::Locale`] when a message is missing or fails to format
    /// (only possible with overridden locale files).
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::UpdateTag;
    ///
    /// let ko = newsloc::Locales::embedded().localizer(&"ko".parse().unwrap());
    /// assert_eq!(ko.update_tag(&UpdateTag::new("(3rd LD)")).unwrap(), "(종합3보)");
    /// assert_eq!(ko.update_tag(&UpdateTag::new("(News Focus)")).unwrap(), "(News Focus)");
    /// ```
    pub fn update_tag(&self, tag: &UpdateTag) -> Result<String> {
        match tag.kind() {
            TagKind::Lead(n) => self.lead_tag(n),
            TagKind::Urgent => self.urgent_tag(),
            _ => Ok(tag.as_str().to_string()),
        }
    }

    /// The end mark: English `(END)`, Korean `(끝)`.
    ///
    /// # Errors
    ///
    /// [`Error::Locale`] when the message is missing in every language of
    /// the chain.
    ///
    /// # Examples
    ///
    /// ```
    /// let ja = newsloc::Locales::embedded().localizer(&"ja".parse().unwrap());
    /// assert_eq!(ja.end_mark().unwrap(), "（終）");
    /// ```
    pub fn end_mark(&self) -> Result<String> {
        self.format("end-mark", None)
    }
}

fn locale_error(message: String) -> Error {
    Error::Locale {
        location: Location::default(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use crate::l10n::Locales;

    #[test]
    fn localizer_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<super::Localizer>();
        check::<Locales>();
    }

    #[test]
    fn english_ordinals() {
        let en = Locales::embedded().localizer(&"en".parse().unwrap());
        let tags: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101]
            .iter()
            .map(|n| en.lead_tag(*n).unwrap())
            .collect();
        assert_eq!(
            tags,
            [
                "(LEAD)",
                "(2nd LD)",
                "(3rd LD)",
                "(4th LD)",
                "(11th LD)",
                "(12th LD)",
                "(13th LD)",
                "(21st LD)",
                "(22nd LD)",
                "(23rd LD)",
                "(101st LD)"
            ]
        );
        // 0 is treated as the first rewrite rather than "(0th LD)"
        assert_eq!(en.lead_tag(0).unwrap(), "(LEAD)");
    }

    #[test]
    fn missing_variable_is_an_error_not_a_silent_placeholder() {
        let en = Locales::embedded().localizer(&"en".parse().unwrap());
        let err = en.message("byline", &[]).unwrap_err().to_string();
        assert!(err.contains("byline") && err.contains("en"), "{err}");
    }
}
