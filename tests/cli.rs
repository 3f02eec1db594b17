//! The command line end to end: exit codes, formats, stdin, discovery, bad input.

mod common;

use std::process::Command;

use common::{code, condalint, repo, text};

const CLEAN: &str = "name: ok\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip=23.3\n  - pip:\n      - requests==2.31.0\n";

#[test]
fn example_in_every_format() {
    let example = "examples/01-minimal/environment.yml";
    let full = condalint(&["check", example], repo(), None);
    assert_eq!(code(&full), 1);
    assert!(!text(&full.stdout).contains('\u{1b}'), "no colour or links when stdout is not a terminal");
    insta::assert_snapshot!("example_full", text(&full.stdout));
    let concise = condalint(&["--output-format", "concise", example], repo(), None);
    assert_eq!(code(&concise), 1);
    insta::assert_snapshot!("example_concise", text(&concise.stdout));
    let json = condalint(&["check", "--output-format=json", example], repo(), None);
    assert_eq!(code(&json), 1);
    let _: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    insta::assert_snapshot!("example_json", text(&json.stdout));
}

#[test]
fn clean_file_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("environment.yml"), CLEAN).unwrap();
    let out = condalint(&[], dir.path(), None);
    assert_eq!(code(&out), 0, "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "No problems found in 1 file\n");
}

#[test]
fn stdin_with_filename() {
    let input = b"name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.5\n  - pip\n  - pip:\n      - requests\n";
    let out = condalint(&["-", "--stdin-filename", "envs/environment.yml", "--output-format", "concise"], repo(), Some(input));
    assert_eq!(code(&out), 1);
    assert_eq!(
        text(&out.stdout),
        "envs/environment.yml:4:12: CDA010 [info] `python=3.5` allows only python 3.5, past its end of life since 2020-09-30\n\
         envs/environment.yml:5:5: PIP002 [warning] pip is not pinned, and with `python=3.5` the newest pip conda can install is 20.3.4, whose resolver can loop\n"
    );
    let out = condalint(&["-", "--output-format", "concise"], repo(), Some(CLEAN.as_bytes()));
    assert_eq!((code(&out), text(&out.stdout)), (0, String::new()));
}

#[test]
fn discovery_respects_gitignore_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, body) in [
        ("environment.yml", "name: a\n"),
        ("sub/env.yml", "name: b\n"),
        ("sub/conda-spec.yaml", "name: c\n"),
        ("ignored/environment.yml", "name: d\n"),
        (".binder/environment.yml", "name: e\n"),
        ("config.yml", "name: f\n"),
        (".gitignore", "ignored/\n"),
    ] {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), body).unwrap();
    }
    let out = condalint(&["--output-format", "concise", "--select", "ENV005"], root, None);
    assert_eq!(code(&out), 1);
    let mut files: Vec<String> = text(&out.stdout).lines().map(|l| l.split(':').next().unwrap().to_owned()).collect();
    files.sort();
    assert_eq!(files, [".binder/environment.yml", "environment.yml", "sub/conda-spec.yaml", "sub/env.yml"]);
    // A file named explicitly is linted whatever its name.
    let out = condalint(&["--output-format", "concise", "--select", "ENV005", "config.yml"], root, None);
    assert_eq!(text(&out.stdout), "config.yml:1:1: ENV005 [error] no `dependencies` key; conda would create an environment without packages\n");
}

#[test]
fn empty_directory_says_so_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "x").unwrap();
    let out = condalint(&["."], dir.path(), None);
    assert_eq!(code(&out), 0);
    assert_eq!(text(&out.stderr), "condalint: no environment files found in .\n");
}

#[test]
fn missing_path_is_exit_2_but_other_files_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("environment.yml"), "name: x\n").unwrap();
    let out = condalint(&["--output-format", "concise", "nope.yml", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 2);
    assert_eq!(text(&out.stderr), "condalint: error: nope.yml: no such file or directory\n");
    assert!(text(&out.stdout).contains("environment.yml:1:1: ENV005"));
}

#[test]
fn fifo_is_exit_2_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let made = Command::new("mkfifo").arg(dir.path().join("env.yml")).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let out = condalint(&["env.yml"], dir.path(), None);
    assert_eq!(code(&out), 2);
    assert_eq!(text(&out.stderr), "condalint: error: env.yml: not a regular file\n");
}

#[test]
fn unreadable_file_is_exit_2_and_other_files_go_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("environment.yml");
    std::fs::write(&path, CLEAN).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::write(dir.path().join("env.yml"), "name: x\n").unwrap();
    std::fs::set_permissions(dir.path().join("env.yml"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let args = ["--output-format", "concise", "environment.yml", "env.yml"];
    // root reads mode-000 files, so drop to an unprivileged user when running as root.
    let out = if std::fs::read(&path).is_ok() {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_condalint")])
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("setpriv runs (util-linux)")
    } else {
        condalint(&args, dir.path(), None)
    };
    assert_eq!(text(&out.stderr), "condalint: error: environment.yml: permission denied\n");
    assert_eq!(code(&out), 2);
    assert!(text(&out.stdout).starts_with("env.yml:1:1: ENV005"), "{}", text(&out.stdout));
}

#[test]
fn too_large_file_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("environment.yml")).unwrap();
    file.set_len(33 * 1024 * 1024).unwrap();
    let out = condalint(&["environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("larger than the 32 MiB limit"), "{}", text(&out.stderr));
}

/// Each bad input gives a clear finding (exit 1), never a panic or a hang.
#[test]
fn bad_inputs_give_findings() {
    let deep = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let random: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(CLEAN.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", b"".to_vec(), "ENV002 [error] file is empty"),
        ("only comments", b"# nothing here\n".to_vec(), "ENV002 [error] file contains only comments"),
        ("list at top", b"- numpy\n- scipy\n".to_vec(), "ENV002 [error] the top level is a list, not a mapping"),
        ("scalar at top", b"numpy\n".to_vec(), "ENV002 [error] the top level is a string, not a mapping"),
        ("tabs", b"name: x\ndependencies:\n\t- numpy\n".to_vec(), "ENV001 [error] invalid YAML"),
        ("unclosed quote", b"name: \"x\ndependencies: []\n".to_vec(), "ENV001 [error] invalid YAML"),
        ("deep nesting", deep.into_bytes(), "ENV001 [error] invalid YAML: YAML is nested too deeply"),
        ("random bytes", random, "ENV001 [error] file"),
        ("NUL byte", b"name: x\0\n".to_vec(), "ENV001 [error] file contains a NUL byte"),
        ("utf-16", utf16, "ENV016 [warning] file is encoded as UTF-16 LE"),
        ("python tuple tag", b"name: x\ndependencies: !!python/tuple [a]\n".to_vec(), "ENV001 [error] tag `!!python/tuple` is rejected by PyYAML"),
        ("two documents", b"name: x\n---\nname: y\n".to_vec(), "ENV001 [error] invalid YAML: file contains more than one YAML document"),
        ("pip scalar", b"name: x\ndependencies:\n  - pip=23.3\n  - pip: requests\n".to_vec(), "ENV006 [error] expected the `pip` section to be a list of requirements, found a string"),
    ];
    for (name, bytes, expected) in cases {
        let out = condalint(&["-", "--stdin-filename", "environment.yml", "--output-format", "concise"], repo(), Some(&bytes));
        let stdout = text(&out.stdout);
        assert_eq!(code(&out), 1, "{name}: {stdout}{}", text(&out.stderr));
        assert!(stdout.contains(expected), "{name}: expected `{expected}` in:\n{stdout}");
        assert!(text(&out.stderr).is_empty(), "{name}: {}", text(&out.stderr));
    }
}

#[test]
fn selection_and_fail_on() {
    let example = "examples/01-minimal/environment.yml";
    let concise = |args: &[&str]| {
        let mut all = vec!["--output-format", "concise", example];
        all.extend_from_slice(args);
        let out = condalint(&all, repo(), None);
        let codes: Vec<String> = text(&out.stdout).lines().map(|l| l.split(' ').nth(1).unwrap().to_owned()).collect();
        (code(&out), codes)
    };
    assert_eq!(concise(&["--select", "PIP"]), (1, vec!["PIP003".into(), "PIP004".into()]));
    assert_eq!(concise(&["--select", "PIP", "--ignore", "invalid-requirement"]), (1, vec!["PIP003".into()]));
    assert_eq!(concise(&["--select", "conda-too-old", "--fail-on", "error"]), (0, vec!["CDA002".into()]));
    assert_eq!(concise(&["--fail-on", "never"]).0, 0);
    let out = condalint(&["--select", "PIPX", example], repo(), None);
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("unknown rule selector `PIPX`"));
    let out = condalint(&["--output-format", "yaml", example], repo(), None);
    assert_eq!(code(&out), 2);
}

#[test]
fn azure_ml_definitions_are_linted_with_their_conda_files() {
    let dir = tempfile::tempdir().unwrap();
    let body = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: x\nimage: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:20240709.v1\nconda_file: conda.yml\n";
    std::fs::write(dir.path().join("env.yml"), body).unwrap();
    std::fs::write(dir.path().join("conda.yml"), "name: x\ndependencies:\n  - python=3.11\n  - pip:\n      - numpy==1.26.4\n").unwrap();
    let out = condalint(&["--output-format", "concise", "env.yml"], dir.path(), None);
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.lines().any(|l| l.starts_with("conda.yml:4:5: PIP001")), "the conda file's findings are in it: {stdout}");
    assert!(!stdout.contains("env.yml:"), "nothing wrong in the definition itself: {stdout}");
    assert_eq!(text(&out.stderr), "");
    // Named together, the conda file is reported once.
    let both = condalint(&["--output-format", "concise", "env.yml", "conda.yml"], dir.path(), None);
    assert_eq!(text(&both.stdout), stdout);
}

#[test]
fn rule_docs_on_the_command_line() {
    let out = condalint(&["rules"], repo(), None);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("rules", text(&out.stdout));
    let out = condalint(&["rule", "pip-resolver-loop"], repo(), None);
    assert_eq!(code(&out), 0);
    assert!(text(&out.stdout).starts_with("# pip-resolver-loop (PIP003)\n"));
    let out = condalint(&["rule", "PIP003", "--output-format", "json"], repo(), None);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["name"], "pip-resolver-loop");
    let out = condalint(&["rule", "PIP999"], repo(), None);
    assert_eq!(code(&out), 2);
}

#[test]
fn includes_are_linted_with_spans_in_the_included_file() {
    let out = condalint(&["--output-format", "concise", "tests/fixtures/includes/environment.yml"], repo(), None);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!("includes_concise", text(&out.stdout));
    let out = condalint(&["--output-format", "json", "tests/fixtures/includes/environment.yml"], repo(), None);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let pip007 = findings.iter().find(|f| f["code"] == "PIP007").expect("duplicate across files");
    assert_eq!(pip007["filename"], "tests/fixtures/includes/reqs/nested.txt");
    assert_eq!(pip007["related"][0]["filename"], "tests/fixtures/includes/environment.yml");
    assert_eq!(pip007["related"][0]["location"]["row"], 12);
    let cycles = findings.iter().filter(|f| f["message"].as_str().unwrap().contains("cycle")).count();
    assert_eq!(cycles, 1, "a cycle is reported once");
}

#[test]
fn secrets_never_reach_any_output() {
    let secrets = ["s3cr3t-not-real", "hunter2hunter2", "ghp_abcdefghijklmnopqrstuvwxyz0123"];
    for select in ["ALL", "SEC003", "PIP009,SEC001,CHN005"] {
        for format in ["full", "concise", "json", "sarif", "github", "azure", "gitlab", "junit"] {
            let out = condalint(&["--select", select, "--output-format", format, "tests/fixtures/secrets/environment.yml"], repo(), None);
            let all = text(&out.stdout) + &text(&out.stderr);
            assert!(!all.is_empty());
            for secret in secrets {
                assert!(!all.contains(secret), "{format} with --select {select} shows `{secret}`:\n{all}");
            }
        }
    }
    let out = condalint(&["--select", "SEC003", "--output-format", "concise", "tests/fixtures/secrets/environment.yml"], repo(), None);
    assert_eq!(text(&out.stdout).matches("SEC003").count(), 3, "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("password in URL `https://builder:****@conda.example.com/private`"));
}

#[test]
fn target_turns_on_tool_incompatible() {
    let dir = tempfile::tempdir().unwrap();
    let body = "name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip=23.3\n  - pip:\n      - --index-url https://pkgs.example.com/simple\n      - requests==2.31.0\n";
    std::fs::write(dir.path().join("environment.yml"), body).unwrap();
    let out = condalint(&["--output-format", "concise", "environment.yml"], dir.path(), None);
    assert_eq!((code(&out), text(&out.stdout)), (0, String::new()));
    let out = condalint(&["--output-format", "concise", "--target", "conda-lock", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stdout).starts_with("environment.yml:7:9: PIP012 [warning] conda-lock cannot handle `--index-url"), "{}", text(&out.stdout));
    let out = condalint(&["--output-format", "concise", "--target", "conda", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 0);
}

/// A requirements file included by two environment files is reported once, after the first.
#[test]
fn shared_requirements_file_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let env = "name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip=23.3\n  - pip:\n      - -r common.txt\n";
    std::fs::write(d.join("a-environment.yml"), env).unwrap();
    std::fs::write(d.join("b-environment.yml"), env).unwrap();
    std::fs::write(d.join("common.txt"), "numpy=1.26\n").unwrap();
    let out = condalint(&["--output-format", "concise", "a-environment.yml", "b-environment.yml"], d, None);
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with("common.txt:")).collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(lines[0].contains("PIP004"), "{}", lines[0]);
}

#[test]
fn the_date_of_the_run_can_be_pinned() {
    let input = b"name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.12\n";
    let run = |today: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_condalint"))
            .args(["-", "--output-format", "concise"])
            .env("CONDALINT_TODAY", today)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The binary may exit before reading (a bad date): a closed pipe is not a failure.
        let _ = std::io::Write::write_all(&mut child.stdin.take().unwrap(), input);
        child.wait_with_output().unwrap()
    };
    let out = run("2026-12-01");
    assert_eq!((code(&out), text(&out.stdout)), (0, String::new()), "3.12 is supported until October 2028");
    let out = run("2028-11-01");
    assert_eq!(text(&out.stdout), "-:4:12: CDA010 [info] `python=3.12` allows only python 3.12, past its end of life since 2028-10-31\n");
    assert_eq!(code(&out), 0, "an info does not fail the run");
    let out = run("next tuesday");
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("CONDALINT_TODAY must be a date written YYYY-MM-DD"), "{}", text(&out.stderr));
}
