use super::aml_docker::dockerfiles;
use super::*;
use crate::aml::dockerfile::{self, Distro};

declare_rule! {
    DockerfileDistutils { code: "AML017", name: "dockerfile-distutils", severity: Warning, default_on: true, fix: None, document: Document::Aml }
    summary: "a Dockerfile installs `python3` with apt on Debian or Ubuntu without `python3-distutils`";
    fn check(env, cx) {
        let Some(aml) = env.aml.as_deref() else { return };
        for site in dockerfiles(aml, cx.source) {
            let read = dockerfile::read(site.text);
            for trap in read.distutils_traps() {
                let release = trap.release;
                let distro = match release.distro {
                    Distro::Ubuntu => "Ubuntu",
                    Distro::Debian => "Debian",
                };
                let message = format!(
                    "`{}` is installed without `python3-distutils` on {distro} {} ({}), where distutils is a separate package: the build fails with \"ModuleNotFoundError: No module named 'distutils.dir_util'\"",
                    trap.package_name, release.version, release.codename
                );
                let from = site.range(trap.from);
                let in_file = site.file.is_some();
                let d = site.report(cx, trap.package, message);
                let label = format!("{distro} {} ({}): `python3-distutils` is not part of `python3`", release.version, release.codename);
                if in_file {
                    d.label_in(site.file, from, label);
                } else {
                    d.label(from, label);
                }
                d.help("install it with the interpreter, as Azure ML's troubleshooting guide (2021) says: `apt-get install -y --no-install-recommends python3 python3-distutils`");
            }
        }
    }
}
