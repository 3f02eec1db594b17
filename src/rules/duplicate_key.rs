use super::*;

pub(crate) struct DuplicateKey;

static META: RuleMeta = RuleMeta {
    code: "ENV004",
    name: "duplicate-key",
    summary: "the same key appears twice in one mapping",
    severity: Severity::Error,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/duplicate-key.md"),
};

impl Rule for DuplicateKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        for dup in &env.duplicate_keys {
            let key = &dup.key.value;
            cx.report(dup.key.range, format!("duplicate key `{key}`; conda 22.11+ rejects the file and older loaders keep only the last value"))
                .primary_label("this one replaces the first")
                .label(dup.first, "first defined here")
                .help(format!("merge both `{key}` entries into one"));
        }
    }
}
