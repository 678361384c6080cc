//! `search index --engine URL`, `search query --engine URL` and `search serve
//! --engine URL`: the same commands on the shards of a SphinxQL engine (crate `search-sphinx`).

use std::process::ExitCode;
use std::time::Instant;

use search_query::{Query, QueryError, Results};
use search_sphinx::{Engine, EngineError, EngineUrl};

use crate::UsageError;
use crate::args::IndexConfig;

/// Opens the engine at `url`, with this program's advice on failure.
pub fn open(url: &str) -> anyhow::Result<Engine> {
    let url: EngineUrl = url.parse().map_err(engine_error)?;
    Engine::open(&url).map_err(engine_error)
}

/// The library's error in this program's terms.
fn engine_error(e: EngineError) -> anyhow::Error {
    if e.is_user_error() {
        return UsageError(format!("--engine: {e}")).into();
    }
    let advice = match &e {
        EngineError::Connect { .. } => {
            "is it running? start shards with `deploy/sphinx/shards.sh start DIR N`"
        }
        _ => "check the shards' logs (DIR/shard*/searchd.log)",
    };
    let line = crate::one_line(&anyhow::Error::new(e));
    anyhow::anyhow!("{line}; {advice}")
}

/// `search index PATH... --engine URL`.
pub fn index(
    config: &IndexConfig,
    url: &str,
    progress: &dyn search_index::Progress,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let engine = open(url)?;
    let summary = engine
        .update(
            &config.paths,
            config.gazetteer.as_deref(),
            config.threads,
            progress,
        )
        .map_err(|e| match e {
            e @ EngineError::Walk(_) => UsageError(crate::one_line(&anyhow::Error::new(e))).into(),
            e => engine_error(e),
        })?;
    if !config.quiet {
        eprintln!(
            "indexed {}: {summary} in {:.1}s",
            engine.url(),
            started.elapsed().as_secs_f64()
        );
    }
    let problems = summary.skipped.len() + summary.warnings.len();
    if config.strict && problems > 0 {
        anyhow::bail!("{problems} files skipped or with warnings (--strict)");
    }
    Ok(ExitCode::SUCCESS)
}

/// `search query ... --engine URL`.
pub fn search(url: &str, query: &Query) -> anyhow::Result<Results> {
    let engine = open(url)?;
    engine.search(query).map_err(|e| match e {
        e if e.is_user_error() => UsageError(e.to_string()).into(),
        QueryError::Engine(inner) => match inner.downcast::<EngineError>() {
            Ok(e) => engine_error(*e),
            Err(other) => anyhow::anyhow!("{other}"),
        },
        e => anyhow::Error::new(e),
    })
}
