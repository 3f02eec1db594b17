use super::*;

declare_rule! {
    PythonUnpinned { code: "CDA005", name: "python-unpinned", severity: Warning, default_on: true, fix: None }
    summary: "pip packages are installed while `python` has no version or is missing";
    fn check(env, cx) {
        // Without pip packages the conda solve keeps the interpreter and its packages
        // consistent: an unpinned python is then a choice, not a risk.
        if !env.has_nonempty_pip_section() {
            return;
        }
        let pythons: Vec<_> = env.conda_deps_named("python").collect();
        // A python spec that does not parse is declared; invalid-spec reports it (no cascade).
        if pythons.iter().any(|d| d.error.is_some() || d.is_pinned()) {
            return;
        }
        // A build made for one python (`numpy=1.24.1=py310h…`, `pip=19.2=py36_0`) fixes it.
        if env.conda_deps().any(|d| d.build().is_some_and(|b| pins_python(b.value))) {
            return;
        }
        for dep in &pythons {
            cx.report(dep.range, "python is not pinned; the solver picks the newest python, which pip wheels may not support yet")
                .help("pin the minor version, for example `python=3.11`");
        }
        if pythons.is_empty() {
            let Some(section) = env.pip_sections().find(|s| !s.items.is_empty()) else { return };
            cx.report(section.key, "pip packages are installed but `python` is not a dependency; the solver picks whatever python it likes")
                .help("add a pinned python, for example `- python=3.11`, before the pip section");
        }
    }
}

/// Whether a build string is made for one python version: a `py` tag with a major and minor
/// version (`py310h1234567_0`, `py36_0`, `np121py39h…`, `py3.9_cuda11.3…`) at the start or after
/// a number. Noarch builds (`py_0`, `pyhd8ed1ab_0`) and `pypy` builds are not.
pub(crate) fn pins_python(build: &str) -> bool {
    let bytes = build.as_bytes();
    build.match_indices("py").any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let rest = &bytes[at + 2..];
        let starts = before.is_none_or(|b| b.is_ascii_digit() || b == b'*' || b == b'_');
        let tagged = match rest {
            [a, b'.', b, ..] => a.is_ascii_digit() && b.is_ascii_digit(),
            [a, b, ..] => a.is_ascii_digit() && b.is_ascii_digit(),
            _ => false,
        };
        starts && tagged
    })
}

#[cfg(test)]
mod tests {
    use super::pins_python;

    #[test]
    fn python_tags_in_builds() {
        for pinned in ["py310h1234567_0", "py36_0", "np121py39h20f2e39_0", "py3.9_cuda11.3_cudnn8.2.0_0", "*py311*", "cuda112_py39h1_0"] {
            assert!(pins_python(pinned), "{pinned}");
        }
        for portable in ["py_0", "pyhd8ed1ab_0", "pyh1a96a4e_0", "h7f8727e_0", "pypy39_pp73", "openblas", "py3_0"] {
            assert!(!pins_python(portable), "{portable}");
        }
    }

    fn findings(deps: &str) -> Vec<String> {
        let text = format!("channels: [conda-forge]\ndependencies:\n{deps}  - pip=24.0\n  - pip:\n    - requests==2.31.0\n");
        let source = crate::SourceFile::from_text("environment.yml", text.as_str());
        crate::lint(&source, &crate::Settings::default(), &crate::DiskFileSystem).into_iter().map(|d| format!("{} {}", d.code, d.message)).collect()
    }

    #[test]
    fn a_python_spec_that_fails_to_parse_is_declared() {
        let found = findings("  - python>=3.11,=<3.13\n");
        assert!(found.iter().any(|f| f.starts_with("CDA001")), "{found:?}");
        assert!(!found.iter().any(|f| f.starts_with("CDA005")), "{found:?}");
        // conda reads `=>3.11` as `>=3.11`: a pin (misleading-spec reports the operator).
        let found = findings("  - python=>3.11\n");
        assert!(found.iter().any(|f| f.starts_with("CDA011")) && !found.iter().any(|f| f.starts_with("CDA005")), "{found:?}");
    }

    #[test]
    fn builds_for_one_python_pin_it() {
        assert!(!findings("  - numpy=1.24.1=py310h8deb116_0\n").iter().any(|f| f.starts_with("CDA005")));
        assert!(findings("  - numpy=1.26\n").iter().any(|f| f.starts_with("CDA005")));
    }
}
