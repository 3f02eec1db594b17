//! Finding environment files in directories.

use std::fs;
use std::path::{Path, PathBuf};

/// Whether a file name is an environment file name:
/// `(?i)^([^/]*environment[^/]*|env|conda[^/]*)\.ya?ml$`.
pub fn is_environment_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let Some(stem) = lower.strip_suffix(".yml").or_else(|| lower.strip_suffix(".yaml")) else {
        return false;
    };
    stem.contains("environment") || stem == "env" || stem.starts_with("conda")
}

/// Whether a file is an Azure ML definition a walk picks up (by name, then its first 2 KB).
fn is_definition(name: &str, path: &Path) -> bool {
    use std::io::Read;
    crate::aml::is_definition(name, || {
        let mut head = Vec::with_capacity(2048);
        fs::File::open(path).and_then(|f| f.take(2048).read_to_end(&mut head)).ok().map(|_| head)
    })
}

/// The files a command-line path stands for.
pub struct Expanded {
    pub files: Vec<PathBuf>,
    /// Whether they were found by walking a directory (rather than named).
    pub walked: bool,
}

/// A path given on the command line → the files to lint. A file is always linted, whatever its
/// name; a directory is walked for environment files, respecting `.gitignore`.
pub fn expand(path: &Path) -> Result<Expanded, String> {
    let meta = fs::metadata(path).map_err(|e| format!("{}: {}", path.display(), io_message(&e)))?;
    if !meta.is_dir() {
        return Ok(Expanded { files: vec![path.to_path_buf()], walked: false });
    }
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(path)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    for entry in walker {
        let Ok(entry) = entry else { continue };
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if is_file && entry.file_name().to_str().is_some_and(|name| is_environment_file_name(name) || is_definition(name, entry.path())) {
            // `condalint .` reports `envs/environment.yml`, not `./envs/environment.yml`.
            let path = entry.into_path();
            found.push(path.strip_prefix(".").map(Path::to_path_buf).unwrap_or(path));
        }
    }
    found.sort();
    Ok(Expanded { files: found, walked: true })
}

/// A path as the report names it: relative to the current directory when it is below it (no
/// leading `./`, `..` folded), else absolute. `./env.yml`, `env.yml` and `$PWD/env.yml` are one
/// `filename`, one SARIF URI and one GitLab fingerprint. Symlinks are not resolved: the name
/// stays the one the user knows.
pub fn report_path(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else { return path.to_path_buf() };
    let folded = crate::files::key(path);
    match folded.strip_prefix(&cwd) {
        Ok(relative) if relative.as_os_str().is_empty() => PathBuf::from("."),
        Ok(relative) => relative.to_path_buf(),
        Err(_) => folded,
    }
}

/// The commands a mistyped bare word may have meant.
const COMMANDS: [&str; 7] = ["check", "rules", "rule", "config", "server", "completions", "manpage"];

/// For a path that does not exist: the command it is a near miss of (`rulez`, `chek`), when it
/// is a bare word.
pub fn near_command(path: &Path) -> Option<&'static str> {
    let word = path.to_str().filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))?;
    let word = word.to_ascii_lowercase();
    let (distance, command) = COMMANDS.iter().map(|c| (crate::rules::edit_distance(&word, c), *c)).min_by_key(|(d, _)| *d)?;
    (distance <= 2 && distance < word.len()).then_some(command)
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_of_commands() {
        assert_eq!(near_command(Path::new("rulez")), Some("rules"));
        assert_eq!(near_command(Path::new("chek")), Some("check"));
        assert_eq!(near_command(Path::new("Config")), Some("config"));
        assert_eq!(near_command(Path::new("envs")), None);
        assert_eq!(near_command(Path::new("ruled.yml")), None, "a file name is not a bare word");
    }

    #[test]
    fn environment_file_names() {
        for yes in ["environment.yml", "dev-environment.yaml", "env.yml", "conda-specification.yml", "conda_dependencies.yml", "Environment.YML"] {
            assert!(is_environment_file_name(yes), "{yes}");
        }
        for no in ["config.yml", "environment.txt", "myenv.yml", "ci.yaml"] {
            assert!(!is_environment_file_name(no), "{no}");
        }
    }
}
