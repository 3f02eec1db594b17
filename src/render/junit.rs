use std::fmt::Write;

use super::FileReport;

/// JUnit XML: one test suite per file, one failing test case per finding; a file without
/// findings has one passing test case.
pub fn render(reports: &[FileReport<'_>]) -> String {
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"condalint\" tests=\"{total}\" failures=\"{failures}\">");
    for report in reports {
        let path = escape(&report.source.path);
        let n = report.diagnostics.len();
        let _ = writeln!(out, "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{n}\">", n.max(1));
        if n == 0 {
            let _ = writeln!(out, "    <testcase name=\"condalint\" classname=\"{path}\"/>");
        }
        for d in report.diagnostics {
            let (line, col) = report.source.line_col(d.primary.range.start);
            let mut body = format!("{}:{line}:{col}: {} [{}] {}", report.source.path, d.code, d.severity.as_str(), d.message);
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            let _ = writeln!(out, "    <testcase name=\"{} {line}:{col}\" classname=\"{path}\">", d.code);
            let _ = writeln!(out, "      <failure message=\"{}\" type=\"{}\">{}</failure>", escape(&d.message), d.code, escape(&body));
            let _ = writeln!(out, "    </testcase>");
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Escapes text for XML 1.0 attributes and content; characters XML 1.0 cannot hold are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push_str(&format!("&#{};", c as u32)),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_invalid_characters() {
        assert_eq!(super::escape("a<b & \"c\" 'd'>\u{1}\nz"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;&#10;z");
    }
}
