use super::*;

declare_rule! {
    BuildStringPinned { code: "CDA006", name: "build-string-pinned", severity: Warning, default_on: true, fix: Sometimes }
    summary: "a spec pins a build string";
    fn check(env, cx) {
        for dep in env.conda_deps().filter(|d| d.error.is_none()) {
            let Some(build) = &dep.build else { continue };
            if build.range == dep.range || !for_one_platform(&build.value) {
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

/// Platforms as build strings name them (`21_win64_mkl`, `16_osxarm64_openblas`).
const PLATFORMS: &[&str] = &["linux64", "linux32", "linuxaarch64", "linuxppc64le", "linuxs390x", "osx64", "osxarm64", "win64", "win32", "winarm64"];

/// Whether a build string names a build made for one platform: it carries conda-build's hash of
/// the build's dependencies (`py39h20f2e39_0`, `h12debd9_1`), except the noarch Python form
/// `pyh…`, or it names a platform. Builds that are the same everywhere are not: noarch Python
/// (`py_0`, `pyhd8ed1ab_0`), bare build numbers and Python tags (`0`, `py37_0`), variant names
/// (`openblas`, `mkl`, `cuda`) and patterns (`*mkl`).
fn for_one_platform(build: &str) -> bool {
    if build.contains('*') {
        return false;
    }
    let b = build.as_bytes();
    let hash_at = |i: usize| {
        b[i] == b'h'
            && b.len() >= i + 8
            && b[i + 1..i + 8].iter().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
            && b.get(i + 8).is_none_or(|&c| c == b'_')
    };
    let hashed = (0..b.len()).filter(|&i| hash_at(i)).any(|i| !(i == 2 && build.starts_with("pyh")));
    hashed || build.split('_').any(|token| PLATFORMS.contains(&token))
}

#[cfg(test)]
mod tests {
    #[test]
    fn builds_for_one_platform() {
        for one in ["py39h20f2e39_0", "h12debd9_1", "cuda112py310he33e0d6_200", "h7a1cb2a_2", "21_win64_mkl", "16_osxarm64_openblas", "np1.21py3.9h1234567"] {
            assert!(super::for_one_platform(one), "{one}");
        }
        for every in ["py_0", "pyhd8ed1ab_0", "pyh9f0ad1d_1", "0", "py37_0", "openblas", "mkl", "cuda", "main", "1_gnu", "*mkl", "*cuda*", "h1234", "hzzzzzzz_0", "h12345678_0"] {
            assert!(!super::for_one_platform(every), "{every}");
        }
    }
}
