//! Wheel filenames and whether a wheel installs on the target (a conda subdir and a CPython).
//!
//! The tags a target accepts follow `packaging.tags.sys_tags()` for CPython
//! (pypa/packaging `src/packaging/tags.py`: `cpython_tags`, `compatible_tags`,
//! `_py_interpreter_range`, `mac_platforms`, `_mac_binary_formats`, and `_manylinux.py`),
//! with two choices where pip reads the running machine: the glibc version and the macOS
//! version of the machine that builds the environment are unknown, so manylinux wheels of any
//! glibc and macOS wheels of any macOS version count. conda's python on linux is linked against
//! glibc, so musllinux wheels do not count there (packaging yields them only on musl).

use std::str::FromStr;

use pep440_rs::{Version, VersionSpecifiers};

/// The parts of a wheel filename (PEP 427 / the binary distribution format specification):
/// `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`, each tag part possibly a
/// compressed set (`cp39.cp310`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WheelName {
    /// The name as written (not normalised).
    pub name: String,
    pub version: String,
    pub build: Option<String>,
    pub python: Vec<String>,
    pub abi: Vec<String>,
    pub platform: Vec<String>,
}

impl WheelName {
    /// Parses `filename` (a final path segment ending in `.whl`); `None` when it is not a wheel name.
    pub fn parse(filename: &str) -> Option<WheelName> {
        let stem = filename.strip_suffix(".whl")?;
        let parts: Vec<&str> = stem.split('-').collect();
        let (name, version, build, tags) = match parts.len() {
            5 => (parts[0], parts[1], None, &parts[2..]),
            6 => (parts[0], parts[1], Some(parts[2]), &parts[3..]),
            _ => return None,
        };
        if name.is_empty() || version.is_empty() || tags.iter().any(|t| t.is_empty()) {
            return None;
        }
        // A build tag starts with a digit.
        if build.is_some_and(|b| !b.starts_with(|c: char| c.is_ascii_digit())) {
            return None;
        }
        let split = |s: &str| s.split('.').map(|t| t.to_ascii_lowercase()).collect::<Vec<_>>();
        Some(WheelName {
            name: name.to_owned(),
            version: version.to_owned(),
            build: build.map(str::to_owned),
            python: split(tags[0]),
            abi: split(tags[1]),
            platform: split(tags[2]),
        })
    }

    /// Whether some (python, abi, platform) combination of this wheel is supported by `target`.
    pub fn is_compatible(&self, target: &Target) -> bool {
        self.python.iter().any(|py| {
            self.abi.iter().any(|abi| self.platform.iter().any(|plat| target.supports(py, abi, plat)))
        })
    }

    /// Whether some platform tag of the wheel fits the target platform (whatever the python).
    pub fn fits_platform(&self, target: &Target) -> bool {
        self.platform.iter().any(|p| target.platform.accepts(p))
    }
}

/// The CPU/OS families of the conda subdirs that have wheels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// A linux subdir: the manylinux / legacy-manylinux / `linux_` architecture.
    Linux(&'static str),
    /// A macOS subdir: the architecture (`x86_64`, `arm64`).
    MacOs(&'static str),
    /// A windows subdir: the platform tag (`win_amd64`, `win32`, `win_arm64`).
    Windows(&'static str),
}

impl Platform {
    /// The platform of a conda subdir; `None` for `noarch` and unknown subdirs.
    pub fn of_subdir(subdir: &str) -> Option<Platform> {
        Some(match subdir {
            "linux-64" => Platform::Linux("x86_64"),
            "linux-32" => Platform::Linux("i686"),
            "linux-aarch64" => Platform::Linux("aarch64"),
            "linux-armv7l" => Platform::Linux("armv7l"),
            "linux-ppc64le" => Platform::Linux("ppc64le"),
            "linux-ppc64" => Platform::Linux("ppc64"),
            "linux-s390x" => Platform::Linux("s390x"),
            "osx-64" => Platform::MacOs("x86_64"),
            "osx-arm64" => Platform::MacOs("arm64"),
            "win-64" => Platform::Windows("win_amd64"),
            "win-32" => Platform::Windows("win32"),
            "win-arm64" => Platform::Windows("win_arm64"),
            _ => return None,
        })
    }

    /// Whether a wheel platform tag installs here (`any` always does).
    pub fn accepts(&self, tag: &str) -> bool {
        if tag == "any" {
            return true;
        }
        match *self {
            Platform::Windows(t) => tag == t,
            Platform::Linux(arch) => {
                if tag == format!("linux_{arch}") {
                    return true;
                }
                // PEP 600 `manylinux_2_17_x86_64`: any glibc (the machine's is unknown).
                if let Some(rest) = tag.strip_prefix("manylinux_") {
                    let mut it = rest.splitn(3, '_');
                    let (major, minor, a) = (it.next(), it.next(), it.next());
                    return major.is_some_and(|m| m.parse::<u32>().is_ok_and(|m| m >= 2))
                        && minor.is_some_and(|m| m.parse::<u32>().is_ok())
                        && a == Some(arch);
                }
                // The legacy aliases (PEP 513, 571, 599) and the architectures they were defined for.
                let legacy: &[(&str, &[&str])] = &[
                    ("manylinux1", &["x86_64", "i686"]),
                    ("manylinux2010", &["x86_64", "i686"]),
                    ("manylinux2014", &["x86_64", "i686", "aarch64", "armv7l", "ppc64", "ppc64le", "s390x"]),
                ];
                legacy.iter().any(|(name, arches)| arches.contains(&arch) && tag == format!("{name}_{arch}"))
            }
            Platform::MacOs(arch) => {
                let Some(rest) = tag.strip_prefix("macosx_") else { return false };
                let mut it = rest.splitn(3, '_');
                let (Some(major), Some(minor), Some(format)) = (it.next(), it.next(), it.next()) else { return false };
                let (Ok(major), Ok(minor)) = (major.parse::<u32>(), minor.parse::<u32>()) else { return false };
                mac_formats(arch, (major, minor)).contains(&format)
            }
        }
    }

    /// The words a message uses for the platform.
    pub fn describe(&self) -> String {
        match self {
            Platform::Linux(arch) => format!("linux {arch}"),
            Platform::MacOs(arch) => format!("macOS {arch}"),
            Platform::Windows(tag) => format!("windows ({tag})"),
        }
    }
}

/// `_mac_binary_formats` for the versions `mac_platforms` yields: `10_0` to `10_16`, then only
/// `N_0` from 11 on (each release bumps the major number); x86_64 from 10.4 on; arm64 from
/// 11.0 on, `universal2` also with a 10.x version (its x86_64 part targets that macOS).
fn mac_formats(arch: &str, version: (u32, u32)) -> &'static [&'static str] {
    let (major, minor) = version;
    let yielded = (major == 10 && minor <= 16) || (major >= 11 && minor == 0);
    match arch {
        _ if !yielded => &[],
        "x86_64" if version >= (10, 4) => &["x86_64", "intel", "fat64", "fat32", "universal2", "universal"],
        "arm64" if major >= 11 => &["arm64", "universal2"],
        "arm64" if minor >= 4 => &["universal2"],
        _ => &[],
    }
}

/// What a wheel must install on: a platform and a CPython `major.minor`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub subdir: String,
    pub platform: Platform,
    /// The python version requirements are checked against (`Requires-Python`, markers).
    pub python: Version,
    /// `python` is the file's (its python pin, or `--python`), not a guess: only then do a
    /// wheel's python tags and `Requires-Python` decide whether it installs.
    pub python_known: bool,
}

impl Target {
    /// The target for a conda subdir and a python version; `None` for subdirs without wheels
    /// (`noarch`) or a python version without a minor number.
    pub fn new(subdir: &str, python: Version) -> Option<Target> {
        let platform = Platform::of_subdir(subdir)?;
        (python.release().len() >= 2).then(|| Target { subdir: subdir.to_owned(), platform, python, python_known: true })
    }

    /// `(major, minor)` of the target python.
    pub fn python_minor(&self) -> (u64, u64) {
        let r = self.python.release();
        (r[0], r[1])
    }

    /// The PEP 508 marker environment of CPython on this target (the values `platform`,
    /// `sys` and `os` give there; `platform_release` / `platform_version` are unknown, empty).
    pub fn marker_environment(&self) -> Option<pep508_rs::MarkerEnvironment> {
        let (os_name, sys_platform, platform_system, machine) = match self.platform {
            Platform::Linux(arch) => ("posix", "linux", "Linux", arch),
            Platform::MacOs(arch) => ("posix", "darwin", "Darwin", arch),
            Platform::Windows(tag) => ("nt", "win32", "Windows", match tag {
                "win_amd64" => "AMD64",
                "win_arm64" => "ARM64",
                _ => "x86",
            }),
        };
        let (major, minor) = self.python_minor();
        let full = self.python.to_string();
        let short = format!("{major}.{minor}");
        pep508_rs::MarkerEnvironment::try_from(pep508_rs::MarkerEnvironmentBuilder {
            implementation_name: "cpython",
            implementation_version: &full,
            os_name,
            platform_machine: machine,
            platform_python_implementation: "CPython",
            platform_release: "",
            platform_system,
            platform_version: "",
            python_full_version: &full,
            python_version: &short,
            sys_platform,
        })
        .ok()
    }

    /// Whether the tag triple is among `packaging.tags.sys_tags()` for this target.
    pub fn supports(&self, python: &str, abi: &str, platform: &str) -> bool {
        self.platform.accepts(platform) && self.python_abi_ok(python, abi, platform != "any")
    }

    /// The python/abi part of `cpython_tags` + `compatible_tags`. `binary` is whether the
    /// platform tag is not `any`: `(cpXY, none, any)` is accepted but not `(cp3Y<X, none, any)`.
    fn python_abi_ok(&self, python: &str, abi: &str, binary: bool) -> bool {
        let (major, minor) = self.python_minor();
        let own = format!("cp{major}{minor}");
        if python == own {
            // cpython_tags: the interpreter's abis (cp37m before 3.8), abi3, none.
            let own_abi = if (major, minor) < (3, 8) { format!("{own}m") } else { own.clone() };
            return abi == own_abi || (abi == "abi3" && (major, minor) >= (3, 2) && binary) || abi == "none";
        }
        // cpython_tags: abi3 wheels of older CPython 3 releases (cp3Y, Y from minor-1 down to 2).
        if abi == "abi3" && binary {
            if let Some(y) = python.strip_prefix(&format!("cp{major}")).and_then(|y| y.parse::<u64>().ok()) {
                return major == 3 && (2..minor).contains(&y);
            }
        }
        // compatible_tags: pyXY, pyX, and pyX(Y-1)…pyX0, with the abi `none`.
        if abi == "none" {
            if python == format!("py{major}{minor}") || python == format!("py{major}") {
                return true;
            }
            if let Some(y) = python.strip_prefix(&format!("py{major}")).and_then(|y| y.parse::<u64>().ok()) {
                return y < minor;
            }
        }
        false
    }
}

/// Whether `requires_python` (a `Requires-Python` / `data-requires-python` value) admits the
/// target python. An unparsable value admits it: pip logs and ignores an invalid one
/// (pypa/pip `index/package_finder.py`, `_check_link_requires_python`).
pub fn requires_python_ok(requires_python: &str, python: &Version) -> bool {
    match VersionSpecifiers::from_str(requires_python.trim()) {
        Ok(spec) => spec.contains(python),
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(subdir: &str, python: &str) -> Target {
        Target::new(subdir, Version::from_str(python).unwrap()).unwrap()
    }

    fn ok(file: &str, subdir: &str, python: &str) -> bool {
        WheelName::parse(file).unwrap().is_compatible(&target(subdir, python))
    }

    #[test]
    fn parses_wheel_names() {
        let w = WheelName::parse("numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl").unwrap();
        assert_eq!((w.name.as_str(), w.version.as_str(), w.build.as_deref()), ("numpy", "1.26.4", None));
        assert_eq!(w.platform, ["manylinux_2_17_x86_64", "manylinux2014_x86_64"]);
        let w = WheelName::parse("pkg-1.0-1build-py3-none-any.whl").unwrap();
        assert_eq!(w.build.as_deref(), Some("1build"));
        assert!(WheelName::parse("pkg-1.0-build-py3-none-any.whl").is_none(), "a build tag starts with a digit");
        assert!(WheelName::parse("pkg-1.0.tar.gz").is_none() && WheelName::parse("pkg-1.0-py3-any.whl").is_none());
    }

    #[test]
    fn linux_tags() {
        assert!(ok("a-1-cp312-cp312-manylinux_2_28_x86_64.whl", "linux-64", "3.12.7"));
        assert!(ok("a-1-cp312-cp312-manylinux1_x86_64.whl", "linux-64", "3.12"));
        assert!(ok("a-1-cp312-cp312-linux_x86_64.whl", "linux-64", "3.12"));
        assert!(!ok("a-1-cp312-cp312-musllinux_1_2_x86_64.whl", "linux-64", "3.12"), "conda's python is glibc");
        assert!(!ok("a-1-cp312-cp312-manylinux_2_17_aarch64.whl", "linux-64", "3.12"));
        assert!(ok("a-1-cp312-cp312-manylinux2014_aarch64.whl", "linux-aarch64", "3.12"));
        assert!(!ok("a-1-cp312-cp312-manylinux1_aarch64.whl", "linux-aarch64", "3.12"), "manylinux1 was x86 only");
        assert!(!ok("a-1-cp312-cp312-win_amd64.whl", "linux-64", "3.12"));
    }

    #[test]
    fn python_tags() {
        assert!(!ok("a-1-cp311-cp311-manylinux_2_17_x86_64.whl", "linux-64", "3.12"), "another CPython's abi");
        assert!(ok("a-1-cp38-abi3-manylinux_2_17_x86_64.whl", "linux-64", "3.12"), "abi3 of an older CPython");
        assert!(!ok("a-1-cp313-abi3-manylinux_2_17_x86_64.whl", "linux-64", "3.12"), "abi3 of a newer CPython");
        assert!(ok("a-1-py3-none-any.whl", "linux-64", "3.12") && ok("a-1-py2.py3-none-any.whl", "win-64", "3.9"));
        assert!(ok("a-1-py310-none-any.whl", "linux-64", "3.12") && !ok("a-1-py313-none-any.whl", "linux-64", "3.12"));
        assert!(ok("a-1-cp312-none-any.whl", "linux-64", "3.12") && !ok("a-1-cp311-none-any.whl", "linux-64", "3.12"));
        assert!(ok("a-1-py3-none-manylinux_2_17_x86_64.whl", "linux-64", "3.12"));
        assert!(!ok("a-1-py2-none-any.whl", "linux-64", "3.12"));
        assert!(!ok("a-1-pp310-pypy310_pp73-manylinux_2_17_x86_64.whl", "linux-64", "3.10"));
        assert!(ok("a-1-cp37-cp37m-manylinux1_x86_64.whl", "linux-64", "3.7") && !ok("a-1-cp37-cp37-manylinux1_x86_64.whl", "linux-64", "3.7"));
    }

    #[test]
    fn mac_and_windows_tags() {
        assert!(ok("a-1-cp312-cp312-macosx_11_0_arm64.whl", "osx-arm64", "3.12"));
        assert!(ok("a-1-cp312-cp312-macosx_10_9_universal2.whl", "osx-arm64", "3.12"));
        assert!(!ok("a-1-cp312-cp312-macosx_10_9_x86_64.whl", "osx-arm64", "3.12"));
        assert!(ok("a-1-cp312-cp312-macosx_10_9_x86_64.whl", "osx-64", "3.12"));
        assert!(ok("a-1-cp312-cp312-macosx_14_0_x86_64.whl", "osx-64", "3.12"));
        assert!(!ok("a-1-cp312-cp312-macosx_10_3_x86_64.whl", "osx-64", "3.12"));
        assert!(!ok("a-1-cp312-cp312-macosx_12_3_x86_64.whl", "osx-64", "3.12"), "from 11 on only N_0 is yielded");
        assert!(!ok("a-1-cp312-cp312-macosx_11_0_arm64.whl", "osx-64", "3.12"));
        assert!(ok("a-1-cp312-cp312-win_amd64.whl", "win-64", "3.12") && !ok("a-1-cp312-cp312-win32.whl", "win-64", "3.12"));
        assert!(Target::new("noarch", Version::from_str("3.12").unwrap()).is_none());
    }

    #[test]
    fn requires_python() {
        let v = |s: &str| Version::from_str(s).unwrap();
        assert!(requires_python_ok(">=3.8", &v("3.12.7")) && !requires_python_ok(">=3.13", &v("3.12.7")));
        assert!(requires_python_ok(">=3.8.1,<4.0", &v("3.12.7")) && !requires_python_ok("<3.12", &v("3.12.7")));
        assert!(requires_python_ok("not a specifier", &v("3.12")), "pip ignores an invalid Requires-Python");
    }
}
