//! `condalint explain`: reads a build log, reports each failure it recognises (BLD) as a finding
//! located in the log, and points each one at the line of the environment file that caused it,
//! with the `check` rule that would have caught it before the build.
//!
//! **Bounded memory.** The log is streamed line by line ([`log::LogReader`]); nothing holds the
//! whole text. The log's [`SourceFile`] holds only the *kept windows*: each matched line with up
//! to [`CONTEXT_BEFORE`] lines before it and [`CONTEXT_AFTER`] after (two windows closer than
//! [`JOIN_GAP`] lines are joined), plus, for BLD000, the last error-looking lines. Its
//! [`LineMap`] maps each kept line to its line in the log, so every output format (the `full`
//! snippets included) shows the log's own line numbers. The kept text is capped at
//! [`MAX_KEPT`] bytes and the findings at [`MAX_FINDINGS`]; a repeated failure (same code and
//! name) is one finding that says how often it was seen.
//!
//! Positions: a finding's row is its line in the log counted at `\n` (1-based, header lines of a
//! pasted log included); its column counts characters of the line as written (colour escapes
//! and prefixes included), so `row:column` opens the right place in an editor.

pub mod catalogue;
pub(crate) mod codes;
pub mod log;
pub mod map;

use std::collections::VecDeque;
use std::io::{self, BufReader, Read};
use std::sync::{Arc, OnceLock};

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::diagnostic::{Diagnostic, Label};
use crate::files::{FileSystem, LineMap};
use crate::settings::Settings;
use crate::source::{SourceFile, TextRange};
use catalogue::{Entry, Names, CATALOGUE, ERROR_WORDS, SUCCESS};
use log::{Line, LogReader};
pub use map::Env;

/// Lines kept before a matched line.
pub const CONTEXT_BEFORE: usize = 2;
/// Lines kept after a matched line.
pub const CONTEXT_AFTER: usize = 1;
/// Two windows this close are one (the lines between them are kept).
pub const JOIN_GAP: usize = 6;
/// Most bytes of log text kept.
pub const MAX_KEPT: usize = 2 * 1024 * 1024;
/// Most findings in one log.
pub const MAX_FINDINGS: usize = 500;
/// Error-looking lines BLD000 quotes.
const ERROR_LINES: usize = 5;
/// Longest quote of a log line in a message, in characters.
const QUOTE: usize = 160;

/// What `explain` found.
pub struct Explained {
    /// The log as its findings show it: the kept windows, masked.
    pub log: Arc<SourceFile>,
    /// The findings, in the log's order; related labels point into the environment files.
    pub diagnostics: Vec<Diagnostic>,
    /// The environment files the findings were mapped to (given, or named by the log).
    pub envs: Vec<Arc<SourceFile>>,
    /// Environment files that could not be read: path and reason.
    pub unreadable: Vec<(String, String)>,
    /// Bytes of log read.
    pub bytes: u64,
    /// Lines of log read.
    pub lines: usize,
}

/// Explains the log read from `log`, named `name` in the findings. `envs` are the environment
/// files to map onto (read through `fs`); when none is given, a conda file the log names
/// (`conda env create -f X`, Azure ML's `mutated_conda_dependencies.yml`) is used if `fs` has it.
pub fn explain(log: &mut dyn Read, name: &str, envs: &[String], fs: &dyn FileSystem, settings: &Settings) -> io::Result<Explained> {
    let mut scan = Scanner::new();
    let mut reader = LogReader::new(BufReader::with_capacity(64 * 1024, log));
    while let Some(line) = reader.next_line()? {
        scan.line(line);
    }
    let bytes = reader.bytes;
    let mut paths: Vec<String> = envs.to_vec();
    if paths.is_empty() {
        paths = scan.named.iter().filter(|p| fs.is_file(std::path::Path::new(p.as_str()))).take(1).cloned().collect();
    }
    let mut loaded = Vec::new();
    let mut unreadable = Vec::new();
    for path in &paths {
        match Env::read(path, fs) {
            Ok(env) => loaded.push(env),
            Err(e) => unreadable.push((path.clone(), e)),
        }
    }
    Ok(scan.finish(name, &loaded, settings, bytes, unreadable))
}

/// One recognised failure, while the log is read.
struct Hit {
    entry: usize,
    /// 0-based line in the log.
    line: usize,
    /// Its range in the kept text.
    range: TextRange,
    quote: String,
    names: Vec<Names>,
    count: usize,
    /// Lines per entry that hit under this key (min_count is per entry).
    per_entry: Vec<(usize, usize)>,
}

/// The kept windows of the log.
#[derive(Default)]
struct Keeper {
    text: String,
    starts: Vec<(usize, usize)>,
    lines: usize,
    /// The last kept log line and the offset of its start in `text`.
    last: Option<(usize, usize)>,
    /// The lines before the current one (log line, raw text), oldest first.
    ring: VecDeque<(usize, String)>,
    /// Lines still to keep after a match.
    after: usize,
    full: bool,
}

impl Keeper {
    fn push_raw(&mut self, number: usize, raw: &str) -> usize {
        let contiguous = self.last.is_some_and(|(l, _)| l + 1 == number);
        if !contiguous {
            self.starts.push((self.lines, number));
        }
        let at = self.text.len();
        self.text.push_str(raw);
        self.text.push('\n');
        self.lines += 1;
        self.last = Some((number, at));
        at
    }

    /// Keeps a line with its context before; returns the offset of its start in the text.
    fn keep(&mut self, line: &Line) -> Option<usize> {
        if let Some((l, at)) = self.last {
            if l == line.number {
                return Some(at);
            }
        }
        if self.full || self.text.len() + line.raw.len() + 1 > MAX_KEPT {
            self.full = true;
            return None;
        }
        let after_last = |n: usize, last: Option<(usize, usize)>| last.is_none_or(|(l, _)| n > l);
        let gap_start = self.last.map_or(0, |(l, _)| l + 1);
        let join = self.last.is_some() && line.number - gap_start <= JOIN_GAP;
        let before: Vec<(usize, String)> = self
            .ring
            .iter()
            .filter(|(n, _)| after_last(*n, self.last) && (join || *n + CONTEXT_BEFORE >= line.number))
            .cloned()
            .collect();
        let first_ok = before.first().map_or(line.number, |(n, _)| *n);
        // Only lines that run on to this one without a hole.
        if before.iter().enumerate().all(|(i, (n, _))| *n == first_ok + i) && first_ok + before.len() == line.number {
            for (n, raw) in &before {
                self.push_raw(*n, raw);
            }
        }
        Some(self.push_raw(line.number, &line.raw))
    }

    /// Called for every line after matching: context after, and the ring.
    fn passed(&mut self, line: &Line) {
        if self.after > 0 && self.last.is_none_or(|(l, _)| l != line.number) && !self.full {
            self.keep(line);
            self.after -= 1;
        }
        if self.ring.len() == JOIN_GAP.max(CONTEXT_BEFORE) {
            if let Some((_, mut old)) = self.ring.pop_front() {
                old.clear();
                old.push_str(&line.raw);
                self.ring.push_back((line.number, old));
                return;
            }
        }
        self.ring.push_back((line.number, line.raw.clone()));
    }

    /// Adds a line read earlier (BLD000's error lines) as a window of its own, unless kept.
    fn add_late(&mut self, number: usize, raw: &str) -> Option<usize> {
        if let Some(at) = self.offset_of(number) {
            return Some(at);
        }
        if self.text.len() + raw.len() + 1 > MAX_KEPT {
            return None;
        }
        self.last = None;
        Some(self.push_raw(number, raw))
    }

    /// The offset of a kept log line.
    fn offset_of(&self, number: usize) -> Option<usize> {
        let map = LineMap { starts: self.starts.clone() };
        let kept = map.kept(number)?;
        let index = crate::source::LineIndex::lf_only(&self.text);
        let at = index.line_start(kept + 1, self.text.len());
        (at < self.text.len()).then_some(at)
    }
}

/// A remembered line (BLD000's quotes, the log's end).
#[derive(Clone)]
struct Seen {
    number: usize,
    raw: String,
    /// The matching text's range in `raw`.
    range: (usize, usize),
    text: String,
}

impl Seen {
    fn of(line: &Line) -> Self {
        let mut seen = Self { number: 0, raw: String::new(), range: (0, 0), text: String::new() };
        seen.set(line);
        seen
    }

    /// This line, in place (no allocation once the buffers are large enough).
    fn set(&mut self, line: &Line) {
        let trimmed = line.text.trim();
        let start = line.text.len() - line.text.trim_start().len();
        self.number = line.number;
        self.raw.clear();
        self.raw.push_str(&line.raw);
        self.range = line.raw_range(start, start + trimmed.len());
        self.text.clear();
        self.text.push_str(trimmed);
    }
}

struct Compiled {
    triggers: AhoCorasick,
    /// For each trigger, its entry.
    owner: Vec<usize>,
    /// [`SUCCESS`] then [`ERROR_WORDS`].
    markers: AhoCorasick,
    patterns: Vec<Option<Regex>>,
    follows: Vec<Option<(Regex, Option<Regex>)>>,
    named: Regex,
    url: Regex,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let mut literals = Vec::new();
        let mut owner = Vec::new();
        for (i, e) in CATALOGUE.iter().enumerate() {
            for t in e.triggers {
                literals.push(*t);
                owner.push(i);
            }
        }
        let regex = |p: &str| Regex::new(p).expect("catalogue patterns are valid (a unit test compiles them)");
        Compiled {
            triggers: AhoCorasick::new(&literals).expect("literal triggers"),
            markers: AhoCorasick::new(SUCCESS.iter().chain(ERROR_WORDS)).expect("literal markers"),
            owner,
            patterns: CATALOGUE.iter().map(|e| e.pattern.map(regex)).collect(),
            follows: CATALOGUE.iter().map(|e| e.follow.map(|f| (regex(f.item), f.skip.map(regex)))).collect(),
            named: regex(
                r"(?:conda env (?:create|update)\b.*?(?:-f|--file)[ =]|Creating conda environment from |conda_file: )(?P<f>[^\s'\x22]+\.ya?ml)|(?P<g>[^\s'\x22]*(?:mutated_)?conda_dependencies\.ya?ml)",
            ),
            url: regex(r#"(?:https?://[^\s<>'")]+|host='[^']+')"#),
        }
    })
}

struct Scanner {
    keeper: Keeper,
    hits: Vec<Hit>,
    /// An entry whose list lines follow: (entry, header hit index, items seen).
    follow: Option<(usize, usize, usize)>,
    errors: VecDeque<Seen>,
    last_line: Option<Seen>,
    last_success: Option<Seen>,
    last_error: Option<usize>,
    named: Vec<String>,
    /// Projects pip found wheels of, none for this platform (`Skipping link: none of the wheel's
    /// tags match: …/name-1.0-py3-none-win32.whl`): their BLD002 is IDX005's case.
    wrong_tags: Vec<String>,
    dropped: usize,
    lines: usize,
    matched: Vec<usize>,
}

impl Scanner {
    fn new() -> Self {
        Self {
            keeper: Keeper::default(),
            hits: Vec::new(),
            follow: None,
            errors: VecDeque::new(),
            last_line: None,
            last_success: None,
            last_error: None,
            named: Vec::new(),
            wrong_tags: Vec::new(),
            dropped: 0,
            lines: 0,
            matched: Vec::new(),
        }
    }

    fn line(&mut self, line: &Line) {
        let c = compiled();
        self.lines += 1;
        let text = line.text.as_str();
        if !text.trim().is_empty() {
            match &mut self.last_line {
                Some(seen) => seen.set(line),
                None => self.last_line = Some(Seen::of(line)),
            }
        }
        // The list after a header.
        if let Some((entry, header, items)) = self.follow {
            let (item, skip) = c.follows[entry].as_ref().expect("a follow entry");
            if let Some(caps) = item.captures(text) {
                let names = names_of(item, &caps, line, c);
                let m = caps.get(0).expect("group 0");
                let (start, end) = trim_range(text, m.start(), m.end());
                self.record(entry, line, start, end, names, true);
                self.follow = Some((entry, header, items + 1));
                self.keeper.passed(line);
                return;
            }
            if text.trim().is_empty() || skip.as_ref().is_some_and(|s| s.is_match(text)) {
                self.keeper.passed(line);
                return;
            }
            // The list ended: a header with no item is a finding of its own (kept as recorded).
            if items > 0 {
                self.hits.remove(header);
            }
            self.follow = None;
        }
        self.matched.clear();
        for m in c.triggers.find_overlapping_iter(text) {
            let entry = c.owner[m.pattern().as_usize()];
            if !self.matched.contains(&entry) {
                self.matched.push(entry);
            }
        }
        self.matched.sort_unstable();
        let mut codes: Vec<&str> = Vec::new();
        let matched = std::mem::take(&mut self.matched);
        for &entry in &matched {
            let e = &CATALOGUE[entry];
            if codes.contains(&e.code) {
                continue;
            }
            let (names, start, end) = match &c.patterns[entry] {
                Some(pattern) => {
                    let Some(caps) = pattern.captures(text) else { continue };
                    let m = caps.get(0).expect("group 0");
                    (names_of(pattern, &caps, line, c), m.start(), m.end())
                }
                None => (Names { url: url_of(text, c), ..Names::default() }, 0, text.len()),
            };
            let (start, end) = trim_range(text, start, end);
            codes.push(e.code);
            let header = self.record(entry, line, start, end, names, false);
            if e.follow.is_some() {
                self.follow = header.map(|h| (entry, h, 0));
            }
        }
        self.matched = matched;
        if self.wrong_tags.len() < 32 && text.contains("none of the wheel's tags match") {
            // `… https://files…/dotnetcore2-2.1.11-py3-none-win32.whl#sha256=… (from https://pypi.org/simple/dotnetcore2/)`
            let wheel = text.split_whitespace().find(|w| w.contains(".whl")).and_then(|w| w.split(".whl").next()).unwrap_or("");
            let wheel = wheel.rsplit('/').next().unwrap_or("");
            let project = map::pip_name(wheel.split('-').next().unwrap_or(""));
            if !project.is_empty() && !self.wrong_tags.contains(&project) {
                self.wrong_tags.push(project);
            }
        }
        // Every pattern of the conda file names has `conda` in it: the regex runs on few lines.
        if let Some(found) = memchr::memmem::find(text.as_bytes(), b"conda").and_then(|_| c.named.captures(text)) {
            if let Some(f) = found.name("f").or(found.name("g")) {
                let path = f.as_str().to_owned();
                let file_name = path.rsplit('/').next().unwrap_or(&path).to_owned();
                for p in [path, file_name] {
                    if self.named.len() < 8 && !self.named.contains(&p) {
                        self.named.push(p);
                    }
                }
            }
        }
        let (mut success, mut error) = (false, false);
        for m in c.markers.find_iter(text) {
            if m.pattern().as_usize() < SUCCESS.len() {
                success = true;
            } else {
                error = true;
            }
        }
        // The buffers of the line they replace are reused: a log of error lines allocates nothing per line.
        if success {
            match &mut self.last_success {
                Some(seen) => seen.set(line),
                None => self.last_success = Some(Seen::of(line)),
            }
        } else if error {
            self.last_error = Some(line.number);
            let reused = if self.errors.len() == ERROR_LINES { self.errors.pop_front() } else { None };
            let seen = match reused {
                Some(mut seen) => {
                    seen.set(line);
                    seen
                }
                None => Seen::of(line),
            };
            self.errors.push_back(seen);
        }
        self.keeper.passed(line);
    }

    /// Records a hit (or counts a repeat); returns the index of a new hit.
    fn record(&mut self, entry: usize, line: &Line, start: usize, end: usize, names: Names, item: bool) -> Option<usize> {
        let e = &CATALOGUE[entry];
        // One failure is one name, through one chain (`X (from Y)` and `X (from Z)` are two).
        let key = |n: &Names| {
            if e.once {
                return String::new();
            }
            let from = n.from.as_deref().map(|f| key_of(f.split("->").next().unwrap_or(f))).unwrap_or_default();
            format!("{} {from}", n.shown().map(key_of).unwrap_or_default())
        };
        let k = key(&names);
        // A follow header's names are empty: it is its own hit until its items come.
        let same = self.hits.iter().position(|h| {
            let he = &CATALOGUE[h.entry];
            he.code == e.code && (he.once || e.once || h.names.first().map(&key).unwrap_or_default() == k) && (e.follow.is_none() || item)
        });
        if let Some(i) = same {
            let hit = &mut self.hits[i];
            hit.count += 1;
            match hit.per_entry.iter_mut().find(|(x, _)| *x == entry) {
                Some((_, n)) => *n += 1,
                None => hit.per_entry.push((entry, 1)),
            }
            if e.once && hit.names.len() < 32 && !hit.names.contains(&names) {
                hit.names.push(names);
            }
            return None;
        }
        if self.hits.len() >= MAX_FINDINGS {
            self.dropped += 1;
            return None;
        }
        let Some(at) = self.keeper.keep(line) else {
            self.dropped += 1;
            return None;
        };
        self.keeper.after = CONTEXT_AFTER;
        let (s, t) = line.raw_range(start, end);
        let quote = quote(&line.text);
        self.hits.push(Hit {
            entry,
            line: line.number,
            range: TextRange::new(at + s, at + t),
            quote,
            names: vec![names],
            count: 1,
            per_entry: vec![(entry, 1)],
        });
        Some(self.hits.len() - 1)
    }

    fn finish(mut self, name: &str, envs: &[Env], settings: &Settings, bytes: u64, unreadable: Vec<(String, String)>) -> Explained {
        // A list that runs to the end of the log.
        if let Some((_, header, items)) = self.follow.take() {
            if items > 0 {
                self.hits.remove(header);
            }
        }
        let succeeded = self.last_success.as_ref().is_some_and(|s| self.last_error.is_none_or(|e| s.number > e));
        // Which hits are reported.
        let reported: Vec<bool> = self
            .hits
            .iter()
            .map(|h| {
                let strong = h.per_entry.iter().any(|(e, _)| !CATALOGUE[*e].weak);
                let enough = h.per_entry.iter().any(|(e, n)| *n >= CATALOGUE[*e].min_count);
                enough && (strong || !succeeded)
            })
            .collect();
        let mut diagnostics = Vec::new();
        let mut order: Vec<(usize, usize)> = Vec::new();
        for (hit, reported) in self.hits.iter().zip(reported) {
            let e: &Entry = &CATALOGUE[hit.entry];
            if !reported {
                continue;
            }
            let Some(meta) = crate::rules::lookup(e.code).map(|r| r.meta()) else { continue };
            if !settings.is_enabled(meta) {
                continue;
            }
            let shown = hit.names.first().and_then(Names::shown);
            let what = match shown {
                Some(n) => e.message.replace("{name}", n),
                None => e.message_unnamed.to_owned(),
            };
            let mut d = diagnostic(meta, format!("{what}: `{}`", hit.quote), hit.range);
            d.help(e.help);
            if hit.count > 1 {
                d.primary_label(format!("seen {} times in the log", hit.count));
            }
            let mut rule = e.rule.rule(&hit.names[0]);
            let spec = hit.names[0].spec.as_deref().unwrap_or("");
            if e.code == "BLD002" && rule != Some("PIP014") && self.wrong_tags.contains(&map::pip_name(spec)) {
                rule = Some("IDX005");
            }
            for r in map::locate(e.points, &hit.names, rule, envs) {
                d.secondary.push(Label { range: r.range, message: Some(r.message), file: Some(r.file), code: r.code });
            }
            order.push((hit.line, diagnostics.len()));
            diagnostics.push(d);
        }
        // In the log's order (a list's items come after hits recorded while it was read).
        order.sort();
        let mut slots: Vec<Option<Diagnostic>> = diagnostics.into_iter().map(Some).collect();
        let mut diagnostics: Vec<Diagnostic> = order.iter().filter_map(|&(_, i)| slots[i].take()).collect();
        if diagnostics.is_empty() {
            if let Some(meta) = crate::rules::lookup("BLD000").map(|r| r.meta()).filter(|m| settings.is_enabled(m)) {
                diagnostics.push(self.nothing_known(meta, succeeded));
            }
        }
        let mut log = SourceFile::from_windows(name, std::mem::take(&mut self.keeper.text), LineMap { starts: std::mem::take(&mut self.keeper.starts) });
        // Credentials in the log (index URLs carry tokens) and in the env files are masked in
        // every text a report shows.
        // A colour escape glued to a URL (`\x1b[0mhttps://user:token@…`) hides it from the URL
        // scanner: secrets are looked for in the text with ASCII controls made blanks (the same
        // bytes), and masked byte for byte in the text as written.
        let cleaned: String = log.text.chars().map(|c| if c.is_ascii_control() && c != '\n' { ' ' } else { c }).collect();
        let mut texts: Vec<&str> = vec![&cleaned];
        texts.extend(envs.iter().map(|e| &*e.source.text));
        let secrets = crate::secrets::Secrets::find(texts);
        secrets.mask_diagnostics(&mut diagnostics);
        if let std::borrow::Cow::Owned(masked) = secrets.mask(&cleaned) {
            let bytes: Vec<u8> =
                log.text.bytes().zip(masked.bytes().zip(cleaned.bytes())).map(|(raw, (m, c))| if m == b'*' && c != b'*' { b'*' } else { raw }).collect();
            let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            log = SourceFile::from_windows(name, text, log.line_map().cloned().expect("a log's map"));
        }
        for d in &mut diagnostics {
            d.severity = settings.severity_of(d.code, d.severity);
        }
        Explained {
            log: Arc::new(log),
            diagnostics,
            envs: envs.iter().map(|e| e.source.clone()).collect(),
            unreadable,
            bytes,
            lines: self.lines,
        }
    }

    /// BLD000: the last error lines, or that the build looks successful, or that the log has
    /// no failure at all.
    fn nothing_known(&mut self, meta: &'static crate::rules::RuleMeta, succeeded: bool) -> Diagnostic {
        let keep = |keeper: &mut Keeper, seen: &Seen| keeper.add_late(seen.number, &seen.raw).map(|at| TextRange::new(at + seen.range.0, at + seen.range.1));
        if succeeded {
            let seen = self.last_success.clone().expect("a success line");
            let range = keep(&mut self.keeper, &seen).unwrap_or_default();
            let mut d = diagnostic(meta, format!("no failure found: the build looks successful: `{}`", quote(&seen.text)), range);
            d.help("nothing to change; if the build still failed, the failure is not in this log (look for the log of the step that failed)");
            return d;
        }
        let errors: Vec<Seen> = self.errors.iter().cloned().collect();
        if let Some((last, before)) = errors.split_last() {
            let range = keep(&mut self.keeper, last).unwrap_or_default();
            let mut d = diagnostic(meta, format!("no known failure found; the last error line is `{}`", quote(&last.text)), range);
            for seen in before {
                if let Some(r) = keep(&mut self.keeper, seen) {
                    d.label(r, "an earlier error line");
                }
            }
            d.help("condalint does not know this failure: read the error lines shown, and the lines just above the first one");
            return d;
        }
        let range = match self.last_line.clone() {
            Some(seen) => keep(&mut self.keeper, &seen).unwrap_or_default(),
            None => TextRange::default(),
        };
        let message = if self.lines == 0 { "no failure found: the log is empty" } else { "no failure found: the log has no error line" };
        let mut d = diagnostic(meta, message.to_owned(), range);
        d.help("if the build failed, this is not its log: give the log of the step that failed");
        d
    }
}

fn diagnostic(meta: &'static crate::rules::RuleMeta, message: String, range: TextRange) -> Diagnostic {
    Diagnostic {
        file: None,
        code: meta.code,
        name: meta.name,
        severity: meta.severity,
        message,
        primary: Label { range, message: None, file: None, code: None },
        secondary: Vec::new(),
        help: None,
        fix: None,
        suppression: None,
    }
}

/// A name as a dedup key: pip and conda spellings of one package are one.
fn key_of(name: &str) -> String {
    let name = name.split(['=', '<', '>', '!', '~', ' ', ';', '[', '(']).next().unwrap_or(name);
    crate::model::pep503(name).into_owned()
}

/// The names of a match: each named group, `foo2`/`foo3` folded into `foo`.
fn names_of(regex: &Regex, caps: &regex::Captures<'_>, line: &Line, c: &Compiled) -> Names {
    let mut names = Names::default();
    for group in regex.capture_names().flatten() {
        let Some(value) = caps.name(group) else { continue };
        let value = value.as_str().trim();
        // A name in quotes (`pymongo"` of a pasted command line), not a marker's closing quote.
        let value = if value.matches('"').count() % 2 == 1 || value.matches('\'').count() % 2 == 1 { value.trim_matches(['"', '\'']) } else { value };
        let value = value.trim_end_matches([':', '.', ',']).to_owned();
        let slot = match group.trim_end_matches(|ch: char| ch.is_ascii_digit()) {
            "spec" => &mut names.spec,
            "package" => &mut names.package,
            "from" => &mut names.from,
            "image" => &mut names.image,
            "url" => &mut names.url,
            "versions" => &mut names.versions,
            _ => continue,
        };
        slot.get_or_insert(value);
    }
    // pip's `X(from versions: none)` has no blank: the `(from …)` taken is the versions.
    if let Some(versions) = names.from.as_deref().and_then(|f| f.strip_prefix("versions:")) {
        names.versions.get_or_insert_with(|| versions.trim().to_owned());
        names.from = None;
    }
    if names.url.is_none() {
        names.url = url_of(&line.text, c);
    }
    names
}

/// The first URL (or `host='…'`) of a line.
fn url_of(text: &str, c: &Compiled) -> Option<String> {
    let m = c.url.find(text)?.as_str();
    Some(m.strip_prefix("host='").map_or(m, |h| h.trim_end_matches('\'')).trim_end_matches(['.', ',', ':']).to_owned())
}

/// The range without surrounding blanks.
fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let part = &text[start..end];
    let s = start + (part.len() - part.trim_start().len());
    (s, s + part.trim().len())
}

/// A log text as a message quotes it: trimmed, at most [`QUOTE`] characters, backticks made
/// quotes (the message wraps it in backticks).
fn quote(text: &str) -> String {
    let text = text.trim();
    let mut out: String = text.chars().take(QUOTE).map(|c| if c == '`' { '\'' } else { c }).collect();
    if text.chars().count() > QUOTE {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_patterns_compile_and_codes_are_rules() {
        let c = compiled();
        assert_eq!(c.patterns.len(), CATALOGUE.len());
        for e in CATALOGUE {
            let meta = crate::rules::lookup(e.code).expect("a BLD rule").meta();
            assert_eq!(meta.document, crate::rules::Document::Log, "{}", e.code);
            assert!(!e.triggers.is_empty() && !e.message.is_empty() && !e.help.is_empty(), "{}", e.code);
            assert!(!e.help.ends_with('.') && !e.message.ends_with('.'), "{}", e.code);
        }
    }

    fn run(log: &str) -> Explained {
        let fs = crate::files::MemoryFileSystem::new();
        explain(&mut log.as_bytes(), "build.log", &[], &fs, &Settings::default()).unwrap()
    }

    #[test]
    fn windows_keep_the_logs_line_numbers() {
        let mut log = String::new();
        for i in 0..1000 {
            log.push_str(&format!("Downloading package {i}\n"));
        }
        log.push_str("ERROR: No matching distribution found for torch==9.9\n");
        for i in 0..1000 {
            log.push_str(&format!("noise {i}\n"));
        }
        log.push_str("ERROR: Cannot uninstall 'PyYAML'. It is a distutils installed project\n");
        let found = run(&log);
        let rows: Vec<(&str, usize)> = found.diagnostics.iter().map(|d| (d.code, found.log.line_col(d.primary.range.start).0)).collect();
        assert_eq!(rows, [("BLD002", 1001), ("BLD004", 2002)]);
        assert!(found.log.text.len() < 400, "only windows are kept: {:?}", found.log.text);
        assert_eq!(found.log.slice(found.diagnostics[1].primary.range), "Cannot uninstall 'PyYAML'");
    }

    #[test]
    fn success_and_weak_symptoms() {
        let ok = run("Retrying (Retry(total=4)) after connection broken by 'ReadTimeoutError'\nSuccessfully installed numpy-1.26.0\n");
        assert_eq!(ok.diagnostics.len(), 1);
        assert_eq!(ok.diagnostics[0].code, "BLD000");
        assert!(ok.diagnostics[0].message.contains("looks successful"), "{}", ok.diagnostics[0].message);
        let failed = run("Retrying (Retry(total=4)) after connection broken by 'ReadTimeoutError'\nERROR: boom\n");
        assert_eq!(failed.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), ["BLD006"]);
        let unknown = run("step 1\nCMake Error at CMakeLists.txt:3\nmake: *** [all] Error 2\n");
        assert_eq!(unknown.diagnostics[0].code, "BLD000");
        assert_eq!(unknown.log.line_col(unknown.diagnostics[0].primary.range.start).0, 3);
        assert_eq!(unknown.diagnostics[0].secondary.len(), 1);
        assert_eq!(run("").diagnostics[0].message, "no failure found: the log is empty");
    }

    #[test]
    fn follow_lines_are_one_finding_each() {
        let found = run("Solving environment: failed\n\nResolvePackageNotFound: \n  - pyyaml==3.12=py27_1\n  - click==6.7\n\nsomething else\n");
        let got: Vec<(&str, usize, &str)> =
            found.diagnostics.iter().map(|d| (d.code, found.log.line_col(d.primary.range.start).0, found.log.slice(d.primary.range))).collect();
        assert_eq!(got, [("BLD001", 4, "- pyyaml==3.12=py27_1"), ("BLD001", 5, "- click==6.7")]);
    }
}
