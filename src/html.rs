//! The two things gazette does to seed text before it may stand in a page: escape it
//! (always) or sanitize it (raw HTML from Markdown, unless the site opted in).
//!
//! Escaping uses pulldown-cmark's own escaper and sanitizing uses ammonia, so neither is
//! hand-rolled here. This module builds no markup of its own.

/// Escapes `&`, `<`, `>`, `"` and `'` so `text` is inert in HTML text and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text`, escaped, to `out`.
pub fn push_escaped(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, text);
}

/// Appends `text` escaped as HTML body text (`&`, `<` and `>`; quotes kept), exactly as
/// pulldown-cmark writes Markdown text: only for text between tags, never attributes.
pub fn push_escaped_body_text(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html_body_text(out, text);
}

/// Removes scripts, event handlers, `javascript:` links and other active content from
/// an HTML fragment, keeping ordinary formatting.
pub fn sanitize(fragment: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["class", "id"])
        .clean(fragment)
        .to_string()
}

/// True for URLs that would run code when followed (`javascript:`, `vbscript:`, `data:`).
pub fn is_dangerous_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn sanitize_drops_scripts_and_handlers() {
        let clean = sanitize(
            "<p onclick=\"x()\">hi<script>alert(1)</script><a href=\"javascript:alert(1)\">l</a></p>",
        );
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("onclick"), "{clean}");
        assert!(!clean.contains("javascript"), "{clean}");
        assert!(clean.contains("hi"));
    }

    #[test]
    fn spots_dangerous_urls_in_disguise() {
        assert!(is_dangerous_url(" JavaScript:alert(1)"));
        assert!(is_dangerous_url("java\tscript:x"));
        assert!(!is_dangerous_url("https://example.org/javascript:"));
    }
}
