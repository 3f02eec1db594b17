//! Docs as tests: every `lints/<name>.md` is parsed and its examples are executed.
//!
//! - `yaml bad` blocks: the rule fires on exactly the lines marked `# expect: <name>`, and every
//!   other rule marked on a line fires there too. Where on the line: a finding's primary span
//!   starts before the `# expect` comment and, when it ends on that line, ends before it;
//!   `# expect: <name>@<column>` (1-based, in characters) pins the column the span starts at, and
//!   a finding on a comment (a span that reaches the `# expect`) must say its column so.
//! - `yaml good` blocks: no finding from any rule that is on by default, nor from this rule.
//! - `yaml fixed` block: the first bad block after `--fix --unsafe-fixes` with only this rule
//!   selected; it re-parses and a second `--fix` changes nothing.
//! - `snapshot` block: the `full` rendering of the first bad block's findings of this rule.
//!   `UPDATE_LINT_SNAPSHOTS=1` rewrites it.
//! - `json bad` / `json good` blocks are linted as `azureml_environment.json` (an Azure ML v1
//!   definition); JSON has no comments, so `expect=3,5` in the info names the lines this rule
//!   fires on. `path=NAME` in the info names the linted file (default `environment.yml`).
//! - A block with `file=PATH` in its info is not linted: it is a file beside the next bad or good
//!   block (a conda file, a Dockerfile), at PATH relative to it, read from memory. `# expect:`
//!   comments in it, or `expect=` in its info, mark findings expected in that file; `repeat=N`
//!   writes its last line N times.
//! - A `json repodata=CHANNEL/SUBDIR` block is not linted either: it is that subdir's
//!   `repodata.json` on an in-memory `https://conda.anaconda.org` that the examples of an index
//!   rule (IDX) are linted against, from that block on (`noarch` of a channel with a block is
//!   empty unless given; other channels are 404, other hosts refuse connections).
//! - A `json pypi=PROJECT` block is not linted either: it is that project's PEP 691 page on an
//!   in-memory `https://pypi.org/simple` (other projects are 404), from that block on.
//! - Build-log findings (BLD, `condalint explain`): `log bad expect=BLD004:3,BLD002` blocks are
//!   explained and must give exactly those findings (a code once per finding; `:N` pins its row in
//!   the block), `log good` blocks give none of this rule (and, but for BLD000's own page, only
//!   BLD000). A `file=PATH` block before it is an environment file the log is mapped onto
//!   (`--env PATH`); `related=5,7` in its info names the lines of it the findings point at. The
//!   `snapshot` block is the `full` rendering of the first bad block.

use std::collections::BTreeSet;
use std::sync::Arc;

use condalint::model::{lower, FileState};
use condalint::render::{render, FileReport, FullOptions, OutputFormat};
use condalint::rules::{lookup, FixAvailability, RuleMeta};
use condalint::settings::{parse_selectors, Settings, Target};
use condalint::index::{Fetch, FetchError, Index, Options as IndexOptions, Response};
use condalint::{fix, group_by_file, lint, Diagnostic, FixMode, MemoryFileSystem, SourceFile};

const HEADINGS: &[&str] =
    &["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix", "## Options", "## References"];
const REQUIRED: &[&str] = &["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## References"];

struct Block {
    info: String,
    text: String,
    /// Line index (0-based) of the opening fence, and of the closing fence.
    open: usize,
    close: usize,
}

fn blocks(doc: &str) -> Vec<Block> {
    let lines: Vec<&str> = doc.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(info) = lines[i].strip_prefix("```").filter(|info| !info.trim().is_empty()) {
            let open = i;
            let mut text = String::new();
            i += 1;
            while i < lines.len() && lines[i].trim_end() != "```" {
                text.push_str(lines[i]);
                text.push('\n');
                i += 1;
            }
            out.push(Block { info: info.trim().to_owned(), text, open, close: i });
        }
        i += 1;
    }
    out
}

fn encode(text: &str, info: &str) -> Vec<u8> {
    let encoding = info.split_whitespace().find_map(|w| w.strip_prefix("encoding=")).unwrap_or("utf-8");
    match encoding {
        "utf-8" => text.as_bytes().to_vec(),
        "utf-8-bom" => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        "utf-16le" => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
        "utf-16be" => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
        other => panic!("unknown encoding `{other}` in block info"),
    }
}

/// One `name` or `name@column` of a `# expect: a, b@12` comment.
struct Expect {
    line: usize,
    name: &'static str,
    column: Option<usize>,
    /// Byte offset of the comment's `#` in the block.
    marker: usize,
}

fn expectations(text: &str) -> Vec<Expect> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(at) = line.find("# expect:") {
            for item in line[at + "# expect:".len()..].split(',').map(str::trim).filter(|n| !n.is_empty()) {
                let (name, column) = match item.split_once('@') {
                    Some((name, col)) => (name, Some(col.parse().unwrap_or_else(|_| panic!("line {}: bad column in `{item}`", i + 1)))),
                    None => (item, None),
                };
                let meta = lookup(name).unwrap_or_else(|| panic!("line {}: unknown rule `{name}` in expect", i + 1)).meta();
                out.push(Expect { line: i + 1, name: meta.name, column, marker: offset + at });
            }
        }
        offset += line.len();
    }
    out
}

/// `expect=3,5` in a block's info (for JSON, which has no comments): this rule on those lines.
fn info_expectations(info: &str, text: &str, name: &'static str) -> Vec<Expect> {
    let Some(lines) = info.split_whitespace().find_map(|w| w.strip_prefix("expect=")) else { return Vec::new() };
    let ends: Vec<usize> = text.split_inclusive('\n').scan(0, |end, line| {
        *end += line.len();
        Some(*end - 1)
    }).collect();
    lines
        .split(',')
        .map(|l| l.parse::<usize>().unwrap_or_else(|_| panic!("bad line `{l}` in `expect=`")))
        .map(|line| Expect { line, name, column: None, marker: ends.get(line - 1).copied().unwrap_or(text.len()) })
        .collect()
}

/// `repeat=N` in a `file=` block's info: its last line is written N times (a file too large to
/// show, such as a Dockerfile over Azure ML's 100 KB).
fn repeated(text: &str, info: &str) -> String {
    let Some(n) = info.split_whitespace().find_map(|w| w.strip_prefix("repeat=")) else { return text.to_owned() };
    let n: usize = n.parse().unwrap_or_else(|_| panic!("bad count in `repeat={n}`"));
    let body = text.strip_suffix('\n').unwrap_or(text);
    let (head, last) = body.rsplit_once('\n').map_or(("", body), |(h, l)| (h, l));
    let head = if head.is_empty() { String::new() } else { format!("{head}\n") };
    head + &format!("{last}\n").repeat(n)
}

/// The files given before a linted block, and that block's own source and file system.
struct Example {
    source: SourceFile,
    /// The `file=` blocks (path relative to the example) and their text.
    files: Vec<SourceFile>,
}

impl Example {
    /// The `file=` blocks in front of the disk (examples of a missing include name paths that
    /// exist nowhere).
    fn fs(&self) -> MemoryFileSystem<'static> {
        let mut fs = MemoryFileSystem::over(&condalint::DiskFileSystem);
        for file in &self.files {
            fs.insert(&file.path, file.text.as_bytes());
        }
        fs
    }

    /// The file a finding is in.
    fn file_of<'a>(&'a self, d: &Diagnostic) -> &'a SourceFile {
        d.file.as_ref().and_then(|f| self.files.iter().find(|s| s.path == f.path)).unwrap_or(&self.source)
    }
}

/// Whether a finding is where its expect says: on its line, at its column when one is given,
/// else starting before the `# expect` comment without covering it.
fn placed(source: &SourceFile, d: &Diagnostic, expect: &Expect) -> Result<(), String> {
    let (line, column) = source.line_col(d.primary.range.start);
    let range = d.primary.range;
    match expect.column {
        Some(want) if want != column => Err(format!("{}@{want} expected on line {line}, starts at column {column}", expect.name)),
        // A span over several lines (a mapping, a list) may hold the comment of its first line.
        None if range.start >= expect.marker || (range.end > expect.marker && source.line_col(range.end).0 == line) => Err(format!(
            "{} on line {line} starts at column {column} and reaches the `# expect` comment; write `# expect: {}@{column}` if that is meant",
            expect.name, expect.name
        )),
        _ => Ok(()),
    }
}

/// The date the examples are linted on: dated tables (python-end-of-life) must not make a doc
/// example change its findings as time passes.
const TODAY: &str = "2026-12-01";

fn settings_with(meta: &RuleMeta, target: Option<Target>) -> Settings {
    Settings { extend_select: parse_selectors(meta.code).unwrap(), target, today: Some(TODAY.into()), ..Settings::default() }
}

/// The in-memory network of an index rule's examples (`json repodata=` blocks).
struct DocNetwork(Vec<(String, String)>);

impl Fetch for DocNetwork {
    fn get(&self, url: &str, _accept: &str) -> Result<Response, FetchError> {
        let answer = |status: u16, body: &str| Ok(Response { status, body: body.as_bytes().to_vec(), content_type: Some("application/json".into()), url: url.to_owned() });
        if let Some(project) = url.strip_prefix("https://pypi.org/simple/").and_then(|p| p.strip_suffix('/')) {
            let page = self.0.iter().find(|(k, _)| k.strip_prefix("pypi:") == Some(project));
            let (status, body) = page.map_or((404, ""), |(_, b)| (200, b.as_str()));
            return Ok(Response { status, body: body.as_bytes().to_vec(), content_type: Some("application/vnd.pypi.simple.v1+json".into()), url: url.to_owned() });
        }
        let Some(path) = url.strip_prefix("https://conda.anaconda.org/") else { return Err(FetchError::network(url, "connection refused")) };
        let Some(subdir_path) = path.strip_suffix("/repodata.json") else { return answer(404, "") };
        if let Some((_, body)) = self.0.iter().find(|(p, _)| p == subdir_path) {
            return answer(200, body);
        }
        let channel = subdir_path.rsplit_once('/').map_or("", |(c, _)| c);
        let known = self.0.iter().any(|(p, _)| p.rsplit_once('/').is_some_and(|(c, _)| c == channel));
        if known && subdir_path.ends_with("/noarch") {
            return answer(200, "{}");
        }
        answer(404, "")
    }
}

/// The index an example is linted with: for an index rule, the doc's network so far.
fn index_for(meta: &RuleMeta, repodata: &[(String, String)]) -> Option<Arc<Index>> {
    // No pip configuration file of the machine (`/etc/pip.conf`) changes what the examples find.
    let vars = [("PIP_CONFIG_FILE".to_owned(), "/dev/null".to_owned())].into_iter().collect();
    meta.online.then(|| Arc::new(Index::new(IndexOptions { online: true, vars, ..IndexOptions::default() }, Arc::new(DocNetwork(repodata.to_vec())))))
}

/// `target=conda-lock` in a block's info string: lint as `--target conda-lock` would.
fn target_of(info: &str) -> Option<Target> {
    let value = info.split_whitespace().find_map(|w| w.strip_prefix("target="))?;
    Some(<Target as clap::ValueEnum>::from_str(value, false).unwrap_or_else(|e| panic!("bad target `{value}`: {e}")))
}

/// Where a rule's findings are: the file (as read) and the line.
fn lines_of(example: &Example, diagnostics: &[Diagnostic], code: &str) -> BTreeSet<(String, usize)> {
    diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let file = example.file_of(d);
            (file.path.clone(), file.line_col(d.primary.range.start).0)
        })
        .collect()
}

fn check_message_style(d: &Diagnostic) -> Result<(), String> {
    let first = d.message.chars().next().unwrap_or(' ');
    if first.is_uppercase() && !d.message.starts_with("YAML") {
        return Err(format!("{}: message starts with an upper-case letter: {}", d.code, d.message));
    }
    if d.message.ends_with('.') || d.message.trim() != d.message || d.message.is_empty() {
        return Err(format!("{}: message has a trailing period or blank: {:?}", d.code, d.message));
    }
    if let Some(help) = &d.help {
        if help.ends_with('.') {
            return Err(format!("{}: help has a trailing period: {help:?}", d.code));
        }
    }
    Ok(())
}

fn check_doc(path: &std::path::Path, doc: String) -> datatest_stable::Result<()> {
    let file_name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let rule = lookup(file_name).ok_or_else(|| format!("{}: no rule named `{file_name}`", path.display()))?;
    let meta = rule.meta();
    let heading = format!("# {} ({})", meta.name, meta.code);
    if doc.lines().next() != Some(heading.as_str()) {
        return Err(format!("first line must be `{heading}`").into());
    }
    for line in doc.lines().filter(|l| l.starts_with("## ")) {
        if !HEADINGS.contains(&line.trim_end()) {
            return Err(format!("heading `{line}` is not one of {HEADINGS:?}").into());
        }
    }
    for required in REQUIRED.iter().chain((meta.fix != FixAvailability::None).then_some(&"## Fix")) {
        if !doc.lines().any(|l| l.trim_end() == *required) {
            return Err(format!("missing heading `{required}`").into());
        }
    }
    let all = blocks(&doc);
    if meta.document == condalint::rules::Document::Log {
        return check_log_doc(path, &doc, meta, &all);
    }
    let mut failures = Vec::new();
    let mut first_bad: Option<(&Block, Example, Vec<Diagnostic>)> = None;
    let mut settings = settings_with(meta, None);
    let (mut bad_count, mut good_count) = (0, 0);
    let mut files: Vec<(SourceFile, Vec<Expect>)> = Vec::new();
    let mut repodata: Vec<(String, String)> = Vec::new();
    for block in &all {
        let kind = block.info.split_whitespace().nth(1).unwrap_or("");
        if let Some(subdir) = block.info.split_whitespace().find_map(|w| w.strip_prefix("repodata=")) {
            repodata.push((subdir.to_owned(), block.text.clone()));
            continue;
        }
        if let Some(project) = block.info.split_whitespace().find_map(|w| w.strip_prefix("pypi=")) {
            repodata.push((format!("pypi:{project}"), block.text.clone()));
            continue;
        }
        if let Some(path) = block.info.split_whitespace().find_map(|w| w.strip_prefix("file=")) {
            let text = repeated(&block.text, &block.info);
            let mut expects = expectations(&text);
            expects.extend(info_expectations(&block.info, &text, meta.name));
            files.push((SourceFile::from_text(path, text), expects));
            continue;
        }
        let json = block.info.starts_with("json");
        if !block.info.starts_with("yaml") && !json {
            continue;
        }
        let default_name = if json { "azureml_environment.json" } else { "environment.yml" };
        let name = block.info.split_whitespace().find_map(|w| w.strip_prefix("path=")).unwrap_or(default_name);
        let source = SourceFile::from_bytes(name, &encode(&block.text, &block.info));
        let (beside, file_expects): (Vec<SourceFile>, Vec<Vec<Expect>>) = std::mem::take(&mut files).into_iter().unzip();
        let example = Example { source, files: beside };
        let fs = example.fs();
        let target = target_of(&block.info);
        settings.target = target;
        settings.index = index_for(meta, &repodata);
        let diagnostics = lint(&example.source, &Settings { target, today: Some(TODAY.into()), index: settings.index.clone(), ..Settings::all() }, &fs);
        for d in &diagnostics {
            if let Err(e) = check_message_style(d) {
                failures.push(format!("block at line {}: {e}", block.open + 1));
            }
        }
        match kind {
            "bad" => {
                bad_count += 1;
                // Each expectation with the file it is in.
                let mut expected: Vec<(&SourceFile, Expect)> = expectations(&block.text).into_iter().map(|e| (&example.source, e)).collect();
                expected.extend(info_expectations(&block.info, &block.text, meta.name).into_iter().map(|e| (&example.source, e)));
                for (file, expects) in example.files.iter().zip(file_expects) {
                    expected.extend(expects.into_iter().map(|e| (file, e)));
                }
                let want: BTreeSet<(String, usize)> = expected.iter().filter(|(_, e)| e.name == meta.name).map(|(f, e)| (f.path.clone(), e.line)).collect();
                let got = lines_of(&example, &diagnostics, meta.code);
                for (file, expect) in &expected {
                    let code = lookup(expect.name).unwrap().meta().code;
                    let here = |d: &&Diagnostic| d.code == code && example.file_of(d).path == file.path && file.line_col(d.primary.range.start).0 == expect.line;
                    for d in diagnostics.iter().filter(here) {
                        if let Err(e) = placed(file, d, expect) {
                            failures.push(format!("bad block at line {}: {e}", block.open + 1));
                        }
                    }
                }
                if want.is_empty() {
                    failures.push(format!("bad block at line {} has no `# expect: {}` line", block.open + 1, meta.name));
                }
                if want != got {
                    failures.push(format!(
                        "bad block at line {}: {} expected on lines {want:?}, fired on {got:?}\n{}",
                        block.open + 1,
                        meta.code,
                        describe(&example, &diagnostics)
                    ));
                }
                for (file, expect) in expected.iter().filter(|(_, e)| e.name != meta.name) {
                    let code = lookup(expect.name).unwrap().meta().code;
                    if !lines_of(&example, &diagnostics, code).contains(&(file.path.clone(), expect.line)) {
                        failures.push(format!("bad block at line {}: {} expected on line {} of {}", block.open + 1, expect.name, expect.line, file.path));
                    }
                }
                if first_bad.is_none() {
                    first_bad = Some((block, example, diagnostics));
                }
            }
            "good" => {
                good_count += 1;
                let found = lint(&example.source, &settings, &fs);
                if !found.is_empty() {
                    failures.push(format!("good block at line {} has findings:\n{}", block.open + 1, describe(&example, &found)));
                }
            }
            "fixed" => {}
            other => failures.push(format!("block at line {}: unknown block kind `{other}`", block.open + 1)),
        }
    }
    if !files.is_empty() {
        failures.push("a `file=` block is not followed by a bad or good block".into());
    }
    if bad_count == 0 || good_count == 0 {
        failures.push(format!("needs at least one bad and one good block (has {bad_count} bad, {good_count} good)"));
    }

    let Some((bad_block, bad_example, bad_diagnostics)) = first_bad else {
        return Err(failures.join("\n\n").into());
    };
    let bad_source = &bad_example.source;
    let bad_fs = bad_example.fs();
    let own: Vec<Diagnostic> = bad_diagnostics.iter().filter(|d| d.code == meta.code).cloned().collect();

    // The fixed block.
    let fixed_block = all.iter().find(|b| b.info.starts_with("yaml") && b.info.split_whitespace().nth(1) == Some("fixed"));
    match (meta.fix, fixed_block) {
        (FixAvailability::None, Some(_)) => failures.push("rule has no fix but the doc has a fixed block".into()),
        (FixAvailability::None, None) => {
            if own.iter().any(|d| d.fix.is_some()) {
                failures.push("rule declares no fix but attached one".into());
            }
        }
        (_, None) => failures.push("rule has a fix but the doc has no `yaml fixed` block".into()),
        (_, Some(fixed)) => {
            // The `--fix --unsafe-fixes` engine, with only this rule selected.
            let only = Settings { select: Some(parse_selectors(meta.code).unwrap()), target: settings.target, today: Some(TODAY.into()), ..Settings::default() };
            let result = fix(bad_source, &only, FixMode::Unsafe, &bad_fs);
            let after = result.source.text.to_string();
            if result.applied == 0 {
                failures.push("the first bad block's findings carry no fix that applies".into());
            }
            if let Some(problem) = result.problem {
                failures.push(format!("fixing stopped: {problem}"));
            }
            if after != fixed.text {
                failures.push(format!("fixed block differs from the fixed text:\n--- expected\n{}--- actual\n{after}", fixed.text));
            }
            if lower(&result.source).state != FileState::Parsed {
                failures.push("fixed text does not parse".into());
            }
            if fix(&result.source, &only, FixMode::Unsafe, &bad_fs).applied != 0 {
                failures.push("a second --fix changes the fixed text again".into());
            }
        }
    }

    // The snapshot block follows the first bad block.
    // Findings in the files beside the example are rendered in them.
    let groups = group_by_file(&Arc::new(bad_source.clone()), own.clone());
    let masked: Vec<(SourceFile, &[Diagnostic])> =
        groups.iter().filter(|(_, d)| !d.is_empty()).map(|(f, d)| (condalint::secrets::mask_source(f), d.as_slice())).collect();
    let reports: Vec<FileReport> = masked.iter().map(|(source, diagnostics)| FileReport { source, diagnostics, suppressed: &[] }).collect();
    let rendered = render(
        OutputFormat::Full,
        &reports,
        &FullOptions { color: false, links: false, width: Some(80) },
        &[],
    );
    let rendered = rendered.lines().map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n";
    let snapshot = all.iter().find(|b| b.info == "snapshot");
    if snapshot.map(|s| s.text.as_str()) != Some(rendered.as_str()) {
        if std::env::var_os("UPDATE_LINT_SNAPSHOTS").is_some() {
            update_snapshot(path, &doc, bad_block, snapshot, &rendered)?;
        } else {
            failures.push(format!(
                "snapshot block is missing or stale (run with UPDATE_LINT_SNAPSHOTS=1); rendered:\n{rendered}"
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n\n").into())
    }
}

/// The page of a build-log finding (see the module doc).
fn check_log_doc(path: &std::path::Path, doc: &str, meta: &'static RuleMeta, all: &[Block]) -> datatest_stable::Result<()> {
    let mut failures = Vec::new();
    let mut files: Vec<(SourceFile, Option<BTreeSet<usize>>)> = Vec::new();
    let (mut bad_count, mut good_count) = (0, 0);
    let mut first_bad: Option<(&Block, condalint::explain::Explained)> = None;
    for block in all {
        if let Some(path) = block.info.split_whitespace().find_map(|w| w.strip_prefix("file=")) {
            let related = block.info.split_whitespace().find_map(|w| w.strip_prefix("related=")).map(|l| {
                l.split(',').map(|n| n.parse().unwrap_or_else(|_| panic!("bad line `{n}` in `related=`"))).collect()
            });
            files.push((SourceFile::from_text(path, block.text.clone()), related));
            continue;
        }
        if !block.info.starts_with("log") {
            continue;
        }
        let kind = block.info.split_whitespace().nth(1).unwrap_or("");
        let beside = std::mem::take(&mut files);
        let mut fs = MemoryFileSystem::new();
        for (file, _) in &beside {
            fs.insert(&file.path, file.text.as_bytes());
        }
        let envs: Vec<String> = beside.iter().map(|(f, _)| f.path.clone()).collect();
        let settings = Settings { today: Some(TODAY.into()), ..Settings::default() };
        let explained = condalint::explain::explain(&mut block.text.as_bytes(), "build.log", &envs, &fs, &settings)?;
        for d in &explained.diagnostics {
            if let Err(e) = check_message_style(d) {
                failures.push(format!("block at line {}: {e}", block.open + 1));
            }
        }
        let got: Vec<(&str, usize)> = explained.diagnostics.iter().map(|d| (d.code, explained.log.line_col(d.primary.range.start).0)).collect();
        match kind {
            "bad" => {
                bad_count += 1;
                let expect = block.info.split_whitespace().find_map(|w| w.strip_prefix("expect=")).unwrap_or("");
                let mut want: Vec<(String, Option<usize>)> = expect
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(|c| match c.split_once(':') {
                        Some((code, row)) => (code.to_owned(), Some(row.parse().unwrap_or_else(|_| panic!("bad row in `{c}`")))),
                        None => (c.to_owned(), None),
                    })
                    .collect();
                if !want.iter().any(|(c, _)| c == meta.code) {
                    failures.push(format!("bad block at line {} does not expect {}", block.open + 1, meta.code));
                }
                let mut unmatched = got.clone();
                want.retain(|(code, row)| match unmatched.iter().position(|(c, r)| c == code && row.is_none_or(|row| row == *r)) {
                    Some(i) => {
                        unmatched.remove(i);
                        false
                    }
                    None => true,
                });
                if !want.is_empty() || !unmatched.is_empty() {
                    failures.push(format!("bad block at line {}: expected `{expect}`, explain gave {got:?}", block.open + 1));
                }
                for (file, related) in &beside {
                    let Some(related) = related else { continue };
                    let at: BTreeSet<usize> = explained
                        .diagnostics
                        .iter()
                        .flat_map(|d| &d.secondary)
                        .filter(|l| l.file.as_ref().is_some_and(|f| f.path == file.path))
                        .map(|l| file.line_col(l.range.start).0)
                        .collect();
                    if &at != related {
                        failures.push(format!("bad block at line {}: related lines in {} are {at:?}, expected {related:?}", block.open + 1, file.path));
                    }
                }
                if first_bad.is_none() {
                    first_bad = Some((block, explained));
                }
            }
            "good" => {
                good_count += 1;
                let wrong: Vec<_> = got.iter().filter(|(c, _)| *c == meta.code || (meta.code != "BLD000" && *c != "BLD000")).collect();
                if !wrong.is_empty() {
                    failures.push(format!("good block at line {} has findings {wrong:?}", block.open + 1));
                }
            }
            other => failures.push(format!("block at line {}: unknown block kind `{other}`", block.open + 1)),
        }
    }
    if bad_count == 0 || good_count == 0 {
        failures.push(format!("needs at least one `log bad` and one `log good` block (has {bad_count} bad, {good_count} good)"));
    }
    if let Some((bad_block, explained)) = first_bad {
        let own: Vec<Diagnostic> = explained.diagnostics.iter().filter(|d| d.code == meta.code).cloned().collect();
        let reports = [FileReport { source: &explained.log, diagnostics: &own, suppressed: &[] }];
        let rendered = render(OutputFormat::Full, &reports, &FullOptions { color: false, links: false, width: Some(80) }, &[]);
        let rendered = rendered.lines().map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n";
        let snapshot = all.iter().find(|b| b.info == "snapshot");
        if snapshot.map(|s| s.text.as_str()) != Some(rendered.as_str()) {
            if std::env::var_os("UPDATE_LINT_SNAPSHOTS").is_some() {
                update_snapshot(path, doc, bad_block, snapshot, &rendered)?;
            } else {
                failures.push(format!("snapshot block is missing or stale (run with UPDATE_LINT_SNAPSHOTS=1); rendered:\n{rendered}"));
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n\n").into())
    }
}

fn describe(example: &Example, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let file = example.file_of(d);
            let (line, column) = file.line_col(d.primary.range.start);
            let path = if file.path == example.source.path { String::new() } else { format!("{} ", file.path) };
            format!("  {path}{line}:{column} {} {}", d.code, d.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn update_snapshot(path: &std::path::Path, doc: &str, bad: &Block, old: Option<&Block>, rendered: &str) -> datatest_stable::Result<()> {
    let mut lines: Vec<String> = doc.lines().map(str::to_owned).collect();
    let new_block: Vec<String> =
        std::iter::once("```snapshot".to_owned()).chain(rendered.lines().map(str::to_owned)).chain(["```".to_owned()]).collect();
    match old {
        Some(old) => {
            lines.splice(old.open..=old.close, new_block);
        }
        None => {
            lines.splice(bad.close + 1..bad.close + 1, new_block);
        }
    }
    std::fs::write(path, lines.join("\n") + "\n")?;
    Ok(())
}

datatest_stable::harness! {
    { test = check_doc, root = "lints", pattern = r"^[a-z0-9-]+\.md$" },
}
