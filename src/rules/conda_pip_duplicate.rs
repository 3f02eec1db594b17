use super::*;

declare_rule! {
    CondaPipDuplicate { code: "CDA004", name: "conda-pip-duplicate", severity: Warning, default_on: true, fix: None }
    summary: "a package is requested from both conda and pip";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        if !env.requested_pip_items().any(|(item, _)| matches!(item.kind, PipItemKind::Requirement(_))) {
            return;
        }
        // The first conda dependency of each PEP 503 name, with its place in the file.
        // Only the conda names a pip requirement can meet are kept: its own name and the conda
        // names it maps to (a file with many conda packages and few pip ones stays small).
        let mut wanted: std::collections::HashSet<&str, foldhash::fast::RandomState> = Default::default();
        for (item, _) in env.requested_pip_items() {
            if let PipItemKind::Requirement(req) = &item.kind {
                wanted.insert(req.name.value.as_str());
                for name in crate::data::pypi_to_conda(&req.name.value) {
                    wanted.insert(name);
                }
            }
        }
        let mut conda: crate::HashMap<String, (usize, &crate::model::CondaDep)> = crate::HashMap::default();
        for (i, dep) in env.conda_deps().enumerate() {
            if let Some(name) = dep.name() {
                let name = pep503(name.value);
                if wanted.contains(&*name) {
                    conda.entry(name.into_owned()).or_insert((i, dep));
                }
            }
        }
        for (item, file) in env.requested_pip_items() {
            let PipItemKind::Requirement(req) = &item.kind else { continue };
            let pypi = req.name.value.as_str();
            if crate::data::is_different_project(pypi) || pypi == "pip" {
                continue;
            }
            // The conda dependency that installs `pypi`: under that name, else the Python
            // binding among the conda names the shipped table maps to it (`py-opencv`, not the
            // C++ library `libopencv` or the `opencv` metapackage), else the first in the file.
            let mapped = crate::data::pypi_to_conda(pypi).filter_map(|name| conda.get_key_value(name));
            let rank = |name: &str| if name == pypi { 0 } else if name.starts_with("py-") || name.starts_with("python-") { 1 } else { 2 };
            let Some((conda_name, (_, dep))) =
                conda.get_key_value(pypi).into_iter().chain(mapped).min_by_key(|(name, (i, _))| (rank(name), *i))
            else {
                continue;
            };
            if crate::data::is_different_project(conda_name) {
                continue;
            }
            // Both names as the file writes them (`opencv_python`, `py-opencv`), never the
            // table's normalised keys.
            let pip_name = written(cx.source_of(file), req.name.range, pypi);
            let conda_written = dep.name().map_or(conda_name.as_str(), |n| {
                if n.range == dep.range { n.value } else { written(cx.source, n.range, n.value) }
            });
            let message = if pep503(conda_written) == pypi {
                format!("`{pip_name}` is installed by pip and also by conda (`{}`)", dep.raw)
            } else {
                format!("`{pip_name}` is installed by pip and also by conda as `{conda_written}` (`{}`)", dep.raw)
            };
            cx.report_in(file.map(|f| &f.source), req.name.range, message)
                .label_in(None, dep.range, "also requested from conda here")
                .help("install it from one of them: pip overwrites the conda copy or fails with \"Cannot uninstall\"; keep the conda spec when conda has the package");
        }
    }
}

/// The text at `range`, or `fallback` when the range does not hold a name.
fn written<'a>(source: &'a SourceFile, range: TextRange, fallback: &'a str) -> &'a str {
    let text = source.text.get(range.start..range.end).unwrap_or("");
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
        text
    } else {
        fallback
    }
}

#[cfg(test)]
mod tests {
    fn messages(text: &str) -> Vec<String> {
        let source = crate::SourceFile::from_bytes("environment.yml", text.as_bytes());
        crate::lint(&source, &crate::Settings::default(), &crate::DiskFileSystem).into_iter().filter(|d| d.code == "CDA004").map(|d| d.message).collect()
    }

    #[test]
    fn names_the_python_binding_among_mapped_packages() {
        let text = "dependencies:\n  - libopencv=4.10\n  - opencv=4.10\n  - py-opencv=4.10\n  - pip\n  - pip:\n    - opencv-python==4.10.0.84\n";
        assert_eq!(messages(text), ["`opencv-python` is installed by pip and also by conda as `py-opencv` (`py-opencv=4.10`)"]);
        let text = "dependencies:\n  - libopencv=4.10\n  - pip\n  - pip:\n    - opencv-python==4.10.0.84\n";
        assert_eq!(messages(text), ["`opencv-python` is installed by pip and also by conda as `libopencv` (`libopencv=4.10`)"], "the only one");
        let text = "dependencies:\n  - py-opencv=4.10\n  - opencv-python=4.10\n  - pip\n  - pip:\n    - opencv-python==4.10.0.84\n";
        assert!(messages(text)[0].ends_with("also by conda (`opencv-python=4.10`)"), "the same name first");
    }
}
