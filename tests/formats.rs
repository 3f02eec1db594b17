//! Every CI output format over one fixture (several findings, a secondary label, a non-ASCII
//! line, a fix and a suppressed finding), the SARIF schema, and `--statistics`.

mod common;

use std::process::Output;

const FIXTURE: &str = "tests/fixtures/formats/environment.yml";

fn condalint(args: &[&str]) -> Output {
    common::condalint(args, common::repo(), None)
}

fn run_format(format: &str) -> String {
    let out = condalint(&["--output-format", format, FIXTURE]);
    assert_eq!(out.status.code(), Some(1), "{format}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn github() {
    let text = run_format("github");
    assert!(text.lines().all(|l| l.starts_with("::warning file=") || l.starts_with("::error file=")), "{text}");
    insta::assert_snapshot!("github", text);
}

#[test]
fn azure() {
    let text = run_format("azure");
    assert!(text.lines().all(|l| l.starts_with("##vso[task.logissue type=")), "{text}");
    insta::assert_snapshot!("azure", text);
}

#[test]
fn junit() {
    let text = run_format("junit");
    assert!(text.contains("<testsuite name=\"tests/fixtures/formats/environment.yml\" tests=\"4\" failures=\"4\">"));
    insta::assert_snapshot!("junit", text);
}

#[test]
fn gitlab() {
    let text = run_format("gitlab");
    let issues: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let fingerprints: Vec<&str> = issues.as_array().unwrap().iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    let mut unique = fingerprints.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fingerprints.len(), "fingerprints are unique");
    insta::assert_snapshot!("gitlab", text);
}

#[test]
fn gitlab_fingerprints_survive_an_inserted_line_and_tell_twins_apart() {
    let dir = tempfile::tempdir().unwrap();
    let body = "name: x\nchannels:\n  - conda-forge\n  - conda-forge\n  - conda-forge\ndependencies:\n  - python=3.11\n";
    let run = |text: &str| -> Vec<String> {
        std::fs::write(dir.path().join("environment.yml"), text).unwrap();
        let out = common::condalint(&["--output-format", "gitlab", "environment.yml"], dir.path(), None);
        let issues: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        issues.as_array().unwrap().iter().map(|i| i["fingerprint"].as_str().unwrap().to_owned()).collect()
    };
    let before = run(body);
    assert_eq!(before.len(), 2, "two identical duplicate-channel findings");
    assert_ne!(before[0], before[1]);
    assert_eq!(run(&format!("# a comment added on top\n{body}")), before);
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let text = run_format("sarif");
    insta::assert_snapshot!("sarif", text);
    let schema_path = common::repo().join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&serde_json::Value> = results.iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert_eq!(suppressed.len(), 1, "the suppressed CDA006 is listed with its suppression");
    assert_eq!(suppressed[0]["suppressions"][0]["justification"], "exported from the linux-64 image");
    assert!(results.iter().any(|r| r.get("relatedLocations").is_some()), "a secondary label");
    assert!(results.iter().any(|r| r.get("fixes").is_some()), "a fix");

    // The validator does reject a broken document.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "bogus".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn statistics() {
    let out = condalint(&["--statistics", FIXTURE]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("statistics", String::from_utf8_lossy(&out.stdout));
    let out = condalint(&["--statistics", "--output-format", "json", FIXTURE]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let cda006 = rows.as_array().unwrap().iter().find(|r| r["code"] == "CDA006").expect("suppressed rule counted");
    assert_eq!((cda006["count"].as_u64(), cda006["suppressed"].as_u64()), (Some(0), Some(1)));
}
