use super::*;

declare_rule! {
    PipNotPinned { code: "PIP002", name: "pip-not-pinned", severity: Warning, default_on: true, fix: None }
    summary: "`pip` has no version, and the newest pip conda can pick is 20.3.x";
    fn check(env, cx) {
        let Some(top) = env.top_priority_channel() else { return };
        if !super::pip_resolver_loop::is_conda_forge(&top.value) || !env.has_nonempty_pip_section() {
            return;
        }
        let pips: Vec<_> = env.conda_deps_named("pip").filter(|d| d.error.is_none()).collect();
        if pips.iter().any(|d| d.is_pinned()) {
            return;
        }
        let Some(python) = python_held_below_3_6(env) else { return };
        for dep in pips {
            cx.report(dep.range, format!("pip is not pinned, and with `{}` the newest pip conda can install is 20.3.4, whose resolver can loop", python.raw))
                .label(python.range, "pip 21 and later need python 3.6 or newer")
                .label(top.range, "conda-forge has top priority")
                .help("pin the last pip with the old resolver: `pip=20.2.4`");
        }
    }
}

/// The python spec that keeps the environment on python 2.7 or 3.5, the last interpreters pip
/// 20.3.4 supports (pip 21.0 dropped them), so that an unpinned pip resolves to 20.3.4. Python
/// 3.4 and older get pip 19 or older; python 3.6 and newer get pip 21 or newer.
fn python_held_below_3_6(env: &EnvFile) -> Option<&crate::model::CondaDep> {
    use rattler_conda_types::Version;
    let pythons: Vec<_> = env.conda_deps_named("python").filter(|d| d.error.is_none() && d.is_pinned()).collect();
    let versions = |list: &[&str]| list.iter().map(|v| v.parse::<Version>().expect("valid version")).collect::<Vec<_>>();
    let newer = versions(&["3.6.0", "3.6.15", "3.7.17", "3.8.20", "3.9.21", "3.10.16", "3.11.11", "3.12.8", "3.13.1", "3.14.0", "4.0.0"]);
    let last_pip_20 = versions(&["2.7.0", "2.7.18", "3.5.0", "3.5.10"]);
    let held = |d: &&crate::model::CondaDep| !newer.iter().any(|v| d.admits(v)) && last_pip_20.iter().any(|v| d.admits(v));
    (!pythons.is_empty() && pythons.iter().all(held)).then(|| pythons[0])
}
