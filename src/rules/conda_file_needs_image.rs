use super::*;

declare_rule! {
    CondaFileNeedsImage { code: "AML002", name: "conda-file-needs-image", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "`conda_file` is set together with `build`: a conda environment is built on an `image`, a build context brings its own";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for environment in aml.environments.iter().filter(|e| e.v1.is_none()) {
            let (Some(conda), Some(build)) = (environment.conda_file_key, &environment.build) else { continue };
            cx.report(conda, "`conda_file` cannot be used with `build`; Azure ML builds a conda file only on top of an `image`")
                .label(build.key, "the environment is built from this Docker build context")
                .help("move the conda file into the build context and create the environment in the Dockerfile (`COPY conda.yml .` and `RUN conda env update -n base -f conda.yml`), or replace `build` with `image`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::image_or_build_required::tests::findings;
    use crate::files::MemoryFileSystem;

    #[test]
    fn conda_file_with_build() {
        let mut fs = MemoryFileSystem::new();
        fs.insert("/p/conda.yml", "dependencies: [python=3.11]\n");
        fs.insert("/p/ctx/Dockerfile", "FROM ubuntu:22.04\n");
        let text = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: x\nbuild:\n  path: ctx\nconda_file: conda.yml\n";
        assert_eq!(findings("/p/env.yml", text, &fs, "AML002").iter().map(|f| f.0).collect::<Vec<_>>(), [5]);
        let image = text.replace("build:\n  path: ctx\n", "image: ubuntu:22.04\n");
        assert!(findings("/p/env.yml", &image, &fs, "AML002").is_empty());
        let job = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\nenvironment:\n  build:\n    path: ctx\n  conda_file:\n    dependencies: [python=3.11]\n";
        assert_eq!(findings("/p/job.yml", job, &fs, "AML002").iter().map(|f| f.0).collect::<Vec<_>>(), [5]);
    }
}
