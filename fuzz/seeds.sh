#!/bin/sh
# Fills fuzz/corpus/<target>/ (not committed) with seeds: the committed set in
# fuzz/seeds/, the regelingen, the fixtures, besluit pairs and a sample of
# ../shared/corpus (every 10th text, cut at 64 KB). Run from the repository root.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
for t in check roundtrip apply; do mkdir -p "fuzz/corpus/$t"; done
cp fuzz/seeds/check/* fuzz/corpus/check/ 2>/dev/null || true
cp fuzz/seeds/roundtrip/* fuzz/corpus/roundtrip/ 2>/dev/null || true
cp fuzz/seeds/apply/* fuzz/corpus/apply/ 2>/dev/null || true
n=0
for f in regelingen/*.gr $(find tests/fixtures -name '*.gr'); do
    n=$((n + 1))
    head -c 65536 "$f" > "fuzz/corpus/check/fixture-$n"
done
for d in tests/fixtures/besluit/*/; do
    name=$(basename "$d")
    { cat "$d/oud.gr"; printf '\n=====\n'; cat "$d/nieuw.gr"; } > "fuzz/corpus/roundtrip/$name"
    { cat "$d/nieuw.gr"; printf '\n=====\n'; cat "$d/oud.gr"; } > "fuzz/corpus/roundtrip/$name-terug"
done
if [ -d ../shared/corpus ]; then
    i=0
    for f in ../shared/corpus/*.txt; do
        i=$((i + 1))
        [ $((i % 10)) -eq 0 ] || continue
        head -c 65536 "$f" > "fuzz/corpus/check/shared-$i"
    done
fi
echo "seeds: $(ls fuzz/corpus/check | wc -l) check, $(ls fuzz/corpus/roundtrip | wc -l) roundtrip, $(ls fuzz/corpus/apply | wc -l) apply"
