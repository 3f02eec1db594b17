use super::*;
use crate::diagnostic::{Edit, Fix};
use crate::aml::Kind;
use crate::model::NodeType;

declare_rule! {
    VersionNotString { code: "AML007", name: "version-not-string", severity: Error, default_on: true, fix: Sometimes, document: Document::Aml }
    summary: "an environment `version` is written as a number that does not read back as written (`1.10` is the number 1.1)";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        // Only a definition registers its version: an inline environment of a job, component
        // or deployment is registered anonymously and its `version` is not used.
        if !matches!(aml.kind, Kind::Environment | Kind::V1Environment) {
            return;
        }
        for environment in &aml.environments {
            let Some(version) = &environment.version else { continue };
            if version.found != NodeType::Number {
                continue;
            }
            let written = version.written.trim();
            let Some(read) = as_read(written) else { continue };
            if read == written {
                continue;
            }
            cx.report(version.text.range, format!("`version: {written}` is a number; Azure ML registers version `{read}`"))
                .help(format!("quote the version so it stays as written: `version: \"{written}\"`"))
                .fix(Fix::unsafe_edit(format!("quote the version as \"{written}\""), [Edit::replace(version.text.range, format!("\"{written}\""))]));
        }
    }
}

/// The string a number written as `text` becomes once Python has read it (PyYAML, YAML 1.1;
/// `json` for v1) and `str()` has turned it back into a version: `1.10` → `1.1`, `010` → `8`
/// (YAML 1.1 octal). `None` for what is not a number Python would read.
fn as_read(text: &str) -> Option<String> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let sign = if text.starts_with('-') { "-" } else { "" };
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
        let plain = digits.replace('_', "");
        // YAML 1.1 reads `0[0-7]+` as octal.
        let value = if plain.len() > 1 && plain.starts_with('0') { u128::from_str_radix(&plain, 8).ok()? } else { plain.parse().ok()? };
        return Some(format!("{sign}{value}"));
    }
    let lower = digits.to_ascii_lowercase();
    if lower.starts_with("0x") || lower.starts_with("0o") || lower.contains("inf") || lower.contains("nan") {
        return None;
    }
    let value: f64 = text.replace('_', "").parse().ok()?;
    Some(python_float(value))
}

/// `str()` of a Python float: the shortest text that reads back, `.0` on integral values,
/// exponent form outside 1e-4 ≤ |x| < 1e16.
fn python_float(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-4..1e16).contains(&magnitude) {
        let text = format!("{value:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        return format!("{mantissa}e{}{:02}", if exponent < 0 { '-' } else { '+' }, exponent.abs());
    }
    if value.fract() == 0.0 {
        format!("{value:.1}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::image_or_build_required::tests::findings;
    use super::*;
    use crate::files::MemoryFileSystem;

    #[test]
    fn numbers_as_python_reads_them() {
        assert_eq!(as_read("1.10").as_deref(), Some("1.1"));
        assert_eq!(as_read("2.0").as_deref(), Some("2.0"));
        assert_eq!(as_read("1.5").as_deref(), Some("1.5"));
        assert_eq!(as_read("1").as_deref(), Some("1"));
        assert_eq!(as_read("010").as_deref(), Some("8"));
        assert_eq!(as_read("1e3").as_deref(), Some("1000.0"));
        assert_eq!(as_read("1.20").as_deref(), Some("1.2"));
        assert_eq!(as_read("0.00001").as_deref(), Some("1e-05"));
    }

    #[test]
    fn float_versions_are_reported_with_a_quoting_fix() {
        let fs = MemoryFileSystem::new();
        let schema = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: x\nimage: u:1\n";
        let found = findings("/p/env.yml", &format!("{schema}version: 1.10\n"), &fs, "AML007");
        assert_eq!(found, [(4, "`version: 1.10` is a number; Azure ML registers version `1.1`".to_owned())]);
        for fine in ["1", "\"1.10\"", "'2.0'", "1.5", "2.0", "21"] {
            assert!(findings("/p/env.yml", &format!("{schema}version: {fine}\n"), &fs, "AML007").is_empty(), "{fine}");
        }
        let source = crate::source::SourceFile::from_text("/p/env.yml", format!("{schema}version: 1.10\n"));
        let only = crate::settings::Settings { select: Some(crate::settings::parse_selectors("AML007").unwrap()), ..Default::default() };
        let fixed = crate::linter::fix(&source, &only, crate::linter::FixMode::Unsafe, &fs);
        assert_eq!(&*fixed.source.text, format!("{schema}version: \"1.10\"\n"));
        let json = "{\"name\": \"x\", \"version\": 1.10, \"python\": {}, \"docker\": {\"baseImage\": \"u:1\"}}";
        assert_eq!(findings("/v1/azureml_environment.json", json, &fs, "AML007").len(), 1);
        let job = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\nenvironment:\n  name: e\n  version: 1.10\n  image: u:1\n";
        assert!(findings("/p/job.yml", job, &fs, "AML007").is_empty(), "an inline environment's version is not used");
    }
}
