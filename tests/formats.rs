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

/// The `full` format draws labels far apart as separate snippets (miette's own merge test
/// would draw one frame over every line between them), keeps labels a few lines apart in one
/// snippet, and draws a label over many lines as its first and last line.
#[test]
fn full_draws_distant_labels_as_separate_snippets() {
    let dir = tempfile::tempdir().unwrap();
    // Far down the file, where miette's merge test (start line + lines up to the snippet's end)
    // would join the two CDA004 labels 60 lines apart.
    let mut far = String::from("name: far\nchannels:\n  - conda-forge\n  - bioconda\n  - defaults\ndependencies:\n  - python=3.12\n");
    for i in 0..120 {
        if i == 60 {
            far.push_str("  - numpy=1.26\n");
        }
        far.push_str(&format!("  - package{i}=1.0\n"));
    }
    far.push_str("  - pip=24.0\n  - pip:\n      - numpy==1.26.4\n");
    std::fs::write(dir.path().join("environment.yml"), &far).unwrap();
    let mut listing = String::from("# packages in environment at /opt/conda:\n#\n");
    for i in 0..40 {
        listing.push_str(&format!("package{i}                  1.0                 h1234567_0    conda-forge\n"));
    }
    std::fs::write(dir.path().join("list.yml"), &listing).unwrap();
    let out = common::condalint(
        &["--select", "CDA004,CHN002,ENV002", "--output-format", "full", "environment.yml", "list.yml"],
        dir.path(),
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let frames = text.lines().filter(|l| l.trim_start().starts_with('╭')).count();
    assert_eq!(frames, 5, "CHN002 in one snippet, CDA004 and ENV002 in two each:\n{text}");
    let longest = text.split('╭').map(|frame| frame.lines().take_while(|l| !l.contains('╰')).count()).max().unwrap();
    assert!(longest < 12, "no long frame:\n{text}");
    insta::assert_snapshot!("full_distant_labels", text);
}
