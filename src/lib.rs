//! condalint: a linter for conda environment files and the pip section inside them.
//!
//! The library is quiet: it never prints and never exits. [`check`] turns a [`SourceFile`] into
//! diagnostics; [`render`] turns diagnostics into text; [`cli`] wires both to a command line.

pub mod cli;
pub mod config;
pub mod data;
pub mod diagnostic;
pub mod model;
pub mod render;
pub mod rules;
pub mod secrets;
pub mod settings;
pub mod source;
pub mod syntax;

pub use diagnostic::{Diagnostic, Severity};
pub use settings::Settings;
pub use source::SourceFile;

use std::sync::Arc;

/// Hash maps for the per-file passes: foldhash is several times faster than SipHash on short
/// strings, and its per-process random seed keeps crafted keys from forcing collisions.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

use model::EnvFile;

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
        if !meta.runs_on(env, settings) {
            continue;
        }
        rule.check(env, &mut rules::LintContext::new(source, settings, meta, &mut diagnostics));
    }
    diagnostic::suppress::apply(source, env, settings, &mut diagnostics);
    for d in &mut diagnostics {
        d.severity = settings.severity_of(d.code, d.severity);
    }
    // `--fix` rewrites only the linted file: a fix in an included requirements file would not
    // be applied, so it is not offered.
    for d in diagnostics.iter_mut().filter(|d| d.file.is_some()) {
        d.fix = None;
    }
    // No output format may show a secret: every text of the findings is masked here.
    secrets::Secrets::find(std::iter::once(&*source.text).chain(env.pip_files.iter().map(|f| &*f.source.text))).mask_diagnostics(&mut diagnostics);
    diagnostics.sort_by_key(|d| (d.primary.range.start, d.primary.range.end, d.code));
    diagnostics
}

/// Most fix passes on one file; each pass re-lints the text the previous one produced.
pub const MAX_FIX_PASSES: usize = 10;

/// Which fixes `--fix` applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Only fixes that keep the meaning of the file.
    Safe,
    /// Also fixes that may change what gets installed (`--unsafe-fixes`).
    Unsafe,
}

/// A file after fixing.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed file (the original when nothing applied).
    pub source: SourceFile,
    /// How many fixes were applied, over all passes.
    pub applied: usize,
    /// Why fixing stopped early: fixes still applied after [`MAX_FIX_PASSES`] passes, or a
    /// pass would have left text that no longer parses (that pass is not kept).
    pub problem: Option<&'static str>,
}

/// Applies the fixes of the findings in `source` itself, pass after pass with a re-lint in
/// between, until none applies. Findings in included requirements files are not fixed here
/// (their text is another file). A pass whose result would no longer parse is dropped.
pub fn fix(source: &SourceFile, settings: &Settings, mode: FixMode) -> Fixed {
    let crlf = source.text.contains("\r\n");
    let mut current = source.clone();
    let mut applied = 0;
    let was_parsed = model::lower(source).is_parsed();
    for pass in 0..=MAX_FIX_PASSES {
        let diagnostics = lint(&current, settings);
        let fixes: Vec<diagnostic::Fix> = diagnostics
            .iter()
            .filter(|d| d.file.is_none())
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| match f.applicability {
                diagnostic::Applicability::Safe => true,
                diagnostic::Applicability::Unsafe => mode == FixMode::Unsafe,
                diagnostic::Applicability::DisplayOnly => false,
            })
            .map(|f| if crlf { with_crlf(f) } else { f.clone() })
            .collect();
        let (text, count) = diagnostic::apply_fixes(&current.text, &fixes);
        if count == 0 || *text == *current.text {
            break;
        }
        if pass == MAX_FIX_PASSES {
            return Fixed { source: current, applied, problem: Some("fixes did not converge after 10 passes; the file may need another --fix") };
        }
        let next = current.with_text(text);
        if was_parsed && !model::lower(&next).is_parsed() {
            return Fixed { source: current, applied, problem: Some("a fix would have made the file invalid YAML; it was not applied") };
        }
        current = next;
        applied += count;
    }
    Fixed { source: current, applied, problem: None }
}

/// A fix whose inserted line breaks match a file with CRLF line endings.
fn with_crlf(fix: &diagnostic::Fix) -> diagnostic::Fix {
    let mut fix = fix.clone();
    for edit in &mut fix.edits {
        edit.content = edit.content.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    fix
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
