use super::*;
use crate::model::FileState;

pub(crate) struct TemplateFile;

static META: RuleMeta = RuleMeta {
    code: "ENV015",
    name: "template-file",
    summary: "the file is a Jinja template, not an environment file",
    severity: Severity::Info,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/template-file.md"),
};

impl Rule for TemplateFile {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        if let FileState::Template(range) = env.state {
            cx.report(range, "file is a Jinja template; condalint lints nothing else in it")
                .help("lint the rendered file instead, for example the output of `conda devenv --print`");
        }
    }
}
