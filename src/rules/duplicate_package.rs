use super::*;

declare_rule! {
    DuplicatePackage { code: "CDA003", name: "duplicate-package", severity: Warning, default_on: true, fix: None }
    summary: "the same conda package is listed twice";
    fn check(env, cx) {
        let deps: Vec<_> = env.conda_deps().filter(|d| d.name.is_some()).collect();
        for (i, dep) in deps.iter().enumerate() {
            let name = &dep.name.as_ref().expect("filtered").value;
            let selector = dep.selector.as_ref().map(|s| s.value.trim());
            let Some(first) = deps[..i]
                .iter()
                .find(|d| d.name.as_ref().is_some_and(|n| &n.value == name) && d.selector.as_ref().map(|s| s.value.trim()) == selector)
            else {
                continue;
            };
            cx.report(dep.range, format!("package `{name}` is listed twice (`{}` and `{}`)", first.raw, dep.raw))
                .label(first.range, "first listed here")
                .help("keep one spec; conda applies both, and the solve fails when they conflict");
        }
    }
}
