//! Plain-text seeds, as wires and newsrooms hand them over.
//!
//! Line 1 is the headline; a single sentence right under it is the dek; a `By …` line
//! of names under them is the byline; paragraphs come one per line or separated by blank
//! lines (hard-wrapped lines are joined); a short line without closing punctuation
//! between paragraphs is a subheading; a dateline (`WASHINGTON —`) opening the first
//! paragraph is split off. Characters are kept exactly. This module does not guess dates
//! from the text: a `YYYY-MM-DD-` file name prefix is the only date a plain-text seed
//! has, read as the start of that day in the site's time zone.

use jiff::tz::TimeZone;

use super::{SeedError, byline, dateline};
use crate::date::{Date, Moment};
use crate::story::{Block, Byline, Html, Meta};

/// The longest line, in words, that can still be a subheading.
const MAX_SUBHEADING_WORDS: usize = 10;
/// The longest line, in words, taken as a dek; longer is a lede paragraph.
const MAX_DEK_WORDS: usize = 40;

/// Parses a plain-text seed; `file_name` may carry a `YYYY-MM-DD-` date prefix, read in
/// `zone`.
pub fn parse(
    source: &str,
    file_name: &str,
    zone: &TimeZone,
) -> Result<(Meta, Vec<Block>), SeedError> {
    let mut lines = source.lines().map(str::trim).skip_while(|l| l.is_empty());
    let headline = lines.next().ok_or(SeedError::Empty)?;
    let rest: Vec<&str> = lines.collect();

    let (names, rest) = take_byline(&rest);
    let (dek, body) = match rest.split_first() {
        Some((first, body)) if is_dek(first) => (Some(first.to_string()), body),
        _ => (None, rest),
    };
    let (names, body) = match names {
        Some(names) => (names, body),
        None => {
            // The byline may also stand under the dek, or after a blank line.
            let after_blanks = skip_blank(body);
            match take_byline(after_blanks) {
                (Some(names), body) => (names, body),
                (None, _) => (Vec::new(), body),
            }
        }
    };
    let mut blocks = body_blocks(body);
    let dateline = split_dateline(&mut blocks);
    let date = Date::from_file_name_prefix(file_name);
    let meta = Meta {
        headline: headline.to_string(),
        dek,
        bylines: names
            .into_iter()
            .map(|name| Byline { name, url: None })
            .collect(),
        dateline,
        date,
        published: date.map(|date| Moment::start_of_day(date, zone)),
        ..Meta::default()
    };
    Ok((meta, blocks))
}

/// A `By …` line at the top of `lines`: its names and the lines after it.
fn take_byline<'a, 'b>(lines: &'a [&'b str]) -> (Option<Vec<String>>, &'a [&'b str]) {
    match lines.split_first() {
        Some((first, rest)) => match byline::from_line(first) {
            Some(names) => (Some(names), rest),
            None => (None, lines),
        },
        None => (None, lines),
    }
}

fn skip_blank<'a, 'b>(lines: &'a [&'b str]) -> &'a [&'b str] {
    let blanks = lines.iter().take_while(|l| l.is_empty()).count();
    &lines[blanks..]
}

/// Takes a dateline off the start of the first block when it is a paragraph.
fn split_dateline(blocks: &mut [Block]) -> Option<String> {
    let Some(Block::Paragraph { text, html }) = blocks.first_mut() else {
        return None;
    };
    let (found, rest) = dateline::split(text)?;
    *text = rest.to_string();
    *html = Html::EscapedText;
    Some(found)
}

fn is_dek(line: &str) -> bool {
    !line.is_empty()
        && is_single_sentence(line)
        && words_up_to(line, MAX_DEK_WORDS + 1) <= MAX_DEK_WORDS
}

/// Splits the body into blocks: groups between blank lines, then lines within a group.
fn body_blocks(lines: &[&str]) -> Vec<Block> {
    let groups: Vec<&[&str]> = lines
        .split(|line| line.is_empty())
        .filter(|group| !group.is_empty())
        .collect();
    let paragraphs: Vec<String> = groups
        .iter()
        .flat_map(|group| group_paragraphs(group))
        .collect();
    let last = paragraphs.len().saturating_sub(1);
    paragraphs
        .into_iter()
        .enumerate()
        .map(|(index, text)| {
            // The markup is the text escaped: made when a page shows it, not kept twice.
            let html = Html::EscapedText;
            if index < last && is_subheading_shaped(&text) {
                Block::Subheading { text, html }
            } else {
                Block::Paragraph { text, html }
            }
        })
        .collect()
}

/// One paragraph per line, unless the group is hard-wrapped prose, whose lines are joined.
fn group_paragraphs(group: &[&str]) -> Vec<String> {
    let is_hard_wrapped = group
        .iter()
        .take(group.len().saturating_sub(1))
        .any(|line| !ends_sentence(line) && !is_subheading_shaped(line));
    if !is_hard_wrapped {
        return group.iter().map(|line| line.to_string()).collect();
    }
    // A subheading may still open a wrapped group: keep it apart from the prose after it.
    let (heading, prose) = match group.split_first() {
        Some((first, prose)) if !prose.is_empty() && is_subheading_shaped(first) => {
            (Some(first.to_string()), prose)
        }
        _ => (None, group),
    };
    let joined = prose.join(" ");
    heading.into_iter().chain(std::iter::once(joined)).collect()
}

/// Short, and not closed by `.`, `,`, `;` or `:` (a closing `?` or `!` is fine).
fn is_subheading_shaped(line: &str) -> bool {
    let last = last_meaningful_char(line);
    // Every paragraph is asked this: the ending is cheap to check, and counting stops
    // past the limit rather than walking a whole paragraph.
    !matches!(last, Some('.' | ',' | ';' | ':' | '…'))
        && (1..=MAX_SUBHEADING_WORDS).contains(&words_up_to(line, MAX_SUBHEADING_WORDS + 1))
}

fn ends_sentence(line: &str) -> bool {
    matches!(
        last_meaningful_char(line),
        Some('.' | '!' | '?' | '…' | ':' | ';')
    )
}

/// The last character that is not a closing quotation mark or bracket.
fn last_meaningful_char(line: &str) -> Option<char> {
    line.chars()
        .rev()
        .find(|c| !matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»'))
}

/// The number of words in `text`, counting no further than `limit`.
fn words_up_to(text: &str, limit: usize) -> usize {
    text.split_whitespace().take(limit).count()
}

/// True when no sentence ends before the last word: `. `, `? ` or `! ` followed by a
/// capital letter or an opening quote would start a second sentence.
fn is_single_sentence(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    !chars.windows(3).enumerate().any(|(i, w)| {
        matches!(w[0], '.' | '?' | '!')
            && w[1] == ' '
            && (w[2].is_uppercase() || matches!(w[2], '“' | '"'))
            && !ends_with_abbreviation(&chars[..=i])
    })
}

/// `Mr.`, `U.S.`, `Dr.` and friends do not end a sentence.
fn ends_with_abbreviation(chars: &[char]) -> bool {
    let word: String = chars
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let bare = word.trim_end_matches('.');
    const SHORT_FORMS: [&str; 12] = [
        "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Sen", "Rep", "Inc", "Corp", "Jr",
    ];
    SHORT_FORMS.contains(&bare) || (bare.len() <= 3 && bare.contains('.')) || bare.len() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(blocks: &[Block]) -> Vec<&'static str> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { .. } => "p",
                Block::Subheading { .. } => "h",
                _ => "other",
            })
            .collect()
    }

    #[test]
    fn one_paragraph_per_line_with_dek_and_subheadings() {
        let seed = "Big deal signed\nA single sentence dek.\nWhat it means\nFirst paragraph here.\nSecond one is here.\nWhy now?\nLast paragraph.\n";
        let (meta, blocks) = parse(seed, "x.txt", &TimeZone::UTC).expect("parses");
        assert_eq!(meta.headline, "Big deal signed");
        assert_eq!(meta.dek.as_deref(), Some("A single sentence dek."));
        assert_eq!(kinds(&blocks), ["h", "p", "p", "h", "p"]);
    }

    #[test]
    fn blank_line_layout_keeps_a_long_lede_as_a_paragraph() {
        let seed = "Headline\n\nThe council voted on Tuesday to spend £600m on new homes across the city, the largest single housing commitment in its history, officials said.\n\nSecond paragraph.\n";
        let (meta, blocks) = parse(seed, "x.txt", &TimeZone::UTC).expect("parses");
        assert_eq!(meta.dek, None);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].text().starts_with("The council voted"));
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let seed = "Headline\n\nThis paragraph was wrapped by an editor at a narrow width and\ncontinues on the next line until it ends.\n\nAnother one.\n";
        let (_, blocks) = parse(seed, "x.txt", &TimeZone::UTC).expect("parses");
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            blocks[0].text(),
            "This paragraph was wrapped by an editor at a narrow width and continues on the next line until it ends."
        );
    }

    #[test]
    fn a_two_sentence_line_is_not_a_dek() {
        let seed = "Headline\nFirst sentence here. Second sentence follows.\nBody.\n";
        let (meta, blocks) = parse(seed, "x.txt", &TimeZone::UTC).expect("parses");
        assert_eq!(meta.dek, None);
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn abbreviations_do_not_split_a_dek() {
        assert!(is_single_sentence(
            "Mr. Smith went to the U.S. Senate today."
        ));
    }

    #[test]
    fn a_short_last_line_is_a_paragraph_not_a_subheading() {
        let (_, blocks) = parse(
            "Headline\n\nBody text.\n\nReporting by Jane Doe\n",
            "x.txt",
            &TimeZone::UTC,
        )
        .expect("ok");
        assert_eq!(kinds(&blocks), ["p", "p"]);
    }

    #[test]
    fn date_comes_from_the_file_name() {
        let (meta, _) =
            parse("Headline\n\nBody.\n", "2026-11-25-x.txt", &TimeZone::UTC).expect("ok");
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2026-11-25")
        );
    }

    #[test]
    fn empty_and_blank_seeds_are_errors() {
        let utc = &TimeZone::UTC;
        assert!(matches!(parse("", "x.txt", utc), Err(SeedError::Empty)));
        assert!(matches!(
            parse(" \n\t\n", "x.txt", utc),
            Err(SeedError::Empty)
        ));
    }

    #[test]
    fn text_is_escaped_in_html() {
        let (_, blocks) =
            parse("H\n\n<b>bold</b> & “more”.\n", "x.txt", &TimeZone::UTC).expect("ok");
        match &blocks[0] {
            Block::Paragraph { html, text } => {
                assert_eq!(html.of(text), "&lt;b&gt;bold&lt;/b&gt; &amp; “more”.")
            }
            other => panic!("{other:?}"),
        }
    }

    fn names(meta: &Meta) -> Vec<&str> {
        meta.bylines.iter().map(|b| b.name.as_str()).collect()
    }

    #[test]
    fn a_by_line_under_the_headline_or_dek_is_the_byline() {
        let utc = &TimeZone::UTC;
        let (meta, blocks) = parse(
            "Headline\nBy Ada Reporter and Ben Writer\n\nBody text.\n",
            "x.txt",
            utc,
        )
        .expect("ok");
        assert_eq!(names(&meta), ["Ada Reporter", "Ben Writer"]);
        assert_eq!(meta.dek, None);
        assert_eq!(kinds(&blocks), ["p"]);
        let (meta, blocks) = parse(
            "Headline\nA one-sentence dek.\nBy Ada Reporter, Ben Writer and Cy Editor\nBody text.\nMore.\n",
            "x.txt",
            utc,
        )
        .expect("ok");
        assert_eq!(meta.dek.as_deref(), Some("A one-sentence dek."));
        assert_eq!(names(&meta), ["Ada Reporter", "Ben Writer", "Cy Editor"]);
        assert_eq!(blocks[0].text(), "Body text.");
        let (meta, _) = parse(
            "Headline\nA dek.\n\nBy Ada Reporter\n\nBody.\n",
            "x.txt",
            utc,
        )
        .expect("ok");
        assert_eq!(names(&meta), ["Ada Reporter"]);
    }

    #[test]
    fn a_paragraph_opening_with_by_stays_a_paragraph() {
        let seed = "Headline\nA dek.\nBy headline value it ranks among the biggest deals.\nMore.\n";
        let (meta, blocks) = parse(seed, "x.txt", &TimeZone::UTC).expect("ok");
        assert!(meta.bylines.is_empty());
        assert!(blocks[0].text().starts_with("By headline value"));
    }

    #[test]
    fn a_dateline_is_split_off_the_first_paragraph_only() {
        let seed = "Headline\n\nLONDON, Nov 26 (Reuters) - Prices <rose> today.\n\nPARIS — Not a dateline here.\n";
        let (meta, blocks) = parse(seed, "x.txt", &TimeZone::UTC).expect("ok");
        assert_eq!(meta.dateline.as_deref(), Some("LONDON, Nov 26 (Reuters)"));
        assert_eq!(blocks[0].text(), "Prices <rose> today.");
        match &blocks[0] {
            Block::Paragraph { html, text } => {
                assert_eq!(html.of(text), "Prices &lt;rose&gt; today.")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(blocks[1].text(), "PARIS — Not a dateline here.");
        let (meta, blocks) = parse(
            "Headline\n\nUS — and Chinese — officials met.\n",
            "x.txt",
            &TimeZone::UTC,
        )
        .expect("ok");
        assert_eq!(meta.dateline, None);
        assert_eq!(blocks[0].text(), "US — and Chinese — officials met.");
    }

    #[test]
    fn a_file_name_date_is_the_start_of_that_day_in_the_site_zone() {
        let zone = crate::date::time_zone("America/New_York").expect("zone");
        let (meta, _) = parse("Headline\n\nBody.\n", "2026-07-04-x.txt", &zone).expect("ok");
        let published = meta.published.expect("published");
        assert_eq!(published.rfc3339(), "2026-07-04T00:00:00-04:00");
        assert_eq!(published.timestamp().to_string(), "2026-07-04T04:00:00Z");
    }
}
