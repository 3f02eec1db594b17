//! The on-disk cache of index answers: one file per URL and `Accept` header (credentials are
//! not part of the key), holding the status (a 404 is cached too, so an offline rerun gives the
//! same findings), the body and the HTTP validators (ETag, Last-Modified) with the freshness
//! Cache-Control gives (`max-age`, `no-cache`). Written atomically (temporary file, rename).
//!
//! An entry file is one line of JSON (what the answer was) and the body after it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::fetch::Response;
use super::strip_credentials;

/// A cache directory (`CONDALINT_CACHE_DIR`, `--cache-dir`, else the platform's).
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

/// One cached answer.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// The key: the URL without credentials, and the Accept header.
    key: String,
    accept: String,
    pub status: u16,
    pub content_type: Option<String>,
    /// The final URL (after redirects), without credentials.
    final_url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When it was stored or last revalidated (seconds since 1970).
    pub stored: u64,
    /// Cache-Control `max-age`; `None`: revalidate every time.
    pub max_age: Option<u64>,
    /// Cache-Control `no-cache`: revalidate every time.
    pub no_cache: bool,
    #[serde(skip)]
    pub body: Vec<u8>,
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `max-age` and `no-cache` of a Cache-Control header; `immutable` (RFC 8246, what CEP 16
/// asks of shards) is fresh for good.
fn freshness(cache_control: Option<&str>) -> (Option<u64>, bool) {
    let mut max_age = None;
    let mut no_cache = false;
    for directive in cache_control.unwrap_or_default().split(',') {
        let directive = directive.trim().to_ascii_lowercase();
        if directive == "immutable" {
            max_age = Some(u64::MAX);
        } else if let Some(value) = directive.strip_prefix("max-age=") {
            if max_age != Some(u64::MAX) {
                max_age = value.trim_matches('"').parse().ok();
            }
        } else if directive == "no-cache" {
            no_cache = true;
        }
    }
    (max_age, no_cache)
}

impl Entry {
    pub fn new(response: &Response, cache_control: Option<&str>, etag: Option<String>, last_modified: Option<String>) -> Self {
        let (max_age, no_cache) = freshness(cache_control);
        Self {
            key: String::new(),
            accept: String::new(),
            status: response.status,
            content_type: response.content_type.clone(),
            final_url: strip_credentials(&response.url),
            etag,
            last_modified,
            stored: now(),
            max_age,
            no_cache,
            body: response.body.clone(),
        }
    }

    /// After a 304: fresh again, with the validators the server sent (if any).
    pub fn refresh(&mut self, cache_control: Option<&str>, etag: Option<String>, last_modified: Option<String>) {
        if cache_control.is_some() {
            (self.max_age, self.no_cache) = freshness(cache_control);
        }
        self.etag = etag.or(self.etag.take());
        self.last_modified = last_modified.or(self.last_modified.take());
        self.stored = now();
    }

    /// Usable without asking the server.
    pub fn is_fresh(&self) -> bool {
        !self.no_cache && self.max_age.is_some_and(|age| now() < self.stored.saturating_add(age))
    }

    /// The answer, for a request of `url` (which may carry the credentials the key has not).
    pub fn response(&self, url: &str) -> Response {
        let final_url = if strip_credentials(url) == self.final_url { url.to_owned() } else { self.final_url.clone() };
        Response { status: self.status, body: self.body.clone(), content_type: self.content_type.clone(), url: final_url }
    }
}

/// FNV-1a, 64 bits, from `seed`: two of them name an entry file (the key inside is checked).
fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

impl Cache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The platform's cache directory for condalint, from the environment snapshot:
    /// `$XDG_CACHE_HOME/condalint` or `~/.cache/condalint` (Linux and other Unix),
    /// `~/Library/Caches/condalint` (macOS), `%LOCALAPPDATA%\condalint` (Windows).
    pub fn platform_dir(vars: &std::collections::BTreeMap<String, String>, home: Option<&Path>) -> Option<PathBuf> {
        let var = |name: &str| vars.get(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        if cfg!(windows) {
            return var("LOCALAPPDATA").map(|d| d.join("condalint"));
        }
        if cfg!(target_os = "macos") {
            return home.map(|h| h.join("Library/Caches/condalint"));
        }
        var("XDG_CACHE_HOME").filter(|p| p.is_absolute()).or_else(|| home.map(|h| h.join(".cache"))).map(|d| d.join("condalint"))
    }

    fn path(&self, key: &str, accept: &str) -> PathBuf {
        let text = format!("{key}\n{accept}");
        let name = format!("{:016x}{:016x}", fnv(0xcbf2_9ce4_8422_2325, text.as_bytes()), fnv(0x6c62_272e_07bb_0142, text.as_bytes()));
        self.dir.join("http-v1").join(&name[..2]).join(name)
    }

    /// The cached answer for `url` and `accept`, if any (a damaged entry is none).
    pub fn load(&self, url: &str, accept: &str) -> Option<Entry> {
        let key = strip_credentials(url);
        let bytes = std::fs::read(self.path(&key, accept)).ok()?;
        let newline = memchr::memchr(b'\n', &bytes)?;
        let mut entry: Entry = serde_json::from_slice(&bytes[..newline]).ok()?;
        if entry.key != key || entry.accept != accept {
            return None;
        }
        entry.body = bytes[newline + 1..].to_vec();
        Some(entry)
    }

    /// Keeps `entry` as the answer for `url` and `accept`; a cache that cannot be written is
    /// no cache (the run goes on).
    pub fn store(&self, url: &str, accept: &str, entry: &Entry) {
        let key = strip_credentials(url);
        let path = self.path(&key, accept);
        let entry = Entry { key, accept: accept.to_owned(), ..entry.clone() };
        let _ = write_atomic(&path, &entry);
    }
}

fn write_atomic(path: &Path, entry: &Entry) -> std::io::Result<()> {
    let dir = path.parent().expect("an entry path has a parent");
    std::fs::create_dir_all(dir)?;
    let mut meta = serde_json::to_vec(entry).map_err(std::io::Error::other)?;
    meta.push(b'\n');
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let unique = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".tmp-{}-{unique}", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(&meta)?;
        file.write_all(&entry.body)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(url: &str) -> Response {
        Response { status: 200, body: b"{\"a\":1}\n\xff".to_vec(), content_type: Some("application/json".into()), url: url.into() }
    }

    #[test]
    fn an_entry_round_trips_without_its_credentials_in_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let url = "https://user:secret@example.com/x/repodata.json";
        let entry = Entry::new(&response(url), Some("public, max-age=600"), Some("\"abc\"".into()), None);
        cache.store(url, "application/json", &entry);
        let loaded = cache.load("https://example.com/x/repodata.json", "application/json").expect("cached");
        assert_eq!(loaded.body, entry.body);
        assert_eq!(loaded.etag.as_deref(), Some("\"abc\""));
        assert!(loaded.is_fresh());
        assert!(cache.load("https://example.com/x/repodata.json", "text/html").is_none(), "Accept is part of the key");
        // The request's credentials are kept in the answer, never written to disk.
        assert_eq!(loaded.response(url).url, url);
        for file in walk(dir.path()) {
            let bytes = std::fs::read(file).unwrap();
            assert!(!String::from_utf8_lossy(&bytes).contains("secret"));
        }
    }

    #[test]
    fn freshness_follows_cache_control() {
        let r = response("https://example.com/a");
        assert!(!Entry::new(&r, None, None, None).is_fresh(), "no max-age: revalidate");
        assert!(!Entry::new(&r, Some("max-age=600, no-cache"), None, None).is_fresh());
        assert!(!Entry::new(&r, Some("max-age=0"), None, None).is_fresh());
        assert!(Entry::new(&r, Some("max-age=0, immutable"), None, None).is_fresh());
        let mut stale = Entry::new(&r, Some("max-age=0"), Some("\"1\"".into()), None);
        stale.refresh(Some("max-age=60"), None, Some("Tue, 01 Dec 2026 00:00:00 GMT".into()));
        assert!(stale.is_fresh());
        assert_eq!(stale.etag.as_deref(), Some("\"1\""), "a 304 without an ETag keeps the old one");
    }

    #[test]
    #[cfg(all(unix, not(target_os = "macos")))]
    fn the_platform_cache_directory() {
        let mut vars = std::collections::BTreeMap::new();
        let home = Path::new("/home/u");
        assert_eq!(Cache::platform_dir(&vars, Some(home)), Some(PathBuf::from("/home/u/.cache/condalint")));
        vars.insert("XDG_CACHE_HOME".to_owned(), "/xdg".to_owned());
        assert_eq!(Cache::platform_dir(&vars, Some(home)), Some(PathBuf::from("/xdg/condalint")));
        vars.insert("XDG_CACHE_HOME".to_owned(), "relative".to_owned());
        assert_eq!(Cache::platform_dir(&vars, Some(home)), Some(PathBuf::from("/home/u/.cache/condalint")), "a relative XDG path is ignored, as the spec says");
        assert_eq!(Cache::platform_dir(&Default::default(), None), None);
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }
}
