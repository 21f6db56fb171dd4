//! How long one changed seed takes to go live in `gazette serve`, among many stories.
//!
//! ```sh
//! cargo run --release --example rebuild_bench -- --stories 10000 --rounds 10 --end-to-end
//! ```
//!
//! Writes a deterministic corpus (see `corpus.rs`) into a temporary folder, opens a live
//! session on it (what `gazette serve` holds in memory), then makes `--rounds` edits of
//! each kind, one seed at a time, and times the two steps of an incremental update:
//!
//! * **body**: the first paragraph changes (the story keeps its place);
//! * **headline**: the headline too, so the slug changes;
//! * **tags**: a tag is added (the story's topics change);
//! * **date**: the date moves a year back (the story moves on the front page and to
//!   another edition);
//! * **new seed**: a story is added; **deleted seed**: one is removed.
//!
//! The two steps:
//!
//! * **story live**: the seed re-read, re-parsed and re-edited, the digest patched or
//!   assembled again, the story's own page rendered (or, for a deleted seed, removed)
//!   and swapped into the served pages, with the story pages that list it among their
//!   related stories when those lists stand;
//! * **whole site live**: every other page that changed: story pages whose related
//!   stories changed, the front page's pages, topic and edition pages, the topics index,
//!   the archive, the feeds (`feed.json` joined from per-story items), the search page
//!   and index, the sitemap.
//!
//! Each round checks that the edit is live (the story's page, and for text edits the
//! edit in `feed.json`).
//!
//! With `--end-to-end`, it then also starts the real server (`gazette::serve`, on a free
//! loopback port, in this process), listens on its event stream like an open tab, and
//! times the same kinds of edits from writing (or removing) the file to the first reload
//! event (story live) and the second (whole site live): watcher, debounce, rebuild and
//! event included.

mod corpus;

use std::io::{Read, Write};
use std::net::{IpAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use gazette::render::Links;
use gazette::serve::{ServeOptions, serve};
use gazette::session::{Changes, Rendered, Session, SessionOptions};

struct Args {
    stories: usize,
    rounds: usize,
    end_to_end: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        stories: 10_000,
        rounds: 10,
        end_to_end: false,
    };
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            words
                .next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match word.as_str() {
            "--stories" => args.stories = number("--stories")?,
            "--rounds" => args.rounds = number("--rounds")?,
            "--end-to-end" => args.end_to_end = true,
            other => {
                return Err(format!(
                    "unknown argument {other:?}; use --stories N --rounds N [--end-to-end]"
                ));
            }
        }
    }
    if args.stories == 0 || args.rounds == 0 {
        return Err("--stories and --rounds must be at least 1".to_string());
    }
    Ok(args)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("rebuild_bench: {message}");
            std::process::exit(2);
        }
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let started = Instant::now();
    corpus::write_site(dir.path(), args.stories).expect("writing the corpus");
    println!(
        "corpus: {} stories written in {:.1} s to {}",
        args.stories,
        started.elapsed().as_secs_f64(),
        dir.path().display()
    );

    let started = Instant::now();
    let (mut session, opened) = Session::open(SessionOptions {
        root: dir.path().to_path_buf(),
        base_url: None,
        drafts: false,
        now: None,
    });
    let opened = opened.expect("the corpus builds");
    println!(
        "open: {} stories, {} pages in memory in {:.2} s (rayon threads: {})",
        opened.stories,
        session.pages().len(),
        started.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );

    let mut edits = Edits::new(dir.path(), args.stories);
    let mut results: Vec<KindTimes> = KINDS.iter().map(|_| KindTimes::default()).collect();
    for round in 0..args.rounds {
        for (k, &kind) in KINDS.iter().enumerate() {
            let edit = edits.make(kind, &format!("revision {round}"));
            let started = Instant::now();
            let first = session
                .update(&Changes::seed(&edit.relative_path))
                .expect("the edit builds");
            let story = started.elapsed();
            check_story_live(&session, &edit);
            let second = session.update_lists().expect("the lists render");
            let whole = started.elapsed();
            check_whole_site(&session, &edit);
            let times = &mut results[k];
            times.story.push(story);
            times.whole.push(whole);
            times.first_pages += rendered_count(&first.rendered);
            times.second_pages += rendered_count(&second.rendered);
        }
    }
    println!(
        "\nin the session ({} rounds of each kind; times from the update call):",
        args.rounds
    );
    print_table(&results, true);
    if args.end_to_end {
        end_to_end(dir.path(), &args, &mut edits);
    }
}

/// The kinds of single-seed edit, in the order each round makes them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Body,
    Headline,
    Tags,
    Date,
    New,
    Deleted,
}

const KINDS: [Kind; 6] = [
    Kind::Body,
    Kind::Headline,
    Kind::Tags,
    Kind::Date,
    Kind::New,
    Kind::Deleted,
];

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Body => "body",
            Kind::Headline => "headline",
            Kind::Tags => "tags",
            Kind::Date => "date",
            Kind::New => "new seed",
            Kind::Deleted => "deleted seed",
        }
    }
}

#[derive(Default)]
struct KindTimes {
    story: Vec<Duration>,
    whole: Vec<Duration>,
    first_pages: usize,
    second_pages: usize,
}

fn rendered_count(rendered: &Rendered) -> usize {
    match rendered {
        Rendered::Paths(paths) => paths.len(),
        Rendered::Everything => usize::MAX / 1024,
    }
}

fn print_table(results: &[KindTimes], with_pages: bool) {
    println!(
        "  {:<13} {:>26}   {:>26}{}",
        "edit",
        "story live: med / p90 / max",
        "whole site live: med / p90 / max",
        if with_pages {
            "   pages (story + rest)"
        } else {
            ""
        }
    );
    for (kind, times) in KINDS.iter().zip(results) {
        if times.story.is_empty() {
            continue;
        }
        let rounds = times.story.len();
        let pages = if with_pages {
            format!(
                "   {} + {}",
                times.first_pages / rounds,
                times.second_pages / rounds
            )
        } else {
            String::new()
        };
        println!(
            "  {:<13} {:>26}   {:>26}{pages}",
            kind.name(),
            spread(&times.story),
            spread(&times.whole),
        );
    }
}

/// `median / p90 / max` in milliseconds.
fn spread(times: &[Duration]) -> String {
    let mut times = times.to_vec();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "{:.1} / {:.1} / {:.1} ms",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(*times.last().expect("at least one round"))
    )
}

/// One edit made on disk: which seed, and what to look for once it is live.
struct Edit {
    kind: Kind,
    relative_path: String,
    /// Text the story page and `feed.json` show after a text edit.
    marker: Option<String>,
}

/// Makes edits of every kind on the corpus, never touching one seed twice.
struct Edits {
    root: std::path::PathBuf,
    stories: usize,
    used: std::collections::HashSet<usize>,
    next: usize,
    added: usize,
}

impl Edits {
    fn new(root: &Path, stories: usize) -> Edits {
        Edits {
            root: root.to_path_buf(),
            stories,
            used: std::collections::HashSet::new(),
            next: 0,
            added: 0,
        }
    }

    /// A corpus story not edited yet (Markdown when `markdown`: tags and date are in its
    /// front matter), spread over the corpus.
    fn fresh_index(&mut self, markdown: bool) -> usize {
        loop {
            self.next += 1;
            let index = (self.next * 7_919 + 13) % self.stories;
            if (!markdown || index % 3 == 0) && self.used.insert(index) {
                return index;
            }
        }
    }

    fn make(&mut self, kind: Kind, marker: &str) -> Edit {
        let seeds = self.root.join("seeds");
        if kind == Kind::New {
            let seed = corpus::story(self.stories + self.added);
            self.added += 1;
            std::fs::write(seeds.join(&seed.relative_path), seed.text).expect("writing a seed");
            return Edit {
                kind,
                relative_path: seed.relative_path,
                marker: None,
            };
        }
        let markdown = matches!(kind, Kind::Tags | Kind::Date);
        let seed = corpus::story(self.fresh_index(markdown));
        let path = seeds.join(&seed.relative_path);
        let (text, marker) = match kind {
            Kind::Body => (edit_seed(&seed.text, marker, false), Some(marker)),
            Kind::Headline => (edit_seed(&seed.text, marker, true), Some(marker)),
            Kind::Tags => (add_tag(&seed.text), None),
            Kind::Date => (seed.text.replacen("date = 2026-", "date = 2025-", 1), None),
            Kind::Deleted => {
                std::fs::remove_file(&path).expect("removing a seed");
                return Edit {
                    kind,
                    relative_path: seed.relative_path,
                    marker: None,
                };
            }
            Kind::New => unreachable!("handled above"),
        };
        assert_ne!(text, seed.text, "the {} edit changes the seed", kind.name());
        std::fs::write(path, text).expect("writing the edited seed");
        Edit {
            kind,
            relative_path: seed.relative_path,
            marker: marker.map(str::to_string),
        }
    }
}

/// Adds a tag the story does not have yet.
fn add_tag(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.starts_with("tags = ["))
        .expect("a Markdown seed has tags");
    let tag = ["Water", "Farming", "Media", "Jobs"]
        .into_iter()
        .find(|t| !line.contains(t))
        .expect("a tag the story lacks");
    text.replacen("tags = [", &format!("tags = [\"{tag}\", "), 1)
}

/// The story's page is served (gone, for a deleted seed) and shows the edit.
fn check_story_live(session: &Session, edit: &Edit) {
    let pages = session.pages();
    let digest = session.digest().expect("a digest");
    let story = digest
        .stories
        .iter()
        .find(|s| s.edited.story.source_path == edit.relative_path);
    match (edit.kind, story) {
        (Kind::Deleted, None) => {}
        (Kind::Deleted, Some(_)) => panic!("{} is still published", edit.relative_path),
        (_, None) => panic!("{} is not published", edit.relative_path),
        (_, Some(story)) => {
            let file = Links::story_file(&story.slug);
            let page = pages
                .get(file.as_str())
                .expect("the story's page is served");
            if let Some(marker) = &edit.marker {
                assert!(contains(page, marker), "{file} shows {marker:?}");
            }
        }
    }
}

/// The edit reached `feed.json`, and a headline edit a front page.
fn check_whole_site(session: &Session, edit: &Edit) {
    let pages = session.pages();
    if let Some(marker) = &edit.marker {
        assert!(
            contains(&pages["feed.json"], marker),
            "feed.json has {marker:?}"
        );
        // The front page is paginated: the story is on one of its pages.
        let on_front_page = pages
            .iter()
            .filter(|(path, _)| path.as_ref() == "index.html" || path.starts_with("page/"))
            .any(|(_, bytes)| contains(bytes, marker));
        assert!(
            edit.kind != Kind::Headline || on_front_page,
            "a front page shows {marker:?}"
        );
    }
}

/// Times edits through the real server: file written → reload events on the stream.
fn end_to_end(root: &Path, args: &Args, edits: &mut Edits) {
    let (sender, receiver) = std::sync::mpsc::channel();
    let options = ServeOptions {
        root: root.to_path_buf(),
        bind: IpAddr::from([127, 0, 0, 1]),
        port: 0,
        drafts: false,
        now: None,
    };
    std::thread::spawn(move || {
        let result = serve(&options, |_, line| {
            if let Some(at) = line.find("http://127.0.0.1:") {
                let digits: String = line[at + 17..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                let _ = sender.send(digits.parse::<u16>().ok());
            }
        });
        if let Err(err) = result {
            eprintln!("rebuild_bench: the server stopped: {err}");
        }
    });
    let port = receiver
        .recv_timeout(Duration::from_secs(600))
        .ok()
        .flatten()
        .expect("the server starts and prints its address");
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(5)))
        .expect("timeout");
    write!(
        stream,
        "GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .expect("send");
    let mut events = EventReader {
        stream,
        seen: String::new(),
    };
    events.next_event("retry:");

    let mut results: Vec<KindTimes> = KINDS.iter().map(|_| KindTimes::default()).collect();
    for round in 0..args.rounds {
        for (k, &kind) in KINDS.iter().enumerate() {
            // Let the previous edit's events pass before timing the next.
            std::thread::sleep(Duration::from_millis(300));
            events.drain();
            let started = Instant::now();
            edits.make(kind, &format!("live edit {round}"));
            events.next_event("event: reload");
            results[k].story.push(started.elapsed());
            events.next_event("event: reload");
            results[k].whole.push(started.elapsed());
        }
    }
    println!(
        "\nend to end through gazette serve ({} rounds of each kind; file written → reload event, debounce {} ms included):",
        args.rounds,
        gazette::serve::watch::DEBOUNCE.as_millis()
    );
    print_table(&results, false);
}

/// Reads an event stream as an open tab would.
struct EventReader {
    stream: TcpStream,
    seen: String,
}

impl EventReader {
    /// Waits (at most a minute) for the next event holding `needle` and consumes it.
    fn next_event(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut buffer = [0u8; 4096];
        loop {
            if let Some(at) = self.seen.find(needle) {
                let end = self.seen[at..]
                    .find("\n\n")
                    .map_or(self.seen.len(), |e| at + e + 2);
                self.seen.drain(..end);
                return;
            }
            assert!(Instant::now() < deadline, "no {needle:?} within a minute");
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the event stream closed"),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(_) => {} // the read timed out: look again
            }
        }
    }

    /// Forgets whatever arrived so far.
    fn drain(&mut self) {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = self.stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
        }
        self.seen.clear();
    }
}

/// Puts `marker` into the seed's first paragraph (which the summary quotes), and into
/// its headline too for a headline edit.
fn edit_seed(text: &str, marker: &str, headline_edit: bool) -> String {
    let edited = text.replacen(" on Tuesday,", &format!(" on Tuesday ({marker}),"), 1);
    if !headline_edit {
        return edited;
    }
    match edited.strip_prefix("+++\ntitle = \"") {
        Some(rest) => format!("+++\ntitle = \"Update ({marker}): {rest}"),
        None => format!("Update ({marker}): {edited}"),
    }
}

fn contains(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}
