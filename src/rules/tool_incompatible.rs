use super::*;

declare_rule! {
    ToolIncompatible { code: "PIP012", name: "tool-incompatible", severity: Warning, default_on: false, fix: None, by_target: true }
    summary: "a pip item the `--target` tool cannot handle";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        use crate::settings::Target;
        let Some(target) = cx.settings.target else { return };
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
