use super::*;
use crate::aml::CondaSpec;

declare_rule! {
    BuildContextConflict { code: "AML014", name: "build-context-conflict", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "a v1 environment with a Docker build context also sets conda dependencies, environment variables, Spark packages or an `r` section";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for e in &aml.environments {
            let Some(v1) = e.v1.as_deref() else { continue };
            let Some(context) = &v1.build_context else { continue };
            let context = TextRange::new(context.range.start, context.range.start + 1);
            let mut conflicts: Vec<(Option<TextRange>, String)> = Vec::new();
            for spec in &e.conda {
                match spec {
                    CondaSpec::Inline(inline) => conflicts.push((inline_start(inline), "conda dependencies (`python.condaDependencies`)".into())),
                    CondaSpec::File { path, .. } if path.written => conflicts.push((Some(path.path.range), format!("a conda file (`{}`)", path.path.value))),
                    CondaSpec::File { path, .. } => conflicts.push((None, format!("conda dependencies (the `{}` beside the definition)", path.path.value))),
                }
            }
            if let Some(vars) = v1.environment_variables {
                conflicts.push((Some(TextRange::new(vars.start, vars.start + 1)), "environment variables".into()));
            }
            if let Some(packages) = v1.spark_packages {
                conflicts.push((Some(TextRange::new(packages.start, packages.start + 1)), "Spark packages".into()));
            }
            if let Some(r) = v1.r {
                conflicts.push((Some(TextRange::new(r.start, r.start + 1)), "an `r` section".into()));
            }
            for (range, what) in conflicts {
                let diagnostic = cx.report(range.unwrap_or(context), format!("{what} cannot be combined with `docker.buildContext`"));
                if range.is_some() {
                    diagnostic.label(context, "the Docker build context");
                }
                diagnostic.help("remove it: with a build context the image is built from its Dockerfile alone; put the conda specification in the build context and install it in the Dockerfile");
            }
        }
    }
}

/// The first character of an inline conda specification's mapping.
pub(crate) fn inline_start(inline: &EnvFile) -> Option<TextRange> {
    match inline.root {
        crate::model::Root::Mapping(r) => Some(TextRange::new(r.start, r.start + 1)),
        _ => None,
    }
}
