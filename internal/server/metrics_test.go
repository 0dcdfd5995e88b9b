package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
	}
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
		{"zumodra_database_up 1", "zumodra_outbox_pending_rows 3", "zumodra_workers_alive 1", `zumodra_worker_heartbeat_age_seconds{worker_id="other/0"}`},
		{"zumodra_database_up 1", "zumodra_outbox_pending_rows 0", "zumodra_workers_alive 0", "go_goroutines", "zumodra_http_request_duration_seconds"},
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
