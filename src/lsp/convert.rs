//! Between the core and the protocol: document URIs and paths, byte ranges and editor
//! positions (through the one line index), condalint's findings and LSP diagnostics.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{self as lsp, Uri};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{ColumnUnit, SourceFile, TextRange};

/// The path of a `file:` URI (percent-decoded); `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file:///p` (empty authority) or `file://localhost/p`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // `file:///C:/x` → `C:/x`.
        Some(PathBuf::from(text.strip_prefix('/').filter(|t| t.as_bytes().get(1) == Some(&b':')).unwrap_or(&text)))
    }
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The `file:` URI of an absolute path, percent-encoding all but unreserved characters and `/`.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let text = path.to_string_lossy();
    let text = text.replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => uri.push(b as char),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

/// An editor position of a byte offset.
pub fn position(source: &SourceFile, offset: usize, unit: ColumnUnit) -> lsp::Position {
    let (line, col) = source.position(offset, unit);
    lsp::Position::new(saturate(line), saturate(col))
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn range(source: &SourceFile, range: TextRange, unit: ColumnUnit) -> lsp::Range {
    lsp::Range::new(position(source, range.start, unit), position(source, range.end, unit))
}

/// The byte offset of an editor position.
pub fn offset(source: &SourceFile, position: lsp::Position, unit: ColumnUnit) -> usize {
    source.offset_at(position.line as usize, position.character as usize, unit)
}

/// A finding as an LSP diagnostic; `source` is the file it is in. A label in another file
/// names that file's URI.
pub fn diagnostic(source: &SourceFile, uri: &Uri, d: &Diagnostic, unit: ColumnUnit) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|label| {
            let (file, uri) = match &label.file {
                Some(file) => (&**file, path_to_uri(Path::new(&file.path))?),
                None => (source, uri.clone()),
            };
            let location = lsp::Location::new(uri, range(file, label.range, unit));
            Some(lsp::DiagnosticRelatedInformation { location, message: label.message.clone().unwrap_or_default() })
        })
        .collect();
    lsp::Diagnostic {
        range: range(source, d.primary.range, unit),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_owned())),
        code_description: Uri::from_str(&crate::doc_url(d.name)).ok().map(|href| lsp::CodeDescription { href }),
        source: Some("condalint".to_owned()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: d.help.as_deref().map(|help| serde_json::json!({ "name": d.name, "help": help })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_percent_escapes() {
        let path = Path::new("/tmp/a b/énv#1.yml");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9nv%231.yml");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        assert_eq!(uri_to_path(&Uri::from_str("untitled:Untitled-1").unwrap()), None);
        assert_eq!(uri_to_path(&Uri::from_str("file://localhost/x/y.yml").unwrap()).as_deref(), Some(Path::new("/x/y.yml")));
    }
}
