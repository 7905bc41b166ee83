//! A map by path that remembers the order of its last visit.
//!
//! `serve`'s memos look up every page of the site on every rebuild, and
//! visit them in the same order each time (articles in path order). Here
//! the `i`-th lookup of a visit first checks the `i`-th entry of the last
//! one: a short string comparison in memory read in order, instead of
//! hashing a path and jumping to a random bucket. Lookups out of order
//! still work through the index; the next [`OrderedMap::finish`] then
//! lays the entries out in the new order.

use foldhash::HashMap;

#[derive(Debug)]
pub struct OrderedMap<V> {
    entries: Vec<(String, V)>,
    index: HashMap<String, usize>,
}

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap {
            entries: Vec::new(),
            index: HashMap::default(),
        }
    }
}

impl<V> OrderedMap<V> {
    fn position(&self, hint: usize, key: &str) -> Option<usize> {
        match self.entries.get(hint) {
            Some((k, _)) if k == key => Some(hint),
            _ => self.index.get(key).copied(),
        }
    }

    /// The value for `key`, expected at position `hint` of the visit.
    pub fn get(&self, hint: usize, key: &str) -> Option<&V> {
        self.position(hint, key).map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, hint: usize, key: &str) -> Option<&mut V> {
        self.position(hint, key).map(|i| &mut self.entries[i].1)
    }

    pub fn insert(&mut self, hint: usize, key: &str, value: V) {
        match self.position(hint, key) {
            Some(i) => self.entries[i].1 = value,
            None => {
                self.index.insert(key.to_string(), self.entries.len());
                self.entries.push((key.to_string(), value));
            }
        }
    }

    /// Ends a visit of exactly `keys`, in order: drops the entries of other
    /// keys and, if the order changed, lays the entries out in this one.
    pub fn finish<'k>(&mut self, keys: impl ExactSizeIterator<Item = &'k str> + Clone) {
        let in_order = self.entries.len() == keys.len()
            && self
                .entries
                .iter()
                .zip(keys.clone())
                .all(|((k, _), key)| k == key);
        if in_order {
            return;
        }
        let mut old: HashMap<String, V> = self.entries.drain(..).collect();
        self.index.clear();
        for key in keys {
            if let Some((key, value)) = old.remove_entry(key) {
                self.index.insert(key.clone(), self.entries.len());
                self.entries.push((key, value));
            }
        }
    }

    pub fn clear(&mut self) {
        *self = OrderedMap::default();
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_position_or_key_and_follows_a_new_order() {
        let mut map = OrderedMap::default();
        for (i, key) in ["a", "b", "c"].iter().enumerate() {
            map.insert(i, key, i);
        }
        map.finish(["a", "b", "c"].into_iter());
        assert_eq!(map.get(1, "b"), Some(&1));
        // Out of place: found through the index.
        assert_eq!(map.get(0, "c"), Some(&2));
        assert_eq!(map.get(0, "x"), None);
        // A visit that drops `a` and adds `d`.
        map.insert(2, "d", 9);
        map.finish(["b", "c", "d"].into_iter());
        assert_eq!(map.len(), 3);
        assert_eq!(map.get(0, "b"), Some(&1));
        assert_eq!(map.get(2, "d"), Some(&9));
        assert_eq!(map.get(5, "a"), None);
        *map.get_mut(1, "c").unwrap() = 7;
        assert_eq!(map.get(1, "c"), Some(&7));
    }
}
