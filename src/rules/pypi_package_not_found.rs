use super::*;
use crate::index::pypi::{self, Verdict};

declare_rule! {
    PypiPackageNotFound { code: "IDX003", name: "pypi-package-not-found", severity: Error, default_on: true, fix: None, online: true }
    summary: "no package index pip would read has a project of that name";
    fn check(env, cx) {
        let Some(index) = cx.settings.index.clone() else { return };
        let path = std::path::PathBuf::from(&cx.source.path);
        let sources = pypi::sources(&index, env, &path);
        let (checked, _) = pypi::check(&index, env, &path);
        for item in checked {
            let Verdict::NotFound { closest, pypi_name } = &item.verdict else { continue };
            let req = item.requirement;
            let message = format!("no project `{}` on {}", req.name.value, pypi::describe_sources(&sources));
            let help = match (pypi_name, closest.as_slice()) {
                (Some(pypi), _) => format!("`{}` is the conda package's name; on PyPI the project is `{pypi}`", req.name.value),
                (None, closest) => match closest {
                [] => "check the name on the index; a private package needs the index that hosts it (`--index-url`)".to_owned(),
                [one] => format!("did you mean `{one}`?"),
                many => format!("closest names: {}", many.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
                },
            };
            cx.report_in(item.file.map(|f| &f.source), req.name.range, message).help(help);
        }
    }
}
