use super::*;

pub(crate) struct ExtraIndexUrl;

static META: RuleMeta = RuleMeta {
    code: "SEC002",
    name: "extra-index-url",
    summary: "`--extra-index-url` lets a public package shadow a private one",
    severity: Severity::Warning,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/extra-index-url.md"),
};

impl Rule for ExtraIndexUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        use crate::model::PipItemKind;
        for (item, file) in env.all_pip_items() {
            let PipItemKind::Option { name, .. } = &item.kind else { continue };
            if name.value != "--extra-index-url" {
                continue;
            }
            cx.report_in(file.map(|f| &f.source), name.range, "`--extra-index-url` merges this index with PyPI; a public package with the same name as a private one can win")
                .help("use `--index-url` with a proxy that serves both, or pin every requirement with `--hash`");
        }
    }
}
