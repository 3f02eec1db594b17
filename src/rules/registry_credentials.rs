use super::*;

declare_rule! {
    RegistryCredentials { code: "AML012", name: "registry-credentials", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "a container registry username or password is written in the definition";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for e in &aml.environments {
            if let Some(v1) = e.v1.as_deref() {
                for (key, value) in &v1.registry_credentials {
                    cx.report(value.range, format!("a registry {key} is written in `docker.baseImageRegistry.{key}`"))
                        .help(HELP);
                }
            }
            let Some(image) = &e.image else { continue };
            let Some(info) = crate::aml::image::userinfo(&image.value) else { continue };
            // The value's text inside its range (a quoted scalar's range has the quotes).
            let written = cx.source.slice(image.range);
            let Some(offset) = written.find(image.value.as_str()) else { continue };
            let start = image.range.start + offset;
            let what = if image.value[info.start..info.end].contains(':') { "a username and password" } else { "a username" };
            cx.report(TextRange::new(start + info.start, start + info.end), format!("the image reference carries {what} before the registry"))
                .help("write the image without credentials (`registry/repository:tag`); the registry is reached through a workspace connection, and the exposed password should be rotated");
        }
    }
}

const HELP: &str = "delete the credentials from the definition and create a workspace connection to the registry instead (`az ml connection create`); rotate the exposed password";
