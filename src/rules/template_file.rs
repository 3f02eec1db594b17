use super::*;
use crate::model::FileState;

declare_rule! {
    TemplateFile { code: "ENV015", name: "template-file", severity: Info, default_on: true, fix: None, unparsed: true }
    summary: "the file is a Jinja template, not an environment file";
    fn check(env, cx) {
        if let FileState::Template(range) = env.state {
            cx.report(range, "file is a Jinja template; condalint lints nothing else in it")
                .help("lint the rendered file instead, for example the output of `conda devenv --print`");
        }
    }
}
