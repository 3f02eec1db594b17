//! `condalint explain` on real build logs (tests/fixtures/logs, each with its source on line 1)
//! and on generated ones (noise, a large log streamed in bounded memory), through the library
//! and the command line.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::{code, condalint, repo, text};
use condalint::explain::{explain, Explained, MAX_KEPT};
use condalint::{DiskFileSystem, MemoryFileSystem, Settings};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/logs").join(name)
}

/// A fixture log as a build wrote it: its `# source:` / `# trimmed:` header lines are emptied, not
/// removed, so rows stay the fixture file's own (README.md's line numbers).
fn log_text(name: &str) -> String {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| if i < 2 && (line.starts_with("# source:") || line.starts_with("# trimmed:")) { "\n" } else { line })
        .collect()
}

fn run(name: &str, envs: &[&Path]) -> Explained {
    let log = log_text(name);
    let envs: Vec<String> = envs.iter().map(|p| p.display().to_string()).collect();
    explain(&mut log.as_bytes(), name, &envs, &DiskFileSystem, &Settings::default()).unwrap()
}

/// (code, row) of each finding, in the log's order.
fn found(e: &Explained) -> Vec<(&'static str, usize)> {
    e.diagnostics.iter().map(|d| (d.code, e.log.line_col(d.primary.range.start).0)).collect()
}

/// (file name, row, code) of each related label of each finding.
fn related(e: &Explained) -> Vec<Vec<(String, usize, Option<&'static str>)>> {
    e.diagnostics
        .iter()
        .map(|d| {
            d.secondary
                .iter()
                .filter_map(|l| {
                    let file = l.file.as_ref()?;
                    let name = Path::new(&file.path).file_name().unwrap().to_string_lossy().into_owned();
                    Some((name, file.line_col(l.range.start).0, l.code))
                })
                .collect()
        })
        .collect()
}

#[test]
fn each_code_from_a_real_log() {
    // (fixture, the findings expected: code and row of the fixture file)
    let cases: &[(&str, &[(&str, usize)])] = &[
        ("docker-conda-env-unrecognized-argument-bld000.log", &[("BLD000", 17)]),
        ("aml-pkgutil-impimporter-python312-bld000.log", &[("BLD000", 6)]),
        ("resolve-package-not-found-pip-warning-bld001.log", &[("BLD001", 9), ("BLD001", 10), ("BLD001", 11), ("BLD001", 12), ("BLD001", 13)]),
        ("docker-micromamba-nothing-provides-requested-bld001.log", &[("BLD009", 2), ("BLD001", 3)]),
        ("micromamba-nothing-provides-virtual-cuda-bld001.log", &[("BLD009", 14), ("BLD001", 16)]),
        ("aml-pip-no-matching-distribution-bld002.log", &[("BLD002", 4)]),
        ("pip-nested-from-chain-bld002.log", &[("BLD002", 2)]),
        ("pip-two-nested-no-matching-distribution-bld002.log", &[("BLD002", 3), ("BLD002", 5)]),
        ("buildkit-pip-hash-mismatch-bld003.log", &[("BLD003", 2)]),
        ("pip-hash-mismatch-progress-bld003.log", &[("BLD003", 5)]),
        ("pip-cannot-uninstall-pyyaml-bld004.log", &[("BLD004", 5)]),
        ("docker-ansi-cannot-uninstall-ipaddress-bld004.log", &[("BLD004", 3)]),
        ("docker-pipenv-cannot-uninstall-simplejson-bld004.log", &[("BLD004", 3)]),
        ("buildkit-pip-backtracking-bld005.log", &[("BLD005", 5)]),
        ("buildkit-pip-taking-longer-bld005.log", &[("BLD005", 3)]),
        ("pip-taking-longer-backtracking-url-bld005.log", &[("BLD005", 3)]),
        ("docker-conda-http-000-bld006.log", &[("BLD006", 13)]),
        ("docker-conda-http-500-bld006.log", &[("BLD006", 3)]),
        ("buildkit-pip-read-timeout-bld006.log", &[("BLD006", 4)]),
        ("docker-legacy-pip-retrying-read-timeout-bld006.log", &[("BLD006", 9)]),
        ("gha-conda-connection-reset-bld006.log", &[("BLD006", 21)]),
        ("conda-error-report-econnreset-bld006.log", &[("BLD006", 19)]),
        ("aml-conda-lock-held-bld007.log", &[("BLD007", 6)]),
        ("buildkit-distutils-util-bld008.log", &[("BLD008", 11)]),
        ("pip-build-isolation-no-module-distutils-py312-bld008.log", &[("BLD008", 20)]),
        ("buildkit-conda-solve-killed-bld009.log", &[("BLD009", 8)]),
        ("buildkit-conda-metadata-killed-bld009.log", &[("BLD009", 12)]),
        ("compose-conda-env-update-killed-bld009.log", &[("BLD009", 4)]),
        ("conda-memory-error-bld009.log", &[("BLD009", 5)]),
        ("gha-conda-solve-exit-code-null-bld009.log", &[("BLD009", 6)]),
        ("docker-conda-download-progress-killed-bld009.log", &[("BLD009", 3)]),
        ("repo2docker-conda-env-create-killed-bld009.log", &[("BLD009", 3)]),
        ("aml-base-image-manifest-unknown-bld010.log", &[("BLD010", 3)]),
        ("ado-docker-from-pull-access-denied-bld010.log", &[("BLD010", 3)]),
        ("ado-docker-pull-access-denied-timestamps-bld010.log", &[("BLD010", 12)]),
        ("docker-from-unauthorized-incorrect-password-bld010.log", &[("BLD010", 5)]),
        ("aml-acr-unauthorized-resync-keys-bld011.log", &[("BLD011", 18)]),
        ("aml-sdk-key-based-auth-not-permitted-bld011.log", &[("BLD011", 3)]),
        ("aml-registry-image-build-failed-log-409-bld011.log", &[("BLD011", 7)]),
        ("pip-keyring-skipped-user-prompt-bld012.log", &[("BLD012", 4)]),
        ("post-install-bare-redirection-bld013.log", &[("BLD013", 11)]),
        ("zsh-bare-redirection-bld013.log", &[("BLD013", 4)]),
        ("windows-pip-shim-redirection-bld013.log", &[("BLD013", 5)]),
        ("aml-acr-20-image-build-log-pip-cffi-bld014.log", &[("BLD014", 19)]),
        ("buildkit-conda-pip-gcc-compile-error-bld014.log", &[("BLD014", 6)]),
        ("conda-compiler-not-found-bld014.log", &[("BLD014", 4)]),
        ("docker-conda-command-not-found-bld014.log", &[("BLD014", 11)]),
        ("docker-getting-requirements-to-build-wheel-bld014.log", &[("BLD014", 3)]),
        ("conda-pip-setup-py-status-error-bld014.log", &[("BLD014", 8)]),
        ("pip-failed-building-wheel-levenshtein-bld014.log", &[("BLD014", 4)]),
        ("pip-requires-different-python-inline-bld015.log", &[("BLD015", 3)]),
        ("pip-old-requires-python-message-bld015.log", &[("BLD015", 4)]),
        ("conda-unsatisfiable-pip-python-bld015.log", &[("BLD009", 12), ("BLD015", 14)]),
    ];
    let mut failures = Vec::new();
    for (name, want) in cases {
        let e = run(name, &[]);
        if found(&e) != *want {
            failures.push(format!("{name}: expected {want:?}, got {:?}", found(&e)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bld_code_has_a_real_log() {
    let mut seen = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/logs")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".log") && !name.starts_with("synthetic-") {
            seen.extend(run(&name, &[]).diagnostics.iter().map(|d| d.code));
        }
    }
    let all: Vec<String> = (0..=15).map(|n| format!("BLD{n:03}")).collect();
    let missing: Vec<&String> = all.iter().filter(|c| !seen.contains(c.as_str())).collect();
    assert!(missing.is_empty(), "no real log shows {missing:?}");
}

#[test]
fn the_env_file_line_is_found_where_the_file_is_given() {
    // conda ran out of memory: the unpinned specs of the reporter's own file.
    let env = fixture("conda-memory-error-bld009.environment.yml");
    let e = run("conda-memory-error-bld009.log", &[&env]);
    assert_eq!(found(&e), [("BLD009", 5)]);
    let file = "conda-memory-error-bld009.environment.yml".to_owned();
    assert_eq!(related(&e), [vec![(file.clone(), 10, None), (file.clone(), 11, None), (file, 12, None)]]);

    // The conda file Azure ML printed: `numpy=1.16.0` has no package (IDX002: a version that does not exist).
    let env = fixture("aml-aci-image-resolve-package-not-found-bld001.environment.yml");
    let e = run("aml-aci-image-resolve-package-not-found-bld001.log", &[&env]);
    assert_eq!(found(&e), [("BLD001", 28)]);
    assert_eq!(related(&e), [vec![("aml-aci-image-resolve-package-not-found-bld001.environment.yml".to_owned(), 6, Some("IDX002"))]]);

    // Two findings: pip skipped releases for the file's python, then found none.
    let env = fixture("pip-ignored-requires-python-and-no-match-bld015.environment.yml");
    let e = run("pip-ignored-requires-python-and-no-match-bld015.log", &[&env]);
    assert_eq!(found(&e), [("BLD015", 3), ("BLD002", 4)]);
    assert_eq!(related(&e)[0], [("pip-ignored-requires-python-and-no-match-bld015.environment.yml".to_owned(), 11, None)]);
}

/// An environment file written for a log whose thread did not show one.
fn env_file(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("environment.yml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn nested_requirements_point_at_the_requirement_that_brought_them() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_file(dir.path(), "name: n\nchannels: [conda-forge]\ndependencies:\n  - python=3.8\n  - pip=23.3\n  - pip:\n      - azureml-dataprep>=1.1.33\n      - nimbusml==1.6.1\n");
    let e = run("pip-two-nested-no-matching-distribution-bld002.log", &[&env]);
    assert_eq!(found(&e), [("BLD002", 3), ("BLD002", 5)]);
    let r = related(&e);
    assert_eq!(r[0], [("environment.yml".to_owned(), 7, Some("IDX003"))]);
    assert_eq!(r[1], [("environment.yml".to_owned(), 8, Some("IDX003"))]);
    // A chain through several packages to the requirements file: the first link the file has.
    let env = env_file(dir.path(), "name: n\ndependencies:\n  - python=3.7\n  - pip:\n      - azureml-sdk>=1.0\n");
    let e = run("pip-nested-from-chain-bld002.log", &[&env]);
    assert_eq!(related(&e), [vec![("environment.yml".to_owned(), 5, Some("IDX003"))]]);
}

#[test]
fn wheels_for_other_platforms_are_idx005s_case() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_file(dir.path(), "name: d\ndependencies:\n  - python=3.8\n  - pip:\n      - dotnetcore2\n");
    let e = run("pip-verbose-wheel-tags-mismatch-bld002.log", &[&env]);
    assert_eq!(found(&e), [("BLD002", 7)]);
    assert_eq!(related(&e), [vec![("environment.yml".to_owned(), 5, Some("IDX005"))]]);
}

#[test]
fn condas_requirements_file_line_is_the_pip_sections_item() {
    // `(from -r …/condaenv.dxi_0178.requirements.txt (line 39))`: conda wrote the pip section out
    // in order, so line 39 is its 39th item, whatever that item looks like.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("name: aml\ndependencies:\n  - python=3.7\n  - pip:\n");
    for i in 1..39 {
        text.push_str(&format!("      - package{i}==1.0\n"));
    }
    text.push_str("      - ./samples\n");
    let env = env_file(dir.path(), &text);
    let e = run("aml-pip-no-matching-distribution-bld002.log", &[&env]);
    assert_eq!(found(&e), [("BLD002", 4)]);
    assert_eq!(related(&e), [vec![("environment.yml".to_owned(), 5 + 38, Some("PIP014"))]], "`0+unknown` is a local version");
}

#[test]
fn uninstall_points_at_both_installers() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_file(dir.path(), "name: k\nchannels: [defaults]\ndependencies:\n  - pyyaml=5.3.1\n  - pip=23.3\n  - pip:\n      - PyYAML==5.4.1\n");
    let e = run("pip-cannot-uninstall-pyyaml-bld004.log", &[&env]);
    assert_eq!(found(&e), [("BLD004", 5)]);
    assert_eq!(related(&e), [vec![("environment.yml".to_owned(), 7, Some("CDA004")), ("environment.yml".to_owned(), 4, Some("CDA004"))]]);
    // The PyPI and conda spellings of one name meet by PEP 503 (`ruamel-yaml`, `ruamel.yaml`).
    let env = env_file(dir.path(), "name: q\ndependencies:\n  - ruamel.yaml\n  - pip:\n      - ruamel_yaml\n");
    let e = run("pip-cannot-uninstall-ruamel-yaml-bld004.log", &[&env]);
    assert_eq!(related(&e)[0].iter().map(|r| r.1).collect::<Vec<_>>(), [5, 3]);
}

#[test]
fn backtracking_points_at_the_packages_and_the_pip_that_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_file(dir.path(), "name: lambda\nchannels: [conda-forge]\ndependencies:\n  - python=3.9\n  - pip\n  - pip:\n      - boto3\n      - aws-xray-sdk\n      - requests==2.31.0\n");
    let e = run("buildkit-pip-taking-longer-bld005.log", &[&env]);
    assert_eq!(found(&e), [("BLD005", 3)]);
    let f = "environment.yml".to_owned();
    assert_eq!(related(&e), [vec![(f.clone(), 7, None), (f.clone(), 8, None), (f, 5, Some("PIP002"))]]);
}

#[test]
fn network_failures_point_at_the_channel() {
    let dir = tempfile::tempdir().unwrap();
    let env = env_file(dir.path(), "name: fpga\nchannels:\n  - quicklogic-corp\n  - conda-forge\ndependencies:\n  - yosys\n");
    let e = run("docker-conda-http-500-bld006.log", &[&env]);
    assert_eq!(related(&e), [vec![("environment.yml".to_owned(), 3, Some("IDX000"))]]);
}

#[test]
fn distutils_points_at_the_dockerfiles_apt_line() {
    // The Dockerfile as the log shows it (its lines 6 and 10 in the BuildKit excerpt).
    let dir = tempfile::tempdir().unwrap();
    let dockerfile = dir.path().join("Dockerfile");
    std::fs::write(
        &dockerfile,
        "FROM ubuntu:18.04\nRUN apt-get update\nRUN apt-get -y install software-properties-common\nRUN add-apt-repository ppa:deadsnakes/ppa\nRUN apt-get update\n\
         RUN apt-get -y install libgl1-mesa-glx python3.7 python3-pip\nCOPY requirements.txt .\nRUN python3.7 -m pip install -r requirements.txt\n",
    )
    .unwrap();
    let e = run("buildkit-distutils-util-bld008.log", &[&dockerfile]);
    assert_eq!(found(&e), [("BLD008", 11)]);
    assert_eq!(related(&e), [vec![("Dockerfile".to_owned(), 6, Some("AML017"))]]);
    let e = run("ado-docker-from-pull-access-denied-bld010.log", &[&dockerfile]);
    assert_eq!(related(&e), [vec![("Dockerfile".to_owned(), 1, None)]]);
}

#[test]
fn several_failures_in_one_log() {
    let e = run("pip-interactive-auth-azure-artifacts-bld012.log", &[]);
    assert_eq!(found(&e), [("BLD012", 5), ("BLD002", 9)]);
    // An Azure ML serverless build's libmamba report (every line stamped `2024-10-15T00:37:41: `):
    // unsatisfiable, the specs with no package in the channels, and python's conflict.
    let e = run("aml-libmamba-unsatisfiable-bld009.log", &[]);
    assert_eq!(found(&e), [("BLD009", 113), ("BLD001", 297), ("BLD015", 302), ("BLD001", 307), ("BLD001", 325), ("BLD001", 327)]);
    let missing: Vec<&str> = e.diagnostics.iter().filter(|d| d.code == "BLD001").map(|d| d.message.split('`').nth(1).unwrap()).collect();
    assert_eq!(missing, ["openblas 0.3.5.*", "libcublas >=12.1.0.26,<12.1.3.1", "cuda-cudart >=11.8,<12.0", "cuda 11.8.*"]);
}

#[test]
fn successful_logs_say_so() {
    for name in ["success-conda-create-reticulate-windows.log", "success-pip-failed-wheel-fallback-install.log"] {
        let e = run(name, &[]);
        assert_eq!(e.diagnostics.len(), 1, "{name}: {:?}", found(&e));
        assert_eq!(e.diagnostics[0].code, "BLD000");
        assert!(e.diagnostics[0].message.starts_with("no failure found: the build looks successful"), "{}", e.diagnostics[0].message);
    }
}

#[test]
fn noise_is_stripped_for_matching_and_kept_for_positions() {
    // Synthetic noise around a real pip line: a progress bar redrawn with `\r`, colours, a
    // BuildKit prefix, an Azure Pipelines timestamp.
    let failure = "ERROR: No matching distribution found for torch==1.13.1+cu117";
    let log = format!(
        "2024-05-01T12:00:00.1234567Z Step 5/12 : RUN conda env create -f environment.yml\n\
         #12 3.456 Downloading torch (10%)\r#12 3.456 Downloading torch (55%)\r#12 3.456 Downloading torch (100%)\n\
         2024-05-01T12:00:01.0000000Z #12 4.100 \x1b[91m{failure}\x1b[0m\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let env = env_file(dir.path(), "name: t\ndependencies:\n  - python=3.10\n  - pip:\n      - torch==1.13.1+cu117\n");
    let e = explain(&mut log.as_bytes(), "build.log", &[env.display().to_string()], &DiskFileSystem, &Settings::default()).unwrap();
    assert_eq!(found(&e), [("BLD002", 3)]);
    let d = &e.diagnostics[0];
    assert_eq!(e.log.slice(d.primary.range), "No matching distribution found for torch==1.13.1+cu117");
    // The column counts the line as written: timestamp, prefix and the colour escape before it.
    let prefix = "2024-05-01T12:00:01.0000000Z #12 4.100 \x1b[91mERROR: ";
    assert_eq!(e.log.line_col(d.primary.range.start), (3, prefix.chars().count() + 1));
    assert!(d.message.contains(failure) && !d.message.contains('\u{1b}'), "{}", d.message);
    assert_eq!(related(&e), [vec![("environment.yml".to_owned(), 5, Some("PIP014"))]]);
}

#[test]
fn credentials_in_the_log_are_masked() {
    let log = "Looking in indexes: https://builder:s3cr3tpassw0rd@pkgs.example.com/simple\n\
               ERROR: Could not find a version that satisfies the requirement private-pkg==1.0 (from versions: none)\n\
               ERROR: No matching distribution found for private-pkg==1.0\n\
               WARNING: Retrying after connection broken by 'ReadTimeoutError(\"HTTPSConnectionPool(host=pkgs.example.com)\")': https://builder:s3cr3tpassw0rd@pkgs.example.com/simple/private-pkg/\n";
    let e = explain(&mut log.as_bytes(), "build.log", &[], &MemoryFileSystem::new(), &Settings::default()).unwrap();
    assert!(!e.log.text.contains("s3cr3tpassw0rd"), "{}", e.log.text);
    for d in &e.diagnostics {
        assert!(!d.message.contains("s3cr3tpassw0rd"), "{}", d.message);
    }
    assert!(e.diagnostics.iter().any(|d| d.code == "BLD006"));
}

/// A reader that generates a log of `size` bytes: noise, and one failure in the middle. It counts
/// what was read and never holds more than one line.
struct Generated {
    size: u64,
    produced: u64,
    line: Vec<u8>,
    at: usize,
    n: u64,
    failure_line: u64,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.line.len() {
            if self.produced >= self.size {
                return Ok(0);
            }
            self.line.clear();
            if self.n == self.failure_line {
                self.line.extend_from_slice(b"#12 51.2 ERROR: Cannot uninstall 'PyYAML'. It is a distutils installed project\n");
            } else {
                self.line.extend_from_slice(format!("#12 {}.0 Downloading package-{} (1.2 MB)\r#12 {}.1 \x1b[32m100%\x1b[0m\n", self.n, self.n, self.n).as_bytes());
            }
            self.n += 1;
            self.at = 0;
        }
        let n = buf.len().min(self.line.len() - self.at);
        buf[..n].copy_from_slice(&self.line[self.at..self.at + n]);
        self.at += n;
        self.produced += n as u64;
        Ok(n)
    }
}

#[test]
fn a_large_log_is_streamed_and_only_windows_are_kept() {
    let size = 50 * 1024 * 1024;
    let mut log = Generated { size, produced: 0, line: Vec::new(), at: 0, n: 0, failure_line: 400_000 };
    let e = explain(&mut log, "big.log", &[], &MemoryFileSystem::new(), &Settings::default()).unwrap();
    assert!(e.bytes >= size, "the whole log was read: {} bytes", e.bytes);
    assert_eq!(found(&e), [("BLD004", 400_001)], "the row is the log's own line");
    assert!(e.log.text.len() < 1024, "kept {} bytes of a {size}-byte log", e.log.text.len());
    assert!(e.log.text.len() <= MAX_KEPT);
}

#[test]
fn a_log_of_many_failures_stays_under_the_cap() {
    // Every line a different failure: the findings and the kept text are capped.
    let mut log = String::new();
    for i in 0..3000 {
        log.push_str(&format!("ERROR: No matching distribution found for package{i}==1.0 {}\n", "x".repeat(2000)));
    }
    let e = explain(&mut log.as_bytes(), "many.log", &[], &MemoryFileSystem::new(), &Settings::default()).unwrap();
    assert!(e.log.text.len() <= MAX_KEPT);
    assert!(e.diagnostics.len() <= condalint::explain::MAX_FINDINGS && !e.diagnostics.is_empty());
    // Every finding's row is still its own line.
    for (i, (_, row)) in found(&e).iter().enumerate() {
        assert_eq!(*row, i + 1);
    }
}

// The command line.

#[test]
fn exit_codes() {
    let logs = repo().join("tests/fixtures/logs");
    // A known failure: 1.
    let out = condalint(&["explain", "pip-cannot-uninstall-pyyaml-bld004.log", "--output-format", "concise"], &logs, None);
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "pip-cannot-uninstall-pyyaml-bld004.log:5:8: BLD004 [error] pip cannot replace `PyYAML`, which another installer (distutils or conda) installed: `ERROR: Cannot uninstall 'PyYAML'. It is a distutils installed project and thus we cannot accurately determine which files belong to it which would lead to only …`\n"
    );
    // No known failure (BLD000 is info): 0.
    let out = condalint(&["explain", "success-conda-create-reticulate-windows.log"], &logs, None);
    assert_eq!(code(&out), 0, "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("the build looks successful"), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("Found 0 known failures in success-conda-create-reticulate-windows.log"), "{}", text(&out.stdout));
    // --exit-zero and --fail-on.
    let out = condalint(&["explain", "pip-cannot-uninstall-pyyaml-bld004.log", "--exit-zero"], &logs, None);
    assert_eq!(code(&out), 0);
    let out = condalint(&["explain", "buildkit-pip-read-timeout-bld006.log", "--fail-on", "error", "-q"], &logs, None);
    assert_eq!(code(&out), 0, "BLD006 is a warning");
    // An unreadable log, or env file: 2.
    let out = condalint(&["explain", "no-such.log"], &logs, None);
    assert_eq!(code(&out), 2);
    assert_eq!(text(&out.stderr), "condalint: error: no-such.log: cannot read the log: no such file or directory\n");
    let out = condalint(&["explain", "pip-cannot-uninstall-pyyaml-bld004.log", "--env", "missing.yml"], &logs, None);
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("missing.yml: no such file or directory"), "{}", text(&out.stderr));
}

#[test]
fn json_with_env_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("environment.yml"), "name: CAL\nchannels:\n  - defaults\ndependencies:\n  - python=3.6\n  - pip:\n      - bcolz==1.2.1\n").unwrap();
    let log = log_text("conda-pip-setup-py-status-error-bld014.log");
    std::fs::write(dir.path().join("build.log"), &log).unwrap();
    let out = condalint(&["explain", "build.log", "--env", "environment.yml", "--output-format", "json"], dir.path(), None);
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json[0]["filename"], "build.log");
    assert_eq!(json[0]["related"][0]["filename"], "environment.yml");
    assert_eq!(json[0]["related"][0]["code"], "IDX005");
    insta::assert_snapshot!("explain_json", text(&out.stdout));
    // The same log on standard input is named `-`.
    let out = condalint(&["explain", "-", "--env", "environment.yml", "--output-format", "json"], dir.path(), Some(log.as_bytes()));
    assert_eq!(code(&out), 1);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((json[0]["filename"].as_str(), json[0]["location"]["row"].as_u64()), (Some("-"), Some(8)));
    // Without --env, the conda file the log names is used when it is here.
    let named = "Step 3/9 : RUN conda env create -f environment.yml\n".to_owned() + &log;
    let out = condalint(&["explain", "-", "--output-format", "json"], dir.path(), Some(named.as_bytes()));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["related"][0]["location"]["row"], 7);
}

#[test]
fn other_formats_locate_findings_in_the_log() {
    let logs = repo().join("tests/fixtures/logs");
    let out = condalint(&["explain", "aml-conda-lock-held-bld007.log", "--output-format", "github"], &logs, None);
    assert!(text(&out.stdout).starts_with("::error file=aml-conda-lock-held-bld007.log,line=6,col=1,"), "{}", text(&out.stdout));
    let out = condalint(&["explain", "aml-conda-lock-held-bld007.log", "--output-format", "full", "--color", "never"], &logs, None);
    let full = text(&out.stdout);
    assert!(full.contains("[aml-conda-lock-held-bld007.log:6:1]") && full.contains(" 6 │ Waiting for other Conda operations to finish..."), "{full}");
    let out = condalint(&["explain", "aml-conda-lock-held-bld007.log", "--output-format", "sarif"], &logs, None);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "BLD007");
    assert_eq!(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 6);
    // With related places in an environment file, the SARIF still validates.
    let env = logs.join("conda-memory-error-bld009.environment.yml");
    let out = condalint(&["explain", "conda-memory-error-bld009.log", "--env", env.to_str().unwrap(), "--output-format", "sarif"], &logs, None);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("tests/schemas/sarif-schema-2.1.0.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(sarif["runs"][0]["results"][0]["relatedLocations"].as_array().map(Vec::len), Some(3));
    let rules: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(rules.iter().all(|r| r.starts_with("BLD")) && rules.len() == 16, "{rules:?}");
}

mod robustness {
    use super::*;
    use condalint::render::{render, FileReport, FullOptions, OutputFormat};
    use proptest::prelude::*;

    /// Pieces a hostile or broken log is made of: the catalogue's words, escapes, redraws,
    /// prefixes, invalid UTF-8, long runs.
    fn piece() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"ResolvePackageNotFound:\n".to_vec()),
            Just(b"  - numpy=1.0\n".to_vec()),
            Just(b"ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.\n".to_vec()),
            Just(b"No matching distribution found for x (from y->-r /tmp/condaenv.a.requirements.txt (line 2))\n".to_vec()),
            Just(b"Cannot uninstall '\xff'. It is a distutils installed project\n".to_vec()),
            Just(b"\x1b[31m\x1b]8;;http://x\x07\x1b".to_vec()),
            Just(b"\r\r\n".to_vec()),
            Just(b"#12 3.4 2024-01-01T00:00:00Z > Step 1/2 : ".to_vec()),
            Just(b"[91m[0m[".to_vec()),
            Just("é😀\u{202e}".as_bytes().to_vec()),
            Just(b"https://u:sekretsekretsekret@h/simple Read timed out\n".to_vec()),
            Just(b"Successfully installed x\n".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..40),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_log_is_explained_and_rendered(pieces in proptest::collection::vec(piece(), 0..30)) {
            let log: Vec<u8> = pieces.concat();
            let dir = tempfile::tempdir().unwrap();
            let env = env_file(dir.path(), "name: x\nchannels: [conda-forge]\ndependencies:\n  - numpy\n  - pip:\n      - x==1\n      - y\n");
            let e = explain(&mut &log[..], "build.log", &[env.display().to_string()], &DiskFileSystem, &Settings::default()).unwrap();
            prop_assert!(!e.diagnostics.is_empty(), "always an answer");
            let lines = log.iter().filter(|&&b| b == b'\n').count() + 1;
            for d in &e.diagnostics {
                let (row, _) = e.log.line_col(d.primary.range.start);
                prop_assert!(row >= 1 && row <= lines, "row {row} of {lines}");
                prop_assert!(e.log.text.is_char_boundary(d.primary.range.start) && e.log.text.is_char_boundary(d.primary.range.end));
                prop_assert!(!d.message.contains("sekretsekretsekret"));
            }
            prop_assert!(!e.log.text.contains("sekretsekretsekret"));
            let reports = [FileReport { source: &e.log, diagnostics: &e.diagnostics, suppressed: &[] }];
            for format in [OutputFormat::Full, OutputFormat::Concise, OutputFormat::Json, OutputFormat::Sarif, OutputFormat::Github, OutputFormat::Azure, OutputFormat::Gitlab, OutputFormat::Junit] {
                let _ = render(format, &reports, &FullOptions::default(), &[]);
            }
        }
    }
}
