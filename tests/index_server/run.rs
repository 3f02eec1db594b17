//! Runs of the built binary for the index tests, in a clean environment: its own HOME (no
//! `~/.condarc` or pip configuration of the machine), no conda, pip or XDG variables but those
//! given, its own cache. Included by `tests/index_conda.rs` and `tests/index_pypi.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Run {
    pub home: tempfile::TempDir,
    pub cache: PathBuf,
    /// Arguments every run gets (a `--select`).
    base: Vec<&'static str>,
    /// `PIP_CONFIG_FILE=/dev/null` unless a test gives one: no pip configuration file is read.
    no_pip_config: bool,
}

impl Run {
    /// Every rule the configuration selects.
    pub fn new() -> Self {
        let home = tempfile::tempdir().unwrap();
        let cache = home.path().join("cache");
        Self { home, cache, base: Vec::new(), no_pip_config: false }
    }

    /// Only the rules `select` names, and no pip configuration file unless a test gives one.
    pub fn pip(select: &'static str) -> Self {
        Self { base: vec![select], no_pip_config: true, ..Self::new() }
    }

    pub fn env_file(&self, text: &str) -> PathBuf {
        let path = self.home.path().join("environment.yml");
        std::fs::write(&path, text).unwrap();
        path
    }

    pub fn run(&self, file: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_condalint"));
        command.arg("check").arg("--isolated").args(&self.base).arg("--cache-dir").arg(&self.cache).args(args);
        if !args.iter().any(|a| a.starts_with("--output-format")) {
            command.arg("--output-format=concise");
        }
        command.arg(file);
        for (k, _) in std::env::vars_os() {
            let k = k.to_string_lossy().into_owned();
            if k.starts_with("CONDA") || k.starts_with("PIP_") || k.starts_with("XDG_") || k == "HOME" || k == "USERPROFILE" || k == "CONDARC" {
                command.env_remove(&k);
            }
        }
        command.env("HOME", self.home.path()).env("CONDALINT_TODAY", "2026-12-01").env_remove("NO_COLOR");
        if self.no_pip_config && !vars.iter().any(|(k, _)| *k == "PIP_CONFIG_FILE") {
            command.env("PIP_CONFIG_FILE", "/dev/null");
        }
        for (k, v) in vars {
            command.env(k, v);
        }
        command.current_dir(self.home.path()).stdin(Stdio::null()).output().expect("binary runs")
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The IDX findings, `line:col: CODE [severity] message` without the file name.
pub fn idx(out: &Output) -> Vec<String> {
    stdout(out)
        .lines()
        .filter(|l| l.contains(" IDX"))
        .map(|l| l.split_once(':').map_or(l, |(_, rest)| rest).to_owned())
        .collect()
}
