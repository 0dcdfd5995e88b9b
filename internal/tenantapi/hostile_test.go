package tenantapi_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/tenantapi"
)

// hostile values: each must be stored exactly or refused with a 4xx problem
// naming the trouble; a 5xx is a failure.
var hostile = []string{
	`'; DROP TABLE job_postings; --`,
	`" OR 1=1 --`,
	`<script>alert(document.cookie)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`javascript:alert(1)`,
	`{{.}} ${7*7} %s%n`,
	"\u202eevil\u202c \U0001F600 ñ 日本",
	"line1\r\nline2",
	"nul\x00byte",
	"bad\xff\xfeutf8",
	strings.Repeat("A", 150_000),
	strings.Repeat("€", 1<<20), // 3 MB of UTF-8: beyond the body limit
}

var stringFields = map[string][]string{
	"jobs": {"title", "slug", "reference_code", "location_city", "location_state", "location_country", "street_address",
		"postal_code", "description",
		"responsibilities", "requirements", "nice_to_have", "benefits", "salary_currency", "salary_period", "team",
		"meta_title", "meta_description", "hiring_manager_email", "internal_notes", "application_email", "job_type",
		"experience_level", "remote_policy", "status"},
	"providers": {"display_name", "provider_type", "bio", "tagline", "avatar_url", "cover_image_url", "city", "state",
		"country", "currency", "availability_status", "email", "phone", "bank_account", "payment_account_id", "private_notes"},
	"job-categories":      {"name", "slug", "description"},
	"provider-categories": {"name", "slug"},
}

func baseBody(res string) map[string]any {
	switch res {
	case "jobs":
		return validJob()
	case "providers":
		return validProvider()
	}
	return map[string]any{"name": "Cat", "slug": "cat"}
}

// rawJSON encodes v as JSON but keeps invalid UTF-8 bytes as they are
// (encoding/json would replace them), so the server sees them.
func rawJSON(m map[string]any, field, value string) string {
	delete(m, field)
	b, _ := json.Marshal(m)
	q := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\x00", `\u0000`).Replace(value)
	return `{"` + field + `":"` + q + `",` + string(b[1:])
}

func TestHostileStringsStoredExactlyOrRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	stored, refused := 0, 0
	for res, fields := range stringFields {
		for _, field := range fields {
			for i, v := range hostile {
				r := e.do("POST", tp+"/"+res, a.key, rawJSON(baseBody(res), field, v))
				switch {
				case r.status == http.StatusCreated:
					stored++
					m := r.json(t)
					if m[field] != v {
						t.Errorf("%s.%s hostile #%d stored as %.80q", res, field, i, m[field])
					}
					id := strconv.FormatInt(int64(m["id"].(float64)), 10)
					must(t, e.do("DELETE", tp+"/"+res+"/"+id, a.key, nil, "If-Match", r.header.Get("ETag")), http.StatusNoContent)
				case r.status >= 400 && r.status < 500 && r.header.Get("Content-Type") == "application/problem+json":
					refused++
				default:
					t.Errorf("%s.%s hostile #%d: %d %.200s", res, field, i, r.status, r.body)
				}
			}
		}
	}
	t.Logf("hostile values: %d stored exactly, %d refused with a problem", stored, refused)
	if stored == 0 || refused == 0 {
		t.Fatalf("expected both outcomes, got stored=%d refused=%d", stored, refused)
	}
}

func TestHostileSubmissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t, tenantapi.WithSubmitLimiter(httpx.NewRateLimiter(1e6, 1e6)))
	a := e.tenant("acme")
	job, _ := e.create(a.key, tp+"/jobs", validJob())
	e.syncAll(a)
	path := "/api/v1/careers/jobs/" + strconv.FormatInt(e.catalogID("job_catalog", a, job), 10) + "/applications"
	// Each submission has its own address: repeats of one address within
	// the duplicate window are stored once.
	n := 0
	base := func() map[string]any {
		n++
		return map[string]any{"name": "Ada", "email": "ada+" + strconv.Itoa(n) + "@example.com", "phone": "", "resume_url": "",
			"resume_text": "cv", "cover_letter": ""}
	}
	stored := 0
	for _, field := range []string{"name", "email", "phone", "resume_url", "resume_text", "cover_letter"} {
		for i, v := range hostile {
			r := e.do("POST", path, "", rawJSON(base(), field, v))
			switch {
			case r.status == http.StatusCreated:
				stored++
				var got string
				id := int64(r.json(t)["id"].(float64))
				if err := e.pool.QueryRow(t.Context(), `SELECT `+field+` FROM t_acme.applications WHERE id = $1`, id).Scan(&got); err != nil || got != v {
					t.Errorf("application.%s hostile #%d stored as %.80q (%v)", field, i, got, err)
				}
			case r.status >= 400 && r.status < 500:
			default:
				t.Errorf("application.%s hostile #%d: %d %.200s", field, i, r.status, r.body)
			}
		}
	}
	if stored == 0 {
		t.Fatal("no hostile-but-harmless value was stored")
	}
}
