//! A WARC file read for the indexer in parts, as JSON lines are
//! ([`crate::stream`]): each part's articles go to the writer while the next
//! records are read, so a file of any size takes bounded memory.
//!
//! A WARC file is always read whole (crawls are not appended to): a part before
//! the last records size 0, so a run stopped between parts leaves the file
//! looking changed and the next run reads it again; the last part records the
//! whole file's size and hash.

use std::cell::RefCell;
use std::io::{BufReader, Read, Seek};
use std::rc::Rc;

use xxhash_rust::xxh3::Xxh3;

use super::{Records, article, broken_warning};
use crate::Skipped;
use crate::article::articles_from;
use crate::document::FileMeta;
use crate::stream::{PART_RECORDS, PART_TEXT_BYTES, Part, Source};

/// Read buffer over the file.
const READ_BUFFER: usize = 256 << 10;

/// The file's bytes as read, hashed on the way.
struct Hashing<R> {
    inner: R,
    /// The hash and count of the bytes read so far.
    read: Rc<RefCell<(Xxh3, u64)>>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut read = self.read.borrow_mut();
        read.0.update(&buf[..n]);
        read.1 += n as u64;
        Ok(n)
    }
}

/// Reads the records of `file` (measured at `source.size` bytes), handing each
/// part to `emit`, which returns false to stop. The last part has `last` set.
/// A broken record is a warning in the last part; an unreadable first record
/// (not a WARC file at all) leaves the last part without articles.
pub(crate) fn read(
    mut file: std::fs::File,
    source: &Source,
    mut emit: impl FnMut(Part) -> bool,
) -> std::io::Result<()> {
    file.rewind()?;
    // A second handle on the same open file (same offset), to hash what the
    // records left unread.
    let rest = file.try_clone()?;
    let read = Rc::new(RefCell::new((Xxh3::new(), 0)));
    let reader = BufReader::with_capacity(
        READ_BUFFER,
        Hashing {
            inner: file.take(source.size),
            read: read.clone(),
        },
    );
    let in_part = |records: &mut Vec<_>, part: &mut Part| {
        part.articles = articles_from(
            std::mem::take(records),
            source.key,
            source.display,
            source.title,
            &mut part.warnings,
        );
    };
    let mut part = Part::new(true);
    let mut records = Vec::new();
    let mut text_bytes = 0;
    for entry in Records::new(reader)? {
        let entry = match entry {
            Ok(entry) => entry,
            Err(broken) if broken.number == 1 => {
                part.skipped.push(Skipped {
                    path: source.display.into(),
                    reason: format!("not a readable WARC file: {}", broken.reason),
                });
                break;
            }
            // Nothing read before the break: the file is skipped, and says why.
            Err(broken) if part.first && records.is_empty() => {
                part.skipped.push(Skipped {
                    path: source.display.into(),
                    reason: broken_warning(&broken),
                });
                break;
            }
            Err(broken) => {
                part.warnings
                    .push(format!("{}: {}", source.display, broken_warning(&broken)));
                break;
            }
        };
        let at = |reason| Skipped {
            path: format!("{}#{}", source.display, entry.number).into(),
            reason,
        };
        if let Some(reason) = entry.skipped {
            part.warnings.push(format!(
                "{}: record {}: {reason}; skipped",
                source.display, entry.number
            ));
        }
        let Some(page) = entry.page else { continue };
        match article(entry.number, page) {
            Ok(Some(record)) => {
                text_bytes += record.body.len();
                records.push(record);
            }
            Ok(None) => {}
            Err(reason) => part.skipped.push(at(reason)),
        }
        if records.len() >= PART_RECORDS || text_bytes >= PART_TEXT_BYTES {
            in_part(&mut records, &mut part);
            text_bytes = 0;
            if !emit(std::mem::replace(&mut part, Part::new(false))) {
                return Ok(());
            }
        }
    }
    // What the records did not read (a gzip trailer, what follows a broken
    // record) is hashed too: the hash is the file's.
    let consumed = read.borrow().1;
    let mut rest = Hashing {
        inner: rest.take(source.size.saturating_sub(consumed)),
        read: read.clone(),
    };
    std::io::copy(&mut rest, &mut std::io::sink())?;
    in_part(&mut records, &mut part);
    part.meta = FileMeta {
        hash: read.borrow().0.digest(),
        size: source.size,
        mtime: source.mtime,
    };
    part.last = true;
    emit(part);
    Ok(())
}
