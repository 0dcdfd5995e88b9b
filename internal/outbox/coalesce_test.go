package outbox

import (
	"slices"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/kind"
)

func TestCoalesce(t *testing.T) {
	e := func(id int64, ent Entity, src int64) Entry { return Entry{ID: id, Entity: ent, SourceID: src} }
	tests := []struct {
		name      string
		in        []Entry
		jobs      []int64
		providers []int64
		allJobs   bool
		allProv   bool
	}{
		{"each row once, sorted", []Entry{e(1, EntityJob, 9), e(2, EntityJob, 3), e(3, EntityJob, 9), e(4, EntityProvider, 5)}, []int64{3, 9}, []int64{5}, false, false},
		{"tenant means both full passes", []Entry{e(1, EntityJob, 9), e(2, EntityTenant, 0), e(3, EntityProvider, 1)}, nil, nil, true, true},
		{"tenant_jobs covers jobs only", []Entry{e(1, EntityJob, 9), e(2, EntityTenantJobs, 0), e(3, EntityProvider, 1)}, nil, []int64{1}, true, false},
		{"tenant_providers covers providers only", []Entry{e(1, EntityTenantProviders, 0), e(3, EntityProvider, 1), e(4, EntityJob, 2)}, []int64{2}, nil, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := Coalesce(tt.in)
			if !slices.Equal(w.Jobs, tt.jobs) || !slices.Equal(w.Providers, tt.providers) || w.AllJobs != tt.allJobs || w.AllProviders != tt.allProv {
				t.Fatalf("Coalesce = %+v", w)
			}
		})
	}
}

func TestEntriesForNamesTheRowsThatAskedForASourceRow(t *testing.T) {
	w := Coalesce([]Entry{
		{ID: 1, Entity: EntityJob, SourceID: 7}, {ID: 2, Entity: EntityJob, SourceID: 8},
		{ID: 3, Entity: EntityJob, SourceID: 7}, {ID: 4, Entity: EntityProvider, SourceID: 7},
	})
	if got := w.EntriesFor(kind.Jobs, 7); !slices.Equal(got, []int64{1, 3}) {
		t.Fatalf("job 7: %v", got)
	}
	full := Coalesce([]Entry{{ID: 1, Entity: EntityTenantJobs}, {ID: 2, Entity: EntityJob, SourceID: 7}, {ID: 3, Entity: EntityTenantProviders}})
	if got := full.EntriesFor(kind.Jobs, 7); !slices.Equal(got, []int64{1, 2}) {
		t.Fatalf("job 7 in a full job pass: %v", got)
	}
}

// A profile edit syncs the company row alone; a tenant-wide change syncs it
// with everything else, and the failure of the company row is charged to
// the rows that asked for it.
func TestCompanyWork(t *testing.T) {
	w := Coalesce([]Entry{{ID: 1, Entity: EntityCompany}, {ID: 2, Entity: EntityJob, SourceID: 7}})
	if all, _ := w.Of(kind.Companies); !all || w.AllJobs || w.AllProviders {
		t.Fatalf("company edit: %+v", w)
	}
	if got := w.EntriesFor(kind.Companies, 1); !slices.Equal(got, []int64{1}) {
		t.Fatalf("company row: %v", got)
	}
	if all, _ := Coalesce([]Entry{{ID: 3, Entity: EntityTenant}}).Of(kind.Companies); !all {
		t.Fatal("a tenant-wide change leaves the company row out")
	}
	if all, _ := Coalesce([]Entry{{ID: 4, Entity: EntityTenantJobs}}).Of(kind.Companies); all {
		t.Fatal("a job pass syncs the company row")
	}
}

func TestRetryDelayDoublesUpToTheCap(t *testing.T) {
	r := Retry{MaxAttempts: 10, BaseDelay: time.Second, MaxDelay: 10 * time.Second}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second}
	for i, w := range want {
		if got := r.Delay(i + 1); got != w {
			t.Errorf("Delay(%d) = %s, want %s", i+1, got, w)
		}
	}
}
