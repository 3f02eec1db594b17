use std::fmt::Write;

use super::{terminal_safe, FileReport};
use crate::diagnostic::Severity;

/// Azure Pipelines logging commands:
/// `##vso[task.logissue type=warning;sourcepath=…;linenumber=…;columnnumber=…;code=…]message`.
/// Azure knows only `error` and `warning`: info findings are logged as warnings.
pub fn render(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in report.diagnostics {
            let (line, col) = report.source.line_col(d.primary.range.start);
            let kind = if d.severity == Severity::Error { "error" } else { "warning" };
            let _ = writeln!(
                out,
                "##vso[task.logissue type={kind};sourcepath={};linenumber={line};columnnumber={col};code={}]{}",
                property(&terminal_safe(&report.source.path)),
                d.code,
                data(&format!("{} {}", d.code, terminal_safe(&d.message)))
            );
        }
    }
    out
}

/// Escapes a command's message (azure-pipelines-task-lib's `escapedata`).
fn data(text: &str) -> String {
    super::escape_chars(text, &[('%', "%AZP25"), ('\r', "%0D"), ('\n', "%0A")])
}

/// Escapes a property value (azure-pipelines-task-lib's `escape`).
fn property(text: &str) -> String {
    super::escape_chars(text, &[('%', "%AZP25"), ('\r', "%0D"), ('\n', "%0A"), (';', "%3B"), (']', "%5D")])
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(super::data("100% sure\nnext"), "100%AZP25 sure%0Anext");
        assert_eq!(super::property("envs/a;b]c.yml"), "envs/a%3Bb%5Dc.yml");
    }
}
