//! Opening tags: namespace prefixes resolved (and memoQ's found by its
//! namespace), the attributes read (a fast scan, and quick-xml's reading
//! for a tag the scan refuses); elements kept verbatim or skipped; text
//! where none belongs.

use super::*;

impl<'a> Parser<'a, '_> {
    pub(super) fn err(&self, at: usize, msg: impl Into<String>) -> Error {
        self.r.error_at(at, msg)
    }

    /// Opens an element: declares its namespaces, checks that every prefix
    /// it uses is declared, and returns its attributes (namespace
    /// declarations included) and what it is.
    pub(super) fn open(
        &mut self,
        e: &BytesStart<'_>,
        at: usize,
        empty: bool,
    ) -> Result<(Vec<A<'a>>, bool), Error> {
        let depth = self.r.depth() + usize::from(empty);
        let mut attrs = Vec::new();
        let name = e.name();
        let name = name.as_ref();
        let decls = match self.scan_attrs(&mut attrs, name.len(), empty) {
            Some(decls) => decls,
            None => {
                attrs.clear();
                self.checked_attrs(&mut attrs, name.len(), empty, at)?;
                true
            }
        };
        if decls {
            for a in &attrs {
                if a.prefix == "xmlns" {
                    let p = a.name.get(a.prefix.len() + 1..).unwrap_or("");
                    self.ns.declare(depth, p, &a.value);
                } else if a.prefix.is_empty() && a.name == "xmlns" {
                    self.ns.declare(depth, "", &a.value);
                }
            }
        }
        let (prefix, _) = split_name(name);
        let xliff = match self.ns.resolve(prefix) {
            Some(x) => x,
            None if prefix.is_empty() => true,
            None => self.undeclared(prefix, at, &format!("<{name}>")),
        };
        for a in &attrs {
            let p = a.prefix;
            if !p.is_empty() && p != "xmlns" && self.ns.resolve(p).is_none() {
                self.undeclared(p, at, &format!("attribute {}", a.name));
            }
        }
        if empty {
            self.ns.close(depth);
        }
        Ok((attrs, xliff))
    }

    /// Whether `prefix` stands for memoQ's namespace where it is used.
    pub(super) fn is_memoq(&self, prefix: &str) -> bool {
        let uri = self.ns.uri(prefix).or_else(|| self.dropped.uri(prefix));
        uri == Some(crate::ns::MEMOQ)
    }

    /// Binds `prefix` of `what`, used at `at` where no declaration of it is
    /// in scope, and reports it (once per prefix): a warning when the
    /// document's own use says what it stands for, an error otherwise.
    /// Returns whether the prefix is read as bound to an XLIFF namespace.
    #[cold]
    #[inline(never)]
    pub(super) fn undeclared(&mut self, prefix: &str, at: usize, what: &str) -> bool {
        if let Some((warning, message)) = self.dropped.bind(self.r.ctx.text, prefix, what) {
            let mut p = self
                .r
                .problem_at(at, ProblemKind::UndeclaredPrefix, message);
            if warning {
                p.severity = crate::error::Severity::Warning;
            }
            self.problems.push(p);
        }
        self.dropped
            .uri(prefix)
            .is_some_and(|u| XLIFF_NAMESPACES.contains(&u))
    }

    /// Gathers the attributes of the last tag (whose name is `name_len`
    /// bytes long) into `attrs` with [`XmlReader::scan_attributes_into`],
    /// over the input text and without allocating. Returns whether any is
    /// a namespace declaration, or `None` for a tag the scanner does not
    /// read (malformed, a name given twice, a bad value):
    /// [`checked_attrs`](Self::checked_attrs) reads those, so that their
    /// errors are exactly quick-xml's.
    fn scan_attrs(&mut self, attrs: &mut Vec<A<'a>>, name_len: usize, empty: bool) -> Option<bool> {
        let mut decls = false;
        let read = self.r.scan_attributes_into(
            name_len,
            empty,
            attrs,
            &mut self.attr_pool,
            |name, (prefix, _), value| {
                decls |= prefix == "xmlns" || name == "xmlns";
                A {
                    name,
                    prefix,
                    value,
                }
            },
        );
        read.then_some(decls)
    }

    /// [`scan_attrs`](Self::scan_attrs) for a tag the scanner does not
    /// read: quick-xml's attribute iterator reads it and reports the first
    /// error met.
    #[cold]
    #[inline(never)]
    fn checked_attrs(
        &mut self,
        attrs: &mut Vec<A<'a>>,
        name_len: usize,
        empty: bool,
        at: usize,
    ) -> Result<(), Error> {
        for a in self.r.attributes(name_len, empty) {
            let a = a.map_err(|x| self.err(at, format!("malformed attribute: {x}")))?;
            let key: &'a str = a.key.0;
            let value = attr_value(&a).map_err(|m| self.err(at, m))?;
            attrs.push(A {
                name: key,
                prefix: split_name(key).0,
                value,
            });
        }
        Ok(())
    }

    pub(super) fn close(&mut self) {
        // Called after the End event: depth already decreased.
        self.ns.close(self.r.depth() + 1);
    }

    pub(super) fn kind<'n>(name: &'n str, xliff: bool) -> Kind<'n> {
        if xliff {
            Kind::Xliff(split_name(name).1)
        } else {
            Kind::Foreign
        }
    }

    /// Captures the rest of the element opened at `at` verbatim, checking
    /// namespaces inside it.
    pub(super) fn raw(&mut self, at: usize, empty: bool) -> Result<Raw, Error> {
        self.skip(at, empty)?;
        let end = self.r.last_end();
        Ok(Raw(self.r.ctx.str(self.r.ctx.slice(at, end))))
    }

    /// Reads to the end of the element opened at `at`, checking namespaces
    /// and references inside it, keeping nothing.
    pub(super) fn skip(&mut self, at: usize, empty: bool) -> Result<(), Error> {
        if !empty {
            let depth = self.r.depth();
            while self.r.depth() >= depth {
                match self.r.next()? {
                    Event::Start(e) => {
                        let s = self.r.last_start();
                        let (attrs, _) = self.open(&e, s, false)?;
                        self.recycle(attrs);
                    }
                    Event::Empty(e) => {
                        let s = self.r.last_start();
                        let (attrs, _) = self.open(&e, s, true)?;
                        self.recycle(attrs);
                    }
                    Event::End(_) => self.close(),
                    Event::GeneralRef(g) => {
                        let s = self.r.last_start();
                        self.scratch.clear();
                        if let Err(m) = push_ref(&mut self.scratch, &g) {
                            return Err(self.err(s, m));
                        }
                    }
                    Event::Eof => return Err(self.err(at, "element is not closed at end of input")),
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Skips text before or after the root; non-space text there is not
    /// well-formed XML.
    pub(super) fn check_space(&self, t: &str, at: usize) -> Result<(), Error> {
        if is_blank(t) {
            Ok(())
        } else {
            Err(self.err(at, "text is not allowed here"))
        }
    }

    /// Skips text between structural elements of `<parent>`; non-space
    /// text (or any reference or CDATA section) there breaks a rule and is
    /// dropped.
    pub(super) fn stray_text(&mut self, t: &str, at: usize, parent: &str) {
        if !is_blank(t) {
            self.stray_text_problem(at, parent);
        }
    }

    #[cold]
    pub(super) fn stray_text_problem(&mut self, at: usize, parent: &str) {
        let p = self.r.problem_at(
            at,
            ProblemKind::UnexpectedText,
            format!("text is not allowed in <{parent}>"),
        );
        self.problems.push(p);
    }

    /// Hands an attribute list back for reuse.
    pub(super) fn recycle(&mut self, mut attrs: Vec<A<'a>>) {
        if attrs.capacity() > 0 {
            attrs.clear();
            self.attr_pool.push(attrs);
        }
    }
}
