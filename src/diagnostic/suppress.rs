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

use crate::model::{comments, Comment, EnvFile};
use crate::source::{SourceFile, TextRange};
use crate::Settings;

use super::{Diagnostic, Suppression};

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

/// Parses the directives among a file's comments (collected once, by lowering or
/// [`crate::model::comments`]). `extents` are the node extents an own-line directive can cover:
/// `None` for a requirements file (one line per requirement), the environment file's mapping
/// entries and sequence items otherwise.
pub fn parse(source: &SourceFile, comments: &[Comment], extents: Option<&[TextRange]>) -> Directives {
    let text: &str = &source.text;
    let mut out = Directives::default();
    for comment in comments {
        let hash = comment.range.start;
        let Some((at, rest_at)) = find_marker(&text[hash..comment.range.end]) else { continue };
        let line_start = text[..hash].rfind('\n').map_or(0, |i| i + 1);
        let own_line = text[line_start..hash].trim().is_empty();
        let range = TextRange::new(hash + at, comment.range.end);
        let Some(mut directive) = parse_directive(&text[hash + rest_at..comment.range.end], hash + rest_at, range, own_line, at > 0) else {
            out.malformed.push(Malformed { range, own_line });
            continue;
        };
        if let Scope::Lines { .. } = directive.scope {
            let line = source.line_col(hash).0;
            directive.scope = if own_line { next_node(source, line, extents) } else { Scope::Lines { first: line, last: line } };
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

/// The text of a 1-based line, without its line break; `None` past the end.
fn line_text(source: &SourceFile, line: usize) -> Option<&str> {
    let start = source.line_start(line);
    (start < source.text.len()).then(|| source.text[start..source.line_start(line + 1)].trim_end_matches(['\n', '\r']))
}

/// The lines of the node that starts on the first line after `line` with content.
fn next_node(source: &SourceFile, line: usize, extents: Option<&[TextRange]>) -> Scope {
    let Some(first) = (line + 1..).map_while(|n| line_text(source, n).map(|t| (n, t))).find_map(|(n, t)| {
        let t = t.trim();
        (!t.is_empty() && !t.starts_with('#')).then_some(n)
    }) else {
        return Scope::Lines { first: line, last: line };
    };
    let line_start = source.line_start(first);
    let line_end = line_start + line_text(source, first).map_or(0, str::len);
    let last_offset = match extents {
        Some(extents) => extents
            .iter()
            .filter(|r| r.start >= line_start && r.start < line_end.max(line_start + 1))
            .map(|r| r.end.saturating_sub(1).max(r.start))
            .max()
            .unwrap_or(line_start),
        None => {
            // A requirement line continues while it ends with a backslash.
            let mut last = first;
            while line_text(source, last).is_some_and(|t| t.trim_end().ends_with('\\')) && line_text(source, last + 1).is_some() {
                last += 1;
            }
            source.line_start(last)
        }
    };
    Scope::Lines { first, last: source.line_col(last_offset).0.max(first) }
}

impl Directive {
    /// Whether this directive's list names the diagnostic's rule (or it has no list).
    pub fn names(&self, code: &str, name: &str) -> Option<Option<usize>> {
        match &self.codes {
            None => Some(None),
            Some(codes) => codes.iter().position(|c| matches_rule(&c.text, code, name)).map(Some),
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
    /// The (directive index, code index) pairs that cover some finding; the code index is
    /// `None` for a directive without a list.
    pub used: Vec<(usize, Option<usize>)>,
}

/// The directives of an environment file and of every requirements file it includes.
fn collect<'a>(source: &'a SourceFile, env: &'a EnvFile) -> Vec<FileDirectives<'a>> {
    let mut out = Vec::new();
    if env.comments.iter().any(|c| c.text.contains("condalint:")) {
        out.push(FileDirectives { file: None, source, directives: parse(source, &env.comments, Some(&env.extents)), used: Vec::new() });
    }
    for req in env.pip_files.iter().filter(|f| f.source.text.contains("condalint:")) {
        let directives = parse(&req.source, &comments(&req.source.text), None);
        out.push(FileDirectives { file: Some(&req.source), source: &req.source, directives, used: Vec::new() });
    }
    out
}

impl FileDirectives<'_> {
    /// The directives that cover a diagnostic, as (directive index, code index).
    fn hits(&self, d: &Diagnostic) -> impl Iterator<Item = (usize, Option<usize>)> + '_ {
        let same_file = match (&d.file, self.file) {
            (None, None) => true,
            (Some(a), Some(b)) => a.path == b.path,
            _ => false,
        };
        let line = self.source.line_col(d.primary.range.start).0;
        let (code, name) = (d.code, d.name);
        self.directives
            .directives
            .iter()
            .enumerate()
            .filter(move |(_, directive)| same_file && directive.covers_line(line))
            .filter_map(move |(i, directive)| directive.names(code, name).map(|k| (i, k)))
    }
}

/// The suppression pass, after every rule has run: parses the directives of the file and of its
/// requirements files once, marks each finding a directive covers as suppressed, and reports the
/// directives that went unused (unused-suppression, whose findings are made here and are
/// themselves never suppressed).
pub fn apply(source: &SourceFile, env: &EnvFile, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let mut files = collect(source, env);
    if files.is_empty() {
        return;
    }
    for d in diagnostics.iter_mut() {
        for file in &mut files {
            let hits: Vec<_> = file.hits(d).collect();
            if let (None, Some(&(i, _))) = (&d.suppression, hits.first()) {
                let directive = &file.directives.directives[i];
                d.suppression = Some(Suppression { reason: directive.reason.clone(), range: directive.range });
            }
            file.used.extend(hits);
        }
    }
    crate::rules::report_unused_suppressions(source, env, settings, &files, diagnostics);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Directives {
        parse(&SourceFile::from_text("environment.yml", text), &comments(text), None)
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

    #[test]
    fn directives_apply_in_files_that_do_not_parse() {
        let source = SourceFile::from_text("environment.yml", "# condalint: ignore-file[invalid-yaml] # generated
name: [x
");
        let all = crate::lint(&source, &Settings::default(), &crate::DiskFileSystem);
        assert!(all.is_empty(), "{all:?}");
        let marked = crate::check(&source, &Settings::default(), &crate::DiskFileSystem);
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].suppression.as_ref().and_then(|s| s.reason.as_deref()), Some("generated"));
    }
}
