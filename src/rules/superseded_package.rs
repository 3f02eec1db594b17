use super::*;

pub(crate) struct SupersededPackage;

static META: RuleMeta = RuleMeta {
    code: "CDA009",
    name: "superseded-package",
    summary: "a package that was renamed or superseded on its channel",
    severity: Severity::Info,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/superseded-package.md"),
};

impl Rule for SupersededPackage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        for dep in env.conda_deps() {
            let Some(name) = &dep.name else { continue };
            let Some(entry) = crate::data::superseded().get(name.value.as_str()) else { continue };
            let help = match entry.replacement {
                Some(r) => format!("use `{r}` instead ({})", entry.source),
                None => format!("remove it ({})", entry.source),
            };
            cx.report(name.range, format!("`{}` is superseded: {}", name.value, entry.reason)).help(help);
        }
    }
}
