#!/usr/bin/env bash
# Runs the benchmark suite (zumodra bench) and writes its tables into
# docs/BENCHMARKS.md. Installs wrk when missing and builds zumodra; the
# read path is measured against `zumodra serve` itself, with its result
# caches on and off and its per-client rate limit off (wrk is one client).
#
#   scripts/bench.sh                      # --scale small, about a minute on a quiet machine
#   scripts/bench.sh --scale full         # 1,000 tenants, 200,000 jobs, 100,000 providers
#   scripts/bench.sh --scale medium --only propagation --notify
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/bench.sh --only bulk
#
# OUT=file writes the tables elsewhere. Without DATABASE_URL zumodra uses
# its embedded cluster. The suite works in a scratch database
# (zumodra_bench) that it drops and recreates. A CPU profile of the bulk
# sync is printed with the run, not written into the document.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
	apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
command -v pgbench >/dev/null || echo "bench.sh: pgbench not found: install postgresql-client for the read-path ceiling" >&2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/zumodra" ./cmd/zumodra
scale_given=false
for a in "$@"; do [[ $a == --scale* ]] && scale_given=true; done
$scale_given || set -- --scale small "$@"
"$out/zumodra" bench --out "${OUT:-docs/BENCHMARKS.md}" --cpuprofile "$out/bulk.pprof" "$@"
