//! The `search` command.
fn main() {}
