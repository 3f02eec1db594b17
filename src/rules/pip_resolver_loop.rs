use super::*;
use crate::data;

declare_rule! {
    PipResolverLoop { code: "PIP003", name: "pip-resolver-loop", severity: Warning, default_on: true, fix: None }
    summary: "pip 20.3 is admitted while conda-forge is the top-priority channel";
    fn check(env, cx) {
        let Some(top) = env.top_priority_channel() else { return };
        if !is_conda_forge(&top.value) || !env.has_nonempty_pip_section() {
            return;
        }
        for dep in env.conda_deps_named("pip").filter(|d| d.is_pinned()) {
            let Some(bad) = data::pip_20_3_releases().iter().find(|v| dep.admits(v)) else { continue };
            let range = dep.version.as_ref().map_or(dep.range, |v| v.range);
            cx.report(range, format!("`{}` admits pip {bad}, whose new resolver can loop for hours on conda-forge environments", dep.raw))
                .label(top.range, "conda-forge has top priority")
                .help("exclude the 20.3 series: `pip<20.3`, `pip=20.2.4` or `pip>=21` (`pip!=20.3` still admits 20.3.1 to 20.3.4)");
        }
    }
}

pub(super) fn is_conda_forge(channel: &str) -> bool {
    let c = channel.trim_end_matches('/');
    c == "conda-forge" || c.ends_with("/conda-forge")
}
