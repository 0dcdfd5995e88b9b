package tenantapi_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Every writable time of jobs and providers is refused outside domain's
// range with 422 naming the field, and nothing is stored.
func TestTimesOutOfRangeAre422NamingTheField(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	bad := []string{"9999-12-31T23:59:59-05:00", "1899-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "infinity", "-Infinity"}
	for _, c := range []struct {
		res, field string
		body       func() map[string]any
	}{
		{"jobs", "application_deadline", validJob}, {"jobs", "published_at", validJob},
		{"providers", "published_at", func() map[string]any { return validProvider() }},
	} {
		for _, v := range bad {
			r := must(t, e.do("POST", tp+"/"+c.res, a.key, with(c.body(), c.field, v)), http.StatusUnprocessableEntity)
			if f := r.fields(t); !slices.Equal(f, []string{c.field}) {
				t.Fatalf("%s %s=%q: fields %v: %s", c.res, c.field, v, f, r.body)
			}
		}
		must(t, e.do("POST", tp+"/"+c.res, a.key, with(c.body(), c.field, "9999-12-31T23:59:59Z")), http.StatusCreated)
	}
	if n := e.count(a, "job_postings"); n != 2 {
		t.Fatalf("%d jobs stored, want only the 2 in range", n)
	}
}

// Rows that SQL gave times out of range are listed and shown, with those
// times as null and named in invalid_fields; a PATCH that leaves them so is
// refused naming them, and one that fixes them clears the list.
func TestRowsWithTimesOutOfRangeAreServedWithInvalidFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	okID, _ := e.create(a.key, tp+"/jobs", validJob())
	badID, _ := e.create(a.key, tp+"/jobs", validJob())
	provID, _ := e.create(a.key, tp+"/providers", with(validProvider(), "marketplace_enabled", true))
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := e.pool.Exec(context.Background(), sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	schema := pgx.Identifier{a.SchemaName}.Sanitize()
	exec(`UPDATE `+schema+`.job_postings SET published_at = '9999-12-31T23:59:59-05:00', application_deadline = 'infinity',
		created_at = '-infinity' WHERE id = $1`, badID)
	exec(`UPDATE `+schema+`.service_providers SET published_at = 'infinity' WHERE id = $1`, provID)

	list := must(t, e.do("GET", tp+"/jobs", a.key, nil), http.StatusOK).json(t)["items"].([]any)
	if len(list) != 2 {
		t.Fatalf("listed %d jobs", len(list))
	}
	for _, it := range list {
		m := it.(map[string]any)
		want := []any{}
		if int64(m["id"].(float64)) == badID {
			want = []any{"application_deadline", "created_at", "published_at"}
			if m["published_at"] != nil || m["application_deadline"] != nil || m["created_at"] != nil {
				t.Fatalf("invalid times not null: %v", m)
			}
		}
		if !slices.Equal(m["invalid_fields"].([]any), want) {
			t.Fatalf("job %v invalid_fields %v, want %v", m["id"], m["invalid_fields"], want)
		}
	}
	badPath := tp + "/jobs/" + strconv.FormatInt(badID, 10)
	r := must(t, e.do("GET", badPath, a.key, nil), http.StatusOK)
	if f := r.json(t)["invalid_fields"].([]any); len(f) != 3 {
		t.Fatalf("show: invalid_fields %v", f)
	}
	p := must(t, e.do("GET", tp+"/providers/"+strconv.FormatInt(provID, 10), a.key, nil), http.StatusOK).json(t)
	if f := p["invalid_fields"].([]any); !slices.Equal(f, []any{"published_at"}) || p["published_at"] != nil {
		t.Fatalf("provider: %v", p)
	}
	status := must(t, e.do("GET", tp+"/catalog-status", a.key, nil), http.StatusOK).json(t)
	for _, it := range status["items"].([]any) {
		m := it.(map[string]any)
		invalid := slices.Contains(m["reasons"].([]any), "invalid_values")
		if wantInvalid := m["kind"] == "provider" || int64(m["id"].(float64)) != okID; invalid != wantInvalid {
			t.Fatalf("catalog status %v: invalid_values %v, want %v", m, invalid, wantInvalid)
		}
	}

	etag := r.header.Get("ETag")
	fix := must(t, e.do("PATCH", badPath, a.key, map[string]any{"team": "Core"}, "If-Match", etag), http.StatusUnprocessableEntity)
	if f := fix.fields(t); !slices.Equal(f, []string{"application_deadline", "published_at"}) {
		t.Fatalf("patch keeping the bad times: fields %v", f)
	}
	fixed := must(t, e.do("PATCH", badPath, a.key, map[string]any{"published_at": "2026-01-01T00:00:00Z",
		"application_deadline": nil}, "If-Match", etag), http.StatusOK).json(t)
	if f := fixed["invalid_fields"].([]any); !slices.Equal(f, []any{"created_at"}) {
		t.Fatalf("after the fix: invalid_fields %v (created_at is the database's own)", f)
	}
}
