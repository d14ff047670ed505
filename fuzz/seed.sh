#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, ignored by git) with
# inputs made from the project's own stories: the JSON form of every wire
# fixture, example story and ninjs example, and every wire story rendered in
# each of the ten locales. The fixtures themselves and ../shared/corpus are
# given to the fuzzers as extra corpus directories, read in place (see
# fuzz/README.md). Run from the repository root: bash fuzz/seed.sh
set -euo pipefail
cargo build --quiet
N=target/debug/newsloc
SHARED=${SHARED:-../shared/corpus}
mkdir -p fuzz/corpus/json_read fuzz/corpus/ninjs_read fuzz/corpus/wire_read
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in tests/fixtures/wire/*.txt examples/stories/*.txt tests/fixtures/render/*.txt; do
    b=$(basename "$f" .txt)
    # stories that are errors on purpose (bad-date, empty-byline) make no JSON
    "$N" wire "$f" -o "$tmp/$b.json" 2>/dev/null || continue
    cp "$tmp/$b.json" "fuzz/corpus/json_read/$b.json"
    for l in en ko ja zh-Hans zh-Hant ar es fr de ru; do
        "$N" render "$tmp/$b.json" --locale "$l" > "fuzz/corpus/wire_read/$b.$l.txt"
        "$N" render "$tmp/$b.json" --locale "$l" --as ninjs > "fuzz/corpus/ninjs_read/$b.$l.json"
    done
done
for f in "$SHARED"/ninjs/examples/*.json; do
    b=$(basename "$f" .json)
    "$N" ninjs "$f" > "fuzz/corpus/json_read/ninjs-$b.json" 2>/dev/null \
        || rm -f "fuzz/corpus/json_read/ninjs-$b.json"
done
