"""condalint server driven by pytest-lsp (PyPI), a real LSP client (pygls).

Run by scripts/check-editors.sh with CONDALINT_BIN set: initialize, didOpen, publishDiagnostics
(codes, and ranges in UTF-16 on a line with emoji before the finding), didChange, a codeAction
round trip, hover on a suppression code, a malformed message, shutdown/exit with no stray output.
"""
import json
import os
import pathlib
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

BIN = os.environ["CONDALINT_BIN"]
ENV = {**os.environ, "CONDALINT_TODAY": "2026-12-01"}
# Two astral characters (two UTF-16 units each) before the findings on line 3.
TEXT = 'name: demo\nchannels: [conda-forge]\ndependencies: ["\U0001F600\U0001F680", python=3.11, pip=24.0, {pip: [numpy=1.26]}]\n'


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "server"], server_env=ENV))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


def utf16(line: str, needle: str) -> int:
    return len(line[: line.index(needle)].encode("utf-16-le")) // 2


def cli_codes(path: pathlib.Path, text: str) -> list[str]:
    path.write_text(text, encoding="utf-8")
    out = subprocess.run([BIN, "check", "--output-format", "json", "--exit-zero", str(path)], capture_output=True, env=ENV, check=True)
    return sorted(f["code"] for f in json.loads(out.stdout))


async def open_document(client: LanguageClient, uri: str, text: str) -> list[types.Diagnostic]:
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


@pytest.mark.asyncio
async def test_diagnostics_codes_and_utf16_ranges(client: LanguageClient, tmp_path: pathlib.Path):
    path = tmp_path / "environment.yml"
    uri = path.as_uri()
    diagnostics = await open_document(client, uri, TEXT)
    assert sorted(d.code for d in diagnostics) == cli_codes(path, TEXT)
    pip004 = next(d for d in diagnostics if d.code == "PIP004")
    line = TEXT.splitlines()[2]
    assert pip004.range.start == types.Position(line=2, character=utf16(line, "numpy=1.26"))
    assert pip004.code_description.href.endswith("/lints/invalid-requirement.md")


@pytest.mark.asyncio
async def test_did_change_and_a_code_action_round_trip(client: LanguageClient, tmp_path: pathlib.Path):
    uri = (tmp_path / "environment.yml").as_uri()
    diagnostics = await open_document(client, uri, TEXT)
    pip004 = next(d for d in diagnostics if d.code == "PIP004")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=pip004.range,
            context=types.CodeActionContext(diagnostics=[pip004]),
        )
    )
    fix = next(a for a in actions if isinstance(a, types.CodeAction) and a.edit and "suppress" not in a.title.lower())
    edits = fix.edit.changes[uri] if fix.edit.changes else fix.edit.document_changes[0].edits
    lines = TEXT.splitlines(keepends=True)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        assert edit.range.start.line == edit.range.end.line == 2, "the fix edits the line of the finding"
        line = lines[2]
        units = line.encode("utf-16-le")
        start, end = edit.range.start.character * 2, edit.range.end.character * 2
        lines[2] = (units[:start].decode("utf-16-le") + edit.new_text + units[end:].decode("utf-16-le"))
    fixed = "".join(lines)
    assert "numpy==1.26" in fixed or "numpy==1.26.*" in fixed
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "PIP004" not in [d.code for d in client.diagnostics[uri]]


@pytest.mark.asyncio
async def test_hover_on_a_suppression_code_shows_the_rule(client: LanguageClient, tmp_path: pathlib.Path):
    uri = (tmp_path / "environment.yml").as_uri()
    text = "name: demo\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pip=24.0\n  - pip:\n      - numpy=1.26  # condalint: ignore[PIP004]\n"
    await open_document(client, uri, text)
    line = text.splitlines()[6]
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=6, character=utf16(line, "PIP004") + 2))
    )
    assert hover is not None
    value = hover.contents.value if hasattr(hover.contents, "value") else str(hover.contents)
    assert "PIP004" in value and "# expect:" not in value


def test_a_malformed_message_is_answered_and_the_server_goes_on():
    body_bad = b"this is not json"
    init = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}).encode()
    shutdown = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}).encode()
    exit_ = json.dumps({"jsonrpc": "2.0", "method": "exit"}).encode()
    frame = lambda b: b"Content-Length: %d\r\n\r\n" % len(b) + b
    out = subprocess.run([BIN, "server"], input=frame(body_bad) + frame(init) + frame(shutdown) + frame(exit_), capture_output=True, env=ENV, timeout=60)
    assert out.returncode == 0, out.stderr
    messages, rest = [], out.stdout
    while rest:
        head, _, rest = rest.partition(b"\r\n\r\n")
        assert head.startswith(b"Content-Length: "), f"stray output on stdout: {head[:80]!r}"
        n = int(head.split(b":")[1])
        messages.append(json.loads(rest[:n]))
        rest = rest[n:]
    assert messages[0]["error"]["code"] == -32700, messages[0]
    assert any(m.get("id") == 1 and "capabilities" in m.get("result", {}) for m in messages)
    assert any(m.get("id") == 2 and m.get("result") is None and "error" not in m for m in messages)
