//! The typed environment-file model that rules read.

mod dependency;
mod lower;
mod pip;
mod spanned;

pub use dependency::{parse_conda_spec, CondaDep, SpecError};
pub use lower::lower;
pub use pip::{classify_line, IncludeKind, OptionKind, PipItem, PipItemKind, PipSection, Requirement};
pub use spanned::Spanned;

use crate::source::{DecodeError, Encoding, TextRange};
use crate::syntax::SyntaxError;

/// The top-level keys of an environment file (CEP 24).
pub const KNOWN_KEYS: &[&str] = &["name", "channels", "dependencies", "prefix", "variables"];

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
    /// A list or scalar; what it is in words.
    Other { range: TextRange, found: &'static str },
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
    /// What was expected, e.g. "`channels` to be a list of strings".
    pub expected: String,
    pub found: &'static str,
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
    pub variables: Vec<(Spanned<String>, Spanned<String>)>,
    pub duplicate_keys: Vec<DuplicateKey>,
    pub type_errors: Vec<TypeError>,
    /// The `$schema` value, when there is one.
    pub schema: Option<String>,
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
            duplicate_keys: Vec::new(),
            type_errors: Vec::new(),
            schema: None,
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
        self.conda_deps().filter(move |d| d.name.as_ref().is_some_and(|n| n.value == name))
    }

    /// The first channel after removing `nodefaults`.
    pub fn top_priority_channel(&self) -> Option<&Spanned<String>> {
        self.channels.as_ref()?.items.iter().find(|c| c.value != "nodefaults")
    }

    /// Whether some pip section has at least one item.
    pub fn has_nonempty_pip_section(&self) -> bool {
        self.pip_sections().any(|s| !s.items.is_empty())
    }
}
