//! Where pull quotes go: the index of the block each is set before.
//!
//! Rules, from the newsroom notes: never in the lede (at least two paragraphs come
//! first, so `place_before >= 2`), never at the very end, never right after a
//! subheading (the heading would lose its section), never two at the same spot or at
//! neighbouring spots, not right next to the paragraph the pull quote repeats (so the
//! reader does not meet the same words twice in a row) unless no other spot is left,
//! and otherwise as near that paragraph as possible. Ties go to the earlier spot, so
//! the result is deterministic.
//!
//! It does not choose pull quotes; `pull_quote` does, and asks here for each one.

use super::{Block, BlockKind};

/// `legal[p]`: may a pull quote stand before block `p` at all (ignoring other pull quotes)?
pub(super) fn legal_spots(blocks: &[Block]) -> Vec<bool> {
    let mut legal = vec![false; blocks.len()];
    let mut paragraphs_before = 0;
    for (p, block) in blocks.iter().enumerate() {
        legal[p] = p >= 2 && paragraphs_before >= 2 && blocks[p - 1].kind != BlockKind::Subheading;
        if block.kind == BlockKind::Paragraph {
            paragraphs_before += 1;
        }
    }
    legal
}

/// The best free spot for a pull quote from block `source` (or aimed at `target` when
/// its source is unknown), given the spots already `taken`.
pub(super) fn place_one(
    legal: &[bool],
    taken: &[usize],
    source: Option<usize>,
    target: usize,
) -> Option<usize> {
    let free = |p: usize| legal[p] && taken.iter().all(|&t| p.abs_diff(t) >= 2);
    let away_from_source = |p: usize| source.is_none_or(|s| p != s && p != s + 1);
    let aim = source.unwrap_or(target);
    let nearest = |ok: &dyn Fn(usize) -> bool| {
        (0..legal.len())
            .filter(|&p| ok(p))
            .min_by_key(|&p| (p.abs_diff(aim), p))
    };
    nearest(&|p| free(p) && away_from_source(p)).or_else(|| nearest(&free))
}

/// Places hand-chosen pull quotes (from front matter) by the same rules as automatic
/// ones. `source_blocks[i]` is where pull quote `i` stands in the story, if found (see
/// [`find_source_block`]); at most `max` are placed, earlier ones first. The result has
/// one entry per pull quote; an entry equal to `blocks.len()` means "no room: leave this
/// one out" (see [`place_pull_quotes_checked`] for an `Option`).
pub fn place_pull_quotes(
    blocks: &[Block],
    source_blocks: &[Option<usize>],
    max: usize,
) -> Vec<usize> {
    place_pull_quotes_checked(blocks, source_blocks, max)
        .into_iter()
        .map(|p| p.unwrap_or(blocks.len()))
        .collect()
}

/// Like [`place_pull_quotes`], with `None` for a pull quote that found no legal spot or
/// came after the first `max`.
pub fn place_pull_quotes_checked(
    blocks: &[Block],
    source_blocks: &[Option<usize>],
    max: usize,
) -> Vec<Option<usize>> {
    let legal = legal_spots(blocks);
    let mut places = vec![None; source_blocks.len()];
    let mut taken = Vec::new();
    let wanted = source_blocks.len().min(max);
    let unknown = source_blocks.iter().filter(|s| s.is_none()).count();
    let mut unknown_seen = 0;
    for (i, source) in source_blocks.iter().enumerate().take(wanted) {
        // A pull quote not found in the text is spread evenly through the story.
        let target = match source {
            Some(s) => *s,
            None => {
                unknown_seen += 1;
                blocks.len() * unknown_seen / (unknown + 1)
            }
        };
        let source = source.filter(|&s| s < blocks.len());
        if let Some(p) = place_one(&legal, &taken, source, target) {
            places[i] = Some(p);
            taken.push(p);
        }
    }
    places
}

/// The first paragraph holding `text` verbatim (after trimming), if any.
pub fn find_source_block(blocks: &[Block], text: &str) -> Option<usize> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph && b.text.contains(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(kinds: &str) -> Vec<Block<'static>> {
        kinds
            .chars()
            .map(|k| Block {
                kind: match k {
                    'p' => BlockKind::Paragraph,
                    'h' => BlockKind::Subheading,
                    _ => BlockKind::Other,
                },
                text: "words",
            })
            .collect()
    }

    fn check(blocks: &[Block], places: &[usize], sources: &[Option<usize>]) {
        let legal = legal_spots(blocks);
        for (i, &p) in places.iter().enumerate() {
            assert!(p >= 2 && p < blocks.len(), "{p}");
            assert!(legal[p]);
            assert_ne!(blocks[p - 1].kind, BlockKind::Subheading);
            for &q in &places[i + 1..] {
                assert!(p.abs_diff(q) >= 2, "{p} {q}");
            }
            if let Some(s) = sources[i] {
                assert!(p != s && p != s + 1, "{p} next to its source {s}");
            }
        }
    }

    #[test]
    fn never_in_lede_after_heading_or_at_end() {
        let blocks = story("hpphppphpp");
        let sources = [Some(4), Some(5), Some(8)];
        let places = place_pull_quotes(&blocks, &sources, 3);
        check(&blocks, &places, &sources);
        assert!(!places.contains(&blocks.len()));
    }

    #[test]
    fn near_its_source_but_not_adjacent() {
        let blocks = story("pppppppppp");
        assert_eq!(place_pull_quotes(&blocks, &[Some(6)], 3), vec![5]);
        assert_eq!(place_pull_quotes(&blocks, &[Some(1)], 3), vec![3]);
    }

    #[test]
    fn no_room_is_reported() {
        let blocks = story("pp");
        assert_eq!(
            place_pull_quotes_checked(&blocks, &[Some(1)], 3),
            vec![None]
        );
        assert_eq!(place_pull_quotes(&blocks, &[Some(1)], 3), vec![2]);
        let blocks = story("pppp");
        let places = place_pull_quotes_checked(&blocks, &[Some(3), Some(3), None], 1);
        assert_eq!(places, vec![Some(2), None, None]);
    }

    #[test]
    fn adjacent_to_source_only_when_nothing_else_is_left() {
        let blocks = story("ppp");
        assert_eq!(place_pull_quotes(&blocks, &[Some(2)], 1), vec![2]);
    }

    #[test]
    fn unknown_sources_spread_out() {
        let blocks = story("pppppppppppp");
        let places = place_pull_quotes(&blocks, &[None, None], 3);
        check(&blocks, &places, &[None, None]);
        assert_eq!(places, vec![4, 8]);
    }

    #[test]
    fn finds_verbatim_source() {
        let blocks = [
            Block::paragraph("alpha beta"),
            Block::paragraph("gamma delta"),
        ];
        assert_eq!(find_source_block(&blocks, " delta "), Some(1));
        assert_eq!(find_source_block(&blocks, "epsilon"), None);
        assert_eq!(find_source_block(&blocks, ""), None);
    }
}
