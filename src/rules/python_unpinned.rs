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
        let pythons: Vec<_> = env.conda_deps_named("python").filter(|d| d.error.is_none()).collect();
        if pythons.iter().any(|d| d.is_pinned()) {
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
