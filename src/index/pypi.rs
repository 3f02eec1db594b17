//! PyPI-compatible project pages: the PEP 691 JSON form (with PEP 700 `versions`), the PEP 503
//! HTML form (`data-requires-python`, PEP 592 `data-yanked`, `data-dist-info-metadata`), and
//! find-links pages and directories; distribution filenames → versions, the way pip reads them
//! (pypa/pip `src/pip/_internal/index/collector.py`, `models/link.py`, `index/package_finder.py`).

use std::str::FromStr;

use pep440_rs::Version;

use super::wheel::WheelName;
use crate::model::{EnvFile, Requirement};

/// The `Accept` header pip sends for a project page (pypa/pip `index/collector.py`,
/// `_get_simple_response`): PEP 691 JSON first, then the HTML forms.
pub const ACCEPT: &str = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01";

const JSON_TYPE: &str = "application/vnd.pypi.simple.v1+json";

/// The archive extensions pip accepts for a link (`utils/filetypes.py`, `SUPPORTED_EXTENSIONS`).
const SDIST_EXTENSIONS: &[&str] = &[".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar", ".zip"];

/// The kind of distribution a file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DistKind {
    Wheel(WheelName),
    /// A source archive (`.tar.gz`, `.zip`, …): pip builds it.
    Sdist,
}

/// One file of a project page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistFile {
    pub filename: String,
    /// Absolute URL (joined with the page's URL).
    pub url: String,
    pub requires_python: Option<String>,
    /// PEP 592: `Some(reason)` when yanked (the reason may be empty).
    pub yanked: Option<String>,
    /// Whether the index serves the core metadata separately (PEP 658 / 714).
    pub has_metadata: bool,
}

impl DistFile {
    fn new(filename: String, url: String) -> DistFile {
        DistFile { filename, url, requires_python: None, yanked: None, has_metadata: false }
    }

    /// The distribution this file is for the project `project` (PEP 503 normalised), with its
    /// version; `None` when the filename is of another project, not a distribution pip
    /// installs (`.egg`, `.exe`), or its version is not PEP 440 (pip skips those).
    pub fn distribution(&self, project: &str) -> Option<(DistKind, Version)> {
        let filename = self.filename.as_str();
        if let Some(wheel) = WheelName::parse(filename) {
            if crate::model::pep503(&wheel.name) != project {
                return None;
            }
            let version = Version::from_str(&wheel.version).ok()?;
            return Some((DistKind::Wheel(wheel), version));
        }
        let lower = filename.to_ascii_lowercase();
        let ext = SDIST_EXTENSIONS.iter().find(|ext| lower.ends_with(*ext))?;
        let stem = &filename[..filename.len() - ext.len()];
        // pip's `_find_name_version_sep`: the first `-` before which the text normalises to the
        // project's name (names may contain `-` themselves).
        let split = stem.match_indices('-').map(|(i, _)| i).find(|&i| crate::model::pep503(&stem[..i]) == project)?;
        let version = Version::from_str(&stem[split + 1..]).ok()?;
        Some((DistKind::Sdist, version))
    }
}

/// A project's page on one index, or the links of a find-links page or directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectPage {
    pub files: Vec<DistFile>,
    /// PEP 700 `versions` (JSON form only): every version the index knows, files or not.
    pub versions: Vec<String>,
}

/// Why a page could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("the project page is not valid JSON: {0}")]
    Json(String),
    #[error("the project page uses API version {0}, which condalint does not read")]
    ApiVersion(String),
    #[error("the project page is not a PEP 691 JSON or PEP 503 HTML page (content type `{0}`)")]
    ContentType(String),
    #[error("the project page is not UTF-8 text")]
    NotText,
}

/// The URL of `project`'s page on the index `index_url` (pip's `_get_index_url`: the index URL,
/// `/`, the PEP 503 normalised name, `/`). For a `file:` index, the `index.html` pip reads from
/// the project directory (`collector.py`, `_get_index_content`).
pub fn project_url(index_url: &str, project: &str) -> String {
    let name = crate::model::pep503(project);
    let base = index_url.trim_end_matches('/');
    if index_url.starts_with("file:") {
        format!("{base}/{name}/index.html")
    } else {
        format!("{base}/{name}/")
    }
}

/// Parses a project page by its content type: PEP 691 JSON for
/// `application/vnd.pypi.simple.v1+json`, HTML for `…v1+html` and `text/html`. Without a
/// content type (a `file:` URL) the body decides: JSON when it starts with `{`.
pub fn parse_page(body: &[u8], content_type: Option<&str>, page_url: &str) -> Result<ProjectPage, PageError> {
    let text = std::str::from_utf8(body).map_err(|_| PageError::NotText)?;
    let media = content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    match media.as_deref() {
        Some(JSON_TYPE) | Some("application/json") => parse_json(text, page_url),
        Some("application/vnd.pypi.simple.v1+html") | Some("text/html") => Ok(parse_html(text, page_url)),
        None | Some("") | Some("application/octet-stream") | Some("text/plain") => {
            if text.trim_start().starts_with('{') {
                parse_json(text, page_url)
            } else {
                Ok(parse_html(text, page_url))
            }
        }
        Some(other) => Err(PageError::ContentType(other.to_owned())),
    }
}

/// A PEP 691 JSON project page, read into the fields condalint uses (the rest, `hashes` and
/// unknown keys, skipped without building them).
pub fn parse_json(text: &str, page_url: &str) -> Result<ProjectPage, PageError> {
    #[derive(serde::Deserialize)]
    struct Page {
        meta: Option<Meta>,
        files: Option<Vec<File>>,
        versions: Option<Vec<serde_json::Value>>,
    }
    #[derive(serde::Deserialize)]
    struct Meta {
        #[serde(rename = "api-version")]
        api_version: Option<serde_json::Value>,
    }
    #[derive(serde::Deserialize)]
    struct File {
        filename: Option<serde_json::Value>,
        url: Option<serde_json::Value>,
        #[serde(rename = "requires-python")]
        requires_python: Option<serde_json::Value>,
        yanked: Option<serde_json::Value>,
        #[serde(rename = "core-metadata")]
        core_metadata: Option<Flag>,
        #[serde(rename = "dist-info-metadata")]
        dist_info_metadata: Option<Flag>,
    }
    /// `false`, or anything else (a hashes mapping, `true`) without building it.
    struct Flag(bool);
    impl<'de> serde::Deserialize<'de> for Flag {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = Flag;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a metadata flag")
                }
                fn visit_bool<E>(self, v: bool) -> Result<Flag, E> {
                    Ok(Flag(v))
                }
                fn visit_unit<E>(self) -> Result<Flag, E> {
                    Ok(Flag(false))
                }
                fn visit_none<E>(self) -> Result<Flag, E> {
                    Ok(Flag(false))
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Flag, A::Error> {
                    while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                    Ok(Flag(true))
                }
                fn visit_str<E>(self, _: &str) -> Result<Flag, E> {
                    Ok(Flag(true))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Flag, A::Error> {
                    while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                    Ok(Flag(true))
                }
                fn visit_u64<E>(self, _: u64) -> Result<Flag, E> {
                    Ok(Flag(true))
                }
                fn visit_i64<E>(self, _: i64) -> Result<Flag, E> {
                    Ok(Flag(true))
                }
                fn visit_f64<E>(self, _: f64) -> Result<Flag, E> {
                    Ok(Flag(true))
                }
            }
            d.deserialize_any(Visitor)
        }
    }
    let page: Page = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        if message.starts_with("invalid type") && message.contains("expected a sequence") {
            PageError::Json("`files` is not a list".into())
        } else {
            PageError::Json(message)
        }
    })?;
    // PEP 691: a client must refuse a major version it does not know.
    if let Some(api) = page.meta.as_ref().and_then(|m| m.api_version.as_ref()).and_then(|v| v.as_str()) {
        if api.split('.').next() != Some("1") {
            return Err(PageError::ApiVersion(api.to_owned()));
        }
    }
    let Some(files) = page.files else { return Err(PageError::Json("no `files` key".into())) };
    let base = url::Url::parse(page_url).ok();
    let mut out = ProjectPage::default();
    for file in files {
        let (Some(filename), Some(url)) = (file.filename.as_ref().and_then(|v| v.as_str()), file.url.as_ref().and_then(|v| v.as_str())) else {
            continue;
        };
        let mut dist = DistFile::new(filename.to_owned(), join_parsed(base.as_ref(), url));
        dist.requires_python = file.requires_python.as_ref().and_then(|v| v.as_str()).map(str::to_owned);
        dist.yanked = match &file.yanked {
            Some(serde_json::Value::Bool(true)) => Some(String::new()),
            Some(serde_json::Value::String(reason)) => Some(reason.clone()),
            _ => None,
        };
        // PEP 714 renamed `dist-info-metadata` to `core-metadata`; either may be there.
        dist.has_metadata = [file.core_metadata, file.dist_info_metadata].iter().any(|f| f.as_ref().is_some_and(|f| f.0));
        out.files.push(dist);
    }
    out.versions = page.versions.unwrap_or_default().iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
    Ok(out)
}

/// A PEP 503 HTML page (or a find-links page): every `<a href>` is a file; `<base href>` sets
/// the URL links are relative to, as in pip's HTML parser.
pub fn parse_html(text: &str, page_url: &str) -> ProjectPage {
    let mut base = url::Url::parse(page_url).ok();
    let mut page = ProjectPage::default();
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let tag_len = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(rest.len());
        let tag = rest[..tag_len].to_ascii_lowercase();
        if tag != "a" && tag != "base" {
            continue;
        }
        let (attrs, after) = attributes(&rest[tag_len..]);
        rest = after;
        let href = attrs.iter().find(|(k, _)| k == "href").map(|(_, v)| v.clone());
        let Some(href) = href else { continue };
        if tag == "base" {
            base = url::Url::parse(&join(page_url, &href)).ok();
            continue;
        }
        let url = join_parsed(base.as_ref(), &href);
        let Some(filename) = filename_of(&url) else { continue };
        let mut dist = DistFile::new(filename, url);
        for (key, value) in attrs {
            match key.as_str() {
                "data-requires-python" => dist.requires_python = Some(value),
                "data-yanked" => dist.yanked = Some(value),
                "data-core-metadata" | "data-dist-info-metadata" => dist.has_metadata = value != "false",
                _ => {}
            }
        }
        page.files.push(dist);
    }
    page
}

/// The attributes of a tag whose name has been read, and the text after its `>`.
fn attributes(mut s: &str) -> (Vec<(String, String)>, &str) {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return (attrs, s);
        }
        if let Some(after) = s.strip_prefix('>') {
            return (attrs, after);
        }
        let name_len = s.find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/').unwrap_or(s.len()).max(1);
        let name = s[..name_len].to_ascii_lowercase();
        s = s[name_len..].trim_start();
        let value = if let Some(after) = s.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], &body[(end + 1).min(body.len())..])
                }
                _ => {
                    let end = after.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            s = next;
            unescape(raw)
        } else {
            String::new()
        };
        attrs.push((name, value));
    }
}

/// HTML character references in attribute values (`&gt;=3.8`, `&#x27;`).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `href` resolved against `base` (RFC 3986), or `href` itself when either does not parse.
pub fn join(base: &str, href: &str) -> String {
    join_parsed(url::Url::parse(base).ok().as_ref(), href)
}

fn join_parsed(base: Option<&url::Url>, href: &str) -> String {
    match base.map(|b| b.join(href)) {
        Some(Ok(u)) => u.to_string(),
        _ => href.to_owned(),
    }
}

/// The final path segment of a URL, percent-decoded, without query or fragment (pip's
/// `Link.filename`); `None` when the path ends with `/`.
pub fn filename_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let last = parsed.path_segments()?.next_back()?;
    if last.is_empty() {
        return None;
    }
    Some(super::fetch::percent_decode(last))
}

/// The files of a find-links directory (pip lists it and takes every file,
/// `index/collector.py`, `_FlatDirectorySource`), as `file:` URLs. `None` when it cannot be read.
pub fn directory_page(dir: &std::path::Path) -> Option<ProjectPage> {
    let entries = std::fs::read_dir(dir).ok()?;
    let dir = std::path::absolute(dir).ok()?;
    let mut files: Vec<DistFile> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_owned();
            let url = url::Url::from_file_path(dir.join(e.file_name())).ok()?.to_string();
            Some(DistFile::new(name, url))
        })
        .collect();
    files.sort_by(|a, b| a.filename.cmp(&b.filename));
    Some(ProjectPage { files, versions: Vec::new() })
}

/// A file of the project that pip would consider: what it is and its version.
#[derive(Clone, Debug)]
pub struct Candidate<'a> {
    pub file: &'a DistFile,
    pub kind: DistKind,
    pub version: Version,
}

/// The files of `project` on the pages read (index pages and find-links), one per filename
/// (the first source wins, as pip's link deduplication by URL keeps one).
pub fn candidates<'a>(project: &str, pages: &[&'a ProjectPage]) -> Vec<Candidate<'a>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for page in pages {
        for file in &page.files {
            if let Some((kind, version)) = file.distribution(project) {
                if seen.insert(file.filename.as_str()) {
                    out.push(Candidate { file, kind, version });
                }
            }
        }
    }
    out
}

/// pip's `is_pinned` (`resolution/resolvelib/factory.py`): an `===`, or an `==` without `.*`.
pub fn is_pinned(specifiers: &pep440_rs::VersionSpecifiers) -> bool {
    specifiers.iter().any(|s| matches!(s.operator(), pep440_rs::Operator::Equal | pep440_rs::Operator::ExactEqual))
}

/// What the versions of a project say about a specifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Releases {
    /// No release matches (IDX004): the newest releases that are not yanked, newest first, and the
    /// yanked releases that would have matched.
    NoMatch { newest: Vec<Version>, yanked: Vec<Version> },
    /// Releases match. `yanked_pin`: every matching release is yanked, and the specifier pins
    /// one exactly, so pip installs it (PEP 592): the version and the reason given.
    Match { versions: Vec<Version>, yanked_pin: Option<(Version, String)> },
}

/// The releases of the candidates that match `specifiers` (`None`: any version), with yanked
/// files left out unless every match is yanked and the specifier pins it exactly (pip's
/// `iter_index_candidate_infos`, PEP 592). Prereleases count: pip takes one when nothing else
/// matches.
pub fn match_releases(candidates: &[Candidate], specifiers: Option<&pep440_rs::VersionSpecifiers>) -> Releases {
    let admits = |v: &Version| specifiers.is_none_or(|s| s.contains(v));
    let mut live: Vec<Version> = candidates.iter().filter(|c| c.file.yanked.is_none()).map(|c| c.version.clone()).collect();
    live.sort();
    live.dedup();
    let matching: Vec<Version> = live.iter().filter(|v| admits(v)).cloned().collect();
    if !matching.is_empty() {
        return Releases::Match { versions: matching, yanked_pin: None };
    }
    let mut yanked: Vec<(&Version, &str)> = candidates
        .iter()
        .filter(|c| admits(&c.version))
        .filter_map(|c| c.file.yanked.as_deref().map(|r| (&c.version, r)))
        .collect();
    yanked.sort_by(|a, b| a.0.cmp(b.0).then_with(|| b.1.len().cmp(&a.1.len())));
    yanked.dedup_by(|a, b| a.0 == b.0);
    if let (Some(spec), Some((newest, reason))) = (specifiers, yanked.last()) {
        if is_pinned(spec) {
            return Releases::Match { versions: yanked.iter().map(|(v, _)| (*v).clone()).collect(), yanked_pin: Some(((*newest).clone(), reason.to_string())) };
        }
    }
    live.reverse();
    live.truncate(5);
    Releases::NoMatch { newest: live, yanked: yanked.into_iter().map(|(v, _)| v.clone()).collect() }
}

/// What pip would install from the matching releases on one target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Install {
    /// A wheel of the best release.
    Wheel(Version),
    /// The best release pip can use has only an sdist there: pip builds it. `older_wheel` is
    /// the newest matching release with a wheel for the target, if any; `compiled`: the project
    /// publishes platform wheels (not `-any`), so it has compiled code and the build a compiler.
    Sdist { version: Version, older_wheel: Option<Version>, compiled: bool },
    /// An sdist, and `--no-binary` asks for it: nothing to report.
    SdistAsked(Version),
    /// Nothing installs: no wheel for the target and no sdist, or `Requires-Python` excludes
    /// the target python.
    Nothing { why: Vec<String> },
}

/// pip's choice among `versions` (from [`match_releases`]) on `target`: a file counts when its
/// `Requires-Python` admits the target python and, for a wheel, when its tags are supported
/// (`index/package_finder.py`, `LinkEvaluator.evaluate_link`); pip takes the newest such
/// release, and a wheel of it over its sdist (`CandidateEvaluator._sort_key`). `yanked_ok`:
/// yanked files count (the PEP 592 pin).
pub fn choose(candidates: &[Candidate], versions: &[Version], yanked_ok: bool, target: &super::wheel::Target) -> Install {
    choose_with(candidates, versions, yanked_ok, target, super::pip_indexes::Allowed { wheel: true, sdist: true }, false, false)
}

/// [`choose`] with pip's format control for the project (`--only-binary`, `--no-binary`) and
/// `--prefer-binary` (any wheel sorts above any sdist: `CandidateEvaluator._sort_key`).
/// Pre-releases are left out when a final release is usable, unless `allow_pre` (`--pre`, or
/// a specifier that names a pre-release): packaging's `SpecifierSet.filter`, which pip applies
/// to the usable candidates (`CandidateEvaluator.get_applicable_candidates`).
#[allow(clippy::too_many_arguments)]
pub fn choose_with(candidates: &[Candidate], versions: &[Version], yanked_ok: bool, target: &super::wheel::Target, allowed: super::pip_indexes::Allowed, prefer_binary: bool, allow_pre: bool) -> Install {
    let chosen: Vec<&Candidate> = candidates.iter().filter(|c| versions.contains(&c.version) && (yanked_ok || c.file.yanked.is_none())).collect();
    // A python the file does not pin is not known: the conda solve picks it. Then a wheel for
    // the platform counts whatever its python tags, and `Requires-Python` decides nothing.
    let python_ok = |c: &Candidate| !target.python_known || c.file.requires_python.as_deref().is_none_or(|r| super::wheel::requires_python_ok(r, &target.python));
    let fits = |w: &WheelName| if target.python_known { w.is_compatible(target) } else { w.fits_platform(target) };
    let usable = |c: &Candidate| {
        python_ok(c)
            && match &c.kind {
                DistKind::Wheel(w) => allowed.wheel && fits(w),
                DistKind::Sdist => allowed.sdist,
            }
    };
    let is_wheel = |c: &Candidate| matches!(c.kind, DistKind::Wheel(_));
    let mut ok: Vec<&&Candidate> = chosen.iter().filter(|c| usable(c)).collect();
    if !allow_pre && ok.iter().any(|c| !c.version.any_prerelease()) {
        ok.retain(|c| !c.version.any_prerelease());
    }
    if prefer_binary {
        if let Some(best) = ok.iter().filter(|c| is_wheel(c)).map(|c| &c.version).max() {
            return Install::Wheel(best.clone());
        }
    }
    if let Some(best) = ok.iter().map(|c| &c.version).max() {
        if ok.iter().any(|c| &c.version == best && is_wheel(c)) {
            return Install::Wheel(best.clone());
        }
        let older_wheel = ok.iter().filter(|c| is_wheel(c)).map(|c| c.version.clone()).max();
        let compiled = candidates.iter().any(|c| matches!(&c.kind, DistKind::Wheel(w) if w.platform.iter().any(|p| p != "any")));
        return Install::Sdist { version: best.clone(), older_wheel, compiled };
    }
    let mut why = Vec::new();
    let mut excluded: Vec<(&Version, &str)> = chosen.iter().filter(|c| !python_ok(c)).map(|c| (&c.version, c.file.requires_python.as_deref().unwrap_or(""))).collect();
    excluded.sort();
    excluded.dedup();
    if let Some((version, spec)) = excluded.last() {
        why.push(format!("{version} requires python {spec}"));
    }
    let wheels: Vec<&WheelName> = chosen.iter().filter(|c| python_ok(c)).filter_map(|c| match &c.kind {
        DistKind::Wheel(w) => Some(w),
        DistKind::Sdist => None,
    }).collect();
    if !wheels.is_empty() {
        let mut platforms: Vec<String> = wheels.iter().flat_map(|w| w.platform.iter().cloned()).collect();
        platforms.sort();
        platforms.dedup();
        let mut pythons: Vec<String> = wheels.iter().flat_map(|w| w.python.iter().cloned()).collect();
        pythons.sort();
        pythons.dedup();
        let on_platform = wheels.iter().any(|w| w.fits_platform(target));
        if on_platform {
            why.push(format!("its wheels for this platform are for {}", pythons.join(", ")));
        } else {
            why.push(format!("its wheels are for {}", shorten(&platforms, 4)));
        }
    }
    if !allowed.sdist && chosen.iter().any(|c| matches!(c.kind, DistKind::Sdist) && python_ok(c)) {
        why.push("its sdist is excluded by `--only-binary`".to_owned());
    }
    Install::Nothing { why }
}

fn shorten(items: &[String], n: usize) -> String {
    if items.len() <= n {
        items.join(", ")
    } else {
        format!("{} and {} more", items[..n].join(", "), items.len() - n)
    }
}

// ---------------------------------------------------------------------------------------------
// Lookups through the run's [`Index`](super::Index), and what they say per requirement.

/// What reading one project page (or find-links location) gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageOutcome {
    Found(ProjectPage),
    /// 404 / 410: the index has no such project.
    Missing,
    /// The index could not be read: why (no URL in it).
    Failed(String),
}

/// The PyPI side's memo in the run's `Index`: pip's configuration (read once) and parsed pages.
#[derive(Default)]
pub struct Memo {
    config: std::sync::OnceLock<super::pip_indexes::PipConfig>,
    pages: std::sync::Mutex<crate::HashMap<String, std::sync::Arc<PageOutcome>>>,
    /// Find-links directories, listed once per run (every index rule of every file asks).
    directories: std::sync::Mutex<crate::HashMap<std::path::PathBuf, std::sync::Arc<PageOutcome>>>,
}

impl Memo {
    /// pip's configuration for the run (environment variables and configuration files).
    pub fn config(&self, options: &super::Options) -> &super::pip_indexes::PipConfig {
        self.config.get_or_init(|| {
            let pip_env = super::pip_indexes::PipEnvironment { vars: &options.vars, home: options.home.as_deref(), fs: &crate::files::DiskFileSystem };
            super::pip_indexes::read_config(&pip_env)
        })
    }
}

/// The sources pip would read for `env` (the file at `path`), with the run's options.
pub fn sources(index: &super::Index, env: &EnvFile, path: &std::path::Path) -> super::pip_indexes::PipSources {
    let options = index.options();
    let config = index.pypi.config(options);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    super::pip_indexes::sources_with(config, env, dir, &options.vars, &crate::files::DiskFileSystem, options.pypi_index.as_deref())
}

fn outcome(answer: &Result<super::Response, super::FetchError>, url: &str) -> PageOutcome {
    match answer {
        Err(e) => PageOutcome::Failed(e.reason()),
        Ok(r) if r.status == 404 || r.status == 410 => PageOutcome::Missing,
        Ok(r) if (200..300).contains(&r.status) => {
            let page_url = if r.url.is_empty() { url } else { r.url.as_str() };
            match parse_page(&r.body, r.content_type.as_deref(), page_url) {
                Ok(page) => PageOutcome::Found(page),
                Err(e) => PageOutcome::Failed(e.to_string()),
            }
        }
        Ok(r) => PageOutcome::Failed(format!("HTTP {}", r.status)),
    }
}

/// The page at `url` (a project page or a find-links page), fetched and parsed once per run.
pub fn page(index: &super::Index, url: &str, accept: &str) -> std::sync::Arc<PageOutcome> {
    if let Some(found) = index.pypi.pages.lock().unwrap_or_else(|e| e.into_inner()).get(url) {
        return found.clone();
    }
    let parsed = std::sync::Arc::new(outcome(&index.get(url, accept), url));
    index.pypi.pages.lock().unwrap_or_else(|e| e.into_inner()).insert(url.to_owned(), parsed.clone());
    parsed
}

/// What a find-links location holds: a directory's files, a page's links, a named file.
fn find_links_page(index: &super::Index, location: &super::pip_indexes::FindLinks) -> std::sync::Arc<PageOutcome> {
    use super::pip_indexes::FindLinks;
    match location {
        FindLinks::Page(url) => page(index, url, "text/html"),
        FindLinks::Directory(dir) => {
            let mut listed = index.pypi.directories.lock().unwrap_or_else(|e| e.into_inner());
            let outcome = listed.entry(dir.clone()).or_insert_with(|| std::sync::Arc::new(directory_page(dir).map_or(PageOutcome::Missing, PageOutcome::Found)));
            outcome.clone()
        }
        FindLinks::File(path) => {
            let file = path.file_name().and_then(|n| n.to_str()).map(|name| {
                let url = url::Url::from_file_path(path).map(|u| u.to_string()).unwrap_or_else(|_| path.display().to_string());
                DistFile::new(name.to_owned(), url)
            });
            std::sync::Arc::new(PageOutcome::Found(ProjectPage { files: file.into_iter().collect(), versions: Vec::new() }))
        }
    }
}

/// The targets a file's wheels must install on: each target subdir with the target python.
pub fn targets(index: &super::Index, env: &EnvFile) -> Vec<super::wheel::Target> {
    let Some(mut python) = index.python(env) else { return Vec::new() };
    // `--python 3.12` means the newest 3.12 conda installs (the release table), so that a
    // `Requires-Python >=3.12.1` admits it.
    if python.release().len() == 2 {
        let minor = format!("{}.{}", python.release()[0], python.release()[1]);
        if let Some(newest) = crate::data::python_releases().iter().find(|m| m.minor == minor).and_then(|m| m.releases.last()) {
            python = newest.1.clone();
        }
    }
    let known = index.options().python.is_some() || !crate::rules::releases::python_pins(env).is_empty();
    index.subdirs(env).iter().filter_map(|s| super::wheel::Target::new(s, python.clone())).map(|t| super::wheel::Target { python_known: known, ..t }).collect()
}

/// The projects `env` looks up: requested requirements whose marker holds on some target.
fn looked_up<'a>(env: &'a EnvFile, targets: &[super::wheel::Target]) -> Vec<(&'a Requirement, Option<&'a crate::model::ReqFile>)> {
    env.requested_pip_items()
        .filter_map(|(item, file)| match &item.kind {
            crate::model::PipItemKind::Requirement(req)
                if !req.url && req.marker.as_deref().is_none_or(|m| targets.iter().any(|t| super::pip_indexes::marker_holds(m, t))) =>
            {
                Some((req, file))
            }
            _ => None,
        })
        .collect()
}

/// Fetches every project page `env` needs from every index, and its remote find-links pages,
/// in parallel.
pub fn prefetch(index: &super::Index, env: &EnvFile) {
    let targets = targets(index, env);
    let reqs = looked_up(env, &targets);
    if reqs.is_empty() {
        return;
    }
    // Relative find-links paths are local: only URLs matter here.
    let sources = sources(index, env, std::path::Path::new(""));
    let mut urls: Vec<(String, &str)> = Vec::new();
    for (req, _) in &reqs {
        for ix in &sources.indexes {
            urls.push((project_url(&ix.url, &req.name.value), ACCEPT));
        }
    }
    for location in &sources.find_links {
        if let super::pip_indexes::FindLinks::Page(url) = location {
            urls.push((url.clone(), "text/html"));
        }
    }
    urls.sort();
    urls.dedup();
    index.parallel(urls, |(url, accept)| {
        page(index, &url, accept);
    });
}

/// What the indexes say about one requirement.
#[derive(Clone, Debug)]
pub enum Verdict {
    /// An index or find-links page it needed could not be read (IDX000 says so).
    Skipped,
    /// No index has the project (IDX003): the closest names known, and the PyPI name when the
    /// name written is a conda package's that installs under another name (`pytorch` → `torch`).
    NotFound { closest: Vec<String>, pypi_name: Option<&'static str> },
    /// The project exists, no release matches (IDX004).
    NoRelease { newest: Vec<Version>, yanked: Vec<Version>, where_: Vec<String> },
    /// Releases match: the yanked pin (PEP 592) if that is what matched, and what pip would
    /// install on each target the requirement's marker holds on.
    Found { yanked_pin: Option<(Version, String)>, installs: Vec<(super::wheel::Target, Install)> },
}

/// A pip requirement of the file and its verdict.
pub struct Checked<'a> {
    pub requirement: &'a Requirement,
    pub file: Option<&'a crate::model::ReqFile>,
    pub verdict: Verdict,
}

/// A source that failed: its name (redacted) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// `index` or `find-links page`.
    pub kind: &'static str,
    pub source: String,
    pub reason: String,
}

/// A source that failed, with the first requirement that needed it and the file it is in.
pub type Failed<'a> = (Failure, &'a Requirement, Option<&'a crate::model::ReqFile>);

/// Every looked-up requirement of `env` (the file at `path`) with its verdict, and the
/// sources that failed with the first requirement that needed each.
pub fn check<'a>(index: &super::Index, env: &'a EnvFile, path: &std::path::Path) -> (Vec<Checked<'a>>, Vec<Failed<'a>>) {
    let targets = targets(index, env);
    let reqs = looked_up(env, &targets);
    let mut checked = Vec::new();
    let mut failures: Vec<Failed> = Vec::new();
    if reqs.is_empty() {
        return (checked, failures);
    }
    let sources = sources(index, env, path);
    let links: Vec<(String, std::sync::Arc<PageOutcome>)> = sources
        .find_links
        .iter()
        .map(|l| {
            let name = match l {
                super::pip_indexes::FindLinks::Page(url) => super::redact_url(url),
                super::pip_indexes::FindLinks::Directory(p) | super::pip_indexes::FindLinks::File(p) => p.display().to_string(),
            };
            (name, find_links_page(index, l))
        })
        .collect();
    for (req, file) in reqs {
        let project = req.name.value.as_str();
        let mut pages: Vec<std::sync::Arc<PageOutcome>> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for ix in &sources.indexes {
            pages.push(page(index, &project_url(&ix.url, project), ACCEPT));
            names.push(super::redact_url(&ix.url));
        }
        for (name, outcome) in &links {
            pages.push(outcome.clone());
            names.push(name.clone());
        }
        let mut failed = false;
        for (i, (outcome, name)) in pages.iter().zip(&names).enumerate() {
            if let PageOutcome::Failed(reason) = outcome.as_ref() {
                failed = true;
                let kind = if i < sources.indexes.len() { "index" } else { "find-links page" };
                let failure = Failure { kind, source: name.clone(), reason: reason.clone() };
                if !failures.iter().any(|(f, _, _)| f.source == failure.source) {
                    failures.push((failure, req, file));
                }
            }
        }
        let verdict = if failed {
            Verdict::Skipped
        } else {
            let found: Vec<&ProjectPage> = pages.iter().filter_map(|o| match o.as_ref() {
                PageOutcome::Found(p) => Some(p),
                _ => None,
            }).collect();
            let cands = candidates(project, &found);
            // A project page that exists counts as the project (it may list no files yet).
            let index_has_page = pages.iter().take(sources.indexes.len()).any(|o| matches!(o.as_ref(), PageOutcome::Found(_)));
            if cands.is_empty() && !index_has_page {
                let pypi_name = crate::data::conda_to_pypi(project).find(|n| *n != project);
                Verdict::NotFound { closest: closest_names(project, &found), pypi_name }
            } else {
                verdict_for(req, &sources, &cands, &targets, &names)
            }
        };
        checked.push(Checked { requirement: req, file, verdict });
    }
    (checked, failures)
}

fn verdict_for(req: &Requirement, sources: &super::pip_indexes::PipSources, cands: &[Candidate], targets: &[super::wheel::Target], names: &[String]) -> Verdict {
    let allowed = sources.formats.allowed(&req.name.value);
    let specifiers = req.specifier.as_ref().and_then(|s| {
        let text = s.value.trim().trim_start_matches('(').trim_end_matches(')');
        pep440_rs::VersionSpecifiers::from_str(text).ok()
    });
    if req.specifier.is_some() && specifiers.is_none() {
        // Another rule reports a specifier that does not parse; nothing to compare here.
        return Verdict::Found { yanked_pin: None, installs: Vec::new() };
    }
    match match_releases(cands, specifiers.as_ref()) {
        Releases::NoMatch { newest, yanked } => Verdict::NoRelease { newest, yanked, where_: names.to_vec() },
        Releases::Match { versions, yanked_pin } => {
            let installs = targets
                .iter()
                .filter(|t| req.marker.as_deref().is_none_or(|m| super::pip_indexes::marker_holds(m, t)))
                .map(|t| {
                    let allow_pre = sources.pre || specifiers.as_ref().is_some_and(|s| s.iter().any(|s| s.any_prerelease()));
                    let install = choose_with(cands, &versions, yanked_pin.is_some(), t, allowed, sources.prefer_binary, allow_pre);
                    // `--no-binary`: building from the sdist is what the file asks for.
                    let install = match install {
                        Install::Sdist { version, .. } if !allowed.wheel => Install::SdistAsked(version),
                        other => other,
                    };
                    (t.clone(), install)
                })
                .collect();
            Verdict::Found { yanked_pin, installs }
        }
    }
}

/// The known project names closest to `project` (the popular PyPI projects and the projects of
/// the pages read), at most three.
fn closest_names(project: &str, pages: &[&ProjectPage]) -> Vec<String> {
    let in_pages = pages.iter().flat_map(|page| &page.files).filter_map(|file| {
        WheelName::parse(&file.filename).map(|w| w.name).or_else(|| {
            let lower = file.filename.to_ascii_lowercase();
            let ext = SDIST_EXTENSIONS.iter().find(|e| lower.ends_with(*e))?;
            let stem = &file.filename[..file.filename.len() - ext.len()];
            stem.rfind('-').map(|i| stem[..i].to_owned())
        })
    });
    let known = crate::data::popular_pypi().iter().map(|n| (*n).to_owned()).chain(in_pages);
    crate::rules::nearest_names(project, known.map(|n| crate::model::pep503(&n).into_owned()))
}

/// The indexes and find-links locations as a message names them (credentials masked):
/// "`https://pypi.org/simple`", "`a` or `b`", "the find-links `./wheels`".
pub fn describe_sources(sources: &super::pip_indexes::PipSources) -> String {
    use super::pip_indexes::FindLinks;
    let mut names: Vec<String> = sources.indexes.iter().map(|i| format!("`{}`", super::redact_url(&i.url))).collect();
    names.extend(sources.find_links.iter().map(|l| match l {
        FindLinks::Page(url) => format!("the find-links page `{}`", super::redact_url(url)),
        FindLinks::Directory(p) => format!("the find-links directory `{}`", p.display()),
        FindLinks::File(p) => format!("the find-links file `{}`", p.display()),
    }));
    match names.len() {
        0 => "any index (`--no-index` and no find-links)".to_owned(),
        1 => names.remove(0),
        _ => {
            let last = names.pop().unwrap_or_default();
            format!("{} or {last}", names.join(", "))
        }
    }
}

/// Versions for a message, newest first: "2.1.3, 2.1.2, 2.0.2".
pub fn versions(versions: &[Version]) -> String {
    let mut v: Vec<&Version> = versions.iter().collect();
    v.sort();
    v.reverse();
    v.iter().take(5).map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
}

/// Targets for a message: "linux-64 with python 3.12", "linux-64 and osx-arm64 with python 3.12";
/// "linux-64" when the file does not pin python.
pub fn describe_targets<'t>(targets: impl Iterator<Item = &'t super::wheel::Target>) -> String {
    let targets: Vec<&super::wheel::Target> = targets.collect();
    let Some(first) = targets.first() else { return String::new() };
    let (major, minor) = first.python_minor();
    let subdirs: Vec<&str> = targets.iter().map(|t| t.subdir.as_str()).collect();
    let subdirs = match subdirs.as_slice() {
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    if first.python_known {
        format!("{subdirs} with python {major}.{minor}")
    } else {
        subdirs
    }
}

/// Every PyPI-side source `env` needed that could not be read, as IDX000 reports it.
pub fn unreachable(env: &EnvFile, index: &super::Index) -> Vec<super::Unreachable> {
    let (_, failures) = check(index, env, std::path::Path::new(""));
    failures
        .into_iter()
        .map(|(failure, req, file)| super::Unreachable {
            kind: failure.kind,
            index: failure.source,
            reason: failure.reason,
            file: file.map(|f| f.source.clone()),
            range: req.name.range,
            skipped: "pypi-package-not-found, pypi-version-not-found and no-compatible-distribution",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(files: &[(&str, Option<&str>, Option<&str>)]) -> ProjectPage {
        ProjectPage {
            files: files
                .iter()
                .map(|(f, rp, y)| DistFile { requires_python: rp.map(str::to_owned), yanked: y.map(str::to_owned), ..DistFile::new(f.to_string(), format!("https://x/{f}")) })
                .collect(),
            versions: Vec::new(),
        }
    }

    fn spec(s: &str) -> pep440_rs::VersionSpecifiers {
        pep440_rs::VersionSpecifiers::from_str(s).unwrap()
    }

    fn target(subdir: &str, py: &str) -> super::super::wheel::Target {
        super::super::wheel::Target::new(subdir, Version::from_str(py).unwrap()).unwrap()
    }

    #[test]
    fn releases_and_yanked_pins() {
        let p = page(&[("pkg-1.0.tar.gz", None, None), ("pkg-1.1.tar.gz", None, Some("broken")), ("pkg-2.0rc1.tar.gz", None, None), ("other-9.0.tar.gz", None, None)]);
        let c = candidates("pkg", &[&p]);
        assert_eq!(c.len(), 3);
        let v = |s: &str| Version::from_str(s).unwrap();
        assert_eq!(match_releases(&c, Some(&spec(">=1.0,<2"))), Releases::Match { versions: vec![v("1.0")], yanked_pin: None });
        assert_eq!(match_releases(&c, Some(&spec("==1.1"))), Releases::Match { versions: vec![v("1.1")], yanked_pin: Some((v("1.1"), "broken".into())) });
        assert_eq!(match_releases(&c, Some(&spec("~=1.1"))), Releases::NoMatch { newest: vec![v("2.0rc1"), v("1.0")], yanked: vec![v("1.1")] }, "not an exact pin");
        assert_eq!(match_releases(&c, Some(&spec("==3.0"))), Releases::NoMatch { newest: vec![v("2.0rc1"), v("1.0")], yanked: vec![] });
        assert!(matches!(match_releases(&c, Some(&spec(">1.5"))), Releases::Match { .. }), "a prerelease is taken when nothing else matches");
        assert!(is_pinned(&spec("===1.0")) && !is_pinned(&spec("==1.*")) && !is_pinned(&spec(">=1")));
    }

    #[test]
    fn pip_chooses_per_target() {
        let v = |s: &str| Version::from_str(s).unwrap();
        let p = page(&[
            ("fast-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", None, None),
            ("fast-1.0.tar.gz", None, None),
            ("fast-2.0-cp312-cp312-win_amd64.whl", Some(">=3.12"), None),
            ("fast-2.0.tar.gz", Some(">=3.12"), None),
        ]);
        let c = candidates("fast", &[&p]);
        let all = [v("1.0"), v("2.0")];
        assert_eq!(choose(&c, &all, false, &target("win-64", "3.12.7")), Install::Wheel(v("2.0")));
        assert_eq!(choose(&c, &all, false, &target("linux-64", "3.12.7")), Install::Sdist { version: v("2.0"), older_wheel: None, compiled: true }, "platform wheels: compiled code");
        // A python the file does not pin: a wheel for the platform counts whatever its tags.
        let guess = super::super::wheel::Target { python_known: false, ..target("linux-64", "3.12.7") };
        // 2.0's Requires-Python and 1.0's cp311 tag decide nothing; 2.0 has no linux wheel at all.
        assert_eq!(choose(&c, &all, false, &guess), Install::Sdist { version: v("2.0"), older_wheel: Some(v("1.0")), compiled: true });
        assert_eq!(choose(&c, &all, false, &target("linux-64", "3.11.9")), Install::Wheel(v("1.0")), "2.0 needs python 3.12");
        assert_eq!(choose(&c, &[v("2.0")], false, &target("linux-64", "3.11.9")), Install::Nothing { why: vec!["2.0 requires python >=3.12".into(), ] });
        let wheels_only = page(&[("w-1.0-cp312-cp312-win_amd64.whl", None, None), ("w-1.0-cp312-cp312-macosx_11_0_arm64.whl", None, None), ("w-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", None, None)]);
        let c = candidates("w", &[&wheels_only]);
        let Install::Nothing { why } = choose(&c, &[v("1.0")], false, &target("linux-64", "3.12")) else { panic!() };
        assert_eq!(why, ["its wheels for this platform are for cp311, cp312"]);
        let Install::Nothing { why } = choose(&c, &[v("1.0")], false, &target("linux-aarch64", "3.12")) else { panic!() };
        assert_eq!(why, ["its wheels are for macosx_11_0_arm64, manylinux_2_17_x86_64, win_amd64"]);
        let pre = page(&[("p-1.0-py3-none-any.whl", None, None), ("p-2.0rc1.tar.gz", None, None)]);
        let c = candidates("p", &[&pre]);
        assert_eq!(choose(&c, &[v("1.0"), v("2.0rc1")], false, &target("linux-64", "3.12")), Install::Wheel(v("1.0")), "a final release beats a pre-release");
        let allowed = super::super::pip_indexes::Allowed { wheel: true, sdist: true };
        assert_eq!(choose_with(&c, &[v("1.0"), v("2.0rc1")], false, &target("linux-64", "3.12"), allowed, false, true), Install::Sdist { version: v("2.0rc1"), older_wheel: Some(v("1.0")), compiled: false }, "--pre");
        assert_eq!(choose_with(&c, &[v("1.0"), v("2.0rc1")], false, &target("linux-64", "3.12"), allowed, true, true), Install::Wheel(v("1.0")), "--prefer-binary");
        let mixed = page(&[("m-1.0-py3-none-any.whl", None, None), ("m-2.0.tar.gz", None, None), ("m-3.0-py3-none-any.whl", None, Some(""))]);
        let c = candidates("m", &[&mixed]);
        assert_eq!(choose(&c, &[v("1.0"), v("2.0"), v("3.0")], false, &target("linux-64", "3.12")), Install::Sdist { version: v("2.0"), older_wheel: Some(v("1.0")), compiled: false });
    }

    proptest::proptest! {
        /// Whatever an index sends, reading it never panics (the core never panics on input).
        #[test]
        fn pages_never_panic(body in "(<a |<A |<base |href=|data-yanked|data-requires-python=|&#x|&amp;|&|;|\"|'|=|>|<|/|é|-|\\.whl|\\.tar\\.gz|[a-z0-9 ])*") {
            let page = parse_html(&body, PAGE);
            for f in &page.files {
                let _ = f.distribution("a-b");
            }
            let _ = parse_page(body.as_bytes(), None, PAGE);
            let _ = parse_page(body.as_bytes(), Some("application/vnd.pypi.simple.v1+json"), PAGE);
        }

        #[test]
        fn filenames_never_panic(name in "[A-Za-z0-9_.é+-]{0,30}(\\.whl|\\.tar\\.gz|\\.zip|\\.TAR\\.GZ)?") {
            let _ = WheelName::parse(&name);
            let _ = DistFile::new(name.clone(), String::new()).distribution("a");
            let _ = closest_names("a", &[&ProjectPage { files: vec![DistFile::new(name, String::new())], versions: Vec::new() }]);
        }
    }

    const PAGE: &str = "https://files.example/simple/foo-bar/";

    #[test]
    fn json_pages() {
        let body = r#"{"meta": {"api-version": "1.1"}, "name": "foo-bar", "versions": ["1.0", "2.0"],
            "files": [
              {"filename": "Foo_Bar-1.0.tar.gz", "url": "../../packages/Foo_Bar-1.0.tar.gz", "hashes": {}, "requires-python": ">=3.8", "yanked": false},
              {"filename": "foo_bar-2.0-py3-none-any.whl", "url": "https://cdn.example/foo_bar-2.0-py3-none-any.whl", "hashes": {}, "yanked": "broken", "core-metadata": {"sha256": "x"}},
              {"filename": "foo_bar-2.0.tar.gz", "url": "x", "hashes": {}, "yanked": true}
            ]}"#;
        let page = parse_page(body.as_bytes(), Some("application/vnd.pypi.simple.v1+json"), PAGE).unwrap();
        assert_eq!(page.versions, ["1.0", "2.0"]);
        assert_eq!(page.files[0].url, "https://files.example/packages/Foo_Bar-1.0.tar.gz");
        assert_eq!((page.files[0].requires_python.as_deref(), page.files[0].yanked.as_deref()), (Some(">=3.8"), None));
        assert_eq!((page.files[1].yanked.as_deref(), page.files[1].has_metadata), (Some("broken"), true));
        assert_eq!(page.files[2].yanked.as_deref(), Some(""));
        assert!(matches!(parse_json(r#"{"meta": {"api-version": "2.0"}, "files": []}"#, PAGE), Err(PageError::ApiVersion(_))));
        assert!(matches!(parse_json("{not json", PAGE), Err(PageError::Json(_))));
        assert!(matches!(parse_json(r#"{"files": 3}"#, PAGE), Err(PageError::Json(_))));
        assert!(matches!(parse_page(b"x", Some("image/png"), PAGE), Err(PageError::ContentType(_))));
    }

    #[test]
    fn html_pages() {
        let body = r#"<!DOCTYPE html><html><body><h1>Links for foo-bar</h1>
            <a href="/packages/Foo_Bar-1.0.tar.gz#sha256=abc" data-requires-python="&gt;=3.8">Foo_Bar-1.0.tar.gz</a><br/>
            <a data-yanked="" href='foo_bar-2.0-py3-none-any.whl' data-dist-info-metadata="sha256=1">foo_bar-2.0-py3-none-any.whl</a>
            <A HREF=foo%2Bbar-3.0.zip data-yanked="bad &amp; broken">x</A>
            <a name="no-href">nothing</a><a href="../">up</a>
            </body></html>"#;
        let page = parse_page(body.as_bytes(), Some("text/html; charset=utf-8"), PAGE).unwrap();
        let names: Vec<_> = page.files.iter().map(|f| f.filename.as_str()).collect();
        assert_eq!(names, ["Foo_Bar-1.0.tar.gz", "foo_bar-2.0-py3-none-any.whl", "foo+bar-3.0.zip"]);
        assert_eq!(page.files[0].url, "https://files.example/packages/Foo_Bar-1.0.tar.gz#sha256=abc");
        assert_eq!(page.files[0].requires_python.as_deref(), Some(">=3.8"));
        assert_eq!((page.files[1].yanked.as_deref(), page.files[1].has_metadata), (Some(""), true));
        assert_eq!(page.files[1].url, "https://files.example/simple/foo-bar/foo_bar-2.0-py3-none-any.whl");
        assert_eq!(page.files[2].yanked.as_deref(), Some("bad & broken"));
        let based = parse_html(r#"<base href="https://mirror.example/dl/"><a href="a-1.0.tar.gz">a</a>"#, PAGE);
        assert_eq!(based.files[0].url, "https://mirror.example/dl/a-1.0.tar.gz");
        // Without a content type (a `file:` page) the body decides.
        assert_eq!(parse_page(body.as_bytes(), None, PAGE).unwrap().files.len(), 3);
    }

    #[test]
    fn filenames_to_versions() {
        let dist = |f: &str| DistFile::new(f.to_owned(), String::new());
        let v = |s: &str| Version::from_str(s).unwrap();
        assert_eq!(dist("Foo_Bar-1.0.tar.gz").distribution("foo-bar"), Some((DistKind::Sdist, v("1.0"))));
        assert_eq!(dist("foo-bar-2.0rc1.zip").distribution("foo-bar"), Some((DistKind::Sdist, v("2.0rc1"))));
        assert_eq!(dist("foo-bar-baz-1.0.tar.gz").distribution("foo-bar"), None, "another project");
        assert_eq!(dist("foo-bar-baz-1.0.tar.gz").distribution("foo-bar-baz").map(|d| d.1), Some(v("1.0")));
        assert!(matches!(dist("foo_bar-2.0-py3-none-any.whl").distribution("foo-bar"), Some((DistKind::Wheel(_), _))));
        assert_eq!(dist("foo_bar-2.0-py3.6.egg").distribution("foo-bar"), None, "eggs are not installed");
        assert_eq!(dist("foo-bar-latest.tar.gz").distribution("foo-bar"), None, "not a PEP 440 version");
    }

    #[test]
    fn project_urls() {
        assert_eq!(project_url("https://pypi.org/simple", "Foo_Bar"), "https://pypi.org/simple/foo-bar/");
        assert_eq!(project_url("https://pypi.org/simple/", "ruamel.yaml"), "https://pypi.org/simple/ruamel-yaml/");
        assert_eq!(project_url("file:///srv/simple/", "A.B"), "file:///srv/simple/a-b/index.html");
        assert_eq!(filename_of("https://x/p/a%20b-1.0.tar.gz?x=1#frag").as_deref(), Some("a b-1.0.tar.gz"));
        assert_eq!(filename_of("https://x/p/"), None);
    }

    #[test]
    fn directories() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("pkg-1.0-py3-none-any.whl"), b"").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let page = directory_page(dir.path()).unwrap();
        assert_eq!(page.files.len(), 1);
        assert!(page.files[0].url.starts_with("file:///") && page.files[0].url.ends_with("/pkg-1.0-py3-none-any.whl"));
        assert!(directory_page(&dir.path().join("missing")).is_none());
    }
}
