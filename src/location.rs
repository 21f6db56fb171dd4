//! Turning byte offsets into the 1-based line and column a person looks for in an editor.
//!
//! Columns count characters, not bytes, so a curly quote before the error does not
//! shift the column. This module does nothing else.

/// 1-based (line, column) of `offset` in `text`; an offset past the end points just after it.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let text = "ab\n“cd”\nef";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 3), (2, 1));
        let d = text.find('d').expect("has d");
        assert_eq!(line_and_column(text, d), (2, 3));
        assert_eq!(line_and_column(text, 999), (3, 3));
    }
}
