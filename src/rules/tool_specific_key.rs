use super::*;

pub(crate) struct ToolSpecificKey;

static META: RuleMeta = RuleMeta {
    code: "ENV009",
    name: "tool-specific-key",
    summary: "a top-level key that only some tools honour",
    severity: Severity::Info,
    default_on: false,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/tool-specific-key.md"),
};

impl Rule for ToolSpecificKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        for key in &env.keys {
            let Some((_, tool)) = crate::model::TOOL_SPECIFIC_KEYS.iter().find(|(k, _)| *k == key.name.value) else { continue };
            cx.report(key.name.range, format!("`{}` is read by {tool} only; conda ignores it with a warning", key.name.value))
                .help(format!("keep it if the file is meant for {tool}; `conda env create` does not use it"));
        }
    }
}
