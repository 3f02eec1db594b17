use super::releases::{is_conda_forge, newest_pip, python_pins};
use super::*;

declare_rule! {
    PipResolverLoop { code: "PIP003", name: "pip-resolver-loop", severity: Warning, default_on: true, fix: None }
    summary: "the pip conda would install is a 20.3 release, whose resolver can backtrack for hours, with conda-forge first";
    fn check(env, cx) {
        let Some(top) = env.top_priority_channel().filter(|c| is_conda_forge(&c.value)) else { return };
        if !env.has_nonempty_pip_section() {
            return;
        }
        // An unpinned pip is pip-not-pinned's finding (no double report).
        for dep in env.conda_deps_named("pip").filter(|d| d.error.is_none() && d.is_pinned()) {
            let Some(pip) = newest_pip(env, Some(dep)).filter(|r| r.is_20_3()) else { continue };
            let range = dep.version().map_or(dep.range, |v| v.range);
            // Whether the python pin, not the pip spec, rules out pip 21 and later.
            let python_limits = newest_pip(env, None).is_some_and(|r| r.is_20_3());
            let diagnostic = cx.report(range, format!("with `{}` conda installs pip {}, whose new resolver can backtrack for hours", dep.raw, pip.written));
            diagnostic.label(top.range, "conda-forge has top priority");
            if python_limits {
                if let Some(python) = python_pins(env).first() {
                    diagnostic.label(python.range, "pip 21 and later need python 3.6 or newer");
                }
                diagnostic.help("pin the last pip with the old resolver: `pip=20.2.4` (or `pip<20.3`)");
            } else {
                diagnostic.help("exclude the 20.3 series: `pip<20.3`, `pip=20.2.4` or `pip>=21` (`pip!=20.3` still admits 20.3.1 to 20.3.4)");
            }
        }
    }
}
