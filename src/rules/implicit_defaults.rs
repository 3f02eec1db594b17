use super::*;

pub(crate) struct ImplicitDefaults;

static META: RuleMeta = RuleMeta {
    code: "CHN007",
    name: "implicit-defaults",
    summary: "community channels are listed without `defaults` or `nodefaults`",
    severity: Severity::Info,
    default_on: false,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/implicit-defaults.md"),
};

impl Rule for ImplicitDefaults {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        let Some(channels) = &env.channels else { return };
        let names: Vec<String> = channels.items.iter().map(|c| normalize_channel(&c.value)).collect();
        if names.is_empty() || names.iter().any(|n| n == "defaults" || n == "nodefaults") {
            return;
        }
        cx.report(channels.key, "neither `defaults` nor `nodefaults` is listed; a builder's .condarc may add `defaults` after these channels")
            .help("add `nodefaults` to keep the environment to the listed channels");
    }
}
