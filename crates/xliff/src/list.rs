//! [`List`], the list type of the XLIFF model, and [`Boxed`], a value kept
//! out of line.
//!
//! Both are the crate's own types, so that how the model is laid out in
//! memory (today a list is one pointer wide, its length and capacity kept
//! in its allocation, and an empty list allocates nothing) can change
//! without changing the API.

use std::borrow::{Borrow, BorrowMut};
use std::fmt;
use std::iter::FusedIterator;
use std::ops::{Deref, DerefMut};

use thin_vec::ThinVec;

/// A growable list, as the model's lists are (attributes, notes, units,
/// segments, inline content): it dereferences to a slice, so indexing,
/// `iter()`, `len()`, `first()` and the other slice methods work, and it
/// has `Vec`'s methods for changing it.
///
/// A list takes one pointer in the struct holding it, and an empty list
/// allocates nothing, which keeps a [`Document`](crate::Document) small.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{Attr, List};
/// let mut attrs: List<Attr> = List::new();
/// attrs.push(Attr::new("mq:status", "Confirmed"));
/// attrs.insert(0, Attr::new("xml:lang", "fr"));
/// assert_eq!(attrs.len(), 2);
/// assert_eq!(&*attrs[0].name, "xml:lang");
/// attrs.retain(|a| a.name.starts_with("mq:"));
/// let names: Vec<&str> = attrs.iter().map(|a| &*a.name).collect();
/// assert_eq!(names, ["mq:status"]);
/// let numbers: List<u32> = (1..4).collect();
/// assert_eq!(numbers, List::from([1, 2, 3]));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct List<T>(ThinVec<T>);

impl<T> List<T> {
    /// An empty list (no allocation).
    pub const fn new() -> List<T> {
        List(ThinVec::new())
    }

    /// Appends an item.
    pub fn push(&mut self, item: T) {
        self.0.push(item);
    }

    /// Removes the last item and returns it; `None` when the list is empty.
    pub fn pop(&mut self) -> Option<T> {
        self.0.pop()
    }

    /// Inserts an item at `index`, shifting the ones after it.
    ///
    /// # Panics
    ///
    /// When `index` is greater than the length.
    pub fn insert(&mut self, index: usize, item: T) {
        self.0.insert(index, item);
    }

    /// Removes the item at `index` and returns it, shifting the ones after
    /// it.
    ///
    /// # Panics
    ///
    /// When `index` is out of bounds.
    pub fn remove(&mut self, index: usize) -> T {
        self.0.remove(index)
    }

    /// Keeps only the items for which `keep` returns true, in order.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }

    /// Shortens the list to `len` items (nothing happens when it is not
    /// longer).
    pub fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// Removes every item.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Moves every item of `other` to the end of this list, leaving `other`
    /// empty.
    pub fn append(&mut self, other: &mut List<T>) {
        self.0.append(&mut other.0);
    }

    /// The items, as a slice (what the list dereferences to).
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// The number of items the list can hold without reallocating.
    pub(crate) fn capacity(&self) -> usize {
        self.0.capacity()
    }

    /// Makes room for exactly `additional` more items.
    pub(crate) fn reserve_exact(&mut self, additional: usize) {
        self.0.reserve_exact(additional);
    }

    /// Splits the list at `at`: this one keeps the items before it, the
    /// one returned has the rest.
    pub(crate) fn split_off(&mut self, at: usize) -> List<T> {
        List(self.0.split_off(at))
    }

    /// Gives back spare capacity.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }

    /// Removes the items in `range` and yields them.
    pub(crate) fn drain(
        &mut self,
        range: impl std::ops::RangeBounds<usize>,
    ) -> impl Iterator<Item = T> + '_ {
        self.0.drain(range)
    }
}

impl<T> Default for List<T> {
    fn default() -> List<T> {
        List::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T> AsRef<[T]> for List<T> {
    fn as_ref(&self) -> &[T] {
        &self.0
    }
}

impl<T> AsMut<[T]> for List<T> {
    fn as_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T> Borrow<[T]> for List<T> {
    fn borrow(&self) -> &[T] {
        &self.0
    }
}

impl<T> BorrowMut<[T]> for List<T> {
    fn borrow_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T> Extend<T> for List<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        self.0.extend(items);
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> List<T> {
        List(items.into_iter().collect())
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> List<T> {
        List(v.into())
    }
}

impl<T, const N: usize> From<[T; N]> for List<T> {
    fn from(a: [T; N]) -> List<T> {
        List(a.into())
    }
}

impl<T: Clone> From<&[T]> for List<T> {
    fn from(s: &[T]) -> List<T> {
        List(s.into())
    }
}

impl<T> From<List<T>> for Vec<T> {
    fn from(l: List<T>) -> Vec<T> {
        l.into_iter().collect()
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = IntoIter<T>;
    fn into_iter(self) -> IntoIter<T> {
        IntoIter(self.0.into_iter())
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> std::slice::Iter<'a, T> {
        self.0.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut List<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> std::slice::IterMut<'a, T> {
        self.0.iter_mut()
    }
}

/// The items of a [`List`], by value (from its `into_iter()`).
pub struct IntoIter<T>(thin_vec::IntoIter<T>);

impl<T> Iterator for IntoIter<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T> DoubleEndedIterator for IntoIter<T> {
    fn next_back(&mut self) -> Option<T> {
        self.0.next_back()
    }
}

impl<T> ExactSizeIterator for IntoIter<T> {}

impl<T> FusedIterator for IntoIter<T> {}

impl<T: fmt::Debug> fmt::Debug for IntoIter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IntoIter").field(&self.0.as_slice()).finish()
    }
}

/// A value kept out of line, so that the enum holding it ([`Inline`],
/// [`Item`]) stays small: it dereferences to the value. Make one with
/// `From` (`code.into()`), take the value back with
/// [`into_inner`](Boxed::into_inner).
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{Code, CodeKind, Content, Inline};
/// let mut c = Content::text("Press ");
/// c.push(Inline::Code(Code::standalone("1").into()));
/// let Some(Inline::Code(code)) = c.last() else { panic!("a code") };
/// assert_eq!(code.kind, CodeKind::Standalone);
/// assert_eq!(code.id.as_deref(), Some("1"));
/// ```
///
/// [`Inline`]: crate::Inline
/// [`Item`]: crate::Item
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Boxed<T>(Box<T>);

impl<T> Boxed<T> {
    /// Keeps `value` out of line.
    pub fn new(value: T) -> Boxed<T> {
        Boxed(Box::new(value))
    }

    /// The value.
    pub fn into_inner(self) -> T {
        *self.0
    }
}

impl<T> From<T> for Boxed<T> {
    fn from(value: T) -> Boxed<T> {
        Boxed::new(value)
    }
}

impl<T: fmt::Debug> fmt::Debug for Boxed<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> Deref for Boxed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Boxed<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T> AsRef<T> for Boxed<T> {
    fn as_ref(&self) -> &T {
        &self.0
    }
}

impl<T> AsMut<T> for Boxed<T> {
    fn as_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_one_pointer_and_an_empty_one_allocates_nothing() {
        assert_eq!(
            std::mem::size_of::<List<u64>>(),
            std::mem::size_of::<usize>()
        );
        assert_eq!(
            std::mem::size_of::<Option<List<u64>>>(),
            std::mem::size_of::<usize>()
        );
        assert_eq!(List::<u64>::new().capacity(), 0);
        assert_eq!(
            std::mem::size_of::<Option<Boxed<[u64; 4]>>>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn list_edits_like_a_vec() {
        let mut l: List<u32> = List::from(vec![1, 2, 3]);
        l.push(4);
        l.insert(0, 0);
        assert_eq!(l.remove(2), 2);
        assert_eq!(l.pop(), Some(4));
        l.extend([7, 8]);
        assert_eq!(&*l, &[0, 1, 3, 7, 8]);
        l.truncate(4);
        let mut tail = List::from([9]);
        l.append(&mut tail);
        assert!(tail.is_empty());
        assert_eq!(format!("{l:?}"), "[0, 1, 3, 7, 9]");
        let back: Vec<u32> = l.clone().into();
        assert_eq!(back, [0, 1, 3, 7, 9]);
        assert_eq!(l.into_iter().rev().collect::<Vec<_>>(), [9, 7, 3, 1, 0]);
    }

    #[test]
    fn boxed_is_its_value() {
        let mut b = Boxed::new(String::from("a"));
        b.push('b');
        assert_eq!(format!("{b:?}"), "\"ab\"");
        assert_eq!(b.into_inner(), "ab");
    }
}
