use serde_json::{json, Value};

use super::FileReport;
use crate::source::{SourceFile, TextRange};

fn location(source: &SourceFile, offset: usize) -> Value {
    let (row, column) = source.line_col(offset);
    json!({ "row": row, "column": column })
}

fn span(source: &SourceFile, range: TextRange) -> (Value, Value) {
    (location(source, range.start), location(source, range.end))
}

/// One JSON array of findings, sorted by filename, then position (CLI.md schema).
pub fn render(reports: &[FileReport<'_>]) -> String {
    let mut sorted: Vec<&FileReport<'_>> = reports.iter().collect();
    sorted.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    let mut out = Vec::new();
    for report in sorted {
        let source = report.source;
        for d in report.diagnostics {
            let (start, end) = span(source, d.primary.range);
            let fix = d.fix.as_ref().map(|fix| {
                let edits: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (start, end) = span(source, e.range);
                        json!({ "content": e.content, "location": start, "end_location": end })
                    })
                    .collect();
                json!({ "message": fix.title, "applicability": fix.applicability, "edits": edits })
            });
            let related: Vec<Value> = d
                .secondary
                .iter()
                .map(|l| {
                    let (start, end) = span(source, l.range);
                    json!({ "message": l.message, "filename": source.path, "location": start, "end_location": end })
                })
                .collect();
            let mut finding = json!({
                "code": d.code,
                "name": d.name,
                "severity": d.severity,
                "message": d.message,
                "help": d.help,
                "filename": source.path,
                "location": start,
                "end_location": end,
                "url": crate::doc_url(d.name),
                "fix": fix,
            });
            if !related.is_empty() {
                finding["related"] = Value::Array(related);
            }
            out.push(finding);
        }
    }
    let mut text = serde_json::to_string_pretty(&Value::Array(out)).expect("JSON values serialise");
    text.push('\n');
    text
}
