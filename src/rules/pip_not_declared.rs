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
        let pin = super::releases::newest_pip(env, None).map_or_else(String::new, |r| format!(", for example `pip={}`", r.written));
        let diagnostic = cx
            .report(section.key, "pip section without a `pip` dependency; conda may run another pip and install into the wrong place")
            .help(format!(
                "add `- pip` to the conda dependencies, before the pip section, then pin it{pin} (pip-not-pinned asks for a version); \
                 conda itself warns: \"you have pip-installed dependencies in your environment file, but you do not list pip itself as one \
                 of your conda dependencies\""
            ));
        if block_item {
            let at = above_comments(text, line_start);
            diagnostic.fix(Fix::safe("add `- pip` before the pip section", [Edit::insert(at, format!("{prefix}pip\n"))]));
        }
    }
}

/// The start of the own-line comments directly above the line at `line_start` (they describe
/// that line, so an inserted line goes above them), or `line_start` itself.
fn above_comments(text: &str, line_start: usize) -> usize {
    let mut at = line_start;
    while at > 0 {
        let prev = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
        if !text[prev..at].trim_start().starts_with('#') {
            break;
        }
        at = prev;
    }
    at
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_above_the_pip_line_stay_with_it() {
        let text = "dependencies:\n  - numpy\n  # packages from PyPI\n  # (pinned)\n  - pip:\n";
        let line = text.find("  - pip:").unwrap();
        assert_eq!(super::above_comments(text, line), text.find("  # packages").unwrap());
        let text = "dependencies:\n  - numpy\n  - pip:\n";
        assert_eq!(super::above_comments(text, text.find("  - pip:").unwrap()), text.find("  - pip:").unwrap());
        assert_eq!(super::above_comments("# c\n- pip:\n", 4), 0);
    }
}
