use super::*;

declare_rule! {
    UnencryptedVcsUrl { code: "SEC005", name: "unencrypted-vcs-url", severity: Warning, default_on: true, fix: None }
    summary: "a requirement fetched over the unauthenticated, unencrypted `git://` protocol";
    fn check(env, cx) {
        for (item, file) in env.all_pip_items() {
            let Some(url) = crate::rules::unpinned_vcs::item_url(item, cx.source_of(file)) else { continue };
            let lower = url.value.to_ascii_lowercase();
            let Some(rest) = lower.strip_prefix("git+git://").or_else(|| lower.strip_prefix("git://")) else { continue };
            let after = &url.value[url.value.len() - rest.len()..];
            let host = after.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit('@').next().unwrap_or(host).split(':').next().unwrap_or("").to_ascii_lowercase();
            let https = format!("git+https://{after}");
            let shown = crate::secrets::redact(&url.value);
            let help = format!("use `{}`", crate::secrets::redact(&https));
            let diagnostic = if host == "github.com" || host == "www.github.com" {
                cx.report_in(file.map(|f| &f.source), url.range, format!("`{shown}` uses the `git://` protocol, which GitHub stopped serving in March 2022; the install fails"))
                    .severity(Severity::Error)
            } else {
                cx.report_in(file.map(|f| &f.source), url.range, format!("`{shown}` uses the `git://` protocol: unauthenticated and unencrypted, so the code can be replaced in transit"))
            };
            diagnostic.help(help);
        }
    }
}
