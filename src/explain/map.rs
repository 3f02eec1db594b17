//! From the names a log gives to the lines of the environment file that caused them, through the
//! model `check` lints (the same lowering, includes followed through the [`FileSystem`]): conda
//! names compared lower-case with the channel stripped, pip names by PEP 503 and the conda↔PyPI
//! name table (`data/conda-pypi-names.tsv`), a nested requirement ("X (from Y->Z)") through its
//! chain, and conda's own temporary requirements file (`condaenv.*.requirements.txt (line N)`:
//! line N is the N-th item of the pip section, which conda writes out in order).

use std::sync::Arc;

use super::catalogue::{Names, Points};
use crate::files::FileSystem;
use crate::model::{pep503, CondaDep, EnvFile, PipItem, PipItemKind};
use crate::source::{SourceFile, TextRange};

/// An environment file given to `explain`, lowered as `check` lowers it.
pub struct Env {
    pub source: Arc<SourceFile>,
    pub env: EnvFile,
    /// A Dockerfile given with `--env` (its name says so): read as lines, not lowered.
    pub dockerfile: bool,
}

impl Env {
    pub fn read(path: &str, fs: &dyn FileSystem) -> Result<Self, String> {
        let bytes = fs.read(std::path::Path::new(path))?;
        let source = Arc::new(SourceFile::from_bytes(path, &bytes));
        let name = std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if name.contains("dockerfile") {
            let env = EnvFile::empty(crate::model::FileState::Parsed, source.encoding);
            return Ok(Self { source, env, dockerfile: true });
        }
        let env = crate::linter::lower(&source, fs);
        Ok(Self { source, env, dockerfile: false })
    }

    /// The Dockerfiles: this file if it is one, else those of a definition's build context.
    fn dockerfiles(&self) -> Vec<&Arc<SourceFile>> {
        if self.dockerfile {
            return vec![&self.source];
        }
        self.env.aml.as_deref().map(|d| d.dockerfiles().collect()).unwrap_or_default()
    }

    /// The conda documents: the file itself, or a definition's inline conda specifications
    /// and the conda files it names.
    fn documents(&self) -> Vec<(&Arc<SourceFile>, &EnvFile)> {
        match self.env.aml.as_deref() {
            None => vec![(&self.source, &self.env)],
            Some(definition) => {
                let mut docs: Vec<(&Arc<SourceFile>, &EnvFile)> = definition.inline_conda().map(|e| (&self.source, e)).collect();
                docs.extend(definition.conda_files().map(|c| (&c.source, &c.env)));
                docs
            }
        }
    }
}

/// A place in an environment file a finding points at.
pub struct Related {
    pub file: Arc<SourceFile>,
    pub range: TextRange,
    pub message: String,
    pub code: Option<&'static str>,
}

/// Most places one finding points at.
const MAX_RELATED: usize = 12;

/// A conda spec's package name: channel and version stripped, lower-case.
pub fn conda_name(spec: &str) -> String {
    let spec = spec.trim().trim_matches(['"', '\'']);
    let spec = spec.rsplit("::").next().unwrap_or(spec);
    let spec = spec.rsplit('/').next().unwrap_or(spec);
    let end = spec.find(['=', '<', '>', '!', '~', ' ', '[']).unwrap_or(spec.len());
    spec[..end].to_ascii_lowercase()
}

/// A requirement's project name, PEP 503 normalised.
pub fn pip_name(spec: &str) -> String {
    let spec = spec.trim().trim_matches(['"', '\'']);
    let end = spec.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))).unwrap_or(spec.len());
    pep503(&spec[..end]).into_owned()
}

/// The package of a mamba record (`foo-1.0-py_0`, `foo 1.0`): the name before the version.
fn record_name(record: &str) -> String {
    let record = record.split(' ').next().unwrap_or(record);
    let bytes = record.as_bytes();
    let cut = (1..bytes.len()).find(|&i| bytes[i - 1] == b'-' && bytes[i].is_ascii_digit()).map_or(record.len(), |i| i - 1);
    conda_name(&record[..cut])
}

/// The conda names a PyPI project may have.
fn conda_names_of_pypi(name: &str) -> Vec<String> {
    let mut names = vec![name.to_owned()];
    names.extend(crate::data::pypi_to_conda(name).map(str::to_owned));
    names
}

fn conda_deps<'a>(docs: &'a [(&'a Arc<SourceFile>, &'a EnvFile)], names: &[String]) -> Vec<(&'a Arc<SourceFile>, &'a CondaDep)> {
    docs.iter()
        .flat_map(|(source, env)| env.conda_deps().map(move |d| (*source, d)))
        // Compared by PEP 503 too: a PyPI name meets its conda spelling (`ruamel-yaml`, `ruamel.yaml`).
        .filter(|(_, d)| d.name().is_some_and(|n| names.iter().any(|x| x.eq_ignore_ascii_case(n.value) || pep503(x) == pep503(n.value))))
        .collect()
}

fn requirement_name(item: &PipItem) -> Option<&str> {
    match &item.kind {
        PipItemKind::Requirement(r) => Some(&r.name.value),
        _ => None,
    }
}

/// The pip items (requirements, in the file or an included one) named `name` (PEP 503).
fn pip_items<'a>(docs: &'a [(&'a Arc<SourceFile>, &'a EnvFile)], name: &str) -> Vec<(&'a Arc<SourceFile>, &'a PipItem)> {
    let mut found = Vec::new();
    for (source, env) in docs {
        for (item, file) in env.requested_pip_items() {
            if requirement_name(item) == Some(name) {
                found.push((file.map_or(*source, |f| &f.source), item));
            }
        }
    }
    found
}

/// The `index`-th item (0-based) of the first pip section: conda's requirements file line.
fn pip_item_at<'a>(docs: &'a [(&'a Arc<SourceFile>, &'a EnvFile)], index: usize) -> Option<(&'a Arc<SourceFile>, &'a PipItem)> {
    docs.iter().find_map(|(source, env)| env.pip_sections().next().and_then(|s| s.items.get(index)).map(|i| (*source, i)))
}

/// Where the names of a finding are in the environment files.
pub fn locate(points: Points, names: &[Names], code: Option<&'static str>, envs: &[Env]) -> Vec<Related> {
    let docs: Vec<(&Arc<SourceFile>, &EnvFile)> = envs.iter().flat_map(Env::documents).collect();
    let mut out: Vec<Related> = Vec::new();
    let mut add = |file: &Arc<SourceFile>, range: TextRange, message: String, code: Option<&'static str>| {
        if out.len() < MAX_RELATED && !out.iter().any(|r| r.file.path == file.path && r.range == range) {
            out.push(Related { file: file.clone(), range, message, code });
        }
    };
    for n in names {
        match points {
            Points::CondaSpec => {
                let spec = n.spec.as_deref().unwrap_or("");
                let name = conda_name(spec);
                let found = conda_deps(&docs, std::slice::from_ref(&name));
                for (file, dep) in &found {
                    add(file, dep.range, format!("`{}` is requested here", dep.raw), code);
                }
                if found.is_empty() {
                    if let Some(from) = n.from.as_deref() {
                        for (file, dep) in conda_deps(&docs, &[record_name(from)]) {
                            add(file, dep.range, format!("`{}` needs `{spec}`", dep.raw), code);
                        }
                    }
                }
            }
            Points::PipRequirement => {
                let Some(spec) = n.spec.as_deref().or(n.package.as_deref()) else { continue };
                let name = pip_name(spec);
                let found = pip_items(&docs, &name);
                for (file, item) in &found {
                    add(file, item.range, format!("`{}` is requested here", item.raw), code);
                }
                if !found.is_empty() {
                    continue;
                }
                // A nested requirement: the chain from the innermost package out to the file.
                let mut placed = false;
                for link in n.from.as_deref().unwrap_or("").split("->") {
                    let link = link.trim();
                    if let Some(line) = conda_requirements_line(link) {
                        if let Some((file, item)) = pip_item_at(&docs, line - 1) {
                            add(file, item.range, format!("`{spec}` comes from `{}`, requested here", item.raw), code);
                            placed = true;
                        }
                        break;
                    }
                    let link_name = pip_name(link);
                    if link_name.is_empty() {
                        continue;
                    }
                    let found = pip_items(&docs, &link_name);
                    for (file, item) in &found {
                        add(file, item.range, format!("`{spec}` is needed by `{}`, requested here", item.raw), code);
                    }
                    if !found.is_empty() {
                        placed = true;
                        break;
                    }
                }
                // A package conda installs under its own name.
                if !placed {
                    for (file, dep) in conda_deps(&docs, &conda_names_of_pypi(&name)) {
                        add(file, dep.range, format!("`{}` is requested from conda here", dep.raw), code);
                    }
                }
            }
            Points::Installed => {
                let Some(package) = n.package.as_deref() else { continue };
                let name = pip_name(package);
                for (file, item) in pip_items(&docs, &name) {
                    add(file, item.range, format!("pip is asked to install `{}` here", item.raw), code);
                }
                for (file, dep) in conda_deps(&docs, &conda_names_of_pypi(&name)) {
                    add(file, dep.range, format!("conda installs `{}` here", dep.raw), code);
                }
            }
            Points::Resolver => {
                if let Some(package) = n.package.as_deref() {
                    for (file, item) in pip_items(&docs, &pip_name(package)) {
                        add(file, item.range, format!("pip tries many versions of `{}`", item.raw), None);
                    }
                }
            }
            Points::Source => {
                let url = n.url.as_deref().unwrap_or("");
                let conda = is_conda_url(url);
                for (source, env) in &docs {
                    if conda {
                        let Some(channels) = &env.channels else { continue };
                        let path = crate::rules::normalize_channel(url);
                        match channels.items.iter().find(|c| {
                            let c = crate::rules::normalize_channel(&c.value);
                            !c.is_empty() && (path.starts_with(&format!("{c}/")) || path == c)
                        }) {
                            Some(channel) => add(source, channel.range, format!("`{}` is this channel", channel.value), code),
                            None => add(source, channels.key, "the channels conda downloads from".into(), code),
                        }
                    } else {
                        let indexes = index_options(env, source);
                        let host = host_of(url);
                        let matching: Vec<_> = indexes.iter().filter(|(_, _, u)| !host.is_empty() && host_of(u) == host).collect();
                        for (file, range, value) in if matching.is_empty() { indexes.iter().collect() } else { matching } {
                            add(file, *range, format!("pip downloads from `{value}`"), code);
                        }
                        if indexes.is_empty() {
                            if let Some(section) = env.pip_sections().next() {
                                add(source, section.key, "pip installs these from PyPI".into(), code);
                            }
                        }
                    }
                }
            }
            Points::PipIndex => {
                for (source, env) in &docs {
                    for (file, range, value) in index_options(env, source) {
                        add(&file, range, format!("pip asks `{value}` for credentials"), code);
                    }
                }
            }
            Points::Python => {
                for (file, dep) in conda_deps(&docs, &["python".to_owned()]) {
                    let code = if dep.is_pinned() { None } else { Some("CDA005") };
                    add(file, dep.range, format!("the environment's python is `{}`", dep.raw), code);
                }
                if let Some(package) = n.package.as_deref() {
                    for (file, item) in pip_items(&docs, &pip_name(package)) {
                        add(file, item.range, format!("`{}` is requested here", item.raw), None);
                    }
                }
            }
            Points::Unpinned => {
                for (source, env) in &docs {
                    for dep in env.conda_deps().filter(|d| d.error.is_none() && !d.is_pinned()) {
                        let python = dep.name().is_some_and(|n| n.value == "python");
                        add(source, dep.range, format!("`{}` has no version: the solver searches all of them", dep.raw), python.then_some("CDA005"));
                    }
                }
            }
            Points::Dockerfile => {
                // The apt line that installs python without distutils (AML017's finding).
                for file in envs.iter().flat_map(Env::dockerfiles) {
                    for (range, line) in lines(&file.text) {
                        let words: Vec<&str> = line.split_whitespace().collect();
                        let apt = words.iter().any(|w| matches!(*w, "apt-get" | "apt")) && words.contains(&"install");
                        let python = words.iter().any(|w| w.starts_with("python3") && !w.contains("distutils") && !w.contains("-pip"));
                        if apt && python && !line.contains("distutils") {
                            add(file, range, "python is installed here without `python3-distutils`".into(), code);
                        }
                    }
                }
            }
            Points::Image => {
                for file in envs.iter().flat_map(Env::dockerfiles) {
                    for (range, line) in lines(&file.text) {
                        if line.trim_start().get(..5).is_some_and(|w| w.eq_ignore_ascii_case("from ")) {
                            add(file, range, format!("the base image is `{}`", line.trim_start()[5..].trim()), None);
                        }
                    }
                }
                for env in envs {
                    let Some(definition) = env.env.aml.as_deref() else { continue };
                    for image in definition.environments.iter().filter_map(|e| e.image.as_ref()) {
                        let pinned = image.value.contains('@') || image.value.rsplit('/').next().is_some_and(|last| last.contains(':') && !last.ends_with(":latest"));
                        add(&env.source, image.range, format!("the base image is `{}`", image.value), if pinned { None } else { code });
                    }
                }
            }
            Points::Nothing => {}
        }
    }
    // The conda `pip` that runs the pip section decides its resolver.
    if points == Points::Resolver {
        for (file, dep) in conda_deps(&docs, &["pip".to_owned()]) {
            let code = if dep.is_pinned() { code } else { Some("PIP002") };
            add(file, dep.range, format!("`{}` is the pip that resolves the pip section", dep.raw), code);
        }
    }
    out
}

/// Each line of a text with its range (without the line break).
fn lines(text: &str) -> impl Iterator<Item = (TextRange, &str)> {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        Some((TextRange::new(start, start + line.len()), line))
    })
}

/// `-r /tmp/condaenv.x1y2.requirements.txt (line 3)`: conda's file of the pip section, line 3.
fn conda_requirements_line(link: &str) -> Option<usize> {
    let rest = link.strip_prefix("-r ")?;
    let (path, line) = rest.rsplit_once(" (line ")?;
    let file = path.rsplit(['/', '\\']).next()?;
    if !(file.starts_with("condaenv.") || file.starts_with("tmp")) || !file.ends_with(".requirements.txt") {
        return None;
    }
    line.trim_end_matches(')').parse().ok().filter(|&n| n > 0)
}

fn is_conda_url(url: &str) -> bool {
    ["conda.anaconda.org", "repo.anaconda.com", "repo.continuum.io", "anaconda.org", "repodata.json", ".tar.bz2", ".conda"].iter().any(|p| url.contains(p))
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?']).next().unwrap_or("");
    host.rsplit('@').next().unwrap_or(host).split(':').next().unwrap_or("")
}

/// The index options of the pip section (`--index-url`, `--extra-index-url`, `--find-links`),
/// with the file each is in.
fn index_options(env: &EnvFile, source: &Arc<SourceFile>) -> Vec<(Arc<SourceFile>, TextRange, String)> {
    env.all_pip_items()
        .filter_map(|(item, file)| match &item.kind {
            PipItemKind::Option { name, value: Some(value), .. }
                if ["--index-url", "-i", "--extra-index-url", "--find-links", "-f"].contains(&name.value.as_str()) =>
            {
                Some((file.map_or_else(|| source.clone(), |f| f.source.clone()), item.range, value.value.clone()))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_specs_and_chains() {
        assert_eq!(conda_name("conda-forge::PyYAML==3.12=py27_0"), "pyyaml");
        assert_eq!(conda_name("msgpack-python==0.5.6=py27h04f5b5a_0"), "msgpack-python");
        assert_eq!(conda_name("foo 1.0"), "foo");
        assert_eq!(pip_name("azureml-dataprep[fuse]<1.2.0a,>=1.1.29a"), "azureml-dataprep");
        assert_eq!(pip_name("Ruamel.YAML"), "ruamel-yaml");
        assert_eq!(record_name("bar-1.0-py_0"), "bar");
        assert_eq!(record_name("py-opencv-4.5.1-py39h_0"), "py-opencv");
        assert_eq!(conda_requirements_line("-r /azureml-environment-setup/condaenv.dxi_0178.requirements.txt (line 39)"), Some(39));
        assert_eq!(conda_requirements_line("-r requirements.txt (line 4)"), None);
        assert_eq!(host_of("https://user:pw@pkgs.dev.azure.com:443/x/simple"), "pkgs.dev.azure.com");
    }
}
