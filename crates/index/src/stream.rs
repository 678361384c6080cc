//! JSON-lines files of any size, read line by line in bounded memory and handed
//! to the writer in parts; a file that has only grown since it was indexed is
//! read from where the last run stopped.
//!
//! Each part's documents record the file's size and xxh3 hash *up to the end of
//! that part*, and the index state takes a file's largest recorded size (see
//! [`crate::state::load`]). So the state always says how far the file has been
//! read: after a complete run that is the whole file; after an interruption or a
//! crash between parts' commits, a prefix. Either way the next run hashes the
//! file's first `size` bytes: equal to the recorded hash, the file has only
//! grown (or the last run stopped early) and only the lines after it are read;
//! different, a line before it changed or went, and the file is read again whole
//! (its old articles deleted first).
//!
//! One line is one article and is capped at [`MAX_FILE_BYTES`]: a longer one is
//! skipped with a warning, without being held in memory.

use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

use xxhash_rust::xxh3::Xxh3;

use crate::Skipped;
use crate::article::{self, Article, MAX_FILE_BYTES};
use crate::document::FileMeta;
use crate::formats::json;
use crate::state::FileState;

/// Records per part at most: with [`PART_TEXT_BYTES`], what bounds the memory a
/// part takes while it is extracted and waits for the writer.
pub(crate) const PART_RECORDS: usize = 2048;
/// Article text per part at most.
pub(crate) const PART_TEXT_BYTES: usize = 4 << 20;
/// Read buffer.
const READ_BUFFER: usize = 256 << 10;

/// How a file is read this time.
pub(crate) struct Plan {
    /// The old articles stay and the lines after `offset` are added; else the
    /// file is read from its start and its old articles replaced.
    pub append: bool,
    hasher: Xxh3,
    offset: u64,
    /// Number of the first line read (from one).
    line: usize,
}

/// One part of a file, in file order.
pub(crate) struct Part {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
    /// Size and hash of the file up to the end of this part.
    pub meta: FileMeta,
    pub first: bool,
    pub last: bool,
}

impl Part {
    pub(crate) fn new(first: bool) -> Part {
        Part {
            articles: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            meta: FileMeta::default(),
            first,
            last: false,
        }
    }
}

/// Decides how to read a file of `size` bytes given what the index holds of it:
/// its recorded prefix unchanged and the file longer, an append; else whole.
pub(crate) fn plan(
    file: &mut std::fs::File,
    size: u64,
    old: Option<&FileState>,
) -> std::io::Result<Plan> {
    let whole = Plan {
        append: false,
        hasher: Xxh3::new(),
        offset: 0,
        line: 1,
    };
    let Some(old) = old.filter(|o| o.size > 0 && o.size < size) else {
        return Ok(whole);
    };
    let mut hasher = Xxh3::new();
    let mut newlines = 0;
    let mut reader = BufReader::with_capacity(READ_BUFFER, (&mut *file).take(old.size));
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        hasher.update(buf);
        newlines += buf.iter().filter(|&&b| b == b'\n').count();
        let n = buf.len();
        reader.consume(n);
    }
    drop(reader);
    file.seek(SeekFrom::Start(0))?;
    if hasher.digest() != old.hash {
        return Ok(whole);
    }
    Ok(Plan {
        append: true,
        hasher,
        offset: old.size,
        // The prefix ends at a line's end (or at the end of a last line without
        // one, which the next bytes then end): the next line is numbered on.
        line: newlines + 1,
    })
}

/// What [`read`] needs to know of the file.
pub(crate) struct Source<'a> {
    pub key: &'a str,
    pub display: &'a str,
    pub title: &'a str,
    pub size: u64,
    pub mtime: i64,
}

/// Reads the lines of `file` as `plan` says, up to `source.size` bytes (a file
/// growing meanwhile is read as it was measured), handing each part to `emit`,
/// which returns false to stop (cancelled, or the writer gone). The last part
/// handed over has `last` set, unless reading failed: then `Err`, after the
/// parts read so far.
pub(crate) fn read(
    mut file: std::fs::File,
    plan: Plan,
    source: &Source,
    mut emit: impl FnMut(Part) -> bool,
) -> std::io::Result<()> {
    let Plan {
        mut hasher,
        mut offset,
        mut line,
        ..
    } = plan;
    file.seek(SeekFrom::Start(offset))?;
    let mut reader = BufReader::with_capacity(READ_BUFFER, file.take(source.size - offset));
    let mut part = Part::new(true);
    // One part's records at a time, the vector kept from part to part: grown
    // anew for each, it was reallocated a dozen times a part.
    let mut records = Vec::with_capacity(PART_RECORDS);
    let mut text_bytes = 0;
    let mut bytes = Vec::new();
    let mut decoded_as_1252 = false;
    // Size and hash at the end of the last whole line read.
    let mut done = (offset, hasher.digest());
    loop {
        let before_line = hasher.clone();
        let (ended, too_long) = next_line(&mut reader, &mut bytes, &mut hasher)?;
        let consumed = bytes_consumed(&reader, source.size);
        if !ended && consumed == offset {
            break; // end of file
        }
        let line_start = offset;
        offset = consumed;
        let number = line;
        line += 1;
        let at_end = !ended;
        let result = if too_long {
            Some(Err(format!(
                "line longer than {} MiB; one article is never that long",
                MAX_FILE_BYTES >> 20
            )))
        } else {
            let mut raw: &[u8] = &bytes;
            if line_start == 0 {
                raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
            }
            let text = match std::str::from_utf8(raw) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => {
                    if !decoded_as_1252 {
                        decoded_as_1252 = true;
                        part.warnings.push(format!(
                            "{}: line {number} is not UTF-8; decoded as Windows-1252 (and any other such line)",
                            source.display
                        ));
                    }
                    encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw).0
                }
            };
            let text = text.trim();
            (!text.is_empty()).then(|| {
                let mut warnings = Vec::new();
                let record = json::read_line(text, number, &mut warnings);
                part.warnings.extend(
                    warnings
                        .into_iter()
                        .map(|w| format!("{}: {w}", source.display)),
                );
                record
            })
        };
        match result {
            Some(Ok(record)) => {
                text_bytes += record.body.len();
                records.push(record);
                done = (offset, hasher.digest());
            }
            // A last line without its end that does not parse may be one being
            // written: not counted as read, so the next run reads it again.
            Some(Err(_)) if at_end => {
                hasher = before_line;
                part.skipped.push(Skipped {
                    path: format!("{}:{number}", source.display).into(),
                    reason:
                        "incomplete last line (no line end, not valid JSON); read again next run"
                            .into(),
                });
            }
            Some(Err(reason)) => {
                part.skipped.push(Skipped {
                    path: format!("{}:{number}", source.display).into(),
                    reason,
                });
                done = (offset, hasher.digest());
            }
            None => done = (offset, hasher.digest()),
        }
        if records.len() >= PART_RECORDS || text_bytes >= PART_TEXT_BYTES {
            part.meta = FileMeta {
                hash: done.1,
                size: done.0,
                mtime: source.mtime,
            };
            part.articles = article::articles_from(
                records.drain(..),
                source.key,
                source.display,
                source.title,
                &mut part.warnings,
            );
            text_bytes = 0;
            if !emit(std::mem::replace(&mut part, Part::new(false))) {
                return Ok(());
            }
        }
        if at_end {
            break;
        }
    }
    part.meta = FileMeta {
        hash: done.1,
        size: done.0,
        mtime: source.mtime,
    };
    part.articles = article::articles_from(
        records,
        source.key,
        source.display,
        source.title,
        &mut part.warnings,
    );
    part.last = true;
    emit(part);
    Ok(())
}

/// Bytes of the file consumed so far: the file's size less what `take` still
/// allows less what the buffer holds unread.
fn bytes_consumed(reader: &BufReader<std::io::Take<std::fs::File>>, size: u64) -> u64 {
    size - reader.get_ref().limit() - reader.buffer().len() as u64
}

/// Reads the next line into `bytes` (without its `\n`), hashing every byte
/// consumed. Returns whether the line ended with `\n` (else the file did), and
/// whether it was over the cap (then `bytes` holds only its start).
fn next_line(
    reader: &mut impl BufRead,
    bytes: &mut Vec<u8>,
    hasher: &mut Xxh3,
) -> std::io::Result<(bool, bool)> {
    bytes.clear();
    let mut too_long = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok((false, too_long));
        }
        let (take, ended) = match memchr::memchr(b'\n', buf) {
            Some(at) => (at + 1, true),
            None => (buf.len(), false),
        };
        hasher.update(&buf[..take]);
        let content = &buf[..if ended { take - 1 } else { take }];
        if !too_long {
            if (bytes.len() + content.len()) as u64 > MAX_FILE_BYTES {
                too_long = true;
                bytes.clear();
                bytes.shrink_to(64 << 10);
            } else {
                bytes.extend_from_slice(content);
            }
        }
        reader.consume(take);
        if ended {
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            return Ok((true, too_long));
        }
    }
}

/// Part of a file's articles, as [`read_in_parts`] hands them over.
#[derive(Debug, Default)]
pub struct FilePart {
    /// The articles of this part, in file order.
    pub articles: Vec<Article>,
    /// Records of this part that could not be read.
    pub skipped: Vec<Skipped>,
    /// Warnings about this part (decoding, fields), each naming the file.
    pub warnings: Vec<String>,
}

/// Reads an article file whole, a JSON-lines file or a web archive of any size
/// in parts of bounded memory (at most about `PART_RECORDS` records or
/// `PART_TEXT_BYTES` of text each), handing each part to `emit`, which
/// returns whether to go on. For another engine than the local index, which
/// keeps no per-file state: every part is read from the start of the file.
///
/// Errors: the file cannot be opened or read, or is of no article format; the
/// parts handed over before an error stand.
pub fn read_in_parts(
    path: &std::path::Path,
    display: &str,
    mut emit: impl FnMut(FilePart) -> bool,
) -> Result<(), String> {
    use crate::article::{Format, NOT_AN_ARTICLE_FILE, file_reason, key_and_meta};
    let format = Format::of(path).ok_or(NOT_AN_ARTICLE_FILE)?;
    if !matches!(format, Format::JsonLines | Format::Warc) {
        let outcome = article::read_file(path, display)?;
        emit(FilePart {
            articles: outcome.articles,
            skipped: outcome.skipped,
            warnings: outcome.warnings,
        });
        return Ok(());
    }
    let reason = file_reason;
    let (key, meta) = key_and_meta(path)?;
    let mut file = std::fs::File::open(path).map_err(reason)?;
    let title = crate::formats::title_from_file_name(path);
    let source = Source {
        key: &key,
        display,
        title: &title,
        size: meta.len(),
        mtime: crate::walk::mtime_ns(&meta),
    };
    let emit = |part: Part| {
        emit(FilePart {
            articles: part.articles,
            skipped: part.skipped,
            warnings: part.warnings,
        })
    };
    if format == Format::Warc {
        crate::formats::warc::parts::read(file, &source, emit).map_err(reason)
    } else {
        let whole = plan(&mut file, source.size, None).map_err(reason)?;
        read(file, whole, &source, emit).map_err(reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_lines_file_in_parts_gives_the_articles_of_a_whole_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl");
        let mut lines = String::new();
        for n in 0..5000 {
            lines.push_str(&format!(
                "{{\"id\": \"a{n}\", \"title\": \"Story {n}\", \"body\": \"Rain in Lima, day {n}.\"}}\n"
            ));
        }
        lines.push_str("{\"title\": \"no body\"\n");
        std::fs::write(&path, lines).unwrap();
        let mut parts = 0;
        let mut ids = Vec::new();
        let mut skipped = Vec::new();
        read_in_parts(&path, "feed.jsonl", |part| {
            parts += 1;
            ids.extend(part.articles.iter().map(|a| a.id.clone()));
            skipped.extend(part.skipped);
            true
        })
        .unwrap();
        let whole = article::read_file(&path, "feed.jsonl").unwrap();
        let whole_ids: Vec<String> = whole.articles.iter().map(|a| a.id.clone()).collect();
        assert_eq!(parts, 5000_usize.div_ceil(PART_RECORDS));
        assert_eq!(ids.len(), 5000);
        assert_eq!(ids, whole_ids);
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert_eq!(skipped[0].path.to_string_lossy(), "feed.jsonl:5001");

        // `emit` saying stop ends the read after that part.
        let mut seen = 0;
        read_in_parts(&path, "feed.jsonl", |_| {
            seen += 1;
            false
        })
        .unwrap();
        assert_eq!(seen, 1);

        assert_eq!(
            read_in_parts(&dir.path().join("gone.jsonl"), "gone.jsonl", |_| true),
            Err("no such file".to_string())
        );
    }
}
