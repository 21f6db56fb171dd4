//! The `gazette` command: parses arguments, calls the library, prints, sets the exit code.
//!
//! Exit codes: 0 success, 1 a problem with the site's content or files, 2 a usage error.

use clap::{Parser, Subcommand};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

// The desk and the renderer allocate many small, short-lived strings on several threads:
// mimalloc does that in fewer instructions than the system allocator (measured with
// `examples/desk_speed.rs`, see README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_t` (mimalloc.h, v3, as
/// built by libmimalloc-sys 0.1.49, which names no constant for it). A test below checks
/// that this option has purge_delay's default (options.c).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long mimalloc keeps freed memory before returning it to the system: 10 ms
/// instead of its default second. A build frees in bursts between stages, and holding
/// memory for a second raised the peak at 10,000 stories from 188 to 190–195 MiB. At 0
/// every free was returned at once and page-faulted back on the next allocation: a
/// full build spent more system time, and the walk of `public/` that finds a site
/// unchanged took 0.64–0.74 s instead of 0.20–0.26 s (docs/performance.md).
const PURGE_DELAY_MS: std::ffi::c_long = 10;

fn return_freed_memory_soon() {
    // SAFETY: mi_option_set only stores a number in mimalloc's option table, which is
    // read when memory is purged; any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) }
}

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "Build a news digest site: pull quotes and fact boxes chosen for you"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from seeds/ into public/
    Build {
        /// The site folder (holds config.toml and seeds/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from config.toml
        #[arg(long)]
        base_url: Option<String>,
        /// Also publish stories marked `draft = true`
        #[arg(long)]
        drafts: bool,
        /// Print how long each stage of the pipeline took
        #[arg(long)]
        timings: bool,
        /// Judge embargoes (`publish_at`) by this moment instead of the real time, e.g. 2026-11-26T09:00:00Z
        #[arg(long, value_parser = parse_now)]
        now: Option<jiff::Timestamp>,
    },
    /// Show what the editorial desk saw in one seed and why it chose what it chose
    Explain {
        /// The seed file (.txt or .md)
        seed: PathBuf,
        /// The site folder whose config.toml [editorial] limits apply
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print JSON for tools instead of text for people
        #[arg(long)]
        json: bool,
    },
    /// List the themes a site can use (built-in and under themes/) with their descriptions
    Themes {
        /// The site folder (holds config.toml and themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a new story, seeds/<today>-<slug>.md, with its front matter filled in
    New {
        /// The story's headline
        headline: String,
        /// The site folder (holds config.toml and seeds/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Date the story YYYY-MM-DD instead of today
        #[arg(long)]
        date: Option<String>,
    },
    /// Create a new site in DIR that builds at once
    Init {
        /// The folder for the new site (created if missing)
        dir: PathBuf,
        /// Add the site to a folder that already holds files (none is overwritten)
        #[arg(long)]
        force: bool,
    },
    /// Build in memory (public/ untouched) and check every seed, template, link and anchor
    Check {
        /// The site folder (holds config.toml and seeds/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also check stories marked `draft = true`
        #[arg(long)]
        drafts: bool,
        /// Judge embargoes (`publish_at`) by this moment instead of the real time, e.g. 2026-11-26T09:00:00Z
        #[arg(long, value_parser = parse_now)]
        now: Option<jiff::Timestamp>,
    },
    /// Serve the site from memory with live reload, rebuilding as sources change
    Serve {
        /// The site folder (holds config.toml and seeds/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback lets other machines read the site
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Also show stories marked `draft = true`
        #[arg(long)]
        drafts: bool,
        /// Judge embargoes by this fixed moment (e.g. 2026-11-26T09:00:00Z) instead of the real time, which also publishes a held story when its moment comes
        #[arg(long, value_parser = parse_now)]
        now: Option<jiff::Timestamp>,
    },
}

fn main() -> ExitCode {
    return_freed_memory_soon();
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            timings,
            now,
        } => build(
            gazette::BuildOptions {
                root,
                output,
                base_url,
                drafts,
                now,
            },
            timings,
        ),
        Command::Explain { seed, root, json } => explain(&root, &seed, json),
        Command::Themes { root } => themes(&root),
        Command::New {
            headline,
            root,
            date,
        } => new_story(&root, &headline, date.as_deref()),
        Command::Init { dir, force } => init(&dir, force),
        Command::Check { root, drafts, now } => {
            check(gazette::check::CheckOptions { root, drafts, now })
        }
        Command::Serve {
            root,
            port,
            bind,
            drafts,
            now,
        } => serve(gazette::serve::ServeOptions {
            root,
            bind,
            port,
            drafts,
            now,
        }),
    }
}

/// `--now`: an instant with its offset (`2026-11-26T09:00:00Z`, `…+01:00`), so the
/// clock means the same whatever the machine's or the site's time zone.
fn parse_now(text: &str) -> Result<jiff::Timestamp, String> {
    text.trim().parse::<jiff::Timestamp>().map_err(|_| {
        format!(
            "{text:?} is not a moment with an offset; write it like 2026-11-26T09:00:00Z or 2026-11-26T10:00:00+01:00"
        )
    })
}

/// Says which stories an embargo held back, and until when: never silently.
fn print_held(held: &[gazette::embargo::HeldStory]) {
    if held.is_empty() {
        return;
    }
    println!(
        "Held back {} {} under embargo (published by the first build after the moment):",
        held.len(),
        if held.len() == 1 { "story" } else { "stories" }
    );
    for story in held {
        println!("  {story}");
    }
}

fn explain(root: &std::path::Path, seed: &std::path::Path, json: bool) -> ExitCode {
    let report = match gazette::explain::explain(root, seed) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(1);
        }
    };
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("error: could not write the report as JSON: {err}");
                return ExitCode::from(1);
            }
        }
    } else {
        print!("{}", report.to_text());
    }
    ExitCode::SUCCESS
}

fn themes(root: &std::path::Path) -> ExitCode {
    match gazette::themes(root) {
        Ok((listing, chosen)) => {
            print!("{}", gazette::render::theme::describe(&listing, &chosen));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}

fn new_story(root: &std::path::Path, headline: &str, date: Option<&str>) -> ExitCode {
    let date = match date {
        None => gazette::scaffold::today(),
        Some(text) => match gazette::date::Date::parse_iso(text) {
            Some(date) => date,
            None => {
                eprintln!("error: --date {text:?} is not a date; write it YYYY-MM-DD");
                return ExitCode::from(2);
            }
        },
    };
    match gazette::scaffold::new_story(root, headline, date) {
        Ok(path) => {
            println!("Wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}

fn init(dir: &std::path::Path, force: bool) -> ExitCode {
    match gazette::scaffold::init_site(dir, force) {
        Ok(written) => {
            for path in &written {
                println!("Wrote {}", path.display());
            }
            println!(
                "A new site is ready: `gazette build --root {0}` builds it, `gazette serve --root {0}` shows it as you write.",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}

fn check(options: gazette::check::CheckOptions) -> ExitCode {
    let report = gazette::check::check(&options);
    print_warnings(&report.warnings);
    print_held(&report.held);
    for problem in &report.problems {
        eprintln!("error: {problem}");
    }
    if report.problems.is_empty() {
        println!(
            "Checked {} stories, {} files, {} internal links and anchors: no problems",
            report.stories, report.pages, report.links
        );
        ExitCode::SUCCESS
    } else {
        eprintln!("{} problem(s) found", report.problems.len());
        ExitCode::from(1)
    }
}

fn serve(options: gazette::serve::ServeOptions) -> ExitCode {
    use gazette::serve::Note;
    use std::io::Write;
    // A server outlives its terminal: a closed pipe must not stop it (println! would panic).
    let result = gazette::serve::serve(&options, |note, line| {
        let _ = match note {
            Note::Info => writeln!(std::io::stdout(), "{line}"),
            Note::Warning => writeln!(std::io::stderr(), "warning: {line}"),
            Note::Error => writeln!(std::io::stderr(), "error: {line}"),
        };
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}

fn build(options: gazette::BuildOptions, timings: bool) -> ExitCode {
    match gazette::build_then_exit(&options) {
        Ok(report) => {
            print_warnings(&report.warnings);
            let written = if report.up_to_date {
                "nothing changed since the last build".to_string()
            } else {
                format!("{} written", report.written)
            };
            println!(
                "Built {} stories, {} files ({written}) in {:.2} s → {}",
                report.stories,
                report.pages,
                report.elapsed.as_secs_f64(),
                report.output.display()
            );
            print_held(&report.held);
            if timings {
                print_timings(&report);
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}

/// One `warning:` line each, written in one go: a big site can have hundreds (slug
/// clashes), and unbuffered stderr took three system calls a line.
fn print_warnings(warnings: &[String]) {
    use std::io::Write;
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for warning in warnings {
        // A closed stderr is no reason to fail a build that worked.
        let _ = writeln!(err, "warning: {warning}");
    }
    let _ = err.flush();
}

fn print_timings(report: &gazette::BuildReport) {
    for (index, (stage, took)) in report.timings.iter().enumerate() {
        let memory = report
            .peak_memory
            .get(index)
            .map(|kib| format!("   peak memory so far {:>5} MiB", kib / 1024))
            .unwrap_or_default();
        println!(
            "  {stage:<10} {:>9.1} ms{memory}",
            took.as_secs_f64() * 1000.0
        );
    }
    if !report.up_to_date {
        println!(
            "  (render includes writing files: {:.1} ms summed over threads)",
            report.writing.as_secs_f64() * 1000.0
        );
    }
    let loaded = if report.syntaxes_loaded {
        "loaded"
    } else {
        "not loaded"
    };
    println!("  syntax highlighting: {loaded}");
    println!("  held back under embargo: {}", report.held.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purge_delay_is_the_option_mimalloc_documents() {
        // mimalloc v3 src/options.c: `{ 1000, …, MI_OPTION_LEGACY(purge_delay, reset_delay) }`;
        // no neighbouring option defaults to 1000.
        // SAFETY: reading an option is a plain lookup in mimalloc's table.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
