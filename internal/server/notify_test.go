package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/notify/notifytest"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// hook is one delivery a receiver accepted.
type hook struct {
	header http.Header
	body   []byte
}

// A serve process configured as a closed network's would be tells a
// tenant that its job went public and that someone applied, by signed
// webhook and by e-mail, with nobody calling anything but the APIs.
func TestServeDeliversWebhooksAndMail(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	smtpd := notifytest.StartSMTP(t)
	cfg := config.Default()
	cfg.HTTP.APIRateLimit, cfg.HTTP.FormRateLimit = 0, 0
	cfg.Sync = config.SyncTiming{VerifyInterval: -1, CleanupInterval: -1}
	cfg.Notify = config.Notify{WebhookAllowPrivate: true,
		SMTP: config.SMTP{Host: smtpd.Host, Port: smtpd.Port, From: "jobs@zumodra.example"}}
	log := slog.New(slog.DiscardHandler)
	pools, err := database.OpenPools(pool, cfg.DB, append(serveRolesForTest, database.RoleWorker)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pools.Close)
	workers, err := Workers(pools, 1, cfg.Sync, 0, cfg.Notify, log)
	if err != nil {
		t.Fatal(err)
	}
	hooks := make(chan hook, 10)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		hooks <- hook{r.Header.Clone(), b}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer recv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Config: cfg, Pool: pool, Pools: pools, Log: log, Background: workers}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String()
	tn, key, err := tenants.New(pool).Create(ctx, tenants.CreateParams{Slug: "hooked", Name: "Hooked Co"})
	if err != nil {
		t.Fatal(err)
	}
	call := func(method, path string, body any, status int, headers ...string) map[string]any {
		t.Helper()
		raw, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(raw))
		req.Header.Set("Authorization", "Bearer "+key.Secret)
		req.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != status {
			t.Fatalf("%s %s: %d %s, want %d", method, path, res.StatusCode, b, status)
		}
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		return m
	}
	ep := call("POST", "/api/v1/tenant/webhook-endpoints", map[string]any{"url": recv.URL,
		"events": []string{"listing.published", "application.created"}}, http.StatusCreated)
	secret := ep["secret"].(string)
	call("PATCH", "/api/v1/tenant/notification-settings", map[string]any{"email": "hr@hooked.example"}, http.StatusOK, "If-Match", `"v1"`)

	job := testfactory.Job(t, pool, tn, &testfactory.JobOpts{Title: "Hooked Engineer"})
	published := next(t, hooks, secret)
	if !strings.Contains(string(published.body), `"type":"listing.published"`) || !strings.Contains(string(published.body), fmt.Sprintf(`"id":%d`, job.ID)) {
		t.Fatalf("first delivery %s, want the job's listing.published", published.body)
	}
	var catID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM public.job_catalog WHERE tenant_id = $1 AND source_id = $2`, tn.ID, job.ID).Scan(&catID); err != nil {
		t.Fatal(err)
	}
	res, err := http.Post(fmt.Sprintf("%s/api/v1/careers/jobs/%d/applications", base, catID), "application/json",
		strings.NewReader(`{"name": "Ada Lovelace", "email": "ada@example.com", "resume_text": "Engines"}`))
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("apply: %v %v", res.Status, err)
	}
	res.Body.Close()
	applied := next(t, hooks, secret)
	if !strings.Contains(string(applied.body), `"type":"application.created"`) || !strings.Contains(string(applied.body), "Ada Lovelace") {
		t.Fatalf("second delivery %s, want the application", applied.body)
	}
	if m := smtpd.Next(t); m.To[0] != "hr@hooked.example" || !bytes.Contains(m.Data, []byte("Ada Lovelace")) {
		t.Fatalf("mail %+v", m)
	}
}

// next waits for the receiver's next delivery and verifies its signature.
func next(t *testing.T, hooks <-chan hook, secret string) hook {
	t.Helper()
	select {
	case h := <-hooks:
		if err := (&webhooks.Verifier{Secret: secret}).Verify(h.header, h.body); err != nil {
			t.Fatalf("delivery does not verify: %v", err)
		}
		return h
	case <-time.After(30 * time.Second):
		t.Fatal("no delivery reached the receiver")
	}
	return hook{}
}
