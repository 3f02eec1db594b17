use super::*;

declare_rule! {
    DeprecatedDockerSetting { code: "AML013", name: "deprecated-docker-setting", severity: Info, default_on: true, fix: None, document: Document::Aml }
    summary: "a v1 environment sets a deprecated `docker` attribute, or has an `r` section";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for e in &aml.environments {
            let Some(v1) = e.v1.as_deref() else { continue };
            for (key, _, is_default) in &v1.docker_settings {
                if *is_default {
                    continue;
                }
                let help = match key.value.as_str() {
                    "enabled" => "remove it and run in Docker through `DockerConfiguration(use_docker=True)` on the run configuration",
                    "arguments" => "remove it and pass the arguments through `DockerConfiguration(arguments=[...])` on the run configuration",
                    "sharedVolumes" => "remove it and set `DockerConfiguration(shared_volumes=...)` on the run configuration",
                    "shmSize" => "remove it and set `DockerConfiguration(shm_size=...)` on the run configuration",
                    _ => "remove it: Azure ML detects and uses the NVIDIA Docker extension when it is available",
                };
                cx.report(key.range, format!("`docker.{}` is deprecated", key.value)).help(help);
            }
            if let Some(r) = v1.r {
                cx.report(TextRange::new(r.start, r.start + 1), "the `r` section is deprecated")
                    .help("remove the `r` section (`env.r = None`): the Azure ML SDK for R was deprecated at the end of 2021; use the Azure ML CLI v2 for R jobs");
            }
        }
    }
}
