use super::*;

declare_rule! {
    OperatorSpacing { code: "CDA008", name: "operator-spacing", severity: Info, default_on: false, fix: None }
    summary: "spaces between an operator and its version";
    fn check(env, cx) {
        for dep in env.conda_deps().filter(|d| d.error.is_none()) {
            let Some(version) = dep.version() else { continue };
            let v = version.value;
            let spaced = v.char_indices().any(|(i, c)| "<>=!~,|".contains(c) && v[i + 1..].starts_with(char::is_whitespace));
            if spaced {
                let tight: String = v.chars().filter(|c| !c.is_whitespace()).collect();
                cx.report(version.range, format!("space after the operator in `{}`", dep.raw)).help(format!("write `{tight}`"));
            }
        }
    }
}
