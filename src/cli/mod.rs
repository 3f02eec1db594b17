//! The command line: argument parsing, file discovery, and wiring of check → render.
//! Output goes to the writers it is given, so the library itself never prints.

mod discover;
mod fixing;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::render::{self, FileReport, FullOptions, OutputFormat};
use crate::rules::{FixAvailability, RULES};
use crate::config::{Config, ConfigError};
use crate::settings::{parse_selectors, FailOn, Settings};
use crate::{check, Diagnostic, Outcome, Severity, SourceFile};

pub use crate::source::MAX_FILE_SIZE;

/// The process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// No finding at or above `--fail-on`.
    Success = 0,
    /// At least one finding at or above `--fail-on`.
    Failure = 1,
    /// Usage error, unreadable path, internal error.
    Error = 2,
}

/// What the process is attached to.
#[derive(Clone, Debug, Default)]
pub struct Terminal {
    /// Standard output is a terminal (colour and hyperlinks allowed).
    pub stdout_is_tty: bool,
    /// `NO_COLOR` is set.
    pub no_color: bool,
    /// `CONDALINT_TODAY` (`YYYY-MM-DD`): the date rules compare dated tables against instead
    /// of the system clock (python-end-of-life), so that a test's expectations do not age.
    pub today: Option<String>,
}

#[derive(Parser, Debug)]
#[command(name = "condalint", version, about = "A fast linter for conda environment files and their pip sections")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint files and directories (the default command)
    Check(CheckArgs),
    /// Print a rule's documentation
    Rule {
        /// A rule code (ENV003) or name (unknown-key)
        rule: String,
        #[arg(long, value_enum, default_value = "text")]
        output_format: DocFormat,
    },
    /// List every rule: code, name, severity, default on/off, fix availability
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        output_format: DocFormat,
    },
    /// Show the configuration that applies in the current directory, or explain one key
    Config {
        /// A configuration key, e.g. fail-on
        key: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DocFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Files or directories to lint (default: the current directory); `-` reads standard input
    paths: Vec<PathBuf>,
    /// Output format [default: full]
    #[arg(long, value_enum)]
    output_format: Option<OutputFormat>,
    /// Rules to run: comma-separated codes, names or prefixes; `ALL` selects every rule
    #[arg(long, value_name = "CODES")]
    select: Option<String>,
    /// Rules to run in addition to the selected ones
    #[arg(long, value_name = "CODES")]
    extend_select: Option<String>,
    /// Rules not to run
    #[arg(long, value_name = "CODES")]
    ignore: Option<String>,
    /// Lowest severity that makes the exit code 1 [default: warning]
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    /// The file name to report for standard input (and to resolve relative includes from)
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,
    /// Apply configured excludes to paths given on the command line (pre-commit passes paths)
    #[arg(long)]
    force_exclude: bool,
    /// Use this configuration file for every linted path
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore all configuration files
    #[arg(long)]
    isolated: bool,
    /// The tool that will consume the file: checks what it cannot handle (tool-incompatible)
    #[arg(long, value_enum)]
    target: Option<crate::settings::Target>,
    /// Print only findings: no summary line and no notices
    #[arg(long, short)]
    quiet: bool,
    /// Apply safe fixes in place, then report what remains
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, also apply fixes that may change what gets installed
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing (exit 1 when there is a diff)
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// With --fix: exit 1 when any file was changed, even if no finding remains
    #[arg(long, requires = "fix")]
    exit_non_zero_on_fix: bool,
    /// Print a count per rule instead of each finding (JSON with --output-format json)
    #[arg(long)]
    statistics: bool,
}

impl CheckArgs {
    fn fix_mode(&self) -> Option<crate::FixMode> {
        (self.fix || self.diff).then_some(if self.unsafe_fixes { crate::FixMode::Unsafe } else { crate::FixMode::Safe })
    }
}

/// Runs condalint with `args` (including the program name) and returns the exit status.
pub fn run(
    args: Vec<OsString>,
    terminal: Terminal,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> ExitStatus {
    let cli = match Cli::try_parse_from(with_default_command(args)) {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { ExitStatus::Error } else { ExitStatus::Success };
            let text = if terminal.stdout_is_tty && !terminal.no_color { err.render().ansi().to_string() } else { err.render().to_string() };
            let _ = if err.use_stderr() { write!(stderr, "{text}") } else { write!(stdout, "{text}") };
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => run_check(args, terminal, stdin, stdout, stderr),
        Command::Rule { rule, output_format } => run_rule(&rule, output_format, stdout, stderr),
        Command::Rules { output_format } => run_rules(output_format, stdout),
        Command::Config { key } => run_config(key.as_deref(), stdout, stderr),
    };
    result.unwrap_or_else(|err| {
        let _ = writeln!(stderr, "condalint: error: {}", render::terminal_safe(&err));
        ExitStatus::Error
    })
}

/// `condalint [PATHS]` means `condalint check [PATHS]`.
fn with_default_command(mut args: Vec<OsString>) -> Vec<OsString> {
    const COMMANDS: &[&str] = &["check", "rule", "rules", "config", "help", "-h", "--help", "-V", "--version"];
    let first = args.get(1).and_then(|a| a.to_str());
    if !first.is_some_and(|a| COMMANDS.contains(&a)) {
        args.insert(1.min(args.len()), "check".into());
    }
    args
}

/// The rule selectors given as flags, and the date of the run, parsed once per run.
struct FlagSelectors {
    select: Option<Vec<crate::settings::Selector>>,
    extend_select: Vec<crate::settings::Selector>,
    ignore: Vec<crate::settings::Selector>,
    today: Option<String>,
}

impl FlagSelectors {
    fn parse(args: &CheckArgs, terminal: &Terminal) -> Result<Self, String> {
        let parse = |list: &Option<String>| list.as_deref().map(parse_selectors).transpose();
        let today = terminal.today.clone();
        let date = |d: &str| d.len() == 10 && d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        if let Some(bad) = today.as_deref().filter(|d| !date(d)) {
            return Err(format!("CONDALINT_TODAY must be a date written YYYY-MM-DD, not `{bad}`"));
        }
        Ok(Self {
            select: parse(&args.select)?,
            extend_select: parse(&args.extend_select)?.unwrap_or_default(),
            ignore: parse(&args.ignore)?.unwrap_or_default(),
            today,
        })
    }
}

/// The settings for one file: defaults, then its configuration, then the flags.
fn settings_for(args: &CheckArgs, flags: &FlagSelectors, config: Option<&Config>, path: Option<&std::path::Path>, fail_on: FailOn) -> Settings {
    let mut ignore: Vec<_> = config.map(|c| c.ignore.iter().map(|i| i.selector.clone()).collect()).unwrap_or_default();
    if let (Some(config), Some(path)) = (config, path) {
        ignore.extend(config.ignores_for(path));
    }
    ignore.extend(flags.ignore.iter().cloned());
    let mut extend_select = config.map(|c| c.extend_select.clone()).unwrap_or_default();
    extend_select.extend(flags.extend_select.iter().cloned());
    Settings {
        select: flags.select.clone().or_else(|| config.and_then(|c| c.select.clone())),
        extend_select,
        ignore,
        fail_on,
        target: args.target.or_else(|| config.and_then(|c| c.target)),
        severity: config.map(|c| c.severity.clone()).unwrap_or_default(),
        today: flags.today.clone(),
    }
}

/// Configuration files by the directory they were looked up from (`None`: no file applies).
struct Configs {
    mode: ConfigMode,
    cache: std::collections::HashMap<PathBuf, Option<Arc<Config>>>,
}

enum ConfigMode {
    Isolated,
    Explicit(Option<Arc<Config>>),
    Discover,
}

impl Configs {
    fn new(args: &CheckArgs) -> Result<Self, ConfigError> {
        let mode = if args.isolated {
            ConfigMode::Isolated
        } else if let Some(file) = &args.config {
            let config = crate::config::load(file)?.ok_or_else(|| ConfigError {
                path: file.display().to_string(),
                text: String::new(),
                span: None,
                message: format!("{} has no [tool.condalint] table", file.display()),
                help: None,
            })?;
            ConfigMode::Explicit(Some(Arc::new(config)))
        } else {
            ConfigMode::Discover
        };
        Ok(Self { mode, cache: Default::default() })
    }

    /// The configuration that governs files in `dir`.
    fn for_dir(&mut self, dir: &std::path::Path) -> Result<Option<Arc<Config>>, ConfigError> {
        match &self.mode {
            ConfigMode::Isolated => Ok(None),
            ConfigMode::Explicit(config) => Ok(config.clone()),
            ConfigMode::Discover => {
                // Keyed by the directory as given too: making a relative one absolute asks the
                // system for the current directory every time.
                if let Some(found) = self.cache.get(dir) {
                    return Ok(found.clone());
                }
                let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                let found = match self.cache.get(&absolute) {
                    Some(found) => found.clone(),
                    None => crate::config::find(&absolute)?.map(Arc::new),
                };
                self.cache.insert(absolute, found.clone());
                self.cache.insert(dir.to_path_buf(), found.clone());
                Ok(found)
            }
        }
    }

    fn for_file(&mut self, path: &std::path::Path) -> Result<Option<Arc<Config>>, ConfigError> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        self.for_dir(dir)
    }
}

fn run_check(
    args: CheckArgs,
    terminal: Terminal,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<ExitStatus, String> {
    let mut configs = match Configs::new(&args) {
        Ok(configs) => configs,
        Err(error) => return Ok(config_error(&error, stderr)),
    };
    // `fail-on` and `output-format` hold for the whole run: from the flags, else from the
    // configuration of the current directory.
    let base = match configs.for_dir(std::path::Path::new(".")) {
        Ok(base) => base,
        Err(error) => return Ok(config_error(&error, stderr)),
    };
    let fail_on = match args.fail_on {
        Some(FailOnArg::Error) => FailOn::Severity(Severity::Error),
        Some(FailOnArg::Warning) => FailOn::Severity(Severity::Warning),
        Some(FailOnArg::Info) => FailOn::Severity(Severity::Info),
        Some(FailOnArg::Never) => FailOn::Never,
        None => base.as_ref().and_then(|c| c.fail_on).unwrap_or(FailOn::Severity(Severity::Warning)),
    };
    let output_format = args.output_format.or_else(|| base.as_ref().and_then(|c| c.output_format)).unwrap_or(OutputFormat::Full);
    let flags = FlagSelectors::parse(&args, &terminal)?;
    let settings = settings_for(&args, &flags, base.as_deref(), None, fail_on);
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let mut io_error = false;
    let mut inputs: Vec<(Input, Arc<Settings>)> = Vec::new();
    for path in &paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            let name = args.stdin_filename.clone().unwrap_or_else(|| "-".into());
            let config = match configs.for_file(std::path::Path::new(&name)) {
                Ok(config) => config,
                Err(error) => return Ok(config_error(&error, stderr)),
            };
            match stdin.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() as u64 > MAX_FILE_SIZE => {
                    let _ = writeln!(stderr, "condalint: error: {}: input is larger than 32 MiB; not linted", render::terminal_safe(&name));
                    io_error = true;
                }
                Ok(_) => {
                    let settings = settings_for(&args, &flags, config.as_deref(), Some(std::path::Path::new(&name)), fail_on);
                    inputs.push((Input::Bytes(name, bytes), Arc::new(settings)));
                }
                Err(err) => {
                    let _ = writeln!(stderr, "condalint: error: {}: cannot read standard input: {err}", render::terminal_safe(&name));
                    io_error = true;
                }
            }
            continue;
        }
        match discover::expand(path) {
            Ok(found) if found.files.is_empty() => {
                if !args.quiet {
                    let _ = writeln!(stderr, "condalint: no environment files found in {}", render::terminal_safe(&path.display().to_string()));
                }
            }
            Ok(found) => {
                for file in found.files {
                    let config = match configs.for_file(&file) {
                        Ok(config) => config,
                        Err(error) => return Ok(config_error(&error, stderr)),
                    };
                    if (found.walked || args.force_exclude) && config.as_ref().is_some_and(|c| c.excludes(&file)) {
                        continue;
                    }
                    let settings = settings_for(&args, &flags, config.as_deref(), Some(&file), fail_on);
                    inputs.push((Input::Path(file), Arc::new(settings)));
                }
            }
            Err(message) => {
                let _ = writeln!(stderr, "condalint: error: {}", render::terminal_safe(&message));
                io_error = true;
            }
        }
    }

    let fix_mode = args.fix_mode();
    let results: Vec<Result<Linted, String>> =
        inputs.into_par_iter().map(|(input, settings)| lint_input(input, &settings, fix_mode, args.fix)).collect();
    let mut linted: Vec<(Arc<SourceFile>, Vec<Diagnostic>)> = Vec::new();
    // Where each path's reports are in `linted`.
    let mut by_path: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    let (mut fixed, mut fixed_files, mut diff, mut stdin_output) = (0, 0, String::new(), None);
    for result in results {
        let result = match result {
            Ok(result) => result,
            Err(message) => {
                let _ = writeln!(stderr, "condalint: error: {}", render::terminal_safe(&message));
                io_error = true;
                continue;
            }
        };
        for note in &result.notes {
            let _ = writeln!(stderr, "{}", render::terminal_safe(note));
        }
        io_error |= result.failed;
        fixed += result.fixed;
        fixed_files += usize::from(result.fixed > 0);
        diff.push_str(&result.diff);
        stdin_output = stdin_output.or(result.stdin_output);
        match result.outcome {
            Outcome::Linted(_) => {
                let source = result.source;
                for (file, diagnostics) in result.groups {
                    // An included file shared by several environment files is reported once.
                    let same_path = by_path.entry(file.path.clone()).or_default();
                    match same_path.iter().find(|&&i| linted[i].0 != source) {
                        Some(&i) => {
                            let existing = &mut linted[i].1;
                            for d in diagnostics {
                                if !existing.contains(&d) {
                                    existing.push(d);
                                }
                            }
                        }
                        None => {
                            same_path.push(linted.len());
                            linted.push((file, diagnostics));
                        }
                    }
                }
            }
            Outcome::Skipped(reason) => {
                if !args.quiet {
                    let _ = writeln!(stderr, "condalint: skipping {}: {reason}", render::terminal_safe(&result.source.path));
                }
            }
        }
    }

    if args.diff {
        stdout.write_all(diff.as_bytes()).map_err(|e| format!("cannot write output: {e}"))?;
        if !args.quiet {
            let _ = writeln!(stderr, "Would fix {} in {}", render::plural(fixed, "problem", "problems"), render::plural(fixed_files, "file", "files"));
        }
        return Ok(if io_error { ExitStatus::Error } else if diff.is_empty() { ExitStatus::Success } else { ExitStatus::Failure });
    }
    // With `--fix` on standard input, the fixed text goes to stdout and the report to stderr.
    let report_to: &mut dyn Write = match &stdin_output {
        Some(bytes) => {
            stdout.write_all(bytes).map_err(|e| format!("cannot write output: {e}"))?;
            stderr
        }
        None => stdout,
    };
    let split: Vec<(Arc<SourceFile>, Vec<Diagnostic>, Vec<Diagnostic>)> = linted
        .into_iter()
        .map(|(source, diagnostics)| {
            if !diagnostics.iter().any(|d| d.suppression.is_some()) {
                return (source, diagnostics, Vec::new());
            }
            let (suppressed, shown) = diagnostics.into_iter().partition(|d| d.suppression.is_some());
            (source, shown, suppressed)
        })
        .collect();
    let reports: Vec<FileReport<'_>> =
        split.iter().map(|(source, diagnostics, suppressed)| FileReport { source, diagnostics, suppressed }).collect();
    let options = FullOptions { color: terminal.stdout_is_tty && !terminal.no_color, links: terminal.stdout_is_tty, width: 80 };
    let rules: Vec<&'static crate::rules::RuleMeta> = RULES.iter().map(|r| r.meta()).filter(|m| settings.is_enabled(m)).collect();
    // Written part by part (one part a file for the per-file formats): no copy of the whole report.
    let parts = match (args.statistics, output_format) {
        (true, OutputFormat::Json) => vec![render::statistics::json(&reports)],
        (true, _) => vec![render::statistics::text(&reports)],
        (false, format) => render::render_parts(format, &reports, &options, &rules),
    };
    let mut text = String::new();
    if output_format == OutputFormat::Full && !args.quiet {
        if args.fix && fixed > 0 {
            text.push_str(&format!("Fixed {} in {}\n", render::plural(fixed, "problem", "problems"), render::plural(fixed_files, "file", "files")));
        }
        if !reports.is_empty() && !args.statistics {
            text.push_str(&render::summary(&reports));
            text.push('\n');
        }
    }
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, report_to);
    parts.iter().chain([&text]).try_for_each(|part| out.write_all(part.as_bytes())).and_then(|()| out.flush()).map_err(|e| format!("cannot write output: {e}"))?;

    let failed = reports.iter().flat_map(|r| r.diagnostics).any(|d| settings.fails(d.severity));
    // The command is done: its findings and files are left for the process exit to reclaim at
    // once rather than freed piece by piece on the single thread left (a few percent of a run).
    drop(reports);
    std::mem::forget(split);
    std::mem::forget(parts);
    Ok(if io_error {
        ExitStatus::Error
    } else if failed || (args.exit_non_zero_on_fix && fixed > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

enum Input {
    Path(PathBuf),
    Bytes(String, Vec<u8>),
}

/// One input after linting (and fixing).
struct Linted {
    source: Arc<SourceFile>,
    outcome: Outcome,
    /// Fixes applied (or, with `--diff`, that would be).
    fixed: usize,
    /// The `--diff` text of this input.
    diff: String,
    /// The fixed bytes of standard input, written to stdout with `--fix`.
    stdin_output: Option<Vec<u8>>,
    /// Messages for stderr; `failed` when one of them is an error (exit 2).
    notes: Vec<String>,
    failed: bool,
    /// The findings of a linted input by file (`group_by_file`), grouped on the worker thread.
    groups: Vec<(Arc<SourceFile>, Vec<Diagnostic>)>,
}

fn lint_input(input: Input, settings: &Settings, fix: Option<crate::FixMode>, write: bool) -> Result<Linted, String> {
    let mut linted = lint_and_fix(input, settings, fix, write)?;
    if let Outcome::Linted(diagnostics) = &mut linted.outcome {
        linted.groups = crate::group_by_file(&linted.source, std::mem::take(diagnostics));
        // The report shows the files masked; the fixed text for stdout was taken before.
        crate::secrets::mask_sources(&mut linted.groups);
        linted.source = linted.groups[0].0.clone();
    }
    Ok(linted)
}

fn lint_and_fix(input: Input, settings: &Settings, fix: Option<crate::FixMode>, write: bool) -> Result<Linted, String> {
    let (source, path) = match input {
        Input::Bytes(name, bytes) => (SourceFile::from_bytes(name, &bytes), None),
        Input::Path(path) => {
            let shown = render::path_text(&path);
            let bytes = discover::read_file(&path).map_err(|e| format!("{shown}: {e}"))?;
            (SourceFile::from_bytes(shown, &bytes), Some(path))
        }
    };
    let source = Arc::new(source);
    let outcome = check(&source, settings);
    let mut linted =
        Linted { source, outcome, fixed: 0, diff: String::new(), stdin_output: None, notes: Vec::new(), failed: false, groups: Vec::new() };
    let Some(mode) = fix.filter(|_| matches!(linted.outcome, Outcome::Linted(_))) else {
        return Ok(linted);
    };
    let fixed = crate::fix(&linted.source, settings, mode);
    if let Some(problem) = fixed.problem {
        linted.notes.push(format!("condalint: warning: {}: {problem}", linted.source.path));
    }
    if fixed.applied > 0 && !write {
        linted.diff = fixing::unified_diff(&linted.source.path, &linted.source.text, &fixed.source.text);
        linted.fixed = fixed.applied;
    } else if fixed.applied > 0 {
        if let Some(path) = &path {
            if let Err(error) = fixing::write_atomic(path, &fixed.source.encode()) {
                linted.notes.push(format!("condalint: error: {}: {error}", linted.source.path));
                linted.failed = true;
                return Ok(linted);
            }
        }
        linted.fixed = fixed.applied;
        linted.source = Arc::new(fixed.source);
        linted.outcome = check(&linted.source, settings);
    }
    if write && path.is_none() {
        linted.stdin_output = Some(linted.source.encode());
    }
    Ok(linted)
}

fn config_error(error: &ConfigError, stderr: &mut dyn Write) -> ExitStatus {
    let _ = write!(stderr, "{}", error.render());
    ExitStatus::Error
}

fn run_config(key: Option<&str>, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<ExitStatus, String> {
    use crate::config::KEYS;
    if let Some(key) = key {
        let Some((name, meaning)) = KEYS.iter().find(|(k, _)| *k == key) else {
            let names: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
            let hint = crate::rules::closest(key, names.iter().copied(), 3).map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
            let _ = writeln!(stderr, "condalint: error: unknown configuration key `{key}`{hint}; keys: {}", names.join(", "));
            return Ok(ExitStatus::Error);
        };
        let _ = writeln!(stdout, "{name}: {meaning}");
        return Ok(ExitStatus::Success);
    }
    let config = match crate::config::find(std::path::Path::new(".")) {
        Ok(config) => config,
        Err(error) => return Ok(config_error(&error, stderr)),
    };
    let _ = writeln!(stdout, "{}", crate::config::describe(config.as_ref()));
    Ok(ExitStatus::Success)
}

fn run_rule(code: &str, format: DocFormat, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<ExitStatus, String> {
    let Some(rule) = crate::rules::lookup(code) else {
        let _ = writeln!(stderr, "condalint: error: {}", crate::settings::Selector::parse(code).err().unwrap_or_else(|| format!("`{code}` is a prefix, not one rule")));
        return Ok(ExitStatus::Error);
    };
    let meta = rule.meta();
    let text = match format {
        DocFormat::Text => meta.doc.to_owned(),
        DocFormat::Json => {
            let mut value = rule_json(meta);
            value["doc"] = meta.doc.into();
            serde_json::to_string_pretty(&value).expect("serialisable") + "\n"
        }
    };
    stdout.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(ExitStatus::Success)
}

fn rule_json(meta: &crate::rules::RuleMeta) -> serde_json::Value {
    serde_json::json!({
        "code": meta.code,
        "name": meta.name,
        "summary": meta.summary,
        "severity": meta.severity,
        "default": if meta.default_on { "on" } else { "off" },
        "fix": fix_label(meta.fix),
        "url": crate::doc_url(meta.name),
    })
}

fn fix_label(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
    }
}

fn run_rules(format: DocFormat, stdout: &mut dyn Write) -> Result<ExitStatus, String> {
    let text = match format {
        DocFormat::Json => {
            let all: Vec<_> = RULES.iter().map(|r| rule_json(r.meta())).collect();
            serde_json::to_string_pretty(&all).expect("serialisable") + "\n"
        }
        DocFormat::Text => {
            let mut out = format!("{:<7} {:<22} {:<8} {:<8} {}\n", "code", "name", "severity", "default", "fix");
            for rule in RULES {
                let m = rule.meta();
                out.push_str(&format!(
                    "{:<7} {:<22} {:<8} {:<8} {}\n",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    if m.default_on { "on" } else { "off" },
                    fix_label(m.fix)
                ));
            }
            out
        }
    };
    stdout.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(ExitStatus::Success)
}
