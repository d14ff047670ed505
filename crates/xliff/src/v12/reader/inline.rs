//! Inline content: text, the codes (`g`, `x`, `bx`, `ex`, `ph`, `bpt`,
//! `ept`, `it`) and `mrk`, with their depth limit.

use super::*;

impl<'a> Parser<'a, '_> {
    /// Reads inline content up to the end tag of the element just opened.
    pub(super) fn content(&mut self) -> Result<Content, Error> {
        self.inline_depth += 1;
        let c = self.content_inner();
        self.inline_depth -= 1;
        c
    }

    /// Moves the text gathered in `self.run` into `c`.
    fn flush_run(&mut self, c: &mut Content) {
        if let Some(t) = self.run.take(&self.r.ctx) {
            if let Some(Inline::Text(_)) = c.0.last() {
                c.push_text(&t);
            } else {
                c.0.push(Inline::Text(t));
            }
        }
    }

    fn content_inner(&mut self) -> Result<Content, Error> {
        let mut c = Content(self.inline_pool.pop().unwrap_or_default());
        // Text, CDATA and references next to each other are gathered in
        // `self.run` and become one string, allocated once. The run is
        // flushed before any element, so nested content starts empty.
        self.run.clear();
        loop {
            let s = self.r.last_end();
            let (e, empty) = match self.r.next()? {
                Event::Text(t) => {
                    if !self.discard {
                        self.run.push(t.xml10_content());
                    }
                    continue;
                }
                Event::CData(d) => {
                    if !self.discard {
                        self.run.push(d.xml10_content());
                    }
                    continue;
                }
                Event::GeneralRef(g) => {
                    match resolve_ref(&g) {
                        Err(m) => return Err(self.err(s, m)),
                        Ok(_) if self.discard => {}
                        Ok(Resolved::Entity(e)) => self.run.push_str(e),
                        Ok(Resolved::Char(c)) => self.run.push_char(c),
                    }
                    continue;
                }
                Event::Comment(_) | Event::PI(_) => {
                    if !self.discard {
                        self.flush_run(&mut c);
                        c.0.push(Inline::Raw(Raw(self.r.ctx.str(self.r.last_text()))));
                    }
                    continue;
                }
                Event::End(_) => {
                    self.flush_run(&mut c);
                    self.close();
                    let mut items = c.0;
                    // One allocation of the exact size; the pooled list
                    // keeps its capacity.
                    let exact = items.split_off(0);
                    self.inline_pool.push(items);
                    return Ok(Content(exact));
                }
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::Eof => return Err(self.err(s, "unexpected end of input")),
                _ => continue,
            };
            self.flush_run(&mut c);
            if self.inline_depth > MAX_INLINE_DEPTH {
                return Err(self.err(
                    s,
                    format!("inline elements nested deeper than {MAX_INLINE_DEPTH}"),
                ));
            }
            let (attrs, xliff) = self.open(&e, s, empty)?;
            let name = e.name();
            let local = match Self::kind(name.as_ref(), xliff) {
                Kind::Xliff(l) => l,
                Kind::Foreign => "",
            };
            if self.discard {
                // The same reading and checks as below, nothing kept.
                self.recycle(attrs);
                match local {
                    "g" | "mrk" if !empty => {
                        self.content()?;
                    }
                    "g" | "mrk" | "x" | "bx" | "ex" | "ph" | "bpt" | "ept" | "it" if empty => {}
                    _ => self.skip(s, empty)?,
                }
                continue;
            }
            let inline = match local {
                "g" => {
                    let code =
                        code_from_attrs(&attrs, self.r.ctx.shared, CodeKind::Paired, CodeTag::G);
                    self.recycle(attrs);
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
                    if empty {
                        let code = code_from_attrs(&attrs, self.r.ctx.shared, kind, tag);
                        self.recycle(attrs);
                        Inline::Code(code)
                    } else {
                        // Content is not allowed here: keep the element
                        // verbatim rather than drop what it holds.
                        Inline::Raw(self.raw(s, false)?)
                    }
                }
                "ph" | "bpt" | "ept" | "it" => {
                    let (kind, tag) = match local {
                        "ph" => (CodeKind::Standalone, CodeTag::Ph12),
                        "bpt" => (CodeKind::Start, CodeTag::Bpt),
                        "ept" => (CodeKind::End, CodeTag::Ept),
                        _ => (CodeKind::Standalone, CodeTag::It),
                    };
                    let mut code = code_from_attrs(&attrs, self.r.ctx.shared, kind, tag);
                    self.recycle(attrs);
                    if tag == CodeTag::It {
                        code.isolated = true;
                        let pos = take_attr(&mut code.extra_mut().attrs, "pos");
                        code.kind = match pos.as_deref() {
                            Some("close") => CodeKind::End,
                            _ => CodeKind::Start,
                        };
                        if let Some(pos) = pos.filter(|p| !matches!(&**p, "open" | "close")) {
                            code.extra_mut().attrs.push(Attr::new("pos", pos));
                        }
                        code.tidy_extra();
                    }
                    if !empty {
                        let inner_start = self.r.last_end();
                        self.skip(s, false)?;
                        // The last event read is the end tag.
                        let inner_end = self.r.last_start();
                        code.native = Some(self.r.ctx.slice(inner_start, inner_end).into());
                    }
                    Inline::Code(code)
                }
                "mrk" => {
                    let m = marker_from_attrs(&attrs, self.r.ctx.shared);
                    self.recycle(attrs);
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

fn take_attr(attrs: &mut List<Attr>, name: &str) -> Option<Str> {
    let i = attrs.iter().position(|a| &*a.name == name)?;
    Some(attrs.remove(i).value)
}

fn code_from_attrs(attrs: &[A<'_>], sh: &Shared, kind: CodeKind, tag: CodeTag) -> Boxed<Code> {
    let mut c = Code {
        kind,
        tag,
        ..Code::default()
    };
    for a in attrs {
        match a.name {
            "id" => c.id = Some(a.str(sh)),
            "rid" => c.start_ref = Some(a.str(sh)),
            "ctype" => c.kind_name = Some(a.str(sh)),
            "equiv-text" => c.equiv = Some(a.str(sh)),
            _ => c.extra_mut().attrs.push(a.attr(sh)),
        }
    }
    Boxed::new(c)
}

fn marker_from_attrs(attrs: &[A<'_>], sh: &Shared) -> Boxed<Marker> {
    let mut m = Marker::default();
    for a in attrs {
        match a.name {
            "mid" => m.id = Some(a.str(sh)),
            "mtype" => m.kind = Some(a.str(sh)),
            "comment" => m.value = Some(a.str(sh)),
            _ => m.attrs.push(a.attr(sh)),
        }
    }
    if m.kind.as_deref() == Some("protected") {
        m.translate = Some(false);
    }
    Boxed::new(m)
}
