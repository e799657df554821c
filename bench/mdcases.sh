#!/usr/bin/env bash
# Times `kb build` on each KB written by bench/mdcases, as a whole process
# under a cap of address space and time, and prints case, wall seconds and
# peak RSS (a capped run shows as "> LIMIT s"):
#
#   go run ./bench/mdcases /tmp/mdcases
#   bench/mdcases.sh KB_BINARY /tmp/mdcases [LIMIT_SECONDS] [CASE...]
set -uo pipefail
kb=$1 dir=$2 limit=${3:-60}
shift 3 2>/dev/null || shift $#
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  mapfile -t cases < <(ls "$dir")
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for c in "${cases[@]}"; do
  /usr/bin/time -f '%e %M' -o "$tmp/t" \
    prlimit --as=6000000000 timeout "$limit" "$kb" build --dir "$dir/$c" --out "$tmp/out" >/dev/null 2>"$tmp/err"
  rc=$?
  read -r secs rss < <(tail -1 "$tmp/t")
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    secs="> $limit"
  fi
  printf '%-26s %8s s %9s KB  exit %d  %s\n' "$c" "$secs" "$rss" "$rc" "$(head -c 160 "$tmp/err" | tr '\n' ' ')"
done
