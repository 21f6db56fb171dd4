//! Bytes → text, the way every seed format needs it: UTF-8 checked, BOM and CRLF gone.
//!
//! Every other character is kept exactly (curly quotes, dashes, non-breaking hyphens).

use super::SeedError;
use crate::location::line_and_column;

/// Decodes a seed's bytes, naming the byte offset of the first invalid sequence.
pub fn decode(bytes: &[u8]) -> Result<String, SeedError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let offset = err.valid_up_to();
        // The valid prefix is text, so its line count is meaningful.
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        SeedError::NotUtf8 {
            offset,
            line: line_and_column(valid, offset).0,
        }
    })?;
    if let Some(offset) = text.find('\0') {
        return Err(SeedError::Binary {
            offset,
            line: line_and_column(text, offset).0,
        });
    }
    Ok(normalise_line_endings(text))
}

fn normalise_line_endings(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf_and_keeps_the_rest() {
        let text = decode("\u{FEFF}Head\r\nBody “quoted” non‑breaking\r\n".as_bytes()).expect("ok");
        assert_eq!(text, "Head\nBody “quoted” non‑breaking\n");
    }

    #[test]
    fn names_the_offset_of_invalid_utf8() {
        let err = decode(b"Head\nok \xFF bad").expect_err("invalid");
        assert!(
            matches!(err, SeedError::NotUtf8 { offset: 8, line: 2 }),
            "{err:?}"
        );
    }

    #[test]
    fn refuses_nul_bytes() {
        assert!(matches!(
            decode(b"a\0b"),
            Err(SeedError::Binary { offset: 1, .. })
        ));
    }
}
