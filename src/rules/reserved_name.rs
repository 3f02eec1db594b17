use super::*;
use crate::aml::Kind;

/// The prefixes Azure ML keeps for curated environments ("Curated prefix not allowed").
const RESERVED: &[&str] = &["azureml", "microsoft"];
/// The longest environment name Azure ML registers ("Environment name is too long").
const MAX_CHARS: usize = 255;

declare_rule! {
    ReservedName { code: "AML010", name: "reserved-name", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "an environment `name` starts with `AzureML` or `Microsoft` (reserved for curated environments) or is longer than 255 characters";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        // Only an environment definition registers a name: an inline environment of a job,
        // component or deployment is registered anonymously and its `name` is not used.
        if !matches!(aml.kind, Kind::Environment | Kind::V1Environment) {
            return;
        }
        for environment in &aml.environments {
            let Some(name) = &environment.name else { continue };
            let value = name.value.trim();
            let lower = value.to_ascii_lowercase();
            if let Some(prefix) = RESERVED.iter().find(|p| lower.starts_with(**p)) {
                let written = &value[..prefix.len()];
                let d = cx.report(name.range, format!("environment name `{value}` starts with `{written}`, a prefix reserved for curated environments"));
                match environment.version.as_ref().map(|v| v.text.value.trim()).filter(|v| !v.is_empty()) {
                    Some(version) => d.help(format!(
                        "a copy of a curated environment cannot be registered under its name: reference the curated one (`azureml:{value}:{version}`) or give the copy a name of your own"
                    )),
                    None => d.help("give the environment a name that does not start with `AzureML` or `Microsoft`"),
                };
            } else if value.chars().count() > MAX_CHARS {
                cx.report(name.range, format!("environment name is {} characters long; Azure ML allows at most {MAX_CHARS}", value.chars().count()))
                    .help("shorten the name to 255 characters or fewer");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::image_or_build_required::tests::findings;
    use crate::files::MemoryFileSystem;

    #[test]
    fn reserved_prefixes_and_long_names() {
        let fs = MemoryFileSystem::new();
        let env = |name: &str| format!("$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: {name}\nimage: u:1\n");
        let lines = |text: &str| findings("/p/env.yml", text, &fs, "AML010").into_iter().map(|f| f.0).collect::<Vec<_>>();
        assert_eq!(lines(&env("AzureML-sklearn")), [2]);
        assert_eq!(lines(&env("azureml_custom")), [2]);
        assert_eq!(lines(&env("MICROSOFT-env")), [2]);
        assert!(lines(&env("my-AzureML-env")).is_empty());
        assert!(lines(&env("AutoML-AzureML-AutoML")).is_empty());
        assert_eq!(lines(&env(&"e".repeat(256))), [2]);
        assert!(lines(&env(&"e".repeat(255))).is_empty());
        let job = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\nenvironment:\n  name: AzureML-inline\n  image: u:1\n";
        assert!(findings("/p/job.yml", job, &fs, "AML010").is_empty(), "an inline environment's name is not registered");
        let reference = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\nenvironment: azureml:AzureML-sklearn-1.5@latest\n";
        assert!(findings("/p/job.yml", reference, &fs, "AML010").is_empty(), "a reference to a curated environment");
        let v1 = "{\"name\": \"AzureML-AutoML\", \"version\": \"131\", \"python\": {}, \"docker\": {\"baseImage\": \"u:1\"}}";
        assert_eq!(findings("/v1/azureml_environment.json", v1, &fs, "AML010").len(), 1);
    }
}
