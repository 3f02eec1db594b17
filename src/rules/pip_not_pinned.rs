use super::*;

pub(crate) struct PipNotPinned;

static META: RuleMeta = RuleMeta {
    code: "PIP002",
    name: "pip-not-pinned",
    summary: "`pip` is declared without a version while a pip section exists",
    severity: Severity::Warning,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/pip-not-pinned.md"),
};

impl Rule for PipNotPinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        if env.pip_sections().next().is_none() {
            return;
        }
        let pips: Vec<_> = env.conda_deps_named("pip").filter(|d| d.error.is_none()).collect();
        if pips.iter().any(|d| d.is_pinned()) {
            return;
        }
        for dep in pips {
            cx.report(dep.range, "pip is not pinned; conda-forge ships pip 20.3+ whose resolver can loop")
                .help("pin it, for example `pip=23.3`; a range such as `pip>=21,<24` also works");
        }
    }
}
