//! `--fix`, `--unsafe-fixes`, `--diff` end to end: what is written, what survives, exit codes.

mod common;

use common::{code, condalint, text};

/// Findings with a safe fix (CHN003, PIP001), unsafe ones (CDA006, and PIP002 once PIP001's
/// fix has added an unpinned pip), a comment and a quoted value that must survive.
const BROKEN: &str = "# team environment\nname: 'train'\nchannels:\n  - conda-forge\n  - conda-forge   # twice\n  - nodefaults\ndependencies:\n  - python=3.12  # keep me\n  - numpy=1.26.4=py311h64a7726_0\n  - pip:\n      - requests==2.31.0\n";

const SAFE_FIXED: &str = "# team environment\nname: 'train'\nchannels:\n  - conda-forge\n  - nodefaults\ndependencies:\n  - python=3.12  # keep me\n  - numpy=1.26.4=py311h64a7726_0\n  - pip\n  - pip:\n      - requests==2.31.0\n";

#[test]
fn fix_applies_safe_fixes_keeps_comments_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("environment.yml"), BROKEN).unwrap();
    let out = condalint(&["--fix", "--output-format", "concise", "environment.yml"], dir.path(), None);
    assert_eq!(std::fs::read_to_string(dir.path().join("environment.yml")).unwrap(), SAFE_FIXED);
    assert_eq!(code(&out), 1, "PIP002 and CDA006 remain");
    assert_eq!(
        text(&out.stdout),
        "environment.yml:8:18: CDA006 [warning] `numpy=1.26.4=py311h64a7726_0` pins build `py311h64a7726_0`, which exists for one platform only\n\
         environment.yml:9:5: PIP002 [warning] pip is not pinned; each build installs the newest pip, which may resolve the pip section differently or fail\n"
    );
    // A second run changes nothing.
    let again = condalint(&["--fix", "environment.yml"], dir.path(), None);
    assert_eq!(std::fs::read_to_string(dir.path().join("environment.yml")).unwrap(), SAFE_FIXED);
    assert!(!text(&again.stdout).contains("Fixed"), "{}", text(&again.stdout));
}

#[test]
fn unsafe_fixes_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("environment.yml"), BROKEN).unwrap();
    let out = condalint(&["--fix", "--unsafe-fixes", "environment.yml"], dir.path(), None);
    let after = std::fs::read_to_string(dir.path().join("environment.yml")).unwrap();
    let newest_pip = condalint::data::pip_releases().last().unwrap().written;
    assert_eq!(after, SAFE_FIXED.replace("numpy=1.26.4=py311h64a7726_0", "numpy=1.26.4").replace("  - pip\n", &format!("  - pip={newest_pip}\n")));
    assert!(text(&out.stdout).contains("Fixed 4 problems in 1 file"), "{}", text(&out.stdout));
}

#[test]
fn diff_prints_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("environment.yml"), BROKEN).unwrap();
    let out = condalint(&["--diff", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 1, "a diff exits 1");
    assert_eq!(std::fs::read_to_string(dir.path().join("environment.yml")).unwrap(), BROKEN, "nothing written");
    insta::assert_snapshot!("diff", text(&out.stdout));
    assert_eq!(text(&out.stderr), "Would fix 2 problems in 1 file\n");
    let clean = "name: ok\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n";
    std::fs::write(dir.path().join("environment.yml"), clean).unwrap();
    let out = condalint(&["--diff", "environment.yml"], dir.path(), None);
    assert_eq!((code(&out), text(&out.stdout)), (0, String::new()));
}

#[test]
fn crlf_bom_and_utf16_survive() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = BROKEN.replace('\n', "\r\n");
    let with_bom = [&[0xEF, 0xBB, 0xBF][..], crlf.as_bytes()].concat();
    std::fs::write(dir.path().join("environment.yml"), &with_bom).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(BROKEN.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.path().join("utf16-environment.yml"), &utf16).unwrap();
    condalint(&["--fix", "environment.yml", "utf16-environment.yml"], dir.path(), None);
    let expected = [&[0xEF, 0xBB, 0xBF][..], SAFE_FIXED.replace('\n', "\r\n").as_bytes()].concat();
    assert_eq!(std::fs::read(dir.path().join("environment.yml")).unwrap(), expected, "BOM and CRLF kept, inserted line has CRLF");
    let expected16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(SAFE_FIXED.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert_eq!(std::fs::read(dir.path().join("utf16-environment.yml")).unwrap(), expected16, "UTF-16 LE kept");
}

#[cfg(unix)]
#[test]
fn permissions_symlinks_and_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real-environment.yml");
    std::fs::write(&real, BROKEN).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real-environment.yml", dir.path().join("environment.yml")).unwrap();
    let locked = dir.path().join("locked-environment.yml");
    std::fs::write(&locked, BROKEN).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();

    let out = condalint(&["--fix", "locked-environment.yml", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 2, "a file that cannot be written is an error");
    assert_eq!(text(&out.stderr), "condalint: error: locked-environment.yml: the file is read-only; not fixed\n");
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), BROKEN, "read-only file untouched");
    assert_eq!(std::fs::read_to_string(&real).unwrap(), SAFE_FIXED, "the other file is still fixed, through the link");
    assert!(std::fs::symlink_metadata(dir.path().join("environment.yml")).unwrap().file_type().is_symlink(), "the link stays a link");
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640, "permissions kept");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn exit_non_zero_on_fix_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let only_safe = "name: x\nchannels:\n  - conda-forge\n  - conda-forge\ndependencies:\n  - python=3.11\n";
    std::fs::write(dir.path().join("environment.yml"), only_safe).unwrap();
    let out = condalint(&["--fix", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 0, "nothing remains: {}", text(&out.stdout));
    std::fs::write(dir.path().join("environment.yml"), only_safe).unwrap();
    let out = condalint(&["--fix", "--exit-non-zero-on-fix", "environment.yml"], dir.path(), None);
    assert_eq!(code(&out), 1);

    let out = condalint(&["--fix", "--output-format", "concise", "-"], dir.path(), Some(BROKEN.as_bytes()));
    assert_eq!(text(&out.stdout), SAFE_FIXED, "the fixed text goes to stdout");
    assert!(text(&out.stderr).contains("PIP002"), "the report goes to stderr: {}", text(&out.stderr));
}
