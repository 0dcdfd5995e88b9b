package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// A person's view of a job page is held in memory (the pending gauge shows
// it on /metrics) and written when the server shuts down, after the
// requests drained: nothing counted is lost to a clean stop.
func TestShutdownFlushesCountedViews(t *testing.T) {
	t.Parallel()
	s, ln := newServer(t, nil)
	ctx := context.Background()
	tn := testfactory.Tenant(t, s.Pool, nil)
	j := testfactory.Job(t, s.Pool, tn, nil)
	if rep, err := resync.Run(ctx, s.Pool, resync.Options{TenantSlugs: []string{tn.Slug}}); err != nil || rep.Err() != nil {
		t.Fatalf("resync: %v %v", err, rep.Err())
	}
	var id int64
	if err := s.Pool.QueryRow(ctx, `SELECT id FROM public.job_catalog WHERE tenant_id = $1 AND source_id = $2`, tn.ID, j.ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	serveCtx, cancel := context.WithCancel(ctx)
	ready := make(chan struct{})
	s.Ready = func(net.Addr) { close(ready) }
	done := make(chan error, 1)
	go func() { done <- s.Serve(serveCtx, ln) }()
	<-ready
	base := "http://" + ln.Addr().String()
	get := func(path string) string {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		return string(body)
	}
	get("/careers/jobs/" + strconv.FormatInt(id, 10) + "/")
	if m := get("/metrics"); !strings.Contains(m, "zumodra_counts_pending_rows 1") {
		t.Fatalf("/metrics does not show the pending view:\n%s", grepLines(m, "zumodra_counts"))
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got, err := counts.Of(ctx, s.Pool, kind.Jobs, id)
	if err != nil || got.Views != 1 {
		t.Fatalf("stored after shutdown: %+v %v, want 1 view", got, err)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
