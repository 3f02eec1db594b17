//! One run of the linter, the same for the command line, the editor and `explain`: each file
//! read through the [`FileSystem`] it is given, lowered once with its includes, linted with its
//! own [`Settings`], fixed pass by pass (one lowering a pass, each include read once), and the
//! findings of a requirements file that several environment files include merged into one
//! report, split into shown and suppressed. It never writes: fixed text is handed back.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{self, Diagnostic};
use crate::files::{FileSystem, ReadOnce, SourceFile};
use crate::model::{self, EnvFile};
use crate::{aml, rules, secrets};
use crate::settings::Settings;

/// Lowers a file and follows what it names through `fs`: the includes of a conda file; the
/// conda files (with their includes) and build contexts of an Azure ML definition.
pub(crate) fn lower(source: &SourceFile, fs: &dyn FileSystem) -> EnvFile {
    let mut env = model::lower(source);
    match env.aml.as_deref_mut() {
        Some(definition) => aml::follow(source, definition, fs, &lower_conda),
        None => model::follow_includes(source, &mut env, fs),
    }
    env
}

/// A conda file an Azure ML definition names (not followed further if it is a definition too).
fn lower_conda(source: &SourceFile, fs: &dyn FileSystem) -> EnvFile {
    let mut env = model::lower(source);
    if env.aml.is_none() {
        model::follow_includes(source, &mut env, fs);
    }
    env
}

/// Lints one file with the rules the settings select; what it names is read through `fs`. The
/// findings an inline directive suppresses are kept, marked.
pub fn check(source: &SourceFile, settings: &Settings, fs: &dyn FileSystem) -> Vec<Diagnostic> {
    run_rules(source, &lower(source, fs), settings)
}

/// Lints one file, whatever it is, returning the findings to report (those an inline
/// directive suppresses are left out; [`check`] keeps them, marked).
pub fn lint(source: &SourceFile, settings: &Settings, fs: &dyn FileSystem) -> Vec<Diagnostic> {
    shown(run_rules(source, &lower(source, fs), settings))
}

fn shown(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.retain(|d| d.suppression.is_none());
    diagnostics
}

fn run_rules(source: &SourceFile, env: &EnvFile, settings: &Settings) -> Vec<Diagnostic> {
    lint_document(source, env, settings).0
}

/// The findings of one lowered file, masked, and the secrets they were masked with (found once,
/// for the file, what it includes and names): the report masks the files it shows with them.
fn lint_document(source: &SourceFile, env: &EnvFile, settings: &Settings) -> (Vec<Diagnostic>, secrets::Secrets) {
    let mut diagnostics = Vec::new();
    run_rule_set(source, env, settings, &mut diagnostics);
    let definition = env.aml.as_deref();
    for inline in definition.into_iter().flat_map(|d| d.inline_conda()) {
        let start = diagnostics.len();
        run_rule_set(source, inline, settings, &mut diagnostics);
        // A conda rule's fix is written for a conda file's own layout (block YAML at the top
        // level); inside a definition (nested, or JSON) it is not offered.
        diagnostics[start..].iter_mut().for_each(|d| d.fix = None);
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
    let mut secrets = secrets::Secrets::find(texts(source, env));
    secrets.mask_diagnostics(&mut diagnostics);
    // A conda file a definition names is linted as itself, with its own suppressions and
    // secrets; its findings are reported in it.
    for conda in definition.into_iter().flat_map(|d| d.conda_files()) {
        let (found, conda_secrets) = lint_document(&conda.source, &conda.env, settings);
        secrets.extend(conda_secrets);
        for mut d in found {
            d.fix = None;
            for label in d.secondary.iter_mut().filter(|l| l.file.is_none()) {
                label.file = Some(conda.source.clone());
            }
            d.file.get_or_insert_with(|| conda.source.clone());
            diagnostics.push(d);
        }
    }
    diagnostics.sort_by_key(|d| (d.primary.range.start, d.primary.range.end, d.code));
    (diagnostics, secrets)
}

/// Runs every selected rule that reads this document.
fn run_rule_set(source: &SourceFile, env: &EnvFile, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    // The index rules read memoised answers: everything the file needs is fetched first, in
    // parallel.
    if let Some(index) = &settings.index {
        if rules::RULES.iter().map(|r| r.meta()).any(|m| m.online && m.runs_on(env, settings)) {
            index.prefetch(env);
        }
    }
    for rule in rules::RULES {
        let meta = rule.meta();
        if meta.runs_on(env, settings) {
            rule.check(env, &mut rules::LintContext::new(source, settings, meta, diagnostics));
        }
    }
}

/// Every text a file's findings can quote: the file, its includes, and for a definition the
/// includes of its inline conda specifications and its Dockerfiles (the findings in a conda file
/// it names were masked when that file was linted).
fn texts<'a>(source: &'a SourceFile, env: &'a EnvFile) -> Vec<&'a str> {
    let mut texts = vec![&*source.text];
    let add_includes = |env: &'a EnvFile, texts: &mut Vec<&'a str>| texts.extend(env.pip_files.iter().map(|f| &*f.source.text));
    add_includes(env, &mut texts);
    if let Some(definition) = env.aml.as_deref() {
        for inline in definition.inline_conda() {
            add_includes(inline, &mut texts);
        }
        texts.extend(definition.dockerfiles().map(|d| &*d.text));
    }
    texts
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
    /// Each fix applied, in the order of the passes.
    pub fixes: Vec<AppliedFix>,
    /// Why fixing stopped early: fixes still applied after [`MAX_FIX_PASSES`] passes, or a
    /// pass would have left text that no longer parses (that pass is not kept).
    pub problem: Option<&'static str>,
}

/// A fix that `--fix` applied: its rule, its title (masked like every finding) and where its
/// finding was in the text of the pass that applied it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    pub code: &'static str,
    pub title: String,
    pub applicability: diagnostic::Applicability,
    /// 1-based line and column (characters) in the text the pass started from.
    pub line: usize,
    pub column: usize,
}

/// Applies the fixes of the findings in `source` itself, pass after pass with a re-lint in
/// between, until none applies. Findings in included requirements files are not fixed here
/// (their text is another file). A pass whose result would no longer parse is dropped.
pub fn fix(source: &SourceFile, settings: &Settings, mode: FixMode, fs: &dyn FileSystem) -> Fixed {
    let fs = ReadOnce::new(fs);
    fix_lowered(source.clone(), lower(source, &fs), settings, mode, &fs).0
}

/// [`fix`] from a file already lowered; also hands back the model of the fixed text.
fn fix_lowered(source: SourceFile, env: EnvFile, settings: &Settings, mode: FixMode, fs: &dyn FileSystem) -> (Fixed, EnvFile) {
    let crlf = source.text.contains("\r\n");
    let was_parsed = env.is_parsed();
    let (mut current, mut env, mut fixes) = (source, env, Vec::new());
    let done = |source, fixes: Vec<AppliedFix>, problem| Fixed { source, applied: fixes.len(), fixes, problem };
    for pass in 0..=MAX_FIX_PASSES {
        let found = fixes_to_apply(&current, &env, settings, mode, crlf);
        let (text, which) = diagnostic::apply_fixes_which(&current.text, found.iter().map(|(fix, _)| fix));
        if which.is_empty() || *text == *current.text {
            break;
        }
        if pass == MAX_FIX_PASSES {
            return (done(current, fixes, Some("fixes did not converge after 10 passes; the file may need another --fix")), env);
        }
        let next = current.with_text(text);
        let next_env = lower(&next, fs);
        if was_parsed && !next_env.is_parsed() {
            return (done(current, fixes, Some("a fix would have made the file invalid YAML; it was not applied")), env);
        }
        fixes.extend(which.into_iter().map(|i| {
            let (fix, d) = &found[i];
            let (line, column) = current.line_col(d.primary.range.start);
            AppliedFix { code: d.code, title: fix.title.to_string(), applicability: fix.applicability, line, column }
        }));
        (current, env) = (next, next_env);
    }
    (done(current, fixes, None), env)
}

/// The fixes of one pass, with their findings: those of the shown findings in the file itself
/// that `mode` allows.
fn fixes_to_apply(source: &SourceFile, env: &EnvFile, settings: &Settings, mode: FixMode, crlf: bool) -> Vec<(diagnostic::Fix, Diagnostic)> {
    shown(run_rules(source, env, settings))
        .into_iter()
        .filter(|d| d.file.is_none())
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let allowed = match fix.applicability {
                diagnostic::Applicability::Safe => true,
                diagnostic::Applicability::Unsafe => mode == FixMode::Unsafe,
                diagnostic::Applicability::DisplayOnly => false,
            };
            let fix = if crlf { with_crlf(fix) } else { fix.clone() };
            allowed.then_some((fix, d))
        })
        .collect()
}

/// A fix whose inserted line breaks match a file with CRLF line endings.
fn with_crlf(fix: &diagnostic::Fix) -> diagnostic::Fix {
    let mut fix = fix.clone();
    for edit in &mut fix.edits {
        edit.content = edit.content.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    fix
}

/// A file to lint.
pub enum Input {
    /// Read through the file system.
    Path(PathBuf),
    /// Already read (standard input, an editor buffer): the name to report, and the bytes.
    Bytes(String, Vec<u8>),
}

/// Whether and how a run fixes files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixRequest {
    pub mode: FixMode,
    /// `true`: the fixed text is what gets reported (it will be written); `false`: the findings
    /// are those of the file as it is, and the fixed text only shown (`--diff`).
    pub apply: bool,
}

/// One file after linting (and fixing).
pub struct FileRun {
    /// Where it was read from; `None` for [`Input::Bytes`].
    pub path: Option<PathBuf>,
    /// The file as read.
    pub original: Arc<SourceFile>,
    /// The file the findings are about: the fixed text when fixes were applied, else the original.
    pub source: Arc<SourceFile>,
    /// What fixing did, when it was asked for and the file was linted.
    pub fixed: Option<Fixed>,
    /// The findings by file (the environment file first, then its includes), see
    /// [`group_by_file`]; the files' texts masked with the secrets found for the findings.
    pub findings: Vec<(Arc<SourceFile>, Vec<Diagnostic>)>,
    settings: Arc<Settings>,
}

impl FileRun {
    /// Back to the findings of the file as read (its fixed text could not be written).
    pub fn revert(&mut self, fs: &dyn FileSystem) {
        self.source = self.original.clone();
        let linted = lint_document(&self.original, &lower(&self.original, fs), &self.settings);
        self.set_findings(linted);
    }

    /// The findings by file, each file masked with the secrets the findings were masked with
    /// (the report shows every file masked; `source` keeps the text to write).
    fn set_findings(&mut self, (diagnostics, secrets): (Vec<Diagnostic>, secrets::Secrets)) {
        self.findings = group_by_file(&self.source, diagnostics);
        for (file, _) in &mut self.findings {
            *file = secrets.mask_file(file);
        }
    }
}

/// Lints (and fixes) every input, each with its settings, on all cores; the results keep the
/// order of the inputs. An input that cannot be read is an error naming it.
pub fn run(inputs: Vec<(Input, Arc<Settings>)>, fs: &dyn FileSystem, fix: Option<FixRequest>) -> Vec<Result<FileRun, String>> {
    inputs.into_par_iter().map(|(input, settings)| run_input(input, settings, fs, fix)).collect()
}

fn run_input(input: Input, settings: Arc<Settings>, fs: &dyn FileSystem, fix: Option<FixRequest>) -> Result<FileRun, String> {
    let (source, path) = match input {
        Input::Bytes(name, bytes) => (SourceFile::from_bytes(name, &bytes), None),
        Input::Path(path) => {
            let shown = crate::render::path_text(&path);
            let bytes = fs.read(&path).map_err(|e| format!("{shown}: {e}"))?;
            (SourceFile::from_bytes(shown, &bytes), Some(path))
        }
    };
    Ok(lint_file(Arc::new(source), path, settings, fs, fix))
}

/// Lints one file, then fixes it when asked: one lowering for the findings and one a fix pass,
/// every include read once.
pub fn lint_file(source: Arc<SourceFile>, path: Option<PathBuf>, settings: Arc<Settings>, fs: &dyn FileSystem, fix: Option<FixRequest>) -> FileRun {
    let fs = ReadOnce::new(fs);
    let env = lower(&source, &fs);
    let linted = lint_document(&source, &env, &settings);
    let mut run = FileRun { path, original: source.clone(), source, fixed: None, findings: Vec::new(), settings };
    run.set_findings(linted);
    let Some(request) = fix else { return run };
    let (fixed, fixed_env) = fix_lowered((*run.original).clone(), env, &run.settings, request.mode, &fs);
    if request.apply && fixed.applied > 0 {
        run.source = Arc::new(fixed.source.clone());
        let linted = lint_document(&run.source, &fixed_env, &run.settings);
        run.set_findings(linted);
    }
    run.fixed = Some(fixed);
    run
}

/// The findings of a run by file, in the order files were added. A requirements file that
/// several environment files include is reported once, with the findings of all of them.
#[derive(Default)]
pub struct Findings {
    files: Vec<(Arc<SourceFile>, Vec<Diagnostic>)>,
    /// Where each path's report is in `files`.
    by_path: crate::HashMap<String, usize>,
}

/// The findings about one file: those to show, and those an inline directive suppressed.
pub struct FileFindings {
    pub source: Arc<SourceFile>,
    pub shown: Vec<Diagnostic>,
    pub suppressed: Vec<Diagnostic>,
}

impl Findings {
    /// Adds the findings of one environment file grouped by file, the environment file first
    /// (as [`group_by_file`] gives them).
    pub fn add(&mut self, groups: Vec<(Arc<SourceFile>, Vec<Diagnostic>)>) {
        for (file, diagnostics) in groups {
            // A file reported before (an include shared with another environment file, a conda
            // file an Azure ML definition names and that is linted itself) gets the findings it
            // lacks.
            match self.by_path.get(&file.path) {
                Some(&i) => {
                    let existing = &mut self.files[i].1;
                    for d in diagnostics {
                        // The same finding; the one reported in its own file carries the fix.
                        match existing.iter_mut().find(|e| (e.code, e.primary.range, &e.message) == (d.code, d.primary.range, &d.message)) {
                            Some(e) => e.fix = e.fix.take().or(d.fix),
                            None => existing.push(d),
                        }
                    }
                }
                None => {
                    self.by_path.insert(file.path.clone(), self.files.len());
                    self.files.push((file, diagnostics));
                }
            }
        }
    }

    /// Each file's findings, split into shown and suppressed.
    pub fn into_files(self) -> Vec<FileFindings> {
        let split = |(source, diagnostics): (Arc<SourceFile>, Vec<Diagnostic>)| {
            if !diagnostics.iter().any(|d| d.suppression.is_some()) {
                return FileFindings { source, shown: diagnostics, suppressed: Vec::new() };
            }
            let (suppressed, shown) = diagnostics.into_iter().partition(|d| d.suppression.is_some());
            FileFindings { source, shown, suppressed }
        };
        self.files.into_iter().map(split).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::{CountingReads, MemoryFileSystem};

    const ENV: &str = "name: x\nchannels:\n  - conda-forge\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - -r requirements.txt\n";

    fn settings() -> Arc<Settings> {
        Arc::new(Settings { today: Some("2025-01-01".into()), ..Settings::default() })
    }

    #[test]
    fn a_run_reads_only_through_its_file_system() {
        let mut fs = MemoryFileSystem::new();
        fs.insert("/mem/a/environment.yml", ENV);
        fs.insert("/mem/a/dev-environment.yml", ENV.replace("name: x", "name: dev"));
        fs.insert("/mem/a/requirements.txt", "numpy=1.26\n");
        let inputs = ["/mem/a/environment.yml", "/mem/a/dev-environment.yml", "/mem/nowhere.yml"].map(|p| (Input::Path(p.into()), settings()));
        let mut findings = Findings::default();
        let mut errors = Vec::new();
        for result in run(inputs.into(), &fs, None) {
            match result {
                Ok(run) => findings.add(run.findings),
                Err(message) => errors.push(message),
            }
        }
        assert_eq!(errors, ["/mem/nowhere.yml: no such file or directory"]);
        let files: Vec<(String, usize)> = findings.into_files().iter().map(|f| (f.source.path.clone(), f.shown.len())).collect();
        let requirements: Vec<&(String, usize)> = files.iter().filter(|(p, _)| p.ends_with("requirements.txt")).collect();
        assert_eq!(requirements.len(), 1, "the requirements file both include is reported once: {files:?}");
        let alone = run(vec![(Input::Path("/mem/a/environment.yml".into()), settings())], &fs, None).remove(0).unwrap();
        let alone = alone.findings.iter().find(|(f, _)| f.path.ends_with("requirements.txt")).map(|(_, d)| d.len());
        assert!(requirements[0].1 > 0, "the `numpy=1.26` is found in the file read from memory");
        assert_eq!(Some(requirements[0].1), alone, "each finding once, not once per environment file");
        assert_eq!(files.iter().filter(|(p, n)| p.ends_with("environment.yml") && *n > 0).count(), 2);
    }

    #[test]
    fn fixing_reads_each_include_once_and_reports_the_fixed_text() {
        let mut memory = MemoryFileSystem::new();
        memory.insert("/mem/requirements.txt", "requests==2.31.0\n");
        let fs = CountingReads::new(&memory);
        let source = Arc::new(SourceFile::from_text("/mem/environment.yml", ENV));
        let request = FixRequest { mode: FixMode::Safe, apply: true };
        let run = lint_file(source.clone(), None, settings(), &fs, Some(request));
        let fixed = run.fixed.as_ref().expect("fixing was asked for");
        assert!(fixed.applied > 0 && fixed.problem.is_none());
        assert_eq!(fs.reads(), 1, "lint, every fix pass and the re-lint share one read");
        assert_eq!(run.source.text, fixed.source.text);
        assert!(!run.source.text.contains("conda-forge\n  - conda-forge"));
        assert!(run.findings[0].1.iter().all(|d| d.code != "CHN003" || d.fix.is_none()));
        assert_eq!(*run.original, *source);
        // A diff leaves the findings those of the file as it is.
        let diff = lint_file(source.clone(), None, settings(), &fs, Some(FixRequest { apply: false, ..request }));
        assert_eq!(*diff.source, *source);
        assert_eq!(diff.fixed.map(|f| f.applied), Some(fixed.applied));
    }

    #[test]
    fn a_definition_report_masks_the_secrets_of_the_conda_file_it_names() {
        let mut fs = MemoryFileSystem::new();
        let conda = "name: x\ndependencies:\n  - python=3.11\n  - pip:\n      - --index-url https://builder:s3cret-token-1234@pkgs.example.com/simple\n      - numpy==1.26.4\n";
        fs.insert("/mem/conda.yml", conda);
        let definition = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: x\nimage: ubuntu:22.04\nconda_file: conda.yml\n";
        let source = Arc::new(SourceFile::from_text("/mem/env.yml", definition));
        let run = lint_file(source, None, settings(), &fs, None);
        let conda_group = run.findings.iter().find(|(f, _)| f.path.ends_with("conda.yml")).expect("the conda file has findings (pip not declared)");
        assert!(!conda_group.1.is_empty());
        for (file, diagnostics) in &run.findings {
            assert!(!file.text.contains("s3cret-token-1234"), "{} is shown masked", file.path);
            assert!(diagnostics.iter().all(|d| !format!("{d:?}").contains("s3cret-token-1234")));
        }
    }
}
