use super::*;
use crate::source::Encoding;

declare_rule! {
    NonUtf8Encoding { code: "ENV016", name: "non-utf8-encoding", severity: Warning, default_on: true, fix: None }
    summary: "the file is UTF-16 or has a UTF-8 byte order mark";
    fn check(env, cx) {
        if env.encoding != Encoding::Utf8 {
            cx.report(
                TextRange::empty(0),
                format!("file is encoded as {}; some builders read environment files as plain UTF-8", env.encoding.label()),
            )
            .help("save the file as UTF-8 without a byte order mark");
        }
    }
}
