use super::*;

declare_rule! {
    MisplacedOption { code: "PIP010", name: "misplaced-option", severity: Error, default_on: true, fix: None }
    summary: "an option split over two items, or one pip accepts only on its command line";
    fn check(env, cx) {
        use crate::model::{OptionKind, PipItemKind};
        let items: Vec<_> = env.all_pip_items().collect();
        for (i, (item, file)) in items.iter().enumerate() {
            let PipItemKind::Option { name, kind, .. } = &item.kind else { continue };
            let file_source = file.map(|f| &f.source);
            match kind {
                OptionKind::CommandLineOnly => {
                    cx.report_in(file_source, name.range, format!("`{}` is a pip command-line option; pip rejects it in a requirements file", name.value))
                        .help("set it through the environment instead (for example `PIP_TIMEOUT=60`, `PIP_NO_CACHE_DIR=1`) or in pip.conf");
                }
                OptionKind::MissingValue => {
                    let next = items.get(i + 1).filter(|(_, f)| f.map(|f| &f.source.path) == file.map(|f| &f.source.path));
                    let split = next.is_some_and(|(n, _)| !n.raw.trim_start().starts_with('-'));
                    let message = if split {
                        format!("`{}` and its value are split over two items; pip reads the option without a value", name.value)
                    } else {
                        format!("`{}` needs a value on the same line", name.value)
                    };
                    let diagnostic = cx.report_in(file_source, name.range, message);
                    if let (true, Some((next, _))) = (split, next) {
                        diagnostic.label(next.range, "this value belongs to the option");
                    }
                    diagnostic.help(format!("write the option and its value in one item: `- {} https://…`", name.value));
                }
                _ => {}
            }
        }
    }
}
