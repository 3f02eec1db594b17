//! The command line's conventions, as a new user meets them (CLI.md): each test runs the binary.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{code, condalint, repo, text, TODAY};

const EXAMPLE: &str = "examples/01-minimal/environment.yml";
/// Two findings, one with an unsafe fix; no `pip` before the pip section (a safe fix that inserts a line).
const FIXABLE: &str = "name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip:\n      - requests==2.31.0\n";

/// condalint with extra environment variables.
fn with_env(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_condalint"));
    command.args(args).current_dir(cwd).env_remove("NO_COLOR").env_remove("FORCE_COLOR").env("CONDALINT_TODAY", TODAY);
    for (key, value) in env {
        command.env(key, value);
    }
    command.stdin(Stdio::null()).output().unwrap()
}

#[test]
fn help_shows_the_options_of_check() {
    let out = condalint(&["--help"], repo(), None);
    assert_eq!(code(&out), 0);
    let help = text(&out.stdout);
    for option in ["--select", "--fix", "--output-format", "--stdin-filename", "--exit-zero", "--output-file", "--color", "--show-fixes", "--verbose"] {
        assert!(help.contains(option), "`--help` lacks {option}:\n{help}");
    }
    assert!(help.contains("Commands:") && help.contains("rules"), "{help}");
}

#[test]
fn stdin_filename_alone_reads_standard_input() {
    let input = b"name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - requests==2.31.0\n";
    let out = condalint(&["--stdin-filename", "envs/environment.yml", "--output-format", "concise"], repo(), Some(input));
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("envs/environment.yml:5:5: PIP002"), "{}", text(&out.stdout));
}

#[test]
fn a_mistyped_command_gets_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    for (word, command) in [("rulez", "rules"), ("chek", "check"), ("confg", "config"), ("servr", "server"), ("completion", "completions")] {
        let out = condalint(&[word], dir.path(), None);
        assert_eq!(code(&out), 2);
        assert_eq!(text(&out.stderr), format!("condalint: error: {word}: no such file or directory; did you mean the command `{command}`?\n"));
        assert_eq!(text(&out.stdout), "");
    }
    // A word that is a file is linted, whatever it looks like.
    std::fs::write(dir.path().join("rulez"), "name: x\n").unwrap();
    let out = condalint(&["--output-format", "concise", "rulez"], dir.path(), None);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stdout).starts_with("rulez:1:1: ENV005"), "{}", text(&out.stdout));
    assert_eq!(text(&out.stderr), "");
}

/// The `full` format in a pseudo-terminal (`script`), `COLUMNS` wide.
fn on_a_terminal(columns: &str) -> String {
    let command = format!("{} --color never {EXAMPLE}", env!("CARGO_BIN_EXE_condalint"));
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(repo())
        .env("COLUMNS", columns)
        .env("CONDALINT_TODAY", TODAY)
        .stdin(Stdio::null())
        .output()
        .expect("script runs (util-linux)");
    text(&out.stdout).replace("\r\n", "\n")
}

#[test]
fn output_wraps_to_the_terminal_and_never_inside_a_code_span() {
    let narrow = on_a_terminal("60");
    let message_lines: Vec<&str> = narrow.lines().filter(|l| l.starts_with("  ⚠") || l.starts_with("  ×") || l.starts_with("  │") || l.starts_with("  help") || l.starts_with("        ")).collect();
    assert!(!message_lines.is_empty(), "{narrow}");
    for line in &message_lines {
        assert!(line.chars().count() <= 60, "wider than the terminal: {line:?}\n{narrow}");
        assert_eq!(line.matches('`').count() % 2, 0, "a code span is broken across lines: {line:?}\n{narrow}");
    }
    assert!(narrow.contains("`pip!=20.3`"), "{narrow}");
    assert!(narrow.contains("conda releases older than\n"), "the message is wrapped:\n{narrow}");
    let wide = on_a_terminal("200");
    assert!(wide.contains("older than 4.5.4, which mishandle pip dependencies"), "{wide}");
    // Not a terminal: no wrapping at all.
    let piped = condalint(&[EXAMPLE], repo(), None);
    assert!(text(&piped.stdout).contains("(`pip!=20.3` still admits 20.3.1 to 20.3.4)"));
}

#[test]
fn rule_docs_have_no_test_scaffolding() {
    let out = condalint(&["rules", "--output-format", "json"], repo(), None);
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    for rule in &rules {
        let name = rule["name"].as_str().unwrap();
        let doc = text(&condalint(&["rule", name], repo(), None).stdout);
        assert!(doc.starts_with(&format!("# {name} (")), "{doc}");
        for scaffolding in ["# expect:", "```snapshot", "yaml bad", "yaml good", "yaml fixed", "target=", "encoding="] {
            assert!(!doc.contains(scaffolding), "`condalint rule {name}` shows `{scaffolding}`:\n{doc}");
        }
        assert_eq!(doc.matches("```").count() % 2, 0, "{name}: unbalanced code blocks");
    }
    let doc = text(&condalint(&["rule", "pip-not-pinned"], repo(), None).stdout);
    assert!(doc.contains("```yaml\nname: train\n") && doc.contains("  - pip\n  - pip:\n"), "{doc}");
}

#[test]
fn rules_table_columns_line_up() {
    let out = condalint(&["rules"], repo(), None);
    let table = text(&out.stdout);
    let header = table.lines().next().unwrap();
    let starts: Vec<usize> = ["name", "severity", "default", "fix"].iter().map(|h| header.find(h).unwrap()).collect();
    for line in table.lines() {
        let chars: Vec<char> = line.chars().collect();
        for &start in &starts {
            assert!(chars[start - 1] == ' ' && chars[start] != ' ', "column at {start} out of line: {line:?}");
        }
    }
    assert!(table.contains("PIP014 local-version-without-index "), "the longest name is in the table");
}

#[test]
fn lone_cr_line_endings_are_lines_and_fixes_keep_them() {
    let dir = tempfile::tempdir().unwrap();
    let cr = FIXABLE.replace('\n', "\r");
    std::fs::write(dir.path().join("environment.yml"), &cr).unwrap();
    let out = condalint(&["--output-format", "concise", "environment.yml"], dir.path(), None);
    assert_eq!(text(&out.stdout), "environment.yml:6:5: PIP001 [warning] pip section without a `pip` dependency; conda may run another pip and install into the wrong place\n");
    let full = text(&condalint(&["environment.yml"], dir.path(), None).stdout);
    assert!(full.contains(" 6 │   - pip:\n"), "{full}");
    let out = condalint(&["--fix", "--unsafe-fixes", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 0, "{}", text(&out.stdout));
    let fixed = std::fs::read_to_string(dir.path().join("environment.yml")).unwrap();
    assert!(!fixed.contains('\n'), "{fixed:?}");
    assert!(fixed.contains("\r  - python=3.11\r  - pip=") && fixed.contains("\r  - pip:\r"), "{fixed:?}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [&["-", "--stdin-filename", "environment.yml"][..], &["-", "--output-format", "json"], &["-", "--statistics"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_condalint"))
            .args(args)
            .env("CONDALINT_TODAY", TODAY)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before condalint writes (it is still reading standard input).
        drop(child.stdout.take());
        child.stdin.take().unwrap().write_all(b"name: x\n").unwrap();
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(stderr, "", "{args:?}");
        assert_eq!(status.code(), Some(1), "{args:?}: the findings' exit code");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_condalint")).arg("rules").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(0), String::new()));
}

#[test]
fn exit_zero_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("environment.yml"), "name: x\n").unwrap();
    let out = condalint(&["--exit-zero", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 0);
    assert!(text(&out.stdout).contains("ENV005"));
    let out = condalint(&["--exit-zero", "environment.yml", "missing.yml"], dir.path(), None);
    assert_eq!(code(&out), 2, "an unreadable path is still an error");
    let stdout = condalint(&["--output-format", "json", "environment.yml"], dir.path(), None);
    let out = condalint(&["--output-format", "json", "--output-file", "report.json", "environment.yml"], dir.path(), None);
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert_eq!(code(&out), 1);
    assert_eq!(std::fs::read(dir.path().join("report.json")).unwrap(), stdout.stdout);
    // Overwritten, not appended to; nothing left behind.
    let out = condalint(&["--output-format", "concise", "--output-file", "report.json", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 1);
    assert!(std::fs::read_to_string(dir.path().join("report.json")).unwrap().starts_with("environment.yml:1:1: ENV005"));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn color_auto_always_never() {
    let colored = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec![EXAMPLE];
        all.extend_from_slice(args);
        text(&with_env(&all, repo(), env).stdout).contains("\u{1b}[")
    };
    assert!(!colored(&[], &[]), "auto: stdout is not a terminal");
    assert!(colored(&[], &[("FORCE_COLOR", "1")]));
    assert!(colored(&["--color", "always"], &[]));
    assert!(!colored(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    assert!(!colored(&["--color", "auto"], &[("NO_COLOR", "1")]));
    // On a terminal, auto colours unless NO_COLOR is set.
    let tty = |no_color: Option<&str>| {
        let command = format!("{} {EXAMPLE}", env!("CARGO_BIN_EXE_condalint"));
        let mut script = Command::new("script");
        script.args(["-qec", &command, "/dev/null"]).current_dir(repo()).env_remove("NO_COLOR").env_remove("FORCE_COLOR").stdin(Stdio::null());
        if let Some(value) = no_color {
            script.env("NO_COLOR", value);
        }
        text(&script.output().unwrap().stdout).contains("\u{1b}[")
    };
    assert!(tty(None));
    assert!(!tty(Some("1")));
}

#[test]
fn show_fixes_lists_fixes_available_and_applied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("environment.yml"), FIXABLE).unwrap();
    let out = condalint(&["--output-format", "concise", "--show-fixes", "environment.yml"], dir.path(), None);
    assert_eq!(
        text(&out.stdout),
        "environment.yml:6:5: PIP001 [warning] pip section without a `pip` dependency; conda may run another pip and install into the wrong place\n\
         Fixes available:\n  environment.yml:6:5: PIP001 add `- pip` before the pip section\n"
    );
    let out = condalint(&["--show-fixes", "--fix", "--unsafe-fixes", "--output-format", "concise", "environment.yml"], dir.path(), None);
    assert_eq!(
        text(&out.stdout),
        "Fixed 2 problems:\n  environment.yml:6:5: PIP001 add `- pip` before the pip section\n  environment.yml:6:5: PIP002 pin pip to 26.2.1 (unsafe)\n"
    );
    // The listed fixes are masked like every report.
    let secrets = "name: x\nchannels:\n  - https://u:hunter2hunter2@conda.example.com/c\n  - https://u:hunter2hunter2@conda.example.com/c\n  - conda-forge\n\
                   dependencies:\n  - python=3.11\n  - pip:\n    - git+https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o/r.git\n";
    std::fs::write(dir.path().join("secrets.yml"), secrets).unwrap();
    for args in [&["--select", "ALL", "--show-fixes", "--output-format", "concise", "secrets.yml"][..], &["--select", "ALL", "--show-fixes", "--fix", "--unsafe-fixes", "secrets.yml"]] {
        let out = condalint(args, dir.path(), None);
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(all.contains("CHN003 remove the duplicate channel"), "{all}");
        for secret in ["hunter2hunter2", "ghp_abcdefghijklmnopqrstuvwxyz0123"] {
            assert!(!all.contains(secret), "{args:?} shows `{secret}`:\n{all}");
        }
    }
}

#[test]
fn quiet_and_verbose() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("envs")).unwrap();
    std::fs::write(dir.path().join("envs/environment.yml"), FIXABLE).unwrap();
    std::fs::write(dir.path().join("envs/condalint.toml"), "fail-on = \"error\"\n").unwrap();
    std::fs::write(dir.path().join("environment.yml"), FIXABLE).unwrap();
    let out = condalint(&["--quiet", "."], dir.path(), None);
    assert!(!text(&out.stdout).contains("Found"), "{}", text(&out.stdout));
    assert_eq!(text(&out.stderr), "");
    let out = condalint(&["--verbose", "--output-format", "concise", "."], dir.path(), None);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("condalint: envs/environment.yml: configuration envs/condalint.toml\n"), "{stderr}");
    assert!(stderr.contains("condalint: environment.yml: no configuration file (defaults)\n"), "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert!(last.starts_with("condalint: checked 2 files in ") && last.ends_with(" ms"), "{stderr}");
    assert!(!text(&out.stdout).contains("checked"), "verbose notes go to stderr");
}

#[test]
fn a_file_has_one_name_however_it_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("env.yml"), "name: x\nchannels: [http://conda.example.com/c]\ndependencies:\n  - numpy=1.21.2=py39h20f2e39_0\n  - pip:\n    - requests\n").unwrap();
    let absolute = root.join("env.yml").display().to_string();
    for format in ["json", "sarif", "gitlab", "concise"] {
        let outputs: Vec<String> = ["env.yml", "./env.yml", absolute.as_str(), "sub/../env.yml"]
            .iter()
            .map(|name| text(&condalint(&["--output-format", format, name], &root, None).stdout))
            .collect();
        assert!(outputs[0].contains("env.yml") && !outputs[0].contains("./env.yml"), "{}", outputs[0]);
        for (output, name) in outputs.iter().skip(1).zip(["./env.yml", "$PWD/env.yml", "sub/../env.yml"]) {
            assert_eq!(output, &outputs[0], "{format}: {name} is reported differently");
        }
    }
    // A file outside the current directory is named by its absolute path.
    let out = condalint(&["--output-format", "json", "../env.yml"], &root.join("sub"), None);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings[0]["filename"], absolute.as_str());
}

#[test]
fn config_prints_valid_toml() {
    for dir in [repo().join("examples/05-config"), repo().to_path_buf()] {
        let out = condalint(&["config"], &dir, None);
        assert_eq!(code(&out), 0);
        let parsed: toml::Table = toml::from_str(&text(&out.stdout)).unwrap_or_else(|e| panic!("{}: {e}\n{}", dir.display(), text(&out.stdout)));
        assert_eq!(parsed["fail-on"].as_str(), Some("warning"));
    }
    let out = condalint(&["config"], &repo().join("examples/05-config"), None);
    let parsed: toml::Table = toml::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(parsed["extend-select"].as_array().unwrap()[0].as_str(), Some("PIP008"));
}

#[test]
fn the_licence_file_matches_the_manifest() {
    let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(repo().join("Cargo.toml")).unwrap()).unwrap();
    let package = manifest["package"].as_table().unwrap();
    assert_eq!(package["license"].as_str(), Some("MIT"));
    assert!(package["include"].as_array().unwrap().iter().any(|i| matches!(i.as_str(), Some("LICENSE" | "/LICENSE"))));
    let licence = std::fs::read_to_string(repo().join("LICENSE")).unwrap();
    assert!(licence.starts_with("MIT License\n\nCopyright (c) the condalint developers\n"), "{licence}");
}
