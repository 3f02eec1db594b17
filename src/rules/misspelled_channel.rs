use super::*;

declare_rule! {
    MisspelledChannel { code: "CHN004", name: "misspelled-channel", severity: Warning, default_on: true, fix: Sometimes }
    summary: "a channel name is one typo away from a well-known channel";
    fn check(env, cx) {
        let names = env.channels.iter().flat_map(|c| c.items.iter()).map(|c| (c.value.as_str(), c.range));
        let prefixed = env.conda_deps().filter_map(|d| d.channel()).map(|c| (c.value, c.range));
        for (value, range) in names.chain(prefixed) {
            let name = value.trim().trim_end_matches('/');
            if name.contains('/') || name.contains(':') || crate::data::is_channel(&name.to_ascii_lowercase()) {
                continue;
            }
            let lower = name.to_ascii_lowercase();
            let well_known = crate::data::well_known_channels();
            if well_known.iter().any(|w| lower.starts_with(w)) {
                continue;
            }
            let limit = |w: &str| if w.len() >= 9 { 2 } else { 1 };
            let Some(best) = well_known.iter().copied().filter(|w| edit_distance(&lower, w) <= limit(w)).min_by_key(|w| edit_distance(&lower, w)) else {
                continue;
            };
            let exact = cx.source.slice(range) == name;
            let diagnostic = cx
                .report(range, format!("channel `{name}` looks like a misspelling of `{best}`"))
                .help(format!("write `{best}`; a channel that does not exist makes the solve fail with PackagesNotFoundError or a 404"));
            if exact {
                diagnostic.fix(crate::diagnostic::Fix::unsafe_edit(format!("replace with `{best}`"), [crate::diagnostic::Edit::replace(range, best)]));
            }
        }
    }
}
