//! The typed environment-file model that rules read.

mod dependency;
mod lower;
mod pip;
mod spanned;

pub use dependency::{parse_conda_spec, CondaDep, Misread, SpecError};
pub use lower::{follow_includes, lower, lower_inline, selector_of};
pub use pip::{classify_line, parse_requirements, IncludeKind, OptionKind, PipItem, PipItemKind, PipSection, Requirement};
pub use spanned::Spanned;

use std::sync::Arc;

use crate::source::SourceFile;

use crate::source::{DecodeError, Encoding, TextRange};
use crate::syntax::SyntaxError;
pub use crate::syntax::{comments, Comment, NodeType};

/// The top-level keys of an environment file (CEP 24).
pub const KNOWN_KEYS: &[&str] = &["name", "channels", "dependencies", "prefix", "variables"];

/// Top-level keys that only some tools honour (tool-specific-key), with the tool.
pub const TOOL_SPECIFIC_KEYS: &[(&str, &str)] = &[
    ("allow-pypi-requests", "conda-lock"),
    ("category", "conda-lock"),
    ("environment", "conda-devenv"),
    ("pip-repositories", "conda-lock"),
    ("platforms", "conda-lock"),
    ("rccPostInstall", "Robocorp RCC"),
];

/// How far reading the file got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileState {
    /// Parsed into a tree and lowered into the model.
    Parsed,
    /// The bytes are not text.
    Undecodable(DecodeError),
    /// The text is not YAML that conda can load.
    InvalidYaml(SyntaxError),
    /// A Jinja template; the first template expression.
    Template(TextRange),
}

/// What the document's root is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Root {
    Mapping(TextRange),
    /// Empty or only comments.
    Empty,
    /// A list or scalar.
    Other { range: TextRange, found: NodeType },
}

/// A top-level key as written.
#[derive(Clone, Debug)]
pub struct TopKey {
    pub name: Spanned<String>,
    pub known: bool,
}

/// A key written twice in one mapping.
#[derive(Clone, Debug)]
pub struct DuplicateKey {
    pub key: Spanned<String>,
    pub first: TextRange,
}

/// A value of the wrong YAML type (ENV006).
#[derive(Clone, Debug)]
pub struct TypeError {
    pub range: TextRange,
    pub expected: Expected,
    pub found: NodeType,
    /// The top-level key written with no value (`channels:`, `channels: null`); the range is
    /// then the key's.
    pub null_key: Option<String>,
}

/// What a value of the wrong type should have been; its `Display` is the words messages use
/// ("`channels` to be a list of channel names").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    TopLevelKeys,
    /// `name` or `prefix`.
    KeyString(String),
    Channels,
    Channel,
    Dependencies,
    Dependency,
    PipSection,
    Requirement,
    Variables,
    Platforms,
    Platform,
}

impl Expected {
    /// Whether a string was expected (quoting the value may be the fix).
    pub fn is_string(&self) -> bool {
        matches!(self, Expected::TopLevelKeys | Expected::KeyString(_) | Expected::Channel | Expected::Requirement | Expected::Platform)
    }
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Expected::TopLevelKeys => "top-level keys to be strings",
            Expected::KeyString(key) => return write!(f, "`{key}` to be a string"),
            Expected::Channels => "`channels` to be a list of channel names",
            Expected::Channel => "a channel to be a string",
            Expected::Dependencies => "`dependencies` to be a list",
            Expected::Dependency => "a dependency to be a package spec or a `pip:` section",
            Expected::PipSection => "the `pip` section to be a list of requirements",
            Expected::Requirement => "a pip requirement to be a string",
            Expected::Variables => "`variables` to be a mapping of names to values",
            Expected::Platforms => "`platforms` to be a list of platforms",
            Expected::Platform => "a platform to be a string",
        })
    }
}

#[derive(Clone, Debug)]
pub struct Channels {
    pub key: TextRange,
    pub items: Vec<Spanned<String>>,
}

#[derive(Clone, Debug)]
pub struct Dependencies {
    pub key: TextRange,
    pub items: Vec<Dependency>,
}

#[derive(Clone, Debug)]
pub enum Dependency {
    Conda(CondaDep),
    Pip(PipSection),
    /// A mapping item whose key is not `pip`, or with several keys.
    Subsection { keys: Vec<Spanned<String>>, range: TextRange },
}

/// A `variables` entry.
#[derive(Clone, Debug)]
pub struct Variable {
    pub name: Spanned<String>,
    /// The value when it is a scalar.
    pub value: Option<Spanned<String>>,
    pub value_range: TextRange,
    pub found: NodeType,
}

/// A requirements file reached through `-r` (requirements) or `-c` (constraints).
#[derive(Clone, Debug)]
pub struct ReqFile {
    pub source: Arc<SourceFile>,
    pub kind: IncludeKind,
    pub items: Vec<PipItem>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncludeProblemKind {
    /// The path does not exist relative to the including file's directory.
    Missing,
    /// The file includes itself, directly or through others.
    Cycle,
    /// The file exists but cannot be read (or is not valid text).
    Unreadable(String),
    /// The include chain is deeper than condalint follows.
    TooDeep(usize),
}

/// An include (`-r`, `-c`, `-e path`) that could not be followed.
#[derive(Clone, Debug)]
pub struct IncludeProblem {
    /// The file the include is written in: `None` for the environment file, else an index into
    /// [`EnvFile::pip_files`].
    pub file: Option<usize>,
    pub range: TextRange,
    pub path: String,
    pub kind: IncludeProblemKind,
}

/// A parsed environment file. Every field is optional: the model is whatever could be read.
#[derive(Clone, Debug)]
pub struct EnvFile {
    pub state: FileState,
    pub encoding: Encoding,
    pub root: Root,
    pub keys: Vec<TopKey>,
    pub name: Option<Spanned<String>>,
    pub prefix: Option<Spanned<String>>,
    pub channels: Option<Channels>,
    pub dependencies: Option<Dependencies>,
    pub variables: Vec<Variable>,
    /// The `platforms` list (conda-lock), when present.
    pub platforms: Option<Vec<Spanned<String>>>,
    /// The string items of conda-lock's top-level `pip-repositories` list (index URLs), when
    /// present; other items are ignored (conda does not read the key).
    pub pip_repositories: Vec<Spanned<String>>,
    /// Every comment in the file, in order (also when the file could not be parsed: inline
    /// suppression directives are comments).
    pub comments: Vec<Comment>,
    /// The range of every mapping entry (key to end of value) and sequence item, in source
    /// order: what an own-line suppression directive covers ("the next node, with everything
    /// nested in it").
    pub extents: Vec<TextRange>,
    /// Requirements files reached through `-r` / `-c`, transitively, in discovery order.
    pub pip_files: Vec<ReqFile>,
    /// Includes that could not be followed.
    pub include_problems: Vec<IncludeProblem>,
    pub duplicate_keys: Vec<DuplicateKey>,
    pub type_errors: Vec<TypeError>,
    /// The `$schema` value, when there is one.
    pub schema: Option<String>,
    /// The Azure ML definition this file is, when it is one (its conda rules then run on the
    /// conda specifications it holds, not on the file itself).
    pub aml: Option<Box<crate::aml::AmlFile>>,
}

impl EnvFile {
    pub fn empty(state: FileState, encoding: Encoding) -> Self {
        Self {
            state,
            encoding,
            root: Root::Empty,
            keys: Vec::new(),
            name: None,
            prefix: None,
            channels: None,
            dependencies: None,
            variables: Vec::new(),
            platforms: None,
            pip_repositories: Vec::new(),
            comments: Vec::new(),
            extents: Vec::new(),
            pip_files: Vec::new(),
            include_problems: Vec::new(),
            duplicate_keys: Vec::new(),
            type_errors: Vec::new(),
            schema: None,
            aml: None,
        }
    }

    pub fn is_parsed(&self) -> bool {
        self.state == FileState::Parsed
    }

    pub fn dependency_items(&self) -> &[Dependency] {
        self.dependencies.as_ref().map_or(&[], |d| &d.items)
    }

    pub fn conda_deps(&self) -> impl Iterator<Item = &CondaDep> {
        self.dependency_items().iter().filter_map(|d| match d {
            Dependency::Conda(dep) => Some(dep),
            _ => None,
        })
    }

    pub fn pip_sections(&self) -> impl Iterator<Item = &PipSection> {
        self.dependency_items().iter().filter_map(|d| match d {
            Dependency::Pip(section) => Some(section),
            _ => None,
        })
    }

    pub fn pip_items(&self) -> impl Iterator<Item = &PipItem> {
        self.pip_sections().flat_map(|s| s.items.iter())
    }

    /// Conda dependencies on the package `name` (normalised, channel stripped).
    pub fn conda_deps_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a CondaDep> + 'a {
        self.conda_deps().filter(move |d| d.name().is_some_and(|n| n.value == name))
    }

    /// The first channel after removing `nodefaults`.
    pub fn top_priority_channel(&self) -> Option<&Spanned<String>> {
        self.channels.as_ref()?.items.iter().find(|c| c.value != "nodefaults")
    }

    /// Every pip item of the environment file and of its included files, with the file it is in
    /// (`None`: the environment file) and whether it was reached through `-c` (a constraint).
    pub fn all_pip_items(&self) -> impl Iterator<Item = (&PipItem, Option<&ReqFile>)> {
        let own = self.pip_items().map(|item| (item, None));
        let included = self.pip_files.iter().flat_map(|f| f.items.iter().map(move |item| (item, Some(f))));
        own.chain(included)
    }

    /// Pip items that request packages: the environment file's and those of `-r` files, not
    /// the lines of `-c` constraint files.
    pub fn requested_pip_items(&self) -> impl Iterator<Item = (&PipItem, Option<&ReqFile>)> {
        self.all_pip_items().filter(|(_, file)| file.is_none_or(|f| f.kind == IncludeKind::Requirement))
    }

    /// Whether some pip section has at least one item.
    pub fn has_nonempty_pip_section(&self) -> bool {
        self.pip_sections().any(|s| !s.items.is_empty())
    }
}

/// Byte position of the first `pair` in `s`. For the two-byte patterns of the per-spec paths
/// `memchr` on the first byte beats `str::find`, whose searcher set-up costs more than these
/// short texts.
pub(crate) fn find_pair(s: &str, pair: &[u8; 2]) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memchr_iter(pair[0], bytes).find(|&i| bytes.get(i + 1) == Some(&pair[1]))
}

/// PEP 503 normalisation: lowercase, runs of `-`, `_`, `.` become one `-`. Borrows a name that
/// is already normalised (nearly every name).
pub(crate) fn pep503(name: &str) -> std::borrow::Cow<'_, str> {
    let mut previous = 0;
    let normal = name.bytes().all(|b| {
        let ok = !(b.is_ascii_uppercase() || b == b'_' || b == b'.' || (b == b'-' && previous == b'-'));
        previous = b;
        ok
    });
    if normal {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    std::borrow::Cow::Owned(out)
}
