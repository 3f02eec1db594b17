//! Code actions (each fix, and suppressing a finding on its line or in its file) and hover on
//! the rule codes of suppression directives.

use std::collections::HashMap;
use std::io::Write;

use lsp_types::{self as lsp, Uri};

use super::convert;
use super::server::{Document, Server};
use crate::diagnostic::suppress::{self, Directive, Scope};
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::model::comments;
use crate::source::{ColumnUnit, TextRange};

/// The actions for the findings under the requested range.
pub fn code_actions<W: Write>(server: &Server<'_, W>, params: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
    let wants_quickfix = params.context.only.as_ref().is_none_or(|kinds| kinds.iter().any(|k| lsp::CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str())));
    let Some(doc) = server.docs.get(&params.text_document.uri).filter(|_| wants_quickfix) else { return Vec::new() };
    let unit = server.unit;
    let (start, end) = (convert::offset(&doc.source, params.range.start, unit), convert::offset(&doc.source, params.range.end, unit));
    let directives = suppress::parse(&doc.source, &comments(&doc.source.text), None).directives;
    // A JSON definition has no comments to suppress with.
    let json = doc.source.text.trim_start().starts_with(['{', '[']);
    let mut actions = Vec::new();
    let mut suppressions = Vec::new();
    // The findings under the range, and those the client names (a cursor elsewhere on the line
    // of a finding). A client's copy may have other columns (Neovim 0.7 sends byte columns
    // back), so the code and the line decide.
    let named = |diagnostic: &lsp::Diagnostic| params.context.diagnostics.iter().any(|c| c.range.start.line == diagnostic.range.start.line && c.code == diagnostic.code);
    for d in &doc.shown {
        let diagnostic = convert::diagnostic(&doc.source, &doc.uri, d, unit);
        if !(d.primary.range.start <= end && start <= d.primary.range.end || named(&diagnostic)) {
            continue;
        }
        if let Some(fix) = d.fix.as_ref().filter(|f| f.applicability != Applicability::DisplayOnly) {
            let title = if fix.applicability == Applicability::Unsafe { format!("{} (unsafe)", fix.title) } else { fix.title.to_string() };
            actions.push(action(doc, title, &fix.edits, &diagnostic, fix.applicability == Applicability::Safe, unit));
        }
        if !json {
            suppressions.push(action(doc, format!("suppress {} on this line", d.code), &[line_suppression(doc, d, &directives)], &diagnostic, false, unit));
            suppressions.push(action(doc, format!("suppress {} for this file", d.code), &[file_suppression(doc, d, &directives)], &diagnostic, false, unit));
        }
    }
    // The fixes first; one suppression of each kind and code.
    let mut seen = std::collections::HashSet::new();
    suppressions.retain(|a| seen.insert(a.title.clone()));
    actions.extend(suppressions);
    actions.into_iter().map(lsp::CodeActionOrCommand::CodeAction).collect()
}

fn action(doc: &Document, title: String, edits: &[Edit], diagnostic: &lsp::Diagnostic, preferred: bool, unit: ColumnUnit) -> lsp::CodeAction {
    let edits = edits.iter().map(|e| lsp::TextEdit { range: convert::range(&doc.source, e.range, unit), new_text: e.content.clone() }).collect();
    let changes: HashMap<Uri, Vec<lsp::TextEdit>> = HashMap::from([(doc.uri.clone(), edits)]);
    lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() }),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    }
}

/// `# condalint: ignore[CODE]` at the end of the finding's line, or the code added to the
/// list of a directive already there.
fn line_suppression(doc: &Document, d: &Diagnostic, directives: &[Directive]) -> Edit {
    let source = &doc.source;
    let line = source.line_col(d.primary.range.start).0;
    let existing = directives.iter().find(|dir| !dir.own_line && dir.scope == Scope::Lines { first: line, last: line });
    if let Some(list) = existing.and_then(|dir| dir.list) {
        return Edit::insert(list.end - 1, format!(", {}", d.code));
    }
    let start = source.line_start(line);
    let rest = &source.text[start..];
    let end = start + rest.find(['\n', '\r']).unwrap_or(rest.len());
    let content = &source.text[start..end];
    let trimmed = start + content.trim_end().len();
    Edit::replace(TextRange::new(trimmed, end), format!("  # condalint: ignore[{}]", d.code))
}

/// `# condalint: ignore-file[CODE]` on a first line of its own, or the code added to the list
/// of the file's directive.
fn file_suppression(doc: &Document, d: &Diagnostic, directives: &[Directive]) -> Edit {
    if let Some(list) = directives.iter().filter(|dir| dir.scope == Scope::File).find_map(|dir| dir.list) {
        return Edit::insert(list.end - 1, format!(", {}", d.code));
    }
    let newline = if doc.source.text.contains("\r\n") { "\r\n" } else { "\n" };
    Edit::insert(0, format!("# condalint: ignore-file[{}]{newline}", d.code))
}

/// The documentation of the rule whose code (or name) is under the cursor in a suppression
/// directive.
pub fn hover<W: Write>(server: &Server<'_, W>, at: &lsp::TextDocumentPositionParams) -> Option<lsp::Hover> {
    let doc = server.docs.get(&at.text_document.uri)?;
    let offset = convert::offset(&doc.source, at.position, server.unit);
    let directives = suppress::parse(&doc.source, &comments(&doc.source.text), None).directives;
    let code = directives.iter().flat_map(|dir| dir.codes.iter().flatten()).find(|c| c.range.start <= offset && offset <= c.range.end)?;
    let rule = crate::rules::lookup(&code.text)?;
    let meta = rule.meta();
    let text = format!("**{}** ({}, {})\n\n{}", meta.code, meta.name, meta.severity.as_str(), crate::cli::reader_doc(meta.doc));
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: text }),
        range: Some(convert::range(&doc.source, code.range, server.unit)),
    })
}
