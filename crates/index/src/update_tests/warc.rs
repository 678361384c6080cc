//! Web archives through the indexer: streamed record by record, gzip or not,
//! keys by record number, a changed file read again whole.

use std::io::Write;

use super::*;
use crate::state;

const TWO_PAGES: &[u8] = include_bytes!("../formats/warc/testdata/two_pages.warc");

/// The fixture with one gzip member per record, as crawlers write `.warc.gz`.
fn gzip_per_record(warc: &[u8]) -> Vec<u8> {
    let starts: Vec<usize> = (0..warc.len())
        .filter(|&i| warc[i..].starts_with(b"WARC/1.0\r\n"))
        .chain([warc.len()])
        .collect();
    let mut out = Vec::new();
    for pair in starts.windows(2) {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&warc[pair[0]..pair[1]]).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

#[test]
fn a_gzipped_archive_is_indexed_by_record_and_read_again_whole_when_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (src, index) = (dir.path().join("src"), dir.path().join("index"));
    let file = src.join("crawl.warc.gz");
    let gz = gzip_per_record(TWO_PAGES);
    write(&file, &gz);
    assert_eq!(counts(&run(&index, &[&src])), [2, 0, 0, 0, 0]);
    let (docs, _) = contents(&index);
    assert_eq!(names(&docs, &src), ["crawl.warc.gz#3", "crawl.warc.gz#6"]);
    assert_eq!(
        docs.values().collect::<Vec<_>>(),
        ["Envoy visits Kabul", "Café owners protest new tax"]
    );
    // The whole file's size is recorded, so an unchanged file is not read.
    let key = std::fs::canonicalize(&file).unwrap();
    let (opened, _) = search_schema::open(&index).unwrap();
    let recorded = state::load(&opened).unwrap();
    assert_eq!(
        recorded.get(&key.to_string_lossy()).unwrap().size,
        gz.len() as u64
    );
    drop(opened);
    assert_eq!(counts(&run(&index, &[&src])), [0, 0, 2, 0, 0]);

    // Cut after the fifth record's member: the first page stays, the second goes.
    let fifth_end = {
        let mut members = 0;
        let mut at = 0;
        for i in 0..gz.len() - 1 {
            if gz[i..].starts_with(&[0x1f, 0x8b, 0x08]) {
                members += 1;
                if members == 6 {
                    at = i;
                    break;
                }
            }
        }
        at
    };
    write(&file, &gz[..fifth_end]);
    assert_eq!(counts(&run(&index, &[&src])), [0, 1, 0, 1, 0]);
    let (docs, n) = contents(&index);
    assert_eq!(n, 1);
    assert_eq!(names(&docs, &src), ["crawl.warc.gz#3"]);
}
