//! Credentials written in linted files (passwords and tokens in URLs): found once per file, and
//! masked in every text that leaves the core: messages, labels, helps, fix titles, suppression
//! reasons, the source text shown in snippets, and diffs. Renderers never see a secret.

use std::borrow::Cow;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, TextRange};

/// What a credential is replaced by where the text need not keep its length.
const MASK: &str = "****";

/// A secret this long is also masked where it appears outside a URL (shorter ones would mask
/// ordinary words).
const MIN_FREE_LEN: usize = 6;

/// A credential inside a URL: the URL's range and the secret's range, both in the text searched.
pub(crate) struct Secret {
    pub url: TextRange,
    pub secret: TextRange,
    pub what: &'static str,
}

/// Every URL with a password (`user:secret@`) or a token as its user (`ghp_…@`, 20+ letters and
/// digits). A user name alone and `${VAR}` placeholders are fine.
pub(crate) fn find_secrets(text: &str) -> Vec<Secret> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&text.as_bytes()[from..], b"://") {
        let scheme_end = from + found;
        // By bytes: a scheme is ASCII, and every byte of a multi-byte character stops the scan,
        // so the start is always a character boundary.
        let start = text.as_bytes()[..scheme_end].iter().rposition(|b| !(b.is_ascii_alphanumeric() || b"+-.".contains(b))).map_or(0, |i| i + 1);
        let rest_start = scheme_end + 3;
        let end = text[rest_start..].find(|c: char| c.is_whitespace() || "\"'`<>".contains(c)).map_or(text.len(), |i| rest_start + i);
        from = end.max(rest_start);
        let authority_end = text[rest_start..end].find(['/', '?', '#']).map_or(end, |i| rest_start + i);
        let authority = &text[rest_start..authority_end];
        let Some(at) = authority.rfind('@') else { continue };
        let userinfo = &authority[..at];
        let (secret, what) = match userinfo.split_once(':') {
            Some((_, password)) => (password, "password"),
            None if looks_like_token(userinfo) => (userinfo, "token"),
            None => continue,
        };
        if secret.is_empty() || secret.starts_with('$') {
            continue;
        }
        let secret_start = rest_start + userinfo.len() - secret.len();
        out.push(Secret { url: TextRange::new(start, end), secret: TextRange::new(secret_start, secret_start + secret.len()), what });
    }
    out
}

/// Credentials an Azure ML definition writes outside URLs (AML012): the value of a
/// `password` key (v1 `docker.baseImageRegistry.password`, JSON or YAML), and the password
/// (or a token user) of an image reference written with userinfo (`image:` / `baseImage:`
/// `user:secret@registry/repo:tag`, [`crate::aml::image::userinfo`]). Ranges in `text`.
pub(crate) fn find_definition_secrets(text: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    if !may_hold_definition_secret(text) {
        return out;
    }
    let bytes = text.as_bytes();
    for key in [&b"password"[..], b"mage"] {
        let mut from = 0;
        while let Some(found) = memchr::memmem::find(&bytes[from..], key) {
            let at = from + found;
            from = at + key.len();
            if key == b"mage" && !(at > 0 && matches!(bytes[at - 1], b'i' | b'I')) {
                continue;
            }
            let Some(value) = key_value(text, at + key.len()) else { continue };
            let shown = &text[value.start..value.end];
            if key == b"password" {
                if !(shown.is_empty() || shown == "null" || shown == "~" || shown.starts_with('$')) {
                    out.push(value);
                }
                continue;
            }
            let Some(info) = crate::aml::image::userinfo(shown) else { continue };
            let userinfo = &shown[info.start..info.end];
            let (secret_start, secret) = match userinfo.split_once(':') {
                Some((user, password)) => (info.start + user.len() + 1, password),
                None if looks_like_token(userinfo) => (info.start, userinfo),
                None => continue,
            };
            if !secret.is_empty() && !secret.starts_with('$') {
                out.push(TextRange::new(value.start + secret_start, value.start + secret_start + secret.len()));
            }
        }
    }
    out
}

/// Whether a text may hold what [`find_definition_secrets`] finds (one cheap scan each).
fn may_hold_definition_secret(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"password").is_some() || (memchr::memchr(b'@', text.as_bytes()).is_some() && memchr::memmem::find(text.as_bytes(), b"mage").is_some())
}

/// The scalar value after a key whose name ends at `at`: an optional closing quote, spaces,
/// `:`, spaces, then a quoted string (its content) or a plain scalar up to `,`, `}`, `]`,
/// ` #` or the end of the line. `None` when no `:` follows (the word is not a key).
fn key_value(text: &str, at: usize) -> Option<TextRange> {
    let bytes = text.as_bytes();
    let mut i = at;
    if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
        i += 1;
    }
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    if bytes.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    match bytes.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && bytes[j] != q && bytes[j] != b'\n' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            Some(TextRange::new(start, j.min(bytes.len())))
        }
        Some(_) => {
            let start = i;
            let mut j = start;
            while j < bytes.len() && !matches!(bytes[j], b',' | b'}' | b']' | b'\n' | b'\r') && !(bytes[j] == b'#' && matches!(bytes[j - 1], b' ' | b'\t')) {
                j += 1;
            }
            let end = start + text[start..j].trim_end().len();
            Some(TextRange::new(start, end))
        }
        None => None,
    }
}

fn looks_like_token(user: &str) -> bool {
    let prefixed = ["ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "gldt-", "xoxb-", "npm_"].iter().any(|p| user.starts_with(p));
    prefixed || (user.len() >= 20 && user.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The text with every credential in a URL replaced by `****` (for a rule quoting a URL).
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for secret in find_secrets(text) {
        out.push_str(&text[pos..secret.secret.start]);
        out.push_str(MASK);
        pos = secret.secret.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The credentials of one linted file and the files it includes.
#[derive(Clone, Debug, Default)]
pub struct Secrets {
    /// Secrets long enough to be masked wherever they appear, longest first.
    free: Vec<Box<str>>,
}

impl Secrets {
    /// The secrets written in URLs of these texts (a file and its includes), one scan each.
    pub fn find<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut free: Vec<Box<str>> = Vec::new();
        for text in texts {
            free.extend(find_secrets(text).into_iter().map(|s| &text[s.secret.start..s.secret.end]).filter(|s| s.len() >= MIN_FREE_LEN).map(Box::from));
            free.extend(find_definition_secrets(text).into_iter().map(|r| &text[r.start..r.end]).filter(|s| s.len() >= MIN_FREE_LEN).map(Box::from));
        }
        free.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        free.dedup();
        Self { free }
    }

    /// Adds the secrets found in other files (a conda file an Azure ML definition names).
    pub fn extend(&mut self, other: Secrets) {
        self.free.extend(other.free);
        self.free.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        self.free.dedup();
    }

    /// Where `text` holds a credential: in a URL, or a known secret anywhere; sorted, disjoint.
    fn ranges(&self, text: &str) -> Vec<TextRange> {
        let mut ranges: Vec<TextRange> = find_secrets(text).into_iter().map(|s| s.secret).collect();
        ranges.extend(find_definition_secrets(text));
        for secret in &self.free {
            ranges.extend(text.match_indices(&**secret).map(|(i, s)| TextRange::new(i, i + s.len())));
        }
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<TextRange> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }

    /// The text with every credential replaced by `****`: messages, helps, diffs.
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.replace(text, |_| MASK.into())
    }

    /// The text with every credential masked by `*` of the same byte length, so that ranges into
    /// the text stay valid: the source text snippets are drawn from.
    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.replace(text, |len| "*".repeat(len).into())
    }

    fn replace<'a>(&self, text: &'a str, by: impl Fn(usize) -> Cow<'static, str>) -> Cow<'a, str> {
        if self.free.is_empty() && !text.contains("://") && !may_hold_definition_secret(text) {
            return Cow::Borrowed(text);
        }
        let ranges = self.ranges(text);
        if ranges.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        for range in ranges {
            out.push_str(&text[pos..range.start]);
            out.push_str(&by(range.len()));
            pos = range.end;
        }
        out.push_str(&text[pos..]);
        Cow::Owned(out)
    }

    /// The file as a report shows it: its text masked (the same file when it holds no secret).
    pub fn mask_file(&self, source: &Arc<SourceFile>) -> Arc<SourceFile> {
        self.masked(source).map_or_else(|| source.clone(), Arc::new)
    }

    /// A masked copy of the file, if it holds a secret: the same length and line breaks, so its
    /// line index still holds.
    fn masked(&self, source: &SourceFile) -> Option<SourceFile> {
        let Cow::Owned(text) = self.mask(&source.text) else { return None };
        let mut masked = source.clone();
        masked.text = text.into();
        Some(masked)
    }

    /// Masks every text of the findings. A fix whose new text holds a secret cannot be shown
    /// masked without breaking it: it is dropped.
    pub fn mask_diagnostics(&self, diagnostics: &mut [Diagnostic]) {
        let scrub = |text: &mut String| {
            if let Cow::Owned(masked) = self.redact(text) {
                *text = masked;
            }
        };
        for d in diagnostics {
            scrub(&mut d.message);
            if let Some(help) = &mut d.help {
                if let Cow::Owned(masked) = self.redact(help) {
                    *help = masked.into();
                }
            }
            for label in d.secondary.iter_mut().chain(std::iter::once(&mut d.primary)) {
                label.message.as_mut().map(scrub);
            }
            if let Some(reason) = d.suppression.as_mut().and_then(|s| s.reason.as_mut()) {
                scrub(reason);
            }
            if d.fix.as_ref().is_some_and(|f| f.edits.iter().any(|e| matches!(self.redact(&e.content), Cow::Owned(_)))) {
                d.fix = None;
            }
            if let Some(fix) = &mut d.fix {
                if let Cow::Owned(masked) = self.redact(&fix.title) {
                    fix.title = masked.into();
                }
            }
        }
    }
}

/// One file as a report shows it, masked with its own secrets.
pub fn mask_source(source: &SourceFile) -> SourceFile {
    Secrets::find([&*source.text]).masked(source).unwrap_or_else(|| source.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_redacts_secrets() {
        assert_eq!(redact("--index-url https://builder:s3cret@pkgs.example.com/simple"), "--index-url https://builder:****@pkgs.example.com/simple");
        assert_eq!(redact("git+https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o/r.git"), "git+https://****@github.com/o/r.git");
        assert_eq!(redact("git+ssh://git@github.com/o/r.git"), "git+ssh://git@github.com/o/r.git");
        assert_eq!(redact("https://${USER}:${PASSWORD}@host/simple"), "https://${USER}:${PASSWORD}@host/simple");
        assert_eq!(redact("https://user@host/a@b"), "https://user@host/a@b");
        assert_eq!(find_secrets("x https://a:b@h/ y https://c:d@h/").len(), 2);
    }

    #[test]
    fn azure_ml_registry_passwords_and_image_userinfo_are_secrets() {
        let shown = |text: &str| find_definition_secrets(text).into_iter().map(|r| text[r.start..r.end].to_owned()).collect::<Vec<_>>();
        assert_eq!(shown("\"baseImageRegistry\": {\"address\": \"r.azurecr.io\", \"username\": \"bot\", \"password\": \"pw\"}"), ["pw"]);
        assert_eq!(shown("\"username\": null, \"password\": null, \"registryIdentity\": null"), Vec::<String>::new());
        assert_eq!(shown("    password: hunter2  # rotate\n"), ["hunter2"]);
        assert_eq!(shown("password: ${REGISTRY_PASSWORD}\n"), Vec::<String>::new());
        assert_eq!(shown("image: bot:s3cret@myregistry.azurecr.io/train:1.0\n"), ["s3cret"]);
        assert_eq!(shown("\"baseImage\": \"bot:pw@r.azurecr.io/x:1\","), ["pw"]);
        assert_eq!(shown("image: ghp_abcdefghijklmnopqrstuvwxyz0123@r.io/x:1\n"), ["ghp_abcdefghijklmnopqrstuvwxyz0123"]);
        assert_eq!(shown("image: python@sha256:abc\nimage: bot@r.io/x:1\n"), Vec::<String>::new(), "a digest; a user alone");
        assert_eq!(shown("the password is not a key; images: none"), Vec::<String>::new());
        let file = "{\"docker\": {\"baseImageRegistry\": {\"password\": \"pw\"}}}\n";
        let secrets = Secrets::find([file]);
        assert_eq!(secrets.mask(file), "{\"docker\": {\"baseImageRegistry\": {\"password\": \"**\"}}}\n");
        let file = "image: bot:hunter2hunter2@r.io/x:1\n# hunter2hunter2\n";
        assert_eq!(Secrets::find([file]).redact(file), "image: bot:****@r.io/x:1\n# ****\n");
    }

    #[test]
    fn a_url_after_a_multibyte_character_starts_on_a_boundary() {
        let text = "ǿ1://u:p@h éhttps://u:p@h";
        let found = find_secrets(text);
        let urls: Vec<&str> = found.iter().map(|s| &text[s.url.start..s.url.end]).collect();
        assert_eq!(urls, ["1://u:p@h", "https://u:p@h"]);
        assert_eq!(redact(text), "ǿ1://u:****@h éhttps://u:****@h");
    }

    #[test]
    fn known_secrets_are_masked_everywhere_and_masks_keep_lengths() {
        let file = "channels: [https://u:hunter2hunter2@h/c]\n# the password is hunter2hunter2\n";
        let secrets = Secrets::find([file]);
        assert_eq!(secrets.redact(file), "channels: [https://u:****@h/c]\n# the password is ****\n");
        let masked = secrets.mask(file);
        assert_eq!(masked.len(), file.len());
        assert_eq!(masked, "channels: [https://u:**************@h/c]\n# the password is **************\n");
        assert!(matches!(secrets.redact("nothing here"), Cow::Borrowed(_)));
        // A URL secret in a text the secrets were not found in is masked all the same.
        assert_eq!(Secrets::default().redact("a https://u:pw@h/ b"), "a https://u:****@h/ b");
        assert_eq!(Secrets::default().mask("https://u:pw@h/"), "https://u:**@h/");
    }
}
