//! Bylines as newsrooms write them: `By Ada Reporter`, `By Ada Reporter and Ben
//! Writer`, `By Ada Reporter, Ben Writer and Cy Editor`.
//!
//! Turns a byline into the names it holds, and tells a plain-text seed's `By …` line
//! from a paragraph that happens to open with "By" ("By headline value it ranks …").
//! Conservative: text that does not read as a list of names stays one name (a front
//! matter `byline`) or is not a byline at all (a plain-text line). It does not check
//! URLs: that is the front matter parser's job.

/// The longest `By …` line, in words, taken as a byline.
const MAX_BYLINE_WORDS: usize = 14;
/// The most words one name may have (`Maria de los Angeles Ruiz`).
const MAX_NAME_WORDS: usize = 5;

/// Lower-case words that belong inside names: `Ursula von der Leyen`, `Luiz da Silva`.
const NAME_PARTICLES: [&str; 19] = [
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du", "ibn", "la",
    "le", "los", "ten", "van", "von",
];

/// Words that follow "By" in a sentence, not in a byline (`By Tuesday, …`).
const NOT_NAMES: [&str; 19] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Then",
];

/// The names in a byline: `By A, B and C` → `[A, B, C]`. A byline that does not split
/// into names (`Staff and wire reports`) is kept whole, as one name, without its `By`.
pub fn names(byline: &str) -> Vec<String> {
    let bare = without_by(byline.trim());
    if bare.is_empty() {
        return Vec::new();
    }
    match split_names(bare) {
        Some(names) => names,
        None => vec![bare.to_string()],
    }
}

/// The names of a plain-text seed's `By …` line, or `None` if the line is not one: it
/// must start with `By`, be short, and hold nothing but names (no digits, no sentence).
pub fn from_line(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))?
        .trim();
    if rest.is_empty() || line.split_whitespace().count() > MAX_BYLINE_WORDS {
        return None;
    }
    split_names(rest)
}

/// The byline without a leading `By`.
pub fn without_by(text: &str) -> &str {
    ["By ", "by ", "BY "]
        .iter()
        .find_map(|by| text.strip_prefix(by))
        .unwrap_or(text)
        .trim()
}

/// `A, B and C` → `[A, B, C]`, if every part reads as a person's name.
fn split_names(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        let part = part.strip_prefix("and ").unwrap_or(part);
        for name in part.split(" and ").flat_map(|p| p.split(" & ")) {
            let name = name.trim();
            if !is_name(name) {
                return None;
            }
            names.push(name.to_string());
        }
    }
    (!names.is_empty()).then_some(names)
}

/// A person's name: one to five words, the first and last capitalised, the others
/// capitalised or name particles; letters, `.`, `-` and apostrophes only.
fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let is_time_word = words.len() == 1 && NOT_NAMES.contains(first);
    words.len() <= MAX_NAME_WORDS
        && !is_time_word
        && starts_upper(first)
        && starts_upper(last)
        && words.iter().all(|word| {
            word.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
                && (starts_upper(word) || NAME_PARTICLES.contains(word))
        })
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_two_and_three_names() {
        assert_eq!(
            names("By Ada Reporter and Ben Writer"),
            ["Ada Reporter", "Ben Writer"]
        );
        assert_eq!(
            names("Ada Reporter, Ben Writer and Cy Editor"),
            ["Ada Reporter", "Ben Writer", "Cy Editor"]
        );
        assert_eq!(
            names("By Ada Reporter, Ben Writer, and Cy Editor"),
            ["Ada Reporter", "Ben Writer", "Cy Editor"]
        );
        assert_eq!(names("Luiz da Silva & Ursula von der Leyen").len(), 2);
    }

    #[test]
    fn a_byline_that_is_not_a_list_of_names_stays_whole() {
        assert_eq!(names("Staff and wire reports"), ["Staff and wire reports"]);
        assert_eq!(
            names("Marta Lindqvist, Brussels correspondent"),
            ["Marta Lindqvist, Brussels correspondent"]
        );
        assert_eq!(names("By Jane Doe"), ["Jane Doe"]);
        assert!(names("  ").is_empty());
    }

    #[test]
    fn a_by_line_is_told_from_a_paragraph_opening_with_by() {
        assert_eq!(
            from_line("By Jane Doe and J. R. Okafor"),
            Some(vec!["Jane Doe".to_string(), "J. R. Okafor".to_string()])
        );
        assert_eq!(
            from_line("BY ADA REPORTER"),
            Some(vec!["ADA REPORTER".to_string()])
        );
        for not_a_byline in [
            "By headline value it ranks among the biggest cloud contracts on record.",
            "By 2030 the council will have built 4,000 homes",
            "By Tuesday",
            "Byron Smith wrote this",
            "By Jane Doe. She covers the council.",
            "By",
        ] {
            assert_eq!(from_line(not_a_byline), None, "{not_a_byline}");
        }
    }
}
