use super::*;

pub(crate) struct LenientSpec;

static META: RuleMeta = RuleMeta {
    code: "CDA007",
    name: "lenient-spec",
    summary: "a spec is valid only under lenient parsing",
    severity: Severity::Info,
    default_on: false,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/lenient-spec.md"),
};

impl Rule for LenientSpec {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        use rattler_conda_types::{MatchSpec, ParseMatchSpecOptions};
        for dep in env.conda_deps().filter(|d| d.error.is_none()) {
            let Err(err) = MatchSpec::from_str(&dep.raw, ParseMatchSpecOptions::strict()) else { continue };
            let reason = err.to_string();
            let reason = reason.trim_end_matches('.');
            cx.report(dep.range, format!("`{}` is valid only under lenient parsing: {}", dep.raw, reason.to_lowercase()))
                .help("write the strict form, for example `name==1.2` or `name=1.2.*=build_*`");
        }
    }
}
