//! Document structure: the prolog and the root, `<file>` with its
//! `<header>`, groups, and notes; what is outside XLIFF is kept verbatim.

use super::*;

impl<'a> Parser<'a, '_> {
    /// Reads the whole document into the visitor (through a window: as
    /// far as the window holds whole pieces, going on where the last one
    /// stopped); the rule violations found are left in `problems`.
    pub(super) fn document(&mut self) -> Result<(), Error> {
        // Going on in a new window: where the last one stopped.
        if let Some(epilog) = self.resume().and_then(|r| r.epilog.take()) {
            return self.epilog(epilog);
        }
        if let Some(r) = self.resume().filter(|r| r.root) {
            r.root = false;
            let at = self.r.open_elements().first().map_or(0, |&(_, at)| at);
            self.root_items()?;
            return self.after_root(at);
        }
        let mut doc = Document {
            version: Version::V1_2,
            ..Document::default()
        };
        // Prolog.
        let at = loop {
            let at = self.r.last_end();
            match self.r.next()? {
                // Only at the very start (the decoded text has no BOM);
                // later, `<?xml` is a processing instruction with a
                // reserved name.
                Event::Decl(_) if at == 0 => {}
                Event::Decl(_) => {
                    return Err(self.err(at, "XML declaration not at the start of the input"));
                }
                Event::Comment(_) | Event::PI(_) => {
                    doc.prolog.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => self.check_space(&t, at)?,
                Event::Start(e) => {
                    self.root(doc, &e, at, false)?;
                    break at;
                }
                Event::Empty(e) => {
                    self.root(doc, &e, at, true)?;
                    break at;
                }
                Event::Eof => return Err(self.err(at, "no root element: the input is empty")),
                _ => return Err(self.err(at, "content before the root element")),
            }
        };
        self.after_root(at)
    }

    /// Once the children of the root (at `at`) are read (unless reading
    /// stopped among them): the check that it has a file, then the epilog.
    fn after_root(&mut self, at: usize) -> Result<(), Error> {
        if self.paused() {
            return Ok(());
        }
        if self.files == 0 {
            let p = self
                .r
                .problem_at(at, ProblemKind::MissingElement, "<xliff> has no <file>");
            self.problems.push(p);
        }
        self.epilog(Vec::new())
    }

    /// What follows the root: comments and PIs (gathered in `epilog`).
    pub(super) fn epilog(&mut self, mut epilog: Vec<Raw>) -> Result<(), Error> {
        loop {
            if self.pause_here(None) {
                if let Some(r) = self.resume() {
                    r.epilog = Some(epilog);
                }
                return Ok(());
            }
            let at = self.r.last_end();
            match self.r.next()? {
                Event::Comment(_) | Event::PI(_) => {
                    epilog.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => self.check_space(&t, at)?,
                Event::Eof => break,
                _ => return Err(self.err(at, "content after the root element")),
            }
        }
        self.v.end(epilog.into());
        Ok(())
    }

    pub(super) fn root(
        &mut self,
        mut doc: Document,
        e: &BytesStart<'_>,
        at: usize,
        empty: bool,
    ) -> Result<(), Error> {
        let (attrs, xliff) = self.open(e, at, empty)?;
        let name = e.name();
        if !matches!(Self::kind(name.as_ref(), xliff), Kind::Xliff("xliff")) {
            return Err(self.r.error_of(
                crate::ErrorKind::NotXliff,
                at,
                format!(
                    "the root element is <{}>, not an XLIFF 1.x <xliff>",
                    name.as_ref()
                ),
            ));
        }
        let version = find(&attrs, "version").unwrap_or("");
        let root_ns = match split_name(name.as_ref()).0 {
            "" => find(&attrs, "xmlns"),
            p => find(&attrs, &format!("xmlns:{p}")),
        };
        let ns = root_ns.unwrap_or("");
        self.legacy =
            ns.ends_with(":1.0") || ns.ends_with(":1.1") || (ns.is_empty() && version != "1.2");
        let sh = self.r.ctx.shared;
        for a in &attrs {
            match a.name {
                "version" => {}
                "xmlns" if XLIFF_NAMESPACES.contains(&&*a.value) => {}
                _ => doc.attrs.push(a.attr(sh)),
            }
        }
        self.recycle(attrs);
        self.v.start(doc);
        if empty {
            return Ok(());
        }
        self.root_items()
    }

    /// The children of `<xliff>` up to its end tag.
    fn root_items(&mut self) -> Result<(), Error> {
        if let Some(f) = self.resume().and_then(|r| r.file.take()) {
            self.file_items(f)?;
        }
        loop {
            if self.paused() || self.pause_here(Some("file")) {
                if let Some(r) = self.resume() {
                    r.root = true;
                }
                return Ok(());
            }
            let s = self.r.last_end();
            match self.r.next()? {
                Event::Start(c) => self.root_child(&c, s, false)?,
                Event::Empty(c) => self.root_child(&c, s, true)?,
                Event::End(_) => {
                    self.close();
                    break;
                }
                Event::Comment(_) | Event::PI(_) => {
                    self.v.raw(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => self.stray_text(&t, s, "xliff"),
                Event::CData(_) | Event::GeneralRef(_) => self.stray_text_problem(s, "xliff"),
                _ => {}
            }
        }
        Ok(())
    }

    fn root_child(&mut self, e: &BytesStart<'_>, at: usize, empty: bool) -> Result<(), Error> {
        let (attrs, xliff) = self.open(e, at, empty)?;
        let name = e.name();
        if let Kind::Xliff("file") = Self::kind(name.as_ref(), xliff) {
            self.files += 1;
            self.file(attrs, at, empty)?;
        } else {
            let raw = self.raw(at, empty)?;
            self.v.raw(raw);
        }
        Ok(())
    }

    /// Reads a `<file>`: its header is handed over when `<body>` starts,
    /// then its items one by one.
    pub(super) fn file(&mut self, attrs: Vec<A<'a>>, at: usize, empty: bool) -> Result<(), Error> {
        let mut file = File::default();
        let sh = self.r.ctx.shared;
        for a in &attrs {
            match a.name {
                "original" => file.original = Some(a.str(sh)),
                "source-language" => file.src_lang = Some(a.str(sh)),
                "target-language" => file.trg_lang = Some(a.str(sh)),
                "datatype" => file.datatype = Some(a.str(sh)),
                _ => file.attrs.push(a.attr(sh)),
            }
        }
        self.recycle(attrs);
        if empty {
            let p = self
                .r
                .problem_at(at, ProblemKind::MissingElement, "<file> has no <body>");
            self.problems.push(p);
            return Ok(());
        }
        self.file_items(FileFrame {
            at,
            header: Some(file),
            ids: Ids::default(),
        })
    }

    /// The children of the `<file>` of `f` up to its end tag (the items of
    /// its `<body>` first when reading stopped among them).
    fn file_items(&mut self, mut f: FileFrame) -> Result<(), Error> {
        if let Some(groups) = self.resume().and_then(|r| r.body.take()) {
            self.items(&mut f.ids, groups)?;
        }
        loop {
            let container = f.header.is_some().then_some("body");
            if self.paused() || self.pause_here(container) {
                if let Some(r) = self.resume() {
                    r.file = Some(f);
                }
                return Ok(());
            }
            let s = self.r.last_end();
            let (e, is_empty) = match self.r.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    self.close();
                    break;
                }
                Event::Comment(_) | Event::PI(_) => {
                    let raw = Raw(self.r.ctx.str(self.r.last_text()));
                    match f.header.as_mut() {
                        Some(f) => f.extensions.push(raw),
                        None => self.v.raw(raw),
                    }
                    continue;
                }
                Event::Text(t) => {
                    self.stray_text(&t, s, "file");
                    continue;
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    self.stray_text_problem(s, "file");
                    continue;
                }
                _ => continue,
            };
            let (attrs, xliff) = self.open(&e, s, is_empty)?;
            self.recycle(attrs);
            match (Self::kind(e.name().as_ref(), xliff), f.header.as_mut()) {
                (Kind::Xliff("header"), Some(h)) if !is_empty => self.header(h)?,
                (Kind::Xliff("header"), Some(_)) => {}
                (Kind::Xliff("body"), Some(_)) => {
                    if let Some(h) = f.header.take() {
                        self.v.file(h);
                    }
                    if !is_empty {
                        self.items(&mut f.ids, Vec::new())?;
                    }
                }
                (_, Some(h)) => {
                    let raw = self.raw(s, is_empty)?;
                    h.extensions.push(raw);
                }
                (_, None) => {
                    let raw = self.raw(s, is_empty)?;
                    self.v.raw(raw);
                }
            }
        }
        if let Some(h) = f.header {
            let p = self
                .r
                .problem_at(f.at, ProblemKind::MissingElement, "<file> has no <body>");
            self.problems.push(p);
            // Still handed over, so that what it holds is seen.
            self.v.file(h);
        }
        self.v.file_end();
        Ok(())
    }

    pub(super) fn header(&mut self, file: &mut File) -> Result<(), Error> {
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
                        let n = self.note_from_attrs(attrs, Str::new());
                        file.notes.push(n);
                    } else {
                        file.header.push(Raw(self.r.ctx.str(self.r.last_text())));
                    }
                }
                Event::End(_) => {
                    self.close();
                    return Ok(());
                }
                Event::Comment(_) | Event::PI(_) => {
                    file.header.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => self.stray_text(&t, s, "header"),
                Event::CData(_) | Event::GeneralRef(_) => self.stray_text_problem(s, "header"),
                _ => {}
            }
        }
    }

    /// Reads the children of `<body>` (already opened) up to its end tag,
    /// handing units, groups and verbatim items over. Groups are followed
    /// with an explicit stack, not recursion, so deep nesting cannot
    /// exhaust the call stack. A group's header is held until its first
    /// item: notes and extensions before it go into the header, later ones
    /// are handed over verbatim.
    pub(super) fn items(&mut self, ids: &mut Ids, mut open: Vec<Frame>) -> Result<(), Error> {
        loop {
            if self.pause_here(Some("group")) {
                if let Some(r) = self.resume() {
                    r.body = Some(open);
                }
                return Ok(());
            }
            let s = self.r.last_end();
            let parent = if open.is_empty() { "body" } else { "group" };
            let (e, empty) = match self.r.next()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    self.close();
                    match open.pop() {
                        Some(mut f) => {
                            self.flush(&mut f);
                            self.v.group_end();
                            continue;
                        }
                        None => return Ok(()),
                    }
                }
                Event::Comment(_) | Event::PI(_) => {
                    // Items of the group, but they must not hand the header
                    // over before the notes that may follow them.
                    let raw = Raw(self.r.ctx.str(self.r.last_text()));
                    match open.last_mut() {
                        Some(f) if f.pending.is_some() => f.held.push(raw),
                        _ => self.v.raw(raw),
                    }
                    continue;
                }
                Event::Text(t) => {
                    self.stray_text(&t, s, parent);
                    continue;
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    self.stray_text_problem(s, parent);
                    continue;
                }
                _ => continue,
            };
            let (attrs, xliff) = self.open(&e, s, empty)?;
            match Self::kind(e.name().as_ref(), xliff) {
                Kind::Xliff("trans-unit") => {
                    self.flush_top(&mut open);
                    let unit = self.unit(attrs, s, empty, ids)?;
                    self.v.unit(unit);
                }
                Kind::Xliff("group") => {
                    self.flush_top(&mut open);
                    let g = group_from_attrs(&attrs, self.r.ctx.shared);
                    self.recycle(attrs);
                    if empty {
                        self.v.group(g);
                        self.v.group_end();
                    } else {
                        open.push(Frame {
                            pending: Some(g),
                            held: List::new(),
                        });
                    }
                }
                Kind::Xliff("bin-unit") => {
                    self.flush_top(&mut open);
                    let raw = self.raw(s, empty)?;
                    self.v.raw(raw);
                }
                Kind::Xliff("note") if !open.is_empty() => {
                    let note = if empty {
                        Ok(self.note_from_attrs(attrs, Str::new()))
                    } else {
                        self.note(attrs, s)?
                    };
                    match (note, open.last_mut().and_then(|f| f.pending.as_mut())) {
                        (Ok(n), Some(g)) => g.notes.push(n),
                        (Err(raw), Some(g)) => g.extensions.push(raw),
                        (_, None) => {
                            let end = self.r.last_end();
                            let text = self.r.ctx.slice(s, end);
                            self.v.raw(Raw(self.r.ctx.str(text)));
                        }
                    }
                }
                _ => {
                    let raw = self.raw(s, empty)?;
                    match open.last_mut().and_then(|f| f.pending.as_mut()) {
                        Some(g) => g.extensions.push(raw),
                        None => self.v.raw(raw),
                    }
                }
            }
        }
    }

    /// Hands the innermost open group's header over if it has not been yet.
    fn flush_top(&mut self, open: &mut [Frame]) {
        if let Some(f) = open.last_mut() {
            self.flush(f);
        }
    }

    fn flush(&mut self, frame: &mut Frame) {
        if let Some(g) = frame.pending.take() {
            self.v.group(g);
        }
        for raw in frame.held.drain(..) {
            self.v.raw(raw);
        }
    }

    /// Reads a note's content. A note holding elements is returned as raw.
    pub(super) fn note(
        &mut self,
        attrs: Vec<A<'a>>,
        at: usize,
    ) -> Result<Result<Note, Raw>, Error> {
        // The parser's run, whose buffer is reused (a note is never read
        // inside content, the run's other user); left empty when handed
        // back.
        let mut text = std::mem::take(&mut self.run);
        text.clear();
        let mut elements = false;
        let depth = self.r.depth();
        loop {
            let s = self.r.last_end();
            match self.r.next()? {
                Event::Text(t) => text.push(t.xml10_content()),
                Event::CData(c) => text.push(c.xml10_content()),
                Event::GeneralRef(g) => match resolve_ref(&g).map_err(|m| self.err(s, m))? {
                    Resolved::Entity(e) => text.push_str(e),
                    Resolved::Char(c) => text.push_char(c),
                },
                Event::Start(e) => {
                    elements = true;
                    let (a, _) = self.open(&e, s, false)?;
                    self.recycle(a);
                }
                Event::Empty(e) => {
                    elements = true;
                    let (a, _) = self.open(&e, s, true)?;
                    self.recycle(a);
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
            text.clear();
            self.run = text;
            let end = self.r.last_end();
            return Ok(Err(Raw(self.r.ctx.str(self.r.ctx.slice(at, end)))));
        }
        let note = text.take(&self.r.ctx).unwrap_or_default();
        self.run = text;
        Ok(Ok(self.note_from_attrs(attrs, note)))
    }

    /// A note from its attributes and text (the list is recycled).
    pub(super) fn note_from_attrs(&mut self, attrs: Vec<A<'a>>, text: Str) -> Note {
        let n = note_from_attrs(&attrs, self.r.ctx.shared, text);
        self.recycle(attrs);
        n
    }
}

/// A group being read: its header until handed over, and comments met
/// before that.
pub(super) struct Frame {
    pending: Option<Group>,
    held: List<Raw>,
}

fn group_from_attrs(attrs: &[A<'_>], sh: &Shared) -> Group {
    let mut g = Group::default();
    for a in attrs {
        match a.name {
            "id" => g.id = Some(a.str(sh)),
            "resname" => g.name = Some(a.str(sh)),
            "restype" => g.kind = Some(a.str(sh)),
            "translate" if parse_yes_no(&a.value).is_some() => g.translate = parse_yes_no(&a.value),
            "xml:space" if parse_space(&a.value).is_some() => g.space = parse_space(&a.value),
            _ => g.attrs.push(a.attr(sh)),
        }
    }
    g
}

pub(super) fn note_from_attrs(attrs: &[A<'_>], sh: &Shared, text: Str) -> Note {
    let mut n = Note {
        text,
        ..Note::default()
    };
    for a in attrs {
        match a.name {
            "from" => n.category = Some(a.str(sh)),
            "priority" if a.value.trim().parse::<u8>().is_ok() => {
                n.priority = a.value.trim().parse().ok()
            }
            "annotates" if AppliesTo::parse(&a.value).is_some() => {
                n.applies_to = AppliesTo::parse(&a.value)
            }
            _ => n.attrs.push(a.attr(sh)),
        }
    }
    n
}
