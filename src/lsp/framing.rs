//! JSON-RPC framing on a byte stream (`Content-Length` headers), read by our own reader:
//! `lsp-server`'s stdio transport ends the connection on a body that is not JSON, and a
//! language server must outlive one bad message.

use std::io::{self, BufRead, Write};

use lsp_server::Message;

/// Largest message body read; a longer one is skipped (and answered with an error): memory
/// stays bounded whatever a client sends. Larger than the 32 MiB file limit and its escaping.
pub const MAX_BODY: usize = 96 * 1024 * 1024;

/// One framed message as read.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    /// A body that is not a JSON-RPC message: why, and its `id` when one could be read.
    Malformed { code: i32, reason: String, id: Option<serde_json::Value> },
}

/// Reads the next frame; `None` at the end of the stream. A header that cannot be read (no
/// `Content-Length`) is skipped up to the next blank line and reported as malformed.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<usize> = None;
    let mut header_lines = 0;
    let mut line = String::new();
    loop {
        line.clear();
        if read_line(input, &mut line)? == 0 {
            return Ok(None);
        }
        let text = line.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if header_lines == 0 {
                continue;
            }
            break;
        }
        header_lines += 1;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Some(malformed(-32700, "message header has no valid content-length")));
    };
    if length > MAX_BODY {
        io::copy(&mut io::Read::take(&mut *input, length as u64), &mut io::sink())?;
        return Ok(Some(malformed(-32600, "message body is larger than 96 MiB; skipped")));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

/// A header line, at most 8 KiB of it kept (a header is short; a stream of garbage is not
/// held in memory).
fn read_line(input: &mut impl BufRead, line: &mut String) -> io::Result<usize> {
    let mut bytes = Vec::new();
    let read = io::Read::take(&mut *input, 8 * 1024).read_until(b'\n', &mut bytes)?;
    if read == 8 * 1024 && bytes.last() != Some(&b'\n') {
        skip_line(input)?;
    }
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(read)
}

/// Reads up to the next line break without keeping what it reads.
fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match memchr::memchr(b'\n', buffer) {
            Some(at) => {
                input.consume(at + 1);
                return Ok(());
            }
            None => {
                let all = buffer.len();
                input.consume(all);
            }
        }
    }
}

fn malformed(code: i32, reason: &str) -> Frame {
    Frame::Malformed { code, reason: reason.to_owned(), id: None }
}

/// A body → a message, or why it is not one.
pub fn parse(body: &[u8]) -> Frame {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => return Frame::Malformed { code: -32700, reason: format!("message body is not JSON: {error}"), id: None },
    };
    let id = value.get("id").cloned();
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Frame::Message(message),
        Err(error) => Frame::Malformed { code: -32600, reason: format!("not a JSON-RPC message: {error}"), id },
    }
}

/// Writes one message, framed.
pub fn write(output: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(output)
}

/// Writes an error response whose id may be `null` (a message that could not be read has none
/// that `lsp_server` can represent).
pub fn write_error(output: &mut impl Write, id: Option<serde_json::Value>, code: i32, reason: &str) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(serde_json::Value::Null),
        "error": { "code": code, "message": reason },
    })
    .to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(stream: &str) -> Vec<String> {
        let mut input = io::BufReader::new(stream.as_bytes());
        std::iter::from_fn(|| read(&mut input).unwrap()).map(|f| format!("{f:?}")).collect()
    }

    #[test]
    fn survives_bodies_that_are_not_messages() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let stream = format!("Content-Length: 5\r\n\r\nnot {{Content-Length: 8\r\n\r\n{{\"id\":1}}Content-Type: x\r\n\r\nContent-Length: {}\r\n\r\n{ok}", ok.len());
        let got = frames(&stream);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[0].contains("-32700") && got[1].contains("-32600") && got[1].contains("Number(1)"));
        assert!(got[2].contains("no valid content-length") && got[3].contains("initialized"));
    }
}
