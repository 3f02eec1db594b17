use super::*;

declare_rule! {
    EmptyPipSection { code: "PIP006", name: "empty-pip-section", severity: Warning, default_on: true, fix: None }
    summary: "an empty `pip:` section, or more than one (conda installs only the last)";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        let sections: Vec<_> = env.pip_sections().collect();
        for section in &sections {
            if section.items.is_empty() && (section.is_null || section.is_list) {
                cx.report(section.key, "empty `pip:` section; older conda crashes on it")
                    .help("remove the `- pip:` line, or list the pip requirements under it");
            }
        }
        // conda's `Dependencies.parse` (conda/env/env.py) does `self.update(line)` for every
        // mapping item, so each `pip:` key replaces the one before: only the last section is
        // installed.
        let Some((last, earlier)) = sections.split_last() else { return };
        let total = sections.len();
        for section in earlier {
            let lost = section.items.iter().filter(|i| !matches!(i.kind, PipItemKind::Comment | PipItemKind::Option { .. })).count();
            let options = section.items.iter().filter(|i| matches!(i.kind, PipItemKind::Option { .. })).count();
            if lost + options == 0 {
                continue;
            }
            let what = match (lost, options) {
                (n, 0) => plural(n, "requirement"),
                (0, o) => plural(o, "option"),
                (n, o) => format!("{} and {}", plural(n, "requirement"), plural(o, "option")),
            };
            let winner = if last.items.is_empty() { "conda keeps only this last section, which is empty" } else { "conda installs only this last section" };
            let verb = if lost + options == 1 { "is" } else { "are" };
            cx.report(section.key, format!("conda installs only the last of the {total} `pip:` sections; the {what} in this one {verb} never installed"))
                .severity(Severity::Error)
                .label(last.key, winner)
                .help("merge every `- pip:` section into one");
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
