//! Reading article files: plain text, Markdown with front matter, JSON and JSON
//! lines, from bytes to [`Article`]s with their keys and ids.
//!
//! Files larger than [`MAX_FILE_BYTES`] are refused before they are read: one
//! article is never that large, and a collection that large should be split (a
//! file is read, hashed and parsed whole so that its articles are replaced
//! atomically on update). The indexer streams JSON-lines files instead
//! (`stream.rs`), where the cap is one line's.

use std::io::Read;
use std::path::Path;

use search_extract::PartialDate;
use xxhash_rust::xxh3::xxh3_64;

use crate::Skipped;
use crate::decode::{self, NotText};
use crate::formats::{self, Parsed, json, text};

/// Largest file read, in bytes (32 MiB): some 30,000 news articles in one feed,
/// while the few such files a run holds at once (one per worker, a few waiting
/// for the writer, each as bytes, articles and documents) stay inside a 512 MB
/// process next to the writer's budget.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// Longest `id` taken from a record; longer ones are ignored with a warning.
const MAX_ID_BYTES: usize = 256;

/// One article as read from a file (a JSON-lines file holds many).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Unique source key: canonical path, `#N` for record N of a JSON-lines file.
    pub key: String,
    /// Stable id shown to users: the record's own `id` when it has one, else
    /// derived from the key.
    pub id: String,
    /// The path as the user gave it.
    pub path: String,
    /// The headline (see the crate's overview for where it comes from).
    pub title: String,
    /// The article's text, which extraction reads.
    pub body: String,
    /// The publication date, at the precision the file gives.
    pub published: Option<PartialDate>,
    /// Byte offset of `body` within the file's text, when the body is a contiguous
    /// slice of it (`.txt`, `.md`); extraction spans are shifted by it. For a
    /// UTF-8 file (BOM included in the offset) these are file byte offsets; for a
    /// file decoded from another encoding, offsets into its UTF-8 decoding.
    /// `None` for JSON, whose body is an unescaped string.
    pub body_offset: Option<usize>,
    /// `url` from front matter, JSON or the page, when given.
    pub url: Option<String>,
    /// `source` (the publication), when given.
    pub source: Option<String>,
}

/// What reading one file gave.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    /// The articles read, in file order.
    pub articles: Vec<Article>,
    /// Non-fatal problems (`path: reason`).
    pub warnings: Vec<String>,
    /// Records left out of a many-article file (`path:line` or `path#N`, reason).
    pub skipped: Vec<Skipped>,
}

/// The formats read, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: the whole file, a headline-like first line as the title.
    Text,
    /// `.md`, `.markdown`: optional YAML or TOML front matter, then the text.
    Markdown,
    /// `.json`: an article object or an array of them.
    Json,
    /// `.jsonl`, `.ndjson`: an article object per line.
    JsonLines,
    /// A saved web page.
    Html,
    /// An RSS or Atom feed (`.xml` files that are not feeds are refused).
    Feed,
    /// A web archive, `.warc` or `.warc.gz`: an article per HTML response.
    Warc,
}

impl Format {
    /// The format of a path by its extension (case-insensitive); `None` for files
    /// that are not articles.
    pub fn of(path: &Path) -> Option<Format> {
        Format::of_name(path.file_name()?.as_encoded_bytes())
    }

    /// [`Format::of`] a file name's bytes, as the walk has them at hand.
    pub fn of_name(name: &[u8]) -> Option<Format> {
        // As `Path::extension`: none for a name without a dot or with only a
        // leading one (".md").
        let dot = name.iter().rposition(|&b| b == b'.').filter(|&at| at > 0)?;
        let ext = std::str::from_utf8(&name[dot + 1..]).ok()?;
        let is = |name: &str| ext.eq_ignore_ascii_case(name);
        Some(if is("txt") {
            Format::Text
        } else if is("md") || is("markdown") {
            Format::Markdown
        } else if is("json") {
            Format::Json
        } else if is("jsonl") || is("ndjson") {
            Format::JsonLines
        } else if is("html") || is("htm") {
            Format::Html
        } else if is("rss") || is("atom") || is("xml") {
            Format::Feed
        } else if is("warc")
            || (is("gz")
                && name.len() >= 8
                && name[name.len() - 8..].eq_ignore_ascii_case(b".warc.gz"))
        {
            Format::Warc
        } else {
            return None;
        })
    }
}

/// Why a file of another kind is not read: the kinds that are.
pub const NOT_AN_ARTICLE_FILE: &str =
    "not an article file (.txt, .md, .json, .jsonl, .html, .rss, .atom, .xml, .warc, .warc.gz)";

/// Why a file could not be opened or read, as the reason it is skipped.
pub(crate) fn file_reason(e: std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ => io_reason(&e),
    }
}

/// A file's key (its canonical path, as its articles are keyed) and metadata;
/// an error for what is not a regular file.
pub(crate) fn key_and_meta(path: &Path) -> Result<(String, std::fs::Metadata), String> {
    let key = std::fs::canonicalize(path)
        .map_err(file_reason)?
        .to_string_lossy()
        .into_owned();
    let meta = std::fs::metadata(path).map_err(file_reason)?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    Ok((key, meta))
}

/// Reads the articles of one file. `display` is the path as the user gave it.
/// `Err` carries the reason the whole file is skipped.
pub fn read_file(path: &Path, display: &str) -> Result<ReadOutcome, String> {
    let format = Format::of(path).ok_or(NOT_AN_ARTICLE_FILE)?;
    let reason = file_reason;
    let (key, meta) = key_and_meta(path)?;
    if format == Format::Warc {
        // Read record by record: a web archive has no size limit.
        let file = std::fs::File::open(path).map_err(reason)?;
        let reader = std::io::BufReader::with_capacity(256 << 10, file);
        return outcome(
            formats::warc::read_warc(reader)?,
            None,
            key.as_str(),
            display,
            path,
        );
    }
    let bytes = read_limited(path, Some(meta.len())).map_err(reason)?;
    parse(&bytes, format, &key, display, path)
}

/// Reads the articles in bytes held in memory, as [`read_file`] would from a
/// file of that `format`; `name` stands for the path in keys, titles and warnings.
pub fn read_bytes(bytes: &[u8], format: Format, name: &str) -> Result<ReadOutcome, String> {
    parse(bytes, format, name, name, Path::new(name))
}

/// Reads a whole file, refusing one over [`MAX_FILE_BYTES`] without reading it.
/// `known_len`, the size the walk already saw, saves a `stat` per file.
pub(crate) fn read_limited(path: &Path, known_len: Option<u64>) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let len = match known_len {
        Some(len) => len,
        None => file.metadata()?.len(),
    };
    read_open(file, len)
}

/// Reads an open file of `len` bytes (as measured), refusing one over
/// [`MAX_FILE_BYTES`] before reading it.
///
/// Reads the `len` bytes measured and no further, which spares the read that
/// would find the end of the file: one system call of the two per article file.
/// A file that grows meanwhile is read as it was measured, and recorded with
/// that size, so the next run sees it changed. A size of 0 may be a file that
/// does not report its size (procfs, some FUSE file systems): read to the end.
pub(crate) fn read_open(file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    if len > MAX_FILE_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    let limit = if len == 0 { MAX_FILE_BYTES + 1 } else { len };
    file.take(limit).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(len: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!(
            "file of {} MiB is over the {} MiB limit; split it into smaller files",
            len >> 20,
            MAX_FILE_BYTES >> 20
        ),
    )
}

/// A skip reason for an I/O error, in words a user can act on.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "vanished while indexing".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        // Our own error, whose message says what to do.
        std::io::ErrorKind::FileTooLarge => e.to_string(),
        _ => e.to_string(),
    }
}

/// The articles in a file's bytes. `key` is the file's source key, `path` is used
/// for a title when the article has none.
pub(crate) fn parse(
    bytes: &[u8],
    format: Format,
    key: &str,
    display: &str,
    path: &Path,
) -> Result<ReadOutcome, String> {
    if format == Format::Warc {
        return outcome(formats::warc::read_warc(bytes)?, None, key, display, path);
    }
    let decoded = match format {
        Format::Html => {
            decode::decode_declared(bytes, formats::html::declared_charset(bytes).as_deref())
        }
        _ => decode::decode(bytes),
    }
    .map_err(|e: NotText| e.to_string())?;
    let text = &decoded.text;
    let parsed: Parsed = match format {
        Format::Text => text::read_txt(text, decoded.bom_len),
        Format::Markdown => text::read_md(text, decoded.bom_len),
        Format::Json => json::read_json(text)?,
        Format::JsonLines => json::read_jsonl(text),
        Format::Html => formats::html::read_html(text)?,
        Format::Feed => formats::feed::read_feed(text)?,
        Format::Warc => unreachable!("read above"),
    };
    outcome(parsed, decoded.warning, key, display, path)
}

/// The articles of what a reader made of a file, with the decoding's warning.
fn outcome(
    parsed: Parsed,
    decoding_warning: Option<String>,
    key: &str,
    display: &str,
    path: &Path,
) -> Result<ReadOutcome, String> {
    let mut outcome = ReadOutcome::default();
    outcome
        .warnings
        .extend(decoding_warning.map(|w| format!("{display}: {w}")));
    outcome
        .warnings
        .extend(parsed.warnings.iter().map(|w| format!("{display}: {w}")));
    outcome.skipped = parsed
        .bad_records
        .into_iter()
        .map(|(at, reason)| Skipped {
            path: format!("{display}{at}").into(),
            reason,
        })
        .collect();
    if parsed.records.is_empty() {
        return Err(match outcome.skipped.len() {
            0 => "no articles in file".to_string(),
            n => format!(
                "no readable articles ({n} bad records, the first: {})",
                outcome.skipped[0].reason
            ),
        });
    }
    outcome.articles = articles_from(
        parsed.records,
        key,
        display,
        &formats::title_from_file_name(path),
        &mut outcome.warnings,
    );
    Ok(outcome)
}

/// Articles of a file's records: keys (`key#N` for record N), ids (the record's
/// own, else derived from the key) and titles (the record's, else `file_title`,
/// with ` #N` for a record). Warnings about ids go to `warnings`.
pub(crate) fn articles_from(
    records: impl IntoIterator<Item = formats::Record>,
    key: &str,
    display: &str,
    file_title: &str,
    warnings: &mut Vec<String>,
) -> Vec<Article> {
    records
        .into_iter()
        .map(|r| {
            // An id is a term of the index: one that long is not an id.
            let id = r.id.filter(|id| {
                let fits = id.len() <= MAX_ID_BYTES;
                if !fits {
                    let at = r.number.map(|n| format!(" record {n}")).unwrap_or_default();
                    warnings.push(format!(
                        "{display}:{at} id longer than {MAX_ID_BYTES} bytes; ignored"
                    ));
                }
                fits
            });
            let key = match r.number {
                Some(n) => crate::state::record_key(key, n as u64),
                None => key.to_string(),
            };
            let title = r.title.unwrap_or_else(|| match r.number {
                Some(n) => format!("{file_title} #{n}"),
                None => file_title.to_string(),
            });
            Article {
                id: id.unwrap_or_else(|| derived_id(&key)),
                key,
                path: display.to_string(),
                title,
                body: r.body,
                published: r.published,
                body_offset: r.body_offset,
                url: r.url,
                source: r.source,
            }
        })
        .collect()
}

/// The id of an article without one of its own: 16 hex digits of the xxh3 of its
/// key, stable for as long as the file stays where it is.
pub fn derived_id(key: &str) -> String {
    format!("{:016x}", xxh3_64(key.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_open_reads_the_measured_size_or_to_the_end_when_unmeasured() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Title\n\nBody text, grown since.").unwrap();
        let open = || std::fs::File::open(&path).unwrap();
        assert_eq!(read_open(open(), 5).unwrap(), b"Title");
        assert_eq!(
            read_open(open(), 0).unwrap(),
            b"Title\n\nBody text, grown since."
        );
        let err = read_open(open(), MAX_FILE_BYTES + 1).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
    }

    fn parse_str(text: &[u8], name: &str) -> Result<ReadOutcome, String> {
        let path = Path::new(name);
        parse(text, Format::of(path).unwrap(), "/abs/x", name, path)
    }

    #[test]
    fn formats_are_chosen_by_extension() {
        assert_eq!(Format::of(Path::new("a/B.TXT")), Some(Format::Text));
        assert_eq!(Format::of(Path::new("a.md")), Some(Format::Markdown));
        assert_eq!(Format::of(Path::new("a.json")), Some(Format::Json));
        assert_eq!(Format::of(Path::new("a.jsonl")), Some(Format::JsonLines));
        assert_eq!(Format::of(Path::new("a.html")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("a.HTM")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("a.css")), None);
        assert_eq!(Format::of(Path::new("news.RSS")), Some(Format::Feed));
        assert_eq!(Format::of(Path::new("a.atom")), Some(Format::Feed));
        assert_eq!(Format::of(Path::new("feed.xml")), Some(Format::Feed));
        assert_eq!(Format::of(Path::new("README")), None);
        assert_eq!(
            Format::of(Path::new("dir/.md")),
            None,
            "a hidden name, no extension"
        );
        assert_eq!(Format::of(Path::new("a.b.Md")), Some(Format::Markdown));
        assert_eq!(Format::of(Path::new("a.")), None);
    }

    #[test]
    fn a_txt_article_gets_key_id_path_and_file_name_title() {
        let out = parse_str(
            b"The envoy met the minister in Kabul.\nMore.",
            "seeds/001_x.txt",
        )
        .unwrap();
        let a = &out.articles[0];
        assert_eq!(a.key, "/abs/x");
        assert_eq!(a.id, derived_id("/abs/x"));
        assert_eq!(a.id.len(), 16);
        assert_eq!(a.path, "seeds/001_x.txt");
        assert_eq!(a.title, "001_x");
        assert_eq!(a.body_offset, Some(0));
    }

    #[test]
    fn jsonl_records_get_numbered_keys_and_bad_lines_are_skips() {
        let out = parse_str(
            b"{\"id\":\"a\",\"body\":\"x\"}\nnot json\n{\"body\":\"y\"}\n",
            "f.jsonl",
        )
        .unwrap();
        let keys: Vec<_> = out.articles.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["/abs/x#1", "/abs/x#3"]);
        assert_eq!(out.articles[0].id, "a");
        assert_eq!(out.articles[1].id, derived_id("/abs/x#3"));
        assert_eq!(out.articles[1].title, "f #3");
        assert_eq!(out.skipped.len(), 1);
        assert_eq!(out.skipped[0].path, Path::new("f.jsonl:2"));
    }

    #[test]
    fn an_overlong_id_is_replaced_by_a_derived_one() {
        let line = format!("{{\"id\": \"{}\", \"body\": \"x\"}}", "i".repeat(300));
        let out = parse_str(line.as_bytes(), "f.jsonl").unwrap();
        assert_eq!(out.articles[0].id, derived_id("/abs/x#1"));
        assert_eq!(
            out.warnings,
            ["f.jsonl: record 1 id longer than 256 bytes; ignored"]
        );
    }

    #[test]
    fn latin1_text_is_indexed_with_a_warning() {
        let out = parse_str(b"Caf\xE9 talks\nThe envoy met.", "old.txt").unwrap();
        assert_eq!(out.articles[0].title, "Café talks");
        assert_eq!(out.warnings.len(), 1);
        assert!(out.warnings[0].starts_with("old.txt: not UTF-8"));
    }

    #[test]
    fn binary_empty_and_articleless_files_are_refused() {
        assert!(parse_str(b"%PDF-1.4", "a.txt").unwrap_err().contains("PDF"));
        assert_eq!(parse_str(b"", "a.txt").unwrap_err(), "empty file");
        assert!(
            parse_str(b"broken\n", "a.jsonl")
                .unwrap_err()
                .contains("no readable articles")
        );
        assert!(
            parse_str(b"[]", "a.json")
                .unwrap_err()
                .contains("no articles")
        );
    }

    #[test]
    fn files_over_the_cap_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("dump.jsonl");
        // Sparse: costs no disk and no time.
        std::fs::File::create(&p)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        let err = read_limited(&p, None).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(
            read_file(&p, "dump.jsonl")
                .unwrap_err()
                .contains("over the 32 MiB limit")
        );
    }

    #[test]
    fn read_file_reads_from_disk_and_refuses_other_types() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "---\ntitle: Hello\n---\nBody").unwrap();
        let out = read_file(&p, "a.md").unwrap();
        assert_eq!(out.articles[0].title, "Hello");
        assert_eq!(
            out.articles[0].key,
            std::fs::canonicalize(&p).unwrap().to_string_lossy()
        );
        assert!(read_file(&dir.path().join("a.pdf"), "a.pdf").is_err());
        assert_eq!(
            read_file(&dir.path().join("gone.txt"), "gone.txt").unwrap_err(),
            "no such file"
        );
        std::fs::create_dir(dir.path().join("folder.txt")).unwrap();
        assert_eq!(
            read_file(&dir.path().join("folder.txt"), "folder.txt").unwrap_err(),
            "not a regular file"
        );
    }
}
