#!/bin/sh
# Assembles the production tree in DIR: package.json, the lock file, what package.json's "files"
# lists (bin/quorum.js, dist, migrations), and `npm ci --omit=dev` there: no TypeScript, no tsx, no
# test tools. The Dockerfile's build stage and test/deploy/production-tree.test.ts both run this
# script, so the image and the test cannot drift apart.  Usage: scripts/production-tree.sh DIR
set -eu
dir=${1:?usage: scripts/production-tree.sh DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$root/dist/.build-stamp" ]; then
  echo "production-tree: no build in $root/dist: run npm run build first" >&2
  exit 1
fi
mkdir -p "$dir"
cp "$root/package.json" "$root/package-lock.json" "$dir/"
for entry in $(node -p "require(process.argv[1]).files.join(' ')" "$root/package.json"); do
  mkdir -p "$dir/$(dirname "$entry")"
  rm -rf "${dir:?}/$entry"
  cp -R "$root/$entry" "$dir/$entry"
done
# No install scripts: no production dependency needs one, and none should run in a release build.
cd "$dir" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund
