use super::*;

declare_rule! {
    PipNotPinned { code: "PIP002", name: "pip-not-pinned", severity: Warning, default_on: true, fix: None }
    summary: "`pip` is declared without a version while a pip section exists";
    fn check(env, cx) {
        if env.pip_sections().next().is_none() {
            return;
        }
        let pips: Vec<_> = env.conda_deps_named("pip").filter(|d| d.error.is_none()).collect();
        if pips.iter().any(|d| d.is_pinned()) {
            return;
        }
        for dep in pips {
            cx.report(dep.range, "pip is not pinned; conda-forge ships pip 20.3+ whose resolver can loop")
                .help("pin it, for example `pip=23.3`; a range such as `pip>=21,<24` also works");
        }
    }
}
