use super::*;

declare_rule! {
    CondaPipDuplicate { code: "CDA004", name: "conda-pip-duplicate", severity: Warning, default_on: true, fix: None }
    summary: "a package is requested from both conda and pip";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        if !env.requested_pip_items().any(|(item, _)| matches!(item.kind, PipItemKind::Requirement(_))) {
            return;
        }
        // Every PyPI name a conda dependency installs (its own name, and the names the shipped
        // table maps it to) → the first such dependency: one lookup per pip requirement.
        let mut installs: std::collections::HashMap<String, (String, &crate::model::CondaDep)> = std::collections::HashMap::new();
        for dep in env.conda_deps() {
            let Some(name) = dep.name.as_ref().map(|n| pep503(&n.value)) else { continue };
            let mapped = crate::data::conda_to_pypi(&name).map(str::to_owned);
            for pypi in std::iter::once(name.clone()).chain(mapped) {
                installs.entry(pypi).or_insert_with(|| (name.clone(), dep));
            }
        }
        for (item, file) in env.requested_pip_items() {
            let PipItemKind::Requirement(req) = &item.kind else { continue };
            let pypi = req.name.value.as_str();
            if crate::data::different_projects().contains(pypi) || pypi == "pip" {
                continue;
            }
            let Some((conda_name, dep)) = installs.get(pypi) else { continue };
            if crate::data::different_projects().contains(conda_name.as_str()) {
                continue;
            }
            cx.report_in(file.map(|f| &f.source), req.name.range, format!("`{pypi}` is installed by pip and also by conda (`{}`)", dep.raw))
                .label_in(None, dep.range, "also requested from conda here")
                .help("install it from one of them: pip overwrites the conda copy or fails with \"Cannot uninstall\"; keep the conda spec when conda has the package");
        }
    }
}
