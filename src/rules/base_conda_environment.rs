use super::*;

declare_rule! {
    BaseCondaEnvironment { code: "AML019", name: "base-conda-environment", severity: Warning, default_on: true, fix: None, document: Document::Aml }
    summary: "a v1 environment sets `python.baseCondaEnvironment`, so it is built as a partial update";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for e in &aml.environments {
            let Some(base) = e.v1.as_deref().and_then(|v1| v1.base_conda_environment.as_ref()) else { continue };
            cx.report(base.range, "`baseCondaEnvironment` makes the environment a partial update of an existing conda environment")
                .help("remove `baseCondaEnvironment` and list every package the environment needs in its conda specification: partial updates can lead to dependency conflicts");
        }
    }
}
