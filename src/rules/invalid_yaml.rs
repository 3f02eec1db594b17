use super::*;
use crate::model::FileState;

declare_rule! {
    InvalidYaml { code: "ENV001", name: "invalid-yaml", severity: Error, default_on: true, fix: None, unparsed: true }
    summary: "the file is not YAML text that conda can load";
    fn check(env, cx) {
        match &env.state {
            FileState::Undecodable(error) => {
                let at = cx.source.clamp(error.offset);
                cx.report(TextRange::empty(at), error.message.clone())
                    .help("save the file as UTF-8 text");
            }
            FileState::InvalidYaml(error) => {
                let message = readable(&error.message);
                let help = if message.contains("tab") {
                    Some("indent with spaces: YAML does not allow tabs for indentation")
                } else if message.starts_with("tag ") {
                    Some("remove the tag and write the value as a plain YAML list or string")
                } else if message.contains("nested too deeply") {
                    Some("an environment file needs at most four levels of nesting")
                } else {
                    None
                };
                // A tag is valid YAML that some loaders refuse: the message names them.
                let message = if message.starts_with("tag ") { message } else { format!("invalid YAML: {message}") };
                let diagnostic = cx.report(error.range, message);
                if let Some(help) = help {
                    diagnostic.help(help);
                }
            }
            _ => {}
        }
    }
}

/// The parser's message, lowercase first letter, no trailing period.
fn readable(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if !message.starts_with("YAML") => first.to_lowercase().chain(chars).collect(),
        _ => message.to_owned(),
    }
}
