use super::*;

declare_rule! {
    SelectorProblems { code: "ENV014", name: "selector-problems", severity: Warning, default_on: true, fix: None }
    summary: "a platform selector is misspelt, ignored by the target tool, rejected by micromamba, or mixes styles";
    fn check(env, cx) {
        use crate::settings::Target;
        let text: &str = &cx.source.text;
        // conda, mamba and pixi read `# [win]` as a comment; conda-lock honours it, and a
        // `platforms:` key says the file is written for conda-lock.
        // conda-devenv (`environment.devenv.yml`, an `environment:` key) honours them too.
        let path = cx.source.path.to_ascii_lowercase();
        let devenv = path.ends_with(".devenv.yml") || path.ends_with(".devenv.yaml") || env.keys.iter().any(|k| k.name.value == "environment");
        let ignored = cx.settings.target != Some(Target::CondaLock) && env.platforms.is_none() && !devenv;
        let mut comment_selector: Option<TextRange> = None;
        for comment in &env.comments {
            let Some((inner, at)) = crate::model::selector_of(&comment.text) else { continue };
            let inner_start = comment.range.start + 1 + at;
            let tokens = tokens(inner);
            let known = tokens.iter().filter(|(t, _)| is_known(t)).count();
            let misspelt: Vec<(&str, usize, &str)> = tokens
                .iter()
                .filter(|(t, _)| !is_known(t) && t.len() >= 3)
                .filter_map(|&(t, at)| closest(&t.to_ascii_lowercase(), SELECTOR_TOKENS.iter().copied(), 2).map(|best| (t, at, best)))
                .collect();
            if known == 0 && misspelt.is_empty() {
                // Not a platform selector (conda-devenv `# [ MY_VAR ]`, `# [optional]`).
                continue;
            }
            comment_selector.get_or_insert(comment.range);
            let line_start = text[..comment.range.start].rfind('\n').map_or(0, |i| i + 1);
            let item = text[line_start..comment.range.start].trim().trim_start_matches('-').trim();
            if ignored && !item.is_empty() {
                let tools = match cx.settings.target {
                    Some(Target::Conda) => "conda ignores",
                    Some(Target::Mamba) => "mamba ignores",
                    Some(Target::Pixi) => "pixi ignores",
                    _ => "conda and mamba ignore",
                };
                cx.report(TextRange::new(inner_start - 1, inner_start + inner.len() + 1), format!("{tools} the comment selector `[{inner}]`: `{item}` is installed on every platform"))
                    .help("only conda-lock honours `# [...]` selectors: if conda-lock reads this file, add a `platforms:` key or set `target = \"conda-lock\"` in the configuration; for conda and mamba, keep platform-specific packages in a separate file per platform");
            }
            for (token, at, best) in misspelt {
                let range = TextRange::new(inner_start + at, inner_start + at + token.len());
                cx.report(range, format!("unknown selector `{token}`; conda-lock never selects the line"))
                    .help(format!("did you mean `{best}`?"));
            }
            if CONDA_LOCK_TOKENS.contains(&inner.trim()) || tokens.iter().any(|(t, _)| !is_known(t)) {
                continue;
            }
            cx.report(TextRange::new(inner_start, inner_start + inner.len()), format!("conda-lock cannot evaluate selector `[{inner}]` and drops the line on every platform"))
                .help("conda-lock reads exactly one of linux, linux64, aarch64, ppc64le, osx, osx64, arm64, unix, win, win64 per selector; split the line per platform");
        }
        // micromamba's `- sel(win): spec` entries (libmamba `api/install.cpp`, `eval_selector`).
        let mut sel_key: Option<TextRange> = None;
        for dep in env.dependency_items() {
            let (key, spec) = match dep {
                crate::model::Dependency::Conda(d) => match d.sel_key.as_deref() {
                    Some(key) => (key, Some(d)),
                    None => continue,
                },
                crate::model::Dependency::Subsection { keys, .. } => match keys.iter().find(|k| k.value.starts_with("sel(")) {
                    Some(key) => (key, None),
                    None => continue,
                },
                crate::model::Dependency::Pip(_) => continue,
            };
            sel_key.get_or_insert(key.range);
            let token = key.value.strip_prefix("sel(").and_then(|k| k.strip_suffix(')'));
            if !token.is_some_and(|t| MAMBA_TOKENS.contains(&t)) {
                let written = token.unwrap_or(&key.value["sel(".len()..]);
                let help = match mamba_token_for(written.trim()) {
                    Some(best) => format!("write `sel({best})`; micromamba reads only `sel(unix)`, `sel(linux)`, `sel(osx)` and `sel(win)`, without spaces"),
                    None => "micromamba reads only `sel(unix)`, `sel(linux)`, `sel(osx)` and `sel(win)`, without spaces".to_owned(),
                };
                cx.report(key.range, format!("micromamba aborts on `{}`: \"Couldn't parse selector\"", key.value)).help(help).severity(Severity::Error);
                continue;
            }
            let Some(spec) = spec else {
                cx.report(key.range, format!("the value of `{}` must be one package spec; micromamba aborts on any other value on that platform", key.value))
                    .help(format!("write one entry per package: `- {}: numpy=1.26`", key.value))
                    .severity(Severity::Error);
                continue;
            };
            let tool = match cx.settings.target {
                Some(Target::Conda) => "conda",
                Some(Target::CondaLock) => "conda-lock",
                _ => continue,
            };
            let help = if tool == "conda" {
                "`sel(...)` entries are micromamba's; for conda, keep platform-specific packages in a separate file per platform".to_owned()
            } else {
                format!("`sel(...)` entries are micromamba's; conda-lock reads the comment form, `- {}  # [{}]`", spec.raw, token.unwrap_or(""))
            };
            cx.report(key.range, format!("{tool} drops `{}: {}` without a word; `{}` is never installed", key.value, spec.raw, spec.raw)).help(help);
        }
        if let (Some(comment), Some(key)) = (comment_selector, sel_key) {
            cx.report(key, "both `# [...]` comment selectors and `sel(...)` keys in one file")
                .label(comment, "comment selector here")
                .help("micromamba honours only `sel(...)` keys and conda-lock only `# [...]` comments: no tool applies both; use one style throughout the file");
        }
    }
}

/// The selectors micromamba evaluates (`truthy_values` in libmamba `api/install.cpp`).
const MAMBA_TOKENS: &[&str] = &["unix", "linux", "osx", "win"];

/// The micromamba selector a near miss (`linux64`, ` linux`, `Win`) most likely means.
fn mamba_token_for(written: &str) -> Option<&'static str> {
    let lower = written.to_ascii_lowercase();
    let word = lower.trim();
    if let Some(&exact) = MAMBA_TOKENS.iter().find(|t| **t == word) {
        return Some(exact);
    }
    let family = [("linux", "linux"), ("aarch64", "linux"), ("ppc64le", "linux"), ("osx", "osx"), ("arm64", "osx"), ("win", "win"), ("unix", "unix")];
    family.iter().find(|(prefix, _)| word.starts_with(prefix)).map(|(_, t)| *t).or_else(|| closest(word, MAMBA_TOKENS.iter().copied(), 2))
}

/// Known selector tokens (conda-build and conda-lock platform names, and logic words).
const SELECTOR_TOKENS: &[&str] = &[
    "aarch64", "and", "arm64", "armv6l", "armv7l", "linux", "linux-32", "linux-64", "linux-aarch64", "linux-ppc64le",
    "linux32", "linux64", "not", "or", "osx", "osx-64", "osx-arm64", "osx64", "ppc64le", "s390x", "unix", "win",
    "win-32", "win-64", "win-arm64", "win32", "win64", "x86", "x86_64",
];

/// The selectors conda-lock evaluates (`conda_lock/src_parser/selectors.py`): one token each.
const CONDA_LOCK_TOKENS: &[&str] = &["aarch64", "arm64", "linux", "linux64", "osx", "osx64", "ppc64le", "unix", "win", "win64"];

fn is_known(token: &str) -> bool {
    SELECTOR_TOKENS.contains(&token)
}

/// Words of a selector with their byte offsets.
fn tokens(inner: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in inner.char_indices().chain(std::iter::once((inner.len(), ' '))) {
        let word = c.is_ascii_alphanumeric() || c == '_' || c == '-';
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((&inner[s..i], s));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    fn env014(path: &str, text: &str) -> usize {
        let source = crate::SourceFile::from_text(path, text);
        crate::lint(&source, &crate::Settings::default(), &crate::DiskFileSystem).iter().filter(|d| d.code == "ENV014").count()
    }

    #[test]
    fn comment_selectors_are_honoured_by_conda_devenv_and_conda_lock_files() {
        let text = "channels: [conda-forge]\ndependencies:\n  - python=3.12\n  - pywin32=306  # [win]\n";
        assert_eq!(env014("environment.yml", text), 1);
        assert_eq!(env014("environment.devenv.yml", text), 0);
        assert_eq!(env014("environment.yml", &format!("{text}platforms: [win-64]\n")), 0);
        // An own-line comment is not a selector on a line.
        assert_eq!(env014("environment.yml", "dependencies:\n  # [win]\n  - python=3.12\n"), 0);
    }
}
