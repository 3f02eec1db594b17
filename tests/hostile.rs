//! Hostile inputs: each must end with a diagnostic (or, for I/O limits, an exit-2 message),
//! never a panic, a hang or unbounded memory. Inputs are generated here, not committed.
//! (Empty files, 10,000-deep nesting, random bytes, NUL bytes, tabs and FIFOs are in cli.rs.)

mod common;

use common::{code, condalint, text};

/// Lints `bytes` as `environment.yml` through stdin and returns (exit code, concise output).
fn lint_stdin(bytes: &[u8]) -> (i32, String) {
    let out = condalint(&["-", "--stdin-filename", "environment.yml", "--output-format", "concise"], common::repo(), Some(bytes));
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
    (code(&out), text(&out.stdout))
}

#[test]
fn billion_laughs_is_an_env001_finding() {
    let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    yaml.push_str("dependencies: [*a9]\n");
    let (code, out) = lint_stdin(yaml.as_bytes());
    assert_eq!(code, 1);
    assert!(out.starts_with("environment.yml:6:9: ENV001 [error] invalid YAML: aliases expand this YAML to more than 1000000 nodes"), "{out}");
}

#[test]
fn merge_key_bomb_is_bounded() {
    let mut yaml = String::from("b0: &b0 {k0: 1, k1: 2, k2: 3, k3: 4, k4: 5, k5: 6, k6: 7, k7: 8, k8: 9, k9: 10}\n");
    for i in 1..8 {
        let merges = (0..10).map(|j| format!("m{j}: {{<<: *b{}}}", i - 1)).collect::<Vec<_>>().join(", ");
        yaml.push_str(&format!("b{i}: &b{i} {{{merges}}}\n"));
    }
    yaml.push_str("name: x\ndependencies:\n  - python=3.11\n");
    let (code, out) = lint_stdin(yaml.as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("ENV001 [error] invalid YAML: aliases expand this YAML"), "{out}");
}

#[test]
fn very_long_lines_and_keys() {
    let long_value = format!("name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - {}\n", "a".repeat(1_000_000));
    let (code, out) = lint_stdin(long_value.as_bytes());
    assert_eq!(code, 0, "a 1 MB package name is odd but parses: {out}");
    let long_key = format!("name: x\ndependencies: []\n{}: 1\n", "k".repeat(200_000));
    let (code, out) = lint_stdin(long_key.as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("ENV001 [error] invalid YAML"), "YAML limits implicit keys to 1024 characters: {out}");
}

#[test]
fn encodings_and_line_endings() {
    let body = "name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip:\n    - requests==2.31.0\n";
    let utf16_no_bom: Vec<u8> = body.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let (_, out) = lint_stdin(&utf16_no_bom);
    assert_eq!(out, "environment.yml:1:2: ENV001 [error] file looks like UTF-16 without a byte order mark; save it as UTF-8\n");
    let (_, out) = lint_stdin(b"name: caf\xe9\ndependencies: []\n");
    assert_eq!(out, "environment.yml:1:10: ENV001 [error] file is not valid UTF-8: invalid byte 0xe9 at byte 9\n");
    // The same finding on the same line, whatever the line endings.
    for ending in ["\n", "\r\n", "\r"] {
        let (_, out) = lint_stdin(body.replace('\n', ending).as_bytes());
        assert!(out.starts_with("environment.yml:6:5: PIP001 "), "{ending:?}: {out}");
    }
}

#[test]
fn requirement_files_in_other_encodings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("numpy=1.21\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(d.join("utf16.txt"), utf16).unwrap();
    std::fs::write(d.join("latin1.txt"), b"caf\xe9==1.0\n").unwrap();
    std::fs::write(
        d.join("environment.yml"),
        "name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip=23.3\n  - pip:\n    - -r utf16.txt\n    - -r latin1.txt\n",
    )
    .unwrap();
    let out = condalint(&["--output-format", "concise", "environment.yml"], d, None);
    assert_eq!(
        text(&out.stdout),
        "environment.yml:8:10: ENV008 [error] cannot read `latin1.txt`: file is not valid UTF-8: invalid byte 0xe9 at byte 3\n\
         utf16.txt:1:1: PIP004 [error] `numpy=1.21` is conda syntax, not a pip requirement; pip reads `numpy==1.21.*`\n"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_in_a_discovered_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("a/b")).unwrap();
    std::os::unix::fs::symlink("..", d.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink("self", d.join("a/self")).unwrap();
    std::fs::write(d.join("a/environment.yml"), "name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n").unwrap();
    let out = condalint(&["--output-format", "concise"], d, None);
    assert_eq!((code(&out), text(&out.stdout)), (0, String::new()), "{}", text(&out.stderr));
}

#[test]
fn a_100_mb_file_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("environment.yml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let out = condalint(&["environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 2);
    assert_eq!(text(&out.stderr), "condalint: error: environment.yml: file is larger than the 32 MiB limit; not linted\n");
}

#[test]
fn include_chains_deeper_than_the_limit_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for i in 0..40 {
        std::fs::write(d.join(format!("r{i}.txt")), format!("-r r{}.txt\n", i + 1)).unwrap();
    }
    std::fs::write(d.join("r40.txt"), "requests==2.31.0\n").unwrap();
    std::fs::write(d.join("environment.yml"), "name: x\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip=23.3\n  - pip:\n    - -r r0.txt\n").unwrap();
    let out = condalint(&["--output-format", "concise", "environment.yml"], d, None);
    assert_eq!(text(&out.stdout), "r30.txt:1:4: ENV008 [error] `r31.txt` is more than 32 `-r` files deep; condalint does not follow it\n");
}

/// Inputs the fuzz targets (`fuzz/`) crashed on, kept as regressions: each is linted as an
/// environment file and classified as a requirements file.
#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = common::repo().join("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let source = condalint::SourceFile::from_bytes("environment.yml", &bytes);
        let _ = condalint::lint(&source, &condalint::settings::Settings::all(), &condalint::DiskFileSystem);
        let _ = condalint::model::parse_requirements(&String::from_utf8_lossy(&bytes));
        seen += 1;
    }
    assert!(seen >= 2);
    // The crash behind them: pep508_rs 0.9.2 panics on a name that ends in `-`, `_` or `.`.
    let items = condalint::model::parse_requirements("numpy- ==1.0\nreques.+ts==2\npkg[extra-, b]==1\npkg [a.]\nrip[s.tarZs.\n");
    let _ = condalint::model::parse_requirements("git+https:/x\t[r.]\n");
    assert!(items.iter().all(|i| matches!(i.kind, condalint::model::PipItemKind::Invalid { .. })));
}
