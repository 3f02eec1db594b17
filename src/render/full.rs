use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents, NamedSource, Report,
    SourceCode, SourceSpan, SpanContents,
};

use std::sync::Arc;

use super::FileReport;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::source::SourceFile;

/// How the `full` format draws: colour and clickable links only on a terminal, text wrapped to
/// the terminal's width (`None`: not wrapped).
#[derive(Clone, Copy, Debug, Default)]
pub struct FullOptions {
    pub color: bool,
    pub links: bool,
    pub width: Option<usize>,
}

pub fn render(reports: &[FileReport<'_>], options: &FullOptions) -> String {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width.unwrap_or(usize::MAX))
        .with_wrap_lines(options.width.is_some())
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::Custom(words_outside_code))
        .with_links(options.links);
    let mut out = String::new();
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        // Escaped once per file; every finding's snippet shares it.
        let shown = Shown::new(report.source);
        for d in report.diagnostics {
            out.push_str(&render_one(&handler, &shown, d));
        }
    }
    out
}

/// A file as its snippets show it: the (masked) text with unsafe characters escaped, the map from
/// offsets in the file to offsets in that text, and the file's name, escaped too.
struct Shown {
    text: Text,
    name: String,
}

impl Shown {
    fn new(source: &SourceFile) -> Self {
        let (text, shifts) = super::escape_terminal(&source.text, true);
        let text = match text {
            std::borrow::Cow::Borrowed(_) => source.text.clone(),
            std::borrow::Cow::Owned(text) => text.into(),
        };
        let map = source.line_map().cloned().map(Arc::new);
        Self { text: Text { text, shifts: Arc::new(shifts), file: source.text.clone(), map }, name: safe(&source.path) }
    }

    /// A range of the file as a span of the shown text.
    fn span(&self, start: usize, end: usize) -> SourceSpan {
        let start = self.text.shifts.to_escaped(start);
        (start, self.text.shifts.to_escaped(end) - start).into()
    }
}

/// The words text wraps at: split at spaces, but a code span (`` `pip=23.3` ``,
/// `` `channels: [conda-forge]` ``) is one word, never broken across lines.
fn words_outside_code(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut words = Vec::new();
    let (mut start, mut in_code, mut after_space) = (0, false, false);
    for (i, c) in line.char_indices() {
        if c == ' ' && !in_code {
            after_space = true;
            continue;
        }
        if after_space {
            words.push(textwrap::core::Word::from(&line[start..i]));
            start = i;
            after_space = false;
        }
        if c == '`' {
            in_code = !in_code;
        }
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

fn safe(text: &str) -> String {
    super::terminal_safe(text).into_owned()
}

/// One diagnostic as miette draws it.
fn render_one(handler: &GraphicalReportHandler, shown: &Shown, d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let text = &shown.text.file;
    let mut labels = Vec::new();
    labels.extend(shortened(shown, text, d.primary.range, d.primary.message.as_deref(), true));
    for label in d.secondary.iter().filter(|l| l.file.is_none()) {
        labels.extend(shortened(shown, text, label.range, label.message.as_deref(), false));
    }
    let mut help = d.help.as_deref().map(safe);
    // Labels in another file cannot be drawn in this snippet: name their place instead.
    for label in &d.secondary {
        let Some(file) = &label.file else { continue };
        let (line, col) = file.line_col(label.range.start);
        // An explained build failure names the `check` rule that catches its cause beforehand.
        let caught = label.code.map(|c| format!(" ({c} catches this before a build)")).unwrap_or_default();
        let note = safe(&format!("{}{caught}: {}:{line}:{col}", label.message.as_deref().unwrap_or("see"), file.path));
        help = Some(match help {
            Some(h) => format!("{h}\n{note}"),
            None => note,
        });
    }
    if let Some(fix) = d.fix.as_ref().filter(|f| f.applicability != Applicability::DisplayOnly) {
        let kind = if fix.applicability == Applicability::Safe { "fix" } else { "unsafe fix" };
        let line = format!("{kind} available: {}", safe(&fix.title));
        help = Some(match help {
            Some(h) => format!("{h}\n{line}"),
            None => line,
        });
    }
    let mut diagnostic = MietteDiagnostic::new(safe(&d.message))
        .with_code(d.code)
        .with_severity(severity)
        .with_url(crate::doc_url(d.name))
        .with_labels(labels);
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    let report = Report::new(diagnostic).with_source_code(NamedSource::new(shown.name.clone(), shown.text.clone()));
    let mut out = String::new();
    let _ = handler.render_report(&mut out, report.as_ref());
    out
}

/// A label spanning more lines than this is drawn as its first and its last line.
const MAX_LABEL_LINES: usize = 4;

/// The label as miette should draw it: a span over many lines (the whole document of a
/// `conda list` paste) becomes its first line, with the label's text, and its last line, so
/// that the finding shows two short snippets instead of one frame as long as the span.
fn shortened(shown: &Shown, text: &str, range: crate::source::TextRange, message: Option<&str>, primary: bool) -> Vec<LabeledSpan> {
    let make = |message: Option<String>, start: usize, end: usize, primary: bool| {
        let span = shown.span(start, end);
        let message = message.map(|m| safe(&m));
        if primary { LabeledSpan::new_primary_with_span(message, span) } else { LabeledSpan::new_with_span(message, span) }
    };
    let message = message.map(str::to_owned);
    let covered = text.get(range.start..range.end).unwrap_or("");
    let covered = covered.trim_end_matches(['\n', '\r']);
    if covered.matches('\n').count() < MAX_LABEL_LINES {
        return vec![make(message, range.start, range.end, primary)];
    }
    let first_end = range.start + covered.find(['\r', '\n']).unwrap_or(covered.len());
    let last_line = range.start + covered.rfind('\n').map_or(0, |n| n + 1);
    let last_start = last_line + (covered[last_line - range.start..].len() - covered[last_line - range.start..].trim_start().len());
    let last_end = range.start + covered.len();
    let line = line_of(text, last_start);
    vec![
        make(message.map(|m| format!("{m} (to line {line})")).or(Some(format!("from here to line {line}"))), range.start, first_end, primary),
        make(Some("to here".to_owned()), last_start, last_end, false),
    ]
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    // Bytes, not `str`: an offset inside a character (a span's last byte) counts too.
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset.min(text.len())]).count() + 1
}

/// The file's text for miette, as [`Shown`] makes it. miette merges two labels' snippets when the
/// first one's start line plus its `line_count()` reaches the second's start line, but its own
/// `line_count()` is the number of lines from the top of the file to the snippet's end, so two
/// labels far down a file were merged into one frame covering every line between them. This
/// reports the number of lines in the snippet plus [`MERGE_GAP`]: two snippets merge when at
/// most that many lines lie between them, so labels a few lines apart stay in one snippet.
/// The column of the header (`[path:line:col]`) is the column in the file, not in the escaped
/// text.
#[derive(Clone)]
struct Text {
    text: Arc<str>,
    shifts: Arc<super::Shifts>,
    /// The file's own text, which ranges point into.
    file: Arc<str>,
    /// A build log's kept windows: snippets show the log's own line numbers and never run
    /// across the gap between two windows.
    map: Option<Arc<crate::files::LineMap>>,
}

/// Most lines hidden between two labels' snippets that are still drawn as one snippet.
const MERGE_GAP: usize = 4;

impl SourceCode for Text {
    fn read_span<'a>(&'a self, span: &SourceSpan, before: usize, after: usize) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let mut span = *span;
        let (before, after) = match &self.map {
            Some(map) => {
                let first = line_of(&self.text, span.offset()) - 1;
                let last = line_of(&self.text, span.offset() + span.len().saturating_sub(1)) - 1;
                let (start, end) = map.window_of(first);
                let asked = before;
                let before = before.min(first - start);
                // No line before it may be shown: the snippet still starts at its line's start
                // (miette starts it at the span itself when asked for no line before, which is
                // right only for the header's `line:column`).
                if before == 0 && asked > 0 {
                    let line_start = self.text[..span.offset()].rfind('\n').map_or(0, |i| i + 1);
                    span = (line_start, span.offset() + span.len() - line_start).into();
                }
                (before, end.map_or(after, |end| after.min(end.saturating_sub(last))))
            }
            None => (before, after),
        };
        let inner = self.text.read_span(&span, before, after)?;
        let data = inner.data();
        let lines = data.iter().filter(|&&b| b == b'\n').count() + usize::from(!data.is_empty() && !data.ends_with(b"\n"));
        let start = inner.span().offset();
        let column = self.shifts.to_text(start) - self.shifts.to_text(start - inner.column());
        let line = self.map.as_ref().map_or(inner.line(), |map| map.real(inner.line()));
        Ok(Box::new(MietteSpanContents::new(data, *inner.span(), line, column, lines + MERGE_GAP)))
    }
}
