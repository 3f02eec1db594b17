use super::*;

pub(crate) struct OperatorSpacing;

static META: RuleMeta = RuleMeta {
    code: "CDA008",
    name: "operator-spacing",
    summary: "spaces between an operator and its version",
    severity: Severity::Info,
    default_on: false,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/operator-spacing.md"),
};

impl Rule for OperatorSpacing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        for dep in env.conda_deps().filter(|d| d.error.is_none()) {
            let Some(version) = &dep.version else { continue };
            let v = version.value.as_str();
            let spaced = v.char_indices().any(|(i, c)| "<>=!~,|".contains(c) && v[i + 1..].starts_with(char::is_whitespace));
            if spaced {
                let tight: String = v.chars().filter(|c| !c.is_whitespace()).collect();
                cx.report(version.range, format!("space after the operator in `{}`", dep.raw)).help(format!("write `{tight}`"));
            }
        }
    }
}
