//! Tests only: the JSON gazette wrote before its own writer, kept as the reference its
//! output is compared with byte for byte. serde_json's serializer, with a formatter that
//! writes `<`, `>` and `&` inside strings as `\u` escapes (and, for scripts, U+2028 and
//! U+2029), leaving the layout (compact or pretty) to serde_json's own formatter.

use serde::Serialize;

/// `value` as the old writer wrote it: pretty (files) or compact (scripts).
pub fn reference_json(value: &impl Serialize, pretty: bool, line_separators: bool) -> String {
    let mut out = Vec::new();
    let result = if pretty {
        let formatter = MarkupFree {
            inner: serde_json::ser::PrettyFormatter::new(),
            line_separators,
        };
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))
    } else {
        let formatter = MarkupFree {
            inner: serde_json::ser::CompactFormatter,
            line_separators,
        };
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))
    };
    match result {
        Ok(()) => String::from_utf8(out).expect("serde_json writes UTF-8"),
        Err(error) => format!("error: {error}"),
    }
}

struct MarkupFree<F> {
    inner: F,
    line_separators: bool,
}

impl<F> MarkupFree<F> {
    /// The escape for the character that starts `rest`, if it needs one, and its length.
    fn escape(&self, rest: &[u8]) -> Option<(&'static [u8], usize)> {
        match rest {
            [b'<', ..] => Some((b"\\u003c", 1)),
            [b'>', ..] => Some((b"\\u003e", 1)),
            [b'&', ..] => Some((b"\\u0026", 1)),
            [0xE2, 0x80, 0xA8, ..] if self.line_separators => Some((b"\\u2028", 3)),
            [0xE2, 0x80, 0xA9, ..] if self.line_separators => Some((b"\\u2029", 3)),
            _ => None,
        }
    }
}

/// Everything but string text goes to the inner formatter, which owns the layout.
macro_rules! delegate {
    ($($method:ident $(($first:ident))?),*) => {$(
        fn $method<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            $($first: bool,)?
        ) -> std::io::Result<()> {
            self.inner.$method(writer, $($first)?)
        }
    )*};
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for MarkupFree<F> {
    delegate!(
        begin_array,
        end_array,
        begin_array_value(first),
        end_array_value,
        begin_object,
        end_object,
        begin_object_key(first),
        end_object_key,
        begin_object_value,
        end_object_value
    );

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let (mut start, mut at) = (0, 0);
        let markup_from =
            |at: usize| memchr::memchr3(b'<', b'>', b'&', &bytes[at..]).map(|i| at + i);
        let mut next_markup = markup_from(0);
        loop {
            let before = next_markup.unwrap_or(bytes.len());
            let separator = match self.line_separators {
                true => memchr::memchr(0xE2, &bytes[at..before]).map(|i| at + i),
                false => None,
            };
            let Some(found) = separator.or(next_markup) else {
                break;
            };
            at = found;
            match self.escape(&bytes[at..]) {
                Some((escape, len)) => {
                    writer.write_all(&bytes[start..at])?;
                    writer.write_all(escape)?;
                    at += len;
                    start = at;
                }
                None => at += 1,
            }
            if next_markup.is_some_and(|markup| markup < at) {
                next_markup = markup_from(at);
            }
        }
        writer.write_all(&bytes[start..])
    }
}
