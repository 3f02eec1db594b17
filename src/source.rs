//! Decoding (UTF-8, UTF-16, byte order marks), byte ranges and line/column mapping. The file
//! that holds a decoded text is [`SourceFile`], in [`crate::files`].

use std::sync::Arc;

pub use crate::files::SourceFile;

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

/// Where each line of a text starts. A line ends at `\n`, `\r\n`, or a lone `\r` (YAML's line
/// breaks).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Arc<[usize]>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        if memchr::memchr(b'\r', bytes).is_none() {
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        } else {
            starts.extend(bytes.iter().enumerate().filter_map(|(i, &b)| {
                (b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))).then_some(i + 1)
            }));
        }
        Self { starts: starts.into() }
    }

    /// Lines ending at `\n` only (a build log, where `\r` redraws a progress bar on one line).
    pub fn lf_only(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { starts: starts.into() }
    }

    /// 1-based line and 1-based column counted in Unicode scalar values of `offset` in `text`
    /// (the text this index was built from), clamped onto a character boundary.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = clamp(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = text[start..offset].chars().count();
        (line + 1, col + 1)
    }

    /// Byte offset of the start of a 1-based line (`end` past the last line).
    pub fn line_start(&self, line: usize, end: usize) -> usize {
        self.starts.get(line.saturating_sub(1)).copied().unwrap_or(end)
    }

    /// 0-based line and 0-based column in `unit`s of `offset` in `text` (an editor's position),
    /// clamped onto a character boundary.
    pub fn position(&self, text: &str, offset: usize, unit: ColumnUnit) -> (usize, usize) {
        let offset = clamp(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &text[self.starts[line]..offset];
        let col = match unit {
            ColumnUnit::Utf8 => before.len(),
            ColumnUnit::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        (line, col)
    }

    /// Byte offset of a 0-based line and 0-based column in `unit`s (an editor's position): a
    /// column past the line's end is its end, a line past the last is the end of the text, and
    /// a column inside a character is that character's start.
    pub fn offset_at(&self, text: &str, line: usize, col: usize, unit: ColumnUnit) -> usize {
        let Some(&start) = self.starts.get(line) else { return text.len() };
        let rest = &text[start..];
        let content = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let width = match unit {
                ColumnUnit::Utf8 => c.len_utf8(),
                ColumnUnit::Utf16 => c.len_utf16(),
            };
            if units + width > col {
                return start + i;
            }
            units += width;
        }
        start + content.len()
    }
}

/// What an editor counts a column in: LSP's default UTF-16 code units, or bytes of UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUnit {
    Utf8,
    Utf16,
}

/// The offset, moved back onto a character boundary inside the text.
pub fn clamp(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Decodes a file's bytes: the text (lossy when invalid), the encoding found, and why the bytes
/// are not valid text, if they are not.
pub(crate) fn decode(bytes: &[u8]) -> (String, Encoding, Option<DecodeError>) {
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
    fn positions_count_utf16_units_or_bytes() {
        // `é` is 2 bytes and 1 UTF-16 unit; `😀` (astral) is 4 bytes and 2 units.
        let text = "a: é😀x\r\nb\n";
        let f = SourceFile::from_text("a", text);
        let x = text.find('x').unwrap();
        assert_eq!(f.position(x, ColumnUnit::Utf16), (0, 6));
        assert_eq!(f.position(x, ColumnUnit::Utf8), (0, 9));
        assert_eq!(f.offset_at(0, 6, ColumnUnit::Utf16), x);
        assert_eq!(f.offset_at(0, 9, ColumnUnit::Utf8), x);
        assert_eq!(f.offset_at(0, 5, ColumnUnit::Utf16), text.find('😀').unwrap(), "inside a surrogate pair: the character's start");
        assert_eq!(f.offset_at(0, 99, ColumnUnit::Utf16), x + 1, "past the end: before the line break");
        assert_eq!(f.offset_at(1, 0, ColumnUnit::Utf16), text.find('b').unwrap());
        assert_eq!(f.offset_at(7, 0, ColumnUnit::Utf16), text.len());
        assert_eq!(f.position(text.len(), ColumnUnit::Utf16), (2, 0));
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
