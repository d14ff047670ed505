//! The document structure: `<xliff>`, `<file>`, `<group>`, notes, `<unit>`
//! and its parts (segments, ignorables, original data).

use super::*;

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    // ----- document, file, group ---------------------------------------

    pub(super) fn document(&mut self) -> Result<(), Error> {
        // Going on in a new window: where the last one stopped.
        if let Some(epilog) = self.resume().and_then(|r| r.epilog.take()) {
            return self.epilog(epilog);
        }
        if let Some(f) = self.resume().and_then(|r| r.root.take()) {
            let tag = self.open_tag(1);
            return self.root_items(tag, f.root, f.files);
        }
        let mut prolog = Vec::new();
        let root = loop {
            let ev = self.r.next()?;
            let at = self.r.last_start();
            match ev {
                // The declaration must open the input (XML 1.0 §2.8; the
                // text here starts after any BOM): later, `<?xml` is a
                // processing instruction with a reserved name.
                Event::Decl(_) if at == 0 => {}
                Event::Decl(_) => {
                    return Err(self
                        .r
                        .error_at(at, "XML declaration not at the start of the input"));
                }
                Event::Comment(_) | Event::PI(_) => {
                    prolog.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) => {
                    if !t.trim_ascii().is_empty() {
                        return Err(self.r.error_at(at, "text before the root element"));
                    }
                }
                Event::Start(e) | Event::Empty(e) => {
                    let empty = self.r.last_text().ends_with("/>");
                    let len = e.name().as_ref().len();
                    let qname = self.r.ctx.slice(at + 1, at + 1 + len);
                    break self.open(qname, empty)?;
                }
                Event::Eof => return Err(self.r.error_at(at, "no root element")),
                _ => {
                    return Err(self
                        .r
                        .error_at(at, "unexpected content before the root element"));
                }
            }
        };
        let (tag, attrs) = root;
        let (prefix, _) = split_name(tag.qname);
        let ns = self.ns.resolve(prefix).unwrap_or("");
        self.core_tag = ns_tag(ns).min(TAG_22);
        let no_ns_v2 = ns.is_empty()
            && attrs
                .iter()
                .any(|a| a.qname == "version" && a.value.starts_with("2."));
        self.core_ns = match ns {
            NS_20 => NS_20,
            NS_22 => NS_22,
            // Some tools write XLIFF 2 without its namespace: read it as 2.x.
            "" if no_ns_v2 => "",
            other => {
                return Err(self.r.error_of(
                    crate::ErrorKind::NotXliff,
                    tag.start,
                    format!(
                        "root <{}> is not in an XLIFF 2 namespace (found \"{other}\")",
                        tag.qname
                    ),
                ));
            }
        };
        if tag.local != "xliff" {
            return Err(self.r.error_of(
                crate::ErrorKind::NotXliff,
                tag.start,
                format!("root element is <{}>, not <xliff>", tag.qname),
            ));
        }
        let mut doc = Document {
            prolog: prolog.into(),
            ..Document::default()
        };
        let mut version = None;
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "version") => version = Some(a.value.to_string()),
                (Ns::None, "srcLang") => doc.src_lang = Some(self.lang_attr(&tag, a)),
                (Ns::None, "trgLang") => doc.trg_lang = Some(self.lang_attr(&tag, a)),
                (Ns::Xml, "lang") => {
                    let l = self.lang_attr(&tag, a);
                    self.lang = Some(l.clone());
                    doc.attrs.push(Attr::new(a.qname, &*l));
                }
                _ if a.qname == "xmlns"
                    || a.qname == format!("xmlns:{prefix}") && !prefix.is_empty() => {}
                _ => self.extra(&tag, a, &mut doc.attrs),
            }
        }
        self.version = match (version.as_deref(), self.core_ns) {
            (Some("2.0"), NS_20 | "") => Version::V2_0,
            (Some("2.1"), NS_20 | "") => Version::V2_1,
            (Some("2.2"), "") => Version::V2_2,
            (Some("2.2"), NS_22) => Version::V2_2,
            (Some(v), _) => {
                // The namespace says what the elements mean: read by it.
                self.problem(
                    tag.start,
                    ProblemKind::Namespace,
                    format!(
                        "version=\"{v}\" does not match the namespace {} (read as {})",
                        self.core_ns,
                        if self.core_ns == NS_22 { "2.2" } else { "2.0" }
                    ),
                );
                if self.core_ns == NS_22 {
                    Version::V2_2
                } else {
                    Version::V2_0
                }
            }
            (None, _) => {
                self.problem(
                    tag.start,
                    ProblemKind::MissingAttribute,
                    "<xliff> without version",
                );
                if self.core_ns == NS_22 {
                    Version::V2_2
                } else {
                    Version::V2_0
                }
            }
        };
        doc.version = self.version;
        if doc.src_lang.is_none() {
            self.problem(
                tag.start,
                ProblemKind::MissingAttribute,
                "<xliff> without srcLang",
            );
        }
        self.src_lang = doc.src_lang.clone();
        self.trg_lang = doc.trg_lang.clone();
        self.root_items(tag, Some(doc), 0)
    }

    /// The children of `<xliff>`, the root's header (`root`) handed over
    /// at the first file, then the end of the document.
    fn root_items(
        &mut self,
        tag: Tag<'a>,
        mut root: Option<Document>,
        mut files: usize,
    ) -> Result<(), Error> {
        if self.resume().is_some_and(|r| r.file.is_some()) {
            self.file_resume()?;
        }
        loop {
            if self.paused() || self.pause_here() {
                if let Some(r) = self.resume() {
                    r.root = Some(RootFrame { root, files });
                }
                return Ok(());
            }
            let Some(c) = self.child(&tag)? else {
                break;
            };
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(m) => match root.as_mut() {
                    Some(d) => d.extensions.push(Raw(self.r.ctx.str(m))),
                    None => self.visitor.raw(Raw(self.r.ctx.str(m))),
                },
                Child::Elem(t, a) => {
                    if t.ns == Ns::Core
                        && t.local == "notes"
                        && self.version == Version::V2_2
                        && files == 0
                    {
                        let notes = self.notes(t, a)?;
                        if let Some(d) = root.as_mut() {
                            d.notes = notes;
                        }
                    } else if t.ns == Ns::Core && t.local == "file" {
                        files += 1;
                        if let Some(d) = root.take() {
                            self.visitor.start(d);
                        }
                        self.file(t, a)?;
                    } else if t.ns == Ns::Mda && self.version == Version::V2_2 && files == 0 {
                        // 2.2 allows document-level metadata before the files.
                        let start = t.start;
                        let md = self.metadata(t, a)?;
                        let end = self.r.last_end();
                        let _ = md;
                        let text = self.r.ctx.slice(start, end);
                        match root.as_mut() {
                            Some(d) => d.extensions.push(Raw(self.r.ctx.str(text))),
                            None => self.visitor.raw(Raw(self.r.ctx.str(text))),
                        }
                    } else {
                        self.problem(
                            t.start,
                            ProblemKind::UnexpectedElement,
                            format!("<{}> not allowed in <xliff>", t.qname),
                        );
                        let raw = self.capture(&t)?;
                        self.visitor.raw(raw);
                    }
                }
            }
        }
        self.close(&tag);
        if let Some(d) = root.take() {
            self.visitor.start(d);
        }
        if files == 0 {
            self.problem(
                tag.start,
                ProblemKind::MissingElement,
                "<xliff> without <file>",
            );
        }
        self.epilog(Vec::new())
    }

    /// What follows the root: comments and PIs (gathered in `epilog`).
    fn epilog(&mut self, mut epilog: Vec<Raw>) -> Result<(), Error> {
        loop {
            if self.pause_here() {
                if let Some(r) = self.resume() {
                    r.epilog = Some(epilog);
                }
                return Ok(());
            }
            let ev = self.r.next()?;
            let at = self.r.last_start();
            match ev {
                Event::Eof => break,
                Event::Comment(_) | Event::PI(_) => {
                    epilog.push(Raw(self.r.ctx.str(self.r.last_text())))
                }
                Event::Text(t) if t.trim_ascii().is_empty() => {}
                _ => return Err(self.r.error_at(at, "content after the root element")),
            }
        }
        self.visitor.end(epilog.into());
        Ok(())
    }

    pub(super) fn file(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<(), Error> {
        let outer_lang = self.lang.clone();
        let r = self.file_inner(tag, attrs);
        self.file_leave(outer_lang, r)
    }

    /// Goes on reading the file open when the last window ended.
    fn file_resume(&mut self) -> Result<(), Error> {
        let Some(f) = self.resume().and_then(|r| r.file.take()) else {
            return Ok(());
        };
        let tag = self.open_tag(2);
        let outer_lang = f.outer_lang.clone();
        let r = self.file_items(tag, f);
        self.file_leave(outer_lang, r)
    }

    /// Restores the `xml:lang` outside the file once it is read (or keeps
    /// it for the next window when reading stopped in it).
    fn file_leave(&mut self, outer_lang: Option<Str>, r: Result<(), Error>) -> Result<(), Error> {
        match self.resume() {
            Some(res) if res.file.is_some() => {
                if let Some(f) = res.file.as_mut() {
                    f.outer_lang = outer_lang;
                }
            }
            _ => self.lang = outer_lang,
        }
        r
    }

    #[inline(never)]
    pub(super) fn file_inner(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<(), Error> {
        self.fc = FileCheck::default();
        self.slr_codepoints = false;
        self.space = None;
        let mut file = File::default();
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => file.id = Some(self.id_attr(&tag, a)),
                (Ns::None, "original") => file.original = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "translate") => file.translate = self.bool_attr(&tag, a),
                (Ns::None, "canResegment") => {
                    self.bool_attr(&tag, a);
                    file.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "srcDir" | "trgDir") => self.dir_attr(&tag, a, &mut file.attrs),
                (Ns::Xml, "space") => {
                    self.space = self.space_attr(&tag, a);
                    file.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::Xml, "lang") => {
                    let l = self.lang_attr(&tag, a);
                    file.attrs.push(Attr::new(a.qname, &*l));
                    self.lang = Some(l);
                }
                _ => self.extra(&tag, a, &mut file.attrs),
            }
        }
        self.file_id = file.id.clone();
        match &file.id {
            None => self.problem(
                tag.start,
                ProblemKind::MissingAttribute,
                "<file> without id",
            ),
            Some(id) => {
                if !self.file_ids.insert(id.clone()) {
                    self.problem(
                        tag.start,
                        ProblemKind::DuplicateId,
                        format!("file id \"{id}\" is not unique"),
                    );
                }
            }
        }
        // 0: skeleton allowed, 1: modules, 2: after notes, 3: items
        let frame = FileFrame {
            outer_lang: None,
            phase: 0,
            ext_ids: Vec::new(),
            header: Some(file),
            items: 0,
        };
        self.file_items(tag, frame)
    }

    /// The children of `<file>`, its header handed over at the first
    /// item, then the checks at its end.
    fn file_items(&mut self, tag: Tag<'a>, frame: FileFrame) -> Result<(), Error> {
        let FileFrame {
            outer_lang,
            mut phase,
            ext_ids: mut file_ext_ids,
            mut header,
            mut items,
        } = frame;
        if self.resume().is_some_and(|r| !r.groups.is_empty()) {
            self.group_resume()?;
        }
        loop {
            if self.paused() || self.pause_here() {
                if let Some(r) = self.resume() {
                    r.file = Some(FileFrame {
                        outer_lang,
                        phase,
                        ext_ids: file_ext_ids,
                        header,
                        items,
                    });
                }
                return Ok(());
            }
            let Some(c) = self.child(&tag)? else {
                break;
            };
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(m) => match header.as_mut() {
                    Some(f) => f.extensions.push(Raw(self.r.ctx.str(m))),
                    None => self.visitor.raw(Raw(self.r.ctx.str(m))),
                },
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("skeleton") {
                        if phase > 0 {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                "<skeleton> must come first in <file>",
                            );
                        }
                        phase = 1;
                        let has_href = a.iter().any(|x| x.ns == Ns::None && x.local == "href");
                        for x in &a {
                            if !(x.ns == Ns::None && x.local == "href") {
                                let mut sink = List::new();
                                self.extra(&t, x, &mut sink);
                            }
                        }
                        let raw = self.capture(&t)?;
                        let empty = raw
                            .as_str()
                            .find('>')
                            .and_then(|i| raw.as_str().get(i + 1..))
                            .is_none_or(|rest| {
                                rest.trim().is_empty() || rest.trim().starts_with("</")
                            });
                        let empty = t.empty || empty;
                        if has_href && !empty {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                "<skeleton> has both href and content",
                            );
                        } else if !has_href && empty {
                            self.problem(
                                t.start,
                                ProblemKind::MissingElement,
                                "<skeleton> has neither href nor content",
                            );
                        }
                        if let Some(f) = header.as_mut() {
                            f.skeleton = Some(raw);
                        }
                    } else if is("notes") {
                        if phase >= 2 {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                "<notes> out of place in <file>",
                            );
                        }
                        phase = 2;
                        let notes = self.notes(t, a)?;
                        self.ctr_notes(tag.depth, &notes);
                        if let Some(f) = header.as_mut() {
                            f.notes = notes;
                        }
                    } else if is("unit") || is("group") {
                        phase = 3;
                        items += 1;
                        if let Some(f) = header.take() {
                            self.visitor.file(f);
                        }
                        if is("unit") {
                            let u = self.unit(t, a)?;
                            self.visitor.unit(u);
                        } else {
                            self.group(t, a)?;
                        }
                    } else if t.ns == Ns::Core || t.ns == Ns::None {
                        self.refuse(&t, "<file>")?;
                    } else {
                        if phase >= 2 {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                format!("<{}> must come before notes and units", t.qname),
                            );
                        }
                        phase = phase.max(1);
                        if t.ns == Ns::Mda {
                            let md = self.metadata(t, a)?;
                            if let Some(f) = header.as_mut() {
                                f.metadata = md;
                            }
                        } else {
                            let raw = self.capture_module(&t, &a)?;
                            self.ext_ids(&t, &raw, &mut file_ext_ids);
                            if let Some(f) = header.as_mut() {
                                f.extensions.push(raw);
                            }
                        }
                    }
                }
            }
        }
        self.close(&tag);
        if let Some(f) = header.take() {
            self.visitor.file(f);
        }
        if items == 0 {
            self.problem(
                tag.start,
                ProblemKind::MissingElement,
                "<file> without <unit> or <group>",
            );
        }
        if !self.ctr_outer.pending.is_empty() {
            self.ctr_leave(tag.depth);
        }
        let fc = std::mem::take(&mut self.fc);
        for (id, at, unit) in fc.sub_flows {
            if !fc.unit_ids.contains(&id) {
                self.problems.push(self.r.ctx.problem(
                    at,
                    unit.as_deref(),
                    ProblemKind::BrokenReference,
                    format!("subFlows refers to unknown unit \"{id}\""),
                ));
            }
        }
        self.visitor.file_end();
        Ok(())
    }

    /// Reads a group and everything nested in it. Nested groups are kept on
    /// an explicit stack, not by recursion, so deep nesting costs no stack.
    pub(super) fn group(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<(), Error> {
        let stack = vec![self.group_open(tag, &attrs)];
        self.group_items(stack)
    }

    /// Goes on reading the groups open when the last window ended.
    fn group_resume(&mut self) -> Result<(), Error> {
        let frames = self
            .resume()
            .map(|r| std::mem::take(&mut r.groups))
            .unwrap_or_default();
        // Groups are nested in the file, each in the one before.
        let stack = frames
            .into_iter()
            .enumerate()
            .map(|(i, f)| OpenGroup {
                tag: self.open_tag(3 + i),
                ext_ids: f.ext_ids,
                header: f.header,
                phase: f.phase,
                space: f.space,
                lang: f.lang,
            })
            .collect();
        self.group_items(stack)
    }

    /// The children of the groups in `stack` (innermost last), until the
    /// outermost ends.
    fn group_items(&mut self, mut stack: Vec<OpenGroup<'a>>) -> Result<(), Error> {
        while let Some(top) = stack.last_mut() {
            let tag = top.tag;
            if self.pause_here() {
                let frames = stack
                    .into_iter()
                    .map(|g| GroupFrame {
                        ext_ids: g.ext_ids,
                        header: g.header,
                        phase: g.phase,
                        space: g.space,
                        lang: g.lang,
                    })
                    .collect();
                if let Some(r) = self.resume() {
                    r.groups = frames;
                }
                return Ok(());
            }
            let Some(c) = self.child(&tag)? else {
                if let Some(done) = stack.pop() {
                    self.close(&done.tag);
                    if let Some(g) = done.header {
                        self.visitor.group(g);
                    }
                    self.visitor.group_end();
                    self.space = done.space;
                    self.lang = done.lang;
                }
                continue;
            };
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(m) => match top.header.as_mut() {
                    Some(g) => g.extensions.push(Raw(self.r.ctx.str(m))),
                    None => self.visitor.raw(Raw(self.r.ctx.str(m))),
                },
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("notes") {
                        if top.phase >= 2 {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                "<notes> out of place in <group>",
                            );
                        }
                        top.phase = 2;
                        let notes = self.notes(t, a)?;
                        self.ctr_notes(tag.depth, &notes);
                        if let Some(g) = top.header.as_mut() {
                            g.notes = notes;
                        }
                    } else if is("unit") || is("group") {
                        top.phase = 3;
                        if let Some(g) = top.header.take() {
                            self.visitor.group(g);
                        }
                        if is("unit") {
                            let u = self.unit(t, a)?;
                            self.visitor.unit(u);
                        } else {
                            let open = self.group_open(t, &a);
                            stack.push(open);
                        }
                    } else if t.ns == Ns::Core || t.ns == Ns::None {
                        self.refuse(&t, "<group>")?;
                    } else {
                        if top.phase >= 2 {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                format!("<{}> must come before notes and units", t.qname),
                            );
                        }
                        if t.ns == Ns::Mda {
                            let md = self.metadata(t, a)?;
                            if let Some(g) = top.header.as_mut() {
                                g.metadata = md;
                            }
                        } else {
                            let raw = self.capture_module(&t, &a)?;
                            self.ext_ids(&t, &raw, &mut top.ext_ids);
                            if let Some(g) = top.header.as_mut() {
                                g.extensions.push(raw);
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Reads a group's attributes; sets the inherited `xml:space` and
    /// `xml:lang`, keeping the outer values to restore when it closes.
    pub(super) fn group_open(&mut self, tag: Tag<'a>, attrs: &[A<'a>]) -> OpenGroup<'a> {
        let outer_space = self.space;
        let outer_lang = self.lang.clone();
        let mut g = Group::default();
        for a in attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => g.id = Some(self.id_attr(&tag, a)),
                (Ns::None, "name") => g.name = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "type") => {
                    self.check_prefixed_type(&tag, a);
                    g.kind = Some(self.r.ctx.str(&a.value));
                }
                (Ns::None, "translate") => g.translate = self.bool_attr(&tag, a),
                (Ns::None, "canResegment") => {
                    self.bool_attr(&tag, a);
                    g.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "srcDir" | "trgDir") => self.dir_attr(&tag, a, &mut g.attrs),
                (Ns::Xml, "space") => {
                    g.space = self.space_attr(&tag, a);
                    self.space = g.space.or(self.space);
                }
                (Ns::Xml, "lang") => {
                    let l = self.lang_attr(&tag, a);
                    g.attrs.push(Attr::new(a.qname, &*l));
                    self.lang = Some(l);
                }
                _ => self.extra(&tag, a, &mut g.attrs),
            }
        }
        match &g.id {
            None => self.problem(
                tag.start,
                ProblemKind::MissingAttribute,
                "<group> without id",
            ),
            Some(id) => {
                if !self.fc.ids.insert(id.clone()) {
                    self.problem(
                        tag.start,
                        ProblemKind::DuplicateId,
                        format!("group id \"{id}\" is not unique in the file"),
                    );
                }
            }
        }
        self.enter_item(tag.depth, "group", g.id.as_ref());
        OpenGroup {
            tag,
            ext_ids: Vec::new(),
            header: Some(g),
            phase: 1,
            space: outer_space,
            lang: outer_lang,
        }
    }

    pub(super) fn check_prefixed_type(&mut self, tag: &Tag<'a>, a: &A<'a>) {
        let ok = a
            .value
            .split_once(':')
            .is_some_and(|(p, v)| !p.is_empty() && !v.is_empty() && p != "xlf");
        if !ok {
            self.problem(
                tag.start,
                ProblemKind::InvalidValue,
                format!("type=\"{}\" must be prefix:value (not xlf:)", a.value),
            );
        }
    }

    #[inline(never)]
    pub(super) fn notes(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<List<Note>, Error> {
        for a in &attrs {
            let mut sink = List::new();
            self.extra(&tag, a, &mut sink);
        }
        // Gathered in a reused list, taken at the exact count.
        let mut notes = std::mem::take(&mut self.notes_buf);
        notes.clear();
        // (Made at the first note id: most notes have none.)
        let mut ids: Option<HashSet<Str>> = None;
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Core && t.local == "note" {
                        let n = self.note(t, a)?;
                        if let Some(id) = &n.id
                            && !ids.get_or_insert_with(HashSet::default).insert(id.clone())
                        {
                            self.problem(
                                t.start,
                                ProblemKind::DuplicateId,
                                format!("note id \"{id}\" is not unique"),
                            );
                        }
                        notes.push(n);
                    } else if t.ns == Ns::Core || t.ns == Ns::None {
                        self.refuse(&t, "<notes>")?;
                    } else {
                        self.skip(&t)?;
                    }
                }
            }
        }
        self.close(&tag);
        if notes.is_empty() {
            self.problem(
                tag.start,
                ProblemKind::MissingElement,
                "<notes> without <note>",
            );
        }
        let out = notes.split_off(0);
        self.notes_buf = notes;
        Ok(out)
    }

    pub(super) fn note(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<Note, Error> {
        let mut n = Note::default();
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => n.id = Some(self.id_attr(&tag, a)),
                (Ns::None, "category") => n.category = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "ref") if self.version == Version::V2_2 => {
                    n.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "priority") => match a.value.parse::<u8>() {
                    Ok(p @ 1..=10) => n.priority = Some(p),
                    _ => self.problem(
                        tag.start,
                        ProblemKind::InvalidValue,
                        format!("priority=\"{}\" must be 1 to 10", a.value),
                    ),
                },
                (Ns::None, "appliesTo") => match AppliesTo::parse(&a.value) {
                    Some(x @ (AppliesTo::Source | AppliesTo::Target)) => n.applies_to = Some(x),
                    _ => self.problem(
                        tag.start,
                        ProblemKind::InvalidValue,
                        format!("appliesTo=\"{}\" must be source or target", a.value),
                    ),
                },
                _ => self.extra(&tag, a, &mut n.attrs),
            }
        }
        n.text = self.text_content(&tag, false)?;
        Ok(n)
    }

    // ----- unit ---------------------------------------------------------

    #[inline(never)]
    pub(super) fn unit(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<Unit, Error> {
        let outer_lang = self.lang.clone();
        let r = self.unit_inner(tag, attrs);
        self.lang = outer_lang;
        r
    }

    #[inline(never)]
    pub(super) fn unit_inner(&mut self, tag: Tag<'a>, attrs: Vec<A<'a>>) -> Result<Unit, Error> {
        let mut u = Unit::default();
        let mut has_id = false;
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => {
                    has_id = true;
                    u.id = self.id_attr(&tag, a);
                }
                (Ns::None, "name") => u.name = Some(self.r.ctx.str(&a.value)),
                (Ns::None, "type") => {
                    self.check_prefixed_type(&tag, a);
                    u.kind = Some(self.r.ctx.str(&a.value));
                }
                (Ns::None, "translate") => u.translate = self.bool_attr(&tag, a),
                (Ns::None, "canResegment") => {
                    self.bool_attr(&tag, a);
                    u.attrs.push(Attr::new(a.qname, &*a.value));
                }
                (Ns::None, "srcDir" | "trgDir") => self.dir_attr(&tag, a, &mut u.attrs),
                (Ns::Xml, "space") => u.space = self.space_attr(&tag, a),
                (Ns::Xml, "lang") => {
                    let l = self.lang_attr(&tag, a);
                    u.attrs.push(Attr::new(a.qname, &*l));
                    self.lang = Some(l);
                }
                _ => self.extra(&tag, a, &mut u.attrs),
            }
        }
        self.r.unit = Some(u.id.clone());
        if !has_id {
            self.problem(
                tag.start,
                ProblemKind::MissingAttribute,
                "<unit> without id",
            );
        } else {
            if !self.fc.unit_ids.insert(u.id.clone()) {
                self.problem(
                    tag.start,
                    ProblemKind::DuplicateId,
                    format!("unit id \"{}\" is not unique in the file", u.id),
                );
            }
        }
        self.enter_item(tag.depth, "unit", has_id.then_some(&u.id));
        let mut uc = self.uc_spare.take().unwrap_or_default();
        uc.clear();
        // 1: modules, 2: notes, 3: originalData, 4: parts
        let mut phase = 1;
        let mut unit_ext_ids = Vec::new();
        // Parts gather in a reused list and the unit takes them at their
        // exact count (no growth, no shrinking).
        self.parts_buf.clear();
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(m) => u.extensions.push(Raw(self.r.ctx.str(m))),
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("segment") || is("ignorable") {
                        phase = 4;
                        let part = self.part(t, a, &mut uc, u.space.or(self.space))?;
                        self.parts_buf.push(part);
                    } else if is("notes") {
                        if phase >= 2 {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                "<notes> out of place in <unit>",
                            );
                        }
                        phase = 2;
                        u.notes = self.notes(t, a)?;
                        uc.note_ids.clear();
                        uc.note_ids
                            .extend(u.notes.iter().filter_map(|n| n.id.clone()));
                    } else if is("originalData") {
                        if phase >= 3 {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                "<originalData> out of place in <unit>",
                            );
                        }
                        phase = 3;
                        u.original_data = self.original_data(t, a, &mut uc)?;
                    } else if t.ns == Ns::Core || t.ns == Ns::None {
                        self.refuse(&t, "<unit>")?;
                    } else {
                        if phase >= 2 {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                format!("<{}> must come before notes and segments", t.qname),
                            );
                        }
                        if t.ns == Ns::Mda {
                            u.metadata = self.metadata(t, a)?;
                        } else if t.ns == Ns::Mtc && t.local == "matches" {
                            self.matches(t, a, &mut u.candidates)?;
                        } else {
                            let raw = self.capture_module(&t, &a)?;
                            self.ext_ids(&t, &raw, &mut unit_ext_ids);
                            u.extensions.push(raw);
                        }
                    }
                }
            }
        }
        self.close(&tag);
        self.recycle(attrs);
        u.parts = self.parts_buf.split_off(0);
        if !u.parts.iter().any(|p| matches!(p, Part::Segment(_))) {
            self.problem(
                tag.start,
                ProblemKind::MissingElement,
                "<unit> without <segment>",
            );
        }
        self.finish_unit(&tag, &u, &uc);
        self.uc_spare = Some(uc);
        shrink_unit(&mut u);
        self.r.unit = None;
        Ok(u)
    }

    pub(super) fn original_data(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        uc: &mut UnitCheck<'a>,
    ) -> Result<List<Data>, Error> {
        for a in &attrs {
            let mut sink = List::new();
            self.extra(&tag, a, &mut sink);
        }
        uc.has_original_data = true;
        // Gathered in a reused list, taken at the exact count.
        let mut out = std::mem::take(&mut self.data_buf);
        out.clear();
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    if t.ns == Ns::Core && t.local == "data" {
                        let mut d = Data::default();
                        let mut id_key = None;
                        for x in &a {
                            match (x.ns, x.local) {
                                (Ns::None, "id") => {
                                    id_key = Some(dup(&x.value));
                                    d.id = self.id_attr(&t, x);
                                }
                                (Ns::None, "dir") => self.dir_attr(&t, x, &mut d.attrs),
                                (Ns::Xml, "space") => {
                                    self.space_attr(&t, x);
                                    d.attrs.push(Attr::new(x.qname, &*x.value));
                                }
                                _ => self.unknown_attr(&t, x),
                            }
                        }
                        if let Some(k) = id_key {
                            if !uc.data.insert(k) {
                                self.problem(
                                    t.start,
                                    ProblemKind::DuplicateId,
                                    format!("data id \"{}\" is not unique", d.id),
                                );
                            }
                        } else {
                            self.problem(
                                t.start,
                                ProblemKind::MissingAttribute,
                                "<data> without id",
                            );
                        }
                        d.text = self.text_content(&t, true)?;
                        out.push(d);
                    } else {
                        self.refuse(&t, "<originalData>")?;
                    }
                    self.recycle(a);
                }
            }
        }
        self.close(&tag);
        if out.is_empty() {
            self.problem(
                tag.start,
                ProblemKind::MissingElement,
                "<originalData> without <data>",
            );
        }
        let data = out.split_off(0);
        self.data_buf = out;
        Ok(data)
    }

    pub(super) fn part(
        &mut self,
        tag: Tag<'a>,
        attrs: Vec<A<'a>>,
        uc: &mut UnitCheck<'a>,
        unit_space: Option<Space>,
    ) -> Result<Part, Error> {
        let segment = tag.local == "segment";
        uc.parts += 1;
        let mut s = Segment::default();
        let mut explicit_order = false;
        for a in &attrs {
            match (a.ns, a.local) {
                (Ns::None, "id") => {
                    let id = self.id_attr(&tag, a);
                    if !uc.ids.insert(dup(&a.value)) {
                        self.problem(
                            tag.start,
                            ProblemKind::DuplicateId,
                            format!("id \"{id}\" is not unique in the unit"),
                        );
                    }
                    s.id = Some(id);
                }
                (Ns::None, "state") if segment => match a.value.parse::<State>() {
                    Ok(st) => s.state = Some(st),
                    Err(_) => self.problem(
                        tag.start,
                        ProblemKind::InvalidValue,
                        format!(
                            "state=\"{}\" is not initial, translated, reviewed or final",
                            a.value
                        ),
                    ),
                },
                (Ns::None, "subState") if segment => {
                    if !a
                        .value
                        .split_once(':')
                        .is_some_and(|(p, v)| !p.is_empty() && !v.is_empty())
                    {
                        self.problem(
                            tag.start,
                            ProblemKind::InvalidValue,
                            format!("subState=\"{}\" must be prefix:value", a.value),
                        );
                    }
                    s.sub_state = Some(self.r.ctx.str(&a.value));
                }
                (Ns::None, "canResegment") if segment => {
                    s.extra_mut().can_resegment = self.bool_attr(&tag, a)
                }
                _ if a.qname == "xmlns" => {}
                _ if segment && a.qname.starts_with("xmlns:") => {
                    s.extra_mut().attrs.push(Attr::new(a.qname, &*a.value))
                }
                _ if segment => self.unknown_attr(&tag, a),
                _ => self.unknown_attr(&tag, a),
            }
        }
        if s.sub_state.is_some() && s.state.is_none() {
            self.problem(
                tag.start,
                ProblemKind::MissingAttribute,
                "subState without state",
            );
        }
        let mut source = None;
        let mut source_attrs = (None, None, 0usize);
        while let Some(c) = self.child(&tag)? {
            match c {
                Child::Text(t, at) => self.stray_text(&t, at, &tag),
                Child::Misc(_) => {}
                Child::Elem(t, a) => {
                    let is = |l: &str| t.ns == Ns::Core && t.local == l;
                    if is("source") {
                        if source.is_some() || s.target.is_some() {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                "second <source>, or <source> after <target>",
                            );
                        }
                        for x in &a {
                            match (x.ns, x.local) {
                                (Ns::Xml, "lang") => {
                                    s.extra_mut().source_lang = Some(self.lang_attr(&t, x));
                                }
                                (Ns::Xml, "space") => {
                                    s.extra_mut().source_space = self.space_attr(&t, x)
                                }
                                _ if x.qname == "xmlns" => {}
                                _ if x.qname.starts_with("xmlns:") => s
                                    .extra_mut()
                                    .source_attrs
                                    .push(Attr::new(x.qname, &*x.value)),
                                _ => self.unknown_attr(&t, x),
                            }
                        }
                        let eff = s.source_lang().map(Str::from).or_else(|| self.lang.clone());
                        if let (Some(l), Some(src)) = (&eff, &self.src_lang)
                            && !lang_eq(l, src)
                        {
                            let m = format!(
                                "source language \"{l}\" (xml:lang, perhaps inherited) differs from srcLang \"{src}\""
                            );
                            self.problem(t.start, ProblemKind::Language, m);
                        }
                        source_attrs = (s.source_lang().map(Str::from), s.source_space(), t.start);
                        source = Some(self.content(&t, Side::Source, uc)?);
                    } else if is("target") {
                        if s.target.is_some() {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                "second <target>",
                            );
                        }
                        if source.is_none() {
                            self.problem(
                                t.start,
                                ProblemKind::UnexpectedElement,
                                "<target> before <source>",
                            );
                        }
                        uc.any_target = true;
                        if self.trg_lang.is_none() {
                            self.problem(
                                t.start,
                                ProblemKind::Language,
                                "<target> in a document without trgLang",
                            );
                        }
                        for x in &a {
                            match (x.ns, x.local) {
                                (Ns::Xml, "lang") => {
                                    s.extra_mut().target_lang = Some(self.lang_attr(&t, x));
                                }
                                (Ns::Xml, "space") => {
                                    s.extra_mut().target_space = self.space_attr(&t, x)
                                }
                                (Ns::None, "order") => match x.value.parse::<u32>() {
                                    Ok(o) => {
                                        explicit_order = true;
                                        uc.orders.push((o, t.start));
                                        s.extra_mut()
                                            .target_attrs
                                            .push(Attr::new(x.qname, &*x.value));
                                    }
                                    Err(_) => self.problem(
                                        t.start,
                                        ProblemKind::InvalidValue,
                                        format!("order=\"{}\" must be a positive integer", x.value),
                                    ),
                                },
                                _ if x.qname == "xmlns" => {}
                                _ if x.qname.starts_with("xmlns:") => s
                                    .extra_mut()
                                    .target_attrs
                                    .push(Attr::new(x.qname, &*x.value)),
                                _ => self.unknown_attr(&t, x),
                            }
                        }
                        if !explicit_order {
                            uc.orders.push((uc.parts, t.start));
                        }
                        let eff = s.target_lang().map(Str::from).or_else(|| self.lang.clone());
                        if let (Some(l), Some(trg)) = (&eff, &self.trg_lang)
                            && !lang_eq(l, trg)
                        {
                            let m = format!(
                                "target language \"{l}\" (xml:lang, perhaps inherited) differs from trgLang \"{trg}\""
                            );
                            self.problem(t.start, ProblemKind::Language, m);
                        }
                        let eff = |x: Option<Space>| x.or(unit_space).unwrap_or_default();
                        if eff(s.target_space()) != eff(source_attrs.1) {
                            self.problem(
                                t.start,
                                ProblemKind::InvalidValue,
                                "target xml:space differs from the source's",
                            );
                        }
                        s.target = Some(self.content(&t, Side::Target, uc)?);
                    } else {
                        self.refuse(&t, &format!("<{}>", tag.qname))?;
                    }
                }
            }
        }
        self.close(&tag);
        self.recycle(attrs);
        let Some(source) = source else {
            self.problem(
                tag.start,
                ProblemKind::MissingElement,
                format!("<{}> without <source>", tag.qname),
            );
            return Ok(if segment {
                Part::Segment(s)
            } else {
                Part::Ignorable(Ignorable::default())
            });
        };
        s.source = source;
        let _ = source_attrs.0;
        if segment {
            Ok(Part::Segment(s))
        } else {
            Ok(Part::Ignorable(Ignorable {
                id: s.id,
                source: s.source,
                target: s.target,
            }))
        }
    }
}

/// Gives back the spare capacity of a unit's lists (they grew while
/// reading), so a read document holds little more than its content.
pub(super) fn shrink_unit(u: &mut Unit) {
    u.parts.shrink_to_fit();
    u.notes.shrink_to_fit();
    u.original_data.shrink_to_fit();
    u.attrs.shrink_to_fit();
    u.extensions.shrink_to_fit();
    u.candidates.shrink_to_fit();
    for p in &mut u.parts {
        if let Part::Segment(s) = p {
            s.tidy_extra();
        }
    }
}
