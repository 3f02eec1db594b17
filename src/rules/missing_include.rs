use super::*;

declare_rule! {
    MissingInclude { code: "ENV008", name: "missing-include", severity: Error, default_on: true, fix: None }
    summary: "a `-r`, `-c` or `-e` path in a pip section does not exist";
    fn check(env, cx) {
        use crate::model::IncludeProblemKind;
        for problem in &env.include_problems {
            let file = problem.file.map(|i| &env.pip_files[i].source);
            let path = &problem.path;
            let (message, help) = match &problem.kind {
                IncludeProblemKind::Missing => (
                    format!("`{path}` does not exist; pip will stop with \"No such file or directory\""),
                    "paths are relative to the directory of the file that names them, which is where conda runs pip".to_owned(),
                ),
                IncludeProblemKind::Cycle => (
                    format!("`{path}` includes itself through a cycle of `-r` files"),
                    "remove the `-r` line that points back to a file that is already being read".to_owned(),
                ),
                IncludeProblemKind::Unreadable(reason) => {
                    (format!("cannot read `{path}`: {reason}"), "pip must read it too: make it readable and save it as UTF-8".to_owned())
                }
                IncludeProblemKind::TooDeep(limit) => (
                    format!("`{path}` is more than {limit} `-r` files deep; condalint does not follow it"),
                    "flatten the chain of requirements files".to_owned(),
                ),
            };
            cx.report_in(file, problem.range, message).help(help);
        }
    }
}
