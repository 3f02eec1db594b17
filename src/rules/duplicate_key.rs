use super::*;

declare_rule! {
    DuplicateKey { code: "ENV004", name: "duplicate-key", severity: Error, default_on: true, fix: None, document: Document::Any }
    summary: "the same key appears twice in one mapping";
    fn check(env, cx) {
        for dup in &env.duplicate_keys {
            let key = &dup.key.value;
            cx.report(dup.key.range, format!("duplicate key `{key}`; conda 22.11+ rejects the file and older loaders keep only the last value"))
                .primary_label("this one replaces the first")
                .label(dup.first, "first defined here")
                .help(format!("merge both `{key}` entries into one"));
        }
    }
}
