use serde::Serialize;

use super::FileReport;
use crate::diagnostic::{Applicability, Severity};
use crate::source::{SourceFile, TextRange};

#[derive(Serialize)]
struct Location {
    row: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    content: &'a str,
    location: Location,
    end_location: Location,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    message: Option<&'a str>,
    /// The `check` rule that catches the cause (`condalint explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    filename: &'a str,
    location: Location,
    end_location: Location,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    filename: &'a str,
    location: Location,
    end_location: Location,
    url: String,
    fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
}

fn span(source: &SourceFile, range: TextRange) -> (Location, Location) {
    let at = |offset| {
        let (row, column) = source.line_col(offset);
        Location { row, column }
    };
    (at(range.start), at(range.end))
}

/// One JSON array of findings, sorted by filename, then position (CLI.md schema).
pub fn render(reports: &[FileReport<'_>]) -> String {
    let mut sorted: Vec<&FileReport<'_>> = reports.iter().collect();
    sorted.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    let mut out = Vec::new();
    for report in sorted {
        let source = report.source;
        for d in report.diagnostics {
            let (location, end_location) = span(source, d.primary.range);
            let fix = d.fix.as_ref().map(|fix| JsonFix {
                message: &fix.title,
                applicability: fix.applicability,
                edits: fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (location, end_location) = span(source, e.range);
                        JsonEdit { content: &e.content, location, end_location }
                    })
                    .collect(),
            });
            let related = d
                .secondary
                .iter()
                .map(|l| {
                    let file = l.file.as_deref().unwrap_or(source);
                    let (location, end_location) = span(file, l.range);
                    Related { message: l.message.as_deref(), code: l.code, filename: &file.path, location, end_location }
                })
                .collect();
            out.push(Finding {
                code: d.code,
                name: d.name,
                severity: d.severity,
                message: &d.message,
                help: d.help.as_deref(),
                filename: &source.path,
                location,
                end_location,
                url: crate::doc_url(d.name),
                fix,
                related,
            });
        }
    }
    let mut text = serde_json::to_string_pretty(&out).expect("findings serialise");
    text.push('\n');
    text
}
