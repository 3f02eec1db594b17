//! `condalint server` spoken to over its standard input and output, as an editor does:
//! the same findings as `check --output-format json`, positions in UTF-16 (and UTF-8 when
//! offered), open buffers over the disk, code actions, hover, settings, and robustness (bodies
//! that are not JSON, invalid params, unknown methods, a 10 MB document, 1,000 rapid changes,
//! the exit codes of shutdown and exit). The real editor (Neovim) is `scripts/check-editors.sh`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A client: the server's messages are read on a thread; anything on stdout that is not a
/// framed JSON message fails the test.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Result<Value, String>>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    notifications: Vec<Value>,
}

fn read_frames(stdout: impl Read, sender: std::sync::mpsc::Sender<Result<Value, String>>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            match line.split_once(": ") {
                Some((name, value)) if name.eq_ignore_ascii_case("content-length") => length = value.parse::<usize>().ok(),
                _ => {
                    let _ = sender.send(Err(format!("stray output on stdout: {line:?}")));
                    return;
                }
            }
        }
        let mut body = vec![0; length.expect("content-length")];
        reader.read_exact(&mut body).unwrap();
        let message = serde_json::from_slice::<Value>(&body).map_err(|e| format!("not JSON on stdout: {e}"));
        if sender.send(message).is_err() {
            return;
        }
    }
}

impl Client {
    fn start(cwd: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_condalint"))
            .arg("server")
            .current_dir(cwd)
            .env("CONDALINT_TODAY", common::TODAY)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("binary runs");
        let (sender, incoming) = channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || read_frames(stdout, sender));
        let stdin = child.stdin.take().unwrap();
        Self { child, stdin, incoming, next_id: 1, notifications: Vec::new() }
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn recv(&mut self, timeout: Duration) -> Option<Value> {
        match self.incoming.recv_timeout(timeout) {
            Ok(Ok(message)) => Some(message),
            Ok(Err(problem)) => panic!("{problem}"),
            Err(_) => None,
        }
    }

    /// The response to a request (the whole message: `result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(json!(id))
    }

    fn response(&mut self, id: Value) -> Value {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            let Some(message) = self.recv(Duration::from_secs(120)) else { break };
            if message.get("method").is_none() && message["id"] == id {
                return message;
            }
            self.notifications.push(message);
        }
        panic!("no response to request {id}");
    }

    /// Waits for diagnostics of `uri` that satisfy `accept`: the `params` of the notification.
    fn diagnostics(&mut self, uri: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let matches = |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && accept(&m["params"]);
        if let Some(i) = self.notifications.iter().rposition(matches) {
            return self.notifications.drain(..=i).next_back().unwrap()["params"].clone();
        }
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            let Some(message) = self.recv(Duration::from_secs(120)) else { break };
            if matches(&message) {
                return message["params"].clone();
            }
            self.notifications.push(message);
        }
        panic!("no matching diagnostics for {uri}; got {:#?}", self.notifications);
    }

    fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let response = self.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": capabilities, "initializationOptions": options}));
        self.notify("initialized", json!({}));
        response
    }

    fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        let language = if path.extension().is_some_and(|e| e == "txt") { "pip-requirements" } else { "yaml" };
        self.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}));
        uri
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}));
    }

    /// `shutdown` then `exit`: the exit code, and nothing left unread on stdout.
    fn finish(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        while let Some(message) = self.recv(Duration::from_secs(5)) {
            assert_eq!(message["method"], "textDocument/publishDiagnostics", "unexpected message after shutdown: {message}");
        }
        status.code().expect("exited normally")
    }

    fn peak_memory_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

fn uri(path: &Path) -> String {
    let text = path.to_str().unwrap();
    let mut out = String::from("file://");
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// UTF-16 column of a 1-based character column on a 1-based line.
fn utf16_col(text: &str, row: u64, column: u64) -> u64 {
    let line = text.split('\n').nth(row as usize - 1).unwrap_or("");
    line.chars().take(column as usize - 1).map(|c| c.len_utf16() as u64).sum()
}

/// What the CLI reports for a file, as (code, start line, start UTF-16 column, end line, end
/// column), 0-based like LSP.
fn cli_findings(path: &Path, text: &str) -> Vec<(String, u64, u64, u64, u64)> {
    let out = common::condalint(&["check", "--output-format", "json", path.to_str().unwrap()], path.parent().unwrap(), None);
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let at = |l: &Value| (l["row"].as_u64().unwrap(), l["column"].as_u64().unwrap());
    let mut list: Vec<_> = findings
        .iter()
        .filter(|f| f["filename"].as_str().is_some_and(|n| Path::new(n).file_name() == path.file_name()))
        .map(|f| {
            let ((r1, c1), (r2, c2)) = (at(&f["location"]), at(&f["end_location"]));
            (f["code"].as_str().unwrap().to_owned(), r1 - 1, utf16_col(text, r1, c1), r2 - 1, utf16_col(text, r2, c2))
        })
        .collect();
    list.sort();
    list
}

fn lsp_findings(params: &Value) -> Vec<(String, u64, u64, u64, u64)> {
    let mut list: Vec<_> = params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().unwrap();
            (d["code"].as_str().unwrap().to_owned(), n(&r["start"]["line"]), n(&r["start"]["character"]), n(&r["end"]["line"]), n(&r["end"]["character"]))
        })
        .collect();
    list.sort();
    list
}

fn codes(params: &Value) -> Vec<String> {
    lsp_findings(params).into_iter().map(|f| f.0).collect()
}

/// Emoji (astral, two UTF-16 units) and accented text before findings on the same line.
const EMOJI_ENV: &str = "name: \"caf\u{e9} \u{1F600}\"\nchannels: [conda-forge, defaults]\ndependencies: [\"\u{1F600}\u{e9}\", python=3.11, pip, {pip: [requests==2.31.0]}]\n";

#[test]
fn diagnostics_equal_the_cli_json_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("environment.yml", std::fs::read_to_string(common::repo().join("examples/01-minimal/environment.yml")).unwrap()),
        ("emoji-environment.yml", EMOJI_ENV.to_owned()),
    ];
    let mut client = Client::start(dir.path());
    let init = client.initialize(json!({}), Value::Null);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    let mut published = Vec::new();
    for (name, text) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let uri = client.open(&path, text);
        let params = client.diagnostics(&uri, |_| true);
        let expected = cli_findings(&path, text);
        assert!(!expected.is_empty());
        assert_eq!(lsp_findings(&params), expected, "{name}");
        let first = &params["diagnostics"][0];
        assert_eq!(first["source"], "condalint");
        assert!(first["codeDescription"]["href"].as_str().unwrap().starts_with(condalint::DOCS_BASE), "{first}");
        assert_eq!(params["version"], 1);
        published.push(params);
    }
    // The emoji line: PIP002 on `pip` after two astral characters and an accent.
    let emoji = &published[1]["diagnostics"];
    let pip = emoji.as_array().unwrap().iter().find(|d| d["code"] == "PIP002").unwrap();
    let line = EMOJI_ENV.lines().nth(2).unwrap();
    let before = &line[..line.rfind(", pip,").unwrap() + 2];
    assert_eq!(pip["range"]["start"], json!({"line": 2, "character": before.encode_utf16().count()}));
    assert_ne!(before.encode_utf16().count(), before.chars().count());
    // PIP003 points at what conda installs: a related location.
    let pip003 = published[0]["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "PIP003").unwrap();
    assert_eq!(pip003["relatedInformation"].as_array().map(Vec::len), Some(1), "{pip003}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("environment.yml");
    let mut client = Client::start(dir.path());
    let init = client.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}), Value::Null);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let uri = client.open(&path, EMOJI_ENV);
    let params = client.diagnostics(&uri, |_| true);
    let line = EMOJI_ENV.lines().nth(2).unwrap();
    let pip = params["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "PIP002").expect("pip is not pinned");
    assert_eq!(pip["range"]["start"], json!({"line": 2, "character": line.rfind(", pip,").unwrap() + 2}), "a byte column");
    assert_eq!(client.finish(), 0);
}

#[test]
fn an_open_requirements_file_wins_over_the_disk_and_relints_its_includers() {
    let dir = tempfile::tempdir().unwrap();
    let env = "name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip=23.3\n  - pip:\n      - -r requirements.txt\n";
    std::fs::write(dir.path().join("environment.yml"), env).unwrap();
    std::fs::write(dir.path().join("requirements.txt"), "requests==2.31.0\n").unwrap();
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), Value::Null);
    let env_uri = client.open(&dir.path().join("environment.yml"), env);
    assert_eq!(codes(&client.diagnostics(&env_uri, |_| true)), Vec::<String>::new(), "the file on disk is clean");
    let req_uri = client.open(&dir.path().join("requirements.txt"), "numpy=1.21\n");
    let params = client.diagnostics(&req_uri, |p| !p["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(codes(&params), ["PIP004"], "the unsaved buffer is what the environment file includes");
    client.change(&req_uri, 2, "requests==2.31.0\n");
    client.diagnostics(&req_uri, |p| p["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(client.finish(), 0);
}

#[test]
fn code_actions_fix_and_suppress_and_hover_shows_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("environment.yml");
    let text = std::fs::read_to_string(common::repo().join("examples/01-minimal/environment.yml")).unwrap();
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), Value::Null);
    let uri = client.open(&path, &text);
    let params = client.diagnostics(&uri, |_| true);
    let pip004 = params["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "PIP004").unwrap().clone();
    let response = client.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": pip004["range"], "context": {"diagnostics": [pip004]}}));
    let actions = response["result"].as_array().unwrap();
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["replace with `numpy==1.21.*` (unsafe)", "suppress PIP004 on this line", "suppress PIP004 for this file"]);
    assert!(actions.iter().all(|a| a["kind"] == "quickfix") && actions[0].get("isPreferred").is_none(), "an unsafe fix is not preferred");
    let apply = |action: &Value| {
        let edits = action["edit"]["changes"][&uri].as_array().unwrap().clone();
        apply_edits(&text, &edits)
    };
    assert!(apply(&actions[0]).contains("      - numpy==1.21.*     # conda syntax in a pip list\n"));
    let suppressed = apply(&actions[1]);
    assert!(suppressed.contains("      - numpy=1.21     # conda syntax in a pip list  # condalint: ignore[PIP004]\n"), "{suppressed}");
    client.change(&uri, 2, &suppressed);
    let after = client.diagnostics(&uri, |p| p["version"] == 2);
    assert!(!codes(&after).contains(&"PIP004".to_owned()), "{after}");
    // Hover on the code in the directive just written.
    let line = suppressed.lines().position(|l| l.contains("ignore[PIP004]")).unwrap();
    let column = suppressed.lines().nth(line).unwrap().find("PIP004").unwrap() + 2;
    let hover = client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column}}));
    let value = hover["result"]["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.starts_with("**PIP004**") && value.contains("# "), "{hover}");
    let nothing = client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}));
    assert_eq!(nothing["result"], Value::Null);
    let file_wide = apply(&actions[2]);
    assert!(file_wide.starts_with("# condalint: ignore-file[PIP004]\n# An environment file"));
    assert_eq!(client.finish(), 0);
}

/// Applies LSP text edits (UTF-16 positions; the texts here are ASCII) from the end backwards.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + p["character"].as_u64().unwrap() as usize
    };
    let mut edits: Vec<(usize, usize, &str)> = edits.iter().map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap())).collect();
    edits.sort();
    let mut out = text.to_owned();
    for (start, end, new) in edits.into_iter().rev() {
        out.replace_range(start..end, new);
    }
    out
}

#[test]
fn settings_from_the_client_and_configuration_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("environment.yml");
    let text = std::fs::read_to_string(common::repo().join("examples/01-minimal/environment.yml")).unwrap();
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), json!({"ignore": ["PIP004"]}));
    let uri = client.open(&path, &text);
    assert_eq!(codes(&client.diagnostics(&uri, |_| true)), ["CDA002", "PIP003"]);
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"condalint": {"select": ["CDA"]}}}));
    client.diagnostics(&uri, |p| codes(p) == ["CDA002"]);
    // A configuration file next to the document, once saved, governs it under the client's settings.
    std::fs::write(dir.path().join("condalint.toml"), "ignore = [\"CDA002\"]\n").unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": self::uri(&dir.path().join("condalint.toml"))}}));
    client.diagnostics(&uri, |p| codes(p).is_empty());
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"target": "no-such-tool"}}));
    let shown = loop {
        let message = client.recv(Duration::from_secs(60)).expect("a message");
        if message["method"] == "window/showMessage" {
            break message;
        }
    };
    assert!(shown["params"]["message"].as_str().unwrap().contains("unknown target"), "{shown}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn azure_ml_definitions_and_their_conda_files() {
    let dir = tempfile::tempdir().unwrap();
    let conda = "name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip=23.3\n  - pip:\n      - requests==2.31.0\n";
    std::fs::write(dir.path().join("conda.yml"), conda).unwrap();
    let definition = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: train\nimage: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04\nconda_file: conda.yml\n";
    let path = dir.path().join("env-definition.yml");
    std::fs::write(&path, definition).unwrap();
    let expected = cli_findings(&path, definition);
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), Value::Null);
    let def_uri = client.open(&path, definition);
    assert_eq!(lsp_findings(&client.diagnostics(&def_uri, |_| true)), expected);
    // The conda file it names, open and unsaved (`pip<21`): its findings, each once though the
    // definition (linted again, reading the buffer) finds them too.
    let conda_uri = client.open(&dir.path().join("conda.yml"), &conda.replace("pip=23.3", "pip<21"));
    let params = client.diagnostics(&conda_uri, |_| true);
    assert_eq!(codes(&params), ["PIP003"], "{params}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn survives_malformed_messages_and_unknown_methods() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "before initialize: {early}");
    client.initialize(json!({}), Value::Null);
    client.send_raw(b"this is not json {");
    let parse_error = client.response(Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700);
    client.send_raw(br#"{"jsonrpc":"2.0","id":77}"#);
    assert_eq!(client.response(json!(77))["error"]["code"], -32600);
    let unknown = client.request("condalint/noSuchMethod", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let invalid = client.request("textDocument/codeAction", json!({"textDocument": 5}));
    assert_eq!(invalid["error"]["code"], -32602);
    client.notify("$/noSuchNotification", json!({}));
    client.notify("textDocument/didOpen", json!({"textDocument": "not an item"}));
    // Still serving.
    let path = dir.path().join("environment.yml");
    let uri = client.open(&path, "name: x\ndependencies:\n  - pip\n");
    assert_eq!(codes(&client.diagnostics(&uri, |_| true)), ["CHN001"]);
    assert_eq!(client.finish(), 0);
}

#[test]
fn a_10_mb_document_and_1000_rapid_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("environment.yml");
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), Value::Null);
    let mut big = String::from("name: big\ndependencies:\n  - python=3.11\n  - pip\n");
    while big.len() < 10 * 1024 * 1024 {
        big.push_str("# a long comment line, repeated until the document is ten megabytes large ..........\n");
    }
    let uri = client.open(&path, &big);
    assert_eq!(codes(&client.diagnostics(&uri, |_| true)), ["CHN001"]);
    let small = |i: usize| format!("name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip=23.{i}\n");
    for version in 2..=1001 {
        client.change(&uri, version, &small(version as usize));
    }
    client.change(&uri, 1002, "name: x\ndependencies:\n  - pip\n");
    let last = client.diagnostics(&uri, |p| p["version"] == 1002);
    assert_eq!(codes(&last), ["CHN001"], "{last}");
    // Nothing older is published after the latest version.
    while let Some(message) = client.recv(Duration::from_millis(500)) {
        assert_ne!(message["method"], "textDocument/publishDiagnostics", "published after the latest: {message}");
    }
    let peak = client.peak_memory_kib().unwrap_or(0);
    eprintln!("peak memory after a 10 MB document and 1,000 changes: {} MiB", peak / 1024);
    assert!(peak < 512 * 1024, "peak memory {peak} KiB");
    assert_eq!(client.finish(), 0);
}

#[test]
fn exit_without_shutdown_is_1_and_end_of_input_ends_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), Value::Null);
    assert_eq!(client.request("shutdown", Value::Null)["result"], Value::Null);
    let after = client.request("textDocument/hover", json!({}));
    assert_eq!(after["error"]["code"], -32600, "{after}");
    drop(client.stdin);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}
