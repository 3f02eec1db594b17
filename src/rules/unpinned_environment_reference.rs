use super::*;

declare_rule! {
    UnpinnedEnvironmentReference { code: "AML015", name: "unpinned-environment-reference", severity: Warning, default_on: true, fix: None, document: Document::Aml }
    summary: "a job, component or deployment uses a registered environment by `@latest`, the `latest` label, or no version at all";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for reference in &aml.references {
            let value = reference.value.value.trim();
            let Some(unpinned) = unpinned(value) else { continue };
            let (message, help) = match &unpinned {
                Unpinned::Latest { name, registry } => (
                    format!("environment `{name}` is taken at its latest version; each submission may run on a different one"),
                    pin_help(name, registry.as_deref()),
                ),
                Unpinned::NoVersion { name, registry } => (
                    format!("environment `{name}` is referenced without a version"),
                    pin_help(name, registry.as_deref()),
                ),
            };
            cx.report(reference.value.range, message).help(help);
        }
    }
}

enum Unpinned {
    Latest { name: String, registry: Option<String> },
    NoVersion { name: String, registry: Option<String> },
}

fn pin_help(name: &str, registry: Option<&str>) -> String {
    match registry {
        Some(r) => format!(
            "pin the version the job was tested with: `azureml://registries/{r}/environments/{name}/versions/<version>` (`az ml environment show --name {name} --registry-name {r} --label latest` prints the current one)"
        ),
        None => format!(
            "pin the version the job was tested with: `azureml:{name}:<version>` (`az ml environment show --name {name} --label latest` prints the current one)"
        ),
    }
}

/// Whether an `environment:` reference leaves the version to the service. The forms
/// (reference-yaml-core-syntax, "Referencing an Azure Machine Learning asset"):
/// `azureml:NAME:VERSION` and the ARM id `azureml:/subscriptions/…/environments/NAME/versions/V`
/// are pinned, `azureml:NAME@latest` is the latest version; registries use
/// `azureml://registries/R/environments/NAME/versions/V` and `…/labels/latest`. A label other
/// than `latest` is a pointer its owners move on purpose, like a Docker tag other than
/// `latest` (AML004): not reported.
fn unpinned(value: &str) -> Option<Unpinned> {
    let rest = value.strip_prefix("azureml:")?;
    if let Some(path) = rest.strip_prefix("//").or_else(|| rest.strip_prefix('/')) {
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let at = parts.iter().position(|p| *p == "environments")?;
        let registry = parts.iter().position(|p| *p == "registries").and_then(|i| parts.get(i + 1)).map(|r| (*r).to_owned());
        let raw = *parts.get(at + 1)?;
        let (name, label) = match raw.split_once('@') {
            Some((n, l)) => (n, Some(l)),
            None => (raw, None),
        };
        let name = name.to_owned();
        return match (label, parts.get(at + 2).copied(), parts.get(at + 3).copied()) {
            (Some(l), _, _) if l.eq_ignore_ascii_case("latest") => Some(Unpinned::Latest { name, registry }),
            (Some(_), _, _) => None,
            (None, Some("versions"), Some(v)) if !v.is_empty() => None,
            (None, Some("labels"), Some(l)) if l.eq_ignore_ascii_case("latest") => Some(Unpinned::Latest { name, registry }),
            (None, Some("labels"), Some(_)) => None,
            _ => Some(Unpinned::NoVersion { name, registry }),
        };
    }
    if let Some((name, label)) = rest.split_once('@') {
        return label.trim().eq_ignore_ascii_case("latest").then(|| Unpinned::Latest { name: name.to_owned(), registry: None });
    }
    match rest.split_once(':') {
        Some((_, version)) if !version.trim().is_empty() => None,
        Some((name, _)) => Some(Unpinned::NoVersion { name: name.to_owned(), registry: None }),
        None => Some(Unpinned::NoVersion { name: rest.to_owned(), registry: None }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::image_or_build_required::tests::findings;
    use super::*;
    use crate::files::MemoryFileSystem;

    fn kind(value: &str) -> &'static str {
        match unpinned(value) {
            Some(Unpinned::Latest { .. }) => "latest",
            Some(Unpinned::NoVersion { .. }) => "none",
            None => "pinned",
        }
    }

    #[test]
    fn reference_forms() {
        assert_eq!(kind("azureml:AzureML-lightgbm-3.3@latest"), "latest");
        assert_eq!(kind("azureml:my-env"), "none");
        assert_eq!(kind("azureml:my-env:1"), "pinned");
        assert_eq!(kind("azureml:nccltests_azureml:openmpi4.1.0-cuda11.1-cudnn8-ubuntu18.04"), "pinned");
        assert_eq!(kind("azureml:AzureML-AutoML@prod"), "pinned");
        assert_eq!(kind("azureml://registries/azureml/environments/sklearn-1.5/labels/latest"), "latest");
        assert_eq!(kind("azureml://registries/azureml/environments/model-evaluation/versions/6"), "pinned");
        assert_eq!(kind("azureml://registries/azureml/environments/sklearn-1.5"), "none");
        assert_eq!(kind("azureml://registries/azureml/environments/sklearn-1.5@latest"), "latest");
        assert_eq!(kind("azureml:/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w/environments/e/versions/3"), "pinned");
        assert_eq!(kind("azureml:/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w/environments/e"), "none");
    }

    #[test]
    fn in_jobs_steps_and_deployments() {
        let fs = MemoryFileSystem::new();
        let pipeline = "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\njobs:\n  a:\n    environment: azureml://registries/azureml/environments/sklearn-1.5/labels/latest\n  b:\n    environment: azureml:my-env:3\n  c:\n    environment: azureml:my-env@latest\n";
        assert_eq!(findings("/p/pipeline.yml", pipeline, &fs, "AML015").iter().map(|f| f.0).collect::<Vec<_>>(), [4, 8]);
        let found = findings("/p/pipeline.yml", pipeline, &fs, "AML015");
        assert_eq!(found[0].1, "environment `sklearn-1.5` is taken at its latest version; each submission may run on a different one");
    }
}
