//! Namespace URIs the readers and writers know, and how a prefix whose
//! declaration a tool dropped is bound again.

/// XLIFF 1.2 (the namespace 1.0 and 1.1 documents are read in as well).
pub(crate) const XLIFF_12: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// XLIFF 1.1.
pub(crate) const XLIFF_11: &str = "urn:oasis:names:tc:xliff:document:1.1";
/// XLIFF 1.0.
pub(crate) const XLIFF_10: &str = "urn:oasis:names:tc:xliff:document:1.0";
/// XLIFF 2.0 and 2.1 core.
pub(crate) const XLIFF_20: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// XLIFF 2.2 core.
pub(crate) const XLIFF_22: &str = "urn:oasis:names:tc:xliff:document:2.2";
/// The Metadata module.
pub(crate) const MDA: &str = "urn:oasis:names:tc:xliff:metadata:2.0";
/// The Translation Candidates module.
pub(crate) const MTC: &str = "urn:oasis:names:tc:xliff:matches:2.0";
/// The Change Tracking module.
pub(crate) const CTR: &str = "urn:oasis:names:tc:xliff:changetracking:2.0";
/// The Format Style module.
pub(crate) const FS: &str = "urn:oasis:names:tc:xliff:fs:2.0";
/// The Size and Length Restriction module.
pub(crate) const SLR: &str = "urn:oasis:names:tc:xliff:sizerestriction:2.0";
/// The Validation module.
pub(crate) const VAL: &str = "urn:oasis:names:tc:xliff:validation:2.0";
/// The Glossary module.
pub(crate) const GLS: &str = "urn:oasis:names:tc:xliff:glossary:2.0";
/// The Resource Data module.
pub(crate) const RES: &str = "urn:oasis:names:tc:xliff:resourcedata:2.0";
/// The ITS module (2.1).
pub(crate) const ITS: &str = "http://www.w3.org/2005/11/its";
/// The ITS module's XLIFF-specific attributes (2.1).
pub(crate) const ITSXLF: &str = "http://www.w3.org/ns/its-xliff/";
/// The Plural, Gender and Select module (2.2).
pub(crate) const PGS: &str = "urn:oasis:names:tc:xliff:pgs:1.0";
/// The `xml:` prefix, bound by definition.
pub(crate) const XML: &str = "http://www.w3.org/XML/1998/namespace";
/// newsloc's own metadata (prefix `nl`) and the namespace in which the
/// writers carry values the other version has no place for (prefix
/// `nlx`): one namespace, two customary prefixes.
pub(crate) const NEWSLOC: &str = "urn:newsloc:xliff:1";

/// memoQ's extensions to XLIFF 1.2 (`mq:status`, ...).
pub(crate) const MEMOQ: &str = "MQXliff";

/// The namespaces of XLIFF 1.x documents.
pub(crate) const XLIFF_1X: [&str; 3] = [XLIFF_12, XLIFF_11, XLIFF_10];

/// The namespace a well-known prefix stands for: those the XLIFF
/// specifications use for their modules, and newsloc's own.
///
/// (A prefix is only a name for a namespace: this is used to read a
/// document that uses a prefix without declaring it, never to find a
/// namespace's names.)
pub(crate) fn well_known(prefix: &str) -> Option<&'static str> {
    Some(match prefix {
        "mda" => MDA,
        "mtc" => MTC,
        "ctr" => CTR,
        "fs" => FS,
        "slr" => SLR,
        "val" => VAL,
        "gls" => GLS,
        "res" => RES,
        "its" => ITS,
        "itsxlf" => ITSXLF,
        "pgs" => PGS,
        "nl" | "nlx" => NEWSLOC,
        _ => return None,
    })
}

/// How a prefix used without a declaration in scope was bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rebound {
    /// The document declares the prefix elsewhere, always with this URI.
    Elsewhere(String),
    /// The prefix is a well-known one and the document never declares it.
    WellKnown(&'static str),
    /// The prefix is one an XLIFF module's namespace is known by, and the
    /// document never declares it: read in that namespace, but an error
    /// all the same (the module's elements and attributes are in no
    /// namespace as written, and the conformance suites count such files
    /// as invalid).
    Module(&'static str),
    /// The document declares the prefix elsewhere with different URIs.
    Ambiguous(Vec<String>),
    /// Declared nowhere, and not a well-known prefix.
    Unknown,
}

impl Rebound {
    /// Whether reading around it is only worth a warning: the document
    /// itself says what the prefix stands for, or it is newsloc's own.
    pub(crate) fn is_warning(&self) -> bool {
        matches!(self, Rebound::Elsewhere(_) | Rebound::WellKnown(_))
    }

    /// The URI the prefix is read as bound to, when there is one.
    pub(crate) fn uri(&self) -> Option<&str> {
        match self {
            Rebound::Elsewhere(u) => Some(u),
            Rebound::WellKnown(u) | Rebound::Module(u) => Some(u),
            Rebound::Ambiguous(_) | Rebound::Unknown => None,
        }
    }

    /// The problem's message for `what` (e.g. `attribute nl:hash`), whose
    /// prefix `prefix` is not declared where it is used.
    pub(crate) fn message(&self, prefix: &str, what: &str) -> String {
        match self {
            Rebound::Elsewhere(u) => format!(
                "namespace prefix {prefix} of {what} is not declared here; read as bound to {u}, as the document declares it elsewhere"
            ),
            Rebound::WellKnown(u) | Rebound::Module(u) => format!(
                "namespace prefix {prefix} of {what} is not declared; read as bound to {u}, the namespace this prefix stands for"
            ),
            Rebound::Ambiguous(us) => format!(
                "namespace prefix {prefix} of {what} is not declared here, and the document declares it with {} different namespaces ({})",
                us.len(),
                us.join(", ")
            ),
            Rebound::Unknown => format!("namespace prefix {prefix} of {what} is not declared"),
        }
    }
}

/// Binds `prefix`, used in `text` where no declaration of it is in scope:
/// to the one namespace the document declares for it elsewhere, else (when
/// the document never declares it) to the namespace of a well-known prefix.
///
/// The search looks at every `xmlns:prefix="..."` in the text, so it runs
/// once per undeclared prefix, never on a document that declares what it
/// uses.
pub(crate) fn rebind(text: &str, prefix: &str) -> Rebound {
    let needle = format!("xmlns:{prefix}");
    let mut uris: Vec<String> = Vec::new();
    let bytes = text.as_bytes();
    for at in memchr::memmem::find_iter(bytes, needle.as_bytes()) {
        // A whole attribute name: white space before, `=` after.
        let before_ok = at > 0 && matches!(bytes[at - 1], b' ' | b'\t' | b'\r' | b'\n');
        if !before_ok {
            continue;
        }
        let rest = text.get(at + needle.len()..).unwrap_or("");
        let rest = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        let Some(quote) = rest.chars().next().filter(|q| matches!(q, '"' | '\'')) else {
            continue;
        };
        let Some(end) = rest[1..].find(quote) else {
            continue;
        };
        let uri = &rest[1..1 + end];
        if !uri.is_empty() && !uri.contains('&') && !uris.iter().any(|u| u == uri) {
            uris.push(uri.to_owned());
        }
    }
    match uris.len() {
        0 => match well_known(prefix) {
            Some(NEWSLOC) => Rebound::WellKnown(NEWSLOC),
            Some(module) => Rebound::Module(module),
            None => Rebound::Unknown,
        },
        1 => Rebound::Elsewhere(uris.remove(0)),
        _ => Rebound::Ambiguous(uris),
    }
}

/// The prefixes a reader met where no declaration of them was in scope,
/// each with the namespace it was read as bound to (`None`: none could be
/// found, and the names stay in no known namespace).
#[derive(Debug, Default)]
pub(crate) struct Dropped(Vec<(String, Option<String>)>);

impl Dropped {
    /// The namespace `prefix` was bound to, when it was met undeclared and
    /// could be bound.
    pub(crate) fn uri(&self, prefix: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(p, _)| p == prefix)
            .and_then(|(_, u)| u.as_deref())
    }

    /// Binds `prefix` (of `what`, met undeclared in `text`) when first met:
    /// returns whether the problem to report is a warning (see
    /// [`Rebound::is_warning`]) and its message; `None` when the prefix was met before.
    pub(crate) fn bind(&mut self, text: &str, prefix: &str, what: &str) -> Option<(bool, String)> {
        if self.0.iter().any(|(p, _)| p == prefix) {
            return None;
        }
        let rebound = rebind(text, prefix);
        let message = rebound.message(prefix, what);
        let uri = rebound.uri().map(str::to_owned);
        let warning = rebound.is_warning();
        self.0.push((prefix.to_owned(), uri));
        Some((warning, message))
    }

    /// Declares on the root of `doc` every prefix that was bound, so that
    /// the document written again declares what it uses.
    pub(crate) fn declare_on(self, doc: &mut crate::document::Document) {
        for (prefix, uri) in self.0 {
            let Some(uri) = uri else { continue };
            let name = format!("xmlns:{prefix}");
            if !doc.attrs.iter().any(|a| *a.name == *name) {
                doc.attrs.push(crate::document::Attr::new(name, uri));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_declared_elsewhere_with_one_namespace_is_bound_to_it() {
        let t = r#"<a><b xmlns:x="urn:one"/><c xmlns:x = 'urn:one'/><d x:k="v"/></a>"#;
        assert_eq!(rebind(t, "x"), Rebound::Elsewhere("urn:one".into()));
    }

    #[test]
    fn a_prefix_declared_with_two_namespaces_is_ambiguous() {
        let t = r#"<a><b xmlns:nl="urn:one"/><c xmlns:nl="urn:two"/></a>"#;
        assert_eq!(
            rebind(t, "nl"),
            Rebound::Ambiguous(vec!["urn:one".into(), "urn:two".into()])
        );
    }

    #[test]
    fn well_known_prefixes_apply_only_when_the_document_never_declares_them() {
        assert_eq!(rebind("<a nl:k='v'/>", "nl"), Rebound::WellKnown(NEWSLOC));
        assert_eq!(rebind("<a mtc:k='v'/>", "mtc"), Rebound::Module(MTC));
        assert!(!Rebound::Module(MTC).is_warning());
        assert_eq!(rebind("<a q:k='v'/>", "q"), Rebound::Unknown);
        // Names that only contain the declaration's text do not count.
        assert_eq!(
            rebind(r#"<a xxmlns:q="urn:z" xmlns:qq="urn:y"/>"#, "q"),
            Rebound::Unknown
        );
        let own = r#"<a xmlns:nl="urn:theirs"><b/></a>"#;
        assert_eq!(rebind(own, "nl"), Rebound::Elsewhere("urn:theirs".into()));
    }
}
