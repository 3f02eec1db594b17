use super::*;

declare_rule! {
    MissingCondaDependencies { code: "AML008", name: "missing-conda-dependencies", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "a v1 environment lets Azure ML manage python but gives it no conda specification, or has no `python` section";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for e in &aml.environments {
            let Some(v1) = e.v1.as_deref() else { continue };
            let Some(python) = v1.python else {
                cx.report(TextRange::new(e.range.start, e.range.start + 1), "the definition has no `python` section")
                    .help("add a `python` section with `\"userManagedDependencies\": false` and the conda specification in `condaDependencies` (Azure ML: \"Python section missing\")");
                continue;
            };
            // `save_to_directory` moves `condaDependencies` to the sibling conda_dependencies.yml;
            // the lowering turns that file (and `condaDependenciesFile`) into a conda spec.
            // A build context brings its own python and may not have conda dependencies (AML014):
            // `Environment.from_docker_build_context` leaves `userManagedDependencies` false and
            // no conda specification.
            if v1.user_managed.as_ref().is_some_and(|u| u.value) || !e.conda.is_empty() || v1.build_context.is_some() {
                continue;
            }
            let (range, message) = match &v1.user_managed {
                Some(u) => (u.range, "`userManagedDependencies` is false but the environment has no conda specification"),
                None => (TextRange::new(python.start, python.start + 1), "Azure ML manages this python (`userManagedDependencies` defaults to false) but the environment has no conda specification"),
            };
            cx.report(range, message).help(
                "add `condaDependencies` (or a `conda_dependencies.yml` beside the definition) listing python and the packages, or set `userManagedDependencies` to true if the image brings its own python",
            );
        }
    }
}
