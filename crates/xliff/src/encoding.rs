//! Character-encoding sniffing and decoding of XML input.
//!
//! An XLIFF file arrives as bytes: UTF-8 with or without a byte order mark,
//! UTF-16 (little or big endian, normally with a BOM), or a legacy encoding
//! named in the XML declaration (`ISO-8859-1`, `windows-1252`, ...). The
//! parsers work on UTF-8 text, so the input is decoded first; a
//! [`SourceMap`] remembers how to turn an offset in the decoded text back
//! into the byte offset, line and column of the file as the user sees it.
//!
//! Undecodable bytes are refused with a positioned error, never replaced.

use std::borrow::Cow;
use std::cell::OnceCell;

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{Error, Location, Position};

/// How far into the file the XML declaration is looked for.
pub(crate) const DECLARATION_WINDOW: usize = 1024;

/// Input decoded to UTF-8, with the map back to the original bytes.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The decoded text, without a byte order mark.
    pub text: Cow<'a, str>,
    /// Maps offsets in `text` to positions in the original bytes.
    pub map: SourceMap,
}

/// Maps byte offsets in decoded UTF-8 text to positions in the original
/// input (byte offset, line and column; the BOM counts in the byte offset).
///
/// The text is the whole document, or (when reading through a window) the
/// part of it held: offsets are then counted from the start of the
/// document, `base` is that of the text's first byte and `start` its
/// position, and the positions of a few offsets before the window are kept
/// (`pins`).
///
/// The line table is built once, on the first request, so reading a file
/// without errors costs nothing here.
#[derive(Debug)]
pub struct SourceMap {
    encoding: &'static Encoding,
    /// Offset in the document of the text's first byte.
    base: usize,
    /// Position of the text's first byte.
    start: Position,
    /// Positions of offsets before `base` (sorted by offset).
    pins: Vec<(usize, Position)>,
    /// `(offset in decoded text, offset in original bytes)` of each line start.
    lines: OnceCell<Vec<(usize, usize)>>,
}

impl SourceMap {
    /// A map for text that was UTF-8 from the start, after `bom` bytes of
    /// byte order mark (0 or 3).
    pub fn utf8(bom: usize) -> SourceMap {
        SourceMap::whole(UTF_8, bom)
    }

    /// A map for a whole document decoded from `encoding` after `bom`
    /// bytes of byte order mark.
    fn whole(encoding: &'static Encoding, bom: usize) -> SourceMap {
        SourceMap {
            encoding,
            base: 0,
            start: Position {
                byte: bom as u64,
                line: 1,
                column: 1,
            },
            pins: Vec::new(),
            lines: OnceCell::new(),
        }
    }

    /// A map for a window of a document decoded from `encoding`: text
    /// starting at offset `base` of the document, at `start`, with the
    /// positions of earlier offsets in `pins` (sorted by offset).
    pub(crate) fn window(
        encoding: &'static Encoding,
        base: usize,
        start: Position,
        pins: Vec<(usize, Position)>,
    ) -> SourceMap {
        SourceMap {
            encoding,
            base,
            start,
            pins,
            lines: OnceCell::new(),
        }
    }

    /// The positions kept for offsets before the window.
    pub(crate) fn into_pins(self) -> Vec<(usize, Position)> {
        self.pins
    }

    /// The encoding the input was decoded from.
    #[cfg(test)]
    pub(crate) fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// The length of the byte order mark the input started with.
    #[cfg(test)]
    pub(crate) fn bom_len(&self) -> usize {
        self.start.byte as usize
    }

    /// The position, in the original input, of byte `offset` of the
    /// document (in `text`, the decoded text this map was made for, or one
    /// of the offsets before it that were pinned). Never panics: an offset
    /// past the end is clamped, one inside a character moves back to its
    /// start, one before the window that was not pinned is taken as the
    /// window's start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        if offset < self.base {
            let i = self.pins.partition_point(|&(o, _)| o < offset);
            return match self.pins.get(i) {
                Some(&(o, p)) if o == offset => p,
                _ => self.start,
            };
        }
        let mut offset = (offset - self.base).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let lines = self.lines.get_or_init(|| self.line_table(text));
        // Index of the last line starting at or before `offset`.
        let index = lines.partition_point(|&(start, _)| start <= offset);
        let (line_start, orig_start) = match index.checked_sub(1).and_then(|i| lines.get(i)) {
            Some(&pair) => pair,
            None => (0, self.start.byte as usize),
        };
        let prefix = text.get(line_start..offset).unwrap_or("");
        // The window's first line goes on from the column it starts at.
        let first_column = if index <= 1 { self.start.column } else { 1 };
        Position {
            byte: (orig_start + self.encoded_len(prefix)) as u64,
            line: self.start.line + index.max(1) as u64 - 1,
            column: prefix.chars().count() as u64 + first_column,
        }
    }

    /// The number of bytes `s` took in the original encoding.
    pub(crate) fn encoded_len(&self, s: &str) -> usize {
        encoded_len(self.encoding, s)
    }

    fn line_table(&self, text: &str) -> Vec<(usize, usize)> {
        let mut lines = vec![(0, self.start.byte as usize)];
        let mut prev = 0;
        let mut orig = self.start.byte as usize;
        for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
            let start = i + 1;
            orig += self.encoded_len(text.get(prev..start).unwrap_or(""));
            lines.push((start, orig));
            prev = start;
        }
        lines
    }
}

/// The number of bytes `s` takes in `encoding`.
pub(crate) fn encoded_len(encoding: &'static Encoding, s: &str) -> usize {
    if encoding == UTF_8 {
        s.len()
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        s.encode_utf16().count() * 2
    } else if s.is_ascii() {
        s.len()
    } else {
        encoding.encode(s).0.len()
    }
}

/// Decodes `bytes` to UTF-8.
///
/// The encoding is taken from the byte order mark if there is one, else
/// from the XML declaration's `encoding` (UTF-16 without a BOM is detected
/// from the `<?` pattern), else UTF-8. The BOM is removed from the text. No
/// bytes are replaced: anything that does not decode, and any character XML
/// 1.0 forbids (control characters, U+FFFE, U+FFFF), is an error with its
/// position in the original bytes.
///
/// # Errors
///
/// [`Error::Xml`] for an unknown or unsupported declared encoding, bytes
/// that are not valid in the encoding, and characters not allowed in XML.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    let (encoding, bom) = sniff(bytes)?;
    let body = bytes.get(bom..).unwrap_or(&[]);
    let map = SourceMap::whole(encoding, bom);
    let text: Cow<'_, str> = if encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => Cow::Borrowed(s),
            Err(e) => {
                return Err(undecodable(bytes, bom, e.valid_up_to(), encoding));
            }
        }
    } else {
        Cow::Owned(decode_strict(bytes, bom, encoding)?)
    };
    allowed(text, map)
}

/// As [`decode`], for bytes already known to be UTF-8 (a file read into a
/// `str`): when they are to be read as UTF-8, they are not checked again.
///
/// # Errors
///
/// As [`decode`].
pub(crate) fn decode_str(text: &str) -> Result<Decoded<'_>, Error> {
    let (encoding, bom) = sniff(text.as_bytes())?;
    if encoding != UTF_8 {
        // (Declared in another encoding, which reads the bytes otherwise.)
        return decode(text.as_bytes());
    }
    let body = text.get(bom..).unwrap_or("");
    allowed(Cow::Borrowed(body), SourceMap::whole(encoding, bom))
}

/// `text` decoded, once it holds no character XML 1.0 forbids.
fn allowed<'a>(text: Cow<'a, str>, map: SourceMap) -> Result<Decoded<'a>, Error> {
    if let Some(offset) = find_forbidden_char(&text) {
        let position = map.position(&text, offset);
        let c = text
            .get(offset..)
            .and_then(|s| s.chars().next())
            .unwrap_or('\0');
        return Err(forbidden_error(position, c));
    }
    Ok(Decoded { text, map })
}

/// The encoding of input starting with `bytes` (at least its first
/// [`DECLARATION_WINDOW`] bytes, or all of it), and the length of its BOM.
pub(crate) fn sniff(bytes: &[u8]) -> Result<(&'static Encoding, usize), Error> {
    Ok(match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len),
        None => (sniff_without_bom(bytes)?, 0),
    })
}

/// Finds the encoding of input without a BOM.
fn sniff_without_bom(bytes: &[u8]) -> Result<&'static Encoding, Error> {
    // UTF-16 without BOM: "<?" as 16-bit units.
    if bytes.starts_with(&[b'<', 0, b'?', 0]) {
        return Ok(UTF_16LE);
    }
    if bytes.starts_with(&[0, b'<', 0, b'?']) {
        return Ok(UTF_16BE);
    }
    let Some((label, at)) = declared_encoding(bytes) else {
        return Ok(UTF_8);
    };
    match Encoding::for_label(label) {
        // A declaration read as ASCII cannot really be UTF-16: the file was
        // re-encoded and the declaration left alone. Read it as UTF-8.
        Some(enc) if enc == UTF_16LE || enc == UTF_16BE => Ok(UTF_8),
        Some(enc) if enc.is_single_byte() || enc == UTF_8 || ascii_compatible(enc) => Ok(enc),
        _ => {
            let prefix = String::from_utf8_lossy(bytes.get(..at).unwrap_or(&[]));
            let position = Position::from_offset(&prefix, prefix.len());
            Err(error_at(
                Position {
                    byte: at as u64,
                    ..position
                },
                format!(
                    "unsupported encoding \"{}\" in the XML declaration",
                    String::from_utf8_lossy(label)
                ),
            ))
        }
    }
}

/// Whether ASCII bytes mean ASCII characters in `enc` (true for every
/// encoding the WHATWG standard knows except UTF-16 and ISO-2022-JP).
fn ascii_compatible(enc: &'static Encoding) -> bool {
    enc.is_ascii_compatible()
}

/// The `encoding` pseudo-attribute of the XML declaration at the start of
/// `bytes`, and its byte offset.
fn declared_encoding(bytes: &[u8]) -> Option<(&[u8], usize)> {
    let window = bytes.get(..bytes.len().min(DECLARATION_WINDOW))?;
    if !window.starts_with(b"<?xml") {
        return None;
    }
    let end = window.windows(2).position(|w| w == b"?>")?;
    let decl = window.get(..end)?;
    let key = decl.windows(8).position(|w| w == b"encoding")?;
    let mut i = key + 8;
    while decl.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    if decl.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while decl.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    let quote = *decl.get(i).filter(|q| **q == b'"' || **q == b'\'')?;
    let start = i + 1;
    let len = decl.get(start..)?.iter().position(|&b| b == quote)?;
    Some((decl.get(start..start + len)?, start))
}

/// Decodes `bytes[bom..]` from `encoding` without replacement.
fn decode_strict(bytes: &[u8], bom: usize, encoding: &'static Encoding) -> Result<String, Error> {
    let input = bytes.get(bom..).unwrap_or(&[]);
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(input.len())
        .unwrap_or(input.len().saturating_mul(3));
    let mut out = String::with_capacity(capacity);
    let mut done = 0;
    loop {
        let rest = input.get(done..).unwrap_or(&[]);
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        done += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(rest.len().saturating_mul(3).max(16)),
            DecoderResult::Malformed(bad, extra) => {
                let at = done.saturating_sub(usize::from(bad) + usize::from(extra));
                return Err(undecodable_after(&out, bom + at, encoding, bom));
            }
        }
    }
}

/// The error for invalid UTF-8 at `valid` bytes after the BOM.
fn undecodable(bytes: &[u8], bom: usize, valid: usize, encoding: &'static Encoding) -> Error {
    let good = bytes
        .get(bom..bom + valid)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("");
    undecodable_after(good, bom + valid, encoding, bom)
}

/// The error for undecodable bytes at original offset `at`, given the text
/// decoded before them.
fn undecodable_after(decoded: &str, at: usize, encoding: &'static Encoding, bom: usize) -> Error {
    undecodable_at(
        Position::from_offset(decoded, decoded.len()),
        at,
        encoding,
        bom,
    )
}

/// The error for undecodable bytes at original offset `at`, after text
/// that ends at `before`.
pub(crate) fn undecodable_at(
    before: Position,
    at: usize,
    encoding: &'static Encoding,
    bom: usize,
) -> Error {
    let declared = if bom == 0 && encoding == UTF_8 {
        " (the file declares no other encoding)"
    } else {
        ""
    };
    error_at(
        Position {
            byte: at as u64,
            ..before
        },
        format!("bytes that are not valid {}{declared}", encoding.name()),
    )
}

/// Refuses text holding a character XML 1.0 does not allow, with its
/// position (for text that did not come through [`decode`]).
///
/// # Errors
///
/// [`Error::Xml`] at the first such character.
pub fn check_chars(text: &str, map: &SourceMap) -> Result<(), Error> {
    match find_forbidden_char(text) {
        None => Ok(()),
        Some(at) => {
            let c = text
                .get(at..)
                .and_then(|t| t.chars().next())
                .unwrap_or('\0');
            Err(error_at(
                map.position(text, at),
                format!("character U+{:04X} is not allowed in XML 1.0", u32::from(c)),
            ))
        }
    }
}

/// The offset of the first character XML 1.0 does not allow: C0 controls
/// other than tab, newline and carriage return, U+FFFE and U+FFFF.
pub(crate) fn find_forbidden_char(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Thirty-two bytes at a time: a word without a byte below 0x20 and without
    // 0xEF cannot start a forbidden character. Where there are such bytes
    // (tab, newline and carriage return make that common), only the bytes
    // flagged are looked at.
    let mut start = 0;
    for chunk in bytes.chunks_exact(32) {
        let word = |k: usize| {
            let w = chunk.get(k..k + 8).and_then(|w| w.try_into().ok());
            candidates(u64::from_le_bytes(w.unwrap_or_default()))
        };
        let words = [word(0), word(8), word(16), word(24)];
        if words.iter().fold(0, |a, w| a | w) != 0 {
            for (k, mut m) in words.into_iter().enumerate() {
                while m != 0 {
                    // The high bit of flagged byte k is bit 8k + 7.
                    let i = start + 8 * k + (m.trailing_zeros() / 8) as usize;
                    if forbidden_at(bytes, i) {
                        return Some(i);
                    }
                    m &= m - 1;
                }
            }
        }
        start += 32;
    }
    find_forbidden_in(bytes, start, bytes.len())
}

/// The high bit of each byte of `x` (little-endian) that may be below 0x20
/// or 0xEF. Every such byte is flagged (a borrow from a flagged byte may
/// flag some above it too, which are then looked at for nothing).
#[inline]
fn candidates(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below_space = x.wrapping_sub(0x20 * ONES) & !x & HIGHS;
    let y = x ^ (0xEF * ONES);
    let has_ef = y.wrapping_sub(ONES) & !y & HIGHS;
    below_space | has_ef
}

/// True when a forbidden character starts at `bytes[i]`.
#[inline]
fn forbidden_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(&b) if b < 0x20 => !matches!(b, b'\t' | b'\n' | b'\r'),
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
        Some(0xEF) => {
            bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
        }
        _ => false,
    }
}

/// The first forbidden character starting in `bytes[from..to]`.
fn find_forbidden_in(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    (from..to.min(bytes.len())).find(|&i| forbidden_at(bytes, i))
}

/// The error for character `c`, which XML 1.0 does not allow, at `position`.
pub(crate) fn forbidden_error(position: Position, c: char) -> Error {
    error_at(
        position,
        format!("character U+{:04X} is not allowed in XML 1.0", u32::from(c)),
    )
}

fn error_at(position: Position, message: String) -> Error {
    Error::Xml {
        kind: crate::ErrorKind::Encoding,
        location: Location {
            position: Some(position),
            ..Location::default()
        },
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = if bom { vec![0xFEFF] } else { vec![] };
        for u in units.into_iter().chain(s.encode_utf16()) {
            let b = if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    fn pos(p: Position) -> (u64, u64, u64) {
        (p.byte, p.line, p.column)
    }

    #[test]
    fn plain_utf8_is_borrowed_and_maps_one_to_one() {
        let d = decode(b"<a>\n <b/></a>").unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.map.encoding(), UTF_8);
        assert_eq!(pos(d.map.position(&d.text, 5)), (5, 2, 2));
    }

    #[test]
    fn utf8_bom_is_stripped_and_counted() {
        let d = decode("\u{feff}<a>\n서울 <b/></a>".as_bytes()).unwrap();
        assert_eq!(&*d.text, "<a>\n서울 <b/></a>");
        assert_eq!(d.map.bom_len(), 3);
        let off = d.text.find("<b").unwrap();
        // 3 (BOM) + 4 ("<a>\n") + 7 ("서울 ")
        assert_eq!(pos(d.map.position(&d.text, off)), (14, 2, 4));
        assert_eq!(pos(d.map.position(&d.text, 0)), (3, 1, 1));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a>서울 𝄞 <b/></a>";
        for be in [false, true] {
            let bytes = utf16(text, be, true);
            let d = decode(&bytes).unwrap();
            assert_eq!(&*d.text, text);
            assert_eq!(d.map.encoding(), if be { UTF_16BE } else { UTF_16LE });
            let off = d.text.find("<b").unwrap();
            // BOM 2 + first line 40 units * 2 + "<a>서울 𝄞 " = 9 units (𝄞 is 2)
            let first = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n".len();
            assert_eq!(
                pos(d.map.position(&d.text, off)),
                (2 + 2 * first as u64 + 18, 2, 9)
            );
        }
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>";
        let le = utf16(text, false, false);
        let d = decode(&le).unwrap();
        assert_eq!(&*d.text, text);
        let be = utf16(text, true, false);
        let d = decode(&be).unwrap();
        assert_eq!(&*d.text, text);
        assert_eq!(d.map.bom_len(), 0);
    }

    #[test]
    fn declared_latin1_and_windows_1252() {
        let mut bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?>\n<a>caf".to_vec();
        bytes.extend_from_slice(&[
            0xE9, b' ', 0x80, b'<', b'b', b'/', b'>', b'<', b'/', b'a', b'>',
        ]);
        let d = decode(&bytes).unwrap();
        assert!(d.text.ends_with("café €<b/></a>"));
        let off = d.text.find("<b").unwrap();
        let orig = bytes.windows(2).position(|w| w == b"<b").unwrap() as u64;
        assert_eq!(pos(d.map.position(&d.text, off)), (orig, 2, 10));
        let bytes2 = [
            b"<?xml version=\"1.0\" encoding = \"windows-1252\" ?><a>".as_slice(),
            &[0x93, b'x', 0x94],
            b"</a>",
        ]
        .concat();
        let d = decode(&bytes2).unwrap();
        assert!(d.text.contains("<a>\u{201c}x\u{201d}</a>"));
    }

    #[test]
    fn invalid_utf8_without_declaration_is_positioned() {
        let bytes = [b"<a>\nab".as_slice(), &[0xE9], b"</a>"].concat();
        let err = decode(&bytes).unwrap_err();
        let loc = err.location().unwrap().position.unwrap();
        assert_eq!(pos(loc), (6, 2, 3));
        assert!(err.to_string().contains("not valid UTF-8"), "{err}");
    }

    #[test]
    fn invalid_utf16_is_positioned() {
        // unpaired high surrogate D800 after "<a>"
        let mut bytes = utf16("<a>", false, true);
        bytes.extend_from_slice(&[0x00, 0xD8, b'x', 0]);
        let err = decode(&bytes).unwrap_err();
        let p = err.location().unwrap().position.unwrap();
        assert_eq!((p.line, p.column), (1, 4));
        assert_eq!(p.byte, 8);
    }

    #[test]
    fn control_characters_are_refused() {
        let err = decode(b"<a>\n x\x03</a>").unwrap_err();
        let p = err.location().unwrap().position.unwrap();
        assert_eq!(pos(p), (6, 2, 3));
        assert!(err.to_string().contains("U+0003"), "{err}");
        assert!(decode("<a>\u{fffe}</a>".as_bytes()).is_err());
        assert!(decode(b"<a>\t\r\n</a>").is_ok());
    }

    #[test]
    fn unknown_encoding_is_refused_with_position() {
        let err = decode(b"<?xml version=\"1.0\" encoding=\"klingon\"?><a/>").unwrap_err();
        let p = err.location().unwrap().position.unwrap();
        assert_eq!((p.line, p.column, p.byte), (1, 31, 30));
    }

    #[test]
    fn declared_utf16_in_ascii_bytes_reads_as_utf8() {
        let d = decode(b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>x</a>").unwrap();
        assert_eq!(d.map.encoding(), UTF_8);
    }

    #[test]
    fn forbidden_characters_found_at_any_offset() {
        for len in 0..40 {
            let clean = "a\tb\r\n\u{e9}\u{ef}\u{fffd}".repeat(3);
            let base: String = clean.chars().take(len).collect();
            assert_eq!(find_forbidden_char(&base), None, "{base:?}");
            for bad in ['\u{1}', '\u{1f}', '\u{fffe}', '\u{ffff}'] {
                let text = format!("{base}{bad}xyz");
                assert_eq!(find_forbidden_char(&text), Some(base.len()), "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn forbidden_character_search_matches_a_char_by_char_one(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "\t", "\n", "\r", " ", "\u{1}", "\u{1f}", "\u{7f}", "\u{e9}", "\u{ef}",
                    "\u{fffd}", "\u{fffe}", "\u{ffff}", "\u{feff}", "서", "😀", "abcdefgh",
                ]),
                0..48,
            )
        ) {
            let text: String = parts.concat();
            let expected = text.char_indices().find(|&(_, c)| {
                (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
            });
            proptest::prop_assert_eq!(find_forbidden_char(&text), expected.map(|(i, _)| i));
        }
    }

    #[test]
    fn position_never_panics() {
        let d = decode("\u{feff}a\n서".as_bytes()).unwrap();
        for i in 0..10 {
            let _ = d.map.position(&d.text, i);
        }
        assert_eq!(pos(d.map.position(&d.text, 99)), (8, 2, 2));
    }
}
