//! Invariants of the rule registry: unique, sorted codes and names; every rule documented.

use std::collections::HashSet;

use condalint::rules::{lookup, RULES};

#[test]
fn codes_and_names_are_unique_and_sorted() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.meta().code).collect();
    let names: HashSet<&str> = RULES.iter().map(|r| r.meta().name).collect();
    assert_eq!(codes.iter().collect::<HashSet<_>>().len(), codes.len(), "duplicate code");
    assert_eq!(names.len(), codes.len(), "duplicate name");
    let order = |c: &str| {
        let prefixes = ["ENV", "CHN", "CDA", "PIP", "SEC", "IDX", "BLD", "AML", "SUP"];
        (prefixes.iter().position(|p| c.starts_with(p)).expect("known prefix"), c.to_owned())
    };
    let mut sorted = codes.clone();
    sorted.sort_by_key(|c| order(c));
    assert_eq!(codes, sorted, "RULES must be sorted by prefix, then code");
    insta::assert_snapshot!(RULES.iter().map(|r| format!("{} {}", r.meta().code, r.meta().name)).collect::<Vec<_>>().join("\n"));
}

#[test]
fn code_and_name_shapes() {
    for rule in RULES {
        let m = rule.meta();
        assert!(m.code.len() == 6 && m.code[3..].chars().all(|c| c.is_ascii_digit()), "{}", m.code);
        assert!(m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()), "{}", m.name);
        // A name says what is found, never what is forbidden ("allow no-x" reads double). RULES.md
        // fixes one name that starts with `no-` and names a state, not a ban: "no compatible
        // distribution" (IDX005); the contract wins.
        let fixed_by_contract = m.name == "no-compatible-distribution";
        assert!(fixed_by_contract || (!m.name.starts_with("no-") && !m.name.starts_with("disallow-")), "{}", m.name);
        assert!(!m.summary.ends_with('.') && m.summary.chars().next().is_some_and(|c| !c.is_uppercase()), "{}", m.summary);
        assert_eq!(lookup(m.code).map(|r| r.meta().name), Some(m.name));
        assert_eq!(lookup(m.name).map(|r| r.meta().code), Some(m.code));
    }
}

#[test]
fn every_rule_has_a_doc_and_every_doc_a_rule() {
    for rule in RULES {
        let m = rule.meta();
        let on_disk = std::fs::read_to_string(format!("lints/{}.md", m.name)).expect("doc file exists");
        assert_eq!(on_disk, m.doc, "embedded doc of {} is the file", m.code);
        assert!(m.doc.starts_with(&format!("# {} ({})\n", m.name, m.code)), "doc heading of {}", m.code);
    }
    for entry in std::fs::read_dir("lints").unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if path.extension().is_some_and(|e| e == "md") && stem != "README" {
            assert!(lookup(&stem).is_some(), "lints/{stem}.md has no rule");
        }
    }
}

#[test]
fn catalogue_is_fresh() {
    let expected = condalint::rules::catalogue_markdown();
    let path = "lints/README.md";
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(on_disk == expected, "lints/README.md is stale: run `UPDATE_CATALOGUE=1 cargo test --test registry`");
}

#[test]
fn data_tables_parse_and_are_sorted() {
    for (name, table) in condalint::data::TABLES {
        assert!(table.starts_with("# "), "{name}: first line names the source");
        assert!(table.lines().next().unwrap().contains("source"), "{name}: header names the source");
        let lines: Vec<&str> = condalint::data::lines(table).collect();
        assert!(!lines.is_empty(), "{name}: has data");
        if matches!(*name, "conda-releases.txt" | "pip-releases.tsv" | "python-releases.tsv") {
            continue; // sorted by version order, checked in the library's own test
        }
        // A conda package can install several PyPI projects: that table is unique by pair.
        let keys: Vec<&str> =
            lines.iter().map(|l| if *name == "conda-pypi-names.tsv" { *l } else { l.split('\t').next().unwrap() }).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{name}: sorted and unique by key");
        for line in &lines {
            assert!(!line.contains("  ") && line.trim() == *line, "{name}: stray spaces in `{line}`");
        }
    }
}
