#!/usr/bin/env bash
# Whole-process figures on large files of both XLIFF versions:
#  - reading and writing a file in its own version (examples/convert.rs)
#    against libxml2's parse and write of the same file through Python's
#    lxml (goal: at most half of lxml's time);
#  - `newsloc xliff check` and `newsloc xliff stats`: peak memory (max RSS
#    of the process, goal at most 32 MiB) and time against quick-xml's raw
#    tokenising of the same file through a buffered reader
#    (examples/tokenize.rs, goal at most 2x), and against quick-xml's
#    namespace-resolving read with every attribute value normalised and
#    every text unescaped (examples/resolve.rs: the XML work check must do,
#    without the XLIFF model and rules; no goal).
#
# Usage: crates/xliff/benches/lxml_compare.sh [FILE.xlf ...]
# Without files, generates a 2.0 and a 1.2 file of NEWSLOC_BENCH_MB
# megabytes (default 100) with the benches' generators. Needs python3 (with
# venv), hyperfine and GNU time (`apt-get install hyperfine time`); lxml is
# installed from PyPI into a venv under target/lxml-compare.
set -euo pipefail

for tool in python3 hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "lxml_compare.sh: $tool is needed (apt-get install python3-venv hyperfine time)" >&2
        exit 1
    }
done
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$root/target/lxml-compare
mkdir -p "$work"
files=()
for f in "$@"; do
    files+=("$(realpath "$f")")
done
cd "$root"
runs=${NEWSLOC_BENCH_RUNS:-5}

if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet 'lxml>=6,<7'
fi
py=$work/venv/bin/python

cargo build --quiet --release -p newsloc-xliff --example convert --example tokenize --example resolve
cargo build --quiet --release --bin newsloc
bin=${CARGO_TARGET_DIR:-$root/target}/release

if [ ${#files[@]} -eq 0 ]; then
    mb=${NEWSLOC_BENCH_MB:-100}
    for bench in xliff xliff_v12; do
        f=$work/$bench-${mb}mb.xlf
        if [ ! -f "$f" ]; then
            NEWSLOC_BENCH_MB=$mb NEWSLOC_BENCH_SAVE=$f \
                cargo bench --quiet -p newsloc-xliff --bench "$bench" >/dev/null
        fi
        files+=("$f")
    done
fi

cat >"$work/lxml_rw.py" <<'PY'
import sys
from lxml import etree
tree = etree.parse(sys.argv[1], etree.XMLParser(huge_tree=True, resolve_entities=False))
tree.write(sys.argv[2], xml_declaration=True, encoding="UTF-8")
PY

# Mean CPU seconds (user + system) of a command over $runs runs
# (hyperfine, one warm-up run), then its mean wall-clock seconds: on a
# machine shared with other work the CPU time is the steadier measure, and
# the ratios use it.
mean() {
    rm -f "$work/h.json"
    if ! hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/h.json" "$@" >/dev/null 2>"$work/hyperfine.err"; then
        echo "lxml_compare.sh: hyperfine failed on: $*" >&2
        cat "$work/hyperfine.err" >&2
        exit 1
    fi
    "$py" -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.3f %.3f" % (r["user"] + r["system"], r["mean"]))' "$work/h.json"
}
# Peak resident memory of a command, in MiB.
rss() {
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%.1f", $1 / 1024 }' "$work/rss"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

for f in "${files[@]}"; do
    size=$(stat -c %s "$f")
    echo "$(basename "$f"): $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') MB"
    read -r ours ours_wall <<<"$(mean "$bin/examples/convert $f $work/out-newsloc.xlf")"
    read -r theirs theirs_wall <<<"$(mean "$py $work/lxml_rw.py $f $work/out-lxml.xlf")"
    echo "  read + write (CPU s; wall s): newsloc ${ours}; ${ours_wall}, lxml ${theirs}; ${theirs_wall}: $(ratio "$ours" "$theirs")x lxml's CPU time (goal <= 0.5x)"
    echo "  convert peak RSS $(rss "$bin/examples/convert" "$f" "$work/out-newsloc.xlf") MiB, lxml $(rss "$py" "$work/lxml_rw.py" "$f" "$work/out-lxml.xlf") MiB"
    read -r tok tok_wall <<<"$(mean "$bin/examples/tokenize $f")"
    read -r res res_wall <<<"$(mean "$bin/examples/resolve $f")"
    for cmd in check stats; do
        read -r t t_wall <<<"$(mean "$bin/newsloc xliff $cmd $f")"
        echo "  xliff $cmd (CPU s; wall s): ${t}; ${t_wall}, quick-xml tokenising ${tok}; ${tok_wall}: $(ratio "$t" "$tok")x (goal <= 2x); peak RSS $(rss "$bin/newsloc" xliff "$cmd" "$f") MiB (goal <= 32 MiB)"
        echo "    against quick-xml's resolving read (${res}; ${res_wall}): $(ratio "$t" "$res")x"
    done
done
rm -f "$work/out-newsloc.xlf" "$work/out-lxml.xlf"
