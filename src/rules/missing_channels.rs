use super::*;

declare_rule! {
    MissingChannels { code: "CHN001", name: "missing-channels", severity: Warning, default_on: true, fix: None }
    summary: "no channels are listed while there are conda dependencies";
    fn check(env, cx) {
        if env.conda_deps().next().is_none() || env.channels.as_ref().is_some_and(|c| !c.items.is_empty()) {
            return;
        }
        // `channels:` with no value, or a value that is not a list: ENV006 reports it.
        if env.type_errors.iter().any(|e| e.null_key.as_deref() == Some("channels") || e.expected == crate::model::Expected::Channels) {
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

#[cfg(test)]
mod tests {
    use crate::settings::Settings;
    use crate::source::SourceFile;

    fn codes(text: &str) -> Vec<&'static str> {
        crate::lint(&SourceFile::from_text("environment.yml", text), &Settings::default(), &crate::DiskFileSystem).iter().map(|d| d.code).collect()
    }

    #[test]
    fn one_finding_when_wrong_type_reports_channels() {
        for text in ["channels:\ndependencies:\n  - python=3.12\n", "channels: ~\ndependencies:\n  - python=3.12\n", "channels: conda-forge\ndependencies:\n  - python=3.12\n"] {
            let found = codes(text);
            assert!(found.contains(&"ENV006") && !found.contains(&"CHN001"), "{text:?}: {found:?}");
        }
        assert!(codes("channels: []\ndependencies:\n  - python=3.12\n").contains(&"CHN001"));
        assert!(codes("dependencies:\n  - python=3.12\n").contains(&"CHN001"));
    }

    #[test]
    fn null_dependencies_is_wrong_type_not_missing() {
        let found = codes("name: x\nchannels: [conda-forge]\ndependencies:\n");
        assert_eq!(found, ["ENV006"]);
    }
}
