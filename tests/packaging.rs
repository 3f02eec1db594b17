//! Installing condalint: `--version` with the commit, shell completions loaded by the real shells,
//! the man page rendered by the real `man`, what `cargo package` ships, and the Python wheel's and
//! pre-commit mirror's metadata (scripts/check-wheel.sh builds and installs them in `.ci/run`).

mod common;

use std::path::Path;
use std::process::Command;

use common::{code, condalint, repo, text};

/// Whether `program` is installed. Outside CI a missing one skips its check with a notice; with
/// `CI` set it fails, so that CI cannot pass without having run the check (.ci/run installs them).
fn have(program: &str) -> bool {
    let found = Command::new("sh").args(["-c", &format!("command -v {program}")]).output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "{program} is absent and CI is set: its check cannot run");
        eprintln!("notice: {program} is absent; its check skipped (with CI set this fails)");
    }
    found
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).current_dir(repo()).output().ok().filter(|o| o.status.success())?;
    Some(text(&out.stdout).trim().to_owned())
}

#[test]
fn version_names_the_commit() {
    let out = condalint(&["--version"], repo(), None);
    assert_eq!(code(&out), 0);
    let version = text(&out.stdout);
    let plain = format!("condalint {}", env!("CARGO_PKG_VERSION"));
    let top = git(&["rev-parse", "--show-toplevel"]).map(|t| Path::new(&t).canonicalize().unwrap());
    if top.as_deref() == Some(&repo().canonicalize().unwrap()) {
        let commit = git(&["log", "-1", "--date=short", "--format=%h %cd"]).unwrap();
        assert_eq!(version, format!("{plain} ({commit})\n"));
    } else {
        assert!(version.starts_with(&plain), "{version}");
    }
    assert_eq!(text(&condalint(&["-V"], repo(), None).stdout), version);
}

fn completions(shell: &str) -> tempfile::NamedTempFile {
    let out = condalint(&["completions", shell], repo(), None);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let script = text(&out.stdout);
    for word in ["condalint", "completions", "manpage", "--output-format"] {
        assert!(script.contains(word), "the {shell} script knows `{word}`");
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), script).unwrap();
    file
}

fn shell(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).env("HOME", std::env::temp_dir()).output().unwrap();
    assert!(out.status.success(), "{program} {args:?}: {}{}", text(&out.stdout), text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn completions_load_in_each_shell() {
    let bash = completions("bash");
    let path = bash.path().to_str().unwrap();
    assert!(shell("bash", &["--norc", "-c", &format!("source {path} && complete -p condalint")]).contains("condalint"));
    let zsh = completions("zsh");
    if have("zsh") {
        let load = format!("autoload -U compinit && compinit -u && source {} && print -r -- $_comps[condalint]", zsh.path().display());
        assert_eq!(shell("zsh", &["-f", "-c", &load]).trim(), "_condalint");
    }
    let fish = completions("fish");
    if have("fish") {
        // fish completes a partial command line the way a user's Tab would.
        let offered = shell("fish", &["--no-config", "-c", &format!("source {}; complete -C'condalint comp'", fish.path().display())]);
        assert!(offered.lines().any(|l| l.starts_with("completions")), "{offered}");
    }
    // Elvish completes only in its interactive editor, and PowerShell is not in Debian: their
    // scripts are checked for the registration each shell reads.
    let elvish = std::fs::read_to_string(completions("elvish").path()).unwrap();
    assert!(elvish.contains("set edit:completion:arg-completer[condalint]"), "{elvish}");
    let powershell = std::fs::read_to_string(completions("powershell").path()).unwrap();
    assert!(powershell.contains("Register-ArgumentCompleter -Native -CommandName 'condalint'"), "{powershell}");
}

#[test]
fn completions_reject_an_unknown_shell() {
    let out = condalint(&["completions", "tcsh"], repo(), None);
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("possible values: bash, elvish, fish, powershell, zsh"), "{}", text(&out.stderr));
}

#[test]
fn man_page_renders() {
    let out = condalint(&["manpage"], repo(), None);
    assert_eq!(code(&out), 0);
    let roff = text(&out.stdout);
    assert!(roff.contains(".TH condalint 1"), "{roff}");
    let page = tempfile::Builder::new().suffix(".1").tempfile().unwrap();
    std::fs::write(page.path(), &roff).unwrap();
    if have("man") {
        let out = Command::new("man").arg("-l").arg(page.path()).env("MANPAGER", "cat").env("MANWIDTH", "100").output().unwrap();
        let shown = text(&out.stdout);
        assert!(out.status.success(), "{}", text(&out.stderr));
        for section in ["NAME", "SYNOPSIS", "SUBCOMMANDS", "VERSION"] {
            assert!(shown.contains(section), "the man page has {section}: {shown}");
        }
        assert!(shown.contains("completions") && shown.contains("--force-exclude"), "{shown}");
    }
}

/// `cargo install condalint` builds from the packaged crate: it must hold the rule docs (compiled
/// in), the data tables, the build script and the licence, and nothing of the tests or tools.
#[test]
fn packaged_crate_holds_what_the_build_reads() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo).args(["package", "--list", "--allow-dirty", "--offline", "--locked"]).current_dir(repo()).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    for name in ["LICENSE", "README.md", "build.rs", "Cargo.lock", "src/main.rs"] {
        assert!(listed.iter().any(|l| l == name), "the crate holds {name}");
    }
    for dir in ["lints", "data"] {
        for entry in std::fs::read_dir(repo().join(dir)).unwrap() {
            let name = format!("{dir}/{}", entry.unwrap().file_name().to_string_lossy());
            assert!(listed.contains(&name), "the crate holds {name}");
        }
    }
    let stray: Vec<&String> = listed.iter().filter(|l| ["tests/", "examples/", "pre-commit-mirror/", "bench/", "fuzz/", "scripts/"].iter().any(|p| l.starts_with(p))).collect();
    assert!(stray.is_empty(), "the crate holds only what the build reads: {stray:?}");
}

fn toml_file(path: &str) -> toml::Table {
    std::fs::read_to_string(repo().join(path)).unwrap().parse().unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn wheel_metadata() {
    let pyproject = toml_file("pyproject.toml");
    assert_eq!(pyproject["build-system"]["build-backend"].as_str(), Some("maturin"));
    assert_eq!(pyproject["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    let project = &pyproject["project"];
    assert_eq!(project["name"].as_str(), Some("condalint"));
    assert!(project["dynamic"].as_array().unwrap().iter().any(|v| v.as_str() == Some("version")), "the version comes from Cargo.toml");
    assert_eq!(project["readme"].as_str(), Some("README.md"));
    assert_eq!(project["license"].as_str(), toml_file("Cargo.toml")["package"]["license"].as_str());
    for key in ["description", "requires-python", "classifiers", "urls"] {
        assert!(project.get(key).is_some(), "pyproject.toml's [project] has {key}");
    }
}

fn hooks(path: &str) -> Vec<serde_json::Value> {
    serde_saphyr::from_str(&std::fs::read_to_string(repo().join(path)).unwrap()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The mirror's template pins the condalint of this version and runs the hook the main
/// repository's hooks run, on the same files.
#[test]
fn pre_commit_mirror_matches_the_release() {
    let version = env!("CARGO_PKG_VERSION");
    let mirror = toml_file("pre-commit-mirror/pyproject.toml");
    assert_eq!(mirror["project"]["version"].as_str(), Some(version));
    let deps = mirror["project"]["dependencies"].as_array().unwrap();
    assert_eq!(deps.iter().map(|d| d.as_str().unwrap()).collect::<Vec<_>>(), [format!("condalint=={version}")]);
    let main = hooks(".pre-commit-hooks.yaml");
    let ids: Vec<(&str, &str)> = main.iter().map(|h| (h["id"].as_str().unwrap(), h["language"].as_str().unwrap())).collect();
    assert_eq!(ids, [("condalint", "rust"), ("condalint-system", "system")]);
    let mirrored = hooks("pre-commit-mirror/.pre-commit-hooks.yaml");
    assert_eq!(mirrored.len(), 1);
    assert_eq!(mirrored[0]["language"], "python");
    for hook in &main {
        for key in ["entry", "files", "types_or"] {
            assert_eq!(hook[key], mirrored[0][key], "`{key}` of {} and of the mirror", hook["id"]);
        }
    }
}
