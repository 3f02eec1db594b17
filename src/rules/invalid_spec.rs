use super::*;

declare_rule! {
    InvalidSpec { code: "CDA001", name: "invalid-spec", severity: Error, default_on: true, fix: None }
    summary: "a conda dependency is not a valid package spec";
    fn check(env, cx) {
        for dep in env.conda_deps() {
            let Some(error) = &dep.error else { continue };
            let help = if dep.raw.contains('[') {
                // One help for every bracket case: conda's brackets hold `key=value` pairs.
                "conda brackets hold `key=value` pairs, as in `numpy[version='>=1.26,<2']`; extras (`name[extra]`) are pip syntax: list the package under `- pip:`"
            } else if dep.raw.contains("=>") || dep.raw.contains("=<") {
                "write the operator as `>=` or `<=`"
            } else {
                "write `name`, `name=1.2`, `name>=1.2,<2` or `channel::name=1.2=build`"
            };
            let message = error.message.trim_end_matches('.');
            cx.report(error.range, format!("invalid conda spec `{}`: {}", dep.raw, lowercase_first(message)))
                .help(help);
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}
