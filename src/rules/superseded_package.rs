use super::*;

declare_rule! {
    SupersededPackage { code: "CDA009", name: "superseded-package", severity: Info, default_on: true, fix: None }
    summary: "a package that was renamed or superseded on its channel";
    fn check(env, cx) {
        for dep in env.conda_deps() {
            let Some(name) = dep.name() else { continue };
            let Some(entry) = crate::data::superseded(name.value) else { continue };
            let help = match entry.replacement {
                Some(r) => format!("use `{r}` instead ({})", entry.source),
                None => format!("remove it ({})", entry.source),
            };
            cx.report(name.range, format!("`{}` is superseded: {}", name.value, entry.reason)).help(help);
        }
    }
}
