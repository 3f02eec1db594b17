use super::*;
use crate::diagnostic::{Edit, Fix};

declare_rule! {
    PipNotDeclared { code: "PIP001", name: "pip-not-declared", severity: Warning, default_on: true, fix: Sometimes }
    summary: "a pip section exists but `pip` is not a conda dependency";
    fn check(env, cx) {
        if env.conda_deps_named("pip").next().is_some() {
            return;
        }
        let Some(section) = env.pip_sections().next() else { return };
        let text = &cx.source.text;
        let line_start = text[..section.key.start].rfind('\n').map_or(0, |i| i + 1);
        let prefix = &text[line_start..section.key.start];
        let block_item = prefix.trim_start().starts_with('-') && prefix.trim_start()[1..].trim().is_empty();
        let diagnostic = cx
            .report(section.key, "pip section without a `pip` dependency; conda may run another pip and install into the wrong place")
            .help(
                "add `- pip` (pinned, for example `- pip=23.3`) to the conda dependencies; conda itself warns: \
                 \"you have pip-installed dependencies in your environment file, but you do not list pip itself as one \
                 of your conda dependencies\"",
            );
        if block_item {
            diagnostic.fix(Fix::safe("add `- pip` before the pip section", [Edit::insert(line_start, format!("{prefix}pip\n"))]));
        }
    }
}
