//! `condalint explain LOG [--env FILE]...`: the log streamed into [`crate::explain::explain`],
//! the findings rendered in any output format, located in the log.

use std::io::{Read, Write};

use super::args::ExplainArgs;
use super::{discover, fixing, ExitStatus, Terminal};
use crate::files::DiskFileSystem;
use crate::render::{self, FileReport, FullOptions, OutputFormat};
use crate::rules::{Document, RULES};
use crate::settings::{parse_selectors, Settings};

pub(super) fn run_explain(
    args: ExplainArgs,
    terminal: Terminal,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<ExitStatus, String> {
    let settings = Settings {
        select: args.select.as_deref().map(parse_selectors).transpose()?,
        ignore: args.ignore.as_deref().map(parse_selectors).transpose()?.unwrap_or_default(),
        fail_on: args.fail_on(),
        today: terminal.today.clone(),
        ..Settings::default()
    };
    let envs: Vec<String> = args.env.iter().map(|p| render::path_text(&discover::report_path(p))).collect();
    let fs = DiskFileSystem;
    let stdin_log = args.log.as_os_str() == "-";
    let name = if stdin_log { "-".to_owned() } else { render::path_text(&discover::report_path(&args.log)) };
    let result = if stdin_log {
        crate::explain::explain(stdin, &name, &envs, &fs, &settings)
    } else {
        match std::fs::File::open(&args.log) {
            Ok(mut file) if file.metadata().is_ok_and(|m| m.is_file()) => crate::explain::explain(&mut file, &name, &envs, &fs, &settings),
            Ok(_) => Err(std::io::Error::other("not a regular file")),
            Err(e) => Err(e),
        }
    };
    let explained = match result {
        Ok(explained) => explained,
        Err(e) => {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                _ => e.to_string(),
            };
            let _ = writeln!(stderr, "condalint: error: {}: cannot read the log: {}", render::terminal_safe(&name), render::terminal_safe(&reason));
            return Ok(ExitStatus::Error);
        }
    };
    let mut io_error = false;
    for (path, reason) in &explained.unreadable {
        let _ = writeln!(stderr, "condalint: error: {}: {}", render::terminal_safe(path), render::terminal_safe(reason));
        io_error = true;
    }
    let reports = [FileReport { source: &explained.log, diagnostics: &explained.diagnostics, suppressed: &[] }];
    let output_format = args.output_format.unwrap_or(OutputFormat::Full);
    let to_terminal = args.output_file.is_none() && terminal.stdout_is_tty;
    let color = if args.output_file.is_some() && args.color == super::args::ColorArg::Auto { terminal.force_color } else { terminal.color(args.color) };
    let options = FullOptions { color, links: to_terminal, width: terminal.width.filter(|_| to_terminal) };
    let rules: Vec<&'static crate::rules::RuleMeta> =
        RULES.iter().map(|r| r.meta()).filter(|m| m.document == Document::Log && settings.is_enabled(m)).collect();
    let mut text = match (args.statistics, output_format) {
        (true, OutputFormat::Json) => render::statistics::json(&reports),
        (true, _) => render::statistics::text(&reports),
        (false, format) => render::render(format, &reports, &options, &rules),
    };
    if output_format == OutputFormat::Full && !args.quiet && !args.statistics {
        let known = explained.diagnostics.iter().filter(|d| d.code != "BLD000").count();
        let envs = if explained.envs.is_empty() {
            "no environment file (give one with --env)".to_owned()
        } else {
            explained.envs.iter().map(|e| e.path.as_str()).collect::<Vec<_>>().join(", ")
        };
        text.push_str(&format!(
            "Found {} in {} ({}); mapped onto {}\n",
            render::plural(known, "known failure", "known failures"),
            render::terminal_safe(&name),
            render::plural(explained.lines, "line", "lines"),
            render::terminal_safe(&envs)
        ));
    }
    match &args.output_file {
        Some(file) => fixing::write_atomic(file, text.as_bytes()).map_err(|e| format!("{}: {e}", render::path_text(file)))?,
        None => super::write_out(stdout, text.as_bytes())?,
    }
    let failed = explained.diagnostics.iter().any(|d| settings.fails(d.severity));
    Ok(if io_error {
        ExitStatus::Error
    } else if failed && !args.exit_zero {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

