#!/usr/bin/env bash
# Load test of the public read path, from a second process (wrk), beside
# pgbench -S on the same server as the ceiling. Writes nothing to the repo:
# copy the figures into docs/BENCHMARKS.md ("Public read path").
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/zumodra_bench_catalog \
#     internal/publicapi/benchserver/bench.sh
#
# The database must hold the generated catalog:
#   go run ./internal/catalog/cmd/catalogseed -database-url "$DATABASE_URL" -migrate
set -euo pipefail
cd "$(dirname "$0")/../../.."
: "${DATABASE_URL:?set DATABASE_URL to the catalog database}"
ADDR=${ADDR:-127.0.0.1:8090}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-16}
command -v wrk >/dev/null || { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; }

go build -o /tmp/zumodra-benchserver ./internal/publicapi/benchserver
API="/api/v1/careers/jobs?q=python&job_type=full_time&country=Germany"
PAGE="/careers/"

measure() { # label, server flags
	local label=$1; shift
	/tmp/zumodra-benchserver -database-url "${DATABASE_URL}?pool_max_conns=8" -addr "$ADDR" "$@" >/dev/null &
	local pid=$!
	trap 'kill $pid 2>/dev/null || true' EXIT
	for _ in $(seq 50); do curl -fs "http://$ADDR/api/v1/careers/stats" >/dev/null && break; sleep 0.2; done
	for path in "$PAGE" "$API"; do
		curl -fs -o /dev/null "http://$ADDR$path" # warm
		echo "== $label: $path"
		wrk -t2 -c"$CONNS" -d"$DURATION" --latency "http://$ADDR$path" | grep -E 'Latency|50%|90%|99%|Requests/sec|Non-2xx|Socket'
	done
	if [ -n "${ROTATE:-}" ]; then
		echo "== $label: rotating searches (internal/publicapi/benchserver/rotate.lua)"
		wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s internal/publicapi/benchserver/rotate.lua "http://$ADDR" | grep -E 'Latency|50%|90%|99%|Requests/sec|Non-2xx|Socket'
	fi
	kill $pid; wait $pid 2>/dev/null || true
	trap - EXIT
}

measure "caches on (defaults)"
ROTATE=1 measure "caches off" -cache-ttl=-1s -body-ttl=-1s -page-ttl=-1s

echo "== pgbench -S -c 16 -j 2 -T 20 (ceiling)"
PGB_DB=zumodra_bench_pgbench
psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $PGB_DB" -c "CREATE DATABASE $PGB_DB"
PGB_URL="${DATABASE_URL%/*}/$PGB_DB"
pgbench -q -i -s 10 "$PGB_URL" >/dev/null 2>&1
pgbench -S -c 16 -j 2 -T 20 "$PGB_URL" | grep -E 'latency|tps'
psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $PGB_DB"
