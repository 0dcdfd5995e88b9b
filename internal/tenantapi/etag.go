package tenantapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/httpx"
)

// etag is the strong entity tag of a row version.
func etag(version int64) string { return `"v` + strconv.FormatInt(version, 10) + `"` }

// ifMatch reads the one version named by If-Match. It writes 428 and
// returns false when the header is missing, "*", a list or not one of our
// tags: a blind write is exactly what the header exists to prevent.
func ifMatch(w http.ResponseWriter, r *http.Request) (int64, bool) {
	v := strings.TrimSpace(r.Header.Get("If-Match"))
	v = strings.TrimPrefix(v, "W/") // lenient: our tags are strong, but clients echo what they see
	if n, ok := parseTag(v); ok {
		return n, true
	}
	detail := "If-Match with the ETag of the row you read is required, e.g. If-Match: \"v3\""
	if v != "" {
		detail = "If-Match must hold exactly one ETag of this API, e.g. \"v3\""
	}
	httpx.WriteProblem(w, httpx.Problem{Status: http.StatusPreconditionRequired, Detail: detail, Instance: r.URL.Path})
	return 0, false
}

func parseTag(v string) (int64, bool) {
	if len(v) < 4 || !strings.HasPrefix(v, `"v`) || !strings.HasSuffix(v, `"`) {
		return 0, false
	}
	n, err := strconv.ParseInt(v[2:len(v)-1], 10, 64)
	return n, err == nil && n > 0
}
