use super::*;

declare_rule! {
    ToolSpecificKey { code: "ENV009", name: "tool-specific-key", severity: Info, default_on: false, fix: None }
    summary: "a top-level key that only some tools honour";
    fn check(env, cx) {
        for key in &env.keys {
            let Some((_, tool)) = crate::model::TOOL_SPECIFIC_KEYS.iter().find(|(k, _)| *k == key.name.value) else { continue };
            cx.report(key.name.range, format!("`{}` is read by {tool} only; conda ignores it with a warning", key.name.value))
                .help(format!("keep it if the file is meant for {tool}; `conda env create` does not use it"));
        }
    }
}
