//! Markdown seeds: CommonMark through pulldown-cmark, with optional TOML front matter.
//!
//! The body becomes top-level [`Block`]s: paragraphs and headings the desk can read,
//! code kept raw (highlighting is the renderer's job), and everything else as sanitized
//! HTML. The headline is the front matter `title`, else the first `#` heading.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::error::LineWarnings;
use super::{ParseOptions, SeedError, front_matter};
use crate::html::{is_dangerous_url, sanitize};
use crate::story::{Block, Html, Meta};

/// Parses a Markdown seed into its metadata, body blocks and warnings.
pub fn parse(
    source: &str,
    options: &ParseOptions,
) -> Result<(Meta, Vec<Block>, LineWarnings), SeedError> {
    let split = front_matter::split(source)?;
    let (mut meta, warnings) = match split.front_matter {
        Some(toml_text) => front_matter::parse(toml_text, 2, &options.time_zone)?,
        None => (Meta::default(), Vec::new()),
    };
    let mut blocks = body_blocks(split.body, options);
    take_headline(&mut meta, &mut blocks)?;
    let blocks = blocks.into_iter().map(|b| b.block).collect();
    Ok((meta, blocks, warnings))
}

/// A body block, remembering whether it was a level-1 heading (a headline candidate).
struct ParsedBlock {
    block: Block,
    is_top_heading: bool,
}

/// Uses the front matter title, else the first `#` heading (which then leaves the body).
/// A `#` heading that repeats the title is dropped too, so the page does not say it twice.
fn take_headline(meta: &mut Meta, blocks: &mut Vec<ParsedBlock>) -> Result<(), SeedError> {
    let first_top_heading = blocks.iter().position(|b| b.is_top_heading);
    if meta.headline.is_empty() {
        let index = first_top_heading.ok_or(SeedError::NoHeadline)?;
        meta.headline = blocks.remove(index).block.text().trim().to_string();
        if meta.headline.is_empty() {
            return Err(SeedError::NoHeadline);
        }
    } else if let Some(index) =
        first_top_heading.filter(|&i| blocks[i].block.text().trim() == meta.headline)
    {
        blocks.remove(index);
    }
    Ok(())
}

fn body_blocks(body: &str, options: &ParseOptions) -> Vec<ParsedBlock> {
    let parser = Parser::new_ext(
        body,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS,
    );
    let mut blocks = Vec::new();
    let mut current: Vec<Event> = Vec::new();
    let mut depth = 0usize;
    for event in parser.map(defuse_links) {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push(event);
        if depth == 0 {
            blocks.push(block_from_events(std::mem::take(&mut current), options));
        }
    }
    blocks
}

/// Empties the destination of `javascript:` and similar links and images.
fn defuse_links(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if is_dangerous_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if is_dangerous_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        other => other,
    }
}

fn block_from_events(events: Vec<Event>, options: &ParseOptions) -> ParsedBlock {
    let text = plain_text(&events);
    let has_raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let clean = |html: String| {
        if has_raw_html && !options.unsafe_html {
            sanitize(&html)
        } else {
            html
        }
    };
    let plain = |block| ParsedBlock {
        block,
        is_top_heading: false,
    };
    match events.first() {
        Some(Event::Start(Tag::Paragraph)) => plain(Block::Paragraph {
            html: Html::from_markup(clean(inner_html(&events)), &text),
            text,
        }),
        Some(Event::Start(Tag::Heading { level, .. })) => ParsedBlock {
            is_top_heading: *level == HeadingLevel::H1,
            block: Block::Subheading {
                html: Html::from_markup(clean(inner_html(&events)), &text),
                text,
            },
        },
        Some(Event::Start(Tag::CodeBlock(kind))) => plain(Block::Code {
            lang: code_language(kind),
            code: text,
        }),
        _ => {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, events.into_iter());
            plain(Block::Other {
                html: clean(html),
                text,
            })
        }
    }
}

fn code_language(kind: &pulldown_cmark::CodeBlockKind) -> Option<String> {
    match kind {
        pulldown_cmark::CodeBlockKind::Fenced(info) => info
            .split([' ', ',', '{'])
            .next()
            .filter(|lang| !lang.is_empty())
            .map(str::to_string),
        pulldown_cmark::CodeBlockKind::Indented => None,
    }
}

/// The HTML between a block's opening and closing tags.
fn inner_html(events: &[Event]) -> String {
    let inner = events
        .get(1..events.len().saturating_sub(1))
        .unwrap_or_default();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, inner.iter().cloned());
    html.trim_end().to_string()
}

/// What a reader would read aloud: text and inline code, breaks as spaces.
fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell)
                if !text.ends_with(' ') =>
            {
                text.push(' ')
            }
            _ => {}
        }
    }
    if matches!(events.first(), Some(Event::Start(Tag::CodeBlock(_)))) {
        return text;
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(source: &str) -> (Meta, Vec<Block>) {
        let (meta, blocks, _) = parse(source, &ParseOptions::default()).expect("parses");
        (meta, blocks)
    }

    #[test]
    fn first_top_heading_is_the_headline_without_front_matter() {
        let (meta, blocks) =
            parse_ok("# The headline\n\nA paragraph with *emphasis*.\n\n## A section\n\nMore.\n");
        assert_eq!(meta.headline, "The headline");
        assert_eq!(blocks.len(), 3);
        assert!(
            matches!(&blocks[0], Block::Paragraph { html, text } if html.of(text) == "A paragraph with <em>emphasis</em>." && text == "A paragraph with emphasis.")
        );
        assert!(matches!(&blocks[1], Block::Subheading { text, .. } if text == "A section"));
    }

    #[test]
    fn front_matter_title_wins_and_a_repeated_heading_is_dropped() {
        let (meta, blocks) = parse_ok("+++\ntitle = \"T\"\n+++\n# T\n\nBody.\n");
        assert_eq!(meta.headline, "T");
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn no_headline_is_an_error() {
        let err = parse("Just a paragraph.\n", &ParseOptions::default()).expect_err("no headline");
        assert!(matches!(err, SeedError::NoHeadline));
    }

    #[test]
    fn code_blocks_keep_their_language_and_text() {
        let (_, blocks) = parse_ok("# H\n\n```rust\nfn main() {}\n```\n");
        assert_eq!(
            blocks[0],
            Block::Code {
                lang: Some("rust".to_string()),
                code: "fn main() {}\n".to_string()
            }
        );
    }

    #[test]
    fn raw_html_is_sanitized_unless_the_site_opts_in() {
        let source = "# H\n\nHello <script>alert(1)</script><b onclick=\"x()\">bold</b>\n\n<div onmouseover=\"y()\">raw</div>\n";
        let (_, blocks) = parse_ok(source);
        let all: String = blocks.iter().map(|b| format!("{b:?}")).collect();
        assert!(
            !all.contains("<script>") && !all.contains("onclick") && !all.contains("onmouseover"),
            "{all}"
        );
        let (_, _, _) = parse(
            source,
            &ParseOptions {
                unsafe_html: true,
                ..ParseOptions::default()
            },
        )
        .expect("ok");
        let (_, blocks, _) = parse(
            source,
            &ParseOptions {
                unsafe_html: true,
                ..ParseOptions::default()
            },
        )
        .expect("ok");
        assert!(format!("{blocks:?}").contains("onclick"));
    }

    #[test]
    fn javascript_links_are_dropped() {
        let (_, blocks) =
            parse_ok("# H\n\n[click](javascript:alert(1)) and [ok](https://example.org)\n");
        let Block::Paragraph { html, text } = &blocks[0] else {
            panic!("paragraph")
        };
        let html = html.of(text);
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("https://example.org"));
    }

    #[test]
    fn lists_are_other_blocks_with_text() {
        let (_, blocks) = parse_ok("# H\n\n- one\n- two\n");
        assert!(
            matches!(&blocks[0], Block::Other { text, html } if text == "one two" && html.starts_with("<ul>"))
        );
    }
}
