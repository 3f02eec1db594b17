use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents, NamedSource, Report,
    SourceCode, SourceSpan, SpanContents,
};

use super::FileReport;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::source::SourceFile;

/// How the `full` format draws: colour and clickable links only on a terminal.
#[derive(Clone, Copy, Debug)]
pub struct FullOptions {
    pub color: bool,
    pub links: bool,
    pub width: usize,
}

impl Default for FullOptions {
    fn default() -> Self {
        Self { color: false, links: false, width: 80 }
    }
}

pub fn render(reports: &[FileReport<'_>], options: &FullOptions) -> String {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_links(options.links);
    let mut out = String::new();
    for report in reports {
        for d in report.diagnostics {
            out.push_str(&render_one(&handler, report.source, d));
        }
    }
    out
}

/// One diagnostic as miette draws it.
pub fn render_one(handler: &GraphicalReportHandler, source: &SourceFile, d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let text = crate::rules::credentials_in_url::mask(&source.text).into_owned();
    let mut labels = Vec::new();
    labels.extend(shortened(&text, d.primary.range, d.primary.message.clone(), true));
    for label in d.secondary.iter().filter(|l| l.file.is_none()) {
        labels.extend(shortened(&text, label.range, label.message.clone(), false));
    }
    let mut help = d.help.as_deref().map(str::to_owned);
    // Labels in another file cannot be drawn in this snippet: name their place instead.
    for label in &d.secondary {
        let Some(file) = &label.file else { continue };
        let (line, col) = file.line_col(label.range.start);
        let note = format!("{}: {}:{line}:{col}", label.message.as_deref().unwrap_or("see"), file.path);
        help = Some(match help {
            Some(h) => format!("{h}\n{note}"),
            None => note,
        });
    }
    if let Some(fix) = d.fix.as_ref().filter(|f| f.applicability != Applicability::DisplayOnly) {
        let kind = if fix.applicability == Applicability::Safe { "fix" } else { "unsafe fix" };
        let line = format!("{kind} available: {}", fix.title);
        help = Some(match help {
            Some(h) => format!("{h}\n{line}"),
            None => line,
        });
    }
    let mut diagnostic = MietteDiagnostic::new(d.message.clone())
        .with_code(d.code)
        .with_severity(severity)
        .with_url(crate::doc_url(d.name))
        .with_labels(labels);
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    let report = Report::new(diagnostic).with_source_code(NamedSource::new(source.path.clone(), Text(text)));
    let mut out = String::new();
    let _ = handler.render_report(&mut out, report.as_ref());
    out
}

/// A label spanning more lines than this is drawn as its first and its last line.
const MAX_LABEL_LINES: usize = 4;

/// The label as miette should draw it: a span over many lines (the whole document of a
/// `conda list` paste) becomes its first line, with the label's text, and its last line, so
/// that the finding shows two short snippets instead of one frame as long as the span.
fn shortened(text: &str, range: crate::source::TextRange, message: Option<String>, primary: bool) -> Vec<LabeledSpan> {
    let make = |message: Option<String>, start: usize, end: usize, primary: bool| {
        let span = (start, end - start);
        if primary { LabeledSpan::new_primary_with_span(message, span) } else { LabeledSpan::new_with_span(message, span) }
    };
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
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The file's text for miette. miette merges two labels' snippets when the first one's start
/// line plus its `line_count()` reaches the second's start line, but its own `line_count()` is
/// the number of lines from the top of the file to the snippet's end, so two labels far down a
/// file were merged into one frame covering every line between them. This reports the number
/// of lines in the snippet plus [`MERGE_GAP`]: two snippets merge when at most that many lines
/// lie between them, so labels a few lines apart stay in one snippet.
struct Text(String);

/// Most lines hidden between two labels' snippets that are still drawn as one snippet.
const MERGE_GAP: usize = 4;

impl SourceCode for Text {
    fn read_span<'a>(&'a self, span: &SourceSpan, before: usize, after: usize) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.0.read_span(span, before, after)?;
        let data = inner.data();
        let lines = data.iter().filter(|&&b| b == b'\n').count() + usize::from(!data.is_empty() && !data.ends_with(b"\n"));
        Ok(Box::new(MietteSpanContents::new(data, *inner.span(), inner.line(), inner.column(), lines + MERGE_GAP)))
    }
}
