use super::*;
use crate::diagnostic::{Edit, Fix};
use crate::model::{OptionKind, PipItemKind};

declare_rule! {
    InvalidRequirement { code: "PIP004", name: "invalid-requirement", severity: Error, default_on: true, fix: Sometimes }
    summary: "a pip item is not a requirement, a URL or a requirements-file option";
    fn check(env, cx) {
        for (item, file) in env.all_pip_items() {
            let file = file.map(|f| &f.source);
            match &item.kind {
                PipItemKind::Invalid { message, range, suggestion } => {
                    let diagnostic = cx.report_in(file, *range, message.clone());
                    match suggestion {
                        Some(s) => {
                            diagnostic.help(format!("did you mean `{s}`? conda's `=1.2` means the 1.2 series; pip writes that `==1.2.*`"));
                            if cx_exact(item, *range) {
                                diagnostic.fix(Fix::unsafe_edit(format!("replace with `{s}`"), [Edit::replace(*range, s.clone())]));
                            }
                        }
                        None => {
                            diagnostic.help("write a PEP 508 requirement such as `requests>=2.31,<3`, a URL, or a requirements-file option");
                        }
                    }
                }
                PipItemKind::Option { name, kind: OptionKind::Unknown, .. } => {
                    cx.report_in(file, name.range, format!("`{}` is not a pip option", name.value))
                        .help("requirements files accept --index-url, --extra-index-url, --find-links, --trusted-host, --pre, --no-index, -r, -c and -e");
                }
                _ => {}
            }
        }
    }
}

/// A fix may rewrite the range only when it is a sub-span found in the text, not the whole item
/// used as a fallback for an escaped or folded scalar.
fn cx_exact(item: &crate::model::PipItem, range: TextRange) -> bool {
    range != item.range || item.raw.len() == range.len()
}
