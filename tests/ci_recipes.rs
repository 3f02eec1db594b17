//! The CI recipes of `examples/ci/`: each is valid YAML of its service's shape, pins the version
//! this crate is, and every `condalint` command it runs works here and writes what the service
//! reads (annotations, a SARIF file, a Code Quality report, logging commands).

mod common;

use std::path::Path;

use common::{code, condalint, repo, text};
use serde_json::Value;

fn recipe(name: &str) -> Value {
    let path = repo().join("examples/ci").join(name);
    let yaml = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{name} is not valid YAML: {e}"))
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map(|items| items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

/// A scratch repository with one environment file with findings, as a CI checkout would be.
fn checkout() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("examples/01-minimal/environment.yml"), dir.path().join("environment.yml")).unwrap();
    dir
}

/// Runs the recipe's commands in order: `pip install` must pin this version, `condalint …` runs
/// the built binary in `dir` and must exit 1 on the findings (0 with `--exit-zero`). Returns the
/// stdout of each condalint command.
fn run_commands(commands: &[String], dir: &Path) -> Vec<String> {
    let version = env!("CARGO_PKG_VERSION");
    let mut outputs = Vec::new();
    for command in commands {
        assert!(!command.contains(['"', '\'', '|', '>', '$']), "a recipe command this test can split: {command}");
        let words: Vec<&str> = command.split_whitespace().collect();
        match words.as_slice() {
            ["pip", "install", spec] => assert_eq!(*spec, format!("condalint=={version}"), "the recipe pins this version"),
            ["condalint", args @ ..] => {
                let out = condalint(args, dir, None);
                let expected = if args.contains(&"--exit-zero") { 0 } else { 1 };
                assert_eq!(code(&out), expected, "`{command}`: {}{}", text(&out.stdout), text(&out.stderr));
                outputs.push(text(&out.stdout));
            }
            _ => panic!("a command this test does not know: {command}"),
        }
    }
    assert!(!outputs.is_empty(), "the recipe runs condalint");
    outputs
}

fn json_file(dir: &Path, name: &str) -> Value {
    let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

#[test]
fn github_actions() {
    let workflow = recipe("github-actions.yml");
    assert!(workflow.get("on").is_some(), "a workflow has triggers");
    assert_eq!(workflow["permissions"]["security-events"], "write", "upload-sarif needs security-events: write");
    let steps = workflow["jobs"]["condalint"]["steps"].as_array().expect("jobs.condalint.steps");
    for step in steps {
        let uses = step.get("uses").and_then(Value::as_str);
        assert!(uses.is_some() != step.get("run").is_some(), "a step either uses an action or runs a command: {step}");
        assert!(uses.is_none_or(|u| u.contains("@v")), "actions are pinned to a version: {step}");
    }
    let upload = steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))).expect("a SARIF upload");
    let sarif_file = upload["with"]["sarif_file"].as_str().expect("upload-sarif's sarif_file");
    let commands: Vec<String> = steps.iter().filter_map(|s| s["run"].as_str().map(str::to_owned)).collect();
    let dir = checkout();
    let outputs = run_commands(&commands, dir.path());
    let sarif = json_file(dir.path(), sarif_file);
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["runs"][0]["results"].as_array().is_some_and(|r| !r.is_empty()), "the SARIF file holds the findings");
    let annotations = outputs.last().unwrap();
    assert!(annotations.lines().any(|l| l.starts_with("::warning file=environment.yml,") || l.starts_with("::error file=environment.yml,")), "{annotations}");
}

#[test]
fn gitlab() {
    let pipeline = recipe("gitlab-ci.yml");
    let job = &pipeline["condalint"];
    assert!(strings(&pipeline["stages"]).contains(&job["stage"].as_str().unwrap().to_owned()), "the job's stage is declared");
    let report = job["artifacts"]["reports"]["codequality"].as_str().expect("artifacts.reports.codequality");
    assert_eq!(job["artifacts"]["when"], "always", "the report is kept when the job fails on findings");
    let commands = strings(&job["script"]);
    assert!(commands.iter().any(|c| c.ends_with(&format!("--output-file {report}"))), "the job writes the report it declares");
    let dir = checkout();
    run_commands(&commands, dir.path());
    let issues = json_file(dir.path(), report);
    let issues = issues.as_array().expect("a Code Quality report is a JSON array");
    assert!(!issues.is_empty());
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity", "location"] {
            assert!(issue.get(key).is_some(), "a Code Quality issue has `{key}`: {issue}");
        }
    }
}

#[test]
fn azure_pipelines() {
    let pipeline = recipe("azure-pipelines.yml");
    assert!(pipeline["pool"]["vmImage"].is_string());
    let steps = pipeline["steps"].as_array().expect("steps");
    for step in steps {
        let kinds = ["script", "task", "checkout"].iter().filter(|k| step.get(**k).is_some()).count();
        assert_eq!(kinds, 1, "a step is one of script, task or checkout: {step}");
    }
    let commands: Vec<String> = steps.iter().filter_map(|s| s["script"].as_str().map(str::to_owned)).collect();
    let dir = checkout();
    let outputs = run_commands(&commands, dir.path());
    let log = outputs.last().unwrap();
    assert!(log.lines().any(|l| l.starts_with("##vso[task.logissue type=")), "{log}");
}
