use super::*;

declare_rule! {
    ImplicitDefaults { code: "CHN007", name: "implicit-defaults", severity: Info, default_on: false, fix: None }
    summary: "community channels are listed without `defaults` or `nodefaults`";
    fn check(env, cx) {
        let Some(channels) = &env.channels else { return };
        let names: Vec<String> = channels.items.iter().map(|c| normalize_channel(&c.value)).collect();
        if names.is_empty() || names.iter().any(|n| n == "defaults" || n == "nodefaults") {
            return;
        }
        cx.report(channels.key, "neither `defaults` nor `nodefaults` is listed; a builder's .condarc may add `defaults` after these channels")
            .help("add `nodefaults` to keep the environment to the listed channels");
    }
}
