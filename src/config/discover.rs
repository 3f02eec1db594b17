//! Finding the configuration of a linted file: `condalint.toml`, `.condalint.toml`, or
//! `[tool.condalint]` in `pyproject.toml`, looked up from the file's directory upwards; the
//! closest wins and files are never merged (CLI.md "Configuration"). Read through a
//! [`FileSystem`], and cached by directory for a run.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{parse, Config, ConfigError};
use crate::files::FileSystem;

/// The config file names of one directory, in order of precedence.
pub const FILE_NAMES: &[&str] = &["condalint.toml", ".condalint.toml", "pyproject.toml"];

/// Reads a configuration file; `Ok(None)` for a `pyproject.toml` without `[tool.condalint]`.
pub fn load(path: &Path, fs: &dyn FileSystem) -> Result<Option<Config>, ConfigError> {
    let shown = path.display().to_string();
    let text = fs.read(path).and_then(|bytes| String::from_utf8(bytes).map_err(|_| "stream did not contain valid UTF-8".to_owned()));
    let text = text.map_err(|e| ConfigError {
        path: shown.clone(),
        text: String::new(),
        span: None,
        message: format!("cannot read {shown}: {e}"),
        help: None,
    })?;
    let dir = std::path::absolute(path).ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default();
    parse(&shown, &text, path.file_name().is_some_and(|n| n == "pyproject.toml"), dir).map(|c| c.map(|c| Config { file: path.to_path_buf(), ..c }))
}

/// The closest configuration above `dir` (inclusive).
pub fn find(dir: &Path, fs: &dyn FileSystem) -> Result<Option<Config>, ConfigError> {
    let start = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    for ancestor in start.ancestors() {
        for name in FILE_NAMES {
            let candidate = ancestor.join(name);
            if fs.is_file(&candidate) {
                // Shown relative to the current directory when it is below it.
                let cwd = std::env::current_dir().unwrap_or_default();
                let candidate = candidate.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(candidate);
                if let Some(config) = load(&candidate, fs)? {
                    return Ok(Some(config));
                }
            }
        }
    }
    Ok(None)
}

/// Which configuration files apply.
pub enum Lookup {
    /// None (`--isolated`).
    Isolated,
    /// This one for every file (`--config FILE`).
    File(PathBuf),
    /// The closest to each file.
    Discover,
}

/// Configuration files by the directory they were looked up from (`None`: no file applies).
pub struct Discovery<'fs> {
    fs: &'fs dyn FileSystem,
    mode: Mode,
    cache: std::collections::HashMap<PathBuf, Option<Arc<Config>>>,
}

enum Mode {
    Isolated,
    Explicit(Option<Arc<Config>>),
    Discover,
}

impl<'fs> Discovery<'fs> {
    /// Reads the `--config` file at once: an error in it is an error of the run.
    pub fn new(lookup: Lookup, fs: &'fs dyn FileSystem) -> Result<Self, ConfigError> {
        let mode = match lookup {
            Lookup::Isolated => Mode::Isolated,
            Lookup::File(file) => {
                let config = load(&file, fs)?.ok_or_else(|| ConfigError {
                    path: file.display().to_string(),
                    text: String::new(),
                    span: None,
                    message: format!("{} has no [tool.condalint] table", file.display()),
                    help: None,
                })?;
                Mode::Explicit(Some(Arc::new(config)))
            }
            Lookup::Discover => Mode::Discover,
        };
        Ok(Self { fs, mode, cache: Default::default() })
    }

    /// The configuration that governs files in `dir`.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        match &self.mode {
            Mode::Isolated => Ok(None),
            Mode::Explicit(config) => Ok(config.clone()),
            Mode::Discover => {
                // Keyed by the directory as given too: making a relative one absolute asks the
                // system for the current directory every time.
                if let Some(found) = self.cache.get(dir) {
                    return Ok(found.clone());
                }
                let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                let found = match self.cache.get(&absolute) {
                    Some(found) => found.clone(),
                    None => find(&absolute, self.fs)?.map(Arc::new),
                };
                self.cache.insert(absolute, found.clone());
                self.cache.insert(dir.to_path_buf(), found.clone());
                Ok(found)
            }
        }
    }

    /// The configuration that governs the file at `path`.
    pub fn for_file(&mut self, path: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        self.for_dir(dir)
    }
}
