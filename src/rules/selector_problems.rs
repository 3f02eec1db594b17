use super::*;

declare_rule! {
    SelectorProblems { code: "ENV014", name: "selector-problems", severity: Warning, default_on: true, fix: None }
    summary: "a platform selector is misspelt, too complex for conda-lock, or mixes styles";
    fn check(env, cx) {
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
            for (token, at, best) in misspelt {
                let range = TextRange::new(inner_start + at, inner_start + at + token.len());
                cx.report(range, format!("unknown selector `{token}`; the line is never selected"))
                    .help(format!("did you mean `{best}`?"));
            }
            if CONDA_LOCK_TOKENS.contains(&inner.trim()) || tokens.iter().any(|(t, _)| !is_known(t)) {
                continue;
            }
            cx.report(TextRange::new(inner_start, inner_start + inner.len()), format!("conda-lock cannot evaluate selector `[{inner}]` and drops the line on every platform"))
                .help("conda-lock reads exactly one of linux, linux64, aarch64, ppc64le, osx, osx64, arm64, unix, win, win64 per selector; split the line per platform");
        }
        let mut sel_key: Option<TextRange> = None;
        for dep in env.dependency_items() {
            let crate::model::Dependency::Subsection { keys, .. } = dep else { continue };
            for key in keys.iter().filter(|k| k.value.starts_with("sel(")) {
                sel_key.get_or_insert(key.range);
                let platform = key.value.trim_start_matches("sel(").trim_end_matches(')').trim();
                if !is_known(platform) {
                    let help = match closest(platform, SELECTOR_TOKENS.iter().copied(), 2) {
                        Some(best) => format!("did you mean `sel({best})`?"),
                        None => "conda-lock knows `sel(linux)`, `sel(osx)`, `sel(win)` and `sel(unix)`".to_owned(),
                    };
                    cx.report(key.range, format!("`{}` names no platform conda-lock knows", key.value)).help(help);
                }
            }
        }
        if let (Some(comment), Some(key)) = (comment_selector, sel_key) {
            cx.report(key, "both `# [...]` comment selectors and `sel(...)` keys in one file")
                .label(comment, "comment selector here")
                .help("conda-lock reads either style; use one of them throughout the file");
        }
    }
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
