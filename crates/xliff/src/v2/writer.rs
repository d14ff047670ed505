//! The XLIFF 2.x writer.
//!
//! Structure is indented one space per level; content (`source`, `target`,
//! `note`, `data`, `meta`) is written exactly, never indented. Values that
//! came from XLIFF 1.2 and have no 2.x place (unprefixed 1.2 attributes,
//! 1.2 header elements, unknown 1.2 inline elements) are left out; 1.2 code
//! types are mapped where 2.x has an equivalent.

use crate::list::List;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::reader::{NS_20, NS_22, NS_MDA, NS_MTC};
use crate::document::{
    Attr, Candidate, Code, CodeKind, Content, Data, Document, File, Group, Inline, Item, Marker,
    MetaGroup, MetaItem, Metadata, Note, Part, Raw, Space, Unit, Version,
};
use crate::error::{Error, Result};
use crate::value::is_nmtoken;
use crate::xml::{escape_text, spill, verbatim_ids, write_attr};

pub(crate) fn write(
    doc: &Document,
    version: Version,
    out: &mut String,
    mut spill: Option<&mut std::fs::File>,
) -> Result<()> {
    use std::io::Seek;
    let start = out.len();
    if write_pass(doc, version, out, spill.as_deref_mut(), false)? {
        return Ok(());
    }
    // A record needed `nlx` once XML had gone to the file without its
    // declaration: written again, declaring it from the start (where
    // `to_xml` inserts it, so the bytes are the same).
    out.truncate(start);
    if let Some(f) = spill.as_deref_mut() {
        f.set_len(0)
            .and_then(|()| f.rewind())
            .map_err(|source| Error::Io { path: None, source })?;
    }
    write_pass(doc, version, out, spill, true).map(|_| ())
}

/// One pass of [`write`], `declare`: whether the root declares `nlx`
/// whatever the records. False when the pass was given up: `nlx` was
/// found needed after the root's start tag had been spilled without it.
fn write_pass(
    doc: &Document,
    version: Version,
    out: &mut String,
    spill: Option<&mut std::fs::File>,
    declare: bool,
) -> Result<bool> {
    if !version.is_v2() {
        return Err(Error::Unwritable {
            unit: None,
            message: format!("the XLIFF 2 writer cannot write XLIFF {version}"),
        });
    }
    let ns = if version == Version::V2_2 {
        NS_22
    } else {
        NS_20
    };
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    for r in &doc.prolog {
        out.push_str(r.as_str());
        out.push('\n');
    }
    out.push_str("<xliff");
    write_attr(out, "xmlns", ns);
    write_attr(out, "version", version.as_str());
    let src = doc
        .src_lang
        .as_deref()
        .or_else(|| doc.files.iter().find_map(|f| f.src_lang.as_deref()))
        .filter(|l| !l.is_empty())
        .unwrap_or("und");
    write_attr(out, "srcLang", src);
    let trg = doc
        .trg_lang
        .as_deref()
        .or_else(|| doc.files.iter().find_map(|f| f.trg_lang.as_deref()))
        .or_else(|| {
            doc.units()
                .flat_map(Unit::segments)
                .find_map(|s| s.target_lang())
        })
        .filter(|l| !l.is_empty());
    // 2.x needs trgLang as soon as there is a target: a 1.2 file that
    // names no target language anywhere gets "und" (BCP 47 for
    // "undetermined"), and the absence is recorded for the 1.2 writer.
    let has_target = doc
        .units()
        .any(|u| u.parts.iter().any(|p| p.target().is_some()));
    let trg = trg.or(if has_target { Some("und") } else { None });
    if let Some(t) = trg {
        write_attr(out, "trgLang", t);
    }
    // A 1.2 document's prefixes bound to the 1.2 namespace (`<x:xliff
    // xmlns:x=...>`) are recorded instead of declared, for the 1.2 writer
    // to declare again. In a 2.x document such a prefix is just another
    // namespace, which verbatim elements may use: it is kept.
    let mut ns12 = String::new();
    for a in &doc.attrs {
        // Every other prefix declaration is kept: verbatim elements may
        // use it (even one bound to a 2.x namespace).
        let prefix = a.name.strip_prefix("xmlns:");
        if prefix.is_some()
            && &*a.value == Version::V1_2.namespace()
            && doc.read_as() == Version::V1_2
        {
            if !ns12.is_empty() {
                ns12.push(' ');
            }
            ns12.push_str(prefix.unwrap_or(""));
        } else if a.name.contains(':') && !(prefix == Some("nlx") && &*a.value == NS_NLX) {
            // (`xmlns:nlx` is written below when records need it; the same
            // namespace under another prefix, `nl` or a tool's `ns1`, is
            // kept, since attributes use that prefix.)
            write_attr(out, &a.name, &a.value);
        }
    }
    // A document read from what this writer wrote keeps its records (and
    // their namespace) when written as 2.x again.
    let declared = doc
        .attrs
        .iter()
        .any(|a| &*a.name == "xmlns:nlx" && &*a.value == NS_NLX);
    // Whether the root declares `nlx` is known once the body is written
    // (a record may need it), unless it is known now: the body is written
    // after the start tag, and a declaration found needed only then is
    // inserted into the tag.
    let known = declare || declared || !ns12.is_empty();
    if known {
        write_attr(out, "xmlns:nlx", NS_NLX);
    }
    if !ns12.is_empty() {
        write_attr(out, "nlx:ns12", &ns12);
    }
    let tag_end = out.len();
    out.push('>');
    let mut w = W {
        out,
        spill: Spilling {
            to: spill,
            tag_end,
            known,
            spilled: false,
            abandoned: false,
        },
        depth: 1,
        nlx: declared,
        from12: doc.read_as() == Version::V1_2,
        langs: std::rc::Rc::new((src.to_owned(), trg.map(str::to_owned))),
        parts: String::new(),
        ids: Default::default(),
    };
    for r in &doc.extensions {
        if version == Version::V2_2 && r.element_name() == Some("mda:metadata") {
            w.nl();
            w.out.push_str(r.as_str());
        } else {
            w.raw_misc(r);
        }
    }
    if version == Version::V2_2 {
        w.notes(&doc.notes);
    }
    for (i, f) in doc.files.iter().enumerate() {
        w.file(f, i)?;
    }
    if !w.declare_late() {
        return Ok(false);
    }
    out.push_str("\n</xliff>\n");
    for r in &doc.epilog {
        out.push_str(r.as_str());
        out.push('\n');
    }
    Ok(true)
}

/// How a writer hands its XML to a file as it goes (see [`spill`]).
#[derive(Default)]
struct Spilling<'s> {
    to: Option<&'s mut std::fs::File>,
    /// Where the root's start tag ends in the output, while it is there.
    tag_end: usize,
    /// The root's start tag declares `nlx`.
    known: bool,
    /// XML went to the file.
    spilled: bool,
    /// The pass is given up (see [`write_pass`]).
    abandoned: bool,
}

struct W<'o, 's> {
    out: &'o mut String,
    /// Where the XML written goes as it is written.
    spill: Spilling<'s>,
    depth: usize,
    /// True once something was recorded in [`NS_NLX`].
    nlx: bool,
    /// The document was read from 1.2.
    from12: bool,
    /// The `srcLang` and `trgLang` written on the root.
    langs: std::rc::Rc<(String, Option<String>)>,
    /// A unit's parts as they are written (kept from unit to unit).
    parts: String,
    /// Unit ids (0) and group ids (1) written in the current file.
    ids: [HashSet<String>; 2],
}

/// The namespace (prefix `nlx`) in which the 2.x writer records 1.2 values
/// that 2.x has no place for, so that the 1.2 writer can restore them:
/// original ids that are not NMTOKENs or not unique (`nlx:id`, `nlx:rid`),
/// per-file languages (`nlx:srcLang`, `nlx:trgLang` on `<file>`;
/// `nlx:noSrcLang`, `nlx:noTrgLang` for none), prefixes bound to the 1.2 namespace (`nlx:ns12` on
/// `<xliff>`), and on `<unit>` the languages and
/// attributes of the first `<source>`/`<target>` (`nlx:srcLang`,
/// `nlx:trgLang`, `nlx:source`, `nlx:target`), the attributes of each
/// segment (`nlx:s0`, `nlx:s1`, ... by part index) and a segment id made
/// up for a match to point at (`nlx:madeMid`).
pub(crate) const NS_NLX: &str = crate::ns::NEWSLOC;

/// The category of the metadata group in which the 2.x writer carries
/// verbatim 1.2 extension elements whose ids 2.x would refuse.
pub(crate) const RAW_CATEGORY: &str = "urn:newsloc:xliff:1:xml";

/// Encodes an attribute list into one attribute value: `name=value` pairs
/// separated by spaces, `%`, space, tab, CR and LF in values as `%25`,
/// `%20`, `%09`, `%0D`, `%0A`.
fn encode_attrs(attrs: &[Attr]) -> String {
    let mut out = String::new();
    for a in attrs {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&a.name);
        out.push('=');
        for c in a.value.chars() {
            match c {
                '%' | ' ' | '\t' | '\r' | '\n' => {
                    let _ = write!(out, "%{:02X}", c as u32);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// Makes a valid 2.x id (NMTOKEN) not in `used` from `base`, and records it
/// as used.
fn fresh_id(used: &mut HashSet<String>, base: &str) -> String {
    let mut clean: String = base
        .chars()
        .map(|c| {
            if is_nmtoken(c.encode_utf8(&mut [0; 4])) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() {
        clean.push('x');
    }
    let mut id = clean.clone();
    let mut n = 1;
    while used.contains(&id) {
        n += 1;
        id = format!("{clean}_{n}");
    }
    used.insert(id.clone());
    id
}

/// Attributes of 2.x core elements kept in `attrs` lists by the reader.
const FILE_ATTRS: &[&str] = &["canResegment", "srcDir", "trgDir", "xml:space"];
const GROUP_ATTRS: &[&str] = &["canResegment", "srcDir", "trgDir"];
const CODE_ATTRS: &[&str] = &["dir", "copyOf", "subFlows", "subFlowsStart", "subFlowsEnd"];
const TARGET_ATTRS: &[&str] = &["order"];
const MATCH_ATTRS: &[&str] = &["type", "subType", "reference", "matchSuitability"];
const DATA_ATTRS: &[&str] = &["dir", "xml:space"];

/// True for an attribute a 2.x element may carry: namespaced (not the
/// XLIFF core namespace under a prefix) or in `allowed`.
fn keep_attr(a: &Attr, allowed: &[&str]) -> bool {
    allowed.contains(&&*a.name) || (a.name.contains(':') && !a.name.starts_with("xlf:"))
}

/// True for verbatim XML a 2.x extension point accepts: comments, PIs and
/// elements in a namespace (prefixed, or declaring their own default).
fn raw_fits(r: &Raw) -> bool {
    match r.element_name() {
        None => true,
        Some(name) => {
            name.contains(':') || {
                let head = r.as_str().split('>').next().unwrap_or("");
                head.contains("xmlns=\"") || head.contains("xmlns='")
            }
        }
    }
}

fn write_text(out: &mut String, s: &str) {
    escape_text(out, s, &mut |o, c| {
        let _ = write!(o, "<cp hex=\"{:04X}\"/>", c as u32);
    });
}

fn write_text_no_cp(out: &mut String, s: &str) {
    escape_text(out, s, &mut |_, _| {});
}

/// Maps a 1.2 `ctype` to a 2.x (type, subType).
fn map_ctype(ctype: &str) -> (Option<&'static str>, Option<&'static str>) {
    match ctype {
        "bold" => (Some("fmt"), Some("xlf:b")),
        "italic" => (Some("fmt"), Some("xlf:i")),
        "underlined" => (Some("fmt"), Some("xlf:u")),
        "lb" => (Some("fmt"), Some("xlf:lb")),
        "pb" => (Some("fmt"), Some("xlf:pb")),
        "link" => (Some("link"), None),
        "image" => (Some("image"), None),
        "fmt" | "ui" | "quote" | "other" => (
            Some(match ctype {
                "fmt" => "fmt",
                "ui" => "ui",
                "quote" => "quote",
                _ => "other",
            }),
            None,
        ),
        _ => (None, None),
    }
}

/// Unescapes 1.2 native code XML to plain text for `originalData` (tags
/// such as `<sub>` dropped, references resolved).
fn native_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        if tail.starts_with('<') {
            rest = tail.find('>').and_then(|j| tail.get(j + 1..)).unwrap_or("");
        } else {
            let end = tail.find(';').unwrap_or(0);
            let name = tail.get(1..end).unwrap_or("");
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            match c {
                Some(c) if end > 0 => {
                    out.push(c);
                    rest = tail.get(end + 1..).unwrap_or("");
                }
                _ => {
                    out.push('&');
                    rest = tail.get(1..).unwrap_or("");
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// Per-unit writing state: generated original data and ids.
///
/// 2.x wants the ids of segments, ignorables, codes and markers unique in a
/// unit (a target code takes the id of its source code); 1.2 allows a code
/// to share the id of a segment, or of another code. Ids that clash or are
/// not NMTOKENs are replaced, the original kept in `nlx:id`.
#[derive(Default)]
struct UnitState {
    data: List<Data>,
    /// The document came from 1.2: ids are mapped (else kept as they are
    /// when valid).
    from12: bool,
    /// Every id given so far in the unit.
    used: HashSet<String>,
    /// Writing a target (else a source).
    target: bool,
    /// In the current part: for each original id, the ids given to its
    /// occurrences in the source, in order.
    source_ids: HashMap<String, Vec<String>>,
    /// In the current part's target: occurrences seen per original id.
    seen: HashMap<String, usize>,
    /// The id last given for an original id, in sources and in targets
    /// (an end code or marker takes its start's).
    last: [HashMap<String, String>; 2],
    /// The original start ids named by end codes, in sources and in
    /// targets (a 1.2 start code no end names is written isolated).
    ends: [HashSet<String>; 2],
}

/// The key by which 1.2 pairs a start code and an end code: their `rid`,
/// or their `id` when they have no `rid` (the two spaces kept apart: memoQ
/// writes `<bpt id="1">` and `<bpt id="2" rid="1">` in one source).
fn key12(c: &Code) -> Option<String> {
    match (c.start_ref.as_deref(), c.id.as_deref()) {
        (Some(r), _) => Some(format!("r:{r}")),
        (None, Some(i)) => Some(format!("i:{i}")),
        (None, None) => None,
    }
}

/// Adds to `out` the pairing keys of the end codes in `c`.
fn end_refs(c: &Content, out: &mut HashSet<String>) {
    for i in &c.0 {
        match i {
            Inline::Code(code) if code.kind == CodeKind::End && !code.isolated => {
                if let Some(k) = key12(code) {
                    out.insert(k);
                }
            }
            Inline::Paired(_, inner) | Inline::Marker(_, inner) => end_refs(inner, out),
            _ => {}
        }
    }
}

impl UnitState {
    /// The 2.x id for an inline element with original id `orig`; `start`
    /// for one an end element may refer to (not an isolated or
    /// standalone code).
    fn inline_id(&mut self, orig: Option<&str>, prefix: &str, start: bool) -> String {
        let Some(orig) = orig else {
            return fresh_id(&mut self.used, prefix);
        };
        if !self.from12 {
            if is_nmtoken(orig) {
                return orig.to_owned();
            }
            return fresh_id(&mut self.used, prefix);
        }
        let side = usize::from(self.target);
        let id = if self.target {
            let k = self.seen.entry(orig.to_owned()).or_insert(0);
            let paired = self.source_ids.get(orig).and_then(|v| v.get(*k)).cloned();
            *k += 1;
            match paired {
                Some(id) => id,
                None if is_nmtoken(orig) && !self.used.contains(orig) => {
                    self.used.insert(orig.to_owned());
                    orig.to_owned()
                }
                None => fresh_id(&mut self.used, orig),
            }
        } else {
            let id = if is_nmtoken(orig) && !self.used.contains(orig) {
                self.used.insert(orig.to_owned());
                orig.to_owned()
            } else {
                fresh_id(&mut self.used, orig)
            };
            self.source_ids
                .entry(orig.to_owned())
                .or_default()
                .push(id.clone());
            id
        };
        if start && let Some(last) = self.last.get_mut(side) {
            last.insert(orig.to_owned(), id.clone());
        }
        id
    }

    /// True when a start with original id (or `rid`) `orig` was written
    /// before on this side of the unit.
    fn started(&self, orig: &str) -> bool {
        self.last
            .get(usize::from(self.target))
            .is_some_and(|m| m.contains_key(orig))
    }

    /// True when an end code on this side of the unit has the pairing
    /// key `key` (see [`key12`]).
    fn ended(&self, key: &str) -> bool {
        self.ends
            .get(usize::from(self.target))
            .is_some_and(|e| e.contains(key))
    }

    /// Lets end elements find the start written as `id` by its 1.2 key
    /// (`rid`, or id).
    fn start_alias(&mut self, rid: &str, id: &str) {
        if let Some(m) = self.last.get_mut(usize::from(self.target)) {
            m.insert(rid.to_owned(), id.to_owned());
        }
    }

    /// The 2.x id an end element refers to for its start's original id.
    fn end_ref(&self, orig: &str) -> String {
        self.last
            .get(usize::from(self.target))
            .and_then(|m| m.get(orig))
            .cloned()
            .unwrap_or_else(|| orig.to_owned())
    }
}

impl W<'_, '_> {
    /// Declares `nlx` on the root when a record needs it and the root's
    /// start tag is still in the output; false when it is not (the pass is
    /// given up).
    fn declare_late(&mut self) -> bool {
        if self.nlx && !self.spill.known {
            if self.spill.spilled {
                self.spill.abandoned = true;
                return false;
            }
            let mut decl = String::new();
            write_attr(&mut decl, "xmlns:nlx", NS_NLX);
            self.out.insert_str(self.spill.tag_end, &decl);
            self.spill.known = true;
        }
        true
    }

    /// Between units: hands the XML written so far to the file, if any,
    /// once the root's start tag is whole.
    fn spill_point(&mut self) -> Result<()> {
        if self.spill.to.is_some() && self.declare_late() {
            self.spill.spilled |= spill(self.out, self.spill.to.as_deref_mut())?;
        }
        Ok(())
    }

    fn nl(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push(' ');
        }
    }

    fn raw_misc(&mut self, r: &Raw) {
        if r.element_name().is_none() {
            self.nl();
            self.out.push_str(r.as_str());
        }
    }

    fn raw(&mut self, r: &Raw) {
        if raw_fits(r) {
            self.nl();
            self.out.push_str(r.as_str());
        }
    }

    fn attrs(&mut self, attrs: &[Attr], allowed: &[&str]) {
        for a in attrs {
            if keep_attr(a, allowed) {
                write_attr(self.out, &a.name, &a.value);
            }
        }
    }

    /// For a document read from 1.2: records the attributes of `attrs`
    /// that 2.x has no place for (unprefixed 1.2 ones) in `nlx:attrs`.
    fn record_dropped(&mut self, attrs: &[Attr], allowed: &[&str]) {
        if !self.from12 {
            return;
        }
        let dropped: List<Attr> = attrs
            .iter()
            .filter(|a| !keep_attr(a, allowed))
            .cloned()
            .collect();
        if !dropped.is_empty() {
            self.record("attrs", &encode_attrs(&dropped));
        }
    }

    /// Writes `nlx:{name}="{value}"`.
    fn record(&mut self, name: &str, value: &str) {
        self.nlx = true;
        let name = format!("nlx:{name}");
        write_attr(self.out, &name, value);
    }

    /// Writes the id of a unit or group: the original when it is a valid
    /// and unused NMTOKEN, else a made one with the original recorded.
    fn item_id(&mut self, id: &str, group: bool) {
        let ids = &mut self.ids[usize::from(group)];
        if is_nmtoken(id) && !ids.contains(id) {
            ids.insert(id.to_owned());
            write_attr(self.out, "id", id);
        } else {
            let made = fresh_id(ids, id);
            write_attr(self.out, "id", &made);
            self.record("id", id);
        }
    }

    fn opt(&mut self, name: &str, v: Option<&str>) {
        if let Some(v) = v {
            write_attr(self.out, name, v);
        }
    }

    fn yes_no(&mut self, name: &str, v: Option<bool>) {
        if let Some(v) = v {
            write_attr(self.out, name, crate::value::yes_no_str(v));
        }
    }

    fn space(&mut self, v: Option<Space>) {
        if let Some(v) = v {
            write_attr(self.out, "xml:space", v.as_str());
        }
    }

    fn file(&mut self, f: &File, index: usize) -> Result<()> {
        self.nl();
        self.out.push_str("<file");
        match &f.id {
            Some(id) => write_attr(self.out, "id", id),
            None => {
                let id = format!("f{}", index + 1);
                write_attr(self.out, "id", &id);
            }
        }
        self.opt("original", f.original.as_deref());
        self.yes_no("translate", f.translate);
        self.attrs(&f.attrs, FILE_ATTRS);
        self.record_dropped(&f.attrs, FILE_ATTRS);
        if let Some(d) = f.datatype.as_deref().filter(|_| self.from12) {
            self.record("datatype", d);
        }
        match f.src_lang.as_deref() {
            Some(l) if l != self.langs.0 => self.record("srcLang", l),
            None if self.from12 => self.record("noSrcLang", "yes"),
            _ => {}
        }
        let root_trg = self.langs.1.clone();
        match (f.trg_lang.as_deref(), root_trg.as_deref()) {
            (Some(t), r) if Some(t) != r => self.record("trgLang", t),
            (None, Some(_)) if self.from12 => self.record("noTrgLang", "yes"),
            _ => {}
        }
        self.ids = Default::default();
        self.out.push('>');
        self.depth += 1;
        if let Some(s) = &f.skeleton
            && s.element_name().is_some_and(|n| n == "skeleton")
        {
            self.nl();
            self.out.push_str(s.as_str());
        }
        self.meta_and_ext(f.metadata.as_ref(), &f.extensions, &f.header);
        self.notes(&f.notes);
        let mut units = 0;
        self.items(&f.items, &mut units)?;
        if units == 0 {
            // 2.x requires a unit or group in every file.
            self.nl();
            self.out.push_str("<group id=\"empty\"");
            if self.from12 {
                self.record("made", "yes");
            }
            self.out.push_str("/>");
        }
        self.depth -= 1;
        self.nl();
        self.out.push_str("</file>");
        Ok(())
    }

    fn items(&mut self, items: &[Item], count: &mut usize) -> Result<()> {
        let mut group_no = 0;
        for item in items {
            match item {
                Item::Unit(u) => {
                    *count += 1;
                    self.unit(u)?;
                    self.spill_point()?;
                    if self.spill.abandoned {
                        return Ok(());
                    }
                }
                Item::Group(g) => {
                    *count += 1;
                    group_no += 1;
                    self.group(g, group_no)?;
                }
                Item::Raw(r) => self.raw_misc(r),
            }
        }
        Ok(())
    }

    fn group(&mut self, g: &Group, n: usize) -> Result<()> {
        self.nl();
        self.out.push_str("<group");
        match &g.id {
            Some(id) => self.item_id(id, true),
            None => {
                let id = fresh_id(&mut self.ids[1], &format!("g{n}"));
                write_attr(self.out, "id", &id);
                if self.from12 {
                    self.record("noId", "yes");
                }
            }
        }
        self.opt("name", g.name.as_deref());
        match g.kind.as_deref() {
            Some(k) if k.contains(':') => write_attr(self.out, "type", k),
            Some(k) if self.from12 => self.record("restype", k),
            _ => {}
        }
        self.yes_no("translate", g.translate);
        self.space(g.space);
        self.attrs(&g.attrs, GROUP_ATTRS);
        self.record_dropped(&g.attrs, GROUP_ATTRS);
        let empty = g.metadata.is_none()
            && g.extensions.is_empty()
            && g.notes.is_empty()
            && g.items.is_empty();
        if empty {
            self.out.push_str("/>");
            return Ok(());
        }
        self.out.push('>');
        self.depth += 1;
        self.meta_and_ext(g.metadata.as_ref(), &g.extensions, &[]);
        self.notes(&g.notes);
        let mut count = 0;
        self.items(&g.items, &mut count)?;
        self.depth -= 1;
        self.nl();
        self.out.push_str("</group>");
        Ok(())
    }

    fn notes(&mut self, notes: &[Note]) {
        if notes.is_empty() {
            return;
        }
        self.nl();
        self.out.push_str("<notes>");
        self.depth += 1;
        for n in notes {
            self.nl();
            self.out.push_str("<note");
            self.opt("id", n.id.as_deref().filter(|i| is_nmtoken(i)));
            if let Some(a) = n
                .applies_to
                .filter(|a| matches!(a.as_str(), "source" | "target"))
            {
                write_attr(self.out, "appliesTo", a.as_str());
            }
            self.opt("category", n.category.as_deref());
            if let Some(p) = n.priority.filter(|p| (1..=10).contains(p)) {
                write_attr(self.out, "priority", &p.to_string());
            }
            self.attrs(&n.attrs, &["ref"]);
            self.out.push('>');
            write_text_no_cp(self.out, &n.text);
            self.out.push_str("</note>");
        }
        self.depth -= 1;
        self.nl();
        self.out.push_str("</notes>");
    }

    /// Writes the metadata and the verbatim extension elements of a file,
    /// group or unit. 2.x wants the ids in extension elements unique in
    /// their parent (1.2 does not: Trados writes `<sdl:cxt id="1"/>` and
    /// `<sdl:node id="1"/>` side by side); an element read from 1.2 that
    /// would break this, or 1.2 text kept between elements, travels as
    /// text in a metadata group of category
    /// [`RAW_CATEGORY`], each `meta` typed with its place in the list.
    /// The content of a 1.2 `<header>` (`header`, files only) travels the
    /// same way, typed `hN`.
    fn meta_and_ext(&mut self, md: Option<&Metadata>, ext: &[Raw], header: &[Raw]) {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut keep = Vec::new();
        let mut carried = Vec::new();
        for (i, r) in header.iter().enumerate().filter(|_| self.from12) {
            carried.push(MetaItem::Meta {
                kind: format!("h{i}").into(),
                value: r.as_str().into(),
            });
        }
        for (i, r) in ext.iter().enumerate() {
            // Stray 1.2 text (matecat writes some inside <trans-unit>) has
            // no place in 2.x either.
            let text = !r.as_str().starts_with('<');
            if text && self.from12 {
                carried.push(MetaItem::Meta {
                    kind: i.to_string().into(),
                    value: r.as_str().into(),
                });
                continue;
            }
            if text {
                continue;
            }
            if !raw_fits(r) {
                // A 1.2 element (context-group, count-group, prop-group,
                // a seg-source kept verbatim): 2.x has no such element.
                if self.from12 && r.element_name().is_some() {
                    carried.push(MetaItem::Meta {
                        kind: i.to_string().into(),
                        value: r.as_str().into(),
                    });
                }
                continue;
            }
            if self.from12 && r.element_name().is_some() {
                let ids = verbatim_ids(r.as_str());
                let clash = ids.iter().enumerate().any(|(k, id)| {
                    seen.contains(id) || ids.get(..k).is_some_and(|b| b.contains(id))
                });
                if clash {
                    carried.push(MetaItem::Meta {
                        kind: i.to_string().into(),
                        value: r.as_str().into(),
                    });
                    continue;
                }
                seen.extend(ids);
            }
            keep.push(r);
        }
        if carried.is_empty() {
            if let Some(md) = md {
                self.metadata(md);
            }
        } else {
            self.nlx = true;
            let mut md = md.cloned().unwrap_or_default();
            let mut g = MetaGroup::new(Some(RAW_CATEGORY));
            g.items = carried.into();
            md.groups.push(g);
            self.metadata(&md);
        }
        for r in keep {
            self.raw(r);
        }
    }

    fn metadata(&mut self, md: &Metadata) {
        self.nl();
        self.out.push_str("<mda:metadata");
        write_attr(self.out, "xmlns:mda", NS_MDA);
        self.opt("id", md.id.as_deref());
        self.out.push('>');
        self.depth += 1;
        for g in &md.groups {
            self.meta_group(g);
        }
        self.depth -= 1;
        self.nl();
        self.out.push_str("</mda:metadata>");
    }

    fn meta_group(&mut self, g: &MetaGroup) {
        self.nl();
        self.out.push_str("<mda:metaGroup");
        self.opt("id", g.id.as_deref());
        self.opt("category", g.category.as_deref());
        if let Some(a) = g.applies_to.filter(|a| a.as_str() != "general") {
            write_attr(self.out, "appliesTo", a.as_str());
        }
        self.out.push('>');
        self.depth += 1;
        for i in &g.items {
            match i {
                MetaItem::Meta { kind, value } => {
                    self.nl();
                    self.out.push_str("<mda:meta");
                    write_attr(self.out, "type", kind);
                    self.out.push('>');
                    write_text_no_cp(self.out, value);
                    self.out.push_str("</mda:meta>");
                }
                MetaItem::Group(inner) => self.meta_group(inner),
            }
        }
        self.depth -= 1;
        self.nl();
        self.out.push_str("</mda:metaGroup>");
    }

    fn unit(&mut self, u: &Unit) -> Result<()> {
        self.nl();
        self.out.push_str("<unit");
        self.item_id(&u.id, false);
        self.opt("name", u.name.as_deref());
        match u.kind.as_deref() {
            Some(k) if k.contains(':') => write_attr(self.out, "type", k),
            Some(k) if self.from12 => self.record("restype", k),
            _ => {}
        }
        self.yes_no("translate", u.translate);
        self.space(u.space);
        self.attrs(&u.attrs, GROUP_ATTRS);
        self.record_dropped(&u.attrs, GROUP_ATTRS);
        let mut st = UnitState {
            from12: self.from12,
            ..UnitState::default()
        };
        for p in u.parts.iter().filter(|_| self.from12) {
            let [src, trg] = &mut st.ends;
            end_refs(p.source(), src);
            if let Some(t) = p.target() {
                end_refs(t, trg);
            }
        }
        for p in &u.parts {
            let id = match p {
                Part::Segment(s) => s.id.as_deref(),
                Part::Ignorable(i) => i.id.as_deref(),
            };
            if let Some(id) = id.filter(|i| is_nmtoken(i)) {
                st.used.insert(id.to_owned());
            }
        }
        // What 2.x does not allow on <source>, <target> and <segment>.
        let first = u.segments().next();
        if let Some(s) = first.filter(|_| self.from12) {
            if let Some(l) = s.source_lang().filter(|l| *l != self.langs.0) {
                self.record("srcLang", l);
            }
            let trg = self.langs.1.clone();
            if let Some(l) = s.target_lang().filter(|l| Some(*l) != trg.as_deref()) {
                self.record("trgLang", l);
            }
            if !s.source_attrs().is_empty() {
                self.record("source", &encode_attrs(s.source_attrs()));
            }
            if !s.target_attrs().is_empty() {
                self.record("target", &encode_attrs(s.target_attrs()));
            }
        }
        for (i, p) in u.parts.iter().enumerate() {
            if let Part::Segment(s) = p
                && self.from12
                && !s.attrs().is_empty()
            {
                self.record(&format!("s{i}"), &encode_attrs(s.attrs()));
            }
        }
        // A match must point at a segment: one without an id gets one.
        let mut made_mid = None;
        if u.candidates.iter().any(|c| c.reference.is_none())
            && first.is_some_and(|s| s.id.is_none())
        {
            let id = fresh_id(&mut st.used, "s1");
            self.record("madeMid", &id);
            made_mid = Some(id);
        }
        self.out.push('>');
        self.depth += 1;
        if !u.candidates.is_empty() {
            let target = made_mid.clone().or_else(|| {
                u.segments()
                    .find_map(|s| s.id.as_deref().map(str::to_owned))
            });
            self.matches(&u.candidates, target.as_deref());
        }
        self.meta_and_ext(u.metadata.as_ref(), &u.extensions, &[]);
        self.notes(&u.notes);
        // Parts first into a buffer: 1.2 native code data becomes
        // originalData, which must come before the segments.
        let mut parts = std::mem::take(&mut self.parts);
        parts.clear();
        {
            let mut pw = W {
                out: &mut parts,
                spill: Spilling::default(),
                depth: self.depth,
                nlx: false,
                from12: self.from12,
                langs: self.langs.clone(),
                parts: String::new(),
                ids: Default::default(),
            };
            if u.parts.is_empty() {
                pw.nl();
                pw.out.push_str("<segment><source/></segment>");
            }
            for (i, p) in u.parts.iter().enumerate() {
                let mid = made_mid.as_deref().filter(|_| i == 0);
                pw.part(p, mid, &mut st);
            }
            self.nlx |= pw.nlx;
        }
        if !u.original_data.is_empty() || !st.data.is_empty() {
            self.nl();
            self.out.push_str("<originalData>");
            self.depth += 1;
            for d in u.original_data.iter().chain(st.data.iter()) {
                self.nl();
                self.out.push_str("<data");
                write_attr(self.out, "id", &d.id);
                self.attrs(&d.attrs, DATA_ATTRS);
                self.out.push('>');
                write_text(self.out, &d.text);
                self.out.push_str("</data>");
            }
            self.depth -= 1;
            self.nl();
            self.out.push_str("</originalData>");
        }
        self.out.push_str(&parts);
        self.parts = parts;
        self.depth -= 1;
        self.nl();
        self.out.push_str("</unit>");
        Ok(())
    }

    fn matches(&mut self, cands: &[Candidate], segment: Option<&str>) {
        self.nl();
        self.out.push_str("<mtc:matches");
        write_attr(self.out, "xmlns:mtc", NS_MTC);
        self.out.push('>');
        self.depth += 1;
        for c in cands {
            if let Some(raw) = c
                .raw
                .as_ref()
                .filter(|r| r.element_name() == Some("mtc:match"))
            {
                self.nl();
                self.out.push_str(raw.as_str());
                continue;
            }
            self.nl();
            self.out.push_str("<mtc:match");
            self.opt("id", c.id.as_deref().filter(|i| is_nmtoken(i)));
            let r = match c.reference.as_deref().or(segment) {
                Some(r) if r.starts_with('#') => r.to_owned(),
                Some(r) => format!("#{r}"),
                None => "#1".to_owned(),
            };
            write_attr(self.out, "ref", &r);
            self.opt("origin", c.origin.as_deref());
            if let Some(s) = c.similarity {
                write_attr(self.out, "similarity", &s.to_string());
            }
            if let Some(q) = c.match_quality {
                write_attr(self.out, "matchQuality", &q.to_string());
            }
            for a in &c.attrs {
                if &*a.name == "xml:lang" {
                    // 2.x has no language on a match.
                    self.record("lang", &a.value);
                } else if keep_attr(a, MATCH_ATTRS) {
                    write_attr(self.out, &a.name, &a.value);
                }
            }
            self.out.push('>');
            // Content first: 1.2 native code data becomes the match's own
            // originalData.
            let mut st = UnitState {
                from12: self.from12,
                ..UnitState::default()
            };
            let mut body = String::new();
            {
                let mut bw = W {
                    out: &mut body,
                    spill: Spilling::default(),
                    depth: self.depth,
                    nlx: false,
                    from12: self.from12,
                    langs: self.langs.clone(),
                    parts: String::new(),
                    ids: Default::default(),
                };
                bw.out.push_str("<source>");
                bw.content(&c.source, &mut st);
                bw.out.push_str("</source><target>");
                st.target = true;
                st.seen.clear();
                bw.content(&c.target, &mut st);
                bw.out.push_str("</target></mtc:match>");
                self.nlx |= bw.nlx;
            }
            if !st.data.is_empty() {
                self.out.push_str("<originalData>");
                for d in &st.data {
                    self.out.push_str("<data");
                    write_attr(self.out, "id", &d.id);
                    self.out.push('>');
                    write_text(self.out, &d.text);
                    self.out.push_str("</data>");
                }
                self.out.push_str("</originalData>");
            }
            self.out.push_str(&body);
        }
        self.depth -= 1;
        self.nl();
        self.out.push_str("</mtc:matches>");
    }

    fn part(&mut self, p: &Part, made_mid: Option<&str>, st: &mut UnitState) {
        self.nl();
        st.target = false;
        st.source_ids.clear();
        st.seen.clear();
        match p {
            Part::Segment(s) => {
                self.out.push_str("<segment");
                let id = made_mid.or(s.id.as_deref().filter(|i| is_nmtoken(i)));
                self.opt("id", id);
                self.yes_no("canResegment", s.can_resegment());
                match (s.state, &s.sub_state) {
                    (Some(state), _) => write_attr(self.out, "state", state.as_str()),
                    (None, Some(_)) => write_attr(self.out, "state", "initial"),
                    (None, None) => {}
                }
                if let Some(ss) = s.sub_state.as_deref().filter(|v| v.contains(':')) {
                    write_attr(self.out, "subState", ss);
                }
                if !self.from12 {
                    self.attrs(s.attrs(), &[]);
                    self.out.push('>');
                    self.out.push_str("<source");
                    self.opt("xml:lang", s.source_lang());
                    self.space(s.source_space());
                    self.attrs(s.source_attrs(), &[]);
                    self.close_or_content(&s.source, "source", st);
                    if let Some(t) = &s.target {
                        st.target = true;
                        self.out.push_str("<target");
                        self.opt("xml:lang", s.target_lang());
                        self.space(s.target_space());
                        self.attrs(s.target_attrs(), TARGET_ATTRS);
                        self.close_or_content(t, "target", st);
                    }
                    self.out.push_str("</segment>");
                    return;
                }
                // From 1.2: segment attributes (mrk and source/target ones)
                // and languages other than the document's are recorded on
                // the unit: <segment>, <source> and <target> take no others.
                self.out.push('>');
                self.out.push_str("<source");
                let src = self.langs.0.clone();
                self.opt("xml:lang", s.source_lang().filter(|l| *l == src));
                self.space(s.source_space());
                self.close_or_content(&s.source, "source", st);
                if let Some(t) = &s.target {
                    st.target = true;
                    self.out.push_str("<target");
                    let trg = self.langs.1.clone();
                    self.opt(
                        "xml:lang",
                        s.target_lang().filter(|l| Some(*l) == trg.as_deref()),
                    );
                    self.space(s.target_space());
                    self.attrs(
                        &s.target_attrs()
                            .iter()
                            .filter(|a| TARGET_ATTRS.contains(&&*a.name))
                            .cloned()
                            .collect::<Vec<_>>(),
                        TARGET_ATTRS,
                    );
                    self.close_or_content(t, "target", st);
                }
                self.out.push_str("</segment>");
            }
            Part::Ignorable(i) => {
                self.out.push_str("<ignorable");
                self.opt("id", i.id.as_deref().filter(|i| is_nmtoken(i)));
                self.out.push_str("><source");
                self.close_or_content(&i.source, "source", st);
                if let Some(t) = &i.target {
                    st.target = true;
                    self.out.push_str("<target");
                    self.close_or_content(t, "target", st);
                }
                self.out.push_str("</ignorable>");
            }
        }
    }

    fn close_or_content(&mut self, c: &Content, name: &str, st: &mut UnitState) {
        if c.is_empty() {
            self.out.push_str("/>");
        } else {
            self.out.push('>');
            self.content(c, st);
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    fn content(&mut self, c: &Content, st: &mut UnitState) {
        for i in &c.0 {
            match i {
                Inline::Text(t) => write_text(self.out, t),
                Inline::Code(code) => self.code(code, None, st),
                Inline::Paired(code, inner) => self.code(code, Some(inner), st),
                Inline::Marker(m, inner) => {
                    self.out.push_str("<mrk");
                    self.marker_attrs(m, st);
                    if inner.is_empty() {
                        self.out.push_str("/>");
                    } else {
                        self.out.push('>');
                        self.content(inner, st);
                        self.out.push_str("</mrk>");
                    }
                }
                Inline::MarkerStart(m) => {
                    self.out.push_str("<sm");
                    self.marker_attrs(m, st);
                    self.out.push_str("/>");
                }
                Inline::MarkerEnd(r) => {
                    self.out.push_str("<em");
                    let r = st.end_ref(r);
                    write_attr(self.out, "startRef", &r);
                    self.out.push_str("/>");
                }
                Inline::Raw(r) => {
                    if r.element_name().is_none() {
                        self.out.push_str(r.as_str());
                    }
                }
            }
        }
    }

    fn marker_attrs(&mut self, m: &Marker, st: &mut UnitState) {
        let id = st.inline_id(m.id.as_deref(), "m1", true);
        write_attr(self.out, "id", &id);
        let protected = m.kind.as_deref() == Some("protected");
        let translate = if protected { Some(false) } else { m.translate };
        self.yes_no("translate", translate);
        let kind = m.kind.as_deref().filter(|k| {
            matches!(*k, "generic" | "comment" | "term")
                || k.split_once(':')
                    .is_some_and(|(p, v)| !p.is_empty() && !v.is_empty() && p != "xlf")
        });
        if kind == Some("comment") && m.value.is_some() == m.reference.is_some() {
            // a comment needs exactly one of value and ref: write generic
        } else {
            self.opt("type", kind);
        }
        self.opt("value", m.value.as_deref());
        self.opt("ref", m.reference.as_deref());
        self.attrs(&m.attrs, &[]);
    }

    fn code(&mut self, c: &Code, inner: Option<&Content>, st: &mut UnitState) {
        let from12 = c.tag.is_v12();
        let name = match (c.kind, inner) {
            (_, Some(_)) | (CodeKind::Paired, _) => "pc",
            (CodeKind::Start, None) => "sc",
            (CodeKind::End, None) => "ec",
            _ => "ph",
        };
        self.out.push('<');
        self.out.push_str(name);
        let raw_ref = c.start_ref.as_deref().or(c.id.as_deref());
        let key = if st.from12 {
            key12(c)
        } else {
            raw_ref.map(str::to_owned)
        };
        // A 1.2 end code whose start is not before it in the unit (`ept`
        // and `bpt` with different ids), or a start no end names, is
        // written isolated.
        let isolated = c.isolated
            || (name == "ec" && st.from12 && key.as_deref().is_none_or(|k| !st.started(k)))
            || (name == "sc" && st.from12 && !key.as_deref().is_some_and(|k| st.ended(k)));
        if name == "ec" && !isolated {
            if let Some(k) = key.as_deref() {
                let made = st.end_ref(k);
                write_attr(self.out, "startRef", &made);
                if Some(&*made) != raw_ref {
                    if let Some(id) = c.id.as_deref() {
                        self.record("id", id);
                    }
                    if let Some(rid) = c.start_ref.as_deref() {
                        self.record("rid", rid);
                    }
                }
            }
        } else {
            let start = name == "sc" && !isolated;
            let id = st.inline_id(c.id.as_deref(), "c1", start && !st.from12);
            write_attr(self.out, "id", &id);
            if let Some(orig) = c.id.as_deref().filter(|o| *o != id) {
                self.record("id", orig);
            }
            if let Some(key) = key.as_deref().filter(|_| start && st.from12) {
                st.start_alias(key, &id);
            }
            if isolated && matches!(name, "sc" | "ec") {
                write_attr(self.out, "isolated", "yes");
            }
        }
        // Data: 2.x references, or 1.2 native code turned into originalData.
        let mut data_ref = c.data_ref.as_deref().map(str::to_owned);
        if data_ref.is_none()
            && let Some(native) = c.native.as_deref().filter(|n| !n.is_empty())
        {
            let did = format!("d{}", st.data.len() + 1);
            st.data.push(Data::new(&did, &native_text(native)));
            data_ref = Some(did);
        }
        if from12 && st.from12 {
            // What originalData and type/subType do not give back exactly.
            if let Some(native) = c.native.as_deref() {
                let mut again = String::new();
                escape_text(&mut again, &native_text(native), &mut |_, _| {});
                if again != native {
                    self.record("native", native);
                }
            }
            if let Some(k) = c
                .kind_name
                .as_deref()
                .filter(|k| !matches!(*k, "link" | "image"))
            {
                self.record("ctype", k);
            }
        }
        if name == "pc" {
            self.opt("dataRefStart", data_ref.as_deref());
            self.opt("dataRefEnd", c.data_ref_end.as_deref());
        } else {
            self.opt("dataRef", data_ref.as_deref());
        }
        self.yes_no("canCopy", c.can_copy);
        self.yes_no("canDelete", c.can_delete);
        if name != "ph" {
            self.yes_no("canOverlap", c.can_overlap);
        }
        if let Some(r) = c.can_reorder {
            write_attr(self.out, "canReorder", r.as_str());
        }
        let (ty, sub) = if from12 {
            c.kind_name
                .as_deref()
                .map(map_ctype)
                .unwrap_or((None, None))
        } else {
            (None, None)
        };
        if from12 {
            self.opt("type", ty);
            self.opt("subType", sub);
        } else {
            self.opt("type", c.kind_name.as_deref());
            self.opt("subType", c.sub_type());
        }
        if name == "pc" {
            self.opt("dispStart", c.disp());
            self.opt("dispEnd", c.disp_end());
            self.opt("equivStart", c.equiv.as_deref());
            self.opt("equivEnd", c.equiv_end());
        } else {
            self.opt("disp", c.disp());
            self.opt("equiv", c.equiv.as_deref());
        }
        self.attrs(c.attrs(), if from12 { &[] } else { CODE_ATTRS });
        match inner {
            Some(inner) if !inner.is_empty() => {
                self.out.push('>');
                self.content(inner, st);
                self.out.push_str("</pc>");
            }
            _ => self.out.push_str("/>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_text_unescapes_and_drops_tags() {
        assert_eq!(
            native_text("&lt;b&gt; x<sub>y</sub>&#x41;&#66;&bogus"),
            "<b> xyAB&bogus"
        );
    }

    #[test]
    fn ctype_mapping() {
        assert_eq!(map_ctype("bold"), (Some("fmt"), Some("xlf:b")));
        assert_eq!(map_ctype("x-custom"), (None, None));
    }

    #[test]
    fn fresh_ids_are_nmtokens_not_used_before() {
        let mut used = HashSet::new();
        assert_eq!(fresh_id(&mut used, "Promotional Text"), "Promotional_Text");
        assert_eq!(
            fresh_id(&mut used, "Promotional Text"),
            "Promotional_Text_2"
        );
        assert_eq!(
            fresh_id(&mut used, "Promotional|Text"),
            "Promotional_Text_3"
        );
        assert_eq!(fresh_id(&mut used, ""), "x");
        assert!(used.contains("Promotional_Text_2"));
        assert!(is_nmtoken(&fresh_id(&mut used, "a \"q\" <b> & é")));
    }

    #[test]
    fn attribute_lists_encode_into_one_value() {
        let attrs = vec![
            Attr::new("mq:segpart", "10"),
            Attr::new("equiv-trans", "a b%c\nd"),
            Attr::new("x:empty", ""),
        ];
        assert_eq!(
            encode_attrs(&attrs),
            "mq:segpart=10 equiv-trans=a%20b%25c%0Ad x:empty="
        );
    }

    #[test]
    fn extension_ids_are_found_as_the_reader_finds_them() {
        let xml = "<sdl:cxts><sdl:cxt id=\"5\" /><sdl:node xml:id='n' sid=\"7\"/><a\nid=\"1\"/></sdl:cxts>";
        assert_eq!(verbatim_ids(xml), vec!["5", "n", "1"]);
        assert!(verbatim_ids("<a id=\"unterminated/>").is_empty());
    }

    #[test]
    fn codes_pair_by_rid_apart_from_ids() {
        let mut start = Code::start("2");
        start.start_ref = Some("1".into());
        assert_eq!(key12(&start).as_deref(), Some("r:1"));
        let mut end = Code::end("x");
        end.start_ref = None;
        end.id = Some("1".into());
        assert_eq!(key12(&end).as_deref(), Some("i:1"));
        end.id = None;
        assert_eq!(key12(&end), None);
    }

    #[test]
    fn ids_that_clash_in_a_unit_are_remapped_and_targets_follow() {
        let mut st = UnitState {
            from12: true,
            ..UnitState::default()
        };
        st.used.insert("1".into()); // a segment id
        let a = st.inline_id(Some("1"), "c1", false);
        let b = st.inline_id(Some("1"), "c1", false);
        assert_eq!((a.as_str(), b.as_str()), ("1_2", "1_3"));
        st.target = true;
        st.seen.clear();
        assert_eq!(st.inline_id(Some("1"), "c1", false), "1_2");
        assert_eq!(st.inline_id(Some("1"), "c1", false), "1_3");
        // a third occurrence in the target has no source partner
        assert_eq!(st.inline_id(Some("1"), "c1", false), "1_4");
    }
}
