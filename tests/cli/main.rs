//! Integration tests of the `search` binary.
