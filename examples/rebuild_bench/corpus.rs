//! A deterministic newsroom corpus for benchmarks: thousands of invented stories, written
//! from a fixed seed, so every run (and every machine) builds the same site.
//!
//! Stories mix the two seed formats (plain text and Markdown with front matter), sit in
//! section folders, carry dates, quotes with speakers and figures, so the editorial desk
//! does its real work on them. Nothing here reads the clock or the network.

use std::path::{Path, PathBuf};

/// SplitMix64: small, fast and fully deterministic.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SECTIONS: [&str; 8] = [
    "city", "business", "science", "sport", "culture", "world", "tech", "climate",
];
const PLACES: [&str; 12] = [
    "Eastbridge",
    "Kingsport",
    "Millbrook",
    "Harbourside",
    "Larkspur",
    "Northgate",
    "Ashford Vale",
    "Redwater",
    "Cobalt Bay",
    "Fernhill",
    "Stonemoor",
    "Westmere",
];
const ORGANISATIONS: [&str; 14] = [
    "Eastbridge Council",
    "Kingsport Energy",
    "Millbrook Rail",
    "Harbourside Water",
    "Larkspur Media",
    "Northgate Payments",
    "Fernhill University",
    "Cobalt Bay Port Authority",
    "Redwater Health Trust",
    "Stonemoor Mining",
    "Westmere Bank",
    "Ashford Vale Farmers Union",
    "Brightline Research",
    "Fenwick Strategy",
];
const FIRST_NAMES: [&str; 14] = [
    "Ada", "Ravi", "Ines", "Tomasz", "Leila", "Daniel", "Mei", "Olu", "Greta", "Samir", "Nora",
    "Kofi", "Hana", "Pablo",
];
const LAST_NAMES: [&str; 14] = [
    "Marsh",
    "Okafor",
    "Lindqvist",
    "Barros",
    "Haddad",
    "Okoro",
    "Tanaka",
    "Adeyemi",
    "Novak",
    "Rahman",
    "Castell",
    "Mensah",
    "Sato",
    "Quiroga",
];
const ROLES: [&str; 8] = [
    "chief executive",
    "finance director",
    "council leader",
    "union representative",
    "lead researcher",
    "head of operations",
    "independent analyst",
    "spokesperson",
];
const ACTIONS: [&str; 10] = [
    "approves", "delays", "unveils", "cuts", "expands", "rejects", "funds", "reviews", "doubles",
    "pauses",
];
const THINGS: [&str; 12] = [
    "tram extension",
    "housing plan",
    "flood barrier",
    "research grant",
    "data centre",
    "school budget",
    "port upgrade",
    "wind farm",
    "hospital wing",
    "bus network",
    "broadband rollout",
    "museum refit",
];
const TAGS: [&str; 16] = [
    "Transport",
    "Housing",
    "Energy",
    "Health",
    "Education",
    "Finance",
    "Climate",
    "Technology",
    "Culture",
    "Sport",
    "Science",
    "Local government",
    "Jobs",
    "Water",
    "Farming",
    "Media",
];
const OPINIONS: [&str; 8] = [
    "We have waited years for a decision like this and nobody should pretend it came cheap",
    "Nobody in this town wants a plan that looks good on paper and fails the people who use it",
    "You cannot build anything that lasts if the money runs out halfway through",
    "Everything we hear from residents tells us the old arrangement had stopped working",
    "I have never seen so many people turn up to argue about a budget line",
    "We should be honest that the hardest part starts now, not when the cameras leave",
    "No one I spoke to believed the first estimate, and they were right not to",
    "If we get this wrong, our children will be paying for it long after we have gone",
];

/// One generated seed: where it goes under `seeds/` and what it says.
pub struct GeneratedSeed {
    pub relative_path: String,
    pub text: String,
}

fn person(dice: &mut Dice) -> String {
    format!("{} {}", dice.pick(&FIRST_NAMES), dice.pick(&LAST_NAMES))
}

fn money(dice: &mut Dice) -> String {
    let amount = 2 + dice.below(980);
    let unit = if dice.below(3) == 0 { "bn" } else { "m" };
    let currency = ["£", "$", "€"][dice.below(3)];
    format!("{currency}{amount}{unit}")
}

/// The `index`-th story of the corpus; the same index always gives the same story.
pub fn story(index: usize) -> GeneratedSeed {
    let mut dice = Dice::new(0x6A7E_77E5 ^ (index as u64).wrapping_mul(0x1000_0001));
    let section = SECTIONS[index % SECTIONS.len()];
    let place = dice.pick(&PLACES);
    let organisation = dice.pick(&ORGANISATIONS);
    let thing = dice.pick(&THINGS);
    let action = dice.pick(&ACTIONS);
    let value = money(&mut dice);
    let headline = format!("{organisation} {action} {value} {thing} for {place} ({index})");
    let dek = format!(
        "The decision on the {thing} affects about {} households across {place}.",
        1_000 + dice.below(90_000)
    );
    let month = 1 + dice.below(12);
    let day = 1 + dice.below(28);
    let date = format!("2026-{month:02}-{day:02}");

    let speaker = person(&mut dice);
    let role = dice.pick(&ROLES);
    let critic = person(&mut dice);
    let critic_org = dice.pick(&ORGANISATIONS);
    let mut paragraphs = vec![
        format!(
            "{organisation} {action} the {value} {thing} for {place} on Tuesday, after a vote of {} to {} that followed months of public meetings.",
            20 + dice.below(20),
            5 + dice.below(15)
        ),
        format!(
            "The project covers {} kilometres and is expected to create {} jobs over {} years, according to figures published alongside the decision.",
            3 + dice.below(40),
            100 + dice.below(4_000),
            2 + dice.below(9)
        ),
        format!(
            "“{},” said {speaker}, the {role} of {organisation}.",
            dice.pick(&OPINIONS)
        ),
        format!(
            "Costs have risen by {}% since the first estimate, mostly because of materials and interest rates, and the budget now includes a contingency of {}.",
            5 + dice.below(60),
            money(&mut dice)
        ),
    ];
    let subheading = format!("What happens next in {place}");
    let more = [
        format!(
            "Work is due to start in the spring, with the first phase finished by {}.",
            2027 + dice.below(5)
        ),
        format!(
            "“{},” said {critic} of {critic_org}, who has followed the plans since they were first proposed.",
            dice.pick(&OPINIONS)
        ),
        format!(
            "About {} residents responded to the consultation, and {}% of them supported the scheme in some form.",
            500 + dice.below(20_000),
            30 + dice.below(60)
        ),
        format!(
            "Opponents say the money would do more good elsewhere, and a petition with {} signatures asks for an independent review.",
            1_000 + dice.below(50_000)
        ),
    ];
    let extra_paragraphs = 2 + dice.below(3);
    let tags: Vec<&str> = (0..1 + dice.below(3)).map(|_| dice.pick(&TAGS)).collect();

    let markdown = index % 3 == 0;
    let slug_hint = format!("{}-{}", thing.replace(' ', "-"), index);
    if markdown {
        let mut text = format!(
            "+++\ntitle = \"{headline}\"\ndek = \"{dek}\"\ndate = {date}\nbyline = \"{}\"\ntags = [{}]\n+++\n\n",
            person(&mut dice),
            tags.iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for paragraph in &paragraphs {
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        text.push_str(&format!("## {subheading}\n\n"));
        for paragraph in more.iter().take(extra_paragraphs) {
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        GeneratedSeed {
            relative_path: format!("{section}/{slug_hint}.md"),
            text,
        }
    } else {
        paragraphs.push(subheading);
        paragraphs.extend(more.into_iter().take(extra_paragraphs));
        let mut text = format!("{headline}\n{dek}\n");
        for paragraph in &paragraphs {
            text.push_str(paragraph);
            text.push('\n');
        }
        GeneratedSeed {
            relative_path: format!("{section}/{date}-{slug_hint}.txt"),
            text,
        }
    }
}

/// Writes a whole site (config.toml and `stories` seeds) under `root`; returns the seed paths.
pub fn write_site(root: &Path, stories: usize) -> std::io::Result<Vec<PathBuf>> {
    std::fs::write(
        root.join("config.toml"),
        "title = \"Benchmark Digest\"\nbase_url = \"https://bench.example/\"\n",
    )?;
    let mut paths = Vec::with_capacity(stories);
    for index in 0..stories {
        let seed = story(index);
        let path = root.join("seeds").join(&seed.relative_path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, seed.text)?;
        paths.push(path);
    }
    Ok(paths)
}
