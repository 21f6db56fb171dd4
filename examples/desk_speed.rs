//! How fast the editorial desk reads, on one core.
//!
//! ```sh
//! cargo run --release --example desk_speed             # the corpus, then the worst cases
//! cargo run --release --example desk_speed -- --corpus # the corpus only (for profiling)
//! cargo run --release --example desk_speed -- --worst  # the worst cases only
//! valgrind --tool=cachegrind --cache-sim=no \
//!   target/release/examples/desk_speed --rounds 20  # instructions per byte, load-free
//! ```
//!
//! The realistic corpus is every story of the evaluation set (`tests/eval/stories/`)
//! and the sample digest (`seeds/`), parsed by the build's own parser and edited over
//! and over on this thread alone (the desk never spawns threads), in five windows of
//! about a second each; the median and the best window are reported, since other jobs
//! on a shared machine slow some windows down.
//! Time is this thread's CPU time (Linux `/proc/thread-self/schedstat`), so other jobs
//! on a shared machine do not count against the desk; wall time is shown beside it.
//! Story text is what the desk reads: headline, dek and every block's plain text; 1 MB
//! is 1,000,000 bytes. Then the worst cases issue 3 names: one 5 MB paragraph, and a
//! story of 10,000 quotation marks, each beside a fifth of its size to show the time
//! grows linearly.

use std::path::Path;
use std::time::{Duration, Instant};

use gazette::edit;
use gazette::editorial::{self, Block, Copy, Limits};
use gazette::seed::{self, ParseOptions};
use gazette::story::Story;

// The same allocator as the `gazette` binary, so the desk is timed as a build runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let stories = corpus(root);
    let limits = Limits::default();
    print_machine();

    let bytes: usize = stories.iter().map(story_bytes).sum();
    println!(
        "\nRealistic corpus: {} stories, {:.1} KB of story text",
        stories.len(),
        bytes as f64 / 1e3
    );
    let copies: Vec<(Vec<Block>, &Story)> =
        stories.iter().map(|s| (edit::desk_blocks(s), s)).collect();
    let worst_only = std::env::args().any(|a| a == "--worst");
    if let Some(rounds) = fixed_rounds().filter(|_| !worst_only) {
        // A fixed amount of work, so an instruction counter (cachegrind) can compare two
        // builds of the desk on a machine too busy for timings to mean much.
        let mut checksum = 0usize;
        for _ in 0..rounds {
            checksum += edit_all(&copies, &limits);
        }
        println!(
            "  {rounds} rounds, {:.1} MB edited (checksum {checksum})",
            (bytes * rounds) as f64 / 1e6
        );
        return;
    }
    if !worst_only {
        corpus_windows(&copies, bytes, &limits);
    }
    if std::env::args().any(|a| a == "--corpus") {
        return;
    }
    worst_cases(&stories, &limits);
}

/// Five windows of about a second of CPU time each over the corpus; prints the median
/// and best rates.
fn corpus_windows(copies: &[(Vec<Block>, &Story)], bytes: usize, limits: &Limits) {
    let mut windows: Vec<f64> = Vec::new();
    let mut checksum = 0usize;
    let (mut total_mb, mut total_cpu, mut total_wall) = (0.0, 0.0, 0.0);
    for _ in 0..5 {
        let mut rounds = 0usize;
        let started = Clock::start();
        while started.cpu() < Duration::from_secs(1) || rounds < 3 {
            checksum += edit_all(copies, limits);
            rounds += 1;
        }
        let (cpu, wall) = (started.cpu().as_secs_f64(), started.wall().as_secs_f64());
        let mb = (bytes * rounds) as f64 / 1e6;
        windows.push(mb / cpu);
        total_mb += mb;
        total_cpu += cpu;
        total_wall += wall;
    }
    windows.sort_by(f64::total_cmp);
    println!(
        "  {total_mb:.1} MB in {total_cpu:.2} s of CPU time ({total_wall:.2} s wall), five windows: \
         median {:.1} MB/s, best {:.1} MB/s on one core (checksum {checksum})",
        windows[2], windows[4]
    );
}

/// The worst cases issue 3 names, each beside a fifth of its size.
fn worst_cases(stories: &[Story], limits: &Limits) {
    println!("\nWorst cases (each beside a fifth of its size, to show linear growth):");
    let prose: String = stories
        .iter()
        .flat_map(|s| s.blocks.iter())
        .map(|b| b.text())
        .collect::<Vec<_>>()
        .join(" ");
    let paragraph = |size: usize| repeat_to(&prose, size);
    worst_case("one paragraph of 5 MB", 5_000_000, &paragraph, limits);
    let marks = |count: usize| quotation_marks(count);
    worst_case("10,000 quotation marks", 10_000, &|n| marks(n), limits);
    let big_marks = |count: usize| quotation_marks(count);
    worst_case(
        "1,000,000 quotation marks",
        1_000_000,
        &|n| big_marks(n),
        limits,
    );
}

/// Edits every story of the corpus once; returns a checksum so the work is not optimised away.
fn edit_all(copies: &[(Vec<Block>, &Story)], limits: &Limits) -> usize {
    let mut checksum = 0;
    for (blocks, story) in copies {
        let copy = Copy {
            headline: &story.meta.headline,
            dek: story.meta.dek.as_deref(),
            blocks,
        };
        checksum += editorial::edit(&copy, limits).facts.len();
    }
    checksum
}

/// `--rounds N`: edit the corpus exactly N times and stop.
fn fixed_rounds() -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == "--rounds")?;
    args.get(at + 1)?.parse().ok()
}

fn corpus(root: &Path) -> Vec<Story> {
    let mut files = Vec::new();
    match gazette::scorecard::load_set(&root.join("tests/eval/stories")) {
        Ok(set) => files.extend(set.into_iter().map(|s| s.seed)),
        Err(err) => eprintln!("warning: evaluation set not read: {err}"),
    }
    let sample = seed::discover(&root.join("seeds"));
    for p in sample.problems {
        eprintln!("warning: {p}");
    }
    files.extend(sample.seeds);
    files
        .iter()
        .filter_map(|f| match seed::parse_seed(f, &ParseOptions::default()) {
            Ok(parsed) => Some(parsed.story),
            Err(p) => {
                eprintln!("warning: {p}");
                None
            }
        })
        .collect()
}

fn story_bytes(story: &Story) -> usize {
    story.meta.headline.len()
        + story.meta.dek.as_ref().map_or(0, String::len)
        + story.blocks.iter().map(|b| b.text().len()).sum::<usize>()
}

fn repeat_to(text: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + text.len());
    while out.len() < size {
        out.push_str(text);
        out.push(' ');
    }
    let mut cut = size.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

/// A paragraph of `count` quotation marks, curly and straight, balanced and not,
/// with a few words between.
fn quotation_marks(count: usize) -> String {
    const PIECES: [&str; 6] = [
        "“We said so,” ",
        "\"and then ",
        "” she said. ",
        "“a b c d e ",
        "\" x ",
        "said Jane Doe: “",
    ];
    let mut out = String::new();
    let mut marks = 0;
    let mut i = 0;
    while marks < count {
        let piece = PIECES[i % PIECES.len()];
        marks += piece
            .chars()
            .filter(|c| matches!(c, '“' | '”' | '"'))
            .count();
        out.push_str(piece);
        i += 1;
    }
    out
}

fn worst_case(name: &str, size: usize, make: &dyn Fn(usize) -> String, limits: &Limits) {
    let time = |text: &str| {
        let blocks = [
            Block::paragraph("A short lede comes first."),
            Block::paragraph(text),
        ];
        let copy = Copy {
            headline: "Worst case",
            dek: None,
            blocks: &blocks,
        };
        // Repeat until enough CPU time has passed for the clock to measure it.
        let started = Clock::start();
        let mut runs = 0u32;
        let mut quotes = 0;
        while runs == 0 || started.cpu() < Duration::from_millis(200) {
            quotes = editorial::edit(&copy, limits).quotes.len();
            runs += 1;
        }
        (started.cpu() / runs, quotes)
    };
    let small = make(size / 5);
    let big = make(size);
    let (t_small, _) = time(&small);
    let (t_big, quotes) = time(&big);
    println!(
        "  {name}: {:.1} MB in {:.0} ms CPU ({:.1} MB/s, {quotes} quotes found); a fifth of it in {:.0} ms, ratio {:.1} (5.0 is linear)",
        big.len() as f64 / 1e6,
        t_big.as_secs_f64() * 1e3,
        big.len() as f64 / 1e6 / t_big.as_secs_f64(),
        t_small.as_secs_f64() * 1e3,
        t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-9)
    );
}

/// This thread's CPU time where Linux reports it, else wall time.
struct Clock {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu_time(),
        }
    }

    fn wall(&self) -> Duration {
        self.wall.elapsed()
    }

    fn cpu(&self) -> Duration {
        match (self.cpu, thread_cpu_time()) {
            (Some(from), Some(now)) => now.saturating_sub(from),
            _ => self.wall(),
        }
    }
}

/// The first field of `schedstat`: nanoseconds this thread has run on a CPU.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn print_machine() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    println!(
        "Machine: {cpu}, {cores} cores available, load average {} (other jobs share these cores)",
        load.join(" ")
    );
}
