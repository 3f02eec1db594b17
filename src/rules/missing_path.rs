use super::*;
use crate::aml::CondaSpec;

declare_rule! {
    MissingPath { code: "AML006", name: "missing-path", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "a conda file, build context or Dockerfile the definition names is not there";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        let dir = definition_dir(&cx.source.path);
        for environment in &aml.environments {
            for spec in &environment.conda {
                let CondaSpec::File { path, .. } = spec else { continue };
                if path.exists != Some(false) || !path.written {
                    continue;
                }
                let key = if environment.v1.is_some() { "condaDependenciesFile" } else { "conda_file" };
                cx.report(path.path.range, format!("conda file `{}` not found", path.path.value.trim()))
                    .help(format!("`{key}` is a path relative to the definition's directory ({dir}); fix the path or add the file"));
            }
            let Some(build) = &environment.build else { continue };
            let Some(context) = &build.path else {
                cx.report(build.key, "`build` has no `path`: the build context directory is missing")
                    .help("set `path` to the directory that holds the Dockerfile, relative to the definition");
                continue;
            };
            if context.exists == Some(false) {
                cx.report(context.path.range, format!("build context directory `{}` not found", context.path.value.trim()))
                    .help(format!("`build.path` is a directory relative to the definition's directory ({dir})"));
                continue;
            }
            let Some(dockerfile) = build.dockerfile_path.as_ref().filter(|d| d.exists == Some(false)) else { continue };
            let context_shown = context.path.value.trim();
            if dockerfile.written {
                cx.report(dockerfile.path.range, format!("dockerfile `{}` not found in build context `{context_shown}`", dockerfile.path.value.trim()))
                    .help("`dockerfile_path` is relative to the build context (`build.path`), not to the definition");
            } else {
                cx.report(context.path.range, format!("build context `{context_shown}` has no `Dockerfile`"))
                    .help("Azure ML looks for a file named `Dockerfile` at the root of the build context; add it, or name yours with `dockerfile_path`");
            }
        }
    }
}

/// The directory a definition's relative paths start from, as shown in a help.
fn definition_dir(path: &str) -> String {
    match std::path::Path::new(path).parent().map(|p| p.to_string_lossy().into_owned()) {
        Some(p) if !p.is_empty() => format!("`{p}`"),
        _ => "the current directory".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::image_or_build_required::tests::findings;
    use crate::files::MemoryFileSystem;

    const SCHEMA: &str = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n";

    #[test]
    fn conda_files_contexts_and_dockerfiles() {
        let mut fs = MemoryFileSystem::new();
        fs.insert("/p/conda.yml", "channels: [conda-forge]\ndependencies: [python=3.11]\n");
        fs.insert("/p/ctx/Dockerfile", "FROM ubuntu:22.04\n");
        fs.insert("/p/ctx2/docker/train.Dockerfile", "FROM ubuntu:22.04\n");
        let lines = |text: &str| findings("/p/env.yml", text, &fs, "AML006").into_iter().map(|f| f.0).collect::<Vec<_>>();
        assert!(lines(&format!("{SCHEMA}image: u:1\nconda_file: conda.yml\n")).is_empty());
        assert_eq!(lines(&format!("{SCHEMA}image: u:1\nconda_file: envs/conda.yml\n")), [3]);
        assert!(lines(&format!("{SCHEMA}image: u:1\nconda_file: azureml://registries/r/environments/e/versions/1\n")).is_empty(), "not a path");
        assert!(lines(&format!("{SCHEMA}image: u:1\nconda_file: https://example.com/conda.yml\n")).is_empty(), "not a path");
        assert!(lines(&format!("{SCHEMA}build:\n  path: ctx\n")).is_empty(), "the default Dockerfile is there");
        assert_eq!(lines(&format!("{SCHEMA}build:\n  path: nowhere\n")), [3]);
        assert_eq!(lines(&format!("{SCHEMA}build:\n  path: ctx2\n")), [3], "no Dockerfile at the root of the context");
        assert!(lines(&format!("{SCHEMA}build:\n  path: ctx2\n  dockerfile_path: docker/train.Dockerfile\n")).is_empty());
        assert_eq!(lines(&format!("{SCHEMA}build:\n  path: ctx2\n  dockerfile_path: train.Dockerfile\n")), [4]);
        assert!(lines(&format!("{SCHEMA}build:\n  path: https://github.com/x/y.git#main:ctx\n")).is_empty(), "a URL context");
        assert_eq!(lines(&format!("{SCHEMA}build:\n  dockerfile_path: Dockerfile\n")), [2], "no context location");
        let found = findings("/p/env.yml", &format!("{SCHEMA}image: u:1\nconda_file: envs/conda.yml\n"), &fs, "AML006");
        assert_eq!(found[0].1, "conda file `envs/conda.yml` not found");
    }

    #[test]
    fn v1_conda_dependencies_file() {
        let mut fs = MemoryFileSystem::new();
        let text = "{\"python\": {\"condaDependenciesFile\": \"conda.yml\"}, \"docker\": {\"baseImage\": \"u:1\"}}";
        assert_eq!(findings("/v1/azureml_environment.json", text, &fs, "AML006").len(), 1);
        fs.insert("/v1/conda.yml", "dependencies: [python=3.8]\n");
        assert!(findings("/v1/azureml_environment.json", text, &fs, "AML006").is_empty());
        let null = "{\"python\": {\"condaDependenciesFile\": null}, \"docker\": {\"baseImage\": \"u:1\"}}";
        assert!(findings("/v1/azureml_environment.json", null, &fs, "AML006").is_empty());
    }
}
