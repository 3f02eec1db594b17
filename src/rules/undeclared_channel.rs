use super::*;

pub(crate) struct UndeclaredChannel;

static META: RuleMeta = RuleMeta {
    code: "CHN006",
    name: "undeclared-channel",
    summary: "a spec names a channel that `channels` does not list",
    severity: Severity::Info,
    default_on: false,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/undeclared-channel.md"),
};

impl Rule for UndeclaredChannel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        let listed: Vec<String> = env.channels.iter().flat_map(|c| c.items.iter()).map(|c| normalize_channel(&c.value)).collect();
        for dep in env.conda_deps() {
            let Some(channel) = &dep.channel else { continue };
            if listed.contains(&normalize_channel(&channel.value)) {
                continue;
            }
            cx.report(channel.range, format!("`{}` names channel `{}`, which `channels` does not list", dep.raw, channel.value))
                .help(format!("add `{}` to `channels` so that the package's dependencies resolve from it too", channel.value));
        }
    }
}
