use super::*;

declare_rule! {
    IndexUnreachable { code: "IDX000", name: "index-unreachable", severity: Warning, default_on: true, fix: None, online: true }
    summary: "a channel or package index could not be read; the checks that needed it were skipped";
    fn check(env, cx) {
        let Some(index) = cx.settings.index.clone() else { return };
        for failed in crate::index::unreachable(env, &index) {
            let help = format!(
                "{} were skipped for what it serves; check the URL, the network and the credentials (or run with --offline once the cache is warm)",
                failed.skipped
            );
            cx.report_in(failed.file.as_ref(), failed.range, format!("cannot read {} `{}`: {}", failed.kind, failed.index, failed.reason)).help(help);
        }
    }
}
