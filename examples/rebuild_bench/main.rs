//! How long one changed seed takes to go live in `gazette serve`, among many stories.
//!
//! ```sh
//! cargo run --release --example rebuild_bench -- --stories 10000 --rounds 20
//! ```
//!
//! Writes a deterministic corpus (see `corpus.rs`) into a temporary folder, opens a live
//! session on it (what `gazette serve` holds in memory), then edits one seed per round
//! and times the two steps of an incremental update. Even rounds edit the first
//! paragraph only (**body edit**: the story keeps its place, its summary changes); odd
//! rounds also rewrite the headline (**headline edit**: its slug changes, so the digest
//! is assembled again). The two steps:
//!
//! * **story live**: the seed re-read, re-parsed and re-edited, the digest reassembled,
//!   the story's own page rendered and swapped into the served pages;
//! * **lists live**: the front page, the topic pages that list the story, the topics
//!   index, `feed.xml`, `feed.json` and `sitemap.xml` rendered and swapped in.
//!
//! Each round checks that the edit is on the story page and in `feed.json`.
//!
//! With `--end-to-end`, it then also starts the real server (`gazette::serve`, on a free
//! loopback port, in this process), listens on its event stream like an open tab, and
//! times body edits from writing the file to the reload event for the story's page and
//! to the one for the lists: watcher, 50 ms debounce, rebuild and event included.

mod corpus;

use std::io::{Read, Write};
use std::net::{IpAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use gazette::serve::{ServeOptions, serve};
use gazette::session::{Changes, Session, SessionOptions};

struct Args {
    stories: usize,
    rounds: usize,
    end_to_end: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        stories: 10_000,
        rounds: 20,
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

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{name:<12} median {:>7.1} ms   p90 {:>7.1} ms   max {:>7.1} ms   min {:>7.1} ms",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(*times.last().expect("at least one round")),
        ms(times[0]),
    );
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

    // [body edits, headline edits] × [story live, lists live]
    let mut times: [[Vec<Duration>; 2]; 2] = Default::default();
    for round in 0..args.rounds {
        let index = (round * 7_919 + 13) % args.stories;
        let seed = corpus::story(index);
        let headline_edit = round % 2 == 1;
        let marker = format!("revision {round}");
        let text = edit_seed(&seed.text, &marker, headline_edit);
        std::fs::write(dir.path().join("seeds").join(&seed.relative_path), text)
            .expect("writing the edited seed");

        let started = Instant::now();
        session
            .update(&Changes::seed(&seed.relative_path))
            .expect("the edit builds");
        let story = started.elapsed();
        session.update_lists().expect("the lists render");
        let lists = started.elapsed();
        let kind = usize::from(headline_edit);
        times[kind][0].push(story);
        times[kind][1].push(lists);

        check_round(&session, &marker, headline_edit);
    }
    for (kind, [story, lists]) in ["body edit", "headline edit"].iter().zip(times) {
        if story.is_empty() {
            continue;
        }
        println!("{kind}s ({} rounds):", story.len());
        summary("  story live", story);
        summary("  lists live", lists);
    }
    if args.end_to_end {
        end_to_end(dir.path(), &args);
    }
}

/// Times edits through the real server: file written → reload events on the stream.
fn end_to_end(root: &Path, args: &Args) {
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
        .set_read_timeout(Some(Duration::from_millis(20)))
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

    let mut story_live = Vec::new();
    let mut lists_live = Vec::new();
    for round in 0..args.rounds {
        let index = (round * 6_007 + 101) % args.stories;
        let seed = corpus::story(index);
        let text = edit_seed(&seed.text, &format!("live edit {round}"), false);
        // Let the previous edit's events pass before timing the next.
        std::thread::sleep(Duration::from_millis(200));
        events.drain();
        let started = Instant::now();
        std::fs::write(root.join("seeds").join(&seed.relative_path), text)
            .expect("writing the edited seed");
        events.next_event("event: reload");
        story_live.push(started.elapsed());
        events.next_event("event: reload");
        lists_live.push(started.elapsed());
    }
    println!(
        "end to end through gazette serve, body edits ({} rounds; file written → reload event):",
        args.rounds
    );
    summary("  story live", story_live);
    summary("  lists live", lists_live);
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

/// The marker is on the edited story's page (and on the pages that list it among their
/// related stories, whose summaries quote its first paragraph) and in `feed.json`, and
/// on a front page after a headline edit (the front pages show headlines and deks).
fn check_round(session: &Session, marker: &str, headline_edit: bool) {
    let pages = session.pages();
    let story_pages = pages
        .iter()
        .filter(|(path, bytes)| {
            !path.starts_with("topics/") && path.ends_with("/index.html") && contains(bytes, marker)
        })
        .count();
    assert!(story_pages >= 1, "the edited story's page shows {marker:?}");
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
        !headline_edit || on_front_page,
        "a front page shows {marker:?}"
    );
}

fn contains(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}
