//! The `gazette` command: parses arguments, calls the library, prints, sets the exit code.
//!
//! Exit codes: 0 success, 1 a problem with the site's content or files, 2 a usage error.

use clap::{Parser, Subcommand};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            timings,
        } => build(
            gazette::BuildOptions {
                root,
                output,
                base_url,
                drafts,
            },
            timings,
        ),
        Command::Serve {
            root,
            port,
            bind,
            drafts,
        } => serve(gazette::serve::ServeOptions {
            root,
            bind,
            port,
            drafts,
        }),
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
    match gazette::build(&options) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            println!(
                "Built {} stories, {} files in {:.2} s → {}",
                report.stories,
                report.pages,
                report.elapsed.as_secs_f64(),
                report.output.display()
            );
            if timings {
                print_timings(&report);
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}

fn print_timings(report: &gazette::BuildReport) {
    for (stage, took) in &report.timings {
        println!("  {stage:<10} {:>9.1} ms", took.as_secs_f64() * 1000.0);
    }
    let loaded = if report.syntaxes_loaded {
        "loaded"
    } else {
        "not loaded"
    };
    println!("  syntax highlighting: {loaded}");
}
