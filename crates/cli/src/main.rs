//! The `search` command: `search index`, `search query`, `search extract`.
//!
//! Arguments are parsed by clap and validated into config structs ([`args`]); each
//! command lives in its own module. Errors reach `main` as `anyhow` chains and are
//! printed as one line; [`UsageError`] marks the ones that exit with 2.

mod args;
mod extract_cmd;
mod index_cmd;
mod query_cmd;
mod style;

use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;

use args::{Cli, Command};

/// A mistake in what the user asked: exit code 2, like clap's own errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The message of the last panic, for the one-line report of one that escapes.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Libraries catch some panics (a damaged index file can make tantivy panic); the
/// default hook would still print them with a backtrace hint. Keep the message
/// instead, and report it in one line only if the panic reaches `main`.
fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(s) => (*s).to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_default(),
        };
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()));
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{message}{}", location.unwrap_or_default()));
        }
    }));
}

fn main() -> ExitCode {
    install_quiet_panic_hook();
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(_) => {
            let message = LAST_PANIC
                .lock()
                .ok()
                .and_then(|m| m.clone())
                .unwrap_or_default();
            eprintln!("error: internal error ({message}); please report it");
            ExitCode::FAILURE
        }
    }
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
    let result = match cli.command {
        Command::Index(a) => index_cmd::run(a.validate()),
        Command::Query(a) => a
            .validate()
            .map_err(|m| UsageError(m).into())
            .and_then(query_cmd::run),
        Command::Extract(a) => extract_cmd::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            if e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
