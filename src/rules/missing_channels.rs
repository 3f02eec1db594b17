use super::*;

pub(crate) struct MissingChannels;

static META: RuleMeta = RuleMeta {
    code: "CHN001",
    name: "missing-channels",
    summary: "no channels are listed while there are conda dependencies",
    severity: Severity::Warning,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/missing-channels.md"),
};

impl Rule for MissingChannels {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        if env.conda_deps().next().is_none() || env.channels.as_ref().is_some_and(|c| !c.items.is_empty()) {
            return;
        }
        let (at, message) = match &env.channels {
            Some(channels) => (channels.key, "`channels` is empty; the packages come from whatever channels the builder's .condarc lists"),
            None => {
                let Some(deps) = &env.dependencies else { return };
                (deps.key, "no `channels`; the packages come from whatever channels the builder's .condarc lists")
            }
        };
        cx.report(at, message).help("list the channels explicitly, for example `channels: [conda-forge]`");
    }
}
