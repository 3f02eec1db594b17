use super::*;
use crate::index::pypi::{self, Verdict};

declare_rule! {
    PypiVersionNotFound { code: "IDX004", name: "pypi-version-not-found", severity: Error, default_on: true, fix: None, online: true }
    summary: "the PyPI project exists but no release that is not yanked matches the specifier";
    fn check(env, cx) {
        let Some(index) = cx.settings.index.clone() else { return };
        let path = std::path::PathBuf::from(&cx.source.path);
        let sources = pypi::sources(&index, env, &path);
        let (checked, _) = pypi::check(&index, env, &path);
        for item in checked {
            let req = item.requirement;
            let file = item.file.map(|f| &f.source);
            let range = req.specifier.as_ref().map_or(req.name.range, |s| s.range);
            match &item.verdict {
                Verdict::NoRelease { newest, yanked, .. } => {
                    let on = pypi::describe_sources(&sources);
                    let message = match &req.specifier {
                        Some(spec) if !yanked.is_empty() => format!(
                            "only yanked releases of `{}` match `{}` ({}) on {on}; pip installs a yanked release only when the pin names it exactly",
                            req.name.value, spec.value.trim(), pypi::versions(yanked)
                        ),
                        Some(spec) => format!("no release of `{}` matches `{}` on {on}", req.name.value, spec.value.trim()),
                        None if !yanked.is_empty() => format!("every release of `{}` on {on} is yanked", req.name.value),
                        None => format!("`{}` has no releases on {on}", req.name.value),
                    };
                    let help = if newest.is_empty() {
                        "the project has no installable files; pick another project or index".to_owned()
                    } else {
                        format!("the newest releases are {}", pypi::versions(newest))
                    };
                    cx.report_in(file, range, message).help(help);
                }
                Verdict::Found { yanked_pin: Some((version, reason)), .. } => {
                    let why = if reason.trim().is_empty() { String::new() } else { format!(" (reason given: {})", reason.trim()) };
                    let d = cx.report_in(file, range, format!("`{}` {version} was yanked{why}; pip installs it because the pin names it exactly (PEP 592)", req.name.value));
                    d.severity = Severity::Info;
                    d.help("pin a release that is not yanked, unless this one was chosen knowingly");
                }
                _ => {}
            }
        }
    }
}
