//! Docker image references (`mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:20240101.v1`),
//! read by the grammar Docker itself uses: github:distribution/reference, `regexp.go` (the
//! `ReferenceRegexp` grammar: `name[:tag][@digest]`, `domainAndPort`, `pathComponent`, `tag`,
//! `digestPat`), `reference.go` (`Parse`: lower-case check, `RepositoryNameTotalLengthMax`) and
//! `normalize.go` (`ParseNormalizedNamed`, `splitDockerDomain`: which first component is a
//! registry, the `docker.io` / `library/` defaults, the 64-hex identifier refusal). Digests are
//! checked as github:opencontainers/go-digest `Digest.Validate` does (known algorithm, exact
//! length of lower-case hex).
//!
//! Used by AML004 (image-not-pinned), AML005 (invalid-image-reference), AML009
//! (deprecated-base-image) and AML012 (registry-credentials). Pure: text in, typed facts with
//! byte ranges relative to the input out.

use std::borrow::Cow;

use crate::source::TextRange;

/// The maximum length of a repository path (`reference.go`, `RepositoryNameTotalLengthMax`).
pub const REPOSITORY_NAME_MAX: usize = 255;

/// The maximum length of a tag (`regexp.go`, `tag = [\w][\w.-]{0,127}`).
pub const TAG_MAX: usize = 128;

/// A parsed image reference. Every part borrows the input; every range is relative to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// The registry host (and port) when the reference names one (`mcr.microsoft.com`,
    /// `localhost:5000`); `None` means Docker Hub.
    pub registry: Option<&'a str>,
    /// The repository path as written (`azureml/openmpi4.1.0-ubuntu22.04`, `ubuntu`).
    pub path: &'a str,
    pub tag: Option<&'a str>,
    /// `algorithm:hex` without the `@`.
    pub digest: Option<&'a str>,
    pub registry_range: Option<TextRange>,
    pub path_range: TextRange,
    /// Of the tag text, without the `:`.
    pub tag_range: Option<TextRange>,
    /// Of the digest text, without the `@`.
    pub digest_range: Option<TextRange>,
}

/// How firmly a reference pins the image it pulls (the Azure ML check "No tag or digest").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pinning {
    /// `@sha256:…`, with or without a tag: the content is fixed (a digest wins over a tag).
    Digest,
    /// A tag other than `latest`.
    Tag,
    /// `:latest`, which moves: not pinned.
    Latest,
    /// No tag and no digest: Docker pulls `latest`.
    Untagged,
}

impl Pinning {
    pub fn is_pinned(self) -> bool {
        matches!(self, Pinning::Digest | Pinning::Tag)
    }
}

impl<'a> ImageRef<'a> {
    pub fn pinning(&self) -> Pinning {
        match (self.digest, self.tag) {
            (Some(_), _) => Pinning::Digest,
            (None, Some("latest")) => Pinning::Latest,
            (None, Some(_)) => Pinning::Tag,
            (None, None) => Pinning::Untagged,
        }
    }

    /// The registry Docker pulls from: `docker.io` when none is written (and for the legacy
    /// `index.docker.io`), as `normalize.go` `splitDockerDomain` does.
    pub fn domain(&self) -> &'a str {
        match self.registry {
            None | Some("index.docker.io") => "docker.io",
            Some(r) => r,
        }
    }

    /// The repository path as Docker normalises it: `library/ubuntu` for `ubuntu` on Docker Hub.
    pub fn repository(&self) -> Cow<'a, str> {
        if self.domain() == "docker.io" && !self.path.contains('/') {
            Cow::Owned(format!("library/{}", self.path))
        } else {
            Cow::Borrowed(self.path)
        }
    }

    /// The last component of the path (`openmpi4.1.0-ubuntu22.04`, `ubuntu`).
    pub fn short_name(&self) -> &'a str {
        self.path.rsplit('/').next().unwrap_or(self.path)
    }
}

/// Why a reference is not a valid Docker image reference; each kind has its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidKind {
    Empty,
    /// A space, tab or line break inside the reference.
    Whitespace,
    /// A backslash: a Windows path, not an image.
    Backslash,
    /// `https://…`: a URL, not a reference (registries are written without a scheme).
    Scheme,
    /// `//`: an empty path component.
    DoubleSlash,
    /// `user:password@registry/…`: credentials written into the reference (AML012 reports
    /// these; Docker has no such syntax).
    Userinfo,
    /// A leading or trailing `/`, or nothing before the tag or digest (`:tag`, `@sha256:…`).
    EmptyComponent,
    /// Upper case in the repository path (`reference.go`: `ErrNameContainsUppercase`).
    UppercasePath,
    /// A first component with upper case and no `.` or `:` (`MyOrg/image`): Docker reads it
    /// as a registry host (`splitDockerDomain`), so the pull goes to a host named `MyOrg`.
    UppercaseNamespace,
    /// A character the path grammar does not allow (`pathComponent`: `[a-z0-9]` separated by
    /// `.`, `_`, `__` or dashes).
    InvalidCharacter,
    /// A separator at the start or end of a component, or two in a row (`a..b`, `a___b`, `-a`).
    InvalidSeparator,
    /// A registry host or port that `domainAndPort` does not match (`my_host/x`, `host:/x`).
    InvalidRegistry,
    /// The repository path is longer than 255 characters.
    NameTooLong,
    /// `repo:` with nothing after the colon.
    EmptyTag,
    /// A tag that `[\w][\w.-]{0,127}` does not match.
    InvalidTag,
    /// `repo@` with nothing after the `@`.
    EmptyDigest,
    /// A digest that is not `algorithm:hex` (`digestPat`) or whose hex is not lower case.
    InvalidDigest,
    /// A digest algorithm other than sha256, sha384, sha512 (go-digest `ErrDigestUnsupported`).
    UnsupportedDigest,
    /// Hex of the wrong length for its algorithm (go-digest `ErrDigestInvalidLength`).
    DigestLength,
    /// A 64-hex-digit name: an image ID, not a reference (`ParseNormalizedNamed`).
    HexIdentifier,
}

impl InvalidKind {
    /// A short description for a message (`the repository path has upper case`).
    pub fn describe(self) -> &'static str {
        match self {
            InvalidKind::Empty => "the reference is empty",
            InvalidKind::Whitespace => "the reference contains whitespace",
            InvalidKind::Backslash => "the reference contains a backslash (a Windows path is not an image)",
            InvalidKind::Scheme => "the reference starts with a URL scheme; registries are written without one",
            InvalidKind::DoubleSlash => "the reference contains `//`",
            InvalidKind::Userinfo => "the reference contains credentials before the registry",
            InvalidKind::EmptyComponent => "the repository path has an empty component",
            InvalidKind::UppercasePath => "the repository path must be lower case",
            InvalidKind::UppercaseNamespace => {
                "a first component with upper case is read as a registry host; a namespace must be lower case"
            }
            InvalidKind::InvalidCharacter => "the repository path contains a character that is not allowed",
            InvalidKind::InvalidSeparator => "a separator (`.`, `_`, `-`) is misplaced in the repository path",
            InvalidKind::InvalidRegistry => "the registry host or port is not valid",
            InvalidKind::NameTooLong => "the repository path is longer than 255 characters",
            InvalidKind::EmptyTag => "the tag after `:` is empty",
            InvalidKind::InvalidTag => "the tag is not valid (letters, digits, `_`, `.`, `-`; at most 128, not starting with `.` or `-`)",
            InvalidKind::EmptyDigest => "the digest after `@` is empty",
            InvalidKind::InvalidDigest => "the digest is not `algorithm:hex` in lower case",
            InvalidKind::UnsupportedDigest => "the digest algorithm is not sha256, sha384 or sha512",
            InvalidKind::DigestLength => "the digest has the wrong number of hex digits for its algorithm",
            InvalidKind::HexIdentifier => "a 64-hex-digit name is an image ID, not a reference",
        }
    }
}

/// An invalid reference: what is wrong and where (relative to the input).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidImage {
    pub kind: InvalidKind,
    pub range: TextRange,
}

/// Why [`parse`] gave no image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageError {
    /// The reference holds a variable (`${BASE}`, `$BASE`) or a template placeholder
    /// (`{{ACR_NAME}}`) whose value is not known here: not judgeable, rules stay silent.
    Unresolved {
        range: TextRange,
    },
    Invalid(InvalidImage),
}

impl ImageError {
    pub fn invalid(&self) -> Option<&InvalidImage> {
        match self {
            ImageError::Invalid(i) => Some(i),
            ImageError::Unresolved { .. } => None,
        }
    }
}

fn invalid(kind: InvalidKind, start: usize, end: usize) -> ImageError {
    ImageError::Invalid(InvalidImage {
        kind,
        range: TextRange::new(start, end),
    })
}

/// Parses an image reference as Docker does (`normalize.go` `ParseNormalizedNamed`, then
/// `reference.go` `Parse`). Never panics.
pub fn parse(reference: &str) -> Result<ImageRef<'_>, ImageError> {
    let s = reference;
    if s.is_empty() {
        return Err(invalid(InvalidKind::Empty, 0, 0));
    }
    if let Some(i) = s.find('$') {
        return Err(ImageError::Unresolved {
            range: TextRange::new(i, variable_end(s, i)),
        });
    }
    // A template placeholder (`{{ACR_NAME}}.azurecr.io/…`, as Azure/azureml-examples writes
    // the images its scripts fill in) is not judgeable either.
    if let Some(i) = s.find("{{") {
        let end = s[i..].find("}}").map_or(s.len(), |e| i + e + 2);
        return Err(ImageError::Unresolved {
            range: TextRange::new(i, end),
        });
    }
    if let Some(i) = s.find(char::is_whitespace) {
        let end = s[i..]
            .find(|c: char| !c.is_whitespace())
            .map_or(s.len(), |e| i + e);
        return Err(invalid(InvalidKind::Whitespace, i, end));
    }
    if let Some(i) = s.find('\\') {
        return Err(invalid(InvalidKind::Backslash, i, i + 1));
    }
    if let Some(i) = s.find("://") {
        if i > 0
            && s[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        {
            return Err(invalid(InvalidKind::Scheme, 0, i + 3));
        }
    }
    if let Some(r) = userinfo(s) {
        return Err(invalid(InvalidKind::Userinfo, r.start, r.end));
    }
    if let Some(i) = s.find("//") {
        return Err(invalid(InvalidKind::DoubleSlash, i, i + 2));
    }
    if s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(invalid(InvalidKind::HexIdentifier, 0, s.len()));
    }

    // name[:tag][@digest]: the digest starts at the first `@` (`referencePat`).
    let (name_tag, digest) = match s.find('@') {
        Some(at) => (&s[..at], Some(at + 1)),
        None => (s, None),
    };
    let digest = match digest {
        Some(start) => Some(check_digest(s, start)?),
        None => None,
    };
    // The tag is after the last `:` that follows the last `/` (a `:` before a `/` is a port).
    let slash = name_tag.rfind('/');
    let colon = name_tag
        .rfind(':')
        .filter(|&c| slash.is_none_or(|sl| c > sl));
    let (name, tag) = match colon {
        Some(c) => (&name_tag[..c], Some(c + 1)),
        None => (name_tag, None),
    };
    let tag = match tag {
        Some(start) => Some(check_tag(s, start, name_tag.len())?),
        None => None,
    };
    if name.is_empty() {
        return Err(invalid(InvalidKind::EmptyComponent, 0, 0));
    }

    // `splitDockerDomain`: the first component is a registry when it is `localhost`, holds a
    // `.` or a `:`, or has upper case; otherwise the reference is on Docker Hub.
    let (registry, path_start) = match name.split_once('/') {
        Some((first, _))
            if first == "localhost"
                || first.contains(['.', ':'])
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            if !first.contains(['.', ':']) && first != "localhost" {
                // Valid by the grammar, but an upper-case "namespace" sends the pull to a host of
                // that name: almost surely a Docker Hub organisation written with capitals.
                return Err(invalid(InvalidKind::UppercaseNamespace, 0, first.len()));
            }
            check_domain(first)?;
            (Some(first), first.len() + 1)
        }
        _ => (None, 0),
    };
    let path = &name[path_start..];
    check_path(path_start, path)?;
    if path.len() > REPOSITORY_NAME_MAX {
        return Err(invalid(InvalidKind::NameTooLong, path_start, name.len()));
    }
    Ok(ImageRef {
        registry,
        path,
        tag: tag.map(|r: TextRange| &s[r.start..r.end]),
        digest: digest.map(|r: TextRange| &s[r.start..r.end]),
        registry_range: registry.map(|r| TextRange::new(0, r.len())),
        path_range: TextRange::new(path_start, name.len()),
        tag_range: tag,
        digest_range: digest,
    })
}

/// The end of a variable reference starting at `i` (`$NAME`, `${…}`).
fn variable_end(s: &str, i: usize) -> usize {
    let rest = &s[i + 1..];
    if rest.starts_with('{') {
        return rest.find('}').map_or(s.len(), |e| i + 1 + e + 1);
    }
    let n = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    i + 1 + n
}

/// The range of credentials written before the registry (`user:pass@registry/…`): an `@`
/// followed later by a `/` cannot start a digest (a digest holds no `/`), so what precedes it
/// is userinfo as in a URL. A leading `scheme://` is skipped. For AML012.
pub fn userinfo(reference: &str) -> Option<TextRange> {
    let start = match reference.find("://") {
        Some(i) if reference[..i].bytes().all(|b| b.is_ascii_alphanumeric()) => i + 3,
        _ => 0,
    };
    let rest = &reference[start..];
    let at = rest.find('@')?;
    if at == 0 || !rest[at..].contains('/') || rest[..at].contains('/') {
        return None;
    }
    Some(TextRange::new(start, start + at))
}

/// `[\w][\w.-]{0,127}` (`regexp.go`, `tag`), for the tag in `s[start..end]`.
fn check_tag(s: &str, start: usize, end: usize) -> Result<TextRange, ImageError> {
    let tag = &s[start..end];
    if tag.is_empty() {
        return Err(invalid(
            InvalidKind::EmptyTag,
            start.saturating_sub(1),
            start,
        ));
    }
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bad = tag
        .bytes()
        .enumerate()
        .find(|&(i, b)| !(word(b) || (i > 0 && matches!(b, b'.' | b'-'))));
    if bad.is_some() || tag.len() > TAG_MAX {
        return Err(invalid(InvalidKind::InvalidTag, start, end));
    }
    Ok(TextRange::new(start, end))
}

/// `digestPat` (`regexp.go`) and go-digest `Digest.Validate`: a known algorithm and exactly as
/// many lower-case hex digits as its hash has.
fn check_digest(s: &str, start: usize) -> Result<TextRange, ImageError> {
    let digest = &s[start..];
    let range = TextRange::new(start, s.len());
    if digest.is_empty() {
        return Err(invalid(InvalidKind::EmptyDigest, start - 1, start));
    }
    let bad = || invalid(InvalidKind::InvalidDigest, range.start, range.end);
    let (algorithm, hex) = digest.split_once(':').ok_or_else(bad)?;
    let algorithm_ok = !algorithm.is_empty()
        && algorithm.split(['-', '_', '+', '.']).all(|part| {
            part.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
                && part.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    if !algorithm_ok || hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let expected = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => {
            return Err(invalid(
                InvalidKind::UnsupportedDigest,
                start,
                start + algorithm.len(),
            ))
        }
    };
    if hex.len() != expected {
        return Err(invalid(
            InvalidKind::DigestLength,
            start + algorithm.len() + 1,
            s.len(),
        ));
    }
    if hex.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(bad());
    }
    Ok(range)
}

/// `domainAndPort` (`regexp.go`): DNS-like components of `[a-zA-Z0-9-]` (no dash at either
/// end) joined by dots, or `[ipv6]`, then an optional `:port`.
fn check_domain(domain: &str) -> Result<(), ImageError> {
    let bad = || invalid(InvalidKind::InvalidRegistry, 0, domain.len());
    let (host, port) = if let Some(rest) = domain.strip_prefix('[') {
        let close = rest.find(']').ok_or_else(bad)?;
        let ip = &rest[..close];
        if ip.is_empty() || !ip.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return Err(bad());
        }
        let after = &rest[close + 1..];
        (
            None,
            if after.is_empty() {
                None
            } else {
                Some(after.strip_prefix(':').ok_or_else(bad)?)
            },
        )
    } else {
        match domain.split_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(domain), None),
        }
    };
    if let Some(host) = host {
        let component_ok = |c: &str| {
            let b = c.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        };
        if !host.split('.').all(component_ok) {
            return Err(bad());
        }
    }
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
    }
    Ok(())
}

/// `remoteName` (`regexp.go`): components of `[a-z0-9]+` joined by one `.`, one or two `_`, or
/// any number of `-`, separated by `/`. `offset` is where `path` starts in the reference.
fn check_path(offset: usize, path: &str) -> Result<(), ImageError> {
    let mut at = offset;
    for component in path.split('/') {
        let end = at + component.len();
        if component.is_empty() {
            return Err(invalid(
                InvalidKind::EmptyComponent,
                at.saturating_sub(1),
                (at + 1).min(offset + path.len()),
            ));
        }
        // `Parse`: valid once lower-cased, so the complaint is the case.
        if component.bytes().any(|b| b.is_ascii_uppercase())
            && check_component(&component.to_ascii_lowercase()).is_ok()
        {
            return Err(invalid(InvalidKind::UppercasePath, at, end));
        }
        if let Err((kind, i, j)) = check_component(component) {
            return Err(invalid(kind, at + i, at + j));
        }
        at = end + 1;
    }
    Ok(())
}

/// One `pathComponent`; on error the kind and the range within the component.
fn check_component(c: &str) -> Result<(), (InvalidKind, usize, usize)> {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    let separator = |x: u8| matches!(x, b'.' | b'_' | b'-');
    if let Some((i, ch)) = c
        .char_indices()
        .find(|&(_, ch)| !(ch.is_ascii() && (alnum(ch as u8) || separator(ch as u8))))
    {
        return Err((InvalidKind::InvalidCharacter, i, i + ch.len_utf8()));
    }
    if !alnum(b[0]) {
        return Err((InvalidKind::InvalidSeparator, 0, 1));
    }
    if !alnum(b[b.len() - 1]) {
        return Err((InvalidKind::InvalidSeparator, b.len() - 1, b.len()));
    }
    // Runs of separators: one `.`, one or two `_`, or any number of `-`.
    let mut i = 0;
    while i < b.len() {
        if separator(b[i]) {
            let j = i + b[i..].iter().take_while(|x| separator(**x)).count();
            let run = &c[i..j];
            let ok = run == "." || run == "_" || run == "__" || run.bytes().all(|x| x == b'-');
            if !ok {
                return Err((InvalidKind::InvalidSeparator, i, j));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    Ok(())
}

/// Registries Azure ML's deprecated images are pulled from: Microsoft's (`mcr.microsoft.com`),
/// and none written (the article writes `azureml/base`, Docker Hub's old `azureml` namespace).
const DEPRECATED_REGISTRIES: &[&str] = &["mcr.microsoft.com", "docker.io"];

/// The entry of `data/aml-deprecated-images.tsv` this image is, any tag or digest (AML009).
pub fn deprecated(image: &ImageRef) -> Option<crate::data::DeprecatedImage> {
    if !DEPRECATED_REGISTRIES.contains(&image.domain()) {
        return None;
    }
    crate::data::aml_deprecated_image(image.path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> ImageRef<'_> {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    fn kind(s: &str) -> InvalidKind {
        match parse(s) {
            Err(ImageError::Invalid(i)) => i.kind,
            other => panic!("{s}: {other:?}"),
        }
    }

    fn range_text(s: &str) -> &str {
        match parse(s) {
            Err(ImageError::Invalid(i)) => &s[i.range.start..i.range.end],
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn docker_hub_short_names() {
        let r = ok("ubuntu");
        assert_eq!(
            (r.registry, r.path, r.tag, r.digest),
            (None, "ubuntu", None, None)
        );
        assert_eq!(r.domain(), "docker.io");
        assert_eq!(r.repository(), "library/ubuntu");
        assert_eq!(r.pinning(), Pinning::Untagged);
        let r = ok("library/ubuntu:22.04");
        assert_eq!(
            (r.registry, r.path, r.tag),
            (None, "library/ubuntu", Some("22.04"))
        );
        assert_eq!(r.repository(), "library/ubuntu");
        let r = ok("docker.io/tensorflow/serving:latest");
        assert_eq!(
            (r.registry, r.path, r.tag),
            (Some("docker.io"), "tensorflow/serving", Some("latest"))
        );
        assert_eq!(r.pinning(), Pinning::Latest);
        assert_eq!(
            ok("index.docker.io/library/python:3.8").domain(),
            "docker.io"
        );
    }

    #[test]
    fn registries_ports_and_ranges() {
        let s = "localhost:5000/x:1";
        let r = ok(s);
        assert_eq!(
            (r.registry, r.path, r.tag),
            (Some("localhost:5000"), "x", Some("1"))
        );
        assert_eq!(
            &s[r.tag_range.unwrap().start..r.tag_range.unwrap().end],
            "1"
        );
        assert_eq!(&s[r.path_range.start..r.path_range.end], "x");
        assert_eq!(r.registry_range, Some(TextRange::new(0, 14)));
        let r = ok("localhost/x");
        assert_eq!(r.registry, Some("localhost"));
        let r = ok("test:5000/repo");
        assert_eq!(
            (r.registry, r.path, r.tag),
            (Some("test:5000"), "repo", None)
        );
        let r = ok("test.com:5000");
        assert_eq!(
            (r.registry, r.path, r.tag),
            (None, "test.com", Some("5000")),
            "reference_test.go: a tag, not a port"
        );
        let r = ok("192.168.1.1:5000/repo:5050");
        assert_eq!(
            (r.registry, r.tag),
            (Some("192.168.1.1:5000"), Some("5050"))
        );
        let r = ok("[2001:db8::1]:5000/repo:tag");
        assert_eq!(
            (r.registry, r.path, r.tag),
            (Some("[2001:db8::1]:5000"), "repo", Some("tag"))
        );
        let r = ok("b.gcr.io/test.example.com/my-app:test.example.com");
        assert_eq!(
            (r.registry, r.path),
            (Some("b.gcr.io"), "test.example.com/my-app")
        );
        ok("xn--n3h.com/myimage:xn--n3h.com");
        ok("sub-dom1.foo.com/bar/baz/quux:some-long-tag");
        ok("foo/foo_bar.com:8080");
        // The registry host may have upper case (`domainNameComponent` is [a-zA-Z0-9]).
        let r = ok("MyRegistry.azurecr.io/team/app:1");
        assert_eq!(r.registry, Some("MyRegistry.azurecr.io"));
        // The tag may have upper case too.
        assert_eq!(ok("lowercase:Uppercase").tag, Some("Uppercase"));
    }

    #[test]
    fn digests_and_pinning() {
        let hex = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
        let s = format!("test:5000/repo:tag@sha256:{hex}");
        let r = ok(&s);
        assert_eq!((r.tag, r.digest.map(|d| d.len())), (Some("tag"), Some(71)));
        assert_eq!(r.pinning(), Pinning::Digest, "a digest wins over the tag");
        assert_eq!(
            &s[r.digest_range.unwrap().start..r.digest_range.unwrap().end],
            format!("sha256:{hex}")
        );
        assert_eq!(
            ok(&format!("ubuntu@sha256:{hex}")).pinning(),
            Pinning::Digest
        );
        assert_eq!(
            ok(&format!("ubuntu:latest@sha256:{hex}")).pinning(),
            Pinning::Digest
        );
        assert_eq!(ok("ubuntu:22.04").pinning(), Pinning::Tag);
        assert!(Pinning::Tag.is_pinned() && Pinning::Digest.is_pinned());
        assert!(!Pinning::Latest.is_pinned() && !Pinning::Untagged.is_pinned());
        assert_eq!(
            ok("ubuntu:Latest").pinning(),
            Pinning::Tag,
            "tags are case-sensitive: only `latest` moves"
        );
        ok(&format!("x@sha512:{}", "a".repeat(128)));
        assert_eq!(
            kind("repo@sha256:ffffffffffffffffffffffffffffffffff"),
            InvalidKind::DigestLength
        );
        assert_eq!(
            kind(&format!("validname@invaliddigest:{hex}")),
            InvalidKind::UnsupportedDigest
        );
        assert_eq!(
            kind(&format!("x@sha256:{}", hex.to_uppercase())),
            InvalidKind::InvalidDigest
        );
        assert_eq!(kind("x@sha256"), InvalidKind::InvalidDigest);
        assert_eq!(
            kind("x@sha256:abc"),
            InvalidKind::InvalidDigest,
            "fewer than 32 hex digits"
        );
        assert_eq!(kind("x@"), InvalidKind::EmptyDigest);
        assert_eq!(kind(&format!("@sha256:{hex}")), InvalidKind::EmptyComponent);
    }

    #[test]
    fn the_catalogue_cases_of_aml005() {
        assert_eq!(
            kind("mcr.microsoft.com//azureml/base:1"),
            InvalidKind::DoubleSlash
        );
        assert_eq!(range_text("mcr.microsoft.com//azureml/base:1"), "//");
        assert_eq!(kind(r"C:\images\ubuntu"), InvalidKind::Backslash);
        assert_eq!(kind(r"azureml\base"), InvalidKind::Backslash);
        assert_eq!(
            kind("mcr.microsoft.com/AzureML/base:1"),
            InvalidKind::UppercasePath
        );
        assert_eq!(range_text("mcr.microsoft.com/AzureML/base:1"), "AzureML");
        assert_eq!(
            kind("Uppercase:tag"),
            InvalidKind::UppercasePath,
            "reference_test.go"
        );
        assert_eq!(
            kind("test:5000/Uppercase/lowercase:tag"),
            InvalidKind::UppercasePath,
            "reference_test.go"
        );
        assert_eq!(kind("MyOrg/image:1"), InvalidKind::UppercaseNamespace);
        assert_eq!(kind("ubuntu 22.04"), InvalidKind::Whitespace);
        assert_eq!(range_text("ubuntu:22.04 "), " ");
        assert_eq!(kind("ubuntu:"), InvalidKind::EmptyTag);
        assert_eq!(range_text("ubuntu:"), ":");
        assert_eq!(
            kind("mcr.microsoft.com/azureml/base:"),
            InvalidKind::EmptyTag
        );
        assert_eq!(
            kind("https://mcr.microsoft.com/azureml/base:1"),
            InvalidKind::Scheme
        );
        assert_eq!(
            range_text("https://mcr.microsoft.com/azureml/base:1"),
            "https://"
        );
        assert_eq!(kind(""), InvalidKind::Empty);
    }

    #[test]
    fn other_grammar_violations() {
        assert_eq!(kind(":justtag"), InvalidKind::EmptyComponent);
        assert!(
            matches!(parse("aa/asdf$$^/aa"), Err(ImageError::Unresolved { .. })),
            "reference_test.go's case holds `$`: a variable here"
        );
        assert_eq!(kind("aa/asdf^/aa"), InvalidKind::InvalidCharacter);
        assert_eq!(range_text("aa/asdf^/aa"), "^");
        assert_eq!(kind("repo/"), InvalidKind::EmptyComponent);
        assert_eq!(kind("/repo"), InvalidKind::EmptyComponent);
        assert_eq!(kind("a..b"), InvalidKind::InvalidSeparator);
        assert_eq!(kind("a___b"), InvalidKind::InvalidSeparator);
        ok("a__b");
        ok("a---b");
        assert_eq!(kind("-a"), InvalidKind::InvalidSeparator);
        assert_eq!(kind("a-/b"), InvalidKind::InvalidSeparator);
        assert_eq!(kind("my_host.com:/x"), InvalidKind::InvalidRegistry);
        assert_eq!(kind("my_host.com/x"), InvalidKind::InvalidRegistry);
        assert_eq!(kind("host.com:80a/x"), InvalidKind::InvalidRegistry);
        assert_eq!(
            kind("[fe80::1%eth0]:5000/repo"),
            InvalidKind::InvalidRegistry
        );
        assert_eq!(kind("x:-tag"), InvalidKind::InvalidTag);
        assert_eq!(kind("x:.tag"), InvalidKind::InvalidTag);
        assert_eq!(kind("x:ta+g"), InvalidKind::InvalidTag);
        assert_eq!(
            kind(&format!("x:{}", "a".repeat(129))),
            InvalidKind::InvalidTag
        );
        ok(&format!("x:{}", "a".repeat(128)));
        assert_eq!(
            kind(&format!("domain/{}:tag", "a".repeat(256))),
            InvalidKind::NameTooLong
        );
        ok(&format!("{}a:tag-puts-this-over-max", "a/".repeat(127)));
        assert_eq!(kind(&"a".repeat(64)), InvalidKind::HexIdentifier);
        assert_eq!(kind("ubuntü"), InvalidKind::InvalidCharacter);
        assert_eq!(range_text("ubuntü"), "ü");
    }

    #[test]
    fn variables_are_not_judged() {
        // The last four: Azure/azureml-examples `cli/endpoints/online/custom-container/**/*.yml`.
        for s in [
            "${BASE}",
            "$BASE",
            "mcr.microsoft.com/azureml/${IMAGE}:${TAG}",
            "repo:$TAG",
            "x:${TAG:-1}",
            "{{ACR_NAME}}.azurecr.io/azureml-examples/minimal-multimodel:1",
            "{{ACR_NAME}}.azurecr.io/r_server",
            "{{acr_name}}.azurecr.io/azureml-examples/mlflow-cc-{{model_name}}:latest",
            "{{acr_name}}.azurecr.io/azureml-examples/triton-cc:latest",
        ] {
            assert!(
                matches!(parse(s), Err(ImageError::Unresolved { .. })),
                "{s}"
            );
        }
        let Err(ImageError::Unresolved { range }) = parse("repo:${TAG}x") else {
            panic!()
        };
        assert_eq!(range, TextRange::new(5, 11));
        let Err(ImageError::Unresolved { range }) = parse("$BASE_IMAGE:1") else {
            panic!()
        };
        assert_eq!(range, TextRange::new(0, 11));
        assert!(parse("$").unwrap_err().invalid().is_none());
    }

    #[test]
    fn credentials_in_a_reference() {
        let s = "user:secret@myregistry.azurecr.io/app:1";
        assert_eq!(userinfo(s), Some(TextRange::new(0, 11)));
        assert_eq!(kind(s), InvalidKind::Userinfo);
        assert_eq!(
            userinfo("https://user:pw@host.io/x"),
            Some(TextRange::new(8, 15))
        );
        assert_eq!(
            userinfo("host.io/x@sha256:abc"),
            None,
            "a digest, not userinfo"
        );
        assert_eq!(userinfo("ubuntu@sha256:abc"), None);
        assert_eq!(userinfo("ubuntu"), None);
        assert_eq!(userinfo("@host/x"), None);
    }

    /// Every `image:` of Azure/azureml-examples at 085cd6ea (`git grep -h 'image:'` over its
    /// YAML, deduplicated) and every `FROM` of its 42 Dockerfiles: none invalid; the untagged
    /// ones are honestly unpinned.
    #[test]
    fn microsofts_own_images_are_valid() {
        let cases: &[(&str, Pinning)] = &[
            ("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", Pinning::Untagged),
            ("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest", Pinning::Latest),
            ("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20230620.v1", Pinning::Tag),
            ("mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu18.04:latest", Pinning::Latest),
            ("mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04", Pinning::Untagged),
            ("mcr.microsoft.com/azureml/minimal-py312-inference:latest", Pinning::Latest),
            ("mcr.microsoft.com/azureml/curated/mlflow-py312-inference:latest", Pinning::Latest),
            ("mcr.microsoft.com/azureml/curated/acpt-pytorch-1.11-py38-cuda11.3-gpu", Pinning::Untagged),
            ("mcr.microsoft.com/azureml/curated/llm-rag-embeddings:latest", Pinning::Latest),
            ("mcr.microsoft.com/azureml/mlflow-ubuntu18.04-py37-cpu-inference:20220110.v1", Pinning::Tag),
            ("mcr.microsoft.com/azureml/promptflow/promptflow-runtime:latest", Pinning::Latest),
            ("mcr.microsoft.com/aifx/acpt/stable-ubuntu2204-cu124-py310-torch251:biweekly.202505.1", Pinning::Tag),
            ("mcr.microsoft.com/openjdk/jdk:11-ubuntu", Pinning::Tag),
            ("ptebic.azurecr.io/public/azureml/aifx/stable-ubuntu2004-cu117-py38-torch1131:biweekly.202301.2", Pinning::Tag),
            ("nvcr.io/nvidia/tritonserver:21.08-py3", Pinning::Tag),
            ("nvcr.io/nvidia/pytorch:22.02-py3", Pinning::Tag),
            ("nvcr.io/nvidia/tensorflow:22.02-tf2-py3", Pinning::Tag),
            ("rocker/tidyverse:4.0.0-ubuntu18.04", Pinning::Tag),
            ("rocker/tidyverse:latest", Pinning::Latest),
            ("rstudio/plumber:latest", Pinning::Latest),
            ("docker.io/tensorflow/serving:latest", Pinning::Latest),
            ("tensorflow/serving", Pinning::Untagged),
            ("pytorch/torchserve:latest-cpu", Pinning::Tag),
            ("python:3.8", Pinning::Tag),
            ("python:3.8.13", Pinning::Tag),
            ("ubuntu:18.04", Pinning::Tag),
            ("nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04", Pinning::Tag),
            ("python:3.10-slim-bookworm", Pinning::Tag),
            ("pytorch/pytorch:latest", Pinning::Latest),
            ("docker.io/python", Pinning::Untagged),
            ("library/python:3.11.6", Pinning::Tag),
            ("library/python:latest", Pinning::Latest),
            ("python", Pinning::Untagged),
            ("mcr.microsoft.com/aznhc/aznhc-nv", Pinning::Untagged),
            ("mcr.microsoft.com/azureml/curated/tensorflow-2.12-cuda11:latest", Pinning::Latest),
            ("mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04:20220113.v1", Pinning::Tag),
            ("mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.8-cudnn8-ubuntu22.04:latest", Pinning::Latest),
            ("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04", Pinning::Untagged),
            ("mcr.microsoft.com/azureml/openmpi5.0-cuda12.4-ubuntu22.04:latest", Pinning::Latest),
            ("mcr.microsoft.com/mmlspark/release:1.0.0-rc3", Pinning::Tag),
            ("placeholder.azurecr.io/repo/img:v1", Pinning::Tag),
        ];
        for &(s, pinning) in cases {
            let r = ok(s);
            assert_eq!(r.pinning(), pinning, "{s}");
            // Every part's range holds exactly that part.
            assert_eq!(&s[r.path_range.start..r.path_range.end], r.path);
            if let (Some(reg), Some(range)) = (r.registry, r.registry_range) {
                assert_eq!(&s[range.start..range.end], reg);
            }
            if let (Some(tag), Some(range)) = (r.tag, r.tag_range) {
                assert_eq!(&s[range.start..range.end], tag);
            }
        }
    }

    #[test]
    fn deprecated_images_match_with_and_without_the_registry() {
        let name = |s: &str| deprecated(&ok(s)).map(|d| d.name);
        assert_eq!(
            name("mcr.microsoft.com/azureml/base:latest"),
            Some("azureml/base")
        );
        assert_eq!(name("azureml/base"), Some("azureml/base"));
        assert_eq!(
            name("azureml/base-gpu:intelmpi2018.3-cuda10.0-cudnn7-ubuntu16.04"),
            Some("azureml/base-gpu")
        );
        assert_eq!(
            name("mcr.microsoft.com/azureml/o16n-base/python-slim:1"),
            Some("azureml/o16n-base/python-slim")
        );
        assert_eq!(
            name("mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04"),
            Some("azureml/openmpi3.1.2-ubuntu18.04")
        );
        assert_eq!(
            name("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20230620.v1"),
            Some("azureml/openmpi4.1.0-ubuntu20.04")
        );
        assert_eq!(
            name("docker.io/azureml/intelmpi2018.3-ubuntu16.04@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            Some("azureml/intelmpi2018.3-ubuntu16.04")
        );
        let d = deprecated(&ok("azureml/base")).unwrap();
        assert!(
            d.source.contains("how-to-troubleshoot-environments.md"),
            "{}",
            d.source
        );
        // Current images, other registries, and near names are not deprecated.
        assert_eq!(
            name("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest"),
            None
        );
        assert_eq!(name("mcr.microsoft.com/azureml/base-lite-new"), None);
        assert_eq!(
            name("myregistry.azurecr.io/azureml/base:1"),
            None,
            "a copy in a private registry is the user's own image"
        );
        assert_eq!(
            name("mcr.microsoft.com/azureml/curated/acpt-pytorch-1.11-py38-cuda11.3-gpu"),
            None
        );
    }

    /// Property: `parse` and `userinfo` never panic, and every range they give lies on
    /// character boundaries inside the input.
    #[test]
    fn never_panics_on_arbitrary_strings() {
        use proptest::prelude::*;
        let alphabet = "[a-zA-Z0-9:/@._\\-$ {}\\\\\\[\\]ü#%+]{0,40}";
        proptest!(ProptestConfig::with_cases(4000), |(s in alphabet)| {
            check_ranges(&s);
        });
        proptest!(ProptestConfig::with_cases(2000), |(s in any::<String>())| {
            check_ranges(&s);
        });
    }

    fn check_ranges(s: &str) {
        let inside = |r: TextRange| {
            r.start <= r.end
                && r.end <= s.len()
                && s.is_char_boundary(r.start)
                && s.is_char_boundary(r.end)
        };
        match parse(s) {
            Ok(r) => {
                assert!(inside(r.path_range));
                for range in [r.registry_range, r.tag_range, r.digest_range]
                    .into_iter()
                    .flatten()
                {
                    assert!(inside(range), "{s:?}");
                }
                let _ = (r.pinning(), r.repository(), r.short_name(), deprecated(&r));
            }
            Err(ImageError::Invalid(i)) => assert!(inside(i.range), "{s:?} {i:?}"),
            Err(ImageError::Unresolved { range }) => assert!(inside(range), "{s:?}"),
        }
        if let Some(r) = userinfo(s) {
            assert!(inside(r));
        }
    }
}
