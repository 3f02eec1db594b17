use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report};

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
    let span = |r: crate::source::TextRange| (r.start, r.len());
    let mut labels = vec![LabeledSpan::new_primary_with_span(d.primary.message.clone(), span(d.primary.range))];
    labels.extend(d.secondary.iter().filter(|l| l.file.is_none()).map(|l| LabeledSpan::new_with_span(l.message.clone(), span(l.range))));
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
    let report = Report::new(diagnostic).with_source_code(NamedSource::new(source.path.clone(), crate::rules::credentials_in_url::mask(&source.text).into_owned()));
    let mut out = String::new();
    let _ = handler.render_report(&mut out, report.as_ref());
    out
}
