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
                ProgressStyle::with_template("{bar:30} {pos}/{len} files  {rate}  {eta} left")
                    .expect("static template is valid")
                    .with_key(
                        "rate",
                        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = w.write_str(&rate(state.per_sec()));
                        },
                    ),
            );
        }
        Bar { bar }
    }
}

/// Files a second as a whole number (indicatif's `{per_sec}` shows four decimals).
fn rate(per_sec: f64) -> String {
    format!("{per_sec:.0} files/s")
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
    if let Some(url) = &config.engine {
        let result = crate::engine_cmd::index(&config, url, &bar);
        bar.bar.finish_and_clear();
        return result;
    }
    let indexer = config.indexer().progress(&bar).cancel_on(&cancel);
    let index_name = config.index.display().to_string();
    let index_name = crate::style::printable(&index_name);
    // A pass of a watch that is not the first is timed by nobody: no time.
    let report = |summary: &search_index::Summary, started: Option<Instant>| {
        if !config.quiet {
            let verb = if summary.interrupted {
                "interrupted; committed"
            } else {
                "indexed"
            };
            let took = started.map_or(String::new(), |s| {
                format!(" in {:.1}s", s.elapsed().as_secs_f64())
            });
            eprintln!("{verb} {index_name}: {summary}{took}");
        }
    };
    let result = if config.watch {
        let mut first = true;
        indexer.watch(
            &config.paths,
            |summary| {
                if first {
                    bar.bar.finish_and_clear();
                    // Later passes are short: no bar, a line each.
                    bar.bar.set_draw_target(ProgressDrawTarget::hidden());
                    report(summary, Some(started));
                    if !config.quiet {
                        eprintln!("watching for changes; Ctrl-C stops");
                    }
                    first = false;
                } else {
                    report(summary, None);
                }
            },
            |warning| bar.warn(warning),
        )
    } else {
        indexer.update(&config.paths)
    };
    bar.bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(e @ (IndexError::NoSuchInput(_) | IndexError::Gazetteer(_))) => {
            return Err(UsageError(e.to_string()).into());
        }
        // The library's advice, in the command's terms.
        Err(IndexError::Open(e)) => {
            anyhow::bail!("{e}; run `search index --rebuild` to build it anew")
        }
        Err(e @ IndexError::NotAnIndex(_)) => anyhow::bail!("{e} with --index"),
        Err(e) => return Err(e.into()),
    };
    if !config.watch {
        report(&summary, Some(started));
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

#[cfg(test)]
mod tests {
    #[test]
    fn rate_is_a_whole_number() {
        assert_eq!(super::rate(1234.5678), "1235 files/s");
        assert_eq!(super::rate(0.2), "0 files/s");
    }
}
