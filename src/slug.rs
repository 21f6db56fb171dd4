//! URL slugs: ASCII, lower case, never empty, never reserved, never leaving `public/`.
//!
//! A slug is one path segment made of `a-z`, `0-9` and `-` only, so no slug can hold
//! `/`, `.` or `..`. Transliteration (`Zürich` → `zurich`) is the `slug` crate's job.
//! This module does not decide which story wants which slug; it only cleans and
//! de-duplicates.

use rustc_hash::FxHashSet;
use std::borrow::Cow;

/// Names the site itself uses at its top level; a story may not take them (`page` holds
/// the front page's later pages: `page/2/`).
pub const RESERVED: [&str; 13] = [
    "topics", "search", "editions", "page", "feed", "static", "assets", "index", "404", "sitemap",
    "robots", "style", "about",
];

/// Longest slug kept; longer headlines are cut at a word boundary.
const MAX_LEN: usize = 80;

/// Cleans any text into a slug segment; `None` if nothing usable is left.
pub fn slugify(text: &str) -> Option<String> {
    // Transliteration spells `£` as `PS` and `€` as `EUR`; in a headline's slug the
    // figure alone reads better (`48m-gap`, not `ps48m-gap`). Apostrophes join their
    // word (`amazons`, not `amazon-s`).
    let full = slug::slugify(text.replace(['£', '€', '¥', '\'', '’'], ""));
    let cut = if full.len() > MAX_LEN {
        // The slug is ASCII, so any byte index is a char boundary.
        let head = &full[..MAX_LEN];
        head.rfind('-').map_or(head, |dash| &head[..dash])
    } else {
        &full
    };
    let cut = cut.trim_matches('-');
    (!cut.is_empty()).then(|| cut.to_string())
}

/// A slug that lost a clash: who wanted what and what they got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub index: usize,
    pub wanted: String,
    pub given: String,
}

/// Gives each wanted slug a distinct one, in order: the first keeps its slug, later ones
/// get `-2`, `-3` …; reserved names are treated as already taken.
pub fn make_unique<S: AsRef<str>>(wanted: &[S]) -> (Vec<String>, Vec<Renamed>) {
    // Borrowed, not copied: a live session gives ten thousand slugs out again on an edit.
    let mut taken: FxHashSet<Cow<str>> = RESERVED.iter().map(|&s| Cow::Borrowed(s)).collect();
    // Reserve every wanted slug first, so `a`, `a`, `a-2` gives `a`, `a-3`, `a-2`
    // rather than letting the numbered one steal a later story's own slug.
    let mut wanted_once: FxHashSet<&str> = FxHashSet::default();
    wanted_once.reserve(wanted.len());
    let first_claims: Vec<bool> = wanted
        .iter()
        .map(|w| wanted_once.insert(w.as_ref()))
        .collect();
    let mut given = Vec::with_capacity(wanted.len());
    let mut renamed = Vec::new();
    taken.reserve(wanted.len());
    for (index, slug) in wanted.iter().enumerate() {
        let slug = slug.as_ref();
        if first_claims[index] && taken.insert(Cow::Borrowed(slug)) {
            given.push(slug.to_string());
            continue;
        }
        let fresh = (2..)
            .map(|n| format!("{slug}-{n}"))
            .find(|candidate| {
                !taken.contains(candidate.as_str()) && !wanted_once.contains(candidate.as_str())
            })
            .unwrap_or_else(|| format!("{slug}-{index}")); // (2..) is endless: never reached
        taken.insert(Cow::Owned(fresh.clone()));
        renamed.push(Renamed {
            index,
            wanted: slug.to_string(),
            given: fresh.clone(),
        });
        given.push(fresh);
    }
    (given, renamed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_headlines_into_ascii_segments() {
        assert_eq!(
            slugify("AWS Signs Record $38bn Deal").as_deref(),
            Some("aws-signs-record-38bn-deal")
        );
        assert_eq!(
            slugify("Zürich’s “new” café").as_deref(),
            Some("zurichs-new-cafe")
        );
        assert_eq!(slugify("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slugify("/absolute/path").as_deref(), Some("absolute-path"));
        assert_eq!(slugify("…—!!"), None);
        assert_eq!(
            slugify("£48m gap, €3.4 billion").as_deref(),
            Some("48m-gap-3-4-billion")
        );
    }

    #[test]
    fn long_slugs_are_cut_at_a_word() {
        let slug = slugify(&"word ".repeat(100)).expect("slug");
        assert!(slug.len() <= MAX_LEN && !slug.ends_with('-'));
    }

    #[test]
    fn clashes_get_numbered_suffixes_in_order() {
        let wanted: Vec<String> = ["a", "b", "a", "topics", "a"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (given, renamed) = make_unique(&wanted);
        assert_eq!(given, ["a", "b", "a-2", "topics-2", "a-3"]);
        assert_eq!(renamed.len(), 3);
    }

    #[test]
    fn a_numbered_slug_someone_wants_is_not_stolen() {
        let wanted: Vec<String> = ["a", "a", "a-2"].iter().map(|s| s.to_string()).collect();
        let (given, _) = make_unique(&wanted);
        assert_eq!(given, ["a", "a-3", "a-2"]);
    }
}
