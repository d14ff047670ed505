//! Opening tags: namespace declarations, element and attribute names
//! resolved to namespaces, the attributes read (a fast scan, and quick-xml's
//! reading for a tag the scan refuses); the child-event loop; the helpers
//! that read and check one attribute value.

use super::*;

impl<'a, 'v, V: Visitor> Parser<'a, 'v, V> {
    // ----- plumbing -----------------------------------------------------

    /// Where the structural elements were when the last window ended
    /// (`None` unless reading through windows).
    pub(super) fn resume(&mut self) -> Option<&mut Resume> {
        self.stream.as_deref_mut().map(|s| &mut s.resume)
    }

    /// True once reading has stopped at the end of the window.
    pub(super) fn paused(&self) -> bool {
        self.stream.as_ref().is_some_and(|s| s.paused)
    }

    /// The tag of the open element at `depth` (1 for the root), as it is
    /// rebuilt in a new window: a core element, not empty.
    pub(super) fn open_tag(&self, depth: usize) -> Tag<'a> {
        let (qname, start) = depth
            .checked_sub(1)
            .and_then(|i| self.r.open_elements().get(i))
            .copied()
            .unwrap_or(("", 0));
        Tag {
            qname,
            local: split_name(qname).1,
            ns: Ns::Core,
            start,
            empty: false,
            depth,
        }
    }

    /// Reading through a window, before the next child of `<xliff>`,
    /// `<file>` or `<group>` (or what follows the root): true, and reading
    /// stops, when that child is not whole in the window (for a file or
    /// group, its start tag: their children are checked one by one).
    #[inline]
    pub(super) fn pause_here(&mut self) -> bool {
        let Some(mut s) = self.stream.take() else {
            return false;
        };
        let (ctx, at, depth) = (self.r.ctx, self.r.last_end(), self.r.depth());
        let paused = s.pause_before(ctx, at, depth, |tag| self.is_container(tag));
        self.stream = Some(s);
        paused
    }

    /// True when the start tag whose text after `<` starts `tag` (whole in
    /// the window) opens a core `<file>` or `<group>`, whose children are
    /// read one by one.
    fn is_container(&self, tag: &str) -> bool {
        let Some((qname, own)) = crate::window::tag_name_and_binding(tag) else {
            // Not read here: the whole element is asked for.
            return false;
        };
        let (prefix, local) = split_name(qname);
        if !matches!(local, "file" | "group") {
            return false;
        }
        // Its own declaration of its prefix, else the one in scope.
        match own.or_else(|| self.ns.resolve(prefix)) {
            Some(uri) => !uri.is_empty() && uri == self.core_ns,
            None => prefix.is_empty() && self.core_ns.is_empty(),
        }
    }

    pub(super) fn problem(&mut self, offset: usize, kind: ProblemKind, message: impl Into<String>) {
        let p = self.r.problem_at(offset, kind, message);
        self.problems.push(p);
    }

    pub(super) fn classify(&self, prefix: &str, is_attr: bool) -> Ns {
        if prefix.is_empty() && is_attr {
            return Ns::None;
        }
        if prefix == "xml" {
            return Ns::Xml;
        }
        let tag = match self.ns.resolve_tag(prefix) {
            Some(t) => t,
            None if prefix.is_empty() => {
                return if self.core_ns.is_empty() {
                    Ns::Core
                } else {
                    Ns::None
                };
            }
            None => match self.dropped.uri(prefix) {
                Some(uri) => ns_tag(uri),
                None => return Ns::Other,
            },
        };
        match tag {
            t if t == self.core_tag && t != 0 => Ns::Core,
            TAG_MDA => Ns::Mda,
            TAG_MTC => Ns::Mtc,
            TAG_XML => Ns::Xml,
            TAG_FS => Ns::Fs,
            TAG_SLR => Ns::Slr,
            TAG_VAL => Ns::Val,
            TAG_GLS => Ns::Gls,
            TAG_RES => Ns::Res,
            _ => Ns::Other,
        }
    }

    /// The namespace `prefix` stands for where it is used: its declaration
    /// in scope, or what it was bound to when met undeclared.
    pub(super) fn resolve(&self, prefix: &str) -> Option<&str> {
        self.ns.resolve(prefix).or_else(|| self.dropped.uri(prefix))
    }

    /// Binds `prefix` of `what`, used at `at` where no declaration of it is
    /// in scope, and reports it (once per prefix): a warning when the
    /// document's own use says what it stands for, an error otherwise.
    #[cold]
    #[inline(never)]
    pub(super) fn undeclared(&mut self, prefix: &str, at: usize, what: &str) {
        let problem = self.dropped.bind(self.r.ctx.text, prefix, what);
        if let Some((warning, message)) = problem {
            let mut p = self
                .r
                .problem_at(at, ProblemKind::UndeclaredPrefix, message);
            if warning {
                p.severity = crate::error::Severity::Warning;
            }
            self.problems.push(p);
        }
    }

    /// Processes a Start/Empty event just read: namespace declarations,
    /// element name resolution.
    ///
    /// One pass over the attributes gathers them; the namespace
    /// declarations among them are then applied before any name is
    /// resolved. A malformed attribute sends the tag through
    /// [`open_checked`](Self::open_checked), which reports it.
    pub(super) fn open(
        &mut self,
        qname: &'a str,
        empty: bool,
    ) -> Result<(Tag<'a>, Vec<A<'a>>), Error> {
        let start = self.r.last_start();
        let depth = if empty {
            self.r.depth() + 1
        } else {
            self.r.depth()
        };
        let mut attrs = Vec::new();
        let mut decls = false;
        // Whether any attribute other than a declaration has a prefix.
        let mut prefixed = false;
        let read = self.r.scan_attributes_into(
            qname.len(),
            empty,
            &mut attrs,
            &mut self.attr_pool,
            |key, (p, l), value| {
                // Declarations are marked `Other` (what they classify as),
                // the rest `None` until resolved below.
                let is_decl = if p.is_empty() {
                    key == "xmlns"
                } else {
                    p == "xmlns"
                };
                decls |= is_decl;
                prefixed |= !is_decl && l.len() != key.len();
                A {
                    qname: key,
                    local: l,
                    ns: if is_decl { Ns::Other } else { Ns::None },
                    value,
                }
            },
        );
        if !read {
            // A malformed attribute (or a duplicate name, which quick-xml
            // refuses) goes the checked way, which reports it.
            self.recycle(attrs);
            return self.open_checked(qname, empty);
        }
        if decls {
            for a in &attrs {
                if a.ns != Ns::Other {
                    continue;
                }
                let p = if a.qname == "xmlns" { "" } else { a.local };
                if a.value.is_empty() && !p.is_empty() {
                    let p = self.r.problem_at(
                        start,
                        ProblemKind::Namespace,
                        format!("namespace prefix {p} bound to an empty name"),
                    );
                    self.problems.push(p);
                }
                self.ns.declare_tagged(depth, p, &a.value, ns_tag(&a.value));
            }
        }
        let tag = self.name_tag(qname, start, empty, depth);
        let mut module = false;
        // (Skipped when no attribute is prefixed.)
        if prefixed {
            for a in &mut attrs {
                if a.ns == Ns::Other || a.qname.len() == a.local.len() {
                    // A declaration, or unprefixed (no namespace).
                    continue;
                }
                let p = a
                    .qname
                    .get(..a.qname.len() - a.local.len() - 1)
                    .unwrap_or("");
                if p != "xml" && self.ns.resolve_tag(p).is_none() {
                    self.undeclared(p, start, &format!("attribute {}", a.qname));
                }
                let n = self.classify(p, true);
                module |= matches!(n, Ns::Fs | Ns::Slr);
                a.ns = n;
            }
        }
        if module {
            self.module_attrs(qname, tag.local, start, tag.depth, &attrs);
        }
        Ok((tag, attrs))
    }

    /// [`open`](Self::open) for a tag with a malformed attribute: reads the
    /// attributes in two passes (declarations first) and returns the error
    /// of the first bad one met that way.
    #[cold]
    #[inline(never)]
    pub(super) fn open_checked(
        &mut self,
        qname: &'a str,
        empty: bool,
    ) -> Result<(Tag<'a>, Vec<A<'a>>), Error> {
        let start = self.r.last_start();
        let depth = if empty {
            self.r.depth() + 1
        } else {
            self.r.depth()
        };
        if self.r.last_text().contains("xmlns") {
            for a in self.r.attributes(qname.len(), empty) {
                let a =
                    a.map_err(|e| self.r.error_at(start, format!("malformed attribute: {e}")))?;
                let key: &'a str = a.key.0;
                if key == "xmlns" || key.starts_with("xmlns:") {
                    let value = attr_value(&a).map_err(|m| self.r.error_at(start, m))?;
                    let p = key.strip_prefix("xmlns:").unwrap_or("");
                    if value.is_empty() && !p.is_empty() {
                        self.problem(
                            start,
                            ProblemKind::Namespace,
                            format!("namespace prefix {p} bound to an empty name"),
                        );
                    }
                    self.ns.declare_tagged(depth, p, &value, ns_tag(&value));
                }
            }
        }
        let tag = self.name_tag(qname, start, empty, depth);
        let mut attrs = self.attr_pool.pop().unwrap_or_default();
        for a in self.r.attributes(qname.len(), empty) {
            let a = a.map_err(|e| self.r.error_at(start, format!("malformed attribute: {e}")))?;
            let key: &'a str = a.key.0;
            let value = attr_value(&a).map_err(|m| self.r.error_at(start, m))?;
            let (p, l) = split_name(key);
            let ans = if key == "xmlns" || p == "xmlns" {
                Ns::Other
            } else {
                if !p.is_empty() && p != "xml" && self.ns.resolve_tag(p).is_none() {
                    self.undeclared(p, start, &format!("attribute {key}"));
                }
                self.classify(p, true)
            };
            attrs.push(A {
                qname: key,
                local: l,
                ns: ans,
                value,
            });
        }
        if attrs.iter().any(|a| matches!(a.ns, Ns::Fs | Ns::Slr)) {
            self.module_attrs(qname, tag.local, start, tag.depth, &attrs);
        }
        Ok((tag, attrs))
    }

    /// The [`Tag`] of an element named `qname`, its prefix resolved with
    /// the declarations in scope (an undeclared one is reported).
    #[inline(always)]
    pub(super) fn name_tag(
        &mut self,
        qname: &'a str,
        start: usize,
        empty: bool,
        depth: usize,
    ) -> Tag<'a> {
        let (prefix, local) = split_name(qname);
        if !prefix.is_empty() && prefix != "xml" && self.ns.resolve_tag(prefix).is_none() {
            self.undeclared(prefix, start, &format!("<{qname}>"));
        }
        let ns = self.classify(prefix, false);
        Tag {
            qname,
            local,
            ns,
            start,
            empty,
            depth,
        }
    }

    /// Keeps an attribute list's memory for the next element.
    #[inline(always)]
    pub(super) fn recycle(&mut self, mut attrs: Vec<A<'a>>) {
        if self.attr_pool.len() < 16 && attrs.capacity() > 0 {
            attrs.clear();
            self.attr_pool.push(attrs);
        }
    }

    /// Call when the element `tag` is fully read.
    #[inline(always)]
    pub(super) fn close(&mut self, tag: &Tag<'a>) {
        self.ns.close(tag.depth);
    }

    /// Reads the next event; Start/Empty are opened. Returns `None` at the
    /// end tag of the element at `depth`.
    #[inline(always)]
    pub(super) fn child(&mut self, parent: &Tag<'a>) -> Result<Option<Child<'a>>, Error> {
        if parent.empty {
            return Ok(None);
        }
        loop {
            let ev = self.r.next()?;
            let at = self.r.last_start();
            return Ok(Some(match ev {
                Event::Start(_) | Event::Empty(_) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let qname = self.r.last_name();
                    let (tag, attrs) = self.open(qname, empty)?;
                    Child::Elem(tag, attrs)
                }
                Event::End(_) => {
                    if self.r.depth() < parent.depth {
                        return Ok(None);
                    }
                    continue;
                }
                Event::Text(t) => {
                    // Line ends are normalised only where there is a
                    // carriage return to normalise.
                    let text = if self.has_cr {
                        t.xml10_content()
                    } else {
                        t.into_inner()
                    };
                    Child::Text(text, at)
                }
                Event::CData(c) => {
                    let text = c.xml10_content();
                    Child::Text(text, at)
                }
                Event::GeneralRef(g) => {
                    // Predefined entities borrow their static text; only a
                    // character reference needs a (small) string.
                    let text = match resolve_ref(&g).map_err(|m| self.r.error_at(at, m))? {
                        Resolved::Entity(s) => Cow::Borrowed(s),
                        Resolved::Char(c) => Cow::Owned(String::from(c)),
                    };
                    Child::Text(text, at)
                }
                Event::Comment(_) | Event::PI(_) => Child::Misc(self.r.last_text()),
                Event::Decl(_) => {
                    return Err(self
                        .r
                        .error_at(at, "XML declaration not at the start of the input"));
                }
                Event::DocType(_) | Event::Eof => {
                    return Err(self.r.error_at(at, "unexpected end of input"));
                }
            }));
        }
    }

    /// Keeps an element verbatim; adds the declaration of its prefix when
    /// that is bound on an ancestor below the root, so the text stands alone.
    #[inline(never)]
    pub(super) fn capture(&mut self, tag: &Tag<'a>) -> Result<Raw, Error> {
        let text = if tag.empty {
            self.r.last_text()
        } else {
            self.r.capture(tag.start)?
        };
        let raw = self.standalone(text, tag);
        self.close(tag);
        Ok(raw)
    }

    /// `text` (an element starting with `tag`) with the namespace
    /// declarations it inherits from ancestors below the root added to its
    /// start tag, so that it can be written anywhere under the root.
    pub(super) fn standalone(&self, text: &str, tag: &Tag<'a>) -> Raw {
        let decls = self.ns.declared_between(1, tag.depth);
        if decls.is_empty() {
            return Raw(self.r.ctx.str(text));
        }
        let head = text.split('>').next().unwrap_or("");
        let mut ins = String::new();
        for (prefix, uri) in decls {
            let name = if prefix.is_empty() {
                "xmlns".to_owned()
            } else {
                format!("xmlns:{prefix}")
            };
            let written_by_writer = matches!((prefix, uri), ("mtc", NS_MTC) | ("mda", NS_MDA));
            let same_as_root = self.ns.binding_at(1, prefix) == Some(uri);
            if !written_by_writer && !same_as_root && !head.contains(&format!("{name}=")) {
                crate::xml::write_attr(&mut ins, &name, uri);
            }
        }
        let at = 1 + tag.qname.len();
        let mut out = text.to_owned();
        if out.is_char_boundary(at) && at <= out.len() {
            out.insert_str(at, &ins);
        }
        Raw(self.r.ctx.str(&out))
    }

    /// Reports `t` as not allowed in `parent` (`<file>`, `content`, ...)
    /// and skips (and checks) it.
    pub(super) fn refuse(&mut self, t: &Tag<'a>, parent: &str) -> Result<(), Error> {
        self.problem(
            t.start,
            ProblemKind::UnexpectedElement,
            format!("<{}> not allowed in {parent}", t.qname),
        );
        self.skip(t)
    }

    /// Skips (and checks) the rest of an element.
    #[inline(never)]
    pub(super) fn skip(&mut self, tag: &Tag<'a>) -> Result<(), Error> {
        if !tag.empty {
            self.r.capture(tag.start)?;
        }
        self.close(tag);
        Ok(())
    }

    /// Reads the text content of a simple element (text, references, CDATA,
    /// `cp` when `cp` is allowed).
    pub(super) fn text_content(&mut self, tag: &Tag<'a>, allow_cp: bool) -> Result<Str, Error> {
        // One slice of the input stays a view into it; anything else is
        // gathered in a reused buffer, then copied once at its exact size.
        let mut s = std::mem::take(&mut self.plain_run);
        let r = self.text_content_into(tag, allow_cp, &mut s);
        let out = s.take(&self.r.ctx).unwrap_or_default();
        self.plain_run = s;
        r.map(|()| out)
    }

    pub(super) fn text_content_into(
        &mut self,
        tag: &Tag<'a>,
        allow_cp: bool,
        s: &mut TextRun<'a>,
    ) -> Result<(), Error> {
        while let Some(c) = self.child(tag)? {
            match c {
                Child::Text(t, _) => s.push(t),
                Child::Misc(_) => {}
                Child::Elem(t, attrs) => {
                    if allow_cp && t.ns == Ns::Core && t.local == "cp" {
                        if let Some(ch) = self.cp(&t, &attrs) {
                            s.push_char(ch);
                        }
                        self.skip(&t)?;
                    } else {
                        self.refuse(&t, &format!("<{}>", tag.qname))?;
                    }
                }
            }
        }
        self.close(tag);
        Ok(())
    }

    pub(super) fn cp(&mut self, t: &Tag<'a>, attrs: &[A<'a>]) -> Option<char> {
        let hex = attrs.iter().find(|a| a.ns == Ns::None && a.local == "hex");
        let Some(hex) = hex else {
            self.problem(t.start, ProblemKind::MissingAttribute, "<cp> without hex");
            return None;
        };
        let valid_hex = !hex.value.is_empty()
            && hex.value.len() <= 6
            && hex.value.chars().all(|c| c.is_ascii_hexdigit());
        match u32::from_str_radix(&hex.value, 16)
            .ok()
            .filter(|_| valid_hex)
            .and_then(char::from_u32)
        {
            Some(c) if !is_xml_char(c) => Some(c),
            Some(c) => {
                self.problem(
                    t.start, ProblemKind::InvalidValue,
                    format!(
                        "<cp hex=\"{}\"> codes U+{:04X}, which XML allows as a character: write it directly",
                        hex.value, c as u32
                    ),
                );
                Some(c)
            }
            None => {
                let v = hex.value.to_string();
                self.problem(
                    t.start,
                    ProblemKind::InvalidValue,
                    format!("<cp hex=\"{v}\"> is not a valid code point"),
                );
                None
            }
        }
    }

    pub(super) fn unknown_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) {
        self.problem(
            tag.start,
            ProblemKind::UnexpectedAttribute,
            format!("attribute {} not allowed on <{}>", a.qname, tag.qname),
        );
    }

    /// Keeps an attribute that is not core: namespaced ones verbatim;
    /// unprefixed or core-namespace ones are problems.
    pub(super) fn extra(&mut self, tag: &Tag<'a>, a: &A<'a>, out: &mut List<Attr>) {
        if a.qname == "xmlns" {
            // The default namespace is the writer's business.
            return;
        }
        match a.ns {
            Ns::None | Ns::Core => self.unknown_attr(tag, a),
            _ => out.push(Attr::new(a.qname, &*a.value)),
        }
    }

    pub(super) fn bool_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) -> Option<bool> {
        let v = parse_bool(&a.value);
        if v.is_none() {
            self.problem(
                tag.start,
                ProblemKind::InvalidValue,
                format!("{}=\"{}\" must be yes or no", a.qname, a.value),
            );
        }
        v
    }

    #[inline(always)]
    pub(super) fn id_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) -> Str {
        if !is_nmtoken(&a.value) {
            self.bad_id(tag, a);
        }
        self.r.ctx.str(&a.value)
    }

    #[cold]
    #[inline(never)]
    pub(super) fn bad_id(&mut self, tag: &Tag<'a>, a: &A<'a>) {
        self.problem(
            tag.start,
            ProblemKind::InvalidValue,
            format!("{}=\"{}\" is not a valid NMTOKEN id", a.qname, a.value),
        );
    }

    pub(super) fn space_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) -> Option<Space> {
        match crate::value::space(&a.value) {
            Some(s) => Some(s),
            None => {
                let v = a.value.to_string();
                self.problem(
                    tag.start,
                    ProblemKind::InvalidValue,
                    format!("xml:space=\"{v}\" must be default or preserve"),
                );
                None
            }
        }
    }

    pub(super) fn lang_attr(&mut self, tag: &Tag<'a>, a: &A<'a>) -> Str {
        if !is_lang(&a.value) {
            self.problem(
                tag.start,
                ProblemKind::Language,
                format!(
                    "{}=\"{}\" is not a well-formed language tag",
                    a.qname, a.value
                ),
            );
        }
        self.r.ctx.str(&a.value)
    }

    pub(super) fn dir_attr(&mut self, tag: &Tag<'a>, a: &A<'a>, out: &mut List<Attr>) {
        if !matches!(&*a.value, "ltr" | "rtl" | "auto") {
            self.problem(
                tag.start,
                ProblemKind::InvalidValue,
                format!("{}=\"{}\" must be ltr, rtl or auto", a.qname, a.value),
            );
        }
        out.push(Attr::new(a.qname, &*a.value));
    }

    /// Text between structural elements must be white space.
    #[inline(always)]
    pub(super) fn stray_text(&mut self, text: &str, at: usize, parent: &Tag<'a>) {
        if !text
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.stray_text_problem(at, parent);
        }
    }

    #[cold]
    #[inline(never)]
    pub(super) fn stray_text_problem(&mut self, at: usize, parent: &Tag<'a>) {
        self.problem(
            at,
            ProblemKind::UnexpectedText,
            format!("text not allowed in <{}>", parent.qname),
        );
    }
}
