use super::*;
use crate::model::Root;

declare_rule! {
    MissingDependencies { code: "ENV005", name: "missing-dependencies", severity: Error, default_on: true, fix: None }
    summary: "the file has no `dependencies` key";
    fn check(env, cx) {
        let Root::Mapping(range) = env.root else { return };
        if env.keys.iter().any(|k| k.name.value == "dependencies") {
            return;
        }
        let at = env.keys.first().map_or(TextRange::empty(range.start), |k| k.name.range);
        cx.report(at, "no `dependencies` key; conda would create an environment without packages")
            .help("add a `dependencies:` list with the packages to install");
    }
}
