use super::*;

declare_rule! {
    DuplicatePackage { code: "CDA003", name: "duplicate-package", severity: Warning, default_on: true, fix: None }
    summary: "the same conda package is listed twice";
    fn check(env, cx) {
        // The first spec of each (name, selector): linear in the number of dependencies.
        let mut first_of: crate::HashMap<(&str, Option<&str>), &crate::model::CondaDep> = crate::HashMap::default();
        for dep in env.conda_deps() {
            let Some(name) = dep.name.as_ref().map(|n| n.value.as_str()) else { continue };
            let selector = dep.selector.as_ref().map(|s| s.value.trim());
            let first = *first_of.entry((name, selector)).or_insert(dep);
            if std::ptr::eq(first, dep) {
                continue;
            }
            cx.report(dep.range, format!("package `{name}` is listed twice (`{}` and `{}`)", first.raw, dep.raw))
                .label(first.range, "first listed here")
                .help("keep one spec; conda applies both, and the solve fails when they conflict");
        }
    }
}
