//! A small Dockerfile reader: the instructions, the `FROM` images (with the `ARG` defaults
//! declared before the first `FROM` substituted) and the `apt` installs of each stage. Enough
//! for AML004/AML005/AML009 on `FROM`, AML017 (dockerfile-distutils) and AML018
//! (dockerfile-too-large); not a full parser, and no crate: reading these facts is a few hundred
//! lines, and a Dockerfile parser crate would bring a shell lexer and a tree we do not need.
//!
//! The semantics follow moby/buildkit `frontend/dockerfile/parser` (`parser.go`,
//! `directives.go`, `line_parsers.go`) and `frontend/dockerfile/instructions/parse.go`:
//! - parser directives (`# escape=``, `# syntax=…`, `# check=…`) only at the very top, before
//!   any comment, blank line or instruction (`directives.go`, `DirectiveParser.ParseLine`);
//!   an unknown directive is a comment and ends them;
//! - a line whose first non-blank character is `#` is a comment, also between the lines of a
//!   continued instruction; blank lines inside a continuation are skipped (`parser.go`,
//!   `Parse`: `isComment`, `isEmptyContinuationLine`);
//! - a line ending in the escape character (then only spaces or tabs) continues on the next
//!   (`parser.go`, `trimContinuationCharacter`);
//! - heredocs (`RUN <<EOF` … `EOF`, `<<-EOF` with leading tabs stripped) are skipped whole
//!   (`parser.go`, `heredocsFromLine`), so their bodies are never read as instructions;
//! - keywords are case-insensitive; `FROM [--platform=…] image [AS name]`, stage names
//!   case-insensitive, `scratch` is no image (`instructions/parse.go`, `parseFrom`);
//! - `FROM` expands only the `ARG`s declared before the first `FROM` (the "meta args",
//!   `dockerfile2llb`), with `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`,
//!   `${NAME:+word}`, `${NAME+word}` (`shell/lex.go`). Azure ML passes no build arguments to
//!   a build context, so the defaults are what it builds.
//!
//! Every fact carries byte ranges into the Dockerfile's text.

use std::borrow::Cow;

use crate::aml::image::{self, ImageError, ImageRef};
use crate::source::TextRange;

/// Azure ML's limit on a Dockerfile: "Your specified Dockerfile exceeded the maximum size of
/// 100 KB" (MicrosoftDocs/azure-ai-docs `articles/machine-learning/how-to-troubleshoot-environments.md`,
/// "Dockerfile length over limit"). Read as 100 KiB of UTF-8 (the article does not say whether
/// a KB is 1000 or 1024 bytes; the larger reading never reports a Dockerfile the service takes).
pub const MAX_BYTES: usize = 100 * 1024;

/// A Dockerfile, read.
#[derive(Debug)]
pub struct Dockerfile<'a> {
    pub text: &'a str,
    /// The escape character: `\` or, by the `# escape=`` directive, `` ` ``.
    pub escape: u8,
    pub instructions: Vec<Instruction<'a>>,
    pub stages: Vec<Stage<'a>>,
}

/// One instruction, its continuation lines joined.
#[derive(Debug, Clone)]
pub struct Instruction<'a> {
    /// As written (`run`, `FROM`).
    pub keyword: &'a str,
    /// From the keyword to the end of its last line (heredoc bodies included).
    pub range: TextRange,
    /// The arguments, after the keyword (may span continuation lines and hold comment lines).
    pub args: TextRange,
    /// Heredoc bodies, skipped.
    pub heredocs: Vec<TextRange>,
}

impl Instruction<'_> {
    pub fn is(&self, keyword: &str) -> bool {
        self.keyword.eq_ignore_ascii_case(keyword)
    }
}

/// A build stage: a `FROM` and the instructions up to the next one.
#[derive(Debug, Clone)]
pub struct Stage<'a> {
    pub from: FromLine<'a>,
    /// `AS name`, as written.
    pub name: Option<(&'a str, TextRange)>,
    /// Index of the `FROM` in [`Dockerfile::instructions`]; the stage's own instructions follow
    /// it up to (not including) `end`.
    pub instruction: usize,
    pub end: usize,
}

/// What a `FROM` builds on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// An image reference (possibly invalid: see [`FromLine::image_ref`]).
    Image,
    /// An earlier stage, by index (`FROM builder`): not an image (RULES.md, AML004).
    Stage(usize),
    /// `FROM scratch`.
    Scratch,
    /// A variable without a known value, or no image word at all: not judgeable.
    Unresolved,
}

/// The image word of a `FROM`.
#[derive(Debug, Clone)]
pub struct FromLine<'a> {
    /// The word as written (`$BASE`, `ubuntu:22.04`).
    pub written: &'a str,
    /// Of the image word exactly, in the Dockerfile.
    pub range: TextRange,
    /// After `ARG` substitution (the written word when there was none).
    pub image: Cow<'a, str>,
    pub substituted: bool,
    pub base: Base,
}

impl FromLine<'_> {
    /// The image reference when the base is an image.
    pub fn image_ref(&self) -> Option<Result<ImageRef<'_>, ImageError>> {
        (self.base == Base::Image).then(|| image::parse(&self.image))
    }

    /// Where in the Dockerfile to label a range that [`image::parse`] gave within
    /// [`Self::image`]: the same characters when the word was written out, the whole word
    /// when a variable was substituted.
    pub fn label(&self, within_image: TextRange) -> TextRange {
        if self.substituted || within_image.end > self.range.len() {
            self.range
        } else {
            self.range.sub(within_image.start, within_image.end)
        }
    }
}

/// One `apt-get install` / `apt install` command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AptInstall {
    pub stage: usize,
    /// From `apt-get` (or `apt`) to its last argument.
    pub command: TextRange,
    /// The packages, without `=version` or `/release`, with the range of each word.
    pub packages: Vec<(String, TextRange)>,
}

/// AML017's fact: a stage on a Debian or Ubuntu release that ships distutils as a separate
/// package, installing `python3` with apt and nothing that brings `python3-distutils`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistutilsTrap {
    pub stage: usize,
    /// The image word of the `FROM` that fixes the release (an ancestor stage's, when this
    /// stage builds on another).
    pub from: TextRange,
    pub release: Release,
    /// The install command and the `python3` word in it.
    pub install: TextRange,
    pub package: TextRange,
    pub package_name: String,
}

pub fn read(text: &str) -> Dockerfile<'_> {
    let bytes = text.as_bytes();
    let lines = physical_lines(text);
    let mut escape = b'\\';
    let mut li = 0;
    // Parser directives: at the very top only.
    while li < lines.len() {
        let (start, end) = lines[li];
        let line = text[start..end].trim_start_matches('\u{feff}').trim();
        let Some(body) = line.strip_prefix('#') else {
            break;
        };
        let Some((name, value)) = body.split_once('=') else {
            break;
        };
        let name = name.trim();
        if !["escape", "syntax", "check"]
            .iter()
            .any(|d| name.eq_ignore_ascii_case(d))
        {
            break;
        }
        if name.eq_ignore_ascii_case("escape") {
            match value.trim() {
                "`" => escape = b'`',
                "\\" => escape = b'\\',
                _ => {}
            }
        }
        li += 1;
    }

    let mut instructions = Vec::new();
    while li < lines.len() {
        let (start, end) = lines[li];
        let line = &text[start..end];
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            li += 1;
            continue;
        }
        let first = end - trimmed.len();
        let mut last = li;
        // Continuation: the line ends in the escape character (then spaces or tabs).
        while continues(bytes, lines[last], escape) && last + 1 < lines.len() {
            last += 1;
            // Comment and blank lines inside a continuation are skipped; if the file ends in
            // them the instruction ends at the last real line.
            while last + 1 < lines.len() && is_blank_or_comment(&text[lines[last].0..lines[last].1])
            {
                last += 1;
            }
        }
        let mut range_end = lines[last].1;
        let keyword_end = first
            + trimmed
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(trimmed.len());
        let keyword = &text[first..keyword_end];
        let args_start = keyword_end + text[keyword_end..range_end].len()
            - text[keyword_end..range_end].trim_start().len();
        let args = TextRange::new(args_start.min(range_end), range_end);
        let mut heredocs = Vec::new();
        li = last + 1;
        if ["RUN", "COPY", "ADD"]
            .iter()
            .any(|k| keyword.eq_ignore_ascii_case(k))
        {
            for (strip_tabs, word) in heredoc_markers(&text[args.start..args.end]) {
                let body_start = lines.get(li).map_or(text.len(), |l| l.0);
                let mut body_end = body_start;
                while li < lines.len() {
                    let (s, e) = lines[li];
                    li += 1;
                    let l = &text[s..e];
                    let l = if strip_tabs {
                        l.trim_start_matches('\t')
                    } else {
                        l
                    };
                    if l == word {
                        range_end = e;
                        break;
                    }
                    body_end = e;
                    range_end = e;
                }
                heredocs.push(TextRange::new(body_start, body_end.max(body_start)));
            }
        }
        instructions.push(Instruction {
            keyword,
            range: TextRange::new(first, range_end),
            args,
            heredocs,
        });
    }

    let stages = stages(text, escape, &instructions);
    Dockerfile {
        text,
        escape,
        instructions,
        stages,
    }
}

/// Each line as (start, end without the line break).
fn physical_lines(text: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            lines.push((start, end));
            start = i + 1;
        }
    }
    if start < text.len() {
        let end = if text.ends_with('\r') {
            text.len() - 1
        } else {
            text.len()
        };
        lines.push((start, end.max(start)));
    }
    lines
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// Whether a line ends in the escape character, then only spaces or tabs.
fn continues(bytes: &[u8], (start, end): (usize, usize), escape: u8) -> bool {
    let line = &bytes[start..end];
    let trimmed = line
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map(|i| &line[..=i])
        .unwrap_or(&[]);
    trimmed.last() == Some(&escape)
}

/// The heredoc words of an instruction line: `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` (not
/// the here-string `<<<`), with whether leading tabs are stripped.
fn heredoc_markers(args: &str) -> Vec<(bool, &str)> {
    let b = args.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i..].starts_with(b"<<") && (i == 0 || b[i - 1] != b'<') && b.get(i + 2) != Some(&b'<')
        {
            let mut j = i + 2;
            let strip = b.get(j) == Some(&b'-');
            if strip {
                j += 1;
            }
            let quote = b.get(j).copied().filter(|q| matches!(q, b'"' | b'\''));
            if quote.is_some() {
                j += 1;
            }
            let word_start = j;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            if j > word_start && (b[word_start].is_ascii_alphabetic() || b[word_start] == b'_') {
                out.push((strip, &args[word_start..j]));
            }
            i = j.max(i + 2);
        } else {
            i += 1;
        }
    }
    out
}

/// A word of an instruction's arguments, shell quotes removed, or a shell operator.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    text: String,
    range: TextRange,
    operator: bool,
}

/// Splits `text[range]` into shell words and operators (`&&`, `||`, `;`, `|`, `&`, `(`, `)`),
/// joining continuation lines (the escape character before a line break) and skipping the
/// comment and blank lines inside them, as the Dockerfile parser does before the shell runs.
fn words(text: &str, range: TextRange, escape: u8) -> Vec<Word> {
    let b = text.as_bytes();
    let end = range.end.min(b.len());
    let mut out: Vec<Word> = Vec::new();
    let mut cur = String::new();
    let mut cur_start: Option<usize> = None;
    let mut cur_end = 0;
    let mut i = range.start;

    fn flush(out: &mut Vec<Word>, cur: &mut String, start: &mut Option<usize>, end: usize) {
        if let Some(s) = start.take() {
            out.push(Word {
                text: std::mem::take(cur),
                range: TextRange::new(s, end),
                operator: false,
            });
        }
    }

    // A continuation at `i`: the escape, spaces or tabs, a line break. Returns where reading
    // resumes (after skipped comment and blank lines).
    let continuation = |i: usize| -> Option<usize> {
        if b.get(i) != Some(&escape) {
            return None;
        }
        let mut j = i + 1;
        while j < end && matches!(b[j], b' ' | b'\t') {
            j += 1;
        }
        if j < end && b[j] == b'\r' {
            j += 1;
        }
        if j < end && b[j] != b'\n' {
            return None;
        }
        j += 1;
        // Skip whole comment or blank lines that follow.
        loop {
            let line_end = b[j.min(end)..end]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(end, |p| j + p);
            if j >= end || !is_blank_or_comment(&text[j..line_end]) {
                break;
            }
            j = line_end + 1;
        }
        Some(j.min(end))
    };

    while i < end {
        if let Some(next) = continuation(i) {
            i = next;
            continue;
        }
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' => {
                flush(&mut out, &mut cur, &mut cur_start, cur_end);
                i += 1;
            }
            b'\n' => {
                flush(&mut out, &mut cur, &mut cur_start, cur_end);
                out.push(Word {
                    text: "\n".into(),
                    range: TextRange::new(i, i + 1),
                    operator: true,
                });
                i += 1;
            }
            b'#' if cur_start.is_none() => {
                // A shell comment: the rest of the joined line.
                flush(&mut out, &mut cur, &mut cur_start, cur_end);
                break;
            }
            b'&' | b'|' | b';' | b'(' | b')' => {
                flush(&mut out, &mut cur, &mut cur_start, cur_end);
                let two = i + 1 < end && b[i + 1] == c && c != b';' && c != b'(' && c != b')';
                let n = if two { 2 } else { 1 };
                out.push(Word {
                    text: text[i..i + n].to_owned(),
                    range: TextRange::new(i, i + n),
                    operator: true,
                });
                i += n;
            }
            b'\'' | b'"' => {
                cur_start.get_or_insert(i);
                let mut j = i + 1;
                while j < end && b[j] != c {
                    if c == b'"' && b[j] == b'\\' && j + 1 < end {
                        j += 1;
                    }
                    j += 1;
                }
                let inner_end = j.min(end);
                let inner = &text[i + 1..inner_end];
                if c == b'"' {
                    let mut chars = inner.chars();
                    while let Some(ch) = chars.next() {
                        if ch == '\\' {
                            if let Some(n) = chars.next() {
                                cur.push(n);
                            }
                        } else {
                            cur.push(ch);
                        }
                    }
                } else {
                    cur.push_str(inner);
                }
                i = (j + 1).min(end);
                cur_end = i;
            }
            b'\\' if i + 1 < end => {
                cur_start.get_or_insert(i);
                let ch = text[i + 1..].chars().next().unwrap_or(' ');
                cur.push(ch);
                i += 1 + ch.len_utf8();
                cur_end = i;
            }
            _ => {
                cur_start.get_or_insert(i);
                let ch = text[i..].chars().next().unwrap_or(' ');
                cur.push(ch);
                i += ch.len_utf8();
                cur_end = i;
            }
        }
    }
    flush(&mut out, &mut cur, &mut cur_start, cur_end);
    out
}

/// The stages, with each `FROM` resolved against the meta `ARG`s and the earlier stage names.
fn stages<'a>(text: &'a str, escape: u8, instructions: &[Instruction<'a>]) -> Vec<Stage<'a>> {
    let mut meta: Vec<(String, Option<String>)> = Vec::new();
    let mut stages: Vec<Stage<'a>> = Vec::new();
    for (index, ins) in instructions.iter().enumerate() {
        if ins.is("ARG") && stages.is_empty() {
            for w in words(text, ins.args, escape)
                .into_iter()
                .filter(|w| !w.operator)
            {
                let (name, value) = match w.text.split_once('=') {
                    Some((n, v)) => (
                        n.to_owned(),
                        Some(expand(v, &meta).unwrap_or_else(|| v.to_owned())),
                    ),
                    None => (w.text.clone(), None),
                };
                meta.retain(|(n, _)| *n != name);
                meta.push((name, value));
            }
            continue;
        }
        if !ins.is("FROM") {
            continue;
        }
        if let Some(last) = stages.last_mut() {
            last.end = index;
        }
        let ws: Vec<Word> = words(text, ins.args, escape)
            .into_iter()
            .filter(|w| !w.operator)
            .collect();
        let mut it = ws.iter().skip_while(|w| w.text.starts_with("--"));
        let image_word = it.next();
        let name = match (it.next(), it.next()) {
            (Some(as_), Some(n)) if as_.text.eq_ignore_ascii_case("as") => {
                Some((&text[n.range.start..n.range.end], n.range))
            }
            _ => None,
        };
        let from = match image_word {
            None => FromLine {
                written: "",
                range: TextRange::empty(ins.args.start),
                image: Cow::Borrowed(""),
                substituted: false,
                base: Base::Unresolved,
            },
            Some(w) => {
                let written = &text[w.range.start..w.range.end];
                let expanded = if w.text.contains('$') {
                    expand(&w.text, &meta)
                } else {
                    Some(w.text.clone())
                };
                let substituted = expanded.as_deref() != Some(written);
                let image: Cow<'a, str> = match &expanded {
                    Some(e) if e == written => Cow::Borrowed(written),
                    Some(e) => Cow::Owned(e.clone()),
                    None => Cow::Borrowed(written),
                };
                let base = match &expanded {
                    None => Base::Unresolved,
                    Some(e) if e.is_empty() => Base::Unresolved,
                    Some(e) => match stages
                        .iter()
                        .position(|s| s.name.is_some_and(|(n, _)| n.eq_ignore_ascii_case(e)))
                    {
                        Some(j) => Base::Stage(j),
                        None if e == "scratch" => Base::Scratch,
                        None => Base::Image,
                    },
                };
                FromLine {
                    written,
                    range: w.range,
                    image,
                    substituted,
                    base,
                }
            }
        };
        stages.push(Stage {
            from,
            name,
            instruction: index,
            end: instructions.len(),
        });
    }
    stages
}

/// `shell/lex.go` expansion of `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`,
/// `${NAME:+word}`, `${NAME+word}` against the meta args; `None` when a variable has no known
/// value or the form is one this reader does not evaluate.
fn expand(word: &str, args: &[(String, Option<String>)]) -> Option<String> {
    let lookup = |name: &str| -> Option<Option<&str>> {
        args.iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref())
    };
    let mut out = String::new();
    let mut rest = word;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(inner) = after.strip_prefix('{') {
            let close = inner.find('}')?;
            let expr = &inner[..close];
            rest = &inner[close + 1..];
            let name_len = expr
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            let (name, op) = expr.split_at(name_len);
            if name.is_empty() {
                return None;
            }
            let value = lookup(name);
            let set = value.is_some_and(|v| v.is_some());
            let non_empty = value.flatten().is_some_and(|v| !v.is_empty());
            let v = value.flatten();
            match op {
                "" => out.push_str(v?),
                _ if op.starts_with(":-") => out.push_str(if non_empty { v? } else { &op[2..] }),
                _ if op.starts_with('-') => out.push_str(if set { v? } else { &op[1..] }),
                _ if op.starts_with(":+") => out.push_str(if non_empty { &op[2..] } else { "" }),
                _ if op.starts_with('+') => out.push_str(if set { &op[1..] } else { "" }),
                _ => return None,
            }
        } else {
            let n = after
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            if n == 0 {
                return None;
            }
            out.push_str(lookup(&after[..n])??);
            rest = &after[n..];
        }
    }
    out.push_str(rest);
    Some(out)
}

/// Options of apt-get / apt that take a separate argument (apt-get(8): `-o`, `-c`, `-t`).
const APT_OPTIONS_WITH_ARGUMENT: &[&str] = &[
    "-o",
    "-c",
    "-t",
    "--option",
    "--config-file",
    "--target-release",
    "--default-release",
];

impl<'a> Dockerfile<'a> {
    /// The size Azure ML measures, in bytes (AML018).
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether the Dockerfile is over Azure ML's limit ([`MAX_BYTES`]).
    pub fn is_over_limit(&self) -> bool {
        self.len() > MAX_BYTES
    }

    /// The `FROM` lines that name images (not stages, not `scratch`, not unresolved variables).
    pub fn images(&self) -> impl Iterator<Item = &FromLine<'a>> {
        self.stages
            .iter()
            .map(|s| &s.from)
            .filter(|f| f.base == Base::Image)
    }

    /// Every `apt-get install` / `apt install` in a `RUN` (shell form) of a stage.
    pub fn apt_installs(&self) -> Vec<AptInstall> {
        let mut out = Vec::new();
        for (si, stage) in self.stages.iter().enumerate() {
            for ins in &self.instructions[stage.instruction + 1..stage.end] {
                if !ins.is("RUN") {
                    continue;
                }
                let ws = words(self.text, ins.args, self.escape);
                for command in ws.split(|w| w.operator) {
                    if let Some(install) = apt_install(command) {
                        out.push(AptInstall {
                            stage: si,
                            ..install
                        });
                    }
                }
            }
        }
        out
    }

    /// AML017: each stage whose base is a Debian or Ubuntu release with a separate
    /// `python3-distutils` package ([`Distutils::Separate`]) and that installs the interpreter
    /// ([`PYTHON_PACKAGES`]) with apt, while neither it nor a stage it builds on installs a
    /// package that brings distutils ([`DISTUTILS_PROVIDERS`]). One fact per stage, at its first
    /// such install. Unknown bases are silent.
    pub fn distutils_traps(&self) -> Vec<DistutilsTrap> {
        let installs = self.apt_installs();
        let mut out = Vec::new();
        for si in 0..self.stages.len() {
            let chain = self.chain(si);
            let root = &self.stages[*chain.last().unwrap_or(&si)].from;
            let Some(release) = root
                .image_ref()
                .and_then(Result::ok)
                .and_then(|r| release_of(&r))
            else {
                continue;
            };
            if release.distutils != Distutils::Separate {
                continue;
            }
            let in_chain = || installs.iter().filter(|i| chain.contains(&i.stage));
            if in_chain().any(|i| i.packages.iter().any(|(n, _)| provides_distutils(n))) {
                continue;
            }
            let trap = installs.iter().filter(|i| i.stage == si).find_map(|i| {
                let (name, range) = i.packages.iter().find(|(n, _)| is_python_package(n))?;
                Some((i.command, *range, name.clone()))
            });
            if let Some((install, package, package_name)) = trap {
                out.push(DistutilsTrap {
                    stage: si,
                    from: root.range,
                    release,
                    install,
                    package,
                    package_name,
                });
            }
        }
        out
    }

    /// The stage and the stages it builds on, nearest first.
    fn chain(&self, mut si: usize) -> Vec<usize> {
        let mut chain = vec![si];
        while let Base::Stage(j) = self.stages[si].from.base {
            if j >= si || chain.contains(&j) {
                break;
            }
            chain.push(j);
            si = j;
        }
        chain
    }
}

/// An `apt-get install …` / `apt install …` command (after `sudo` and `NAME=value`
/// assignments), or `None`.
fn apt_install(command: &[Word]) -> Option<AptInstall> {
    let mut it = command.iter().skip_while(|w| {
        w.text == "sudo"
            || w.text == "env"
            || w.text.split_once('=').is_some_and(|(n, _)| is_name(n))
    });
    let program = it.next()?;
    let tool = program.text.rsplit('/').next().unwrap_or("");
    if tool != "apt-get" && tool != "apt" {
        return None;
    }
    let rest: Vec<&Word> = it.collect();
    let mut i = 0;
    let mut subcommand = None;
    let mut packages = Vec::new();
    while i < rest.len() {
        let w = rest[i];
        if w.text.starts_with('-') {
            if APT_OPTIONS_WITH_ARGUMENT.contains(&w.text.as_str()) {
                i += 1;
            }
        } else if subcommand.is_none() {
            subcommand = Some(w.text.as_str());
        } else {
            let name = w.text.split(['=', '/']).next().unwrap_or("");
            let name = name.split(':').next().unwrap_or(name);
            if !name.is_empty() {
                packages.push((name.to_owned(), w.range));
            }
        }
        i += 1;
    }
    if subcommand != Some("install") {
        return None;
    }
    let last = command.last()?;
    Some(AptInstall {
        stage: 0,
        command: TextRange::new(program.range.start, last.range.end),
        packages,
    })
}

/// The apt packages of the interpreter that leave distutils out on a [`Distutils::Separate`]
/// release: `python3` (the seed guide's case; its fix is `apt-get install -y
/// --no-install-recommends python3 python3-distutils`), `python3-minimal` and the versioned
/// `python3.N` (their `Depends` do not name `python3-distutils`: packages.ubuntu.com jammy
/// `python3-distutils` is a separate package of source `python3-stdlib-extensions`).
pub const PYTHON_PACKAGES: &[&str] = &["python3", "python3-minimal"];

/// Packages that bring distutils: `python3-distutils` itself, `python3.N-distutils` (virtual
/// packages it provides, packages.debian.org bookworm `python3.11-distutils`),
/// `python3-setuptools` ("dep: python3-distutils", packages.ubuntu.com focal and jammy) and
/// `python3-pip`, which pulls it in through its dependencies (bionic: the offline install of
/// `python3-pip_9.0.1-2` needs `python3-distutils_3.6.5-3`; focal and jammy through
/// `python3-setuptools`). RULES.md names `python3-pip` among the triggers; by this evidence a
/// `python3-pip` install brings distutils, so it is a provider here (see the report).
pub const DISTUTILS_PROVIDERS: &[&str] =
    &["python3-distutils", "python3-setuptools", "python3-pip"];

fn is_python_package(name: &str) -> bool {
    PYTHON_PACKAGES.contains(&name)
        || name
            .strip_prefix("python3.")
            .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
}

fn provides_distutils(name: &str) -> bool {
    DISTUTILS_PROVIDERS.contains(&name)
        || name
            .strip_prefix("python3.")
            .and_then(|r| r.split_once('-'))
            .is_some_and(|(v, s)| {
                s == "distutils" && !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())
            })
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !s.as_bytes()[0].is_ascii_digit()
}

/// Which Linux distribution an image is built on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distro {
    Ubuntu,
    Debian,
}

/// How a release ships Python's `distutils`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distutils {
    /// Inside the Python standard library package: nothing to install.
    Stdlib,
    /// As the separate package `python3-distutils`: `python3` alone lacks it, the trap.
    Separate,
    /// Nowhere (Python 3.12 removed distutils, PEP 632): no `python3-distutils` to suggest.
    Absent,
}

/// A Debian or Ubuntu release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Release {
    pub distro: Distro,
    /// `22.04`, `12`.
    pub version: &'static str,
    pub codename: &'static str,
    pub distutils: Distutils,
}

/// The releases this reader knows, and how each ships distutils. Evidence:
/// - `python3-distutils` as its own package (source `python3-stdlib-extensions`): Ubuntu focal
///   3.8.10-0ubuntu1~20.04 and jammy 3.10.8-1~22.04 (packages.ubuntu.com/focal-updates and
///   /jammy/python3-distutils, whose release lists stop at jammy: none in noble or later);
///   bionic 3.6.5-3 (archive.ubuntu.com pool `python3-distutils_3.6.5-3_all.deb`); Debian
///   bullseye and bookworm 3.11.2-3 (packages.debian.org/bookworm/python3-distutils, listed for
///   bullseye and bookworm only: none in trixie); buster 3.7.3 (from memory of the archive: the
///   split came with python3-stdlib-extensions in 2018, after stretch).
/// - Ubuntu 24.04 and later, Debian 13 (trixie) and later have Python 3.12+, which has no
///   distutils at all (PEP 632; CPython removed `Lib/distutils` in 3.12).
/// - Ubuntu 16.04 and Debian 9 (Python 3.5) kept distutils in `libpython3.5-stdlib`.
///
/// Interim Ubuntu releases after 22.04 are left out (RULES.md: "through 22.04"): unknown.
const RELEASES: &[Release] = &[
    rel(Distro::Ubuntu, "14.04", "trusty", Distutils::Stdlib),
    rel(Distro::Ubuntu, "16.04", "xenial", Distutils::Stdlib),
    rel(Distro::Ubuntu, "18.04", "bionic", Distutils::Separate),
    rel(Distro::Ubuntu, "18.10", "cosmic", Distutils::Separate),
    rel(Distro::Ubuntu, "19.04", "disco", Distutils::Separate),
    rel(Distro::Ubuntu, "19.10", "eoan", Distutils::Separate),
    rel(Distro::Ubuntu, "20.04", "focal", Distutils::Separate),
    rel(Distro::Ubuntu, "20.10", "groovy", Distutils::Separate),
    rel(Distro::Ubuntu, "21.04", "hirsute", Distutils::Separate),
    rel(Distro::Ubuntu, "21.10", "impish", Distutils::Separate),
    rel(Distro::Ubuntu, "22.04", "jammy", Distutils::Separate),
    rel(Distro::Ubuntu, "24.04", "noble", Distutils::Absent),
    rel(Distro::Ubuntu, "24.10", "oracular", Distutils::Absent),
    rel(Distro::Ubuntu, "25.04", "plucky", Distutils::Absent),
    rel(Distro::Ubuntu, "25.10", "questing", Distutils::Absent),
    rel(Distro::Ubuntu, "26.04", "resolute", Distutils::Absent),
    rel(Distro::Debian, "8", "jessie", Distutils::Stdlib),
    rel(Distro::Debian, "9", "stretch", Distutils::Stdlib),
    rel(Distro::Debian, "10", "buster", Distutils::Separate),
    rel(Distro::Debian, "11", "bullseye", Distutils::Separate),
    rel(Distro::Debian, "12", "bookworm", Distutils::Separate),
    rel(Distro::Debian, "13", "trixie", Distutils::Absent),
    rel(Distro::Debian, "14", "forky", Distutils::Absent),
];

const fn rel(
    distro: Distro,
    version: &'static str,
    codename: &'static str,
    distutils: Distutils,
) -> Release {
    Release {
        distro,
        version,
        codename,
        distutils,
    }
}

/// The Debian or Ubuntu release an image is built on, from its name and tag:
/// - the official images: `ubuntu:22.04`, `ubuntu:jammy`, `ubuntu:jammy-20240101`,
///   `debian:12`, `debian:bookworm-slim` (`latest`, `rolling`, `stable` move: unknown);
/// - otherwise a release written in the image's last path component or tag, as Microsoft,
///   NVIDIA, the Python and the Rocker images do: `…/openmpi4.1.0-ubuntu20.04`,
///   `nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04`, `…/stable-ubuntu2204-…`,
///   `rocker/tidyverse:4.0.0-ubuntu18.04`, `python:3.10-slim-bookworm`.
///
/// `None` when nothing says (`python:3.8`, `mcr.microsoft.com/openjdk/jdk:11-ubuntu`).
pub fn release_of(image: &ImageRef) -> Option<Release> {
    let tag = image.tag.unwrap_or("");
    let first = tag.split(['-', '.']).next().unwrap_or("");
    match &*image.repository() {
        "library/ubuntu" if image.domain() == "docker.io" => {
            return by_codename(Distro::Ubuntu, first).or_else(|| {
                let v = tag.get(..5)?;
                RELEASES
                    .iter()
                    .find(|r| r.distro == Distro::Ubuntu && r.version == v)
                    .copied()
            });
        }
        "library/debian" if image.domain() == "docker.io" => {
            let number = tag.split(['-', '.']).next().unwrap_or("");
            return by_codename(Distro::Debian, first).or_else(|| {
                RELEASES
                    .iter()
                    .find(|r| r.distro == Distro::Debian && r.version == number)
                    .copied()
            });
        }
        _ => {}
    }
    let text = format!("{}:{}", image.short_name(), tag);
    let tokens: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .collect();
    for token in &tokens {
        if let Some(v) = token.strip_prefix("ubuntu") {
            // `ubuntu20.04`, `ubuntu2004`
            let digits: String = v.chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.len() == 4 && (v.len() == 4 || v.len() == 5) {
                let version = format!("{}.{}", &digits[..2], &digits[2..]);
                if let Some(r) = RELEASES
                    .iter()
                    .find(|r| r.distro == Distro::Ubuntu && r.version == version)
                {
                    return Some(*r);
                }
            }
        }
        for distro in [Distro::Ubuntu, Distro::Debian] {
            if let Some(r) = by_codename(distro, token) {
                return Some(r);
            }
        }
    }
    None
}

fn by_codename(distro: Distro, word: &str) -> Option<Release> {
    RELEASES
        .iter()
        .find(|r| r.distro == distro && r.codename == word)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, r: TextRange) -> &str {
        &text[r.start..r.end]
    }

    fn images(text: &str) -> Vec<String> {
        read(text).images().map(|f| f.image.to_string()).collect()
    }

    /// Azure/azureml-examples `cli/jobs/pipelines-with-components/basics/6c_r_iris/docker-context/Dockerfile`
    /// (and `sdk/python/jobs/pipelines/1d_pipeline_with_non_python_components/docker_context/Dockerfile`).
    const R_IRIS: &str = "FROM rocker/tidyverse:4.0.0-ubuntu18.04\n\n# Install python\nRUN apt-get update -qq && \\\n apt-get install -y python3-pip tcl tk libz-dev libpng-dev\n\nRUN ln -f /usr/bin/python3 /usr/bin/python\nRUN pip install -U pip\n";

    /// Azure/azureml-examples `cli/jobs/single-step/julia/iris/docker-context/Dockerfile` (head).
    const JULIA: &str = "FROM mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04\nENV DEBIAN_FRONTEND=noninteractive\n\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends \\\n\t\tca-certificates \\\n# ERROR: no download agent available; install curl, wget, or fetch\n\t\tcurl \\\n\t; \\\n\trm -rf /var/lib/apt/lists/*\n\nENV JULIA_PATH /usr/local/julia\n";

    /// Azure/azureml-examples `cli/jobs/single-step/gpu_perf/environments/azureml/Dockerfile` (excerpt).
    const GPU_PERF: &str = "# Adding NCCL tests on top of AzureML curated environment\n\n# check release notes https://github.com/Azure/AzureML-Containers/blob/master/base/gpu/openmpi4.1.0-cuda11.1-cudnn8-ubuntu18.04/release-notes.md\nFROM mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu18.04:latest\n\n# set env var to find nccl rdma plugins inside this container\nENV LD_LIBRARY_PATH=\"${LD_LIBRARY_PATH}:/usr/local/nccl-rdma-sharp-plugins/lib\"\n\n# for lstopo\nRUN apt update && \\\n    apt install hwloc -y && \\\n    rm -rf /var/lib/apt/lists/*\n";

    /// Azure/azureml-examples `cli/jobs/single-step/java/iris/src/main/resources/Docker/Dockerfile` (excerpt).
    const JAVA: &str = "FROM mcr.microsoft.com/openjdk/jdk:11-ubuntu\n\nARG MAVEN_VERSION=3.8.4\nARG USER_HOME_DIR=\"/root\"\nARG BASE_URL=https://apache.osuosl.org/maven/maven-3/${MAVEN_VERSION}/binaries\n\nRUN apt-get update \\\n    && apt-get install -y curl git \\\n    && rm -rf /var/lib/apt/lists/*\n";

    /// Azure/azureml-examples `cli/endpoints/online/custom-container/mlflow/multideployment-scikit/mlflow.dockerfile` (excerpt).
    const MLFLOW: &str = "FROM mcr.microsoft.com/azureml/curated/mlflow-py312-inference:latest\n\nUSER dockeruser\n\nARG MLFLOW_MODEL_NAME=model_name\n\nCOPY $MLFLOW_MODEL_NAME/model/conda.yaml /tmp/conda.yaml\nRUN conda env create -n userenv -f /tmp/conda.yaml && \\\n    export SERVER_VERSION=$(pip show azureml-inference-server-http | grep Version | sed -e 's/.*: //')  && \\ \n    $CONDA_ENV_DIR/userenv/bin/pip install azureml-inference-server-http==$SERVER_VERSION\n\nEXPOSE 5001\nCMD [\"runsvdir\", \"/var/runit\"]";

    /// Azure/azureml-examples `.devcontainer/Dockerfile` (head): a leading blank line.
    const DEVCONTAINER: &str =
        "\nFROM ubuntu:18.04\n# System packages \nRUN apt-get update && apt-get install -y curl\n";

    /// Azure/azureml-examples `cli/jobs/single-step/r/accidents/docker-context/Dockerfile` (head).
    const R_ACCIDENTS: &str = "FROM rocker/tidyverse:latest\n\n# Install python\nRUN apt-get update -qq && \\\n apt-get install -y python3-pip tcl tk libz-dev libpng-dev && \\\n apt-get install -y python3-venv\n";

    /// One-line Dockerfiles of Azure/azureml-examples: their `FROM` lines.
    const ONE_LINERS: &[(&str, &str)] = &[
        ("cli/endpoints/online/custom-container/tfserving/half-plus-two/tfserving.dockerfile", "FROM tensorflow/serving"),
        ("cli/endpoints/online/custom-container/triton/single-model/triton-cc.dockerfile", "FROM nvcr.io/nvidia/tritonserver:21.08-py3"),
        ("cli/endpoints/online/custom-container/torchserve/densenet/torchserve.dockerfile", "FROM pytorch/torchserve:latest-cpu"),
        ("cli/jobs/deepspeed/deepspeed-training/docker-context/Dockerfile", "FROM mcr.microsoft.com/azureml/curated/acpt-pytorch-1.11-py38-cuda11.3-gpu:latest"),
        ("cli/foundation-models/system/inference/text-to-image/scoring-files/docker_env/Dockerfile", "FROM mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20230620.v1"),
        ("sdk/python/jobs/grpo/environment/Dockerfile", "FROM mcr.microsoft.com/aifx/acpt/stable-ubuntu2204-cu124-py310-torch251:biweekly.202505.1"),
        ("cli/jobs/pipelines-with-components/nyc_taxi_data_regression/env_train/Dockerfile", "FROM python:3.8.13"),
        ("best-practices/largescale-deep-learning/Training/Bert-Pretrain/src/environment/context/Dockerfile", "FROM ptebic.azurecr.io/public/azureml/aifx/stable-ubuntu2004-cu117-py38-torch1131:biweekly.202301.2"),
    ];

    #[test]
    fn real_from_lines_are_valid_images_with_exact_ranges() {
        for (path, line) in ONE_LINERS {
            let text = format!("{line}\nRUN echo hi\n");
            let d = read(&text);
            assert_eq!(d.stages.len(), 1, "{path}");
            let from = &d.stages[0].from;
            assert_eq!(at(&text, from.range), &line[5..], "{path}");
            assert!(from.image_ref().unwrap().is_ok(), "{path}");
            assert!(!from.substituted);
        }
        for (text, image) in [
            (R_IRIS, "rocker/tidyverse:4.0.0-ubuntu18.04"),
            (JAVA, "mcr.microsoft.com/openjdk/jdk:11-ubuntu"),
            (DEVCONTAINER, "ubuntu:18.04"),
        ] {
            assert_eq!(images(text), [image]);
            let d = read(text);
            assert_eq!(at(text, d.stages[0].from.range), image);
        }
        let d = read(GPU_PERF);
        assert_eq!(
            d.instructions[0].keyword, "FROM",
            "comment lines are not instructions"
        );
        assert_eq!(
            images(GPU_PERF),
            ["mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu18.04:latest"]
        );
        let d = read(MLFLOW);
        assert_eq!(
            d.instructions.iter().map(|i| i.keyword).collect::<Vec<_>>(),
            ["FROM", "USER", "ARG", "COPY", "RUN", "EXPOSE", "CMD"]
        );
        assert_eq!(d.stages[0].end, d.instructions.len());
    }

    #[test]
    fn apt_installs_across_continuations_comments_and_chains() {
        let d = read(R_IRIS);
        let installs = d.apt_installs();
        assert_eq!(installs.len(), 1);
        let names: Vec<&str> = installs[0]
            .packages
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(
            names,
            ["python3-pip", "tcl", "tk", "libz-dev", "libpng-dev"]
        );
        assert_eq!(
            at(R_IRIS, installs[0].command),
            "apt-get install -y python3-pip tcl tk libz-dev libpng-dev"
        );
        assert_eq!(at(R_IRIS, installs[0].packages[0].1), "python3-pip");

        // A comment line inside the continuation, tabs, `;` chains.
        let d = read(JULIA);
        let installs = d.apt_installs();
        assert_eq!(installs.len(), 1);
        let names: Vec<&str> = installs[0]
            .packages
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(names, ["ca-certificates", "curl"]);
        assert!(at(JULIA, installs[0].command)
            .starts_with("apt-get install -y --no-install-recommends \\\n"));
        assert!(at(JULIA, installs[0].command).ends_with("curl"));

        // `apt install hwloc -y`: options after the packages.
        let installs = read(GPU_PERF).apt_installs();
        assert_eq!(
            installs[0]
                .packages
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>(),
            ["hwloc"]
        );

        let installs = read(R_ACCIDENTS).apt_installs();
        assert_eq!(installs.len(), 2);
        assert_eq!(installs[1].packages[0].0, "python3-venv");

        // Versions, releases, sudo, env assignments, `-o` with its argument, quotes.
        let text = "FROM ubuntu:20.04\nRUN DEBIAN_FRONTEND=noninteractive sudo apt-get -o Dpkg::Options::=--force-confnew -q install -y 'python3=3.8.2-0ubuntu2' python3-pip/focal \"curl\"\n";
        let installs = read(text).apt_installs();
        let names: Vec<&str> = installs[0]
            .packages
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(names, ["python3", "python3-pip", "curl"]);
        assert_eq!(
            at(text, installs[0].packages[0].1),
            "'python3=3.8.2-0ubuntu2'"
        );
        // Not installs.
        let text = "FROM ubuntu:20.04\nRUN apt-get update && apt-get remove -y python3 && echo apt-get install python3 && apt-cache show python3\n";
        assert!(read(text).apt_installs().is_empty());
    }

    #[test]
    fn the_distutils_trap() {
        // The seed guide's case: python3 alone on 20.04; the guide's fix line is clean.
        let text = "FROM mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20230620.v1\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends python3 && \\\n    rm -rf /var/lib/apt/lists/*\n";
        let traps = read(text).distutils_traps();
        assert_eq!(traps.len(), 1);
        let t = &traps[0];
        assert_eq!(
            at(text, t.from),
            "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20230620.v1"
        );
        assert_eq!(
            at(text, t.install),
            "apt-get install -y --no-install-recommends python3"
        );
        assert_eq!(at(text, t.package), "python3");
        assert_eq!((t.release.codename, t.release.version), ("focal", "20.04"));
        let fixed = text.replace(
            "--no-install-recommends python3 ",
            "--no-install-recommends python3 python3-distutils ",
        );
        assert!(read(&fixed).distutils_traps().is_empty());

        for base in [
            "ubuntu:22.04",
            "ubuntu:jammy",
            "nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04",
            "debian:bullseye",
            "python:3.10-slim-bookworm",
            "ubuntu:18.04",
        ] {
            let text = format!("FROM {base}\nRUN apt-get install -y python3\n");
            assert_eq!(read(&text).distutils_traps().len(), 1, "{base}");
        }
        // No python3-distutils there: Ubuntu 24.04, Debian trixie; distutils in the stdlib: 16.04;
        // unknown bases: silent.
        for base in [
            "ubuntu:24.04",
            "ubuntu:noble",
            "debian:trixie",
            "ubuntu:16.04",
            "python:3.8",
            "ubuntu:latest",
            "rocker/tidyverse:latest",
            "mcr.microsoft.com/openjdk/jdk:11-ubuntu",
            "$BASE",
        ] {
            let text = format!("FROM {base}\nRUN apt-get install -y python3\n");
            assert!(read(&text).distutils_traps().is_empty(), "{base}");
        }
        // python3-pip and python3-setuptools bring distutils (see DISTUTILS_PROVIDERS): the real
        // R_IRIS Dockerfile installs python3-pip on 18.04 and is not reported.
        assert!(read(R_IRIS).distutils_traps().is_empty());
        assert!(
            read("FROM ubuntu:22.04\nRUN apt-get install -y python3 python3-setuptools\n")
                .distutils_traps()
                .is_empty()
        );
        assert!(
            read("FROM ubuntu:22.04\nRUN apt-get install -y python3 python3.10-distutils\n")
                .distutils_traps()
                .is_empty()
        );
        // Through stages: the release comes from the root stage; a parent's python3-distutils counts.
        let text = "FROM ubuntu:20.04 AS base\nRUN apt-get install -y curl\nFROM base\nRUN apt-get install -y python3\n";
        let traps = read(text).distutils_traps();
        assert_eq!(traps.len(), 1);
        assert_eq!(
            (traps[0].stage, at(text, traps[0].from)),
            (1, "ubuntu:20.04")
        );
        let text = "FROM ubuntu:20.04 AS base\nRUN apt-get install -y python3-distutils\nFROM base\nRUN apt-get install -y python3\n";
        assert!(read(text).distutils_traps().is_empty());
        // A later RUN of the same stage that adds it is enough.
        assert!(read("FROM ubuntu:20.04\nRUN apt-get install -y python3\nRUN apt-get install -y python3-distutils\n").distutils_traps().is_empty());
    }

    #[test]
    fn releases_from_image_names() {
        let release =
            |s: &str| release_of(&image::parse(s).unwrap()).map(|r| (r.codename, r.distutils));
        use Distutils::*;
        assert_eq!(release("ubuntu:20.04"), Some(("focal", Separate)));
        assert_eq!(release("ubuntu:jammy-20240101"), Some(("jammy", Separate)));
        assert_eq!(release("library/ubuntu:22.04"), Some(("jammy", Separate)));
        assert_eq!(
            release("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04"),
            Some(("focal", Separate))
        );
        assert_eq!(
            release("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest"),
            Some(("jammy", Separate))
        );
        assert_eq!(
            release("mcr.microsoft.com/azureml/openmpi5.0-cuda12.4-ubuntu22.04:latest"),
            Some(("jammy", Separate))
        );
        assert_eq!(
            release("nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04"),
            Some(("jammy", Separate))
        );
        assert_eq!(release("mcr.microsoft.com/aifx/acpt/stable-ubuntu2204-cu124-py310-torch251:biweekly.202505.1"), Some(("jammy", Separate)));
        assert_eq!(
            release("rocker/tidyverse:4.0.0-ubuntu18.04"),
            Some(("bionic", Separate))
        );
        assert_eq!(release("debian:bullseye"), Some(("bullseye", Separate)));
        assert_eq!(release("debian:12-slim"), Some(("bookworm", Separate)));
        assert_eq!(
            release("debian:bookworm-slim"),
            Some(("bookworm", Separate))
        );
        assert_eq!(
            release("python:3.10-slim-bookworm"),
            Some(("bookworm", Separate))
        );
        assert_eq!(release("python:3.12-slim-trixie"), Some(("trixie", Absent)));
        assert_eq!(release("ubuntu:24.04"), Some(("noble", Absent)));
        assert_eq!(release("ubuntu:16.04"), Some(("xenial", Stdlib)));
        assert_eq!(
            release("mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu18.04:latest"),
            Some(("bionic", Separate))
        );
        for unknown in [
            "python:3.8",
            "ubuntu",
            "ubuntu:latest",
            "debian:stable",
            "mcr.microsoft.com/openjdk/jdk:11-ubuntu",
            "rocker/tidyverse:latest",
            "nvcr.io/nvidia/pytorch:22.02-py3",
            "myorg/ubuntu:20.04",
        ] {
            assert_eq!(release(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn stages_scratch_and_arg_substitution() {
        let text = "ARG BASE=ubuntu:22.04\nARG TAG\nFROM --platform=linux/amd64 $BASE AS Build\nRUN make\nFROM build\nFROM scratch\nFROM ${BASE}\nFROM ubuntu:${TAG}\nFROM ubuntu:${TAG:-20.04} as last\n";
        let d = read(text);
        let bases: Vec<Base> = d.stages.iter().map(|s| s.from.base).collect();
        assert_eq!(
            bases,
            [
                Base::Image,
                Base::Stage(0),
                Base::Scratch,
                Base::Image,
                Base::Unresolved,
                Base::Image
            ]
        );
        let first = &d.stages[0].from;
        assert_eq!(
            (first.written, &*first.image, first.substituted),
            ("$BASE", "ubuntu:22.04", true)
        );
        assert_eq!(at(text, first.range), "$BASE");
        assert_eq!(d.stages[0].name.map(|n| n.0), Some("Build"));
        assert_eq!(&*d.stages[5].from.image, "ubuntu:20.04");
        assert_eq!(d.stages[5].name.map(|n| n.0), Some("last"));
        assert_eq!(
            images(text),
            ["ubuntu:22.04", "ubuntu:22.04", "ubuntu:20.04"]
        );
        // A substituted image labels its whole word; a written one labels the exact part.
        let tag = |f: &FromLine| f.image_ref().unwrap().unwrap().tag_range.unwrap();
        assert_eq!(first.label(tag(first)), first.range);
        let text2 = "FROM ubuntu:22.04\n";
        let d2 = read(text2);
        assert_eq!(
            at(text2, d2.stages[0].from.label(tag(&d2.stages[0].from))),
            "22.04"
        );
        // ARG after the first FROM does not reach later FROM lines; a stage named later is an image.
        let text =
            "FROM ubuntu:22.04\nARG LATE=debian:12\nFROM $LATE\nFROM later\nFROM alpine AS later\n";
        let bases: Vec<Base> = read(text).stages.iter().map(|s| s.from.base).collect();
        assert_eq!(
            bases,
            [Base::Image, Base::Unresolved, Base::Image, Base::Image]
        );
        // Quoted ARG defaults, one ARG with two names, a default built from another.
        let text = "ARG REG=\"mcr.microsoft.com\" IMG='azureml/openmpi4.1.0-ubuntu22.04'\nARG FULL=${REG}/${IMG}\nFROM ${FULL}:latest\n";
        assert_eq!(
            images(text),
            ["mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest"]
        );
        assert_eq!(read("FROM\n").stages[0].from.base, Base::Unresolved);
    }

    #[test]
    fn directives_escape_case_crlf_and_heredocs() {
        let text = "# syntax=docker/dockerfile:1\n# escape=`\n\nfrom mcr.microsoft.com/windows/servercore:ltsc2022 `\n  AS win\nRUN dir c:\\ `\n  && apt-get install -y python3\n";
        let d = read(text);
        assert_eq!(d.escape, b'`');
        assert_eq!(d.instructions.len(), 2);
        assert_eq!(d.stages[0].name.map(|n| n.0), Some("win"));
        assert_eq!(read(text).apt_installs()[0].packages[0].0, "python3");
        // A directive after a comment is a comment: the escape stays `\`.
        let d = read("# a comment\n# escape=`\nFROM ubuntu:22.04\n");
        assert_eq!(d.escape, b'\\');
        // CRLF line ends, lower-case keywords, continuation with trailing spaces.
        let text =
            "from ubuntu:22.04\r\nrun apt-get update && \\  \r\n  apt-get install -y python3\r\n";
        let d = read(text);
        assert_eq!(at(text, d.stages[0].from.range), "ubuntu:22.04");
        assert_eq!(d.apt_installs()[0].packages[0].0, "python3");
        assert_eq!(d.distutils_traps().len(), 1);
        // A heredoc body is skipped: the `FROM` inside it is no instruction.
        let text = "FROM ubuntu:22.04\nRUN <<EOF\napt-get update\nFROM evil:image\nEOF\nRUN <<-'END' cat\n\tFROM x\n\tEND\nFROM debian:12\n";
        let d = read(text);
        assert_eq!(
            d.instructions.iter().map(|i| i.keyword).collect::<Vec<_>>(),
            ["FROM", "RUN", "RUN", "FROM"]
        );
        assert_eq!(images(text), ["ubuntu:22.04", "debian:12"]);
        assert_eq!(
            at(text, d.instructions[1].heredocs[0]),
            "apt-get update\nFROM evil:image"
        );
        // An unterminated heredoc runs to the end and never panics.
        let d = read("FROM ubuntu\nRUN <<EOF\nFROM x\n");
        assert_eq!(d.stages.len(), 1);
        // `<<<` is a here-string, not a heredoc.
        assert_eq!(read("FROM a\nRUN cat <<<EOF\nFROM b\n").stages.len(), 2);
    }

    #[test]
    fn size_limit() {
        assert_eq!(MAX_BYTES, 102_400);
        let small = read(R_IRIS);
        assert_eq!(small.len(), R_IRIS.len());
        assert!(!small.is_over_limit());
        let big = format!(
            "FROM ubuntu:22.04\n{}",
            "RUN echo 0123456789012345678901234567890123456789\n".repeat(2100)
        );
        assert!(read(&big).is_over_limit());
        let exact = "#".repeat(MAX_BYTES);
        assert!(!read(&exact).is_over_limit());
    }

    /// Property: reading never panics and every range lies on character boundaries.
    #[test]
    fn never_panics_on_arbitrary_text() {
        use proptest::prelude::*;
        let pieces = prop::collection::vec(
            prop::sample::select(vec![
                "FROM ",
                "from ",
                "RUN ",
                "ARG ",
                "AS ",
                "as ",
                "\\",
                "`",
                "\n",
                "\r\n",
                " ",
                "\t",
                "#",
                "# escape=`\n",
                "<<EOF",
                "<<-X",
                "EOF",
                "$",
                "${",
                "}",
                ":-",
                "=",
                "\"",
                "'",
                "&&",
                ";",
                "|",
                "apt-get ",
                "install ",
                "python3 ",
                "-y ",
                "ubuntu:22.04",
                "scratch",
                "é",
                "ü\\",
                "stage",
                "--platform=x ",
            ]),
            0..40,
        );
        proptest!(ProptestConfig::with_cases(3000), |(parts in pieces)| {
            check(&parts.concat());
        });
        proptest!(ProptestConfig::with_cases(1000), |(s in any::<String>())| {
            check(&s);
        });
    }

    fn check(text: &str) {
        let inside = |r: TextRange| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        let d = read(text);
        for i in &d.instructions {
            assert!(inside(i.range) && inside(i.args), "{text:?}");
            assert!(i.heredocs.iter().all(|h| inside(*h)), "{text:?}");
        }
        for s in &d.stages {
            assert!(inside(s.from.range), "{text:?}");
            if let Some(Ok(r)) = s.from.image_ref() {
                assert!(inside(s.from.label(r.path_range)), "{text:?}");
            }
        }
        for i in d.apt_installs() {
            assert!(
                inside(i.command) && i.packages.iter().all(|(_, r)| inside(*r)),
                "{text:?}"
            );
        }
        for t in d.distutils_traps() {
            assert!(
                inside(t.from) && inside(t.install) && inside(t.package),
                "{text:?}"
            );
        }
    }
}
