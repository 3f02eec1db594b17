#!/usr/bin/env bash
# Regenerates data/conda-releases.txt from conda's CHANGELOG.md (release headings `## X.Y.Z (date)`).
# Usage: scripts/update-conda-releases.sh path/to/conda/CHANGELOG.md [commit]
set -euo pipefail
changelog="$1"
commit="${2:-unknown}"
out="$(cd "$(dirname "$0")/.." && pwd)/data/conda-releases.txt"
python3 - "$changelog" "$commit" "$(date -u +%Y-%m-%d)" > "$out" <<'PY'
import re, sys
path, commit, today = sys.argv[1:4]
versions = set()
for line in open(path, encoding="utf-8"):
    m = re.match(r"^##\s+v?(\d+\.\d+(?:\.\d+)*(?:[a-z]+\d*)?)\s*(\(|$)", line)
    if m:
        versions.add(m.group(1))
def key(v):
    parts = []
    for p in re.split(r"\.", v):
        m = re.match(r"(\d+)([a-z]*)(\d*)", p)
        # a pre-release tag (rc1, b2) sorts before the plain release
        parts.append((int(m.group(1)), 0 if m.group(2) else 1, m.group(2), int(m.group(3) or 0)))
    return parts
print(f"# conda release versions; source: conda/conda CHANGELOG.md release headings, commit {commit}, extracted {today}")
print("# regenerate: scripts/update-conda-releases.sh <conda>/CHANGELOG.md <commit>")
for v in sorted(versions, key=key):
    print(v)
PY
echo "wrote $(grep -vc '^#' "$out") versions to $out"
