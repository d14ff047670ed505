//! Reading a returned file as translators' tools write it: the lenient
//! XLIFF read, with what the reader worked around reported as findings and
//! only the rules the import cannot judge itself refusing the file.

use super::import::{Finding, FindingKind};
use crate::error::Result;
use crate::xliff::{Document, ProblemKind, Severity};

/// Reads a returned XLIFF file (bytes in any encoding XML allows) for
/// [`import`](crate::import).
///
/// This is the lenient read ([`Document::try_from_slice`]): a file a tool
/// bent in ways that keep the meaning still opens. Its warnings (a prefix
/// whose `xmlns` declaration the tool dropped, a `<!DOCTYPE>`) and the
/// errors the import checks for itself (target codes in another but
/// equivalent form: a `<pc>` returned as an `<sc>`/`<ec>` pair, whose ids
/// and order the import compares with the source's) come back as
/// findings, each with its line and column, for the import's report. Any
/// other broken rule refuses the file, as the strict read does.
///
/// # Errors
///
/// [`Error::Xliff`](crate::Error::Xliff): the file cannot be read, or it
/// breaks a rule the import does not judge (every such problem listed).
///
/// # Examples
///
/// ```
/// use newsloc::{FindingKind, read_returned};
/// // A tool dropped the declaration of newsloc's `nl` prefix.
/// let xml = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
///   <file original="a" source-language="en" target-language="ko" datatype="plaintext"
///     nl:article="a"><body><trans-unit id="p1"><source>Hi</source>
///   <target>안녕</target></trans-unit></body></file></xliff>"#;
/// let (doc, findings) = read_returned(xml.as_bytes())?;
/// assert_eq!(doc.units().count(), 1);
/// assert_eq!(findings[0].kind, FindingKind::ToolMarkup);
/// assert!(findings[0].message.starts_with("2:3:"), "{}", findings[0].message);
/// # Ok::<(), newsloc::Error>(())
/// ```
pub fn read_returned(bytes: &[u8]) -> Result<(Document, Vec<Finding>)> {
    let (doc, problems) = Document::try_from_slice(bytes)?;
    let (tolerated, refused): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|p| p.severity == Severity::Warning || p.kind == ProblemKind::TargetCodes);
    if refused.iter().any(|p| p.severity == Severity::Error) {
        return Err(crate::xliff::Error::Invalid { problems: refused }.into());
    }
    let findings = tolerated
        .into_iter()
        .map(|p| Finding {
            unit: p.location.unit.clone().unwrap_or_default(),
            kind: FindingKind::ToolMarkup,
            message: match p.location.position {
                Some(at) => format!("{at}: {}", p.message),
                None => p.message.clone(),
            },
        })
        .collect();
    Ok((doc, findings))
}
