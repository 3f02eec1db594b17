//! Configuration: the shape of one file ([`options`]), finding the file that governs a linted
//! file ([`discover`]), and layering defaults ← file ← command line into the [`Settings`] of
//! each file ([`Layers`]).

pub mod discover;
mod options;

pub use discover::{find, load, Discovery, Lookup, FILE_NAMES};
pub use options::{parse, Config, ConfigError, Ignore, Pattern, KEYS};

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Severity;
use crate::files::FileSystem;
use crate::render::OutputFormat;
use crate::settings::{parse_selectors, FailOn, Selector, Settings, Target};

/// What the command line sets, over every configuration file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    pub fail_on: Option<FailOn>,
    pub target: Option<Target>,
    /// The date of the run (`CONDALINT_TODAY`), `YYYY-MM-DD`.
    pub today: Option<String>,
    /// The package indexes (`--online`, `--offline`, or `online = true`).
    pub index: Option<Arc<crate::index::Index>>,
}

impl Overrides {
    /// The overrides from the flags' comma-separated selector lists and the date of the run.
    pub fn parse(select: Option<&str>, extend_select: Option<&str>, ignore: Option<&str>, today: Option<String>) -> Result<Self, String> {
        let parse = |list: Option<&str>| list.map(parse_selectors).transpose();
        let date = |d: &str| d.len() == 10 && d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        if let Some(bad) = today.as_deref().filter(|d| !date(d)) {
            return Err(format!("CONDALINT_TODAY must be a date written YYYY-MM-DD, not `{bad}`"));
        }
        Ok(Self {
            select: parse(select)?,
            extend_select: parse(extend_select)?.unwrap_or_default(),
            ignore: parse(ignore)?.unwrap_or_default(),
            fail_on: None,
            target: None,
            today,
            index: None,
        })
    }
}

/// The settings of every file of a run: the configuration that governs it, under the overrides.
/// `fail-on` and `output-format` hold for the whole run: from the overrides, else from the
/// configuration of the current directory.
pub struct Layers<'fs> {
    discovery: Discovery<'fs>,
    overrides: Overrides,
    base: Option<Arc<Config>>,
    fail_on: FailOn,
}

impl<'fs> Layers<'fs> {
    /// Reads the configuration of the current directory (and a `--config` file) at once: an
    /// error in either is an error of the run. No overrides yet ([`Layers::with`]).
    pub fn new(lookup: Lookup, fs: &'fs dyn FileSystem) -> Result<Self, ConfigError> {
        let mut discovery = Discovery::new(lookup, fs)?;
        let base = discovery.for_dir(Path::new("."))?;
        let fail_on = base.as_ref().and_then(|c| c.fail_on).unwrap_or(FailOn::Severity(Severity::Warning));
        Ok(Self { discovery, overrides: Overrides::default(), base, fail_on })
    }

    /// These overrides over every configuration file.
    pub fn with(self, overrides: Overrides) -> Self {
        let fail_on = overrides.fail_on.unwrap_or(self.fail_on);
        Self { overrides, fail_on, ..self }
    }

    /// The output format the configuration of the current directory names.
    pub fn output_format(&self) -> Option<OutputFormat> {
        self.base.as_ref().and_then(|c| c.output_format)
    }

    /// The settings of the run as a whole (the configuration of the current directory).
    pub fn run_settings(&self) -> Settings {
        self.layer(self.base.as_deref(), None)
    }

    /// The configuration that governs the file at `path`.
    pub fn config_for(&mut self, path: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        self.discovery.for_file(path)
    }

    /// The settings of the file at `path`, governed by `config` (from [`Layers::config_for`]).
    pub fn settings_for(&self, config: Option<&Config>, path: &Path) -> Settings {
        self.layer(config, Some(path))
    }

    /// Defaults, then the configuration, then the overrides.
    fn layer(&self, config: Option<&Config>, path: Option<&Path>) -> Settings {
        let flags = &self.overrides;
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
            fail_on: self.fail_on,
            target: flags.target.or_else(|| config.and_then(|c| c.target)),
            severity: config.map(|c| c.severity.clone()).unwrap_or_default(),
            today: flags.today.clone(),
            index: flags.index.clone(),
        }
    }

    /// `online` in the configuration of the current directory.
    pub fn online(&self) -> Option<bool> {
        self.base.as_ref().and_then(|c| c.online)
    }

    /// Sets the package indexes of the run (after [`Layers::online`] said whether there are any).
    pub fn set_index(&mut self, index: Option<Arc<crate::index::Index>>) {
        self.overrides.index = index;
    }
}

/// The resolved settings, one key a line, each marked with where it comes from.
pub fn describe(config: Option<&Config>) -> String {
    let default = Config::default();
    let c = config.unwrap_or(&default);
    // Valid TOML: strings quoted and escaped by the `toml` crate, unset keys as comments.
    let string = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let quote = |items: Vec<String>| format!("[{}]", items.iter().map(|i| string(i)).collect::<Vec<_>>().join(", "));
    let braces = |items: Vec<String>| if items.is_empty() { "{}".to_owned() } else { format!("{{ {} }}", items.join(", ")) };
    let selectors = |list: &[Selector]| quote(list.iter().map(|s| s.0.clone()).collect());
    let fail_on = match c.fail_on.unwrap_or(FailOn::Severity(Severity::Warning)) {
        FailOn::Severity(s) => s.as_str(),
        FailOn::Never => "never",
    };
    let format = c.output_format.unwrap_or(OutputFormat::Full);
    let format = clap::ValueEnum::to_possible_value(&format).map(|v| v.get_name().to_owned()).unwrap_or_default();
    let values = [
        ("select", c.select.as_deref().map_or(String::new(), selectors)),
        ("extend-select", selectors(&c.extend_select)),
        (
            "ignore",
            format!(
                "[{}]",
                c.ignore
                    .iter()
                    .map(|i| match &i.reason {
                        Some(r) => format!("{{ rule = {}, reason = {} }}", string(&i.written), string(r)),
                        None => string(&i.written),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        ("fail-on", string(fail_on)),
        ("output-format", string(&format)),
        ("exclude", quote(c.exclude.iter().map(|p| p.written.clone()).collect())),
        ("target", c.target.map_or(String::new(), |t| string(t.label()))),
        ("severity", braces(c.severity.iter().map(|(code, s)| format!("{code} = {}", string(s.as_str()))).collect())),
        ("per-file-ignores", braces(c.per_file_ignores.iter().map(|(p, list)| format!("{} = {}", string(&p.written), selectors(list))).collect())),
        ("online", c.online.map_or(String::new(), |o| o.to_string())),
    ];
    let mut out = match config {
        Some(c) => format!("# configuration file: {}\n", c.file.display().to_string().replace(['\n', '\r'], " ")),
        None => "# no configuration file: defaults\n".to_owned(),
    };
    for (key, value) in values {
        let from = if c.keys_set.contains(&key) { "file" } else { "default" };
        match (key, value.is_empty()) {
            ("select", true) => out.push_str("# select: not set, the rules that are on by default\n"),
            (_, true) => out.push_str(&format!("# {key}: not set\n")),
            _ => out.push_str(&format!("{key} = {value}  # {from}\n")),
        }
    }
    out.trim_end().to_owned()
}

