use super::aml_docker::images;
use super::*;
use crate::aml::image::{self, Pinning};

declare_rule! {
    ImageNotPinned { code: "AML004", name: "image-not-pinned", severity: Warning, default_on: true, fix: None, document: Document::Aml }
    summary: "an Azure ML base image has no version tag or digest, or uses `:latest`";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for site in images(aml, cx.source) {
            let place = if site.substituted { " in the `ARG` default" } else { "" };
            // Invalid references are AML005's, variables are not judged.
            let Ok(reference) = image::parse(&site.image) else { continue };
            match reference.pinning() {
                Pinning::Digest | Pinning::Tag => {}
                Pinning::Latest => {
                    let tag = reference.tag_range.expect("`latest` is a tag");
                    // The `:` too: the fix is to replace the whole `:latest`.
                    let at = site.range(TextRange::new(tag.start - 1, tag.end));
                    let message = format!("{} {} uses the moving tag `latest`: each build may pull a different image", site.what(), site.shown());
                    site.report(cx, at, message)
                        .help(format!("write the version the environment was tested on{place}, e.g. `{}:<version>` or `{}@sha256:<digest>`; Azure ML (\"No tag or digest\"): \"Without one of these specifiers, the environment isn't reproducible\"", name_of(&site.image), name_of(&site.image)));
                }
                Pinning::Untagged => {
                    let at = site.range(TextRange::new(0, site.image.len()));
                    let message = format!("{} {} has no tag or digest: Docker pulls `latest`, which moves", site.what(), site.shown());
                    site.report(cx, at, message)
                        .help(format!("add a version tag or a digest{place}, e.g. `{}:<version>` or `{}@sha256:<digest>`; Azure ML (\"No tag or digest\"): \"Without one of these specifiers, the environment isn't reproducible\"", site.image, site.image));
                }
            }
        }
    }
}

/// The reference without its tag (`ubuntu` for `ubuntu:latest`).
fn name_of(image: &str) -> &str {
    match image.rfind(':') {
        Some(i) if !image[i..].contains('/') => &image[..i],
        _ => image,
    }
}
