//! Markup-free JSON from any `Serialize` value: a serde serializer that lays JSON out as
//! serde_json does (its own compact or pretty formatter writes every bracket, comma,
//! indent and number) but writes each string with [`push_markup_free_string`], in one
//! pass, instead of serde_json's byte-at-a-time escaping. The bytes are serde_json's
//! with `<`, `>`, `&` (and, for scripts, U+2028 and U+2029) written as `\u` escapes.
//!
//! It gathers the JSON in a buffer and hands it to the writer in large blocks (the
//! digest's `feed.json` is tens of megabytes). It knows nothing of feeds or pages; what
//! the JSON says is the caller's.

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::Error;
use serde_json::ser::Formatter;
use std::io::Write;

use super::json_string::push_markup_free_string;

/// How much JSON is gathered before it goes to the writer.
const BLOCK_SIZE: usize = 64 * 1024;

/// Writes `value` to `out` as JSON laid out by `formatter`, with no markup in its
/// strings; with `line_separators`, U+2028 and U+2029 are escaped too.
pub fn write_markup_free(
    out: &mut dyn Write,
    value: &impl Serialize,
    formatter: impl Formatter,
    line_separators: bool,
) -> std::io::Result<()> {
    let mut writer = MarkupFreeWriter {
        buffer: Vec::with_capacity(BLOCK_SIZE),
        out,
        formatter,
        line_separators,
    };
    value.serialize(&mut writer)?;
    writer.out.write_all(&writer.buffer)
}

struct MarkupFreeWriter<'o, F> {
    buffer: Vec<u8>,
    out: &'o mut dyn Write,
    formatter: F,
    line_separators: bool,
}

type Result<T = ()> = std::result::Result<T, Error>;

impl<F: Formatter> MarkupFreeWriter<'_, F> {
    /// Runs one of the formatter's writes into the buffer.
    fn format(
        &mut self,
        write: impl FnOnce(&mut F, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result {
        write(&mut self.formatter, &mut self.buffer).map_err(Error::io)
    }

    fn string(&mut self, text: &str) {
        push_markup_free_string(&mut self.buffer, text, self.line_separators);
    }

    /// Sends the buffer on once it holds a block, between values.
    fn send_when_full(&mut self) -> Result {
        if self.buffer.len() >= BLOCK_SIZE {
            self.out.write_all(&self.buffer).map_err(Error::io)?;
            self.buffer.clear();
        }
        Ok(())
    }

    /// `{"variant":` around an enum variant's content, as serde_json writes it.
    fn begin_variant(&mut self, variant: &str) -> Result {
        self.format(|f, b| f.begin_object(b))?;
        self.format(|f, b| f.begin_object_key(b, true))?;
        self.string(variant);
        self.format(|f, b| f.end_object_key(b))?;
        self.format(|f, b| f.begin_object_value(b))
    }

    fn end_variant(&mut self) -> Result {
        self.format(|f, b| f.end_object_value(b))?;
        self.format(|f, b| f.end_object(b))
    }
}

/// Whether an array or object has had no element yet, has one, or was empty from the
/// start (and is closed already).
#[derive(PartialEq, Eq, Clone, Copy)]
enum State {
    Empty,
    First,
    Rest,
}

/// An array or object being written.
struct Compound<'w, 'o, F> {
    writer: &'w mut MarkupFreeWriter<'o, F>,
    state: State,
}

macro_rules! numbers {
    ($($method:ident: $type:ty => $write:ident),* $(,)?) => {$(
        fn $method(self, value: $type) -> Result {
            self.format(|f, b| f.$write(b, value))
        }
    )*};
}

impl<'w, 'o, F: Formatter> ser::Serializer for &'w mut MarkupFreeWriter<'o, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'o, F>;
    type SerializeTuple = Compound<'w, 'o, F>;
    type SerializeTupleStruct = Compound<'w, 'o, F>;
    type SerializeTupleVariant = Compound<'w, 'o, F>;
    type SerializeMap = Compound<'w, 'o, F>;
    type SerializeStruct = Compound<'w, 'o, F>;
    type SerializeStructVariant = Compound<'w, 'o, F>;

    numbers!(
        serialize_bool: bool => write_bool,
        serialize_i8: i8 => write_i8,
        serialize_i16: i16 => write_i16,
        serialize_i32: i32 => write_i32,
        serialize_i64: i64 => write_i64,
        serialize_i128: i128 => write_i128,
        serialize_u8: u8 => write_u8,
        serialize_u16: u16 => write_u16,
        serialize_u32: u32 => write_u32,
        serialize_u64: u64 => write_u64,
        serialize_u128: u128 => write_u128,
    );

    /// A number JSON cannot spell (NaN, infinity) is `null`, as serde_json writes it.
    fn serialize_f32(self, value: f32) -> Result {
        match value.is_finite() {
            true => self.format(|f, b| f.write_f32(b, value)),
            false => self.serialize_unit(),
        }
    }

    fn serialize_f64(self, value: f64) -> Result {
        match value.is_finite() {
            true => self.format(|f, b| f.write_f64(b, value)),
            false => self.serialize_unit(),
        }
    }

    fn serialize_char(self, value: char) -> Result {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result {
        self.string(value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result {
        self.format(|f, b| f.write_byte_array(b, value))
    }

    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.format(|f, b| f.write_null(b))
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.begin_variant(variant)?;
        value.serialize(&mut *self)?;
        self.end_variant()
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        self.format(|f, b| f.begin_array(b))?;
        let state = if len == Some(0) {
            self.format(|f, b| f.end_array(b))?;
            State::Empty
        } else {
            State::First
        };
        Ok(Compound {
            writer: self,
            state,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        self.begin_variant(variant)?;
        self.serialize_seq(Some(len))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap> {
        self.format(|f, b| f.begin_object(b))?;
        let state = if len == Some(0) {
            self.format(|f, b| f.end_object(b))?;
            State::Empty
        } else {
            State::First
        };
        Ok(Compound {
            writer: self,
            state,
        })
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self::SerializeStruct> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        self.begin_variant(variant)?;
        self.serialize_map(Some(len))
    }
}

impl<F: Formatter> Compound<'_, '_, F> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        let first = self.state == State::First;
        self.writer.format(|f, b| f.begin_array_value(b, first))?;
        self.state = State::Rest;
        value.serialize(&mut *self.writer)?;
        self.writer.format(|f, b| f.end_array_value(b))?;
        self.writer.send_when_full()
    }

    fn end_array(&mut self) -> Result {
        match self.state {
            State::Empty => Ok(()),
            _ => self.writer.format(|f, b| f.end_array(b)),
        }
    }

    fn end_object(&mut self) -> Result {
        match self.state {
            State::Empty => Ok(()),
            _ => self.writer.format(|f, b| f.end_object(b)),
        }
    }
}

impl<F: Formatter> ser::SerializeSeq for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(mut self) -> Result {
        self.end_array()
    }
}

impl<F: Formatter> ser::SerializeTuple for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(mut self) -> Result {
        self.end_array()
    }
}

impl<F: Formatter> ser::SerializeTupleStruct for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(mut self) -> Result {
        self.end_array()
    }
}

impl<F: Formatter> ser::SerializeTupleVariant for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(mut self) -> Result {
        self.end_array()?;
        self.writer.end_variant()
    }
}

impl<F: Formatter> ser::SerializeMap for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        let first = self.state == State::First;
        self.writer.format(|f, b| f.begin_object_key(b, first))?;
        self.state = State::Rest;
        key.serialize(KeyWriter {
            writer: &mut *self.writer,
        })?;
        self.writer.format(|f, b| f.end_object_key(b))
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.writer.format(|f, b| f.begin_object_value(b))?;
        value.serialize(&mut *self.writer)?;
        self.writer.format(|f, b| f.end_object_value(b))?;
        self.writer.send_when_full()
    }

    fn end(mut self) -> Result {
        self.end_object()
    }
}

impl<F: Formatter> ser::SerializeStruct for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        ser::SerializeMap::serialize_entry(self, key, value)
    }

    fn end(mut self) -> Result {
        self.end_object()
    }
}

impl<F: Formatter> ser::SerializeStructVariant for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        ser::SerializeMap::serialize_entry(self, key, value)
    }

    fn end(mut self) -> Result {
        self.end_object()?;
        self.writer.end_variant()
    }
}

/// An object's key: JSON keys are strings, so a number or `true` is written in quotes
/// and anything else that is not text is refused, as serde_json does.
struct KeyWriter<'w, 'o, F> {
    writer: &'w mut MarkupFreeWriter<'o, F>,
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

macro_rules! quoted_keys {
    ($($method:ident: $type:ty => $write:ident),* $(,)?) => {$(
        fn $method(self, value: $type) -> Result {
            self.writer.format(|f, b| {
                f.begin_string(b)?;
                f.$write(b, value)?;
                f.end_string(b)
            })
        }
    )*};
}

macro_rules! refused_keys {
    ($($method:ident($($arg:ty),*) -> $ok:ty),* $(,)?) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ok> {
            Err(key_must_be_a_string())
        }
    )*};
}

impl<F: Formatter> ser::Serializer for KeyWriter<'_, '_, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    quoted_keys!(
        serialize_bool: bool => write_bool,
        serialize_i8: i8 => write_i8,
        serialize_i16: i16 => write_i16,
        serialize_i32: i32 => write_i32,
        serialize_i64: i64 => write_i64,
        serialize_i128: i128 => write_i128,
        serialize_u8: u8 => write_u8,
        serialize_u16: u16 => write_u16,
        serialize_u32: u32 => write_u32,
        serialize_u64: u64 => write_u64,
        serialize_u128: u128 => write_u128,
    );

    fn serialize_f32(self, value: f32) -> Result {
        if !value.is_finite() {
            return Err(ser::Error::custom(
                "float key must be finite (got NaN or +/-inf)",
            ));
        }
        self.writer.format(|f, b| {
            f.begin_string(b)?;
            f.write_f32(b, value)?;
            f.end_string(b)
        })
    }

    fn serialize_f64(self, value: f64) -> Result {
        if !value.is_finite() {
            return Err(ser::Error::custom(
                "float key must be finite (got NaN or +/-inf)",
            ));
        }
        self.writer.format(|f, b| {
            f.begin_string(b)?;
            f.write_f64(b, value)?;
            f.end_string(b)
        })
    }

    fn serialize_char(self, value: char) -> Result {
        self.writer.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result {
        self.writer.string(value);
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }

    refused_keys!(
        serialize_bytes(&[u8]) -> (),
        serialize_none() -> (),
        serialize_unit() -> (),
        serialize_unit_struct(&'static str) -> (),
        serialize_seq(Option<usize>) -> Self::SerializeSeq,
        serialize_tuple(usize) -> Self::SerializeTuple,
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct,
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant,
        serialize_map(Option<usize>) -> Self::SerializeMap,
        serialize_struct(&'static str, usize) -> Self::SerializeStruct,
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant,
    );

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(key_must_be_a_string())
    }
}

/// serde_json's pretty layout (a value per line, two spaces a level, `": "` after a
/// key), byte for byte, with each line break and its indent written in one piece
/// (serde_json's `PrettyFormatter` writes the indent two spaces at a time, a call each).
#[derive(Default)]
pub struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A line break and the deepest indent written in one piece; deeper levels add more.
const LINE_BREAK_AND_INDENT: &[u8; 65] =
    b"\n                                                                ";

impl Pretty {
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W) -> std::io::Result<()> {
        let spaces = 2 * self.depth;
        let max = LINE_BREAK_AND_INDENT.len() - 1;
        writer.write_all(&LINE_BREAK_AND_INDENT[..1 + spaces.min(max)])?;
        for _ in 0..spaces.saturating_sub(max) {
            writer.write_all(b" ")?;
        }
        Ok(())
    }

    fn begin<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn end<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(writer)?;
        }
        writer.write_all(bracket)
    }

    fn begin_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.new_line(writer)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.begin(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.end(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.begin_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.begin(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.end(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.begin_value(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::json_reference::reference_json;
    use proptest::prelude::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn ours(value: &impl Serialize, pretty: bool, line_separators: bool) -> String {
        let mut out = Vec::new();
        let result = match pretty {
            true => write_markup_free(&mut out, value, Pretty::default(), line_separators),
            false => write_markup_free(
                &mut out,
                value,
                serde_json::ser::CompactFormatter,
                line_separators,
            ),
        };
        match result {
            Ok(()) => String::from_utf8(out).expect("utf-8"),
            Err(error) => format!("error: {error}"),
        }
    }

    fn assert_same(value: &impl Serialize) {
        for pretty in [false, true] {
            for line_separators in [false, true] {
                assert_eq!(
                    ours(value, pretty, line_separators),
                    reference_json(value, pretty, line_separators),
                    "pretty {pretty}, line separators {line_separators}"
                );
            }
        }
    }

    #[derive(Serialize)]
    enum Kind<'a> {
        Unit,
        Newtype(&'a str),
        Tuple(u8, &'a str),
        Struct { a: Option<&'a str>, b: Vec<u8> },
        EmptyTuple(),
        EmptyStruct {},
    }

    #[derive(Serialize)]
    struct Story<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        headline: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        dek: Option<&'a str>,
        tags: Vec<&'a str>,
        empty: Vec<&'a str>,
        kinds: Vec<Kind<'a>>,
        unit: (),
        nothing: [(); 0],
        tuple: (i8, u64, f32, f64, char, bool),
        #[serde(with = "serde_bytes_as_bytes")]
        bytes: &'a [u8],
    }

    /// `serialize_bytes`, which serde_json writes as an array of numbers.
    mod serde_bytes_as_bytes {
        pub fn serialize<S: serde::Serializer>(
            bytes: &&[u8],
            s: S,
        ) -> std::result::Result<S::Ok, S::Error> {
            s.serialize_bytes(bytes)
        }
    }

    /// A map with keys of any type, in the order given.
    struct Pairs<K, V>(Vec<(K, V)>);

    impl<K: Serialize, V: Serialize> Serialize for Pairs<K, V> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
        }
    }

    #[test]
    fn every_kind_of_value_is_laid_out_as_serde_json_lays_it_out() {
        let story = Story {
            kind: "NewsArticle",
            headline: "Fish <&> chips\u{2028}“quoted”",
            dek: None,
            tags: vec!["a", "b\n"],
            empty: vec![],
            kinds: vec![
                Kind::Unit,
                Kind::Newtype("<x>"),
                Kind::Tuple(7, "y"),
                Kind::Struct {
                    a: Some("&"),
                    b: vec![1, 2],
                },
                Kind::Struct { a: None, b: vec![] },
                Kind::EmptyTuple(),
                Kind::EmptyStruct {},
            ],
            unit: (),
            nothing: [],
            tuple: (-5, u64::MAX, 1.5, -0.1, '<', true),
            bytes: b"\x00\xff",
        };
        assert_same(&story);
        assert_same(&vec![story]);
        assert_same(&json!({"html": "<p>Fish & chips</p>", "n": [1, 2.5, -3, null, true, {}, []]}));
        assert_same(&(f64::NAN, f32::INFINITY, 1e300, 0.0f64));
        let mut keys = BTreeMap::new();
        keys.insert(3u32, "three");
        keys.insert(40, "<forty>");
        assert_same(&keys);
        assert_same(&BTreeMap::from([(true, 1)]));
        assert_same(&BTreeMap::from([('<', 1)]));
        assert_same(&Pairs(vec![(1.5f64, 1), (-0.25, 2)]));
        assert_same(&Pairs(vec![(f64::NAN, 1)]));
        assert_same(&Pairs(vec![(1.5f32, 1), (f32::INFINITY, 2)]));
        assert_same(&BTreeMap::from([((), 1)]));
        assert_same(&BTreeMap::from([(vec![1], 1)]));
        assert_same(&BTreeMap::from([(Some("key"), 1)]));
        assert_same(&Pairs(vec![(Kind::Unit, 1)]));
        assert_same(&Pairs(vec![(Kind::Newtype("n"), 1)]));
        assert_same(&Pairs(vec![(b"bytes", 1)]));
        assert_same(&Pairs(vec![(-7i128, 1), (9, 2)]));
        assert_same(&BTreeMap::<String, u8>::new());
    }

    #[test]
    fn deep_nesting_is_indented_as_serde_json_indents_it() {
        let mut value = json!("<deep>");
        for depth in 0..45 {
            value = if depth % 2 == 0 {
                json!([value, 1])
            } else {
                json!({"k": value})
            };
            assert_same(&value);
        }
    }

    #[test]
    fn a_large_array_reaches_the_writer_whole() {
        let big: Vec<String> = (0..20_000).map(|i| format!("<p>story {i}</p>")).collect();
        assert_same(&big);
    }

    fn any_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
                prop::collection::btree_map(any::<String>(), inner, 0..6)
                    .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_value_is_written_as_serde_json_writes_it(value in any_json()) {
            for pretty in [false, true] {
                for line_separators in [false, true] {
                    prop_assert_eq!(
                        ours(&value, pretty, line_separators),
                        reference_json(&value, pretty, line_separators)
                    );
                }
            }
        }
    }
}
