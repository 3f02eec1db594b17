//! Azure ML definitions: detection by content, a small spanned model of each kind
//! (environment, job, component, deployment, v1 JSON), the conda files and Docker build
//! contexts they name, and pure readers of image references and Dockerfiles. Inline conda
//! specifications are lowered into the conda model in place, so every conda rule runs on them
//! with spans in the definition.

pub mod dockerfile;
pub mod image;
mod lower;
mod model;

pub use lower::{detect, follow, is_definition, lower, V1_CONDA_FILE, V1_DEFINITION_FILE, V1_DOCKERFILE};
pub use model::{AmlFile, Build, CondaFile, CondaSpec, Environment, Kind, PathRef, Reference, Scalar, V1};
