//! The edit stage: runs the editorial desk over one story and applies the editor's own
//! choices from front matter (`pull_quotes`, `facts`), which replace the desk's.
//!
//! Pure: a [`Story`] in, an [`EditedStory`] out. It does not slug, order or render.

use crate::config::EditorialConfig;
use crate::editorial::{self, BlockKind, Fact, FactKind, Limits, Markup, PullQuote, Speaker};
use crate::story::{Block, ChosenFact, ChosenPullQuote, Story};

/// A story with the desk's work attached.
#[derive(Debug, Clone)]
pub struct EditedStory {
    pub story: Story,
    pub markup: Markup,
    /// Things the editor should know (a hand-picked quote not found in the text …).
    pub warnings: Vec<String>,
}

/// The desk's limits as the site configured them.
pub fn limits(config: &EditorialConfig) -> Limits {
    Limits {
        max_pull_quotes: config.max_pull_quotes,
        max_facts: config.max_facts,
        min_facts: config.min_facts,
        words_per_minute: config.words_per_minute,
        ..Limits::default()
    }
}

/// Edits one story: the desk's choice, unless front matter chose by hand.
pub fn edit_story(story: Story, limits: &Limits) -> EditedStory {
    let desk_blocks = desk_blocks(&story);
    let copy = editorial::Copy {
        headline: &story.meta.headline,
        dek: story.meta.dek.as_deref(),
        blocks: &desk_blocks,
    };
    let mut markup = editorial::edit(&copy, limits);
    let mut warnings = Vec::new();
    if let Some(chosen) = &story.meta.pull_quotes {
        markup.pull_quotes = hand_picked_pull_quotes(chosen, &desk_blocks, &mut warnings);
    }
    if let Some(chosen) = &story.meta.facts {
        markup.facts = hand_picked_facts(chosen, &story, &mut warnings);
    }
    EditedStory {
        story,
        markup,
        warnings,
    }
}

/// The story's body as the desk reads it: plain text and kind of each block.
pub fn desk_blocks(story: &Story) -> Vec<editorial::Block<'_>> {
    story.blocks.iter().map(desk_block).collect()
}

fn desk_block(block: &Block) -> editorial::Block<'_> {
    let kind = match block {
        Block::Paragraph { .. } => BlockKind::Paragraph,
        Block::Subheading { .. } => BlockKind::Subheading,
        Block::Code { .. } | Block::Other { .. } => BlockKind::Other,
    };
    editorial::Block {
        kind,
        text: block.text(),
    }
}

fn hand_picked_pull_quotes(
    chosen: &[ChosenPullQuote],
    blocks: &[editorial::Block],
    warnings: &mut Vec<String>,
) -> Vec<PullQuote> {
    let sources: Vec<Option<usize>> = chosen
        .iter()
        .map(|quote| editorial::find_source_block(blocks, &quote.text))
        .collect();
    // Every hand-picked quote is wanted: the editor's list is the limit, not the desk's.
    let places = editorial::place_pull_quotes_checked(blocks, &sources, chosen.len());
    let mut pull_quotes = Vec::new();
    for ((quote, source), place) in chosen.iter().zip(sources).zip(places) {
        if source.is_none() {
            warnings.push(format!(
                "pull quote {:?} is not in the story's text word for word; it is shown anyway",
                quote.text
            ));
        }
        let Some(place_before) = place else {
            warnings.push(format!(
                "pull quote {:?} has no place between paragraphs (the story is too short); it is left out",
                quote.text
            ));
            continue;
        };
        pull_quotes.push(PullQuote {
            text: quote.text.clone(),
            speaker: quote.attribution.as_deref().map(speaker_from_attribution),
            source_block: source.unwrap_or(place_before),
            place_before,
            score: 1.0,
        });
    }
    pull_quotes
}

/// `Sam Altman, OpenAI CEO` → name `Sam Altman`, role `OpenAI CEO`.
fn speaker_from_attribution(attribution: &str) -> Speaker {
    match attribution.split_once(',') {
        Some((name, role)) if !role.trim().is_empty() => Speaker {
            name: name.trim().to_string(),
            role: Some(role.trim().to_string()),
        },
        _ => Speaker {
            name: attribution.trim().to_string(),
            role: None,
        },
    }
}

fn hand_picked_facts(
    chosen: &[ChosenFact],
    story: &Story,
    warnings: &mut Vec<String>,
) -> Vec<Fact> {
    chosen
        .iter()
        .map(|fact| {
            let block = story
                .blocks
                .iter()
                .position(|b| b.text().contains(fact.value.as_str()));
            let in_headline_or_dek = story.meta.headline.contains(fact.value.as_str())
                || story
                    .meta
                    .dek
                    .as_deref()
                    .is_some_and(|d| d.contains(fact.value.as_str()));
            if block.is_none() && !in_headline_or_dek {
                warnings.push(format!(
                    "fact {:?} ({}) is not in the story's text word for word; it is shown anyway",
                    fact.value, fact.label
                ));
            }
            Fact {
                label: fact.label.clone(),
                value: fact.value.clone(),
                kind: FactKind::Count,
                block,
                machine_value: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::Meta;

    fn story(pull_quotes: Option<Vec<ChosenPullQuote>>, facts: Option<Vec<ChosenFact>>) -> Story {
        let paragraph = |text: &str| Block::Paragraph {
            text: text.to_string(),
            html: crate::story::Html::EscapedText,
        };
        Story {
            source_path: "x.md".to_string(),
            meta: Meta {
                headline: "Council approves £600m plan".to_string(),
                pull_quotes,
                facts,
                ..Meta::default()
            },
            blocks: vec![
                paragraph("The council approved the plan on Tuesday."),
                paragraph("It will build 4,000 homes by 2030."),
                paragraph(
                    "“We have never had a chance like this one to fix the housing shortage,” said Jane Doe.",
                ),
                paragraph("Opponents said the money would run out."),
                paragraph("The vote was 31 to 20."),
            ],
        }
    }

    #[test]
    fn front_matter_pull_quotes_replace_the_desks() {
        let text = "We have never had a chance like this one to fix the housing shortage";
        let chosen = vec![ChosenPullQuote {
            text: text.to_string(),
            attribution: Some("Jane Doe, council leader".to_string()),
        }];
        let edited = edit_story(story(Some(chosen), None), &Limits::default());
        assert_eq!(edited.markup.pull_quotes.len(), 1);
        let quote = &edited.markup.pull_quotes[0];
        assert_eq!(quote.text, text);
        assert_eq!(quote.source_block, 2);
        assert_eq!(
            quote.speaker.as_ref().and_then(|s| s.role.as_deref()),
            Some("council leader")
        );
        assert!(edited.warnings.is_empty());
    }

    #[test]
    fn front_matter_facts_replace_the_desks_and_warn_when_not_in_text() {
        let chosen = vec![
            ChosenFact {
                label: "Homes".to_string(),
                value: "4,000 homes".to_string(),
            },
            ChosenFact {
                label: "Invented".to_string(),
                value: "9 unicorns".to_string(),
            },
        ];
        let edited = edit_story(story(None, Some(chosen)), &Limits::default());
        assert_eq!(edited.markup.facts.len(), 2);
        assert_eq!(edited.markup.facts[0].block, Some(1));
        assert_eq!(edited.warnings.len(), 1);
        assert!(edited.warnings[0].contains("9 unicorns"));
    }
}
