//! `search serve`: the HTTP API and web page of `search-serve`, until Ctrl-C,
//! over the local index or the shards of an engine (`--engine URL`).

use std::process::ExitCode;

use crate::UsageError;
use crate::args::ServeArgs;

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let mut config = search_serve::Config::new(args.index, args.listen);
    if let Some(origin) = args.cors {
        config = config.cors(origin);
    }
    // Scripts wait for this line to know the server is up (and its port).
    let ready = |addr| println!("serving http://{addr}/ (Ctrl-C stops)");
    let served = match &args.engine {
        Some(url) => {
            let engine = crate::engine_cmd::open(url)?;
            let backend = search_serve::Backend::engine(std::sync::Arc::new(engine));
            search_serve::serve_backend(backend, config, ready)
        }
        None => search_serve::serve_with(config, ready),
    };
    served.map_err(|e| match e {
        e @ search_serve::ServeError::Cors(_) => UsageError(format!("--cors: {e}")).into(),
        e => anyhow::Error::new(e),
    })?;
    Ok(ExitCode::SUCCESS)
}
