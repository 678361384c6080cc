//! Integration tests of the `search` binary: each test runs the real binary on
//! folders in temporary directories. One test binary, a module per command.

mod common;
mod docs;
mod engine_serve;
mod errors;
mod extract;
mod gazetteer;
mod index;
mod persons;
#[cfg(unix)]
mod pgo;
mod query;
#[cfg(unix)]
mod readme;
#[cfg(unix)]
mod reliability;
mod serve;
#[cfg(unix)]
mod watch;
