//! Lint rules: each one file, its metadata in one `static`, its doc in `lints/<name>.md`.

mod registry;

mod conda_too_old;
mod duplicate_key;
mod invalid_requirement;
mod invalid_spec;
mod invalid_yaml;
mod missing_dependencies;
mod non_utf8_encoding;
mod not_a_mapping;
mod pip_not_declared;
mod pip_not_pinned;
mod pip_resolver_loop;
mod template_file;
mod unknown_key;
mod wrong_type;

pub use registry::{lookup, RULES};

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::model::EnvFile;
use crate::source::{SourceFile, TextRange};

/// Whether a rule can attach a fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Stable { since: &'static str },
    Preview,
}

/// Everything known about a rule, in one place.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub severity: Severity,
    /// Runs without being selected by its exact code or name.
    pub default_on: bool,
    pub fix: FixAvailability,
    pub status: Status,
    /// The Markdown doc, `lints/<name>.md`.
    pub doc: &'static str,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>);
}

/// What a rule reports into.
pub struct LintContext<'a> {
    pub source: &'a SourceFile,
    meta: &'static RuleMeta,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> LintContext<'a> {
    pub fn new(source: &'a SourceFile, meta: &'static RuleMeta, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        Self { source, meta, diagnostics }
    }

    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            code: self.meta.code,
            name: self.meta.name,
            severity: self.meta.severity,
            message: message.into(),
            primary: Label { range, message: None },
            secondary: Vec::new(),
            help: None,
            fix: None,
        });
        self.diagnostics.last_mut().expect("just pushed")
    }
}

/// Levenshtein distance, for did-you-mean suggestions.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
