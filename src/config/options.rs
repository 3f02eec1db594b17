//! The shape of one configuration file, read and validated: every key, with spans into the file
//! for errors.
//!
//! Globs in `exclude` and `per-file-ignores` are relative to the config file's directory and
//! matched against the linted file's path relative to it, with `/` separators; `*` does not
//! cross a `/` (use `**`). A pattern without a `/` also matches the file name at any depth, as
//! in `.gitignore`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobMatcher};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::render::OutputFormat;
use crate::settings::{FailOn, Selector, Target};

/// Every key, with what it means (`condalint config KEY`).
pub const KEYS: &[(&str, &str)] = &[
    ("select", "the rules to run: codes, names, prefixes or ALL (default: the rules that are on by default)"),
    ("extend-select", "rules to run in addition to `select`, e.g. rules that are off by default"),
    ("ignore", "rules not to run: codes, names or prefixes, or { rule = \"CODE\", reason = \"why\" } tables"),
    ("fail-on", "the lowest severity that makes the exit code 1: \"error\", \"warning\" (default), \"info\" or \"never\""),
    ("output-format", "the output format: full (default), concise, json, sarif, github, azure, gitlab or junit"),
    ("exclude", "globs of files not to lint when found in a directory (and with --force-exclude, when named)"),
    ("target", "the tool that consumes the files: conda, mamba, conda-lock or pixi (turns on tool-incompatible)"),
    ("severity", "a table of rule code or name = \"error\" | \"warning\" | \"info\", overriding a rule's severity"),
    ("per-file-ignores", "a table of glob = [rules], rules not to run on the files the glob matches"),
    ("online", "true: check packages against their indexes (IDX rules), as --online does; the configuration of the current directory decides for the run"),
];

/// A glob as written and compiled.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub written: String,
    matcher: GlobMatcher,
}

/// An `ignore` entry.
#[derive(Clone, Debug)]
pub struct Ignore {
    pub selector: Selector,
    pub written: String,
    pub reason: Option<String>,
}

/// One configuration file, validated.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it was read from.
    pub file: PathBuf,
    /// The directory its globs are relative to.
    pub dir: PathBuf,
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Ignore>,
    pub fail_on: Option<FailOn>,
    pub output_format: Option<OutputFormat>,
    pub exclude: Vec<Pattern>,
    pub target: Option<Target>,
    pub severity: Vec<(&'static str, Severity)>,
    pub per_file_ignores: Vec<(Pattern, Vec<Selector>)>,
    /// `online = true`: the IDX rules run, as with `--online`.
    pub online: Option<bool>,
    /// The keys the file sets (for `condalint config`).
    pub keys_set: Vec<&'static str>,
}

/// A configuration file that cannot be used: exit 2 with a snippet of the file.
#[derive(Clone, Debug)]
pub struct ConfigError {
    pub path: String,
    pub text: String,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    /// The error as miette draws it (no colour).
    pub fn render(&self) -> String {
        use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report};
        let mut diagnostic = MietteDiagnostic::new(format!("invalid configuration: {}", self.message));
        if let Some(span) = &self.span {
            diagnostic = diagnostic.with_label(LabeledSpan::at(span.clone(), "here"));
        }
        if let Some(help) = &self.help {
            diagnostic = diagnostic.with_help(help.clone());
        }
        let report = Report::new(diagnostic).with_source_code(NamedSource::new(&self.path, self.text.clone()));
        let mut out = String::new();
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
        let _ = handler.render_report(&mut out, report.as_ref());
        out
    }
}

impl Config {
    /// Whether a glob list matches `path` (relative to this config's directory).
    fn matches(&self, patterns: &[Pattern], path: &Path) -> bool {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let Ok(relative) = absolute.strip_prefix(&self.dir) else { return false };
        let relative = relative.to_string_lossy().replace('\\', "/");
        let name = relative.rsplit('/').next().unwrap_or(&relative).to_owned();
        patterns.iter().any(|p| p.matcher.is_match(&relative) || (!p.written.contains('/') && p.matcher.is_match(&name)))
    }

    pub fn excludes(&self, path: &Path) -> bool {
        self.matches(&self.exclude, path)
    }

    /// The selectors `per-file-ignores` applies to `path`.
    pub fn ignores_for(&self, path: &Path) -> Vec<Selector> {
        self.per_file_ignores
            .iter()
            .filter(|(pattern, _)| self.matches(std::slice::from_ref(pattern), path))
            .flat_map(|(_, selectors)| selectors.iter().cloned())
            .collect()
    }
}

struct Parser<'t> {
    path: &'t str,
    text: &'t str,
}

impl Parser<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>, help: Option<String>) -> ConfigError {
        ConfigError { path: self.path.to_owned(), text: self.text.to_owned(), span: Some(span), message: message.into(), help }
    }

    fn string<'v>(&self, value: &'v Spanned<DeValue<'_>>, what: &str) -> Result<&'v str, ConfigError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s),
            other => Err(self.error(value.span(), format!("expected {what}, found {}", kind(other)), None)),
        }
    }

    fn one_of<T>(&self, value: &Spanned<DeValue<'_>>, choices: &[(&str, T)]) -> Result<T, ConfigError>
    where
        T: Copy,
    {
        let names: Vec<String> = choices.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        let expected = format!("one of {}", names.join(", "));
        let text = self.string(value, &expected)?;
        choices.iter().find(|(n, _)| *n == text).map(|(_, v)| *v).ok_or_else(|| self.error(value.span(), format!("expected {expected}, found \"{text}\""), None))
    }

    fn selector(&self, value: &Spanned<DeValue<'_>>) -> Result<(Selector, String), ConfigError> {
        let text = self.string(value, "a rule code, name or prefix")?;
        Selector::parse(text).map(|s| (s, text.to_owned())).map_err(|e| self.error(value.span(), e, None))
    }

    fn array<'v>(&self, value: &'v Spanned<DeValue<'_>>, what: &str) -> Result<&'v [Spanned<DeValue<'v>>], ConfigError> {
        match value.get_ref() {
            DeValue::Array(items) => Ok(items),
            other => Err(self.error(value.span(), format!("expected an array of {what}, found {}", kind(other)), None)),
        }
    }

    fn selectors(&self, value: &Spanned<DeValue<'_>>) -> Result<Vec<Selector>, ConfigError> {
        self.array(value, "rule codes, names or prefixes")?.iter().map(|v| self.selector(v).map(|(s, _)| s)).collect()
    }

    fn table<'v>(&self, value: &'v Spanned<DeValue<'_>>, what: &str) -> Result<&'v DeTable<'v>, ConfigError> {
        match value.get_ref() {
            DeValue::Table(table) => Ok(table),
            other => Err(self.error(value.span(), format!("expected a table of {what}, found {}", kind(other)), None)),
        }
    }

    fn pattern(&self, span: Range<usize>, written: &str) -> Result<Pattern, ConfigError> {
        let glob: Glob = GlobBuilder::new(written)
            .literal_separator(true)
            .build()
            .map_err(|e| self.error(span, format!("invalid glob `{written}`: {}", e.kind()), None))?;
        Ok(Pattern { written: written.to_owned(), matcher: glob.compile_matcher() })
    }

    fn unknown_key(&self, key: &Spanned<std::borrow::Cow<'_, str>>, valid: &[&str]) -> ConfigError {
        let name: &str = key.get_ref();
        let suggestion = valid.iter().min_by_key(|v| crate::rules::edit_distance(name, v)).filter(|v| crate::rules::edit_distance(name, v) <= 3);
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? valid keys: {}", valid.join(", ")),
            None => format!("valid keys: {}", valid.join(", ")),
        };
        self.error(key.span(), format!("unknown key `{name}`"), Some(help))
    }
}

impl Parser<'_> {
    /// An `ignore` entry: a selector, or a `{ rule, reason }` table.
    fn ignore(&self, item: &Spanned<DeValue<'_>>) -> Result<Ignore, ConfigError> {
        let DeValue::Table(entry) = item.get_ref() else {
            let (selector, written) = self.selector(item)?;
            return Ok(Ignore { selector, written, reason: None });
        };
        let (mut rule, mut reason) = (None, None);
        for (k, v) in entry {
            match k.get_ref().as_ref() {
                "rule" => rule = Some(self.selector(v)?),
                "reason" => reason = Some(self.string(v, "a string")?.to_owned()),
                _ => return Err(self.unknown_key(k, &["rule", "reason"])),
            }
        }
        let (selector, written) = rule.ok_or_else(|| self.error(item.span(), "an ignore table needs `rule`", None))?;
        Ok(Ignore { selector, written, reason })
    }

    /// The code of the one rule a `severity` key names.
    fn rule(&self, key: &Spanned<std::borrow::Cow<'_, str>>) -> Result<&'static str, ConfigError> {
        let rule = crate::rules::lookup(key.get_ref()).ok_or_else(|| {
            let hint = Selector::parse(key.get_ref()).err().unwrap_or_else(|| format!("`{}` is a prefix; name one rule", key.get_ref()));
            self.error(key.span(), hint, None)
        })?;
        Ok(rule.meta().code)
    }
}

/// Every output format by the name the command line gives it.
fn output_formats() -> Vec<(String, OutputFormat)> {
    <OutputFormat as clap::ValueEnum>::value_variants()
        .iter()
        .filter_map(|v| clap::ValueEnum::to_possible_value(v).map(|pv| (pv.get_name().to_owned(), *v)))
        .collect()
}

fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn severity_choices() -> [(&'static str, Severity); 3] {
    [("error", Severity::Error), ("warning", Severity::Warning), ("info", Severity::Info)]
}

/// Parses configuration text; `pyproject` reads its `[tool.condalint]` table.
pub fn parse(path: &str, text: &str, pyproject: bool, dir: PathBuf) -> Result<Option<Config>, ConfigError> {
    let p = Parser { path, text };
    let root = DeTable::parse(text).map_err(|e| ConfigError {
        path: path.to_owned(),
        text: text.to_owned(),
        span: e.span(),
        message: format!("TOML syntax error: {}", e.message().trim_end_matches('\n')),
        help: None,
    })?;
    let table: &DeTable<'_> = if pyproject {
        let tool = root.get_ref().get("tool").map(|t| p.table(t, "tools")).transpose()?;
        match tool.and_then(|t| t.get("condalint")) {
            Some(value) => p.table(value, "settings")?,
            None => return Ok(None),
        }
    } else {
        root.get_ref()
    };
    let valid: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
    let mut config = Config { dir, ..Config::default() };
    for (key, value) in table {
        let Some(&(name, _)) = KEYS.iter().find(|(k, _)| *k == key.get_ref().as_ref()) else {
            return Err(p.unknown_key(key, &valid));
        };
        config.keys_set.push(name);
        match name {
            "select" => config.select = Some(p.selectors(value)?),
            "extend-select" => config.extend_select = p.selectors(value)?,
            "ignore" => {
                for item in p.array(value, "rules or { rule, reason } tables")? {
                    config.ignore.push(p.ignore(item)?);
                }
            }
            "fail-on" => {
                let choices = [("error", FailOn::Severity(Severity::Error)), ("warning", FailOn::Severity(Severity::Warning)), ("info", FailOn::Severity(Severity::Info)), ("never", FailOn::Never)];
                config.fail_on = Some(p.one_of(value, &choices)?);
            }
            "output-format" => {
                let choices = output_formats();
                let choices: Vec<(&str, OutputFormat)> = choices.iter().map(|(n, v)| (n.as_str(), *v)).collect();
                config.output_format = Some(p.one_of(value, &choices)?);
            }
            "online" => match value.get_ref() {
                DeValue::Boolean(b) => config.online = Some(*b),
                other => return Err(p.error(value.span(), format!("expected true or false, found {}", kind(other)), None)),
            },
            "target" => {
                let choices = [("conda", Target::Conda), ("mamba", Target::Mamba), ("conda-lock", Target::CondaLock), ("pixi", Target::Pixi)];
                config.target = Some(p.one_of(value, &choices)?);
            }
            "exclude" => {
                for item in p.array(value, "globs")? {
                    let written = p.string(item, "a glob")?;
                    config.exclude.push(p.pattern(item.span(), written)?);
                }
            }
            "severity" => {
                for (k, v) in p.table(value, "rule = severity")? {
                    config.severity.push((p.rule(k)?, p.one_of(v, &severity_choices())?));
                }
            }
            "per-file-ignores" => {
                for (k, v) in p.table(value, "glob = [rules]")? {
                    let pattern = p.pattern(k.span(), k.get_ref())?;
                    config.per_file_ignores.push((pattern, p.selectors(v)?));
                }
            }
            _ => unreachable!("every key in KEYS is handled"),
        }
    }
    Ok(Some(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Option<Config>, ConfigError> {
        parse("condalint.toml", text, false, PathBuf::from("/repo"))
    }

    #[test]
    fn reads_every_key() {
        let config = parse_text(
            "select = [\"ENV\", \"PIP\"]\nextend-select = [\"PIP008\"]\nignore = [\"CDA005\", { rule = \"CHN002\", reason = \"mkl\" }]\nfail-on = \"error\"\noutput-format = \"sarif\"\nexclude = [\"third_party/**\"]\ntarget = \"pixi\"\n[severity]\nPIP002 = \"error\"\n[per-file-ignores]\n\"envs/legacy/*.yml\" = [\"CDA002\"]\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(config.select.as_ref().map(Vec::len), Some(2));
        assert_eq!(config.ignore[1].reason.as_deref(), Some("mkl"));
        assert_eq!(config.fail_on, Some(FailOn::Severity(Severity::Error)));
        assert_eq!(config.output_format, Some(OutputFormat::Sarif));
        assert_eq!(config.target, Some(Target::Pixi));
        assert_eq!(config.severity, [("PIP002", Severity::Error)]);
        assert!(config.excludes(Path::new("/repo/third_party/x/environment.yml")));
        assert!(!config.excludes(Path::new("/repo/envs/environment.yml")));
        assert_eq!(config.ignores_for(Path::new("/repo/envs/legacy/a.yml")).len(), 1);
        assert!(config.ignores_for(Path::new("/repo/envs/legacy/deeper/a.yml")).is_empty(), "`*` does not cross `/`");
    }

    #[test]
    fn errors_point_into_the_file() {
        let text = "extend_select = [\"PIP008\"]\n";
        let error = parse_text(text).unwrap_err();
        assert_eq!(error.message, "unknown key `extend_select`");
        assert!(error.help.as_deref().unwrap().starts_with("did you mean `extend-select`?"));
        assert_eq!(&text[error.span.clone().unwrap()], "extend_select");
        let error = parse_text("fail-on = 3\n").unwrap_err();
        assert_eq!(error.message, "expected one of \"error\", \"warning\", \"info\", \"never\", found an integer");
        let error = parse_text("ignore = [\"CDA0005\"]\n").unwrap_err();
        assert!(error.message.starts_with("unknown rule selector `CDA0005`"), "{}", error.message);
        let error = parse_text("exclude = [\"a/[b\"]\n").unwrap_err();
        assert!(error.message.starts_with("invalid glob"), "{}", error.message);
        let error = parse_text("select = [\n").unwrap_err();
        assert!(error.message.starts_with("TOML syntax error"), "{}", error.message);
        assert!(parse("pyproject.toml", "[project]\nname = \"x\"\n", true, PathBuf::new()).unwrap().is_none());
    }
}
