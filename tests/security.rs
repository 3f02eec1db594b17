//! What a linted file holds must not escape through the output: credentials are masked in every
//! output path (every format, `--diff`, `--fix` on standard input, `--statistics`), and control
//! characters never reach the terminal raw from any human format.

mod common;

use common::{code, condalint, repo, text};

const LEAK: &str = "tests/fixtures/secrets/leak/environment.yml";
/// A channel password, an index password (in the environment file and in its requirements
/// file), and a token in VCS URLs: each written in the fixture.
const SECRETS: [&str; 4] = ["s3cr3t-not-real", "hunter2hunter2", "ghp_abcdefghijklmnopqrstuvwxyz0123", "pypi-AgEIcHlwaS5vcmcCJGRlbW8"];
const FORMATS: [&str; 8] = ["full", "concise", "json", "sarif", "github", "azure", "gitlab", "junit"];

fn assert_masked(what: &str, output: &str) {
    for secret in SECRETS {
        assert!(!output.contains(secret), "{what} shows `{secret}`:\n{output}");
        // A secret is not shown in pieces either (a snippet cut inside it, a wrapped line).
        assert!(!output.contains(&secret[..8]), "{what} shows the start of `{secret}`:\n{output}");
    }
}

#[test]
fn the_fixture_holds_the_secrets() {
    let env = std::fs::read_to_string(repo().join(LEAK)).unwrap();
    let reqs = std::fs::read_to_string(repo().join("tests/fixtures/secrets/leak/reqs.txt")).unwrap();
    for secret in SECRETS {
        assert!(env.contains(secret) || reqs.contains(secret), "{secret}");
    }
}

#[test]
fn no_output_format_shows_a_secret() {
    for format in FORMATS {
        for extra in [&[][..], &["--statistics"], &["--unsafe-fixes", "--diff"]] {
            let mut args = vec!["--select", "ALL", "--output-format", format];
            args.extend(extra);
            args.push(LEAK);
            let out = condalint(&args, repo(), None);
            let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
            assert_eq!(code(&out), 1, "{args:?}: {stderr}");
            assert!(!stdout.is_empty(), "{args:?}");
            assert_masked(&format!("{args:?} (stdout)"), &stdout);
            assert_masked(&format!("{args:?} (stderr)"), &stderr);
        }
    }
}

#[test]
fn snippets_show_the_secrets_masked() {
    let out = condalint(&["--select", "SEC003,PIP004,CHN003", LEAK], repo(), None);
    let stdout = text(&out.stdout);
    assert_masked("full", &stdout);
    // The lines drawn keep their length: a masked password is as long as the password.
    assert!(stdout.contains("  - https://builder:***************@conda.example.com/private"), "{stdout}");
    assert!(stdout.contains(" │ --extra-index-url https://__token__:****************************@upload.example.com/simple"), "{stdout}");
    assert!(stdout.contains("# the index password is **************"), "{stdout}");
}

#[test]
fn diff_masks_context_and_changed_lines() {
    let out = condalint(&["--select", "ALL", "--unsafe-fixes", "--diff", LEAK], repo(), None);
    let diff = text(&out.stdout);
    assert_eq!(code(&out), 1);
    assert_masked("--diff", &diff);
    // A removed line holding a password, a changed line holding one outside a URL, and context.
    assert!(diff.contains("\n-  - https://builder:****@conda.example.com/private\n"), "{diff}");
    assert!(diff.contains("\n-      - requests = 2.31.0  # the index password is ****\n+      - requests==2.31.0  # the index password is ****\n"), "{diff}");
    assert!(diff.contains("\n       - --index-url https://ci:****@pypi.example.com/simple\n"), "{diff}");
    assert!(diff.contains("\n       - pkg @ git+https://****@github.com/o/r.git@v1.0\n"), "{diff}");
}

#[test]
fn fix_on_standard_input_writes_the_users_text_and_a_masked_report() {
    let input = std::fs::read(repo().join(LEAK)).unwrap();
    for format in FORMATS {
        let args = ["--select", "ALL", "--unsafe-fixes", "--fix", "--output-format", format, "--stdin-filename", LEAK, "-"];
        let out = condalint(&args, repo(), Some(&input));
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        // Standard output is the fixed file: the user's own text, secrets and all.
        let expected = text(&input)
            .replace("  - https://builder:s3cr3t-not-real@conda.example.com/private\ndependencies", "dependencies")
            .replace("requests = 2.31.0", "requests==2.31.0");
        assert_eq!(stdout, expected, "{format}");
        assert!(!stderr.is_empty(), "{format}: the report goes to stderr");
        assert_masked(&format!("--fix - --output-format {format} (stderr)"), &stderr);
    }
}

#[test]
fn fix_in_place_reports_masked() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["environment.yml", "reqs.txt"] {
        std::fs::copy(repo().join("tests/fixtures/secrets/leak").join(name), dir.path().join(name)).unwrap();
    }
    let out = condalint(&["--select", "ALL", "--unsafe-fixes", "--fix", "--statistics", "environment.yml"], dir.path(), None);
    assert_masked("--fix --statistics", &(text(&out.stdout) + &text(&out.stderr)));
    let out = condalint(&["--select", "ALL", "--unsafe-fixes", "--fix", "environment.yml"], dir.path(), None);
    assert_masked("--fix", &(text(&out.stdout) + &text(&out.stderr)));
    let fixed = std::fs::read_to_string(dir.path().join("environment.yml")).unwrap();
    assert!(fixed.contains("https://builder:s3cr3t-not-real@conda.example.com/private"), "the file keeps its own text");
}

/// Every byte a terminal could act on: C0 controls but tab and line feed, DEL, C1 controls, and
/// the bidirectional overrides and isolates.
fn raw_controls(output: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(output);
    text.chars()
        .filter(|&c| matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .map(|c| format!("{:?}", c))
        .collect()
}

const HUMAN: [&str; 4] = ["full", "concise", "github", "azure"];

#[test]
fn control_characters_never_reach_the_terminal() {
    let escapes = ["\\u{1b}", "\\u{7}", "\\u{9b}", "\\u{7f}", "\\u{202e}", "\\u{2066}"];
    for format in HUMAN {
        let out = condalint(&["--select", "ALL", "--output-format", format, "tests/fixtures/control/environment.yml"], repo(), None);
        assert_eq!(code(&out), 1);
        assert_eq!(raw_controls(&out.stdout), Vec::<String>::new(), "{format}:\n{}", text(&out.stdout));
        assert_eq!(raw_controls(&out.stderr), Vec::<String>::new(), "{format}:\n{}", text(&out.stderr));
        for escape in escapes {
            assert!(text(&out.stdout).contains(escape), "{format} does not show {escape}:\n{}", text(&out.stdout));
        }
        // Raw control characters in a file that is not valid YAML (its ENV001 snippet).
        let out = condalint(&["--select", "ALL", "--output-format", format, "tests/fixtures/control/invalid.yml"], repo(), None);
        assert_eq!(raw_controls(&out.stdout), Vec::<String>::new(), "{format}:\n{}", text(&out.stdout));
        assert!(text(&out.stdout).contains("\\u{1b}"), "{format}:\n{}", text(&out.stdout));
    }
    let out = condalint(&["--select", "ALL", "--statistics", "tests/fixtures/control/environment.yml"], repo(), None);
    assert_eq!(raw_controls(&out.stdout), Vec::<String>::new());
}

/// Labels underline the escaped characters they cover, and the header names the file's column.
#[test]
fn full_snippets_underline_escaped_text() {
    let out = condalint(&["--select", "PIP004,ENV003,CDA001", "tests/fixtures/control/environment.yml"], repo(), None);
    insta::assert_snapshot!("control_full", text(&out.stdout));
}

#[cfg(unix)]
#[test]
fn control_characters_and_invalid_bytes_in_file_names_are_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let body = std::fs::read(repo().join("tests/fixtures/control/environment.yml")).unwrap();
    let names: [&[u8]; 2] = [b"e\x1b]0;t\x07\xe2\x80\xae.yml", b"bad\xff.yml"];
    let mut paths = Vec::new();
    for name in names {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(&path, &body).unwrap();
        std::fs::write(dir.path().join("reqs.txt"), "numpy==1.0\n").unwrap();
        paths.push(path);
    }
    for format in HUMAN {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_condalint"));
        cmd.args(["--select", "ENV003", "--output-format", format]).args(&paths).arg(dir.path().join(std::ffi::OsStr::from_bytes(b"gone\x1b[2J.yml")));
        let out = cmd.current_dir(dir.path()).output().unwrap();
        assert_eq!(code(&out), 2, "a missing path");
        assert_eq!(raw_controls(&out.stdout), Vec::<String>::new(), "{format}:\n{}", text(&out.stdout));
        assert_eq!(raw_controls(&out.stderr), Vec::<String>::new(), "{format}:\n{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(!stdout.contains('\u{fffd}'), "{format}: an invalid byte is escaped, not replaced:\n{stdout}");
        assert!(stdout.contains("bad\\x{ff}.yml"), "{format}:\n{stdout}");
        let shown = if format == "azure" { "e\\u{1b}%5D0%3Bt\\u{7}\\u{202e}.yml" } else { "e\\u{1b}]0;t\\u{7}\\u{202e}.yml" };
        assert!(stdout.contains(shown), "{format}:\n{stdout}");
        assert!(text(&out.stderr).contains("gone\\u{1b}[2J.yml"), "{format}:\n{}", text(&out.stderr));
    }
}
