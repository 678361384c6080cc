use std::io::Write;

use search_extract::PartialDate;

use super::*;

/// Seven records: warcinfo, request, an HTML page (dated by its metadata),
/// metadata, a JSON response, an ISO-8859-1 HTML page without a date, a 404
/// page.
const TWO_PAGES: &[u8] = include_bytes!("testdata/two_pages.warc");

/// The byte ranges of the fixture's records (each with its closing CRLF CRLF).
fn record_ranges(warc: &[u8]) -> Vec<std::ops::Range<usize>> {
    let starts: Vec<usize> = (0..warc.len())
        .filter(|&i| warc[i..].starts_with(b"WARC/1.0\r\n"))
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, &s)| s..starts.get(n + 1).copied().unwrap_or(warc.len()))
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// One gzip member per record, as crawlers write `.warc.gz`.
fn gzip_per_record(warc: &[u8]) -> Vec<Vec<u8>> {
    record_ranges(warc)
        .into_iter()
        .map(|r| gzip(&warc[r]))
        .collect()
}

/// (record number, title, url, date, a phrase of the body) of each article.
fn summary(parsed: &Parsed) -> Vec<(usize, String, String, Option<PartialDate>, bool)> {
    parsed
        .records
        .iter()
        .map(|r| {
            (
                r.number.unwrap(),
                r.title.clone().unwrap_or_default(),
                r.url.clone().unwrap_or_default(),
                r.published,
                r.body.contains("talks with the foreign minister")
                    || r.body.contains("Hundreds of café owners gathered"),
            )
        })
        .collect()
}

fn expected() -> Vec<(usize, String, String, Option<PartialDate>, bool)> {
    vec![
        (
            3,
            "Envoy visits Kabul".into(),
            "https://news.example.com/world/envoy-visits-kabul".into(),
            // The page's own date, not the record's.
            PartialDate::day(2021, 8, 15),
            true,
        ),
        (
            6,
            "Café owners protest new tax".into(),
            "https://town.example.org/news/cafe-tax".into(),
            // The page gives none: the record's WARC-Date.
            PartialDate::day(2022, 3, 4),
            true,
        ),
    ]
}

#[test]
fn the_fixture_has_seven_records() {
    assert_eq!(record_ranges(TWO_PAGES).len(), 7);
}

#[test]
fn html_responses_are_articles_and_other_records_are_not() {
    let parsed = read_warc(TWO_PAGES).unwrap();
    assert_eq!(summary(&parsed), expected());
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert!(parsed.bad_records.is_empty(), "{:?}", parsed.bad_records);
    // The menu and footer are not the article's text.
    assert!(!parsed.records[0].body.contains("Copyright"));
}

#[test]
fn gzip_whole_or_per_record_reads_the_same() {
    let whole = gzip(TWO_PAGES);
    assert_eq!(summary(&read_warc(&whole[..]).unwrap()), expected());
    let members = gzip_per_record(TWO_PAGES).concat();
    assert_eq!(summary(&read_warc(&members[..]).unwrap()), expected());
}

#[test]
fn a_truncated_record_is_a_warning_and_the_records_before_it_stand() {
    let ranges = record_ranges(TWO_PAGES);
    let cut = ranges[5].start + 300;
    let parsed = read_warc(&TWO_PAGES[..cut]).unwrap();
    assert_eq!(summary(&parsed), expected()[..1]);
    let record = &TWO_PAGES[ranges[5].clone()];
    let header_len = record.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    // Less the closing CRLF CRLF.
    let length = record.len() - header_len - 4;
    assert_eq!(
        parsed.warnings,
        [format!(
            "record 6: record truncated: {} of its {length} bytes; the records before it are read, the rest not",
            300 - header_len
        )]
    );
    // Cut before any page: no article, and the break is the reason.
    assert_eq!(
        read_warc(&TWO_PAGES[..ranges[2].start + 20]).unwrap_err(),
        "record 3: record truncated in its header; the records before it are read, the rest not"
    );
    // Cut inside the header.
    let parsed = read_warc(&TWO_PAGES[..ranges[5].start + 20]).unwrap();
    assert_eq!(summary(&parsed), expected()[..1]);
    assert_eq!(
        parsed.warnings,
        ["record 6: record truncated in its header; the records before it are read, the rest not"]
    );
}

#[test]
fn a_corrupt_gzip_member_is_a_warning_and_the_records_before_it_stand() {
    let mut members = gzip_per_record(TWO_PAGES);
    // Flip bytes in the middle of the sixth record's compressed data.
    let mid = members[5].len() / 2;
    for b in &mut members[5][mid..mid + 8] {
        *b ^= 0x5a;
    }
    let parsed = read_warc(&members.concat()[..]).unwrap();
    assert_eq!(summary(&parsed), expected()[..1]);
    assert_eq!(
        parsed.warnings,
        [
            "record 6: record does not end where its Content-Length says (corrupt data or a wrong length); the records before it are read, the rest not"
        ]
    );
    // A member whose gzip header is broken.
    let mut members = gzip_per_record(TWO_PAGES);
    members[5][..4].copy_from_slice(b"XXXX");
    let parsed = read_warc(&members.concat()[..]).unwrap();
    assert_eq!(summary(&parsed), expected()[..1]);
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    assert!(
        parsed.warnings[0].starts_with("record 6: corrupt gzip data ("),
        "{:?}",
        parsed.warnings
    );
}

#[test]
fn a_file_that_is_not_a_warc_is_refused() {
    assert_eq!(
        read_warc(&b"<html><body>not an archive</body></html>"[..]).unwrap_err(),
        "not a readable WARC file: not a WARC record (starts with \"<html><body>not an a\")"
    );
    assert!(read_warc(&gzip(b"plain text, gzipped")[..]).is_err());
    assert!(read_warc(&b"\x1f\x8b\x08\x00garbage"[..]).is_err());
}

#[test]
fn a_response_over_the_cap_is_skipped_unread_and_the_next_record_read() {
    let big = MAX_FILE_BYTES as usize + 1;
    let mut warc = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {big}\r\n\r\n"
    )
    .into_bytes();
    warc.resize(warc.len() + big, b' ');
    warc.extend_from_slice(b"\r\n\r\n");
    warc.extend_from_slice(TWO_PAGES);
    let parsed = read_warc(&warc[..]).unwrap();
    assert_eq!(
        parsed.bad_records,
        [(
            "#1".to_string(),
            "response of 32 MiB is over the 32 MiB limit of one article".to_string()
        )]
    );
    let numbers: Vec<_> = parsed.records.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [Some(4), Some(7)]);
}
