#!/usr/bin/env bash
# The searchable site a Hugo user would make of a kbgen KB instead of
# `kb build`: the Hugo site of bench/hugo-site.sh, plus a search page with
# Pagefind's default UI, built by Hugo v0.152.2 and then indexed by
# Pagefind 1.6, for timing beside `kb build` and for bench/searchbytes.
#
#   mkdir -p /tmp/pf && (cd /tmp/pf && npm i pagefind@1.6)
#   export PAGEFIND=/tmp/pf/node_modules/.bin/pagefind   # what `npx pagefind` runs
#   bench/search-peer.sh setup /tmp/kbgen10k /tmp/hugo-search    # once: the Hugo site
#   bench/search-peer.sh build /tmp/hugo-search /tmp/hugo-search/public
#
# `setup` copies the KB into a Hugo site (bench/hugo-site.sh) and adds
# /search/ with Pagefind's UI; `build` is what a user runs each time, and
# what is timed as one process beside `kb build --dir KB --out OUT`:
#
#   hugo --quiet --source SITE --destination OUT
#   pagefind --quiet --site OUT
#
# `bench/search-peer.sh KB SITE OUT` does both. HUGO and PAGEFIND name the
# two commands (default: hugo and pagefind on PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
hugo=${HUGO:-hugo} pagefind=${PAGEFIND:-pagefind}

usage() {
  echo "usage: $0 setup KB SITE | $0 build SITE OUT | $0 KB SITE OUT" >&2
  exit 2
}

setup() { # KB SITE
  "$here/hugo-site.sh" "$1" "$2" >/dev/null
  mkdir -p "$2/layouts/search"
  printf -- '---\ntitle: Search\nlayout: search\n---\n' > "$2/content/search.md"
  cat > "$2/layouts/search/single.html" <<'EOF'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link href="{{ "pagefind/pagefind-ui.css" | relURL }}" rel="stylesheet">
<script src="{{ "pagefind/pagefind-ui.js" | relURL }}"></script></head>
<body><h1>{{ .Title }}</h1><div id="search"></div>
<script>window.addEventListener("DOMContentLoaded", () => { new PagefindUI({ element: "#search" }); });</script>
</body></html>
EOF
  echo "Hugo site with a Pagefind search page in $2"
}

build() { # SITE OUT
  "$hugo" --quiet --source "$1" --destination "$2"
  "$pagefind" --quiet --site "$2"
}

case ${1:-} in
setup) [ $# -eq 3 ] || usage; setup "$2" "$3" ;;
build) [ $# -eq 3 ] || usage; build "$2" "$3" ;;
*) [ $# -eq 3 ] || usage; setup "$1" "$2"; build "$2" "$3" ;;
esac
