//! Prints the desk's scores against the hand-written answer keys in `tests/eval/`.
//!
//! ```sh
//! cargo run --release --example desk_eval             # the table
//! cargo run --release --example desk_eval -- --misses # and every miss, story by story
//! cargo run --release --example desk_eval -- DIR      # another set of stories and keys
//! ```
//!
//! Exits with status 1 when a metric is below its floor.

use std::path::PathBuf;
use std::process::ExitCode;

use gazette::editorial::Limits;
use gazette::scorecard;

fn main() -> ExitCode {
    let mut misses = false;
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/stories");
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--misses" => misses = true,
            _ => dir = PathBuf::from(arg),
        }
    }
    let card = match scorecard::load_set(&dir)
        .and_then(|set| scorecard::score(&set, &Limits::default()))
    {
        Ok(card) => card,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    print!("{}", card.table());
    if misses {
        println!("\n{}", card.details());
    }
    if card.passes() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
