use super::*;

declare_rule! {
    EditableInstall { code: "PIP011", name: "editable-install", severity: Info, default_on: false, fix: None }
    summary: "an editable (`-e`) install in the pip section";
    fn check(env, cx) {
        for (item, file) in env.all_pip_items() {
            let crate::model::PipItemKind::Editable { target } = &item.kind else { continue };
            cx.report_in(file.map(|f| &f.source), item.range, format!("editable install of `{}`; the environment depends on that checkout staying in place", target.value))
                .help("install a built package or a pinned VCS URL for reproducible environments");
        }
    }
}
