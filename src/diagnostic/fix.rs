//! Fixes as data: textual edits on the original text.

use std::borrow::Cow;

use serde::Serialize;

use crate::source::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Applied by `--fix`: keeps the meaning of the file.
    Safe,
    /// Applied only with `--unsafe-fixes`: may change what gets installed.
    Unsafe,
    /// Shown, never applied.
    DisplayOnly,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub content: String,
}

impl Edit {
    pub fn replace(range: TextRange, content: impl Into<String>) -> Self {
        Self { range, content: content.into() }
    }
    pub fn insert(at: usize, content: impl Into<String>) -> Self {
        Self { range: TextRange::empty(at), content: content.into() }
    }
    pub fn delete(range: TextRange) -> Self {
        Self { range, content: String::new() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: Cow<'static, str>,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<Cow<'static, str>>, edits: impl IntoIterator<Item = Edit>) -> Self {
        Self { title: title.into(), applicability: Applicability::Safe, edits: edits.into_iter().collect() }
    }
    pub fn unsafe_edit(title: impl Into<Cow<'static, str>>, edits: impl IntoIterator<Item = Edit>) -> Self {
        Self { title: title.into(), applicability: Applicability::Unsafe, edits: edits.into_iter().collect() }
    }
}

/// Applies fixes whose edits do not overlap an earlier accepted fix; returns the new text and
/// how many fixes were applied. Fixes that overlap are left for a later pass.
pub fn apply_fixes<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let (out, applied) = apply_fixes_which(text, fixes);
    (out, applied.len())
}

/// [`apply_fixes`], telling which of the fixes (their indices, in order) were applied.
pub fn apply_fixes_which<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, Vec<usize>) {
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    for (index, fix) in fixes.into_iter().enumerate() {
        let overlaps = fix.edits.iter().any(|e| {
            accepted.iter().any(|a| {
                e.range.start < a.range.end && a.range.start < e.range.end || e.range.start == a.range.start
            })
        });
        let in_bounds = fix.edits.iter().all(|e| {
            e.range.start <= e.range.end
                && e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        });
        if overlaps || !in_bounds {
            continue;
        }
        accepted.extend(fix.edits.iter());
        applied.push(index);
    }
    accepted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for edit in accepted {
        out.push_str(&text[pos..edit.range.start]);
        out.push_str(&edit.content);
        pos = edit.range.end;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_non_overlapping_edits() {
        let a = Fix::safe("a", [Edit::replace(TextRange::new(0, 1), "X")]);
        let b = Fix::safe("b", [Edit::replace(TextRange::new(0, 2), "Y")]);
        let c = Fix::safe("c", [Edit::insert(3, "!")]);
        assert_eq!(apply_fixes("abcd", [&a, &b, &c]), ("Xbc!d".to_owned(), 2));
        assert_eq!(apply_fixes_which("abcd", [&a, &b, &c]).1, [0, 2], "the overlapping one is left out");
    }
}
