//! Story cards: the one-story summaries of the list pages (front, topic and edition
//! pages), rendered by gazette from the theme's `partials/story_card.html` and handed to
//! the list templates as each story's `card`, so a card that shows on many pages is
//! rendered once.
//!
//! A story sits in several topics, on a page of the front page's list and on its
//! edition's page. On a site of 10,000 stories that is about eight cards a story, and
//! rendering each where it showed took a third of a full build's cpu time. A card sees
//! only `s` (the story's summary), `lead_card`, `page.root` and `list_kind` (`index`,
//! `topic` or `edition`), so a story's card is the same wherever those are: it is
//! rendered once, kept, and let go when the last page that shows it has it. A card
//! template that never names `list_kind` gives the same card on every kind of list, and
//! one that only prints `{{ page.root }}` (as both built-in themes do) is rendered once
//! with a stand-in for the root, which each page's own root replaces (see
//! [`RootUse`]).
//!
//! What this does not do: choose which stories a page lists, or the order the pages are
//! rendered in ([`super::lists`]), or render the page around the cards
//! ([`super::render_page`]).

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};

use regex::Regex;
use tera::{Context, Map, Tera, Value};

use super::PageContext;

/// The theme's card partial. A theme without it has no cards; its list templates show
/// the stories their own way.
pub const CARD_TEMPLATE: &str = "partials/story_card.html";

/// The variable that tells a card which kind of list it is on.
const KIND_VARIABLE: &str = "list_kind";

/// tera's name for the whole context (`{{ __tera_context }}`): a card that prints it
/// sees the kind too.
const WHOLE_CONTEXT: &str = "__tera_context";

/// The cards one list page shows, by story: its lead (the page's `lead`, when it has
/// one) and the stories of its `stories` list, in that list's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardOrder {
    /// The page's `page.kind`: `index`, `topic` or `edition`.
    pub kind: &'static str,
    /// The page's `page.root`.
    pub root: String,
    pub lead: Option<usize>,
    pub stories: Vec<usize>,
}

/// How a card template uses `page.root`, the only part of `page` a card sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootUse {
    /// Only printed, as `{{ page.root }}`, in the card and every template it includes:
    /// a card made with a stand-in root gives any page's card by putting that page's
    /// root where the stand-in is. Roots (`../` repeated) need no escaping.
    PrintedOnly,
    /// Anything else (a test, a filter, a `set`, a template not found): each root gets
    /// its own card.
    Other,
}

impl RootUse {
    /// How the card template (whose text and whose includes' texts `source` gives by
    /// template name) uses `page.root`. Read from the template text, conservatively:
    /// every word `page` outside comments must be in `{{ page.root }}`, the card must
    /// not extend a template or print the whole context, nor catch printed text in a
    /// `filter` section, a `set … endset` block or a component's body (which could
    /// change the stand-in), and every include must name a template `source` has.
    pub fn of<'s>(source: impl Fn(&str) -> Option<&'s str>) -> RootUse {
        static PRINTED_ROOT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\{\{-?\s*page\.root\s*-?\}\}").expect("valid regex"));
        static PAGE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\bpage\b").expect("valid regex"));
        static BARRED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\bextends\b|__tera_context|\bimport\b|\bfilter\b|\bendset\b|\bcomponent\b")
                .expect("valid regex")
        });
        let Some(texts) = templates_reached(&[CARD_TEMPLATE], source) else {
            return RootUse::Other;
        };
        let only_printed = texts.iter().all(|text| {
            !BARRED.is_match(text) && !PAGE.is_match(&PRINTED_ROOT.replace_all(text, ""))
        });
        if only_printed {
            RootUse::PrintedOnly
        } else {
            RootUse::Other
        }
    }
}

/// The text, comments taken out, of the templates `first` names and of every template
/// they include or extend, as `source` gives them by name; `None` when one is missing
/// or an `include` or `extends` names no template in quotes.
fn templates_reached<'s>(
    first: &[&str],
    source: impl Fn(&str) -> Option<&'s str>,
) -> Option<Vec<String>> {
    static COMMENT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)\{#.*?#\}").expect("valid regex"));
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\b(?:include|extends)\s+(?:"([^"]*)"|'([^']*)'|`([^`]*)`)?"#)
            .expect("valid regex")
    });
    let mut to_read: Vec<String> = first.iter().map(|name| (*name).to_string()).collect();
    let mut read: Vec<String> = Vec::new();
    let mut texts = Vec::new();
    while let Some(name) = to_read.pop() {
        if read.contains(&name) {
            continue;
        }
        let text = COMMENT.replace_all(source(&name)?, "").into_owned();
        for named in NAMED.captures_iter(&text) {
            to_read.push(named.iter().skip(1).flatten().next()?.as_str().to_string());
        }
        texts.push(text);
        read.push(name);
    }
    Some(texts)
}

/// How the list templates use the stories they list (`lead` and `stories`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListUse {
    /// Only their cards: each listed story is `lead.card` or `X.card` in a
    /// `{% for X in stories %}` loop, and otherwise only tested (`{% if stories %}`,
    /// `{% elif not lead %}`). A story can then be listed as its card alone, instead of
    /// a copy of its whole summary with the card added (a map of seventeen fields, about
    /// 3.5% of a 10,000-story build).
    CardsOnly,
    /// Anything else: each listed story is its whole summary with its card.
    Whole,
}

/// The templates whose pages list stories with cards (see `lists`).
const LIST_TEMPLATES: [&str; 3] = ["index.html", "topic.html", "edition.html"];

impl ListUse {
    /// How the list templates, the templates they extend and everything they include use
    /// `lead` and `stories`, read from their text (whose `source` gives by name),
    /// conservatively: outside comments and quoted strings, every `stories` must be
    /// looped over or tested, every `lead` printed as `lead.card` or tested, and every
    /// loop variable over `stories` printed as `X.card`; nothing may print the whole
    /// context or import macros, and every `extends` and `include` must name a
    /// template `source` has. A list template the theme lacks is not read.
    pub fn of<'s>(source: impl Fn(&str) -> Option<&'s str>) -> ListUse {
        static CODE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}").expect("valid regex"));
        static QUOTED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r#""[^"]*"|'[^']*'|`[^`]*`"#).expect("valid regex"));
        static BARRED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"__tera_context|\bimport\b").expect("valid regex"));
        static LOOP: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\bfor\s+(\w+)\s+in\s+stories\b").expect("valid regex"));
        static TESTED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\b(?:if|elif)\s+(?:not\s+)?(?:stories|lead)\s*(?:-?%\})")
                .expect("valid regex")
        });
        static LEAD_CARD: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\blead\.card\b").expect("valid regex"));
        static LISTED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\b(?:stories|lead)\b").expect("valid regex"));

        let present: Vec<&str> = LIST_TEMPLATES
            .into_iter()
            .filter(|name| source(name).is_some())
            .collect();
        let Some(texts) = templates_reached(&present, source) else {
            return ListUse::Whole;
        };
        // Every piece of code, strings taken out.
        let mut code: Vec<String> = Vec::new();
        for piece in texts.iter().flat_map(|text| CODE.find_iter(text)) {
            let piece = piece.as_str();
            // A closing `}}` or `%}` inside a string would cut a piece short and leave
            // code unread: an odd count of some quote says so.
            if ['"', '\'', '`']
                .iter()
                .any(|q| piece.matches(*q).count() % 2 == 1)
            {
                return ListUse::Whole;
            }
            code.push(QUOTED.replace_all(piece, "\"\"").into_owned());
        }
        let mut loop_names: Vec<String> = Vec::new();
        for piece in &code {
            if BARRED.is_match(piece) {
                return ListUse::Whole;
            }
            loop_names.extend(LOOP.captures_iter(piece).map(|c| c[1].to_string()));
        }
        loop_names.sort_unstable();
        loop_names.dedup();
        let cards_of_loops: Vec<Regex> = loop_names
            .iter()
            .filter_map(|name| Regex::new(&format!(r"\b{name}\.card\b")).ok())
            .collect();
        let loop_words: Vec<Regex> = loop_names
            .iter()
            .filter_map(|name| Regex::new(&format!(r"\b{name}\b")).ok())
            .collect();
        if cards_of_loops.len() != loop_names.len() || loop_words.len() != loop_names.len() {
            return ListUse::Whole;
        }
        for piece in &code {
            let mut rest = LOOP.replace_all(piece, "").into_owned();
            rest = TESTED.replace_all(&rest, "").into_owned();
            rest = LEAD_CARD.replace_all(&rest, "").into_owned();
            for card in &cards_of_loops {
                rest = card.replace_all(&rest, "").into_owned();
            }
            if LISTED.is_match(&rest) || loop_words.iter().any(|word| word.is_match(&rest)) {
                return ListUse::Whole;
            }
        }
        ListUse::CardsOnly
    }
}

/// What a story's card depends on besides the story.
#[derive(Debug, Clone)]
struct CardKey {
    root: String,
    lead: bool,
    /// The list's kind, when the card template names it.
    kind: Option<&'static str>,
}

impl CardKey {
    fn of(order: &CardOrder, lead: bool, kind_matters: bool) -> CardKey {
        CardKey {
            root: order.root.clone(),
            lead,
            kind: kind_matters.then_some(order.kind),
        }
    }

    /// Whether this is the key of `order`'s card (its lead's, when `lead`), compared in
    /// place: a page asks for its cards without making keys.
    fn is_for(&self, order: &CardOrder, lead: bool, kind_matters: bool) -> bool {
        self.lead == lead
            && self.root == order.root
            && self.kind == kind_matters.then_some(order.kind)
    }
}

/// Renders the cards of a set of list pages, and keeps the ones that show again until
/// their last page has them.
pub struct CardTable<'t> {
    tera: &'t Tera,
    has_cards: bool,
    kind_matters: bool,
    /// What a card is rendered with as `page.root` when the root is only printed (see
    /// [`RootUse::PrintedOnly`]).
    stand_in: Option<String>,
    /// For each story, its cards.
    kept: Vec<Mutex<StoryCards>>,
    /// Whether a listed story is its card alone (see [`ListUse`]).
    cards_only: bool,
    /// How many more summaries with their cards may be kept (see [`CARDED_ROOM`]).
    carded_room: AtomicUsize,
}

/// What a table keeps of one story: its cards by key and, when the root is only
/// printed, its blank cards (one per key but the root).
#[derive(Default)]
struct StoryCards {
    keys: Vec<Kept>,
    blanks: Vec<KeptBlank>,
}

/// A story's card for one key, and how many pages are still to show it.
struct Kept {
    key: CardKey,
    card: Option<KeptCard>,
    uses_left: usize,
}

/// A card kept for the pages still to show it.
enum KeptCard {
    /// The card alone: each page copies the story's summary to add it.
    Card(Value),
    /// The story's summary with the card added, which a page takes as it is. Each holds
    /// one place of the table's [`CARDED_ROOM`].
    Carded(Value),
}

/// A story's blank card for the keys that differ only in their root (the first such
/// key stands for them all), and how many pages at any root are still to show it.
struct KeptBlank {
    lead: bool,
    /// The list's kind, when the card template names it.
    kind: Option<&'static str>,
    blank: Option<BlankCard>,
    /// How many pages show it, and how many of them have had it.
    uses: u32,
    used: u32,
    /// The place (in the table's orders) of the last page counted that shows it.
    last_place: u32,
    /// Bit `i`: whether the page after the `i`th to show the card comes soon enough
    /// (see [`BLANK_GAP`]) for the blank to be kept until then.
    keep_after: u64,
}

impl KeptBlank {
    /// Whether this is the blank of `order`'s card (its lead's, when `lead`).
    fn is_for(&self, order: &CardOrder, lead: bool, kind_matters: bool) -> bool {
        self.lead == lead && self.kind == kind_matters.then_some(order.kind)
    }

    /// Counts one more page, at `place`, that will show the card.
    fn counted(&mut self, place: u32) {
        if place.saturating_sub(self.last_place) <= BLANK_GAP {
            // The page before this one is the `uses`th (counted from 1).
            self.keep_after |= 1u64.checked_shl(self.uses - 1).unwrap_or(0);
        }
        self.uses += 1;
        self.last_place = place;
    }

    fn uses_left(&self) -> u32 {
        self.uses.saturating_sub(self.used)
    }

    /// Counts one page that showed the card, and lets the blank go unless the next page
    /// to show it comes soon.
    fn used(&mut self) {
        let next_soon = self
            .keep_after
            .checked_shr(self.used)
            .is_some_and(|after| after & 1 == 1);
        self.used += 1;
        if self.uses_left() == 0 || !next_soon {
            self.blank = None;
        }
    }
}

/// A card that moves to any root: rendered once with a stand-in for the root, it is
/// kept as the last page to show it had it, with that page's root and where the root
/// stands in it (byte offsets, in order). Pages at the same root share the card itself.
struct BlankCard {
    card: Value,
    root: Box<str>,
    roots_at: Box<[usize]>,
}

impl BlankCard {
    /// The card `rendered` with `stand_in` as its root, moved to `root`.
    fn new(rendered: &str, stand_in: &str, root: &str) -> BlankCard {
        let mut card = String::with_capacity(rendered.len());
        let mut roots_at = Vec::new();
        let mut from = 0;
        for at in memchr::memmem::find_iter(rendered.as_bytes(), stand_in) {
            card.push_str(&rendered[from..at]);
            roots_at.push(card.len());
            card.push_str(root);
            from = at + stand_in.len();
        }
        card.push_str(&rendered[from..]);
        BlankCard {
            card: Value::safe_string(&card),
            root: root.into(),
            roots_at: roots_at.into_boxed_slice(),
        }
    }

    /// The card as a page at `root` shows it (kept as the one to share next).
    fn card_for(&mut self, root: &str) -> Value {
        if *self.root != *root {
            let old = self.card.as_str().unwrap_or_default();
            let mut card = String::with_capacity(
                old.len() + self.roots_at.len() * root.len()
                    - self.roots_at.len() * self.root.len(),
            );
            let mut from = 0;
            for at in self.roots_at.iter_mut() {
                card.push_str(&old[from..*at]);
                from = *at + self.root.len();
                *at = card.len();
                card.push_str(root);
            }
            card.push_str(&old[from..]);
            self.card = Value::safe_string(&card);
            self.root = root.into();
        }
        self.card.clone()
    }
}

/// A stand-in for `page.root` that no text of a card holds: a NUL (which no seed's
/// text has) and a number drawn afresh for each table (which no other text can guess).
/// It never reaches a page, so pages stay the same from build to build.
fn stand_in_root() -> String {
    let drawn = std::hash::RandomState::new().build_hasher().finish();
    format!("\0gazette-root-{drawn:016x}\0")
}

/// How many summaries with their cards a table keeps at once. A page that lists a story
/// gets its summary with `card` added, a new map of seventeen fields (about 5,400
/// instructions to make). Keeping the map with the card saves that, but a card is kept
/// from its first page to its last, and about one story in two has one kept at once in
/// the render's order (1,650 at 3,000 stories: kept without a bound, they raised the
/// peak by 4.8 MiB there, and more with the site). Past this many, a page adds the card
/// to a copy of the summary. Kept blank cards (see [`BLANK_GAP`]) save eight times more
/// for each byte held, so the room went to them: 256 here and a gap of 1,024 raised the
/// peak at 10,000 stories by about 1 MiB; 64 and 1,024 left it where it was.
const CARDED_ROOM: usize = 64;

/// How far apart (in pages, in the order the table was given them) two pages showing
/// a story's card may be for its blank card to be kept from the one to the other. The
/// render goes through the list pages in about that order, so a blank card is held
/// while no more than this many pages render, and no more blanks are held at once than
/// the cards of that many pages. Between pages farther apart (page 1 of a small topic
/// lists stories from all over the digest) the blank is let go and made again. Kept
/// from each story's first page to its last instead, 3,378 blanks were held at once at
/// 10,000 stories (median span 454 of 4,184 pages), and the peak grew by about 2 MiB.
/// At 3,000 stories, 1,024 renders 3,339 cards (256: 4,765; one a root: 6,287).
const BLANK_GAP: u32 = 1024;

impl<'t> CardTable<'t> {
    /// A table for the pages whose orders are `orders`: each card is let go once the
    /// last of them has it, so the table holds only the cards between their first and
    /// last page (the callers render pages in [`super::lists::in_story_order`]).
    /// `root_use` tells how the card template uses the root ([`RootUse::of`], read once
    /// per theme by the callers).
    pub fn new<'o>(
        tera: &'t Tera,
        root_use: RootUse,
        stories: usize,
        orders: impl IntoIterator<Item = &'o CardOrder>,
    ) -> CardTable<'t> {
        let has_cards = tera.contains_template(CARD_TEMPLATE);
        let mut orders = orders.into_iter().filter(|_| has_cards).peekable();
        // Looked at only when some page shows cards, so a table for other pages (a live
        // session's story pages) costs nothing.
        let some_cards = orders.peek().is_some();
        let kind_matters = some_cards
            && tera
                .get_template_variables(CARD_TEMPLATE)
                .map_or(true, |names| {
                    names.contains(KIND_VARIABLE) || names.contains(WHOLE_CONTEXT)
                });
        let stand_in = (some_cards && root_use == RootUse::PrintedOnly).then(stand_in_root);
        let mut uses: Vec<StoryCards> = Vec::new();
        for (place, order) in orders.enumerate() {
            let place = u32::try_from(place).unwrap_or(u32::MAX);
            if uses.is_empty() {
                uses.resize_with(stories, StoryCards::default);
            }
            for (story, lead) in cards_of(order) {
                let Some(kept) = uses.get_mut(story) else {
                    continue;
                };
                match kept
                    .keys
                    .iter_mut()
                    .find(|k| k.key.is_for(order, lead, kind_matters))
                {
                    Some(k) => k.uses_left += 1,
                    None => kept.keys.push(Kept {
                        key: CardKey::of(order, lead, kind_matters),
                        card: None,
                        uses_left: 1,
                    }),
                }
                if stand_in.is_none() {
                    continue;
                }
                match kept
                    .blanks
                    .iter_mut()
                    .find(|b| b.is_for(order, lead, kind_matters))
                {
                    Some(b) => b.counted(place),
                    None => {
                        // Most stories have one (two when some page leads with them).
                        kept.blanks.reserve_exact(1);
                        kept.blanks.push(KeptBlank {
                            lead,
                            kind: kind_matters.then_some(order.kind),
                            blank: None,
                            uses: 1,
                            used: 0,
                            last_place: place,
                            keep_after: 0,
                        });
                    }
                }
            }
        }
        CardTable {
            tera,
            has_cards,
            kind_matters,
            stand_in,
            kept: uses.into_iter().map(Mutex::new).collect(),
            cards_only: false,
            carded_room: AtomicUsize::new(CARDED_ROOM),
        }
    }

    /// Lists each story as its card alone when the list templates use nothing else of
    /// it (`list_use`, from [`ListUse::of`]). Not for the contexts the theme guide
    /// documents, which show every field a theme may use.
    pub fn lean_when(mut self, list_use: ListUse) -> Self {
        self.cards_only = self.has_cards && list_use == ListUse::CardsOnly;
        self
    }

    /// Gives each story of `page`'s `lead` and `stories` its `card`, as its
    /// [`CardOrder`] asks; pages without one are left as they are.
    pub fn deal(&self, page: &mut PageContext) -> Result<(), tera::Error> {
        let Some(order) = page.cards.take().filter(|_| self.has_cards) else {
            return Ok(());
        };
        for (name, value) in &mut page.variables {
            match (*name, order.lead) {
                ("lead", Some(lead)) => *value = self.with_card(value, lead, true, &order)?,
                ("stories", _) => *value = self.list_with_cards(value, &order)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn list_with_cards(&self, list: &Value, order: &CardOrder) -> Result<Value, tera::Error> {
        let Some(summaries) = list.as_array() else {
            return Ok(list.clone());
        };
        let carded = summaries
            .iter()
            .zip(&order.stories)
            .map(|(summary, &story)| self.with_card(summary, story, false, order))
            .collect::<Result<Vec<Value>, tera::Error>>()?;
        Ok(Value::from(carded))
    }

    /// `summary` with its `card` added: the kept one, or one made now and kept for the
    /// pages still to show it. Made under the story's lock, so a card is rendered once;
    /// the other thread waits only when it wants the same story's card at that moment.
    fn with_card(
        &self,
        summary: &Value,
        story: usize,
        lead: bool,
        order: &CardOrder,
    ) -> Result<Value, tera::Error> {
        if summary.as_map().is_none() {
            return Ok(summary.clone());
        }
        let Some(kept) = self.kept.get(story) else {
            let card = self.render_card(summary, lead, order)?;
            return Ok(self.carded(summary, card));
        };
        let mut kept = crate::locked(kept);
        let StoryCards { keys, blanks } = &mut *kept;
        let blank = blanks
            .iter_mut()
            .find(|b| b.is_for(order, lead, self.kind_matters) && b.uses_left() > 0);
        let Some(entry) = keys
            .iter_mut()
            .find(|k| k.key.is_for(order, lead, self.kind_matters) && k.uses_left > 0)
        else {
            // A page nobody counted (or counted wrong): its card, not kept.
            let card = self.render_card(summary, lead, order)?;
            return Ok(self.carded(summary, card));
        };
        let has_blank = blank.is_some();
        let card = match entry.card.take() {
            Some(KeptCard::Carded(carded)) => {
                entry.uses_left -= 1;
                if entry.uses_left > 0 {
                    entry.card = Some(KeptCard::Carded(carded.clone()));
                } else {
                    self.carded_room.fetch_add(1, Ordering::Relaxed);
                }
                if let Some(blank) = blank {
                    blank.used();
                }
                return Ok(carded);
            }
            Some(KeptCard::Card(card)) => {
                if let Some(blank) = blank {
                    blank.used();
                }
                card
            }
            None => match (blank, &self.stand_in) {
                (Some(blank), Some(stand_in)) => {
                    self.card_from_blank(blank, summary, lead, order, stand_in)?
                }
                _ => self.render_card(summary, lead, order)?,
            },
        };
        entry.uses_left -= 1;
        let carded = self.carded(summary, card.clone());
        if entry.uses_left > 0 {
            entry.card = match self.take_carded_room() {
                true => Some(KeptCard::Carded(carded.clone())),
                // A blank card kept makes this one again for little: not kept twice.
                false if has_blank => None,
                false => Some(KeptCard::Card(card)),
            };
        }
        Ok(carded)
    }

    /// The card at `order`'s root from the story's blank card, made now if it is not
    /// kept, and kept for the pages still to show it.
    fn card_from_blank(
        &self,
        kept: &mut KeptBlank,
        summary: &Value,
        lead: bool,
        order: &CardOrder,
        stand_in: &str,
    ) -> Result<Value, tera::Error> {
        let card = match &mut kept.blank {
            Some(blank) => blank.card_for(&order.root),
            None => {
                let html = self.render_html(summary, lead, order, stand_in)?;
                let blank = BlankCard::new(&html, stand_in, &order.root);
                let card = blank.card.clone();
                kept.blank = Some(blank);
                card
            }
        };
        kept.used();
        Ok(card)
    }

    /// What a list shows of a story: its card alone when that is all the list templates
    /// use, else its summary with `card` added.
    fn carded(&self, summary: &Value, card: Value) -> Value {
        if self.cards_only {
            let mut alone = Map::default();
            alone.insert("card".into(), card);
            return Value::from(alone);
        }
        card_added(summary, card)
    }

    /// Takes a place of [`CARDED_ROOM`], if one is free.
    fn take_carded_room(&self) -> bool {
        self.carded_room
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |room| {
                room.checked_sub(1)
            })
            .is_ok()
    }

    fn render_card(
        &self,
        summary: &Value,
        lead: bool,
        order: &CardOrder,
    ) -> Result<Value, tera::Error> {
        let html = self.render_html(summary, lead, order, &order.root)?;
        Ok(Value::safe_string(&html))
    }

    /// The card of `summary` on `order`'s kind of list, with `root` as `page.root`.
    fn render_html(
        &self,
        summary: &Value,
        lead: bool,
        order: &CardOrder,
        root: &str,
    ) -> Result<String, tera::Error> {
        let mut page = Map::with_capacity(1);
        page.insert("root".into(), Value::from(root));
        let mut context = Context::new();
        context.insert_value("s", summary.clone());
        context.insert_value("page", Value::from(page));
        context.insert_value("lead_card", Value::from(lead));
        context.insert_value(KIND_VARIABLE, Value::from(order.kind));
        self.tera.render(CARD_TEMPLATE, &context)
    }
}

/// `summary` (a map) with `card` added.
fn card_added(summary: &Value, card: Value) -> Value {
    let Some(fields) = summary.as_map() else {
        return summary.clone();
    };
    let mut fields: Map = fields.clone();
    fields.insert("card".into(), card);
    Value::from(fields)
}

/// The cards an order asks for: (story, whether it is the page's lead).
fn cards_of(order: &CardOrder) -> impl Iterator<Item = (usize, bool)> + '_ {
    let listed = order.stories.iter().map(|&story| (story, false));
    order
        .lead
        .map(|lead| (lead, true))
        .into_iter()
        .chain(listed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test card: it shows what it saw.
    const CARD: &str =
        "[{{ s.headline }} {{ list_kind }} {{ page.root }}{% if lead_card %} lead{% endif %}]";

    fn tera() -> Tera {
        let mut tera = Tera::new();
        tera.add_raw_template(CARD_TEMPLATE, CARD)
            .expect("the test card compiles");
        tera
    }

    /// No template's text: every root gets its own card.
    fn no_source(_: &str) -> Option<&'static str> {
        None
    }

    /// The test card's text: its root is only printed.
    fn card_source(name: &str) -> Option<&'static str> {
        (name == CARD_TEMPLATE).then_some(CARD)
    }

    fn summary(headline: &str) -> Value {
        let mut fields = Map::new();
        fields.insert("headline".into(), Value::from(headline));
        Value::from(fields)
    }

    fn order(kind: &'static str, root: &str, lead: Option<usize>, stories: &[usize]) -> CardOrder {
        CardOrder {
            kind,
            root: root.to_string(),
            lead,
            stories: stories.to_vec(),
        }
    }

    fn page(order: &CardOrder, summaries: &[Value]) -> PageContext {
        let pick = |i: usize| summaries[i].clone();
        PageContext {
            template: "topic.html",
            path: "topics/x/index.html".to_string(),
            variables: vec![
                ("lead", Value::from(order.lead.map(pick))),
                (
                    "stories",
                    Value::from(order.stories.iter().map(|&i| pick(i)).collect::<Vec<_>>()),
                ),
                ("topic", summary("not a story")),
            ],
            cards: Some(order.clone()),
        }
    }

    fn cards_of(page: &PageContext, name: &str) -> Vec<String> {
        let value = page.variable(name).expect("variable");
        let cards = |v: &Value| {
            v.as_map()
                .and_then(|m| m.get(&"card".into()))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        match value.as_array() {
            Some(list) => list.iter().filter_map(cards).collect(),
            None => cards(value).into_iter().collect(),
        }
    }

    #[test]
    fn each_story_gets_the_card_of_its_page_and_the_lead_its_own() {
        let tera = tera();
        let summaries = [summary("A"), summary("B"), summary("C")];
        let front = order("index", "", Some(2), &[0, 1]);
        let table = CardTable::new(&tera, RootUse::Other, 3, [&front]);
        let mut dealt = page(&front, &summaries);
        table.deal(&mut dealt).expect("cards render");
        assert_eq!(cards_of(&dealt, "stories"), ["[A index ]", "[B index ]"]);
        assert_eq!(cards_of(&dealt, "lead"), ["[C index  lead]"]);
        assert!(
            cards_of(&dealt, "topic").is_empty(),
            "only lead and stories"
        );
        assert!(dealt.cards.is_none(), "an order is dealt once");
    }

    #[test]
    fn a_topic_card_is_kept_until_its_last_page_and_then_let_go() {
        let tera = tera();
        let summaries = [summary("A"), summary("B")];
        let first = order("topic", "../../", None, &[0, 1]);
        let second = order("topic", "../../", None, &[0]);
        let later = order("topic", "../../../../", None, &[0]);
        let table = CardTable::new(&tera, RootUse::Other, 2, [&first, &second, &later]);
        let kept_cards = |story: usize| {
            crate::locked(&table.kept[story])
                .keys
                .iter()
                .filter(|k| k.card.is_some())
                .count()
        };
        let mut one = page(&first, &summaries);
        table.deal(&mut one).expect("cards render");
        assert_eq!(
            cards_of(&one, "stories"),
            ["[A topic ../../]", "[B topic ../../]"]
        );
        assert_eq!(kept_cards(0), 1, "A shows on one more page at this depth");
        assert_eq!(kept_cards(1), 0, "B shows nowhere else");
        let mut two = page(&second, &summaries);
        table.deal(&mut two).expect("cards render");
        assert_eq!(cards_of(&two, "stories"), ["[A topic ../../]"]);
        assert_eq!(kept_cards(0), 0, "its last page at this depth had it");
        let mut three = page(&later, &summaries);
        table.deal(&mut three).expect("cards render");
        assert_eq!(cards_of(&three, "stories"), ["[A topic ../../../../]"]);
        // A page nobody counted still gets its cards.
        let mut uncounted = page(&later, &summaries);
        table.deal(&mut uncounted).expect("cards render");
        assert_eq!(cards_of(&uncounted, "stories"), ["[A topic ../../../../]"]);
    }

    #[test]
    fn summaries_kept_with_their_cards_or_without_give_the_same_pages() {
        let tera = tera();
        let summaries = [summary("A"), summary("B")];
        let orders = [
            order("topic", "../../", None, &[0, 1]),
            order("topic", "../../", None, &[1, 0]),
            order("topic", "../../", None, &[0]),
        ];
        let pages_with_room = |room: usize| {
            let table = CardTable::new(&tera, RootUse::Other, 2, &orders);
            table.carded_room.store(room, Ordering::Relaxed);
            let pages: Vec<Vec<String>> = orders
                .iter()
                .map(|order| {
                    let mut dealt = page(order, &summaries);
                    table.deal(&mut dealt).expect("cards render");
                    cards_of(&dealt, "stories")
                })
                .collect();
            let room_after = table.carded_room.load(Ordering::Relaxed);
            (pages, room_after)
        };
        let (with_room, room_after) = pages_with_room(CARDED_ROOM);
        assert_eq!(room_after, CARDED_ROOM, "every kept summary was let go");
        let (without_room, _) = pages_with_room(0);
        let (one_place, _) = pages_with_room(1);
        assert_eq!(with_room, without_room);
        assert_eq!(with_room, one_place);
        assert_eq!(with_room[1], ["[B topic ../../]", "[A topic ../../]"]);
    }

    #[test]
    fn a_theme_without_the_card_partial_gets_no_cards() {
        let tera = Tera::new();
        let summaries = [summary("A")];
        let front = order("index", "", None, &[0]);
        let table = CardTable::new(&tera, RootUse::Other, 1, [&front]);
        let mut dealt = page(&front, &summaries);
        table.deal(&mut dealt).expect("nothing to render");
        assert!(cards_of(&dealt, "stories").is_empty());
    }

    #[test]
    fn a_card_that_fails_to_render_is_an_error() {
        let mut tera = Tera::new();
        tera.add_raw_template(CARD_TEMPLATE, "{{ s.headline | no_such_filter }}")
            .expect_err("an unknown filter is caught when the card compiles");
        tera.add_raw_template(CARD_TEMPLATE, "{{ s.missing.deeper }}")
            .expect("compiles");
        let summaries = [summary("A")];
        let front = order("index", "", None, &[0]);
        let table = CardTable::new(&tera, RootUse::Other, 1, [&front]);
        assert!(table.deal(&mut page(&front, &summaries)).is_err());
    }

    #[test]
    fn a_card_that_never_names_the_list_kind_is_shared_by_every_kind_of_list() {
        let summaries = [summary("A")];
        let front = order("index", "../../", None, &[0]);
        let edition = order("edition", "../../", None, &[0]);
        let topic = order("topic", "../../", None, &[0]);
        let orders = [&front, &edition, &topic];
        let mut kind_free = Tera::new();
        kind_free
            .add_raw_template(CARD_TEMPLATE, "[{{ s.headline }} {{ page.root }}]")
            .expect("compiles");
        let shared = CardTable::new(&kind_free, RootUse::Other, 1, orders);
        assert_eq!(
            crate::locked(&shared.kept[0]).keys.len(),
            1,
            "one card for three pages"
        );
        let kind_named = tera();
        let apart = CardTable::new(&kind_named, RootUse::Other, 1, orders);
        assert_eq!(
            crate::locked(&apart.kept[0]).keys.len(),
            3,
            "one card per kind"
        );
        for (table, want) in [
            (&shared, ["[A ../../]"; 3]),
            (
                &apart,
                ["[A index ../../]", "[A edition ../../]", "[A topic ../../]"],
            ),
        ] {
            for (order, want) in orders.iter().zip(want) {
                let mut dealt = page(order, &summaries);
                table.deal(&mut dealt).expect("cards render");
                assert_eq!(cards_of(&dealt, "stories"), [want]);
            }
            assert!(
                crate::locked(&table.kept[0])
                    .keys
                    .iter()
                    .all(|k| k.card.is_none()),
                "every card let go after its last page"
            );
        }
    }

    #[test]
    fn a_card_that_only_prints_the_root_is_rendered_once_for_every_root() {
        let tera = tera();
        let summaries = [summary("A"), summary("B")];
        let orders = [
            order("index", "", Some(1), &[0]),
            order("topic", "../../", None, &[0, 1]),
            order("topic", "../../../../", None, &[1, 0]),
            order("topic", "../../", None, &[0]),
            order("index", "../../", None, &[0, 1]),
        ];
        let pages_with = |source: fn(&str) -> Option<&'static str>, room: usize| {
            let table = CardTable::new(&tera, RootUse::of(source), 2, &orders);
            table.carded_room.store(room, Ordering::Relaxed);
            let pages: Vec<(Vec<String>, Vec<String>)> = orders
                .iter()
                .map(|order| {
                    let mut dealt = page(order, &summaries);
                    table.deal(&mut dealt).expect("cards render");
                    (cards_of(&dealt, "stories"), cards_of(&dealt, "lead"))
                })
                .collect();
            let blanks_left: usize = table
                .kept
                .iter()
                .map(|kept| {
                    let kept = crate::locked(kept);
                    kept.blanks.iter().filter(|b| b.blank.is_some()).count()
                })
                .sum();
            (table.stand_in.is_some(), pages, blanks_left)
        };
        let (blank, with_blanks, blanks_left) = pages_with(card_source, CARDED_ROOM);
        assert!(blank, "the test card only prints the root");
        assert_eq!(blanks_left, 0, "every blank let go after its last page");
        let (blank, per_root, _) = pages_with(no_source, CARDED_ROOM);
        assert!(!blank);
        assert_eq!(with_blanks, per_root);
        assert_eq!(with_blanks, pages_with(card_source, 0).1);
        assert_eq!(with_blanks, pages_with(card_source, 1).1);
        assert_eq!(
            with_blanks[2].0,
            ["[B topic ../../../../]", "[A topic ../../../../]"]
        );
        assert_eq!(with_blanks[0].1, ["[B index  lead]"]);
    }

    #[test]
    fn a_blank_card_puts_the_root_wherever_the_stand_in_stood() {
        let stand_in = stand_in_root();
        for shape in ["", "x", "{}", "{}{}", "<a href=\"{}a\">{}</a>", "{}é{}"] {
            let rendered = shape.replace("{}", &stand_in);
            let mut blank = BlankCard::new(&rendered, &stand_in, "../../");
            assert_eq!(
                blank.card.as_str(),
                Some(shape.replace("{}", "../../").as_str())
            );
            for root in ["", "../", "../", "../../../../", ""] {
                let card = blank.card_for(root);
                assert_eq!(card.as_str(), Some(shape.replace("{}", root).as_str()));
            }
        }
        assert!(!stand_in_root().contains(['<', '>', '&', '"', '\'']));
    }

    #[test]
    fn only_a_root_printed_as_it_is_makes_a_card_shared_by_roots() {
        let of = |card: &'static str, partial: Option<&'static str>| {
            RootUse::of(|name| match name {
                CARD_TEMPLATE => Some(card),
                "partials/part.html" => partial,
                _ => None,
            })
        };
        let printed = [
            "{{ page.root }}{{ s.path }}",
            "{{- page.root -}} {#- a comment naming page.title and {% include \"nowhere\" %} -#}",
            "{% include \"partials/part.html\" %}",
            "no root at all",
        ];
        for card in printed {
            assert_eq!(
                of(card, Some("{{page.root}}")),
                RootUse::PrintedOnly,
                "{card}"
            );
        }
        let other = [
            "{% if page.root %}deep{% endif %}",
            "{{ page.root | upper }}",
            "{{ page.title }}",
            "{% set p = page %}{{ p.root }}",
            "{% for page in s.topics %}{{ page.root }}{% endfor %}",
            "{{ __tera_context }}",
            "{% extends \"base.html\" %}",
            "{% include \"partials/missing.html\" %}",
            "{% filter upper %}{{ page.root }}{% endfilter %}",
            "{% set link %}{{ page.root }}{% endset %}{{ link | upper }}",
            "{% include \"partials/part.html\" %}",
        ];
        for card in other {
            assert_eq!(
                of(card, Some("{{ page.root ~ \"x\" }}")),
                RootUse::Other,
                "{card}"
            );
        }
    }

    /// Both built-in themes' cards only print the root, and their lists only print cards.
    #[test]
    fn the_built_in_themes_get_blank_cards_and_cards_alone() {
        for theme in ["broadsheet", "wire"] {
            let read = |name: &str| {
                let path = format!(
                    "{}/themes/{theme}/templates/{name}",
                    env!("CARGO_MANIFEST_DIR")
                );
                std::fs::read_to_string(path).ok().map(|text| &*text.leak())
            };
            assert_eq!(RootUse::of(read), RootUse::PrintedOnly, "{theme}");
            assert_eq!(ListUse::of(read), ListUse::CardsOnly, "{theme}");
        }
    }

    /// `ListUse::of` over one list template (`index.html`) and a pager it may include.
    fn list_use(index: &str) -> ListUse {
        let index = index.to_string();
        ListUse::of(move |name| match name {
            "index.html" => Some(&*index.clone().leak()),
            "pager.html" => Some("{% if page.pager %}Older stories{% endif %}"),
            _ => None,
        })
    }

    #[test]
    fn lists_that_print_only_cards_get_cards_alone() {
        let cards_only = [
            "{% if lead %}{{ lead.card }}{% endif %}{% for s in stories %}{{ s.card }}{% endfor %}",
            "{%- if stories %}{%- for story in stories %}{{ story.card }}{%- endfor %}{%- elif not lead %}none{%- endif %}",
            // Words in text, comments and strings are not code.
            "Top stories {# lead.headline #}{% set label = \"stories s.headline\" %}{% for s in stories %}{{ s.card }}{% endfor %}",
            "{% include \"pager.html\" %}{% for s in stories %}{{ s.card }}{% endfor %}",
        ];
        for template in cards_only {
            assert_eq!(list_use(template), ListUse::CardsOnly, "{template}");
        }
        let whole = [
            "{% for s in stories %}{{ s.headline }}{% endfor %}",
            "{% for s in stories %}{{ s.card }}{{ s.path }}{% endfor %}",
            "{{ lead.headline }}",
            "{% for s in stories %}{{ s.card }}{% endfor %}{{ stories | length }}",
            "{% for s in stories %}{% include \"missing.html\" %}{% endfor %}",
            "{% include page.partial %}",
            "{{ __tera_context }}",
            "{% import \"macros.html\" as m %}{{ m::list(items=stories) }}",
            "{% if stories and lead %}x{% endif %}",
            // A closing brace inside a string would hide the code after it.
            "{% for s in stories %}{{ \"}}\" ~ s.headline }}{% endfor %}",
        ];
        for template in whole {
            assert_eq!(list_use(template), ListUse::Whole, "{template}");
        }
    }
}
