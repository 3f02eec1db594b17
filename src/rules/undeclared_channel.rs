use super::*;

declare_rule! {
    UndeclaredChannel { code: "CHN006", name: "undeclared-channel", severity: Info, default_on: false, fix: None }
    summary: "a spec names a channel that `channels` does not list";
    fn check(env, cx) {
        let listed: Vec<String> = env.channels.iter().flat_map(|c| c.items.iter()).map(|c| normalize_channel(&c.value)).collect();
        for dep in env.conda_deps() {
            let Some(channel) = dep.channel() else { continue };
            if listed.contains(&normalize_channel(channel.value)) {
                continue;
            }
            cx.report(channel.range, format!("`{}` names channel `{}`, which `channels` does not list", dep.raw, channel.value))
                .help(format!("add `{}` to `channels` so that the package's dependencies resolve from it too", channel.value));
        }
    }
}
