//! The strict TMX writer: TMX 1.4b that validates against the DTD.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use super::model::{
    Code, Element, HI_PROTECTED, Header, Meta, Note, Piece, Prop, Tmx, TranslationUnit, Variant,
};
use crate::error::{Error, Result};
use crate::model::{CodeKind, Run};
use crate::xliff::xml::{escape_text, refusing_unwritable, write_attr};

impl Tmx {
    /// Writes the memory as TMX 1.4b (UTF-8, no DOCTYPE), valid against the
    /// TMX 1.4 DTD: the seven header attributes always, `xml:lang` on every
    /// variant, codes as `<bpt>`/`<ept>`, `<ph>`, `<it>` and `<hi>`.
    /// Attributes TMX does not define (kept in the model's `attributes`) are
    /// not written, since the DTD declares none.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] naming the unit when a unit has no variant, a variant
    /// has no language, or text or an attribute holds a character XML
    /// cannot carry (a control character other than tab, line feed and
    /// carriage return, U+FFFE, U+FFFF).
    ///
    /// # Examples
    ///
    /// ```
    /// use newsloc::tmx::{Header, Tmx, TranslationUnit, Variant};
    /// use newsloc::{CodeKind, Run, Text};
    ///
    /// let en = Text::from_runs(vec![
    ///     Run::Text("Talks in ".into()),
    ///     Run::Start { id: "1".into(), kind: CodeKind::Strong, markup: "<b>".into() },
    ///     Run::Text("Seoul".into()),
    ///     Run::End { id: "1".into(), markup: "</b>".into() },
    /// ])?;
    /// let mut tu = TranslationUnit::new();
    /// tu.variants.push(Variant::new("en", en));
    /// let mut tmx = Tmx::new(Header::new("newsloc", "0.1", "en"));
    /// tmx.units.push(tu);
    /// let xml = tmx.to_string()?;
    /// assert!(xml.contains(
    ///     r#"<seg>Talks in <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Seoul<ept i="1">&lt;/b&gt;</ept></seg>"#
    /// ));
    /// # Ok::<(), newsloc::Error>(())
    /// ```
    pub fn to_string(&self) -> Result<String> {
        let mut out = String::new();
        write_tmx(&mut out, self)?;
        Ok(out)
    }

    /// Writes the memory to any writer (the whole text is made first, so an
    /// error writes nothing).
    ///
    /// # Errors
    ///
    /// As [`to_string`](Self::to_string); [`Error::Io`] (with an empty path)
    /// when writing fails.
    pub fn to_writer(&self, mut w: impl Write) -> Result<()> {
        let s = self.to_string()?;
        w.write_all(s.as_bytes())
            .and_then(|()| w.flush())
            .map_err(|source| Error::Io {
                path: Default::default(),
                source,
            })
    }

    /// Writes the memory to a file, through a temporary file in the same
    /// folder renamed into place, so the file is whole or untouched.
    ///
    /// # Errors
    ///
    /// As [`to_string`](Self::to_string); [`Error::Io`] naming the file.
    pub fn to_path(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let s = self.to_string()?;
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let result = std::fs::write(&tmp, s.as_bytes()).and_then(|()| std::fs::rename(&tmp, path));
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result.map_err(io)
    }
}

fn write_tmx(out: &mut String, tmx: &Tmx) -> Result<()> {
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    if tmx.header.src_lang.trim().is_empty() {
        return Err(model_error(
            "the header has no source language (srclang)".into(),
        ));
    }
    refusing_unwritable(out, |out| write_header(out, &tmx.header)).map_err(|e| match e {
        Error::Model { message, .. }
        | Error::Xliff(newsloc_xliff::Error::Unwritable { message, .. }) => {
            model_error(format!("<header>: {message}"))
        }
        other => other,
    })?;
    out.push_str("<body>\n");
    for (n, tu) in tmx.units.iter().enumerate() {
        // The unit as the reader names it: its tuid, else its position.
        let unit = tu.id.clone().unwrap_or_else(|| format!("#{}", n + 1));
        refusing_unwritable(out, |out| write_tu(out, tu)).map_err(|e| match e {
            Error::Model {
                unit: None,
                message,
            }
            | Error::Xliff(newsloc_xliff::Error::Unwritable {
                unit: None,
                message,
            }) => Error::Model {
                unit: Some(unit),
                message,
            },
            other => other,
        })?;
    }
    out.push_str("</body>\n</tmx>\n");
    Ok(())
}

fn opt_attr(out: &mut String, name: &str, value: &Option<String>) {
    if let Some(v) = value {
        write_attr(out, name, v);
    }
}

fn write_header(out: &mut String, h: &Header) -> Result<()> {
    out.push_str("<header");
    write_attr(out, "creationtool", &h.creation_tool);
    write_attr(out, "creationtoolversion", &h.creation_tool_version);
    write_attr(out, "segtype", h.seg_type.as_str());
    write_attr(out, "o-tmf", &h.o_tmf);
    write_attr(out, "adminlang", &h.admin_lang);
    write_attr(out, "srclang", &h.src_lang);
    write_attr(out, "datatype", &h.data_type);
    opt_attr(out, "o-encoding", &h.o_encoding);
    opt_attr(out, "creationdate", &h.creation_date);
    opt_attr(out, "creationid", &h.creation_id);
    opt_attr(out, "changedate", &h.change_date);
    opt_attr(out, "changeid", &h.change_id);
    if h.props.is_empty() && h.notes.is_empty() && h.udes.is_empty() {
        out.push_str("/>\n");
        return Ok(());
    }
    out.push_str(">\n");
    write_props_notes(out, &h.props, &h.notes)?;
    for u in &h.udes {
        out.push_str("<ude");
        write_attr(out, "name", &u.name);
        opt_attr(out, "base", &u.base);
        out.push('>');
        for m in &u.maps {
            out.push_str("<map");
            write_attr(out, "unicode", &m.unicode);
            opt_attr(out, "code", &m.code);
            opt_attr(out, "ent", &m.ent);
            opt_attr(out, "subst", &m.subst);
            out.push_str("/>");
        }
        out.push_str("</ude>\n");
    }
    out.push_str("</header>\n");
    Ok(())
}

fn write_props_notes(out: &mut String, props: &[Prop], notes: &[Note]) -> Result<()> {
    for p in props {
        out.push_str("<prop");
        write_attr(out, "type", &p.kind);
        opt_attr(out, "xml:lang", &p.lang);
        opt_attr(out, "o-encoding", &p.o_encoding);
        out.push('>');
        pcdata(out, &p.value, || format!("the property {:?}", p.kind))?;
        out.push_str("</prop>\n");
    }
    for n in notes {
        out.push_str("<note");
        opt_attr(out, "xml:lang", &n.lang);
        opt_attr(out, "o-encoding", &n.o_encoding);
        out.push('>');
        pcdata(out, &n.text, || "a note".to_owned())?;
        out.push_str("</note>\n");
    }
    Ok(())
}

/// Writes escaped text, refusing a character XML cannot carry in the
/// element `what` names.
fn pcdata(out: &mut String, s: &str, what: impl Fn() -> String) -> Result<()> {
    let mut bad = None;
    escape_text(out, s, &mut |_, c| {
        bad.get_or_insert(c);
    });
    match bad {
        Some(c) => Err(model_error(format!(
            "{} holds U+{:04X}, a character XML cannot carry",
            what(),
            u32::from(c)
        ))),
        None => Ok(()),
    }
}

fn write_meta(out: &mut String, m: &Meta) {
    opt_attr(out, "o-encoding", &m.o_encoding);
    opt_attr(out, "datatype", &m.data_type);
    if let Some(n) = m.usage_count {
        write_attr(out, "usagecount", &n.to_string());
    }
    opt_attr(out, "lastusagedate", &m.last_usage_date);
    opt_attr(out, "creationtool", &m.creation_tool);
    opt_attr(out, "creationtoolversion", &m.creation_tool_version);
    opt_attr(out, "creationdate", &m.creation_date);
    opt_attr(out, "creationid", &m.creation_id);
    opt_attr(out, "changedate", &m.change_date);
    opt_attr(out, "changeid", &m.change_id);
    opt_attr(out, "o-tmf", &m.o_tmf);
}

fn model_error(message: String) -> Error {
    Error::Model {
        unit: None,
        message,
    }
}

/// True when `s` is a number TMX's `i` and `x` can carry.
fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit())
}

fn write_tu(out: &mut String, tu: &TranslationUnit) -> Result<()> {
    if tu.variants.is_empty() {
        return Err(model_error("a <tu> needs at least one variant".into()));
    }
    out.push_str("<tu");
    opt_attr(out, "tuid", &tu.id);
    write_meta(out, &tu.meta);
    if let Some(s) = tu.seg_type {
        write_attr(out, "segtype", s.as_str());
    }
    opt_attr(out, "srclang", &tu.src_lang);
    out.push_str(">\n");
    write_props_notes(out, &tu.props, &tu.notes)?;
    // `x` for codes whose id is not a number: one per id across the unit's
    // variants, above every number in use.
    let mut taken: HashSet<u64> = HashSet::new();
    let mut names: Vec<&str> = Vec::new();
    for v in &tu.variants {
        for run in v.text.runs() {
            if let Run::Start { id, .. } | Run::Code { id, .. } = run {
                if is_number(id) {
                    taken.insert(id.parse().unwrap_or(0));
                } else if !names.contains(&id.as_str()) {
                    names.push(id);
                }
            }
        }
        for c in &v.codes {
            if let Some(x) = c.x.as_deref().filter(|x| is_number(x)) {
                taken.insert(x.parse().unwrap_or(0));
            }
        }
    }
    let mut next = 0u64;
    let mut x_of: HashMap<&str, String> = HashMap::new();
    for name in names {
        next += 1;
        while taken.contains(&next) {
            next += 1;
        }
        x_of.insert(name, next.to_string());
    }
    for v in &tu.variants {
        write_tuv(out, v, &x_of)?;
    }
    out.push_str("</tu>\n");
    Ok(())
}

fn write_tuv(out: &mut String, v: &Variant, x_of: &HashMap<&str, String>) -> Result<()> {
    if v.lang.trim().is_empty() {
        return Err(model_error("a variant has no language (xml:lang)".into()));
    }
    out.push_str("<tuv");
    write_attr(out, "xml:lang", &v.lang);
    write_meta(out, &v.meta);
    out.push_str(">\n");
    write_props_notes(out, &v.props, &v.notes)?;
    out.push_str("<seg>");
    write_seg(out, v, x_of)?;
    out.push_str("</seg>\n</tuv>\n");
    Ok(())
}

/// The side details of the code with run id `id`.
fn side<'a>(v: &'a Variant, id: &str) -> Option<&'a Code> {
    v.codes.iter().find(|c| c.id == id)
}

fn write_seg(out: &mut String, v: &Variant, x_of: &HashMap<&str, String>) -> Result<()> {
    let runs = v.text.runs();
    // Pairs written as <hi>: read from <hi>, no markup on either half, and
    // nested properly among themselves.
    let mut hi: HashSet<&str> = HashSet::new();
    for run in runs {
        if let Run::Start { id, markup, .. } = run
            && markup.is_empty()
            && side(v, id).and_then(|c| c.element) == Some(Element::Highlight)
        {
            hi.insert(id);
        }
    }
    for run in runs {
        if let Run::End { id, markup } = run
            && !markup.is_empty()
        {
            hi.remove(id.as_str());
        }
    }
    let mut stack: Vec<&str> = Vec::new();
    for run in runs {
        match run {
            Run::Start { id, .. } if hi.contains(id.as_str()) => stack.push(id),
            Run::End { id, .. } if hi.contains(id.as_str()) => {
                if stack.last() == Some(&id.as_str()) {
                    stack.pop();
                } else {
                    stack.retain(|s| *s != id);
                    hi.remove(id.as_str());
                }
            }
            _ => {}
        }
    }
    // `i` for each <bpt>/<ept> pair.
    let mut used_i: HashSet<String> = HashSet::new();
    let mut i_of: HashMap<&str, String> = HashMap::new();
    let mut wanted: Vec<(&str, Option<String>)> = Vec::new();
    for run in runs {
        if let Run::Start { id, .. } = run
            && !hi.contains(id.as_str())
        {
            let from_side = side(v, id)
                .filter(|c| c.element == Some(Element::Paired))
                .and_then(|c| c.i.clone());
            let candidate = from_side.or_else(|| is_number(id).then(|| id.clone()));
            match candidate.filter(|c| !used_i.contains(c)) {
                Some(c) => {
                    used_i.insert(c.clone());
                    i_of.insert(id, c);
                }
                None => wanted.push((id, None)),
            }
        }
    }
    let mut next = 0u64;
    for (id, _) in wanted {
        let i = loop {
            next += 1;
            let s = next.to_string();
            if !used_i.contains(&s) {
                break s;
            }
        };
        used_i.insert(i.clone());
        i_of.insert(id, i);
    }
    let x_for = |id: &str| -> Option<String> {
        match side(v, id) {
            Some(c) => c.x.clone(),
            None if is_number(id) => Some(id.to_owned()),
            None => x_of.get(id).cloned(),
        }
    };
    let type_for = |id: &str, kind: CodeKind| -> Option<String> {
        match side(v, id) {
            Some(c) => c.kind.clone(),
            None => default_type(kind).map(str::to_owned),
        }
    };
    let mut bad: Option<char> = None;
    let mut text = |out: &mut String, s: &str| {
        escape_text(out, s, &mut |_, c| {
            bad.get_or_insert(c);
        });
    };
    for run in runs {
        match run {
            Run::Text(t) => text(out, t),
            Run::Protected(t) => {
                out.push_str("<hi");
                write_attr(out, "type", HI_PROTECTED);
                out.push('>');
                text(out, t);
                out.push_str("</hi>");
            }
            Run::Start { id, kind, markup } if hi.contains(id.as_str()) => {
                let _ = (kind, markup);
                out.push_str("<hi");
                if let Some(c) = side(v, id) {
                    opt_attr(out, "x", &c.x);
                    opt_attr(out, "type", &c.kind);
                }
                out.push('>');
            }
            Run::End { id, .. } if hi.contains(id.as_str()) => out.push_str("</hi>"),
            Run::Start { id, kind, markup } => {
                out.push_str("<bpt");
                write_attr(out, "i", i_of.get(id.as_str()).map_or("1", String::as_str));
                opt_attr(out, "x", &x_for(id));
                opt_attr(out, "type", &type_for(id, *kind));
                out.push('>');
                let pieces = side(v, id).map_or(&[][..], |c| &c.content[..]);
                content(out, markup, pieces, &mut text);
                out.push_str("</bpt>");
            }
            Run::End { id, markup } => {
                out.push_str("<ept");
                write_attr(out, "i", i_of.get(id.as_str()).map_or("1", String::as_str));
                out.push('>');
                let pieces = side(v, id).map_or(&[][..], |c| &c.end_content[..]);
                content(out, markup, pieces, &mut text);
                out.push_str("</ept>");
            }
            Run::Code { id, kind, markup } => {
                let c = side(v, id);
                match c.and_then(|c| c.element) {
                    Some(Element::Isolated(pos)) => {
                        out.push_str("<it");
                        write_attr(out, "pos", pos.as_str());
                        opt_attr(out, "x", &x_for(id));
                        opt_attr(out, "type", &type_for(id, *kind));
                        out.push('>');
                        content(
                            out,
                            markup,
                            c.map_or(&[][..], |c| &c.content[..]),
                            &mut text,
                        );
                        out.push_str("</it>");
                    }
                    _ => {
                        out.push_str("<ph");
                        opt_attr(out, "x", &x_for(id));
                        opt_attr(out, "assoc", &c.and_then(|c| c.assoc.clone()));
                        opt_attr(out, "type", &type_for(id, *kind));
                        out.push('>');
                        content(
                            out,
                            markup,
                            c.map_or(&[][..], |c| &c.content[..]),
                            &mut text,
                        );
                        out.push_str("</ph>");
                    }
                }
            }
        }
    }
    match bad {
        Some(c) => Err(model_error(format!(
            "the text of variant {} holds U+{:04X}, a character XML cannot carry",
            v.lang,
            u32::from(c)
        ))),
        None => Ok(()),
    }
}

/// Writes a code's content: its pieces when they still make up its markup
/// and each `<sub>` is well formed, else the markup as native text.
fn content(
    out: &mut String,
    markup: &str,
    pieces: &[Piece],
    text: &mut impl FnMut(&mut String, &str),
) {
    if !pieces.is_empty()
        && Code::markup_of(pieces) == markup
        && pieces.iter().all(|p| match p {
            Piece::Sub(raw) => is_sub(raw),
            _ => true,
        })
    {
        for p in pieces {
            match p {
                Piece::Native(t) => text(out, t),
                Piece::Sub(raw) => out.push_str(raw),
            }
        }
    } else {
        text(out, markup);
    }
}

/// True when `raw` is one well-formed `<sub>` element holding only text and
/// the inline elements TMX allows there.
fn is_sub(raw: &str) -> bool {
    use quick_xml::events::{BytesStart, Event};
    let allowed = |e: &BytesStart<'_>, first: bool| {
        let name = e.name();
        let ok = if first {
            name.as_ref() == "sub"
        } else {
            matches!(
                name.as_ref(),
                "bpt" | "ept" | "it" | "ph" | "hi" | "ut" | "sub"
            )
        };
        ok && e
            .attributes()
            .all(|a| a.is_ok_and(|a| crate::xliff::xml::attr_value(&a).is_ok()))
    };
    let mut r = quick_xml::Reader::from_str(raw);
    r.config_mut().check_end_names = true;
    let at_end = |r: &quick_xml::Reader<&[u8]>| r.buffer_position() == raw.len() as u64;
    let mut depth = 0usize;
    let mut first = true;
    loop {
        let Ok(ev) = r.read_event() else {
            return false;
        };
        match ev {
            Event::Start(e) => {
                if !allowed(&e, first) {
                    return false;
                }
                first = false;
                depth += 1;
            }
            Event::Empty(e) => {
                if !allowed(&e, first) {
                    return false;
                }
                if first {
                    return at_end(&r);
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at_end(&r);
                }
            }
            Event::GeneralRef(g) => {
                if first || crate::xliff::xml::resolve_ref(&g).is_err() {
                    return false;
                }
            }
            Event::Text(_) | Event::CData(_) | Event::Comment(_) if !first => {}
            _ => return false,
        }
    }
}

/// The TMX `type` newsloc writes for a code kind when it has no other.
fn default_type(kind: CodeKind) -> Option<&'static str> {
    match kind {
        CodeKind::Strong => Some("bold"),
        CodeKind::Emphasis => Some("italic"),
        CodeKind::Link => Some("link"),
        CodeKind::LineBreak => Some("lb"),
        CodeKind::Script => Some("x-script"),
        _ => None,
    }
}
