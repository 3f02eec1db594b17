use super::aml_docker::{dockerfiles, line_at, DockerfileKind};
use super::*;
use crate::aml::dockerfile::MAX_BYTES;

declare_rule! {
    DockerfileTooLarge { code: "AML018", name: "dockerfile-too-large", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "an Azure ML environment's Dockerfile is over Azure ML's 100 KB limit";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for site in dockerfiles(aml, cx.source) {
            let size = site.text.len();
            if size <= MAX_BYTES {
                continue;
            }
            let what = if site.kind == DockerfileKind::V1Inline { "the inline `baseDockerfile`" } else { "this Dockerfile" };
            let message = format!("{what} is {size} bytes, over Azure ML's limit of 100 KB ({MAX_BYTES} bytes)");
            let help = "Azure ML (\"Dockerfile length over limit\"): \"Shorten your Dockerfile to get it under this limit\"; move long scripts into files of the build context and `COPY` them, or install from a requirements or conda file";
            match (site.kind, site.context) {
                // Inline `baseDockerfile`: on its key in the definition.
                (DockerfileKind::V1Inline, Some(key)) => {
                    cx.report(key, message).help(help);
                }
                // Its own file: on the line where the limit is passed.
                _ => {
                    let mut at = MAX_BYTES;
                    while !site.text.is_char_boundary(at) {
                        at -= 1;
                    }
                    site.report(cx, line_at(site.text, at), message)
                        .primary_label("the limit is passed on this line")
                        .help(help);
                }
            }
        }
    }
}
