//! Reading a document through a window of its text: the input is decoded
//! as it is read (any encoding [`decode`](crate::encoding::decode) reads),
//! into a window that holds the text from where the reader stopped last up
//! to as far as has been read. A reader reads in the window until the next
//! piece of the document (a unit, a header element) is not wholly in it,
//! stops there, and goes on in the next window, which starts where it
//! stopped: the text before that point is dropped.
//!
//! Offsets are counted from the start of the decoded document, in every
//! window; the [`SourceMap`] of a window turns them into positions in the
//! file, and keeps those of the few offsets before it that are still
//! referred to (the start tags of the open elements, pending references).
//!
//! The [`Scanner`] tells whether the next piece is whole in the window: it
//! reads the text once, token by token, the way quick-xml splits it
//! (text, comments, CDATA, processing instructions, DOCTYPE, start, end and
//! empty tags, quotes in tags), and remembers for each depth where the
//! last token that left the depth there ended.

use std::io::BufRead;

use encoding_rs::{Decoder, DecoderResult, Encoding};

use crate::encoding::{self, SourceMap};
use crate::error::{Error, Position, Problem};
use crate::str::Str;
use crate::xml::{Ctx, XmlReader};

/// Splits the window's text into tokens as quick-xml does, once, and
/// records where each depth was last returned to.
#[derive(Debug, Default)]
pub(crate) struct Scanner {
    /// Offset (in the document) of the first byte not scanned; always at a
    /// token boundary.
    pos: usize,
    /// Depth of the element nesting at `pos`.
    depth: usize,
    /// For each depth, the end of the last token after which the nesting
    /// was at that depth.
    returns: Vec<usize>,
    /// A start or empty tag has been scanned.
    seen_tag: bool,
    /// Where the element last searched by [`closed_in`] starts, and
    /// whether it was found whole.
    searched: Option<(usize, bool)>,
}

/// What a scan step met.
enum Step {
    /// A token was scanned.
    Token,
    /// The window ends inside the next token.
    Short,
}

impl Scanner {
    /// A scanner that starts at `pos`, `depth` elements deep.
    pub(crate) fn new(pos: usize, depth: usize) -> Scanner {
        Scanner {
            pos,
            depth,
            returns: Vec::new(),
            seen_tag: false,
            searched: None,
        }
    }

    /// Goes on from `base` (the start of a new window, a token boundary
    /// `depth` elements deep) when the text scanned so far ends before it.
    pub(crate) fn rebase(&mut self, base: usize, depth: usize) {
        if self.pos < base {
            self.pos = base;
            self.depth = depth;
        }
    }

    /// True once a start tag (or empty tag) has been scanned: the root's,
    /// when scanning from the start of the document.
    pub(crate) fn root_ready(&mut self, text: &str, base: usize) -> bool {
        while !self.seen_tag {
            if let Step::Short = self.step(text, base) {
                return false;
            }
        }
        true
    }

    /// True when the token starting at `at` (a token boundary at or after
    /// the scanner's start) is wholly in `text` (the window, starting at
    /// offset `base`).
    pub(crate) fn token_ready(&mut self, text: &str, base: usize, at: usize) -> bool {
        while self.pos <= at {
            if let Step::Short = self.step(text, base) {
                return false;
            }
        }
        true
    }

    /// True when the element (or other token) starting at `at`, `depth`
    /// elements deep, is wholly in the window.
    pub(crate) fn element_ready(
        &mut self,
        text: &str,
        base: usize,
        at: usize,
        depth: usize,
    ) -> bool {
        // Searched once per element (the reader asks again after the white
        // space before it, and an element longer than a window is not
        // searched again in each larger one).
        let scanned = self.returns.get(depth).is_some_and(|&r| r > at);
        if !scanned {
            let closed = match self.searched {
                Some((was, closed)) if was == at => closed,
                _ => {
                    let closed = at
                        .checked_sub(base)
                        .and_then(|i| text.as_bytes().get(i..))
                        .is_some_and(closed_in);
                    self.searched = Some((at, closed));
                    closed
                }
            };
            if closed {
                return true;
            }
        }
        while self.returns.get(depth).is_none_or(|&r| r <= at) {
            if let Step::Short = self.step(text, base) {
                return false;
            }
        }
        true
    }

    /// Goes on from `at` (a token boundary `depth` elements deep, up to
    /// which the reader has read) when the scan is behind it: what
    /// [`closed_in`] found whole is not scanned again.
    pub(crate) fn catch_up(&mut self, at: usize, depth: usize) {
        if self.pos >= at {
            return;
        }
        self.pos = at;
        self.depth = depth;
        // Deeper returns are before `at`, and so of nothing ahead.
        self.returns.resize(depth + 1, 0);
        if let Some(r) = self.returns.last_mut() {
            *r = at;
        }
    }

    /// Scans one token at `pos`.
    fn step(&mut self, text: &str, base: usize) -> Step {
        let bytes = text.as_bytes();
        let Some(rest) = self.pos.checked_sub(base).and_then(|i| bytes.get(i..)) else {
            return Step::Short;
        };
        let Some(&first) = rest.first() else {
            return Step::Short;
        };
        let (len, depth) = if first != b'<' {
            // Text runs to the next markup.
            match memchr::memchr(b'<', rest) {
                Some(n) => (n, self.depth),
                None => return Step::Short,
            }
        } else {
            match token_len(rest) {
                Some((n, Kind::Start)) => {
                    self.seen_tag = true;
                    (n, self.depth + 1)
                }
                Some((n, Kind::Empty)) => {
                    self.seen_tag = true;
                    (n, self.depth)
                }
                Some((n, Kind::End)) => (n, self.depth.saturating_sub(1)),
                Some((n, Kind::Other)) => (n, self.depth),
                None => return Step::Short,
            }
        };
        self.pos += len;
        self.depth = depth;
        if self.returns.len() <= depth {
            self.returns.resize(depth + 1, 0);
        }
        if let Some(r) = self.returns.get_mut(depth) {
            *r = self.pos;
        }
        Step::Token
    }
}

/// What a markup token does to the nesting.
enum Kind {
    Start,
    Empty,
    End,
    Other,
}

/// The length of the markup token at the start of `s` (which starts with
/// `<`) and its kind; `None` when `s` ends inside it.
fn token_len(s: &[u8]) -> Option<(usize, Kind)> {
    let find = |from: usize, pat: &[u8]| {
        s.get(from..)
            .and_then(|t| memchr::memmem::find(t, pat))
            .map(|i| from + i + pat.len())
    };
    match s.get(1) {
        None => None,
        Some(b'/') => memchr::memchr(b'>', s).map(|i| (i + 1, Kind::End)),
        Some(b'?') => find(2, b"?>").map(|n| (n, Kind::Other)),
        Some(b'!') => {
            if s.starts_with(b"<!--") {
                find(4, b"-->").map(|n| (n, Kind::Other))
            } else if s.starts_with(b"<![CDATA[") {
                find(9, b"]]>").map(|n| (n, Kind::Other))
            } else if s.len() < 9 {
                // Not yet known which it is.
                None
            } else {
                doctype_len(s).map(|n| (n, Kind::Other))
            }
        }
        Some(_) => {
            // A tag ends at the first `>` outside quotes.
            let mut quote = 0u8;
            for i in memchr::memchr3_iter(b'>', b'\'', b'"', s) {
                let b = s.get(i).copied().unwrap_or(0);
                match (quote, b) {
                    (0, b'>') => {
                        let empty = i > 0 && s.get(i - 1) == Some(&b'/');
                        return Some((i + 1, if empty { Kind::Empty } else { Kind::Start }));
                    }
                    (0, q) => quote = q,
                    (q, c) if q == c => quote = 0,
                    _ => {}
                }
            }
            None
        }
    }
}

/// True when the element whose tag starts `s` certainly ends in `s`,
/// found without scanning it token by token: an empty-element tag, or a
/// start tag followed by its end tag `</name>` with nothing before that
/// could hide an end tag or nest one (a comment, CDATA section or
/// processing instruction, a start tag of the same name). A `<` inside a
/// tag, where an end tag could hide in an attribute value, is refused by
/// the reader as malformed XML, before it reaches the end tag found here.
/// False when not sure (the token-by-token scan then tells).
fn closed_in(s: &[u8]) -> bool {
    let Some((n, kind)) = token_len(s) else {
        return false;
    };
    match kind {
        Kind::Empty => return true,
        Kind::Start => {}
        Kind::End | Kind::Other => return false,
    }
    let ends_name = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>');
    let Some(name_len) = s.iter().skip(1).position(|&b| ends_name(b)) else {
        return false;
    };
    let (Some(name), Some(body)) = (s.get(1..1 + name_len), s.get(n..)) else {
        return false;
    };
    if name.is_empty() {
        return false;
    }
    for i in memchr::memmem::find_iter(body, name) {
        let before = i.checked_sub(2).and_then(|b| body.get(b..i));
        let after = body.get(i + name.len());
        if before == Some(b"</") {
            match after {
                // Its end tag, unless markup before it could hide or nest
                // one.
                Some(b'>') => {
                    let Some(inside) = body.get(..i - 2) else {
                        return false;
                    };
                    // (`!` and `?` are rare in text, `<` is not.)
                    return !memchr::memchr2_iter(b'!', b'?', inside)
                        .any(|j| j > 0 && inside.get(j - 1) == Some(&b'<'));
                }
                // `</name >`: the scan reads it.
                Some(b' ' | b'\t' | b'\n' | b'\r') | None => return false,
                // A longer name.
                Some(_) => {}
            }
        } else if i.checked_sub(1).and_then(|b| body.get(b)) == Some(&b'<')
            && after.is_some_and(|&b| ends_name(b))
        {
            // A start tag of the same name: nested (not XLIFF, but read).
            return false;
        }
    }
    false
}

/// The length of a `<!DOCTYPE ...>` (brackets and quotes followed).
fn doctype_len(s: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = 0u8;
    for (i, &b) in s.iter().enumerate().skip(2) {
        match (quote, b) {
            (0, b'"' | b'\'') => quote = b,
            (0, b'[') => depth += 1,
            (0, b']') => depth = depth.saturating_sub(1),
            (0, b'>') if depth == 0 => return Some(i + 1),
            (q, c) if q != 0 && q == c => quote = 0,
            _ => {}
        }
    }
    None
}

/// What a read through a window keeps from one window to the next, both
/// versions' readers alike; `R` is where the reader's structural elements
/// (root, file, groups) were when it stopped.
pub(crate) struct Stream<R> {
    /// Tells whether the next piece is whole in the window.
    pub(crate) scan: Scanner,
    /// The window holds the end of the input.
    pub(crate) eof: bool,
    /// Reading stopped at the end of the window (the structural elements
    /// being read saved where they were in `resume`).
    pub(crate) paused: bool,
    pub(crate) resume: R,
}

impl<R: Default> Stream<R> {
    /// The stream of a read that starts at the start of the window in
    /// `ctx` (the start of the document).
    pub(crate) fn new(ctx: Ctx<'_>, eof: bool) -> Box<Stream<R>> {
        Box::new(Stream {
            scan: Scanner::new(ctx.base, 0),
            eof,
            paused: false,
            resume: R::default(),
        })
    }
}

impl<R> Stream<R> {
    /// Goes on in the next window, in `ctx`, `depth` elements deep.
    pub(crate) fn go_on(&mut self, ctx: Ctx<'_>, depth: usize, eof: bool) {
        self.scan.rebase(ctx.base, depth);
        self.eof = eof;
        self.paused = false;
    }

    /// Before the next child of a structural element (or what follows the
    /// root), the last token read ending at `at`, `depth` elements deep:
    /// true, and reading stops (`paused`), when that child is not whole in
    /// the window. For an element, that is the whole element, or its start
    /// tag only when `container` says (given the text after its `<`) that
    /// its children are read one by one.
    pub(crate) fn pause_before(
        &mut self,
        ctx: Ctx<'_>,
        at: usize,
        depth: usize,
        container: impl FnOnce(&str) -> bool,
    ) -> bool {
        if self.eof {
            return false;
        }
        let (text, base) = (ctx.text, ctx.base);
        let rest = ctx.rest(at).as_bytes();
        let blank = rest
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        let next = at + blank;
        let scan = &mut self.scan;
        scan.catch_up(at, depth);
        let ready = scan.token_ready(text, base, at)
            && match rest.get(blank..) {
                Some([b'<', c, ..]) if !matches!(c, b'/' | b'!' | b'?') => {
                    scan.token_ready(text, base, next)
                        && (container(ctx.rest(next + 1))
                            || scan.element_ready(text, base, next, depth))
                }
                Some([]) => false,
                _ => scan.token_ready(text, base, next),
            };
        if !ready {
            self.paused = true;
        }
        !ready
    }
}

/// The qualified name of the start tag whose text after `<` starts `tag`
/// (whole in the window), and the namespace URI (as written) its own
/// attributes bind that name's prefix to, if they do; `None` when its
/// attributes cannot be scanned (the reader then reports them).
pub(crate) fn tag_name_and_binding(tag: &str) -> Option<(&str, Option<&str>)> {
    let end = tag
        .find([' ', '\t', '\n', '\r', '/', '>'])
        .unwrap_or(tag.len());
    let qname = tag.get(..end).unwrap_or("");
    let tag = tag.get(..tag.find('>').unwrap_or(tag.len())).unwrap_or("");
    if !tag.contains("xmlns") {
        return Some((qname, None));
    }
    let prefix = crate::xml::split_name(qname).0;
    let decl = if prefix.is_empty() {
        "xmlns".to_owned()
    } else {
        format!("xmlns:{prefix}")
    };
    let mut found = None;
    for a in crate::xml::AttrScan::over(tag, end) {
        match a {
            Ok(a) if a.key == decl => found = Some(a.raw),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    Some((qname, found))
}

/// A read through a window that stopped: what the next window's reader
/// needs (`C`: the reader's state but for what borrows the text).
pub(crate) struct Paused<C> {
    pub(crate) carry: Box<C>,
    /// The open elements (name, start offset), outermost first.
    pub(crate) open: Vec<(Str, usize)>,
    /// Where the next window starts.
    pub(crate) at: usize,
    /// Offsets of the document that may still be reported (positions to
    /// keep): the open elements' starts and `live`.
    pub(crate) live: Vec<usize>,
}

impl<C> Paused<C> {
    /// The read stopped at `stop` (from [`stop_of`]), with `carry`;
    /// `live`: offsets beside the open elements' that may still be
    /// reported.
    pub(crate) fn new(
        carry: C,
        stop: (Vec<(Str, usize)>, usize),
        live: impl IntoIterator<Item = usize>,
    ) -> Paused<C> {
        let (open, at) = stop;
        let mut all: Vec<usize> = open.iter().map(|&(_, at)| at).collect();
        all.extend(live);
        Paused {
            carry: Box::new(carry),
            open,
            at,
            live: all,
        }
    }
}

/// Where the read by `r` stopped: its open elements (name, start offset)
/// and the end of its last token.
pub(crate) fn stop_of(r: &XmlReader<'_>) -> (Vec<(Str, usize)>, usize) {
    let open = r
        .open_elements()
        .iter()
        .map(|&(n, at)| (Str::from(n), at))
        .collect();
    (open, r.last_end())
}

/// How a read of one window ended.
pub(crate) enum Read<C> {
    /// At the end of the document: every problem found.
    Done(Vec<Problem>),
    /// At the end of the window.
    Paused(Paused<C>),
}

/// Reads the document in the window `w` (which holds the root's start
/// tag), window after window: `step` reads one (its context, the open
/// elements, the state where the last one stopped, whether it holds the
/// end of the input), and the window slides to where it stopped.
///
/// # Errors
///
/// `step`'s, and [`Window::slide`]'s.
pub(crate) fn read_windows<R: BufRead, C>(
    w: &mut Window<R>,
    mut step: impl FnMut(Ctx<'_>, &[(Str, usize)], Option<Box<C>>, bool) -> Result<Read<C>, Error>,
) -> Result<Vec<Problem>, Error> {
    let mut carry = None;
    let mut open: Vec<(Str, usize)> = Vec::new();
    loop {
        let map = w.map();
        let ctx = Ctx {
            text: &w.text,
            base: w.base,
            map: &map,
            shared: &crate::str::NO_SHARING,
        };
        match step(ctx, &open, carry.take(), w.eof)? {
            Read::Done(problems) => return Ok(problems),
            Read::Paused(p) => {
                let mut live = p.live;
                w.pin(map, &mut live);
                open = p.open;
                carry = Some(p.carry);
                w.slide(p.at)?;
            }
        }
    }
}

/// The input, decoded as it is read into a window of text.
pub(crate) struct Window<R> {
    reader: R,
    decoder: Decoder,
    encoding: &'static Encoding,
    /// Length of the byte order mark.
    bom: usize,
    /// Bytes given to the decoder so far (after the BOM).
    fed: usize,
    /// The text held: the document from offset `base` on, as far as read.
    pub(crate) text: String,
    /// Offset in the document of the text's first byte.
    pub(crate) base: usize,
    /// Position of the text's first byte.
    start: Position,
    /// Positions kept of offsets before the window.
    pins: Vec<(usize, Position)>,
    /// The whole input has been read and decoded.
    pub(crate) eof: bool,
    /// The first character XML does not allow, met in text already read
    /// (the error is reported once the input has been read to its end, as
    /// a decoding error elsewhere comes first).
    forbidden: Option<Error>,
    /// Bytes that do not decode were met (reported at once).
    undecodable: bool,
}

impl<R: BufRead> Window<R> {
    /// Reads the start of the input (enough to know its encoding) into a
    /// first window.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when reading fails; [`Error::Xml`] for an unsupported
    /// declared encoding or bytes that do not decode.
    pub(crate) fn open(mut reader: R) -> Result<Window<R>, Error> {
        let mut head = Vec::new();
        let mut eof = false;
        while head.len() < encoding::DECLARATION_WINDOW {
            let chunk = reader.fill_buf().map_err(io_error)?;
            if chunk.is_empty() {
                eof = true;
                break;
            }
            let n = chunk
                .len()
                .min(encoding::DECLARATION_WINDOW - head.len())
                .max(1);
            head.extend_from_slice(chunk.get(..n).unwrap_or(chunk));
            reader.consume(n);
        }
        let (encoding, bom) = encoding::sniff(&head)?;
        let mut w = Window {
            reader,
            decoder: encoding.new_decoder_without_bom_handling(),
            encoding,
            bom,
            fed: 0,
            text: String::new(),
            base: 0,
            start: Position {
                byte: bom as u64,
                line: 1,
                column: 1,
            },
            pins: Vec::new(),
            eof: false,
            forbidden: None,
            undecodable: false,
        };
        w.feed(head.get(bom..).unwrap_or(&[]), eof)?;
        Ok(w)
    }

    /// Reads and decodes the next chunk of input into the window; false
    /// when the input has been read to its end.
    ///
    /// # Errors
    ///
    /// As [`open`](Self::open).
    pub(crate) fn more(&mut self) -> Result<bool, Error> {
        if self.eof {
            return Ok(false);
        }
        let chunk = self.reader.fill_buf().map_err(io_error)?;
        let n = chunk.len();
        if n == 0 {
            self.feed(&[], true)?;
            return Ok(false);
        }
        // (The chunk is copied out of the reader's buffer by the decoder.)
        let chunk = chunk.to_vec();
        self.reader.consume(n);
        self.feed(&chunk, false)?;
        Ok(true)
    }

    /// Decodes `input` (the next bytes after the BOM) into the window.
    fn feed(&mut self, input: &[u8], last: bool) -> Result<(), Error> {
        let from = self.text.len();
        let mut done = 0;
        loop {
            let rest = input.get(done..).unwrap_or(&[]);
            if let Some(need) = self
                .decoder
                .max_utf8_buffer_length_without_replacement(rest.len())
            {
                self.text.reserve(need);
            }
            let (result, read) =
                self.decoder
                    .decode_to_string_without_replacement(rest, &mut self.text, last);
            done += read;
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => self.text.reserve(rest.len().max(16)),
                DecoderResult::Malformed(bad, extra) => {
                    self.undecodable = true;
                    let at = self.bom
                        + (self.fed + done).saturating_sub(usize::from(bad) + usize::from(extra));
                    let before = self.position_at(self.base + self.text.len());
                    return Err(encoding::undecodable_at(
                        before,
                        at,
                        self.encoding,
                        self.bom,
                    ));
                }
            }
        }
        self.fed += input.len();
        if last {
            self.eof = true;
        }
        if self.forbidden.is_none()
            && let Some(i) = self
                .text
                .get(from..)
                .and_then(encoding::find_forbidden_char)
        {
            let at = from + i;
            let c = self
                .text
                .get(at..)
                .and_then(|s| s.chars().next())
                .unwrap_or('\0');
            let position = self.position_at(self.base + at);
            self.forbidden = Some(encoding::forbidden_error(position, c));
        }
        Ok(())
    }

    /// The position of document offset `offset` (in the window).
    fn position_at(&self, offset: usize) -> Position {
        let local = offset.saturating_sub(self.base).min(self.text.len());
        advance(
            self.encoding,
            self.start,
            self.text.get(..local).unwrap_or(""),
        )
    }

    /// The map of the window, with the pins kept; give it back with
    /// [`pin`](Self::pin).
    pub(crate) fn map(&mut self) -> SourceMap {
        SourceMap::window(
            self.encoding,
            self.base,
            self.start,
            std::mem::take(&mut self.pins),
        )
    }

    /// Keeps the positions of `offsets` (by `map`, this window's) for the
    /// windows after it.
    pub(crate) fn pin(&mut self, map: SourceMap, offsets: &mut Vec<usize>) {
        offsets.sort_unstable();
        offsets.dedup();
        let pins = offsets
            .iter()
            .map(|&o| (o, map.position(&self.text, o)))
            .collect();
        drop(map.into_pins());
        self.pins = pins;
    }

    /// Drops the text before document offset `to`, and reads at least one
    /// more chunk.
    ///
    /// # Errors
    ///
    /// As [`more`](Self::more).
    pub(crate) fn slide(&mut self, to: usize) -> Result<(), Error> {
        let local = to.saturating_sub(self.base).min(self.text.len());
        if local > 0 && self.text.is_char_boundary(local) {
            self.start = advance(
                self.encoding,
                self.start,
                self.text.get(..local).unwrap_or(""),
            );
            self.text.drain(..local);
            self.base += local;
        }
        self.more()?;
        Ok(())
    }

    /// Ends the read: the error to report is the first decoding error of
    /// the input (read to its end), else the first character XML does not
    /// allow, else `result`'s (the reader's).
    pub(crate) fn finish<T>(&mut self, result: Result<T, Error>) -> Result<T, Error> {
        if self.undecodable || (self.forbidden.is_none() && result.is_ok() && self.eof) {
            return result;
        }
        // Read on to the end, dropping the text, for a decoding error.
        loop {
            self.start = advance(self.encoding, self.start, &self.text);
            self.base += self.text.len();
            self.text.clear();
            match self.more() {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(e),
            }
        }
        match self.forbidden.take() {
            Some(e) => Err(e),
            None => result,
        }
    }
}

/// The position after `s`, text that starts at `start`.
fn advance(encoding: &'static Encoding, start: Position, s: &str) -> Position {
    let byte = start.byte + encoding::encoded_len(encoding, s) as u64;
    match memchr::memrchr(b'\n', s.as_bytes()) {
        None => Position {
            byte,
            line: start.line,
            column: start.column + s.chars().count() as u64,
        },
        Some(i) => Position {
            byte,
            line: start.line + memchr::memchr_iter(b'\n', s.as_bytes()).count() as u64,
            column: 1 + s.get(i + 1..).map_or(0, |t| t.chars().count()) as u64,
        },
    }
}

fn io_error(source: std::io::Error) -> Error {
    Error::Io { path: None, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<(usize, usize)> {
        let mut sc = Scanner::new(0, 0);
        let mut out = Vec::new();
        while let Step::Token = sc.step(s, 0) {
            out.push((sc.pos, sc.depth));
        }
        out
    }

    #[test]
    fn tokens_split_as_quick_xml_splits_them() {
        let s = "<a x='>' y=\"'\"><!-- > --><![CDATA[<b>]]><?p > ?><c/>t</a> ";
        assert_eq!(
            tokens(s),
            [
                (15, 1),
                (25, 1),
                (40, 1),
                (48, 1),
                (52, 1),
                (53, 1),
                (57, 0)
            ]
        );
        // A token cut by the window's end is not scanned.
        assert_eq!(tokens("<a><b x='>"), [(3, 1)]);
        assert_eq!(
            tokens("<!DOCTYPE a [<!ENTITY e '>'>]><a/>"),
            [(30, 0), (34, 0)]
        );
    }

    #[test]
    fn elements_are_ready_once_their_end_is_in_the_window() {
        let s = "<f><u><s>x</s></u><u>";
        let mut sc = Scanner::new(0, 0);
        assert!(sc.token_ready(s, 0, 0));
        assert!(sc.element_ready(s, 0, 3, 1));
        assert!(!sc.element_ready(s, 0, 18, 1));
        assert!(sc.token_ready(s, 0, 18));
    }

    #[test]
    fn tag_names_and_their_own_bindings() {
        assert_eq!(tag_name_and_binding("file id='f'>"), Some(("file", None)));
        assert_eq!(
            tag_name_and_binding("x:group xmlns:x=\"urn:a\" id=\"g\"><x:unit>"),
            Some(("x:group", Some("urn:a")))
        );
        // A declaration of another prefix, and the default one.
        assert_eq!(
            tag_name_and_binding("group xmlns:y='urn:b'>"),
            Some(("group", None))
        );
        assert_eq!(
            tag_name_and_binding("group xmlns='urn:c'/>"),
            Some(("group", Some("urn:c")))
        );
        // Attributes the scanner does not read: not told.
        assert_eq!(tag_name_and_binding("group a=b xmlns='urn:c'>"), None);
    }

    #[test]
    fn reading_pauses_before_a_child_not_whole_in_the_window() {
        let map = SourceMap::utf8(0);
        let text = "<f><u>a</u> <g><u>b</u></g> <u>c";
        let ctx = Ctx {
            text,
            base: 0,
            map: &map,
            shared: &crate::str::NO_SHARING,
        };
        let mut s = Stream {
            scan: Scanner::new(0, 0),
            eof: false,
            paused: false,
            resume: (),
        };
        // After <f>: the first <u> is whole.
        assert!(!s.pause_before(ctx, 3, 1, |_| false));
        // After the first </u>: the <g> is whole.
        assert!(!s.pause_before(ctx, 11, 1, |_| false));
        assert!(!s.paused);
        // After </g>: the last <u> is not whole, but its start tag is.
        assert!(s.pause_before(ctx, 27, 1, |_| false));
        assert!(s.paused);
        s.paused = false;
        assert!(!s.pause_before(ctx, 27, 1, |tag| tag.starts_with("u>")));
        // Nothing is missing once the window holds the end of the input.
        s.eof = true;
        assert!(!s.pause_before(ctx, 27, 1, |_| false));
    }
}
