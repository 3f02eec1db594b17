use std::fmt::Write;

use super::{terminal_safe, FileReport};
use crate::diagnostic::Severity;

/// GitHub Actions workflow commands: `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
/// Info findings are `::notice`.
pub fn render(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in report.diagnostics {
            let (line, col) = report.source.line_col(d.primary.range.start);
            let (end_line, end_col) = report.source.line_col(d.primary.range.end);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = terminal_safe(&d.message).into_owned();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(&terminal_safe(help));
            }
            let _ = writeln!(
                out,
                "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                property(&terminal_safe(&report.source.path)),
                property(&format!("{} ({})", d.code, d.name)),
                data(&message)
            );
        }
    }
    out
}

/// Escapes a command's message (GitHub's `escapeData`).
fn data(text: &str) -> String {
    super::escape_chars(text, &[('%', "%25"), ('\r', "%0D"), ('\n', "%0A")])
}

/// Escapes a command property (GitHub's `escapeProperty`).
fn property(text: &str) -> String {
    super::escape_chars(text, &[('%', "%25"), ('\r', "%0D"), ('\n', "%0A"), (':', "%3A"), (',', "%2C")])
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(super::data("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
        assert_eq!(super::property("C:\\envs\\a,b.yml"), "C%3A\\envs\\a%2Cb.yml");
    }
}
