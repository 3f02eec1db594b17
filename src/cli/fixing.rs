//! Writing fixed files and showing fixes as diffs.

use std::io::Write;
use std::path::Path;

/// A unified diff of a file before and after fixes (`--- a/path`, `+++ b/path`, 3 lines of
/// context), empty when nothing changed. Credentials are masked on both sides, in changed lines
/// and context alike: the diff is a report, not the user's file.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    let secrets = crate::secrets::Secrets::find([before, after]);
    let (before, after) = (secrets.redact(before), secrets.redact(after));
    let diff = similar::TextDiff::from_lines(&*before, &*after);
    let mut out = diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Replaces the file at `path` with `bytes` atomically: a temporary file in the same directory
/// (a symlink is followed and its target rewritten), the original permissions, then a rename.
/// A read-only file is left untouched; a file that does not exist yet is created (`--output-file`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let (target, permissions) = match std::fs::canonicalize(path) {
        Ok(target) => {
            let meta = std::fs::metadata(&target).map_err(|e| format!("cannot read the file's permissions: {e}"))?;
            if meta.permissions().readonly() {
                return Err("the file is read-only".into());
            }
            (target, Some(meta.permissions()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (path.to_path_buf(), None),
        Err(e) => return Err(format!("cannot resolve the path: {e}")),
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let (tmp_path, mut tmp) = (0..100)
        .find_map(|n| {
            let candidate = dir.join(format!(".{name}.condalint-{}-{n}.tmp", std::process::id()));
            std::fs::OpenOptions::new().write(true).create_new(true).open(&candidate).ok().map(|f| (candidate, f))
        })
        .ok_or("cannot create a temporary file next to it")?;
    let result = tmp
        .write_all(bytes)
        .and_then(|()| tmp.sync_all())
        .and_then(|()| permissions.map_or(Ok(()), |p| std::fs::set_permissions(&tmp_path, p)))
        .and_then(|()| std::fs::rename(&tmp_path, &target));
    if let Err(error) = result {
        let _ = std::fs::remove_file(&tmp_path);
        return Err(format!("cannot write the file: {error}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_has_headers_and_context() {
        let diff = unified_diff("env.yml", "a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(diff, "--- a/env.yml\n+++ b/env.yml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assert_eq!(unified_diff("env.yml", "same\n", "same\n"), "");
        let before = "url: https://u:hunter2hunter2@h/c\nx: a\n# hunter2hunter2\n";
        let diff = unified_diff("env.yml", before, &before.replace("x: a", "x: b"));
        assert_eq!(diff, "--- a/env.yml\n+++ b/env.yml\n@@ -1,3 +1,3 @@\n url: https://u:****@h/c\n-x: a\n+x: b\n # ****\n");
    }
}
