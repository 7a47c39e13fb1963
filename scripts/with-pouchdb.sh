#!/usr/bin/env bash
# Runs a command with a fresh in-memory PouchDB Server on loopback, then stops it.
#   scripts/with-pouchdb.sh cargo test ...
# The server's URL is exported as WAYPOINT_TEST_COUCH for the tests; a misbehaving proxy in
# front of it as WAYPOINT_TEST_PROXY, and a CouchDB 3.x double (tests/couch3_double.py) as
# WAYPOINT_TEST_COUCH3 with its admin in WAYPOINT_TEST_COUCH3_ADMIN / _PASSWORD.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/node_modules/.bin/pouchdb-server"
[ -x "$bin" ] || { echo "pouchdb-server is missing: run scripts/setup.sh test" >&2; exit 1; }
port=${WAYPOINT_TEST_COUCH_PORT:-15984}
workdir=$(mktemp -d)   # it writes config.json and log.txt into its working directory
( cd "$workdir" && exec "$bin" --in-memory --host 127.0.0.1 --port "$port" ) >"$workdir/server.out" 2>&1 &
server=$!
proxy=""
double=""
cleanup() {
  [ -n "$double" ] && kill "$double" 2>/dev/null || true
  [ -n "$proxy" ] && kill "$proxy" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$workdir/server.out" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/" >/dev/null || { echo "pouchdb-server did not start" >&2; exit 1; }
export WAYPOINT_TEST_COUCH="http://127.0.0.1:$port"
# A misbehaving proxy in front of it, for the fault-injection tests.
proxy_port=$((port + 1))
python3 "$root/tests/faulty_proxy.py" "$proxy_port" "$WAYPOINT_TEST_COUCH" 20261122 >"$workdir/proxy.out" 2>&1 &
proxy=$!
for _ in $(seq 1 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $proxy_port), 1)" 2>/dev/null && break
  sleep 0.1
done
export WAYPOINT_TEST_PROXY="http://127.0.0.1:$proxy_port"
# A CouchDB 3.x double in front of it: opaque seqs, strict _changes, CouchDB's _bulk_get,
# max_document_size, users, sessions and CORS with credentials (see docs/testing.md).
double_port=$((port + 2))
python3 "$root/tests/couch3_double.py" "$double_port" "$WAYPOINT_TEST_COUCH" admin:waypoint-admin \
  >"$workdir/double.out" 2>&1 &
double=$!
for _ in $(seq 1 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $double_port), 1)" 2>/dev/null && break
  kill -0 "$double" 2>/dev/null || { cat "$workdir/double.out" >&2; exit 1; }
  sleep 0.1
done
export WAYPOINT_TEST_COUCH3="http://127.0.0.1:$double_port"
export WAYPOINT_TEST_COUCH3_ADMIN=admin
export WAYPOINT_TEST_COUCH3_PASSWORD=waypoint-admin
"$@"
