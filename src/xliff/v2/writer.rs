//! The XLIFF 2.x writer.
//!
//! Structure is indented one space per level; content (`source`, `target`,
//! `note`, `data`, `meta`) is written exactly, never indented. Values that
//! came from XLIFF 1.2 and have no 2.x place (unprefixed 1.2 attributes,
//! 1.2 header elements, unknown 1.2 inline elements) are left out; 1.2 code
//! types are mapped where 2.x has an equivalent.

use std::fmt::Write as _;

use super::reader::{NS_20, NS_22, NS_MDA, NS_MTC, is_nmtoken};
use crate::error::{Error, Result};
use crate::xliff::document::{
    Attr, Candidate, Code, CodeKind, CodeTag, Content, Data, Document, File, Group, Inline, Item,
    Marker, MetaGroup, MetaItem, Metadata, Note, Part, Raw, Space, Unit, Version,
};
use crate::xliff::xml::{escape_text, write_attr};

pub(crate) fn write(doc: &Document, version: Version, out: &mut String) -> Result<()> {
    if !version.is_v2() {
        return Err(Error::Model {
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
        .unwrap_or("und");
    write_attr(out, "srcLang", src);
    let trg = doc
        .trg_lang
        .as_deref()
        .or_else(|| doc.files.iter().find_map(|f| f.trg_lang.as_deref()));
    if let Some(t) = trg {
        write_attr(out, "trgLang", t);
    }
    for a in &doc.attrs {
        // Every prefix declaration is kept: verbatim elements may use it
        // (even one bound to an XLIFF namespace).
        if a.name.contains(':') {
            write_attr(out, &a.name, &a.value);
        }
    }
    out.push('>');
    let mut w = W { out, depth: 1 };
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
    out.push_str("\n</xliff>\n");
    for r in &doc.epilog {
        out.push_str(r.as_str());
        out.push('\n');
    }
    Ok(())
}

struct W<'o> {
    out: &'o mut String,
    depth: usize,
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

fn is_12_tag(t: CodeTag) -> bool {
    matches!(
        t,
        CodeTag::X
            | CodeTag::G
            | CodeTag::Bx
            | CodeTag::Ex
            | CodeTag::Bpt
            | CodeTag::Ept
            | CodeTag::It
            | CodeTag::Ph12
    )
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
#[derive(Default)]
struct UnitState {
    data: Vec<Data>,
    next_id: usize,
}

impl W<'_> {
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

    fn opt(&mut self, name: &str, v: Option<&str>) {
        if let Some(v) = v {
            write_attr(self.out, name, v);
        }
    }

    fn yes_no(&mut self, name: &str, v: Option<bool>) {
        if let Some(v) = v {
            write_attr(self.out, name, if v { "yes" } else { "no" });
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
        self.out.push('>');
        self.depth += 1;
        if let Some(s) = &f.skeleton
            && s.element_name().is_some_and(|n| n == "skeleton")
        {
            self.nl();
            self.out.push_str(s.as_str());
        }
        if let Some(md) = &f.metadata {
            self.metadata(md);
        }
        for r in &f.extensions {
            self.raw(r);
        }
        self.notes(&f.notes);
        let mut units = 0;
        self.items(&f.items, &mut units)?;
        if units == 0 {
            // 2.x requires a unit or group in every file.
            self.nl();
            self.out.push_str("<group id=\"empty\"/>");
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
            Some(id) => write_attr(self.out, "id", id),
            None => {
                let id = format!("g{n}-{}", self.out.len());
                write_attr(self.out, "id", &id);
            }
        }
        self.opt("name", g.name.as_deref());
        if let Some(k) = g.kind.as_deref().filter(|k| k.contains(':')) {
            write_attr(self.out, "type", k);
        }
        self.yes_no("translate", g.translate);
        self.space(g.space);
        self.attrs(&g.attrs, GROUP_ATTRS);
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
        if let Some(md) = &g.metadata {
            self.metadata(md);
        }
        for r in &g.extensions {
            self.raw(r);
        }
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
        write_attr(self.out, "id", &u.id);
        self.opt("name", u.name.as_deref());
        if let Some(k) = u.kind.as_deref().filter(|k| k.contains(':')) {
            write_attr(self.out, "type", k);
        }
        self.yes_no("translate", u.translate);
        self.space(u.space);
        self.attrs(&u.attrs, GROUP_ATTRS);
        self.out.push('>');
        self.depth += 1;
        if !u.candidates.is_empty() {
            self.matches(&u.candidates);
        }
        if let Some(md) = &u.metadata {
            self.metadata(md);
        }
        for r in &u.extensions {
            self.raw(r);
        }
        self.notes(&u.notes);
        // Parts first into a buffer: 1.2 native code data becomes
        // originalData, which must come before the segments.
        let mut st = UnitState {
            data: Vec::new(),
            next_id: 0,
        };
        let mut parts = String::new();
        {
            let mut pw = W {
                out: &mut parts,
                depth: self.depth,
            };
            if u.parts.is_empty() {
                pw.nl();
                pw.out.push_str("<segment><source/></segment>");
            }
            for p in &u.parts {
                pw.part(p, u, &mut st);
            }
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
        self.depth -= 1;
        self.nl();
        self.out.push_str("</unit>");
        Ok(())
    }

    fn matches(&mut self, cands: &[Candidate]) {
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
            let r = match c.reference.as_deref() {
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
            self.attrs(&c.attrs, MATCH_ATTRS);
            self.out.push('>');
            let mut st = UnitState::default();
            self.out.push_str("<source>");
            self.content(&c.source, &mut st);
            self.out.push_str("</source><target>");
            self.content(&c.target, &mut st);
            self.out.push_str("</target></mtc:match>");
        }
        self.depth -= 1;
        self.nl();
        self.out.push_str("</mtc:matches>");
    }

    fn part(&mut self, p: &Part, u: &Unit, st: &mut UnitState) {
        let _ = u;
        self.nl();
        match p {
            Part::Segment(s) => {
                self.out.push_str("<segment");
                self.opt("id", s.id.as_deref().filter(|i| is_nmtoken(i)));
                self.yes_no("canResegment", s.can_resegment);
                match (s.state, &s.sub_state) {
                    (Some(state), _) => write_attr(self.out, "state", state.as_str()),
                    (None, Some(_)) => write_attr(self.out, "state", "initial"),
                    (None, None) => {}
                }
                if let Some(ss) = s.sub_state.as_deref().filter(|v| v.contains(':')) {
                    write_attr(self.out, "subState", ss);
                }
                self.attrs(&s.attrs, &[]);
                self.out.push('>');
                self.out.push_str("<source");
                self.opt("xml:lang", s.source_lang.as_deref());
                self.space(s.source_space);
                self.attrs(&s.source_attrs, &[]);
                self.close_or_content(&s.source, "source", st);
                if let Some(t) = &s.target {
                    self.out.push_str("<target");
                    self.opt("xml:lang", s.target_lang.as_deref());
                    self.space(s.target_space);
                    self.attrs(&s.target_attrs, TARGET_ATTRS);
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
                    write_attr(self.out, "startRef", r);
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
        match m.id.as_deref().filter(|i| is_nmtoken(i)) {
            Some(id) => write_attr(self.out, "id", id),
            None => {
                st.next_id += 1;
                let id = format!("m{}", st.next_id);
                write_attr(self.out, "id", &id);
            }
        }
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
        let from12 = is_12_tag(c.tag);
        let name = match (c.kind, inner) {
            (_, Some(_)) | (CodeKind::Paired, _) => "pc",
            (CodeKind::Start, None) => "sc",
            (CodeKind::End, None) => "ec",
            _ => "ph",
        };
        self.out.push('<');
        self.out.push_str(name);
        let id = c.id.as_deref().filter(|i| is_nmtoken(i));
        let end_ref = c.start_ref.as_deref().or(c.id.as_deref());
        if name == "ec" {
            if c.isolated {
                self.opt("id", id);
                write_attr(self.out, "isolated", "yes");
            } else if let Some(r) = end_ref {
                write_attr(self.out, "startRef", r);
            }
        } else {
            match id {
                Some(id) => write_attr(self.out, "id", id),
                None => {
                    st.next_id += 1;
                    let id = format!("c{}", st.next_id);
                    write_attr(self.out, "id", &id);
                }
            }
            if name == "sc" && c.isolated {
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
        self.attrs(&c.attrs, if from12 { &[] } else { CODE_ATTRS });
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
}
