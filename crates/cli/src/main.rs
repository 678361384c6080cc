//! The `search` command: `search index`, `search query`, `search extract`,
//! `search serve`, `search completions`, `search man`.
//!
//! Arguments are parsed by clap and validated into config structs ([`args`]); each
//! command lives in its own module. Errors reach `main` as `anyhow` chains and are
//! printed as one line; [`UsageError`] marks the ones that exit with 2.

mod args;
mod docs_cmd;
mod engine_cmd;
mod extract_cmd;
mod index_cmd;
mod query_cmd;
mod serve_cmd;
mod style;

use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;

use args::{Cli, Command};

/// mimalloc rather than glibc's malloc: extraction and document building
/// allocate small strings by the million, and glibc's malloc and free took
/// about a tenth of the CPU of a 1M-article `search index` (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: search_alloc::Allocator = search_alloc::Allocator;

/// A mistake in what the user asked: exit code 2, like clap's own errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The first panic message of the run (a worker's panic may come before the one
/// that reaches `main`).
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Libraries catch some panics (tantivy trips over damaged index files), and the
/// default hook would still print them with a backtrace hint. Keep the first
/// message instead; `run` reports it in one line if a panic reaches it.
fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = search_types::panic::message(info.payload());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let mut last = PANIC.lock().unwrap_or_else(|e| e.into_inner());
        last.get_or_insert(format!("{message}{at}"));
    }));
}

fn main() -> ExitCode {
    install_quiet_panic_hook();
    run()
}

fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and exit 0; real errors exit 2.
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    // A panic (a bug, or tantivy tripping over a damaged index file) is reported
    // as one error line like any other failure, not as a panic with a backtrace.
    let result = std::panic::catch_unwind(|| match cli.command {
        Command::Index(a) => index_cmd::run(a.validate()),
        Command::Query(a) => a
            .validate()
            .map_err(|m| UsageError(m).into())
            .and_then(query_cmd::run),
        Command::Extract(a) => extract_cmd::run(a),
        Command::Serve(a) => serve_cmd::run(a),
        Command::Completions(a) => docs_cmd::completions(a.shell),
        Command::Man(a) => docs_cmd::man(a.command.as_deref()),
    });
    let result = result.unwrap_or_else(|_| {
        let what = PANIC
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default();
        Err(anyhow::anyhow!(
            "internal error ({what}); if the index is damaged, rebuild it with \
             `search index --rebuild <folder>`, otherwise please report this"
        ))
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", one_line(&e));
            if e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// An error and its causes on one line, leaving out a cause whose text the line
/// already holds (tantivy's and our errors include their source in their message).
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_print_on_one_line_without_repeating_causes() {
        let io = std::io::Error::other("disk on fire\nreally");
        let e = anyhow::Error::new(io).context("index write failed: disk on fire\nreally");
        assert_eq!(one_line(&e), "index write failed: disk on fire really");
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(one_line(&e), "outer: inner");
    }
}
