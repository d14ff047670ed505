//! The translation memory in and out as TMX, through [`crate::tmx`].

use std::path::Path;

use unic_langid::LanguageIdentifier;

use super::{Store, TmAdded, TmEntry};
use crate::error::{Error, Result};
use crate::tmx::{Header, Reader, Tmx, TranslationUnit, Variant, timestamp};

/// The language key of the translation memory: language and script, region
/// dropped (`en-US` → `en`, `zh-Hant-TW` → `zh-Hant`), so that a memory
/// from a tool that writes regions serves stories tagged without them.
pub(crate) fn tm_lang(lang: &LanguageIdentifier) -> String {
    match lang.script {
        Some(script) => format!("{}-{script}", lang.language),
        None => lang.language.to_string(),
    }
}

/// What [`import_tmx`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TmxImported {
    /// Translation units in the file.
    pub units: usize,
    /// Units without a source variant or with a language tag that is not
    /// valid, left out.
    pub left_out: usize,
    /// What the store did with the pairs.
    pub added: TmAdded,
    /// Problems the tolerant reader reported (the file is read anyway).
    pub warnings: Vec<String>,
}

/// Imports a TMX file (1.1 to 1.4b, read tolerantly) into the store's
/// translation memory in one transaction: each unit's source variant (the
/// unit's or header's `srclang`; the first variant when it is `*all*`)
/// paired with each of its other variants. Story and version come from the
/// `x-newsloc-story` and `x-newsloc-version` properties when present.
///
/// # Errors
///
/// [`Error::Xml`] with the file and position when the file cannot be read
/// faithfully; nothing is written then.
pub fn import_tmx(store: &dyn Store, path: &Path) -> Result<TmxImported> {
    let read = Reader::new()
        .read_path(path)
        .map_err(|e| e.with_file(path))?;
    let origin = format!(
        "tmx: {}",
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned()
        )
    );
    let tmx = &read.tmx;
    let mut entries = Vec::new();
    let mut left_out = 0;
    for tu in &tmx.units {
        let source = tu.source(&tmx.header).or_else(|| {
            let all = tu.src_lang.as_deref().unwrap_or(&tmx.header.src_lang) == "*all*";
            if all { tu.variants.first() } else { None }
        });
        let Some(source) = source else {
            left_out += 1;
            continue;
        };
        let Ok(source_lang) = source.lang.parse::<LanguageIdentifier>() else {
            left_out += 1;
            continue;
        };
        let mut paired = false;
        for target in tu.variants.iter().filter(|v| !std::ptr::eq(*v, source)) {
            let Ok(target_lang) = target.lang.parse::<LanguageIdentifier>() else {
                continue;
            };
            paired = true;
            entries.push(TmEntry {
                source_lang: source_lang.clone(),
                target_lang,
                source: source.text.clone(),
                target: target.text.clone(),
                previous_hash: None,
                next_hash: None,
                story: tu.story().map(str::to_string),
                version: tu.story_version(),
                unit: tu.id.clone(),
                kind: None,
                state: None,
                origin: origin.clone(),
                uses: 1,
                when: None,
            });
        }
        if !paired {
            left_out += 1;
        }
    }
    let added = store.tm_add(&entries)?;
    Ok(TmxImported {
        units: tmx.units.len(),
        left_out,
        added,
        warnings: read.warnings.iter().map(|w| w.to_string()).collect(),
    })
}

/// The translation memory of one language pair as a TMX 1.4b document
/// (valid against the DTD): one unit per stored pair, with its story and
/// version as properties and its use count and last use.
///
/// # Errors
///
/// [`Error::Store`] when the database fails.
pub fn export_tmx(
    store: &dyn Store,
    source_lang: &LanguageIdentifier,
    target_lang: &LanguageIdentifier,
) -> Result<Tmx> {
    let entries = store.tm_entries(source_lang, target_lang)?;
    let mut tmx = Tmx::new(Header::new(
        "newsloc",
        env!("CARGO_PKG_VERSION"),
        source_lang.to_string(),
    ));
    tmx.header.creation_date = Some(timestamp(std::time::SystemTime::now()));
    for e in entries {
        let mut tu = TranslationUnit::new();
        if let (Some(story), Some(version)) = (&e.story, e.version) {
            tu.set_story(story.clone(), version);
        }
        tu.meta.usage_count = Some(e.uses);
        if let Some(when) = e.when {
            let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(when.max(0) as u64);
            tu.meta.last_usage_date = Some(timestamp(t));
        }
        tu.variants
            .push(Variant::new(source_lang.to_string(), e.source));
        tu.variants
            .push(Variant::new(target_lang.to_string(), e.target));
        tmx.units.push(tu);
    }
    Ok(tmx)
}

/// [`export_tmx`] written to a file.
///
/// # Errors
///
/// As [`export_tmx`], and [`Error::Io`] when the file cannot be written.
pub fn export_tmx_file(
    store: &dyn Store,
    source_lang: &LanguageIdentifier,
    target_lang: &LanguageIdentifier,
    path: &Path,
) -> Result<usize> {
    let tmx = export_tmx(store, source_lang, target_lang)?;
    tmx.to_path(path).map_err(|e| match e {
        Error::Io { .. } => e,
        other => other.with_file(path),
    })?;
    Ok(tmx.units.len())
}

#[cfg(test)]
mod tests {
    use super::tm_lang;

    #[test]
    fn tm_languages_drop_the_region() {
        let key = |s: &str| tm_lang(&s.parse().unwrap());
        assert_eq!(key("en-US"), "en");
        assert_eq!(key("ko"), "ko");
        assert_eq!(key("zh-Hant-TW"), "zh-Hant");
        assert_eq!(key("EN_gb"), "en");
    }
}
