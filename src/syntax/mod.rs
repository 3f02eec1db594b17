//! A generic spanned YAML node tree, and the raw-text comment scanner.

mod comments;
mod yaml;

pub use comments::{comment_start, comments, find_template, Comment};
pub use yaml::{parse, MAX_DEPTH};

use crate::source::TextRange;

pub type NodeId = usize;

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    Plain,
    Quoted,
    Block,
}

#[derive(Clone, Debug)]
pub enum NodeKind {
    Scalar { value: String, kind: ScalarKind },
    Seq(Vec<NodeId>),
    /// Entries in source order, duplicates and `<<` merge keys kept as written.
    Map(Vec<(NodeId, NodeId)>),
    /// An alias (`*name`) pointing at the anchored node.
    Alias(NodeId),
}

#[derive(Clone, Debug)]
pub struct Node {
    pub kind: NodeKind,
    pub range: TextRange,
}

/// A YAML syntax problem (ENV001).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
}

/// The parsed document: an arena of nodes. Aliases are references, never copies, so an alias
/// bomb stays as small as its text.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub root: Option<NodeId>,
}

/// Most mapping entries followed through merge keys (`<<`), to bound hostile input.
const MERGE_BUDGET: usize = 10_000;

impl Tree {
    /// The node, with an alias followed to its anchor.
    pub fn get(&self, id: NodeId) -> &Node {
        match self.nodes[id].kind {
            NodeKind::Alias(target) => &self.nodes[target],
            _ => &self.nodes[id],
        }
    }

    pub fn scalar(&self, id: NodeId) -> Option<&str> {
        match &self.get(id).kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// A plain scalar that YAML resolves to null (`~`, `null`, or nothing at all).
    pub fn is_null(&self, id: NodeId) -> bool {
        matches!(&self.get(id).kind, NodeKind::Scalar { value, kind: ScalarKind::Plain }
            if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The entries of a mapping as a YAML loader sees them: explicit entries in order, then
    /// entries brought in by merge keys (`<<: *base`) that no explicit key overrides.
    pub fn entries(&self, id: NodeId) -> Vec<(NodeId, NodeId)> {
        let mut out = Vec::new();
        let mut budget = MERGE_BUDGET;
        self.collect_entries(id, &mut out, &mut budget, 0);
        out
    }

    fn collect_entries(&self, id: NodeId, out: &mut Vec<(NodeId, NodeId)>, budget: &mut usize, depth: usize) {
        let NodeKind::Map(entries) = &self.get(id).kind else { return };
        let mut merges = Vec::new();
        for &(key, value) in entries {
            if *budget == 0 {
                return;
            }
            *budget -= 1;
            if self.is_merge_key(key) {
                merges.push(value);
            } else {
                out.push((key, value));
            }
        }
        if depth > 16 {
            return;
        }
        for value in merges {
            let sources = match &self.get(value).kind {
                NodeKind::Seq(items) => items.clone(),
                _ => vec![value],
            };
            for source in sources {
                let mut merged = Vec::new();
                self.collect_entries(source, &mut merged, budget, depth + 1);
                for (key, value) in merged {
                    let name = self.scalar(key);
                    if name.is_none() || !out.iter().any(|&(k, _)| self.scalar(k) == name) {
                        out.push((key, value));
                    }
                }
            }
        }
    }

    pub fn is_merge_key(&self, id: NodeId) -> bool {
        matches!(&self.nodes[id].kind, NodeKind::Scalar { value, kind: ScalarKind::Plain } if value == "<<")
    }

    pub fn items(&self, id: NodeId) -> &[NodeId] {
        match &self.get(id).kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    /// What a node is, for "expected X, found Y" messages.
    pub fn node_type(&self, id: NodeId) -> NodeType {
        match &self.get(id).kind {
            NodeKind::Seq(_) => NodeType::List,
            NodeKind::Map(_) => NodeType::Mapping,
            NodeKind::Alias(_) => NodeType::Alias,
            NodeKind::Scalar { .. } if self.is_null(id) => NodeType::Null,
            NodeKind::Scalar { value, kind: ScalarKind::Plain } => plain_type(value),
            NodeKind::Scalar { .. } => NodeType::String,
        }
    }
}

/// What YAML reads a node as; its `Display` is the words messages use ("a list").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeType {
    List,
    Mapping,
    Alias,
    Null,
    Boolean,
    Number,
    String,
}

impl std::fmt::Display for NodeType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NodeType::List => "a list",
            NodeType::Mapping => "a mapping",
            NodeType::Alias => "an alias",
            NodeType::Null => "nothing (null)",
            NodeType::Boolean => "a boolean",
            NodeType::Number => "a number",
            NodeType::String => "a string",
        })
    }
}

fn plain_type(value: &str) -> NodeType {
    if matches!(value, "true" | "false" | "True" | "False" | "TRUE" | "FALSE") {
        NodeType::Boolean
    } else if value.parse::<f64>().is_ok() || value.parse::<i64>().is_ok() {
        NodeType::Number
    } else {
        NodeType::String
    }
}
