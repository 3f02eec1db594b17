//! Comments scanned from the raw text (the YAML parser drops them).

use crate::source::TextRange;

/// Byte offset of the `#` that starts a comment on this line, if any: a `#` at the start of the
/// line or after whitespace, outside single- or double-quoted text.
pub fn comment_start(line: &str) -> Option<usize> {
    if !line.contains('#') {
        return None;
    }
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => {
                if q == '\'' && chars.peek().map(|&(_, n)| n) == Some('\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None if c == '#' && prev.is_whitespace() => return Some(i),
            None if (c == '"' || c == '\'') && (prev.is_whitespace() || "[{,:-".contains(prev)) => quote = Some(c),
            None => {}
        }
        prev = c;
    }
    None
}

/// A `# …` comment; `text` is what follows the `#`.
#[derive(Clone, Debug)]
pub struct Comment {
    pub range: TextRange,
    pub text: String,
}

/// Every `# …` comment of the text, scanned once per file (selectors and suppression
/// directives are read from them).
pub fn comments(text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    if memchr::memchr(b'#', text.as_bytes()).is_none() {
        return out;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(at) = comment_start(content) {
            out.push(Comment { range: TextRange::new(offset + at, offset + content.len()), text: content[at + 1..].to_owned() });
        }
        offset += line.len();
    }
    out
}

/// The first Jinja expression or statement (`{{ … }}`, `{% … %}`) outside comments.
pub fn find_template(text: &str) -> Option<TextRange> {
    if !text.contains("{{") && !text.contains("{%") {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = &line[..comment_start(line).unwrap_or(line.len())];
        for (open, close) in [("{{", "}}"), ("{%", "%}")] {
            // `${{ inputs.x }}` is an Azure ML (or GitHub Actions) expression, not Jinja.
            let expression = |start: usize| open == "{{" && code[..start].ends_with('$');
            let Some((start, _)) = code.match_indices(open).find(|&(start, _)| !expression(start)) else { continue };
            if let Some(end) = code[start + 2..].find(close) {
                return Some(TextRange::new(offset + start, offset + start + 2 + end + 2));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_outside_quotes() {
        assert_eq!(comment_start("  - numpy  # [win]"), Some(11));
        assert_eq!(comment_start("# top"), Some(0));
        assert_eq!(comment_start("name: 'a # b' # c"), Some(14));
        assert_eq!(comment_start("url: http://x/#frag"), None);
        assert_eq!(comment_start(r#"x: "a \" # b""#), None);
    }

    #[test]
    fn finds_templates_but_not_in_comments() {
        assert_eq!(find_template("name: x\n# {{ no }}\n"), None);
        let text = "name: x\n  - {{ pin }}\n";
        assert_eq!(find_template(text).map(|r| &text[r.start..r.end]), Some("{{ pin }}"));
        assert!(find_template("{% if win %}\n").is_some());
        assert_eq!(find_template("command: python train.py --data ${{inputs.data}}\n"), None, "an Azure ML expression");
        let text = "a: ${{inputs.x}} {{ jinja }}\n";
        assert_eq!(find_template(text).map(|r| &text[r.start..r.end]), Some("{{ jinja }}"));
    }
}
