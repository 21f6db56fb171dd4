//! Rebuilds gazette when a built-in theme changes: `include_dir!` embeds themes/ in the
//! binary, and cargo only notices edits to files it is told about. Nothing else.

fn main() {
    println!("cargo::rerun-if-changed=themes");
}
