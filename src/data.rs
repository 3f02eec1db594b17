//! Data tables shipped in `data/`, parsed once per process.

use std::collections::{HashMap, HashSet};
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

/// The pip releases of the 20.3 series (whose new resolver can loop on conda-forge).
pub fn pip_20_3_releases() -> &'static [Version] {
    static CELL: OnceLock<Vec<Version>> = OnceLock::new();
    CELL.get_or_init(|| ["20.3", "20.3.1", "20.3.2", "20.3.3", "20.3.4"].iter().map(|v| v.parse().expect("valid")).collect())
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
}

const CHANNELS: &str = include_str!("../data/channels.txt");
const CONDA_PYPI_NAMES: &str = include_str!("../data/conda-pypi-names.tsv");
const DIFFERENT_PROJECTS: &str = include_str!("../data/different-projects.txt");
const SUPERSEDED: &str = include_str!("../data/superseded-packages.tsv");
const TOP_PYPI: &str = include_str!("../data/top-pypi.txt");
const POPULAR_PYPI: &str = include_str!("../data/top-pypi-popular.txt");

fn first_column(table: &str) -> impl Iterator<Item = &str> {
    lines(table).map(|l| l.split('\t').next().unwrap_or(l).trim())
}

/// Real channel names (misspelled-channel never fires on them).
pub fn channels() -> &'static HashSet<&'static str> {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| first_column(CHANNELS).collect())
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

/// conda name → the PyPI names its package installs, for the names that differ (all PEP 503).
pub fn conda_to_pypi() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static CELL: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
        for (conda, pypi) in lines(CONDA_PYPI_NAMES).filter_map(|l| l.split_once('\t')) {
            map.entry(conda.trim()).or_default().push(pypi.trim());
        }
        map
    })
}

/// Names that mean different projects on conda and on PyPI.
pub fn different_projects() -> &'static HashSet<&'static str> {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| first_column(DIFFERENT_PROJECTS).collect())
}

/// A superseded conda package: its replacement (if any), the reason and the source.
#[derive(Debug, Clone, Copy)]
pub struct Superseded {
    pub replacement: Option<&'static str>,
    pub reason: &'static str,
    pub source: &'static str,
}

pub fn superseded() -> &'static HashMap<&'static str, Superseded> {
    static CELL: OnceLock<HashMap<&'static str, Superseded>> = OnceLock::new();
    CELL.get_or_init(|| {
        lines(SUPERSEDED)
            .filter_map(|l| {
                let mut cols = l.split('\t').map(str::trim);
                let name = cols.next()?;
                let replacement = cols.next().filter(|r| *r != "-" && !r.is_empty());
                let reason = cols.next().unwrap_or("");
                let source = cols.next().unwrap_or("");
                Some((name, Superseded { replacement, reason, source }))
            })
            .collect()
    })
}

/// Whether a PEP 503 name is one of the most-downloaded PyPI projects (known, real projects).
/// The table is sorted, so a binary search needs no hash set built at start-up.
pub fn is_known_pypi(name: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| first_column(TOP_PYPI).collect()).binary_search(&name).is_ok()
}

/// The very popular PyPI projects that a typosquat imitates.
pub fn popular_pypi() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| first_column(POPULAR_PYPI).collect())
}

/// Every shipped table, for the data tests: (file name, contents).
pub const TABLES: &[(&str, &str)] = &[
    ("conda-releases.txt", CONDA_RELEASES),
    ("channels.txt", CHANNELS),
    ("conda-pypi-names.tsv", CONDA_PYPI_NAMES),
    ("different-projects.txt", DIFFERENT_PROJECTS),
    ("superseded-packages.tsv", SUPERSEDED),
    ("top-pypi.txt", TOP_PYPI),
    ("top-pypi-popular.txt", POPULAR_PYPI),
];
