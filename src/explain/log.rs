//! Reading a build log line by line, in bounded memory.
//!
//! A log is read as bytes through a buffer; a line longer than [`MAX_LINE`] bytes keeps its first
//! [`MAX_LINE`] bytes (the rest is read past, never held). Each line comes in two forms:
//! - `raw`: the line as written (lossily decoded, `\n` and a final `\r` removed): what a report
//!   quotes and where its columns count;
//! - `text`: the line as a terminal shows it, for matching: ANSI escape sequences removed, a
//!   progress bar's `\r` redraws reduced to the last one, and the prefixes build tools put in
//!   front of each line stripped (BuildKit's `#12 3.456 `, a bare `3.456 ` step time, `Step 5/12 :`,
//!   ISO 8601 and syslog timestamps, Azure Pipelines' and GitHub's `##[error]`, a Markdown
//!   quote's `> `).
//!
//! [`Line::raw_offset`] maps a byte offset in `text` back into `raw`, so that a finding's span
//! is where the words are in the log.
//!
//! Lines are counted at `\n` only: a lone `\r` redraws the line, as a terminal does.

use std::io::{self, BufRead};

/// The longest line kept, in bytes.
pub const MAX_LINE: usize = 16 * 1024;

/// One line of a log.
#[derive(Debug, Default)]
pub struct Line {
    /// 0-based line number in the log.
    pub number: usize,
    /// The line as written (see the module doc).
    pub raw: String,
    /// The line as matched (see the module doc).
    pub text: String,
    /// `(offset in text, offset in raw)` where each run of `text` copied from `raw` starts.
    runs: Vec<(usize, usize)>,
}

impl Line {
    /// The offset in `raw` of an offset in `text`.
    pub fn raw_offset(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|&(t, _)| t <= at).saturating_sub(1);
        match self.runs.get(i) {
            Some(&(t, r)) => (r + at.saturating_sub(t)).min(self.raw.len()),
            None => self.raw.len(),
        }
    }

    /// The range in `raw` of the matched text (trimmed of blanks).
    pub fn raw_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.raw_offset(start);
        // An end at a run boundary ends the run before it (not after the escape that follows).
        let end = end.max(start);
        let i = self.runs.partition_point(|&(t, _)| t < end).saturating_sub(1);
        let e = self.runs.get(i).map_or(self.raw.len(), |&(t, r)| (r + end.saturating_sub(t)).min(self.raw.len()));
        (s, e.max(s))
    }

    fn set(&mut self, number: usize, bytes: &[u8]) {
        self.number = number;
        self.raw.clear();
        self.raw.push_str(&String::from_utf8_lossy(bytes));
        if self.raw.ends_with('\r') {
            self.raw.pop();
        }
        normalise(&self.raw, &mut self.text, &mut self.runs);
    }
}

/// Reads lines from a log.
pub struct LogReader<R> {
    inner: R,
    buf: Vec<u8>,
    line: Line,
    next: usize,
    /// Bytes read so far.
    pub bytes: u64,
    done: bool,
}

impl<R: BufRead> LogReader<R> {
    pub fn new(inner: R) -> Self {
        Self { inner, buf: Vec::with_capacity(1024), line: Line::default(), next: 0, bytes: 0, done: false }
    }

    /// The next line, `None` at the end of the log.
    pub fn next_line(&mut self) -> io::Result<Option<&Line>> {
        if self.done {
            return Ok(None);
        }
        self.buf.clear();
        let mut any = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                self.done = true;
                break;
            }
            any = true;
            let (chunk, used, end) = match memchr::memchr(b'\n', available) {
                Some(i) => (&available[..i], i + 1, true),
                None => (available, available.len(), false),
            };
            let room = MAX_LINE.saturating_sub(self.buf.len());
            self.buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            self.inner.consume(used);
            self.bytes += used as u64;
            if end {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        // A line cut at MAX_LINE may end inside a character: the lossy decoding marks it.
        self.line.set(self.next, &self.buf);
        self.next += 1;
        Ok(Some(&self.line))
    }
}

/// `raw` as a terminal shows it, with the runs that map it back (see the module doc).
fn normalise(raw: &str, text: &mut String, runs: &mut Vec<(usize, usize)>) {
    text.clear();
    runs.clear();
    // A progress bar redraws the line after each `\r`: what stays is the last non-empty part.
    let start = memchr::memrchr_iter(b'\r', raw.as_bytes()).map(|i| i + 1).find(|&i| !raw[i..].trim().is_empty()).unwrap_or(0);
    let bytes = raw.as_bytes();
    let mut i = start;
    let mut run_start = i;
    let flush = |text: &mut String, runs: &mut Vec<(usize, usize)>, from: usize, to: usize| {
        if from < to {
            runs.push((text.len(), from));
            text.push_str(&raw[from..to]);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        // ESC [ … final byte (CSI), ESC ] … BEL or ESC \ (OSC), ESC and one byte.
        if b == 0x1b {
            flush(text, runs, run_start, i);
            i += 1;
            match bytes.get(i) {
                Some(b'[') => {
                    i += 1;
                    while i < bytes.len() && !(0x40..=0x7e).contains(&bytes[i]) {
                        i += 1;
                    }
                    i = (i + 1).min(bytes.len());
                }
                Some(b']') => {
                    while i < bytes.len() && bytes[i] != 0x07 && !(bytes[i] == b'\\' && bytes[i - 1] == 0x1b) {
                        i += 1;
                    }
                    i = (i + 1).min(bytes.len());
                }
                Some(_) => i += 1,
                None => {}
            }
            // Never inside a character: an escape's bytes are ASCII, what follows starts one.
            while i < bytes.len() && !raw.is_char_boundary(i) {
                i += 1;
            }
            run_start = i;
            continue;
        }
        // A pasted log often lost the ESC but kept the rest: `[91m`, `[0m`.
        if b == b'[' {
            if let Some(len) = bare_sgr(&bytes[i..]) {
                flush(text, runs, run_start, i);
                i += len;
                run_start = i;
                continue;
            }
        }
        i += 1;
    }
    flush(text, runs, run_start, bytes.len());
    // The prefixes in front of the words, stripped in a loop (`> #12 3.4 2024-…Z ERROR…`).
    loop {
        let cut = prefix_len(text);
        if cut == 0 {
            break;
        }
        drop_front(text, runs, cut);
    }
}

/// Removes the first `cut` bytes of `text`, moving the runs along.
fn drop_front(text: &mut String, runs: &mut Vec<(usize, usize)>, cut: usize) {
    text.drain(..cut);
    let mut kept = Vec::with_capacity(runs.len());
    for (i, &(t, r)) in runs.iter().enumerate() {
        let end = runs.get(i + 1).map_or(usize::MAX, |n| n.0);
        if end <= cut {
            continue;
        }
        if t < cut {
            kept.push((0, r + (cut - t)));
        } else {
            kept.push((t - cut, r));
        }
    }
    *runs = kept;
}

/// The length of an SGR sequence without its ESC (`[0m`, `[1;31m`), if `bytes` starts with one.
fn bare_sgr(bytes: &[u8]) -> Option<usize> {
    let n = bytes.iter().skip(1).take(12).position(|b| !(b.is_ascii_digit() || *b == b';'))?;
    (n > 0 && bytes.get(n + 1) == Some(&b'm')).then_some(n + 2)
}

/// The length of one prefix a build tool writes in front of a line's words, 0 if none.
fn prefix_len(text: &str) -> usize {
    let b = text.as_bytes();
    // A Markdown quote of a pasted log.
    if let Some(rest) = text.strip_prefix("> ") {
        return text.len() - rest.len();
    }
    // BuildKit: `#12 3.456 ` (and `#12 ` alone on an empty line).
    if b.first() == Some(&b'#') {
        let digits = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && b.get(1 + digits).is_none_or(|&c| c == b' ') {
            let mut n = (1 + digits + 1).min(b.len());
            let time = number_len(&b[n..]);
            if time > 0 && b.get(n + time).is_none_or(|&c| c == b' ') {
                n = (n + time + 1).min(b.len());
            }
            return n;
        }
    }
    // BuildKit's plain progress without the step number (`102.6 ERROR: …`), and Docker's `Step 5/12 : `.
    let time = number_len(b);
    if time > 0 && b[..time].contains(&b'.') && b.get(time) == Some(&b' ') {
        return time + 1;
    }
    if let Some(rest) = text.strip_prefix("Step ") {
        let n = rest.bytes().take_while(|c| c.is_ascii_digit() || *c == b'/').count();
        if n > 0 && rest[n..].starts_with(" : ") {
            return 5 + n + 3;
        }
    }
    // Azure Pipelines / GitHub Actions log commands.
    for tag in ["##[error]", "##[warning]", "##[section]", "##[command]"] {
        if text.starts_with(tag) {
            return tag.len();
        }
    }
    timestamp_len(text)
}

/// The length of a decimal number (`3.456`, `12`).
fn number_len(b: &[u8]) -> usize {
    let n = b.iter().take_while(|c| c.is_ascii_digit() || **c == b'.').count();
    if n > 0 && b[0].is_ascii_digit() {
        n
    } else {
        0
    }
}

/// An ISO 8601 timestamp (`2024-05-01T12:00:00.123Z `, `2024-05-01 12:00:00,123 `, in brackets
/// or not) or a syslog one (`May  1 12:00:00 `), with the blank after it.
fn timestamp_len(text: &str) -> usize {
    let b = text.as_bytes();
    let bracket = usize::from(b.first() == Some(&b'['));
    let s = &b[bracket..];
    let digit = |i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
    // `2024-05-01`, and Go's log package's `2019/10/15` (ACR task logs).
    let sep = s.get(4).copied().filter(|c| *c == b'-' || *c == b'/');
    let iso = (0..4).all(digit) && sep.is_some() && digit(5) && digit(6) && s.get(7).copied() == sep && digit(8) && digit(9);
    let syslog = s.len() > 15
        && ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].iter().any(|m| s.starts_with(m.as_bytes()))
        && s[3] == b' '
        && s[6] == b' '
        && s[9] == b':'
        && s[12] == b':';
    let mut n = if iso {
        let mut n = 10;
        if matches!(s.get(10), Some(b'T' | b' ')) && digit(11) {
            n = 11 + s[11..].iter().take_while(|c| c.is_ascii_digit() || matches!(c, b':' | b'.' | b',')).count();
            if s.get(n) == Some(&b'Z') {
                n += 1;
            } else if matches!(s.get(n), Some(b'+' | b'-')) && s.get(n + 1).is_some_and(u8::is_ascii_digit) {
                n += 1 + s[n + 1..].iter().take_while(|c| c.is_ascii_digit() || **c == b':').count();
            }
        }
        n
    } else if syslog {
        15
    } else {
        return 0;
    };
    if bracket == 1 {
        if s.get(n) != Some(&b']') {
            return 0;
        }
        n += 1;
    }
    n += bracket;
    // `2024-09-26T13:49:32: Step 1/10 : …`
    if b.get(n) == Some(&b':') && b.get(n + 1) == Some(&b' ') {
        n += 1;
    }
    match b.get(n) {
        Some(b' ' | b'\t') => n + 1 + b[n + 1..].iter().take_while(|c| **c == b' ').count(),
        None => n,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(log: &[u8]) -> Vec<(usize, String, String)> {
        let mut reader = LogReader::new(log);
        let mut out = Vec::new();
        while let Some(line) = reader.next_line().unwrap() {
            out.push((line.number, line.raw.clone(), line.text.clone()));
        }
        out
    }

    #[test]
    fn prefixes_colours_and_redraws_are_stripped_for_matching_only() {
        let log = b"#12 3.456 ERROR: No matching distribution found for x\n\
            Step 5/12 : RUN conda env create -f environment.yml\n\
            \x1b[91mERROR: Cannot uninstall 'PyYAML'.\x1b[0m\n\
            2024-05-01T12:00:00.1234567Z ##[error]Killed\n\
            Downloading 10%\rDownloading 90%\rERROR: x\r\n\
            > [0m [91mERROR: y\n\
            102.6     unknown package:\n\
            May  1 12:00:00 host conda[1]: Killed\n\
            2019/10/15 11:08:47 Downloading source code...\n\
            2024-09-26T13:49:32: Step 1/10 : FROM x\n";
        let got = lines(log);
        let texts: Vec<&str> = got.iter().map(|l| l.2.as_str()).collect();
        assert_eq!(
            texts,
            [
                "ERROR: No matching distribution found for x",
                "RUN conda env create -f environment.yml",
                "ERROR: Cannot uninstall 'PyYAML'.",
                "Killed",
                "ERROR: x",
                " ERROR: y",
                "    unknown package:",
                "host conda[1]: Killed",
                "Downloading source code...",
                "FROM x",
            ]
        );
        assert_eq!(got[4].1, "Downloading 10%\rDownloading 90%\rERROR: x", "raw keeps the redraws, not the CR of a CRLF");
        assert_eq!(got.iter().map(|l| l.0).collect::<Vec<_>>(), (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn offsets_map_back_into_the_raw_line() {
        let mut reader = LogReader::new(&b"#3 0.5 \x1b[31mERROR\x1b[0m: boom\n"[..]);
        let line = reader.next_line().unwrap().unwrap();
        assert_eq!(line.text, "ERROR: boom");
        let at = line.text.find("boom").unwrap();
        let (s, e) = line.raw_range(at, at + 4);
        assert_eq!(&line.raw[s..e], "boom");
        let (s, e) = line.raw_range(0, 5);
        assert_eq!(&line.raw[s..e], "ERROR");
    }

    #[test]
    fn long_lines_are_cut_and_the_rest_is_skipped() {
        let mut log = vec![b'a'; MAX_LINE * 3];
        log.extend_from_slice(b"\nnext\nlast");
        let got = lines(&log);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].1.len(), MAX_LINE);
        assert_eq!((got[1].0, got[1].1.as_str()), (1, "next"));
        assert_eq!((got[2].0, got[2].1.as_str()), (2, "last"));
        assert!(lines(b"").is_empty());
    }
}
