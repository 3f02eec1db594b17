use super::*;

pub(crate) struct DuplicatePackage;

static META: RuleMeta = RuleMeta {
    code: "CDA003",
    name: "duplicate-package",
    summary: "the same conda package is listed twice",
    severity: Severity::Warning,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/duplicate-package.md"),
};

impl Rule for DuplicatePackage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        let deps: Vec<_> = env.conda_deps().filter(|d| d.name.is_some()).collect();
        for (i, dep) in deps.iter().enumerate() {
            let name = &dep.name.as_ref().expect("filtered").value;
            let selector = dep.selector.as_ref().map(|s| s.value.trim());
            let Some(first) = deps[..i]
                .iter()
                .find(|d| d.name.as_ref().is_some_and(|n| &n.value == name) && d.selector.as_ref().map(|s| s.value.trim()) == selector)
            else {
                continue;
            };
            cx.report(dep.range, format!("package `{name}` is listed twice (`{}` and `{}`)", first.raw, dep.raw))
                .label(first.range, "first listed here")
                .help("keep one spec; conda applies both, and the solve fails when they conflict");
        }
    }
}
