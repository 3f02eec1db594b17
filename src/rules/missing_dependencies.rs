use super::*;
use crate::model::Root;

pub(crate) struct MissingDependencies;

static META: RuleMeta = RuleMeta {
    code: "ENV005",
    name: "missing-dependencies",
    summary: "the file has no `dependencies` key",
    severity: Severity::Error,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/missing-dependencies.md"),
};

impl Rule for MissingDependencies {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        let Root::Mapping(range) = env.root else { return };
        if env.keys.iter().any(|k| k.name.value == "dependencies") {
            return;
        }
        let at = env.keys.first().map_or(TextRange::empty(range.start), |k| k.name.range);
        cx.report(at, "no `dependencies` key; conda would create an environment without packages")
            .help("add a `dependencies:` list with the packages to install");
    }
}
