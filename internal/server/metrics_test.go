package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// Two servers in one process, each on its own database, each report their
// own database's state on /metrics (a process-wide collector would show
// the last pool registered on both).
func TestMetricsOfTwoServersInOneProcess(t *testing.T) {
	t.Parallel()
	busy, idle := testdb.New(t), testdb.New(t)
	tn := testfactory.Tenant(t, busy, nil)
	for range 3 {
		testfactory.Job(t, busy, tn, nil) // each leaves one pending outbox row: no workers run
	} // and so does the tenant's company row: 4 in all
	if _, err := busy.Exec(context.Background(), `INSERT INTO public.worker_heartbeats (worker_id, hostname, pid, seen_at)
		VALUES ('other/0', 'h', 1, now())`); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	servers := []*Server{{Config: config.Default(), Pool: busy, Log: log}, {Config: config.Default(), Pool: idle, Log: log}}
	var bodies []string
	for _, s := range servers {
		bodies = append(bodies, scrape(t, s))
	}
	for i, wants := range [][]string{
		{"zumodra_database_up 1", "zumodra_outbox_pending_rows 4", "zumodra_workers_alive 1", `zumodra_worker_heartbeat_age_seconds{worker_id="other/0"}`},
		{"zumodra_database_up 1", "zumodra_outbox_pending_rows 0", "zumodra_workers_alive 0", "go_goroutines", "zumodra_http_request_duration_seconds",
			`zumodra_notify_deliveries{channel="webhook",state="pending"} 0`, "zumodra_notify_oldest_due_age_seconds 0"},
	} {
		for _, want := range wants {
			if !strings.Contains(bodies[i], want) {
				t.Errorf("server %d: metrics lack %q", i, want)
			}
		}
	}
	if strings.Contains(bodies[1], "other/0") {
		t.Error("the second server reports the first one's workers")
	}
}

// scrape builds s's handler and reads /metrics twice, so that the request
// histogram has seen a request of this server.
func scrape(t *testing.T, s *Server) string {
	t.Helper()
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for range 2 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
		b, _ := io.ReadAll(w.Result().Body)
		if w.Code != http.StatusOK {
			t.Fatalf("metrics: %d %s", w.Code, b)
		}
		body = string(b)
	}
	return body
}

// Invented request methods add no metric series: they count as "other".
func TestMetricsMethodLabelsAreBounded(t *testing.T) {
	t.Parallel()
	s := &Server{Config: config.Default(), Pool: testdb.New(t), Log: slog.New(slog.DiscardHandler)}
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(fmt.Sprintf("BREW%d", i), "/careers/", nil))
	}
	body := scrape(t, s)
	if strings.Contains(body, `method="BREW`) || !strings.Contains(body, `method="other"`) {
		t.Fatal("invented methods must be labelled other")
	}
}

// With a token, /metrics wants it; with an address of its own, /metrics is
// served there and not on the site, and so are the runtime's profiles
// with --pprof, behind the same token.
func TestMetricsTokenAndAddress(t *testing.T) {
	t.Parallel()
	s, ln := newServer(t, nil)
	s.Config.MetricsToken, s.Config.MetricsAddr, s.Config.Pprof = "s3cret", "127.0.0.1:0", true
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	for _, path := range []string{"/metrics", "/debug/pprof/", "/debug/pprof/heap"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusNotFound {
			t.Errorf("%s on the site with an address of its own: %d", path, w.Code)
		}
	}
	msrv, mln, err := s.metricsServer()
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = msrv.Serve(mln) }()
	defer msrv.Close()
	for _, tc := range []struct {
		auth string
		want int
	}{{"", http.StatusUnauthorized}, {"Bearer wrong", http.StatusUnauthorized}, {"Bearer s3cret", http.StatusOK}} {
		for _, path := range []string{"/metrics", "/debug/pprof/heap?debug=1"} {
			req, _ := http.NewRequest(http.MethodGet, "http://"+mln.Addr().String()+path, nil)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("%s with %q: %d, want %d", path, tc.auth, resp.StatusCode, tc.want)
			}
			if path != "/metrics" && tc.want == http.StatusOK && !strings.Contains(string(body), "heap profile") {
				t.Errorf("%s: not a heap profile: %.200s", path, body)
			}
		}
	}
}

// /metrics passes promtool's lint (promtool check metrics runs the same
// promlint rules): names, units, suffixes and help texts as Prometheus
// recommends, so dashboards and alerts written against them follow the
// conventions operators expect.
func TestMetricsPassPromlint(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	testfactory.Job(t, pool, testfactory.Tenant(t, pool, nil), nil)
	body := scrape(t, &Server{Config: config.Default(), Pool: pool, Log: slog.New(slog.DiscardHandler)})
	problems, err := promlint.New(strings.NewReader(body)).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
}
