//! Data tables shipped in `data/`, parsed once per process.

use std::sync::OnceLock;

use rattler_conda_types::Version;

const CONDA_RELEASES: &str = include_str!("../data/conda-releases.txt");

/// Data lines of a table: no blank lines, no `#` header lines.
pub fn lines(table: &str) -> impl Iterator<Item = &str> {
    table.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Every conda release, ascending.
pub fn conda_releases() -> &'static [Version] {
    static CELL: OnceLock<Vec<Version>> = OnceLock::new();
    CELL.get_or_init(|| lines(CONDA_RELEASES).filter_map(|l| l.parse().ok()).collect())
}

/// The first conda release whose handling of pip dependencies works in image builds.
pub fn minimum_conda() -> &'static Version {
    static CELL: OnceLock<Version> = OnceLock::new();
    CELL.get_or_init(|| "4.5.4".parse().expect("valid version"))
}

const PIP_RELEASES: &str = include_str!("../data/pip-releases.tsv");
const PYTHON_RELEASES: &str = include_str!("../data/python-releases.tsv");

/// A pip release and the pythons it installs on.
#[derive(Debug)]
pub struct PipRelease {
    pub version: Version,
    pub written: &'static str,
    pub requires_python: pep440_rs::VersionSpecifiers,
}

impl PipRelease {
    /// Whether this pip installs on the python release `python` (`3.8.20`).
    pub fn supports(&self, python: &pep440_rs::Version) -> bool {
        self.requires_python.contains(python)
    }

    /// Whether this is a release of the 20.3 series, whose new resolver could backtrack for hours.
    pub fn is_20_3(&self) -> bool {
        self.written == "20.3" || self.written.starts_with("20.3.")
    }
}

/// Every pip release from 9.0 on, ascending.
pub fn pip_releases() -> &'static [PipRelease] {
    static CELL: OnceLock<Vec<PipRelease>> = OnceLock::new();
    CELL.get_or_init(|| {
        lines(PIP_RELEASES)
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let written = cols.next()?;
                let requires = cols.nth(1)?;
                Some(PipRelease { version: written.parse().ok()?, written, requires_python: requires.parse().ok()? })
            })
            .collect()
    })
}

/// A python minor version (`3.8`) with its dates and every final release of it.
#[derive(Debug)]
pub struct PythonMinor {
    pub minor: &'static str,
    /// End of life as `YYYY-MM-DD` (a month-only date of the table is read as its last day).
    pub end_of_life: String,
    /// `3.8.0` … `3.8.20`, as conda versions and as PEP 440 versions.
    pub releases: Vec<(Version, pep440_rs::Version)>,
}

impl PythonMinor {
    /// Whether security support ended before `today` (`YYYY-MM-DD`).
    pub fn is_end_of_life(&self, today: &str) -> bool {
        self.end_of_life.as_str() < today
    }
}

/// Every python minor version from 2.7 on, ascending.
pub fn python_releases() -> &'static [PythonMinor] {
    static CELL: OnceLock<Vec<PythonMinor>> = OnceLock::new();
    CELL.get_or_init(|| {
        lines(PYTHON_RELEASES)
            .filter_map(|l| {
                let cols: Vec<&'static str> = l.split('\t').collect();
                let &[minor, _first, eol, newest] = cols.as_slice() else { return None };
                let end_of_life = match eol.len() {
                    7 => format!("{eol}-{}", month_end(eol)?),
                    _ => eol.to_owned(),
                };
                let last: u32 = match newest.strip_prefix(minor).and_then(|p| p.strip_prefix('.')) {
                    Some(patch) => patch.parse().ok()?,
                    None if newest == "-" => return Some(PythonMinor { minor, end_of_life, releases: Vec::new() }),
                    None => return None,
                };
                let releases = (0..=last)
                    .filter_map(|patch| {
                        let v = format!("{minor}.{patch}");
                        Some((v.parse().ok()?, v.parse().ok()?))
                    })
                    .collect();
                Some(PythonMinor { minor, end_of_life, releases })
            })
            .collect()
    })
}

/// The last day of a `YYYY-MM` month, as two digits.
fn month_end(month: &str) -> Option<&'static str> {
    let (year, m) = month.split_once('-')?;
    let (year, m): (u32, u32) = (year.parse().ok()?, m.parse().ok()?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    Some(match m {
        2 if leap => "29",
        2 => "28",
        4 | 6 | 9 | 11 => "30",
        1..=12 => "31",
        _ => return None,
    })
}



#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conda_releases_parse_and_are_sorted() {
        let table: Vec<&str> = lines(CONDA_RELEASES).collect();
        assert!(CONDA_RELEASES.starts_with("# conda release versions; source: "), "header names the source");
        assert_eq!(conda_releases().len(), table.len(), "every line parses as a version");
        assert!(conda_releases().windows(2).all(|w| w[0] < w[1]), "sorted ascending, no duplicates");
        for known in ["4.5.4", "4.7.12", "23.1.0"] {
            assert!(conda_releases().contains(&known.parse().unwrap()), "{known}");
        }
        assert!(std::ptr::eq(conda_releases(), conda_releases()), "loaded once");
    }

    #[test]
    fn pip_and_python_tables_parse_and_are_sorted() {
        assert_eq!(pip_releases().len(), lines(PIP_RELEASES).count(), "every pip line parses");
        assert!(pip_releases().windows(2).all(|w| w[0].version < w[1].version));
        let py = |v: &str| v.parse::<pep440_rs::Version>().unwrap();
        let pip = |v: &str| pip_releases().iter().find(|r| r.written == v).unwrap();
        assert!(pip("20.3.4").supports(&py("2.7.18")) && pip("20.3.4").supports(&py("3.5.10")) && !pip("20.3.4").supports(&py("3.4.10")));
        assert!(!pip("21.0").supports(&py("3.5.10")) && pip("21.0").supports(&py("3.6.0")));
        assert!(pip("24.0").supports(&py("3.7.17")) && !pip("24.1").supports(&py("3.7.17")));
        assert!(pip("20.3").is_20_3() && pip("20.3.4").is_20_3() && !pip("20.2.4").is_20_3() && !pip("21.0").is_20_3());
        assert_eq!(python_releases().len(), lines(PYTHON_RELEASES).count(), "every python line parses");
        let minor = |m: &str| python_releases().iter().find(|p| p.minor == m).unwrap();
        assert_eq!(minor("3.8").releases.len(), 21, "3.8.0 to 3.8.20");
        assert_eq!(minor("3.8").end_of_life, "2024-10-07");
        assert_eq!(minor("3.10").end_of_life, "2026-10-31", "a month-only date is the month's last day");
        assert!(minor("3.9").is_end_of_life("2025-11-01") && !minor("3.9").is_end_of_life("2025-10-31"));
        assert!(minor("3.16").releases.is_empty());
        assert_eq!(month_end("2028-02"), Some("29"));
        assert_eq!(month_end("2100-02"), Some("28"));
    }

    #[test]
    fn generated_tables_hold_the_data_lines_and_lookups_find_them() {
        let split = |l: &'static str| l.split_once('\t').unwrap_or((l, ""));
        let rows = |table: &'static Table| (0..table.rows.len()).map(|i| table.row(i)).collect::<Vec<_>>();
        let tables = [
            (&generated::TOP_PYPI_ROWS, TOP_PYPI),
            (&generated::CONDA_TO_PYPI_ROWS, CONDA_PYPI_NAMES),
            (&generated::CHANNEL_ROWS, CHANNELS),
            (&generated::DIFFERENT_PROJECT_ROWS, DIFFERENT_PROJECTS),
            (&generated::SUPERSEDED_ROWS, SUPERSEDED),
            (&generated::THREE_COMPONENT_ROWS, THREE_COMPONENT),
        ];
        for (generated, table) in tables {
            assert_eq!(rows(generated), lines(table).map(split).collect::<Vec<_>>(), "the table's lines, already sorted");
        }
        let mut pairs: Vec<(&str, &str)> = lines(CONDA_PYPI_NAMES).map(split).map(|(conda, pypi)| (pypi, conda)).collect();
        pairs.sort();
        assert_eq!(rows(&generated::PYPI_TO_CONDA_ROWS), pairs, "the reverse table");
        for table in [&generated::TOP_PYPI_ROWS, &generated::CONDA_TO_PYPI_ROWS, &generated::PYPI_TO_CONDA_ROWS] {
            let rows = rows(table);
            let mut by_key: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
            for &(key, rest) in &rows {
                by_key.entry(key).or_default().push(rest);
            }
            let mut probes: Vec<String> = rows.iter().map(|(k, _)| (*k).to_owned()).collect();
            probes.extend(rows.iter().map(|(k, _)| format!("{k}-")));
            probes.extend(["", "0", "~", "zzzzzz", "a"].map(String::from));
            for probe in &probes {
                let expected = by_key.get(probe.as_str()).cloned().unwrap_or_default();
                assert_eq!(sorted_lookup(table, probe).collect::<Vec<_>>(), expected, "{probe}");
            }
        }
        assert!(is_known_pypi("requests") && is_known_pypi("1password") && !is_known_pypi("reqeusts"));
        assert_eq!(conda_to_pypi("pytorch").collect::<Vec<_>>(), ["torch"]);
        assert!(pypi_to_conda("torch").any(|c| c == "pytorch") && pypi_to_conda("numpy").next().is_none());
    }
}

const CHANNELS: &str = include_str!("../data/channels.txt");
const CONDA_PYPI_NAMES: &str = include_str!("../data/conda-pypi-names.tsv");
const DIFFERENT_PROJECTS: &str = include_str!("../data/different-projects.txt");
const SUPERSEDED: &str = include_str!("../data/superseded-packages.tsv");
const NOARCH: &str = include_str!("../data/noarch-packages.tsv");
const DEAD_PYPI: &str = include_str!("../data/deprecated-pypi-packages.tsv");
const TOP_PYPI: &str = include_str!("../data/top-pypi.txt");
const POPULAR_PYPI: &str = include_str!("../data/top-pypi-popular.txt");

fn first_column(table: &str) -> impl Iterator<Item = &str> {
    lines(table).map(|l| l.split('\t').next().unwrap_or(l).trim())
}

/// Whether a lower-case name is a real channel (misspelled-channel never fires on them).
pub fn is_channel(name: &str) -> bool {
    sorted_lookup(&generated::CHANNEL_ROWS, name).next().is_some()
}

/// The channels a misspelling is compared against (the `# well-known:` header line).
pub fn well_known_channels() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| {
        CHANNELS
            .lines()
            .find_map(|l| l.strip_prefix("# well-known:"))
            .map(|list| list.split(',').map(str::trim).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default()
    })
}

/// The PyPI names a conda package installs, for the names that differ (all PEP 503).
pub fn conda_to_pypi(conda: &str) -> impl Iterator<Item = &'static str> + '_ {
    sorted_lookup(&generated::CONDA_TO_PYPI_ROWS, conda)
}

/// The conda packages that install a PyPI project under another name (the reverse of
/// [`conda_to_pypi`]).
pub fn pypi_to_conda(pypi: &str) -> impl Iterator<Item = &'static str> + '_ {
    sorted_lookup(&generated::PYPI_TO_CONDA_ROWS, pypi)
}

/// Whether a name means different projects on conda and on PyPI.
pub fn is_different_project(name: &str) -> bool {
    sorted_lookup(&generated::DIFFERENT_PROJECT_ROWS, name).next().is_some()
}

/// A superseded conda package: its replacement (if any), the reason and the source.
#[derive(Debug, Clone, Copy)]
pub struct Superseded {
    pub replacement: Option<&'static str>,
    pub reason: &'static str,
    pub source: &'static str,
}

/// The conda package `name` when it is superseded.
pub fn superseded(name: &str) -> Option<Superseded> {
    let mut cols = sorted_lookup(&generated::SUPERSEDED_ROWS, name).next()?.split('\t').map(str::trim);
    let replacement = cols.next().filter(|r| *r != "-" && !r.is_empty());
    Some(Superseded { replacement, reason: cols.next().unwrap_or(""), source: cols.next().unwrap_or("") })
}

/// Conda packages that are noarch on their channels: (name or `prefix*`, the versions that are
/// noarch). A pinned build of theirs installs on every platform.
pub fn noarch_packages() -> &'static [(&'static str, rattler_conda_types::VersionSpec)] {
    static CELL: OnceLock<Vec<(&'static str, rattler_conda_types::VersionSpec)>> = OnceLock::new();
    CELL.get_or_init(|| {
        lines(NOARCH)
            .filter_map(|l| {
                let mut cols = l.split('\t').map(str::trim);
                let name = cols.next()?;
                let versions = cols.next()?.parse().ok()?;
                Some((name, versions))
            })
            .collect()
    })
}

/// A PyPI project that cannot install a working package any more, in the versions `dead`.
#[derive(Debug)]
pub struct DeadPypi {
    pub name: &'static str,
    /// A PEP 440 specifier: the releases that cannot install (`*` for every release).
    pub dead: Option<pep440_rs::VersionSpecifiers>,
    pub replacement: &'static str,
    pub reason: &'static str,
    pub source: &'static str,
}

pub fn dead_pypi() -> &'static [DeadPypi] {
    static CELL: OnceLock<Vec<DeadPypi>> = OnceLock::new();
    CELL.get_or_init(|| {
        lines(DEAD_PYPI)
            .filter_map(|l| {
                let mut cols = l.split('\t').map(str::trim);
                let name = cols.next()?;
                let dead = cols.next()?;
                let dead = if dead == "*" { None } else { Some(dead.parse().ok()?) };
                Some(DeadPypi { name, dead, replacement: cols.next()?, reason: cols.next()?, source: cols.next()? })
            })
            .collect()
    })
}

/// Whether a PEP 503 name is one of the most-downloaded PyPI projects (known, real projects).
pub fn is_known_pypi(name: &str) -> bool {
    sorted_lookup(&generated::TOP_PYPI_ROWS, name).next().is_some()
}

/// A sorted lookup table compiled by `build.rs`: each row is a key and the rest of its data
/// line, stored as offsets into one string (nothing for the loader to relocate at start-up).
pub(crate) struct Table {
    text: &'static str,
    rows: &'static [(u32, u32, u32)],
}

impl Table {
    fn row(&self, i: usize) -> (&'static str, &'static str) {
        let (start, middle, end) = self.rows[i];
        (&self.text[start as usize..middle as usize], &self.text[middle as usize..end as usize])
    }
}

/// The lookup tables, sorted by key.
mod generated {
    include!(concat!(env!("OUT_DIR"), "/tables.rs"));
}

/// The rest of every row whose key is `key`, by binary search.
fn sorted_lookup<'k>(table: &'static Table, key: &'k str) -> impl Iterator<Item = &'static str> + 'k {
    let start = table.rows.partition_point(|&(s, m, _)| &table.text[s as usize..m as usize] < key);
    (start..table.rows.len()).map(|i| table.row(i)).take_while(move |(k, _)| *k == key).map(|(_, rest)| rest)
}

/// The very popular PyPI projects that a typosquat imitates, shortest first (a name one typo
/// away has a length within one of its target's).
pub fn popular_pypi() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut names: Vec<&str> = first_column(POPULAR_PYPI).collect();
        names.sort_by_key(|n| n.len());
        names
    })
}

const THREE_COMPONENT: &str = include_str!("../data/three-component-releases.tsv");

/// For a package whose releases have three version components, its releases with fewer.
pub fn three_component_releases(name: &str) -> Option<impl Iterator<Item = &'static str>> {
    let short = sorted_lookup(&generated::THREE_COMPONENT_ROWS, name).next()?;
    Some(short.split_whitespace().filter(|v| *v != "-"))
}

const AML_DEPRECATED_IMAGES: &str = include_str!("../data/aml-deprecated-images.tsv");

/// An Azure ML base image that Azure ML lists as deprecated, and where it says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeprecatedImage {
    /// The repository as the article writes it (`azureml/openmpi3.1.2-ubuntu18.04`).
    pub name: &'static str,
    pub source: &'static str,
}

/// The deprecated Azure ML image whose repository path is `path` (`azureml/base`), if any.
/// The registry is the caller's business ([`crate::aml::image::deprecated`] matches it).
pub fn aml_deprecated_image(path: &str) -> Option<DeprecatedImage> {
    lines(AML_DEPRECATED_IMAGES).find_map(|l| {
        let (name, source) = l.split_once('\t').unwrap_or((l, ""));
        (name == path).then(|| DeprecatedImage { name, source: source.trim() })
    })
}

const AML_SCHEMAS: &str = include_str!("../data/aml-schemas.tsv");

/// The kind of Azure ML definition a schema name marks (`commandjob` → `job`), by the table.
pub fn aml_schema_kind(name: &str) -> Option<&'static str> {
    lines(AML_SCHEMAS).find_map(|l| {
        let (schema, kind) = l.split_once('\t')?;
        (schema == name).then_some(kind.trim())
    })
}

/// Every shipped table, for the data tests: (file name, contents).
pub const TABLES: &[(&str, &str)] = &[
    ("aml-deprecated-images.tsv", AML_DEPRECATED_IMAGES),
    ("aml-schemas.tsv", AML_SCHEMAS),
    ("three-component-releases.tsv", THREE_COMPONENT),
    ("conda-releases.txt", CONDA_RELEASES),
    ("pip-releases.tsv", PIP_RELEASES),
    ("python-releases.tsv", PYTHON_RELEASES),
    ("channels.txt", CHANNELS),
    ("conda-pypi-names.tsv", CONDA_PYPI_NAMES),
    ("different-projects.txt", DIFFERENT_PROJECTS),
    ("superseded-packages.tsv", SUPERSEDED),
    ("noarch-packages.tsv", NOARCH),
    ("deprecated-pypi-packages.tsv", DEAD_PYPI),
    ("top-pypi.txt", TOP_PYPI),
    ("top-pypi-popular.txt", POPULAR_PYPI),
];
