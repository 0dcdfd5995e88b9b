package openapitest_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/openapi/openapitest"
)

func TestTheServedDocumentLoads(t *testing.T) {
	if _, err := openapitest.Router(); err != nil {
		t.Fatal(err)
	}
}

func exchange(method, target, body string, status int, contentType, respBody string) openapitest.Exchange {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return openapitest.Exchange{Request: r, RequestBody: []byte(body), Status: status, Header: h, Body: []byte(respBody)}
}

const problem = `{"type":"about:blank","title":"Bad Request","status":400,"detail":"x"}`

// The checker must catch each kind of drift, or every test it wraps
// proves nothing.
func TestCheckCatchesDrift(t *testing.T) {
	bad := []struct {
		name string
		x    openapitest.Exchange
	}{
		{"body missing a required field", exchange("GET", "/api/v1/careers/stats", "", 200, "application/json", `{}`)},
		{"undocumented status", exchange("GET", "/api/v1/careers/stats", "", 418, "application/problem+json", problem)},
		{"allowed request refused", exchange("GET", "/api/v1/careers/jobs?page_size=5", "", 400, "application/problem+json", problem)},
		{"forbidden request accepted", exchange("GET", "/api/v1/careers/jobs?page_size=500", "", 304, "", "")},
		{"undocumented path served", exchange("GET", "/api/v1/nowhere", "", 200, "application/json", `{}`)},
		{"no key yet served", exchange("GET", "/api/v1/tenant/jobs", "", 200, "application/json", `{"items":[],"next_cursor":null}`)},
	}
	for _, c := range bad {
		if err := openapitest.Check(c.x); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	good := exchange("GET", "/api/v1/nowhere", "", 404, "application/problem+json", problem)
	if err := openapitest.Check(good); err != nil {
		t.Errorf("undocumented path refused: %v", err)
	}
}
