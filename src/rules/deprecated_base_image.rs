use super::aml_docker::images;
use super::*;
use crate::aml::image;

declare_rule! {
    DeprecatedBaseImage { code: "AML009", name: "deprecated-base-image", severity: Warning, default_on: true, fix: None, document: Document::Aml }
    summary: "an Azure ML base image is on Azure ML's list of deprecated images";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for site in images(aml, cx.source) {
            let Ok(reference) = image::parse(&site.image) else { continue };
            let Some(entry) = image::deprecated(&reference) else { continue };
            let at = site.range(reference.path_range);
            let message = format!("{} {} is a deprecated Azure ML base image (`{}`)", site.what(), site.shown(), entry.name);
            let successor = if entry.name.contains("cuda") || entry.name.contains("gpu") {
                "mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.8-cudnn8-ubuntu22.04"
            } else {
                "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04"
            };
            site.report(cx, at, message).help(format!(
                "move to a supported image, e.g. `{successor}:<version>` (the list: https://github.com/Azure/AzureML-Containers); Azure ML (\"Base image is deprecated\"): \"Azure Machine Learning doesn't update or maintain these images, so they're at risk of vulnerabilities\""
            ));
        }
    }
}
