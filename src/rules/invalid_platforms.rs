use super::*;

declare_rule! {
    InvalidPlatforms { code: "ENV013", name: "invalid-platforms", severity: Error, default_on: true, fix: None }
    summary: "a `platforms` entry is not a conda platform";
    fn check(env, cx) {
        for platform in env.platforms.iter().flatten() {
            let value = platform.value.as_str();
            if KNOWN_PLATFORMS.contains(&value) {
                continue;
            }
            let help = match closest(value, KNOWN_PLATFORMS.iter().copied(), 3) {
                Some(best) => format!("did you mean `{best}`? platforms are conda subdirs: linux-64, linux-aarch64, osx-64, osx-arm64, win-64, …"),
                None => "platforms are conda subdirs: linux-64, linux-aarch64, osx-64, osx-arm64, win-64, …".to_owned(),
            };
            let message = if value == "noarch" {
                "`noarch` is not a platform: noarch packages install on every platform".to_owned()
            } else {
                format!("`{value}` is not a conda platform")
            };
            cx.report(platform.range, message).help(help);
        }
    }
}

/// conda subdirs that are platforms (`noarch` is not).
pub(crate) const KNOWN_PLATFORMS: &[&str] = &[
    "emscripten-wasm32", "freebsd-64", "linux-32", "linux-64", "linux-aarch64", "linux-armv6l", "linux-armv7l",
    "linux-ppc64", "linux-ppc64le", "linux-riscv64", "linux-s390x", "osx-64", "osx-arm64", "wasi-wasm32", "win-32",
    "win-64", "win-arm64", "zos-z",
];
