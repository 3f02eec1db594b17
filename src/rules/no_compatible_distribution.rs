use super::*;
use crate::index::pypi::{self, Install, Verdict};

declare_rule! {
    NoCompatibleDistribution { code: "IDX005", name: "no-compatible-distribution", severity: Warning, default_on: true, fix: None, online: true }
    summary: "matching PyPI releases exist, but none has a wheel for the target platform and python";
    fn check(env, cx) {
        let Some(index) = cx.settings.index.clone() else { return };
        let path = std::path::PathBuf::from(&cx.source.path);
        let (checked, _) = pypi::check(&index, env, &path);
        for item in checked {
            let Verdict::Found { installs, .. } = &item.verdict else { continue };
            let req = item.requirement;
            let file = item.file.map(|f| &f.source);
            let range = req.specifier.as_ref().map_or(req.name.range, |s| TextRange::new(req.name.range.start, s.range.end));
            let nothing: Vec<_> = installs.iter().filter_map(|(t, i)| match i {
                Install::Nothing { why } => Some((t, why)),
                _ => None,
            }).collect();
            if let Some((_, why)) = nothing.first() {
                let targets = pypi::describe_targets(nothing.iter().map(|(t, _)| *t));
                let why = if why.is_empty() { "it has no wheel and no sdist".to_owned() } else { why.join("; ") };
                cx.report_in(file, range, format!("no distribution of `{}` installs on {targets}: {why}", req.name.value))
                    .help("pin a release that has a wheel for this platform and python, take the package from conda, or change the target (`--python`, `--platform`, `platforms:`)");
            }
            let sdist: Vec<_> = installs.iter().filter_map(|(t, i)| match i {
                Install::Sdist { version, older_wheel, compiled } => Some((t, version, older_wheel, *compiled)),
                _ => None,
            }).collect();
            if let Some((_, version, older_wheel, compiled)) = sdist.first() {
                let targets = pypi::describe_targets(sdist.iter().map(|(t, ..)| *t));
                let name = &req.name.value;
                // Platform wheels (for other platforms, pythons or releases) mean compiled code:
                // the build needs a compiler. A project without them is often pure Python: pip
                // builds it with its build backend, worth knowing (info), not a likely failure.
                let message = if *compiled {
                    format!("`{name}` {version} has no wheel for {targets}: pip builds it from the sdist, which needs a compiler and the build tools")
                } else {
                    format!("`{name}` {version} is published as an sdist only: pip builds it at install time, which needs its build tools (and a compiler if it has extension modules)")
                };
                let help = match older_wheel {
                    Some(older) => format!("{older} has a wheel there: pin `{name}=={older}`, or take the package from conda"),
                    None if *compiled => "take the package from conda, or add the compilers and build tools to the image".to_owned(),
                    None => "take the package from conda if it has extension modules; a pure-Python sdist builds anywhere".to_owned(),
                };
                let d = cx.report_in(file, range, message);
                d.help(help);
                if !*compiled {
                    d.severity = Severity::Info;
                }
            }
        }
    }
}
