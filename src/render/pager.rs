//! Pagination: how a list of stories splits into pages of `paginate_by`, and the
//! links from each page to its neighbours.
//!
//! A list always has at least one page (an empty list is one empty page), and page
//! numbers count from 1. This module does the arithmetic and names the links; which
//! stories a list holds, and what a page shows besides them, is the caller's business.

use serde::Serialize;
use std::ops::Range;

use super::links::Links;

/// How many pages `items` stories make at `per_page` a page: at least one.
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The stories on page `number` (from 1), as a range of positions in the list; empty
/// past the last page.
pub fn page_items(items: usize, per_page: usize, number: usize) -> Range<usize> {
    let per_page = per_page.max(1);
    let start = number.saturating_sub(1).saturating_mul(per_page).min(items);
    start..start.saturating_add(per_page).min(items)
}

/// The page a list position falls on (positions from 0, pages from 1).
pub fn page_of(position: usize, per_page: usize) -> usize {
    position / per_page.max(1) + 1
}

/// `page.pager`: where a page sits in its list and the links to its neighbours. Paths
/// are relative to the site's root, like every path templates receive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the list has (at least 1).
    pub total: usize,
    /// The page before (newer stories); none on the first page.
    pub previous_path: Option<String>,
    /// The page after (older stories); none on the last page.
    pub next_path: Option<String>,
    pub first_path: String,
    pub last_path: String,
}

impl Pager {
    /// The pager of page `current` of `total` of the list whose first page is in `folder`.
    pub fn new(links: &Links, folder: &str, current: usize, total: usize) -> Pager {
        let path = |number: usize| links.list_page_path(folder, number);
        Pager {
            current,
            total,
            previous_path: (current > 1).then(|| path(current - 1)),
            next_path: (current < total).then(|| path(current + 1)),
            first_path: path(1),
            last_path: path(total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page's range as (start, end), in order.
    fn split(items: usize, per_page: usize) -> Vec<(usize, usize)> {
        (1..=page_count(items, per_page))
            .map(|n| page_items(items, per_page, n))
            .map(|range| (range.start, range.end))
            .collect()
    }

    #[test]
    fn no_stories_make_one_empty_page() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(split(0, 20), [(0, 0)]);
    }

    #[test]
    fn one_story_makes_one_page() {
        assert_eq!(split(1, 20), [(0, 1)]);
    }

    #[test]
    fn exactly_a_page_of_stories_makes_one_page() {
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(split(20, 20), [(0, 20)]);
    }

    #[test]
    fn one_more_story_than_a_page_makes_a_second_page_of_one() {
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(split(21, 20), [(0, 20), (20, 21)]);
    }

    #[test]
    fn every_story_is_on_exactly_one_page() {
        for per_page in 1..7 {
            for items in 0..30 {
                let covered: Vec<usize> = split(items, per_page)
                    .into_iter()
                    .flat_map(|(start, end)| start..end)
                    .collect();
                assert_eq!(
                    covered,
                    (0..items).collect::<Vec<_>>(),
                    "{items}/{per_page}"
                );
                for position in 0..items {
                    let page = page_of(position, per_page);
                    assert!(page_items(items, per_page, page).contains(&position));
                }
            }
        }
    }

    #[test]
    fn past_the_last_page_is_empty_and_nothing_divides_by_zero() {
        assert_eq!(page_items(5, 2, 9), 5..5);
        assert_eq!(page_items(5, 0, 1), 0..1, "a zero page size counts as one");
        assert_eq!(page_count(5, 0), 5);
        assert_eq!(page_items(5, 2, 0), 0..2, "page 0 counts as the first");
    }

    #[test]
    fn pager_links_chain_from_first_to_last() {
        let links = Links {
            pretty: false,
            base_url: "https://example.org/".to_string(),
        };
        let first = Pager::new(&links, "", 1, 3);
        assert_eq!(first.previous_path, None);
        assert_eq!(first.next_path.as_deref(), Some("page/2/index.html"));
        let middle = Pager::new(&links, "", 2, 3);
        assert_eq!(middle.previous_path.as_deref(), Some("index.html"));
        assert_eq!(middle.next_path.as_deref(), Some("page/3/index.html"));
        let last = Pager::new(&links, "topics/ai", 3, 3);
        assert_eq!(
            last.previous_path.as_deref(),
            Some("topics/ai/page/2/index.html")
        );
        assert_eq!(last.next_path, None);
        assert_eq!(last.first_path, "topics/ai/index.html");
        let only = Pager::new(&links, "", 1, 1);
        assert_eq!((only.previous_path, only.next_path), (None, None));
    }
}
