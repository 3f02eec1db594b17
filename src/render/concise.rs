use std::fmt::Write;

use super::{terminal_safe, FileReport};

/// `path:line:col: CODE [severity] message`, one line per finding.
pub fn render(reports: &[FileReport<'_>]) -> String {
    // Sized up front: growing a large report by doubling copies it and touches twice the memory.
    let mut out = String::with_capacity(reports.iter().map(|r| r.diagnostics.len() * (r.source.path.len() + 120)).sum());
    for report in reports {
        let path = terminal_safe(&report.source.path);
        for d in report.diagnostics {
            let (line, col) = report.source.line_col(d.primary.range.start);
            let _ = writeln!(out, "{}:{line}:{col}: {} [{}] {}", path, d.code, d.severity.as_str(), terminal_safe(&d.message));
        }
    }
    out
}
