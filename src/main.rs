//! The `gazette` command: parses arguments, calls the library, prints, sets the exit code.
//!
//! Exit codes: 0 success, 1 a problem with the site's content or files, 2 a usage error.

use clap::{Parser, Subcommand};
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
        Command::Explain { seed, root, json } => explain(&root, &seed, json),
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
