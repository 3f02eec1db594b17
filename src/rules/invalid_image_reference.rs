use super::aml_docker::images;
use super::*;
use crate::aml::image::{self, ImageError, InvalidKind};

declare_rule! {
    InvalidImageReference { code: "AML005", name: "invalid-image-reference", severity: Error, default_on: true, fix: None, document: Document::Aml }
    summary: "an Azure ML base image is not a valid Docker image reference";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for site in images(aml, cx.source) {
            let Err(ImageError::Invalid(invalid)) = image::parse(&site.image) else { continue };
            // Credentials before the registry are AML012's (registry-credentials), redacted there.
            if invalid.kind == InvalidKind::Userinfo {
                continue;
            }
            let part = &site.image[invalid.range.start..invalid.range.end];
            let at = if invalid.range.is_empty() { site.whole() } else { site.range(invalid.range) };
            let message = match invalid.kind {
                InvalidKind::UppercaseNamespace => format!(
                    "{} {} is not a valid reference: Docker reads the first component `{part}` as a registry host because it has upper case, so the pull goes to a host named `{part}`; a Docker Hub namespace is lower case",
                    site.what(),
                    site.shown()
                ),
                _ if part.is_empty() || part.len() == site.image.len() => {
                    format!("{} {} is not a valid reference: {}", site.what(), site.shown(), invalid.kind.describe())
                }
                _ => format!("{} {} is not a valid reference: {} (`{}`)", site.what(), site.shown(), invalid.kind.describe(), part.escape_debug()),
            };
            let help = match suggestion(&site.image, invalid.kind, invalid.range) {
                Some(fixed) => format!("write `{fixed}`; {ARTICLE}"),
                None => ARTICLE.to_owned(),
            };
            site.report(cx, at, message).help(help);
        }
    }
}

/// Azure ML's wording ("Failed to pull Docker image").
const ARTICLE: &str = "Azure ML (\"Failed to pull Docker image\"): \"For a registry `my-registry.io` and image `test/image` with tag `3.2`, a valid image path would be `my-registry.io/test/image:3.2`\"";

/// The reference as it was probably meant, when the mistake has one obvious repair and the
/// repaired text is a valid reference.
fn suggestion(s: &str, kind: InvalidKind, range: TextRange) -> Option<String> {
    let fixed = match kind {
        InvalidKind::UppercasePath | InvalidKind::UppercaseNamespace => {
            // The whole name in lower case (the tag keeps its case: tags may have upper case).
            let name_end = s.find('@').unwrap_or(s.len());
            let slash = s[..name_end].rfind('/').unwrap_or(0);
            let name_end = s[slash..name_end].find(':').map_or(name_end, |c| slash + c);
            let _ = range;
            format!("{}{}", s[..name_end].to_ascii_lowercase(), &s[name_end..])
        }
        InvalidKind::Scheme => s[range.end..].to_owned(),
        InvalidKind::DoubleSlash => {
            let mut t = s.to_owned();
            while t.contains("//") {
                t = t.replace("//", "/");
            }
            t
        }
        InvalidKind::Whitespace if s.trim() != s => s.trim().to_owned(),
        InvalidKind::EmptyTag => s[..range.start].to_owned() + ":<version>",
        _ => return None,
    };
    let check = fixed.replace("<version>", "1");
    image::parse(&check).is_ok().then_some(fixed)
}
