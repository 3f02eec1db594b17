//! Conda dependency specs (MatchSpec) with sub-spans for channel, name, version and build.

use rattler_conda_types::{
    EqualityOperator, MatchSpec, ParseMatchSpecOptions, RangeOperator, StrictRangeOperator, StrictVersion, Version, VersionSpec,
};

use std::borrow::Cow;

use super::Spanned;
use crate::source::TextRange;

/// Why a spec is not a valid conda MatchSpec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    pub message: String,
    /// The part of the spec the problem is in (the whole spec when unknown).
    pub range: TextRange,
}

/// A conda dependency. The parts of the spec (channel, name, version, build) are byte ranges
/// of `raw`, read through accessors: a file of many specs holds each spec's text once.
#[derive(Clone, Debug)]
pub struct CondaDep {
    /// The spec as written (YAML value).
    pub raw: Box<str>,
    pub range: TextRange,
    /// Offset of `raw` in the file when the YAML text equals the value; otherwise every part's
    /// span is the whole item.
    base: Option<u32>,
    name: Option<Name>,
    channel: Option<Part>,
    version: Option<Part>,
    build: Option<Part>,
    pub error: Option<Box<SpecError>>,
    /// A comment selector on the same line (`# [win]`): the text between the brackets; for a
    /// `sel(win): spec` entry, the text between the parentheses.
    pub selector: Option<Box<Spanned<String>>>,
    /// The `sel(...)` key when the spec is the value of a micromamba `- sel(win): spec` entry.
    pub sel_key: Option<Box<Spanned<String>>>,
    /// A spec that conda accepts but reads differently from how it looks (misleading-spec);
    /// [`CondaDep::version_spec`] is then what conda uses.
    pub misread: Option<Box<Misread>>,
}

/// A byte range of [`CondaDep::raw`].
#[derive(Clone, Copy, Debug)]
struct Part {
    start: u32,
    end: u32,
}

impl Part {
    fn new((start, end): (usize, usize)) -> Self {
        // `parse_conda_spec` splits no spec of 4 GiB or more.
        Self { start: start as u32, end: end as u32 }
    }
    fn of(self, raw: &str) -> &str {
        &raw[self.start as usize..self.end as usize]
    }
}

/// The lower-case package name.
#[derive(Clone, Debug)]
enum Name {
    /// Its part of the spec, as written (nearly every spec).
    Written(Part),
    /// Not as written (`Numpy` is `numpy`): the name, and the part of the spec it is read from.
    Normalised(Box<(Box<str>, Option<Part>)>),
}

/// How conda reads a spec that looks like something else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Misread {
    /// `=>` or `=<` as the only operator of the version. conda's `_sanitize_version_str` strips
    /// the first `=`: `=>1.2` becomes `>1.2*` (every 1.2 release and later) and `=<1.2` becomes
    /// `<1.2*` (below 1.2); with a build string the glob is not added, so `=>1.2=b` is `>1.2`.
    ReversedOperator {
        /// The operator as written, and where.
        operator: Spanned<String>,
        /// The constraint conda applies, in the usual notation (`>=1.2`, `>1.2`, `<1.2`).
        conda_reads: String,
    },
    /// Brackets with no `key=value` pair (`versioneer[toml]`): conda's `_parse_spec_str` finds
    /// no pair in them and drops them without a word.
    DroppedBrackets(Spanned<String>),
}

impl CondaDep {
    fn span(&self, part: Option<Part>) -> TextRange {
        match (self.base, part) {
            (Some(base), Some(p)) => TextRange::new((base + p.start) as usize, (base + p.end) as usize),
            _ => self.range,
        }
    }

    fn spanned(&self, part: Option<Part>) -> Option<Spanned<&str>> {
        part.map(|p| Spanned::new(p.of(&self.raw), self.span(Some(p))))
    }

    /// Lower-case package name, channel stripped.
    pub fn name(&self) -> Option<Spanned<&str>> {
        match self.name.as_ref()? {
            Name::Written(part) => self.spanned(Some(*part)),
            Name::Normalised(name) => Some(Spanned::new(&name.0, self.span(name.1))),
        }
    }

    pub fn channel(&self) -> Option<Spanned<&str>> {
        self.spanned(self.channel)
    }

    /// The version constraint as written.
    pub fn version(&self) -> Option<Spanned<&str>> {
        self.spanned(self.version)
    }

    pub fn build(&self) -> Option<Spanned<&str>> {
        self.spanned(self.build)
    }

    /// The lenient parse of the version constraint (what conda applies for a misread spec);
    /// `None` when the spec is invalid or has none. Parsed when asked for: rules read it for a
    /// few packages only, and a file of many specs holds none.
    pub fn version_spec(&self) -> Option<VersionSpec> {
        if self.error.is_some() {
            return None;
        }
        read(&self.raw, &split(&self.raw), true).0.ok()?.1
    }

    /// Whether the spec has a version constraint other than `*`.
    pub fn is_pinned(&self) -> bool {
        self.version_spec().is_some_and(|spec| !matches!(spec, VersionSpec::Any))
    }
}

/// Parses one dependency string. `base` is the byte offset of the string's first character in
/// the file when the YAML text equals the value (plain or simple quoted scalars); otherwise every
/// sub-span is the whole item.
pub fn parse_conda_spec(written: impl Into<String>, range: TextRange, base: Option<usize>) -> CondaDep {
    let written = written.into();
    let raw = written.as_str();
    // Parts are `u32` offsets: a spec of 4 GiB or more is read as a whole, without parts.
    let fits = u32::try_from(raw.len()).is_ok();
    let parts = if fits { split(raw) } else { Parts::default() };
    let base = base.filter(|b| fits && u32::try_from(b + raw.len()).is_ok()).map(|b| b as u32);
    let mut dep = CondaDep {
        raw: Box::default(),
        range,
        base,
        name: None,
        channel: parts.channel.map(Part::new),
        version: parts.version.map(Part::new),
        build: parts.build.map(Part::new),
        error: None,
        selector: None,
        sel_key: None,
        misread: None,
    };
    let span = |r: Option<(usize, usize)>| match (base, r) {
        (Some(b), Some((s, e))) => TextRange::new(b as usize + s, b as usize + e),
        _ => range,
    };
    let (parsed, misread) = if fits { read(raw, &parts, false) } else { (Err("the spec is too long".to_owned()), None) };
    dep.misread = misread.map(|misread| {
        Box::new(match misread {
            RawMisread::Operator { at, conda_reads } => {
                Misread::ReversedOperator { operator: Spanned::new(raw[at..at + 2].to_owned(), span(Some((at, at + 2)))), conda_reads }
            }
            RawMisread::Brackets(s, e) => Misread::DroppedBrackets(Spanned::new(raw[s..e].to_owned(), span(Some((s, e))))),
        })
    });
    let name_part = parts.name.map(Part::new);
    match parsed {
        Ok((name, _)) => {
            dep.name = name.map(|name| match name_part {
                Some(part) if part.of(raw) == name => Name::Written(part),
                _ => Name::Normalised(Box::new((name.into(), name_part))),
            });
            dep.error = sanity_check(raw, &parts).map(|(message, r)| Box::new(SpecError { message, range: span(r) }));
        }
        Err(message) => {
            let sub = if message.contains("version") { parts.version } else { None };
            dep.error = Some(Box::new(SpecError { range: span(sub), message }));
            dep.name = name_part.map(|part| {
                let lower = part.of(raw).to_lowercase();
                if lower == part.of(raw) {
                    Name::Written(part)
                } else {
                    Name::Normalised(Box::new((lower.into(), Some(part))))
                }
            });
        }
    }
    dep.raw = written.into_boxed_str();
    dep
}

type Parsed<'a> = Result<(Option<Cow<'a, str>>, Option<VersionSpec>), String>;

/// What conda reads in a spec: the lenient MatchSpec parse (package name, version spec) of the
/// spec, or of the form conda makes of a spec that rattler rejects (`=>`, `[extra]`), with what
/// was misread. With `version` false the version spec may be left out (`None`) where the spec
/// is known to be valid without parsing it.
fn read<'a>(raw: &'a str, parts: &Parts, version: bool) -> (Parsed<'a>, Option<RawMisread>) {
    if let Some((text, misread)) = conda_reading(raw, parts) {
        if let Ok((name, version)) = parse(&text, version) {
            return (Ok((name.map(|n| Cow::Owned(n.into_owned())), version)), Some(misread));
        }
    }
    (parse(raw, version), None)
}

/// The lenient MatchSpec parse of `text`: the fast path, else rattler's general parser.
fn parse(text: &str, version: bool) -> Parsed<'_> {
    match parse_simple(text, version) {
        Some((name, version)) => Ok((Some(Cow::Borrowed(name)), version)),
        None => MatchSpec::from_str(text, ParseMatchSpecOptions::lenient())
            .map(|spec| (spec.name.as_exact().map(|n| Cow::Owned(n.as_normalized().to_owned())), spec.version))
            .map_err(|err| err.to_string()),
    }
}

/// The lenient MatchSpec parse (name, version spec) of the shapes nearly every real spec has,
/// `name`, `name<op>version` and `name=version=build` with a lower-case name and a plain version,
/// without rattler's general parsers: only the version itself is parsed, and the spec built the
/// way rattler builds it. `None` for every other shape (the general parser decides). The tests
/// check it against the general parser.
/// With `want_version` false, a version of digits and dots (always valid) is not parsed, and
/// no version spec is made (`None`).
fn parse_simple(raw: &str, want_version: bool) -> Option<(&str, Option<VersionSpec>)> {
    let is_name = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-');
    let (name, rest) = raw.split_at(raw.find(|c| !is_name(c)).unwrap_or(raw.len()));
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    if rest.is_empty() {
        return Some((name, None));
    }
    let (op, rest) = rest.split_at(rest.find(|c| !matches!(c, '<' | '>' | '=')).unwrap_or(rest.len()));
    let is_plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_');
    let (version, build) = rest.split_at(rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(rest.len()));
    let plain_version = version.starts_with(|c: char| c.is_ascii_digit()) && version.ends_with(|c: char| c.is_ascii_alphanumeric());
    if !plain_version || super::find_pair(version, b"..").is_some() {
        return None;
    }
    // What rattler's `optionally_strip_equals` and version-spec parser make of these shapes:
    // `=1.2` is `1.2*` (starts with), `==1.2` and `=1.2=build` are exact, the rest are ranges.
    let build_ok = |b: &str| b.strip_prefix('=').is_some_and(|b| !b.is_empty() && b.chars().all(is_plain));
    let exact = match (op, build) {
        ("=", "") => None,
        ("==", "") => Some(None),
        (">=", "") => Some(Some(RangeOperator::GreaterEquals)),
        ("<=", "") => Some(Some(RangeOperator::LessEquals)),
        (">", "") => Some(Some(RangeOperator::Greater)),
        ("<", "") => Some(Some(RangeOperator::Less)),
        ("=", _) if build_ok(build) => Some(None),
        _ => return None,
    };
    if !want_version && version.split('.').all(|n| (1..=18).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())) {
        return Some((name, None));
    }
    let version: Version = version.parse().ok()?;
    if !want_version {
        return Some((name, None));
    }
    let spec = match exact {
        None => VersionSpec::StrictRange(StrictRangeOperator::StartsWith, StrictVersion::new(version)),
        Some(None) => VersionSpec::Exact(EqualityOperator::Equals, version),
        Some(Some(range)) => VersionSpec::Range(range, version),
    };
    Some((name, Some(spec)))
}

enum RawMisread {
    Operator { at: usize, conda_reads: String },
    Brackets(usize, usize),
}

/// The spec conda's classic parser (`conda/models/match_spec.py`, `_parse_spec_str`) makes of
/// a spec that looks like something else, in a form rattler parses, with what was misread.
fn conda_reading(raw: &str, parts: &Parts) -> Option<(String, RawMisread)> {
    // Step 3 of `_parse_spec_str`: `_BRACKETS_RE` takes the last `[...]`; without a
    // `key=value` pair inside, nothing is kept.
    if let (Some(open), Some(close)) = (raw.rfind('['), raw.rfind(']')) {
        if open < close && !raw[open..close].contains('=') && !raw[..open].contains('[') {
            let rest = format!("{}{}", &raw[..open], &raw[close + 1..]);
            return Some((rest.trim().to_owned(), RawMisread::Brackets(open, close + 1)));
        }
        return None;
    }
    // Step 7: `_sanitize_version_str` strips one `=` from a version that starts with `=` and
    // has no `,` or `|`; `>1.2` then gets a `*` unless there is a build string.
    let (_, name_end) = parts.name?;
    let at = skip_ws(raw, name_end);
    let operator = raw.get(at..at + 2).filter(|op| *op == "=>" || *op == "=<")?;
    let (vs, ve) = parts.version?;
    let version = raw[vs..ve].trim_start_matches(['<', '>']).trim();
    if version.is_empty() || version.contains([',', '|', '=', '<', '>', '!', '~', ' ']) {
        return None;
    }
    let build = parts.build.map(|(s, e)| &raw[s..e]);
    let conda_reads = match (operator, build) {
        ("=>", None) => format!(">={version}"),
        ("=>", Some(_)) => format!(">{version}"),
        _ => format!("<{version}"),
    };
    let spec = match build {
        Some(build) => format!("{} {conda_reads} {build}", &raw[..name_end]),
        None => format!("{}{conda_reads}", &raw[..name_end]),
    };
    Some((spec, RawMisread::Operator { at, conda_reads }))
}

/// Byte ranges (relative to the spec) of its parts, found by our own scanner.
#[derive(Debug, Default)]
struct Parts {
    channel: Option<(usize, usize)>,
    name: Option<(usize, usize)>,
    version: Option<(usize, usize)>,
    build: Option<(usize, usize)>,
    /// Text after the build that belongs to nothing.
    extra: Option<(usize, usize)>,
}

fn split(raw: &str) -> Parts {
    let mut parts = Parts::default();
    let end = super::find_pair(raw, b" #").or_else(|| raw.strip_prefix('#').map(|_| 0)).unwrap_or(raw.len());
    let raw = &raw[..end];
    let mut i = 0;
    if let Some(sep) = super::find_pair(raw, b"::") {
        parts.channel = Some((0, sep));
        i = sep + 2;
    }
    i = skip_ws(raw, i);
    let name_end = raw[i..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '*')))
        .map_or(raw.len(), |n| i + n);
    if name_end > i {
        parts.name = Some((i, name_end));
    }
    i = skip_ws(raw, name_end);
    if raw[i..].starts_with('[') {
        parts.version = Some((i, raw.len()));
        return parts;
    }
    // Version: `=1.2` (fuzzy) or operators (spaces allowed after them), then version characters
    // up to whitespace or a build separator `=` that follows a version character.
    let bytes = raw.as_bytes();
    let mut j = i;
    if raw[j..].starts_with('=') && !raw[j..].starts_with("==") {
        j += 1;
    }
    let version_start = j;
    loop {
        while j < raw.len() && b"<>=!~".contains(&bytes[j]) {
            j += 1;
        }
        j = skip_ws(raw, j);
        let chunk_start = j;
        while j < raw.len() && !bytes[j].is_ascii_whitespace() {
            let sep = bytes[j] == b'=' && j > chunk_start && !b"<>=!~,|".contains(&bytes[j - 1]);
            if sep && bytes.get(j + 1) != Some(&b'=') {
                break;
            }
            j += 1;
        }
        let token = &raw[chunk_start..j];
        if (token.ends_with(',') || token.ends_with('|')) && j < raw.len() && bytes[j].is_ascii_whitespace() {
            j = skip_ws(raw, j);
            continue;
        }
        break;
    }
    if j > version_start {
        parts.version = Some((version_start, j));
    }
    // Build: after `=` or whitespace.
    let mut k = j;
    if raw[k..].starts_with('=') {
        k += 1;
    }
    k = skip_ws(raw, k);
    if k < raw.len() {
        let build_end = raw[k..].find(char::is_whitespace).map_or(raw.len(), |n| k + n);
        parts.build = Some((k, build_end));
        let rest = skip_ws(raw, build_end);
        if rest < raw.len() {
            parts.extra = Some((rest, raw.len()));
        }
    }
    parts
}

fn skip_ws(s: &str, i: usize) -> usize {
    s[i..].find(|c: char| !c.is_whitespace()).map_or(s.len(), |n| i + n)
}

/// Nonsense that lenient MatchSpec parsing accepts (`bad spec ===1`).
fn sanity_check(raw: &str, parts: &Parts) -> Option<(String, Option<(usize, usize)>)> {
    if parts.name.is_none() {
        return Some(("the spec has no package name".into(), None));
    }
    if let Some((s, e)) = parts.version {
        let version = &raw[s..e];
        if !version.starts_with('[') && !version.chars().any(|c| c.is_ascii_digit() || c == '*') {
            return Some((format!("`{version}` is not a version"), parts.version));
        }
    }
    if let Some((s, e)) = parts.build {
        let build = &raw[s..e];
        if !build.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '*' | '+' | '!')) {
            return Some((format!("`{build}` is not a valid build string"), parts.build));
        }
    }
    if let Some((s, e)) = parts.extra {
        return Some((format!("unexpected `{}` after the build string", &raw[s..e]), parts.extra));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> [Option<&str>; 4] {
        let p = split(s);
        [p.channel, p.name, p.version, p.build].map(|r| r.map(|(a, b)| &s[a..b]))
    }

    #[test]
    fn splits_specs() {
        assert_eq!(parts("numpy"), [None, Some("numpy"), None, None]);
        assert_eq!(parts("numpy=1.21"), [None, Some("numpy"), Some("1.21"), None]);
        assert_eq!(parts("numpy=1.21.2=py39h20f2e39_0"), [None, Some("numpy"), Some("1.21.2"), Some("py39h20f2e39_0")]);
        assert_eq!(parts("conda-forge::numpy>=1.20,<2"), [Some("conda-forge"), Some("numpy"), Some(">=1.20,<2"), None]);
        assert_eq!(parts("python >= 3.8"), [None, Some("python"), Some(">= 3.8"), None]);
        assert_eq!(parts("numpy 1.21 py39_0"), [None, Some("numpy"), Some("1.21"), Some("py39_0")]);
        assert_eq!(parts("python[version='>=3.9']"), [None, Some("python"), Some("[version='>=3.9']"), None]);
        assert_eq!(parts("libblas=*=*mkl"), [None, Some("libblas"), Some("*"), Some("*mkl")]);
        assert_eq!(parts("pip==20.3"), [None, Some("pip"), Some("==20.3"), None]);
    }

    /// The fast path gives what rattler's general parser gives, or stands aside.
    fn assert_simple_agrees(raw: &str) -> bool {
        let Some((name, version)) = parse_simple(raw, true) else { return false };
        let spec = MatchSpec::from_str(raw, ParseMatchSpecOptions::lenient()).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_eq!(Some(name), spec.name.as_exact().map(|n| n.as_normalized()), "{raw}");
        assert_eq!(version, spec.version, "{raw}");
        // The model keeps no version spec: it is parsed again when a rule asks for it.
        let dep = parse_conda_spec(raw, TextRange::new(0, raw.len()), Some(0));
        assert_eq!(dep.name().map(|n| n.value), Some(name), "{raw}");
        if dep.error.is_none() {
            assert_eq!(dep.version_spec(), spec.version, "{raw}");
        }
        true
    }

    #[test]
    fn simple_specs_parse_as_rattler_parses_them() {
        let taken = [
            "numpy", "numpy=1.21", "numpy==1.21", "numpy>=1.21", "numpy<2", "numpy>1.0rc1", "numpy<=1.21.2",
            "numpy=1.21.2=py39h20f2e39_0", "_libgcc_mutex=0.1=main", "python=3", "python=3.8.10", "ca-certificates=2021.10.26",
            "openssl=1.1.1l=h7f8727e_0", "r-base=4.1", "jpeg=9d", "zlib=1.2.11=h7f8727e_4", "libgfortran5=11.2.0",
            "python_abi=3.9=2_cp39", "tzdata=2021e", "pip=20.2.4", "pytorch=1.10.0=py3.9_cuda11.3_cudnn8.2.0_0", "a.b-c_d=0",
        ];
        for raw in taken {
            assert!(assert_simple_agrees(raw), "{raw} takes the fast path");
        }
        let general = [
            "Numpy", "numpy 1.21", "numpy=1.21.*", "numpy>=1.2,<2", "numpy=1.2|1.3", "conda-forge::numpy", "numpy[version='1']",
            "numpy==1.2=b", "numpy=1.2=", "numpy=1.2=b c", "numpy!=1.2", "numpy~=1.2", "numpy=>1", "numpy=x", "-numpy", "numpy=1.2+3",
            "numpy=1!2", "numpy=1.2 #c", "numpy>=1.2=b", "", "=1.2",
        ];
        for raw in general {
            assert!(parse_simple(raw, true).is_none(), "{raw} is left to the general parser");
        }
    }

    proptest::proptest! {
        #[test]
        fn simple_path_agrees_with_rattler(raw in "[a-z0-9_.\\-]{1,6}([<>=]{0,2}[0-9a-z._*]{0,6}(=[a-z0-9_.*]{0,5})?)?") {
            assert_simple_agrees(&raw);
        }

        /// A version of digits and dots that the fast path takes unparsed is one rattler parses.
        #[test]
        fn unparsed_versions_are_valid(raw in "[a-z]{1,4}(=|==|>=|<)[0-9]{1,20}(\\.[0-9]{1,20}){0,3}") {
            if parse_simple(&raw, false).is_some() {
                assert!(assert_simple_agrees(&raw), "{raw}: rattler parses it");
            }
        }

        #[test]
        fn simple_shapes_agree_with_rattler(raw in "[a-z0-9_][a-z0-9_.\\-]{0,5}(=|==|>=|<=|>|<)[0-9][0-9a-z.]{0,7}(=[a-z0-9_.]{1,5})?") {
            assert_simple_agrees(&raw);
        }
    }

    #[test]
    fn corpus_specs_parse_as_rattler_parses_them() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let Ok(walk) = std::fs::read_dir(&corpus) else {
            // In CI the corpus must be there: a skipped test must not pass as a green one.
            assert!(std::env::var_os("CI").is_none(), "{} is absent and CI is set", corpus.display());
            return eprintln!("notice: {} is absent; corpus test skipped", corpus.display());
        };
        let mut fast = 0;
        let dirs = walk.flatten().map(|e| e.path());
        for path in dirs.flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten().map(|e| e.path())) {
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let env = crate::model::lower(&crate::SourceFile::from_bytes(path.display().to_string(), &bytes));
            for dep in env.conda_deps() {
                fast += usize::from(assert_simple_agrees(&dep.raw));
            }
        }
        assert!(fast > 1000, "most corpus specs take the fast path ({fast})");
    }

    #[test]
    fn rejects_nonsense() {
        let r = TextRange::new(0, 14);
        assert!(parse_conda_spec("bad spec ===1", r, Some(0)).error.is_some());
        // conda accepts these (its parser drops the brackets and strips one `=`): not errors,
        // but recorded with what conda reads.
        let extras = parse_conda_spec("versioneer[toml]", r, Some(0));
        assert!(extras.error.is_none() && matches!(extras.misread.as_deref(), Some(Misread::DroppedBrackets(_))));
        assert_eq!(extras.name().map(|n| n.value), Some("versioneer"));
        let reversed = parse_conda_spec("gems3k=>4.4.2", r, Some(0));
        assert!(reversed.error.is_none() && matches!(reversed.misread.as_deref(), Some(Misread::ReversedOperator { .. })));
        assert_eq!(reversed.version_spec().map(|v| v.to_string()).as_deref(), Some(">=4.4.2"));
        assert!(parse_conda_spec("gems3k=>4.4,<5", r, Some(0)).error.is_some(), "conda rejects `=>` in a compound version");
        for ok in ["numpy", "numpy=1.21.2=py39h20f2e39_0", "pytorch::pytorch>=2", "python >= 3.8", "libblas=*=*mkl", "cudatoolkit=11.3"] {
            let dep = parse_conda_spec(ok, r, Some(0));
            assert_eq!(dep.error, None, "{ok}");
        }
        let dep = parse_conda_spec("Numpy=1.21", TextRange::new(10, 20), Some(10));
        assert_eq!(dep.name().map(|n| (n.value, n.range)), Some(("numpy", TextRange::new(10, 15))));
        assert_eq!(dep.version().map(|v| v.range), Some(TextRange::new(16, 20)));
    }
}

#[cfg(test)]
mod size {
    /// The benchmark's 10 MB file holds 277,778 specs and 30,092 pip items: each byte of a spec
    /// is 0.28 MB of peak memory.
    #[test]
    fn model_items_stay_small() {
        use std::mem::size_of;
        assert!(size_of::<super::CondaDep>() <= 128, "CondaDep: {} bytes", size_of::<super::CondaDep>());
        assert!(size_of::<crate::model::Dependency>() <= 128, "Dependency: {} bytes", size_of::<crate::model::Dependency>());
        assert!(size_of::<crate::model::Requirement>() <= 112, "Requirement: {} bytes", size_of::<crate::model::Requirement>());
        assert!(size_of::<crate::model::PipItem>() <= 176, "PipItem: {} bytes", size_of::<crate::model::PipItem>());
    }
}
