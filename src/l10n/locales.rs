//! The set of Fluent resources: embedded ones and run-time overrides.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use fluent::FluentResource;
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

use super::localizer::{self, Localizer};
use crate::error::{Error, Location, Position, Result};

/// Every Fluent file under `locales/`, embedded at compile time:
/// (language tag, file name, source). A unit test checks that this list
/// matches the folder.
const EMBEDDED: &[(&str, &str, &str)] = &[
    (
        "ar",
        "newsloc.ftl",
        include_str!("../../locales/ar/newsloc.ftl"),
    ),
    (
        "de",
        "newsloc.ftl",
        include_str!("../../locales/de/newsloc.ftl"),
    ),
    (
        "en",
        "newsloc.ftl",
        include_str!("../../locales/en/newsloc.ftl"),
    ),
    (
        "es",
        "newsloc.ftl",
        include_str!("../../locales/es/newsloc.ftl"),
    ),
    (
        "fr",
        "newsloc.ftl",
        include_str!("../../locales/fr/newsloc.ftl"),
    ),
    (
        "ja",
        "newsloc.ftl",
        include_str!("../../locales/ja/newsloc.ftl"),
    ),
    (
        "ko",
        "newsloc.ftl",
        include_str!("../../locales/ko/newsloc.ftl"),
    ),
    (
        "ru",
        "newsloc.ftl",
        include_str!("../../locales/ru/newsloc.ftl"),
    ),
    (
        "zh-Hans",
        "newsloc.ftl",
        include_str!("../../locales/zh-Hans/newsloc.ftl"),
    ),
    (
        "zh-Hant",
        "newsloc.ftl",
        include_str!("../../locales/zh-Hant/newsloc.ftl"),
    ),
];

/// The language every other one falls back to, message by message.
const FALLBACK: &str = "en";

/// The Fluent resources of one language, in loading order: embedded files
/// first, then the files of an override directory (by name). A message in
/// a later resource overrides the same message in an earlier one.
#[derive(Debug, Clone)]
struct Language {
    id: LanguageIdentifier,
    files: Vec<Arc<FluentResource>>,
}

/// The Fluent resources of every available language: the embedded ones,
/// possibly overridden or extended from a directory.
///
/// Cheap to clone (resources are shared). Build a [`Localizer`] for a
/// target language with [`Locales::localizer`].
///
/// # Examples
///
/// ```
/// use newsloc::Locales;
///
/// let locales = Locales::embedded();
/// let ko = locales.localizer(&"ko-KR".parse().unwrap());
/// assert_eq!(ko.lang().to_string(), "ko");
/// assert_eq!(ko.end_mark().unwrap(), "(끝)");
/// ```
#[derive(Debug, Clone)]
pub struct Locales {
    /// Keyed by the canonical language tag.
    langs: BTreeMap<String, Language>,
}

impl Locales {
    /// The locales built into the library (`en`, `ko`, `ja`, `zh-Hans`,
    /// `zh-Hant`, `ar`, `es`, `fr`, `de`, `ru`).
    ///
    /// # Examples
    ///
    /// ```
    /// let locales = newsloc::Locales::embedded();
    /// assert_eq!(locales.available().len(), 10);
    /// ```
    pub fn embedded() -> Locales {
        // parsed once per process; later calls share the resources
        static EMBEDDED_LOCALES: OnceLock<Locales> = OnceLock::new();
        EMBEDDED_LOCALES
            .get_or_init(Locales::parse_embedded)
            .clone()
    }

    fn parse_embedded() -> Locales {
        let mut locales = Locales {
            langs: BTreeMap::new(),
        };
        for (tag, _, source) in EMBEDDED {
            let Ok(id) = tag.parse::<LanguageIdentifier>() else {
                continue; // the tags above are valid; a unit test checks it
            };
            // A syntax error in an embedded file would be a bug caught by
            // the tests; keep the entries that did parse rather than panic.
            let resource = match FluentResource::try_new((*source).to_string()) {
                Ok(r) | Err((r, _)) => r,
            };
            locales.insert(id, resource);
        }
        locales
    }

    /// The embedded locales, overridden and extended by the Fluent files in
    /// `dir`.
    ///
    /// `dir` holds one folder per language, named by its tag (`ko`,
    /// `zh-Hant`, `pt-BR`), each with `*.ftl` files. Their messages are
    /// laid over the embedded ones message by message: a message defined in
    /// `dir` replaces the built-in one, every other built-in message stays,
    /// and a new language gets English for what it does not define. Files
    /// are read in name order (a later file wins). Other entries in `dir`
    /// are ignored.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when `dir` or a file cannot be read; [`Error::Locale`]
    /// when a folder name is not a language tag, or a file is not valid
    /// Fluent (with the file, line and column of the first syntax error).
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("newsloc-doc-{}", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("ko")).unwrap();
    /// std::fs::write(dir.join("ko/newsloc.ftl"), "end-mark = (끝끝)\n").unwrap();
    /// let locales = newsloc::Locales::from_dir(&dir).unwrap();
    /// let ko = locales.localizer(&"ko".parse().unwrap());
    /// assert_eq!(ko.end_mark().unwrap(), "(끝끝)");
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Locales> {
        let mut locales = Locales::embedded();
        locales.add_dir(dir.as_ref())?;
        Ok(locales)
    }

    fn add_dir(&mut self, dir: &Path) -> Result<()> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        let mut lang_dirs: Vec<PathBuf> = Vec::new();
        for entry in fs::read_dir(dir).map_err(io(dir))? {
            let path = entry.map_err(io(dir))?.path();
            if path.is_dir() {
                lang_dirs.push(path);
            }
        }
        lang_dirs.sort();
        for lang_dir in lang_dirs {
            let tag = lang_dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let id: LanguageIdentifier = tag.parse().map_err(|_| Error::Locale {
                location: Location {
                    file: Some(lang_dir.clone()),
                    ..Location::default()
                },
                message: format!("folder name `{tag}` is not a language tag"),
            })?;
            let mut files: Vec<PathBuf> = Vec::new();
            for entry in fs::read_dir(&lang_dir).map_err(io(&lang_dir))? {
                let path = entry.map_err(io(&lang_dir))?.path();
                if path.is_file() && path.extension().is_some_and(|e| e == "ftl") {
                    files.push(path);
                }
            }
            files.sort();
            for file in files {
                let source = fs::read_to_string(&file).map_err(io(&file))?;
                let resource = parse_file(source).map_err(|e| e.with_file(&file))?;
                self.insert(id.clone(), resource);
            }
        }
        Ok(())
    }

    /// Adds one Fluent resource to a language, after those it has.
    fn insert(&mut self, id: LanguageIdentifier, resource: FluentResource) {
        self.langs
            .entry(id.to_string())
            .or_insert_with(|| Language {
                id,
                files: Vec::new(),
            })
            .files
            .push(Arc::new(resource));
    }

    /// The languages that have at least one Fluent file, sorted by tag.
    ///
    /// # Examples
    ///
    /// ```
    /// let tags: Vec<String> = newsloc::Locales::embedded()
    ///     .available()
    ///     .iter()
    ///     .map(|l| l.to_string())
    ///     .collect();
    /// assert!(tags.contains(&"zh-Hant".to_string()));
    /// ```
    pub fn available(&self) -> Vec<LanguageIdentifier> {
        self.langs.values().map(|l| l.id.clone()).collect()
    }

    /// The languages to use for `requested`, best first, always ending with
    /// English: `ko-KR` → `[ko, en]`, `zh-TW` → `[zh-Hant, en]`, `pt` →
    /// `[en]`.
    fn chain(&self, requested: &LanguageIdentifier) -> Vec<LanguageIdentifier> {
        let available = self.available();
        let fallback: LanguageIdentifier = FALLBACK.parse().unwrap_or_default();
        let requested = with_chinese_script(requested);
        let mut chain: Vec<LanguageIdentifier> = negotiate_languages(
            &[requested],
            &available,
            Some(&fallback),
            NegotiationStrategy::Filtering,
        )
        .into_iter()
        .cloned()
        .collect();
        if !chain.contains(&fallback) {
            chain.push(fallback);
        }
        chain
    }

    /// A localizer for `requested`, negotiated against the available
    /// languages; messages missing in the chosen language come from English.
    ///
    /// # Examples
    ///
    /// ```
    /// let locales = newsloc::Locales::embedded();
    /// assert_eq!(locales.localizer(&"zh-TW".parse().unwrap()).lang().to_string(), "zh-Hant");
    /// assert_eq!(locales.localizer(&"zh-CN".parse().unwrap()).lang().to_string(), "zh-Hans");
    /// assert_eq!(locales.localizer(&"pt-BR".parse().unwrap()).lang().to_string(), "en");
    /// ```
    pub fn localizer(&self, requested: &LanguageIdentifier) -> Localizer {
        let chain = self.chain(requested);
        let rtl = chain.first().is_some_and(localizer::is_rtl);
        let languages = chain
            .iter()
            .filter_map(|id| self.langs.get(&id.to_string()))
            .map(|lang| (lang.id.clone(), lang.files.clone()))
            .collect();
        Localizer::new(languages, rtl)
    }
}

/// Parses a Fluent file as read from disk: a byte order mark is dropped
/// (error positions still count its bytes).
fn parse_file(source: String) -> Result<FluentResource> {
    match source.strip_prefix('\u{feff}') {
        Some(rest) => parse(rest.to_string()).map_err(|mut e| {
            if let Error::Locale { location, .. } = &mut e
                && let Some(p) = location.position.as_mut()
            {
                p.byte += 3;
            }
            e
        }),
        None => parse(source),
    }
}

/// Parses one Fluent file, reporting the first syntax error with its
/// position.
fn parse(source: String) -> Result<FluentResource> {
    match FluentResource::try_new(source) {
        Ok(r) => Ok(r),
        Err((r, errors)) => {
            let text = r.source();
            let count = errors.len();
            let Some(first) = errors.into_iter().next() else {
                return Ok(r);
            };
            let position = Position::from_offset(text, first.pos.start);
            let more = match count {
                0 | 1 => String::new(),
                2 => " (and 1 more error)".to_string(),
                n => format!(" (and {} more errors)", n - 1),
            };
            Err(Error::Locale {
                location: Location {
                    position: Some(position),
                    ..Location::default()
                },
                message: format!("Fluent syntax error: {first}{more}"),
            })
        }
    }
}

/// Gives a Chinese tag without a script the script its region uses, so
/// that negotiation picks `zh-Hant` for Taiwan, Hong Kong and Macau and
/// `zh-Hans` otherwise.
fn with_chinese_script(requested: &LanguageIdentifier) -> LanguageIdentifier {
    let mut id = requested.clone();
    if id.language.as_str() == "zh" && id.script.is_none() {
        let traditional = id
            .region
            .is_some_and(|r| matches!(r.as_str(), "TW" | "HK" | "MO"));
        let script = if traditional { "Hant" } else { "Hans" };
        id.script = script.parse().ok();
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> LanguageIdentifier {
        tag.parse().unwrap()
    }

    fn tags(chain: &[LanguageIdentifier]) -> Vec<String> {
        chain.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn embedded_list_matches_locales_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut on_disk = Vec::new();
        for dir in fs::read_dir(&root).unwrap() {
            let dir = dir.unwrap().path();
            for file in fs::read_dir(&dir).unwrap() {
                let file = file.unwrap().path();
                if file.extension().is_some_and(|e| e == "ftl") {
                    on_disk.push((
                        dir.file_name().unwrap().to_string_lossy().into_owned(),
                        file.file_name().unwrap().to_string_lossy().into_owned(),
                    ));
                }
            }
        }
        on_disk.sort();
        let mut listed: Vec<(String, String)> = EMBEDDED
            .iter()
            .map(|(t, n, _)| (t.to_string(), n.to_string()))
            .collect();
        listed.sort();
        assert_eq!(listed, on_disk);
    }

    #[test]
    fn embedded_tags_are_canonical_and_files_parse() {
        for (tag, name, source) in EMBEDDED {
            assert_eq!(lang(tag).to_string(), *tag);
            if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                panic!("{tag}/{name}: {errors:?}");
            }
        }
    }

    #[test]
    fn negotiation_chains() {
        let l = Locales::embedded();
        assert_eq!(tags(&l.chain(&lang("ko-KR"))), ["ko", "en"]);
        assert_eq!(tags(&l.chain(&lang("ko"))), ["ko", "en"]);
        assert_eq!(tags(&l.chain(&lang("en-US"))), ["en"]);
        assert_eq!(tags(&l.chain(&lang("zh-TW"))), ["zh-Hant", "en"]);
        assert_eq!(tags(&l.chain(&lang("zh-Hant-TW"))), ["zh-Hant", "en"]);
        assert_eq!(tags(&l.chain(&lang("zh-HK"))), ["zh-Hant", "en"]);
        assert_eq!(tags(&l.chain(&lang("zh-CN"))), ["zh-Hans", "en"]);
        assert_eq!(tags(&l.chain(&lang("zh"))), ["zh-Hans", "en"]);
        assert_eq!(tags(&l.chain(&lang("ar-EG"))), ["ar", "en"]);
        assert_eq!(tags(&l.chain(&lang("pt-BR"))), ["en"]);
        assert_eq!(tags(&l.chain(&lang("und"))), ["en"]);
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let r =
            parse_file("\u{feff}end-mark = (끝)\r\nlabel-photo = 사진\r\n".to_string()).unwrap();
        let mut bundle = fluent::FluentBundle::new(vec![lang("ko")]);
        bundle.add_resource(r).unwrap();
        let mut errors = vec![];
        let msg = bundle.get_message("label-photo").unwrap();
        let value = bundle.format_pattern(msg.value().unwrap(), None, &mut errors);
        assert_eq!(value, "사진");
        assert!(bundle.has_message("end-mark"));
        let err = parse_file("\u{feff}x = 1\r\nbad line\r\n".to_string()).unwrap_err();
        let p = err.location().and_then(|l| l.position).unwrap();
        // at the `l` where `=` was expected; the BOM's 3 bytes counted
        assert_eq!((p.line, p.column, p.byte), (2, 5, 3 + 7 + 4));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = parse("ok = fine\n\nbad message = x\n".to_string()).unwrap_err();
        let Error::Locale { location, message } = &err else {
            panic!("{err:?}");
        };
        let p = location.position.unwrap();
        assert_eq!((p.line, p.column), (3, 5));
        assert!(message.contains("Fluent syntax error"), "{message}");
    }
}
