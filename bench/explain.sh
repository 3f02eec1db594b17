#!/usr/bin/env bash
# `condalint explain` on a generated 500 MB build log: peak memory (RSS) and wall time.
#   bash bench/explain.sh            (SIZE_MB=500 by default; builds the release binary)
# The log (in /tmp, removed afterwards) is BuildKit-style noise: prefixed lines with colour
# escapes and `\r` progress-bar redraws, pip retry warnings, and three real failures spread
# through it (a pip hash mismatch with its package line, a distutils uninstall, and
# ResolvePackageNotFound with two specs at the end). Nothing here is a test assertion.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
size_mb="${SIZE_MB:-500}"
work="$(mktemp -d /tmp/condalint-explain-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
log="$work/synthetic-500mb.log"

cd "$repo"
cargo build --release --locked --quiet --bin condalint
condalint="$repo/target/release/condalint"

python3 - "$log" "$size_mb" <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
noise = []
for i in range(1000):
    noise.append(f"#12 {i}.{i % 10} Downloading package-{i}-1.0-py3-none-any.whl (1.{i % 9} MB)\r"
                 f"#12 {i}.{i % 10} \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m 100% 1.{i % 9}/1.{i % 9} MB\n")
    noise.append(f"2024-05-01T12:00:{i % 60:02d}.1234567Z Collecting dependency-{i}>=1.0 (from -r requirements.txt (line {i % 50 + 1}))\n")
block = "".join(noise).encode()
failures = {
    0.25: b"ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated the package versions, please update the hashes.\n"
          b"    numpy==1.26.4 from https://files.pythonhosted.org/packages/numpy-1.26.4.whl:\n"
          b"        Expected sha256 3279e67d5b1b9a54d1a16f3bd4234169f14e2b90c0f58ed37bcfa7303645d610\n"
          b"             Got        7087087d93a677f2809bbb9be0a9375cd1da297984c8b3a223c3cc3a2de2046f\n",
    0.5: b"\x1b[91mERROR: Cannot uninstall 'PyYAML'. It is a distutils installed project and thus we cannot accurately determine which files belong to it\x1b[0m\n",
}
written = 0
marks = sorted(failures)
with open(path, "wb") as f:
    while written < size:
        if marks and written >= marks[0] * size:
            f.write(failures.pop(marks.pop(0)))
        f.write(block)
        written += len(block)
    f.write(b"Solving environment: failed\n\nResolvePackageNotFound:\n  - pyyaml==3.12=py27ha7932d0_1\n  - click==6.7=py27h2b86a94_0\n")
PY
bytes=$(stat -c %s "$log")
lines=$(wc -l < "$log")
echo "log: $log, $bytes bytes, $lines lines"
set +e
/usr/bin/time -v "$condalint" explain "$log" --output-format concise > "$work/out.txt" 2> "$work/time.txt"
status=$?
set -e
cat "$work/out.txt"
echo "exit code: $status (1: known failures found)"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$work/time.txt"
rss_kb=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
echo "peak RSS: $((rss_kb / 1024)) MiB for a $((bytes / 1024 / 1024)) MiB log"
