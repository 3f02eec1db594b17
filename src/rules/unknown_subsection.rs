use super::*;

declare_rule! {
    UnknownSubsection { code: "ENV010", name: "unknown-subsection", severity: Error, default_on: true, fix: None }
    summary: "a mapping in `dependencies` that is not a single `pip:` section";
    fn check(env, cx) {
        for dep in env.dependency_items() {
            let crate::model::Dependency::Subsection { keys, range } = dep else { continue };
            if keys.iter().any(|k| k.value.starts_with("sel(")) {
                continue;
            }
            let (at, message) = match keys.as_slice() {
                [one] => (one.range, format!("`{}:` is not a dependency subsection; conda drops it silently", one.value)),
                [first, ..] => {
                    let names: Vec<String> = keys.iter().map(|k| format!("`{}`", k.value)).collect();
                    (first.range, format!("dependency item has several keys ({}); conda drops it silently", names.join(", ")))
                }
                [] => (*range, "empty mapping in `dependencies`; conda drops it silently".to_owned()),
            };
            cx.report(at, message).help("the only subsection conda installs is `- pip:` with a list of requirements");
        }
    }
}
