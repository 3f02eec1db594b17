use std::fmt::Write;

use super::FileReport;

/// `path:line:col: CODE [severity] message`, one line per finding.
pub fn render(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in report.diagnostics {
            let (line, col) = report.source.line_col(d.primary.range.start);
            let _ = writeln!(out, "{}:{line}:{col}: {} [{}] {}", report.source.path, d.code, d.severity.as_str(), d.message);
        }
    }
    out
}
