//! `search serve`: the HTTP API and web page of `search-serve`, until Ctrl-C.

use std::process::ExitCode;

use crate::UsageError;
use crate::args::ServeArgs;

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let mut config = search_serve::Config::new(args.index, args.listen);
    if let Some(origin) = args.cors {
        config = config.cors(origin);
    }
    search_serve::serve_with(config, |addr| {
        // Scripts wait for this line to know the server is up (and its port).
        println!("serving http://{addr}/ (Ctrl-C stops)");
    })
    .map_err(|e| match e {
        e @ search_serve::ServeError::Cors(_) => UsageError(format!("--cors: {e}")).into(),
        e => anyhow::Error::new(e),
    })?;
    Ok(ExitCode::SUCCESS)
}
