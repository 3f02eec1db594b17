//! The failure catalogue, as data: what each BLD finding recognises in a log line, the names it
//! takes from it, the lines that follow it, what it points at in the environment file and the
//! `check` rule that catches the cause before a build.
//!
//! Matching is in two steps: the `triggers` (literal substrings) of every entry are searched at
//! once (one Aho-Corasick automaton over each line's matching text); only an entry whose trigger
//! is in the line runs its `pattern` (a small regex, whose named groups are the names). An entry
//! with `follow` reads the lines after it as a list (the ` - spec` lines after
//! `ResolvePackageNotFound:`), each item one finding.
//!
//! The patterns follow the messages of the tools themselves: conda (`ResolvePackageNotFound`,
//! `PackagesNotFoundError`, `UnsatisfiableError`, `CondaHTTPError`, `CondaMemoryError`),
//! mamba/libmamba (`nothing provides`, `does not exist (perhaps a typo or a missing channel)`),
//! pip (`No matching distribution found for`, `THESE PACKAGES DO NOT MATCH THE HASHES`,
//! `Cannot uninstall`, `This is taking longer than usual`, `requires a different Python`,
//! `Failed building wheel for`), Docker/BuildKit (`pull access denied`, `manifest unknown`) and
//! Azure ML's "Image build problems"; each entry's rule doc cites its source.

/// What a finding points at in the environment file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Points {
    /// The conda dependency named by `spec` (else `from`, the package that needs it).
    CondaSpec,
    /// The pip line of `spec` (else of each package in the `from` chain, innermost first).
    PipRequirement,
    /// `package` in the pip section and the conda dependency that installed it.
    Installed,
    /// The pip lines of the `package`s pip backtracked on, and the conda `pip` dependency.
    Resolver,
    /// The channel list, or the pip index, that `url` is on.
    Source,
    /// The pip section's index options.
    PipIndex,
    /// The conda dependency `python`.
    Python,
    /// The conda dependencies without a version (what a solver has to search).
    Unpinned,
    /// An Azure ML definition's `image`, a Dockerfile's `FROM`.
    Image,
    /// The Dockerfile's apt line that installs python without distutils.
    Dockerfile,
    /// Nothing in the file: the help says what to do.
    Nothing,
}

/// Lines after a header that belong to it.
#[derive(Clone, Copy, Debug)]
pub struct Follow {
    /// An item line: a regex whose named groups are the item's names.
    pub item: &'static str,
    /// A line inside the list that is not an item (an `Expected sha256` line).
    pub skip: Option<&'static str>,
}

/// One way a failure shows in a log.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub code: &'static str,
    /// Literal substrings, any of which selects the entry for a line.
    pub triggers: &'static [&'static str],
    /// A regex the line's text must match; its named groups are the names (`spec`, `package`,
    /// `from`, `image`, `url`, `versions`).
    pub pattern: Option<&'static str>,
    pub follow: Option<Follow>,
    /// Reported only when the build did not end in success (pip's `Retrying … Read timed out`
    /// is a warning pip recovers from).
    pub weak: bool,
    /// Lines needed before it is reported (pip's backtracking message, repeated).
    pub min_count: usize,
    /// One finding for the whole log, whatever its names: the names of every line are gathered.
    pub once: bool,
    /// The message: `{name}` is the first name found (`spec`, then `package`, `image`, `url`).
    pub message: &'static str,
    /// The message when there is no name.
    pub message_unnamed: &'static str,
    pub help: &'static str,
    pub points: Points,
    /// The `check` rule that catches the cause before a build.
    pub rule: Catches,
}

/// Which `check` rule catches an entry's cause before a build.
#[derive(Clone, Copy, Debug)]
pub enum Catches {
    None,
    /// Always this one.
    Rule(&'static str),
    /// Chosen from the names the line gave.
    By(fn(&Names) -> Option<&'static str>),
}

impl Catches {
    pub fn rule(self, names: &Names) -> Option<&'static str> {
        match self {
            Catches::None => None,
            Catches::Rule(code) => Some(code),
            Catches::By(choose) => choose(names),
        }
    }
}

/// The names an entry takes from a line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub spec: Option<String>,
    pub package: Option<String>,
    pub from: Option<String>,
    pub image: Option<String>,
    pub url: Option<String>,
    pub versions: Option<String>,
}

impl Names {
    /// The name a message shows.
    pub fn shown(&self) -> Option<&str> {
        self.spec.as_deref().or(self.package.as_deref()).or(self.image.as_deref()).or(self.url.as_deref())
    }
}

const fn entry(code: &'static str, triggers: &'static [&'static str]) -> Entry {
    Entry {
        code,
        triggers,
        pattern: None,
        follow: None,
        weak: false,
        min_count: 1,
        once: false,
        message: "",
        message_unnamed: "",
        help: "",
        points: Points::Nothing,
        rule: Catches::None,
    }
}

/// IDX002 for a spec with a version or build, else IDX001.
fn conda_rule(names: &Names) -> Option<&'static str> {
    let spec = names.spec.as_deref().unwrap_or("");
    Some(if spec.contains(['=', '<', '>', '!', ' ']) { "IDX002" } else { "IDX001" })
}

/// PIP014 for a local version (`+cu118`), IDX003 when the index has no release at all, IDX004
/// when it has others.
fn pip_rule(names: &Names) -> Option<&'static str> {
    let spec = names.spec.as_deref().unwrap_or("");
    if spec.split(';').next().unwrap_or("").contains('+') {
        return Some("PIP014");
    }
    match names.versions.as_deref().map(str::trim) {
        Some("none" | "") => Some("IDX003"),
        _ => Some("IDX004"),
    }
}


/// A conda spec at the start of a list item (`  - pyyaml==3.12=py27_0`).
const SPEC_ITEM: &str = r"^\s*-\s+(?P<spec>[^\s#]+(?: [^\s#]+)?)\s*$";

const HELP_CONDA: &str = "check the name and version against the channels listed in the file (`conda search -c CHANNEL NAME`); \
a spec exported with a build string (`=py27h…_0`) from another platform rarely exists: keep `name=version`, or drop the pin";
const HELP_PIP: &str = "pin a version the index has (the log lists them after `from versions:`); a local version (`+cu118`) needs \
the index that hosts it (`--extra-index-url https://download.pytorch.org/whl/cu118`), and a release that needs another python needs \
that python";
const HELP_HASH: &str = "update the `--hash` values to those of the files the index serves now (`pip hash FILE`, or regenerate \
with `pip-compile --generate-hashes`); if the pins did not change, the download is not the file that was hashed: do not install it";
const HELP_UNINSTALL: &str = "install the package from one side only: remove it from the pip section and let conda install it, \
or remove the conda dependency that brings it; for a distutils-installed base package, \
add `--ignore-installed PACKAGE` in the Dockerfile's own pip step";
const HELP_RESOLVER: &str = "pin the pip packages (and `pip` itself, to a release whose resolver is newer than 20.3) so that pip \
does not try many versions; add the constraint pip backtracks on, or split the install in two steps";
const HELP_NETWORK: &str = "retry the build; if it fails again, use a mirror or proxy for the channel or index, pin `pip` to a \
recent release (it retries better), and raise the timeouts (`remote_read_timeout_secs` in `.condarc`, `PIP_DEFAULT_TIMEOUT`)";
const HELP_LOCK: &str = "another conda process holds the lock, or a crashed one left it: wait for it, or remove the stale lock \
file (`conda clean --locks` on older conda, or the `*.conda_lock` files under the package cache)";
const HELP_DISTUTILS: &str = "install distutils in the image before pip runs: on Debian and Ubuntu `apt-get install -y \
python3-distutils`, or use the conda environment's python (which has it) instead of the system one";
const HELP_SOLVER: &str = "give the solver less to search: pin the main packages (python first), remove what the environment \
does not need, use one channel (`nodefaults`), or use the libmamba solver; a build machine with more memory helps when it was killed";
const HELP_IMAGE: &str = "check the image name and tag (`docker pull IMAGE`), log in to a private registry, and pin the tag or \
digest that exists";
const HELP_REGISTRY: &str = "sync the workspace keys (`az ml workspace sync-keys`), check the storage account's SAS token and \
firewall or VNet rules, and that the workspace's identity can pull from and push to its container registry";
const HELP_AUTH: &str = "pip asked for a user name and password, and a build cannot answer: give the index credentials through \
an Azure ML workspace connection or `PIP_INDEX_URL=https://USER:${TOKEN}@…` set in the build, not in the file";
const HELP_REDIRECT: &str = "quote the spec on the command line: `conda install -y \"pip<=20.1.1\"`, `pip install \"numpy>=1.21\"`; \
unquoted, the shell reads `<` and `>` as redirections";
const HELP_COMPILE: &str = "the release has no wheel for this platform and python, so pip built it from source and failed: pin a \
release with a wheel, install it from conda instead, or install the compiler and headers it needs before pip runs";
const HELP_PYTHON: &str = "pin a python that the package supports, or a release of the package that supports this python";

/// The catalogue, in the order entries are tried on a line; an entry that matches stops the other
/// entries of its code on that line.
pub static CATALOGUE: &[Entry] = &[
    Entry {
        follow: Some(Follow { item: SPEC_ITEM, skip: None }),
        message: "conda cannot find `{name}` in the listed channels",
        message_unnamed: "conda cannot find a requested package in the listed channels",
        help: HELP_CONDA,
        points: Points::CondaSpec,
        rule: Catches::By(conda_rule),
        ..entry("BLD001", &["ResolvePackageNotFound:", "PackagesNotFoundError", "The following packages are not available from current channels"])
    },
    Entry {
        pattern: Some(r"nothing provides (?:requested )?(?P<spec>[^\s,]+(?: [^\s,]+){0,2}) needed by (?P<from>\S+)"),
        message: "conda cannot find `{name}`, which a requested package needs",
        message_unnamed: "conda cannot find a package a requested package needs",
        help: HELP_CONDA,
        points: Points::CondaSpec,
        rule: Catches::By(conda_rule),
        ..entry("BLD001", &[" needed by "])
    },
    Entry {
        pattern: Some(r"nothing provides requested (?P<spec>[^\s,]+(?: [^\s,]+)?)"),
        message: "conda cannot find `{name}` in the listed channels",
        message_unnamed: "conda cannot find a requested package in the listed channels",
        help: HELP_CONDA,
        points: Points::CondaSpec,
        rule: Catches::By(conda_rule),
        ..entry("BLD001", &["nothing provides requested "])
    },
    Entry {
        pattern: Some(r"(?P<spec>[A-Za-z_][A-Za-z0-9_.\-]*(?: [^\s]+)?)\s*(?:, which)? does not exist \(perhaps a (?:typo|missing channel)"),
        message: "conda cannot find `{name}` in the listed channels",
        message_unnamed: "conda cannot find a requested package in the listed channels",
        help: HELP_CONDA,
        points: Points::CondaSpec,
        rule: Catches::By(conda_rule),
        ..entry("BLD001", &["does not exist (perhaps a"])
    },
    Entry {
        pattern: Some(r"satisfies the requirement (?P<spec>.+?)(?:\s*\(from (?P<from>(?:[^()]|\([^()]*\))*)\))?(?:\s*\(from versions: (?P<versions>[^)]*)\))?\s*$"),
        message: "pip finds no release of `{name}` that it can install",
        message_unnamed: "pip finds no release that it can install",
        help: HELP_PIP,
        points: Points::PipRequirement,
        rule: Catches::By(pip_rule),
        ..entry("BLD002", &["Could not find a version that satisfies the requirement "])
    },
    Entry {
        pattern: Some(r"No matching distribution found for (?P<spec>.+?)(?:\s*\(from (?P<from>.*)\))?\s*$"),
        message: "pip finds no release of `{name}` that it can install",
        message_unnamed: "pip finds no release that it can install",
        help: HELP_PIP,
        points: Points::PipRequirement,
        rule: Catches::By(pip_rule),
        ..entry("BLD002", &["No matching distribution found for "])
    },
    Entry {
        follow: Some(Follow {
            item: r"^\s*(?P<package>[A-Za-z0-9][A-Za-z0-9._\-]*)(?:\[[^\]]*\])?(?:==\S+)? from (?P<url>\S+?)(?: \(from (?P<from>.*)\))?:?\s*$",
            skip: Some(r"^\s*(?:Expected|Got|unknown package:)"),
        }),
        message: "the file pip downloaded for `{name}` does not match its `--hash`",
        message_unnamed: "a file pip downloaded does not match its `--hash`",
        help: HELP_HASH,
        points: Points::PipRequirement,
        rule: Catches::Rule("PIP005"),
        ..entry("BLD003", &["THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE"])
    },
    Entry {
        follow: Some(Follow { item: r"^\s*(?P<package>[A-Za-z0-9][A-Za-z0-9._\-]*)(?:\[[^\]]*\])?(?:==\S+)? (?:--hash=|from )", skip: None }),
        message: "`{name}` cannot be installed in hash-checking mode: it has no `--hash` or is not pinned with `==`",
        message_unnamed: "a requirement cannot be installed in hash-checking mode",
        help: "give every requirement, its dependencies included, an `==` pin and a `--hash`, or none of them",
        points: Points::PipRequirement,
        rule: Catches::Rule("PIP005"),
        ..entry("BLD003", &["Hashes are required in --require-hashes mode", "In --require-hashes mode, all requirements must have their versions pinned"])
    },
    Entry {
        pattern: Some(r"Cannot uninstall '(?P<package>[^']+)'"),
        message: "pip cannot replace `{name}`, which another installer (distutils or conda) installed",
        message_unnamed: "pip cannot replace a package another installer installed",
        help: HELP_UNINSTALL,
        points: Points::Installed,
        rule: Catches::Rule("CDA004"),
        ..entry("BLD004", &["Cannot uninstall '"])
    },
    Entry {
        pattern: Some(r"Cannot uninstall (?P<package>[A-Za-z0-9][A-Za-z0-9._\-]*) [0-9][^\s,]*"),
        message: "pip cannot replace `{name}`, which another installer (distutils or conda) installed",
        message_unnamed: "pip cannot replace a package another installer installed",
        help: HELP_UNINSTALL,
        points: Points::Installed,
        rule: Catches::Rule("CDA004"),
        ..entry("BLD004", &["Cannot uninstall "])
    },
    Entry {
        once: true,
        message: "pip's resolver is backtracking through many versions and may never finish",
        message_unnamed: "pip's resolver is backtracking through many versions and may never finish",
        help: HELP_RESOLVER,
        points: Points::Resolver,
        rule: Catches::Rule("PIP003"),
        ..entry("BLD005", &["This is taking longer than usual", "ResolutionTooDeep"])
    },
    Entry {
        pattern: Some(r"pip is looking at multiple versions of (?P<package>\S+) to determine"),
        weak: true,
        min_count: 3,
        once: true,
        message: "pip's resolver is backtracking through many versions and may never finish",
        message_unnamed: "pip's resolver is backtracking through many versions and may never finish",
        help: HELP_RESOLVER,
        points: Points::Resolver,
        rule: Catches::Rule("PIP003"),
        ..entry("BLD005", &["pip is looking at multiple versions of "])
    },
    Entry {
        weak: true,
        once: true,
        message: "pip's downloads from {name} time out or break",
        message_unnamed: "pip's downloads time out or break",
        help: HELP_NETWORK,
        points: Points::Source,
        rule: Catches::Rule("IDX000"),
        ..entry("BLD006", &["Retrying (Retry("])
    },
    Entry {
        once: true,
        message: "a download from {name} failed: the connection timed out or broke",
        message_unnamed: "a download failed: the connection timed out or broke",
        help: HELP_NETWORK,
        points: Points::Source,
        rule: Catches::Rule("IDX000"),
        ..entry(
            "BLD006",
            &["CondaHTTPError", "ECONNRESET", "ReadTimeoutError", "Read timed out", "Connection broken", "ConnectTimeoutError", "ConnectionResetError", "CONNECTION FAILED", "Temporary failure in name resolution"],
        )
    },
    Entry {
        message: "conda waits for another conda process's lock",
        message_unnamed: "conda waits for another conda process's lock",
        help: HELP_LOCK,
        ..entry(
            "BLD007",
            &[
                "Waiting for other Conda operations to finish",
                "Waiting for other conda operations to finish",
                "waiting for other conda operations to finish",
                "It looks like conda is already doing something",
            ],
        )
    },
    Entry {
        pattern: Some(r"No module named '(?P<package>distutils[A-Za-z0-9_.]*)'"),
        message: "python has no `{name}`: the system python lacks distutils",
        message_unnamed: "python has no distutils",
        help: HELP_DISTUTILS,
        points: Points::Dockerfile,
        rule: Catches::Rule("AML017"),
        ..entry("BLD008", &["No module named 'distutils"])
    },
    Entry {
        message: "conda ran out of memory",
        message_unnamed: "conda ran out of memory",
        help: HELP_SOLVER,
        points: Points::Unpinned,
        once: true,
        rule: Catches::Rule("CDA005"),
        ..entry("BLD009", &["CondaMemoryError", "MemoryError"])
    },
    Entry {
        pattern: Some(r"(?:(?:Solving environment|Collecting package metadata|Solving|Preparing transaction|Verifying transaction)[^:]*: .*(?:Killed|exit code:? (?:null|137))|\|\s*\d+%\s*Killed)"),
        message: "conda was killed while solving the environment (out of memory)",
        message_unnamed: "conda was killed while solving the environment (out of memory)",
        help: HELP_SOLVER,
        points: Points::Unpinned,
        once: true,
        rule: Catches::Rule("CDA005"),
        ..entry("BLD009", &["Killed", "exit code null", "exit code: 137", "exit code 137"])
    },
    Entry {
        message: "conda cannot find versions of the requested packages that work together",
        message_unnamed: "conda cannot find versions of the requested packages that work together",
        help: HELP_SOLVER,
        points: Points::Unpinned,
        once: true,
        rule: Catches::Rule("CDA005"),
        ..entry("BLD009", &["UnsatisfiableError", "Found conflicts! Looking for incompatible packages", "Could not solve for environment specs", "LibMambaUnsatisfiableError", "Encountered problems while solving"])
    },
    Entry {
        pattern: Some(r"(?:pull access denied for (?P<image>[^,\s]+)|manifest for (?P<image2>\S+) not found|failed to resolve source metadata for (?P<image3>\S+?):? |Failed to pull Docker image (?P<image4>\S+))"),
        message: "the base image `{name}` cannot be pulled",
        message_unnamed: "the base image cannot be pulled",
        help: HELP_IMAGE,
        points: Points::Image,
        rule: Catches::Rule("AML004"),
        ..entry("BLD010", &["pull access denied for ", "manifest for ", "failed to resolve source metadata for ", "Failed to pull Docker image", "manifest unknown"])
    },
    Entry {
        pattern: Some(r"^.*?(?:/v2/(?P<image>\S+?)/manifests/\S*?)?:? unauthorized: (?:authentication required|incorrect username or password)"),
        message: "the base image `{name}` cannot be pulled: the registry refused the credentials",
        message_unnamed: "the base image cannot be pulled: the registry refused the credentials",
        help: HELP_IMAGE,
        points: Points::Image,
        rule: Catches::Rule("AML004"),
        ..entry("BLD010", &["unauthorized: authentication required", "unauthorized: incorrect username or password"])
    },
    Entry {
        once: true,
        message: "the workspace's container registry or storage refused access",
        message_unnamed: "the workspace's container registry or storage refused access",
        help: HELP_REGISTRY,
        ..entry(
            "BLD011",
            &[
                "Forbidden blob",
                "AuthorizationFailure",
                "AuthorizationPermissionMismatch",
                "This request is not authorized to perform this operation",
                "attempting to connect to the container registry",
                "Key based authentication is not permitted",
                "Public access is not permitted on this storage account",
                "Authentication failed for container registry",
            ],
        )
    },
    Entry {
        pattern: Some(r"(?i)(?:unauthorized|denied|403 forbidden|401)"),
        once: true,
        message: "the workspace's container registry or storage refused access",
        message_unnamed: "the workspace's container registry or storage refused access",
        help: HELP_REGISTRY,
        ..entry("BLD011", &[".azurecr.io", ".blob.core.windows.net"])
    },
    Entry {
        pattern: Some(r"^\s*(?:User for (?P<url>[^\s:]+)|.*[Kk]eyring)"),
        once: true,
        message: "pip asked for credentials for {name}, which a build cannot give",
        message_unnamed: "pip asked for credentials, which a build cannot give",
        help: HELP_AUTH,
        points: Points::PipIndex,
        ..entry("BLD012", &["User for ", "Keyring is skipped", "keyring", "Interactive auth"])
    },
    Entry {
        pattern: Some(r"(?:No such file or directory: '(?P<spec>[=<>][^']*)'|(?:cannot open |: )(?P<spec2>=[^\s:]+): No such file|'(?P<spec3>[^']*)' was unexpected at this time|^zsh: (?P<spec4>[0-9][\w.]*) not found|'(?P<spec5>[~=<>0-9][^']*)' is not recognized as an internal or external command)"),
        message: "the shell read `{name}` of an unquoted spec as a redirection",
        message_unnamed: "the shell read an unquoted spec as a redirection",
        help: HELP_REDIRECT,
        ..entry("BLD013", &["No such file or directory", "was unexpected at this time", "zsh: ", "is not recognized as an internal or external command"])
    },
    Entry {
        pattern: Some(r"(?:Failed building wheel for (?P<package>[^\s,]+)|Failed to build (?P<package2>[A-Za-z0-9][A-Za-z0-9._\-]*)(?: [A-Za-z0-9][A-Za-z0-9._\-]*)*\s*$)"),
        weak: true,
        message: "pip could not build `{name}` from source",
        message_unnamed: "pip could not build a package from source",
        help: HELP_COMPILE,
        points: Points::PipRequirement,
        rule: Catches::Rule("IDX005"),
        ..entry("BLD014", &["Failed building wheel for ", "Failed to build "])
    },
    Entry {
        pattern: Some(r#"(?:Could not build wheels for (?P<package>[^\s,]+)|Failed to build '(?P<package6>[^']+)' when|Failed to build installable wheels for some pyproject\.toml based projects \((?P<package7>[^)]+)\)|Running setup\.py install for (?P<package8>[^\s:]+): finished with status 'error'|/pip-install-[^/]+/(?P<package3>[^/'"\s]+)/setup\.py|(?:Building wheel for|Running setup\.py install for) (?P<package4>[^\s,]+).* did not run successfully|Getting requirements to build wheel did not run successfully)"#),
        message: "pip could not build `{name}` from source",
        message_unnamed: "pip could not build a package from source",
        help: HELP_COMPILE,
        points: Points::PipRequirement,
        rule: Catches::Rule("IDX005"),
        ..entry("BLD014", &["Could not build wheels for ", "Failed to build '", "Failed to build installable wheels", "finished with status 'error'", "Command errored out with exit status", "ERROR: Command \"", "did not run successfully"])
    },
    Entry {
        pattern: Some(r"(?:command '(?P<package>[^']+)' failed|(?:^|[\s:])(?P<package2>[\w.+\-]+): command not found|^(?:/bin/)?(?:ba|z)?sh: (?:\d+: )?(?P<package3>[\w.+\-]+): not found)"),
        message: "a build step needs `{name}`, which failed or is not installed",
        message_unnamed: "a build step needs a compiler",
        help: HELP_COMPILE,
        once: true,
        ..entry("BLD014", &["command '", ": command not found", ": not found"])
    },
    Entry {
        pattern: Some(r"(?:Package '(?P<package>[^']+)' requires a different Python: (?P<python>\S+) not in '(?P<versions>[^']*)'|(?P<package2>\S+) requires Python '(?P<versions2>[^']+)' but the running Python is)"),
        message: "`{name}` needs another python than the environment's",
        message_unnamed: "a package needs another python than the environment's",
        help: HELP_PYTHON,
        points: Points::Python,
        ..entry("BLD015", &["requires a different Python", "but the running Python is"])
    },
    Entry {
        message: "conda's python conflicts with what a package needs",
        message_unnamed: "conda's python conflicts with what a package needs",
        help: HELP_PYTHON,
        points: Points::Python,
        once: true,
        ..entry("BLD015", &["Package python conflicts for:", "python_abi conflicts for"])
    },
    Entry {
        pattern: Some(r"^\s*-?\s*(?P<package>[A-Za-z0-9_][\w.\-]*)(?:\s*\S*)? -> python(?:\[version='(?P<versions>[^']+)'\]|(?P<versions2> [^\s]+))"),
        message: "`{name}` needs another python than the one requested",
        message_unnamed: "a package needs another python than the one requested",
        help: HELP_PYTHON,
        points: Points::Python,
        once: true,
        ..entry("BLD015", &["-> python"])
    },
    Entry {
        pattern: Some(r"(?P<package>python) (?P<versions>[0-9][0-9.*]*)\s+is not installable because it conflicts"),
        message: "the requested python conflicts with what the other packages need",
        message_unnamed: "the requested python conflicts with what the other packages need",
        help: HELP_PYTHON,
        points: Points::Python,
        once: true,
        ..entry("BLD015", &["is not installable because it conflicts"])
    },
    Entry {
        weak: true,
        once: true,
        message: "pip skipped releases that need another python",
        message_unnamed: "pip skipped releases that need another python",
        help: HELP_PYTHON,
        points: Points::Python,
        ..entry("BLD015", &["Ignored the following versions that require a different python version"])
    },
];

/// Markers of a build that ended well: after the last error, they make the log a success.
pub const SUCCESS: &[&str] = &[
    "Successfully installed ",
    "Successfully built ",
    "Successfully tagged ",
    "# To activate this environment",
    "naming to docker.io",
    "writing image sha256:",
    "Image build succeeded",
    "Build succeeded",
];

/// Words of a line that looks like an error (for BLD000's quote, and to tell success).
pub const ERROR_WORDS: &[&str] = &["ERROR", "Error", "error:", "FAILED", "Failed", "failed", "Traceback", "Exception", "exit code", "Killed", "fatal"];
