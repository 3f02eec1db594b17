use super::*;

declare_rule! {
    MixedDefaultsCondaForge { code: "CHN002", name: "mixed-defaults-conda-forge", severity: Warning, default_on: true, fix: None }
    summary: "both `defaults` and `conda-forge` are listed";
    fn check(env, cx) {
        let Some(channels) = &env.channels else { return };
        let defaults = channels.items.iter().find(|c| is_defaults(&c.value));
        let forge = channels.items.iter().find(|c| normalize_channel(&c.value) == "conda-forge");
        let (Some(defaults), Some(forge)) = (defaults, forge) else { return };
        let later = if defaults.range.start > forge.range.start { defaults } else { forge };
        let earlier = if later.range == defaults.range { forge } else { defaults };
        cx.report(later.range, format!("`{}` and `{}` are both listed; their packages are built against different libraries", forge.value, defaults.value))
            .label(earlier.range, "also listed here")
            .help("use conda-forge alone with `nodefaults` (channels: [conda-forge, nodefaults]), or defaults alone");
    }
}

/// `defaults`, or an Anaconda `main`/`anaconda` channel URL on repo.anaconda.com.
fn is_defaults(channel: &str) -> bool {
    let c = normalize_channel(channel);
    c == "defaults" || (c.contains("repo.anaconda.com/pkgs/") && (c.ends_with("/main") || c.ends_with("/r") || c.ends_with("/msys2")))
}
