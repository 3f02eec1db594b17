//! The commands other than `check`: `rule`, `rules`, `config`, `completions`, `manpage`.

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
    super::write_out(stdout, format!("{}\n", crate::config::describe(config.as_ref())).as_bytes())?;
    Ok(ExitStatus::Success)
}

pub(super) fn run_rule(code: &str, format: DocFormat, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<ExitStatus, String> {
    let Some(rule) = crate::rules::lookup(code) else {
        let _ = writeln!(stderr, "condalint: error: {}", crate::settings::Selector::parse(code).err().unwrap_or_else(|| format!("`{code}` is a prefix, not one rule")));
        return Ok(ExitStatus::Error);
    };
    let meta = rule.meta();
    let text = match format {
        DocFormat::Text => reader_doc(meta.doc),
        DocFormat::Json => {
            let mut value = rule_json(meta);
            value["doc"] = reader_doc(meta.doc).into();
            serde_json::to_string_pretty(&value).expect("serialisable") + "\n"
        }
    };
    super::write_out(stdout, text.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// A rule's doc as a reader wants it: without what `tests/lints.rs` runs it by (`# expect:`
/// comments, `snapshot` blocks, the words after a block's language: `yaml bad target=conda`).
pub(crate) fn reader_doc(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut in_snapshot = false;
    let mut in_block = false;
    for line in doc.lines() {
        if let Some(info) = line.strip_prefix("```") {
            let opening = !in_block && !in_snapshot;
            if opening && info.trim() == "snapshot" {
                in_snapshot = true;
                continue;
            }
            if in_snapshot {
                in_snapshot = false;
                continue;
            }
            in_block = opening;
            out.push_str("```");
            out.push_str(info.split_whitespace().next().filter(|_| opening).unwrap_or(""));
            out.push('\n');
            continue;
        }
        if in_snapshot {
            continue;
        }
        let line = match line.find("# expect:").filter(|_| in_block) {
            // A line that was only the expectation goes with it.
            Some(at) if line[..at].trim().is_empty() => continue,
            Some(at) => line[..at].trim_end(),
            None => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    // A snapshot block leaves the blank line before it and the one after it: one is enough.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

fn rule_json(meta: &crate::rules::RuleMeta) -> serde_json::Value {
    serde_json::json!({
        "code": meta.code,
        "name": meta.name,
        "summary": meta.summary,
        "severity": meta.severity,
        "default": meta.default_label(),
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
            let rows: Vec<[&str; 5]> = std::iter::once(["code", "name", "severity", "default", "fix"])
                .chain(RULES.iter().map(|r| r.meta()).map(|m| [m.code, m.name, m.severity.as_str(), m.default_label(), fix_label(m.fix)]))
                .collect();
            // Each column as wide as its widest cell, so that every row lines up.
            let widths: Vec<usize> = (0..5).map(|i| rows.iter().map(|row| row[i].chars().count()).max().unwrap_or(0)).collect();
            let mut out = String::new();
            for row in &rows {
                let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, &width)| format!("{cell:<width$}")).collect();
                out.push_str(cells.join(" ").trim_end());
                out.push('\n');
            }
            out
        }
    };
    super::write_out(stdout, text.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// `condalint completions SHELL`: the completion script clap_complete writes for the whole command line.
pub(super) fn run_completions(shell: clap_complete::Shell, stdout: &mut dyn Write) -> Result<ExitStatus, String> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut super::args::Cli::command(), "condalint", &mut script);
    super::write_out(stdout, &script)?;
    Ok(ExitStatus::Success)
}

/// `condalint manpage`: condalint(1) in roff, with every command and option.
pub(super) fn run_manpage(stdout: &mut dyn Write) -> Result<ExitStatus, String> {
    use clap::CommandFactory;
    let mut page = Vec::new();
    clap_mangen::Man::new(super::args::Cli::command()).render(&mut page).map_err(|e| format!("cannot render the man page: {e}"))?;
    super::write_out(stdout, &page)?;
    Ok(ExitStatus::Success)
}
