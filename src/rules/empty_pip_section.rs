use super::*;

declare_rule! {
    EmptyPipSection { code: "PIP006", name: "empty-pip-section", severity: Warning, default_on: true, fix: None }
    summary: "an empty `pip:` section, or more than one";
    fn check(env, cx) {
        let sections: Vec<_> = env.pip_sections().collect();
        for section in &sections {
            if section.items.is_empty() && (section.is_null || section.is_list) {
                cx.report(section.key, "empty `pip:` section; older conda crashes on it")
                    .help("remove the `- pip:` line, or list the pip requirements under it");
            }
        }
        if let [first, rest @ ..] = sections.as_slice() {
            for later in rest {
                cx.report(later.key, "second `pip:` section; conda installs one pip section per file")
                    .label(first.key, "first pip section here")
                    .help("merge the requirements into one `- pip:` section");
            }
        }
    }
}
