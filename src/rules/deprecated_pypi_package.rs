use super::*;

use std::str::FromStr;

use pep440_rs::{Version, VersionSpecifiers};

declare_rule! {
    DeprecatedPypiPackage { code: "PIP013", name: "deprecated-pypi-package", severity: Error, default_on: true, fix: None }
    summary: "a pip requirement for a PyPI project that cannot install a working package any more";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        for (item, file) in env.requested_pip_items() {
            let PipItemKind::Requirement(req) = &item.kind else { continue };
            if req.url {
                continue; // installed from its URL, not from PyPI
            }
            let Some(dead) = crate::data::dead_pypi().iter().find(|d| d.name == req.name.value) else { continue };
            let Some(fate) = fate(req.specifier.as_ref().map(|s| s.value.as_str()), dead.dead.as_ref()) else { continue };
            let written = item.raw.trim();
            match fate {
                Fate::Dead => {
                    cx.report_in(file.map(|f| &f.source), req.name.range, format!("`{written}` cannot install a working package: {}", dead.reason))
                        .help(format!("use `{}` instead (source: {})", dead.replacement, dead.source));
                }
                Fate::OldRelease => {
                    cx.report_in(file.map(|f| &f.source), req.name.range, format!("`{written}` still installs an old release, but the project is dead: {}", dead.reason))
                        .severity(crate::diagnostic::Severity::Info)
                        .help(format!("move to `{}` (source: {})", dead.replacement, dead.source));
                }
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Fate {
    /// The requirement admits a release that cannot install (pip takes the newest it admits).
    Dead,
    /// It admits only releases that still install.
    OldRelease,
}

/// What pip can install for a requirement with `specifier` (`None`: unpinned) when the releases
/// `dead` cannot install (`None`: every release). pip's finder keeps the candidates the
/// specifier admits (pypa/pip `src/pip/_internal/index/package_finder.py`,
/// `CandidateEvaluator` / `filter_unallowed_hashes`, `specifier.filter`), so the requirement is
/// dead when it admits some dead release. Checked on probe versions: the bounds of the dead
/// range, the versions the specifier names and a far-future release. `None` when the specifier
/// does not parse (PIP004 reports it).
fn fate(specifier: Option<&str>, dead: Option<&VersionSpecifiers>) -> Option<Fate> {
    let Some(dead) = dead else { return Some(Fate::Dead) };
    let Some(specifier) = specifier.map(str::trim).filter(|s| !s.is_empty()) else { return Some(Fate::Dead) };
    let admitted = VersionSpecifiers::from_str(specifier).ok()?;
    let mut probes: Vec<Version> = dead.iter().chain(admitted.iter()).map(|s| s.version().clone()).collect();
    probes.push(Version::from_str("99999").expect("valid version"));
    let dead_admitted = probes.iter().any(|v| dead.contains(v) && admitted.contains(v));
    Some(if dead_admitted { Fate::Dead } else { Fate::OldRelease })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sklearn_only_the_original_release_installs() {
        let dead = VersionSpecifiers::from_str("!=0.0").unwrap();
        assert_eq!(fate(None, Some(&dead)), Some(Fate::Dead), "pip takes the newest 0.0.postN");
        assert_eq!(fate(Some("==0.0.post5"), Some(&dead)), Some(Fate::Dead));
        assert_eq!(fate(Some(">=0.0"), Some(&dead)), Some(Fate::Dead));
        assert_eq!(fate(Some("==0.0"), Some(&dead)), Some(Fate::OldRelease));
    }

    #[test]
    fn dead_ranges() {
        let dead = VersionSpecifiers::from_str(">=2.12").unwrap();
        for (spec, expected) in [
            (None, Fate::Dead),
            (Some(">=2.0"), Fate::Dead),
            (Some("==2.12.0"), Fate::Dead),
            (Some("~=2.11"), Fate::Dead),
            (Some("==2.*"), Fate::Dead),
            (Some("<=2.12"), Fate::Dead),
            (Some("!=2.12.0"), Fate::Dead),
            (Some("==2.10.0"), Fate::OldRelease),
            (Some("<2.12"), Fate::OldRelease),
            (Some(">=2.4,<2.11"), Fate::OldRelease),
            (Some("~=2.10.0"), Fate::OldRelease),
        ] {
            assert_eq!(fate(spec, Some(&dead)), Some(expected), "{spec:?}");
        }
        assert_eq!(fate(Some("==0.0"), None), Some(Fate::Dead), "sklearn: every release");
        assert_eq!(fate(Some("=>2"), Some(&dead)), None);
    }

    #[test]
    fn table_rows_parse() {
        let names: Vec<&str> = crate::data::dead_pypi().iter().map(|d| d.name).collect();
        assert_eq!(names, ["sklearn", "tensorflow-gpu"]);
    }
}
