use super::*;
use crate::model::{Expected, NodeType};

declare_rule! {
    WrongType { code: "ENV006", name: "wrong-type", severity: Error, default_on: true, fix: None }
    summary: "a value has the wrong YAML type";
    fn check(env, cx) {
        for error in &env.type_errors {
            if let Some(key) = &error.null_key {
                let (message, help) = null_value(key);
                cx.report(error.range, message).primary_label("no value").help(help);
                continue;
            }
            let help = if error.expected == Expected::PipSection {
                "write the requirements as a list: `- pip:` followed by `    - requests` lines"
            } else if error.expected.is_string() && error.found != NodeType::Null {
                "quote the value to make it a string"
            } else {
                "see the environment file format: name, channels (list), dependencies (list), variables (mapping)"
            };
            cx.report(error.range, format!("expected {}, found {}", error.expected, error.found)).help(help);
        }
    }
}

/// Message and help for a top-level key written with no value.
fn null_value(key: &str) -> (String, &'static str) {
    match key {
        "channels" => (
            "`channels` has no value; write a list of channels or remove the key".to_owned(),
            "conda rejects `channels:` without a value, and conda-lock and micromamba fail on it; for example `channels: [conda-forge]`",
        ),
        "dependencies" => (
            "`dependencies` has no value; write a list of packages".to_owned(),
            "conda rejects `dependencies:` without a value; list the packages as `  - python=3.12` lines under it",
        ),
        "variables" => (
            "`variables` has no value; write a mapping of names to values or remove the key".to_owned(),
            "conda rejects `variables:` without a value, and micromamba fails on it; for example `variables: {MY_VAR: value}`",
        ),
        other => (
            format!("`{other}` has no value; write {} or remove the key", if other == "prefix" { "a path" } else { "a name" }),
            "conda rejects a key without a value; quote the value if it is a word YAML reads as null",
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::lower;
    use crate::source::SourceFile;

    /// (key, text under the finding's range) for every null top-level value.
    fn null_keys(text: &str) -> Vec<(String, String)> {
        let source = SourceFile::from_text("environment.yml", text);
        let env = lower(&source);
        env.type_errors.iter().filter_map(|e| Some((e.null_key.clone()?, source.slice(e.range).to_owned()))).collect()
    }

    #[test]
    fn every_null_top_level_value_is_reported_on_its_key() {
        let found = null_keys("name:\nprefix: ~\nchannels: null\nvariables:\ndependencies:\n");
        let keys: Vec<(&str, &str)> = found.iter().map(|(k, s)| (k.as_str(), s.as_str())).collect();
        let expected = ["name", "prefix", "channels", "variables", "dependencies"].map(|k| (k, k));
        assert_eq!(keys, expected);
    }

    #[test]
    fn empty_values_and_quoted_strings_are_not_null() {
        assert!(null_keys("name: x\nchannels: []\nvariables: {}\ndependencies: []\n").is_empty());
        assert!(null_keys("name: ''\nchannels: [conda-forge]\ndependencies:\n  - python=3.12\n").is_empty());
    }
}
