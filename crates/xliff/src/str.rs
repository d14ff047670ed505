//! [`Str`]: the string type of the XLIFF model.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use arcstr::{ArcStr, Substr};

/// An immutable string in the XLIFF model (ids, attribute values, text
/// runs, verbatim XML).
///
/// A [`Document`](super::Document) read from a file keeps, for each unit
/// (and for each header: root, file, group), one buffer holding the text
/// of its strings and nothing else; every string that appears in the file
/// unchanged (no entity or character reference to resolve) is a view into
/// its unit's buffer. The Document's strings thus cost their text once,
/// and the file's markup is not kept; a `Str` kept after the Document is
/// dropped keeps its unit's buffer alive, not the file. Strings made in code
/// (`Str::from("...")`) own their text. Either way a `Str` behaves like a
/// `&str` (it dereferences to one, compares and hashes like one), is cheap
/// to clone, and is `Send` and `Sync`.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::Str;
/// let s = Str::from("Seoul");
/// assert_eq!(s, "Seoul");
/// assert_eq!(s.len(), 5);
/// assert!(s.starts_with("Se"));
/// let owned: String = s.clone().into();
/// assert_eq!(owned, "Seoul");
/// assert_eq!(Str::default(), "");
/// ```
#[derive(Clone, Default)]
pub struct Str(Substr);

impl Str {
    /// The empty string (no allocation).
    pub const fn new() -> Str {
        Str(Substr::new())
    }

    /// Wraps a [`Substr`] (for constants made with
    /// `arcstr::literal_substr!`, which allocate nothing).
    pub(crate) const fn from_substr(s: Substr) -> Str {
        Str(s)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for a constant (no heap memory at all).
    #[cfg(any(test, feature = "heap-size"))]
    pub(crate) fn is_static(&self) -> bool {
        ArcStr::is_static(self.0.parent())
    }

    /// The buffer this string is a view into, when it is a part of a larger
    /// shared text (a file's); `None` when it owns its text.
    #[cfg(any(test, feature = "heap-size"))]
    pub(crate) fn shared_buffer(&self) -> Option<(*const u8, usize)> {
        let parent = self.0.parent();
        (parent.len() != self.0.len()).then(|| (parent.as_ptr(), parent.len()))
    }
}

/// Moves views into a buffer of their own, in two passes over the same
/// strings in the same order ([`compact`](crate::compact::compact)):
/// [`gather`](Compactor::gather) each, [`seal`](Compactor::seal), then
/// [`place`](Compactor::place) each. Strings that own their text, and
/// constants, are left as they are.
#[derive(Default)]
pub(crate) struct Compactor {
    /// The text gathered so far.
    text: String,
    /// The sealed buffer the views are placed into.
    buf: ArcStr,
    /// Where the next view's text starts in `buf`.
    at: usize,
}

impl Compactor {
    /// A view into a larger buffer that is not a constant.
    #[inline]
    fn is_view(s: &Str) -> bool {
        let parent = s.0.parent();
        parent.len() != s.0.len() && !ArcStr::is_static(parent)
    }

    /// First pass: notes the text of `s` when it is a view.
    #[inline]
    pub(crate) fn gather(&mut self, s: &Str) {
        if Self::is_view(s) {
            self.text.push_str(s);
        }
    }

    /// Makes the buffer of the text gathered; false when there was none
    /// (no second pass is needed).
    pub(crate) fn seal(&mut self) -> bool {
        if self.text.is_empty() {
            return false;
        }
        self.buf = ArcStr::from(self.text.as_str());
        self.text.clear();
        self.at = 0;
        true
    }

    /// Second pass: points `s`, when it is a view, at its text in the
    /// sealed buffer.
    #[inline]
    pub(crate) fn place(&mut self, s: &mut Str) {
        if Self::is_view(s) {
            let end = self.at + s.len();
            // Always in range (the same strings as gathered); checked so
            // that a mismatch could only leave a view where it was.
            if self.buf.get(self.at..end).is_some() {
                *s = Str(self.buf.substr(self.at..end));
            }
            self.at = end;
        }
    }
}

/// Makes [`Str`]s that share the text being read.
///
/// Views are made only for slices of `text` itself and only when the text
/// fits the 32-bit offsets of a view; anything else is copied.
#[derive(Clone)]
pub(crate) struct Shared {
    buf: Option<ArcStr>,
}

impl Shared {
    /// Copies `text` once into a shared buffer; slices of
    /// [`Shared::text`] become views into it.
    pub(crate) fn new(text: &str) -> Shared {
        if text.len() > u32::MAX as usize {
            return Shared::none();
        }
        Shared {
            buf: Some(ArcStr::from(text)),
        }
    }

    /// No shared buffer: every string is copied (streaming readers, which
    /// must not keep the whole input alive).
    pub(crate) const fn none() -> Shared {
        Shared { buf: None }
    }

    /// The shared text, if any.
    pub(crate) fn text(&self) -> Option<&str> {
        self.buf.as_deref()
    }

    /// A [`Str`] for `s`: a view when `s` lies inside the shared text, a
    /// copy otherwise.
    #[inline]
    pub(crate) fn str(&self, s: &str) -> Str {
        if s.is_empty() {
            return Str::new();
        }
        if let Some(buf) = &self.buf {
            // Where `s` starts in the buffer, if it lies inside it (what
            // `try_substr_from` checks, here inline). A `&str` inside the
            // buffer starts and ends on its character boundaries.
            let start = (s.as_ptr() as usize).wrapping_sub(buf.as_ptr() as usize);
            if start <= buf.len() && s.len() <= buf.len() - start {
                return Str(buf.substr(start..start + s.len()));
            }
        }
        Str::from(s)
    }
}

/// A file's content as [`read_file`] read it.
pub(crate) enum FileContent {
    /// UTF-8 text (not yet checked as XML text), as the buffer of a
    /// [`Shared`].
    Utf8(Shared),
    /// Bytes that are not UTF-8, or too many for a shared buffer.
    Bytes(Vec<u8>),
}

/// Reads the file at `path`: when its bytes are UTF-8 (most XLIFF files),
/// straight into a shared buffer, which the Document's strings are then
/// views into; else as bytes, to decode.
///
/// # Errors
///
/// When the file cannot be opened or read.
pub(crate) fn read_file(path: &std::path::Path) -> std::io::Result<FileContent> {
    use std::io::{Read, Seek};
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if let Ok(n) = usize::try_from(len)
        && n > 0
        && n <= u32::MAX as usize
    {
        let mut read = Ok(());
        let text = ArcStr::init_with(n, |buf| read = file.read_exact(buf));
        match read {
            // The file is as long as it said (or, at the end, longer).
            Ok(()) => {
                let mut more = [0u8; 1];
                if let Ok(text) = text
                    && file.read(&mut more)? == 0
                {
                    return Ok(FileContent::Utf8(Shared { buf: Some(text) }));
                }
            }
            // Shorter: read again below.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {}
            Err(e) => return Err(e),
        }
        file.rewind()?;
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(FileContent::Bytes(bytes))
}

/// A [`Shared`] that shares nothing.
pub(crate) static NO_SHARING: Shared = Shared::none();

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(Substr::from(s))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str::from(s.as_str())
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(Substr::from(s))
    }
}

impl From<Box<str>> for Str {
    fn from(s: Box<str>) -> Str {
        Str::from(&*s)
    }
}

impl From<Cow<'_, str>> for Str {
    fn from(s: Cow<'_, str>) -> Str {
        Str::from(&*s)
    }
}

impl From<char> for Str {
    fn from(c: char) -> Str {
        Str::from(c.encode_utf8(&mut [0; 4]) as &str)
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.as_str().to_owned()
    }
}

impl From<&Str> for String {
    fn from(s: &Str) -> String {
        s.as_str().to_owned()
    }
}

impl From<Str> for Box<str> {
    fn from(s: Str) -> Box<str> {
        s.as_str().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_share_the_buffer_and_copies_do_not() {
        let shared = Shared::new("<a>Seoul &amp; Tokyo</a>");
        let text = shared.text().unwrap_or_default();
        let view = shared.str(&text[3..8]);
        assert_eq!(view, "Seoul");
        assert!(view.shared_buffer().is_some());
        // Not a slice of the shared text: copied.
        let copy = shared.str("Seoul");
        assert_eq!(copy, view);
        assert!(copy.shared_buffer().is_none());
        // No buffer: copied.
        let none = Shared::none().str("x");
        assert_eq!(none, "x");
        assert!(none.shared_buffer().is_none());
        assert_eq!(shared.str(""), Str::new());
        // Slices at both ends of the buffer are views too.
        for piece in [&text[..3], &text[text.len() - 4..]] {
            let v = shared.str(piece);
            assert_eq!(v, piece);
            assert!(v.shared_buffer().is_some(), "{piece}");
        }
        assert_eq!(shared.str(text), text);
    }

    #[test]
    fn documents_cross_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Str>();
        send_sync::<crate::Document>();
    }

    #[test]
    fn compares_and_hashes_like_str() {
        use std::collections::HashSet;
        let a = Str::from("id-1");
        let b = Str::from(String::from("id-1"));
        assert_eq!(a, b);
        assert_eq!(a.cmp(&Str::from("id-2")), std::cmp::Ordering::Less);
        let set: HashSet<Str> = [a.clone()].into_iter().collect();
        assert!(set.contains("id-1"));
        assert_eq!(format!("{a} {a:?}"), "id-1 \"id-1\"");
        assert_eq!(Str::from('é'), "é");
    }
}
