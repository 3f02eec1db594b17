//! Syntax tree → [`AmlFile`]: which kind of definition a file is, and the environments in it.
//! Like the conda lowering, it never fails: what is not there is `None`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::model::{AmlFile, Build, CondaFile, CondaSpec, Environment, Kind, PathRef, Reference, Scalar, V1};
use crate::files::FileSystem;
use crate::model::{self, NodeType, Spanned};
use crate::source::{SourceFile, TextRange};
use crate::syntax::{NodeId, NodeKind, ScalarKind, Tree};

/// The kind of Azure ML definition a document is, by content (RULES.md, AML): a v2 `$schema`
/// naming an Azure ML schema; without one, `image`/`build`/`conda_file` at the top and no
/// `dependencies` (a v2 environment); a top level with `python` and `docker` mappings (v1).
pub fn detect(tree: &Tree, root: NodeId) -> Option<Kind> {
    if let Some(schema) = value(tree, root, "$schema").and_then(|v| tree.scalar(v)) {
        let schema = schema.to_ascii_lowercase();
        if schema.contains("azureml") {
            return Some(kind_of_schema(&schema));
        }
    }
    let is_map = |key| value(tree, root, key).is_some_and(|v| matches!(tree.get(v).kind, NodeKind::Map(_)));
    if is_map("python") && is_map("docker") {
        return Some(Kind::V1Environment);
    }
    // Without a `python` mapping (Azure ML's "Python section missing", AML008): a `docker`
    // mapping with v1's camelCase image keys, which no conda file has.
    let v1_docker = value(tree, root, "docker").is_some_and(|d| ["baseImage", "baseDockerfile", "buildContext"].iter().any(|k| value(tree, d, k).is_some()));
    if v1_docker && value(tree, root, "dependencies").is_none() {
        return Some(Kind::V1Environment);
    }
    let v2_key = ["image", "build", "conda_file"].iter().any(|k| value(tree, root, k).is_some());
    (v2_key && value(tree, root, "dependencies").is_none()).then_some(Kind::Environment)
}

/// Whether a directory walk picks up a file that is not named like an environment file: a
/// v1 `azureml_environment.json`, or YAML whose first 2 KB (`head`) carry an Azure ML `$schema`.
pub fn is_definition(file_name: &str, head: impl FnOnce() -> Option<Vec<u8>>) -> bool {
    if file_name == V1_DEFINITION_FILE {
        return true;
    }
    let lower = file_name.to_ascii_lowercase();
    if !(lower.ends_with(".yml") || lower.ends_with(".yaml")) {
        return false;
    }
    let Some(head) = head() else { return false };
    let head = String::from_utf8_lossy(&head[..head.len().min(2048)]);
    head.lines().any(|line| {
        let line = line.trim_start().trim_start_matches(['"', '\'']);
        line.starts_with("$schema") && line.to_ascii_lowercase().contains("azureml")
    })
}

/// The name `save_to_directory` gives a v1 definition.
pub const V1_DEFINITION_FILE: &str = "azureml_environment.json";

/// The kind a schema URL names (`…/latest/commandJob.schema.json`, `http://azureml/sdk-2-0/
/// CommandComponent.json`), from the shipped table of schema names; another Azure ML schema (a
/// model, data, an endpoint, compute) holds no environment.
fn kind_of_schema(schema: &str) -> Kind {
    let name = schema.rsplit('/').next().unwrap_or(schema);
    let name = name.split('.').next().unwrap_or(name);
    match crate::data::aml_schema_kind(name) {
        Some("environment") => Kind::Environment,
        Some("job") => Kind::Job,
        Some("component") => Kind::Component,
        Some("deployment") => Kind::Deployment,
        _ => Kind::Other,
    }
}

/// The last value of `key` in a mapping (a YAML loader keeps the last of duplicate keys).
fn value(tree: &Tree, map: NodeId, key: &str) -> Option<NodeId> {
    if !matches!(tree.get(map).kind, NodeKind::Map(_)) {
        return None;
    }
    tree.entries(map).into_iter().rev().find(|&(k, _)| tree.scalar(k) == Some(key)).map(|(_, v)| v)
}

fn key_range(tree: &Tree, map: NodeId, key: &str) -> Option<TextRange> {
    tree.entries(map).into_iter().rev().find(|&(k, _)| tree.scalar(k) == Some(key)).map(|(k, _)| tree.nodes[k].range)
}

/// A scalar YAML reads as a string; `null` and non-scalars are `None`.
fn string(tree: &Tree, id: NodeId) -> Option<Spanned<String>> {
    match &tree.get(id).kind {
        NodeKind::Scalar { value, kind } if *kind != ScalarKind::Plain || tree.node_type(id) == NodeType::String => {
            Some(Spanned::new(value.clone(), tree.get(id).range))
        }
        _ => None,
    }
}

fn boolean(tree: &Tree, id: NodeId) -> Option<Spanned<bool>> {
    let value = match tree.scalar(id)? {
        "true" | "True" | "TRUE" => true,
        "false" | "False" | "FALSE" => false,
        _ => return None,
    };
    (tree.node_type(id) == NodeType::Boolean).then(|| Spanned::new(value, tree.get(id).range))
}

fn is_empty(tree: &Tree, id: NodeId) -> bool {
    tree.is_null(id)
        || match &tree.get(id).kind {
            NodeKind::Seq(items) => items.is_empty(),
            NodeKind::Map(entries) => entries.is_empty(),
            NodeKind::Scalar { value, .. } => value.is_empty(),
            NodeKind::Alias(_) => false,
        }
}

/// Lowers a document [`detect`] recognised.
pub fn lower(source: &SourceFile, tree: &Tree, root: NodeId, kind: Kind) -> AmlFile {
    let mut file = AmlFile { kind: kind.clone(), environments: Vec::new(), references: Vec::new() };
    match kind {
        Kind::Environment => file.environments.push(environment(source, tree, root, true)),
        Kind::V1Environment => file.environments.push(v1_environment(source, tree, root)),
        Kind::Job | Kind::Component | Kind::Deployment => find_environments(source, tree, root, 0, &mut file),
        Kind::Other => {}
    }
    file
}

/// Keys whose values hold no environment (free-form data, inputs, outputs).
const NOT_CONTAINERS: &[&str] = &["tags", "properties", "inputs", "outputs", "environment_variables", "resources", "settings", "identity", "limits"];

/// The `environment:` of a job, its steps (`jobs.<name>`), a sweep's `trial`, a parallel
/// `task`, an inline `component`, or a deployment.
fn find_environments(source: &SourceFile, tree: &Tree, map: NodeId, depth: usize, file: &mut AmlFile) {
    if depth > 4 {
        return;
    }
    for (key, value) in tree.entries(map) {
        let Some(name) = tree.scalar(key) else { continue };
        let is_map = matches!(tree.get(value).kind, NodeKind::Map(_));
        if name == "environment" {
            if let Some(reference) = string(tree, value).filter(|s| s.value.trim_start().starts_with("azureml:")) {
                file.references.push(Reference { value: reference });
            } else if is_map {
                file.environments.push(environment(source, tree, value, false));
            }
        } else if is_map && !NOT_CONTAINERS.contains(&name) {
            find_environments(source, tree, value, depth + 1, file);
        }
    }
}

fn path_ref(tree: &Tree, id: NodeId) -> Option<PathRef> {
    string(tree, id).map(|path| PathRef { path, written: true, exists: None })
}

/// A v2 environment mapping; `whole_file`: the definition is the environment itself (then
/// `channels`/`dependencies` beside it are conda content in the wrong place).
fn environment(source: &SourceFile, tree: &Tree, map: NodeId, whole_file: bool) -> Environment {
    let mut env = Environment { range: tree.get(map).range, ..Environment::default() };
    for (key, node) in tree.entries(map) {
        let Some(name) = tree.scalar(key) else { continue };
        let key_range = tree.nodes[key].range;
        match name {
            "name" => env.name = string(tree, node),
            "version" => env.version = scalar(source, tree, node),
            "image" => {
                env.image = string(tree, node);
                env.image_key = Some(key_range);
            }
            "build" => {
                env.build = Some(Build {
                    key: key_range,
                    path: value(tree, node, "path").and_then(|v| path_ref(tree, v)),
                    dockerfile_path: value(tree, node, "dockerfile_path").and_then(|v| path_ref(tree, v)),
                    dockerfile: None,
                })
            }
            "conda_file" => {
                env.conda_file_key = Some(key_range);
                if let Some(path) = path_ref(tree, node) {
                    env.conda.push(CondaSpec::File { path, file: None });
                } else if matches!(tree.get(node).kind, NodeKind::Map(_)) {
                    env.conda.push(CondaSpec::Inline(Box::new(model::lower_inline(source, tree, node))));
                }
            }
            "channels" | "dependencies" if whole_file => env.conda_keys.push(Spanned::new(name.to_owned(), key_range)),
            _ => {}
        }
    }
    env
}

fn scalar(source: &SourceFile, tree: &Tree, id: NodeId) -> Option<Scalar> {
    let NodeKind::Scalar { value, .. } = &tree.get(id).kind else { return None };
    let range = tree.get(id).range;
    Some(Scalar { text: Spanned::new(value.clone(), range), found: tree.node_type(id), written: source.slice(range).to_owned() })
}

/// Settings of v1 `docker` that Azure ML deprecated, with the value `save_to_directory` writes
/// by default (a file that keeps the default says nothing). azureml-core's `DockerSection`
/// defaults (notes/aml/v1-defaults.md): `_enabled = False`, `_arguments = list()`,
/// `_shared_volumes = True`, `_shm_size = "2g"` (`None` with `_skip_defaults` and in older
/// SDKs). `gpuSupport` has no field in `_field_to_info_dict` (the `gpu_support` property only
/// logs a warning), so the SDK never writes it: any value was written by hand.
const DEPRECATED_DOCKER: &[(&str, &[&str])] = &[
    ("enabled", &["false"]),
    ("arguments", &["[]"]),
    ("sharedVolumes", &["true"]),
    ("gpuSupport", &[]),
    ("shmSize", &["null", "2g"]),
];

/// The value as a default comparison sees it: `null`, `[]`, or the scalar's text.
fn default_form(tree: &Tree, id: NodeId) -> String {
    if tree.is_null(id) {
        return "null".into();
    }
    match &tree.get(id).kind {
        NodeKind::Seq(items) if items.is_empty() => "[]".into(),
        NodeKind::Scalar { value, .. } => value.clone(),
        _ => String::new(),
    }
}

/// A v1 environment (`azureml_environment.json`).
fn v1_environment(source: &SourceFile, tree: &Tree, root: NodeId) -> Environment {
    let mut env = Environment { range: tree.get(root).range, ..Environment::default() };
    let mut v1 = V1::default();
    env.name = value(tree, root, "name").and_then(|v| string(tree, v));
    env.version = value(tree, root, "version").and_then(|v| scalar(source, tree, v));
    if let Some(python) = value(tree, root, "python").filter(|&p| !tree.is_null(p)) {
        v1.python = Some(tree.get(python).range);
        v1.user_managed = value(tree, python, "userManagedDependencies").and_then(|v| boolean(tree, v));
        v1.base_conda_environment = value(tree, python, "baseCondaEnvironment").and_then(|v| string(tree, v)).filter(|s| !s.value.is_empty());
        if let Some(spec) = value(tree, python, "condaDependencies").filter(|&v| matches!(tree.get(v).kind, NodeKind::Map(_))) {
            env.conda.push(CondaSpec::Inline(Box::new(model::lower_inline(source, tree, spec))));
        }
        if let Some(path) = value(tree, python, "condaDependenciesFile").and_then(|v| path_ref(tree, v)).filter(|p| !p.path.value.is_empty()) {
            env.conda.push(CondaSpec::File { path, file: None });
        }
    }
    if let Some(docker) = value(tree, root, "docker").filter(|&d| matches!(tree.get(d).kind, NodeKind::Map(_))) {
        v1.docker = key_range(tree, root, "docker");
        env.image = value(tree, docker, "baseImage").and_then(|v| string(tree, v)).filter(|s| !s.value.is_empty());
        env.image_key = env.image.as_ref().and(key_range(tree, docker, "baseImage"));
        v1.base_dockerfile = value(tree, docker, "baseDockerfile").and_then(|v| string(tree, v)).filter(|s| !s.value.is_empty());
        v1.base_dockerfile_key = v1.base_dockerfile.as_ref().and(key_range(tree, docker, "baseDockerfile"));
        v1.build_context = value(tree, docker, "buildContext").filter(|&v| !is_empty(tree, v)).map(|v| {
            let text = tree.scalar(v).unwrap_or("").to_owned();
            Spanned::new(text, tree.get(v).range)
        });
        if let Some(registry) = value(tree, docker, "baseImageRegistry") {
            for key in ["username", "password"] {
                if let Some(secret) = value(tree, registry, key).and_then(|v| string(tree, v)).filter(|s| !s.value.is_empty()) {
                    v1.registry_credentials.push((key, secret));
                }
            }
        }
        for (key, node) in tree.entries(docker) {
            let Some(name) = tree.scalar(key) else { continue };
            let Some((_, defaults)) = DEPRECATED_DOCKER.iter().find(|(k, _)| *k == name) else { continue };
            let is_default = defaults.contains(&default_form(tree, node).as_str());
            v1.docker_settings.push((Spanned::new(name.to_owned(), tree.nodes[key].range), tree.get(node).range, is_default));
        }
    }
    v1.r = value(tree, root, "r").filter(|&v| !tree.is_null(v)).map(|v| tree.get(v).range);
    if let Some(spark) = value(tree, root, "spark").filter(|&s| matches!(tree.get(s).kind, NodeKind::Map(_))) {
        v1.spark_packages = value(tree, spark, "packages").filter(|&v| !is_empty(tree, v)).map(|v| tree.get(v).range);
        v1.precache_packages = value(tree, spark, "precachePackages").and_then(|v| boolean(tree, v));
    }
    if let Some(vars) = value(tree, root, "environmentVariables").filter(|&v| matches!(tree.get(v).kind, NodeKind::Map(_))) {
        let own = tree.entries(vars).into_iter().any(|(k, _)| tree.scalar(k) != Some("EXAMPLE_ENV_VAR"));
        v1.environment_variables = own.then(|| tree.get(vars).range);
    }
    env.v1 = Some(Box::new(v1));
    env
}

/// Whether a path names a local file (not a URL, an `azureml:` asset or an expression).
fn is_local(path: &str) -> bool {
    let path = path.trim();
    !path.is_empty() && !path.contains("://") && !path.starts_with("azureml:") && !path.contains("${{")
}

fn base_dir(path: &str) -> PathBuf {
    match Path::new(path).parent() {
        Some(p) if !p.as_os_str().is_empty() && path != "-" => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A path as reports name it: `.` components dropped (`conda_file: ./conda.yaml` next to
/// `job.yml` is `conda.yaml`, as when it is named itself).
fn shown(path: &Path) -> String {
    let folded: PathBuf = path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
    folded.to_string_lossy().into_owned()
}

/// Resolves the paths the definition names relative to it, through `fs`: conda files are read
/// and lowered with their includes (`lower_conda`), a build context's Dockerfile is read.
pub fn follow(source: &SourceFile, file: &mut AmlFile, fs: &dyn FileSystem, lower_conda: &dyn Fn(&SourceFile, &dyn FileSystem) -> model::EnvFile) {
    let base = base_dir(&source.path);
    for env in &mut file.environments {
        if let Some(v1) = env.v1.as_deref_mut() {
            v1_siblings(&base, env.range, v1, &mut env.conda, fs);
        }
        for spec in &mut env.conda {
            match spec {
                CondaSpec::File { path, file } => {
                    if !is_local(&path.path.value) {
                        continue;
                    }
                    let target = base.join(path.path.value.trim());
                    path.exists = Some(fs.is_file(&target));
                    if path.exists == Some(true) {
                        if let Ok(bytes) = fs.read(&target) {
                            let source = SourceFile::from_bytes(shown(&target), &bytes);
                            let env = lower_conda(&source, fs);
                            *file = Some(Box::new(CondaFile { source: Arc::new(source), env }));
                        }
                    }
                }
                CondaSpec::Inline(inline) => model::follow_includes(source, inline, fs),
            }
        }
        let Some(build) = env.build.as_mut() else { continue };
        let Some(context) = build.path.as_mut().filter(|p| is_local(&p.path.value)) else { continue };
        let dir = base.join(context.path.value.trim());
        context.exists = Some(fs.exists(&dir) && !fs.is_file(&dir));
        if context.exists != Some(true) {
            continue;
        }
        let written = build.dockerfile_path.as_ref().map(|p| p.path.value.trim().to_owned());
        let target = dir.join(written.as_deref().unwrap_or("Dockerfile"));
        let exists = fs.is_file(&target);
        match build.dockerfile_path.as_mut() {
            Some(path) => path.exists = Some(exists),
            None => {
                let path = Spanned::new("Dockerfile".to_owned(), context.path.range);
                build.dockerfile_path = Some(PathRef { path, written: false, exists: Some(exists) });
            }
        }
        if exists {
            if let Ok(bytes) = fs.read(&target) {
                build.dockerfile = Some(Arc::new(SourceFile::from_bytes(shown(&target), &bytes)));
            }
        }
    }
}

/// What `Environment.save_to_directory` writes beside `azureml_environment.json`, and
/// `load_from_directory` reads back (azureml-core `environment.py`): the conda specification as
/// `conda_dependencies.yml` (taken out of `python.condaDependencies`) and the Dockerfile as
/// `BaseDockerfile` (taken out of `docker.baseDockerfile`).
fn v1_siblings(base: &Path, range: TextRange, v1: &mut V1, conda: &mut Vec<CondaSpec>, fs: &dyn FileSystem) {
    let at = TextRange::new(range.start, range.start);
    if conda.is_empty() && fs.is_file(&base.join(V1_CONDA_FILE)) {
        let path = Spanned::new(V1_CONDA_FILE.to_owned(), at);
        conda.push(CondaSpec::File { path: PathRef { path, written: false, exists: None }, file: None });
    }
    let dockerfile = base.join(V1_DOCKERFILE);
    if v1.base_dockerfile.is_none() && fs.is_file(&dockerfile) {
        if let Ok(bytes) = fs.read(&dockerfile) {
            v1.dockerfile = Some(Arc::new(SourceFile::from_bytes(shown(&dockerfile), &bytes)));
        }
    }
}

/// The names `save_to_directory` gives the files it writes beside the definition.
pub const V1_CONDA_FILE: &str = "conda_dependencies.yml";
pub const V1_DOCKERFILE: &str = "BaseDockerfile";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::MemoryFileSystem;

    fn definition(path: &str, text: &str, fs: &MemoryFileSystem) -> (SourceFile, crate::model::EnvFile) {
        let source = SourceFile::from_text(path, text);
        let mut env = model::lower(&source);
        let definition = env.aml.as_deref_mut().expect("an Azure ML definition");
        follow(&source, definition, fs, &|s, fs| {
            let mut e = model::lower(s);
            model::follow_includes(s, &mut e, fs);
            e
        });
        (source, env)
    }

    #[test]
    fn kinds_by_schema_and_shape() {
        let kind = |text: &str| {
            let source = SourceFile::from_text("x.yml", text);
            model::lower(&source).aml.map(|a| a.kind)
        };
        let schema = |name: &str| kind(&format!("$schema: https://azuremlschemas.azureedge.net/latest/{name}.schema.json\n"));
        assert_eq!(schema("environment"), Some(Kind::Environment));
        assert_eq!(schema("commandJob"), Some(Kind::Job));
        assert_eq!(schema("pipelineJob"), Some(Kind::Job));
        assert_eq!(schema("commandComponent"), Some(Kind::Component));
        assert_eq!(schema("managedOnlineDeployment"), Some(Kind::Deployment));
        assert_eq!(schema("batchDeployment"), Some(Kind::Deployment));
        assert_eq!(schema("model"), Some(Kind::Other));
        assert_eq!(kind("image: ubuntu:22.04\nconda_file: conda.yml\n"), Some(Kind::Environment));
        assert_eq!(kind("{\"python\": {}, \"docker\": {}}"), Some(Kind::V1Environment));
        assert_eq!(kind("{\"docker\": {\"baseImage\": \"x:1\"}, \"python\": null}"), Some(Kind::V1Environment), "no python section");
        assert_eq!(kind("docker: {enabled: true}\ndependencies: [python]\n"), None);
        assert_eq!(kind("name: x\nimage: y\ndependencies: [python]\n"), None, "a conda file with a stray key");
        assert_eq!(kind("name: x\ndependencies: [python]\n"), None);
        assert_eq!(kind("$schema: https://json.schemastore.org/conda\ndependencies: [python]\n"), None);
    }

    #[test]
    fn environments_in_jobs_steps_and_deployments() {
        let text = "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\njobs:\n  prep:\n    environment: azureml:prep-env@latest\n  train:\n    environment:\n      image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04\n      conda_file:\n        channels: [conda-forge]\n        dependencies:\n          - python=3.11\n    tags:\n      environment: {image: not-an-environment}\n";
        let (source, env) = definition("/p/job.yml", text, &MemoryFileSystem::new());
        let aml = env.aml.as_deref().unwrap();
        assert_eq!(aml.references.len(), 1);
        assert_eq!(aml.references[0].value.value, "azureml:prep-env@latest");
        assert_eq!(aml.environments.len(), 1, "tags hold no environment");
        let inline: Vec<_> = aml.inline_conda().collect();
        assert_eq!(inline.len(), 1);
        let python = inline[0].conda_deps().next().unwrap();
        assert_eq!(source.slice(python.range), "python=3.11", "spans are in the definition");
    }

    #[test]
    fn paths_resolve_relative_to_the_definition() {
        let mut fs = MemoryFileSystem::new();
        fs.insert("/p/envs/conda.yml", "dependencies:\n  - python=3.11\n");
        fs.insert("/p/envs/ctx/Dockerfile", "FROM ubuntu:22.04\n");
        let text = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nbuild:\n  path: ctx\nconda_file: conda.yml\n";
        let (_, env) = definition("/p/envs/env.yml", text, &fs);
        let e = &env.aml.as_deref().unwrap().environments[0];
        let CondaSpec::File { path, file } = &e.conda[0] else { panic!() };
        assert_eq!(path.exists, Some(true));
        assert_eq!(file.as_ref().unwrap().env.conda_deps().count(), 1);
        let build = e.build.as_ref().unwrap();
        assert_eq!(build.path.as_ref().unwrap().exists, Some(true));
        let dockerfile = build.dockerfile_path.as_ref().unwrap();
        assert!(!dockerfile.written && dockerfile.exists == Some(true));
        assert_eq!(&*build.dockerfile.as_ref().unwrap().text, "FROM ubuntu:22.04\n");
        let (_, env) = definition("/p/env.yml", text, &fs);
        let e = &env.aml.as_deref().unwrap().environments[0];
        assert!(matches!(&e.conda[0], CondaSpec::File { path, file: None } if path.exists == Some(false)));
        assert_eq!(e.build.as_ref().unwrap().path.as_ref().unwrap().exists, Some(false));
        let remote = "image: x:1\nconda_file: azureml://registries/r/conda/1\n";
        let (_, env) = definition("/p/env.yml", remote, &fs);
        assert!(matches!(&env.aml.as_deref().unwrap().environments[0].conda[0], CondaSpec::File { path, .. } if path.exists.is_none()));
    }

    #[test]
    fn v1_definitions_and_what_save_to_directory_writes_beside_them() {
        let mut fs = MemoryFileSystem::new();
        fs.insert("/v1/conda_dependencies.yml", "dependencies:\n  - python=3.8\n");
        fs.insert("/v1/BaseDockerfile", "FROM ubuntu:20.04\n");
        let text = "{\n    \"name\": \"x\",\n    \"environmentVariables\": {\"EXAMPLE_ENV_VAR\": \"EXAMPLE_VALUE\"},\n    \"python\": {\"userManagedDependencies\": false, \"baseCondaEnvironment\": null},\n    \"docker\": {\"enabled\": false, \"baseImage\": null, \"sharedVolumes\": true, \"shmSize\": \"2g\", \"arguments\": [], \"gpuSupport\": true,\n               \"baseImageRegistry\": {\"address\": null, \"username\": null, \"password\": \"hunter2\"}},\n    \"spark\": {\"repositories\": [], \"packages\": [], \"precachePackages\": true},\n    \"r\": null\n}\n";
        let (source, env) = definition("/v1/azureml_environment.json", text, &fs);
        let aml = env.aml.as_deref().unwrap();
        assert_eq!(aml.kind, Kind::V1Environment);
        let e = &aml.environments[0];
        let v1 = e.v1.as_deref().unwrap();
        assert_eq!(aml.conda_files().count(), 1, "the sibling conda_dependencies.yml");
        assert!(v1.dockerfile.is_some(), "the sibling BaseDockerfile");
        assert_eq!(v1.docker.map(|r| source.slice(r)), Some("\"docker\""));
        assert!(v1.base_dockerfile.is_none() && v1.base_dockerfile_key.is_none());
        assert!(e.image.is_none() && v1.environment_variables.is_none() && v1.spark_packages.is_none() && v1.r.is_none());
        assert_eq!(v1.user_managed.as_ref().map(|b| b.value), Some(false));
        let changed: Vec<&str> = v1.docker_settings.iter().filter(|(_, _, default)| !default).map(|(k, _, _)| k.value.as_str()).collect();
        assert_eq!(changed, ["gpuSupport"]);
        assert_eq!(v1.registry_credentials.iter().map(|(k, s)| (*k, source.slice(s.range))).collect::<Vec<_>>(), [("password", "\"hunter2\"")]);
        let inline = "{\"python\": {}, \"docker\": {\"baseDockerfile\": \"FROM ubuntu:22.04\\n\"}}";
        let (source, env) = definition("/v1/azureml_environment.json", inline, &fs);
        let v1 = env.aml.as_deref().unwrap().environments[0].v1.as_deref().unwrap();
        assert_eq!(v1.base_dockerfile.as_ref().map(|s| s.value.as_str()), Some("FROM ubuntu:22.04\n"));
        assert_eq!(source.slice(v1.base_dockerfile_key.unwrap()), "\"baseDockerfile\"");
        assert!(v1.dockerfile.is_none(), "the inline text wins over a sibling BaseDockerfile");
    }
}
