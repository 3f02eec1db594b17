//! Channels as conda finds them (conda's `conda/base/context.py` and `conda/models/channel.py`):
//! a name resolves under `channel_alias` (default `https://conda.anaconda.org`, else
//! `CONDA_CHANNEL_ALIAS`, else the `.condarc` conda reads; `--channel-alias` over all), unless
//! `custom_channels` names it (the longest prefix of its `/`-separated parts, as
//! `Channel._get_channel_for_name`); `defaults` is `default_channels` (`CONDA_DEFAULT_CHANNELS`,
//! comma-separated, else `.condarc`, else `https://repo.anaconda.com/pkgs/main` and `…/r`, plus
//! `…/msys2` on Windows); full URLs and `file://` are used as written; a trailing subdir
//! (`conda-forge/linux-64`) restricts the channel to it, as conda's `Channel.platform`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{redact_url, Options};
use crate::source::SourceFile;
use crate::syntax::{self, NodeKind, Tree};

/// conda's built-in `channel_alias`.
pub const DEFAULT_CHANNEL_ALIAS: &str = "https://conda.anaconda.org";

/// The subdirs conda knows (`conda/base/constants.py` `KNOWN_SUBDIRS`).
pub const KNOWN_SUBDIRS: &[&str] = &[
    "noarch",
    "emscripten-wasm32",
    "wasi-wasm32",
    "freebsd-64",
    "linux-32",
    "linux-64",
    "linux-aarch64",
    "linux-armv6l",
    "linux-armv7l",
    "linux-ppc64",
    "linux-ppc64le",
    "linux-riscv64",
    "linux-s390x",
    "osx-64",
    "osx-arm64",
    "win-32",
    "win-64",
    "win-arm64",
    "zos-z",
];

/// What conda's configuration says about channels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CondaConfig {
    /// Without a trailing `/`.
    pub channel_alias: String,
    /// Name → base URL (the channel is `<base>/<name>`).
    pub custom_channels: BTreeMap<String, String>,
    /// What `defaults` stands for.
    pub default_channels: Vec<String>,
    /// The `channels` of `.condarc` (what a file without `channels:` gets), default `defaults`.
    pub channels: Vec<String>,
    /// The `.condarc` files read, in order.
    pub files: Vec<PathBuf>,
}

/// One channel to read repodata from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Channel {
    /// As messages name it: the name for a channel under the alias (`conda-forge`), else the
    /// URL (redacted).
    pub display: String,
    /// The channel's URL, without a trailing `/` (credentials kept: they are used).
    pub url: String,
    /// A subdir the channel was written with (`conda-forge/linux-64`): only it (and noarch).
    pub subdir: Option<String>,
}

impl Channel {
    /// `<url>/<subdir>/`.
    pub fn subdir_url(&self, subdir: &str) -> String {
        format!("{}/{subdir}/", self.url)
    }
}

impl CondaConfig {
    /// The configuration conda would read: the `.condarc` files of conda's search path
    /// (`conda/base/constants.py` `SEARCH_PATH`: `/etc/conda`, `/var/lib/conda`, `$CONDA_ROOT`,
    /// `$XDG_CONFIG_HOME/conda`, `~/.config/conda`, `~/.conda`, `~/.condarc`, `$CONDA_PREFIX`,
    /// `$CONDARC`; each `.condarc`, `condarc` and `condarc.d/*.yml`), then the environment
    /// (`CONDA_CHANNEL_ALIAS`, `CONDA_DEFAULT_CHANNELS`, `CONDA_CHANNELS`), then
    /// `--channel-alias`. A later source wins for `channel_alias` and for each `custom_channels`
    /// key; lists merge as conda's `SequenceLoadedParameter.merge` does: the later source's
    /// items first, then the earlier ones', without repeats.
    pub fn load(options: &Options) -> Self {
        let mut config = CondaConfig { channel_alias: DEFAULT_CHANNEL_ALIAS.to_owned(), ..Self::default() };
        let mut defaults: Vec<Vec<String>> = Vec::new();
        let mut channels: Vec<Vec<String>> = Vec::new();
        for path in condarc_paths(options) {
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let source = SourceFile::from_bytes(path.display().to_string(), &bytes);
            let Ok(tree) = syntax::parse(&source) else { continue };
            config.apply(&tree, &mut defaults, &mut channels);
            config.files.push(path);
        }
        let list = |text: &str| -> Vec<String> { text.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect() };
        if let Some(alias) = options.var("CONDA_CHANNEL_ALIAS") {
            config.channel_alias = alias.trim().trim_end_matches('/').to_owned();
        }
        if let Some(value) = options.var("CONDA_DEFAULT_CHANNELS") {
            defaults.push(list(value));
        }
        if let Some(value) = options.var("CONDA_CHANNELS") {
            channels.push(list(value));
        }
        if let Some(alias) = &options.channel_alias {
            config.channel_alias = alias.trim().trim_end_matches('/').to_owned();
        }
        config.default_channels = merge(defaults).unwrap_or_else(builtin_default_channels);
        config.channels = merge(channels).unwrap_or_else(|| vec!["defaults".to_owned()]);
        config
    }

    /// One `.condarc`'s keys over what earlier ones set.
    fn apply(&mut self, tree: &Tree, defaults: &mut Vec<Vec<String>>, channels: &mut Vec<Vec<String>>) {
        let Some(root) = tree.root else { return };
        let strings = |id| -> Vec<String> { tree.items(id).iter().filter_map(|&i| tree.scalar(i)).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect() };
        for (key, value) in tree.entries(root) {
            match tree.scalar(key) {
                Some("channel_alias") => {
                    if let Some(alias) = tree.scalar(value).filter(|a| !a.trim().is_empty()) {
                        self.channel_alias = alias.trim().trim_end_matches('/').to_owned();
                    }
                }
                Some("default_channels") if matches!(tree.get(value).kind, NodeKind::Seq(_)) => defaults.push(strings(value)),
                Some("channels") if matches!(tree.get(value).kind, NodeKind::Seq(_)) => channels.push(strings(value)),
                Some("custom_channels") => {
                    for (name, url) in tree.entries(value) {
                        if let (Some(name), Some(url)) = (tree.scalar(name), tree.scalar(url)) {
                            self.custom_channels.insert(name.trim().trim_end_matches('/').to_owned(), url.trim().trim_end_matches('/').to_owned());
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The channels a written channel stands for (`defaults` is several; `nodefaults` none).
    pub fn resolve(&self, written: &str) -> Vec<Channel> {
        let written = written.trim().trim_end_matches('/');
        match written {
            "" | "nodefaults" => Vec::new(),
            "defaults" => self.default_channels.iter().filter(|c| c.as_str() != "defaults").flat_map(|c| self.resolve(c)).collect(),
            _ => vec![self.resolve_one(written)],
        }
    }

    fn resolve_one(&self, written: &str) -> Channel {
        let (base, subdir) = split_subdir(written);
        if base.contains("://") {
            return Channel { display: self.display_url(base), url: base.to_owned(), subdir };
        }
        // A path (`/srv/channel`, `./local`, `~/chan`, `C:\chan`) is a file:// channel.
        if base.starts_with('/') || base.starts_with("./") || base.starts_with("../") || base.starts_with('~') || base.as_bytes().get(1) == Some(&b':') {
            let path = base.replace('\\', "/");
            let url = if path.starts_with('/') { format!("file://{path}") } else { format!("file:///{path}") };
            return Channel { display: url.clone(), url, subdir };
        }
        // The longest prefix of the name's parts that `custom_channels` names.
        let parts: Vec<&str> = base.split('/').collect();
        for n in (1..=parts.len()).rev() {
            let prefix = parts[..n].join("/");
            if let Some(location) = self.custom_channels.get(&prefix) {
                return Channel { display: base.to_owned(), url: format!("{location}/{base}"), subdir };
            }
        }
        Channel { display: base.to_owned(), url: format!("{}/{base}", self.channel_alias), subdir }
    }

    /// A URL under the channel alias is named by its channel name, as conda names it.
    fn display_url(&self, url: &str) -> String {
        let plain = super::strip_credentials(url);
        let alias = super::strip_credentials(&self.channel_alias);
        match plain.strip_prefix(&format!("{alias}/")) {
            Some(name) if !name.is_empty() => name.to_owned(),
            _ => redact_url(url),
        }
    }
}

/// `conda-forge/linux-64` → (`conda-forge`, `linux-64`).
fn split_subdir(written: &str) -> (&str, Option<String>) {
    match written.rsplit_once('/') {
        Some((base, last)) if KNOWN_SUBDIRS.contains(&last) && !base.is_empty() && !base.ends_with(':') && !base.ends_with("//") => (base, Some(last.to_owned())),
        _ => (written, None),
    }
}

/// conda's `DEFAULT_CHANNELS` (`DEFAULT_CHANNELS_UNIX`, `DEFAULT_CHANNELS_WIN`).
fn builtin_default_channels() -> Vec<String> {
    let mut channels = vec!["https://repo.anaconda.com/pkgs/main".to_owned(), "https://repo.anaconda.com/pkgs/r".to_owned()];
    if cfg!(windows) {
        channels.push("https://repo.anaconda.com/pkgs/msys2".to_owned());
    }
    channels
}

/// Lists merged as conda merges a sequence parameter: later sources first, no repeats;
/// `None` when no source sets it.
fn merge(sources: Vec<Vec<String>>) -> Option<Vec<String>> {
    if sources.is_empty() {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    for item in sources.into_iter().rev().flatten() {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Some(out)
}

/// The `.condarc` files conda reads, in its search path's order (`SEARCH_PATH`).
fn condarc_paths(options: &Options) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if cfg!(windows) {
        dirs.push(PathBuf::from("C:/ProgramData/conda"));
    } else {
        dirs.push(PathBuf::from("/etc/conda"));
        dirs.push(PathBuf::from("/var/lib/conda"));
    }
    if let Some(root) = options.var("CONDA_ROOT") {
        dirs.push(PathBuf::from(root));
    }
    if let Some(xdg) = options.var("XDG_CONFIG_HOME") {
        dirs.push(PathBuf::from(xdg).join("conda"));
    }
    if let Some(home) = &options.home {
        dirs.push(home.join(".config/conda"));
        dirs.push(home.join(".conda"));
    }
    let mut paths = Vec::new();
    let add_dir = |dir: &std::path::Path, paths: &mut Vec<PathBuf>| {
        paths.push(dir.join(".condarc"));
        paths.push(dir.join("condarc"));
        let mut extra: Vec<PathBuf> = std::fs::read_dir(dir.join("condarc.d"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
            .collect();
        extra.sort();
        paths.extend(extra);
    };
    for dir in &dirs {
        add_dir(dir, &mut paths);
    }
    if let Some(home) = &options.home {
        paths.push(home.join(".condarc"));
    }
    if let Some(prefix) = options.var("CONDA_PREFIX") {
        add_dir(std::path::Path::new(prefix), &mut paths);
    }
    if let Some(condarc) = options.var("CONDARC") {
        paths.push(PathBuf::from(condarc));
    }
    let mut seen = std::collections::BTreeSet::new();
    paths.retain(|p| seen.insert(p.clone()));
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> CondaConfig {
        CondaConfig { channel_alias: DEFAULT_CHANNEL_ALIAS.into(), default_channels: builtin_default_channels(), channels: vec!["defaults".into()], ..Default::default() }
    }

    #[test]
    fn names_urls_paths_and_defaults() {
        let c = config();
        let one = |w: &str| c.resolve(w).into_iter().next().unwrap();
        assert_eq!(one("conda-forge").url, "https://conda.anaconda.org/conda-forge");
        assert_eq!(one("conda-forge").display, "conda-forge");
        let sub = one("conda-forge/osx-arm64");
        assert_eq!((sub.url.as_str(), sub.subdir.as_deref()), ("https://conda.anaconda.org/conda-forge", Some("osx-arm64")));
        assert_eq!(one("pytorch/label/nightly").url, "https://conda.anaconda.org/pytorch/label/nightly");
        assert_eq!(one("https://conda.anaconda.org/bioconda/").display, "bioconda");
        assert_eq!(one("https://user:tok@example.com/chan").display, "https://user:****@example.com/chan");
        assert_eq!(one("file:///srv/chan").url, "file:///srv/chan");
        assert_eq!(one("/srv/chan").url, "file:///srv/chan");
        let defaults: Vec<String> = c.resolve("defaults").into_iter().map(|c| c.url).collect();
        assert_eq!(&defaults[..2], ["https://repo.anaconda.com/pkgs/main", "https://repo.anaconda.com/pkgs/r"]);
        assert!(c.resolve("nodefaults").is_empty());
    }

    #[test]
    fn condarc_then_environment_then_flag() {
        let dir = tempfile::tempdir().unwrap();
        let rc = dir.path().join("condarc");
        std::fs::write(&rc, "channel_alias: https://mirror.example.com/conda/\ncustom_channels:\n  internal: https://private.example.com/channels\ndefault_channels:\n  - https://mirror.example.com/main\n").unwrap();
        let mut options = Options::default();
        options.vars.insert("CONDARC".into(), rc.display().to_string());
        let c = CondaConfig::load(&options);
        assert_eq!(c.resolve("conda-forge")[0].url, "https://mirror.example.com/conda/conda-forge");
        assert_eq!(c.resolve("internal/label/dev")[0].url, "https://private.example.com/channels/internal/label/dev");
        assert_eq!(c.resolve("defaults")[0].url, "https://mirror.example.com/main");
        options.vars.insert("CONDA_CHANNEL_ALIAS".into(), "https://env.example.com".into());
        options.vars.insert("CONDA_DEFAULT_CHANNELS".into(), "https://a.example.com/x, https://mirror.example.com/main".into());
        let c = CondaConfig::load(&options);
        assert_eq!(c.resolve("conda-forge")[0].url, "https://env.example.com/conda-forge");
        // conda merges the lists: the environment's first, then the file's, no repeats.
        let defaults: Vec<String> = c.resolve("defaults").into_iter().map(|c| c.url).collect();
        assert_eq!(defaults, ["https://a.example.com/x", "https://mirror.example.com/main"]);
        options.channel_alias = Some("http://127.0.0.1:1/".into());
        assert_eq!(CondaConfig::load(&options).resolve("conda-forge")[0].url, "http://127.0.0.1:1/conda-forge");
    }
}
