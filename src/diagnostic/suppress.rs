//! Inline suppression: `# condalint: ignore[CODES]` and `# condalint: ignore-file[CODES]`
//! directives, in environment files and in the requirements files they include.
//!
//! - At the end of a line, `ignore[...]` covers that line.
//! - On a line of its own, it covers the next node with everything nested in it (in a
//!   requirements file: the next requirement line, with its `\` continuation lines).
//! - `ignore-file[...]` covers the whole file; `ignore-file` and `ignore` without a list cover
//!   every rule.
//! - Text after a second `#` is the reason.
//!
//! A code in a list is a rule code (any case) or a rule name.

use std::sync::Arc;

use crate::model::EnvFile;
use crate::source::{SourceFile, TextRange};
use crate::syntax::comment_start;

use super::{Diagnostic, Suppression};

/// The code of the rule that reports directives; it cannot be suppressed inline.
pub const UNUSED_SUPPRESSION: &str = "SUP001";

/// One code as written in a directive's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRef {
    pub text: String,
    /// Where it is written, including nothing around it.
    pub range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Lines `first..=last` (1-based).
    Lines { first: usize, last: usize },
    File,
}

/// A parsed `# condalint: …` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// From the directive's `#` to the end of the line.
    pub range: TextRange,
    /// Whether the directive's comment is alone on its line (apart from indentation).
    pub own_line: bool,
    /// Whether other comment text precedes the directive (`# note # condalint: …`).
    pub after_text: bool,
    /// `None`: every rule.
    pub codes: Option<Vec<CodeRef>>,
    /// The range of the `[...]` list, brackets included.
    pub list: Option<TextRange>,
    pub reason: Option<String>,
    pub scope: Scope,
}

/// A `# condalint:` comment that is not a directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    pub range: TextRange,
    pub own_line: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Directives {
    pub directives: Vec<Directive>,
    pub malformed: Vec<Malformed>,
}

/// The node extents an own-line directive can cover: `None` for a requirements file (one line
/// per requirement), the environment file's mapping entries and sequence items otherwise.
pub fn parse(source: &SourceFile, extents: Option<&[TextRange]>) -> Directives {
    let text: &str = &source.text;
    let mut out = Directives::default();
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, line) in lines.iter().enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        let start = offset;
        offset += line.len();
        let Some(hash) = comment_start(content) else { continue };
        let Some((at, rest_at)) = find_marker(&content[hash..]) else { continue };
        let at = hash + at;
        let own_line = content[..hash].trim().is_empty();
        let range = TextRange::new(start + at, start + content.len());
        let Some(mut directive) = parse_directive(&content[hash + rest_at..], start + hash + rest_at, range, own_line, at > hash) else {
            out.malformed.push(Malformed { range, own_line });
            continue;
        };
        if let Scope::Lines { .. } = directive.scope {
            let line_no = index + 1;
            directive.scope = if own_line { next_node(source, &lines, index, extents) } else { Scope::Lines { first: line_no, last: line_no } };
        }
        out.directives.push(directive);
    }
    out
}

/// The `#` that opens `condalint:` within a comment, and the offset just past `condalint:`.
fn find_marker(comment: &str) -> Option<(usize, usize)> {
    comment.match_indices('#').find_map(|(i, _)| {
        let after = &comment[i + 1..];
        let trimmed = after.trim_start();
        let marker = trimmed.strip_prefix("condalint:")?;
        Some((i, comment.len() - marker.len()))
    })
}

/// Parses `ignore[A, B] # reason` (what follows `condalint:`); `base` is its offset.
fn parse_directive(rest: &str, base: usize, range: TextRange, own_line: bool, after_text: bool) -> Option<Directive> {
    let trimmed = rest.trim_start();
    let mut pos = base + (rest.len() - trimmed.len());
    let (scope, after) = if let Some(after) = trimmed.strip_prefix("ignore-file") {
        (Scope::File, after)
    } else if let Some(after) = trimmed.strip_prefix("ignore") {
        (Scope::Lines { first: 0, last: 0 }, after)
    } else {
        return None;
    };
    pos += trimmed.len() - after.len();
    let (codes, list, after) = if let Some(inner) = after.strip_prefix('[') {
        let close = inner.find(']')?;
        let mut codes = Vec::new();
        let mut at = pos + 1;
        for part in inner[..close].split(',') {
            let code = part.trim();
            if !code.is_empty() {
                let lead = part.len() - part.trim_start().len();
                codes.push(CodeRef { text: code.to_owned(), range: TextRange::new(at + lead, at + lead + code.len()) });
            }
            at += part.len() + 1;
        }
        if codes.is_empty() {
            return None;
        }
        (Some(codes), Some(TextRange::new(pos, pos + close + 2)), &inner[close + 1..])
    } else {
        (None, None, after)
    };
    let tail = after.trim();
    let reason = match tail.strip_prefix('#') {
        Some(reason) => Some(reason.trim()).filter(|r| !r.is_empty()).map(str::to_owned),
        None if tail.is_empty() => None,
        None => return None,
    };
    Some(Directive { range, own_line, after_text, codes, list, reason, scope })
}

/// The lines of the node that starts on the first line after `index` with content.
fn next_node(source: &SourceFile, lines: &[&str], index: usize, extents: Option<&[TextRange]>) -> Scope {
    let Some(next) = (index + 1..lines.len()).find(|&i| {
        let t = lines[i].trim();
        !t.is_empty() && !t.starts_with('#')
    }) else {
        return Scope::Lines { first: index + 1, last: index + 1 };
    };
    let first = next + 1;
    let line_start = source.line_start(first);
    let line_end = line_start + lines[next].trim_end_matches(['\n', '\r']).len();
    let last_offset = match extents {
        Some(extents) => extents
            .iter()
            .filter(|r| r.start >= line_start && r.start < line_end.max(line_start + 1))
            .map(|r| r.end.saturating_sub(1).max(r.start))
            .max()
            .unwrap_or(line_start),
        None => {
            // A requirement line continues while it ends with a backslash.
            let mut last = next;
            while lines[last].trim_end().ends_with('\\') && last + 1 < lines.len() {
                last += 1;
            }
            source.line_start(last + 1)
        }
    };
    Scope::Lines { first, last: source.line_col(last_offset).0.max(first) }
}

impl Directive {
    /// Whether this directive's list names the diagnostic's rule (or it has no list).
    pub fn names(&self, diagnostic: &Diagnostic) -> Option<Option<usize>> {
        match &self.codes {
            None => Some(None),
            Some(codes) => codes.iter().position(|c| matches_rule(&c.text, diagnostic.code, diagnostic.name)).map(Some),
        }
    }

    pub fn covers_line(&self, line: usize) -> bool {
        match self.scope {
            Scope::File => true,
            Scope::Lines { first, last } => (first..=last).contains(&line),
        }
    }
}

/// Whether a code as written names the rule with this code and name.
pub fn matches_rule(written: &str, code: &str, name: &str) -> bool {
    written.eq_ignore_ascii_case(code) || written == name
}

/// The directives of one file: the environment file (`file` is `None`) or an included
/// requirements file.
pub struct FileDirectives<'a> {
    pub file: Option<&'a Arc<SourceFile>>,
    pub source: &'a SourceFile,
    pub directives: Directives,
}

/// The directives of an environment file and of every requirements file it includes.
pub fn collect<'a>(source: &'a SourceFile, env: &'a EnvFile) -> Vec<FileDirectives<'a>> {
    let mut out = Vec::new();
    if source.text.contains("condalint:") {
        out.push(FileDirectives { file: None, source, directives: parse(source, Some(&env.extents)) });
    }
    for req in env.pip_files.iter().filter(|f| f.source.text.contains("condalint:")) {
        out.push(FileDirectives { file: Some(&req.source), source: &req.source, directives: parse(&req.source, None) });
    }
    out
}

impl FileDirectives<'_> {
    /// The directives that cover a diagnostic, as (directive index, code index); the code
    /// index is `None` for a directive without a list. SUP001 itself is never covered.
    pub fn hits(&self, d: &Diagnostic) -> Vec<(usize, Option<usize>)> {
        let same_file = match (&d.file, self.file) {
            (None, None) => true,
            (Some(a), Some(b)) => a.path == b.path,
            _ => false,
        };
        if !same_file || d.code == UNUSED_SUPPRESSION {
            return Vec::new();
        }
        let line = self.source.line_col(d.primary.range.start).0;
        self.directives
            .directives
            .iter()
            .enumerate()
            .filter(|(_, directive)| directive.covers_line(line))
            .filter_map(|(i, directive)| directive.names(d).map(|code| (i, code)))
            .collect()
    }
}

/// Marks every diagnostic that a directive covers as suppressed.
pub fn apply(source: &SourceFile, env: &EnvFile, diagnostics: &mut [Diagnostic]) {
    for file in collect(source, env) {
        for d in diagnostics.iter_mut().filter(|d| d.suppression.is_none()) {
            if let Some(&(i, _)) = file.hits(d).first() {
                let directive = &file.directives.directives[i];
                d.suppression = Some(Suppression { reason: directive.reason.clone(), range: directive.range });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Directives {
        parse(&SourceFile::from_text("environment.yml", text), None)
    }

    #[test]
    fn parses_codes_reason_and_scope() {
        let text = "dependencies:\n  - pip  # condalint: ignore[pip-not-pinned, CDA006] # base image pins pip\n";
        let parsed = parse_text(text);
        let d = &parsed.directives[0];
        let codes: Vec<&str> = d.codes.as_ref().unwrap().iter().map(|c| c.text.as_str()).collect();
        assert_eq!(codes, ["pip-not-pinned", "CDA006"]);
        assert_eq!(&text[d.codes.as_ref().unwrap()[1].range.start..d.codes.as_ref().unwrap()[1].range.end], "CDA006");
        assert_eq!(&text[d.list.unwrap().start..d.list.unwrap().end], "[pip-not-pinned, CDA006]");
        assert_eq!(d.reason.as_deref(), Some("base image pins pip"));
        assert_eq!(d.scope, Scope::Lines { first: 2, last: 2 });
        assert!(!d.own_line);
    }

    #[test]
    fn file_and_blanket_and_malformed() {
        let parsed = parse_text("# condalint: ignore-file\n# condalint: ignroe[X]\n# condalint: ignore[]\nname: x # condalint: ignore[A] trailing\n");
        assert_eq!(parsed.directives.len(), 1);
        assert_eq!(parsed.directives[0].scope, Scope::File);
        assert_eq!(parsed.directives[0].codes, None);
        assert_eq!(parsed.malformed.len(), 3);
    }

    #[test]
    fn requirement_files_cover_continuation_lines() {
        let parsed = parse_text("# condalint: ignore[PIP008]\n\nrequests \\\n  --hash=sha256:abc\nflask\n");
        assert_eq!(parsed.directives[0].scope, Scope::Lines { first: 3, last: 4 });
    }
}
