package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// freshSite is a serve process (HTTP, one sync worker, every cache as
// shipped) on a fresh database.
type freshSite struct {
	t    *testing.T
	s    *Server
	base string
	feed <-chan changefeed.Batch
	stop func() // shuts the server down and checks it stopped cleanly
}

func startSite(t *testing.T) *freshSite {
	t.Helper()
	return startSiteOn(t, testdb.New(t), "")
}

// startSiteOn is startSite on pool's database, its public read path on
// readURL (a replica of it) unless that is empty.
func startSiteOn(t *testing.T, pool *pgxpool.Pool, readURL string) *freshSite {
	t.Helper()
	cfg := config.Default()
	cfg.HTTP.APIRateLimit, cfg.HTTP.FormRateLimit = 0, 0
	cfg.Sync = config.SyncTiming{VerifyInterval: -1, CleanupInterval: -1}
	log := slog.New(slog.DiscardHandler)
	pools, err := database.OpenPools(pool, cfg.DB, append(serveRolesForTest, database.RoleWorker)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pools.Close)
	if readURL != "" {
		read, err := pgxpool.New(context.Background(), readURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(read.Close)
		if err := pools.ReadFromReplica(read, cfg.DB); err != nil {
			t.Fatal(err)
		}
	}
	workers, err := Workers(pools, 1, cfg.Sync, 0, cfg.Notify, log)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Config: cfg, Pool: pool, Pools: pools, Log: log, Background: workers}
	ready := make(chan struct{})
	s.Ready = func(net.Addr) { close(ready) }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once sync.Once
	shutdown := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
	}
	t.Cleanup(shutdown)
	<-ready
	feed, unsubscribe := s.feed.Subscribe()
	t.Cleanup(unsubscribe)
	return &freshSite{t: t, s: s, base: "http://" + ln.Addr().String(), feed: feed, stop: shutdown}
}

// seen waits until the serve process's follower has seen a change of
// catalog c that match accepts, and returns it: the signal after which the
// next request must show it (no sleeping, no polling the views).
func (f *freshSite) seen(match func(changefeed.Change) bool) changefeed.Change {
	f.t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case b := <-f.feed:
			for _, c := range b.Changes {
				if match(c) {
					return c
				}
			}
		case <-timeout:
			f.t.Fatal("the follower never saw the change")
		}
	}
}

func (f *freshSite) get(path string) (int, string) {
	f.t.Helper()
	res, err := http.Get(f.base + path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// views are every public view of the catalog and what each must show of
// the tenant's jobs when n of them are public and marker is one of them.
func (f *freshSite) views(tn domain.Tenant, id int64) map[string]string {
	return map[string]string{
		"list":         "/careers/",
		"company page": "/careers/?company=" + tn.Slug,
		"search":       "/careers/?q=marker",
		"api list":     "/api/v1/careers/jobs?facets=true",
		"api stats":    "/api/v1/careers/stats",
		"feed":         "/careers/feed.xml",
		"sitemap":      "/sitemaps/jobs-1.xml",
		"detail":       fmt.Sprintf("/careers/jobs/%d/", id),
		"api detail":   fmt.Sprintf("/api/v1/careers/jobs/%d", id),
	}
}

func (f *freshSite) expect(tn domain.Tenant, id int64, public int, marker string) {
	f.t.Helper()
	count := fmt.Sprintf(">%d jobs<", public)
	if public == 1 {
		count = ">1 job<"
	}
	want := map[string][]string{
		"list":         {marker, count, fmt.Sprintf("<strong>%d</strong> open jobs", public), fmt.Sprintf("%s (%d)</option>", tn.Name, public)},
		"company page": {marker, count},
		"search":       {marker},
		"api list":     {marker, fmt.Sprintf(`"total":%d`, public), fmt.Sprintf(`"label":%q,"count":%d`, tn.Name, public)},
		"api stats":    {fmt.Sprintf(`"jobs":%d`, public)},
		"feed":         {marker},
		"sitemap":      {fmt.Sprintf("/careers/jobs/%d-", id)},
		"detail":       {marker},
		"api detail":   {marker},
	}
	for name, path := range f.views(tn, id) {
		code, body := f.get(path)
		if marker == "" { // the job is gone
			if name == "detail" || name == "api detail" {
				if code != http.StatusNotFound && code != http.StatusGone {
					f.t.Errorf("%s of a gone job: %d", name, code)
				}
				continue
			}
			if strings.Contains(body, fmt.Sprintf("/careers/jobs/%d-", id)) {
				f.t.Errorf("%s still links to the gone job", name)
			}
			want[name] = want[name][1:]
		}
		for _, w := range want[name] {
			if !strings.Contains(body, w) {
				f.t.Errorf("%s (%s, %d) lacks %q", name, path, code, w)
			}
		}
	}
}

// Every public view shows a publish, an edit and an unpublish on the first
// request after the serve process's follower saw it, however warm its
// caches were: list cards, count, facet counts, hero stats, the API's
// list, stats and detail, the company page, the sitemap and the feed.
func TestEveryViewShowsAChangeOnTheNextRequest(t *testing.T) {
	t.Parallel()
	startSite(t).everyViewFollows()
}

// everyViewFollows publishes, edits and unpublishes a job on the primary
// and checks every view after the follower saw each change.
func (f *freshSite) everyViewFollows() {
	t, pool := f.t, f.s.Pool
	// The lists below are answered by the search index, which serve builds
	// before it is ready; a list from PostgreSQL would pass the same checks.
	defer func() {
		if st := f.s.catalog.IndexStatus(); !st.Ready {
			t.Errorf("the search index is not answering: %+v", st)
		}
	}()
	tn := testfactory.Tenant(t, pool, &testfactory.TenantOpts{Slug: "fresh", Name: "Fresh Co"})
	testfactory.Job(t, pool, tn, &testfactory.JobOpts{Title: "Existing Role"})
	f.seen(func(c changefeed.Change) bool {
		return c.Catalog == kind.Jobs && c.TenantID == tn.ID && c.Op == changefeed.Insert
	})
	for _, path := range f.views(tn, 999_999) { // warm every cache with the old state
		f.get(path)
		f.get(path)
	}

	j := testfactory.Job(t, pool, tn, &testfactory.JobOpts{Title: "Marker Engineer"})
	ch := f.seen(func(c changefeed.Change) bool {
		return c.Catalog == kind.Jobs && c.TenantID == tn.ID && c.Op == changefeed.Insert
	})
	f.expect(tn, ch.ID, 2, "Marker Engineer")

	exec(t, pool, `UPDATE "`+tn.SchemaName+`".job_postings SET title = 'Marker Architect' WHERE id = $1`, j.ID)
	f.seen(func(c changefeed.Change) bool {
		return c.Catalog == kind.Jobs && c.ID == ch.ID && c.Op == changefeed.Update
	})
	f.expect(tn, ch.ID, 2, "Marker Architect")

	exec(t, pool, `UPDATE "`+tn.SchemaName+`".job_postings SET published_on_career_page = false WHERE id = $1`, j.ID)
	f.seen(func(c changefeed.Change) bool {
		return c.Catalog == kind.Jobs && c.ID == ch.ID && c.Op == changefeed.Delete
	})
	f.expect(tn, ch.ID, 1, "")
}

func exec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatal(err)
	}
}
