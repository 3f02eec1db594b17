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
                // `--trusted-host localhost:8080`: the traffic never leaves the machine.
                if value.as_ref().is_some_and(|v| is_loopback_host(v.value.trim())) {
                    continue;
                }
                cx.report_in(file, name.range, "`--trusted-host` turns off TLS verification for that host; packages can be replaced in transit")
                    .help("serve the index over HTTPS with a valid certificate and drop `--trusted-host`");
                continue;
            }
            let index = matches!(option, "--index-url" | "-i" | "--extra-index-url" | "--find-links" | "-f");
            let Some(value) = value.as_ref().filter(|v| index && is_remote_http(&v.value)) else { continue };
            let shown = crate::secrets::redact(value.value.trim());
            cx.report_in(file, value.range, format!("`{option} {shown}` fetches packages over plain HTTP; they can be replaced in transit"))
                .help("use the `https://` URL of the index");
        }
        // conda-lock's `pip-repositories` (a list of index URLs).
        for url in &env.pip_repositories {
            if is_remote_http(&url.value) {
                let shown = crate::secrets::redact(url.value.trim());
                cx.report(url.range, format!("pip repository `{shown}` is fetched over plain HTTP; packages can be replaced in transit"))
                    .help("use the `https://` URL of the index");
            }
        }
    }
}

/// An `http://` URL whose host is not a loopback address.
pub(crate) fn is_remote_http(url: &str) -> bool {
    let url = url.trim();
    let Some(rest) = url.get(..7).filter(|s| s.eq_ignore_ascii_case("http://")).map(|_| &url[7..]) else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    !is_loopback_host(host_port)
}

/// `localhost`, `127.x.x.x` or `[::1]`, with or without a port.
pub(crate) fn is_loopback_host(host_port: &str) -> bool {
    let host = if host_port.starts_with('[') {
        host_port.split_once(']').map_or(host_port, |(h, _)| h).trim_start_matches('[')
    } else {
        host_port.split(':').next().unwrap_or(host_port)
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let v4 = host.strip_prefix("127.").is_some_and(|r| {
        let parts: Vec<&str> = r.split('.').collect();
        parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    });
    host == "localhost" || host == "::1" || v4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_not_remote() {
        for local in ["http://localhost:8080/simple", "http://127.0.0.1/simple", "http://[::1]:3141/root/pypi", "http://user:pw@localhost/x", "HTTP://LOCALHOST/"] {
            assert!(!is_remote_http(local), "{local}");
        }
        for remote in ["http://pypi.internal/simple", "http://localhost.example.com/x", "http://127.0.0.1.nip.io/", "http://10.0.0.1/simple"] {
            assert!(is_remote_http(remote), "{remote}");
        }
        assert!(!is_remote_http("https://pypi.org/simple"));
        assert!(is_loopback_host("localhost:3141") && !is_loopback_host("pypi.internal"));
    }
}
