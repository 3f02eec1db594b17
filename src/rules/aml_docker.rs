//! What the Docker rules of Azure ML definitions (AML004 image-not-pinned, AML005
//! invalid-image-reference, AML009 deprecated-base-image, AML017 dockerfile-distutils, AML018
//! dockerfile-too-large) read, in one place: every image an environment pulls (v2 `image`, v1
//! `docker.baseImage`, and the `FROM` images of its Dockerfile) and every Dockerfile it builds
//! (a v2 build context's, the v1 `BaseDockerfile` that `save_to_directory` writes beside the
//! definition, or v1 `docker.baseDockerfile` written inline), with the way back from a range
//! in the image or Dockerfile text to a range in the file that holds it.

use std::collections::HashSet;
use std::sync::Arc;

use crate::aml::dockerfile::{self, Dockerfile, FromLine};
use crate::aml::AmlFile;
use crate::model::Spanned;
use crate::source::{SourceFile, TextRange};

/// Where a Dockerfile comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DockerfileKind {
    /// A v2 build context's (`build.dockerfile_path`, by default `Dockerfile` in `build.path`).
    Build,
    /// The v1 `BaseDockerfile` beside `azureml_environment.json`.
    V1Sibling,
    /// v1 `docker.baseDockerfile`: the Dockerfile's text in the definition.
    V1Inline,
}

/// A Dockerfile an environment builds, with where its text is.
pub(super) struct DockerfileSite<'a> {
    pub text: &'a str,
    /// The Dockerfile's own file; `None` when the text is inline in the definition.
    pub file: Option<&'a Arc<SourceFile>>,
    pub kind: DockerfileKind,
    /// A range in the definition that names the Dockerfile (`dockerfile_path`, `build.path`,
    /// `baseDockerfile`), for a label or, when the text is inline, the finding itself.
    pub context: Option<TextRange>,
    /// Inline text: its offsets in the definition.
    map: Option<ValueMap>,
}

impl DockerfileSite<'_> {
    /// The range in the finding's file of `range`, a range in [`Self::text`].
    pub fn range(&self, range: TextRange) -> TextRange {
        match &self.map {
            Some(map) => map.range(range),
            None => range,
        }
    }

    /// The label a finding in the Dockerfile's own file carries in the definition.
    pub fn context_label(&self) -> &'static str {
        match self.kind {
            DockerfileKind::Build => "the Dockerfile of this build context",
            DockerfileKind::V1Sibling | DockerfileKind::V1Inline => {
                "the Dockerfile of this environment"
            }
        }
    }

    /// Reports a finding at `range` (in [`Self::text`]): in the Dockerfile's own file, with a
    /// label in the definition, or in the definition when the Dockerfile is inline.
    pub fn report<'d>(
        &self,
        cx: &'d mut super::LintContext<'_>,
        range: TextRange,
        message: String,
    ) -> &'d mut crate::diagnostic::Diagnostic {
        let context = self.context.map(|c| (c, self.context_label()));
        report_at(cx, self.file, self.range(range), context, message)
    }
}

/// Every Dockerfile the definition's environments build, each file once.
pub(super) fn dockerfiles<'a>(aml: &'a AmlFile, source: &'a SourceFile) -> Vec<DockerfileSite<'a>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for env in &aml.environments {
        if let Some(build) = &env.build {
            if let Some(file) = &build.dockerfile {
                if seen.insert(file.path.clone()) {
                    let context = build
                        .dockerfile_path
                        .as_ref()
                        .map(|p| p.path.range)
                        .or(build.path.as_ref().map(|p| p.path.range));
                    out.push(DockerfileSite {
                        text: &file.text,
                        file: Some(file),
                        kind: DockerfileKind::Build,
                        context,
                        map: None,
                    });
                }
            }
        }
        let Some(v1) = env.v1.as_deref() else {
            continue;
        };
        if let Some(file) = &v1.dockerfile {
            if seen.insert(file.path.clone()) {
                out.push(DockerfileSite {
                    text: &file.text,
                    file: Some(file),
                    kind: DockerfileKind::V1Sibling,
                    context: None,
                    map: None,
                });
            }
        }
        if let Some(inline) = &v1.base_dockerfile {
            let key = v1.base_dockerfile_key.unwrap_or(inline.range);
            out.push(DockerfileSite {
                text: &inline.value,
                file: None,
                kind: DockerfileKind::V1Inline,
                context: Some(key),
                map: Some(ValueMap::new(source, inline)),
            });
        }
    }
    out
}

/// An image an environment pulls.
pub(super) struct ImageSite<'a> {
    /// What Docker pulls (a `FROM` word after `ARG` substitution).
    pub image: String,
    /// The text as written (`$BASE` for a substituted `FROM`).
    pub written: &'a str,
    /// `None`: in the definition.
    pub file: Option<&'a Arc<SourceFile>>,
    /// The `FROM` of a Dockerfile (not the definition's `image` / `baseImage`).
    pub from: Option<DockerfileKind>,
    /// A label in the definition for an image in a Dockerfile's own file.
    pub context: Option<(TextRange, &'static str)>,
    /// `FROM $BASE`: the image came from an `ARG` default, so a part of it has no place of
    /// its own and the whole word is labelled.
    pub substituted: bool,
    /// Where the written word starts in the text [`Self::map`] covers (0 for a definition value).
    offset: usize,
    whole: TextRange,
    map: Option<ValueMap>,
}

impl ImageSite<'_> {
    /// The range in the finding's file of `range`, a range in [`Self::image`].
    pub fn range(&self, range: TextRange) -> TextRange {
        if self.substituted {
            return self.whole;
        }
        let local = TextRange::new(self.offset + range.start, self.offset + range.end);
        match &self.map {
            Some(map) => map.range(local),
            None => local,
        }
    }

    /// The range of the whole image word.
    pub fn whole(&self) -> TextRange {
        self.whole
    }

    /// How a message names the image: `` `ubuntu` `` or, for a substituted `FROM`,
    /// `` `$BASE` (`ubuntu`, the `ARG` default) ``.
    pub fn shown(&self) -> String {
        if self.substituted {
            format!(
                "`{}` (`{}`, from its `ARG` default)",
                self.written, self.image
            )
        } else {
            format!("`{}`", self.image)
        }
    }

    /// Where the image is written, for a message: "image", "`FROM` image".
    pub fn what(&self) -> &'static str {
        match self.from {
            None => "image",
            Some(_) => "`FROM` image",
        }
    }

    pub fn report<'d>(
        &self,
        cx: &'d mut super::LintContext<'_>,
        range: TextRange,
        message: String,
    ) -> &'d mut crate::diagnostic::Diagnostic {
        report_at(cx, self.file, range, self.context, message)
    }
}

/// A finding in a Dockerfile's own file (with a label at `context` in the definition), or in the
/// definition when `file` is `None`.
fn report_at<'d>(
    cx: &'d mut super::LintContext<'_>,
    file: Option<&Arc<SourceFile>>,
    range: TextRange,
    context: Option<(TextRange, &'static str)>,
    message: String,
) -> &'d mut crate::diagnostic::Diagnostic {
    let Some(file) = file else { return cx.report(range, message) };
    let d = cx.report_in(Some(file), range, message);
    if let Some((context, label)) = context {
        d.label_in(None, context, label);
    }
    d
}

/// Every image the definition's environments pull: `image` / `docker.baseImage`, then the
/// `FROM` images (not stages, not `scratch`, not unresolved variables) of their Dockerfiles.
pub(super) fn images<'a>(aml: &'a AmlFile, source: &'a SourceFile) -> Vec<ImageSite<'a>> {
    let mut out = Vec::new();
    for env in &aml.environments {
        if let Some(image) = &env.image {
            out.push(definition_image(source, image));
        }
    }
    for site in dockerfiles(aml, source) {
        let read: Dockerfile = dockerfile::read(site.text);
        for from in read.images() {
            out.push(from_image(&site, from));
        }
    }
    out
}

fn definition_image<'a>(
    source: &'a SourceFile,
    image: &'a Spanned<String>,
) -> ImageSite<'a> {
    ImageSite {
        image: image.value.clone(),
        written: &image.value,
        file: None,
        from: None,
        context: None,
        substituted: false,
        offset: 0,
        whole: image.range,
        map: Some(ValueMap::new(source, image)),
    }
}

fn from_image<'a>(site: &DockerfileSite<'a>, from: &FromLine<'_>) -> ImageSite<'a> {
    let written = &site.text[from.range.start..from.range.end];
    ImageSite {
        image: from.image.to_string(),
        written,
        file: site.file,
        from: Some(site.kind),
        context: site
            .file
            .and(site.context)
            .map(|c| (c, site.context_label())),
        substituted: from.substituted,
        offset: from.range.start,
        whole: site.range(from.range),
        map: site.map.clone(),
    }
}

/// Offsets of a scalar's value in the file: each byte of the value and the bytes of the file
/// it was read from (a plain scalar is itself; a quoted one has its quotes and escapes).
/// When the value cannot be matched to its text (a folded multi-line scalar), every range is
/// the whole scalar.
#[derive(Clone, Debug)]
pub(super) struct ValueMap {
    whole: TextRange,
    /// For each byte of the value, the range in the file it came from; empty when unmatched.
    units: Vec<(usize, usize)>,
    /// Where the value ends in the file (before a closing quote).
    end: usize,
}

impl ValueMap {
    pub fn new(source: &SourceFile, value: &Spanned<String>) -> Self {
        let whole = value.range;
        let raw = source.text.get(whole.start..whole.end).unwrap_or("");
        let unmatched = ValueMap {
            whole,
            units: Vec::new(),
            end: whole.end,
        };
        match decode(raw) {
            Some((decoded, units, end)) if decoded == value.value => {
                let shift = |(a, b): (usize, usize)| (whole.start + a, whole.start + b);
                ValueMap {
                    whole,
                    units: units.into_iter().map(shift).collect(),
                    end: whole.start + end,
                }
            }
            _ => unmatched,
        }
    }

    pub fn range(&self, range: TextRange) -> TextRange {
        if self.units.is_empty() {
            return self.whole;
        }
        let unit = |i: usize| self.units.get(i).copied();
        let start = unit(range.start).map_or(self.end, |u| u.0);
        let end = match range.end.checked_sub(1).filter(|_| range.end > range.start) {
            Some(last) => unit(last).map_or(self.end, |u| u.1),
            None => start,
        };
        TextRange::new(start, end.max(start))
    }
}

/// A decoded scalar: the value, for each of its bytes the range of the text it came from, and
/// where the value ends in the text.
type Decoded = (String, Vec<(usize, usize)>, usize);

/// The value of a scalar's text (plain, `'single'` or `"double"` quoted, on one line).
fn decode(raw: &str) -> Option<Decoded> {
    let mut out = String::new();
    let mut units = Vec::new();
    let push =
        |out: &mut String, units: &mut Vec<(usize, usize)>, c: char, from: usize, to: usize| {
            out.push(c);
            units.extend(std::iter::repeat_n((from, to), c.len_utf8()));
        };
    let bytes = raw.as_bytes();
    match bytes.first() {
        Some(b'"') => {
            let mut i = 1;
            while i < raw.len() {
                let c = raw[i..].chars().next()?;
                match c {
                    '"' => return (i + 1 == raw.len()).then_some((out, units, i)),
                    '\n' | '\r' => return None,
                    '\\' => {
                        let e = *bytes.get(i + 1)?;
                        let (ch, len) = match e {
                            b'n' => ('\n', 2),
                            b't' => ('\t', 2),
                            b'r' => ('\r', 2),
                            b'b' => ('\u{8}', 2),
                            b'f' => ('\u{c}', 2),
                            b'0' => ('\0', 2),
                            b'"' | b'\\' | b'/' | b' ' => (e as char, 2),
                            b'u' => {
                                let hex = raw.get(i + 2..i + 6)?;
                                let code = u32::from_str_radix(hex, 16).ok()?;
                                (char::from_u32(code)?, 6)
                            }
                            _ => return None,
                        };
                        push(&mut out, &mut units, ch, i, i + len);
                        i += len;
                    }
                    _ => {
                        push(&mut out, &mut units, c, i, i + c.len_utf8());
                        i += c.len_utf8();
                    }
                }
            }
            None
        }
        Some(b'\'') => {
            let mut i = 1;
            while i < raw.len() {
                let c = raw[i..].chars().next()?;
                match c {
                    '\'' if bytes.get(i + 1) == Some(&b'\'') => {
                        push(&mut out, &mut units, '\'', i, i + 2);
                        i += 2;
                    }
                    '\'' => return (i + 1 == raw.len()).then_some((out, units, i)),
                    '\n' | '\r' => return None,
                    _ => {
                        push(&mut out, &mut units, c, i, i + c.len_utf8());
                        i += c.len_utf8();
                    }
                }
            }
            None
        }
        _ => {
            for (i, c) in raw.char_indices() {
                push(&mut out, &mut units, c, i, i + c.len_utf8());
            }
            Some((out, units, raw.len()))
        }
    }
}

/// The line of `text` that holds byte `at` (without its line break).
pub(super) fn line_at(text: &str, at: usize) -> TextRange {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    TextRange::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str, value: &str) -> (SourceFile, ValueMap) {
        let source = SourceFile::from_text("x.yml", text.to_owned());
        let start = text
            .find(['"', '\''])
            .filter(|_| !text.starts_with("image: M"))
            .unwrap_or_else(|| text.find(": ").unwrap() + 2);
        let range = TextRange::new(start, text.trim_end().len());
        let spanned = Spanned::new(value.to_owned(), range);
        let m = ValueMap::new(&source, &spanned);
        (source, m)
    }

    #[test]
    fn value_offsets_through_quotes_and_escapes() {
        let (s, m) = map(
            "image: \"mcr.microsoft.com/AzureML/base:1\"\n",
            "mcr.microsoft.com/AzureML/base:1",
        );
        assert_eq!(s.slice(m.range(TextRange::new(18, 25))), "AzureML");
        let (s, m) = map("image: 'it''s:1'\n", "it's:1");
        assert_eq!(
            s.slice(m.range(TextRange::new(2, 4))),
            "''s",
            "the quote is written twice"
        );
        assert_eq!(s.slice(m.range(TextRange::new(5, 6))), "1");
        // An empty range at the end of the value sits before the closing quote.
        assert_eq!(m.range(TextRange::new(6, 6)), TextRange::new(15, 15));
        let (s, m) = map(
            "x: \"FROM a\\nRUN apt-get install -y python3\\n\"\n",
            "FROM a\nRUN apt-get install -y python3\n",
        );
        let v = "FROM a\nRUN apt-get install -y python3\n";
        let at = v.find("python3").unwrap();
        assert_eq!(s.slice(m.range(TextRange::new(at, at + 7))), "python3");
        assert_eq!(s.slice(m.range(TextRange::new(6, 7))), "\\n");
        let (s, m) = map("image: MyOrg/image:1\n", "MyOrg/image:1");
        assert_eq!(s.slice(m.range(TextRange::new(0, 5))), "MyOrg");
        // A value that does not match its text (folded): the whole scalar.
        let source = SourceFile::from_text("x.yml", "image: a\n  b\n");
        let m = ValueMap::new(
            &source,
            &Spanned::new("a b".to_owned(), TextRange::new(7, 12)),
        );
        assert_eq!(m.range(TextRange::new(0, 1)), TextRange::new(7, 12));
    }

    #[test]
    fn lines() {
        assert_eq!(line_at("ab\ncd\nef", 4), TextRange::new(3, 5));
        assert_eq!(line_at("ab", 9), TextRange::new(0, 2));
    }
}
