use super::*;

declare_rule! {
    AbsolutePrefix { code: "ENV011", name: "absolute-prefix", severity: Warning, default_on: true, fix: Sometimes }
    summary: "`prefix` is set without `name`";
    fn check(env, cx) {
        let Some(prefix) = &env.prefix else { return };
        if env.keys.iter().any(|k| k.name.value == "name") {
            return;
        }
        let Some(key) = env.keys.iter().find(|k| k.name.value == "prefix") else { return };
        let text = &cx.source.text;
        let removable = starts_line(text, key.name.range.start) && ends_line(text, prefix.range.end);
        let lines = whole_lines(text, key.name.range.cover(prefix.range));
        let diagnostic = cx
            .report(prefix.range, format!("`prefix: {}` creates the environment at a path of the machine that wrote the file", prefix.value))
            .help("remove `prefix` and set `name: my-env`; `conda env export` writes the prefix of the exporting machine");
        if removable {
            diagnostic.fix(crate::diagnostic::Fix::unsafe_edit("remove the `prefix` line", [crate::diagnostic::Edit::delete(lines)]));
        }
    }
}
