use super::*;

declare_rule! {
    DuplicateRequirement { code: "PIP007", name: "duplicate-requirement", severity: Warning, default_on: true, fix: None }
    summary: "the same distribution is requested twice from pip";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        // The first requirement of each (name, marker): linear in the number of requirements.
        let mut first_of = crate::HashMap::default();
        for (item, file) in env.requested_pip_items() {
            let PipItemKind::Requirement(req) = &item.kind else { continue };
            let key = (req.name.value.as_str(), req.marker.as_ref());
            let (first_item, first_file) = *first_of.entry(key).or_insert((item, file));
            if std::ptr::eq(first_item, item) {
                continue;
            }
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
