use super::*;

pub(crate) struct WrongType;

static META: RuleMeta = RuleMeta {
    code: "ENV006",
    name: "wrong-type",
    summary: "a value has the wrong YAML type",
    severity: Severity::Error,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/wrong-type.md"),
};

impl Rule for WrongType {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        for error in &env.type_errors {
            let help = if error.expected.contains("`pip` section") {
                "write the requirements as a list: `- pip:` followed by `    - requests` lines"
            } else if error.expected.contains("string") && error.found != "nothing (null)" {
                "quote the value to make it a string"
            } else {
                "see the environment file format: name, channels (list), dependencies (list), variables (mapping)"
            };
            cx.report(error.range, format!("expected {}, found {}", error.expected, error.found)).help(help);
        }
    }
}
