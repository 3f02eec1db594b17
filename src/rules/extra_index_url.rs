use super::*;

declare_rule! {
    ExtraIndexUrl { code: "SEC002", name: "extra-index-url", severity: Warning, default_on: true, fix: None }
    summary: "`--extra-index-url` lets a public package shadow a private one";
    fn check(env, cx) {
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
