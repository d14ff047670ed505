//! The rights invariant: a translation carries every credit and usage
//! restriction of its source, verbatim.

use crate::error::{Error, Location, Problem, Result};
use crate::model::Article;

use super::Format;
use crate::html::write::escape;
use crate::l10n::fixed::rights;

/// Checks that `translation` may be published as a translation of
/// `source`: it names `source` as its origin (id and version), and carries
/// every fixed part of it unchanged — each photo's credit, usage
/// restrictions and copyright verbatim (legal text), the story's credits,
/// copyright notice and usage terms, and the byline, update tag, dates,
/// agency and end mark — and, when it carries its source's fingerprint,
/// matches it.
///
/// # Errors
///
/// [`Error::Rejected`] listing every problem found.
///
/// # Examples
///
/// ```
/// use newsloc::{render, Article, Block, Credit, Photo, Text};
///
/// let mut source = Article::new("ferry", "en".parse().unwrap());
/// source.body.push(Block::Photo(Photo::new(Text::plain("A ferry."), Credit("Yonhap".into()))));
/// let mut ko = source.translate("ko".parse().unwrap(), [("photo1-caption", Text::plain("여객선."))])?;
/// assert!(render::check_rights(&ko, &source).is_ok());
///
/// if let Block::Photo(p) = &mut ko.body[0] {
///     p.credit = Credit("연합뉴스".into());
/// }
/// let err = render::check_rights(&ko, &source).unwrap_err();
/// assert!(err.to_string().contains("photo credit"));
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn check_rights(translation: &Article, source: &Article) -> Result<()> {
    let mut problems = Vec::new();
    match &translation.translation_of {
        Some(of) if of.id != source.id || of.version != source.version => {
            problems.push(problem(format!(
                "the translation was made from {} version {}, not from {} version {}",
                of.id, of.version, source.id, source.version
            )));
        }
        None => problems.push(problem(format!(
            "the article is not marked as a translation (of {} version {})",
            source.id, source.version
        ))),
        Some(_) => {}
    }
    // the fingerprint says more only when the fields themselves agree
    // (a translation of another story with the same id and version)
    let fixed = translation.check_fixed_fields(source);
    let checks = if fixed.is_ok() {
        [fixed, translation.check_fingerprint()]
    } else {
        [fixed, Ok(())]
    };
    for check in checks {
        let Err(e) = check else { continue };
        match e {
            Error::Rejected { problems: more } => problems.extend(more),
            other => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Rejected { problems })
    }
}

fn problem(message: String) -> Problem {
    Problem {
        location: Location::default(),
        message,
    }
}

/// Checks that rendered output shows every credit and restriction of
/// `source` verbatim (in the output's own escaping): a last guard against
/// a renderer dropping or altering legal text.
pub(crate) fn check_output(output: &str, source: &Article, format: Format) -> Result<()> {
    let mut problems = Vec::new();
    for right in rights(source) {
        let written = match format {
            Format::Html => escape(right),
            Format::Ninjs | Format::Json => {
                let quoted = serde_json::to_string(right).unwrap_or_default();
                quoted
                    .strip_prefix('"')
                    .and_then(|q| q.strip_suffix('"'))
                    .unwrap_or(&quoted)
                    .to_string()
            }
            Format::Wire => right.to_string(),
        };
        if !output.contains(&written) {
            problems.push(problem(format!(
                "the rendered {format} lacks \"{right}\" of the source, verbatim"
            )));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Rejected { problems })
    }
}
