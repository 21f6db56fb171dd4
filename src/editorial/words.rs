//! Shared vocabulary of the desk: a word tokenizer over plain text and the word lists
//! (reporting verbs, honorifics, abbreviations, months, stop words …) that several
//! desk modules consult.
//!
//! It does not decide anything about a story: it only answers "is this word one of
//! those?" and "where are the words?". Every list is ASCII and lower case; lookups fold
//! case and turn curly apostrophes into straight ones, so `It’s` matches `it's`.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// One word of the text as a byte range. Words are runs of letters and digits, joined
/// across an apostrophe, a hyphen (also the non-breaking U+2011), `&` or `.` that sits
/// between two letters or digits (`Altman’s`, `cloud‑AI`, `U.S`, `1.13bn`), and across a
/// comma between digits (`500,000`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
}

impl Tok {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        // Tokens are only ever made by `Tokens` over this same text, on char boundaries.
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Iterator over the words of a text; allocation free and linear.
pub(super) struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Self {
        Tokens { text, pos: 0 }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Tok;

    #[inline]
    fn next(&mut self) -> Option<Tok> {
        let (tok, _, _) = next_word(self.text, self.pos)?;
        self.pos = tok.end;
        Some(tok)
    }
}

/// What the tokenizer learns of a word's letters on the way (bits of `text::Analysed`'s
/// shapes), so the desk's passes over every word test a bit instead of the word.
pub(super) mod shape {
    /// The first character is upper case ([`super::starts_upper`]).
    pub const UPPER: u8 = 1 << 0;
    /// The first byte is an ASCII digit.
    pub const DIGIT_START: u8 = 1 << 1;
    /// An ASCII digit anywhere ([`super::has_digit`]).
    pub const HAS_DIGIT: u8 = 1 << 2;
    /// An ASCII hyphen inside (`thirty-five`, `ChatGPT-style`).
    pub const HYPHEN: u8 = 1 << 3;
    /// Exactly one ASCII space between the word before (or the text's start) and this.
    pub const SPACE_BEFORE: u8 = 1 << 4;
    /// A byte above 0x7f inside (`naïve`, `Altman’s`).
    pub const NON_ASCII: u8 = 1 << 5;
}

/// The first word of `text` at or after byte `pos` (a char boundary); whether the gap
/// before it holds a character that may end a sentence (`.`, `!`, `?`, `…`); and its
/// [`shape`] bits. The tokenizer sees every byte of the gap and the word anyway, so the
/// sentence splitter and the desk's word passes need not look again.
#[inline(always)]
pub(super) fn next_word(text: &str, pos: usize) -> Option<(Tok, bool, u8)> {
    let bytes = text.as_bytes();
    // The commonest gap by far: one space, then an ASCII letter or digit. What the gap
    // loop below would find there is known without it.
    let (mut i, stop, mut shape) = match (bytes.get(pos), bytes.get(pos + 1)) {
        (Some(b' '), Some(&b)) if BYTE_KIND[usize::from(b)] & ALNUM != 0 => {
            (pos + 1, false, shape::SPACE_BEFORE | first_byte_shape(b))
        }
        _ => word_start(text, pos)?,
    };
    let start = i;
    let end = loop {
        // A run of ASCII letters and digits is most of every word.
        let (run_end, digit) = ascii_alnum_run_end(bytes, i);
        i = run_end;
        if digit {
            shape |= shape::HAS_DIGIT;
        }
        let Some(&b) = bytes.get(i) else { break i };
        if BYTE_KIND[usize::from(b)] & (JOINER | HIGH) == 0 {
            // A space or a mark that never joins: the word ends here.
            break i;
        }
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            char_at(text, i)
        };
        if b >= 0x80 && is_word_char(c) {
            shape |= shape::NON_ASCII;
            i += len;
            continue;
        }
        let joins = match c {
            '\'' | '’' | '-' | '\u{2011}' | '\u{2010}' | '&' | '.' => alnum_at(text, i + len),
            ',' => {
                bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            }
            _ => false,
        };
        if !joins {
            break i;
        }
        if b == b'-' {
            shape |= shape::HYPHEN;
        } else if b >= 0x80 {
            shape |= shape::NON_ASCII;
        }
        // Step over the joiner: the letter or digit after it carries the word on.
        i += len;
    };
    Some((Tok { start, end }, stop, shape))
}

/// The shape bits an ASCII letter or digit gives a word it starts.
#[inline(always)]
fn first_byte_shape(b: u8) -> u8 {
    if b.is_ascii_uppercase() {
        shape::UPPER
    } else if b.is_ascii_digit() {
        shape::DIGIT_START
    } else {
        0
    }
}

/// Where the first word at or after `pos` starts, reading the gap before it byte by
/// byte: whether the gap may end a sentence, and the shape bits known at the start.
#[inline(always)]
fn word_start(text: &str, pos: usize) -> Option<(usize, bool, u8)> {
    let bytes = text.as_bytes();
    // ASCII is the common case: look at bytes, and decode a char only above 0x7f.
    let mut i = pos;
    let mut stop = false;
    let mut shape = 0;
    loop {
        let b = *bytes.get(i)?;
        let kind = BYTE_KIND[usize::from(b)];
        if kind & (ALNUM | HIGH) == 0 {
            // Space and punctuation: one table look-up a byte.
            stop |= kind & STOP != 0;
            i += 1;
            continue;
        }
        if b < 0x80 {
            shape |= first_byte_shape(b);
            break;
        }
        let (c, len) = char_at(text, i);
        if is_word_char(c) {
            shape |= shape::NON_ASCII;
            if c.is_uppercase() {
                shape |= shape::UPPER;
            }
            break;
        }
        // Of the characters above 0x7f only `…` ends a sentence (see `sentence`).
        stop |= c == '…';
        i += len;
    }
    if i == pos + 1 && bytes[pos] == b' ' {
        shape |= shape::SPACE_BEFORE;
    }
    Some((i, stop, shape))
}

/// [`BYTE_KIND`] bits: an ASCII letter or digit; a byte where a sentence may end; a
/// byte above 0x7f (part of a character the tokenizer must decode).
const ALNUM: u8 = 1;
const STOP: u8 = 2;
const HIGH: u8 = 4;
/// An ASCII byte that may join two runs into one word (`'`, `-`, `&`, `.`, `,`).
const JOINER: u8 = 8;

/// What each byte is to the tokenizer's gap loop.
static BYTE_KIND: [u8; 256] = {
    let mut kinds = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            kinds[b] |= ALNUM;
        }
        if is_stop_byte(byte) {
            kinds[b] |= STOP;
        }
        if byte >= 0x80 {
            kinds[b] |= HIGH;
        }
        if matches!(byte, b'\'' | b'-' | b'&' | b'.' | b',') {
            kinds[b] |= JOINER;
        }
        b += 1;
    }
    kinds
};

/// A byte between words where a sentence may end: `.`, `!`, `?`, or the lead byte of
/// `…` (0xE2, which also leads curly quotes and dashes: a cheap, wide net).
#[inline(always)]
pub(super) const fn is_stop_byte(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | 0xE2)
}

/// The end of the run of ASCII letters and digits at byte `i`, and whether the run holds
/// a digit: eight bytes at a time (each byte's range tests done by adding across the
/// word, no byte carrying into the next), then one at a time.
#[inline]
fn ascii_alnum_run_end(bytes: &[u8], mut i: usize) -> (usize, bool) {
    let mut digits = 0u64;
    const fn splat(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    const HIGH: u64 = splat(0x80);
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(chunk);
        let x = u64::from_le_bytes(buf);
        // Seven bits a byte, so every sum below stays inside its byte.
        let y = x & !HIGH;
        let lower = y | splat(0x20);
        // The high bit of each byte of `a + splat(0x80 - lo)` says `a >= lo`.
        let letter = (lower + splat(0x80 - b'a')) & !(lower + splat(0x7f - b'z'));
        let digit = (y + splat(0x80 - b'0')) & !(y + splat(0x7f - b'9'));
        let stop = !((letter | digit) & !x) & HIGH;
        // The bytes before the first stop are the run's.
        let run = if stop == 0 {
            u64::MAX
        } else {
            (stop & stop.wrapping_neg()) - 1
        };
        digits |= digit & !x & HIGH & run;
        if stop != 0 {
            return (i + (stop.trailing_zeros() / 8) as usize, digits != 0);
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_alphanumeric()) {
        digits |= u64::from(b.is_ascii_digit());
        i += 1;
    }
    (i, digits != 0)
}

fn alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(b) if *b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => is_word_char(char_at(text, i).0),
    }
}

/// A letter or digit. The punctuation news copy is full of (curly quotes, dashes,
/// currency signs) is answered without Unicode's slow table lookups.
#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        '’' | '‘' | '“' | '”' | '„' | '—' | '–' | '…' | '\u{a0}' | '€' | '£' | '«' | '»' | '•'
        | '·' | '\u{2011}' | '\u{2010}' | '′' | '″' | '°' | '\u{202f}' | '\u{2009}' => false,
        c => c.is_alphanumeric(),
    }
}

/// The char starting at byte `i` (a char boundary) and its length, ASCII fast.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[i..].chars().next().unwrap_or('\0');
    (c, c.len_utf8())
}

/// Number of words (runs with at least one letter or digit) in a text.
pub(super) fn word_count(text: &str) -> usize {
    Tokens::new(text).count()
}

/// Whether `word`'s lower-case key (see [`lower_key`]) passes `test`; false for a word
/// with no key. Saves every word-list check its own buffer.
pub(super) fn key_is(word: &str, test: impl FnOnce(&str) -> bool) -> bool {
    // A lower-case ASCII word that fits the buffer is its own key: no copy. Most words
    // the figure checks ask about are.
    if word.len() <= 48
        && word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return test(word);
    }
    let mut buf = [0u8; 48];
    lower_key(word, &mut buf).is_some_and(test)
}

/// A character as the word lists spell it: lower-case ASCII, curly apostrophes and
/// Unicode hyphens folded; `None` for any other non-ASCII character (no list has one).
fn fold_ascii(c: char) -> Option<u8> {
    match c {
        '’' | '‘' => Some(b'\''),
        '\u{2011}' | '\u{2010}' => Some(b'-'),
        c if c.is_ascii() => Some((c as u8).to_ascii_lowercase()),
        _ => None,
    }
}

/// Lower-case ASCII key of a word for list lookups, written into `buf`; `None` when the
/// word has other non-ASCII letters (no list holds such words) or is too long.
pub(super) fn lower_key<'b>(word: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    if word.is_ascii() {
        let key = buf.get_mut(..word.len())?;
        // Copied and lower-cased in one pass (no copy call).
        for (k, b) in key.iter_mut().zip(word.bytes()) {
            *k = b.to_ascii_lowercase();
        }
        // SAFETY: `key` holds the bytes of an ASCII `str`, lower-cased as ASCII: every
        // byte is below 0x80, which is valid UTF-8. (Checking it again cost about 2% of
        // the desk's time: this is every word-list look-up by spelling.)
        return Some(unsafe { std::str::from_utf8_unchecked(key) });
    }
    let mut n = 0;
    for c in word.chars() {
        let b = fold_ascii(c)?;
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// A hasher for the desk's short string keys (names, figure keys): eight bytes a step,
/// a rotate, a xor and a multiply (the FxHash scheme), where SipHash showed in profiles
/// and byte-at-a-time FNV after it. Not for keys an attacker picks: the desk hashes its
/// own words, and nothing it returns depends on hash order.
#[derive(Default, Clone, Copy)]
pub(super) struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves its best bits high; the table indexes by the low ones.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The last one to seven bytes, zero above, by two loads that may overlap
            // (a copy of a length known only at run time was a `memcpy` call a key).
            // The length keeps `ab` and `ab\0` apart.
            self.add(pack_short(rest) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

pub(super) type FastSet<T> = HashSet<T, std::hash::BuildHasherDefault<WordHasher>>;
pub(super) type FastMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;

/// Longest word in any list; longer words are not looked up at all.
const MAX_LISTED: usize = 16;

macro_rules! word_list {
    ($(#[$doc:meta])* list $list:ident, $items:expr) => {
        $(#[$doc])*
        const $list: &[&str] = $items;
    };
    ($(#[$doc:meta])* $name:ident, $list:ident, $bit:expr, $items:expr) => {
        const $list: &[&str] = $items;
        $(#[$doc])*
        pub(super) fn $name(word: &str) -> bool {
            classes(word) & (1 << $bit) != 0
        }
    };
}

/// Bits of [`classes`], one per list (the order of the `word_list!` calls, then the
/// reporting verbs).
pub(super) mod bit {
    pub const STOPWORD: u32 = 1 << 0;
    pub const CONTEXT_OPENER: u32 = 1 << 1;
    pub const HONORIFIC: u32 = 1 << 2;
    pub const ROLE: u32 = 1 << 3;
    pub const NOT_ENTITY: u32 = 1 << 4;
    pub const MONTH: u32 = 1 << 5;
    pub const WEEKDAY: u32 = 1 << 6;
    pub const TITLE_ABBREVIATION: u32 = 1 << 7;
    pub const TRAILING_ABBREVIATION: u32 = 1 << 8;
    pub const PLACE: u32 = 1 << 9;
    pub const SPEAKER_PRONOUN: u32 = 1 << 10;
    pub const VERB_HELPER: u32 = 1 << 11;
    pub const ORGANISATION: u32 = 1 << 14;
    pub const PLACE_OPENER: u32 = 1 << 15;
    pub const PARTICLE: u32 = 1 << 16;
    pub const REPORTING: u32 = 1 << 12;
    pub const CORE_REPORTING: u32 = 1 << 13;
    pub const NUMBER_WORD: u32 = 1 << 17;
    pub const PERSONAL: u32 = 1 << 18;
    pub const ABSOLUTE: u32 = 1 << 19;
    pub const CONTRAST: u32 = 1 << 20;
    pub const VIVID: u32 = 1 << 21;
    pub const AUX: u32 = 1 << 22;
    pub const UP: u32 = 1 << 23;
    pub const DOWN: u32 = 1 << 24;
    pub const APPROXIMATOR: u32 = 1 << 25;
    pub const DEAL_NOUN: u32 = 1 << 26;
    pub const MONEY_NOUN: u32 = 1 << 27;
    pub const VERB: u32 = 1 << 28;
}

/// Every list a word belongs to, as bits, from one lookup in one table: the desk asks
/// several lists about the same word, and one probe beats seven.
pub(super) fn classes(word: &str) -> u32 {
    // Every listed word starts with a letter; numbers and long words are on no list.
    if word.len() > MAX_LISTED || !word.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return 0;
    }
    let Some(key) = packed_key(word) else {
        return 0;
    };
    word_table().get(key)
}

/// The word lists' table, built on first use.
pub(super) fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> WordTable {
    WordTable::new(&table_entries())
}

/// Every listed word's key and its lists, each key once, in the order first met.
fn table_entries() -> Vec<(u128, u32)> {
    let mut entries: Vec<(u128, u32)> = Vec::new();
    // Where each key already stands in `entries`: a word on several lists gathers its
    // bits in one entry. (A search along `entries` for each of the two thousand words
    // cost 12 million instructions once a process: 5% of a 300-story build's desk.)
    let mut index: HashMap<u128, usize> = HashMap::new();
    listed_words(|word, bits| {
        if let Some(key) = packed_key(word) {
            match index.entry(key) {
                Entry::Occupied(at) => entries[*at.get()].1 |= bits,
                Entry::Vacant(slot) => {
                    slot.insert(entries.len());
                    entries.push((key, bits));
                }
            }
        }
    });
    entries
}

/// Calls `add` with every word of every list and the list's bit.
fn listed_words(mut add: impl FnMut(&str, u32)) {
    for (bit, list) in all_lists().iter().enumerate() {
        for item in *list {
            add(item, 1 << bit);
        }
    }
    let forms = REPORTING_LEMMAS
        .iter()
        .flat_map(|l| inflections(l))
        .chain(IRREGULAR_FORMS.iter().map(|s| s.to_string()));
    for form in forms {
        add(&form, bit::REPORTING);
    }
    for form in CORE_REPORTING {
        add(form, bit::CORE_REPORTING);
    }
}

/// A word of up to 16 bytes, lower-cased (curly apostrophes and non-breaking hyphens
/// folded), packed into one number: the table's key. `None` for any other word.
fn packed_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() <= 8 && !bytes.is_empty() {
        // Most words are eight bytes or less: gathered into a u64 by two loads that may
        // overlap (no copy call, no loop), lower-cased as the longer ones below.
        let packed = pack_short(bytes);
        if packed & 0x8080_8080_8080_8080 == 0 {
            let mask = 0x2020_2020_2020_2020u64 >> (8 * (8 - bytes.len()));
            return Some(u128::from(packed | mask));
        }
    } else if bytes.len() <= 16 && !bytes.is_empty() {
        // Two eight-byte loads, the second ending at the word's end.
        let n = bytes.len();
        let packed = u128::from(pack_short(&bytes[..8]))
            | (u128::from(pack_short(&bytes[n - 8..])) << (8 * (n - 8)));
        if packed & u128::from_le_bytes([0x80; 16]) == 0 {
            // ASCII. A word holds only letters, digits and the joiners `'` `-` `&` `.`
            // `,`: setting bit 5 lower-cases the letters and leaves the others as they are.
            let mask = u128::from_le_bytes([0x20; 16]) >> (8 * (16 - bytes.len()));
            return Some(packed | mask);
        }
    }
    let mut key: u128 = 0;
    let mut n = 0;
    for c in word.chars() {
        let b = fold_ascii(c)?;
        if n == 16 {
            return None;
        }
        key |= u128::from(b) << (8 * n);
        n += 1;
    }
    (n > 0).then_some(key)
}

/// The bytes of a word of one to eight bytes as a little-endian number (byte `k` in bits
/// `8k..8k + 8`, zero above): two loads of a power-of-two width that together cover the
/// word; where they overlap they hold the same bytes, so or-ing them is exact.
#[inline]
fn pack_short(b: &[u8]) -> u64 {
    let n = b.len();
    // Fixed-width copies compile to single loads.
    let load2 = |at: usize| {
        let mut w = [0u8; 2];
        w.copy_from_slice(&b[at..at + 2]);
        u64::from(u16::from_le_bytes(w))
    };
    let load4 = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[at..at + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    match n {
        0 => 0,
        1 => u64::from(b[0]),
        2..=3 => load2(0) | (load2(n - 2) << (8 * (n - 2))),
        4..=7 => load4(0) | (load4(n - 4) << (8 * (n - 4))),
        _ => {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[..8]);
            u64::from_le_bytes(w)
        }
    }
}

/// An open-addressing hash table from packed words to list bits: no allocation, no
/// string compare, a multiply and a probe or two per lookup. Most words are eight bytes
/// or less, so they get a table of `u64` keys of their own; longer keys (up to 16
/// bytes) go in a second one.
pub(super) struct WordTable {
    short: Probe<u64>,
    long: Probe<u128>,
}

impl WordTable {
    fn new(entries: &[(u128, u32)]) -> WordTable {
        let short: Vec<(u64, u32)> = entries
            .iter()
            .filter_map(|&(k, bits)| Some((u64::try_from(k).ok()?, bits)))
            .collect();
        let long: Vec<(u128, u32)> = entries.iter().copied().filter(|e| e.0 >> 64 != 0).collect();
        WordTable {
            short: Probe::new(&short),
            long: Probe::new(&long),
        }
    }

    fn get(&self, key: u128) -> u32 {
        match u64::try_from(key) {
            Ok(short) => self.short.get(short),
            Err(_) => self.long.get(key),
        }
    }

    /// [`classes`] of the word `tok` of `text`, the way a text is read once: an ASCII
    /// word with eight (or sixteen) bytes of text from its start is read in one load and
    /// masked to the word, with no copy; any other word goes through [`classes`].
    #[inline]
    pub(super) fn classes_at(&self, text: &str, tok: Tok) -> u32 {
        let bytes = text.as_bytes();
        let len = tok.end - tok.start;
        if len > MAX_LISTED {
            return 0;
        }
        // A word starting with a digit is on no list, and its key (a digit first: no byte
        // of an ASCII word turns into a letter when lower-cased) matches none: it is
        // looked up like any other rather than tested first, as most words start with
        // a letter.
        if len <= 8 {
            if let Some(chunk) = bytes.get(tok.start..tok.start + 8) {
                let mut buf = [0u8; 8];
                buf.copy_from_slice(chunk);
                // `len` is 1 to 8 here: a word is never empty.
                let keep = 8 * (8 - len as u32);
                let packed = u64::from_le_bytes(buf) & (u64::MAX >> keep);
                if packed & 0x8080_8080_8080_8080 == 0 {
                    // ASCII: lower-case as `packed_key` does.
                    return self.short.get(packed | (0x2020_2020_2020_2020 >> keep));
                }
            }
        } else if let Some(chunk) = bytes.get(tok.start..tok.start + 16) {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(chunk);
            // `len` is 9 to 16 here: the key's high half is never zero, as in `long`.
            let keep = 8 * (16 - len as u32);
            let packed = u128::from_le_bytes(buf) & (u128::MAX >> keep);
            if packed & u128::from_le_bytes([0x80; 16]) == 0 {
                return self
                    .long
                    .get(packed | (u128::from_le_bytes([0x20; 16]) >> keep));
            }
        }
        classes(text.get(tok.start..tok.end).unwrap_or(""))
    }
}

/// A key of [`Probe`]: never zero (zero marks an empty slot), hashed by a multiply.
trait Packed: Copy + Eq + Default {
    fn hash(self) -> u64;
}

impl Packed for u64 {
    #[inline]
    fn hash(self) -> u64 {
        self.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

impl Packed for u128 {
    #[inline]
    fn hash(self) -> u64 {
        let folded = (self as u64) ^ ((self >> 64) as u64).rotate_left(29);
        folded.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// Linear probing, at most a quarter full, so a word on no list mostly meets an empty
/// slot at once.
struct Probe<K> {
    /// Keys and bits apart, so a probe touches one small array of keys.
    keys: Vec<K>,
    bits: Vec<u32>,
    mask: usize,
}

impl<K: Packed> Probe<K> {
    fn new(entries: &[(K, u32)]) -> Probe<K> {
        let size = (entries.len() * 4).next_power_of_two().max(4);
        let mut table = Probe {
            keys: vec![K::default(); size],
            bits: vec![0; size],
            mask: size - 1,
        };
        for &(key, bits) in entries {
            let mut i = table.slot(key);
            while table.keys[i] != K::default() {
                i = (i + 1) & table.mask;
            }
            table.keys[i] = key;
            table.bits[i] = bits;
        }
        table
    }

    #[inline]
    fn slot(&self, key: K) -> usize {
        (key.hash() >> 32) as usize & self.mask
    }

    #[inline]
    fn get(&self, key: K) -> u32 {
        let mut i = self.slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.bits[i];
            }
            if k == K::default() {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }
}

word_list!(
    /// Function words: never a name, never the subject of a label, and a common
    /// sentence opener after an ambiguous abbreviation.
    is_stopword, STOPWORD, 0,
    &[
        "a", "about", "above", "according", "across", "after", "again", "against", "all",
        "also", "am", "amid", "among", "an", "and", "any", "are", "around", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
        "could", "did", "do", "does", "doing", "down", "during", "each", "even", "ever",
        "every", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
        "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in",
        "into", "is", "it", "its", "itself", "just", "least", "less", "let", "like", "many",
        "may", "me", "meanwhile", "might", "more", "most", "much", "must", "my", "no", "nor",
        "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out",
        "over", "own", "per", "same", "she", "should", "since", "so", "some", "still",
        "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
        "they", "this", "those", "though", "through", "to", "too", "toward", "towards",
        "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what",
        "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
        "with", "within", "without", "would", "yet", "you", "your", "yours", "it's",
        "that's", "what's", "there's", "they're", "we're", "you're", "he's", "she's", "i'm",
        "i've", "we've", "don't", "isn't", "can't", "won't", "didn't", "doesn't", "wasn't",
        "aren't", "here's", "let's", "shall", "yes", "unless", "whereas", "although",
        "thus", "hence", "therefore", "instead", "rather", "almost", "already", "always",
        "never", "often", "perhaps", "quite",
    ]
);

word_list!(
    /// Words that make a sentence lean on the one before it: a pull quote must not start
    /// with one of them.
    is_context_opener, CONTEXT_OPENER, 1,
    &[
        "it", "it's", "its", "this", "that", "that's", "these", "those", "they", "they're",
        "they've", "them", "their", "he", "he's", "his", "him", "she", "she's", "her", "there",
        "there's", "here", "here's", "but", "and", "or", "so", "also", "however", "yet",
        "then", "thus", "hence", "therefore", "meanwhile", "instead", "otherwise", "besides",
        "moreover", "furthermore", "nevertheless", "nonetheless", "although", "though",
        "because", "which", "who", "whom", "such", "both", "another", "others", "similarly",
        "likewise", "indeed", "plus", "still", "too", "nor", "all", "later", "again",
        "afterwards", "earlier", "even", "yes", "no", "not", "now", "consequently",
        "accordingly", "elsewhere", "separately",
    ]
);

word_list!(
    /// Courtesy titles written before a name (with or without the dot).
    is_honorific, HONORIFIC, 2,
    &[
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
        "fr", "messrs",
    ]
);

word_list!(
    /// Job and office words that belong to a speaker's role, not to the name:
    /// `OpenAI CEO Sam Altman`, `chief executive Jane Doe`.
    list ROLE_WORD,
    &[
        "chief", "executive", "ceo", "cfo", "cto", "coo", "cio", "cmo", "president", "vice",
        "chairman", "chairwoman", "chair", "chairperson", "founder", "co-founder", "cofounder",
        "director", "manager", "minister", "prime", "secretary", "senator", "governor", "mayor",
        "judge", "spokesman", "spokeswoman", "spokesperson", "analyst", "economist",
        "professor", "coach", "head", "officer", "general", "commissioner", "chancellor",
        "leader", "captain", "partner", "editor", "researcher", "scientist", "king", "queen",
        "prince", "princess", "pope", "ambassador", "attorney", "lawyer", "inspector",
        "detective", "superintendent", "sheriff", "deputy", "representative", "senior",
        "principal", "managing", "former", "acting", "interim", "boss", "owner", "investor",
        "treasurer", "vp", "svp", "evp", "md", "gm", "sen", "rep", "gov", "gen",
        "correspondent", "founding", "co-chief", "presidential", "candidate", "councillor",
        "mp", "mep", "chairs", "helmsman", "commander", "skipper", "coxswain", "referee",
        "umpire", "presenter", "councilman", "councilwoman", "congressman", "congresswoman",
        "assemblyman", "assemblywoman", "sergeant", "constable", "organiser",
        "organizer", "campaigner", "curator", "provost", "rector", "bishop",
        "archbishop", "chaplain", "nurse", "surgeon", "doctor", "midwife", "teacher",
        "headteacher", "headmaster", "headmistress", "matron", "vicar", "goalkeeper",
        "striker", "defender", "midfielder", "winger", "substitute", "keeper", "batsman",
        "bowler", "jockey", "trainer", "skipper", "driver", "rider", "pilot",
    ]
);

word_list!(
    /// Capitalised words that are not organisations or people in their own right.
    is_not_entity, NOT_ENTITY, 4,
    &[
        "ai", "ceo", "cfo", "cto", "coo", "gpu", "gpus", "cpu", "cpus", "nda", "phd", "tv", "i",
        "ok", "pr", "hr", "vr", "ar", "api", "apis", "faq", "diy", "usb", "pc", "pcs", "dna",
        "ev", "evs", "ipo", "gdp", "q1", "q2", "q3", "q4", "am", "pm", "ph", "llm", "llms",
        "ip", "id", "ids", "cv", "rsvp", "asap", "fyi", "mba", "ps", "tba", "tbc", "etc",
        "esg", "kpi", "roi", "saas", "ui", "ux", "os", "mph", "kph", "km", "kg", "lb", "oz",
        "a", "o", "x",
    ]
);

word_list!(
    /// Month names and their abbreviations.
    is_month, MONTH, 5,
    &[
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
);

word_list!(
    /// Weekday names and their abbreviations.
    is_weekday, WEEKDAY, 6,
    &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
        "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    ]
);

word_list!(
    /// Abbreviations that never end a sentence: titles before names, months before
    /// days, `e.g.`, `vs.` (the final dot removed).
    list TITLE_ABBREVIATION,
    &[
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "sen", "rep", "gov", "lt",
        "col", "capt", "sgt", "rev", "hon", "mt", "messrs", "mme", "vs", "v", "e.g", "i.e",
        "cf", "approx", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "pp", "vol", "ch", "no", "nos", "est", "fr", "cmdr",
        "adm", "supt", "insp", "det", "pres",
    ]
);

word_list!(
    /// Abbreviations that may end a sentence as well as sit inside one (`Acme Inc.`).
    list TRAILING_ABBREVIATION,
    &[
        "inc", "corp", "ltd", "co", "plc", "llc", "bros", "etc", "a.m", "p.m", "u.s", "u.k",
        "u.n", "e.u", "dept", "univ", "assn", "ave", "blvd", "rd", "al", "ft", "jr", "esq",
        "intl", "govt", "pty", "gmbh", "ag", "nv", "sa",
    ]
);

word_list!(
    /// Places a story may be about (countries, big cities, regions). Short on purpose:
    /// anything not here is taken for an organisation.
    is_place, PLACE, 9,
    &[
        "afghanistan", "africa", "america", "argentina", "asia", "australia", "austria",
        "bangladesh", "beijing", "belgium", "berlin", "brazil", "britain", "brussels",
        "california", "canada", "chicago", "chile", "china", "colombia", "denmark", "dubai",
        "egypt", "england", "europe", "finland", "france", "gaza", "geneva", "germany",
        "greece", "hong kong", "hungary", "india", "indonesia", "iran", "iraq", "ireland",
        "israel", "italy", "japan", "jordan", "kenya", "kyiv", "lebanon", "london",
        "los angeles", "madrid", "mexico", "moscow", "mumbai", "netherlands", "new delhi",
        "new york", "new zealand", "nigeria", "northern ireland", "norway", "pakistan",
        "paris", "peru", "philippines", "poland", "portugal", "qatar", "redmond", "rome",
        "russia", "san francisco", "saudi arabia", "scotland", "seattle", "seoul",
        "shanghai", "silicon valley", "singapore", "south africa", "south korea", "spain",
        "sweden", "switzerland", "sydney", "syria", "taiwan", "texas", "thailand", "tokyo",
        "toronto", "turkey", "uk", "ukraine", "united kingdom", "united states", "us", "usa",
        "vietnam", "wales", "washington", "yemen", "boston", "delhi", "kenya", "korea",
        "latin america", "middle east", "oxford", "cambridge", "manchester", "edinburgh",
        "dublin", "amsterdam", "stockholm", "oslo", "vienna", "warsaw", "athens", "istanbul",
        "cairo", "lagos", "nairobi", "johannesburg", "melbourne", "vancouver", "montreal",
        "florida", "new jersey", "virginia", "ohio", "europe's",
    ]
);

word_list!(
    /// The pronouns that may stand for a speaker named earlier.
    list SPEAKER_PRONOUN,
    &["he", "she", "they"]
);

word_list!(
    /// Adverbs and auxiliaries that may stand between a speaker and a reporting verb:
    /// `Altman later said`, `she has said`.
    list VERB_HELPER,
    &[
        "also", "later", "then", "once", "previously", "recently", "again", "has", "have",
        "had", "was", "is", "will", "would", "earlier", "further", "simply", "only",
        "just", "separately", "repeatedly", "publicly", "privately", "quickly",
        "bluntly", "flatly", "firmly", "openly", "reportedly", "subsequently",
    ]
);

word_list!(
    /// Words (lower case) that end or hold the name of an organisation, a team, a place
    /// or a thing, never a person: `Calder University`, `Brook Lane`, `Kingsport City`.
    is_organisation_word, ORGANISATION_WORDS, 14,
    &[
    "academy",
    "agency",
    "airlines",
    "airport",
    "airways",
    "alliance",
    "array",
    "assembly",
    "association",
    "athletic",
    "authority",
    "awards",
    "bank",
    "board",
    "borough",
    "capital",
    "care",
    "cathedral",
    "centre",
    "center",
    "championship",
    "city",
    "club",
    "coalition",
    "college",
    "commission",
    "committee",
    "company",
    "confederation",
    "congress",
    "consulting",
    "corp",
    "corporation",
    "council",
    "county",
    "court",
    "cup",
    "department",
    "digital",
    "district",
    "energy",
    "estate",
    "estates",
    "federation",
    "festival",
    "films",
    "forum",
    "foundation",
    "fund",
    "futures",
    "gallery",
    "games",
    "gazette",
    "government",
    "group",
    "harbour",
    "health",
    "holdings",
    "homes",
    "hospice",
    "hospital",
    "house",
    "inc",
    "industries",
    "institute",
    "insight",
    "journal",
    "labs",
    "lane",
    "league",
    "library",
    "ltd",
    "media",
    "ministry",
    "motors",
    "museum",
    "network",
    "news",
    "observatory",
    "office",
    "open",
    "orchestra",
    "parliament",
    "partners",
    "party",
    "plc",
    "police",
    "prize",
    "records",
    "reports",
    "research",
    "review",
    "road",
    "rovers",
    "securities",
    "senate",
    "service",
    "services",
    "society",
    "square",
    "station",
    "strategy",
    "street",
    "studios",
    "systems",
    "technologies",
    "theatre",
    "theater",
    "times",
    "town",
    "trains",
    "transport",
    "trust",
    "union",
    "united",
    "university",
    "valley",
    "water",
    "web",
    "llc",
    "gmbh",
    "fc",
    "afc",
    "school",
    "schools",
    "stores",
    "airline",
    "rail",
    "railway",
    "railways",
    "army",
    "navy",
    "bureau",
    "exchange",
    "market",
    "markets",
    "ocean",
    "mountains",
    "rock",
    "reef",
    "isle",
    "loch",
    "firth",
    "ness",
    "strait",
    "channel",
    "coast",
    "sound",
    "estuary",
    "peninsula",
    "harbourside",
    "quay",
    "wharf",
    "docks",
    "pier",
]
);

word_list!(
    /// Words that open the name of a place or an organisation, never a person's.
    list PLACE_OPENERS,
    &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "royal",
    "national",
    "international",
    "european",
    "british",
    "american",
    "new",
    "old",
    "great",
    "upper",
    "lower",
    "saint",
    "st",
    "mount",
    "lake",
    "port",
    "fort",
    "greater",
    "united",
    "federal",
    "global",
    "world",
]
);

word_list!(
    /// Lower-case words that sit inside a person's name: `Pieter de Vries`.
    list PARTICLES,
    &[
    "de", "van", "von", "der", "den", "da", "di", "du", "le", "la", "bin", "al", "del", "dos",
    "das", "ter", "ten", "y", "ibn", "bint", "af",
]
);

word_list!(
    /// Words that may start a figure: spelled-out numbers, vague magnitudes, `magnitude`.
    is_number_word, NUMBER_WORDS, 17,
    &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", "hundreds", "tens", "thousands", "millions", "billions", "dozens",
        "magnitude",
    ]
);

word_list!(
    /// First and second person: the strongest pull-quote signal after quotation marks.
    list PERSONAL_WORDS,
    &[
        "i", "we", "you", "our", "your", "my", "me", "us", "i'm", "we're", "you're", "we've",
        "i've", "you've", "ours", "yours", "i'd", "we'd", "we'll", "i'll", "you'll",
    ]
);

word_list!(
    /// Absolutes (`never`, `nothing`, `every`): a pull-quote signal.
    list ABSOLUTE_WORDS,
    &[
        "never", "nothing", "everything", "always", "nobody", "everyone", "none", "every",
        "forever", "impossible", "anything", "everybody",
    ]
);

word_list!(
    /// Contrasts (`but`, `instead`, `not`): a pull-quote signal.
    list CONTRAST_WORDS,
    &[
        "but", "instead", "rather", "yet", "although", "though", "whereas", "longer", "not",
        "isn't", "unlike", "can't", "won't", "don't",
    ]
);

word_list!(
    /// Vivid, concrete words: a pull-quote signal.
    list VIVID_WORDS,
    &[
        "brutal", "dead", "record", "largest", "biggest", "historic", "crisis", "war", "wars",
        "battle", "shock", "dramatic", "massive", "huge", "unprecedented", "tectonic",
        "revolution", "disaster", "ghosting", "loud", "truth", "fight", "fought", "gamble",
        "betting", "bottleneck", "currency", "rush", "dream", "broken", "betrayed", "afraid",
        "alive", "dying", "empty", "fear", "hope", "love", "hate", "wrong", "right",
    ]
);

/// Bytes of the longest word on the number-word list (`seventeen`, `thousands`).
pub(super) const NUMBER_WORD_MAX: usize = 9;

/// The lists in bit order (the order of their `word_list!` above).
fn all_lists() -> [&'static [&'static str]; 29] {
    [
        STOPWORD,
        CONTEXT_OPENER,
        HONORIFIC,
        ROLE_WORD,
        NOT_ENTITY,
        MONTH,
        WEEKDAY,
        TITLE_ABBREVIATION,
        TRAILING_ABBREVIATION,
        PLACE,
        SPEAKER_PRONOUN,
        VERB_HELPER,
        &[], // bit 12: reporting verbs, generated from their lemmas
        &[], // bit 13: core reporting verbs
        ORGANISATION_WORDS,
        PLACE_OPENERS,
        PARTICLES,
        NUMBER_WORDS,
        PERSONAL_WORDS,
        ABSOLUTE_WORDS,
        CONTRAST_WORDS,
        VIVID_WORDS,
        // The label vocabularies live with the labeller; their lookups go through here.
        super::fact_label::AUX,
        super::fact_label::UP,
        super::fact_label::DOWN,
        super::fact_label::APPROXIMATORS,
        super::fact_label::DEAL_NOUNS,
        super::fact_label::MONEY_NOUNS,
        super::fact_label::VERBS,
    ]
}

/// Lemmas of the reporting verbs; their inflections are generated once.
const REPORTING_LEMMAS: &[&str] = &[
    "say",
    "tell",
    "add",
    "note",
    "argue",
    "claim",
    "warn",
    "explain",
    "insist",
    "admit",
    "announce",
    "write",
    "tweet",
    "ask",
    "reply",
    "suggest",
    "stress",
    "acknowledge",
    "continue",
    "recall",
    "remember",
    "conclude",
    "describe",
    "predict",
    "urge",
    "declare",
    "state",
    "comment",
    "remark",
    "observe",
    "confirm",
    "deny",
    "maintain",
    "contend",
    "assert",
    "complain",
    "concede",
    "emphasise",
    "emphasize",
    "reveal",
    "report",
    "answer",
    "respond",
    "shout",
    "whisper",
    "joke",
    "quip",
    "boast",
    "promise",
    "vow",
    "caution",
    "agree",
    "recount",
    "lament",
    "counter",
    "retort",
    "testify",
    "estimate",
    "post",
    "exclaim",
    "plead",
    "demand",
    "mention",
    "reflect",
    "speak",
    "cry",
    "muse",
    "scoff",
    "sigh",
    "snap",
    "advise",
    "allege",
    "concur",
    "hint",
    "indicate",
    "recommend",
    "pledge",
    "reiterate",
    "text",
    "email",
    "posit",
    "wonder",
    "boast",
    "threaten",
    "forecast",
    "brag",
    "chime",
    "grumble",
    "mutter",
    "proclaim",
    "rule",
    "signal",
    "tout",
    "welcome",
    "dismiss",
    "condemn",
    "criticise",
    "criticize",
    "praise",
    "hail",
    "accuse",
    "label",
    "mock",
    "blast",
    "slam",
];

/// Forms no rule makes.
const IRREGULAR_FORMS: &[&str] = &[
    "said",
    "told",
    "wrote",
    "written",
    "spoke",
    "spoken",
    "forecast",
    "according",
];

/// Verbs whose last consonant doubles before `-ed`/`-ing`.
const DOUBLING: &[&str] = &["admit", "quip", "concur", "snap", "brag", "regret"];

fn inflections(lemma: &str) -> [String; 4] {
    let ends_consonant_y = lemma.ends_with('y')
        && !lemma.ends_with("ay")
        && !lemma.ends_with("ey")
        && !lemma.ends_with("oy");
    let stem_y = lemma.strip_suffix('y').unwrap_or(lemma);
    let third = if ends_consonant_y {
        format!("{stem_y}ies")
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let double = DOUBLING.contains(&lemma);
    let last = lemma.chars().last().unwrap_or('x');
    let past = if ends_consonant_y {
        format!("{stem_y}ied")
    } else if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if double {
        format!("{lemma}{last}ed")
    } else {
        format!("{lemma}ed")
    };
    let gerund = if lemma.ends_with('e') && !lemma.ends_with("ee") {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else if double {
        format!("{lemma}{last}ing")
    } else {
        format!("{lemma}ing")
    };
    [lemma.to_string(), third, past, gerund]
}

/// The reporting verbs (bit `CORE_REPORTING`) that are hardly ever anything else (`said`, `told`, `added`,
/// `warned`, `explained` …, not `post`, `report` or `state`): an indirect `X said …` with
/// one of them names who the story is talking about.
const CORE_REPORTING: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "explain",
    "explains",
    "explained",
    "warn",
    "warns",
    "warned",
    "argue",
    "argues",
    "argued",
    "insist",
    "insists",
    "insisted",
    "admit",
    "admits",
    "admitted",
    "write",
    "writes",
    "wrote",
    "note",
    "notes",
    "noted",
    "claim",
    "claims",
    "claimed",
    "reply",
    "replies",
    "replied",
    "ask",
    "asks",
    "asked",
    "recall",
    "recalls",
    "recalled",
    "testify",
    "testified",
    "confirm",
    "confirms",
    "confirmed",
    "deny",
    "denies",
    "denied",
    "announce",
    "announced",
    "urge",
    "urged",
    "urges",
    "predict",
    "predicted",
    "acknowledge",
    "acknowledged",
    "stress",
    "stressed",
    "complain",
    "complained",
    "concede",
    "conceded",
    "suggest",
    "suggested",
    "suggests",
    "describe",
    "described",
    "describes",
    "dismissed",
    "dismisses",
    "accused",
    "praised",
    "cautioned",
    "believes",
    "believed",
    "thinks",
    "thought",
    "remembers",
    "remembered",
    "recounted",
    "recounts",
];

/// `said`, `says`, `saying`, `told`, `added`, `warns` … (about 100 lemmas, all forms).
pub(super) fn is_reporting_verb(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic()) && classes(word) & bit::REPORTING != 0
}

/// Month number (1–12) of a month name or abbreviation.
pub(super) fn month_number(word: &str) -> Option<u32> {
    let mut buf = [0u8; 48];
    let key = lower_key(word.trim_end_matches('.'), &mut buf)?;
    let prefix = key.get(..3)?;
    let n = match prefix {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    is_month(key).then_some(n)
}

/// Case-insensitive equality with an ASCII word, curly apostrophes folded.
#[inline(always)]
pub(super) fn is(word: &str, lower: &str) -> bool {
    // Most words asked about differ in length from the one asked for: answered here,
    // without a call.
    (word.len() == lower.len() || word.len() >= lower.len() + 2)
        && may_start_alike(word, lower)
        && is_spelled(word, lower)
}

/// Whether `word` can still be `lower` by its first byte: a letter must be the same
/// letter in either case, since [`lower_key`] folds no non-ASCII character to a letter
/// (only to `'` and `-`). Any other first byte is left to [`is_spelled`]. Most words
/// asked about a list of words fail here, without a call.
#[inline(always)]
fn may_start_alike(word: &str, lower: &str) -> bool {
    match (word.as_bytes().first(), lower.as_bytes().first()) {
        (Some(w), Some(l)) if l.is_ascii_alphabetic() => w.eq_ignore_ascii_case(l),
        _ => true,
    }
}

/// [`is`] once the lengths allow a match.
#[inline(never)]
fn is_spelled(word: &str, lower: &str) -> bool {
    if word.len() == lower.len() {
        // A non-ASCII byte matches nothing in `lower`, and folding one shortens the word.
        return word.eq_ignore_ascii_case(lower);
    }
    // Each folded character (`’`, a Unicode hyphen) is two bytes shorter as its key.
    if word.len() < lower.len() + 2 || word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 48];
    lower_key(word, &mut buf).is_some_and(|k| k == lower)
}

/// Byte index of the first hyphen (`-`, or the Unicode hyphens U+2010 and U+2011, E2 80
/// 90 and E2 80 91) in `word`, found byte by byte without decoding chars.
pub(super) fn find_hyphen(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    b.iter().enumerate().find_map(|(i, &c)| {
        let unicode =
            c == 0xE2 && b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x90 | 0x91));
        (c == b'-' || unicode).then_some(i)
    })
}

/// `Altman’s` → `Altman`; other words unchanged.
pub(super) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix("’"))
        .unwrap_or(word)
}

pub(super) fn is_possessive(word: &str) -> bool {
    strip_possessive(word).len() != word.len()
}

pub(super) fn starts_upper(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

pub(super) fn starts_lower(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
        _ => word.chars().next().is_some_and(char::is_lowercase),
    }
}

/// `AWS`, `NVIDIA`: two or more letters, all capitals.
pub(super) fn is_acronym(word: &str) -> bool {
    if word.is_ascii() {
        // One pass, no case tables; most words fail at their second letter.
        let mut letters = 0;
        for &c in word.as_bytes() {
            if c.is_ascii_uppercase() {
                letters += 1;
            } else if c != b'&' && c != b'.' {
                return false;
            }
        }
        return letters >= 2;
    }
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '&' || c == '.')
}

/// `GPUs`, `CPUs`: an acronym in the plural (a thing, not an organisation).
pub(super) fn is_plural_acronym(word: &str) -> bool {
    word.strip_suffix('s').is_some_and(is_acronym)
}

/// `OpenAI`, `ChatGPT`, `UltraServers`: a capital after a lower-case letter.
pub(super) fn is_camel_case(word: &str) -> bool {
    let mut seen_lower = false;
    for c in word.chars() {
        if c.is_lowercase() {
            seen_lower = true;
        } else if c.is_uppercase() && seen_lower {
            return true;
        }
    }
    false
}

/// Of an ASCII word of 1 to 16 bytes, which bytes are upper-case and which lower-case
/// letters: the high bit of byte `k`'s place in each mask (byte `k` of the word in bits
/// `8k..8k + 8`, as [`packed_key`] lays it out). `None` for any other word. Each test is
/// an add across the whole word, as in `ascii_alnum_run_end`, instead of a byte loop.
#[inline]
pub(super) fn ascii_cases(word: &str) -> Option<(u128, u128)> {
    let b = word.as_bytes();
    let n = b.len();
    if n == 0 || n > 16 {
        return None;
    }
    let x = if n <= 8 {
        u128::from(pack_short(b))
    } else {
        // Two eight-byte loads, the second ending at the word's end.
        u128::from(pack_short(&b[..8])) | (u128::from(pack_short(&b[n - 8..])) << (8 * (n - 8)))
    };
    const fn splat(b: u8) -> u128 {
        u128::from_le_bytes([b; 16])
    }
    const HIGH: u128 = splat(0x80);
    if x & HIGH != 0 {
        return None;
    }
    // Seven bits a byte: no sum carries into the next byte. Bytes past the word are
    // zero, neither case.
    let upper = (x + splat(0x80 - b'A')) & !(x + splat(0x7f - b'Z')) & HIGH;
    let lower = (x + splat(0x80 - b'a')) & !(x + splat(0x7f - b'z')) & HIGH;
    Some((upper, lower))
}

/// `OpenAI`, `ChatGPT`, `HomeNest`: camel case that marks a brand, not a name like
/// `McLeod`, `MacDonald` or `DeShawn`.
pub(super) fn is_camel_case_brand(word: &str) -> bool {
    const NAME_PREFIXES: &[&str] = &["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Fitz", "Van"];
    // A capital straight after a lower-case letter (`Osei-Bonsu` and `O'Brien` have a
    // mark between).
    let mut prev_lower = false;
    let mut camel = false;
    if let Some((upper, lower)) = ascii_cases(word) {
        // A lower-case byte's bit moved on one byte meets a capital after it.
        camel = (lower << 8) & upper != 0;
    } else if word.is_ascii() {
        // The same walk without Unicode's case tables.
        for c in word.bytes() {
            camel |= prev_lower && c.is_ascii_uppercase();
            prev_lower = c.is_ascii_lowercase();
        }
    } else {
        for c in word.chars() {
            camel |= prev_lower && c.is_uppercase();
            prev_lower = c.is_lowercase();
        }
    }
    camel && !NAME_PREFIXES.iter().any(|p| word.starts_with(p))
}

/// A word capitalised only because it opens a sentence, never the start of a name:
/// `Signing OpenAI …`, `Yesterday Acme …`, `The …`.
pub(super) fn is_ordinary_opener(word: &str) -> bool {
    let mut buf = [0u8; 48];
    let Some(lower) = lower_key(word, &mut buf) else {
        return false;
    };
    lower.ends_with("ing")
        || lower.ends_with("ed")
        || lower.ends_with("ly")
        || is_stopword(word)
        || matches!(
            lower,
            "yesterday"
                | "today"
                | "tonight"
                | "tomorrow"
                | "last"
                | "next"
                | "this"
                | "asked"
                | "speaking"
                | "meanwhile"
                | "elsewhere"
                | "separately"
                | "earlier"
                | "later"
        )
}

/// `Altman`, `Garman`: a capital then only lower-case letters (a plain name word).
pub(super) fn is_titlecase(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(|c| c.is_lowercase() || matches!(c, '-' | '\u{2011}' | '\'' | '’'))
}

pub(super) fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// Upper-cases the first character (labels read `Deal value`, not `deal value`).
pub(super) fn capitalise(text: &str) -> String {
    if text.as_bytes().first().is_some_and(u8::is_ascii) {
        // An ASCII first letter upper-cases to one byte: no case tables, one allocation.
        let mut out = text.to_string();
        out[..1].make_ascii_uppercase();
        return out;
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Largest char boundary of `text` not after `i`.
pub(super) fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(super) fn is_opening_mark(c: char) -> bool {
    matches!(c, '“' | '‘' | '"' | '\'' | '(' | '[' | '«' | '„')
}

pub(super) fn is_closing_mark(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | ')' | ']' | '»')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        Tokens::new(text).map(|t| t.text(text)).collect()
    }

    #[test]
    fn tokens_join_inside_words_only() {
        assert_eq!(
            words("OpenAI’s $1.13bn cloud‑AI deal, 500,000 chips—until U.S. e.g., OpenAI,arguably"),
            vec![
                "OpenAI’s",
                "1.13bn",
                "cloud‑AI",
                "deal",
                "500,000",
                "chips",
                "until",
                "U.S",
                "e.g",
                "OpenAI",
                "arguably"
            ]
        );
        assert_eq!(words("“Hi!” 😀 — ‘x’"), vec!["Hi", "x"]);
    }

    #[test]
    fn word_hashes_are_the_copied_tails_hashes() {
        use std::hash::Hasher;
        // The hasher as it was: the tail copied into a zeroed buffer.
        fn copied(bytes: &[u8]) -> u64 {
            let mut h = WordHasher::default();
            let mut chunks = bytes.chunks_exact(8);
            for chunk in &mut chunks {
                let mut buf = [0u8; 8];
                buf.copy_from_slice(chunk);
                h.add(u64::from_le_bytes(buf));
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                let mut buf = [0u8; 8];
                buf[..rest.len()].copy_from_slice(rest);
                h.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59));
            }
            h.finish()
        }
        let text = "Sam Altman’s OpenAI\0 and 9,500 £1.2bn ÉCOLE \u{a0}x";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for end in start..=bytes.len() {
                let mut h = WordHasher::default();
                h.write(&bytes[start..end]);
                assert_eq!(h.finish(), copied(&bytes[start..end]), "{start}..{end}");
            }
        }
    }

    #[test]
    fn case_masks_agree_with_byte_loops() {
        // The byte loops the masks replaced.
        fn camel_loop(word: &str) -> bool {
            let mut prev_lower = false;
            let mut camel = false;
            for c in word.chars() {
                camel |= prev_lower && c.is_uppercase();
                prev_lower = c.is_lowercase();
            }
            camel
                && !["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Fitz", "Van"]
                    .iter()
                    .any(|p| word.starts_with(p))
        }
        const PIECES: [&str; 16] = [
            "a", "Z", "b", "Q", "m", "@", "[", "`", "{", "-", "'", "9", "é", "É", ".", "&",
        ];
        let texts =
            crate::editorial::text::texts_of_pieces(&PIECES, 20000, 20, 0x5DEE_CE66_D1CE_4E5B);
        for w in texts
            .iter()
            .map(String::as_str)
            .chain(["McLeod", "OpenAI", "DeShawn", "iPhone"])
        {
            assert_eq!(is_camel_case_brand(w), camel_loop(w), "{w:?}");
            if let Some((upper, lower)) = ascii_cases(w) {
                for (k, c) in w.bytes().enumerate() {
                    let bit = 1u128 << (8 * k + 7);
                    assert_eq!(upper & bit != 0, c.is_ascii_uppercase(), "{w:?}");
                    assert_eq!(lower & bit != 0, c.is_ascii_lowercase(), "{w:?}");
                }
                let past = |m: u128| m.checked_shr(8 * w.len() as u32).unwrap_or(0);
                assert!(past(upper) == 0 && past(lower) == 0, "{w:?}");
            } else {
                assert!(w.is_empty() || w.len() > 16 || !w.is_ascii(), "{w:?}");
            }
        }
    }

    #[test]
    fn one_space_then_a_letter_starts_a_word_as_the_gap_loop_says() {
        const PIECES: [&str; 14] = [
            " ", "  ", "a", "Z", "9", ".", "!", "“", "é", "É", "\n", "-", "'", "…",
        ];
        for text in
            crate::editorial::text::texts_of_pieces(&PIECES, 5000, 20, 0x9E37_79B9_7F4A_7C15)
        {
            let b = text.as_bytes();
            for pos in (0..=b.len()).filter(|&p| text.is_char_boundary(p)) {
                let (Some(b' '), Some(&c)) = (b.get(pos), b.get(pos + 1)) else {
                    continue;
                };
                if c.is_ascii_alphanumeric() {
                    assert_eq!(
                        word_start(&text, pos),
                        Some((pos + 1, false, shape::SPACE_BEFORE | first_byte_shape(c))),
                        "{text:?} at {pos}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_context_opener_bit_is_its_list() {
        for w in CONTEXT_OPENER {
            assert!(is_context_opener(w), "{w}");
        }
        for w in ["It", "it’s", "This", "But", "The", "Said", "no", "x"] {
            assert_eq!(
                is_context_opener(w),
                classes(w) & bit::CONTEXT_OPENER != 0,
                "{w}"
            );
        }
    }

    #[test]
    fn table_entries_are_the_linear_merge_of_the_lists() {
        // The reference: each word's key searched for along the entries so far.
        let mut simple: Vec<(u128, u32)> = Vec::new();
        listed_words(|word, bits| {
            if let Some(key) = packed_key(word) {
                match simple.iter_mut().find(|e| e.0 == key) {
                    Some(e) => e.1 |= bits,
                    None => simple.push((key, bits)),
                }
            }
        });
        assert!(simple.len() > 1000);
        assert_eq!(table_entries(), simple);
    }

    #[test]
    fn words_read_in_place_are_on_the_lists_classes_says() {
        // `classes_at` no longer rules out a word starting with a digit before the
        // look-up: every word, digits first or not, gets what `classes` gives.
        const PIECES: [&str; 16] = [
            "9", "1", "a", "m", "said", "the", "Mr", "-", "'", ".", ",", "&", "s", " ", "e", "am",
        ];
        let table = word_table();
        for text in
            crate::editorial::text::texts_of_pieces(&PIECES, 20000, 12, 0x5DEE_CE66_D1CE_4E5B)
        {
            for tok in Tokens::new(&text) {
                let word = tok.text(&text);
                assert_eq!(
                    table.classes_at(&text, tok),
                    classes(word),
                    "{word:?} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn alnum_runs_end_at_the_first_other_byte() {
        for text in [
            "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!",
            "word",
            "",
            "@[`{/:",
            "Zz9aA0q\u{e9}tail",
            "abcdefgh ijklmnop",
        ] {
            let bytes = text.as_bytes();
            for start in 0..bytes.len() {
                let run: Vec<u8> = bytes[start..]
                    .iter()
                    .copied()
                    .take_while(u8::is_ascii_alphanumeric)
                    .collect();
                let slow = (start + run.len(), run.iter().any(u8::is_ascii_digit));
                assert_eq!(
                    ascii_alnum_run_end(bytes, start),
                    slow,
                    "{text:?} at {start}"
                );
            }
        }
        for b in 0..=255u8 {
            let mut bytes = [b'a'; 9];
            bytes[3] = b;
            let want = if b.is_ascii_alphanumeric() {
                (9, b.is_ascii_digit())
            } else {
                (3, false)
            };
            assert_eq!(ascii_alnum_run_end(&bytes, 0), want, "byte {b:#x}");
        }
    }

    #[test]
    fn reporting_verbs_have_their_inflections() {
        for w in [
            "said",
            "Says",
            "told",
            "added",
            "warns",
            "admitted",
            "replied",
            "tweeting",
            "wrote",
            "argued",
            "explained",
        ] {
            assert!(is_reporting_verb(w), "{w}");
        }
        assert!(!is_reporting_verb("interpreted"));
        assert!(
            !is_reporting_verb("called"),
            "`called` names things far more than it reports"
        );
    }

    #[test]
    fn packed_keys_hold_every_byte_in_place() {
        let text = "abcdefghijklmnopq";
        for start in 0..text.len() {
            for end in start + 1..=text.len().min(start + 16) {
                let word = &text[start..end];
                let slow = word
                    .bytes()
                    .enumerate()
                    .fold(0u128, |k, (n, b)| k | u128::from(b | 0x20) << (8 * n));
                assert_eq!(packed_key(word), Some(slow), "{word:?}");
            }
        }
        assert_eq!(packed_key(""), None);
        assert_eq!(packed_key("It’s"), packed_key("it's"));
    }

    #[test]
    fn number_word_max_is_the_longest_number_word() {
        assert_eq!(
            NUMBER_WORDS.iter().map(|w| w.len()).max(),
            Some(NUMBER_WORD_MAX)
        );
    }

    #[test]
    fn byte_scans_agree_with_char_scans() {
        for w in [
            "ChatGPT-style",
            "cloud‑AI",
            "x‐y",
            "no-hyphen",
            "plain",
            "—dash",
            "a–b",
            "",
            "-",
            "é-",
            "OpenAI",
            "McLeod",
            "ChatGPT",
            "éA",
            "DeShawn",
            "iPhone",
            "ÉcoleX",
            "NASA",
            "AT&T",
            "U.S.",
            "Nvidia",
            "ÉCOLE",
            "A",
            "AI",
            "ÀB",
            "GPUs",
        ] {
            assert_eq!(
                find_hyphen(w),
                w.find(['-', '\u{2011}', '\u{2010}']),
                "{w:?}"
            );
            let slow = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| c.is_uppercase() || c == '&' || c == '.');
            assert_eq!(is_acronym(w), slow, "{w:?}");
            let mut chars = w.chars().peekable();
            let mut camel = false;
            while let Some(c) = chars.next() {
                camel |= c.is_lowercase() && chars.peek().is_some_and(|n| n.is_uppercase());
            }
            let prefixed = ["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Fitz", "Van"]
                .iter()
                .any(|p| w.starts_with(p));
            assert_eq!(is_camel_case_brand(w), camel && !prefixed, "{w:?}");
        }
    }

    #[test]
    fn lookups_fold_case_and_apostrophes() {
        assert!(is_context_opener("It’s"));
        assert!(is_stopword("The"));
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Marching"), None);
        assert!(!is_stopword("naïve"));
    }
}
