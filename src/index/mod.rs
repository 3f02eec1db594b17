//! Index-aware checks (placeholder until the foundation lands).

pub mod fetch;
pub mod pip_indexes;
pub mod pypi;
pub mod wheel;
