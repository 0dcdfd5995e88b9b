package ops

import (
	"testing"

	"github.com/zumodra/zumodra/internal/migrate"
)

// The original's checklist expects 6 indexes on the job catalog and 5 on
// the provider catalog; ours has at least those, read from the migrations.
func TestExpectedIndexesCoverTheOriginals(t *testing.T) {
	per := map[string]int{}
	for _, ix := range ExpectedIndexes(migrate.TrackShared) {
		per[ix.Table]++
		if ix.SQL == "" || ix.Migration == "" {
			t.Errorf("index %s without statement or migration", ix.Name)
		}
	}
	if per["job_catalog"] < 6 || per["provider_catalog"] < 5 {
		t.Errorf("indexes per table %v: want at least 6 on job_catalog and 5 on provider_catalog", per)
	}
	tables := map[string]bool{}
	for _, tb := range ExpectedTables(migrate.TrackShared) {
		tables[tb.Name] = true
	}
	for _, want := range []string{"tenants", "job_catalog", "provider_catalog", "sync_outbox", "worker_heartbeats"} {
		if !tables[want] {
			t.Errorf("table %s not found in the shared migrations (found %v)", want, tables)
		}
	}
	if len(ExpectedIndexes(migrate.TrackTenant)) == 0 {
		t.Error("no tenant-track indexes found")
	}
}
