use serde_json::json;

use super::FileReport;
use crate::diagnostic::Severity;

/// GitLab Code Quality report: a JSON array of issues. The fingerprint hashes the file, the
/// code, the text under the finding and how many identical findings precede it in the file, not
/// the line number, so that a line added above does not make GitLab see a new issue.
pub fn render(reports: &[FileReport<'_>]) -> String {
    let mut issues = Vec::new();
    for report in reports {
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for d in report.diagnostics {
            let text = report.source.slice(d.primary.range);
            let occurrence = seen.iter().filter(|&&(c, t)| c == d.code && t == text).count();
            seen.push((d.code, text));
            let (line, _) = report.source.line_col(d.primary.range.start);
            let (end_line, _) = report.source.line_col(d.primary.range.end);
            // The text is the report's masked copy: a fast hash of a password could be reversed.
            let key = format!("{}\0{}\0{text}\0{occurrence}", report.source.path, d.code);
            issues.push(json!({
                "description": format!("{} {}", d.code, d.message),
                "check_name": d.code,
                "fingerprint": fingerprint(&key),
                "severity": match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "minor",
                },
                "location": {"path": report.source.path, "lines": {"begin": line, "end": end_line}},
            }));
        }
    }
    serde_json::to_string_pretty(&issues).expect("issues serialise") + "\n"
}

/// 128-bit FNV-1a as 32 hex digits: stable across versions and platforms.
fn fingerprint(key: &str) -> String {
    let mut hash: u128 = 0x6c62272e07bb014262b821756295c58d;
    for byte in key.bytes() {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(0x0000000001000000000000000000013B);
    }
    format!("{hash:032x}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprint_is_fixed() {
        assert_eq!(super::fingerprint(""), "6c62272e07bb014262b821756295c58d");
        assert_ne!(super::fingerprint("a"), super::fingerprint("b"));
    }
}
