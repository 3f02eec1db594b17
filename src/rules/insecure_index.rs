use super::*;

declare_rule! {
    InsecureIndex { code: "SEC001", name: "insecure-index", severity: Warning, default_on: true, fix: None }
    summary: "a package index or find-links URL over plain HTTP, or `--trusted-host`";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        for (item, file) in env.all_pip_items() {
            let PipItemKind::Option { name, value, .. } = &item.kind else { continue };
            let file = file.map(|f| &f.source);
            let option = name.value.as_str();
            if option == "--trusted-host" {
                cx.report_in(file, name.range, "`--trusted-host` turns off TLS verification for that host; packages can be replaced in transit")
                    .help("serve the index over HTTPS with a valid certificate and drop `--trusted-host`");
                continue;
            }
            let index = matches!(option, "--index-url" | "-i" | "--extra-index-url" | "--find-links" | "-f");
            let Some(value) = value.as_ref().filter(|v| index && v.value.trim().to_ascii_lowercase().starts_with("http://")) else { continue };
            let shown = crate::rules::credentials_in_url::redact(value.value.trim());
            cx.report_in(file, value.range, format!("`{option} {shown}` fetches packages over plain HTTP; they can be replaced in transit"))
                .help("use the `https://` URL of the index");
        }
    }
}
