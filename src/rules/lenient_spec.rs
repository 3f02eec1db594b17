use super::*;

declare_rule! {
    LenientSpec { code: "CDA007", name: "lenient-spec", severity: Info, default_on: false, fix: None }
    summary: "a spec is valid only under lenient parsing";
    fn check(env, cx) {
        use rattler_conda_types::{MatchSpec, ParseMatchSpecOptions};
        // Specs conda reads differently from how they look are misleading-spec's (`=>`, `[extra]`).
        for dep in env.conda_deps().filter(|d| d.error.is_none() && d.misread.is_none()) {
            let Err(err) = MatchSpec::from_str(&dep.raw, ParseMatchSpecOptions::strict()) else { continue };
            let reason = err.to_string();
            let reason = reason.trim_end_matches('.');
            cx.report(dep.range, format!("`{}` is valid only under lenient parsing: {}", dep.raw, reason.to_lowercase()))
                .help("write the strict form, for example `name==1.2` or `name=1.2.*=build_*`");
        }
    }
}
