use super::*;
use crate::secrets::{find_secrets, redact};

declare_rule! {
    CredentialsInUrl { code: "SEC003", name: "credentials-in-url", severity: Error, default_on: true, fix: None }
    summary: "a URL carries a password or token";
    fn check(env, cx) {
        let report = |cx: &mut LintContext<'_>, file: Option<&std::sync::Arc<crate::source::SourceFile>>, text: &str| {
            for secret in find_secrets(text) {
                let url = &text[secret.url.start..secret.url.end];
                let range = secret.secret;
                cx.report_in(file, range, format!("{} in URL `{}`", secret.what, redact(url)))
                    .help("read it from the environment instead, for example `https://${PIP_USER}:${PIP_PASSWORD}@host/simple`, and rotate the exposed secret");
            }
        };
        let own = cx.source.text.clone();
        report(cx, None, &own);
        for file in &env.pip_files {
            report(cx, Some(&file.source), &file.source.text.clone());
        }
    }
}
