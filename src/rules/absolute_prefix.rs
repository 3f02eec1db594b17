use super::*;

pub(crate) struct AbsolutePrefix;

static META: RuleMeta = RuleMeta {
    code: "ENV011",
    name: "absolute-prefix",
    summary: "`prefix` is set without `name`",
    severity: Severity::Warning,
    default_on: true,
    fix: FixAvailability::Sometimes,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/absolute-prefix.md"),
};

impl Rule for AbsolutePrefix {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
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
