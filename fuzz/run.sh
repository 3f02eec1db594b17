#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), from the small seeds in fuzz/seeds/.
# One command: bash fuzz/run.sh [SECONDS]. Installs cargo-fuzz when missing; the machine's stable
# toolchain is used with RUSTC_BOOTSTRAP=1 for the flags cargo-fuzz needs. No sanitizer (`-s none`:
# the code is safe Rust, and AddressSanitizer made runs eight times slower); debug assertions and
# overflow checks on (`-a`), so an arithmetic overflow is a crash too.
# A crash is saved under fuzz/artifacts/<target>/; add it as a regression test in tests/.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
command -v cargo-fuzz > /dev/null || cargo install --locked cargo-fuzz@0.13.2
export RUSTC_BOOTSTRAP=1
for target in pipeline requirements; do
    mkdir -p "corpus/$target"
    cp -n seeds/$target/* "corpus/$target/" 2>/dev/null || true
    echo "== $target for ${seconds}s"
    cargo fuzz run -s none -a "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=4096 2>&1 | grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs|ERROR|SUMMARY|panicked" || true
done
