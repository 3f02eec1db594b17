use super::*;

declare_rule! {
    CondaPipDuplicate { code: "CDA004", name: "conda-pip-duplicate", severity: Warning, default_on: true, fix: None }
    summary: "a package is requested from both conda and pip";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        let conda: Vec<(String, &crate::model::CondaDep)> =
            env.conda_deps().filter_map(|d| d.name.as_ref().map(|n| (pep503(&n.value), d))).collect();
        if conda.is_empty() {
            return;
        }
        for (item, file) in env.requested_pip_items() {
            let PipItemKind::Requirement(req) = &item.kind else { continue };
            let pypi = req.name.value.as_str();
            if crate::data::different_projects().contains(pypi) || pypi == "pip" {
                continue;
            }
            let installs = |c: &str| c == pypi || crate::data::conda_to_pypi().get(c).is_some_and(|names| names.contains(&pypi));
            let Some((conda_name, dep)) = conda.iter().find(|(c, _)| installs(c)) else { continue };
            if crate::data::different_projects().contains(conda_name.as_str()) {
                continue;
            }
            cx.report_in(file.map(|f| &f.source), req.name.range, format!("`{pypi}` is installed by pip and also by conda (`{}`)", dep.raw))
                .label_in(None, dep.range, "also requested from conda here")
                .help("install it from one of them: pip overwrites the conda copy or fails with \"Cannot uninstall\"; keep the conda spec when conda has the package");
        }
    }
}
