use super::*;

declare_rule! {
    LocalVersionWithoutIndex { code: "PIP014", name: "local-version-without-index", severity: Warning, default_on: true, fix: None }
    summary: "a requirement pinned to a local version (`+cu118`) with no index that hosts it";
    fn check(env, cx) {
        use crate::model::{OptionKind, PipItemKind};
        // Any index or find-links option, in the section or a file it includes (pip applies the
        // options of every requirements file to the whole install), or conda-lock's
        // `pip-repositories`.
        let has_index = !env.pip_repositories.is_empty()
            || env.all_pip_items().any(|(item, _)| {
                matches!(&item.kind, PipItemKind::Option { name, kind: OptionKind::RequirementsFile, .. }
                    if matches!(name.value.as_str(), "--index-url" | "-i" | "--extra-index-url" | "--find-links" | "-f"))
            });
        if has_index {
            return;
        }
        for (item, file) in env.requested_pip_items() {
            let PipItemKind::Requirement(req) = &item.kind else { continue };
            let Some(spec) = &req.specifier else { continue };
            let Some((version, local)) = local_pin(&spec.value) else { continue };
            let exact = cx.source_of(file).slice(spec.range) == spec.value;
            let range = match spec.value.find('+') {
                Some(plus) if exact => TextRange::new(spec.range.start + plus, spec.range.start + plus + 1 + local.len()),
                _ => spec.range,
            };
            let name = &req.name.value;
            let help = match vendor_index(name, version, local) {
                Some(index) => format!("`+{local}` builds of `{name}` are on PyTorch's index: add `--extra-index-url {index}` to the pip section"),
                None => format!("add the index that hosts the `+{local}` build (`--extra-index-url URL` or `--find-links URL`), or pin `{name}=={version}` from PyPI"),
            };
            cx.report_in(file.map(|f| &f.source), range, format!("`{name}=={version}+{local}` is a local version, which PyPI never hosts, and no index or find-links is given; pip fails with \"No matching distribution\""))
                .help(help);
        }
    }
}

/// The public version and the local label of an `==`/`===` clause with a `+local` part.
fn local_pin(specifier: &str) -> Option<(&str, &str)> {
    specifier.split(',').find_map(|clause| {
        let clause = clause.trim();
        let version = clause.strip_prefix("===").or_else(|| clause.strip_prefix("=="))?.trim();
        let (public, local) = version.split_once('+')?;
        (!public.is_empty() && !local.is_empty()).then_some((public, local))
    })
}

/// PyTorch's packages on download.pytorch.org (https://pytorch.org/get-started/locally/ and
/// /get-started/previous-versions/): one index per local tag, `cu118`, `cpu`, `rocm5.7`; the
/// 1.8 LTS releases (torch 1.8.2, torchvision 0.9.2, torchaudio 0.8.2) are under `lts/1.8/`.
const PYTORCH: &[&str] = &["torch", "torchvision", "torchaudio", "torchtext", "torchdata"];
const PYTORCH_LTS: &[(&str, &str)] = &[("torch", "1.8.2"), ("torchvision", "0.9.2"), ("torchaudio", "0.8.2")];

fn vendor_index(name: &str, version: &str, local: &str) -> Option<String> {
    if !PYTORCH.contains(&name) {
        return None;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let known = local == "cpu" || local.strip_prefix("cu").is_some_and(digits) || local.strip_prefix("rocm").is_some_and(digits);
    if !known {
        return None;
    }
    let lts = PYTORCH_LTS.contains(&(name, version));
    Some(format!("https://download.pytorch.org/whl/{}{local}", if lts { "lts/1.8/" } else { "" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_pins_and_indexes() {
        assert_eq!(local_pin("==2.2.1+cu118"), Some(("2.2.1", "cu118")));
        assert_eq!(local_pin(">=2, ===1.0+abc"), Some(("1.0", "abc")));
        assert_eq!(local_pin("==2.2.1"), None);
        assert_eq!(local_pin("!=2.2.1+cu118"), None);
        assert_eq!(vendor_index("torch", "2.2.1", "cu118").as_deref(), Some("https://download.pytorch.org/whl/cu118"));
        assert_eq!(vendor_index("torchvision", "0.9.2", "cu111").as_deref(), Some("https://download.pytorch.org/whl/lts/1.8/cu111"));
        assert_eq!(vendor_index("torch", "2.3.0", "rocm6.0").as_deref(), Some("https://download.pytorch.org/whl/rocm6.0"));
        assert_eq!(vendor_index("torch", "2.3.0", "cpu").as_deref(), Some("https://download.pytorch.org/whl/cpu"));
        assert_eq!(vendor_index("torch", "2.3.0", "git1234"), None);
        assert_eq!(vendor_index("jaxlib", "0.4.20", "cuda12"), None);
    }
}
