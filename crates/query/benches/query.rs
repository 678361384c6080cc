//! Query benchmarks (placeholder until the generated index lands).
fn main() {}
