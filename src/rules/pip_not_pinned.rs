use super::releases::{is_conda_forge, newest_pip, python_pins};
use super::*;
use crate::diagnostic::{Edit, Fix};
use crate::model::CondaDep;

declare_rule! {
    PipNotPinned { code: "PIP002", name: "pip-not-pinned", severity: Warning, default_on: true, fix: Sometimes }
    summary: "`pip` is declared without a version while the file has pip packages";
    fn check(env, cx) {
        if !env.has_nonempty_pip_section() {
            return;
        }
        let pips: Vec<_> = env.conda_deps_named("pip").filter(|d| d.error.is_none()).collect();
        if pips.iter().any(|d| d.is_pinned()) {
            return;
        }
        let Some(newest) = newest_pip(env, None) else { return };
        let python = python_pins(env).into_iter().next();
        let top = env.top_priority_channel().filter(|c| is_conda_forge(&c.value));
        for dep in pips {
            let (diagnostic, pin) = match (newest.is_20_3(), python, top) {
                // Python 2.7 or 3.5 with conda-forge first: the newest pip for them is 20.3.4.
                (true, Some(python), Some(top)) => {
                    let diagnostic = cx
                        .report(dep.range, format!(
                            "pip is not pinned, and with `{}` the newest pip conda can install is {}, whose resolver can loop",
                            python.raw, newest.written
                        ))
                        .label(python.range, "pip 21 and later need python 3.6 or newer")
                        .label(top.range, "conda-forge has top priority")
                        .help("pin the last pip with the old resolver: `pip=20.2.4`");
                    (diagnostic, "20.2.4")
                }
                _ => {
                    let which = python.map_or_else(|| "the newest pip release".to_owned(), |p| format!("the newest pip that `{}` allows", p.raw));
                    let diagnostic = cx
                        .report(dep.range, "pip is not pinned; each build installs the newest pip, which may resolve the pip section differently or fail")
                        .help(format!("pin the pip that was tested, for example `pip={}` ({which})", newest.written));
                    (diagnostic, newest.written)
                }
            };
            if let Some(fix) = pin_fix(dep, pin) {
                diagnostic.fix(fix);
            }
        }
    }
}

/// The fix that writes `=version` after the package name, for the shapes `pip`, `pip=*` and
/// `channel::pip` when the spec's parts have exact spans.
fn pin_fix(dep: &CondaDep, version: &str) -> Option<Fix> {
    let name = dep.name()?;
    let exact = name.range != dep.range || dep.range.end - dep.range.start == dep.raw.len();
    if !exact || name.range.end - name.range.start != name.value.len() || dep.build().is_some() {
        return None;
    }
    let end = match dep.version() {
        None => name.range.end,
        Some(v) if v.value == "*" && v.range != dep.range => v.range.end,
        Some(_) => return None,
    };
    Some(Fix::unsafe_edit(format!("pin pip to {version}"), [Edit::replace(TextRange::new(name.range.end, end), format!("={version}"))]))
}
