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

use std::sync::Arc;

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

/// Lints one file, whatever it is, returning the findings to report (those an inline
/// directive suppresses are left out; [`check`] keeps them, marked).
pub fn lint(source: &SourceFile, settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics = run_rules(source, &model::lower(source), settings);
    diagnostics.retain(|d| d.suppression.is_none());
    diagnostics
}

fn run_rules(source: &SourceFile, env: &EnvFile, settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in rules::RULES {
        let meta = rule.meta();
        if !settings.is_enabled(meta) || (!env.is_parsed() && !FILE_LEVEL.contains(&meta.code)) {
            continue;
        }
        rule.check(env, &mut rules::LintContext::new(source, settings, meta, &mut diagnostics));
    }
    diagnostic::suppress::apply(source, env, &mut diagnostics);
    redact(env, source, &mut diagnostics);
    if matches!(env.state, FileState::Undecodable(_) | FileState::InvalidYaml(_)) {
        diagnostics.retain(|d| d.code != "ENV015");
    }
    diagnostics.sort_by_key(|d| (d.primary.range.start, d.primary.range.end, d.code));
    diagnostics
}

/// Replaces every password or token written in a URL of the file (or its includes) by `****`
/// in the text of every diagnostic: no output format may show a secret.
fn redact(env: &EnvFile, source: &SourceFile, diagnostics: &mut [Diagnostic]) {
    use rules::credentials_in_url::secrets;
    let mut found = secrets(&source.text);
    for file in &env.pip_files {
        found.extend(secrets(&file.source.text));
    }
    if found.is_empty() {
        return;
    }
    found.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let scrub = |text: &mut String| {
        *text = rules::credentials_in_url::redact(text);
        // Long secrets are also removed where they appear outside a URL.
        for secret in found.iter().filter(|s| s.len() >= 6) {
            if text.contains(secret.as_str()) {
                *text = text.replace(secret.as_str(), "****");
            }
        }
    };
    for d in diagnostics {
        scrub(&mut d.message);
        if let Some(help) = &mut d.help {
            scrub(help);
        }
        for label in d.secondary.iter_mut().chain(std::iter::once(&mut d.primary)) {
            if let Some(message) = &mut label.message {
                scrub(message);
            }
        }
        if let Some(fix) = &mut d.fix {
            scrub(&mut fix.title);
        }
    }
}

/// Splits one file's diagnostics by the file they are in: the environment file first, then each
/// included requirements file in order. Afterwards a label's `file` is `None` exactly when it is
/// in the same file as its diagnostic.
pub fn group_by_file(env_source: &Arc<SourceFile>, diagnostics: Vec<Diagnostic>) -> Vec<(Arc<SourceFile>, Vec<Diagnostic>)> {
    let mut groups: Vec<(Arc<SourceFile>, Vec<Diagnostic>)> = vec![(env_source.clone(), Vec::new())];
    for mut d in diagnostics {
        let file = d.file.take().unwrap_or_else(|| env_source.clone());
        for label in &mut d.secondary {
            let label_file = label.file.take().unwrap_or_else(|| env_source.clone());
            label.file = (label_file != file).then_some(label_file);
        }
        match groups.iter_mut().find(|(f, _)| *f == file) {
            Some((_, list)) => list.push(d),
            None => groups.push((file, vec![d])),
        }
    }
    groups.retain(|(f, list)| !list.is_empty() || f == env_source);
    groups[1..].sort_by(|a, b| a.0.path.cmp(&b.0.path));
    for (_, list) in &mut groups {
        list.sort_by_key(|d| (d.primary.range.start, d.primary.range.end, d.code));
    }
    groups
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
