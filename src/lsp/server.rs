//! The server's state and its handling of each message.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{self as lsp, Uri};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::convert;
use super::framing::{self, Frame};
use super::settings::{ClientOptions, Configuration};
use crate::diagnostic::Diagnostic;
use crate::files::{DiskFileSystem, FileId, FileSystem, MemoryFileSystem, SourceFile};
use crate::source::ColumnUnit;

/// What the reader thread hands over.
pub type Incoming = io::Result<Option<Frame>>;

/// One open document.
pub struct Document {
    pub uri: Uri,
    /// Its file, for a `file:` URI.
    pub path: Option<PathBuf>,
    pub version: i32,
    pub text: String,
    /// An environment file or Azure ML definition (linted itself), rather than a file they
    /// name (a requirements file, a Dockerfile: its findings come from the files naming it).
    pub lintable: bool,
    /// The text as last linted, and the findings in it to show.
    pub source: Arc<SourceFile>,
    pub shown: Vec<Diagnostic>,
    /// Findings in other files (its includes, a definition's conda files and Dockerfiles).
    others: Vec<(Arc<SourceFile>, Vec<Diagnostic>)>,
    /// Every path the last lint read or looked for: a change to one of them lints it again.
    reads: HashSet<PathBuf>,
    published: Option<Vec<lsp::Diagnostic>>,
}

impl Document {
    /// The name the core knows the document by: its path, else its URI.
    fn name(&self) -> String {
        self.path.as_ref().map_or_else(|| self.uri.as_str().to_owned(), |p| p.display().to_string())
    }
}

/// Whether a document is linted itself: a YAML or JSON file (an environment file or an Azure ML
/// definition), by its extension, else by its language.
fn is_lintable(path: Option<&PathBuf>, language: &str) -> bool {
    let extension = path.and_then(|p| p.extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("yml" | "yaml" | "json") => true,
        Some(_) => false,
        None if path.is_some_and(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("Dockerfile"))) => false,
        None => matches!(language, "yaml" | "json" | "" ),
    }
}

pub struct Server<'w, W: Write> {
    out: &'w mut W,
    today: Option<String>,
    initialized: bool,
    shutdown: bool,
    pub unit: ColumnUnit,
    options: ClientOptions,
    config: Configuration,
    pub docs: HashMap<Uri, Document>,
    pending: HashSet<Uri>,
    /// The paths of the documents opened, changed or closed since the last lint.
    changed_paths: HashSet<PathBuf>,
    /// Every document is to be linted again (the configuration changed).
    relint_all: bool,
    /// When the pending documents are linted, and since when something is pending.
    deadline: Option<Instant>,
    first_pending: Option<Instant>,
    /// Configuration errors already shown to the user.
    shown_errors: HashSet<String>,
}

impl<'w, W: Write> Server<'w, W> {
    pub fn new(out: &'w mut W, today: Option<String>) -> Self {
        let options = ClientOptions::default();
        let (config, _) = Configuration::load(&options, today.clone());
        Self {
            out,
            today,
            initialized: false,
            shutdown: false,
            unit: ColumnUnit::Utf16,
            options,
            config,
            docs: HashMap::new(),
            pending: HashSet::new(),
            changed_paths: HashSet::new(),
            relint_all: false,
            deadline: None,
            first_pending: None,
            shown_errors: HashSet::new(),
        }
    }

    /// Handles messages until `exit` or the end of input; the exit code.
    pub fn run(mut self, incoming: &Receiver<Incoming>) -> u8 {
        loop {
            let next = match self.deadline {
                Some(deadline) => incoming.recv_timeout(deadline.saturating_duration_since(Instant::now())),
                None => incoming.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let exit = match next {
                Ok(Ok(Some(frame))) => self.handle(frame),
                Err(RecvTimeoutError::Timeout) => {
                    self.lint_pending();
                    None
                }
                Ok(Err(error)) => {
                    eprintln!("condalint server: cannot read input: {error}");
                    Some(self.exit_code())
                }
                Ok(Ok(None)) | Err(RecvTimeoutError::Disconnected) => Some(self.exit_code()),
            };
            if let Some(code) = exit {
                return code;
            }
        }
    }

    fn exit_code(&self) -> u8 {
        if self.shutdown { 0 } else { 1 }
    }

    /// One frame; `Some(code)` on `exit`.
    fn handle(&mut self, frame: Frame) -> Option<u8> {
        match frame {
            Frame::Malformed { code, reason, id } => {
                eprintln!("condalint server: {reason}");
                self.write_raw(|out| framing::write_error(out, id, code, &reason));
                None
            }
            Frame::Message(Message::Request(request)) => {
                let response = self.request(request);
                self.send(response.into());
                None
            }
            Frame::Message(Message::Notification(notification)) if notification.method == "exit" => Some(self.exit_code()),
            Frame::Message(Message::Notification(notification)) => {
                self.notification(notification);
                None
            }
            Frame::Message(Message::Response(_)) => None,
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let Request { id, method, params } = request;
        if !self.initialized && method != "initialize" {
            return error(id, ErrorCode::ServerNotInitialized, "the server is not initialized yet");
        }
        if self.shutdown {
            return error(id, ErrorCode::InvalidRequest, "the server is shut down");
        }
        match method.as_str() {
            "initialize" => with_params(id, params, |params| Ok(self.initialize(params))),
            "shutdown" => {
                self.shutdown = true;
                Response::new_ok(id, Value::Null)
            }
            "textDocument/codeAction" => with_params(id, params, |params: lsp::CodeActionParams| {
                self.flush();
                Ok(super::actions::code_actions(self, &params))
            }),
            "textDocument/hover" => with_params(id, params, |params: lsp::HoverParams| {
                self.flush();
                Ok(super::actions::hover(self, &params.text_document_position_params))
            }),
            _ => error(id, ErrorCode::MethodNotFound, &format!("unknown method `{method}`")),
        }
    }

    fn initialize(&mut self, params: lsp::InitializeParams) -> lsp::InitializeResult {
        self.initialized = true;
        let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
        self.unit = if offered.is_some_and(|list| list.contains(&lsp::PositionEncodingKind::UTF8)) { ColumnUnit::Utf8 } else { ColumnUnit::Utf16 };
        self.set_options(params.initialization_options.as_ref().unwrap_or(&Value::Null));
        let encoding = match self.unit {
            ColumnUnit::Utf8 => lsp::PositionEncodingKind::UTF8,
            ColumnUnit::Utf16 => lsp::PositionEncodingKind::UTF16,
        };
        let sync = lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::FULL),
            save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        };
        let actions = lsp::CodeActionOptions { code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]), ..Default::default() };
        lsp::InitializeResult {
            capabilities: lsp::ServerCapabilities {
                position_encoding: Some(encoding),
                text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(sync)),
                code_action_provider: Some(lsp::CodeActionProviderCapability::Options(actions)),
                hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
                ..Default::default()
            },
            server_info: Some(lsp::ServerInfo { name: "condalint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
        }
    }

    /// The client's settings; invalid ones are reported and the previous ones kept.
    fn set_options(&mut self, value: &Value) {
        match ClientOptions::parse(value) {
            Ok(options) => self.options = options,
            Err(message) => self.show_error(format!("condalint settings: {message}")),
        }
        self.reload_configuration();
    }

    fn reload_configuration(&mut self) {
        let (config, error) = Configuration::load(&self.options, self.today.clone());
        self.config = config;
        self.shown_errors.clear();
        if let Some(message) = error {
            self.show_error(message);
        }
        self.relint_all = true;
        self.schedule();
    }

    fn notification(&mut self, notification: Notification) {
        if self.shutdown || !self.initialized {
            return;
        }
        let Notification { method, params } = notification;
        let result = match method.as_str() {
            "textDocument/didOpen" => parse(params).map(|p| self.did_open(p)),
            "textDocument/didChange" => parse(params).map(|p| self.did_change(p)),
            "textDocument/didSave" => parse(params).map(|p: lsp::DidSaveTextDocumentParams| self.did_save(&p.text_document.uri)),
            "textDocument/didClose" => parse(params).map(|p: lsp::DidCloseTextDocumentParams| self.did_close(&p.text_document.uri)),
            "workspace/didChangeConfiguration" => parse(params).map(|p: lsp::DidChangeConfigurationParams| {
                // Clients that send no settings (only the news of a change) keep what they set.
                let empty = p.settings.is_null() || p.settings.as_object().is_some_and(|o| o.is_empty());
                if empty { self.reload_configuration() } else { self.set_options(&p.settings) }
            }),
            "workspace/didChangeWatchedFiles" => {
                self.reload_configuration();
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(message) = result {
            eprintln!("condalint server: {method}: {message}");
            self.log(format!("{method}: {message}"));
        }
    }

    fn did_open(&mut self, params: lsp::DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = convert::uri_to_path(&item.uri);
        let lintable = is_lintable(path.as_ref(), &item.language_id);
        let source = Arc::new(SourceFile::from_text(String::new(), ""));
        let doc = Document { uri: item.uri.clone(), path, version: item.version, text: item.text, lintable, source, shown: Vec::new(), others: Vec::new(), reads: HashSet::new(), published: None };
        self.docs.insert(item.uri.clone(), doc);
        self.changed(item.uri);
    }

    fn did_change(&mut self, params: lsp::DidChangeTextDocumentParams) {
        let unit = self.unit;
        let Some(doc) = self.docs.get_mut(&params.text_document.uri) else { return };
        for change in params.content_changes {
            match change.range {
                None => doc.text = change.text,
                Some(range) => {
                    let source = SourceFile::from_text(String::new(), std::mem::take(&mut doc.text));
                    let (start, end) = (convert::offset(&source, range.start, unit), convert::offset(&source, range.end, unit));
                    let mut text = source.text.to_string();
                    text.replace_range(start..end.max(start), &change.text);
                    doc.text = text;
                }
            }
        }
        doc.version = params.text_document.version;
        self.changed(params.text_document.uri);
    }

    fn did_save(&mut self, uri: &Uri) {
        // A saved configuration file changes the settings of every file below it.
        let name = convert::uri_to_path(uri).and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        if name.is_some_and(|n| crate::config::FILE_NAMES.contains(&n.as_str())) {
            self.reload_configuration();
        }
        if self.docs.contains_key(uri) {
            self.pending.insert(uri.clone());
            self.schedule();
        }
    }

    fn did_close(&mut self, uri: &Uri) {
        if let Some(doc) = self.docs.remove(uri) {
            self.publish(uri.clone(), Vec::new(), None);
            // The files that include it now read it from the disk.
            if let Some(path) = &doc.path {
                self.changed_paths.insert(crate::files::key(path));
                self.schedule();
            }
        }
        self.pending.remove(uri);
    }

    /// A document to lint again, with every document that read its file.
    fn changed(&mut self, uri: Uri) {
        if let Some(path) = self.docs.get(&uri).and_then(|d| d.path.as_deref()) {
            self.changed_paths.insert(crate::files::key(path));
        }
        self.pending.insert(uri);
        self.schedule();
    }

    /// Lints soon: after a quiet [`super::DEBOUNCE`], and at most ten of them after the first change.
    fn schedule(&mut self) {
        let now = Instant::now();
        let first = *self.first_pending.get_or_insert(now);
        self.deadline = Some((now + super::DEBOUNCE).min(first + super::DEBOUNCE * 10));
    }

    /// Lints what is pending now (before answering a request about a document).
    fn flush(&mut self) {
        if self.deadline.is_some() {
            self.lint_pending();
        }
    }

    /// Lints the pending documents (every environment file when a file they may include
    /// changed) and publishes what changed.
    pub fn lint_pending(&mut self) {
        let affected = |d: &Document| self.relint_all || self.pending.contains(&d.uri) || !d.reads.is_disjoint(&self.changed_paths);
        let targets: Vec<Uri> = self.docs.values().filter(|d| d.lintable && affected(d)).map(|d| d.uri.clone()).collect();
        let mut fs = MemoryFileSystem::over(&DiskFileSystem);
        for doc in self.docs.values() {
            if let Some(path) = &doc.path {
                fs.insert(path, doc.text.as_bytes());
            }
        }
        for uri in &targets {
            self.lint_one(uri, &fs);
        }
        let changed: HashSet<Uri> = targets.into_iter().chain(self.pending.drain()).collect();
        self.publish_all(&changed);
        self.changed_paths.clear();
        (self.relint_all, self.deadline, self.first_pending) = (false, None, None);
    }

    fn lint_one(&mut self, uri: &Uri, fs: &MemoryFileSystem<'_>) {
        let Some(doc) = self.docs.get(uri) else { return };
        let (settings, problem) = self.config.settings_for(doc.path.as_deref());
        let source = Arc::new(SourceFile::from_bytes(doc.name(), doc.text.as_bytes()));
        let recording = Recording { behind: fs, reads: Default::default() };
        let run = crate::linter::lint_file(source.clone(), doc.path.clone(), Arc::new(settings), &recording, None);
        let mut groups = run.findings.into_iter();
        let own = groups.next().map(|(_, list)| list).unwrap_or_default();
        let doc = self.docs.get_mut(uri).expect("looked up above");
        doc.source = source;
        doc.reads = recording.reads.into_inner().unwrap_or_else(|e| e.into_inner());
        doc.shown = own.into_iter().filter(|d| d.suppression.is_none()).collect();
        doc.others = groups.map(|(file, list)| (file, list.into_iter().filter(|d| d.suppression.is_none()).collect())).collect();
        if let Some(message) = problem {
            self.show_error(message);
        }
    }

    /// Publishes every document whose findings changed, and those in `changed` in any case.
    fn publish_all(&mut self, changed: &HashSet<Uri>) {
        let found_elsewhere = self.findings_by_path();
        let unit = self.unit;
        let mut out = Vec::new();
        for doc in self.docs.values_mut() {
            if !doc.lintable {
                doc.source = Arc::new(SourceFile::from_bytes(doc.name(), doc.text.as_bytes()));
                doc.shown.clear();
            }
            let key = doc.path.as_deref().map(crate::files::key);
            for d in key.and_then(|k| found_elsewhere.get(&k)).into_iter().flatten() {
                if !doc.shown.iter().any(|e| (e.code, e.primary.range, &e.message) == (d.code, d.primary.range, &d.message)) {
                    doc.shown.push(d.clone());
                }
            }
            doc.shown.sort_by_key(|d| (d.primary.range.start, d.primary.range.end, d.code));
            let diagnostics: Vec<lsp::Diagnostic> = doc.shown.iter().map(|d| convert::diagnostic(&doc.source, &doc.uri, d, unit)).collect();
            if changed.contains(&doc.uri) || doc.published.as_ref() != Some(&diagnostics) {
                doc.published = Some(diagnostics.clone());
                out.push((doc.uri.clone(), diagnostics, doc.version));
            }
        }
        for (uri, diagnostics, version) in out {
            self.publish(uri, diagnostics, Some(version));
        }
    }

    /// The findings the lintable documents report in other files, by the other file's path.
    fn findings_by_path(&self) -> HashMap<PathBuf, Vec<Diagnostic>> {
        let mut by_path: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
        for doc in self.docs.values().filter(|d| d.lintable) {
            for (file, list) in &doc.others {
                by_path.entry(crate::files::key(std::path::Path::new(&file.path))).or_default().extend(list.iter().cloned());
            }
        }
        by_path
    }

    fn publish(&mut self, uri: Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        let params = lsp::PublishDiagnosticsParams { uri, diagnostics, version };
        self.send(Notification::new("textDocument/publishDiagnostics".into(), params).into());
    }

    /// A configuration problem, shown to the user once.
    fn show_error(&mut self, message: String) {
        eprintln!("condalint server: {message}");
        if self.shown_errors.insert(message.clone()) {
            let params = lsp::ShowMessageParams { typ: lsp::MessageType::ERROR, message };
            self.send(Notification::new("window/showMessage".into(), params).into());
        }
    }

    fn log(&mut self, message: String) {
        let params = lsp::LogMessageParams { typ: lsp::MessageType::WARNING, message };
        self.send(Notification::new("window/logMessage".into(), params).into());
    }

    fn send(&mut self, message: Message) {
        self.write_raw(|out| framing::write(out, &message));
    }

    fn write_raw(&mut self, write: impl FnOnce(&mut W) -> io::Result<()>) {
        if let Err(error) = write(self.out).and_then(|()| self.out.flush()) {
            eprintln!("condalint server: cannot write output: {error}");
        }
    }
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_owned())
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid params: {e}"))
}

/// Answers a request whose params parse, else with `InvalidParams`.
fn with_params<P: DeserializeOwned, R: serde::Serialize>(id: RequestId, params: Value, answer: impl FnOnce(P) -> Result<R, String>) -> Response {
    match parse(params).and_then(answer) {
        Ok(result) => Response::new_ok(id, result),
        Err(message) => error(id, ErrorCode::InvalidParams, &message),
    }
}

/// A file system that notes every path asked about: what a document depends on.
struct Recording<'a> {
    behind: &'a dyn FileSystem,
    reads: Mutex<HashSet<PathBuf>>,
}

impl Recording<'_> {
    fn note(&self, path: &Path) {
        self.reads.lock().unwrap_or_else(|e| e.into_inner()).insert(crate::files::key(path));
    }
}

impl FileSystem for Recording<'_> {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        self.note(path);
        self.behind.read(path)
    }
    fn exists(&self, path: &Path) -> bool {
        self.note(path);
        self.behind.exists(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        self.note(path);
        self.behind.is_file(path)
    }
    fn canonicalize(&self, path: &Path) -> Option<FileId> {
        self.note(path);
        self.behind.canonicalize(path)
    }
}
