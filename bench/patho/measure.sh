#!/usr/bin/env bash
# Measures kb build and kb lint on the KBs that bench/patho wrote, as whole
# processes under a memory cap and a time cap (a run over either is
# reported as such): wall seconds, peak RSS, exit code and the site's size.
#
#   go run ./bench/patho /tmp/patho
#   bench/patho/measure.sh KB_BINARY /tmp/patho [CASE...]
set -uo pipefail
kb=$1 dir=$2
shift 2
cap_bytes=${CAP_BYTES:-6000000000} cap_secs=${CAP_SECS:-60}
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  cases=($(cd "$dir" && ls -d */ | tr -d / | grep -v -- '-plain$' | grep -v '^base$'))
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$tmp/t" prlimit --as="$cap_bytes" timeout "$cap_secs" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  read -r secs kb_rss < <(tail -1 "$tmp/t")
  local note=""
  [ "$rc" = 124 ] && note=" (killed at ${cap_secs} s)"
  grep -q "cannot allocate memory\|out of memory" "$tmp/err" && note=" (out of memory at the ${cap_bytes}-byte cap)"
  printf "%-30s %7.2f s %8d KB rc=%s out=%s%s\n" "$label" "$secs" "$kb_rss" "$rc" "$(wc -c <"$tmp/out")" "$note"
}
for c in base "${cases[@]}"; do
  for k in "$c" "$c-plain"; do
    [ -d "$dir/$k" ] || continue
    rm -rf "$tmp/site"
    run "$k build" "$kb" build --dir "$dir/$k" --out "$tmp/site"
    printf "%-30s site %s bytes in %s files\n" "" "$(find "$tmp/site" -type f -printf '%s\n' 2>/dev/null | awk '{n += $1} END {print n + 0}')" "$(find "$tmp/site" -type f 2>/dev/null | wc -l)"
    run "$k lint" "$kb" lint --dir "$dir/$k" --today 2026-11-21
    [ "$c" = base ] && break
  done
done
