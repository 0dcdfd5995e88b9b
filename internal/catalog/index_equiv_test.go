package catalog_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/dataset"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testdb"
)

// indexedPair is one generated catalog read by two stores: one answering
// from PostgreSQL, one from the in-memory index kept by the change feed.
type indexedPair struct {
	pool      *pgxpool.Pool
	sql, idx  *catalog.Store
	feed      *changefeed.Follower
	now       time.Time
	generated dataset.Words
}

func newIndexedPair(t *testing.T) *indexedPair {
	t.Helper()
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	if _, err := dataset.Generate(ctx, pool, dataset.Options{Seed: 11, Tenants: 6, Jobs: 700, Providers: 300}); err != nil {
		t.Fatal(err)
	}
	if _, err := resync.Run(ctx, pool, resync.Options{}); err != nil {
		t.Fatal(err)
	}
	// Some deadlines have passed and some rows wait for their publication
	// at this instant, so the clock's part of listing is compared too.
	now := dataset.DefaultAnchor.Add(-20 * 24 * time.Hour)
	opts := catalog.Options{Now: func() time.Time { return now }, CacheTTL: -1}
	p := &indexedPair{pool: pool, sql: catalog.New(pool, opts), idx: catalog.New(pool, opts), now: now,
		generated: dataset.Vocabulary()}
	// Typo correction waits for no vocabulary: load both stores' first,
	// so that both correct the same searches.
	for _, s := range []*catalog.Store{p.sql, p.idx} {
		if err := s.Warm(ctx); err != nil {
			t.Fatal(err)
		}
	}
	runCtx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	p.feed = changefeed.NewFollower(pool, changefeed.Options{})
	if _, err := p.feed.Start(runCtx); err != nil {
		t.Fatal(err)
	}
	p.idx.StartIndex(runCtx, p.feed, nil)
	p.waitIndexed(t)
	return p
}

// waitIndexed waits until the index shows the catalog's current version.
func (p *indexedPair) waitIndexed(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	v, err := changefeed.Current(ctx, p.pool)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.idx.WaitIndexed(ctx, v); err != nil {
		t.Fatalf("the index did not reach version %d: %v", v, err)
	}
}

// jobQueries are searches and filters as visitors send them: words of
// the data, prefixes, misspellings, exclusions, stop words, 0 to 3
// filters and every sort.
func (p *indexedPair) jobQueries(n int) []catalog.JobQuery {
	r := rand.New(rand.NewPCG(5, 9))
	w := p.generated
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	searches := []func() string{
		func() string { return "" },
		func() string { return strings.ToLower(pick(w.Skills)) },
		func() string { return pick(w.Specialties) + " " + pick(w.Roles) },
		func() string { return pick(w.Companies) },
		func() string { return pick(w.Roles)[:4] },
		func() string { return pick(w.Roles) + " -" + strings.ToLower(pick(w.Skills)) },
		func() string { return pick(w.Skills) + " or " + pick(w.Skills) },
		func() string { return "the" },
		func() string { return "pyhton developer" },
	}
	filters := []func(*catalog.JobQuery){
		func(q *catalog.JobQuery) { q.JobTypes = []string{pick(domain.JobTypes)} },
		func(q *catalog.JobQuery) {
			q.Levels = []string{pick(domain.ExperienceLevels), pick(domain.ExperienceLevels)}
		},
		func(q *catalog.JobQuery) { q.Remote = []string{pick(domain.RemotePolicies)} },
		func(q *catalog.JobQuery) { q.Country = pick(w.Countries) },
		func(q *catalog.JobQuery) { q.Category = pick(w.JobCategories) },
		func(q *catalog.JobQuery) { m := float64(30_000 + 10_000*r.IntN(8)); q.MinSalary = &m },
		func(q *catalog.JobQuery) { q.Currency = pick([]string{"USD", "EUR", "GBP"}) },
	}
	sorts := append([]string{""}, catalog.SortNewest, catalog.SortFeatured, catalog.SortSalary, catalog.SortRelevance)
	out := make([]catalog.JobQuery, n)
	for i := range out {
		q := catalog.JobQuery{Search: searches[r.IntN(len(searches))](), Sort: sorts[i%len(sorts)], PageSize: 7}
		for _, f := range r.Perm(len(filters))[:r.IntN(4)] {
			filters[f](&q)
		}
		out[i] = q
	}
	return out
}

// TestIndexAnswersAsPostgreSQL compares every job read the index answers
// with the same read from PostgreSQL: the same pages in the same order
// (ranked searches: the same matches, since the index ranks by its own
// weights), the same totals, facets, salary currency, stats and places.
func TestIndexAnswersAsPostgreSQL(t *testing.T) {
	p := newIndexedPair(t)
	ctx := context.Background()
	if !p.idx.IndexReady() {
		t.Fatal("the index is not ready")
	}
	for _, q := range p.jobQueries(150) {
		name := fmt.Sprintf("%+v", q)
		want, wantIDs := p.allJobPages(t, p.sql, q)
		got, gotIDs := p.allJobPages(t, p.idx, q)
		if got.Total != want.Total || got.Search != want.Search || got.Sort != want.Sort || got.SalaryCurrency != want.SalaryCurrency {
			t.Errorf("%s: index total %d search %q sort %s currency %q; PostgreSQL %d %q %s %q", name,
				got.Total, got.Search, got.Sort, got.SalaryCurrency, want.Total, want.Search, want.Sort, want.SalaryCurrency)
			continue
		}
		if got.Sort == catalog.SortRelevance {
			slices.Sort(gotIDs)
			slices.Sort(wantIDs)
		}
		if !slices.Equal(gotIDs, wantIDs) {
			t.Errorf("%s: index pages %v, PostgreSQL %v", name, gotIDs, wantIDs)
		}
		fq := q
		fq.Search = want.Search
		wf, err1 := p.sql.JobFacets(ctx, fq)
		gf, err2 := p.idx.JobFacets(ctx, fq)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: facets: %v, %v", name, err1, err2)
		}
		if !reflect.DeepEqual(gf, wf) {
			t.Errorf("%s: index facets %+v\nPostgreSQL %+v", name, gf, wf)
		}
	}
	p.compareBrowse(t)
	p.compareLive(t)
}

// compareLive checks that the live updates' match of a list picks the
// same rows from the index as from PostgreSQL.
func (p *indexedPair) compareLive(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	rows, err := p.pool.Query(ctx, `SELECT id FROM public.job_catalog`)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range p.jobQueries(40) {
		var got [2][]int64
		for i, s := range []*catalog.Store{p.sql, p.idx} {
			match, err := s.LiveJobs(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if got[i], err = match(ctx, ids); err != nil {
				t.Fatal(err)
			}
			slices.Sort(got[i])
		}
		if !slices.Equal(got[0], got[1]) {
			t.Errorf("%+v: live match from the index %v, from PostgreSQL %v", q, got[1], got[0])
		}
	}
}

// allJobPages walks every page of q forward by the cursors, returning the
// first page and every id in order.
func (p *indexedPair) allJobPages(t *testing.T, s *catalog.Store, q catalog.JobQuery) (catalog.JobPage, []int64) {
	t.Helper()
	return allPages(t, func(cursor string) (catalog.JobPage, []int64, string, string, error) {
		q.Cursor = cursor
		page, err := s.SearchJobs(context.Background(), q)
		var ids []int64
		for _, j := range page.Jobs {
			ids = append(ids, j.ID)
		}
		return page, ids, page.Next, page.Prev, err
	})
}

// allPages follows next cursors from the first page of read to the last,
// then prev cursors back to the first, which must show the same pages.
func allPages[P any](t *testing.T, read func(cursor string) (P, []int64, string, string, error)) (P, []int64) {
	t.Helper()
	first, ids, next, _, err := read("")
	if err != nil {
		t.Fatal(err)
	}
	pages := [][]int64{ids}
	prev := ""
	for n := 0; next != "" && n < 200; n++ {
		var more []int64
		if _, more, next, prev, err = read(next); err != nil {
			t.Fatal(err)
		}
		ids, pages = append(ids, more...), append(pages, more)
	}
	for i := len(pages) - 2; i >= 0 && prev != ""; i-- {
		var back []int64
		if _, back, _, prev, err = read(prev); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(back, pages[i]) {
			t.Errorf("walking back, page %d shows %v, forward %v", i+1, back, pages[i])
		}
	}
	return first, ids
}

func (p *indexedPair) compareBrowse(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	ws, err1 := p.sql.Stats(ctx)
	gs, err2 := p.idx.Stats(ctx)
	if err1 != nil || err2 != nil || !reflect.DeepEqual(gs, ws) {
		t.Errorf("stats: index %+v (%v), PostgreSQL %+v (%v)", gs, err2, ws, err1)
	}
	wl, err1 := p.sql.Locations(ctx)
	gl, err2 := p.idx.Locations(ctx)
	if err1 != nil || err2 != nil || !reflect.DeepEqual(gl, wl) {
		t.Errorf("locations: index %+v (%v), PostgreSQL %+v (%v)", gl, err2, wl, err1)
	}
	wj, wp, err1 := p.sql.SitemapFiles(ctx)
	gj, gp, err2 := p.idx.SitemapFiles(ctx)
	if err1 != nil || err2 != nil || !reflect.DeepEqual(gj, wj) || !reflect.DeepEqual(gp, wp) {
		t.Errorf("sitemap files: index %v %v (%v), PostgreSQL %v %v (%v)", gj, gp, err2, wj, wp, err1)
	}
	for _, page := range []int{1, 2} {
		for _, read := range []func(*catalog.Store) ([]catalog.SitemapEntry, error){
			func(s *catalog.Store) ([]catalog.SitemapEntry, error) { return s.JobSitemap(ctx, page) },
			func(s *catalog.Store) ([]catalog.SitemapEntry, error) { return s.ProviderSitemap(ctx, page) },
		} {
			want, err1 := read(p.sql)
			got, err2 := read(p.idx)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("sitemap page %d: index %d entries (%v), PostgreSQL %d (%v)", page, len(got), err2, len(want), err1)
			}
		}
	}
}

func (p *indexedPair) providerQueries(n int) []catalog.ProviderQuery {
	r := rand.New(rand.NewPCG(7, 3))
	w := p.generated
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	searches := []func() string{
		func() string { return "" },
		func() string { return strings.ToLower(pick(w.Skills)) },
		func() string { s := pick(w.Skills); return s[:min(3, len(s))] },
		func() string { return pick(w.Skills) + " -" + pick(w.Skills) },
		func() string { return "desinger" },
	}
	filters := []func(*catalog.ProviderQuery){
		func(q *catalog.ProviderQuery) { q.Skill = pick(w.Skills) },
		func(q *catalog.ProviderQuery) { q.Country = pick(w.Countries) },
		func(q *catalog.ProviderQuery) { q.Category = "development" },
		func(q *catalog.ProviderQuery) { q.Verified = true },
		func(q *catalog.ProviderQuery) { q.Available = true },
		func(q *catalog.ProviderQuery) { q.Remote = true },
		func(q *catalog.ProviderQuery) { m := float64(r.IntN(5)); q.MinRating = &m },
		func(q *catalog.ProviderQuery) { m := float64(20 + 10*r.IntN(10)); q.MaxRate = &m },
	}
	sorts := []string{"", catalog.SortFeatured, catalog.SortRating, catalog.SortReviews, catalog.SortRate, catalog.SortNewest, catalog.SortRelevance}
	out := make([]catalog.ProviderQuery, n)
	for i := range out {
		q := catalog.ProviderQuery{Search: searches[r.IntN(len(searches))](), Sort: sorts[i%len(sorts)], PageSize: 9}
		for _, f := range r.Perm(len(filters))[:r.IntN(4)] {
			filters[f](&q)
		}
		out[i] = q
	}
	return out
}

func TestIndexAnswersProvidersAsPostgreSQL(t *testing.T) {
	p := newIndexedPair(t)
	ctx := context.Background()
	for _, q := range p.providerQueries(100) {
		name := fmt.Sprintf("%+v", q)
		want, wantIDs := allProviderPages(t, p.sql, q)
		got, gotIDs := allProviderPages(t, p.idx, q)
		if got.Total != want.Total || got.Search != want.Search || got.Sort != want.Sort {
			t.Errorf("%s: index total %d search %q sort %s; PostgreSQL %d %q %s", name,
				got.Total, got.Search, got.Sort, want.Total, want.Search, want.Sort)
			continue
		}
		if got.Sort == catalog.SortRelevance {
			slices.Sort(gotIDs)
			slices.Sort(wantIDs)
		}
		if !slices.Equal(gotIDs, wantIDs) {
			t.Errorf("%s: index pages %v, PostgreSQL %v", name, gotIDs, wantIDs)
		}
		fq := q
		fq.Search = want.Search
		wf, err1 := p.sql.ProviderFacets(ctx, fq)
		gf, err2 := p.idx.ProviderFacets(ctx, fq)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: facets: %v, %v", name, err1, err2)
		}
		if !reflect.DeepEqual(gf, wf) {
			t.Errorf("%s: index facets %+v\nPostgreSQL %+v", name, gf, wf)
		}
	}
}

func allProviderPages(t *testing.T, s *catalog.Store, q catalog.ProviderQuery) (catalog.ProviderPage, []int64) {
	t.Helper()
	return allPages(t, func(cursor string) (catalog.ProviderPage, []int64, string, string, error) {
		q.Cursor = cursor
		page, err := s.SearchProviders(context.Background(), q)
		var ids []int64
		for _, x := range page.Providers {
			ids = append(ids, x.ID)
		}
		return page, ids, page.Next, page.Prev, err
	})
}

// TestIndexFollowsTheFeed edits, removes and empties catalog rows and
// checks that the next read after the index reached the commit's version
// shows each change, as PostgreSQL does.
func TestIndexFollowsTheFeed(t *testing.T) {
	p := newIndexedPair(t)
	ctx := context.Background()
	var id, gone int64
	if err := p.pool.QueryRow(ctx, `SELECT min(id), max(id) FROM public.job_catalog`).Scan(&id, &gone); err != nil {
		t.Fatal(err)
	}
	step := func(sql string, args ...any) {
		t.Helper()
		if _, err := p.pool.Exec(ctx, sql, args...); err != nil {
			t.Fatal(err)
		}
		p.waitIndexed(t)
		p.compareBrowse(t) // the totals and places kept for the listed set follow it
	}
	p.compareBrowse(t)
	step(`UPDATE public.job_catalog SET title = 'Zebra Wrangler', published_at = $2, application_deadline = NULL WHERE id = $1`,
		id, p.now.Add(-time.Hour))
	step(`UPDATE public.job_catalog SET country = 'Atlantis', city = 'Poseidonia' WHERE id = $1`, id)
	step(`DELETE FROM public.job_catalog WHERE id = $1`, gone)
	for _, s := range []*catalog.Store{p.sql, p.idx} {
		res, err := s.SearchJobs(ctx, catalog.JobQuery{Search: "zebra"})
		if err != nil || len(res.Jobs) != 1 || res.Jobs[0].ID != id || res.Jobs[0].Title != "Zebra Wrangler" {
			t.Fatalf("after the edit, zebra found %+v (%v)", res.Jobs, err)
		}
	}
	wantTotal, _ := p.allJobPages(t, p.sql, catalog.JobQuery{})
	got, ids := p.allJobPages(t, p.idx, catalog.JobQuery{})
	if got.Total != wantTotal.Total || slices.Contains(ids, gone) {
		t.Fatalf("after the delete the index lists %d jobs (deleted one listed: %v), PostgreSQL %d",
			got.Total, slices.Contains(ids, gone), wantTotal.Total)
	}
	step(`TRUNCATE public.job_catalog CASCADE`)
	if res, err := p.idx.SearchJobs(ctx, catalog.JobQuery{}); err != nil || res.Total != 0 {
		t.Fatalf("after TRUNCATE the index lists %d jobs (%v)", res.Total, err)
	}
}

// The caches store a response under its snapshot's version and due time
// and look it up under the version and Due: an index snapshot must name
// the due time that Due answers, or no cached response is ever found.
func TestIndexSnapshotDueIsLookedUp(t *testing.T) {
	p := newIndexedPair(t)
	ctx := context.Background()
	for _, s := range []*catalog.Store{p.sql, p.idx} {
		err := s.Snapshot(ctx, func(ctx context.Context) error {
			v, _ := catalog.SnapshotVersion(ctx)
			due, _ := catalog.SnapshotDue(ctx)
			if at, ok := s.Due(v); !ok || !at.Equal(due) {
				t.Errorf("snapshot of version %d due %v; Due answers %v, %v", v, due, at, ok)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// While the catalog changes under it (rows unpublished and published
// again), every response read in one snapshot of the index shows one
// state: the list's total, the hero stats and the facet counts agree.
func TestIndexSnapshotsShowOneStateWhileFollowing(t *testing.T) {
	p := newIndexedPair(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var ids []int64
	rows, err := p.pool.Query(ctx, `SELECT id FROM public.job_catalog ORDER BY id LIMIT 40`)
	if err != nil {
		t.Fatal(err)
	}
	if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
		t.Fatal(err)
	}
	writes := make(chan error, 1)
	go func() {
		defer close(writes)
		for i := 0; ctx.Err() == nil && i < 200; i++ {
			at := p.now.Add(-time.Hour)
			if i%2 == 0 {
				at = p.now.Add(time.Hour) // scheduled: not listed now
			}
			if _, err := p.pool.Exec(ctx, `UPDATE public.job_catalog SET published_at = $2 WHERE id = ANY($1)`,
				ids[i%len(ids):min(len(ids), i%len(ids)+7)], at); err != nil && ctx.Err() == nil {
				writes <- err
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for n := 0; n < 60; n++ {
				err := p.idx.Snapshot(ctx, func(ctx context.Context) error {
					page, err := p.idx.SearchJobs(ctx, catalog.JobQuery{})
					if err != nil {
						return err
					}
					st, err := p.idx.Stats(ctx)
					if err != nil {
						return err
					}
					f, err := p.idx.JobFacets(ctx, catalog.JobQuery{})
					if err != nil {
						return err
					}
					sum := 0
					for _, v := range f.JobTypes {
						sum += v.Count
					}
					if page.Total != st.Jobs || sum != st.Jobs {
						t.Errorf("one snapshot: list total %d, stats %d, job type counts %d", page.Total, st.Jobs, sum)
					}
					return nil
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	cancel()
	if err := <-writes; err != nil {
		t.Fatal(err)
	}
}

// An empty catalog (version 0, no change to wait for) still gets its
// index built, so a new deployment becomes ready.
func TestIndexReadyOnEmptyCatalog(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	feed := changefeed.NewFollower(pool, changefeed.Options{})
	if _, err := feed.Start(ctx); err != nil {
		t.Fatal(err)
	}
	s := catalog.New(pool, catalog.Options{CacheTTL: -1})
	s.StartIndex(ctx, feed, nil)
	if err := s.WaitIndexed(ctx, 0); err != nil || !s.IndexReady() {
		t.Fatalf("the index of an empty catalog is not ready: %v, %+v", err, s.IndexStatus())
	}
}
