#!/usr/bin/env bash
# The one test command: vet, format check, and the whole test suite.
#
#   ./scripts/test.sh                 # everything
#   ./scripts/test.sh -run TestSync   # extra arguments go to `go test`
#
# Tests use a private embedded PostgreSQL cluster (see docs/EMBEDDED.md),
# started on demand and stopped at the end, unless DATABASE_URL is set; a
# server on 127.0.0.1:5432 is never picked up implicitly.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Chromium; install Debian's package when we can.
ensure_chromium() {
	if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then
		return 0
	fi
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "test.sh: installing chromium for the browser tests" >&2
		if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }; then
			echo "test.sh: warning: could not install chromium; browser tests may fail" >&2
		fi
	else
		echo "test.sh: note: chromium not found (install it with your package manager)" >&2
	fi
}

# Stop the embedded test cluster unless another test run still uses it.
# Bounded by a timeout so a stuck server can never hang CI.
stop_test_cluster() {
	local status=$?
	if [ -z "${DATABASE_URL:-}" ]; then
		local stop=(go run ./internal/testdb/cmd/testcluster stop)
		if command -v timeout >/dev/null 2>&1; then stop=(timeout 180 "${stop[@]}"); fi
		"${stop[@]}" || echo "test.sh: warning: could not stop the test cluster" >&2
	fi
	exit "$status"
}

ensure_chromium

echo "== go vet" >&2
go vet ./...

echo "== gofmt" >&2
unformatted=$(find . -name '*.go' -not -path './.git/*' -not -path './.zumodra/*' -not -path './vendor/*' -print0 |
	xargs -0 gofmt -l)
if [ -n "$unformatted" ]; then
	echo "gofmt needed on:" >&2
	echo "$unformatted" >&2
	exit 1
fi

trap stop_test_cluster EXIT
echo "== go test" >&2
go test ./... -count=1 -timeout 20m "$@"
