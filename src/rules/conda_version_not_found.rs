use super::*;
use crate::index::conda::{look_up_all, Lookup};

declare_rule! {
    CondaVersionNotFound { code: "IDX002", name: "conda-version-not-found", severity: Error, default_on: true, fix: None, online: true }
    summary: "the package exists, but no version or build matches the spec for a target platform";
    fn check(env, cx) {
        let Some(index) = cx.settings.index.clone() else { return };
        for looked in look_up_all(&index, env) {
            let Lookup::NoMatch { subdirs } = looked.lookup else { continue };
            let Some(name) = looked.dep.name() else { continue };
            let range = match (looked.dep.version(), looked.dep.build()) {
                (Some(v), Some(b)) if v.range.end <= b.range.start => TextRange::new(v.range.start, b.range.end),
                (Some(v), _) => v.range,
                (None, Some(b)) => b.range,
                (None, None) => looked.dep.range,
            };
            let names: Vec<String> = subdirs.iter().map(|s| s.subdir.clone()).collect();
            let builds: Vec<String> = subdirs.iter().filter(|s| !s.builds.is_empty()).map(|s| format!("{}: {}", s.subdir, s.builds.join(", "))).collect();
            let help = if builds.len() == subdirs.len() {
                format!("the version exists, but not that build; the builds there are {}", builds.join("; "))
            } else {
                let nearest: Vec<String> = subdirs.iter().map(|s| format!("{}: {}", s.subdir, if s.nearest.is_empty() { "none".to_owned() } else { s.nearest.join(", ") })).collect();
                format!("the nearest versions there are {}", nearest.join("; "))
            };
            let channels = super::conda_package_not_found::channels_text(env, looked.dep);
            let spec = crate::index::redact_url(looked.dep.raw.trim());
            cx.report(range, format!("no `{}` matching `{spec}` in {channels} for {}", name.value, super::conda_package_not_found::subdirs_text(&names)))
                .help(help);
        }
    }
}
