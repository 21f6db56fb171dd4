//! Shared vocabulary of the desk: a word tokenizer over plain text and the word lists
//! (reporting verbs, honorifics, abbreviations, months, stop words …) that several
//! desk modules consult.
//!
//! It does not decide anything about a story: it only answers "is this word one of
//! those?" and "where are the words?". Every list is ASCII and lower case; lookups fold
//! case and turn curly apostrophes into straight ones, so `It’s` matches `it's`.

use std::collections::HashSet;
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
        let text = self.text;
        let bytes = text.as_bytes();
        // ASCII is the common case: look at bytes, and decode a char only above 0x7f.
        let mut i = self.pos;
        let start = loop {
            let b = *bytes.get(i)?;
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
            } else {
                let (c, len) = char_at(text, i);
                if c.is_alphanumeric() {
                    break i;
                }
                i += len;
            }
        };
        let mut end = start;
        while i < bytes.len() {
            let b = bytes[i];
            let (c, len) = if b < 0x80 {
                (b as char, 1)
            } else {
                char_at(text, i)
            };
            if b.is_ascii_alphanumeric() || (b >= 0x80 && c.is_alphanumeric()) {
                i += len;
                end = i;
                continue;
            }
            let prev_alnum = end == i;
            let joins = prev_alnum
                && match c {
                    '\'' | '’' | '-' | '\u{2011}' | '\u{2010}' | '&' | '.' => {
                        alnum_at(text, i + len)
                    }
                    ',' => {
                        bytes[i - 1].is_ascii_digit()
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    }
                    _ => false,
                };
            if !joins {
                break;
            }
            // Step over the joiner; a second joiner right after it ends the word.
            i += len;
        }
        self.pos = end;
        Some(Tok { start, end })
    }
}

fn alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(b) if *b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, i).0.is_alphanumeric(),
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

/// Lower-case ASCII key of a word for list lookups, written into `buf`; `None` when the
/// word has other non-ASCII letters (no list holds such words) or is too long.
pub(super) fn lower_key<'b>(word: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '’' | '‘' => b'\'',
            '\u{2011}' | '\u{2010}' => b'-',
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// FNV-1a: the word sets hold short ASCII keys, and SipHash showed in profiles.
#[derive(Default, Clone, Copy)]
pub(super) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(super) type FastSet<T> = HashSet<T, std::hash::BuildHasherDefault<Fnv>>;
pub(super) type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Longest word in any list; longer words are not looked up at all.
const MAX_LISTED: usize = 16;

/// Like [`lower_key`], as bytes (skips the UTF-8 check on the hot path).
fn lower_bytes<'b>(word: &str, buf: &'b mut [u8; 48]) -> Option<&'b [u8]> {
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '’' | '‘' => b'\'',
            '\u{2011}' | '\u{2010}' => b'-',
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    Some(&buf[..n])
}

macro_rules! word_list {
    ($(#[$doc:meta])* $name:ident, $list:ident, $bit:expr, $items:expr) => {
        const $list: &[&str] = $items;
        $(#[$doc])*
        pub(super) fn $name(word: &str) -> bool {
            classes(word) & (1 << $bit) != 0
        }
    };
}

/// Bits of [`classes`], one per list (the order of the `word_list!` calls).
pub(super) mod bit {
    pub const STOPWORD: u32 = 1 << 0;
    pub const HONORIFIC: u32 = 1 << 2;
    pub const ROLE: u32 = 1 << 3;
    pub const NOT_ENTITY: u32 = 1 << 4;
    pub const MONTH: u32 = 1 << 5;
    pub const WEEKDAY: u32 = 1 << 6;
}

/// Every list a word belongs to, as bits, from one lookup in one table: the desk asks
/// several lists about the same capitalised word, and one hash beats seven.
pub(super) fn classes(word: &str) -> u32 {
    static TABLE: OnceLock<FastMap<&'static [u8], u32>> = OnceLock::new();
    if word.len() > MAX_LISTED || word.is_empty() {
        return 0;
    }
    let table = TABLE.get_or_init(|| {
        let mut table: FastMap<&'static [u8], u32> = FastMap::default();
        for (bit, list) in all_lists().iter().enumerate() {
            for item in *list {
                *table.entry(item.as_bytes()).or_insert(0) |= 1 << bit;
            }
        }
        table
    });
    let mut buf = [0u8; 48];
    lower_bytes(word, &mut buf)
        .and_then(|k| table.get(k).copied())
        .unwrap_or(0)
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
    is_role_word, ROLE_WORD, 3,
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
        "mp", "mep", "chairs",
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
    is_title_abbreviation, TITLE_ABBREVIATION, 7,
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
    is_trailing_abbreviation, TRAILING_ABBREVIATION, 8,
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
    is_speaker_pronoun, SPEAKER_PRONOUN, 10,
    &["he", "she", "they"]
);

word_list!(
    /// Adverbs and auxiliaries that may stand between a speaker and a reporting verb:
    /// `Altman later said`, `she has said`.
    is_verb_helper, VERB_HELPER, 11,
    &[
        "also", "later", "then", "once", "previously", "recently", "again", "has", "have",
        "had", "was", "is", "will", "would", "earlier", "further", "simply", "only",
        "just", "separately", "repeatedly", "publicly", "privately", "quickly",
        "bluntly", "flatly", "firmly", "openly", "reportedly", "subsequently",
    ]
);

/// The lists in bit order (the order of their `word_list!` above).
fn all_lists() -> [&'static [&'static str]; 12] {
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
    "conclude",
    "describe",
    "predict",
    "urge",
    "call",
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

/// `said`, `says`, `saying`, `told`, `added`, `warns` … (about 100 lemmas, all forms).
pub(super) fn is_reporting_verb(word: &str) -> bool {
    static FORMS: OnceLock<FastSet<Vec<u8>>> = OnceLock::new();
    if word.len() > MAX_LISTED || !word.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    let forms = FORMS.get_or_init(|| {
        let mut set: FastSet<Vec<u8>> = REPORTING_LEMMAS
            .iter()
            .flat_map(|l| inflections(l))
            .map(String::into_bytes)
            .collect();
        set.extend(IRREGULAR_FORMS.iter().map(|s| s.as_bytes().to_vec()));
        set
    });
    let mut buf = [0u8; 48];
    lower_bytes(word, &mut buf).is_some_and(|k| forms.contains(k))
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
pub(super) fn is(word: &str, lower: &str) -> bool {
    let mut buf = [0u8; 48];
    lower_key(word, &mut buf).is_some_and(|k| k == lower)
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
    word.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// `AWS`, `NVIDIA`: two or more letters, all capitals.
pub(super) fn is_acronym(word: &str) -> bool {
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

/// Smallest char boundary of `text` not before `i`.
pub(super) fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
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
    fn reporting_verbs_have_their_inflections() {
        for w in [
            "said", "Says", "told", "added", "warns", "admitted", "replied", "tweeting", "wrote",
            "called",
        ] {
            assert!(is_reporting_verb(w), "{w}");
        }
        assert!(!is_reporting_verb("interpreted"));
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
