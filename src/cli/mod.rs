//! The command line: arguments ([`args`]), `check` ([`check`]) and the other commands
//! ([`commands`]); file discovery and writing fixed files. Output goes to the writers it is
//! given, so the library itself never prints.

mod args;
mod check;
mod commands;
mod discover;
mod explain;
mod fixing;

use std::ffi::OsString;
use std::io::{Read, Write};

use clap::Parser;

use crate::config::ConfigError;
use args::{Cli, Command};

pub use crate::files::MAX_FILE_SIZE;
pub(crate) use commands::reader_doc;

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
    /// `NO_COLOR` is set (and not empty).
    pub no_color: bool,
    /// `FORCE_COLOR` is set (and not empty): colour even when stdout is not a terminal.
    pub force_color: bool,
    /// The terminal's width in columns when stdout is a terminal (`COLUMNS`, else the terminal's
    /// own size): the `full` format wraps its text to it, and does not wrap without it.
    pub width: Option<usize>,
    /// `CONDALINT_TODAY` (`YYYY-MM-DD`): the date rules compare dated tables against instead
    /// of the system clock (python-end-of-life), so that a test's expectations do not age.
    pub today: Option<String>,
    /// The process environment, for what conda and pip would read from it (`CONDARC`,
    /// `CONDA_CHANNEL_ALIAS`, `PIP_INDEX_URL`, `CONDALINT_CACHE_DIR`, `HOME`…) in the index
    /// checks; the library never reads it itself.
    pub vars: std::collections::BTreeMap<String, String>,
}

/// Runs condalint with `args` (including the program name) and returns the exit status.
pub fn run(
    args: Vec<OsString>,
    terminal: Terminal,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> ExitStatus {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { ExitStatus::Error } else { ExitStatus::Success };
            let text = if terminal.color(args::ColorArg::Auto) { err.render().ansi().to_string() } else { err.render().to_string() };
            let _ = if err.use_stderr() { write!(stderr, "{text}") } else { write!(stdout, "{text}") };
            return code;
        }
    };
    let result = match cli.command {
        None => check::run_check(cli.check, terminal, stdin, stdout, stderr),
        Some(Command::Check(args)) => check::run_check(args, terminal, stdin, stdout, stderr),
        Some(Command::Rule { rule, output_format }) => commands::run_rule(&rule, output_format, stdout, stderr),
        Some(Command::Rules { output_format }) => commands::run_rules(output_format, stdout),
        Some(Command::Config { key }) => commands::run_config(key.as_deref(), stdout, stderr),
        Some(Command::Server { .. }) => Ok(if crate::lsp::run(terminal.today) == 0 { ExitStatus::Success } else { ExitStatus::Failure }),
        Some(Command::Completions { shell }) => commands::run_completions(shell, stdout),
        Some(Command::Manpage) => commands::run_manpage(stdout),
        Some(Command::Explain(args)) => explain::run_explain(args, terminal, stdin, stdout, stderr),
    };
    result.unwrap_or_else(|err| {
        let _ = writeln!(stderr, "condalint: error: {}", crate::render::terminal_safe(&err.to_string()));
        ExitStatus::Error
    })
}

impl Terminal {
    /// Whether to colour what goes to stdout: `always`, `never`, or (`auto`) `FORCE_COLOR`, else a
    /// terminal without `NO_COLOR`.
    fn color(&self, when: args::ColorArg) -> bool {
        match when {
            args::ColorArg::Always => true,
            args::ColorArg::Never => false,
            args::ColorArg::Auto => self.force_color || (self.stdout_is_tty && !self.no_color),
        }
    }
}

/// Whether a write failed because the reader went away (`condalint … | head`): the run then
/// ends quietly, with the exit code its findings give.
fn is_broken_pipe(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::BrokenPipe
}

/// Writes `text` to stdout; a reader that went away is not an error.
fn write_out(stdout: &mut dyn Write, text: &[u8]) -> Result<(), String> {
    match stdout.write_all(text).and_then(|()| stdout.flush()) {
        Err(e) if !is_broken_pipe(&e) => Err(format!("cannot write output: {e}")),
        _ => Ok(()),
    }
}

fn config_error(error: &ConfigError, stderr: &mut dyn Write) -> ExitStatus {
    let _ = write!(stderr, "{}", error.render());
    ExitStatus::Error
}

