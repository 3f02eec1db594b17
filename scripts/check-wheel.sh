#!/usr/bin/env bash
# Proves the install-like-ruff story with real tools and no network for the hooks:
#   1. maturin builds the wheel from the release build that `.ci/run` made before
#      (`cargo build --release --locked`: same target dir, same profile, so nothing is compiled);
#   2. a fresh venv with only that wheel (pip, no index) runs `condalint` on an example;
#   3. the real pre-commit runs the `condalint-system` hook (language: system) with that venv's
#      bin/ and no cargo on PATH;
#   4. the real pre-commit runs the mirror made from pre-commit-mirror/ (language: python) with
#      pip pointed at the local wheel (PIP_FIND_LINKS, PIP_NO_INDEX): it installs the wheel into
#      the hook's environment, downloads nothing and uses no Rust.
# It prints the wheel's size and the time of each step. `CONDALINT_WHEEL_DIR=DIR` keeps the wheel.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
MATURIN_VERSION=1.16.0
PRE_COMMIT_VERSION=4.7.0
SETUPTOOLS_VERSION=80.9.0
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "$(now)"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# A PATH without Rust: the user venv's bin/ first, then the system's (git lives in /usr/local/bin).
NO_RUST_PATH="/usr/local/bin:/usr/bin:/bin"

install_tools() {
    python3 -m venv "$work/tools"
    "$work/tools/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION" "pre-commit==$PRE_COMMIT_VERSION"
    # The mirror package builds with setuptools; with PIP_NO_INDEX pip finds it in the wheelhouse.
    "$work/tools/bin/pip" download --quiet --disable-pip-version-check --no-deps -d "$work/wheelhouse" "setuptools==$SETUPTOOLS_VERSION"
}

build_wheel() {
    local start log="$work/maturin.log"
    start="$(now)"
    (cd "$repo" && "$work/tools/bin/maturin" build --release --locked --out "$work/wheelhouse") > "$log" 2>&1 || { cat "$log"; fail "maturin build failed"; }
    wheel="$(ls "$work"/wheelhouse/condalint-*.whl)"
    echo "wheel: $(basename "$wheel"), $(du -k "$wheel" | cut -f1) KiB, built in $(since "$start")"
    # .ci/run builds the release binary first; in CI the wheel must reuse it, not build another.
    if grep -q "Compiling condalint" "$log"; then
        [ -z "${CI:-}" ] || { cat "$log"; fail "maturin recompiled condalint instead of reusing the release build"; }
        echo "note: maturin compiled condalint (no up-to-date release build to reuse)"
    fi
    if [ -n "${CONDALINT_WHEEL_DIR:-}" ]; then mkdir -p "$CONDALINT_WHEEL_DIR" && cp "$wheel" "$CONDALINT_WHEEL_DIR/"; fi
}

check_installed() {
    python3 -m venv "$work/user"
    "$work/user/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
    local exe="$work/user/bin/condalint"
    [ -x "$exe" ] || fail "the wheel put no condalint in the venv's bin/"
    "$exe" --version | grep -qE "^condalint [0-9]+\.[0-9]+\.[0-9]+" || fail "installed condalint --version: $("$exe" --version)"
    local code=0
    (cd "$repo" && env PATH="$NO_RUST_PATH" "$exe" check --output-format concise examples/01-minimal/environment.yml) > "$work/example.log" 2>&1 || code=$?
    [ "$code" = 1 ] && grep -q "PIP004" "$work/example.log" || { cat "$work/example.log"; fail "installed condalint on examples/01-minimal: exit $code"; }
    "$exe" completions bash | grep -q "_condalint" || fail "installed condalint completions bash"
    local built="$repo/target/release/condalint"
    [ ! -x "$built" ] || [ "$("$exe" --version)" = "$("$built" --version)" ] || fail "the wheel's condalint is not target/release's"
    echo "wheel: a fresh venv with only the wheel runs $("$exe" --version) (examples/01-minimal: exit 1, PIP004)"
}

# A scratch project for pre-commit, with one file with findings, one clean file and one that is
# not an environment file.
make_project() {
    local dir="$1"
    mkdir -p "$dir/envs/clean"
    git -C "$dir" init -q .
    cp "$repo/examples/01-minimal/environment.yml" "$dir/environment.yml"
    printf 'name: clean\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip=23.3\n  - pip:\n      - requests==2.31.0\n' > "$dir/envs/clean/environment.yml"
    echo "not: an environment file" > "$dir/settings.yml"
}

# Runs pre-commit in $1 (its remaining arguments) without Rust on PATH; the log is $work/pc.log.
pre_commit_no_rust() {
    local dir="$1"; shift
    (cd "$dir" && env -u CARGO_HOME -u RUSTUP_HOME PATH="$NO_RUST_PATH" PRE_COMMIT_HOME="$work/cache" \
        "$work/tools/bin/pre-commit" "$@") > "$work/pc.log" 2>&1
}

expect_hook_results() {
    local dir="$1" what="$2"; shift 2
    pre_commit_no_rust "$dir" "$@" --files environment.yml && { cat "$work/pc.log"; fail "$what passed on a file with findings"; }
    grep -q "PIP004" "$work/pc.log" || { cat "$work/pc.log"; fail "$what: PIP004 not reported"; }
    pre_commit_no_rust "$dir" "$@" --files envs/clean/environment.yml settings.yml || { cat "$work/pc.log"; fail "$what failed on a clean file"; }
    grep -q "Passed" "$work/pc.log" || { cat "$work/pc.log"; fail "$what did not run"; }
}

check_system_hook() {
    env PATH="$NO_RUST_PATH" bash -c 'command -v cargo || command -v rustc' && fail "cargo is on the hooks' PATH"
    make_project "$work/system"
    git -C "$work/system" add .
    NO_RUST_PATH="$work/user/bin:$NO_RUST_PATH" expect_hook_results "$work/system" "the condalint-system hook" try-repo "$repo" condalint-system
    echo "pre-commit: condalint-system (language: system) runs the pip-installed condalint, no cargo on PATH: ok"
}

check_mirror() {
    bash "$repo/scripts/make-pre-commit-mirror.sh" "$work/mirror" > /dev/null
    local version
    version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)"
    make_project "$work/mirrored"
    printf 'repos:\n  - repo: %s\n    rev: v%s\n    hooks:\n      - id: condalint\n' "$work/mirror" "$version" > "$work/mirrored/.pre-commit-config.yaml"
    git -C "$work/mirrored" add .
    local start
    start="$(now)"
    PIP_FIND_LINKS="$work/wheelhouse" PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
        pre_commit_no_rust "$work/mirrored" install-hooks || { cat "$work/pc.log"; fail "pre-commit could not install the mirror's hook from the local wheel"; }
    echo "pre-commit mirror: first run's hook install (pip, local wheel, no index) took $(since "$start")"
    PIP_NO_INDEX=1 expect_hook_results "$work/mirrored" "the mirror's hook" run
    local envdir
    envdir="$(dirname "$(dirname "$(ls "$work"/cache/repo*/py_env-*/bin/condalint)")")"
    [ -x "$envdir/bin/condalint" ] || fail "no condalint in the hook's environment"
    [ ! -e "$envdir/bin/cargo" ] && ! ls "$envdir"/lib/python*/site-packages | grep -qi "maturin\|rust" || fail "the hook's environment holds cargo or a Rust build tool"
    local installed
    installed="$("$envdir/bin/python" -c 'import importlib.metadata as m; print(m.version("condalint"))')"
    [ "$installed" = "$version" ] || fail "the hook's environment has condalint '$installed', not $version"
    # The local wheel, not another condalint: the same --version, commit included.
    [ "$("$envdir/bin/condalint" --version)" = "$("$work/user/bin/condalint" --version)" ] || fail "the hook's condalint is not the local wheel's"
    echo "pre-commit mirror: the hook's environment has condalint $version from the wheel, no cargo: ok"
}

start_all="$(now)"
install_tools
build_wheel
check_installed
check_system_hook
check_mirror
echo "wheel and pre-commit without Rust: ok ($(since "$start_all") in all)"
