use super::*;

declare_rule! {
    InsecureChannelUrl { code: "CHN005", name: "insecure-channel-url", severity: Warning, default_on: true, fix: None }
    summary: "a channel is given as a plain-HTTP URL";
    fn check(env, cx) {
        for channel in env.channels.iter().flat_map(|c| c.items.iter()) {
            if crate::rules::insecure_index::is_remote_http(&channel.value) {
                let shown = crate::secrets::redact(&channel.value);
                cx.report(channel.range, format!("channel `{shown}` is fetched over plain HTTP; packages can be tampered with in transit"))
                    .help("use the `https://` URL of the channel");
            }
        }
    }
}
