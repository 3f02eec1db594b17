#!/usr/bin/env bash
# Regenerates data/conda-pypi-names.tsv: conda package name -> PyPI project name, where they differ.
# Sources, merged:
#   1. prefix-dev/parselmouth files/mapping_as_grayskull.json (conda-forge name -> PyPI name, read off
#      the conda-forge artifacts themselves)
#   2. conda/grayskull grayskull/strategy/config.yaml (PyPI name -> `conda_forge:` name, curated)
# Usage: scripts/update-conda-pypi-names.sh mapping_as_grayskull.json PARSELMOUTH_COMMIT config.yaml GRAYSKULL_COMMIT
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/data/conda-pypi-names.tsv"
python3 - "$@" > "$out" <<'PY'
import json, re, sys
mapping, pm_commit, config, gs_commit = sys.argv[1:5]
def norm(n):
    return re.sub(r"[-_.]+", "-", n).lower()
pairs = set()
for conda, pypi in json.load(open(mapping, encoding="utf-8")).items():
    if pypi and norm(conda) != norm(pypi):
        pairs.add((norm(conda), norm(pypi)))
current = None
for line in open(config, encoding="utf-8"):
    top = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*):\s*$", line)
    if top:
        current = norm(top.group(1))
        continue
    m = re.match(r"^\s+conda_forge:\s*['\"]?([A-Za-z0-9._-]+)['\"]?\s*$", line)
    if m and current and norm(m.group(1)) != current:
        pairs.add((norm(m.group(1)), current))
print(f"# conda name -> PyPI name (both PEP 503-normalised), where they differ, one pair a line; sources: prefix-dev/parselmouth files/mapping_as_grayskull.json commit {pm_commit}; conda/grayskull grayskull/strategy/config.yaml commit {gs_commit}; extracted 2026-11-24")
print("# regenerate: scripts/update-conda-pypi-names.sh <parselmouth>/files/mapping_as_grayskull.json <commit> <grayskull>/grayskull/strategy/config.yaml <commit>")
for conda, pypi in sorted(pairs):
    print(f"{conda}\t{pypi}")
PY
echo "wrote $(grep -vc '^#' "$out") pairs to $out"
