use super::*;

pub(crate) struct ToolIncompatible;

static META: RuleMeta = RuleMeta {
    code: "PIP012",
    name: "tool-incompatible",
    summary: "a pip item the `--target` tool cannot handle",
    severity: Severity::Warning,
    default_on: false,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/tool-incompatible.md"),
};

impl Rule for ToolIncompatible {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        use crate::model::PipItemKind;
        use crate::settings::Target;
        let Some(target) = cx.target else { return };
        for (item, file) in env.all_pip_items() {
            let unsupported = match (target, &item.kind) {
                (Target::CondaLock, PipItemKind::Include { .. } | PipItemKind::Editable { .. }) => true,
                (Target::CondaLock, PipItemKind::Option { name, .. }) => {
                    matches!(name.value.as_str(), "--index-url" | "-i" | "--extra-index-url" | "--find-links" | "-f")
                }
                (Target::Pixi, PipItemKind::Option { .. } | PipItemKind::Include { .. } | PipItemKind::Editable { .. }) => true,
                _ => false,
            };
            if unsupported {
                let tool = target.label();
                cx.report_in(file.map(|f| &f.source), item.range, format!("{tool} cannot handle `{}` in a pip section", item.raw.trim()))
                    .help(format!("list plain requirements for {tool}, and configure indexes in the tool's own settings"));
            }
        }
    }
}
