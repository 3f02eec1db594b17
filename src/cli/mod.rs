//! The command line: arguments ([`args`]), `check` ([`check`]) and the other commands
//! ([`commands`]); file discovery and writing fixed files. Output goes to the writers it is
//! given, so the library itself never prints.

mod args;
mod check;
mod commands;
mod discover;
mod fixing;

use std::ffi::OsString;
use std::io::{Read, Write};

use clap::Parser;

use crate::config::ConfigError;
use args::{Cli, Command};

pub use crate::files::MAX_FILE_SIZE;

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
        Command::Check(args) => check::run_check(args, terminal, stdin, stdout, stderr),
        Command::Rule { rule, output_format } => commands::run_rule(&rule, output_format, stdout, stderr),
        Command::Rules { output_format } => commands::run_rules(output_format, stdout),
        Command::Config { key } => commands::run_config(key.as_deref(), stdout, stderr),
    };
    result.unwrap_or_else(|err| {
        let _ = writeln!(stderr, "condalint: error: {}", crate::render::terminal_safe(&err.to_string()));
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

fn config_error(error: &ConfigError, stderr: &mut dyn Write) -> ExitStatus {
    let _ = write!(stderr, "{}", error.render());
    ExitStatus::Error
}

