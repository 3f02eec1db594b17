//! `condalint check`: paths → inputs with their settings → [`linter::run`] → fixed files written,
//! diffs, notes → the report.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::args::CheckArgs;
use super::{config_error, discover, fixing, ExitStatus, Terminal, MAX_FILE_SIZE};
use crate::config::{ConfigError, Layers};
use crate::diagnostic::Applicability;
use crate::files::DiskFileSystem;
use crate::linter::{self, FileFindings, FileRun, Findings, Input};
use crate::render::{self, FileReport, FullOptions, OutputFormat};
use crate::rules::RULES;
use crate::settings::Settings;

pub(super) fn run_check(
    args: CheckArgs,
    terminal: Terminal,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<ExitStatus, String> {
    let started = std::time::Instant::now();
    let fs = DiskFileSystem;
    let layers = match Layers::new(args.lookup(), &fs) {
        Ok(layers) => layers,
        Err(error) => return Ok(config_error(&error, stderr)),
    };
    let mut layers = layers.with(args.overrides(terminal.today.clone())?);
    let index = match args.index_options(layers.online(), &terminal.vars) {
        Ok(options) => options.map(open_index),
        Err(message) => {
            let _ = writeln!(stderr, "condalint: error: {}", render::terminal_safe(&message));
            return Ok(ExitStatus::Error);
        }
    };
    layers.set_index(index);
    let output_format = args.output_format.or_else(|| layers.output_format()).unwrap_or(OutputFormat::Full);
    let settings = layers.run_settings();
    let mut outcome = Gathered::default();
    let inputs = match inputs(&args, &mut layers, stdin, stderr, &mut outcome.io_error) {
        Ok(inputs) => inputs,
        Err(error) => return Ok(config_error(&error, stderr)),
    };
    let count = inputs.len();
    for result in linter::run(inputs, &fs, args.fix_request()) {
        match result {
            Ok(run) => outcome.add(run, &args, stderr),
            Err(message) => {
                let _ = writeln!(stderr, "condalint: error: {}", render::terminal_safe(&message));
                outcome.io_error = true;
            }
        }
    }
    let status = if args.diff {
        print_diff(&outcome, &args, stdout, stderr)?
    } else {
        let view = View { output_format, terminal: &terminal, settings: &settings };
        report(outcome, &args, &view, stdout, stderr)?
    };
    if args.verbose {
        let _ = writeln!(stderr, "condalint: checked {} in {} ms", render::plural(count, "file", "files"), started.elapsed().as_millis());
    }
    Ok(if args.exit_zero && status == ExitStatus::Failure { ExitStatus::Success } else { status })
}

#[cfg(feature = "online")]
fn open_index(options: crate::index::Options) -> Arc<crate::index::Index> {
    Arc::new(crate::index::Index::open(options))
}

#[cfg(not(feature = "online"))]
fn open_index(_options: crate::index::Options) -> Arc<crate::index::Index> {
    unreachable!("index_options refuses the index checks without the `online` feature")
}

/// The inputs the paths stand for, each with its settings. A path that cannot be read is
/// reported and sets `io_error`; an invalid configuration file stops the run.
fn inputs(
    args: &CheckArgs,
    layers: &mut Layers<'_>,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
    io_error: &mut bool,
) -> Result<Vec<(Input, Arc<Settings>)>, ConfigError> {
    // `--stdin-filename NAME` alone reads standard input, as ruff does.
    let paths = match (args.paths.is_empty(), &args.stdin_filename) {
        (false, _) => args.paths.clone(),
        (true, Some(_)) => vec![PathBuf::from("-")],
        (true, None) => vec![PathBuf::from(".")],
    };
    let mut inputs = Vec::new();
    for path in &paths {
        if path.as_os_str() == "-" {
            let name = args.stdin_filename.as_deref().map_or_else(|| "-".into(), |n| render::path_text(&discover::report_path(Path::new(n))));
            let config = layers.config_for(Path::new(&name))?;
            verbose_config(args, &name, config.as_deref(), stderr);
            match read_stdin(stdin, &name) {
                Ok(bytes) => {
                    let settings = layers.settings_for(config.as_deref(), Path::new(&name));
                    inputs.push((Input::Bytes(name, bytes), Arc::new(settings)));
                }
                Err(message) => {
                    let _ = writeln!(stderr, "condalint: error: {}", render::terminal_safe(&message));
                    *io_error = true;
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
                    let file = discover::report_path(&file);
                    let config = layers.config_for(&file)?;
                    if (found.walked || args.force_exclude) && config.as_ref().is_some_and(|c| c.excludes(&file)) {
                        continue;
                    }
                    verbose_config(args, &render::path_text(&file), config.as_deref(), stderr);
                    let settings = layers.settings_for(config.as_deref(), &file);
                    inputs.push((Input::Path(file), Arc::new(settings)));
                }
            }
            Err(message) => {
                // `condalint rulez`: a bare word that names no file is likely a mistyped command.
                let hint = discover::near_command(path).map(|c| format!("; did you mean the command `{c}`?")).unwrap_or_default();
                let _ = writeln!(stderr, "condalint: error: {}{hint}", render::terminal_safe(&message));
                *io_error = true;
            }
        }
    }
    Ok(inputs)
}

/// With `--verbose`: which configuration file applies to a file.
fn verbose_config(args: &CheckArgs, name: &str, config: Option<&crate::config::Config>, stderr: &mut dyn Write) {
    if args.verbose {
        let applies = config.map_or_else(|| "no configuration file (defaults)".to_owned(), |c| format!("configuration {}", render::path_text(&discover::report_path(&c.file))));
        let _ = writeln!(stderr, "condalint: {}: {}", render::terminal_safe(name), render::terminal_safe(&applies));
    }
}

/// Standard input, within the size limit.
fn read_stdin(stdin: &mut dyn Read, name: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match stdin.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_FILE_SIZE => Err(format!("{name}: input is larger than 32 MiB; not linted")),
        Ok(_) => Ok(bytes),
        Err(err) => Err(format!("{name}: cannot read standard input: {err}")),
    }
}

/// What the runs of all inputs add up to.
#[derive(Default)]
struct Gathered {
    findings: Findings,
    /// Fixes applied (or, with `--diff`, that would be), and in how many files.
    fixed: usize,
    fixed_files: usize,
    diff: String,
    /// The fixed bytes of standard input, written to stdout with `--fix`.
    stdin_output: Option<Vec<u8>>,
    /// With `--fix --show-fixes`: the fixes applied, one line each.
    applied: Vec<String>,
    /// An input could not be read or written (exit 2).
    io_error: bool,
}

impl Gathered {
    /// Takes one file's run: its fixes written (or diffed), its notes printed, its findings kept.
    fn add(&mut self, mut run: FileRun, args: &CheckArgs, stderr: &mut dyn Write) {
        let applied = if args.fix && args.show_fixes { applied_fixes(&run) } else { Vec::new() };
        let fixed = run.fixed.take().map_or(0, |fixed| self.take_fixes(&mut run, fixed, args, stderr));
        if fixed > 0 {
            self.applied.extend(applied);
        }
        self.fixed += fixed;
        self.fixed_files += usize::from(fixed > 0);
        self.findings.add(run.findings);
    }

    /// Writes the fixed file (or adds its diff); the number of fixes that took.
    fn take_fixes(&mut self, run: &mut FileRun, fixed: crate::Fixed, args: &CheckArgs, stderr: &mut dyn Write) -> usize {
        let path = &run.original.path;
        if let Some(problem) = fixed.problem {
            let _ = writeln!(stderr, "condalint: warning: {}: {problem}", render::terminal_safe(&path.to_string()));
        }
        if fixed.applied > 0 && !args.fix {
            self.diff.push_str(&fixing::unified_diff(path, &run.original.text, &fixed.source.text));
        } else if fixed.applied > 0 {
            if let Some(file) = &run.path {
                if let Err(error) = fixing::write_atomic(file, &run.source.encode()) {
                    let _ = writeln!(stderr, "condalint: error: {}: {}; not fixed", render::terminal_safe(&path.to_string()), render::terminal_safe(&error.to_string()));
                    self.io_error = true;
                    run.revert(&DiskFileSystem);
                    return 0;
                }
            }
        }
        if args.fix && run.path.is_none() {
            self.stdin_output = self.stdin_output.take().or_else(|| Some(run.source.encode()));
        }
        fixed.applied
    }
}

/// The fixes `--fix` applied to a file, pass after pass (titles masked like every report).
fn applied_fixes(run: &FileRun) -> Vec<String> {
    let Some(fixed) = &run.fixed else { return Vec::new() };
    let line = |f: &linter::AppliedFix| {
        let kind = if f.applicability == Applicability::Unsafe { " (unsafe)" } else { "" };
        render::terminal_safe(&format!("{}:{}:{}: {} {}{kind}", run.original.path, f.line, f.column, f.code, f.title)).into_owned()
    };
    fixed.fixes.iter().map(line).collect()
}

/// `env.yml:6:5: PIP002 pin pip to 26.2.1 (unsafe)`.
fn fix_line(source: &crate::source::SourceFile, d: &crate::Diagnostic) -> String {
    let Some(fix) = &d.fix else { return String::new() };
    let (line, col) = source.line_col(d.primary.range.start);
    let kind = if fix.applicability == Applicability::Unsafe { " (unsafe)" } else { "" };
    render::terminal_safe(&format!("{}:{line}:{col}: {} {}{kind}", source.path, d.code, fix.title)).into_owned()
}

fn print_diff(outcome: &Gathered, args: &CheckArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<ExitStatus, String> {
    let Gathered { fixed, fixed_files, diff, io_error, .. } = outcome;
    super::write_out(stdout, diff.as_bytes())?;
    if !args.quiet {
        let _ = writeln!(stderr, "Would fix {} in {}", render::plural(*fixed, "problem", "problems"), render::plural(*fixed_files, "file", "files"));
    }
    Ok(if *io_error { ExitStatus::Error } else if diff.is_empty() { ExitStatus::Success } else { ExitStatus::Failure })
}

/// How the report is drawn.
struct View<'a> {
    output_format: OutputFormat,
    terminal: &'a Terminal,
    /// The settings of the run as a whole (the rules SARIF lists, `fail-on`).
    settings: &'a Settings,
}

fn report(outcome: Gathered, args: &CheckArgs, view: &View<'_>, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<ExitStatus, String> {
    // With `--fix` on standard input, the fixed text goes to stdout and the report to stderr.
    let report_to: &mut dyn Write = match &outcome.stdin_output {
        Some(bytes) => {
            super::write_out(stdout, bytes)?;
            stderr
        }
        None => stdout,
    };
    let files = outcome.findings.into_files();
    let reports: Vec<FileReport<'_>> = files.iter().map(file_report).collect();
    let mut parts = render_report(&reports, outcome.fixed, outcome.fixed_files, args, view);
    if args.show_fixes && matches!(view.output_format, OutputFormat::Full | OutputFormat::Concise) && !args.statistics {
        parts.push(show_fixes(&reports, &outcome.applied, outcome.fixed, args));
    }
    match &args.output_file {
        Some(file) => fixing::write_atomic(file, parts.concat().as_bytes()).map_err(|e| format!("{}: {e}", render::path_text(file)))?,
        None => {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, report_to);
            let written = parts.iter().try_for_each(|part| out.write_all(part.as_bytes())).and_then(|()| out.flush());
            match written {
                Err(e) if !super::is_broken_pipe(&e) => return Err(format!("cannot write output: {e}")),
                _ => {}
            }
        }
    }
    let failed = reports.iter().flat_map(|r| r.diagnostics).any(|d| view.settings.fails(d.severity));
    Ok(if outcome.io_error {
        ExitStatus::Error
    } else if failed || (args.exit_non_zero_on_fix && outcome.fixed > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// `--show-fixes`: the fixes applied (with `--fix`) or available, one line each.
fn show_fixes(reports: &[FileReport<'_>], applied: &[String], fixed: usize, args: &CheckArgs) -> String {
    let (title, lines): (String, Vec<String>) = if args.fix {
        (format!("Fixed {}:", render::plural(fixed, "problem", "problems")), applied.to_vec())
    } else {
        let available = reports.iter().flat_map(|r| r.diagnostics.iter().map(move |d| (r.source, d)));
        let lines = available.filter(|(_, d)| d.fix.as_ref().is_some_and(|f| f.applicability != Applicability::DisplayOnly)).map(|(s, d)| fix_line(s, d)).collect();
        ("Fixes available:".to_owned(), lines)
    };
    if lines.is_empty() && !args.fix {
        return "No fixes available\n".to_owned();
    }
    lines.iter().fold(format!("{title}\n"), |out, line| out + "  " + line + "\n")
}

fn file_report(file: &FileFindings) -> FileReport<'_> {
    FileReport { source: &file.source, diagnostics: &file.shown, suppressed: &file.suppressed }
}

/// The report, part by part (one part a file for the per-file formats), then the summary: no
/// copy of the whole report.
fn render_report(reports: &[FileReport<'_>], fixed: usize, fixed_files: usize, args: &CheckArgs, view: &View<'_>) -> Vec<String> {
    let terminal = view.terminal;
    // A report written to a file is not on a terminal: no colour unless asked, no links, no wrapping.
    let to_terminal = args.output_file.is_none() && terminal.stdout_is_tty;
    let color = if args.output_file.is_some() && args.color == super::args::ColorArg::Auto { terminal.force_color } else { terminal.color(args.color) };
    let options = FullOptions { color, links: to_terminal, width: terminal.width.filter(|_| to_terminal) };
    // The rules that ran: the index rules only with an index (`--online`); never the build-log
    // rules (BLD), which only `explain` reports.
    let ran = |m: &crate::rules::RuleMeta| m.document != crate::rules::Document::Log && view.settings.is_enabled(m) && (!m.online || view.settings.index.is_some());
    let rules: Vec<&'static crate::rules::RuleMeta> = RULES.iter().map(|r| r.meta()).filter(|m| ran(m)).collect();
    let mut parts = match (args.statistics, view.output_format) {
        (true, OutputFormat::Json) => vec![render::statistics::json(reports)],
        (true, _) => vec![render::statistics::text(reports)],
        (false, format) => render::render_parts(format, reports, &options, &rules),
    };
    let mut text = String::new();
    if view.output_format == OutputFormat::Full && !args.quiet {
        if args.fix && fixed > 0 {
            text.push_str(&format!("Fixed {} in {}\n", render::plural(fixed, "problem", "problems"), render::plural(fixed_files, "file", "files")));
        }
        if !reports.is_empty() && !args.statistics {
            text.push_str(&render::summary(reports));
            text.push('\n');
        }
    }
    parts.push(text);
    parts
}
