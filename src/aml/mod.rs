//! Azure ML definitions: the pure readers of image references and Dockerfiles the AML rules use.

pub mod dockerfile;
pub mod image;
