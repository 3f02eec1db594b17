use super::*;

declare_rule! {
    WrongType { code: "ENV006", name: "wrong-type", severity: Error, default_on: true, fix: None }
    summary: "a value has the wrong YAML type";
    fn check(env, cx) {
        for error in &env.type_errors {
            let help = if error.expected.contains("`pip` section") {
                "write the requirements as a list: `- pip:` followed by `    - requests` lines"
            } else if error.expected.contains("string") && error.found != "nothing (null)" {
                "quote the value to make it a string"
            } else {
                "see the environment file format: name, channels (list), dependencies (list), variables (mapping)"
            };
            cx.report(error.range, format!("expected {}, found {}", error.expected, error.found)).help(help);
        }
    }
}
