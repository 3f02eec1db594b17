use super::*;

use crate::model::EnvFile;

declare_rule! {
    ExportedEnvironment { code: "ENV017", name: "exported-environment", severity: Warning, default_on: true, fix: Sometimes }
    summary: "the file is `conda env export` output, pinned to the builds of one platform";
    fn check(env, cx) {
        if !is_exported(env) {
            return;
        }
        let Some(deps) = &env.dependencies else { return };
        let specs = env.conda_deps().count();
        let platform_builds: Vec<_> = env.conda_deps().filter_map(super::build_string_pinned::platform_build).collect();
        let only: Vec<(&str, &str)> = env
            .conda_deps()
            .filter_map(|d| d.name())
            .filter_map(|n| PLATFORM_ONLY.iter().find(|(p, _)| *p == n.value).map(|&(p, os)| (p, os)))
            .collect();
        let mut message = format!(
            "this file is `conda env export` output: {} of its {specs} conda specs pin builds made for one platform",
            platform_builds.len()
        );
        if !only.is_empty() {
            let mut systems: Vec<&str> = only.iter().map(|(_, os)| *os).collect();
            systems.sort_unstable();
            systems.dedup();
            let groups: Vec<String> = systems
                .iter()
                .map(|os| {
                    let names: Vec<String> = only.iter().filter(|(_, o)| o == os).map(|(p, _)| format!("`{p}`")).collect();
                    if names.len() > 4 {
                        format!("{os}: {} and {} more", names[..3].join(", "), names.len() - 3)
                    } else {
                        format!("{os}: {}", names.join(", "))
                    }
                })
                .collect();
            message.push_str(&format!(", and it lists one platform's runtime packages ({})", groups.join("; ")));
        }
        let diagnostic = cx
            .report(deps.key, message)
            .help("export the packages you asked for with `conda env export --from-history` (or drop the builds with `--no-builds`), and use a lock file when you need exact builds per platform");
        let edits: Vec<_> = platform_builds.into_iter().filter_map(|p| p.removal).collect();
        if !edits.is_empty() {
            diagnostic.fix(crate::diagnostic::Fix::unsafe_edit("remove every platform build", edits));
        }
    }
}

/// Whether the file is `conda env export` output rather than a spec: at least 10 conda specs,
/// and at least 90% of them pin `name=version=build` (what `conda env export` writes for every
/// package: conda/conda `conda/env/env.py` `from_environment` takes `PackageRecord.spec`,
/// `name=version=build`, unless `--no-builds`).
/// CDA006 asks the same question so that such a file gets one finding, not one per spec.
pub(crate) fn is_exported(env: &EnvFile) -> bool {
    let mut specs = 0usize;
    let mut with_build = 0usize;
    for dep in env.conda_deps() {
        specs += 1;
        with_build += usize::from(dep.version().is_some() && dep.build().is_some());
    }
    specs >= 10 && with_build * 10 >= specs * 9
}

/// Runtime packages of one operating system's toolchain, which an export from that system lists
/// (the C/C++ runtimes conda-forge and defaults install there).
const PLATFORM_ONLY: &[(&str, &str)] = &[
    ("_libgcc_mutex", "Linux"),
    ("_openmp_mutex", "Linux"),
    ("ld_impl_linux-64", "Linux"),
    ("ld_impl_linux-aarch64", "Linux"),
    ("libgcc-ng", "Linux"),
    ("libgcc", "Linux"),
    ("libgomp", "Linux"),
    ("libstdcxx-ng", "Linux"),
    ("libstdcxx", "Linux"),
    ("libgfortran-ng", "Linux"),
    ("libuuid", "Linux"),
    ("libnsl", "Linux"),
    ("libxcrypt", "Linux"),
    ("vc", "Windows"),
    ("vc14_runtime", "Windows"),
    ("vs2015_runtime", "Windows"),
    ("ucrt", "Windows"),
    ("pthreads-win32", "Windows"),
    ("m2w64-gcc-libs", "Windows"),
    ("libcxx", "macOS"),
];
