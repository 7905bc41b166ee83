//! Heading ids: readable, stable and unique within a page.

use std::collections::HashSet;

/// Turns heading text into an id: lowercase letters and digits joined by
/// `-`. Apostrophes vanish so "What's" gives `whats`, not `what-s`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '‘') {
            continue;
        } else {
            pending_dash = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// Hands out ids, suffixing `-2`, `-3`… when one is already taken.
#[derive(Debug, Default)]
pub struct IdAllocator {
    taken: HashSet<String>,
}

impl IdAllocator {
    /// Reserves ids the theme uses itself, so a heading cannot clash with them.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Claims `wanted` exactly; returns false when it is already taken.
    pub fn claim(&mut self, wanted: &str) -> bool {
        self.taken.insert(wanted.to_string())
    }

    /// Claims `base`, or the first free `base-N`.
    pub fn unique(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable() {
        assert_eq!(
            slugify("How is micro-needling performed?"),
            "how-is-micro-needling-performed"
        );
        assert_eq!(slugify("What’s new?"), "whats-new");
        assert_eq!(slugify("  Prix & durée  "), "prix-durée");
        assert_eq!(slugify("???"), "section");
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = IdAllocator::with_reserved(&["main"]);
        assert_eq!(ids.unique("main"), "main-2");
        assert_eq!(ids.unique("faq"), "faq");
        assert_eq!(ids.unique("faq"), "faq-2");
        assert_eq!(ids.unique("faq"), "faq-3");
        assert!(!ids.claim("faq-2"));
    }
}
