use super::build_context_conflict::inline_start;
use super::*;
use crate::aml::CondaSpec;
use crate::model::PipItemKind;

declare_rule! {
    UserManagedIgnoresConda { code: "AML016", name: "user-managed-ignores-conda", severity: Warning, default_on: true, fix: None, document: Document::Aml }
    summary: "a v1 environment sets `userManagedDependencies: true` and also lists conda dependencies, which are never installed";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for e in &aml.environments {
            let Some(v1) = e.v1.as_deref() else { continue };
            let Some(user_managed) = v1.user_managed.as_ref().filter(|u| u.value) else { continue };
            for spec in &e.conda {
                let (at, what) = match spec {
                    CondaSpec::Inline(inline) => (inline_start(inline), "`python.condaDependencies`".to_owned()),
                    CondaSpec::File { path, .. } if path.written => (Some(path.path.range), format!("the conda file `{}`", path.path.value)),
                    // The conda_dependencies.yml `save_to_directory` wrote beside the definition:
                    // the SDK writes one for every environment (`PythonSection` starts with
                    // `CondaDependencies()`), so only one the user filled in is a finding.
                    CondaSpec::File { file, path } => {
                        if file.as_deref().is_none_or(|f| is_sdk_default(&f.env)) {
                            continue;
                        }
                        (None, format!("the `{}` beside the definition", path.path.value))
                    }
                };
                let diagnostic = cx.report(user_managed.range, format!("`userManagedDependencies` is true, so Azure ML ignores {what}"));
                if let Some(at) = at {
                    diagnostic.label(at, "never installed");
                }
                diagnostic.help("set `userManagedDependencies` to false to have Azure ML build the conda environment, or remove the conda dependencies and install the packages in the image");
            }
        }
    }
}

/// Whether a conda specification is what azureml-core's `CondaDependencies()` writes by
/// default: python (and pip), and in the pip section only `azureml-defaults` (and index
/// options, in old SDKs).
fn is_sdk_default(env: &EnvFile) -> bool {
    let conda = env.conda_deps().all(|d| {
        d.name().is_some_and(|n| n.value == "python" || n.value == "pip")
    });
    let pip = env.pip_items().all(|item| match &item.kind {
        PipItemKind::Requirement(r) => r.name.value == "azureml-defaults",
        PipItemKind::Option { .. } | PipItemKind::Comment => true,
        _ => false,
    });
    conda && pip
}
