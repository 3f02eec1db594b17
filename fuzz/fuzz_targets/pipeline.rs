//! Bytes → diagnostics → every renderer, and `--fix --unsafe-fixes` on whatever parses.
#![no_main]

use condalint::render::{render, FileReport, FullOptions, OutputFormat};
use condalint::settings::Settings;
use condalint::{fix, lint, FixMode, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = SourceFile::from_bytes("environment.yml", data);
    let settings = Settings::all();
    let found = lint(&source, &settings, &condalint::DiskFileSystem);
    for d in &found {
        let file = d.file.as_deref().unwrap_or(&source);
        assert!(d.primary.range.end <= file.text.len() && file.text.is_char_boundary(d.primary.range.start));
    }
    let own: Vec<_> = found.into_iter().filter(|d| d.file.is_none()).collect();
    let rules: Vec<_> = condalint::rules::RULES.iter().map(|r| r.meta()).collect();
    let reports = [FileReport { source: &source, diagnostics: &own, suppressed: &[] }];
    use OutputFormat::*;
    for format in [Full, Concise, Json, Sarif, Github, Azure, Gitlab, Junit] {
        let _ = render(format, &reports, &FullOptions::default(), &rules);
    }
    let fixed = fix(&source, &settings, FixMode::Unsafe, &condalint::DiskFileSystem);
    if condalint::model::lower(&source).is_parsed() && fixed.problem.is_none() {
        assert!(condalint::model::lower(&fixed.source).is_parsed());
    }
});
