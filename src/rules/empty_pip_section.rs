use super::*;

pub(crate) struct EmptyPipSection;

static META: RuleMeta = RuleMeta {
    code: "PIP006",
    name: "empty-pip-section",
    summary: "an empty `pip:` section, or more than one",
    severity: Severity::Warning,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/empty-pip-section.md"),
};

impl Rule for EmptyPipSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
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
