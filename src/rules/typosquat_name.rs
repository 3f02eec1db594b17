use super::*;

declare_rule! {
    TyposquatName { code: "SEC004", name: "typosquat-name", severity: Warning, default_on: true, fix: None }
    summary: "a pip name one typo away from a very popular PyPI project";
    fn check(env, cx) {
        use crate::model::PipItemKind;
        for (item, file) in env.all_pip_items() {
            let PipItemKind::Requirement(req) = &item.kind else { continue };
            let name = req.name.value.as_str();
            if name.len() <= 4 || crate::data::is_known_pypi(name) {
                continue;
            }
            let Some(target) = crate::data::popular_pypi().iter().copied().find(|p| p.len() > 4 && one_typo(name, p)) else { continue };
            cx.report_in(file.map(|f| &f.source), req.name.range, format!("`{name}` is one typo away from the popular project `{target}`"))
                .help(format!("did you mean `{target}`? typosquatted names on PyPI often carry malware"));
        }
    }
}

/// Edit distance 1, or two adjacent characters swapped. A name that is the target cut short
/// (`celer` for `celery`) is not counted: real projects are often named that way.
fn one_typo(a: &str, b: &str) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 1 || b.starts_with(a) {
        return false;
    }
    if edit_distance(a, b) == 1 {
        return true;
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.len() != y.len() {
        return false;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && x[*i] == y[*j] && x[*j] == y[*i])
}
