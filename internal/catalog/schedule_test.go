package catalog_test

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// clockFixture is a fixture whose store caches (as in production) and whose
// clock the test moves.
func clockFixture(t *testing.T) (*fixture, *atomic.Int64) {
	f := newFixture(t)
	var now atomic.Int64
	now.Store(base.UnixMicro())
	f.store = catalog.New(f.pool, catalog.Options{Now: func() time.Time { return time.UnixMicro(now.Load()).UTC() }})
	return f, &now
}

// seen is what one snapshot shows of the catalog.
type seen struct {
	jobs, providers []int64
	stats           catalog.Stats
	categories      int
}

func (f *fixture) look() seen {
	f.t.Helper()
	var s seen
	err := f.store.Snapshot(context.Background(), func(ctx context.Context) error {
		jp, err := f.store.SearchJobs(ctx, catalog.JobQuery{})
		if err != nil {
			return err
		}
		pp, err := f.store.SearchProviders(ctx, catalog.ProviderQuery{})
		if err != nil {
			return err
		}
		if s.stats, err = f.store.Stats(ctx); err != nil {
			return err
		}
		cats, err := f.store.Categories(ctx)
		for _, c := range cats {
			s.categories += c.Count
		}
		s.jobs, s.providers = jobIDs(jp), providerIDs(pp)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	slices.Sort(s.jobs)
	slices.Sort(s.providers)
	return s
}

// A row whose published_at lies ahead is in the catalog but shown nowhere,
// and appears at that moment with no write: the cached results of the
// first look must not survive the clock passing it.
func TestScheduledRowsAppearAtTheirMoment(t *testing.T) {
	f, now := clockFixture(t)
	tn := f.tenant("acme", "Acme")
	at := base.Add(10 * time.Second) // well within the caches' TTL
	job := f.job(tn, nil)
	later := f.job(tn, func(r *jobRow) { r.PublishedAt = at })
	prov := f.provider(tn, nil)
	laterProv := f.provider(tn, func(r *providerRow) { r.PublishedAt = at })

	before := f.look()
	if !slices.Equal(before.jobs, []int64{job}) || !slices.Equal(before.providers, []int64{prov}) ||
		before.stats.Jobs != 1 || before.stats.Providers != 1 || before.categories != 1 {
		t.Errorf("before its moment: %+v", before)
	}
	if _, err := f.store.Job(t.Context(), later); !domain.IsNotFound(err) {
		t.Errorf("scheduled job detail: %v, want not found (never public yet)", err)
	}
	if _, err := f.store.Provider(t.Context(), laterProv); !domain.IsNotFound(err) {
		t.Errorf("scheduled provider detail: %v, want not found", err)
	}

	now.Store(at.UnixMicro())
	after := f.look()
	if !slices.Equal(after.jobs, []int64{job, later}) || !slices.Equal(after.providers, []int64{prov, laterProv}) ||
		after.stats.Jobs != 2 || after.stats.Providers != 2 || after.categories != 2 {
		t.Errorf("at its moment: %+v", after)
	}
	if _, err := f.store.Job(t.Context(), later); err != nil {
		t.Errorf("job detail at its moment: %v", err)
	}
}

// A deadline passing, which changes no catalog version either, drops the
// job from cached lists at once.
func TestDeadlineDropsTheJobFromCachedLists(t *testing.T) {
	f, now := clockFixture(t)
	tn := f.tenant("acme", "Acme")
	deadline := base.Add(10 * time.Second)
	keep := f.job(tn, nil)
	f.job(tn, func(r *jobRow) { r.Deadline = &deadline })
	if got := f.look(); len(got.jobs) != 2 {
		t.Fatalf("before the deadline: %v", got.jobs)
	}
	now.Store(deadline.UnixMicro())
	if got := f.look(); !slices.Equal(got.jobs, []int64{keep}) || got.stats.Jobs != 1 {
		t.Errorf("at the deadline: %+v", got)
	}
}
