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

// Replaying the migrations follows drops and renames: an index a later
// migration drops is no longer expected.
func TestReplayFollowsDropsAndRenames(t *testing.T) {
	ms := []migrate.Migration{
		{Version: 1, Name: "a", SQL: `CREATE TABLE public.t (id int); CREATE TABLE public.gone (id int);
			CREATE INDEX t_a ON public.t (id); CREATE INDEX t_b ON public.t (id);
			CREATE INDEX t_x ON public.t (id); CREATE INDEX t_y ON public.t (id);
			-- CREATE INDEX t_commented ON public.t (id);
			CREATE INDEX gone_a ON public.gone (id);`},
		{Version: 2, Name: "b", SQL: `DROP INDEX IF EXISTS public.t_a; ALTER INDEX public.t_b RENAME TO t_c;
			DROP INDEX public.t_x, public.t_y;
			DROP TABLE public.gone;`},
	}
	tables, indexes, _ := replay(migrate.TrackShared, ms)
	if len(tables) != 1 || tables["t"].Name != "t" {
		t.Errorf("tables %v", tables)
	}
	if len(indexes) != 1 || indexes["t_c"].CreatedAs != "t_b" || indexes["t_c"].Migration != "0001_a" {
		t.Errorf("indexes %+v", indexes)
	}
}

// 0007 drops the title trigram indexes that 0004 created.
func TestExpectedIndexesSkipDropped(t *testing.T) {
	for _, ix := range ExpectedIndexes(migrate.TrackShared) {
		if ix.Name == "job_catalog_title_trgm" {
			t.Errorf("%s is expected although a later migration drops it", ix.Name)
		}
	}
}
