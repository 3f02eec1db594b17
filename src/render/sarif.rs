use serde_json::{json, Value};

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;
use crate::source::{SourceFile, TextRange};

/// SARIF 2.1.0: one run; `tool.driver.rules` lists the rules that ran; results carry regions
/// (1-based lines, columns in Unicode code points: `columnKind` says so), related locations for
/// secondary labels, fixes, and `suppressions` for findings an inline directive suppressed.
pub fn render(reports: &[FileReport<'_>], rules: &[&'static RuleMeta]) -> String {
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "helpUri": crate::doc_url(m.name),
                "defaultConfiguration": {"level": level(m.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        for d in report.diagnostics.iter().chain(report.suppressed) {
            results.push(result(report.source, d, rules));
        }
    }
    let sarif = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "condalint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/condalint/condalint",
                "rules": driver_rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&sarif).expect("SARIF serialises") + "\n"
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(source: &SourceFile, d: &Diagnostic, rules: &[&'static RuleMeta]) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": {"text": text},
        "locations": [location(source, d.primary.range)],
    });
    if let Some(index) = rules.iter().position(|m| m.code == d.code) {
        result["ruleIndex"] = index.into();
    }
    if !d.secondary.is_empty() {
        let related: Vec<Value> = d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let mut related = location(label.file.as_deref().unwrap_or(source), label.range);
                related["id"] = i.into();
                if let Some(message) = &label.message {
                    related["message"] = json!({"text": message});
                }
                related
            })
            .collect();
        result["relatedLocations"] = related.into();
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| json!({"deletedRegion": region(source, e.range), "insertedContent": {"text": e.content}}))
            .collect();
        result["fixes"] = json!([{
            "description": {"text": fix.title},
            "artifactChanges": [{"artifactLocation": {"uri": uri(&source.path)}, "replacements": replacements}],
        }]);
    }
    if let Some(suppression) = &d.suppression {
        let mut entry = json!({"kind": "inSource"});
        if let Some(reason) = &suppression.reason {
            entry["justification"] = reason.as_str().into();
        }
        result["suppressions"] = json!([entry]);
    }
    result
}

fn location(source: &SourceFile, range: TextRange) -> Value {
    json!({"physicalLocation": {"artifactLocation": {"uri": uri(&source.path)}, "region": region(source, range)}})
}

fn region(source: &SourceFile, range: TextRange) -> Value {
    let (start_line, start_column) = source.line_col(range.start);
    let (end_line, end_column) = source.line_col(range.end);
    json!({"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column})
}

/// A path as a URI reference: forward slashes, percent-encoded outside the unreserved set;
/// absolute paths become `file://` URIs.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out.strip_prefix("./").map(str::to_owned).unwrap_or(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Suppression;
    use crate::{lint, Settings};

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(uri("envs/my env/é.yml"), "envs/my%20env/%C3%A9.yml");
        assert_eq!(uri("./environment.yml"), "environment.yml");
        assert_eq!(uri("/work/environment.yml"), "file:///work/environment.yml");
    }

    #[test]
    fn suppressed_findings_carry_their_justification() {
        let source = SourceFile::from_text("environment.yml", "name: x\ndependencies:\n  - pip:\n      - numpy=1.21\n");
        let mut found = lint(&source, &Settings::default(), &crate::DiskFileSystem);
        let mut suppressed = found.split_off(1);
        suppressed[0].suppression = Some(Suppression { reason: Some("legacy".into()), range: TextRange::new(0, 1) });
        let rules: Vec<&'static RuleMeta> = crate::rules::RULES.iter().map(|r| r.meta()).collect();
        let text = render(&[FileReport { source: &source, diagnostics: &found, suppressed: &suppressed }], &rules);
        let value: Value = serde_json::from_str(&text).unwrap();
        let results = value["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), found.len() + suppressed.len());
        assert!(results[..found.len()].iter().all(|r| r.get("suppressions").is_none()));
        assert_eq!(results[found.len()]["suppressions"], json!([{"kind": "inSource", "justification": "legacy"}]));
    }
}
