//! condalint: a linter for conda environment files and the pip section inside them.
//!
//! The library is quiet: it never prints, never exits, and reads files only through the
//! [`FileSystem`] it is given. [`linter`] turns files into diagnostics ([`check`] one file);
//! [`render`] turns diagnostics into text; [`cli`] wires both to a command line.
//!
//! bytes → [`SourceFile`] (decoded, line index) → [`syntax`] tree → [`model`] (`EnvFile`, its
//! includes read through the [`FileSystem`]) → [`rules`] → suppression, severities, masking of secrets ([`secrets`]) →
//! [`linter`] (fix passes, findings by file, merged, shown/suppressed) → [`render`] → output.

pub mod aml;
pub mod cli;
pub mod config;
pub mod data;
pub mod diagnostic;
pub mod explain;
pub mod files;
pub mod index;
pub mod linter;
pub mod lsp;
pub mod model;
pub mod render;
pub mod rules;
pub mod secrets;
pub mod settings;
pub mod source;
pub mod syntax;

pub use diagnostic::{Diagnostic, Severity};
pub use files::{DiskFileSystem, FileSystem, MemoryFileSystem, SourceFile};
pub use linter::{check, fix, group_by_file, lint, FixMode, Fixed, MAX_FIX_PASSES};
pub use settings::Settings;

/// Hash maps and sets for the per-file passes: foldhash is several times faster than SipHash on
/// short strings, and its per-process random seed keeps crafted keys from forcing collisions.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Base of every rule's documentation URL; `<name>.md` is appended.
pub const DOCS_BASE: &str = "https://github.com/condalint/condalint/blob/main/lints/";

/// The documentation URL of a rule.
pub fn doc_url(name: &str) -> String {
    format!("{DOCS_BASE}{name}.md")
}
