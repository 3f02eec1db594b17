//! `condalint server`: the language server (CLI.md, "`condalint server` (LSP)"). The only
//! module that touches LSP types or standard input and output; the core lints the open
//! buffers through a [`crate::MemoryFileSystem`] over the disk.
//!
//! A reader thread frames messages ([`framing`]) into a bounded channel; the main thread
//! handles them in order, keeps the latest text of each open document, and lints what changed
//! once the client has been quiet for [`DEBOUNCE`] (the latest version always wins).

// `lsp_types::Uri` is a map key throughout; clippy sees interior mutability in it that its
// `Hash` and `Eq` (on the URI's text) never observe.
#![allow(clippy::mutable_key_type)]

mod actions;
mod convert;
mod framing;
mod server;
mod settings;

use std::io::{BufRead, Write};
use std::time::Duration;

pub use framing::MAX_BODY;

/// How long the server waits after a change before linting, so that a burst of keystrokes is
/// linted once.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// Runs the server on standard input and output until `exit` (or the end of input); the process
/// exit code: 0 after `shutdown`, 1 without it (the LSP specification).
pub fn run(today: Option<String>) -> u8 {
    // Standard input unlocked: the reader thread locks it for each read.
    serve(std::io::BufReader::new(std::io::stdin()), &mut std::io::stdout().lock(), today)
}

/// [`run`] on any streams. The reader thread is left behind when the server ends: it may be
/// blocked on input the client never closes, and the process ends with the main thread.
pub fn serve(input: impl BufRead + Send + 'static, output: &mut impl Write, today: Option<String>) -> u8 {
    // At most 16 messages wait: a client that sends faster than the server reads is held back,
    // and memory stays bounded (each message at most [`MAX_BODY`]).
    let (sender, receiver) = std::sync::mpsc::sync_channel(16);
    std::thread::spawn(move || {
        let mut input = input;
        loop {
            let frame = framing::read(&mut input);
            let end = !matches!(frame, Ok(Some(_)));
            if sender.send(frame).is_err() || end {
                break;
            }
        }
    });
    server::Server::new(output, today).run(&receiver)
}
