use super::*;

declare_rule! {
    UnpinnedRequirement { code: "PIP008", name: "unpinned-requirement", severity: Info, default_on: false, fix: None }
    summary: "a pip requirement without `==` or a direct URL";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        for (item, file) in env.requested_pip_items() {
            let PipItemKind::Requirement(req) = &item.kind else { continue };
            let pinned = req.url || req.specifier.as_ref().is_some_and(|s| s.value.trim_start().starts_with("=="));
            if !pinned {
                cx.report_in(file.map(|f| &f.source), req.name.range, format!("`{}` is not pinned; each build may install a different release", item.raw.trim()))
                    .help(format!("pin it, for example `{}==<version>`", req.name.value));
            }
        }
    }
}
