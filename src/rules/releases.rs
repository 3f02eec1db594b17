//! What conda would install for python and pip, read from the shipped release tables
//! (`data/python-releases.tsv`, `data/pip-releases.tsv`). Not a rule: the helpers that
//! pip-not-pinned, pip-resolver-loop and python-end-of-life share.

use crate::data::{self, PipRelease, PythonMinor};
use crate::model::{CondaDep, EnvFile};

/// The `python` dependencies that constrain its version (parsed, with a version).
pub(crate) fn python_pins(env: &EnvFile) -> Vec<&CondaDep> {
    env.conda_deps_named("python").filter(|d| d.error.is_none() && d.is_pinned()).collect()
}

/// The python releases that every python pin admits: all releases when python is not pinned.
pub(crate) fn admitted_pythons(env: &EnvFile) -> Vec<(&'static PythonMinor, &'static pep440_rs::Version)> {
    let pins: Vec<_> = python_pins(env).iter().filter_map(|pin| pin.version_spec()).collect();
    data::python_releases()
        .iter()
        .flat_map(|minor| minor.releases.iter().map(move |(conda, pep440)| (minor, conda, pep440)))
        .filter(|(_, conda, _)| pins.iter().all(|pin| pin.matches(conda)))
        .map(|(minor, _, pep440)| (minor, pep440))
        .collect()
}

/// The pip conda would install: the newest release that `pip` admits (any release when `None`)
/// and that installs on some python the file's python pin allows. A python pin that admits no
/// known release (a future python) does not narrow it.
pub(crate) fn newest_pip(env: &EnvFile, pip: Option<&CondaDep>) -> Option<&'static PipRelease> {
    let pythons = admitted_pythons(env);
    let pip = pip.and_then(CondaDep::version_spec);
    data::pip_releases()
        .iter()
        .rev()
        .filter(|r| pip.as_ref().is_none_or(|spec| spec.matches(&r.version)))
        .find(|r| pythons.is_empty() || pythons.iter().any(|(_, py)| r.supports(py)))
}

/// Whether a channel is conda-forge, by name or URL.
pub(crate) fn is_conda_forge(channel: &str) -> bool {
    let c = channel.trim_end_matches('/');
    c == "conda-forge" || c.ends_with("/conda-forge")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(deps: &[&str]) -> EnvFile {
        let text = format!("dependencies:\n{}", deps.iter().map(|d| format!("  - {d}\n")).collect::<String>());
        crate::model::lower(&crate::SourceFile::from_bytes("environment.yml", text.as_bytes()))
    }

    fn newest(deps: &[&str]) -> Option<&'static str> {
        let env = env(deps);
        let pip = env.conda_deps_named("pip").next();
        newest_pip(&env, pip).map(|r| r.written)
    }

    #[test]
    fn pip_conda_would_install() {
        let latest = data::pip_releases().last().unwrap().written;
        assert_eq!(newest(&["python=3.11", "pip"]), Some(latest));
        assert_eq!(newest(&["pip"]), Some(latest));
        assert_eq!(newest(&["python=3.5", "pip"]), Some("20.3.4"));
        assert_eq!(newest(&["python>=2.7,<3", "pip"]), Some("20.3.4"));
        assert_eq!(newest(&["python=3.4", "pip"]), Some("19.1.1"));
        assert_eq!(newest(&["python=3.6", "pip"]), Some("21.3.1"));
        assert_eq!(newest(&["python=3.7", "pip"]), Some("24.0"));
        assert_eq!(newest(&["python=3.8", "pip"]), Some("25.0.1"));
        assert_eq!(newest(&["python=3.11", "pip<21"]), Some("20.3.4"));
        assert_eq!(newest(&["python=3.11", "pip=20.3"]), Some("20.3.4"));
        assert_eq!(newest(&["python=3.11", "pip<=20.3.4"]), Some("20.3.4"));
        assert_eq!(newest(&["python=3.11", "pip<22.0"]), Some("21.3.1"));
        assert_eq!(newest(&["python=3.11", "pip<=23.1.2"]), Some("23.1.2"));
        assert_eq!(newest(&["python=3.11", "pip>=20.0.2"]), Some(latest));
        assert_eq!(newest(&["python=3.11", "pip!=20.3"]), Some(latest));
        assert_eq!(newest(&["python=3.5", "pip>=21"]), None, "no pip for that python");
        assert_eq!(newest(&["python=3.99", "pip"]), Some(latest), "an unknown python does not narrow");
    }

    #[test]
    fn admitted_pythons_follow_every_pin() {
        let minors = |deps: &[&str]| {
            let mut m: Vec<&str> = admitted_pythons(&env(deps)).iter().map(|(m, _)| m.minor).collect();
            m.dedup();
            m
        };
        assert_eq!(minors(&["python=3.8"]), ["3.8"]);
        assert_eq!(minors(&["python>=3.6,<3.8"]), ["3.6", "3.7"]);
        assert_eq!(minors(&["python=3.8.10"]), ["3.8"]);
        assert_eq!(admitted_pythons(&env(&["python=3.8.10"])).len(), 1);
        assert!(minors(&["python"]).len() > 10, "unpinned: every release");
        assert!(minors(&["python=3.15"]).is_empty(), "no final release yet");
    }
}
