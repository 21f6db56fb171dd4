//! Name variants across the digest: one topic page for `AWS` and `Amazon Web Services`,
//! one for `Altman` and `Sam Altman`.
//!
//! The desk already merges variants inside one story; a story that only ever says `AWS`
//! still files under `AWS`. This module looks at every topic name of the whole digest
//! and maps a short variant to the one longer name it stands for: an acronym to the name
//! whose initials it spells, a single word to the two- or three-word name it ends. A
//! variant that could stand for two names is left alone (no guessing). It does not
//! look names up anywhere and does not touch tags' spelling otherwise.

use std::collections::BTreeMap;

/// Small words a spelled-out name may hold that its acronym skips (`Bank of England`).
const SKIPPED_IN_ACRONYMS: [&str; 5] = ["of", "and", "the", "for", "&"];

/// Variant → the full name it stands for, for every variant with exactly one candidate.
/// `names` is every topic name of the digest, sorted, each once.
///
/// Each full name is indexed once by its initials and once by its last word, so a
/// digest's thousands of names are matched in one pass rather than pair by pair.
pub fn variants(names: &[&str]) -> BTreeMap<String, String> {
    let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for &full in names {
        let words: Vec<&str> = full.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        by_key.entry(initials(&words)).or_default().push(full);
        if let Some(last) = words.last() {
            by_key.entry((*last).to_string()).or_default().push(full);
        }
    }
    let mut map = BTreeMap::new();
    for &name in names {
        let Some(fulls) = by_key.get(name) else {
            continue;
        };
        let mut candidates: Vec<&str> = fulls
            .iter()
            .copied()
            .filter(|&full| full != name && stands_for(name, full))
            .collect();
        candidates.dedup();
        if let [full] = candidates[..] {
            map.insert(name.to_string(), full.to_string());
        }
    }
    map
}

/// The initials of a spelled-out name, its small words skipped (`Bank of England` → `BE`).
fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| !SKIPPED_IN_ACRONYMS.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Whether `short` is an acronym or the surname of `full`.
fn stands_for(short: &str, full: &str) -> bool {
    let words: Vec<&str> = full.split_whitespace().collect();
    if words.len() < 2 || short.contains(char::is_whitespace) {
        return false;
    }
    is_acronym_of(short, &words) || is_surname_of(short, &words)
}

fn is_acronym_of(short: &str, words: &[&str]) -> bool {
    let is_acronym =
        (2..=6).contains(&short.len()) && short.chars().all(|c| c.is_ascii_uppercase());
    if !is_acronym {
        return false;
    }
    initials(words) == short
}

fn is_surname_of(short: &str, words: &[&str]) -> bool {
    let titlecase = short.chars().next().is_some_and(char::is_uppercase)
        && short.chars().skip(1).all(char::is_lowercase)
        && short.chars().count() > 2;
    let looks_like_a_person = words.len() <= 3
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    titlecase && looks_like_a_person && words.last() == Some(&short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(names: &[&str]) -> BTreeMap<String, String> {
        let mut names = names.to_vec();
        names.sort_unstable();
        names.dedup();
        variants(&names)
    }

    #[test]
    fn acronyms_and_surnames_map_to_the_full_name() {
        let found = map(&[
            "AWS",
            "Amazon Web Services",
            "Altman",
            "Sam Altman",
            "OpenAI",
        ]);
        assert_eq!(found["AWS"], "Amazon Web Services");
        assert_eq!(found["Altman"], "Sam Altman");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn small_words_are_skipped_in_acronyms() {
        assert_eq!(
            map(&["BIS", "Bank for International Settlements"])["BIS"],
            "Bank for International Settlements"
        );
    }

    #[test]
    fn an_ambiguous_variant_stays_apart() {
        assert!(map(&["Smith", "Jane Smith", "John Smith"]).is_empty());
        assert!(map(&["Amazon", "Amazon Web Services"]).is_empty());
        assert!(map(&["AI", "Artificial Intelligence Ltd"]).is_empty());
    }
}
