//! The id tables of the unit checks: a list while there are few ids, a
//! hash table from [`FEW_IDS`] on.

use super::*;

/// Ids a per-unit table holds in a list before it moves them to a hash
/// table: most units have a handful, which a few comparisons of short
/// strings check faster than hashing.
pub(super) const FEW_IDS: usize = 16;

/// A per-unit id table: a list searched in order while it holds at most
/// [`FEW_IDS`] ids, a hash table once it holds more.
pub(super) struct IdMap<'a, V> {
    few: Vec<(Key<'a>, V)>,
    /// Every entry once there are more than [`FEW_IDS`] (`few` is then
    /// empty); empty otherwise.
    many: HashMap<Key<'a>, V>,
}

impl<V> Default for IdMap<'_, V> {
    fn default() -> Self {
        IdMap {
            few: Vec::new(),
            many: HashMap::default(),
        }
    }
}

impl<'a, V> IdMap<'a, V> {
    /// Whether the ids have moved to the hash table.
    #[cfg(test)]
    pub(super) fn is_table(&self) -> bool {
        !self.many.is_empty()
    }

    /// Empties the table, keeping its memory.
    #[inline]
    pub(super) fn clear(&mut self) {
        self.few.clear();
        if !self.many.is_empty() {
            self.many.clear();
        }
    }

    #[inline(always)]
    pub(super) fn get(&self, k: &str) -> Option<&V> {
        if self.many.is_empty() {
            self.few.iter().find(|e| same(&e.0, k)).map(|e| &e.1)
        } else {
            self.many.get(k)
        }
    }

    #[inline]
    pub(super) fn is_empty(&self) -> bool {
        self.few.is_empty() && self.many.is_empty()
    }

    #[inline]
    pub(super) fn contains_key(&self, k: &str) -> bool {
        self.get(k).is_some()
    }

    /// As `HashMap::insert`: the value replaces an earlier one for the
    /// same id (which is returned); the earlier key stays.
    #[inline]
    pub(super) fn insert(&mut self, k: Key<'a>, v: V) -> Option<V> {
        if self.many.is_empty() {
            if let Some(e) = self.few.iter_mut().find(|e| same(&e.0, &k)) {
                return Some(std::mem::replace(&mut e.1, v));
            }
            if self.few.len() < FEW_IDS {
                self.few.push((k, v));
                return None;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(k, v)
    }

    #[inline]
    pub(super) fn remove(&mut self, k: &str) -> Option<V> {
        if self.many.is_empty() {
            let i = self.few.iter().position(|e| same(&e.0, k))?;
            Some(self.few.remove(i).1)
        } else {
            self.many.remove(k)
        }
    }

    /// The entries (in the order they came while there are few).
    #[inline]
    pub(super) fn iter(&self) -> impl Iterator<Item = (&Key<'a>, &V)> {
        self.few
            .iter()
            .map(|e| (&e.0, &e.1))
            .chain(self.many.iter())
    }
}

/// `a == b` for ids, which are short: compared byte by byte inline rather
/// than by a library call.
#[inline(always)]
pub(super) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// A set of per-unit ids ([`IdMap`] without values).
#[derive(Default)]
pub(super) struct IdSet<'a>(IdMap<'a, ()>);

impl<'a> IdSet<'a> {
    #[inline]
    pub(super) fn clear(&mut self) {
        self.0.clear();
    }

    /// As `HashSet::insert`: false when `k` was there already.
    #[inline]
    pub(super) fn insert(&mut self, k: Key<'a>) -> bool {
        self.0.insert(k, ()).is_none()
    }

    #[inline]
    pub(super) fn contains(&self, k: &str) -> bool {
        self.0.contains_key(k)
    }

    #[inline]
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    #[inline]
    pub(super) fn remove(&mut self, k: &str) -> bool {
        self.0.remove(k).is_some()
    }

    #[inline]
    pub(super) fn iter(&self) -> impl Iterator<Item = &Key<'a>> {
        self.0.iter().map(|e| e.0)
    }
}
