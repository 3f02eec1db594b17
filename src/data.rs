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

    #[test]
    fn generated_tables_hold_the_data_lines_and_lookups_find_them() {
        let split = |l: &'static str| l.split_once('\t').unwrap_or((l, ""));
        let rows = |table: &'static Table| (0..table.rows.len()).map(|i| table.row(i)).collect::<Vec<_>>();
        for (generated, table) in [(&generated::TOP_PYPI_ROWS, TOP_PYPI), (&generated::CONDA_TO_PYPI_ROWS, CONDA_PYPI_NAMES)] {
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
const TOP_PYPI: &str = include_str!("../data/top-pypi.txt");
const POPULAR_PYPI: &str = include_str!("../data/top-pypi-popular.txt");

fn first_column(table: &str) -> impl Iterator<Item = &str> {
    lines(table).map(|l| l.split('\t').next().unwrap_or(l).trim())
}

/// Real channel names (misspelled-channel never fires on them).
pub fn channels() -> &'static crate::HashSet<&'static str> {
    static CELL: OnceLock<crate::HashSet<&'static str>> = OnceLock::new();
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

/// The PyPI names a conda package installs, for the names that differ (all PEP 503).
pub fn conda_to_pypi(conda: &str) -> impl Iterator<Item = &'static str> + '_ {
    sorted_lookup(&generated::CONDA_TO_PYPI_ROWS, conda)
}

/// The conda packages that install a PyPI project under another name (the reverse of
/// [`conda_to_pypi`]).
pub fn pypi_to_conda(pypi: &str) -> impl Iterator<Item = &'static str> + '_ {
    sorted_lookup(&generated::PYPI_TO_CONDA_ROWS, pypi)
}

/// Names that mean different projects on conda and on PyPI.
pub fn different_projects() -> &'static crate::HashSet<&'static str> {
    static CELL: OnceLock<crate::HashSet<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| first_column(DIFFERENT_PROJECTS).collect())
}

/// A superseded conda package: its replacement (if any), the reason and the source.
#[derive(Debug, Clone, Copy)]
pub struct Superseded {
    pub replacement: Option<&'static str>,
    pub reason: &'static str,
    pub source: &'static str,
}

pub fn superseded() -> &'static crate::HashMap<&'static str, Superseded> {
    static CELL: OnceLock<crate::HashMap<&'static str, Superseded>> = OnceLock::new();
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

/// Packages whose releases have three version components: name → the releases with fewer.
pub fn three_component_releases() -> &'static crate::HashMap<&'static str, Vec<&'static str>> {
    static CELL: OnceLock<crate::HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    CELL.get_or_init(|| {
        lines(THREE_COMPONENT)
            .filter_map(|l| l.split_once('\t'))
            .map(|(name, short)| (name.trim(), short.split_whitespace().filter(|v| *v != "-").collect()))
            .collect()
    })
}

/// Every shipped table, for the data tests: (file name, contents).
pub const TABLES: &[(&str, &str)] = &[
    ("three-component-releases.tsv", THREE_COMPONENT),
    ("conda-releases.txt", CONDA_RELEASES),
    ("channels.txt", CHANNELS),
    ("conda-pypi-names.tsv", CONDA_PYPI_NAMES),
    ("different-projects.txt", DIFFERENT_PROJECTS),
    ("superseded-packages.tsv", SUPERSEDED),
    ("top-pypi.txt", TOP_PYPI),
    ("top-pypi-popular.txt", POPULAR_PYPI),
];
