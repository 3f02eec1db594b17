//! Which indexes and find-links locations pip would read for an environment file's pip section,
//! and which requirements it would look up on the target.
//!
//! conda writes the pip section into a requirements file next to the environment file and runs
//! `pip install -r` there (conda `conda/env/installers/pip.py`), so:
//! - pip starts from its configuration (pypa/pip `src/pip/_internal/configuration.py`,
//!   `cli/parser.py`): `index-url`, `extra-index-url`, `find-links`, `no-index` from the
//!   `PIP_*` environment variables, else the `[install]` section, else `[global]`, of the files
//!   global (`$XDG_CONFIG_DIRS/pip/pip.conf`, `/etc/pip.conf`) < user (`~/.pip/pip.conf`,
//!   `$XDG_CONFIG_HOME/pip/pip.conf`; skipped when `PIP_CONFIG_FILE` names an existing file)
//!   < `PIP_CONFIG_FILE` (`/dev/null`: no file at all); the index list is `[index-url] +
//!   extra-index-url`, default `https://pypi.org/simple` (`cli/cmdoptions.py`,
//!   `make_search_scope`);
//! - then each option line of the requirements files, in order (`req/req_file.py`,
//!   `handle_option_line`): `--no-index` empties the list, `--index-url` REPLACES the whole list
//!   (extra indexes from the configuration included), `--extra-index-url` appends, and
//!   `--find-links` appends (a relative path is taken relative to the requirements file when it
//!   exists there).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::files::FileSystem;
use crate::model::{EnvFile, PipItemKind, Requirement};

use super::wheel::Target;

/// pip's default index (`models/index.py`, `PyPI.simple_url`).
pub const PYPI_SIMPLE: &str = "https://pypi.org/simple";

/// Where an index or find-links location was declared, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// pip's default, PyPI.
    Default,
    /// An option line of the pip section or of a requirements file.
    File,
    /// An environment variable (`PIP_INDEX_URL`).
    Variable(String),
    /// A pip configuration file.
    Config(PathBuf),
    /// condalint's `--pypi-index`.
    Override,
}

/// An index URL and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexUrl {
    pub url: String,
    pub origin: Origin,
}

/// A `--find-links` location as pip reads it (`index/sources.py`, `build_source`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindLinks {
    /// A local directory: every file in it.
    Directory(PathBuf),
    /// An HTML page (remote, or a local `.html` file as a `file:` URL): its links.
    Page(String),
    /// A local archive or wheel named directly.
    File(PathBuf),
}

/// The indexes and find-links locations pip would use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipSources {
    pub indexes: Vec<IndexUrl>,
    pub find_links: Vec<FindLinks>,
    pub no_index: bool,
    /// `--no-binary` / `--only-binary`.
    pub formats: FormatControl,
    /// `--prefer-binary`: a wheel of an older release over an sdist of a newer one.
    pub prefer_binary: bool,
    /// `--pre`: pre-releases count like final releases.
    pub pre: bool,
}

/// pip's `FormatControl` (`models/format_control.py`): the projects (PEP 503 names, or
/// `:all:`) pip installs only from wheels (`--only-binary`) or only from sdists (`--no-binary`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormatControl {
    pub no_binary: std::collections::BTreeSet<String>,
    pub only_binary: std::collections::BTreeSet<String>,
}

/// Which kinds of file pip may install for a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allowed {
    pub wheel: bool,
    pub sdist: bool,
}

impl FormatControl {
    /// `handle_mutual_excludes`: `value` (comma-separated names, `:all:`, `:none:`) added to the
    /// `only_binary` set (`only`) or the `no_binary` one.
    pub fn add(&mut self, value: &str, only: bool) {
        let (target, other) = if only { (&mut self.only_binary, &mut self.no_binary) } else { (&mut self.no_binary, &mut self.only_binary) };
        let mut names: Vec<&str> = value.split(',').map(str::trim).collect();
        while let Some(at) = names.iter().position(|n| *n == ":all:") {
            other.clear();
            target.clear();
            target.insert(":all:".to_owned());
            names.drain(..=at);
            if !names.contains(&":none:") {
                return;
            }
        }
        for name in names {
            if name == ":none:" {
                target.clear();
                continue;
            }
            let name = crate::model::pep503(name).into_owned();
            other.remove(&name);
            target.insert(name);
        }
    }

    /// `get_allowed_formats`.
    pub fn allowed(&self, project: &str) -> Allowed {
        let all = Allowed { wheel: true, sdist: true };
        if self.only_binary.contains(project) {
            Allowed { sdist: false, ..all }
        } else if self.no_binary.contains(project) {
            Allowed { wheel: false, ..all }
        } else if self.only_binary.contains(":all:") {
            Allowed { sdist: false, ..all }
        } else if self.no_binary.contains(":all:") {
            Allowed { wheel: false, ..all }
        } else {
            all
        }
    }
}

/// What pip's configuration lookup reads from outside the file: the environment snapshot and
/// the home directory (the library never reads `std::env` itself).
pub struct PipEnvironment<'a> {
    pub vars: &'a BTreeMap<String, String>,
    pub home: Option<&'a Path>,
    pub fs: &'a dyn FileSystem,
}

/// The effective pip configuration values condalint reads, with where each came from.
#[derive(Clone, Debug, Default)]
pub struct PipConfig {
    index_url: Option<(String, Origin)>,
    extra_index_urls: Option<(Vec<String>, Origin)>,
    find_links: Option<(Vec<String>, Origin, Option<PathBuf>)>,
    no_index: bool,
    no_binary: Option<String>,
    only_binary: Option<String>,
    prefer_binary: bool,
    pre: bool,
}

/// The pip configuration files in pip's override order (later wins), per `get_configuration_files`
/// and `iter_config_files`.
fn config_files(env: &PipEnvironment) -> Vec<PathBuf> {
    let var = |k: &str| env.vars.get(k).filter(|v| !v.is_empty()).cloned();
    let env_file = var("PIP_CONFIG_FILE");
    if env_file.as_deref() == Some("/dev/null") || (cfg!(windows) && env_file.as_deref().is_some_and(|f| f.eq_ignore_ascii_case("nul"))) {
        return Vec::new();
    }
    let mut files = Vec::new();
    let home = env.home.map(Path::to_path_buf);
    if cfg!(windows) {
        if let Some(data) = var("ProgramData").or_else(|| var("PROGRAMDATA")) {
            files.push(Path::new(&data).join("pip").join("pip.ini"));
        }
    } else if cfg!(target_os = "macos") {
        files.push(PathBuf::from("/Library/Application Support/pip/pip.conf"));
        files.push(PathBuf::from("/etc/pip.conf"));
    } else {
        let dirs = var("XDG_CONFIG_DIRS").unwrap_or_else(|| "/etc/xdg".to_owned());
        files.extend(dirs.split(':').filter(|d| !d.is_empty()).map(|d| Path::new(d).join("pip").join("pip.conf")));
        files.push(PathBuf::from("/etc/pip.conf"));
    }
    let env_file_exists = env_file.as_deref().is_some_and(|f| env.fs.exists(Path::new(f)));
    if !env_file_exists {
        if cfg!(windows) {
            if let Some(h) = &home {
                files.push(h.join("pip").join("pip.ini"));
            }
            if let Some(appdata) = var("APPDATA") {
                files.push(Path::new(&appdata).join("pip").join("pip.ini"));
            }
        } else if let Some(h) = &home {
            files.push(h.join(".pip").join("pip.conf"));
            let mac = h.join("Library").join("Application Support").join("pip");
            let user_dir = if cfg!(target_os = "macos") && env.fs.exists(&mac) {
                mac
            } else {
                var("XDG_CONFIG_HOME").map_or_else(|| h.join(".config"), PathBuf::from).join("pip")
            };
            files.push(user_dir.join("pip.conf"));
        }
    }
    if let Some(f) = env_file {
        files.push(PathBuf::from(f));
    }
    files
}

/// `configparser.RawConfigParser` as pip uses it: `[section]`, `key = value` or `key: value`,
/// indented continuation lines, `#`/`;` comment lines; keys lowercased, `_` read as `-`.
fn parse_ini(text: &str) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut section: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.2.push('\n');
                last.2.push_str(trimmed);
            }
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            section = Some(name.trim().to_owned());
            continue;
        }
        let Some(section) = &section else { continue };
        let Some(sep) = trimmed.find(['=', ':']) else { continue };
        let key = trimmed[..sep].trim().to_ascii_lowercase().replace('_', "-");
        let key = key.strip_prefix("--").unwrap_or(&key).to_owned();
        let value = trimmed[sep + 1..].trim().to_owned();
        out.retain(|(s, k, _)| !(s == section && *k == key));
        out.push((section.clone(), key, value));
    }
    out
}

/// pip's `strtobool` for a `no-index` value.
fn truthy(value: &str) -> bool {
    matches!(value.trim().to_ascii_lowercase().as_str(), "y" | "yes" | "t" | "true" | "on" | "1")
}

/// pip's configuration: environment variables over the configuration files.
pub fn read_config(env: &PipEnvironment) -> PipConfig {
    // Per key: (value, origin, file), `[global]` and `[install]` apart; later files win.
    let mut sections: BTreeMap<(&str, String), (String, PathBuf)> = BTreeMap::new();
    for file in config_files(env) {
        let Ok(bytes) = env.fs.read(&file) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        for (section, key, value) in parse_ini(&text) {
            let which = match section.as_str() {
                "global" => "global",
                "install" => "install",
                _ => continue,
            };
            if value.is_empty() {
                sections.remove(&(which, key));
            } else {
                sections.insert((which, key), (value, file.clone()));
            }
        }
    }
    let lookup = |key: &str| -> Option<(String, Origin, Option<PathBuf>)> {
        let var = format!("PIP_{}", key.to_ascii_uppercase().replace('-', "_"));
        if let Some(v) = env.vars.get(&var).filter(|v| !v.is_empty()) {
            return Some((v.clone(), Origin::Variable(var), None));
        }
        ["install", "global"].iter().find_map(|s| {
            sections.get(&(*s, key.to_owned())).map(|(v, f)| (v.clone(), Origin::Config(f.clone()), Some(f.clone())))
        })
    };
    let split = |v: String| v.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    PipConfig {
        index_url: lookup("index-url").map(|(v, o, _)| (v, o)),
        extra_index_urls: lookup("extra-index-url").map(|(v, o, _)| (split(v), o)),
        find_links: lookup("find-links").map(|(v, o, f)| (split(v), o, f)),
        no_index: lookup("no-index").is_some_and(|(v, _, _)| truthy(&v)),
        no_binary: lookup("no-binary").map(|(v, _, _)| v),
        only_binary: lookup("only-binary").map(|(v, _, _)| v),
        prefer_binary: lookup("prefer-binary").is_some_and(|(v, _, _)| truthy(&v)),
        pre: lookup("pre").is_some_and(|(v, _, _)| truthy(&v)),
    }
}

/// pip's `expand_env_variables` for a requirements line: `${NAME}` (`A-Z`, `0-9`, `_`)
/// becomes the variable's value when it is set.
fn expand(value: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find('}') {
            Some(close) if close > 0 && after[..close].bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') => {
                match vars.get(&after[..close]) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&rest[at..at + 3 + close]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str("${");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A find-links value as pip classifies it: a URL (a `file:` URL to a directory is a
/// directory), or a path relative to `base`.
fn find_links_of(value: &str, base: &Path, fs: &dyn FileSystem) -> FindLinks {
    let local = if let Some(rest) = value.strip_prefix("file:") {
        url::Url::parse(value).ok().and_then(|u| u.to_file_path().ok()).unwrap_or_else(|| PathBuf::from(rest.trim_start_matches("//")))
    } else if value.contains("://") {
        return FindLinks::Page(value.to_owned());
    } else {
        let relative = if base.as_os_str().is_empty() || base == Path::new(".") { PathBuf::from(value) } else { base.join(value) };
        if fs.exists(&relative) {
            relative
        } else {
            PathBuf::from(value)
        }
    };
    if fs.exists(&local) && !fs.is_file(&local) {
        FindLinks::Directory(local)
    } else {
        let lower = local.to_string_lossy().to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            let absolute = std::path::absolute(&local).unwrap_or_else(|_| local.clone());
            let url = url::Url::from_file_path(&absolute).map(|u| u.to_string()).unwrap_or_else(|_| value.to_owned());
            FindLinks::Page(url)
        } else {
            FindLinks::File(local)
        }
    }
}

/// The indexes and find-links locations pip would use for `env` (the environment file in
/// `env_dir`), with `pypi_index` (condalint's `--pypi-index`) standing in for the main index.
pub fn pip_sources(env: &EnvFile, env_dir: &Path, pip_env: &PipEnvironment, pypi_index: Option<&str>) -> PipSources {
    sources_with(&read_config(pip_env), env, env_dir, pip_env.vars, pip_env.fs, pypi_index)
}

/// [`pip_sources`] with pip's configuration already read.
pub fn sources_with(config: &PipConfig, env: &EnvFile, env_dir: &Path, vars: &BTreeMap<String, String>, fs: &dyn FileSystem, pypi_index: Option<&str>) -> PipSources {
    let mut sources = PipSources { no_index: config.no_index, prefer_binary: config.prefer_binary, pre: config.pre, ..PipSources::default() };
    // The options' defaults from the configuration: no-binary first, as optparse applies them
    // in option order (both callbacks are mutually exclusive per name).
    if let Some(v) = &config.no_binary {
        sources.formats.add(v, false);
    }
    if let Some(v) = &config.only_binary {
        sources.formats.add(v, true);
    }
    if !sources.no_index {
        let (url, origin) = config.index_url.clone().unwrap_or_else(|| (PYPI_SIMPLE.to_owned(), Origin::Default));
        sources.indexes.push(IndexUrl { url, origin });
        if let Some((extras, origin)) = &config.extra_index_urls {
            sources.indexes.extend(extras.iter().map(|url| IndexUrl { url: url.clone(), origin: origin.clone() }));
        }
    }
    if let Some((links, _, file)) = &config.find_links {
        let base = file.as_ref().and_then(|f| f.parent()).unwrap_or(env_dir);
        sources.find_links.extend(links.iter().map(|l| find_links_of(l, base, fs)));
    }
    for (item, file) in env.all_pip_items() {
        let PipItemKind::Option { name, value, .. } = &item.kind else { continue };
        let value = value.as_ref().map(|v| expand(v.value.trim(), vars));
        let base = file.and_then(|f| Path::new(&f.source.path).parent().map(Path::to_path_buf)).unwrap_or_else(|| env_dir.to_path_buf());
        match (name.value.as_str(), value) {
            ("--no-index", _) => {
                sources.no_index = true;
                sources.indexes.clear();
            }
            ("--index-url" | "-i", Some(url)) if !sources.no_index => {
                sources.indexes = vec![IndexUrl { url, origin: Origin::File }];
            }
            ("--extra-index-url", Some(url)) if !sources.no_index => {
                sources.indexes.push(IndexUrl { url, origin: Origin::File });
            }
            ("--find-links" | "-f", Some(link)) => sources.find_links.push(find_links_of(&link, &base, fs)),
            ("--no-binary", Some(value)) => sources.formats.add(&value, false),
            ("--only-binary", Some(value)) => sources.formats.add(&value, true),
            ("--prefer-binary", _) => sources.prefer_binary = true,
            ("--pre", _) => sources.pre = true,
            _ => {}
        }
    }
    if let (Some(url), Some(main)) = (pypi_index, sources.indexes.first_mut()) {
        *main = IndexUrl { url: url.to_owned(), origin: Origin::Override };
    }
    let mut seen = std::collections::HashSet::new();
    sources.indexes.retain(|i| seen.insert(i.url.trim_end_matches('/').to_owned()));
    sources
}

/// Whether `marker` (an environment marker as written) is true on `target`; a marker that does
/// not parse counts as true (another rule reports it; the lookup still runs).
pub fn marker_holds(marker: &str, target: &Target) -> bool {
    let Ok(tree) = pep508_rs::MarkerTree::from_str(marker) else { return true };
    match target.marker_environment() {
        Some(environment) => tree.evaluate(&environment, &[]),
        None => true,
    }
}

/// The requirements of `env` pip would look up on an index for `target`: requested (not `-c`
/// constraint) PEP 508 requirements by name, not direct references, whose marker holds.
pub fn requirements_for<'a>(env: &'a EnvFile, target: &'a Target) -> impl Iterator<Item = (&'a Requirement, Option<&'a crate::model::ReqFile>)> + 'a {
    env.requested_pip_items().filter_map(move |(item, file)| match &item.kind {
        PipItemKind::Requirement(req) if !req.url && req.marker.as_deref().is_none_or(|m| marker_holds(m, target)) => Some((req, file)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::MemoryFileSystem;

    fn env(pip: &[&str]) -> EnvFile {
        let text = format!("dependencies:\n  - pip\n  - pip:\n{}", pip.iter().map(|d| format!("    - {d}\n")).collect::<String>());
        crate::model::lower(&crate::SourceFile::from_bytes("/proj/environment.yml", text.as_bytes()))
    }

    fn sources(pip: &[&str], vars: &[(&str, &str)], files: &[(&str, &str)]) -> PipSources {
        let vars: BTreeMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let mut fs = MemoryFileSystem::new();
        for (path, text) in files {
            fs.insert(path, text.as_bytes().to_vec());
        }
        let pip_env = PipEnvironment { vars: &vars, home: Some(Path::new("/home/u")), fs: &fs };
        pip_sources(&env(pip), Path::new("/proj"), &pip_env, None)
    }

    fn urls(s: &PipSources) -> Vec<&str> {
        s.indexes.iter().map(|i| i.url.as_str()).collect()
    }

    #[test]
    fn default_and_file_options() {
        assert_eq!(urls(&sources(&["requests"], &[], &[])), [PYPI_SIMPLE]);
        let s = sources(&["--extra-index-url https://extra/simple", "requests"], &[], &[]);
        assert_eq!(urls(&s), [PYPI_SIMPLE, "https://extra/simple"]);
        let s = sources(&["-i https://main/simple", "--extra-index-url https://extra/simple"], &[], &[]);
        assert_eq!(urls(&s), ["https://main/simple", "https://extra/simple"]);
        assert_eq!(s.indexes[0].origin, Origin::File);
        // `--index-url` replaces everything before it, the configuration's extra indexes too.
        let s = sources(&["--extra-index-url https://early/simple", "--index-url https://main/simple"], &[("PIP_EXTRA_INDEX_URL", "https://env/simple")], &[]);
        assert_eq!(urls(&s), ["https://main/simple"]);
        let s = sources(&["--no-index", "--find-links ./wheels", "--index-url https://ignored/simple"], &[], &[]);
        assert!(s.indexes.is_empty() && s.no_index);
        assert_eq!(s.find_links, [FindLinks::File(PathBuf::from("./wheels"))], "a path that does not exist is kept as written");
    }

    #[test]
    fn environment_and_configuration() {
        let s = sources(&["requests"], &[("PIP_INDEX_URL", "https://env/simple"), ("PIP_EXTRA_INDEX_URL", "https://a/simple  https://b/simple")], &[]);
        assert_eq!(urls(&s), ["https://env/simple", "https://a/simple", "https://b/simple"]);
        assert_eq!(s.indexes[0].origin, Origin::Variable("PIP_INDEX_URL".into()));
        let conf = "[global]\nindex-url = https://global/simple\nextra_index_url =\n    https://x/simple\n    https://y/simple\n[install]\nindex-url: https://install/simple\n";
        let s = sources(&["requests"], &[], &[("/home/u/.config/pip/pip.conf", conf)]);
        assert_eq!(urls(&s), ["https://install/simple", "https://x/simple", "https://y/simple"], "[install] beats [global]");
        // The user file beats /etc/pip.conf; PIP_CONFIG_FILE beats both and hides the user file.
        let files = [("/etc/pip.conf", "[global]\nindex-url=https://etc/simple\n"), ("/home/u/.pip/pip.conf", "[global]\nindex-url=https://user/simple\n"), ("/cfg/pip.conf", "[global]\nextra-index-url=https://envfile/simple\n")];
        assert_eq!(urls(&sources(&[], &[], &files)), ["https://user/simple"]);
        assert_eq!(urls(&sources(&[], &[("PIP_CONFIG_FILE", "/cfg/pip.conf")], &files)), ["https://etc/simple", "https://envfile/simple"]);
        assert_eq!(urls(&sources(&[], &[("PIP_CONFIG_FILE", "/dev/null")], &files)), [PYPI_SIMPLE]);
        assert_eq!(urls(&sources(&[], &[("PIP_NO_INDEX", "yes")], &files)), Vec::<&str>::new());
        assert_eq!(urls(&sources(&["-i ${MIRROR}/simple"], &[("MIRROR", "https://m")], &[])), ["https://m/simple"]);
    }

    #[test]
    fn binary_formats() {
        let s = sources(&["'--only-binary :all:'", "--no-binary Pkg_A,pkg-b", "--prefer-binary"], &[], &[]);
        assert!(s.prefer_binary);
        assert_eq!(s.formats.allowed("pkg-a"), Allowed { wheel: false, sdist: true });
        assert_eq!(s.formats.allowed("other"), Allowed { wheel: true, sdist: false });
        let s = sources(&["'--no-binary :all:'", "'--no-binary :none:'", "--only-binary numpy"], &[("PIP_PREFER_BINARY", "0")], &[]);
        assert!(!s.prefer_binary);
        assert_eq!(s.formats.allowed("numpy"), Allowed { wheel: true, sdist: false });
        assert_eq!(s.formats.allowed("other"), Allowed { wheel: true, sdist: true }, "`:none:` cleared `:all:`");
        let s = sources(&[], &[("PIP_ONLY_BINARY", ":all:")], &[]);
        assert_eq!(s.formats.allowed("x"), Allowed { wheel: true, sdist: false });
    }

    #[test]
    fn find_links_kinds() {
        let s = sources(
            &["--find-links wheels", "-f https://host/links.html", "--find-links /abs/page.html", "-f file:///proj/wheels/"],
            &[],
            &[("/proj/wheels/a-1.0-py3-none-any.whl", ""), ("/abs/page.html", "<a>")],
        );
        assert_eq!(
            s.find_links,
            [
                FindLinks::Directory(PathBuf::from("/proj/wheels")),
                FindLinks::Page("https://host/links.html".into()),
                FindLinks::Page("file:///abs/page.html".into()),
                FindLinks::Directory(PathBuf::from("/proj/wheels/")),
            ]
        );
    }

    #[test]
    fn markers_on_the_target() {
        let t = |subdir: &str, py: &str| Target::new(subdir, pep440_rs::Version::from_str(py).unwrap()).unwrap();
        assert!(marker_holds("sys_platform == 'linux'", &t("linux-64", "3.12.7")));
        assert!(!marker_holds("sys_platform == 'win32'", &t("linux-64", "3.12.7")));
        assert!(marker_holds("platform_system == 'Windows' and platform_machine == 'AMD64'", &t("win-64", "3.11")));
        assert!(marker_holds("platform_machine == 'arm64'", &t("osx-arm64", "3.11")));
        assert!(!marker_holds("python_version < '3.10'", &t("linux-64", "3.12.7")));
        assert!(marker_holds("python_full_version >= '3.12.7'", &t("linux-64", "3.12.7")));
        assert!(marker_holds("this is not a marker", &t("linux-64", "3.12")));
        let env = env(&["pkg-a ; sys_platform == 'win32'", "pkg-b ; python_version >= '3.8'", "pkg-c @ https://x/pkg_c-1.0.tar.gz", "-e ./local", "Pkg_D>=1"]);
        let target = t("linux-64", "3.12.7");
        let names: Vec<_> = requirements_for(&env, &target).map(|(r, _)| r.name.value.as_str()).collect();
        assert_eq!(names, ["pkg-b", "pkg-d"]);
    }
}
