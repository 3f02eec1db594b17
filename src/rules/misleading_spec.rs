use super::*;

use crate::diagnostic::{Edit, Fix};
use crate::model::{CondaDep, Misread};
use crate::settings::Target;

declare_rule! {
    MisleadingSpec { code: "CDA011", name: "misleading-spec", severity: Warning, default_on: true, fix: Sometimes }
    summary: "a conda spec that conda accepts but reads differently from how it looks";
    fn check(env, cx) {
        for dep in env.conda_deps().filter(|d| d.error.is_none()) {
            match dep.misread.as_deref() {
                Some(Misread::ReversedOperator { operator, conda_reads }) => reversed_operator(cx, dep, operator, conda_reads),
                Some(Misread::DroppedBrackets(brackets)) => dropped_brackets(cx, dep, brackets),
                None => short_version(cx, dep),
            }
        }
    }
}

fn reversed_operator(cx: &mut LintContext<'_>, dep: &CondaDep, operator: &crate::model::Spanned<String>, conda_reads: &str) {
    let (meant, reading) = if operator.value == "=>" {
        (">=", if conda_reads.starts_with(">=") { "every release from" } else { "only releases after" })
    } else {
        ("<=", "only releases below")
    };
    let version = conda_reads.trim_start_matches(['<', '>', '=']);
    let rejecting = match cx.settings.target {
        Some(Target::Mamba) => Some("mamba 2"),
        Some(Target::Pixi) => Some("pixi"),
        _ => None,
    };
    let message = match rejecting {
        Some(tool) => format!("`{}` is not an operator; {tool} rejects `{}` (conda reads it as `{conda_reads}`)", operator.value, dep.raw),
        None => format!("`{}` is not an operator; conda reads `{}` as `{conda_reads}`, {reading} {version}", operator.value, dep.raw),
    };
    let verbatim = operator.range.len() == 2;
    let diagnostic = cx.report(if verbatim { operator.range } else { dep.range }, message);
    diagnostic.help(format!("write `{meant}`; mamba 2, pixi and rattler reject `{}`", operator.value));
    if rejecting.is_some() {
        diagnostic.severity(Severity::Error);
    }
    if verbatim {
        diagnostic.fix(Fix::unsafe_edit(format!("replace `{}` with `{meant}`", operator.value), [Edit::replace(operator.range, meant)]));
    }
}

fn dropped_brackets(cx: &mut LintContext<'_>, dep: &CondaDep, brackets: &crate::model::Spanned<String>) {
    let name = dep.name().map_or(&*dep.raw, |n| n.value);
    let pixi = cx.settings.target == Some(Target::Pixi);
    let message = if pixi {
        format!("conda specs have no extras; pixi rejects `{}`", dep.raw)
    } else {
        format!("conda specs have no extras; conda drops `{}` and installs `{name}` without it", brackets.value)
    };
    let range = if brackets.range.len() == brackets.value.len() { brackets.range } else { dep.range };
    let diagnostic = cx
        .report(range, message)
        .help(format!("list the extra's packages as conda dependencies, or move `{}` to the `- pip:` section", dep.raw));
    if pixi {
        diagnostic.severity(Severity::Error);
    }
}

/// `==X.Y` and `<=X.Y` on a package whose releases are all X.Y.Z: conda compares X.Y as X.Y.0.
fn short_version(cx: &mut LintContext<'_>, dep: &CondaDep) {
    let (Some(name), Some(version)) = (dep.name(), dep.version()) else { return };
    if dep.build().is_some() {
        return;
    }
    let written = version.value;
    let Some(op) = ["==", "<="].into_iter().find(|op| written.starts_with(op)) else { return };
    let Some(mut short) = crate::data::three_component_releases(name.value) else { return };
    let number = written[2..].trim();
    let components: Vec<&str> = number.split('.').collect();
    if components.len() >= 3 || !components.iter().all(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())) {
        return;
    }
    if short.any(|s| s == number) {
        return;
    }
    let zero = format!("{number}{}", ".0".repeat(3 - components.len()));
    let package = &name.value;
    let verbatim = version.range.len() == written.len();
    if op == "==" {
        let diagnostic = cx
            .report(version.range, format!("`{}` matches only {package} {zero}: conda compares {number} as {zero}, and {package} releases have three components", dep.raw))
            .help(format!("write `{package}={number}` for any {number}.x release, or `{package}=={zero}` if {zero} is meant"));
        if verbatim {
            let at = TextRange::new(version.range.start, version.range.start + 2);
            diagnostic.fix(Fix::unsafe_edit(format!("replace `==` with `=` (any {number}.x release)"), [Edit::replace(at, "=")]));
        }
    } else {
        let mut next: Vec<u64> = components.iter().map(|c| c.parse().unwrap_or(0)).collect();
        if let Some(last) = next.last_mut() {
            *last += 1;
        }
        let next = next.iter().map(u64::to_string).collect::<Vec<_>>().join(".");
        cx.report(version.range, format!("`{}` stops at {package} {zero}: conda compares {number} as {zero}, so later {number}.x releases are excluded", dep.raw))
            .help(format!("write `{package}<{next}` to allow every {number}.x release"));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{parse_conda_spec, Misread};
    use crate::source::TextRange;

    fn read(spec: &str) -> (Option<String>, Option<Misread>) {
        let dep = parse_conda_spec(spec, TextRange::new(0, spec.len()), Some(0));
        assert_eq!(dep.error, None, "{spec}");
        (dep.version_spec().map(|v| v.to_string()), dep.misread.map(|m| *m))
    }

    #[test]
    fn conda_reads_reversed_operators_as_its_parser_does() {
        // conda 25 `MatchSpec(...)`: `=>1.2` → `>1.2*`, `=>1.2=b` → `>1.2`, `=<1.2` → `<1.2*`.
        for (spec, reads) in [("gems3k=>4.4.2", ">=4.4.2"), ("x =>1.2", ">=1.2"), ("x=>1.2=py_0", ">1.2"), ("x=<1.2", "<1.2")] {
            let (version, misread) = read(spec);
            let Some(Misread::ReversedOperator { conda_reads, .. }) = misread else { panic!("{spec}") };
            assert_eq!(conda_reads, reads, "{spec}");
            assert_eq!(version.as_deref(), Some(reads), "{spec}");
        }
        // A compound version keeps the `=>`, which conda's VersionSpec rejects.
        assert!(parse_conda_spec("x=>1.2,<2", TextRange::new(0, 9), Some(0)).error.is_some());
    }

    #[test]
    fn conda_drops_brackets_without_pairs() {
        let (version, misread) = read("versioneer[toml]");
        assert_eq!(version, None);
        assert!(matches!(misread, Some(Misread::DroppedBrackets(b)) if b.value == "[toml]" && b.range == TextRange::new(10, 16)));
        let (version, _) = read("black[jupyter]>=23");
        assert_eq!(version.as_deref(), Some(">=23"));
        let (version, misread) = read("python[version='>=3.9']");
        assert_eq!((version.as_deref(), misread), (Some(">=3.9"), None));
    }
}
