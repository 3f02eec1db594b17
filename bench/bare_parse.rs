//! The floor for the benchmark: read every file named on the command line (directories are
//! walked for `.yml`/`.yaml` files) and run the same YAML parser condalint uses over it,
//! building nothing. Prints the number of events so the work cannot be optimised away.

use std::path::{Path, PathBuf};

use serde_saphyr::granit_parser::Parser;

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            collect(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args_os().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    let mut events = 0usize;
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        for event in Parser::new_from_str(&text) {
            if event.is_err() {
                break;
            }
            events += 1;
        }
    }
    println!("{events} events");
}
