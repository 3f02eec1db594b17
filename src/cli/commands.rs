//! The commands other than `check`: `rule`, `rules`, `config`.

use std::io::Write;

use super::args::DocFormat;
use super::{config_error, ExitStatus};
use crate::files::DiskFileSystem;
use crate::rules::{FixAvailability, RULES};

pub(super) fn run_config(key: Option<&str>, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<ExitStatus, String> {
    use crate::config::KEYS;
    if let Some(key) = key {
        let Some((name, meaning)) = KEYS.iter().find(|(k, _)| *k == key) else {
            let names: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
            let hint = crate::rules::closest(key, names.iter().copied(), 3).map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
            let _ = writeln!(stderr, "condalint: error: unknown configuration key `{key}`{hint}; keys: {}", names.join(", "));
            return Ok(ExitStatus::Error);
        };
        let _ = writeln!(stdout, "{name}: {meaning}");
        return Ok(ExitStatus::Success);
    }
    let config = match crate::config::find(std::path::Path::new("."), &DiskFileSystem) {
        Ok(config) => config,
        Err(error) => return Ok(config_error(&error, stderr)),
    };
    let _ = writeln!(stdout, "{}", crate::config::describe(config.as_ref()));
    Ok(ExitStatus::Success)
}

pub(super) fn run_rule(code: &str, format: DocFormat, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<ExitStatus, String> {
    let Some(rule) = crate::rules::lookup(code) else {
        let _ = writeln!(stderr, "condalint: error: {}", crate::settings::Selector::parse(code).err().unwrap_or_else(|| format!("`{code}` is a prefix, not one rule")));
        return Ok(ExitStatus::Error);
    };
    let meta = rule.meta();
    let text = match format {
        DocFormat::Text => meta.doc.to_owned(),
        DocFormat::Json => {
            let mut value = rule_json(meta);
            value["doc"] = meta.doc.into();
            serde_json::to_string_pretty(&value).expect("serialisable") + "\n"
        }
    };
    stdout.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(ExitStatus::Success)
}

fn rule_json(meta: &crate::rules::RuleMeta) -> serde_json::Value {
    serde_json::json!({
        "code": meta.code,
        "name": meta.name,
        "summary": meta.summary,
        "severity": meta.severity,
        "default": if meta.default_on { "on" } else { "off" },
        "fix": fix_label(meta.fix),
        "url": crate::doc_url(meta.name),
    })
}

fn fix_label(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
    }
}

pub(super) fn run_rules(format: DocFormat, stdout: &mut dyn Write) -> Result<ExitStatus, String> {
    let text = match format {
        DocFormat::Json => {
            let all: Vec<_> = RULES.iter().map(|r| rule_json(r.meta())).collect();
            serde_json::to_string_pretty(&all).expect("serialisable") + "\n"
        }
        DocFormat::Text => {
            let mut out = format!("{:<7} {:<22} {:<8} {:<8} {}\n", "code", "name", "severity", "default", "fix");
            for rule in RULES {
                let m = rule.meta();
                out.push_str(&format!(
                    "{:<7} {:<22} {:<8} {:<8} {}\n",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    if m.default_on { "on" } else { "off" },
                    fix_label(m.fix)
                ));
            }
            out
        }
    };
    stdout.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(ExitStatus::Success)
}
