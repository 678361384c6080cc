//! Web archives (`.warc`, `.warc.gz`, WARC 1.0 and 1.1): an article per HTML
//! `response` record, its body text read as a saved page is
//! ([`super::html::read_html`]), its url the record's `WARC-Target-URI` and its
//! date the page's own, else the record's `WARC-Date`.
//!
//! Read record by record from any [`BufRead`]: a gzip-compressed file (one gzip
//! member per record, as crawlers write them, or one for the whole file) is
//! decoded as a stream, and only an HTML response's payload is held in memory,
//! up to [`MAX_FILE_BYTES`]; every other record is skipped over unread. So a
//! file of any size is read in bounded memory.
//!
//! A record is numbered by its position in the file, from 1, whatever its type:
//! `file.warc#3` is the file's third record for as long as the file is not
//! rewritten. A truncated record or corrupt gzip data ends the reading with a
//! [`Broken`] naming the record; the records before it stand.
//!
//! A small reader over `flate2` rather than the `warc` crate (0.4): that crate
//! reads each record's body whole with no cap, through `libflate` (a second
//! deflate beside the `flate2` the workspace has), with `nom` 7, `chrono`,
//! `url` and `uuid` 0.8 besides; and it stops at its first strict-header
//! complaint without saying which record.

mod http;
pub(crate) mod parts;

use std::io::{BufRead, BufReader, Read};

use flate2::bufread::MultiGzDecoder;

use super::{Parsed, Record};
use crate::article::MAX_FILE_BYTES;

/// Longest record header read (all its lines): real ones are under 2 KiB.
const MAX_HEADER_BYTES: usize = 64 << 10;
/// Read buffer over the file (and over the decompressed stream).
const READ_BUFFER: usize = 256 << 10;

/// One record of the file.
#[derive(Debug)]
pub struct Entry {
    /// Position in the file, from 1.
    pub number: usize,
    /// An HTML response's parts; `None` for any other record.
    pub page: Option<Page>,
    /// Why a record that looked like a page was not read (over the size cap).
    pub skipped: Option<String>,
}

/// What a `response` record holds: the HTTP response, still to be read.
#[derive(Debug)]
pub struct Page {
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// `WARC-Date`, as written.
    pub date: Option<String>,
    /// The HTTP response: status line, headers, body.
    pub http: Vec<u8>,
}

/// Why reading stopped before the end of the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Broken {
    /// The record that could not be read, from 1.
    pub number: usize,
    pub reason: String,
}

/// The records of a WARC file, in order. After a [`Broken`] the iterator ends.
pub struct Records<'a> {
    reader: Box<dyn BufRead + 'a>,
    number: usize,
    done: bool,
    line: Vec<u8>,
}

impl<'a> Records<'a> {
    /// Reads records from `reader`, decompressing it when it starts as gzip does.
    pub fn new(mut reader: impl BufRead + 'a) -> std::io::Result<Records<'a>> {
        let gzip = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let reader: Box<dyn BufRead + 'a> = if gzip {
            Box::new(BufReader::with_capacity(
                READ_BUFFER,
                MultiGzDecoder::new(reader),
            ))
        } else {
            Box::new(reader)
        };
        Ok(Records {
            reader,
            number: 0,
            done: false,
            line: Vec::new(),
        })
    }

    fn broken(&mut self, reason: impl Into<String>) -> Option<Result<Entry, Broken>> {
        self.done = true;
        Some(Err(Broken {
            number: self.number,
            reason: reason.into(),
        }))
    }

    /// Reads one line (with its end) into `self.line`; `Ok(false)` at the end of
    /// the input. A line over the header cap is an error.
    fn read_line(&mut self) -> std::io::Result<bool> {
        self.line.clear();
        let limit = (MAX_HEADER_BYTES + 1) as u64;
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.line)?;
        Ok(n > 0)
    }
}

/// The header fields a record's reading needs.
#[derive(Default)]
struct Header {
    warc_type: String,
    content_type: String,
    content_length: Option<u64>,
    target_uri: Option<String>,
    date: Option<String>,
}

impl Iterator for Records<'_> {
    type Item = Result<Entry, Broken>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        // Blank lines between records (the record's closing CRLF CRLF).
        loop {
            match self.read_line() {
                Ok(true) if self.line.trim_ascii().is_empty() => continue,
                Ok(true) => break,
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.number += 1;
                    return self.broken(read_error(&e));
                }
            }
        }
        self.number += 1;
        if !self.line.starts_with(b"WARC/") {
            return self.broken(format!(
                "not a WARC record (starts with {:?})",
                String::from_utf8_lossy(&self.line[..self.line.len().min(20)]).trim_end()
            ));
        }
        let header = match self.header() {
            Ok(header) => header,
            Err(reason) => return self.broken(reason),
        };
        let Some(length) = header.content_length else {
            return self.broken("record has no Content-Length");
        };
        let is_response = header.warc_type.eq_ignore_ascii_case("response")
            && header
                .content_type
                .to_ascii_lowercase()
                .starts_with("application/http");
        let mut entry = Entry {
            number: self.number,
            page: None,
            skipped: None,
        };
        let body = if is_response && length <= MAX_FILE_BYTES {
            let mut http = Vec::with_capacity(length.min(1 << 20) as usize);
            (&mut self.reader)
                .take(length)
                .read_to_end(&mut http)
                .map(|n| (n as u64, Some(http)))
        } else {
            if is_response {
                entry.skipped = Some(format!(
                    "response of {} MiB is over the {} MiB limit of one article",
                    length >> 20,
                    MAX_FILE_BYTES >> 20
                ));
            }
            std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())
                .map(|n| (n, None))
        };
        match body {
            Ok((read, _)) if read < length => {
                self.broken(format!("record truncated: {read} of its {length} bytes"))
            }
            Ok((_, http)) => {
                // The record ends with CRLF CRLF; other bytes there mean the
                // data is corrupt or the length wrong, and the record with them.
                for _ in 0..2 {
                    match self.read_line() {
                        Ok(true) if self.line.trim_ascii().is_empty() => {}
                        Ok(false) => break,
                        Ok(true) => {
                            return self.broken(
                                "record does not end where its Content-Length says (corrupt data or a wrong length)",
                            );
                        }
                        Err(e) => return self.broken(read_error(&e)),
                    }
                }
                entry.page = http.map(|http| Page {
                    target_uri: header.target_uri,
                    date: header.date,
                    http,
                });
                Some(Ok(entry))
            }
            Err(e) => self.broken(read_error(&e)),
        }
    }
}

impl Records<'_> {
    /// The header lines after the version line, up to the blank line.
    fn header(&mut self) -> Result<Header, String> {
        let mut header = Header::default();
        let mut total = 0;
        loop {
            match self.read_line() {
                Ok(true) => {}
                Ok(false) => return Err("record truncated in its header".into()),
                Err(e) => return Err(read_error(&e)),
            }
            total += self.line.len();
            if total > MAX_HEADER_BYTES {
                return Err(format!(
                    "record header longer than {} KiB",
                    MAX_HEADER_BYTES >> 10
                ));
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(header);
            }
            let Some((name, value)) = line.split_once(':') else {
                // A folded continuation line or junk: neither holds a field read here.
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.warc_type = value.to_string(),
                "content-type" => header.content_type = value.to_string(),
                "content-length" => {
                    header.content_length = Some(
                        value
                            .parse()
                            .map_err(|_| format!("bad Content-Length {value:?}"))?,
                    )
                }
                "warc-target-uri" => {
                    // WARC 1.0 examples wrap it in angle brackets.
                    let uri = value.trim_start_matches('<').trim_end_matches('>');
                    header.target_uri = (!uri.is_empty()).then(|| uri.to_string());
                }
                "warc-date" => header.date = Some(value.to_string()),
                _ => {}
            }
        }
    }
}

/// A read failure in words: the decoder's complaint is about the gzip data.
fn read_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            format!("corrupt gzip data ({e})")
        }
        std::io::ErrorKind::UnexpectedEof => "record truncated".into(),
        _ => e.to_string(),
    }
}

/// The article of a response record: `Ok(None)` when it is not an HTML page
/// (another status, another content type), `Err` with the reason when it is
/// one without article text.
pub fn article(number: usize, page: Page) -> Result<Option<Record>, String> {
    let Some(html) = http::html_body(&page.http)? else {
        return Ok(None);
    };
    drop(page.http);
    let charset = html
        .charset
        .or_else(|| super::html::declared_charset(&html.body));
    let decoded = crate::decode::decode_declared(&html.body, charset.as_deref())
        .map_err(|e| e.to_string())?;
    let parsed = super::html::read_html(&decoded.text)?;
    let Some(mut record) = parsed.records.into_iter().next() else {
        return Err("no article text found in the page".into());
    };
    record.number = Some(number);
    record.url = page.target_uri.or(record.url);
    record.published = record
        .published
        .or_else(|| page.date.as_deref().and_then(super::parse_date));
    Ok(Some(record))
}

/// Every article of a WARC file read whole (`search extract`, tests), with
/// the records left out and why; a broken record is a warning.
pub fn read_warc(reader: impl BufRead) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let records = Records::new(reader).map_err(|e| read_error(&e))?;
    for entry in records {
        match entry {
            Ok(entry) => {
                if let Some(reason) = entry.skipped {
                    parsed
                        .bad_records
                        .push((format!("#{}", entry.number), reason));
                }
                let Some(page) = entry.page else { continue };
                match article(entry.number, page) {
                    Ok(Some(record)) => parsed.records.push(record),
                    Ok(None) => {}
                    Err(reason) => parsed
                        .bad_records
                        .push((format!("#{}", entry.number), reason)),
                }
            }
            Err(broken) => {
                if broken.number == 1 {
                    return Err(format!("not a readable WARC file: {}", broken.reason));
                }
                if parsed.records.is_empty() {
                    return Err(broken_warning(&broken));
                }
                parsed.warnings.push(broken_warning(&broken));
            }
        }
    }
    Ok(parsed)
}

/// The warning for reading that stopped at a record.
pub(crate) fn broken_warning(broken: &Broken) -> String {
    format!(
        "record {}: {}; the records before it are read, the rest not",
        broken.number, broken.reason
    )
}

#[cfg(test)]
mod tests;
