#!/usr/bin/env bash
# The index checks' speed: a 50-dependency environment file checked with --online against the
# local mirror (bench/index_mirror.rs, on 127.0.0.1), cold (empty cache) and warm (fresh cache,
# no request), for a sharded channel and a plain repodata.json one; then the same file with
# --offline. Goals (issue 17): cold < 1 s, warm < 50 ms.
#   bash bench/index.sh          (release build; installs hyperfine if missing)
# Nothing here is a test assertion; the numbers go to stdout and bench/results/index.md.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
out="$repo/bench/results"
mkdir -p "$out"
if ! command -v hyperfine > /dev/null; then
    (apt-get install -y -q hyperfine || (apt-get update -q && apt-get install -y -q hyperfine)) > "$work/apt.log" 2>&1 \
        || { cat "$work/apt.log"; echo "cannot install hyperfine" >&2; exit 2; }
fi
cd "$repo"
cargo build --release --locked --quiet --bin condalint --example index_mirror
condalint="$repo/target/release/condalint"

# The mirror runs until its standard input closes.
mkfifo "$work/mirror.in"
"$repo/target/release/examples/index_mirror" "$work/mirror" < "$work/mirror.in" > "$work/mirror.url" &
mirror=$!
exec 3> "$work/mirror.in"
trap 'exec 3>&-; wait $mirror 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/mirror.url" ] && break; sleep 0.05; done
url="$(cat "$work/mirror.url")"

# 50 dependencies: 30 conda (24 found, 3 versions that do not exist, 3 names that do not) and
# 20 pip (16 found, 2 versions that do not exist, 2 names that do not).
for channel in bench bench-json; do
    {
        echo "name: bench"
        echo "channels:"
        echo "  - $channel"
        echo "dependencies:"
        for i in $(seq 0 23); do printf '  - pkg%02d>=1.%d\n' "$i" $((i % 5)); done
        for i in $(seq 24 26); do printf '  - pkg%02d=2.0\n' "$i"; done
        for i in $(seq 27 29); do printf '  - pkgg%02d\n' "$i"; done
        echo "  - pip:"
        for i in $(seq 0 15); do printf '      - proj%02d>=1.%d\n' "$i" $((i % 5)); done
        for i in $(seq 16 17); do printf '      - proj%02d==2.0\n' "$i"; done
        for i in $(seq 18 19); do printf '      - projj%02d\n' "$i"; done
    } > "$work/$channel.yml"
done

# Isolated from the machine's conda configuration; one cache per measured run when cold.
export HOME="$work/home" CONDALINT_TODAY=2026-12-01
unset CONDARC CONDA_CHANNEL_ALIAS CONDA_DEFAULT_CHANNELS CONDA_CHANNELS XDG_CONFIG_HOME CONDA_PREFIX
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_CONFIG_FILE PIP_NO_INDEX
mkdir -p "$HOME"
run() { "$condalint" check --isolated --output-format concise --channel-alias "$url/conda" --pypi-index "$url/pypi/bench" "$@" || true; }
export -f run
export condalint url

echo "findings (bench):"; run --online --cache-dir "$work/show" "$work/bench.yml" | grep -c IDX || true
report="$out/index.md"
{
    echo "# bench/index.sh ($(date -u +%F), $(nproc) cores)"
    for channel in bench bench-json; do
        file="$work/$channel.yml"
        hyperfine --shell bash --style basic --warmup 1 --runs 20 --export-markdown "$work/$channel-cold.md" \
            --prepare "rm -rf '$work/cold'" \
            "run --online --cache-dir '$work/cold' '$file'" > /dev/null 2>&1
        run --online --cache-dir "$work/warm-$channel" "$file" > /dev/null
        hyperfine --shell bash --style basic --warmup 3 --runs 50 --export-markdown "$work/$channel-warm.md" \
            "run --online --cache-dir '$work/warm-$channel' '$file'" \
            "run --offline --cache-dir '$work/warm-$channel' '$file'" \
            "run '$file'" > /dev/null 2>&1
        echo; echo "## channel \`$channel\` (50 dependencies), cold"; cat "$work/$channel-cold.md"
        echo; echo "## channel \`$channel\`, warm cache (--online fresh, --offline, and without index checks)"; cat "$work/$channel-warm.md"
    done
} | tee "$report"
