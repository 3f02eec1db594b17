//! The pip section: each item classified as a requirements-file line.
//!
//! conda writes the `pip:` list into a temporary requirements file and runs `pip install -r`,
//! so requirements-file syntax applies: options, includes, editables, URLs and PEP 508 lines.

use std::str::FromStr;

use pep508_rs::{Requirement as Pep508Requirement, UnnamedRequirement, VerbatimUrl};

use super::Spanned;
use crate::source::TextRange;

#[derive(Clone, Debug)]
pub struct PipSection {
    /// The `pip` key.
    pub key: TextRange,
    /// The whole dependency item (`pip:` key and its value).
    pub range: TextRange,
    /// The items; empty when the value is null, `[]` or not a list.
    pub items: Vec<PipItem>,
    /// Whether the value was a list (possibly empty).
    pub is_list: bool,
    /// Whether the value was null (`- pip:` with nothing after it).
    pub is_null: bool,
}

#[derive(Clone, Debug)]
pub struct PipItem {
    pub raw: String,
    pub range: TextRange,
    pub kind: PipItemKind,
    /// `--hash=…` options after a requirement.
    pub hashes: Vec<TextRange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncludeKind {
    /// `-r` / `--requirement`
    Requirement,
    /// `-c` / `--constraint`
    Constraint,
}

#[derive(Clone, Debug)]
pub struct Requirement {
    /// PEP 503 normalised name; the span is the name as written.
    pub name: Spanned<String>,
    /// The version specifier as written (`>=1.2,<2`).
    pub specifier: Option<Spanned<String>>,
    /// A direct reference (`name @ https://…`).
    pub url: bool,
    /// The environment marker as written, after `;`.
    pub marker: Option<String>,
}

#[derive(Clone, Debug)]
pub enum PipItemKind {
    /// A PEP 508 requirement.
    Requirement(Requirement),
    /// A bare URL or path (`git+https://…#egg=x`, `./pkg`, `https://…/x.whl`).
    Url { url: Spanned<String> },
    /// `-r file` / `-c file`.
    Include { kind: IncludeKind, path: Spanned<String> },
    /// `-e path-or-url`.
    Editable { target: Spanned<String> },
    /// An option line (`--index-url URL`, `--pre`).
    Option { name: Spanned<String>, value: Option<Spanned<String>>, kind: OptionKind },
    /// A comment-only or blank item.
    Comment,
    /// Not a requirement nor a known option: `message` explains, `range` is the offending part.
    Invalid { message: String, range: TextRange, suggestion: Option<String> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    /// Accepted in a requirements file.
    RequirementsFile,
    /// A `pip install` option that pip rejects inside a requirements file.
    CommandLineOnly,
    /// Not a pip option at all.
    Unknown,
    /// A requirements-file option that needs a value, written without one.
    MissingValue,
}

/// Options a requirements file accepts, long and short spellings, and whether they take a value.
const FILE_OPTIONS: &[(&str, Option<&str>, bool)] = &[
    ("--index-url", Some("-i"), true),
    ("--extra-index-url", None, true),
    ("--no-index", None, false),
    ("--constraint", Some("-c"), true),
    ("--requirement", Some("-r"), true),
    ("--editable", Some("-e"), true),
    ("--find-links", Some("-f"), true),
    ("--no-binary", None, true),
    ("--only-binary", None, true),
    ("--prefer-binary", None, false),
    ("--require-hashes", None, false),
    ("--pre", None, false),
    ("--trusted-host", None, true),
    ("--use-feature", None, true),
];

/// `pip install` options that are not accepted in a requirements file.
const COMMAND_LINE_OPTIONS: &[&str] = &[
    "--timeout", "--retries", "--proxy", "--no-cache-dir", "--cache-dir", "-U", "--upgrade", "--upgrade-strategy",
    "--no-deps", "--user", "--target", "-t", "--force-reinstall", "--ignore-installed", "-I", "--no-build-isolation",
    "--quiet", "-q", "--verbose", "-v", "--exists-action", "--isolated", "--src", "--root", "--prefix", "--no-warn-script-location",
    "--ignore-requires-python", "--no-clean", "--progress-bar", "--log", "--cert", "--client-cert", "--platform",
    "--python-version", "--implementation", "--abi", "--no-compile", "--compile", "--disable-pip-version-check",
    "--no-color", "--break-system-packages", "--dry-run", "--report", "--check-build-dependencies",
];

/// Per-requirement options allowed after a requirement on the same line.
const PER_REQUIREMENT: &[&str] = &["--hash", "--config-settings", "--global-option", "--install-option"];

/// Classifies every line of a requirements file (`-r` include). Lines continued with a
/// trailing `\\` are joined; their sub-spans then cover the whole joined range.
pub fn parse_requirements(text: &str) -> Vec<PipItem> {
    let mut items = Vec::new();
    let mut offset = 0;
    let mut pending: Option<(usize, String)> = None;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(joined) = content.strip_suffix('\\') {
            let entry = pending.get_or_insert((start, String::new()));
            entry.1.push_str(joined);
            continue;
        }
        let (item_start, raw, exact) = match pending.take() {
            Some((s, mut joined)) => {
                joined.push_str(content);
                (s, joined, false)
            }
            None => (start, content.to_owned(), true),
        };
        if raw.trim().is_empty() {
            continue;
        }
        let end = start + content.len();
        let item = classify_line(&raw, TextRange::new(item_start, end), exact.then_some(item_start));
        if !matches!(item.kind, PipItemKind::Comment) {
            items.push(item);
        }
    }
    if let Some((s, joined)) = pending {
        items.push(classify_line(&joined, TextRange::new(s, text.len()), None));
    }
    items
}

/// Classifies one requirements line. `base` is the byte offset of the line's first character in
/// the file when it is known exactly; otherwise every sub-span is `whole`.
pub fn classify_line(raw: &str, whole: TextRange, base: Option<usize>) -> PipItem {
    let at = |s: usize, e: usize| base.map_or(whole, |b| TextRange::new(b + s, b + e));
    let spanned = |s: usize, e: usize| Spanned::new(raw[s..e].to_owned(), at(s, e));
    let mut item = PipItem { raw: raw.to_owned(), range: whole, kind: PipItemKind::Comment, hashes: Vec::new() };
    let code_end = comment_start(raw).unwrap_or(raw.len());
    let code = raw[..code_end].trim_end();
    let start = code.len() - code.trim_start().len();
    if start == code.len() {
        return item;
    }
    if code[start..].starts_with('-') {
        item.kind = classify_option(code, start, &spanned);
        return item;
    }
    // Split off per-requirement options (` --hash=…`).
    let mut req_end = code.len();
    let mut search = start;
    while let Some(pos) = super::find_pair(&code[search..], b" -").map(|p| search + p) {
        let opt_start = skip_ws(code, pos);
        let opt = &code[opt_start..];
        if req_end == code.len() && PER_REQUIREMENT.iter().any(|o| opt.starts_with(o)) {
            req_end = code[..pos].trim_end().len();
        }
        if req_end < code.len() {
            let tok_end = opt.find(char::is_whitespace).map_or(code.len(), |n| opt_start + n);
            if opt.starts_with("--hash") {
                item.hashes.push(at(opt_start, tok_end));
            }
        }
        search = pos + 2;
    }
    let req = &code[start..req_end];
    item.kind = classify_requirement(req, start, &spanned, &at);
    item
}

fn classify_option(code: &str, start: usize, spanned: &dyn Fn(usize, usize) -> Spanned<String>) -> PipItemKind {
    let text = &code[start..];
    let opt_len = text.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(text.len());
    let mut name_end = start + opt_len;
    let mut value_start = None;
    let known = FILE_OPTIONS.iter().find(|(long, short, _)| {
        let spelled = &text[..opt_len];
        if spelled == *long || Some(spelled) == *short {
            return true;
        }
        // `-rfile.txt`: a short option with its value attached.
        short.is_some_and(|s| text.starts_with(s) && opt_len > 2 && !text.starts_with("--"))
    });
    if let Some((_, short, _)) = known {
        if short.is_some_and(|s| text.starts_with(s) && opt_len > 2 && !text.starts_with("--")) {
            name_end = start + 2;
            value_start = Some(name_end);
        }
    }
    let name = spanned(start, name_end);
    let rest = skip_ws(code, name_end);
    let value_start = value_start.or_else(|| {
        let v = if code[name_end..].starts_with('=') { name_end + 1 } else { rest };
        (v < code.len()).then_some(v)
    });
    let value = value_start.map(|v| spanned(v, code.len()));
    let Some((long, _, takes_value)) = known else {
        let kind = if COMMAND_LINE_OPTIONS.contains(&name.value.as_str()) {
            OptionKind::CommandLineOnly
        } else {
            OptionKind::Unknown
        };
        return PipItemKind::Option { name, value, kind };
    };
    if *takes_value && value.is_none() {
        return PipItemKind::Option { name, value, kind: OptionKind::MissingValue };
    }
    match (*long, value) {
        ("--requirement", Some(path)) => PipItemKind::Include { kind: IncludeKind::Requirement, path },
        ("--constraint", Some(path)) => PipItemKind::Include { kind: IncludeKind::Constraint, path },
        ("--editable", Some(target)) => PipItemKind::Editable { target },
        (_, value) => PipItemKind::Option { name, value, kind: OptionKind::RequirementsFile },
    }
}

fn classify_requirement(
    req: &str,
    start: usize,
    spanned: &dyn Fn(usize, usize) -> Spanned<String>,
    at: &dyn Fn(usize, usize) -> TextRange,
) -> PipItemKind {
    match simple_requirement(req) {
        Some((name, spec_start)) => PipItemKind::Requirement(Requirement {
            name: Spanned::new(name, at(start, start + spec_start)),
            specifier: (spec_start < req.len()).then(|| spanned(start + spec_start, start + req.len())),
            url: false,
            marker: None,
        }),
        None => classify_general(req, start, spanned, at),
    }
}

/// The shape most pip lines have, `name` or `name<op>1.2.3` (digits and dots), which is always a
/// valid PEP 508 requirement: its normalised name and where the specifier starts, without
/// pep508_rs's parser. `None` for anything else. The tests check it against the general path.
fn simple_requirement(req: &str) -> Option<(String, usize)> {
    let name_len = req.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))).unwrap_or(req.len());
    let name = &req[..name_len];
    if !(name.starts_with(|c: char| c.is_ascii_alphanumeric()) && name.ends_with(|c: char| c.is_ascii_alphanumeric())) {
        return None;
    }
    let rest = &req[name_len..];
    if !rest.is_empty() {
        let op_len = ["==", ">=", "<=", "!=", "~=", ">", "<"].into_iter().find(|op| rest.starts_with(op))?.len();
        let version = &rest[op_len..];
        // Release numbers that fit pep440_rs's integers; `~=` needs at least two of them.
        let plain = version.split('.').all(|s| (1..=18).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()));
        if !plain || (rest.starts_with("~=") && !version.contains('.')) {
            return None;
        }
    }
    Some((super::pep503(name).into_owned(), name_len))
}

fn classify_general(
    req: &str,
    start: usize,
    spanned: &dyn Fn(usize, usize) -> Spanned<String>,
    at: &dyn Fn(usize, usize) -> TextRange,
) -> PipItemKind {
    let end = start + req.len();
    // pep508_rs 0.9.2 can panic on non-ASCII or control characters (byte/char confusion in its
    // cursor); requirement syntax is ASCII, so such a character is reported without calling it.
    if let Some((at_char, c)) = req.char_indices().find(|&(_, c)| !c.is_ascii() || (c.is_ascii_control() && c != '\t')) {
        if looks_like_url_or_path(req) && !req.contains(' ') && !c.is_ascii_control() {
            return PipItemKind::Url { url: spanned(start, end) };
        }
        let why = if c.is_ascii_control() { format!("{c:?} is a control character") } else { format!("`{c}` is not ASCII; package names, versions and markers are ASCII") };
        return PipItemKind::Invalid {
            message: format!("`{}` is not a valid pip requirement: {why}", req.escape_debug()),
            range: at(start + at_char, start + at_char + c.len_utf8()),
            suggestion: None,
        };
    }
    // An identifier (the name, or an extra) ending in `-`, `_` or `.` and followed by more text
    // makes pep508_rs 0.9.2 panic (its validation disagrees with its parser): report it here.
    if let Some(at_char) = bad_identifier_end(req) {
        // A path with an environment marker (`.[cli] ; python_version >= "3.11"`): pip splits
        // the marker off at `;` before it reads the path (`parse_req_from_line`).
        let head = req.split(';').next().unwrap_or(req).trim_end();
        if looks_like_url_or_path(head) && !head.contains(' ') {
            return PipItemKind::Url { url: spanned(start, end) };
        }
        let last = &req[at_char..at_char + 1];
        return PipItemKind::Invalid {
            message: format!("`{req}` is not a valid pip requirement: a name must end with a letter or digit, not `{last}`"),
            range: at(start + at_char, start + at_char + 1),
            suggestion: None,
        };
    }
    match Pep508Requirement::<VerbatimUrl>::from_str(req) {
        Ok(parsed) => {
            let name_len = req.find(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c))).unwrap_or(req.len());
            let marker_at = req.find(';');
            let before_marker = &req[..marker_at.unwrap_or(req.len())];
            let spec_start = before_marker
                .find(|c: char| "<>=!~".contains(c))
                .filter(|_| !before_marker.contains('@'));
            let specifier = spec_start.map(|s| {
                let e = before_marker.trim_end().len();
                spanned(start + s, start + e)
            });
            PipItemKind::Requirement(Requirement {
                name: Spanned::new(parsed.name.to_string(), at(start, start + name_len)),
                specifier,
                url: matches!(parsed.version_or_url, Some(pep508_rs::VersionOrUrl::Url(_))),
                marker: marker_at.map(|m| req[m + 1..].trim().to_owned()),
            })
        }
        Err(err) => {
            // pip accepts local paths and URLs that pep508 cannot check offline (`./pkg/`).
            // pip replaces `${NAME}` by the environment variable before parsing a line
            // (pypa/pip `req/req_file.py`, `expand_env_variables`): what it becomes is unknown here.
            let url_like = looks_like_url_or_path(req) && (UnnamedRequirement::<VerbatimUrl>::from_str(req).is_ok() || !req.contains(' '));
            if url_like || has_env_variable(req) {
                return PipItemKind::Url { url: spanned(start, end) };
            }
            let err_start = start + err.start.min(req.len());
            let err_end = (err_start + err.len.max(1)).min(end).max(err_start);
            let suggestion = conda_style_suggestion(req);
            let message = match &suggestion {
                Some(s) => format!("`{req}` is conda syntax, not a pip requirement; pip reads `{s}`"),
                None => format!("`{req}` is not a valid pip requirement: {}", err.message),
            };
            let range = if suggestion.is_some() { at(start, end) } else { at(err_start, err_end) };
            PipItemKind::Invalid { message, range, suggestion }
        }
    }
}

/// Whether a line holds a `${NAME}` that pip expands (`NAME` of `A-Z`, `0-9`, `_`).
fn has_env_variable(req: &str) -> bool {
    req.match_indices("${").any(|(at, _)| {
        let rest = &req[at + 2..];
        rest.find('}').is_some_and(|close| close > 0 && rest[..close].bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'))
    })
}

/// The offset of a `-`, `_` or `.` that ends the package name while more text follows it
/// (`numpy- ==1`), or that ends an extra (`pkg[extra-, b]`, `pkg[a.`).
fn bad_identifier_end(req: &str) -> Option<usize> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
    let check = |from: usize, text: &str| -> Option<usize> {
        let len = text.find(|c: char| !is_ident(c)).unwrap_or(text.len());
        (len > 0 && len < text.len() && text[..len].ends_with(['-', '_', '.'])).then(|| from + len - 1)
    };
    if let Some(bad) = check(0, req) {
        return Some(bad);
    }
    // Extras follow the name, or a URL or path in an unnamed requirement: check every list.
    for (open, _) in req.match_indices('[') {
        let close = req[open..].find(']').map_or(req.len(), |c| open + c);
        let mut at = open + 1;
        for part in req[open + 1..close].split(',') {
            // Unlike the name, an extra panics even at the very end of the text.
            let lead = part.len() - part.trim_start().len();
            let text = &part[lead..];
            let len = text.find(|c: char| !is_ident(c)).unwrap_or(text.len());
            if len > 0 && text[..len].ends_with(['-', '_', '.']) {
                return Some(at + lead + len - 1);
            }
            at += part.len() + 1;
        }
    }
    None
}

fn looks_like_url_or_path(req: &str) -> bool {
    req.contains("://")
        || req.starts_with(['.', '/', '~'])
        || req.contains('/')
        || req.contains('\\')
        || [".whl", ".tar.gz", ".zip", ".tar.bz2"].iter().any(|ext| req.ends_with(ext))
}

/// `numpy=1.21` (conda's fuzzy pin) → `numpy==1.21.*`; `numpy=1.21.0` → `numpy==1.21.0`.
fn conda_style_suggestion(req: &str) -> Option<String> {
    let (name, version) = req.split_once('=')?;
    let name = name.trim();
    let version = version.trim();
    let valid_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    let valid_version = !version.is_empty()
        && version.starts_with(|c: char| c.is_ascii_digit())
        && version.chars().all(|c| c.is_ascii_alphanumeric() || ".*+!".contains(c));
    if !valid_name || !valid_version {
        return None;
    }
    let version = version.trim_end_matches(".*").trim_end_matches('*').trim_end_matches('.');
    if version.split('.').count() >= 3 {
        Some(format!("{name}=={version}"))
    } else {
        Some(format!("{name}=={version}.*"))
    }
}

/// A ` #` comment, or a line that is only a comment (pip's rule).
fn comment_start(line: &str) -> Option<usize> {
    if line.trim_start().starts_with('#') {
        return Some(line.len() - line.trim_start().len());
    }
    super::find_pair(line, b" #").or_else(|| super::find_pair(line, b"\t#"))
}

fn skip_ws(s: &str, i: usize) -> usize {
    s[i..].find(|c: char| !c.is_whitespace()).map_or(s.len(), |n| i + n)
}

#[cfg(test)]
mod tests {
    /// The fast path gives what the general (pep508_rs) path gives, or stands aside.
    fn assert_simple_agrees(req: &str) -> bool {
        if super::simple_requirement(req).is_none() {
            return false;
        }
        let at = |s: usize, e: usize| TextRange::new(s + 3, e + 3);
        let spanned = |s: usize, e: usize| Spanned::new(req[s - 3..e - 3].to_owned(), at(s - 3, e - 3));
        let fast = format!("{:?}", super::classify_requirement(req, 3, &spanned, &at));
        let general = format!("{:?}", super::classify_general(req, 3, &spanned, &at));
        assert_eq!(fast, general, "{req}");
        true
    }

    #[test]
    fn lines_with_environment_variables_are_left_to_pip() {
        assert!(super::has_env_variable("git+${REPO_URL}#egg=tool") && super::has_env_variable("pkg==${PKG_VERSION}"));
        assert!(!super::has_env_variable("pkg==$VERSION") && !super::has_env_variable("${lower}") && !super::has_env_variable("${}"));
        let item = super::classify_line("git+${REPO_URL}#egg=tool", TextRange::new(0, 24), Some(0));
        assert!(matches!(item.kind, super::PipItemKind::Url { .. }), "{:?}", item.kind);
        let item = super::classify_line("numpy=1.21", TextRange::new(0, 10), Some(0));
        assert!(matches!(item.kind, super::PipItemKind::Invalid { .. }), "still reported without a variable");
    }

    #[test]
    fn simple_requirements_classify_as_pep508_does() {
        for req in ["numpy", "numpy==1.21.2", "Flask_Login>=0.6", "ruamel.yaml<0.18", "a", "x1!=2", "pkg~=1.4", "pkg>1", "zope.interface<=5.4.0"] {
            assert!(assert_simple_agrees(req), "{req} takes the fast path");
        }
        let long = format!("pkg=={}", "9".repeat(30));
        assert!(super::simple_requirement(&long).is_none() && super::simple_requirement(&long[..21]).is_some());
        for req in ["numpy==1.21.*", "pkg~=1", "pkg==1.0a1", "pkg[extra]", "pkg ==1", "-pkg", "pkg-", "pkg==1.", "pkg===1", "pkg==", "pkg @ https://x/y.whl", "pkg==1;python_version<'3'"] {
            assert!(super::simple_requirement(req).is_none(), "{req} is left to the general path");
        }
    }

    proptest::proptest! {
        #[test]
        fn simple_path_agrees_with_pep508(req in "[A-Za-z0-9][A-Za-z0-9._\\-]{0,6}((==|>=|<=|!=|~=|>|<|=|~)[0-9.]{0,25})?") {
            assert_simple_agrees(&req);
        }

        #[test]
        fn long_release_numbers_agree_with_pep508(req in "[a-z]{1,4}(==|>=|~=)[0-9]{1,24}(\\.[0-9]{1,24}){0,2}") {
            assert_simple_agrees(&req);
        }
    }

    use super::*;

    fn kind(line: &str) -> PipItemKind {
        classify_line(line, TextRange::new(0, line.len()), Some(0)).kind
    }

    #[test]
    fn classifies_lines() {
        assert!(matches!(kind("requests==2.31.0"), PipItemKind::Requirement(r) if r.name.value == "requests" && r.specifier.as_ref().unwrap().value == "==2.31.0"));
        assert!(matches!(kind("Pkg_Name>=1 ; python_version<'3.10'"), PipItemKind::Requirement(r) if r.name.value == "pkg-name" && r.marker.is_some()));
        assert!(matches!(kind("torch @ https://x/torch-2.1.0.whl"), PipItemKind::Requirement(r) if r.url));
        assert!(matches!(kind("git+https://github.com/org/repo.git@v1.0#egg=repo"), PipItemKind::Url { .. }));
        assert!(matches!(kind("-r requirements.txt"), PipItemKind::Include { kind: IncludeKind::Requirement, path } if path.value == "requirements.txt" && path.range == TextRange::new(3, 19)));
        assert!(matches!(kind("-rreq.txt"), PipItemKind::Include { path, .. } if path.value == "req.txt"));
        assert!(matches!(kind("--constraint=c.txt"), PipItemKind::Include { kind: IncludeKind::Constraint, .. }));
        assert!(matches!(kind("-e ."), PipItemKind::Editable { target } if target.value == "."));
        assert!(matches!(kind("--extra-index-url https://y/simple"), PipItemKind::Option { kind: OptionKind::RequirementsFile, value: Some(v), .. } if v.value == "https://y/simple"));
        assert!(matches!(kind("--timeout 60"), PipItemKind::Option { kind: OptionKind::CommandLineOnly, .. }));
        assert!(matches!(kind("--frobnicate"), PipItemKind::Option { kind: OptionKind::Unknown, .. }));
        assert!(matches!(kind("--index-url"), PipItemKind::Option { kind: OptionKind::MissingValue, .. }));
        assert!(matches!(kind("# just a comment"), PipItemKind::Comment));
        assert!(matches!(kind("pkg>=1.0,<2.0 # trailing"), PipItemKind::Requirement(_)));
    }

    #[test]
    fn requirements_files() {
        let text = "# comment\nrequests==2.31\n\n-r other.txt\nnumpy \\\n  >=1.2\n";
        let items = parse_requirements(text);
        assert_eq!(items.len(), 3);
        assert_eq!(&text[items[0].range.start..items[0].range.end], "requests==2.31");
        assert!(matches!(&items[1].kind, PipItemKind::Include { path, .. } if &text[path.range.start..path.range.end] == "other.txt"));
        assert!(matches!(&items[2].kind, PipItemKind::Requirement(r) if r.name.value == "numpy"));
    }

    #[test]
    fn hashes_and_conda_syntax() {
        let item = classify_line("pkg==1.0 --hash=sha256:abc --hash=sha256:def", TextRange::new(0, 44), Some(0));
        assert!(matches!(item.kind, PipItemKind::Requirement(_)));
        assert_eq!(item.hashes.len(), 2);
        let PipItemKind::Invalid { suggestion, range, .. } = kind("numpy=1.21") else { panic!() };
        assert_eq!((suggestion.as_deref(), range), (Some("numpy==1.21.*"), TextRange::new(0, 10)));
        let PipItemKind::Invalid { suggestion, .. } = kind("numpy=1.21.0") else { panic!() };
        assert_eq!(suggestion.as_deref(), Some("numpy==1.21.0"));
        let PipItemKind::Invalid { suggestion, .. } = kind("pkg[extra") else { panic!() };
        assert_eq!(suggestion, None);
    }
}
