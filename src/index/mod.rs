//! The index-aware checks' window on package indexes (IDX rules): conda channels ([`conda`],
//! channels found as conda finds them, [`channels`]) and PyPI-compatible indexes. The only
//! module that touches the network, and only through the [`Fetch`] an [`Index`] is given: the
//! command line gives one ([`Index::open`]) only with `--online` (or `online = true`), so a run
//! without it makes no request.
//!
//! Before a file's IDX rules run, [`Index::prefetch`] asks for everything the file needs, in
//! parallel (at most [`CONCURRENCY`] requests at a time); the rules then read memoised answers.
//! Each URL is fetched once per run, across files.

pub mod cache;
pub mod channels;
pub mod conda;
pub mod fetch;
pub mod pip_indexes;
pub mod pypi;
pub mod wheel;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use crate::model::EnvFile;
use crate::source::{SourceFile, TextRange};

pub use cache::Cache;
pub use fetch::{Fetch, FetchError, Response};

/// Requests in flight at once.
pub const CONCURRENCY: usize = 8;

/// What the run asks of the indexes; the command line fills it (the library never reads the
/// process environment itself).
#[derive(Clone, Debug)]
pub struct Options {
    /// Requests may be made (`--online`).
    pub online: bool,
    /// The cache only (`--offline`).
    pub offline: bool,
    /// `--cache-dir`, else `CONDALINT_CACHE_DIR`, else the platform's ([`Options::cache_dir`]).
    pub cache_dir: Option<PathBuf>,
    /// `--channel-alias`: overrides `CONDA_CHANNEL_ALIAS` and `.condarc`.
    pub channel_alias: Option<String>,
    /// `--pypi-index`: the index pip would use, whatever the file and pip's configuration say.
    pub pypi_index: Option<String>,
    /// `--platform` (repeatable): the target subdirs when the file has no `platforms:`.
    pub platforms: Vec<String>,
    /// `--python X.Y`: the target python for wheels.
    pub python: Option<String>,
    /// The environment variables of the run (`CONDARC`, `CONDA_CHANNEL_ALIAS`, `PIP_INDEX_URL`…).
    pub vars: BTreeMap<String, String>,
    /// The user's home directory (`~/.condarc`, `~/.config/pip/pip.conf`, the cache).
    pub home: Option<PathBuf>,
    /// Per request.
    pub timeout: Duration,
    /// For the whole run: after it, no more requests.
    pub budget: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            online: false,
            offline: false,
            cache_dir: None,
            channel_alias: None,
            pypi_index: None,
            platforms: Vec::new(),
            python: None,
            vars: BTreeMap::new(),
            home: None,
            timeout: Duration::from_secs(10),
            budget: Duration::from_secs(30),
        }
    }
}

impl Options {
    /// The certificate authorities HTTPS trusts: a PEM bundle named by `SSL_CERT_FILE`, conda's
    /// and pip's `REQUESTS_CA_BUNDLE`, pip's `PIP_CERT`, else the system's bundle where the platform
    /// keeps one (Debian/Ubuntu, Fedora/RHEL, openSUSE, Alpine); `None`: the Mozilla roots built
    /// in (webpki-roots). A TLS-inspecting proxy's authority is in the system bundle, so a machine
    /// where conda and pip work is one where condalint works.
    pub fn ca_bundle(&self) -> Option<PathBuf> {
        const SYSTEM: [&str; 4] = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem"];
        let named = ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "PIP_CERT"].iter().filter_map(|v| self.vars.get(*v)).map(PathBuf::from);
        named.chain(SYSTEM.iter().map(PathBuf::from)).find(|p| p.is_file())
    }

    /// An environment variable of the run (empty counts as unset).
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// Where answers are cached: `--cache-dir`, `CONDALINT_CACHE_DIR`, the platform's.
    pub fn resolved_cache_dir(&self) -> Option<PathBuf> {
        self.cache_dir.clone().or_else(|| self.var("CONDALINT_CACHE_DIR").map(PathBuf::from)).or_else(|| Cache::platform_dir(&self.vars, self.home.as_deref()))
    }
}

type Answer = Arc<Result<Response, FetchError>>;
/// Each answer by URL and Accept header, fetched once.
type Answers = Mutex<crate::HashMap<(String, String), Arc<OnceLock<Answer>>>>;

/// The indexes of one run: the [`Fetch`] that reaches them, and every answer, memoised.
pub struct Index {
    options: Options,
    fetch: Arc<dyn Fetch>,
    answers: Answers,
    /// Requests in flight, at most [`CONCURRENCY`] for the whole run (files are linted in
    /// parallel, each prefetching in parallel).
    in_flight: (Mutex<usize>, std::sync::Condvar),
    /// Resolved channels and parsed repodata.
    pub(crate) conda: conda::Memo,
    /// pip's configuration and parsed project pages.
    pub(crate) pypi: pypi::Memo,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("options", &self.options).finish_non_exhaustive()
    }
}

impl Index {
    /// An index reached through `fetch` (a test's, the docs harness's, or [`Index::open`]'s).
    pub fn new(options: Options, fetch: Arc<dyn Fetch>) -> Self {
        let conda = conda::Memo::new(&options);
        Self { options, fetch, answers: Mutex::default(), in_flight: Default::default(), conda, pypi: pypi::Memo::default() }
    }

    /// The real one: HTTP with the on-disk cache (`--offline`: the cache only).
    #[cfg(feature = "online")]
    pub fn open(options: Options) -> Self {
        let cache = options.resolved_cache_dir().map(Cache::new);
        let roots = options.ca_bundle().and_then(|path| std::fs::read(path).ok());
        let fetch = fetch::HttpFetch::new(cache, options.offline, options.timeout, options.budget, fetch::BODY_LIMIT, roots.as_deref());
        Self::new(options, Arc::new(fetch))
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The answer for `url` with `accept`, fetched once per run (concurrent askers wait for
    /// the first).
    pub fn get(&self, url: &str, accept: &str) -> Answer {
        let cell = {
            let mut answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
            answers.entry((url.to_owned(), accept.to_owned())).or_default().clone()
        };
        cell.get_or_init(|| {
            let (count, freed) = &self.in_flight;
            let mut n = freed.wait_while(count.lock().unwrap_or_else(|e| e.into_inner()), |n| *n >= CONCURRENCY).unwrap_or_else(|e| e.into_inner());
            *n += 1;
            drop(n);
            let answer = self.fetch.get(url, accept);
            *count.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
            freed.notify_one();
            Arc::new(answer)
        })
        .clone()
    }

    /// `f` over `items`, at most [`CONCURRENCY`] at a time, results in the order of `items`.
    pub fn parallel<T: Send, R: Send>(&self, items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
        if items.len() <= 1 {
            return items.into_iter().map(f).collect();
        }
        let count = items.len();
        let queue = Mutex::new(items.into_iter().enumerate());
        let results = Mutex::new((0..count).map(|_| None).collect::<Vec<Option<R>>>());
        std::thread::scope(|scope| {
            for _ in 0..CONCURRENCY.min(count) {
                scope.spawn(|| loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((i, item)) = next else { break };
                    let result = f(item);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                });
            }
        });
        results.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().map(|r| r.expect("every item ran")).collect()
    }

    /// Asks for everything `env` needs, in parallel, so that the rules read memoised answers.
    pub fn prefetch(&self, env: &EnvFile) {
        conda::prefetch(self, env);
        pypi::prefetch(self, env);
    }

    /// The target subdirs of a file: its `platforms:`, else `--platform`, else `linux-64`;
    /// `noarch` is always searched besides them and is not in this list.
    pub fn subdirs(&self, env: &EnvFile) -> Vec<String> {
        let from_file: Vec<String> = env.platforms.iter().flatten().map(|p| p.value.trim().to_owned()).filter(|p| !p.is_empty() && p != "noarch").collect();
        let mut subdirs = if !from_file.is_empty() {
            from_file
        } else if !self.options.platforms.is_empty() {
            self.options.platforms.clone()
        } else {
            vec!["linux-64".to_owned()]
        };
        subdirs.dedup();
        subdirs
    }

    /// The target python: `--python`, else the newest python the file's python pin admits.
    pub fn python(&self, env: &EnvFile) -> Option<pep440_rs::Version> {
        if let Some(python) = &self.options.python {
            return python.parse().ok();
        }
        crate::rules::releases::admitted_pythons(env).last().map(|(_, v)| (*v).clone())
    }
}

/// An index or channel that could not be read, as IDX000 reports it: one per index (not per
/// subdir), at the first place in the file that needed it.
#[derive(Clone, Debug)]
pub struct Unreachable {
    /// `channel` or `index`.
    pub kind: &'static str,
    /// The index or channel as the message names it (redacted).
    pub index: String,
    /// What failed (a [`FetchError`]'s reason, `HTTP 500`, `invalid JSON …`).
    pub reason: String,
    /// Where: the file (`None`: the linted file) and the range.
    pub file: Option<Arc<SourceFile>>,
    pub range: TextRange,
    /// The checks skipped because of it, e.g. "conda-package-not-found and conda-version-not-found".
    pub skipped: &'static str,
}

/// Every index and channel `env` needed that could not be read.
pub fn unreachable(env: &EnvFile, index: &Index) -> Vec<Unreachable> {
    let mut all = conda::unreachable(env, index);
    all.extend(pypi::unreachable(env, index));
    all
}

/// The URL with its credentials masked: `https://user:****@host/…`, a token as the user
/// `https://****@host/…`, anaconda.org's `/t/****/`.
pub fn redact_url(url: &str) -> String {
    rewrite_credentials(url, |user| match user.split_once(':') {
        Some((name, _)) => Some(format!("{name}:****")),
        None if user.starts_with("${") => Some(user.to_owned()),
        None => Some("****".to_owned()),
    }, "****")
}

/// The URL without credentials (the cache key): no userinfo, anaconda.org's `/t/<token>/` dropped.
pub fn strip_credentials(url: &str) -> String {
    rewrite_credentials(url, |_| None, "")
}

/// Every URL in `text` redacted (error messages may quote one).
pub(crate) fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let start = rest[..at].rfind(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c))).map_or(0, |i| i + 1);
        let end = rest[at..].find(|c: char| c.is_whitespace() || "\"'<>()".contains(c)).map_or(rest.len(), |i| at + i);
        out.push_str(&rest[..start]);
        out.push_str(&redact_url(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn rewrite_credentials(url: &str, user: impl Fn(&str) -> Option<String>, token: &str) -> String {
    let Some(scheme_end) = url.find("://") else { return url.to_owned() };
    let start = scheme_end + 3;
    let authority_end = url[start..].find(['/', '?', '#']).map_or(url.len(), |i| start + i);
    let mut out = url[..start].to_owned();
    match url[start..authority_end].rfind('@') {
        Some(at) => {
            if let Some(masked) = user(&url[start..start + at]) {
                out.push_str(&masked);
                out.push('@');
            }
            out.push_str(&url[start + at + 1..authority_end]);
        }
        None => out.push_str(&url[start..authority_end]),
    }
    let path = &url[authority_end..];
    // anaconda.org's token in the path: `/t/<token>/`.
    match path.strip_prefix("/t/").and_then(|p| p.find('/').map(|i| (i, p))) {
        Some((i, p)) if i > 0 && token.is_empty() => out.push_str(&p[i..]),
        Some((i, p)) if i > 0 => {
            out.push_str("/t/");
            out.push_str(token);
            out.push_str(&p[i..]);
        }
        _ => out.push_str(path),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ca_bundle_named_in_the_environment_wins() {
        let dir = tempfile::tempdir().unwrap();
        let bundle = dir.path().join("proxy-ca.pem");
        std::fs::write(&bundle, "").unwrap();
        let with = |var: &str, value: &std::path::Path| Options { vars: [(var.to_owned(), value.display().to_string())].into(), ..Options::default() };
        for var in ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "PIP_CERT"] {
            assert_eq!(with(var, &bundle).ca_bundle(), Some(bundle.clone()), "{var}");
        }
        // A variable naming no file is passed over, as OpenSSL and requests do.
        let missing = with("SSL_CERT_FILE", &dir.path().join("absent.pem")).ca_bundle();
        assert_ne!(missing, Some(dir.path().join("absent.pem")));
    }

    #[test]
    fn credentials_are_redacted_and_stripped() {
        assert_eq!(redact_url("https://builder:s3cret@repo.example.com/simple/"), "https://builder:****@repo.example.com/simple/");
        assert_eq!(redact_url("https://ghp_abcdefghijklmnop@host/x"), "https://****@host/x");
        assert_eq!(redact_url("https://conda.anaconda.org/t/ab-1234/mychan/linux-64/repodata.json"), "https://conda.anaconda.org/t/****/mychan/linux-64/repodata.json");
        assert_eq!(redact_url("https://conda.anaconda.org/conda-forge"), "https://conda.anaconda.org/conda-forge");
        assert_eq!(strip_credentials("https://u:p@host/t/tok/chan/noarch/"), "https://host/chan/noarch/");
        assert_eq!(redact_text("error sending to https://u:p@host/a: refused"), "error sending to https://u:****@host/a: refused");
    }

    struct Counting(std::sync::atomic::AtomicUsize);
    impl Fetch for Counting {
        fn get(&self, url: &str, _accept: &str) -> Result<Response, FetchError> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(Response { status: 200, body: url.as_bytes().to_vec(), content_type: None, url: url.to_owned() })
        }
    }

    /// Counts the requests in flight at once.
    struct Overlap {
        now: std::sync::atomic::AtomicUsize,
        most: std::sync::atomic::AtomicUsize,
    }
    impl Fetch for Overlap {
        fn get(&self, url: &str, _accept: &str) -> Result<Response, FetchError> {
            use std::sync::atomic::Ordering::SeqCst;
            let now = self.now.fetch_add(1, SeqCst) + 1;
            self.most.fetch_max(now, SeqCst);
            std::thread::sleep(Duration::from_millis(5));
            self.now.fetch_sub(1, SeqCst);
            Ok(Response { status: 404, body: Vec::new(), content_type: None, url: url.to_owned() })
        }
    }

    #[test]
    fn requests_in_flight_are_bounded_for_the_whole_run() {
        let fetch = Arc::new(Overlap { now: Default::default(), most: Default::default() });
        let index = Index::new(Options::default(), fetch.clone());
        // Three "files" prefetching at once, each with its own workers.
        std::thread::scope(|s| {
            for file in 0..3 {
                let index = &index;
                s.spawn(move || index.parallel((0..16).map(|i| format!("https://h/{file}/{i}")).collect(), |u| index.get(&u, "*/*")));
            }
        });
        let most = fetch.most.load(std::sync::atomic::Ordering::SeqCst);
        assert!(most <= CONCURRENCY, "{most} requests at once");
    }

    #[test]
    fn each_url_is_fetched_once_whatever_the_concurrency() {
        let fetch = Arc::new(Counting(Default::default()));
        let index = Index::new(Options::default(), fetch.clone());
        let urls: Vec<String> = (0..40).map(|i| format!("https://h/{}", i % 10)).collect();
        let bodies = index.parallel(urls.clone(), |u| index.get(&u, "*/*").as_ref().as_ref().unwrap().body.clone());
        assert_eq!(bodies, urls.iter().map(|u| u.as_bytes().to_vec()).collect::<Vec<_>>());
        assert_eq!(fetch.0.load(std::sync::atomic::Ordering::SeqCst), 10);
    }
}
