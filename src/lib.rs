//! condalint: a linter for conda environment files and the pip section inside them.
//!
//! The library is quiet: it never prints and never exits. [`check`] turns a [`SourceFile`] into
//! diagnostics; [`render`] turns diagnostics into text; [`cli`] wires both to a command line.

pub mod cli;
pub mod data;
pub mod diagnostic;
pub mod model;
pub mod render;
pub mod rules;
pub mod settings;
pub mod source;
pub mod syntax;

pub use diagnostic::{Diagnostic, Severity};
pub use settings::Settings;
pub use source::SourceFile;

use model::{EnvFile, FileState};

/// Base of every rule's documentation URL; `<name>.md` is appended.
pub const DOCS_BASE: &str = "https://github.com/condalint/condalint/blob/main/lints/";

/// The documentation URL of a rule.
pub fn doc_url(name: &str) -> String {
    format!("{DOCS_BASE}{name}.md")
}

/// What linting one file produced.
#[derive(Debug)]
pub enum Outcome {
    /// The file was linted; its diagnostics, sorted by position.
    Linted(Vec<Diagnostic>),
    /// The file is not a conda environment file (an Azure ML environment definition).
    Skipped(String),
}

/// Rules that run on files that could not be read as YAML.
const FILE_LEVEL: &[&str] = &["ENV001", "ENV015", "ENV016"];

/// Lints one file with the rules the settings select.
pub fn check(source: &SourceFile, settings: &Settings) -> Outcome {
    let env = model::lower(source);
    if let Some(reason) = azure_ml_definition(&env) {
        return Outcome::Skipped(reason);
    }
    Outcome::Linted(run_rules(source, &env, settings))
}

/// Lints one file, whatever it is, returning only diagnostics.
pub fn lint(source: &SourceFile, settings: &Settings) -> Vec<Diagnostic> {
    run_rules(source, &model::lower(source), settings)
}

fn run_rules(source: &SourceFile, env: &EnvFile, settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in rules::RULES {
        let meta = rule.meta();
        if !settings.is_enabled(meta) || (!env.is_parsed() && !FILE_LEVEL.contains(&meta.code)) {
            continue;
        }
        rule.check(env, &mut rules::LintContext::new(source, meta, &mut diagnostics));
    }
    if matches!(env.state, FileState::Undecodable(_) | FileState::InvalidYaml(_)) {
        diagnostics.retain(|d| d.code != "ENV015");
    }
    diagnostics.sort_by_key(|d| (d.primary.range.start, d.primary.range.end, d.code));
    diagnostics
}

/// Azure ML environment definitions are not conda environment files (their keys would all be
/// "unknown"); they are skipped until the AML rules exist.
fn azure_ml_definition(env: &EnvFile) -> Option<String> {
    if !env.is_parsed() {
        return None;
    }
    if env.schema.as_deref().is_some_and(|s| s.to_ascii_lowercase().contains("azureml")) {
        return Some("an Azure ML environment definition (`$schema` names azureml)".into());
    }
    let aml_key = env.keys.iter().find(|k| matches!(k.name.value.as_str(), "image" | "build" | "conda_file"))?;
    if env.dependencies.is_some() {
        return None;
    }
    Some(format!("an Azure ML environment definition (top-level `{}`)", aml_key.name.value))
}
