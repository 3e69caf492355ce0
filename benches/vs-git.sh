#!/usr/bin/env bash
# grc against `git diff --no-index --word-diff=porcelain` on the real pair (WNK 2015 and
# SORA 2022) at 1x and repeated Nx (the same edits in every copy), in one run, so the
# ratios compare like with like on whatever the machine is doing. Prints a Markdown table:
# median wall time of R runs, peak resident memory, and grc's time as a multiple of git's.
# Usage: benches/vs-git.sh [N (default 100)] [R (default 5)]
# GRC=path/to/grc measures that binary instead of this tree's release build (to put an
# earlier build beside the current one, each in a run of its own with git's time).
# Never a test: timings belong in a table a person reads, not in an assertion.
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-100}"
runs="${2:-5}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
# PROFILE=dev measures the test profile's build (opt-level 1) when a release build is more
# than the machine can spare; compare its rows with each other, not with a release table.
profile="${PROFILE:-release}"
out_dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
nice cargo build --profile "$profile" -q --bin grc --example pair
grc="${GRC:-$PWD/target/$out_dir/grc}"

# One build folder per scale: the pair under its real names, with the population data,
# wijzigingen.toml and the toelichting, as `grc build` reads regelingen/.
setup() { # scale folder
  local scale="$1" d="$2"
  mkdir -p "$d"
  cp regelingen/*.csv regelingen/*.toml "$d/"
  if [ "$scale" = 1 ]; then
    cp regelingen/wnk-2015.gr regelingen/sora-2022.gr "$d/"
  else
    "target/$out_dir/examples/pair" "${scale}x" "$dir/pair"
    mv "$dir/pair/oud.gr" "$d/wnk-2015.gr"
    mv "$dir/pair/nieuw.gr" "$d/sora-2022.gr"
  fi
}

# Median seconds and the peak RSS (MB) of the median run, of `runs` runs of a command.
measure() {
  local t="$dir/times"
  : >"$t"
  local start end
  for _ in $(seq "$runs"); do
    # Wall time from the shell's clock (time's own is in centiseconds), RSS from time.
    start=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$dir/one" "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}') $(tail -1 "$dir/one")" >>"$t"
  done
  sort -n "$t" | awk '{s[NR]=$1; m[NR]=$2} END {i=int((NR+1)/2); printf "%s %.0f\n", s[i], m[i]/1024}'
}

echo "| workload | scale | input MB | grc s | git s | ratio | grc peak MB | peak / input |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for scale in 1 "$copies"; do
  d="$dir/x$scale"
  setup "$scale" "$d"
  old="$d/wnk-2015.gr" new="$d/sora-2022.gr"
  mb=$(du -cb "$old" "$new" | tail -1 | awk '{printf "%.2f", $1/1048576}')
  read -r gs gm < <(measure git diff --no-index --word-diff=porcelain "$old" "$new")
  row() { # name command...
    local name="$1"
    shift
    read -r s m < <(measure "$@")
    awk -v n="$name" -v x="$scale" -v mb="$mb" -v s="$s" -v g="$gs" -v m="$m" \
      'BEGIN {printf "| %s | %sx | %s | %.3f | %.3f | %.1fx | %d | %.1fx |\n", n, x, mb, s, g, s/g, m, m/mb}'
  }
  echo "| git diff --word-diff=porcelain | ${scale}x | $mb | | $gs | 1x | $gm | $(awk -v m="$gm" -v mb="$mb" 'BEGIN {printf "%.1fx", m/mb}') |"
  row "grc diff (json)" "$grc" diff "$old" "$new" --format json
  row "grc diff --format besluit" "$grc" diff "$old" "$new" --format besluit --to text
  row "grc check old new" "$grc" check "$old" "$new"
  row "grc build (both, pair, every output)" "$grc" build "$d" --out "$dir/out$scale"
  # The build's report has the spelling findings (L006); its cost is this row's difference.
  row "grc build --zonder-spelling" "$grc" build "$d" --out "$dir/out$scale" --zonder-spelling
done
