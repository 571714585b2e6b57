#!/usr/bin/env bash
# Builds the container image and runs it as an operator would, checking what matters:
#   1. one container on SQLite: healthy by its HEALTHCHECK, not root, serves the app compressed,
#      keeps the hub token out of its log, and `docker stop` ends in the server's clean shutdown;
#   2. compose.yaml: two processes on PostgreSQL and Redis behind nginx; two clients sync a
#      note through nginx, the access log masks the token, and stopping one process moves
#      nobody's work.
# Needs docker and `docker compose` (or docker-compose), and a checkout with its dev
# dependencies (deploy/smoke-sync.mjs uses y-websocket). Base images can be replaced, e.g. by a
# site's mirror: NODE_IMAGE, POSTGRES_IMAGE, REDIS_IMAGE, NGINX_IMAGE.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${KOKEILEVA_IMAGE:-kokeileva:smoke}
NODE_IMAGE=${NODE_IMAGE:-node:20-bookworm-slim}
PROJECT=kokeileva-smoke
HTTP_PORT=${HTTP_PORT:-18080}
work=$(mktemp -d)
container=''

compose() {
  if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi
}
cleanup() {
  [ -n "$container" ] && docker rm -f "$container" >/dev/null 2>&1 || true
  compose --project-name "$PROJECT" --env-file "$work/.env" down -v >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAILED: $*" >&2
  exit 1
}
pass() { echo "ok: $*"; }
# Polls a command until it succeeds, for at most $1 seconds.
wait_for() {
  local seconds=$1
  shift
  for _ in $(seq "$((seconds * 2))"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  return 1
}

echo "== building $IMAGE (base $NODE_IMAGE)"
docker build --build-arg NODE_IMAGE="$NODE_IMAGE" -t "$IMAGE" . >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log"
  fail 'docker build'
}
pass "built $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}')"

echo '== one container on SQLite'
container=$(docker run -d -p 127.0.0.1::3000 "$IMAGE")
port=$(docker port "$container" 3000 | head -1 | sed 's/.*://')
healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$container")" = healthy ]; }
wait_for 120 healthy || fail "not healthy: $(docker logs "$container" 2>&1 | tail -5)"
pass 'healthy (HEALTHCHECK on /readyz)'
[ "$(docker exec "$container" id -u)" != 0 ] || fail 'runs as root'
pass "runs as $(docker exec "$container" id -un)"
[ "$(docker inspect -f '{{json .Config.Volumes}}' "$container")" = '{"/data":{}}' ] || fail 'DATA_DIR is not a volume'
pass 'DATA_DIR /data is a volume'
[ "$(docker exec "$container" cat /proc/1/comm)" = node ] || fail 'PID 1 is not node'
pass 'PID 1 is node'
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">' || fail 'the app is not served'
asset=$(curl -fsS "http://127.0.0.1:$port/" | grep -o '/assets/index-[^"]*\.js' | head -1)
curl -fsS -o /dev/null -D "$work/headers" -H 'accept-encoding: br' "http://127.0.0.1:$port$asset"
grep -qi '^content-encoding: br' "$work/headers" || fail 'assets are not served compressed'
grep -qi '^cache-control: public, max-age=31536000, immutable' "$work/headers" || fail 'assets are not cached'
pass 'serves the app; assets brotli-compressed and immutable'
token=$(docker exec "$container" cat /data/hub-token)
docker logs "$container" >"$work/sqlite.log" 2>&1
grep -qF -- "$token" "$work/sqlite.log" && fail 'the hub token is in the container log'
grep -q 'cat /data/hub-token' "$work/sqlite.log" || fail 'the log does not say where the hub token is'
pass 'the hub token is not in the log; the log names /data/hub-token'
docker stop -t 30 "$container" >/dev/null
[ "$(docker inspect -f '{{.State.ExitCode}}' "$container")" = 0 ] || fail 'exit code after docker stop'
docker logs "$container" 2>&1 | grep -q '"msg":"shut down cleanly"' || fail 'no clean shutdown in the log'
pass 'docker stop: the server shut down cleanly, exit code 0'
docker rm -f "$container" >/dev/null
container=''

echo '== compose: two processes on PostgreSQL and Redis behind nginx'
secret() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n'; }
cat >"$work/.env" <<EOF
POSTGRES_PASSWORD=$(secret)
KOKEILEVA_SECRET=$(secret)
KOKEILEVA_HUB_TOKEN=$(secret)
PUBLIC_URL=http://127.0.0.1:$HTTP_PORT
HTTP_PORT=$HTTP_PORT
KOKEILEVA_IMAGE=$IMAGE
${POSTGRES_IMAGE:+POSTGRES_IMAGE=$POSTGRES_IMAGE}
${REDIS_IMAGE:+REDIS_IMAGE=$REDIS_IMAGE}
${NGINX_IMAGE:+NGINX_IMAGE=$NGINX_IMAGE}
EOF
compose --project-name "$PROJECT" --env-file "$work/.env" up -d --no-build >"$work/compose.log" 2>&1 || {
  cat "$work/compose.log"
  fail 'compose up'
}
wait_for 120 curl -fsS "http://127.0.0.1:$HTTP_PORT/readyz" || fail "nginx does not answer: $(compose --project-name "$PROJECT" --env-file "$work/.env" logs --tail 20 2>&1)"
pass 'up: nginx answers /readyz'
read -r board participant < <(node deploy/smoke-sync.mjs "http://127.0.0.1:$HTTP_PORT")
pass "two clients synced a note through nginx (board $board)"
compose --project-name "$PROJECT" --env-file "$work/.env" logs nginx >"$work/nginx.log" 2>&1
grep -q "/sync/$board?token=\*\*\*" "$work/nginx.log" || fail 'the access log does not show the masked sync URL'
grep -qF -- "$participant" "$work/nginx.log" && fail 'the token is in the access log'
pass 'the nginx access log masks the token'
upstreams=$(grep -o ' [0-9.]*:3000$' "$work/nginx.log" | sort -u | wc -l)
[ "$upstreams" -ge 2 ] || fail "nginx used $upstreams process(es)"
pass "nginx spread requests over $upstreams processes"
compose --project-name "$PROJECT" --env-file "$work/.env" stop kokeileva-1 >/dev/null 2>&1
compose --project-name "$PROJECT" --env-file "$work/.env" logs kokeileva-1 2>&1 | grep -q 'shut down cleanly' ||
  fail 'kokeileva-1 did not shut down cleanly'
node deploy/smoke-sync.mjs "http://127.0.0.1:$HTTP_PORT" >/dev/null || fail 'sync with one process stopped'
pass 'one process stopped cleanly; the other serves alone'
echo 'all checks passed'
