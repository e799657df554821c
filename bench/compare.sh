#!/usr/bin/env bash
# Times two commands as whole processes, alternating A B A B after one
# warm-up of each, and prints each run's wall seconds and peak RSS, then
# the medians and the median of the A/B wall ratios, pair by pair.
#
#   bench/compare.sh RUNS 'COMMAND A' 'COMMAND B'
set -euo pipefail
runs=$1 a=$2 b=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure() { /usr/bin/time -f "%e %M" -o "$tmp/t" bash -c "$1 >/dev/null 2>&1" || true; cat "$tmp/t" | tail -1; }
measure "$a" >/dev/null
measure "$b" >/dev/null
for i in $(seq "$runs"); do
  ra=$(measure "$a"); rb=$(measure "$b")
  echo "$ra $rb" >> "$tmp/pairs"
  echo "run $i: A ${ra% *} s ${ra#* } KB   B ${rb% *} s ${rb#* } KB"
done
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo "A wall median: $(awk '{print $1}' "$tmp/pairs" | median) s, peak RSS median: $(awk '{print $2}' "$tmp/pairs" | median) KB"
echo "B wall median: $(awk '{print $3}' "$tmp/pairs" | median) s, peak RSS median: $(awk '{print $4}' "$tmp/pairs" | median) KB"
echo "A/B wall ratio, median of pairs: $(awk '{printf "%.4f\n", $1/$3}' "$tmp/pairs" | median)"
echo "A/B peak RSS ratio, median of pairs: $(awk '{printf "%.4f\n", $2/$4}' "$tmp/pairs" | median)"
