//! `search completions SHELL` and `search man`: a shell completion script and
//! the man page, both generated from the argument definitions, so they list
//! exactly the commands and flags the binary takes.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::args::Cli;

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> anyhow::Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "search", &mut script);
    print(&script)
}

/// Prints the man page (roff) of `search`, or of one of its commands as
/// `search-COMMAND(1)`, the page the main one refers to.
pub fn man(command: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut cli = Cli::command();
    cli.build(); // gives each command its `search COMMAND` synopsis
    let cmd = match command {
        None => cli,
        Some(name) => {
            let sub = cli
                .find_subcommand(name)
                .with_context(|| format!("no command `{name}`"))?;
            // clap takes a `&'static str` name (without its `string`
            // feature); the process prints one page and ends.
            let title: &'static str = format!("search-{name}").leak();
            sub.clone().name(title).version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut page)
        .context("cannot render the man page")?;
    print(&page)
}

fn print(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        // `search man | head` closing the pipe early is not a failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
