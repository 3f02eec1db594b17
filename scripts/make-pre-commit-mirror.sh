#!/usr/bin/env bash
# Publishes a release to the pre-commit mirror (the condalint-pre-commit repository, the way
# ruff-pre-commit mirrors ruff): copies pre-commit-mirror/ into the mirror's git work tree DEST
# (made when absent), pins `condalint==VERSION`, commits and tags vVERSION. Push DEST afterwards
# (`git -C DEST push --follow-tags`) once the wheels of VERSION are on PyPI.
#   usage: scripts/make-pre-commit-mirror.sh DEST [VERSION]   (VERSION: Cargo.toml's by default)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:?usage: make-pre-commit-mirror.sh DEST [VERSION]}"
version="${2:-$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)}"
[[ "$version" =~ ^[0-9A-Za-z.+!-]+$ ]] || { echo "make-pre-commit-mirror: bad version '$version'" >&2; exit 2; }

mkdir -p "$dest"
[ -e "$dest/.git" ] || git -C "$dest" init -q
cp "$repo/pre-commit-mirror/.pre-commit-hooks.yaml" "$repo/pre-commit-mirror/README.md" "$dest/"
sed -e "s/^version = \".*\"/version = \"$version\"/" -e "s/\"condalint==[^\"]*\"/\"condalint==$version\"/" \
    "$repo/pre-commit-mirror/pyproject.toml" > "$dest/pyproject.toml"
sed -i "s/rev: v[^ ]*/rev: v$version/" "$dest/README.md"
git -C "$dest" add .pre-commit-hooks.yaml README.md pyproject.toml
git -C "$dest" -c user.name="condalint release" -c user.email="release@condalint.invalid" \
    commit -q --allow-empty -m "condalint $version"
git -C "$dest" tag -f "v$version" > /dev/null
echo "pre-commit mirror: $dest at v$version"
