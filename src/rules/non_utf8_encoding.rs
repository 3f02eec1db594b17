use super::*;
use crate::source::Encoding;

pub(crate) struct NonUtf8Encoding;

static META: RuleMeta = RuleMeta {
    code: "ENV016",
    name: "non-utf8-encoding",
    summary: "the file is UTF-16 or has a UTF-8 byte order mark",
    severity: Severity::Warning,
    default_on: true,
    fix: FixAvailability::None,
    status: Status::Stable { since: "0.1.0" },
    doc: include_str!("../../lints/non-utf8-encoding.md"),
};

impl Rule for NonUtf8Encoding {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, env: &EnvFile, cx: &mut LintContext<'_>) {
        if env.encoding != Encoding::Utf8 {
            cx.report(
                TextRange::empty(0),
                format!("file is encoded as {}; some builders read environment files as plain UTF-8", env.encoding.label()),
            )
            .help("save the file as UTF-8 without a byte order mark");
        }
    }
}
