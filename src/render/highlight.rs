//! Syntax highlighting of code blocks with syntect, as CSS classes (the theme owns the
//! colours).
//!
//! syntect's syntax set takes tens of milliseconds to load, so it is loaded once per
//! process and only when a story really has a code block. Code in an unknown language
//! is shown escaped, unhighlighted, and so is code in feeds.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html::push_escaped;

static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();

/// A `<pre class="code">` block for `code`, highlighted when `lang` is known.
///
/// The block is focusable (`tabindex="0"`): a long line makes it scroll sideways, and a
/// keyboard user can only scroll what can take focus (WCAG 2.1.1; axe's
/// scrollable-region-focusable).
pub fn code_block(code: &str, lang: Option<&str>) -> String {
    let highlighted = lang.and_then(|lang| highlight(code, lang));
    let mut html = String::with_capacity(code.len() * 2 + 64);
    html.push_str("<pre class=\"code\" tabindex=\"0\"");
    if let Some(lang) = lang {
        html.push_str(" data-lang=\"");
        push_escaped(&mut html, lang);
        html.push('"');
    }
    html.push_str("><code>");
    match highlighted {
        Some(spans) => html.push_str(&spans),
        None => push_escaped(&mut html, code),
    }
    html.push_str("</code></pre>");
    html
}

/// A code block for a feed: escaped, not highlighted, the language in CommonMark's
/// `language-*` class. Feed readers never load the theme's colours, so highlighting
/// spans would be bytes without effect (and highlighting is the dearest thing a page
/// does: about half a millisecond a line).
pub fn plain_code_block(code: &str, lang: Option<&str>) -> String {
    let mut html = String::with_capacity(code.len() + code.len() / 8 + 48);
    html.push_str("<pre><code");
    if let Some(lang) = lang {
        html.push_str(" class=\"language-");
        push_escaped(&mut html, lang);
        html.push('"');
    }
    html.push('>');
    push_escaped(&mut html, code);
    html.push_str("</code></pre>");
    html
}

fn highlight(code: &str, lang: &str) -> Option<String> {
    let syntaxes = SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines);
    let syntax = syntaxes.find_syntax_by_token(lang)?;
    let mut generator =
        ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, ClassStyle::Spaced);
    for line in LinesWithEndings::from(code) {
        // A syntax that cannot parse a line leaves the block unhighlighted, not broken.
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// Whether the syntax set has been loaded in this process (for tests and timings).
pub fn syntaxes_loaded() -> bool {
    SYNTAXES.get().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_code_is_escaped_and_names_its_language() {
        let html = plain_code_block("if a < b { x(\"&\") }\n", Some("rust\"><script>"));
        assert_eq!(
            html,
            "<pre><code class=\"language-rust&quot;&gt;&lt;script&gt;\">if a &lt; b { x(&quot;&amp;&quot;) }\n</code></pre>"
        );
        assert_eq!(plain_code_block("x", None), "<pre><code>x</code></pre>");
    }

    #[test]
    fn known_languages_get_classed_spans() {
        let html = code_block("fn main() { let x = \"<hi>\"; }\n", Some("rust"));
        assert!(
            html.starts_with("<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code>"),
            "{html}"
        );
        assert!(html.contains("<span class=\""), "{html}");
        assert!(html.contains("&lt;hi&gt;"), "{html}");
        assert!(!html.contains("<hi>"));
    }

    #[test]
    fn unknown_languages_are_escaped_plain() {
        let html = code_block("<b>", Some("no-such-lang\"><script>"));
        assert_eq!(
            html,
            "<pre class=\"code\" tabindex=\"0\" data-lang=\"no-such-lang&quot;&gt;&lt;script&gt;\"><code>&lt;b&gt;</code></pre>"
        );
    }
}
