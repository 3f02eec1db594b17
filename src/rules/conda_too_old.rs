use super::*;
use crate::data;

declare_rule! {
    CondaTooOld { code: "CDA002", name: "conda-too-old", severity: Warning, default_on: true, fix: None }
    summary: "a `conda` dependency admits no conda release from 4.5.4 on";
    fn check(env, cx) {
        let minimum = data::minimum_conda();
        for dep in env.conda_deps_named("conda") {
            let Some(spec) = dep.version_spec() else { continue };
            // Versions written in the spec count as releases too, so a release newer than the
            // shipped list (`conda=99.1`) is never mistaken for an old one.
            let written = dep.version().into_iter().flat_map(|v| version_literals(v.value));
            let mut candidates = data::conda_releases().iter().cloned().chain(written);
            if candidates.any(|v| &v >= minimum && spec.matches(&v)) {
                continue;
            }
            let range = dep.version().map_or(dep.range, |v| v.range);
            cx.report(range, format!("`{}` allows only conda releases older than 4.5.4, which mishandle pip dependencies", dep.raw))
                .primary_label("no release from 4.5.4 on matches")
                .help("require a newer conda, for example `conda>=4.5.4`, or drop the version");
        }
    }
}

fn version_literals(spec: &str) -> Vec<rattler_conda_types::Version> {
    spec.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        .filter_map(|t| t.trim_end_matches('.').parse().ok())
        .collect()
}
