use super::*;

declare_rule! {
    ExtraIndexUrl { code: "SEC002", name: "extra-index-url", severity: Warning, default_on: true, fix: None }
    summary: "`--extra-index-url` lets a public package shadow a private one";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        let main = env.all_pip_items().find_map(|(item, _)| match &item.kind {
            PipItemKind::Option { name, value: Some(v), .. } if matches!(name.value.as_str(), "--index-url" | "-i") => Some(v.value.trim().to_owned()),
            _ => None,
        });
        for (item, file) in env.all_pip_items() {
            let PipItemKind::Option { name, value, .. } = &item.kind else { continue };
            if name.value != "--extra-index-url" {
                continue;
            }
            let extra_is_pypi = value.as_ref().is_some_and(|v| is_pypi(&v.value));
            let message = match (&main, extra_is_pypi) {
                (Some(main), true) if !is_pypi(main) => format!(
                    "`--extra-index-url` adds PyPI next to the main index `{}`; a public package on PyPI with the same name as a package on the main index can win",
                    crate::secrets::redact(main)
                ),
                (_, true) => "`--extra-index-url` adds PyPI next to the main index that pip is configured with; a public package on PyPI with the same name as a private one can win".to_owned(),
                _ => "`--extra-index-url` merges this index with PyPI; a public package with the same name as a private one can win".to_owned(),
            };
            cx.report_in(file.map(|f| &f.source), name.range, message)
                .help("use `--index-url` with a proxy that serves both, or pin every requirement with `--hash`");
        }
    }
}

/// PyPI's simple index (`https://pypi.org/simple`, the legacy `pypi.python.org`).
fn is_pypi(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or(&url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    matches!(host, "pypi.org" | "www.pypi.org" | "pypi.python.org")
}

#[cfg(test)]
mod tests {
    #[test]
    fn pypi_urls() {
        assert!(super::is_pypi("https://pypi.org/simple"));
        assert!(super::is_pypi("https://pypi.python.org/simple/"));
        assert!(!super::is_pypi("https://download.pytorch.org/whl/cu121"));
        assert!(!super::is_pypi("https://pypi.org.evil.example/simple"));
    }
}
