//! Grounding: checking that what the desk quotes is really in the story.
//!
//! Every pull quote must stand word for word in its source block, within the length
//! limits, and every fact value in the headline, dek or a block. Tests, fuzz targets
//! and tools call this; the desk itself is built so that it never fails the check.

use super::{Copy, Limits, Markup, word_count};

/// Every way `markup` strays from `copy`, in words; empty when all is grounded.
pub fn ungrounded(copy: &Copy, markup: &Markup, limits: &Limits) -> Vec<String> {
    let mut problems = Vec::new();
    for quote in &markup.pull_quotes {
        let source = copy.blocks.get(quote.source_block).map_or("", |b| b.text);
        if !source.contains(&quote.text) {
            problems.push(format!(
                "pull quote not verbatim in block {}: {:?}",
                quote.source_block, quote.text
            ));
        }
        let words = word_count(&quote.text);
        if words < limits.min_quote_words || words > limits.max_quote_words {
            problems.push(format!("pull quote of {words} words: {:?}", quote.text));
        }
    }
    for fact in &markup.facts {
        let in_story = copy.headline.contains(&fact.value)
            || copy.dek.is_some_and(|d| d.contains(&fact.value))
            || copy.blocks.iter().any(|b| b.text.contains(&fact.value));
        if !in_story {
            problems.push(format!(
                "fact not in the text: {} = {:?}",
                fact.label, fact.value
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editorial::{Block, Fact, FactKind, edit};

    #[test]
    fn the_desk_is_grounded_and_an_invented_fact_is_caught() {
        let blocks = [Block::paragraph(
            "The firm paid $38bn for 500,000 chips, its chief said on Monday.",
        )];
        let copy = Copy {
            headline: "Firm pays $38bn",
            dek: None,
            blocks: &blocks,
        };
        let limits = Limits::default();
        let mut markup = edit(&copy, &limits);
        assert!(ungrounded(&copy, &markup, &limits).is_empty());
        markup.facts.push(Fact {
            label: "Invented".to_string(),
            value: "$99bn".to_string(),
            kind: FactKind::Money,
            block: None,
            machine_value: None,
        });
        assert_eq!(
            ungrounded(&copy, &markup, &limits),
            ["fact not in the text: Invented = \"$99bn\""]
        );
    }
}
