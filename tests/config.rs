//! Configuration files end to end: discovery, precedence, keys, and errors with snippets.

mod common;

use std::path::Path;
use std::process::Output;

fn condalint(args: &[&str], cwd: &Path) -> Output {
    common::condalint(args, cwd, None)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// CHN002 (warning) and PIP002 (warning: pip is not pinned) and, when selected, PIP008 (info).
const ENV: &str = "name: x\nchannels:\n  - conda-forge\n  - defaults\ndependencies:\n  - python=3.12\n  - pip\n  - pip:\n    - rich\n";

fn codes(out: &Output) -> Vec<String> {
    stdout(out).lines().map(|l| l.split(": ").nth(1).unwrap_or("").split(' ').next().unwrap_or("").to_owned()).collect()
}

#[test]
fn shipped_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/05-config");
    let out = condalint(&["--output-format", "concise"], &dir);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("example_05_config", stdout(&out));
    let out = condalint(&["config"], &dir);
    insta::assert_snapshot!("example_05_config_resolved", stdout(&out));
}

#[test]
fn closest_file_wins_and_files_are_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "condalint.toml", "ignore = [\"CHN002\"]\n");
    write(d, "environment.yml", ENV);
    write(d, "sub/.condalint.toml", "extend-select = [\"PIP008\"]\n");
    write(d, "sub/environment.yml", ENV);
    let out = condalint(&["--output-format", "concise", "environment.yml"], d);
    assert_eq!(codes(&out), ["PIP002"]);
    let out = condalint(&["--output-format", "concise", "sub/environment.yml"], d);
    assert_eq!(codes(&out), ["CHN002", "PIP002", "PIP008"], "the closer file wins: CHN002 is back");
}

#[test]
fn pyproject_without_a_table_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "condalint.toml", "ignore = [\"CHN002\"]\n");
    write(d, "sub/pyproject.toml", "[project]\nname = \"x\"\n");
    write(d, "sub/environment.yml", ENV);
    let out = condalint(&["--output-format", "concise", "sub/environment.yml"], d);
    assert_eq!(codes(&out), ["PIP002"], "the search goes on above the pyproject.toml");
    write(d, "sub/pyproject.toml", "[project]\nname = \"x\"\n[tool.condalint]\nignore = [\"PIP002\"]\n");
    let out = condalint(&["--output-format", "concise", "sub/environment.yml"], d);
    assert_eq!(codes(&out), ["CHN002"]);
}

#[test]
fn explicit_isolated_and_flags_override() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "condalint.toml", "ignore = [\"CHN002\"]\noutput-format = \"concise\"\nfail-on = \"error\"\n");
    write(d, "other.toml", "ignore = [\"PIP002\"]\noutput-format = \"concise\"\n");
    write(d, "environment.yml", ENV);
    let out = condalint(&[], d);
    assert_eq!((codes(&out), out.status.code()), (vec!["PIP002".to_owned()], Some(0)), "output-format and fail-on from the file");
    let out = condalint(&["--fail-on", "warning"], d);
    assert_eq!(out.status.code(), Some(1), "the flag overrides the file");
    let out = condalint(&["--config", "other.toml"], d);
    assert_eq!(codes(&out), ["CHN002"]);
    let out = condalint(&["--isolated", "--output-format", "concise"], d);
    assert_eq!(codes(&out), ["CHN002", "PIP002"]);
    let out = condalint(&["--select", "CHN"], d);
    assert_eq!(codes(&out), Vec::<String>::new(), "--select replaces the file's select; the file's ignore still applies");
}

#[test]
fn severity_overrides_change_output_and_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "condalint.toml", "[severity]\nmixed-defaults-conda-forge = \"info\"\nPIP002 = \"info\"\n");
    write(d, "environment.yml", ENV);
    let out = condalint(&["--output-format", "json"], d);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let severities: Vec<&str> = findings.as_array().unwrap().iter().map(|f| f["severity"].as_str().unwrap()).collect();
    assert_eq!(severities, ["info", "info"]);
    assert_eq!(out.status.code(), Some(0), "info findings alone exit 0");
}

#[test]
fn per_file_ignores_and_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "condalint.toml", "exclude = [\"vendor/**\"]\n[per-file-ignores]\n\"legacy/*.yml\" = [\"PIP\"]\n\"environment.yml\" = [\"CHN002\"]\n");
    write(d, "legacy/environment.yml", ENV);
    write(d, "vendor/a/environment.yml", ENV);
    write(d, "deep/er/environment.yml", ENV);
    let out = condalint(&["--output-format", "concise"], d);
    let lines: Vec<String> = stdout(&out).lines().map(|l| l.split(' ').next().unwrap().to_owned()).collect();
    // legacy/: PIP and CHN002 ignored; deep/er/: only CHN002 (a glob without `/` matches the
    // file name at any depth); vendor/: excluded.
    assert_eq!(lines, ["deep/er/environment.yml:7:5:"], "{}", stdout(&out));
    let out = condalint(&["--output-format", "concise", "vendor/a/environment.yml"], d);
    assert_eq!(codes(&out), ["PIP002"], "a path given explicitly is linted");
    let out = condalint(&["--output-format", "concise", "--force-exclude", "vendor/a/environment.yml"], d);
    assert_eq!((stdout(&out), out.status.code()), (String::new(), Some(0)), "unless --force-exclude");
}

#[test]
fn bad_configs_exit_2_with_a_snippet() {
    let cases = [
        ("unknown_key", "fail_on = \"error\"\n"),
        ("wrong_type", "fail-on = 3\n"),
        ("unknown_rule", "ignore = [\"CDA0005\"]\n"),
        ("syntax_error", "select = [\"ENV\"\n"),
        ("invalid_glob", "exclude = [\"envs/[a\"]\n"),
        ("ignore_table_key", "ignore = [{ rule = \"CDA005\", why = \"x\" }]\n"),
    ];
    for (name, text) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "condalint.toml", text);
        write(dir.path(), "environment.yml", ENV);
        let out = condalint(&[], dir.path());
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(stdout(&out), "", "{name}: nothing linted");
        insta::assert_snapshot!(format!("bad_config_{name}"), stderr(&out));
    }
}

#[test]
fn config_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = condalint(&["config"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("# no configuration file: defaults\n"));
    let out = condalint(&["config", "fail-on"], dir.path());
    assert!(stdout(&out).starts_with("fail-on: the lowest severity"));
    let out = condalint(&["config", "fail_on"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `fail-on`?"));
}
