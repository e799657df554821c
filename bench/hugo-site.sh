#!/usr/bin/env bash
# Makes a Hugo site of a kbgen corpus for the build benchmark: the same
# markdown files, a minimal single and list layout, and taxonomies for the
# services, tags, severities and owners that kb's site has.
#
#   bench/hugo-site.sh /tmp/kbgen10k /tmp/hugo-bench
set -euo pipefail
corpus=$1 site=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$site"
mkdir -p "$site/content"
cp -r "$here/hugo/." "$site/"
cp -r "$corpus/postmortems" "$corpus/runbooks" "$site/content/"
echo "Hugo site in $site; build it with: hugo --quiet --source $site --destination /tmp/hugo-out"
