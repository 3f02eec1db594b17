//! Syntax tree → typed model. Never fails: every structural problem is recorded in the model.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{
    classify_line, parse_conda_spec, parse_requirements, Channels, Dependencies, Dependency, DuplicateKey,
    EnvFile, Expected, FileState, IncludeKind, IncludeProblem, IncludeProblemKind, PipItem, PipItemKind, PipSection, ReqFile,
    NodeType, Root, Spanned, TopKey, TypeError, Variable, KNOWN_KEYS,
};
use crate::files::{FileId, FileSystem};
use crate::source::{SourceFile, TextRange};
use crate::syntax::{self, comments, NodeId, NodeKind, ScalarKind, Tree};

/// Lowers one file by itself: its includes are not followed (that is [`follow_includes`]).
pub fn lower(source: &SourceFile) -> EnvFile {
    let unparsed = |state| EnvFile { comments: comments(&source.text), ..EnvFile::empty(state, source.encoding) };
    if let Some(error) = &source.decode_error {
        return unparsed(FileState::Undecodable(error.clone()));
    }
    if let Some(range) = syntax::find_template(&source.text) {
        return unparsed(FileState::Template(range));
    }
    let mut tree = match syntax::parse(source) {
        Ok(tree) => tree,
        Err(error) => return unparsed(FileState::InvalidYaml(error)),
    };
    let mut env = EnvFile::empty(FileState::Parsed, source.encoding);
    env.comments = comments(&source.text);
    env.extents = extents(&tree);
    let Some(root) = tree.root.filter(|&r| !tree.is_null(r)) else {
        return env;
    };
    let root_node = tree.get(root);
    if !matches!(root_node.kind, NodeKind::Map(_)) {
        env.root = Root::Other { range: root_node.range, found: tree.node_type(root) };
        return env;
    }
    env.root = Root::Mapping(root_node.range);
    let mut cx = Lowering { source, tree: &tree, env, pending: None };
    cx.find_duplicate_keys();
    if let Some(kind) = crate::aml::detect(&tree, root) {
        let mut env = cx.env;
        env.aml = Some(Box::new(crate::aml::lower(source, &tree, root, kind)));
        return env;
    }
    cx.top_level(root);
    let Lowering { mut env, mut pending, .. } = cx;
    // The tree is no longer read: the specs' texts move out of it, and it goes before the specs
    // are parsed into their larger form.
    for slot in pending.iter_mut().flat_map(|(_, slots)| slots.iter_mut()) {
        if let Slot::Node(id, base) = *slot {
            let NodeKind::Scalar { value, .. } = &mut tree.nodes[id].kind else { unreachable!("a scalar slot") };
            *slot = Slot::Spec(Spanned::new(std::mem::take(value), tree.nodes[id].range), base);
        }
    }
    drop(tree);
    if let Some((key, slots)) = pending {
        env.dependencies = Some(parse_slots(key, slots));
    }
    attach_selectors(source, &mut env);
    env
}

/// Lowers a conda specification written as a mapping inside another document (an Azure ML
/// definition's inline `conda_file`, v1 `condaDependencies`): spans are in that document, whose
/// own lowering holds the comments and duplicate keys.
pub fn lower_inline(source: &SourceFile, tree: &Tree, map: NodeId) -> EnvFile {
    let mut env = EnvFile::empty(FileState::Parsed, source.encoding);
    env.root = Root::Mapping(tree.get(map).range);
    let mut cx = Lowering { source, tree, env, pending: None };
    cx.top_level(map);
    let Lowering { mut env, mut pending, .. } = cx;
    // The tree is the definition's and stays: the specs' texts are copied out of it.
    for slot in pending.iter_mut().flat_map(|(_, slots)| slots.iter_mut()) {
        if let Slot::Node(id, base) = *slot {
            let text = tree.scalar(id).unwrap_or_default().to_owned();
            *slot = Slot::Spec(Spanned::new(text, tree.nodes[id].range), base);
        }
    }
    if let Some((key, slots)) = pending {
        env.dependencies = Some(parse_slots(key, slots));
    }
    env
}

/// The ranges of all mapping entries and sequence items (aliases are not followed).
fn extents(tree: &Tree) -> Vec<TextRange> {
    let mut out = Vec::new();
    for node in &tree.nodes {
        match &node.kind {
            NodeKind::Map(entries) => out.extend(entries.iter().map(|&(k, v)| tree.nodes[k].range.cover(tree.nodes[v].range))),
            NodeKind::Seq(items) => out.extend(items.iter().map(|&i| tree.nodes[i].range)),
            _ => {}
        }
    }
    out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    out
}

/// A `# [selector]` comment on the line where a conda dependency ends.
fn attach_selectors(source: &SourceFile, env: &mut EnvFile) {
    let text: &str = &source.text;
    let comments = std::mem::take(&mut env.comments);
    if let Some(deps) = env.dependencies.as_mut() {
        for dep in deps.items.iter_mut() {
            let Dependency::Conda(dep) = dep else { continue };
            if dep.sel_key.is_some() {
                continue;
            }
            let line_end = text[dep.range.end..].find('\n').map_or(text.len(), |n| dep.range.end + n);
            let Some(comment) = comments.iter().find(|c| c.range.start >= dep.range.end && c.range.start < line_end) else {
                continue;
            };
            if let Some((inner, at)) = selector_of(&comment.text) {
                let start = comment.range.start + 1 + at;
                dep.selector = Some(Box::new(Spanned::new(inner.to_owned(), TextRange::new(start, start + inner.len()))));
            }
        }
    }
    env.comments = comments;
}

/// The `[...]` selector that opens a comment's text (`# [win]`, `# [win]  # note`): its inner
/// text and the inner text's byte offset within the comment text.
pub fn selector_of(comment: &str) -> Option<(&str, usize)> {
    let open = comment.len() - comment.trim_start().len();
    let rest = comment[open..].strip_prefix('[')?;
    let close = rest.find(']')?;
    let inner = &rest[..close];
    (!inner.contains('[')).then_some((inner, open + 1))
}

/// Most nested `-r` levels followed.
const MAX_INCLUDE_DEPTH: usize = 32;

/// From this many dependencies on, their specs are parsed on all cores.
const PARALLEL_SPECS: usize = 512;

/// Follows `-r`/`-c` includes (and checks `-e` targets and plain local-path requirements).
/// pip joins a nested `-r`/`-c` path to the directory of the file that names it
/// (`req_file.py`, `RequirementsFileParser._parse_and_recurse`), but resolves `-e` targets and
/// path requirements against its working directory (`constructors.py`, `parse_req_from_line`:
/// `os.path.abspath(name)`), which conda sets to the environment file's directory.
/// Every file is read through `fs`.
pub fn follow_includes(source: &SourceFile, env: &mut EnvFile, fs: &dyn FileSystem) {
    let followed = |item: &PipItem| match &item.kind {
        PipItemKind::Include { .. } | PipItemKind::Editable { .. } => true,
        PipItemKind::Url { url } => local_target(&url.value, false).is_some(),
        _ => false,
    };
    if !env.pip_items().any(followed) {
        return;
    }
    let base = base_dir(&source.path);
    let own: Vec<PipItem> = env.pip_items().cloned().collect();
    let mut stack: Vec<FileId> = fs.canonicalize(Path::new(&source.path)).into_iter().collect();
    let mut done: HashSet<FileId> = HashSet::new();
    let mut cx = Follow { fs, cwd: &base, stack: &mut stack, done: &mut done };
    follow(env, &own, None, &base, &mut cx, false);
}

fn base_dir(path: &str) -> PathBuf {
    if path == "-" {
        return PathBuf::from(".");
    }
    match Path::new(path).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn is_local_path(path: &str) -> bool {
    !path.contains("://") && !path.contains("${") && !path.starts_with("git+") && !path.contains('@')
}

/// An option value as pip's `shlex.split` reads it: one pair of surrounding quotes removed.
fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.trim();
        }
    }
    v
}

/// The local path an `-e` target (`editable`) or a requirement line names, as pip checks it, or
/// `None` when it is a URL, a VCS or `${VAR}` reference, or (for a requirement line) not a path.
/// The environment marker (after `;`) and extras (pip's `_strip_extras`, `^(.+)(\[[^\]]+\])$`)
/// are removed, and a `file:` prefix.
fn local_target(written: &str, editable: bool) -> Option<String> {
    let text = if editable { unquote(written) } else { written.trim() };
    let text = text.split(';').next().unwrap_or(text).trim();
    if text.is_empty() || !is_local_path(text) {
        return None;
    }
    let path = text.strip_prefix("file:").unwrap_or(text);
    let path = match path.strip_suffix(']').and_then(|p| p.rfind('[').map(|open| &p[..open])) {
        Some(before) if !before.is_empty() && !path[before.len() + 1..path.len() - 1].contains([']', '[']) => before.trim_end(),
        _ => path,
    };
    if path.is_empty() {
        return None;
    }
    // A requirement line is a path when pip's `_looks_like_path` says so (a separator, or a
    // leading `.`), or it names an archive (`pkg-1.0.tar.gz`, `x.whl`).
    let looks_like_path = path.contains(['/', '\\']) || path.starts_with('.');
    let archive = [".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar"].iter().any(|e| path.to_ascii_lowercase().ends_with(e));
    (editable || looks_like_path || archive || text.starts_with("file:")).then(|| path.to_owned())
}

struct Follow<'a> {
    fs: &'a dyn FileSystem,
    /// pip's working directory: the environment file's directory.
    cwd: &'a Path,
    stack: &'a mut Vec<FileId>,
    done: &'a mut HashSet<FileId>,
}

/// The local path an item names, as written and as pip reads it, and for `-r`/`-c` which.
fn named_path(item: &PipItem) -> Option<(&Spanned<String>, String, Option<IncludeKind>)> {
    match &item.kind {
        PipItemKind::Include { kind, path } => Some((path, unquote(&path.value).to_owned(), Some(*kind))),
        PipItemKind::Editable { target } => local_target(&target.value, true).map(|local| (target, local, None)),
        PipItemKind::Url { url } => local_target(&url.value, false).map(|local| (url, local, None)),
        _ => None,
    }
}

fn follow(env: &mut EnvFile, items: &[PipItem], file: Option<usize>, base: &Path, cx: &mut Follow<'_>, constraint: bool) {
    for item in items {
        let Some((path, written, kind)) = named_path(item) else { continue };
        let written = written.as_str();
        if !is_local_path(written) {
            continue;
        }
        let dir = if kind.is_some() { base } else { cx.cwd };
        let target = dir.join(written.strip_prefix("file:").unwrap_or(written));
        let problem = |kind| IncludeProblem { file, range: path.range, path: written.to_owned(), kind };
        if !cx.fs.exists(&target) {
            env.include_problems.push(problem(IncludeProblemKind::Missing));
            continue;
        }
        let Some(include_kind) = kind else { continue };
        let canonical = cx.fs.canonicalize(&target).unwrap_or_else(|| FileId(target.clone()));
        if cx.stack.contains(&canonical) {
            env.include_problems.push(problem(IncludeProblemKind::Cycle));
            continue;
        }
        if cx.stack.len() >= MAX_INCLUDE_DEPTH {
            env.include_problems.push(problem(IncludeProblemKind::TooDeep(MAX_INCLUDE_DEPTH)));
            continue;
        }
        if !cx.done.insert(canonical.clone()) {
            continue;
        }
        let bytes = match cx.fs.read(&target) {
            Ok(bytes) => bytes,
            Err(message) => {
                env.include_problems.push(problem(IncludeProblemKind::Unreadable(message)));
                continue;
            }
        };
        let shown = target.to_string_lossy().trim_start_matches("./").to_owned();
        let included = Arc::new(SourceFile::from_bytes(shown, &bytes));
        if let Some(error) = &included.decode_error {
            // pip cannot read it either; its lossy text is not linted.
            env.include_problems.push(problem(IncludeProblemKind::Unreadable(error.message.clone())));
            continue;
        }
        let index = env.pip_files.len();
        let parsed = parse_requirements(&included.text);
        let kind = if constraint { IncludeKind::Constraint } else { include_kind };
        env.pip_files.push(ReqFile { source: included, kind, items: parsed.clone() });
        cx.stack.push(canonical);
        let next_base = base_dir(&target.to_string_lossy());
        follow(env, &parsed, Some(index), &next_base, cx, kind == IncludeKind::Constraint);
        cx.stack.pop();
    }
}

/// A dependency as the walk leaves it: conda specs are parsed after the walk, once the tree is
/// dropped, in parallel when there are many. A slot stays small (the rare shapes boxed): one is
/// held per item next to the parsed list.
enum Slot {
    /// The spec and its text base (see [`parse_conda_spec`], which reads no base past 4 GiB).
    Spec(Spanned<String>, Option<u32>),
    /// A spec whose text is still the tree's: the scalar node (never an alias, so no other item
    /// reads it), moved out once the walk is done.
    Node(NodeId, Option<u32>),
    Sel(Box<(Spanned<String>, Option<usize>, Spanned<String>)>),
    Done(Box<Dependency>),
}

fn parse_slot(slot: Slot) -> Dependency {
    match slot {
        Slot::Spec(spec, base) => Dependency::Conda(parse_conda_spec(spec.value, spec.range, base.map(|b| b as usize))),
        Slot::Sel(sel) => {
            let (spec, base, key) = *sel;
            let mut dep = parse_conda_spec(spec.value, spec.range, base);
            let inner = key.value.strip_prefix("sel(").map(|k| k.strip_suffix(')').unwrap_or(k)).unwrap_or("");
            let start = key.range.start + 4;
            let verbatim = key.range.len() == key.value.len();
            let range = if verbatim { TextRange::new(start, start + inner.len()) } else { key.range };
            dep.selector = Some(Box::new(Spanned::new(inner.to_owned(), range)));
            dep.sel_key = Some(Box::new(key));
            Dependency::Conda(dep)
        }
        Slot::Done(dependency) => *dependency,
        Slot::Node(..) => unreachable!("the text of every slot is moved out of the tree before parsing"),
    }
}

/// The dependencies from their slots.
fn parse_slots(key: TextRange, slots: Vec<Slot>) -> Dependencies {
    let items: Vec<Dependency> = if slots.len() >= PARALLEL_SPECS {
        use rayon::prelude::*;
        slots.into_par_iter().map(parse_slot).collect()
    } else {
        slots.into_iter().map(parse_slot).collect()
    };
    Dependencies { key, items }
}

struct Lowering<'a> {
    source: &'a SourceFile,
    tree: &'a Tree,
    env: EnvFile,
    /// The `dependencies` list, its specs not yet parsed.
    pending: Option<(TextRange, Vec<Slot>)>,
}

impl Lowering<'_> {
    fn range(&self, id: NodeId) -> TextRange {
        self.tree.get(id).range
    }

    fn type_error(&mut self, id: NodeId, expected: Expected) {
        let found = self.tree.node_type(id);
        let range = self.range(id);
        self.env.type_errors.push(TypeError { range, expected, found, null_key: None });
    }

    /// A top-level key with no value: conda's CEP 24 validation (`get_schema_errors`) rejects it
    /// as the wrong type, and conda-lock and micromamba fail on `channels:` null.
    fn null_value(&mut self, key: &str, key_range: TextRange, expected: Expected) {
        self.env.type_errors.push(TypeError {
            range: key_range,
            expected,
            found: NodeType::Null,
            null_key: Some(key.to_owned()),
        });
    }

    /// A scalar that YAML reads as a string (not null, a boolean or a number).
    fn string(&self, id: NodeId) -> Option<Spanned<String>> {
        self.string_ref(id).map(|value| Spanned::new(value.to_owned(), self.range(id)))
    }

    fn string_ref(&self, id: NodeId) -> Option<&str> {
        match &self.tree.get(id).kind {
            NodeKind::Scalar { value, kind } if *kind != ScalarKind::Plain || self.tree.node_type(id) == NodeType::String => Some(value),
            _ => None,
        }
    }

    /// Offset of the value's first character when the source text spells the value verbatim.
    fn text_base(&self, id: NodeId, value: &str) -> Option<usize> {
        let range = self.range(id);
        let text = self.source.slice(range);
        if text == value {
            return Some(range.start);
        }
        let quoted = matches!(self.tree.get(id).kind, NodeKind::Scalar { kind: ScalarKind::Quoted, .. });
        (quoted && text.len() >= 2 && text.get(1..text.len() - 1) == Some(value)).then_some(range.start + 1)
    }

    fn find_duplicate_keys(&mut self) {
        for node in &self.tree.nodes {
            let NodeKind::Map(entries) = &node.kind else { continue };
            let mut seen: crate::HashMap<&str, TextRange> = crate::HashMap::default();
            for &(key, _) in entries {
                if self.tree.is_merge_key(key) {
                    continue;
                }
                let Some(name) = self.tree.scalar(key) else { continue };
                let range = self.tree.nodes[key].range;
                match seen.get(name) {
                    Some(&first) => self
                        .env
                        .duplicate_keys
                        .push(DuplicateKey { key: Spanned::new(name.to_owned(), range), first }),
                    None => {
                        seen.insert(name, range);
                    }
                }
            }
        }
    }

    fn top_level(&mut self, root: NodeId) {
        for (key, value) in self.tree.entries(root) {
            let Some(name) = self.tree.scalar(key) else {
                self.type_error(key, Expected::TopLevelKeys);
                continue;
            };
            let key_range = self.tree.nodes[key].range;
            let known = KNOWN_KEYS.contains(&name);
            self.env.keys.push(TopKey { name: Spanned::new(name.to_owned(), key_range), known });
            match name {
                "name" | "prefix" => {
                    let value = match self.string(value) {
                        Some(v) => Some(v),
                        None if self.tree.is_null(value) => {
                            self.null_value(name, key_range, Expected::KeyString(name.to_owned()));
                            None
                        }
                        None => {
                            self.type_error(value, Expected::KeyString(name.to_owned()));
                            None
                        }
                    };
                    if name == "name" {
                        self.env.name = value;
                    } else {
                        self.env.prefix = value;
                    }
                }
                "channels" => self.channels(key_range, value),
                "dependencies" => self.dependencies(key_range, value),
                "variables" => self.variables(key_range, value),
                "platforms" => self.platforms(value),
                "pip-repositories" => self.pip_repositories(value),
                "$schema" => self.env.schema = self.tree.scalar(value).map(str::to_owned),
                _ => {}
            }
        }
    }

    fn channels(&mut self, key: TextRange, value: NodeId) {
        if self.tree.is_null(value) {
            self.null_value("channels", key, Expected::Channels);
            self.env.channels = Some(Channels { key, items: Vec::new() });
            return;
        }
        if let Some(items) = self.string_list(value, Expected::Channels, Expected::Channel) {
            self.env.channels = Some(Channels { key, items });
        }
    }

    fn dependencies(&mut self, key: TextRange, value: NodeId) {
        // `dependencies:` with nothing after it: conda's CEP 24 validation rejects it (the legacy
        // loader read an empty list); the model keeps an empty list.
        if self.tree.is_null(value) {
            self.null_value("dependencies", key, Expected::Dependencies);
            self.pending = None;
            self.env.dependencies = Some(Dependencies { key, items: Vec::new() });
            return;
        }
        if !matches!(self.tree.get(value).kind, NodeKind::Seq(_)) {
            self.type_error(value, Expected::Dependencies);
            self.pending = None;
            self.env.dependencies = Some(Dependencies { key, items: Vec::new() });
            return;
        }
        let mut slots = Vec::with_capacity(self.tree.items(value).len());
        for &item in self.tree.items(value) {
            if let Some(spec) = self.string_ref(item) {
                let base = self.text_base(item, spec).and_then(|b| u32::try_from(b).ok());
                let own = matches!(self.tree.nodes[item].kind, NodeKind::Scalar { .. });
                slots.push(if own { Slot::Node(item, base) } else { Slot::Spec(Spanned::new(spec.to_owned(), self.range(item)), base) });
                continue;
            }
            let NodeKind::Map(_) = self.tree.get(item).kind else {
                self.type_error(item, Expected::Dependency);
                continue;
            };
            let entries = self.tree.entries(item);
            let keys: Vec<Spanned<String>> = entries
                .iter()
                .map(|&(k, _)| Spanned::new(self.tree.scalar(k).unwrap_or("").to_owned(), self.tree.nodes[k].range))
                .collect();
            match entries.as_slice() {
                [(k, v)] if keys[0].value == "pip" => {
                    let section = self.pip_section(self.tree.nodes[*k].range, self.range(item), *v);
                    slots.push(Slot::Done(Box::new(Dependency::Pip(section))));
                }
                // micromamba's `- sel(win): spec` (libmamba `read_yaml_file`): the value is a conda
                // spec for the platforms the selector names. Other values stay a subsection.
                [(_, v)] if keys[0].value.starts_with("sel(") && self.string(*v).is_some() => {
                    let spec = self.string(*v).expect("checked");
                    let base = self.text_base(*v, &spec.value);
                    slots.push(Slot::Sel(Box::new((spec, base, keys[0].clone()))));
                }
                _ => slots.push(Slot::Done(Box::new(Dependency::Subsection { keys, range: self.range(item) }))),
            }
        }
        // The specs are parsed once the tree is gone (see [`lower`]); the last `dependencies` wins.
        self.env.dependencies = None;
        self.pending = Some((key, slots));
    }

    fn pip_section(&mut self, key: TextRange, item: TextRange, value: NodeId) -> PipSection {
        let mut section = PipSection { key, range: item.cover(self.range(value)), items: Vec::new(), is_list: false, is_null: false };
        if self.tree.is_null(value) {
            section.is_null = true;
            return section;
        }
        if !matches!(self.tree.get(value).kind, NodeKind::Seq(_)) {
            self.type_error(value, Expected::PipSection);
            return section;
        }
        section.is_list = true;
        for &line in self.tree.items(value) {
            match self.string(line) {
                Some(text) => {
                    let base = self.text_base(line, &text.value);
                    section.items.push(classify_line(&text.value, text.range, base));
                }
                None => self.type_error(line, Expected::Requirement),
            }
        }
        section
    }

    fn variables(&mut self, key: TextRange, value: NodeId) {
        if !matches!(self.tree.get(value).kind, NodeKind::Map(_)) {
            if self.tree.is_null(value) {
                self.null_value("variables", key, Expected::Variables);
            } else {
                self.type_error(value, Expected::Variables);
            }
            return;
        }
        for (key, val) in self.tree.entries(value) {
            let name = self.tree.scalar(key).unwrap_or("").to_owned();
            let value = self.tree.scalar(val).map(|v| Spanned::new(v.to_owned(), self.range(val)));
            self.env.variables.push(Variable {
                name: Spanned::new(name, self.range(key)),
                value,
                value_range: self.range(val),
                found: self.tree.node_type(val),
            });
        }
    }

    fn platforms(&mut self, value: NodeId) {
        if let Some(items) = self.string_list(value, Expected::Platforms, Expected::Platform) {
            self.env.platforms = Some(items);
        }
    }

    /// conda-lock's `pip-repositories`: a list of index URLs (`conda_lock/src_parser/
    /// environment_yaml.py` reads `env_yaml_data.get("pip-repositories", [])` as `list[str]`).
    fn pip_repositories(&mut self, value: NodeId) {
        if matches!(self.tree.get(value).kind, NodeKind::Seq(_)) {
            let urls: Vec<_> = self.tree.items(value).iter().filter_map(|&node| self.string(node)).collect();
            self.env.pip_repositories = urls;
        }
    }

    /// The string items of a list; a type error for each other item, and `None` (after a type
    /// error) when the value is not a list.
    fn string_list(&mut self, value: NodeId, list: Expected, item: Expected) -> Option<Vec<Spanned<String>>> {
        if !matches!(self.tree.get(value).kind, NodeKind::Seq(_)) {
            self.type_error(value, list);
            return None;
        }
        let mut items = Vec::new();
        for &node in self.tree.items(value) {
            match self.string(node) {
                Some(text) => items.push(text),
                None => self.type_error(node, item.clone()),
            }
        }
        Some(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PipItemKind, Root};

    /// One slot per dependency is held next to the parsed list (277,778 in the benchmark's
    /// 10 MB file).
    #[test]
    fn a_slot_stays_small() {
        assert!(std::mem::size_of::<Slot>() <= 48, "Slot: {} bytes", std::mem::size_of::<Slot>());
    }

    fn env(text: &str) -> (SourceFile, EnvFile) {
        let source = SourceFile::from_text("environment.yml", text);
        let env = lower(&source);
        (source, env)
    }

    #[test]
    fn duplicate_keys_keep_both_spans_and_last_wins() {
        let (source, env) = env("name: a\ndependencies:\n  - x\nname: b\ndependencies:\n  - y\n");
        let spans: Vec<(&str, &str, usize)> =
            env.duplicate_keys.iter().map(|d| (d.key.value.as_str(), source.slice(d.key.range), source.line_col(d.first.start).0)).collect();
        assert_eq!(spans, [("name", "name", 1), ("dependencies", "dependencies", 2)]);
        assert_eq!(env.name.as_ref().unwrap().value, "b");
        assert_eq!(env.conda_deps().next().unwrap().raw, "y".into());
    }

    #[test]
    fn merge_keys_and_aliases() {
        let text = "base: &base\n  name: a\n  channels: [conda-forge]\n<<: *base\nname: b\ndependencies:\n  - &np numpy=1.21\n  - *np\n";
        let (_, env) = env(text);
        assert!(env.duplicate_keys.is_empty(), "an override of a merged key is not a duplicate");
        assert_eq!(env.name.as_ref().unwrap().value, "b");
        assert_eq!(env.channels.as_ref().unwrap().items[0].value, "conda-forge");
        assert_eq!(env.conda_deps().filter(|d| &*d.raw == "numpy=1.21").count(), 2);
    }

    #[test]
    fn pip_section_shapes_and_spans() {
        let text = "dependencies:\n  - pip\n  - pip:\n      - \"requests==2.31\"\n      - 3\n  - pip:\n  - npm: [x]\n";
        let (source, env) = env(text);
        let sections: Vec<_> = env.pip_sections().collect();
        assert_eq!(sections.len(), 2);
        let PipItemKind::Requirement(req) = &sections[0].items[0].kind else { panic!() };
        assert_eq!(source.slice(req.name.range), "requests");
        assert_eq!(source.slice(req.specifier.as_ref().unwrap().range), "==2.31");
        assert!(sections[1].items.is_empty() && !sections[1].is_list);
        assert_eq!(env.type_errors.len(), 1, "the number 3 is not a pip requirement");
        assert!(matches!(env.dependency_items().last(), Some(Dependency::Subsection { .. })));
    }

    #[test]
    fn roots_and_types() {
        assert!(matches!(env("").1.root, Root::Empty));
        assert!(matches!(env("# c\n").1.root, Root::Empty));
        assert!(matches!(env("- a\n").1.root, Root::Other { found: NodeType::List, .. }));
        let (_, e) = env("name: 3\nchannels: conda-forge\ndependencies: {a: 1}\nvariables: [x]\n");
        let expected: Vec<String> = e.type_errors.iter().map(|t| t.found.to_string()).collect();
        assert_eq!(expected, ["a number", "a string", "a mapping", "a list"]);
        let (_, e) = env("dependencies:\n  - numpy\n    - scipy\n");
        assert_eq!(e.conda_deps().next().unwrap().raw, "numpy - scipy".into());
    }

    #[test]
    fn local_targets_as_pip_reads_them() {
        let t = |w: &str, e: bool| local_target(w, e);
        assert_eq!(t(".[dev]", true).as_deref(), Some("."));
        assert_eq!(t("\".[dev,test]\"", true).as_deref(), Some("."));
        assert_eq!(t("'../lib [docs]'", true).as_deref(), Some("../lib"));
        assert_eq!(t("./pkg/", false).as_deref(), Some("./pkg/"));
        assert_eq!(t("../lib[docs]", false).as_deref(), Some("../lib"));
        assert_eq!(t("file:./x", false).as_deref(), Some("./x"));
        assert_eq!(t(".[cli] ; python_version >= '3.11'", false).as_deref(), Some("."));
        assert_eq!(t("dist/pkg-1.0.tar.gz", false).as_deref(), Some("dist/pkg-1.0.tar.gz"));
        assert_eq!(t("pkg-1.0-py3-none-any.whl", false).as_deref(), Some("pkg-1.0-py3-none-any.whl"));
        for not_local in ["git+https://github.com/o/r.git", "https://x/y.whl", "${HOME}/pkg", "file:///abs/x", "\"git+https://h/r\""] {
            assert_eq!(t(not_local, true), None, "{not_local}");
            assert_eq!(t(not_local, false), None, "{not_local}");
        }
    }

    /// The environment file at `path` with its includes followed through `fs`.
    fn env_in(fs: &dyn FileSystem, path: &str, text: &str) -> EnvFile {
        let source = SourceFile::from_text(path, text);
        let mut env = lower(&source);
        follow_includes(&source, &mut env, fs);
        env
    }

    #[test]
    fn paths_in_an_included_file_are_relative_to_pips_working_directory() {
        let mut fs = crate::files::MemoryFileSystem::new();
        // `-r nested/more.txt` is relative to requirements/; `./pkg` and `-e ./pkg[x]` to the
        // environment file's directory (pip's working directory), so they exist; `./nested` does not.
        fs.insert("/repo/requirements/dev.txt", "-r nested/more.txt\n./pkg\n-e ./pkg[x]\n./nested\n");
        fs.insert("/repo/requirements/nested/more.txt", "requests==2.31.0\n");
        fs.insert("/repo/pkg/setup.py", "");
        let text = "dependencies:\n  - pip:\n      - -r requirements/dev.txt\n      - -e \".[dev]\"\n      - ./missing[docs]\n";
        let env = env_in(&fs, "/repo/environment.yml", text);
        let missing: Vec<(&str, Option<usize>)> = env.include_problems.iter().map(|p| (p.path.as_str(), p.file)).collect();
        assert_eq!(missing, [("./nested", Some(0)), ("./missing", None)]);
        assert_eq!(env.pip_files.len(), 2);
    }

    #[test]
    fn includes_are_read_through_the_file_system_not_the_disk() {
        let dir = std::env::temp_dir().join(format!("condalint-lower-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("requirements.txt"), "on-disk==1.0\n").unwrap();
        let env_path = dir.join("environment.yml").to_string_lossy().into_owned();
        let text = "dependencies:\n  - pip:\n      - -r requirements.txt\n      - -r unsaved.txt\n";
        let mut buffers = crate::files::MemoryFileSystem::over(&crate::files::DiskFileSystem);
        buffers.insert(dir.join("requirements.txt"), "in-the-buffer==2.0\n");
        buffers.insert(dir.join("unsaved.txt"), "only-in-memory==3.0\n");
        let env = env_in(&buffers, &env_path, text);
        let names: Vec<&str> = env.pip_files.iter().flat_map(|f| &f.items).filter_map(|i| match &i.kind {
            PipItemKind::Requirement(r) => Some(r.name.value.as_str()),
            _ => None,
        }).collect();
        assert_eq!(names, ["in-the-buffer", "only-in-memory"], "the unsaved buffer wins over the disk");
        assert!(env.include_problems.is_empty(), "a file only in memory is found: {:?}", env.include_problems);
        // Without the buffers the disk is what is read, and `unsaved.txt` is missing.
        let env = env_in(&crate::files::DiskFileSystem, &env_path, text);
        assert_eq!(env.pip_files.len(), 1);
        assert_eq!(env.include_problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["unsaved.txt"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
