use super::*;
use crate::diagnostic::{Edit, Fix};

pub(crate) struct PipNotDeclared;

static META: RuleMeta = RuleMeta {
    code: "PIP001",
    name: "pip-not-declared",
    summary: "a pip section exists but `pip` is not a conda dependency",
    severity: Severity::Warning,
    default_on: true,
    fix: FixAvailability::Sometimes,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/pip-not-declared.md"),
};

impl Rule for PipNotDeclared {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        if env.conda_deps_named("pip").next().is_some() {
            return;
        }
        let Some(section) = env.pip_sections().next() else { return };
        let text = &cx.source.text;
        let line_start = text[..section.key.start].rfind('\n').map_or(0, |i| i + 1);
        let prefix = &text[line_start..section.key.start];
        let block_item = prefix.trim_start().starts_with('-') && prefix.trim_start()[1..].trim().is_empty();
        let diagnostic = cx
            .report(section.key, "pip section without a `pip` dependency; conda may run another pip and install into the wrong place")
            .help(
                "add `- pip` (pinned, for example `- pip=23.3`) to the conda dependencies; conda itself warns: \
                 \"you have pip-installed dependencies in your environment file, but you do not list pip itself as one \
                 of your conda dependencies\"",
            );
        if block_item {
            diagnostic.fix(Fix::safe("add `- pip` before the pip section", [Edit::insert(line_start, format!("{prefix}pip\n"))]));
        }
    }
}
