use super::*;
use crate::settings::Target;
use crate::source::Encoding;

declare_rule! {
    NonUtf8Encoding { code: "ENV016", name: "non-utf8-encoding", severity: Warning, default_on: true, fix: None, unparsed: true, document: Document::Any }
    summary: "the file is UTF-16 or has a UTF-8 byte order mark";
    fn check(env, cx) {
        if env.encoding == Encoding::Utf8 {
            return;
        }
        let utf16 = matches!(env.encoding, Encoding::Utf16Le | Encoding::Utf16Be);
        // conda-lock opens the file as text in the locale's encoding (UTF-8) and pixi reads it
        // line by line into Rust strings: both stop on the first UTF-16 byte.
        let failing = match cx.settings.target {
            Some(target @ (Target::CondaLock | Target::Pixi)) if utf16 => Some(target.label()),
            _ => None,
        };
        let label = env.encoding.label();
        match failing {
            Some(tool) => {
                cx.report(TextRange::empty(0), format!("file is encoded as {label}; {tool} reads environment files as UTF-8 and fails on it"))
                    .help("save the file as UTF-8 without a byte order mark")
                    .severity(Severity::Error);
            }
            None => {
                cx.report(TextRange::empty(0), format!("file is encoded as {label}; some builders read environment files as plain UTF-8"))
                    .help("save the file as UTF-8 without a byte order mark");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::settings::{Settings, Target};
    use crate::source::SourceFile;

    fn severity(bytes: &[u8], target: Option<Target>) -> Option<Severity> {
        let settings = Settings { target, ..Settings::default() };
        crate::lint(&SourceFile::from_bytes("environment.yml", bytes), &settings, &crate::DiskFileSystem).iter().find(|d| d.code == "ENV016").map(|d| d.severity)
    }

    fn utf16le(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn utf16_is_an_error_only_for_tools_that_cannot_read_it() {
        let text = "name: a\nchannels: [conda-forge]\ndependencies:\n  - python=3.12\n";
        let utf16 = utf16le(text);
        assert_eq!(severity(&utf16, None), Some(Severity::Warning));
        assert_eq!(severity(&utf16, Some(Target::Conda)), Some(Severity::Warning));
        assert_eq!(severity(&utf16, Some(Target::Mamba)), Some(Severity::Warning));
        assert_eq!(severity(&utf16, Some(Target::CondaLock)), Some(Severity::Error));
        assert_eq!(severity(&utf16, Some(Target::Pixi)), Some(Severity::Error));
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(severity(&bom, Some(Target::CondaLock)), Some(Severity::Warning), "conda-lock and pixi skip a UTF-8 BOM");
        assert_eq!(severity(text.as_bytes(), Some(Target::Pixi)), None);
    }
}
