use std::sync::Arc;

use super::*;
use crate::aml::Environment;

declare_rule! {
    ImageOrBuildRequired { code: "AML001", name: "image-or-build-required", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "an environment needs exactly one Docker option: `image` or `build` (v1: `baseImage`, `baseDockerfile` or `buildContext`)";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for environment in &aml.environments {
            match environment.v1.as_deref() {
                Some(_) => v1(environment, cx),
                None => v2(environment, cx),
            }
        }
    }
}

/// The first line of a range, without its line break or trailing blanks: where a finding about
/// a whole mapping points.
pub(super) fn first_line(text: &str, range: TextRange) -> TextRange {
    let slice = &text[range.start..range.end];
    let line = slice.split('\n').next().unwrap_or("");
    let line = line[..crate::syntax::comment_start(line).unwrap_or(line.len())].trim_end();
    TextRange::new(range.start, range.start + line.len())
}

fn v2(environment: &Environment, cx: &mut LintContext<'_>) {
    let image = environment.image.as_ref().filter(|i| !i.value.trim().is_empty()).and(environment.image_key);
    match (image, &environment.build) {
        (Some(image), Some(build)) => {
            cx.report(build.key, "environment sets both `image` and `build`; Azure ML takes one of them")
                .label(image, "the image is set here too")
                .help("keep `image` (with `conda_file`) or `build` (a Dockerfile that installs everything), and delete the other");
        }
        (None, None) => {
            let at = environment.conda_file_key.unwrap_or_else(|| first_line(&cx.source.text, environment.range));
            let what = if environment.conda_file_key.is_some() { "environment has a `conda_file` but neither `image` nor `build`" } else { "environment has neither `image` nor `build`" };
            cx.report(at, what).help(
                "add the Docker image the conda environment is built on, for example `image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:<tag>`, or a `build` context with a Dockerfile",
            );
        }
        _ => {}
    }
}

/// A v1 Docker option: its name as `azureml_environment.json` spells it, and where it is set
/// (a range in the definition, or the sibling `BaseDockerfile`).
struct Option1 {
    name: &'static str,
    range: TextRange,
    file: Option<Arc<crate::source::SourceFile>>,
}

fn v1(environment: &Environment, cx: &mut LintContext<'_>) {
    let Some(v1) = environment.v1.as_deref() else { return };
    let mut options = Vec::new();
    if let (Some(_), Some(key)) = (&environment.image, environment.image_key) {
        options.push(Option1 { name: "baseImage", range: key, file: None });
    }
    if let Some(dockerfile) = &v1.base_dockerfile {
        options.push(Option1 { name: "baseDockerfile", range: dockerfile.range, file: None });
    }
    if let Some(dockerfile) = &v1.dockerfile {
        let range = first_line(&dockerfile.text, TextRange::new(0, dockerfile.text.len()));
        options.push(Option1 { name: "BaseDockerfile", range, file: Some(dockerfile.clone()) });
    }
    if let Some(context) = &v1.build_context {
        options.push(Option1 { name: "buildContext", range: context.range, file: None });
    }
    match options.len() {
        0 => {
            let Some(docker) = v1.docker else { return };
            cx.report(docker, "docker section sets none of `baseImage`, `baseDockerfile` and `buildContext`").help(
                "set `baseImage` to the image to build on (for example `mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:<tag>`), or give a Dockerfile or a build context",
            );
        }
        1 => {}
        _ => {
            // The finding is in the definition: at the last option set there.
            let Some(at) = options.iter().rposition(|o| o.file.is_none()) else { return };
            let names: Vec<String> = options.iter().map(|o| match o.file {
                None => format!("`{}`", o.name),
                Some(_) => "a `BaseDockerfile` beside the definition".to_owned(),
            }).collect();
            let d = cx.report(options[at].range, format!("docker section sets {}; Azure ML takes exactly one", join(&names)));
            for option in options.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, o)| o) {
                let message = match option.file {
                    None => format!("`{}` is set here too", option.name),
                    Some(_) => "`load_from_directory` reads this file as `baseDockerfile`".to_owned(),
                };
                d.label_in(option.file.as_ref(), option.range, message);
            }
            d.help("keep one Docker option and set the others to null");
        }
    }
}

fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::files::MemoryFileSystem;
    use crate::settings::Settings;
    use crate::source::SourceFile;

    pub(crate) fn findings(path: &str, text: &str, fs: &MemoryFileSystem, code: &str) -> Vec<(usize, String)> {
        let source = SourceFile::from_text(path, text);
        crate::linter::check(&source, &Settings::all(), fs)
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| (d.file.as_ref().map_or(&source, |f| &**f).line_col(d.primary.range.start).0, d.message))
            .collect()
    }

    const SCHEMA: &str = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n";

    #[test]
    fn v2_neither_or_both() {
        let fs = MemoryFileSystem::new();
        let none = format!("{SCHEMA}name: x\nconda_file: conda.yml\n");
        assert_eq!(findings("/p/env.yml", &none, &fs, "AML001"), [(3, "environment has a `conda_file` but neither `image` nor `build`".to_owned())]);
        let both = format!("{SCHEMA}name: x\nimage: ubuntu:22.04\nbuild:\n  path: ctx\n");
        assert_eq!(findings("/p/env.yml", &both, &fs, "AML001").iter().map(|f| f.0).collect::<Vec<_>>(), [4]);
        let one = format!("{SCHEMA}name: x\nimage: ubuntu:22.04\n");
        assert!(findings("/p/env.yml", &one, &fs, "AML001").is_empty());
        let null = format!("{SCHEMA}name: x\nimage:\n");
        assert_eq!(findings("/p/env.yml", &null, &fs, "AML001").iter().map(|f| f.0).collect::<Vec<_>>(), [1]);
        let job = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: python x.py\nenvironment:\n  conda_file: conda.yml\n";
        assert_eq!(findings("/p/job.yml", job, &fs, "AML001").iter().map(|f| f.0).collect::<Vec<_>>(), [4]);
        let reference = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\nenvironment: azureml:my-env:1\n";
        assert!(findings("/p/job.yml", reference, &fs, "AML001").is_empty());
    }

    #[test]
    fn v1_counts_the_sibling_base_dockerfile() {
        let mut fs = MemoryFileSystem::new();
        let image = "{\n    \"python\": {\"userManagedDependencies\": true},\n    \"docker\": {\n        \"baseImage\": \"ubuntu:20.04\",\n        \"baseDockerfile\": null\n    }\n}\n";
        assert!(findings("/v1/azureml_environment.json", image, &fs, "AML001").is_empty());
        let none = image.replace("\"ubuntu:20.04\"", "null");
        assert_eq!(findings("/v1/azureml_environment.json", &none, &fs, "AML001").iter().map(|f| f.0).collect::<Vec<_>>(), [3]);
        fs.insert("/v1/BaseDockerfile", "FROM ubuntu:20.04\n");
        assert!(findings("/v1/azureml_environment.json", &none, &fs, "AML001").is_empty(), "the sibling BaseDockerfile is the Docker option");
        let found = findings("/v1/azureml_environment.json", image, &fs, "AML001");
        assert_eq!(found, [(4, "docker section sets `baseImage` and a `BaseDockerfile` beside the definition; Azure ML takes exactly one".to_owned())]);
        let three = "{\"python\": {}, \"docker\": {\"baseImage\": \"a:1\", \"baseDockerfile\": \"FROM b:1\", \"buildContext\": {\"locationType\": \"git\", \"location\": \"https://x\"}}}";
        let found = findings("/v2/azureml_environment.json", three, &fs, "AML001");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "docker section sets `baseImage`, `baseDockerfile` and `buildContext`; Azure ML takes exactly one");
    }
}
