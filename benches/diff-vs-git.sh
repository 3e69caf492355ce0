#!/usr/bin/env bash
# grc diff against `git diff --no-index --word-diff` on the same large pair (WNK 2015
# and SORA 2022 repeated to about 5 MB each, the same edits in every copy).
# Usage: benches/diff-vs-git.sh [MB] ; prints the median of 5 runs of each, in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-5}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cargo build --release -q --bin grc --example pair
target/release/examples/pair "$mb" "$dir"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() {
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e" "$@" >/dev/null 2>>"$dir/t" || true
    tail -1 "$dir/t"
  done | median
}
echo "pair: $(du -h "$dir/oud.gr" | cut -f1) + $(du -h "$dir/nieuw.gr" | cut -f1)"
echo "git diff --no-index --word-diff : $(run git diff --no-index --word-diff "$dir/oud.gr" "$dir/nieuw.gr") s"
echo "grc diff --format json          : $(run target/release/grc diff "$dir/oud.gr" "$dir/nieuw.gr" --format json) s"
echo "grc diff --format besluit       : $(run target/release/grc diff "$dir/oud.gr" "$dir/nieuw.gr" --format besluit --to text) s"
