//! Lint rules: each one file, its metadata in one `static`, its doc in `lints/<name>.md`.

mod registry;

mod absolute_prefix;
mod aml_docker;
mod base_conda_environment;
mod build_string_pinned;
mod build_context_conflict;
mod conda_pip_duplicate;
mod conda_too_old;
mod credentials_in_url;
mod deprecated_docker_setting;
mod duplicate_channel;
mod duplicate_key;
mod duplicate_package;
mod deprecated_pypi_package;
mod deprecated_base_image;
mod dockerfile_distutils;
mod dockerfile_too_large;
mod duplicate_requirement;
mod editable_install;
mod empty_pip_section;
mod exported_environment;
mod extra_index_url;
mod hash_mode_incomplete;
mod image_not_pinned;
mod implicit_defaults;
mod index_unreachable;
mod conda_package_not_found;
mod conda_version_not_found;
mod pypi_package_not_found;
mod pypi_version_not_found;
mod no_compatible_distribution;
mod insecure_channel_url;
pub(crate) mod insecure_index;
mod invalid_image_reference;
mod invalid_name;
mod invalid_platforms;
mod invalid_requirement;
mod invalid_spec;
mod invalid_variables;
mod invalid_yaml;
mod local_version_without_index;
mod lenient_spec;
mod misleading_spec;
mod misplaced_option;
mod missing_channels;
mod missing_conda_dependencies;
mod missing_dependencies;
mod missing_include;
mod misspelled_channel;
mod mixed_defaults_conda_forge;
mod non_utf8_encoding;
mod not_a_mapping;
mod operator_spacing;
mod pip_not_declared;
mod pip_not_pinned;
mod pip_resolver_loop;
mod python_end_of_life;
mod python_unpinned;
pub(crate) mod releases;
mod registry_credentials;
mod selector_problems;
mod spark_precache;
mod superseded_package;
mod template_file;
mod tool_incompatible;
mod tool_specific_key;
mod typosquat_name;
mod undeclared_channel;
mod unused_suppression;
mod user_managed_ignores_conda;
mod unknown_key;
mod unknown_subsection;
mod unencrypted_vcs_url;
mod unpinned_requirement;
pub(crate) mod unpinned_vcs;
mod wrong_type;
// Azure ML definitions.
mod conda_content_in_definition;
mod conda_file_needs_image;
mod image_or_build_required;
mod missing_path;
mod reserved_name;
mod unpinned_environment_reference;
mod version_not_string;

pub use registry::{catalogue_markdown, lookup, RULES};
pub(crate) use unused_suppression::report as report_unused_suppressions;

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::model::EnvFile;
use crate::source::{SourceFile, TextRange};

/// Whether a rule can attach a fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    /// Some of its findings carry a fix.
    Sometimes,
}

/// A rule's stability; a preview status comes with a `--preview` flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Stable { since: &'static str },
}

/// Which documents a rule reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// Conda environment files, and the conda specifications an Azure ML definition holds
    /// (inline or in the conda file it names).
    Conda,
    /// Azure ML definitions.
    Aml,
    /// Every file (a duplicate key, the encoding, suppression comments).
    Any,
    /// A build log, read by `condalint explain` (BLD): never run by `check`.
    Log,
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
    /// Runs on files that could not be read as YAML (undecodable, invalid, a template); other
    /// rules need the model and run only on parsed files.
    pub unparsed: bool,
    /// Runs when `--target` names a tool, even when off by default.
    pub by_target: bool,
    /// The documents it reads.
    pub document: Document,
    /// Reads package indexes (IDX): runs only when the settings have an index (`--online`).
    pub online: bool,
    /// The Markdown doc, `lints/<name>.md`.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The facts a rule has unless its `declare_rule!` says otherwise; `code`, `name`,
    /// `summary` and `doc` are always given.
    pub const DEFAULTS: RuleMeta = RuleMeta {
        code: "",
        name: "",
        summary: "",
        severity: Severity::Warning,
        default_on: true,
        fix: FixAvailability::None,
        status: Status::Stable { since: "0.1.0" },
        unparsed: false,
        by_target: false,
        document: Document::Conda,
        online: false,
        doc: "",
    };

    /// When it runs, as `condalint rules` and the catalogue say: `on` by default, `off` unless
    /// selected, `online` with `--online` (IDX), `explain` in `condalint explain` only (BLD).
    pub fn default_label(&self) -> &'static str {
        match (self.default_on, self.online, self.document) {
            (false, ..) => "off",
            (true, true, _) => "online",
            (true, false, Document::Log) => "explain",
            (true, false, _) => "on",
        }
    }

    /// Whether the rule runs on this file with these settings.
    pub fn runs_on(&self, env: &EnvFile, settings: &crate::Settings) -> bool {
        let document = match self.document {
            Document::Conda => env.aml.is_none(),
            Document::Aml => env.aml.is_some(),
            Document::Any => true,
            Document::Log => false,
        };
        document && (!self.online || settings.index.is_some()) && settings.is_enabled(self) && (self.unparsed || env.is_parsed())
    }
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>);
}

/// What a rule reports into.
pub struct LintContext<'a> {
    pub source: &'a SourceFile,
    pub settings: &'a crate::Settings,
    meta: &'static RuleMeta,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> LintContext<'a> {
    pub fn new(source: &'a SourceFile, settings: &'a crate::Settings, meta: &'static RuleMeta, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        Self { source, settings, meta, diagnostics }
    }

    /// The source of a pip item's file (`None`: the environment file).
    pub fn source_of<'f>(&'f self, file: Option<&'f crate::model::ReqFile>) -> &'f SourceFile {
        file.map_or(self.source, |f| &f.source)
    }

    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        self.report_in(None, range, message)
    }

    /// Reports in an included requirements file (`None`: the environment file).
    pub fn report_in(&mut self, file: Option<&Arc<SourceFile>>, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            file: file.cloned(),
            code: self.meta.code,
            name: self.meta.name,
            severity: self.meta.severity,
            message: message.into(),
            primary: Label { range, message: None, file: None, code: None },
            secondary: Vec::new(),
            help: None,
            fix: None,
            suppression: None,
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

pub(crate) use crate::model::pep503;

/// A channel as conda resolves it: `https://conda.anaconda.org/` prefix and trailing `/` removed.
pub(crate) fn normalize_channel(channel: &str) -> String {
    let c = channel.trim().trim_end_matches('/');
    let c = ["https://conda.anaconda.org/", "http://conda.anaconda.org/"].iter().find_map(|p| c.strip_prefix(p)).unwrap_or(c);
    c.to_ascii_lowercase()
}

/// The candidate closest to `name` within `max` edits, when exactly one is closest.
pub(crate) fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>, max: usize) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for c in candidates {
        let d = edit_distance(name, c);
        if d > max {
            continue;
        }
        match best {
            Some((bd, _)) if d > bd => {}
            Some((bd, _)) if d == bd => tie = true,
            _ => {
                best = Some((d, c));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, c)| c)
}

/// The names to suggest for an unknown `name`: the candidates within one edit (names of up to four
/// characters) or two, never `name` itself, nearest first and then by name, at most three.
pub(crate) fn nearest_names<S: AsRef<str>>(name: &str, candidates: impl IntoIterator<Item = S>) -> Vec<String> {
    let max = if name.len() <= 4 { 1 } else { 2 };
    let chars = name.chars().count();
    let mut scored: Vec<(usize, String)> = candidates
        .into_iter()
        // The length difference is a lower bound of the distance: most names stop here.
        .filter(|c| c.as_ref().chars().count().abs_diff(chars) <= max)
        .map(|c| (edit_distance(name, c.as_ref()), c.as_ref().to_owned()))
        .filter(|(d, _)| (1..=max).contains(d))
        .collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// The byte range of whole lines covering `range`, including the final line break.
pub(crate) fn whole_lines(text: &str, range: TextRange) -> TextRange {
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end..].find('\n').map_or(text.len(), |i| range.end + i + 1);
    TextRange::new(start, end)
}

/// Whether only whitespace (and a list dash) precedes `at` on its line.
pub(crate) fn starts_line(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..at].trim_start().trim_start_matches('-').trim().is_empty()
}

/// Whether nothing but a comment follows `at` on its line.
pub(crate) fn ends_line(text: &str, at: usize) -> bool {
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let rest = text[at..end].trim();
    rest.is_empty() || rest.starts_with('#')
}

/// Declares a rule: its struct, its metadata in one `static`, and its check.
/// The doc is `lints/<name>.md`, embedded so that a missing doc is a compile error.
/// Facts after `fix` are optional ([`RuleMeta::DEFAULTS`] otherwise), e.g. `unparsed: true`,
/// `by_target: true`, `status: Status::Stable { since: "0.2.0" }`.
macro_rules! declare_rule {
    (
        $ty:ident { code: $code:literal, name: $name:literal, severity: $sev:ident, default_on: $on:literal, fix: $fix:ident $(, $fact:ident: $value:expr)* $(,)? }
        summary: $summary:literal;
        fn check($env:ident, $cx:ident) $body:block
    ) => {
        pub(crate) struct $ty;

        static META: RuleMeta = RuleMeta {
            code: $code,
            name: $name,
            summary: $summary,
            severity: Severity::$sev,
            default_on: $on,
            fix: FixAvailability::$fix,
            doc: include_str!(concat!("../../lints/", $name, ".md")),
            $($fact: $value,)*
            ..RuleMeta::DEFAULTS
        };

        impl Rule for $ty {
            fn meta(&self) -> &'static RuleMeta {
                &META
            }

            fn check(&self, $env: &EnvFile, $cx: &mut LintContext<'_>) $body
        }
    };
}
pub(crate) use declare_rule;
