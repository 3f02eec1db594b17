#!/usr/bin/env bash
# Proves the pre-commit hook in .pre-commit-hooks.yaml works with the real pre-commit from PyPI:
# in a scratch git repository, the hook must fail on a file with findings and pass on a clean one.
# pre-commit builds condalint from this repository with cargo (language: rust), so this is slow.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==4.7.0"
export PRE_COMMIT_HOME="$work/cache"
precommit="$work/venv/bin/pre-commit"

mkdir -p "$work/project/envs/clean"
cd "$work/project"
git init -q .
git config user.email "ci@condalint.invalid"
git config user.name "condalint ci"
cp "$repo/examples/01-minimal/environment.yml" environment.yml
cat > envs/clean/environment.yml <<'YAML'
name: clean
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip=23.3
  - pip:
      - requests==2.31.0
YAML
echo "not: an environment file" > settings.yml
# The project's configuration excludes vendored files; pre-commit names them explicitly, so the
# hook's --force-exclude must honour it.
mkdir -p third_party
cp "$repo/examples/01-minimal/environment.yml" third_party/environment.yml
printf '[project]\nname = "scratch"\n\n[tool.condalint]\nexclude = ["third_party/**"]\n' > pyproject.toml
git add .

echo "pre-commit: the hook must fail on examples/01-minimal/environment.yml"
if "$precommit" try-repo "$repo" condalint --files environment.yml > "$work/bad.log" 2>&1; then
    cat "$work/bad.log"
    echo "FAIL: the hook passed on a file with findings" >&2
    exit 1
fi
grep -q "PIP004" "$work/bad.log" || { cat "$work/bad.log"; echo "FAIL: PIP004 not reported" >&2; exit 1; }

echo "pre-commit: the hook must pass on a clean file, skip files that are not environment files, and honour exclude"
if ! "$precommit" try-repo "$repo" condalint --files envs/clean/environment.yml settings.yml third_party/environment.yml > "$work/good.log" 2>&1; then
    cat "$work/good.log"
    echo "FAIL: the hook failed on a clean file" >&2
    exit 1
fi
grep -q "Passed" "$work/good.log" || { cat "$work/good.log"; echo "FAIL: hook did not run" >&2; exit 1; }
echo "pre-commit hook: ok"
