//! The HTTP response inside a WARC `response` record: status, content type,
//! charset, and the body undone of its transfer and content encodings.

use std::io::Read;

use flate2::read::{GzDecoder, ZlibDecoder};

use crate::article::MAX_FILE_BYTES;

/// An HTML body and the charset its `Content-Type` names.
pub(super) struct HtmlBody {
    pub body: Vec<u8>,
    pub charset: Option<String>,
}

/// The HTML body of a successful response; `Ok(None)` for another status or a
/// body that is not HTML; `Err` for one that cannot be read.
pub(super) fn html_body(http: &[u8]) -> Result<Option<HtmlBody>, String> {
    let (head, body) = match find(http, b"\r\n\r\n") {
        Some(at) => (&http[..at], &http[at + 4..]),
        None => match find(http, b"\n\n") {
            Some(at) => (&http[..at], &http[at + 2..]),
            None => (http, &http[http.len()..]),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    let mut words = status.split_whitespace();
    let code = match (words.next(), words.next()) {
        (Some(version), Some(code)) if version.starts_with("HTTP/") => code.parse::<u16>().ok(),
        _ => None,
    };
    if !code.is_some_and(|c| (200..300).contains(&c)) {
        return Ok(None);
    }
    let (mut content_type, mut chunked, mut encoding) = (None, false, None);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_ascii_lowercase()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let is_html = match &content_type {
        Some(t) => t.contains("html"),
        // No type: a body that opens as a page is one.
        None => {
            let start = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
            let start = start.trim_start();
            start.starts_with("<!doctype html") || start.starts_with("<html")
        }
    };
    if !is_html {
        return Ok(None);
    }
    let charset = content_type.as_deref().and_then(|t| {
        t.split(';')
            .filter_map(|p| p.trim().strip_prefix("charset="))
            .map(|c| c.trim_matches(['"', '\'', ' ']).to_string())
            .find(|c| !c.is_empty())
    });
    let dechunked;
    let body = if chunked {
        dechunked = dechunk(body);
        &dechunked[..]
    } else {
        body
    };
    let body = match encoding.as_deref() {
        None | Some("" | "identity") => body.to_vec(),
        Some("gzip" | "x-gzip") => inflate(GzDecoder::new(body))?,
        Some("deflate") => inflate(ZlibDecoder::new(body))?,
        Some(other) => return Err(format!("page in content encoding {other:?}, not read")),
    };
    Ok(Some(HtmlBody { body, charset }))
}

/// A compressed body, decompressed up to the size cap of one article.
fn inflate(decoder: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("page's compressed body cannot be read ({e})"))?;
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "page over the {} MiB limit of one article once decompressed",
            MAX_FILE_BYTES >> 20
        ));
    }
    Ok(out)
}

/// A chunked body joined; a malformed or cut chunk ends it where it breaks.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    while let Some(eol) = find(body, b"\n") {
        let size_line = String::from_utf8_lossy(&body[..eol]);
        let size_hex = size_line.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            break;
        };
        body = &body[eol + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(body.len());
        out.extend_from_slice(&body[..take]);
        body = &body[take..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_200_html_response_gives_its_body_and_charset() {
        let page = html_body(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>Hi</p>",
        )
        .unwrap()
        .unwrap();
        assert_eq!(page.body, b"<p>Hi</p>");
        assert_eq!(page.charset.as_deref(), Some("iso-8859-1"));
    }

    #[test]
    fn other_statuses_and_types_are_not_pages() {
        for http in [
            &b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<a>x</a>"[..],
            b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8",
            b"HTTP/1.1 200 OK\r\n\r\n{\"json\": 1}",
            b"garbage",
        ] {
            assert!(html_body(http).unwrap().is_none());
        }
        assert!(
            html_body(b"HTTP/1.0 200 OK\r\n\r\n<!DOCTYPE html><p>x</p>")
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn chunked_and_gzip_bodies_are_undone() {
        let page = html_body(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>H\r\n5;x=y\r\ni</p>\r\n0\r\n\r\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(page.body, b"<p>Hi</p>");

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>zipped</p>").unwrap();
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        http.extend(gz.finish().unwrap());
        assert_eq!(html_body(&http).unwrap().unwrap().body, b"<p>zipped</p>");

        let err = html_body(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx",
        )
        .err()
        .unwrap();
        assert_eq!(err, "page in content encoding \"br\", not read");
    }
}
