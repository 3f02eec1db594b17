#!/usr/bin/env python3
"""Latency and memory of `condalint server` (a benchmark, not a test; standard library only).

Usage: python3 bench/lsp.py [BINARY] [FILE]   (default: target/release/condalint and
examples/01-minimal/environment.yml)

1. Opens FILE, then 200 times: one didChange (a new version of the text), and the time until
   the publishDiagnostics of that version arrives. The server waits DEBOUNCE (50 ms) of quiet
   before it lints; the report gives the latency and the latency minus the debounce.
2. 1,000 didChange sent as fast as possible, then the time until the last version's diagnostics,
   and the server's resident memory (VmRSS) and peak (VmHWM) from /proc.
"""
import json, os, statistics, subprocess, sys, time

DEBOUNCE_MS = 50.0
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target/release/condalint"))
path = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "examples/01-minimal/environment.yml"))
text = open(path, encoding="utf-8").read()
uri = "file://" + path

server = subprocess.Popen([binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=os.path.dirname(path))

def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()

def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if not line:
            sys.exit("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(server.stdout.read(length))

def wait_version(version):
    while True:
        message = receive()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
            return message

def change(version):
    # Each version differs: a comment line with the version number at the end.
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"text": text + f"# edit {version}\n"}]}})

def memory():
    status = open(f"/proc/{server.pid}/status").read()
    field = lambda name: int(next(l for l in status.splitlines() if l.startswith(name)).split()[1]) // 1024
    return field("VmRSS:"), field("VmHWM:")

send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}})
while receive().get("id") != 1:
    pass
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
findings = len(wait_version(1)["params"]["diagnostics"])

latencies = []
for version in range(2, 202):
    started = time.perf_counter()
    change(version)
    wait_version(version)
    latencies.append((time.perf_counter() - started) * 1000)
latencies.sort()
median, p95 = statistics.median(latencies), latencies[int(len(latencies) * 0.95)]
print(f"file: {os.path.relpath(path, root)} ({len(text)} bytes, {findings} findings)")
print(f"didChange → publishDiagnostics over {len(latencies)} changes: median {median:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
print(f"minus the {DEBOUNCE_MS:.0f} ms debounce: median {median - DEBOUNCE_MS:.2f} ms, p95 {p95 - DEBOUNCE_MS:.2f} ms")

started = time.perf_counter()
for version in range(1000, 2000):
    change(version)
wait_version(1999)
rss, peak = memory()
print(f"1,000 rapid changes: last version published {(time.perf_counter() - started) * 1000:.0f} ms after the first was sent; memory {rss} MiB resident, {peak} MiB peak")

send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
while receive().get("id") != 2:
    pass
send({"jsonrpc": "2.0", "method": "exit"})
print(f"exit code {server.wait()}")
