use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::FileReport;
use crate::diagnostic::Applicability;

#[derive(Serialize, Default)]
struct Row<'a> {
    code: &'a str,
    name: &'a str,
    count: usize,
    fixable: usize,
    suppressed: usize,
    reasons: Vec<&'a str>,
}

fn rows<'a>(reports: &'a [FileReport<'a>]) -> Vec<Row<'a>> {
    let mut by_code: BTreeMap<&str, Row<'_>> = BTreeMap::new();
    for report in reports {
        for d in report.diagnostics.iter().chain(report.suppressed) {
            let row = by_code.entry(d.code).or_insert_with(|| Row { code: d.code, name: d.name, ..Row::default() });
            match &d.suppression {
                Some(s) => {
                    row.suppressed += 1;
                    if let Some(reason) = s.reason.as_deref().filter(|r| !row.reasons.contains(r)) {
                        row.reasons.push(reason);
                    }
                }
                None => {
                    row.count += 1;
                    row.fixable += usize::from(d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe));
                }
            }
        }
    }
    let mut rows: Vec<Row<'_>> = by_code.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(b.suppressed.cmp(&a.suppressed)).then(a.code.cmp(b.code)));
    rows
}

/// A count per rule (`--statistics`): `count  CODE  name  [*]`, `[*]` when `--fix` can fix some;
/// suppressed findings are counted apart, with their reasons.
pub fn text(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for row in rows(reports) {
        let fixable = if row.fixable > 0 { " [*]" } else { "" };
        let _ = write!(out, "{:>5}  {:<7} {}{fixable}", row.count, row.code, row.name);
        if row.suppressed > 0 {
            let _ = write!(out, "  ({} suppressed", row.suppressed);
            for reason in &row.reasons {
                let _ = write!(out, "; {}", super::terminal_safe(reason));
            }
            out.push(')');
        }
        out.push('\n');
    }
    out
}

/// The same counts as a JSON array.
pub fn json(reports: &[FileReport<'_>]) -> String {
    serde_json::to_string_pretty(&rows(reports)).expect("statistics serialise") + "\n"
}
