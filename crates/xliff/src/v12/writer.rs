//! The XLIFF 1.2 writer.

use crate::document::{
    Attr, Candidate, Code, CodeKind, CodeTag, Content, Data, Document, File, Group, Inline, Item,
    Marker, MetaGroup, MetaItem, Metadata, Note, Part, Raw, Segment, Space, State, Unit, Version,
};
use crate::error::Error;
use crate::list::List;
use crate::str::Str;
use crate::xml::{escape_text, split_name, write_attr};

const NS: &str = crate::ns::XLIFF_12;
const MDA_NS: &str = crate::ns::MDA;
/// The namespace in which the 2.x writer records 1.2 values 2.x has no
/// place for (see `v2::writer::NS_NLX`); bound to the prefix `nlx` on the
/// root of what it writes.
const NLX_NS: &str = crate::ns::NEWSLOC;

/// The prefixes the document's root binds to [`NLX_NS`] (`nlx` as the 2.x
/// writer wrote it, or whatever a tool renamed it to): the records are
/// found by their namespace, not by a prefix.
#[derive(Clone)]
struct Carry(Vec<Str>);

/// The names the 2.x writer records values under (`s0`, `s1`, ... are the
/// attributes of segments by index).
fn is_record_name(local: &str) -> bool {
    const NAMES: [&str; 18] = [
        "attrs",
        "ctype",
        "datatype",
        "id",
        "lang",
        "made",
        "madeMid",
        "native",
        "noId",
        "noSrcLang",
        "noTrgLang",
        "ns12",
        "restype",
        "rid",
        "source",
        "srcLang",
        "target",
        "trgLang",
    ];
    NAMES.contains(&local)
        || local
            .strip_prefix('s')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

impl Carry {
    fn of(doc: &Document) -> Carry {
        Carry(
            doc.attrs
                .iter()
                .filter(|a| &*a.value == NLX_NS)
                .filter_map(|a| a.name.strip_prefix("xmlns:").map(Str::from))
                .collect(),
        )
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `name` is a record (`nlx:id`, ...): one of the names the
    /// 2.x writer records, in its namespace. (newsloc's own metadata
    /// shares the namespace, under other names: `nl:article`, ...)
    fn is_record(&self, name: &str) -> bool {
        let (prefix, local) = split_name(name);
        !prefix.is_empty() && is_record_name(local) && self.0.iter().any(|p| **p == *prefix)
    }

    /// The value of the record `name` (`nlx:{name}`) in `attrs`.
    fn get<'a>(&self, attrs: &'a [Attr], name: &str) -> Option<&'a str> {
        attrs
            .iter()
            .find(|a| split_name(&a.name).1 == name && self.is_record(&a.name))
            .map(|a| &*a.value)
    }

    /// Removes the records from a list.
    fn strip(&self, attrs: &mut List<Attr>) {
        attrs.retain(|a| !self.is_record(&a.name));
    }
}

/// Decodes an attribute list encoded by the 2.x writer (`name=value`
/// pairs separated by spaces, `%XX` escapes in values). Malformed escapes
/// are kept as they are.
fn decode_attrs(s: &str) -> List<Attr> {
    let mut out = Vec::new();
    for pair in s.split(' ').filter(|p| !p.is_empty()) {
        let Some((name, value)) = pair.split_once('=') else {
            continue;
        };
        let mut v = String::new();
        let mut rest = value;
        while let Some(i) = rest.find('%') {
            v.push_str(rest.get(..i).unwrap_or(""));
            let hex = rest.get(i + 1..i + 3);
            match hex
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
            {
                Some(c) => {
                    v.push(c);
                    rest = rest.get(i + 3..).unwrap_or("");
                }
                None => {
                    v.push('%');
                    rest = rest.get(i + 1..).unwrap_or("");
                }
            }
        }
        v.push_str(rest);
        out.push(Attr::new(name, v));
    }
    out.into()
}

/// The category of the metadata group in which the 2.x writer carries
/// verbatim 1.2 extension elements (see `v2::writer::RAW_CATEGORY`).
const RAW_CATEGORY: &str = "urn:newsloc:xliff:1:xml";

/// Takes the verbatim extension elements the 2.x writer carried in a
/// metadata group back out into the extension list, each at its place;
/// `None` when there are none.
fn uncarry(md: Option<&Metadata>, ext: &[Raw]) -> Option<(Option<Metadata>, List<Raw>)> {
    uncarry_with_header(md, ext).map(|(m, e, _)| (m, e))
}

/// As [`uncarry`], also giving back the `<header>` content carried (typed
/// `hN`).
#[allow(clippy::type_complexity)]
fn uncarry_with_header(
    md: Option<&Metadata>,
    ext: &[Raw],
) -> Option<(Option<Metadata>, List<Raw>, List<Raw>)> {
    let md = md?;
    let at = md
        .groups
        .iter()
        .position(|g| g.category.as_deref() == Some(RAW_CATEGORY))?;
    let mut md = md.clone();
    let group = md.groups.remove(at);
    let mut ext = ext.to_vec();
    let mut header = Vec::new();
    for item in group.items {
        if let MetaItem::Meta { kind, value } = item {
            if kind.starts_with('h') {
                header.push(Raw::new(value));
                continue;
            }
            let i = kind.parse().unwrap_or(usize::MAX).min(ext.len());
            ext.insert(i, Raw::new(value));
        }
    }
    let md = if md.groups.is_empty() && md.id.is_none() {
        None
    } else {
        Some(md)
    };
    Some((md, ext.into(), header.into()))
}

/// Puts back into codes what the 2.x writer recorded (`nlx:id`, `nlx:rid`,
/// `nlx:ctype`, `nlx:native`), and their native data from `data` (the
/// unit's `originalData`).
fn restore_content(c: &mut Content, data: &[Data], carry: &Carry) {
    for i in &mut c.0 {
        match i {
            Inline::Code(code) => restore_code(code, data, carry),
            Inline::Paired(code, inner) => {
                restore_code(code, data, carry);
                restore_content(inner, data, carry);
            }
            Inline::Marker(_, inner) => restore_content(inner, data, carry),
            _ => {}
        }
    }
}

fn restore_code(c: &mut Code, data: &[Data], carry: &Carry) {
    if let Some(id) = carry.get(c.attrs(), "id") {
        c.id = Some(id.into());
    }
    if let Some(k) = carry.get(c.attrs(), "ctype") {
        c.kind_name = Some(k.into());
    }
    if let Some(n) = carry.get(c.attrs(), "native") {
        c.native = Some(n.into());
    } else if c.native.as_deref().is_none()
        && let Some(d) = c
            .data_ref
            .as_deref()
            .and_then(|r| data.iter().find(|d| &*d.id == r))
    {
        let mut n = String::new();
        escape_text(&mut n, &d.text, &mut |_, _| {});
        c.native = Some(n.into());
    }
    if let Some(rid) = carry.get(c.attrs(), "rid") {
        c.start_ref = Some(rid.into());
    }
    carry.strip(&mut c.extra_mut().attrs);
}

/// A unit written by the 2.x writer from 1.2, with the 1.2 values it
/// recorded in `nlx:` attributes put back.
fn restore_unit(u: &Unit, carry: &Carry) -> (Unit, List<Attr>) {
    let mut u = u.clone();
    if let Some(k) = carry.get(&u.attrs, "restype") {
        u.kind = Some(k.into());
    }
    let extra = carry
        .get(&u.attrs, "attrs")
        .map(decode_attrs)
        .unwrap_or_default();
    if let Some(id) = carry.get(&u.attrs, "id") {
        u.id = id.into();
    }
    if let Some((m, e)) = uncarry(u.metadata.as_ref(), &u.extensions) {
        u.metadata = m;
        u.extensions = e;
    }
    let made_mid = carry.get(&u.attrs, "madeMid").map(str::to_owned);
    let src_lang = carry.get(&u.attrs, "srcLang").map(Str::from);
    let trg_lang = carry.get(&u.attrs, "trgLang").map(Str::from);
    let source = carry.get(&u.attrs, "source").map(decode_attrs);
    let target = carry.get(&u.attrs, "target").map(decode_attrs);
    let seg_attrs: Vec<Option<List<Attr>>> = (0..u.parts.len())
        .map(|i| carry.get(&u.attrs, &format!("s{i}")).map(decode_attrs))
        .collect();
    let data = std::mem::take(&mut u.original_data);
    let mut first = true;
    for (i, p) in u.parts.iter_mut().enumerate() {
        match p {
            Part::Segment(s) => {
                if made_mid.is_some() && s.id.as_deref() == made_mid.as_deref() {
                    s.id = None;
                }
                if let Some(Some(a)) = seg_attrs.get(i) {
                    s.extra_mut().attrs = a.clone();
                }
                if first {
                    first = false;
                    if src_lang.is_some() {
                        s.extra_mut().source_lang = src_lang.clone();
                    }
                    if trg_lang.is_some() {
                        s.extra_mut().target_lang = trg_lang.clone();
                    }
                    if let Some(a) = &source {
                        s.extra_mut().source_attrs = a.clone();
                    }
                    if let Some(a) = &target {
                        s.extra_mut().target_attrs = a.clone();
                    }
                }
                restore_content(&mut s.source, &data, carry);
                if let Some(t) = &mut s.target {
                    restore_content(t, &data, carry);
                }
            }
            Part::Ignorable(ig) => {
                restore_content(&mut ig.source, &data, carry);
                if let Some(t) = &mut ig.target {
                    restore_content(t, &data, carry);
                }
            }
        }
    }
    for c in &mut u.candidates {
        if let Some(r) = c.reference.as_deref().and_then(|r| r.strip_prefix('#')) {
            c.reference = Some(r.into());
        }
        if made_mid.is_some() && c.reference.as_deref() == made_mid.as_deref() {
            c.reference = None;
        }
        if let Some(l) = carry.get(&c.attrs, "lang") {
            let l = l.to_owned();
            c.attrs.push(Attr::new("xml:lang", l));
        }
        carry.strip(&mut c.attrs);
        restore_content(&mut c.source, &[], carry);
        restore_content(&mut c.target, &[], carry);
    }
    carry.strip(&mut u.attrs);
    (u, extra)
}

/// 1.2 `mtype` values of the specification.
const MTYPES: [&str; 32] = [
    "abbrev",
    "abbreviated-form",
    "abbreviation",
    "acronym",
    "appellation",
    "collocation",
    "common-name",
    "datetime",
    "equation",
    "expanded-form",
    "formula",
    "head-term",
    "initialism",
    "international-scientific-term",
    "internationalism",
    "logical-expression",
    "materials-management-unit",
    "name",
    "near-synonym",
    "part-number",
    "phrase",
    "phraseological-unit",
    "protected",
    "romanized-form",
    "seg",
    "set-phrase",
    "short-form",
    "sku",
    "standard-text",
    "symbol",
    "synonym",
    "term",
];

struct W<'d, 's> {
    /// The prefixes the root binds to [`NLX_NS`]: when there are any, the
    /// 1.2 values the 2.x writer recorded are put back.
    carry: Carry,
    /// Writing attributes the 2.x writer recorded from 1.2: unprefixed
    /// ones are 1.2 attributes too.
    all_attrs: bool,
    out: &'d mut String,
    /// Where the XML written goes as it is written (see
    /// [`spill`](crate::xml::spill)).
    spill: Option<&'s mut std::fs::File>,
    /// The document was read as 1.2: unprefixed attributes in `attrs`
    /// lists are 1.2 attributes and are written back.
    from12: bool,
    /// A character XML cannot hold was met (unit id).
    invalid: Option<String>,
    unit: Option<Str>,
    /// Start codes (by id) and end codes (by start id) of the flow being
    /// written that have no partner in it: written as isolated `<it>`,
    /// since `bx`/`ex` must pair within one `<source>` or `<target>`.
    lonely: Lonely,
}

#[derive(Default)]
struct Lonely {
    starts: Vec<Str>,
    ends: Vec<Str>,
}

/// Writes `doc` as XLIFF 1.2.
pub(crate) fn write(
    doc: &Document,
    out: &mut String,
    spill: Option<&mut std::fs::File>,
) -> Result<(), Error> {
    let mut w = W {
        out,
        spill,
        carry: Carry::of(doc),
        all_attrs: false,
        from12: doc.read_as() == Version::V1_2,
        invalid: None,
        unit: None,
        lonely: Lonely::default(),
    };
    w.document(doc)?;
    if let Some(unit) = w.invalid {
        return Err(Error::Unwritable {
            unit: Some(unit),
            message: "text holds a character XML 1.0 cannot represent (XLIFF 1.2 has no <cp>)"
                .into(),
        });
    }
    Ok(())
}

impl W<'_, '_> {
    fn keep(&self, name: &str) -> bool {
        (self.from12 || self.all_attrs || name.contains(':')) && !self.carry.is_record(name)
    }

    fn attrs(&mut self, attrs: &[Attr]) {
        self.attrs_allowing(attrs, &[]);
    }

    /// Writes the attributes kept (see [`W::keep`]), and also the 1.2
    /// attributes named in `also`, whatever the document's origin (an
    /// exporter building a 1.2 file sets `maxwidth`, `size-unit`, ...).
    fn attrs_allowing(&mut self, attrs: &[Attr], also: &[&str]) {
        for a in attrs {
            if self.keep(&a.name) || also.contains(&&*a.name) {
                write_attr(self.out, &a.name, &a.value);
            }
        }
    }

    /// Writes attributes the 2.x writer recorded from 1.2, unprefixed ones
    /// included.
    fn recorded_attrs(&mut self, attrs: &[Attr]) {
        for a in attrs {
            write_attr(self.out, &a.name, &a.value);
        }
    }

    fn opt(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            write_attr(self.out, name, v);
        }
    }

    fn text(&mut self, s: &str) {
        let mut bad = false;
        escape_text(self.out, s, &mut |_, _| bad = true);
        if bad && self.invalid.is_none() {
            self.invalid = Some(self.unit.as_deref().unwrap_or("").to_owned());
        }
    }

    fn raw(&mut self, r: &Raw) {
        self.out.push_str(r.as_str());
    }

    fn document(&mut self, doc: &Document) -> Result<(), Error> {
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        for r in &doc.prolog {
            self.raw(r);
            self.out.push('\n');
        }
        self.out.push_str("<xliff version=\"1.2\"");
        write_attr(self.out, "xmlns", NS);
        for a in &doc.attrs {
            // The 2.x writer's own declaration goes with its records; the
            // namespace under any other prefix (`nl`, a tool's `ns1`) may
            // be used by attributes that stay, and is kept.
            let ours = !self.carry.is_empty() && &*a.name == "xmlns:nlx";
            if &*a.name != "xmlns" && &*a.name != "version" && !ours && self.keep(&a.name) {
                write_attr(self.out, &a.name, &a.value);
            }
        }
        if let Some(prefixes) = self
            .carry
            .get(&doc.attrs, "ns12")
            .filter(|_| !self.carry.is_empty())
        {
            for p in prefixes.split(' ').filter(|p| !p.is_empty()) {
                write_attr(self.out, &format!("xmlns:{p}"), NS);
            }
        }
        self.out.push('>');
        for r in &doc.extensions {
            self.out.push('\n');
            self.raw(r);
        }
        for f in &doc.files {
            self.out.push('\n');
            self.file(doc, f)?;
        }
        self.out.push_str("\n</xliff>\n");
        for r in &doc.epilog {
            self.raw(r);
            self.out.push('\n');
        }
        Ok(())
    }

    fn file(&mut self, doc: &Document, f: &File) -> Result<(), Error> {
        // A document read from 1.2 is written as it was (a missing required
        // attribute stays missing); any other gets what 1.2 requires.
        let on = !self.carry.is_empty();
        let carry = self.carry.clone();
        let recorded = |name| carry.get(&f.attrs, name).filter(|_| on);
        let src = match self.from12 {
            true => f.src_lang.as_deref(),
            false if recorded("noSrcLang").is_some() => None,
            false => recorded("srcLang")
                .or(f.src_lang.as_deref())
                .or(doc.src_lang.as_deref()),
        };
        if src.is_none() && !self.from12 && recorded("noSrcLang").is_none() {
            return Err(Error::Unwritable {
                unit: None,
                message: "an XLIFF 1.2 <file> needs a source language".into(),
            });
        }
        self.out.push_str("<file");
        let original = f.original.as_deref().or(f.id.as_deref());
        let original = original.or(if self.from12 { None } else { Some("unknown") });
        self.opt("original", original);
        self.opt("source-language", src);
        let trg = f.trg_lang.as_deref();
        let trg = if self.from12 {
            trg
        } else if recorded("noTrgLang").is_some() {
            None
        } else if let Some(t) = recorded("trgLang") {
            Some(t)
        } else {
            trg.or(doc.trg_lang.as_deref())
        };
        self.opt("target-language", trg);
        let datatype = recorded("datatype").or(f.datatype.as_deref());
        let datatype = datatype.or(if self.from12 { None } else { Some("plaintext") });
        self.opt("datatype", datatype);
        self.attrs_allowing(&f.attrs, FILE_ATTRS);
        if let Some(a) = self
            .carry
            .get(&f.attrs, "attrs")
            .filter(|_| !self.carry.is_empty())
        {
            self.recorded_attrs(&decode_attrs(a));
        }
        self.out.push('>');
        let restored = uncarry_with_header(f.metadata.as_ref(), &f.extensions)
            .filter(|_| !self.carry.is_empty());
        let (metadata, extensions, header) = match &restored {
            Some((m, e, h)) if f.header.is_empty() => (m.as_ref(), e.as_slice(), h.as_slice()),
            _ => (
                f.metadata.as_ref(),
                f.extensions.as_slice(),
                f.header.as_slice(),
            ),
        };
        if self.from12 {
            for r in extensions {
                self.out.push('\n');
                self.raw(r);
            }
        }
        let to_header = !self.from12 && !extensions.is_empty();
        if !header.is_empty()
            || !f.notes.is_empty()
            || metadata.is_some()
            || to_header
            || f.skeleton.is_some()
        {
            self.out.push_str("\n<header>");
            // Schema order: XLIFF header elements and notes, then foreign
            // elements.
            self.children_in_schema_order(header, HEADER_ELEMENTS, &f.notes, metadata);
            if to_header {
                for r in extensions {
                    self.out.push('\n');
                    self.raw(r);
                }
            }
            self.out.push_str("\n</header>");
        }
        self.out.push_str("\n<body>");
        self.items(&f.items)?;
        self.out.push_str("\n</body>\n</file>");
        Ok(())
    }

    fn items(&mut self, items: &[Item]) -> Result<(), Error> {
        for i in items {
            self.out.push('\n');
            match i {
                Item::Unit(u) => {
                    self.unit(u)?;
                    crate::xml::spill(self.out, self.spill.as_deref_mut())?;
                }
                // The group the 2.x writer made for a file without units.
                Item::Group(g)
                    if !self.carry.is_empty() && self.carry.get(&g.attrs, "made").is_some() => {}
                Item::Group(g) => self.group(g)?,
                Item::Raw(r) => self.raw(r),
            }
        }
        Ok(())
    }

    fn group(&mut self, g: &Group) -> Result<(), Error> {
        self.out.push_str("<group");
        let id = self
            .carry
            .get(&g.attrs, "id")
            .filter(|_| !self.carry.is_empty());
        let no_id = !self.carry.is_empty() && self.carry.get(&g.attrs, "noId").is_some();
        self.opt("id", id.or(g.id.as_deref()).filter(|_| !no_id));
        self.opt("resname", g.name.as_deref());
        let kind = self
            .carry
            .get(&g.attrs, "restype")
            .filter(|_| !self.carry.is_empty());
        self.opt("restype", kind.or(g.kind.as_deref()));
        self.opt("translate", g.translate.map(yes_no));
        self.opt("xml:space", g.space.map(Space::as_str));
        self.attrs_allowing(&g.attrs, SIZE_ATTRS);
        if let Some(a) = self
            .carry
            .get(&g.attrs, "attrs")
            .filter(|_| !self.carry.is_empty())
        {
            self.recorded_attrs(&decode_attrs(a));
        }
        self.out.push('>');
        let restored =
            uncarry(g.metadata.as_ref(), &g.extensions).filter(|_| !self.carry.is_empty());
        let (metadata, extensions) = match &restored {
            Some((m, e)) => (m.as_ref(), e.as_slice()),
            None => (g.metadata.as_ref(), g.extensions.as_slice()),
        };
        self.children_in_schema_order(extensions, GROUP_ELEMENTS, &g.notes, metadata);
        self.items(&g.items)?;
        self.out.push_str("\n</group>");
        Ok(())
    }

    fn note(&mut self, n: &Note) {
        self.out.push_str("<note");
        self.opt("from", n.category.as_deref());
        if let Some(p) = n.priority {
            write_attr(self.out, "priority", &p.to_string());
        }
        if let Some(a) = n.applies_to {
            let v = match a.as_str() {
                "ignorable" => "general",
                other => other,
            };
            write_attr(self.out, "annotates", v);
        }
        self.attrs(&n.attrs);
        self.out.push('>');
        self.text(&n.text);
        self.out.push_str("</note>");
    }

    /// The children of a `<header>` or `<group>` in schema order: XLIFF
    /// elements kept verbatim (`xliff` names them), then notes and
    /// metadata, then foreign elements (comments and PIs stay in place).
    fn children_in_schema_order(
        &mut self,
        raws: &[Raw],
        xliff: &[&str],
        notes: &[Note],
        metadata: Option<&Metadata>,
    ) {
        let k = first_foreign(raws, xliff);
        for r in raws.get(..k).unwrap_or(&[]) {
            self.out.push('\n');
            self.raw(r);
        }
        for n in notes {
            self.out.push('\n');
            self.note(n);
        }
        if let Some(m) = metadata {
            self.out.push('\n');
            self.metadata(m);
        }
        for r in raws.get(k..).unwrap_or(&[]) {
            self.out.push('\n');
            self.raw(r);
        }
    }

    fn metadata(&mut self, m: &Metadata) {
        self.out.push_str("<mda:metadata");
        write_attr(self.out, "xmlns:mda", MDA_NS);
        self.opt("id", m.id.as_deref());
        self.out.push('>');
        for g in &m.groups {
            self.meta_group(g);
        }
        self.out.push_str("</mda:metadata>");
    }

    fn meta_group(&mut self, g: &MetaGroup) {
        self.out.push_str("<mda:metaGroup");
        self.opt("id", g.id.as_deref());
        self.opt("category", g.category.as_deref());
        self.opt("appliesTo", g.applies_to.map(|a| a.as_str()));
        self.out.push('>');
        for i in &g.items {
            match i {
                MetaItem::Meta { kind, value } => {
                    self.out.push_str("<mda:meta");
                    write_attr(self.out, "type", kind);
                    self.out.push('>');
                    self.text(value);
                    self.out.push_str("</mda:meta>");
                }
                MetaItem::Group(g) => self.meta_group(g),
            }
        }
        self.out.push_str("</mda:metaGroup>");
    }

    fn unit(&mut self, u: &Unit) -> Result<(), Error> {
        let restored;
        let (u, extra) = if !self.carry.is_empty() {
            restored = restore_unit(u, &self.carry);
            (&restored.0, restored.1.as_slice())
        } else {
            (u, &[][..])
        };
        self.unit = Some(u.id.clone());
        let segs: Vec<&Segment> = u.segments().collect();
        let first = segs.first().copied();
        let empty = Segment::default();
        let first = first.unwrap_or(&empty);
        // 1.2 has one state per trans-unit: the least advanced of the
        // segments that have a target (all the same in a unit read from 1.2).
        let lead = segs
            .iter()
            .filter(|s| s.target.is_some())
            .min_by_key(|s| s.state.unwrap_or(State::Initial))
            .copied()
            .unwrap_or(first);
        self.out.push_str("<trans-unit");
        write_attr(self.out, "id", &u.id);
        self.opt("resname", u.name.as_deref());
        self.opt("restype", u.kind.as_deref());
        self.opt("translate", u.translate.map(yes_no));
        self.opt("xml:space", u.space.map(Space::as_str));
        self.attrs_allowing(&u.attrs, SIZE_ATTRS);
        self.recorded_attrs(extra);
        let approved = first.attrs().iter().find(|a| &*a.name == "approved");
        match approved {
            Some(a) => write_attr(self.out, "approved", &a.value),
            None if lead.sub_state.is_none() && lead.state == Some(State::Final) => {
                write_attr(self.out, "approved", "yes");
            }
            None => {}
        }
        self.out.push('>');

        // Segmented when there are several parts, or the one segment came
        // from a <mrk mtype="seg"> (an id, or attributes of its own).
        let segmented = u.parts.len() > 1
            || first.id.is_some()
            || first.attrs().iter().any(|a| a.name.starts_with("mrk:"));
        let flows: Vec<&Content> = u.parts.iter().map(Part::source).collect();
        let g_ok = balanced(&u.parts, false);
        // <source>
        self.lonely = lonely(&u.parts, false);
        self.out.push_str("<source");
        self.opt("xml:lang", first.source_lang());
        self.opt("xml:space", first.source_space().map(Space::as_str));
        self.all_attrs = !self.carry.is_empty();
        self.attrs(first.source_attrs());
        self.all_attrs = false;
        self.out.push('>');
        for c in &flows {
            self.content(c, g_ok);
        }
        self.out.push_str("</source>");
        // A seg-source kept verbatim.
        for r in &u.extensions {
            if r.element_name()
                .is_some_and(|n| split_name(n).1 == "seg-source")
            {
                self.raw(r);
            }
        }
        if segmented {
            self.out.push_str("<seg-source>");
            for (i, p) in u.parts.iter().enumerate() {
                match p {
                    Part::Segment(s) => {
                        self.seg_mrk(s, i, "mrk:");
                        self.content(&s.source, g_ok);
                        self.out.push_str("</mrk>");
                    }
                    Part::Ignorable(ig) => self.content(&ig.source, g_ok),
                }
            }
            self.out.push_str("</seg-source>");
        }
        // <target>
        if u.parts.iter().any(|p| p.target().is_some()) {
            let tbalanced = balanced(&u.parts, true);
            self.lonely = lonely(&u.parts, true);
            self.out.push_str("<target");
            let approved = first.attrs().iter().any(|a| &*a.name == "approved");
            if let Some(state) = state12(lead, approved) {
                write_attr(self.out, "state", &state);
            }
            for a in first.attrs() {
                if &*a.name == "state-qualifier" {
                    write_attr(self.out, "state-qualifier", &a.value);
                }
            }
            self.opt("xml:lang", first.target_lang());
            self.opt("xml:space", first.target_space().map(Space::as_str));
            self.all_attrs = !self.carry.is_empty();
            self.attrs(first.target_attrs());
            self.all_attrs = false;
            self.out.push('>');
            for (i, p) in u.parts.iter().enumerate() {
                match p {
                    Part::Segment(s) => {
                        let Some(t) = &s.target else { continue };
                        if segmented {
                            self.seg_mrk(s, i, "target-mrk:");
                            self.content(t, tbalanced);
                            self.out.push_str("</mrk>");
                        } else {
                            self.content(t, tbalanced);
                        }
                    }
                    // Text between segments goes into the target too: its
                    // own target, or its source when it has none (as Okapi
                    // and Trados write it), so white space is not lost.
                    Part::Ignorable(ig) => match &ig.target {
                        Some(t) => self.content(t, tbalanced),
                        None if segmented => self.content(&ig.source, tbalanced),
                        None => {}
                    },
                }
            }
            self.out.push_str("</target>");
        }
        for c in &u.candidates {
            self.candidate(c);
        }
        for n in &u.notes {
            self.note(n);
        }
        let k = first_foreign(&u.extensions, UNIT_ELEMENTS);
        for (i, r) in u.extensions.iter().enumerate() {
            if let Some(m) = u.metadata.as_ref().filter(|_| i == k) {
                self.metadata(m);
            }
            if r.element_name()
                .is_some_and(|n| split_name(n).1 == "seg-source")
            {
                continue;
            }
            self.raw(r);
        }
        if let Some(m) = u.metadata.as_ref().filter(|_| k >= u.extensions.len()) {
            self.metadata(m);
        }
        self.out.push_str("</trans-unit>");
        self.unit = None;
        Ok(())
    }

    fn prefixed_attrs(&mut self, attrs: &[Attr], prefix: &str) {
        for a in attrs {
            if let Some(name) = a.name.strip_prefix(prefix).filter(|n| self.keep(n)) {
                write_attr(self.out, name, &a.value);
            }
        }
    }

    fn seg_mrk(&mut self, s: &Segment, index: usize, prefix: &str) {
        self.all_attrs = !self.carry.is_empty();
        self.seg_mrk_inner(s, index, prefix);
        self.all_attrs = false;
    }

    fn seg_mrk_inner(&mut self, s: &Segment, index: usize, prefix: &str) {
        self.out.push_str("<mrk mtype=\"seg\"");
        // A segment read from 1.2 without a mid stays without one; others
        // get one from their place, as CAT tools expect.
        match s.id.as_deref() {
            Some(mid) => write_attr(self.out, "mid", mid),
            None if self.from12 => {}
            None => write_attr(self.out, "mid", &(index + 1).to_string()),
        }
        if prefix == "mrk:" {
            for a in s.attrs() {
                let name = a.name.strip_prefix(prefix);
                if let Some(name) = name.filter(|n| *n == "comment" || self.keep(n)) {
                    write_attr(self.out, name, &a.value);
                }
            }
        } else {
            self.prefixed_attrs(s.attrs(), prefix);
        }
        self.out.push('>');
    }

    fn candidate(&mut self, c: &Candidate) {
        let raw = c.raw.as_ref().filter(|r| {
            r.element_name()
                .is_some_and(|n| split_name(n).1 == "alt-trans")
        });
        if let Some(r) = raw {
            self.raw(r);
            return;
        }
        self.out.push_str("<alt-trans");
        self.opt("mid", c.reference.as_deref());
        self.opt("origin", c.origin.as_deref());
        if let Some(q) = c.similarity.or(c.match_quality) {
            write_attr(self.out, "match-quality", &format!("{q}"));
        }
        for a in &c.attrs {
            if a.name.contains(':') && !a.name.starts_with("xmlns") {
                write_attr(self.out, &a.name, &a.value);
            }
        }
        self.out.push('>');
        if !c.source.is_empty() {
            self.out.push_str("<source>");
            self.content(&c.source, true);
            self.out.push_str("</source>");
        }
        self.out.push_str("<target>");
        self.content(&c.target, true);
        self.out.push_str("</target></alt-trans>");
    }

    fn content(&mut self, c: &Content, g_ok: bool) {
        for i in &c.0 {
            match i {
                Inline::Text(t) => self.text(t),
                Inline::Code(code) => self.code(code, g_ok),
                Inline::Paired(code, inner) => {
                    self.out.push_str("<g");
                    self.code_attrs(code, false);
                    if inner.is_empty() {
                        self.out.push_str("/>");
                    } else {
                        self.out.push('>');
                        self.content(inner, g_ok);
                        self.out.push_str("</g>");
                    }
                }
                Inline::Marker(m, inner) => {
                    self.marker_start(m);
                    self.content(inner, g_ok);
                    self.out.push_str("</mrk>");
                }
                Inline::Raw(r) => self.raw(r),
                // 2.x sm/em have no 1.2 form (limitation: dropped).
                _ => {}
            }
        }
    }

    fn marker_start(&mut self, m: &Marker) {
        self.out.push_str("<mrk");
        let mtype = match (m.kind.as_deref(), m.translate) {
            (Some(k), _) if self.from12 || MTYPES.contains(&k) || k.starts_with("x-") => {
                k.to_owned()
            }
            (Some("generic") | None, Some(false)) => "protected".to_owned(),
            (Some("generic") | None, _) => "x-generic".to_owned(),
            (Some(k), _) => format!("x-{}", k.replace(':', "-")),
        };
        // A 1.2 mrk read without its (required) mtype is written back so.
        if !(self.from12 && m.kind.is_none() && m.translate.is_none()) {
            write_attr(self.out, "mtype", &mtype);
        }
        self.opt("mid", m.id.as_deref());
        self.opt("comment", m.value.as_deref());
        self.attrs(&m.attrs);
        self.out.push('>');
    }

    fn is_lonely(&self, c: &Code) -> bool {
        match c.kind {
            CodeKind::Start => {
                c.id.as_deref()
                    .is_some_and(|id| self.lonely.starts.iter().any(|s| &**s == id))
            }
            CodeKind::End => c
                .start_ref
                .as_deref()
                .or(c.id.as_deref())
                .is_some_and(|id| self.lonely.ends.iter().any(|s| &**s == id)),
            _ => false,
        }
    }

    fn code(&mut self, c: &Code, g_ok: bool) {
        let native = c.native.as_deref();
        let (name, has_content) = match (c.tag, c.kind) {
            (CodeTag::G, CodeKind::Start) if g_ok => ("g-open", false),
            (CodeTag::G, CodeKind::End) if g_ok => {
                self.out.push_str("</g>");
                return;
            }
            (CodeTag::X, _) => ("x", false),
            (CodeTag::Bx, _) => ("bx", false),
            (CodeTag::Ex, _) => ("ex", false),
            (CodeTag::Ph12, _) => ("ph", true),
            (CodeTag::Bpt, _) => ("bpt", true),
            (CodeTag::Ept, _) => ("ept", true),
            (CodeTag::It, _) => ("it", true),
            (_, _) if c.isolated || self.is_lonely(c) => ("it", true),
            (_, CodeKind::Start) => (
                if native.is_some() { "bpt" } else { "bx" },
                native.is_some(),
            ),
            (_, CodeKind::End) => (
                if native.is_some() { "ept" } else { "ex" },
                native.is_some(),
            ),
            (_, _) => (if native.is_some() { "ph" } else { "x" }, native.is_some()),
        };
        if name == "g-open" {
            self.out.push_str("<g");
            self.code_attrs(c, false);
            self.out.push('>');
            return;
        }
        self.out.push('<');
        self.out.push_str(name);
        if name == "it" && !c.attrs().iter().any(|a| &*a.name == "pos") {
            write_attr(
                self.out,
                "pos",
                if c.kind == CodeKind::End {
                    "close"
                } else {
                    "open"
                },
            );
        }
        self.code_attrs(c, matches!(name, "bx" | "ex" | "bpt" | "ept"));
        match native.filter(|_| has_content) {
            Some(n) => {
                self.out.push('>');
                self.out.push_str(n);
                self.out.push_str("</");
                self.out.push_str(name);
                self.out.push('>');
            }
            _ => self.out.push_str("/>"),
        }
    }

    fn code_attrs(&mut self, c: &Code, rid: bool) {
        // A code read from 1.2 keeps its attributes as they were; one from
        // 2.x (an `ec` has only `startRef`) gets the id 1.2 requires.
        let id = match c.tag {
            CodeTag::Any | CodeTag::Ph | CodeTag::Pc | CodeTag::Sc | CodeTag::Ec | CodeTag::G => {
                c.id.as_deref().or(c.start_ref.as_deref())
            }
            _ => c.id.as_deref(),
        };
        self.opt("id", id);
        let read_from_12 = c.tag.is_v12_empty();
        if read_from_12 {
            self.opt("rid", c.start_ref.as_deref());
        } else if rid {
            // Built in code or read from 2.x: pair the start and the end
            // with `rid` on both (1.2 checks that every `ex`/`ept` `rid`
            // names a `bx`/`bpt` `rid`).
            self.opt("rid", c.start_ref.as_deref().or(c.id.as_deref()));
        }
        if let Some(k) = c.kind_name.as_deref() {
            let is12 = c.tag.is_v12();
            let v = if is12
                || k.starts_with("x-")
                || matches!(
                    k,
                    "image" | "link" | "bold" | "italic" | "underlined" | "lb" | "pb"
                ) {
                k.to_owned()
            } else {
                format!("x-{}", k.replace(':', "-"))
            };
            write_attr(self.out, "ctype", &v);
        }
        self.opt("equiv-text", c.equiv.as_deref());
        for a in c.attrs() {
            if self.from12 || a.name.contains(':') {
                write_attr(self.out, &a.name, &a.value);
            }
        }
    }
}

/// 1.2 `<file>` attributes written whatever the document's origin.
const FILE_ATTRS: &[&str] = &[
    "tool-id",
    "date",
    "category",
    "product-name",
    "product-version",
    "build-num",
];
/// 1.2 size and presentation attributes of `<group>` and `<trans-unit>`
/// written whatever the document's origin.
const SIZE_ATTRS: &[&str] = &[
    "maxwidth",
    "minwidth",
    "maxheight",
    "minheight",
    "size-unit",
    "charclass",
    "datatype",
    "phase-name",
    "reformat",
    "extradata",
    "help-id",
    "menu",
    "menu-option",
    "menu-name",
    "coord",
    "font",
    "css-style",
    "style",
    "exstyle",
    "extype",
    "ts",
];

/// XLIFF elements that may precede notes and foreign elements in a header.
const HEADER_ELEMENTS: &[&str] = &[
    "skl",
    "phase-group",
    "glossary",
    "reference",
    "count-group",
    "prop-group",
    "tool",
];
/// XLIFF elements kept verbatim in a group, before its notes.
const GROUP_ELEMENTS: &[&str] = &["context-group", "count-group", "prop-group"];
/// XLIFF elements kept verbatim in a trans-unit, before foreign ones.
const UNIT_ELEMENTS: &[&str] = &[
    "context-group",
    "count-group",
    "prop-group",
    "seg-source",
    "note",
];

/// The index of the first raw item that is an element other than the named
/// XLIFF ones (comments and PIs stay where they are).
fn first_foreign(raws: &[Raw], xliff: &[&str]) -> usize {
    raws.iter()
        .position(|r| {
            r.element_name()
                .is_some_and(|n| !xliff.contains(&split_name(n).1))
        })
        .unwrap_or(raws.len())
}

/// The start and end codes (not read from 1.2 as such) of a unit's source
/// or target flow that have no partner in it.
fn lonely(parts: &[Part], target: bool) -> Lonely {
    fn walk<'c>(c: &'c Content, starts: &mut Vec<&'c str>, ends: &mut Vec<&'c str>) {
        for i in &c.0 {
            match i {
                Inline::Code(code) if !code.isolated && !code.tag.is_v12_empty() => match code.kind
                {
                    CodeKind::Start => starts.extend(code.id.as_deref()),
                    CodeKind::End => ends.extend(code.start_ref.as_deref().or(code.id.as_deref())),
                    _ => {}
                },
                Inline::Paired(_, inner) | Inline::Marker(_, inner) => walk(inner, starts, ends),
                _ => {}
            }
        }
    }
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    for p in parts {
        let flow = match (p, target) {
            (Part::Segment(s), false) => Some(&s.source),
            (Part::Segment(s), true) => s.target.as_ref(),
            (Part::Ignorable(i), false) => Some(&i.source),
            (Part::Ignorable(i), true) => i.target.as_ref().or(Some(&i.source)),
        };
        if let Some(flow) = flow {
            walk(flow, &mut starts, &mut ends);
        }
    }
    Lonely {
        starts: starts
            .iter()
            .filter(|s| !ends.contains(s))
            .map(|s| Str::from(*s))
            .collect(),
        ends: ends
            .iter()
            .filter(|e| !starts.contains(e))
            .map(|e| Str::from(*e))
            .collect(),
    }
}

use crate::value::yes_no_str as yes_no;

/// The 1.2 `state` to write for a unit whose first segment is `s`.
fn state12(s: &Segment, approved: bool) -> Option<String> {
    match s.sub_state.as_deref() {
        Some(sub) if sub.starts_with("xlf12:") => {
            return sub.strip_prefix("xlf12:").map(str::to_owned);
        }
        // Vendor states live in vendor attributes, kept verbatim.
        Some(sub) if sub.starts_with("sdl:") || sub.starts_with("mq:") => return None,
        // The state came from `approved` alone, written back as it was.
        None if approved => return None,
        _ => {}
    }
    Some(
        match s.state? {
            State::Initial => "needs-translation",
            State::Translated => "translated",
            State::Reviewed => "signed-off",
            State::Final => "final",
        }
        .to_owned(),
    )
}

/// Whether `g` start and end codes split by the reader nest properly, so
/// they can be written back as `<g>` ... `</g>`: pairs in order, and a
/// segment (written inside a `mrk`) never opens or closes one it does not
/// also close or open.
fn balanced(parts: &[Part], target: bool) -> bool {
    let mut stack: Vec<Option<&str>> = Vec::new();
    for p in parts {
        let (content, floor) = match (p, target) {
            (Part::Segment(s), false) => (Some(&s.source), Some(0)),
            (Part::Segment(s), true) => (s.target.as_ref(), Some(0)),
            (Part::Ignorable(i), false) => (Some(&i.source), None),
            // An ignorable without a target has its source written there.
            (Part::Ignorable(i), true) => (i.target.as_ref().or(Some(&i.source)), None),
        };
        let Some(content) = content else { continue };
        let base = stack.len();
        for i in &content.0 {
            if let Inline::Code(code) = i {
                match (code.tag, code.kind) {
                    (CodeTag::G, CodeKind::Start) => stack.push(code.id.as_deref()),
                    (CodeTag::G, CodeKind::End) => {
                        if floor.is_some() && stack.len() <= base {
                            return false;
                        }
                        if stack.pop() != Some(code.start_ref.as_deref()) {
                            return false;
                        }
                    }
                    _ => {}
                }
            }
        }
        if floor.is_some() && stack.len() != base {
            return false;
        }
    }
    stack.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Ignorable, Note};

    fn doc_with(unit: Unit, version: Version) -> Document {
        let mut doc = Document::new(version, "en", Some("fr"));
        let mut f = File::new("f1");
        f.items.push(Item::from(unit));
        doc.files.push(f);
        doc
    }

    fn written(doc: &Document) -> String {
        let mut out = String::new();
        write(doc, &mut out, None).unwrap();
        out
    }

    #[test]
    fn codes_from_2x_map_to_12_elements() {
        let mut u = Unit::new("u1");
        let mut c = Content::text("a");
        let mut pc = Code::paired("1");
        pc.tag = CodeTag::Pc;
        pc.kind_name = Some("fmt".into());
        c.push(Inline::Paired(pc.into(), Content::text("b")));
        let mut sc = Code::start("2");
        sc.tag = CodeTag::Sc;
        c.push(Inline::Code(sc.into()));
        let mut ec = Code::end("2");
        ec.tag = CodeTag::Ec;
        c.push(Inline::Code(ec.into()));
        let mut ph = Code::standalone("3");
        ph.tag = CodeTag::Ph;
        ph.equiv = Some("{x}".into());
        c.push(Inline::Code(ph.into()));
        let mut m = Marker::protected("m1");
        m.kind = Some("generic".into());
        c.push(Inline::Marker(m.into(), Content::text("AP")));
        u.push_segment(Segment::new(Some("s1"), c));
        let out = written(&doc_with(u, Version::V2_0));
        assert!(
            out.contains(r#"<g id="1" ctype="x-fmt">b</g><bx id="2" rid="2"/><ex id="2" rid="2"/><x id="3" equiv-text="{x}"/><mrk mtype="protected" mid="m1">AP</mrk>"#),
            "{out}"
        );
    }

    #[test]
    fn states_from_2x_are_written_as_12_states() {
        for (state, expected) in [
            (State::Initial, r#"state="needs-translation""#),
            (State::Translated, r#"state="translated""#),
            (State::Reviewed, r#"state="signed-off""#),
            (State::Final, r#"state="final""#),
        ] {
            let mut u = Unit::new("u1");
            let mut s = Segment::new(None, Content::text("a"));
            s.target = Some(Content::text("b"));
            s.state = Some(state);
            u.push_segment(s);
            let out = written(&doc_with(u, Version::V2_0));
            assert!(out.contains(expected), "{state:?}: {out}");
            assert_eq!(out.contains(r#"approved="yes""#), state == State::Final);
        }
    }

    #[test]
    fn empty_and_absent_targets_differ() {
        let mut u = Unit::new("u1");
        let mut s = Segment::new(None, Content::text("a"));
        s.target = Some(Content::new());
        u.push_segment(s);
        assert!(
            written(&doc_with(u, Version::V1_2)).contains("<source>a</source><target></target>")
        );
        let mut u = Unit::new("u1");
        u.push_segment(Segment::new(None, Content::text("a")));
        assert!(!written(&doc_with(u, Version::V1_2)).contains("<target"));
    }

    #[test]
    fn segments_and_ignorables_make_seg_source() {
        let mut u = Unit::new("p1");
        let mut s1 = Segment::new(Some("1"), Content::text("One."));
        s1.target = Some(Content::text("Un."));
        u.push_segment(s1);
        u.parts.push(Part::Ignorable(Ignorable {
            id: None,
            source: Content::text(" "),
            target: Some(Content::text(" ")),
        }));
        u.push_segment(Segment::new(Some("2"), Content::text("Two & <three>.")));
        u.notes.push(Note::new("para"));
        let out = written(&doc_with(u, Version::V1_2));
        assert!(
            out.contains("<source>One. Two &amp; &lt;three&gt;.</source>"),
            "{out}"
        );
        assert!(
            out.contains(r#"<seg-source><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two &amp; &lt;three&gt;.</mrk></seg-source>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<target><mrk mtype="seg" mid="1">Un.</mrk> </target>"#),
            "{out}"
        );
    }

    #[test]
    fn g_codes_crossing_a_segment_are_not_balanced() {
        let start = Code {
            kind: CodeKind::Start,
            tag: CodeTag::G,
            id: Some("1".into()),
            ..Code::default()
        };
        let end = Code {
            kind: CodeKind::End,
            tag: CodeTag::G,
            start_ref: Some("1".into()),
            ..Code::default()
        };
        let mut a = Content::text("x");
        a.push(Inline::Code(start.clone().into()));
        let mut b = Content::text("y");
        b.push(Inline::Code(end.clone().into()));
        let crossing = vec![
            Part::Segment(Segment::new(Some("1"), a)),
            Part::Segment(Segment::new(Some("2"), b)),
        ];
        assert!(!balanced(&crossing, false));
        let around = vec![
            Part::Ignorable(Ignorable {
                source: Content::from_iter([Inline::Code(start.into())]),
                ..Ignorable::default()
            }),
            Part::Segment(Segment::new(Some("1"), Content::text("z"))),
            Part::Ignorable(Ignorable {
                source: Content::from_iter([Inline::Code(end.into())]),
                ..Ignorable::default()
            }),
        ];
        assert!(balanced(&around, false));
        // unbalanced g codes are written as bx/ex, never as broken XML
        let mut u = Unit::new("u");
        u.parts = crossing.into();
        let out = written(&doc_with(u, Version::V1_2));
        assert!(
            out.contains(r#"<bx id="1" rid="1"/>"#) && out.contains(r#"<ex id="1" rid="1"/>"#),
            "{out}"
        );
    }

    #[test]
    fn start_and_end_codes_without_partner_in_the_unit_are_isolated() {
        // One trans-unit per sentence can cut a start/end pair: each half
        // is written as <it>, since bx/ex must pair within a <source>.
        let mut u = Unit::new("p1.s1");
        let mut c = Content::text("a ");
        c.push(Inline::Code(Code::start("c3").into()));
        c.push_text("b");
        u.push_segment(Segment::new(None, c));
        let out = written(&doc_with(u, Version::V2_0));
        assert!(
            out.contains(r#"<source>a <it pos="open" id="c3"/>b</source>"#),
            "{out}"
        );
        let mut u = Unit::new("p1.s2");
        let mut c = Content::text("c");
        c.push(Inline::Code(Code::end("c3").into()));
        u.push_segment(Segment::new(None, c));
        let out = written(&doc_with(u, Version::V2_0));
        assert!(
            out.contains(r#"<source>c<it pos="close" id="c3"/></source>"#),
            "{out}"
        );
    }

    #[test]
    fn size_attributes_are_written_for_any_document() {
        let mut u = Unit::new("headline");
        u.attrs.push(Attr::new("maxwidth", "80"));
        u.attrs.push(Attr::new("size-unit", "char"));
        u.attrs.push(Attr::new("canResegment", "no"));
        u.push_segment(Segment::new(None, Content::text("a")));
        let out = written(&doc_with(u, Version::V2_0));
        assert!(
            out.contains(r#"<trans-unit id="headline" maxwidth="80" size-unit="char">"#),
            "{out}"
        );
    }

    #[test]
    fn text_xml_cannot_hold_is_an_error() {
        let mut u = Unit::new("u9");
        u.push_segment(Segment::new(None, Content::text("a\u{1}b")));
        let mut out = String::new();
        let e = write(&doc_with(u, Version::V1_2), &mut out, None).unwrap_err();
        assert!(
            matches!(e, Error::Unwritable { unit: Some(ref u), .. } if u == "u9"),
            "{e}"
        );
    }

    #[test]
    fn recorded_attribute_lists_decode() {
        let a = decode_attrs("mq:segpart=10 equiv-trans=a%20b%25c%0Ad x:empty= bad %zz=1 v=%4");
        let got: Vec<(&str, &str)> = a.iter().map(|a| (&*a.name, &*a.value)).collect();
        assert_eq!(
            got,
            vec![
                ("mq:segpart", "10"),
                ("equiv-trans", "a b%c\nd"),
                ("x:empty", ""),
                ("%zz", "1"),
                ("v", "%4"),
            ]
        );
    }

    #[test]
    fn recorded_12_values_are_put_back() {
        let mut seg = Segment::new(Some("s1"), Content::text("Hi"));
        seg.target = Some(Content::text("Salut"));
        let mut unit = Unit::new("Promotional_Text");
        unit.attrs = List::from([
            Attr::new("nlx:id", "Promotional Text"),
            Attr::new("nlx:madeMid", "s1"),
            Attr::new("nlx:srcLang", "en-US"),
            Attr::new("nlx:target", "equiv-trans=no"),
        ]);
        unit.push_segment(seg);
        let mut doc = doc_with(unit, Version::V2_0);
        doc.attrs.push(Attr::new("xmlns:nlx", NLX_NS));
        let out = written(&doc);
        assert!(
            out.contains("<trans-unit id=\"Promotional Text\">"),
            "{out}"
        );
        assert!(
            out.contains("<source xml:lang=\"en-US\">Hi</source>"),
            "{out}"
        );
        assert!(
            out.contains("<target equiv-trans=\"no\">Salut</target>"),
            "{out}"
        );
        assert!(!out.contains("nlx"), "{out}");
        assert!(!out.contains("seg-source"), "{out}");
        // Without the namespace bound on the root, nlx: attributes are
        // ordinary vendor attributes.
        doc.attrs.clear();
        let out = written(&doc);
        assert!(out.contains("<trans-unit id=\"Promotional_Text\""), "{out}");
        assert!(out.contains("nlx:id=\"Promotional Text\""), "{out}");
    }
}
