//! The command line's arguments (clap derive), and what they mean for the core.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Lookup, Overrides};
use crate::linter::FixRequest;
use crate::render::OutputFormat;
use crate::settings::FailOn;
use crate::{FixMode, Severity};

#[derive(Parser, Debug)]
#[command(
    name = "condalint",
    version = env!("CONDALINT_VERSION"),
    about = "A fast linter for conda environment files and their pip sections",
    args_conflicts_with_subcommands = true,
    subcommand_value_name = "COMMAND",
    override_usage = "condalint [check] [OPTIONS] [PATHS]...\n       condalint <COMMAND>"
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Option<Command>,
    /// `check`'s options: `condalint [PATHS]` is `condalint check [PATHS]`, and `--help` shows them
    #[command(flatten)]
    pub(super) check: CheckArgs,
}

// `check`'s arguments are the big variant; the enum is parsed once per run.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub(super) enum Command {
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
    /// Run the language server (LSP) on standard input and output, for editors
    Server {
        /// Accepted and ignored: standard input and output are the only transport (some clients pass it)
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Show the configuration that applies in the current directory, or explain one key
    Config {
        /// A configuration key, e.g. fail-on
        key: Option<String>,
    },
    /// Print a shell completion script (e.g. `condalint completions bash > ~/.local/share/bash-completion/completions/condalint`)
    Completions {
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `condalint manpage > ~/.local/share/man/man1/condalint.1`
    Manpage,
    /// Read a build log; report each known failure and where in the environment file it comes from
    Explain(ExplainArgs),
}

/// `condalint explain LOG [--env FILE]...`: the output options of `check`.
#[derive(Args, Debug)]
pub(super) struct ExplainArgs {
    /// The build log (`20_image_build_log.txt`, an ACR task log, `conda env create` output); `-` reads standard input
    pub(super) log: PathBuf,
    /// An environment file the build used (repeatable); by default, a conda file the log names, if it exists here
    #[arg(long, value_name = "FILE")]
    pub(super) env: Vec<PathBuf>,
    /// Output format [default: full]
    #[arg(long, value_enum)]
    pub(super) output_format: Option<OutputFormat>,
    /// Findings to report: comma-separated codes, names or prefixes (BLD)
    #[arg(long, value_name = "CODES")]
    pub(super) select: Option<String>,
    /// Findings not to report
    #[arg(long, value_name = "CODES")]
    pub(super) ignore: Option<String>,
    /// Lowest severity that makes the exit code 1 [default: warning]
    #[arg(long, value_enum)]
    pub(super) fail_on: Option<FailOnArg>,
    /// Print only findings: no summary line
    #[arg(long, short)]
    pub(super) quiet: bool,
    /// Exit 0 whatever the findings (2 still reports an unreadable log)
    #[arg(long)]
    pub(super) exit_zero: bool,
    /// Write the report to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub(super) output_file: Option<PathBuf>,
    /// When to colour the output
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub(super) color: ColorArg,
    /// Print a count per finding code instead of each finding (JSON with --output-format json)
    #[arg(long)]
    pub(super) statistics: bool,
}

impl ExplainArgs {
    pub(super) fn fail_on(&self) -> FailOn {
        match self.fail_on {
            Some(FailOnArg::Error) => FailOn::Severity(Severity::Error),
            None | Some(FailOnArg::Warning) => FailOn::Severity(Severity::Warning),
            Some(FailOnArg::Info) => FailOn::Severity(Severity::Info),
            Some(FailOnArg::Never) => FailOn::Never,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum DocFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorArg {
    /// Colour when standard output is a terminal, `NO_COLOR` is unset or `FORCE_COLOR` is set
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Args, Debug)]
pub(super) struct CheckArgs {
    /// Files or directories to lint (default: the current directory); `-` reads standard input
    pub(super) paths: Vec<PathBuf>,
    /// Output format [default: full]
    #[arg(long, value_enum)]
    pub(super) output_format: Option<OutputFormat>,
    /// Rules to run: comma-separated codes, names or prefixes; `ALL` selects every rule
    #[arg(long, value_name = "CODES")]
    pub(super) select: Option<String>,
    /// Rules to run in addition to the selected ones
    #[arg(long, value_name = "CODES")]
    pub(super) extend_select: Option<String>,
    /// Rules not to run
    #[arg(long, value_name = "CODES")]
    pub(super) ignore: Option<String>,
    /// Lowest severity that makes the exit code 1 [default: warning]
    #[arg(long, value_enum)]
    pub(super) fail_on: Option<FailOnArg>,
    /// Read standard input as this file: the name to report, and where relative includes resolve from
    #[arg(long, value_name = "PATH")]
    pub(super) stdin_filename: Option<String>,
    /// Apply configured excludes to paths given on the command line (pre-commit passes paths)
    #[arg(long)]
    pub(super) force_exclude: bool,
    /// Use this configuration file for every linted path
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub(super) config: Option<PathBuf>,
    /// Ignore all configuration files
    #[arg(long)]
    pub(super) isolated: bool,
    /// The tool that will consume the file: checks what it cannot handle (tool-incompatible)
    #[arg(long, value_enum)]
    pub(super) target: Option<crate::settings::Target>,
    /// Print only findings: no summary line and no notes
    #[arg(long, short, conflicts_with = "verbose")]
    pub(super) quiet: bool,
    /// Also say, on stderr, which configuration file applies to each file and how long the run took
    #[arg(long, short)]
    pub(super) verbose: bool,
    /// Exit 0 whatever the findings (2 still reports a usage or I/O error)
    #[arg(long)]
    pub(super) exit_zero: bool,
    /// Write the report to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub(super) output_file: Option<PathBuf>,
    /// When to colour the output
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub(super) color: ColorArg,
    /// List the fixes applied (with --fix) or available
    #[arg(long)]
    pub(super) show_fixes: bool,
    /// Apply safe fixes in place, then report what remains
    #[arg(long)]
    pub(super) fix: bool,
    /// With --fix or --diff, also apply fixes that may change what gets installed
    #[arg(long)]
    pub(super) unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing (exit 1 when there is a diff)
    #[arg(long, conflicts_with = "fix")]
    pub(super) diff: bool,
    /// With --fix: exit 1 when any file was changed, even if no finding remains
    #[arg(long, requires = "fix")]
    pub(super) exit_non_zero_on_fix: bool,
    /// Print a count per rule instead of each finding (JSON with --output-format json)
    #[arg(long)]
    pub(super) statistics: bool,
    /// Check packages against their channels and indexes (IDX rules); off by default
    #[arg(long, conflicts_with = "offline", help_heading = "Index checks")]
    pub(super) online: bool,
    /// Run the index checks from the cache only, with no request
    #[arg(long, help_heading = "Index checks")]
    pub(super) offline: bool,
    /// Where index answers are cached [default: CONDALINT_CACHE_DIR, else the platform's cache directory]
    #[arg(long, value_name = "DIR", help_heading = "Index checks")]
    pub(super) cache_dir: Option<PathBuf>,
    /// Resolve channel names under this URL instead of channel_alias (CONDA_CHANNEL_ALIAS, .condarc)
    #[arg(long, value_name = "URL", help_heading = "Index checks")]
    pub(super) channel_alias: Option<String>,
    /// Look pip requirements up in this index instead of the one pip would use
    #[arg(long, value_name = "URL", help_heading = "Index checks")]
    pub(super) pypi_index: Option<String>,
    /// Target subdir when the file has no `platforms:` (repeatable) [default: linux-64]
    #[arg(long, value_name = "SUBDIR", help_heading = "Index checks")]
    pub(super) platform: Vec<String>,
    /// Target python for wheels, X.Y [default: the newest the file's python pin admits]
    #[arg(long, value_name = "VERSION", help_heading = "Index checks")]
    pub(super) python: Option<String>,
}

impl CheckArgs {
    /// The index options of the run, when the index checks run (`--online`, `--offline`, or
    /// `online = true` in the configuration); `vars` is the process environment.
    pub(super) fn index_options(&self, config_online: Option<bool>, vars: &std::collections::BTreeMap<String, String>) -> Result<Option<crate::index::Options>, String> {
        if let Some(python) = &self.python {
            let parts: Vec<&str> = python.split('.').collect();
            if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
                return Err(format!("--python takes a version written X.Y (e.g. 3.12), not `{python}`"));
            }
        }
        if let Some(bad) = self.platform.iter().find(|p| !crate::index::channels::KNOWN_SUBDIRS.contains(&p.as_str())) {
            return Err(format!("--platform takes a conda subdir (linux-64, osx-arm64, win-64, …), not `{bad}`"));
        }
        if !(self.online || self.offline || config_online == Some(true)) {
            return Ok(None);
        }
        if !cfg!(feature = "online") {
            return Err("this condalint was built without the index checks (cargo feature `online`); --online, --offline and `online = true` are not available".to_owned());
        }
        let home = ["HOME", "USERPROFILE"].iter().find_map(|v| vars.get(*v).filter(|h| !h.is_empty())).map(PathBuf::from);
        Ok(Some(crate::index::Options {
            online: !self.offline,
            offline: self.offline,
            cache_dir: self.cache_dir.clone(),
            channel_alias: self.channel_alias.clone(),
            pypi_index: self.pypi_index.clone(),
            platforms: self.platform.clone(),
            python: self.python.clone(),
            vars: vars.clone(),
            home,
            ..crate::index::Options::default()
        }))
    }

    pub(super) fn fix_request(&self) -> Option<FixRequest> {
        let mode = if self.unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe };
        (self.fix || self.diff).then_some(FixRequest { mode, apply: self.fix })
    }

    /// Which configuration files apply.
    pub(super) fn lookup(&self) -> Lookup {
        match (&self.config, self.isolated) {
            (_, true) => Lookup::Isolated,
            (Some(file), false) => Lookup::File(file.clone()),
            (None, false) => Lookup::Discover,
        }
    }

    /// What the flags set over the configuration files; `today` is `CONDALINT_TODAY`.
    pub(super) fn overrides(&self, today: Option<String>) -> Result<Overrides, String> {
        let mut overrides = Overrides::parse(self.select.as_deref(), self.extend_select.as_deref(), self.ignore.as_deref(), today)?;
        overrides.target = self.target;
        overrides.fail_on = self.fail_on.map(|f| match f {
            FailOnArg::Error => FailOn::Severity(Severity::Error),
            FailOnArg::Warning => FailOn::Severity(Severity::Warning),
            FailOnArg::Info => FailOn::Severity(Severity::Info),
            FailOnArg::Never => FailOn::Never,
        });
        Ok(overrides)
    }
}
