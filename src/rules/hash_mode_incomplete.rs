use super::*;

declare_rule! {
    HashModeIncomplete { code: "PIP005", name: "hash-mode-incomplete", severity: Error, default_on: true, fix: None }
    summary: "some requirements have `--hash` and others cannot be hash-checked";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        let items: Vec<_> = env.requested_pip_items().collect();
        let Some((hashed, hashed_file)) = items.iter().find(|(i, _)| !i.hashes.is_empty()) else { return };
        let hashed_range = hashed.hashes[0];
        let hashed_file = hashed_file.map(|f| &f.source);
        for (item, file) in &items {
            let problem = match &item.kind {
                PipItemKind::Requirement(req) if req.url => Some("is a direct URL, which cannot be hash-checked".to_owned()),
                PipItemKind::Requirement(req) => {
                    let pinned = req.specifier.as_ref().is_some_and(|s| {
                        let v = s.value.trim();
                        (v.starts_with("==") && !v.contains('*') && !v.contains(',')) || v.starts_with("===")
                    });
                    if item.hashes.is_empty() {
                        Some("has no `--hash`".to_owned())
                    } else if !pinned {
                        Some("is not pinned with `==`".to_owned())
                    } else {
                        None
                    }
                }
                PipItemKind::Url { .. } if item.hashes.is_empty() => Some("has no `--hash`".to_owned()),
                PipItemKind::Editable { .. } => Some("is editable, which hash-checking mode forbids".to_owned()),
                _ => None,
            };
            let Some(problem) = problem else { continue };
            let file_source = file.map(|f| &f.source);
            let diagnostic = cx.report_in(file_source, item.range, format!("`{}` {problem}; pip is in hash-checking mode and refuses to install", item.raw.trim()));
            if file_source.map(|f| &f.path) == hashed_file.map(|f| &f.path) {
                diagnostic.label(hashed_range, "this `--hash` turns hash-checking mode on");
            } else {
                diagnostic.label_in(hashed_file, hashed_range, "this `--hash` turns hash-checking mode on");
            }
            diagnostic.help("give every requirement a `--hash` and pin it with `==`, or remove all hashes");
        }
    }
}
