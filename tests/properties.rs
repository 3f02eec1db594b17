//! Properties over generated input: linting never panics, every span is inside its file on
//! character boundaries, every renderer copes, and fixes re-parse and converge.

use condalint::render::{render, FileReport, FullOptions, OutputFormat};
use condalint::rules::RULES;
use condalint::settings::Settings;
use condalint::{fix, lint, Diagnostic, FixMode, SourceFile};
use proptest::prelude::*;

const CHANNELS: &[&str] = &["conda-forge", "defaults", "conda_forge", "bioconda", "nodefaults", "http://repo.example.com/c", "conda-forge"];
const SPECS: &[&str] = &[
    "python",
    "python=3.11",
    "numpy=1.26.4=py311h64a7726_0",
    "pip",
    "pip=20.3",
    "conda=4.3",
    "scipy >= 1.7",
    "numpy",
    "bad spec ===1",
    "\"quoted=1.0\"",
    "pytorch::pytorch=2.1",
    "pandas=2.1  # [win]",
    "é-package=1",
    "tensorflow-gpu",
];
const PIP: &[&str] = &[
    "requests==2.31.0",
    "numpy=1.21",
    "flask",
    "git+https://github.com/org/repo.git",
    "--extra-index-url http://user:hunter2@pkgs.example.com/simple",
    "-r missing.txt",
    "-e .",
    "reqeusts==1.0",
    "torch==2.1.0 --hash=sha256:abc",
    "naïve",
    "",
];
const COMMENTS: &[&str] = &["", "  # note", "  # condalint: ignore[CDA006]", "  # condalint: ignore[nope]", "  # condalint: ignroe"];

fn pick(pool: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(pool)
}

/// Environment files built from realistic pieces, with odd keys, indentation, comments and
/// line endings mixed in.
fn environment() -> impl Strategy<Value = String> {
    (
        proptest::option::of("[a-z_-]{0,12}"),
        proptest::collection::vec(pick(CHANNELS), 0..4),
        proptest::collection::vec((pick(SPECS), pick(COMMENTS)), 0..8),
        proptest::option::of(proptest::collection::vec((pick(PIP), pick(COMMENTS)), 0..6)),
        proptest::option::of("[a-zA-Z_]{1,12}"),
        prop_oneof![Just("\n"), Just("\r\n")],
        1usize..5,
    )
        .prop_map(|(name, channels, deps, pip, extra_key, eol, indent)| {
            let pad = " ".repeat(indent);
            let mut out = String::new();
            if let Some(name) = name {
                out.push_str(&format!("name: {name}{eol}"));
            }
            if !channels.is_empty() {
                out.push_str(&format!("channels:{eol}"));
                for c in channels {
                    out.push_str(&format!("{pad}- {c}{eol}"));
                }
            }
            out.push_str(&format!("dependencies:{eol}"));
            for (spec, comment) in deps {
                out.push_str(&format!("{pad}- {spec}{comment}{eol}"));
            }
            if let Some(items) = pip {
                out.push_str(&format!("{pad}- pip:{eol}"));
                for (item, comment) in items {
                    out.push_str(&format!("{pad}{pad}- {item}{comment}{eol}"));
                }
            }
            if let Some(key) = extra_key {
                out.push_str(&format!("{key}: x{eol}"));
            }
            out
        })
}

fn check_spans(source: &SourceFile, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diagnostics {
        let file = d.file.as_deref().unwrap_or(source);
        let ranges = std::iter::once((file, d.primary.range))
            .chain(d.secondary.iter().map(|l| (l.file.as_deref().unwrap_or(file), l.range)))
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(move |e| (file, e.range))));
        for (f, r) in ranges {
            prop_assert!(r.start <= r.end && r.end <= f.text.len(), "{}: range {:?} outside {}", d.code, r, f.text.len());
            prop_assert!(f.text.is_char_boundary(r.start) && f.text.is_char_boundary(r.end), "{}: range {:?} splits a character", d.code, r);
        }
    }
    Ok(())
}

fn render_all(source: &SourceFile, diagnostics: &[Diagnostic]) {
    let rules: Vec<_> = RULES.iter().map(|r| r.meta()).collect();
    let own: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.file.is_none()).cloned().collect();
    let reports = [FileReport { source, diagnostics: &own, suppressed: &[] }];
    for format in <OutputFormat as clap::ValueEnum>::value_variants() {
        let text = render(*format, &reports, &FullOptions::default(), &rules);
        if matches!(format, OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Gitlab) {
            let value: serde_json::Value = serde_json::from_str(&text).expect("machine formats are valid JSON");
            assert!(value.is_array() || value.is_object());
        }
        assert_eq!(text.lines().count() == 0, own.is_empty() && matches!(format, OutputFormat::Full | OutputFormat::Concise | OutputFormat::Github | OutputFormat::Azure), "{format:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_files_lint_with_valid_spans(text in environment()) {
        let source = SourceFile::from_text("environment.yml", text.as_str());
        let found = lint(&source, &Settings::all(), &condalint::DiskFileSystem);
        check_spans(&source, &found)?;
        render_all(&source, &found);
    }

    #[test]
    fn fixes_reparse_and_converge(text in environment()) {
        let source = SourceFile::from_text("environment.yml", text.as_str());
        let parsed = condalint::model::lower(&source).is_parsed();
        let fixed = fix(&source, &Settings::all(), FixMode::Unsafe, &condalint::DiskFileSystem);
        prop_assert!(fixed.problem.is_none(), "{:?}", fixed.problem);
        if parsed {
            prop_assert!(condalint::model::lower(&fixed.source).is_parsed(), "fixed text does not parse:\n{}", fixed.source.text);
        }
        prop_assert_eq!(fix(&fixed.source, &Settings::all(), FixMode::Unsafe, &condalint::DiskFileSystem).applied, 0, "a second pass changed:\n{}", fixed.source.text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let source = SourceFile::from_bytes("environment.yml", &bytes);
        let found = lint(&source, &Settings::all(), &condalint::DiskFileSystem);
        check_spans(&source, &found)?;
        render_all(&source, &found);
    }

    #[test]
    fn arbitrary_yaml_like_text_never_panics(text in "([a-z:#\\-\\[\\]{}&*!|>'\" =.0-9]|\\n|  ){0,200}") {
        let source = SourceFile::from_text("environment.yml", text.as_str());
        let found = lint(&source, &Settings::all(), &condalint::DiskFileSystem);
        check_spans(&source, &found)?;
        render_all(&source, &found);
    }
}
