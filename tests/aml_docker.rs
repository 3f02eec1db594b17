//! The Docker rules of Azure ML definitions (AML004 image-not-pinned, AML005
//! invalid-image-reference, AML009 deprecated-base-image, AML017 dockerfile-distutils, AML018
//! dockerfile-too-large) on real definitions (`tests/fixtures/aml/docker/`, copied byte for
//! byte: sources in `v2/SOURCE.md` and the `*.source` notes) and on definitions built in
//! memory for what no real file shows.

use std::path::Path;

use condalint::{check, DiskFileSystem, FileSystem, MemoryFileSystem, Settings, SourceFile};

const CODES: &[&str] = &["AML004", "AML005", "AML009", "AML017", "AML018"];

/// (file, line, code, message) of this family's findings, in order.
type Found = Vec<(String, usize, &'static str, String)>;

fn lint(path: &str, text: &[u8], fs: &dyn FileSystem) -> Found {
    let source = SourceFile::from_bytes(path, text);
    let settings = Settings {
        today: Some("2026-12-01".into()),
        ..Settings::default()
    };
    let mut found: Found = check(&source, &settings, fs)
        .into_iter()
        .filter(|d| CODES.contains(&d.code))
        .map(|d| {
            let file = d
                .file
                .clone()
                .unwrap_or_else(|| std::sync::Arc::new(source.clone()));
            let name = Path::new(&file.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                name,
                file.line_col(d.primary.range.start).0,
                d.code,
                d.message.clone(),
            )
        })
        .collect();
    found.sort();
    found
}

fn fixture(rel: &str) -> Found {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/aml/docker")
        .join(rel);
    lint(
        path.to_str().unwrap(),
        &std::fs::read(&path).unwrap(),
        &DiskFileSystem,
    )
}

fn codes(found: &Found) -> Vec<(String, usize, &'static str)> {
    found
        .iter()
        .map(|(f, l, c, _)| (f.clone(), *l, *c))
        .collect()
}

fn at(file: &str, line: usize, code: &'static str) -> (String, usize, &'static str) {
    (file.to_owned(), line, code)
}

#[test]
fn v2_untagged_deprecated_image_plus_conda() {
    // azureml-examples cli/assets/environment/docker-image-plus-conda.yaml:
    // `image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04`, no tag, on the current list.
    let found = fixture("v2/cli/assets/environment/docker-image-plus-conda.yaml");
    let f = "docker-image-plus-conda.yaml";
    assert_eq!(codes(&found), [at(f, 3, "AML004"), at(f, 3, "AML009")]);
    assert!(
        found[0].3.contains("has no tag or digest"),
        "{}",
        found[0].3
    );
    assert!(
        found[1].3.contains("`azureml/openmpi4.1.0-ubuntu20.04`"),
        "{}",
        found[1].3
    );
}

#[test]
fn v2_latest_tags() {
    let found = fixture("v2/cli/assets/environment/docker-image.yml");
    assert_eq!(codes(&found), [at("docker-image.yml", 3, "AML004")]);
    assert!(found[0]
        .3
        .contains("`pytorch/pytorch:latest` uses the moving tag `latest`"));
    let found =
        fixture("v2/cli/jobs/pipelines-with-components/basics/5c_env_conda_file/component.yml");
    assert_eq!(codes(&found), [at("component.yml", 12, "AML004")]);
    let found = fixture(
        "v2/cli/jobs/pipelines-with-components/basics/5a_env_public_docker_image/component.yml",
    );
    assert_eq!(codes(&found), [at("component.yml", 11, "AML004")]);
    assert!(found[0].3.contains("`docker.io/python` has no tag"));
}

#[test]
fn v2_build_context_with_a_tagged_from_and_a_commented_one() {
    // `#FROM mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04` is a comment; `FROM python:3.8`
    // is tagged; pip comes from the image (no apt install): nothing to report.
    assert_eq!(fixture("v2/cli/assets/environment/docker-context.yml"), []);
}

#[test]
fn v1_definitions_and_the_sibling_base_dockerfile() {
    // A saved curated environment: baseImage null, the Dockerfile written beside it.
    let found = fixture("v1/rafapb+nd00333_AZMLND_Capstone/azureml_environment.json");
    assert_eq!(codes(&found), [at("BaseDockerfile", 1, "AML009")]);
    assert!(found[0].3.starts_with(
        "`FROM` image `mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04:20220208.v1`"
    ));
    let found = fixture("v1/kuko6+glioma-segmentation/azureml_environment.json");
    assert_eq!(
        codes(&found),
        [at("azureml_environment.json", 15, "AML009")]
    );
}

fn memory(files: &[(&str, &str)]) -> MemoryFileSystem<'static> {
    let mut fs = MemoryFileSystem::new();
    for (path, text) in files {
        fs.insert(path, text.as_bytes().to_vec());
    }
    fs
}

const ENV_BUILD: &str = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: ctx\nbuild:\n  path: ctx\n";

#[test]
fn a_build_context_dockerfile_reports_in_the_dockerfile() {
    let dockerfile = "ARG BASE=ubuntu:20.04\nFROM $BASE AS build\nRUN apt-get update && apt-get install -y --no-install-recommends python3 curl\nFROM build\nFROM scratch\nFROM MyOrg/tools:1 AS tools\nFROM mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04\n";
    let fs = memory(&[("/p/ctx/Dockerfile", dockerfile)]);
    let found = lint("/p/env.yml", ENV_BUILD.as_bytes(), &fs);
    assert_eq!(
        codes(&found),
        [
            at("Dockerfile", 3, "AML017"),
            at("Dockerfile", 6, "AML005"),
            at("Dockerfile", 7, "AML004"),
            at("Dockerfile", 7, "AML009")
        ],
        "{found:#?}"
    );
    // `FROM $BASE` resolves to a tagged image; `FROM build` is a stage and `scratch` no image.
    assert!(
        found[0].3.contains("Ubuntu 20.04 (focal)"),
        "{}",
        found[0].3
    );
    assert!(
        found[1].3.contains("`MyOrg` as a registry host"),
        "{}",
        found[1].3
    );
    // The label in the definition names the build context.
    let source = SourceFile::from_bytes("/p/env.yml", ENV_BUILD.as_bytes());
    let all = check(&source, &Settings::default(), &fs);
    let d = all.iter().find(|d| d.code == "AML017").unwrap();
    let file = d.file.as_ref().unwrap();
    assert_eq!(file.slice(d.primary.range), "python3");
    let context = d
        .secondary
        .iter()
        .find(|l| l.file.is_none())
        .expect("a label in the definition");
    assert_eq!(source.slice(context.range), "ctx");
    let d = all.iter().find(|d| d.code == "AML005").unwrap();
    assert_eq!(d.file.as_ref().unwrap().slice(d.primary.range), "MyOrg");
}

#[test]
fn python3_pip_and_python3_distutils_bring_distutils() {
    for packages in [
        "python3 python3-distutils",
        "python3 python3-pip",
        "python3-pip",
    ] {
        let dockerfile =
            format!("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y {packages}\n");
        let fs = memory(&[("/p/ctx/Dockerfile", &dockerfile)]);
        assert_eq!(
            lint("/p/env.yml", ENV_BUILD.as_bytes(), &fs),
            [],
            "{packages}"
        );
    }
    // Ubuntu 24.04 has no distutils to install; an unknown base is not judged.
    for base in ["ubuntu:24.04", "python:3.8"] {
        let dockerfile = format!("FROM {base}\nRUN apt-get install -y python3\n");
        let fs = memory(&[("/p/ctx/Dockerfile", &dockerfile)]);
        assert_eq!(lint("/p/env.yml", ENV_BUILD.as_bytes(), &fs), [], "{base}");
    }
}

#[test]
fn a_dockerfile_over_100_kb() {
    let big = format!(
        "FROM ubuntu:22.04\n{}",
        "RUN echo 0123456789012345678901234567890123456789\n".repeat(2100)
    );
    let fs = memory(&[("/p/ctx/Dockerfile", &big)]);
    let found = lint("/p/env.yml", ENV_BUILD.as_bytes(), &fs);
    // 102,400 bytes are passed on line 2049 (18 bytes of FROM, then lines of 50).
    let line = (100 * 1024 - 18) / 50 + 2;
    assert_eq!(line, 2049);
    assert_eq!(codes(&found), [at("Dockerfile", line, "AML018")]);
    assert_eq!(
        found[0].3,
        format!(
            "this Dockerfile is {} bytes, over Azure ML's limit of 100 KB (102400 bytes)",
            big.len()
        )
    );
    let exact = format!("FROM ubuntu:22.04\n{}", "#".repeat(100 * 1024 - 19) + "\n");
    assert_eq!(exact.len(), 100 * 1024);
    let fs = memory(&[("/p/ctx/Dockerfile", &exact)]);
    assert_eq!(lint("/p/env.yml", ENV_BUILD.as_bytes(), &fs), []);
}

#[test]
fn v1_inline_base_dockerfile_reports_in_the_definition() {
    let json = "{\n    \"python\": {\"userManagedDependencies\": true},\n    \"docker\": {\n        \"baseImage\": null,\n        \"baseDockerfile\": \"FROM ubuntu:20.04\\nRUN apt-get update && apt-get install -y python3\\n\"\n    }\n}\n";
    let fs = MemoryFileSystem::new();
    let found = lint("/v1/azureml_environment.json", json.as_bytes(), &fs);
    assert_eq!(codes(&found), [at("azureml_environment.json", 5, "AML017")]);
    let source = SourceFile::from_bytes("/v1/azureml_environment.json", json.as_bytes());
    let d = check(&source, &Settings::default(), &fs)
        .into_iter()
        .find(|d| d.code == "AML017")
        .unwrap();
    assert!(d.file.is_none());
    assert_eq!(
        source.slice(d.primary.range),
        "python3",
        "the exact word inside the JSON string"
    );
    assert_eq!(source.slice(d.secondary[0].range), "ubuntu:20.04");
    // Over the limit: on the `baseDockerfile` key.
    let body = "RUN echo 0123456789012345678901234567890123456789\\n".repeat(2100);
    let json = format!("{{\"python\": {{\"userManagedDependencies\": true}}, \"docker\": {{\"baseDockerfile\": \"FROM Ubuntu:22.04\\n{body}\"}}}}");
    let source = SourceFile::from_bytes("/v1/azureml_environment.json", json.as_bytes());
    let all = check(&source, &Settings::default(), &fs);
    let d = all.iter().find(|d| d.code == "AML018").expect("AML018");
    assert_eq!(source.slice(d.primary.range), "\"baseDockerfile\"");
    assert!(
        d.message.starts_with("the inline `baseDockerfile` is "),
        "{}",
        d.message
    );
    // `FROM Ubuntu:22.04` is reported at its exact part inside the string.
    let d = all.iter().find(|d| d.code == "AML005").expect("AML005");
    assert_eq!(source.slice(d.primary.range), "Ubuntu");
}

#[test]
fn invalid_references_name_the_exact_part() {
    let cases: &[(&str, &str)] = &[
        (
            "mcr.microsoft.com//azureml/openmpi4.1.0-ubuntu22.04:20240101.v1",
            "//",
        ),
        (
            "mcr.microsoft.com/AzureML/openmpi4.1.0-ubuntu22.04:1",
            "AzureML",
        ),
        ("MyOrg/image:1", "MyOrg"),
        ("\"ubuntu:\"", ":"),
        ("https://mcr.microsoft.com/azureml/base:1", "https://"),
        ("'C:\\images\\ubuntu'", "\\"),
        ("\"ubuntu:22.04 \"", " "),
    ];
    for &(image, part) in cases {
        let text = format!("$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nimage: {image}\n");
        let source = SourceFile::from_bytes("/p/env.yml", text.as_bytes());
        let found: Vec<_> = check(&source, &Settings::default(), &MemoryFileSystem::new())
            .into_iter()
            .filter(|d| CODES.contains(&d.code))
            .collect();
        assert_eq!(
            found.iter().map(|d| d.code).collect::<Vec<_>>(),
            ["AML005"],
            "{image}: {found:#?}"
        );
        assert_eq!(source.slice(found[0].primary.range), part, "{image}");
    }
    // Credentials are AML012's; variables and template placeholders are not judged.
    for image in [
        "user:secret@myregistry.azurecr.io/app:1",
        "${{inputs.image}}",
        "{{ACR_NAME}}.azurecr.io/x:1",
    ] {
        let text = format!("$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nimage: \"{image}\"\n");
        assert_eq!(
            lint("/p/env.yml", text.as_bytes(), &MemoryFileSystem::new()),
            [],
            "{image}"
        );
    }
}

#[test]
fn images_in_jobs_and_deployments() {
    let job = "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\njobs:\n  a:\n    environment:\n      image: mcr.microsoft.com/azureml/base:intelmpi2018.3-ubuntu16.04\n  b:\n    environment: azureml:env:1\n  c:\n    environment:\n      image: ubuntu@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n";
    let found = lint("/p/job.yml", job.as_bytes(), &MemoryFileSystem::new());
    assert_eq!(
        codes(&found),
        [at("job.yml", 5, "AML009")],
        "a tag that names the image is still a tag; a digest pins"
    );
}

#[test]
fn a_from_built_from_an_arg_default_is_judged_and_labelled_whole() {
    let dockerfile =
        "ARG BASE=ubuntu\nARG TAG\nFROM $BASE AS build\nFROM ubuntu:${TAG}\nFROM build\n";
    let fs = memory(&[("/p/ctx/Dockerfile", dockerfile)]);
    let source = SourceFile::from_bytes("/p/env.yml", ENV_BUILD.as_bytes());
    let found: Vec<_> = check(&source, &Settings::default(), &fs)
        .into_iter()
        .filter(|d| CODES.contains(&d.code))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "`${{TAG}}` has no default: not judged; `build` is a stage: {found:#?}"
    );
    let d = &found[0];
    assert_eq!(
        (d.code, d.file.as_ref().unwrap().slice(d.primary.range)),
        ("AML004", "$BASE")
    );
    assert!(
        d.message
            .contains("`$BASE` (`ubuntu`, from its `ARG` default)"),
        "{}",
        d.message
    );
    assert!(d.help.as_deref().unwrap().contains("in the `ARG` default"));
}
