use super::*;

use crate::model::CondaDep;

declare_rule! {
    BuildStringPinned { code: "CDA006", name: "build-string-pinned", severity: Warning, default_on: true, fix: Sometimes }
    summary: "a spec pins a build string";
    fn check(env, cx) {
        // `conda env export` output gets one finding from ENV017 instead of one per spec.
        if super::exported_environment::is_exported(env) {
            return;
        }
        for dep in env.conda_deps() {
            let Some(pinned) = platform_build(dep) else { continue };
            let name = dep.name().map_or(&*dep.raw, |n| n.value);
            let diagnostic = cx
                .report(pinned.range, format!("`{}` pins build `{}`, which exists for one platform only", dep.raw, pinned.build))
                .help(format!("drop the build (`{name}={}`); pinned builds from `conda env export` fail with ResolvePackageNotFound elsewhere", dep.version().filter(|_| !pinned.bracket).map_or("*", |v| v.value)));
            if let Some(edit) = pinned.removal {
                diagnostic.fix(crate::diagnostic::Fix::unsafe_edit("remove the build string", [edit]));
            }
        }
    }
}

/// A build made for one platform, pinned by a spec.
pub(crate) struct PlatformBuild {
    pub build: String,
    /// Where the build is written (the whole item when the scalar's text is not the value).
    pub range: TextRange,
    /// The edit that removes the build and its separator (`=build`), when the spec has a version
    /// before it.
    pub removal: Option<crate::diagnostic::Edit>,
    /// Written as `name[build=…]`.
    pub bracket: bool,
}

/// The build a spec pins when that build exists for one platform only: `name=version=build`,
/// `name version build`, or the bracket form `name[build=…]` (conda's `MatchSpec` reads the
/// bracket's `build` key, conda/conda `conda/models/match_spec.py` `_parse_spec_str`). Portable
/// builds give `None`: see [`for_one_platform`] and the noarch-package table.
pub(crate) fn platform_build(dep: &CondaDep) -> Option<PlatformBuild> {
    if dep.error.is_some() {
        return None;
    }
    let name = dep.name()?;
    let pinned = if let Some(build) = dep.build().filter(|b| b.range != dep.range) {
        let removal = dep
            .version()
            .filter(|v| v.range != dep.range && v.range.end <= build.range.start)
            .map(|version| crate::diagnostic::Edit::delete(TextRange::new(version.range.end, build.range.end)));
        PlatformBuild { build: build.value.to_owned(), range: build.range, removal, bracket: false }
    } else {
        let (build, at) = bracket_build(&dep.raw)?;
        // The offset of the spec's text in the file, known when the version (the bracket) has
        // its own span.
        let start = dep.version().filter(|v| v.range != dep.range && dep.raw.contains('[')).map(|v| {
            let bracket_at = dep.raw.find('[').unwrap_or(0);
            v.range.start - bracket_at
        });
        let range = start.map_or(dep.range, |s| TextRange::new(s + at, s + at + build.len()));
        PlatformBuild { build: build.to_owned(), range, removal: None, bracket: true }
    };
    (for_one_platform(&pinned.build) && !noarch_package(name.value, dep, &pinned.build)).then_some(pinned)
}

/// The value of the `build` key in a spec's brackets (`numpy[build=py39h20f2e39_0]`,
/// `numpy[version='1.21', build="py39*"]`) and its byte offset in the spec. conda reads the keys
/// with `([a-zA-Z0-9_-]+?)=(["']?)([^'"]*?)(\2)(?:[, ]|$)` (match_spec.py, `_parse_spec_str`).
fn bracket_build(raw: &str) -> Option<(&str, usize)> {
    let open = raw.find('[')?;
    let close = open + raw[open..].find(']')?;
    let inner = &raw[open + 1..close];
    let mut rest = inner;
    let mut offset = open + 1;
    loop {
        let trimmed = rest.trim_start_matches([',', ' ']);
        offset += rest.len() - trimmed.len();
        rest = trimmed;
        let eq = rest.find('=')?;
        let key = &rest[..eq];
        let after = &rest[eq + 1..];
        let quote = after.chars().next().filter(|c| *c == '\'' || *c == '"');
        let value_start = eq + 1 + quote.map_or(0, |_| 1);
        let value = &rest[value_start..];
        let value_end = match quote {
            Some(q) => value.find(q)?,
            None => value.find([',', ' ']).unwrap_or(value.len()),
        };
        if key.trim() == "build" {
            return Some((&value[..value_end], offset + value_start));
        }
        let consumed = value_start + value_end + quote.map_or(0, |_| 1);
        offset += consumed;
        rest = &rest[consumed..];
        if rest.is_empty() {
            return None;
        }
    }
}

/// Platforms as build strings name them (`21_win64_mkl`, `16_osxarm64_openblas`).
const PLATFORMS: &[&str] = &["linux64", "linux32", "linuxaarch64", "linuxppc64le", "linuxs390x", "osx64", "osxarm64", "win64", "win32", "winarm64"];

/// The hashes conda-build gives a noarch build that uses no variant: the first seven hex digits
/// of the SHA-1 of the hash contents (conda/conda-build `conda_build/metadata.py`,
/// `get_hash_contents` and `_hash_dependencies`), where `get_used_vars` adds `target_platform`
/// to every build except noarch ones and `channel_targets` to all. So `{"channel_targets":
/// "conda-forge main"}` is `hd8ed1ab` (conda-forge) and `{"channel_targets": "defaults"}` is
/// `hd3eb1b0` (defaults): these hashes occur only on noarch builds.
const NOARCH_HASHES: &[&str] = &["hd8ed1ab", "hd3eb1b0"];

/// The same computation for a build with no variant but `target_platform` (one per platform,
/// `{"channel_targets": "defaults", "target_platform": "linux-64"}` is `h06a4308`): a noarch
/// package's name never makes these portable (defaults' ca-certificates is built per platform).
const PLATFORM_EMPTY_HASHES: &[&str] = &[
    "h06a4308", "hecd8cb5", "hca03da5", "haa95532", "hd43f75c", // defaults: linux-64, osx-64, osx-arm64, win-64, linux-aarch64
    "ha770c72", "h694c41f", "hce30654", "h57928b3", "h8af1aa0", // conda-forge: the same platforms
];

/// Whether a build string names a build made for one platform: it carries conda-build's hash of
/// the build's variant (`py39h20f2e39_0`, `h12debd9_1`) or names a platform. Builds that are the
/// same everywhere are not: noarch Python (`py_0`, `pyhd8ed1ab_0`, `pypyh…`, and `unix_pyh…` /
/// `win_pyh…`, noarch per OS family), the noarch empty-variant hashes (`hd8ed1ab_0`,
/// `hd3eb1b0_0`), bare build numbers and Python tags (`0`, `py37_0`), variant names (`openblas`,
/// `mkl`, `cuda`) and patterns (`*mkl`).
fn for_one_platform(build: &str) -> bool {
    if build.contains('*') {
        return false;
    }
    let hashed = hashes(build).any(|(i, hash)| {
        let noarch_python = matches!(&build[..i], "py" | "pypy" | "unix_py" | "win_py");
        !noarch_python && !NOARCH_HASHES.contains(&hash)
    });
    hashed || build.split('_').any(|token| PLATFORMS.contains(&token))
}

/// conda-build hashes in a build string (`h` and seven hex digits, then `_` or the end), with
/// their offsets.
fn hashes(build: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = build.as_bytes();
    (0..b.len())
        .filter(move |&i| {
            b[i] == b'h'
                && b.len() >= i + 8
                && b[i + 1..i + 8].iter().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
                && b.get(i + 8).is_none_or(|&c| c == b'_')
        })
        .map(move |i| (i, &build[i..i + 8]))
}

/// Whether the package is noarch on its channel in the pinned version (data/noarch-packages.tsv),
/// unless the build carries a per-platform hash.
fn noarch_package(name: &str, dep: &CondaDep, build: &str) -> bool {
    if hashes(build).any(|(_, h)| PLATFORM_EMPTY_HASHES.contains(&h)) {
        return false;
    }
    let version = dep.version().and_then(|v| v.value.trim_start_matches('=').parse::<rattler_conda_types::Version>().ok());
    crate::data::noarch_packages().iter().any(|(pattern, versions)| {
        let named = pattern.strip_suffix('*').map_or(name == *pattern, |prefix| name.starts_with(prefix));
        named && (matches!(versions, rattler_conda_types::VersionSpec::Any) || version.as_ref().is_some_and(|v| versions.matches(v)))
    })
}

#[cfg(test)]
mod tests {
    use crate::source::TextRange;

    #[test]
    fn builds_for_one_platform() {
        for one in ["py39h20f2e39_0", "h12debd9_1", "cuda112py310he33e0d6_200", "h7a1cb2a_2", "21_win64_mkl", "16_osxarm64_openblas", "np1.21py3.9h1234567", "h06a4308_0"] {
            assert!(super::for_one_platform(one), "{one}");
        }
        for every in [
            "py_0", "pyhd8ed1ab_0", "pyh9f0ad1d_1", "pypyh9f0ad1d_0", "unix_pyh707e725_0", "win_pyh7428d3b_0", "unix_pyhd8ed1ab_2",
            "hd8ed1ab_0", "hd3eb1b0_1", "0", "py37_0", "openblas", "mkl", "cuda", "main", "1_gnu", "*mkl", "*cuda*", "h1234", "hzzzzzzz_0", "h12345678_0",
        ] {
            assert!(!super::for_one_platform(every), "{every}");
        }
    }

    fn platform(spec: &str) -> Option<(String, TextRange)> {
        let dep = crate::model::parse_conda_spec(spec, TextRange::new(10, 10 + spec.len()), Some(10));
        super::platform_build(&dep).map(|p| (p.build, p.range))
    }

    #[test]
    fn noarch_packages_and_bracket_builds() {
        assert_eq!(platform("tzdata=2024a=h0c530f3_0"), None);
        assert_eq!(platform("font-ttf-ubuntu=0.83=h77eed37_1"), None);
        assert_eq!(platform("ca-certificates=2025.6.15=hbd8a1cb_0"), None, "noarch on conda-forge since 2025.1.31 build 1");
        assert!(platform("ca-certificates=2024.2.2=hbcca054_0").is_some(), "per platform before");
        assert!(platform("ca-certificates=2025.2.25=h06a4308_0").is_some(), "defaults builds it per platform");
        assert!(platform("tzcode=2024a=h3f72095_0").is_some(), "not every tz* package is noarch");
        let spec = "numpy[build=py39h20f2e39_0]";
        assert_eq!(platform(spec), Some(("py39h20f2e39_0".into(), TextRange::new(22, 36))));
        assert_eq!(platform("numpy[version='1.21.2', build=\"py39h20f2e39_0\"]").map(|p| p.0), Some("py39h20f2e39_0".into()));
        assert_eq!(platform("numpy[build=pyhd8ed1ab_0]"), None);
        assert_eq!(platform("numpy[version='>=1.21']"), None);
    }
}
