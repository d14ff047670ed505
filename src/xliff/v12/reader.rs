//! The XLIFF 1.2 reader (also reads 1.0 and 1.1).

use std::collections::HashSet;

use quick_xml::events::{BytesStart, Event};

use crate::error::Error;
use crate::xliff::document::{
    AppliesTo, Attr, Candidate, Code, CodeKind, CodeTag, Content, Document, File, Group, Ignorable,
    Inline, Item, Marker, Note, Part, Raw, Segment, Space, State, Unit, Version,
};
use crate::xliff::encoding::SourceMap;
use crate::xliff::xml::{Ctx, Namespaces, XmlReader, attr_value, push_ref, split_name};

/// Namespaces of XLIFF 1.0 (none), 1.1 and 1.2.
const XLIFF_NAMESPACES: [&str; 3] = [
    "urn:oasis:names:tc:xliff:document:1.2",
    "urn:oasis:names:tc:xliff:document:1.1",
    "urn:oasis:names:tc:xliff:document:1.0",
];

/// Reads an XLIFF 1.x document from decoded text.
pub(crate) fn read(text: &str, map: &SourceMap) -> Result<Document, Error> {
    let mut p = Parser {
        r: XmlReader::new(Ctx { text, map }),
        ns: Namespaces::default(),
        legacy: false,
    };
    p.document()
}

struct Parser<'a> {
    r: XmlReader<'a>,
    ns: Namespaces,
    /// An XLIFF 1.0/1.1 document: missing and duplicate unit ids are
    /// tolerated (OmegaT and Okapi wrote such files).
    legacy: bool,
}

/// What an element is, once its namespace is known.
enum Kind<'n> {
    /// An XLIFF element with this local name.
    Xliff(&'n str),
    /// Any other element.
    Foreign,
}

/// A piece of a segmented flow (`seg-source`, segmented `target`).
enum Piece {
    Gap(Content),
    Seg(Box<Marker>, Content),
}

impl<'a> Parser<'a> {
    fn err(&self, at: usize, msg: impl Into<String>) -> Error {
        self.r.error_at(at, msg)
    }

    /// Opens an element: declares its namespaces, checks that every prefix
    /// it uses is declared, and returns its attributes (namespace
    /// declarations included) and what it is.
    fn open(
        &mut self,
        e: &BytesStart<'_>,
        at: usize,
        empty: bool,
    ) -> Result<(Vec<Attr>, bool), Error> {
        let depth = self.r.depth() + usize::from(empty);
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|x| self.err(at, format!("malformed attribute: {x}")))?;
            let value = attr_value(&a).map_err(|m| self.err(at, m))?;
            if value.contains(|c: char| !crate::xliff::xml::is_xml_char(c)) {
                return Err(self.err(at, "attribute value holds a character XML does not allow"));
            }
            let name = a.key.as_ref();
            if name == "xmlns" {
                self.ns.declare(depth, "", &value);
            } else if let Some(p) = name.strip_prefix("xmlns:") {
                self.ns.declare(depth, p, &value);
            }
            attrs.push(Attr::new(name, &*value));
        }
        let name = e.name();
        let (prefix, _) = split_name(name.as_ref());
        if !prefix.is_empty() && self.ns.resolve(prefix).is_none() {
            return Err(self.err(
                at,
                format!(
                    "namespace prefix \"{prefix}\" of <{}> is not declared",
                    name.as_ref()
                ),
            ));
        }
        for a in &attrs {
            let (p, _) = split_name(&a.name);
            if !p.is_empty() && p != "xmlns" && self.ns.resolve(p).is_none() {
                return Err(self.err(
                    at,
                    format!(
                        "namespace prefix \"{p}\" of attribute {} is not declared",
                        a.name
                    ),
                ));
            }
        }
        let xliff = match self.ns.resolve(prefix) {
            None => prefix.is_empty(),
            Some(ns) => XLIFF_NAMESPACES.contains(&ns),
        };
        if empty {
            self.ns.close(depth);
        }
        Ok((attrs, xliff))
    }

    fn close(&mut self) {
        // Called after the End event: depth already decreased.
        self.ns.close(self.r.depth() + 1);
    }

    fn kind<'n>(name: &'n str, xliff: bool) -> Kind<'n> {
        if xliff {
            Kind::Xliff(split_name(name).1)
        } else {
            Kind::Foreign
        }
    }

    /// Captures the rest of the element opened at `at` verbatim, checking
    /// namespaces inside it.
    fn raw(&mut self, at: usize, empty: bool) -> Result<Raw, Error> {
        if !empty {
            let depth = self.r.depth();
            while self.r.depth() >= depth {
                match self.r.next()? {
                    Event::Start(e) => {
                        let s = self.r.last_start();
                        self.open(&e, s, false)?;
                    }
                    Event::Empty(e) => {
                        let s = self.r.last_start();
                        self.open(&e, s, true)?;
                    }
                    Event::End(_) => self.close(),
                    Event::GeneralRef(g) => {
                        let s = self.r.last_start();
                        push_ref(&mut String::new(), &g).map_err(|m| self.err(s, m))?;
                    }
                    Event::Eof => return Err(self.err(at, "element is not closed at end of input")),
                    _ => {}
                }
            }
        }
        let end = self.r.last_end();
        Ok(Raw::new(self.r.ctx.text.get(at..end).unwrap_or("")))
    }

    /// Skips text between structural elements; non-space text is an error.
    fn check_space(&self, t: &str, at: usize) -> Result<(), Error> {
        if t.trim().is_empty() {
            Ok(())
        } else {
            Err(self.err(at, "text is not allowed here"))
        }
    }

    fn document(&mut self) -> Result<Document, Error> {
        let mut doc = Document {
            version: Version::V1_2,
            ..Document::default()
        };
        // Prolog.
        loop {
            let at = self.r.last_end();
            match self.r.next()? {
                Event::Decl(_) => {}
                Event::Comment(_) | Event::PI(_) => doc.prolog.push(Raw::new(self.r.last_text())),
                Event::Text(t) => self.check_space(&t, at)?,
                Event::Start(e) => {
                    self.root(&mut doc, &e, at, false)?;
                    break;
                }
                Event::Empty(e) => {
                    self.root(&mut doc, &e, at, true)?;
                    break;
                }
                Event::Eof => return Err(self.err(at, "no root element: the input is empty")),
                _ => return Err(self.err(at, "content before the root element")),
            }
        }
        // Epilog.
        loop {
            let at = self.r.last_end();
            match self.r.next()? {
                Event::Comment(_) | Event::PI(_) => doc.epilog.push(Raw::new(self.r.last_text())),
                Event::Text(t) => self.check_space(&t, at)?,
                Event::Eof => break,
                _ => return Err(self.err(at, "content after the root element")),
            }
        }
        Ok(doc)
    }

    fn root(
        &mut self,
        doc: &mut Document,
        e: &BytesStart<'_>,
        at: usize,
        empty: bool,
    ) -> Result<(), Error> {
        let (attrs, xliff) = self.open(e, at, empty)?;
        let name = e.name();
        if !matches!(Self::kind(name.as_ref(), xliff), Kind::Xliff("xliff")) {
            return Err(self.err(
                at,
                format!(
                    "the root element is <{}>, not an XLIFF 1.x <xliff>",
                    name.as_ref()
                ),
            ));
        }
        let version = crate::xliff::document::attr_value(&attrs, "version").unwrap_or("");
        let ns = self.ns.resolve(split_name(name.as_ref()).0).unwrap_or("");
        self.legacy =
            ns.ends_with(":1.0") || ns.ends_with(":1.1") || (ns.is_empty() && version != "1.2");
        for a in attrs {
            match &*a.name {
                "version" => {}
                "xmlns" if XLIFF_NAMESPACES.contains(&&*a.value) => {}
                _ => doc.attrs.push(a),
            }
        }
        if !empty {
            loop {
                let s = self.r.last_end();
                match self.r.next()? {
                    Event::Start(c) => self.root_child(doc, &c, s, false)?,
                    Event::Empty(c) => self.root_child(doc, &c, s, true)?,
                    Event::End(_) => {
                        self.close();
                        break;
                    }
                    Event::Comment(_) | Event::PI(_) => {
                        doc.extensions.push(Raw::new(self.r.last_text()))
                    }
                    Event::Text(t) => self.check_space(&t, s)?,
                    Event::CData(_) | Event::GeneralRef(_) => {
                        return Err(self.err(s, "text is not allowed in <xliff>"));
                    }
                    _ => {}
                }
            }
        }
        if doc.files.is_empty() {
            return Err(self.err(at, "<xliff> has no <file>"));
        }
        doc.src_lang = doc.files.first().and_then(|f| f.src_lang.clone());
        doc.trg_lang = doc.files.first().and_then(|f| f.trg_lang.clone());
        Ok(())
    }

    fn root_child(
        &mut self,
        doc: &mut Document,
        e: &BytesStart<'_>,
        at: usize,
        empty: bool,
    ) -> Result<(), Error> {
        let (attrs, xliff) = self.open(e, at, empty)?;
        let name = e.name();
        if let Kind::Xliff("file") = Self::kind(name.as_ref(), xliff) {
            let file = self.file(attrs, at, empty)?;
            doc.files.push(file);
        } else {
            let raw = self.raw(at, empty)?;
            doc.extensions.push(raw);
        }
        Ok(())
    }

    fn file(&mut self, attrs: Vec<Attr>, at: usize, empty: bool) -> Result<File, Error> {
        let mut file = File::default();
        for a in attrs {
            match &*a.name {
                "original" => file.original = Some(a.value),
                "source-language" => file.src_lang = Some(a.value),
                "target-language" => file.trg_lang = Some(a.value),
                "datatype" => file.datatype = Some(a.value),
                _ => file.attrs.push(a),
            }
        }
        if empty {
            return Err(self.err(at, "<file> has no <body>"));
        }
        let mut body = false;
        let mut ids = HashSet::new();
        loop {
            let s = self.r.last_end();
            match self.r.next()? {
                Event::Start(e) => {
                    let (attrs, xliff) = self.open(&e, s, false)?;
                    match Self::kind(e.name().as_ref(), xliff) {
                        Kind::Xliff("header") => self.header(&mut file)?,
                        Kind::Xliff("body") => {
                            body = true;
                            drop(attrs);
                            self.items(&mut file.items, &mut ids, "body")?;
                        }
                        _ => {
                            let raw = self.raw(s, false)?;
                            file.extensions.push(raw);
                        }
                    }
                }
                Event::Empty(e) => {
                    let (_, xliff) = self.open(&e, s, true)?;
                    match Self::kind(e.name().as_ref(), xliff) {
                        Kind::Xliff("body") => body = true,
                        Kind::Xliff("header") => {}
                        _ => file.extensions.push(Raw::new(self.r.last_text())),
                    }
                }
                Event::End(_) => {
                    self.close();
                    break;
                }
                Event::Comment(_) | Event::PI(_) => {
                    file.extensions.push(Raw::new(self.r.last_text()))
                }
                Event::Text(t) => self.check_space(&t, s)?,
                Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.err(s, "text is not allowed in <file>"));
                }
                _ => {}
            }
        }
        if !body {
            return Err(self.err(at, "<file> has no <body>"));
        }
        Ok(file)
    }

    fn header(&mut self, file: &mut File) -> Result<(), Error> {
        loop {
            let s = self.r.last_end();
            match self.r.next()? {
                Event::Start(e) => {
                    let (attrs, xliff) = self.open(&e, s, false)?;
                    if let Kind::Xliff("note") = Self::kind(e.name().as_ref(), xliff) {
                        match self.note(attrs, s)? {
                            Ok(n) => file.notes.push(n),
                            Err(raw) => file.header.push(raw),
                        }
                    } else {
                        let raw = self.raw(s, false)?;
                        file.header.push(raw);
                    }
                }
                Event::Empty(e) => {
                    let (attrs, xliff) = self.open(&e, s, true)?;
                    if let Kind::Xliff("note") = Self::kind(e.name().as_ref(), xliff) {
                        file.notes.push(note_from_attrs(attrs, String::new()));
                    } else {
                        file.header.push(Raw::new(self.r.last_text()));
                    }
                }
                Event::End(_) => {
                    self.close();
                    return Ok(());
                }
                Event::Comment(_) | Event::PI(_) => file.header.push(Raw::new(self.r.last_text())),
                Event::Text(t) => self.check_space(&t, s)?,
                Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.err(s, "text is not allowed in <header>"));
                }
                _ => {}
            }
        }
    }

    /// Reads the children of `<body>` or `<group>` (already opened) into
    /// `items`, until its end tag. Notes and extensions of a group go to
    /// `group` when given.
    fn items(
        &mut self,
        items: &mut Vec<Item>,
        ids: &mut HashSet<Box<str>>,
        parent: &str,
    ) -> Result<(), Error> {
        self.items_in(items, ids, parent, None)
    }

    fn items_in(
        &mut self,
        items: &mut Vec<Item>,
        ids: &mut HashSet<Box<str>>,
        parent: &str,
        mut group: Option<(&mut Vec<Note>, &mut Vec<Raw>)>,
    ) -> Result<(), Error> {
        loop {
            let s = self.r.last_end();
            let (e, empty) = match self.r.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    self.close();
                    return Ok(());
                }
                Event::Comment(_) | Event::PI(_) => {
                    items.push(Item::Raw(Raw::new(self.r.last_text())));
                    continue;
                }
                Event::Text(t) => {
                    self.check_space(&t, s)?;
                    continue;
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.err(s, format!("text is not allowed in <{parent}>")));
                }
                _ => continue,
            };
            let (attrs, xliff) = self.open(&e, s, empty)?;
            match Self::kind(e.name().as_ref(), xliff) {
                Kind::Xliff("trans-unit") => {
                    let unit = self.unit(attrs, s, empty, ids)?;
                    items.push(Item::from(unit));
                }
                Kind::Xliff("group") => {
                    let g = self.group(attrs, empty, ids)?;
                    items.push(Item::from(g));
                }
                Kind::Xliff("note") if group.is_some() => {
                    let note = if empty {
                        Ok(note_from_attrs(attrs, String::new()))
                    } else {
                        self.note(attrs, s)?
                    };
                    if let Some((notes, ext)) = group.as_mut() {
                        match note {
                            Ok(n) => notes.push(n),
                            Err(raw) => ext.push(raw),
                        }
                    }
                }
                Kind::Xliff("bin-unit") => {
                    let raw = self.raw(s, empty)?;
                    items.push(Item::Raw(raw));
                }
                _ => {
                    let raw = self.raw(s, empty)?;
                    match group.as_mut() {
                        Some((_, ext)) => ext.push(raw),
                        None => items.push(Item::Raw(raw)),
                    }
                }
            }
        }
    }

    fn group(
        &mut self,
        attrs: Vec<Attr>,
        empty: bool,
        ids: &mut HashSet<Box<str>>,
    ) -> Result<Group, Error> {
        let mut g = Group::default();
        for a in attrs {
            match &*a.name {
                "id" => g.id = Some(a.value),
                "resname" => g.name = Some(a.value),
                "restype" => g.kind = Some(a.value),
                "translate" if parse_yes_no(&a.value).is_some() => {
                    g.translate = parse_yes_no(&a.value)
                }
                "xml:space" if parse_space(&a.value).is_some() => g.space = parse_space(&a.value),
                _ => g.attrs.push(a),
            }
        }
        if !empty {
            let mut items = Vec::new();
            self.items_in(
                &mut items,
                ids,
                "group",
                Some((&mut g.notes, &mut g.extensions)),
            )?;
            g.items = items;
        }
        Ok(g)
    }

    /// Reads a note's content. A note holding elements is returned as raw.
    fn note(&mut self, attrs: Vec<Attr>, at: usize) -> Result<Result<Note, Raw>, Error> {
        let mut text = String::new();
        let mut elements = false;
        let depth = self.r.depth();
        loop {
            let s = self.r.last_end();
            match self.r.next()? {
                Event::Text(t) => text.push_str(&t.xml10_content()),
                Event::CData(c) => text.push_str(&c.xml10_content()),
                Event::GeneralRef(g) => push_ref(&mut text, &g).map_err(|m| self.err(s, m))?,
                Event::Start(e) => {
                    elements = true;
                    self.open(&e, s, false)?;
                }
                Event::Empty(e) => {
                    elements = true;
                    self.open(&e, s, true)?;
                }
                Event::End(_) => {
                    self.close();
                    if self.r.depth() < depth {
                        break;
                    }
                }
                Event::Comment(_) | Event::PI(_) => elements = true,
                _ => {}
            }
        }
        if elements {
            let end = self.r.last_end();
            return Ok(Err(Raw::new(self.r.ctx.text.get(at..end).unwrap_or(""))));
        }
        Ok(Ok(note_from_attrs(attrs, text)))
    }

    fn unit(
        &mut self,
        attrs: Vec<Attr>,
        at: usize,
        empty: bool,
        ids: &mut HashSet<Box<str>>,
    ) -> Result<Unit, Error> {
        let mut unit = Unit::default();
        let mut id = None;
        let mut approved = None;
        for a in attrs {
            match &*a.name {
                "id" => id = Some(a.value),
                "resname" => unit.name = Some(a.value),
                "restype" => unit.kind = Some(a.value),
                "translate" if parse_yes_no(&a.value).is_some() => {
                    unit.translate = parse_yes_no(&a.value)
                }
                "xml:space" if parse_space(&a.value).is_some() => {
                    unit.space = parse_space(&a.value)
                }
                "approved" => approved = Some(a),
                _ => unit.attrs.push(a),
            }
        }
        let id = match id {
            Some(id) => id,
            None if self.legacy => {
                // Made up from the unit's place in the file, unique there.
                let mut n = ids.len() + 1;
                while ids.contains(n.to_string().as_str()) {
                    n += 1;
                }
                n.to_string().into()
            }
            None => return Err(self.err(at, "<trans-unit> has no id")),
        };
        if !ids.insert(id.clone()) && !self.legacy {
            return Err(self.err(
                at,
                format!("duplicate trans-unit id \"{id}\" in this <file>"),
            ));
        }
        unit.id = id;
        self.r.unit = Some(unit.id.clone());
        if empty {
            return Err(self.err(at, "<trans-unit> has no <source>"));
        }
        let mut source: Option<(Content, Vec<Attr>)> = None;
        let mut seg_source: Option<Content> = None;
        let mut seg_source_raw: Option<Raw> = None;
        let mut target: Option<(Content, Vec<Attr>)> = None;
        let mut target_at = at;
        loop {
            let s = self.r.last_end();
            let (e, is_empty) = match self.r.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    self.close();
                    break;
                }
                Event::Comment(_) | Event::PI(_) => {
                    unit.extensions.push(Raw::new(self.r.last_text()));
                    continue;
                }
                // Stray text inside a trans-unit (MateCat writes some): kept
                // verbatim rather than refused.
                Event::Text(t) => {
                    if !t.trim().is_empty() {
                        unit.extensions.push(Raw::new(self.r.last_text()));
                    }
                    continue;
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    unit.extensions.push(Raw::new(self.r.last_text()));
                    continue;
                }
                _ => continue,
            };
            let (attrs, xliff) = self.open(&e, s, is_empty)?;
            match Self::kind(e.name().as_ref(), xliff) {
                Kind::Xliff("source") => {
                    if source.is_some() {
                        return Err(self.err(s, "<trans-unit> has more than one <source>"));
                    }
                    let c = if is_empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    source = Some((c, attrs));
                }
                Kind::Xliff("seg-source") => {
                    let c = if is_empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    let end = self.r.last_end();
                    seg_source_raw = Some(Raw::new(self.r.ctx.text.get(s..end).unwrap_or("")));
                    seg_source = Some(c);
                }
                Kind::Xliff("target") => {
                    let c = if is_empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    target = Some((c, attrs));
                    target_at = s;
                }
                Kind::Xliff("note") => {
                    let note = if is_empty {
                        Ok(note_from_attrs(attrs, String::new()))
                    } else {
                        self.note(attrs, s)?
                    };
                    match note {
                        Ok(n) => unit.notes.push(n),
                        Err(raw) => unit.extensions.push(raw),
                    }
                }
                Kind::Xliff("alt-trans") => {
                    let c = self.alt_trans(attrs, s, is_empty)?;
                    unit.candidates.push(c);
                }
                _ => {
                    let raw = self.raw(s, is_empty)?;
                    unit.extensions.push(raw);
                }
            }
        }
        let Some((source, source_attrs)) = source else {
            return Err(self.err(at, "<trans-unit> has no <source>"));
        };
        let _ = target_at;
        build_parts(
            &mut unit,
            source,
            source_attrs,
            seg_source,
            seg_source_raw,
            target,
            approved,
        );
        self.r.unit = None;
        Ok(unit)
    }

    fn alt_trans(&mut self, attrs: Vec<Attr>, at: usize, empty: bool) -> Result<Candidate, Error> {
        let mut c = Candidate::default();
        for a in attrs {
            match &*a.name {
                "mid" => c.reference = Some(a.value.clone()),
                "origin" => c.origin = Some(a.value.clone()),
                "match-quality" => {
                    c.similarity = a
                        .value
                        .trim()
                        .trim_end_matches('%')
                        .trim()
                        .parse::<f64>()
                        .ok();
                }
                _ => {}
            }
            c.attrs.push(a);
        }
        if !empty {
            loop {
                let s = self.r.last_end();
                let (e, is_empty) = match self.r.next()? {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    Event::End(_) => {
                        self.close();
                        break;
                    }
                    _ => continue,
                };
                let (_, xliff) = self.open(&e, s, is_empty)?;
                match Self::kind(e.name().as_ref(), xliff) {
                    Kind::Xliff("source") if !is_empty => c.source = self.content()?,
                    Kind::Xliff("target") if !is_empty => c.target = self.content()?,
                    Kind::Xliff("source" | "target") => {}
                    _ => {
                        self.raw(s, is_empty)?;
                    }
                }
            }
        }
        let end = self.r.last_end();
        c.raw = Some(Raw::new(self.r.ctx.text.get(at..end).unwrap_or("")));
        Ok(c)
    }

    /// Reads inline content up to the end tag of the element just opened.
    fn content(&mut self) -> Result<Content, Error> {
        let mut c = Content::new();
        loop {
            let s = self.r.last_end();
            let (e, empty) = match self.r.next()? {
                Event::Text(t) => {
                    c.push_text(&t.xml10_content());
                    continue;
                }
                Event::CData(d) => {
                    c.push_text(&d.xml10_content());
                    continue;
                }
                Event::GeneralRef(g) => {
                    let mut t = String::new();
                    push_ref(&mut t, &g).map_err(|m| self.err(s, m))?;
                    c.push_text(&t);
                    continue;
                }
                Event::Comment(_) | Event::PI(_) => {
                    c.0.push(Inline::Raw(Raw::new(self.r.last_text())));
                    continue;
                }
                Event::End(_) => {
                    self.close();
                    return Ok(c);
                }
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::Eof => return Err(self.err(s, "unexpected end of input")),
                _ => continue,
            };
            let (attrs, xliff) = self.open(&e, s, empty)?;
            let name = e.name();
            let local = match Self::kind(name.as_ref(), xliff) {
                Kind::Xliff(l) => l,
                Kind::Foreign => "",
            };
            let inline = match local {
                "g" => {
                    let code = code_from_attrs(attrs, CodeKind::Paired, CodeTag::G);
                    let inner = if empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    Inline::Paired(code, inner)
                }
                "x" | "bx" | "ex" => {
                    let (kind, tag) = match local {
                        "x" => (CodeKind::Standalone, CodeTag::X),
                        "bx" => (CodeKind::Start, CodeTag::Bx),
                        _ => (CodeKind::End, CodeTag::Ex),
                    };
                    let code = code_from_attrs(attrs, kind, tag);
                    if !empty {
                        // Not allowed content: keep it out of the model but
                        // do not fail on it.
                        self.raw(s, false)?;
                    }
                    Inline::Code(code)
                }
                "ph" | "bpt" | "ept" | "it" => {
                    let (kind, tag) = match local {
                        "ph" => (CodeKind::Standalone, CodeTag::Ph12),
                        "bpt" => (CodeKind::Start, CodeTag::Bpt),
                        "ept" => (CodeKind::End, CodeTag::Ept),
                        _ => (CodeKind::Standalone, CodeTag::It),
                    };
                    let mut code = code_from_attrs(attrs, kind, tag);
                    if tag == CodeTag::It {
                        code.isolated = true;
                        let pos = take_attr(&mut code.attrs, "pos");
                        code.kind = match pos.as_deref() {
                            Some("close") => CodeKind::End,
                            _ => CodeKind::Start,
                        };
                        if let Some(pos) = pos {
                            if !matches!(&*pos, "open" | "close") {
                                code.attrs.push(Attr::new("pos", pos));
                            }
                        }
                    }
                    if !empty {
                        let inner_start = self.r.last_end();
                        let raw = self.raw(s, false)?;
                        let end_tag_len = raw.0.rfind("</").map_or(0, |i| raw.0.len() - i);
                        let inner_end = self.r.last_end().saturating_sub(end_tag_len);
                        code.native = Some(
                            self.r
                                .ctx
                                .text
                                .get(inner_start..inner_end)
                                .unwrap_or("")
                                .into(),
                        );
                    }
                    Inline::Code(code)
                }
                "mrk" => {
                    let m = marker_from_attrs(attrs);
                    let inner = if empty {
                        Content::new()
                    } else {
                        self.content()?
                    };
                    Inline::Marker(m, inner)
                }
                _ => Inline::Raw(self.raw(s, empty)?),
            };
            c.0.push(inline);
        }
    }
}

fn take_attr(attrs: &mut Vec<Attr>, name: &str) -> Option<Box<str>> {
    let i = attrs.iter().position(|a| &*a.name == name)?;
    Some(attrs.remove(i).value)
}

fn parse_yes_no(v: &str) -> Option<bool> {
    match v.trim() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

fn parse_space(v: &str) -> Option<Space> {
    match v.trim() {
        "preserve" => Some(Space::Preserve),
        "default" => Some(Space::Default),
        _ => None,
    }
}

fn note_from_attrs(attrs: Vec<Attr>, text: String) -> Note {
    let mut n = Note {
        text,
        ..Note::default()
    };
    for a in attrs {
        match &*a.name {
            "from" => n.category = Some(a.value),
            "priority" if a.value.trim().parse::<u8>().is_ok() => {
                n.priority = a.value.trim().parse().ok()
            }
            "annotates" if AppliesTo::parse(&a.value).is_some() => {
                n.applies_to = AppliesTo::parse(&a.value)
            }
            _ => n.attrs.push(a),
        }
    }
    n
}

fn code_from_attrs(attrs: Vec<Attr>, kind: CodeKind, tag: CodeTag) -> Box<Code> {
    let mut c = Code {
        kind,
        tag,
        ..Code::default()
    };
    for a in attrs {
        match &*a.name {
            "id" => c.id = Some(a.value),
            "rid" => c.start_ref = Some(a.value),
            "ctype" => c.kind_name = Some(a.value),
            "equiv-text" => c.equiv = Some(a.value),
            _ => c.attrs.push(a),
        }
    }
    Box::new(c)
}

fn marker_from_attrs(attrs: Vec<Attr>) -> Box<Marker> {
    let mut m = Marker::default();
    for a in attrs {
        match &*a.name {
            "mid" => m.id = Some(a.value),
            "mtype" => m.kind = Some(a.value),
            "comment" => m.value = Some(a.value),
            _ => m.attrs.push(a),
        }
    }
    if m.kind.as_deref() == Some("protected") {
        m.translate = Some(false);
    }
    Box::new(m)
}

fn is_seg(m: &Marker) -> bool {
    m.kind.as_deref() == Some("seg")
}

fn has_seg(c: &Content) -> bool {
    c.0.iter().any(|i| match i {
        Inline::Marker(m, _) if is_seg(m) => true,
        Inline::Paired(_, inner) => has_seg(inner),
        _ => false,
    })
}

/// Splits a flow at its `mrk mtype="seg"` markers. Paired codes (`g`) that
/// contain segments are split into start and end codes in the gaps.
fn split(content: Content) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut gap = Content::new();
    split_into(content, &mut gap, &mut out);
    out.push(Piece::Gap(gap));
    out
}

fn split_into(content: Content, gap: &mut Content, out: &mut Vec<Piece>) {
    for inline in content.0 {
        match inline {
            Inline::Marker(m, inner) if is_seg(&m) => {
                out.push(Piece::Gap(std::mem::take(gap)));
                out.push(Piece::Seg(m, inner));
            }
            Inline::Paired(code, inner) if has_seg(&inner) => {
                let mut start = (*code).clone();
                start.kind = CodeKind::Start;
                let end = Code {
                    kind: CodeKind::End,
                    tag: CodeTag::G,
                    start_ref: code.id.clone(),
                    ..Code::default()
                };
                gap.0.push(Inline::Code(Box::new(start)));
                split_into(inner, gap, out);
                gap.0.push(Inline::Code(Box::new(end)));
            }
            other => gap.0.push(other),
        }
    }
}

/// (gaps, segments) of a split flow: gaps.len() == segments.len() + 1.
fn pieces(p: Vec<Piece>) -> (Vec<Content>, Vec<(Box<Marker>, Content)>) {
    let mut gaps = Vec::new();
    let mut segs = Vec::new();
    for piece in p {
        match piece {
            Piece::Gap(g) => gaps.push(g),
            Piece::Seg(m, c) => segs.push((m, c)),
        }
    }
    (gaps, segs)
}

/// The 2.x state of a 1.2 `state` value.
pub(crate) fn state_from_12(s: &str) -> Option<State> {
    Some(match s {
        "new" | "needs-translation" | "needs-adaptation" | "needs-l10n" => State::Initial,
        "translated"
        | "needs-review-translation"
        | "needs-review-adaptation"
        | "needs-review-l10n" => State::Translated,
        "signed-off" => State::Reviewed,
        "final" => State::Final,
        _ => return None,
    })
}

fn state_from_sdl(conf: &str) -> Option<State> {
    Some(match conf {
        "Draft" | "Unspecified" => State::Initial,
        "Translated" | "RejectedTranslation" => State::Translated,
        "ApprovedTranslation" | "RejectedSignOff" => State::Reviewed,
        "ApprovedSignOff" => State::Final,
        _ => return None,
    })
}

fn state_from_memoq(status: &str) -> Option<State> {
    Some(match status {
        "NotStarted"
        | "PartiallyEdited"
        | "Pretranslated"
        | "MachineTranslated"
        | "Edited"
        | "Rejected"
        | "AssembledFromFragments" => State::Initial,
        "ManuallyConfirmed" | "Confirmed" => State::Translated,
        "Reviewer1Confirmed" | "Proofread" => State::Reviewed,
        "Reviewer2Confirmed" => State::Final,
        _ => return None,
    })
}

/// The `conf` of each `sdl:seg` in a trans-unit's `sdl:seg-defs`, by id.
fn sdl_confs(unit: &Unit) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for raw in &unit.extensions {
        if raw
            .element_name()
            .is_none_or(|n| split_name(n).1 != "seg-defs")
        {
            continue;
        }
        let mut r = quick_xml::Reader::from_str(raw.as_str());
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) if split_name(e.name().as_ref()).1 == "seg" => {
                    let mut id = None;
                    let mut conf = None;
                    for a in e.attributes().flatten() {
                        let v = attr_value(&a).map(|v| v.into_owned()).ok();
                        match a.key.as_ref() {
                            "id" => id = v,
                            "conf" => conf = v,
                            _ => {}
                        }
                    }
                    if let (Some(i), Some(c)) = (id, conf) {
                        out.push((i, c));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    out
}

/// Builds the unit's parts from what its trans-unit held.
fn build_parts(
    unit: &mut Unit,
    source: Content,
    source_attrs: Vec<Attr>,
    seg_source: Option<Content>,
    seg_source_raw: Option<Raw>,
    target: Option<(Content, Vec<Attr>)>,
    approved: Option<Attr>,
) {
    let (target, target_attrs) = match target {
        Some((c, a)) => (Some(c), a),
        None => (None, Vec::new()),
    };
    // Shared segment attributes from <source> and <target>.
    let mut proto = Segment::default();
    let mut first_attrs = Vec::new();
    for a in source_attrs {
        match &*a.name {
            "xml:lang" => proto.source_lang = Some(a.value),
            "xml:space" if parse_space(&a.value).is_some() => {
                proto.source_space = parse_space(&a.value)
            }
            _ => first_attrs.push(Attr::new(format!("source:{}", a.name), a.value)),
        }
    }
    let mut state12 = None;
    for a in target_attrs {
        match &*a.name {
            "xml:lang" => proto.target_lang = Some(a.value),
            "xml:space" if parse_space(&a.value).is_some() => {
                proto.target_space = parse_space(&a.value)
            }
            "state" => state12 = Some(a.value),
            "state-qualifier" => first_attrs.push(a),
            _ => first_attrs.push(Attr::new(format!("target:{}", a.name), a.value)),
        }
    }
    let is_approved = approved
        .as_ref()
        .is_some_and(|a| parse_yes_no(&a.value) == Some(true));
    if let Some(a) = approved {
        first_attrs.push(a);
    }
    let unit_state = match &state12 {
        Some(s) => {
            proto.sub_state = Some(format!("xlf12:{s}").into());
            proto.state = state_from_12(s);
            if is_approved {
                proto.state = Some(State::Final);
            }
            true
        }
        None if is_approved => {
            proto.state = Some(State::Final);
            true
        }
        None => false,
    };
    let memoq = if unit_state {
        None
    } else {
        crate::xliff::document::attr_value(&unit.attrs, "mq:status").map(str::to_owned)
    };

    // Segmented shape?
    let segmented = match (&seg_source, &target) {
        (Some(ss), t) if has_seg(ss) => {
            let (sg, ss_segs) = pieces(split(ss.clone()));
            match t {
                None => Some((sg, ss_segs, None)),
                Some(t) => {
                    let (tg, t_segs) = pieces(split(t.clone()));
                    let same = t_segs.len() == ss_segs.len()
                        && t_segs.iter().zip(&ss_segs).all(|(a, b)| a.0.id == b.0.id);
                    let blank = t_segs.is_empty()
                        && tg.iter().all(|g| {
                            g.plain_text().trim().is_empty() && g.codes().next().is_none()
                        });
                    if same {
                        Some((sg, ss_segs, Some((tg, t_segs))))
                    } else if blank {
                        Some((sg, ss_segs, Some((Vec::new(), Vec::new()))))
                    } else {
                        None
                    }
                }
            }
        }
        _ => None,
    };
    let Some((gaps, segs, tpieces)) = segmented else {
        // One segment: the whole source and target. A seg-source that could
        // not be matched is kept verbatim.
        if let Some(raw) = seg_source_raw.filter(|_| seg_source.is_some()) {
            unit.extensions.insert(0, raw);
        }
        let mut seg = proto;
        seg.source = source;
        seg.target = target;
        seg.attrs = first_attrs;
        if !unit_state {
            if let Some(st) = memoq.as_deref().and_then(state_from_memoq) {
                seg.state = Some(st);
                seg.sub_state = memoq.map(|m| format!("mq:{m}").into());
            }
        }
        unit.parts.push(Part::Segment(seg));
        return;
    };
    let has_target = tpieces.is_some();
    let (tgaps, tsegs) = tpieces.unwrap_or_default();
    let blank_target = has_target && tsegs.is_empty();
    let confs = if unit_state {
        Vec::new()
    } else {
        sdl_confs(unit)
    };
    let mut tgaps = tgaps.into_iter();
    let mut tsegs = tsegs.into_iter();
    let mut first = true;
    let nsegs = segs.len();
    let mut gaps = gaps.into_iter();
    for (i, (m, content)) in segs.into_iter().enumerate() {
        push_gap(
            unit,
            gaps.next().unwrap_or_default(),
            tgaps.next(),
            has_target && !blank_target,
        );
        let mut seg = proto.clone();
        seg.id = m.id.clone();
        seg.source = content;
        for a in &m.attrs {
            seg.attrs
                .push(Attr::new(format!("mrk:{}", a.name), a.value.clone()));
        }
        if let Some(v) = &m.value {
            seg.attrs.push(Attr::new("mrk:comment", v.clone()));
        }
        if first {
            seg.attrs.extend(first_attrs.drain(..));
            first = false;
        }
        if has_target {
            if blank_target {
                seg.target = Some(Content::new());
            } else if let Some((tm, tc)) = tsegs.next() {
                for a in &tm.attrs {
                    seg.attrs
                        .push(Attr::new(format!("target-mrk:{}", a.name), a.value.clone()));
                }
                seg.target = Some(tc);
            }
        }
        if !unit_state {
            let conf = seg
                .id
                .as_deref()
                .and_then(|id| confs.iter().find(|(i, _)| i == id))
                .map(|(_, c)| c.clone());
            if let Some(c) = conf {
                seg.state = state_from_sdl(&c);
                seg.sub_state = Some(format!("sdl:{c}").into());
            } else if let Some(st) = memoq.as_deref().and_then(state_from_memoq) {
                seg.state = Some(st);
                seg.sub_state = memoq.as_ref().map(|m| format!("mq:{m}").into());
            }
        }
        unit.parts.push(Part::Segment(seg));
        let _ = (i, nsegs);
    }
    push_gap(
        unit,
        gaps.next().unwrap_or_default(),
        tgaps.next(),
        has_target && !blank_target,
    );
}

fn push_gap(unit: &mut Unit, source: Content, target: Option<Content>, has_target: bool) {
    let target = if has_target {
        Some(target.unwrap_or_default())
    } else {
        None
    };
    let target_blank = target.as_ref().is_none_or(Content::is_empty);
    if source.is_empty() && target_blank {
        return;
    }
    unit.parts.push(Part::Ignorable(Ignorable {
        id: None,
        source,
        target,
    }));
}
