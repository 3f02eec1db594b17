use super::*;

declare_rule! {
    DuplicateChannel { code: "CHN003", name: "duplicate-channel", severity: Warning, default_on: true, fix: Sometimes }
    summary: "the same channel is listed twice";
    fn check(env, cx) {
        let Some(channels) = &env.channels else { return };
        for (i, channel) in channels.items.iter().enumerate() {
            let key = normalize_channel(&channel.value);
            let Some(first) = channels.items[..i].iter().find(|c| normalize_channel(&c.value) == key) else { continue };
            let text = &cx.source.text;
            let removable = starts_line(text, channel.range.start) && ends_line(text, channel.range.end);
            let lines = whole_lines(text, channel.range);
            let diagnostic = cx
                .report(channel.range, format!("channel `{}` is listed twice; the later entry has no effect", channel.value))
                .label(first.range, "first listed here")
                .help("remove the later entry");
            if removable && text[lines.start..channel.range.start].trim_start().starts_with('-') {
                diagnostic.fix(crate::diagnostic::Fix::safe("remove the duplicate channel", [crate::diagnostic::Edit::delete(lines)]));
            }
        }
    }
}
