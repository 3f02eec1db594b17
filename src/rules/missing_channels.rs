use super::*;

declare_rule! {
    MissingChannels { code: "CHN001", name: "missing-channels", severity: Warning, default_on: true, fix: None }
    summary: "no channels are listed while there are conda dependencies";
    fn check(env, cx) {
        if env.conda_deps().next().is_none() || env.channels.as_ref().is_some_and(|c| !c.items.is_empty()) {
            return;
        }
        // `channels:` with no value, or a value that is not a list: ENV006 reports it.
        if env.type_errors.iter().any(|e| e.null_key.as_deref() == Some("channels") || e.expected.starts_with("`channels`")) {
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
