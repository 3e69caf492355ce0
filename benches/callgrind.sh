#!/usr/bin/env bash
# Instruction counts (callgrind, which do not move with the machine's load) of issue 17's
# workloads, with git's word diff counted in the same run: the real pair at 1x and 10x,
# `grc diff` (JSON and besluit), `grc check` of both, `grc build` of the folder that
# benches/vs-git.sh makes. Prints one line per scale with each grc figure ÷ git's.
# Usage: benches/callgrind.sh [GRC (default: this tree's release build)] [LABEL]
# To put two builds side by side, run it once with each binary. Never a test.
set -euo pipefail
cd "$(dirname "$0")/.."
nice cargo build --release -q --bin grc --example pair
grc="${1:-$PWD/target/release/grc}"
label="${2:-grc}"
pair="$PWD/target/release/examples/pair"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
ir() {
  valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$d/cg.out" "$@" \
    >/dev/null 2>"$d/vg.err" || true
  grep -o "Collected : [0-9]*" "$d/vg.err" | awk '{print $3}'
}
for scale in 1 10; do
  f="$d/x$scale"
  mkdir -p "$f"
  cp regelingen/*.csv regelingen/*.toml "$f/"
  if [ "$scale" = 1 ]; then
    cp regelingen/wnk-2015.gr regelingen/sora-2022.gr "$f/"
  else
    "$pair" "${scale}x" "$d/p" >/dev/null
    mv "$d/p/oud.gr" "$f/wnk-2015.gr"
    mv "$d/p/nieuw.gr" "$f/sora-2022.gr"
  fi
  o="$f/wnk-2015.gr" n="$f/sora-2022.gr"
  g=$(ir git diff --no-index --word-diff=porcelain "$o" "$n")
  j=$(ir "$grc" diff "$o" "$n" --format json)
  b=$(ir "$grc" diff "$o" "$n" --format besluit --to text)
  c=$(ir "$grc" check "$o" "$n")
  bu=$(ir "$grc" build "$f" --out "$d/out$scale")
  awk -v l="$label" -v s="$scale" -v g="$g" -v j="$j" -v b="$b" -v c="$c" -v bu="$bu" 'BEGIN {
    printf "%s %sx: git %.1fM | diff json %.1fM (%.2fx) | besluit %.1fM (%.2fx) | check %.1fM (%.2fx) | build %.0fM (%.1fx)\n",
      l, s, g/1e6, j/1e6, j/g, b/1e6, b/g, c/1e6, c/g, bu/1e6, bu/g }'
done
