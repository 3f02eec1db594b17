//! BLD000–BLD015 as rules in the registry: `condalint rule BLD004`, `rules`, SARIF and the
//! catalogue know them; `check` never runs them ([`Document::Log`]), `explain` reports them.

use crate::diagnostic::Severity;
use crate::model::EnvFile;
use crate::rules::{Document, FixAvailability, LintContext, Rule, RuleMeta};

macro_rules! log_rule {
    ($ty:ident, $code:literal, $name:literal, $sev:ident, $summary:literal) => {
        pub(crate) struct $ty;

        impl $ty {
            const META: RuleMeta = RuleMeta {
                code: $code,
                name: $name,
                summary: $summary,
                severity: Severity::$sev,
                fix: FixAvailability::None,
                document: Document::Log,
                doc: include_str!(concat!("../../lints/", $name, ".md")),
                ..RuleMeta::DEFAULTS
            };
        }

        impl Rule for $ty {
            fn meta(&self) -> &'static RuleMeta {
                static META: RuleMeta = $ty::META;
                &META
            }

            /// Never called: a log is not an environment file.
            fn check(&self, _: &EnvFile, _: &mut LintContext<'_>) {}
        }
    };
}

log_rule!(UnknownFailure, "BLD000", "unknown-failure", Info, "the log shows no failure condalint knows: its last error lines, or that the build looks successful");
log_rule!(MissingCondaPackage, "BLD001", "missing-conda-package", Error, "conda found no package for a spec in the listed channels (`ResolvePackageNotFound`, `PackagesNotFoundError`, `nothing provides`)");
log_rule!(PipNoMatchingDistribution, "BLD002", "pip-no-matching-distribution", Error, "pip found no release it can install for a requirement (`No matching distribution found for`)");
log_rule!(PipHashMismatch, "BLD003", "pip-hash-mismatch", Error, "a downloaded file does not match its `--hash` (`THESE PACKAGES DO NOT MATCH THE HASHES`)");
log_rule!(PipCannotUninstall, "BLD004", "pip-cannot-uninstall", Error, "pip cannot replace a package that distutils or conda installed (`Cannot uninstall`)");
log_rule!(PipResolverLoop, "BLD005", "pip-backtracking", Warning, "pip's resolver backtracks through many versions (`This is taking longer than usual`)");
log_rule!(NetworkTimeout, "BLD006", "network-timeout", Warning, "a download from a channel or index timed out or broke (`ReadTimeoutError`, `CondaHTTPError`, `ECONNRESET`)");
log_rule!(CondaLockHeld, "BLD007", "conda-lock-held", Error, "conda waits for a lock another conda process holds (`Waiting for other Conda operations to finish`)");
log_rule!(DistutilsMissing, "BLD008", "distutils-missing", Error, "the python that runs pip has no distutils (`No module named 'distutils.dir_util'`)");
log_rule!(SolverExhausted, "BLD009", "solver-exhausted", Error, "conda's solver ran out of memory or found no solution (`Killed`, `UnsatisfiableError`)");
log_rule!(ImagePullFailed, "BLD010", "image-pull-failed", Error, "the base image cannot be pulled (`pull access denied`, `manifest unknown`)");
log_rule!(RegistryUnauthorized, "BLD011", "registry-unauthorized", Error, "the workspace's container registry or storage refused access (`Forbidden blob`, `AuthorizationFailure`)");
log_rule!(InteractiveAuth, "BLD012", "interactive-auth", Error, "pip asked for credentials a build cannot give (`User for`, keyring)");
log_rule!(BareRedirection, "BLD013", "bare-redirection", Error, "the shell read an unquoted `<` or `>` of a spec as a redirection");
log_rule!(CompileFailure, "BLD014", "compile-failure", Error, "pip could not build a package from source (`Failed building wheel for`, `error: command 'gcc' failed`)");
log_rule!(IncompatiblePython, "BLD015", "incompatible-python", Error, "a package needs another python than the environment's (`requires a different Python`)");
