//! The Azure ML model the AML rules read: what kind of definition a file is, the environments it
//! holds (the whole file, or inline in a job, step, component or deployment), and the files they
//! name, resolved through the [`FileSystem`](crate::FileSystem) by [`super::follow`].

use std::sync::Arc;

use crate::model::{EnvFile, NodeType, Spanned};
use crate::source::{SourceFile, TextRange};

/// What a definition is, from its `$schema` (v2) or its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A v2 environment (`environment.schema.json`, or `image`/`build`/`conda_file` at the top).
    Environment,
    /// A v2 job (`commandJob`, `sweepJob`, `pipelineJob`, `parallelJob`, `sparkJob`, …).
    Job,
    /// A v2 component (`commandComponent`, `parallelComponent`, `pipelineComponent`, …).
    Component,
    /// A v2 online or batch deployment.
    Deployment,
    /// Another v2 asset (a model, data, an endpoint, compute …): it holds no environment.
    Other,
    /// A v1 environment (`azureml_environment.json`, as `Environment.save_to_directory` writes it).
    V1Environment,
}

/// A scalar as written, with what YAML read it as.
#[derive(Clone, Debug)]
pub struct Scalar {
    pub text: Spanned<String>,
    pub found: NodeType,
    /// The text as it is in the file (a float `1.10` keeps its zero here).
    pub written: String,
}

/// A path a definition names (`conda_file`, `build.path`, `dockerfile_path`,
/// `condaDependenciesFile`), resolved relative to the definition.
#[derive(Clone, Debug)]
pub struct PathRef {
    pub path: Spanned<String>,
    /// Where it is (the default `Dockerfile` of a build has no range of its own: the range is
    /// that of `build.path`).
    pub written: bool,
    /// Whether it exists; `None` when it is not a local path (a URL, an `azureml:` reference, a
    /// `${{…}}` expression), so nothing can be said.
    pub exists: Option<bool>,
}

/// A conda specification an environment brings.
#[derive(Clone, Debug)]
pub enum CondaSpec {
    /// A path to a conda file, and that file once read and lowered with its includes.
    File { path: PathRef, file: Option<Box<CondaFile>> },
    /// A mapping written in the definition (`conda_file:` a mapping, v1 `condaDependencies`):
    /// lowered in place, spans in the definition.
    Inline(Box<EnvFile>),
}

/// A referenced conda file, read and lowered.
#[derive(Clone, Debug)]
pub struct CondaFile {
    pub source: Arc<SourceFile>,
    pub env: EnvFile,
}

/// A Docker build context (v2 `build:`).
#[derive(Clone, Debug)]
pub struct Build {
    pub key: TextRange,
    pub path: Option<PathRef>,
    pub dockerfile_path: Option<PathRef>,
    /// The context's Dockerfile (`dockerfile_path`, by default `Dockerfile` in `path`), read.
    pub dockerfile: Option<Arc<SourceFile>>,
}

/// An environment, as a whole file or inline.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    /// The mapping that holds it.
    pub range: TextRange,
    pub name: Option<Spanned<String>>,
    pub version: Option<Scalar>,
    /// v2 `image`, v1 `docker.baseImage` (when not null).
    pub image: Option<Spanned<String>>,
    pub image_key: Option<TextRange>,
    pub build: Option<Build>,
    pub conda: Vec<CondaSpec>,
    /// The `conda_file` key (v2).
    pub conda_file_key: Option<TextRange>,
    /// `channels` / `dependencies` written at the top of the definition (AML003).
    pub conda_keys: Vec<Spanned<String>>,
    pub v1: Option<Box<V1>>,
}

/// What only v1 environments have.
#[derive(Clone, Debug, Default)]
pub struct V1 {
    /// The `python` section; `None` when there is none.
    pub python: Option<TextRange>,
    /// The `docker` key (AML001 points at it when no Docker option is set).
    pub docker: Option<TextRange>,
    pub user_managed: Option<Spanned<bool>>,
    pub base_conda_environment: Option<Spanned<String>>,
    /// `docker.baseDockerfile` (the Dockerfile's text itself) when not null.
    pub base_dockerfile: Option<Spanned<String>>,
    /// The `baseDockerfile` key, when its value is kept in `base_dockerfile`.
    pub base_dockerfile_key: Option<TextRange>,
    /// The `BaseDockerfile` that `save_to_directory` writes beside the definition in place of
    /// `docker.baseDockerfile`, read.
    pub dockerfile: Option<Arc<SourceFile>>,
    /// `docker.buildContext` when not null.
    pub build_context: Option<Spanned<String>>,
    /// `docker.baseImageRegistry.username` / `.password` when not null or empty: the key
    /// (`"username"` or `"password"`) and the value.
    pub registry_credentials: Vec<(&'static str, Spanned<String>)>,
    /// `docker.enabled`, `arguments`, `sharedVolumes`, `gpuSupport`, `shmSize` as written: the
    /// key, and whether the value is what `save_to_directory` writes by default.
    pub docker_settings: Vec<(Spanned<String>, TextRange, bool)>,
    /// A non-null `r` section.
    pub r: Option<TextRange>,
    /// `spark.packages` when it is a non-empty list, and `spark.precachePackages` as written.
    pub spark_packages: Option<TextRange>,
    pub precache_packages: Option<Spanned<bool>>,
    /// Environment variables other than the SDK's sample `EXAMPLE_ENV_VAR`.
    pub environment_variables: Option<TextRange>,
}

/// A job, step, component or deployment's `environment:` naming a registered environment
/// (`azureml:NAME:VERSION`, `azureml:NAME@latest`, `azureml://…`).
#[derive(Clone, Debug)]
pub struct Reference {
    pub value: Spanned<String>,
}

/// An Azure ML definition.
#[derive(Clone, Debug)]
pub struct AmlFile {
    pub kind: Kind,
    pub environments: Vec<Environment>,
    pub references: Vec<Reference>,
}

impl AmlFile {
    /// Every conda specification written inline, with its model.
    pub fn inline_conda(&self) -> impl Iterator<Item = &EnvFile> {
        self.environments.iter().flat_map(|e| &e.conda).filter_map(|c| match c {
            CondaSpec::Inline(env) => Some(&**env),
            CondaSpec::File { .. } => None,
        })
    }

    /// Every conda file referenced and read.
    pub fn conda_files(&self) -> impl Iterator<Item = &CondaFile> {
        self.environments.iter().flat_map(|e| &e.conda).filter_map(|c| match c {
            CondaSpec::File { file, .. } => file.as_deref(),
            CondaSpec::Inline(_) => None,
        })
    }

    /// Every Dockerfile read from a build context.
    pub fn dockerfiles(&self) -> impl Iterator<Item = &Arc<SourceFile>> {
        let builds = self.environments.iter().filter_map(|e| e.build.as_ref()?.dockerfile.as_ref());
        builds.chain(self.environments.iter().filter_map(|e| e.v1.as_ref()?.dockerfile.as_ref()))
    }
}
