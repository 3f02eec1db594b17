//! Lints every file of `../shared/corpus` at default settings: no panic, message style holds,
//! and the per-code counts are snapshotted (a change in what condalint reports shows up here).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use condalint::{check, Settings, SourceFile};

/// Default settings on a fixed date: python-end-of-life findings do not change as pythons reach
/// their end of life.
fn settings() -> Settings {
    Settings { today: Some("2026-12-01".into()), ..Settings::default() }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
            out.push(path);
        }
    }
}

/// The shared corpus. Outside CI a missing corpus skips the test with a notice; with `CI` set
/// it fails the test, so that CI cannot pass without having linted the corpus.
fn corpus() -> Option<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if corpus.is_dir() {
        return Some(corpus);
    }
    assert!(std::env::var_os("CI").is_none(), "{} is absent and CI is set: the corpus test cannot run", corpus.display());
    eprintln!("notice: {} is absent; corpus test skipped (with CI set this fails)", corpus.display());
    None
}

#[test]
fn corpus_counts() {
    let Some(corpus) = corpus() else { return };
    let mut paths = Vec::new();
    files(&corpus, &mut paths);
    paths.sort();
    assert!(paths.len() > 200, "corpus has {} files", paths.len());
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut findings = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let name = path.strip_prefix(&corpus).unwrap().display().to_string();
        // The real path, so that `-r`/`-e` paths resolve next to the file as they do in the CLI.
        let source = SourceFile::from_bytes(path.display().to_string(), &bytes);
        let outcome = std::panic::catch_unwind(|| check(&source, &settings(), &condalint::DiskFileSystem))
            .unwrap_or_else(|_| panic!("panic on {name}"));
        *counts.entry("linted".into()).or_default() += 1;
        for d in outcome {
            assert!(!d.message.ends_with('.') && !d.message.starts_with(char::is_uppercase), "{name}: {}", d.message);
            // A finding in a file the definition names is checked against that file's text.
            let text = d.file.as_ref().map_or(source.text.clone(), |f| f.text.clone());
            assert!(text.is_char_boundary(d.primary.range.start) && d.primary.range.end <= text.len(), "{name}: {d:?}");
            *counts.entry(d.code.to_owned()).or_default() += 1;
            let (line, col) = d.file.as_deref().unwrap_or(&source).line_col(d.primary.range.start);
            let shown = d.file.as_ref().map_or(name.clone(), |f| f.path.clone());
            findings.push(format!("{shown}:{line}:{col}: {} {}", d.code, d.message));
        }
    }
    insta::assert_debug_snapshot!("corpus_counts", counts);
    insta::assert_snapshot!("corpus_findings", findings.join("\n"));
}
