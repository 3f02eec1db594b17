//! AML001, AML002, AML003, AML006, AML007, AML010 and AML015 on real Azure ML definitions
//! (`tests/fixtures/aml-examples/`: Azure/azureml-examples with its layout in `v2/`, and
//! directories that azureml-core's `Environment.save_to_directory` wrote in `v1/`; provenance in
//! `v2/SOURCE.md` and each `azureml_environment.json.source`).

use std::path::{Path, PathBuf};

use condalint::{check, DiskFileSystem, MemoryFileSystem, Settings, SourceFile};

const CODES: &[&str] = &["AML001", "AML002", "AML003", "AML006", "AML007", "AML010", "AML015"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aml-examples")
}

/// `(file relative to the fixtures, line, code)` of this family's findings on one file.
fn findings_on(path: &Path, fs: &dyn condalint::FileSystem) -> Vec<(String, usize, &'static str)> {
    let text = std::fs::read(path).unwrap();
    let source = SourceFile::from_bytes(path.to_string_lossy().into_owned(), &text);
    let root = root();
    check(&source, &Settings { today: Some("2026-12-01".into()), ..Settings::default() }, fs)
        .into_iter()
        .filter(|d| CODES.contains(&d.code))
        .map(|d| {
            let file = d.file.as_deref().unwrap_or(&source);
            let shown = Path::new(&file.path).strip_prefix(&root).map_or(file.path.clone(), |p| p.to_string_lossy().into_owned());
            (shown, file.line_col(d.primary.range.start).0, d.code)
        })
        .collect()
}

/// Every file under `dir`.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn definitions(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.retain(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml" || e == "json"));
    files.sort();
    files
}

#[test]
fn real_definitions_have_exactly_these_findings() {
    let files = definitions(&root());
    assert!(files.len() >= 25, "{}", files.len());
    let mut all = Vec::new();
    for file in &files {
        all.extend(findings_on(file, &DiskFileSystem));
    }
    let expected = [
        // Registered environments saved from the service: curated names, not registrable again.
        ("v1/mheroth+Capstone-Project-Azure-Machine-Learning-Engineer/azureml_environment.json", 2, "AML010"),
        ("v1/rafapb+nd00333_AZMLND_Capstone/azureml_environment.json", 2, "AML010"),
        // `azureml://registries/azureml/environments/sklearn-1.5/labels/latest`, three steps.
        ("v2/cli/jobs/basics/hello-pipeline-abc.yml", 12, "AML015"),
        ("v2/cli/jobs/basics/hello-pipeline-abc.yml", 17, "AML015"),
        ("v2/cli/jobs/basics/hello-pipeline-abc.yml", 22, "AML015"),
        // `azureml:AzureML-lightgbm-3.3@latest` in a sweep's `trial` and in a command job, files
        // with `${{inputs…}}` expressions (not Jinja).
        ("v2/cli/jobs/single-step/lightgbm/iris/job-sweep.yml", 10, "AML015"),
        ("v2/cli/jobs/single-step/lightgbm/iris/job.yml", 10, "AML015"),
    ];
    let mut got: Vec<(String, usize, &str)> = all;
    got.sort();
    let mut want: Vec<(String, usize, &str)> = expected.iter().map(|&(f, l, c)| (f.to_owned(), l, c)).collect();
    want.sort();
    assert_eq!(got, want);
}

/// A real definition, changed in one place, in a memory file system holding its real neighbours.
fn edited(relative: &str, from: &str, to: &str) -> Vec<(usize, &'static str)> {
    let path = root().join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{relative} has no `{from}`");
    let text = text.replacen(from, to, 1);
    let mut fs = MemoryFileSystem::new();
    let dir = root();
    let mut files = Vec::new();
    walk(&dir, &mut files);
    for f in &files {
        fs.insert(f, std::fs::read(f).unwrap());
    }
    fs.insert(&path, text.clone());
    let source = SourceFile::from_text(path.to_string_lossy().into_owned(), text);
    check(&source, &Settings::default(), &fs)
        .into_iter()
        .filter(|d| CODES.contains(&d.code) && d.file.is_none())
        .map(|d| (source.line_col(d.primary.range.start).0, d.code))
        .collect()
}

#[test]
fn real_definitions_edited_into_each_mistake() {
    let env = "v2/cli/assets/environment/docker-image-plus-conda.yaml";
    assert_eq!(edited(env, "conda-yamls/pydata.yml", "conda-yamls/missing.yml"), [(4, "AML006")]);
    assert_eq!(edited(env, "image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04\n", ""), [(3, "AML001")]);
    assert_eq!(edited(env, "name: docker-image-plus-conda-example\n", "name: docker-image-plus-conda-example\nversion: 1.10\n"), [(3, "AML007")]);
    assert_eq!(edited(env, "name: docker-image-plus-conda-example", "name: Microsoft-pydata"), [(2, "AML010")]);
    assert_eq!(
        edited(env, "conda_file: conda-yamls/pydata.yml\n", "channels:\n  - conda-forge\ndependencies:\n  - python=3.12\n"),
        [(4, "AML003"), (6, "AML003")]
    );
    let context = "v2/cli/assets/environment/docker-context.yml";
    assert_eq!(edited(context, "path: docker-contexts/python-and-pip", "path: docker-contexts/missing"), [(4, "AML006")]);
    assert_eq!(
        edited(context, "path: docker-contexts/python-and-pip", "path: docker-contexts/python-and-pip\n  dockerfile_path: train.Dockerfile"),
        [(5, "AML006")]
    );
    assert_eq!(edited(context, "build:", "conda_file: conda-yamls/pydata.yml\nbuild:"), [(3, "AML002")]);
    assert_eq!(edited(context, "build:", "image: python:3.8\nbuild:"), [(4, "AML001")]);
    let deployment = "v2/cli/endpoints/online/managed/sample/blue-deployment-with-registered-assets.yml";
    assert_eq!(edited(deployment, "azureml:my-env:1", "azureml:my-env"), [(8, "AML015")]);
    assert!(edited(deployment, "azureml:my-env:1", "azureml:my-env@prod").is_empty(), "a label other than latest");
    let step = "v2/cli/jobs/parallel/2a_iris_batch_prediction/pipeline.yml";
    assert_eq!(edited(step, "image: ", "#image: ").len(), 1, "the inline parallel task environment lost its image");
    let v1 = "v1/rafapb+nd00333_AZMLND_Capstone/azureml_environment.json";
    assert_eq!(edited(v1, "\"baseImage\": null", "\"baseImage\": \"ubuntu:18.04\""), [(2, "AML010"), (15, "AML001")]);
}

#[test]
fn the_cli_lints_job_files_with_expressions() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_condalint"))
        .args(["--output-format", "concise", "v2/cli/jobs/single-step/lightgbm/iris/job.yml"])
        .current_dir(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("job.yml:10:14: AML015"), "{stdout}");
    assert!(!stdout.contains("ENV015"), "{stdout}");
}
