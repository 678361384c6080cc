//! TEMPORARY stand-in for `search_types::keys::name_key` until that crate is merged.
/// Stand-in.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
