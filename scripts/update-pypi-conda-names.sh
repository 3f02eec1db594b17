#!/usr/bin/env bash
# Regenerates data/pypi-conda-names.tsv from conda/grayskull's grayskull/strategy/config.yaml
# (top-level keys: normalised PyPI names; `conda_forge:` the conda-forge package name).
# Usage: scripts/update-pypi-conda-names.sh path/to/config.yaml [commit]
set -euo pipefail
config="$1"
commit="${2:-unknown}"
out="$(cd "$(dirname "$0")/.." && pwd)/data/pypi-conda-names.tsv"
python3 - "$config" "$commit" > "$out" <<'PY'
import re, sys
path, commit = sys.argv[1:3]
def norm(n):
    return re.sub(r"[-_.]+", "-", n).lower()
pairs, current = {}, None
for line in open(path, encoding="utf-8"):
    top = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*):\s*$", line)
    if top:
        current = norm(top.group(1))
        continue
    m = re.match(r"^\s+conda_forge:\s*['\"]?([A-Za-z0-9._-]+)['\"]?\s*$", line)
    if m and current:
        conda = m.group(1).lower()
        if norm(conda) != current:
            pairs[current] = conda
print(f"# PyPI name (PEP 503) -> conda-forge name, where they differ; source: conda/grayskull grayskull/strategy/config.yaml, commit {commit}, extracted 2026-11-24")
print("# regenerate: scripts/update-pypi-conda-names.sh <grayskull>/grayskull/strategy/config.yaml <commit>")
for k in sorted(pairs):
    print(f"{k}\t{pairs[k]}")
PY
echo "wrote $(grep -vc '^#' "$out") pairs to $out"
