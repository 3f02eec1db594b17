//! conda repodata per channel and subdir: sharded repodata (CEP 16: the
//! `repodata_shards.msgpack.zst` index, then only the shards of the names needed) where the
//! channel offers it, else `repodata.json.zst`, else `repodata.json`. A 404 for every form is an
//! empty subdir, except for `noarch`, which every channel has (conda raises
//! `UnavailableInvalidChannel` when it is missing): then the channel is unreachable.
//!
//! Records are matched with rattler's MatchSpec semantics (version, build, build number).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use rattler_conda_types::{MatchSpec, ParseMatchSpecOptions, Version};
use serde::Deserialize;

use super::channels::{Channel, CondaConfig};
use super::fetch::{decompress_zstd, BODY_LIMIT};
use super::{Index, Options, Unreachable};
use crate::model::{CondaDep, EnvFile};
use crate::source::TextRange;

/// What a channel's subdir could not give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub reason: String,
}

/// One package record, as much of it as matching needs.
#[derive(Clone, Debug)]
pub struct Record {
    pub version: Version,
    pub build: String,
    pub build_number: u64,
}

/// A subdir's repodata.
#[cfg_attr(not(feature = "online"), allow(dead_code))]
enum Listing {
    /// The channel has no such subdir (404 for every form): no packages.
    Absent,
    /// `repodata.json(.zst)`: every record by name.
    Full(HashMap<String, Arc<Vec<Record>>>),
    /// CEP 16: the names in the index, their shards fetched when needed.
    Sharded { shards_base: String, hashes: HashMap<String, String>, shards: Mutex<HashMap<String, ShardCell>> },
}

/// A shard's records, read once.
type ShardCell = Arc<OnceLock<Result<Arc<Vec<Record>>, Failure>>>;

type Subdir = Arc<Result<Listing, Failure>>;

/// The conda side's memo tables for one run.
pub(crate) struct Memo {
    config: OnceLock<CondaConfig>,
    subdirs: Mutex<HashMap<String, Arc<OnceLock<Subdir>>>>,
    /// Listings read from the disk cache alone (for "conda-forge has it").
    cached: Mutex<HashMap<String, Option<Subdir>>>,
}

impl Memo {
    pub(crate) fn new(_options: &Options) -> Self {
        Self { config: OnceLock::new(), subdirs: Mutex::default(), cached: Mutex::default() }
    }
}

impl Index {
    /// conda's channel configuration for this run (read once).
    pub fn conda_config(&self) -> &CondaConfig {
        self.conda.config.get_or_init(|| CondaConfig::load(self.options()))
    }

    /// A subdir's listing, fetched once per run.
    fn subdir(&self, channel: &Channel, subdir: &str) -> Subdir {
        let url = channel.subdir_url(subdir);
        let cell = self.conda.subdirs.lock().unwrap_or_else(|e| e.into_inner()).entry(url.clone()).or_default().clone();
        cell.get_or_init(|| Arc::new(self.read_subdir(&url, subdir == "noarch"))).clone()
    }

    /// The subdir's listing if this run already read it (no request).
    fn subdir_if_read(&self, channel: &Channel, subdir: &str) -> Option<Subdir> {
        let url = channel.subdir_url(subdir);
        let cell = self.conda.subdirs.lock().unwrap_or_else(|e| e.into_inner()).get(&url).cloned()?;
        cell.get().cloned()
    }

    fn read_subdir(&self, url: &str, noarch: bool) -> Result<Listing, Failure> {
        let fail = |reason: String| Err(Failure { reason });
        // CEP 16 sharded repodata.
        let index_url = format!("{url}repodata_shards.msgpack.zst");
        if cfg!(feature = "online") {
            match self.get(&index_url, "*/*").as_ref() {
                Err(e) => return fail(e.reason()),
                // Shards are relative to the index as answered (after redirects).
                Ok(r) if r.status == 200 => return parse_shard_index(&r.url, &r.body).map_err(|reason| Failure { reason }),
                // The optional forms: any client error means "not offered" (S3-backed channels
                // answer 403 for a missing file); repodata.json decides.
                Ok(r) if (400..500).contains(&r.status) => {}
                Ok(r) => return fail(format!("HTTP {} for {}", r.status, super::redact_url(&index_url))),
            }
            let zst_url = format!("{url}repodata.json.zst");
            match self.get(&zst_url, "*/*").as_ref() {
                Err(e) => return fail(e.reason()),
                Ok(r) if r.status == 200 => {
                    let json = decompress_zstd(&zst_url, &r.body, BODY_LIMIT).map_err(|e| Failure { reason: e.reason() })?;
                    return parse_repodata(&json).map(Listing::Full).map_err(|e| Failure { reason: format!("invalid repodata.json.zst ({e})") });
                }
                Ok(r) if (400..500).contains(&r.status) => {}
                Ok(r) => return fail(format!("HTTP {} for {}", r.status, super::redact_url(&zst_url))),
            }
        }
        let json_url = format!("{url}repodata.json");
        match self.get(&json_url, "application/json").as_ref() {
            Err(e) => fail(e.reason()),
            Ok(r) if r.status == 200 => parse_repodata(&r.body).map(Listing::Full).map_err(|e| Failure { reason: format!("invalid repodata.json ({e})") }),
            Ok(r) if is_absent(r.status) && noarch => fail(format!("HTTP {}: no noarch/repodata.json, so not a channel", r.status)),
            Ok(r) if is_absent(r.status) => Ok(Listing::Absent),
            Ok(r) => fail(format!("HTTP {} for {}", r.status, super::redact_url(&json_url))),
        }
    }

    /// The records of `name` in a subdir (`Ok(None)`: the subdir has no such name).
    fn records(&self, channel: &Channel, subdir: &str, name: &str) -> Result<Option<Arc<Vec<Record>>>, Failure> {
        let listing = self.subdir(channel, subdir);
        match listing.as_ref() {
            Err(f) => Err(f.clone()),
            Ok(Listing::Absent) => Ok(None),
            Ok(Listing::Full(records)) => Ok(records.get(name).cloned()),
            Ok(Listing::Sharded { shards_base, hashes, shards }) => {
                let Some(hash) = hashes.get(name) else { return Ok(None) };
                let cell = shards.lock().unwrap_or_else(|e| e.into_inner()).entry(name.to_owned()).or_default().clone();
                cell.get_or_init(|| self.read_shard(&format!("{shards_base}{hash}.msgpack.zst"), name)).clone().map(Some)
            }
        }
    }

    fn read_shard(&self, url: &str, name: &str) -> Result<Arc<Vec<Record>>, Failure> {
        match self.get(url, "*/*").as_ref() {
            Err(e) => Err(Failure { reason: e.reason() }),
            Ok(r) if r.status == 200 => parse_shard(url, &r.body, name).map(Arc::new).map_err(|reason| Failure { reason }),
            Ok(r) => Err(Failure { reason: format!("HTTP {} for the shard of `{name}`", r.status) }),
        }
    }

    /// The names a subdir lists (for closest-name suggestions); `None` when it failed.
    fn names(&self, channel: &Channel, subdir: &str) -> Option<Vec<String>> {
        match self.subdir(channel, subdir).as_ref() {
            Ok(Listing::Absent) => Some(Vec::new()),
            Ok(Listing::Full(records)) => Some(records.keys().cloned().collect()),
            Ok(Listing::Sharded { hashes, .. }) => Some(hashes.keys().cloned().collect()),
            Err(_) => None,
        }
    }
}

fn is_absent(status: u16) -> bool {
    matches!(status, 404 | 410)
}

#[derive(Deserialize)]
struct RawRecord {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    build: String,
    #[serde(default)]
    build_number: u64,
}

#[derive(Deserialize)]
struct RawRepodata {
    #[serde(default)]
    packages: BTreeMap<String, RawRecord>,
    #[serde(default, rename = "packages.conda")]
    conda_packages: BTreeMap<String, RawRecord>,
    #[serde(default)]
    removed: BTreeSet<String>,
}

impl RawRepodata {
    fn into_records(self) -> HashMap<String, Vec<Record>> {
        let mut out: HashMap<String, Vec<Record>> = HashMap::new();
        for (file, raw) in self.packages.into_iter().chain(self.conda_packages) {
            if self.removed.contains(&file) || raw.name.is_empty() {
                continue;
            }
            let Ok(version) = Version::from_str(&raw.version) else { continue };
            out.entry(raw.name.to_ascii_lowercase()).or_default().push(Record { version, build: raw.build, build_number: raw.build_number });
        }
        out
    }
}

fn parse_repodata(json: &[u8]) -> Result<HashMap<String, Arc<Vec<Record>>>, String> {
    let raw: RawRepodata = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    Ok(raw.into_records().into_iter().map(|(name, records)| (name, Arc::new(records))).collect())
}

#[cfg(feature = "online")]
fn parse_shard_index(url: &str, bytes: &[u8]) -> Result<Listing, String> {
    #[derive(Deserialize)]
    struct Info {
        #[serde(default)]
        shards_base_url: String,
    }
    #[derive(Deserialize)]
    struct ShardIndex {
        info: Info,
        shards: HashMap<String, serde_bytes::ByteBuf>,
    }
    let data = decompress_zstd(url, bytes, BODY_LIMIT).map_err(|e| e.reason())?;
    let index: ShardIndex = rmp_serde::from_slice(&data).map_err(|e| format!("invalid shard index ({e})"))?;
    let mut base = join_url(url, &index.info.shards_base_url);
    if !base.ends_with('/') {
        base.push('/');
    }
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let hashes = index.shards.into_iter().map(|(name, hash)| (name.to_ascii_lowercase(), hex(&hash))).collect();
    Ok(Listing::Sharded { shards_base: base, hashes, shards: Mutex::default() })
}

#[cfg(not(feature = "online"))]
fn parse_shard_index(_url: &str, _bytes: &[u8]) -> Result<Listing, String> {
    Err("built without sharded repodata support".to_owned())
}

#[cfg(feature = "online")]
fn parse_shard(url: &str, bytes: &[u8], name: &str) -> Result<Vec<Record>, String> {
    let data = decompress_zstd(url, bytes, BODY_LIMIT).map_err(|e| e.reason())?;
    let shard: RawRepodata = rmp_serde::from_slice(&data).map_err(|e| format!("invalid shard of `{name}` ({e})"))?;
    Ok(shard.into_records().into_values().flatten().collect())
}

#[cfg(not(feature = "online"))]
fn parse_shard(_url: &str, _bytes: &[u8], _name: &str) -> Result<Vec<Record>, String> {
    Err("built without sharded repodata support".to_owned())
}

/// `relative` resolved against `base` (RFC 3986, enough of it: absolute URLs, `/path`,
/// `./` and `../` segments).
#[cfg_attr(not(feature = "online"), allow(dead_code))]
pub(crate) fn join_url(base: &str, relative: &str) -> String {
    if relative.contains("://") {
        return relative.to_owned();
    }
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    if relative.starts_with('/') {
        return format!("{}{relative}", &base[..authority_end]);
    }
    let path = &base[authority_end..];
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = relative.is_empty() || relative.ends_with('/') || relative.ends_with("/.") || relative == ".";
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = format!("{}/{}", &base[..authority_end], segments.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// A conda dependency to look up: its spec and where it is.
struct Wanted<'e> {
    dep: &'e CondaDep,
    name: String,
    spec: MatchSpec,
}

/// The dependencies that can be looked up (valid specs with a name, not virtual packages).
fn wanted(env: &EnvFile) -> Vec<Wanted<'_>> {
    env.conda_deps()
        .filter(|d| d.error.is_none())
        .filter_map(|dep| {
            let name = dep.name()?.value.to_owned();
            if name.starts_with("__") || name.contains('*') {
                return None;
            }
            let spec = MatchSpec::from_str(&dep.raw, ParseMatchSpecOptions::lenient()).ok()?;
            Some(Wanted { dep, name, spec })
        })
        .collect()
}

/// The channels a dependency is looked up in: its own `channel::` prefix, else the file's
/// channels, else `.condarc`'s `channels` (default `defaults`). With the range that names them.
fn channels_of(index: &Index, env: &EnvFile, dep: &CondaDep) -> Vec<(Channel, TextRange)> {
    let config = index.conda_config();
    if let Some(channel) = dep.channel() {
        return config.resolve(channel.value).into_iter().map(|c| (c, channel.range)).collect();
    }
    match &env.channels {
        Some(channels) => channels.items.iter().flat_map(|c| config.resolve(&c.value).into_iter().map(|r| (r, c.range))).collect(),
        None => config.channels.iter().flat_map(|c| config.resolve(c)).map(|c| (c, dep.range)).collect(),
    }
}

/// The subdirs a channel is read in for this file: the channel's own subdir or the targets,
/// and `noarch`.
fn subdirs_of(channel: &Channel, targets: &[String]) -> Vec<String> {
    let mut subdirs: Vec<String> = match &channel.subdir {
        Some(s) if s != "noarch" => vec![s.clone()],
        Some(_) => Vec::new(),
        None => targets.to_vec(),
    };
    subdirs.push("noarch".to_owned());
    subdirs
}

/// Fetches, in parallel, every subdir the file's conda dependencies need, then the shards of
/// their names.
pub(crate) fn prefetch(index: &Index, env: &EnvFile) {
    let targets = index.subdirs(env);
    let mut pairs: BTreeSet<(Channel, String)> = BTreeSet::new();
    let mut names: BTreeSet<(Channel, String, String)> = BTreeSet::new();
    for wanted in wanted(env) {
        for (channel, _) in channels_of(index, env, wanted.dep) {
            for subdir in subdirs_of(&channel, &targets) {
                names.insert((channel.clone(), subdir.clone(), wanted.name.clone()));
                pairs.insert((channel.clone(), subdir));
            }
        }
    }
    index.parallel(pairs.into_iter().collect(), |(channel, subdir)| {
        index.subdir(&channel, &subdir);
    });
    index.parallel(names.into_iter().collect(), |(channel, subdir, name)| {
        let _ = index.records(&channel, &subdir, &name);
    });
}

/// What looking a dependency up found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A record matches in every target subdir.
    Found,
    /// A channel it needed could not be read: IDX000 says so, nothing else is reported.
    Skipped,
    /// No channel has the name in these target subdirs (nor in noarch).
    NoSuchName { subdirs: Vec<String>, closest: Vec<String>, elsewhere: Vec<String> },
    /// The name exists, but no record matches the spec in these subdirs.
    NoMatch { subdirs: Vec<Unmatched> },
}

/// A target subdir where no record matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmatched {
    pub subdir: String,
    /// The nearest versions that exist there.
    pub nearest: Vec<String>,
    /// When versions match but builds do not: `version build` of those records (at most six).
    pub builds: Vec<String>,
}

/// Looks up one conda dependency (after [`prefetch`]).
fn lookup(index: &Index, env: &EnvFile, wanted: &Wanted<'_>, targets: &[String]) -> Lookup {
    let channels = channels_of(index, env, wanted.dep);
    if channels.is_empty() {
        return Lookup::Skipped;
    }
    let target_subdirs: Vec<String> = match channels.iter().find_map(|(c, _)| c.subdir.clone()).filter(|s| s != "noarch") {
        Some(s) if channels.iter().all(|(c, _)| c.subdir.as_deref() == Some(&s)) => vec![s],
        _ => targets.to_vec(),
    };
    let mut missing = Vec::new();
    let mut unmatched = Vec::new();
    for target in &target_subdirs {
        let mut records: Vec<Arc<Vec<Record>>> = Vec::new();
        for (channel, _) in &channels {
            let subdirs = subdirs_of(channel, std::slice::from_ref(target));
            for subdir in subdirs.iter().filter(|s| *s == target || *s == "noarch") {
                match index.records(channel, subdir, &wanted.name) {
                    Err(_) => return Lookup::Skipped,
                    Ok(Some(found)) => records.push(found),
                    Ok(None) => {}
                }
            }
        }
        if records.is_empty() {
            missing.push(target.clone());
        } else if !records.iter().flat_map(|r| r.iter()).any(|r| admits(&wanted.spec, r)) {
            let all = || records.iter().flat_map(|r| r.iter());
            let version_only = MatchSpec { build: None, build_number: None, ..wanted.spec.clone() };
            let mut builds: Vec<String> = all().filter(|r| admits(&version_only, r)).map(|r| format!("{} {}", r.version, r.build)).collect();
            builds.sort();
            builds.dedup();
            builds.truncate(6);
            unmatched.push(Unmatched { subdir: target.clone(), nearest: nearest_versions(wanted.dep, all()), builds });
        }
    }
    if !missing.is_empty() {
        let closest = closest_names(index, &channels, &missing, &wanted.name);
        let elsewhere = elsewhere(index, &channels, &missing, &wanted.name);
        return Lookup::NoSuchName { subdirs: missing, closest, elsewhere };
    }
    if !unmatched.is_empty() {
        return Lookup::NoMatch { subdirs: unmatched };
    }
    Lookup::Found
}

/// Whether the record is one the spec accepts (version, build string, build number).
fn admits(spec: &MatchSpec, record: &Record) -> bool {
    spec.version.as_ref().is_none_or(|v| v.matches(&record.version))
        && spec.build.as_ref().is_none_or(|b| b.matches(&record.build))
        && spec.build_number.as_ref().is_none_or(|n| n.matches(&record.build_number))
}

/// Up to six distinct versions nearest the one the spec names (three below, three above), or
/// the newest six when it names none.
fn nearest_versions<'r>(dep: &CondaDep, records: impl Iterator<Item = &'r Record>) -> Vec<String> {
    let mut versions: Vec<&Version> = records.map(|r| &r.version).collect();
    versions.sort();
    versions.dedup();
    let named = dep.version().and_then(|v| {
        let literal: String = v.value.trim_start_matches(|c: char| "<>=!~ ".contains(c)).chars().take_while(|c| !",|* ".contains(*c)).collect();
        Version::from_str(&literal).ok()
    });
    let picked: Vec<&Version> = match named {
        Some(named) => {
            let split = versions.partition_point(|v| **v < named);
            let below = &versions[split.saturating_sub(3)..split];
            let above = &versions[split..(split + 3).min(versions.len())];
            below.iter().chain(above).copied().collect()
        }
        None => versions[versions.len().saturating_sub(6)..].to_vec(),
    };
    picked.iter().map(|v| v.to_string()).collect()
}

/// The names closest to `name` in the channels' target subdirs (edit distance at most 2).
fn closest_names(index: &Index, channels: &[(Channel, TextRange)], subdirs: &[String], name: &str) -> Vec<String> {
    let mut candidates: BTreeSet<String> = BTreeSet::new();
    for (channel, _) in channels {
        for subdir in subdirs.iter().map(String::as_str).chain(["noarch"]) {
            candidates.extend(index.names(channel, subdir).unwrap_or_default());
        }
    }
    crate::rules::nearest_names(name, candidates)
}

/// Other channels that have the name in those subdirs: the channels this run has read, and
/// conda-forge when it is in the cache (no request is made for this).
fn elsewhere(index: &Index, channels: &[(Channel, TextRange)], subdirs: &[String], name: &str) -> Vec<String> {
    let listed: BTreeSet<&str> = channels.iter().map(|(c, _)| c.url.as_str()).collect();
    let mut others: BTreeSet<Channel> = index.conda.subdirs.lock().unwrap_or_else(|e| e.into_inner()).keys().filter_map(|url| {
        let (base, _) = url.trim_end_matches('/').rsplit_once('/')?;
        Some(base.to_owned())
    }).filter(|base| !listed.contains(base.as_str())).map(|url| Channel { display: display_of(index, &url), url, subdir: None }).collect();
    others.extend(index.conda_config().resolve("conda-forge").into_iter().filter(|c| !listed.contains(c.url.as_str())));
    let mut out = Vec::new();
    for channel in others {
        let has = subdirs.iter().map(String::as_str).chain(["noarch"]).any(|subdir| match index.subdir_if_read(&channel, subdir).or_else(|| index.cached_subdir(&channel, subdir)) {
            Some(listing) => match listing.as_ref() {
                Ok(Listing::Full(r)) => r.contains_key(name),
                Ok(Listing::Sharded { hashes, .. }) => hashes.contains_key(name),
                _ => false,
            },
            None => false,
        });
        if has && !out.contains(&channel.display) {
            out.push(channel.display);
        }
    }
    out
}

fn display_of(index: &Index, url: &str) -> String {
    index.conda_config().resolve(url).into_iter().next().map_or_else(|| super::redact_url(url), |c| c.display)
}

impl Index {
    /// A subdir's listing from the disk cache alone (never a request).
    fn cached_subdir(&self, channel: &Channel, subdir: &str) -> Option<Subdir> {
        let url = channel.subdir_url(subdir);
        if let Some(known) = self.conda.cached.lock().unwrap_or_else(|e| e.into_inner()).get(&url) {
            return known.clone();
        }
        let listing = self.read_cached_subdir(&url);
        self.conda.cached.lock().unwrap_or_else(|e| e.into_inner()).insert(url, listing.clone());
        listing
    }

    fn read_cached_subdir(&self, url: &str) -> Option<Subdir> {
        let cache = self.options().resolved_cache_dir().map(super::Cache::new)?;
        let shards = format!("{url}repodata_shards.msgpack.zst");
        if let Some(entry) = cache.load(&shards, "*/*").filter(|e| e.status == 200) {
            return parse_shard_index(&shards, &entry.body).ok().map(|l| Arc::new(Ok(l)));
        }
        let zst = format!("{url}repodata.json.zst");
        if let Some(entry) = cache.load(&zst, "*/*").filter(|e| e.status == 200) {
            let json = decompress_zstd(&zst, &entry.body, BODY_LIMIT).ok()?;
            return parse_repodata(&json).ok().map(|r| Arc::new(Ok(Listing::Full(r))));
        }
        let json = format!("{url}repodata.json");
        let entry = cache.load(&json, "application/json").filter(|e| e.status == 200)?;
        parse_repodata(&entry.body).ok().map(|r| Arc::new(Ok(Listing::Full(r))))
    }
}

/// One finding's worth of lookup: the dependency and what was found.
pub struct Looked<'e> {
    pub dep: &'e CondaDep,
    pub lookup: Lookup,
}

/// Every conda dependency of the file, looked up.
pub fn look_up_all<'e>(index: &Index, env: &'e EnvFile) -> Vec<Looked<'e>> {
    let targets = index.subdirs(env);
    wanted(env).iter().map(|w| Looked { dep: w.dep, lookup: lookup(index, env, w, &targets) }).collect()
}

/// The channels `env` needed that could not be read: one per channel, at the first place that
/// names it.
pub(crate) fn unreachable(env: &EnvFile, index: &Index) -> Vec<Unreachable> {
    let targets = index.subdirs(env);
    let mut seen: BTreeMap<String, Unreachable> = BTreeMap::new();
    for wanted in wanted(env) {
        for (channel, range) in channels_of(index, env, wanted.dep) {
            if seen.contains_key(&channel.url) {
                continue;
            }
            for subdir in subdirs_of(&channel, &targets) {
                let failure = match index.subdir(&channel, &subdir).as_ref() {
                    Err(f) => Some(f.reason.clone()),
                    Ok(_) => index.records(&channel, &subdir, &wanted.name).err().map(|f| f.reason),
                };
                if let Some(reason) = failure {
                    seen.insert(channel.url.clone(), Unreachable { kind: "channel", index: channel.display.clone(), reason, file: None, range, skipped: "conda-package-not-found and conda-version-not-found" });
                    break;
                }
            }
        }
    }
    let mut out: Vec<Unreachable> = seen.into_values().collect();
    out.sort_by_key(|u| (u.range.start, u.index.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_resolve_against_the_shard_index() {
        let index = "https://h.example/conda-forge/linux-64/repodata_shards.msgpack.zst";
        assert_eq!(join_url(index, "./shards/"), "https://h.example/conda-forge/linux-64/shards/");
        assert_eq!(join_url(index, "shards"), "https://h.example/conda-forge/linux-64/shards");
        assert_eq!(join_url(index, "../../shards/"), "https://h.example/shards/");
        assert_eq!(join_url(index, "/s/"), "https://h.example/s/");
        assert_eq!(join_url(index, "https://cdn.example/x/"), "https://cdn.example/x/");
        assert_eq!(join_url(index, ""), "https://h.example/conda-forge/linux-64/");
    }

    #[test]
    fn repodata_records_skip_removed_and_unparsable_versions() {
        let json = br#"{"packages": {"a-1.0-0.tar.bz2": {"name": "a", "version": "1.0", "build": "0", "build_number": 0},
            "a-2.0-0.tar.bz2": {"name": "a", "version": "2.0", "build": "0"}},
            "packages.conda": {"b-1-h1.conda": {"name": "B", "version": "1", "build": "h1", "build_number": 3}},
            "removed": ["a-2.0-0.tar.bz2"]}"#;
        let records = parse_repodata(json).unwrap();
        assert_eq!(records["a"].len(), 1);
        assert_eq!(records["b"][0].build_number, 3);
        assert!(parse_repodata(b"{\"packages\": [").is_err());
    }
}
