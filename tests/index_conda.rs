//! The conda side of the index checks (IDX000, IDX001, IDX002) end to end: the built binary
//! against the local mirror (`tests/index_server`), never the internet.

mod index_server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use index_server::IndexServer;

/// A run of the binary in a clean environment: its own HOME (no `~/.condarc` of the machine),
/// no conda or pip variables but those given, its own cache.
struct Run {
    home: tempfile::TempDir,
    cache: PathBuf,
}

impl Run {
    fn new() -> Self {
        let home = tempfile::tempdir().unwrap();
        let cache = home.path().join("cache");
        Self { home, cache }
    }

    fn env_file(&self, text: &str) -> PathBuf {
        let path = self.home.path().join("environment.yml");
        std::fs::write(&path, text).unwrap();
        path
    }

    fn run(&self, file: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_condalint"));
        command.arg("check").arg("--isolated").arg("--output-format=concise").arg("--cache-dir").arg(&self.cache).args(args).arg(file);
        for (k, _) in std::env::vars_os() {
            let k = k.to_string_lossy().into_owned();
            if k.starts_with("CONDA") || k.starts_with("PIP_") || k.starts_with("XDG_") || k == "HOME" || k == "USERPROFILE" || k == "CONDARC" {
                command.env_remove(&k);
            }
        }
        command.env("HOME", self.home.path()).env("CONDALINT_TODAY", "2026-12-01").env_remove("NO_COLOR");
        for (k, v) in vars {
            command.env(k, v);
        }
        command.current_dir(self.home.path()).stdin(Stdio::null()).output().expect("binary runs")
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The IDX findings, `line:col CODE message` without the file name.
fn idx(out: &Output) -> Vec<String> {
    stdout(out)
        .lines()
        .filter(|l| l.contains(" IDX"))
        .map(|l| l.split_once(':').map_or(l, |(_, rest)| rest).to_owned())
        .collect()
}

const ENV: &str = "name: t\nchannels:\n  - main\ndependencies:\n  - python=3.11\n  - numpy=1.26\n  - requests>=2.32\n  - tqdm\n";

#[test]
fn a_clean_file_against_each_form_of_repodata() {
    let server = IndexServer::start();
    let alias = format!("{}/conda", server.url);
    for channel in ["main", "sharded", "zstchan"] {
        let run = Run::new();
        let file = run.env_file(&ENV.replace("- main", &format!("- {channel}")));
        let out = run.run(&file, &["--online", "--channel-alias", &alias], &[]);
        assert_eq!(idx(&out), Vec::<String>::new(), "{channel}: {}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    }
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert!(paths.iter().any(|p| p.starts_with("/conda/sharded/linux-64/shards/")), "shards were read: {paths:?}");
    assert!(!paths.iter().any(|p| p == "/conda/sharded/linux-64/repodata.json"), "no full repodata for a sharded channel");
    // Only the shards of the names in the file: python and numpy on linux-64, not pytorch or libstdcxx.
    let shards = paths.iter().filter(|p| p.starts_with("/conda/sharded/linux-64/shards/")).count();
    assert_eq!(shards, 2, "{paths:?}");
    assert!(paths.iter().any(|p| p == "/conda/zstchan/linux-64/repodata.json.zst"));
}

#[test]
fn a_missing_name_and_a_missing_version() {
    let server = IndexServer::start();
    let alias = format!("{}/conda", server.url);
    let run = Run::new();
    let file = run.env_file("name: t\nchannels:\n  - main\ndependencies:\n  - numpyy\n  - numpy=1.27\n  - mlx\n");
    let out = run.run(&file, &["--online", "--channel-alias", &alias], &[]);
    assert_eq!(idx(&out), Vec::<String>::new(), "{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
}
