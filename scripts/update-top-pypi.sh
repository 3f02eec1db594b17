#!/usr/bin/env bash
# Regenerates data/top-pypi.txt (the 15,000 most-downloaded PyPI projects: known names) and
# data/top-pypi-popular.txt (the top 1,000: what a typosquat imitates) from hugovk/top-pypi-packages.
# Usage: scripts/update-top-pypi.sh path/to/top-pypi-packages.min.json [commit] [date]
set -euo pipefail
json="$1"
commit="${2:-unknown}"
date="${3:-unknown}"
data="$(cd "$(dirname "$0")/.." && pwd)/data"
python3 - "$json" "$commit" "$date" "$data" <<'PY'
import json, re, sys
path, commit, date, data = sys.argv[1:5]
rows = json.load(open(path, encoding="utf-8"))["rows"]
names = [re.sub(r"[-_.]+", "-", r["project"]).lower() for r in rows]
def write(file, top, what):
    with open(f"{data}/{file}", "w", encoding="utf-8") as f:
        f.write(f"# {what}; source: hugovk/top-pypi-packages top-pypi-packages.min.json (last 30 days of downloads as of {date}), commit {commit}, extracted 2026-11-24\n")
        f.write(f"# the {top} most-downloaded projects, PEP 503 names, sorted by name (download order is not kept)\n")
        for n in sorted(set(names[:top])):
            f.write(n + "\n")
write("top-pypi.txt", 15000, "known PyPI projects")
write("top-pypi-popular.txt", 1000, "very popular PyPI projects (typosquatting targets)")
print(len(rows), "rows")
PY
