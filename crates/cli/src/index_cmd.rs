//! `search index`: updates the index and reports progress, skips and a summary.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use search_index::{IndexError, Progress};

use crate::UsageError;
use crate::args::IndexConfig;

/// A progress bar on standard error when it is a terminal; warnings always go to
/// standard error, printed above the bar.
struct Bar {
    bar: ProgressBar,
}

impl Bar {
    fn new(show: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        if show && std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} files  {per_sec}  {eta} left")
                    .expect("static template is valid"),
            );
        }
        Bar { bar }
    }
}

impl Progress for Bar {
    fn found(&self, files: u64) {
        self.bar.set_length(files);
    }

    fn advance(&self, files: u64) {
        self.bar.inc(files);
    }

    fn warn(&self, message: &str) {
        // A warning names a file, whose name may hold any character.
        let message = crate::style::printable(message);
        self.bar.suspend(|| eprintln!("warning: {message}"));
    }
}

pub fn run(config: IndexConfig) -> anyhow::Result<ExitCode> {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    // Without a handler (e.g. when one is already installed) Ctrl-C simply kills the
    // process, which the index survives too: it keeps its last commit.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));

    let started = Instant::now();
    let bar = Bar::new(!config.quiet);
    let result = config
        .indexer()
        .progress(&bar)
        .cancel_on(&cancel)
        .update(&config.paths);
    bar.bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(e @ (IndexError::NoSuchInput(_) | IndexError::Gazetteer(_))) => {
            return Err(UsageError(e.to_string()).into());
        }
        Err(e) => return Err(e.into()),
    };
    if !config.quiet {
        let verb = if summary.interrupted {
            "interrupted; committed"
        } else {
            "indexed"
        };
        eprintln!(
            "{verb} {}: {} in {:.1}s",
            crate::style::printable(&config.index.display().to_string()),
            summary,
            started.elapsed().as_secs_f64()
        );
    }
    if summary.interrupted {
        return Ok(ExitCode::from(130));
    }
    let problems = summary.skipped.len() + summary.warnings.len();
    if config.strict && problems > 0 {
        anyhow::bail!("{problems} files skipped or with warnings (--strict)");
    }
    Ok(ExitCode::SUCCESS)
}
