use super::*;

declare_rule! {
    InvalidVariables { code: "ENV012", name: "invalid-variables", severity: Error, default_on: true, fix: None }
    summary: "a `variables` entry has an invalid name or a non-scalar value";
    fn check(env, cx) {
        for var in &env.variables {
            let name = &var.name.value;
            let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                cx.report(var.name.range, format!("`{name}` is not a valid environment variable name"))
                    .help("use letters, digits and `_`, not starting with a digit, for example `MY_VAR`");
            }
            if var.value.is_none() {
                cx.report(var.value_range, format!("value of `{name}` is {}; environment variables take a single string", var.found))
                    .help("write the value as one string, for example `PATH_LIST: \"a:b\"`");
            }
        }
    }
}
