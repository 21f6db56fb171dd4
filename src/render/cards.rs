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
//! template that never names `list_kind` gives the same card on every kind of list.
//!
//! What this does not do: choose which stories a page lists, or the order the pages are
//! rendered in ([`super::lists`]), or render the page around the cards
//! ([`super::render_page`]).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    /// For each story, its cards by key.
    kept: Vec<Mutex<Vec<Kept>>>,
    /// How many more summaries with their cards may be kept (see [`CARDED_ROOM`]).
    carded_room: AtomicUsize,
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

/// How many summaries with their cards a table keeps at once. A page that lists a story
/// gets its summary with `card` added, a new map of seventeen fields; made for each page,
/// those maps cost 33 of the render's 897 million instructions at 1,000 stories (7,791
/// maps for 2,271 cards). Keeping the map with the card saves that, but a card is kept
/// from its first page to its last, and about one story in two has one kept at once in
/// the render's order (1,650 at 3,000 stories: kept without a bound, they raised the
/// peak by 4.8 MiB there, and more with the site). Past this many, cards are kept alone
/// as before: the peak grows by about 1.5 MiB however big the site (3,000 stories: 68.8
/// → 70.3 MiB), and 256 still save 20 million instructions at 1,000 stories.
const CARDED_ROOM: usize = 256;

impl<'t> CardTable<'t> {
    /// A table for the pages whose orders are `orders`: each card is let go once the
    /// last of them has it, so the table holds only the cards between their first and
    /// last page (the callers render pages in [`super::lists::in_story_order`]).
    pub fn new<'o>(
        tera: &'t Tera,
        stories: usize,
        orders: impl IntoIterator<Item = &'o CardOrder>,
    ) -> CardTable<'t> {
        let has_cards = tera.contains_template(CARD_TEMPLATE);
        let mut orders = orders.into_iter().filter(|_| has_cards).peekable();
        // Looked at only when some page shows cards, so a table for other pages (a live
        // session's story pages) costs nothing.
        let kind_matters = orders.peek().is_some()
            && tera
                .get_template_variables(CARD_TEMPLATE)
                .map_or(true, |names| {
                    names.contains(KIND_VARIABLE) || names.contains(WHOLE_CONTEXT)
                });
        let mut uses: Vec<Vec<Kept>> = Vec::new();
        for order in orders {
            if uses.is_empty() {
                uses.resize_with(stories, Vec::new);
            }
            for (story, lead) in cards_of(order) {
                let Some(kept) = uses.get_mut(story) else {
                    continue;
                };
                match kept
                    .iter_mut()
                    .find(|k| k.key.is_for(order, lead, kind_matters))
                {
                    Some(k) => k.uses_left += 1,
                    None => kept.push(Kept {
                        key: CardKey::of(order, lead, kind_matters),
                        card: None,
                        uses_left: 1,
                    }),
                }
            }
        }
        CardTable {
            tera,
            has_cards,
            kind_matters,
            kept: uses.into_iter().map(Mutex::new).collect(),
            carded_room: AtomicUsize::new(CARDED_ROOM),
        }
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
            return Ok(card_added(summary, card));
        };
        let mut kept = crate::locked(kept);
        let Some(entry) = kept
            .iter_mut()
            .find(|k| k.key.is_for(order, lead, self.kind_matters) && k.uses_left > 0)
        else {
            // A page nobody counted (or counted wrong): its card, not kept.
            let card = self.render_card(summary, lead, order)?;
            return Ok(card_added(summary, card));
        };
        let card = match entry.card.take() {
            Some(KeptCard::Carded(carded)) => {
                entry.uses_left -= 1;
                if entry.uses_left > 0 {
                    entry.card = Some(KeptCard::Carded(carded.clone()));
                } else {
                    self.carded_room.fetch_add(1, Ordering::Relaxed);
                }
                return Ok(carded);
            }
            Some(KeptCard::Card(card)) => card,
            None => self.render_card(summary, lead, order)?,
        };
        entry.uses_left -= 1;
        let carded = card_added(summary, card.clone());
        if entry.uses_left > 0 {
            let room =
                self.carded_room
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |room| {
                        room.checked_sub(1)
                    });
            entry.card = Some(match room {
                Ok(_) => KeptCard::Carded(carded.clone()),
                Err(_) => KeptCard::Card(card),
            });
        }
        Ok(carded)
    }

    fn render_card(
        &self,
        summary: &Value,
        lead: bool,
        order: &CardOrder,
    ) -> Result<Value, tera::Error> {
        let mut page = Map::with_capacity(1);
        page.insert("root".into(), Value::from(order.root.as_str()));
        let mut context = Context::new();
        context.insert_value("s", summary.clone());
        context.insert_value("page", Value::from(page));
        context.insert_value("lead_card", Value::from(lead));
        context.insert_value(KIND_VARIABLE, Value::from(order.kind));
        let html = self.tera.render(CARD_TEMPLATE, &context)?;
        Ok(Value::safe_string(&html))
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

    /// A card that shows what it saw, and how many times cards were rendered.
    fn tera() -> Tera {
        let mut tera = Tera::new();
        tera.add_raw_template(
            CARD_TEMPLATE,
            "[{{ s.headline }} {{ list_kind }} {{ page.root }}{% if lead_card %} lead{% endif %}]",
        )
        .expect("the test card compiles");
        tera
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
        let table = CardTable::new(&tera, 3, [&front]);
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
        let table = CardTable::new(&tera, 2, [&first, &second, &later]);
        let kept_cards = |story: usize| {
            crate::locked(&table.kept[story])
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
            let table = CardTable::new(&tera, 2, &orders);
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
        let table = CardTable::new(&tera, 1, [&front]);
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
        let table = CardTable::new(&tera, 1, [&front]);
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
        let shared = CardTable::new(&kind_free, 1, orders);
        assert_eq!(
            crate::locked(&shared.kept[0]).len(),
            1,
            "one card for three pages"
        );
        let kind_named = tera();
        let apart = CardTable::new(&kind_named, 1, orders);
        assert_eq!(crate::locked(&apart.kept[0]).len(), 3, "one card per kind");
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
                    .iter()
                    .all(|k| k.card.is_none()),
                "every card let go after its last page"
            );
        }
    }
}
