//! Renderers: one per output format, all reading condalint's own [`Diagnostic`].

mod azure;
mod concise;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;
pub mod statistics;

pub use full::FullOptions;

use std::borrow::Cow;
use std::fmt::Write;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::rules::RuleMeta;
use crate::source::SourceFile;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Full,
    Concise,
    Json,
    Sarif,
    Github,
    Azure,
    Gitlab,
    Junit,
}

/// One linted file and its findings.
pub struct FileReport<'a> {
    /// The file as the report shows it: its credentials masked ([`crate::linter::FileRun`] masks it).
    pub source: &'a SourceFile,
    /// The findings to report, sorted by position.
    pub diagnostics: &'a [Diagnostic],
    /// Findings covered by an inline suppression (each has `suppression` set): only SARIF and
    /// `--statistics` show them.
    pub suppressed: &'a [Diagnostic],
}

/// Renders all reports in one format; `rules` are the rules that ran (SARIF lists them).
/// Formats whose output is each file's output in turn are rendered on all cores.
pub fn render(format: OutputFormat, reports: &[FileReport<'_>], options: &FullOptions, rules: &[&'static RuleMeta]) -> String {
    render_parts(format, reports, options, rules).concat()
}

/// [`render`] as parts to write one after the other: for the formats whose output is each
/// file's output in turn, one part a file, rendered on all cores.
pub fn render_parts(format: OutputFormat, reports: &[FileReport<'_>], options: &FullOptions, rules: &[&'static RuleMeta]) -> Vec<String> {
    use OutputFormat::*;
    if matches!(format, Full | Concise | Github | Azure) && reports.len() > 1 {
        use rayon::prelude::*;
        return reports.par_iter().map(|r| render_all(format, std::slice::from_ref(r), options, rules)).collect();
    }
    vec![render_all(format, reports, options, rules)]
}

fn render_all(format: OutputFormat, reports: &[FileReport<'_>], options: &FullOptions, rules: &[&'static RuleMeta]) -> String {
    match format {
        OutputFormat::Full => full::render(reports, options),
        OutputFormat::Concise => concise::render(reports),
        OutputFormat::Json => json::render(reports),
        OutputFormat::Sarif => sarif::render(reports, rules),
        OutputFormat::Github => github::render(reports),
        OutputFormat::Azure => azure::render(reports),
        OutputFormat::Gitlab => gitlab::render(reports),
        OutputFormat::Junit => junit::render(reports),
    }
}

/// `Found 3 problems (2 warnings, 1 error) in 2 files; 1 fixable with --fix`.
pub fn summary(reports: &[FileReport<'_>]) -> String {
    let all: Vec<&Diagnostic> = reports.iter().flat_map(|r| r.diagnostics).collect();
    if all.is_empty() {
        return format!("No problems found in {}", plural(reports.len(), "file", "files"));
    }
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    let parts: Vec<String> = [(Severity::Error, "error", "errors"), (Severity::Warning, "warning", "warnings"), (Severity::Info, "info", "infos")]
        .into_iter()
        .filter(|(s, ..)| count(*s) > 0)
        .map(|(s, one, many)| plural(count(s), one, many))
        .collect();
    let files = reports.iter().filter(|r| !r.diagnostics.is_empty()).count();
    let mut line = format!(
        "Found {} ({}) in {}",
        plural(all.len(), "problem", "problems"),
        parts.join(", "),
        plural(files, "file", "files")
    );
    let fixable = |a: Applicability| all.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a)).count();
    let (safe, unsafe_) = (fixable(Applicability::Safe), fixable(Applicability::Unsafe));
    match (safe, unsafe_) {
        (0, 0) => {}
        (0, n) => line.push_str(&format!("; {n} fixable with --fix --unsafe-fixes")),
        (n, 0) => line.push_str(&format!("; {n} fixable with --fix")),
        (n, m) => line.push_str(&format!("; {n} fixable with --fix ({m} more with --unsafe-fixes)")),
    }
    line
}

/// Replaces each listed character by its escape (CI logging commands).
fn escape_chars(text: &str, escapes: &[(char, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match escapes.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// A character a terminal must not receive as it is: C0 controls other than tab (they move the
/// cursor, clear the screen, start escape sequences), DEL, C1 controls, and the bidirectional
/// overrides and isolates that reorder what a line shows.
pub(crate) fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether the text may hold an unsafe character (a quick test on bytes: C0, DEL, and the lead
/// bytes of C1 controls and of the bidirectional controls).
fn may_be_unsafe(text: &str) -> bool {
    text.bytes().any(|b| (b < 0x20 && b != b'\t') || matches!(b, 0x7f | 0xc2 | 0xe2))
}

/// Text as every human format writes it (`full`, `concise`, `github`, `azure`, `--statistics`):
/// each unsafe character (see [`is_unsafe`]) shown as its escape (`\u{1b}`), so that nothing a
/// linted file holds can drive the terminal.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    escape_terminal(text, false).0
}

/// The one escaping function of the human renderers. With `lines` (a source text for a
/// snippet) line breaks are kept: `\n` and `\r\n` as they are, a lone `\r` as `\n` (one byte for
/// one, so that it shows as the line break it is). Also returns, for each escape, where the
/// escaped character ends in `text` and how many bytes longer the result is from there on:
/// what [`Shifts`] maps offsets with.
pub(crate) fn escape_terminal(text: &str, lines: bool) -> (Cow<'_, str>, Shifts) {
    let mut shifts = Shifts::default();
    if !may_be_unsafe(text) {
        return (Cow::Borrowed(text), shifts);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let line_break = lines && (c == '\n' || (c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n')));
        if !is_unsafe(c) || line_break {
            continue;
        }
        out.push_str(&text[copied..i]);
        copied = i + c.len_utf8();
        if lines && c == '\r' {
            out.push('\n');
            continue;
        }
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        shifts.0.push((copied, out.len() - copied));
    }
    if copied == 0 {
        return (Cow::Borrowed(text), shifts);
    }
    out.push_str(&text[copied..]);
    (Cow::Owned(out), shifts)
}

/// Where offsets into a text land in its escaped form: `(end of an escaped character in the
/// text, bytes added up to there)`, in order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Shifts(Vec<(usize, usize)>);

impl Shifts {
    /// The offset in the escaped text of an offset in the text.
    pub(crate) fn to_escaped(&self, offset: usize) -> usize {
        let before = self.0.partition_point(|&(end, _)| end <= offset);
        offset + before.checked_sub(1).map_or(0, |i| self.0[i].1)
    }

    /// The offset in the text of an offset in the escaped text that is not inside an escape.
    pub(crate) fn to_text(&self, offset: usize) -> usize {
        let before = self.0.partition_point(|&(end, added)| end + added <= offset);
        offset - before.checked_sub(1).map_or(0, |i| self.0[i].1)
    }
}

/// A path as text: bytes that are not valid UTF-8 are written `\x{ff}` (not replaced by `�`).
pub fn path_text(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                let _ = write!(out, "\\x{{{byte:02x}}}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{lint, Settings};

    fn example() -> SourceFile {
        SourceFile::from_text("environment.yml", "name: x\ndependencies:\n  - pip:\n      - numpy=1.21\n")
    }

    #[test]
    fn full_uses_colour_and_links_only_when_asked() {
        let source = example();
        let diagnostics = lint(&source, &Settings::default(), &crate::DiskFileSystem);
        let reports = [FileReport { source: &source, diagnostics: &diagnostics, suppressed: &[] }];
        let plain = render(OutputFormat::Full, &reports, &FullOptions { color: false, links: false, width: Some(80) }, &[]);
        assert!(!plain.contains('\u{1b}'));
        assert!(plain.contains("PIP004 (https://github.com/condalint/condalint/blob/main/lints/invalid-requirement.md)"));
        let tty = render(OutputFormat::Full, &reports, &FullOptions { color: true, links: true, width: Some(80) }, &[]);
        assert!(tty.contains("\u{1b}[") && tty.contains("\u{1b}]8;;https://github.com/condalint/condalint/blob/main/lints/"));
    }

    #[test]
    fn escapes_controls_and_maps_offsets() {
        assert_eq!(terminal_safe("a\u{1b}[2J\tb\u{7}\u{9b}\u{202e}\u{2069}\u{7f}\nc"), "a\\u{1b}[2J\tb\\u{7}\\u{9b}\\u{202e}\\u{2069}\\u{7f}\\u{a}c");
        assert!(matches!(terminal_safe("plain é ✓ text"), Cow::Borrowed(_)));
        // A snippet keeps its line breaks; a lone `\r` becomes one.
        let text = "x\u{1b}y\r\nz\rw\u{202e}v";
        let (shown, shifts) = escape_terminal(text, true);
        assert_eq!(shown, "x\\u{1b}y\r\nz\nw\\u{202e}v");
        let at = |needle: &str| text.find(needle).unwrap();
        for (needle, expected) in [("x", "x"), ("y", "y"), ("z", "z"), ("w", "w"), ("v", "v"), ("\u{1b}", "\\u{1b}"), ("\u{202e}", "\\u{202e}")] {
            let start = shifts.to_escaped(at(needle));
            assert!(shown[start..].starts_with(expected), "{needle:?}");
            assert_eq!(shifts.to_text(start), at(needle));
        }
        assert_eq!(shifts.to_escaped(text.len()), shown.len());
    }

    #[test]
    fn summary_counts_by_severity() {
        let source = example();
        let diagnostics = lint(&source, &Settings::default(), &crate::DiskFileSystem);
        let reports = [FileReport { source: &source, diagnostics: &diagnostics, suppressed: &[] }];
        assert_eq!(summary(&reports), "Found 3 problems (1 error, 2 warnings) in 1 file; 1 fixable with --fix (1 more with --unsafe-fixes)");
        let empty = [FileReport { source: &source, diagnostics: &[], suppressed: &[] }];
        assert_eq!(summary(&empty), "No problems found in 1 file");
    }

    #[test]
    fn rendering_files_in_parallel_gives_the_serial_output() {
        let texts = ["dependencies:\n  - numpy=1.21=py39_0\n  - pip\n  - pip:\n    - numpy==1.21\n", "name: x\nchanels: []\n", "dependencies: [python]\n"];
        let sources: Vec<SourceFile> = texts.iter().enumerate().map(|(i, t)| SourceFile::from_text(format!("f{i}.yml"), *t)).collect();
        let settings = crate::Settings::all();
        let found: Vec<Vec<Diagnostic>> = sources.iter().map(|s| crate::lint(s, &settings, &crate::DiskFileSystem)).collect();
        let reports: Vec<FileReport<'_>> = sources.iter().zip(&found).map(|(source, d)| FileReport { source, diagnostics: d, suppressed: &[] }).collect();
        assert!(found.iter().all(|d| !d.is_empty()), "every file has findings");
        for format in [OutputFormat::Full, OutputFormat::Concise, OutputFormat::Github, OutputFormat::Azure] {
            let serial = render_all(format, &reports, &FullOptions::default(), &[]);
            assert_eq!(render(format, &reports, &FullOptions::default(), &[]), serial, "{format:?}");
        }
    }
}
