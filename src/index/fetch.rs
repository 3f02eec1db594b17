//! The seam between the index checks and the network: [`Fetch`] answers a GET, and the real
//! implementation ([`HttpFetch`], feature `online`) is ureq with a per-request timeout, a budget
//! for the run, a body limit, `file://` URLs read from disk and the on-disk [`Cache`].
//!
//! An HTTP status (404, 500) is an answer, not an error: the caller decides what it means.
//! [`FetchError`] is what kept an answer from arriving; its text never shows a credential.

use std::fmt;

use super::redact_url;

/// An answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    /// The final URL, after redirects (credentials as given).
    pub url: String,
}

/// Why there is no answer. Every URL in it is redacted when it is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// Connection refused, DNS, TLS, a broken transfer.
    Network { url: String, message: String },
    /// No answer within the per-request timeout.
    Timeout { url: String, millis: u64 },
    /// The body (or what it decompresses to) is larger than the limit.
    TooLarge { url: String, limit: u64 },
    /// The body does not decompress.
    BadCompression { url: String, message: String },
    /// `--offline` and nothing cached for the URL.
    OfflineCold { url: String },
    /// The run's time budget is spent: no more requests.
    BudgetSpent { url: String, seconds: u64 },
}

impl FetchError {
    pub fn network(url: &str, message: impl fmt::Display) -> Self {
        FetchError::Network { url: redact_url(url), message: super::redact_text(&message.to_string()) }
    }
    pub fn timeout(url: &str, after: std::time::Duration) -> Self {
        FetchError::Timeout { url: redact_url(url), millis: after.as_millis() as u64 }
    }
    pub fn too_large(url: &str, limit: u64) -> Self {
        FetchError::TooLarge { url: redact_url(url), limit }
    }
    pub fn bad_compression(url: &str, message: impl fmt::Display) -> Self {
        FetchError::BadCompression { url: redact_url(url), message: message.to_string() }
    }
    pub fn offline_cold(url: &str) -> Self {
        FetchError::OfflineCold { url: redact_url(url) }
    }
    pub fn budget_spent(url: &str, seconds: u64) -> Self {
        FetchError::BudgetSpent { url: redact_url(url), seconds }
    }

    /// The URL it is about (redacted).
    pub fn url(&self) -> &str {
        match self {
            FetchError::Network { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::BadCompression { url, .. }
            | FetchError::OfflineCold { url }
            | FetchError::BudgetSpent { url, .. } => url,
        }
    }

    /// What failed, without the URL (for a message that names the index itself).
    pub fn reason(&self) -> String {
        match self {
            FetchError::Network { message, .. } => format!("cannot connect ({message})"),
            FetchError::Timeout { millis, .. } if millis % 1000 == 0 => format!("no answer within {} s", millis / 1000),
            FetchError::Timeout { millis, .. } => format!("no answer within {} s", *millis as f64 / 1000.0),
            FetchError::TooLarge { limit, .. } => format!("the response is larger than {} MiB", limit / (1024 * 1024)),
            FetchError::BadCompression { message, .. } => format!("the response does not decompress ({message})"),
            FetchError::OfflineCold { .. } => "not in the cache; run once with --online".to_owned(),
            FetchError::BudgetSpent { seconds, .. } => format!("the run's time budget of {seconds} s is spent"),
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.url(), self.reason())
    }
}

impl std::error::Error for FetchError {}

/// Answers GET requests. `accept` is the `Accept` header (part of the cache key).
pub trait Fetch: Send + Sync {
    fn get(&self, url: &str, accept: &str) -> Result<Response, FetchError>;
}

/// The most a body may be, compressed or decompressed: 64 MiB.
pub const BODY_LIMIT: u64 = 64 * 1024 * 1024;

/// A `file://` URL read from disk: a missing file is a 404, a directory a listing is not
/// (404 too: find-links directories are read by their own code through [`file_path`]).
pub fn read_file_url(url: &str, limit: u64) -> Result<Response, FetchError> {
    let Some(path) = file_path(url) else { return Err(FetchError::network(url, "not a file URL")) };
    let not_found = || Response { status: 404, body: Vec::new(), content_type: None, url: url.to_owned() };
    let meta = match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => meta,
        Ok(_) => return Ok(not_found()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(not_found()),
        Err(e) => return Err(FetchError::network(url, e)),
    };
    if meta.len() > limit {
        return Err(FetchError::too_large(url, limit));
    }
    let body = std::fs::read(&path).map_err(|e| FetchError::network(url, e))?;
    let content_type = path.extension().and_then(|e| e.to_str()).map(|e| match e {
        "json" => "application/json".to_owned(),
        "html" | "htm" => "text/html".to_owned(),
        _ => "application/octet-stream".to_owned(),
    });
    Ok(Response { status: 200, body, content_type, url: url.to_owned() })
}

/// The local path of a `file://` URL (`file:///abs/path`, `file://localhost/abs`,
/// `file:///C:/dir` on Windows), percent-decoded.
pub fn file_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("file://").or_else(|| url.strip_prefix("FILE://"))?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_decode(rest);
    // `/C:/dir` → `C:/dir`
    let decoded = match decoded.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() => decoded[1..].to_owned(),
        _ => decoded,
    };
    Some(std::path::PathBuf::from(decoded))
}

pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decompresses a zstd body, at most `limit` bytes of output.
#[cfg(feature = "online")]
pub fn decompress_zstd(url: &str, bytes: &[u8], limit: u64) -> Result<Vec<u8>, FetchError> {
    use std::io::Read;
    let decoder = ruzstd::decoding::StreamingDecoder::new(bytes).map_err(|e| FetchError::bad_compression(url, e))?;
    let mut out = Vec::new();
    decoder.take(limit + 1).read_to_end(&mut out).map_err(|e| FetchError::bad_compression(url, e))?;
    if out.len() as u64 > limit {
        return Err(FetchError::too_large(url, limit));
    }
    Ok(out)
}

/// Without the `online` feature nothing is zstd-compressed as far as condalint knows.
#[cfg(not(feature = "online"))]
pub fn decompress_zstd(url: &str, _bytes: &[u8], _limit: u64) -> Result<Vec<u8>, FetchError> {
    Err(FetchError::bad_compression(url, "built without zstd support"))
}

#[cfg(feature = "online")]
pub use http::HttpFetch;

#[cfg(feature = "online")]
mod http {
    use std::io::Read;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    use super::super::cache::{Cache, Entry};
    use super::{read_file_url, FetchError, Fetch, Response};

    /// ureq, with the on-disk cache in front of it.
    pub struct HttpFetch {
        agent: ureq::Agent,
        cache: Option<Cache>,
        offline: bool,
        timeout: Duration,
        budget: Duration,
        started: Mutex<Option<Instant>>,
        limit: u64,
    }

    impl HttpFetch {
        /// `cache`: where answers are kept (`None`: nowhere); `offline`: the cache only; `roots`:
        /// a PEM bundle of the authorities to trust (`None`, or no certificate in it: the
        /// built-in Mozilla roots).
        pub fn new(cache: Option<Cache>, offline: bool, timeout: Duration, budget: Duration, limit: u64, roots: Option<&[u8]>) -> Self {
            let certs: Vec<_> = roots
                .into_iter()
                .flat_map(ureq::tls::parse_pem)
                .filter_map(|item| match item {
                    Ok(ureq::tls::PemItem::Certificate(cert)) => Some(cert),
                    _ => None,
                })
                .collect();
            let roots = if certs.is_empty() { ureq::tls::RootCerts::WebPki } else { ureq::tls::RootCerts::new_with_certs(&certs) };
            let config = ureq::Agent::config_builder()
                .tls_config(ureq::tls::TlsConfig::builder().root_certs(roots).build())
                .http_status_as_error(false)
                .max_redirects(10)
                .user_agent(concat!("condalint/", env!("CARGO_PKG_VERSION")))
                .timeout_global(Some(timeout))
                .build();
            Self { agent: config.into(), cache, offline, timeout, budget, started: Mutex::new(None), limit }
        }

        /// The time left of the budget (the clock starts at the first request).
        fn remaining(&self) -> Duration {
            let mut started = self.started.lock().unwrap_or_else(|e| e.into_inner());
            let start = *started.get_or_insert_with(Instant::now);
            self.budget.saturating_sub(start.elapsed())
        }

        fn request(&self, url: &str, accept: &str, cached: Option<&Entry>) -> Result<(Response, Headers), FetchError> {
            let remaining = self.remaining();
            if remaining.is_zero() {
                return Err(FetchError::budget_spent(url, self.budget.as_secs()));
            }
            let timeout = self.timeout.min(remaining);
            let (plain, auth) = split_credentials(url);
            let mut request = self.agent.get(&plain).header("Accept", accept);
            if let Some(auth) = &auth {
                request = request.header("Authorization", auth.as_str());
            }
            if let Some(entry) = cached {
                if let Some(etag) = &entry.etag {
                    request = request.header("If-None-Match", etag.as_str());
                }
                if let Some(modified) = &entry.last_modified {
                    request = request.header("If-Modified-Since", modified.as_str());
                }
            }
            let mut response = match request.config().timeout_global(Some(timeout)).build().call() {
                Ok(response) => response,
                Err(ureq::Error::Timeout(_)) => return Err(FetchError::timeout(url, timeout)),
                Err(e) => return Err(FetchError::network(url, e)),
            };
            let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let headers = Headers { etag: header("etag"), last_modified: header("last-modified"), cache_control: header("cache-control") };
            let content_type = header("content-type");
            let status = response.status().as_u16();
            let final_url = {
                use ureq::ResponseExt;
                let uri = response.get_uri().to_string();
                if uri == plain { url.to_owned() } else { uri }
            };
            // The limit applies to what the body decodes to (gzip): ureq counts decoded bytes.
            let mut body = Vec::new();
            let reader = response.body_mut().with_config().limit(self.limit + 1).reader();
            match reader.take(self.limit + 1).read_to_end(&mut body) {
                Ok(_) if body.len() as u64 > self.limit => return Err(FetchError::too_large(url, self.limit)),
                Ok(_) => {}
                Err(e) if e.to_string().contains("limit") => return Err(FetchError::too_large(url, self.limit)),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut || e.to_string().contains("timeout") => {
                    return Err(FetchError::timeout(url, timeout))
                }
                Err(e) => return Err(FetchError::network(url, e)),
            }
            Ok((Response { status, body, content_type, url: final_url }, headers))
        }
    }

    /// The validators and freshness of an answer.
    struct Headers {
        etag: Option<String>,
        last_modified: Option<String>,
        cache_control: Option<String>,
    }

    impl Fetch for HttpFetch {
        fn get(&self, url: &str, accept: &str) -> Result<Response, FetchError> {
            if url.starts_with("file://") {
                return read_file_url(url, self.limit);
            }
            let cached = self.cache.as_ref().and_then(|c| c.load(url, accept));
            if let Some(entry) = &cached {
                if self.offline || entry.is_fresh() {
                    return Ok(entry.response(url));
                }
            }
            if self.offline {
                return Err(FetchError::offline_cold(url));
            }
            let (response, headers) = self.request(url, accept, cached.as_ref())?;
            let Some(cache) = &self.cache else { return Ok(response) };
            if response.status == 304 {
                if let Some(mut entry) = cached {
                    entry.refresh(headers.cache_control.as_deref(), headers.etag, headers.last_modified);
                    cache.store(url, accept, &entry);
                    return Ok(entry.response(url));
                }
            }
            let cacheable = matches!(response.status, 200 | 203 | 300 | 301 | 308 | 404 | 410);
            let no_store = headers.cache_control.as_deref().is_some_and(|c| c.to_ascii_lowercase().contains("no-store"));
            if cacheable && !no_store {
                let entry = Entry::new(&response, headers.cache_control.as_deref(), headers.etag, headers.last_modified);
                cache.store(url, accept, &entry);
            }
            Ok(response)
        }
    }

    /// The URL without its userinfo, and the `Authorization` header the userinfo stands for.
    fn split_credentials(url: &str) -> (String, Option<String>) {
        let Some(scheme_end) = url.find("://") else { return (url.to_owned(), None) };
        let authority_start = scheme_end + 3;
        let authority_end = url[authority_start..].find(['/', '?', '#']).map_or(url.len(), |i| authority_start + i);
        let Some(at) = url[authority_start..authority_end].rfind('@') else { return (url.to_owned(), None) };
        let userinfo = &url[authority_start..authority_start + at];
        let plain = format!("{}{}", &url[..authority_start], &url[authority_start + at + 1..]);
        let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
        let pair = format!("{}:{}", super::percent_decode(user), super::percent_decode(password));
        (plain, Some(format!("Basic {}", base64(pair.as_bytes()))))
    }

    fn base64(bytes: &[u8]) -> String {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn credentials_become_a_basic_header() {
            let (plain, auth) = split_credentials("https://user:p%40ss@example.com/simple/");
            assert_eq!(plain, "https://example.com/simple/");
            assert_eq!(auth.as_deref(), Some("Basic dXNlcjpwQHNz"));
            assert_eq!(split_credentials("https://example.com/a@b").1, None);
            assert_eq!(base64(b"ab"), "YWI=");
            assert_eq!(base64(b"a"), "YQ==");
        }
    }
}
