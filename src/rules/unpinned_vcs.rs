use super::*;
use crate::model::{PipItem, PipItemKind, Spanned};
use crate::source::SourceFile;

declare_rule! {
    UnpinnedVcs { code: "PIP009", name: "unpinned-vcs", severity: Warning, default_on: true, fix: None }
    summary: "a VCS requirement or a branch archive without a fixed ref";
    fn check(env, cx) {
        for (item, file) in env.all_pip_items() {
            let Some(url) = item_url(item, cx.source_of(file)) else { continue };
            let shown = crate::secrets::redact(&url.value);
            let vcs = ["git+", "hg+", "svn+", "bzr+"].iter().find_map(|p| url.value.strip_prefix(p));
            // `git+{REPO}` or `git+${REPO_URL}`: a template placeholder, not yet a URL.
            if vcs.is_some_and(|rest| !has_scheme(rest)) {
                continue;
            }
            let (message, help) = if vcs.is_some() {
                let message = match vcs_ref(&url.value) {
                    None => format!("`{shown}` has no ref; every build installs whatever the default branch holds"),
                    Some(r) if MOVING.contains(&r) => format!("`{shown}` follows the moving branch `{r}`"),
                    Some(_) => continue,
                };
                (message, format!("pin a commit or a tag: `{}`", with_ref(&shown)))
            } else if let Some(archive) = branch_archive(&url.value) {
                let message = match archive.branch {
                    Some(b) => format!("`{shown}` is an archive of the moving branch `{b}`; every build downloads whatever it holds"),
                    None => format!("`{shown}` is an archive of the default branch; every build downloads whatever it holds"),
                };
                let pinned = crate::secrets::redact(&archive.pinned);
                (message, format!("download a tag or a commit instead: `{pinned}`"))
            } else {
                continue;
            };
            cx.report_in(file.map(|f| &f.source), url.range, message).help(help);
        }
    }
}

const MOVING: &[&str] = &["main", "master", "develop", "dev", "trunk", "HEAD"];

/// The URL or path of a pip item: a bare URL, an `-e` target, or the URL of `name @ URL`.
pub(crate) fn item_url(item: &PipItem, source: &SourceFile) -> Option<Spanned<String>> {
    match &item.kind {
        PipItemKind::Url { url } => Some(url.clone()),
        PipItemKind::Editable { target } => Some(target.clone()),
        PipItemKind::Requirement(req) if req.url => {
            let at = item.raw.find('@')?;
            let url = item.raw[at + 1..].trim();
            let url = url.split_whitespace().next().unwrap_or(url).trim_end_matches(';');
            let start = item.range.start + item.raw.len() - item.raw[at + 1..].trim_start().len();
            let exact = source.slice(item.range) == item.raw;
            let range = if exact { TextRange::new(start, start + url.len()) } else { item.range };
            Some(Spanned::new(url.to_owned(), range))
        }
        _ => None,
    }
}

/// Whether `url` starts with `scheme://` (RFC 3986 scheme characters).
fn has_scheme(url: &str) -> bool {
    url.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic()) && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// The `@ref` of a VCS URL, ignoring a `user@` in the authority and the `#fragment`.
fn vcs_ref(url: &str) -> Option<&str> {
    let url = url.split('#').next().unwrap_or(url);
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.split_once('/').map_or("", |(_, path)| path);
    path.rsplit_once('@').map(|(_, r)| r).filter(|r| !r.is_empty())
}

/// The user's VCS URL with `@<commit-or-tag>` in place of its ref (or added before `#…`).
fn with_ref(url: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let base = match base[path_start..].rfind('@') {
        Some(at) => &base[..path_start + at],
        None => base,
    };
    match fragment {
        Some(f) => format!("{base}@<commit-or-tag>#{f}"),
        None => format!("{base}@<commit-or-tag>"),
    }
}

struct BranchArchive<'a> {
    /// The moving branch, `None` for the default branch.
    branch: Option<&'a str>,
    /// The URL with a placeholder for a tag.
    pinned: String,
}

/// A GitHub or GitLab archive URL of a moving branch: `…/archive/main.zip`,
/// `…/archive/refs/heads/master.tar.gz`, `…/zipball/develop`, `…/tarball/master`, a bare
/// `…/zipball` (the default branch), `…/-/archive/main/repo-main.zip`.
fn branch_archive(url: &str) -> Option<BranchArchive<'_>> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let end = url.find(['#', '?']).unwrap_or(url.len());
    let path = &url[..end];
    let tail = &url[end..];
    let tag = "<tag-or-commit>";
    // GitLab: /-/archive/<ref>/<name>-<ref>.<ext>
    if let Some(at) = path.find("/-/archive/") {
        let rest = &path[at + "/-/archive/".len()..];
        let (branch, file) = rest.split_once('/')?;
        if !MOVING.contains(&branch) {
            return None;
        }
        let file = file.replacen(branch, tag, 1);
        return Some(BranchArchive { branch: Some(branch), pinned: format!("{}/-/archive/{tag}/{file}{tail}", &path[..at]) });
    }
    for kind in ["/zipball", "/tarball"] {
        let Some(at) = path.find(kind) else { continue };
        let rest = &path[at + kind.len()..];
        if !(rest.is_empty() || rest.starts_with('/')) {
            continue;
        }
        let branch = match rest.trim_matches('/') {
            "" => None,
            b => match b.strip_prefix("refs/heads/").unwrap_or(b) {
                b if MOVING.contains(&b) => Some(b),
                _ => return None,
            },
        };
        return Some(BranchArchive { branch, pinned: format!("{}{kind}/{tag}{tail}", &path[..at]) });
    }
    let at = path.find("/archive/")?;
    let rest = &path[at + "/archive/".len()..];
    let (stem, ext) = [".tar.gz", ".zip", ".tar.bz2", ".tgz"].iter().find_map(|e| rest.strip_suffix(e).map(|s| (s, *e)))?;
    let branch = stem.strip_prefix("refs/heads/").unwrap_or(stem);
    if !MOVING.contains(&branch) {
        return None;
    }
    Some(BranchArchive { branch: Some(branch), pinned: format!("{}/archive/{tag}{ext}{tail}", &path[..at]) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_not_urls() {
        assert!(has_scheme("https://github.com/a/b.git") && has_scheme("ssh://git@github.com/a/b"));
        assert!(!has_scheme("{ARGH_PATH_PLACEHOLDER}#egg=argh") && !has_scheme("${REPO_URL}") && !has_scheme("${X}://h/p"));
    }

    #[test]
    fn branch_archives() {
        let pinned = |u: &str| branch_archive(u).map(|a| (a.branch.map(str::to_owned), a.pinned));
        assert_eq!(pinned("https://github.com/o/r/archive/main.zip"), Some((Some("main".into()), "https://github.com/o/r/archive/<tag-or-commit>.zip".into())));
        assert_eq!(pinned("https://github.com/o/r/archive/refs/heads/master.tar.gz").unwrap().0.as_deref(), Some("master"));
        assert_eq!(pinned("https://github.com/o/r/zipball/develop").unwrap().1, "https://github.com/o/r/zipball/<tag-or-commit>");
        assert_eq!(pinned("https://api.github.com/repos/o/r/tarball").unwrap().0, None);
        assert_eq!(pinned("https://gitlab.com/g/r/-/archive/main/r-main.tar.gz").unwrap().1, "https://gitlab.com/g/r/-/archive/<tag-or-commit>/r-<tag-or-commit>.tar.gz");
        for fixed in ["https://github.com/o/r/archive/v1.2.zip", "https://github.com/o/r/archive/refs/tags/v1.2.tar.gz", "https://github.com/o/r/zipball/v1.0", "https://github.com/o/r/archive/3f2a9c1.zip", "https://files.pythonhosted.org/x/archive/main.whl"] {
            assert!(branch_archive(fixed).is_none(), "{fixed}");
        }
    }

    #[test]
    fn user_url_with_a_ref() {
        assert_eq!(with_ref("git+https://github.com/psf/black.git#egg=black"), "git+https://github.com/psf/black.git@<commit-or-tag>#egg=black");
        assert_eq!(with_ref("git+https://github.com/pallets/click.git@main"), "git+https://github.com/pallets/click.git@<commit-or-tag>");
        assert_eq!(with_ref("git+ssh://git@github.com/o/r.git"), "git+ssh://git@github.com/o/r.git@<commit-or-tag>");
    }
}
