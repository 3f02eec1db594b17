use super::*;

declare_rule! {
    DuplicateRequirement { code: "PIP007", name: "duplicate-requirement", severity: Warning, default_on: true, fix: None }
    summary: "the same distribution is requested twice from pip";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        let reqs: Vec<_> = env
            .requested_pip_items()
            .filter_map(|(item, file)| match &item.kind {
                PipItemKind::Requirement(req) => Some((item, req, file)),
                _ => None,
            })
            .collect();
        for (i, (item, req, file)) in reqs.iter().enumerate() {
            let Some((first_item, _, first_file)) =
                reqs[..i].iter().find(|(_, r, _)| r.name.value == req.name.value && r.marker == req.marker)
            else {
                continue;
            };
            let here = file.map(|f| &f.source);
            let there = first_file.map(|f| &f.source);
            let diagnostic = cx.report_in(here, req.name.range, format!("`{}` is requested twice (`{}` and `{}`)", req.name.value, first_item.raw.trim(), item.raw.trim()));
            if here.map(|f| &f.path) == there.map(|f| &f.path) {
                diagnostic.label(first_item.range, "first requested here");
            } else {
                diagnostic.label_in(there, first_item.range, "first requested here");
            }
            diagnostic.help("keep one requirement; pip fails with \"Double requirement given\" or \"Cannot install\" when the two conflict");
        }
    }
}
