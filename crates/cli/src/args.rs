//! Command-line arguments (clap derive) and their validation into plain config
//! structs that the commands run on.

use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand};
use search_extract::PartialDate;

/// Index folders of news articles and search them with person, country and date
/// facets.
#[derive(Debug, Parser)]
#[command(name = "search", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or update the index from files and folders of articles
    Index(IndexArgs),
    /// Search the index: ranked hits, snippets and facet counts
    Query(QueryArgs),
    /// Print the persons, organisations, countries and dates of files (or standard input)
    Extract(ExtractArgs),
    /// Serve the index over HTTP: a JSON API and a faceted web page
    Serve(ServeArgs),
    /// Print a shell completion script (e.g. `search completions bash > ~/.local/share/bash-completion/completions/search`)
    Completions(CompletionsArgs),
    /// Print the man page of search or of one command (e.g. `search man query > search-query.1`)
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, as search-COMMAND(1) [default: the page of search]
    #[arg(value_name = "COMMAND", value_parser = ["index", "query", "extract", "serve", "completions", "man"])]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index (.txt, .md, .json, .jsonl, .html, .rss/.atom/.xml feeds, .warc)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Index directory
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Worker threads for reading and extraction [default: number of cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
    /// Memory budget of the index writer in MiB
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u32).range(16..=65_536))]
    pub memory: u32,
    /// Throw the existing index away and build it anew
    #[arg(long)]
    pub rebuild: bool,
    /// Fail (exit 1) when any file was skipped or had a warning
    #[arg(long)]
    pub strict: bool,
    /// Print nothing but errors and warnings
    #[arg(long, short)]
    pub quiet: bool,
    /// Your gazetteer of persons, organisations and places [default: DIR/gazetteer.txt if present]
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
    /// After indexing, keep running and index files as they appear, change or vanish (Ctrl-C stops)
    #[arg(long)]
    pub watch: bool,
    /// Commit at least every MS milliseconds (default 30 s); for tests that kill runs mid-way
    #[arg(long, value_name = "MS", hide = true)]
    pub commit_interval_ms: Option<u64>,
    /// Write to the shards of a Sphinx/Manticore engine instead of --index (the URL deploy/sphinx/shards.sh prints)
    #[arg(long, value_name = "URL", conflicts_with_all = ["index", "rebuild", "watch", "memory"])]
    pub engine: Option<String>,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Words, "phrases", word*, title:word, AND/OR/NOT, -word; empty or * matches every article
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,
    /// Index directory
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Only articles mentioning this country (name or ISO code); repeat for any of several
    #[arg(long, value_name = "C")]
    pub country: Vec<String>,
    /// Only articles mentioning this person (name or alias); repeat for any of several
    #[arg(long, value_name = "P")]
    pub person: Vec<String>,
    /// Only articles mentioning this organisation (name or alias); repeat for any of several
    #[arg(long, value_name = "O")]
    pub org: Vec<String>,
    /// Only articles with a date on or after this one (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "D", value_parser = parse_date)]
    pub from: Option<PartialDate>,
    /// Only articles with a date on or before this one (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "D", value_parser = parse_date)]
    pub to: Option<PartialDate>,
    /// Number of hits to show
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub limit: u32,
    /// Number of hits to pass over (for paging)
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub offset: u32,
    /// Print one JSON object instead of text
    #[arg(long)]
    pub json: bool,
    /// No typo tolerance: match every word only as typed
    #[arg(long)]
    pub exact: bool,
    /// Order of the hits: best match, or by publication date (undated last)
    #[arg(long, value_name = "ORDER", default_value = "relevance", value_parser = parse_sort())]
    pub sort: search_query::Sort,
    /// Search the shards of a Sphinx/Manticore engine instead of --index (no typo tolerance there)
    #[arg(long, value_name = "URL", conflicts_with = "index")]
    pub engine: Option<String>,
    /// Most frequent values listed of each facet but the dates (counts stay over all matches); 0 lists every value
    // The default is search_query::DEFAULT_FACET_LIMIT; a test holds them equal.
    #[arg(long, value_name = "N", default_value = "100", value_parser = parse_facet_limit)]
    pub facet_limit: std::option::Option<usize>,
}

/// `--facet-limit`: the parsing of the API's `facet_limit`.
fn parse_facet_limit(s: &str) -> Result<Option<usize>, String> {
    search_query::parse_facet_limit(s).map_err(|e| e.to_string())
}

/// `--sort`'s values, listed for help and completions.
fn parse_sort() -> impl clap::builder::TypedValueParser<Value = search_query::Sort> {
    let names = search_query::Sort::ALL.map(|(name, _)| name);
    clap::builder::PossibleValuesParser::new(names)
        .map(|name| name.parse::<search_query::Sort>().unwrap_or_default())
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files; standard input when none
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print one JSON object per article
    #[arg(long)]
    pub json: bool,
    /// Your gazetteer of persons, organisations and places
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
    /// With --json, add the text the mention offsets point into
    #[arg(long, requires = "json")]
    pub text: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Index directory
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Address and port to listen on (loopback by default; 0.0.0.0:8080 for every interface)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Let web pages from this origin (`https://example.org`) call the API
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Serve the shards of a Sphinx/Manticore engine instead of --index (no typo tolerance there)
    #[arg(long, value_name = "URL", conflicts_with = "index")]
    pub engine: Option<String>,
}

fn parse_date(s: &str) -> Result<PartialDate, String> {
    s.parse::<PartialDate>().map_err(|e| e.to_string())
}

/// A validated `search query`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryConfig {
    pub index: PathBuf,
    pub query: search_query::Query,
    pub json: bool,
    pub engine: Option<String>,
}

impl QueryArgs {
    /// Checks what clap cannot and builds the query.
    pub fn validate(self) -> Result<QueryConfig, String> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from.first_day() > to.last_day()
        {
            return Err(format!("--from {from} is after --to {to}; swap them"));
        }
        let text = self.query.unwrap_or_default();
        let text = if text.trim() == "*" {
            String::new()
        } else {
            text
        };
        let mut query = search_query::Query::text(text)
            .limit(self.limit as usize)
            .offset(self.offset as usize)
            .exact(self.exact)
            .sort(self.sort);
        query.countries = self.country;
        query.persons = self.person;
        query.organizations = self.org;
        query.from = self.from;
        query.to = self.to;
        query.facet_limit = self.facet_limit;
        Ok(QueryConfig {
            index: self.index,
            query,
            json: self.json,
            engine: self.engine,
        })
    }
}

/// A validated `search index`.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    pub index: PathBuf,
    pub paths: Vec<PathBuf>,
    pub threads: usize,
    pub memory_budget: usize,
    pub rebuild: bool,
    pub gazetteer: Option<PathBuf>,
    pub commit_interval: Option<std::time::Duration>,
    pub watch: bool,
    pub strict: bool,
    pub quiet: bool,
    pub engine: Option<String>,
}

impl IndexConfig {
    /// The indexer these settings describe (progress and cancellation are the
    /// caller's to add).
    pub fn indexer(&self) -> search_index::Indexer<'static> {
        let indexer = search_index::Indexer::new(&self.index)
            .threads(self.threads)
            .memory_budget(self.memory_budget)
            .rebuild(self.rebuild)
            .gazetteer(self.gazetteer.clone());
        match self.commit_interval {
            Some(interval) => indexer.commit_interval(interval),
            None => indexer,
        }
    }
}

impl IndexArgs {
    pub fn validate(self) -> IndexConfig {
        let threads = self
            .threads
            .map(usize::from)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
        IndexConfig {
            index: self.index,
            paths: self.paths,
            threads,
            memory_budget: self.memory as usize * 1024 * 1024,
            rebuild: self.rebuild,
            gazetteer: self.gazetteer,
            commit_interval: self
                .commit_interval_ms
                .map(std::time::Duration::from_millis),
            watch: self.watch,
            strict: self.strict,
            quiet: self.quiet,
            engine: self.engine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("search").chain(args.iter().copied()))
    }

    fn query(args: &[&str]) -> QueryConfig {
        match parse(args).unwrap().command {
            Command::Query(q) => q.validate().unwrap(),
            other => panic!("not a query: {other:?}"),
        }
    }

    #[test]
    fn query_flags_build_the_query() {
        let c = query(&[
            "query",
            "Muttaqi",
            "--country",
            "Russia",
            "--country",
            "IR",
            "--person",
            "muttaqi",
            "--org",
            "Taliban",
            "--org",
            "UN",
            "--from",
            "2025",
            "--to",
            "2025-12-17",
            "--limit",
            "5",
            "--offset",
            "5",
            "--json",
            "--exact",
            "--sort",
            "newest",
            "--index",
            "/tmp/i",
            "--facet-limit",
            "7",
        ]);
        assert_eq!(c.index, PathBuf::from("/tmp/i"));
        assert_eq!(c.query.facet_limit, Some(7));
        assert!(c.json && c.query.exact);
        assert_eq!(c.query.sort, search_query::Sort::Newest);
        assert_eq!(c.query.text, "Muttaqi");
        assert_eq!(c.query.countries, ["Russia", "IR"]);
        assert_eq!(c.query.persons, ["muttaqi"]);
        assert_eq!(c.query.organizations, ["Taliban", "UN"]);
        assert_eq!(c.query.from.unwrap().to_string(), "2025");
        assert_eq!(c.query.to.unwrap().to_string(), "2025-12-17");
        assert_eq!((c.query.limit, c.query.offset), (5, 5));
    }

    #[test]
    fn query_defaults_and_star() {
        let c = query(&["query"]);
        assert_eq!(c.index, PathBuf::from("index"));
        assert_eq!(c.query.text, "");
        assert_eq!((c.query.limit, c.query.offset, c.json), (10, 0, false));
        assert!(!c.query.exact);
        assert_eq!(c.query.sort, search_query::Sort::Relevance);
        let err = parse(&["query", "--sort", "latest"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.to_string().contains("relevance, newest, oldest"),
            "{err}"
        );
        assert_eq!(query(&["query", "*"]).query.text, "");
    }

    #[test]
    fn facet_limit_defaults_like_the_library_and_zero_is_every_value() {
        let default = query(&["query"]).query.facet_limit;
        assert_eq!(default, Some(search_query::DEFAULT_FACET_LIMIT));
        assert_eq!(default, search_query::Query::all().facet_limit);
        assert_eq!(
            query(&["query", "--facet-limit", "0"]).query.facet_limit,
            None
        );
        let err = parse(&["query", "--facet-limit", "lots"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.to_string().contains(
                "the facet limit must be a whole number of values (0 for every value), not `lots`"
            ),
            "{err}"
        );
    }

    #[test]
    fn bad_dates_are_usage_errors_naming_the_forms() {
        let err = parse(&["query", "--from", "2025/12"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.to_string().contains("use YYYY, YYYY-MM or YYYY-MM-DD"),
            "{err}"
        );
    }

    #[test]
    fn reversed_range_is_rejected() {
        let Command::Query(q) = parse(&["query", "--from", "2025", "--to", "2024-06"])
            .unwrap()
            .command
        else {
            panic!()
        };
        assert_eq!(
            q.validate().unwrap_err(),
            "--from 2025 is after --to 2024-06; swap them"
        );
    }

    #[test]
    fn index_needs_a_path_and_takes_options() {
        assert!(parse(&["index"]).is_err());
        let Command::Index(a) = parse(&[
            "index",
            "seeds",
            "--threads",
            "3",
            "--memory",
            "64",
            "--rebuild",
        ])
        .unwrap()
        .command
        else {
            panic!()
        };
        let c = a.validate();
        assert_eq!(c.threads, 3);
        assert_eq!(c.memory_budget, 64 << 20);
        assert!(c.rebuild);
        assert!(parse(&["index", "seeds", "--threads", "0"]).is_err());
    }
}
