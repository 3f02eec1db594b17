//! The seam every index lookup goes through (placeholder until the foundation lands).

/// One HTTP (or `file://`) answer.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    /// The final URL, after redirects.
    pub url: String,
}

/// Why a request gave no answer.
#[derive(Clone, Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}")]
    Network(String),
}

pub trait Fetch: Send + Sync {
    fn get(&self, url: &str, accept: &str) -> Result<Response, FetchError>;
}
