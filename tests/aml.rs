//! Azure ML definitions from Microsoft's samples and from saved v1 environments
//! (`tests/fixtures/aml-examples`, sources in `v2/SOURCE.md` and each `*.source`): every kind is
//! recognised, conda specifications are linted inline and in the files they name.

mod common;

use common::{code, condalint, repo, text};
use condalint::aml::Kind;
use condalint::{check, DiskFileSystem, Settings, SourceFile};

fn fixtures() -> std::path::PathBuf {
    repo().join("tests/fixtures")
}

fn kind(path: &str) -> Option<Kind> {
    let source = SourceFile::from_bytes(path, &std::fs::read(fixtures().join("aml-examples").join(path)).unwrap());
    condalint::model::lower(&source).aml.map(|a| a.kind)
}

#[test]
fn every_kind_is_recognised() {
    let cases = [
        ("v2/cli/assets/environment/docker-image.yml", Kind::Environment),
        ("v2/cli/assets/environment/docker-image-plus-conda.yaml", Kind::Environment),
        ("v2/cli/assets/environment/docker-context.yml", Kind::Environment),
        ("v2/cli/jobs/single-step/lightgbm/iris/job.yml", Kind::Job),
        ("v2/cli/jobs/single-step/lightgbm/iris/job-sweep.yml", Kind::Job),
        ("v2/cli/jobs/pipelines-with-components/basics/5c_env_conda_file/pipeline.yml", Kind::Job),
        ("v2/cli/jobs/pipelines-with-components/basics/5c_env_conda_file/component.yml", Kind::Component),
        ("v2/cli/endpoints/online/managed/sample/blue-deployment.yml", Kind::Deployment),
        ("v2/cli/endpoints/batch/deploy-models/mnist-classifier/deployment-torch/deployment.yml", Kind::Deployment),
        ("v1/kuko6+glioma-segmentation/azureml_environment.json", Kind::V1Environment),
    ];
    for (path, want) in cases {
        assert_eq!(kind(path), Some(want), "{path}");
    }
    assert_eq!(kind("v2/cli/assets/environment/conda-yamls/pydata.yml"), None, "a conda file is not a definition");
}

#[test]
fn an_inline_conda_specification_is_linted_in_the_definition() {
    let path = fixtures().join("aml-examples/v2/sdk/python/jobs/pipelines/1b_pipeline_with_python_function_components/src/env.yaml");
    let source = SourceFile::from_bytes(path.display().to_string(), &std::fs::read(&path).unwrap());
    let settings = Settings { today: Some(common::TODAY.into()), ..Settings::default() };
    let found = check(&source, &settings, &DiskFileSystem);
    let python_eol = found.iter().find(|d| d.code == "CDA010").expect("python 3.8 is past its end of life");
    assert!(python_eol.file.is_none(), "reported in the definition itself");
    assert_eq!(source.slice(python_eol.primary.range), "3.8.12", "the span is the version, in the definition");
    assert!(found.iter().all(|d| d.fix.is_none()), "conda fixes are not offered inside a definition");
}

/// A walk finds the definitions (by `$schema`, and `azureml_environment.json` by name) and the
/// conda files they name; each conda file's findings are reported in it, once.
#[test]
fn the_samples_as_a_walk_finds_them() {
    let out = condalint(&["--output-format", "concise", "aml-examples"], &fixtures(), None);
    assert!(matches!(code(&out), 0 | 1), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    insta::assert_snapshot!("aml_examples", text(&out.stdout));
}
