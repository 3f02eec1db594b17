//! condalint's own diagnostics: the source of truth every renderer reads.

mod fix;
pub mod suppress;

pub use fix::{apply_fixes, apply_fixes_which, Applicability, Edit, Fix};

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

use crate::source::{SourceFile, TextRange};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub range: TextRange,
    pub message: Option<String>,
    /// The file the range is in, when it is not the file of the diagnostic.
    pub file: Option<Arc<SourceFile>>,
    /// The `check` rule that catches what this label points at before a build (a
    /// `condalint explain` finding's place in the environment file); JSON's `related` `code`.
    pub code: Option<&'static str>,
}


#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the finding is in, when it is not the linted environment file (an included
    /// requirements file).
    pub file: Option<Arc<SourceFile>>,
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    /// What to write instead; most rules pass a fixed text, kept without a copy.
    pub help: Option<Cow<'static, str>>,
    pub fix: Option<Fix>,
    /// Set when an inline `# condalint: ignore[...]` directive covers this finding: it is not
    /// reported, but SARIF lists it with its suppression and `--statistics` counts it.
    pub suppression: Option<Suppression>,
}

/// An inline directive that suppressed a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The directive's text after a second `#`, if any.
    pub reason: Option<String>,
    /// Where the directive is, in the finding's file.
    pub range: TextRange,
}

impl Diagnostic {
    /// Adds a secondary label.
    pub fn label(&mut self, range: TextRange, message: impl Into<String>) -> &mut Self {
        self.secondary.push(Label { range, message: Some(message.into()), file: None, code: None });
        self
    }

    /// Adds a secondary label in another file (`None`: the environment file).
    pub fn label_in(&mut self, file: Option<&Arc<SourceFile>>, range: TextRange, message: impl Into<String>) -> &mut Self {
        self.secondary.push(Label { range, message: Some(message.into()), file: file.cloned(), code: None });
        self
    }

    /// Adds a secondary label in another file with the `check` rule that catches its cause.
    pub fn related(&mut self, file: &Arc<SourceFile>, range: TextRange, message: impl Into<String>, code: Option<&'static str>) -> &mut Self {
        self.secondary.push(Label { range, message: Some(message.into()), file: Some(file.clone()), code });
        self
    }

    /// Sets the label text of the primary span.
    pub fn primary_label(&mut self, message: impl Into<String>) -> &mut Self {
        self.primary.message = Some(message.into());
        self
    }

    pub fn help(&mut self, help: impl Into<Cow<'static, str>>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Sets this finding's severity when it differs from the rule's (a configured override
    /// still wins).
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }

    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }
}
