use super::*;

declare_rule! {
    InvalidName { code: "ENV007", name: "invalid-name", severity: Error, default_on: true, fix: None }
    summary: "the environment name is empty, reserved or has characters conda rejects";
    fn check(env, cx) {
        let Some(name) = &env.name else { return };
        let value = name.value.as_str();
        let message = if value.trim().is_empty() {
            "environment name is empty".to_owned()
        } else if matches!(value, "base" | "root") {
            format!("`{value}` is conda's root environment; `conda env create` will not create it")
        } else if let Some(bad) = value.chars().find(|c| matches!(c, '/' | ' ' | ':' | '#')) {
            let shown = if bad == ' ' { "a space".to_owned() } else { format!("`{bad}`") };
            format!("environment name `{value}` contains {shown}, which conda rejects in names")
        } else {
            return;
        };
        cx.report(name.range, message).help("use letters, digits, `-`, `_` and `.`, for example `my-env`");
    }
}
