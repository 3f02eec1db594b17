//! YAML events → spanned node tree. The only code that knows the YAML parser.


use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};

use super::{Node, NodeId, NodeKind, ScalarKind, SyntaxError, Tree};
use crate::source::{SourceFile, TextRange};

/// Deepest nesting accepted (CLI.md "Limits").
pub const MAX_DEPTH: usize = 256;

/// Most nodes the document may have with every alias expanded ("billion laughs" guard). The
/// tree itself never expands aliases; this bounds what a YAML loader such as conda's would build.
pub const MAX_EXPANDED_NODES: u64 = 1_000_000;

/// Tags that PyYAML's safe loader (which conda uses) resolves.
const SAFE_TAGS: &[&str] =
    &["null", "bool", "int", "float", "binary", "timestamp", "omap", "pairs", "set", "str", "seq", "map", "merge", "value"];

struct Open {
    id: NodeId,
    anchor: usize,
    flow_end: bool,
    pending_key: Option<NodeId>,
}

pub fn parse(source: &SourceFile) -> Result<Tree, SyntaxError> {
    let text: &str = &source.text;
    let mut tree = Tree { nodes: Vec::new(), root: None };
    let mut anchors: crate::HashMap<usize, NodeId> = crate::HashMap::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut documents = 0usize;
    // Nodes in the order they are complete: children and alias targets before their users.
    let mut completed: Vec<NodeId> = Vec::new();
    let offset = |span_marker: &serde_saphyr::granit_parser::Marker| -> usize {
        span_marker
            .byte_offset()
            .map(|b| source.clamp(b))
            .unwrap_or_else(|| source.offset_of(span_marker.line(), span_marker.col()))
    };
    for item in Parser::new_from_str(text) {
        let (event, span): (Event<'_>, Span) = item.map_err(|e| scan_error(source, &e))?;
        let range = TextRange::new(offset(&span.start), offset(&span.end).max(offset(&span.start)));
        let (kind, anchor, tag, flow) = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(SyntaxError {
                        range: TextRange::new(range.start, range.start + 3.min(text.len() - range.start)),
                        message: "file contains more than one YAML document; conda reads a single document".into(),
                    });
                }
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let open = stack.pop().expect("parser balances collections");
                let node = &mut tree.nodes[open.id];
                if open.flow_end {
                    node.range.end = range.end.max(node.range.end);
                }
                if open.anchor != 0 {
                    anchors.insert(open.anchor, open.id);
                }
                let id = open.id;
                completed.push(id);
                attach(&mut tree, &mut stack, id);
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let kind = match style {
                    ScalarStyle::Plain => ScalarKind::Plain,
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => ScalarKind::Quoted,
                    _ => ScalarKind::Block,
                };
                (NodeKind::Scalar { value: value.into_owned(), kind }, anchor, tag, false)
            }
            Event::SequenceStart(style, anchor, tag) => {
                (NodeKind::Seq(Vec::new()), anchor, tag, matches!(style, serde_saphyr::granit_parser::StructureStyle::Flow))
            }
            Event::MappingStart(style, anchor, tag) => {
                (NodeKind::Map(Vec::new()), anchor, tag, matches!(style, serde_saphyr::granit_parser::StructureStyle::Flow))
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(&target) => (NodeKind::Alias(target), 0, None, false),
                None => {
                    return Err(SyntaxError { range, message: "alias refers to an anchor that is not defined before it".into() })
                }
            },
            _ => continue,
        };
        if let Some(tag) = tag.as_deref() {
            let at = span.tag_start.as_ref().map_or(range.start, &offset);
            check_tag(tag, TextRange::new(at, range.end.max(at)))?;
        }
        let is_container = matches!(kind, NodeKind::Seq(_) | NodeKind::Map(_));
        if stack.len() >= MAX_DEPTH && is_container {
            return Err(SyntaxError {
                range: TextRange::new(range.start, source.clamp(range.start + 1)),
                message: too_deep(),
            });
        }
        let id = tree.nodes.len();
        tree.nodes.push(Node { kind, range });
        if is_container {
            stack.push(Open { id, anchor, flow_end: flow, pending_key: None });
        } else {
            if anchor != 0 {
                anchors.insert(anchor, id);
            }
            completed.push(id);
            attach(&mut tree, &mut stack, id);
        }
    }
    check_expansion(source, &tree, &completed)?;
    Ok(tree)
}

/// Fails when expanding every alias would build more than [`MAX_EXPANDED_NODES`] nodes. Linear:
/// each node's expanded size is computed once, after its children and its alias target.
fn check_expansion(source: &SourceFile, tree: &Tree, completed: &[NodeId]) -> Result<(), SyntaxError> {
    let mut size = vec![0u64; tree.nodes.len()];
    for &id in completed {
        let node = &tree.nodes[id];
        size[id] = match &node.kind {
            NodeKind::Scalar { .. } => 1,
            NodeKind::Alias(target) => size[*target],
            NodeKind::Seq(items) => items.iter().fold(1u64, |n, &i| n.saturating_add(size[i])),
            NodeKind::Map(entries) => entries.iter().fold(1u64, |n, &(k, v)| n.saturating_add(size[k]).saturating_add(size[v])),
        }
        .min(MAX_EXPANDED_NODES + 1);
        if size[id] > MAX_EXPANDED_NODES {
            let line_end = source.text[node.range.start..].find('\n').map_or(source.text.len(), |n| node.range.start + n);
            return Err(SyntaxError {
                range: TextRange::new(node.range.start, line_end.min(node.range.end).max(node.range.start)),
                message: format!(
                    "aliases expand this YAML to more than {MAX_EXPANDED_NODES} nodes (an alias bomb); a YAML loader would run out of memory"
                ),
            });
        }
    }
    Ok(())
}

/// Adds a finished node to its parent (or makes it the root) and extends the parent's range.
fn attach(tree: &mut Tree, stack: &mut [Open], id: NodeId) {
    let end = tree.nodes[id].range.end;
    let Some(parent) = stack.last_mut() else {
        tree.root.get_or_insert(id);
        return;
    };
    let node = &mut tree.nodes[parent.id];
    node.range.end = node.range.end.max(end);
    match &mut node.kind {
        NodeKind::Seq(items) => items.push(id),
        NodeKind::Map(entries) => match parent.pending_key.take() {
            None => parent.pending_key = Some(id),
            Some(key) => entries.push((key, id)),
        },
        _ => {}
    }
}

fn check_tag(tag: &Tag, range: TextRange) -> Result<(), SyntaxError> {
    let (handle, suffix) = tag.parts();
    let safe = handle == "tag:yaml.org,2002:" && SAFE_TAGS.contains(&suffix)
        || handle.is_empty() && suffix.strip_prefix("tag:yaml.org,2002:").is_some_and(|s| SAFE_TAGS.contains(&s));
    if safe {
        return Ok(());
    }
    let shown = if handle == "tag:yaml.org,2002:" { format!("!!{suffix}") } else { tag.original() };
    Err(SyntaxError { range, message: tag_message(&shown) })
}

/// Who rejects a tag. PyYAML's `safe_load` (conda-lock's loader) and the ruamel.yaml safe loader
/// conda used up to 25.x (`yaml_safe_load`) have no constructor for it. conda 26.1 and later load
/// with ruamel.yaml's round-trip loader, which reads any tag (a tagged scalar as a
/// `TaggedScalar`, not a `str`); pixi's serde_yaml reads `!!` tags on strings and lists as if
/// untagged.
fn tag_message(shown: &str) -> String {
    let rejected = format!("tag `{shown}` is rejected by PyYAML's safe loader (conda-lock) and by conda before 26.1");
    match shown.strip_prefix("!!python/") {
        Some("tuple") => format!("{rejected}; conda 26.1+ and pixi read it as a list"),
        Some(_) => format!("{rejected}; pixi reads it, conda 26.1+ reads it but not as a string"),
        None => rejected,
    }
}

fn scan_error(source: &SourceFile, error: &ScanError) -> SyntaxError {
    let mark = error.marker();
    let start = mark.byte_offset().map(|b| source.clamp(b)).unwrap_or_else(|| source.offset_of(mark.line(), mark.col()));
    let end = source.text[start..].chars().next().map_or(start, |c| if c == '\n' { start } else { start + c.len_utf8() });
    let mut message = error.info();
    if message.contains("recursion limit") {
        message = too_deep();
    }
    if message.is_empty() {
        message = "invalid YAML".into();
    }
    SyntaxError { range: TextRange::new(start, end), message }
}

fn too_deep() -> String {
    format!("YAML is nested too deeply (the limit is {MAX_DEPTH} levels)")
}
