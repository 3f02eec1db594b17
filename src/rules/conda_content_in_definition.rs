use super::*;

declare_rule! {
    CondaContentInDefinition { code: "AML003", name: "conda-content-in-definition", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "`channels` or `dependencies` is written at the top of an Azure ML environment definition instead of in its conda file";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for environment in &aml.environments {
            for key in &environment.conda_keys {
                let d = cx.report(key.range, format!("`{}` belongs in the conda file, not in the environment definition", key.value));
                if let Some(conda) = environment.conda_file_key {
                    d.label(conda, "the conda specification is here");
                }
                d.help("move `channels` and `dependencies` into a conda file and name it with `conda_file: conda.yml` (or nest them under `conda_file:`)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::image_or_build_required::tests::findings;
    use crate::files::MemoryFileSystem;

    #[test]
    fn top_level_conda_keys() {
        let fs = MemoryFileSystem::new();
        let text = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: x\nimage: ubuntu:22.04\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n";
        assert_eq!(findings("/p/env.yml", text, &fs, "AML003").iter().map(|f| f.0).collect::<Vec<_>>(), [4, 6]);
        let nested = "image: ubuntu:22.04\nconda_file:\n  channels: [conda-forge]\n  dependencies: [python=3.11]\n";
        assert!(findings("/p/env.yml", nested, &fs, "AML003").is_empty());
        let job = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ndependencies: [x]\nenvironment:\n  image: ubuntu:22.04\n";
        assert!(findings("/p/job.yml", job, &fs, "AML003").is_empty(), "only an environment definition itself");
    }
}
