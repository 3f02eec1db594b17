use super::*;
use crate::diagnostic::{Edit, Fix};
use crate::model::KNOWN_KEYS;

declare_rule! {
    UnknownKey { code: "ENV003", name: "unknown-key", severity: Warning, default_on: true, fix: Sometimes }
    summary: "top-level key is not part of the environment file format";
    fn check(env, cx) {
        for key in env.keys.iter().filter(|k| !k.known && !crate::model::TOOL_SPECIFIC_KEYS.iter().any(|(t, _)| *t == k.name.value)) {
            let name = &key.name.value;
            let close: Vec<&str> = KNOWN_KEYS
                .iter()
                .copied()
                .filter(|k| edit_distance(&name.to_lowercase(), k) <= 2.max(k.len() / 4))
                .collect();
            let valid = KNOWN_KEYS.join(", ");
            let literal = cx.source.slice(key.name.range) == name;
            let diagnostic = cx.report(key.name.range, format!("unknown top-level key `{name}`"));
            if name == "pip" {
                diagnostic.help(
                    "a pip section belongs inside `dependencies` as a list item (`- pip:`); at the top level conda ignores it and installs none of its packages",
                );
                continue;
            }
            match close.as_slice() {
                [one] => {
                    diagnostic.help(format!(
                        "did you mean `{one}`? conda ignores unknown keys, so nothing under `{name}` is used (valid keys: {valid})"
                    ));
                    if literal {
                        diagnostic.fix(Fix::unsafe_edit(
                            format!("rename to `{one}`"),
                            [Edit::replace(key.name.range, *one)],
                        ));
                    }
                }
                _ => {
                    diagnostic.help(format!("conda ignores unknown keys, so nothing under `{name}` is used (valid keys: {valid})"));
                }
            }
        }
    }
}
