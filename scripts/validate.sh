#!/usr/bin/env bash
# Third-party checkers against a running site: the Nu HTML checker, axe-core
# (at desktop and phone width) in headless Chromium, redocly and Spectral on
# the served OpenAPI document, promtool on /metrics, xmllint on the sitemaps
# and the feed.
#
#   ./scripts/validate.sh                 # builds zumodra, runs `zumodra demo` with a
#                                         # data dir of its own on a free port, checks it
#   ./scripts/validate.sh --url http://127.0.0.1:8002 [--admin-token T] [--tenant-key K]
#                                         # checks a site that is already running; with a
#                                         # tenant key it unpublishes one of that tenant's
#                                         # jobs to check the 410 page (it stays unpublished)
#   ./scripts/validate.sh --lighthouse    # also Lighthouse on the four public pages, as a
#                                         # phone: scores printed, a CLS of 0.1 or more fails
#
# Tools are installed on first use into $ZUMODRA_TOOLS_DIR (default
# .zumodra/tools): pinned npm packages, and, when run as root with apt-get,
# Debian's chromium, default-jre-headless (for the Nu checker) and
# libxml2-utils. promtool is used when on PATH; the same lint runs in
# `go test ./internal/server -run Promlint`. Exit status 1 when any checker
# finds a problem; each prints what it found.
set -euo pipefail
cd "$(dirname "$0")/.."

url="" admin_token="${ZUMODRA_ADMIN_TOKEN:-}" tenant_key="${ZUMODRA_TENANT_KEY:-}" lighthouse="" gone=""
while [ $# -gt 0 ]; do
	case "$1" in
	--url) url="${2%/}"; shift 2 ;;
	--admin-token) admin_token="$2"; shift 2 ;;
	--tenant-key) tenant_key="$2"; shift 2 ;;
	--lighthouse) lighthouse=1; shift ;;
	-h | --help) sed -n '2,21p' "$0"; exit 0 ;;
	*) echo "validate.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done

tools="${ZUMODRA_TOOLS_DIR:-$PWD/.zumodra/tools}"
npm_packages=(vnu-jar@26.9.27 axe-core@4.14.1 puppeteer-core@25.16.0 @redocly/cli@2.77.0
	@stoplight/spectral-cli@6.16.3 sitemap@9.0.1 lighthouse@13.5.0)
work="$(mktemp -d)"
demo_pid=""
cleanup() {
	if [ -n "$demo_pid" ]; then kill "$demo_pid" 2>/dev/null && wait "$demo_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

install_tools() {
	local missing=()
	command -v chromium >/dev/null 2>&1 || missing+=(chromium)
	command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
	command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
	if [ ${#missing[@]} -gt 0 ]; then
		if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
			echo "validate.sh: installing ${missing[*]}" >&2
			apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
				{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null; }
		else
			echo "validate.sh: install ${missing[*]} first" >&2
			exit 2
		fi
	fi
	local stamp="$tools/.installed-$(echo "${npm_packages[*]}" | sha256sum | cut -c1-12)"
	if [ ! -f "$stamp" ]; then
		echo "validate.sh: installing ${npm_packages[*]} into $tools" >&2
		mkdir -p "$tools"
		npm install --prefix "$tools" --no-audit --no-fund --silent "${npm_packages[@]}"
		touch "$stamp"
	fi
	cp scripts/validate/axe.mjs "$tools/axe.mjs" # resolves its imports from $tools
}

# start_demo builds zumodra and serves the demo data on a free port.
start_demo() {
	go build -o "$work/zumodra" ./cmd/zumodra
	local port
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	admin_token="validate-$RANDOM$RANDOM"
	url="http://127.0.0.1:$port"
	ZUMODRA_ADMIN_TOKEN="$admin_token" "$work/zumodra" demo --data-dir "$work/pg" --addr "127.0.0.1:$port" \
		>"$work/demo.log" 2>&1 &
	demo_pid=$!
	for _ in $(seq 120); do
		if curl -fsS "$url/readyz" >/dev/null 2>&1 && curl -fsS "$url/careers/" 2>/dev/null | grep -q 'href="/careers/jobs/'; then
			tenant_key=$(grep -o "Bearer [^']*" "$work/demo.log" | head -1 | cut -d' ' -f2)
			return 0
		fi
		kill -0 "$demo_pid" 2>/dev/null || break
		sleep 1
	done
	cat "$work/demo.log" >&2
	echo "validate.sh: the demo did not come up" >&2
	exit 1
}

# unpublish_one takes one of the tenant's public jobs off the career page
# through the tenant API and waits for its public URL to answer 410, so the
# gone page is checked like the others; it prints that URL's path.
unpublish_one() {
	local api="$url/api/v1/tenant" auth="Authorization: Bearer $tenant_key" row id catalog etag
	row=$(curl -fsS -H "$auth" "$api/catalog-status" | node -e '
		const b = JSON.parse(require("fs").readFileSync(0, "utf8"));
		const it = b.items.find(i => i.kind === "job" && i.state === "public");
		if (it) console.log(it.id + " " + it.catalog_id);') || return 1
	read -r id catalog <<<"$row"
	[ -n "$catalog" ] || return 1
	etag=$(curl -fsS -D - -o /dev/null -H "$auth" "$api/jobs/$id" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
	curl -fsS -o /dev/null -X PATCH -H "$auth" -H "If-Match: $etag" -H 'Content-Type: application/json' \
		--data '{"published_on_career_page": false}' "$api/jobs/$id" || return 1
	for _ in $(seq 50); do
		if [ "$(curl -sS -o /dev/null -w '%{http_code}' -L "$url/careers/jobs/$catalog/")" = 410 ]; then
			echo "/careers/jobs/$catalog/"
			return 0
		fi
		sleep 0.2
	done
	return 1
}

# pages lists the public pages to check: fixed ones and the first job and
# freelancer the lists link to.
pages() {
	local jobs providers job provider
	jobs=$(curl -fsS "$url/careers/")
	providers=$(curl -fsS "$url/browse-freelancers/")
	job=$(grep -o 'href="/careers/jobs/[^"]*"' <<<"$jobs" | head -1 | cut -d'"' -f2)
	provider=$(grep -o 'href="/browse-freelancers/[0-9][^"]*"' <<<"$providers" | head -1 | cut -d'"' -f2)
	printf '%s\n' / /careers/ "/careers/?q=engineer" "/careers/?q=zzqqxx" "/careers/?remote=remote&sort=salary" "/careers/?near=London&radius=100" \
		"$job" "${job}applied/" /browse-freelancers/ "/browse-freelancers/?q=design&sort=rating" "/browse-freelancers/?near=Berlin" "$provider" \
		"${provider}sent/" /no-such-page/
	if [ -n "$gone" ]; then printf '%s\n' "$gone"; fi
	if [ -n "$admin_token" ]; then printf '%s\n' /admin/ /admin/login; fi
}

failed=()
check() { # check NAME COMMAND...: run a checker, remember a failure
	echo "== $1" >&2
	if ! "${@:2}"; then failed+=("$1"); fi
}

nu() {
	local i=0 p
	while read -r p; do
		i=$((i + 1))
		curl -sS -H "Authorization: Bearer $admin_token" "$url$p" -o "$work/page$i.html"
		echo "page$i.html: $p"
	done < <(pages | grep -v '^/admin/login$') # the login page redirects a bearer caller
	curl -sS "$url/admin/login" -o "$work/login.html"
	java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu "$work"/*.html
}

axe() {
	local urls=()
	while read -r p; do urls+=("$url$p"); done < <(pages)
	CHROMIUM="$(command -v chromium)" ADMIN_TOKEN="$admin_token" node "$tools/axe.mjs" "${urls[@]}"
}

openapi_lint() {
	curl -fsS "$url/api/openapi.json" -o "$work/openapi.json"
	printf 'extends: ["spectral:oas"]\n' >"$work/.spectral.yaml"
	"$tools/node_modules/.bin/redocly" lint --format stylish "$work/openapi.json" &&
		"$tools/node_modules/.bin/spectral" lint --fail-severity error --ruleset "$work/.spectral.yaml" "$work/openapi.json"
}

metrics() {
	if ! command -v promtool >/dev/null 2>&1; then
		echo "promtool not on PATH: skipped (go test ./internal/server -run Promlint runs its rules)"
		return 0
	fi
	curl -fsS -H "Authorization: Bearer ${ZUMODRA_METRICS_TOKEN:-}" "$url/metrics" | promtool check metrics
}

sitemaps() {
	curl -fsS "$url/sitemap.xml" -o "$work/sitemap.xml"
	xmllint --noout --schema scripts/validate/siteindex.xsd "$work/sitemap.xml" || return 1
	local loc i=0 ok=0
	while read -r loc; do
		i=$((i + 1))
		curl -fsS "$loc" -o "$work/sitemap$i.xml"
		xmllint --noout --schema "$tools/node_modules/sitemap/schema/sitemap.xsd" "$work/sitemap$i.xml" || ok=1
	done < <(xmllint --xpath '//*[local-name()="loc"]/text()' "$work/sitemap.xml" | tr ' ' '\n' | grep .)
	curl -fsS "$url/careers/feed.xml" -o "$work/feed.xml"
	xmllint --noout "$work/feed.xml" && echo "feed.xml: well-formed" || ok=1
	return $ok
}

# phone_scores runs Lighthouse as a phone (its default: a mid-range device,
# throttled CPU and network) on the four public pages.
phone_scores() {
	local p job provider ok=0
	job=$(pages | grep '^/careers/jobs/' | head -1)
	provider=$(pages | grep '^/browse-freelancers/[0-9]' | head -1)
	for p in /careers/ "$job" /browse-freelancers/ "$provider"; do
		CHROME_PATH="$(command -v chromium)" "$tools/node_modules/.bin/lighthouse" "$url$p" --quiet \
			--form-factor=mobile --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
			--only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$work/lh.json" >/dev/null 2>&1 || ok=1
		node -e '
			const r = require(process.argv[1]), a = r.audits, c = r.categories, cls = a["cumulative-layout-shift"].numericValue;
			const s = Object.entries(c).map(([k, v]) => k + " " + Math.round(v.score * 100)).join(", ");
			console.log(process.argv[2] + ": " + s + "; CLS " + cls.toFixed(3) + ", LCP " + Math.round(a["largest-contentful-paint"].numericValue) + " ms, TBT " + Math.round(a["total-blocking-time"].numericValue) + " ms");
			process.exit(cls < 0.1 ? 0 : 1);' "$work/lh.json" "$p" || ok=1
	done
	return $ok
}

install_tools
if [ -z "$url" ]; then start_demo; fi
echo "validate.sh: checking $url" >&2
if [ -n "$tenant_key" ]; then
	gone=$(unpublish_one) || { echo "validate.sh: could not take a job off the career page for the 410 page" >&2; failed+=("410 page"); }
fi
check "Nu HTML checker" nu
check "axe-core" axe
check "redocly and Spectral" openapi_lint
check "promtool" metrics
check "sitemaps and feed (xmllint)" sitemaps
if [ -n "$lighthouse" ]; then check "Lighthouse (phone)" phone_scores; fi
if [ ${#failed[@]} -gt 0 ]; then
	echo "validate.sh: problems found by: ${failed[*]}" >&2
	exit 1
fi
echo "validate.sh: every checker passed" >&2
