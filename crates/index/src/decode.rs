//! Turning a file's bytes into text: refusing binary files and decoding text that
//! is not UTF-8.
//!
//! Saved web pages and old feeds are often Windows-1252 (a superset of Latin-1);
//! decoding them that way keeps every byte and gets the punctuation right, where a
//! lossy UTF-8 conversion would turn each accented letter into U+FFFD.

use std::borrow::Cow;

use encoding_rs::{Encoding, WINDOWS_1252};

/// How many leading bytes are sniffed for NULs: enough to catch every binary format
/// we have seen, little enough to cost nothing.
const SNIFF_BYTES: usize = 8 * 1024;

/// Leading bytes of binary formats that turn up in article folders, with the name
/// shown in the skip reason.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xD0\xCF\x11\xE0", "an old office document"),
    (b"\x7FELF", "an executable"),
    (b"RIFF", "a media file"),
    (b"\x00\x00\x01\x00", "an icon"),
];

/// The decoded text of a file and, when it was not plain UTF-8, what was done.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// Bytes of a byte-order mark dropped from the start; offsets into `text` are
    /// offsets into the file plus this, for UTF-8 files.
    pub bom_len: usize,
    /// Set when the text was decoded from another encoding.
    pub warning: Option<String>,
}

/// Why bytes are not an article's text.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary(String),
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Empty => f.write_str("empty file"),
            NotText::Binary(what) => write!(f, "binary file ({what}), not text"),
        }
    }
}

/// Names the binary format of `bytes`, if they look binary.
pub fn sniff_binary(bytes: &[u8]) -> Option<String> {
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some((*what).to_string());
    }
    // UTF-16 text is full of NULs but is text; its byte-order mark says so.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    head.contains(&0).then(|| "NUL bytes".to_string())
}

/// Decodes a file's bytes: UTF-8 (BOM dropped), UTF-16 with a BOM, else
/// Windows-1252 with a warning. Binary and empty (or whitespace-only) files are
/// refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    decode_declared(bytes, None)
}

/// [`decode`] for a file that names its own encoding (a web page's `charset`):
/// a byte-order mark still wins, then the `declared` encoding (a label such as
/// `iso-8859-1` or `shift_jis`, as the WHATWG Encoding Standard reads it), then
/// what [`decode`] does. An unknown label is ignored.
pub fn decode_declared<'a>(
    bytes: &'a [u8],
    declared: Option<&str>,
) -> Result<Decoded<'a>, NotText> {
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        // UTF-16 declared in an ASCII-compatible file cannot be right (the
        // declaration itself was read as ASCII); UTF-8 is the default path.
        .filter(|e| e.is_ascii_compatible() && *e != encoding_rs::UTF_8);
    if let (Some(encoding), None) = (declared, Encoding::for_bom(bytes)) {
        if let Some(what) = sniff_binary(bytes) {
            return Err(NotText::Binary(what));
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if text.trim().is_empty() {
            return Err(NotText::Empty);
        }
        let warning =
            had_errors.then(|| format!("not valid {}; invalid bytes replaced", encoding.name()));
        return Ok(Decoded {
            text,
            bom_len: 0,
            warning,
        });
    }
    if let Some(what) = sniff_binary(bytes) {
        return Err(NotText::Binary(what));
    }
    let decoded = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _, had_errors) = encoding.decode(bytes);
        let warning = (encoding != encoding_rs::UTF_8 || had_errors).then(|| {
            format!(
                "decoded as {}{}",
                encoding.name(),
                if had_errors {
                    " with invalid bytes replaced"
                } else {
                    ""
                }
            )
        });
        Decoded {
            text,
            bom_len,
            warning,
        }
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => Decoded {
                text: Cow::Borrowed(text),
                bom_len: 0,
                warning: None,
            },
            Err(_) => {
                // Windows-1252 maps every byte to a character, so this cannot fail.
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
                Decoded {
                    text,
                    bom_len: 0,
                    warning: Some("not UTF-8; decoded as Windows-1252".to_string()),
                }
            }
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_borrowed() {
        let d = decode("Muttaqī in Kabul".as_bytes()).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.text, "Muttaqī in Kabul");
        assert!(d.warning.is_none());
    }

    #[test]
    fn utf8_bom_is_dropped_and_counted() {
        let d = decode(b"\xEF\xBB\xBFHello").unwrap();
        assert_eq!(d.text, "Hello");
        assert_eq!(d.bom_len, 3);
        assert!(d.warning.is_none());
    }

    #[test]
    fn latin1_is_decoded_as_windows_1252_with_a_warning() {
        // "Côte d’Ivoire" in Windows-1252: ô = F4, ’ = 92.
        let d = decode(b"C\xF4te d\x92Ivoire").unwrap();
        assert_eq!(d.text, "Côte d\u{2019}Ivoire");
        assert!(d.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf16_with_bom_is_text() {
        let bytes: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain("Kabul".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Kabul");
        assert!(d.warning.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn binary_files_are_refused_with_their_kind() {
        assert_eq!(
            decode(b"%PDF-1.7\n...").unwrap_err(),
            NotText::Binary("a PDF document".into())
        );
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n").unwrap_err(),
            NotText::Binary("a PNG image".into())
        );
        assert_eq!(
            decode(b"text\0with nul").unwrap_err(),
            NotText::Binary("NUL bytes".into())
        );
    }

    #[test]
    fn a_declared_encoding_is_used_unless_a_bom_says_otherwise() {
        let d = decode_declared(b"Caf\xE9 \x80", Some("iso-8859-1")).unwrap();
        // The WHATWG standard reads Latin-1 labels as Windows-1252.
        assert_eq!(d.text, "Café €");
        assert!(d.warning.is_none());
        let d = decode_declared("\u{FEFF}Café".as_bytes(), Some("windows-1251")).unwrap();
        assert_eq!(d.text, "Café");
        let d = decode_declared(b"\xCF\xF0\xE8", Some(" Windows-1251 ")).unwrap();
        assert_eq!(d.text, "При");
        // Unknown or impossible labels fall back to the usual sniffing.
        let d = decode_declared(b"Caf\xE9", Some("no-such-charset")).unwrap();
        assert!(d.warning.unwrap().contains("Windows-1252"));
        let d = decode_declared("Café".as_bytes(), Some("utf-16")).unwrap();
        assert_eq!(d.text, "Café");
        assert!(d.warning.is_none());
        let d = decode_declared(b"ab\x81", Some("shift_jis")).unwrap();
        assert!(d.warning.unwrap().contains("invalid bytes replaced"));
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert_eq!(decode(b"").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b" \n\t\r\n").unwrap_err(), NotText::Empty);
    }
}
