//! A package index on 127.0.0.1 for the index tests (and `bench/index.sh`): a
//! `std::net::TcpListener` thread serving a copy of `tests/fixtures/index/`, counting requests.
//!
//! - Files as they are, with `ETag` and `Last-Modified`; `If-None-Match` with the ETag → 304;
//!   `Cache-Control: max-age=N` ([`IndexServer::set_max_age`], default 600).
//! - Content types: `.json` → `application/json`, `.html` → `text/html`, else
//!   `application/octet-stream`. A directory (`/pypi/simple/<project>/`) answers its
//!   `index.json` as PEP 691 JSON (`application/vnd.pypi.simple.v1+json`) when the Accept header
//!   asks for it and the file exists, else its `index.html`.
//! - A conda channel directory with a `SHARDED` file is served as CEP 16 sharded repodata only:
//!   each subdir's `repodata.json` becomes `repodata_shards.msgpack.zst` and
//!   `shards/<sha256>.msgpack.zst` (generated when the server starts, [`prepare`]); one with a
//!   `ZST` file as `repodata.json.zst` only.
//! - Routes: `/error500/…` answers 500; `/hang/…` never answers (the client's timeout ends it);
//!   `/badjson/…` answers 200 with invalid JSON for `.json` paths and for a PEP 691 project
//!   page (`…/` asked for as `application/vnd.pypi.simple.v1+json`), 404 for the rest;
//!   `/huge/…` streams without end.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One request the server answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub path: String,
    pub accept: String,
    /// It carried `If-None-Match` or `If-Modified-Since`.
    pub conditional: bool,
    pub status: u16,
}

struct Shared {
    root: PathBuf,
    requests: Mutex<Vec<Request>>,
    max_age: AtomicU64,
    stop: AtomicBool,
}

pub struct IndexServer {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub url: String,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    _dir: Option<tempfile::TempDir>,
}

/// `tests/fixtures/index/`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/index")
}

impl IndexServer {
    /// Serves a prepared copy of `tests/fixtures/index/`.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        prepare(&fixtures(), dir.path());
        let mut server = Self::serve(dir.path());
        server._dir = Some(dir);
        server
    }

    /// Serves `root` as it is (see [`prepare`]).
    pub fn serve(root: &Path) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let shared = Arc::new(Shared { root: root.to_path_buf(), requests: Mutex::new(Vec::new()), max_age: AtomicU64::new(600), stop: AtomicBool::new(false) });
        let thread = {
            let shared = shared.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if shared.stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let shared = shared.clone();
                    std::thread::spawn(move || {
                        let _ = handle(stream, &shared);
                    });
                }
            })
        };
        Self { url, shared, thread: Some(thread), _dir: None }
    }

    /// The root it serves.
    pub fn root(&self) -> &Path {
        &self.shared.root
    }

    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.shared.requests.lock().unwrap().len()
    }

    pub fn reset(&self) {
        self.shared.requests.lock().unwrap().clear();
    }

    /// The `max-age` of the answers from now on (0: stale at once).
    pub fn set_max_age(&self, seconds: u64) {
        self.shared.max_age.store(seconds, Ordering::SeqCst);
    }
}

impl Drop for IndexServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (_method, target) = (parts.next().unwrap_or_default().to_owned(), parts.next().unwrap_or("/").to_owned());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    if shared.stop.load(Ordering::SeqCst) {
        return Ok(());
    }
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let accept = header("accept").unwrap_or_default();
    let if_none_match = header("if-none-match");
    let conditional = if_none_match.is_some() || header("if-modified-since").is_some();
    let path = target.split('?').next().unwrap_or("/").to_owned();
    let record = |status: u16| shared.requests.lock().unwrap().push(Request { path: path.clone(), accept: accept.clone(), conditional, status });

    if path.starts_with("/hang/") {
        record(0);
        // Never answer; hold the connection until the client gives up or the server stops.
        while !shared.stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(20));
            let mut probe = [0u8; 1];
            stream.set_read_timeout(Some(Duration::from_millis(20)))?;
            match stream.read(&mut probe) {
                Ok(0) => return Ok(()),
                _ => continue,
            }
        }
        return Ok(());
    }
    if path.starts_with("/error500/") {
        record(500);
        return respond(&mut stream, 500, "text/plain", &[], b"internal error\n");
    }
    if path.starts_with("/huge/") {
        record(200);
        write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")?;
        let chunk = vec![b' '; 1 << 16];
        while !shared.stop.load(Ordering::SeqCst) {
            if stream.write_all(&chunk).is_err() {
                return Ok(());
            }
        }
        return Ok(());
    }
    if let Some(rest) = path.strip_prefix("/badjson/") {
        let _ = rest;
        if path.ends_with(".json") {
            record(200);
            return respond(&mut stream, 200, "application/json", &[], b"{\"packages\": {\"broken\": ");
        }
        // A project page asked for as PEP 691 JSON (the PyPI side).
        if path.ends_with('/') && accept.contains("application/vnd.pypi.simple.v1+json") {
            record(200);
            return respond(&mut stream, 200, "application/vnd.pypi.simple.v1+json", &[], b"{\"meta\": {\"api-version\": \"1.1\"}, \"files\": [");
        }
        record(404);
        return respond(&mut stream, 404, "text/plain", &[], b"not found\n");
    }

    let relative = percent_decode(path.trim_start_matches('/'));
    if relative.split('/').any(|s| s == "..") {
        record(404);
        return respond(&mut stream, 404, "text/plain", &[], b"not found\n");
    }
    let mut file = shared.root.join(&relative);
    let mut content_type = content_type_of(&file);
    if file.is_dir() {
        let json = file.join("index.json");
        if accept.contains("application/vnd.pypi.simple.v1+json") && json.is_file() {
            file = json;
            content_type = "application/vnd.pypi.simple.v1+json";
        } else {
            file = file.join("index.html");
            content_type = "text/html";
        }
    }
    let Ok(body) = std::fs::read(&file) else {
        record(404);
        return respond(&mut stream, 404, "text/plain", &cache_headers(shared, None, &path), b"not found\n");
    };
    let etag = format!("\"{:016x}\"", fnv(&body));
    if if_none_match.as_deref() == Some(etag.as_str()) {
        record(304);
        return respond(&mut stream, 304, content_type, &cache_headers(shared, Some(&etag), &path), b"");
    }
    record(200);
    respond(&mut stream, 200, content_type, &cache_headers(shared, Some(&etag), &path), &body)
}

fn cache_headers(shared: &Shared, etag: Option<&str>, path: &str) -> Vec<(String, String)> {
    // CEP 16: shards are content-addressed and SHOULD be served immutable.
    let control = if path.contains("/shards/") && etag.is_some() {
        "public, max-age=31536000, immutable".to_owned()
    } else {
        format!("public, max-age={}", shared.max_age.load(Ordering::SeqCst))
    };
    let mut headers = vec![("Cache-Control".to_owned(), control)];
    if let Some(etag) = etag {
        headers.push(("ETag".to_owned(), etag.to_owned()));
        headers.push(("Last-Modified".to_owned(), "Tue, 01 Dec 2026 00:00:00 GMT".to_owned()));
    }
    headers
}

fn respond(stream: &mut TcpStream, status: u16, content_type: &str, headers: &[(String, String)], body: &[u8]) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        404 => "Not Found",
        _ => "Internal Server Error",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nConnection: close\r\n");
    if status != 304 {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn content_type_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => "application/json",
        Some("html") => "text/html",
        _ => "application/octet-stream",
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Copies `src` to `dst`, turning the conda channels marked `SHARDED` or `ZST` into those forms.
pub fn prepare(src: &Path, dst: &Path) {
    copy_dir(src, dst);
    let conda = dst.join("conda");
    let Ok(channels) = std::fs::read_dir(&conda) else { return };
    for channel in channels.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let sharded = channel.join("SHARDED").exists();
        let zst = channel.join("ZST").exists();
        if !sharded && !zst {
            continue;
        }
        for subdir in std::fs::read_dir(&channel).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
            let json = subdir.join("repodata.json");
            let Ok(text) = std::fs::read(&json) else { continue };
            if sharded {
                write_sharded(&subdir, &serde_json::from_slice(&text).expect("fixture repodata is JSON"));
            } else {
                std::fs::write(subdir.join("repodata.json.zst"), zstd(&text)).unwrap();
            }
            std::fs::remove_file(json).unwrap();
        }
    }
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap().flatten() {
        let to = dst.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
}

pub fn zstd(bytes: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(bytes, ruzstd::encoding::CompressionLevel::Fastest)
}

/// CEP 16 for one subdir: a shard per package name (`packages`, `packages.conda`, `removed`
/// of that name), msgpack + zstd, named by its sha256; the index maps names to the hashes.
pub fn write_sharded(subdir: &Path, repodata: &serde_json::Value) {
    use sha2::Digest;
    #[derive(serde::Serialize)]
    struct Info {
        base_url: String,
        shards_base_url: String,
        subdir: String,
    }
    #[derive(serde::Serialize)]
    struct ShardIndex {
        version: u32,
        info: Info,
        shards: std::collections::BTreeMap<String, serde_bytes::ByteBuf>,
    }
    let mut by_name: std::collections::BTreeMap<String, serde_json::Map<String, serde_json::Value>> = Default::default();
    for key in ["packages", "packages.conda"] {
        for (file, record) in repodata.get(key).and_then(|p| p.as_object()).into_iter().flatten() {
            let name = record["name"].as_str().expect("a record has a name").to_owned();
            // Every shard has both maps and `removed`, as CEP 16 writes them (rattler's reader
            // requires them).
            let shard = by_name.entry(name).or_insert_with(|| {
                let empty = || serde_json::Value::Object(Default::default());
                [("packages", empty()), ("packages.conda", empty()), ("removed", serde_json::Value::Array(Vec::new()))].into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            });
            shard[key].as_object_mut().unwrap().insert(file.clone(), record.clone());
        }
    }
    let shards_dir = subdir.join("shards");
    std::fs::create_dir_all(&shards_dir).unwrap();
    let mut shards = std::collections::BTreeMap::new();
    for (name, shard) in by_name {
        let bytes = zstd(&rmp_serde::to_vec_named(&serde_json::Value::Object(shard)).unwrap());
        let hash = sha2::Sha256::digest(&bytes);
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        std::fs::write(shards_dir.join(format!("{hex}.msgpack.zst")), &bytes).unwrap();
        shards.insert(name, serde_bytes::ByteBuf::from(hash.to_vec()));
    }
    let subdir_name = subdir.file_name().unwrap().to_string_lossy().into_owned();
    let index = ShardIndex { version: 1, info: Info { base_url: "./".into(), shards_base_url: "./shards/".into(), subdir: subdir_name }, shards };
    std::fs::write(subdir.join("repodata_shards.msgpack.zst"), zstd(&rmp_serde::to_vec_named(&index).unwrap())).unwrap();
}
