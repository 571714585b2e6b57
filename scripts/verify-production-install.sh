#!/usr/bin/env bash
# The production install, literally: in a temporary copy of the committed tree,
# `npm ci && npm run build && npm prune --omit=dev`, then the server starts with plain node
# and serves the app. Prints the install's size (node_modules and dist/). Takes a few minutes
# (a full `npm ci` from the registry). test/integration/production-install.test.ts checks the
# same thing in seconds with this checkout's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
server_pid=''
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git archive HEAD | tar -x -C "$work"
cd "$work"
echo "== npm ci && npm run build && npm prune --omit=dev (in $work)"
npm ci --no-audit --no-fund >npm-ci.log 2>&1 || {
  tail -20 npm-ci.log
  exit 1
}
npm run build >build.log 2>&1 || {
  tail -20 build.log
  exit 1
}
npm prune --omit=dev --no-audit --no-fund >prune.log 2>&1
for tool in vite tsx typescript react esbuild; do
  if [ -e "node_modules/$tool" ]; then
    echo "FAILED: node_modules/$tool is still installed after the prune" >&2
    exit 1
  fi
done

node_modules=$(du -sb node_modules | cut -f1)
dist=$(du -sb dist | cut -f1)
echo "production install: node_modules $((node_modules / 1000)) kB, dist $((dist / 1000)) kB, together $(((node_modules + dist) / 1000000)) MB ($(ls node_modules | wc -l) top-level entries)"

data=$(mktemp -d -p "$work")
PORT=0 HOST=127.0.0.1 DATA_DIR="$data" npm start >server.log 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  url=$(grep -o '"listening":"[^"]*"' server.log | head -1 | cut -d'"' -f4 || true)
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || {
  cat server.log
  echo 'FAILED: the server did not start' >&2
  exit 1
}
curl -fsS "$url/readyz" >/dev/null
curl -fsS "$url/" | grep -q '<div id="root">'
curl -fsS -o /dev/null -X POST -H 'content-type: application/json' -d '{"title":"Smoke"}' "$url/api/boards"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=''
grep -q 'shut down cleanly' server.log || {
  cat server.log
  echo 'FAILED: no clean shutdown' >&2
  exit 1
}
echo "ok: npm start served the app at $url and shut down cleanly"
