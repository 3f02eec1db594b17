use super::*;
use crate::index::conda::{look_up_all, Lookup};

declare_rule! {
    CondaPackageNotFound { code: "IDX001", name: "conda-package-not-found", severity: Error, default_on: true, fix: None, online: true }
    summary: "no package of that name in the listed channels for the target platforms";
    fn check(env, cx) {
        let Some(index) = cx.settings.index.clone() else { return };
        for looked in look_up_all(&index, env) {
            let Lookup::NoSuchName { subdirs, closest, elsewhere } = looked.lookup else { continue };
            let Some(name) = looked.dep.name() else { continue };
            let mut help = Vec::new();
            if !closest.is_empty() {
                help.push(format!("did you mean {}?", or_list(&closest)));
            }
            if !elsewhere.is_empty() {
                help.push(format!("{} {} it: add it to `channels:` or write `{}::{}`", or_list(&elsewhere), if elsewhere.len() == 1 { "has" } else { "have" }, elsewhere[0], name.value));
            }
            if help.is_empty() {
                help.push("check the name on the channel, or add the channel that has it to `channels:`".to_owned());
            }
            let diagnostic = cx.report(name.range, format!("no package `{}` in {} for {}", name.value, channels_text(env, looked.dep), subdirs_text(&subdirs)));
            diagnostic.help(help.join("; "));
        }
    }
}

/// `` `a`, `b` or `c` ``.
pub(crate) fn or_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// Which channels were searched, as the message says it.
pub(crate) fn channels_text(env: &EnvFile, dep: &crate::model::CondaDep) -> String {
    if let Some(channel) = dep.channel() {
        return format!("channel `{}`", crate::index::redact_url(channel.value));
    }
    match &env.channels {
        Some(c) => {
            let names: Vec<String> = c.items.iter().filter(|c| c.value != "nodefaults").map(|c| format!("`{}`", crate::index::redact_url(&c.value))).collect();
            match names.len() {
                0 => "no channel".to_owned(),
                1 => format!("channel {}", names[0]),
                _ => format!("channels {}", names.join(", ")),
            }
        }
        None => "the channels conda is configured with".to_owned(),
    }
}

/// `linux-64 (or noarch)`, `linux-64 and osx-arm64 (or noarch)`.
pub(crate) fn subdirs_text(subdirs: &[String]) -> String {
    format!("{} (or noarch)", subdirs.join(" and "))
}
