use super::*;

declare_rule! {
    BuildStringPinned { code: "CDA006", name: "build-string-pinned", severity: Warning, default_on: true, fix: Sometimes }
    summary: "a spec pins a build string";
    fn check(env, cx) {
        for dep in env.conda_deps().filter(|d| d.error.is_none()) {
            let Some(build) = &dep.build else { continue };
            if build.value.contains('*') || build.range == dep.range {
                continue;
            }
            let name = dep.name.as_ref().map_or(dep.raw.as_str(), |n| n.value.as_str());
            let diagnostic = cx
                .report(build.range, format!("`{}` pins build `{}`, which exists for one platform only", dep.raw, build.value))
                .help(format!("drop the build (`{name}={}`); pinned builds from `conda env export` fail with ResolvePackageNotFound elsewhere", dep.version.as_ref().map_or("*", |v| v.value.as_str())));
            if let Some(version) = dep.version.as_ref().filter(|v| v.range != dep.range && v.range.end <= build.range.start) {
                let edit = crate::diagnostic::Edit::delete(TextRange::new(version.range.end, build.range.end));
                diagnostic.fix(crate::diagnostic::Fix::unsafe_edit("remove the build string", [edit]));
            }
        }
    }
}
