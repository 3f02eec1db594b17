use super::*;
use crate::model::Root;

const HELP: &str = "an environment file is a mapping with `name`, `channels` and `dependencies` keys";

declare_rule! {
    NotAMapping { code: "ENV002", name: "not-a-mapping", severity: Error, default_on: true, fix: None }
    summary: "the document is empty or its top level is not a mapping";
    fn check(env, cx) {
        match &env.root {
            Root::Mapping(_) => {}
            Root::Empty => {
                let message = if cx.source.text.trim().is_empty() {
                    "file is empty"
                } else {
                    "file contains only comments"
                };
                cx.report(TextRange::empty(0), message).help(HELP);
            }
            Root::Other { range, found } => {
                let help = if cx.source.text.contains("# packages in environment at") {
                    "this is `conda list` output, not an environment file; write one with `conda env export --from-history`"
                } else {
                    HELP
                };
                cx.report(*range, format!("the top level is {found}, not a mapping")).help(help);
            }
        }
    }
}
