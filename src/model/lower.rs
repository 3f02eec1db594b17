//! Syntax tree → typed model. Never fails: every structural problem is recorded in the model.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{
    classify_line, parse_conda_spec, parse_requirements, Channels, Comment, Dependencies, Dependency, DuplicateKey,
    EnvFile, FileState, IncludeKind, IncludeProblem, IncludeProblemKind, PipItem, PipItemKind, PipSection, ReqFile,
    Root, Spanned, TopKey, TypeError, Variable, KNOWN_KEYS,
};
use crate::source::{SourceFile, TextRange};
use crate::syntax::{self, NodeId, NodeKind, ScalarKind, Tree};

pub fn lower(source: &SourceFile) -> EnvFile {
    if let Some(error) = &source.decode_error {
        return EnvFile::empty(FileState::Undecodable(error.clone()), source.encoding);
    }
    if let Some(range) = syntax::find_template(&source.text) {
        return EnvFile::empty(FileState::Template(range), source.encoding);
    }
    let tree = match syntax::parse(source) {
        Ok(tree) => tree,
        Err(error) => return EnvFile::empty(FileState::InvalidYaml(error), source.encoding),
    };
    let mut env = EnvFile::empty(FileState::Parsed, source.encoding);
    env.comments = comments(&source.text);
    env.extents = extents(&tree);
    let Some(root) = tree.root.filter(|&r| !tree.is_null(r)) else {
        return env;
    };
    let root_node = tree.get(root);
    if !matches!(root_node.kind, NodeKind::Map(_)) {
        env.root = Root::Other { range: root_node.range, found: tree.describe(root) };
        return env;
    }
    env.root = Root::Mapping(root_node.range);
    let mut cx = Lowering { source, tree: &tree, env };
    cx.find_duplicate_keys();
    cx.top_level(root);
    let mut env = cx.env;
    attach_selectors(source, &mut env);
    resolve_includes(source, &mut env);
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

/// Every `# …` comment of the text.
fn comments(text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(at) = syntax::comment_start(content) {
            out.push(Comment { range: TextRange::new(offset + at, offset + content.len()), text: content[at + 1..].to_owned() });
        }
        offset += line.len();
    }
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
                dep.selector = Some(Spanned::new(inner.to_owned(), TextRange::new(start, start + inner.len())));
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

/// Follows `-r`/`-c` includes (and checks `-e` paths) relative to the directory of the file
/// that names them, which is where conda runs pip.
fn resolve_includes(source: &SourceFile, env: &mut EnvFile) {
    if !env.pip_items().any(|item| matches!(item.kind, PipItemKind::Include { .. } | PipItemKind::Editable { .. })) {
        return;
    }
    let base = base_dir(&source.path);
    let own: Vec<PipItem> = env.pip_items().cloned().collect();
    let mut stack: Vec<PathBuf> = std::fs::canonicalize(&source.path).into_iter().collect();
    let mut done: HashSet<PathBuf> = HashSet::new();
    follow(env, &own, None, &base, &mut stack, &mut done, false);
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

fn follow(
    env: &mut EnvFile,
    items: &[PipItem],
    file: Option<usize>,
    base: &Path,
    stack: &mut Vec<PathBuf>,
    done: &mut HashSet<PathBuf>,
    constraint: bool,
) {
    for item in items {
        let (path, kind) = match &item.kind {
            PipItemKind::Include { kind, path } => (path, Some(*kind)),
            PipItemKind::Editable { target } => (target, None),
            _ => continue,
        };
        let written = path.value.trim();
        if !is_local_path(written) {
            continue;
        }
        let target = base.join(written.strip_prefix("file:").unwrap_or(written));
        let problem = |kind| IncludeProblem { file, range: path.range, path: written.to_owned(), kind };
        if !target.exists() {
            env.include_problems.push(problem(IncludeProblemKind::Missing));
            continue;
        }
        let Some(include_kind) = kind else { continue };
        let canonical = std::fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
        if stack.contains(&canonical) {
            env.include_problems.push(problem(IncludeProblemKind::Cycle));
            continue;
        }
        if stack.len() >= MAX_INCLUDE_DEPTH {
            env.include_problems.push(problem(IncludeProblemKind::TooDeep(MAX_INCLUDE_DEPTH)));
            continue;
        }
        if !done.insert(canonical.clone()) {
            continue;
        }
        let bytes = match crate::source::read_limited(&target) {
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
        let mut parsed = parse_requirements(&included.text);
        for p in &mut parsed {
            p.file = Some(index);
        }
        let kind = if constraint { IncludeKind::Constraint } else { include_kind };
        env.pip_files.push(ReqFile { source: included, kind, items: parsed.clone() });
        stack.push(canonical);
        let next_base = base_dir(&target.to_string_lossy());
        follow(env, &parsed, Some(index), &next_base, stack, done, kind == IncludeKind::Constraint);
        stack.pop();
    }
}

struct Lowering<'a> {
    source: &'a SourceFile,
    tree: &'a Tree,
    env: EnvFile,
}

impl Lowering<'_> {
    fn range(&self, id: NodeId) -> TextRange {
        self.tree.get(id).range
    }

    fn type_error(&mut self, id: NodeId, expected: impl Into<String>) {
        let found = self.tree.describe(id);
        let range = self.range(id);
        self.env.type_errors.push(TypeError { range, expected: expected.into(), found });
    }

    /// A scalar that YAML reads as a string (not null, a boolean or a number).
    fn string(&self, id: NodeId) -> Option<Spanned<String>> {
        match &self.tree.get(id).kind {
            NodeKind::Scalar { value, kind } if *kind != ScalarKind::Plain || self.tree.describe(id) == "a string" => {
                Some(Spanned::new(value.clone(), self.range(id)))
            }
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
                self.type_error(key, "top-level keys to be strings");
                continue;
            };
            let key_range = self.tree.nodes[key].range;
            let known = KNOWN_KEYS.contains(&name);
            self.env.keys.push(TopKey { name: Spanned::new(name.to_owned(), key_range), known });
            match name {
                "name" | "prefix" => {
                    let value = match self.string(value) {
                        Some(v) => Some(v),
                        None => {
                            self.type_error(value, format!("`{name}` to be a string"));
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
                "variables" => self.variables(value),
                "platforms" => self.platforms(value),
                "$schema" => self.env.schema = self.tree.scalar(value).map(str::to_owned),
                _ => {}
            }
        }
    }

    fn channels(&mut self, key: TextRange, value: NodeId) {
        if self.tree.is_null(value) {
            self.env.channels = Some(Channels { key, items: Vec::new() });
            return;
        }
        if let Some(items) = self.string_list(value, "`channels` to be a list of channel names", "a channel to be a string") {
            self.env.channels = Some(Channels { key, items });
        }
    }

    fn dependencies(&mut self, key: TextRange, value: NodeId) {
        // `dependencies:` with nothing after it: conda reads an empty list.
        if self.tree.is_null(value) {
            self.env.dependencies = Some(Dependencies { key, items: Vec::new() });
            return;
        }
        if !matches!(self.tree.get(value).kind, NodeKind::Seq(_)) {
            self.type_error(value, "`dependencies` to be a list");
            self.env.dependencies = Some(Dependencies { key, items: Vec::new() });
            return;
        }
        // Conda specs are parsed after the walk, in parallel when there are many.
        enum Slot {
            Spec(Spanned<String>, Option<usize>),
            Sel(Spanned<String>, Option<usize>, Spanned<String>),
            Done(Dependency),
        }
        let mut slots = Vec::new();
        for &item in self.tree.items(value) {
            if let Some(spec) = self.string(item) {
                let base = self.text_base(item, &spec.value);
                slots.push(Slot::Spec(spec, base));
                continue;
            }
            let NodeKind::Map(_) = self.tree.get(item).kind else {
                self.type_error(item, "a dependency to be a package spec or a `pip:` section");
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
                    slots.push(Slot::Done(Dependency::Pip(section)));
                }
                // micromamba's `- sel(win): spec` (libmamba `read_yaml_file`): the value is a conda
                // spec for the platforms the selector names. Other values stay a subsection.
                [(_, v)] if keys[0].value.starts_with("sel(") && self.string(*v).is_some() => {
                    let spec = self.string(*v).expect("checked");
                    let base = self.text_base(*v, &spec.value);
                    slots.push(Slot::Sel(spec, base, keys[0].clone()));
                }
                _ => slots.push(Slot::Done(Dependency::Subsection { keys, range: self.range(item) })),
            }
        }
        let parse = |slot: Slot| match slot {
            Slot::Spec(spec, base) => Dependency::Conda(parse_conda_spec(spec.value, spec.range, base)),
            Slot::Sel(spec, base, key) => {
                let mut dep = parse_conda_spec(spec.value, spec.range, base);
                let inner = key.value.strip_prefix("sel(").map(|k| k.strip_suffix(')').unwrap_or(k)).unwrap_or("");
                let start = key.range.start + 4;
                let verbatim = key.range.len() == key.value.len();
                let range = if verbatim { TextRange::new(start, start + inner.len()) } else { key.range };
                dep.selector = Some(Spanned::new(inner.to_owned(), range));
                dep.sel_key = Some(key);
                Dependency::Conda(dep)
            }
            Slot::Done(dependency) => dependency,
        };
        let items: Vec<Dependency> = if slots.len() >= PARALLEL_SPECS {
            use rayon::prelude::*;
            slots.into_par_iter().map(parse).collect()
        } else {
            slots.into_iter().map(parse).collect()
        };
        self.env.dependencies = Some(Dependencies { key, items });
    }

    fn pip_section(&mut self, key: TextRange, item: TextRange, value: NodeId) -> PipSection {
        let mut section = PipSection { key, range: item.cover(self.range(value)), items: Vec::new(), is_list: false, is_null: false };
        if self.tree.is_null(value) {
            section.is_null = true;
            return section;
        }
        if !matches!(self.tree.get(value).kind, NodeKind::Seq(_)) {
            self.type_error(value, "the `pip` section to be a list of requirements");
            return section;
        }
        section.is_list = true;
        for &line in self.tree.items(value) {
            match self.string(line) {
                Some(text) => {
                    let base = self.text_base(line, &text.value);
                    section.items.push(classify_line(&text.value, text.range, base));
                }
                None => self.type_error(line, "a pip requirement to be a string"),
            }
        }
        section
    }

    fn variables(&mut self, value: NodeId) {
        if !matches!(self.tree.get(value).kind, NodeKind::Map(_)) {
            if !self.tree.is_null(value) {
                self.type_error(value, "`variables` to be a mapping of names to values");
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
                found: self.tree.describe(val),
            });
        }
    }

    fn platforms(&mut self, value: NodeId) {
        if let Some(items) = self.string_list(value, "`platforms` to be a list of platforms", "a platform to be a string") {
            self.env.platforms = Some(items);
        }
    }

    /// The string items of a list; a type error for each other item, and `None` (after a type
    /// error) when the value is not a list.
    fn string_list(&mut self, value: NodeId, list: &str, item: &str) -> Option<Vec<Spanned<String>>> {
        if !matches!(self.tree.get(value).kind, NodeKind::Seq(_)) {
            self.type_error(value, list);
            return None;
        }
        let mut items = Vec::new();
        for &node in self.tree.items(value) {
            match self.string(node) {
                Some(text) => items.push(text),
                None => self.type_error(node, item),
            }
        }
        Some(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PipItemKind, Root};

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
        assert_eq!(env.conda_deps().next().unwrap().raw, "y");
    }

    #[test]
    fn merge_keys_and_aliases() {
        let text = "base: &base\n  name: a\n  channels: [conda-forge]\n<<: *base\nname: b\ndependencies:\n  - &np numpy=1.21\n  - *np\n";
        let (_, env) = env(text);
        assert!(env.duplicate_keys.is_empty(), "an override of a merged key is not a duplicate");
        assert_eq!(env.name.as_ref().unwrap().value, "b");
        assert_eq!(env.channels.as_ref().unwrap().items[0].value, "conda-forge");
        assert_eq!(env.conda_deps().filter(|d| d.raw == "numpy=1.21").count(), 2);
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
        assert!(matches!(env("- a\n").1.root, Root::Other { found: "a list", .. }));
        let (_, e) = env("name: 3\nchannels: conda-forge\ndependencies: {a: 1}\nvariables: [x]\n");
        let expected: Vec<&str> = e.type_errors.iter().map(|t| t.found).collect();
        assert_eq!(expected, ["a number", "a string", "a mapping", "a list"]);
        let (_, e) = env("dependencies:\n  - numpy\n    - scipy\n");
        assert_eq!(e.conda_deps().next().unwrap().raw, "numpy - scipy");
    }
}
