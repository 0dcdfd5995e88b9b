package publicapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/kind"
)

// The details carry their counts, stored and pending alike; reading the
// API is not a view.
func TestDetailsCarryCounts(t *testing.T) {
	f := newFixture(t)
	job := f.job("Go engineer", "full_time", "Germany", 0, nil)
	prov := f.provider("Ada", 4.5)
	f.counts.Add(kind.Jobs, job, counts.View)
	f.counts.Add(kind.Jobs, job, counts.View)
	f.counts.Add(kind.Providers, prov, counts.View)
	if err := f.counts.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.counts.Submitted(kind.Jobs, job)
	f.counts.Submitted(kind.Providers, prov)
	f.counts.Submitted(kind.Providers, prov)
	for _, tc := range []struct {
		path, field string
		views, subs float64
	}{
		{"/api/v1/careers/jobs/" + strconv.FormatInt(job, 10), "application_count", 2, 1},
		{"/api/v1/providers/" + strconv.FormatInt(prov, 10), "inquiry_count", 1, 2},
	} {
		for range 2 {
			rec := f.get(tc.path, "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d", tc.path, rec.Code)
			}
			var body struct{ Data map[string]any }
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if body.Data["view_count"] != tc.views || body.Data[tc.field] != tc.subs {
				t.Fatalf("%s: view_count %v, %s %v; want %v and %v", tc.path, body.Data["view_count"], tc.field, body.Data[tc.field], tc.views, tc.subs)
			}
		}
	}
}
