//! The language rule of import, one for every XLIFF version: a returned
//! file's target language must be the language it was exported for, in
//! language and script; the region does not matter (`ko-KR` is `ko`,
//! `zh-TW` is `zh-Hant`, `zh-Hant` is not `zh-Hans`, `ja` is not `ko`).

use unic_langid::LanguageIdentifier;

/// Whether two tags name the same language in the same script, each tag's
/// script being its own or, when it has none, the likely one for its
/// language and region (CLDR likely subtags: `zh` is written in Hans,
/// `zh-TW` in Hant, `ko` in Kore).
///
/// # Examples (crate-internal)
///
/// `same_language("ko-KR", "ko")` and `same_language("zh-TW", "zh-Hant")`
/// hold; `same_language("zh-Hant", "zh-Hans")` and `same_language("ja",
/// "ko")` do not.
pub(crate) fn same_language(a: &LanguageIdentifier, b: &LanguageIdentifier) -> bool {
    if a.language != b.language {
        return false;
    }
    let script = |l: &LanguageIdentifier| {
        l.script.or_else(|| {
            let mut m = l.clone();
            m.maximize();
            m.script
        })
    };
    match (script(a), script(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// What the import found about the languages of the file.
pub(crate) struct Languages {
    /// The language of the imported article: the one the file was exported
    /// for when it records it (a tool may write `ko-KR` for `ko`), else the
    /// file's target language.
    pub(crate) target: Option<LanguageIdentifier>,
    /// Scripts that join sentences without a space (Japanese, Chinese, Thai,
    /// ...).
    pub(crate) no_space: bool,
}

/// Checks the file's target and source languages against the article and
/// against the language the file was exported for (`expected`, from the
/// file's metadata); every problem is pushed to `problems`.
pub(crate) fn check(
    target: Option<&str>,
    source: Option<&str>,
    expected: Option<&str>,
    article: &LanguageIdentifier,
    problems: &mut Vec<String>,
) -> Languages {
    let mut lang: Option<LanguageIdentifier> = match target {
        None => {
            problems.push("the file has no target language".into());
            None
        }
        Some(t) => match t.parse::<LanguageIdentifier>() {
            Ok(l) => Some(l),
            Err(_) => {
                problems.push(format!("target language {t:?} is not a language tag"));
                None
            }
        },
    };
    if let (Some(t), Some(expected)) = (&lang, expected) {
        match expected.parse::<LanguageIdentifier>() {
            Ok(e) if same_language(&e, t) => lang = Some(e),
            _ => problems.push(format!(
                "the file was exported for {expected} but its target language is now {t}"
            )),
        }
    }
    if let Some(s) = source
        && !s
            .parse::<LanguageIdentifier>()
            .is_ok_and(|s| same_language(&s, article))
    {
        problems.push(format!(
            "the file's source language is {s}, the article's {article}"
        ));
    }
    // exact: an article in `en` may well be localised for `en-GB`
    if let Some(t) = &lang
        && t == article
    {
        problems.push(format!("the target language {t} is the source language"));
    }
    let no_space = lang
        .as_ref()
        .is_some_and(crate::segment::joins_without_space);
    Languages {
        target: lang,
        no_space,
    }
}

#[cfg(test)]
mod tests {
    use super::same_language;

    fn same(a: &str, b: &str) -> bool {
        same_language(&a.parse().unwrap(), &b.parse().unwrap())
    }

    #[test]
    fn language_and_script_not_region() {
        assert!(same("ko-KR", "ko"));
        assert!(same("ko", "ko-KR"));
        assert!(same("zh-TW", "zh-Hant"));
        assert!(same("zh", "zh-Hans"));
        assert!(same("pt-BR", "pt-PT"));
        assert!(!same("zh-Hant", "zh-Hans"));
        assert!(!same("zh", "zh-Hant"));
        assert!(!same("ja", "ko"));
        assert!(!same("sr-Latn", "sr"));
    }
}
