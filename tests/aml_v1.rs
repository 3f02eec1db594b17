//! The v1 environment rules (AML008, AML011, AML012, AML013, AML014, AML016, AML019) on real
//! `azureml_environment.json` files as `Environment.save_to_directory` writes them
//! (tests/fixtures/aml-examples/v1, each directory one saved environment, its `azureml_environment.json.source` says where it is
//! from), on variants of them, and the masking of the credentials AML012 finds.

mod common;

use common::{code, condalint, repo, text};
use condalint::{check, DiskFileSystem, FileSystem, MemoryFileSystem, Settings, SourceFile};

const MINE: [&str; 7] = [
    "AML008", "AML011", "AML012", "AML013", "AML014", "AML016", "AML019",
];

/// This family's findings in the definition: (code, line).
fn findings(path: &str, text: &str, fs: &dyn FileSystem) -> Vec<(&'static str, usize)> {
    let source = SourceFile::from_text(path, text);
    let mut out: Vec<_> = check(&source, &Settings::default(), fs)
        .into_iter()
        .filter(|d| MINE.contains(&d.code))
        .map(|d| {
            assert!(
                d.file.is_none(),
                "{}: {} is in another file",
                d.code,
                d.message
            );
            (d.code, source.line_col(d.primary.range.start).0)
        })
        .collect();
    out.sort();
    out
}

fn real(dir: &str) -> (String, String) {
    let path = repo()
        .join("tests/fixtures/aml-examples/v1")
        .join(dir)
        .join("azureml_environment.json");
    (
        path.to_string_lossy().into_owned(),
        std::fs::read_to_string(&path).unwrap(),
    )
}

#[test]
fn real_saved_environments() {
    let cases: [(&str, &[(&str, usize)]); 5] = [
        // The newest SDK shape with its sibling conda_dependencies.yml: every default kept.
        ("kuko6+glioma-segmentation", &[]),
        // A saved curated environment: user-managed, Dockerfile in BaseDockerfile, no conda.
        ("rafapb+nd00333_AZMLND_Capstone", &[]),
        // No conda_dependencies.yml beside it, Azure ML manages python: "Missing conda dependencies".
        ("darshana1406+Forest-Fires", &[("AML008", 8)]),
        // An AutoML autosave: no conda file either, and `"enabled": true`.
        (
            "czofficial+nd00333-capstone",
            &[("AML008", 8), ("AML013", 14)],
        ),
        // Curated AutoML v131 (SDK 1.48): `buildContext: null`, an extra variable, `"enabled": true`.
        (
            "mheroth+Capstone-Project-Azure-Machine-Learning-Engineer",
            &[("AML013", 15)],
        ),
    ];
    for (dir, want) in cases {
        let (path, text) = real(dir);
        assert_eq!(findings(&path, &text, &DiskFileSystem), want, "{dir}");
    }
}

/// A real definition, edited, linted with the files `save_to_directory` wrote beside it.
fn edited(
    dir: &str,
    edits: &[(&str, &str)],
    siblings: &[(&str, &str)],
) -> Vec<(&'static str, usize)> {
    let (_, mut text) = real(dir);
    for (from, to) in edits {
        assert!(text.contains(from), "{dir}: {from}");
        text = text.replacen(from, to, 1);
    }
    let mut fs = MemoryFileSystem::new();
    for (name, content) in siblings {
        fs.insert(format!("/env/{name}"), content.as_bytes());
    }
    findings("/env/azureml_environment.json", &text, &fs)
}

const KUKO6_CONDA: &str =
    include_str!("fixtures/aml-examples/v1/kuko6+glioma-segmentation/conda_dependencies.yml");

/// What azureml-core's default `CondaDependencies()` saves (MicrosoftDocs' "default
/// aml_config/conda_dependencies.yml", with the header `save_to_file` writes).
const SDK_DEFAULT_CONDA: &str = "# Conda environment specification. The dependencies defined in this file will\n# be automatically provisioned for runs with userManagedDependencies=False.\n\n# Details about the Conda environment file format:\n# https://conda.io/docs/user-guide/tasks/manage-environments.html#create-env-file-manually\n\nname: project_environment\ndependencies:\n  # The python interpreter version.\n  # Currently Azure ML only supports 3.5.2 and later.\n- python=3.8.13\n\n- pip:\n    # Required packages for AzureML execution, history, and data preparation.\n  - azureml-defaults\nchannels:\n- anaconda\n- conda-forge\n";

#[test]
fn the_sibling_conda_file_is_the_conda_specification() {
    let kuko6 = "kuko6+glioma-segmentation";
    assert_eq!(
        edited(kuko6, &[], &[("conda_dependencies.yml", KUKO6_CONDA)]),
        []
    );
    assert_eq!(
        edited(kuko6, &[], &[]),
        [("AML008", 8)],
        "without it: Missing conda dependencies"
    );
    let absent = [("\"userManagedDependencies\": false,\n", "")];
    assert_eq!(
        edited(kuko6, &absent, &[]),
        [("AML008", 7)],
        "false is the default"
    );
    let no_python = [("\"python\": {", "\"python\": null, \"x\": {")];
    assert_eq!(
        edited(kuko6, &no_python, &[]),
        [("AML008", 1)],
        "Python section missing"
    );
    let file = [(
        "\"condaDependenciesFile\": null",
        "\"condaDependenciesFile\": \"conda.yml\"",
    )];
    assert_eq!(edited(kuko6, &file, &[("conda.yml", KUKO6_CONDA)]), []);
}

#[test]
fn user_managed_with_conda_dependencies() {
    let kuko6 = "kuko6+glioma-segmentation";
    let user_managed = [(
        "\"userManagedDependencies\": false",
        "\"userManagedDependencies\": true",
    )];
    // The sibling lists the user's packages (keras, tensorflow-gpu, …): never installed.
    assert_eq!(
        edited(
            kuko6,
            &user_managed,
            &[("conda_dependencies.yml", KUKO6_CONDA)]
        ),
        [("AML016", 8)]
    );
    // The SDK writes its default spec beside every saved environment: not the user's doing.
    assert_eq!(
        edited(
            kuko6,
            &user_managed,
            &[("conda_dependencies.yml", SDK_DEFAULT_CONDA)]
        ),
        []
    );
    let inline = [
        (
            "\"userManagedDependencies\": false",
            "\"userManagedDependencies\": true",
        ),
        (
            "\"condaDependenciesFile\": null",
            "\"condaDependencies\": {\"dependencies\": [\"python=3.8\", \"numpy=1.21\"]}",
        ),
    ];
    assert_eq!(edited(kuko6, &inline, &[]), [("AML016", 8)]);
    // rafapb's saved curated environment is user-managed with nothing beside it but its Dockerfile.
    let rafapb = "rafapb+nd00333_AZMLND_Capstone";
    assert_eq!(
        edited(rafapb, &[], &[("BaseDockerfile", "FROM ubuntu:22.04\n")]),
        []
    );
}

#[test]
fn spark_build_context_credentials_and_base_environment() {
    let kuko6 = "kuko6+glioma-segmentation";
    let sibling = [("conda_dependencies.yml", KUKO6_CONDA)];
    let spark = [("\"packages\": [],", "\"packages\": [{\"group\": \"com.microsoft.ml.spark\", \"artifact\": \"mmlspark_2.11\", \"version\": \"0.15\"}],")];
    assert_eq!(edited(kuko6, &spark, &sibling), [("AML011", 34)]);
    let spark_off = [
        spark[0],
        ("\"precachePackages\": true", "\"precachePackages\": false"),
    ];
    assert_eq!(edited(kuko6, &spark_off, &sibling), []);
    let base = [(
        "\"baseCondaEnvironment\": null",
        "\"baseCondaEnvironment\": \"/azureml-envs/base\"",
    )];
    assert_eq!(edited(kuko6, &base, &sibling), [("AML019", 11)]);
    // A build context with the saved conda file beside it and a variable of the user's.
    let context = [
        ("\"baseImage\": \"mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04:20220208.v1\",", "\"baseImage\": null,\n        \"buildContext\": {\"locationType\": \"git\", \"location\": \"https://github.com/o/r.git\"},"),
        ("\"EXAMPLE_ENV_VAR\": \"EXAMPLE_VALUE\"", "\"EXAMPLE_ENV_VAR\": \"EXAMPLE_VALUE\", \"MODEL\": \"m\""),
    ];
    assert_eq!(
        edited(kuko6, &context, &sibling),
        [("AML014", 4), ("AML014", 16)]
    );
    assert_eq!(
        edited(kuko6, &context[..1], &[]),
        [],
        "the SDK's sample variable alone is fine, and a build context needs no conda specification"
    );
    // mheroth's `"buildContext": null` is no build context.
    let mheroth = "mheroth+Capstone-Project-Azure-Machine-Learning-Engineer";
    assert_eq!(
        edited(mheroth, &[], &[("conda_dependencies.yml", KUKO6_CONDA)]),
        [("AML013", 15)]
    );
    // Deprecated settings beside the defaults: shmSize "2g" and null, sharedVolumes true, arguments [].
    let docker = [
        (
            "\"shmSize\": \"2g\",",
            "\"shmSize\": \"8g\", \"gpuSupport\": false,",
        ),
        ("\"r\": null", "\"r\": {\"rVersion\": \"4.0\"}"),
    ];
    assert_eq!(
        edited(kuko6, &docker, &sibling),
        [("AML013", 18), ("AML013", 18), ("AML013", 43)]
    );
}

const V1_SECRETS: &str = "tests/fixtures/aml/secrets/v1/azureml_environment.json";
const V2_SECRETS: &str = "tests/fixtures/aml/secrets/v2/environment.yml";
const SECRETS: [&str; 2] = ["hunter2-not-real", "tok3n-not-real-either"];
const FORMATS: [&str; 8] = [
    "full", "concise", "json", "sarif", "github", "azure", "gitlab", "junit",
];

#[test]
fn registry_credentials_are_found_and_never_shown() {
    let v1 = std::fs::read_to_string(repo().join(V1_SECRETS)).unwrap();
    assert!(v1.contains(SECRETS[0]));
    let v2 = std::fs::read_to_string(repo().join(V2_SECRETS)).unwrap();
    assert!(v2.contains(SECRETS[1]));
    assert_eq!(
        findings(V1_SECRETS, &v1, &DiskFileSystem),
        [("AML012", 22), ("AML012", 23)]
    );
    assert_eq!(findings(V2_SECRETS, &v2, &DiskFileSystem), [("AML012", 4)]);
    for format in FORMATS {
        for extra in [
            &[][..],
            &["--statistics"],
            &["--unsafe-fixes", "--diff"],
            &["--select", "ALL"],
        ] {
            let mut args = vec!["--output-format", format];
            args.extend(extra);
            args.extend([V1_SECRETS, V2_SECRETS]);
            let out = condalint(&args, repo(), None);
            let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
            let want = if extra.contains(&"--diff") { 0 } else { 1 };
            assert_eq!(code(&out), want, "{args:?}: {stderr}");
            for secret in SECRETS {
                for shown in [&stdout, &stderr] {
                    assert!(
                        !shown.contains(&secret[..8]),
                        "{args:?} shows `{secret}`:\n{shown}"
                    );
                }
            }
        }
    }
    let out = condalint(
        &["--select", "AML012", V1_SECRETS, V2_SECRETS],
        repo(),
        None,
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("\"password\": \"****************\""),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "image: builder:*********************@myregistry.azurecr.io/base/python:3.11-20240901"
        ),
        "{stdout}"
    );
    // The password is masked in the comment above too: it is long enough to be known anywhere.
    let out = condalint(
        &["--select", "ALL", "--output-format", "full", V2_SECRETS],
        repo(),
        None,
    );
    assert!(!text(&out.stdout).contains("tok3n"));
}
