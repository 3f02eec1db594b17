#!/usr/bin/env bash
# Proves the editor integrations with real editors from Debian's packages:
#   - Neovim (headless) as the LSP client of `condalint server` (tests/editors/nvim_lsp.lua):
#     the diagnostics of real environment files (one from the corpus with non-ASCII text, one
#     with emoji before a finding) equal `condalint check --output-format json`; a code action
#     (a fix) is applied and the buffer written, and the file equals what `check --fix` writes;
#     a suppression action and hover on its code;
#   - pytest-lsp (PyPI, in a venv of its own) as a second client (tests/editors/test_pytest_lsp.py):
#     initialize, didOpen, publishDiagnostics (codes, UTF-16 ranges after emoji), didChange, a
#     codeAction round trip, hover, a malformed message, shutdown/exit with no stray output;
#   - plain Vim with editors/vim/compiler/condalint.vim: `:compiler condalint | make` fills the
#     quickfix list with the CLI's findings (file, line, column, code).
# Usage: scripts/check-editors.sh [CONDALINT_BINARY]   (default: target/release/condalint)
# Without nvim or vim the check is skipped with a notice, unless CI is set: then they are
# installed with apt-get, and a missing editor fails.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(cd "$(dirname "${1:-$repo/target/release/condalint}")" && pwd)/$(basename "${1:-condalint}")"
[ -x "$bin" ] || { echo "FAIL: no condalint binary at $bin" >&2; exit 1; }
export CONDALINT_TODAY=2026-12-01

if ! command -v nvim > /dev/null || ! command -v vim > /dev/null || ! command -v python3 > /dev/null; then
    if [ -z "${CI:-}" ]; then
        echo "notice: nvim, vim or python3 is absent; editor checks skipped (with CI set they are installed)"
        exit 0
    fi
    (apt-get install -y -q neovim vim python3 || (apt-get update -q && apt-get install -y -q neovim vim python3)) > /dev/null
fi
nvim --version | head -1
vim --version | head -1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
project="$work/project"
mkdir -p "$project"
cp "$repo/examples/01-minimal/environment.yml" "$project/environment.yml"
corpus="$repo/../shared/corpus/github/FuzzDOT__emn__environment.yml"
if [ -f "$corpus" ]; then
    cp "$corpus" "$project/emn-environment.yml"
elif [ -n "${CI:-}" ]; then
    echo "FAIL: $corpus is absent and CI is set" >&2
    exit 1
else
    echo "notice: the shared corpus is absent; its file is left out"
fi
# Two astral characters (two UTF-16 units each) and an accent before findings on line 3.
printf 'name: demo\nchannels: [conda-forge, defaults]\ndependencies: ["\xf0\x9f\x98\x80\xc3\xa9", python=3.11, pip, {pip: [requests==2.31.0]}]\n' > "$project/emoji-environment.yml"
cd "$project"
files="$(ls -- *.yml | tr '\n' ':')"
"$bin" check --output-format json --exit-zero -- *.yml > "$work/cli.json"

run_nvim() { # FILE ACTION CODE OUT
    CONDALINT_BIN="$bin" CONDALINT_FILES="$files" CONDALINT_FIX_FILE="$1" CONDALINT_ACTION="$2" \
        CONDALINT_ACTION_CODE="$3" CONDALINT_DIAG_OUT="$4" \
        timeout 120 nvim --headless --clean -c "luafile $repo/tests/editors/nvim_lsp.lua" > "$work/nvim.log" 2>&1 \
        || { cat "$work/nvim.log"; echo "FAIL: neovim ($2)" >&2; exit 1; }
}

echo "neovim: diagnostics equal the CLI's JSON; the fix of PIP004 applied and written"
cp environment.yml "$work/expected.yml"
"$bin" check --fix --unsafe-fixes --exit-zero --quiet "$work/expected.yml" > /dev/null
run_nvim environment.yml 'replace with `numpy==1.21.*` (unsafe)' PIP004 "$work/nvim-fix.jsonl"
cmp -s environment.yml "$work/expected.yml" || { diff -u "$work/expected.yml" environment.yml; echo "FAIL: the written file is not what check --fix writes" >&2; exit 1; }

echo "neovim: a suppression on the emoji line, and hover on its code"
run_nvim emoji-environment.yml 'suppress PIP002 on this line' PIP002 "$work/nvim-suppress.jsonl"
grep -q 'condalint: ignore\[PIP002\]' emoji-environment.yml || { cat emoji-environment.yml; echo "FAIL: the directive was not written" >&2; exit 1; }
grep -q '"hover"' "$work/nvim-suppress.jsonl" || { echo "FAIL: no hover" >&2; exit 1; }

echo "vim: :compiler condalint | make fills the quickfix list with the CLI's findings"
cp "$repo/examples/01-minimal/environment.yml" environment.yml
git -C "$project" init -q 2> /dev/null || true
"$bin" check --output-format json --exit-zero > "$work/cli-vim.json"
PATH="$(dirname "$bin"):$PATH" CONDALINT_VIM_RUNTIME="$repo/editors/vim" CONDALINT_QF_OUT="$work/qf.jsonl" \
    timeout 120 vim -Nu NONE -i NONE -es -S "$repo/tests/editors/vim_compiler.vim" > "$work/vim.log" 2>&1 \
    || { cat "$work/vim.log"; echo "FAIL: vim" >&2; exit 1; }

python3 - "$work" <<'PY'
import json, sys, os
work = sys.argv[1]
project = os.path.join(work, "project")

def read_lines(name):
    with open(os.path.join(work, name)) as f:
        return [json.loads(line) for line in f if line.strip()]

def byte_col(file, row, column):
    with open(os.path.join(project, file), encoding="utf-8") as f:
        lines = f.read().split("\n")
    return len(lines[row - 1][: column - 1].encode("utf-8"))

# Neovim: the diagnostics when each file was opened (before any action changed it).
cli = json.load(open(os.path.join(work, "cli.json")))
expected = sorted(
    (os.path.basename(f["filename"]), f["code"], f["location"]["row"] - 1,
     byte_col(os.path.basename(f["filename"]), f["location"]["row"], f["location"]["column"]),
     f["end_location"]["row"] - 1,
     byte_col(os.path.basename(f["filename"]), f["end_location"]["row"], f["end_location"]["column"]))
    for f in cli
)
got = sorted((d["file"], d["code"], d["lnum"], d["col"], d["end_lnum"], d["end_col"])
             for d in read_lines("nvim-fix.jsonl") if d["tag"] == "open")
if got != expected:
    sys.exit(f"FAIL: neovim's diagnostics differ from the CLI's\n  neovim: {got}\n  cli:    {expected}")
if not any(d["file"] == "emoji-environment.yml" and d["code"] == "PIP002" for d in read_lines("nvim-fix.jsonl")):
    sys.exit("FAIL: no PIP002 after the emoji")
print(f"neovim: {len(got)} diagnostics in {len(set(g[0] for g in got))} files equal the CLI's")

# Vim: the quickfix list.
cli = json.load(open(os.path.join(work, "cli-vim.json")))
expected = sorted((os.path.basename(f["filename"]), f["location"]["row"], f["location"]["column"], f["code"]) for f in cli)
got = sorted((os.path.basename(q["file"]), q["lnum"], q["col"], q["text"].split()[0]) for q in read_lines("qf.jsonl") if q["valid"])
if got != expected or len(set(g[0] for g in got)) < 2:
    sys.exit(f"FAIL: vim's quickfix list differs from the CLI's\n  vim: {got}\n  cli: {expected}")
print(f"vim: {len(got)} quickfix entries in {len(set(g[0] for g in got))} files equal the CLI's")
PY
echo "pytest-lsp: the server as a pygls client sees it"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "pytest-lsp==1.0.1" > "$work/pip.log" 2>&1 \
    || { cat "$work/pip.log"; echo "FAIL: cannot install pytest-lsp" >&2; exit 1; }
(cd "$work" && CONDALINT_BIN="$bin" timeout 300 "$work/venv/bin/python" -m pytest -q -p no:cacheprovider \
    -o asyncio_default_fixture_loop_scope=function --rootdir "$work" "$repo/tests/editors/test_pytest_lsp.py") \
    || { echo "FAIL: pytest-lsp" >&2; exit 1; }
echo "editor checks passed"
