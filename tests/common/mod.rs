//! Running the built binary from integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The date the tests lint on (`CONDALINT_TODAY`): python-end-of-life findings do not change as
/// pythons reach their end of life.
pub const TODAY: &str = "2026-12-01";

/// Runs condalint in `cwd` with `args`, feeding `stdin` (colour settings of the caller removed).
pub fn condalint(args: &[&str], cwd: &Path, stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_condalint"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env("CONDALINT_TODAY", TODAY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut pipe = child.stdin.take().unwrap();
    // A binary that exits on a usage error does not read its input: a closed pipe is fine.
    let _ = pipe.write_all(stdin.unwrap_or_default());
    drop(pipe);
    child.wait_with_output().unwrap()
}

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally, not by a signal")
}
