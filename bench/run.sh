#!/usr/bin/env bash
# Benchmarks condalint against yamllint and against a bare parse by the same YAML crate, on the
# shared corpus and on generated inputs, and prints the ratios. One command from a fresh clone:
#   bash bench/run.sh            (needs ../shared/corpus; installs hyperfine and yamllint)
# Numbers go to bench/results/ (not committed); nothing here is a test assertion.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${CORPUS:-$repo/../shared/corpus}"
out="$repo/bench/results"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
[ -d "$corpus" ] || { echo "no corpus at $corpus (set CORPUS=...)" >&2; exit 2; }

if ! command -v hyperfine > /dev/null; then
    echo "installing hyperfine (Debian package)"
    (apt-get install -y -q hyperfine || (apt-get update -q && apt-get install -y -q hyperfine)) > "$work/apt.log" 2>&1 \
        || { cat "$work/apt.log"; echo "cannot install hyperfine" >&2; exit 2; }
fi
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "yamllint==1.38.0"
yamllint="$work/venv/bin/yamllint"

cd "$repo"
cargo build --release --locked --quiet --bin condalint --example bare_parse
condalint="$repo/target/release/condalint"
bare="$repo/target/release/examples/bare_parse"

# The same file list for every tool: every YAML file of the corpus.
find "$corpus" -type f \( -name '*.yml' -o -name '*.yaml' \) | sort > "$work/files.txt"
n_files=$(wc -l < "$work/files.txt")
mapfile -t files < "$work/files.txt"
typical="$repo/examples/01-minimal/environment.yml"

# 10,000 generated files: the corpus files copied round-robin under environment-file names.
mkdir -p "$work/many"
python3 - "$work/files.txt" "$work/many" <<'PY'
import sys, shutil, os
files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
for i in range(10_000):
    d = os.path.join(sys.argv[2], f"d{i // 100:03d}")
    os.makedirs(d, exist_ok=True)
    shutil.copyfile(files[i % len(files)], os.path.join(d, f"environment-{i}.yml"))
PY
# One 10 MB environment file: many conda dependencies and a long pip section.
python3 - "$work/big-environment.yml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("name: big\nchannels:\n  - conda-forge\n  - nodefaults\ndependencies:\n  - python=3.11\n  - pip=23.3\n")
    i = 0
    while f.tell() < 9_000_000:
        f.write(f"  - package-number-{i}=1.{i % 50}.{i % 7}\n")
        i += 1
    f.write("  - pip:\n")
    while f.tell() < 10_000_000:
        f.write(f"    - pypi-project-{i}=={i % 9}.{i % 13}.0\n")
        i += 1
PY

# 500 Azure ML definitions, each naming its conda file (a walk finds the definitions, which
# bring their conda files), against 500 definitions without one plus the same conda files as
# environment files of their own: linting a definition with its conda file must cost no more
# than linting the two files separately.
python3 - "$work/files.txt" "$work/aml-with" "$work/aml-apart" <<'PY'
import sys, os
files = [l.strip() for l in open(sys.argv[1]) if l.strip() and "/github/" in l]
head = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: bench\nimage: mcr.microsoft.com/azureml/openmpi5.0-ubuntu24.04:20250601.v1\n"
for i in range(500):
    conda = open(files[i % len(files)], "rb").read()
    for root, with_conda in ((sys.argv[2], True), (sys.argv[3], False)):
        d = os.path.join(root, f"d{i:03d}")
        os.makedirs(d)
        open(os.path.join(d, "env.yml"), "w").write(head + ("conda_file: deps.yml\n" if with_conda else ""))
        open(os.path.join(d, "deps.yml" if with_conda else "environment.yml"), "wb").write(conda)
PY

echo "== corpus: $n_files files in one invocation; 10,000 generated files; one 10 MB file"
hyperfine --warmup 3 --runs 20 -N -i --export-json "$out/corpus.json" \
    -n condalint "$condalint --output-format concise --quiet ${files[*]}" \
    -n yamllint "$yamllint -f parsable ${files[*]}" \
    -n bare-parse "$bare ${files[*]}"
hyperfine --warmup 3 --runs 50 -N -i --export-json "$out/single.json" \
    -n single-file "$condalint $typical"
hyperfine --warmup 1 --runs 5 -N -i --export-json "$out/scale.json" \
    -n 10000-files "$condalint --output-format concise --quiet $work/many" \
    -n 10mb-file "$condalint --output-format concise --quiet $work/big-environment.yml" \
    -n 10mb-bare-parse "$bare $work/big-environment.yml"

hyperfine --warmup 2 --runs 10 -N -i --export-json "$out/aml.json" \
    -n aml-with-conda-file "$condalint --output-format concise --quiet $work/aml-with" \
    -n aml-apart "$condalint --output-format concise --quiet $work/aml-apart"

peak() { /usr/bin/time -f "%M" "$@" > /dev/null 2> "$work/time.txt" || true; tail -1 "$work/time.txt"; }
mem_corpus=$(peak "$condalint" --output-format concise --quiet "${files[@]}")
mem_many=$(peak "$condalint" --output-format concise --quiet "$work/many")
mem_big=$(peak "$condalint" --output-format concise --quiet "$work/big-environment.yml")

python3 - "$out" "$mem_corpus" "$mem_many" "$mem_big" <<'PY' | tee "$out/summary.txt"
import json, sys
out, mem_corpus, mem_many, mem_big = sys.argv[1:5]
def load(name):
    return {r["command"]: r for r in json.load(open(f"{out}/{name}.json"))["results"]}
c, s, g, a = load("corpus"), load("single"), load("scale"), load("aml")
ms = lambda r: r["mean"] * 1000
def line(label, value, target, ok):
    print(f"{label:<44} {value:<22} target {target:<14} {'met' if ok else 'MISSED'}")
ratio_y = c["yamllint"]["mean"] / c["condalint"]["mean"]
ratio_b = c["condalint"]["mean"] / c["bare-parse"]["mean"]
line("corpus: condalint", f"{ms(c['condalint']):.1f} ms", "", True)
line("corpus: yamllint (default config)", f"{ms(c['yamllint']):.1f} ms", "", True)
line("corpus: bare parse (same YAML crate)", f"{ms(c['bare-parse']):.1f} ms", "", True)
line("condalint vs yamllint", f"{ratio_y:.1f}x faster", ">= 50x", ratio_y >= 50)
line("condalint vs bare parse", f"{ratio_b:.2f}x the time", "<= 2x", ratio_b <= 2)
line("one typical file (incl. start-up)", f"{ms(s['single-file']):.2f} ms", "< 5 ms", ms(s['single-file']) < 5)
line("10,000 files", f"{ms(g['10000-files']):.0f} ms", "< 2000 ms", ms(g['10000-files']) < 2000)
line("one 10 MB file", f"{ms(g['10mb-file']):.0f} ms", "< 1000 ms", ms(g['10mb-file']) < 1000)
line("one 10 MB file: bare parse", f"{ms(g['10mb-bare-parse']):.0f} ms", "", True)
ratio_big = g["10mb-file"]["mean"] / g["10mb-bare-parse"]["mean"]
line("10 MB file vs bare parse", f"{ratio_big:.2f}x the time", "<= 3x", ratio_big <= 3)
ratio_a = a["aml-with-conda-file"]["mean"] / a["aml-apart"]["mean"]
line("500 definitions + their conda files", f"{ms(a['aml-with-conda-file']):.0f} ms", "", True)
line("the same, as separate files", f"{ms(a['aml-apart']):.0f} ms", "", True)
line("definition + conda file vs separately", f"{ratio_a:.2f}x the time", "<= 1x", ratio_a <= 1.0)
line("peak memory: corpus", f"{int(mem_corpus) / 1024:.1f} MB", "< 50 MB", int(mem_corpus) < 50 * 1024)
line("peak memory: 10,000 files", f"{int(mem_many) / 1024:.1f} MB", "", True)
line("peak memory: 10 MB file", f"{int(mem_big) / 1024:.1f} MB", "<= 100 MB", int(mem_big) <= 100 * 1024)
PY
