use super::*;

pub(crate) struct InsecureChannelUrl;

static META: RuleMeta = RuleMeta {
    code: "CHN005",
    name: "insecure-channel-url",
    summary: "a channel is given as a plain-HTTP URL",
    severity: Severity::Warning,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/insecure-channel-url.md"),
};

impl Rule for InsecureChannelUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        for channel in env.channels.iter().flat_map(|c| c.items.iter()) {
            if channel.value.trim().to_ascii_lowercase().starts_with("http://") {
                let shown = crate::rules::credentials_in_url::redact(&channel.value);
                cx.report(channel.range, format!("channel `{shown}` is fetched over plain HTTP; packages can be tampered with in transit"))
                    .help("use the `https://` URL of the channel");
            }
        }
    }
}
