use super::*;
use crate::diagnostic::suppress::{matches_rule, Directive, FileDirectives};
use crate::diagnostic::{Edit, Fix};

declare_rule! {
    UnusedSuppression { code: "SUP001", name: "unused-suppression", severity: Warning, default_on: true, fix: Sometimes, document: Document::Any }
    summary: "a suppression comment that suppresses nothing, names an unknown rule or is malformed";
    // The suppression pass reports these, once every rule has run (`report`).
    fn check(_env, _cx) {}
}

/// Reports the malformed directives and the directives (or codes in a list) that covered no
/// finding; called by the suppression pass with what each directive covered.
pub(crate) fn report(source: &SourceFile, env: &EnvFile, settings: &crate::Settings, files: &[FileDirectives<'_>], diagnostics: &mut Vec<Diagnostic>) {
    if !META.runs_on(env, settings) {
        return;
    }
    let cx = &mut LintContext::new(source, settings, &META, diagnostics);
    for file in files {
        let text: &str = &file.source.text;
        for malformed in &file.directives.malformed {
            cx.report_in(file.file, malformed.range, "this `condalint:` comment is not a suppression directive")
                .help("write `# condalint: ignore[CODE]` for a line or node, or `# condalint: ignore-file[CODE]` for the whole file; a reason goes after a second `#`");
        }
        for (i, directive) in file.directives.directives.iter().enumerate() {
            let is_used = |code: Option<usize>| file.used.contains(&(i, code));
            let Some(codes) = &directive.codes else {
                if !is_used(None) {
                    cx.report_in(file.file, directive.range, "unused suppression: no finding here to suppress")
                        .help("remove the comment")
                        .fix(Fix::safe("remove the unused suppression", [removal(text, directive)]));
                }
                continue;
            };
            let mut problems = Vec::new();
            let mut keep = Vec::new();
            for (k, code) in codes.iter().enumerate() {
                let rule = RULES.iter().map(|r| r.meta()).find(|m| matches_rule(&code.text, m.code, m.name));
                match rule {
                    None => problems.push(format!("unknown rule `{}`", code.text)),
                    Some(meta) if std::ptr::eq(meta, &META) => problems.push(format!("`{}` cannot be suppressed inline", code.text)),
                    Some(meta) if !settings.is_enabled(meta) => problems.push(format!("`{}` is not enabled", code.text)),
                    Some(_) if !is_used(Some(k)) => problems.push(format!("`{}` reports nothing here", code.text)),
                    Some(_) => keep.push(code.text.as_str()),
                }
            }
            if problems.is_empty() {
                continue;
            }
            let fix = match (keep.is_empty(), directive.list) {
                (true, _) | (_, None) => Fix::safe("remove the unused suppression", [removal(text, directive)]),
                (false, Some(list)) => Fix::safe("remove the unused codes", [Edit::replace(list, format!("[{}]", keep.join(", ")))]),
            };
            cx.report_in(file.file, directive.range, format!("unused suppression: {}", problems.join("; ")))
                .help(if keep.is_empty() { "remove the comment" } else { "remove the unused codes from the list" })
                .fix(fix);
        }
    }
}

/// The edit that removes a directive: its whole line when the comment is alone on it, else the
/// directive and the spaces before it.
fn removal(text: &str, directive: &Directive) -> Edit {
    if directive.own_line && !directive.after_text {
        return Edit::delete(whole_lines(text, directive.range));
    }
    let start = text[..directive.range.start].trim_end_matches([' ', '\t']).len();
    Edit::delete(TextRange::new(start, directive.range.end))
}
