use super::*;

declare_rule! {
    UnpinnedVcs { code: "PIP009", name: "unpinned-vcs", severity: Warning, default_on: true, fix: None }
    summary: "a VCS requirement without a ref, or on a moving branch";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        for (item, file) in env.all_pip_items() {
            let url = match &item.kind {
                PipItemKind::Url { url } => url,
                PipItemKind::Editable { target } => target,
                PipItemKind::Requirement(req) if req.url => {
                    let Some(at) = item.raw.find('@') else { continue };
                    let url = item.raw[at + 1..].trim();
                    let start = item.range.start + item.raw.len() - item.raw[at + 1..].trim_start().len();
                    let exact = cx.source_of(file).slice(item.range) == item.raw;
                    let range = if exact { TextRange::new(start, start + url.len()) } else { item.range };
                    &crate::model::Spanned::new(url.split_whitespace().next().unwrap_or(url).to_owned(), range)
                }
                _ => continue,
            };
            let Some(vcs) = ["git+", "hg+", "svn+", "bzr+"].iter().find(|p| url.value.starts_with(*p)) else { continue };
            let vcs = vcs.trim_end_matches('+');
            let shown = crate::rules::credentials_in_url::redact(&url.value);
            let message = match vcs_ref(&url.value) {
                None => format!("`{shown}` has no ref; every build installs whatever the default branch holds"),
                Some(r) if MOVING.contains(&r) => format!("`{shown}` follows the moving branch `{r}`"),
                Some(_) => continue,
            };
            cx.report_in(file.map(|f| &f.source), url.range, message)
                .help(format!("pin a commit or a tag: `{vcs}+https://host/org/repo@<commit-or-tag>`"));
        }
    }
}

const MOVING: &[&str] = &["main", "master", "develop", "dev", "trunk", "HEAD"];

/// The `@ref` of a VCS URL, ignoring a `user@` in the authority and the `#fragment`.
fn vcs_ref(url: &str) -> Option<&str> {
    let url = url.split('#').next().unwrap_or(url);
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.split_once('/').map_or("", |(_, path)| path);
    path.rsplit_once('@').map(|(_, r)| r).filter(|r| !r.is_empty())
}
