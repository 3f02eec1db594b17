//! Real environment files from public repositories (`tests/fixtures/real/`, provenance in its
//! `MANIFEST.tsv`), each chosen because it triggers a rule at default settings. The JSON findings
//! are snapshotted, so any change in what condalint says about a real file shows up in review.

use std::path::Path;
use std::process::Command;

#[test]
fn real_files_json_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20);
    let mut codes = std::collections::BTreeSet::new();
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap().to_owned();
        let out = Command::new(env!("CARGO_BIN_EXE_condalint"))
            .args(["--output-format", "json", &name])
            .current_dir(&dir)
            // The date python-end-of-life compares against, so that the snapshots do not age.
            .env("CONDALINT_TODAY", "2026-12-01")
            .output()
            .unwrap();
        let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        for f in findings.as_array().unwrap() {
            codes.insert(f["code"].as_str().unwrap().to_owned());
        }
        insta::with_settings!({ snapshot_suffix => name.replace('.', "_") }, {
            insta::assert_json_snapshot!("real", findings);
        });
    }
    insta::assert_debug_snapshot!("real_codes_covered", codes);
}
