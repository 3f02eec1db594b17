//! Files: [`SourceFile`] (a path, its decoded text and line index) and the [`FileSystem`] the
//! core reads through. The core never touches the disk itself: the command line hands it
//! [`DiskFileSystem`], an editor a [`MemoryFileSystem`] of open buffers over the disk, tests a
//! memory one alone.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::source::{decode, ColumnUnit, DecodeError, Encoding, LineIndex, TextRange};

/// Largest file read (CLI.md "Limits").
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// What a file is known by: its canonical path, as the [`FileSystem`] resolves it (symlinks
/// followed where it can). Two names of one file have one id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileId(pub(crate) PathBuf);

impl FileId {
    pub fn path(&self) -> &Path {
        &self.0
    }
}

/// Where the core reads files from.
pub trait FileSystem: Sync {
    /// The bytes of a regular file of at most [`MAX_FILE_SIZE`] bytes; the error is a short reason.
    fn read(&self, path: &Path) -> Result<Vec<u8>, String>;
    /// Whether a file or directory is there.
    fn exists(&self, path: &Path) -> bool;
    /// Whether a regular file is there.
    fn is_file(&self, path: &Path) -> bool;
    /// The file's id, `None` when it is not there.
    fn canonicalize(&self, path: &Path) -> Option<FileId>;
}

/// The disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiskFileSystem;

impl FileSystem for DiskFileSystem {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
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

    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }

    fn canonicalize(&self, path: &Path) -> Option<FileId> {
        std::fs::canonicalize(path).ok().map(FileId)
    }
}

/// Files held in memory (an editor's unsaved buffers), in front of an optional other file
/// system that answers for every other path. Paths are compared after making them absolute.
#[derive(Default)]
pub struct MemoryFileSystem<'a> {
    files: std::collections::HashMap<PathBuf, Vec<u8>>,
    behind: Option<&'a dyn FileSystem>,
}

impl<'a> MemoryFileSystem<'a> {
    /// No files but those inserted.
    pub fn new() -> Self {
        Self::default()
    }

    /// The inserted files first, then `behind`.
    pub fn over(behind: &'a dyn FileSystem) -> Self {
        Self { files: Default::default(), behind: Some(behind) }
    }

    pub fn insert(&mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(key(path.as_ref()), bytes.into());
    }
}

/// The path made absolute, `.` and `..` folded away, symlinks not followed (a memory file has
/// none; a report names a file as the user did).
pub(crate) fn key(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut key = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                key.pop();
            }
            std::path::Component::CurDir => {}
            other => key.push(other),
        }
    }
    key
}

impl FileSystem for MemoryFileSystem<'_> {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        match (self.files.get(&key(path)), self.behind) {
            (Some(bytes), _) if bytes.len() as u64 > MAX_FILE_SIZE => Err("file is larger than the 32 MiB limit; not linted".into()),
            (Some(bytes), _) => Ok(bytes.clone()),
            (None, Some(behind)) => behind.read(path),
            (None, None) => Err("no such file or directory".into()),
        }
    }

    fn exists(&self, path: &Path) -> bool {
        let path = key(path);
        self.files.keys().any(|file| file.starts_with(&path)) || self.behind.is_some_and(|b| b.exists(&path))
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(&key(path)) || self.behind.is_some_and(|b| b.is_file(path))
    }

    fn canonicalize(&self, path: &Path) -> Option<FileId> {
        let absolute = key(path);
        if self.files.contains_key(&absolute) {
            return Some(FileId(absolute));
        }
        self.behind.and_then(|b| b.canonicalize(path))
    }
}

/// What one read gave.
type Read = Result<Vec<u8>, String>;

/// Another file system whose reads are kept: during one file's fix passes, each included file
/// is read once however often the file is lowered.
pub struct ReadOnce<'a> {
    behind: &'a dyn FileSystem,
    reads: Mutex<Vec<(PathBuf, Read)>>,
}

impl<'a> ReadOnce<'a> {
    pub fn new(behind: &'a dyn FileSystem) -> Self {
        Self { behind, reads: Mutex::new(Vec::new()) }
    }
}

impl FileSystem for ReadOnce<'_> {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        let mut reads = self.reads.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, result)) = reads.iter().find(|(p, _)| p == path) {
            return result.clone();
        }
        let result = self.behind.read(path);
        reads.push((path.to_path_buf(), result.clone()));
        result
    }

    fn exists(&self, path: &Path) -> bool {
        self.behind.exists(path)
    }

    fn is_file(&self, path: &Path) -> bool {
        self.behind.is_file(path)
    }

    fn canonicalize(&self, path: &Path) -> Option<FileId> {
        self.behind.canonicalize(path)
    }
}

/// A file's decoded text with its path and encoding.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
    pub encoding: Encoding,
    /// Set when the bytes are not valid text; `text` is then a lossy rendering.
    pub decode_error: Option<DecodeError>,
    /// The file ends its lines with a lone `\r` (classic Mac): `text` has `\n` in their place,
    /// one byte for one so that offsets hold, and [`SourceFile::encode`] puts them back.
    lone_cr: bool,
    lines: LineIndex,
    /// For a build log ([`SourceFile::from_windows`]): the text holds only some lines of the
    /// log, and this maps each of its lines to the log's own line (see [`LineMap`]).
    line_map: Option<Arc<LineMap>>,
}

/// The lines of a log that a [`SourceFile`] holds: windows of consecutive lines, each starting at
/// a known line of the log. `starts[i] = (first line of window i in the text, its line in the
/// log)`, both 0-based, sorted. Positions in every output format are the log's own lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMap {
    pub starts: Vec<(usize, usize)>,
}

impl LineMap {
    /// The window holding the text's 0-based line: its index.
    fn window(&self, line: usize) -> usize {
        self.starts.partition_point(|&(kept, _)| kept <= line).saturating_sub(1)
    }

    /// The log's 0-based line of the text's 0-based line.
    pub fn real(&self, line: usize) -> usize {
        match self.starts.get(self.window(line)) {
            Some(&(kept, real)) if kept <= line => real + (line - kept),
            _ => line,
        }
    }

    /// The text's lines (0-based, first and last) of the window holding the text's `line`;
    /// `None` for the last window's end.
    pub fn window_of(&self, line: usize) -> (usize, Option<usize>) {
        let w = self.window(line);
        let first = self.starts.get(w).map_or(0, |s| s.0);
        (first, self.starts.get(w + 1).map(|s| s.0.saturating_sub(1)))
    }

    /// The text's 0-based line holding the log's 0-based `real` line, if it is kept.
    /// Windows need not be in the log's order (lines quoted late are appended): a scan.
    pub fn kept(&self, real: usize) -> Option<usize> {
        self.starts.iter().enumerate().find_map(|(w, &(kept, start))| {
            let end = self.starts.get(w + 1).map_or(usize::MAX, |s| s.0);
            let line = kept + real.checked_sub(start)?;
            (line < end).then_some(line)
        })
    }
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
        Self::build(path.into(), text.into(), Encoding::Utf8, None, false)
    }

    /// Some lines of a build log: `text` holds windows of its lines (ending at `\n` only: a
    /// progress bar's `\r` is kept as text), `map` says which line of the log each window
    /// starts at. Every position reported in it is the log's own line.
    pub fn from_windows(path: impl Into<String>, text: impl Into<Arc<str>>, map: LineMap) -> Self {
        let text = text.into();
        let lines = LineIndex::lf_only(&text);
        Self { path: path.into(), text, encoding: Encoding::Utf8, decode_error: None, lone_cr: false, lines, line_map: Some(Arc::new(map)) }
    }

    /// The map from this text's lines to a log's, for a file made by [`SourceFile::from_windows`].
    pub fn line_map(&self) -> Option<&LineMap> {
        self.line_map.as_deref()
    }

    /// A file from raw bytes: detects a UTF-8 or UTF-16 byte order mark, decodes, and records
    /// invalid bytes or NUL bytes as a [`DecodeError`] instead of failing.
    pub fn from_bytes(path: impl Into<String>, bytes: &[u8]) -> Self {
        let path = path.into();
        let (mut text, encoding, error) = decode(bytes);
        // Rules and snippets know lines by `\n`: a file of lone `\r` line ends is read as lines.
        let lone_cr = text.contains('\r') && !text.contains('\n');
        if lone_cr {
            text = text.replace('\r', "\n");
        }
        Self::build(path, text.into(), encoding, error, lone_cr)
    }

    fn build(path: String, text: Arc<str>, encoding: Encoding, decode_error: Option<DecodeError>, lone_cr: bool) -> Self {
        let lines = LineIndex::new(&text);
        Self { path, text, encoding, decode_error, lone_cr, lines, line_map: None }
    }

    /// The same file (path and encoding) with other text: a file after fixes.
    pub fn with_text(&self, text: impl Into<Arc<str>>) -> Self {
        Self::build(self.path.clone(), text.into(), self.encoding, None, self.lone_cr)
    }

    /// A 0-based line of the text as the line it is in the file (a log's own line).
    fn real_line(&self, line: usize) -> usize {
        self.line_map.as_ref().map_or(line, |m| m.real(line))
    }

    /// The text encoded as the file was: BOM, UTF-16 byte order and lone `\r` line ends kept.
    pub fn encode(&self) -> Vec<u8> {
        let text = if self.lone_cr { std::borrow::Cow::Owned(self.text.replace('\n', "\r")) } else { std::borrow::Cow::Borrowed(&*self.text) };
        match self.encoding {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            Encoding::Utf16Le => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
            Encoding::Utf16Be => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
        }
    }

    pub fn slice(&self, range: TextRange) -> &str {
        self.text.get(range.start..range.end).unwrap_or("")
    }

    /// 1-based line and 1-based column counted in Unicode scalar values.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let (line, col) = self.lines.line_col(&self.text, offset);
        (self.real_line(line - 1) + 1, col)
    }

    /// 0-based line and column in `unit`s: an editor's position (LSP).
    pub fn position(&self, offset: usize, unit: ColumnUnit) -> (usize, usize) {
        let (line, col) = self.lines.position(&self.text, offset, unit);
        (self.real_line(line), col)
    }

    /// Byte offset of an editor's position (0-based line and column in `unit`s), clamped.
    pub fn offset_at(&self, line: usize, col: usize, unit: ColumnUnit) -> usize {
        let line = match &self.line_map {
            Some(map) => match map.kept(line) {
                Some(kept) => kept,
                None => return self.text.len(),
            },
            None => line,
        };
        self.lines.offset_at(&self.text, line, col, unit)
    }

    /// Byte offset of the start of a 1-based line (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        match &self.line_map {
            Some(map) => map.kept(line.saturating_sub(1)).map_or(self.text.len(), |kept| self.lines.line_start(kept + 1, self.text.len())),
            None => self.lines.line_start(line, self.text.len()),
        }
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
        crate::source::clamp(&self.text, offset)
    }
}

/// Another file system, counting the reads asked of it.
#[cfg(test)]
pub(crate) struct CountingReads<'a>(&'a dyn FileSystem, std::sync::atomic::AtomicUsize);

#[cfg(test)]
impl<'a> CountingReads<'a> {
    pub(crate) fn new(behind: &'a dyn FileSystem) -> Self {
        Self(behind, Default::default())
    }

    pub(crate) fn reads(&self) -> usize {
        self.1.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
impl FileSystem for CountingReads<'_> {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.0.read(path)
    }
    fn exists(&self, path: &Path) -> bool {
        self.0.exists(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        self.0.is_file(path)
    }
    fn canonicalize(&self, path: &Path) -> Option<FileId> {
        self.0.canonicalize(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_files_come_before_the_disk_and_directories_exist() {
        let dir = std::env::temp_dir().join(format!("condalint-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("on-disk.txt"), "disk\n").unwrap();
        std::fs::write(dir.join("both.txt"), "disk\n").unwrap();
        let mut fs = MemoryFileSystem::over(&DiskFileSystem);
        fs.insert(dir.join("both.txt"), "buffer\n");
        fs.insert(dir.join("sub/only-here.txt"), "buffer\n");
        assert_eq!(fs.read(&dir.join("both.txt")).unwrap(), b"buffer\n");
        assert_eq!(fs.read(&dir.join("on-disk.txt")).unwrap(), b"disk\n");
        assert_eq!(fs.read(&dir.join("./sub/only-here.txt")).unwrap(), b"buffer\n");
        assert_eq!(fs.read(&dir.join("sub/../sub/only-here.txt")).unwrap(), b"buffer\n");
        assert!(fs.exists(&dir.join("sub")) && fs.is_file(&dir.join("sub/only-here.txt")) && !fs.is_file(&dir.join("sub")));
        assert_eq!(fs.canonicalize(&dir.join("sub/only-here.txt")).map(|id| id.0), Some(dir.join("sub/only-here.txt")));
        assert!(!fs.exists(&dir.join("nowhere.txt")) && fs.read(&dir.join("nowhere.txt")).is_err());
        assert!(MemoryFileSystem::new().read(&dir.join("on-disk.txt")).is_err(), "a memory file system alone never reads the disk");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn read_once_reads_each_path_once() {
        let mut memory = MemoryFileSystem::new();
        memory.insert("/r/a.txt", "a\n");
        let counting = CountingReads::new(&memory);
        let once = ReadOnce::new(&counting);
        for _ in 0..3 {
            assert_eq!(once.read(Path::new("/r/a.txt")).unwrap(), b"a\n");
            assert!(once.read(Path::new("/r/b.txt")).is_err());
        }
        assert_eq!(counting.reads(), 2);
    }
}
