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
}
