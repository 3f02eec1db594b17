use super::*;

pub(crate) struct EditableInstall;

static META: RuleMeta = RuleMeta {
    code: "PIP011",
    name: "editable-install",
    summary: "an editable (`-e`) install in the pip section",
    severity: Severity::Info,
    default_on: false,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/editable-install.md"),
};

impl Rule for EditableInstall {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        for (item, file) in env.all_pip_items() {
            let crate::model::PipItemKind::Editable { target } = &item.kind else { continue };
            cx.report_in(file.map(|f| &f.source), item.range, format!("editable install of `{}`; the environment depends on that checkout staying in place", target.value))
                .help("install a built package or a pinned VCS URL for reproducible environments");
        }
    }
}
