//! Source files: decoding, byte ranges and line/column mapping.

use std::sync::Arc;

/// A half-open range of byte offsets into a [`SourceFile`]'s decoded text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub const fn empty(at: usize) -> Self {
        Self { start: at, end: at }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// A sub-range given by offsets relative to this range's start.
    pub const fn sub(&self, start: usize, end: usize) -> Self {
        Self { start: self.start + start, end: self.start + end }
    }
    pub fn cover(self, other: TextRange) -> Self {
        Self { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// How the bytes of a file were encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with a byte order mark",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        }
    }
}

/// Why the bytes of a file could not be decoded as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset into the (lossily) decoded text where the problem is.
    pub offset: usize,
    pub message: String,
}

/// A file's decoded text with its path and encoding.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
    pub encoding: Encoding,
    /// Set when the bytes are not valid text; `text` is then a lossy rendering.
    pub decode_error: Option<DecodeError>,
    line_starts: Arc<[usize]>,
}

/// Two sources are the same file when path and text are.
impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.text == other.text
    }
}

impl Eq for SourceFile {}

impl SourceFile {
    /// A file from already-decoded UTF-8 text.
    pub fn from_text(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Self::build(path.into(), text.into(), Encoding::Utf8, None)
    }

    /// A file from raw bytes: detects a UTF-8 or UTF-16 byte order mark, decodes, and records
    /// invalid bytes or NUL bytes as a [`DecodeError`] instead of failing.
    pub fn from_bytes(path: impl Into<String>, bytes: &[u8]) -> Self {
        let path = path.into();
        let (text, encoding, error) = decode(bytes);
        Self::build(path, text.into(), encoding, error)
    }

    fn build(path: String, text: Arc<str>, encoding: Encoding, decode_error: Option<DecodeError>) -> Self {
        // A line ends at `\n`, `\r\n`, or a lone `\r` (YAML's line breaks).
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        if memchr::memchr(b'\r', bytes).is_none() {
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        } else {
            starts.extend(bytes.iter().enumerate().filter_map(|(i, &b)| {
                (b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))).then_some(i + 1)
            }));
        }
        Self { path, text, encoding, decode_error, line_starts: starts.into() }
    }

    /// The same file (path and encoding) with other text: a file after fixes.
    pub fn with_text(&self, text: impl Into<Arc<str>>) -> Self {
        Self::build(self.path.clone(), text.into(), self.encoding, None)
    }

    /// The text encoded as the file was: BOM and UTF-16 byte order kept.
    pub fn encode(&self) -> Vec<u8> {
        match self.encoding {
            Encoding::Utf8 => self.text.as_bytes().to_vec(),
            Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], self.text.as_bytes()].concat(),
            Encoding::Utf16Le => [0xFF, 0xFE].into_iter().chain(self.text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
            Encoding::Utf16Be => [0xFE, 0xFF].into_iter().chain(self.text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
        }
    }

    pub fn slice(&self, range: TextRange) -> &str {
        self.text.get(range.start..range.end).unwrap_or("")
    }

    /// 1-based line and 1-based column counted in Unicode scalar values.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count();
        (line + 1, col + 1)
    }

    /// Byte offset of the start of a 1-based line (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(self.text.len())
    }

    /// Byte offset of a 1-based line and 0-based character column.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let start = self.line_start(line);
        let rest = &self.text[start..];
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        rest[..end].char_indices().nth(col).map_or(start + end, |(i, _)| start + i)
    }

    /// The offset, moved back onto a character boundary inside the text.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Largest file read (CLI.md "Limits").
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// Reads a regular file of at most [`MAX_FILE_SIZE`] bytes; the error is a short reason.
pub fn read_limited(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let io_message = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io_message)?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    let too_large = || "file is larger than the 32 MiB limit; not linted".to_owned();
    if meta.len() > MAX_FILE_SIZE {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)).map_err(io_message)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large());
    }
    Ok(bytes)
}

fn decode(bytes: &[u8]) -> (String, Encoding, Option<DecodeError>) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let (text, error) = decode_utf8(rest);
        return (text, Encoding::Utf8Bom, error);
    }
    for (bom, encoding) in [([0xFF, 0xFE], Encoding::Utf16Le), ([0xFE, 0xFF], Encoding::Utf16Be)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            let (text, error) = decode_utf16(rest, encoding == Encoding::Utf16Le);
            return (text, encoding, error);
        }
    }
    let (text, error) = decode_utf8(bytes);
    (text, Encoding::Utf8, error)
}

fn decode_utf8(bytes: &[u8]) -> (String, Option<DecodeError>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let error = nul_error(text).map(|error| match looks_like_utf16_without_bom(bytes) {
                true => DecodeError { offset: error.offset, message: UTF16_WITHOUT_BOM.to_owned() },
                false => error,
            });
            (text.to_owned(), error)
        }
        Err(err) => {
            let offset = err.valid_up_to();
            let bad = bytes[offset];
            let text = String::from_utf8_lossy(bytes).into_owned();
            let message = if looks_like_utf16_without_bom(bytes) {
                UTF16_WITHOUT_BOM.to_owned()
            } else {
                format!("file is not valid UTF-8: invalid byte 0x{bad:02x} at byte {offset}")
            };
            let error = nul_error(&text[..offset]).unwrap_or(DecodeError { offset, message });
            (text, Some(error))
        }
    }
}

const UTF16_WITHOUT_BOM: &str = "file looks like UTF-16 without a byte order mark; save it as UTF-8";

fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64)];
    sample.len() >= 4 && sample.iter().filter(|&&b| b == 0).count() * 3 >= sample.len()
}

fn nul_error(text: &str) -> Option<DecodeError> {
    text.find('\0').map(|offset| DecodeError {
        offset,
        message: format!("file contains a NUL byte at byte {offset}; it looks like a binary file, not YAML text"),
    })
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> (String, Option<DecodeError>) {
    let units = bytes.chunks(2).map(|pair| match (pair, little_endian) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut error = None;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => text.push(c),
            Err(_) => {
                error.get_or_insert_with(|| DecodeError {
                    offset: text.len(),
                    message: "file is not valid UTF-16: unpaired surrogate".to_owned(),
                });
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if bytes.len() % 2 == 1 {
        error.get_or_insert_with(|| DecodeError {
            offset: text.len(),
            message: "file is not valid UTF-16: odd number of bytes".to_owned(),
        });
    }
    let error = error.or_else(|| nul_error(&text));
    (text, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_utf16() {
        let f = SourceFile::from_bytes("a", b"\xEF\xBB\xBFname: x\n");
        assert_eq!((&*f.text, f.encoding), ("name: x\n", Encoding::Utf8Bom));
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("né\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let f = SourceFile::from_bytes("a", &utf16);
        assert_eq!((&*f.text, f.encoding, f.decode_error.is_none()), ("né\n", Encoding::Utf16Le, true));
        let utf16: Vec<u8> = [0xFE, 0xFF].into_iter().chain("x".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(&*SourceFile::from_bytes("a", &utf16).text, "x");
    }

    #[test]
    fn encode_round_trips_every_encoding() {
        let text = "name: né\r\nchannels: [conda-forge]\n";
        for bytes in [
            text.as_bytes().to_vec(),
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
            [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
        ] {
            assert_eq!(SourceFile::from_bytes("a", &bytes).encode(), bytes);
        }
    }

    #[test]
    fn reports_invalid_bytes_and_nul() {
        let f = SourceFile::from_bytes("a", b"name: \xff\n");
        assert_eq!(f.decode_error.unwrap().offset, 6);
        let f = SourceFile::from_bytes("a", b"ab\0c");
        assert!(f.decode_error.unwrap().message.contains("NUL"));
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let f = SourceFile::from_text("a", "a\rb\r\nc\nd");
        assert_eq!([f.line_col(2), f.line_col(5), f.line_col(7)], [(2, 1), (3, 1), (4, 1)]);
        // Without any `\r` the index is built by the `\n` scan alone.
        let f = SourceFile::from_text("a", "a\nbc\n\nd\n");
        assert_eq!([f.line_col(0), f.line_col(3), f.line_col(5), f.line_col(6), f.line_col(8)], [(1, 1), (2, 2), (3, 1), (4, 1), (5, 1)]);
    }

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::from_text("a", "é: 1\nab: ü\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(2), (1, 2));
        assert_eq!(f.line_col(10), (2, 5));
        assert_eq!(f.offset_of(2, 4), 10);
        assert_eq!(f.line_col(999), (3, 1));
    }
}
