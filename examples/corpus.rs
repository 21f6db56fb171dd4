//! A deterministic corpus of news stories for benchmarks.
//!
//! `cargo run --release --example corpus -- --stories 10000 OUT` writes `OUT/config.toml`
//! and `OUT/seeds/`: stories of about 700 words in every seed format and layout (plain
//! text one paragraph per line, plain text with blank lines, Markdown with front matter,
//! Markdown with a code block), in nested section folders, with quotes and speakers,
//! figures, subheadings and some repeated headlines, as real wires have. The same
//! arguments always give the same bytes. It writes nothing else.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small, fast, deterministic generator (xorshift64*): the corpus must not depend on
/// a crate's seeding or version.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SECTIONS: [&str; 8] = [
    "business",
    "world/politics",
    "sport",
    "science",
    "tech",
    "city",
    "culture",
    "climate",
];
const FIRST_NAMES: [&str; 16] = [
    "Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonah", "Kemi",
    "Lars", "Maya", "Nikhil", "Olga", "Pavel",
];
const LAST_NAMES: [&str; 16] = [
    "Adeyemi",
    "Brandt",
    "Castillo",
    "Doyle",
    "Eriksen",
    "Fontaine",
    "Gupta",
    "Hale",
    "Ibrahim",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
];
const ROLES: [&str; 10] = [
    "the company's chief executive",
    "the council's finance chief",
    "an analyst at Harbour Securities",
    "the union's general secretary",
    "the minister for transport",
    "the club's head coach",
    "a researcher at the Northfield Institute",
    "the festival's director",
    "a spokesperson for the regulator",
    "the mayor",
];
const ORGANISATIONS: [&str; 12] = [
    "Northgate Payments",
    "Larkspur Media",
    "Eastbridge City Council",
    "Halvorsen Observatory",
    "Brightline Research",
    "Kingsport City",
    "the European Commission",
    "Meridian Energy",
    "Atlas Freight",
    "the Central Bank",
    "Solent Water",
    "Vantage Cloud",
];
const NOUNS: [&str; 24] = [
    "budget",
    "contract",
    "plan",
    "network",
    "market",
    "report",
    "vote",
    "deal",
    "season",
    "project",
    "study",
    "grid",
    "fleet",
    "harbour",
    "programme",
    "strategy",
    "review",
    "merger",
    "forecast",
    "tender",
    "policy",
    "system",
    "service",
    "scheme",
];
const VERBS: [&str; 16] = [
    "approved",
    "delayed",
    "expanded",
    "questioned",
    "backed",
    "rejected",
    "reviewed",
    "announced",
    "completed",
    "funded",
    "cut",
    "doubled",
    "paused",
    "extended",
    "challenged",
    "welcomed",
];
const ADJECTIVES: [&str; 16] = [
    "new",
    "long-awaited",
    "controversial",
    "regional",
    "national",
    "quarterly",
    "ambitious",
    "modest",
    "record",
    "revised",
    "costly",
    "early",
    "final",
    "joint",
    "public",
    "delayed",
];
const UNITS: [&str; 8] = [
    "homes",
    "jobs",
    "passengers",
    "subscribers",
    "chips",
    "households",
    "visitors",
    "tonnes",
];
const QUOTES: [&str; 8] = [
    "We have never had a better chance to get this right, and we are not going to waste it",
    "Nobody in this room believes the money will stretch as far as the plan assumes",
    "If we wait another year, every option on the table will cost more than it does today",
    "This is the most important decision we will make in a decade, and we made it together",
    "You cannot run a modern city on promises alone; you need people, steel and time",
    "Everything we have learned tells us that small fixes now beat big rescues later",
    "Why would anyone invest here if the rules change every eighteen months",
    "We were told it could not be done, and the numbers now say otherwise",
];

fn person(dice: &mut Dice) -> String {
    format!("{} {}", dice.pick(&FIRST_NAMES), dice.pick(&LAST_NAMES))
}

fn money(dice: &mut Dice) -> String {
    match dice.below(2) {
        0 => format!("${}.{}bn", 1 + dice.below(90), dice.below(10)),
        _ => format!("£{}m", 5 + dice.below(900)),
    }
}

/// A clause with a count, a percentage or a deadline.
fn detail(dice: &mut Dice) -> String {
    match dice.below(3) {
        0 => format!(
            "affecting {},{:03} {}",
            1 + dice.below(900),
            dice.below(1000),
            dice.pick(&UNITS)
        ),
        1 => format!("a rise of {}.{}%", dice.below(40), dice.below(10)),
        _ => format!("due by the end of {}", 2027 + dice.below(8)),
    }
}

fn sentence(dice: &mut Dice) -> String {
    format!(
        "The {} {} of {} was {}, and officials said the {} would be {} after a {} {} worth {}, {}.",
        dice.pick(&ADJECTIVES),
        dice.pick(&NOUNS),
        dice.pick(&ORGANISATIONS),
        dice.pick(&VERBS),
        dice.pick(&NOUNS),
        dice.pick(&VERBS),
        dice.pick(&ADJECTIVES),
        dice.pick(&NOUNS),
        money(dice),
        detail(dice)
    )
}

fn paragraph(dice: &mut Dice, speaker: &str, role: &str, index: usize) -> String {
    match index % 4 {
        1 => format!(
            "“{},” said {speaker}, {role}. {}",
            dice.pick(&QUOTES),
            sentence(dice)
        ),
        3 if index > 4 => format!(
            "“{},” {} added. {} {}",
            dice.pick(&QUOTES),
            speaker.split(' ').next_back().unwrap_or(speaker),
            sentence(dice),
            sentence(dice)
        ),
        _ => (0..3).map(|_| sentence(dice)).collect::<Vec<_>>().join(" "),
    }
}

/// Paragraphs of about 55 words each, with subheadings between groups of four.
fn body(dice: &mut Dice, words: usize) -> (Vec<String>, Vec<usize>) {
    let speaker = person(dice);
    let role = dice.pick(&ROLES).to_string();
    let mut paragraphs = Vec::new();
    let mut count = 0;
    while count < words {
        let p = paragraph(dice, &speaker, &role, paragraphs.len());
        count += p.split_whitespace().count();
        paragraphs.push(p);
    }
    let subheadings = (4..paragraphs.len()).step_by(4).collect();
    (paragraphs, subheadings)
}

fn subheading(dice: &mut Dice) -> String {
    format!(
        "What the {} means for {}",
        dice.pick(&NOUNS),
        dice.pick(&ORGANISATIONS)
    )
}

fn headline(dice: &mut Dice, index: usize) -> String {
    // Real wires repeat headlines (2,225 BBC stories hold 2,096 distinct ones).
    let n = if dice.below(100) < 6 {
        index / 7
    } else {
        index
    };
    let mut d = Dice(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    format!(
        "{} {} {} {} as {} {} {}",
        d.pick(&ORGANISATIONS),
        d.pick(&VERBS),
        d.pick(&ADJECTIVES),
        d.pick(&NOUNS),
        d.pick(&NOUNS),
        d.pick(&["rises", "falls", "stalls", "grows"]),
        n
    )
}

fn date(dice: &mut Dice) -> (u32, u32) {
    (1 + dice.below(11) as u32, 1 + dice.below(28) as u32)
}

fn story(dice: &mut Dice, index: usize) -> (String, String) {
    let section = dice.pick(&SECTIONS);
    let title = headline(dice, index);
    let dek = format!(
        "{} {} the {} on Tuesday.",
        dice.pick(&ORGANISATIONS),
        dice.pick(&VERBS),
        dice.pick(&NOUNS)
    );
    let (month, day) = date(dice);
    let words = 650 + dice.below(100);
    let (paragraphs, subheadings) = body(dice, words);
    let kind = dice.below(20);
    let mut text = String::with_capacity(5000);
    let name = match kind {
        0..=11 => {
            // Plain text, one paragraph per line, dek under the headline.
            let _ = writeln!(text, "{title}\n{dek}");
            for (i, p) in paragraphs.iter().enumerate() {
                if subheadings.contains(&i) {
                    let _ = writeln!(text, "{}", subheading(dice));
                }
                let _ = writeln!(text, "{p}");
            }
            format!("{section}/2026-{month:02}-{day:02}-story-{index:05}.txt")
        }
        12..=15 => {
            // Plain text, blank lines between paragraphs, no dek.
            let _ = writeln!(text, "{title}\n");
            for p in &paragraphs {
                let _ = writeln!(text, "{p}\n");
            }
            format!("{section}/story-{index:05}.txt")
        }
        _ => {
            // Markdown with front matter; one in five of these has a code block.
            let _ = writeln!(
                text,
                "+++\ntitle = \"{title}\"\ndek = \"{dek}\"\ndate = 2026-{month:02}-{day:02}\nbyline = \"{}\"\ntags = [\"{}\"]\n+++",
                person(dice),
                section.rsplit('/').next().unwrap_or(section)
            );
            for (i, p) in paragraphs.iter().enumerate() {
                if subheadings.contains(&i) {
                    let _ = writeln!(text, "## {}\n", subheading(dice));
                }
                let _ = writeln!(text, "{p}\n");
                if kind == 19 && i == 2 {
                    let _ = writeln!(
                        text,
                        "```rust\nfn total(values: &[u64]) -> u64 {{\n    values.iter().sum()\n}}\n```\n"
                    );
                }
            }
            format!("{section}/story-{index:05}.md")
        }
    };
    (name, text)
}

fn main() -> std::io::Result<()> {
    let mut stories = 10_000usize;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--stories" => stories = args.next().and_then(|n| n.parse().ok()).unwrap_or(stories),
            other => out = Some(PathBuf::from(other)),
        }
    }
    let Some(out) = out else {
        eprintln!("usage: corpus [--stories N] OUT");
        std::process::exit(2);
    };
    write_corpus(&out, stories)?;
    println!("wrote {stories} stories to {}", out.join("seeds").display());
    Ok(())
}

fn write_corpus(out: &Path, stories: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(out.join("seeds"))?;
    std::fs::write(
        out.join("config.toml"),
        "title = \"Benchmark Digest\"\nbase_url = \"https://example.org/\"\n",
    )?;
    let mut dice = Dice(0x0005_EED0_F6A2_E77E);
    for index in 0..stories {
        let (name, text) = story(&mut dice, index);
        let path = out.join("seeds").join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}
