use super::*;

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

/// A credential inside a URL: the URL's range and the secret's range, both in the text searched.
pub(crate) struct Secret {
    pub url: TextRange,
    pub secret: TextRange,
    pub what: &'static str,
}

/// Every URL with a password (`user:secret@`) or a token as its user (`ghp_…@`, 20+ letters and
/// digits). A user name alone and `${VAR}` placeholders are fine.
pub(crate) fn find_secrets(text: &str) -> Vec<Secret> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let scheme_end = from + found;
        // By bytes: a scheme is ASCII, and every byte of a multi-byte character stops the scan,
        // so the start is always a character boundary.
        let start = text.as_bytes()[..scheme_end].iter().rposition(|b| !(b.is_ascii_alphanumeric() || b"+-.".contains(b))).map_or(0, |i| i + 1);
        let rest_start = scheme_end + 3;
        let end = text[rest_start..].find(|c: char| c.is_whitespace() || "\"'`<>".contains(c)).map_or(text.len(), |i| rest_start + i);
        from = end.max(rest_start);
        let authority_end = text[rest_start..end].find(['/', '?', '#']).map_or(end, |i| rest_start + i);
        let authority = &text[rest_start..authority_end];
        let Some(at) = authority.rfind('@') else { continue };
        let userinfo = &authority[..at];
        let (secret, what) = match userinfo.split_once(':') {
            Some((_, password)) => (password, "password"),
            None if looks_like_token(userinfo) => (userinfo, "token"),
            None => continue,
        };
        if secret.is_empty() || secret.starts_with("${") || secret.starts_with('$') {
            continue;
        }
        let secret_start = rest_start + userinfo.len() - secret.len();
        out.push(Secret { url: TextRange::new(start, end), secret: TextRange::new(secret_start, secret_start + secret.len()), what });
    }
    out
}

fn looks_like_token(user: &str) -> bool {
    let prefixed = ["ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "gldt-", "xoxb-", "npm_"].iter().any(|p| user.starts_with(p));
    prefixed || (user.len() >= 20 && user.chars().all(|c| c.is_ascii_alphanumeric()) && !user.starts_with('$'))
}

/// The text with every credential in a URL replaced by `****`.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for secret in find_secrets(text) {
        out.push_str(&text[pos..secret.secret.start]);
        out.push_str("****");
        pos = secret.secret.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The text with every credential in a URL masked by `*` of the same byte length, so that byte
/// offsets into the text stay valid (for drawing source snippets).
pub fn mask(text: &str) -> std::borrow::Cow<'_, str> {
    let secrets = find_secrets(text);
    if secrets.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_owned();
    for secret in secrets {
        out.replace_range(secret.secret.start..secret.secret.end, &"*".repeat(secret.secret.len()));
    }
    std::borrow::Cow::Owned(out)
}

/// The secrets (passwords, tokens) written in URLs of the text.
pub fn secrets(text: &str) -> Vec<String> {
    find_secrets(text).into_iter().map(|s| text[s.secret.start..s.secret.end].to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_redacts_secrets() {
        assert_eq!(redact("--index-url https://builder:s3cret@pkgs.example.com/simple"), "--index-url https://builder:****@pkgs.example.com/simple");
        assert_eq!(redact("git+https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o/r.git"), "git+https://****@github.com/o/r.git");
        assert_eq!(redact("git+ssh://git@github.com/o/r.git"), "git+ssh://git@github.com/o/r.git");
        assert_eq!(redact("https://${USER}:${PASSWORD}@host/simple"), "https://${USER}:${PASSWORD}@host/simple");
        assert_eq!(redact("https://user@host/a@b"), "https://user@host/a@b");
        assert_eq!(find_secrets("x https://a:b@h/ y https://c:d@h/").len(), 2);
        assert_eq!(mask("https://u:pw@h/"), "https://u:**@h/");
    }

    #[test]
    fn a_url_after_a_multibyte_character_starts_on_a_boundary() {
        let text = "ǿ1://u:p@h éhttps://u:p@h";
        let found = find_secrets(text);
        let urls: Vec<&str> = found.iter().map(|s| &text[s.url.start..s.url.end]).collect();
        assert_eq!(urls, ["1://u:p@h", "https://u:p@h"]);
        assert_eq!(redact(text), "ǿ1://u:****@h éhttps://u:****@h");
    }
}
