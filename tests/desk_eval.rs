//! The desk against the hand-written answer keys of `tests/eval/`: fails when any
//! metric falls below the floor issue 3 sets. The same table is printed by
//! `cargo run --release --example desk_eval`.

use std::path::Path;

use gazette::editorial::Limits;
use gazette::scorecard;

#[test]
fn desk_meets_the_floors_on_the_evaluation_set() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/stories");
    let set = scorecard::load_set(&dir).expect("evaluation set loads");
    assert!(set.len() >= 30, "the set must hold at least 30 stories");
    let card = scorecard::score(&set, &Limits::default()).expect("every story parses");
    println!("{}", card.table());
    println!("{}", card.details());
    for metric in card.metrics() {
        assert!(
            metric.passes(),
            "{} is {:.3}, below its floor {:?}\n{}",
            metric.name,
            metric.value(),
            metric.floor,
            card.table()
        );
    }
}
